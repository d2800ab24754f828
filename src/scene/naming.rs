//! Where names go: the labels of a settled view, placed around the markers and badges already
//! decided (see [`super::overlay`]) — never on a marker, a badge, a panel or another label,
//! off lines where they can, and never cut by the screen's edge. The plan's structure (the
//! renewal axis, the belt and the four zones) is named before everything else.

use super::canvas::Canvas;
use super::labels::{
    block_size, clip_polyline, point_along, reads_as_own, spots_along_line, spots_around_marker,
    spots_near, Aabb, Placer, Spot, LABEL_PADDING,
};
use super::layers::Filter;
use super::obb::Obb;
use super::overlay::{marker_reach, Label, Overlay, BADGE_REACH};
use super::style::{category_paint, Theme};
use super::text::wrap;
use super::world::{WorldFeature, WorldPlan};
use crate::geometry::planar;
use crate::geometry::viewport::Viewport;
use crate::i18n::Lang;
use crate::plan::Category;
use geo::{Area, Geometry, LineString};

/// Names wider than this go on two lines (never cut: the card shows them too).
pub const WRAP_WIDTH_PX: f64 = 150.0;
/// A zone's name where its full size finds no room.
pub const ZONE_SMALL_PX: f64 = 12.5;
/// Below this zoom, road names are not shown.
pub const ROAD_LABEL_MIN_ZOOM: f64 = 11.5;

fn run_length(run: &[(f64, f64)]) -> f64 {
    run.windows(2)
        .map(|w| planar::hypot(w[1].0 - w[0].0, w[1].1 - w[0].1))
        .sum()
}

fn longest_line(g: &Geometry<f64>) -> Option<&LineString<f64>> {
    match g {
        Geometry::LineString(l) => Some(l),
        Geometry::MultiLineString(ml) => ml.0.iter().max_by_key(|l| l.0.len()),
        _ => None,
    }
}

fn screen_points(view: &Viewport, line: &LineString<f64>) -> Vec<(f64, f64)> {
    line.0
        .iter()
        .map(|c| {
            let s = view.world_to_screen(*c);
            (s.x, s.y)
        })
        .collect()
}

/// The drawn width of a line of this category, pixels.
fn stroke_width(c: Category) -> f64 {
    category_paint(c, false, Theme::Light).stroke_width as f64
}

/// Spots across `bounds` on a grid of at most about 400 points, nearest `to` first.
fn spots_across(bounds: &Aabb, to: (f64, f64)) -> Vec<Spot> {
    let (w, h) = (bounds.x1 - bounds.x0, bounds.y1 - bounds.y0);
    let step = ((w * h / 400.0).sqrt()).max(12.0);
    if !step.is_finite() || w <= 0.0 || h <= 0.0 {
        return vec![];
    }
    let (nx, ny) = ((w / step) as usize, (h / step) as usize);
    let mut out: Vec<Spot> = (0..=nx)
        .flat_map(|i| (0..=ny).map(move |j| (i, j)))
        .map(|(i, j)| Spot {
            cx: bounds.x0 + i as f64 * step,
            cy: bounds.y0 + j as f64 * step,
            angle: 0.0,
        })
        .collect();
    let d = |s: &Spot| planar::hypot(s.cx - to.0, s.cy - to.1);
    crate::sort::sort_by(&mut out, |a, b| d(a).total_cmp(&d(b)));
    out
}

/// What no label may cover: the panels, every marker (with its selection ring) and badge, as
/// drawn.
fn obstacles(canvas: &Canvas, out: &Overlay) -> Vec<Obb> {
    let square = |x: f64, y: f64, r: f64| Aabb::around(x, y, r, r).outline();
    let panels = canvas.covered_on_canvas().map(|b| b.outline());
    let markers = out
        .markers
        .iter()
        .map(|m| square(m.x, m.y, marker_reach(m)));
    let badges = out.clusters.iter().map(|c| square(c.x, c.y, BADGE_REACH));
    panels.chain(markers).chain(badges).collect()
}

/// Room kept between a label and a line's stroke, pixels.
const STROKE_CLEARANCE: f64 = 1.0;

/// The strokes of the visible lines on screen, a box per segment (with
/// [`STROKE_CLEARANCE`] to spare).
fn strokes(
    world: &WorldPlan,
    view: &Viewport,
    bounds: &Aabb,
    visible: &dyn Fn(&WorldFeature) -> bool,
) -> Vec<Obb> {
    let mut out = vec![];
    for w in world
        .features
        .iter()
        .filter(|w| visible(w) && !w.has_marker)
    {
        let lines: Vec<&LineString<f64>> = match &w.geometry {
            Geometry::LineString(l) => vec![l],
            Geometry::MultiLineString(ml) => ml.0.iter().collect(),
            _ => continue,
        };
        let width = stroke_width(world.feature(w).category) + 2.0 * STROKE_CLEARANCE;
        for l in lines {
            for run in clip_polyline(&screen_points(view, l), bounds) {
                out.extend(run.windows(2).map(|s| Obb::segment(s[0], s[1], width)));
            }
        }
    }
    out
}

/// The order in which the plan's structure — the renewal axis, the belt and the four zones —
/// is named, before everything else.
#[derive(Clone, Copy)]
enum Structure {
    /// The axis and the belt first: few places suit names along their lines.
    FrameFirst,
    /// The zones first: on a crowded phone screen the lines' names move along their lines,
    /// while a small zone's name has nowhere else to go.
    ZonesFirst,
}

impl Structure {
    /// Whether features of this category are the plan's structure.
    fn includes(c: Category) -> bool {
        matches!(c, Category::Zone | Category::Axis | Category::Belt)
    }

    /// Higher is named earlier.
    fn rank(self, c: Category) -> u8 {
        match (self, c) {
            (Structure::ZonesFirst, Category::Zone) => 3,
            (_, Category::Axis) => 2,
            (_, Category::Belt) => 1,
            _ => 0,
        }
    }
}

/// The labels for `out`'s markers and badges: the selected feature, the plan's structure,
/// then everything else by priority, where there is room. The structure named axis and
/// belt first; where that leaves a zone or line of it unnamed, zones first too, and the
/// layout that names more of the structure wins (ties: axis and belt first).
pub fn name_features(
    world: &WorldPlan,
    canvas: &Canvas,
    out: &Overlay,
    filter: &Filter,
    lang: Lang,
    selected: Option<&str>,
) -> Vec<Label> {
    let ground = Ground::new(world, canvas, out, filter, lang, selected);
    let (labels, unnamed) = ground.place(Structure::FrameFirst);
    if unnamed == 0 {
        return labels;
    }
    let (zones_first, unnamed_then) = ground.place(Structure::ZonesFirst);
    if unnamed_then < unnamed {
        zones_first
    } else {
        labels
    }
}

/// What the labels of one view go among, worked out once for every order they are placed in.
struct Ground<'a> {
    world: &'a WorldPlan,
    view: Viewport,
    label_bounds: Aabb,
    out: &'a Overlay,
    lang: Lang,
    selected: Option<&'a str>,
    /// The features shown, in the plan's order.
    shown: Vec<&'a WorldFeature>,
    obstacles: Vec<Obb>,
    strokes: Vec<Obb>,
}

impl<'a> Ground<'a> {
    fn new(
        world: &'a WorldPlan,
        canvas: &Canvas,
        out: &'a Overlay,
        filter: &Filter,
        lang: Lang,
        selected: Option<&'a str>,
    ) -> Ground<'a> {
        let (view, label_bounds) = (canvas.view(), canvas.on_screen());
        let visible = |w: &WorldFeature| world.visible(w, filter);
        Ground {
            world,
            view,
            label_bounds,
            out,
            lang,
            selected,
            shown: world.features.iter().filter(|w| visible(w)).collect(),
            obstacles: obstacles(canvas, out),
            strokes: strokes(world, &view, &label_bounds, &visible),
        }
    }

    /// Place labels with the structure named in `structure`'s order: the labels, and how many
    /// of the structure's features on screen found no room.
    fn place(&self, structure: Structure) -> (Vec<Label>, usize) {
        let (world, out, lang, selected) = (self.world, self.out, self.lang, self.selected);
        let (view, label_bounds) = (&self.view, self.label_bounds);
        // In priority order: the selected feature first, then the plan's structure in
        // `structure`'s order, then projects, landmarks, stations, roads, neighbours.
        let mut order = self.shown.clone();
        crate::sort::sort_by_key(&mut order, |w| {
            let f = world.feature(w);
            let sel = Some(f.id.as_str()) == selected;
            (
                std::cmp::Reverse(sel),
                std::cmp::Reverse(structure.rank(f.category)),
                std::cmp::Reverse(w.priority),
                // Among zones, the smallest first: it has the fewest places for its name (a
                // non-negative f64's bits sort as the number does).
                (f.category == Category::Zone).then(|| w.geometry.unsigned_area().to_bits()),
            )
        });
        let mut labels = vec![];
        let mut unnamed = 0;
        let belt_centreline = world
            .features
            .iter()
            .filter(|w| world.feature(w).category == Category::Belt)
            .find_map(|w| longest_line(&w.geometry));
        let mut placer = Placer::new(label_bounds, self.obstacles.clone(), self.strokes.clone());
        for w in order {
            let f = world.feature(w);
            let text = f.label(lang).to_string();
            let (font_px, bold, muted) = match f.category {
                // The belt is named once, on its corridor; 二环南路 names the centreline.
                Category::Belt if longest_line(&w.geometry).is_some() => continue,
                Category::Zone => (15.0, true, false),
                Category::Belt | Category::Axis => (13.0, true, false),
                Category::Road | Category::Neighbour => (12.0, false, true),
                Category::District => continue,
                _ => (12.0, false, false),
            };
            // The belt's name goes along its centreline, beside the stroke.
            let line = match f.category {
                _ if w.has_marker => None,
                Category::Belt => belt_centreline,
                _ => longest_line(&w.geometry),
            };
            // A zone's name that finds no room at its size tries once more a size smaller (a
            // phone's screen is crowded), then, if it has words, on two lines: named small beats
            // not named.
            let zone_tries = [
                (font_px, WRAP_WIDTH_PX),
                (ZONE_SMALL_PX, WRAP_WIDTH_PX),
                (ZONE_SMALL_PX, 0.0),
            ];
            let tries: &[(f64, f64)] = match f.category {
                Category::Zone if text.contains(' ') => &zone_tries,
                Category::Zone => &zone_tries[..2],
                _ => &zone_tries[..1],
            };
            // Whether it had anywhere on screen to go, and went there.
            let (mut had_room, mut named) = (false, false);
            for &(font_px, wrap_px) in tries {
                // Along a line, one line of text; elsewhere a long name takes two.
                let lines = if line.is_some() {
                    vec![text.clone()]
                } else {
                    wrap(&text, font_px, wrap_px)
                };
                let (width, height) = block_size(&lines, font_px, bold);
                let spots: Vec<Spot> = if w.has_marker {
                    match out.markers.iter().find(|m| m.feature_id == f.id) {
                        Some(m) => {
                            let others = || {
                                out.markers
                                    .iter()
                                    .filter(|o| o.feature_id != m.feature_id)
                                    .map(|o| (o.x, o.y))
                            };
                            spots_around_marker(width, height, m.x, m.y, marker_reach(m))
                                .into_iter()
                                .filter(|s| reads_as_own(width, height, s, (m.x, m.y), others()))
                                .collect()
                        }
                        None => continue, // clustered or off screen
                    }
                } else if let Some(line) = line {
                    if f.category == Category::Road && view.zoom < ROAD_LABEL_MIN_ZOOM {
                        continue;
                    }
                    let pts = screen_points(view, line);
                    // Beside its own stroke, never on it.
                    let offset = stroke_width(f.category) / 2.0
                        + STROKE_CLEARANCE
                        + LABEL_PADDING
                        + height / 2.0
                        + 0.5;
                    // Along the longest stretch that is on screen.
                    let runs = clip_polyline(&pts, &label_bounds);
                    let longest = runs
                        .iter()
                        .max_by(|a, b| run_length(a).total_cmp(&run_length(b)));
                    let mut spots = longest
                        .map(|run| spots_along_line(run, width, offset))
                        .unwrap_or_default();
                    // The plan's own lines are named even where they are too short on screen to
                    // write along: level, beside the middle of the stretch.
                    if matches!(f.category, Category::Axis | Category::Belt) {
                        // Close beside the stroke, or a badge's width away (old-city badges sit on
                        // the axis), near the middle of the stretch first.
                        let near = stroke_width(f.category) / 2.0;
                        for frac in [0.5, 0.25, 0.75] {
                            for r in [near, near + 2.0 * BADGE_REACH] {
                                if let Some((x, y)) = longest.and_then(|run| point_along(run, frac))
                                {
                                    spots.extend(spots_around_marker(width, height, x, y, r));
                                }
                            }
                        }
                    }
                    spots
                } else {
                    let a = view.world_to_screen(w.anchor);
                    // A nudged name must still sit on its own area, not on a neighbour's.
                    let mut spots = spots_near(a.x, a.y, font_px * 1.7);
                    // A zone's name may go anywhere on the zone that is on screen, near its anchor
                    // first: a crowded screen leaves it somewhere to go.
                    if f.category == Category::Zone {
                        let (p, q) = (
                            view.world_to_screen(w.bounds.min()),
                            view.world_to_screen(w.bounds.max()),
                        );
                        let on_screen = Aabb {
                            x0: p.x.min(q.x).max(label_bounds.x0),
                            y0: p.y.min(q.y).max(label_bounds.y0),
                            x1: p.x.max(q.x).min(label_bounds.x1),
                            y1: p.y.max(q.y).min(label_bounds.y1),
                        };
                        spots.extend(spots_across(&on_screen, (a.x, a.y)));
                    }
                    spots
                        .into_iter()
                        .filter(|s| {
                            let at = view.screen_to_world(geo::coord! { x: s.cx, y: s.cy });
                            crate::geometry::planar::contains_point(&w.geometry, at)
                        })
                        .collect()
                };
                had_room |= !spots.is_empty();
                // Never on a marker, a badge or another label. Names of lines and the belt never
                // cross a line; other names keep off lines where they can.
                let placed = placer.place(width, height, &spots, true).or_else(|| {
                    line.is_none()
                        .then(|| placer.place(width, height, &spots, false))
                        .flatten()
                });
                if let Some(spot) = placed {
                    labels.push(Label {
                        feature_id: f.id.clone(),
                        text: text.clone(),
                        lines,
                        cx: spot.cx,
                        cy: spot.cy,
                        angle: spot.angle,
                        font_px,
                        bold,
                        muted,
                    });
                    named = true;
                    break;
                }
            }
            if had_room && !named && Structure::includes(f.category) {
                unnamed += 1;
            }
        }
        (labels, unnamed)
    }
}

#[cfg(test)]
#[path = "naming_tests.rs"]
mod tests;
