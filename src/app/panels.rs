//! The layer panel (with filters), the legend, the list view and the key figures.

use super::page::tr;
use super::swatch::{swatch, swatch_view};
use super::ui::Ui;
use crate::i18n::{Lang, Text};
use crate::listing::{list_groups, GroupKind};
use crate::plan::{Category, Group};
use crate::scene::layers::{Filter, LayerSet};
use crate::scene::legend::Swatch;
use crate::scene::world::WorldPlan;
use leptos::prelude::*;
use std::sync::Arc;

/// The layer panel's groups, in order, with their titles (key figures have no layer).
const LAYER_GROUPS: [(Group, Text); 4] = [
    (Group::Plan, Text::PlanGroup),
    (Group::Projects, Text::ProjectsGroup),
    (Group::Context, Text::ContextGroup),
    (Group::Boundaries, Text::BoundariesGroup),
];

/// The categories of a layer group, in [`Category::ALL`] order.
fn group_of(g: Group) -> Vec<Category> {
    Category::ALL
        .iter()
        .copied()
        .filter(|c| c.group() == g)
        .collect()
}

#[component]
pub fn LayersPanel(world: Arc<WorldPlan>, ui: Ui) -> impl IntoView {
    let lang = ui.map.lang;
    let layers = ui.map.layers;
    let theme = ui.map.theme;
    let count = |c: Category| world.plan.of_category(c).count();
    let counts: Vec<(Category, usize)> = Category::ALL.iter().map(|c| (*c, count(*c))).collect();
    let zones: Vec<(String, crate::plan::Names)> = world
        .plan
        .of_category(Category::Zone)
        .map(|z| (z.id.clone(), z.names.clone()))
        .collect();
    let only_category = Memo::new(move |_| {
        let l = layers.get();
        let on: Vec<Category> = group_of(Group::Projects)
            .into_iter()
            .filter(|c| l.contains(*c))
            .collect();
        (on.len() == 1).then(|| on[0])
    });

    let groups = LAYER_GROUPS
        .iter()
        .map(|&(group, title)| {
            let cats = group_of(group);
            let rows = cats
                .iter()
                .filter(|c| counts.iter().any(|(x, n)| x == *c && *n > 0))
                .map(|c| {
                    let c = *c;
                    let n = counts.iter().find(|(x, _)| *x == c).map_or(0, |x| x.1);
                    let input_id = format!("layer-{}", c.code());
                    view! {
                        <li class="layer-row">
                            <input
                                type="checkbox"
                                id=input_id.clone()
                                data-category=c.code()
                                prop:checked=move || layers.get().contains(c)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    layers.update(|l| l.set(c, on));
                                }
                            />
                            <label for=input_id>
                                {move || swatch(c, None, theme.get())}
                                <span class="layer-name">{move || c.name(lang.get())}</span>
                                <span class="layer-count">{n}</span>
                            </label>
                        </li>
                    }
                })
                .collect_view();
            let set_all = move |on: bool| {
                layers.update(|l| {
                    for c in group_of(group) {
                        l.set(c, on);
                    }
                })
            };
            view! {
                <fieldset class="layer-group" data-group=group.code()>
                    <legend>{move || title.get(lang.get())}</legend>
                    <div class="group-buttons">
                        <button type="button" class="show-all" on:click=move |_| set_all(true)>
                            {tr(lang, Text::ShowAll)}
                        </button>
                        <button type="button" class="hide-all" on:click=move |_| set_all(false)>
                            {tr(lang, Text::HideAll)}
                        </button>
                    </div>
                    <ul class="layer-list">{rows}</ul>
                </fieldset>
            }
        })
        .collect_view();

    let project_categories: Vec<Category> = group_of(Group::Projects)
        .into_iter()
        .filter(|c| counts.iter().any(|(x, n)| *x == *c && *n > 0))
        .collect();
    view! {
        <section class="panel-section layers-panel" aria-labelledby="layers-title">
            <h2 id="layers-title" tabindex="-1">{tr(lang, Text::Layers)}</h2>
            <div class="filters">
                <label for="filter-zone">{tr(lang, Text::FilterZone)}</label>
                <select
                    id="filter-zone"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        ui.map.zone_filter.set((!v.is_empty()).then_some(v));
                    }
                    prop:value=move || ui.map.zone_filter.get().unwrap_or_default()
                >
                    <option value="">{tr(lang, Text::AllZones)}</option>
                    {zones
                        .into_iter()
                        .map(|(id, names)| view! { <option value=id>{move || names.get(lang.get()).to_string()}</option> })
                        .collect_view()}
                </select>
                <label for="filter-category">{tr(lang, Text::FilterCategory)}</label>
                <select
                    id="filter-category"
                    prop:value=move || only_category.get().map(|c| c.code()).unwrap_or_default()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        layers.update(|l| {
                            for c in group_of(Group::Projects) {
                                l.set(c, v.is_empty() || v == c.code());
                            }
                        });
                    }
                >
                    <option value="">{tr(lang, Text::AllCategories)}</option>
                    {project_categories
                        .into_iter()
                        .map(|c| view! { <option value=c.code()>{move || c.name(lang.get())}</option> })
                        .collect_view()}
                </select>
            </div>
            {groups}
            <super::basemap_choice::BasemapChoice ui=ui />
        </section>
    }
}

/// The legend: the key to what the map shows now (see [`crate::scene::legend`]).
#[component]
pub fn Legend(ui: Ui) -> impl IntoView {
    let lang = ui.map.lang;
    let theme = ui.map.theme;
    // Open on wide screens only: elsewhere the map needs the room. Always open on paper.
    let wide = window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(0.0)
        >= 1400.0;
    let open = RwSignal::new(wide);
    let print = window_event_listener(leptos::ev::beforeprint, move |_| open.set(true));
    on_cleanup(move || print.remove());
    view! {
        <details class="legend" prop:open=move || open.get() on:toggle=move |ev| {
            use wasm_bindgen::JsCast;
            if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                open.set(d.open());
            }
            ui.map.remeasure();
        }>
            <summary>{tr(lang, Text::Legend)}</summary>
            <ul class="legend-list">
                {move || {
                    let t = theme.get();
                    ui.map.legend.with(|entries| {
                        entries
                            .iter()
                            .map(|e| {
                                let swatch = (e.swatch != Swatch::None).then(|| swatch_view(&e.swatch, t));
                                view! { <li class=e.class.clone()>{swatch}<span>{e.text.clone()}</span></li> }
                            })
                            .collect_view()
                    })
                }}
            </ul>
        </details>
    }
}

fn group_title(kind: &GroupKind, zone_names: Option<&crate::plan::Names>, lang: Lang) -> String {
    match kind {
        GroupKind::Structure => Text::PlanStructure.get(lang).to_string(),
        GroupKind::Zone(_) => zone_names
            .map(|n| n.get(lang).to_string())
            .unwrap_or_default(),
        GroupKind::NoPlace => Text::NoPlaceGroup.get(lang).to_string(),
        GroupKind::Outside => Text::OutsideGroup.get(lang).to_string(),
    }
}

/// The list view: the map's text alternative.
#[component]
pub fn ListView(world: Arc<WorldPlan>, ui: Ui) -> impl IntoView {
    let lang = ui.map.lang;
    let filter = Memo::new(move |_| Filter {
        layers: ui.map.layers.get(),
        zone: ui.map.zone_filter.get(),
    });
    let hidden_layers =
        move || ui.map.layers.get() != LayerSet::ALL || ui.map.zone_filter.get().is_some();
    view! {
        <section class="panel-section list-view" aria-labelledby="list-title">
            <h2 id="list-title" tabindex="-1">{tr(lang, Text::List)}</h2>
            <p class="panel-intro">{tr(lang, Text::ListIntro)}</p>
            {move || hidden_layers().then(|| view! { <p class="panel-note">{Text::HiddenNote.get(lang.get())}</p> })}
            {move || {
                let l = lang.get();
                let theme = ui.map.theme.get();
                list_groups(&world, &filter.get())
                    .into_iter()
                    .map(|g| {
                        let title = group_title(&g.kind, g.zone_names.as_ref(), l);
                        let total = g.len();
                        let sections = g
                            .sections
                            .into_iter()
                            .map(|s| {
                                let items = s
                                    .items
                                    .iter()
                                    .map(|&i| {
                                        let f = &world.plan.features[i];
                                        let id = f.id.clone();
                                        let zone = (f.category == Category::Zone).then(|| f.id.clone());
                                        let approx = match f.precision {
                                            crate::plan::Precision::Approximate => Some(Text::Schematic.get(l)),
                                            _ => None,
                                        };
                                        view! {
                                            <li>
                                                <button
                                                    type="button"
                                                    class="list-item"
                                                    data-id=id.clone()
                                                    on:click=move |_| ui.select_and_show(&id)
                                                >
                                                    {swatch(f.category, zone.as_deref(), theme)}
                                                    <span class="item-name">{f.name(l).to_string()}</span>
                                                    {approx.map(|a| view! { <span class="badge">{a}</span> })}
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view();
                                view! {
                                    <h4 class="list-category">{s.category.name(l)}</h4>
                                    <ul class="list-items">{items}</ul>
                                }
                            })
                            .collect_view();
                        view! {
                            <section class="list-group">
                                <h3>{title}<span class="count">" "{total}" "{Text::Features.get(l)}</span></h3>
                                {sections}
                            </section>
                        }
                    })
                    .collect_view()
            }}
        </section>
    }
}

/// The key figures, each with the report's words.
#[component]
pub fn FiguresPanel(world: Arc<WorldPlan>, ui: Ui) -> impl IntoView {
    let lang = ui.map.lang;
    view! {
        <section class="panel-section figures-panel" aria-labelledby="figures-title">
            <h2 id="figures-title" tabindex="-1">{tr(lang, Text::KeyFigures)}</h2>
            <p class="panel-intro">{tr(lang, Text::FiguresIntro)}</p>
            <ul class="figures">
                {move || {
                    let l = lang.get();
                    world
                        .plan
                        .of_category(Category::Figure)
                        .filter_map(|f| {
                            let fig = f.figure.as_ref()?;
                            Some(view! {
                                <li class="figure" data-id=f.id.clone()>
                                    <p class="figure-value">{fig.display.get(l).to_string()}</p>
                                    <p class="figure-name">
                                        {f.name(l).to_string()}
                                        " "
                                        <span class="badge">{if fig.is_target { Text::Target2026.get(l) } else { Text::Result2025.get(l) }}</span>
                                    </p>
                                    {f.quote.clone().map(|q| view! { <blockquote lang="zh-CN">{q}</blockquote> })}
                                </li>
                            })
                        })
                        .collect_view()
                }}
            </ul>
            <p class="citation">{tr(lang, Text::Citation)}</p>
        </section>
    }
}
