// Offline and repeat visits: the service worker (public/sw.js), the build step that stamps it
// with the build's version (tools/sw-version.js), the notes in public/boot.js, the web app
// manifest and its icons.
//
// Runs against the release build in dist/ (build it first: `scripts/dev.sh build`). Each
// browser test serves its own copy of dist/ on its own port (so its own origin, worker and
// caches) in one browser context, which keeps the worker and the caches between its visits.
// The harness sends `cache-control: no-store`: whatever a visit gets from the worker's cache
// comes from the worker, never from the HTTP cache.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, DIST, labelTexts } from './harness.js';

const ROOT = path.dirname(DIST);
const SW_VERSION = path.join(ROOT, 'tools', 'sw-version.js');
const DRAWN = 'svg.map-svg[data-ready="true"] path.shape';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const EMBED = { width: 360, height: 480 };
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";
const OFFLINE_NOTE = /离线.*已保存.*Offline: showing the saved copy/s;
const UPDATED_NOTE = /已更新.*updated/s;

let browser, tmp;

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'build dist/ first: scripts/dev.sh build');
  assert.match(versionOf(DIST), /^[0-9a-f]{20}$/, 'dist/index.html carries the build version (tools/sw-version.js ran)');
  browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhong-offline-'));
});

after(async () => {
  await browser?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// ----------------------------------------------------------------------------------------
// Helpers

/** A fresh copy of dist/ (a "deployed site" this test may change). */
function siteCopy(name) {
  const dir = path.join(tmp, name);
  fs.cpSync(DIST, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}bench-data`) });
  return dir;
}

/** The version a built site's index.html says it is. */
function versionOf(dir) {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  return /<meta name="shizhong-version" content="([^"]*)">/.exec(html)?.[1];
}

/** Re-run the build step on a site, as the hook does after trunk. */
function restamp(dir, env = {}) {
  const clean = { ...process.env };
  delete clean.SHIZHONG_OFFLINE;
  delete clean.TRUNK_PROFILE;
  return execFileSync(process.execPath, [SW_VERSION, dir], { env: { ...clean, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * What the worker must keep of a built site, found here from the site itself (not from the
 * worker's list): the page and what it loads, the host-page script, icons, preview, the
 * app manifest and its icons, and the data manifest with every file it lists.
 */
function expectedFiles(dir) {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const attr = (re) => { const m = re.exec(html); assert.ok(m, `index.html: ${re}`); return m[1].replace(/^\.\//, ''); };
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.webmanifest'), 'utf8'));
  return [
    'index.html', 'boot.js', 'embed.js', 'icon.svg', 'preview.png', 'manifest.webmanifest', 'noscript.css',
    attr(/data-js="([^"]+)"/), attr(/data-wasm="([^"]+)"/), attr(/<link rel="stylesheet" href="([^"]+)"/),
    ...app.icons.map((i) => i.src),
    ...dataPaths(dir),
  ].filter((f, i, all) => all.indexOf(f) === i).sort();
}

/** The data files a site lists (as URL paths): the manifest, its files, its story and its basemap providers. */
function dataPaths(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'geodata', 'manifest.json'), 'utf8'));
  const named = [manifest.story, manifest.basemaps].filter((f) => typeof f === 'string');
  return ['geodata/manifest.json', ...[...manifest.files, ...named].map((f) => `geodata/${f}`)];
}

/**
 * Open `url` in a new page of `context` and wait for the map. Records errors and every
 * response (path, whether the worker answered, the body for data files and the WASM).
 */
async function visit(context, url, { viewport = DESKTOP, waitDrawn = true } = {}) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const errors = [];
  const responses = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => {
    const p = new URL(r.url()).pathname.slice(1);
    const entry = { path: p, search: new URL(r.url()).search, fromWorker: r.fromServiceWorker(), body: null };
    if (p.startsWith('geodata/') || p.endsWith('.wasm')) entry.body = r.body().catch(() => null);
    responses.push(entry);
  });
  const response = await page.goto(url);
  if (waitDrawn) await page.waitForSelector(DRAWN, { timeout: 30000 });
  return { page, errors, responses, response };
}

/**
 * Evaluate `check(arg)` in the page until it gives something truthy, and return that. Waits are
 * bounded so that a broken worker fails the test instead of hanging it.
 */
async function until(page, what, check, arg) {
  const deadline = Date.now() + 30000;
  for (;;) {
    const value = await page.evaluate(check, arg);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Wait until the page's origin has an activated worker; returns the cache names and contents. */
const workerActive = (page) => until(page, 'an activated worker', async () => {
  const reg = await navigator.serviceWorker.getRegistration();
  if (reg?.active?.state !== 'activated') return null;
  const out = {};
  for (const name of await caches.keys()) {
    out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname.slice(1)).sort();
  }
  return out;
});

/** Wait until the page's registration has a new worker installed and waiting. */
const workerWaiting = (page) => until(page, 'a new worker waiting',
  async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? null);

/** The cache names of the page's origin, once they are exactly `names`. */
const cachesBecome = (page, names) => until(page, `the caches to be ${names}`, async (want) => {
  const have = (await caches.keys()).sort();
  return JSON.stringify(have) === JSON.stringify(want) ? have : null;
}, [...names].sort());

/** `promise`, or a failure after 30 s (a live timer: it also keeps node waiting for the browser). */
async function bounded(promise, what) {
  let timer;
  const limit = new Promise((_, fail) => { timer = setTimeout(() => fail(new Error(`gave up waiting for ${what}`)), 30000); });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Wait until boot.js has finished its notes (it marks `sw-checked`, before registering). */
const notesSettled = (page) => page.waitForFunction(() => performance.getEntriesByName('sw-checked').length > 0, null, { timeout: 15000 });

const noteTexts = (page) => page.locator('.sw-note[role="status"]').allTextContents();

/** Every data response of a visit, as { path: bytes }. */
async function dataBodies(responses) {
  const out = {};
  for (const r of responses) if (r.path.startsWith('geodata/')) out[r.path] = await r.body;
  return out;
}

function assertBodiesAre(bodies, dir, what) {
  const expected = dataPaths(dir);
  assert.deepEqual(Object.keys(bodies).sort(), [...expected].sort(), `${what}: every data file was loaded`);
  for (const p of expected) {
    assert.ok(bodies[p]?.equals(fs.readFileSync(path.join(dir, p))), `${what}: ${p} is this version's file`);
  }
}

// ----------------------------------------------------------------------------------------
// The build step and the installable app (no browser).

test('the build step: the version is a hash of the cached files, a re-run changes nothing, a data change makes a new version', () => {
  const site = siteCopy('stamp');
  const before = { sw: fs.readFileSync(path.join(site, 'sw.js')), html: fs.readFileSync(path.join(site, 'index.html')) };
  restamp(site);
  assert.ok(fs.readFileSync(path.join(site, 'sw.js')).equals(before.sw), 'sw.js unchanged by a re-run');
  assert.ok(fs.readFileSync(path.join(site, 'index.html')).equals(before.html), 'index.html unchanged by a re-run');

  const build = JSON.parse(/^const BUILD = (.*);$/m.exec(fs.readFileSync(path.join(site, 'sw.js'), 'utf8'))[1]);
  assert.equal(build.version, versionOf(site), 'the worker and the page carry the same version');
  assert.deepEqual(build.files.map((f) => f.path), expectedFiles(site), 'the worker lists exactly the app and its data');

  const zones = path.join(site, 'geodata', 'zones.geojson');
  fs.writeFileSync(zones, fs.readFileSync(zones, 'utf8').replace('}', ' }'));
  restamp(site);
  assert.notEqual(versionOf(site), build.version, 'a changed data file makes a new version');
  assert.ok(!fs.readFileSync(path.join(site, 'sw.js')).equals(before.sw), 'so sw.js changes and browsers install it');

  // A listed data file that is missing fails the build step, naming the file.
  fs.rmSync(zones);
  assert.throws(() => restamp(site, {}), (err) => /zones\.geojson is missing/.test(err.stderr));

  // Switched off: a worker that only cleans up, and a page that registers none.
  fs.cpSync(path.join(DIST, 'geodata', 'zones.geojson'), zones);
  assert.match(restamp(site, { SHIZHONG_OFFLINE: 'off' }), /switched off/);
  assert.equal(versionOf(site), 'off');
  assert.match(fs.readFileSync(path.join(site, 'sw.js'), 'utf8'), /^const BUILD = \{"version":null,"files":\[\]\};$/m);
});

test('installable: the app manifest is linked, bilingual, standalone, with the page colours and 192/512 px icons', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  assert.match(html, /<link rel="manifest" href="manifest.webmanifest">/);
  const app = JSON.parse(fs.readFileSync(path.join(DIST, 'manifest.webmanifest'), 'utf8'));
  for (const key of ['name', 'short_name']) {
    assert.match(app[key], /[\u4e00-\u9fff]/, `${key} in Chinese`);
    assert.match(app[key], /[A-Za-z]{4}/, `${key} in English`);
  }
  assert.equal(app.start_url, './');
  assert.equal(app.display, 'standalone');
  // One source of truth for the colours: the page's stylesheet (light theme).
  const css = fs.readFileSync(path.join(ROOT, 'public', 'style.css'), 'utf8');
  const light = /:root \{([^}]*)\}/.exec(css)[1];
  const colour = (name) => new RegExp(`--${name}: (#[0-9a-f]{6});`).exec(light)[1];
  assert.equal(app.background_color, colour('bg'), 'background_color is --bg');
  assert.equal(app.theme_color, colour('panel'), 'theme_color is the header colour, --panel');
  assert.match(html, new RegExp(`<meta name="theme-color" content="${colour('panel')}"`));
  // The icons exist in dist/ with the sizes they claim (a PNG's IHDR holds width and height).
  const sizes = app.icons.map((i) => i.sizes);
  assert.ok(sizes.includes('192x192') && sizes.includes('512x512') && sizes.includes('any'), sizes.join(' '));
  for (const icon of app.icons) {
    const bytes = fs.readFileSync(path.join(DIST, icon.src));
    if (icon.type === 'image/png') {
      assert.equal(bytes.toString('latin1', 1, 4), 'PNG', icon.src);
      assert.equal(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`, icon.sizes, icon.src);
    } else {
      assert.match(bytes.toString('utf8'), /^<svg /, icon.src);
    }
  }
});

// ----------------------------------------------------------------------------------------
// The worker in the browser.

test('after one visit the worker is active and keeps the app and every data file; a repeat visit loads them from it', async () => {
  const site = siteCopy('repeat');
  // Another data folder (as benchmarks and previews use with ?data= / #data=).
  fs.cpSync(path.join(site, 'geodata'), path.join(site, 'other-data'), { recursive: true });
  const server = await serve(site);
  const context = await browser.newContext();
  try {
    const first = await visit(context, server.url);
    const cached = await workerActive(first.page);
    assert.deepEqual(Object.keys(cached), [`shizhong-map-${versionOf(site)}`], 'one cache, named by the version');
    assert.deepEqual(Object.values(cached)[0], expectedFiles(site), 'it holds the app and every data file');
    assert.ok(first.responses.every((r) => !r.fromWorker), 'the first visit is not served by a worker');
    // Installable, as Chromium judges it (test contexts are incognito, which alone blocks it).
    const cdp = await context.newCDPSession(first.page);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.ok(manifest.url.endsWith('/manifest.webmanifest'));
    assert.deepEqual(manifest.errors, [], 'the app manifest parses cleanly');
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito'), [], 'nothing else stops installing');
    await notesSettled(first.page);
    assert.deepEqual(await noteTexts(first.page), [], 'no note on a first visit');
    assert.deepEqual(first.errors, []);
    await first.page.close();

    const second = await visit(context, server.url);
    const wasm = second.responses.filter((r) => r.path.endsWith('.wasm'));
    assert.equal(wasm.length, 1);
    assert.ok(wasm[0].fromWorker, 'the WASM comes from the worker');
    const data = second.responses.filter((r) => r.path.startsWith('geodata/'));
    assert.deepEqual(data.map((r) => r.path).sort(), dataPaths(site).sort());
    assert.deepEqual(data.filter((r) => !r.fromWorker).map((r) => r.path), [], 'every data file comes from the worker');
    assertBodiesAre(await dataBodies(second.responses), site, 'repeat visit');
    await notesSettled(second.page);
    assert.deepEqual(await noteTexts(second.page), [], 'online: no note');
    assert.deepEqual(second.errors, []);

    // Requests the worker does not know pass through: another data folder, a query string.
    const other = await visit(context, `${server.url}?data=other-data/`);
    const otherData = other.responses.filter((r) => r.path.startsWith('other-data/'));
    assert.deepEqual([...new Set(otherData.map((r) => r.path))].sort(), dataPaths(site).map((p) => p.replace(/^geodata\//, 'other-data/')).sort(), 'the app loaded the other folder');
    assert.deepEqual(otherData.filter((r) => r.fromWorker).map((r) => r.path), [], 'not touched by the worker');
    assert.ok(await other.page.evaluate(async () => (await fetch('geodata/manifest.json?x=1')).ok));
    const probe = other.responses.find((r) => r.search === '?x=1');
    assert.equal(probe?.fromWorker, false, 'a known file with a query string is not touched');
    assert.deepEqual(other.errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('offline, a reload still draws the map from the saved copy and says so, politely and clear of the map furniture', async () => {
  const site = siteCopy('offline');
  const server = await serve(site);
  const context = await browser.newContext();
  try {
    const first = await visit(context, server.url);
    await workerActive(first.page);
    await context.setOffline(true);
    const response = await first.page.reload();
    await first.page.waitForSelector(DRAWN, { timeout: 30000 });
    assert.ok(response.fromServiceWorker(), 'the page itself comes from the worker');
    await first.page.close();

    const cases = [[DESKTOP, ''], [PHONE, ''], [EMBED, '?embed=1']];
    for (const [viewport, query] of cases) {
      const v = await visit(context, server.url + query, { viewport });
      const what = `${viewport.width}×${viewport.height}${query}`;
      assert.ok(await v.page.locator('path.shape[data-id="district.shizhong"]').count() === 1, `${what}: the district is drawn`);
      // The note is inserted empty and filled a frame later (so it is announced): read it
      // once the notes are final.
      await notesSettled(v.page);
      const note = v.page.locator('.sw-note[role="status"]');
      assert.match(await note.textContent(), OFFLINE_NOTE, `${what}: the note, in both languages`);
      assert.equal(await note.locator('span[lang="en"]').count(), 1, `${what}: the English part is marked as English`);
      // Inside the map, covering none of its controls, legend, scale or attribution.
      const box = await note.boundingBox();
      const map = await v.page.locator('.map').boundingBox();
      assert.ok(box.x >= map.x && box.y >= map.y && box.x + box.width <= map.x + map.width && box.y + box.height <= map.y + map.height, `${what}: inside the map`);
      for (const sel of ['.map-controls', '.legend', '.scale-bar', '.map-attribution', '.open-full']) {
        const other = await (await v.page.$(sel))?.boundingBox();
        const overlap = other && box.x < other.x + other.width && other.x < box.x + box.width && box.y < other.y + other.height && other.y < box.y + box.height;
        assert.ok(!overlap, `${what}: the note does not cover ${sel}`);
      }
      assert.equal(await note.evaluate((n) => getComputedStyle(n).pointerEvents), 'none', 'clicks go through to the map');
      assert.deepEqual(v.errors, [], `${what}: no page or console errors offline`);
      await v.page.close();
    }

    // Back online: the live version again, no note.
    await context.setOffline(false);
    const online = await visit(context, server.url);
    await notesSettled(online.page);
    assert.deepEqual(await noteTexts(online.page), []);
  } finally {
    await context.close();
    await server.close();
  }
});

/** Rename a feature in a site's data, as a new deploy of the data would. */
function deployNewData(site, name) {
  const file = path.join(site, 'geodata', 'projects.geojson');
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const feature = json.features.find((f) => f.properties.id === 'project.parcel-baimashan');
  feature.properties.name_en = name;
  fs.writeFileSync(file, JSON.stringify(json));
  restamp(site);
}

const labelLines = (page) => labelTexts(page).then((t) => t.join('\n'));

test('an update: the next visit runs the new version whole, says so once, and the old cache goes', async () => {
  const site = siteCopy('update');
  const server = await serve(site);
  const context = await browser.newContext();
  const url = `${server.url}#lang=en`;
  try {
    const first = await visit(context, url);
    const oldVersion = versionOf(site);
    await workerActive(first.page);
    assert.match(await labelLines(first.page), /Baimashan/);
    await first.page.close();

    deployNewData(site, 'Baimashan New Parcel');
    const newVersion = versionOf(site);
    assert.notEqual(newVersion, oldVersion);

    // The first visit after the deploy: the new page, with the new data only.
    const second = await visit(context, url);
    assert.match(await labelLines(second.page), /Baimashan New Parcel/, 'the new data is drawn');
    assertBodiesAre(await dataBodies(second.responses), site, 'first visit of the new version');
    await notesSettled(second.page);
    const notes = await noteTexts(second.page);
    assert.equal(notes.length, 1, 'one note');
    assert.match(notes[0], UPDATED_NOTE);
    assert.deepEqual(second.errors, []);
    // The new worker installs its own cache beside the old one and waits for the old pages to go.
    await workerWaiting(second.page);
    await second.page.close();

    // With no page of the old version open, the new worker takes over and deletes the old cache.
    const blank = await context.newPage();
    await blank.goto(`${server.url}geodata/manifest.json`); // a page of the origin that is not the app
    assert.deepEqual(await cachesBecome(blank, [`shizhong-map-${newVersion}`]), [`shizhong-map-${newVersion}`]);
    await blank.close();

    const third = await visit(context, url);
    assert.match(await labelLines(third.page), /Baimashan New Parcel/);
    const data = third.responses.filter((r) => r.path.startsWith('geodata/'));
    assert.ok(data.length > 0 && data.every((r) => r.fromWorker), 'the new worker serves the new data');
    assertBodiesAre(await dataBodies(third.responses), site, 'second visit of the new version');
    await notesSettled(third.page);
    assert.deepEqual(await noteTexts(third.page), [], 'the "updated" note shows once');
    assert.deepEqual(third.errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('switched off (SHIZHONG_OFFLINE=off): the next visit removes the worker and its cache', async () => {
  const site = siteCopy('off');
  const server = await serve(site);
  const context = await browser.newContext();
  try {
    const first = await visit(context, server.url);
    await workerActive(first.page);
    await first.page.close();

    restamp(site, { SHIZHONG_OFFLINE: 'off' });
    const second = await visit(context, server.url);
    assertBodiesAre(await dataBodies(second.responses), site, 'the visit that finds the switch');
    // The browser installs the switched-off worker, which deletes the caches and unregisters.
    const left = await until(second.page, 'the caches to go', async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      const names = await caches.keys();
      return names.length === 0 && !reg?.installing && !reg?.waiting ? names : null;
    });
    assert.deepEqual(left, []);
    assert.deepEqual(second.errors, []);
    await second.page.close();

    const third = await visit(context, server.url);
    assert.equal(await third.page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0, 'no worker registered');
    assert.equal(await third.page.evaluate(() => navigator.serviceWorker.controller), null, 'the page is not controlled');
    assert.ok(third.responses.every((r) => !r.fromWorker), 'everything from the network');
    assert.deepEqual(await noteTexts(third.page), []);
    assert.deepEqual(third.errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('the worker never serves one version\'s data to another version\'s page', async (t) => {
  await t.test('old worker, new page; then offline: the old page with the old data', async () => {
    const site = siteCopy('versions');
    const server = await serve(site);
    const context = await browser.newContext();
    const url = `${server.url}#lang=en`;
    try {
      const oldPage = await visit(context, url); // stays open: the old worker stays in charge
      await workerActive(oldPage.page);
      const oldData = Object.fromEntries(dataPaths(site).map((p) => [p, fs.readFileSync(path.join(site, p))]));
      const oldVersion = versionOf(site);
      deployNewData(site, 'Baimashan Second Parcel');

      const newPage = await visit(context, url);
      assert.equal(await newPage.page.locator('meta[name="shizhong-version"]').getAttribute('content'), versionOf(site));
      assertBodiesAre(await dataBodies(newPage.responses), site, 'the new page under the old worker');
      assert.match(await labelLines(newPage.page), /Baimashan Second Parcel/);
      await workerWaiting(newPage.page);

      // Offline, the old worker (still active) can only offer its own version: page and data.
      await context.setOffline(true);
      const saved = await visit(context, url);
      assert.equal(await saved.page.locator('meta[name="shizhong-version"]').getAttribute('content'), oldVersion);
      const bodies = await dataBodies(saved.responses);
      for (const [p, bytes] of Object.entries(oldData)) assert.ok(bodies[p]?.equals(bytes), `saved copy: ${p} is the old version's`);
      assert.doesNotMatch(await labelLines(saved.page), /Second Parcel/);
      await notesSettled(saved.page);
      assert.match(await saved.page.locator('.sw-note[role="status"]').textContent(), OFFLINE_NOTE, 'the saved copy says so (not "updated")');
      assert.deepEqual([...oldPage.errors, ...newPage.errors, ...saved.errors], []);
    } finally {
      await context.close();
      await server.close();
    }
  });

  await t.test('a server that already has other files than the worker was built with: nothing is cached', async () => {
    const site = siteCopy('mismatch');
    const zones = fs.readFileSync(path.join(site, 'geodata', 'zones.geojson'), 'utf8');
    // As if a newer deploy (or a stale CDN copy) answered while this build's worker installs.
    const other = Buffer.from(zones.replace('}', ' }'));
    const server = await serve(site, { override: (p) => (p === '/geodata/zones.geojson' ? { body: other } : undefined) });
    const context = await browser.newContext();
    try {
      // The worker's life as Chromium's DevTools see it: every state each version reaches.
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const states = new Map();
      let settled;
      const done = new Promise((r) => { settled = r; });
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        for (const v of versions) {
          states.set(v.versionId, [...new Set([...(states.get(v.versionId) ?? []), v.status])]);
          if (v.status === 'redundant' || v.status === 'activated') settled();
        }
      });
      await cdp.send('ServiceWorker.enable');
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto(server.url);
      await page.waitForSelector(DRAWN, { timeout: 30000 });
      await bounded(done, 'the worker to install or fail');
      const reached = [...states.values()].flat();
      const outcome = {
        installed: reached.includes('installed') || reached.includes('activated'),
        redundant: reached.includes('redundant'),
        caches: await page.evaluate(() => caches.keys()),
      };
      assert.deepEqual(outcome, { installed: false, redundant: true, caches: [] }, 'the install failed and left no cache');
      assert.deepEqual(errors, [], 'the page is not disturbed');
    } finally {
      await context.close();
      await server.close();
    }
  });
});

test('the strict Content-Security-Policy holds with the worker, online and offline', async () => {
  const site = siteCopy('csp');
  const server = await serve(site, { headers: { 'content-security-policy': CSP } });
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  try {
    const first = await visit(context, server.url);
    await workerActive(first.page);
    assert.deepEqual(await first.page.evaluate(() => window.__csp), []);
    await first.page.close();
    for (const offline of [false, true]) {
      await context.setOffline(offline);
      const v = await visit(context, server.url);
      const what = offline ? 'offline' : 'online';
      assert.equal(v.response.headers()['content-security-policy'], CSP, `${what}: the page keeps its policy`);
      assert.ok(v.response.fromServiceWorker(), `${what}: through the worker`);
      await notesSettled(v.page);
      if (offline) await v.page.locator('.sw-note').waitFor();
      assert.deepEqual(await v.page.evaluate(() => window.__csp), [], `${what}: no securitypolicyviolation`);
      assert.deepEqual(v.errors, [], `${what}: no console errors (CSP reports show here)`);
      // The listener works: an inline style attribute is a violation under this policy.
      await v.page.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
      await v.page.waitForFunction(() => window.__csp.length > 0, null, { timeout: 5000 });
      await v.page.close();
    }
  } finally {
    await context.close();
    await server.close();
  }
});
