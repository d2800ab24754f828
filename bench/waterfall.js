// When each file of one fresh load of our app was asked for and arrived, under a bench
// profile, with the app's marks: how the link is shared before the live map. A diagnostic for
// BENCHMARKS.md, not a benchmark (one load, no Leaflet page; `node bench/run.js` measures).
//
//   node bench/waterfall.js [--profile mobile|desktop] [--dir dist] [--link SUFFIX]
//
// Build dist/ first (scripts/dev.sh build). `--link` is appended to index.html (`?data=…`).
import { launch } from '../e2e/harness.js';
import { serveStatic } from './server.js';
import { PROFILES, coldPage } from './profiles.js';

const o = { profile: 'mobile', dir: 'dist', link: '' };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = argv[i].replace(/^--/, '');
  if (!(key in o) || i + 1 >= argv.length) throw new Error(`usage: see the top of bench/waterfall.js (${argv[i]})`);
  o[key] = argv[i + 1];
}
const profile = PROFILES[o.profile];
if (!profile) throw new Error(`--profile must be mobile or desktop, not ${o.profile}`);

const server = await serveStatic(o.dir, { compress: profile.compress });
const browser = await launch();
try {
  const page = await coldPage(browser, profile);
  await page.goto(`${server.url}index.html${o.link}`, { waitUntil: 'commit' });
  await page.waitForFunction(() => performance.getEntriesByName('map-interactive').length > 0, null, { timeout: 120_000 });
  const { rows, marks } = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const row = (name, r) => ({ name, start: r.startTime, response: r.responseStart, end: r.responseEnd, bytes: r.transferSize });
    return {
      rows: [row('index.html', nav), ...performance.getEntriesByType('resource')
        .map((r) => row(new URL(r.name).pathname.replace(/^\//, ''), r))],
      marks: performance.getEntriesByType('mark').map((m) => `${m.name} ${Math.round(m.startTime)}`),
    };
  });
  console.log(`${o.profile}, ${o.dir}${o.link}: ms from navigation start; bytes as transferred`);
  console.log(`${'file'.padEnd(44)}${'asked'.padStart(7)}${'first'.padStart(7)}${'last'.padStart(7)}${'bytes'.padStart(9)}`);
  for (const r of rows) {
    const ms = [r.start, r.response, r.end].map((t) => String(Math.round(t)).padStart(7)).join('');
    console.log(`${r.name.slice(0, 43).padEnd(44)}${ms}${String(r.bytes).padStart(9)}`);
  }
  console.log(`marks: ${marks.join(', ')}`);
} finally {
  await browser.close();
  await server.close();
}
