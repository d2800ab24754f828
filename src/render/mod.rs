//! Renderers of a [`Scene`](crate::scene::Scene) that need no browser: the static SVG writer
//! behind `shizhong export`, the page's "download SVG/PNG" and the pre-rendered first view.
//! They serialise the drawables of [`crate::present`] and add the furniture of a printed map.
//! Pure code, compiled natively and for WASM alike.

pub mod furniture;
pub mod layout;
pub mod legend;
pub mod svg;
pub mod underlay;
pub mod xml;

pub use layout::Layout;
pub use svg::{to_svg, SvgOptions};
