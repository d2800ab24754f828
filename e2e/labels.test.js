// Labels a reader can trust, as Chromium draws them: no label under a cluster badge, a
// marker or another label; no name cut with "…" (long ones on two lines); text along lines
// upright, near-vertical text top to bottom; a phone's home view names the axis and the belt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, waitForRest } from './harness.js';
import { drawnBoxes, labelProblems } from './label-boxes.js';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const zoomOf = async (page) => Number(await page.locator('svg.map-svg').getAttribute('data-zoom'));

for (const width of [390, 1440]) {
  for (const lang of ['zh', 'en']) {
    test(`no label on a badge, a marker or a label, none cut, all upright (${width} px, ${lang})`, async () => {
      const viewport = width < 800 ? { width, height: 844 } : { width, height: 900 };
      let checked = 0;
      let wrapped = 0;
      let along = 0;
      // The home view, then zoomed in over the dense old city and the centre.
      for (const view of ['', 'map=13.00/36.64000/116.99000&', 'map=14.00/36.65500/116.99500&', 'map=15.00/36.66000/116.99000&', 'map=13.50/36.59500/117.00000&']) {
        const { page, context, errors } = await openApp(browser, `${server.url}#${view}lang=${lang}`, { viewport });
        await waitForRest(page);
        const drawn = await drawnBoxes(page);
        assert.ok(drawn.labels.length >= 3, `${drawn.labels.length} labels at zoom ${await zoomOf(page)}`);
        assert.deepEqual(labelProblems(drawn), [], `at zoom ${await zoomOf(page)}`);
        checked += drawn.labels.length;
        wrapped += drawn.labels.filter((l) => l.lines.length === 2).length;
        along += drawn.labels.filter((l) => l.angle !== 0).length;
        assert.deepEqual(errors, []);
        await context.close();
      }
      assert.ok(checked > 30, `${checked} labels checked`);
      if (lang === 'en') assert.ok(wrapped > 0, 'long English names are drawn on two lines');
      assert.ok(along > 0, 'some labels run along lines');
    });
  }
}

for (const lang of ['zh', 'en']) {
  test(`a 360 px phone's home view names the axis and the belt (${lang})`, async () => {
    const { page, context } = await openApp(browser, `${server.url}#lang=${lang}`, { viewport: { width: 360, height: 560 } });
    await waitForRest(page);
    const drawn = await drawnBoxes(page);
    const ids = drawn.labels.map((l) => l.id);
    for (const id of ['axis.dawei-er-lu', 'axis.yingxiongshan-lu', 'axis.wangyue-lu', 'belt.corridor']) {
      assert.ok(ids.includes(id), `${id} not named: ${drawn.labels.map((l) => l.text).join(', ')}`);
    }
    assert.deepEqual(labelProblems(drawn), []);
    await context.close();
  });
}
