#!/usr/bin/env node
// Pre-compressed copies for static hosts: beside every text and WASM file of a folder, write
// FILE.gz (gzip -9) and FILE.br (brotli quality 11), so that nginx `gzip_static`/`brotli_static`,
// Caddy `precompressed` or Apache rewrite rules can serve them without compressing on each
// request (README, "Serving"). The release build runs it on trunk's staging folder (Trunk.toml).
//
//   node tools/precompress.js DIR      compress every matching file under DIR (recursively)
//
// Images (png) are already compressed and are left alone, as are existing .gz/.br files.
// Uses only Node's built-in zlib, which has both gzip and brotli.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** The extensions that get .gz and .br variants: one list, also used by the tests. */
export const COMPRESSIBLE = ['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.geojson', '.svg', '.txt', '.webmanifest'];

/** True when `file` should have pre-compressed variants. */
export const isCompressible = (file) => COMPRESSIBLE.includes(path.extname(file).toLowerCase());

export const gzip = (bytes) => zlib.gzipSync(bytes, { level: 9 });

export const brotli = (bytes, isText = true) => zlib.brotliCompressSync(bytes, {
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
    [zlib.constants.BROTLI_PARAM_MODE]: isText ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
  },
});

/** Every file under `dir` that should have variants (relative paths are not needed: absolute). */
export function compressibleFiles(dir) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && isCompressible(e.name))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}

/** Write FILE.gz and FILE.br beside every compressible file under `dir`; returns a summary. */
export function precompress(dir) {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`precompress: ${dir} is not a folder`);
  const summary = { files: 0, raw: 0, gzip: 0, brotli: 0 };
  for (const file of compressibleFiles(dir)) {
    const bytes = fs.readFileSync(file);
    const gz = gzip(bytes);
    const br = brotli(bytes, path.extname(file) !== '.wasm');
    fs.writeFileSync(file + '.gz', gz);
    fs.writeFileSync(file + '.br', br);
    summary.files += 1;
    summary.raw += bytes.length;
    summary.gzip += gz.length;
    summary.brotli += br.length;
  }
  return summary;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir || process.argv.length > 3) {
    console.error('usage: node tools/precompress.js DIR');
    process.exit(2);
  }
  try {
    const started = Date.now();
    const s = precompress(path.resolve(dir));
    const kb = (b) => (b / 1024).toFixed(0);
    console.error(`precompress: ${s.files} files, ${kb(s.raw)} KB → gzip ${kb(s.gzip)} KB, brotli ${kb(s.brotli)} KB (${Date.now() - started} ms)`);
  } catch (e) {
    console.error(String(e.message ?? e));
    process.exit(1);
  }
}
