//! Where the map is drawn: the home view that fits the district, the limits that keep it in
//! reach, and the page's canvas — the screen plus a margin, so a pan reveals drawn map, not
//! blank. One source for these rules: the page, the static export and the pre-rendered first
//! view all use them.
//!
//! ```
//! use shizhong_map::geometry::viewport::Viewport;
//! use shizhong_map::scene::canvas::Canvas;
//! let screen = Viewport::new(geo::coord! { x: 0.4, y: 0.3 }, 12.0, 1000.0, 600.0);
//! let c = Canvas::new(screen);
//! assert_eq!(c.margin, (200.0, 120.0));
//! assert_eq!((c.view().width, c.view().height), (1400.0, 840.0));
//! // The canvas is centred on the screen: same centre, same zoom.
//! assert_eq!(c.view().center, screen.center);
//! ```

use super::labels::Aabb;
use super::world::WorldPlan;
use crate::geometry::viewport::{Viewport, MAX_ZOOM};

/// Pixels of breathing room around the district in the home view.
pub const HOME_PADDING: f64 = 16.0;
/// How far out one may zoom beyond the home view.
pub const ZOOM_OUT_MARGIN: f64 = 1.5;

impl WorldPlan {
    /// The view that fits the district on a screen of this size.
    pub fn home_view(&self, width: f64, height: f64) -> Viewport {
        Viewport::fit(self.home, width, height, HOME_PADDING)
    }

    /// `v` kept within reach of the district: not zoomed out far beyond the home view, and
    /// not panned away from the data.
    pub fn limit(&self, v: Viewport) -> Viewport {
        let home = self.home_view(v.width, v.height);
        v.limited((home.zoom - ZOOM_OUT_MARGIN).min(MAX_ZOOM), self.extent)
    }
}

/// Margin drawn around the screen on each side, pixels: a fifth of the screen, at most 256.
pub fn canvas_margin(width: f64, height: f64) -> (f64, f64) {
    (
        (width * 0.2).min(256.0).round(),
        (height * 0.2).min(256.0).round(),
    )
}

/// The page's drawing surface for one settled screen view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Canvas {
    /// What the screen shows.
    pub screen: Viewport,
    /// Drawn beyond each side of the screen, pixels (x, y).
    pub margin: (f64, f64),
}

impl Canvas {
    /// The canvas the page draws for `screen`.
    pub fn new(screen: Viewport) -> Canvas {
        Canvas {
            screen,
            margin: canvas_margin(screen.width, screen.height),
        }
    }

    /// A canvas that is exactly the screen (the static export of a view).
    pub fn exact(screen: Viewport) -> Canvas {
        Canvas {
            screen,
            margin: (0.0, 0.0),
        }
    }

    /// The whole drawn surface as a view: the screen's centre and zoom, larger by the margin.
    pub fn view(&self) -> Viewport {
        let (mx, my) = self.margin;
        self.screen
            .resized(self.screen.width + 2.0 * mx, self.screen.height + 2.0 * my)
    }

    /// The part of the canvas that is on screen, in canvas pixels: labels go only here, so
    /// none is cut by the screen's edge.
    pub fn on_screen(&self) -> Aabb {
        let (mx, my) = self.margin;
        Aabb {
            x0: mx,
            y0: my,
            x1: mx + self.screen.width,
            y1: my + self.screen.height,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::mercator::project;

    #[test]
    fn margin_is_a_fifth_of_the_screen_at_most_256() {
        assert_eq!(canvas_margin(390.0, 844.0), (78.0, 169.0));
        assert_eq!(canvas_margin(1440.0, 1800.0), (256.0, 256.0));
    }

    #[test]
    fn on_screen_part_maps_to_the_screen() {
        let screen = Viewport::new(project(117.0, 36.6), 12.3, 390.0, 700.0);
        let c = Canvas::new(screen);
        let (view, box_) = (c.view(), c.on_screen());
        // A world point at the screen's top-left corner lands at the box's top-left corner.
        let w = screen.screen_to_world(geo::coord! { x: 0.0, y: 0.0 });
        let s = view.world_to_screen(w);
        assert!((s.x - box_.x0).abs() < 1e-6 && (s.y - box_.y0).abs() < 1e-6);
        assert_eq!(Canvas::exact(screen).view(), screen);
    }
}
