//! The plan projected once into Web Mercator world units. Everything the map draws starts
//! here; panning and zooming never re-project.
//!
//! A world is drawn in one [`Datum`]: WGS84 (the data's own, and the offline map's), or the
//! datum of a basemap's tiles — with GCJ-02 tiles every coordinate is shifted once, here, so
//! each layer lies on the tiles' streets. What leaves the map (the URL's view, downloads)
//! goes back through [`WorldPlan::lon_lat`], so it stays WGS84.
//!
//! ```
//! use shizhong_map::geometry::datum::Datum;
//! # use shizhong_map::{plan::{load::load_file, Plan}, scene::world::WorldPlan};
//! # let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"landmark.a","name_zh":"甲","name_en":"A","category":"landmark","precision":"site","quote":"q","source_zh":"t","source_en":"t","position_source_zh":"t","position_source_en":"t"},"geometry":{"type":"Point","coordinates":[117.0,36.6]}}]}"#;
//! # let plan = || Plan::from_loads([load_file("t.geojson", text.as_bytes())]);
//! let wgs = WorldPlan::new(plan());
//! let gcj = WorldPlan::in_datum(plan(), Datum::Gcj02);
//! let (a, b) = (wgs.find("landmark.a").unwrap().anchor, gcj.find("landmark.a").unwrap().anchor);
//! assert!(b.x > a.x, "GCJ-02 lies east of WGS84 around Jinan");
//! let (lon, lat) = gcj.lon_lat(b);
//! assert!((lon - 117.0).abs() < 1e-8 && (lat - 36.6).abs() < 1e-8);
//! ```

use super::layers::Filter;
use crate::geometry::datum::Datum;
use crate::geometry::mercator::{project, unproject};
use crate::plan::membership::{self, representative_point};
use crate::plan::{Category, Plan, PlanFeature, Precision};
use geo::{BoundingRect, Coord, Geometry, MapCoords, Rect};
use std::sync::OnceLock;

/// One drawn feature in world units (zoom-0 Web Mercator, y down).
#[derive(Clone, Debug)]
pub struct WorldFeature {
    /// Index into [`Plan::features`].
    pub index: usize,
    /// Its own index in [`WorldPlan::features`].
    pub slot: usize,
    pub geometry: Geometry<f64>,
    pub bounds: Rect<f64>,
    /// Where its marker or label sits: the point itself, the middle of a line, or a point well
    /// inside its largest area.
    pub anchor: Coord<f64>,
    /// Whether it is drawn as a marker (projects, landmarks, stations) rather than only as a
    /// shape.
    pub has_marker: bool,
    /// Higher wins label and cluster conflicts.
    pub priority: u32,
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
    /// Each drawn feature's zone id, computed on first use (only zone filters need it).
    zones: OnceLock<Vec<Option<String>>>,
    /// For each plan feature, its slot in `features` (None when it is not drawn).
    slots: Vec<Option<usize>>,
    /// The datum the world units are in.
    pub datum: Datum,
}

/// The smallest box holding both.
pub fn union(a: Rect<f64>, b: Rect<f64>) -> Rect<f64> {
    Rect::new(
        geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
        geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
    )
}

/// Jinan's centre, for an empty plan (every file failed): the map still has somewhere to be.
fn fallback_bounds() -> Rect<f64> {
    Rect::new(project(116.80, 36.70), project(117.20, 36.45))
}

/// Label and cluster priority of a feature.
pub fn priority(f: &PlanFeature) -> u32 {
    let base = match f.category {
        Category::Zone => 1000,
        Category::Belt => 950,
        Category::Axis => 900,
        Category::Innovation | Category::Industry | Category::Renewal => 820,
        Category::Land | Category::Services | Category::RoadProject => 800,
        Category::PublicService | Category::Infrastructure => 780,
        Category::Landmark => 600,
        Category::MetroStation => 550,
        Category::Road => 500,
        Category::District => 400,
        Category::Neighbour => 300,
        Category::Figure => 0,
    };
    // A known site outranks an approximate one.
    base + u32::from(f.precision == Precision::Site) * 10
}

impl WorldPlan {
    /// The plan in WGS84, as `geodata/` has it.
    pub fn new(plan: Plan) -> WorldPlan {
        WorldPlan::in_datum(plan, Datum::Wgs84)
    }

    /// WGS84 longitude/latitude → this world's units.
    pub fn project(&self, lon: f64, lat: f64) -> Coord<f64> {
        let (lon, lat) = self.datum.from_wgs84(lon, lat);
        project(lon, lat)
    }

    /// This world's units → WGS84 longitude/latitude.
    pub fn lon_lat(&self, p: Coord<f64>) -> (f64, f64) {
        let (lon, lat) = unproject(p);
        self.datum.to_wgs84(lon, lat)
    }

    /// The plan drawn in `datum` (see the module's note).
    pub fn in_datum(plan: Plan, datum: Datum) -> WorldPlan {
        let to_world = |lon: f64, lat: f64| {
            let (lon, lat) = datum.from_wgs84(lon, lat);
            project(lon, lat)
        };
        let mut features: Vec<WorldFeature> = plan
            .features
            .iter()
            .enumerate()
            .filter(|(_, f)| f.is_drawn())
            .filter_map(|(index, f)| {
                let geometry = f.geometry.as_ref()?.map_coords(|c| to_world(c.x, c.y));
                let bounds = geometry.bounding_rect()?;
                // The point itself, the middle of a line, or a point well inside the largest area
                // (so a zone's label never lands in a sliver).
                let anchor = representative_point(&geometry)?.0;
                let has_marker = super::style::has_marker(f.category);
                Some(WorldFeature {
                    index,
                    slot: 0,
                    anchor,
                    has_marker,
                    priority: priority(f),
                    geometry,
                    bounds,
                })
            })
            .collect();
        let mut slots = vec![None; plan.features.len()];
        for (slot, w) in features.iter_mut().enumerate() {
            w.slot = slot;
            slots[w.index] = Some(slot);
        }
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
            zones: OnceLock::new(),
            slots,
            datum,
        }
    }

    /// The zone a drawn feature lies in (a zone lies in itself).
    pub fn zone_of(&self, w: &WorldFeature) -> Option<&str> {
        let zones = self.zones.get_or_init(|| {
            self.features
                .iter()
                .map(|w| {
                    let f = &self.plan.features[w.index];
                    if f.category == Category::Zone {
                        Some(f.id.clone())
                    } else {
                        membership::zone_of(&self.plan, f).map(|z| z.id.clone())
                    }
                })
                .collect()
        });
        zones.get(w.slot)?.as_deref()
    }

    /// Whether `filter` shows this feature.
    pub fn visible(&self, w: &WorldFeature, filter: &Filter) -> bool {
        let f = self.feature(w);
        if !filter.layers.contains(f.category) {
            return false;
        }
        match (&filter.zone, f.category) {
            (None, _) => true,
            (
                Some(_),
                Category::District | Category::Neighbour | Category::Belt | Category::Axis,
            ) => true,
            (Some(z), _) => self.zone_of(w) == Some(z.as_str()),
        }
    }

    pub fn feature(&self, w: &WorldFeature) -> &PlanFeature {
        &self.plan.features[w.index]
    }

    /// The drawn form of plan feature `index`, if it is drawn.
    pub fn placed(&self, index: usize) -> Option<&WorldFeature> {
        self.slots
            .get(index)
            .copied()
            .flatten()
            .map(|s| &self.features[s])
    }

    /// The drawn feature with this id.
    pub fn find(&self, id: &str) -> Option<&WorldFeature> {
        self.placed(self.plan.index_of(id)?)
    }
}
