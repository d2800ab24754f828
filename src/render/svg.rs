//! A [`Scene`] as a standalone SVG document: the same drawables the page shows (see
//! [`crate::present`]), plus map furniture for a printed or shared map — a title, a legend, a
//! metric scale bar, a north arrow and the attribution.

use super::furniture;
pub use super::layout::Layout;
use super::legend::{legend, HATCH_PREFIX};
use super::underlay::Underlay;
use super::xml::{escape, write, write_all};
use crate::i18n::Text;
use crate::present::{self, num, El};
use crate::scene::style::{tone_colour, HATCHES};
use crate::scene::Scene;

/// The font families asked for: CJK-capable sans fonts first (Debian's WenQuanYi Micro Hei and
/// Noto Sans CJK, then common desktop ones), so Chinese labels never fall back to tofu.
pub const FONT_FAMILY: &str = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', \
                               'PingFang SC', 'Microsoft YaHei', sans-serif";

/// How to write the document.
#[derive(Clone, Debug, PartialEq)]
pub struct SvgOptions {
    /// Title, legend, scale bar, north arrow and attribution around the map. Without them the
    /// document is the map alone, the size of the scene's view.
    pub furniture: bool,
    /// The root `font-family`.
    pub font_family: String,
    /// The document's physical size in millimetres, for print (`width="210mm"`); `None`
    /// gives its size in CSS pixels.
    pub size_mm: Option<(f64, f64)>,
    /// Tiles under the map (a basemap the page fetched), whose credit joins the attribution.
    pub underlay: Option<Underlay>,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            furniture: true,
            font_family: FONT_FAMILY.to_string(),
            size_mm: None,
            underlay: None,
        }
    }
}

/// Write the whole document.
pub fn to_svg(scene: &Scene, options: &SvgOptions) -> String {
    let (w, h) = (scene.view.width, scene.view.height);
    let layout = if options.furniture {
        let layout = Layout::around_map(w, h, scene.lang);
        match &options.underlay {
            Some(u) => layout.with_credit(&u.credit, scene.lang),
            None => layout,
        }
    } else {
        Layout::bare(w, h)
    };
    to_svg_with_layout(scene, options, &layout)
}

/// The legend's hatch patterns, in page pixels (the map's own are counter-scaled).
fn legend_hatches(scene: &Scene) -> impl Iterator<Item = El> + '_ {
    HATCHES.iter().enumerate().map(|(i, hatch)| {
        let colour = tone_colour(i, scene.theme);
        El::new("pattern")
            .attr("id", format!("{HATCH_PREFIX}{}", hatch.id))
            .attr("patternUnits", "userSpaceOnUse")
            .attr("width", "8")
            .attr("height", "8")
            .child(
                El::new("path")
                    .attr("d", hatch.tile)
                    .attr("stroke", colour)
                    .attr("stroke-width", "1.2")
                    .attr("fill", colour)
                    .attr("stroke-opacity", "0.55")
                    .attr("fill-opacity", "0.55"),
            )
    })
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
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{size_w}" height="{size_h}" viewBox="0 0 {} {}" font-family="{}" xml:lang="{}" class="shizhong-map theme-{}">"#,
        num(layout.width),
        num(layout.height),
        escape(&options.font_family),
        lang.tag(),
        theme.code(),
    ));
    out.push('\n');
    let mut doc = vec![El::new("title").text(format!(
        "{} · {}",
        Text::Title.get(lang),
        Text::Subtitle.get(lang)
    ))];
    let furnished = layout.legend.is_some();
    let m = layout.map;
    let mut defs = El::new("defs").child(
        El::new("clipPath").attr("id", "map-clip").child(
            El::new("rect")
                .attr("x", "0")
                .attr("y", "0")
                .num("width", m.w)
                .num("height", m.h),
        ),
    );
    if furnished {
        defs.children.extend(legend_hatches(scene));
    }
    if let Some(u) = &options.underlay {
        defs.children.push(u.filter(theme));
    }
    doc.push(defs);
    doc.push(
        El::new("rect")
            .class("background")
            .attr("x", "0")
            .attr("y", "0")
            .num("width", layout.width)
            .num("height", layout.height)
            .attr("fill", theme.background()),
    );
    // The map, clipped to its frame: exactly what the page draws.
    doc.push(
        El::new("g")
            .class("map")
            .attr("transform", format!("translate({} {})", num(m.x), num(m.y)))
            .attr("clip-path", "url(#map-clip)")
            .children(options.underlay.as_ref().map(|u| u.layer(theme)))
            .children(present::map(scene, present::Options::default())),
    );
    if let Some(frame) = layout.legend {
        doc.push(furniture::map_frame(layout, theme));
        doc.push(furniture::title(layout, theme, lang));
        doc.push(furniture::scale_bar(&scene.scale_bar, layout, theme));
        doc.push(furniture::north_arrow(layout, theme, lang));
        doc.push(legend(&scene.legend, frame, theme, lang));
        doc.extend(furniture::quote(layout, theme));
        doc.push(furniture::attribution(layout, theme));
    }
    write_all(&mut out, &doc);
    out.push_str("</svg>\n");
    out
}

/// The map's drawables alone as SVG markup (no document around them): what the page's
/// `<svg>` holds for the same scene. The pre-rendered first view is made of this.
pub fn map_markup(scene: &Scene) -> String {
    let mut out = String::new();
    for e in present::map(scene, present::Options::default()) {
        write(&mut out, &e);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::viewport::Viewport;
    use crate::i18n::Lang;
    use crate::plan::load::load_file;
    use crate::plan::Category;
    use crate::plan::Plan;
    use crate::scene::layers::LayerSet;
    use crate::scene::style::Theme;
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
        // Each zone has a row of its own, under its name (the test zone is called 北服务).
        assert!(text.contains("北服务"), "{text}");
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
    fn real_data_home_view() {
        let plan = crate::tools::check::committed_plan();
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

    #[test]
    fn an_underlay_goes_under_the_map_and_its_credit_into_the_attribution() {
        use super::super::underlay::{Underlay, UnderlayTile, FILTER_ID};
        let w = world();
        let mut s = scene(&w, LayerSet::ALL, Lang::En);
        s.over_tiles = true;
        let credit =
            "Basemap © OpenStreetMap contributors, a long credit that needs a line of its own";
        let opts = SvgOptions {
            underlay: Some(Underlay {
                tiles: vec![UnderlayTile {
                    id: crate::basemap::tiles::TileId { z: 13, x: 1, y: 2 },
                    left: -20.0,
                    top: 10.0,
                    size: 256.0,
                    href: "data:image/png;base64,iVBORw0KGgo=".into(),
                }],
                credit: credit.into(),
            }),
            ..SvgOptions::default()
        };
        let plain = to_svg(&s, &SvgOptions::default());
        let svg = to_svg(&s, &opts);
        let doc = parse(&svg);
        let map = doc
            .descendants()
            .find(|n| n.attribute("class") == Some("map"))
            .unwrap();
        let first = map.children().find(|n| n.is_element()).unwrap();
        assert_eq!(
            first.attribute("class"),
            Some("basemap"),
            "tiles first, under the plan"
        );
        let image = first.children().find(|n| n.is_element()).unwrap();
        assert_eq!(image.attribute("filter"), Some("url(#basemap-look)"));
        assert_eq!(
            image.attribute("href"),
            Some("data:image/png;base64,iVBORw0KGgo=")
        );
        assert_eq!(
            (image.attribute("x"), image.attribute("width")),
            (Some("-20"), Some("256"))
        );
        assert!(doc
            .descendants()
            .any(|n| n.attribute("id") == Some(FILTER_ID)));
        let attribution: String = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("attribution"))
            .flat_map(|g| g.descendants().filter_map(|t| t.text()))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            attribution.contains("OpenStreetMap contributors"),
            "{attribution}"
        );
        let height = |d: &roxmltree::Document| -> f64 {
            d.root_element()
                .attribute("height")
                .unwrap()
                .parse()
                .unwrap()
        };
        assert!(
            height(&doc) > height(&parse(&plain)),
            "the credit's line makes the page taller"
        );
        assert!(!plain.contains("basemap"), "no underlay, no tiles");
    }
}
