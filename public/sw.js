// The offline worker: after the first visit it keeps one build of the app and its data in ONE
// cache named by the build's version, so a page always gets a matching set (never old WASM
// with new data). Plain JS, same origin only; README "Offline and repeat visits" explains it.
//
// - Install: fetch every file of this build, check each against the SHA-256 the build step
//   wrote below (a host that already serves a newer deploy, or a stale CDN copy, fails the
//   install instead of filling the cache with a mix), then store them all. No skipWaiting:
//   the new worker waits until no page of the old one is open, so a page never changes
//   versions under its feet.
// - Activate: delete every other version's cache.
// - App navigations (the folder and index.html, any query) go to the network first; the page
//   that arrives says its version in <meta name="shizhong-version">. Only a page of this
//   worker's version gets the cached files; any other page gets the network, as with no
//   worker. With no network (or a 5xx), the saved index.html of this version is served.
// - `sw-status.json` is answered from the worker's own state: how the asking page's navigation
//   was served ("cache" = the saved copy). The page reads it; it never acts on postMessage.
// - Everything else (other origins, other folders such as `?data=` benchmarks, non-GET,
//   URLs with a query) is not touched: no respondWith, the browser goes to the network.
'use strict';

// Written by tools/sw-version.js after each build (this line only). `version: null` means
// switched off: the worker deletes its caches and unregisters itself.
const BUILD = {"version":null,"files":[]};

const PREFIX = 'shizhong-map-';
const CACHE = BUILD.version ? PREFIX + BUILD.version : null;
const here = (path) => new URL(path, self.location).href;
const INDEX = here('index.html');
const APP_PAGES = new Set([here('./'), INDEX]);
const STATUS = here('sw-status.json');
/** Absolute URL (no query) → the SHA-256 (hex) of the file this build cached. */
const FILES = new Map(BUILD.files.map((f) => [here(f.path), f.sha256]));
const VERSION_META = /<meta name="shizhong-version" content="([^"]*)"/;

/**
 * The pages whose navigation this worker answered (client id → { source, version }):
 * `source` is "network" or "cache"; `version` the page's own version, or a promise of it while
 * the page is still arriving. Only the newest few are kept.
 */
const pages = new Map();
const PAGES_KEPT = 64;

self.addEventListener('install', (event) => {
  event.waitUntil(CACHE ? precache() : self.skipWaiting());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(activate().catch((err) => console.warn('shizhong-map worker: activate', err)));
});

self.addEventListener('fetch', (event) => {
  if (!CACHE || event.request.method !== 'GET') return;
  const url = new URL(event.request.url);
  url.hash = '';
  if (event.request.mode === 'navigate') {
    if (APP_PAGES.has(url.origin + url.pathname)) event.respondWith(safely(navigate(event)));
    return;
  }
  if (url.href === STATUS) {
    event.respondWith(safely(status(event.clientId)));
    return;
  }
  if (!FILES.has(url.href)) return;
  const page = pages.get(event.clientId);
  // A page this worker did not open (or no longer remembers): the network, as with no worker.
  if (!page) return;
  if (page.version === BUILD.version) {
    event.respondWith(safely(fromCache(event.request, url.href)));
  } else if (page.version instanceof Promise) {
    event.respondWith(safely(page.version.then((v) =>
      v === BUILD.version ? fromCache(event.request, url.href) : fetch(event.request))));
  }
  // Otherwise another version's page: untouched.
});

/** Never an unhandled rejection: a failed answer is a network error, as without a worker. */
function safely(promise) {
  return promise.catch(() => Response.error());
}

async function precache() {
  const fetched = await Promise.all(BUILD.files.map(async ({ path, sha256 }) => {
    // no-cache: revalidate with the server, so the HTTP cache cannot hand back an older copy.
    const response = await fetch(here(path), { cache: 'no-cache' });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const digest = await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer());
    if (hex(digest) !== sha256) throw new Error(`${path}: not the file this build was made with`);
    return [here(path), response];
  }));
  try {
    const cache = await caches.open(CACHE);
    await Promise.all(fetched.map(([url, response]) => cache.put(url, response)));
  } catch (err) {
    await caches.delete(CACHE); // never leave half a version behind
    throw err;
  }
}

async function activate() {
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
  if (!CACHE) {
    await self.registration.unregister();
    return;
  }
  // The page's request starts while the worker wakes up (a repeat visit waits less).
  await self.registration.navigationPreload?.enable();
}

async function navigate(event) {
  let response = null;
  try {
    response = (await event.preloadResponse) ?? (await fetch(event.request));
  } catch {
    response = null; // no network
  }
  if (response && response.status < 500) {
    remember(event.resultingClientId, 'network', pageVersion(response.clone()));
    return response;
  }
  const saved = await openCache().then((c) => c.match(INDEX));
  if (saved) {
    remember(event.resultingClientId, 'cache', BUILD.version);
    return saved;
  }
  return response ?? Response.error();
}

/** The version a page says it is (null when it does not say: then it is not ours). */
async function pageVersion(response) {
  try {
    return VERSION_META.exec(await response.text())?.[1] ?? null;
  } catch {
    return null;
  }
}

function remember(clientId, source, version) {
  if (!clientId) return;
  const page = { source, version };
  if (version instanceof Promise) version.then((v) => { page.version = v; });
  pages.set(clientId, page);
  for (const id of pages.keys()) {
    if (pages.size <= PAGES_KEPT) break;
    pages.delete(id);
  }
}

/** This version's cache, opened once per worker start. */
let opened = null;
function openCache() {
  opened ??= caches.open(CACHE).catch((err) => {
    opened = null;
    throw err;
  });
  return opened;
}

async function fromCache(request, url) {
  const hit = await openCache().then((c) => c.match(url, { ignoreVary: true }));
  return hit ?? fetch(request);
}

async function status(clientId) {
  const page = pages.get(clientId);
  const body = {
    worker: BUILD.version,
    page: page ? { source: page.source, version: await page.version } : null,
  };
  return new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}
