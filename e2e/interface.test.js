// The interface for residents and planners: search, card, layers and filters, list view,
// key figures, two languages, themes, loading and error states, keyboard-only use, axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, axeViolations, waitForView, waitForRest } from './harness.js';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const PHONE = { width: 360, height: 640 };
const DESKTOP = { width: 1440, height: 900 };

/** Ids of everything drawn on the map (shapes, markers, cluster members). */
const drawnIds = (page) => page.evaluate(() => {
  const ids = new Set();
  document.querySelectorAll('svg.map-svg [data-id]').forEach((e) => ids.add(e.dataset.id));
  document.querySelectorAll('.cluster[data-ids]').forEach((e) => e.dataset.ids.split(' ').forEach((i) => ids.add(i)));
  return [...ids];
});

for (const [lang, viewport] of [['zh', DESKTOP], ['en', DESKTOP], ['zh', PHONE], ['en', PHONE]]) {
  test(`search for 中山公园 and read its card with the quote (${lang}, ${viewport.width}px)`, async () => {
    const { page, context, errors } = await openApp(browser, `${server.url}#lang=${lang}`, { viewport });
    const input = page.locator('#search-input');
    await input.click();
    await input.fill(lang === 'zh' ? '中山公园' : 'zhongshan');
    const option = page.locator('#search-results [role="option"][data-id="project.renewal-zhongshan-park"]');
    await option.waitFor();
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Enter');
    const card = page.locator('article.card[data-id="project.renewal-zhongshan-park"]');
    await card.waitFor();
    const title = await card.locator('h2').textContent();
    assert.equal(title, lang === 'zh' ? '中山公园征收改造' : 'Zhongshan Park acquisition and renewal');
    assert.match(await card.locator('blockquote').textContent(), /稳步开展中山公园征收改造/);
    assert.match(await card.locator('.citation').textContent(), lang === 'zh' ? /2026年2月4日/ : /4 February 2026/);
    assert.match(await card.locator('.precision').textContent(), lang === 'zh' ? /示意/ : /Approximate/);
    // The map flew to it (zoomed in to street level: the card may also narrow the map, which
    // settles a view of its own first) and it is selected there.
    await waitForView(page, '(z) => z >= 14');
    assert.equal(await page.locator('.marker.selected[data-id="project.renewal-zhongshan-park"]').count(), 1);
    // Focus went to the card; Escape closes it and the selection.
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    assert.equal(await page.locator('.marker.selected').count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('search is an accessible combobox, usable by keyboard, matching pinyin initials', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: DESKTOP });
  await page.locator('#search-input').focus();
  await page.keyboard.type('xl');
  const options = page.locator('#search-results [role="option"]');
  const input = page.locator('#search-input');
  // The initials of 兴隆 (xing long) find the Xinglong area, first.
  await page.locator('#search-results [role="option"][data-id="project.parcel-xinglong"]').waitFor();
  assert.equal(await options.first().getAttribute('data-id'), 'project.parcel-xinglong');
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  // Moving through several results (地块: every parcel).
  await input.fill('地块');
  await page.locator('#search-results [role="option"][data-id="project.parcel-baimashan"]').waitFor();
  const n = await options.count();
  assert.ok(n >= 3, `${n} results for 地块`);
  const activeNow = () => input.getAttribute('aria-activedescendant');
  assert.equal(await activeNow(), 'search-option-0');
  for (const [key, expected] of [['ArrowDown', 1], ['ArrowDown', 2], ['ArrowUp', 1], ['End', n - 1], ['ArrowDown', 0], ['ArrowUp', n - 1], ['Home', 0], ['ArrowDown', 1]]) {
    await page.keyboard.press(key);
    assert.equal(await activeNow(), `search-option-${expected}`, `after ${key}`);
  }
  const active = await activeNow();
  assert.equal(await page.locator(`#${active}`).getAttribute('aria-selected'), 'true');
  assert.equal(await page.locator('#search-results [aria-selected="true"]').count(), 1, 'one active option');
  // Enter chooses the active option.
  const chosen = await page.locator(`#${active}`).getAttribute('data-id');
  await page.keyboard.press('Enter');
  await page.locator(`article.card[data-id="${chosen}"]`).waitFor();
  assert.equal(await page.locator('#search-input').inputValue(), '', 'the box is cleared');
  assert.equal(await page.locator('#search-input').getAttribute('aria-expanded'), 'false');
  // Escape closes the popup first, then clears the box.
  await page.locator('#search-input').focus();
  await page.keyboard.type('xl');
  await options.first().waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#search-input').getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#search-input').inputValue(), '');
  await context.close();
});

test('the search popup follows focus at once: no late close, no stale list', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: DESKTOP });
  const input = page.locator('#search-input');
  const popup = () => page.evaluate(async () => {
    // One turn of the event loop: the page's reactive updates (microtasks) have run, a timer
    // of the app's has not.
    await new Promise((r) => setTimeout(r, 0));
    const i = document.querySelector('#search-input');
    return { expanded: i.getAttribute('aria-expanded'), hidden: document.querySelector('#search-results').hidden, focused: document.activeElement === i };
  });
  await input.focus();
  await page.keyboard.type('xl');
  await page.locator('#search-results [role="option"][data-id="project.parcel-xinglong"]').waitFor();
  // Leaving the box (Tab) closes the popup now, not a moment later.
  await page.keyboard.press('Tab');
  assert.deepEqual(await popup(), { expanded: 'false', hidden: true, focused: false }, 'closed as focus leaves');
  // Coming back shows the same results again.
  await input.focus();
  assert.deepEqual(await popup(), { expanded: 'true', hidden: false, focused: true }, 'open again on focus');
  // Out and straight back in: it stays open, whatever timers were started on the way out.
  await page.evaluate(() => { const i = document.querySelector('#search-input'); i.blur(); i.focus(); });
  assert.deepEqual(await popup(), { expanded: 'true', hidden: false, focused: true }, 'out and back in');
  // Choosing with the mouse: pressing on the list keeps focus in the box, the click chooses.
  await page.locator('#search-results [role="option"][data-id="project.parcel-xinglong"]').click();
  await page.locator('article.card[data-id="project.parcel-xinglong"]').waitFor();
  // The card takes focus; a new query typed straight away shows its results and Enter takes
  // the first of them (no pause for any close-on-blur timer to run out).
  for (const [q, id] of [['白马山', 'project.parcel-baimashan'], ['zsgy', 'project.renewal-zhongshan-park'], ['Xinglong', 'project.parcel-xinglong']]) {
    await input.fill(q);
    assert.deepEqual(await popup(), { expanded: 'true', hidden: false, focused: true }, `open for ${q}`);
    assert.equal(await page.locator('#search-results [role="option"]').first().getAttribute('data-id'), id, `first result for ${q}`);
    await page.keyboard.press('Enter');
    await page.locator(`article.card[data-id="${id}"]`).waitFor();
    // Closed, and focus is on the card's title (read out by screen readers).
    assert.deepEqual(await popup(), { expanded: 'false', hidden: true, focused: false }, `closed after choosing ${id}`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'card-title');
  }
  await context.close();
});

/** Every layer switch of `group` is (un)checked, as the map shows it (waits for the switches). */
async function assertChecked(group, checked, what) {
  const boxes = group.locator('input[type="checkbox"]');
  await group.locator(`input[type="checkbox"]${checked ? ':not(:checked)' : ':checked'}`).first().waitFor({ state: 'detached' });
  assert.deepEqual([...new Set(await boxes.evaluateAll((els) => els.map((e) => e.checked)))], [checked], what);
}

for (const viewport of [DESKTOP, PHONE]) {
  test(`hide and show each layer group (${viewport.width}px)`, async () => {
    const { page, context } = await openApp(browser, server.url, { viewport });
    await page.locator('button.open-layers').click();
    const groups = page.locator('fieldset.layer-group');
    // The layer groups of the data model (plan::Group), key figures having no layer.
    assert.deepEqual(await groups.evaluateAll((gs) => gs.map((g) => g.dataset.group)),
      ['plan', 'projects', 'context', 'boundaries']);
    const all = await drawnIds(page);
    for (let g = 0; g < 4; g++) {
      const group = groups.nth(g);
      const cats = await group.locator('input[type="checkbox"]').evaluateAll((els) => els.map((e) => e.dataset.category));
      await group.locator('button.hide-all').click();
      // Nothing of the group's categories is drawn any more, and something else still is.
      await page.waitForFunction((cats) => cats.every((c) => !document.querySelector(`svg.map-svg .cat-${c}`)), cats);
      await assertChecked(group, false, `group ${g} hidden`);
      const hidden = await drawnIds(page);
      assert.ok(hidden.length < all.length && hidden.length > 0, `group ${g}: ${hidden.length} of ${all.length}`);
      await group.locator('button.show-all').click();
      await assertChecked(group, true, `group ${g} shown`);
      assert.deepEqual((await drawnIds(page)).sort(), all.sort(), `group ${g} back`);
    }
    await context.close();
  });
}

test('filter to one category, then to one zone', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: DESKTOP });
  await page.locator('button.open-layers').click();
  await page.locator('#filter-category').selectOption('renewal');
  await page.locator('#layer-land:not(:checked)').waitFor();
  const projectMarkers = await page.$$eval('.marker', (ms) => ms.map((m) => m.getAttribute('class')));
  const projectCats = ['industry', 'innovation', 'services', 'land', 'road_project', 'public_service'];
  for (const c of projectMarkers) assert.ok(!projectCats.some((p) => c.split(' ').includes(`cat-${p}`)), c);
  assert.equal(await page.locator('#layer-land').isChecked(), false);
  assert.equal(await page.locator('#layer-renewal').isChecked(), true);
  await page.locator('#filter-category').selectOption('');
  await page.locator('#filter-zone').selectOption('zone.west');
  await page.locator('svg.map-svg path.shape[data-id="zone.north"]').waitFor({ state: 'detached' });
  const ids = await drawnIds(page);
  assert.ok(ids.includes('project.parcel-zhengzhuang'));
  assert.ok(!ids.includes('project.parcel-xinglong'), 'a centre-zone parcel is filtered out');
  assert.ok(!ids.includes('zone.north') && ids.includes('zone.west'));
  await context.close();
});

test('the list view: every feature, with no-place items, chosen by keyboard alone', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: DESKTOP });
  // Tab to the list button and open it with the keyboard.
  await page.locator('button.open-list').focus();
  await page.keyboard.press('Enter');
  const list = page.locator('section.list-view');
  await list.waitFor();
  const items = list.locator('button.list-item');
  assert.ok(await items.count() >= 60, `${await items.count()} items`);
  assert.ok(await list.locator('button.list-item[data-id="project.sky-road"]').count() === 1, 'no-place items are listed');
  const target = list.locator('button.list-item[data-id="project.parcel-baimashan"]');
  await target.focus();
  await page.keyboard.press('Enter');
  const card = page.locator('article.card[data-id="project.parcel-baimashan"]');
  await card.waitFor();
  // Once the map has flown there, the feature is a marker of its own, selected.
  await page.locator('.marker.selected[data-id="project.parcel-baimashan"]').waitFor();
  assert.equal(await page.locator('.marker.selected').count(), 1);
  // Previous / next walk through the same layer.
  await card.locator('button.card-next').click();
  await page.locator('article.card:not([data-id="project.parcel-baimashan"])').waitFor();
  const next = await page.locator('article.card').getAttribute('data-id');
  assert.ok(next.startsWith('project.parcel-') && next !== 'project.parcel-baimashan', next);
  await context.close();
});

test('key figures come from the data, each with its quote', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: DESKTOP });
  await page.locator('button.open-figures').click();
  const figures = page.locator('li.figure');
  assert.ok(await figures.count() >= 15);
  const gdp = page.locator('li.figure[data-id="figure.gdp-2025"]');
  assert.match(await gdp.locator('.figure-value').textContent(), /1451\.6亿元/);
  assert.match(await gdp.locator('blockquote').textContent(), /1451\.6亿元/);
  assert.match(await page.locator('li.figure[data-id="figure.school-places"] .figure-value').textContent(), /1350/);
  await context.close();
});

for (const viewport of [DESKTOP, PHONE]) {
  test(`English everywhere: no Chinese-only interface string (${viewport.width}px)`, async () => {
    const { page, context } = await openApp(browser, server.url, { viewport });
    await page.locator('button.switch-lang').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(await page.title(), /^Shizhong Plan Map/);
    const check = () => page.evaluate(() => {
      const cjk = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
      const latin = /[A-Za-z]/;
      const bad = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const t = n.textContent.trim();
        const el = n.parentElement;
        if (!t || !cjk.test(t) || latin.test(t)) continue; // English sentences may name places in Chinese
        if (el.closest('[lang^="zh"]') || el.closest('[hidden]') || el.closest('title') || el.closest('style,script')) continue;
        bad.push(t);
      }
      for (const el of document.querySelectorAll('[aria-label],[title],[placeholder]')) {
        for (const a of ['aria-label', 'title', 'placeholder']) {
          const v = el.getAttribute(a);
          if (v && cjk.test(v) && !latin.test(v) && !el.closest('[lang^="zh"]')) bad.push(`${a}: ${v}`);
        }
      }
      return bad;
    });
    assert.deepEqual(await check(), [], 'map view');
    for (const panel of ['layers', 'list', 'figures']) {
      await page.locator(`button.open-${panel}`).click();
      await page.locator(`.app[data-panel="${panel}"]`).waitFor();
      assert.deepEqual(await check(), [], panel);
    }
    await page.locator('button.open-list').click();
    await page.locator('#search-input').fill('Baotu');
    await page.keyboard.press('Enter');
    await page.locator('article.card').waitFor();
    assert.deepEqual(await check(), [], 'card');
    await context.close();
  });
}

test('loading state, then a banner naming a file that failed while the rest still works', async () => {
  // zones.geojson is held back until the loading state has been seen, then fails.
  let release;
  const held = new Promise((r) => { release = r; });
  const slow = await serve(undefined, {
    override: (p) => (p.endsWith('/zones.geojson') ? { status: 404, body: 'gone', after: held } : undefined),
  });
  const { page, context, errors } = await openApp(browser, slow.url, { viewport: DESKTOP, waitDrawn: false });
  // The app's own loading note (not the static boot note) while the data comes, and the
  // pre-rendered first view on screen meanwhile: never a blank map.
  await page.locator('main p.loading[role="status"]').waitFor({ state: 'attached' });
  assert.equal(await page.locator('svg.map-svg').count(), 0, 'no map before the data');
  assert.equal(await page.locator('svg.first-view:visible').count(), 1, 'the first view shows while loading');
  release();
  await page.waitForSelector('svg.map-svg[data-ready="true"] path.shape', { timeout: 30000 });
  const banner = page.locator('.banner[role="alert"]');
  await banner.waitFor();
  assert.match(await banner.textContent(), /zones\.geojson/);
  const ids = await drawnIds(page);
  assert.ok(ids.includes('district.shizhong') && ids.includes('belt.corridor') && !ids.includes('zone.north'));
  // The failed request is logged, and nothing else is.
  assert.ok(errors.length > 0 && errors.every((e) => e.includes('404')), errors.join('\n') || 'no error logged');
  await context.close();
  await slow.close();
});

test('themes: follows the system, and can be switched', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: DESKTOP, colorScheme: 'dark' });
  assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
  const bgDark = await page.locator('rect.map-bg').getAttribute('fill');
  await page.locator('button.switch-theme').click();
  assert.equal(await page.locator('html').getAttribute('data-theme'), 'light');
  assert.notEqual(await page.locator('rect.map-bg').getAttribute('fill'), bgDark);
  await context.close();
});

// Every toolbar button in view without scrolling the row, from 360 px in both languages
// (narrower, the row scrolls with a faded edge).
for (const [lang, width] of [['zh', 360], ['zh', 390], ['en', 360], ['en', 375], ['en', 390]]) {
  test(`the toolbar fits a ${width} px phone (${lang})`, async () => {
    const { page, context } = await openApp(browser, `${server.url}#lang=${lang}`, { viewport: { width, height: 800 } });
    const cut = await page.$$eval('.toolbar > *', (els) => els
      .map((e) => ({ name: e.textContent.trim(), r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.left < 0 || r.right > innerWidth + 0.5)
      .map(({ name, r }) => `${name} ${Math.round(r.left)}–${Math.round(r.right)}`));
    assert.equal(await page.locator('.toolbar > *').count() >= 7, true, 'all seven buttons');
    assert.deepEqual(cut, [], `cut off at ${width} px`);
    // Nothing to scroll, so no faded edge either.
    const [scroll, client] = await page.$eval('.toolbar', (t) => [t.scrollWidth, t.clientWidth]);
    assert.ok(scroll <= client, `the row scrolls: ${scroll} px in ${client}`);
    await context.close();
  });
}

for (const viewport of [DESKTOP, PHONE]) {
  test(`touch targets are at least 44 px (${viewport.width}px)`, async () => {
    const { page, context } = await openApp(browser, server.url, { viewport });
    await page.locator('button.open-layers').click();
    const small = await page.$$eval('button, select, input[type="search"], summary, .layer-row label', (els) =>
      els.filter((e) => e.offsetParent !== null)
        .map((e) => ({ e, r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.width < 43.5 || r.height < 43.5))
        .map(({ e, r }) => `${e.tagName}.${e.className} ${Math.round(r.width)}x${Math.round(r.height)}`));
    assert.deepEqual(small, []);
    await context.close();
  });
}

for (const [name, viewport, theme] of [['desktop light', DESKTOP, 'light'], ['phone dark', PHONE, 'dark']]) {
  test(`axe-core finds no serious or critical violations (${name})`, async () => {
    const { page, context } = await openApp(browser, `${server.url}#theme=${theme}`, { viewport });
    const panel = async (name) => {
      await page.locator(`button.open-${name}`).click();
      await page.locator(`.app[data-panel="${name}"]`).waitFor();
    };
    const views = {
      map: async () => {},
      layers: () => panel('layers'),
      list: () => panel('list'),
      figures: () => panel('figures'),
      card: async () => {
        await page.locator('#search-input').fill('兴隆');
        await page.keyboard.press('Enter');
        await page.locator('article.card').waitFor();
        await waitForRest(page);
      },
      legend: async () => {
        const wasOpen = await page.locator('details.legend').evaluate((d) => d.open);
        await page.locator('.legend summary').click();
        await page.waitForFunction((was) => document.querySelector('details.legend').open !== was, wasOpen);
      },
    };
    for (const [view, open] of Object.entries(views)) {
      await open();
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `${view}: ${JSON.stringify(violations, null, 1)}`);
    }
    await context.close();
  });
}

test('at 1440 px the open legend leaves the scale bar and the attribution in view', async () => {
  const { page, context, errors } = await openApp(browser, server.url, { viewport: { width: 1440, height: 900 } });
  const box = (sel) => page.locator(sel).boundingBox();
  assert.equal(await page.locator('details.legend').getAttribute('open'), '', 'the legend starts open on a wide screen');
  const [legend, scale, attribution] = [await box('details.legend'), await box('.scale-bar'), await box('.map-attribution')];
  const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  assert.ok(!overlap(legend, scale), `legend ${JSON.stringify(legend)} covers the scale bar ${JSON.stringify(scale)}`);
  assert.ok(!overlap(legend, attribution), 'legend covers the attribution');
  assert.deepEqual(errors, []);
  await context.close();
});
