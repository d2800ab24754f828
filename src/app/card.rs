//! The info card for the selected feature, rendered from [`crate::card::card`], which
//! decides every row it shows.

use super::swatch::swatch;
use super::ui::Ui;
use crate::i18n::Text;
use crate::scene::world::WorldPlan;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn InfoCard(world: Arc<WorldPlan>, ui: Ui) -> impl IntoView {
    let lang = ui.map.lang;
    let theme = ui.map.theme;
    let heading: NodeRef<leptos::html::H2> = NodeRef::new();
    // Move focus to the card when a new feature is shown, so screen readers read it.
    Effect::new(move |_| {
        ui.map.selected.track();
        if let Some(h) = heading.get() {
            h.focus().ok();
        }
    });
    move || {
        let l = lang.get();
        let id = ui.map.selected.get()?;
        let c = crate::card::card(&world, &id, l)?;
        let category = c.category;
        Some(view! {
            <article class="card" aria-labelledby="card-title" data-id=c.id.clone()>
                {ui.story.get().is_some().then(|| view! {
                    <button type="button" class="card-back" on:click=move |_| ui.close()>
                        "‹ "{Text::StoryBack.get(l)}
                    </button>
                })}
                <header class="card-header">
                    <h2 id="card-title" tabindex="-1" node_ref=heading>{c.title}</h2>
                    <p class="card-other-name" lang=l.other().tag()>{c.other_name}</p>
                    <p class="card-category">
                        {swatch(category, c.zone_swatch.as_deref(), theme.get())}
                        <span>{Text::Category.get(l)}": "{category.name(l)}</span>
                        {c.schematic.then(|| view! { <span class="badge">{Text::Schematic.get(l)}</span> })}
                    </p>
                </header>
                {c.figure.map(|fig| view! {
                    <p class="card-figure">
                        <strong class="figure-value">{fig.value}</strong>
                        <span class="badge">{fig.kind.get(l)}</span>
                    </p>
                })}
                {c.description.map(|d| view! { <p class="card-description">{d}</p> })}
                {(!c.belongs_to.is_empty()).then(|| view! {
                    <p class="card-where"><strong>{Text::BelongsTo.get(l)}": "</strong>{c.belongs_to.join(" · ")}</p>
                })}
                {c.quote.map(|q| view! {
                    <figure class="card-quote">
                        <figcaption>{Text::FromTheReport.get(l)}</figcaption>
                        <blockquote lang="zh-CN">{q}</blockquote>
                        <p class="citation">{c.citation.get(l)}</p>
                    </figure>
                })}
                <dl class="card-facts">
                    <dt>{Text::Position.get(l)}</dt>
                    <dd class=format!("precision precision-{}", c.position.precision.code())>{c.position.text.get(l)}</dd>
                    {c.position.source.map(|p| view! {
                        <dt>{Text::PositionSource.get(l)}</dt>
                        <dd>{p}</dd>
                    })}
                    <dt>{Text::Source.get(l)}</dt>
                    <dd>{c.source}</dd>
                </dl>
                {c.link.map(|href| view! {
                    <p><a href=href rel="noopener noreferrer" target="_blank">{Text::MoreInfo.get(l)}</a></p>
                })}
                <nav class="card-nav" aria-label=category.name(l)>
                    {c.previous.map(|p| view! {
                        <button type="button" class="card-prev" on:click=move |_| ui.select_and_show(&p)>
                            "‹ "{Text::Previous.get(l)}
                        </button>
                    })}
                    {c.next.map(|n| view! {
                        <button type="button" class="card-next" on:click=move |_| ui.select_and_show(&n)>
                            {Text::Next.get(l)}" ›"
                        </button>
                    })}
                </nav>
            </article>
        })
    }
}
