//! A GeoJSON geometry (a [`Value`] from [`super::json`]) → a `geo` geometry, checking every
//! level on the way: the type, the nesting of `coordinates`, each position (2 numbers, or 3
//! with the altitude ignored, inside WGS84's ranges), line lengths, closed rings, and empty
//! multi-geometries. Each message says what is wrong in words; the ones about the structure
//! say what that type's `coordinates` should look like.

use super::json::{kind, Value};
use crate::number::shortest;
use crate::quote::quoted;
use geo::{Coord, Geometry, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon};

/// The types the map draws, and what their `coordinates` are.
const TYPES: [(&str, &str); 6] = [
    ("Point", "one position [lon, lat]"),
    ("MultiPoint", "an array of positions [lon, lat]"),
    ("LineString", "an array of positions [lon, lat]"),
    (
        "MultiLineString",
        "an array of lines, each an array of positions [lon, lat]",
    ),
    (
        "Polygon",
        "an array of rings, each an array of positions [lon, lat]",
    ),
    (
        "MultiPolygon",
        "an array of polygons, each an array of rings of positions [lon, lat]",
    ),
];

fn invalid(why: impl std::fmt::Display) -> String {
    format!("not a valid GeoJSON geometry: {why}")
}

/// Reads the `coordinates` of one geometry of type `ty`.
struct Reader {
    ty: &'static str,
    shape: &'static str,
}

impl Reader {
    /// A structural fault: what was found, and what this type's coordinates look like.
    fn shape_error(&self, what: &str, found: &Value) -> String {
        invalid(format!(
            "{what}, found {}; a {}'s `coordinates` are {}",
            kind(found),
            self.ty,
            self.shape
        ))
    }

    fn array<'v>(&self, v: &'v Value, of: &str) -> Result<&'v [Value], String> {
        v.as_array()
            .ok_or_else(|| self.shape_error(&format!("{of} must be an array"), v))
    }

    fn coord(&self, p: &Value) -> Result<Coord<f64>, String> {
        let items = self.array(p, "a position")?;
        let mut numbers = [0.0; 2];
        for (i, item) in items.iter().enumerate() {
            match item {
                Value::Number(n) if i < 2 => numbers[i] = *n,
                Value::Number(_) => {}
                other => return Err(self.shape_error("a position must hold numbers", other)),
            }
        }
        if items.len() < 2 {
            return Err(format!(
                "a position has {} number(s); it needs longitude and latitude",
                items.len()
            ));
        }
        if items.len() > 3 {
            return Err(format!(
                "a position has {} numbers; it takes longitude, latitude and at most an altitude",
                items.len()
            ));
        }
        let [x, y] = numbers;
        if !x.is_finite() || !y.is_finite() {
            return Err("a position is not a finite number".into());
        }
        if !(-180.0..=180.0).contains(&x) || !(-90.0..=90.0).contains(&y) {
            return Err(format!(
                "position [{}, {}] is outside WGS84 longitude/latitude ranges",
                shortest(x),
                shortest(y)
            ));
        }
        Ok(Coord { x, y })
    }

    fn line(&self, v: &Value, of: &str, min: usize, what: &str) -> Result<LineString<f64>, String> {
        // Positions first: a level of nesting missing shows as numbers where positions
        // should be, which says more than a count would.
        let ps = self.array(v, of)?;
        let ps = ps
            .iter()
            .map(|p| self.coord(p))
            .collect::<Result<Vec<_>, _>>()?;
        if ps.len() < min {
            return Err(format!(
                "a {what} has {} position(s); it needs at least {min}",
                ps.len()
            ));
        }
        Ok(LineString::new(ps))
    }

    fn ring(&self, v: &Value) -> Result<LineString<f64>, String> {
        let ring = self.line(v, "a ring", 4, "polygon ring")?;
        if ring.0.first() != ring.0.last() {
            return Err("a polygon ring is not closed (first and last positions differ)".into());
        }
        Ok(ring)
    }

    fn polygon(&self, v: &Value, of: &str) -> Result<Polygon<f64>, String> {
        let rings = self.array(v, of)?;
        let Some((outer, holes)) = rings.split_first() else {
            return Err("a polygon has no rings".into());
        };
        let outer = self.ring(outer)?;
        let holes = holes
            .iter()
            .map(|r| self.ring(r))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Polygon::new(outer, holes))
    }

    /// The items of a Multi* geometry, each read by `each`; there must be at least one.
    fn many<T>(
        &self,
        v: &Value,
        each: impl Fn(&Value) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        let items = self.array(v, "`coordinates`")?;
        if items.is_empty() {
            return Err(format!("the {} is empty", self.ty));
        }
        items.iter().map(each).collect()
    }
}

/// Read and check one GeoJSON geometry object.
pub fn to_geo(geometry: &Value) -> Result<Geometry<f64>, String> {
    let Value::Object(g) = geometry else {
        return Err(invalid(format!(
            "a geometry must be an object, found {}",
            kind(geometry)
        )));
    };
    let ty = match g.get("type") {
        Some(Value::String(t)) => t.as_str(),
        None => return Err(invalid("it has no `type`")),
        Some(other) => {
            return Err(invalid(format!(
                "`type` must be a string, found {}",
                kind(other)
            )))
        }
    };
    if ty == "GeometryCollection" {
        return Err("GeometryCollection is not supported; use a Multi* geometry".into());
    }
    let Some(&(ty, shape)) = TYPES.iter().find(|(t, _)| *t == ty) else {
        let names: Vec<&str> = TYPES.iter().map(|(t, _)| *t).collect();
        let hint = match TYPES.iter().find(|(t, _)| t.eq_ignore_ascii_case(ty)) {
            Some((t, _)) => format!(
                "; did you mean {t}? (types are case-sensitive)",
                t = quoted(t)
            ),
            None => format!(" (known: {})", names.join(", ")),
        };
        return Err(invalid(format!("unknown type {ty}{hint}", ty = quoted(ty))));
    };
    let Some(coordinates) = g.get("coordinates") else {
        return Err(invalid(format!("a {ty} needs `coordinates`")));
    };
    let r = Reader { ty, shape };
    let c = coordinates;
    Ok(match ty {
        "Point" => Point(r.coord(c)?).into(),
        "MultiPoint" => MultiPoint::new(r.many(c, |p| r.coord(p).map(Point))?).into(),
        "LineString" => r.line(c, "`coordinates`", 2, "line")?.into(),
        "MultiLineString" => {
            MultiLineString::new(r.many(c, |l| r.line(l, "a line", 2, "line"))?).into()
        }
        "Polygon" => r.polygon(c, "`coordinates`")?.into(),
        _ => MultiPolygon::new(r.many(c, |p| r.polygon(p, "a polygon"))?).into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Geometry<f64>, String> {
        const GEOMETRY: crate::plan::json::Expected = crate::plan::json::Expected {
            format: "JSON",
            holding: "a geometry",
        };
        to_geo(&crate::plan::json::parse(json.as_bytes(), GEOMETRY)?.value)
    }

    #[test]
    fn accepts_valid_geometries() {
        assert!(parse(r#"{"type":"Point","coordinates":[117.0,36.6]}"#).is_ok());
        assert!(parse(r#"{"type":"LineString","coordinates":[[117,36],[117.1,36.1]]}"#).is_ok());
        let poly = r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#;
        assert!(matches!(parse(poly), Ok(Geometry::Polygon(_))));
        // A third number (altitude) is ignored; other members (bbox) too.
        assert_eq!(
            parse(r#"{"type":"Point","coordinates":[117,36.5,40],"bbox":[1]}"#),
            Ok(geo::point!(x: 117.0, y: 36.5).into())
        );
        let multi = r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]],
            [[0.2,0.2],[0.8,0.8],[0.8,0.2],[0.2,0.2]]],[[[2,2],[3,2],[3,3],[2,2]]]]}"#;
        let Ok(Geometry::MultiPolygon(mp)) = parse(multi) else {
            panic!("{:?}", parse(multi))
        };
        assert_eq!((mp.0.len(), mp.0[0].interiors().len()), (2, 1));
        let lines = r#"{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}"#;
        assert!(matches!(parse(lines), Ok(Geometry::MultiLineString(l)) if l.0.len() == 2));
        let points = r#"{"type":"MultiPoint","coordinates":[[0,0],[1,1]]}"#;
        assert!(matches!(parse(points), Ok(Geometry::MultiPoint(p)) if p.0.len() == 2));
    }

    #[test]
    fn rejects_bad_positions_and_shapes() {
        let bad = [
            (
                r#"{"type":"Point","coordinates":[117.0]}"#,
                "a position has 1 number(s); it needs longitude and latitude",
            ),
            (
                r#"{"type":"Point","coordinates":[]}"#,
                "a position has 0 number(s)",
            ),
            (
                r#"{"type":"Point","coordinates":[117,36,1,2]}"#,
                "a position has 4 numbers; it takes longitude, latitude and at most an altitude",
            ),
            (
                r#"{"type":"Point","coordinates":[117,"36"]}"#,
                "not a valid GeoJSON geometry: a position must hold numbers, found a string; \
                 a Point's `coordinates` are one position [lon, lat]",
            ),
            (
                r#"{"type":"Point","coordinates":"117,36"}"#,
                "not a valid GeoJSON geometry: a position must be an array, found a string",
            ),
            (
                r#"{"type":"Polygon","coordinates":[[0,0],[1,0],[1,1],[0,0]]}"#,
                "not a valid GeoJSON geometry: a position must be an array, found a number; \
                 a Polygon's `coordinates` are an array of rings, each an array of positions",
            ),
            (
                r#"{"type":"LineString","coordinates":[[[0,0],[1,1]]]}"#,
                "a position must hold numbers, found an array",
            ),
            (
                r#"{"type":"MultiPolygon","coordinates":{}}"#,
                "`coordinates` must be an array, found an object",
            ),
            (
                r#"{"type":"Polygn","coordinates":[]}"#,
                "not a valid GeoJSON geometry: unknown type \"Polygn\" (known: Point, MultiPoint, \
                 LineString, MultiLineString, Polygon, MultiPolygon)",
            ),
            (
                r#"{"type":"point","coordinates":[]}"#,
                "unknown type \"point\"; did you mean \"Point\"? (types are case-sensitive)",
            ),
            (
                r#"{"coordinates":[]}"#,
                "not a valid GeoJSON geometry: it has no `type`",
            ),
            (r#"{"type":7}"#, "`type` must be a string, found a number"),
            (r#"{"type":"Point"}"#, "a Point needs `coordinates`"),
            (r#"[]"#, "a geometry must be an object, found an array"),
            (
                r#"{"type":"MultiPoint","coordinates":[]}"#,
                "the MultiPoint is empty",
            ),
            (
                r#"{"type":"MultiLineString","coordinates":[]}"#,
                "the MultiLineString is empty",
            ),
            (
                r#"{"type":"MultiLineString","coordinates":[[[0,0]]]}"#,
                "a line has 1 position(s); it needs at least 2",
            ),
            (
                r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]],[[0,0],[1,0],[0,0]]]}"#,
                "a polygon ring has 3 position(s); it needs at least 4",
            ),
            (
                r#"{"type":"Point","coordinates":[200,36]}"#,
                "outside WGS84",
            ),
            (
                r#"{"type":"Point","coordinates":[117,-91]}"#,
                "outside WGS84",
            ),
            (
                r#"{"type":"LineString","coordinates":[[117,36]]}"#,
                "at least 2",
            ),
            (
                r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#,
                "not closed",
            ),
            (
                r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#,
                "at least 4",
            ),
            (r#"{"type":"Polygon","coordinates":[]}"#, "no rings"),
            (r#"{"type":"MultiPolygon","coordinates":[]}"#, "empty"),
            (
                r#"{"type":"GeometryCollection","geometries":[]}"#,
                "not supported",
            ),
        ];
        for (json, want) in bad {
            let err = parse(json).unwrap_err();
            assert!(err.contains(want), "{json}: {err}");
        }
    }
}
