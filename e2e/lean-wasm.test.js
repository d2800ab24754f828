// What the release WASM must not carry again (BENCHMARKS.md, "Issue 12"). Rust's float printer
// (Grisu, Dragon4 and their tables, ≈ 13 KB gzip) comes back with any `format!` of an `f64`,
// `{:?}` of one, or `f64::clamp` with computed bounds; its assertion texts ("d.mant > 0")
// are then in the data section, as they were in every build before `number::shortest`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST } from './harness.js';

test('the release WASM carries no float printer (numbers print through crate::number)', () => {
  const name = fs.readdirSync(DIST).find((f) => f.endsWith('_bg.wasm'));
  assert.ok(name, 'no WASM in dist/: run `trunk build --release` first');
  const bytes = fs.readFileSync(path.join(DIST, name));
  assert.ok(bytes.length > 100_000 && bytes.includes('shizhong'), `${name} is not the app's WASM`);
  for (const marker of ['d.mant > 0', 'd.mant.checked_sub', 'assertion failed: buf.len() >= ndigits']) {
    assert.ok(!bytes.includes(marker), `${name} holds the float printer ("${marker}"): an f64 is formatted with format!, {:?} or f64::clamp; use crate::number`);
  }
});
