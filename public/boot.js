// Starts the WASM app. A separate file (not an inline script) so the page runs under
// `script-src 'self'`. Trunk writes the hashed file names into this script's data attributes.

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

const tag = document.querySelector('script[data-wasm]');
try {
  const { default: init } = await import(tag.dataset.js);
  await init({ module_or_path: tag.dataset.wasm });
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
