//! Renderers of a [`Scene`](crate::scene::Scene) that need no browser: the static SVG writer
//! behind `shizhong export` (and, later, the page's "download SVG"). Pure code, compiled
//! natively and for WASM alike.

pub mod svg;

pub use svg::{to_svg, Layout, SvgOptions};
