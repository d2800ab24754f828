//! The map: an SVG drawn from the scene, and the gestures that move it.
//!
//! Areas and lines sit in one group whose `transform` follows the live view, so a pan or zoom
//! changes one attribute per frame. Markers and labels are built for the *settled* view; during
//! a gesture their group gets the transform from the settled to the live view, and when the
//! gesture ends they are rebuilt (clusters, labels, level of detail).

use super::gestures::Gesture;
use super::map_state::{MapMode, MapState};
use super::svg;
use super::tr;
use crate::geometry::viewport::Viewport;
use crate::i18n::{Lang, Text};
use crate::scene::{self, layers::Filter, world::WorldPlan};
use crate::state::UrlView;
use leptos::html::Div;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::{closure::Closure, JsCast};

#[component]
pub fn MapView(world: Arc<WorldPlan>, state: MapState, initial: Option<UrlView>) -> impl IntoView {
    let container: NodeRef<Div> = NodeRef::new();
    let MapState {
        live,
        settled,
        selected,
        layers,
        lang,
        theme,
        zone_filter,
        fly_to,
        ready,
        mode,
        hint,
    } = state;
    let interactive = mode != MapMode::Static;
    let filter = Memo::new(move |_| Filter {
        layers: layers.get(),
        zone: zone_filter.get(),
    });

    // Follow the container's size; the first measurement fits the district to it.
    let world_for_resize = world.clone();
    container.on_load(move |el| {
        let world = world_for_resize.clone();
        let apply_size = move |w: f64, h: f64| {
            if w < 1.0 || h < 1.0 {
                return;
            }
            if ready.get_untracked() {
                let live_now = live.get_untracked();
                if (live_now.width, live_now.height) != (w, h) {
                    state.jump(live_now.resized(w, h));
                }
            } else {
                let first = match initial {
                    Some(v) => world.limit(v.viewport(w, h)),
                    None => world.home_view(w, h),
                };
                state.jump(first);
                ready.set(true);
            }
        };
        // Measure now, so the first view is drawn in this frame rather than the next.
        let rect = el.get_bounding_client_rect();
        apply_size(rect.width(), rect.height());
        let on_resize = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
                let rect = entry.content_rect();
                apply_size(rect.width(), rect.height());
            }
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            observer.observe(&el);
        }
        // The observer lives as long as the page.
        on_resize.forget();
    });

    let frame = scene::frame(&world);
    // The drawing covers the screen plus a margin, so a pan reveals drawn map, not blank.
    let margin = Memo::new(move |_| {
        let s = settled.get();
        scene::canvas::canvas_margin(s.width, s.height)
    });
    let canvas = Memo::new(move |_| {
        let (s, (mx, my)) = (settled.get(), margin.get());
        s.resized(s.width + 2.0 * mx, s.height + 2.0 * my)
    });
    let lod = Memo::new(move |_| scene::path::lod_for_zoom(settled.get().zoom));
    let w = world.clone();
    let shapes =
        Memo::new(move |_| filter.with(|f| scene::shapes(&w, lod.get() as f64, f, theme.get())));
    let w = world.clone();
    let overlay = Memo::new(move |_| {
        selected.with(|sel| {
            filter.with(|f| {
                let (c, s, (mx, my)) = (canvas.get(), settled.get(), margin.get());
                // Labels only where they are on screen; markers in the margin too.
                let on_screen = scene::labels::Aabb {
                    x0: mx,
                    y0: my,
                    x1: mx + s.width,
                    y1: my + s.height,
                };
                scene::overlay::overlay_within(&w, &c, on_screen, f, lang.get(), sel.as_deref())
            })
        })
    });
    let world_transform = Memo::new(move |_| scene::layer_transform(&frame, &canvas.get()));
    // During a gesture only this CSS transform changes: the browser moves the drawing as one
    // composited layer, without repainting a single path.
    let gesture_transform = move || {
        let (s, l) = (settled.get(), live.get());
        let t = scene::overlay_transform(&s, &l);
        let (mx, my) = margin.get();
        if (t.k - 1.0).abs() < 1e-9 && t.tx.abs() < 1e-6 && t.ty.abs() < 1e-6 {
            "none".to_string()
        } else {
            // The canvas sits at (-mx, -my): shift so the settled drawing lands where the live view shows it.
            format!(
                "matrix({}, 0, 0, {}, {}, {})",
                t.k,
                t.k,
                t.tx + mx * (1.0 - t.k),
                t.ty + my * (1.0 - t.k)
            )
        }
    };

    // Mark the moment the map is first drawn, for the benchmarks. Until a pre-rendered first
    // view exists, the live map's first drawing is both the first picture (`map-visible`) and
    // the moment it answers gestures (`map-interactive`); `map-drawn` stays for old runs.
    Effect::new(move |_| {
        if ready.get() {
            super::mark("map-visible");
            super::mark("map-interactive");
            super::mark("map-drawn");
        }
    });

    let gesture = Gesture::new(world.clone(), state);
    // Move to features chosen outside the map (search, list, card).
    Effect::new(move |_| {
        if let Some(id) = fly_to.get() {
            if ready.get() {
                fly_to.set(None);
                gesture.fly_to_feature(&id);
            }
        }
    });
    let world_for_highlight = world.clone();
    let hatch_k = Memo::new(move |_| world_transform.get().k);

    view! {
        <div
            class="map"
            class:cooperative=mode == MapMode::Cooperative
            class:static-map=!interactive
            node_ref=container
            tabindex=interactive.then_some("0")
            role="region"
            aria-label=tr(lang, Text::MapLabel)
            aria-keyshortcuts="ArrowUp ArrowDown ArrowLeft ArrowRight + - 0 Escape"
            on:keydown=move |ev| {
                if gesture.key(&ev) {
                    ev.prevent_default();
                }
            }
        >
            <div
                class="map-canvas"
                style:left=move || format!("{}px", -margin.get().0)
                style:top=move || format!("{}px", -margin.get().1)
                style:transform=gesture_transform
                on:pointerdown=move |ev| gesture.pointer_down(ev)
                on:pointermove=move |ev| gesture.pointer_move(ev)
                on:pointerup=move |ev| gesture.pointer_up(ev)
                on:pointercancel=move |ev| gesture.pointer_cancel(ev)
                on:wheel=move |ev| gesture.wheel(ev)
                on:dblclick=move |ev| gesture.double_click(ev)
                on:touchmove=move |ev: web_sys::TouchEvent| {
                    // Two fingers belong to the map, even where the page may scroll.
                    if mode == MapMode::Cooperative && ev.touches().length() >= 2 {
                        ev.prevent_default();
                    }
                }
            >
            <svg
                class="map-svg"
                role="group"
                aria-label=tr(lang, Text::MapLabel)
                width=move || canvas.get().width
                height=move || canvas.get().height
                viewBox=move || {
                    let v = canvas.get();
                    format!("0 0 {} {}", v.width, v.height)
                }
                data-ready=move || ready.get().to_string()
                data-zoom=move || format!("{:.3}", settled.get().zoom)
                data-center=move || {
                    let (lon, lat) = settled.get().center_lon_lat();
                    format!("{lon:.6},{lat:.6}")
                }
            >
                <svg::HatchDefs theme=theme scale=hatch_k />
                <rect
                    class="map-bg"
                    width="100%"
                    height="100%"
                    fill=move || theme.get().background()
                    on:click=move |_| {
                        if !gesture.suppress_click() {
                            selected.set(None)
                        }
                    }
                />
                <g class="layer-shapes" transform=move || world_transform.get().to_svg()>
                    {move || svg::shapes_view(shapes.get(), selected, gesture)}
                    {move || {
                        svg::highlight_view(&world_for_highlight, lod.get(), selected.get(), theme.get())
                    }}
                </g>
                <g class="layer-overlay">
                    {move || svg::overlay_view(overlay.get(), state, gesture)}
                </g>
            </svg>
            </div>
            {interactive.then(|| view! { <MapControls gesture=gesture lang=lang /> })}
            <p class="gesture-hint" role="status" hidden=move || hint.with(Option::is_none)>
                {move || hint.get().map(|t| t.get(lang.get()))}
            </p>
            <ScaleBarView live=live />
            <p class="map-attribution">{tr(lang, Text::Attribution)}</p>
        </div>
    }
}

/// A metric scale bar that follows the live view.
#[component]
fn ScaleBarView(live: RwSignal<Viewport>) -> impl IntoView {
    let bar = Memo::new(move |_| scene::scale_bar::scale_bar(&live.get(), 120.0));
    view! {
        <div class="scale-bar" aria-hidden="true">
            <svg width="132" height="22">
                <path
                    d=move || format!("M1 8V14H{0:.1}V8", bar.get().width_px + 1.0)
                    fill="none"
                    stroke="currentColor"
                    stroke-width="2"
                />
            </svg>
            <span class="scale-label">{move || bar.get().label}</span>
        </div>
    }
}

/// Zoom in, zoom out and reset buttons (44 px touch targets).
#[component]
fn MapControls(gesture: Gesture, lang: RwSignal<Lang>) -> impl IntoView {
    view! {
        <div class="map-controls">
            {[
                ("zoom-in", Text::ZoomIn, "+", 1.0),
                ("zoom-out", Text::ZoomOut, "−", -1.0),
                ("reset", Text::ResetView, "⌂", 0.0),
            ]
                .into_iter()
                .map(|(class, text, symbol, dz)| {
                    view! {
                        <button
                            type="button"
                            class=format!("map-button {class}")
                            aria-label=tr(lang, text)
                            title=tr(lang, text)
                            on:click=move |_| {
                                if dz == 0.0 {
                                    gesture.home()
                                } else {
                                    gesture.zoom_by_animated(dz, None)
                                }
                            }
                        >
                            {symbol}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
