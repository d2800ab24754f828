// The Leaflet baseline: fetch the manifest and every file it lists (in parallel, like the app),
// draw them with L.geoJSON on Leaflet's default SVG renderer, fit the district, and mark
// 'map-drawn' one animation frame after the layers were added.
'use strict';

(async () => {
  const param = new URLSearchParams(location.search).get('data') ?? '../geodata/';
  const base = new URL(param, location.href);
  const manifest = await (await fetch(new URL('manifest.json', base))).json();
  const collections = await Promise.all(
    manifest.files.map(async (f) => (await fetch(new URL(f, base))).json()),
  );

  const map = L.map('map', { preferCanvas: false });
  const style = (f) => {
    const c = f.properties.category;
    if (c === 'district') return { color: '#333', weight: 2, fillColor: '#fffdf7', fillOpacity: 1 };
    if (c === 'neighbour') return { color: '#999', weight: 1, fillColor: '#e8e4da', fillOpacity: 1 };
    if (c === 'zone') return { color: '#6a8', weight: 1, fillOpacity: 0.15 };
    return { color: '#c63', weight: 2, fillOpacity: 0.2 };
  };
  // Points as SVG circles (Leaflet's default would be <img> markers, not the SVG renderer).
  const pointToLayer = (f, latlng) => L.circleMarker(latlng, {
    radius: 5, color: '#fff', weight: 1, fillColor: '#c63', fillOpacity: 1,
  });
  let district = null;
  for (const fc of collections) {
    const layer = L.geoJSON(fc, { style, pointToLayer }).addTo(map);
    layer.eachLayer((l) => {
      if (!district && l.feature?.properties?.category === 'district') district = l.getBounds();
    });
  }
  map.fitBounds(district ?? L.latLngBounds([[36.48, 116.81], [36.67, 117.16]]), { animate: false });
  requestAnimationFrame(() => {
    performance.mark('map-drawn');
    document.body.dataset.ready = 'true';
  });
  window.benchMap = map;
})().catch((e) => {
  console.error('leaflet baseline failed', e);
  document.body.dataset.ready = 'error';
});
