//! What only an embedded map has: the height it asks its host page for, and the compact key
//! a plain embed (no header, no legend panel) shows under its map.

use super::swatch::swatch_view;
use super::tr;
use super::ui::Ui;
use crate::i18n::Text;
use crate::scene::legend::Swatch;
use crate::state::embed::{chrome_height, compact_key, height_message, wanted_height};
use crate::state::EmbedOptions;
use leptos::prelude::*;

/// Tell the host page how tall this embedded map would like to be (see `state::embed`): as
/// tall as its snippet said, plus a data-problems banner if one shows.
/// Only a size goes out; nothing is ever read from incoming messages.
pub fn post_wanted_height(embed: EmbedOptions) {
    let w = window();
    let width = w
        .inner_width()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(600.0);
    let banner = document()
        .query_selector(".banner")
        .ok()
        .flatten()
        .map_or(0.0, |e| e.get_bounding_client_rect().height());
    let height = wanted_height(width, chrome_height(embed, banner));
    let msg = js_sys::JSON::parse(&height_message(height)).unwrap_or_default();
    if let Ok(Some(parent)) = w.parent() {
        if parent != w {
            parent.post_message(&msg, "*").ok();
        }
    }
}

/// A plain embed's key under the map: the zones (swatch, full and short name) and the
/// schematic note — the legend's own rows for them, so it follows the layers and filters.
#[component]
pub fn PlainKey(ui: Ui) -> impl IntoView {
    let lang = ui.map.lang;
    let theme = ui.map.theme;
    view! {
        <ul class="plain-key" aria-label=tr(lang, Text::Legend)>
            {move || {
                let t = theme.get();
                ui.map.legend.with(|entries| {
                    compact_key(entries)
                        .into_iter()
                        .map(|e| {
                            let swatch = (e.swatch != Swatch::None).then(|| swatch_view(&e.swatch, t));
                            view! { <li class=e.class.clone()>{swatch}<span>{e.text.clone()}</span></li> }
                        })
                        .collect_view()
                })
            }}
        </ul>
    }
}
