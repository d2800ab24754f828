//! SVG views of the scene's parts. Everything from data is rendered as text nodes or
//! attribute values, never parsed as markup.

use super::gestures::Gesture;
use super::map_state::{MapMode, MapState};
use crate::plan::Precision;
use crate::scene::overlay::{Overlay, CLUSTER_BADGE_RADIUS};
use crate::scene::path::path_data;
use crate::scene::style::{marker_style, paint, Theme, HATCHES};
use crate::scene::world::WorldPlan;
use crate::scene::{frame, Shape};
use leptos::prelude::*;

/// Hit area radius of markers: 44 px touch targets.
const HIT_RADIUS: f64 = 22.0;

/// The zone hatch patterns. Their tiles are counter-scaled so the hatching keeps an 8 px
/// pitch on screen at every zoom.
#[component]
pub fn HatchDefs(theme: RwSignal<Theme>, scale: Memo<f64>) -> impl IntoView {
    let transform = move || format!("scale({})", 1.0 / scale.get().max(1e-9));
    view! {
        <defs>
            {HATCHES
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    let colour = move || crate::scene::style::tone_colour(i, theme.get());
                    view! {
                        <pattern
                            id=h.id
                            patternUnits="userSpaceOnUse"
                            width="8"
                            height="8"
                            patternTransform=transform
                        >
                            <path d=h.tile stroke=colour stroke-width="1.2" fill=colour stroke-opacity="0.55" fill-opacity="0.55" />
                        </pattern>
                    }
                })
                .collect_view()}
        </defs>
    }
}

fn select_on_click(
    id: String,
    selected: RwSignal<Option<String>>,
    gesture: Gesture,
) -> impl Fn(web_sys::MouseEvent) {
    move |ev: web_sys::MouseEvent| {
        ev.stop_propagation();
        if !gesture.suppress_click() {
            selected.set(Some(id.clone()));
        }
    }
}

/// Areas and lines. Lines get a wide invisible twin so they are easy to hit.
pub fn shapes_view(
    shapes: Vec<Shape>,
    selected: RwSignal<Option<String>>,
    gesture: Gesture,
) -> impl IntoView {
    shapes
        .into_iter()
        .map(|s| {
            let p = s.paint;
            let class = format!(
                "shape cat-{}{}",
                s.category.code(),
                if s.is_line { " line" } else { " area" }
            );
            let hatch = p.hatch.map(|h| {
                view! {
                    <path
                        class="hatch"
                        d=s.d.clone()
                        fill=format!("url(#{})", HATCHES[h].id)
                        stroke="none"
                        pointer-events="none"
                    />
                }
            });
            let hit = s.is_line.then(|| {
                view! {
                    <path
                        class="line-hit"
                        data-id=s.feature_id.clone()
                        d=s.d.clone()
                        fill="none"
                        stroke="transparent"
                        stroke-width="16"
                        vector-effect="non-scaling-stroke"
                        on:click=select_on_click(s.feature_id.clone(), selected, gesture)
                    />
                }
            });
            view! {
                <path
                    class=class
                    data-id=s.feature_id.clone()
                    d=s.d.clone()
                    fill=p.fill
                    fill-opacity=p.fill_opacity
                    stroke=p.stroke
                    stroke-width=p.stroke_width
                    stroke-dasharray=(!p.dash.is_empty()).then_some(p.dash)
                    stroke-linejoin="round"
                    stroke-linecap="round"
                    vector-effect="non-scaling-stroke"
                    on:click=select_on_click(s.feature_id.clone(), selected, gesture)
                />
                {hatch}
                {hit}
            }
        })
        .collect_view()
}

/// An outline around the selected area or line.
pub fn highlight_view(
    world: &WorldPlan,
    lod: u8,
    selected: Option<String>,
    theme: Theme,
) -> impl IntoView {
    let w = selected.as_deref().and_then(|id| world.find(id))?;
    let f = world.feature(w);
    let d = path_data(&frame(world), &w.geometry, lod);
    if d.is_empty() {
        return None;
    }
    let width = paint(f, theme).stroke_width + 3.0;
    Some(view! {
        <path
            class="highlight"
            d=d
            fill="none"
            stroke=theme.highlight()
            stroke-width=width
            stroke-linejoin="round"
            vector-effect="non-scaling-stroke"
            pointer-events="none"
        />
    })
}

/// Markers, clusters, labels and the uncertainty ring, in screen pixels.
pub fn overlay_view(overlay: Overlay, state: MapState, gesture: Gesture) -> impl IntoView {
    let theme = state.theme.get_untracked();
    let lang = state.lang.get_untracked();
    let selected = state.selected;
    let interactive = state.mode != MapMode::Static;
    let ring = overlay.ring.map(|r| {
        view! {
            <circle
                class="uncertainty"
                cx=r.cx
                cy=r.cy
                r=r.r
                fill=theme.highlight()
                fill-opacity="0.06"
                stroke=theme.highlight()
                stroke-width="1.5"
                stroke-dasharray="6 4"
                pointer-events="none"
            />
        }
    });
    let labels = overlay
        .labels
        .into_iter()
        .map(|l| {
            let fill = if l.muted { "#6b6b6b" } else { theme.text() };
            let fill = if l.muted && theme == Theme::Dark { "#a7b0ba" } else { fill };
            view! {
                <text
                    class="label"
                    data-id=l.feature_id
                    x=l.cx
                    y=l.cy
                    transform=(l.angle != 0.0).then(|| format!("rotate({} {} {})", l.angle, l.cx, l.cy))
                    text-anchor="middle"
                    dominant-baseline="central"
                    font-size=l.font_px
                    font-weight=if l.bold { "700" } else { "400" }
                    fill=fill
                    stroke=theme.halo()
                    stroke-width="3"
                    stroke-linejoin="round"
                    paint-order="stroke"
                    aria-hidden="true"
                    pointer-events="none"
                >
                    {l.text}
                </text>
            }
        })
        .collect_view();
    let clusters = overlay
        .clusters
        .into_iter()
        .map(|c| {
            let label = crate::render::svg::cluster_label(lang, &c.names);
            let bounds = c.bounds;
            let count = c.feature_ids.len();
            let zoom_in = move || gesture.fly_to_bounds(bounds, 1.0);
            view! {
                <g
                    class="cluster"
                    transform=format!("translate({} {})", c.x, c.y)
                    data-count=count
                    data-ids=c.feature_ids.join(" ")
                    role=interactive.then_some("button")
                    tabindex=interactive.then_some("0")
                    aria-label=label
                    on:click=move |ev| {
                        ev.stop_propagation();
                        if !gesture.suppress_click() {
                            zoom_in();
                        }
                    }
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" || ev.key() == " " {
                            ev.prevent_default();
                            zoom_in();
                        }
                    }
                >
                    <title>{label.clone()}</title>
                    <circle r=HIT_RADIUS fill="transparent" />
                    <circle r=CLUSTER_BADGE_RADIUS fill=theme.text() stroke=theme.halo() stroke-width="2" />
                    <text
                        text-anchor="middle"
                        dominant-baseline="central"
                        font-size="12"
                        font-weight="700"
                        fill=theme.halo()
                        pointer-events="none"
                    >
                        {count}
                    </text>
                </g>
            }
        })
        .collect_view();
    let markers = overlay
        .markers
        .into_iter()
        .map(|m| {
            let style = marker_style(m.category, theme);
            let (fill, stroke, dash) = if m.approximate {
                (theme.land(), style.colour, Some("2.5 2"))
            } else {
                (style.colour, theme.halo(), None)
            };
            let id = m.feature_id.clone();
            let select = move || selected.set(Some(id.clone()));
            let select_key = select.clone();
            let precision_note = if m.approximate {
                lang.pick("（位置示意）", " (approximate position)")
            } else {
                ""
            };
            let name = format!("{}{}", m.name, precision_note);
            view! {
                <g
                    class=format!("marker cat-{}{}{}", m.category.code(), if m.approximate { " approximate" } else { "" }, if m.selected { " selected" } else { "" })
                    transform=format!("translate({} {})", m.x, m.y)
                    data-id=m.feature_id.clone()
                    data-precision=if m.approximate { Precision::Approximate.code() } else { Precision::Site.code() }
                    role=interactive.then_some("button")
                    tabindex=interactive.then_some("0")
                    aria-label=name
                    aria-pressed=interactive.then(|| m.selected.to_string())
                    on:click=move |ev| {
                        ev.stop_propagation();
                        if !gesture.suppress_click() {
                            select();
                        }
                    }
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" || ev.key() == " " {
                            ev.prevent_default();
                            select_key();
                        }
                    }
                >
                    <title>{name.clone()}</title>
                    <circle class="hit" r=HIT_RADIUS fill="transparent" />
                    {m.selected.then(|| view! {
                        <circle r="14" fill="none" stroke=theme.highlight() stroke-width="3" />
                    })}
                    <path
                        class="symbol"
                        d=style.symbol.path()
                        fill=fill
                        stroke=stroke
                        stroke-width=if m.approximate { "2" } else { "1.5" }
                        stroke-dasharray=dash
                    />
                </g>
            }
        })
        .collect_view();
    view! {
        {ring}
        <g class="labels">{labels}</g>
        <g class="markers">{markers}{clusters}</g>
    }
}
