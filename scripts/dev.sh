#!/usr/bin/env bash
# One entry point for a fresh machine (registries only, no GitHub):
#   scripts/dev.sh serve   install what is missing, then serve the app on http://127.0.0.1:8080
#   scripts/dev.sh test    install what is missing, then run every test
#   scripts/dev.sh setup   only install what is missing
#   scripts/dev.sh build   install what is missing, then the release build into dist/ (trunk args follow)
# Every install step checks first and is skipped when already done, so a second run is fast.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

TRUNK_VERSION=0.21.14
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }
timed() { # timed LABEL CMD...: run and print how long it took
  local label=$1 start=$SECONDS; shift
  "$@"
  printf '    (%s: %ss)\n' "$label" $((SECONDS - start))
}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

setup() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "rustup target add wasm32-unknown-unknown"
    timed "wasm32 target" rustup target add wasm32-unknown-unknown
  fi
  if ! rustup component list --installed | grep -q '^rust-src'; then
    step "rustup component add rust-src (the release build rebuilds std for size)"
    timed "rust-src" rustup component add rust-src
  fi
  # trunk builds offline (Trunk.toml), so the crates the lean build rebuilds std from must be
  # in cargo's cache already: a bare machine has only the app's own after `cargo build`.
  lean cargo fetch --quiet --target wasm32-unknown-unknown
  if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
    step "cargo install trunk $TRUNK_VERSION (about 7 minutes on 2 cores)"
    timed "trunk" cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
  local wbg; wbg=$(wasm_bindgen_version)
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$wbg"; then
    step "cargo install wasm-bindgen-cli $wbg (about 2 minutes)"
    # Not --locked: one of its locked dependency versions is missing from the registry.
    timed "wasm-bindgen-cli" cargo install wasm-bindgen-cli --version "$wbg" --force
  fi
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
     || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "npm ci (wasm-opt from binaryen, playwright-core)"
    timed "npm" npm ci --no-audit --no-fund
  fi
  local pkgs=()
  command -v chromium >/dev/null || pkgs+=(chromium)
  command -v chromedriver >/dev/null || pkgs+=(chromium-driver)
  fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || pkgs+=(fonts-wqy-microhei)
  # pdftoppm: to look at the print test's PDF (KEEP_PRINT_PDF=1, see e2e/panels.test.js).
  command -v pdftoppm >/dev/null || pkgs+=(poppler-utils)
  if [ ${#pkgs[@]} -gt 0 ]; then
    step "apt-get install ${pkgs[*]}"
    timed "apt" bash -c "$(declare -f as_root); as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq ${pkgs[*]} >/dev/null"
  fi
}

# The release build: std rebuilt for size with panics that trap at once (no panic runtime, no
# message formatting: ≈ 20 KB gzip less WASM; BENCHMARKS.md, stop 23). The nightly flags are
# allowed on this stable toolchain by RUSTC_BOOTSTRAP, for the WASM only: post-build.sh's
# native CLI clears them. A panic then stops the page with src/app/panic.rs's message.
lean() {
  RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort" \
    "$@"
}
lean_build() { lean trunk build --release "$@"; }

build_release() {
  step "release build (scripts/dev.sh build)"
  timed "release build" lean_build
}

# The same release build with the panic-probe feature, into dist-probe/: only the browser test
# of the panic hook uses it (a `debug=panic` link panics there, and nowhere else).
build_probe() {
  step "release build --features panic-probe --dist dist-probe"
  timed "probe build" lean_build --features panic-probe --dist dist-probe
}

run_tests() {
  step "native tests (unit, doc, integration, property tests)"
  timed "cargo test" cargo test --all-targets
  cargo test --doc
  step "lints"
  cargo fmt --all -- --check
  cargo clippy --all-targets --quiet -- -D warnings
  # The page's code only compiles for the browser: lint it there too.
  cargo clippy --target wasm32-unknown-unknown --lib --bin shizhong-map --quiet -- -D warnings
  step "data check"
  cargo run --quiet --bin shizhong -- check geodata
  build_release
  build_probe
  step "browser tests (headless Chromium against dist/; the panic test against dist-probe/)"
  # A failing test can leave a server open: exit when the tests are done, and bound each test.
  timed "browser tests" node --test --test-concurrency=1 --test-force-exit --test-timeout=300000 e2e/
  step "benchmark smoke run (numbers are not checked: see BENCHMARKS.md)"
  timed "benchmark smoke" node bench/run.js --quick
}

case "${1:-}" in
  setup) setup ;;
  build) setup; shift; lean_build "$@" ;;
  serve) setup; lean trunk serve --release --no-autoreload ;;
  test) setup; run_tests ;;
  *) echo "usage: scripts/dev.sh serve|test|setup|build" >&2; exit 2 ;;
esac
