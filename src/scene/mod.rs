//! The scene: what to draw for a viewport, in which order and with which paint. No Leptos in
//! here, so the browser and the static export draw the same thing.

pub mod path;
pub mod style;
pub mod world;

use crate::geometry::viewport::Viewport;
use crate::plan::Category;
use path::{lod_for_zoom, path_data, LayerFrame, REF_ZOOM};
use style::{paint, Paint, Theme};
use world::WorldPlan;

/// One area or line, in layer units (see [`path`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    pub feature_id: String,
    pub category: Category,
    pub d: String,
    pub paint: Paint,
}

/// Affine map from layer units to screen pixels: `screen = k · layer + (tx, ty)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayerTransform {
    pub k: f64,
    pub tx: f64,
    pub ty: f64,
}

impl LayerTransform {
    /// The SVG `transform` attribute value.
    pub fn to_svg(self) -> String {
        format!("matrix({} 0 0 {} {} {})", self.k, self.k, self.tx, self.ty)
    }
}

/// The layer frame of a world plan: layer (0, 0) at the north-west corner of the home view.
pub fn frame(world: &WorldPlan) -> LayerFrame {
    LayerFrame {
        origin: world.home.min(),
    }
}

/// Where layer units land on screen for `view`.
pub fn layer_transform(frame: &LayerFrame, view: &Viewport) -> LayerTransform {
    let k = 2f64.powf(view.zoom - REF_ZOOM);
    let o = view.world_to_screen(frame.origin);
    LayerTransform {
        k,
        tx: o.x,
        ty: o.y,
    }
}

/// Draw order: neighbours under the district, under everything else.
fn draw_rank(c: Category) -> u8 {
    match c {
        Category::Neighbour => 0,
        Category::District => 1,
        _ => 2,
    }
}

/// Areas and lines at the level of detail for `zoom`, bottom first.
pub fn shapes(world: &WorldPlan, zoom: f64, theme: Theme) -> Vec<Shape> {
    let frame = frame(world);
    let lod = lod_for_zoom(zoom);
    let mut out: Vec<Shape> = world
        .features
        .iter()
        .filter_map(|w| {
            let f = world.feature(w);
            let d = path_data(&frame, &w.geometry, lod);
            (!d.is_empty()).then(|| Shape {
                feature_id: f.id.clone(),
                category: f.category,
                d,
                paint: paint(f.category, theme),
            })
        })
        .collect();
    out.sort_by_key(|s| draw_rank(s.category));
    out
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
}
