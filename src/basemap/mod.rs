//! Optional tile basemaps: the providers a deployment offers, read from `geodata/basemaps.json`
//! (named by the manifest's `basemaps` key), and the maths that places their tiles under our
//! layers ([`tiles`]). A link only ever selects a configured provider by id
//! (`#basemap=osm`, see [`crate::state`]); no link can name a tile URL.
//!
//! Each provider says which datum its tiles are in ([`Datum`]): with a GCJ-02 provider every
//! layer of ours is drawn shifted into GCJ-02 so it lies on the tiles' streets
//! ([`crate::scene::world::WorldPlan::in_datum`]); the URL, cards and downloads stay WGS84.
//!
//! ```
//! use shizhong_map::basemap::Basemaps;
//! let (b, problems) = Basemaps::parse("basemaps.json", r#"{"providers": [
//!   {"id": "osm", "name_zh": "开放街道地图", "name_en": "OpenStreetMap", "datum": "wgs84",
//!    "max_zoom": 19, "tiles": ["https://tile.openstreetmap.org/{z}/{x}/{y}.png"],
//!    "attribution_zh": "© OpenStreetMap 贡献者", "attribution_en": "© OpenStreetMap contributors"},
//!   {"id": "bad", "name_zh": "坏", "name_en": "Bad", "datum": "mars", "max_zoom": 18,
//!    "tiles": ["https://x/{z}/{x}/{y}"], "attribution_zh": "甲", "attribution_en": "A"}]}"#
//!     .as_bytes());
//! assert_eq!(b.providers.len(), 1);
//! assert_eq!(problems[0].to_string(),
//!            "error: basemaps.json: provider bad: `datum` must be one of wgs84, gcj02, cgcs2000, found \"mars\"; this provider is left out");
//! let osm = b.usable("osm").unwrap();
//! assert_eq!(osm.urls(shizhong_map::basemap::tiles::TileId { z: 12, x: 3373, y: 1594 }, false),
//!            ["https://tile.openstreetmap.org/12/3373/1594.png"]);
//! assert!(b.usable("amap").is_none());
//! let view = shizhong_map::geometry::viewport::Viewport::new(
//!     shizhong_map::geometry::mercator::project(117.0, 36.65), 12.0, 512.0, 512.0);
//! let tiles = osm.cover(&view, false);
//! assert!(tiles.iter().all(|(t, layer, url)| *layer == 0 && url.ends_with(&format!("/{}.png", t.id))));
//! ```

pub mod look;
pub mod tiles;

use crate::geometry::datum::Datum;
use crate::geometry::viewport::{Viewport, MAX_ZOOM};
use crate::i18n::Lang;
use crate::plan::dataset::{unreachable, Fetched};
use crate::plan::json::{self, kind, Expected, Value};
use crate::plan::manifest::Manifest;
use crate::plan::{Names, Problem};
use crate::quote::quoted;
use tiles::TileId;

/// Deepest zoom of the offline map: the last clusters of the old city have split and every
/// label has room by z16–17; past it `geodata/` shows nothing more (a marker, a hatch). With
/// a basemap the map goes as deep as the provider's tiles (up to [`MAX_ZOOM`]).
pub const OFFLINE_MAX_ZOOM: f64 = 17.0;

/// How deep the map may zoom (or fly) with this basemap, or without one.
///
/// ```
/// use shizhong_map::basemap::{max_view_zoom, OFFLINE_MAX_ZOOM};
/// assert_eq!(max_view_zoom(None), OFFLINE_MAX_ZOOM);
/// ```
pub fn max_view_zoom(basemap: Option<&Provider>) -> f64 {
    basemap.map_or(OFFLINE_MAX_ZOOM, |p| {
        f64::from(p.max_zoom).clamp(OFFLINE_MAX_ZOOM, MAX_ZOOM)
    })
}

/// `v`, no deeper than `max_zoom` (about its centre).
pub fn capped(v: Viewport, max_zoom: f64) -> Viewport {
    if v.zoom > max_zoom {
        Viewport::new(v.center, max_zoom, v.width, v.height)
    } else {
        v
    }
}

/// `v`, a view the map would move to from `live`, no deeper than `max_zoom`: a zoom about a
/// point (wheel, pinch, buttons) stops at the limit about that same point, so zooming in at
/// the limit neither zooms nor pans.
pub fn capped_from(live: &Viewport, v: Viewport, max_zoom: f64) -> Viewport {
    if v.zoom <= max_zoom {
        return v;
    }
    let denom = 1.0 / live.scale() - 1.0 / v.scale();
    if live.zoom > max_zoom || denom.abs() < 1e-15 {
        return capped(v, max_zoom);
    }
    // The screen point both views show at the same world point: the zoom's anchor.
    let anchor = geo::coord! {
        x: live.width / 2.0 + (v.center.x - live.center.x) / denom,
        y: live.height / 2.0 + (v.center.y - live.center.y) / denom,
    };
    live.zoom_about(anchor, max_zoom)
}

/// The manifest's default name for the providers file.
pub const BASEMAPS_FILE: &str = "basemaps.json";
/// Deepest tile level a provider may name.
pub const MAX_TILE_ZOOM: u8 = 22;

const FILE: Expected = Expected {
    format: "JSON",
    holding: "an object with a `providers` list",
};

/// One tile provider.
#[derive(Clone, Debug, PartialEq)]
pub struct Provider {
    /// What links name (`#basemap=ID`): lower-case letters, digits and `-`.
    pub id: String,
    pub names: Names,
    /// The datum its tiles are drawn in.
    pub datum: Datum,
    /// Its deepest tile level.
    pub max_zoom: u8,
    /// URL templates, drawn bottom first (天地图: the map, then its annotation).
    pub tiles: Vec<String>,
    /// The same for high-DPI screens (`@2x`, `scale=2`), when the provider has them.
    pub tiles_2x: Option<Vec<String>>,
    /// What `{s}` takes, chosen per tile.
    pub subdomains: Vec<String>,
    /// What `{key}` takes: the deployer's key (`None`: not configured).
    pub key: Option<String>,
    /// Shown in the map's attribution line while its tiles are on.
    pub attribution: Names,
}

impl Provider {
    /// Whether its templates need a key.
    pub fn needs_key(&self) -> bool {
        self.templates().any(|t| t.contains("{key}"))
    }

    /// Whether it can be used: it needs no key, or the deployer configured one. A provider
    /// that is not available is listed as such and never requested.
    pub fn available(&self) -> bool {
        !self.needs_key() || self.key.is_some()
    }

    fn templates(&self) -> impl Iterator<Item = &String> {
        self.tiles.iter().chain(self.tiles_2x.iter().flatten())
    }

    /// The URLs of one tile, bottom layer first; `hidpi` takes the high-DPI templates where
    /// there are some.
    pub fn urls(&self, t: TileId, hidpi: bool) -> Vec<String> {
        let templates = match (&self.tiles_2x, hidpi) {
            (Some(hi), true) => hi,
            _ => &self.tiles,
        };
        let sub = if self.subdomains.is_empty() {
            ""
        } else {
            &self.subdomains[((t.x as usize) + (t.y as usize)) % self.subdomains.len()]
        };
        templates
            .iter()
            .map(|tpl| {
                tpl.replace("{z}", &t.z.to_string())
                    .replace("{x}", &t.x.to_string())
                    .replace("{y}", &t.y.to_string())
                    .replace("{s}", sub)
                    .replace("{key}", self.key.as_deref().unwrap_or(""))
            })
            .collect()
    }

    /// Every tile image that covers `view` (the page's canvas, or a download's map), bottom
    /// layer first per tile: its place, its layer index and its URL. One element per layer
    /// and tile, at most [`tiles::MAX_TILES`] in all.
    pub fn cover(&self, view: &Viewport, hidpi: bool) -> Vec<(tiles::PlacedTile, usize, String)> {
        let limit = tiles::MAX_TILES / self.tiles.len().max(1);
        tiles::cover(view, self.max_zoom, limit)
            .into_iter()
            .flat_map(|t| {
                self.urls(t.id, hidpi)
                    .into_iter()
                    .enumerate()
                    .map(move |(layer, url)| (t, layer, url))
            })
            .collect()
    }

    /// Whether [`Provider::urls`] gives high-DPI tiles for `hidpi`.
    pub fn has_2x(&self) -> bool {
        self.tiles_2x.is_some()
    }

    /// The Content-Security-Policy `img-src` sources its tiles need (`https://*.host` where
    /// the host holds `{s}`).
    pub fn img_src(&self) -> Vec<String> {
        let mut out: Vec<String> = vec![];
        for t in self.templates() {
            let Some((scheme, rest)) = t.split_once("://") else {
                continue;
            };
            let host = rest.split(['/', '?']).next().unwrap_or("");
            let host: Vec<String> = host
                .split('.')
                .map(|label| {
                    if label.contains("{s}") {
                        "*".to_string()
                    } else {
                        label.to_string()
                    }
                })
                .collect();
            let src = format!("{scheme}://{}", host.join("."));
            if !out.contains(&src) {
                out.push(src);
            }
        }
        out
    }

    pub fn name(&self, lang: Lang) -> &str {
        self.names.get(lang)
    }
}

/// Every provider a deployment offers, in the order the Layers panel lists them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Basemaps {
    pub providers: Vec<Provider>,
}

/// An id a link may carry: lower-case ASCII letters, digits and `-`, at most 32, not `none`.
pub fn valid_provider_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 32
        && id != "none"
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

impl Basemaps {
    /// Read the providers file `file`. A bad provider is left out with an error naming the
    /// file and the provider; the others are kept. A file that cannot be read at all gives
    /// no providers and one error.
    pub fn parse(file: &str, bytes: &[u8]) -> (Basemaps, Vec<Problem>) {
        let fail = |m: String| (Basemaps::default(), vec![Problem::error(file, None, m)]);
        let doc = match json::parse(bytes, FILE) {
            Ok(d) => d,
            Err(e) => return fail(e),
        };
        let mut problems: Vec<Problem> = doc
            .duplicates
            .iter()
            .map(|d| Problem::error(file, None, d.message(0, "the providers file")))
            .collect();
        let list = match doc.value.get("providers") {
            Some(Value::Array(list)) => list,
            Some(other) => {
                return fail(format!("`providers` must be a list, found {}", kind(other)))
            }
            None => return fail("has no `providers` list".into()),
        };
        let mut providers: Vec<Provider> = vec![];
        for (i, entry) in list.iter().enumerate() {
            let label = entry
                .get("id")
                .and_then(Value::as_str)
                .filter(|id| valid_provider_id(id))
                .map_or_else(|| format!("#{}", i + 1), str::to_string);
            match provider(entry) {
                Ok(p) if providers.iter().any(|q| q.id == p.id) => problems.push(Problem::error(
                    file,
                    None,
                    format!("provider {label}: this id is used twice; the second one is left out"),
                )),
                Ok(p) => providers.push(p),
                Err(e) => problems.push(Problem::error(
                    file,
                    None,
                    format!("provider {label}: {e}; this provider is left out"),
                )),
            }
        }
        (Basemaps { providers }, problems)
    }

    /// The providers file the manifest names, read through `read` (the page's HTTP, the
    /// command line's files): none named, no providers; one that cannot be had, no
    /// providers and the problem naming it. The plan never depends on it.
    pub fn load(
        manifest: &Manifest,
        read: impl FnOnce(&str) -> Fetched,
    ) -> (Basemaps, Vec<Problem>) {
        let Some(name) = &manifest.basemaps else {
            return (Basemaps::default(), vec![]);
        };
        Basemaps::from_fetched(name, read(name))
    }

    /// [`Basemaps::parse`] of what a transport got for file `name`.
    pub fn from_fetched(name: &str, fetched: Fetched) -> (Basemaps, Vec<Problem>) {
        match fetched {
            Ok(bytes) => Basemaps::parse(name, &bytes),
            Err(reason) => (Basemaps::default(), vec![unreachable(name, &reason)]),
        }
    }

    /// The configured provider with this id.
    pub fn get(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// The provider with this id if it can be used (configured, and its key too).
    pub fn usable(&self, id: &str) -> Option<&Provider> {
        self.get(id).filter(|p| p.available())
    }
}

fn text<'a>(entry: &'a Value, key: &str) -> Result<&'a str, String> {
    match entry.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
        Some(Value::String(_)) => Err(format!("`{key}` is empty")),
        Some(other) => Err(format!("`{key}` must be text, found {}", kind(other))),
        None => Err(format!("`{key}` is missing")),
    }
}

fn names(entry: &Value, key: &str) -> Result<Names, String> {
    Ok(Names {
        zh: text(entry, &format!("{key}_zh"))?.to_string(),
        en: text(entry, &format!("{key}_en"))?.to_string(),
    })
}

fn strings(entry: &Value, key: &str) -> Result<Option<Vec<String>>, String> {
    match entry.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok(s.clone()),
                other => Err(format!(
                    "`{key}` must be a list of text, found {} in it",
                    kind(other)
                )),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(other) => Err(format!("`{key}` must be a list, found {}", kind(other))),
    }
}

/// Checks one URL template: http(s), `{z}`, `{x}` and `{y}`, no other placeholder than `{s}`
/// and `{key}`, nothing that could break out of an attribute.
pub fn check_template(t: &str) -> Result<(), String> {
    if !(t.starts_with("https://") || t.starts_with("http://")) {
        return Err(format!(
            "template {t} must start with https:// or http://",
            t = quoted(t)
        ));
    }
    if t.len() > 500
        || t.chars()
            .any(|c| c.is_whitespace() || "\"'<>\\`".contains(c))
    {
        return Err(format!(
            "template {t} is too long or holds a space, quote, `<`, `>` or backslash",
            t = quoted(t)
        ));
    }
    let mut rest = t;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(format!(
                "template {t} has a `{{` without `}}`",
                t = quoted(t)
            ));
        };
        let name = &after[..close];
        if !matches!(name, "z" | "x" | "y" | "s" | "key") {
            return Err(format!(
                "template {t} has {{{name}}}: only {{z}}, {{x}}, {{y}}, {{s}} and {{key}} are known",
                t = quoted(t)
            ));
        }
        rest = &after[close + 1..];
    }
    if rest.contains('}') {
        return Err(format!(
            "template {t} has a `}}` without `{{`",
            t = quoted(t)
        ));
    }
    for need in ["{z}", "{x}", "{y}"] {
        if !t.contains(need) {
            return Err(format!("template {t} lacks {need}", t = quoted(t)));
        }
    }
    Ok(())
}

fn provider(entry: &Value) -> Result<Provider, String> {
    if entry.as_object().is_none() {
        return Err(format!("must be an object, found {}", kind(entry)));
    }
    let id = text(entry, "id")?;
    if !valid_provider_id(id) {
        return Err(format!(
            "`id` {id} must be lower-case letters, digits and '-' (at most 32), not \"none\"",
            id = quoted(id)
        ));
    }
    let datum_code = text(entry, "datum")?;
    let datum = Datum::parse(datum_code).ok_or_else(|| {
        format!(
            "`datum` must be one of {}, found {datum_code}",
            Datum::CODES.join(", "),
            datum_code = quoted(datum_code)
        )
    })?;
    let max_zoom = match entry.get("max_zoom").and_then(Value::as_f64) {
        Some(z) if z.fract() == 0.0 && (1.0..=f64::from(MAX_TILE_ZOOM)).contains(&z) => z as u8,
        _ => {
            return Err(format!(
                "`max_zoom` must be a whole number from 1 to {MAX_TILE_ZOOM}"
            ))
        }
    };
    let tiles = strings(entry, "tiles")?
        .filter(|t| !t.is_empty() && t.len() <= 4)
        .ok_or("`tiles` must be a list of one to four URL templates")?;
    let tiles_2x = strings(entry, "tiles_2x")?;
    if tiles_2x.as_ref().is_some_and(|t| t.len() != tiles.len()) {
        return Err("`tiles_2x` must have as many templates as `tiles`".into());
    }
    let subdomains = strings(entry, "subdomains")?.unwrap_or_default();
    if subdomains.len() > 16
        || subdomains
            .iter()
            .any(|s| s.is_empty() || s.len() > 16 || !s.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        return Err("`subdomains` must be at most 16 short names of letters and digits".into());
    }
    for t in tiles.iter().chain(tiles_2x.iter().flatten()) {
        check_template(t)?;
        if t.contains("{s}") && subdomains.is_empty() {
            return Err(format!(
                "template {t} has {{s}} but `subdomains` is empty",
                t = quoted(t)
            ));
        }
    }
    let key = match entry.get("key") {
        None | Some(Value::Null) => None,
        Some(Value::String(k)) if k.is_empty() => None,
        Some(Value::String(k))
            if k.len() <= 128 && k.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            Some(k.clone())
        }
        Some(Value::String(_)) => {
            return Err("`key` must be letters and digits only (at most 128)".into())
        }
        Some(other) => return Err(format!("`key` must be text, found {}", kind(other))),
    };
    Ok(Provider {
        id: id.to_string(),
        names: names(entry, "name")?,
        datum,
        max_zoom,
        tiles,
        tiles_2x,
        subdomains,
        key,
        attribution: names(entry, "attribution")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(extra: &str) -> String {
        format!(
            r#"{{"id": "p", "name_zh": "甲", "name_en": "A", "datum": "gcj02", "max_zoom": 18,
                "tiles": ["https://t{{s}}.example.cn/{{z}}/{{x}}/{{y}}?tk={{key}}"],
                "subdomains": ["0", "1"], "attribution_zh": "© 甲", "attribution_en": "© A"{extra}}}"#
        )
    }

    fn parse_one(extra: &str) -> Result<Provider, String> {
        let text = format!(r#"{{"providers": [{}]}}"#, entry(extra));
        let (b, problems) = Basemaps::parse("basemaps.json", text.as_bytes());
        // (A test's override repeats a key: the provider's own problem comes last.)
        match problems.last() {
            Some(p) => Err(p.to_string()),
            None => Ok(b.providers[0].clone()),
        }
    }

    #[test]
    fn the_committed_file_offers_osm_amap_and_tianditu() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/geodata/basemaps.json");
        let (b, problems) = Basemaps::parse("basemaps.json", &std::fs::read(path).unwrap());
        assert!(problems.is_empty(), "{problems:?}");
        let ids: Vec<&str> = b.providers.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["osm", "amap", "tianditu"]);
        assert_eq!(b.get("osm").unwrap().datum, Datum::Wgs84);
        assert_eq!(b.get("amap").unwrap().datum, Datum::Gcj02);
        let tdt = b.get("tianditu").unwrap();
        assert_eq!(tdt.datum, Datum::Cgcs2000);
        assert_eq!(tdt.tiles.len(), 2, "vector and annotation");
        // Without a key the deployer fills in, 天地图 is listed but never requested.
        assert!(tdt.needs_key() && !tdt.available() && b.usable("tianditu").is_none());
        for p in &b.providers {
            assert!(p.attribution.zh.contains('©') && p.attribution.en.contains('©'));
        }
    }

    #[test]
    fn urls_fill_every_placeholder() {
        let mut p = parse_one(r#", "key": "abc123""#).unwrap();
        let t = TileId {
            z: 15,
            x: 27000,
            y: 12755,
        };
        assert_eq!(
            p.urls(t, false),
            ["https://t1.example.cn/15/27000/12755?tk=abc123"]
        );
        assert_eq!(
            p.urls(TileId { x: 27001, ..t }, true),
            ["https://t0.example.cn/15/27001/12755?tk=abc123"],
            "subdomains alternate; no @2x template, so the normal one"
        );
        p.tiles_2x = Some(vec!["https://t{s}.example.cn/{z}/{x}/{y}@2x".into()]);
        assert_eq!(p.urls(t, true), ["https://t1.example.cn/15/27000/12755@2x"]);
        assert_eq!(p.img_src(), ["https://*.example.cn"]);
    }

    #[test]
    fn a_key_is_needed_where_the_template_asks_for_one() {
        let p = parse_one("").unwrap();
        assert!(p.needs_key() && !p.available());
        let p = parse_one(r#", "key": """#).unwrap();
        assert!(!p.available(), "an empty key is no key");
        assert!(parse_one(r#", "key": "abc""#).unwrap().available());
    }

    #[test]
    fn bad_entries_name_the_file_and_the_provider() {
        for (extra, says) in [
            (r#", "key": "a&b""#, "`key` must be letters and digits"),
            (r#", "max_zoom": 30"#, "`max_zoom` must be a whole number"),
            (r#", "max_zoom": 17.5"#, "`max_zoom` must be a whole number"),
            (r#", "datum": "bd09""#, "`datum` must be one of"),
            (r#", "subdomains": []"#, "has {s} but `subdomains` is empty"),
            (r#", "subdomains": ["a.b"]"#, "`subdomains` must be"),
            (r#", "tiles": []"#, "`tiles` must be a list of one to four"),
            (
                r#", "tiles": ["ftp://x/{z}/{x}/{y}"]"#,
                "must start with https://",
            ),
            (r#", "tiles": ["https://x/{z}/{x}"]"#, "lacks {y}"),
            (r#", "tiles": ["https://x/{z}/{x}/{y}/{q}"]"#, "has {q}"),
            (
                r#", "tiles": ["https://x/{z}/{x}/{y}\"><script>"]"#,
                "quote",
            ),
            (
                r#", "tiles_2x": ["https://x/{z}/{x}/{y}", "https://y/{z}/{x}/{y}"]"#,
                "as many templates",
            ),
            (r#", "attribution_en": """#, "`attribution_en` is empty"),
            (r#", "name_zh": 3"#, "`name_zh` must be text"),
        ] {
            let e = parse_one(extra).unwrap_err();
            assert!(e.starts_with("error: basemaps.json: provider p: "), "{e}");
            assert!(e.contains(says), "{extra}: {e}");
            assert!(e.ends_with("this provider is left out"), "{e}");
        }
    }

    #[test]
    fn the_rest_is_kept_when_one_is_bad() {
        let text = format!(
            r#"{{"providers": [{}, {{"id": "BAD id"}}, {}, 7]}}"#,
            entry(r#", "key": "k""#),
            entry("")
        );
        let (b, problems) = Basemaps::parse("basemaps.json", text.as_bytes());
        assert_eq!(b.providers.len(), 1);
        let said: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(
            said[0].contains(": provider #2: `id` \"BAD id\" must be lower-case"),
            "{said:?}"
        );
        assert!(
            said[1].contains(": provider p: this id is used twice"),
            "{said:?}"
        );
        assert!(
            said[2].contains(": provider #4: must be an object"),
            "{said:?}"
        );
    }

    #[test]
    fn a_broken_file_gives_no_providers_and_one_error() {
        for (bytes, says) in [
            (&b""[..], "file is empty"),
            (b"{\"providers\": 1}", "`providers` must be a list"),
            (b"{}", "has no `providers` list"),
            (b"{\"providers\": [}", "not valid JSON"),
        ] {
            let (b, problems) = Basemaps::parse("basemaps.json", bytes);
            assert!(b.providers.is_empty());
            assert_eq!(problems.len(), 1);
            assert!(problems[0].to_string().contains(says), "{problems:?}");
        }
    }

    #[test]
    fn loading_follows_the_manifest() {
        let manifest = |b: Option<&str>| Manifest {
            files: vec![],
            report: None,
            story: None,
            basemaps: b.map(str::to_string),
        };
        let (b, problems) = Basemaps::load(&manifest(None), |_| unreachable!("nothing named"));
        assert!(b.providers.is_empty() && problems.is_empty());
        let (b, problems) = Basemaps::load(&manifest(Some("tiles.json")), |name| {
            assert_eq!(name, "tiles.json");
            Err("HTTP 404".into())
        });
        assert!(b.providers.is_empty());
        assert_eq!(
            problems[0].to_string(),
            "error: tiles.json: could not be loaded: HTTP 404"
        );
    }

    #[test]
    fn zoom_goes_as_deep_as_the_tiles() {
        let mut p = parse_one(r#", "key": "k""#).unwrap();
        assert_eq!(max_view_zoom(Some(&p)), 18.0);
        p.max_zoom = 22;
        assert_eq!(
            max_view_zoom(Some(&p)),
            MAX_ZOOM,
            "never past the map's own limit"
        );
        p.max_zoom = 12;
        assert_eq!(
            max_view_zoom(Some(&p)),
            OFFLINE_MAX_ZOOM,
            "scaled tiles to the offline depth"
        );
        let v = Viewport::new(geo::coord! { x: 200.0, y: 100.0 }, 17.5, 800.0, 600.0);
        let c = capped(v, OFFLINE_MAX_ZOOM);
        assert_eq!((c.zoom, c.center), (OFFLINE_MAX_ZOOM, v.center));
        assert_eq!(capped(v, 18.0), v);
    }

    #[test]
    fn a_zoom_about_a_point_stops_at_the_limit_about_that_point() {
        let live = Viewport::new(geo::coord! { x: 210.0, y: 100.0 }, 15.6, 800.0, 600.0);
        let cursor = geo::coord! { x: 650.0, y: 120.0 };
        let under = live.screen_to_world(cursor);
        let asked = live.zoom_about(cursor, 16.8);
        let got = capped_from(&live, asked, 16.0);
        assert!((got.zoom - 16.0).abs() < 1e-12);
        let at = got.world_to_screen(under);
        assert!(
            (at.x - cursor.x).abs() < 1e-6 && (at.y - cursor.y).abs() < 1e-6,
            "{at:?}"
        );
        // At the limit already: nothing moves.
        let at_limit = Viewport::new(live.center, 16.0, 800.0, 600.0);
        let again = capped_from(&at_limit, at_limit.zoom_about(cursor, 16.5), 16.0);
        assert!((again.center.x - at_limit.center.x).abs() < 1e-12 && again.zoom == 16.0);
        // Within the limit: as asked.
        let ok = live.zoom_about(cursor, 15.9);
        assert_eq!(capped_from(&live, ok, 16.0), ok);
    }

    #[test]
    fn link_ids_are_plain() {
        assert!(valid_provider_id("osm") && valid_provider_id("my-tiles-2"));
        for bad in [
            "",
            "none",
            "OSM",
            "a/b",
            "https://x/{z}",
            "a b",
            &"x".repeat(33),
        ] {
            assert!(!valid_provider_id(bad), "{bad}");
        }
    }
}
