//! Which tiles cover a view, and where each one goes: slippy-map tiles (256 px, `z/x/y`, y
//! down from the north) in the view's own pixels. A fractional zoom draws the nearest level,
//! scaled; the set is bounded, so a huge screen never makes hundreds of elements.
//!
//! ```
//! use shizhong_map::basemap::tiles::{cover, level_for, MAX_TILES};
//! use shizhong_map::geometry::{mercator::project, viewport::Viewport};
//! let view = Viewport::new(project(117.0, 36.65), 12.4, 800.0, 600.0);
//! assert_eq!(level_for(12.4, 18), 12);
//! assert_eq!(level_for(12.6, 18), 13);
//! assert_eq!(level_for(17.7, 16), 16, "never deeper than the provider goes");
//! let tiles = cover(&view, 18, MAX_TILES);
//! // Level 12 scaled by 2^0.4: every tile ≈ 338 px, and together they cover the view.
//! assert!(tiles.iter().all(|t| t.id.z == 12 && (t.size - 337.8).abs() < 1.5));
//! assert!(tiles.iter().any(|t| t.left <= 0.0 && t.top <= 0.0));
//! assert!(tiles.iter().any(|t| t.left + t.size >= 800.0 && t.top + t.size >= 600.0));
//! ```

use crate::geometry::mercator::WORLD_SIZE;
use crate::geometry::viewport::Viewport;
use geo::coord;

/// Tile side at its own level, pixels.
pub const TILE_PX: f64 = 256.0;
/// At most this many tiles are placed for one view (each provider layer is one element per
/// tile): a 2560 × 1600 canvas at the worst fractional zoom needs about 160.
pub const MAX_TILES: usize = 192;
/// A screen this dense (device pixels per CSS pixel) gets high-DPI tiles where there are some.
pub const HIDPI_RATIO: f64 = 1.5;
/// Failed tiles before the map says the basemap is unavailable (when failures also
/// outnumber the tiles that came).
pub const FAILURES_FOR_NOTE: u32 = 4;

/// One tile of the pyramid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TileId {
    pub z: u8,
    pub x: u32,
    pub y: u32,
}

impl std::fmt::Display for TileId {
    /// `z/x/y`, as slippy-map paths write it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}/{}", self.z, self.x, self.y)
    }
}

/// A tile placed in a view: its box in the view's pixels (whole pixels, so neighbours meet
/// without seams; each edge is within half a pixel of its exact place).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedTile {
    pub id: TileId,
    pub left: f64,
    pub top: f64,
    /// Width and height, pixels.
    pub size: f64,
}

/// The tile level drawn at `zoom`: the nearest one, no deeper than `max_zoom`.
pub fn level_for(zoom: f64, max_zoom: u8) -> u8 {
    let z = if zoom.is_finite() { zoom.round() } else { 0.0 };
    crate::number::clamp(z, 0.0, f64::from(max_zoom)) as u8
}

/// Whether a screen with this device-pixel ratio takes the provider's high-DPI tiles.
pub fn wants_hidpi(device_pixel_ratio: f64, provider_has_2x: bool) -> bool {
    provider_has_2x && device_pixel_ratio >= HIDPI_RATIO
}

/// Where tile `id` goes in `view` (of any level: a tile kept from the level before while the
/// new level's arrive is placed by the same rule).
pub fn place(view: &Viewport, id: TileId) -> PlacedTile {
    let tile_world = WORLD_SIZE / f64::from(1u32 << id.z.min(31));
    let edge = |i: u32, j: u32| {
        let s = view
            .world_to_screen(coord! { x: f64::from(i) * tile_world, y: f64::from(j) * tile_world });
        (s.x.round(), s.y.round())
    };
    let (left, top) = edge(id.x, id.y);
    let (right, _) = edge(id.x.saturating_add(1), id.y);
    PlacedTile {
        id,
        left,
        top,
        size: right - left,
    }
}

/// The tiles that cover `view` (pass the page's canvas: the screen plus its margin), at most
/// `limit` of them — those nearest the centre when more would be needed.
pub fn cover(view: &Viewport, max_zoom: u8, limit: usize) -> Vec<PlacedTile> {
    let z = level_for(view.zoom, max_zoom);
    let n = 1u32 << z;
    let tile_world = WORLD_SIZE / f64::from(n);
    let nw = view.screen_to_world(coord! { x: 0.0, y: 0.0 });
    let se = view.screen_to_world(coord! { x: view.width, y: view.height });
    let index =
        |w: f64| crate::number::clamp((w / tile_world).floor(), 0.0, f64::from(n - 1)) as u32;
    let (x0, x1, y0, y1) = (index(nw.x), index(se.x), index(nw.y), index(se.y));
    let mut out = vec![];
    for y in y0..=y1 {
        for x in x0..=x1 {
            out.push(place(view, TileId { z, x, y }));
        }
    }
    if out.len() > limit {
        let (cx, cy) = (view.width / 2.0, view.height / 2.0);
        let d = |t: &PlacedTile| {
            (t.left + t.size / 2.0 - cx).powi(2) + (t.top + t.size / 2.0 - cy).powi(2)
        };
        crate::sort::sort_by(&mut out, |a, b| d(a).total_cmp(&d(b)));
        out.truncate(limit);
    }
    out
}

/// How a provider's tiles have fared since it was chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TileHealth {
    pub loaded: u32,
    pub failed: u32,
}

impl TileHealth {
    pub fn record(&mut self, ok: bool) {
        if ok {
            self.loaded = self.loaded.saturating_add(1);
        } else {
            self.failed = self.failed.saturating_add(1);
        }
    }

    /// Repeated failures, more than what came: the map says so and keeps its offline
    /// drawing. A few missing tiles among many that came (the edge of a provider's coverage)
    /// do not count.
    pub fn unavailable(&self) -> bool {
        self.failed >= FAILURES_FOR_NOTE && self.failed > self.loaded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::mercator::project;

    #[test]
    fn an_integer_zoom_places_tiles_at_their_slippy_positions() {
        // Tile 12/3379/1594 holds Jinan; its north-west corner in world units:
        let corner = coord! { x: 3379.0 / 16.0, y: 1594.0 / 16.0 };
        let view = Viewport::new(corner, 12.0, 512.0, 512.0);
        let tiles = cover(&view, 18, MAX_TILES);
        let t = tiles
            .iter()
            .find(|t| {
                t.id == TileId {
                    z: 12,
                    x: 3379,
                    y: 1594,
                }
            })
            .unwrap();
        assert_eq!((t.left, t.top, t.size), (256.0, 256.0, 256.0));
        assert_eq!(
            tiles.len(),
            4 + 4 + 1,
            "the corner tile's 3 × 3 neighbourhood"
        );
    }

    #[test]
    fn neighbours_meet_and_cover_the_view() {
        let view = Viewport::new(project(116.98, 36.62), 15.37, 1300.0, 900.0);
        let tiles = cover(&view, 18, MAX_TILES);
        for t in &tiles {
            let right = tiles
                .iter()
                .find(|u| u.id.x == t.id.x + 1 && u.id.y == t.id.y);
            if let Some(r) = right {
                assert_eq!(t.left + t.size, r.left, "no seam between {t:?} and {r:?}");
            }
            // Exact place within half a pixel.
            let exact = view.world_to_screen(coord! {
                x: f64::from(t.id.x) * WORLD_SIZE / 32768.0,
                y: f64::from(t.id.y) * WORLD_SIZE / 32768.0,
            });
            assert!((exact.x - t.left).abs() <= 0.5 && (exact.y - t.top).abs() <= 0.5);
        }
        let min_l = tiles.iter().map(|t| t.left).fold(f64::MAX, f64::min);
        let max_r = tiles
            .iter()
            .map(|t| t.left + t.size)
            .fold(f64::MIN, f64::max);
        assert!(min_l <= 0.0 && max_r >= 1300.0);
    }

    #[test]
    fn deeper_than_the_provider_scales_its_last_level() {
        let view = Viewport::new(project(117.0, 36.6), 18.0, 800.0, 600.0);
        let tiles = cover(&view, 16, MAX_TILES);
        assert!(tiles
            .iter()
            .all(|t| t.id.z == 16 && (t.size - 1024.0).abs() <= 1.0));
    }

    #[test]
    fn the_set_is_bounded_and_keeps_the_middle() {
        let view = Viewport::new(project(117.0, 36.6), 12.49, 6000.0, 4000.0);
        let all = cover(&view, 18, usize::MAX);
        assert!(all.len() > 100);
        let some = cover(&view, 18, 50);
        assert_eq!(some.len(), 50);
        let centre = some.iter().any(|t| {
            t.left <= 3000.0
                && t.left + t.size >= 3000.0
                && t.top <= 2000.0
                && t.top + t.size >= 2000.0
        });
        assert!(centre, "the tile under the centre is kept");
    }

    #[test]
    fn hidpi_only_where_the_provider_has_it() {
        assert!(wants_hidpi(2.0, true));
        assert!(!wants_hidpi(2.0, false));
        assert!(!wants_hidpi(1.0, true));
    }

    #[test]
    fn health_needs_repeated_failures_outnumbering_loads() {
        let mut h = TileHealth::default();
        for _ in 0..3 {
            h.record(false);
        }
        assert!(
            !h.unavailable(),
            "three failures are not yet repeated enough"
        );
        h.record(false);
        assert!(h.unavailable());
        let mut h = TileHealth::default();
        for _ in 0..20 {
            h.record(true);
        }
        for _ in 0..6 {
            h.record(false);
        }
        assert!(!h.unavailable(), "a few holes among many tiles");
    }
}
