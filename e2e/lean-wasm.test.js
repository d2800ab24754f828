// What the release WASM must not carry again (BENCHMARKS.md, "Issue 12"). Rust's float printer
// (Grisu, Dragon4 and their tables, ≈ 13 KB gzip) comes back with any `format!` of an `f64`,
// `{:?}` of one, or `f64::clamp` with computed bounds. The release build has no panic messages
// (scripts/dev.sh, lean_build), so the printer is found by its data: Grisu's table of cached
// powers of ten, whose first entry is the u64 0xe61acf033d1a45df (little-endian in the WASM;
// checked present in a small wasm32 build that formats an f64).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST } from './harness.js';

/** The app's release WASM in dist/. */
function wasmBytes() {
  const name = fs.readdirSync(DIST).find((f) => f.endsWith('_bg.wasm'));
  assert.ok(name, 'no WASM in dist/: run `scripts/dev.sh build` first');
  const bytes = fs.readFileSync(path.join(DIST, name));
  assert.ok(bytes.length > 100_000 && bytes.includes('shizhong'), `${name} is not the app's WASM`);
  return bytes;
}

test('the release WASM carries no float printer (numbers print through crate::number)', () => {
  const bytes = wasmBytes();
  const grisuFirstPower = Buffer.from('df451a3d03cf1ae6', 'hex');
  assert.equal(bytes.indexOf(grisuFirstPower), -1,
    `the WASM holds the float printer (Grisu's cached powers): an f64 is formatted with format!, {:?} or f64::clamp; use crate::number`);
});

test('the release WASM has no panic runtime (panics trap at once: scripts/dev.sh, lean_build)', () => {
  const bytes = wasmBytes();
  for (const marker of ['panicked at', 'called `Option::unwrap()` on a `None` value']) {
    assert.equal(bytes.indexOf(Buffer.from(marker)), -1, `the WASM holds "${marker}": build it with scripts/dev.sh build`);
  }
});

// The elementary functions are the browser's (src/math.rs). libm's sine and cosine carry the
// digits of 2/π for reducing large arguments (`rem_pio2_large`'s table, as i32s: 0xA2F983,
// 0x6E4E44, …), found in the WASM whenever an f64 method such as `sin` or `powf` is used.
test('the release WASM carries no libm (sin, cos, pow… are the browser\'s Math: src/math.rs)', () => {
  const twoOverPi = Buffer.from('83f9a200444e6e00', 'hex');
  assert.equal(wasmBytes().indexOf(twoOverPi), -1,
    'the WASM holds libm (the table of 2/π): an f64 method such as sin, atan2 or powf is called; use crate::math');
});
