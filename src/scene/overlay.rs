//! The screen-space part of the scene for one settled view: markers, clusters, labels and the
//! uncertainty ring of a selected approximate feature. Rebuilt when a gesture ends, never
//! during one.

use super::canvas::Canvas;
use super::cluster::{cluster, Candidate, CLUSTER_RADIUS};
use super::labels::{
    clip_polyline, spots_along_line, spots_around_marker, spots_near, Aabb, Placer, Spot,
};
use super::layers::Filter;
use super::text::text_width;
use super::world::{WorldFeature, WorldPlan};
use crate::geometry::mercator::metres_per_pixel;
use crate::geometry::viewport::{Viewport, MAX_ZOOM};
use crate::i18n::Lang;
use crate::plan::{Category, Precision};
use geo::{Coord, Geometry, LineString, Rect};

/// Marker symbols are about this far from centre to edge, pixels.
pub const MARKER_RADIUS: f64 = 9.0;
/// Cluster badges' radius.
pub const CLUSTER_BADGE_RADIUS: f64 = 15.0;
/// Longer names are shortened on the map (the card shows them whole).
pub const MAX_LABEL_CHARS: usize = 24;
/// Below this zoom, road names are not shown.
pub const ROAD_LABEL_MIN_ZOOM: f64 = 11.5;

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
    pub text: String,
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

/// Shorten a label to [`MAX_LABEL_CHARS`] characters.
pub fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_LABEL_CHARS {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(MAX_LABEL_CHARS - 1).collect();
        s.push('…');
        s
    }
}

fn on_screen(view: &Viewport, p: Coord<f64>, margin: f64) -> bool {
    p.x >= -margin && p.y >= -margin && p.x <= view.width + margin && p.y <= view.height + margin
}

fn run_length(run: &[(f64, f64)]) -> f64 {
    run.windows(2)
        .map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1))
        .sum()
}

fn longest_line(g: &Geometry<f64>) -> Option<&LineString<f64>> {
    match g {
        Geometry::LineString(l) => Some(l),
        Geometry::MultiLineString(ml) => ml.0.iter().max_by_key(|l| l.0.len()),
        _ => None,
    }
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
    let label_bounds = canvas.on_screen();
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
    let mut obstacles: Vec<Aabb> = canvas.covered_on_canvas().collect();
    for g in groups {
        if let [key] = g.members[..] {
            let w = &world.features[key];
            let f = world.feature(w);
            obstacles.push(Aabb::around(g.at.x, g.at.y, MARKER_RADIUS, MARKER_RADIUS));
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
            obstacles.push(Aabb::around(
                x,
                y,
                CLUSTER_BADGE_RADIUS,
                CLUSTER_BADGE_RADIUS,
            ));
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

    // Labels, in priority order: the selected feature first, then zones, belt, axis,
    // projects, landmarks, stations, roads, neighbours.
    let mut order: Vec<&WorldFeature> = world.features.iter().filter(|w| visible(w)).collect();
    crate::sort::sort_by_key(&mut order, |w| {
        let sel = Some(world.feature(w).id.as_str()) == selected;
        (std::cmp::Reverse(sel), std::cmp::Reverse(w.priority))
    });
    let marker_at: std::collections::HashMap<&str, (f64, f64)> = out
        .markers
        .iter()
        .map(|m| (m.feature_id.as_str(), (m.x, m.y)))
        .collect();
    let mut placer = Placer::new(label_bounds, obstacles);
    for w in order {
        let f = world.feature(w);
        let text = shorten(f.label(lang));
        let (font_px, bold, muted) = match f.category {
            // The belt is named once, on its corridor; 二环南路 names the centreline.
            Category::Belt if longest_line(&w.geometry).is_some() => continue,
            Category::Zone => (15.0, true, false),
            Category::Belt | Category::Axis => (13.0, true, false),
            Category::Road | Category::Neighbour => (12.0, false, true),
            Category::District => continue,
            _ => (12.0, false, false),
        };
        let spots: Vec<Spot> = if w.has_marker {
            match marker_at.get(f.id.as_str()) {
                Some(&(x, y)) => spots_around_marker(&text, font_px, x, y, MARKER_RADIUS).to_vec(),
                None => continue, // clustered or off screen
            }
        } else if let Some(line) = longest_line(&w.geometry) {
            if f.category == Category::Road && view.zoom < ROAD_LABEL_MIN_ZOOM {
                continue;
            }
            let pts: Vec<(f64, f64)> = line
                .0
                .iter()
                .map(|c| {
                    let s = view.world_to_screen(*c);
                    (s.x, s.y)
                })
                .collect();
            let width = text_width(&text, font_px);
            // Along the longest stretch that is on screen.
            let runs = clip_polyline(&pts, &label_bounds);
            let longest = runs
                .iter()
                .max_by(|a, b| run_length(a).total_cmp(&run_length(b)));
            longest
                .map(|run| spots_along_line(run, width))
                .unwrap_or_default()
        } else {
            let a = view.world_to_screen(w.anchor);
            // A nudged name must still sit on its own area, not on a neighbour's.
            spots_near(a.x, a.y, font_px * 1.7)
                .into_iter()
                .filter(|s| {
                    let at = view.screen_to_world(geo::coord! { x: s.cx, y: s.cy });
                    crate::geometry::planar::contains_point(&w.geometry, at)
                })
                .collect()
        };
        // Zone names matter more than a tidy gap around markers: if no spot avoids the
        // markers, they may cover one (never another label).
        let placed = placer.place(&text, font_px, &spots, true).or_else(|| {
            (f.category == Category::Zone)
                .then(|| placer.place(&text, font_px, &spots, false))
                .flatten()
        });
        if let Some(spot) = placed {
            out.labels.push(Label {
                feature_id: f.id.clone(),
                text,
                cx: spot.cx,
                cy: spot.cy,
                angle: spot.angle,
                font_px,
                bold,
                muted,
            });
        }
    }

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
