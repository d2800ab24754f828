//! The Leptos page: a thin layer over the pure core. It fetches `geodata/`, builds the
//! [`WorldPlan`] once, and lays out the map with its panels: search, layers and filters,
//! legend, info card, list view and key figures.

mod basemap_choice;
mod card;
mod chrome;
mod dom;
mod embed;
mod fetch;
mod focus;
mod gestures;
mod map;
mod map_download;
mod map_state;
mod page;
mod panels;
mod panic;
mod print;
mod search;
mod share;
mod side;
mod story;
mod swatch;
mod tile_capture;
mod tiles;
mod ui;
mod url;

use crate::i18n::{Lang, Text};
use crate::number::fixed;
use crate::scene::world::WorldPlan;
use crate::state::ThemeChoice;
use crate::story::Story;
use leptos::prelude::*;
use page::{mark, tr};
use std::sync::Arc;
use ui::{Panel, Ui};

/// Where the data lives, relative to the page, unless the URL names another folder.
const DATA_BASE: &str = "geodata/";

/// Whether the system asks for dark colours.
fn system_prefers_dark() -> bool {
    page::media_matches("(prefers-color-scheme: dark)")
}

/// Start the app: install the panic hook, mount, and load the data.
pub fn start() {
    mark("app-start");
    panic::install();
    // The pre-rendered first view (or the loading note) in index.html stays over the app
    // until the live map has drawn (see `map::first_drawn`).
    leptos::mount::mount_to_body(App);
    mark("mounted");
}

#[component]
fn App() -> impl IntoView {
    let initial = url::current();
    let theme_choice = RwSignal::new(initial.theme);
    let mode = if initial.embed.static_map {
        map_state::MapMode::Static
    } else if initial.embed.embed {
        map_state::MapMode::Cooperative
    } else {
        map_state::MapMode::Full
    };
    let state = map_state::MapState::new(
        initial.lang,
        initial.theme.resolve(system_prefers_dark()),
        mode,
    );
    state.layers.set(initial.layers);
    state.selected.set(initial.selected.clone());
    // A link to a feature without a view shows that feature.
    if initial.view.is_none() {
        state.fly_to.set(initial.selected.clone());
    }
    let ui = Ui::new(state);
    if let Some(step) = initial.story {
        ui.open_story(step);
    }
    // The plan in WGS84 (search, the banner) and the plan as the map draws it: in the datum of
    // the basemap's tiles (GCJ-02 for AMap), WGS84 otherwise.
    let world: RwSignal<Option<Arc<WorldPlan>>> = RwSignal::new(None);
    let drawn: RwSignal<Option<Arc<WorldPlan>>> = RwSignal::new(None);
    // The guided tour, when the manifest names one and it could be read.
    let story: RwSignal<Option<Arc<Story>>> = RwSignal::new(None);
    let base = initial
        .data
        .clone()
        .unwrap_or_else(|| DATA_BASE.to_string());
    #[cfg(feature = "panic-probe")]
    let deliberate_panic = url::asks_for_test_panic();
    let link = initial.clone();
    leptos::task::spawn_local(async move {
        let (mut plan, basemaps, story_file) = fetch::load_plan(&base).await;
        // A story that cannot be used is reported with the data's problems; the map works.
        let tour = story_file.and_then(|(name, fetched)| {
            let (tour, problems) = crate::story::load(&name, fetched, &plan, None);
            plan.problems.extend(problems);
            tour
        });
        if tour.is_none() && ui.story.get_untracked().is_some() {
            ui.close();
        }
        story.set(tour.map(Arc::new));
        mark("data-loaded");
        // The link's basemap, if the deployment offers it (before the map is drawn, so the
        // first drawing is in its datum).
        state.basemaps.set(basemaps);
        state.choose_basemap(link.basemap.as_deref());
        let w = Arc::new(WorldPlan::new(plan));
        mark("world-built");
        // The link's zone filter, once the data says which zones there are.
        state.zone_filter.set(link.filter_in(&w).zone);
        world.set(Some(w));
        // The probe build only: lets the tests check that a panic shows the friendly message,
        // not a dead page.
        #[cfg(feature = "panic-probe")]
        if deliberate_panic {
            panic!("deliberate panic requested by debug=panic");
        }
    });
    let lang = state.lang;
    tiles::follow_datum(state, world, drawn);

    // The page's language and title follow the switch; the chrome follows the theme.
    Effect::new(move |_| {
        let l = lang.get();
        if let Some(html) = document().document_element() {
            html.set_attribute("lang", l.tag()).ok();
            html.set_attribute("data-theme", state.theme.get().code())
                .ok();
        }
        document().set_title(&format!(
            "{} · {}",
            Text::Title.get(l),
            Text::Title.get(l.other())
        ));
    });
    Effect::new(move |_| {
        state
            .theme
            .set(theme_choice.get().resolve(system_prefers_dark()))
    });
    // A selection made on the map opens its card; clearing it closes the card.
    Effect::new(move |prev: Option<Option<String>>| {
        let sel = state.selected.get();
        if prev.is_some_and(|p| p != sel) {
            match &sel {
                Some(_) => ui.panel.set(Panel::Card),
                None if ui.panel.get_untracked() == Panel::Card => ui.panel.set(Panel::None),
                None => {}
            }
        }
        sel
    });
    url::sync(ui, theme_choice, initial.clone(), world, story);
    // Panels, the sheet's height and the language change what covers the map: measure again.
    Effect::new(move |_| {
        ui.panel.track();
        ui.sheet.track();
        lang.track();
        state.remeasure();
    });
    let embed = initial.embed;
    // A sheet opens at its opening height, whatever height it was left at last time.
    ui.sheet
        .set(side::opening_stop(embed.embed, ui.panel.get_untracked()));
    Effect::new(move |prev: Option<Panel>| {
        let now = ui.panel.get();
        if prev == Some(Panel::None) && now != Panel::None {
            ui.sheet.set(side::opening_stop(embed.embed, now));
        }
        now
    });
    // Escape closes the open panel (the map and the search box handle their own first), and
    // focus goes back to what opened it.
    let esc = window_event_listener(leptos::ev::keydown, move |ev| {
        let open = ui.panel.get_untracked();
        if ev.key() == "Escape" && !ev.default_prevented() && open != Panel::None {
            ui.close();
            focus::return_from(open);
        }
    });
    on_cleanup(move || esc.remove());

    if embed.embed {
        embed::post_wanted_height(embed);
        let resize = window_event_listener(leptos::ev::resize, move |_| {
            embed::post_wanted_height(embed)
        });
        on_cleanup(move || resize.remove());
    }
    view! {
        <div
            class="app"
            class:embed=embed.embed
            class:plain=embed.plain
            data-loaded=move || world.with(Option::is_some).to_string()
            data-panel=move || ui.panel.get().code()
        >
            {(!embed.plain).then(|| view! { <Header world=world story=story ui=ui theme_choice=theme_choice embed=embed /> })}
            {move || world.get().map(|w| view! { <ProblemsBanner world=w lang=lang /> })}
            <main class="main">
                {move || match world.get() {
                    None => view! {
                        <p class="loading" role="status">{Text::Loading.get(lang.get_untracked())}</p>
                    }
                    .into_any(),
                    Some(w) => view! {
                        <MapArea world=w drawn=drawn story=story.get_untracked() ui=ui initial=initial.view embed=embed theme_choice=theme_choice />
                    }
                    .into_any(),
                }}
            </main>
            {embed.plain.then(|| view! { <embed::PlainKey ui=ui /> })}
        </div>
    }
}

#[component]
fn Header(
    world: RwSignal<Option<Arc<WorldPlan>>>,
    story: RwSignal<Option<Arc<Story>>>,
    ui: Ui,
    theme_choice: RwSignal<ThemeChoice>,
    embed: crate::state::EmbedOptions,
) -> impl IntoView {
    let lang = ui.map.lang;
    // A static map is a picture: a title, and no controls it could not use.
    let tools = !embed.static_map;
    let panel_button = move |p: Panel, text: Text, class: &'static str| {
        view! {
            <button
                type="button"
                class=format!("tool-button {class}")
                aria-pressed=move || (ui.panel.get() == p).to_string()
                aria-controls=move || (ui.panel.get() == p).then_some("side-panel")
                on:click=move |_| ui.toggle(p)
            >
                {move || text.get(lang.get())}
            </button>
        }
    };
    view! {
        <header class="app-header">
            <div class="brand">
                <h1>{tr(lang, Text::Title)}</h1>
                <p class="subtitle">{tr(lang, Text::Subtitle)}</p>
            </div>
            {move || world.get().filter(|_| tools && !embed.embed).map(|w| view! { <search::Search world=w ui=ui /> })}
            {tools.then(|| view! {
                <nav class="toolbar" aria-label=tr(lang, Text::Title)>
                    {move || story.with(Option::is_some).then(|| panel_button(Panel::Story, Text::Story, "open-story"))}
                    {panel_button(Panel::Layers, Text::Layers, "open-layers")}
                    {panel_button(Panel::List, Text::List, "open-list")}
                    {panel_button(Panel::Figures, Text::KeyFigures, "open-figures")}
                    {panel_button(Panel::Share, Text::ShareAndEmbed, "open-share")}
                    <button
                        type="button"
                        class="tool-button switch-lang"
                        title=tr(lang, Text::SwitchLanguageLabel)
                        on:click=move |_| lang.update(|l| *l = l.other())
                    >
                        <span lang=move || lang.get().other().tag()>{tr(lang, Text::SwitchLanguage)}</span>
                    </button>
                    <button
                        type="button"
                        class="tool-button switch-theme"
                        aria-label=tr(lang, Text::ThemeLabel)
                        aria-pressed=move || (ui.map.theme.get() == crate::scene::style::Theme::Dark).to_string()
                        on:click=move |_| {
                            let next = match ui.map.theme.get_untracked() {
                                crate::scene::style::Theme::Dark => crate::scene::style::Theme::Light,
                                crate::scene::style::Theme::Light => crate::scene::style::Theme::Dark,
                            };
                            theme_choice.set(ThemeChoice::Fixed(next));
                        }
                    >
                        {move || match ui.map.theme.get() {
                            crate::scene::style::Theme::Dark => Text::LightTheme.get(lang.get()),
                            crate::scene::style::Theme::Light => Text::DarkTheme.get(lang.get()),
                        }}
                    </button>
                </nav>
            })}
        </header>
    }
}

/// Names every data file that failed or had problems; the rest of the map still works.
#[component]
fn ProblemsBanner(world: Arc<WorldPlan>, lang: RwSignal<Lang>) -> impl IntoView {
    let files: Vec<String> = world
        .plan
        .files_with_problems()
        .into_iter()
        .map(str::to_string)
        .collect();
    let details: Vec<String> = world
        .plan
        .problems
        .iter()
        .take(12)
        .map(|p| p.to_string())
        .collect();
    let dismissed = RwSignal::new(false);
    (!files.is_empty()).then(|| {
        view! {
            <div class="banner" role="alert" hidden=move || dismissed.get()>
                <p>
                    <strong>{tr(lang, Text::DataProblems)}</strong>
                    " "
                    {tr(lang, Text::ProblemsIn)}
                    " "
                    <span class="banner-files">{files.join("、")}</span>
                </p>
                <details>
                    <summary>{tr(lang, Text::Source)}</summary>
                    <ul>{details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                </details>
                <button type="button" class="banner-dismiss" on:click=move |_| dismissed.set(true)>
                    {tr(lang, Text::Dismiss)}
                </button>
            </div>
        }
    })
}

#[component]
fn MapArea(
    world: Arc<WorldPlan>,
    // The plan as the map draws it (in the basemap's datum): the map alone is drawn afresh
    // when that changes; the panels keep the plan in WGS84.
    drawn: RwSignal<Option<Arc<WorldPlan>>>,
    story: Option<Arc<Story>>,
    ui: Ui,
    initial: Option<crate::state::UrlView>,
    embed: crate::state::EmbedOptions,
    theme_choice: RwSignal<ThemeChoice>,
) -> impl IntoView {
    let lang = ui.map.lang;
    print::follow_printing(ui.map);
    let full_map = move || {
        crate::state::embed::full_map_url(
            &share::page_url(),
            &share::current_state(ui, theme_choice.get()),
        )
    };
    if let Some(s) = story.clone() {
        story::follow(ui, s, world.clone());
    }
    let w = world.clone();
    let side = move || {
        let w = w.clone();
        let panel = ui.panel.get();
        let content = match panel {
            Panel::None => return None,
            Panel::Card if ui.map.selected.with(Option::is_none) => return None,
            Panel::Card => view! { <card::InfoCard world=w ui=ui /> }.into_any(),
            Panel::Layers => view! { <panels::LayersPanel world=w ui=ui /> }.into_any(),
            Panel::List => view! { <panels::ListView world=w ui=ui /> }.into_any(),
            Panel::Figures => view! { <panels::FiguresPanel world=w ui=ui /> }.into_any(),
            Panel::Share => {
                let story = story.clone();
                view! { <share::SharePanel world=w ui=ui theme_choice=theme_choice story=story /> }
                    .into_any()
            }
            Panel::Story => {
                let s = story.clone()?;
                view! { <story::StoryPanel story=s world=w ui=ui /> }.into_any()
            }
        };
        Some(
            view! { <side::SidePanel ui=ui panel=panel embed=embed.embed>{content}</side::SidePanel> },
        )
    };
    view! {
        <div class="map-area" style:--map-foot=move || format!("{}px", fixed(ui.map.foot.get(), 1))>
            // The legend comes first, so the map can measure it when it fits the first view.
            {(!embed.plain).then(|| view! { <panels::Legend ui=ui /> })}
            {move || {
                // A new datum mounts a new map (a same-typed view would be patched in place,
                // keeping the old drawing's elements): one branch per drawn datum.
                drawn.get().map(|d| {
                    let shifted = d.datum.shifts();
                    let map = view! { <map::MapView world=d state=ui.map initial=initial /> };
                    if shifted {
                        leptos::either::Either::Right(map)
                    } else {
                        leptos::either::Either::Left(map)
                    }
                })
            }}
            {embed.embed.then(|| view! {
                <a class="open-full" href=full_map target="_blank" rel="noopener">
                    {tr(lang, Text::OpenFullMap)}
                </a>
            })}
        </div>
        {side}
    }
}
