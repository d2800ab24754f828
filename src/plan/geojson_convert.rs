//! GeoJSON geometry → `geo` geometry, checking every position on the way. The `geojson`
//! crate's own conversion indexes positions blindly (a one-number position would panic), so
//! the loader uses this instead.

use geo::{Coord, Geometry, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon};
use geojson::{GeometryValue, Position};

fn coord(p: &Position) -> Result<Coord<f64>, String> {
    let s = p.as_slice();
    if s.len() < 2 {
        return Err(format!(
            "a position has {} number(s); it needs longitude and latitude",
            s.len()
        ));
    }
    let (x, y) = (s[0], s[1]);
    if !x.is_finite() || !y.is_finite() {
        return Err("a position is not a finite number".into());
    }
    if !(-180.0..=180.0).contains(&x) || !(-90.0..=90.0).contains(&y) {
        return Err(format!(
            "position [{x}, {y}] is outside WGS84 longitude/latitude ranges"
        ));
    }
    Ok(Coord { x, y })
}

fn line(ps: &[Position], min: usize, what: &str) -> Result<LineString<f64>, String> {
    if ps.len() < min {
        return Err(format!(
            "a {what} has {} position(s); it needs at least {min}",
            ps.len()
        ));
    }
    ps.iter()
        .map(coord)
        .collect::<Result<Vec<_>, _>>()
        .map(LineString::new)
}

fn ring(ps: &[Position]) -> Result<LineString<f64>, String> {
    let ring = line(ps, 4, "polygon ring")?;
    if ring.0.first() != ring.0.last() {
        return Err("a polygon ring is not closed (first and last positions differ)".into());
    }
    Ok(ring)
}

fn polygon(rings: &[Vec<Position>]) -> Result<Polygon<f64>, String> {
    let Some((outer, holes)) = rings.split_first() else {
        return Err("a polygon has no rings".into());
    };
    let holes = holes
        .iter()
        .map(|r| ring(r))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Polygon::new(ring(outer)?, holes))
}

fn non_empty<T>(items: Vec<T>, what: &str) -> Result<Vec<T>, String> {
    if items.is_empty() {
        Err(format!("the {what} is empty"))
    } else {
        Ok(items)
    }
}

/// Convert and check one GeoJSON geometry value.
pub fn to_geo(value: &GeometryValue) -> Result<Geometry<f64>, String> {
    Ok(match value {
        GeometryValue::Point { coordinates } => Point(coord(coordinates)?).into(),
        GeometryValue::MultiPoint { coordinates } => {
            let pts = coordinates
                .iter()
                .map(|p| coord(p).map(Point))
                .collect::<Result<_, _>>()?;
            MultiPoint::new(non_empty(pts, "MultiPoint")?).into()
        }
        GeometryValue::LineString { coordinates } => line(coordinates, 2, "line")?.into(),
        GeometryValue::MultiLineString { coordinates } => {
            let ls = coordinates
                .iter()
                .map(|l| line(l, 2, "line"))
                .collect::<Result<_, _>>()?;
            MultiLineString::new(non_empty(ls, "MultiLineString")?).into()
        }
        GeometryValue::Polygon { coordinates } => polygon(coordinates)?.into(),
        GeometryValue::MultiPolygon { coordinates } => {
            let ps = coordinates
                .iter()
                .map(|p| polygon(p))
                .collect::<Result<_, _>>()?;
            MultiPolygon::new(non_empty(ps, "MultiPolygon")?).into()
        }
        GeometryValue::GeometryCollection { .. } => {
            return Err("GeometryCollection is not supported; use a Multi* geometry".into())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Geometry<f64>, String> {
        let g: geojson::Geometry = serde_json::from_str(json).map_err(|e| e.to_string())?;
        to_geo(&g.value)
    }

    #[test]
    fn accepts_valid_geometries() {
        assert!(parse(r#"{"type":"Point","coordinates":[117.0,36.6]}"#).is_ok());
        assert!(parse(r#"{"type":"LineString","coordinates":[[117,36],[117.1,36.1]]}"#).is_ok());
        let poly = r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#;
        assert!(matches!(parse(poly), Ok(Geometry::Polygon(_))));
    }

    #[test]
    fn rejects_bad_positions_and_shapes() {
        let bad = [
            (r#"{"type":"Point","coordinates":[117.0]}"#, "two or more"),
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
