// The two device profiles of the benchmark, the two pages it compares and the tiles page.
// BENCHMARKS.md ("What is measured") describes them; change both together.

/** Desktop: as in every run before the mobile profile, so old numbers stay comparable. */
const DESKTOP = {
  key: 'desktop',
  title: 'Desktop',
  describe: '1280×800, no throttling, loopback, files served uncompressed',
  context: { viewport: { width: 1280, height: 800 } },
  cpuSlowdown: 1,
  network: null,
  compress: false,
  full: { sizes: [1000, 10000, 50000], warmups: 1, loads: 10, gestures: 3, repeats: 4 },
  quick: { sizes: [1000], warmups: 0, loads: 1, gestures: 1, repeats: 1 },
};

/**
 * Mobile: a mid-tier phone on a slow mobile network, as issue 12 measures it. 390×844 CSS px
 * at device pixel ratio 3 (the phones of that size draw at 3×), touch; 4× CPU slowdown
 * (CDP Emulation.setCPUThrottlingRate); 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up
 * (CDP Network.emulateNetworkConditions); the server compresses (brotli or gzip, as the
 * browser asks). 50 000 markers are left out by default: over 1 MB of data at 1.6 Mbit/s
 * is a test of the network, not of the pages, and would add minutes.
 */
const MOBILE = {
  key: 'mobile',
  title: 'Mobile',
  describe: '390×844 at 3× pixel ratio with touch, 4× CPU slowdown, 150 ms RTT, 1.6 Mbit/s down / 750 kbit/s up, compressed responses',
  context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
  cpuSlowdown: 4,
  network: { latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
  compress: true,
  full: { sizes: [1000, 10000], warmups: 1, loads: 6, gestures: 2, repeats: 3 },
  quick: { sizes: [1000], warmups: 0, loads: 1, gestures: 0, repeats: 1 },
};

export const PROFILES = { desktop: DESKTOP, mobile: MOBILE };

/** Make the page behind `cdp` a `profile` one: its CPU slowdown and network (and no HTTP cache if asked). */
export async function emulate(cdp, profile, { cacheDisabled }) {
  await cdp.send('Network.enable');
  if (cacheDisabled) await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (profile.cpuSlowdown !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });
  if (profile.network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.network });
}

/** A page of a new `profile` context with no HTTP cache, as a new visitor's: for one diagnostic load. */
export async function coldPage(browser, profile) {
  const context = await browser.newContext(profile.context);
  const page = await context.newPage();
  await emulate(await context.newCDPSession(page), profile, { cacheDisabled: true });
  return page;
}

export const BENCH_DATA = 'bench-data';
export const LEAFLET_DIR = 'bench-leaflet';

/**
 * The pages. `marks` names the performance marks read for the first picture (`visible`) and
 * the live map (`interactive`); a missing mark fails the load. Leaflet's page draws and
 * answers gestures at the same moment, its one mark `map-drawn`.
 */
export const PAGES = {
  ours: {
    key: 'ours',
    name: 'ours',
    url: (base, data) => base + 'index.html' + (data === 'real' ? '' : `?data=${BENCH_DATA}/${data}/`),
    mapSelector: 'svg.map-svg',
    marks: { visible: 'map-visible', interactive: 'map-interactive' },
  },
  leaflet: {
    key: 'leaflet',
    name: 'Leaflet',
    url: (base, data) => base + `${LEAFLET_DIR}/index.html?data=` + (data === 'real' ? '../geodata/' : `../${BENCH_DATA}/${data}/`),
    mapSelector: '#map',
    marks: { visible: 'map-drawn', interactive: 'map-drawn' },
  },
};

/**
 * The third page: ours with the fixture tile basemap on (`bench`, bench/tiles.js; run.js adds
 * it to the snapshot's providers files). Kept out of PAGES on purpose: it runs only gesture
 * loads (as many per data set as the profile's gestures, alongside the first loads of the two
 * pages), no warm-up, no repeat visits, and is never in a load-time ratio against Leaflet; its
 * frames are compared with those of `ours` without tiles.
 */
export const TILES_PAGE = {
  ...PAGES.ours,
  key: 'tiles',
  name: 'ours + tiles',
  url: (base, data) => PAGES.ours.url(base, data) + '#basemap=bench',
  tiles: true,
};
