//! Keeping the URL in step with the app: the view, layers, zone filter, selection, language and
//! theme are written to the fragment (`#map=zoom/lat/lon&…`). Moving the map replaces the
//! history entry; choosing a feature adds one, so back and forward step through selections (and
//! stepping back or forward never adds one).

use super::ui::{Panel, Ui};
use crate::scene::world::WorldPlan;
use crate::state::{AppState, ThemeChoice, UrlView};
use crate::story::Story;
use leptos::prelude::*;
use std::sync::Arc;

/// The state in the address bar now.
pub fn current() -> AppState {
    let location = window().location();
    AppState::from_url(
        &location.search().unwrap_or_default(),
        &location.hash().unwrap_or_default(),
    )
}

/// Whether the link asks the app to panic on purpose (`debug=panic`), to test the panic hook.
/// Only in builds with the `panic-probe` feature (the browser tests' probe build): a release
/// build has no such switch, so no link can make it panic.
#[cfg(feature = "panic-probe")]
pub fn asks_for_test_panic() -> bool {
    let location = window().location();
    let all = location.search().unwrap_or_default() + &location.hash().unwrap_or_default();
    all.split(['?', '#', '&']).any(|p| p == "debug=panic")
}

/// Write changes to the URL, and follow back/forward. An embedded map leaves its address as
/// the host page set it: its selections must not fill the article's Back history (a frame's
/// history entries are the page's), and a reload of its preview must show the embed afresh.
pub fn sync(
    ui: Ui,
    theme_choice: RwSignal<ThemeChoice>,
    initial: AppState,
    world: RwSignal<Option<Arc<WorldPlan>>>,
    story: RwSignal<Option<Arc<Story>>>,
) {
    let map = ui.map;
    let state_now = move || {
        // WGS84 whatever datum the map is drawn in.
        let v = map.settled_wgs84();
        let (lon, lat) = v.center_lon_lat();
        AppState {
            view: map.ready.get().then_some(UrlView {
                zoom: v.zoom,
                lat,
                lon,
            }),
            layers: map.layers.get(),
            zone: map.zone_filter.get(),
            selected: map.selected.get(),
            lang: map.lang.get(),
            theme: theme_choice.get(),
            embed: initial.embed,
            data: initial.data.clone(),
            story: ui.story.get(),
            basemap: map.basemap.with(|p| p.as_ref().map(|p| p.id.clone())),
        }
    };
    // The step a link names, as the tour shows it (kept within the story).
    let step_in = move |s: &AppState| {
        s.story.map(|n| {
            story.with_untracked(|t| {
                t.as_ref()
                    .map_or(n, |t| Story::index_of_step(n, t.steps.len()) + 1)
            })
        })
    };
    let writes = !initial.embed.embed;
    Effect::new(move |_| {
        let now = state_now();
        if now.view.is_none() || !writes {
            return; // not drawn yet (keep the link as it came), or an embed
        }
        let fragment = now.to_fragment();
        if let Ok(history) = window().history() {
            let url = format!(
                "{}{}",
                window().location().search().unwrap_or_default(),
                fragment
            );
            // A new entry when the selection differs from the one in the address bar, so a
            // choice is one step back. Not "differs from the last state seen": after back or
            // forward the address bar already holds the entry's selection, and pushing then
            // (the view still the old one) would drop the forward history.
            // Each step of the tour is an entry too (and opening or leaving it).
            let address = current();
            let new_entry = address.selected != now.selected || step_in(&address) != now.story;
            let same = window().location().hash().unwrap_or_default() == fragment;
            if !same {
                let js = wasm_bindgen::JsValue::NULL;
                if new_entry {
                    history.push_state_with_url(&js, "", Some(&url)).ok();
                } else {
                    history.replace_state_with_url(&js, "", Some(&url)).ok();
                }
            }
        }
    });
    let follow = move || {
        let s = current();
        ui.story.set(step_in(&s));
        match (s.story.is_some(), ui.panel.get_untracked()) {
            (true, p) if p != Panel::Story && p != Panel::Card => ui.panel.set(Panel::Story),
            (false, Panel::Story) => ui.panel.set(Panel::None),
            _ => {}
        }
        map.selected.set(s.selected.clone());
        map.layers.set(s.layers);
        if let Some(w) = world.get_untracked() {
            map.zone_filter.set(s.filter_in(&w).zone);
        }
        map.lang.set(s.lang);
        theme_choice.set(s.theme);
        map.choose_basemap(s.basemap.as_deref());
        if let Some(id) = s.selected {
            map.fly_to.set(Some(id));
        }
    };
    // Back and forward; and a fragment set from outside (a host page's scrolling sets an
    // embed's `#story=1&step=N`: the page never reloads for it).
    let on_pop = window_event_listener(leptos::ev::popstate, move |_| follow());
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| follow());
    on_cleanup(move || {
        on_pop.remove();
        on_hash.remove();
    });
}
