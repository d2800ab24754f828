//! The guided tour in the page: the story panel (in the side panel; a bottom sheet on
//! phones) and [`follow`], which applies the open step to the map — its layers, and a flight
//! to what it shows (a jump under reduced motion, or at once for the link the page opened
//! with). What each step shows is decided by [`crate::story::page`].

use super::map_state::{Goal, GoalRequest};
use super::page::tr;
use super::ui::Ui;
use crate::i18n::Text;
use crate::scene::world::WorldPlan;
use crate::story::check::fit_bounds;
use crate::story::page::step_page;
use crate::story::{Show, Story};
use leptos::prelude::*;
use std::sync::Arc;

/// Apply the open step to the map whenever it changes (a step number past the end is
/// brought back within the story first).
pub fn follow(ui: Ui, story: Arc<Story>, world: Arc<WorldPlan>) {
    // The step the page opened with is shown at once; every later one is flown to.
    let opened_with = StoredValue::new(ui.story.get_untracked().is_some());
    Effect::new(move |prev: Option<Option<usize>>| {
        let step = ui.story.get();
        let Some(n) = step else {
            opened_with.set_value(false);
            ui.map.highlighted.set(vec![]);
            return None;
        };
        let index = Story::index_of_step(n, story.steps.len());
        if index + 1 != n {
            ui.story.set(Some(index + 1));
            return prev.flatten();
        }
        if prev == Some(step) {
            return step;
        }
        let s = &story.steps[index];
        ui.map.layers.set(s.layers);
        ui.map.zone_filter.set(None);
        ui.map.highlighted.set(s.highlight.clone());
        let goal = match &s.show {
            Show::View(v) => Some(Goal::View(*v)),
            Show::Fit(_) => fit_bounds(s, &world).map(Goal::Bounds),
        };
        if let Some(goal) = goal {
            let at_once = opened_with.get_value();
            ui.map.goal.set(Some(GoalRequest { goal, at_once }));
        }
        opened_with.set_value(false);
        step
    });
}

#[component]
pub fn StoryPanel(story: Arc<Story>, world: Arc<WorldPlan>, ui: Ui) -> impl IntoView {
    let lang = ui.map.lang;
    let len = story.steps.len();
    let index = move || ui.story.get().map(|n| Story::index_of_step(n, len));
    let go = move |i: usize| ui.story.set(Some(i + 1));
    let previous = move || index().and_then(|i| i.checked_sub(1));
    let next = move || index().and_then(|i| (i + 1 < len).then_some(i + 1));
    let page = move || step_page(&story, index()?, &world, lang.get());
    view! {
        <section
            class="story"
            aria-labelledby="story-title"
            aria-keyshortcuts="ArrowLeft ArrowRight Escape"
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.alt_key() || ev.ctrl_key() || ev.meta_key() || ev.shift_key() {
                    return;
                }
                let to = match ev.key().as_str() {
                    "ArrowLeft" => previous(),
                    "ArrowRight" => next(),
                    _ => return,
                };
                ev.prevent_default();
                if let Some(i) = to {
                    go(i);
                }
            }
        >
            <h2 id="story-title" tabindex="-1">{tr(lang, Text::StoryHeading)}</h2>
            {move || page().map(|p| {
                let l = lang.get();
                view! {
                    <div class="story-step" data-step=p.index + 1 aria-live="polite">
                        <p class="story-count">
                            <span aria-hidden="true">{p.count}</span>
                            <span class="visually-hidden">{p.count_label}</span>
                        </p>
                        <h3 class="story-title">{p.title}</h3>
                    </div>
                    <p class="story-text">{p.text}</p>
                    <figure class="card-quote story-quote">
                        <figcaption>{Text::FromTheReport.get(l)}</figcaption>
                        <blockquote lang="zh-CN">{p.quote}</blockquote>
                        <p class="citation">{Text::Citation.get(l)}</p>
                    </figure>
                    {(!p.highlights.is_empty()).then(|| view! {
                        <h4 class="story-highlights-title">{Text::StoryHighlights.get(l)}</h4>
                        <ul class="story-highlights">
                            {p.highlights.into_iter().map(|h| {
                                let id = h.id.clone();
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="list-item story-highlight"
                                            data-id=h.id
                                            on:click=move |_| ui.select_and_show(&id)
                                        >
                                            <span class="item-name">{h.name}</span>
                                            {h.note.map(|n| view! { <span class="story-note">{n}</span> })}
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    })}
                }
            })}
            <nav class="card-nav story-nav" aria-label=tr(lang, Text::StoryProgress)>
                <button
                    type="button"
                    class="story-prev"
                    aria-disabled=move || previous().is_none().to_string()
                    on:click=move |_| {
                        if let Some(i) = previous() {
                            go(i);
                        }
                    }
                >
                    "‹ "{tr(lang, Text::StoryPrevious)}
                </button>
                <button
                    type="button"
                    class="story-next"
                    aria-disabled=move || next().is_none().to_string()
                    on:click=move |_| {
                        if let Some(i) = next() {
                            go(i);
                        }
                    }
                >
                    {tr(lang, Text::StoryNext)}" ›"
                </button>
            </nav>
            <p class="story-keys">{tr(lang, Text::StoryKeys)}</p>
        </section>
    }
}
