// The first slice: the page loads geodata/ at run time and draws the real district boundary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp } from './harness.js';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 640 }]) {
  test(`district boundary is drawn and fitted at ${viewport.width}x${viewport.height}`, async () => {
    const { page, context, errors } = await openApp(browser, server.url, { viewport });
    const district = page.locator('path[data-id="district.shizhong"]');
    await district.waitFor();
    const box = await district.boundingBox();
    const map = await page.locator('.map').boundingBox();
    // Fitted: inside the map, and filling most of it in the tighter dimension.
    assert.ok(box.x >= map.x - 1 && box.y >= map.y - 1, `starts inside the map: ${JSON.stringify(box)}`);
    assert.ok(box.x + box.width <= map.x + map.width + 1, 'ends inside horizontally');
    assert.ok(box.y + box.height <= map.y + map.height + 1, 'ends inside vertically');
    const fill = Math.max(box.width / map.width, box.height / map.height);
    assert.ok(fill > 0.8, `fills the map (${fill.toFixed(2)})`);
    // The real district is wider than tall (≈ 31 km × 21 km): a sanity check on the projection.
    assert.ok(box.width / box.height > 1.2 && box.width / box.height < 2.2, `aspect ${box.width / box.height}`);
    // Neighbours are drawn too, and the district is drawn above them.
    assert.ok(await page.locator('path.cat-neighbour').count() >= 4);
    const order = await page.$$eval('svg.map-svg path', (ps) => ps.map((p) => p.dataset.id));
    assert.ok(order.indexOf('district.shizhong') > order.indexOf('neighbour.370102'));
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the data is fetched at run time, not compiled in', async () => {
  const { page, context } = await openApp(browser, server.url);
  const requested = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.ok(requested.some((u) => u.endsWith('geodata/manifest.json')), 'manifest fetched');
  assert.ok(requested.some((u) => u.endsWith('geodata/boundaries.geojson')), 'boundaries fetched');
  const marks = await page.evaluate(() => performance.getEntriesByName('map-drawn').length);
  assert.equal(marks, 1, 'map-drawn is marked once');
  await context.close();
});
