//! Animated moves: easing between two views, and where to go to show a feature or a box.
//!
//! An animation runs for [`ANIMATION_MS`] from the view on screen to a target. Its eased
//! parameter `e` = [`ease_out`]`(t)` drives both the zoom (linearly in `e`, so the zoom feels
//! steady) and the centre; the last frame is exactly the target, so the view that settles
//! is the one that was asked for, not one rounding error away.
//!
//! Showing a feature fits its bounds into the part of the map a bottom sheet (the card on
//! phones) leaves visible, never deeper than [`FEATURE_ZOOM`] — a point would otherwise
//! zoom to the deepest level.

use crate::geometry::viewport::Viewport;
use crate::scene::labels::Aabb;
use geo::{coord, Rect};

/// Length of animated moves (buttons, double-click, double tap, keys, clusters, features).
pub const ANIMATION_MS: f64 = 220.0;
/// The deepest zoom used to show one feature.
pub const FEATURE_ZOOM: f64 = 15.0;
/// Space kept around a feature or a cluster's box when fitting it, pixels.
pub const FIT_PADDING_PX: f64 = 60.0;
/// A feature is aimed at no less than this much of the map's height (or all of a map smaller
/// than this), however much a sheet covers.
pub const MIN_VISIBLE_PX: f64 = 80.0;

/// Ease-out cubic: fast start, gentle landing. `t` in 0‥1 (clamped).
pub fn ease_out(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    1.0 - (1.0 - t).powi(3)
}

/// The view a fraction `e` of the way from `from` to `to`: centre and zoom both linear in
/// `e`; the screen size is the target's.
pub fn interpolate(from: Viewport, to: Viewport, e: f64) -> Viewport {
    let center = coord! {
        x: from.center.x + (to.center.x - from.center.x) * e,
        y: from.center.y + (to.center.y - from.center.y) * e,
    };
    Viewport::new(
        center,
        from.zoom + (to.zoom - from.zoom) * e,
        to.width,
        to.height,
    )
}

/// One running animation. `id` tells frames of this animation from those of one that
/// replaced it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Animation {
    pub id: u32,
    pub from: Viewport,
    pub to: Viewport,
    pub start_ms: f64,
}

/// One frame: the view to show, and whether it is the last (then settle).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub view: Viewport,
    pub done: bool,
}

impl Animation {
    /// The frame at `now_ms` on a screen of `width` × `height` (the live size: a resize
    /// during the animation must not be undone by it).
    pub fn frame(&self, now_ms: f64, width: f64, height: f64) -> Frame {
        let t = (now_ms - self.start_ms) / ANIMATION_MS;
        // A clock that is not a number ends the animation rather than freezing it.
        if t.is_nan() || t >= 1.0 {
            let view = if (self.to.width, self.to.height) == (width, height) {
                self.to
            } else {
                self.to.resized(width, height)
            };
            return Frame { view, done: true };
        }
        let view = interpolate(self.from, self.to, ease_out(t)).resized(width, height);
        Frame { view, done: false }
    }
}

/// The view that shows a feature with `bounds` (world units), from `live`: fitted with
/// [`FIT_PADDING_PX`] into the top `visible_height` pixels of the map (all of it when
/// `None`), at most [`FEATURE_ZOOM`].
pub fn feature_view(live: Viewport, bounds: Rect<f64>, visible_height: Option<f64>) -> Viewport {
    // Not `clamp`: it panics when a tiny map is under MIN_VISIBLE_PX tall (min > max).
    // `f64::min`/`max` also pass over a NaN measurement.
    let visible_h = visible_height
        .unwrap_or(live.height)
        .min(live.height)
        .max(live.height.min(MIN_VISIBLE_PX));
    let fit = Viewport::fit(bounds, live.width, visible_h, FIT_PADDING_PX);
    let zoom = fit.zoom.min(FEATURE_ZOOM);
    live.placing(
        bounds.center(),
        coord! { x: live.width / 2.0, y: visible_h / 2.0 },
        zoom,
    )
}

/// The view that shows `bounds` (world units) in the part `clear` of the screen that no panel
/// covers (map pixels, as [`crate::scene::canvas::clear_area`] gives it): fitted there with
/// [`FIT_PADDING_PX`], at most [`FEATURE_ZOOM`], its centre in the middle of that part. A story
/// step is shown so, beside an open legend as well as above a sheet.
pub fn view_clear_of(live: Viewport, bounds: Rect<f64>, clear: Aabb) -> Viewport {
    let w = (clear.x1 - clear.x0).max(live.width.min(MIN_VISIBLE_PX));
    let h = (clear.y1 - clear.y0).max(live.height.min(MIN_VISIBLE_PX));
    let zoom = Viewport::fit(bounds, w, h, FIT_PADDING_PX)
        .zoom
        .min(FEATURE_ZOOM);
    let at = coord! { x: (clear.x0 + clear.x1) / 2.0, y: (clear.y0 + clear.y1) / 2.0 };
    live.placing(bounds.center(), at, zoom)
}

/// The view that shows `bounds` (a cluster's members) from `live`: fitted with
/// [`FIT_PADDING_PX`], and at least `min_zoom_gain` levels deeper than now, so a click on a
/// cluster always zooms in.
pub fn bounds_view(live: Viewport, bounds: Rect<f64>, min_zoom_gain: f64) -> Viewport {
    let fit = Viewport::fit(bounds, live.width, live.height, FIT_PADDING_PX);
    let zoom = fit.zoom.max(live.zoom + min_zoom_gain);
    Viewport::new(bounds.center(), zoom, live.width, live.height)
}

/// How much of the map a bottom sheet leaves visible: `Some(height)` when the sheet's top
/// edge crosses the map and the sheet starts at the map's left edge (a side panel does not
/// cover the map). Boxes in page pixels, y down: `min()` is the top-left.
pub fn sheet_visible_height(map: Rect<f64>, sheet: Rect<f64>) -> Option<f64> {
    let (m, s) = (map.min(), sheet.min());
    let covers = s.y > m.y && s.y < map.max().y && s.x <= m.x + 1.0;
    covers.then_some(s.y - m.y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::viewport::MAX_ZOOM;
    use geo::Coord;

    fn view(x: f64, y: f64, zoom: f64) -> Viewport {
        Viewport::new(coord! { x: x, y: y }, zoom, 800.0, 600.0)
    }

    fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect<f64> {
        Rect::new(coord! { x: x0, y: y0 }, coord! { x: x1, y: y1 })
    }

    fn close(a: Coord<f64>, b: Coord<f64>) -> bool {
        (a.x - b.x).abs() < 1e-6 && (a.y - b.y).abs() < 1e-6
    }

    #[test]
    fn ease_out_starts_fast_and_lands_gently() {
        assert_eq!((ease_out(0.0), ease_out(1.0)), (0.0, 1.0));
        assert_eq!((ease_out(-1.0), ease_out(2.0)), (0.0, 1.0), "clamped");
        assert!(ease_out(0.5) > 0.85, "most of the way by half time");
        let mut last = 0.0;
        for i in 1..=100 {
            let e = ease_out(i as f64 / 100.0);
            assert!(e > last, "monotone");
            last = e;
        }
        // The landing is gentle: the last 1 % of time moves less than 1e-5 of the way.
        assert!(1.0 - ease_out(0.99) < 1e-5);
    }

    #[test]
    fn zoom_is_linear_in_the_eased_parameter_and_centre_follows() {
        let (a, b) = (view(0.40, 0.30, 11.0), view(0.42, 0.26, 14.0));
        assert_eq!(interpolate(a, b, 0.0), a);
        let end = interpolate(a, b, 1.0);
        assert!((end.zoom - 14.0).abs() < 1e-12 && close(end.center, b.center));
        let mid = interpolate(a, b, 0.25);
        assert!((mid.zoom - 11.75).abs() < 1e-12);
        assert!(close(mid.center, coord! { x: 0.405, y: 0.29 }), "{mid:?}");
    }

    #[test]
    fn frames_run_from_the_start_to_exactly_the_target() {
        let (from, to) = (view(0.40, 0.30, 11.0), view(0.4123, 0.2987, 13.37));
        let a = Animation {
            id: 7,
            from,
            to,
            start_ms: 1000.0,
        };
        let first = a.frame(1000.0, 800.0, 600.0);
        assert_eq!(
            first,
            Frame {
                view: from,
                done: false
            }
        );
        let early = a.frame(990.0, 800.0, 600.0);
        assert_eq!(early.view, from, "a clock before the start is the start");
        let mid = a.frame(1000.0 + ANIMATION_MS / 2.0, 800.0, 600.0);
        assert!(!mid.done);
        let want = 11.0 + 2.37 * ease_out(0.5);
        assert!((mid.view.zoom - want).abs() < 1e-9, "{}", mid.view.zoom);
        for end in [1000.0 + ANIMATION_MS, 5000.0, f64::NAN] {
            assert_eq!(
                a.frame(end, 800.0, 600.0),
                Frame {
                    view: to,
                    done: true
                },
                "bit for bit the target at {end}"
            );
        }
    }

    #[test]
    fn a_resize_during_an_animation_is_kept() {
        let a = Animation {
            id: 1,
            from: view(0.40, 0.30, 11.0),
            to: view(0.41, 0.30, 12.0),
            start_ms: 0.0,
        };
        for now in [10.0, ANIMATION_MS] {
            let f = a.frame(now, 360.0, 640.0);
            assert_eq!((f.view.width, f.view.height), (360.0, 640.0));
        }
        let last = a.frame(ANIMATION_MS, 360.0, 640.0).view;
        assert_eq!((last.center, last.zoom), (a.to.center, a.to.zoom));
    }

    #[test]
    fn a_point_feature_is_shown_at_the_feature_zoom_in_the_visible_part() {
        let live = view(0.40, 0.30, 11.0);
        let here = coord! { x: 0.41, y: 0.305 };
        let point = Rect::new(here, here);
        let whole = feature_view(live, point, None);
        assert_eq!(whole.zoom, FEATURE_ZOOM);
        assert!(close(
            whole.world_to_screen(here),
            coord! { x: 400.0, y: 300.0 }
        ));
        // A sheet over the lower 400 px: aim at the middle of the 200 px above it.
        let sheet = feature_view(live, point, Some(200.0));
        assert!(close(
            sheet.world_to_screen(here),
            coord! { x: 400.0, y: 100.0 }
        ));
        assert_eq!(
            (sheet.width, sheet.height),
            (800.0, 600.0),
            "the screen is unchanged"
        );
    }

    #[test]
    fn a_large_feature_fits_above_the_sheet() {
        let live = view(0.40, 0.30, 11.0);
        let b = rect(0.40, 0.30, 0.45, 0.32);
        let v = feature_view(live, b, Some(300.0));
        assert!(
            v.zoom < FEATURE_ZOOM,
            "fits, not the feature zoom: {}",
            v.zoom
        );
        let (lo, hi) = (v.world_to_screen(b.min()), v.world_to_screen(b.max()));
        assert!(lo.x >= FIT_PADDING_PX - 1e-6 && hi.x <= 800.0 - FIT_PADDING_PX + 1e-6);
        assert!(lo.y >= FIT_PADDING_PX - 1e-6 && hi.y <= 300.0 - FIT_PADDING_PX + 1e-6);
        // One axis is filled exactly (the fit is as deep as it can be).
        let filled_x = (hi.x - lo.x - (800.0 - 2.0 * FIT_PADDING_PX)).abs() < 1e-6;
        let filled_y = (hi.y - lo.y - (300.0 - 2.0 * FIT_PADDING_PX)).abs() < 1e-6;
        assert!(filled_x || filled_y, "{lo:?} {hi:?}");
    }

    #[test]
    fn the_visible_height_is_kept_sensible_and_a_tiny_map_never_panics() {
        let here = coord! { x: 0.41, y: 0.305 };
        let point = Rect::new(here, here);
        let live = view(0.40, 0.30, 11.0);
        // A sheet covering nearly all: aim at no less than MIN_VISIBLE_PX.
        let low = feature_view(live, point, Some(10.0));
        assert!(close(
            low.world_to_screen(here),
            coord! { x: 400.0, y: 40.0 }
        ));
        // A measurement taller than the map, or not a number: the whole map.
        for odd in [Some(5000.0), Some(f64::NAN), None] {
            let v = feature_view(live, point, odd);
            assert!(
                close(v.world_to_screen(here), coord! { x: 400.0, y: 300.0 }),
                "{odd:?}"
            );
        }
        // A 50 px tall map (under MIN_VISIBLE_PX): the whole of it, no panic.
        let tiny = Viewport::new(live.center, 11.0, 120.0, 50.0);
        let v = feature_view(tiny, point, Some(10.0));
        assert!(close(v.world_to_screen(here), coord! { x: 60.0, y: 25.0 }));
        assert!(v.zoom.is_finite() && v.zoom <= FEATURE_ZOOM);
    }

    #[test]
    fn a_cluster_box_zooms_in_at_least_the_gain() {
        let live = view(0.40, 0.30, 12.0);
        // A box wider than the screen: fitting would zoom out; the gain wins.
        let wide = rect(0.26, 0.17, 0.56, 0.47);
        let v = bounds_view(live, wide, 1.0);
        assert_eq!(v.zoom, 13.0);
        assert!(close(v.center, wide.center()));
        // A small box: fitted, deeper than the gain.
        let small = rect(0.4, 0.3, 0.40001, 0.30001);
        let fit = Viewport::fit(small, 800.0, 600.0, FIT_PADDING_PX);
        assert_eq!(bounds_view(live, small, 1.0).zoom, fit.zoom.min(MAX_ZOOM));
        assert!(fit.zoom > 13.0);
    }

    #[test]
    fn only_a_sheet_across_the_map_hides_part_of_it() {
        let map = rect(0.0, 56.0, 390.0, 844.0);
        // The phone card: full width, its top 500 px down the page.
        assert_eq!(
            sheet_visible_height(map, rect(0.0, 500.0, 390.0, 844.0)),
            Some(444.0)
        );
        // A side panel on the right of a desktop map covers nothing.
        let desk = rect(0.0, 0.0, 1000.0, 800.0);
        assert_eq!(
            sheet_visible_height(desk, rect(640.0, 100.0, 1000.0, 800.0)),
            None
        );
        // A sheet above the map's top, or wholly below it, covers nothing.
        assert_eq!(
            sheet_visible_height(map, rect(0.0, 0.0, 390.0, 844.0)),
            None
        );
        assert_eq!(
            sheet_visible_height(map, rect(0.0, 844.0, 390.0, 900.0)),
            None
        );
        // Sub-pixel layout: a sheet 0.5 px right of the map's edge still counts.
        assert_eq!(
            sheet_visible_height(map, rect(0.5, 600.0, 390.0, 844.0)),
            Some(544.0)
        );
    }

    #[test]
    fn a_box_is_shown_in_the_part_no_panel_covers() {
        let live = view(0.5, 0.5, 10.0);
        let b = rect(0.4995, 0.4995, 0.5005, 0.5005);
        // A legend column covers the left 260 px: the box is centred in the rest.
        let clear = Aabb {
            x0: 260.0,
            y0: 0.0,
            x1: 800.0,
            y1: 600.0,
        };
        let v = view_clear_of(live, b, clear);
        let c = v.world_to_screen(b.center());
        assert!(
            (c.x - 530.0).abs() < 1e-6 && (c.y - 300.0).abs() < 1e-6,
            "{c:?}"
        );
        let (lo, hi) = (v.world_to_screen(b.min()), v.world_to_screen(b.max()));
        assert!(lo.x >= 260.0 + FIT_PADDING_PX - 1e-6 && hi.x <= 800.0 - FIT_PADDING_PX + 1e-6);
        // A point is shown no deeper than a feature is.
        let p = rect(0.5, 0.5, 0.5, 0.5);
        assert_eq!(view_clear_of(live, p, clear).zoom, FEATURE_ZOOM);
        // A screen with no clear part left still gets a finite view.
        let none = Aabb {
            x0: 400.0,
            y0: 0.0,
            x1: 400.0,
            y1: 600.0,
        };
        assert!(view_clear_of(live, b, none).zoom.is_finite());
    }
}
