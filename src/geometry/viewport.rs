//! The map's view: which world point is at the centre of a screen of a given size, at which
//! zoom. Pure maths, shared by the browser map, the static export and the tests.
//!
//! ```
//! use shizhong_map::geometry::{mercator::project, viewport::Viewport};
//! use geo::{coord, Rect};
//! let district = Rect::new(project(116.80, 36.68), project(117.06, 36.45));
//! let view = Viewport::fit(district, 800.0, 600.0, 20.0);
//! // The whole box is on screen, with the padding kept.
//! let a = view.world_to_screen(district.min());
//! let b = view.world_to_screen(district.max());
//! assert!(a.x >= 19.9 && b.x <= 780.1 && a.y >= 19.9 && b.y <= 580.1);
//! // Zooming about a point keeps that point fixed on screen.
//! let cursor = coord! { x: 100.0, y: 250.0 };
//! let under = view.screen_to_world(cursor);
//! let zoomed = view.zoom_about(cursor, view.zoom + 1.5);
//! let again = zoomed.world_to_screen(under);
//! assert!((again.x - 100.0).abs() < 1e-6 && (again.y - 250.0).abs() < 1e-6);
//! ```

use super::mercator::{metres_per_pixel, unproject, WORLD_SIZE};
use crate::geometry::planar;
use crate::math;
use geo::{coord, Coord, Rect};

/// Zoom range the map allows (slippy-map zoom levels).
pub const MIN_ZOOM: f64 = 8.0;
/// Deepest zoom: street level; the data is never more precise than this.
pub const MAX_ZOOM: f64 = 18.0;

/// A view of the world: `center` in world units (see [`super::mercator`]), fractional `zoom`,
/// and the screen size in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub center: Coord<f64>,
    pub zoom: f64,
    pub width: f64,
    pub height: f64,
}

impl Viewport {
    /// A viewport with sanitised inputs: non-finite or non-positive values fall back to safe
    /// defaults and the zoom is clamped, so no later arithmetic can produce NaN.
    pub fn new(center: Coord<f64>, zoom: f64, width: f64, height: f64) -> Self {
        let finite_or = |v: f64, d: f64| if v.is_finite() { v } else { d };
        let size = |v: f64| {
            if v.is_finite() && v >= 1.0 {
                v.min(100_000.0)
            } else {
                1.0
            }
        };
        Viewport {
            center: coord! {
                x: finite_or(center.x, WORLD_SIZE / 2.0).clamp(0.0, WORLD_SIZE),
                y: finite_or(center.y, WORLD_SIZE / 2.0).clamp(0.0, WORLD_SIZE),
            },
            zoom: finite_or(zoom, MIN_ZOOM).clamp(MIN_ZOOM, MAX_ZOOM),
            width: size(width),
            height: size(height),
        }
    }

    /// Screen pixels per world unit.
    pub fn scale(&self) -> f64 {
        math::exp2(self.zoom)
    }

    pub fn world_to_screen(&self, p: Coord<f64>) -> Coord<f64> {
        let k = self.scale();
        coord! {
            x: (p.x - self.center.x) * k + self.width / 2.0,
            y: (p.y - self.center.y) * k + self.height / 2.0,
        }
    }

    pub fn screen_to_world(&self, s: Coord<f64>) -> Coord<f64> {
        let k = self.scale();
        coord! {
            x: (s.x - self.width / 2.0) / k + self.center.x,
            y: (s.y - self.height / 2.0) / k + self.center.y,
        }
    }

    /// The view that shows `bounds` whole, centred, leaving `padding` pixels on each side.
    pub fn fit(bounds: Rect<f64>, width: f64, height: f64, padding: f64) -> Self {
        let base = Viewport::new(bounds.center(), MIN_ZOOM, width, height);
        let avail_w = (base.width - 2.0 * padding).max(1.0);
        let avail_h = (base.height - 2.0 * padding).max(1.0);
        let zoom_w = math::log2(avail_w / bounds.width().max(1e-12));
        let zoom_h = math::log2(avail_h / bounds.height().max(1e-12));
        Viewport::new(bounds.center(), zoom_w.min(zoom_h), width, height)
    }

    /// Zoom to `zoom` keeping the world point under screen point `anchor` where it is.
    pub fn zoom_about(&self, anchor: Coord<f64>, zoom: f64) -> Self {
        self.placing(self.screen_to_world(anchor), anchor, zoom)
    }

    /// The view at `zoom` that puts world point `world` at screen point `screen`: the core of
    /// zooming about a point and of pinching.
    pub fn placing(&self, world: Coord<f64>, screen: Coord<f64>, zoom: f64) -> Self {
        let zoomed = Viewport::new(self.center, zoom, self.width, self.height);
        let k = zoomed.scale();
        if !screen.x.is_finite() || !screen.y.is_finite() {
            return zoomed;
        }
        let center = coord! {
            x: world.x - (screen.x - self.width / 2.0) / k,
            y: world.y - (screen.y - self.height / 2.0) / k,
        };
        Viewport::new(center, zoomed.zoom, self.width, self.height)
    }

    /// A two-finger gesture: `self` is the view when it began with fingers at `start`; they
    /// are now at `now`. The map point under the fingers' midpoint follows the midpoint, and
    /// the zoom follows the change in their distance.
    pub fn pinched(&self, start: (Coord<f64>, Coord<f64>), now: (Coord<f64>, Coord<f64>)) -> Self {
        let mid =
            |a: Coord<f64>, b: Coord<f64>| coord! { x: (a.x + b.x) / 2.0, y: (a.y + b.y) / 2.0 };
        let dist = |a: Coord<f64>, b: Coord<f64>| planar::hypot(a.x - b.x, a.y - b.y);
        let (d0, d1) = (dist(start.0, start.1), dist(now.0, now.1));
        let dz = if d0 > 1.0 && d1 > 1.0 {
            math::log2(d1 / d0)
        } else {
            0.0
        };
        let anchor = self.screen_to_world(mid(start.0, start.1));
        self.placing(anchor, mid(now.0, now.1), self.zoom + dz)
    }

    /// Apply the map's limits: zoom no lower than `min_zoom`, centre inside `extent`.
    pub fn limited(&self, min_zoom: f64, extent: Rect<f64>) -> Self {
        let z = if self.zoom < min_zoom {
            min_zoom
        } else {
            self.zoom
        };
        Viewport::new(self.center, z, self.width, self.height).constrained_to(extent)
    }

    /// Move the view so the map content moves by (`dx`, `dy`) screen pixels.
    pub fn pan_by(&self, dx: f64, dy: f64) -> Self {
        let k = self.scale();
        let (dx, dy) = (
            if dx.is_finite() { dx } else { 0.0 },
            if dy.is_finite() { dy } else { 0.0 },
        );
        let center = coord! { x: self.center.x - dx / k, y: self.center.y - dy / k };
        Viewport::new(center, self.zoom, self.width, self.height)
    }

    /// Same centre and zoom on a screen of a new size (window resize keeps the view).
    pub fn resized(&self, width: f64, height: f64) -> Self {
        Viewport::new(self.center, self.zoom, width, height)
    }

    /// Keep the centre inside `bounds` (world units) so the data cannot be panned away.
    /// A NaN bound constrains nothing (`f64::clamp` would panic on it: `max`/`min` skip NaN).
    pub fn constrained_to(&self, bounds: Rect<f64>) -> Self {
        let c = coord! {
            x: self.center.x.max(bounds.min().x).min(bounds.max().x),
            y: self.center.y.max(bounds.min().y).min(bounds.max().y),
        };
        Viewport::new(c, self.zoom, self.width, self.height)
    }

    /// Ground metres per pixel at the centre of the view.
    pub fn metres_per_pixel(&self) -> f64 {
        metres_per_pixel(self.center_lon_lat().1, self.zoom)
    }

    pub fn center_lon_lat(&self) -> (f64, f64) {
        unproject(self.center)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::mercator::project;

    fn jinan() -> Rect<f64> {
        Rect::new(project(116.80, 36.68), project(117.06, 36.45))
    }

    #[test]
    fn screen_world_round_trip() {
        let v = Viewport::new(project(117.0, 36.6), 13.3, 1440.0, 900.0);
        for (x, y) in [(0.0, 0.0), (1440.0, 900.0), (17.5, 803.25)] {
            let s = coord! { x: x, y: y };
            let back = v.world_to_screen(v.screen_to_world(s));
            assert!((back.x - x).abs() < 1e-6 && (back.y - y).abs() < 1e-6);
        }
    }

    #[test]
    fn fit_uses_the_tighter_axis() {
        let b = jinan();
        for (w, h) in [
            (360.0, 640.0),
            (1440.0, 900.0),
            (320.0, 480.0),
            (3840.0, 2160.0),
        ] {
            let v = Viewport::fit(b, w, h, 10.0);
            let a = v.world_to_screen(b.min());
            let c = v.world_to_screen(b.max());
            let (bw, bh) = (c.x - a.x, c.y - a.y);
            // Fills one dimension exactly, fits in the other.
            let fills_w = (bw - (w - 20.0)).abs() < 1e-6;
            let fills_h = (bh - (h - 20.0)).abs() < 1e-6;
            assert!(fills_w || fills_h, "{w}x{h}: {bw}x{bh}");
            assert!(bw <= w - 20.0 + 1e-6 && bh <= h - 20.0 + 1e-6);
        }
    }

    #[test]
    fn zoom_about_keeps_anchor_and_clamps() {
        let v = Viewport::fit(jinan(), 800.0, 600.0, 0.0);
        let anchor = coord! { x: 640.0, y: 90.0 };
        let w = v.screen_to_world(anchor);
        let z = v.zoom_about(anchor, 99.0);
        assert_eq!(z.zoom, MAX_ZOOM);
        let s = z.world_to_screen(w);
        assert!((s.x - 640.0).abs() < 1e-6 && (s.y - 90.0).abs() < 1e-6);
        assert_eq!(v.zoom_about(anchor, -5.0).zoom, MIN_ZOOM);
    }

    #[test]
    fn pan_moves_content_by_pixels() {
        let v = Viewport::new(project(117.0, 36.6), 12.0, 800.0, 600.0);
        let p = project(117.01, 36.61);
        let before = v.world_to_screen(p);
        let after = v.pan_by(30.0, -12.0).world_to_screen(p);
        assert!((after.x - before.x - 30.0).abs() < 1e-6);
        assert!((after.y - before.y + 12.0).abs() < 1e-6);
    }

    #[test]
    fn garbage_in_is_sanitised() {
        let v = Viewport::new(
            coord! { x: f64::NAN, y: f64::INFINITY },
            f64::NAN,
            -4.0,
            0.0,
        );
        assert!(v.center.x.is_finite() && v.center.y.is_finite());
        assert_eq!((v.zoom, v.width, v.height), (MIN_ZOOM, 1.0, 1.0));
        let p = v.pan_by(f64::NAN, 5.0);
        assert!(p.center.x.is_finite());
    }

    #[test]
    fn pinch_follows_the_fingers() {
        let v = Viewport::new(project(117.0, 36.6), 12.0, 800.0, 600.0);
        let (a0, b0) = (coord! { x: 300.0, y: 300.0 }, coord! { x: 400.0, y: 300.0 });
        let (a1, b1) = (coord! { x: 320.0, y: 250.0 }, coord! { x: 520.0, y: 250.0 });
        let p = v.pinched((a0, b0), (a1, b1));
        assert!(
            (p.zoom - 13.0).abs() < 1e-9,
            "distance doubled: one zoom level"
        );
        // The world point under the first finger stays under it.
        let w = v.screen_to_world(a0);
        let s = p.world_to_screen(w);
        assert!(
            (s.x - a1.x).abs() < 1e-6 && (s.y - a1.y).abs() < 1e-6,
            "{s:?}"
        );
        // Degenerate fingers (same spot) pan without zooming.
        let q = v.pinched((a0, a0), (b0, b0));
        assert_eq!(q.zoom, v.zoom);
    }

    #[test]
    fn limits_apply() {
        let b = jinan();
        let v = Viewport::new(project(100.0, 20.0), 8.5, 800.0, 600.0).limited(10.0, b);
        assert_eq!(v.zoom, 10.0);
        assert!(b.min().x <= v.center.x && v.center.x <= b.max().x);
    }

    #[test]
    fn resize_keeps_centre_and_zoom() {
        let v = Viewport::new(project(117.0, 36.6), 12.5, 800.0, 600.0);
        let r = v.resized(320.0, 480.0);
        assert_eq!((r.center, r.zoom), (v.center, v.zoom));
    }

    #[test]
    fn a_nan_extent_never_panics() {
        // Found by tests/properties.rs: `f64::clamp` panicked on a NaN bound.
        let v = Viewport::new(project(117.0, 36.6), 12.0, 800.0, 600.0);
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let extent = Rect::new(coord! { x: bad, y: 0.0 }, coord! { x: 10.0, y: bad });
            for w in [v.limited(10.0, extent), v.constrained_to(extent)] {
                assert!(w.center.x.is_finite() && w.center.y.is_finite() && w.zoom.is_finite());
            }
        }
        let nan = Rect::new(
            coord! { x: f64::NAN, y: f64::NAN },
            coord! { x: f64::NAN, y: f64::NAN },
        );
        assert_eq!(
            v.constrained_to(nan).center,
            v.center,
            "a NaN extent constrains nothing"
        );
    }

    #[test]
    fn constrain_keeps_centre_inside() {
        let b = jinan();
        let far = Viewport::new(project(100.0, 20.0), 12.0, 800.0, 600.0).constrained_to(b);
        assert!(b.min().x <= far.center.x && far.center.x <= b.max().x);
        assert!(b.min().y <= far.center.y && far.center.y <= b.max().y);
    }
}
