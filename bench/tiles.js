// The benchmark's fixture tile server: PNG tiles like a real basemap's, made here so that a run
// needs no network. Real basemaps send PNG, and a PNG is decoded and rasterised differently
// from the SVG tiles of e2e/tile-fixture.js, so the frames with tiles on measure what a reader
// gets. Each tile is 256×256 RGB (`@2x`: 512×512) with a tint and street-like lines that
// differ per z/x/y, plus a faint per-pixel grain, so that it compresses and decodes like a
// real tile (~10–30 KB) and no two tiles are the same image. Made once per tile and kept in
// memory; served with `cache-control: no-store` like the fresh-load server.
//
//   GET /bench/{z}/{x}/{y}.png      256 px
//   GET /bench/{z}/{x}/{y}@2x.png   512 px
//
// Anything else is a 404 and counted in `errors`, which bench/run.js turns into a failed run.
// addTileBasemap writes the `bench` provider for this server into a snapshot of the site.
import http from 'node:http';
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { mulberry32 } from './generate.js';
import { BENCH_DATA } from './profiles.js';
import { gzip, brotli } from '../tools/precompress.js';
import { stamp } from '../tools/sw-version.js';

export const TILE = 256;
export const TILE_PREFIX = 'bench/';

// ---------------------------------------------------------------- PNG

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A PNG of `rgb` (width × height × 3 bytes, rows top to bottom): 8-bit RGB, no filtering. */
export function encodePng(width, height, rgb) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  // compression, filter method, interlace: 0
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 3)] = 0; // filter type None
    rgb.copy(raw, y * (1 + width * 3) + 1, y * width * 3, (y + 1) * width * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- the picture

/** The pixels of tile z/x/y at `size` px: a tinted ground, blocks, streets, a grain. */
export function drawTile(z, x, y, size = TILE) {
  const s = size / TILE;
  const random = mulberry32(((z * 73856093) ^ (x * 19349663) ^ (y * 83492791)) >>> 0);
  const rgb = Buffer.alloc(size * size * 3);
  // A light ground whose tint drifts with x, y and z, as land use does on a real map.
  const base = [236 + (x % 7), 232 + (y % 9), 220 + (z % 5) * 3];
  for (let i = 0; i < size * size; i++) {
    // Grain of ±2 levels in runs of 2 px: enough to stop deflate from folding whole rows.
    const g = ((i >> 1) * 2654435761 >>> 28) % 5 - 2;
    rgb[i * 3] = base[0] + g;
    rgb[i * 3 + 1] = base[1] + g;
    rgb[i * 3 + 2] = base[2] + g;
  }
  const rect = (x0, y0, w, h, c) => {
    const xa = Math.max(0, Math.round(x0 * s)), xb = Math.min(size, Math.round((x0 + w) * s));
    const ya = Math.max(0, Math.round(y0 * s)), yb = Math.min(size, Math.round((y0 + h) * s));
    for (let py = ya; py < yb; py++) for (let px = xa; px < xb; px++) rgb.set(c, (py * size + px) * 3);
  };
  // Building blocks, each its own shade.
  for (let i = 0; i < 60; i++) {
    const v = 205 + Math.floor(random() * 25);
    rect(random() * TILE, random() * TILE, 6 + random() * 24, 6 + random() * 24, [v, v - 6, v - 14]);
  }
  // Streets: a few straight roads across the tile, one a wider main road.
  const line = (x0, y0, x1, y1, width, c) => {
    const n = Math.ceil(Math.hypot(x1 - x0, y1 - y0));
    for (let k = 0; k <= n; k++) {
      const t = k / n;
      rect(x0 + (x1 - x0) * t - width / 2, y0 + (y1 - y0) * t - width / 2, width, width, c);
    }
  };
  for (let i = 0; i < 6; i++) {
    const main = i === 0;
    const a = random() * TILE, b = random() * TILE;
    const [x0, y0, x1, y1] = random() < 0.5 ? [a, 0, b, TILE] : [0, a, TILE, b];
    line(x0, y0, x1, y1, main ? 9 : 5, [190, 180, 170]); // casing
    line(x0, y0, x1, y1, main ? 7 : 3, main ? [252, 214, 164] : [255, 255, 255]);
  }
  return rgb;
}

// ---------------------------------------------------------------- the server

/**
 * Start the tile server on a free port of 127.0.0.1. Returns its base `url`, the `template`
 * and `template2x` for a providers file, `stats` (tiles served, bytes, errors), `requests()`
 * (tile requests so far) and `close()`.
 */
export async function tileServer() {
  const cache = new Map(); // "z/x/y@2x" → PNG bytes
  const stats = { tiles: 0, bytes: 0, errors: [] };
  const server = http.createServer((req, res) => {
    const m = /^\/bench\/(\d+)\/(\d+)\/(\d+)(@2x)?\.png$/.exec(new URL(req.url, 'http://x').pathname);
    const [z, x, y] = m ? [+m[1], +m[2], +m[3]] : [];
    if (!m || z > 22 || x >= 2 ** z || y >= 2 ** z) {
      stats.errors.push(`${req.method} ${req.url}: not a tile`);
      res.writeHead(404, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' }).end('not a tile');
      return;
    }
    const key = `${z}/${x}/${y}${m[4] ?? ''}`;
    if (!cache.has(key)) {
      const size = m[4] ? 2 * TILE : TILE;
      cache.set(key, encodePng(size, size, drawTile(z, x, y, size)));
    }
    const body = cache.get(key);
    stats.tiles += 1;
    stats.bytes += body.length;
    res.writeHead(200, {
      'content-type': 'image/png',
      'content-length': body.length,
      'access-control-allow-origin': '*',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  server.on('clientError', (e, socket) => { stats.errors.push(`client error: ${e.message}`); socket.destroy(); });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return {
    url,
    template: `${url}${TILE_PREFIX}{z}/{x}/{y}.png`,
    template2x: `${url}${TILE_PREFIX}{z}/{x}/{y}@2x.png`,
    stats,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}

// ---------------------------------------------------------------- the providers file

/** Rewrite `file` (in the snapshot) with `text`, and its build-made .gz/.br, so none is stale. */
function rewrite(file, text) {
  fs.writeFileSync(file, text);
  const bytes = fs.readFileSync(file);
  if (fs.existsSync(file + '.gz')) fs.writeFileSync(file + '.gz', gzip(bytes));
  if (fs.existsSync(file + '.br')) fs.writeFileSync(file + '.br', brotli(bytes, !file.endsWith('.wasm')));
}

/**
 * The tiles page's basemap: the committed providers plus `bench` (the fixture tile server),
 * in the snapshot's geodata/basemaps.json and in every bench-data/N/ (named by its
 * manifest's `basemaps` key, as geodata/manifest.json names its own). The data files stay as
 * they are. The offline worker checks each cached file against the build's SHA-256, so the
 * snapshot is stamped again (tools/sw-version.js), unless the build switched the worker off.
 */
export function addTileBasemap(site, sizes, tiles) {
  const geodata = path.join(site, 'geodata');
  const manifest = JSON.parse(fs.readFileSync(path.join(geodata, 'manifest.json'), 'utf8'));
  if (typeof manifest.basemaps !== 'string') throw new Error('geodata/manifest.json names no basemaps file');
  const committed = JSON.parse(fs.readFileSync(path.join(geodata, manifest.basemaps), 'utf8'));
  const bench = {
    id: 'bench', name_zh: '基准测试瓦片', name_en: 'Benchmark tiles', datum: 'wgs84', max_zoom: 19,
    tiles: [tiles.template], tiles_2x: [tiles.template2x], subdomains: [], key: null,
    attribution_zh: '基准测试瓦片', attribution_en: 'Benchmark tiles',
  };
  const providers = JSON.stringify({ providers: [...committed.providers, bench] }, null, 1) + '\n';
  rewrite(path.join(geodata, manifest.basemaps), providers);
  for (const n of sizes) {
    const dir = path.join(site, BENCH_DATA, String(n));
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    rewrite(path.join(dir, 'basemaps.json'), providers);
    rewrite(path.join(dir, 'manifest.json'), JSON.stringify({ ...m, basemaps: 'basemaps.json' }) + '\n');
  }
  if (!/<meta name="shizhong-version" content="off">/.test(fs.readFileSync(path.join(site, 'index.html'), 'utf8'))) {
    stamp(site);
    for (const f of ['index.html', 'sw.js']) rewrite(path.join(site, f), fs.readFileSync(path.join(site, f)));
  }
}
