//! The search box: an ARIA 1.2 combobox with a listbox popup, fully usable by keyboard.
//! Arrow keys move through results, Enter chooses, Escape closes (then clears). The popup is
//! open exactly while the box has focus and a query: no timers, so what a user (or a test) sees
//! never depends on how fast the next key comes.

use super::page::tr;
use super::ui::Ui;
use crate::i18n::Text;
use crate::scene::world::WorldPlan;
use crate::search::SearchIndex;
use leptos::prelude::*;
use std::sync::Arc;

const MAX_RESULTS: usize = 8;

#[component]
pub fn Search(world: Arc<WorldPlan>, ui: Ui) -> impl IntoView {
    let index = Arc::new(SearchIndex::for_plan(&world.plan));
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(0usize);
    let lang = ui.map.lang;
    let results = {
        let index = index.clone();
        Memo::new(move |_| {
            query.with(|q| {
                index
                    .search(q, MAX_RESULTS)
                    .into_iter()
                    .map(str::to_string)
                    .collect::<Vec<String>>()
            })
        })
    };
    let choose = move |id: String| {
        open.set(false);
        query.set(String::new());
        ui.select_and_show(&id);
    };
    let option_id = |i: usize| format!("search-option-{i}");
    let world_for_names = world.clone();

    view! {
        <div class="search" role="search">
            <label class="visually-hidden" for="search-input">{tr(lang, Text::SearchLabel)}</label>
            <input
                id="search-input"
                class="search-input"
                type="search"
                autocomplete="off"
                spellcheck="false"
                role="combobox"
                aria-autocomplete="list"
                aria-controls="search-results"
                aria-expanded=move || (open.get() && !query.with(String::is_empty)).to_string()
                aria-activedescendant=move || {
                    (open.get() && !results.with(Vec::is_empty)).then(|| option_id(active.get()))
                }
                placeholder=tr(lang, Text::SearchPlaceholder)
                prop:value=move || query.get()
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    active.set(0);
                    open.set(true);
                }
                // The popup follows focus at once. (A press on the list never takes focus from
                // the box, see below, so a click on an option needs no grace period: a delayed
                // close was a race with whatever came next.)
                on:focus=move |_| open.set(true)
                on:blur=move |_| open.set(false)
                on:keydown=move |ev| {
                    let n = results.with(Vec::len);
                    match ev.key().as_str() {
                        "ArrowDown" => {
                            ev.prevent_default();
                            open.set(true);
                            if n > 0 {
                                active.update(|a| *a = (*a + 1) % n);
                            }
                        }
                        "ArrowUp" => {
                            ev.prevent_default();
                            if n > 0 {
                                active.update(|a| *a = (*a + n - 1) % n);
                            }
                        }
                        "Home" if open.get_untracked() && n > 0 => active.set(0),
                        "End" if open.get_untracked() && n > 0 => active.set(n - 1),
                        "Enter" => {
                            ev.prevent_default();
                            let id = results.with(|r| r.get(active.get_untracked()).cloned());
                            if let Some(id) = id {
                                choose(id);
                            }
                        }
                        "Escape" => {
                            ev.stop_propagation();
                            if open.get_untracked() && !query.with_untracked(String::is_empty) {
                                open.set(false);
                            } else {
                                query.set(String::new());
                            }
                        }
                        _ => {}
                    }
                }
            />
            <ul
                id="search-results"
                class="search-results"
                role="listbox"
                aria-label=tr(lang, Text::SearchLabel)
                hidden=move || !open.get() || query.with(String::is_empty)
                // Pressing on an option (or the list's scrollbar) keeps focus in the box.
                on:mousedown=move |ev| ev.prevent_default()
            >
                {move || {
                    let l = lang.get();
                    let ids = results.get();
                    if ids.is_empty() {
                        return view! {
                            <li class="search-empty" role="option" aria-disabled="true" aria-selected="false">
                                {Text::NoResults.get(l)}
                            </li>
                        }
                        .into_any();
                    }
                    ids.into_iter()
                        .enumerate()
                        .map(|(i, id)| {
                            let f = world_for_names.plan.get(&id);
                            let name = f.map(|f| f.name(l).to_string()).unwrap_or_default();
                            let other = f.map(|f| f.name(l.other()).to_string()).unwrap_or_default();
                            let cat = f.map(|f| f.category.name(l)).unwrap_or_default();
                            let id_for_click = id.clone();
                            view! {
                                <li
                                    id=option_id(i)
                                    class="search-option"
                                    class:active=move || active.get() == i
                                    role="option"
                                    aria-selected=move || (active.get() == i).to_string()
                                    data-id=id.clone()
                                    on:click=move |_| choose(id_for_click.clone())
                                >
                                    <span class="option-name">{name}</span>
                                    <span class="option-meta">{other}" · "{cat}</span>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </ul>
        </div>
    }
}
