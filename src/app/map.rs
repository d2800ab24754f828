//! The map: an SVG drawn from the scene. Areas and lines sit in one group whose `transform`
//! follows the view, so moving the map changes one attribute.

use crate::geometry::viewport::Viewport;
use crate::i18n::{Lang, Text};
use crate::scene::{self, style::Theme, world::WorldPlan};
use leptos::html::Div;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::{closure::Closure, JsCast};

/// Pixels of breathing room around the district in the home view.
const HOME_PADDING: f64 = 16.0;

#[component]
pub fn MapView(world: Arc<WorldPlan>, lang: Lang) -> impl IntoView {
    let container: NodeRef<Div> = NodeRef::new();
    let theme = Theme::Light;
    let home = world.home;
    let view = RwSignal::new(Viewport::fit(home, 800.0, 600.0, HOME_PADDING));
    let size_known = RwSignal::new(false);

    // Follow the container's size; the first measurement fits the district to it.
    container.on_load(move |el| {
        let on_resize = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() else {
                return;
            };
            let rect = entry.content_rect();
            let (w, h) = (rect.width(), rect.height());
            if w < 1.0 || h < 1.0 {
                return;
            }
            if size_known.get_untracked() {
                view.update(|v| *v = v.resized(w, h));
            } else {
                view.set(Viewport::fit(home, w, h, HOME_PADDING));
                size_known.set(true);
            }
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            observer.observe(&el);
        }
        // The observer lives as long as the page.
        on_resize.forget();
    });

    let frame = scene::frame(&world);
    let lod = Memo::new(move |_| scene::path::lod_for_zoom(view.get().zoom));
    let world_for_shapes = world.clone();
    let shapes = Memo::new(move |_| scene::shapes(&world_for_shapes, lod.get() as f64, theme));
    let transform = move || scene::layer_transform(&frame, &view.get()).to_svg();

    // Mark the moment the map is first drawn, for the benchmarks.
    Effect::new(move |_| {
        if size_known.get() {
            if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
                perf.mark("map-drawn").ok();
            }
        }
    });

    view! {
        <div class="map" node_ref=container>
            <svg
                class="map-svg"
                role="img"
                aria-label=Text::MapLabel.get(lang)
                width=move || view.get().width
                height=move || view.get().height
                data-ready=move || size_known.get().to_string()
            >
                <rect class="map-bg" width="100%" height="100%" fill=theme.background() />
                <g class="layer-areas" transform=transform>
                    <For
                        each=move || shapes.get()
                        key=|s| (s.feature_id.clone(), s.d.len())
                        let(s)
                    >
                        <path
                            class=format!("shape cat-{}", s.category.code())
                            data-id=s.feature_id.clone()
                            d=s.d.clone()
                            fill=s.paint.fill
                            fill-opacity=s.paint.fill_opacity
                            stroke=s.paint.stroke
                            stroke-width=s.paint.stroke_width
                            vector-effect="non-scaling-stroke"
                            stroke-linejoin="round"
                        />
                    </For>
                </g>
            </svg>
        </div>
    }
}
