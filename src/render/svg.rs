//! A [`Scene`] as a standalone SVG document: the same shapes, markers, clusters and labels the
//! browser draws (see `app::svg`), plus map furniture for a printed or shared map — a title,
//! a legend, a metric scale bar, a north arrow and the attribution.
//!
//! The browser keeps strokes at a constant width with `vector-effect="non-scaling-stroke"`.
//! Static renderers (resvg among them) may not support that, so here the layer transform is
//! baked into the stroke widths and dash lengths instead: the same look, with no reliance on
//! `vector-effect`.
//!
//! Every string from the data is XML-escaped; characters XML 1.0 forbids are replaced.

use crate::i18n::{Lang, Text};
use crate::plan::Category;
use crate::scene::overlay::{Overlay, CLUSTER_BADGE_RADIUS};
use crate::scene::style::{marker_style, Paint, Symbol, Theme, HATCHES};
use crate::scene::text::text_width;
use crate::scene::world::WorldPlan;
use crate::scene::{LayerTransform, Scene, Shape};
use std::fmt::Write;

/// The font families asked for: CJK-capable sans fonts first (Debian's WenQuanYi Micro Hei and
/// Noto Sans CJK, then common desktop ones), so Chinese labels never fall back to tofu.
pub const FONT_FAMILY: &str = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', \
                               'PingFang SC', 'Microsoft YaHei', sans-serif";

/// Space around and between the page's parts, CSS pixels.
const MARGIN: f64 = 16.0;
/// The title block above the map.
const TITLE_H: f64 = 58.0;
/// The legend column right of the map.
const LEGEND_W: f64 = 224.0;
const LEGEND_PAD: f64 = 12.0;
const ATTRIBUTION_PX: f64 = 11.0;
const ATTRIBUTION_LINE: f64 = 15.0;
/// The smallest map a page may hold, CSS pixels per side.
pub const MIN_MAP_PX: f64 = 200.0;

/// How to write the document.
#[derive(Clone, Debug, PartialEq)]
pub struct SvgOptions {
    /// Title, legend, scale bar, north arrow and attribution around the map. Without them the
    /// document is the map alone, the size of the scene's view.
    pub furniture: bool,
    /// The selected feature: its area or line is outlined as in the browser (its marker is
    /// marked by the scene itself).
    pub selected: Option<String>,
    /// The root `font-family`.
    pub font_family: String,
    /// The document's physical size in millimetres, for print (`width="210mm"`); `None`
    /// gives its size in CSS pixels.
    pub size_mm: Option<(f64, f64)>,
    /// Categories of the features inside clusters, which the scene does not name (see
    /// [`clustered_categories`]): they get a legend row with their marker symbol too.
    pub clustered: Vec<Category>,
}

/// The categories of the features the scene's clusters stand for, in [`Category::ALL`] order.
pub fn clustered_categories(scene: &Scene, world: &WorldPlan) -> Vec<Category> {
    let mut out: Vec<Category> = scene
        .overlay
        .clusters
        .iter()
        .flat_map(|c| &c.feature_ids)
        .filter_map(|id| world.plan.get(id).map(|f| f.category))
        .collect();
    out.sort();
    out.dedup();
    out
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            furniture: true,
            selected: None,
            font_family: FONT_FAMILY.to_string(),
            size_mm: None,
            clustered: vec![],
        }
    }
}

/// A rectangle on the page, CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// Where the parts of the page go. The map's size is the scene's view size.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub map: Frame,
    /// The legend column (`None` without furniture).
    pub legend: Option<Frame>,
    /// The attribution, wrapped to the page width.
    pub attribution: Vec<String>,
}

fn attribution_lines(page_w: f64, lang: Lang) -> Vec<String> {
    wrap(
        Text::Attribution.get(lang),
        ATTRIBUTION_PX,
        page_w - 2.0 * MARGIN,
    )
}

fn footer_h(lines: usize) -> f64 {
    10.0 + lines as f64 * ATTRIBUTION_LINE + 10.0
}

impl Layout {
    /// The map alone.
    pub fn bare(map_w: f64, map_h: f64) -> Layout {
        Layout {
            width: map_w,
            height: map_h,
            map: Frame {
                x: 0.0,
                y: 0.0,
                w: map_w,
                h: map_h,
            },
            legend: None,
            attribution: vec![],
        }
    }

    /// The page around a map of this size, with furniture.
    pub fn around_map(map_w: f64, map_h: f64, lang: Lang) -> Layout {
        let width = MARGIN + map_w + MARGIN + LEGEND_W + MARGIN;
        let attribution = attribution_lines(width, lang);
        let height = MARGIN + TITLE_H + map_h + footer_h(attribution.len());
        Layout {
            width,
            height,
            map: Frame {
                x: MARGIN,
                y: MARGIN + TITLE_H,
                w: map_w,
                h: map_h,
            },
            legend: Some(Frame {
                x: MARGIN + map_w + MARGIN,
                y: MARGIN + TITLE_H,
                w: LEGEND_W,
                h: map_h,
            }),
            attribution,
        }
    }

    /// The layout of a page of this size, with furniture; `None` when the map would be smaller
    /// than [`MIN_MAP_PX`] on a side.
    pub fn for_page(width: f64, height: f64, lang: Lang) -> Option<Layout> {
        if !(width.is_finite() && height.is_finite()) {
            return None;
        }
        let map_w = width - 3.0 * MARGIN - LEGEND_W;
        let lines = attribution_lines(width, lang).len();
        let map_h = height - MARGIN - TITLE_H - footer_h(lines);
        if map_w < MIN_MAP_PX || map_h < MIN_MAP_PX {
            return None;
        }
        let mut layout = Layout::around_map(map_w, map_h, lang);
        // Exactly the size asked for, whatever the rounding.
        layout.width = width;
        layout.height = height;
        Some(layout)
    }

    /// The map height that gives the map `aspect` (height / width) on a page `width` wide,
    /// kept within half and twice the map's width.
    pub fn page_height_for(width: f64, aspect: f64, lang: Lang) -> f64 {
        let map_w = (width - 3.0 * MARGIN - LEGEND_W).max(MIN_MAP_PX);
        let aspect = if aspect.is_finite() { aspect } else { 1.0 };
        let map_h = (map_w * aspect.clamp(0.5, 2.0)).max(MIN_MAP_PX);
        Layout::around_map(map_w, map_h, lang).height
    }
}

/// Escape text for XML content and attribute values; characters XML 1.0 does not allow
/// (most C0 controls, U+FFFE, U+FFFF) become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A number for an attribute: at most three decimals, never NaN or infinite.
fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".into()
    } else {
        s.to_string()
    }
}

/// Greedy line breaking by [`text_width`]: Latin text breaks at spaces, CJK between any two
/// characters. A single word wider than `max_w` gets a line of its own.
pub fn wrap(text: &str, font_px: f64, max_w: f64) -> Vec<String> {
    // Units: a run of spaces plus the word after it, or one non-ASCII character.
    let mut units: Vec<String> = vec![];
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_ascii() && c != ' ' {
            cur.push(c);
        } else if c == ' ' {
            if !cur.trim().is_empty() {
                units.push(std::mem::take(&mut cur));
            }
            cur.push(c);
        } else {
            if !cur.is_empty() {
                units.push(std::mem::take(&mut cur));
            }
            units.push(c.to_string());
        }
    }
    if !cur.is_empty() {
        units.push(cur);
    }
    let mut lines = vec![];
    let mut line = String::new();
    for u in units {
        let candidate = format!("{line}{u}");
        if !line.trim().is_empty() && text_width(candidate.trim_end(), font_px) > max_w {
            lines.push(line.trim_end().to_string());
            line = u.trim_start().to_string();
        } else {
            line = candidate;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim().to_string());
    }
    lines
}

/// The quieter text colour of furniture and context labels.
fn muted(theme: Theme) -> &'static str {
    match theme {
        Theme::Light => "#595959",
        Theme::Dark => "#a7b0ba",
    }
}

/// The accessible name of a cluster, as the browser gives it.
pub fn cluster_label(lang: Lang, names: &[String]) -> String {
    let shown: Vec<&str> = names.iter().take(6).map(String::as_str).collect();
    let more = names.len().saturating_sub(shown.len());
    match lang {
        Lang::Zh => format!(
            "{} 个地点：{}{}。放大查看",
            names.len(),
            shown.join("、"),
            if more > 0 { "等" } else { "" }
        ),
        Lang::En => format!(
            "{} places: {}{}. Zoom in to see them",
            names.len(),
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ),
    }
}

/// `stroke-dasharray` in layer units for a dash given in screen pixels.
fn scaled_dash(dash: &str, k: f64) -> String {
    dash.split([' ', ','])
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse::<f64>().ok())
        .map(|v| num(v / k))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Write the whole document.
pub fn to_svg(scene: &Scene, options: &SvgOptions) -> String {
    let (w, h) = (scene.view.width, scene.view.height);
    let layout = if options.furniture {
        Layout::around_map(w, h, scene.lang)
    } else {
        Layout::bare(w, h)
    };
    to_svg_with_layout(scene, options, &layout)
}

/// Write the document on a page laid out beforehand (e.g. by [`Layout::for_page`], to hit
/// an exact paper size). The layout's map must be the scene's view size.
pub fn to_svg_with_layout(scene: &Scene, options: &SvgOptions, layout: &Layout) -> String {
    let theme = scene.theme;
    let lang = scene.lang;
    let mut out = String::with_capacity(64 * 1024);
    let (size_w, size_h) = match options.size_mm {
        Some((mw, mh)) => (format!("{}mm", num(mw)), format!("{}mm", num(mh))),
        None => (num(layout.width), num(layout.height)),
    };
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{size_w}" height="{size_h}" viewBox="0 0 {} {}" font-family="{}" xml:lang="{}" class="shizhong-map theme-{}">"#,
        num(layout.width),
        num(layout.height),
        escape(&options.font_family),
        lang.tag(),
        theme.code(),
    );
    let _ = writeln!(
        out,
        "<title>{} · {}</title>",
        escape(Text::Title.get(lang)),
        escape(Text::Subtitle.get(lang))
    );
    write_defs(&mut out, scene, layout);
    let _ = writeln!(
        out,
        r#"<rect class="background" x="0" y="0" width="{}" height="{}" fill="{}"/>"#,
        num(layout.width),
        num(layout.height),
        theme.background()
    );
    // The map, clipped to its frame.
    let m = layout.map;
    let _ = writeln!(
        out,
        r#"<g class="map" transform="translate({} {})" clip-path="url(#map-clip)">"#,
        num(m.x),
        num(m.y)
    );
    write_shapes(&mut out, scene, options.selected.as_deref());
    write_overlay(&mut out, &scene.overlay, theme, lang);
    out.push_str("</g>\n");
    if layout.legend.is_some() {
        let _ = writeln!(
            out,
            r#"<rect class="map-frame" x="{}" y="{}" width="{}" height="{}" fill="none" stroke="{}" stroke-width="1"/>"#,
            num(m.x),
            num(m.y),
            num(m.w),
            num(m.h),
            muted(theme)
        );
        write_title(&mut out, layout, theme, lang);
        write_scale_bar(&mut out, scene, layout);
        write_north_arrow(&mut out, layout, theme, lang);
        write_legend(&mut out, scene, layout, &options.clustered);
        write_attribution(&mut out, layout, theme);
    }
    out.push_str("</svg>\n");
    out
}

fn write_defs(out: &mut String, scene: &Scene, layout: &Layout) {
    let theme = scene.theme;
    let k = scene.transform.k.max(1e-9);
    out.push_str("<defs>\n");
    // Map hatches: counter-scaled so they keep an 8 px pitch at every zoom (as in the
    // browser); legend hatches: in page pixels.
    for (prefix, transform) in [
        ("", format!(r#" patternTransform="scale({})""#, 1.0 / k)),
        ("legend-", String::new()),
    ] {
        for (i, hatch) in HATCHES.iter().enumerate() {
            let colour = crate::scene::style::tone_colour(i, theme);
            let _ = writeln!(
                out,
                r#"<pattern id="{prefix}{}" patternUnits="userSpaceOnUse" width="8" height="8"{transform}><path d="{}" stroke="{colour}" stroke-width="1.2" fill="{colour}" stroke-opacity="0.55" fill-opacity="0.55"/></pattern>"#,
                hatch.id, hatch.tile
            );
        }
    }
    let _ = writeln!(
        out,
        r#"<clipPath id="map-clip"><rect x="0" y="0" width="{}" height="{}"/></clipPath>"#,
        num(layout.map.w),
        num(layout.map.h)
    );
    out.push_str("</defs>\n");
}

fn shape_class(s: &Shape) -> String {
    format!(
        "shape cat-{}{}",
        s.category.code(),
        if s.is_line { " line" } else { " area" }
    )
}

fn write_shapes(out: &mut String, scene: &Scene, selected: Option<&str>) {
    let t: LayerTransform = scene.transform;
    let k = t.k.max(1e-9);
    let _ = writeln!(
        out,
        r#"<g class="layer-shapes" transform="{}">"#,
        t.to_svg()
    );
    for s in &scene.shapes {
        let p = s.paint;
        let dash = if p.dash.is_empty() {
            String::new()
        } else {
            format!(r#" stroke-dasharray="{}""#, scaled_dash(p.dash, k))
        };
        let _ = writeln!(
            out,
            r#"<path class="{}" data-id="{}" d="{}" fill="{}" fill-opacity="{}" stroke="{}" stroke-width="{}"{dash} stroke-linejoin="round" stroke-linecap="round"/>"#,
            shape_class(s),
            escape(&s.feature_id),
            escape(&s.d),
            p.fill,
            num(p.fill_opacity as f64),
            p.stroke,
            num(p.stroke_width as f64 / k),
        );
        if let Some(h) = p.hatch.and_then(|h| HATCHES.get(h)) {
            let _ = writeln!(
                out,
                r#"<path class="hatch" d="{}" fill="url(#{})" stroke="none"/>"#,
                escape(&s.d),
                h.id
            );
        }
    }
    // The selected area or line, outlined on top.
    if let Some(s) = selected.and_then(|id| scene.shapes.iter().find(|s| s.feature_id == id)) {
        let _ = writeln!(
            out,
            r#"<path class="highlight" data-for="{}" d="{}" fill="none" stroke="{}" stroke-width="{}" stroke-linejoin="round"/>"#,
            escape(&s.feature_id),
            escape(&s.d),
            scene.theme.highlight(),
            num((s.paint.stroke_width as f64 + 3.0) / k)
        );
    }
    out.push_str("</g>\n");
}

fn write_overlay(out: &mut String, overlay: &Overlay, theme: Theme, lang: Lang) {
    out.push_str("<g class=\"layer-overlay\">\n");
    if let Some(r) = overlay.ring {
        let _ = writeln!(
            out,
            r#"<circle class="uncertainty" cx="{}" cy="{}" r="{}" fill="{}" fill-opacity="0.06" stroke="{}" stroke-width="1.5" stroke-dasharray="6 4"/>"#,
            num(r.cx),
            num(r.cy),
            num(r.r),
            theme.highlight(),
            theme.highlight()
        );
    }
    out.push_str("<g class=\"labels\">\n");
    for l in &overlay.labels {
        let fill = match (l.muted, theme) {
            (true, Theme::Dark) => "#a7b0ba",
            (true, Theme::Light) => "#6b6b6b",
            (false, _) => theme.text(),
        };
        let rotate = if l.angle != 0.0 && l.angle.is_finite() {
            format!(
                r#" transform="rotate({} {} {})""#,
                num(l.angle),
                num(l.cx),
                num(l.cy)
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            r#"<text class="label" data-id="{}" x="{}" y="{}"{rotate} text-anchor="middle" dominant-baseline="central" font-size="{}" font-weight="{}" fill="{fill}" stroke="{}" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{}</text>"#,
            escape(&l.feature_id),
            num(l.cx),
            num(l.cy),
            num(l.font_px),
            if l.bold { "700" } else { "400" },
            theme.halo(),
            escape(&l.text)
        );
    }
    out.push_str("</g>\n<g class=\"markers\">\n");
    for m in &overlay.markers {
        let style = marker_style(m.category, theme);
        let (fill, stroke, width, dash) = if m.approximate {
            (
                theme.land(),
                style.colour,
                "2",
                r#" stroke-dasharray="2.5 2""#,
            )
        } else {
            (style.colour, theme.halo(), "1.5", "")
        };
        let note = if m.approximate {
            lang.pick("（位置示意）", " (approximate position)")
        } else {
            ""
        };
        let _ = writeln!(
            out,
            r#"<g class="marker cat-{}{}{}" transform="translate({} {})" data-id="{}" data-precision="{}"><title>{}{note}</title>"#,
            m.category.code(),
            if m.approximate { " approximate" } else { "" },
            if m.selected { " selected" } else { "" },
            num(m.x),
            num(m.y),
            escape(&m.feature_id),
            if m.approximate { "approximate" } else { "site" },
            escape(&m.name),
        );
        if m.selected {
            let _ = writeln!(
                out,
                r#"<circle r="14" fill="none" stroke="{}" stroke-width="3"/>"#,
                theme.highlight()
            );
        }
        let _ = writeln!(
            out,
            r#"<path class="symbol" d="{}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}/></g>"#,
            style.symbol.path()
        );
    }
    for c in &overlay.clusters {
        let count = c.feature_ids.len();
        let _ = writeln!(
            out,
            r#"<g class="cluster" transform="translate({} {})" data-count="{count}" data-ids="{}"><title>{}</title><circle r="{}" fill="{}" stroke="{}" stroke-width="2"/><text text-anchor="middle" dominant-baseline="central" font-size="12" font-weight="700" fill="{}">{count}</text></g>"#,
            num(c.x),
            num(c.y),
            escape(&c.feature_ids.join(" ")),
            escape(&cluster_label(lang, &c.names)),
            num(CLUSTER_BADGE_RADIUS),
            theme.text(),
            theme.halo(),
            theme.halo(),
        );
    }
    out.push_str("</g>\n</g>\n");
}

/// Font size that fits `text` into `max_w`, at most `px`.
fn fitting_px(text: &str, px: f64, max_w: f64) -> f64 {
    let w = text_width(text, px);
    if w > max_w && w > 0.0 {
        (px * max_w / w).max(6.0)
    } else {
        px
    }
}

fn write_title(out: &mut String, layout: &Layout, theme: Theme, lang: Lang) {
    let other = match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    };
    let avail = layout.width - 2.0 * MARGIN;
    let title = Text::Title.get(lang);
    let second = Text::Title.get(other);
    // Both titles on one line, shrunk together if the page is narrow.
    let scale = (avail / (text_width(title, 22.0) + 12.0 + text_width(second, 14.0))).min(1.0);
    let (big, small) = (22.0 * scale, 14.0 * scale);
    let subtitle = Text::Subtitle.get(lang);
    let sub_px = fitting_px(subtitle, 13.0, avail);
    let _ = writeln!(
        out,
        r#"<g class="title"><text class="map-title" x="{m}" y="{}" font-size="{}" font-weight="700" fill="{}">{}</text><text class="map-title-other" x="{}" y="{}" font-size="{}" fill="{}">{}</text><text class="map-subtitle" x="{m}" y="{}" font-size="{}" fill="{}">{}</text></g>"#,
        num(MARGIN + 24.0),
        num(big),
        theme.text(),
        escape(title),
        num(MARGIN + text_width(title, big) + 12.0 * scale),
        num(MARGIN + 24.0),
        num(small),
        muted(theme),
        escape(second),
        num(MARGIN + 46.0),
        num(sub_px),
        muted(theme),
        escape(subtitle),
        m = num(MARGIN),
    );
}

fn write_scale_bar(out: &mut String, scene: &Scene, layout: &Layout) {
    let theme = scene.theme;
    let bar = &scene.scale_bar;
    let w = if bar.width_px.is_finite() {
        bar.width_px.max(0.0)
    } else {
        0.0
    };
    let label_w = text_width(&bar.label, 12.0);
    let (x, y) = (
        layout.map.x + 12.0,
        layout.map.y + layout.map.h - 12.0 - 16.0,
    );
    let _ = writeln!(
        out,
        r#"<g class="scale-bar" transform="translate({} {})" data-metres="{}"><rect x="-6" y="-4" width="{}" height="24" rx="3" fill="{}" fill-opacity="0.85"/><path d="M0 4V10H{}V4" fill="none" stroke="{}" stroke-width="2"/><text x="{}" y="8" dominant-baseline="central" font-size="12" fill="{}">{}</text></g>"#,
        num(x),
        num(y),
        num(bar.metres),
        num(w + label_w + 20.0),
        theme.halo(),
        num(w),
        theme.text(),
        num(w + 8.0),
        theme.text(),
        escape(&bar.label)
    );
}

fn write_north_arrow(out: &mut String, layout: &Layout, theme: Theme, lang: Lang) {
    let (x, y) = (layout.map.x + layout.map.w - 30.0, layout.map.y + 12.0);
    // Web Mercator: north is straight up.
    let _ = writeln!(
        out,
        r#"<g class="north-arrow" transform="translate({} {})"><rect x="-18" y="0" width="36" height="50" rx="4" fill="{}" fill-opacity="0.85"/><path d="M0 5L9 27L0 22Z" fill="{}"/><path d="M0 5L-9 27L0 22Z" fill="none" stroke="{}" stroke-width="1.2" stroke-linejoin="round"/><text x="0" y="38" text-anchor="middle" dominant-baseline="central" font-size="13" font-weight="700" fill="{}">{}</text></g>"#,
        num(x),
        num(y),
        theme.halo(),
        theme.text(),
        theme.text(),
        theme.text(),
        escape(Text::NorthArrow.get(lang))
    );
}

/// What a legend row shows left of its text.
#[derive(Clone, Debug, PartialEq)]
enum Swatch {
    Symbol {
        symbol: Symbol,
        fill: &'static str,
        stroke: &'static str,
        width: &'static str,
        dash: Option<&'static str>,
    },
    /// An area and/or a line, painted as on the map.
    Shape {
        area: Option<Paint>,
        line: Option<Paint>,
    },
    /// The zones' tones and hatches, side by side.
    Zones(Vec<usize>),
    Cluster,
    /// A text-only note.
    None,
}

#[derive(Clone, Debug, PartialEq)]
struct Entry {
    swatch: Swatch,
    text: String,
    class: String,
}

/// One row per category drawn in the scene (Category::ALL order), then the approximate
/// position symbol, clusters and the schematic note where they apply.
fn legend_entries(scene: &Scene, clustered: &[Category]) -> Vec<Entry> {
    let theme = scene.theme;
    let lang = scene.lang;
    let mut out = vec![];
    for &c in Category::ALL {
        let has_marker =
            scene.overlay.markers.iter().any(|m| m.category == c) || clustered.contains(&c);
        let shapes: Vec<&Shape> = scene.shapes.iter().filter(|s| s.category == c).collect();
        let swatch = if has_marker {
            let style = marker_style(c, theme);
            Swatch::Symbol {
                symbol: style.symbol,
                fill: style.colour,
                stroke: theme.halo(),
                width: "1.5",
                dash: None,
            }
        } else if c == Category::Zone && !shapes.is_empty() {
            let mut tones: Vec<usize> = shapes.iter().filter_map(|s| s.paint.hatch).collect();
            tones.sort_unstable();
            tones.dedup();
            Swatch::Zones(tones)
        } else if !shapes.is_empty() {
            Swatch::Shape {
                area: shapes.iter().find(|s| !s.is_line).map(|s| s.paint),
                line: shapes.iter().find(|s| s.is_line).map(|s| s.paint),
            }
        } else {
            continue;
        };
        out.push(Entry {
            swatch,
            text: c.name(lang).to_string(),
            class: format!("legend-entry cat-{}", c.code()),
        });
    }
    let o = &scene.overlay;
    if !o.markers.is_empty() || !o.clusters.is_empty() {
        out.push(Entry {
            swatch: Swatch::Symbol {
                symbol: Symbol::Circle,
                fill: theme.land(),
                stroke: muted(theme),
                width: "2",
                dash: Some("2.5 2"),
            },
            text: Text::ApproximatePosition.get(lang).to_string(),
            class: "legend-entry approximate".into(),
        });
    }
    if !o.clusters.is_empty() {
        out.push(Entry {
            swatch: Swatch::Cluster,
            text: Text::ClusterOfPlaces.get(lang).to_string(),
            class: "legend-entry cluster".into(),
        });
    }
    if scene
        .shapes
        .iter()
        .any(|s| matches!(s.category, Category::Zone | Category::Belt))
    {
        out.push(Entry {
            swatch: Swatch::None,
            text: Text::SchematicNote.get(lang).to_string(),
            class: "legend-note schematic".into(),
        });
    }
    out
}

fn write_swatch(out: &mut String, swatch: &Swatch, cx: f64, cy: f64, theme: Theme) {
    match swatch {
        Swatch::Symbol {
            symbol,
            fill,
            stroke,
            width,
            dash,
        } => {
            let dash = dash
                .map(|d| format!(r#" stroke-dasharray="{d}""#))
                .unwrap_or_default();
            let _ = write!(
                out,
                r#"<path class="symbol" transform="translate({} {})" d="{}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}/>"#,
                num(cx),
                num(cy),
                symbol.path()
            );
        }
        Swatch::Shape { area, line } => {
            if let Some(p) = area {
                let dash = if p.dash.is_empty() {
                    String::new()
                } else {
                    format!(r#" stroke-dasharray="{}""#, p.dash)
                };
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="28" height="16" fill="{}" fill-opacity="{}" stroke="{}" stroke-width="{}"{dash}/>"#,
                    num(cx - 14.0),
                    num(cy - 8.0),
                    p.fill,
                    num(p.fill_opacity as f64),
                    p.stroke,
                    num((p.stroke_width as f64).min(2.5)),
                );
            }
            if let Some(p) = line {
                let dash = if p.dash.is_empty() {
                    String::new()
                } else {
                    format!(r#" stroke-dasharray="{}""#, p.dash)
                };
                let _ = write!(
                    out,
                    r#"<path d="M{} {}H{}" fill="none" stroke="{}" stroke-width="{}"{dash} stroke-linecap="butt"/>"#,
                    num(cx - 14.0),
                    num(cy),
                    num(cx + 14.0),
                    p.stroke,
                    num(p.stroke_width as f64),
                );
            }
        }
        Swatch::Zones(tones) => {
            let n = tones.len().max(1) as f64;
            let strip = 28.0 / n;
            for (i, t) in tones.iter().enumerate() {
                let x = cx - 14.0 + i as f64 * strip;
                let colour = crate::scene::style::tone_colour(*t, theme);
                let _ = write!(
                    out,
                    r#"<rect x="{x}" y="{y}" width="{w}" height="16" fill="{colour}" fill-opacity="0.1"/><rect x="{x}" y="{y}" width="{w}" height="16" fill="url(#legend-{})" stroke="{colour}" stroke-width="1.2" stroke-dasharray="3 2"/>"#,
                    HATCHES[*t % HATCHES.len()].id,
                    x = num(x),
                    y = num(cy - 8.0),
                    w = num(strip),
                );
            }
        }
        Swatch::Cluster => {
            let _ = write!(
                out,
                r#"<circle cx="{}" cy="{}" r="9" fill="{}" stroke="{}" stroke-width="1.5"/><text x="{}" y="{}" text-anchor="middle" dominant-baseline="central" font-size="9" font-weight="700" fill="{}">3</text>"#,
                num(cx),
                num(cy),
                theme.text(),
                theme.halo(),
                num(cx),
                num(cy),
                theme.halo()
            );
        }
        Swatch::None => {}
    }
}

fn write_legend(out: &mut String, scene: &Scene, layout: &Layout, clustered: &[Category]) {
    let Some(frame) = layout.legend else {
        return;
    };
    let theme = scene.theme;
    let lang = scene.lang;
    let entries = legend_entries(scene, clustered);
    let (x0, y0) = (frame.x, frame.y);
    let text_x = x0 + LEGEND_PAD + 30.0 + 10.0;
    let text_w = frame.w - (text_x - x0) - LEGEND_PAD;
    let line = 15.0;
    let mut body = String::new();
    let mut y = y0 + LEGEND_PAD + 18.0 + 8.0;
    for e in &entries {
        let (lines, x, px, fill) = if e.swatch == Swatch::None {
            (
                wrap(&e.text, 11.0, frame.w - 2.0 * LEGEND_PAD),
                x0 + LEGEND_PAD,
                11.0,
                muted(theme),
            )
        } else {
            (wrap(&e.text, 12.0, text_w), text_x, 12.0, theme.text())
        };
        let row_h = (lines.len() as f64 * line + 7.0).max(24.0);
        let cy = y + row_h / 2.0;
        let _ = write!(body, r#"<g class="{}">"#, e.class);
        write_swatch(&mut body, &e.swatch, x0 + LEGEND_PAD + 15.0, cy, theme);
        let n = lines.len() as f64;
        for (i, l) in lines.iter().enumerate() {
            let ly = cy + (i as f64 - (n - 1.0) / 2.0) * line;
            let _ = write!(
                body,
                r#"<text x="{}" y="{}" dominant-baseline="central" font-size="{}" fill="{fill}">{}</text>"#,
                num(x),
                num(ly),
                num(px),
                escape(l)
            );
        }
        body.push_str("</g>\n");
        y += row_h;
    }
    let panel_h = y - y0 + LEGEND_PAD;
    // A legend taller than the map is shrunk to fit beside it.
    let s = if panel_h > frame.h && panel_h > 0.0 {
        frame.h / panel_h
    } else {
        1.0
    };
    let transform = if s < 1.0 {
        format!(
            r#" transform="translate({} {}) scale({}) translate({} {})""#,
            num(x0),
            num(y0),
            s,
            num(-x0),
            num(-y0)
        )
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        r#"<g class="legend"{transform}><rect class="legend-panel" x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" stroke="{}" stroke-width="1"/><text class="legend-title" x="{}" y="{}" font-size="14" font-weight="700" fill="{}">{}</text>"#,
        num(x0),
        num(y0),
        num(frame.w),
        num(panel_h),
        theme.land(),
        muted(theme),
        num(x0 + LEGEND_PAD),
        num(y0 + LEGEND_PAD + 14.0),
        theme.text(),
        escape(Text::Legend.get(lang))
    );
    out.push_str(&body);
    out.push_str("</g>\n");
}

fn write_attribution(out: &mut String, layout: &Layout, theme: Theme) {
    let n = layout.attribution.len() as f64;
    let top = layout.height - 10.0 - n * ATTRIBUTION_LINE;
    out.push_str("<g class=\"attribution\">");
    for (i, l) in layout.attribution.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>"#,
            num(MARGIN),
            num(top + (i as f64 + 0.75) * ATTRIBUTION_LINE),
            num(ATTRIBUTION_PX),
            muted(theme),
            escape(l)
        );
    }
    out.push_str("</g>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::viewport::Viewport;
    use crate::plan::load::load_file;
    use crate::plan::Plan;
    use crate::scene::layers::LayerSet;
    use crate::scene::world::WorldPlan;

    const HOSTILE: &str = r#"<script>alert("x")</script> & 'q' ]]> \u0001"#;

    /// A tiny plan: a district, a zone, a road, a site and an approximate project (with a
    /// hostile name).
    fn world() -> WorldPlan {
        let hostile = HOSTILE.replace('"', "\\\"");
        let props = |id: &str, cat: &str, prec: &str, name: &str| {
            format!(
                r#""properties":{{"id":"{id}","name_zh":"{name}","name_en":"{name}","category":"{cat}","precision":"{prec}","source_zh":"test","source_en":"test","quote":"q","position_source_zh":"test","position_source_en":"test","schematic":true}}"#
            )
        };
        let poly = "[[[116.90,36.50],[117.05,36.50],[117.05,36.65],[116.90,36.65],[116.90,36.50]]]";
        let zone = "[[[116.92,36.52],[117.00,36.52],[117.00,36.60],[116.92,36.60],[116.92,36.52]]]";
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[
{{"type":"Feature",{},"geometry":{{"type":"Polygon","coordinates":{poly}}}}},
{{"type":"Feature",{},"geometry":{{"type":"Polygon","coordinates":{zone}}}}},
{{"type":"Feature",{},"geometry":{{"type":"LineString","coordinates":[[116.91,36.55],[117.04,36.58]]}}}},
{{"type":"Feature",{},"geometry":{{"type":"Point","coordinates":[116.95,36.56]}}}},
{{"type":"Feature",{},"geometry":{{"type":"Point","coordinates":[117.02,36.62]}}}}
]}}"#,
            props("district", "district", "site", "市中区"),
            props("zone.north", "zone", "approximate", "北服务"),
            props("road.x", "road", "approximate", "经十路"),
            props("project.a", "renewal", "site", "城市更新项目"),
            props("project.evil", "land", "approximate", &hostile),
        );
        let load = load_file("test.geojson", text.as_bytes());
        assert!(
            load.features.len() == 5,
            "{:?}",
            load.problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
        );
        WorldPlan::new(Plan::from_loads(vec![load]))
    }

    fn scene(world: &WorldPlan, layers: LayerSet, lang: Lang) -> Scene {
        let view = Viewport::fit(world.home, 700.0, 600.0, 16.0);
        crate::scene::build(world, &view, layers, lang, Theme::Light, None)
    }

    fn parse(svg: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}"))
    }

    fn ids(doc: &roxmltree::Document) -> Vec<String> {
        doc.descendants()
            .filter_map(|n| n.attribute("data-id"))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn document_is_well_formed_svg_with_every_shape_and_marker() {
        let w = world();
        let s = scene(&w, LayerSet::ALL, Lang::Zh);
        let svg = to_svg(&s, &SvgOptions::default());
        let doc = parse(&svg);
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        assert!(root.attribute("viewBox").is_some());
        let ids = ids(&doc);
        assert!(!s.shapes.is_empty());
        for shape in &s.shapes {
            assert!(ids.contains(&shape.feature_id), "{}", shape.feature_id);
        }
        for m in &s.overlay.markers {
            assert!(ids.contains(&m.feature_id), "{}", m.feature_id);
        }
        // No reliance on vector-effect: strokes are baked.
        assert!(!svg.contains("vector-effect"));
    }

    #[test]
    fn legend_lists_visible_categories_and_the_notes() {
        let w = world();
        let s = scene(&w, LayerSet::ALL, Lang::En);
        let svg = to_svg(&s, &SvgOptions::default());
        let doc = parse(&svg);
        let legend = doc
            .descendants()
            .find(|n| n.attribute("class") == Some("legend"))
            .expect("a legend");
        let text: String = legend
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join("|");
        for c in [
            Category::District,
            Category::Zone,
            Category::Road,
            Category::Renewal,
            Category::Land,
        ] {
            assert!(text.contains(c.name_en()), "{c:?} missing from {text}");
        }
        assert!(!text.contains(Category::Axis.name_en()), "{text}");
        assert!(text.contains("Legend") && text.contains("Approximate position"));
        assert!(text.contains("schematic"), "{text}");
        // Furniture: title, scale bar, north arrow, attribution.
        for class in ["title", "scale-bar", "north-arrow", "attribution"] {
            assert!(
                doc.descendants()
                    .any(|n| n.attribute("class") == Some(class)),
                "{class}"
            );
        }
        assert!(svg.contains(">N</text>") && svg.contains("Shizhong Plan Map"));
    }

    #[test]
    fn hidden_layers_are_absent() {
        let w = world();
        let layers = LayerSet::ALL
            .with(Category::Road, false)
            .with(Category::Land, false);
        let s = scene(&w, layers, Lang::Zh);
        let svg = to_svg(&s, &SvgOptions::default());
        let ids = ids(&parse(&svg));
        assert!(!ids.iter().any(|i| i == "road.x" || i == "project.evil"));
        assert!(ids.iter().any(|i| i == "district") && ids.iter().any(|i| i == "project.a"));
        assert!(!svg.contains(Category::Road.name_zh()));
    }

    #[test]
    fn hostile_text_is_escaped() {
        let w = world();
        let s = scene(&w, LayerSet::ALL, Lang::Zh);
        assert!(s
            .overlay
            .markers
            .iter()
            .any(|m| m.feature_id == "project.evil"));
        let svg = to_svg(&s, &SvgOptions::default());
        assert!(!svg.contains("<script>"), "raw markup leaked");
        assert!(!svg.contains('\u{1}'));
        let doc = parse(&svg);
        assert!(!doc.descendants().any(|n| n.tag_name().name() == "script"));
        // The marker's title carries the name back, intact (the control character replaced).
        let want = HOSTILE.replace("\\u0001", "\u{fffd}");
        let title = doc
            .descendants()
            .find(|n| n.attribute("data-id") == Some("project.evil") && n.tag_name().name() == "g")
            .and_then(|g| g.children().find(|c| c.tag_name().name() == "title"))
            .and_then(|t| t.text())
            .expect("the marker's title");
        assert!(title.starts_with(&want), "{title:?}");
        assert_eq!(escape("&<>\"'"), "&amp;&lt;&gt;&quot;&apos;");
    }

    #[test]
    fn strokes_are_baked_into_layer_units() {
        let w = world();
        let s = scene(&w, LayerSet::ALL, Lang::Zh);
        let svg = to_svg(&s, &SvgOptions::default());
        let doc = parse(&svg);
        let district = doc
            .descendants()
            .find(|n| n.attribute("data-id") == Some("district"))
            .unwrap();
        let sw: f64 = district.attribute("stroke-width").unwrap().parse().unwrap();
        // 2.5 px on screen.
        assert!((sw * s.transform.k - 2.5).abs() < 0.01, "{sw}");
    }

    #[test]
    fn bare_map_and_selection() {
        let w = world();
        let view = Viewport::fit(w.home, 500.0, 400.0, 16.0);
        let s = crate::scene::build(
            &w,
            &view,
            LayerSet::ALL,
            Lang::En,
            Theme::Dark,
            Some("zone.north"),
        );
        let opts = SvgOptions {
            furniture: false,
            selected: Some("zone.north".into()),
            ..SvgOptions::default()
        };
        let svg = to_svg(&s, &opts);
        let doc = parse(&svg);
        let root = doc.root_element();
        assert_eq!(root.attribute("width"), Some("500"));
        assert!(!svg.contains("class=\"legend\""));
        assert!(doc
            .descendants()
            .any(|n| n.attribute("class") == Some("highlight")
                && n.attribute("data-for") == Some("zone.north")));
    }

    #[test]
    fn page_layout_round_trips() {
        for lang in [Lang::Zh, Lang::En] {
            let l = Layout::for_page(793.6, 1122.56, lang).unwrap();
            let again = Layout::around_map(l.map.w, l.map.h, lang);
            assert!((again.width - 793.6).abs() < 1e-6 && (again.height - 1122.56).abs() < 1e-6);
            assert!(!l.attribution.is_empty(), "{:?}", l.attribution);
            let h = Layout::page_height_for(1200.0, 1.8, lang);
            let l = Layout::for_page(1200.0, h, lang).unwrap();
            assert!((l.map.h / l.map.w - 1.8).abs() < 1e-6);
        }
        assert!(Layout::for_page(300.0, 300.0, Lang::Zh).is_none());
        assert!(Layout::for_page(f64::NAN, 300.0, Lang::Zh).is_none());
    }

    #[test]
    fn wrapping() {
        assert_eq!(wrap("aa bb cc", 10.0, 40.0), vec!["aa bb", "cc"]);
        let zh = wrap("分区边界与科创带宽度为示意", 10.0, 52.0);
        assert!(zh.len() > 1 && zh.concat() == "分区边界与科创带宽度为示意");
        assert_eq!(wrap("", 10.0, 50.0), Vec::<String>::new());
        assert_eq!(num(1.0 / 3.0), "0.333");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(scaled_dash("6 4", 0.5), "12 8");
    }

    #[test]
    fn real_data_home_view() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata");
        let plan = crate::tools::check::load_dir(&dir);
        let w = WorldPlan::new(plan);
        let s = scene(&w, LayerSet::ALL, Lang::Zh);
        let svg = to_svg(&s, &SvgOptions::default());
        let doc = parse(&svg);
        let ids = ids(&doc);
        for shape in &s.shapes {
            assert!(ids.contains(&shape.feature_id), "{}", shape.feature_id);
        }
        assert!(!s.overlay.labels.is_empty());
        for l in &s.overlay.labels {
            assert!(svg.contains(&escape(&l.text)), "{}", l.text);
        }
    }
}
