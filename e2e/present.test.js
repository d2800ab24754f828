// One presentation model: the page's SVG, read back from the DOM in Chromium, has the same
// elements with the same attributes as the static writer's markup for the same view, size,
// layers, filter, selection, language and theme (`shizhong markup`, natively).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, openApp, waitForRest } from './harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Attributes only the live (interactive) map carries: src/present/map.rs INTERACTIVE_ATTRS.
const INTERACTIVE = new Set(['role', 'tabindex', 'aria-label', 'aria-pressed']);

let server;
let browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The static writer's markup for a page state, from the native CLI. */
function staticMarkup({ view, hash, zone, covered }) {
  const [zoom, lat, lon, width, height] = view.split('/');
  const args = ['run', '--quiet', '--bin', 'shizhong', '--', 'markup',
    '--screen', `${width}x${height}`, '--view', `${zoom}/${lat}/${lon}`, '--state', hash];
  if (zone) args.push('--zone', zone);
  if (covered) args.push('--covered', covered);
  return execFileSync('cargo', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Elements as plain trees: tag, attributes (sorted), text; in the browser. */
function trees(page, markup) {
  return page.evaluate(({ markup, interactive }) => {
    const skip = new Set(interactive);
    const tree = (el) => ({
      tag: el.tagName,
      attrs: [...el.attributes].filter((a) => !skip.has(a.name))
        .map((a) => [a.name, a.value]).sort((a, b) => a[0].localeCompare(b[0])),
      text: el.children.length === 0 ? el.textContent : null,
      children: [...el.children].map(tree),
    });
    const root = markup === null
      ? document.querySelector('svg.map-svg')
      : new DOMParser().parseFromString(
        `<svg xmlns="http://www.w3.org/2000/svg">${markup}</svg>`, 'image/svg+xml').documentElement;
    return [...root.children].map(tree);
  }, { markup, interactive: [...INTERACTIVE] });
}

/** Numbers may differ in the last printed digit (the page's view is read back rounded). */
function sameValue(a, b) {
  if (a === b) return true;
  const num = /-?\d+(?:\.\d+)?(?:e-?\d+)?/g;
  const [ta, tb] = [a.split(num), b.split(num)];
  const [na, nb] = [a.match(num) ?? [], b.match(num) ?? []];
  if (ta.join('|') !== tb.join('|') || na.length !== nb.length) return false;
  return na.every((x, i) => Math.abs(Number(x) - Number(nb[i])) <= 0.002 + 1e-6 * Math.abs(Number(x)));
}

function compare(page, stat, where = 'svg') {
  assert.equal(page.length, stat.length,
    `${where}: ${page.length} children on the page, ${stat.length} in the static markup: `
    + `${page.map((e) => e.tag).join(',')} vs ${stat.map((e) => e.tag).join(',')}`);
  page.forEach((p, i) => {
    const s = stat[i];
    const here = `${where} > ${p.tag}[${i}]${p.attrs.find((a) => a[0] === 'class')?.[1] ?? ''}`;
    assert.equal(p.tag, s.tag, here);
    assert.deepEqual(p.attrs.map((a) => a[0]), s.attrs.map((a) => a[0]), `${here}: attribute names`);
    p.attrs.forEach(([name, value], j) => {
      assert.ok(sameValue(value, s.attrs[j][1]), `${here} ${name}: page ${value.slice(0, 120)} vs static ${s.attrs[j][1].slice(0, 120)}`);
    });
    assert.equal(p.text, s.text, `${here}: text`);
    compare(p.children, s.children, here);
  });
}

const VIEWS = [
  { name: 'home, desktop', viewport: { width: 1440, height: 900 }, hash: '' },
  { name: 'home, phone', viewport: { width: 390, height: 844 }, hash: '' },
  { name: 'zoomed in', viewport: { width: 1280, height: 800 }, hash: '#map=15.00/36.65800/116.99500' },
  { name: 'one zone filtered', viewport: { width: 1280, height: 800 }, hash: '', zone: 'zone.west' },
  { name: 'a feature selected', viewport: { width: 1280, height: 800 }, hash: '#feature=project.parcel-xinglong' },
  { name: 'English, dark', viewport: { width: 1280, height: 800 }, hash: '#lang=en&theme=dark&layers=zone,belt,axis,district,neighbour,land,renewal,innovation' },
  { name: 'zoomed out, phone, English, an area selected', viewport: { width: 360, height: 640 }, hash: '#map=11.50/36.60000/117.00000&lang=en&feature=zone.south' },
];

for (const v of VIEWS) {
  test(`page and static writer draw the same elements: ${v.name}`, async () => {
    const { page, context, errors } = await openApp(browser, server.url + v.hash, { viewport: v.viewport });
    if (v.zone) {
      await page.locator('button.open-layers').click();
      await page.locator('#filter-zone').selectOption(v.zone);
      await page.locator('button.panel-close').click();
    }
    // Wait until the map is at rest (a link to a feature flies there).
    await waitForRest(page);
    const last = await page.locator('svg.map-svg').getAttribute('data-view');
    // What the page's panels cover (labels avoid it): the static writer is told the same.
    const covered = await page.locator('svg.map-svg').getAttribute('data-covered');
    const hash = await page.evaluate(() => location.hash);
    const pageTree = await trees(page, null);
    const markup = staticMarkup({ view: last, hash, zone: v.zone, covered });
    const staticTree = await trees(page, markup);
    assert.ok(pageTree.length === 4, 'defs, background, shapes, overlay');
    const markers = staticTree[3].children.find((g) => g.attrs.some(([n, x]) => n === 'class' && x === 'markers'));
    assert.ok(markers.children.length > 0, 'the view has markers to compare');
    compare(pageTree, staticTree);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
