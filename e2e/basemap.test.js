// Optional tile basemaps (issue #14): a copy of dist/ whose geodata/basemaps.json points every
// provider at a local fixture tile server (e2e/tile-fixture.js) that marks known places at
// their true position in the tile's datum. Our markers must lie on those marks — WGS84 tiles
// (osm) and GCJ-02 tiles (amap) alike — while the URL stays WGS84; failing tiles leave a working
// offline map with a note; a link can only select a configured, usable provider by id.
//
// Runs against the release build in dist/ (build it first: `scripts/dev.sh build`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, DIST, axeViolations, waitForRest } from './harness.js';
import { tileServer, markOf, TILE, SLOW_MS } from './tile-fixture.js';

const DESKTOP = { width: 1280, height: 800 };
const DRAWN = 'svg.map-svg[data-ready="true"] path.shape';
const FAILED_STATUS = /^Failed to load resource: (the server responded with a status of 404|net::ERR_(EMPTY_RESPONSE|CONNECTION_RESET|CONNECTION_CLOSED|INVALID_HTTP_RESPONSE))/;
const NOTE = /底图暂不可用.*|Basemap unavailable/;

let browser, tiles, site, tmp;
/** Every point feature of the committed data: the fixture marks them all. */
let places = [];

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'build dist/ first: scripts/dev.sh build');
  for (const f of ['context.geojson', 'projects.geojson']) {
    const fc = JSON.parse(fs.readFileSync(path.join(DIST, 'geodata', f), 'utf8'));
    for (const feat of fc.features) {
      if (feat.geometry?.type === 'Point') places.push({ id: feat.properties.id, at: feat.geometry.coordinates, precision: feat.properties.precision });
    }
  }
  assert.ok(places.length >= 5, 'the data has point features to mark');
  tiles = await tileServer(places.map((p) => p.at));
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhong-basemap-'));
  const dir = path.join(tmp, 'site');
  fs.cpSync(DIST, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}bench-data`) });
  // The committed providers (names, attributions, datums), pointed at the fixture.
  const committed = JSON.parse(fs.readFileSync(path.join(DIST, 'geodata', 'basemaps.json'), 'utf8'));
  const byId = Object.fromEntries(committed.providers.map((p) => [p.id, p]));
  const at = (kind) => [`${tiles.url}${kind}/{z}/{x}/{y}.svg?s={s}`];
  const providers = [
    { ...byId.osm, tiles: at('wgs84'), tiles_2x: null, subdomains: ['a', 'b'] },
    { ...byId.amap, tiles: at('gcj02'), tiles_2x: null, subdomains: ['1', '2'] },
    // Needs a key the deployer has not filled in: listed, never requested.
    { ...byId.tianditu, tiles: [`${tiles.url}tianditu/{z}/{x}/{y}.svg?tk={key}`], tiles_2x: null, subdomains: [], key: '' },
    { ...byId.osm, id: 'broken', name_en: 'Broken', tiles: [`${tiles.url}missing/{z}/{x}/{y}.svg`], subdomains: [] },
    { ...byId.osm, id: 'aborted', name_en: 'Aborted', tiles: [`${tiles.url}abort/{z}/{x}/{y}.svg`], subdomains: [] },
    { ...byId.osm, id: 'slow', name_en: 'Slow', tiles: [`${tiles.url}slow/{z}/{x}/{y}.svg`], subdomains: [] },
    // Tiles any page may show but none may read back (no CORS header): kept out of downloads.
    { ...byId.osm, id: 'nocors', name_en: 'No CORS', tiles: [`${tiles.url}nocors/{z}/{x}/{y}.svg`], subdomains: [] },
  ];
  fs.writeFileSync(path.join(dir, 'geodata', 'basemaps.json'), JSON.stringify({ providers }, null, 1));
  site = await serve(dir);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await tiles?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function open(fragment, { viewport = DESKTOP } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const consoleErrors = [];
  const pageErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${site.url}index.html${fragment}`);
  await page.waitForSelector(DRAWN, { timeout: 30000 });
  await page.waitForFunction(() => !document.getElementById('boot'));
  return { page, context, consoleErrors, pageErrors };
}

/**
 * Where our marker for `id` is and where the fixture's mark for the same place is drawn
 * (from the tile img holding it: its box on screen plus the mark's offset inside the tile),
 * once that tile has arrived; null until then or when the marker is not drawn.
 */
function measure(page, id, mark) {
  return page.evaluate(([id, { tile, dx, dy }, size]) => {
    const hit = document.querySelector(`svg.map-svg g.marker[data-id="${id}"] circle.hit`);
    const img = document.querySelector(`.map-tiles img.tile[data-tile="${tile}"]`);
    if (!hit || !img || !img.complete || !img.naturalWidth) return null;
    const a = hit.getBoundingClientRect();
    const b = img.getBoundingClientRect();
    return {
      marker: [a.x + a.width / 2, a.y + a.height / 2],
      mark: [b.x + dx * b.width / size, b.y + dy * b.height / size],
      tilePx: b.width,
    };
  }, [id, mark, TILE]);
}

async function waitMeasure(page, id, mark) {
  let m = null;
  for (let i = 0; i < 100 && !m; i++) {
    m = await measure(page, id, mark);
    if (!m) await page.waitForTimeout(50);
  }
  return m;
}

const SITE_PLACES = () => places.filter((p) => p.precision === 'site');

for (const [provider, datum] of [['osm', 'wgs84'], ['amap', 'gcj02']]) {
  test(`${provider} (${datum}): our markers lie on the fixture's marks within 2 px at z12–z17`, async () => {
    // 800 × 600: small enough that z12 is within the zoom-out limit (1.5 below the home view).
    const { page, context, pageErrors } = await open('#lang=en', { viewport: { width: 800, height: 600 } });
    try {
      for (const zoom of [12, 13, 14, 14.6, 15, 16, 17]) {
        const level = Math.round(zoom);
        let checked = 0;
        for (const place of SITE_PLACES()) {
          const [lon, lat] = place.at;
          // A fresh load each time (a change of the fragment alone does not move the map).
          await page.goto('about:blank');
          await page.goto(`${site.url}index.html#map=${zoom}/${lat}/${lon}&basemap=${provider}&lang=en`);
          await page.waitForSelector(DRAWN, { timeout: 30000 });
          const mark = markOf(place.at, datum, level);
          const m = await waitMeasure(page, place.id, mark);
          if (!m) continue; // clustered at this zoom: try the next place
          const off = Math.hypot(m.marker[0] - m.mark[0], m.marker[1] - m.mark[1]);
          assert.ok(off <= 2, `${provider} z${zoom} ${place.id}: marker ${m.marker} vs mark ${m.mark} (${off.toFixed(2)} px)`);
          assert.ok(Math.abs(m.tilePx - TILE * 2 ** (zoom - level)) < 1.5, `z${zoom}: level ${level} scaled (${m.tilePx} px)`);
          // The link and the map's reported view stay WGS84.
          const centre = (await page.locator('svg.map-svg').getAttribute('data-center')).split(',').map(Number);
          assert.ok(Math.abs(centre[0] - lon) < 2e-6 && Math.abs(centre[1] - lat) < 2e-6, `centre ${centre} is the link's ${lon},${lat}`);
          assert.match(await page.evaluate(() => location.hash), new RegExp(`map=${zoom.toFixed(2)}/${lat.toFixed(5)}/${lon.toFixed(5)}`));
          checked += 1;
          if (checked === 2) break;
        }
        assert.ok(checked >= 1, `${provider} z${zoom}: at least one place measured`);
      }
      // The GCJ-02 marks really are elsewhere than the WGS84 ones (≈ 500 m: the test can fail).
      const p = SITE_PLACES()[0].at;
      const [w, g] = [markOf(p, 'wgs84', 15), markOf(p, 'gcj02', 15)];
      assert.notEqual(w.tile + w.dx, g.tile + g.dx);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
}

test('attribution per provider, in both languages; tiles move with the map and are bounded', async () => {
  for (const [provider, zh, en] of [['osm', '© OpenStreetMap 贡献者', '© OpenStreetMap contributors'], ['amap', '© 高德地图', '© AMap']]) {
    const { page, context } = await open(`#map=14/36.65/116.99&basemap=${provider}`);
    try {
      const line = page.locator('.map-attribution');
      await page.waitForSelector('.map-tiles img.tile');
      assert.ok((await line.textContent()).includes(zh), await line.textContent());
      await page.locator('button.switch-lang').click();
      await page.waitForFunction((en) => document.querySelector('.map-attribution').textContent.includes(en), en);
      // Our schematic context roads give way to the real streets.
      assert.equal(await page.locator('svg.map-svg path.shape.cat-road').count(), 0, 'no schematic roads over tiles');
      const count = await page.locator('.map-tiles img').count();
      assert.ok(count > 0 && count <= 192, `${count} tile elements`);
      // One transform moves tiles and drawing: tiles live inside the transformed canvas.
      assert.equal(await page.locator('.map-canvas > .map-tiles').count(), 1);
      const before = await page.locator('.map-tiles img').first().getAttribute('src');
      await page.mouse.move(640, 400);
      await page.mouse.down();
      await page.mouse.move(400, 300, { steps: 5 });
      await page.mouse.up();
      await waitForRest(page);
      await page.waitForFunction(() => [...document.querySelectorAll('.map-tiles img')].length > 0);
      assert.ok(await page.locator('.map-tiles img').count() <= 192);
      assert.ok(before);
    } finally {
      await context.close();
    }
  }
  // Without a basemap: no tiles, the roads and the plain attribution.
  const { page, context } = await open('#map=14/36.65/116.99');
  try {
    assert.equal(await page.locator('.map-tiles img').count(), 0);
    assert.ok(await page.locator('svg.map-svg path.shape.cat-road').count() > 0);
    assert.equal(await page.locator('.basemap-attribution').count(), 0);
  } finally {
    await context.close();
  }
});

test('the Layers panel offers the configured basemaps, says they are third-party, and switches datum in place', async () => {
  const { page, context, pageErrors } = await open('#map=15/36.6511/116.9916&lang=en');
  try {
    await page.locator('button.open-layers').click();
    const choice = page.locator('fieldset.basemap-choice');
    await choice.waitFor();
    assert.match(await choice.textContent(), /third-party/);
    assert.equal(await page.locator('#basemap-none').isChecked(), true, 'the offline map by default');
    assert.equal(await page.locator('#basemap-tianditu').isDisabled(), true, 'no key: unavailable');
    assert.match(await choice.locator('label[for="basemap-tianditu"]').textContent(), /no key configured/);
    const id = 'landmark.district-government';
    await page.locator('#basemap-amap').focus();
    await page.keyboard.press('Space');
    await page.waitForSelector('.map-tiles img.tile[data-provider="amap"]');
    await page.waitForFunction(() => location.hash.includes('basemap=amap'));
    // Focus stays on the choice after the map was redrawn in GCJ-02.
    await page.waitForFunction(() => document.activeElement?.id === 'basemap-amap');
    // The view stays on the same WGS84 place, and our marker lies on the GCJ-02 mark.
    assert.match(await page.evaluate(() => location.hash), /map=15\.00\/36\.65110\/116\.99160/);
    const mark = markOf(places.find((p) => p.id === id).at, 'gcj02', 15);
    const m = await waitMeasure(page, id, mark);
    assert.ok(m && Math.hypot(m.marker[0] - m.mark[0], m.marker[1] - m.mark[1]) <= 2, JSON.stringify(m));
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
    // Back to none: no tiles, no request needed.
    await page.locator('#basemap-none').check();
    await page.waitForFunction(() => document.querySelectorAll('.map-tiles img').length === 0);
    await page.waitForFunction(() => !location.hash.includes('basemap='));
    assert.equal(tiles.requests('/tianditu/'), 0, 'an unavailable provider is never requested');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

for (const provider of ['broken', 'aborted']) {
  test(`${provider} tiles: the map keeps working, says the basemap is unavailable, no page errors`, async () => {
    const { page, context, pageErrors, consoleErrors } = await open(`#map=14/36.65/116.99&basemap=${provider}`);
    try {
      const note = page.locator('.basemap-note');
      await note.waitFor({ state: 'visible', timeout: 10000 });
      assert.match(await note.textContent(), NOTE);
      // The offline map is kept: its background, its roads, no tiles in the way.
      await page.waitForFunction(() => document.querySelectorAll('.map-tiles img').length === 0);
      assert.ok(await page.locator('svg.map-svg path.shape.cat-road').count() > 0);
      assert.equal(await page.locator('rect.map-bg').getAttribute('fill-opacity'), null);
      // Still a working map: zoom in with the button.
      const z0 = Number(await page.locator('svg.map-svg').getAttribute('data-zoom'));
      await page.locator('button.zoom-in').click();
      await page.waitForFunction((z0) => Number(document.querySelector('svg.map-svg').dataset.zoom) > z0 + 0.5, z0);
      assert.deepEqual(pageErrors, [], 'no uncaught errors');
      assert.deepEqual(consoleErrors.filter((e) => !FAILED_STATUS.test(e)), [], 'no console errors but the failed tiles');
    } finally {
      await context.close();
    }
  });
}

test('each tile carries the muted look (light and dark), the layer none: nothing is redone per frame of a gesture', async () => {
  for (const [theme, filter] of [['light', 'saturate(0.65)'], ['dark', 'invert(1) hue-rotate(180deg) saturate(0.5) brightness(0.9)']]) {
    const { page, context } = await open(`#map=14/36.65/116.99&basemap=osm&theme=${theme}`);
    try {
      await page.locator('.map-tiles img.tile').first().waitFor({ state: 'attached' });
      const look = await page.evaluate(() => {
        const layer = getComputedStyle(document.querySelector('.map-tiles'));
        const tile = getComputedStyle(document.querySelector('.map-tiles img.tile'));
        return { layer: [layer.filter, layer.opacity], tile: [tile.filter, tile.opacity] };
      });
      assert.deepEqual(look.layer, ['none', '1'], `${theme}: no effect on the whole layer`);
      assert.deepEqual(look.tile, [filter, '0.92'], `${theme}: the look on each tile`);
    } finally {
      await context.close();
    }
  }
});

test('zooming across a tile level never shows a blank map: the old level stays under the new until it has come', async () => {
  const { page, context, pageErrors } = await open('#map=14/36.65/116.99&basemap=slow');
  try {
    const tilesAt = (level) => page.evaluate((level) => {
      const map = document.querySelector('.map').getBoundingClientRect();
      const [cx, cy] = [map.x + map.width / 2, map.y + map.height / 2];
      const imgs = [...document.querySelectorAll('.map-tiles img.tile')].filter((i) => i.dataset.tile.startsWith(`${level}/`));
      const arrived = imgs.filter((i) => i.complete && i.naturalWidth > 0);
      const covering = arrived.filter((i) => {
        const b = i.getBoundingClientRect();
        return b.left <= cx && cx <= b.right && b.top <= cy && cy <= b.bottom && getComputedStyle(i).visibility !== 'hidden';
      });
      return { all: imgs.length, arrived: arrived.length, covering: covering.length };
    }, level);
    await page.waitForFunction(() => {
      const imgs = [...document.querySelectorAll('.map-tiles img.tile')];
      return imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0);
    }, null, { timeout: 20000 });
    const asked = tiles.requests('/slow/15/');
    await page.locator('button.zoom-in').click();
    await page.waitForFunction(() => Number(document.querySelector('svg.map-svg').dataset.zoom) >= 14.99);
    // The new level is asked for and on its way (SLOW_MS): the old one still covers the map.
    await page.waitForFunction((asked) => document.querySelectorAll('.map-tiles img.tile[data-tile^="15/"]').length > 0, asked);
    const during = { old: await tilesAt(14), next: await tilesAt(15) };
    assert.equal(during.next.arrived, 0, `the new level has not come yet (${SLOW_MS} ms): ${JSON.stringify(during)}`);
    assert.ok(during.old.covering >= 1, `a tile of the level before covers the map's centre meanwhile: ${JSON.stringify(during)}`);
    // Once the new level has come, the old one goes.
    await page.waitForFunction(() => {
      const imgs = [...document.querySelectorAll('.map-tiles img.tile')];
      return imgs.every((i) => i.dataset.tile.startsWith('15/') && i.complete);
    }, null, { timeout: 20000 });
    assert.ok((await tilesAt(15)).covering >= 1);
    assert.ok(tiles.requests('/slow/15/') > asked);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

/** Click a download button of the open Share panel: the file's name and bytes. */
async function grab(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
}

/**
 * In a downloaded SVG, where our marker for `id` is and where the fixture's mark for the same
 * place is (from the embedded tile image holding it); null when either is not in the document.
 */
async function measureInDownload(svgText, id, { tile, dx, dy }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setContent(`<!doctype html><body style="margin:0">${svgText.replace(/^<\?xml[^>]*>/, '')}</body>`);
  const r = await page.evaluate(([id, tile, dx, dy, size]) => {
    const hit = document.querySelector(`g.map g.marker[data-id="${id}"] circle.hit`);
    const img = document.querySelector(`g.map g.basemap image[data-tile="${tile}"]`);
    if (!hit || !img) return null;
    const a = hit.getBoundingClientRect();
    const b = img.getBoundingClientRect();
    return { marker: [a.x + a.width / 2, a.y + a.height / 2], mark: [b.x + dx * b.width / size, b.y + dy * b.height / size] };
  }, [id, tile, dx, dy, TILE]);
  await context.close();
  return r;
}

/** Pixels of a PNG that are the fixture's magenta marks (as the tiles' look tones them). */
async function magentaPixels(png) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const n = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    [c.width, c.height] = [img.naturalWidth, img.naturalHeight];
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let count = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] > 150 && d[i + 1] < 100 && d[i + 2] > 150 && Math.abs(d[i] - d[i + 2]) < 40) count++;
    return count;
  }, png.toString('base64'));
  await context.close();
  return n;
}

const CREDIT = { osm: /OpenStreetMap contributors/, amap: /AMap/ };

for (const [provider, datum] of [['osm', 'wgs84'], ['amap', 'gcj02']]) {
  test(`${provider} (${datum}): the SVG and PNG downloads carry the tiles under our layers, aligned, with the credit`, async () => {
    const place = SITE_PLACES()[0];
    const [lon, lat] = place.at;
    const { page, context, pageErrors } = await open(`#map=16/${lat}/${lon}&basemap=${provider}&lang=en`);
    try {
      await page.locator('button.open-share').click();
      assert.match(await page.locator('.download-note').textContent(), /include the basemap where its service lets pages reuse its tiles/);
      const svg = (await grab(page, 'button.download-svg')).bytes.toString();
      assert.equal((await page.locator('.download-status').textContent()).trim(), 'Downloaded with the basemap.');
      assert.match(svg, /<g class="basemap">/);
      assert.match(svg, /<image opacity="0.92" filter="url\(#basemap-look\)" data-tile="16\/\d+\/\d+"[^>]* href="data:image\/png;base64,/, 'the tiles stand inside the document, with the page\'s look');
      const m = await measureInDownload(svg, place.id, markOf(place.at, datum, 16));
      assert.ok(m, `${place.id}: its marker and the tile with its mark are in the download`);
      const off = Math.hypot(m.marker[0] - m.mark[0], m.marker[1] - m.mark[1]);
      assert.ok(off <= 2, `${provider}: in the download, marker ${m.marker} vs mark ${m.mark} (${off.toFixed(2)} px)`);
      const credit = /<g class="attribution"[\s\S]*?<\/g>/.exec(svg)[0];
      assert.match(credit.replace(/<[^>]+>/g, ''), CREDIT[provider]);
      const png = await grab(page, 'button.download-png');
      assert.equal(png.name, 'shizhong-map.png');
      assert.ok(await magentaPixels(png.bytes) > 100, 'the PNG shows the tiles (their magenta marks)');
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
}

test('tiles no page may read back: the downloads leave them out, say so, and still save the map', async () => {
  const { page, context, pageErrors } = await open('#map=16/36.65/116.99&basemap=nocors&lang=en');
  try {
    await page.waitForFunction(() => [...document.querySelectorAll('.map-tiles img.tile')].some((i) => i.complete && i.naturalWidth));
    await page.locator('button.open-share').click();
    const svg = (await grab(page, 'button.download-svg')).bytes.toString();
    assert.match((await page.locator('.download-status').textContent()).trim(), /^The basemap was left out of the download/);
    assert.doesNotMatch(svg, /class="basemap"/);
    assert.doesNotMatch(svg.replace(/<[^>]+>/g, ''), /OpenStreetMap/, 'no credit for tiles that are not there');
    assert.match(svg, /data-id="district\.shizhong"/, 'the offline map is saved');
    const png = await grab(page, 'button.download-png');
    assert.ok(await magentaPixels(png.bytes) < 20, 'no tiles in the PNG');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('the embed builder offers the basemaps, none by default, says tiles come from a third party; the embed shows them', async () => {
  const { page, context, pageErrors } = await open('#lang=en');
  try {
    await page.locator('button.open-share').click();
    const select = page.locator('#embed-basemap');
    assert.equal(await select.inputValue(), 'none', 'no basemap unless the newsroom picks one');
    assert.doesNotMatch(await page.locator('#embed-code').inputValue(), /basemap=/);
    assert.match(await page.locator('#embed-basemap-note').textContent(), /third-party service/);
    assert.equal(await select.getAttribute('aria-describedby'), 'embed-basemap-note');
    // The key-less provider is listed but cannot be chosen.
    assert.equal(await select.locator('option[value="tianditu"]').isDisabled(), true);
    await select.selectOption('osm');
    await page.waitForFunction(() => document.querySelector('#embed-code').value.includes('basemap=osm'));
    const src = /src="([^"]+)"/.exec(await page.locator('#embed-code').inputValue())[1].replaceAll('&amp;', '&');
    const preview = page.frameLocator('iframe.embed-preview');
    await preview.locator('.map-tiles img.tile').first().waitFor({ state: 'attached', timeout: 15000 });
    assert.match(await preview.locator('.basemap-attribution').textContent(), /OpenStreetMap/);
    // The snippet's own address, opened as a reader would: tiles and their credit.
    const reader = await context.newPage();
    await reader.goto(src);
    await reader.locator('.map-tiles img.tile').first().waitFor({ state: 'attached', timeout: 15000 });
    assert.match(await reader.locator('.basemap-attribution').textContent(), /OpenStreetMap/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('a link cannot name an unconfigured provider, a key-less one or a template', async () => {
  for (const link of ['#basemap=nosuch', '#basemap=tianditu', `#basemap=${encodeURIComponent(`${'http://127.0.0.1:1/'}{z}/{x}/{y}.png`)}`, '#basemap=OSM']) {
    const { page, context, pageErrors } = await open(`#map=14/36.65/116.99&${link.slice(1)}`);
    try {
      await page.waitForFunction(() => location.hash.includes('map='));
      assert.equal(await page.locator('.map-tiles img').count(), 0, `${link}: no tiles`);
      assert.doesNotMatch(await page.evaluate(() => location.hash), /basemap=/, `${link}: dropped from the URL`);
      assert.ok(await page.locator('svg.map-svg path.shape.cat-road').count() > 0, `${link}: the offline map`);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  }
  assert.equal(tiles.requests('/tianditu/'), 0);
});

test('a story step shows the same ground over GCJ-02 tiles as on the offline map', async () => {
  // The step's goal is WGS84; a map drawn in GCJ-02 must convert it, not fit the shifted box.
  const centre = async (fragment) => {
    const { page, context, pageErrors } = await open(fragment);
    await waitForRest(page);
    await page.locator('.story-step').waitFor();
    const [lon, lat] = (await page.locator('svg.map-svg').getAttribute('data-center')).split(',').map(Number);
    const zoom = Number(await page.locator('svg.map-svg').getAttribute('data-zoom'));
    assert.deepEqual(pageErrors, []);
    await context.close();
    return { lon, lat, zoom };
  };
  for (const step of [1, 3]) {
    const offline = await centre(`#story=1&step=${step}`);
    const amap = await centre(`#basemap=amap&story=1&step=${step}`);
    // 1e-4° ≈ 10 m; the datum shift here is ≈ 0.006° (≈ 500 m).
    assert.ok(Math.abs(offline.lon - amap.lon) < 1e-4 && Math.abs(offline.lat - amap.lat) < 1e-4,
      `step ${step}: offline ${JSON.stringify(offline)}, over amap ${JSON.stringify(amap)}`);
    assert.ok(Math.abs(offline.zoom - amap.zoom) < 0.05, `step ${step}: zoom ${offline.zoom} vs ${amap.zoom}`);
  }
});
