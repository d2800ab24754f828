#!/bin/sh
# Trunk's post_build hook: runs in the repository with TRUNK_STAGING_DIR set to the build's
# staging folder. Each step draws from the same scene as the app, with the CLI.
set -eu
: "${TRUNK_STAGING_DIR:?run by trunk}"
# The native CLI, without the WASM build's nightly flags (scripts/dev.sh, lean_build).
shizhong() { env -u RUSTC_BOOTSTRAP -u CARGO_UNSTABLE_BUILD_STD cargo run --quiet --bin shizhong -- "$@"; }

# The Open Graph card (and a picture for pages that link the map): a warning if it fails.
shizhong export --format png --width 1200 --lang zh -o "$TRUNK_STAGING_DIR/preview.png" \
  || echo 'warning: preview.png was not made (see above)' >&2

# The pre-rendered first view in index.html: the build fails without it.
shizhong first-view "$TRUNK_STAGING_DIR/index.html"

# The offline worker stamped with the build's version, a hash of every file it caches
# (README, "Offline and repeat visits"): after every step that writes files it caches.
node tools/sw-version.js "$TRUNK_STAGING_DIR"

# Last, release builds only: .gz and .br beside every text and WASM file for static hosts
# (README, "Serving"). Any step that writes files goes before it.
[ "${TRUNK_PROFILE:-}" != release ] || node tools/precompress.js "$TRUNK_STAGING_DIR"
