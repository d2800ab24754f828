// The benchmark's numbers into words: medians per page, the tables and the issue-12 (and
// issue-14 tiles) target lines of BENCHMARKS.md's generated block (bench/run.js writes it).
import { PAGES, PROFILES } from './profiles.js';
import { KINDS } from './measure.js';

export const FRAME_BUDGET_MS = 1000 / 60;

const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
export const median = (v) => quantile([...v].sort((a, b) => a - b), 0.5);
const spread = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), min: s[0], max: s[s.length - 1] };
};

/** Medians and totals of one page's loads and repeat pairs on one data set. */
export function summarise(page) {
  const ok = page.loads.filter((l) => !l.error);
  const frames = ok.flatMap((l) => l.gesture?.deltas ?? []).sort((a, b) => a - b);
  const longtasks = ok.flatMap((l) => l.gesture?.longtasks ?? []);
  const pairs = page.pairs.filter((p) => !p.error);
  const first = median(pairs.map((p) => p.first.interactive));
  const repeat = median(pairs.map((p) => p.repeat.interactive));
  return {
    loads: ok.length,
    failures: [...page.loads, ...page.pairs].filter((l) => l.error).map((l) => l.error),
    visible: spread(ok.map((l) => l.visible)),
    interactive: spread(ok.map((l) => l.interactive)),
    transferred: median(ok.map((l) => l.transferred)),
    frames: {
      gestures: ok.filter((l) => l.gesture).length,
      count: frames.length,
      p50: quantile(frames, 0.5),
      p95: quantile(frames, 0.95),
      max: frames[frames.length - 1],
      longtasks: longtasks.length,
      longtaskMax: longtasks.reduce((m, l) => Math.max(m, l.duration), 0),
    },
    loadLongtaskMax: median(ok.map((l) => Math.max(0, ...l.loadLongtasks))),
    jsHeap: median(ok.map((l) => l.jsHeap)),
    wasm: ok.some((l) => l.wasm !== null) ? median(ok.map((l) => l.wasm ?? 0)) : null,
    domNodes: median(ok.map((l) => l.domNodes)),
    repeat: {
      pairs: pairs.length,
      first,
      repeat,
      ratio: repeat / first,
      firstTransferred: median(pairs.map((p) => p.first.transferred)),
      repeatTransferred: median(pairs.map((p) => p.repeat.transferred)),
      repeatEncodings: pairs[0]?.repeat.encodings ?? {},
    },
    phases: medianPhases(ok.map((l) => l.phases)),
    repeatPhases: medianPhases(pairs.map((p) => p.repeat.phases)),
    errors: [...new Set([...ok, ...pairs.flatMap((p) => [p.first, p.repeat])].flatMap((l) => l.errors ?? []))].slice(0, 5),
  };
}

/** Per phase name, the median over the loads that have it. */
function medianPhases(list) {
  const names = [...new Set(list.flatMap((p) => Object.keys(p ?? {})))];
  return Object.fromEntries(names.map((n) => [n, median(list.filter((p) => p && n in p).map((p) => p[n]))]));
}

// ---------------------------------------------------------------- formatting

export const dataLabel = (d) => (d === 'real' ? 'real' : `${Number(d).toLocaleString('en')} markers`);
export const kb = (b) => (Number.isFinite(b) ? (b / 1024).toFixed(b < 10240 ? 1 : 0) : '–');
const mb = (b) => (b / 1048576).toFixed(1);
export const f1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–');
export const f0 = (v) => (Number.isFinite(v) ? v.toFixed(0) : '–');
const ratioOf = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
const ratio = (a, b) => (Number.isFinite(ratioOf(a, b)) ? `${ratioOf(a, b).toFixed(2)}×` : '–');
const range = (s) => `${f0(s.median)} (${f0(s.min)}–${f0(s.max)})`;
const encodings = (e) => Object.entries(e ?? {}).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`).join(', ');
const line = (cells) => `| ${cells.join(' | ')} |`;
const markdownTable = (head, rows) => [line(head), line(head.map((_, i) => (i < 2 ? '---' : '---:'))), ...rows.map(line)].join('\n');

/** The main table of one profile: one row per page and data set, then the ratio row. */
export function profileTable(profile, results, native) {
  const compressed = PROFILES[profile].compress;
  const head = ['data', 'page',
    compressed ? 'first view KB transferred' : 'first view KB raw / gzip / br',
    'map-visible ms median (min–max)', 'map-interactive ms median (min–max)',
    'repeat visit: map-interactive ms first → repeat (ratio)', 'repeat visit KB transferred (responses)',
    'frame ms p50 / p95 / max', 'long tasks in gesture: n (max ms)', 'JS heap MB', 'wasm mem MB', 'DOM nodes',
    ...(native ? ['native ms parse / validate / world / scene'] : [])];
  const rows = [];
  for (const [data, r] of results) {
    const nat = native?.find((n) => n.data === String(data));
    for (const key of Object.keys(PAGES)) {
      const s = r[key].summary;
      const b = r[key].bytes?.total;
      const rep = s.repeat;
      rows.push([
        dataLabel(data),
        PAGES[key].name,
        !b ? 'failed' : compressed ? kb(b.transferred) : `${kb(b.raw)} / ${kb(b.gzip)} / ${kb(b.brotli)}`,
        s.loads ? range(s.visible) + (s.failures.length ? ` ${s.failures.length} failed` : '') : 'failed',
        s.loads ? range(s.interactive) : 'failed',
        rep.pairs ? `${f0(rep.first)} → ${f0(rep.repeat)} (${ratio(rep.repeat, rep.first)})` : '–',
        rep.pairs ? `${kb(rep.repeatTransferred)} (${encodings(rep.repeatEncodings)})` : '–',
        s.frames.count ? `${f1(s.frames.p50)} / ${f1(s.frames.p95)} / ${f1(s.frames.max)}` : '–',
        s.frames.gestures ? `${s.frames.longtasks} (${f0(s.frames.longtaskMax)})` : '–',
        s.loads ? mb(s.jsHeap) : '–',
        s.wasm === null ? 'n/a' : mb(s.wasm),
        s.loads ? String(s.domNodes) : '–',
        ...(native ? [key === 'ours' && nat ? `${f1(nat.parse_ms)} / ${f1(nat.validate_ms)} / ${f1(nat.world_ms)} / ${f1(nat.scene_ms)}` : ''] : []),
      ]);
    }
    const o = r.ours.summary;
    const l = r.leaflet.summary;
    const ob = r.ours.bytes?.total;
    const lb = r.leaflet.bytes?.total;
    rows.push(['', '**ours / Leaflet**',
      compressed ? ratio(ob?.transferred, lb?.transferred) : ratio(ob?.gzip, lb?.gzip) + ' (gzip)',
      ratio(o.visible.median, l.interactive.median) + ' (of map-drawn)',
      ratio(o.interactive.median, l.interactive.median) + ' (of map-drawn)',
      ratio(o.repeat.repeat, l.repeat.repeat) + ' (repeat)',
      '',
      ratio(o.frames.p95, l.frames.p95) + ' (p95)',
      '',
      ratio(o.jsHeap + (o.wasm ?? 0), l.jsHeap) + ' (heap + wasm)',
      '', ratio(o.domNodes, l.domNodes), ...(native ? [''] : [])]);
  }
  return markdownTable(head, rows);
}

/** First-view bytes per kind: gzip -9 of the files (desktop), or as transferred (mobile). */
export function bytesTable(profile, results) {
  const compressed = PROFILES[profile].compress;
  const field = compressed ? 'transferred' : 'gzip';
  const unit = compressed ? 'KB transferred' : 'KB gzip';
  const head = ['data', 'page', ...KINDS.map((k) => `${k} ${unit}`), `total ${unit}`, 'files', ...(compressed ? ['served as'] : [])];
  const rows = [];
  for (const [data, r] of results) {
    for (const key of Object.keys(PAGES)) {
      const b = r[key].bytes;
      if (!b) continue;
      rows.push([dataLabel(data), PAGES[key].name, ...KINDS.map((k) => (b.byKind[k].files ? kb(b.byKind[k][field]) : '–')),
        kb(b.total[field]), String(b.total.files), ...(compressed ? [encodings(b.encodings)] : [])]);
    }
  }
  return markdownTable(head, rows);
}

/** The order in which the phases of our app's start happen (the columns that exist are shown). */
const PHASES = ['js-received', 'wasm-received', 'app-start', 'mounted', 'data-loaded', 'world-built', 'map-visible', 'map-interactive'];

/** Where our app's time goes: the medians of its marks (ms from navigation start), fresh and repeat. */
export function phasesTable(results) {
  const present = PHASES.filter((n) => [...results.values()].some((r) => Number.isFinite(r.ours.summary.phases[n])));
  const head = ['data', 'visit', ...present, 'Leaflet map-drawn'];
  const rows = [];
  for (const [data, r] of results) {
    const s = r.ours.summary;
    rows.push([dataLabel(data), 'fresh', ...present.map((n) => f0(s.phases[n])), f0(r.leaflet.summary.interactive.median)]);
    if (s.repeat.pairs) rows.push([dataLabel(data), 'repeat', ...present.map((n) => f0(s.repeatPhases[n])), f0(r.leaflet.summary.repeat.repeat)]);
  }
  return markdownTable(head, rows);
}

/**
 * Frames with the fixture tile basemap on (issue 14): our app's gesture frames without tiles
 * (the `ours` loads) and with them (the tiles page), per data set of one profile.
 */
export function tilesTable(results) {
  const head = ['data', 'ours, no tiles: frame ms p50 / p95 / max', 'ours + tiles: frame ms p50 / p95 / max',
    'p95 tiles / none', 'long tasks with tiles: n (max ms)', 'tile elements in gesture frames (min–max) → kept after',
    'tile requests per load (median)'];
  const frames = (f) => (f.count ? `${f1(f.p50)} / ${f1(f.p95)} / ${f1(f.max)}` : '–');
  const rows = [];
  for (const [data, r] of results) {
    if (!r.tiles) continue;
    const none = r.ours.summary.frames;
    const t = r.tiles.summary.frames;
    const ok = r.tiles.loads.filter((l) => !l.error && l.gesture);
    const inFrames = ok.map((l) => l.gesture.tilesInFrames).filter(Boolean);
    const failed = r.tiles.summary.failures.length;
    rows.push([dataLabel(data), frames(none), frames(t) + (failed ? ` (${failed} failed)` : ''), ratio(t.p95, none.p95),
      t.gestures ? `${t.longtasks} (${f0(t.longtaskMax)})` : '–',
      inFrames.length ? `${Math.min(...inFrames.map((x) => x.min))}–${Math.max(...inFrames.map((x) => x.max))} → ${f0(median(ok.map((l) => l.tiles.after)))}` : '–',
      ok.length ? f0(median(ok.map((l) => l.tiles.requests))) : '–']);
  }
  return markdownTable(head, rows);
}

// ---------------------------------------------------------------- targets

const verdict = (ok) => (ok === null ? 'not measured' : ok ? 'met' : 'NOT met');

/**
 * The issue-12 targets, one line each, from all profiles' results (a Map profile → Map data →
 * pages). A target whose profile or data set is not in the run says so.
 */
export function targets(all) {
  const out = [];
  const get = (profile, data) => all.get(profile)?.get(String(data));
  const vsLeaflet = (r, mark, limit) => {
    if (!r) return { text: 'not in this run', ok: null };
    const o = r.ours.summary[mark].median;
    const l = r.leaflet.summary.interactive.median;
    const x = ratioOf(o, l);
    return { text: `${f0(o)} vs ${f0(l)} ms = ${Number.isFinite(x) ? x.toFixed(2) + '×' : '–'}`, ok: Number.isFinite(x) ? x <= limit : null };
  };
  // Mobile: first picture and live map against Leaflet's map drawn (real data: what phones open).
  const mReal = get('mobile', 'real');
  const v = vsLeaflet(mReal, 'visible', 0.6);
  out.push(`- Mobile, real data: \`map-visible\` ≤ 0.6× Leaflet's map drawn: ${v.text} — ${verdict(v.ok)}`);
  const i = vsLeaflet(mReal, 'interactive', 1.3);
  out.push(`- Mobile, real data: \`map-interactive\` ≤ 1.3× Leaflet's: ${i.text} — ${verdict(i.ok)}`);
  // Desktop: live map no later than Leaflet's, real data and 1 000 markers.
  for (const data of ['real', '1000']) {
    const d = vsLeaflet(get('desktop', data), 'interactive', 1.0);
    out.push(`- Desktop, ${dataLabel(data)}: \`map-interactive\` ≤ 1.0× Leaflet's: ${d.text} — ${verdict(d.ok)}`);
  }
  // Bytes: the same files in every profile; gzip -9 of the served files, real data.
  const bytesReal = get('desktop', 'real')?.ours.bytes ?? get('mobile', 'real')?.ours.bytes;
  const wasm = bytesReal?.byKind.wasm.gzip;
  out.push(`- WASM ≤ 200 KB gzipped: ${bytesReal ? kb(wasm) + ' KB' : 'real data not in this run'} — ${verdict(bytesReal ? wasm <= 200 * 1024 : null)}`);
  const view = bytesReal?.total.gzip;
  out.push(`- Stretch: the whole first view ≤ 150 KB gzipped (real data): ${bytesReal ? kb(view) + ' KB' : 'not in this run'} — ${verdict(bytesReal ? view <= 150 * 1024 : null)}`);
  // Repeat visits, our page, real data, each profile.
  for (const profile of Object.keys(PROFILES)) {
    const r = get(profile, 'real')?.ours.summary.repeat;
    const ok = r?.pairs ? r.ratio <= 0.5 : null;
    out.push(`- ${PROFILES[profile].title}, real data: repeat visit \`map-interactive\` ≤ 0.5× the first visit's: `
      + (r?.pairs ? `${f0(r.repeat)} vs ${f0(r.first)} ms = ${r.ratio.toFixed(2)}×` : 'not in this run') + ` — ${verdict(ok)}`);
  }
  // No regression: frames and long tasks at 10 000 markers (desktop).
  const r10 = get('desktop', 10000);
  if (r10?.ours.summary.frames.count) {
    const f = r10.ours.summary.frames;
    const ok = f.p95 <= FRAME_BUDGET_MS + 0.5 && f.longtaskMax <= 50;
    out.push(`- No regression, desktop, 10 000 markers: p95 frame ≤ 16.7 ms and no long task > 50 ms while panning/zooming: p95 ${f1(f.p95)} ms, ${f.longtasks} long task(s), longest ${f0(f.longtaskMax)} ms — ${verdict(ok)}`);
  } else {
    out.push('- No regression: p95 frame ≤ 16.7 ms / no long task at 10 000 markers (desktop): not in this run — not measured');
  }
  // Issue 14: the same frame budget with the fixture tiles on (desktop, 10 000 markers).
  const t10 = r10?.tiles?.summary.frames;
  if (t10?.count) {
    const none = r10.ours.summary.frames.p95;
    out.push(`- Issue 14: p95 frame ≤ 16.7 ms with tiles on at 10 000 markers (desktop): p95 ${f1(t10.p95)} ms with tiles, ${f1(none)} ms without (${ratio(t10.p95, none)}), `
      + `${t10.longtasks} long task(s), longest ${f0(t10.longtaskMax)} ms — ${verdict(t10.p95 <= FRAME_BUDGET_MS + 0.5)}`);
  } else {
    out.push('- Issue 14: p95 frame ≤ 16.7 ms with tiles on at 10 000 markers (desktop): not in this run — not measured');
  }
  // Memory linear in markers (desktop; JS heap + wasm memory).
  const desktop = all.get('desktop');
  const ns = desktop ? [...desktop.keys()].filter((d) => d !== 'real' && desktop.get(d).ours.summary.loads).map(Number).sort((a, b) => a - b) : [];
  if (ns.length >= 3) {
    const mem = (n) => desktop.get(String(n)).ours.summary.jsHeap + (desktop.get(String(n)).ours.summary.wasm ?? 0);
    const slopes = ns.slice(1).map((n, k) => (mem(n) - mem(ns[k])) / (n - ns[k]));
    const ok = slopes.slice(1).every((s) => s <= Math.max(slopes[0], 0) * 1.25 + 64);
    out.push(`- No regression, memory (JS heap + wasm) linear in markers: bytes per added marker ${ns.slice(1).map((n, k) => `${ns[k]}→${n}: ${f0(slopes[k])}`).join(', ')} — ${verdict(ok)}`);
  } else {
    out.push('- No regression, memory linear in markers: needs three marker sizes on the desktop profile — not measured');
  }
  return out.join('\n');
}
