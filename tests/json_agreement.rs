//! Our JSON reader (`plan::json`) against serde_json, the reader it replaced: on JSON text
//! serde_json writes (arbitrary values, compact and pretty) and on that text mutated with the
//! bytes JSON is made of, both must accept the same texts and read the same values (numbers
//! within `SERDE_ULPS`), and our writer must write what serde_json writes. Each property runs
//! a fixed number of cases and prints it (`cargo test --test json_agreement -- --nocapture`);
//! the seed is random on each run.

use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::Value as Theirs;
use shizhong_map::plan::json::{parse, Expected, Value};
use std::sync::atomic::{AtomicUsize, Ordering};

const VALUE_CASES: u32 = 1_500;
const MUTATED_CASES: u32 = 3_000;
const NUMBER_CASES: u32 = 5_000;
const WRITTEN_CASES: u32 = 50_000;
/// serde_json without its `float_roundtrip` feature reads some long or far-out numbers a few
/// ulps off (`5856486534262521.3e-54`): where values read by serde_json are compared, numbers
/// may differ by this much. Ours are checked against `str::parse` instead, within 1 ulp.
const SERDE_ULPS: u64 = 16;

const ANY: Expected = Expected {
    format: "JSON",
    holding: "a value",
};

fn config(cases: u32) -> Config {
    Config {
        failure_persistence: None,
        ..Config::with_cases(cases)
    }
}

/// How far apart two numbers are in ulps (0 for 0.0 and -0.0: serde_json reads `-0` as 0).
fn ulps(a: f64, b: f64) -> u64 {
    if a == b {
        0
    } else if a.is_sign_negative() != b.is_sign_negative() {
        u64::MAX
    } else {
        a.to_bits().abs_diff(b.to_bits())
    }
}

/// The same tree, numbers within `tolerance` ulps.
fn same(ours: &Value, theirs: &Theirs, tolerance: u64) -> bool {
    match (ours, theirs) {
        (Value::Null, Theirs::Null) => true,
        (Value::Bool(a), Theirs::Bool(b)) => a == b,
        (Value::Number(a), Theirs::Number(b)) => {
            b.as_f64().is_some_and(|b| ulps(*a, b) <= tolerance)
        }
        (Value::String(a), Theirs::String(b)) => a == b,
        (Value::Array(a), Theirs::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b, tolerance))
        }
        (Value::Object(a), Theirs::Object(b)) => {
            a.len() == b.len()
                && b.iter()
                    .all(|(k, v)| a.get(k).is_some_and(|a| same(a, v, tolerance)))
        }
        _ => false,
    }
}

fn theirs_number() -> impl Strategy<Value = Theirs> {
    prop_oneof![
        any::<i64>().prop_map(Theirs::from),
        any::<u64>().prop_map(Theirs::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Theirs::Null, Theirs::Number)),
        (-200.0f64..200.0).prop_map(Theirs::from),
        prop::sample::select(vec![
            0.0, -0.0, 1e308, -1e308, 5e-324, 1e22, 1e23, 116.987654
        ])
        .prop_map(Theirs::from),
    ]
}

fn theirs_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z_]{1,8}",
        // Everything that needs escaping, and text beyond the BMP.
        prop::collection::vec(
            prop::sample::select(vec![
                '"', '\\', '/', '\n', '\t', '\u{0}', '\u{1f}', '\u{7f}', '\u{2028}', '市', '😀',
                'a'
            ]),
            0..12
        )
        .prop_map(|cs| cs.into_iter().collect()),
        any::<String>(),
    ]
}

fn theirs_value() -> impl Strategy<Value = Theirs> {
    let leaf = prop_oneof![
        Just(Theirs::Null),
        any::<bool>().prop_map(Theirs::Bool),
        theirs_number(),
        theirs_string().prop_map(Theirs::String),
    ];
    leaf.prop_recursive(8, 128, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Theirs::Array),
            prop::collection::vec((theirs_string(), inner), 0..8)
                .prop_map(|kv| Theirs::Object(kv.into_iter().collect())),
        ]
    })
}

static VALUES: AtomicUsize = AtomicUsize::new(0);
static MUTATED: AtomicUsize = AtomicUsize::new(0);
static MUTATED_ACCEPTED: AtomicUsize = AtomicUsize::new(0);
static NUMBERS: AtomicUsize = AtomicUsize::new(0);

#[test]
fn serde_json_text_reads_as_the_same_value() {
    proptest!(config(VALUE_CASES), |(value in theirs_value(), pretty in any::<bool>())| {
        VALUES.fetch_add(1, Ordering::Relaxed);
        let text = if pretty {
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            value.to_string()
        };
        let ours = parse(text.as_bytes(), ANY).map_err(TestCaseError::fail)?;
        prop_assert!(ours.duplicates.is_empty());
        prop_assert!(same(&ours.value, &value, 1), "{}", text);
        // And our writer writes what serde_json writes.
        let ours = sorted(&ours.value);
        prop_assert_eq!(ours.to_string(), serde_writes(&ours));
    });
    println!("values compared: {}", VALUES.load(Ordering::Relaxed));
}

/// What serde_json writes for `v`. Its objects sort their keys, so `v`'s are sorted first;
/// and it leaves U+2028/2029 as they are where ours escapes them: the one difference allowed.
fn serde_writes(v: &Value) -> String {
    fn convert(v: &Value) -> Theirs {
        match v {
            Value::Null => Theirs::Null,
            Value::Bool(b) => Theirs::Bool(*b),
            Value::Number(n) => {
                serde_json::Number::from_f64(*n).map_or(Theirs::Null, Theirs::Number)
            }
            Value::String(s) => Theirs::String(s.clone()),
            Value::Array(a) => Theirs::Array(a.iter().map(convert).collect()),
            Value::Object(o) => {
                Theirs::Object(o.iter().map(|(k, v)| (k.to_string(), convert(v))).collect())
            }
        }
    }
    convert(v)
        .to_string()
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// `v` with every object's keys in sorted order.
fn sorted(v: &Value) -> Value {
    match v {
        Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
        Value::Object(o) => {
            let mut members: Vec<(String, Value)> =
                o.iter().map(|(k, v)| (k.to_string(), sorted(v))).collect();
            members.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(members.into_iter().collect())
        }
        other => other.clone(),
    }
}

/// The bytes JSON is made of, for mutations that reach deep into the reader.
const JSON_BYTES: &[u8] = b"{}[]\":,0123456789.eE-+ \n\ttrufalsn\\u/bfDd8A";

#[test]
fn mutated_text_is_accepted_and_refused_alike() {
    proptest!(config(MUTATED_CASES), |(
        value in theirs_value(),
        edits in prop::collection::vec((0usize..1_000_000, prop::sample::select(JSON_BYTES.to_vec()), 0u8..3), 1..4),
    )| {
        MUTATED.fetch_add(1, Ordering::Relaxed);
        let mut bytes = value.to_string().into_bytes();
        for (at, byte, how) in edits {
            let i = at * (bytes.len() + 1) / 1_000_000;
            match how {
                0 if i < bytes.len() => bytes[i] = byte,
                1 => bytes.insert(i.min(bytes.len()), byte),
                _ if i < bytes.len() => { bytes.remove(i); }
                _ => {}
            }
        }
        let Ok(text) = String::from_utf8(bytes) else { return Ok(()) };
        // Whitespace-only and empty text is our "file is empty" message, an error for both.
        let ours = parse(text.as_bytes(), ANY);
        let theirs: Result<Theirs, _> = serde_json::from_str(&text);
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: ours {:?}, theirs {:?}", text, ours.as_ref().err(), theirs.as_ref().err());
        if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
            MUTATED_ACCEPTED.fetch_add(1, Ordering::Relaxed);
            prop_assert!(same(&ours.value, &theirs, SERDE_ULPS), "{}", text);
        }
    });
    let (n, ok) = (
        MUTATED.load(Ordering::Relaxed),
        MUTATED_ACCEPTED.load(Ordering::Relaxed),
    );
    println!("mutated texts compared: {n}, of which both accepted {ok}");
    assert!(
        ok * 20 > n,
        "too few mutated texts stay valid ({ok} of {n}) to compare values"
    );
}

#[test]
fn numbers() {
    // Numbers as hand-edited files and other writers have them. Where serde_json's reading is
    // approximate (it is without its `float_roundtrip` feature), ours must be the correctly
    // rounded one, which `str::parse` gives.
    proptest!(config(NUMBER_CASES), |(
        minus in any::<bool>(),
        int in "(0|[1-9][0-9]{0,20})",
        frac in prop::option::of("[0-9]{1,20}"),
        exp in prop::option::of(-340i32..340),
    )| {
        NUMBERS.fetch_add(1, Ordering::Relaxed);
        let mut text = format!("{}{int}", if minus { "-" } else { "" });
        if let Some(f) = &frac { text += &format!(".{f}"); }
        if let Some(e) = exp { text += &format!("e{e}"); }
        let ours = parse(text.as_bytes(), ANY);
        let theirs: Result<Theirs, _> = serde_json::from_str(&text);
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{}", text);
        if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
            let (a, b) = (ours.value.as_f64().unwrap(), theirs.as_f64().unwrap());
            let want: f64 = text.parse().unwrap();
            prop_assert!(ulps(b, want) <= SERDE_ULPS, "{}: serde_json {:e} vs str::parse {:e}", text, b, want);
            prop_assert!(ulps(a, want) <= 1, "{}: {:e} vs str::parse {:e}", text, a, want);
            // Up to 19 significant digits and |exponent| ≤ 27 once the number is written as
            // its significant digits × 10^point: exact.
            let all = format!("{int}{}", frac.as_deref().unwrap_or(""));
            let significant = all.trim_start_matches('0').trim_end_matches('0').len();
            let trailing_zeros = (all.len() - all.trim_end_matches('0').len()) as i64;
            let point = i64::from(exp.unwrap_or(0)) - frac.as_ref().map_or(0, |f| f.len() as i64)
                + trailing_zeros;
            if significant <= 19 && point.abs() <= 27 {
                prop_assert_eq!(a.to_bits(), want.to_bits(), "{}", text);
            }
        }
    });
    println!("numbers compared: {}", NUMBERS.load(Ordering::Relaxed));
}

#[test]
fn numbers_are_written_as_serde_json_writes_them() {
    // Any finite f64, and large binary fractions (`…776.25`), where two shortest forms can be
    // exactly as close: serde_json takes the even one, and so must we.
    let number = prop_oneof![
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
        ((1u64 << 48)..(1u64 << 53), 1i32..4, any::<bool>()).prop_map(|(m, k, minus)| {
            let v = m as f64 / f64::from(1 << k);
            if minus {
                -v
            } else {
                v
            }
        }),
    ];
    proptest!(config(WRITTEN_CASES), |(v in number)| {
        let theirs = serde_json::Number::from_f64(v).unwrap().to_string();
        prop_assert_eq!(Value::Number(v).to_string(), theirs);
    });
}
