//! The map: an SVG drawn from the scene, and the gestures that move it.
//!
//! Everything is drawn for the *settled* view on a canvas a little larger than the screen;
//! during a gesture one CSS transform moves the whole canvas to the live view, and when the
//! gesture ends the scene is rebuilt (clusters, labels, level of detail) and patched into the
//! SVG. What is drawn is decided by [`crate::present`]; this file only wires it to the page.

use super::dom;
use super::gestures::Gesture;
use super::map_state::{MapMode, MapState};
use super::page::tr;
use crate::geometry::viewport::Viewport;
use crate::i18n::{Lang, Text};
use crate::number::{fixed, padded};
use crate::present::{self, El};
use crate::scene::{self, canvas::Canvas, layers::Filter, world::WorldPlan};
use crate::state::UrlView;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::svg::Svg;
use std::sync::Arc;
use wasm_bindgen::{closure::Closure, JsCast};

/// The live map is on screen: take the pre-rendered first view (or the loading note) away in
/// this same frame, and mark the moments for the benchmarks. The live map answers gestures
/// from now on; if no picture was shown before, this is also when the map became visible.
fn first_drawn() {
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    let shown_before = web_sys::window()
        .and_then(|w| w.performance())
        .is_some_and(|p| p.get_entries_by_name("map-visible").length() > 0);
    if !shown_before {
        super::page::mark("map-visible");
    }
    super::page::mark("map-interactive");
    // The old name, so earlier benchmark runs stay comparable.
    super::page::mark("map-drawn");
}

/// What a click or key press on the map was aimed at.
enum Hit {
    Feature(String),
    Cluster(geo::Rect<f64>),
}

/// The marker, cluster or shape under an event, from the attributes the presentation put on
/// it (`data-id`, a cluster's `data-bounds`).
fn hit(ev: &web_sys::Event) -> Option<Hit> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let el = target.closest("[data-id], [data-bounds]").ok()??;
    if let Some(b) = el.get_attribute("data-bounds") {
        return present::map::parse_bounds(&b).map(Hit::Cluster);
    }
    el.get_attribute("data-id").map(Hit::Feature)
}

/// The feature ids of the cluster an event came from.
fn cluster_members(ev: &web_sys::Event) -> Option<Vec<String>> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let ids = target
        .closest("[data-ids]")
        .ok()??
        .get_attribute("data-ids")?;
    Some(ids.split_whitespace().map(str::to_string).collect())
}

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
        goal,
        highlighted,
        ready,
        mode,
        hint,
        legend,
        covered,
        ..
    } = state;
    let interactive = mode != MapMode::Static;
    // Tiles under the map (see `tiles`): a memo, so a tile that arrives redraws nothing.
    let tiles_on = Memo::new(move |_| state.tiles_on());
    let filter = Memo::new(move |_| {
        let f = Filter {
            layers: layers.get(),
            zone: zone_filter.get(),
        };
        if tiles_on.get() {
            f.under_tiles()
        } else {
            f
        }
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
                    // At home, the district is fitted to the new size; moved, the centre stays.
                    let next = covered.with_untracked(|c| {
                        if world.is_home_view(&live_now, c) {
                            world.home_view_clear_of(w, h, c)
                        } else {
                            live_now.resized(w, h)
                        }
                    });
                    state.jump(next);
                }
                state.remeasure();
            } else {
                // The legend and controls are on the page already: fit beside them.
                state.measure_covered();
                let first = match initial {
                    Some(v) => crate::basemap::capped(
                        v.limited(&world, w, h),
                        state
                            .basemap
                            .with_untracked(|p| crate::basemap::max_view_zoom(p.as_ref())),
                    ),
                    None => covered.with_untracked(|c| world.home_view_clear_of(w, h, c)),
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

    // The drawing covers the screen plus a margin, so a pan reveals drawn map, not blank.
    let canvas = Memo::new(move |_| Canvas::new(settled.get()).covered_by(covered.get()));
    let lod = Memo::new(move |_| scene::path::lod_for_zoom(settled.get().zoom));
    let w = world.clone();
    // Areas and lines depend only on the level of detail, not on where the map is.
    let shapes =
        Memo::new(move |_| filter.with(|f| scene::shapes(&w, lod.get() as f64, f, theme.get())));
    // During a gesture only this CSS transform changes: the browser moves the drawing as one
    // composited layer, without repainting a single path.
    let gesture_transform = move || {
        let (s, l) = (settled.get(), live.get());
        let t = scene::overlay_transform(&s, &l);
        let (mx, my) = canvas.get().margin;
        if (t.k - 1.0).abs() < 1e-9 && t.tx.abs() < 1e-6 && t.ty.abs() < 1e-6 {
            "none".to_string()
        } else {
            // The canvas sits at (-mx, -my): shift so the settled drawing lands where the live view shows it.
            let k = fixed(t.k, 9);
            let (x, y) = (t.tx + mx * (1.0 - t.k), t.ty + my * (1.0 - t.k));
            format!("matrix({k}, 0, 0, {k}, {}, {})", fixed(x, 3), fixed(y, 3))
        }
    };

    // Draw the settled scene: build it, present it, patch the SVG in place.
    let svg_ref: NodeRef<Svg> = NodeRef::new();
    let drawn: StoredValue<Vec<El>, LocalStorage> = StoredValue::new_local(vec![]);
    // The members of a cluster opened by keyboard, until one of them has focus.
    let split_focus: StoredValue<Option<Vec<String>>> = StoredValue::new(None);
    let options = present::Options {
        interactive,
        id_prefix: "",
    };
    let w = world.clone();
    Effect::new(move |_| {
        let Some(svg) = svg_ref.get() else { return };
        if !ready.get() {
            return;
        }
        let mut scene = selected.with(|sel| {
            filter.with(|f| {
                scene::with_shapes(
                    &w,
                    &canvas.get(),
                    shapes.get(),
                    f,
                    lang.get(),
                    theme.get(),
                    sel.as_deref(),
                )
            })
        });
        scene.highlighted = highlighted.get();
        scene.over_tiles = tiles_on.get();
        let els = present::map(&scene, options);
        let first = drawn.with_value(Vec::is_empty);
        drawn.update_value(|old| {
            dom::patch(&document(), &svg, old, &els);
            *old = els;
        });
        if let Some(ids) = split_focus.get_value() {
            // Done once a part of the cluster has focus, or when focus has moved elsewhere.
            if !super::focus::on_map_frame() || super::focus::onto_split(&svg, &ids) {
                split_focus.set_value(None);
            }
        }
        if first {
            first_drawn();
        }
        legend.set(scene.legend);
    });

    let gesture = Gesture::new(world.clone(), state);
    let (world_wgs, world_centre) = (world.clone(), world.clone());
    let basemap_failed = Memo::new(move |_| {
        state.basemap.with(Option::is_some) && state.tile_health.with(|h| h.unavailable())
    });
    // A map at home stays at home as a phone's bottom sheet rises and falls over it: it
    // refits into the part left clear (`WorldPlan::refits_at_home`). One the reader has moved
    // stays where it is, and nothing refits while the map moves or is about to (a card's or a
    // story step's flight wins).
    let world_home = world.clone();
    Effect::new(move |before: Option<Vec<scene::labels::Aabb>>| {
        let now = covered.get();
        let v = settled.get_untracked();
        let still = ready.get_untracked()
            && live.get_untracked() == v
            && !gesture.is_animating()
            && selected.with_untracked(Option::is_none)
            && fly_to.with_untracked(Option::is_none)
            && goal.with_untracked(Option::is_none);
        if still && before.is_some_and(|b| world_home.refits_at_home(&v, &b, &now)) {
            gesture.animate_to(world_home.home_view_clear_of(v.width, v.height, &now));
        }
        now
    });
    // Move to features chosen outside the map (search, list, card).
    Effect::new(move |_| {
        if let Some(id) = fly_to.get() {
            if ready.get() {
                fly_to.set(None);
                gesture.fly_to_feature(&id);
            }
        }
    });
    // Go where a story step asks.
    Effect::new(move |_| {
        if let Some(request) = goal.get() {
            if ready.get() {
                goal.set(None);
                gesture.go(request);
            }
        }
    });
    // One listener for every marker, cluster and shape: what was hit is read off the element.
    let on_click = move |ev: web_sys::MouseEvent| {
        if gesture.suppress_click() {
            return;
        }
        match hit(&ev) {
            Some(Hit::Feature(id)) => selected.set(Some(id)),
            Some(Hit::Cluster(bounds)) => gesture.fly_to_bounds(bounds, 1.0),
            None => selected.set(None),
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Enter" && ev.key() != " " {
            return;
        }
        match hit(&ev) {
            Some(Hit::Feature(id)) => selected.set(Some(id)),
            Some(Hit::Cluster(bounds)) => {
                // The cluster is gone once the map has zoomed: hold focus on the map, then
                // hand it to the first marker the cluster split into (see the drawing above).
                split_focus.set_value(cluster_members(&ev));
                if let Some(frame) = container.get_untracked() {
                    frame.focus().ok();
                }
                gesture.fly_to_bounds(bounds, 1.0)
            }
            None => return,
        }
        ev.prevent_default();
    };

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
                style:left=move || format!("{}px", fixed(-canvas.get().margin.0, 3))
                style:top=move || format!("{}px", fixed(-canvas.get().margin.1, 3))
                style:transform=gesture_transform
                on:pointerdown=move |ev| gesture.pointer_down(ev)
                on:pointermove=move |ev| gesture.pointer_move(ev)
                on:pointerup=move |ev| gesture.pointer_up(ev)
                on:pointercancel=move |ev| gesture.pointer_cancel(ev)
                on:wheel=move |ev| gesture.wheel(ev)
                on:dblclick=move |ev| gesture.double_click(ev)
                on:touchmove=move |ev| gesture.touch_move(ev)
            >
            <super::tiles::TileLayer canvas=canvas state=state on=tiles_on />
            <svg
                class="map-svg"
                node_ref=svg_ref
                role="group"
                aria-label=tr(lang, Text::MapLabel)
                width=move || fixed(canvas.get().view().width, 3)
                height=move || fixed(canvas.get().view().height, 3)
                viewBox=move || {
                    let v = canvas.get().view();
                    format!("0 0 {} {}", fixed(v.width, 3), fixed(v.height, 3))
                }
                on:click=on_click
                on:keydown=on_key
                data-ready=move || ready.get().to_string()
                data-view=move || {
                    // The exact settled view, so a test can draw the same one statically
                    // (WGS84, whatever datum the map is drawn in).
                    let v = settled.get();
                    let (lon, lat) = world_wgs.lon_lat(v.center);
                    [v.zoom, lat, lon, v.width, v.height]
                        .map(|x| fixed(x, 10))
                        .join("/")
                }
                data-covered=move || canvas.with(Canvas::covered_text)
                data-zoom=move || padded(settled.get().zoom, 3)
                data-center=move || {
                    let (lon, lat) = world_centre.lon_lat(settled.get().center);
                    format!("{},{}", padded(lon, 6), padded(lat, 6))
                }
            >
            </svg>
            </div>
            {interactive.then(|| view! { <MapControls gesture=gesture lang=lang /> })}
            <p class="gesture-hint" role="status" hidden=move || hint.with(Option::is_none)>
                {move || hint.get().map(|t| t.get(lang.get()))}
            </p>
            <ScaleBarView live=live />
            <p class="basemap-note" role="status" hidden=move || !basemap_failed.get()>
                {tr(lang, Text::BasemapUnavailable)}
            </p>
            <p class="map-attribution">
                {move || {
                    let l = lang.get();
                    state
                        .basemap
                        .with(|p| p.as_ref().filter(|_| tiles_on.get()).map(|p| p.attribution.get(l).to_string()))
                        .map(|a| view! { <span class="basemap-attribution">{a}</span>" · " })
                }}
                {tr(lang, Text::Attribution)}
            </p>
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
                    d=move || format!("M1 8V14H{}V8", padded(bar.get().width_px + 1.0, 1))
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
