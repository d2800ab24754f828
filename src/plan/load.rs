//! Reading one GeoJSON file into typed features. Loading never stops at the first problem:
//! it returns every feature it could read and every problem it found, each naming the file and
//! feature, so one bad feature never hides the rest.
//!
//! The steps live next door: bytes → JSON in [`super::json`], typed property access in
//! [`super::props`], ring checks in [`super::rings`]; this module gives the JSON its GeoJSON
//! meaning, feature by feature.

use super::category::{Category, Precision};
use super::feature::{Figure, Names, PlanFeature};
use super::geojson_convert::to_geo;
use super::json::{self, kind, DuplicateKey, Expected, Step, Value as JsonValue};
use super::problem::Problem;
use super::props::Props;
use super::rings::winding_problems;
use super::schema::{Need, PROPERTIES};
use crate::quote::quoted;

pub use super::json::MAX_FILE_BYTES;

/// What came out of one file.
#[derive(Debug, Default)]
pub struct FileLoad {
    pub features: Vec<PlanFeature>,
    pub problems: Vec<Problem>,
}

const GEOJSON: Expected = Expected {
    format: "GeoJSON",
    holding: "a FeatureCollection",
};

/// Parse the bytes of `file` (its name relative to `geodata/`).
///
/// The file is read as plain JSON first, then each feature on its own: a feature with a
/// broken geometry or properties is reported under its id and skipped (or kept without a
/// place), and the rest of the file still loads.
pub fn load_file(file: &str, bytes: &[u8]) -> FileLoad {
    let mut out = FileLoad::default();
    let doc = match json::parse(bytes, GEOJSON) {
        Ok(doc) => doc,
        Err(message) => {
            out.problems.push(Problem::error(file, None, message));
            return out;
        }
    };
    if doc.bom {
        out.problems.push(Problem::error(
            file,
            None,
            "file starts with a byte-order mark (BOM); RFC 8259 forbids it in JSON sent \
             over the network — save as UTF-8 without BOM",
        ));
    }
    let features = match feature_values(&doc.value) {
        Ok(f) => f,
        Err(message) => {
            out.problems.push(Problem::error(file, None, message));
            return out;
        }
    };
    for d in doc.duplicates.iter().filter(|d| in_feature(d).is_none()) {
        out.problems.push(Problem::error(
            file,
            None,
            d.message(0, "the top-level object"),
        ));
    }
    for (index, value) in features.iter().enumerate() {
        let label = feature_label(value, index);
        for d in doc
            .duplicates
            .iter()
            .filter(|d| in_feature(d) == Some(index))
        {
            out.problems.push(Problem::error(
                file,
                Some(&label),
                d.message(2, "the feature"),
            ));
        }
        match read_feature(file, &label, value, &mut out.problems) {
            Some(f) => out.features.push(f),
            None => out.problems.push(Problem::error(
                file,
                Some(&label),
                "feature skipped because of the problems above",
            )),
        }
    }
    out
}

/// The index of the feature a duplicate key lies in (`features[i]…`), if any.
fn in_feature(d: &DuplicateKey) -> Option<usize> {
    match d.path.as_slice() {
        [Step::Key(f), Step::Index(i), ..] if f == "features" => Some(*i),
        _ => None,
    }
}

const GEOMETRY_TYPES: &[&str] = &[
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
];

/// The `features` of a FeatureCollection, or why the document is not one.
fn feature_values(doc: &JsonValue) -> Result<&[JsonValue], String> {
    let JsonValue::Object(top) = doc else {
        return Err(format!(
            "the top level must be a FeatureCollection, found {}",
            kind(doc)
        ));
    };
    let found = match top.get("type") {
        Some(JsonValue::String(t)) if t == "FeatureCollection" => None,
        Some(JsonValue::String(t)) if t == "Feature" => {
            Some("a single Feature (put it in the `features` array of a FeatureCollection)".into())
        }
        Some(JsonValue::String(t)) if GEOMETRY_TYPES.contains(&t.as_str()) => Some(format!(
            "a bare {t} geometry (wrap it in a Feature with properties, in a FeatureCollection)"
        )),
        Some(JsonValue::String(t)) => Some(format!("an object of type {t}", t = quoted(t))),
        Some(other) => Some(format!("an object whose `type` is {}", kind(other))),
        None => Some("an object with no `type`".to_string()),
    };
    if let Some(found) = found {
        return Err(format!(
            "the top level must be a FeatureCollection, found {found}"
        ));
    }
    match top.get("features") {
        Some(JsonValue::Array(features)) => Ok(features),
        None => Err("the FeatureCollection has no `features` array".into()),
        Some(other) => Err(format!(
            "`features` must be an array of features, found {}",
            kind(other)
        )),
    }
}

/// The id if it has a usable one (`properties.id`, else the GeoJSON `id` member), else its
/// position in the file (`#3`, counting from 1).
fn feature_label(feature: &JsonValue, index: usize) -> String {
    let id = |v: Option<&JsonValue>| {
        v.and_then(JsonValue::as_str)
            .filter(|id| valid_id(id))
            .map(str::to_string)
    };
    id(feature.get("properties").and_then(|p| p.get("id")))
        .or_else(|| id(feature.get("id")))
        .unwrap_or_else(|| format!("#{}", index + 1))
}

/// Ids appear in URLs: keep them short and plain.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn read_feature(
    file: &str,
    label: &str,
    feature: &JsonValue,
    problems: &mut Vec<Problem>,
) -> Option<PlanFeature> {
    let error = |problems: &mut Vec<Problem>, message: String| {
        problems.push(Problem::error(file, Some(label), message));
    };
    let JsonValue::Object(feature) = feature else {
        error(
            problems,
            format!("a feature must be a JSON object, found {}", kind(feature)),
        );
        return None;
    };
    let map = match feature.get("properties") {
        Some(JsonValue::Object(map)) => map,
        None | Some(JsonValue::Null) => {
            error(problems, "feature has no properties".into());
            return None;
        }
        Some(other) => {
            error(
                problems,
                format!("`properties` must be an object, found {}", kind(other)),
            );
            return None;
        }
    };
    let mut p = Props {
        file,
        label,
        map,
        problems,
        fatal: false,
    };
    match feature.get("type") {
        Some(JsonValue::String(t)) if t == "Feature" => {}
        Some(JsonValue::String(t)) => {
            p.error(format!(
                "`type` is {t}; a feature must have \"type\": \"Feature\"",
                t = quoted(t)
            ));
            p.fatal = true;
        }
        _ => {
            p.error("a feature must have \"type\": \"Feature\"".into());
            p.fatal = true;
        }
    }

    let id = p.text("id");
    if let Some(id) = &id {
        if !valid_id(id) {
            p.error(format!(
                "id {id} must be 1–80 characters of a–z, A–Z, 0–9, '-', '_' or '.'",
                id = quoted(id)
            ));
            p.fatal = true;
        }
    }
    let name_zh = p.text("name_zh");
    let name_en = p.text("name_en");
    let category = p.text("category").and_then(|c| {
        c.parse::<Category>()
            .map_err(|e| {
                p.error(e);
                p.fatal = true;
            })
            .ok()
    });
    let mut precision = p.text("precision").and_then(|c| {
        c.parse::<Precision>()
            .map_err(|e| {
                p.error(e);
                p.fatal = true;
            })
            .ok()
    });
    let source_zh = p.text("source_zh");
    let source_en = p.text("source_en");
    let quote = p.text("quote").filter(|q| !q.trim().is_empty());
    let adcode = p.text("adcode");
    let clipped_to_map_extent = p.flag("clipped_to_map_extent").unwrap_or(false);
    let position_source = p.names("position_source");
    let description = p.names("description");
    let short = p.names("short");
    let pinyin = p.text("name_pinyin").filter(|py| {
        let ok = py
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '\'');
        if !ok {
            p.error(format!(
                "`name_pinyin` {py} must be plain letters and spaces",
                py = quoted(py)
            ));
        }
        ok
    });
    let schematic = p.flag("schematic").unwrap_or(false);
    let zone = p.text("zone");
    let in_belt = p.flag("in_belt");
    let segment = p.text("segment");
    let uncertainty_m = p.number("uncertainty_m");
    if uncertainty_m.is_some_and(|u| u <= 0.0) {
        p.error("`uncertainty_m` must be positive".into());
    }
    let link = p.text("link").filter(|l| {
        let ok = l.starts_with("https://") || l.starts_with("http://");
        if !ok {
            p.error(format!(
                "link {l} is not an http(s) address; it is ignored",
                l = quoted(l)
            ));
        }
        ok
    });
    let figure = p.number("value").map(|value| {
        let display = p.names("display").unwrap_or_else(|| Names {
            zh: crate::number::fixed(value, 12),
            en: crate::number::fixed(value, 12),
        });
        Figure {
            value,
            display,
            is_target: p.flag("target").unwrap_or(false),
        }
    });
    p.warn_unknown();

    let geometry = match feature.get("geometry") {
        None | Some(JsonValue::Null) => None,
        Some(g) => match to_geo(g) {
            Ok(geo) => {
                for message in winding_problems(&geo) {
                    p.error(message);
                }
                Some(geo)
            }
            Err(e) => {
                p.error(format!("geometry: {e}"));
                None
            }
        },
    };

    if let (Some(category), Some(prec)) = (category, precision) {
        for prop in PROPERTIES {
            let key = prop.key;
            if p.has_text(key) {
                continue;
            }
            match prop.need {
                Need::Quoted if category.needs_quote() => p.error(format!(
                    "property `{key}` is missing: a {category} feature must quote the report"
                )),
                Need::WithGeometry if geometry.is_some() => p.error(format!(
                    "property `{key}` is missing: say where the position came from"
                )),
                _ => {}
            }
        }
        match (prec, &geometry) {
            (Precision::None, Some(_)) => p.error(
                "precision is `none` but the feature has a geometry; it will not be drawn".into(),
            ),
            (Precision::Site | Precision::Approximate, None) => {
                p.error(format!(
                    "precision is `{}` but the feature has no usable geometry; it is listed without a place",
                    prec.code()
                ));
                precision = Some(Precision::None);
            }
            _ => {}
        }
    }

    if p.fatal {
        return None;
    }
    Some(PlanFeature {
        id: id?,
        file: file.to_string(),
        names: Names {
            zh: name_zh?,
            en: name_en?,
        },
        short,
        pinyin,
        category: category?,
        precision: precision?,
        schematic,
        quote,
        source: Names {
            zh: source_zh?,
            en: source_en?,
        },
        position_source,
        geometry: if precision == Some(Precision::None) {
            None
        } else {
            geometry
        },
        description,
        zone,
        in_belt,
        uncertainty_m,
        segment,
        figure,
        link,
        adcode,
        clipped_to_map_extent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"district","name_zh":"市中区","name_en":"Shizhong",
        "category":"district","precision":"site","quote":"市中区是济南市的中心城区",
        "source_zh":"cnmaps","source_en":"cnmaps","position_source_zh":"cnmaps","position_source_en":"cnmaps"},
       "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
      {"type":"Feature","properties":{"id":"sky-road","name_zh":"空中天路","name_en":"Sky road",
        "category":"infrastructure","precision":"none","quote":"超前布局“空中天路”",
        "source_zh":"report","source_en":"report"},"geometry":null}
    ]}"#;

    fn messages(load: &FileLoad) -> Vec<String> {
        load.problems.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn reads_good_features() {
        let load = load_file("a.geojson", GOOD.as_bytes());
        assert!(load.problems.is_empty(), "{:?}", messages(&load));
        assert_eq!(load.features.len(), 2);
        assert_eq!(load.features[0].category, Category::District);
        assert!(load.features[0].is_drawn());
        assert!(!load.features[1].is_drawn());
    }

    #[test]
    fn file_level_errors_name_the_file() {
        let cases: [(&[u8], &str); 4] = [
            (b"{not json", "not valid GeoJSON"),
            (
                b"\xef\xbb\xbf{\"type\":\"FeatureCollection\",\"features\":[]}",
                "byte-order mark",
            ),
            (
                b"{\"type\":\"Point\",\"coordinates\":[1,2]}",
                "FeatureCollection",
            ),
            (
                b"{\"type\":\"FeatureCollection\",\"features\":[]}\xff",
                "not valid UTF-8",
            ),
        ];
        for (bytes, want) in cases {
            let load = load_file("bad.geojson", bytes);
            let m = messages(&load).join("\n");
            assert!(m.contains("bad.geojson") && m.contains(want), "{m}");
        }
    }

    #[test]
    fn bad_feature_is_skipped_and_named_while_others_load() {
        let text = GOOD.replace(r#""category":"district""#, r#""category":"castle""#);
        let load = load_file("b.geojson", text.as_bytes());
        assert_eq!(load.features.len(), 1);
        let m = messages(&load).join("\n");
        assert!(
            m.contains("feature district: unknown category \"castle\""),
            "{m}"
        );
    }

    #[test]
    fn missing_and_mistyped_properties() {
        let text = GOOD
            .replace(r#""name_en":"Shizhong","#, "")
            .replace(r#""name_zh":"空中天路""#, r#""name_zh":7"#);
        let m = messages(&load_file("c.geojson", text.as_bytes())).join("\n");
        assert!(
            m.contains("feature district: property `name_en` is missing"),
            "{m}"
        );
        assert!(
            m.contains("feature sky-road: property `name_zh` must be a string, found a number"),
            "{m}"
        );
    }

    #[test]
    fn clockwise_ring_is_reported() {
        let text = GOOD.replace("[[0,0],[1,0],[1,1],[0,0]]", "[[0,0],[1,1],[1,0],[0,0]]");
        let m = messages(&load_file("d.geojson", text.as_bytes())).join("\n");
        assert!(
            m.contains("feature district: exterior ring is clockwise"),
            "{m}"
        );
    }

    #[test]
    fn site_without_geometry_becomes_unplaced() {
        let text = GOOD.replace(
            r#""geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#,
            r#""geometry":null"#,
        );
        let load = load_file("e.geojson", text.as_bytes());
        assert_eq!(load.features[0].precision, Precision::None);
        assert!(messages(&load)
            .join("\n")
            .contains("listed without a place"));
    }

    #[test]
    fn non_http_links_are_dropped() {
        let text = GOOD.replace(
            r#""source_zh":"report","source_en":"report""#,
            r#""source_zh":"report","source_en":"report","link":"javascript:alert(1)""#,
        );
        let load = load_file("f.geojson", text.as_bytes());
        assert_eq!(load.features[1].link, None);
        assert!(messages(&load)
            .join("\n")
            .contains("not an http(s) address"));
    }

    #[test]
    fn a_bad_geometry_is_named_and_does_not_hide_the_rest_of_the_file() {
        for (bad, want) in [
            (
                r#"{"type":"Polygn","coordinates":[]}"#,
                "unknown type \"Polygn\"",
            ),
            (
                r#"{"type":"Point","coordinates":[]}"#,
                "a position has 0 number(s)",
            ),
            (
                r#"{"type":"Point","coordinates":"117,36"}"#,
                "not a valid GeoJSON geometry",
            ),
        ] {
            let text = GOOD.replace(
                r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#,
                bad,
            );
            let load = load_file("g.geojson", text.as_bytes());
            let m = messages(&load).join("\n");
            assert!(m.contains("g.geojson: feature district: geometry: "), "{m}");
            assert!(m.contains(want), "{m}");
            assert_eq!(load.features.len(), 2, "{m}");
        }
    }

    #[test]
    fn a_broken_feature_object_is_skipped_under_its_label() {
        let cases = [
            (
                r#""Placemark""#,
                "feature district: `type` is \"Placemark\"",
            ),
            (
                "null",
                "feature district: a feature must have \"type\": \"Feature\"",
            ),
        ];
        for (ty, want) in cases {
            let text = GOOD.replacen(r#""type":"Feature""#, &format!(r#""type":{ty}"#), 1);
            let load = load_file("h.geojson", text.as_bytes());
            let m = messages(&load).join("\n");
            assert!(m.contains(want), "{m}");
            assert_eq!(load.features.len(), 1, "{m}");
        }
        let text = r#"{"type":"FeatureCollection","features":[
            "oops",
            {"type":"Feature","id":"no-props","geometry":null},
            {"type":"Feature","properties":[1],"geometry":null}]}"#;
        let m = messages(&load_file("i.geojson", text.as_bytes())).join("\n");
        assert!(
            m.contains("feature #1: a feature must be a JSON object, found a string"),
            "{m}"
        );
        assert!(
            m.contains("feature no-props: feature has no properties"),
            "{m}"
        );
        assert!(
            m.contains("feature #3: `properties` must be an object, found an array"),
            "{m}"
        );
    }

    #[test]
    fn the_top_level_is_described_when_it_is_not_a_feature_collection() {
        let cases: [(&str, &str); 6] = [
            ("[]", "found an array"),
            ("\"text\"", "found a string"),
            (
                r#"{"type":"Feature","properties":{}}"#,
                "found a single Feature",
            ),
            (
                r#"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#,
                "found a bare LineString geometry",
            ),
            (
                r#"{"type":"FeatureCollection","features":{}}"#,
                "`features` must be an array of features, found an object",
            ),
            (r#"{"type":"FeatureCollection"}"#, "has no `features` array"),
        ];
        for (text, want) in cases {
            let load = load_file("j.geojson", text.as_bytes());
            let m = messages(&load).join("\n");
            assert!(
                m.contains("error: j.geojson: ") && m.contains(want),
                "{text}: {m}"
            );
        }
    }

    #[test]
    fn duplicate_keys_are_errors_naming_where_they_are() {
        let text = GOOD
            .replace(
                r#""name_en":"Shizhong","#,
                r#""name_en":"Shizhong","name_en":"Central","#,
            )
            .replacen(
                r#""type":"FeatureCollection","#,
                r#""type":"FeatureCollection","type":"FeatureCollection","#,
                1,
            )
            .replace(
                r#""type":"Polygon","#,
                r#""type":"Polygon","type":"Polygon","#,
            );
        let load = load_file("k.geojson", text.as_bytes());
        let m = messages(&load).join("\n");
        assert!(
            m.contains("error: k.geojson: key `type` appears twice in the top-level object"),
            "{m}"
        );
        assert!(m.contains("feature district: key `name_en` appears twice in `properties`; JSON keeps only the last value"), "{m}");
        assert!(
            m.contains("feature district: key `type` appears twice in `geometry`"),
            "{m}"
        );
        assert_eq!(
            load.features[0].names.en, "Central",
            "the feature still loads"
        );
        // Keys in different objects are not duplicates.
        assert!(load_file("l.geojson", GOOD.as_bytes()).problems.is_empty());
    }

    /// A feature with every property of the schema, all valid.
    fn full_feature() -> json::Object {
        use crate::plan::schema::Kind;
        PROPERTIES
            .iter()
            .map(|prop| {
                let v: JsonValue = match (prop.key, prop.kind) {
                    ("id", _) => "full".into(),
                    ("category", _) => "land".into(),
                    ("precision", _) => "approximate".into(),
                    ("zone", _) => "zone.west".into(),
                    ("name_pinyin", _) => "quan bu".into(),
                    ("link", _) => "https://example.com/".into(),
                    (_, Kind::Text) => format!("{} text", prop.key).into(),
                    (_, Kind::Bool) => true.into(),
                    (_, Kind::Number) => 800.0.into(),
                };
                (prop.key.to_string(), v)
            })
            .collect()
    }

    fn file_of(properties: json::Object) -> String {
        format!(
            r#"{{"type": "FeatureCollection", "features": [{{"type": "Feature", "properties": {},
              "geometry": {{"type": "Point", "coordinates": [117.0, 36.6]}}}}]}}"#,
            JsonValue::Object(properties)
        )
    }

    #[test]
    fn every_schema_property_is_read_with_its_type() {
        use crate::plan::schema::{value_of, Kind};
        let load = load_file("full.geojson", file_of(full_feature()).as_bytes());
        assert!(load.problems.is_empty(), "{:?}", messages(&load));
        let f = &load.features[0];
        for prop in PROPERTIES {
            // Every property reached the feature...
            assert_eq!(
                value_of(f, prop.key).as_ref(),
                full_feature().get(prop.key),
                "{}",
                prop.key
            );
            // ...and is typed as the schema says.
            let mut props = full_feature();
            props.insert(prop.key.into(), JsonValue::Array(vec![]));
            let m = messages(&load_file("typed.geojson", file_of(props).as_bytes())).join("\n");
            let want = match prop.kind {
                Kind::Text => "must be a string, found an array",
                Kind::Bool => "must be true or false, found an array",
                Kind::Number => "must be a number, found an array",
            };
            assert!(
                m.contains(&format!("property `{}` {want}", prop.key)),
                "{}: {m}",
                prop.key
            );
        }
        // Unknown keys are warned about, naming the key.
        let mut props = full_feature();
        props.insert("precison".into(), "site".into());
        let m = messages(&load_file("typo.geojson", file_of(props).as_bytes())).join("\n");
        assert!(m.contains("warning: typo.geojson: feature full: unknown property `precison`"));
    }

    #[test]
    fn required_properties_follow_the_schema() {
        use crate::plan::schema::Need;
        for prop in PROPERTIES {
            let mut props = full_feature();
            props.remove(prop.key);
            let load = load_file("need.geojson", file_of(props).as_bytes());
            let m = messages(&load).join("\n");
            let missing = format!("property `{}` is missing", prop.key);
            match prop.need {
                Need::Always => {
                    assert!(m.contains(&missing), "{m}");
                    assert!(load.features.is_empty(), "{}: skipped", prop.key);
                }
                Need::Quoted | Need::WithGeometry => {
                    assert!(m.contains(&missing), "{m}");
                    assert_eq!(load.features.len(), 1, "{}: still loads", prop.key);
                }
                Need::Optional => assert!(!m.contains("missing"), "{}: {m}", prop.key),
            }
        }
    }

    #[test]
    fn ids_are_plain() {
        assert!(valid_id("project.weilai-yungu_2"));
        assert!(!valid_id("has space") && !valid_id("") && !valid_id("<script>"));
    }
}
