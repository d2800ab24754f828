//! The info card for the selected feature: names in both languages, category, where it lies
//! (computed from geometry), the report's words with their citation, figures, and how well
//! its position is known. Previous / next step through the same layer.

use super::swatch::swatch;
use super::ui::Ui;
use crate::i18n::{Lang, Text};
use crate::plan::membership::{axis_segment_of, in_belt, zone_of};
use crate::plan::{Category, PlanFeature, Precision};
use crate::scene::world::WorldPlan;
use leptos::prelude::*;
use std::sync::Arc;

/// Where the feature lies, in words.
fn whereabouts(world: &WorldPlan, f: &PlanFeature, lang: Lang) -> Vec<String> {
    let plan = &world.plan;
    let mut out = vec![];
    let zone = if f.geometry.is_some() {
        zone_of(plan, f)
    } else {
        f.zone.as_deref().and_then(|z| plan.get(z))
    };
    if let Some(z) = zone.filter(|z| z.id != f.id) {
        out.push(z.name(lang).to_string());
    }
    if f.category != Category::Belt && in_belt(plan, f) {
        out.push(Text::InBelt.get(lang).to_string());
    }
    if f.category != Category::Axis {
        if let Some(a) = axis_segment_of(plan, f) {
            out.push(format!("{}（{}）", Text::OnAxis.get(lang), a.name(lang)));
        }
    }
    if out.is_empty() && f.geometry.is_none() && f.category != Category::Figure {
        out.push(Text::DistrictWide.get(lang).to_string());
    }
    out
}

fn precision_text(p: Precision) -> Text {
    match p {
        Precision::Site => Text::PrecisionSite,
        Precision::Approximate => Text::PrecisionApproximate,
        Precision::None => Text::PrecisionNone,
    }
}

/// The neighbours of `id` in its category (wrapping), for previous / next.
fn siblings(world: &WorldPlan, f: &PlanFeature) -> (Option<String>, Option<String>) {
    let same: Vec<&PlanFeature> = world.plan.of_category(f.category).collect();
    let n = same.len();
    if n < 2 {
        return (None, None);
    }
    let i = same.iter().position(|x| x.id == f.id).unwrap_or(0);
    (
        Some(same[(i + n - 1) % n].id.clone()),
        Some(same[(i + 1) % n].id.clone()),
    )
}

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
        let f = world.plan.get(&id)?.clone();
        let (prev, next) = siblings(&world, &f);
        let places = whereabouts(&world, &f, l);
        let zone_id = (f.category == Category::Zone).then(|| f.id.clone());
        let link = f.link.clone();
        Some(view! {
            <article class="card" aria-labelledby="card-title" data-id=f.id.clone()>
                <header class="card-header">
                    <h2 id="card-title" tabindex="-1" node_ref=heading>{f.name(l).to_string()}</h2>
                    <p class="card-other-name" lang=l.other().tag()>{f.name(l.other()).to_string()}</p>
                    <p class="card-category">
                        {swatch(f.category, zone_id.as_deref(), theme.get())}
                        <span>{Text::Category.get(l)}": "{f.category.name(l)}</span>
                        {f.schematic.then(|| view! { <span class="badge">{Text::Schematic.get(l)}</span> })}
                    </p>
                </header>
                {f.figure.as_ref().map(|fig| view! {
                    <p class="card-figure">
                        <strong class="figure-value">{fig.display.get(l).to_string()}</strong>
                        <span class="badge">{if fig.is_target { Text::Target2026.get(l) } else { Text::Result2025.get(l) }}</span>
                    </p>
                })}
                {f.description.as_ref().map(|d| view! { <p class="card-description">{d.get(l).to_string()}</p> })}
                {(!places.is_empty()).then(|| view! {
                    <p class="card-where"><strong>{Text::BelongsTo.get(l)}": "</strong>{places.join(" · ")}</p>
                })}
                {f.quote.clone().map(|q| view! {
                    <figure class="card-quote">
                        <figcaption>{Text::FromTheReport.get(l)}</figcaption>
                        <blockquote lang="zh-CN">{q}</blockquote>
                        <p class="citation">{Text::Citation.get(l)}</p>
                    </figure>
                })}
                <dl class="card-facts">
                    <dt>{Text::Position.get(l)}</dt>
                    <dd class=format!("precision precision-{}", f.precision.code())>{precision_text(f.precision).get(l)}</dd>
                    {f.position_source.as_ref().map(|p| view! {
                        <dt>{Text::PositionSource.get(l)}</dt>
                        <dd>{p.get(l).to_string()}</dd>
                    })}
                    <dt>{Text::Source.get(l)}</dt>
                    <dd>{f.source.get(l).to_string()}</dd>
                </dl>
                {link.map(|href| view! {
                    <p><a href=href rel="noopener noreferrer" target="_blank">{Text::MoreInfo.get(l)}</a></p>
                })}
                <nav class="card-nav" aria-label=f.category.name(l)>
                    {prev.map(|p| view! {
                        <button type="button" class="card-prev" on:click=move |_| ui.select_and_show(&p)>
                            "‹ "{Text::Previous.get(l)}
                        </button>
                    })}
                    {next.map(|n| view! {
                        <button type="button" class="card-next" on:click=move |_| ui.select_and_show(&n)>
                            {Text::Next.get(l)}" ›"
                        </button>
                    })}
                </nav>
            </article>
        })
    }
}
