//! The app's whole shareable state — view, layers, selection, language, theme, embed
//! options — and its round trip through the URL. Parsing is total: any string gives a valid
//! state, unknown or broken values falling back to defaults.
//!
//! The format follows OpenStreetMap's `#map=zoom/lat/lon`, with the rest as `&key=value`
//! pairs in the fragment (so changing them never reloads the page). Query parameters are read
//! too, for embed snippets (`?embed=1&lang=en`); the fragment wins.
//!
//! ```
//! use shizhong_map::state::AppState;
//! let s = AppState::from_url("?embed=1", "#map=14.50/36.66200/116.99700&feature=project.parcel-xinglong&lang=en");
//! assert_eq!(s.view.unwrap().zoom, 14.5);
//! assert!(s.embed.embed);
//! assert_eq!(s.selected.as_deref(), Some("project.parcel-xinglong"));
//! assert_eq!(AppState::from_url("", &s.to_fragment()), s);
//! ```

pub mod embed;

use crate::geometry::mercator::project;
use crate::geometry::viewport::Viewport;
use crate::i18n::Lang;
use crate::plan::load::valid_id;
use crate::scene::layers::LayerSet;
use crate::scene::style::Theme;

/// A view in URL terms.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UrlView {
    pub zoom: f64,
    pub lat: f64,
    pub lon: f64,
}

impl UrlView {
    /// This view on a screen of the given size.
    pub fn viewport(self, width: f64, height: f64) -> Viewport {
        Viewport::new(project(self.lon, self.lat), self.zoom, width, height)
    }
}

/// Light, dark, or whatever the system prefers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeChoice {
    #[default]
    Auto,
    Fixed(Theme),
}

impl ThemeChoice {
    /// The theme to draw, given whether the system prefers dark.
    pub fn resolve(self, system_dark: bool) -> Theme {
        match self {
            ThemeChoice::Fixed(t) => t,
            ThemeChoice::Auto if system_dark => Theme::Dark,
            ThemeChoice::Auto => Theme::Light,
        }
    }
}

/// How the map is embedded in another page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    /// Compact chrome, cooperative gestures, "open full map" link, height messages.
    pub embed: bool,
    /// No interaction at all.
    pub static_map: bool,
    /// The map only: no panels, no header.
    pub plain: bool,
}

/// Everything a link carries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppState {
    /// `None`: the home view for the screen.
    pub view: Option<UrlView>,
    pub layers: LayerSet,
    pub selected: Option<String>,
    pub lang: Lang,
    pub theme: ThemeChoice,
    pub embed: EmbedOptions,
    /// Another data folder (relative, e.g. `bench/data/10000/`), for benchmarks and previews.
    pub data: Option<String>,
}

/// Longest URL part we look at: a guard against pathological input.
const MAX_URL_CHARS: usize = 4096;

fn parse_view(v: &str) -> Option<UrlView> {
    let mut parts = v.split('/');
    let zoom: f64 = parts.next()?.trim().parse().ok()?;
    let lat: f64 = parts.next()?.trim().parse().ok()?;
    let lon: f64 = parts.next()?.trim().parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    let ok = zoom.is_finite() && lat.is_finite() && lon.is_finite();
    (ok && (-85.0..=85.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon)
        && (0.0..=24.0).contains(&zoom))
    .then_some(UrlView { zoom, lat, lon })
}

fn flag(v: &str) -> bool {
    matches!(v, "1" | "true" | "yes" | "")
}

/// A data folder must be a plain relative path inside the site.
pub fn safe_data_path(p: &str) -> Option<String> {
    let ok = !p.is_empty()
        && p.len() <= 200
        && p.ends_with('/')
        && !p.starts_with('/')
        && !p.split('/').any(|seg| seg == "..")
        && p.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'));
    ok.then(|| p.to_string())
}

/// Percent-decoding that never fails (bad escapes are kept as they are).
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl AppState {
    /// Parse a location's `search` (`?…`) and `hash` (`#…`).
    pub fn from_url(search: &str, hash: &str) -> AppState {
        let mut s = AppState::default();
        for part in [search, hash] {
            let part: String = part.chars().take(MAX_URL_CHARS).collect();
            let part = part.trim_start_matches(['?', '#']);
            for pair in part.split('&').filter(|p| !p.is_empty()) {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                s.apply(&decode(k), &decode(v));
            }
        }
        s
    }

    fn apply(&mut self, key: &str, value: &str) {
        match key {
            "map" => {
                if let Some(v) = parse_view(value) {
                    self.view = Some(v);
                }
            }
            "layers" => {
                if let Some(l) = LayerSet::parse(value) {
                    self.layers = l;
                }
            }
            "feature" => self.selected = valid_id(value).then(|| value.to_string()),
            "lang" => self.lang = Lang::parse(value).unwrap_or(self.lang),
            "theme" => {
                self.theme = match value {
                    "auto" => ThemeChoice::Auto,
                    other => Theme::parse(other).map_or(self.theme, ThemeChoice::Fixed),
                }
            }
            "embed" => self.embed.embed = flag(value),
            "static" => self.embed.static_map = flag(value),
            "plain" => self.embed.plain = flag(value),
            "data" => self.data = safe_data_path(value),
            _ => {}
        }
    }

    /// The fragment (`#…`) that restores this state. Defaults are left out.
    pub fn to_fragment(&self) -> String {
        let mut parts = vec![];
        if let Some(v) = self.view {
            parts.push(format!("map={:.2}/{:.5}/{:.5}", v.zoom, v.lat, v.lon));
        }
        if self.layers != LayerSet::ALL {
            parts.push(format!("layers={}", self.layers.code()));
        }
        if let Some(id) = &self.selected {
            parts.push(format!("feature={id}"));
        }
        if self.lang != Lang::default() {
            parts.push(format!("lang={}", self.lang.code()));
        }
        if let ThemeChoice::Fixed(t) = self.theme {
            parts.push(format!("theme={}", t.code()));
        }
        if self.embed.embed {
            parts.push("embed=1".into());
        }
        if self.embed.static_map {
            parts.push("static=1".into());
        }
        if self.embed.plain {
            parts.push("plain=1".into());
        }
        if let Some(d) = &self.data {
            parts.push(format!("data={d}"));
        }
        format!("#{}", parts.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Category;

    #[test]
    fn defaults_for_empty_and_garbage() {
        assert_eq!(AppState::from_url("", ""), AppState::default());
        for junk in [
            "#map=abc",
            "#map=1/2",
            "#map=NaN/1/1",
            "#map=12/95/10",
            "#map=99/36/117",
            "#feature=<script>",
            "#lang=klingon",
            "#theme=neon",
            "#data=../../etc/",
            "#data=https://evil.example/",
            "#layers=nothing-known",
            "#%zz=%%",
            "#&&&=&=",
        ] {
            let s = AppState::from_url("", junk);
            assert_eq!(s, AppState::default(), "{junk}");
        }
    }

    #[test]
    fn round_trips() {
        let s = AppState {
            view: Some(UrlView {
                zoom: 13.25,
                lat: 36.61234,
                lon: 116.98765,
            }),
            layers: LayerSet::ALL.with(Category::Road, false),
            selected: Some("zone.north".into()),
            lang: Lang::En,
            theme: ThemeChoice::Fixed(Theme::Dark),
            embed: EmbedOptions {
                embed: true,
                static_map: true,
                plain: false,
            },
            data: Some("bench/data/1000/".into()),
        };
        assert_eq!(AppState::from_url("", &s.to_fragment()), s);
        assert_eq!(AppState::default().to_fragment(), "#");
    }

    #[test]
    fn hash_wins_over_query_and_percent_decoding_works() {
        let s = AppState::from_url(
            "?lang=en&embed=1",
            "#lang=zh&feature=project%2Eparcel-xinglong",
        );
        assert_eq!(s.lang, Lang::Zh);
        assert!(s.embed.embed);
        assert_eq!(s.selected.as_deref(), Some("project.parcel-xinglong"));
    }

    #[test]
    fn decode_is_total() {
        assert_eq!(decode("a%20b+c"), "a b c");
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("%4"), "%4");
        assert_eq!(decode("%e4%b8%ad"), "中");
        assert_eq!(decode("%ff"), "\u{fffd}");
        assert_eq!(decode("%+2"), "% 2", "a sign is not a hex digit");
    }

    #[test]
    fn theme_choice() {
        assert_eq!(ThemeChoice::Auto.resolve(true), Theme::Dark);
        assert_eq!(ThemeChoice::Fixed(Theme::Light).resolve(true), Theme::Light);
    }
}
