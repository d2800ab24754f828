//! The app's whole shareable state — view, layers and zone filter, selection, language,
//! theme, embed options — and its round trip through the URL. Parsing is total: any string gives a valid
//! state, unknown or broken values falling back to defaults.
//!
//! The format follows OpenStreetMap's `#map=zoom/lat/lon`, with the rest as `&key=value`
//! pairs in the fragment (so changing them never reloads the page). Query parameters are read
//! too, for embed snippets (`?embed=1&lang=en`); the fragment wins.
//!
//! ```
//! use shizhong_map::state::AppState;
//! let s = AppState::from_url("?embed=1", "#map=14.50/36.66200/116.99700&zone=zone.west&feature=project.parcel-xinglong&lang=en");
//! assert_eq!(s.view.unwrap().zoom, 14.5);
//! assert!(s.embed.embed);
//! assert_eq!(s.zone.as_deref(), Some("zone.west"));
//! assert_eq!(s.selected.as_deref(), Some("project.parcel-xinglong"));
//! assert_eq!(AppState::from_url("", &s.to_fragment()), s);
//! ```

pub mod embed;

use crate::geometry::mercator::project;
use crate::geometry::viewport::Viewport;
use crate::i18n::Lang;
use crate::number::{parse_decimal, shortest};
use crate::plan::load::valid_id;
use crate::plan::Category;
use crate::scene::layers::{Filter, LayerSet};
use crate::scene::style::Theme;
use crate::scene::world::WorldPlan;
use std::fmt;
use std::ops::RangeInclusive;

/// Zoom levels a view may name: the slippy-map levels links carry (OpenStreetMap's
/// `#map=` among them). The map itself shows
/// [`MIN_ZOOM`](crate::geometry::viewport::MIN_ZOOM)–[`MAX_ZOOM`](crate::geometry::viewport::MAX_ZOOM); a view beyond what
/// it shows is limited, not refused (see [`UrlView`]).
pub const VIEW_ZOOM: RangeInclusive<f64> = 0.0..=24.0;
/// Latitudes a view may name, degrees either side of the equator (Web Mercator's reach).
pub const VIEW_MAX_LAT: f64 = 85.0;
/// Longitudes a view may name, degrees either side of Greenwich.
pub const VIEW_MAX_LON: f64 = 180.0;

/// A view in URL terms: `ZOOM/LAT/LON`, as in `#map=13.50/36.62000/116.99000`, the page's
/// links and `shizhong export --view`. One parser, [`UrlView::parse`], for both: zoom in
/// [`VIEW_ZOOM`], latitude within ±[`VIEW_MAX_LAT`], longitude within ±[`VIEW_MAX_LON`].
///
/// A view that parses may still lie beyond what the map shows (zoomed out past the district,
/// or centred far from it). The page and the export treat it alike: it is drawn as
/// [`WorldPlan::limit`] keeps it ([`UrlView::limited`]).
///
/// ```
/// use shizhong_map::state::UrlView;
/// let v = UrlView::parse("13.5/36.62/116.99").unwrap();
/// assert_eq!((v.zoom, v.lat, v.lon), (13.5, 36.62, 116.99));
/// assert_eq!(v.to_string(), "13.50/36.62000/116.99000");
/// assert!(UrlView::parse("30/36.6/117").unwrap_err().contains("zoom 30"));
/// assert!(UrlView::parse("13/36.6").is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UrlView {
    pub zoom: f64,
    pub lat: f64,
    pub lon: f64,
}

impl UrlView {
    /// Parse `ZOOM/LAT/LON`; the error says what is wrong (without naming where the text came
    /// from: the caller adds that).
    pub fn parse(v: &str) -> Result<UrlView, String> {
        let form = || "expected ZOOM/LAT/LON, e.g. 13/36.60/117.00".to_string();
        let parts: Vec<&str> = v.split('/').collect();
        let [zoom, lat, lon] = parts[..] else {
            return Err(form());
        };
        let num = |s: &str| parse_decimal(s.trim());
        let (Some(zoom), Some(lat), Some(lon)) = (num(zoom), num(lat), num(lon)) else {
            return Err(form());
        };
        if !VIEW_ZOOM.contains(&zoom) {
            return Err(format!(
                "zoom {} is outside {}–{}",
                shortest(zoom),
                shortest(*VIEW_ZOOM.start()),
                shortest(*VIEW_ZOOM.end())
            ));
        }
        if lat.abs() > VIEW_MAX_LAT || lon.abs() > VIEW_MAX_LON {
            return Err(format!(
                "latitude must be within ±{} and longitude within ±{}",
                shortest(VIEW_MAX_LAT),
                shortest(VIEW_MAX_LON)
            ));
        }
        Ok(UrlView { zoom, lat, lon })
    }

    /// What `viewport` shows, in URL terms.
    pub fn of(viewport: &Viewport) -> UrlView {
        let (lon, lat) = viewport.center_lon_lat();
        UrlView {
            zoom: viewport.zoom,
            lat,
            lon,
        }
    }

    /// This view on a screen of the given size, as asked (only [`Viewport::new`]'s clamping).
    pub fn viewport(self, width: f64, height: f64) -> Viewport {
        Viewport::new(project(self.lon, self.lat), self.zoom, width, height)
    }

    /// What `viewport` of `world` shows, in URL terms: WGS84 whatever datum the world is
    /// drawn in (see [`WorldPlan::in_datum`]).
    pub fn of_world(world: &WorldPlan, viewport: &Viewport) -> UrlView {
        let (lon, lat) = world.lon_lat(viewport.center);
        UrlView {
            zoom: viewport.zoom,
            lat,
            lon,
        }
    }

    /// This view on a screen of the given size, in `world`'s datum (only
    /// [`Viewport::new`]'s clamping).
    pub fn viewport_in(self, world: &WorldPlan, width: f64, height: f64) -> Viewport {
        Viewport::new(world.project(self.lon, self.lat), self.zoom, width, height)
    }

    /// This view on a screen of the given size, kept within reach of the data by
    /// [`WorldPlan::limit`]: what the page shows for a link, and what the export draws.
    pub fn limited(self, world: &WorldPlan, width: f64, height: f64) -> Viewport {
        world.limit(self.viewport_in(world, width, height))
    }
}

/// `ZOOM/LAT/LON` at the precision links carry (a hundredth of a zoom level, about a metre).
impl fmt::Display for UrlView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::number::padded;
        let (z, lat, lon) = (
            padded(self.zoom, 2),
            padded(self.lat, 5),
            padded(self.lon, 5),
        );
        write!(f, "{z}/{lat}/{lon}")
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
    /// Show only what lies in this zone (`zone=zone.west`): any valid id here; one the data
    /// does not name as a zone is dropped by [`AppState::filter_in`].
    pub zone: Option<String>,
    pub selected: Option<String>,
    pub lang: Lang,
    pub theme: ThemeChoice,
    pub embed: EmbedOptions,
    /// Another data folder (relative, e.g. `bench/data/10000/`), for benchmarks and previews.
    pub data: Option<String>,
    /// The tile basemap under our layers (`basemap=osm`): a provider id, which the page
    /// looks up among the configured providers ([`crate::basemap::Basemaps::usable`]); one
    /// it does not offer shows no tiles. `None` (`basemap=none`, the default): the offline map.
    /// Only an id is read, never a URL.
    pub basemap: Option<String>,
    /// The guided tour is open at this step (1-based, as `#story=1&step=N` counts; the page
    /// keeps it within the story it has). `None`: no tour.
    pub story: Option<usize>,
}

/// The most steps a link may name (more than any story has: the page keeps the step within
/// its story).
pub const MAX_STORY_STEP: usize = 999;

/// `step=N`: a whole number from 1 to [`MAX_STORY_STEP`], or nothing usable.
fn story_step(v: &str) -> Option<usize> {
    let v = v.trim();
    (!v.is_empty() && v.len() <= 3 && v.bytes().all(|b| b.is_ascii_digit()))
        .then(|| v.parse::<usize>().ok())
        .flatten()
        .filter(|n| (1..=MAX_STORY_STEP).contains(n))
}

/// Longest URL part we look at: a guard against pathological input.
const MAX_URL_CHARS: usize = 4096;

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
        // `story=` opens the tour, `step=` says where: read both before combining them.
        let (mut story, mut step) = (false, None);
        for part in [search, hash] {
            let part: String = part.chars().take(MAX_URL_CHARS).collect();
            let part = part.trim_start_matches(['?', '#']);
            for pair in part.split('&').filter(|p| !p.is_empty()) {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                match decode(k).as_str() {
                    "story" => story = flag(&decode(v)),
                    "step" => step = story_step(&decode(v)),
                    key => s.apply(key, &decode(v)),
                }
            }
        }
        s.story = story.then(|| step.unwrap_or(1));
        s
    }

    fn apply(&mut self, key: &str, value: &str) {
        match key {
            "map" => {
                if let Ok(v) = UrlView::parse(value) {
                    self.view = Some(v);
                }
            }
            "layers" => {
                if let Some(l) = LayerSet::parse(value) {
                    self.layers = l;
                }
            }
            "zone" => self.zone = valid_id(value).then(|| value.to_string()),
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
            "basemap" => {
                self.basemap = crate::basemap::valid_provider_id(value).then(|| value.to_string())
            }
            _ => {}
        }
    }

    /// The fragment (`#…`) that restores this state. Defaults are left out.
    pub fn to_fragment(&self) -> String {
        let mut parts = vec![];
        if let Some(v) = self.view {
            parts.push(format!("map={v}"));
        }
        if self.layers != LayerSet::ALL {
            parts.push(format!("layers={}", self.layers.code()));
        }
        if let Some(id) = &self.zone {
            parts.push(format!("zone={id}"));
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
        if let Some(step) = self.story {
            parts.push(format!("story=1&step={step}"));
        }
        if let Some(b) = &self.basemap {
            parts.push(format!("basemap={b}"));
        }
        format!("#{}", parts.join("&"))
    }

    /// What the map shows for this link in `world`: its layers, and its zone if `world` has a
    /// zone of that id (a link to a zone the data lacks shows every zone).
    pub fn filter_in(&self, world: &WorldPlan) -> Filter {
        let zone = self.zone.as_deref().filter(|id| {
            world
                .plan
                .get(id)
                .is_some_and(|f| f.category == Category::Zone)
        });
        Filter {
            layers: self.layers,
            zone: zone.map(str::to_string),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load::load_file;
    use crate::plan::Plan;

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
            "#zone=<b>",
            "#zone=",
            "#zone=zone%20west",
            "#lang=klingon",
            "#theme=neon",
            "#data=../../etc/",
            "#data=https://evil.example/",
            "#layers=nothing-known",
            "#basemap=none",
            "#basemap=",
            "#basemap=OSM",
            "#basemap=https://tiles.example/{z}/{x}/{y}.png",
            "#basemap=http%3A%2F%2Fevil%2F%7Bz%7D",
            "#%zz=%%",
            "#&&&=&=",
        ] {
            let s = AppState::from_url("", junk);
            assert_eq!(s, AppState::default(), "{junk}");
        }
    }

    #[test]
    fn one_view_parser_with_one_range() {
        let v = |s: &str| UrlView::parse(s);
        assert_eq!(
            v(" 13 / 36.6 / 117 "),
            Ok(UrlView {
                zoom: 13.0,
                lat: 36.6,
                lon: 117.0
            })
        );
        // The ends of the documented range are in it.
        assert!(v("0/-85/-180").is_ok() && v("24/85/180").is_ok());
        for (bad, says) in [
            ("", "ZOOM/LAT/LON"),
            ("13/36.6", "ZOOM/LAT/LON"),
            ("13/36.6/117/1", "ZOOM/LAT/LON"),
            ("13/abc/117", "ZOOM/LAT/LON"),
            ("13/NaN/117", "ZOOM/LAT/LON"),
            ("inf/36.6/117", "ZOOM/LAT/LON"),
            ("-0.5/36.6/117", "zoom -0.5 is outside 0–24"),
            ("24.01/36.6/117", "zoom 24.01 is outside 0–24"),
            ("13/85.1/117", "latitude"),
            ("13/36.6/-180.5", "longitude"),
        ] {
            let e = v(bad).unwrap_err();
            assert!(e.contains(says), "{bad:?}: {e}");
            // The URL takes the same parser, and falls back to the default view instead.
            assert_eq!(AppState::from_url("", &format!("#map={bad}")).view, None);
        }
    }

    #[test]
    fn a_view_prints_as_links_carry_it() {
        let s = "14.25/36.61234/116.98765";
        let view = UrlView::parse(s).unwrap();
        assert_eq!(view.to_string(), s);
        assert_eq!(
            AppState::from_url("", &format!("#map={s}")).view,
            Some(view)
        );
        // A viewport read back as a view gives the same place.
        let back = UrlView::of(&view.viewport(800.0, 600.0));
        assert!((back.lat - view.lat).abs() < 1e-9 && (back.lon - view.lon).abs() < 1e-9);
        assert_eq!(back.zoom, 14.25);
    }

    #[test]
    fn a_view_stays_wgs84_in_a_gcj02_world() {
        use crate::geometry::datum::Datum;
        let gcj = WorldPlan::in_datum(Plan::default(), Datum::Gcj02);
        let view = UrlView::parse("15/36.65/117.00").unwrap();
        let vp = view.viewport_in(&gcj, 800.0, 600.0);
        // Drawn where GCJ-02 puts the place, ≈ 500 m east…
        assert!(vp.center.x > project(117.0, 36.65).x);
        // …and read back as the same WGS84 view.
        let back = UrlView::of_world(&gcj, &vp);
        assert!((back.lat - 36.65).abs() < 1e-8 && (back.lon - 117.0).abs() < 1e-8);
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
            zone: Some("zone.west".into()),
            selected: Some("zone.north".into()),
            lang: Lang::En,
            theme: ThemeChoice::Fixed(Theme::Dark),
            embed: EmbedOptions {
                embed: true,
                static_map: true,
                plain: false,
            },
            data: Some("bench/data/1000/".into()),
            story: Some(3),
            basemap: Some("amap".into()),
        };
        assert_eq!(AppState::from_url("", &s.to_fragment()), s);
        assert_eq!(AppState::default().to_fragment(), "#");
    }

    #[test]
    fn the_zone_filter_is_url_state() {
        let s = AppState::from_url("", "#layers=district,zone,land&zone=zone.west");
        assert_eq!(s.zone.as_deref(), Some("zone.west"));
        assert_eq!(s.to_fragment(), "#layers=district,zone,land&zone=zone.west");
        assert_eq!(AppState::from_url("", &s.to_fragment()), s);
        // The last one wins, an invalid one clears it (as `feature=` does).
        assert_eq!(
            AppState::from_url("?zone=zone.north", "#zone=zone.south")
                .zone
                .as_deref(),
            Some("zone.south")
        );
        assert_eq!(
            AppState::from_url("", "#zone=zone.west&zone=a/b").zone,
            None
        );
    }

    #[test]
    fn a_zone_the_data_lacks_is_ignored() {
        let feature = |id: &str, cat: &str| {
            format!(
                r#"{{"type":"Feature","properties":{{"id":"{id}","name_zh":"甲","name_en":"A","category":"{cat}","precision":"approximate","quote":"q","source_zh":"t","source_en":"t","position_source_zh":"t","position_source_en":"t"}},"geometry":{{"type":"Polygon","coordinates":[[[116.9,36.5],[117.0,36.5],[117.0,36.6],[116.9,36.5]]]}}}}"#
            )
        };
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{},{}]}}"#,
            feature("zone.west", "zone"),
            feature("project.x", "land")
        );
        let load = load_file("t.geojson", text.as_bytes());
        assert_eq!(load.features.len(), 2, "{:?}", load.problems);
        let world = WorldPlan::new(Plan::from_loads(vec![load]));
        let zone_of = |frag: &str| AppState::from_url("", frag).filter_in(&world).zone;
        assert_eq!(zone_of("#zone=zone.west").as_deref(), Some("zone.west"));
        assert_eq!(zone_of("#zone=zone.east"), None, "no such feature");
        assert_eq!(zone_of("#zone=project.x"), None, "not a zone");
        let filter = AppState::from_url("", "#layers=land&zone=zone.west").filter_in(&world);
        assert_eq!(filter.layers, LayerSet::parse("land").unwrap());
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
    fn the_story_and_its_step_are_url_state() {
        let story = |frag: &str| AppState::from_url("", frag).story;
        assert_eq!(story("#story=1&step=2"), Some(2));
        assert_eq!(story("#step=4&story=1"), Some(4), "in either order");
        assert_eq!(story("#story=1"), Some(1), "no step: the first");
        assert_eq!(
            AppState::from_url("?story=1", "").story,
            Some(1),
            "in the query too"
        );
        assert_eq!(story("#step=3"), None, "a step alone opens no tour");
        assert_eq!(story("#story=0&step=3"), None);
        for bad in [
            "0",
            "-1",
            "abc",
            "2.5",
            "1e2",
            "",
            " ",
            "1000",
            "99999999999999999999",
            "-2",
        ] {
            assert_eq!(story(&format!("#story=1&step={bad}")), Some(1), "{bad:?}");
        }
        assert_eq!(
            story("#story=1&step=999"),
            Some(999),
            "kept within the story by the page"
        );
        let s = AppState::from_url("", "#lang=en&story=1&step=5");
        assert_eq!(s.to_fragment(), "#lang=en&story=1&step=5");
        assert_eq!(AppState::from_url("", &s.to_fragment()), s);
        // The fragment wins over the query, as for every key.
        assert_eq!(
            AppState::from_url("?story=1&step=2", "#step=6").story,
            Some(6)
        );
    }

    #[test]
    fn the_basemap_is_an_id_and_the_last_one_wins() {
        let s = AppState::from_url("", "#basemap=osm");
        assert_eq!(s.basemap.as_deref(), Some("osm"));
        assert_eq!(s.to_fragment(), "#basemap=osm");
        assert_eq!(
            AppState::from_url("?basemap=osm", "#basemap=tianditu")
                .basemap
                .as_deref(),
            Some("tianditu")
        );
        // `none`, or anything that is not an id, turns tiles off.
        assert_eq!(
            AppState::from_url("", "#basemap=osm&basemap=none").basemap,
            None
        );
        assert_eq!(
            AppState::from_url("", "#basemap=osm&basemap=//x/{z}").basemap,
            None
        );
    }

    #[test]
    fn theme_choice() {
        assert_eq!(ThemeChoice::Auto.resolve(true), Theme::Dark);
        assert_eq!(ThemeChoice::Fixed(Theme::Light).resolve(true), Theme::Light);
    }
}
