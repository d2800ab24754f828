//! The map itself as drawables: hatch patterns, the background, areas and lines (with their
//! hatches, hit twins and the selection outline) under the layer transform, then the overlay
//! in screen pixels — the uncertainty ring, labels, markers and cluster badges.
//!
//! Strokes keep their on-screen width at every zoom by being written in layer units (width
//! ÷ scale), so no renderer needs `vector-effect` (resvg does not support it).

use super::element::{fixed, num, El};
use crate::i18n::Lang;
use crate::number::parse_decimal;
use crate::scene::overlay::{
    ClusterMarker, Label, Marker, Overlay, Ring, CLUSTER_BADGE_RADIUS, SELECTED_RING,
};
use crate::scene::style::{marker_style, tone_colour, Theme, HATCHES};
use crate::scene::text::line_height;
use crate::scene::{LayerTransform, Scene, Shape};

/// Hit area radius of markers: 44 px touch targets (the scene keeps markers whose hit area
/// is not wholly on screen out of the tab order).
pub const HIT_RADIUS: f64 = crate::scene::canvas::TARGET_RADIUS;
/// Lines are easy to hit: an invisible stroke this wide, pixels.
pub const LINE_HIT_PX: f64 = 16.0;
/// Extra width of the selection outline over the shape's own stroke, pixels.
pub const HIGHLIGHT_EXTRA_PX: f64 = 3.0;

/// How the drawables are meant to be used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Markers and clusters are buttons (the live page): they get `role`, `tabindex`,
    /// `aria-label` and `aria-pressed`. Nothing else differs.
    pub interactive: bool,
    /// Put before element ids (the hatch patterns), so several maps can share one document
    /// (the pre-rendered first view's pictures beside the live map).
    pub id_prefix: &'static str,
}

/// Attributes only an interactive map carries (see [`Options::interactive`]).
pub const INTERACTIVE_ATTRS: [&str; 4] = ["role", "tabindex", "aria-label", "aria-pressed"];

/// The map's content, bottom first: `defs`, the background, the shapes group, the overlay
/// group. The page puts these in its `<svg>`; the static writer in its map frame.
pub fn map(scene: &Scene, options: Options) -> Vec<El> {
    let k = scene.transform.k.max(1e-9);
    vec![
        defs(scene.theme, k, options.id_prefix),
        // Over tiles the background stays (it still takes clicks) but lets them show.
        El::new("rect")
            .class("map-bg")
            .attr("width", "100%")
            .attr("height", "100%")
            .attr("fill", scene.theme.background())
            .attr_opt("fill-opacity", scene.over_tiles.then_some("0")),
        shapes(scene, k, options.id_prefix),
        overlay(&scene.overlay, scene.theme, scene.lang, options),
    ]
}

/// The zone hatches, counter-scaled so they keep an 8 px pitch on screen at every zoom.
fn defs(theme: Theme, k: f64, prefix: &str) -> El {
    El::new("defs").children(HATCHES.iter().enumerate().map(|(i, h)| {
        let colour = tone_colour(i, theme);
        El::new("pattern")
            .attr("id", format!("{prefix}{}", h.id))
            .attr("patternUnits", "userSpaceOnUse")
            .attr("width", "8")
            .attr("height", "8")
            .attr("patternTransform", format!("scale({})", fixed(1.0 / k, 5)))
            .child(
                El::new("path")
                    .attr("d", h.tile)
                    .attr("stroke", colour)
                    .attr("stroke-width", "1.2")
                    .attr("fill", colour)
                    .attr("stroke-opacity", "0.55")
                    .attr("fill-opacity", "0.55"),
            )
    }))
}

/// The layer transform as an SVG attribute value.
pub fn transform_attr(t: LayerTransform) -> String {
    let k = fixed(t.k, 9);
    format!("matrix({k} 0 0 {k} {} {})", num(t.tx), num(t.ty))
}

/// `stroke-dasharray` in layer units for a dash given in screen pixels.
pub fn scaled_dash(dash: &str, k: f64) -> String {
    dash.split([' ', ','])
        .filter_map(parse_decimal)
        .map(|v| num(v / k))
        .collect::<Vec<_>>()
        .join(" ")
}

fn shape_class(s: &Shape) -> String {
    format!(
        "shape cat-{}{}",
        s.category.code(),
        if s.is_line { " line" } else { " area" }
    )
}

fn shapes(scene: &Scene, k: f64, prefix: &str) -> El {
    let mut g = El::new("g")
        .class("layer-shapes")
        .attr("transform", transform_attr(scene.transform));
    for s in &scene.shapes {
        let p = if scene.over_tiles {
            crate::scene::style::over_tiles(s.paint, s.category)
        } else {
            s.paint
        };
        g.children.push(
            El::new("path")
                .class(shape_class(s))
                .attr("data-id", s.feature_id.clone())
                .attr("d", s.d.clone())
                .attr("fill", p.fill)
                .num("fill-opacity", p.fill_opacity as f64)
                .attr("stroke", p.stroke)
                .num("stroke-width", p.stroke_width as f64 / k)
                .attr_opt(
                    "stroke-dasharray",
                    (!p.dash.is_empty()).then(|| scaled_dash(p.dash, k)),
                )
                .attr("stroke-linejoin", "round")
                .attr("stroke-linecap", "round"),
        );
        if let Some(h) = p.hatch.and_then(|h| HATCHES.get(h)) {
            g.children.push(
                El::new("path")
                    .class("hatch")
                    .attr("d", s.d.clone())
                    .attr("fill", format!("url(#{prefix}{})", h.id))
                    .attr("stroke", "none")
                    .attr("pointer-events", "none"),
            );
        }
        if s.is_line {
            g.children.push(
                El::new("path")
                    .class("line-hit")
                    .attr("data-id", s.feature_id.clone())
                    .attr("d", s.d.clone())
                    .attr("fill", "none")
                    .attr("stroke", "transparent")
                    .num("stroke-width", LINE_HIT_PX / k),
            );
        }
    }
    // The selected area or line, and those a story step highlights, outlined on top — only
    // those the filter shows.
    let outlined = scene
        .highlighted
        .iter()
        .map(String::as_str)
        .chain(scene.selected.as_deref());
    let mut done: Vec<&str> = vec![];
    for id in outlined {
        if done.contains(&id) {
            continue;
        }
        done.push(id);
        let Some(s) = scene.shapes.iter().find(|s| s.feature_id == id) else {
            continue;
        };
        g.children.push(
            El::new("path")
                .class("highlight")
                .attr("data-for", s.feature_id.clone())
                .attr("d", s.d.clone())
                .attr("fill", "none")
                .attr("stroke", scene.theme.highlight())
                .num(
                    "stroke-width",
                    (s.paint.stroke_width as f64 + HIGHLIGHT_EXTRA_PX) / k,
                )
                .attr("stroke-linejoin", "round")
                .attr("pointer-events", "none"),
        );
    }
    g
}

fn overlay(o: &Overlay, theme: Theme, lang: Lang, options: Options) -> El {
    let mut g = El::new("g").class("layer-overlay");
    if let Some(r) = o.ring {
        g.children.push(ring(r, theme));
    }
    g.children.push(
        El::new("g")
            .class("labels")
            .children(o.labels.iter().map(|l| label(l, theme))),
    );
    g.children.push(
        El::new("g")
            .class("markers")
            .children(o.markers.iter().map(|m| marker(m, theme, lang, options)))
            .children(o.clusters.iter().map(|c| cluster(c, theme, lang, options))),
    );
    g
}

fn ring(r: Ring, theme: Theme) -> El {
    El::new("circle")
        .class("uncertainty")
        .num("cx", r.cx)
        .num("cy", r.cy)
        .num("r", r.r)
        .attr("fill", theme.highlight())
        .attr("fill-opacity", "0.06")
        .attr("stroke", theme.highlight())
        .attr("stroke-width", "1.5")
        .attr("stroke-dasharray", "6 4")
        .attr("pointer-events", "none")
}

fn label(l: &Label, theme: Theme) -> El {
    let rotate = (l.angle != 0.0 && l.angle.is_finite())
        .then(|| format!("rotate({} {} {})", num(l.angle), num(l.cx), num(l.cy)));
    let text = El::new("text")
        .class("label")
        .attr("data-id", l.feature_id.clone())
        .num("x", l.cx)
        .num("y", l.cy)
        .attr_opt("transform", rotate)
        .attr("text-anchor", "middle")
        .attr("dominant-baseline", "central")
        .num("font-size", l.font_px)
        .attr("font-weight", if l.bold { "700" } else { "400" })
        .attr(
            "fill",
            if l.muted {
                theme.muted_text()
            } else {
                theme.text()
            },
        )
        .attr("stroke", theme.halo())
        .attr("stroke-width", "3")
        .attr("stroke-linejoin", "round")
        .attr("paint-order", "stroke")
        .attr("aria-hidden", "true")
        .attr("pointer-events", "none");
    match &l.lines[..] {
        [_, _, ..] => {
            // One run per line, centred as a block on the label's centre.
            let step = line_height(l.font_px);
            let top = l.cy - step * (l.lines.len() as f64 - 1.0) / 2.0;
            text.children(l.lines.iter().enumerate().map(|(i, line)| {
                El::new("tspan")
                    .num("x", l.cx)
                    .num("y", top + step * i as f64)
                    .text(line.clone())
            }))
        }
        _ => text.text(l.text.clone()),
    }
}

/// A marker's accessible name: its name, and whether its position is only approximate.
pub fn marker_name(m: &Marker, lang: Lang) -> String {
    let note = if m.approximate {
        lang.pick("（位置示意）", " (approximate position)")
    } else {
        ""
    };
    format!("{}{note}", m.name)
}

/// Button attributes for an interactive map. Buttons off screen or under a panel are left out
/// of the tab order (they can still be clicked where they show).
fn button(e: El, options: Options, name: &str, pressed: Option<bool>, reachable: bool) -> El {
    if !options.interactive {
        return e;
    }
    e.attr("role", "button")
        .attr("tabindex", if reachable { "0" } else { "-1" })
        .attr("aria-label", name.to_string())
        .attr_opt("aria-pressed", pressed.map(|p| p.to_string()))
}

fn marker(m: &Marker, theme: Theme, lang: Lang, options: Options) -> El {
    let style = marker_style(m.category, theme);
    let (fill, stroke, width, dash) = if m.approximate {
        (theme.land(), style.colour, "2", Some("2.5 2"))
    } else {
        (style.colour, theme.halo(), "1.5", None)
    };
    let name = marker_name(m, lang);
    let class = format!(
        "marker cat-{}{}{}",
        m.category.code(),
        if m.approximate { " approximate" } else { "" },
        if m.selected { " selected" } else { "" }
    );
    let g = El::new("g")
        .class(class)
        .attr("transform", format!("translate({} {})", num(m.x), num(m.y)))
        .attr("data-id", m.feature_id.clone())
        .attr(
            "data-precision",
            if m.approximate { "approximate" } else { "site" },
        );
    button(g, options, &name, Some(m.selected), m.reachable)
        .child(El::new("title").text(name))
        .child(
            El::new("circle")
                .class("hit")
                .num("r", HIT_RADIUS)
                .attr("fill", "transparent"),
        )
        .children(m.selected.then(|| {
            El::new("circle")
                .num("r", SELECTED_RING.0)
                .attr("fill", "none")
                .attr("stroke", theme.highlight())
                .num("stroke-width", SELECTED_RING.1)
        }))
        .child(
            El::new("path")
                .class("symbol")
                .attr("d", style.symbol.path())
                .attr("fill", fill)
                .attr("stroke", stroke)
                .attr("stroke-width", width)
                .attr_opt("stroke-dasharray", dash),
        )
}

/// The accessible name of a cluster: how many places, the first few names, how to see them.
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

/// The members' extent in world units, for the page to zoom to (`x0 y0 x1 y1`).
fn bounds_attr(c: &ClusterMarker) -> String {
    let (a, b) = (c.bounds.min(), c.bounds.max());
    [a.x, a.y, b.x, b.y]
        .iter()
        .map(|v| fixed(*v, 10))
        .collect::<Vec<_>>()
        .join(" ")
}

fn cluster(c: &ClusterMarker, theme: Theme, lang: Lang, options: Options) -> El {
    let label = cluster_label(lang, &c.names);
    let count = c.feature_ids.len().to_string();
    let g = El::new("g")
        .class("cluster")
        .attr("transform", format!("translate({} {})", num(c.x), num(c.y)))
        .attr("data-count", count.clone())
        .attr("data-ids", c.feature_ids.join(" "))
        .attr("data-bounds", bounds_attr(c));
    button(g, options, &label, None, c.reachable)
        .child(El::new("title").text(label))
        .child(
            El::new("circle")
                .class("hit")
                .num("r", HIT_RADIUS)
                .attr("fill", "transparent"),
        )
        .child(
            El::new("circle")
                .num("r", CLUSTER_BADGE_RADIUS)
                .attr("fill", theme.text())
                .attr("stroke", theme.halo())
                .attr("stroke-width", "2"),
        )
        .child(
            El::new("text")
                .attr("text-anchor", "middle")
                .attr("dominant-baseline", "central")
                .attr("font-size", "12")
                .attr("font-weight", "700")
                .attr("fill", theme.halo())
                .attr("pointer-events", "none")
                .text(count),
        )
}

/// Parse a cluster's `data-bounds` back into world units (the page's zoom-to-cluster).
pub fn parse_bounds(s: &str) -> Option<geo::Rect<f64>> {
    let v: Vec<f64> = s.split(' ').map(parse_decimal).collect::<Option<_>>()?;
    match v[..] {
        [x0, y0, x1, y1] => Some(geo::Rect::new(
            geo::coord! { x: x0, y: y0 },
            geo::coord! { x: x1, y: y1 },
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{
        self,
        layers::{Filter, LayerSet},
        style::Theme,
        world::WorldPlan,
    };

    /// The ids outlined by `highlight` paths, in drawing order.
    fn outlined(els: &[El]) -> Vec<String> {
        fn walk(e: &El, out: &mut Vec<String>) {
            if e.get("class") == Some("highlight") {
                out.extend(e.get("data-for").map(str::to_string));
            }
            e.children.iter().for_each(|c| walk(c, out));
        }
        let mut out = vec![];
        els.iter().for_each(|e| walk(e, &mut out));
        out
    }

    #[test]
    fn a_story_steps_highlights_are_outlined_with_the_selection_once_each() {
        let world = WorldPlan::new(crate::tools::check::committed_plan());
        let view = world.home_view(800.0, 600.0);
        let mut s = scene::build(
            &world,
            &view,
            LayerSet::ALL,
            Lang::Zh,
            Theme::Light,
            Some("zone.west"),
        );
        assert_eq!(outlined(&map(&s, Options::default())), ["zone.west"]);
        s.highlighted = vec![
            "zone.north".into(),
            "zone.west".into(),
            "figure.gdp-2025".into(),
        ];
        // A highlight without a shape (a figure) draws nothing; one that is also selected once.
        assert_eq!(
            outlined(&map(&s, Options::default())),
            ["zone.north", "zone.west"]
        );
        // Only what the layers show.
        let mut s = scene::build(
            &world,
            &view,
            LayerSet::parse("district").unwrap(),
            Lang::Zh,
            Theme::Light,
            None,
        );
        s.highlighted = vec!["zone.north".into()];
        assert!(outlined(&map(&s, Options::default())).is_empty());
    }

    fn attr<'a>(e: &'a El, name: &str) -> Option<&'a str> {
        e.attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn over_tiles_the_background_lets_them_show_and_roads_give_way() {
        let world = WorldPlan::new(crate::tools::check::committed_plan());
        let view = world.home_view(800.0, 600.0);
        let filter = Filter::from(crate::scene::layers::LayerSet::ALL);
        let mut scene =
            crate::scene::build(&world, &view, filter.clone(), Lang::Zh, Theme::Light, None);
        let bg = map(&scene, Options::default())[1].clone();
        assert_eq!(attr(&bg, "class"), Some("map-bg"));
        assert_eq!(
            attr(&bg, "fill-opacity"),
            None,
            "the offline map paints its ground"
        );
        let district_fill = |s: &Scene| {
            let els = map(s, Options::default());
            let shapes = &els[2].children;
            let d = shapes
                .iter()
                .find(|e| attr(e, "data-id") == Some("district.shizhong"))
                .unwrap();
            attr(d, "fill-opacity").map(str::to_string)
        };
        assert_eq!(district_fill(&scene).as_deref(), Some("1"));
        scene.over_tiles = true;
        let bg = map(&scene, Options::default())[1].clone();
        assert_eq!(attr(&bg, "fill-opacity"), Some("0"));
        assert_eq!(
            district_fill(&scene).as_deref(),
            Some("0"),
            "the streets show through"
        );
        let roads = |f: Filter| {
            crate::scene::build(&world, &view, f, Lang::Zh, Theme::Light, None)
                .shapes
                .iter()
                .filter(|s| s.category == crate::plan::Category::Road)
                .count()
        };
        assert!(roads(filter.clone()) > 0);
        assert_eq!(roads(filter.under_tiles()), 0);
    }
}
