// Starts the WASM app. A separate file (not an inline script) so the page runs under
// `script-src 'self'`. Trunk writes the hashed file names into this script's data attributes.
// It is render-blocking (`blocking="render"`, Trunk.toml): the page is first laid out and
// painted once this has run, so the picture below is in that first paint — one layout, not
// a loading note and then the picture. So nothing here may wait: no top-level await.

// The pre-rendered first view (src/tools/first_view.rs) is the plain home view in Chinese and
// the light theme: show it only for a link that asks for nothing else. Any other link (a view,
// a feature, a language, a theme, an embed) waits for the live map under the loading note.
const plain = location.search === '' && (location.hash === '' || location.hash === '#');
const dark = matchMedia('(prefers-color-scheme: dark)').matches;
if (dark) document.documentElement.classList.add('prefers-dark');
if (plain && !dark && document.querySelector('.first-view')) {
  document.documentElement.classList.add('first-view-on');
  // The picture is on screen from the next frame on.
  requestAnimationFrame(() => performance.mark('map-visible'));
}

// The data downloads start here, beside the WASM (preloaded from <head>, as is the JS glue):
// not from <head>, where the data downloads would share a slow link with the stylesheet
// and this script, which the picture waits for. The app only reads the data once the WASM
// runs, and its own requests for these files pick the downloads up. A link that names
// another data folder (`data=`) gets that folder's files, named by its manifest.
const tag = document.querySelector('script[data-wasm]');
// The WASM compiles while it downloads, from now on (init() would start it only once the JS
// glue has arrived and run). A server that does not send it as application/wasm makes this
// fail; init() then loads it the old way.
const compiled = WebAssembly.compileStreaming?.(fetch(tag.dataset.wasm)).catch(() => null);
const folder = linkedDataFolder();
if (folder) {
  preloadFolder(folder);
} else {
  const files = document.getElementById('boot')?.dataset.preload ?? '';
  for (const href of files.split(' ').filter(Boolean)) preload(href);
}

/**
 * The folder a `data=` link names (the last `data=`, query then fragment, as the app reads
 * the link), or null: no `data=`, or one the app will not load (it then loads `geodata/`).
 * The app's own rule (`state::safe_data_path`) decides what is loaded: this only decides what
 * to start downloading early, so a disagreement costs a download, never a different map.
 */
function linkedDataFolder() {
  const decode = (s) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  let folder = null;
  for (const part of [location.search, location.hash]) {
    for (const pair of part.slice(0, 4096).replace(/^[?#]/, '').split('&')) {
      const at = pair.indexOf('=');
      if (decode(at < 0 ? pair : pair.slice(0, at)) === 'data') {
        folder = decode(at < 0 ? '' : pair.slice(at + 1));
      }
    }
  }
  const safe = folder !== null && folder.length <= 200 && /^[A-Za-z0-9_.-][A-Za-z0-9/_.-]*\/$/.test(folder)
    && !folder.split('/').includes('..');
  return safe ? folder : null;
}

/**
 * Read a data folder's manifest, then start every file it names (as the build does for
 * `geodata/` from `data-preload`), the manifest itself again among them: this read used up
 * the first download, and the app asks for the manifest first.
 */
async function preloadFolder(folder) {
  try {
    const response = await fetch(`${folder}manifest.json`);
    if (!response.ok) return;
    const m = await response.json();
    // Once the app runs it asks for the files itself: a download started now would be a second one.
    if (performance.getEntriesByName('app-start').length > 0) return;
    const names = [...(Array.isArray(m.files) ? m.files : []), m.story, m.basemaps];
    preload(`${folder}manifest.json`);
    // Plain names only, as the app's manifest rule (`plan::manifest`) allows.
    const plain = (name) => typeof name === 'string' && /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(name);
    for (const name of names.filter(plain)) preload(folder + name);
  } catch {
    // The app reports a missing or broken manifest itself.
  }
}

function preload(href) {
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = href;
  document.head.append(link);
}

start();

/** Load the JS glue and the WASM and start the app (not awaited: see the top). */
async function start() {
  try {
    const { default: init } = await import(tag.dataset.js);
    await init({ module_or_path: (await compiled) ?? tag.dataset.wasm });
  } catch (err) {
    console.error('shizhong-map failed to start', err);
    const boot = document.getElementById('boot');
    if (boot) {
      document.documentElement.classList.remove('first-view-on');
      const note = boot.querySelector('.boot-loading') ?? boot;
      note.textContent = '地图无法启动，请刷新页面。 The map could not start; please reload the page.';
      note.setAttribute('role', 'alert');
    }
  }
}

// ---------------------------------------------------------------------------------------
// Offline and repeat visits (public/sw.js; README "Offline and repeat visits"). Once the map
// is drawn: register the worker, and say in a small status note when this page is the saved
// copy (asked of the worker: sw-status.json, answered from its own state) or the first visit
// of a new version (the build's version in <meta name="shizhong-version"> against the one
// this browser saw last). Nothing here can stop the map: every failure is only logged.
registerServiceWorker();

function registerServiceWorker() {
  const version = document.querySelector('meta[name="shizhong-version"]')?.content;
  // "dev" (not stamped by tools/sw-version.js) and "off" (switched off): no worker.
  if (!version || version === 'dev' || version === 'off') return;
  whenMapDrawn(async () => {
    try {
      const sw = navigator.serviceWorker; // throws in an opaque (sandboxed) origin
      if (!sw) return; // not a secure context
      let saved = false;
      if (sw.controller) {
        const status = await fetch('sw-status.json', { cache: 'no-store' });
        saved = status.ok && (await status.json())?.page?.source === 'cache';
      }
      if (saved) {
        await showNote('离线：正在显示已保存的版本。', 'Offline: showing the saved copy.');
      } else if (seenVersion(version)) {
        await showNote('地图已更新到最新版本。', 'The map has been updated.', 'sw-note-updated');
      }
      performance.mark('sw-checked'); // the notes are final (tests wait for this)
      await sw.register('sw.js');
    } catch (err) {
      console.warn('shizhong-map: offline copy unavailable', err);
    }
  });
}

/** Run `then` once the live map is drawn (its performance mark), so nothing competes with it. */
function whenMapDrawn(then) {
  const names = ['map-interactive', 'map-drawn'];
  let done = false;
  const observer = new PerformanceObserver((list, obs) => {
    if (done || !list.getEntries().some((e) => names.includes(e.name))) return;
    done = true;
    obs.disconnect();
    then();
  });
  observer.observe({ type: 'mark', buffered: true });
}

/** Remember `version`; true when this browser last ran another one (an update arrived). */
function seenVersion(version) {
  try {
    const key = 'shizhong-map:version';
    const last = localStorage.getItem(key);
    localStorage.setItem(key, version);
    return last !== null && last !== version;
  } catch {
    return false; // no storage (private mode, sandbox): no notice
  }
}

/** A small bilingual note over the map's lower edge, announced politely. */
function showNote(zh, en, extraClass) {
  const note = document.createElement('p');
  note.className = extraClass ? `sw-note ${extraClass}` : 'sw-note';
  note.setAttribute('role', 'status');
  (document.querySelector('.map-area') ?? document.body).append(note);
  // Filled after insertion, so screen readers announce it as a change of the live region.
  return new Promise((done) => requestAnimationFrame(() => {
    const english = document.createElement('span');
    english.lang = 'en';
    english.textContent = en;
    note.append(`${zh} `, english);
    done();
  }));
}
