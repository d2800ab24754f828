// A local tile server for the basemap tests: generated 256 px SVG tiles that mark known places
// (a magenta ring with a cross) at their true position in the tile's datum — WGS84 for
// `/wgs84/…`, GCJ-02 for `/gcj02/…` — so a test can check that our markers lie on the marks.
// `/missing/…` answers 404, `/abort/…` cuts the connection. Every request is counted by path.
// The WGS84 and GCJ-02 tiles allow any page to read them (CORS, as OpenStreetMap's do);
// `/nocors/…` are WGS84 tiles without that header; `/slow/…` WGS84 tiles sent after SLOW_MS.
//
// The GCJ-02 transform here is written out independently of src/geometry/datum.rs (the
// published "eviltransform" polynomial), so a mistake there cannot hide itself.
import http from 'node:http';

export const TILE = 256;
/** How long `/slow/…` tiles take. */
export const SLOW_MS = 1500;
/** Radius of the ring that marks a place, tile pixels. */
export const MARK_RADIUS = 9;

const A = 6378245.0;
const EE = 0.00669342162296594323;

function tLat(x, y) {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += (20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2 / 3;
  r += (20 * Math.sin(y * Math.PI) + 40 * Math.sin(y / 3 * Math.PI)) * 2 / 3;
  r += (160 * Math.sin(y / 12 * Math.PI) + 320 * Math.sin(y * Math.PI / 30)) * 2 / 3;
  return r;
}

function tLon(x, y) {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += (20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2 / 3;
  r += (20 * Math.sin(x * Math.PI) + 40 * Math.sin(x / 3 * Math.PI)) * 2 / 3;
  r += (150 * Math.sin(x / 12 * Math.PI) + 300 * Math.sin(x / 30 * Math.PI)) * 2 / 3;
  return r;
}

/** WGS84 → GCJ-02 (mainland China only; elsewhere unchanged). */
export function wgsToGcj([lon, lat]) {
  if (lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271) return [lon, lat];
  let dLat = tLat(lon - 105, lat - 35);
  let dLon = tLon(lon - 105, lat - 35);
  const rad = lat / 180 * Math.PI;
  const magic = 1 - EE * Math.sin(rad) ** 2;
  const sq = Math.sqrt(magic);
  dLat = (dLat * 180) / ((A * (1 - EE)) / (magic * sq) * Math.PI);
  dLon = (dLon * 180) / (A / sq * Math.cos(rad) * Math.PI);
  return [lon + dLon, lat + dLat];
}

/** A position at tile level `z`, in tile pixels of the whole pyramid (slippy-map convention). */
export function pyramidPx([lon, lat], z) {
  const n = TILE * 2 ** z;
  const s = Math.sin(lat * Math.PI / 180);
  return [(lon + 180) / 360 * n, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n];
}

/** Where a WGS84 place is marked on tiles of `datum` at level z: its tile and its pixel in it. */
export function markOf(place, datum, z) {
  const at = datum === 'gcj02' ? wgsToGcj(place) : place;
  const [px, py] = pyramidPx(at, z);
  const x = Math.floor(px / TILE), y = Math.floor(py / TILE);
  return { tile: `${z}/${x}/${y}`, dx: px - x * TILE, dy: py - y * TILE };
}

function tileSvg(places, datum, z, x, y) {
  const marks = [];
  for (const p of places) {
    const m = markOf(p, datum, z);
    // Marks near an edge are drawn on both tiles (each tile clips its own part).
    for (const [ox, oy] of [[0, 0], [-1, 0], [1, 0], [0, -1], [0, 1]]) {
      if (m.tile !== `${z}/${x + ox}/${y + oy}`) continue;
      const cx = (m.dx + ox * TILE).toFixed(2), cy = (m.dy + oy * TILE).toFixed(2);
      marks.push(`<circle cx="${cx}" cy="${cy}" r="${MARK_RADIUS}" fill="none" stroke="#ff00ff" stroke-width="3"/>` +
        `<path d="M${cx} ${+cy - 4}V${+cy + 4}M${+cx - 4} ${cy}H${+cx + 4}" stroke="#ff00ff" stroke-width="1.5"/>`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${TILE}" height="${TILE}" viewBox="0 0 ${TILE} ${TILE}">` +
    `<rect width="${TILE}" height="${TILE}" fill="#f2efe6" stroke="#c8c2b4" stroke-width="1"/>` +
    `<text x="6" y="16" font-size="11" fill="#9a9486">${datum} ${z}/${x}/${y}</text>${marks.join('')}</svg>`;
}

/**
 * Start the fixture server for `places` (WGS84 [lon, lat] pairs). Returns its base URL,
 * `requests(prefix)` (how many requests began with that path) and `close()`.
 */
export async function tileServer(places) {
  const seen = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    seen.push(url.pathname);
    const m = /^\/(wgs84|gcj02|nocors|slow|missing|abort)\/(\d+)\/(\d+)\/(\d+)\.svg$/.exec(url.pathname);
    if (!m) { res.writeHead(404).end(); return; }
    const [, kind, z, x, y] = m;
    if (kind === 'missing') { res.writeHead(404, { 'content-type': 'text/plain' }).end('no tile'); return; }
    if (kind === 'abort') { req.socket.destroy(); return; }
    const cors = kind === 'nocors' ? {} : { 'access-control-allow-origin': '*' };
    const send = () => res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'no-store', ...cors })
      .end(tileSvg(places, kind === 'gcj02' ? 'gcj02' : 'wgs84', +z, +x, +y));
    if (kind === 'slow') setTimeout(send, SLOW_MS);
    else send();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests: (prefix) => seen.filter((p) => p.startsWith(prefix)).length,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}
