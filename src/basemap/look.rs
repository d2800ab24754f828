//! How tiles look under our layers: muted so the plan stays readable over them, and in the dark
//! theme turned dark (inverted, hues turned back). One rule for the page (a CSS `filter` on
//! each tile) and for a download that includes the tiles (the same steps as SVG filter
//! primitives, see [`crate::render::underlay`]), so the two cannot disagree.
//!
//! ```
//! use shizhong_map::basemap::look::tile_look;
//! use shizhong_map::scene::style::Theme;
//! assert_eq!(tile_look(Theme::Light).css_filter(), "saturate(0.65)");
//! assert_eq!(tile_look(Theme::Dark).css_filter(),
//!            "invert(1) hue-rotate(180deg) saturate(0.5) brightness(0.9)");
//! assert_eq!(tile_look(Theme::Light).opacity, 0.92);
//! ```

use crate::number::fixed;
use crate::scene::style::Theme;

/// The steps applied to the tiles, in this order, then the layer's opacity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TileLook {
    /// Light becomes dark (`invert(1)`).
    pub invert: bool,
    /// Degrees the hues turn (after inverting, 180° brings the colours back).
    pub hue_rotate: f64,
    /// 1 keeps the colours, 0 is grey.
    pub saturate: f64,
    /// 1 keeps the brightness.
    pub brightness: f64,
    /// Of each tile.
    pub opacity: f64,
}

/// The look of tiles in `theme`.
pub fn tile_look(theme: Theme) -> TileLook {
    match theme {
        Theme::Light => TileLook {
            invert: false,
            hue_rotate: 0.0,
            saturate: 0.65,
            brightness: 1.0,
            opacity: 0.92,
        },
        Theme::Dark => TileLook {
            invert: true,
            hue_rotate: 180.0,
            saturate: 0.5,
            brightness: 0.9,
            opacity: 0.92,
        },
    }
}

impl TileLook {
    /// The CSS `filter` value (steps that change nothing are left out; `none` when all do).
    pub fn css_filter(&self) -> String {
        let mut steps = vec![];
        if self.invert {
            steps.push("invert(1)".to_string());
        }
        if self.hue_rotate != 0.0 {
            steps.push(format!("hue-rotate({}deg)", fixed(self.hue_rotate, 2)));
        }
        if self.saturate != 1.0 {
            steps.push(format!("saturate({})", fixed(self.saturate, 2)));
        }
        if self.brightness != 1.0 {
            steps.push(format!("brightness({})", fixed(self.brightness, 2)));
        }
        if steps.is_empty() {
            "none".to_string()
        } else {
            steps.join(" ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_look_that_changes_nothing_is_no_filter() {
        let plain = TileLook {
            invert: false,
            hue_rotate: 0.0,
            saturate: 1.0,
            brightness: 1.0,
            opacity: 1.0,
        };
        assert_eq!(plain.css_filter(), "none");
    }
}
