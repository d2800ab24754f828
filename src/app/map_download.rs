//! Downloads of the map (PNG, SVG) and of files (GeoJSON, CSV). The map is drawn by the
//! static writer from the same scene the page draws, at the map's full size. With a tile
//! basemap on, the tiles go under it where the provider allows pages to read them (CORS;
//! [`super::tile_capture`]); otherwise the offline map is saved and the panel says so.

use super::tile_capture::capture;
use super::ui::Ui;
use crate::geometry::viewport::Viewport;
use crate::i18n::Text;
use crate::render::svg::{to_svg, SvgOptions};
use crate::render::underlay::Underlay;
use crate::scene::layers::Filter;
use crate::scene::world::WorldPlan;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};

/// Which picture of the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MapFile {
    Png,
    Svg,
}

impl MapFile {
    fn name(self) -> &'static str {
        match self {
            MapFile::Png => "shizhong-map.png",
            MapFile::Svg => "shizhong-map.svg",
        }
    }
}

/// Offer `bytes` as a file download.
fn download(name: &str, mime: &str, parts: &js_sys::Array) {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &opts)
        .or_else(|_| web_sys::Blob::new_with_str_sequence_and_options(parts, &opts))
    else {
        return;
    };
    save_blob(name, &blob);
}

fn save_blob(name: &str, blob: &web_sys::Blob) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Ok(a) = document().create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

pub fn download_text(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    download(name, mime, &parts);
}

/// `v` at the size of the map with no panel beside it: the box the map and the side panel
/// share (on phones the panel is a sheet over the map, so this is the map's own box).
fn at_full_size(v: Viewport) -> Viewport {
    let Some(main) = document().query_selector(".main").ok().flatten() else {
        return v;
    };
    let r = main.get_bounding_client_rect();
    if r.width() >= 1.0 && r.height() >= 1.0 {
        v.resized(r.width(), r.height())
    } else {
        v
    }
}

/// The map of `world` in `view` as an SVG document, with `underlay` under it (then `world`
/// and `view` are in the tiles' datum, as the page draws them).
fn map_svg(world: &WorldPlan, view: &Viewport, ui: Ui, underlay: Option<Underlay>) -> String {
    let filter = Filter {
        layers: ui.map.layers.get_untracked(),
        zone: ui.map.zone_filter.get_untracked(),
    };
    let mut scene = crate::scene::build(
        world,
        view,
        filter,
        ui.map.lang.get_untracked(),
        ui.map.theme.get_untracked(),
        ui.map.selected.get_untracked().as_deref(),
    );
    scene.over_tiles = underlay.is_some();
    to_svg(
        &scene,
        &SvgOptions {
            underlay,
            ..SvgOptions::default()
        },
    )
}

fn save_map(file: MapFile, svg: String) {
    match file {
        MapFile::Png => download_png(svg, file.name()),
        MapFile::Svg => download_text(file.name(), "image/svg+xml", &svg),
    }
}

/// Save the map as `file`: the view the map shows at the map's full size (an open panel
/// narrows the map on screen, never the download), as it was when asked for, with the
/// basemap's tiles when they are on and can be had. `status` tells the reader what is
/// happening and whether the basemap went in. `world` is the plan in WGS84.
pub fn download_map(file: MapFile, world: Arc<WorldPlan>, ui: Ui, status: RwSignal<Option<Text>>) {
    let offline_view = at_full_size(untrack(|| ui.map.settled_wgs84()));
    let provider = ui
        .map
        .basemap
        .get_untracked()
        .filter(|_| untrack(|| ui.map.tiles_on()));
    let Some(provider) = provider else {
        status.set(None);
        save_map(file, map_svg(&world, &offline_view, ui, None));
        return;
    };
    status.set(Some(Text::DownloadFetchingTiles));
    // The view as drawn, in the tiles' datum.
    let (datum, view) = (
        ui.map.datum.get_untracked(),
        at_full_size(ui.map.settled.get_untracked()),
    );
    let lang = ui.map.lang.get_untracked();
    leptos::task::spawn_local(async move {
        let svg = match capture(&provider, &view, lang).await {
            Some(underlay) => {
                status.set(Some(Text::DownloadWithBasemap));
                let drawn = if datum.shifts() {
                    Arc::new(WorldPlan::in_datum(world.plan.clone(), datum))
                } else {
                    world
                };
                map_svg(&drawn, &view, ui, Some(underlay))
            }
            None => {
                status.set(Some(Text::DownloadBasemapLeftOut));
                map_svg(&world, &offline_view, ui, None)
            }
        };
        save_map(file, svg);
    });
}

/// Draw the SVG into a canvas at twice its size and save it as PNG. The image is loaded from
/// a data: URL (allowed by the page's img-src), so the canvas stays exportable.
fn download_png(svg: String, name: &'static str) {
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let url = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        js_sys::encode_uri_component(&svg)
    );
    let img2 = img.clone();
    let on_load = wasm_bindgen::closure::Closure::once_into_js(move || {
        let (w, h) = (img2.natural_width().max(1), img2.natural_height().max(1));
        let Some(canvas) = document()
            .create_element("canvas")
            .ok()
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        canvas.set_width(w * 2);
        canvas.set_height(h * 2);
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        ctx.scale(2.0, 2.0).ok();
        ctx.draw_image_with_html_image_element(&img2, 0.0, 0.0).ok();
        let save = wasm_bindgen::closure::Closure::once_into_js(move |blob: JsValue| {
            if let Ok(blob) = blob.dyn_into::<web_sys::Blob>() {
                save_blob(name, &blob);
            }
        });
        canvas.to_blob(save.unchecked_ref()).ok();
    });
    img.set_onload(Some(on_load.unchecked_ref()));
    img.set_src(&url);
}
