//! Writing GeoJSON the way `geodata/` keeps it: one feature per line, properties in the
//! order of [`super::schema::PROPERTIES`], coordinates rounded to 6 decimals (≈ 0.1 m) —
//! diff-friendly for planners.

use super::feature::PlanFeature;
use super::json::{write_string, Value};
use super::schema;
use geo::{Coord, Geometry, LineString, Polygon};
use std::fmt::Write;

/// A feature to write: ordered properties and an optional geometry (WGS84).
pub struct OutFeature {
    pub properties: Vec<(String, Value)>,
    pub geometry: Option<Geometry<f64>>,
}

impl OutFeature {
    pub fn new(geometry: Option<Geometry<f64>>) -> Self {
        OutFeature {
            properties: vec![],
            geometry,
        }
    }

    /// Add a pair of properties `{key}_zh` and `{key}_en` (builder style).
    pub fn with_both(self, key: &str, zh: impl Into<Value>, en: impl Into<Value>) -> Self {
        self.with(&format!("{key}_zh"), zh)
            .with(&format!("{key}_en"), en)
    }

    /// A loaded feature, with every property it has.
    pub fn of(f: &PlanFeature) -> Self {
        OutFeature {
            properties: schema::values(f)
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            geometry: f.geometry.clone(),
        }
    }

    /// Add a property (builder style). Only the schema's keys are written.
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        debug_assert!(
            schema::property(key).is_some(),
            "`{key}` is not in plan::schema"
        );
        self.properties.push((key.to_string(), value.into()));
        self
    }
}

/// A number with at most 6 decimals and no trailing zeros.
pub fn fmt_coord(v: f64) -> String {
    crate::number::fixed(v, 6)
}

fn position(out: &mut String, c: Coord<f64>) {
    let _ = write!(out, "[{},{}]", fmt_coord(c.x), fmt_coord(c.y));
}

fn line(out: &mut String, l: &LineString<f64>) {
    out.push('[');
    for (i, c) in l.0.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        position(out, *c);
    }
    out.push(']');
}

fn polygon(out: &mut String, p: &Polygon<f64>) {
    out.push('[');
    line(out, p.exterior());
    for h in p.interiors() {
        out.push(',');
        line(out, h);
    }
    out.push(']');
}

fn list<T>(out: &mut String, items: &[T], each: impl Fn(&mut String, &T)) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        each(out, item);
    }
    out.push(']');
}

/// The GeoJSON text of one geometry (`null` for kinds `geodata/` never holds).
pub fn geometry_json(g: &Geometry<f64>) -> String {
    let mut body = String::new();
    let kind = match g {
        Geometry::Point(p) => {
            position(&mut body, p.0);
            "Point"
        }
        Geometry::MultiPoint(mp) => {
            list(&mut body, &mp.0, |o, p| position(o, p.0));
            "MultiPoint"
        }
        Geometry::LineString(l) => {
            line(&mut body, l);
            "LineString"
        }
        Geometry::MultiLineString(ml) => {
            list(&mut body, &ml.0, line);
            "MultiLineString"
        }
        Geometry::Polygon(p) => {
            polygon(&mut body, p);
            "Polygon"
        }
        Geometry::MultiPolygon(mp) => {
            list(&mut body, &mp.0, polygon);
            "MultiPolygon"
        }
        _ => return "null".into(),
    };
    format!(r#"{{"type":"{kind}","coordinates":{body}}}"#)
}

/// A FeatureCollection, one feature per line, each feature's properties in schema order.
pub fn feature_collection(features: &[OutFeature]) -> String {
    let mut out = String::from("{\"type\":\"FeatureCollection\",\"features\":[\n");
    for (i, f) in features.iter().enumerate() {
        out.push_str("{\"type\":\"Feature\",\"properties\":{");
        let mut properties: Vec<&(String, Value)> = f.properties.iter().collect();
        crate::sort::sort_by_key(&mut properties, |(k, _)| schema::rank(k));
        for (j, (k, v)) in properties.into_iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            write_string(&mut out, k);
            let _ = write!(out, ":{v}");
        }
        out.push_str("},\"geometry\":");
        match &f.geometry {
            Some(g) => out.push_str(&geometry_json(g)),
            None => out.push_str("null"),
        }
        out.push('}');
        out.push_str(if i + 1 < features.len() { ",\n" } else { "\n" });
    }
    out.push_str("]}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load::load_file;
    use geo::{point, polygon};

    #[test]
    fn numbers_are_short() {
        assert_eq!(fmt_coord(116.9), "116.9");
        assert_eq!(fmt_coord(36.6511234567), "36.651123");
        assert_eq!(fmt_coord(-0.0000001), "0");
    }

    #[test]
    fn output_loads_back() {
        let poly = polygon![(x: 117.0, y: 36.6), (x: 117.1, y: 36.6), (x: 117.1, y: 36.7)];
        let fs = vec![
            OutFeature::new(Some(poly.into()))
                .with("id", "z")
                .with("name_zh", "区")
                .with("name_en", "Zone")
                .with("category", "zone")
                .with("precision", "approximate")
                .with("quote", "q")
                .with_both("source", "资料", "s")
                .with_both("position_source", "位置", "p"),
            OutFeature::new(Some(point!(x: 117.0, y: 36.6).into()))
                .with("id", "l")
                .with("name_zh", "地标")
                .with("name_en", "Landmark")
                .with("category", "landmark")
                .with("precision", "site")
                .with_both("source", "资料", "s")
                .with_both("position_source", "位置", "p"),
        ];
        let text = feature_collection(&fs);
        let load = load_file("t.geojson", text.as_bytes());
        assert!(load.problems.is_empty(), "{:?}", load.problems);
        assert_eq!(load.features.len(), 2);
        assert_eq!(text.lines().count(), 4);
    }
}
