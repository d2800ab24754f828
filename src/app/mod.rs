//! The Leptos page: a thin layer over the pure core. It fetches `geodata/`, builds the
//! [`WorldPlan`] once and hands it to the map.

mod fetch;
mod gestures;
mod map;
mod panic;
mod svg;

use crate::i18n::Text;
use crate::scene::world::WorldPlan;
use crate::state::AppState;
use leptos::prelude::*;
use std::sync::Arc;

/// Where the data lives, relative to the page, unless the URL names another folder.
const DATA_BASE: &str = "geodata/";

/// The state the page was opened with.
fn url_state() -> AppState {
    let location = window().location();
    AppState::from_url(
        &location.search().unwrap_or_default(),
        &location.hash().unwrap_or_default(),
    )
}

/// Whether the system asks for dark colours.
fn system_prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Start the app: install the panic hook, mount, and load the data.
pub fn start() {
    panic::install();
    // The static "loading" note in index.html is replaced by the app's own.
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let initial = url_state();
    let lang = initial.lang;
    let state = map::MapState::new(lang, initial.theme.resolve(system_prefers_dark()));
    state.layers.set(initial.layers);
    state.selected.set(initial.selected.clone());
    let world: RwSignal<Option<Arc<WorldPlan>>> = RwSignal::new(None);
    let base = initial
        .data
        .clone()
        .unwrap_or_else(|| DATA_BASE.to_string());
    leptos::task::spawn_local(async move {
        let plan = fetch::load_plan(&base).await;
        world.set(Some(Arc::new(WorldPlan::new(plan))));
    });
    let initial_view = initial.view;

    view! {
        <div class="app" data-loaded=move || world.with(Option::is_some).to_string()>
            <header class="app-header">
                <h1>{Text::Title.get(lang)}</h1>
            </header>
            {move || match world.get() {
                None => view! {
                    <p class="loading" role="status">{Text::Loading.get(lang)}</p>
                }.into_any(),
                Some(w) => view! { <map::MapView world=w state=state initial=initial_view /> }.into_any(),
            }}
        </div>
    }
}
