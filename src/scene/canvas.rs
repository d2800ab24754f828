//! Where the map is drawn: the home view that fits the district, the limits that keep it in
//! reach, and the page's canvas — the screen plus a margin, so a pan reveals drawn map, not
//! blank — with the parts of the screen that the page's panels and controls cover. One source
//! for these rules: the page, the static export and the pre-rendered first view all use them.
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
use crate::quote::quoted;

/// Pixels of breathing room around the district in the home view.
pub const HOME_PADDING: f64 = 16.0;
/// The radius of a marker's hit area: 44 px touch targets (`present::map::HIT_RADIUS`).
pub const TARGET_RADIUS: f64 = 22.0;
/// How far out one may zoom beyond the home view.
pub const ZOOM_OUT_MARGIN: f64 = 1.5;

impl WorldPlan {
    /// The view that fits the district on a screen of this size.
    pub fn home_view(&self, width: f64, height: f64) -> Viewport {
        Viewport::fit(self.home, width, height, HOME_PADDING)
    }

    /// The home view on a screen part of which is covered (an open legend, a bottom sheet):
    /// the district fits the part left clear (see [`clear_area`]).
    pub fn home_view_clear_of(&self, width: f64, height: f64, covered: &[Aabb]) -> Viewport {
        let clear = clear_area(width, height, covered);
        if (clear.x0, clear.y0, clear.x1, clear.y1) == (0.0, 0.0, width, height) {
            return self.home_view(width, height);
        }
        let inner = self.home_view(clear.x1 - clear.x0, clear.y1 - clear.y0);
        // The same zoom, moved so the district's centre sits in the middle of the clear part.
        let screen = Viewport::new(inner.center, inner.zoom, width, height);
        let at = geo::coord! { x: (clear.x0 + clear.x1) / 2.0, y: (clear.y0 + clear.y1) / 2.0 };
        screen.placing(self.home.center(), at, inner.zoom)
    }

    /// Whether `v` is the home view for its screen clear of `covered`, to within a pixel and a
    /// thousandth of a zoom level. A map at home stays at home as panels open and close and
    /// the screen changes size: it refits; one the reader has moved stays where it is.
    pub fn is_home_view(&self, v: &Viewport, covered: &[Aabb]) -> bool {
        let home = self.home_view_clear_of(v.width, v.height, covered);
        let at = v.world_to_screen(home.center);
        (v.zoom - home.zoom).abs() < 1e-3
            && (at.x - v.width / 2.0).abs() < 1.0
            && (at.y - v.height / 2.0).abs() < 1.0
    }

    /// Whether a map at home refits as what covers it goes from `before` to `now`: only when a
    /// bottom sheet rose or fell (the clear part's foot moved), the map was at home for
    /// `before`, and home is elsewhere for `now`. Boxes measured again after a layout (the
    /// legend, the controls) never move it: the first view stays where it was drawn.
    pub fn refits_at_home(&self, v: &Viewport, before: &[Aabb], now: &[Aabb]) -> bool {
        let foot = |c: &[Aabb]| clear_area(v.width, v.height, c).y1;
        (foot(before) - foot(now)).abs() > 0.5
            && self.is_home_view(v, before)
            && !self.is_home_view(v, now)
    }

    /// `v` kept within reach of the district: not zoomed out far beyond the home view, and
    /// not panned away from the data.
    pub fn limit(&self, v: Viewport) -> Viewport {
        let home = self.home_view(v.width, v.height);
        v.limited((home.zoom - ZOOM_OUT_MARGIN).min(MAX_ZOOM), self.extent)
    }
}

/// The part of a `width` × `height` screen that no panel covers: a covered box along the left
/// or right edge and at least 40 % of the height (a legend column, a side panel) pushes that
/// edge in; one along the top or bottom, at least 60 % of the width and 15 % of the height (a
/// bottom sheet) pushes that edge in. Smaller boxes (zoom buttons, the attribution strip) only
/// keep labels away.
pub fn clear_area(width: f64, height: f64, covered: &[Aabb]) -> Aabb {
    let mut c = Aabb {
        x0: 0.0,
        y0: 0.0,
        x1: width,
        y1: height,
    };
    for b in covered {
        let (w, h) = (b.x1 - b.x0, b.y1 - b.y0);
        if !(w.is_finite() && h.is_finite()) || w <= 0.0 || h <= 0.0 {
            continue;
        }
        // A box spanning more of the width than of the height lies across the map.
        let across = w / width >= h / height;
        let tall = !across && h >= 0.4 * height;
        let wide = across && w >= 0.6 * width && h >= 0.15 * height;
        if tall && b.x0 <= width * 0.05 {
            c.x0 = c.x0.max(b.x1);
        } else if tall && b.x1 >= width * 0.95 {
            c.x1 = c.x1.min(b.x0);
        } else if wide && b.y1 >= height * 0.95 {
            c.y1 = c.y1.min(b.y0);
        } else if wide && b.y0 <= height * 0.05 {
            c.y0 = c.y0.max(b.y1);
        }
    }
    // Never less than a third of the screen either way: a map must remain.
    if c.x1 - c.x0 < width / 3.0 {
        (c.x0, c.x1) = (0.0, width);
    }
    if c.y1 - c.y0 < height / 3.0 {
        (c.y0, c.y1) = (0.0, height);
    }
    c
}

/// Margin drawn around the screen on each side, pixels: a fifth of the screen, at most 256.
pub fn canvas_margin(width: f64, height: f64) -> (f64, f64) {
    (
        (width * 0.2).min(256.0).round(),
        (height * 0.2).min(256.0).round(),
    )
}

/// The page's drawing surface for one settled screen view.
#[derive(Clone, Debug, PartialEq)]
pub struct Canvas {
    /// What the screen shows.
    pub screen: Viewport,
    /// Drawn beyond each side of the screen, pixels (x, y).
    pub margin: (f64, f64),
    /// Parts of the screen that panels and controls cover, in screen pixels: labels avoid
    /// them and markers under them are not keyboard targets.
    pub covered: Vec<Aabb>,
}

impl Canvas {
    /// The canvas the page draws for `screen`.
    pub fn new(screen: Viewport) -> Canvas {
        Canvas {
            screen,
            margin: canvas_margin(screen.width, screen.height),
            covered: vec![],
        }
    }

    /// A canvas that is exactly the screen (the static export of a view).
    pub fn exact(screen: Viewport) -> Canvas {
        Canvas {
            screen,
            margin: (0.0, 0.0),
            covered: vec![],
        }
    }

    /// The same canvas with these parts of the screen covered.
    pub fn covered_by(mut self, covered: Vec<Aabb>) -> Canvas {
        self.covered = covered;
        self
    }

    /// The covered boxes as text, `x0,y0,x1,y1` per box separated by spaces (screen pixels,
    /// two decimals): the page shows it so that a test can draw the same canvas statically.
    pub fn covered_text(&self) -> String {
        let boxes = self.covered.iter().map(|b| {
            [b.x0, b.y0, b.x1, b.y1]
                .map(|v| crate::number::fixed(v, 2))
                .join(",")
        });
        boxes.collect::<Vec<_>>().join(" ")
    }

    /// Reads [`Canvas::covered_text`] back.
    ///
    /// ```
    /// use shizhong_map::scene::canvas::Canvas;
    /// let boxes = Canvas::parse_covered("0,0,260,900 10.5,700,390,844").unwrap();
    /// assert_eq!(boxes.len(), 2);
    /// assert_eq!(boxes[1].x0, 10.5);
    /// assert!(Canvas::parse_covered("1,2,3").is_err());
    /// assert!(Canvas::parse_covered("").unwrap().is_empty());
    /// ```
    pub fn parse_covered(text: &str) -> Result<Vec<Aabb>, String> {
        text.split_whitespace()
            .map(|b| {
                let v: Vec<f64> = b
                    .split(',')
                    .map(|x| x.parse::<f64>().ok().filter(|v| v.is_finite()))
                    .collect::<Option<_>>()
                    .ok_or_else(|| format!("{b}: not four numbers", b = quoted(b)))?;
                match v[..] {
                    [x0, y0, x1, y1] if x0 <= x1 && y0 <= y1 => Ok(Aabb { x0, y0, x1, y1 }),
                    _ => Err(format!(
                        "{b}: expected x0,y0,x1,y1 with x0 <= x1, y0 <= y1",
                        b = quoted(b)
                    )),
                }
            })
            .collect()
    }

    /// The covered parts in canvas pixels.
    pub fn covered_on_canvas(&self) -> impl Iterator<Item = Aabb> + '_ {
        let (mx, my) = self.margin;
        self.covered.iter().map(move |b| Aabb {
            x0: b.x0 + mx,
            y0: b.y0 + my,
            x1: b.x1 + mx,
            y1: b.y1 + my,
        })
    }

    /// Whether a marker at a canvas point can be seen and reached by keyboard: its whole hit
    /// area ([`TARGET_RADIUS`]) is on screen (one half under the header or past an edge is
    /// not), and its centre is not under a panel.
    pub fn reachable(&self, x: f64, y: f64) -> bool {
        let s = self.on_screen();
        let r = TARGET_RADIUS;
        let on_screen = x - r >= s.x0 && x + r <= s.x1 && y - r >= s.y0 && y + r <= s.y1;
        let inside = |b: &Aabb| x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1;
        on_screen && !self.covered_on_canvas().any(|b| inside(&b))
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

    #[test]
    fn covered_parts_are_unreachable_and_shift_with_the_margin() {
        let screen = Viewport::new(project(117.0, 36.6), 12.0, 1000.0, 600.0);
        let legend = Aabb {
            x0: 10.0,
            y0: 10.0,
            x1: 270.0,
            y1: 500.0,
        };
        let c = Canvas::new(screen).covered_by(vec![legend]);
        let (mx, my) = c.margin;
        assert!(!c.reachable(mx + 100.0, my + 100.0), "under the legend");
        assert!(c.reachable(mx + 400.0, my + 100.0));
        assert!(
            !c.reachable(mx - 5.0, my + 100.0),
            "in the margin, off screen"
        );
    }

    #[test]
    fn a_marker_half_past_an_edge_is_unreachable() {
        let screen = Viewport::new(project(117.0, 36.6), 12.0, 1000.0, 600.0);
        let c = Canvas::new(screen);
        let (mx, my) = c.margin;
        let r = TARGET_RADIUS;
        // Under the header: the centre is on screen, the top of its hit area is not.
        assert!(!c.reachable(mx + 500.0, my + 5.0));
        assert!(!c.reachable(mx + 500.0, my + r - 1.0));
        assert!(c.reachable(mx + 500.0, my + r));
        // The other edges alike.
        assert!(!c.reachable(mx + 3.0, my + 300.0));
        assert!(!c.reachable(mx + 1000.0 - 3.0, my + 300.0));
        assert!(!c.reachable(mx + 500.0, my + 600.0 - 3.0));
        assert!(c.reachable(mx + 500.0, my + 600.0 - r));
    }

    #[test]
    fn clear_area_leaves_out_side_columns_and_bottom_sheets() {
        let legend = Aabb {
            x0: 10.0,
            y0: 10.0,
            x1: 270.0,
            y1: 600.0,
        };
        let buttons = Aabb {
            x0: 946.0,
            y0: 10.0,
            x1: 990.0,
            y1: 160.0,
        };
        let strip = Aabb {
            x0: 0.0,
            y0: 780.0,
            x1: 1000.0,
            y1: 800.0,
        };
        // The legend column pushes the left edge in; buttons and the thin strip do not count.
        let c = clear_area(1000.0, 800.0, &[legend, buttons, strip]);
        assert_eq!((c.x0, c.y0, c.x1, c.y1), (270.0, 0.0, 1000.0, 800.0));
        // A bottom sheet pushes the bottom edge up.
        let sheet = Aabb {
            x0: 0.0,
            y0: 400.0,
            x1: 1000.0,
            y1: 800.0,
        };
        assert_eq!(clear_area(1000.0, 800.0, &[sheet]).y1, 400.0);
        // A panel covering nearly everything leaves the screen whole rather than nothing.
        let huge = Aabb {
            x0: 0.0,
            y0: 0.0,
            x1: 900.0,
            y1: 800.0,
        };
        assert_eq!(clear_area(1000.0, 800.0, &[huge]).x0, 0.0);
        let nan = Aabb {
            x0: f64::NAN,
            y0: 0.0,
            x1: 5.0,
            y1: 5.0,
        };
        assert_eq!(clear_area(10.0, 10.0, &[nan]).x1, 10.0);
    }

    #[test]
    fn the_home_view_is_home_only_for_its_own_covered_parts() {
        let world = WorldPlan::new(crate::tools::check::committed_plan());
        let sheet = [Aabb {
            x0: 0.0,
            y0: 300.0,
            x1: 390.0,
            y1: 600.0,
        }];
        let home = world.home_view(390.0, 600.0);
        let beside_sheet = world.home_view_clear_of(390.0, 600.0, &sheet);
        assert!(world.is_home_view(&home, &[]));
        assert!(world.is_home_view(&beside_sheet, &sheet));
        // The sheet moved the home view: the old one is not home with it open, nor the new
        // one without it.
        assert!(!world.is_home_view(&home, &sheet));
        assert!(!world.is_home_view(&beside_sheet, &[]));
        // Panned by two pixels, or zoomed a little: moved by the reader.
        let panned = home.placing(home.center, geo::coord! { x: 197.0, y: 300.0 }, home.zoom);
        assert!(!world.is_home_view(&panned, &[]));
        let zoomed = Viewport::new(home.center, home.zoom + 0.01, 390.0, 600.0);
        assert!(!world.is_home_view(&zoomed, &[]));
        // The sheet rising refits a map at home, not a moved one; a legend never does.
        assert!(world.refits_at_home(&home, &[], &sheet));
        assert!(world.refits_at_home(&beside_sheet, &sheet, &[]));
        assert!(!world.refits_at_home(&zoomed, &[], &sheet));
        let legend = [Aabb {
            x0: 0.0,
            y0: 0.0,
            x1: 150.0,
            y1: 600.0,
        }];
        assert!(!world.is_home_view(&home, &legend));
        assert!(!world.refits_at_home(&home, &[], &legend));
    }

    #[test]
    fn home_view_clear_of_a_legend_fits_the_district_beside_it() {
        let world = WorldPlan::new(crate::tools::check::committed_plan());
        let legend = Aabb {
            x0: 10.0,
            y0: 10.0,
            x1: 270.0,
            y1: 700.0,
        };
        let v = world.home_view_clear_of(1440.0, 837.0, &[legend]);
        let (a, b) = (
            v.world_to_screen(world.home.min()),
            v.world_to_screen(world.home.max()),
        );
        assert!(
            a.x >= 270.0 + HOME_PADDING - 0.01,
            "west edge {} under the legend",
            a.x
        );
        assert!(b.x <= 1440.0 - HOME_PADDING + 0.01 && a.y >= HOME_PADDING - 0.01);
        assert!(b.y <= 837.0 - HOME_PADDING + 0.01);
        // Nothing covered: the plain home view.
        assert_eq!(
            world.home_view_clear_of(800.0, 600.0, &[]),
            world.home_view(800.0, 600.0)
        );
    }
}
