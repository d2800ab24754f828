// The guided story (geodata/story.json): each step shows its text, the report's sentence, its
// own view and layers in both languages; the toolbar's 导览 / Story button, the keyboard and
// the back button step through it; reduced motion jumps; a story file with a bad feature id
// or an invented quote fails `shizhong check` naming the file and the step, and leaves the
// page's map working.
//
// Runs against dist/ (build it first: `scripts/dev.sh build`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { serve, launch, openApp, axeViolations, mapView, waitForMove, waitForRest, DIST } from './harness.js';

const ROOT = path.dirname(DIST);
const GEODATA = path.join(ROOT, 'geodata');
const STORY = JSON.parse(fs.readFileSync(path.join(GEODATA, 'story.json'), 'utf8'));
const STEPS = STORY.steps;
/** Every feature id of the data, with its category. */
const CATEGORY = new Map(JSON.parse(fs.readFileSync(path.join(GEODATA, 'manifest.json'), 'utf8')).files
  .flatMap((f) => JSON.parse(fs.readFileSync(path.join(GEODATA, f), 'utf8')).features)
  .map((f) => [f.properties.id, f.properties.category]));

/** What a test serves as geodata/story.json instead of the committed one (null: the committed one). */
let storyOverride = null;
let server, browser;
before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, 'geodata', 'story.json')), 'build dist/ first: scripts/dev.sh build');
  server = await serve(DIST, {
    override: (p) => (p === '/geodata/story.json' && storyOverride ? { body: Buffer.from(storyOverride) } : undefined),
  });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

/** The open step as the panel shows it. */
async function shownStep(page) {
  const step = page.locator('#side-panel .story-step');
  await step.waitFor();
  return {
    n: Number(await step.getAttribute('data-step')),
    count: (await page.locator('#side-panel .story-count [aria-hidden="true"]').textContent()).trim(),
    title: (await page.locator('#side-panel .story-title').textContent()).trim(),
    text: (await page.locator('#side-panel .story-text').textContent()).trim(),
    quote: (await page.locator('#side-panel .story-quote blockquote').textContent()).trim(),
  };
}

/** Wait until the panel shows step `n` (1-based) and the map has come to rest. */
async function atStep(page, n) {
  await page.locator(`#side-panel .story-step[data-step="${n}"]`).waitFor({ timeout: 5000 });
  await waitForRest(page);
}

/** The fragment's `step=`, or null when the tour is not in the address. */
const stepInUrl = (page) => {
  const hash = new URL(page.url()).hash.slice(1);
  const p = new URLSearchParams(hash);
  return p.get('story') === '1' ? Number(p.get('step')) : null;
};

/**
 * The ids drawn on the map (a cluster stands for its members), and which of them lie (at
 * least partly) inside the map's box, above `bottom` when given (a phone's sheet).
 */
const drawn = (page, bottom = Infinity) => page.evaluate((bottom) => {
  const map = document.querySelector('.map').getBoundingClientRect();
  const out = { all: [], inView: [] };
  for (const el of document.querySelectorAll('svg.map-svg [data-id], svg.map-svg [data-ids]')) {
    const ids = el.dataset.id ? [el.dataset.id] : el.dataset.ids.split(' ');
    out.all.push(...ids);
    const b = el.getBoundingClientRect();
    const top = Math.min(map.bottom, bottom);
    if (b.right > map.left && b.left < map.right && b.bottom > map.top && b.top < top) out.inView.push(...ids);
  }
  return out;
}, bottom === Infinity ? 1e9 : bottom);

/** Check that the page shows step `i` (0-based) of the committed story in `lang`. */
async function assertStep(page, i, lang) {
  const s = STEPS[i];
  const shown = await shownStep(page);
  assert.equal(shown.n, i + 1);
  assert.equal(shown.count, `${i + 1} / ${STEPS.length}`);
  assert.equal(shown.title, s[`title_${lang}`]);
  assert.equal(shown.text, s[`text_${lang}`]);
  assert.equal(shown.quote, s.quote, 'the report\'s own words, whatever the language');
  assert.equal(stepInUrl(page), i + 1, 'the address is a link to this step');
  // Its layers: nothing of another layer is drawn, and what it fits is drawn in view.
  const layers = new Set(s.layers.split(','));
  const ids = await drawn(page);
  const stray = ids.all.filter((id) => !layers.has(CATEGORY.get(id)));
  assert.deepEqual([...new Set(stray)], [], `step ${s.id}: only its layers (${s.layers}) are drawn`);
  for (const id of s.fit ?? []) assert.ok(ids.inView.includes(id), `step ${s.id}: ${id} is in view`);
  const highlighted = await page.locator('#side-panel .story-highlight').evaluateAll((els) => els.map((e) => e.dataset.id));
  assert.deepEqual(highlighted, s.highlight, `step ${s.id}: its highlights are listed`);
  // ...and those drawn as areas or lines are outlined on the map (nothing else is).
  const { shapes, outlined } = await page.evaluate(() => ({
    shapes: [...document.querySelectorAll('svg.map-svg path.shape[data-id]')].map((e) => e.dataset.id),
    outlined: [...document.querySelectorAll('svg.map-svg path.highlight')].map((e) => e.dataset.for),
  }));
  assert.deepEqual(outlined.sort(), s.highlight.filter((id) => shapes.includes(id)).sort(), `step ${s.id}: outlines`);
}

test('each step shows its text and quote with its own view and layers, in both languages', async () => {
  for (const lang of ['zh', 'en']) {
    const { page, context, errors } = await openApp(browser, `${server.url}#lang=${lang}&story=1&step=1`);
    await atStep(page, 1);
    const views = new Set();
    for (let i = 0; i < STEPS.length; i++) {
      if (i > 0) {
        await page.locator('#side-panel .story-next').click();
        await atStep(page, i + 1);
      }
      await assertStep(page, i, lang);
      const v = await mapView(page);
      views.add(`${v.zoom} ${v.center}`);
    }
    assert.equal(views.size, STEPS.length, 'every step has a view of its own');
    assert.equal(await page.locator('#side-panel .story-next').getAttribute('aria-disabled'), 'true', 'the last step has no next');
    // A link straight to a step opens it, with its view and layers.
    const direct = await context.newPage();
    await direct.goto(`${server.url}#lang=${lang}&story=1&step=3`);
    await direct.waitForSelector('svg.map-svg[data-ready="true"] path.shape');
    await atStep(direct, 3);
    await assertStep(direct, 2, lang);
    assert.deepEqual(await axeViolations(page), [], 'the story panel passes axe');
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('a step number the story lacks falls back to a step it has', async () => {
  const { page, context, errors } = await openApp(browser, `${server.url}#story=1&step=99`);
  await atStep(page, STEPS.length);
  assert.equal(stepInUrl(page), STEPS.length);
  for (const bad of ['0', 'abc', '-2']) {
    await page.goto(`${server.url}#story=1&step=${bad}`);
    await page.reload();
    await page.waitForSelector('svg.map-svg[data-ready="true"] path.shape');
    await atStep(page, 1);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Story button opens the tour; arrow keys, the back button and Esc step through and out of it', async () => {
  const { page, context, errors } = await openApp(browser, server.url);
  const opener = page.locator('button.open-story');
  assert.equal((await opener.textContent()).trim(), '导览');
  await opener.click();
  await atStep(page, 1);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'story-title', 'focus follows into the tour');
  await page.keyboard.press('ArrowRight');
  await atStep(page, 2);
  await page.keyboard.press('ArrowRight');
  await atStep(page, 3);
  assert.equal(stepInUrl(page), 3);
  await page.keyboard.press('ArrowLeft');
  await atStep(page, 2);
  // Each step is a history entry: back goes 2 → 3 → 2 → 1.
  for (const n of [3, 2, 1]) {
    await page.goBack();
    await atStep(page, n);
    assert.equal(stepInUrl(page), n);
    await assertStep(page, n - 1, 'zh');
  }
  await page.goForward();
  await atStep(page, 2);
  // The card of a highlighted feature is one tap away, and its close goes back to the tour.
  const first = STEPS[1].highlight[0];
  await page.locator(`#side-panel .story-highlight[data-id="${first}"]`).click();
  await page.locator(`#side-panel article.card[data-id="${first}"]`).waitFor();
  await page.locator('#side-panel .card-back').click();
  await atStep(page, 2);
  // Esc leaves the tour, and focus goes back to the button that opened it.
  await page.locator('#side-panel .story-next').focus();
  await page.keyboard.press('Escape');
  await page.locator('#side-panel').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.className), 'tool-button open-story');
  assert.equal(stepInUrl(page), null, 'the address leaves the tour too');
  assert.deepEqual(errors, []);
  await context.close();
});

test('English: the button and the panel speak English', async () => {
  const { page, context, errors } = await openApp(browser, `${server.url}#lang=en`);
  const opener = page.locator('button.open-story');
  assert.equal((await opener.textContent()).trim(), 'Story');
  await opener.click();
  await atStep(page, 1);
  assert.equal((await page.locator('#story-title').textContent()).trim(), 'Guided tour');
  assert.equal((await page.locator('#side-panel .story-count .visually-hidden').textContent()).trim(), `Step 1 of ${STEPS.length}`);
  assert.equal((await page.locator('#side-panel .story-next').textContent()).trim(), 'Next step ›');
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * Go from step 1 to step 2 by the Next button, recording every transform the map's drawing
 * had in between: a flight moves it frame by frame, a jump never does.
 */
async function transformsToStep2(page) {
  await atStep(page, 1);
  const before = await mapView(page);
  await page.evaluate(() => {
    window.__transforms = [];
    const canvas = document.querySelector('.map-canvas');
    new MutationObserver(() => window.__transforms.push(canvas.style.transform))
      .observe(canvas, { attributes: true, attributeFilter: ['style'] });
  });
  await page.locator('#side-panel .story-next').click();
  await atStep(page, 2);
  await waitForMove(page, before);
  return page.evaluate(() => window.__transforms.filter((t) => t && t !== 'none'));
}

test('the map flies between steps, and jumps under prefers-reduced-motion', async () => {
  const flying = await openApp(browser, `${server.url}#story=1&step=1`);
  assert.ok((await transformsToStep2(flying.page)).length > 2, 'without the preference the map flies');
  await flying.context.close();
  const reduced = await openApp(browser, `${server.url}#story=1&step=1`, { reducedMotion: 'reduce' });
  assert.deepEqual(await transformsToStep2(reduced.page), [], 'with it, the map jumps: no frame in between');
  await assertStep(reduced.page, 1, 'zh');
  assert.deepEqual(reduced.errors, []);
  await reduced.context.close();
});

/** `shizhong check DIR`: exit status and output. */
function check(dir) {
  const r = spawnSync('cargo', ['run', '--quiet', '--bin', 'shizhong', '--', 'check', dir], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

test('a story with a bad feature id or an invented quote fails shizhong check naming file and step, and the map still works', async () => {
  const bad = structuredClone(STORY);
  bad.steps[1].fit = ['axis.nowhere'];
  bad.steps[3].quote = '市中区将在英雄山顶建设月球基地';
  const text = JSON.stringify(bad, null, 2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhong-story-'));
  fs.cpSync(GEODATA, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'story.json'), text);
  const checked = check(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(checked.status, 1, checked.out);
  assert.match(checked.out, /error: story\.json: step 2 `axis`: `fit` names "axis\.nowhere", which is not a feature of the plan/);
  assert.match(checked.out, /error: story\.json: step 4 `innovation`: quote not found in the report: "市中区将在英雄山顶建设月球基地"/);
  assert.equal(check(GEODATA).status, 0, 'the committed story checks clean');

  // The page: the banner names the story file; the map and the other steps work.
  storyOverride = text;
  try {
    const { page, context, errors } = await openApp(browser, `${server.url}#story=1&step=1`);
    const files = await page.locator('.banner[role="alert"] .banner-files').textContent();
    assert.equal(files.trim(), 'story.json');
    assert.match(await page.locator('.banner details').textContent(), /step 2 `axis`: `fit` names "axis\.nowhere"/);
    await atStep(page, 1);
    await assertStep(page, 0, 'zh');
    assert.ok((await drawn(page)).all.includes('district.shizhong'), 'the map is drawn');
    // A story that is not JSON at all: reported, no tour, the map works.
    storyOverride = '{"steps": [';
    await page.goto(`${server.url}#lang=en`);
    await page.reload();
    await page.waitForSelector('svg.map-svg[data-ready="true"] path.shape[data-id="district.shizhong"]');
    assert.equal((await page.locator('.banner[role="alert"] .banner-files').textContent()).trim(), 'story.json');
    assert.equal(await page.locator('button.open-story').count(), 0, 'no tour to open');
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
    await context.close();
  } finally {
    storyOverride = null;
  }
});

test('a host page on another origin drives the embedded map to each step as its paragraphs scroll by', async () => {
  let article = '';
  const host = await serve(DIST, { override: (p) => (p === '/article.html' ? { body: Buffer.from(article) } : undefined) });
  try {
    // A sticky map and three paragraphs that drive it; a second map on the page is left alone.
    const para = (n, text) => `<p data-shizhong-step="${n}" data-shizhong-for="story-map"
      style="position:relative;max-width:30rem;margin:0 auto 90vh;padding:1rem;background:#fff">${text}</p>`;
    article = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title>
      <style>body { margin: 0 } .intro { height: 900px; margin: 0 }</style></head><body>
      <h1>How Shizhong plans its 2026</h1><p class="intro">Lots of text before the map…</p>
      <section style="position:relative">
        <iframe id="story-map" src="${server.url}index.html?embed=1#lang=en" title="Shizhong Plan Map" data-shizhong-map
          style="position:sticky;top:0;width:100%;height:420px;border:0"></iframe>
        ${para(1, 'First, the belt.')}${para(2, 'Then the axis.')}${para(3, 'Then the four zones.')}
      </section>
      <iframe id="other-map" src="${server.url}index.html?embed=1#lang=en" title="Another map" data-shizhong-map
        style="width:100%;height:420px;border:0"></iframe>
      <script src="${server.url}embed.js"></script></body></html>`;
    assert.notEqual(new URL(host.url).origin, new URL(server.url).origin, 'the article is on another origin');
    const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${host.url}article.html`);
    await page.evaluate(() => document.querySelector('#story-map').scrollIntoView({ block: 'start' }));
    const storyFrame = await (await page.$('#story-map')).contentFrame();
    const otherFrame = await (await page.$('#other-map')).contentFrame();
    await storyFrame.waitForSelector('svg.map-svg[data-ready="true"] path.shape', { timeout: 30000 });
    await storyFrame.evaluate(() => { window.__sameDocument = true; });
    const history = await page.evaluate(() => history.length);
    for (const n of [1, 2, 3]) {
      await page.evaluate((n) => document.querySelector(`[data-shizhong-step="${n}"]`).scrollIntoView({ block: 'center' }), n);
      await storyFrame.waitForSelector(`.story-step[data-step="${n}"]`, { timeout: 10000 });
      await waitForRest(storyFrame);
      assert.equal((await storyFrame.locator('.story-title').textContent()).trim(), STEPS[n - 1].title_en);
      assert.equal(new URL(storyFrame.url()).hash, `#lang=en&story=1&step=${n}`);
      // Compact: the article tells the story; the map keeps the step, its quote and its buttons.
      assert.equal(await storyFrame.locator('.story-text').isVisible(), false);
      assert.ok(await storyFrame.locator('.story-quote blockquote').isVisible());
      const ids = await drawn(storyFrame);
      for (const id of STEPS[n - 1].fit ?? []) assert.ok(ids.inView.includes(id), `step ${n}: ${id} in view`);
    }
    // Back up the article: the map follows backwards too.
    await page.evaluate(() => document.querySelector('[data-shizhong-step="1"]').scrollIntoView({ block: 'center' }));
    await storyFrame.waitForSelector('.story-step[data-step="1"]', { timeout: 10000 });
    assert.equal(await storyFrame.evaluate(() => window.__sameDocument), true, 'the map was never reloaded');
    assert.equal(await page.evaluate(() => history.length), history, "the article's Back button is not filled with steps");
    assert.equal(new URL(otherFrame.url()).hash, '#lang=en', 'the other map is not driven');
    assert.equal(await otherFrame.locator('.story-step').count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await host.close();
  }
});

test('the Share panel offers the scroll-driven snippet, and that snippet drives its map', async () => {
  const { page, context, errors } = await openApp(browser, `${server.url}#lang=en`);
  await page.locator('button.open-share').click();
  const code = await page.locator('#story-embed-code').inputValue();
  assert.ok(await page.locator('#embed-code').inputValue(), 'the ordinary snippet is there too');
  const steps = [...code.matchAll(/<p data-shizhong-step="(\d+)" data-shizhong-for="shizhong-story"[^>]*>([^<]*)<\/p>/g)];
  assert.deepEqual(steps.map((m) => Number(m[1])), STEPS.map((_, i) => i + 1), 'one paragraph per step');
  assert.deepEqual(steps.map((m) => m[2]), STEPS.map((s, i) => `${i + 1}. ${s.title_en}`));
  assert.match(code, /<iframe id="shizhong-story" src="[^"]*\?embed=1#[^"]*story=1&amp;step=1"[^>]*data-shizhong-map/);
  assert.match(code, /<script src="[^"]*embed\.js" async><\/script>$/);
  assert.deepEqual(await axeViolations(page), [], 'the Share panel passes axe');
  await context.close();
  assert.deepEqual(errors, []);

  // Pasted into an article on another origin, scrolling to the third paragraph moves the map there.
  let article = '';
  const host = await serve(DIST, { override: (p) => (p === '/article.html' ? { body: Buffer.from(article) } : undefined) });
  try {
    article = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title></head>
      <body><h1>Article</h1>${code}</body></html>`;
    const reader = await browser.newContext({ viewport: { width: 800, height: 900 } });
    const tab = await reader.newPage();
    await tab.goto(`${host.url}article.html`);
    const frame = await (await tab.$('#shizhong-story')).contentFrame();
    await frame.waitForSelector('svg.map-svg[data-ready="true"] path.shape', { timeout: 30000 });
    await tab.evaluate(() => document.querySelector('[data-shizhong-step="3"]').scrollIntoView({ block: 'center' }));
    await frame.waitForSelector('.story-step[data-step="3"]', { timeout: 10000 });
    assert.equal((await frame.locator('.story-title').textContent()).trim(), STEPS[2].title_en);
    await reader.close();
  } finally {
    await host.close();
  }
});

test('on a phone the tour is a bottom sheet, and the step is shown above it', async () => {
  const { page, context, errors } = await openApp(browser, `${server.url}#story=1&step=5`,
    { viewport: { width: 375, height: 720 }, hasTouch: true, isMobile: true });
  await atStep(page, 5);
  const sheet = await page.locator('#side-panel').boundingBox();
  assert.ok(sheet.y > 720 * 0.35 && Math.abs(sheet.y + sheet.height - 720) < 2, `a sheet at the bottom: ${JSON.stringify(sheet)}`);
  assert.equal(await page.locator('#side-panel').getAttribute('data-sheet'), 'half');
  // What the step fits lies in the part of the map the sheet leaves visible.
  const { inView } = await drawn(page, sheet.y);
  for (const id of STEPS[4].fit) assert.ok(inView.includes(id), `${id} above the sheet`);
  assert.deepEqual(await axeViolations(page), [], 'the sheet passes axe');
  assert.deepEqual(errors, []);
  await context.close();
});

test('beside an open legend (1440 px) each step shows what it fits in the part the legend leaves clear', async () => {
  const { page, context, errors } = await openApp(browser, `${server.url}#lang=en&story=1&step=1`, { viewport: { width: 1440, height: 900 } });
  const legend = await page.locator('.legend[open]').boundingBox();
  assert.ok(legend, 'the legend is open at this width');
  for (let i = 0; i < STEPS.length; i++) {
    if (i > 0) await page.locator('#side-panel .story-next').click();
    await atStep(page, i + 1);
    const clear = await page.evaluate((left) => {
      const map = document.querySelector('.map').getBoundingClientRect();
      const out = [];
      for (const el of document.querySelectorAll('svg.map-svg [data-id], svg.map-svg [data-ids]')) {
        const b = el.getBoundingClientRect();
        if (b.right > left && b.left < map.right && b.bottom > map.top && b.top < map.bottom) {
          out.push(...(el.dataset.id ? [el.dataset.id] : el.dataset.ids.split(' ')));
        }
      }
      return out;
    }, legend.x + legend.width);
    for (const id of STEPS[i].fit ?? []) assert.ok(clear.includes(id), `step ${STEPS[i].id}: ${id} clear of the legend`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('printing a step prints the step: its title, text and the report\'s words beside the map, on one A4 page', async () => {
  const i = 2; // the four zones
  const { page, context } = await openApp(browser, `${server.url}#story=1&step=${i + 1}`, { viewport: { width: 1280, height: 800 } });
  await atStep(page, i + 1);
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await waitForRest(page, { timeout: 15000 });
  const file = path.join(os.tmpdir(), `shizhong-story-print-${process.pid}.pdf`);
  fs.writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
  const pdftotext = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  fs.rmSync(file);
  assert.equal(pdftotext.status, 0, `pdftotext (poppler-utils, scripts/dev.sh setup): ${pdftotext.error ?? pdftotext.stderr}`);
  const printed = pdftotext.stdout.replace(/\s+/g, '');
  const pages = pdftotext.stdout.split('\f').filter((p) => p.trim()).length;
  assert.equal(pages, 1, `${pages} pages`);
  const s = STEPS[i];
  for (const [what, text] of [['title', s.title_zh], ['text', s.text_zh], ['quote', s.quote]]) {
    assert.ok(printed.includes(text.replace(/\s+/g, '')), `the printed page lacks the step's ${what}: ${text}`);
  }
  assert.ok(printed.includes(`${i + 1}/${STEPS.length}`), 'the step number is printed');
  const keys = (await page.locator('#side-panel .story-keys').textContent()).replace(/\s+/g, '');
  assert.ok(!printed.includes(keys), 'the keyboard help is not printed');
  await context.close();
});
