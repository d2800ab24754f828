// Embeds in a news page on another origin: static maps never capture gestures, cooperative
// maps leave one finger to the page, the embed builder's snippet fits the district at every
// preview width and starts as tall as it previews, and plain embeds keep a compact key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, DIST } from './harness.js';

let server, host, browser;
let hostPage = '';
before(async () => {
  server = await serve();
  // The news site: another origin (a second port), its article set per test.
  host = await serve(DIST, { override: (p) => (p === '/article.html' ? { body: Buffer.from(hostPage), status: 200 } : undefined) });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); await host?.close(); });

const PHONE = { viewport: { width: 390, height: 700 }, hasTouch: true, isMobile: true };
const settle = (page) => page.waitForTimeout(450);

/** A tall article with `iframe` in its middle, opened in a new context; resolves once the map drew. */
async function openArticle(iframe, contextOptions = PHONE) {
  hostPage = `<!doctype html><html><head><meta charset="utf-8"><title>Article</title>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <style>body { margin: 0 } p.text { height: 1200px; margin: 0 }</style></head><body>
    <h1>News article</h1><p class="text">Lots of text before the map…</p>
    ${iframe}
    <p class="text">…and after it.</p></body></html>`;
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const heights = [];
  await page.exposeFunction('__height', (h) => heights.push(h));
  await page.addInitScript(() => window.addEventListener('message', (e) => {
    if (e.data && e.data.type === 'shizhong-map:height') window.__height(e.data.height);
  }));
  await page.goto(`${host.url}article.html`);
  // Chrome does not render cross-origin frames that are out of view: bring it to the middle.
  await page.evaluate(() => document.querySelector('iframe').scrollIntoView({ block: 'center' }));
  const frame = page.frameLocator('iframe');
  await frame.locator('svg.map-svg[data-ready="true"] path.shape').first().waitFor({ timeout: 30000 });
  await page.waitForTimeout(300);
  return { context, page, frame, heights };
}

/** One finger (or several, moving together) dragged by (dx, dy) in small steps, by CDP touch events. */
async function swipe(page, cdp, points, dx, dy, steps = 12) {
  const at = (k) => points.map(([x, y], id) => ({ x: x + (dx * k) / steps, y: y + (dy * k) / steps, id }));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let k = 1; k <= steps; k++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(k) });
    await page.waitForTimeout(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.waitForTimeout(500);
}

const frameBox = (page) => page.locator('iframe').boundingBox();
const centreOf = async (frame) => frame.locator('svg.map-svg').getAttribute('data-center');

test('a static embed is a picture: a one-finger swipe over it scrolls the article', async () => {
  const { context, page, frame } = await openArticle(
    `<iframe src="${server.url}?embed=1&static=1" style="width:100%;height:480px;border:0" title="map"></iframe>`);
  // Nothing in it takes gestures, and no control it cannot use is shown.
  assert.notEqual(await frame.locator('.map').evaluate((e) => getComputedStyle(e).touchAction), 'none');
  assert.equal(await frame.locator('.map-canvas').evaluate((e) => getComputedStyle(e).pointerEvents), 'none');
  for (const gone of ['.toolbar', '.map-controls', 'button.open-layers', 'button.open-list', 'button.open-share', '#search-input'])
    assert.equal(await frame.locator(gone).count(), 0, `${gone} is not shown`);
  // It keeps its title, legend and attribution.
  assert.equal(await frame.locator('.app-header h1').isVisible(), true);
  assert.equal(await frame.locator('.legend').isVisible(), true);
  assert.equal(await frame.locator('.map-attribution').isVisible(), true);

  const cdp = await context.newCDPSession(page);
  const box = await frameBox(page);
  const y0 = await page.evaluate(() => scrollY);
  const c0 = await centreOf(frame);
  await swipe(page, cdp, [[box.x + box.width / 2, box.y + box.height * 0.7]], 0, -250);
  const y1 = await page.evaluate(() => scrollY);
  assert.ok(y1 > y0 + 100, `the article scrolled: ${y0} → ${y1}`);
  assert.equal(await centreOf(frame), c0, 'the map did not move');
  await context.close();
});

test('an interactive embed leaves one finger to the article and moves with two', async () => {
  const { context, page, frame } = await openArticle(
    `<iframe src="${server.url}?embed=1" style="width:100%;height:480px;border:0" title="map"></iframe>`);
  const cdp = await context.newCDPSession(page);
  let box = await frameBox(page);
  const y0 = await page.evaluate(() => scrollY);
  const c0 = await centreOf(frame);
  await swipe(page, cdp, [[box.x + box.width / 2, box.y + box.height * 0.7]], 0, -250);
  const y1 = await page.evaluate(() => scrollY);
  assert.ok(y1 > y0 + 100, `one finger scrolled the article: ${y0} → ${y1}`);
  assert.equal(await centreOf(frame), c0, 'one finger did not move the map');
  // Two fingers moving together pan the map and leave the article where it is.
  await page.evaluate(() => document.querySelector('iframe').scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(300);
  box = await frameBox(page);
  const y2 = await page.evaluate(() => scrollY);
  const cy = box.y + box.height / 2;
  await swipe(page, cdp, [[box.x + 120, cy], [box.x + 240, cy]], 80, 0);
  await settle(page);
  assert.notEqual(await centreOf(frame), c0, 'two fingers moved the map');
  assert.ok(Math.abs((await page.evaluate(() => scrollY)) - y2) < 5, 'the article stayed');
  // Choosing a feature in the map leaves the article's history alone (Back leaves the article).
  const entries = await page.evaluate(() => history.length);
  const id = await frame.locator('.map').evaluate((map) => {
    const m = map.getBoundingClientRect();
    const inside = [...map.querySelectorAll('.marker[data-id]')].find((e) => {
      const r = e.getBoundingClientRect();
      return r.left > m.left + 60 && r.right < m.right - 60 && r.top > m.top + 60 && r.bottom < m.bottom - 40;
    });
    return inside?.dataset.id;
  });
  assert.ok(id, 'a marker in view');
  await frame.locator(`.marker[data-id="${id}"]`).tap();
  await frame.locator('article.card').waitFor();
  assert.equal(await page.evaluate(() => history.length), entries);
  await context.close();
});

/** The snippet's iframe src and starting height. */
function parseSnippet(snippet) {
  const src = /<iframe src="([^"]+)"/.exec(snippet)[1].replace(/&amp;/g, '&');
  const height = Number(/height:(\d+)px/.exec(snippet)[1]);
  return { src, height };
}

const DESKTOP = { viewport: { width: 1280, height: 800 } };

/** In a map page `width` wide: whether the district's outline lies inside the map. */
function mapShowsTheDistrict(width) {
  const d = document.querySelector('svg.map-svg[data-ready="true"] path.shape[data-id="district.shizhong"]');
  const m = document.querySelector('.map');
  if (!d || !m || innerWidth !== width) return false;
  const a = d.getBoundingClientRect();
  const b = m.getBoundingClientRect();
  return a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
}

test('the embed builder: home view by default, a preview at the real size of each width, a district never cropped', async () => {
  const { page, context } = await openApp(browser, server.url, DESKTOP);
  await page.locator('button.open-share').click();
  // The default snippet does not pin the view on screen; the option does.
  assert.equal(await page.locator('#embed-keep-view').isChecked(), false);
  assert.doesNotMatch(await page.locator('#embed-code').inputValue(), /map=/);
  await page.locator('#embed-keep-view').check();
  assert.match(await page.locator('#embed-code').inputValue(), /map=\d+\.\d{2}\//);
  await page.locator('#embed-keep-view').uncheck();

  const cases = [
    { preset: 'phone', width: 375, plain: false },
    { preset: 'column', width: 680, plain: false },
    { preset: 'full', width: 1280, plain: false },
    { preset: 'phone', width: 375, plain: true },
    { preset: 'column', width: 680, plain: true },
  ];
  for (const c of cases) {
    await page.locator('#embed-plain').setChecked(c.plain);
    await page.locator(`#preview-${c.preset}`).check();
    const snippet = await page.locator('#embed-code').inputValue();
    const { src, height } = parseSnippet(snippet);
    assert.doesNotMatch(src, /map=/);
    // The preview is laid out at the embed's real size: the preset width, the snippet's height.
    const preview = page.locator('iframe.embed-preview');
    assert.equal(Number(await preview.getAttribute('width')), c.width, c.preset);
    assert.equal(Number(await preview.getAttribute('height')), height, c.preset);
    // Shown whole, scaled down to the panel if need be.
    const [shown, box] = await Promise.all([preview.boundingBox(), page.locator('.embed-preview-box').boundingBox()]);
    const k = shown.width / c.width;
    assert.ok(k <= 1 && Math.abs(shown.height - height * k) < 2, `scaled as a whole: ${JSON.stringify(shown)} for ${c.width}×${height}`);
    assert.ok(box.width >= shown.width - 1 && Math.abs(box.height - shown.height) < 2, `not clipped: ${JSON.stringify(box)}`);
    // The preview opens as a reader's embed of that size would: the whole district in view.
    const previewFrame = await (await preview.elementHandle()).contentFrame();
    await previewFrame.waitForFunction(mapShowsTheDistrict, c.width, { timeout: 30000 })
      .catch(() => assert.fail(`${c.preset}: the preview crops the district`));

    // Pasted into an article as it is: the map asks for the height the snippet starts at,
    // and the whole district is inside the map.
    const mobile = c.width < 600;
    const { context: hc, page: hp, frame, heights } = await openArticle(
      `<div style="width:${c.width}px">${snippet}</div>`,
      mobile ? { viewport: { width: c.width, height: 700 }, hasTouch: true, isMobile: true } : { viewport: { width: c.width + 40, height: 900 } });
    await hp.waitForFunction(() => document.querySelector('iframe').style.height !== '');
    await hp.waitForTimeout(300);
    assert.ok(heights.length >= 1, 'the map sent its height');
    const label = `${c.preset}${c.plain ? ' plain' : ''}`;
    assert.ok(heights.every((h) => Math.abs(h - height) <= 1), `${label}: asked for ${heights}, the snippet said ${height}`);
    const iframeBox = await hp.locator('iframe').boundingBox();
    assert.ok(Math.abs(iframeBox.height - height) <= 1 && Math.abs(iframeBox.width - c.width) <= 1, `${label}: ${JSON.stringify(iframeBox)}`);
    const [district, map] = await Promise.all([
      frame.locator('path.shape[data-id="district.shizhong"]').evaluate((e) => e.getBoundingClientRect().toJSON()),
      frame.locator('.map').evaluate((e) => e.getBoundingClientRect().toJSON()),
    ]);
    const inside = district.left >= map.left - 0.5 && district.right <= map.right + 0.5
      && district.top >= map.top - 0.5 && district.bottom <= map.bottom + 0.5;
    assert.ok(inside, `${label}: the district ${JSON.stringify(district)} lies inside the map ${JSON.stringify(map)}`);
    await hc.close();
  }
  await context.close();
});

test('a plain embed keeps a compact key: the zones by name; the attribution says once that they are schematic', async () => {
  for (const [lang, names, note] of [
    ['zh', ['北部现代服务核心区（北服务）', '中部科技创新引领区（中科创）', '南部山水泉源生态区（南生态）', '西部都市工业活力区（西智造）'], '分区边界与科创带宽度为示意'],
    ['en', ['Northern Modern Services Core Zone (North · services)', 'Western Urban Industry Zone (West · smart industry)'], 'zone borders and belt width are schematic'],
  ]) {
    const { page, context, errors } = await openApp(browser, `${server.url}?embed=1&plain=1#lang=${lang}`, PHONE);
    assert.equal(await page.locator('.app-header').count(), 0, 'no header');
    const key = page.locator('.plain-key');
    await key.waitFor();
    const text = await key.textContent();
    for (const n of names) assert.ok(text.includes(n), `${lang}: ${n} in ${text}`);
    const pageText = await page.evaluate(() => document.body.innerText.toLowerCase());
    assert.equal(pageText.split(note.toLowerCase()).length - 1, 1, `${lang}: "${note}" once on the page`);
    assert.ok((await page.locator('.map-attribution').textContent()).toLowerCase().includes(note.toLowerCase()));
    // Each zone with its hatch swatch, and nothing of the key under the map.
    assert.equal(await key.locator('li.legend-cat-zone svg.swatch').count(), 4);
    const [k, m] = await Promise.all([key.boundingBox(), page.locator('.map').boundingBox()]);
    assert.ok(k.y >= m.y + m.height - 0.5, `the key ${JSON.stringify(k)} is below the map ${JSON.stringify(m)}`);
    assert.ok(k.y + k.height <= 700.5, 'the key is on screen');
    // It follows the zone filter, as the legend does.
    await page.evaluate(() => { location.hash = 'zone=zone.west'; });
    await page.waitForFunction(() => document.querySelectorAll('.plain-key li.legend-cat-zone').length === 1);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('the scale bar and "open the full map" stand on the attribution line, however many lines it wraps to', async () => {
  const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  for (const [width, query, hash] of [[375, '?embed=1&plain=1', '#lang=en'], [320, '?embed=1', '#lang=en'], [680, '?embed=1', '#lang=zh'], [390, '', '#lang=en'], [1280, '', '#lang=zh']]) {
    const what = `${width} px ${query}${hash}`;
    const { page, context, errors } = await openApp(browser, `${server.url}${query}${hash}`, { viewport: { width, height: 640 } });
    const attribution = await page.locator('.map .map-attribution').boundingBox();
    for (const sel of ['.scale-bar', '.open-full']) {
      const el = await (await page.$(sel))?.boundingBox();
      if (sel === '.open-full' && !query) { assert.equal(el, undefined, `${what}: no ${sel} outside embeds`); continue; }
      assert.ok(el, `${what}: ${sel} is there`);
      assert.ok(!overlap(el, attribution), `${what}: ${sel} ${JSON.stringify(el)} clear of the attribution ${JSON.stringify(attribution)}`);
      assert.ok(attribution.y - (el.y + el.height) <= 16, `${what}: ${sel} right above it`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});
