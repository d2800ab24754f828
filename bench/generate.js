#!/usr/bin/env node
// Benchmark data: the repository's real geodata/ plus one extra file, generated.geojson, with
// N point markers placed at random (seeded, so every run writes the same file) inside the
// district.
//
//   node bench/generate.js N OUTDIR
//
// OUTDIR gets manifest.json (the real manifest's files, then generated.geojson) and a copy of
// every real file. The points are valid per geodata/README.md: unique ids gen.000001…,
// name_zh/name_en, a category cycling through the six project categories, precision `site`,
// quote (any text: the app does not check quotes against the report), source_zh/_en, position_source_zh/_en. They are drawn
// uniformly from the district's bounding box and kept only when inside the district itself
// (the checker requires `site` projects to lie inside it), so they fill the district's shape.
// The checker also compares a project's declared `zone` and `in_belt` with its geometry (a
// missing `zone` counts as "no zone"), so each point gets the `zone` it lies in and
// `in_belt: true` when inside the belt corridor; points within ~1 m of any district, zone or
// belt border are skipped so that no rounding can put them on the other side.
// `cargo run --bin shizhong -- check OUTDIR` reports no errors for the output.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GEODATA = path.join(ROOT, 'geodata');
export const GENERATED_FILE = 'generated.geojson';
const SEED = 20260204;
const CATEGORIES = ['industry', 'innovation', 'services', 'land', 'renewal', 'public_service'];

/** mulberry32: a small, fast, seeded PRNG giving floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Polygons (arrays of rings) of a Polygon or MultiPolygon geometry. */
function polygonsOf(geometry) {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  throw new Error(`the district is a ${geometry.type}, not an area`);
}

function inRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the exterior ring and outside every hole of one of the polygons. */
function inPolygons(p, polygons) {
  return polygons.some(([outer, ...holes]) => inRing(p, outer) && !holes.some((h) => inRing(p, h)));
}

/** Squared distance from p to the segment a–b (in degrees², fine at this scale). */
function segDist2([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  const x = ax + t * dx - px;
  const y = ay + t * dy - py;
  return x * x + y * y;
}

/** Whether p lies within `eps` degrees of any ring edge of the polygons. */
function nearBorder(p, polygons, eps) {
  const e2 = eps * eps;
  for (const poly of polygons) for (const ring of poly) {
    for (let i = 1; i < ring.length; i++) if (segDist2(p, ring[i - 1], ring[i]) < e2) return true;
  }
  return false;
}

function bbox(polygons) {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygons) for (const [x, y] of poly[0]) {
    w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
  }
  return [w, s, e, n];
}

/** The real manifest's file list, the district, the zones and the belt corridor. */
export function realData(geodata = GEODATA) {
  const files = JSON.parse(fs.readFileSync(path.join(geodata, 'manifest.json'), 'utf8')).files;
  let district = null;
  let belt = null;
  const zones = [];
  const isArea = (g) => g && (g.type === 'Polygon' || g.type === 'MultiPolygon');
  for (const f of files) {
    const fc = JSON.parse(fs.readFileSync(path.join(geodata, f), 'utf8'));
    for (const x of fc.features) {
      const c = x.properties?.category;
      if (!isArea(x.geometry)) continue;
      if (c === 'district') district ??= x.geometry;
      if (c === 'belt') belt ??= x.geometry;
      if (c === 'zone') zones.push({ id: x.properties.id, polygons: polygonsOf(x.geometry) });
    }
  }
  if (!district) throw new Error('no district feature in geodata/');
  return { files, district, zones, belt };
}

/** About a metre, in degrees. */
const BORDER_EPS = 1e-5;

/** The generated FeatureCollection with `n` points inside the district of `data`. */
export function generatedCollection(n, { district, zones = [], belt = null }) {
  const polygons = polygonsOf(district);
  const beltPolygons = belt ? polygonsOf(belt) : [];
  const borders = [polygons, beltPolygons, ...zones.map((z) => z.polygons)];
  const [w, s, e, nn] = bbox(polygons);
  const random = mulberry32(SEED);
  const features = [];
  while (features.length < n) {
    // Six decimals (≈ 0.1 m); test the rounded point, which is the one written.
    const lon = Number((w + random() * (e - w)).toFixed(6));
    const lat = Number((s + random() * (nn - s)).toFixed(6));
    const p = [lon, lat];
    if (!inPolygons(p, polygons)) continue;
    if (borders.some((b) => nearBorder(p, b, BORDER_EPS))) continue;
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) throw new Error('outside WGS84');
    const i = features.length + 1;
    const num = String(i).padStart(6, '0');
    // Short property values: 50 000 features (≈ 20 MB) must stay under the loader's 32 MiB limit.
    const properties = {
      id: `gen.${num}`,
      name_zh: `生成点${i}`,
      name_en: `Point ${i}`,
      category: CATEGORIES[(i - 1) % CATEGORIES.length],
      precision: 'site',
      quote: `生成点${i}`,
      source_zh: 'bench/generate.js',
      source_en: 'bench/generate.js',
      position_source_zh: 'seeded random',
      position_source_en: 'seeded random',
    };
    const zone = zones.find((z) => inPolygons(p, z.polygons));
    if (zone) properties.zone = zone.id;
    if (beltPolygons.length && inPolygons(p, beltPolygons)) properties.in_belt = true;
    features.push({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: p } });
  }
  return { type: 'FeatureCollection', features };
}

/** Write the real files plus generated.geojson with `n` points into `outDir`. */
export function generate(n, outDir, geodata = GEODATA) {
  if (!Number.isInteger(n) || n < 0 || n > 999999) throw new Error(`bad marker count: ${n}`);
  const data = realData(geodata);
  const { files } = data;
  fs.mkdirSync(outDir, { recursive: true });
  for (const f of files) fs.copyFileSync(path.join(geodata, f), path.join(outDir, f));
  // One feature per line: readable, and far smaller than pretty-printed.
  const fc = generatedCollection(n, data);
  const body = '{"type":"FeatureCollection","features":[\n'
    + fc.features.map((f) => JSON.stringify(f)).join(',\n') + '\n]}\n';
  fs.writeFileSync(path.join(outDir, GENERATED_FILE), body);
  fs.writeFileSync(path.join(outDir, 'manifest.json'),
    JSON.stringify({ files: [...files, GENERATED_FILE] }) + '\n');
  return { files: [...files, GENERATED_FILE], bytes: Buffer.byteLength(body) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [n, outDir] = process.argv.slice(2);
  if (n === undefined || outDir === undefined) {
    console.error('usage: node bench/generate.js N OUTDIR');
    process.exit(2);
  }
  const { bytes } = generate(Number(n), path.resolve(outDir));
  console.log(`wrote ${outDir}: ${n} markers, ${GENERATED_FILE} ${bytes} bytes`);
}
