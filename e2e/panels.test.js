// The panels around the map: keyboard focus moving into and out of them (and off a cluster
// that splits), the phone's bottom sheet (drag, keys, scroll memory, embeds), no sideways
// scrolling on narrow phones, and the printed A4 page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, openApp, waitForRest, mapView, waitForMove } from './harness.js';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const TOOLBAR_PANELS = ['layers', 'list', 'figures', 'share'];

/** What has keyboard focus: its tag, id and classes, and whether it is inside the panel. */
const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { tag: a?.tagName.toLowerCase(), id: a?.id || '', cls: a?.getAttribute('class') || '',
           inPanel: !!a?.closest('#side-panel'), ids: a?.dataset?.ids || a?.dataset?.id || '' };
});

// ---------------------------------------------------------------------------------------
// Keyboard focus.

for (const viewport of [DESKTOP, PHONE]) {
  test(`opening a panel moves focus into it; Esc and × give it back to its button (${viewport.width}px)`, async () => {
    const { page, context } = await openApp(browser, server.url, { viewport });
    for (const name of TOOLBAR_PANELS) {
      for (const how of ['Escape', 'close']) {
        const button = page.locator(`button.open-${name}`);
        await button.focus();
        await page.keyboard.press('Enter');
        await page.locator(`.app[data-panel="${name}"]`).waitFor();
        await page.waitForFunction(() => document.activeElement?.closest('#side-panel'), null, { timeout: 3000 })
          .catch(() => {});
        const inside = await focused(page);
        assert.ok(inside.inPanel, `${name}: focus is on ${inside.tag}.${inside.cls}, not in the panel`);
        assert.equal(inside.tag, 'h2', `${name}: the panel's heading has focus`);
        if (how === 'Escape') await page.keyboard.press('Escape');
        else await page.locator('#side-panel button.panel-close').click();
        await page.locator('.app[data-panel="none"]').waitFor();
        assert.equal(await page.evaluate((n) => document.activeElement?.matches(`button.open-${n}`), name), true,
          `${name}, closed by ${how}: focus is back on its button (${JSON.stringify(await focused(page))})`);
      }
    }
    await context.close();
  });
}

test('Enter on a cluster: focus goes to a marker it split into, never to the page', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: DESKTOP });
  const cluster = page.locator('.cluster[tabindex="0"]').first();
  const ids = (await cluster.getAttribute('data-ids')).split(' ');
  const from = await mapView(page);
  await cluster.focus();
  await page.keyboard.press('Enter');
  // At once (the cluster is about to disappear) focus is on the map, not the page.
  const now = await focused(page);
  assert.notEqual(now.tag, 'body', 'focus fell to the page');
  await waitForMove(page, from);
  await waitForRest(page);
  // Once the map has zoomed in, on a marker (or a smaller cluster) of what was the cluster.
  await page.waitForFunction(() => document.activeElement?.matches('.marker, .cluster'), null, { timeout: 3000 }).catch(() => {});
  const after = await focused(page);
  assert.match(after.cls, /\b(marker|cluster)\b/, `focus is on ${after.tag}.${after.cls}`);
  const members = after.ids.split(' ');
  assert.ok(members.every((m) => ids.includes(m)) && members.length < ids.length, `${after.ids} is part of ${ids.join(' ')}`);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('tabindex')), '0');
  await context.close();
});

/** Markers and clusters in the tab order whose hit area is not wholly inside the map. */
const clippedButReachable = (page) => page.evaluate(() => {
  const m = document.querySelector('.map').getBoundingClientRect();
  return [...document.querySelectorAll('svg.map-svg .marker[tabindex="0"], svg.map-svg .cluster[tabindex="0"]')]
    .map((el) => ({ el, r: (el.querySelector('.hit') ?? el).getBoundingClientRect() }))
    .filter(({ r }) => r.top < m.top - 0.5 || r.bottom > m.bottom + 0.5 || r.left < m.left - 0.5 || r.right > m.right + 0.5)
    .map(({ el, r }) => `${el.dataset.id ?? el.dataset.ids} at ${Math.round(r.left)},${Math.round(r.top)}`);
});

for (const viewport of [DESKTOP, PHONE]) {
  test(`a marker half under the header is not in the tab order (${viewport.width}px)`, async () => {
    const { page, context } = await openApp(browser, server.url, { viewport });
    const map = await page.locator('.map').boundingBox();
    // Zoomed in a step, so the map can be dragged that far.
    const home = await mapView(page);
    await page.locator('.map').focus();
    await page.keyboard.press('+');
    await waitForMove(page, home);
    // Drag the map so a marker's centre sits 6 px below the map's top edge: half of its hit
    // area is under the header.
    const marker = await page.evaluate(() => {
      const m = document.querySelector('.map').getBoundingClientRect();
      const all = [...document.querySelectorAll('svg.map-svg .marker[tabindex="0"], svg.map-svg .cluster[tabindex="0"]')].map((el) => {
        const r = el.querySelector('.hit').getBoundingClientRect();
        const sel = el.dataset.id ? `.marker[data-id="${el.dataset.id}"]` : `.cluster[data-ids="${el.dataset.ids}"]`;
        return { sel, x: r.left + r.width / 2, y: r.top + r.height / 2 };
      });
      return all.find((a) => a.x > m.left + 40 && a.x < m.right - 80 && a.y > m.top + 60 && a.y < m.top + m.height * 0.6);
    });
    assert.ok(marker, 'a marker to drag');
    const from = await mapView(page);
    await page.mouse.move(marker.x + 30, marker.y);
    await page.mouse.down();
    const dy = map.y + 6 - marker.y;
    for (let i = 1; i <= 10; i++) await page.mouse.move(marker.x + 30, marker.y + (dy * i) / 10);
    await page.mouse.up();
    await waitForMove(page, from);
    await waitForRest(page);
    const el = page.locator(`svg.map-svg ${marker.sel}`);
    const box = await el.locator('.hit').boundingBox();
    assert.ok(box.y < map.y && box.y + box.height > map.y, `the marker's hit area straddles the top edge: ${box.y} vs ${map.y}`);
    assert.equal(await el.getAttribute('tabindex'), '-1');
    assert.deepEqual(await clippedButReachable(page), []);
    await context.close();
  });
}

// ---------------------------------------------------------------------------------------
// No sideways scrolling.

/** The page's sideways overflow and the elements in the panel wider than it (or past it). */
const overflow = (page) => page.evaluate(() => {
  const panel = document.querySelector('#side-panel');
  const p = panel?.getBoundingClientRect();
  const wide = [];
  if (panel) {
    for (const el of panel.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest('.visually-hidden')) continue;
      if (r.left < p.left - 0.5 || r.right > p.right + 0.5) wide.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} ${Math.round(r.left)}–${Math.round(r.right)}`);
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth, panel: p ? [Math.round(p.left), Math.round(p.right)] : null, wide: wide.slice(0, 8) };
});

for (const width of [320, 360, 390]) {
  for (const lang of ['zh', 'en']) {
    test(`nothing scrolls sideways at ${width} px (${lang}), with each panel open`, async () => {
      const { page, context } = await openApp(browser, `${server.url}#lang=${lang}`, { viewport: { width, height: 720 } });
      const check = async (what) => {
        const o = await overflow(page);
        assert.ok(o.scrollWidth <= o.innerWidth, `${what}: the page is ${o.scrollWidth} px wide in ${o.innerWidth}`);
        assert.deepEqual(o.wide, [], `${what}: wider than the panel ${o.panel}`);
      };
      await check('map');
      for (const name of TOOLBAR_PANELS) {
        await page.locator(`button.open-${name}`).click();
        await page.locator(`.app[data-panel="${name}"] #side-panel`).waitFor();
        await check(name);
      }
      await page.locator('#search-input').fill(lang === 'zh' ? '马家庄' : 'Majiazhuang');
      await page.keyboard.press('Enter');
      await page.locator('article.card').waitFor();
      await check('card');
      await context.close();
    });
  }
}

// ---------------------------------------------------------------------------------------
// The phone's bottom sheet.

const sheetHeight = (page) => page.evaluate(() => document.querySelector('#side-panel').getBoundingClientRect().height);
const mainHeight = (page) => page.evaluate(() => document.querySelector('.main').getBoundingClientRect().height);

test('the bottom sheet drags with a finger to peek, half and full, and moves by keyboard', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: PHONE, hasTouch: true, isMobile: true });
  await page.locator('button.open-list').click();
  await page.locator('#side-panel').waitFor();
  const space = await mainHeight(page);
  const near = (h, want, what) => assert.ok(Math.abs(h - want) <= 2, `${what}: ${h} px, expected ${want}`);
  near(await sheetHeight(page), space / 2, 'opens at half');
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  /** Drag the handle's middle to `y` (page pixels) with one finger. */
  const dragTo = async (y) => {
    const h = await page.locator('.sheet-handle').boundingBox();
    const [x0, y0] = [h.x + h.width / 2, h.y + h.height / 2];
    await touch('touchStart', [[x0, y0]]);
    for (let i = 1; i <= 8; i++) await touch('touchMove', [[x0, y0 + ((y - y0) * i) / 8]]);
    await touch('touchEnd', []);
  };
  const top = PHONE.height - space; // the header's bottom edge
  // Up past the top: full (a strip of map stays above).
  await dragTo(top + 10);
  await page.locator('#side-panel[data-sheet="full"]').waitFor();
  near(await sheetHeight(page), space - 56, 'full');
  // Down to the bottom: peek, with the title still showing.
  await dragTo(PHONE.height - 5);
  await page.locator('#side-panel[data-sheet="peek"]').waitFor();
  near(await sheetHeight(page), 96, 'peek');
  const title = await page.locator('#list-title').boundingBox();
  const sheet = await page.locator('#side-panel').boundingBox();
  assert.ok(title.y >= sheet.y && title.y + title.height <= sheet.y + sheet.height + 1, 'the title shows at peek');
  // To the middle: half.
  await dragTo(PHONE.height - space / 2 - 20);
  await page.locator('#side-panel[data-sheet="half"]').waitFor();
  near(await sheetHeight(page), space / 2, 'half');
  // The map measured what the sheet covers now (labels and markers avoid it, the map aims
  // above it).
  await page.waitForFunction((s) => {
    const top = document.querySelector('.main').getBoundingClientRect().height - s;
    return document.querySelector('svg.map-svg').dataset.covered.split(' ').some((b) => Math.abs(Number(b.split(',')[1]) - top) < 2);
  }, space / 2);
  // Keyboard: the handle is a button; arrows move it a stop, Enter cycles.
  await page.locator('.sheet-handle').focus();
  await page.keyboard.press('ArrowUp');
  await page.locator('#side-panel[data-sheet="full"]').waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.locator('#side-panel[data-sheet="peek"]').waitFor();
  near(await sheetHeight(page), 96, 'peek by keyboard');
  await page.keyboard.press('Enter');
  await page.locator('#side-panel[data-sheet="half"]').waitFor();
  assert.match(await page.locator('.sheet-handle').getAttribute('aria-label'), /半屏/);
  // The map above the sheet still answers a finger: a one-finger drag there pans it.
  const from = await mapView(page);
  await touch('touchStart', [[200, 250]]);
  for (let i = 1; i <= 6; i++) await touch('touchMove', [[200 + 10 * i, 250]]);
  await touch('touchEnd', []);
  await waitForMove(page, from);
  await context.close();
});

test('a map at home refits above the half sheet and back when it closes; a moved map stays put', async () => {
  const { page, context } = await openApp(browser, server.url, { viewport: PHONE, hasTouch: true, isMobile: true });
  const district = () => page.locator('path.shape[data-id="district.shizhong"]').boundingBox();
  const home = await district();
  const atHome = await mapView(page);
  await page.locator('button.open-layers').click();
  await page.locator('#side-panel[data-sheet="half"]').waitFor();
  await waitForMove(page, atHome);
  await waitForRest(page);
  const sheetTop = (await page.locator('#side-panel').boundingBox()).y;
  const mapTop = (await page.locator('.map').boundingBox()).y;
  const above = await district();
  assert.ok(above.y >= mapTop - 1 && above.y + above.height <= sheetTop + 1,
    `the district (${Math.round(above.y)}–${Math.round(above.y + above.height)}) fits between the map's top (${Math.round(mapTop)}) and the sheet (${Math.round(sheetTop)})`);
  assert.ok(above.y + above.height < home.y + home.height - 20, `moved up: its foot at ${Math.round(above.y + above.height)}, was ${Math.round(home.y + home.height)}`);
  // Closed again: the first home view, to the pixel.
  const withSheet = await mapView(page);
  await page.locator('#side-panel button.panel-close').click();
  await waitForMove(page, withSheet);
  await waitForRest(page);
  const back = await district();
  for (const k of ['x', 'y', 'width', 'height']) assert.ok(Math.abs(back[k] - home[k]) <= 2, `${k}: ${back[k]} vs ${home[k]}`);
  // Moved by the reader: the sheet opens over the map, which stays where it was put.
  await page.locator('button.zoom-in').click();
  await waitForMove(page, atHome);
  await waitForRest(page);
  const zoomed = await mapView(page);
  await page.locator('button.open-layers').click();
  await page.locator('#side-panel[data-sheet="half"]').waitFor();
  await page.waitForFunction((top) => document.querySelector('svg.map-svg').dataset.covered.split(' ')
    .some((b) => Math.abs(Number(b.split(',')[1]) - top) < 2), sheetTop - mapTop);
  await waitForRest(page);
  assert.deepEqual(await mapView(page), zoomed);
  await context.close();
});

/** The element in the panel that scrolls (whatever the panel's structure). */
const scroller = `(() => {
  const p = document.querySelector('#side-panel');
  return [p, ...p.querySelectorAll('*')].find((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight + 1);
})()`;

for (const viewport of [PHONE, DESKTOP]) {
  test(`the list reopens where it was scrolled (${viewport.width}px)`, async () => {
    const { page, context } = await openApp(browser, server.url, { viewport });
    await page.locator('button.open-list').click();
    await page.locator('section.list-view').waitFor();
    await page.evaluate(`(() => { const s = ${scroller}; s.scrollTop = 700; s.dispatchEvent(new Event('scroll')); })()`);
    await page.waitForFunction(`${scroller}.scrollTop >= 690`);
    await page.locator('#side-panel button.panel-close').click();
    await page.locator('.app[data-panel="none"]').waitFor();
    await page.locator('button.open-list').click();
    await page.locator('section.list-view').waitFor();
    await page.waitForFunction(`${scroller}.scrollTop > 0`, null, { timeout: 3000 }).catch(() => {});
    const top = await page.evaluate(`${scroller}.scrollTop`);
    assert.ok(Math.abs(top - 700) <= 2, `scrollTop ${top} after reopening`);
    await context.close();
  });
}

for (const viewport of [PHONE, DESKTOP]) {
  for (const lang of ['zh', 'en']) {
    test(`the panels' intro never runs under the close button (${lang}, ${viewport.width}px)`, async () => {
      const { page, context } = await openApp(browser, `${server.url}#lang=${lang}`, { viewport });
      for (const name of ['list', 'figures', 'share']) {
        await page.locator(`button.open-${name}`).click();
        await page.locator(`.app[data-panel="${name}"] .panel-intro`).first().waitFor();
        const [intro, close] = await page.evaluate(() => [
          document.querySelector('#side-panel .panel-intro'), document.querySelector('#side-panel .panel-close'),
        ].map((e) => { const r = e.getBoundingClientRect(); return { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom }; }));
        const meet = intro.x0 < close.x1 && close.x0 < intro.x1 && intro.y0 < close.y1 && close.y0 < intro.y1;
        assert.ok(!meet, `${name}: intro ${JSON.stringify(intro)} meets × ${JSON.stringify(close)}`);
      }
      await context.close();
    });
  }
}

test('a card in a small phone embed gets most of the frame, not a squeezed scroll box', async () => {
  const viewport = { width: 360, height: 480 };
  const { page, context } = await openApp(browser, `${server.url}?embed=1#feature=project.renewal-zhongshan-park`, { viewport, hasTouch: true, isMobile: true });
  await page.locator('article.card').waitFor();
  await waitForRest(page);
  const visible = await page.evaluate(`(() => {
    const s = ${scroller} ?? document.querySelector('#side-panel');
    const r = s.getBoundingClientRect();
    return Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
  })()`);
  assert.ok(visible >= 0.6 * viewport.height, `the card's scroll area shows ${visible} px of ${viewport.height}`);
  await context.close();
});

// ---------------------------------------------------------------------------------------
// Print.

const intersects = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

for (const lang of ['zh', 'en']) {
  test(`printing (A4): legend below the map, clear of the card and attribution; labels at 7 pt or more (${lang})`, async () => {
    const { page, context } = await openApp(browser, `${server.url}#lang=${lang}&feature=project.renewal-zhongshan-park`, { viewport: DESKTOP });
    await page.locator('article.card').waitFor();
    await waitForRest(page, { timeout: 15000 });
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.waitForFunction(() => document.querySelector('details.legend').open);
    await waitForRest(page, { timeout: 15000 });
    await page.waitForFunction(() => document.querySelectorAll('svg.map-svg text.label').length > 0);
    const boxes = await page.evaluate(() => Object.fromEntries(
      [['legend', '.legend'], ['card', 'article.card'], ['title', '#card-title'], ['attribution', '.map-attribution'], ['map', '.map']]
        .map(([k, sel]) => { const r = document.querySelector(sel).getBoundingClientRect(); return [k, { x: r.left, y: r.top, width: r.width, height: r.height }]; })));
    for (const other of ['card', 'title', 'attribution', 'map']) {
      assert.ok(!intersects(boxes.legend, boxes[other]), `the legend ${JSON.stringify(boxes.legend)} covers the ${other} ${JSON.stringify(boxes[other])}`);
    }
    // Print scale: the PDF keeps CSS pixels (96 per inch), so a label prints at its font size
    // times the drawing's scale on the page.
    const sizes = await page.evaluate(() => {
      const svg = document.querySelector('svg.map-svg');
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const m = document.querySelector('.map').getBoundingClientRect();
      return [...svg.querySelectorAll('text.label')]
        .filter((t) => { const r = t.getBoundingClientRect(); return r.left >= m.left && r.right <= m.right && r.top >= m.top && r.bottom <= m.bottom; })
        .map((t) => Number(getComputedStyle(t).fontSize.replace('px', '')) * scale * 0.75);
    });
    assert.ok(sizes.length >= 5, `${sizes.length} labels on the printed map`);
    assert.ok(Math.min(...sizes) >= 7, `the smallest label prints at ${Math.min(...sizes).toFixed(1)} pt`);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.equal(pages, 1, `${pages} pages`);
    if (process.env.KEEP_PRINT_PDF) {
      const file = path.join(os.tmpdir(), `shizhong-print-${lang}.pdf`);
      fs.writeFileSync(file, pdf);
      execFileSync('pdftoppm', ['-png', '-r', '80', file, file.replace(/\.pdf$/, '')]);
      console.log(`kept ${file} and its PNG`);
    }
    await context.close();
  });
}
