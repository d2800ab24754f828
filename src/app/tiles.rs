//! The tile basemap on the page: `<img>` tiles in a layer under the map's SVG, inside the same
//! canvas, so the one gesture transform moves them with everything else; reloaded for the
//! settled view plus the canvas margin when a gesture ends. Which tiles and where is decided by
//! [`crate::basemap::tiles`]; this file only keeps the elements in step (a bounded set, reused
//! while they stay wanted) and counts the tiles that fail.
//!
//! It also keeps the drawn plan in the datum of the tiles ([`follow_datum`]).

use super::map_state::MapState;
use crate::basemap::look::tile_look;
use crate::basemap::tiles::{place, wants_hidpi, PlacedTile, TileId, MAX_TILES};
use crate::geometry::datum::Datum;
use crate::geometry::viewport::Viewport;
use crate::number::fixed;
use crate::scene::{canvas::Canvas, world::WorldPlan};
use leptos::html::Div;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::{closure::Closure, JsCast};

/// Keep `drawn` the plan in the datum of the chosen basemap's tiles: built once when the
/// datum changes (WGS84 and CGCS2000 share the plan as loaded), and the view moved to the
/// same WGS84 place in the new datum, so the map does not jump.
pub fn follow_datum(
    state: MapState,
    world: RwSignal<Option<Arc<WorldPlan>>>,
    drawn: RwSignal<Option<Arc<WorldPlan>>>,
) {
    let datum = Memo::new(move |_| {
        let d = state
            .basemap
            .with(|p| p.as_ref().map_or(Datum::Wgs84, |p| p.datum));
        if d.shifts() {
            d
        } else {
            Datum::Wgs84
        }
    });
    Effect::new(move |_| {
        let d = datum.get();
        let Some(base) = world.get() else { return };
        let old = drawn.get_untracked();
        if old.as_ref().is_some_and(|o| o.datum == d) {
            return;
        }
        let new = if base.datum == d {
            base.clone()
        } else {
            Arc::new(WorldPlan::in_datum(base.plan.clone(), d))
        };
        if let Some(old) = old.filter(|_| state.ready.get_untracked()) {
            let v = state.settled.get_untracked();
            let (lon, lat) = old.lon_lat(v.center);
            state.jump(Viewport::new(
                new.project(lon, lat),
                v.zoom,
                v.width,
                v.height,
            ));
        }
        state.datum.set(d);
        drawn.set(Some(new));
    });
    // Tiles off (or shallower): a view deeper than the map now goes comes back up.
    Effect::new(move |_| {
        let max = state
            .basemap
            .with(|p| crate::basemap::max_view_zoom(p.as_ref()));
        let v = state.settled.get_untracked();
        if state.ready.get_untracked() && v.zoom > max {
            state.jump(crate::basemap::capped(v, max));
        }
    });
}

/// Count a tile that arrived or failed, if it is one of the chosen provider's.
fn on_tile_event(state: MapState, ev: &web_sys::Event, ok: bool) {
    let Some(img) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlImageElement>().ok())
    else {
        return;
    };
    if !ok {
        // No broken-image box: a failed tile is simply not there.
        img.class_list().add_1("failed").ok();
    }
    let of = img.get_attribute("data-provider");
    let current = state
        .basemap
        .with_untracked(|p| p.as_ref().map(|p| p.id.clone()));
    if of.is_some() && of == current {
        state.tile_health.update(|h| h.record(ok));
    }
}

/// A tile element on the page.
struct Shown {
    img: web_sys::HtmlImageElement,
    id: TileId,
}

/// Tiles by URL: those wanted now, and those of the level before, kept under them until the
/// new level's have come (so a zoom across a level never flashes blank).
#[derive(Default)]
struct Elements {
    wanted: HashMap<String, Shown>,
    stale: HashMap<String, Shown>,
}

impl Elements {
    /// Once every wanted tile has arrived (or failed), the stale ones go.
    fn sweep(&mut self) {
        if self.wanted.values().all(|s| s.img.complete()) {
            for (_, s) in self.stale.drain() {
                s.img.remove();
            }
        }
    }
}

fn new_tile(url: &str, id: TileId, provider: &str) -> Option<web_sys::HtmlImageElement> {
    let img: web_sys::HtmlImageElement = document().create_element("img").ok()?.dyn_into().ok()?;
    img.set_class_name("tile");
    img.set_alt("");
    img.set_attribute("data-provider", provider).ok();
    img.set_attribute("data-tile", &id.to_string()).ok();
    img.set_attribute("draggable", "false").ok();
    img.set_attribute("decoding", "async").ok();
    img.set_src(url);
    Some(img)
}

fn put(img: &web_sys::HtmlImageElement, t: &PlacedTile, z_index: usize) {
    let style = web_sys::HtmlElement::style(img);
    for (name, v) in [
        ("left", t.left),
        ("top", t.top),
        ("width", t.size),
        ("height", t.size),
    ] {
        style.set_property(name, &format!("{}px", fixed(v, 0))).ok();
    }
    style.set_property("z-index", &z_index.to_string()).ok();
}

/// The tiles of the chosen basemap for the settled canvas (none while `on` is false).
#[component]
pub fn TileLayer(canvas: Memo<Canvas>, state: MapState, on: Memo<bool>) -> impl IntoView {
    let layer: NodeRef<Div> = NodeRef::new();
    let shown: StoredValue<Elements, LocalStorage> = StoredValue::new_local(Elements::default());
    layer.on_load(move |el| {
        // `load` and `error` do not bubble: two capturing listeners serve every tile.
        for (name, ok) in [("load", true), ("error", false)] {
            let cb = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
                on_tile_event(state, &ev, ok);
                shown.update_value(Elements::sweep);
            });
            el.add_event_listener_with_callback_and_bool(name, cb.as_ref().unchecked_ref(), true)
                .ok();
            // The layer lives as long as its map.
            cb.forget();
        }
    });
    Effect::new(move |_| {
        let Some(el) = layer.get() else { return };
        if !state.ready.get() {
            return;
        }
        let on = on.get();
        let view = canvas.with(Canvas::view);
        let dpr = window().device_pixel_ratio();
        // (URL, layer, place, provider) of every tile wanted now.
        let wanted = state.basemap.with(|p| match p {
            Some(p) if on => {
                let id = p.id.clone();
                p.cover(&view, wants_hidpi(dpr, p.has_2x()))
                    .into_iter()
                    .map(|(t, layer, url)| (url, layer, t, id.clone()))
                    .collect::<Vec<_>>()
            }
            _ => vec![],
        });
        let level = wanted.first().map(|w| w.2.id.z);
        shown.update_value(|shown| {
            let mut next = HashMap::with_capacity(wanted.len());
            for (url, layer, t, provider) in wanted {
                let old = shown
                    .wanted
                    .remove(&url)
                    .or_else(|| shown.stale.remove(&url));
                let s = match old {
                    Some(s) => s,
                    None => {
                        let Some(img) = new_tile(&url, t.id, &provider) else {
                            continue;
                        };
                        el.append_child(&img).ok();
                        Shown { img, id: t.id }
                    }
                };
                // Above any stale tile.
                put(&s.img, &t, layer + 1);
                next.insert(url, s);
            }
            // What is no longer wanted goes, but for tiles of another level that came: they
            // stay under the new ones until those have come (at most one screenful).
            for (url, s) in shown.wanted.drain() {
                let keep = level.is_some_and(|z| z != s.id.z)
                    && s.img.complete()
                    && s.img.natural_width() > 0
                    && shown.stale.len() < MAX_TILES;
                if keep {
                    shown.stale.insert(url, s);
                } else {
                    s.img.remove();
                }
            }
            if level.is_none() {
                for (_, s) in shown.stale.drain() {
                    s.img.remove();
                }
            }
            for s in shown.stale.values() {
                put(&s.img, &place(&view, s.id), 0);
            }
            shown.wanted = next;
            shown.sweep();
        });
    });
    // The tiles' look is decided with the downloads' (one rule: `basemap::look`). It is
    // given to each tile (the stylesheet reads these properties), not to the layer: a filter
    // or an opacity on the whole layer is redone for every frame of a gesture (twice the frame
    // time in the benchmark), one on each image is drawn once.
    Effect::new(move |_| {
        let look = tile_look(state.theme.get());
        let Some(el) = layer.get() else { return };
        let style = web_sys::HtmlElement::style(&el);
        style.set_property("--tile-filter", &look.css_filter()).ok();
        style
            .set_property("--tile-opacity", &crate::number::num(look.opacity))
            .ok();
    });
    view! { <div class="map-tiles" aria-hidden="true" node_ref=layer></div> }
}
