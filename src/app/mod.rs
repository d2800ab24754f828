//! The Leptos page: a thin layer over the pure core. It fetches `geodata/`, builds the
//! [`WorldPlan`] once and hands it to the map.

mod fetch;
mod gestures;
mod map;
mod panic;
mod svg;

use crate::i18n::{Lang, Text};
use crate::scene::world::WorldPlan;
use leptos::prelude::*;
use std::sync::Arc;

/// Where the data lives, relative to the page.
const DATA_BASE: &str = "geodata/";

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
    let lang = Lang::Zh;
    let state = map::MapState::new(lang, crate::scene::style::Theme::Light);
    let world: RwSignal<Option<Arc<WorldPlan>>> = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        let plan = fetch::load_plan(DATA_BASE).await;
        world.set(Some(Arc::new(WorldPlan::new(plan))));
    });

    view! {
        <div class="app" data-loaded=move || world.with(Option::is_some).to_string()>
            <header class="app-header">
                <h1>{Text::Title.get(lang)}</h1>
            </header>
            {move || match world.get() {
                None => view! {
                    <p class="loading" role="status">{Text::Loading.get(lang)}</p>
                }.into_any(),
                Some(w) => view! { <map::MapView world=w state=state /> }.into_any(),
            }}
        </div>
    }
}
