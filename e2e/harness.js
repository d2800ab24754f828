// Shared browser-test harness: a static server for dist/ and headless Debian Chromium
// driven by playwright-core (never a downloaded browser).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
/**
 * The probe build: the same release build with the `panic-probe` feature, so that a
 * `debug=panic` link panics on purpose (only the panic-hook test uses it). Built by
 * `scripts/dev.sh test`, or: `scripts/dev.sh build --features panic-probe --dist dist-probe`.
 */
export const PROBE_DIST = path.join(ROOT, 'dist-probe');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serve `dir` on a free port. `options.headers` are added to every response;
 * `options.override(urlPath)` may return {status, body, stall, truncate, delay, after} to fake
 * faults (`after`: a promise; the answer waits until it resolves, so a test can hold a file back
 * for exactly as long as it needs).
 */
export async function serve(dir = DIST, options = {}) {
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const fault = options.override?.(urlPath);
    if (fault?.stall) return; // never answer
    if (fault?.after) {
      const { after, ...rest } = fault;
      after.then(() => respond(req, res, urlPath, rest));
      return;
    }
    if (fault?.delay) {
      const { delay, ...rest } = fault;
      setTimeout(() => respond(req, res, urlPath, rest), delay);
      return;
    }
    respond(req, res, urlPath, fault);
  });
  function respond(req, res, urlPath, fault) {
    let file = path.join(dir, urlPath.endsWith('/') ? urlPath + 'index.html' : urlPath);
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    let body = fault?.body;
    if (body === undefined) {
      if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      body = fs.readFileSync(file);
    }
    const headers = { 'content-type': fault?.contentType ?? TYPES[path.extname(file)] ?? 'application/octet-stream',
                      'cache-control': 'no-store', ...options.headers };
    if (fault?.truncate) {
      // Promise the whole length, send half, then cut the connection.
      res.writeHead(fault.status ?? 200, { ...headers, 'content-length': body.length });
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      setTimeout(() => res.destroy(), 50);
      return;
    }
    res.writeHead(fault?.status ?? 200, headers).end(body);
  }
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) };
}

const CHROMIUM = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

export async function launch() {
  // playwright gives every launch a fresh, empty profile directory.
  return chromium.launch(CHROMIUM);
}

/**
 * A browser on a profile kept in `userDataDir`, as a returning visitor's: its caches live on
 * disk. (A context from `launch()` is off the record, like a private window; a repeat visit
 * gains much less in it: BENCHMARKS.md, "Loads".) One context; closing it ends the browser.
 */
export async function launchPersistent(userDataDir, contextOptions = {}) {
  return chromium.launchPersistentContext(userDataDir, { ...CHROMIUM, ...contextOptions });
}

/**
 * Open the app at `url` in a new page of size `viewport`; resolves once the map has drawn.
 * Returns the page and the list of console errors / page errors seen.
 */
export async function openApp(browser, url, { viewport = { width: 1280, height: 800 }, waitDrawn = true, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  if (waitDrawn) {
    await page.waitForSelector('svg.map-svg[data-ready="true"] path.shape', { timeout: 30000 });
    // The pre-rendered first view has gone: only the live map is on the page.
    await page.waitForFunction(() => !document.getElementById('boot'));
  }
  return { page, context, errors };
}

/** Run axe-core in the page; returns the serious and critical violations. */
export async function axeViolations(page, context = undefined) {
  await page.addScriptTag({ path: path.join(ROOT, 'node_modules/axe-core/axe.min.js') });
  const result = await page.evaluate(async (ctx) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(ctx ?? document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  }, context);
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// ----------------------------------------------------------------------------------------
// Waiting for the map instead of sleeping. The map reports the view its markers and labels
// were built for (`data-zoom`, `data-center` on svg.map-svg: the settled view, updated when a
// gesture or animation ends), and during a gesture it moves the drawing with a CSS transform
// on .map-canvas (`none` once the live view is the settled one). `where` is a page or a frame.

/** The settled view as the map reports it: `{ zoom, center }`, both as the attribute strings. */
export function mapView(where) {
  return where.evaluate(() => {
    const svg = document.querySelector('svg.map-svg');
    return { zoom: svg?.dataset.zoom, center: svg?.dataset.center };
  });
}

/** In the page: whether the map is at rest and `test(zoom, [lon, lat])` holds. */
function settledAnd(test) {
  return `(() => {
    const svg = document.querySelector('svg.map-svg');
    const canvas = document.querySelector('.map-canvas');
    if (!svg || !canvas || canvas.style.transform !== 'none') return false;
    const zoom = Number(svg.dataset.zoom);
    const centre = svg.dataset.center.split(',').map(Number);
    return (${test})(zoom, centre, svg.dataset.zoom + ' ' + svg.dataset.center);
  })()`;
}

async function waitOrExplain(where, expression, what, timeout) {
  try {
    await where.waitForFunction(expression, null, { timeout, polling: 'raf' });
  } catch (e) {
    const seen = await mapView(where).catch(() => ({}));
    throw new Error(`${what}: the map is at zoom ${seen.zoom}, centre ${seen.center} (${e.message.split('\n')[0]})`);
  }
}

/** Wait until the map has settled at zoom `zoom` (± `tol`). */
export async function waitForZoom(where, zoom, { tol = 0.01, timeout = 5000 } = {}) {
  await waitOrExplain(where, settledAnd(`(z) => Math.abs(z - ${zoom}) < ${tol}`), `expected zoom ${zoom}`, timeout);
}

/**
 * Wait until the map has settled at a view for which `test` holds: the source of a function
 * `(zoom, [lon, lat]) => boolean`, run in the page (e.g. `'(z) => z >= 14'`).
 */
export async function waitForView(where, test, { timeout = 5000 } = {}) {
  await waitOrExplain(where, settledAnd(test), `expected a view where ${test}`, timeout);
}

/** Wait until the map has settled at a view other than `from` (a {@link mapView}). */
export async function waitForMove(where, from, { timeout = 5000 } = {}) {
  const was = JSON.stringify(`${from.zoom} ${from.center}`);
  await waitOrExplain(where, settledAnd(`(z, c, now) => now !== ${was}`), `expected the map to move from ${from.zoom} ${from.center}`, timeout);
}

/**
 * Wait until no gesture or animation is moving the map: the drawing has no gesture transform
 * for three frames in a row (an animation changes it every frame).
 */
export async function waitForRest(where, { timeout = 5000 } = {}) {
  const rested = await where.evaluate((timeout) => new Promise((resolve) => {
    const until = performance.now() + timeout;
    let still = 0;
    const frame = () => {
      const canvas = document.querySelector('.map-canvas');
      still = canvas && canvas.style.transform === 'none' ? still + 1 : 0;
      if (still >= 3) resolve(true);
      else if (performance.now() > until) resolve(false);
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }), timeout);
  if (!rested) throw new Error(`the map was still moving after ${timeout} ms`);
}

/** The map's labels as a reader sees them: a label drawn on two lines reads as its lines
 * joined by a space (its text content runs them together). */
export const labelTexts = (page) => page.$$eval('svg.map-svg text.label', (labels) => labels.map((l) => {
  const lines = [...l.querySelectorAll('tspan')].map((t) => t.textContent);
  return lines.length ? lines.join(' ') : l.textContent;
}));
