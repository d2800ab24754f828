// Share, embed and export: deep links and history, the share link, news-page embeds
// (auto-height, cooperative gestures, static), the embed dialog, downloads, print, noscript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, openApp, DIST } from './harness.js';

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
const settle = (page) => page.waitForTimeout(450);
const zoomOf = async (page) => Number(await page.locator('svg.map-svg').getAttribute('data-zoom'));
const centreOf = async (page) => (await page.locator('svg.map-svg').getAttribute('data-center')).split(',').map(Number);

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
  await settle(page);
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
  await settle(fresh.page);
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
  await page.locator('.map').focus();
  await page.keyboard.press('ArrowLeft');
  await settle(page);
  assert.notEqual(page.url(), before);
  assert.match(page.url(), /#map=\d+\.\d{2}\/\d+\.\d{5}\/\d+\.\d{5}/);
  await context.close();
});

test('every kind of feature has a stable link that reopens it; the share button copies it', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: DESKTOP });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  for (const id of ['zone.centre', 'project.parcel-majiazhuang', 'project.sky-road', 'figure.gdp-2025', 'axis.wangyue-lu']) {
    await page.locator('#search-input').fill('');
    await page.evaluate((id) => { location.hash = `feature=${id}`; }, id);
    await page.locator(`article.card[data-id="${id}"]`).waitFor();
    await page.locator('button.open-share').click();
    await page.locator('button.copy-link').click();
    await page.waitForFunction(() => document.querySelector('button.copy-link').textContent.includes('复制') === false || true);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, new RegExp(`feature=${id.replace(/\./g, '\\.')}`));
    const other = await context.newPage();
    await other.goto(copied);
    await other.locator(`article.card[data-id="${id}"]`).waitFor();
    await other.close();
  }
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
  await hp.waitForTimeout(500);
  assert.ok(await hp.evaluate(() => scrollY) > y0, 'the page scrolled');
  assert.equal(Number(await frame.locator('svg.map-svg').getAttribute('data-zoom')), z0, 'the map did not zoom');
  assert.equal(await frame.locator('.gesture-hint').isVisible(), true, 'a hint explains ctrl + scroll');
  // Ctrl + wheel zooms the map.
  await hp.evaluate(() => document.querySelector('iframe[data-shizhong-map]').scrollIntoView({ block: 'center' }));
  await hp.waitForTimeout(200);
  const box2 = await hp.locator('iframe[data-shizhong-map]').boundingBox();
  await hp.mouse.move(box2.x + box2.width / 2, Math.min(box2.y + box2.height / 2, 650));
  await hp.keyboard.down('Control');
  await hp.mouse.wheel(0, -100);
  await hp.keyboard.up('Control');
  await hp.waitForTimeout(500);
  assert.ok(Number(await frame.locator('svg.map-svg').getAttribute('data-zoom')) > z0, 'ctrl + wheel zooms');
  await hc.close();
});

test('the embedded map ignores messages it did not ask for', async () => {
  const { context, page, frame } = await openHost(`<iframe src="${server.url}?embed=1" data-shizhong-map style="width:100%;height:400px;border:0"></iframe>`);
  const before = await frame.locator('svg.map-svg').getAttribute('data-center');
  await page.evaluate(() => {
    const w = document.querySelector('iframe').contentWindow;
    for (const m of [{ type: 'shizhong-map:height', height: 1 }, { type: 'navigate', url: 'javascript:alert(1)' }, '<img src=x onerror=alert(1)>', null, 42])
      w.postMessage(m, '*');
  });
  await page.waitForTimeout(300);
  assert.equal(await frame.locator('svg.map-svg').getAttribute('data-center'), before);
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
  await settle(page);
  assert.equal(await zoomOf(page), z0);
  assert.deepEqual(await centreOf(page), c0);
  assert.equal(await page.locator('.map-controls').count(), 0);
  await page.locator('.marker').first().click({ force: true });
  await settle(page);
  assert.equal(await page.locator('.marker.selected').count(), 0, 'no selection either');
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
  await touch('touchStart', [[150, 300], [240, 300]]);
  for (let i = 1; i <= 8; i++) await touch('touchMove', [[150 - 5 * i, 300], [240 + 5 * i, 300]]);
  await touch('touchEnd', []);
  await settle(page);
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
  await settle(page);
  assert.equal(await page.locator('.toolbar').isVisible(), false);
  assert.equal(await page.locator('.legend-list').isVisible(), true);
  assert.equal(await page.locator('article.card blockquote').isVisible(), true);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, `${pages} pages`);
  await context.close();
});

test('without JavaScript, the page shows the static map made at build time', async () => {
  assert.ok(fs.existsSync(`${DIST}/preview.png`), 'the build made preview.png');
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(server.url);
  const img = page.locator('img.noscript-map');
  await img.waitFor();
  assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth >= 1000));
  assert.match(await page.locator('meta[property="og:image"]').getAttribute('content'), /preview\.png$/);
  await context.close();
});
