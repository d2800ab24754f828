//! Reading one GeoJSON file into typed features. Loading never stops at the first problem:
//! it returns every feature it could read and every problem it found, each naming the file and
//! feature, so one bad feature never hides the rest.

use super::category::{Category, Precision};
use super::feature::{Figure, Names, PlanFeature};
use super::geojson_convert::to_geo;
use super::problem::Problem;
use geo::{Geometry, LineString};
use geojson::{GeoJson, JsonObject, JsonValue};

/// What came out of one file.
#[derive(Debug, Default)]
pub struct FileLoad {
    pub features: Vec<PlanFeature>,
    pub problems: Vec<Problem>,
}

/// Longest accepted file, in bytes: a guard against a runaway file freezing a phone.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Parse the bytes of `file` (its name relative to `geodata/`).
pub fn load_file(file: &str, bytes: &[u8]) -> FileLoad {
    let mut out = FileLoad::default();
    if bytes.len() > MAX_FILE_BYTES {
        out.problems.push(Problem::error(
            file,
            None,
            format!(
                "file is {} bytes; the limit is {MAX_FILE_BYTES}",
                bytes.len()
            ),
        ));
        return out;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            out.problems.push(Problem::error(
                file,
                None,
                format!(
                    "file is not valid UTF-8 (at byte {}); save it as UTF-8",
                    e.valid_up_to()
                ),
            ));
            return out;
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            out.problems.push(Problem::error(
                file,
                None,
                "file starts with a byte-order mark (BOM); RFC 8259 forbids it in JSON sent \
                 over the network — save as UTF-8 without BOM",
            ));
            rest
        }
        None => text,
    };
    let geojson: GeoJson = match serde_json::from_str(text) {
        Ok(g) => g,
        Err(e) => {
            out.problems.push(Problem::error(
                file,
                None,
                format!("not valid GeoJSON: {e}"),
            ));
            return out;
        }
    };
    let GeoJson::FeatureCollection(collection) = geojson else {
        out.problems.push(Problem::error(
            file,
            None,
            "the top level must be a FeatureCollection",
        ));
        return out;
    };
    for (index, feature) in collection.features.iter().enumerate() {
        let label = feature_label(feature, index);
        match read_feature(file, &label, feature, &mut out.problems) {
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

/// The id if it has a usable one, else its position in the file (`#3`, counting from 1).
fn feature_label(feature: &geojson::Feature, index: usize) -> String {
    feature
        .properties
        .as_ref()
        .and_then(|p| p.get("id"))
        .and_then(JsonValue::as_str)
        .filter(|id| valid_id(id))
        .map(str::to_string)
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

/// Every property the loader reads; anything else gets a warning (usually a typo).
pub const KNOWN_PROPERTIES: &[&str] = &[
    "id",
    "name_zh",
    "name_en",
    "short_zh",
    "short_en",
    "category",
    "precision",
    "schematic",
    "quote",
    "source",
    "position_source",
    "description_zh",
    "description_en",
    "zone",
    "in_belt",
    "uncertainty_m",
    "segment",
    "value",
    "display_zh",
    "display_en",
    "target",
    "link",
    "adcode",
    "clipped_to_map_extent",
];

/// Typed access to properties, recording a problem for each missing or mistyped value.
struct Props<'a> {
    file: &'a str,
    label: &'a str,
    map: &'a JsonObject,
    problems: &'a mut Vec<Problem>,
    fatal: bool,
}

impl Props<'_> {
    fn error(&mut self, message: String) {
        self.problems
            .push(Problem::error(self.file, Some(self.label), message));
    }

    /// An optional string: absent or null is `None`; any other type is an error.
    fn opt_str(&mut self, key: &str) -> Option<String> {
        match self.map.get(key) {
            None | Some(JsonValue::Null) => None,
            Some(JsonValue::String(s)) => Some(s.clone()),
            Some(other) => {
                self.error(format!(
                    "property `{key}` must be a string, found {}",
                    kind(other)
                ));
                None
            }
        }
    }

    /// A required, non-blank string; its absence makes the feature unusable.
    fn req_str(&mut self, key: &str) -> Option<String> {
        let had = self.map.contains_key(key);
        match self.opt_str(key) {
            Some(s) if !s.trim().is_empty() => Some(s),
            Some(_) => {
                self.error(format!("property `{key}` is empty"));
                self.fatal = true;
                None
            }
            None => {
                if !had {
                    self.error(format!("property `{key}` is missing"));
                }
                self.fatal = true;
                None
            }
        }
    }

    fn opt_bool(&mut self, key: &str) -> Option<bool> {
        match self.map.get(key) {
            None | Some(JsonValue::Null) => None,
            Some(JsonValue::Bool(b)) => Some(*b),
            Some(other) => {
                self.error(format!(
                    "property `{key}` must be true or false, found {}",
                    kind(other)
                ));
                None
            }
        }
    }

    /// An optional pair `{key}_zh` / `{key}_en`: both or neither.
    fn opt_names(&mut self, key: &str) -> Option<Names> {
        match (
            self.opt_str(&format!("{key}_zh")),
            self.opt_str(&format!("{key}_en")),
        ) {
            (Some(zh), Some(en)) => Some(Names { zh, en }),
            (None, None) => None,
            _ => {
                self.error(format!("`{key}_zh` and `{key}_en` must come together"));
                None
            }
        }
    }

    fn opt_number(&mut self, key: &str) -> Option<f64> {
        match self.map.get(key) {
            None | Some(JsonValue::Null) => None,
            Some(JsonValue::Number(n)) => match n.as_f64() {
                Some(v) if v.is_finite() => Some(v),
                _ => {
                    self.error(format!("property `{key}` is not a finite number"));
                    None
                }
            },
            Some(other) => {
                self.error(format!(
                    "property `{key}` must be a number, found {}",
                    kind(other)
                ));
                None
            }
        }
    }
}

fn kind(v: &JsonValue) -> &'static str {
    match v {
        JsonValue::Null => "null",
        JsonValue::Bool(_) => "a boolean",
        JsonValue::Number(_) => "a number",
        JsonValue::String(_) => "a string",
        JsonValue::Array(_) => "an array",
        JsonValue::Object(_) => "an object",
    }
}

fn read_feature(
    file: &str,
    label: &str,
    feature: &geojson::Feature,
    problems: &mut Vec<Problem>,
) -> Option<PlanFeature> {
    let empty = JsonObject::new();
    let map = feature.properties.as_ref().unwrap_or(&empty);
    let mut p = Props {
        file,
        label,
        map,
        problems,
        fatal: false,
    };
    if feature.properties.is_none() {
        p.error("feature has no properties".into());
        p.fatal = true;
    }

    let id = p.req_str("id");
    if let Some(id) = &id {
        if !valid_id(id) {
            p.error(format!(
                "id {id:?} must be 1–80 characters of a–z, A–Z, 0–9, '-', '_' or '.'"
            ));
            p.fatal = true;
        }
    }
    let name_zh = p.req_str("name_zh");
    let name_en = p.req_str("name_en");
    let category = p.req_str("category").and_then(|c| {
        c.parse::<Category>()
            .map_err(|e| {
                p.error(e);
                p.fatal = true;
            })
            .ok()
    });
    let mut precision = p.req_str("precision").and_then(|c| {
        c.parse::<Precision>()
            .map_err(|e| {
                p.error(e);
                p.fatal = true;
            })
            .ok()
    });
    let source = p.req_str("source");
    let quote = p.opt_str("quote").filter(|q| !q.trim().is_empty());
    let position_source = p.opt_str("position_source");
    let description = p.opt_names("description");
    let short = p.opt_names("short");
    let schematic = p.opt_bool("schematic").unwrap_or(false);
    let zone = p.opt_str("zone");
    let in_belt = p.opt_bool("in_belt");
    let segment = p.opt_str("segment");
    let uncertainty_m = p.opt_number("uncertainty_m");
    if uncertainty_m.is_some_and(|u| u <= 0.0) {
        p.error("`uncertainty_m` must be positive".into());
    }
    let link = p.opt_str("link").filter(|l| {
        let ok = l.starts_with("https://") || l.starts_with("http://");
        if !ok {
            p.error(format!(
                "link {l:?} is not an http(s) address; it is ignored"
            ));
        }
        ok
    });
    let figure = p.opt_number("value").map(|value| {
        let display = p.opt_names("display").unwrap_or_else(|| Names {
            zh: value.to_string(),
            en: value.to_string(),
        });
        Figure {
            value,
            display,
            is_target: p.opt_bool("target").unwrap_or(false),
        }
    });
    for key in map
        .keys()
        .filter(|k| !KNOWN_PROPERTIES.contains(&k.as_str()))
    {
        p.problems.push(Problem::warning(
            file,
            Some(label),
            format!("unknown property `{key}` (a typo?); it is ignored"),
        ));
    }

    let geometry = match &feature.geometry {
        None => None,
        Some(g) => match to_geo(&g.value) {
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
        if category.needs_quote() && quote.is_none() {
            p.error(format!(
                "property `quote` is missing: a {category} feature must quote the report"
            ));
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
        if geometry.is_some() && position_source.is_none() {
            p.error(
                "property `position_source` is missing: say where the position came from".into(),
            );
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
        category: category?,
        precision: precision?,
        schematic,
        quote,
        source: source?,
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
    })
}

/// Twice the signed area of a ring in lon/lat: positive when counter-clockwise.
fn signed_area2(ring: &LineString<f64>) -> f64 {
    ring.0
        .windows(2)
        .map(|w| w[0].x * w[1].y - w[1].x * w[0].y)
        .sum()
}

/// RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise. Also catches rings
/// with no area at all.
fn winding_problems(g: &Geometry<f64>) -> Vec<String> {
    let polygons: Vec<&geo::Polygon<f64>> = match g {
        Geometry::Polygon(p) => vec![p],
        Geometry::MultiPolygon(mp) => mp.0.iter().collect(),
        _ => return vec![],
    };
    let mut out = vec![];
    for (i, poly) in polygons.iter().enumerate() {
        let which = if polygons.len() > 1 {
            format!("polygon {} ", i + 1)
        } else {
            String::new()
        };
        let a = signed_area2(poly.exterior());
        if a == 0.0 {
            out.push(format!("{which}exterior ring has no area (degenerate)"));
        } else if a < 0.0 {
            out.push(format!(
                "{which}exterior ring is clockwise; RFC 7946 wants counter-clockwise (right-hand rule)"
            ));
        }
        for (h, hole) in poly.interiors().iter().enumerate() {
            if signed_area2(hole) > 0.0 {
                out.push(format!(
                    "{which}hole {} is counter-clockwise; RFC 7946 wants clockwise",
                    h + 1
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"district","name_zh":"市中区","name_en":"Shizhong",
        "category":"district","precision":"site","quote":"市中区是济南市的中心城区",
        "source":"cnmaps","position_source":"cnmaps"},
       "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
      {"type":"Feature","properties":{"id":"sky-road","name_zh":"空中天路","name_en":"Sky road",
        "category":"infrastructure","precision":"none","quote":"超前布局“空中天路”",
        "source":"report"},"geometry":null}
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
            r#""source":"report""#,
            r#""source":"report","link":"javascript:alert(1)""#,
        );
        let load = load_file("f.geojson", text.as_bytes());
        assert_eq!(load.features[1].link, None);
        assert!(messages(&load)
            .join("\n")
            .contains("not an http(s) address"));
    }

    #[test]
    fn ids_are_plain() {
        assert!(valid_id("project.weilai-yungu_2"));
        assert!(!valid_id("has space") && !valid_id("") && !valid_id("<script>"));
    }
}
