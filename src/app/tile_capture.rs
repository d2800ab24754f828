//! A download's basemap: the chosen provider's tiles for the download's view, loaded again as
//! CORS images (so a canvas may read them) and turned into `data:` URLs for the document
//! ([`crate::render::underlay`]). A provider that sends no CORS headers, a tile that fails or
//! one slower than [`CAPTURE_TIMEOUT_MS`]: no underlay, and the caller says so.

use crate::basemap::Provider;
use crate::geometry::viewport::Viewport;
use crate::i18n::Lang;
use crate::render::underlay::{Underlay, UnderlayTile};
use futures::future::{join_all, select, Either};
use leptos::prelude::{document, window};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long a download waits for all its tiles.
pub const CAPTURE_TIMEOUT_MS: i32 = 10_000;

/// One tile as a `data:` URL, or `None` when it cannot be had or read.
async fn tile_data_url(url: String) -> Option<String> {
    let img = web_sys::HtmlImageElement::new().ok()?;
    // Without CORS approval the image does not load at all: nothing taints the canvas.
    img.set_cross_origin(Some("anonymous"));
    img.set_src(&url);
    JsFuture::from(img.decode()).await.ok()?;
    let (w, h) = (img.natural_width(), img.natural_height());
    if w == 0 || h == 0 {
        return None;
    }
    let canvas: web_sys::HtmlCanvasElement =
        document().create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(w);
    canvas.set_height(h);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.draw_image_with_html_image_element(&img, 0.0, 0.0)
        .ok()?;
    canvas.to_data_url().ok()
}

/// Resolves after `ms`.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _: Result<JsValue, JsValue> = JsFuture::from(promise).await;
}

/// The tiles of `provider` under `view` (in the provider's datum), high-DPI where it has them
/// (downloads are drawn at twice their size), with its credit in `lang`; `None` if any tile
/// cannot be had in time.
pub async fn capture(provider: &Provider, view: &Viewport, lang: Lang) -> Option<Underlay> {
    let jobs = provider.cover(view, provider.has_2x());
    let loads = join_all(jobs.iter().map(|(_, _, url)| tile_data_url(url.clone())));
    let hrefs = match select(Box::pin(loads), Box::pin(sleep(CAPTURE_TIMEOUT_MS))).await {
        Either::Left((hrefs, _)) => hrefs,
        Either::Right(_) => return None,
    };
    let tiles = jobs
        .iter()
        .zip(hrefs)
        .map(|((t, _, _), href)| {
            Some(UnderlayTile {
                id: t.id,
                left: t.left,
                top: t.top,
                size: t.size,
                href: href?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    (!tiles.is_empty()).then(|| Underlay {
        tiles,
        credit: provider.attribution.get(lang).to_string(),
    })
}
