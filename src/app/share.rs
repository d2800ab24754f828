//! Share, embed and download: the link to this view, an iframe snippet built from chosen
//! options with a live preview, and downloads of the map (PNG, SVG) and data (GeoJSON, CSV).

use super::page::tr;
use super::ui::Ui;
use crate::downloads::{geojson_of, projects_csv};
use crate::i18n::{Lang, Text};
use crate::render::svg::{to_svg, SvgOptions};
use crate::scene::layers::Filter;
use crate::scene::style::Theme;
use crate::scene::world::WorldPlan;
use crate::state::embed::{full_map_url, snippet};
use crate::state::{AppState, EmbedOptions, ThemeChoice};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};

/// The page's address without query or fragment.
pub fn page_url() -> String {
    let l = window().location();
    format!(
        "{}{}",
        l.origin().unwrap_or_default(),
        l.pathname().unwrap_or_default()
    )
}

/// The state of what is on screen now.
pub fn current_state(ui: Ui, theme: ThemeChoice) -> AppState {
    let v = ui.map.settled.get();
    let (lon, lat) = v.center_lon_lat();
    AppState {
        view: Some(crate::state::UrlView {
            zoom: v.zoom,
            lat,
            lon,
        }),
        layers: ui.map.layers.get(),
        selected: ui.map.selected.get(),
        lang: ui.map.lang.get(),
        theme,
        embed: EmbedOptions::default(),
        data: None,
    }
}

/// Copy `text` to the clipboard; calls `done(true)` once copied.
fn copy(text: String, done: impl Fn(bool) + 'static) {
    let clipboard = window().navigator().clipboard();
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
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

fn download_text(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    download(name, mime, &parts);
}

/// The map as an SVG document, from the same scene the page draws.
fn map_svg(world: &WorldPlan, ui: Ui) -> String {
    let view = ui.map.settled.get_untracked();
    let filter = Filter {
        layers: ui.map.layers.get_untracked(),
        zone: ui.map.zone_filter.get_untracked(),
    };
    let scene = crate::scene::build(
        world,
        &view,
        filter,
        ui.map.lang.get_untracked(),
        ui.map.theme.get_untracked(),
        ui.map.selected.get_untracked().as_deref(),
    );
    to_svg(&scene, &SvgOptions::default())
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

#[component]
pub fn SharePanel(
    world: Arc<WorldPlan>,
    ui: Ui,
    theme_choice: RwSignal<ThemeChoice>,
) -> impl IntoView {
    let lang = ui.map.lang;
    let link =
        Memo::new(move |_| full_map_url(&page_url(), &current_state(ui, theme_choice.get())));
    let copied_link = RwSignal::new(false);
    // Embed options.
    let is_static = RwSignal::new(false);
    let plain = RwSignal::new(false);
    let keep_view = RwSignal::new(true);
    let embed_lang = RwSignal::new(lang.get_untracked());
    let embed_theme = RwSignal::new(ThemeChoice::Auto);
    let embed_state = Memo::new(move |_| {
        let base = if keep_view.get() {
            current_state(ui, ThemeChoice::Auto)
        } else {
            AppState::default()
        };
        AppState {
            lang: embed_lang.get(),
            theme: embed_theme.get(),
            embed: EmbedOptions {
                embed: true,
                static_map: is_static.get(),
                plain: plain.get(),
            },
            ..base
        }
    });
    let code = Memo::new(move |_| {
        snippet(
            &page_url(),
            &embed_state.get(),
            Text::Title.get(embed_lang.get()),
        )
    });
    let preview_src =
        Memo::new(move |_| crate::state::embed::embed_url(&page_url(), &embed_state.get()));
    let copied_code = RwSignal::new(false);
    let world_svg = world.clone();
    let world_png = world.clone();
    let world_geojson = world.clone();
    let world_csv = world;

    let checkbox = move |id: &'static str, text: Text, sig: RwSignal<bool>| {
        view! {
            <label class="option" for=id>
                <input id=id type="checkbox" prop:checked=move || sig.get() on:change=move |ev| sig.set(event_target_checked(&ev)) />
                <span>{move || text.get(lang.get())}</span>
            </label>
        }
    };

    view! {
        <section class="panel-section share-panel" aria-labelledby="share-title">
            <h2 id="share-title" tabindex="-1">{tr(lang, Text::ShareAndEmbed)}</h2>

            <h3>{tr(lang, Text::ShareLink)}</h3>
            <div class="copy-row">
                <input id="share-link" class="copy-field" type="text" readonly prop:value=move || link.get()
                    aria-label=tr(lang, Text::ShareLink) />
                <button type="button" class="copy-link" on:click=move |_| copy(link.get_untracked(), move |ok| copied_link.set(ok))>
                    {move || if copied_link.get() { Text::Copied.get(lang.get()) } else { Text::CopyLink.get(lang.get()) }}
                </button>
            </div>
            <p class="visually-hidden" role="status">{move || copied_link.get().then(|| Text::Copied.get(lang.get()))}</p>

            <h3>{tr(lang, Text::EmbedTitle)}</h3>
            <p class="panel-intro">{tr(lang, Text::EmbedIntro)}</p>
            <div class="embed-options">
                {checkbox("embed-keep-view", Text::EmbedKeepView, keep_view)}
                {checkbox("embed-static", Text::EmbedStatic, is_static)}
                {checkbox("embed-plain", Text::EmbedPlain, plain)}
                <label for="embed-lang">{tr(lang, Text::EmbedLanguage)}</label>
                <select id="embed-lang" on:change=move |ev| {
                    embed_lang.set(Lang::parse(&event_target_value(&ev)).unwrap_or_default())
                }>
                    <option value="zh" selected=move || embed_lang.get() == Lang::Zh>"中文"</option>
                    <option value="en" selected=move || embed_lang.get() == Lang::En>"English"</option>
                </select>
                <label for="embed-theme">{tr(lang, Text::EmbedTheme)}</label>
                <select id="embed-theme" on:change=move |ev| {
                    embed_theme.set(match event_target_value(&ev).as_str() {
                        "light" => ThemeChoice::Fixed(Theme::Light),
                        "dark" => ThemeChoice::Fixed(Theme::Dark),
                        _ => ThemeChoice::Auto,
                    })
                }>
                    <option value="auto">{tr(lang, Text::ThemeAuto)}</option>
                    <option value="light">{tr(lang, Text::LightTheme)}</option>
                    <option value="dark">{tr(lang, Text::DarkTheme)}</option>
                </select>
            </div>
            <textarea id="embed-code" class="embed-code" readonly rows="5" prop:value=move || code.get()
                aria-label=tr(lang, Text::EmbedTitle)></textarea>
            <button type="button" class="copy-code" on:click=move |_| copy(code.get_untracked(), move |ok| copied_code.set(ok))>
                {move || if copied_code.get() { Text::Copied.get(lang.get()) } else { Text::CopyCode.get(lang.get()) }}
            </button>
            <h4>{tr(lang, Text::Preview)}</h4>
            <iframe class="embed-preview" src=move || preview_src.get() title=tr(lang, Text::Preview)></iframe>

            <h3>{tr(lang, Text::Downloads)}</h3>
            <ul class="downloads">
                <li><button type="button" class="download-png" on:click=move |_| download_png(map_svg(&world_png, ui), "shizhong-map.png")>
                    {tr(lang, Text::DownloadPng)}
                </button></li>
                <li><button type="button" class="download-svg" on:click=move |_| download_text("shizhong-map.svg", "image/svg+xml", &map_svg(&world_svg, ui))>
                    {tr(lang, Text::DownloadSvg)}
                </button></li>
                <li><button type="button" class="download-geojson" on:click=move |_| {
                    let filter = Filter { layers: ui.map.layers.get_untracked(), zone: ui.map.zone_filter.get_untracked() };
                    download_text("shizhong-map.geojson", "application/geo+json", &geojson_of(&world_geojson, &filter))
                }>
                    {tr(lang, Text::DownloadGeoJson)}
                </button></li>
                <li><button type="button" class="download-csv" on:click=move |_| download_text("shizhong-projects.csv", "text/csv;charset=utf-8", &projects_csv(&world_csv))>
                    {tr(lang, Text::DownloadCsv)}
                </button></li>
            </ul>
        </section>
    }
}
