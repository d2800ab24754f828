//! The layer panel (with filters), the legend, the list view and the key figures.

use super::swatch::{approximate_swatch, cluster_swatch, swatch};
use super::tr;
use super::ui::Ui;
use crate::i18n::{Lang, Text};
use crate::listing::{list_groups, GroupKind};
use crate::plan::Category;
use crate::scene::layers::{Filter, LayerSet};
use crate::scene::world::WorldPlan;
use leptos::prelude::*;
use std::sync::Arc;

/// The groups of the layer panel, in order, with their categories.
const PANEL_GROUPS: [(Text, &[Category]); 3] = [
    (
        Text::PlanGroup,
        &[Category::Zone, Category::Belt, Category::Axis],
    ),
    (
        Text::ProjectsGroup,
        &[
            Category::Industry,
            Category::Innovation,
            Category::Services,
            Category::Land,
            Category::Renewal,
            Category::RoadProject,
            Category::PublicService,
            Category::Infrastructure,
        ],
    ),
    (
        Text::ContextGroup,
        &[
            Category::District,
            Category::Neighbour,
            Category::Road,
            Category::Landmark,
            Category::MetroStation,
        ],
    ),
];

fn group_of(t: Text) -> &'static [Category] {
    PANEL_GROUPS
        .iter()
        .find(|(g, _)| *g == t)
        .map_or(&[], |(_, c)| c)
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
        let projects = group_of(Text::ProjectsGroup);
        let on: Vec<Category> = projects
            .iter()
            .copied()
            .filter(|c| l.contains(*c))
            .collect();
        (on.len() == 1).then(|| on[0])
    });

    let groups = PANEL_GROUPS
        .iter()
        .map(|(title, cats)| {
            let cats: &'static [Category] = cats;
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
                    for c in cats {
                        l.set(*c, on);
                    }
                })
            };
            let title = *title;
            view! {
                <fieldset class="layer-group" data-group=format!("{title:?}")>
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

    let project_categories: Vec<Category> = group_of(Text::ProjectsGroup)
        .iter()
        .copied()
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
                            for c in group_of(Text::ProjectsGroup) {
                                l.set(*c, v.is_empty() || v == c.code());
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
        </section>
    }
}

/// The legend: every symbol that is visible now, plus what dashed markers and hatching mean.
#[component]
pub fn Legend(world: Arc<WorldPlan>, ui: Ui) -> impl IntoView {
    let lang = ui.map.lang;
    let theme = ui.map.theme;
    let present: Vec<Category> = Category::ALL
        .iter()
        .copied()
        .filter(|c| {
            *c != Category::Figure
                && world
                    .features
                    .iter()
                    .any(|w| world.feature(w).category == *c)
        })
        .collect();
    let has_approximate = world.features.iter().any(|w| {
        let f = world.feature(w);
        f.precision == crate::plan::Precision::Approximate && w.has_marker
    });
    let zones: Vec<(String, crate::plan::Names)> = world
        .plan
        .of_category(Category::Zone)
        .map(|z| (z.id.clone(), z.names.clone()))
        .collect();
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
        }>
            <summary>{tr(lang, Text::Legend)}</summary>
            <ul class="legend-list">
                {move || {
                    let (l, t, visible) = (lang.get(), theme.get(), ui.map.layers.get());
                    let mut rows: Vec<AnyView> = vec![];
                    for c in present.iter().copied().filter(|c| visible.contains(*c)) {
                        if c == Category::Zone {
                            for (id, names) in &zones {
                                rows.push(view! {
                                    <li data-category="zone">{swatch(c, Some(id), t)}<span>{names.get(l).to_string()}</span></li>
                                }.into_any());
                            }
                        } else {
                            rows.push(view! {
                                <li data-category=c.code()>{swatch(c, None, t)}<span>{c.name(l)}</span></li>
                            }.into_any());
                        }
                    }
                    if has_approximate {
                        rows.push(view! {
                            <li class="legend-approximate">{approximate_swatch(t)}<span>{Text::ApproximatePosition.get(l)}</span></li>
                        }.into_any());
                    }
                    rows.push(view! {
                        <li class="legend-cluster">{cluster_swatch(t)}<span>{Text::ClusterOfPlaces.get(l)}</span></li>
                    }.into_any());
                    rows.push(view! {
                        <li class="legend-note">{Text::SchematicNote.get(l)}</li>
                    }.into_any());
                    rows
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
