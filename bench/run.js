#!/usr/bin/env node
// The benchmark: our app (dist/) against a minimal Leaflet 1.9 page drawing the same GeoJSON,
// with the real data and with 1 000 / 10 000 / 50 000 generated markers, plus the native
// pipeline (cargo bench --bench native). See BENCHMARKS.md for what is measured and how.
//
//   node bench/run.js            full run (several minutes); writes BENCHMARKS.md
//   node bench/run.js --quick    smoke run for CI (< 60 s): 1 000 markers only, 3 loads, a
//                                short gesture, no native bench; writes nothing unless --write
//
// Options: --write / --no-write, --loads N (timed loads per page and data set),
// --gestures N (gesture runs per page and data set), --sizes 1000,10000,
// --native / --no-native (the cargo bench; off by default with --quick), --json FILE (raw).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const BENCH_DATA = 'bench-data';
const LEAFLET_DIR = 'bench-leaflet';
const VIEWPORT = { width: 1280, height: 800 };
const LOAD_TIMEOUT_MS = 180_000;
const FRAME_BUDGET_MS = 1000 / 60;

// ---------------------------------------------------------------- options

function parseArgs(argv) {
  const o = { quick: false, write: null, loads: null, gestures: null, sizes: null, native: null, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--quick') o.quick = true;
    else if (a === '--write') o.write = true;
    else if (a === '--no-write') o.write = false;
    else if (a === '--loads') o.loads = Number(value());
    else if (a === '--gestures') o.gestures = Number(value());
    else if (a === '--sizes') o.sizes = value().split(',').map(Number);
    else if (a === '--no-native') o.native = false;
    else if (a === '--native') o.native = true;
    else if (a === '--json') o.json = path.resolve(value());
    else if (a === '--help' || a === '-h') {
      console.log('usage: node bench/run.js [--quick] [--write|--no-write] [--loads N] [--gestures N] [--sizes 1000,10000,50000] [--native|--no-native] [--json FILE]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  o.write ??= !o.quick;
  // The release build of the native bench alone can take minutes on a cold target/; CI
  // already runs it once as a smoke test (`cargo test --all-targets`).
  o.native ??= !o.quick;
  o.loads ??= o.quick ? 3 : 10;
  o.gestures ??= o.quick ? 1 : 3;
  o.sizes ??= o.quick ? [1000] : [1000, 10000, 50000];
  if (o.sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('bad --sizes');
  if (!(o.loads >= 1 && o.gestures >= 0 && o.gestures <= o.loads)) throw new Error('bad --loads/--gestures');
  return o;
}

const log = (...a) => console.error('[bench]', ...a);

// ---------------------------------------------------------------- set-up

function withToolPath(env = process.env) {
  const extra = [path.join(ROOT, 'node_modules/.bin'), path.join(os.homedir(), '.cargo/bin')];
  return { ...env, PATH: [...extra, env.PATH].join(path.delimiter) };
}

function ensureDist() {
  if (fs.existsSync(path.join(DIST, 'index.html'))) return;
  log('dist/ is missing: trunk build --release');
  const r = spawnSync('trunk', ['build', '--release'], { cwd: ROOT, stdio: 'inherit', env: withToolPath() });
  if (r.status !== 0) throw new Error('trunk build --release failed');
}

/** Generated data into dist/bench-data/N/ (where the app can load it with ?data=…). */
function prepare(sizes) {
  for (const n of sizes) {
    const t = Date.now();
    const { bytes } = generate(n, path.join(DIST, BENCH_DATA, String(n)));
    log(`generated ${n} markers (${(bytes / 1e6).toFixed(1)} MB) in ${Date.now() - t} ms`);
  }
}

/**
 * The folder to serve: a snapshot of dist/ (with bench-data/) in a temporary folder, plus the
 * Leaflet page and leaflet.js/leaflet.css in bench-leaflet/. A snapshot, so that every number
 * of one run comes from one build even when someone runs `trunk build` (which empties dist/)
 * in the meantime.
 */
function snapshot(sizes) {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhong-bench-'));
  fs.cpSync(DIST, site, { recursive: true });
  if (!fs.existsSync(path.join(site, 'index.html'))) throw new Error('dist/ was emptied while copying it; run again');
  for (const n of sizes) {
    // dist/ may have been rebuilt (and bench-data/ removed) since prepare().
    const dir = path.join(site, BENCH_DATA, String(n));
    if (!fs.existsSync(path.join(dir, 'manifest.json'))) generate(n, dir);
  }
  const out = path.join(site, LEAFLET_DIR);
  fs.mkdirSync(out, { recursive: true });
  for (const f of ['index.html', 'main.js']) fs.copyFileSync(path.join(ROOT, 'bench/leaflet', f), path.join(out, f));
  for (const f of ['leaflet.js', 'leaflet.css']) {
    fs.copyFileSync(path.join(ROOT, 'node_modules/leaflet/dist', f), path.join(out, f));
  }
  return site;
}

function runNative(quick) {
  log(`cargo bench --bench native${quick ? ' -- --quick' : ''}`);
  const args = ['bench', '--bench', 'native', '--', '--json', ...(quick ? ['--quick'] : [])];
  const r = spawnSync('cargo', args, { cwd: ROOT, encoding: 'utf8', env: withToolPath(), maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    log('native benchmark failed:\n' + (r.stderr ?? '').split('\n').slice(-15).join('\n'));
    return null;
  }
  const line = r.stdout.split('\n').find((l) => l.startsWith('json: '));
  return line ? JSON.parse(line.slice(6)) : null;
}

// ---------------------------------------------------------------- in the page

// Installed before any page script: long tasks, and the app's wasm memory (wasm-bindgen's
// glue instantiates the module through WebAssembly.instantiateStreaming / instantiate; the
// app does not expose its exports, so we keep the instance's exported memory here).
const INIT_SCRIPT = `(() => {
  const b = (window.__bench = { longtasks: [], wasmMemories: [] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
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

function startFrameRecorder() {
  const r = (window.__frames = { deltas: [], running: true, t0: performance.now(), t1: 0 });
  let last = null;
  const tick = (t) => {
    if (last !== null) r.deltas.push(t - last);
    last = t;
    if (r.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function stopFrameRecorder() {
  const r = window.__frames;
  r.running = false;
  r.t1 = performance.now();
  const longtasks = window.__bench.longtasks.filter((l) => l.start + l.duration >= r.t0 && l.start <= r.t1);
  return { deltas: r.deltas, longtasks, ms: r.t1 - r.t0 };
}

// ---------------------------------------------------------------- one page load

const PAGES = {
  ours: {
    name: 'ours',
    url: (base, data) => base + 'index.html' + (data === 'real' ? '' : `?data=${BENCH_DATA}/${data}/`),
    mapSelector: 'svg.map-svg',
  },
  leaflet: {
    name: 'Leaflet',
    url: (base, data) => base + `${LEAFLET_DIR}/index.html?data=` + (data === 'real' ? '../geodata/' : `../${BENCH_DATA}/${data}/`),
    mapSelector: '#map',
  },
};

async function openPage(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(INIT_SCRIPT);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  // Rejects on the first failed response or uncaught error: a load that cannot draw.
  const failed = new Promise((_, reject) => {
    page.on('response', (r) => {
      if (r.status() >= 400) reject(new Error(`HTTP ${r.status()} for ${new URL(r.url()).pathname}`));
    });
    page.on('pageerror', (e) => { errors.push(String(e)); reject(new Error(`page error: ${e}`)); });
  });
  failed.catch(() => {});
  return { context, page, cdp, errors, failed };
}

/** Wait for the 'map-drawn' mark; fail at once if a file is missing or the page throws. */
async function waitDrawn(page, failed) {
  await Promise.race([failed, page.waitForFunction(() => performance.getEntriesByName('map-drawn').length > 0,
    null, { timeout: LOAD_TIMEOUT_MS, polling: 100 })]);
  return page.evaluate(() => performance.getEntriesByName('map-drawn')[0].startTime);
}

/** Load once, keeping every response body: the first view's bytes. */
async function measureBytes(browser, url) {
  const { context, page, errors, failed } = await openPage(browser);
  const pending = [];
  page.on('response', (r) => pending.push((async () => {
    let body = null;
    let refetched = false;
    try {
      body = await r.body();
    } catch {
      // Chromium keeps only ~10 MB of bodies for the debugger: fetch bigger ones (our static
      // files, so the same bytes) again from the server.
      if (r.status() === 200 && r.url().startsWith('http://127.0.0.1')) {
        try {
          body = Buffer.from(await (await fetch(r.url())).arrayBuffer());
          refetched = true;
        } catch { /* leave it out */ }
      }
    }
    return { url: r.url(), status: r.status(), body, refetched };
  })()));
  try {
    await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    await waitDrawn(page, failed);
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
    return { responses: await Promise.all(pending), errors };
  } finally {
    await context.close();
  }
}

const quantile = (sorted, q) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
const median = (v) => quantile([...v].sort((a, b) => a - b), 0.5);

/** A fresh load: time to map-drawn, memory after load, and (optionally) a gesture. */
async function timedLoad(browser, def, url, { gesture, quick }) {
  const { context, page, cdp, errors, failed } = await openPage(browser);
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS });
    const drawn = await waitDrawn(page, failed);
    const loadLongtasks = await page.evaluate(() => window.__bench.longtasks.map((l) => l.duration));
    // Memory after load, after a full GC.
    await page.waitForTimeout(200);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const dom = await cdp.send('Memory.getDOMCounters');
    const wasm = await page.evaluate(() => {
      const m = window.__bench.wasmMemories;
      return m.length ? m.reduce((s, x) => s + x.buffer.byteLength, 0) : null;
    });
    const result = { drawn, jsHeap: heap.usedSize, wasm, domNodes: dom.nodes, loadLongtasks, errors };
    if (gesture) result.gesture = await runGesture(page, def, quick);
    return result;
  } finally {
    await context.close();
  }
}

/** Drag the map out and back in ~60 steps, then ~10 wheel events (half in, half out). */
async function runGesture(page, def, quick) {
  const box = await page.locator(def.mapSelector).first().boundingBox();
  const steps = quick ? 20 : 60;
  const wheels = quick ? 4 : 10;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // Out and back (20 % of the width each way), so the view stays near home and never runs
  // into the app's pan limit, where frames would get cheaper.
  const from = [cx - box.width * 0.1, cy - box.height * 0.05];
  const to = [cx + box.width * 0.1, cy + box.height * 0.05];
  await page.mouse.move(...from);
  await page.evaluate(startFrameRecorder);
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

const KINDS = ['html', 'js', 'wasm', 'css', 'data', 'other'];

function kindOf(url) {
  const p = new URL(url).pathname;
  if (p.endsWith('/') || p.endsWith('.html')) return 'html';
  if (p.endsWith('.js') || p.endsWith('.mjs')) return 'js';
  if (p.endsWith('.wasm')) return 'wasm';
  if (p.endsWith('.css')) return 'css';
  if (p.endsWith('.json') || p.endsWith('.geojson')) return 'data';
  return 'other';
}

const compressCache = new Map();
function compressed(body) {
  const key = crypto.createHash('sha1').update(body).digest('hex');
  if (!compressCache.has(key)) {
    compressCache.set(key, {
      gzip: zlib.gzipSync(body, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(body, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }).length,
    });
  }
  return compressCache.get(key);
}

function sizeResponses(responses) {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, { raw: 0, gzip: 0, brotli: 0, files: 0 }]));
  for (const r of responses) {
    if (!r.body) continue;
    const k = byKind[kindOf(r.url)];
    const c = compressed(r.body);
    k.raw += r.body.length; k.gzip += c.gzip; k.brotli += c.brotli; k.files += 1;
  }
  const total = { raw: 0, gzip: 0, brotli: 0, files: 0 };
  for (const k of KINDS) for (const f of Object.keys(total)) total[f] += byKind[k][f];
  return { byKind, total };
}

// ---------------------------------------------------------------- one data set

function summarise(loads) {
  const ok = loads.filter((l) => !l.error);
  const drawn = ok.map((l) => l.drawn).sort((a, b) => a - b);
  const frames = ok.flatMap((l) => l.gesture?.deltas ?? []).sort((a, b) => a - b);
  const longtasks = ok.flatMap((l) => l.gesture?.longtasks ?? []);
  const gestures = ok.filter((l) => l.gesture).length;
  return {
    loads: ok.length,
    failures: loads.filter((l) => l.error).map((l) => l.error),
    drawn: { median: quantile(drawn, 0.5), min: drawn[0], max: drawn[drawn.length - 1] },
    frames: {
      gestures,
      count: frames.length,
      p50: quantile(frames, 0.5),
      p95: quantile(frames, 0.95),
      max: frames[frames.length - 1],
      longtasks: longtasks.length,
      longtaskMax: longtasks.reduce((m, l) => Math.max(m, l.duration), 0),
    },
    loadLongtaskMax: median(ok.map((l) => Math.max(0, ...l.loadLongtasks))),
    jsHeap: median(ok.map((l) => l.jsHeap)),
    wasm: ok.some((l) => l.wasm !== null) ? median(ok.map((l) => l.wasm ?? 0)) : null,
    domNodes: median(ok.map((l) => l.domNodes)),
    errors: [...new Set(ok.flatMap((l) => l.errors))].slice(0, 5),
  };
}

async function benchData(browser, base, data, opts) {
  const result = {};
  for (const key of Object.keys(PAGES)) {
    const url = PAGES[key].url(base, data);
    log(`${data} · ${PAGES[key].name}: bytes (${url.replace(base, '/')})`);
    try {
      const { responses, errors } = await measureBytes(browser, url);
      result[key] = { url: url.replace(base, '/'), bytes: sizeResponses(responses), loads: [], bytesErrors: errors };
    } catch (e) {
      result[key] = { url: url.replace(base, '/'), bytes: null, loads: [], bytesErrors: [String(e)] };
    }
  }
  // Alternate the two pages so that drift on this shared machine hits both alike.
  for (let i = 0; i < opts.loads; i++) {
    for (const key of Object.keys(PAGES)) {
      const url = PAGES[key].url(base, data);
      try {
        const l = await timedLoad(browser, PAGES[key], url, { gesture: i < opts.gestures, quick: opts.quick });
        result[key].loads.push(l);
        log(`${data} · ${PAGES[key].name}: load ${i + 1}/${opts.loads}: map-drawn ${l.drawn.toFixed(0)} ms`
          + (l.gesture ? `, gesture ${l.gesture.deltas.length} frames, ${l.gesture.longtasks.length} long tasks` : ''));
      } catch (e) {
        result[key].loads.push({ error: String(e).split('\n')[0] });
        log(`${data} · ${PAGES[key].name}: load ${i + 1} failed: ${String(e).split('\n')[0]}`);
      }
    }
  }
  for (const key of Object.keys(PAGES)) result[key].summary = summarise(result[key].loads);
  return result;
}

// ---------------------------------------------------------------- report

const dataLabel = (d) => (d === 'real' ? 'real' : `${Number(d).toLocaleString('en')} markers`);
const kb = (b) => (b / 1024).toFixed(b < 10240 ? 1 : 0);
const mb = (b) => (b / 1048576).toFixed(1);
const f1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const f0 = (v) => (Number.isFinite(v) ? v.toFixed(0) : '–');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–');

function table(results, native) {
  const head = ['data', 'page', 'first view KB raw / gzip / br', 'map-drawn ms median (min–max)',
    'frame ms p50 / p95 / max', 'long tasks in gesture: n (max ms)', 'JS heap MB', 'wasm mem MB', 'DOM nodes',
    'native ms parse / validate / world / scene'];
  const rows = [];
  for (const [data, r] of results) {
    const nat = native?.find((n) => n.data === String(data));
    for (const key of Object.keys(PAGES)) {
      const s = r[key].summary;
      const b = r[key].bytes?.total;
      rows.push([
        dataLabel(data),
        PAGES[key].name,
        b ? `${kb(b.raw)} / ${kb(b.gzip)} / ${kb(b.brotli)}` : 'failed',
        s.loads ? `${f0(s.drawn.median)} (${f0(s.drawn.min)}–${f0(s.drawn.max)})` + (s.failures.length ? ` ${s.failures.length} failed` : '') : 'failed',
        s.frames.count ? `${f1(s.frames.p50)} / ${f1(s.frames.p95)} / ${f1(s.frames.max)}` : '–',
        s.frames.gestures ? `${s.frames.longtasks} (${f0(s.frames.longtaskMax)})` : '–',
        s.loads ? mb(s.jsHeap) : '–',
        s.wasm === null ? 'n/a' : mb(s.wasm),
        s.loads ? String(s.domNodes) : '–',
        key === 'ours' && nat ? `${f1(nat.parse_ms)} / ${f1(nat.validate_ms)} / ${f1(nat.world_ms)} / ${f1(nat.scene_ms)}` : '',
      ]);
    }
    const o = r.ours.summary;
    const l = r.leaflet.summary;
    rows.push(['', '**ours / Leaflet**',
      ratio(r.ours.bytes?.total.gzip, r.leaflet.bytes?.total.gzip) + ' (gzip)',
      ratio(o.drawn.median, l.drawn.median),
      ratio(o.frames.p95, l.frames.p95) + ' (p95)',
      '',
      ratio(o.jsHeap + (o.wasm ?? 0), l.jsHeap) + ' (heap + wasm)',
      '', ratio(o.domNodes, l.domNodes), '']);
  }
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i < 2 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

function bytesTable(results) {
  const head = ['data', 'page', ...KINDS.map((k) => `${k} KB gzip`), 'total KB gzip', 'files'];
  const rows = [];
  for (const [data, r] of results) {
    for (const key of Object.keys(PAGES)) {
      const b = r[key].bytes;
      if (!b) continue;
      rows.push([dataLabel(data), PAGES[key].name, ...KINDS.map((k) => (b.byKind[k].files ? kb(b.byKind[k].gzip) : '–')),
        kb(b.total.gzip), String(b.total.files)]);
    }
  }
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i < 2 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

function targets(results, sizes) {
  const out = [];
  const mark = (ok) => (ok === null ? '–' : ok ? 'met' : 'NOT met');
  // 1. First-view bytes, real data.
  const real = results.get('real') ?? results.get(String(sizes[0]));
  const label = results.has('real') ? 'real data' : `${sizes[0]} markers`;
  const gz = real?.ours.bytes?.total.gzip;
  out.push(`- First-view bytes ≤ 150 KB gzipped (${label}): ${gz ? kb(gz) + ' KB' : '–'} — ${mark(gz ? gz <= 150 * 1024 : null)}`);
  // 2. Map drawn no later than Leaflet's, per data set.
  const drawn = [...results].map(([d, r]) => {
    const o = r.ours.summary.drawn.median;
    const l = r.leaflet.summary.drawn.median;
    return { d, o, l, ok: Number.isFinite(o) && Number.isFinite(l) ? o <= l : null };
  });
  out.push(`- Map drawn no later than Leaflet's (median): ${drawn.map((x) => `${x.d}: ${f0(x.o)} vs ${f0(x.l)} ms ${mark(x.ok)}`).join('; ')}`);
  // 3. Frames at 10 000 markers.
  const r10 = results.get('10000');
  if (r10) {
    const f = r10.ours.summary.frames;
    const ok = f.count ? f.p95 <= FRAME_BUDGET_MS + 0.5 && f.longtaskMax <= 50 : null;
    out.push(`- p95 frame ≤ 16.7 ms and no long task > 50 ms while panning/zooming at 10 000 markers: p95 ${f1(f.p95)} ms, ${f.longtasks} long task(s), longest ${f0(f.longtaskMax)} ms — ${mark(ok)}`);
  } else {
    out.push('- p95 frame ≤ 16.7 ms / no long task > 50 ms at 10 000 markers: not measured in this run');
  }
  // 4. Memory no faster than linear in markers.
  const ns = sizes.filter((n) => results.get(String(n))?.ours.summary.loads).sort((a, b) => a - b);
  if (ns.length >= 3) {
    const mem = (n) => results.get(String(n)).ours.summary.jsHeap + (results.get(String(n)).ours.summary.wasm ?? 0);
    const slopes = [];
    for (let i = 1; i < ns.length; i++) slopes.push((mem(ns[i]) - mem(ns[i - 1])) / (ns[i] - ns[i - 1]));
    const first = slopes[0];
    const ok = slopes.slice(1).every((s) => s <= Math.max(first, 0) * 1.25 + 64);
    out.push(`- Memory (JS heap + wasm) no faster than linear in markers: bytes per added marker ${ns.slice(1).map((n, i) => `${ns[i]}→${n}: ${f0(slopes[i])}`).join(', ')} — ${mark(ok)}`);
  } else {
    out.push('- Memory no faster than linear in markers: needs three marker sizes (not in this run)');
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- BENCHMARKS.md

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

function writeMarkdown(block) {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  const wrapped = `${START}\n${block}\n${END}`;
  if (text && text.includes(START) && text.includes(END)) {
    text = text.slice(0, text.indexOf(START)) + wrapped + text.slice(text.indexOf(END) + END.length);
  } else {
    text = (text ?? '# Benchmarks\n\n') + '\n' + wrapped + '\n';
  }
  fs.writeFileSync(file, text);
  log('wrote BENCHMARKS.md');
}

function machine(chromiumVersion) {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    if (m) cpu = m[1].trim();
  } catch { /* not Linux */ }
  const version = (cmd, args) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8', env: withToolPath() });
    return r.status === 0 ? r.stdout.trim().split('\n')[0] : 'unknown';
  };
  const git = version('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']);
  const dirty = spawnSync('git', ['-C', ROOT, 'status', '--porcelain'], { encoding: 'utf8' }).stdout?.trim() ? ' (with uncommitted changes)' : '';
  return {
    cpu, cores: os.cpus().length, memGB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`, chromium: chromiumVersion, node: process.version,
    rustc: version('rustc', ['--version']), commit: git + dirty,
  };
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  ensureDist();
  prepare(opts.sizes);
  let t = Date.now();
  const native = opts.native ? runNative(opts.quick) : null;
  if (opts.native) log(`native benchmark: ${((Date.now() - t) / 1000).toFixed(0)} s (including any build)`);
  t = Date.now();

  const { serve, launch } = await import('../e2e/harness.js');
  const site = snapshot(opts.sizes);
  const server = await serve(site);
  const browser = await launch();
  // A Map: keeps 'real' before the sizes (an object would put integer keys first).
  const results = new Map();
  let chromium = 'unknown';
  try {
    chromium = browser.version();
    const datasets = opts.quick ? opts.sizes : ['real', ...opts.sizes];
    for (const data of datasets) results.set(String(data), await benchData(browser, server.url, data, opts));
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(site, { recursive: true, force: true });
  }
  log(`browser benchmark: ${((Date.now() - t) / 1000).toFixed(0)} s`);

  const mach = machine(chromium);
  const command = `node bench/run.js${process.argv.slice(2).length ? ' ' + process.argv.slice(2).join(' ') : ''}`;
  const mainTable = table(results, native);
  const goals = targets(results, opts.sizes);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(mainTable);
  console.log('');
  console.log(goals);
  const errors = [...results].flatMap(([d, r]) => Object.keys(PAGES).flatMap((k) =>
    [...r[k].summary.errors, ...r[k].summary.failures, ...(r[k].bytesErrors ?? [])].map((e) => `${d} · ${PAGES[k].name}: ${e}`)));
  if (errors.length) console.log('\nPage errors:\n' + errors.map((e) => `- ${e}`).join('\n'));
  // Unmet targets are results; a page that never drew, or a native bench that broke, is a failure.
  const broken = [...results].some(([, r]) => Object.keys(PAGES).some((k) => !r[k].bytes || r[k].summary.failures.length))
    || (opts.native && !native);
  if (broken) process.exitCode = 1;

  if (opts.json) {
    fs.writeFileSync(opts.json, JSON.stringify({ machine: mach, command, opts, native, results: Object.fromEntries(results) }, (k, v) => (k === 'deltas' ? undefined : v), 1));
  }
  if (opts.write) {
    const nativeTable = native ? [
      '| data | features | problems | runs | parse | validate | world | scene | total (median) | fastest total |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...native.map((n) => `| ${n.data} | ${n.features} | ${n.problems} | ${n.runs} | ${f1(n.parse_ms)} | ${f1(n.validate_ms)} | ${f1(n.world_ms)} | ${f1(n.scene_ms)} | ${f1(n.total_ms)} | ${f1(n.fastest_total_ms)} |`),
    ].join('\n') : '(not run: `--no-native`, or `--quick` without `--native`)';
    writeMarkdown([
      `## Latest results`,
      '',
      `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
      `- Machine: ${mach.cpu}, ${mach.cores} cores, ${mach.memGB} GB RAM, ${mach.os}`,
      `- Browser: headless Chromium ${mach.chromium}; Node ${mach.node}; ${mach.rustc}`,
      `- Code: commit ${mach.commit}`,
      `- Command: \`${command}\` (${seconds} s; ${opts.loads} fresh loads per page and data set, gestures on the first ${opts.gestures})`,
      '',
      mainTable,
      '',
      '### Targets',
      '',
      goals,
      '',
      '### First-view bytes by kind (gzip -9)',
      '',
      bytesTable(results),
      '',
      '### Native pipeline (ms, median)',
      '',
      nativeTable,
      ...(errors.length ? ['', '### Page errors', '', ...errors.map((e) => `- ${e}`)] : []),
    ].join('\n'));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
