//! Embedding in other pages: the iframe snippet, and the one message the embedded map sends
//! to its host — its wanted height.
//!
//! Message format (posted to `window.parent`, any origin; it carries no data but a size):
//! `{"type": "shizhong-map:height", "height": 520}` — `height` in CSS pixels, an integer.
//! `public/embed.js` on the host page listens for it from its own iframes only and sets
//! their height. The map never acts on messages it receives.

use super::{AppState, EmbedOptions};
use crate::scene::legend::{Entry, Swatch};

pub const HEIGHT_MESSAGE_TYPE: &str = "shizhong-map:height";

/// Height of an embed's header, CSS pixels: one row at every width, so a snippet can say how
/// tall the embed will be (`.app.embed .app-header` in `public/style.css` has this height).
pub const EMBED_HEADER_PX: f64 = 48.0;
/// What a plain embed (no header) allows for its compact key under the map, CSS pixels. The
/// key takes what it needs; the map gets the rest.
pub const PLAIN_KEY_PX: f64 = 40.0;

/// The height of an embed's chrome around the map, as [`wanted_height`] takes it: the header,
/// or a plain embed's key, plus `extra` (a data-problems banner, measured by the page).
pub fn chrome_height(options: EmbedOptions, extra: f64) -> f64 {
    let own = if options.plain {
        PLAIN_KEY_PX
    } else {
        EMBED_HEADER_PX
    };
    own + if extra.is_finite() {
        extra.max(0.0)
    } else {
        0.0
    }
}

/// The widths the embed builder previews a snippet at: a phone, an article column and the
/// whole width of the screen the builder is on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PreviewWidth {
    Phone,
    #[default]
    Column,
    Full,
}

impl PreviewWidth {
    pub const ALL: [PreviewWidth; 3] = [
        PreviewWidth::Phone,
        PreviewWidth::Column,
        PreviewWidth::Full,
    ];
    pub const PHONE_PX: f64 = 375.0;
    pub const COLUMN_PX: f64 = 680.0;

    /// The preview's width in CSS pixels; `Full` is `screen_px` wide (at least a phone's).
    pub fn px(self, screen_px: f64) -> f64 {
        match self {
            PreviewWidth::Phone => Self::PHONE_PX,
            PreviewWidth::Column => Self::COLUMN_PX,
            PreviewWidth::Full if screen_px.is_finite() => screen_px.round().max(Self::PHONE_PX),
            PreviewWidth::Full => Self::COLUMN_PX,
        }
    }

    /// A stable name, for the page's controls and tests.
    pub fn code(self) -> &'static str {
        match self {
            PreviewWidth::Phone => "phone",
            PreviewWidth::Column => "column",
            PreviewWidth::Full => "full",
        }
    }
}

/// How tall an embed `width` pixels wide starts: what its snippet says, what the builder's
/// preview shows, and what the embedded map then asks for (without a banner).
pub fn snippet_height(options: EmbedOptions, width: f64) -> u32 {
    wanted_height(width, chrome_height(options, 0.0))
}

/// The map's wanted height in an iframe `width` pixels wide, given the height of its chrome:
/// a landscape map on wide screens, taller on phones, within sane bounds.
pub fn wanted_height(width: f64, chrome: f64) -> u32 {
    let width = if width.is_finite() {
        width.max(0.0)
    } else {
        600.0
    };
    let map = (width * 0.7).clamp(320.0, 760.0);
    let chrome = if chrome.is_finite() {
        chrome.clamp(0.0, 400.0)
    } else {
        0.0
    };
    (map + chrome).round() as u32
}

/// The rows of the legend a plain embed keeps under its map, so hatched zones stay
/// explained: each zone. (That zone borders are schematic, the legend's note, is said by the
/// attribution line just above.)
pub fn compact_key(legend: &[Entry]) -> Vec<&Entry> {
    legend
        .iter()
        .filter(|e| matches!(e.swatch, Swatch::Zone(_)))
        .collect()
}

/// The JSON text of the height message.
pub fn height_message(height: u32) -> String {
    format!(r#"{{"type":"{HEIGHT_MESSAGE_TYPE}","height":{height}}}"#)
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The address of the embedded map: `page` (the app's URL without query or fragment), with
/// the embed options in the query and the rest of the state in the fragment.
pub fn embed_url(page: &str, state: &AppState) -> String {
    let EmbedOptions {
        static_map, plain, ..
    } = state.embed;
    let mut query = vec!["embed=1"];
    if static_map {
        query.push("static=1");
    }
    if plain {
        query.push("plain=1");
    }
    let rest = AppState {
        embed: EmbedOptions::default(),
        ..state.clone()
    };
    let fragment = rest.to_fragment();
    format!(
        "{page}?{}{}",
        query.join("&"),
        if fragment == "#" { "" } else { &fragment }
    )
}

/// The full map's address for the same state (the embed's "open full map" link).
pub fn full_map_url(page: &str, state: &AppState) -> String {
    let rest = AppState {
        embed: EmbedOptions::default(),
        ..state.clone()
    };
    let fragment = rest.to_fragment();
    format!("{page}{}", if fragment == "#" { "" } else { &fragment })
}

/// The snippet a newsroom pastes into an article: the iframe, starting `height` pixels tall
/// (see [`snippet_height`]), and the resize script.
pub fn snippet(page: &str, state: &AppState, title: &str, height: u32) -> String {
    let src = embed_url(page, state);
    let script = script_url(page);
    format!(
        "<iframe src=\"{}\" title=\"{}\" data-shizhong-map loading=\"lazy\" \
         style=\"width:100%;height:{height}px;border:0\" allow=\"clipboard-write\"></iframe>\n\
         <script src=\"{}\" async></script>",
        escape_attr(&src),
        escape_attr(title),
        escape_attr(&script)
    )
}

/// The id the story snippet gives its map (its paragraphs name it in `data-shizhong-for`).
pub const STORY_FRAME_ID: &str = "shizhong-story";

/// The snippet for an article the map follows as it scrolls: the map (at the tour's first
/// step) pinned at the top of its section, and one paragraph per step — `step_titles`, to be
/// replaced by the article's own text — each marked `data-shizhong-step="N"` for `embed.js`.
///
/// ```
/// use shizhong_map::state::{embed::story_snippet, AppState};
/// let code = story_snippet("https://example.org/map/index.html", &AppState::default(), "Map", 500,
///                          &["The belt".into(), "<The axis>".into()]);
/// assert!(code.contains(r#"src="https://example.org/map/index.html?embed=1#story=1&amp;step=1""#));
/// assert!(code.contains(r#"<p data-shizhong-step="2" data-shizhong-for="shizhong-story""#));
/// assert!(code.contains("2. &lt;The axis&gt;</p>"));
/// assert!(code.ends_with(r#"<script src="https://example.org/map/embed.js" async></script>"#));
/// ```
pub fn story_snippet(
    page: &str,
    state: &AppState,
    title: &str,
    height: u32,
    step_titles: &[String],
) -> String {
    let state = AppState {
        story: Some(1),
        embed: EmbedOptions {
            embed: true,
            static_map: false,
            plain: false,
        },
        ..state.clone()
    };
    let src = embed_url(page, &state);
    let paragraphs: Vec<String> = step_titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "  <p data-shizhong-step=\"{n}\" data-shizhong-for=\"{STORY_FRAME_ID}\" \
                 style=\"position:relative;max-width:36rem;margin:0 auto 70vh;padding:1rem;\
                 background:#fff\">{n}. {}</p>",
                escape_attr(t),
                n = i + 1
            )
        })
        .collect();
    format!(
        "<section style=\"position:relative\">\n  <iframe id=\"{STORY_FRAME_ID}\" src=\"{}\" \
         title=\"{}\" data-shizhong-map style=\"position:sticky;top:0;width:100%;\
         height:{height}px;border:0\"></iframe>\n{}\n</section>\n\
         <script src=\"{}\" async></script>",
        escape_attr(&src),
        escape_attr(title),
        paragraphs.join("\n"),
        escape_attr(&script_url(page))
    )
}

/// `embed.js` beside the page.
fn script_url(page: &str) -> String {
    page.rsplit_once('/')
        .map_or("embed.js".to_string(), |(dir, _)| format!("{dir}/embed.js"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn embed_url_round_trips_the_state() {
        let s = AppState {
            selected: Some("zone.north".into()),
            lang: Lang::En,
            embed: EmbedOptions {
                embed: true,
                static_map: true,
                plain: false,
            },
            ..AppState::default()
        };
        let url = embed_url("https://example.org/map/index.html", &s);
        assert_eq!(
            url,
            "https://example.org/map/index.html?embed=1&static=1#feature=zone.north&lang=en"
        );
        let (query, hash) = url
            .split_once('#')
            .map(|(a, b)| (a.split_once('?').unwrap().1, b))
            .unwrap();
        let back = AppState::from_url(&format!("?{query}"), &format!("#{hash}"));
        assert_eq!(back.selected, s.selected);
        assert!(back.embed.embed && back.embed.static_map && !back.embed.plain);
    }

    #[test]
    fn snippet_escapes_and_points_at_the_script() {
        let s = AppState::default();
        let html = snippet(
            "https://example.org/m/index.html",
            &s,
            "市中 \"map\" <x>",
            524,
        );
        assert!(
            html.contains("src=\"https://example.org/m/index.html?embed=1\""),
            "{html}"
        );
        assert!(html.contains("title=\"市中 &quot;map&quot; &lt;x&gt;\""));
        assert!(html.contains("<script src=\"https://example.org/m/embed.js\" async></script>"));
        assert!(html.contains("data-shizhong-map"));
        assert!(
            html.contains("style=\"width:100%;height:524px;border:0\""),
            "{html}"
        );
    }

    #[test]
    fn a_snippet_starts_as_tall_as_the_embed_will_be() {
        let embed = EmbedOptions {
            embed: true,
            ..EmbedOptions::default()
        };
        let plain = EmbedOptions {
            plain: true,
            ..embed
        };
        // An article column: a 0.7 landscape map under the one-row header.
        assert_eq!(snippet_height(embed, 680.0), 476 + 48);
        // A phone: the map's least height; a plain embed allows for its key instead.
        assert_eq!(snippet_height(embed, 375.0), 320 + 48);
        assert_eq!(snippet_height(plain, 375.0), 320 + 40);
        // The page asks for the same height, plus a banner if one shows.
        assert_eq!(wanted_height(680.0, chrome_height(embed, 0.0)), 524);
        assert_eq!(wanted_height(680.0, chrome_height(embed, 30.0)), 554);
        assert_eq!(chrome_height(plain, f64::NAN), 40.0);
    }

    #[test]
    fn the_compact_key_names_the_zones() {
        let world = crate::scene::world::WorldPlan::new(crate::tools::check::committed_plan());
        let all = crate::scene::layers::Filter::default();
        let key = |filter, lang, dark| -> Vec<String> {
            let legend = crate::scene::legend::entries(&world, filter, lang, dark);
            compact_key(&legend)
                .iter()
                .map(|e| e.text.clone())
                .collect()
        };
        assert_eq!(
            key(&all, Lang::Zh, true),
            [
                "北部现代服务核心区（北服务）",
                "中部科技创新引领区（中科创）",
                "南部山水泉源生态区（南生态）",
                "西部都市工业活力区（西智造）",
            ]
        );
        // Filtered to one zone, the key names that zone only (as the legend does).
        let west = crate::scene::layers::Filter {
            zone: Some("zone.west".into()),
            ..Default::default()
        };
        assert_eq!(
            key(&west, Lang::En, false),
            ["Western Urban Industry Zone (West · smart industry)"]
        );
    }

    #[test]
    fn preview_widths() {
        let px: Vec<f64> = PreviewWidth::ALL.iter().map(|w| w.px(1440.0)).collect();
        assert_eq!(px, [375.0, 680.0, 1440.0]);
        assert_eq!(PreviewWidth::Full.px(320.0), 375.0);
        assert_eq!(PreviewWidth::Full.px(f64::NAN), 680.0);
        assert_eq!(PreviewWidth::default(), PreviewWidth::Column);
        let codes: Vec<&str> = PreviewWidth::ALL.iter().map(|w| w.code()).collect();
        assert_eq!(codes, ["phone", "column", "full"]);
    }

    #[test]
    fn heights_are_sane() {
        assert_eq!(wanted_height(1000.0, 56.0), 756);
        assert_eq!(wanted_height(300.0, 0.0), 320);
        assert_eq!(wanted_height(f64::NAN, f64::INFINITY), 420);
        assert_eq!(
            height_message(500),
            r#"{"type":"shizhong-map:height","height":500}"#
        );
    }

    #[test]
    fn full_map_url_drops_embed_options() {
        let s = AppState {
            embed: EmbedOptions {
                embed: true,
                static_map: false,
                plain: true,
            },
            ..AppState::default()
        };
        assert_eq!(
            full_map_url("https://e.org/index.html", &s),
            "https://e.org/index.html"
        );
    }
}
