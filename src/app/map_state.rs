//! The map's shared state: what the screen shows, what markers and labels were built for,
//! the selection, layers, language and theme. The map, its gestures and the panels around it
//! all read and write it; it depends on none of them.

use crate::basemap::{tiles::TileHealth, Basemaps, Provider};
use crate::geometry::datum::Datum;
use crate::geometry::mercator::{project, unproject};
use crate::geometry::viewport::Viewport;
use crate::i18n::{Lang, Text};
use crate::scene::{labels::Aabb, layers::LayerSet, legend::Entry, style::Theme};
use leptos::prelude::*;

/// How the map answers gestures (the gesture rules' own modes).
pub use crate::interaction::Mode as MapMode;

/// Where a story step asks the map to go.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Goal {
    /// Fit this box (WGS84 world units, whatever datum the map is drawn in) as a feature is
    /// shown: into what a sheet leaves visible.
    Bounds(geo::Rect<f64>),
    /// This view, kept within the map's limits.
    View(crate::state::UrlView),
}

/// A move the map is asked to make: animated (a jump under reduced motion), or at once (the
/// first view of a link).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GoalRequest {
    pub goal: Goal,
    pub at_once: bool,
}

/// The map's shared state, handed to the components around it.
#[derive(Clone, Copy)]
pub struct MapState {
    /// What the screen shows right now (follows every frame of a gesture).
    pub live: RwSignal<Viewport>,
    /// The view markers and labels were built for (updated when a gesture ends).
    pub settled: RwSignal<Viewport>,
    pub selected: RwSignal<Option<String>>,
    pub layers: RwSignal<LayerSet>,
    pub lang: RwSignal<Lang>,
    pub theme: RwSignal<Theme>,
    /// Show only what lies in this zone.
    pub zone_filter: RwSignal<Option<String>>,
    /// A request to move the map to a feature (taken and cleared by the map).
    pub fly_to: RwSignal<Option<String>>,
    /// A request to show a box or a view (a story step), taken and cleared by the map.
    pub goal: RwSignal<Option<GoalRequest>>,
    /// What the open story step highlights (outlined on the map).
    pub highlighted: RwSignal<Vec<String>>,
    /// Whether the map has been measured (and so drawn at its real size).
    pub ready: RwSignal<bool>,
    pub mode: MapMode,
    /// A short note when a gesture was left to the page (cooperative mode).
    pub hint: RwSignal<Option<Text>>,
    /// The key to what the map shows now.
    pub legend: RwSignal<Vec<Entry>>,
    /// Where panels and controls cover the map, in map pixels (see `app::chrome`).
    pub covered: RwSignal<Vec<Aabb>>,
    /// The height of the attribution line along the map's foot, pixels (it wraps on narrow
    /// screens): what sits above it (the scale bar, "open the full map") is placed by it.
    pub foot: RwSignal<f64>,
    /// The basemap providers the deployment offers (`geodata/basemaps.json`).
    pub basemaps: RwSignal<Basemaps>,
    /// The chosen basemap: always a usable provider of `basemaps`, or none (the offline map).
    pub basemap: RwSignal<Option<Provider>>,
    /// How the chosen provider's tiles have fared since it was chosen.
    pub tile_health: RwSignal<TileHealth>,
    /// The datum the map is drawn in (`live` and `settled` are in its world units): that of
    /// the basemap's tiles (see `app::tiles::follow_datum`).
    pub datum: RwSignal<Datum>,
}

impl MapState {
    pub fn new(lang: Lang, theme: Theme, mode: MapMode) -> MapState {
        let v = Viewport::new(geo::coord! { x: 0.0, y: 0.0 }, 10.0, 800.0, 600.0);
        MapState {
            live: RwSignal::new(v),
            settled: RwSignal::new(v),
            selected: RwSignal::new(None),
            layers: RwSignal::new(LayerSet::ALL),
            lang: RwSignal::new(lang),
            theme: RwSignal::new(theme),
            zone_filter: RwSignal::new(None),
            fly_to: RwSignal::new(None),
            goal: RwSignal::new(None),
            highlighted: RwSignal::new(vec![]),
            ready: RwSignal::new(false),
            mode,
            hint: RwSignal::new(None),
            legend: RwSignal::new(vec![]),
            covered: RwSignal::new(vec![]),
            foot: RwSignal::new(0.0),
            basemaps: RwSignal::new(Basemaps::default()),
            basemap: RwSignal::new(None),
            tile_health: RwSignal::new(TileHealth::default()),
            datum: RwSignal::new(Datum::Wgs84),
        }
    }

    /// Choose the basemap with this id: one the deployment does not offer (or cannot use)
    /// means none. The only way a basemap is chosen.
    pub fn choose_basemap(&self, id: Option<&str>) {
        let p = id.and_then(|id| self.basemaps.with_untracked(|b| b.usable(id).cloned()));
        if self.basemap.with_untracked(|now| now != &p) {
            self.tile_health.set(TileHealth::default());
            self.basemap.set(p);
        }
    }

    /// The settled view in WGS84 world units, whatever datum the map is drawn in: for the
    /// URL, the share link and the downloads (tracked).
    pub fn settled_wgs84(&self) -> Viewport {
        let v = self.settled.get();
        let (lon, lat) = unproject(v.center);
        let (lon, lat) = self.datum.get().to_wgs84(lon, lat);
        Viewport::new(project(lon, lat), v.zoom, v.width, v.height)
    }

    /// Whether tiles are drawn now: a basemap is chosen and its tiles have not kept failing.
    pub fn tiles_on(&self) -> bool {
        self.basemap.with(Option::is_some) && !self.tile_health.with(TileHealth::unavailable)
    }

    /// Show `v` now, and rebuild markers and labels for it.
    pub fn jump(&self, v: Viewport) {
        self.live.set(v);
        self.settled.set(v);
    }
}
