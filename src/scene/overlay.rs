//! The screen-space part of the scene for one settled view: markers, clusters, labels (placed
//! by [`super::naming`]) and the uncertainty ring of a selected approximate feature. Rebuilt
//! when a gesture ends, never during one.

use super::canvas::Canvas;
use super::cluster::{cluster, Candidate, CLUSTER_RADIUS};
use super::layers::Filter;
use super::world::{WorldFeature, WorldPlan};
use crate::geometry::mercator::metres_per_pixel;
use crate::geometry::viewport::{Viewport, MAX_ZOOM};
use crate::i18n::Lang;
use crate::plan::{Category, Precision};
use geo::{Coord, Rect};

/// Marker symbols are about this far from centre to edge, pixels.
pub const MARKER_RADIUS: f64 = 9.0;
/// Cluster badges' radius.
pub const CLUSTER_BADGE_RADIUS: f64 = 15.0;
/// The ring around a selected marker: its radius, and its stroke's width.
pub const SELECTED_RING: (f64, f64) = (14.0, 3.0);
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub feature_id: String,
    pub category: Category,
    /// The full name in the current language (for the accessible name and tooltip).
    pub name: String,
    pub x: f64,
    pub y: f64,
    pub approximate: bool,
    pub selected: bool,
    /// On screen and not under a panel: a keyboard target.
    pub reachable: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClusterMarker {
    pub x: f64,
    pub y: f64,
    /// On screen and not under a panel: a keyboard target.
    pub reachable: bool,
    pub feature_ids: Vec<String>,
    /// Members' names, for the accessible name.
    pub names: Vec<String>,
    /// The members' extent in world units, to zoom to.
    pub bounds: Rect<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub feature_id: String,
    /// The whole label.
    pub text: String,
    /// How it is written: one line, or two (see [`wrap`]); centred on (`cx`, `cy`).
    pub lines: Vec<String>,
    pub cx: f64,
    pub cy: f64,
    pub angle: f64,
    pub font_px: f64,
    pub bold: bool,
    /// Context (neighbours, roads) is drawn in a quieter colour.
    pub muted: bool,
}

/// A circle showing the area an approximate position stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ring {
    pub cx: f64,
    pub cy: f64,
    pub r: f64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overlay {
    pub markers: Vec<Marker>,
    pub clusters: Vec<ClusterMarker>,
    pub labels: Vec<Label>,
    pub ring: Option<Ring>,
}

/// How far from its centre a drawn marker reaches, pixels: the symbol, or the selection ring.
pub fn marker_reach(m: &Marker) -> f64 {
    if m.selected {
        SELECTED_RING.0 + SELECTED_RING.1 / 2.0
    } else {
        MARKER_RADIUS
    }
}

/// How far from its centre a cluster badge reaches: its circle and half its 2 px outline.
pub const BADGE_REACH: f64 = CLUSTER_BADGE_RADIUS + 1.0;

fn on_screen(view: &Viewport, p: Coord<f64>, margin: f64) -> bool {
    p.x >= -margin && p.y >= -margin && p.x <= view.width + margin && p.y <= view.height + margin
}

/// Build the overlay for a settled view on `canvas`. The canvas may be larger than the screen
/// (the page draws a margin around it so that pans reveal drawn map): markers cover the whole
/// canvas, but labels are placed only on screen, so none is cut by the screen's edge, and
/// never under a panel; markers off screen or under a panel are marked unreachable.
pub fn overlay_within(
    world: &WorldPlan,
    canvas: &Canvas,
    filter: &Filter,
    lang: Lang,
    selected: Option<&str>,
) -> Overlay {
    let view = &canvas.view();
    let visible = |w: &WorldFeature| world.visible(w, filter);
    let mut out = Overlay::default();

    // Markers: everything with a marker on (or just off) screen, clustered; the selected
    // feature always stands alone so it stays visible.
    let mut candidates = vec![];
    let mut selected_key = None;
    for (key, w) in world.features.iter().enumerate() {
        if !w.has_marker || !visible(w) {
            continue;
        }
        let at = view.world_to_screen(w.anchor);
        if !on_screen(view, at, CLUSTER_RADIUS) {
            continue;
        }
        if Some(world.feature(w).id.as_str()) == selected {
            selected_key = Some((key, at));
            continue;
        }
        candidates.push(Candidate {
            key,
            at,
            priority: w.priority,
        });
    }
    let radius = if view.zoom >= MAX_ZOOM - 1e-9 {
        0.0
    } else {
        CLUSTER_RADIUS
    };
    let mut groups = cluster(candidates, radius);
    if let Some((key, at)) = selected_key {
        groups.push(super::cluster::Group {
            at,
            members: vec![key],
        });
    }
    for g in groups {
        if let [key] = g.members[..] {
            let w = &world.features[key];
            let f = world.feature(w);
            out.markers.push(Marker {
                feature_id: f.id.clone(),
                category: f.category,
                name: f.name(lang).to_string(),
                x: g.at.x,
                y: g.at.y,
                approximate: f.precision == Precision::Approximate,
                selected: Some(f.id.as_str()) == selected,
                reachable: canvas.reachable(g.at.x, g.at.y),
            });
        } else {
            let members: Vec<&WorldFeature> =
                g.members.iter().map(|k| &world.features[*k]).collect();
            let (x, y) = members.iter().fold((0.0, 0.0), |(x, y), w| {
                let s = view.world_to_screen(w.anchor);
                (x + s.x, y + s.y)
            });
            let n = members.len() as f64;
            let (x, y) = (x / n, y / n);
            let bounds = members
                .iter()
                .map(|w| Rect::new(w.anchor, w.anchor))
                .reduce(|a, b| {
                    Rect::new(
                        geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                        geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
                    )
                })
                .unwrap_or_else(|| Rect::new(g.at, g.at));
            out.clusters.push(ClusterMarker {
                x,
                y,
                reachable: canvas.reachable(x, y),
                feature_ids: members
                    .iter()
                    .map(|w| world.feature(w).id.clone())
                    .collect(),
                names: members
                    .iter()
                    .map(|w| world.feature(w).name(lang).to_string())
                    .collect(),
                bounds,
            });
        }
    }

    out.labels = super::naming::name_features(world, canvas, &out, filter, lang, selected);

    // The area an approximate selected feature stands for.
    if let Some(sel) = selected.and_then(|id| world.find(id)) {
        let f = world.feature(sel);
        if let (Precision::Approximate, Some(metres)) = (f.precision, f.uncertainty_m) {
            let at = view.world_to_screen(sel.anchor);
            let lat = crate::geometry::mercator::unproject(sel.anchor).1;
            out.ring = Some(Ring {
                cx: at.x,
                cy: at.y,
                r: metres / metres_per_pixel(lat, view.zoom),
            });
        }
    }
    out
}
