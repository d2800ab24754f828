// One page load, measured: the browser side of the benchmark (bench/run.js drives it).
// Every failure is loud: an HTTP error, a failed request, an uncaught page error or a missing
// performance mark rejects the load, and the run reports it and exits non-zero.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { gzip, brotli } from '../tools/precompress.js';
import { emulate } from './profiles.js';

export const LOAD_TIMEOUT_MS = 180_000;
/** How long a page may take to go quiet (no request in flight for QUIET_MS) after its mark. */
const QUIET_TIMEOUT_MS = 60_000;
const QUIET_MS = 500;
/**
 * Between the first and the repeat visit: the reader looks at the map for a moment. Also lets
 * Chromium finish writing the first visit's files into the HTTP cache (and V8 the compiled
 * code of a large WASM beside its response).
 */
export const REVISIT_PAUSE_MS = 3000;
/** Once the old `map-drawn` mark is there, how long the newer marks may lag before it fails. */
const MARK_GRACE_MS = 2000;
/**
 * How long the first view's tiles may take to arrive (the tiles page): a phone's view needs
 * a few dozen tiles over 1.6 Mbit/s. Past it the load fails: its frames would measure the
 * download, not drawing with tiles.
 */
const TILES_TIMEOUT_MS = 60_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- in the page

// Installed before any page script: long tasks, and the app's wasm memory (wasm-bindgen's
// glue instantiates the module through WebAssembly.instantiateStreaming / instantiate; the
// app does not expose its exports, so we keep the instance's exported memory here).
const INIT_SCRIPT = `(() => {
  const b = (window.__bench = { longtasks: [], wasmMemories: [], longtaskError: null });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { b.longtaskError = String(e); }
  const keep = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result && result.instance;
    const memory = instance && instance.exports && instance.exports.memory;
    if (memory instanceof WebAssembly.Memory) b.wasmMemories.push(memory);
    return result;
  };
  const wrap = (name) => {
    const original = WebAssembly[name];
    if (typeof original !== 'function') return;
    WebAssembly[name] = function (...args) { return original.apply(this, args).then(keep); };
  };
  wrap('instantiateStreaming');
  wrap('instantiate');
})();`;

// With `countTiles`, also the fewest and most tile elements seen in a frame (the tiles page:
// proof that the frames were drawn with tiles; childElementCount costs next to nothing).
function startFrameRecorder(countTiles) {
  const r = (window.__frames = { deltas: [], running: true, t0: performance.now(), t1: 0, tiles: null });
  const layer = countTiles ? document.querySelector('.map-tiles') : null;
  let last = null;
  const tick = (t) => {
    if (last !== null) r.deltas.push(t - last);
    last = t;
    if (layer) {
      const n = layer.childElementCount;
      r.tiles = r.tiles ? { min: Math.min(r.tiles.min, n), max: Math.max(r.tiles.max, n) } : { min: n, max: n };
    }
    if (r.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function stopFrameRecorder() {
  const r = window.__frames;
  r.running = false;
  r.t1 = performance.now();
  const longtasks = window.__bench.longtasks.filter((l) => l.start + l.duration >= r.t0 && l.start <= r.t1);
  return { deltas: r.deltas, longtasks, ms: r.t1 - r.t0, tilesInFrames: r.tiles };
}

// ---------------------------------------------------------------- network

/**
 * Every http(s) request of one page, from CDP Network events: status, Content-Encoding,
 * bytes as transferred (`encodedDataLength`: headers and the body as sent, compressed or
 * not), and whether it came from the cache. An HTTP error or a failed (not cancelled)
 * request calls `onFailure`.
 */
function watchNetwork(cdp) {
  const w = { requests: new Map(), lastActivity: Date.now(), onFailure: () => {} };
  const fail = (message) => w.onFailure(new Error(message));
  const pathOf = (url) => new URL(url).pathname;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!/^https?:/.test(e.request.url)) return;
    w.requests.set(e.requestId, { url: e.request.url, status: null, wireStatus: wire.get(e.requestId) ?? null, encoding: null, transferred: 0, done: false, fromCache: false });
    w.lastActivity = Date.now();
  });
  // The status on the wire: a revalidated file is reported as its cached 200 by
  // responseReceived, its 304 only here (this event may come before or after that one).
  const wire = new Map();
  cdp.on('Network.responseReceivedExtraInfo', (e) => {
    wire.set(e.requestId, e.statusCode);
    const r = w.requests.get(e.requestId);
    if (r) r.wireStatus = e.statusCode;
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = w.requests.get(e.requestId);
    if (r) r.fromCache = true;
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = w.requests.get(e.requestId);
    if (!r) return;
    r.status = e.response.status;
    const h = Object.fromEntries(Object.entries(e.response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    r.encoding = h['content-encoding'] ?? null;
    if (e.response.fromDiskCache || e.response.fromPrefetchCache) r.fromCache = true;
    if (r.status >= 400) fail(`HTTP ${r.status} for ${pathOf(r.url)}`);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = w.requests.get(e.requestId);
    if (!r) return;
    r.transferred = e.encodedDataLength;
    r.done = true;
    w.lastActivity = Date.now();
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = w.requests.get(e.requestId);
    if (!r) return;
    r.done = true;
    w.lastActivity = Date.now();
    if (!e.canceled) fail(`${e.errorText} for ${pathOf(r.url)}`);
  });
  return w;
}

/** What the page has received so far: requests done, bytes as transferred, how each was served. */
function networkSummary(net) {
  const done = [...net.requests.values()].filter((r) => r.done && r.status !== null);
  const encodings = {};
  for (const r of done) {
    const e = r.status === 304 || r.wireStatus === 304 ? '304' : r.fromCache ? 'cache' : (r.encoding ?? 'identity');
    encodings[e] = (encodings[e] ?? 0) + 1;
  }
  return { requests: done.length, transferred: done.reduce((s, r) => s + r.transferred, 0), encodings, done };
}

async function networkQuiet(net, failed) {
  const t0 = Date.now();
  for (;;) {
    const pending = [...net.requests.values()].filter((r) => !r.done);
    if (!pending.length && Date.now() - net.lastActivity >= QUIET_MS) return;
    if (Date.now() - t0 > QUIET_TIMEOUT_MS) {
      throw new Error(`network not quiet ${QUIET_TIMEOUT_MS} ms after the mark: ${pending.map((r) => new URL(r.url).pathname).join(', ')}`);
    }
    await Promise.race([failed, sleep(100)]);
  }
}

// ---------------------------------------------------------------- pages

export async function newContext(browser, profile) {
  const context = await browser.newContext(profile.context);
  await context.addInitScript(INIT_SCRIPT);
  return context;
}

/** A new page in `context` emulating `profile`, its network watched; `failed` rejects on the first fault. */
async function openVisit(context, profile, { cacheDisabled }) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const net = watchNetwork(cdp);
  await emulate(cdp, profile, { cacheDisabled });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const v = { page, cdp, net, errors, failure: null };
  v.failed = new Promise((_, reject) => {
    const fail = (e) => { v.failure ??= e.message; reject(e); };
    net.onFailure = fail;
    page.on('pageerror', (e) => { errors.push(String(e)); fail(new Error(`page error: ${e}`)); });
  });
  v.failed.catch(() => {});
  return v;
}

/** A fault after the marks (a late request failing, an error thrown later) fails the load too. */
function checkNoFailure(v) {
  if (v.failure) throw new Error(v.failure);
}

async function navigate(v, url) {
  await Promise.race([v.failed, v.page.goto(url, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS })]);
}

/**
 * Wait for the page's marks and return their times (ms from navigation start). `visible` is
 * the earliest entry of its mark (a pre-rendered view marks it before the app starts).
 * A missing mark fails: never another mark in its place.
 */
export async function waitMarks(page, def, failed) {
  const names = { ...def.marks, legacy: 'map-drawn' };
  const read = () => page.evaluate((n) => {
    const first = (name) => {
      const e = performance.getEntriesByName(name, 'mark');
      return e.length ? Math.min(...e.map((x) => x.startTime)) : null;
    };
    return { visible: first(n.visible), interactive: first(n.interactive), legacy: first(n.legacy) };
  }, names);
  await Promise.race([failed, page.waitForFunction((n) => performance.getEntriesByName(n.interactive, 'mark').length > 0
    || performance.getEntriesByName(n.legacy, 'mark').length > 0, names, { timeout: LOAD_TIMEOUT_MS, polling: 100 })]);
  const deadline = Date.now() + MARK_GRACE_MS;
  for (;;) {
    const m = await read();
    if (m.interactive !== null) {
      if (m.visible === null) throw new Error(`performance mark '${def.marks.visible}' missing (the page set '${def.marks.interactive}')`);
      if (m.visible > m.interactive + 0.001) throw new Error(`'${def.marks.visible}' (${m.visible.toFixed(0)} ms) after '${def.marks.interactive}' (${m.interactive.toFixed(0)} ms)`);
      // A page that drew only part of its data (a file refused, named in its banner) measures
      // the wrong thing: fail, as for a missing mark.
      const problem = await page.evaluate(() => document.querySelector('.banner[role="alert"]')?.textContent ?? null);
      if (problem !== null) throw new Error(`the page reports a data problem: ${problem.trim().slice(0, 200)}`);
      return { visible: m.visible, interactive: m.interactive };
    }
    if (Date.now() > deadline) {
      throw new Error(`performance mark '${def.marks.interactive}' missing (the page set 'map-drawn': a build from before the marks?)`);
    }
    await Promise.race([failed, sleep(100)]);
  }
}

/**
 * Every performance mark of the page (earliest entry of each name) and when the WASM and the
 * app's JS glue had arrived (`responseEnd` of their resource entries): where the time goes.
 * Informational only (the app's phase marks may change); the two contract marks are read by
 * waitMarks.
 */
function readPhases(page) {
  return page.evaluate(() => {
    const out = {};
    for (const e of performance.getEntriesByType('mark')) out[e.name] = Math.min(out[e.name] ?? e.startTime, e.startTime);
    for (const r of performance.getEntriesByType('resource')) {
      const p = new URL(r.name).pathname;
      const key = p.endsWith('.wasm') ? 'wasm-received' : /shizhong-map-[^/]*\.js$/.test(p) ? 'js-received' : null;
      if (key) out[key] = r.responseEnd;
    }
    return out;
  });
}

// ---------------------------------------------------------------- the loads

/**
 * A fresh load (new context, cache disabled): marks, the files received (and their bytes as
 * transferred), memory after load, optionally a gesture. The files are those received by the
 * live map's mark, or with `settle`, by the time the network is quiet after it (the first
 * view's files, counted the same in every run).
 */
export async function timedLoad(browser, profile, def, url, { gesture, quick, settle = false, tileServer = null }) {
  const context = await newContext(browser, profile);
  try {
    const v = await openVisit(context, profile, { cacheDisabled: true });
    await navigate(v, url);
    const marks = await waitMarks(v.page, def, v.failed);
    if (settle) await networkQuiet(v.net, v.failed);
    const net = networkSummary(v.net);
    const files = net.done.map((r) => ({ url: new URL(r.url).pathname, kind: kindOf(r.url), transferred: r.transferred, encoding: r.encoding }));
    const transferred = net.transferred;
    const bench = await v.page.evaluate(() => ({ longtasks: window.__bench.longtasks.map((l) => l.duration), error: window.__bench.longtaskError }));
    if (bench.error) throw new Error(`no long-task observer in this browser: ${bench.error}`);
    // Memory after load, after a full GC.
    await v.page.waitForTimeout(200);
    await v.cdp.send('HeapProfiler.collectGarbage');
    const heap = await v.cdp.send('Runtime.getHeapUsage');
    const dom = await v.cdp.send('Memory.getDOMCounters');
    const wasm = await v.page.evaluate(() => {
      const m = window.__bench.wasmMemories;
      return m.length ? m.reduce((s, x) => s + x.buffer.byteLength, 0) : null;
    });
    const phases = await readPhases(v.page);
    const result = { ...marks, phases, settled: settle, transferred, files, encodings: net.encodings, jsHeap: heap.usedSize, wasm, domNodes: dom.nodes, loadLongtasks: bench.longtasks, errors: v.errors };
    if (def.tiles) result.tiles = await Promise.race([v.failed, waitTiles(v.page)]);
    if (gesture) result.gesture = await Promise.race([v.failed, runGesture(v.page, def, quick)]);
    if (def.tiles) {
      // After the gesture: the elements kept (a bounded set) and the tile requests of this load.
      result.tiles.after = await v.page.evaluate(() => document.querySelectorAll('.map-tiles img.tile').length);
      result.tiles.requests = [...v.net.requests.values()].filter((r) => r.url.startsWith(tileServer)).length;
      if (!result.tiles.requests) throw new Error(`tiles page: no request to the tile server ${tileServer}`);
    }
    checkNoFailure(v);
    return result;
  } finally {
    await context.close();
  }
}

/**
 * A first visit and, in the same browser profile after `pauseMs`, a repeat visit, with the
 * HTTP cache on (the server revalidates: no-cache, ETag, 304). Marks and transfers of both.
 * The profile is a new one on disk, as a returning visitor's browser has; in an off-the-record
 * context (`browser.newContext`, a private window) the same repeat visit gains much less.
 */
export async function repeatPair(profile, def, url, pauseMs = REVISIT_PAUSE_MS) {
  const { launchPersistent } = await import('../e2e/harness.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhong-bench-profile-'));
  const context = await launchPersistent(dir, profile.context);
  try {
    await context.addInitScript(INIT_SCRIPT);
    const visit = async (settle) => {
      const v = await openVisit(context, profile, { cacheDisabled: false });
      try {
        await navigate(v, url);
        const marks = await waitMarks(v.page, def, v.failed);
        const net = networkSummary(v.net);
        const phases = await readPhases(v.page);
        if (settle) await networkQuiet(v.net, v.failed);
        checkNoFailure(v);
        return { ...marks, phases, transferred: net.transferred, requests: net.requests, encodings: net.encodings, errors: v.errors };
      } finally {
        await v.page.close();
      }
    };
    const first = await visit(true);
    await sleep(pauseMs);
    const repeat = await visit(false);
    return { first, repeat };
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Wait until the first view's tiles are all there (loaded and decodable): then the gesture's
 * frames measure drawing with tiles, not their download. Returns when (ms from navigation
 * start) and how many; a tile that failed or never came fails the load, saying which.
 */
async function waitTiles(page) {
  const state = () => page.evaluate(() => {
    const all = [...document.querySelectorAll('.map-tiles img.tile')];
    const ready = all.filter((i) => i.complete && i.naturalWidth > 0);
    const failed = all.filter((i) => i.classList.contains('failed') || (i.complete && !i.naturalWidth));
    return { count: all.length, ready: ready.length, failed: failed.map((i) => i.dataset.tile), at: performance.now(), hash: location.hash };
  });
  const deadline = Date.now() + TILES_TIMEOUT_MS;
  for (;;) {
    const s = await state();
    if (s.failed.length) throw new Error(`tiles page: ${s.failed.length} tile(s) failed (${s.failed.slice(0, 3).join(', ')})`);
    if (s.count > 0 && s.ready === s.count) return { readyAt: s.at, before: s.count };
    if (Date.now() > deadline) {
      // No element at all: the app did not take the basemap (its link then drops `basemap=`).
      throw new Error(`tiles page: the first view's tiles not loaded after ${TILES_TIMEOUT_MS / 1000} s (${s.ready} of ${s.count} tile elements ready; the page's link: ${s.hash})`);
    }
    await sleep(100);
  }
}

/** Drag the map out and back in ~60 steps, then ~10 wheel events (half in, half out). */
async function runGesture(page, def, quick) {
  const box = await page.locator(def.mapSelector).first().boundingBox();
  if (!box) throw new Error(`gesture: no ${def.mapSelector} on the page`);
  const steps = quick ? 20 : 60;
  const wheels = quick ? 4 : 10;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // Out and back (20 % of the width each way), so the view stays near home and never runs
  // into the app's pan limit, where frames would get cheaper.
  const from = [cx - box.width * 0.1, cy - box.height * 0.05];
  const to = [cx + box.width * 0.1, cy + box.height * 0.05];
  await page.mouse.move(...from);
  await page.evaluate(startFrameRecorder, Boolean(def.tiles));
  await page.waitForTimeout(100);
  await page.mouse.down();
  await page.mouse.move(...to, { steps: steps / 2 });
  await page.mouse.move(...from, { steps: steps / 2 });
  await page.mouse.up();
  await page.mouse.move(cx, cy);
  for (let i = 0; i < wheels; i++) {
    await page.mouse.wheel(0, i < wheels / 2 ? -120 : 120);
    await page.waitForTimeout(50);
  }
  // Let the view settle (the app rebuilds markers when a gesture ends; Leaflet re-renders).
  await page.waitForTimeout(600);
  return page.evaluate(stopFrameRecorder);
}

// ---------------------------------------------------------------- sizes

export const KINDS = ['html', 'js', 'wasm', 'css', 'data', 'other'];

export function kindOf(url) {
  const p = new URL(url).pathname;
  if (p.endsWith('/') || p.endsWith('.html')) return 'html';
  if (p.endsWith('.js') || p.endsWith('.mjs')) return 'js';
  if (p.endsWith('.wasm')) return 'wasm';
  if (p.endsWith('.css')) return 'css';
  if (p.endsWith('.json') || p.endsWith('.geojson')) return 'data';
  return 'other';
}

const sizeCache = new Map(); // sha1 of the bytes → sizes
/**
 * raw / gzip -9 / brotli 11 sizes of the file behind `urlPath` in the served folder `site`:
 * the sizes of its pre-compressed variants when the build wrote them (the same settings,
 * tools/precompress.js), else compressed here (once per distinct content).
 */
export function fileSizes(site, urlPath) {
  const p = decodeURIComponent(urlPath);
  const file = path.join(site, p.endsWith('/') ? p + 'index.html' : p);
  if (!file.startsWith(site + path.sep) || !fs.existsSync(file)) throw new Error(`bytes: ${urlPath} is not a file of the served folder`);
  const body = fs.readFileSync(file);
  const key = crypto.createHash('sha1').update(body).digest('hex');
  if (!sizeCache.has(key)) {
    const variant = (suffix, make) => (fs.existsSync(file + suffix) ? fs.statSync(file + suffix).size : make(body).length);
    sizeCache.set(key, {
      raw: body.length,
      gzip: variant('.gz', gzip),
      brotli: variant('.br', (b) => brotli(b, path.extname(file) !== '.wasm')),
    });
  }
  return sizeCache.get(key);
}

/** Sums per kind and in total of a bytes load's files. */
export function sizeFiles(files) {
  const zero = () => ({ raw: 0, gzip: 0, brotli: 0, transferred: 0, files: 0 });
  const byKind = Object.fromEntries(KINDS.map((k) => [k, zero()]));
  const total = zero();
  for (const f of files) {
    for (const acc of [byKind[f.kind], total]) {
      acc.raw += f.raw; acc.gzip += f.gzip; acc.brotli += f.brotli; acc.transferred += f.transferred; acc.files += 1;
    }
  }
  return { byKind, total };
}
