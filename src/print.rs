//! The printed page (one A4, `public/style.css`'s `@media print`): the map's box on paper and
//! the view drawn in it. The map is drawn again at the paper's size, one CSS pixel per pixel,
//! showing what the screen showed, so labels print at their screen size (12 px = 9 pt), not
//! shrunk with the whole drawing.
//!
//! ```
//! use shizhong_map::geometry::viewport::Viewport;
//! use shizhong_map::print::{paper_view, PRINT_MAP_PX};
//! let (w, h) = PRINT_MAP_PX;
//! let screen = Viewport::new(geo::coord! { x: 0.5, y: 0.3 }, 12.0, 2.0 * w, 2.0 * h - 50.0);
//! let paper = paper_view(&screen);
//! assert_eq!((paper.width, paper.height), PRINT_MAP_PX);
//! // Half as wide: one zoom level out, so the same ground fits.
//! assert!((paper.zoom - 11.0).abs() < 1e-9);
//! ```

use crate::geometry::viewport::Viewport;

/// CSS pixels per millimetre (96 per inch).
const PX_PER_MM: f64 = 96.0 / 25.4;
/// The printed map's box, millimetres: A4's width inside 10 mm margins, and a height that
/// leaves the legend and a card room on the same page (`.map` in `@media print`).
pub const PRINT_MAP_MM: (f64, f64) = (190.0, 115.0);
/// The same box in CSS pixels.
pub const PRINT_MAP_PX: (f64, f64) = (PRINT_MAP_MM.0 * PX_PER_MM, PRINT_MAP_MM.1 * PX_PER_MM);

/// The view to print for what `screen` shows: the same centre, zoomed so all of the screen's
/// ground fits the paper's box (the smaller of the two ratios).
pub fn paper_view(screen: &Viewport) -> Viewport {
    let (w, h) = PRINT_MAP_PX;
    // A viewport is at least 1 × 1 px: that size means the screen was never measured.
    let ratio = if screen.width > 1.0 && screen.height > 1.0 {
        (w / screen.width).min(h / screen.height)
    } else {
        1.0
    };
    let zoom = screen.zoom + crate::math::log2(ratio);
    Viewport::new(screen.center, zoom, w, h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::coord;

    #[test]
    fn the_paper_shows_all_the_screen_showed() {
        for (w, h) in [(1436.0, 906.0), (390.0, 700.0), (800.0, 200.0)] {
            let screen = Viewport::new(coord! { x: 0.51, y: 0.32 }, 12.5, w, h);
            let paper = paper_view(&screen);
            let corner = screen.screen_to_world(coord! { x: 0.0, y: 0.0 });
            let on_paper = paper.world_to_screen(corner);
            assert!(
                on_paper.x >= -1e-6 && on_paper.y >= -1e-6,
                "{w}x{h}: {on_paper:?}"
            );
            let far = paper.world_to_screen(screen.screen_to_world(coord! { x: w, y: h }));
            assert!(
                far.x <= paper.width + 1e-6 && far.y <= paper.height + 1e-6,
                "{w}x{h}: {far:?}"
            );
        }
    }

    #[test]
    fn a_broken_screen_size_keeps_the_zoom() {
        let screen = Viewport::new(coord! { x: 0.5, y: 0.3 }, 12.0, 0.0, 0.0);
        assert_eq!(paper_view(&screen).zoom, 12.0);
    }
}
