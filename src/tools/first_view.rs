//! `shizhong first-view INDEX_HTML`: the pre-rendered first view. The release build draws the
//! home view with the static writer — the same scene and drawables the page draws — and puts
//! it into `index.html`, so a visitor sees the map before any WASM has arrived. When the app
//! starts it draws the same view underneath and removes the picture: same projection, same
//! fit (see `public/style.css`, `.first-view`), so nothing moves.
//!
//! The picture fits the district into the map's box exactly as the page's home view does: the
//! SVG's `viewBox` is the district's bounding box and CSS places the SVG `HOME_PADDING` pixels
//! inside the map (beside the open legend on wide screens), with `preserveAspectRatio` meet;
//! what lies around the district shows through `overflow: visible`. Two variants, drawn for a
//! typical landscape and portrait map, keep labels close to their final size. It shows only
//! for the plain home view (`public/boot.js` decides); any link to another view, feature,
//! language or theme gets the loading note instead of a wrong picture.

use crate::i18n::{Lang, Text};
use crate::plan::manifest::{Manifest, MANIFEST_FILE};
use crate::present::{self, fixed, El};
use crate::render::xml::{escape, write};
use crate::scene::canvas::Canvas;
use crate::scene::layers::Filter;
use crate::scene::style::Theme;
use crate::scene::world::WorldPlan;

/// Where `index.html` takes the shell: everything from the first marker to the second (a
/// loading note, for builds without the first view).
pub const BEGIN: &str = "<!-- first-view -->";
pub const END: &str = "<!-- /first-view -->";

/// A picture variant: CSS class suffix and the map size it is drawn for.
pub struct Variant {
    pub name: &'static str,
    pub width: f64,
    pub height: f64,
}

/// A 1280 × 800 desktop's map and a 390 × 844 phone's.
pub const VARIANTS: [Variant; 2] = [
    Variant {
        name: "landscape",
        width: 1280.0,
        height: 737.0,
    },
    Variant {
        name: "portrait",
        width: 390.0,
        height: 744.0,
    },
];

/// One variant as an inline SVG element.
pub fn picture(world: &WorldPlan, v: &Variant, lang: Lang) -> El {
    let canvas = Canvas::new(world.home_view(v.width, v.height));
    let scene =
        crate::scene::build_on(world, &canvas, &Filter::default(), lang, Theme::Light, None);
    let view = canvas.view();
    let (a, b) = (
        view.world_to_screen(world.home.min()),
        view.world_to_screen(world.home.max()),
    );
    let title_id = format!("first-view-title-{}", v.name);
    let options = present::Options {
        interactive: false,
        id_prefix: if v.name == "landscape" {
            "fvl-"
        } else {
            "fvp-"
        },
    };
    El::new("svg")
        .attr("xmlns", "http://www.w3.org/2000/svg")
        .class(format!("first-view first-view-{}", v.name))
        .attr(
            "viewBox",
            [a.x, a.y, b.x - a.x, b.y - a.y]
                .map(|x| fixed(x, 3))
                .join(" "),
        )
        .attr("preserveAspectRatio", "xMidYMid meet")
        .attr("role", "img")
        .attr("aria-labelledby", title_id.clone())
        .child(
            El::new("title")
                .attr("id", title_id)
                .text(Text::FirstViewAlt.get(lang)),
        )
        .children(present::map(&scene, options))
}

/// The page's header as it looks before the app has started: the same elements and classes
/// as the live header (`app::Header`), so it takes exactly the same room; its controls are
/// inert until the app replaces them.
fn header(lang: Lang) -> String {
    let t = |x: Text| escape(x.get(lang));
    let button = |class: &str, x: Text| {
        format!(
            r#"<button type="button" class="tool-button {class}" disabled="">{}</button>"#,
            t(x)
        )
    };
    format!(
        concat!(
            r#"<header class="app-header"><div class="brand"><h1>{title}</h1>"#,
            r#"<p class="subtitle">{subtitle}</p></div>"#,
            r#"<div class="search" role="search"><label class="visually-hidden" for="first-view-search">{label}</label>"#,
            r#"<input id="first-view-search" class="search-input" type="search" disabled="" placeholder="{placeholder}"/></div>"#,
            r#"<nav class="toolbar" aria-label="{title}">{layers}{list}{figures}{share}"#,
            r#"<button type="button" class="tool-button switch-lang" disabled=""><span lang="{other}">{switch}</span></button>"#,
            r#"{theme}</nav></header>"#
        ),
        title = t(Text::Title),
        subtitle = t(Text::Subtitle),
        label = t(Text::SearchLabel),
        placeholder = t(Text::SearchPlaceholder),
        layers = button("open-layers", Text::Layers),
        list = button("open-list", Text::List),
        figures = button("open-figures", Text::KeyFigures),
        share = button("open-share", Text::ShareAndEmbed),
        other = lang.other().tag(),
        switch = t(Text::SwitchLanguage),
        theme = button("switch-theme", Text::DarkTheme),
    )
}

/// The files the page fetches at start, as URLs under `base`: the manifest, every file it
/// lists, then its story and its basemap providers (none when there is no manifest to read).
///
/// ```
/// use shizhong_map::plan::manifest::Manifest;
/// use shizhong_map::tools::first_view::data_files;
/// let m = Manifest::parse(br#"{"files": ["zones.geojson"], "story": "story.json"}"#).unwrap();
/// assert_eq!(
///     data_files("geodata/", Some(&m)),
///     ["geodata/manifest.json", "geodata/zones.geojson", "geodata/story.json"]
/// );
/// assert!(data_files("geodata/", None).is_empty());
/// ```
pub fn data_files(base: &str, manifest: Option<&Manifest>) -> Vec<String> {
    let Some(m) = manifest else { return vec![] };
    std::iter::once(MANIFEST_FILE)
        .chain(m.files.iter().map(String::as_str))
        .chain(m.story.as_deref())
        .chain(m.basemaps.as_deref())
        .map(|name| format!("{base}{name}"))
        .collect()
}

/// The whole shell: the header, the map's box with both pictures, and the loading note that
/// shows instead when the picture does not fit the link. `data` are the files `public/boot.js`
/// starts downloading once the picture is up (`data-preload`; see [`data_files`]).
pub fn shell(world: &WorldPlan, lang: Lang, data: &[String]) -> String {
    let mut pictures = String::new();
    for v in &VARIANTS {
        write(&mut pictures, &picture(world, v, lang));
    }
    format!(
        concat!(
            r#"<div id="boot" class="boot-shell" data-preload="{preload}">{header}"#,
            r#"<main class="main"><div class="map-area"><div class="map first-view-map">{pictures}"#,
            r#"<p class="map-attribution">{attribution}</p></div></div></main>"#,
            r#"<p class="boot-loading" role="status">{loading} <span lang="en">{loading_en}</span></p></div>"#
        ),
        preload = escape(&data.join(" ")),
        header = header(lang),
        pictures = pictures,
        attribution = escape(Text::Attribution.get(lang)),
        loading = escape(Text::Loading.get(Lang::Zh)),
        loading_en = escape(Text::Loading.get(Lang::En)),
    )
}

/// `index_html` with the shell in place of the block between [`BEGIN`] and [`END`].
pub fn inject(index_html: &str, shell: &str) -> Result<String, String> {
    let once = |m: &str| index_html.matches(m).count() == 1;
    let (Some(a), Some(b)) = (index_html.find(BEGIN), index_html.find(END)) else {
        return Err(format!("index.html must hold the markers {BEGIN} … {END}"));
    };
    if !(once(BEGIN) && once(END) && a < b) {
        return Err(format!(
            "index.html must hold {BEGIN} … {END} once, in this order"
        ));
    }
    Ok(format!(
        "{}{shell}{}",
        &index_html[..a],
        &index_html[b + END.len()..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> WorldPlan {
        WorldPlan::new(crate::tools::check::committed_plan())
    }

    #[test]
    fn the_shell_holds_both_pictures_with_their_own_ids() {
        let w = world();
        let s = shell(&w, Lang::Zh, &["geodata/manifest.json".into()]);
        assert!(s.contains(r#"data-preload="geodata/manifest.json""#));
        let text = format!("<root>{s}</root>");
        let doc = roxmltree::Document::parse(&text).expect("well-formed");
        let svgs: Vec<_> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "svg")
            .collect();
        assert_eq!(svgs.len(), 2);
        // Pattern ids are unique across the pictures (and differ from the live map's).
        let ids: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("id"))
            .collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        assert!(ids.iter().any(|i| i.starts_with("fvl-hatch")));
        assert!(ids.iter().any(|i| i.starts_with("fvp-hatch")));
        // Every url(#…) reference points at an id of the same document.
        for n in doc.descendants() {
            if let Some(f) = n.attribute("fill").and_then(|f| f.strip_prefix("url(#")) {
                assert!(ids.contains(&f.trim_end_matches(')')), "{f}");
            }
        }
        // Each picture is an image with a title, and it is not interactive.
        for svg in &svgs {
            assert_eq!(svg.attribute("role"), Some("img"));
            assert!(svg.attribute("preserveAspectRatio") == Some("xMidYMid meet"));
        }
        assert!(!s.contains("tabindex"));
        assert!(s.contains(Text::FirstViewAlt.get(Lang::Zh)));
    }

    #[test]
    fn the_view_box_is_the_district() {
        let w = world();
        for v in &VARIANTS {
            let p = picture(&w, v, Lang::Zh);
            let vb: Vec<f64> = p
                .get("viewBox")
                .unwrap()
                .split(' ')
                .map(|x| x.parse().unwrap())
                .collect();
            let home = w.home_view(v.width, v.height);
            let canvas = Canvas::new(home);
            let (mx, my) = canvas.margin;
            // The district fills the screen minus the padding on its limiting side.
            let pad = crate::scene::canvas::HOME_PADDING;
            let fills_w = (vb[2] - (v.width - 2.0 * pad)).abs() < 0.01;
            let fills_h = (vb[3] - (v.height - 2.0 * pad)).abs() < 0.01;
            assert!(fills_w || fills_h, "{}: {vb:?}", v.name);
            assert!(
                vb[0] >= mx + pad - 0.01 && vb[1] >= my + pad - 0.01,
                "{vb:?}"
            );
        }
    }

    #[test]
    fn inject_replaces_the_marked_block_once() {
        let page = "a<!-- first-view --><p>loading</p><!-- /first-view -->b";
        assert_eq!(inject(page, "X").unwrap(), "aXb");
        assert!(inject("ab", "X").is_err());
        assert!(inject("<!-- /first-view -->x<!-- first-view -->", "X").is_err());
        assert!(inject(&format!("{page}{page}"), "X").is_err());
        // The repository's own page has the markers.
        let index = include_str!("../../index.html");
        assert!(inject(index, "X").unwrap().contains("<body>"));
    }
}
