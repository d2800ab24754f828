//! Label placement with collision avoidance: labels are placed greedily in priority order,
//! each taking the first of its candidate positions that overlaps nothing already placed.
//! Higher-priority labels win; as the map zooms in, features spread apart and more fit.

use super::obb::Obb;
use super::text::{line_height, text_width};
use crate::geometry::planar;
use crate::math;

/// Empty space kept around every label, pixels.
pub const LABEL_PADDING: f64 = 2.0;

/// An axis-aligned box on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Aabb {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Aabb {
    pub fn around(cx: f64, cy: f64, half_w: f64, half_h: f64) -> Aabb {
        Aabb {
            x0: cx - half_w,
            y0: cy - half_h,
            x1: cx + half_w,
            y1: cy + half_h,
        }
    }

    pub fn overlaps(&self, o: &Aabb) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    pub fn inside(&self, o: &Aabb) -> bool {
        self.x0 >= o.x0 && self.y0 >= o.y0 && self.x1 <= o.x1 && self.y1 <= o.y1
    }

    /// How far the point (x, y) is from the box (0 inside it).
    pub fn distance_to(&self, x: f64, y: f64) -> f64 {
        let dx = (self.x0 - x).max(x - self.x1).max(0.0);
        let dy = (self.y0 - y).max(y - self.y1).max(0.0);
        planar::hypot(dx, dy)
    }

    /// The same box as an [`Obb`].
    pub fn outline(&self) -> Obb {
        Obb::new(
            (self.x0 + self.x1) / 2.0,
            (self.y0 + self.y1) / 2.0,
            (self.x1 - self.x0) / 2.0,
            (self.y1 - self.y0) / 2.0,
            0.0,
        )
    }
}

/// A possible position: the text's centre, and its rotation in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spot {
    pub cx: f64,
    pub cy: f64,
    pub angle: f64,
}

/// How much wider bold text runs than [`text_width`]'s regular estimate.
pub const BOLD_WIDTH: f64 = 1.05;

/// The size of a label's text block, pixels: its widest line, and its lines' height.
pub fn block_size<S: AsRef<str>>(lines: &[S], font_px: f64, bold: bool) -> (f64, f64) {
    let w = lines
        .iter()
        .map(|l| text_width(l.as_ref(), font_px))
        .fold(0.0, f64::max);
    let w = if bold { w * BOLD_WIDTH } else { w };
    (w, line_height(font_px) * lines.len() as f64)
}

/// The outline of a `w` × `h` text block at `spot`, with its padding.
pub fn label_outline(w: f64, h: f64, spot: Spot) -> Obb {
    Obb::new(spot.cx, spot.cy, w / 2.0, h / 2.0, spot.angle).grown(LABEL_PADDING)
}

/// An outline with its upright box, which rules most pairs out cheaply.
#[derive(Clone, Copy, Debug)]
struct Boxed {
    outline: Obb,
    bounds: (f64, f64, f64, f64),
}

impl Boxed {
    fn new(outline: Obb) -> Boxed {
        Boxed {
            outline,
            bounds: outline.bounds(),
        }
    }

    fn overlaps(&self, o: &Boxed) -> bool {
        let (a, b) = (self.bounds, o.bounds);
        a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3 && self.outline.overlaps(&o.outline)
    }
}

/// Places labels one at a time, remembering what is taken.
pub struct Placer {
    bounds: Aabb,
    placed: Vec<Boxed>,
    obstacles: Vec<Boxed>,
    strokes: Vec<Boxed>,
}

impl Placer {
    /// Labels must lie within `bounds` (the screen), never touch `obstacles` (markers, badges,
    /// panels) and, when asked, keep off `strokes` (stretches of drawn lines).
    pub fn new(bounds: Aabb, obstacles: Vec<Obb>, strokes: Vec<Obb>) -> Placer {
        Placer {
            bounds,
            placed: vec![],
            obstacles: obstacles.into_iter().map(Boxed::new).collect(),
            strokes: strokes.into_iter().map(Boxed::new).collect(),
        }
    }

    /// Place a `w` × `h` text block at the first free spot; `avoid_strokes = false` lets it
    /// cross lines (never markers or other labels). Returns the chosen spot.
    pub fn place(&mut self, w: f64, h: f64, spots: &[Spot], avoid_strokes: bool) -> Option<Spot> {
        for spot in spots {
            let b = Boxed::new(label_outline(w, h, *spot));
            let (x0, y0, x1, y1) = b.bounds;
            let inside = x0 >= self.bounds.x0
                && y0 >= self.bounds.y0
                && x1 <= self.bounds.x1
                && y1 <= self.bounds.y1;
            if !inside
                || self.placed.iter().any(|p| p.overlaps(&b))
                || self.obstacles.iter().any(|o| o.overlaps(&b))
                || (avoid_strokes && self.strokes.iter().any(|s| s.overlaps(&b)))
            {
                continue;
            }
            self.placed.push(b);
            return Some(*spot);
        }
        None
    }

    /// The outlines placed so far.
    pub fn placed(&self) -> Vec<Obb> {
        self.placed.iter().map(|b| b.outline).collect()
    }
}

/// Candidate spots for a `w` × `h` block beside a marker of radius `r` at (x, y): right,
/// left, above, below, then the four corners.
pub fn spots_around_marker(w: f64, h: f64, x: f64, y: f64, r: f64) -> [Spot; 8] {
    let gap = r + 4.0;
    let (dx, dy) = (gap + w / 2.0, gap + h / 2.0);
    // At a corner the block's near corner sits on the circle's diagonal, not its bounding box.
    let (cx, cy) = (r * 0.72 + 3.0 + w / 2.0, r * 0.72 + 3.0 + h / 2.0);
    let spot = |ox: f64, oy: f64| Spot {
        cx: x + ox,
        cy: y + oy,
        angle: 0.0,
    };
    [
        spot(dx, 0.0),
        spot(-dx, 0.0),
        spot(0.0, -dy),
        spot(0.0, dy),
        spot(cx, -cy),
        spot(-cx, -cy),
        spot(cx, cy),
        spot(-cx, cy),
    ]
}

/// Another marker may come no nearer a label than this many times the label's own marker does.
pub const OWN_MARKER_MARGIN: f64 = 1.6;

/// Whether a `w` × `h` marker label at `spot` reads as its own marker's at `own`: no other
/// marker centre in `others` is nearly as close to the text (a name between two markers, or
/// level with another one, would be read as that one's).
pub fn reads_as_own(
    w: f64,
    h: f64,
    spot: &Spot,
    own: (f64, f64),
    mut others: impl Iterator<Item = (f64, f64)>,
) -> bool {
    let block = Aabb::around(spot.cx, spot.cy, w / 2.0, h / 2.0);
    let near = block.distance_to(own.0, own.1) * OWN_MARKER_MARGIN;
    others.all(|(x, y)| block.distance_to(x, y) >= near)
}

/// Candidate spots for an area label: its anchor, then nudged around it, near first.
pub fn spots_near(x: f64, y: f64, step: f64) -> Vec<Spot> {
    // The anchor, then two rings of nudges: up, down, left, right and the diagonals.
    let mut out = vec![Spot {
        cx: x,
        cy: y,
        angle: 0.0,
    }];
    for ring in [1.0, 2.0] {
        for (dx, dy) in [
            (0.0, -1.0),
            (0.0, 1.0),
            (-2.0, 0.0),
            (2.0, 0.0),
            (-2.0, -1.0),
            (2.0, -1.0),
            (-2.0, 1.0),
            (2.0, 1.0),
        ] {
            out.push(Spot {
                cx: x + dx * step * ring,
                cy: y + dy * step * ring,
                angle: 0.0,
            });
        }
    }
    out
}

/// The parts of a polyline inside `b` (Liang–Barsky clipping of each segment), as runs of
/// connected points. Labels go on what is on screen, not on the whole line.
pub fn clip_polyline(points: &[(f64, f64)], b: &Aabb) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = vec![];
    let mut current: Vec<(f64, f64)> = vec![];
    for w in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        let (dx, dy) = (x1 - x0, y1 - y0);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        let mut visible = true;
        for (p, q) in [
            (-dx, x0 - b.x0),
            (dx, b.x1 - x0),
            (-dy, y0 - b.y0),
            (dy, b.y1 - y0),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    visible = false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        if !visible || t0 > t1 {
            if current.len() > 1 {
                runs.push(std::mem::take(&mut current));
            }
            current.clear();
            continue;
        }
        let a = (x0 + dx * t0, y0 + dy * t0);
        let e = (x0 + dx * t1, y0 + dy * t1);
        if current.last() != Some(&a) {
            if current.len() > 1 {
                runs.push(std::mem::take(&mut current));
            }
            current = vec![a];
        }
        current.push(e);
        if t1 < 1.0 {
            runs.push(std::mem::take(&mut current));
        }
    }
    if current.len() > 1 {
        runs.push(current);
    }
    runs
}

/// The point `frac` of the way along a polyline (0.5: halfway).
pub fn point_along(points: &[(f64, f64)], frac: f64) -> Option<(f64, f64)> {
    let length = |w: &[(f64, f64)]| planar::hypot(w[1].0 - w[0].0, w[1].1 - w[0].1);
    let mut left = points.windows(2).map(length).sum::<f64>() * frac;
    for w in points.windows(2) {
        let l = length(w);
        if l >= left && l > 0.0 {
            let t = left / l;
            return Some((
                w[0].0 + (w[1].0 - w[0].0) * t,
                w[0].1 + (w[1].1 - w[0].1) * t,
            ));
        }
        left -= l;
    }
    points.first().copied()
}

/// Text along lines steeper than this many degrees reads top to bottom.
pub const STEEP_DEGREES: f64 = 75.0;

/// The reading direction of text along a line at `angle` degrees: upright and left to right,
/// and on steep lines always top to bottom (so 英雄山路 and 大纬二路 read the same way even when
/// one leans a little left and the other a little right): an angle in (−75°, 105°].
pub fn reading_angle(angle: f64) -> f64 {
    let a = angle.rem_euclid(180.0); // [0, 180)
    if a > 90.0 + (90.0 - STEEP_DEGREES) {
        a - 180.0
    } else {
        a
    }
}

/// Candidate spots along a screen polyline for a label `width` long: at several points along
/// it, aligned with the chord under the label, read as [`reading_angle`] says, beside the line
/// by `offset` pixels (first on the side above, then below), so that the stroke never runs
/// through the text. Skips bends too sharp to read.
pub fn spots_along_line(points: &[(f64, f64)], width: f64, offset: f64) -> Vec<Spot> {
    let mut cumulative = vec![0.0];
    for w in points.windows(2) {
        let last = *cumulative.last().unwrap_or(&0.0);
        cumulative.push(last + planar::hypot(w[1].0 - w[0].0, w[1].1 - w[0].1));
    }
    let total = *cumulative.last().unwrap_or(&0.0);
    if total < width * 1.1 || points.len() < 2 {
        return vec![];
    }
    let at = |s: f64| -> (f64, f64) {
        let i = cumulative
            .partition_point(|&c| c < s)
            .clamp(1, points.len() - 1);
        let (a, b) = (points[i - 1], points[i]);
        let seg = cumulative[i] - cumulative[i - 1];
        let t = if seg > 0.0 {
            (s - cumulative[i - 1]) / seg
        } else {
            0.0
        };
        (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
    };
    let mut out = vec![];
    for frac in [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9] {
        let s = total * frac;
        if s - width / 2.0 < 0.0 || s + width / 2.0 > total {
            continue;
        }
        let (a, b) = (at(s - width / 2.0), at(s + width / 2.0));
        let chord = planar::hypot(b.0 - a.0, b.1 - a.1);
        if chord < width * 0.9 {
            continue; // too curvy here
        }
        let angle = reading_angle(math::atan2(b.1 - a.1, b.0 - a.0).to_degrees());
        // The text's "up" (its normal pointing above the baseline).
        let (sin, cos) = (math::sin(angle.to_radians()), math::cos(angle.to_radians()));
        let up = (sin, -cos);
        let (mx, my) = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
        for side in [1.0, -1.0] {
            out.push(Spot {
                cx: mx + up.0 * offset * side,
                cy: my + up.1 * offset * side,
                angle,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen() -> Aabb {
        Aabb {
            x0: 0.0,
            y0: 0.0,
            x1: 800.0,
            y1: 600.0,
        }
    }

    fn place(p: &mut Placer, text: &str, spots: &[Spot], avoid_strokes: bool) -> Option<Spot> {
        let (w, h) = block_size(&[text], 14.0, false);
        p.place(w, h, spots, avoid_strokes)
    }

    fn at(cx: f64, cy: f64) -> [Spot; 1] {
        [Spot { cx, cy, angle: 0.0 }]
    }

    #[test]
    fn later_labels_avoid_earlier_ones() {
        let mut p = Placer::new(screen(), vec![], vec![]);
        let first = place(&mut p, "北服务", &spots_near(400.0, 300.0, 24.0), true);
        assert_eq!(first.map(|s| (s.cx, s.cy)), Some((400.0, 300.0)));
        let second = place(&mut p, "中科创", &spots_near(400.0, 300.0, 24.0), true).unwrap();
        assert_ne!((second.cx, second.cy), (400.0, 300.0));
        let boxes = p.placed();
        assert!(!boxes[0].overlaps(&boxes[1]));
    }

    #[test]
    fn labels_stay_on_screen_never_on_markers_and_off_strokes_when_asked() {
        let marker = Aabb::around(100.0, 100.0, 9.0, 9.0).outline();
        let stroke = Obb::segment((300.0, 0.0), (300.0, 600.0), 5.0);
        let mut p = Placer::new(screen(), vec![marker], vec![stroke]);
        assert!(place(&mut p, "Edge", &at(2.0, 2.0), true).is_none());
        assert!(place(&mut p, "On marker", &at(100.0, 100.0), true).is_none());
        assert!(place(&mut p, "On marker", &at(100.0, 100.0), false).is_none());
        assert!(place(&mut p, "On line", &at(300.0, 100.0), true).is_none());
        assert!(place(&mut p, "On line", &at(300.0, 100.0), false).is_some());
    }

    #[test]
    fn two_lines_make_a_taller_block_as_wide_as_the_longest() {
        let (w1, h1) = block_size(&["Shizhong District Government"], 12.0, false);
        let (w2, h2) = block_size(&["Shizhong District", "Government"], 12.0, false);
        assert!((h2 - 2.0 * h1).abs() < 1e-9);
        assert!((w2 - text_width("Shizhong District", 12.0)).abs() < 1e-9 && w2 < w1);
    }

    #[test]
    fn a_marker_label_never_sits_nearer_another_marker() {
        let (w, h) = (80.0, 14.0);
        let spots = spots_around_marker(w, h, 100.0, 100.0, 9.0);
        let right = spots[0];
        assert!(reads_as_own(
            w,
            h,
            &right,
            (100.0, 100.0),
            std::iter::empty()
        ));
        // A marker just past the text's far end, level with it: the name reads as that one's.
        let past_end = (right.cx + w / 2.0 + 10.0, 100.0);
        assert!(!reads_as_own(
            w,
            h,
            &right,
            (100.0, 100.0),
            [past_end].into_iter()
        ));
        // Well clear of the text, it does not matter.
        let far = (right.cx + w / 2.0 + 40.0, 100.0);
        assert!(reads_as_own(
            w,
            h,
            &right,
            (100.0, 100.0),
            [far].into_iter()
        ));
        // Another marker right above the text, nearer than its own: not this spot.
        let above = (right.cx, 100.0 - h / 2.0 - 8.0);
        assert!(!reads_as_own(
            w,
            h,
            &right,
            (100.0, 100.0),
            [above].into_iter()
        ));
        let b = Aabb::around(0.0, 0.0, 2.0, 1.0);
        assert_eq!(b.distance_to(1.0, 0.5), 0.0);
        assert_eq!(b.distance_to(5.0, 5.0), 5.0);
    }

    #[test]
    fn spots_around_a_marker_clear_it() {
        let (w, h) = block_size(&["二环南路"], 12.0, false);
        for s in spots_around_marker(w, h, 200.0, 200.0, 9.0) {
            assert!(
                !label_outline(w, h, s).meets_circle(200.0, 200.0, 9.0),
                "{s:?}"
            );
        }
    }

    #[test]
    fn clipping_keeps_what_is_on_screen() {
        let b = screen();
        // Crosses the screen left to right, leaving and re-entering at the top.
        let runs = clip_polyline(
            &[
                (-100.0, 100.0),
                (300.0, 100.0),
                (400.0, -100.0),
                (500.0, 100.0),
                (900.0, 100.0),
            ],
            &b,
        );
        assert_eq!(runs.len(), 2, "{runs:?}");
        assert_eq!(runs[0][0], (0.0, 100.0));
        assert_eq!(*runs[1].last().unwrap(), (800.0, 100.0));
        assert!(clip_polyline(&[(-10.0, -10.0), (-5.0, -20.0)], &b).is_empty());
    }

    #[test]
    fn points_along_a_polyline() {
        let l = [(0.0, 0.0), (10.0, 0.0), (10.0, 30.0)];
        assert_eq!(point_along(&l, 0.5), Some((10.0, 10.0)));
        assert_eq!(point_along(&l, 0.125), Some((5.0, 0.0)));
        assert_eq!(point_along(&[(5.0, 5.0)], 0.5), Some((5.0, 5.0)));
        assert_eq!(point_along(&[], 0.5), None);
    }

    #[test]
    fn reading_direction_is_left_to_right_and_top_to_bottom() {
        assert_eq!(reading_angle(180.0), 0.0);
        assert_eq!(reading_angle(-90.0), 90.0);
        assert_eq!(reading_angle(90.0), 90.0);
        assert!((reading_angle(-170.0) - 10.0).abs() < 1e-9);
        // Steep lines, leaning either way, read top to bottom.
        assert!((reading_angle(-87.0) - 93.0).abs() < 1e-9);
        assert!((reading_angle(100.0) - 100.0).abs() < 1e-9);
        assert!((reading_angle(83.0) - 83.0).abs() < 1e-9);
        // Less steep ones stay upright.
        assert!((reading_angle(-70.0) + 70.0).abs() < 1e-9);
        assert!((reading_angle(110.0) + 70.0).abs() < 1e-9);
    }

    #[test]
    fn along_line_is_upright_beside_the_stroke() {
        // A line drawn right-to-left: the label must not be upside down.
        let spots = spots_along_line(&[(500.0, 100.0), (100.0, 100.0)], 60.0, 10.0);
        assert!(!spots.is_empty());
        assert!(spots[0].angle.abs() < 1e-9, "{:?}", spots[0]);
        assert!((spots[0].cx - 300.0).abs() < 1e-9);
        // First above the line, then below it, by the offset.
        assert!((spots[0].cy - 90.0).abs() < 1e-9 && (spots[1].cy - 110.0).abs() < 1e-9);
        // Drawn upwards, a vertical line's label still reads top to bottom.
        let up = spots_along_line(&[(100.0, 500.0), (100.0, 100.0)], 60.0, 10.0);
        assert!(up.iter().all(|s| s.angle == 90.0), "{up:?}");
        // Too short for the label: no spots.
        assert!(spots_along_line(&[(0.0, 0.0), (50.0, 0.0)], 60.0, 0.0).is_empty());
        // A hairpin: the chord is too short to read along.
        assert!(spots_along_line(&[(0.0, 0.0), (40.0, 0.0), (0.0, 1.0)], 60.0, 0.0).is_empty());
    }
}
