//! Small planar predicates the app needs at run time — point in polygon, distance to a
//! shape — written out here so the WASM does not carry `geo`'s general relate machinery
//! (DE-9IM graphs, spatial indexes) for two simple questions.
//!
//! ```
//! use shizhong_map::geometry::planar::{contains_point, distance_to};
//! use geo::{coord, polygon, Geometry};
//! let square: Geometry<f64> = polygon![(x: 0., y: 0.), (x: 4., y: 0.), (x: 4., y: 4.), (x: 0., y: 4.)].into();
//! assert!(contains_point(&square, coord! { x: 1.0, y: 1.0 }));
//! assert!(!contains_point(&square, coord! { x: 5.0, y: 1.0 }));
//! assert_eq!(distance_to(&square, coord! { x: 7.0, y: 4.0 }), 3.0);
//! assert_eq!(distance_to(&square, coord! { x: 2.0, y: 2.0 }), 0.0);
//! ```

use geo::{Coord, Geometry, LineString, Polygon};

/// The length of `(dx, dy)`. Not `f64::hypot`: its care for overflow and underflow is of no
/// use at map scales, and in the WASM it is a slow software routine (it showed in profiles of
/// the first map).
///
/// ```
/// assert_eq!(shizhong_map::geometry::planar::hypot(3.0, 4.0), 5.0);
/// ```
pub fn hypot(dx: f64, dy: f64) -> f64 {
    (dx * dx + dy * dy).sqrt()
}

/// Even–odd test against one ring.
fn in_ring(ring: &LineString<f64>, p: Coord<f64>) -> bool {
    let mut inside = false;
    for w in ring.0.windows(2) {
        let (a, b) = (w[0], w[1]);
        if (a.y > p.y) != (b.y > p.y) {
            let x = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y);
            if p.x < x {
                inside = !inside;
            }
        }
    }
    inside
}

fn in_polygon(poly: &Polygon<f64>, p: Coord<f64>) -> bool {
    in_ring(poly.exterior(), p) && !poly.interiors().iter().any(|h| in_ring(h, p))
}

/// Whether an area contains `p` (lines and points contain nothing).
pub fn contains_point(g: &Geometry<f64>, p: Coord<f64>) -> bool {
    match g {
        Geometry::Polygon(poly) => in_polygon(poly, p),
        Geometry::MultiPolygon(mp) => mp.0.iter().any(|poly| in_polygon(poly, p)),
        _ => false,
    }
}

/// A point well inside a polygon, for labels and membership: the middle of the widest
/// stretch inside it along one of a few horizontal lines. Cheap and always inside (for a
/// polygon with any area).
pub fn inner_point(poly: &Polygon<f64>) -> Option<Coord<f64>> {
    let ext = &poly.exterior().0;
    let (lo, hi) = ext
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| {
            (lo.min(c.y), hi.max(c.y))
        });
    if lo.partial_cmp(&hi) != Some(std::cmp::Ordering::Less) {
        return ext.first().copied();
    }
    let mut best: Option<(f64, Coord<f64>)> = None;
    for frac in [0.5, 0.3, 0.7, 0.15, 0.85] {
        // Nudged off round values so the line rarely passes exactly through a vertex.
        let y = lo + (hi - lo) * (frac + 1e-7);
        let mut xs: Vec<f64> = std::iter::once(poly.exterior())
            .chain(poly.interiors())
            .flat_map(|r| r.0.windows(2))
            .filter(|w| (w[0].y > y) != (w[1].y > y))
            .map(|w| w[0].x + (y - w[0].y) * (w[1].x - w[0].x) / (w[1].y - w[0].y))
            .collect();
        crate::sort::sort_by(&mut xs, f64::total_cmp);
        for pair in xs.chunks_exact(2) {
            let width = pair[1] - pair[0];
            if best.is_none_or(|(w, _)| width > w) {
                best = Some((
                    width,
                    Coord {
                        x: (pair[0] + pair[1]) / 2.0,
                        y,
                    },
                ));
            }
        }
    }
    best.map(|(_, c)| c).or_else(|| ext.first().copied())
}

fn segment_distance(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
}

fn line_distance(l: &LineString<f64>, p: Coord<f64>) -> f64 {
    match l.0.as_slice() {
        [only] => hypot(p.x - only.x, p.y - only.y),
        pts => pts
            .windows(2)
            .map(|w| segment_distance(p, w[0], w[1]))
            .fold(f64::INFINITY, f64::min),
    }
}

fn polygon_distance(poly: &Polygon<f64>, p: Coord<f64>) -> f64 {
    if in_polygon(poly, p) {
        return 0.0;
    }
    std::iter::once(poly.exterior())
        .chain(poly.interiors())
        .map(|r| line_distance(r, p))
        .fold(f64::INFINITY, f64::min)
}

/// Planar distance from `p` to a shape (0 inside an area; infinity for an empty one).
pub fn distance_to(g: &Geometry<f64>, p: Coord<f64>) -> f64 {
    match g {
        Geometry::Point(q) => hypot(p.x - q.x(), p.y - q.y()),
        Geometry::MultiPoint(mp) => {
            mp.0.iter()
                .map(|q| hypot(p.x - q.x(), p.y - q.y()))
                .fold(f64::INFINITY, f64::min)
        }
        Geometry::LineString(l) => line_distance(l, p),
        Geometry::MultiLineString(ml) => {
            ml.0.iter()
                .map(|l| line_distance(l, p))
                .fold(f64::INFINITY, f64::min)
        }
        Geometry::Polygon(poly) => polygon_distance(poly, p),
        Geometry::MultiPolygon(mp) => {
            mp.0.iter()
                .map(|poly| polygon_distance(poly, p))
                .fold(f64::INFINITY, f64::min)
        }
        _ => f64::INFINITY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{coord, line_string, polygon, Contains, Distance, Euclidean};

    #[test]
    fn inner_points_are_inside() {
        // A U shape: its centroid lies outside, in the notch.
        let u: Polygon<f64> = polygon![(x: 0., y: 0.), (x: 9., y: 0.), (x: 9., y: 9.), (x: 6., y: 9.),
            (x: 6., y: 3.), (x: 3., y: 3.), (x: 3., y: 9.), (x: 0., y: 9.)];
        let p = inner_point(&u).unwrap();
        assert!(contains_point(&u.clone().into(), p), "{p:?}");
        let with_hole: Polygon<f64> = polygon!(
            exterior: [(x: 0., y: 0.), (x: 10., y: 0.), (x: 10., y: 10.), (x: 0., y: 10.)],
            interiors: [[(x: 2., y: 2.), (x: 8., y: 2.), (x: 8., y: 8.), (x: 2., y: 8.)]],
        );
        let q = inner_point(&with_hole).unwrap();
        assert!(contains_point(&with_hole.into(), q), "{q:?}");
    }

    #[test]
    fn holes_are_outside() {
        let p: Geometry<f64> = polygon!(
            exterior: [(x: 0., y: 0.), (x: 10., y: 0.), (x: 10., y: 10.), (x: 0., y: 10.)],
            interiors: [[(x: 4., y: 4.), (x: 6., y: 4.), (x: 6., y: 6.), (x: 4., y: 6.)]],
        )
        .into();
        assert!(contains_point(&p, coord! { x: 2., y: 2. }));
        assert!(!contains_point(&p, coord! { x: 5., y: 5. }));
        assert_eq!(distance_to(&p, coord! { x: 5., y: 5. }), 1.0);
    }

    #[test]
    fn agrees_with_geo_on_a_grid() {
        let p: Polygon<f64> = polygon![(x: 0., y: 0.), (x: 7., y: 1.), (x: 9., y: 8.), (x: 3., y: 5.), (x: -2., y: 9.)];
        let l = line_string![(x: -1., y: -1.), (x: 3., y: 4.), (x: 8., y: -2.)];
        for i in -3..12 {
            for j in -3..12 {
                let c = coord! { x: i as f64 + 0.37, y: j as f64 + 0.61 };
                assert_eq!(
                    contains_point(&p.clone().into(), c),
                    p.contains(&geo::Point(c)),
                    "{c:?}"
                );
                let ours = distance_to(&l.clone().into(), c);
                let theirs = Euclidean.distance(&geo::Point(c), &l);
                assert!((ours - theirs).abs() < 1e-9);
            }
        }
    }
}
