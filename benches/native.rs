//! Native pipeline benchmark: parse + validate + scene build, timed with `std::time::Instant`.
//!
//! ```sh
//! cargo bench --bench native               # real data and 1 000 / 10 000 / 50 000 markers
//! cargo bench --bench native -- --quick    # real data and 1 000 markers, short runs
//! cargo bench --bench native -- --json     # also print one `json: {...}` line (bench/run.js)
//! ```
//!
//! Data: `geodata/` and, for each size N, `dist/bench-data/N/` as written by
//! `node bench/generate.js N dist/bench-data/N` (bench/run.js does that). When that folder is
//! missing the points are generated here instead, with the same seeded PRNG and rules (inside
//! the district, declared `zone` and `in_belt` from the geometry), so the numbers are
//! comparable but the files are not byte-identical.
//!
//! Stages per data set, each timed on its own: **parse** (`load::load_file` for every file,
//! then `Plan::from_loads`), **validate** (`validate::validate`, quotes not checked),
//! **world** (`WorldPlan::new`) and **scene** (`scene::build` for the home view on a
//! 1280×800 screen, every layer, Chinese, light theme). Bytes are read from disk before the
//! clock starts. The table shows the median of the runs (as many as fit in a time budget,
//! at least 3) and the fastest total.
//!
//! Under `cargo test --all-targets` (no `--bench` argument) it runs once on small inputs as a
//! smoke test.

use geo::{Contains, Geometry, Point};
use shizhong_map::i18n::Lang;
use shizhong_map::plan::load::load_file;
use shizhong_map::plan::manifest::Manifest;
use shizhong_map::plan::{validate, Category, Plan};
use shizhong_map::scene::{self, layers::LayerSet, style::Theme, world::WorldPlan};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SIZES: [usize; 3] = [1_000, 10_000, 50_000];
/// Must match bench/generate.js.
const SEED: u32 = 20260204;
const CATEGORIES: [&str; 6] = [
    "industry",
    "innovation",
    "services",
    "land",
    "renewal",
    "public_service",
];

/// One data set: file names and their bytes.
struct DataSet {
    label: String,
    markers: usize,
    origin: &'static str,
    files: Vec<(String, Vec<u8>)>,
}

#[derive(Clone, Copy, Default)]
struct Run {
    parse: Duration,
    validate: Duration,
    world: Duration,
    scene: Duration,
}

impl Run {
    fn total(&self) -> Duration {
        self.parse + self.validate + self.world + self.scene
    }
}

struct Outcome {
    features: usize,
    problems: usize,
    shapes: usize,
    runs: Vec<Run>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_folder(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let manifest = std::fs::read(dir.join("manifest.json"))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let manifest = Manifest::parse(&manifest).unwrap_or_else(|e| panic!("{e}"));
    manifest
        .files
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap_or_else(|e| panic!("{f}: {e}"));
            (f, bytes)
        })
        .collect()
}

/// mulberry32, as in bench/generate.js.
struct Mulberry32(u32);

impl Mulberry32 {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6d2b_79f5);
        let mut t = self.0;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }
}

/// `generated.geojson` with `n` points, made from the real plan's district, zones and belt.
fn generate(n: usize, real: &Plan) -> Vec<u8> {
    let area = |c: Category| {
        real.of_category(c).find_map(|f| match &f.geometry {
            Some(g @ (Geometry::Polygon(_) | Geometry::MultiPolygon(_))) => Some(g.clone()),
            _ => None,
        })
    };
    let district = area(Category::District).expect("no district in geodata/");
    let belt = area(Category::Belt);
    let zones: Vec<(&str, &Geometry<f64>)> = real
        .of_category(Category::Zone)
        .filter_map(|z| Some((z.id.as_str(), z.geometry.as_ref()?)))
        .collect();
    let rect = geo::BoundingRect::bounding_rect(&district).expect("empty district");
    let round6 = |v: f64| (v * 1e6).round() / 1e6;
    let mut random = Mulberry32(SEED);
    let mut features = Vec::with_capacity(n);
    while features.len() < n {
        let lon = round6(rect.min().x + random.next() * rect.width());
        let lat = round6(rect.min().y + random.next() * rect.height());
        let p = Point::new(lon, lat);
        if !district.contains(&p) {
            continue;
        }
        let i = features.len() + 1;
        let category = CATEGORIES[(i - 1) % CATEGORIES.len()];
        let zone = zones
            .iter()
            .find(|(_, g)| g.contains(&p))
            .map_or(String::new(), |(id, _)| format!(r#","zone":"{id}""#));
        let belt = if belt.as_ref().is_some_and(|b| b.contains(&p)) {
            r#","in_belt":true"#
        } else {
            ""
        };
        features.push(format!(
            r#"{{"type":"Feature","properties":{{"id":"gen.{i:06}","name_zh":"生成点{i}","name_en":"Point {i}","category":"{category}","precision":"site","quote":"生成点{i}","source_zh":"bench/generate.js","source_en":"bench/generate.js","position_source_zh":"seeded random","position_source_en":"seeded random"{zone}{belt}}},"geometry":{{"type":"Point","coordinates":[{lon},{lat}]}}}}"#
        ));
    }
    format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[\n{}\n]}}\n",
        features.join(",\n")
    )
    .into_bytes()
}

fn parse_all(files: &[(String, Vec<u8>)]) -> Plan {
    Plan::from_loads(files.iter().map(|(name, bytes)| load_file(name, bytes)))
}

fn run_once(files: &[(String, Vec<u8>)]) -> (Run, usize, usize, usize) {
    let t = Instant::now();
    let plan = parse_all(files);
    let parse = t.elapsed();

    let t = Instant::now();
    // The geometric rules only, as before: the generated markers' quotes are not the report's,
    // and searching 10 kB of text for each of 50 000 of them would swamp what is measured.
    let unchecked = shizhong_map::plan::Problem::warning("benchmark", None, "quotes not checked");
    let problems = validate::validate(&plan, Err(unchecked));
    let validate = t.elapsed();
    // Not counted: the one warning saying that the quotes were not checked.
    let problem_count = plan.problems.len() + problems.len() - 1;
    let features = plan.features.len();

    let t = Instant::now();
    let world = WorldPlan::new(plan);
    let world_time = t.elapsed();

    let t = Instant::now();
    let view = world.home_view(1280.0, 800.0);
    let built = scene::build(&world, &view, LayerSet::ALL, Lang::Zh, Theme::Light, None);
    let scene_time = t.elapsed();
    let shapes = built.shapes.len();
    std::hint::black_box(&built);

    let run = Run {
        parse,
        validate,
        world: world_time,
        scene: scene_time,
    };
    (run, features, problem_count, shapes)
}

fn bench(data: &DataSet, budget: Duration, min_runs: usize, max_runs: usize) -> Outcome {
    let start = Instant::now();
    let mut runs = vec![];
    let mut last = (0, 0, 0);
    while runs.len() < min_runs || (start.elapsed() < budget && runs.len() < max_runs) {
        let (run, features, problems, shapes) = run_once(&data.files);
        runs.push(run);
        last = (features, problems, shapes);
    }
    Outcome {
        features: last.0,
        problems: last.1,
        shapes: last.2,
        runs,
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let has = |flag: &str| args.iter().any(|a| a == flag);
    // `cargo bench` passes --bench; `cargo test --all-targets` does not.
    let smoke = !has("--bench");
    let quick = smoke || has("--quick");
    let (budget, min_runs, max_runs) = if smoke {
        (Duration::ZERO, 1, 1)
    } else if quick {
        (Duration::from_millis(300), 3, 20)
    } else {
        (Duration::from_secs(3), 3, 50)
    };
    let sizes: &[usize] = if quick { &SIZES[..1] } else { &SIZES };

    let real_files = read_folder(&root().join("geodata"));
    let real_plan = parse_all(&real_files);
    let mut sets = vec![DataSet {
        label: "real".into(),
        markers: 0,
        origin: "geodata/",
        files: real_files.clone(),
    }];
    for &n in sizes {
        let dir = root().join("dist/bench-data").join(n.to_string());
        let (files, origin) = if dir.join("manifest.json").is_file() {
            (read_folder(&dir), "dist/bench-data/")
        } else {
            let mut files = real_files.clone();
            files.push(("generated.geojson".into(), generate(n, &real_plan)));
            (files, "generated here")
        };
        sets.push(DataSet {
            label: n.to_string(),
            markers: n,
            origin,
            files,
        });
    }

    println!(
        "native pipeline ({}; median of runs, ms)",
        if smoke {
            "smoke test: one run"
        } else if quick {
            "quick"
        } else {
            "full"
        }
    );
    println!(
        "| data | from | MB | features | problems | runs | parse | validate | world | scene | total | fastest total |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut json = vec![];
    for data in &sets {
        let out = bench(data, budget, min_runs, max_runs);
        let pick = |f: fn(&Run) -> Duration| median(out.runs.iter().map(f).collect());
        let (parse, validate, world, scene, total) = (
            pick(|r| r.parse),
            pick(|r| r.validate),
            pick(|r| r.world),
            pick(|r| r.scene),
            pick(Run::total),
        );
        let fastest = out.runs.iter().map(Run::total).min().unwrap_or_default();
        let mb = data.files.iter().map(|(_, b)| b.len()).sum::<usize>() as f64 / 1e6;
        println!(
            "| {} | {} | {:.2} | {} | {} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} |",
            data.label,
            data.origin,
            mb,
            out.features,
            out.problems,
            out.runs.len(),
            ms(parse),
            ms(validate),
            ms(world),
            ms(scene),
            ms(total),
            ms(fastest)
        );
        json.push(format!(
            r#"{{"data":"{}","markers":{},"origin":"{}","bytes":{},"features":{},"problems":{},"shapes":{},"runs":{},"parse_ms":{:.3},"validate_ms":{:.3},"world_ms":{:.3},"scene_ms":{:.3},"total_ms":{:.3},"fastest_total_ms":{:.3}}}"#,
            data.label,
            data.markers,
            data.origin,
            data.files.iter().map(|(_, b)| b.len()).sum::<usize>(),
            out.features,
            out.problems,
            out.shapes,
            out.runs.len(),
            ms(parse),
            ms(validate),
            ms(world),
            ms(scene),
            ms(total),
            ms(fastest)
        ));
    }
    if has("--json") {
        println!("json: [{}]", json.join(","));
    }
}
