//! Which zone, belt or axis a feature belongs to, computed from geometry. The info card shows
//! this, and the validator checks it against what the data declares.

use super::{Category, Plan, PlanFeature};
use crate::geometry::planar::{self, contains_point, distance_to, inner_point};
use geo::{Area, Coord, Euclidean, Geometry, InterpolatableLine, LineString, Point};

/// Metres per degree of latitude, and of longitude at Jinan's latitude (≈ 36.6°): enough for
/// tolerances of tens of metres over a district.
pub const M_PER_DEG_LAT: f64 = 110_950.0;
pub const M_PER_DEG_LON: f64 = 89_400.0;

/// Approximate ground distance in metres between two lon/lat points near Jinan.
pub fn metres_between(a: Coord<f64>, b: Coord<f64>) -> f64 {
    planar::hypot((a.x - b.x) * M_PER_DEG_LON, (a.y - b.y) * M_PER_DEG_LAT)
}

/// Approximate ground distance in metres from a point to a geometry (0 inside an area).
pub fn metres_to(p: Point<f64>, g: &Geometry<f64>) -> f64 {
    // Scale to local metres so that the planar distance is in metres.
    let to_m = |c: Coord<f64>| geo::coord! { x: c.x * M_PER_DEG_LON, y: c.y * M_PER_DEG_LAT };
    use geo::MapCoords;
    distance_to(&g.map_coords(to_m), to_m(p.0))
}

/// The point that stands for a feature: the point itself, the middle of a line, or a point
/// inside an area.
pub fn representative_point(g: &Geometry<f64>) -> Option<Point<f64>> {
    match g {
        Geometry::Point(p) => Some(*p),
        Geometry::LineString(l) => l.point_at_ratio_from_start(&Euclidean, 0.5),
        Geometry::MultiLineString(ml) => {
            ml.0.iter()
                .max_by(|a, b| line_len(a).total_cmp(&line_len(b)))
                .and_then(|l| l.point_at_ratio_from_start(&Euclidean, 0.5))
        }
        Geometry::Polygon(p) => inner_point(p).map(Point),
        Geometry::MultiPolygon(mp) => {
            mp.0.iter()
                .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))
                .and_then(inner_point)
                .map(Point)
        }
        Geometry::MultiPoint(mp) => mp.0.first().copied(),
        _ => None,
    }
}

fn line_len(l: &LineString<f64>) -> f64 {
    l.lines().map(|s| metres_between(s.start, s.end)).sum()
}

/// The zone whose area contains the feature's representative point.
pub fn zone_of<'a>(plan: &'a Plan, f: &PlanFeature) -> Option<&'a PlanFeature> {
    let p = representative_point(f.geometry.as_ref()?)?;
    plan.of_category(Category::Zone)
        .find(|z| z.geometry.as_ref().is_some_and(|g| contains_point(g, p.0)))
}

/// The belt corridor (the `belt` area).
pub fn belt_area(plan: &Plan) -> Option<&PlanFeature> {
    plan.of_category(Category::Belt).find(|b| {
        matches!(
            b.geometry,
            Some(Geometry::Polygon(_) | Geometry::MultiPolygon(_))
        )
    })
}

/// Whether the feature's representative point lies in the belt corridor.
pub fn in_belt(plan: &Plan, f: &PlanFeature) -> bool {
    let (Some(g), Some(belt)) = (f.geometry.as_ref(), belt_area(plan)) else {
        return false;
    };
    match (representative_point(g), belt.geometry.as_ref()) {
        (Some(p), Some(b)) => contains_point(b, p.0),
        _ => false,
    }
}

/// Distance within which a feature counts as "on the axis".
pub const AXIS_REACH_M: f64 = 600.0;

/// The axis segment the feature lies on (within [`AXIS_REACH_M`]), if any.
pub fn axis_segment_of<'a>(plan: &'a Plan, f: &PlanFeature) -> Option<&'a PlanFeature> {
    let p = representative_point(f.geometry.as_ref()?)?;
    plan.of_category(Category::Axis)
        .filter_map(|a| Some((a, metres_to(p, a.geometry.as_ref()?))))
        .filter(|(_, d)| *d <= AXIS_REACH_M)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(a, _)| a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{line_string, point, polygon};

    #[test]
    fn representative_points() {
        let l: Geometry<f64> = line_string![(x: 0.0, y: 0.0), (x: 2.0, y: 0.0)].into();
        assert_eq!(representative_point(&l), Some(point!(x: 1.0, y: 0.0)));
        let sq: Geometry<f64> =
            polygon![(x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 2.0, y: 2.0), (x: 0.0, y: 2.0)].into();
        let p = representative_point(&sq).unwrap();
        assert!(contains_point(&sq, p.0));
    }

    #[test]
    fn distances_in_metres() {
        let a = geo::coord! { x: 117.0, y: 36.6 };
        let b = geo::coord! { x: 117.01, y: 36.6 };
        assert!((metres_between(a, b) - 894.0).abs() < 1.0);
        let line: Geometry<f64> = line_string![(x: 117.0, y: 36.6), (x: 117.0, y: 36.7)].into();
        let d = metres_to(point!(x: 117.01, y: 36.65), &line);
        assert!((d - 894.0).abs() < 1.0, "{d}");
    }
}
