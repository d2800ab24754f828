//! How each kind of feature looks, in light and dark themes. One table for both renderers:
//! the browser sets these as SVG presentation attributes (no inline CSS, so the page runs
//! under a strict Content-Security-Policy) and the static export writes the same attributes.

use crate::plan::Category;

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

    /// Map background.
    pub fn background(self) -> &'static str {
        match self {
            Theme::Light => "#f4f1ea",
            Theme::Dark => "#15191f",
        }
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
}

const NONE: &str = "none";

/// The paint for an area or line of `category`.
pub fn paint(category: Category, theme: Theme) -> Paint {
    let dark = theme == Theme::Dark;
    let pick = |light: &'static str, dark_c: &'static str| if dark { dark_c } else { light };
    match category {
        Category::District => Paint {
            fill: pick("#ffffff", "#232a33"),
            fill_opacity: 1.0,
            stroke: pick("#7a2e1d", "#f2a48a"),
            stroke_width: 2.5,
            dash: "",
        },
        Category::Neighbour => Paint {
            fill: pick("#e6e2d8", "#1d2229"),
            fill_opacity: 1.0,
            stroke: pick("#b3ab9a", "#4a525c"),
            stroke_width: 1.0,
            dash: "",
        },
        _ => Paint {
            fill: NONE,
            fill_opacity: 0.0,
            stroke: pick("#555555", "#aaaaaa"),
            stroke_width: 1.0,
            dash: "",
        },
    }
}
