//! The plan projected once into Web Mercator world units. Everything the map draws starts
//! here; panning and zooming never re-project.

use crate::geometry::mercator::project;
use crate::plan::{Category, Plan, PlanFeature};
use geo::{BoundingRect, Geometry, MapCoords, Rect};

/// One drawn feature in world units (zoom-0 Web Mercator, y down).
#[derive(Clone, Debug)]
pub struct WorldFeature {
    /// Index into [`Plan::features`].
    pub index: usize,
    pub geometry: Geometry<f64>,
    pub bounds: Rect<f64>,
}

/// The drawable part of a plan, projected.
#[derive(Debug)]
pub struct WorldPlan {
    pub plan: Plan,
    pub features: Vec<WorldFeature>,
    /// The district's bounds (or all data's, without a district): the home view.
    pub home: Rect<f64>,
    /// All drawn data: the view may not wander further than this.
    pub extent: Rect<f64>,
}

fn union(a: Rect<f64>, b: Rect<f64>) -> Rect<f64> {
    Rect::new(
        geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
        geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
    )
}

/// Jinan's centre, for an empty plan (every file failed): the map still has somewhere to be.
fn fallback_bounds() -> Rect<f64> {
    Rect::new(project(116.80, 36.70), project(117.20, 36.45))
}

impl WorldPlan {
    pub fn new(plan: Plan) -> WorldPlan {
        let features: Vec<WorldFeature> = plan
            .features
            .iter()
            .enumerate()
            .filter(|(_, f)| f.is_drawn())
            .filter_map(|(index, f)| {
                let geometry = f.geometry.as_ref()?.map_coords(|c| project(c.x, c.y));
                let bounds = geometry.bounding_rect()?;
                Some(WorldFeature {
                    index,
                    geometry,
                    bounds,
                })
            })
            .collect();
        let bounds_of = |pred: &dyn Fn(&PlanFeature) -> bool| {
            features
                .iter()
                .filter(|w| pred(&plan.features[w.index]))
                .map(|w| w.bounds)
                .reduce(union)
        };
        let home = bounds_of(&|f| f.category == Category::District)
            .or_else(|| bounds_of(&|_| true))
            .unwrap_or_else(fallback_bounds);
        let extent = bounds_of(&|_| true).map_or(home, |b| union(b, home));
        WorldPlan {
            plan,
            features,
            home,
            extent,
        }
    }

    pub fn feature(&self, w: &WorldFeature) -> &PlanFeature {
        &self.plan.features[w.index]
    }
}
