// Starts the WASM app. A separate file (not an inline script) so the page runs under
// `script-src 'self'`. Trunk writes the hashed file names into this script's data attributes.
const tag = document.querySelector('script[data-wasm]');
try {
  const { default: init } = await import(tag.dataset.js);
  await init({ module_or_path: tag.dataset.wasm });
} catch (err) {
  console.error('shizhong-map failed to start', err);
  const boot = document.getElementById('boot');
  if (boot) {
    boot.textContent = '地图无法启动，请刷新页面。 The map could not start; please reload the page.';
    boot.setAttribute('role', 'alert');
  }
}
