//! Label placement with collision avoidance: labels are placed greedily in priority order,
//! each taking the first of its candidate positions that overlaps nothing already placed.
//! Higher-priority labels win; as the map zooms in, features spread apart and more fit.

use super::text::{line_height, text_width};

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

    fn grown(&self, by: f64) -> Aabb {
        Aabb {
            x0: self.x0 - by,
            y0: self.y0 - by,
            x1: self.x1 + by,
            y1: self.y1 + by,
        }
    }
}

/// A possible position: the text's centre, and its rotation in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spot {
    pub cx: f64,
    pub cy: f64,
    pub angle: f64,
}

/// The on-screen box of `text` at `spot` (for a rotated label, the box around it).
pub fn label_box(text: &str, font_px: f64, spot: Spot) -> Aabb {
    let (w, h) = (text_width(text, font_px), line_height(font_px));
    let (s, c) = spot.angle.to_radians().sin_cos();
    let half_w = (w * c.abs() + h * s.abs()) / 2.0;
    let half_h = (w * s.abs() + h * c.abs()) / 2.0;
    Aabb::around(spot.cx, spot.cy, half_w, half_h).grown(LABEL_PADDING)
}

/// Places labels one at a time, remembering what is taken.
pub struct Placer {
    bounds: Aabb,
    placed: Vec<Aabb>,
    obstacles: Vec<Aabb>,
}

impl Placer {
    /// Labels must lie within `bounds` (the screen) and avoid `obstacles` (marker symbols).
    pub fn new(bounds: Aabb, obstacles: Vec<Aabb>) -> Placer {
        Placer {
            bounds,
            placed: vec![],
            obstacles,
        }
    }

    /// Place `text` at the first free spot; `avoid_obstacles = false` lets it cover markers
    /// (never other labels). Returns the chosen spot.
    pub fn place(
        &mut self,
        text: &str,
        font_px: f64,
        spots: &[Spot],
        avoid_obstacles: bool,
    ) -> Option<Spot> {
        for spot in spots {
            let b = label_box(text, font_px, *spot);
            if !b.inside(&self.bounds) || self.placed.iter().any(|p| p.overlaps(&b)) {
                continue;
            }
            if avoid_obstacles && self.obstacles.iter().any(|o| o.overlaps(&b)) {
                continue;
            }
            self.placed.push(b);
            return Some(*spot);
        }
        None
    }

    /// The boxes placed so far.
    pub fn placed(&self) -> &[Aabb] {
        &self.placed
    }
}

/// Candidate spots around a marker of radius `r` at (x, y): right, left, above, below.
pub fn spots_around_marker(text: &str, font_px: f64, x: f64, y: f64, r: f64) -> [Spot; 4] {
    let (w, h) = (text_width(text, font_px), line_height(font_px));
    let gap = r + 4.0;
    [
        Spot {
            cx: x + gap + w / 2.0,
            cy: y,
            angle: 0.0,
        },
        Spot {
            cx: x - gap - w / 2.0,
            cy: y,
            angle: 0.0,
        },
        Spot {
            cx: x,
            cy: y - gap - h / 2.0,
            angle: 0.0,
        },
        Spot {
            cx: x,
            cy: y + gap + h / 2.0,
            angle: 0.0,
        },
    ]
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

/// Candidate spots along a screen polyline for a label `width` long: at several points along
/// it, aligned with the chord under the label, kept upright. Skips bends too sharp to read.
pub fn spots_along_line(points: &[(f64, f64)], width: f64) -> Vec<Spot> {
    let mut cumulative = vec![0.0];
    for w in points.windows(2) {
        let last = *cumulative.last().unwrap_or(&0.0);
        cumulative.push(last + (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1));
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
    for frac in [0.5, 0.35, 0.65, 0.2, 0.8] {
        let s = total * frac;
        if s - width / 2.0 < 0.0 || s + width / 2.0 > total {
            continue;
        }
        let (a, b) = (at(s - width / 2.0), at(s + width / 2.0));
        let chord = (b.0 - a.0).hypot(b.1 - a.1);
        if chord < width * 0.9 {
            continue; // too curvy here
        }
        let mut angle = (b.1 - a.1).atan2(b.0 - a.0).to_degrees();
        if angle > 90.0 {
            angle -= 180.0;
        } else if angle < -90.0 {
            angle += 180.0;
        }
        out.push(Spot {
            cx: (a.0 + b.0) / 2.0,
            cy: (a.1 + b.1) / 2.0,
            angle,
        });
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

    #[test]
    fn later_labels_avoid_earlier_ones() {
        let mut p = Placer::new(screen(), vec![]);
        let first = p.place("北服务", 14.0, &spots_near(400.0, 300.0, 24.0), true);
        assert_eq!(first.map(|s| (s.cx, s.cy)), Some((400.0, 300.0)));
        let second = p
            .place("中科创", 14.0, &spots_near(400.0, 300.0, 24.0), true)
            .unwrap();
        assert_ne!((second.cx, second.cy), (400.0, 300.0));
        let boxes = p.placed();
        assert!(!boxes[0].overlaps(&boxes[1]));
    }

    #[test]
    fn labels_stay_on_screen_and_off_markers() {
        let marker = Aabb::around(100.0, 100.0, 9.0, 9.0);
        let mut p = Placer::new(screen(), vec![marker]);
        assert!(p
            .place(
                "Edge",
                12.0,
                &[Spot {
                    cx: 2.0,
                    cy: 2.0,
                    angle: 0.0
                }],
                true
            )
            .is_none());
        assert!(p
            .place(
                "On marker",
                12.0,
                &[Spot {
                    cx: 100.0,
                    cy: 100.0,
                    angle: 0.0
                }],
                true
            )
            .is_none());
        assert!(p
            .place(
                "On marker",
                12.0,
                &[Spot {
                    cx: 100.0,
                    cy: 100.0,
                    angle: 0.0
                }],
                false
            )
            .is_some());
    }

    #[test]
    fn rotated_box_is_taller() {
        let flat = label_box(
            "二环南路",
            12.0,
            Spot {
                cx: 0.0,
                cy: 0.0,
                angle: 0.0,
            },
        );
        let steep = label_box(
            "二环南路",
            12.0,
            Spot {
                cx: 0.0,
                cy: 0.0,
                angle: 60.0,
            },
        );
        assert!(steep.y1 - steep.y0 > flat.y1 - flat.y0);
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
    fn along_line_is_upright_and_centred() {
        // A line drawn right-to-left: the label must not be upside down.
        let spots = spots_along_line(&[(500.0, 100.0), (100.0, 100.0)], 60.0);
        assert!(!spots.is_empty());
        assert!(spots[0].angle.abs() < 1e-9, "{:?}", spots[0]);
        assert!((spots[0].cx - 300.0).abs() < 1e-9);
        // Too short for the label: no spots.
        assert!(spots_along_line(&[(0.0, 0.0), (50.0, 0.0)], 60.0).is_empty());
        // A hairpin: the chord is too short to read along.
        assert!(spots_along_line(&[(0.0, 0.0), (40.0, 0.0), (0.0, 1.0)], 60.0).is_empty());
    }
}
