// Stamps the offline worker of a built site with the build's version (README "Offline and
// repeat visits"). Run by the trunk post_build hook on the staging folder, after every step
// that writes files and before pre-compression:
//
//   node tools/sw-version.js DIR        DIR defaults to $TRUNK_STAGING_DIR
//
// The worker caches: every file at the top of DIR (index.html, boot.js, the hashed JS, WASM
// and CSS trunk wrote, icon.svg, embed.js, preview.png, manifest.webmanifest), `icons/` and
// `snippets/` (wasm-bindgen's JS snippets, when there are any), and from `geodata/` the
// manifest and every file it lists (its `files`, its `story` and its `basemaps`). Not
// cached: sw.js itself, the .gz and .br variants, dot-files, any other folder (`geodata/sources/`, which only `shizhong check` reads;
// benchmark data and the like).
//
// The version is a SHA-256 over the paths and contents of those files and of the worker's
// own code, so any change of the app, the data or the worker makes a new version. It is
// written into sw.js (the `const BUILD = …;` line, with each file's SHA-256 for the worker's
// integrity check) and into index.html (`<meta name="shizhong-version">`). Running it again
// on its own output gives the same bytes, so it can be re-run on a copy of a deployed site.
//
// Switched off — SHIZHONG_OFFLINE=off, or a debug build (trunk serve) unless
// SHIZHONG_OFFLINE=on: sw.js becomes the worker that deletes its caches and unregisters
// itself, and index.html says "off", so boot.js registers nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const BUILD_LINE = /^const BUILD = .*;$/m;
const META = /(<meta name="shizhong-version" content=")([^"]*)(">)/;
const UNSTAMPED_BUILD = 'const BUILD = {"version":null,"files":[]};';
const UNSTAMPED_META = 'dev';
const APP_FOLDERS = ['icons', 'snippets'];

function fail(message) {
  console.error(`sw-version: ${message}`);
  process.exit(1);
}

function read(dir, rel) {
  const file = path.join(dir, rel);
  if (!fs.existsSync(file)) fail(`${file} is missing`);
  return fs.readFileSync(file);
}

/** Every file under `dir/rel`, as forward-slash paths relative to `dir`, skipping dot-files. */
function walk(dir, rel) {
  const full = path.join(dir, rel);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(dir, child) : [child];
  });
}

const compressed = (p) => p.endsWith('.gz') || p.endsWith('.br');

/** The paths the worker caches, sorted. */
export function appFiles(dir) {
  const top = fs.readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.') && e.name !== 'sw.js')
    .map((e) => e.name);
  const folders = APP_FOLDERS.flatMap((f) => walk(dir, f));
  let manifest;
  try {
    manifest = JSON.parse(read(dir, 'geodata/manifest.json'));
  } catch (err) {
    fail(`geodata/manifest.json: ${err.message}`);
  }
  if (!Array.isArray(manifest.files)) fail('geodata/manifest.json has no "files" list');
  // The guided story and the basemap providers, when the manifest names them, are data the
  // page fetches too.
  const named = [manifest.story, manifest.basemaps].filter((f) => typeof f === 'string');
  const data = ['manifest.json', ...manifest.files, ...named].map((f) => `geodata/${f}`);
  for (const f of data) read(dir, f); // a listed file that is missing fails the build here
  const all = [...top, ...folders, ...data].filter((p) => !compressed(p));
  return [...new Set(all)].sort();
}

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

export function stamp(dir, { off = false } = {}) {
  const swSource = read(dir, 'sw.js').toString('utf8');
  const html = read(dir, 'index.html').toString('utf8');
  if (!BUILD_LINE.test(swSource)) fail(`${dir}/sw.js has no "const BUILD = …;" line`);
  if (!META.test(html)) fail(`${dir}/index.html has no <meta name="shizhong-version" content="…">`);
  if (off) {
    write(dir, 'sw.js', swSource.replace(BUILD_LINE, UNSTAMPED_BUILD));
    write(dir, 'index.html', html.replace(META, '$1off$3'));
    return { version: null, files: [] };
  }

  // The version: everything as it was before stamping, so a re-run gives the same one.
  const files = appFiles(dir);
  const unstamped = {
    'index.html': Buffer.from(html.replace(META, `$1${UNSTAMPED_META}$3`)),
    'sw.js': Buffer.from(swSource.replace(BUILD_LINE, UNSTAMPED_BUILD)),
  };
  const hash = crypto.createHash('sha256');
  for (const f of [...files, 'sw.js']) {
    const bytes = unstamped[f] ?? read(dir, f);
    hash.update(`${f}\0${bytes.length}\0`).update(bytes);
  }
  const version = hash.digest('hex').slice(0, 20);

  write(dir, 'index.html', html.replace(META, `$1${version}$3`));
  const list = files.map((f) => ({ path: f, sha256: sha256(read(dir, f)) }));
  const build = `const BUILD = ${JSON.stringify({ version, files: list })};`;
  write(dir, 'sw.js', swSource.replace(BUILD_LINE, () => build));
  return { version, files: list };
}

function write(dir, rel, text) {
  fs.writeFileSync(path.join(dir, rel), text);
}

function main() {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) fail('usage: node tools/sw-version.js DIR (or set TRUNK_STAGING_DIR)');
  const setting = process.env.SHIZHONG_OFFLINE;
  if (setting && setting !== 'on' && setting !== 'off') fail(`SHIZHONG_OFFLINE=${setting}: on or off`);
  const off = setting ? setting === 'off' : process.env.TRUNK_PROFILE === 'debug';
  const { version, files } = stamp(path.resolve(dir), { off });
  if (!version) {
    console.log('sw-version: offline copy switched off (the worker unregisters itself)');
  } else {
    const bytes = files.reduce((n, f) => n + fs.statSync(path.join(dir, f.path)).size, 0);
    console.log(`sw-version: ${version}, ${files.length} files (${(bytes / 1024).toFixed(0)} KiB) for the offline copy`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
