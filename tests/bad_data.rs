//! The bad-data corpus (`tests/bad-data/`, one line per file in its README): for each file,
//! `shizhong check` on a copy of `geodata/` with that file added to the manifest (or, for the
//! zones cases, listed instead of `zones.geojson`) must exit 1, name the file (and the feature
//! at fault) in its report, and still load every real file. The library is also fed each file
//! directly: it must return problems, never panic.

use shizhong_map::plan::json::Value;
use shizhong_map::plan::load::{load_file, MAX_FILE_BYTES};
use shizhong_map::plan::manifest::{Manifest, MANIFEST_FILE};
use shizhong_map::plan::validate::validate;
use shizhong_map::plan::Plan;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Generated at run time (too big to commit): a valid FeatureCollection padded past the limit.
const HUGE: &str = "47-huge.geojson";
/// Listed in the manifest but never written.
const ABSENT: &str = "48-missing.geojson";

/// Each case: the file, and what the report must say about it. Every string must appear in
/// an `error: FILE: …` line (so a feature's id and its message come together).
#[rustfmt::skip]
const CASES: &[(&str, &[&str])] = &[
    ("01-truncated.geojson", &["not valid GeoJSON: the file ends inside a string at line 2 column 300 (is the file cut short?)"]),
    ("02-trailing-garbage.geojson", &["not valid GeoJSON: text after the end of the top-level value at line 4 column 1"]),
    ("03-bom.geojson", &["byte-order mark (BOM)"]),
    ("04-bare-geometry.geojson", &["must be a FeatureCollection, found a bare Point geometry"]),
    ("05-single-feature.geojson", &["must be a FeatureCollection, found a single Feature"]),
    ("06-top-level-array.geojson", &["must be a FeatureCollection, found an array"]),
    ("07-features-not-array.geojson", &["`features` must be an array of features, found an object"]),
    ("08-feature-type-wrong.geojson", &["feature bad.feature-type-wrong: `type` is \"Placemark\""]),
    ("09-geometry-type-typo.geojson", &["feature bad.geometry-type-polygn: geometry: not a valid GeoJSON geometry: unknown type \"Polygn\" (known: Point,", "feature bad.geometry-type-lowercase: geometry: not a valid GeoJSON geometry: unknown type \"point\"; did you mean \"Point\"?"]),
    ("10-no-properties.geojson", &["feature bad.no-properties: feature has no properties"]),
    ("11-properties-not-object.geojson", &["feature bad.properties-not-object: `properties` must be an object, found an array"]),
    ("12-missing-id.geojson", &["feature #1: property `id` is missing"]),
    ("13-missing-name-zh.geojson", &["feature bad.missing-name-zh: property `name_zh` is missing"]),
    ("14-missing-name-en.geojson", &["feature bad.missing-name-en: property `name_en` is missing"]),
    ("15-missing-category.geojson", &["feature bad.missing-category: property `category` is missing"]),
    ("16-missing-precision.geojson", &["feature bad.missing-precision: property `precision` is missing"]),
    ("17-missing-source.geojson", &["feature bad.missing-source: property `source_zh` is missing", "feature bad.missing-source: property `source_en` is missing"]),
    ("18-id-not-string.geojson", &["feature #1: property `id` must be a string, found a number"]),
    ("19-name-not-string.geojson", &["feature bad.name-not-string: property `name_en` must be a string, found a number"]),
    ("20-in-belt-string.geojson", &["feature bad.in-belt-string: property `in_belt` must be true or false, found a string"]),
    ("21-unknown-category.geojson", &["feature bad.unknown-category: unknown category \"castle\""]),
    ("22-unknown-precision.geojson", &["feature bad.unknown-precision: unknown precision \"exact\""]),
    ("23-invalid-id.geojson", &["feature #1: id \"<script>alert(1)</script>\" must be 1–80 characters"]),
    ("24-duplicate-id-in-file.geojson", &["feature bad.twin: duplicate id: already used in 24-duplicate-id-in-file.geojson"]),
    ("25-duplicate-id-of-geodata.geojson", &["feature district.shizhong: duplicate id: already used in boundaries.geojson"]),
    ("26-duplicate-key.geojson", &["feature bad.duplicate-key: key `name_en` appears twice in `properties`"]),
    ("27-nan.geojson", &["not valid GeoJSON: expected a value at line 2 column 315", "NaN and Infinity are not JSON numbers"]),
    ("28-infinity.geojson", &["not valid GeoJSON: invalid number at line 2 column 327", "NaN and Infinity are not JSON numbers"]),
    ("29-number-overflow.geojson", &["not valid GeoJSON: number out of range at line 2 column 327", "1e999 is not a finite number"]),
    ("30-longitude-200.geojson", &["feature bad.longitude-200: geometry: position [200, 36.64] is outside WGS84"]),
    ("31-one-number-position.geojson", &["feature bad.one-number-position: geometry: a position has 1 number(s)"]),
    ("32-empty-coordinates.geojson", &["feature bad.empty-point: geometry: a position has 0 number(s); it needs longitude and latitude", "feature bad.empty-line: geometry: a line has 0 position(s)", "feature bad.empty-polygon: geometry: a polygon has no rings"]),
    ("33-empty-multipolygon.geojson", &["feature bad.empty-multipolygon: geometry: the MultiPolygon is empty"]),
    ("34-ring-three-points.geojson", &["feature bad.ring-three-points: geometry: a polygon ring has 3 position(s); it needs at least 4"]),
    ("35-zero-area-ring.geojson", &["feature bad.zero-area-ring: exterior ring encloses no area", "feature bad.zero-area-ring-reversed: exterior ring encloses no area"]),
    ("36-one-point-linestring.geojson", &["feature bad.one-point-linestring: geometry: a line has 1 position(s); it needs at least 2"]),
    ("37-bowtie.geojson", &["feature bad.bowtie: invalid geometry: exterior ring has a self-intersection"]),
    ("38-clockwise-ring.geojson", &["feature bad.clockwise-ring: exterior ring is clockwise"]),
    ("39-hole-counter-clockwise.geojson", &["feature bad.hole-counter-clockwise: hole 1 is counter-clockwise"]),
    ("40-unclosed-ring.geojson", &["feature bad.unclosed-ring: geometry: a polygon ring is not closed"]),
    ("41-geometry-collection.geojson", &["feature bad.geometry-collection: geometry: GeometryCollection is not supported"]),
    ("42-deep-nesting.geojson", &["not valid GeoJSON: arrays or objects nested more than 128 deep at line 1"]),
    ("43-gb18030.geojson", &["file is not valid UTF-8 (at byte 103, line 2)"]),
    ("44-utf16.geojson", &["file is not valid UTF-8: it is UTF-16"]),
    ("45-javascript-link.geojson", &["feature bad.javascript-link: link \"javascript:alert(document.cookie)\" is not an http(s) address"]),
    ("46-empty.geojson", &["file is empty"]),
    ("49-zone-missing.geojson", &["zones do not tile the district: a gap of 155.45 km² (54.10% of the district; the limit is 0.5%) lies in no zone (is a zone missing?)"]),
    ("50-zones-gap.geojson", &["zones do not tile the district: a gap of 3.06 km² (1.06% of the district; the limit is 0.5%) lies in no zone", "around 117.019, 36.613"]),
    ("51-zones-overlap.geojson", &["feature zone.centre: zones do not tile the district: it and zone.north overlap by 3.06 km² (1.06% of the district; the limit is 0.5%)"]),
    (HUGE, &["file is 33555456 bytes; the limit is 33554432"]),
    (ABSENT, &["could not be loaded: No such file or directory"]),
];

/// Cases that stand in for a real file (listed in the manifest in its place): zones files
/// that no longer tile the district.
const REPLACES: &[(&str, &str)] = &[
    ("49-zone-missing.geojson", "zones.geojson"),
    ("50-zones-gap.geojson", "zones.geojson"),
    ("51-zones-overlap.geojson", "zones.geojson"),
];

/// The real file a case stands in for, if it does.
fn replaced_by(case: &str) -> Option<&'static str> {
    REPLACES
        .iter()
        .find(|(c, _)| *c == case)
        .map(|(_, real)| *real)
}

/// Cases whose fault only shows once files are combined (a duplicate id, zones against the
/// district): `load_file` alone accepts them.
const NEEDS_OTHER_FILES: &[&str] = &[
    "24-duplicate-id-in-file.geojson",
    "25-duplicate-id-of-geodata.geojson",
    "49-zone-missing.geojson",
    "50-zones-gap.geojson",
    "51-zones-overlap.geojson",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_dir() -> PathBuf {
    repo().join("tests").join("bad-data")
}

/// The bytes of a case, or `None` for the file that must not exist.
fn case_bytes(file: &str) -> Option<Vec<u8>> {
    match file {
        ABSENT => None,
        HUGE => {
            let feature = r#"{"type":"Feature","properties":{"id":"bad.huge","name_zh":"坏数据","name_en":"Bad data","category":"landmark","precision":"site","source_zh":"tests/bad-data","source_en":"tests/bad-data","position_source_zh":"made up for the test","position_source_en":"made up for the test"},"geometry":{"type":"Point","coordinates":[116.98,36.64]}}"#;
            let head = format!(r#"{{"type":"FeatureCollection","features":[{feature}"#);
            let tail = "]}\n";
            let target = MAX_FILE_BYTES + 1024;
            let mut bytes = head.into_bytes();
            bytes.resize(target - tail.len(), b' ');
            bytes.extend_from_slice(tail.as_bytes());
            Some(bytes)
        }
        _ => Some(std::fs::read(corpus_dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))),
    }
}

/// The real data's manifest.
fn real_manifest() -> Manifest {
    Manifest::parse(&std::fs::read(repo().join("geodata").join(MANIFEST_FILE)).unwrap()).unwrap()
}

/// The real data's file names, in manifest order.
fn real_files() -> Vec<String> {
    real_manifest().files
}

/// The report's text the real manifest names.
fn report_text() -> String {
    let report = real_manifest()
        .report
        .expect("the manifest names the report");
    std::fs::read_to_string(repo().join("geodata").join(report)).unwrap()
}

/// A copy of geodata/ in a fresh temporary folder, with `extra` appended to the manifest, or
/// listed instead of the file it replaces (and written, unless it is the absent file).
fn data_dir_with(tag: &str, extra: Option<&str>) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shizhong-bad-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let Manifest {
        mut files, report, ..
    } = real_manifest();
    let report = report.expect("the manifest names the report");
    for f in files.iter().chain([&report]) {
        let to = dir.join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(repo().join("geodata").join(f), to).unwrap();
    }
    if let Some(extra) = extra {
        if let Some(bytes) = case_bytes(extra) {
            std::fs::write(dir.join(extra), bytes).unwrap();
        }
        match replaced_by(extra) {
            Some(real) => {
                let at = files.iter().position(|f| f == real).unwrap();
                files[at] = extra.to_string();
            }
            None => files.push(extra.to_string()),
        }
    }
    let files = files.into_iter().map(Value::String).collect();
    let manifest = Value::Object(
        [
            ("files".to_string(), Value::Array(files)),
            ("report".to_string(), Value::String(report)),
        ]
        .into_iter()
        .collect(),
    );
    let manifest = manifest.to_string();
    std::fs::write(dir.join(MANIFEST_FILE), manifest).unwrap();
    dir
}

/// Run `shizhong check DIR`: (exit code, stdout + stderr).
fn run_check(dir: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_shizhong"))
        .arg("check")
        .arg(dir)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

/// `N` from the report's last line, "N features checked: …".
fn features_checked(report: &str) -> usize {
    report
        .lines()
        .find_map(|l| l.split_once(" features checked"))
        .and_then(|(n, _)| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no feature count in:\n{report}"))
}

/// How many features the check must still load with `case` in: all the real ones, less those
/// of a file it replaces, plus its own.
fn expected_count(case: &str, clean_count: usize) -> usize {
    match replaced_by(case) {
        None => clean_count,
        Some(real) => {
            let count = |name: &str, dir: &Path| {
                load_file(name, &std::fs::read(dir.join(name)).unwrap())
                    .features
                    .len()
            };
            clean_count - count(real, &repo().join("geodata")) + count(case, &corpus_dir())
        }
    }
}

/// What is wrong with the report on one case, if anything.
fn judge(file: &str, want: &[&str], clean_count: usize, code: i32, report: &str) -> Vec<String> {
    let mut wrong = vec![];
    if code != 1 {
        wrong.push(format!("exit code {code}, want 1"));
    }
    let ours = format!("error: {file}: ");
    let problems: Vec<&str> = report
        .lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
        .collect();
    for w in want {
        if !problems
            .iter()
            .any(|l| l.starts_with(&ours) && l.contains(w))
        {
            wrong.push(format!("no `{ours}…` line contains {w:?}"));
        }
    }
    for l in &problems {
        let level_len = if l.starts_with("error: ") { 7 } else { 9 };
        if !l[level_len..].starts_with(&format!("{file}: ")) {
            wrong.push(format!("a problem names another file: {l}"));
        }
    }
    let n = features_checked(report);
    let expected = expected_count(file, clean_count);
    if n < expected {
        wrong.push(format!("only {n} features loaded; expected {expected}"));
    }
    wrong
}

#[test]
fn check_rejects_each_bad_file_and_still_loads_the_rest() {
    let clean = data_dir_with("clean", None);
    let (code, report) = run_check(&clean);
    assert_eq!(code, 0, "the clean copy must pass:\n{report}");
    let clean_count = features_checked(&report);
    assert!(clean_count > 50, "{report}");
    std::fs::remove_dir_all(clean).ok();

    // The CLI takes ~0.2 s a run: share the cases among a few threads.
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(vec![]);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(file, want)) = CASES.get(i) else {
                    break;
                };
                let dir = data_dir_with(&i.to_string(), Some(file));
                let (code, report) = run_check(&dir);
                let wrong = judge(file, want, clean_count, code, &report);
                if !wrong.is_empty() {
                    failures.lock().unwrap().push(format!(
                        "{file}:\n  {}\n--- report:\n{report}",
                        wrong.join("\n  ")
                    ));
                }
                std::fs::remove_dir_all(dir).ok();
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
}

#[test]
fn load_file_returns_problems_for_each_bad_file_and_never_panics() {
    let real: Vec<_> = real_files()
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(repo().join("geodata").join(&f)).unwrap();
            (f, bytes)
        })
        .collect();
    let mut failures = vec![];
    for &(file, want) in CASES {
        let Some(bytes) = case_bytes(file) else {
            continue; // ABSENT: a directory-level case, covered by the CLI test
        };
        let load = match std::panic::catch_unwind(|| load_file(file, &bytes)) {
            Ok(load) => load,
            Err(_) => {
                failures.push(format!("{file}: load_file panicked"));
                continue;
            }
        };
        let alone = load.problems.iter().any(|p| p.is_error());
        if alone == NEEDS_OTHER_FILES.contains(&file) {
            failures.push(format!(
                "{file}: load_file alone reported {}an error",
                if alone { "" } else { "no " }
            ));
        }
        // With the real data (for duplicate ids, or in place of the file it replaces), and
        // through every rule: on its own (the zone tiling over the real data is slow and the
        // CLI test covers it), or with the real data when it replaces a real file.
        let replaces = replaced_by(file);
        let plan = Plan::from_loads(
            real.iter()
                .filter(|(f, _)| Some(f.as_str()) != replaces)
                .map(|(f, b)| load_file(f, b))
                .chain(std::iter::once(load)),
        );
        let rules = match replaces {
            Some(_) => validate(&plan, Ok(&report_text())),
            None => validate(
                &Plan::from_loads([load_file(file, &bytes)]),
                Ok(&report_text()),
            ),
        };
        let problems: Vec<_> = plan.problems.iter().chain(&rules).collect();
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        for w in want {
            if !lines
                .iter()
                .any(|l| l.starts_with(&format!("error: {file}: ")) && l.contains(w))
            {
                failures.push(format!("{file}: no error contains {w:?}; got {lines:#?}"));
            }
        }
        if let Some(other) = problems.iter().find(|p| p.file != file) {
            failures.push(format!("{file}: a problem names another file: {other}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_corpus_file_has_a_case_and_a_readme_line() {
    let readme = std::fs::read_to_string(corpus_dir().join("README.md")).unwrap();
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".geojson"))
        .collect();
    on_disk.sort();
    let mut in_table: Vec<String> = CASES
        .iter()
        .map(|(f, _)| f.to_string())
        .filter(|f| f != HUGE && f != ABSENT)
        .collect();
    in_table.sort();
    assert_eq!(
        on_disk, in_table,
        "tests/bad-data/*.geojson and CASES differ"
    );
    assert!(!on_disk.iter().any(|f| f == HUGE || f == ABSENT));
    for (file, want) in CASES {
        assert!(!want.is_empty(), "{file}: no expected message");
        assert!(
            readme.contains(&format!("`{file}`")),
            "tests/bad-data/README.md has no line for {file}"
        );
        assert!(
            shizhong_map::plan::manifest::safe_file_name(file),
            "{file}: not a name the manifest accepts"
        );
    }
    assert!(CASES.len() >= 25, "the corpus must keep at least 25 cases");
}
