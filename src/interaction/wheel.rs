//! Wheel and trackpad zoom: how many zoom levels one wheel event is worth.
//!
//! Browsers report `deltaY` in pixels, lines or pages (`deltaMode` 0, 1, 2); lines and
//! pages are converted to pixels first. A trackpad pinch arrives as a wheel event with
//! `ctrlKey` set and small deltas, so with ctrl a pixel counts three times as much. One event
//! never zooms more than one level, and a delta that is not a number zooms nothing.

use geo::Coord;

/// Pixels per line (`deltaMode` 1), as browsers scroll a line.
pub const LINE_PX: f64 = 40.0;
/// Pixels per page (`deltaMode` 2).
pub const PAGE_PX: f64 = 800.0;
/// Wheel pixels per zoom level: a mouse wheel, and a trackpad pinch (ctrl + wheel).
pub const PX_PER_LEVEL: f64 = 300.0;
pub const PINCH_PX_PER_LEVEL: f64 = 100.0;
/// Wheel zooming settles this long after the last wheel event (ms).
pub const WHEEL_SETTLE_MS: u64 = 160;

/// One wheel event: where (map pixels), how much, with which modifiers, when (ms).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WheelInput {
    pub at: Coord<f64>,
    pub delta_y: f64,
    /// The DOM's `deltaMode`: 0 pixels, 1 lines, 2 pages (anything else: pixels).
    pub delta_mode: u32,
    pub ctrl: bool,
    /// ⌘ on a Mac.
    pub meta: bool,
    pub time_ms: f64,
}

/// The zoom change (levels, positive = in) for a wheel delta; `None` when there is none.
///
/// ```
/// use shizhong_map::interaction::wheel::zoom_levels;
/// assert_eq!(zoom_levels(-150.0, 0, false), Some(0.5)); // wheel up: zoom in
/// assert_eq!(zoom_levels(3.0, 1, false), Some(-0.4)); // 3 lines down
/// assert_eq!(zoom_levels(-1.0, 2, false), Some(1.0)); // a page: capped at one level
/// assert_eq!(zoom_levels(f64::NAN, 0, false), None);
/// ```
pub fn zoom_levels(delta_y: f64, delta_mode: u32, ctrl: bool) -> Option<f64> {
    let px_per_unit = match delta_mode {
        1 => LINE_PX,
        2 => PAGE_PX,
        _ => 1.0,
    };
    let px_per_level = if ctrl {
        PINCH_PX_PER_LEVEL
    } else {
        PX_PER_LEVEL
    };
    // Checked before scaling: an infinite delta would otherwise clamp to a whole level.
    if !delta_y.is_finite() || delta_y == 0.0 {
        return None;
    }
    Some((-delta_y * px_per_unit / px_per_level).clamp(-1.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_lines_and_pages() {
        assert_eq!(zoom_levels(60.0, 0, false), Some(-0.2));
        // deltaMode 1: 3 lines = 120 px.
        assert_eq!(zoom_levels(-3.0, 1, false), Some(0.4));
        // deltaMode 2: a quarter page = 200 px.
        let q = zoom_levels(-0.25, 2, false).unwrap();
        assert!((q - 2.0 / 3.0).abs() < 1e-12, "{q}");
        // An unknown mode is taken as pixels.
        assert_eq!(zoom_levels(-30.0, 7, false), Some(0.1));
    }

    #[test]
    fn a_trackpad_pinch_counts_three_times() {
        let wheel = zoom_levels(-10.0, 0, false).unwrap();
        let pinch = zoom_levels(-10.0, 0, true).unwrap();
        assert!((pinch - 3.0 * wheel).abs() < 1e-12);
        assert!((pinch - 0.1).abs() < 1e-12);
    }

    #[test]
    fn one_event_is_at_most_one_level() {
        assert_eq!(zoom_levels(-5000.0, 0, false), Some(1.0));
        assert_eq!(zoom_levels(5000.0, 0, true), Some(-1.0));
        assert_eq!(zoom_levels(4.0, 2, false), Some(-1.0));
    }

    #[test]
    fn nothing_for_zero_or_garbage() {
        for bad in [0.0, -0.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            for mode in [0, 1, 2] {
                assert_eq!(zoom_levels(bad, mode, false), None, "{bad} mode {mode}");
                assert_eq!(zoom_levels(bad, mode, true), None, "{bad} mode {mode}");
            }
        }
    }
}
