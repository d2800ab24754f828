//! Property tests (proptest) for the parts of the core that take untrusted input:
//!
//! * (a) `plan::load::load_file` — arbitrary bytes, arbitrary JSON values, GeoJSON-shaped
//!   values with hostile properties and geometries, and mutated copies of the real
//!   `geodata/` files (byte flips, insertions, deletions, truncations, and digit and letter
//!   changes that keep the JSON valid): it never panics, and
//!   every problem it returns names the file it was given.
//! * (b) `state::AppState::from_url` — arbitrary strings (unicode, percent escapes, URL-shaped
//!   tokens, inputs of 100 000+ characters): it never panics and always gives a valid state;
//!   and `from_url("", &s.to_fragment()) == s` for every generated valid state.
//! * (c) `geometry::viewport::Viewport` — every method, fed arbitrary `f64`s including NaN,
//!   ±∞, ±`f64::MAX` and subnormals: it never panics, and every viewport it returns has a
//!   finite centre inside the world, a finite zoom inside the allowed range and a finite size.
//! * (d) `geometry::datum` — GCJ-02 ↔ WGS84 round trips stay within 1 m in both directions
//!   everywhere in the GCJ-02 box (`datum::in_china`) but a 0.02° strip along its edges,
//!   where they cannot: there the error stays bounded by the offset itself
//!   (`datum_round_trip_at_the_box_edge`).
//!
//! Each property runs a fixed number of cases (the `*_CASES` constants below, passed to
//! `ProptestConfig::with_cases`, which `PROPTEST_CASES` does not override) and prints how many
//! it ran; see the counts with
//!
//! ```sh
//! cargo test --test properties -- --nocapture
//! ```
//!
//! The seed is random on each run (set `PROPTEST_RNG_SEED=N` to replay one); failures are not
//! persisted to files (`failure_persistence: None`), so a run never writes into the tree.

use geo::{coord, Coord, Rect};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Map, Value};
use shizhong_map::geometry::datum::{gcj02_to_wgs84, in_china, wgs84_to_gcj02};
use shizhong_map::geometry::mercator::WORLD_SIZE;
use shizhong_map::geometry::viewport::{Viewport, MAX_ZOOM, MIN_ZOOM};
use shizhong_map::i18n::Lang;
use shizhong_map::math;
use shizhong_map::plan::load::{load_file, valid_id, FileLoad};
use shizhong_map::plan::manifest::{Manifest, MANIFEST_FILE};
use shizhong_map::plan::schema::PROPERTIES;
use shizhong_map::plan::Category;
use shizhong_map::scene::layers::LayerSet;
use shizhong_map::scene::style::Theme;
use shizhong_map::state::{safe_data_path, AppState, EmbedOptions, ThemeChoice, UrlView};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------
// Case counts: fixed, so the number of fuzz inputs a run tried is known. Together they run
// 12 650 cases in about 10 s in a debug build on 2 cores.

/// (a) Arbitrary bytes into `load_file`.
const BYTES_CASES: u32 = 2_000;
/// (a) Arbitrary JSON values (any shape), serialised, into `load_file`.
const JSON_CASES: u32 = 1_000;
/// (a) GeoJSON-shaped FeatureCollections with hostile properties and geometries.
const GEOJSON_CASES: u32 = 600;
/// (a) Mutated copies of the real `geodata/*.geojson` files.
const MUTATION_CASES: u32 = 1_000;
/// (b) Arbitrary strings (any unicode) as `search` and `hash`.
const URL_ANY_CASES: u32 = 2_000;
/// (b) URL-shaped strings built from the keys, values and escapes the parser knows.
const URL_SHAPED_CASES: u32 = 1_000;
/// (b) Huge inputs (100 000 – 400 000 characters).
const URL_HUGE_CASES: u32 = 50;
/// (b) Generated valid states, round-tripped through the fragment.
const ROUND_TRIP_CASES: u32 = 1_000;
/// (c) Viewport methods on arbitrary f64 inputs.
const VIEWPORT_CASES: u32 = 2_000;
/// (d) GCJ-02 ↔ WGS84 round trips across the GCJ-02 box.
const DATUM_CASES: u32 = 2_000;

fn config(cases: u32) -> Config {
    Config {
        failure_persistence: None,
        ..Config::with_cases(cases)
    }
}

/// Counts the cases each property ran and prints the total when the property ends.
struct Counter {
    name: &'static str,
    n: AtomicUsize,
}

impl Counter {
    const fn new(name: &'static str) -> Self {
        Counter {
            name,
            n: AtomicUsize::new(0),
        }
    }
    fn tick(&self) {
        self.n.fetch_add(1, Ordering::Relaxed);
    }
    fn report(&self) {
        println!(
            "fuzz inputs run: {} — {}",
            self.n.load(Ordering::Relaxed),
            self.name
        );
    }
}

/// Runs a property, then prints its count (also when it failed, before the panic goes on).
fn counted(counter: &Counter, run: impl FnOnce()) {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(run));
    counter.report();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

// ---------------------------------------------------------------------------------------
// (a) load_file

/// The name every fuzzed file is loaded under: every problem must carry it.
const FILE: &str = "fuzz-case.geojson";

fn check_problems_name_the_file(load: &FileLoad, file: &str) -> Result<(), TestCaseError> {
    for p in &load.problems {
        prop_assert_eq!(&p.file, file, "problem names another file: {}", p);
        let line = p.to_string();
        prop_assert!(line.contains(file), "problem text lacks the file: {}", line);
    }
    for f in &load.features {
        prop_assert_eq!(&f.file, file);
    }
    Ok(())
}

/// The real data, read once: (file name, bytes).
fn real_files() -> &'static [(String, Vec<u8>)] {
    static FILES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("geodata");
        let manifest = Manifest::parse(&std::fs::read(dir.join(MANIFEST_FILE)).unwrap()).unwrap();
        manifest
            .files
            .into_iter()
            .map(|f| {
                let bytes = std::fs::read(dir.join(&f)).unwrap();
                (f, bytes)
            })
            .collect()
    })
}

/// Keys and strings the loader looks for, so random values reach deep into it.
const VOCAB: &[&str] = &[
    "type",
    "FeatureCollection",
    "Feature",
    "features",
    "properties",
    "geometry",
    "coordinates",
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
    "geometries",
    "id",
    "name_zh",
    "name_en",
    "name_pinyin",
    "category",
    "precision",
    "site",
    "approximate",
    "none",
    "source_zh",
    "source_en",
    "quote",
    "position_source_zh",
    "position_source_en",
    "link",
    "value",
    "display_zh",
    "display_en",
    "short_zh",
    "short_en",
    "description_zh",
    "description_en",
    "uncertainty_m",
    "in_belt",
    "zone",
    "schematic",
    "district",
    "landmark",
    "zone.north",
    "javascript:alert(1)",
    "https://example.com/",
    "<script>window.__pwned=1</script>",
    "",
    " ",
    "\u{feff}",
    "\u{202e}",
    "\u{0}",
    "市中区",
];

fn json_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        (-200.0f64..200.0).prop_map(Value::from),
        prop::sample::select(vec![
            0.0, -0.0, 1e308, -1e308, 5e-324, 116.99, 36.65, 180.0, 90.0
        ])
        .prop_map(Value::from),
    ]
}

fn json_string() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(VOCAB).prop_map(str::to_string),
        ".{0,24}",
        any::<String>(),
    ]
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        json_number(),
        json_string().prop_map(Value::String),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(8, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((json_string(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A position: mostly plausible longitude/latitude, sometimes anything.
fn position() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => (116.8f64..117.1, 36.4f64..36.7).prop_map(|(x, y)| json!([x, y])),
        2 => prop::collection::vec(json_number(), 0..4).prop_map(Value::Array),
        1 => json_leaf(),
    ]
}

/// Coordinates nested 0–3 deep around positions, as Point … MultiPolygon want.
fn coordinates() -> impl Strategy<Value = Value> {
    position().prop_recursive(3, 200, 12, |inner| {
        prop::collection::vec(inner, 0..12).prop_map(|mut v| {
            // Close rings half the time, so polygon checks beyond "not closed" run too.
            if v.len() > 2 && v[0] != v[v.len() - 1] && v.len() % 2 == 0 {
                let first = v[0].clone();
                v.push(first);
            }
            Value::Array(v)
        })
    })
}

fn geometry() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Null),
        8 => (
            prop::sample::select(&VOCAB[7..14]),
            coordinates(),
        )
            .prop_map(|(t, c)| json!({"type": t, "coordinates": c})),
        1 => json_value(),
    ]
}

/// A property value: usually a plausible one for its key, sometimes anything.
fn property(key: &'static str) -> BoxedStrategy<Value> {
    let plausible: BoxedStrategy<Value> = match key {
        "id" => prop_oneof![
            "[a-z]{1,8}\\.[a-z0-9_-]{1,12}".prop_map(Value::String),
            Just(json!("district.shizhong")),
            Just(json!("<script>alert(1)</script>")),
            Just(json!("x".repeat(81))),
        ]
        .boxed(),
        "category" => prop::sample::select(Category::ALL)
            .prop_map(|c| json!(c.code()))
            .boxed(),
        "precision" => prop::sample::select(vec!["site", "approximate", "none", "exact"])
            .prop_map(|p| json!(p))
            .boxed(),
        "link" => prop::sample::select(vec![
            "https://example.com/",
            "http://x",
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " https://x",
            "data:text/html,<script>alert(1)</script>",
            "//evil.example/",
        ])
        .prop_map(|l| json!(l))
        .boxed(),
        "in_belt" | "schematic" | "target" | "clipped_to_map_extent" => {
            any::<bool>().prop_map(Value::Bool).boxed()
        }
        "uncertainty_m" | "value" => json_number().boxed(),
        _ => json_string().prop_map(Value::String).boxed(),
    };
    prop_oneof![6 => plausible, 1 => json_value()].boxed()
}

/// Every key of the schema, and one it does not know.
fn property_keys() -> impl Iterator<Item = &'static str> {
    PROPERTIES
        .iter()
        .map(|p| p.key)
        .chain(std::iter::once("typo_key"))
}

fn properties() -> impl Strategy<Value = Value> {
    let each: Vec<BoxedStrategy<Option<(String, Value)>>> = property_keys()
        .map(|k| {
            prop::option::weighted(0.8, property(k).prop_map(move |v| (k.to_string(), v))).boxed()
        })
        .collect();
    each.prop_map(|kvs| Value::Object(kvs.into_iter().flatten().collect()))
}

fn feature() -> impl Strategy<Value = Value> {
    prop_oneof![
        10 => (
            prop::sample::select(vec!["Feature", "Feature", "Feature", "feature", "Placemark"]),
            prop_oneof![8 => properties(), 1 => json_value()],
            geometry(),
        )
            .prop_map(|(t, p, g)| json!({"type": t, "properties": p, "geometry": g})),
        1 => json_value(),
    ]
}

fn feature_collection() -> impl Strategy<Value = Value> {
    prop::collection::vec(feature(), 0..6)
        .prop_map(|fs| json!({"type": "FeatureCollection", "features": fs}))
}

#[derive(Clone, Debug)]
enum Mutation {
    Flip {
        at: usize,
        bit: u8,
    },
    Set {
        at: usize,
        byte: u8,
    },
    Insert {
        at: usize,
        bytes: Vec<u8>,
    },
    Delete {
        at: usize,
        len: usize,
    },
    Duplicate {
        at: usize,
        len: usize,
    },
    Truncate {
        at: usize,
    },
    /// Replace the first digit at or after `at` by `digit`: the JSON stays valid, the
    /// numbers (coordinates, values) change.
    Digit {
        at: usize,
        digit: u8,
    },
    /// Replace the first ASCII letter at or after `at` by `letter`: keys, ids, categories and
    /// geometry types change while the JSON stays valid.
    Letter {
        at: usize,
        letter: u8,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Positions are fractions of the file's length (in millionths), so they fit every file.
    let at = 0usize..1_000_000;
    prop_oneof![
        4 => (at.clone(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        2 => (at.clone(), prop::sample::select(b"{}[],:\"\\0-e.\x00\xff\xef 9".to_vec()))
            .prop_map(|(at, byte)| Mutation::Set { at, byte }),
        2 => (at.clone(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        2 => (at.clone(), 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        1 => (at.clone(), 1usize..64).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        1 => at.clone().prop_map(|at| Mutation::Truncate { at }),
        4 => (at.clone(), b'0'..=b'9').prop_map(|(at, digit)| Mutation::Digit { at, digit }),
        4 => (at, prop::sample::select(b"aeiouxyzAPLM_.-".to_vec()))
            .prop_map(|(at, letter)| Mutation::Letter { at, letter }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let pos = |at: usize, len: usize| (at as u128 * len as u128 / 1_000_000) as usize;
    let n = bytes.len();
    match *m {
        Mutation::Flip { at, bit } if n > 0 => bytes[pos(at, n)] ^= 1 << bit,
        Mutation::Set { at, byte } if n > 0 => bytes[pos(at, n)] = byte,
        Mutation::Insert {
            at,
            bytes: ref extra,
        } => {
            let i = pos(at, n + 1);
            bytes.splice(i..i, extra.iter().copied());
        }
        Mutation::Delete { at, len } if n > 0 => {
            let i = pos(at, n);
            bytes.drain(i..(i + len).min(n));
        }
        Mutation::Duplicate { at, len } if n > 0 => {
            let i = pos(at, n);
            let chunk = bytes[i..(i + len).min(n)].to_vec();
            bytes.splice(i..i, chunk);
        }
        Mutation::Truncate { at } => bytes.truncate(pos(at, n + 1)),
        Mutation::Digit { at, digit } if n > 0 => {
            let from = pos(at, n);
            if let Some(b) = bytes[from..].iter_mut().find(|b| b.is_ascii_digit()) {
                *b = digit;
            }
        }
        Mutation::Letter { at, letter } if n > 0 => {
            let from = pos(at, n);
            if let Some(b) = bytes[from..].iter_mut().find(|b| b.is_ascii_alphabetic()) {
                *b = letter;
            }
        }
        _ => {}
    }
}

static BYTES_RUN: Counter = Counter::new("load_file on arbitrary bytes");
static JSON_RUN: Counter = Counter::new("load_file on arbitrary JSON values");
static GEOJSON_RUN: Counter = Counter::new("load_file on GeoJSON-shaped hostile collections");
static MUTATION_RUN: Counter = Counter::new("load_file on mutated copies of geodata/");

#[test]
fn load_file_total_on_arbitrary_bytes() {
    counted(&BYTES_RUN, || {
        proptest!(config(BYTES_CASES), |(bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..2048),
            // Mostly JSON punctuation, so the parser gets further than the first byte.
            prop::collection::vec(prop::sample::select(b"{}[]\":,0123456789.eE-+ ntrufalsNIy\\\xef\xbb\xbf\xff\xfe\x00\n".to_vec()), 0..512),
        ])| {
            BYTES_RUN.tick();
            let load = load_file(FILE, &bytes);
            check_problems_name_the_file(&load, FILE)?;
        });
    });
}

#[test]
fn load_file_total_on_arbitrary_json() {
    counted(&JSON_RUN, || {
        proptest!(config(JSON_CASES), |(value in json_value(), pretty in any::<bool>())| {
            JSON_RUN.tick();
            let text = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                value.to_string()
            };
            let load = load_file(FILE, text.as_bytes());
            check_problems_name_the_file(&load, FILE)?;
            // Anything that is not a FeatureCollection is a file-level error.
            if value.get("type") != Some(&json!("FeatureCollection")) {
                prop_assert!(load.features.is_empty());
                prop_assert!(!load.problems.is_empty());
            }
        });
    });
}

#[test]
fn load_file_total_on_hostile_geojson() {
    counted(&GEOJSON_RUN, || {
        proptest!(config(GEOJSON_CASES), |(value in feature_collection())| {
            GEOJSON_RUN.tick();
            let load = load_file(FILE, value.to_string().as_bytes());
            check_problems_name_the_file(&load, FILE)?;
            for f in &load.features {
                // What the loader lets through is safe to put in a URL and an href.
                prop_assert!(valid_id(&f.id), "id {:?}", f.id);
                if let Some(link) = &f.link {
                    prop_assert!(link.starts_with("https://") || link.starts_with("http://"), "{}", link);
                }
                prop_assert!(!f.names.zh.trim().is_empty() && !f.names.en.trim().is_empty());
            }
            let features = value["features"].as_array().map_or(0, Vec::len);
            prop_assert!(load.features.len() <= features);
        });
    });
}

/// Mutated files that still parsed and gave features (so the feature checks ran on them).
static MUTATION_PARSED: AtomicUsize = AtomicUsize::new(0);

#[test]
fn load_file_total_on_mutated_real_files() {
    counted(&MUTATION_RUN, || {
        let files = real_files();
        proptest!(config(MUTATION_CASES), |(
            which in 0..files.len(),
            mutations in prop::collection::vec(mutation(), 1..6),
        )| {
            MUTATION_RUN.tick();
            let (name, original) = &files[which];
            let mut bytes = original.clone();
            for m in &mutations {
                apply(&mut bytes, m);
            }
            let load = load_file(name, &bytes);
            check_problems_name_the_file(&load, name)?;
            if !load.features.is_empty() {
                MUTATION_PARSED.fetch_add(1, Ordering::Relaxed);
            }
        });
    });
    let parsed = MUTATION_PARSED.load(Ordering::Relaxed);
    println!("  of which still parsed and gave features: {parsed}");
    // The property is about the feature checks only if enough mutated files get that far
    // (about 3 in 10 do; 1 in 10 is the floor).
    assert!(
        parsed as u32 >= MUTATION_CASES / 10,
        "only {parsed} of {MUTATION_CASES} mutated files still gave features: the mutations \
         no longer reach the feature checks"
    );
}

#[test]
fn real_files_load_cleanly() {
    // The baseline the mutations start from: each real file loads on its own without errors
    // (cross-file checks are `shizhong check`'s job).
    for (name, bytes) in real_files() {
        let load = load_file(name, bytes);
        assert!(!load.features.is_empty(), "{name}");
        let errors: Vec<String> = load
            .problems
            .iter()
            .filter(|p| p.is_error())
            .map(|p| p.to_string())
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}

// ---------------------------------------------------------------------------------------
// (b) AppState::from_url

/// Whatever came in, the state is one the app can use.
fn check_state(s: &AppState) -> Result<(), TestCaseError> {
    if let Some(v) = s.view {
        prop_assert!(
            v.zoom.is_finite() && v.lat.is_finite() && v.lon.is_finite(),
            "{:?}",
            v
        );
        prop_assert!((0.0..=24.0).contains(&v.zoom), "{:?}", v);
        prop_assert!((-85.0..=85.0).contains(&v.lat), "{:?}", v);
        prop_assert!((-180.0..=180.0).contains(&v.lon), "{:?}", v);
    }
    if let Some(id) = &s.selected {
        prop_assert!(valid_id(id), "{:?}", id);
    }
    if let Some(id) = &s.zone {
        prop_assert!(valid_id(id), "{:?}", id);
    }
    if let Some(d) = &s.data {
        prop_assert_eq!(safe_data_path(d), Some(d.clone()));
        prop_assert!(!d.split('/').any(|seg| seg == ".."), "{}", d);
    }
    // What it writes back parses to the same state (the view rounded to the fragment's
    // 2 / 5 decimals).
    let back = AppState::from_url("", &s.to_fragment());
    prop_assert_eq!(
        &AppState {
            view: None,
            ..back.clone()
        },
        &AppState {
            view: None,
            ..s.clone()
        }
    );
    match (back.view, s.view) {
        (None, None) => {}
        (Some(b), Some(v)) => prop_assert!(
            (b.zoom - v.zoom).abs() <= 0.005 + 1e-9
                && (b.lat - v.lat).abs() <= 0.000_005 + 1e-9
                && (b.lon - v.lon).abs() <= 0.000_005 + 1e-9,
            "{:?} came back as {:?}",
            v,
            b
        ),
        (b, v) => prop_assert!(false, "view {:?} came back as {:?}", v, b),
    }
    Ok(())
}

/// Tokens the URL parser reacts to, for URL-shaped strings.
fn url_token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "map",
            "layers",
            "zone",
            "feature",
            "lang",
            "theme",
            "embed",
            "static",
            "plain",
            "data",
            "debug",
            "panic",
            "=",
            "&",
            "?",
            "#",
            "/",
            "//",
            ".",
            "..",
            "+",
            "%",
            "%2",
            "%25",
            "%26",
            "%3D",
            "%2F",
            "%2E%2E",
            "%00",
            "%ff",
            "%e4%b8",
            "%e4%b8%ad",
            "%+1",
            "%-1",
            "NaN",
            "inf",
            "-inf",
            "1e308",
            "-0",
            "14.5",
            "36.66",
            "116.99",
            "85",
            "-85.000001",
            "24",
            "24.0000001",
            "zh",
            "en",
            "EN",
            "dark",
            "light",
            "auto",
            "1",
            "0",
            "true",
            "yes",
            "road,zone",
            "castle",
            "bench/data/10/",
            "../",
            "https://evil.example/",
            "project.parcel-xinglong",
            "zone.west",
            "<script>",
            "中",
            "\u{202e}",
            "\u{0}",
            "\u{feff}",
            "\u{200b}",
            " ",
            "\t",
        ])
        .prop_map(str::to_string),
        "[0-9.eE+-]{1,12}",
        "%[0-9a-fA-F]{2}",
        ".{1,3}",
    ]
}

fn url_shaped() -> impl Strategy<Value = String> {
    prop::collection::vec(url_token(), 0..40).prop_map(|t| t.concat())
}

/// 100 000 – 400 000 characters: a repeated chunk, sometimes with a real key at the end.
fn huge() -> impl Strategy<Value = String> {
    (
        url_shaped(),
        any::<String>(),
        5_000usize..20_000,
        any::<bool>(),
    )
        .prop_map(|(a, b, times, tail)| {
            let unit = format!("{a}{b}&");
            let unit = if unit.chars().count() < 20 {
                format!("{unit:<20}")
            } else {
                unit
            };
            let mut s = unit.repeat(times);
            s.truncate(s.char_indices().nth(400_000).map_or(s.len(), |(i, _)| i));
            if tail {
                s.push_str("&lang=en&map=14/36.6/117");
            }
            s
        })
}

static URL_ANY_RUN: Counter = Counter::new("from_url on arbitrary strings");
static URL_SHAPED_RUN: Counter = Counter::new("from_url on URL-shaped strings");
static URL_HUGE_RUN: Counter = Counter::new("from_url on huge strings");
static ROUND_TRIP_RUN: Counter = Counter::new("from_url(to_fragment(s)) == s");

#[test]
fn from_url_total_on_arbitrary_strings() {
    counted(&URL_ANY_RUN, || {
        proptest!(config(URL_ANY_CASES), |(search in any::<String>(), hash in any::<String>())| {
            URL_ANY_RUN.tick();
            check_state(&AppState::from_url(&search, &hash))?;
        });
    });
}

#[test]
fn from_url_total_on_url_shaped_strings() {
    counted(&URL_SHAPED_RUN, || {
        proptest!(config(URL_SHAPED_CASES), |(search in url_shaped(), hash in url_shaped())| {
            URL_SHAPED_RUN.tick();
            check_state(&AppState::from_url(&format!("?{search}"), &format!("#{hash}")))?;
            check_state(&AppState::from_url(&search, &hash))?;
        });
    });
}

#[test]
fn from_url_total_on_huge_strings() {
    counted(&URL_HUGE_RUN, || {
        proptest!(config(URL_HUGE_CASES), |(s in huge())| {
            URL_HUGE_RUN.tick();
            let state = AppState::from_url(&s, &s);
            check_state(&state)?;
            // Only the first 4096 characters of each part are read.
            let head: String = s.chars().take(4096).collect();
            prop_assert_eq!(&AppState::from_url(&head, &head), &state);
        });
    });
}

fn layer_set() -> impl Strategy<Value = LayerSet> {
    prop::collection::vec(any::<bool>(), Category::ALL.len()).prop_map(|on| {
        let mut set = LayerSet::NONE;
        for (c, on) in Category::ALL.iter().zip(on) {
            set.set(*c, on);
        }
        set
    })
}

/// A valid state as the app writes it: a view already rounded to the fragment's precision.
fn app_state() -> impl Strategy<Value = AppState> {
    let view = prop::option::of(
        (
            0i64..=2400,
            -8_500_000i64..=8_500_000,
            -18_000_000i64..=18_000_000,
        )
            .prop_map(|(z, lat, lon)| UrlView {
                zoom: z as f64 / 100.0,
                lat: lat as f64 / 100_000.0,
                lon: lon as f64 / 100_000.0,
            }),
    );
    let selected = prop::option::of("[A-Za-z0-9._-]{1,80}");
    let zone = prop::option::of("[A-Za-z0-9._-]{1,80}");
    let lang = prop::sample::select(vec![Lang::Zh, Lang::En]);
    let theme = prop::sample::select(vec![
        ThemeChoice::Auto,
        ThemeChoice::Fixed(Theme::Light),
        ThemeChoice::Fixed(Theme::Dark),
    ]);
    let embed =
        (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(embed, s, plain)| EmbedOptions {
            embed,
            static_map: s,
            plain,
        });
    let data = prop::option::of(
        "([A-Za-z0-9_-][A-Za-z0-9._-]{0,12}/){1,4}"
            .prop_filter("no ..", |d| safe_data_path(d).is_some()),
    );
    let story = prop::option::of(1usize..=shizhong_map::state::MAX_STORY_STEP);
    let basemap = prop::option::of("[a-z0-9-]{1,32}".prop_filter("a provider id", |b| {
        shizhong_map::basemap::valid_provider_id(b)
    }));
    (
        view,
        layer_set(),
        zone,
        selected,
        lang,
        theme,
        embed,
        data,
        story,
        basemap,
    )
        .prop_map(
            |(view, layers, zone, selected, lang, theme, embed, data, story, basemap)| AppState {
                view,
                layers,
                zone,
                selected,
                lang,
                theme,
                embed,
                data,
                story,
                basemap,
            },
        )
}

#[test]
fn fragment_round_trips() {
    counted(&ROUND_TRIP_RUN, || {
        proptest!(config(ROUND_TRIP_CASES), |(s in app_state())| {
            ROUND_TRIP_RUN.tick();
            let fragment = s.to_fragment();
            prop_assert_eq!(&AppState::from_url("", &fragment), &s, "{}", fragment);
            // Also when it comes as the query string (embed snippets), and with both.
            let query = format!("?{}", fragment.trim_start_matches('#'));
            prop_assert_eq!(&AppState::from_url(&query, ""), &s, "{}", query);
            prop_assert_eq!(&AppState::from_url(&query, &fragment), &s);
        });
    });
}

// ---------------------------------------------------------------------------------------
// (c) Viewport

/// Any f64, with the nasty ones often.
fn nasty_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => any::<f64>(),
        2 => prop::sample::select(vec![
            f64::NAN,
            -f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            5e-324,
            0.0,
            -0.0,
            1e300,
            -1e300,
            1.0,
            256.0,
            1e-12,
        ]),
        3 => -1e4f64..1e4,
        // Sensible values: a world point, a zoom, a screen size.
        3 => 0.0f64..WORLD_SIZE,
        2 => 0.0f64..24.0,
        2 => 1.0f64..4000.0,
    ]
}

fn nasty_coord() -> impl Strategy<Value = Coord<f64>> {
    (nasty_f64(), nasty_f64()).prop_map(|(x, y)| coord! { x: x, y: y })
}

fn check_viewport(v: &Viewport, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        v.center.x.is_finite() && v.center.y.is_finite(),
        "{}: centre {:?}",
        what,
        v.center
    );
    prop_assert!(
        (0.0..=WORLD_SIZE).contains(&v.center.x) && (0.0..=WORLD_SIZE).contains(&v.center.y),
        "{}: centre {:?} outside the world",
        what,
        v.center
    );
    prop_assert!(
        v.zoom.is_finite() && (MIN_ZOOM..=MAX_ZOOM).contains(&v.zoom),
        "{}: zoom {}",
        what,
        v.zoom
    );
    prop_assert!(
        v.width.is_finite() && v.width >= 1.0 && v.height.is_finite() && v.height >= 1.0,
        "{}: size {}x{}",
        what,
        v.width,
        v.height
    );
    prop_assert!(v.scale().is_finite() && v.scale() > 0.0, "{}: scale", what);
    let mpp = v.metres_per_pixel();
    prop_assert!(
        mpp.is_finite() && mpp >= 0.0,
        "{}: metres per pixel {}",
        what,
        mpp
    );
    let (lon, lat) = v.center_lon_lat();
    prop_assert!(
        lon.is_finite() && lat.is_finite(),
        "{}: centre lon/lat",
        what
    );
    Ok(())
}

static VIEWPORT_RUN: Counter = Counter::new("Viewport methods on arbitrary f64");

#[test]
fn viewport_total_on_arbitrary_f64() {
    counted(&VIEWPORT_RUN, || {
        proptest!(config(VIEWPORT_CASES), |(
            center in nasty_coord(),
            (zoom, width, height) in (nasty_f64(), nasty_f64(), nasty_f64()),
            (c1, c2, padding) in (nasty_coord(), nasty_coord(), nasty_f64()),
            (anchor, to_zoom) in (nasty_coord(), nasty_f64()),
            (dx, dy) in (nasty_f64(), nasty_f64()),
            fingers in (nasty_coord(), nasty_coord(), nasty_coord(), nasty_coord()),
            (world, screen, min_zoom) in (nasty_coord(), nasty_coord(), nasty_f64()),
        )| {
            VIEWPORT_RUN.tick();
            let v = Viewport::new(center, zoom, width, height);
            check_viewport(&v, "new")?;
            let bounds = Rect::new(c1, c2);
            let fitted = Viewport::fit(bounds, width, height, padding);
            check_viewport(&fitted, "fit")?;
            for base in [v, fitted] {
                check_viewport(&base.zoom_about(anchor, to_zoom), "zoom_about")?;
                check_viewport(&base.pan_by(dx, dy), "pan_by")?;
                check_viewport(&base.pinched((fingers.0, fingers.1), (fingers.2, fingers.3)), "pinched")?;
                check_viewport(&base.placing(world, screen, to_zoom), "placing")?;
                check_viewport(&base.limited(min_zoom, bounds), "limited")?;
                check_viewport(&base.constrained_to(bounds), "constrained_to")?;
                check_viewport(&base.resized(dx, dy), "resized")?;
                // Conversions may give non-finite points for non-finite input, but never panic;
                // for finite input on a valid view they are finite and invert each other.
                let s = base.world_to_screen(world);
                let w = base.screen_to_world(screen);
                let sane = |c: Coord<f64>| c.x.abs() < 1e6 && c.y.abs() < 1e6;
                if sane(world) {
                    prop_assert!(s.x.is_finite() && s.y.is_finite());
                    let back = base.screen_to_world(s);
                    let tol = 1e-9 * (1.0 + world.x.abs().max(world.y.abs()));
                    prop_assert!((back.x - world.x).abs() <= tol && (back.y - world.y).abs() <= tol,
                        "{:?} -> {:?} -> {:?}", world, s, back);
                }
                if sane(screen) {
                    prop_assert!(w.x.is_finite() && w.y.is_finite());
                }
            }
        });
    });
}

#[test]
fn viewport_limits_with_a_non_finite_extent() {
    // The fixed cases behind the property's extent inputs, kept explicit.
    let v = Viewport::new(coord! { x: 200.0, y: 100.0 }, 12.0, 800.0, 600.0);
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let extent = Rect::new(coord! { x: bad, y: 0.0 }, coord! { x: 10.0, y: bad });
        let w = v.limited(10.0, extent);
        assert!(w.center.x.is_finite() && w.center.y.is_finite() && w.zoom.is_finite());
        let w = v.constrained_to(extent);
        assert!(w.center.x.is_finite() && w.center.y.is_finite());
    }
}

// ---------------------------------------------------------------------------------------
// (d) GCJ-02 ↔ WGS84

/// Great-circle distance in metres.
fn metres(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, la2) = (a.1.to_radians(), b.1.to_radians());
    let d_la = la2 - la1;
    let d_lo = (b.0 - a.0).to_radians();
    let h = math::sin(d_la / 2.0).powi(2)
        + math::cos(la1) * math::cos(la2) * math::sin(d_lo / 2.0).powi(2);
    2.0 * 6_371_008.8 * math::asin(h.sqrt().min(1.0))
}

/// The GCJ-02 box of `datum::in_china`, less a 0.02° (≈ 2 km) margin: within about 1 km of
/// the box's edges a round trip cannot work, because one of the two points lies outside the
/// box, where the transform is the identity (see `datum_round_trip_at_the_box_edge`).
const MARGIN: f64 = 0.02;
const LON: std::ops::RangeInclusive<f64> = (72.004 + MARGIN)..=(137.8347 - MARGIN);
const LAT: std::ops::RangeInclusive<f64> = (0.8293 + MARGIN)..=(55.8271 - MARGIN);

static DATUM_RUN: Counter = Counter::new("GCJ-02 <-> WGS84 round trips");

#[test]
fn datum_round_trips_within_a_metre() {
    counted(&DATUM_RUN, || {
        proptest!(config(DATUM_CASES), |(
            (lon, lat) in prop_oneof![
                3 => (LON, LAT),
                // Around Jinan, where the data is.
                1 => (116.7f64..117.2, 36.4f64..36.8),
            ],
        )| {
            DATUM_RUN.tick();
            let p = (lon, lat);
            prop_assert!(in_china(lon, lat));
            // WGS84 → GCJ-02 → WGS84.
            let g = wgs84_to_gcj02(lon, lat);
            prop_assert!(g.0.is_finite() && g.1.is_finite());
            prop_assert!(metres(p, g) < 1_000.0, "offset {} m at {:?}", metres(p, g), p);
            let back = gcj02_to_wgs84(g.0, g.1);
            let err = metres(back, p);
            prop_assert!(err < 1.0, "wgs {:?} -> gcj {:?} -> wgs {:?}: {} m", p, g, back, err);
            // GCJ-02 → WGS84 → GCJ-02.
            let w = gcj02_to_wgs84(lon, lat);
            prop_assert!(w.0.is_finite() && w.1.is_finite());
            let again = wgs84_to_gcj02(w.0, w.1);
            let err = metres(again, p);
            prop_assert!(err < 1.0, "gcj {:?} -> wgs {:?} -> gcj {:?}: {} m", p, w, again, err);
        });
    });
}

/// Known limitation, pinned down: within ≈ 1 km of the box's edges the round trip is off by
/// the whole offset (up to ≈ 730 m), never more, and never non-finite. A WGS84 point just
/// inside the east or north edge maps to a GCJ-02 point outside the box, which
/// `gcj02_to_wgs84` returns unchanged; and for a GCJ-02 point just inside the west edge the
/// inverse's fixed-point iteration steps outside the box, oscillates there, and after its 30
/// steps returns the input unchanged. All such points are far from Jinan (Pamirs, Sea of
/// Japan, Russia, the equatorial sea).
#[test]
fn datum_round_trip_at_the_box_edge() {
    let mut failures = vec![];
    for (lon, lat) in [(137.834, 40.0), (120.0, 55.827)] {
        let g = wgs84_to_gcj02(lon, lat);
        let err = metres(gcj02_to_wgs84(g.0, g.1), (lon, lat));
        if err.is_nan() || err >= 1000.0 {
            failures.push(format!(
                "wgs ({lon}, {lat}) -> gcj {g:?} -> wgs: {err:.0} m"
            ));
        }
    }
    for (lon, lat) in [(72.0045, 30.0), (72.004, 26.7057649)] {
        let w = gcj02_to_wgs84(lon, lat);
        let err = metres(wgs84_to_gcj02(w.0, w.1), (lon, lat));
        if err.is_nan() || err >= 1000.0 {
            failures.push(format!(
                "gcj ({lon}, {lat}) -> wgs {w:?} -> gcj: {err:.0} m"
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
