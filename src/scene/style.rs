//! How each kind of feature looks, in light and dark themes. One table for both renderers:
//! the browser sets these as SVG presentation attributes (no inline CSS, so the page runs
//! under a strict Content-Security-Policy) and the static export writes the same attributes.
//!
//! Colours come from the Okabe–Ito colour-blind-safe palette, darkened where needed for
//! contrast; nothing is told apart by colour alone: zones also differ by hatch pattern and
//! label, project categories by symbol shape, precision by a dashed outline.

use crate::plan::{Category, PlanFeature, Precision};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    pub fn code(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(s: &str) -> Option<Theme> {
        match s {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    fn pick(self, light: &'static str, dark: &'static str) -> &'static str {
        match self {
            Theme::Light => light,
            Theme::Dark => dark,
        }
    }

    /// Map background (outside the district).
    pub fn background(self) -> &'static str {
        self.pick("#e9e4d8", "#101419")
    }

    /// The district's fill: what markers and labels mostly sit on.
    pub fn land(self) -> &'static str {
        self.pick("#fbfaf7", "#1e252d")
    }

    /// Label text and its halo.
    pub fn text(self) -> &'static str {
        self.pick("#1b1b1b", "#f2f2f2")
    }
    pub fn halo(self) -> &'static str {
        self.pick("#ffffff", "#101419")
    }
    /// Quieter text: context labels (neighbours, roads) and map furniture.
    pub fn muted_text(self) -> &'static str {
        self.pick("#595959", "#a7b0ba")
    }
    /// Selection highlight.
    pub fn highlight(self) -> &'static str {
        self.pick("#000000", "#ffd166")
    }
}

/// Paint for an area or line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paint {
    pub fill: &'static str,
    pub fill_opacity: f32,
    pub stroke: &'static str,
    pub stroke_width: f32,
    /// SVG `stroke-dasharray`, or empty for solid.
    pub dash: &'static str,
    /// A hatch pattern drawn over the fill, by index into [`HATCHES`].
    pub hatch: Option<usize>,
}

const NONE: &str = "none";

impl Paint {
    const fn line(stroke: &'static str, width: f32) -> Paint {
        Paint {
            fill: NONE,
            fill_opacity: 0.0,
            stroke,
            stroke_width: width,
            dash: "",
            hatch: None,
        }
    }
}

/// Zone colours (light, dark), in the order north, centre, south, west.
const ZONE_COLOURS: [(&str, &str); 4] = [
    ("#0072b2", "#56b4e9"),
    ("#d55e00", "#f0a35e"),
    ("#009e73", "#3ccf9f"),
    ("#cc79a7", "#e6a6cb"),
];

/// A hatch pattern: id suffix and the SVG path drawn in one 8 × 8 tile.
pub struct Hatch {
    pub id: &'static str,
    pub tile: &'static str,
}

/// One hatch per zone, so zones differ without colour.
pub const HATCHES: [Hatch; 4] = [
    Hatch {
        id: "hatch-diagonal",
        tile: "M-2 2L2-2M0 8L8 0M6 10L10 6",
    },
    Hatch {
        id: "hatch-dots",
        tile: "M3 3h1.6v1.6h-1.6Z",
    },
    Hatch {
        id: "hatch-horizontal",
        tile: "M0 4H8",
    },
    Hatch {
        id: "hatch-cross",
        tile: "M0 0L8 8M8 0L0 8",
    },
];

/// Which of the four zone tones a zone takes: by its known id, else by hashing the id.
pub fn zone_tone(id: &str) -> usize {
    match id {
        "zone.north" => 0,
        "zone.centre" => 1,
        "zone.south" => 2,
        "zone.west" => 3,
        other => other.bytes().map(usize::from).sum::<usize>() % 4,
    }
}

/// The colour of zone tone `i`: what hatch pattern `i` is drawn in.
pub fn tone_colour(i: usize, theme: Theme) -> &'static str {
    let (l, d) = ZONE_COLOURS[i % ZONE_COLOURS.len()];
    theme.pick(l, d)
}

/// The colour of a zone (for fills, the legend and the card).
pub fn zone_colour(id: &str, theme: Theme) -> &'static str {
    tone_colour(zone_tone(id), theme)
}

/// The paint for an area or line feature.
pub fn paint(f: &PlanFeature, theme: Theme) -> Paint {
    let areal = f.geometry.as_ref().is_some_and(is_areal);
    let base = category_paint(f.category, areal, theme);
    match f.category {
        Category::Zone => Paint {
            fill: zone_colour(&f.id, theme),
            stroke: zone_colour(&f.id, theme),
            hatch: Some(zone_tone(&f.id)),
            ..base
        },
        _ if f.schematic && !areal => Paint {
            dash: "10 6",
            ..base
        },
        _ if f.precision == Precision::Approximate
            && f.category.group() == crate::plan::Group::Projects =>
        {
            Paint {
                dash: "3 3",
                ..base
            }
        }
        _ => base,
    }
}

/// `p`, the paint of a `category` shape, over a tile basemap: the ground the offline map paints
/// (the district's land, the neighbours) is opened so the streets show — the district clear,
/// the neighbours under a light veil so the district stays the figure. Everything else is
/// already translucent and keeps its paint.
///
/// ```
/// use shizhong_map::plan::Category;
/// use shizhong_map::scene::style::{category_paint, over_tiles, Theme};
/// let land = category_paint(Category::District, true, Theme::Light);
/// assert_eq!(over_tiles(land, Category::District).fill_opacity, 0.0);
/// let zone = category_paint(Category::Zone, true, Theme::Light);
/// assert_eq!(over_tiles(zone, Category::Zone), zone);
/// ```
pub fn over_tiles(p: Paint, category: Category) -> Paint {
    match category {
        Category::District => Paint {
            fill_opacity: 0.0,
            ..p
        },
        Category::Neighbour => Paint {
            fill_opacity: 0.35,
            ..p
        },
        _ => p,
    }
}

/// The paint of a category's areas (`areal`) or lines, before per-feature touches (zone
/// colours, dashes for schematic or approximate shapes). The legend draws these.
pub fn category_paint(category: Category, areal: bool, theme: Theme) -> Paint {
    let t = theme;
    match category {
        Category::District => Paint {
            fill: t.land(),
            fill_opacity: 1.0,
            stroke: t.pick("#7a2e1d", "#f2a48a"),
            stroke_width: 2.5,
            dash: "",
            hatch: None,
        },
        Category::Neighbour => Paint {
            fill: t.pick("#e2ddd0", "#171c22"),
            fill_opacity: 1.0,
            stroke: t.pick("#a9a190", "#46505b"),
            stroke_width: 1.0,
            dash: "",
            hatch: None,
        },
        Category::Zone => Paint {
            fill: zone_colour("zone.north", t),
            fill_opacity: 0.10,
            stroke: zone_colour("zone.north", t),
            stroke_width: 1.2,
            dash: "6 4",
            hatch: Some(0),
        },
        Category::Belt if areal => Paint {
            fill: t.pick("#d55e00", "#f0a35e"),
            fill_opacity: 0.20,
            stroke: t.pick("#b34d00", "#f0a35e"),
            stroke_width: 1.0,
            dash: "",
            hatch: None,
        },
        Category::Belt => Paint::line(t.pick("#b34d00", "#f5b273"), 3.0),
        Category::Axis => Paint::line(t.pick("#8b1e3f", "#ff8fab"), 5.0),
        Category::Road => Paint::line(t.pick("#a39d91", "#5d6670"), 2.0),
        Category::RoadProject => Paint {
            dash: "4 3",
            ..Paint::line(t.pick("#555555", "#bbbbbb"), 3.0)
        },
        _ => Paint::line(marker_style(category, t).colour, 2.0),
    }
}

fn is_areal(g: &geo::Geometry<f64>) -> bool {
    matches!(
        g,
        geo::Geometry::Polygon(_) | geo::Geometry::MultiPolygon(_)
    )
}

/// Whether features of a category are drawn as a marker symbol (projects, landmarks,
/// stations) rather than only as a shape.
pub fn has_marker(c: Category) -> bool {
    matches!(
        c.group(),
        crate::plan::Group::Projects | crate::plan::Group::Context
    ) && c != Category::Road
}

/// Marker symbols: shape tells the category apart without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Symbol {
    Square,
    Diamond,
    Triangle,
    Hexagon,
    Circle,
    Bar,
    Cross,
    Star,
    Ring,
}

impl Symbol {
    /// SVG path data centred on (0, 0), about 15 px across.
    pub fn path(self) -> &'static str {
        match self {
            Symbol::Square => "M-6-6h12v12h-12Z",
            Symbol::Diamond => "M0-8L8 0L0 8L-8 0Z",
            Symbol::Triangle => "M0-8L7.5 6H-7.5Z",
            Symbol::Hexagon => "M-7 0L-3.5-6.1H3.5L7 0L3.5 6.1H-3.5Z",
            Symbol::Circle => "M-6.5 0a6.5 6.5 0 1 0 13 0a6.5 6.5 0 1 0-13 0Z",
            Symbol::Bar => "M-8-3.5h16v7h-16Z",
            Symbol::Cross => "M-2.6-7.5h5.2v4.9h4.9v5.2h-4.9v4.9h-5.2v-4.9h-4.9v-5.2h4.9Z",
            Symbol::Star => {
                "M0-8L2.2-2.6L7.6-2.5L3.4 1L4.9 6.5L0 3.4L-4.9 6.5L-3.4 1L-7.6-2.5L-2.2-2.6Z"
            }
            Symbol::Ring => {
                "M-6 0a6 6 0 1 0 12 0a6 6 0 1 0-12 0ZM-2.5 0a2.5 2.5 0 1 1 5 0a2.5 2.5 0 1 1-5 0Z"
            }
        }
    }
}

/// How a point feature of a category is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MarkerStyle {
    pub symbol: Symbol,
    pub colour: &'static str,
}

pub fn marker_style(c: Category, theme: Theme) -> MarkerStyle {
    let t = theme;
    let (symbol, colour) = match c {
        Category::Industry => (Symbol::Square, t.pick("#0063a3", "#6cc3f5")),
        Category::Innovation => (Symbol::Diamond, t.pick("#c24e00", "#ff9f5a")),
        Category::Services => (Symbol::Triangle, t.pick("#9c3d82", "#eb9fd0")),
        Category::Land => (Symbol::Hexagon, t.pick("#00785a", "#45d4a6")),
        Category::Renewal => (Symbol::Circle, t.pick("#8f5a00", "#f2c14e")),
        Category::RoadProject => (Symbol::Bar, t.pick("#4d4d4d", "#d0d0d0")),
        Category::PublicService => (Symbol::Cross, t.pick("#1f5fa8", "#8fb8f0")),
        Category::Infrastructure => (Symbol::Star, t.pick("#5b4ea3", "#b3a7f2")),
        Category::Landmark => (Symbol::Star, t.pick("#6b4c2a", "#d9b98c")),
        Category::MetroStation => (Symbol::Ring, t.pick("#b0005e", "#ff7ab8")),
        _ => (Symbol::Circle, t.pick("#444444", "#cccccc")),
    };
    MarkerStyle { symbol, colour }
}

/// WCAG relative luminance of `#rrggbb`.
pub fn luminance(hex: &str) -> f64 {
    let h = hex.trim_start_matches('#');
    let channel = |i: usize| {
        let v = u8::from_str_radix(h.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0) as f64 / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            crate::math::powf((v + 0.055) / 1.055, 2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

/// WCAG contrast ratio of two `#rrggbb` colours.
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_stand_out_from_the_land_in_both_themes() {
        for theme in [Theme::Light, Theme::Dark] {
            for c in Category::ALL {
                let m = marker_style(*c, theme);
                for bg in [theme.land(), theme.background()] {
                    let ratio = contrast(m.colour, bg);
                    assert!(ratio >= 3.0, "{c:?} {theme:?} on {bg}: {ratio:.2}");
                }
            }
        }
    }

    #[test]
    fn label_text_meets_aa_contrast() {
        for theme in [Theme::Light, Theme::Dark] {
            for bg in [theme.land(), theme.background(), theme.halo()] {
                assert!(contrast(theme.text(), bg) >= 4.5, "{theme:?} on {bg}");
            }
        }
    }

    #[test]
    fn project_categories_have_distinct_symbols() {
        use crate::plan::Group;
        let symbols: Vec<Symbol> = Category::ALL
            .iter()
            .filter(|c| c.group() == Group::Projects && **c != Category::Infrastructure)
            .map(|c| marker_style(*c, Theme::Light).symbol)
            .collect();
        let mut unique = symbols.clone();
        unique.dedup();
        unique.sort_by_key(|s| *s as u8);
        unique.dedup();
        assert_eq!(unique.len(), symbols.len(), "{symbols:?}");
    }

    #[test]
    fn zones_differ_by_hatch_and_colour() {
        let ids = ["zone.north", "zone.centre", "zone.south", "zone.west"];
        let tones: std::collections::HashSet<usize> = ids.iter().map(|i| zone_tone(i)).collect();
        assert_eq!(tones.len(), 4, "the four known zones differ");
        // Any other zone gets one of the four tones, the same every time, and the tones are
        // all used (so a fifth zone is not always drawn like the first).
        let others: Vec<String> = (0..200).map(|i| format!("zone.extra-{i}")).collect();
        let mut used = std::collections::HashSet::new();
        for id in &others {
            let t = zone_tone(id);
            assert!(t < ZONE_COLOURS.len(), "{id}: tone {t}");
            assert_eq!(zone_tone(id), t, "{id}: stable");
            assert_eq!(zone_colour(id, Theme::Dark), tone_colour(t, Theme::Dark));
            used.insert(t);
        }
        assert_eq!(used.len(), 4, "{used:?}");
    }

    #[test]
    fn contrast_maths() {
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((contrast("#777777", "#777777") - 1.0).abs() < 1e-9);
    }
}
