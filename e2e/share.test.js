// Share, embed and export: deep links and history, the share link, news-page embeds
// (auto-height, cooperative gestures, static), the embed dialog, downloads, print, noscript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, openApp, DIST, mapView, waitForMove, waitForRest } from './harness.js';

let server, host, browser;
let hostPage = '';
before(async () => {
  server = await serve();
  // A news page on another origin; its body is set per test through hostPage.
  host = await serve(DIST, { override: (p) => (p === '/article.html' ? { body: Buffer.from(hostPage), status: 200 } : undefined) });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); await host?.close(); });

const DESKTOP = { width: 1280, height: 800 };
/**
 * Time for a gesture that should have been ignored to show, if it was not: longer than the
 * zoom animation (220 ms) and the wheel settling (160 ms). Only for checking that nothing
 * happens, where there is no event to wait for.
 */
const IGNORED_GESTURE_GRACE_MS = 450;
const zoomOf = async (page) => Number(await page.locator('svg.map-svg').getAttribute('data-zoom'));
const centreOf = async (page) => (await page.locator('svg.map-svg').getAttribute('data-center')).split(',').map(Number);
const historyLength = (page) => page.evaluate(() => history.length);

test('a deep link restores view, layers, selection and language', async () => {
  const url = `${server.url}#map=14.00/36.60000/117.03000&layers=district,neighbour,zone,belt,axis,land&feature=project.parcel-xinglong&lang=en`;
  const { page, context, errors } = await openApp(browser, url, { viewport: DESKTOP });
  assert.ok(Math.abs(await zoomOf(page) - 14) < 0.01);
  const [lon, lat] = await centreOf(page);
  assert.ok(Math.abs(lon - 117.03) < 1e-4 && Math.abs(lat - 36.6) < 1e-4, `${lon},${lat}`);
  await page.locator('article.card[data-id="project.parcel-xinglong"]').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.locator('.marker.cat-renewal').count(), 0, 'renewal layer hidden');
  assert.ok(await page.locator('.marker.selected[data-id="project.parcel-xinglong"]').count() === 1);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Ids of everything drawn on the map (shapes, markers, cluster members), sorted. */
const drawnIds = (page) => page.evaluate(() => {
  const ids = new Set();
  document.querySelectorAll('svg.map-svg [data-id]').forEach((e) => ids.add(e.dataset.id));
  document.querySelectorAll('svg.map-svg .cluster[data-ids]').forEach((e) => e.dataset.ids.split(' ').forEach((i) => ids.add(i)));
  return [...ids].sort();
});

test('every filter is in the link: zone and category survive copying it, and back/forward', async () => {
  const { page, context, errors } = await openApp(browser, server.url, { viewport: DESKTOP });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  const all = await drawnIds(page);
  await page.locator('button.open-layers').click();
  await page.locator('#filter-zone').selectOption('zone.west');
  await page.locator('#filter-category').selectOption('land');
  await waitForRest(page);
  const filtered = await drawnIds(page);
  assert.ok(filtered.length < all.length && filtered.includes('project.parcel-zhengzhuang'), filtered.join(' '));
  assert.ok(!filtered.includes('zone.north') && !filtered.includes('project.renewal-zhongshan-park'), filtered.join(' '));
  assert.match(page.url(), /[#&]zone=zone\.west(&|$)/);
  await page.locator('button.open-share').click();
  await page.locator('button.copy-link').click();
  await page.waitForFunction(() => document.querySelector('button.copy-link').textContent.includes('已复制'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /zone=zone\.west/);

  // Opened fresh, the link draws the same features, and the controls show the filters.
  const fresh = await openApp(browser, copied, { viewport: DESKTOP });
  // With the same panel open the map has the same size, so the same view.
  await fresh.page.locator('button.open-layers').click();
  await waitForRest(fresh.page);
  assert.deepEqual(await drawnIds(fresh.page), filtered);
  assert.equal(await fresh.page.locator('#filter-zone').inputValue(), 'zone.west');
  assert.equal(await fresh.page.locator('#filter-category').inputValue(), 'land');
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();

  // Another zone by link, then back: the first filter returns.
  const drawnAre = (want) => page.waitForFunction(([want]) => {
    const ids = new Set();
    document.querySelectorAll('svg.map-svg [data-id]').forEach((e) => ids.add(e.dataset.id));
    document.querySelectorAll('svg.map-svg .cluster[data-ids]').forEach((e) => e.dataset.ids.split(' ').forEach((i) => ids.add(i)));
    return Object.entries(want).every(([id, drawn]) => ids.has(id) === drawn);
  }, [want]);
  await page.evaluate(() => { location.hash = 'layers=district,zone,land&zone=zone.south'; });
  await drawnAre({ 'zone.south': true, 'zone.west': false, 'project.parcel-zhengzhuang': false });
  await page.evaluate(() => history.back());
  await drawnAre({ 'zone.south': false, 'zone.west': true, 'project.parcel-zhengzhuang': true });
  // A zone the data does not have is ignored: every zone shows.
  const unknown = await openApp(browser, `${server.url}#zone=zone.atlantis`, { viewport: DESKTOP });
  assert.deepEqual(await drawnIds(unknown.page), all);
  assert.doesNotMatch(unknown.page.url(), /zone=/);
  await unknown.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('broken links fall back to defaults: never a panic, never a blank page', async () => {
  for (const junk of ['#map=abc/def&feature=<script>&lang=xx&layers=zzz&theme=neon', '#map=99/99/999', '#feature=does.not.exist', '#%E0%A4%A&&==&', `#${'x'.repeat(20000)}`]) {
    const { page, context, errors } = await openApp(browser, server.url + junk, { viewport: DESKTOP });
    assert.ok(await page.locator('path.shape[data-id="district.shizhong"]').count() === 1, junk.slice(0, 40));
    assert.equal(await page.locator('.panic-message').count(), 0);
    assert.deepEqual(errors, [], junk.slice(0, 40));
    await context.close();
  }
});

test('back and forward step through selections; the URL follows the view', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: DESKTOP });
  await page.locator('.marker[data-id="project.parcel-xinglong"]').click();
  await page.locator('article.card[data-id="project.parcel-xinglong"]').waitFor();
  await page.locator('.marker[data-id="project.parcel-baimashan"]').click();
  await page.locator('article.card[data-id="project.parcel-baimashan"]').waitFor();
  assert.match(page.url(), /feature=project\.parcel-baimashan/);
  await page.goBack();
  await page.locator('article.card[data-id="project.parcel-xinglong"]').waitFor();
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('article.card'));
  await page.goForward();
  await page.locator('article.card[data-id="project.parcel-xinglong"]').waitFor();
  // Panning rewrites the view in the URL without adding history entries.
  const before = page.url();
  const entries = await historyLength(page);
  await page.locator('.map').focus();
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((before) => location.href !== before, before);
  assert.match(page.url(), /#map=\d+\.\d{2}\/\d+\.\d{5}\/\d+\.\d{5}/);
  assert.match(page.url(), /feature=project\.parcel-xinglong/, 'the selection stays in the link');
  // The view in the link is the settled view after the pan, not a frame of it.
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.map-canvas')).transform === 'none');
  const [lon, lat] = await centreOf(page);
  const [, linkLat, linkLon] = page.url().match(/#map=[\d.]+\/([\d.]+)\/([\d.]+)/).map(Number);
  assert.ok(Math.abs(linkLat - lat) < 1e-5 && Math.abs(linkLon - lon) < 1e-5, `link ${linkLat},${linkLon} vs map ${lat},${lon}`);
  assert.equal(await historyLength(page), entries, 'panning replaced the entry instead of adding one');
  await context.close();
});

test('selecting a feature adds a history entry; moving the map does not', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: DESKTOP });
  const start = await historyLength(page);
  await page.locator('.marker[data-id="project.parcel-xinglong"]').click();
  await page.waitForFunction(() => location.hash.includes('feature=project.parcel-xinglong'));
  assert.equal(await historyLength(page), start + 1, 'a selection is a new entry');
  // A keyboard pan, a zoom and a drag: the link follows, the history does not grow.
  await page.locator('.map').focus();
  for (const move of [
    () => page.keyboard.press('ArrowRight'),
    () => page.keyboard.press('+'),
    async () => {
      await page.mouse.move(500, 400);
      await page.mouse.down();
      await page.mouse.move(440, 360, { steps: 5 });
      await page.mouse.up();
    },
  ]) {
    const url = page.url();
    await move();
    await page.waitForFunction((url) => location.href !== url, url);
    assert.equal(await historyLength(page), start + 1, `moving the map added no entry (${page.url()})`);
  }
  // Choosing a second feature is another entry; back returns to the first.
  await page.locator('#search-input').fill('白马山');
  await page.locator('#search-results [role="option"][data-id="project.parcel-baimashan"]').waitFor();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.includes('feature=project.parcel-baimashan'));
  assert.equal(await historyLength(page), start + 2);
  await page.goBack();
  await page.locator('article.card[data-id="project.parcel-xinglong"]').waitFor();
  await context.close();
});

test('back and forward after the map has flown: going back adds no entry and loses none', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: DESKTOP });
  const start = await historyLength(page);
  const choose = async (q, id) => {
    const from = await mapView(page);
    await page.locator('#search-input').fill(q);
    await page.locator(`#search-results [role="option"][data-id="${id}"]`).waitFor();
    await page.keyboard.press('Enter');
    await page.locator(`article.card[data-id="${id}"]`).waitFor();
    await waitForMove(page, from); // it flies there (the card may narrow the map first)
    await waitForRest(page);
  };
  await choose('兴隆', 'project.parcel-xinglong');
  await choose('白马山', 'project.parcel-baimashan');
  assert.equal(await historyLength(page), start + 2);
  // Back to the first: the map flies back to it, which rewrites that entry's view only.
  let from = await mapView(page);
  await page.goBack();
  await page.locator('article.card[data-id="project.parcel-xinglong"]').waitFor();
  await waitForMove(page, from);
  assert.match(page.url(), /feature=project\.parcel-xinglong/);
  // Back to the start: no card.
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('article.card') && !location.hash.includes('feature='));
  assert.equal(await historyLength(page), start + 2, 'going back added no entry');
  // Forward twice: both selections are still there.
  await page.goForward();
  await page.locator('article.card[data-id="project.parcel-xinglong"]').waitFor();
  await page.goForward();
  await page.locator('article.card[data-id="project.parcel-baimashan"]').waitFor();
  assert.equal(await historyLength(page), start + 2);
  await context.close();
});

/**
 * Open the share panel, press "copy link" and return what reached the clipboard, after checking
 * the feedback: the button says "copy" before and "copied" after, in the interface language,
 * and a status line announces it.
 */
async function copyLink(page, lang) {
  const [copy, copied] = lang === 'en' ? ['Copy link', 'Copied'] : ['复制链接', '已复制'];
  await page.locator('button.open-share').click();
  const button = page.locator('button.copy-link');
  assert.equal((await button.textContent()).trim(), copy, 'before copying');
  await button.click();
  await page.waitForFunction((copied) => document.querySelector('button.copy-link').textContent.trim() === copied, copied);
  assert.equal((await page.locator('.share-panel p[role="status"]').textContent()).trim(), copied, 'announced');
  const link = await page.locator('#share-link').inputValue();
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clipboard, link, 'the clipboard holds the link the panel shows');
  return clipboard;
}

test('every kind of feature has a stable link that reopens it; the share button copies it', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: DESKTOP });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  // Whether the map flies to the feature (an unplaced project and a key figure have no place).
  const flies = { 'zone.centre': true, 'project.parcel-majiazhuang': true, 'project.sky-road': false, 'figure.gdp-2025': false, 'axis.wangyue-lu': true };
  for (const [id, moves] of Object.entries(flies)) {
    // Something else on the clipboard first, so a copy that did nothing cannot pass.
    await page.evaluate(() => navigator.clipboard.writeText('stale'));
    const from = await mapView(page);
    await page.evaluate((id) => { location.hash = `feature=${id}`; }, id);
    await page.locator(`article.card[data-id="${id}"]`).waitFor();
    // Copy once the map has landed (mid-flight, the link's view changes between the copy and
    // the read of the panel's field).
    if (moves) await waitForMove(page, from);
    else assert.deepEqual(await mapView(page), from, `${id} has no place: the map stays`);
    const copied = await copyLink(page, 'zh');
    assert.match(copied, new RegExp(`feature=${id.replace(/\./g, '\\.')}(&|$)`));
    const other = await context.newPage();
    await other.goto(copied);
    await other.locator(`article.card[data-id="${id}"]`).waitFor();
    await other.close();
  }
  await context.close();
});

test('the copy feedback speaks the interface language', async () => {
  const { page, context } = await openApp(browser, `${server.url}#lang=en&feature=zone.west`, { viewport: DESKTOP });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  await page.evaluate(() => navigator.clipboard.writeText('stale'));
  assert.match(await copyLink(page, 'en'), /feature=zone\.west(&|$)/);
  await context.close();
});

/** Build a host page around an embed snippet, open it, and return the frame. */
async function openHost(snippet, viewport = { width: 800, height: 700 }) {
  hostPage = `<!doctype html><html><head><meta charset="utf-8"><title>Article</title></head><body>
    <h1>News article</h1><p style="height:900px">Lots of text before the map…</p>
    ${snippet}
    <p style="height:1500px">…and after it.</p></body></html>`;
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const messages = [];
  await page.exposeFunction('__recordMessage', (m) => messages.push(m));
  await page.addInitScript(() => window.addEventListener('message', (e) => window.__recordMessage(e.data)));
  await page.goto(`${host.url}article.html`);
  // Chrome does not render cross-origin frames that are out of view: scroll to it first.
  await page.locator('iframe[data-shizhong-map]').scrollIntoViewIfNeeded();
  const frame = page.frameLocator('iframe[data-shizhong-map]');
  await frame.locator('svg.map-svg[data-ready="true"] path.shape').first().waitFor({ timeout: 30000 });
  return { context, page, frame, messages };
}

test('the embed dialog builds a snippet that works when pasted into a page: auto-height, no scroll trapping', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: DESKTOP });
  await page.locator('button.open-share').click();
  await page.locator('#embed-keep-view').uncheck();
  const snippet = await page.locator('#embed-code').inputValue();
  assert.match(snippet, /<iframe src="[^"]+\?embed=1"/);
  assert.match(snippet, /<script src="[^"]+embed\.js" async><\/script>/);
  // The live preview shows the embed.
  const preview = page.frameLocator('iframe.embed-preview');
  await preview.locator('svg.map-svg[data-ready="true"]').waitFor({ timeout: 30000 });
  await context.close();

  const { context: hc, page: hp, frame, messages } = await openHost(snippet);
  // The iframe takes the height the map asks for: 0.7 × 800 px wide + its header.
  await hp.waitForFunction(() => {
    const f = document.querySelector('iframe[data-shizhong-map]');
    return f && Math.abs(f.getBoundingClientRect().height - 560) < 80 && f.style.height !== '';
  });
  const posted = messages.filter((m) => m && m.type === 'shizhong-map:height');
  assert.ok(posted.length >= 1);
  assert.deepEqual(Object.keys(posted[0]).sort(), ['height', 'type'], 'only size information is sent');
  // The "open full map" link leads to the full app.
  const href = await frame.locator('a.open-full').getAttribute('href');
  assert.ok(!href.includes('embed=1'), href);
  // Wheel over the map scrolls the article, and leaves the map alone.
  await hp.locator('iframe[data-shizhong-map]').scrollIntoViewIfNeeded();
  const box = await hp.locator('iframe[data-shizhong-map]').boundingBox();
  const y0 = await hp.evaluate(() => scrollY);
  const z0 = Number(await frame.locator('svg.map-svg').getAttribute('data-zoom'));
  await hp.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await hp.mouse.wheel(0, 400);
  await hp.waitForFunction((y0) => scrollY > y0, y0);
  // The map turned the wheel away as it came (that is when the hint appears): it did not zoom.
  await frame.locator('.gesture-hint').waitFor({ state: 'visible' });
  assert.equal(Number(await frame.locator('svg.map-svg').getAttribute('data-zoom')), z0, 'the map did not zoom');
  // Ctrl + wheel zooms the map.
  await hp.evaluate(() => document.querySelector('iframe[data-shizhong-map]').scrollIntoView({ block: 'center' }));
  const box2 = await hp.locator('iframe[data-shizhong-map]').boundingBox();
  const mapFrame = await (await hp.locator('iframe[data-shizhong-map]').elementHandle()).contentFrame();
  const from = await mapView(mapFrame);
  await hp.mouse.move(box2.x + box2.width / 2, Math.min(box2.y + box2.height / 2, 650));
  await hp.keyboard.down('Control');
  await hp.mouse.wheel(0, -100);
  await hp.keyboard.up('Control');
  await waitForMove(mapFrame, from);
  assert.ok(Number(await frame.locator('svg.map-svg').getAttribute('data-zoom')) > z0, 'ctrl + wheel zooms');
  await hc.close();
});

test('the embedded map ignores messages it did not ask for', async () => {
  const { context, page, frame } = await openHost(`<iframe src="${server.url}?embed=1" data-shizhong-map style="width:100%;height:400px;border:0"></iframe>`);
  const before = await frame.locator('svg.map-svg').getAttribute('data-center');
  const height = await page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height);
  // Count the messages as they reach the map's window: a listener added after the app's own
  // (if it had one) runs after them, so once all five have arrived the app has seen them all.
  const mapFrame = await (await page.locator('iframe').elementHandle()).contentFrame();
  await mapFrame.evaluate(() => { window.__delivered = 0; addEventListener('message', () => { window.__delivered++; }); });
  await page.evaluate(() => {
    const w = document.querySelector('iframe').contentWindow;
    for (const m of [{ type: 'shizhong-map:height', height: 1 }, { type: 'navigate', url: 'javascript:alert(1)' }, '<img src=x onerror=alert(1)>', null, 42])
      w.postMessage(m, '*');
  });
  await mapFrame.waitForFunction(() => window.__delivered === 5);
  await waitForRest(mapFrame);
  assert.equal(await frame.locator('svg.map-svg').getAttribute('data-center'), before, 'the view did not change');
  assert.equal(await page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height), height, 'nor the frame height');
  assert.equal(await frame.locator('img, iframe').count(), 0, 'no markup from a message');
  await context.close();
});

test('static embeds ignore every gesture', async () => {
  const { page, context } = await openApp(browser, `${server.url}?embed=1&static=1`, { viewport: DESKTOP });
  const z0 = await zoomOf(page);
  const c0 = await centreOf(page);
  await page.mouse.move(600, 400);
  await page.mouse.down();
  await page.mouse.move(400, 300, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await page.mouse.dblclick(600, 400);
  await page.keyboard.press('+');
  // Nothing to wait for when nothing happens: give an animation or a wheel settle the time it
  // would take to show, then check the map is where it was and not moving.
  await page.waitForTimeout(IGNORED_GESTURE_GRACE_MS);
  await waitForRest(page);
  assert.equal(await zoomOf(page), z0);
  assert.deepEqual(await centreOf(page), c0);
  assert.equal(await page.locator('.map-controls').count(), 0);
  await page.locator('.marker').first().click({ force: true });
  // A selection would show at once (the click handler sets it).
  assert.equal(await page.locator('.marker.selected').count(), 0, 'no selection either');
  assert.equal(await page.locator('article.card').count(), 0, 'no card');
  await context.close();
});

test('plain embeds show the map only; one finger scrolls the page, two move the map', async () => {
  const { page, context } = await openApp(browser, `${server.url}?embed=1&plain=1`, { viewport: { width: 390, height: 600 }, hasTouch: true, isMobile: true });
  assert.equal(await page.locator('.app-header').count(), 0);
  assert.equal(await page.locator('.legend').count(), 0);
  assert.equal(await page.locator('.map').evaluate((e) => getComputedStyle(e).touchAction), 'pan-x pan-y');
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const z0 = await zoomOf(page);
  const c0 = await centreOf(page);
  // One finger is the page's: the map says to use two, and stays where it is.
  await touch('touchStart', [[200, 300]]);
  for (let i = 1; i <= 6; i++) await touch('touchMove', [[200 + 10 * i, 300 + 5 * i]]);
  await page.locator('.gesture-hint').waitFor({ state: 'visible' });
  assert.equal(await page.locator('.map-canvas').evaluate((e) => e.style.transform), 'none', 'one finger does not move the map');
  await touch('touchEnd', []);
  await waitForRest(page);
  assert.deepEqual(await centreOf(page), c0, 'one finger left the map where it was');
  const from = await mapView(page);
  await touch('touchStart', [[150, 300], [240, 300]]);
  for (let i = 1; i <= 8; i++) await touch('touchMove', [[150 - 5 * i, 300], [240 + 5 * i, 300]]);
  await touch('touchEnd', []);
  await waitForMove(page, from);
  assert.ok(await zoomOf(page) > z0 + 0.5, 'two fingers zoom the map');
  await context.close();
});

/** Where the district's outline lies in a downloaded SVG, and the map frame it is drawn in. */
async function districtInMap(svgText) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setContent(`<!doctype html><body style="margin:0">${svgText.replace(/^<\?xml[^>]*>/, '')}</body>`);
  const r = await page.evaluate(() => {
    const svg = document.querySelector('svg');
    const map = svg.querySelector('g.map');
    const [, x, y] = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(map.getAttribute('transform')).map(Number);
    const clip = svg.querySelector('#map-clip rect');
    const s = svg.getBoundingClientRect();
    const d = map.querySelector('[data-id="district.shizhong"]').getBoundingClientRect();
    return {
      frame: { left: x, top: y, right: x + Number(clip.getAttribute('width')), bottom: y + Number(clip.getAttribute('height')) },
      district: { left: d.left - s.left, top: d.top - s.top, right: d.right - s.left, bottom: d.bottom - s.top },
      legend: svg.querySelector('.legend')?.textContent ?? '',
    };
  });
  await context.close();
  return r;
}

test('downloads: the map as SVG and PNG, the visible data as GeoJSON, the projects as CSV', async () => {
  const { page, context } = await openApp(browser, `${server.url}#lang=en`, { viewport: DESKTOP, acceptDownloads: true });
  const mapBefore = await page.locator('.map').boundingBox();
  await page.locator('button.open-share').click();
  // The open panel narrows the map on screen …
  await page.waitForFunction((w) => document.querySelector('.map').getBoundingClientRect().width < w - 100, mapBefore.width);
  const grab = async (button) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
    return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
  };
  const svg = await grab('button.download-svg');
  assert.equal(svg.name, 'shizhong-map.svg');
  const text = svg.bytes.toString();
  assert.match(text, /^<\?xml/);
  assert.match(text, /data-id="district\.shizhong"/);
  // … but the download draws the map as it is without the panel: full size, the district whole.
  const { frame, district, legend } = await districtInMap(text);
  assert.equal(frame.right - frame.left, mapBefore.width, 'the map at its full width');
  assert.equal(frame.bottom - frame.top, mapBefore.height, 'and height');
  const inside = district.left >= frame.left - 0.5 && district.right <= frame.right + 0.5
    && district.top >= frame.top - 0.5 && district.bottom <= frame.bottom + 0.5;
  assert.ok(inside, `the district ${JSON.stringify(district)} lies whole inside the map ${JSON.stringify(frame)}`);
  assert.match(legend, /Legend/);
  assert.match(legend, /Western Urban Industry/);
  const png = await grab('button.download-png');
  assert.deepEqual([...png.bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
  assert.ok(png.bytes.readUInt32BE(16) >= 1280, 'at least the map width');
  const geo = await grab('button.download-geojson');
  const fc = JSON.parse(geo.bytes.toString());
  assert.equal(fc.type, 'FeatureCollection');
  assert.ok(fc.features.length > 60);
  assert.ok(fc.features.every((f) => f.properties.id && f.properties.name_zh && f.properties.name_en));
  const csv = await grab('button.download-csv');
  const lines = csv.bytes.toString().split('\r\n').filter(Boolean);
  assert.ok(lines[0].startsWith('\ufeffid,name_zh,name_en,category'));
  assert.ok(lines.length > 30, `${lines.length} rows`);
  await context.close();
});

test('printing gives one clean A4 page with the map, the legend and the open card', async () => {
  const { page, context } = await openApp(browser, `${server.url}#feature=project.renewal-zhongshan-park`, { viewport: DESKTOP });
  await page.locator('article.card').waitFor();
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.waitForFunction(() => document.querySelector('details.legend').open);
  await waitForRest(page);
  assert.equal(await page.locator('.toolbar').isVisible(), false);
  assert.equal(await page.locator('.legend-list').isVisible(), true);
  assert.equal(await page.locator('article.card blockquote').isVisible(), true);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, `${pages} pages`);
  await context.close();
});

// (Without JavaScript the pre-rendered first view is the page: e2e/first-view.test.js.)
test('link previews: the Open Graph picture made at build time is served', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(server.url);
  const src = await page.locator('meta[property="og:image"]').getAttribute('content');
  assert.match(src, /preview\.png$/);
  const res = await page.request.get(new URL(src, server.url).href);
  assert.equal(res.status(), 200);
  const png = await res.body();
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.ok(png.readUInt32BE(16) >= 1000, `preview.png is ${png.readUInt32BE(16)} px wide`);
  await context.close();
});
