// Where the main thread's time goes in one fresh load of our app: a Chromium trace of the
// page under a bench profile, summed by event name over a window of ms from navigation start,
// with WASM lazy compilation counted apart. A diagnostic for BENCHMARKS.md, not a benchmark
// (one load, no Leaflet page): `node bench/run.js` is what the targets are measured by.
//
//   node bench/trace.js [--profile mobile|desktop] [--from MS] [--to MS] [--dir dist] [--out trace.json]
//
// Build dist/ first (scripts/dev.sh build). `--from` defaults to the WASM's arrival.
import fs from 'node:fs';
import { launch } from '../e2e/harness.js';
import { serveStatic } from './server.js';
import { PROFILES, coldPage } from './profiles.js';

const CATEGORIES = ['devtools.timeline', 'v8', 'v8.wasm', 'blink.user_timing', 'loading', 'toplevel'];

function parseArgs(argv) {
  const o = { profile: 'mobile', dir: 'dist', from: null, to: null, out: null };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in o) || i + 1 >= argv.length) throw new Error(`usage: see the top of bench/trace.js (${argv[i]})`);
    o[key] = ['from', 'to'].includes(key) ? Number(argv[i + 1]) : argv[i + 1];
  }
  if (!PROFILES[o.profile]) throw new Error(`--profile must be mobile or desktop, not ${o.profile}`);
  return o;
}

async function tracedLoad(profile, dir) {
  const server = await serveStatic(dir, { compress: profile.compress });
  const browser = await launch();
  try {
    const page = await coldPage(browser, profile);
    await browser.startTracing(page, { categories: CATEGORIES });
    await page.goto(server.url + 'index.html', { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('map-interactive').length > 0, null, { timeout: 120_000 });
    const marks = await page.evaluate(() => {
      const out = {};
      for (const e of performance.getEntriesByType('mark')) out[e.name] ??= Math.round(e.startTime);
      const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
      if (wasm) out['wasm-received'] = Math.round(wasm.responseEnd);
      return out;
    });
    return { marks, trace: await browser.stopTracing() };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The page's main thread: the renderer main thread that recorded `map-interactive`. */
function mainThreadEvents(events) {
  const mark = events.find((e) => e.name === 'map-interactive' && e.ph !== 'M');
  if (!mark) throw new Error('the trace has no map-interactive mark');
  return { mark, events: events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X') };
}

const opts = parseArgs(process.argv.slice(2));
const { marks, trace } = await tracedLoad(PROFILES[opts.profile], opts.dir);
if (opts.out) fs.writeFileSync(opts.out, trace);
const { mark, events } = mainThreadEvents(JSON.parse(trace).traceEvents);
const t0 = mark.ts - marks['map-interactive'] * 1000; // navigation start, in trace µs
const from = opts.from ?? marks['wasm-received'] ?? 0;
const to = opts.to ?? marks['map-interactive'];
const inWindow = events.filter((e) => (e.ts - t0) / 1000 >= from && (e.ts - t0) / 1000 <= to);
const byName = new Map();
for (const e of inWindow) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
const lazy = inWindow.filter((e) => e.name === 'wasm.CompileLazy');
console.log(`${opts.profile}, ${opts.dir}: marks (ms from navigation start)`, marks);
console.log(`main thread ${from}–${to} ms, by event (nested events count in their parents too):`);
for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${ms.toFixed(1).padStart(9)}  ${name}`);
console.log(`WASM functions compiled lazily in the window: ${lazy.length}, ${lazy.reduce((a, e) => a + e.dur, 0) / 1000 | 0} ms`);
