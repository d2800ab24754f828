//! The page's panels and controls over the map: which parts of the map they cover, measured
//! from the DOM. The scene keeps labels out of those parts, leaves markers under them out of
//! the tab order, and fits the home view beside them (see `scene::canvas`).

use super::map_state::MapState;
use crate::scene::labels::Aabb;
use leptos::prelude::*;
use web_sys::Element;

/// Everything that may lie over the map. The side panel only covers it on phones (a bottom
/// sheet); on desktops it sits beside the map and its box misses the map's.
const OVER_THE_MAP: &str =
    ".legend, .map-controls, .map-attribution, .scale-bar, .side-panel, .open-full";

/// The boxes, in the map's own pixels, where something covers it.
pub fn covered_boxes(map: &Element) -> Vec<Aabb> {
    let m = map.get_bounding_client_rect();
    let Ok(list) = document().query_selector_all(OVER_THE_MAP) else {
        return vec![];
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
        .filter_map(|el| {
            let r = el.get_bounding_client_rect();
            let b = Aabb {
                x0: r.left().max(m.left()) - m.left(),
                y0: r.top().max(m.top()) - m.top(),
                x1: r.right().min(m.right()) - m.left(),
                y1: r.bottom().min(m.bottom()) - m.top(),
            };
            (b.x1 - b.x0 > 0.5 && b.y1 - b.y0 > 0.5).then_some(b)
        })
        .collect()
}

/// The map's box, if it is on the page.
fn map_element() -> Option<Element> {
    document().query_selector(".map").ok().flatten()
}

impl MapState {
    /// Measure what covers the map now. When the attribution line has changed height, what
    /// stands on it moves (see [`MapState::foot`]): measure once more after that.
    pub fn measure_covered(&self) {
        if let Some(map) = map_element() {
            let foot = map
                .query_selector(".map-attribution")
                .ok()
                .flatten()
                .map_or(0.0, |a| a.get_bounding_client_rect().height());
            if (self.foot.get_untracked() - foot).abs() > 0.5 {
                self.foot.set(foot);
                self.remeasure();
            }
            let now = covered_boxes(&map);
            if self.covered.with_untracked(|c| *c != now) {
                self.covered.set(now);
            }
        }
    }

    /// Measure again once the page has laid out a change (a panel opened, the legend folded).
    pub fn remeasure(&self) {
        let this = *self;
        request_animation_frame(move || this.measure_covered());
    }
}
