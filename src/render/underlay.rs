//! A tile basemap under a downloaded map: the tiles the page fetched, as `data:` URLs so the
//! document stands alone (an SVG drawn into a canvas may load nothing from outside), placed in
//! the map's pixels with the page's look ([`crate::basemap::look`]), and the provider's credit.
//!
//! ```
//! use shizhong_map::basemap::tiles::TileId;
//! use shizhong_map::render::underlay::{Underlay, UnderlayTile};
//! use shizhong_map::scene::style::Theme;
//! let u = Underlay {
//!     tiles: vec![UnderlayTile { id: TileId { z: 13, x: 6758, y: 3193 }, left: -12.0, top: 0.0, size: 256.0, href: "data:image/png;base64,AA==".into() }],
//!     credit: "底图 © OpenStreetMap 贡献者".into(),
//! };
//! let g = u.layer(Theme::Light);
//! assert_eq!(g.get("class"), Some("basemap"));
//! assert_eq!(g.children[0].get("opacity"), Some("0.92"));
//! assert_eq!(g.children[0].get("x"), Some("-12"));
//! assert_eq!(g.children[0].get("data-tile"), Some("13/6758/3193"));
//! assert_eq!(u.filter(Theme::Light).children.len(), 1, "light: saturate only");
//! ```

use crate::basemap::look::tile_look;
use crate::basemap::tiles::TileId;
use crate::present::El;
use crate::scene::style::Theme;

/// The `id` of the filter that gives the tiles their look.
pub const FILTER_ID: &str = "basemap-look";

/// Tiles to draw under the map, and the credit the attribution must carry.
#[derive(Clone, Debug, PartialEq)]
pub struct Underlay {
    pub tiles: Vec<UnderlayTile>,
    /// The provider's attribution in the document's language.
    pub credit: String,
}

/// One tile image, in the map's pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct UnderlayTile {
    pub id: TileId,
    pub left: f64,
    pub top: f64,
    /// Width and height.
    pub size: f64,
    /// The image, as a `data:` URL.
    pub href: String,
}

/// `<feFuncR/G/B>` of one `<feComponentTransfer>`, each with `attrs`.
fn per_channel(attrs: &[(&'static str, &'static str)], value: (&'static str, String)) -> El {
    El::new("feComponentTransfer").children(["feFuncR", "feFuncG", "feFuncB"].map(|f| {
        let mut e = El::new(f);
        for (k, v) in attrs {
            e = e.attr(k, *v);
        }
        e.attr(value.0, value.1.clone())
    }))
}

impl Underlay {
    /// The filter for `theme`: the steps of the CSS filter the page gives its tiles, in the
    /// same order, as the Filter Effects spec defines each (in sRGB, as CSS filters work).
    pub fn filter(&self, theme: Theme) -> El {
        let look = tile_look(theme);
        let mut f = El::new("filter")
            .attr("id", FILTER_ID)
            .attr("x", "0")
            .attr("y", "0")
            .attr("width", "1")
            .attr("height", "1")
            .attr("color-interpolation-filters", "sRGB");
        if look.invert {
            f = f.child(per_channel(
                &[("type", "table")],
                ("tableValues", "1 0".into()),
            ));
        }
        if look.hue_rotate != 0.0 {
            f = f.child(
                El::new("feColorMatrix")
                    .attr("type", "hueRotate")
                    .num("values", look.hue_rotate),
            );
        }
        if look.saturate != 1.0 {
            f = f.child(
                El::new("feColorMatrix")
                    .attr("type", "saturate")
                    .num("values", look.saturate),
            );
        }
        if look.brightness != 1.0 {
            f = f.child(per_channel(
                &[("type", "linear")],
                ("slope", crate::number::num(look.brightness)),
            ));
        }
        f
    }

    /// The tiles as one group, under everything else of the map; the look goes on each tile,
    /// as on the page.
    pub fn layer(&self, theme: Theme) -> El {
        let opacity = tile_look(theme).opacity;
        El::new("g")
            .class("basemap")
            .children(self.tiles.iter().map(|t| {
                El::new("image")
                    .num("opacity", opacity)
                    .attr("filter", format!("url(#{FILTER_ID})"))
                    .attr("data-tile", t.id.to_string())
                    .num("x", t.left)
                    .num("y", t.top)
                    .num("width", t.size)
                    .num("height", t.size)
                    .attr("preserveAspectRatio", "none")
                    .attr("href", t.href.clone())
            }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dark_filter_takes_the_css_steps_in_order() {
        let u = Underlay {
            tiles: vec![],
            credit: String::new(),
        };
        let f = u.filter(Theme::Dark);
        let steps: Vec<_> = f
            .children
            .iter()
            .map(|c| {
                let ty = c.get("type");
                (
                    c.tag,
                    ty.or_else(|| c.children.first().and_then(|x| x.get("type"))),
                )
            })
            .collect();
        assert_eq!(
            steps,
            [
                ("feComponentTransfer", Some("table")),
                ("feColorMatrix", Some("hueRotate")),
                ("feColorMatrix", Some("saturate")),
                ("feComponentTransfer", Some("linear")),
            ]
        );
        assert_eq!(f.children[3].children[0].get("slope"), Some("0.9"));
    }
}
