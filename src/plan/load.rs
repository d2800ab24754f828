//! Reading one GeoJSON file into typed features. Loading never stops at the first problem:
//! it returns every feature it could read and every problem it found, each naming the file and
//! feature, so one bad feature never hides the rest.

use super::category::{Category, Precision};
use super::feature::{Figure, Names, PlanFeature};
use super::geojson_convert::to_geo;
use super::problem::Problem;
use geo::{Geometry, LineString};
use geojson::{JsonObject, JsonValue};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// What came out of one file.
#[derive(Debug, Default)]
pub struct FileLoad {
    pub features: Vec<PlanFeature>,
    pub problems: Vec<Problem>,
}

/// Longest accepted file, in bytes: a guard against a runaway file freezing a phone.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Parse the bytes of `file` (its name relative to `geodata/`).
///
/// The file is read as plain JSON first, then each feature on its own: a feature with a
/// broken geometry or properties is reported under its id and skipped (or kept without a
/// place), and the rest of the file still loads.
pub fn load_file(file: &str, bytes: &[u8]) -> FileLoad {
    let mut out = FileLoad::default();
    let doc = match parse_document(bytes) {
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
    for d in doc.duplicates.iter().filter(|d| d.feature.is_none()) {
        out.problems.push(Problem::error(
            file,
            None,
            d.message("the top-level object"),
        ));
    }
    for (index, value) in features.iter().enumerate() {
        let label = feature_label(value, index);
        for d in doc.duplicates.iter().filter(|d| d.feature == Some(index)) {
            out.problems
                .push(Problem::error(file, Some(&label), d.message("the feature")));
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

/// A file's JSON, before any GeoJSON meaning is given to it.
struct Document {
    value: JsonValue,
    /// It started with a UTF-8 byte-order mark (reported, then ignored).
    bom: bool,
    duplicates: Vec<DuplicateKey>,
}

/// Bytes → JSON, with a message a person editing the file can act on when that fails.
fn parse_document(bytes: &[u8]) -> Result<Document, String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file is {} bytes; the limit is {MAX_FILE_BYTES}",
            bytes.len()
        ));
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(
            "file is not valid UTF-8: it is UTF-16 (it starts with a UTF-16 byte-order mark); \
             save it as UTF-8"
                .into(),
        );
    }
    if bytes.len() >= 2 && bytes[..2].contains(&0) {
        return Err(
            "file is not valid UTF-8: it looks like UTF-16 (it starts with a NUL byte); \
             save it as UTF-8"
                .into(),
        );
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        format!(
            "file is not valid UTF-8 (at byte {at}, line {line}); save it as UTF-8 — \
             GBK/GB18030 and other legacy encodings are not accepted"
        )
    })?;
    let (text, bom) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    if text.trim().is_empty() {
        return Err("file is empty; it must hold a FeatureCollection".into());
    }
    let mut state = ParseState::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let value = ValueSeed { state: &mut state }
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| format!("not valid GeoJSON: {e}{}", json_error_hint(text, &e)))?;
    Ok(Document {
        value,
        bom,
        duplicates: state.duplicates,
    })
}

/// A plain-words explanation for the JSON errors hand-edited files tend to have.
fn json_error_hint(text: &str, e: &serde_json::Error) -> &'static str {
    if e.to_string().starts_with("recursion limit exceeded") {
        return " (arrays or objects nested more than 128 deep)";
    }
    if !e.is_syntax() {
        return "";
    }
    // serde_json counts lines from 1 and columns in bytes from 1.
    let line = text
        .split('\n')
        .nth(e.line().saturating_sub(1))
        .unwrap_or("");
    let from = e.column().saturating_sub(2).min(line.len());
    let near = &line.as_bytes()[from..line.len().min(from + 12)];
    let has = |word: &[u8]| near.windows(word.len()).any(|w| w == word);
    if has(b"NaN") || has(b"Infinity") {
        " (NaN and Infinity are not JSON numbers: every coordinate must be a finite number)"
    } else {
        ""
    }
}

/// Where in the document a value sits.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// A key that appears twice in one JSON object. JSON parsers silently keep the last value,
/// which hides a copy-paste slip, so the loader reports it.
#[derive(Debug)]
struct DuplicateKey {
    /// Index in `features` when the object is inside a feature.
    feature: Option<usize>,
    /// Path to the object, relative to the feature when there is one.
    within: Vec<Step>,
    key: String,
}

impl DuplicateKey {
    fn message(&self, root: &str) -> String {
        let mut at = String::new();
        for step in &self.within {
            match step {
                Step::Key(k) if at.is_empty() => at.push_str(k),
                Step::Key(k) => {
                    at.push('.');
                    at.push_str(k);
                }
                Step::Index(i) => at.push_str(&format!("[{i}]")),
            }
        }
        let at = if at.is_empty() {
            root.to_string()
        } else {
            format!("`{at}`")
        };
        format!(
            "key `{}` appears twice in {at}; JSON keeps only the last value",
            self.key
        )
    }
}

#[derive(Default)]
struct ParseState {
    path: Vec<Step>,
    duplicates: Vec<DuplicateKey>,
}

impl ParseState {
    fn record_duplicate(&mut self, key: String) {
        let (feature, within) = match self.path.as_slice() {
            [Step::Key(f), Step::Index(i), rest @ ..] if f == "features" => (Some(*i), rest),
            all => (None, all),
        };
        self.duplicates.push(DuplicateKey {
            feature,
            within: within.to_vec(),
            key,
        });
    }
}

/// Builds a [`JsonValue`] like serde_json does, also recording duplicate keys with where
/// they are. serde_json's recursion limit still applies, so deep nesting is an error, not a
/// stack overflow.
struct ValueSeed<'a> {
    state: &'a mut ParseState,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = JsonValue;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<JsonValue, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = JsonValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<JsonValue, E> {
        Ok(JsonValue::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<JsonValue, E> {
        Ok(JsonValue::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<JsonValue, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<JsonValue, E> {
        Ok(v.into())
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<JsonValue, E> {
        serde_json::Number::from_f64(v)
            .map(JsonValue::Number)
            .ok_or_else(|| E::custom("a number is not finite"))
    }
    fn visit_str<E>(self, v: &str) -> Result<JsonValue, E> {
        Ok(JsonValue::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<JsonValue, E> {
        Ok(JsonValue::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonValue, A::Error> {
        let mut items = vec![];
        loop {
            self.state.path.push(Step::Index(items.len()));
            let item = seq.next_element_seed(ValueSeed {
                state: &mut *self.state,
            });
            self.state.path.pop();
            match item? {
                Some(v) => items.push(v),
                None => return Ok(JsonValue::Array(items)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonValue, A::Error> {
        let mut object = JsonObject::new();
        while let Some(key) = map.next_key::<String>()? {
            self.state.path.push(Step::Key(key.clone()));
            let value = map.next_value_seed(ValueSeed {
                state: &mut *self.state,
            });
            self.state.path.pop();
            let value = value?;
            if object.contains_key(&key) {
                self.state.record_duplicate(key.clone());
            }
            object.insert(key, value);
        }
        Ok(JsonValue::Object(object))
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
        Some(JsonValue::String(t)) => Some(format!("an object of type {t:?}")),
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

/// Every property the loader reads; anything else gets a warning (usually a typo).
pub const KNOWN_PROPERTIES: &[&str] = &[
    "id",
    "name_zh",
    "name_en",
    "name_pinyin",
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
                "`type` is {t:?}; a feature must have \"type\": \"Feature\""
            ));
            p.fatal = true;
        }
        _ => {
            p.error("a feature must have \"type\": \"Feature\"".into());
            p.fatal = true;
        }
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
    let pinyin = p.opt_str("name_pinyin").filter(|py| {
        let ok = py
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '\'');
        if !ok {
            p.error(format!(
                "`name_pinyin` {py:?} must be plain letters and spaces"
            ));
        }
        ok
    });
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

    let geometry = match feature.get("geometry") {
        None | Some(JsonValue::Null) => None,
        Some(g) => match geojson::Geometry::deserialize(g)
            .map_err(|e| format!("not a valid GeoJSON geometry: {e}"))
            .and_then(|g| to_geo(&g.value))
        {
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
        pinyin,
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

/// Twice the signed area of a ring in lon/lat: positive when counter-clockwise. Summed
/// relative to the first position: in absolute degrees (≈ 117 × 36) rounding alone leaves
/// about 1e-12 on a ring with no area — enough to read a flat ring as clockwise or not.
fn signed_area2(ring: &LineString<f64>) -> f64 {
    let Some(&origin) = ring.0.first() else {
        return 0.0;
    };
    ring.0
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0] - origin, w[1] - origin);
            a.x * b.y - b.x * a.y
        })
        .sum()
}

/// A ring whose area is zero up to rounding, measured against its bounding box: collinear or
/// repeated positions, or a symmetric bow-tie.
fn encloses_no_area(ring: &LineString<f64>, area2: f64) -> bool {
    use geo::BoundingRect;
    let box_area = ring.bounding_rect().map_or(0.0, |r| r.width() * r.height());
    area2.abs() <= 1e-9 * box_area
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
        if encloses_no_area(poly.exterior(), a) {
            out.push(format!(
                "{which}exterior ring encloses no area (degenerate: its positions are \
                 collinear or repeated, or it crosses itself)"
            ));
        } else if a < 0.0 {
            out.push(format!(
                "{which}exterior ring is clockwise; RFC 7946 wants counter-clockwise (right-hand rule)"
            ));
        }
        for (h, hole) in poly.interiors().iter().enumerate() {
            let a = signed_area2(hole);
            if encloses_no_area(hole, a) {
                out.push(format!(
                    "{which}hole {} encloses no area (degenerate)",
                    h + 1
                ));
            } else if a > 0.0 {
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
    fn a_bad_geometry_is_named_and_does_not_hide_the_rest_of_the_file() {
        for (bad, want) in [
            (
                r#"{"type":"Polygn","coordinates":[]}"#,
                "unknown variant `Polygn`",
            ),
            (
                r#"{"type":"Point","coordinates":[]}"#,
                "two or more elements",
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

    #[test]
    fn unreadable_text_gets_a_plain_explanation() {
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend("{\"type\"".encode_utf16().flat_map(u16::to_le_bytes));
        let utf16_no_bom: Vec<u8> = "{}".encode_utf16().flat_map(u16::to_be_bytes).collect();
        let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let cases: [(&[u8], &str); 9] = [
            (b"", "file is empty"),
            (b" \n\t", "file is empty"),
            (b"\xef\xbb\xbf", "file is empty"),
            (&utf16, "it is UTF-16"),
            (&utf16_no_bom, "it looks like UTF-16"),
            // "市中" in GB18030.
            (
                b"{\"name\":\"\xca\xd0\xd6\xd0\"}",
                "not valid UTF-8 (at byte 9, line 1)",
            ),
            (b"{\"a\":[NaN]}", "NaN and Infinity are not JSON numbers"),
            (b"{\"a\":[1e999]}", "number out of range"),
            (nested.as_bytes(), "recursion limit exceeded"),
        ];
        for (bytes, want) in cases {
            let m = messages(&load_file("m.geojson", bytes)).join("\n");
            assert!(m.contains(want), "{want}: {m}");
        }
        let m = messages(&load_file("n.geojson", b"{\"a\":[1,2,]}")).join("\n");
        assert!(!m.contains("NaN"), "no hint for other syntax errors: {m}");
    }

    #[test]
    fn flat_rings_are_degenerate_despite_rounding() {
        // Three collinear positions: in absolute degrees the shoelace sum is ±9e-13, not 0,
        // which used to read as clockwise one way round and pass unnoticed the other.
        let flat = "[116.9712,36.6301],[116.9813,36.6402],[116.9914,36.6503]";
        let back = "[116.9712,36.6301],[116.9914,36.6503],[116.9813,36.6402]";
        for ring in [flat, back] {
            let text = GOOD.replace(
                "[[0,0],[1,0],[1,1],[0,0]]",
                &format!("[{ring},[116.9712,36.6301]]"),
            );
            let m = messages(&load_file("o.geojson", text.as_bytes())).join("\n");
            assert!(
                m.contains("feature district: exterior ring encloses no area"),
                "{m}"
            );
            assert!(!m.contains("clockwise"), "{m}");
        }
        // A proper ring with a flat hole.
        let text = GOOD.replace(
            "[[0,0],[1,0],[1,1],[0,0]]",
            "[[0,0],[1,0],[1,1],[0,0]],[[0.5,0.2],[0.6,0.3],[0.7,0.4],[0.5,0.2]]",
        );
        let m = messages(&load_file("p.geojson", text.as_bytes())).join("\n");
        assert!(
            m.contains("feature district: hole 1 encloses no area"),
            "{m}"
        );
        // A thin but real sliver is not degenerate.
        let text = GOOD.replace(
            "[[0,0],[1,0],[1,1],[0,0]]",
            "[[116.9,36.6],[117.0,36.7],[116.99999,36.70001],[116.9,36.6]]",
        );
        assert!(load_file("q.geojson", text.as_bytes()).problems.is_empty());
    }

    #[test]
    fn ids_are_plain() {
        assert!(valid_id("project.weilai-yungu_2"));
        assert!(!valid_id("has space") && !valid_id("") && !valid_id("<script>"));
    }
}
