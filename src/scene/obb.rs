//! Oriented boxes on screen: a label's rotated rectangle, a stretch of a line's stroke, a
//! marker's square. Two boxes overlap unless one of their four edge directions separates them
//! (the separating axis test), so rotated labels are judged by their real outline, not by the
//! larger upright box around them.
//!
//! ```
//! use shizhong_map::scene::obb::Obb;
//! let flat = Obb::new(0.0, 0.0, 20.0, 5.0, 0.0);
//! // A thin stroke running diagonally just past the box's corner does not touch it ...
//! let stroke = Obb::segment((22.0, -12.0), (32.0, -2.0), 2.0);
//! assert!(!flat.overlaps(&stroke));
//! // ... though their upright boxes would.
//! let across = Obb::segment((-30.0, 10.0), (30.0, -10.0), 2.0);
//! assert!(flat.overlaps(&across));
//! ```

use crate::geometry::planar;
use crate::math;

/// A rectangle centred at (`cx`, `cy`), `hw` × `hh` half extents, turned by `angle` degrees
/// (clockwise on screen, as SVG's `rotate`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Obb {
    pub cx: f64,
    pub cy: f64,
    pub hw: f64,
    pub hh: f64,
    pub angle: f64,
}

impl Obb {
    pub fn new(cx: f64, cy: f64, hw: f64, hh: f64, angle: f64) -> Obb {
        Obb {
            cx,
            cy,
            hw,
            hh,
            angle,
        }
    }

    /// The stroke of a line segment `width` wide (without its round caps).
    pub fn segment(a: (f64, f64), b: (f64, f64), width: f64) -> Obb {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        Obb::new(
            (a.0 + b.0) / 2.0,
            (a.1 + b.1) / 2.0,
            planar::hypot(dx, dy) / 2.0,
            width / 2.0,
            math::atan2(dy, dx).to_degrees(),
        )
    }

    /// The same box grown by `by` on every side.
    pub fn grown(&self, by: f64) -> Obb {
        Obb {
            hw: self.hw + by,
            hh: self.hh + by,
            ..*self
        }
    }

    /// Unit vectors along the box's width and height.
    fn axes(&self) -> [(f64, f64); 2] {
        let a = self.angle.to_radians();
        let (s, c) = (math::sin(a), math::cos(a));
        [(c, s), (-s, c)]
    }

    /// Half the box's extent projected on the unit vector `axis`.
    fn radius_on(&self, axis: (f64, f64)) -> f64 {
        let [u, v] = self.axes();
        self.hw * (u.0 * axis.0 + u.1 * axis.1).abs()
            + self.hh * (v.0 * axis.0 + v.1 * axis.1).abs()
    }

    /// Whether the two boxes share any area (touching edges do not count).
    pub fn overlaps(&self, o: &Obb) -> bool {
        let d = (o.cx - self.cx, o.cy - self.cy);
        self.axes().into_iter().chain(o.axes()).all(|axis| {
            let gap = (d.0 * axis.0 + d.1 * axis.1).abs();
            gap < self.radius_on(axis) + o.radius_on(axis)
        })
    }

    /// Whether the box and a circle share any area.
    pub fn meets_circle(&self, x: f64, y: f64, r: f64) -> bool {
        let [u, v] = self.axes();
        let d = (x - self.cx, y - self.cy);
        let (du, dv) = (d.0 * u.0 + d.1 * u.1, d.0 * v.0 + d.1 * v.1);
        let nu = crate::number::clamp(du, -self.hw, self.hw);
        let nv = crate::number::clamp(dv, -self.hh, self.hh);
        planar::hypot(du - nu, dv - nv) < r
    }

    /// The upright box around it: (x0, y0, x1, y1).
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        let (rx, ry) = (self.radius_on((1.0, 0.0)), self.radius_on((0.0, 1.0)));
        (self.cx - rx, self.cy - ry, self.cx + rx, self.cy + ry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upright_boxes_overlap_as_rectangles_do() {
        let a = Obb::new(0.0, 0.0, 10.0, 5.0, 0.0);
        assert!(a.overlaps(&Obb::new(19.0, 0.0, 10.0, 5.0, 0.0)));
        assert!(!a.overlaps(&Obb::new(20.5, 0.0, 10.0, 5.0, 0.0)));
        assert!(!a.overlaps(&Obb::new(0.0, 10.5, 10.0, 5.0, 0.0)));
    }

    #[test]
    fn rotated_boxes_are_judged_by_their_outline() {
        // Two parallel 45° strips side by side: their upright boxes overlap, they do not.
        let a = Obb::new(0.0, 0.0, 30.0, 3.0, 45.0);
        let b = Obb::new(10.0, -10.0, 30.0, 3.0, 45.0);
        assert!(!a.overlaps(&b));
        assert!(a.overlaps(&Obb::new(2.0, -2.0, 30.0, 3.0, 45.0)));
        // A quarter turn swaps width and height.
        let (x0, y0, x1, y1) = Obb::new(0.0, 0.0, 30.0, 3.0, 90.0).bounds();
        assert!((x1 - x0 - 6.0).abs() < 1e-9 && (y1 - y0 - 60.0).abs() < 1e-9);
        assert!((x0 + 3.0).abs() < 1e-9 && (y0 + 30.0).abs() < 1e-9);
    }

    #[test]
    fn circles_meet_boxes_at_edges_not_beyond_corners() {
        let a = Obb::new(0.0, 0.0, 10.0, 5.0, 0.0);
        assert!(a.meets_circle(14.0, 0.0, 5.0));
        assert!(!a.meets_circle(16.0, 0.0, 5.0));
        // Beyond the corner (10, 5) by more than r diagonally.
        assert!(!a.meets_circle(14.0, 9.0, 5.0));
        assert!(a.meets_circle(0.0, 0.0, 1.0));
    }

    #[test]
    fn a_segment_is_a_thin_box_along_it() {
        let s = Obb::segment((0.0, 0.0), (0.0, 40.0), 4.0);
        assert!((s.hw - 20.0).abs() < 1e-9 && (s.hh - 2.0).abs() < 1e-9);
        assert!((s.angle - 90.0).abs() < 1e-9 && (s.cy - 20.0).abs() < 1e-9);
        assert!(s.meets_circle(1.5, 5.0, 1.0));
        assert!(!s.meets_circle(3.5, 5.0, 1.0));
    }
}
