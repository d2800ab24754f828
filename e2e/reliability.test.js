// Reliability in the browser: every file of the bad-data corpus loaded by the app, hostile
// text in the data, a strict Content-Security-Policy, network faults, the panic hook, and the
// map inside a sandboxed cross-origin iframe.
//
// Runs against dist/ (build it first: `scripts/dev.sh build`); the panic-hook test against the
// probe build in dist-probe/ (`scripts/dev.sh build --features panic-probe --dist dist-probe`:
// only there does `debug=panic` panic on purpose). The data cases are generated
// at run time into a temporary copy of dist/, one folder per case, loaded with `#data=FOLDER/`
// so one server and one browser serve them all (KEEP_RELIABILITY_TMP=1 keeps that folder).
// Each group reports its count as a test diagnostic: `bad data files tried in the app: 48 of
// 48`, `hostile strings tried: 23 …`, `faults simulated: 9 of 9`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, DIST, PROBE_DIST, mapView, waitForMove, waitForRest, labelTexts } from './harness.js';

const ROOT = path.dirname(DIST);
const GEODATA = path.join(ROOT, 'geodata');
const BAD_DATA = path.join(ROOT, 'tests', 'bad-data');
/** `plan::load::MAX_FILE_BYTES`. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;
const DRAWN = 'svg.map-svg[data-ready="true"] path.shape[data-id="district.shizhong"]';
/** What must still be drawn whatever else fails: the district, the four zones, the belt. */
const STRUCTURE = ['district.shizhong', 'zone.north', 'zone.centre', 'zone.south', 'zone.west', 'belt.corridor'];
const DESKTOP = { width: 1280, height: 800 };

let browser, tmp, site, server;

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'build dist/ first: scripts/dev.sh build');
  browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhong-reliability-'));
  site = path.join(tmp, 'site');
  fs.cpSync(DIST, site, { recursive: true });
  server = await serve(site, { override: (p) => FAULTS.get(p) });
});

after(async () => {
  await browser?.close();
  await server?.close();
  // KEEP_RELIABILITY_TMP=1 keeps the generated site (its path is printed) to look at a case.
  if (tmp && process.env.KEEP_RELIABILITY_TMP) console.log(`# generated site kept in ${site}`);
  else if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// ----------------------------------------------------------------------------------------
// Helpers

const realFiles = () => JSON.parse(fs.readFileSync(path.join(GEODATA, 'manifest.json'), 'utf8')).files;

/**
 * Write a data folder `site/NAME/`: a copy of geodata/ whose manifest lists the real files plus
 * `extra` (name → bytes, or null for a file listed but never written), after `edit(name, json)`
 * has had its say on each real file. Returns the `#data=` value.
 */
function dataFolder(name, { extra = {}, edit } = {}) {
  const dir = path.join(site, name);
  fs.mkdirSync(dir, { recursive: true });
  const files = realFiles();
  for (const f of files) {
    const src = path.join(GEODATA, f);
    if (edit) {
      const json = JSON.parse(fs.readFileSync(src, 'utf8'));
      edit(f, json);
      fs.writeFileSync(path.join(dir, f), JSON.stringify(json));
    } else {
      fs.copyFileSync(src, path.join(dir, f));
    }
  }
  for (const [f, bytes] of Object.entries(extra)) {
    if (bytes !== null) fs.writeFileSync(path.join(dir, f), bytes);
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ files: [...files, ...Object.keys(extra)] }));
  return `${name}/`;
}

/**
 * A fresh context and page at `url`, recording console errors, uncaught page errors and
 * dialogs (which are dismissed). `init` is a function run in every document before its own
 * scripts.
 */
async function open(url, { viewport = DESKTOP, init, setup, waitDrawn = true } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const consoleErrors = [];
  const pageErrors = [];
  const dialogs = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  if (init) await page.addInitScript(init);
  if (setup) setup(page);
  await page.goto(url);
  if (waitDrawn) await page.waitForSelector(DRAWN, { timeout: 30000 });
  return { page, context, consoleErrors, pageErrors, dialogs };
}

/** Ids of the shapes (areas and lines) drawn on the map. */
const shapeIds = (pageOrFrame) =>
  pageOrFrame.locator('svg.map-svg path.shape[data-id]').evaluateAll((ps) => ps.map((p) => p.dataset.id));

async function assertStructureDrawn(page, what) {
  const ids = await shapeIds(page);
  const missing = STRUCTURE.filter((id) => !ids.includes(id));
  assert.deepEqual(missing, [], `${what}: still drawn`);
}

/** The file names the banner lists. */
async function bannerFiles(page, timeout = 5000) {
  const files = page.locator('.banner[role="alert"] span.banner-files');
  await files.waitFor({ timeout });
  return (await files.textContent()).split('、').map((s) => s.trim()).filter(Boolean);
}

/** The browser's own console note about a failed request: expected where a fault is. */
const FAILED_STATUS = /^Failed to load resource: the server responded with a status of \d{3}/;
const CUT_OFF = /^Failed to load resource: net::ERR_CONTENT_LENGTH_MISMATCH/;

/** Console errors other than the expected `allow` notes. */
const unexpected = (consoleErrors, allow) => consoleErrors.filter((e) => !(allow && allow.test(e)));

// ----------------------------------------------------------------------------------------
// Bad data: the whole corpus, each file added to the manifest of a copy of geodata/.

const HUGE = '47-huge.geojson';
const ABSENT = '48-missing.geojson';

/** Same construction as tests/bad_data.rs: a valid FeatureCollection padded past the limit. */
function hugeFile() {
  const feature = '{"type":"Feature","properties":{"id":"bad.huge","name_zh":"坏数据","name_en":"Bad data","category":"landmark","precision":"site","source_zh":"tests/bad-data","source_en":"tests/bad-data","position_source_zh":"made up for the test","position_source_en":"made up for the test"},"geometry":{"type":"Point","coordinates":[116.98,36.64]}}';
  const head = Buffer.from(`{"type":"FeatureCollection","features":[${feature}`);
  const tail = Buffer.from(']}\n');
  const bytes = Buffer.alloc(MAX_FILE_BYTES + 1024, 0x20);
  head.copy(bytes, 0);
  tail.copy(bytes, bytes.length - tail.length);
  return bytes;
}

test('every bad data file: the banner names it, the rest of the map is drawn', { concurrency: 3 }, async (t) => {
  const corpus = fs.readdirSync(BAD_DATA).filter((f) => /^\d\d-.*\.geojson$/.test(f)).sort();
  assert.ok(corpus.length >= 46, `${corpus.length} files in tests/bad-data`);
  const cases = [...corpus.map((f) => [f, fs.readFileSync(path.join(BAD_DATA, f))]), [HUGE, hugeFile()], [ABSENT, null]];
  let tried = 0;
  await Promise.all(cases.map(([file, bytes], i) => t.test(file, async () => {
    const data = dataFolder(`bad-${i}`, { extra: { [file]: bytes } });
    // A query string makes each case a full page load (a new hash alone would not reload).
    const { page, context, consoleErrors, pageErrors } = await open(`${server.url}?case=${i}#data=${data}`);
    try {
      assert.deepEqual(await bannerFiles(page), [file], 'the banner names the file, and only it');
      await assertStructureDrawn(page, file);
      assert.deepEqual(pageErrors, [], 'no uncaught errors');
      assert.deepEqual(unexpected(consoleErrors, file === ABSENT && FAILED_STATUS), [], 'no console errors but the 404');
      tried++;
    } finally {
      await context.close();
    }
  })));
  t.diagnostic(`bad data files tried in the app: ${tried} of ${cases.length}`);
  assert.equal(tried, cases.length);
});

// ----------------------------------------------------------------------------------------
// Hostile text in the data.

const PWN = 'window.__pwned=1';
const SCRIPT = `<script>${PWN}</script>`;
const IMG = `<img src=x onerror="${PWN}">`;
const CONTROLS = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
const LONG_NAME = 'Longname' + 'W'.repeat(4992);
/** Every hostile string the data carries as text (the links are below). */
const HOSTILE_TEXT = [
  SCRIPT,
  IMG,
  'javascript:alert(1)',
  LONG_NAME,
  `\u202Eevil\u202C reversed`,
  `ctl${CONTROLS}end`,
  'zero\u200Bwidth',
  'byte\uFEFForder',
  `{{constructor.constructor('${PWN}')()}}`,
  '${' + PWN + '}',
  '&lt;script&gt;window.__pwned=1&lt;/script&gt; &amp;amp; &#60;img src=x onerror=window.__pwned=1&#62; &nbsp;',
  `<svg onload="${PWN}"></svg>`,
  `<iframe src="javascript:${PWN}"></iframe>`,
  `"><script>${PWN}</script>`,
  `</text><script>${PWN}</script><text>`,
  `<![CDATA[<script>${PWN}</script>]]>`,
  `<style>*{display:none}</style>`,
];
/** `link` values: only http(s) may become an href. */
const HOSTILE_LINKS = [
  'javascript:alert(1)',
  'JaVaScRiPt:window.__pwned=1',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
];
const GOOD_LINK = 'https://example.com/?q=<script>&x="y"';

function hostileEdit(file, json) {
  const byId = new Map(json.features.map((f) => [f.properties.id, f.properties]));
  const set = (id, props) => { const p = byId.get(id); if (p) Object.assign(p, props); };
  if (file === 'zones.geojson') {
    set('zone.north', { short_zh: SCRIPT, short_en: SCRIPT });
    set('zone.south', { short_zh: IMG, short_en: IMG, description_zh: HOSTILE_TEXT.join(' | '), description_en: HOSTILE_TEXT.join(' | ') });
  }
  if (file === 'projects.geojson') {
    set('project.parcel-xinglong', {
      name_zh: `兴隆${SCRIPT}`,
      name_en: `Hostile Xinglong ${IMG}`,
      description_zh: `javascript:alert(1) ${HOSTILE_TEXT[8]} ${HOSTILE_TEXT[9]} ${HOSTILE_TEXT[10]}`,
      description_en: `javascript:alert(1) ${HOSTILE_TEXT[8]} ${HOSTILE_TEXT[9]} ${HOSTILE_TEXT[10]}`,
      source_zh: HOSTILE_TEXT.slice(11).join(' | '),
      source_en: HOSTILE_TEXT.slice(11).join(' | '),
      position_source_zh: `${SCRIPT} ${HOSTILE_TEXT[5]}`,
      position_source_en: `${SCRIPT} ${HOSTILE_TEXT[5]}`,
      link: HOSTILE_LINKS[0],
    });
    const quote = byId.get('project.parcel-xinglong')?.quote;
    set('project.parcel-xinglong', { quote: `${quote}${HOSTILE_TEXT[4]}${HOSTILE_TEXT[6]}${HOSTILE_TEXT[7]}${SCRIPT}` });
    set('project.parcel-baimashan', { name_en: LONG_NAME, name_zh: `白马山${'长'.repeat(4997)}`, link: HOSTILE_LINKS[1] });
    set('project.weilai-yungu', {
      name_zh: `未来云谷${HOSTILE_TEXT[4]}${HOSTILE_TEXT[5]}${HOSTILE_TEXT[6]}${HOSTILE_TEXT[7]}`,
      link: HOSTILE_LINKS[2],
    });
    set('project.parcel-zhengzhuang', { link: HOSTILE_LINKS[3] });
    set('project.wangyue-zhigu', { link: HOSTILE_LINKS[4] });
    set('project.renewal-zhongshan-park', { link: HOSTILE_LINKS[5] });
    set('project.parcel-majiazhuang', { link: GOOD_LINK, name_en: `Hostile Majiazhuang ${HOSTILE_TEXT[13]}` });
  }
  if (file === 'context.geojson') {
    set('landmark.jinan-station', { name_zh: IMG, name_en: IMG });
    set('landmark.baotu-spring', { name_zh: HOSTILE_TEXT[14], name_en: HOSTILE_TEXT[14] });
  }
  if (file === 'figures.geojson') {
    set('figure.gdp-2025', { display_zh: SCRIPT, display_en: SCRIPT });
  }
}

/** Things data must never create: counted in the page. */
const injectionReport = (page) => page.evaluate(() => {
  const all = [...document.querySelectorAll('*')];
  return {
    pwned: typeof window.__pwned,
    scripts: document.querySelectorAll('script').length,
    embeds: document.querySelectorAll('img, iframe, object, embed, image, foreignObject, style:not(head style), body link').length,
    handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}[${a.name}]`)),
    jsLinks: [...document.querySelectorAll('a[href], [href], [src], [action], [formaction]')]
      .map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? e.getAttribute('formaction'))
      .filter((h) => /^\s*(javascript|vbscript|data):/i.test(h.replace(/[\u0000-\u001f]/g, ''))),
  };
});

test('hostile text in the data is shown as text and never runs', async (t) => {
  const data = dataFolder('hostile', { edit: hostileEdit });
  // A clean page first: how many scripts the app itself has.
  const clean = await open(`${server.url}?clean`);
  const baseline = await injectionReport(clean.page);
  await clean.context.close();

  const { page, context, consoleErrors, pageErrors, dialogs } = await open(`${server.url}?hostile#data=${data}`);
  const check = async (where) => {
    const r = await injectionReport(page);
    assert.equal(r.pwned, 'undefined', `${where}: window.__pwned`);
    assert.equal(r.scripts, baseline.scripts, `${where}: no <script> from data`);
    assert.equal(r.embeds, baseline.embeds, `${where}: no <img>/<iframe>/… from data`);
    assert.deepEqual(r.handlers, [], `${where}: no on* attributes`);
    assert.deepEqual(r.jsLinks, [], `${where}: no javascript:/data: links`);
    assert.deepEqual(dialogs, [], `${where}: no dialog`);
  };
  try {
    await check('map');
    await assertStructureDrawn(page, 'hostile data');
    // The non-http links were refused by the loader, which the banner reports.
    const banner = page.locator('.banner[role="alert"]');
    assert.match(await banner.locator('span.banner-files').textContent(), /projects\.geojson/);
    assert.match(await banner.textContent(), /javascript:alert\(1\)/);

    // Labels on the map show the raw strings.
    const labels = await labelTexts(page);
    // (A long label may be left out, but never cut: look for the start of each string.)
    for (const raw of ['<script>window.', '<img src=x onerror="']) {
      assert.ok(labels.some((l) => l.includes(raw)), `a label shows ${raw} as text: ${labels.join(' / ')}`);
    }

    // The card: names, description, quote, sources, all as text; the link is not a link.
    const search = async (q, id) => {
      await page.locator('#search-input').fill(q);
      await page.locator(`#search-results [role="option"][data-id="${id}"]`).first().waitFor();
      await page.keyboard.press('Enter');
      const card = page.locator(`article.card[data-id="${id}"]`);
      await card.waitFor();
      return card;
    };
    let card = await search('兴隆', 'project.parcel-xinglong');
    let text = await card.textContent();
    for (const s of [SCRIPT, IMG, 'javascript:alert(1)', HOSTILE_TEXT[8], HOSTILE_TEXT[9], HOSTILE_TEXT[10], ...HOSTILE_TEXT.slice(11), HOSTILE_TEXT[4], HOSTILE_TEXT[5], HOSTILE_TEXT[6], HOSTILE_TEXT[7]]) {
      assert.ok(text.includes(s), `card shows ${JSON.stringify(s.slice(0, 60))} literally`);
    }
    assert.equal(await card.locator('a').count(), 0, 'a javascript: link is not shown');
    await check('xinglong card');

    // Every hostile string at once, in a zone's description.
    card = await search('Southern Mountain', 'zone.south');
    text = await card.locator('.card-description').textContent();
    for (const s of HOSTILE_TEXT) assert.ok(text.includes(s), `description shows ${JSON.stringify(s.slice(0, 60))} literally`);
    await check('zone card');

    card = await search('Hostile Majiazhuang', 'project.parcel-majiazhuang');
    assert.equal(await card.locator('a').getAttribute('href'), GOOD_LINK, 'an http(s) link is kept exactly');
    assert.ok((await card.textContent()).includes(HOSTILE_TEXT[13]));

    card = await search('Longname', 'project.parcel-baimashan');
    assert.equal((await card.locator('h2').textContent()).length, 5000, 'the 5 000-character name, whole');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'the page does not scroll sideways');
    await check('long-name card');

    card = await search('未来云谷', 'project.weilai-yungu');
    text = await card.locator('h2').textContent();
    for (const s of HOSTILE_TEXT.slice(4, 8)) assert.ok(text.includes(s), `control characters kept: ${JSON.stringify(s)}`);

    // The list and the key figures.
    await page.keyboard.press('Escape');
    await page.locator('button.open-list').click();
    const list = page.locator('section.list-view');
    await list.waitFor();
    assert.ok((await list.textContent()).includes(SCRIPT), 'the list shows the raw <script> name');
    await check('list');
    await page.locator('button.open-figures').click();
    await page.locator('li.figure[data-id="figure.gdp-2025"]').waitFor();
    assert.ok((await page.locator('li.figure[data-id="figure.gdp-2025"] .figure-value').textContent()).includes(SCRIPT));
    await page.locator('button.open-figures').click();

    // Still usable: the map pans under the mouse (once any fly-to animation has ended).
    await waitForRest(page);
    const from = await mapView(page);
    const district = page.locator('path.shape[data-id="district.shizhong"]');
    const before = await district.boundingBox();
    const map = await page.locator('.map').boundingBox();
    const [x, y] = [map.x + map.width / 2, map.y + map.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(x + 20 * i, y + 10 * i);
    await page.mouse.up();
    await waitForMove(page, from);
    const moved = await district.boundingBox();
    assert.ok(Math.abs(moved.x - before.x - 120) < 30 && Math.abs(moved.y - before.y - 60) < 30,
      `the map pans: ${JSON.stringify(before)} → ${JSON.stringify(moved)}`);
    await check('after panning');
    assert.deepEqual(pageErrors, [], 'no uncaught errors');
    assert.deepEqual(consoleErrors, [], 'no console errors');
    t.diagnostic(`hostile strings tried: ${HOSTILE_TEXT.length + HOSTILE_LINKS.length} (${HOSTILE_TEXT.length} as text, ${HOSTILE_LINKS.length} as links)`);
  } finally {
    await context.close();
  }
});

// ----------------------------------------------------------------------------------------
// A strict Content-Security-Policy.

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";

test('the app runs under a strict Content-Security-Policy without a violation', async () => {
  const strict = await serve(DIST, { headers: { 'content-security-policy': CSP } });
  const init = () => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
    });
  };
  const { page, context, consoleErrors, pageErrors } = await open(strict.url, { init });
  try {
    await assertStructureDrawn(page, 'under CSP');
    await page.locator('#search-input').fill('兴隆');
    await page.keyboard.press('Enter');
    await page.locator('article.card').waitFor();
    await page.locator('button.open-layers').click();
    await page.locator('fieldset.layer-group').first().waitFor();
    const theme = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.locator('button.switch-theme').click();
    await page.waitForFunction((t) => document.documentElement.dataset.theme !== t, theme);
    // A violation of our own, last: reports arrive in order, so once it is in, any the app
    // caused are in too. The only one seen must be ours (and the listener works).
    await page.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
    await page.waitForFunction(() => window.__csp.length > 0, null, { timeout: 5000 });
    const reports = await page.evaluate(() => window.__csp);
    assert.equal(reports.length, 1, `only the deliberate violation: ${reports.join('\n')}`);
    assert.match(reports[0], /^style-src/);
    // The browser logs each violation: at most ours (it may still be on its way).
    assert.ok(consoleErrors.length <= 1 && consoleErrors.every((e) => /inline style/.test(e)),
      `no console errors from the app (CSP reports show here): ${consoleErrors.join('\n')}`);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
    await strict.close();
  }
});

// ----------------------------------------------------------------------------------------
// Network faults, on chosen files of per-fault data folders.

const FAULTS = new Map();
const HTML_PAGE = '<!doctype html><html><body>Not the file you wanted</body></html>';

/** Each fault: the folder's file that misbehaves, how, and what the page must then show. */
const FAULT_CASES = [
  // The two stalls first, so they do not wait for a free page.
  { name: 'a data file stalls', file: 'zones.geojson', fault: { stall: true }, banner: 'zones.geojson', drawn: ['district.shizhong', 'belt.corridor'], within: 20000 },
  { name: 'the manifest stalls', file: 'manifest.json', fault: { stall: true }, banner: 'manifest.json', drawn: [], within: 20000 },
  { name: 'a data file 404s', file: 'belt.geojson', fault: { status: 404, body: 'not found' }, banner: 'belt.geojson', drawn: ['district.shizhong', 'zone.north'], allow: FAILED_STATUS },
  { name: 'a data file answers 500', file: 'context.geojson', fault: { status: 500, body: 'oops' }, banner: 'context.geojson', drawn: STRUCTURE, allow: FAILED_STATUS },
  { name: 'a data file answers with an HTML page', file: 'axis.geojson', fault: { body: HTML_PAGE }, banner: 'axis.geojson', drawn: STRUCTURE },
  { name: 'a data file arrives truncated', file: 'projects.geojson', fault: { truncate: true }, banner: 'projects.geojson', drawn: STRUCTURE, allow: CUT_OFF },
  { name: 'a data file is slow but arrives', file: 'boundaries.geojson', fault: { delay: 3000 }, banner: null, drawn: STRUCTURE },
  { name: 'the manifest 404s', file: 'manifest.json', fault: { status: 404, body: 'not found' }, banner: 'manifest.json', drawn: [], allow: FAILED_STATUS },
  { name: 'the manifest is not a manifest', file: 'manifest.json', fault: { body: '{"files": ["../../etc/passwd"]}' }, banner: 'manifest.json', drawn: [] },
];

/** In the page, before it runs: note when it first fetches `file`, and when a banner appears. */
function clock(file) {
  const fetch = window.fetch;
  window.fetch = function (input, ...rest) {
    const url = new URL(typeof input === 'string' ? input : input?.url ?? String(input), location.href);
    if (url.pathname.endsWith(file) && window.__askedAt === undefined) window.__askedAt = performance.now();
    return fetch.call(this, input, ...rest);
  };
  new MutationObserver(() => {
    if (window.__bannerAt === undefined && document.querySelector('.banner')) window.__bannerAt = performance.now();
  }).observe(document, { childList: true, subtree: true });
}

test('network faults: each is named in the banner and the page stays up', { concurrency: 5 }, async (t) => {
  let simulated = 0;
  await Promise.all(FAULT_CASES.map((c, i) => t.test(c.name, async (st) => {
    const data = dataFolder(`fault-${i}`);
    FAULTS.set(`/${data}${c.file}`, c.fault);
    // When the app asked for the file and when the banner appeared, both by the page's own
    // clock: Playwright's request events can come late when five pages load at once.
    const init = { content: `(${clock.toString()})(${JSON.stringify(`/${data}${c.file}`)})` };
    const { page, context, consoleErrors, pageErrors } = await open(`${server.url}?fault=${i}#data=${data}`, { waitDrawn: false, init });
    try {
      // The chrome is there at once, whatever the data does (for a stalled file: long before
      // the app gives up on it). Timeouts here are generous: five pages load at once.
      // (The pre-rendered page's header until the live map is drawn, then the app's.)
      const header = page.locator('header.app-header h1:visible').first();
      await header.waitFor({ timeout: 15000 });
      if (c.fault.stall) assert.equal(await page.locator('.banner').count(), 0, 'the header came before any banner');
      if (c.banner) {
        const files = await bannerFiles(page, 20000);
        const took = Math.round(await page.evaluate(() => window.__bannerAt - window.__askedAt));
        assert.deepEqual(files, [c.banner]);
        // The app gives up on a file 10 s after asking for it; the banner follows. (Not
        // before: it was the time limit. The upper bound allows for a loaded machine.)
        if (c.within) {
          st.diagnostic(`banner ${took} ms after the request`);
          assert.ok(took >= 9500 && took <= c.within, `banner ${took} ms after the request`);
        }
      } else {
        await page.waitForSelector(DRAWN, { timeout: 20000 });
        assert.equal(await page.locator('.banner').count(), 0, 'no banner for a slow file');
      }
      if (c.drawn.length) {
        await page.waitForSelector(DRAWN, { timeout: 15000 });
        const ids = await shapeIds(page);
        assert.deepEqual(c.drawn.filter((id) => !ids.includes(id)), [], 'the rest is drawn');
      }
      // Not a blank page: the title and the banner or the map are visible.
      assert.ok(await header.isVisible());
      assert.ok((await page.locator('body').innerText()).trim().length > 20, 'the page has text');
      assert.deepEqual(pageErrors, [], 'no uncaught errors');
      assert.deepEqual(unexpected(consoleErrors, c.allow), [], 'no console errors but the failed request');
      simulated++;
    } finally {
      await context.close();
    }
  })));
  t.diagnostic(`faults simulated: ${simulated} of ${FAULT_CASES.length}`);
  assert.equal(simulated, FAULT_CASES.length);
});

// ----------------------------------------------------------------------------------------
// The panic hook, and the map in a sandboxed cross-origin iframe.

/** index.html without what differs between two builds of the same page: the WASM's names and
 * the offline version stamped from them. */
const pageShape = (dir) => fs.readFileSync(path.join(dir, 'index.html'), 'utf8')
  .replace(/shizhong-map-[0-9a-f]+/g, 'shizhong-map-HASH')
  .replace(/ integrity="[^"]*"/g, '')
  .replace(/<meta name="shizhong-version" content="[^"]*">/, '<meta name="shizhong-version" content="VERSION">');
/** The WASM of a build, as bytes. */
const wasmOf = (dir) => {
  const [file] = fs.readdirSync(dir).filter((f) => f.endsWith('_bg.wasm'));
  assert.ok(file, `a WASM file in ${dir}`);
  return fs.readFileSync(path.join(dir, file));
};

test('the probe build: a panic replaces the page with a message in both languages', async () => {
  assert.ok(fs.existsSync(path.join(PROBE_DIST, 'index.html')),
    'build the probe first: scripts/dev.sh build --features panic-probe --dist dist-probe (scripts/dev.sh test does)');
  assert.equal(pageShape(PROBE_DIST), pageShape(DIST), 'dist-probe/ is a build of the same page as dist/ (rebuild it)');
  const probe = await serve(PROBE_DIST);
  const { page, context, consoleErrors } = await open(`${probe.url}?panic#debug=panic`, { waitDrawn: false });
  try {
    const message = page.locator('p.panic-message[role="alert"]');
    await message.waitFor({ timeout: 20000 });
    const text = await message.textContent();
    assert.match(text, /[\u4e00-\u9fff]/, 'Chinese');
    assert.match(text, /reload/i, 'English');
    assert.equal(await page.evaluate(() => document.body.children.length), 1, 'only the message is left');
    assert.ok(await message.isVisible());
    // It was the deliberate panic: the release build traps at once (no panic runtime, so no
    // message), and src/app/panic.rs logged the trap.
    assert.ok(consoleErrors.some((e) => /^shizhong-map stopped: RuntimeError: unreachable/.test(e)), consoleErrors.join('\n'));
    // The release test below looks for the switch in the WASM: here it is found.
    assert.notEqual(wasmOf(PROBE_DIST).indexOf(Buffer.from('debug=panic')), -1, 'the probe WASM has the switch');
  } finally {
    await context.close();
    await probe.close();
  }
});

test('a release build has no panic switch: debug=panic is ignored and the map draws', async () => {
  // The switch is not even compiled in (the probe test above finds it in the probe's WASM).
  assert.equal(wasmOf(DIST).indexOf(Buffer.from('debug=panic')), -1, 'dist/ WASM has no debug=panic');
  for (const link of ['#debug=panic', '?debug=panic', '?debug=panic#debug=panic&lang=en', '?x=1&debug=panic#feature=zone.west&debug=panic']) {
    const { page, context, consoleErrors, pageErrors } = await open(`${server.url}${link}`, { waitDrawn: false });
    try {
      // Whichever comes first: the map, or the message a panic would leave.
      await page.waitForSelector(`${DRAWN}, p.panic-message`, { timeout: 30000 });
      assert.equal(await page.locator('p.panic-message').count(), 0, `${link}: no panic message`);
      await assertStructureDrawn(page, link);
      assert.deepEqual(pageErrors, [], `${link}: no uncaught errors`);
      assert.deepEqual(consoleErrors, [], `${link}: no console errors`);
    } finally {
      await context.close();
    }
  }
});

test('the map draws inside a sandboxed iframe on another origin', async () => {
  const hostDir = path.join(tmp, 'host');
  fs.mkdirSync(hostDir, { recursive: true });
  fs.writeFileSync(path.join(hostDir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head>
<body><h1>A host page</h1>
<iframe title="Shizhong plan map" width="800" height="600" sandbox="allow-scripts allow-same-origin allow-popups"
        src="${server.url}?framed#lang=en"></iframe></body></html>`);
  const host = await serve(hostDir);
  try {
    assert.notEqual(new URL(host.url).port, new URL(server.url).port);
    const { page, context, pageErrors } = await open(host.url, { waitDrawn: false });
    try {
      const frame = page.frameLocator('iframe');
      await frame.locator(DRAWN).waitFor({ timeout: 30000 });
      const ids = await shapeIds(frame);
      assert.deepEqual(STRUCTURE.filter((id) => !ids.includes(id)), []);
      assert.equal(await frame.locator('.banner').count(), 0);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  } finally {
    await host.close();
  }
});
