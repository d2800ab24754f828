//! Ring checks the loader runs on every area: RFC 7946 winding (exterior rings
//! counter-clockwise, holes clockwise) and rings that enclose no area at all.
//!
//! ```
//! use geo::polygon;
//! use shizhong_map::plan::rings::winding_problems;
//! let clockwise = polygon![(x: 0.0, y: 0.0), (x: 0.0, y: 1.0), (x: 1.0, y: 1.0)];
//! assert_eq!(winding_problems(&clockwise.into()),
//!            ["exterior ring is clockwise; RFC 7946 wants counter-clockwise (right-hand rule)"]);
//! ```

use geo::{Geometry, LineString};

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
/// with no area at all. Other geometries have no rings and no problems.
pub fn winding_problems(g: &Geometry<f64>) -> Vec<String> {
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
    use geo::{Coord, MultiPolygon, Polygon};

    fn ring(points: &[(f64, f64)]) -> LineString<f64> {
        let mut ps: Vec<Coord<f64>> = points.iter().map(|&(x, y)| Coord { x, y }).collect();
        ps.push(ps[0]);
        LineString::new(ps)
    }

    fn problems(exterior: &[(f64, f64)], holes: &[&[(f64, f64)]]) -> Vec<String> {
        let poly = Polygon::new(ring(exterior), holes.iter().map(|h| ring(h)).collect());
        winding_problems(&poly.into())
    }

    const SQUARE: &[(f64, f64)] = &[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)];

    #[test]
    fn counter_clockwise_exterior_and_clockwise_holes_pass() {
        let hole: &[(f64, f64)] = &[(0.2, 0.2), (0.2, 0.8), (0.8, 0.8), (0.8, 0.2)];
        assert!(problems(SQUARE, &[hole]).is_empty());
        assert!(winding_problems(&geo::point!(x: 1.0, y: 2.0).into()).is_empty());
    }

    #[test]
    fn wrong_windings_are_named() {
        let reversed: Vec<(f64, f64)> = SQUARE.iter().rev().copied().collect();
        assert_eq!(
            problems(&reversed, &[]),
            ["exterior ring is clockwise; RFC 7946 wants counter-clockwise (right-hand rule)"]
        );
        let hole: &[(f64, f64)] = &[(0.2, 0.2), (0.8, 0.2), (0.8, 0.8), (0.2, 0.8)];
        assert_eq!(
            problems(SQUARE, &[hole]),
            ["hole 1 is counter-clockwise; RFC 7946 wants clockwise"]
        );
        // In a MultiPolygon the polygon is numbered.
        let mp = MultiPolygon::new(vec![
            Polygon::new(ring(SQUARE), vec![]),
            Polygon::new(ring(&reversed), vec![]),
        ]);
        assert_eq!(
            winding_problems(&mp.into()),
            ["polygon 2 exterior ring is clockwise; RFC 7946 wants counter-clockwise (right-hand rule)"]
        );
    }

    #[test]
    fn flat_rings_are_degenerate_despite_rounding() {
        // Three collinear positions: in absolute degrees the shoelace sum is ±9e-13, not 0,
        // which used to read as clockwise one way round and pass unnoticed the other.
        let flat = [
            (116.9712, 36.6301),
            (116.9813, 36.6402),
            (116.9914, 36.6503),
        ];
        let back = [
            (116.9712, 36.6301),
            (116.9914, 36.6503),
            (116.9813, 36.6402),
        ];
        for r in [&flat, &back] {
            let m = problems(r, &[]);
            assert_eq!(m.len(), 1, "{m:?}");
            assert!(m[0].starts_with("exterior ring encloses no area"), "{m:?}");
        }
        // A proper ring with a flat hole.
        let m = problems(SQUARE, &[&[(0.5, 0.2), (0.6, 0.3), (0.7, 0.4)]]);
        assert_eq!(m, ["hole 1 encloses no area (degenerate)"]);
        // A thin but real sliver is not degenerate.
        let sliver = [(116.9, 36.6), (117.0, 36.7), (116.99999, 36.70001)];
        assert!(problems(&sliver, &[]).is_empty());
    }
}
