// The benchmark's static server: serves one folder the way a static host would, with two
// switches — compression (off: every file as it is, like e2e/harness.js; on: brotli or gzip
// as the request's Accept-Encoding allows, from the pre-compressed FILE.br / FILE.gz when they
// exist, else compressed on the fly once and kept in memory) and the cache policy
// ('no-store' as the e2e server, or 'revalidate': `cache-control: no-cache` with ETag and
// Last-Modified, answering conditional requests with 304).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { isCompressible } from '../tools/precompress.js';

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
};

const EXTENSION = { br: '.br', gzip: '.gz' };

/**
 * The encoding to send for an Accept-Encoding header: 'br' if it is accepted, else 'gzip',
 * else null (identity). q=0 refuses a coding; `*` accepts any not named.
 */
export function chooseEncoding(acceptEncoding) {
  const q = new Map();
  for (const part of String(acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qp ? Number(qp.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepted = (coding) => (q.has(coding) ? q.get(coding) > 0 : (q.get('*') ?? 0) > 0);
  if (accepted('br')) return 'br';
  if (accepted('gzip')) return 'gzip';
  return null;
}

/** On-the-fly levels (what hosts use when compressing per request): gzip 6, brotli 5. */
function compressNow(bytes, encoding) {
  return encoding === 'br'
    ? zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
    : zlib.gzipSync(bytes, { level: 6 });
}

/**
 * Serve `dir` on a free port of 127.0.0.1. Options: `compress` (boolean), `cache`
 * ('no-store' | 'revalidate'). Returns {url, close, stats}: `stats` counts responses by
 * how they were served (identity, precompressed, on the fly, 304) so a run can show it.
 */
export async function serveStatic(dir, { compress = false, cache = 'no-store' } = {}) {
  const root = path.resolve(dir);
  const onTheFly = new Map(); // path + encoding + mtime → compressed bytes
  const stats = { identity: 0, precompressed: 0, onTheFly: 0, notModified: 0, notFound: 0 };

  function representation(file, stat, encoding) {
    if (!encoding) return { body: fs.readFileSync(file), how: 'identity' };
    const pre = file + EXTENSION[encoding];
    if (fs.existsSync(pre)) return { body: fs.readFileSync(pre), how: 'precompressed' };
    const key = `${file}\0${encoding}\0${stat.mtimeMs}\0${stat.size}`;
    if (!onTheFly.has(key)) onTheFly.set(key, compressNow(fs.readFileSync(file), encoding));
    return { body: onTheFly.get(key), how: 'onTheFly' };
  }

  const server = http.createServer((req, res) => {
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = path.join(root, urlPath.endsWith('/') ? urlPath + 'index.html' : urlPath);
    if (file !== root && !file.startsWith(root + path.sep)) { res.writeHead(403).end(); return; }
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      stat = null;
    }
    if (!stat || !stat.isFile()) {
      stats.notFound += 1;
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const encoding = compress && isCompressible(file) ? chooseEncoding(req.headers['accept-encoding']) : null;
    const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
    if (compress && isCompressible(file)) headers.vary = 'Accept-Encoding';
    if (encoding) headers['content-encoding'] = encoding;
    if (cache === 'revalidate') {
      // One ETag per representation (a gzip body is not the brotli body).
      const tag = crypto.createHash('sha1').update(`${stat.size}:${stat.mtimeMs}`).digest('hex').slice(0, 16);
      headers.etag = `"${tag}${encoding ? '-' + encoding : ''}"`;
      headers['last-modified'] = new Date(Math.floor(stat.mtimeMs / 1000) * 1000).toUTCString();
      headers['cache-control'] = 'no-cache';
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      const fresh = inm !== undefined
        ? inm.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === headers.etag || t === '*')
        : ims !== undefined && Date.parse(ims) >= Date.parse(headers['last-modified']);
      if (fresh) {
        stats.notModified += 1;
        res.writeHead(304, headers).end();
        return;
      }
    } else {
      headers['cache-control'] = 'no-store';
    }
    const { body, how } = representation(file, stat, encoding);
    stats[how] += 1;
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    stats,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}
