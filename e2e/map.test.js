// The map itself: every layer drawn, labels never overlapping, navigation by mouse, wheel,
// touch and keyboard, selection, clusters, level of detail, scale bar.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openApp, DIST, mapView, waitForZoom, waitForMove, waitForRest } from './harness.js';
import { drawnBoxes, labelProblems } from './label-boxes.js';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const zoomOf = async (page) => Number(await page.locator('svg.map-svg').getAttribute('data-zoom'));
const centreOf = async (page) => (await page.locator('svg.map-svg').getAttribute('data-center')).split(',').map(Number);
const districtBox = (page) => page.locator('path.shape[data-id="district.shizhong"]').boundingBox();

/** Pairs of visible labels whose drawn outlines (turned with their text) overlap by more
 * than half a pixel, and labels on a marker or a badge. */
async function overlappingLabels(page) {
  const drawn = await drawnBoxes(page);
  return { count: drawn.labels.length, bad: labelProblems(drawn) };
}

/** Every feature with a geometry in geodata/, by reading the built files. */
function drawnFeatureIds() {
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'geodata/manifest.json')));
  return manifest.files.flatMap((f) => JSON.parse(fs.readFileSync(path.join(DIST, 'geodata', f))).features)
    .filter((f) => f.geometry && f.properties.precision !== 'none')
    .map((f) => ({ id: f.properties.id, category: f.properties.category }));
}

test('every layer is drawn: each placed feature as a shape, a marker or in a cluster', async () => {
  const { page, context, errors } = await openApp(browser, server.url, { viewport: { width: 1440, height: 900 } });
  const onMap = await page.evaluate(() => {
    const ids = new Set();
    document.querySelectorAll('[data-id]').forEach((e) => ids.add(e.dataset.id));
    document.querySelectorAll('.cluster[data-ids]').forEach((e) => e.dataset.ids.split(' ').forEach((i) => ids.add(i)));
    return [...ids];
  });
  const expected = drawnFeatureIds();
  const categories = new Set(expected.map((f) => f.category));
  for (const c of ['district', 'neighbour', 'zone', 'belt', 'axis', 'road', 'landmark', 'metro_station', 'land', 'renewal', 'innovation', 'industry']) {
    assert.ok(categories.has(c), `data has ${c}`);
  }
  const missing = expected.filter((f) => !onMap.includes(f.id)).map((f) => f.id);
  assert.deepEqual(missing, [], 'features not on the map');
  // Zones differ by pattern, not only colour; approximate markers look different.
  const hatches = await page.$$eval('path.hatch', (ps) => new Set(ps.map((p) => p.getAttribute('fill'))).size);
  assert.equal(hatches, 4);
  const approx = await page.locator('.marker.approximate path.symbol').first().getAttribute('stroke-dasharray');
  assert.ok(approx, 'approximate markers are dashed');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const viewport of [{ width: 360, height: 640 }, { width: 1440, height: 900 }]) {
  test(`labels never overlap at any zoom, and more appear as you zoom in (${viewport.width}x${viewport.height})`, async () => {
    const { page, context } = await openApp(browser, server.url, { viewport });
    // The old city is the densest part: centre on it (its cluster), then zoom in step by step.
    const labelled = async (ids) => page.$$eval('text.label', (els, ids) => els.filter((e) => ids.includes(e.dataset.id)).length, ids);
    const renewal = ['project.renewal-jingsi-xiaoweier', 'project.renewal-shangxinjie-2', 'project.renewal-zhongshan-park', 'axis.dawei-er-lu', 'landmark.district-government'];
    const shown = [];
    for (let step = 0; step < 5; step++) {
      const { count, bad } = await overlappingLabels(page);
      assert.deepEqual(bad, [], `overlaps at zoom ${await zoomOf(page)}`);
      assert.ok(count >= 1, `${count} labels at zoom ${await zoomOf(page)}`);
      shown.push(await labelled(renewal));
      if (step === 0) {
        // Drag the old city's cluster to the middle of the map.
        const c = await page.locator('.cluster[data-ids*="project.renewal-zhongshan-park"]').boundingBox();
        const map = await page.locator('.map').boundingBox();
        await page.mouse.move(c.x + c.width / 2, c.y + c.height / 2);
        await page.mouse.down();
        await page.mouse.move(map.x + map.width / 2, map.y + map.height / 2, { steps: 8 });
        await page.mouse.up();
      }
      await page.locator('.map').focus();
      const z = await zoomOf(page);
      await page.keyboard.press('+');
      // No deeper than the offline map goes (`basemap::OFFLINE_MAX_ZOOM`).
      await waitForZoom(page, Math.min(z + 1, 17));
    }
    // Clustered at first, the old city's features get their names once zoomed in.
    assert.ok(Math.max(...shown.slice(1)) >= shown[0] + 2, `old-city labels by zoom: ${shown}`);
    await context.close();
  });
}

test('drag pans the map by the pointer distance', async () => {
  const { page, context } = await openApp(browser, server.url);
  const before = await districtBox(page);
  await page.mouse.move(600, 400);
  await page.mouse.down();
  const from = await mapView(page);
  for (let i = 1; i <= 10; i++) await page.mouse.move(600 - 12 * i, 400 + 5 * i);
  await page.mouse.up();
  await waitForMove(page, from);
  const after = await districtBox(page);
  assert.ok(Math.abs(after.x - before.x + 120) < 2, `dx ${after.x - before.x}`);
  assert.ok(Math.abs(after.y - before.y - 50) < 2, `dy ${after.y - before.y}`);
  // A drag ending on a marker does not select it.
  assert.equal(await page.locator('.marker.selected').count(), 0);
  await context.close();
});

test('wheel zooms about the cursor', async () => {
  const { page, context } = await openApp(browser, server.url);
  const z0 = await zoomOf(page);
  const before = await districtBox(page);
  const cursor = { x: before.x + before.width * 0.3, y: before.y + before.height * 0.4 };
  await page.mouse.move(cursor.x, cursor.y);
  await page.mouse.wheel(0, -300); // one zoom level in
  await waitForZoom(page, z0 + 1);
  const z1 = await zoomOf(page);
  assert.ok(Math.abs(z1 - z0 - 1) < 0.01, `zoom ${z0} → ${z1}`);
  const after = await districtBox(page);
  // The point under the cursor stays: its fraction of the district box is unchanged.
  const fx = (cursor.x - after.x) / after.width, fy = (cursor.y - after.y) / after.height;
  assert.ok(Math.abs(fx - 0.3) < 0.01 && Math.abs(fy - 0.4) < 0.01, `${fx}, ${fy}`);
  assert.ok(Math.abs(after.width / before.width - 2) < 0.02, 'twice as wide');
  await context.close();
});

test('keyboard: arrows pan, + and - zoom, 0 resets, when the map has focus', async () => {
  const { page, context } = await openApp(browser, server.url);
  await page.locator('.map').focus();
  const z0 = await zoomOf(page);
  const b0 = await districtBox(page);
  let from = await mapView(page);
  await page.keyboard.press('ArrowRight');
  await waitForMove(page, from);
  const b1 = await districtBox(page);
  assert.ok(Math.abs(b1.x - b0.x + 100) < 1.5, `ArrowRight moves the map left by 100 px: ${b1.x - b0.x}`);
  from = await mapView(page);
  await page.keyboard.press('ArrowDown');
  await waitForMove(page, from);
  assert.ok(Math.abs((await districtBox(page)).y - b1.y + 100) < 1.5);
  await page.keyboard.press('+');
  await waitForZoom(page, z0 + 1);
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await waitForZoom(page, z0 - 1);
  await page.keyboard.press('0');
  await waitForZoom(page, z0);
  const b2 = await districtBox(page);
  assert.ok(Math.abs(b2.x - b0.x) < 1 && Math.abs(b2.y - b0.y) < 1, 'back home');
  await context.close();
});

test('buttons and double-click zoom; zoom is limited', async () => {
  const { page, context } = await openApp(browser, server.url);
  const z0 = await zoomOf(page);
  await page.locator('button.zoom-in').click();
  await waitForZoom(page, z0 + 1);
  await page.mouse.dblclick(640, 420);
  await waitForZoom(page, z0 + 2);
  // Far more clicks than levels: the zoom stops at the limits (without a basemap
  // `basemap::OFFLINE_MAX_ZOOM`, and `canvas::ZOOM_OUT_MARGIN` below the home view), exactly.
  assert.ok(z0 + 2 + 12 > 17, `12 more levels from ${z0} pass the limit`);
  for (let i = 0; i < 12; i++) await page.locator('button.zoom-in').click();
  await waitForZoom(page, 17);
  for (let i = 0; i < 16; i++) await page.locator('button.zoom-out').click();
  // Where the zoom-out stops is only known from the home view (next), so wait for the map
  // to come to rest rather than for a zoom.
  await waitForRest(page);
  const zMin = await zoomOf(page);
  // The double-click's clicks selected what was under them: the card narrows the map, and the
  // home view and the zoom limit follow the map's size as it is now.
  const from = await mapView(page);
  await page.locator('button.reset').click();
  await waitForMove(page, from);
  const zHome = await zoomOf(page);
  assert.ok(Math.abs(zMin - (zHome - 1.5)) < 0.01, `zoomed out to 1.5 levels beyond home, no further: ${zMin} vs ${zHome}`);
  const map = await page.locator('.map').boundingBox();
  const district = await districtBox(page);
  assert.ok(district.x >= map.x - 1 && district.x + district.width <= map.x + map.width + 1
    && district.y >= map.y - 1 && district.y + district.height <= map.y + map.height + 1,
    `home shows the whole district in the map: ${JSON.stringify({ district, map })}`);
  await context.close();
});

test('clicking a marker selects it; clicking the background clears it; Esc too', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: { width: 1440, height: 900 } });
  const marker = page.locator('.marker[data-id="project.parcel-xinglong"]');
  await marker.click();
  await page.locator('.marker.selected[data-id="project.parcel-xinglong"]').waitFor();
  const selected = page.locator('.marker[data-id="project.parcel-xinglong"]');
  assert.equal(await selected.getAttribute('aria-pressed'), 'true');
  assert.match(await selected.getAttribute('class'), /selected/);
  // Clicking an area selects it and outlines it.
  const zone = await page.locator('path.shape[data-id="zone.south"]').boundingBox();
  await page.mouse.click(zone.x + zone.width * 0.35, zone.y + zone.height * 0.6);
  await page.locator('path.highlight').waitFor();
  assert.equal(await page.locator('.marker.selected').count(), 0);
  assert.equal(await page.locator('path.highlight').count(), 1);
  await page.locator('.map').focus();
  await page.keyboard.press('Escape');
  await page.locator('path.highlight').waitFor({ state: 'detached' });
  // Keyboard: Tab to a marker, Enter selects it.
  const first = page.locator('.marker').first();
  const id = await first.getAttribute('data-id');
  await first.focus();
  await page.keyboard.press('Enter');
  await page.locator(`.marker.selected[data-id="${id}"]`).waitFor();
  assert.equal(await page.locator('.marker.selected').count(), 1);
  await context.close();
});

test('an approximate feature, when selected, shows the area it stands for', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: { width: 1440, height: 900 } });
  await page.locator('.marker[data-id="project.parcel-majiazhuang"]').click();
  await page.locator('.marker.selected[data-id="project.parcel-majiazhuang"]').waitFor();
  const ring = page.locator('circle.uncertainty');
  assert.equal(await ring.count(), 1);
  assert.ok(Number(await ring.getAttribute('r')) > 20);
  await context.close();
});

test('clusters split when zoomed in', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: { width: 1280, height: 800 } });
  const cluster = page.locator('.cluster').first();
  const count = Number(await cluster.getAttribute('data-count'));
  const ids = (await cluster.getAttribute('data-ids')).split(' ');
  assert.ok(count >= 2);
  const from = await mapView(page);
  await cluster.click();
  await waitForMove(page, from);
  // Its members are now shown separately (as markers or smaller clusters).
  const state = await page.evaluate((ids) => ids.map((id) => {
    if (document.querySelector(`.marker[data-id="${id}"]`)) return 'marker';
    const c = [...document.querySelectorAll('.cluster')].find((e) => e.dataset.ids.split(' ').includes(id));
    return c ? `cluster:${c.dataset.count}` : 'gone';
  }), ids);
  const markers = state.filter((s) => s === 'marker').length;
  assert.ok(markers >= 1, `after zooming into the cluster: ${state}`);
  assert.ok(!state.includes(`cluster:${count}`), `the cluster split: ${state}`);
  await context.close();
});

test('pinch with two fingers zooms; one finger drags', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: { width: 390, height: 700 }, hasTouch: true, isMobile: true });
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const z0 = await zoomOf(page);
  let from = await mapView(page);
  await touch('touchStart', [[150, 350], [240, 350]]);
  for (let i = 1; i <= 8; i++) await touch('touchMove', [[150 - 5 * i, 350], [240 + 5 * i, 350]]);
  await touch('touchEnd', []);
  await waitForMove(page, from);
  const z1 = await zoomOf(page);
  // Finger distance 90 → 170: log2(170 / 90) ≈ 0.92 levels.
  assert.ok(Math.abs(z1 - z0 - Math.log2(170 / 90)) < 0.05, `${z0} → ${z1}`);
  const b0 = await districtBox(page);
  from = await mapView(page);
  await touch('touchStart', [[200, 400]]);
  for (let i = 1; i <= 6; i++) await touch('touchMove', [[200 + 10 * i, 400]]);
  await touch('touchEnd', []);
  await waitForMove(page, from);
  const b1 = await districtBox(page);
  assert.ok(Math.abs(b1.x - b0.x - 60) < 2, `one-finger drag: ${b1.x - b0.x}`);
  await context.close();
});

test('level of detail: outlines are simplified when zoomed out, full when zoomed in', async () => {
  const { page, context } = await openApp(browser, server.url);
  const vertices = () => page.locator('path.shape[data-id="district.shizhong"]').getAttribute('d').then((d) => d.match(/-?[0-9.]+/g).length / 2);
  const coarse = await vertices();
  const z0 = await zoomOf(page);
  for (let i = 0; i < 4; i++) await page.locator('button.zoom-in').click();
  await waitForZoom(page, z0 + 4);
  const fine = await vertices();
  assert.ok(fine > coarse * 1.3, `${coarse} → ${fine} vertices`);
  await context.close();
});

test('resizing keeps a moved view; the scale bar and attribution are shown', async () => {
  const { page, context } = await openApp(browser, server.url);
  const zoomHome = await zoomOf(page);
  await page.locator('button.zoom-in').click();
  await waitForZoom(page, zoomHome + 1);
  const [lon0, lat0] = await centreOf(page);
  const z0 = await zoomOf(page);
  const width = await page.locator('svg.map-svg').getAttribute('width');
  await page.setViewportSize({ width: 500, height: 900 });
  // The map measured its new size (its drawing is the size plus a margin).
  await page.waitForFunction((w) => document.querySelector('svg.map-svg').getAttribute('width') !== w, width);
  await waitForRest(page);
  const [lon1, lat1] = await centreOf(page);
  assert.ok(Math.abs(lon1 - lon0) < 1e-4 && Math.abs(lat1 - lat0) < 1e-4);
  assert.ok(Math.abs(await zoomOf(page) - z0) < 1e-3);
  assert.match(await page.locator('.scale-label').textContent(), /^\d+ k?m$/);
  assert.match(await page.locator('.map-attribution').textContent(), /cnmaps/);
  await context.close();
});

test('resizing a map at home fits the district to the new size', async () => {
  const { page, context } = await openApp(browser, server.url);
  const z0 = await zoomOf(page);
  const width = await page.locator('svg.map-svg').getAttribute('width');
  await page.setViewportSize({ width: 500, height: 900 });
  await page.waitForFunction((w) => document.querySelector('svg.map-svg').getAttribute('width') !== w, width);
  await waitForRest(page);
  assert.ok(await zoomOf(page) < z0 - 0.5, 'zoomed out to fit the narrower screen');
  const box = await page.locator('path.shape[data-id="district.shizhong"]').boundingBox();
  const map = await page.locator('.map').boundingBox();
  assert.ok(box.x >= map.x - 1 && box.x + box.width <= map.x + map.width + 1, `the district (${Math.round(box.x)}–${Math.round(box.x + box.width)}) fits across the map`);
  await context.close();
});
