// The pre-rendered first view: on screen before any WASM has arrived, replaced in place by the
// live map (the district does not move), shown only for the plain home view, and the page
// without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, DIST } from './harness.js';

let server;
let browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const DISTRICT = 'path.shape[data-id="district.shizhong"]';

/** Wait (up to 15 s) for `ready()`, else fail with `what`. */
async function until(ready, what) {
  const deadline = Date.now() + 15_000;
  while (!ready()) {
    assert.ok(Date.now() < deadline, `timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A page whose WASM is held back until `release()` is called. */
async function openHeld(url, contextOptions) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  let release;
  const released = new Promise((r) => { release = r; });
  const timeline = [];
  page.on('requestfinished', (r) => timeline.push({ url: r.url(), at: Date.now() }));
  await page.route('**/*.wasm', async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(url);
  return { page, context, errors, release, timeline };
}

const box = (page, selector) => page.locator(selector).first().evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { x: r.x, y: r.y, w: r.width, h: r.height };
});

for (const viewport of [
  { width: 1280, height: 800 }, { width: 1440, height: 900 },
  { width: 390, height: 844 }, { width: 360, height: 640 },
]) {
  test(`the first view shows before the WASM and the live map takes over in place (${viewport.width}×${viewport.height})`, async () => {
    const { page, context, errors, release, timeline } = await openHeld(server.url, { viewport });
    const variant = viewport.width > viewport.height ? 'landscape' : 'portrait';
    const picture = `svg.first-view-${variant}`;
    await page.waitForSelector(`${picture} ${DISTRICT}`, { state: 'visible' });
    // Visible without any WASM, and marked so.
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('first-view-on')), true);
    assert.equal(await page.locator('svg.map-svg').count(), 0, 'no live map yet');
    await page.waitForFunction(() => performance.getEntriesByName('map-visible').length === 1);
    assert.equal(await page.locator('.boot-loading').isVisible(), false, 'no loading note over the picture');
    const before = await box(page, `${picture} ${DISTRICT}`);
    // The data is fetched while the WASM is still held back.
    await page.waitForFunction(() => performance.getEntriesByType('resource')
      .filter((r) => r.name.includes('geodata/') && r.responseEnd > 0).length >= 8);
    release();
    await page.waitForSelector(`svg.map-svg[data-ready="true"] ${DISTRICT}`);
    await page.waitForFunction(() => !document.getElementById('boot'));
    const after = await box(page, `svg.map-svg ${DISTRICT}`);
    for (const k of ['x', 'y', 'w', 'h']) {
      assert.ok(Math.abs(before[k] - after[k]) <= 2, `${k}: picture ${before[k].toFixed(1)} vs live ${after[k].toFixed(1)}`);
    }
    const marks = await page.evaluate(() => ['map-visible', 'map-interactive']
      .map((m) => performance.getEntriesByName(m)[0]?.startTime ?? null));
    assert.ok(marks[0] !== null && marks[1] !== null && marks[0] < marks[1], `marks ${marks}`);
    const wasmDone = timeline.find((t) => t.url.endsWith('.wasm'))?.at;
    const dataDone = timeline.filter((t) => t.url.includes('/geodata/')).map((t) => t.at);
    assert.ok(dataDone.length >= 8 && dataDone.every((t) => t <= wasmDone), 'data loaded beside the WASM');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the first paint already holds the picture, and the data downloads wait for it', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  // CDP events arrive in order: a request's start after another's end is a real ordering.
  const events = [];
  page.on('request', (r) => events.push(['start', new URL(r.url()).pathname]));
  page.on('requestfinished', (r) => events.push(['end', new URL(r.url()).pathname]));
  await page.goto(server.url);
  await page.waitForSelector(`svg.map-svg[data-ready="true"] ${DISTRICT}`);
  const at = (kind, test) => events.findIndex(([k, p]) => k === kind && test(p));
  const css = at('end', (p) => p.endsWith('.css'));
  const boot = at('end', (p) => p.endsWith('/boot.js'));
  const data = at('start', (p) => p.includes('/geodata/'));
  assert.ok(css >= 0 && boot >= 0 && data >= 0, JSON.stringify(events));
  assert.ok(data > css && data > boot, 'the data is asked for once the stylesheet and boot.js are in');
  // One request per data file: the app's own fetches pick the early downloads up.
  const dataStarts = events.filter(([k, p]) => k === 'start' && p.includes('/geodata/')).map(([, p]) => p);
  assert.equal(new Set(dataStarts).size, dataStarts.length, `each data file once: ${dataStarts}`);
  // Exactly the files the build named for the picture to start (from the manifest).
  const named = /data-preload="([^"]*)"/.exec(fs.readFileSync(path.join(DIST, 'index.html'), 'utf8'))[1].split(' ');
  assert.ok(named.length >= 8, `${named}`);
  assert.deepEqual([...dataStarts].sort(), named.map((f) => `/${f}`).sort());
  // boot.js blocks rendering until it has run: nothing (not the loading note) was painted
  // before the picture was switched on.
  const [paint, visible] = await page.evaluate(() => [
    performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    performance.getEntriesByName('map-visible')[0]?.startTime,
  ]);
  assert.ok(paint !== undefined && visible !== undefined && paint >= visible, `first paint ${paint}, picture on at ${visible}`);
  await context.close();
});

test('a host that serves the WASM with another MIME type still gets the map', async () => {
  // boot.js compiles the WASM as it streams in, which needs application/wasm; elsewhere
  // init() loads it whole.
  const plain = await serve(undefined, { override: (p) => (p.endsWith('.wasm') ? { contentType: 'application/octet-stream' } : undefined) });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const wasmTypes = [];
  page.on('response', (r) => { if (r.url().endsWith('.wasm')) wasmTypes.push(r.headers()['content-type']); });
  try {
    await page.goto(plain.url);
    await page.waitForSelector(`svg.map-svg[data-ready="true"] ${DISTRICT}`);
    assert.ok(wasmTypes.length > 0 && wasmTypes.every((t) => t === 'application/octet-stream'), `${wasmTypes}`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await plain.close();
  }
});

test('a link to another data folder starts that folder\'s files before the WASM is in, and the app uses those downloads', async () => {
  // A copy of the site with a second data folder, as a newsroom's or the benchmark's.
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhong-data-link-'));
  fs.cpSync(DIST, site, { recursive: true, filter: (src) => !src.includes(`${path.sep}bench-data`) });
  fs.cpSync(path.join(site, 'geodata'), path.join(site, 'other-data'), { recursive: true });
  const other = await serve(site);
  const manifest = JSON.parse(fs.readFileSync(path.join(site, 'other-data', 'manifest.json'), 'utf8'));
  const expected = ['manifest.json', ...manifest.files, manifest.story, manifest.basemaps].map((f) => `/other-data/${f}`);
  const requestsOf = (r) => r.map((u) => new URL(u).pathname).filter((p) => /\/(other-data|geodata)\//.test(p));
  try {
    for (const link of ['#data=other-data/&lang=en', '?data=geodata/#lang=en&data=other-data%2F']) {
      const { page, context, errors, release, timeline } = await openHeld(`${other.url}${link}`, { viewport: { width: 1280, height: 800 } });
      // Every file of the named folder has arrived while the WASM is still held back.
      const arrived = () => new Set(requestsOf(timeline.map((t) => t.url)));
      await until(() => expected.every((f) => arrived().has(f)), `${link}: every file of other-data/ before the WASM`);
      assert.equal(await page.evaluate(() => performance.getEntriesByName('app-start').length), 0, 'the app has not started');
      release();
      await page.waitForSelector(`svg.map-svg[data-ready="true"] ${DISTRICT}`);
      const network = requestsOf(timeline.map((t) => t.url));
      assert.deepEqual([...new Set(network)].sort(), [...expected].sort(), `${link}: the named folder's files and nothing from geodata/`);
      // Each file went over the network once (the app's requests took the early downloads);
      // the manifest twice: boot.js read it to learn the names.
      for (const f of expected) assert.equal(network.filter((p) => p === f).length, f.endsWith('manifest.json') ? 2 : 1, `${link}: ${f} in ${network}`);
      assert.deepEqual(errors, []);
      await context.close();
    }
    // boot.js's read of the manifest answered only once the app runs: the app has asked for
    // the files itself, and boot.js starts none of them again.
    {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const timeline = [];
      page.on('requestfinished', (r) => timeline.push(r.url()));
      let first = true;
      await page.route('**/other-data/manifest.json', async (route) => {
        if (!first) return route.continue();
        first = false;
        await until(() => timeline.some((u) => u.endsWith('/other-data/projects.geojson')), 'the app asks for the files');
        await route.continue();
      });
      await page.goto(`${other.url}#data=other-data/`);
      await page.waitForSelector(`svg.map-svg[data-ready="true"] ${DISTRICT}`);
      await page.waitForTimeout(500); // a late second download would have started by now
      const network = requestsOf(timeline);
      for (const f of expected) assert.equal(network.filter((p) => p === f).length, f.endsWith('manifest.json') ? 2 : 1, `late manifest: ${f} in ${network}`);
      await context.close();
    }
    // A folder the app will not load (outside the site) is not asked for: the build's own
    // list is started instead, and the app loads geodata/.
    const { page, context, release, timeline } = await openHeld(`${other.url}#data=../other-data/&lang=en`, { viewport: { width: 1280, height: 800 } });
    await until(() => requestsOf(timeline.map((t) => t.url)).includes('/geodata/projects.geojson'), 'the build\'s own list before the WASM');
    release();
    await page.waitForSelector(`svg.map-svg[data-ready="true"] ${DISTRICT}`);
    const paths = requestsOf(timeline.map((t) => t.url));
    assert.ok(paths.length > 0 && paths.every((p) => p.startsWith('/geodata/')), `${paths}`);
    await context.close();
  } finally {
    await other.close();
    fs.rmSync(site, { recursive: true, force: true });
  }
});

for (const [name, url, options] of [
  ['a link to a feature', '#feature=project.parcel-xinglong', {}],
  ['a link to a view', '#map=14.00/36.66000/117.00000', {}],
  ['English', '#lang=en', {}],
  ['an embed', '?embed=1', {}],
  ['a dark system theme', '', { colorScheme: 'dark' }],
]) {
  test(`${name} shows the loading note, not a wrong picture`, async () => {
    const { page, context, release } = await openHeld(server.url + url, { viewport: { width: 1280, height: 800 }, ...options });
    await page.waitForSelector('.boot-loading', { state: 'visible' });
    assert.equal(await page.locator('svg.first-view').first().isVisible(), false);
    assert.equal(await page.locator('svg.first-view').nth(1).isVisible(), false);
    release();
    await page.waitForSelector('svg.map-svg[data-ready="true"] path.shape');
    await page.waitForFunction(() => !document.getElementById('boot'));
    // Without a picture, the live map is the first thing visible.
    const visible = await page.evaluate(() => performance.getEntriesByName('map-visible').length);
    assert.equal(visible, 1);
    await context.close();
  });
}

test('without JavaScript the first view is the page, with a title pointing to the list', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url);
  const picture = page.locator('svg.first-view-landscape');
  await picture.waitFor({ state: 'visible' });
  assert.equal(await picture.getAttribute('role'), 'img');
  const title = await picture.locator(':scope > title').textContent();
  assert.match(title, /列表/);
  assert.ok((await picture.locator(DISTRICT).count()) === 1);
  assert.equal(await page.locator('.boot-loading').isVisible(), false);
  assert.ok(await page.locator('p.noscript').isVisible());
  await context.close();
});

test('the first view header takes the same room as the live header', async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 640 }]) {
    const { page, context, release } = await openHeld(server.url, { viewport });
    await page.waitForSelector('svg.first-view', { state: 'attached' });
    const shell = await box(page, '#boot .app-header');
    const map = await box(page, '#boot .map');
    release();
    await page.waitForSelector('svg.map-svg[data-ready="true"] path.shape');
    const live = await box(page, '.app .app-header');
    const liveMap = await box(page, '.app .map');
    assert.ok(Math.abs(shell.h - live.h) <= 1, `header ${shell.h} vs ${live.h} at ${viewport.width}`);
    for (const k of ['x', 'y', 'w', 'h']) assert.ok(Math.abs(map[k] - liveMap[k]) <= 1, `map ${k} at ${viewport.width}`);
    await context.close();
  }
});
