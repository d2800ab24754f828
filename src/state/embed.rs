//! Embedding in other pages: the iframe snippet, and the one message the embedded map sends
//! to its host — its wanted height.
//!
//! Message format (posted to `window.parent`, any origin; it carries no data but a size):
//! `{"type": "shizhong-map:height", "height": 520}` — `height` in CSS pixels, an integer.
//! `public/embed.js` on the host page listens for it from its own iframes only and sets
//! their height. The map never acts on messages it receives.

use super::{AppState, EmbedOptions};

pub const HEIGHT_MESSAGE_TYPE: &str = "shizhong-map:height";

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

/// The snippet a newsroom pastes into an article: the iframe and the resize script.
pub fn snippet(page: &str, state: &AppState, title: &str) -> String {
    let src = embed_url(page, state);
    let script = page
        .rsplit_once('/')
        .map_or("embed.js".to_string(), |(dir, _)| format!("{dir}/embed.js"));
    let height = wanted_height(640.0, if state.embed.plain { 0.0 } else { 56.0 });
    format!(
        "<iframe src=\"{}\" title=\"{}\" data-shizhong-map loading=\"lazy\" \
         style=\"width:100%;height:{height}px;border:0\" allow=\"clipboard-write\"></iframe>\n\
         <script src=\"{}\" async></script>",
        escape_attr(&src),
        escape_attr(title),
        escape_attr(&script)
    )
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
        let html = snippet("https://example.org/m/index.html", &s, "市中 \"map\" <x>");
        assert!(
            html.contains("src=\"https://example.org/m/index.html?embed=1\""),
            "{html}"
        );
        assert!(html.contains("title=\"市中 &quot;map&quot; &lt;x&gt;\""));
        assert!(html.contains("<script src=\"https://example.org/m/embed.js\" async></script>"));
        assert!(html.contains("data-shizhong-map"));
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
