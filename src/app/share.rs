//! Share, embed and download: the link to this view, an iframe snippet built from chosen
//! options with a live preview, and downloads of the map (PNG, SVG) and data (GeoJSON, CSV).

use super::map_download::{download_map, download_text, MapFile};
use super::page::tr;
use super::ui::Ui;
use crate::downloads::{geojson_of, projects_csv};
use crate::i18n::{Lang, Text};
use crate::number::{fixed, padded};
use crate::scene::layers::Filter;
use crate::scene::style::Theme;
use crate::scene::world::WorldPlan;
use crate::state::embed::{full_map_url, snippet, snippet_height, story_snippet, PreviewWidth};
use crate::state::{AppState, EmbedOptions, ThemeChoice};
use crate::story::Story;
use leptos::prelude::*;
use std::sync::Arc;

/// The page's address without query or fragment.
pub fn page_url() -> String {
    let l = window().location();
    format!(
        "{}{}",
        l.origin().unwrap_or_default(),
        l.pathname().unwrap_or_default()
    )
}

/// The width of the window, CSS pixels (a full-width embed's, previewed here).
fn screen_width() -> f64 {
    window()
        .inner_width()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(PreviewWidth::COLUMN_PX)
}

/// The state of what is on screen now.
pub fn current_state(ui: Ui, theme: ThemeChoice) -> AppState {
    // WGS84 whatever datum the map is drawn in.
    let v = ui.map.settled_wgs84();
    let (lon, lat) = v.center_lon_lat();
    AppState {
        view: Some(crate::state::UrlView {
            zoom: v.zoom,
            lat,
            lon,
        }),
        layers: ui.map.layers.get(),
        zone: ui.map.zone_filter.get(),
        selected: ui.map.selected.get(),
        lang: ui.map.lang.get(),
        theme,
        embed: EmbedOptions::default(),
        data: None,
        story: None,
        basemap: ui.map.basemap.with(|p| p.as_ref().map(|p| p.id.clone())),
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

#[component]
pub fn SharePanel(
    world: Arc<WorldPlan>,
    ui: Ui,
    theme_choice: RwSignal<ThemeChoice>,
    /// The guided tour, for the scroll-driven snippet (none: no such snippet).
    story: Option<Arc<Story>>,
) -> impl IntoView {
    let lang = ui.map.lang;
    let link =
        Memo::new(move |_| full_map_url(&page_url(), &current_state(ui, theme_choice.get())));
    let copied_link = RwSignal::new(false);
    // Embed options. By default the embed shows the whole district (its home view for the
    // embed's own size) with the layers and filters set now.
    let is_static = RwSignal::new(false);
    let plain = RwSignal::new(false);
    let keep_view = RwSignal::new(false);
    let embed_lang = RwSignal::new(lang.get_untracked());
    let embed_theme = RwSignal::new(ThemeChoice::Auto);
    // No basemap unless the newsroom picks one: tiles make every reader's browser ask a third
    // party for them.
    let embed_basemap: RwSignal<Option<String>> = RwSignal::new(None);
    let embed_providers = ui.map.basemaps.get_untracked().providers;
    let preview_width = RwSignal::new(PreviewWidth::default());
    let embed_state = Memo::new(move |_| {
        let now = current_state(ui, ThemeChoice::Auto);
        let keep = keep_view.get();
        AppState {
            view: now.view.filter(|_| keep),
            selected: now.selected.filter(|_| keep),
            lang: embed_lang.get(),
            theme: embed_theme.get(),
            embed: EmbedOptions {
                embed: true,
                static_map: is_static.get(),
                plain: plain.get(),
            },
            basemap: embed_basemap.get(),
            ..now
        }
    });
    // The preview is laid out at the embed's real size, and scaled down to fit the panel.
    let screen = RwSignal::new(screen_width());
    let preview_px = Memo::new(move |_| preview_width.get().px(screen.get()));
    let preview_h = Memo::new(move |_| snippet_height(embed_state.get().embed, preview_px.get()));
    let room = RwSignal::new(0.0_f64);
    let scale = Memo::new(move |_| {
        let (w, room) = (preview_px.get(), room.get());
        if room >= 1.0 {
            (room / w).min(1.0)
        } else {
            1.0
        }
    });
    let code = Memo::new(move |_| {
        snippet(
            &page_url(),
            &embed_state.get(),
            Text::Title.get(embed_lang.get()),
            preview_h.get(),
        )
    });
    let preview_src =
        Memo::new(move |_| crate::state::embed::embed_url(&page_url(), &embed_state.get()));
    // A new address replaces the preview's page instead of adding a history entry: the
    // browser's Back button must step through the map's states, not the preview's. A new
    // width reloads it, so it opens on the home view for that width as a reader's would.
    let preview_frame: NodeRef<leptos::html::Iframe> = NodeRef::new();
    Effect::new(move |shown: Option<(String, f64)>| {
        let now = (preview_src.get(), preview_px.get());
        let frame = preview_frame
            .get_untracked()
            .and_then(|f| f.content_window());
        match (shown, frame) {
            (Some((url, _)), Some(w)) if url != now.0 => {
                w.location().replace(&now.0).ok();
            }
            (Some((_, px)), Some(w)) if px != now.1 => {
                w.location().reload().ok();
            }
            _ => {}
        }
        now
    });
    let preview_box: NodeRef<leptos::html::Div> = NodeRef::new();
    let measure = move || {
        if let Some(el) = preview_box.get_untracked() {
            room.set(el.client_width() as f64);
        }
    };
    preview_box.on_load(move |_| measure());
    let on_resize = window_event_listener(leptos::ev::resize, move |_| {
        screen.set(screen_width());
        measure();
    });
    on_cleanup(move || on_resize.remove());
    let copied_code = RwSignal::new(false);
    // The scroll-driven tour: the map pinned over the article's paragraphs, one per step.
    let story_code = story.map(|story| {
        Memo::new(move |_| {
            let l = embed_lang.get();
            let titles: Vec<String> = story
                .steps
                .iter()
                .map(|s| s.title.get(l).to_string())
                .collect();
            let options = EmbedOptions {
                embed: true,
                static_map: false,
                plain: false,
            };
            story_snippet(
                &page_url(),
                &embed_state.get(),
                Text::Title.get(l),
                snippet_height(options, 680.0),
                &titles,
            )
        })
    });
    let copied_story = RwSignal::new(false);
    let world_svg = world.clone();
    let world_png = world.clone();
    let map_status: RwSignal<Option<Text>> = RwSignal::new(None);
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
                {(!embed_providers.is_empty()).then(|| view! {
                    <label for="embed-basemap">{tr(lang, Text::Basemap)}</label>
                    <select id="embed-basemap" aria-describedby="embed-basemap-note" on:change=move |ev| {
                        let id = event_target_value(&ev);
                        embed_basemap.set((id != "none").then_some(id));
                    }>
                        <option value="none">{tr(lang, Text::BasemapNone)}</option>
                        {embed_providers.into_iter().map(|p| {
                            let names = p.names.clone();
                            view! {
                                <option value=p.id.clone() disabled=!p.available()>
                                    {move || names.get(lang.get()).to_string()}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                    <p class="embed-basemap-note" id="embed-basemap-note">{tr(lang, Text::EmbedBasemapNote)}</p>
                })}
            </div>
            <textarea id="embed-code" class="embed-code" readonly rows="5" prop:value=move || code.get()
                aria-label=tr(lang, Text::EmbedTitle)></textarea>
            <button type="button" class="copy-code" on:click=move |_| copy(code.get_untracked(), move |ok| copied_code.set(ok))>
                {move || if copied_code.get() { Text::Copied.get(lang.get()) } else { Text::CopyCode.get(lang.get()) }}
            </button>
            {story_code.map(|story_code| view! {
                <h4>{tr(lang, Text::StoryEmbedTitle)}</h4>
                <p class="panel-intro">{tr(lang, Text::StoryEmbedIntro)}</p>
                <textarea id="story-embed-code" class="embed-code" readonly rows="6" prop:value=move || story_code.get()
                    aria-label=tr(lang, Text::StoryEmbedTitle)></textarea>
                <button type="button" class="copy-story-code" on:click=move |_| copy(story_code.get_untracked(), move |ok| copied_story.set(ok))>
                    {move || if copied_story.get() { Text::Copied.get(lang.get()) } else { Text::CopyCode.get(lang.get()) }}
                </button>
            })}
            <h4 id="preview-title">{tr(lang, Text::Preview)}</h4>
            <div class="preview-widths" role="radiogroup" aria-labelledby="preview-title">
                {PreviewWidth::ALL
                    .into_iter()
                    .map(|w| {
                        let text = match w {
                            PreviewWidth::Phone => Text::PreviewPhone,
                            PreviewWidth::Column => Text::PreviewColumn,
                            PreviewWidth::Full => Text::PreviewFull,
                        };
                        let id = format!("preview-{}", w.code());
                        let for_id = id.clone();
                        view! {
                            <label class="preview-width" for=for_id>
                                <input type="radio" name="preview-width" id=id value=w.code()
                                    prop:checked=move || preview_width.get() == w
                                    on:change=move |_| preview_width.set(w) />
                                <span>{tr(lang, text)}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="preview-size">
                {move || {
                    let l = lang.get();
                    let pct = (scale.get() * 100.0).round();
                    let size = format!("{} × {} {}", fixed(preview_px.get(), 0), preview_h.get(), Text::PreviewSize.get(l));
                    if pct < 100.0 { format!("{size} · {} {}%", Text::PreviewShownAt.get(l), padded(pct, 0)) } else { size }
                }}
            </p>
            <div class="embed-preview-box" node_ref=preview_box
                style:height=move || format!("{}px", padded((preview_h.get() as f64 * scale.get()).ceil(), 0))>
                <iframe class="embed-preview" src=preview_src.get_untracked() node_ref=preview_frame title=tr(lang, Text::Preview)
                    width=move || fixed(preview_px.get(), 0) height=move || preview_h.get().to_string()
                    style:transform=move || format!("scale({})", fixed(scale.get(), 6))></iframe>
            </div>

            <h3>{tr(lang, Text::Downloads)}</h3>
            <p class="download-note" hidden=move || !ui.map.tiles_on()>
                {tr(lang, Text::DownloadsBasemap)}
            </p>
            <ul class="downloads">
                <li><button type="button" class="download-png" on:click=move |_| download_map(MapFile::Png, world_png.clone(), ui, map_status)>
                    {tr(lang, Text::DownloadPng)}
                </button></li>
                <li><button type="button" class="download-svg" on:click=move |_| download_map(MapFile::Svg, world_svg.clone(), ui, map_status)>
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
            <p class="download-status" aria-live="polite">
                {move || map_status.get().map(|t| tr(lang, t))}
            </p>
        </section>
    }
}
