// Which functions the main thread runs during fresh loads of our app: V8's sampling CPU
// profile of each load, up to `map-interactive`, summed by function (self time, ms per load).
// A diagnostic beside trace.js (which sums the browser's events), not a benchmark: sampling
// slows the page, and inlining puts one function's time under another's name.
//
//   node bench/cpu.js [--profile mobile|desktop] [--dir dist] [--loads 3] [--top 40]
//
// WASM functions have names only in a build that keeps them. After `scripts/dev.sh build`,
// a copy of dist/ whose WASM keeps its names (the same code; see tools/wasm-sizes.py):
//
//   cp -r dist /tmp/dist-named && rm /tmp/dist-named/*.br /tmp/dist-named/*.gz
//   wasm-bindgen --target web --keep-debug --out-dir /tmp/wb target/wasm32-unknown-unknown/release/shizhong-map.wasm
//   wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
//     --enable-mutable-globals --enable-reference-types --enable-multivalue \
//     /tmp/wb/shizhong-map_bg.wasm -o /tmp/dist-named/$(basename dist/*_bg.wasm)
//   node bench/cpu.js --dir /tmp/dist-named
import { launch } from '../e2e/harness.js';
import { serveStatic } from './server.js';
import { PROFILES, coldPage } from './profiles.js';

const o = { profile: 'desktop', dir: 'dist', loads: 3, top: 40 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = argv[i].replace(/^--/, '');
  if (!(key in o) || i + 1 >= argv.length) throw new Error(`usage: see the top of bench/cpu.js (${argv[i]})`);
  o[key] = typeof o[key] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
}
const profile = PROFILES[o.profile];
if (!profile) throw new Error(`--profile must be mobile or desktop, not ${o.profile}`);

/** One profiled load: the marks and the sampled profile up to `map-interactive`. */
async function profiledLoad() {
  const server = await serveStatic(o.dir, { compress: profile.compress });
  const browser = await launch();
  try {
    const page = await coldPage(browser, profile);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(server.url + 'index.html', { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('map-interactive').length > 0, null, { timeout: 120_000 });
    const marks = await page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])));
    return { marks, profile: (await cdp.send('Profiler.stop')).profile };
  } finally {
    await browser.close();
    await server.close();
  }
}

const selfMs = new Map();
for (let i = 0; i < o.loads; i++) {
  const { marks, profile: p } = await profiledLoad();
  console.log('marks', JSON.stringify(marks));
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  p.samples.forEach((id, k) => {
    const frame = nodes.get(id).callFrame;
    const name = frame.functionName || frame.url.split('/').pop() || '(anonymous)';
    selfMs.set(name, (selfMs.get(name) ?? 0) + (p.timeDeltas[k] ?? 0) / 1000);
  });
}
console.log(`${o.profile}, ${o.dir}: self time, ms per load (${o.loads} loads)`);
for (const [name, ms] of [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, o.top)) {
  console.log(`${(ms / o.loads).toFixed(1).padStart(8)}  ${name.slice(0, 150)}`);
}
