// The release build's pre-compressed files (tools/precompress.js, run by Trunk.toml's
// post_build hook): every text and WASM file in dist/ has FILE.gz and FILE.br beside it, each
// decompressing to exactly the original bytes; and the benchmark's static server serves them
// the way a static host does (README, "Serving").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST } from './harness.js';
import { COMPRESSIBLE, compressibleFiles, precompress } from '../tools/precompress.js';
import { serveStatic, chooseEncoding } from '../bench/server.js';

test('every text and WASM file of dist/ has .gz and .br variants holding exactly its bytes', () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'dist/ is missing: run `scripts/dev.sh build` first');
  const files = compressibleFiles(DIST).filter((f) => !f.includes(`${path.sep}bench-data${path.sep}`));
  const rel = (f) => path.relative(DIST, f);
  // The build's own kinds are all there (so an empty or half-built dist/ cannot pass).
  for (const ext of ['.html', '.js', '.wasm', '.css', '.json', '.geojson', '.svg']) {
    assert.ok(files.some((f) => f.endsWith(ext)), `no ${ext} file in dist/`);
  }
  assert.ok(files.some((f) => fs.existsSync(f + '.gz')),
    'dist/ has no pre-compressed files: build it with `scripts/dev.sh build` (its post_build hook writes them)');
  for (const file of files) {
    const original = fs.readFileSync(file);
    for (const [suffix, decompress] of [['.gz', zlib.gunzipSync], ['.br', zlib.brotliDecompressSync]]) {
      assert.ok(fs.existsSync(file + suffix), `${rel(file)}${suffix} is missing`);
      const restored = decompress(fs.readFileSync(file + suffix));
      assert.ok(restored.equals(original), `${rel(file)}${suffix} does not decompress to ${rel(file)}`);
    }
  }
  // The largest file, the WASM, is really compressed (gzip -9 / brotli 11, not a stored copy).
  const wasm = files.find((f) => f.endsWith('.wasm'));
  const size = (f) => fs.statSync(f).size;
  assert.ok(size(wasm + '.gz') < size(wasm) * 0.6, 'the .wasm.gz is hardly smaller than the .wasm');
  assert.ok(size(wasm + '.br') < size(wasm + '.gz'), 'the .wasm.br is not smaller than the .wasm.gz');
});

test('images and the variants themselves get no variants', () => {
  assert.ok(!COMPRESSIBLE.includes('.png'));
  const stray = fs.readdirSync(DIST, { recursive: true })
    .filter((f) => /\.png\.(gz|br)$|\.(gz|br)\.(gz|br)$/.test(f));
  assert.deepEqual(stray, []);
});

let dir;
let server;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precompressed-test-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>' + '<p>地图 map</p>'.repeat(200));
  fs.mkdirSync(path.join(dir, 'data'));
  fs.writeFileSync(path.join(dir, 'data', 'a.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [] }).repeat(50));
  fs.writeFileSync(path.join(dir, 'app.wasm'), Buffer.alloc(4096, 7));
  precompress(dir);
  // Not pre-compressed: compressed on the fly.
  fs.writeFileSync(path.join(dir, 'late.json'), JSON.stringify({ late: true, pad: 'x'.repeat(2000) }));
  server = await serveStatic(dir, { compress: true, cache: 'revalidate' });
});
after(async () => {
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A raw GET (Node's fetch would decode the body and hide Content-Encoding handling). */
async function get(url, headers = {}) {
  const http = await import('node:http');
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('Accept-Encoding picks brotli, then gzip, then none; q=0 refuses', () => {
  assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br');
  assert.equal(chooseEncoding('gzip'), 'gzip');
  assert.equal(chooseEncoding('br;q=0, gzip;q=0.5'), 'gzip');
  assert.equal(chooseEncoding('*'), 'br');
  assert.equal(chooseEncoding('*, br;q=0'), 'gzip');
  assert.equal(chooseEncoding(''), null);
  assert.equal(chooseEncoding(undefined), null);
  assert.equal(chooseEncoding('identity'), null);
});

test('the bench server sends the pre-compressed file with its type, encoding and Vary', async () => {
  for (const [accept, encoding, suffix] of [['gzip, deflate, br', 'br', '.br'], ['gzip', 'gzip', '.gz']]) {
    const r = await get(server.url + 'data/a.geojson', { 'accept-encoding': accept });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/geo+json');
    assert.equal(r.headers['content-encoding'], encoding);
    assert.equal(r.headers.vary, 'Accept-Encoding');
    assert.ok(r.body.equals(fs.readFileSync(path.join(dir, 'data', 'a.geojson' + suffix))), `not the ${suffix} file`);
  }
  const wasm = await get(server.url + 'app.wasm', { 'accept-encoding': 'br' });
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  assert.equal(wasm.headers['content-encoding'], 'br');
  const plain = await get(server.url + 'index.html');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.ok(plain.body.equals(fs.readFileSync(path.join(dir, 'index.html'))));
});

test('files without variants are compressed on the fly; conditional requests get 304', async () => {
  const before = server.stats.onTheFly;
  const r = await get(server.url + 'late.json', { 'accept-encoding': 'gzip' });
  assert.equal(r.headers['content-encoding'], 'gzip');
  assert.ok(zlib.gunzipSync(r.body).equals(fs.readFileSync(path.join(dir, 'late.json'))));
  assert.equal(server.stats.onTheFly, before + 1);
  assert.equal(r.headers['cache-control'], 'no-cache');
  assert.match(r.headers.etag, /^"[0-9a-f]+-gzip"$/);
  const again = await get(server.url + 'late.json', { 'accept-encoding': 'gzip', 'if-none-match': r.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  // Another representation's tag does not match.
  const other = await get(server.url + 'late.json', { 'accept-encoding': 'br', 'if-none-match': r.headers.etag });
  assert.equal(other.status, 200);
  assert.equal(other.headers['content-encoding'], 'br');
  const since = await get(server.url + 'late.json', { 'if-modified-since': r.headers['last-modified'] });
  assert.equal(since.status, 304);
  assert.equal((await get(server.url + 'missing.json')).status, 404);
  assert.equal((await get(server.url + '..%2F..%2Fetc%2Fpasswd')).status, 403);
});
