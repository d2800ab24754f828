#!/usr/bin/env node
// The benchmark: our app (dist/) against a minimal Leaflet 1.9 page drawing the same GeoJSON,
// with the real data and with 1 000 / 10 000 / 50 000 generated markers, on a desktop and a
// mobile profile (bench/profiles.js), plus the native pipeline (cargo bench --bench native).
// See BENCHMARKS.md for what is measured and how.
//
//   node bench/run.js            full run (many minutes); writes BENCHMARKS.md
//   node bench/run.js --quick    smoke run for CI (< 60 s): 1 000 markers only, both profiles,
//                                2 loads and 1 repeat pair each, no native bench; writes
//                                nothing unless --write
//
// Options: --profile desktop|mobile|all, --write / --no-write, --loads N (fresh loads per page
// and data set), --gestures N (how many of them also pan and zoom), --repeats N (first +
// repeat visit pairs), --sizes 1000,10000 (marker counts, every profile),
// --native / --no-native (the cargo bench; off by default with --quick), --json FILE (raw).
// Any failed load, failed response, page error or missing mark fails the run (exit 1, and
// BENCHMARKS.md is not written).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.js';
import { PAGES, TILES_PAGE, PROFILES, BENCH_DATA, LEAFLET_DIR } from './profiles.js';
import { timedLoad, repeatPair, sizeFiles, fileSizes, REVISIT_PAUSE_MS } from './measure.js';
import { serveStatic } from './server.js';
import { tileServer, addTileBasemap } from './tiles.js';
import { summarise, profileTable, bytesTable, phasesTable, tilesTable, targets, f1, f0 } from './report.js';
import { precompress } from '../tools/precompress.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
/** The largest data set that gets repeat visits (see benchData). */
const REPEAT_MAX_MARKERS = 10_000;
/** The quick run's pause between first and repeat visit (the full run: REVISIT_PAUSE_MS). */
const QUICK_PAUSE_MS = 500;

// ---------------------------------------------------------------- options

function parseArgs(argv) {
  const o = { quick: false, profile: 'all', write: null, loads: null, gestures: null, repeats: null, sizes: null, native: null, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--quick') o.quick = true;
    else if (a === '--profile') o.profile = value();
    else if (a === '--write') o.write = true;
    else if (a === '--no-write') o.write = false;
    else if (a === '--loads') o.loads = Number(value());
    else if (a === '--gestures') o.gestures = Number(value());
    else if (a === '--repeats') o.repeats = Number(value());
    else if (a === '--sizes') o.sizes = value().split(',').map(Number);
    else if (a === '--no-native') o.native = false;
    else if (a === '--native') o.native = true;
    else if (a === '--json') o.json = path.resolve(value());
    else if (a === '--help' || a === '-h') {
      console.log('usage: node bench/run.js [--quick] [--profile desktop|mobile|all] [--write|--no-write] [--loads N] [--gestures N] [--repeats N] [--sizes 1000,10000,50000] [--native|--no-native] [--json FILE]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (o.profile !== 'all' && !PROFILES[o.profile]) throw new Error(`--profile must be desktop, mobile or all, not ${o.profile}`);
  o.write ??= !o.quick;
  // The release build of the native bench alone can take minutes on a cold target/; CI
  // already runs it once as a smoke test (`cargo test --all-targets`).
  o.native ??= !o.quick;
  if (o.sizes?.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('bad --sizes');
  // Per profile: its defaults (bench/profiles.js), with the command line's values over them.
  o.profiles = (o.profile === 'all' ? Object.keys(PROFILES) : [o.profile]).map((key) => {
    const d = PROFILES[key][o.quick ? 'quick' : 'full'];
    const p = { key, sizes: o.sizes ?? d.sizes, warmups: d.warmups, pauseMs: o.quick ? QUICK_PAUSE_MS : REVISIT_PAUSE_MS, loads: o.loads ?? d.loads, gestures: Math.min(o.gestures ?? d.gestures, o.loads ?? d.loads), repeats: o.repeats ?? d.repeats };
    if (!(Number.isInteger(p.loads) && p.loads >= 1 && p.gestures >= 0 && Number.isInteger(p.repeats) && p.repeats >= 0)) {
      throw new Error('bad --loads/--gestures/--repeats');
    }
    p.datasets = o.quick ? p.sizes.map(String) : ['real', ...p.sizes.map(String)];
    return p;
  });
  return o;
}

const log = (...a) => console.error('[bench]', ...a);

// ---------------------------------------------------------------- set-up

function withToolPath(env = process.env) {
  const extra = [path.join(ROOT, 'node_modules/.bin'), path.join(os.homedir(), '.cargo/bin')];
  return { ...env, PATH: [...extra, env.PATH].join(path.delimiter) };
}

/**
 * Build dist/ from the checkout first, always: the results are stamped with the commit, so they
 * must be of its build, never of a dist/ left from an older one (trunk skips what is current).
 */
function ensureDist() {
  log('scripts/dev.sh build (the release build of this checkout into dist/)');
  const r = spawnSync('bash', ['scripts/dev.sh', 'build'], { cwd: ROOT, stdio: 'inherit', env: withToolPath() });
  if (r.status !== 0) throw new Error('scripts/dev.sh build failed');
}

/** Generated data into dist/bench-data/N/ (where the app can load it with ?data=…). */
function prepare(sizes) {
  for (const n of sizes) {
    const t = Date.now();
    const { bytes } = generate(n, path.join(DIST, BENCH_DATA, String(n)));
    log(`generated ${n} markers (${(bytes / 1e6).toFixed(1)} MB) in ${Date.now() - t} ms`);
  }
}

/**
 * The folder to serve: a snapshot of dist/ (with bench-data/) in a temporary folder, plus the
 * Leaflet page and leaflet.js/leaflet.css in bench-leaflet/, pre-compressed like the app's
 * files. A snapshot, so that every number of one run comes from one build even when someone
 * runs `trunk build` (which empties dist/) in the meantime.
 */
function snapshot(sizes, tiles) {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhong-bench-'));
  fs.cpSync(DIST, site, { recursive: true });
  if (!fs.existsSync(path.join(site, 'index.html'))) throw new Error('dist/ was emptied while copying it; run again');
  for (const n of sizes) {
    // dist/ may have been rebuilt (and bench-data/ removed) since prepare().
    const dir = path.join(site, BENCH_DATA, String(n));
    if (!fs.existsSync(path.join(dir, 'manifest.json'))) generate(n, dir);
  }
  addTileBasemap(site, sizes, tiles);
  const out = path.join(site, LEAFLET_DIR);
  fs.mkdirSync(out, { recursive: true });
  for (const f of ['index.html', 'main.js']) fs.copyFileSync(path.join(ROOT, 'bench/leaflet', f), path.join(out, f));
  for (const f of ['leaflet.js', 'leaflet.css']) {
    fs.copyFileSync(path.join(ROOT, 'node_modules/leaflet/dist', f), path.join(out, f));
  }
  precompress(out);
  return site;
}

function runNative(quick) {
  log(`cargo bench --bench native${quick ? ' -- --quick' : ''}`);
  const args = ['bench', '--bench', 'native', '--', '--json', ...(quick ? ['--quick'] : [])];
  const r = spawnSync('cargo', args, { cwd: ROOT, encoding: 'utf8', env: withToolPath(), maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    log('native benchmark failed:\n' + (r.stderr ?? '').split('\n').slice(-15).join('\n'));
    return null;
  }
  const line = r.stdout.split('\n').find((l) => l.startsWith('json: '));
  return line ? JSON.parse(line.slice(6)) : null;
}

// ---------------------------------------------------------------- one data set

const first = (e) => String(e).split('\n')[0];

async function benchData(browser, profile, servers, site, data, plan) {
  const tag = `${profile.key} · ${data}`;
  const result = Object.fromEntries(Object.values(PAGES).map((def) =>
    [def.key, { url: def.url('/', data), bytes: null, loads: [], pairs: [] }]));
  // The tiles page: only where this profile runs gestures (none: skipped, and said so).
  result.tiles = plan.gestures > 0 ? { url: TILES_PAGE.url('/', data), loads: [], pairs: [] } : null;
  // Untimed: the first load of a data set also pays for cold caches (disk, the server's
  // on-the-fly compression, the browser's first context).
  for (let i = 0; i < plan.warmups; i++) {
    for (const def of Object.values(PAGES)) {
      try {
        await timedLoad(browser, profile, def, def.url(servers.fresh.url, data), { gesture: false, quick: plan.quick });
      } catch (e) {
        result[def.key].loads.push({ error: `warm-up load: ${first(e)}` });
        log(`${tag} · ${def.name}: warm-up load FAILED: ${first(e)}`);
      }
    }
  }
  // Alternate the two pages so that drift on this shared machine hits both alike.
  for (let i = 0; i < plan.loads; i++) {
    for (const def of Object.values(PAGES)) {
      try {
        const l = await timedLoad(browser, profile, def, def.url(servers.fresh.url, data), { gesture: i < plan.gestures, quick: plan.quick, settle: i === 0 });
        result[def.key].loads.push(l);
        log(`${tag} · ${def.name}: load ${i + 1}/${plan.loads}: visible ${f0(l.visible)} ms, interactive ${f0(l.interactive)} ms, `
          + `${l.files.length} files, ${(l.transferred / 1024).toFixed(0)} KB transferred`
          + (l.gesture ? `, gesture ${l.gesture.deltas.length} frames, ${l.gesture.longtasks.length} long tasks` : ''));
      } catch (e) {
        result[def.key].loads.push({ error: `load ${i + 1}: ${first(e)}` });
        log(`${tag} · ${def.name}: load ${i + 1} FAILED: ${first(e)}`);
      }
    }
    // Beside the first loads of the two pages, so that drift hits its frames like theirs.
    if (i < plan.gestures) {
      try {
        const l = await timedLoad(browser, profile, TILES_PAGE, TILES_PAGE.url(servers.fresh.url, data), { gesture: true, quick: plan.quick, tileServer: servers.tiles.url });
        result.tiles.loads.push(l);
        const g = l.gesture;
        log(`${tag} · ${TILES_PAGE.name}: load ${i + 1}/${plan.gestures}: ${l.tiles.before} tiles ready at ${f0(l.tiles.readyAt)} ms, `
          + `gesture ${g.deltas.length} frames with ${g.tilesInFrames?.min}–${g.tilesInFrames?.max} tile elements, ${g.longtasks.length} long tasks; `
          + `${l.tiles.after} tile elements after, ${l.tiles.requests} tile requests`);
      } catch (e) {
        result.tiles.loads.push({ error: `load ${i + 1}: ${first(e)}` });
        log(`${tag} · ${TILES_PAGE.name}: load ${i + 1} FAILED: ${first(e)}`);
      }
    }
  }
  if (result.tiles) result.tiles.summary = summarise(result.tiles);
  // Repeat visits up to REPEAT_MAX_MARKERS: the 16 MB file of 50 000 markers is more than
  // the browser context's HTTP cache keeps, so its repeat visit downloads it again and
  // measures that limit, not the page.
  const repeats = data === 'real' || Number(data) <= REPEAT_MAX_MARKERS ? plan.repeats : 0;
  for (let i = 0; i < repeats; i++) {
    for (const def of Object.values(PAGES)) {
      try {
        const p = await repeatPair(profile, def, def.url(servers.revisit.url, data), plan.pauseMs);
        result[def.key].pairs.push(p);
        log(`${tag} · ${def.name}: repeat ${i + 1}/${repeats}: interactive ${f0(p.first.interactive)} → ${f0(p.repeat.interactive)} ms, `
          + `${(p.repeat.transferred / 1024).toFixed(1)} KB transferred again`);
      } catch (e) {
        result[def.key].pairs.push({ error: `repeat ${i + 1}: ${first(e)}` });
        log(`${tag} · ${def.name}: repeat ${i + 1} FAILED: ${first(e)}`);
      }
    }
  }
  for (const def of Object.values(PAGES)) {
    const r = result[def.key];
    // The first view's files: those of the first load, which waited for a quiet network.
    const firstLoad = r.loads.find((l) => !l.error && l.settled);
    if (firstLoad) {
      // Sizes after the loads, so that compressing cannot slow them down.
      const files = firstLoad.files.map((f) => ({ ...f, ...fileSizes(site, f.url) }));
      r.bytes = { ...sizeFiles(files), encodings: firstLoad.encodings, files };
    }
    r.summary = summarise(r);
  }
  return result;
}

// ---------------------------------------------------------------- BENCHMARKS.md

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

function writeMarkdown(block) {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  const wrapped = `${START}\n${block}\n${END}`;
  if (text && text.includes(START) && text.includes(END)) {
    text = text.slice(0, text.indexOf(START)) + wrapped + text.slice(text.indexOf(END) + END.length);
  } else {
    text = (text ?? '# Benchmarks\n\n') + '\n' + wrapped + '\n';
  }
  fs.writeFileSync(file, text);
  log('wrote BENCHMARKS.md');
}

function machine(chromiumVersion) {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    if (m) cpu = m[1].trim();
  } catch { /* not Linux */ }
  const version = (cmd, args) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8', env: withToolPath() });
    return r.status === 0 ? r.stdout.trim().split('\n')[0] : 'unknown';
  };
  const git = version('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']);
  const dirty = spawnSync('git', ['-C', ROOT, 'status', '--porcelain'], { encoding: 'utf8' }).stdout?.trim() ? ' (with uncommitted changes)' : '';
  return {
    cpu, cores: os.cpus().length, memGB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`, chromium: chromiumVersion, node: process.version,
    rustc: version('rustc', ['--version']), commit: git + dirty,
  };
}

const nativeTable = (native) => (native ? [
  '| data | features | problems | runs | parse | validate | world | scene | total (median) | fastest total |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...native.map((n) => `| ${n.data} | ${n.features} | ${n.problems} | ${n.runs} | ${f1(n.parse_ms)} | ${f1(n.validate_ms)} | ${f1(n.world_ms)} | ${f1(n.scene_ms)} | ${f1(n.total_ms)} | ${f1(n.fastest_total_ms)} |`),
].join('\n') : '(not run: `--no-native`, or `--quick` without `--native`)');

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  // The machine's load during the run, every 10 s: numbers from a busy machine mean little.
  const loadSamples = [os.loadavg()[0]];
  const sampler = setInterval(() => loadSamples.push(os.loadavg()[0]), 10_000);
  sampler.unref();
  ensureDist();
  const allSizes = [...new Set(opts.profiles.flatMap((p) => p.sizes))];
  prepare(allSizes);
  let t = Date.now();
  const native = opts.native ? runNative(opts.quick) : null;
  if (opts.native) log(`native benchmark: ${((Date.now() - t) / 1000).toFixed(0)} s (including any build)`);
  t = Date.now();

  const { launch } = await import('../e2e/harness.js');
  // One tile server for the whole run: its address is in the snapshot's providers files.
  const tiles = await tileServer();
  const site = snapshot(allSizes, tiles);
  const browser = await launch();
  const all = new Map(); // profile → Map data → pages ('real' first: a Map keeps the order)
  const served = {};
  let chromium = 'unknown';
  try {
    chromium = browser.version();
    for (const plan of opts.profiles) {
      const profile = PROFILES[plan.key];
      const servers = {
        fresh: await serveStatic(site, { compress: profile.compress, cache: 'no-store' }),
        revisit: await serveStatic(site, { compress: profile.compress, cache: 'revalidate' }),
        tiles,
      };
      try {
        const results = new Map();
        all.set(plan.key, results);
        for (const data of plan.datasets) results.set(data, await benchData(browser, profile, servers, site, data, { ...plan, quick: opts.quick }));
      } finally {
        served[plan.key] = { fresh: servers.fresh.stats, revisit: servers.revisit.stats };
        await servers.fresh.close();
        await servers.revisit.close();
      }
      log(`${plan.key}: served ${JSON.stringify(served[plan.key])}`);
    }
  } finally {
    await browser.close();
    await tiles.close();
    fs.rmSync(site, { recursive: true, force: true });
  }
  served.tiles = { tiles: tiles.stats.tiles, bytes: tiles.stats.bytes, errors: tiles.stats.errors.length };
  log(`browser benchmark: ${((Date.now() - t) / 1000).toFixed(0)} s; tile server: ${tiles.stats.tiles} tiles, ${(tiles.stats.bytes / 1e6).toFixed(1)} MB`);

  const sorted = [...loadSamples].sort((a, b) => a - b);
  const load = `1-min load average during the run: min ${sorted[0].toFixed(1)}, median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)}, max ${sorted[sorted.length - 1].toFixed(1)} (${os.cpus().length} cores)`;
  log(load);
  const mach = machine(chromium);
  const command = `node bench/run.js${process.argv.slice(2).length ? ' ' + process.argv.slice(2).join(' ') : ''}`;
  const sections = [];
  for (const plan of opts.profiles) {
    const profile = PROFILES[plan.key];
    const results = all.get(plan.key);
    sections.push(`### ${profile.title}: ${profile.describe}`, '',
      `${plan.loads} fresh loads per page and data set (gestures on the first ${plan.gestures}), ${plan.repeats} first + repeat visit pairs (up to ${REPEAT_MAX_MARKERS.toLocaleString('en')} markers).`, '',
      profileTable(plan.key, results, plan.key === 'desktop' ? native : null), '',
      `Where our app's time goes, ${plan.key} (medians, ms from navigation start; \`*-received\`: the file's last byte, then the app's own marks):`, '',
      phasesTable(results), '',
      ...(plan.gestures > 0
        ? [`Frames with tiles on (fixture PNG tiles), ${plan.key}: ours without tiles (its gesture loads above) and with \`#basemap=bench\` (${plan.gestures} gesture load(s) per data set):`, '', tilesTable(results)]
        : [`Frames with tiles on (fixture PNG tiles), ${plan.key}: not run (no gesture loads on this profile in this run).`]), '');
  }
  const goals = targets(all);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(sections.join('\n'));
  console.log('### Targets\n\n' + goals);
  // The tiles page, where it ran, beside the two pages (where it did not: r.tiles is null).
  const pagesOf = (r) => [...Object.values(PAGES), ...(r.tiles ? [TILES_PAGE] : [])];
  const errors = [...all].flatMap(([p, results]) => [...results].flatMap(([d, r]) => pagesOf(r).flatMap((def) =>
    [...r[def.key].summary.errors, ...r[def.key].summary.failures]
      .map((e) => `${p} · ${d} · ${def.name}: ${e}`))));
  errors.push(...tiles.stats.errors.map((e) => `tile server: ${e}`));
  if (errors.length) console.log('\nPage errors and failures:\n' + errors.map((e) => `- ${e}`).join('\n'));
  // Unmet targets are results; a load that failed, a mark that is missing or a native bench
  // that broke is a failure of the run.
  // The tiles page has no bytes of its own (it is not compared with Leaflet's): it fails the
  // run by a failed load, or by no gesture at all where it was meant to run.
  const broken = [...all.values()].some((results) => [...results.values()].some((r) => Object.values(PAGES).some((def) =>
    !r[def.key].bytes || r[def.key].summary.failures.length)
    || (r.tiles && (r.tiles.summary.failures.length || !r.tiles.summary.frames.gestures))))
    || tiles.stats.errors.length > 0
    || (opts.native && !native);

  if (opts.json) {
    const plain = Object.fromEntries([...all].map(([p, results]) => [p, Object.fromEntries(results)]));
    fs.writeFileSync(opts.json, JSON.stringify({ machine: mach, command, opts, native, served, results: plain }, (k, v) => (k === 'deltas' ? undefined : v), 1));
  }
  if (broken) {
    console.error('\n[bench] FAILED: see the failures above' + (opts.write ? '; BENCHMARKS.md not written' : ''));
    process.exitCode = 1;
    return;
  }
  if (opts.write) {
    writeMarkdown([
      `## Latest results`,
      '',
      `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
      `- Machine: ${mach.cpu}, ${mach.cores} cores, ${mach.memGB} GB RAM, ${mach.os}; ${load}`,
      `- Browser: headless Chromium ${mach.chromium}; Node ${mach.node}; ${mach.rustc}`,
      `- Code: commit ${mach.commit}`,
      `- Command: \`${command}\` (${seconds} s; repeat visits ${opts.profiles[0].pauseMs / 1000} s after the first)`,
      '',
      ...sections,
      '### Targets (issues 12 and 14)',
      '',
      goals,
      '',
      ...opts.profiles.flatMap((plan) => [`### First-view bytes by kind, ${plan.key} (${PROFILES[plan.key].compress ? 'as transferred over the emulated network: compressed bodies and headers' : 'gzip -9 of the files'})`, '', bytesTable(plan.key, all.get(plan.key)), '']),
      '### Native pipeline (ms, median)',
      '',
      nativeTable(native),
    ].join('\n'));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
