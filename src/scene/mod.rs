//! The scene: what to draw for a view, layer set and language, in which order and with which
//! paint. No Leptos in here, so the browser and the static export draw the same thing.
//!
//! Two parts, rebuilt at different times:
//! - **shapes** (areas and lines) in layer units under one transform: rebuilt only when the
//!   level of detail, layers or theme change — a pan or zoom only changes the transform;
//! - the **overlay** (markers, clusters, labels) in screen pixels: rebuilt when a gesture
//!   settles.

pub mod canvas;
pub mod cluster;
pub mod labels;
pub mod layers;
pub mod legend;
pub mod naming;
pub mod obb;
pub mod overlay;
pub mod path;
pub mod scale_bar;
pub mod style;
pub mod text;
pub mod world;

use crate::geometry::viewport::Viewport;
use crate::i18n::Lang;
use crate::plan::Category;
use canvas::Canvas;
use layers::Filter;
use overlay::Overlay;
use path::{lod_for_zoom, path_data, LayerFrame, REF_ZOOM};
use scale_bar::ScaleBar;
use std::sync::Arc;
use style::{paint, Paint, Theme};
use world::WorldPlan;

/// One area or line, in layer units (see [`path`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    pub feature_id: String,
    pub category: Category,
    /// Path data in layer units; shared, so rebuilding a scene never copies it.
    pub d: Arc<str>,
    pub paint: Paint,
    /// Lines are drawn without fill and hit-tested along their stroke.
    pub is_line: bool,
}

/// Affine map from layer units to screen pixels: `screen = k · layer + (tx, ty)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayerTransform {
    pub k: f64,
    pub tx: f64,
    pub ty: f64,
}

/// The layer frame of a world plan: layer (0, 0) at the north-west corner of the home view.
pub fn frame(world: &WorldPlan) -> LayerFrame {
    LayerFrame {
        origin: world.home.min(),
    }
}

/// Where layer units land on screen for `view`.
pub fn layer_transform(frame: &LayerFrame, view: &Viewport) -> LayerTransform {
    let k = crate::math::exp2(view.zoom - REF_ZOOM);
    let o = view.world_to_screen(frame.origin);
    LayerTransform {
        k,
        tx: o.x,
        ty: o.y,
    }
}

/// The affine map that moves what was drawn for `settled` to where `live` shows it:
/// `live_screen = s · settled_screen + (tx, ty)`. Applied to the overlay during a gesture.
pub fn overlay_transform(settled: &Viewport, live: &Viewport) -> LayerTransform {
    let k = crate::math::exp2(live.zoom - settled.zoom);
    let o = live.world_to_screen(settled.screen_to_world(geo::coord! { x: 0.0, y: 0.0 }));
    LayerTransform {
        k,
        tx: o.x,
        ty: o.y,
    }
}

/// Draw order, bottom first.
fn draw_rank(c: Category) -> u8 {
    match c {
        Category::Neighbour => 0,
        Category::District => 1,
        Category::Zone => 2,
        Category::Belt => 3,
        Category::Road => 4,
        Category::Axis => 6,
        _ => 5,
    }
}

fn is_line(g: &geo::Geometry<f64>) -> bool {
    matches!(
        g,
        geo::Geometry::LineString(_) | geo::Geometry::MultiLineString(_)
    )
}

/// Areas and lines at the level of detail for `zoom`, bottom first.
pub fn shapes(world: &WorldPlan, zoom: f64, filter: &Filter, theme: Theme) -> Vec<Shape> {
    let frame = frame(world);
    let lod = lod_for_zoom(zoom);
    let mut out: Vec<Shape> = world
        .features
        .iter()
        .filter(|w| world.visible(w, filter))
        .filter_map(|w| {
            let f = world.feature(w);
            let d = path_data(&frame, &w.geometry, lod);
            (!d.is_empty()).then(|| Shape {
                feature_id: f.id.clone(),
                category: f.category,
                d: d.into(),
                paint: paint(f, theme),
                is_line: is_line(&w.geometry),
            })
        })
        .collect();
    // Belt corridor under its centreline: areas before lines within a rank.
    crate::sort::sort_by_key(&mut out, |s| (draw_rank(s.category), s.is_line));
    out
}

/// Everything to draw for one settled view: what the static export renders.
#[derive(Clone, Debug)]
pub struct Scene {
    pub view: Viewport,
    pub theme: Theme,
    pub lang: Lang,
    pub transform: LayerTransform,
    pub shapes: Vec<Shape>,
    pub overlay: Overlay,
    pub scale_bar: ScaleBar,
    /// The selected feature: its marker is marked and its area or line outlined.
    pub selected: Option<String>,
    /// Features a story step highlights: their areas and lines are outlined as the
    /// selected one's is (empty outside the tour; set after building).
    pub highlighted: Vec<String>,
    /// The key to what this scene shows.
    pub legend: Vec<legend::Entry>,
    /// Drawn over a tile basemap: the map's own background is left clear so the tiles show
    /// (the page sets this; see [`crate::basemap`]).
    pub over_tiles: bool,
}

/// Build the whole scene for a view (the static export of exactly that view). `filter` is a
/// [`layers::LayerSet`], or a [`Filter`] that also keeps to one zone.
pub fn build(
    world: &WorldPlan,
    view: &Viewport,
    filter: impl Into<Filter>,
    lang: Lang,
    theme: Theme,
    selected: Option<&str>,
) -> Scene {
    build_on(
        world,
        &Canvas::exact(*view),
        &filter.into(),
        lang,
        theme,
        selected,
    )
}

/// Build the scene the page draws on `canvas` (the screen plus its margin; labels only on
/// screen). The pre-rendered first view uses this too, so the page takes over in place.
pub fn build_on(
    world: &WorldPlan,
    canvas: &Canvas,
    filter: &Filter,
    lang: Lang,
    theme: Theme,
    selected: Option<&str>,
) -> Scene {
    let view = canvas.view();
    let shapes = shapes(world, view.zoom, filter, theme);
    with_shapes(world, canvas, shapes, filter, lang, theme, selected)
}

/// [`build_on`] with the shapes already made (the page keeps them per level of detail, since
/// they do not change when the map pans).
pub fn with_shapes(
    world: &WorldPlan,
    canvas: &Canvas,
    shapes: Vec<Shape>,
    filter: &Filter,
    lang: Lang,
    theme: Theme,
    selected: Option<&str>,
) -> Scene {
    let view = canvas.view();
    let overlay = overlay::overlay_within(world, canvas, filter, lang, selected);
    let legend = legend::entries(world, filter, lang, !overlay.clusters.is_empty());
    Scene {
        view,
        theme,
        lang,
        transform: layer_transform(&frame(world), &view),
        shapes,
        overlay,
        scale_bar: scale_bar::scale_bar(&canvas.screen, 120.0),
        selected: selected.map(str::to_string),
        highlighted: vec![],
        legend,
        over_tiles: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::mercator::project;

    #[test]
    fn transform_maps_frame_origin_to_its_screen_point() {
        let frame = LayerFrame {
            origin: project(116.9, 36.7),
        };
        let view = Viewport::new(project(117.0, 36.6), 12.0, 800.0, 600.0);
        let t = layer_transform(&frame, &view);
        // A layer point maps to the screen point of its world position.
        let w = project(117.05, 36.62);
        let l = frame.to_layer(w);
        let s = view.world_to_screen(w);
        assert!((t.k * l.x + t.tx - s.x).abs() < 1e-6);
        assert!((t.k * l.y + t.ty - s.y).abs() < 1e-6);
    }

    #[test]
    fn overlay_transform_moves_settled_drawing_to_the_live_view() {
        let settled = Viewport::new(project(117.0, 36.6), 12.0, 800.0, 600.0);
        let live = settled
            .pan_by(35.0, -20.0)
            .zoom_about(geo::coord! { x: 200.0, y: 100.0 }, 12.8);
        let t = overlay_transform(&settled, &live);
        let w = project(117.02, 36.61);
        let (a, b) = (settled.world_to_screen(w), live.world_to_screen(w));
        assert!((t.k * a.x + t.tx - b.x).abs() < 1e-6 && (t.k * a.y + t.ty - b.y).abs() < 1e-6);
        // No gesture: identity.
        let id = overlay_transform(&settled, &settled);
        assert!((id.k - 1.0).abs() < 1e-12 && id.tx.abs() < 1e-9 && id.ty.abs() < 1e-9);
    }
}
