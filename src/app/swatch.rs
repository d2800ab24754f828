//! Small SVG swatches that show how a category is drawn: the legend, the layer panel, the list
//! and the card use them. They are drawn by [`crate::present::legend`], like the exports' key,
//! so the key always matches the map.

use super::dom;
use crate::number::fixed;
use crate::plan::Category;
use crate::present::legend::{swatch as swatch_els, SWATCH_H, SWATCH_W};
use crate::scene::legend::{category_swatch, Swatch};
use crate::scene::style::Theme;
use leptos::prelude::*;
use leptos::svg::Svg;

/// A swatch; zone hatches refer to the map's own patterns.
pub fn swatch_view(s: &Swatch, theme: Theme) -> impl IntoView {
    let node: NodeRef<Svg> = NodeRef::new();
    let els = swatch_els(s, theme, "");
    node.on_load(move |el| dom::patch(&document(), &el, &[], &els));
    view! {
        <svg
            class="swatch"
            width=fixed(SWATCH_W, 0)
            height=fixed(SWATCH_H, 0)
            viewBox=format!("0 0 {} {}", fixed(SWATCH_W, 0), fixed(SWATCH_H, 0))
            aria-hidden="true"
            node_ref=node
        ></svg>
    }
}

/// The swatch of a category (a zone id picks the zone's colour and hatch).
pub fn swatch(category: Category, zone_id: Option<&str>, theme: Theme) -> impl IntoView {
    swatch_view(&category_swatch(category, zone_id), theme)
}
