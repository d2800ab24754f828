//! Where keyboard focus goes when the page changes under it: into a panel that opens, back
//! to the button that opened it when it closes, and onto the markers a cluster split into.

use super::ui::Panel;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Focus the first element matching `selector`; whether there was one.
pub fn focus_selector(selector: &str) -> bool {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        .is_some_and(|el| el.focus().is_ok())
}

/// Put keyboard focus on the map.
pub fn focus_map() {
    focus_selector(".map");
}

/// After `closed` closed: focus the toolbar button that opens it, or the map (the card, or a
/// page without a toolbar).
pub fn return_from(closed: Panel) {
    if !closed.opener().is_some_and(focus_selector) {
        focus_map();
    }
}

/// Focus the open panel's heading (every panel's `h2` takes focus: `tabindex="-1"`).
pub fn into_panel() {
    focus_selector("#side-panel h2[tabindex]");
}

/// Whether a marker or cluster drawn now stands for some of `ids` (and is not the whole
/// cluster they came from).
fn part_of(el: &Element, ids: &[String]) -> bool {
    if let Some(id) = el.get_attribute("data-id") {
        return ids.contains(&id);
    }
    el.get_attribute("data-ids").is_some_and(|members| {
        let members: Vec<&str> = members.split_whitespace().collect();
        members.len() < ids.len() && members.iter().all(|m| ids.iter().any(|i| i == m))
    })
}

/// After a cluster of `ids` was opened by keyboard and the map has been redrawn: focus the
/// first reachable marker (or smaller cluster) it split into. Whether one was found.
pub fn onto_split(svg: &Element, ids: &[String]) -> bool {
    let Ok(list) = svg.query_selector_all(".marker[tabindex=\"0\"], .cluster[tabindex=\"0\"]")
    else {
        return false;
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .find(|el| part_of(el, ids))
        // SVG elements have `focus()` too; web-sys's binding calls it by name.
        .is_some_and(|el| el.unchecked_ref::<HtmlElement>().focus().is_ok())
}

/// Whether focus is on the map's frame itself (not on something inside it, or elsewhere).
pub fn on_map_frame() -> bool {
    document()
        .active_element()
        .is_some_and(|e| e.matches(".map").unwrap_or(false))
}
