//! SVG path data for world geometry, at a level of detail.
//!
//! Paths are written in *layer units*: world units scaled by `2^REF_ZOOM` and shifted so the
//! numbers stay small. One `transform` on the layer's group then maps them to the screen for
//! any view, so a pan or zoom changes one attribute instead of rewriting every path.

use crate::geometry::simplify::{simplify, LINE_MIN, RING_MIN};
use geo::{Coord, Geometry, LineString, Polygon};

/// Layer units are screen pixels at this zoom.
pub const REF_ZOOM: f64 = 16.0;
/// Layer units per world unit, `2^REF_ZOOM`, written out: every vertex is scaled by it.
const LAYER_SCALE: f64 = 65536.0;

/// Maps world units to layer units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayerFrame {
    /// The world point at layer (0, 0).
    pub origin: Coord<f64>,
}

impl LayerFrame {
    pub fn to_layer(&self, w: Coord<f64>) -> Coord<f64> {
        let k = LAYER_SCALE;
        geo::coord! { x: (w.x - self.origin.x) * k, y: (w.y - self.origin.y) * k }
    }
}

/// Level of detail: whole zoom levels. Geometry is simplified to half a pixel at that zoom.
pub fn lod_for_zoom(zoom: f64) -> u8 {
    zoom.floor().clamp(0.0, REF_ZOOM) as u8
}

/// Simplification tolerance in world units for a level of detail.
fn tolerance(lod: u8) -> f64 {
    0.5 / 2f64.powi(lod as i32)
}

/// The grid path vertices are rounded to at `lod`, in tenths of a layer unit: a tenth at the
/// deepest levels, whole units where a unit is at most 1/16 px on screen (levels up to 12, so
/// the home view's and the first view's paths). Error well below the simplification's half pixel.
fn grid_tenths(lod: u8) -> i64 {
    if lod <= 12 {
        10
    } else {
        1
    }
}

/// Writes `coords` simplified to `eps` (a ring when `close`): the first vertex absolute, the
/// others relative (`l`), which keeps the numbers short. The deltas are taken between rounded
/// vertices, so rounding never accumulates.
fn ring(
    out: &mut String,
    frame: &LayerFrame,
    coords: &[Coord<f64>],
    eps: f64,
    lod: u8,
    close: bool,
) {
    let min_len = if close { RING_MIN } else { LINE_MIN };
    let grid = grid_tenths(lod);
    let round = |v: f64| (v * 10.0 / grid as f64).round() as i64 * grid;
    let points: Vec<(i64, i64)> = simplify(coords, eps, min_len)
        .iter()
        .map(|c| frame.to_layer(*c))
        .map(|p| (round(p.x), round(p.y)))
        .collect();
    let Some(&first) = points.first() else { return };
    out.push('M');
    push_pair(out, first, true);
    let mut last = first;
    // A closed ring's repeated first vertex is left to `Z`.
    let end = if close && points.len() > 1 && points[points.len() - 1] == first {
        points.len() - 1
    } else {
        points.len()
    };
    let mut relative = false;
    for &q in &points[1..end] {
        if q == last {
            continue; // a repeated point after rounding
        }
        if !relative {
            out.push('l');
        }
        push_pair(out, (q.0 - last.0, q.1 - last.1), !relative);
        relative = true;
        last = q;
    }
    if close {
        out.push('Z');
    }
}

/// Appends a coordinate pair in tenths; a space separates numbers unless a minus sign does.
fn push_pair(out: &mut String, (x, y): (i64, i64), after_command: bool) {
    if !after_command && x >= 0 {
        out.push(' ');
    }
    push_tenths(out, x);
    if y >= 0 {
        out.push(' ');
    }
    push_tenths(out, y);
}

/// Append `v` tenths as a short decimal (`125` → `12.5`, `-130` → `-13`). Written digit by
/// digit: paths have thousands of numbers, and the formatting machinery showed in profiles.
fn push_tenths(out: &mut String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    let a = v.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = a / 10;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&d| char::from(d)));
    if a % 10 != 0 {
        out.push('.');
        out.push(char::from(b'0' + (a % 10) as u8));
    }
}

/// SVG path data for a line or area geometry at `lod` (points are drawn as markers, not paths).
pub fn path_data(frame: &LayerFrame, g: &Geometry<f64>, lod: u8) -> String {
    let eps = tolerance(lod);
    let mut out = String::new();
    let line = |out: &mut String, l: &LineString<f64>| ring(out, frame, &l.0, eps, lod, false);
    let area = |out: &mut String, p: &Polygon<f64>| {
        for r in std::iter::once(p.exterior()).chain(p.interiors()) {
            ring(out, frame, &r.0, eps, lod, true);
        }
    };
    match g {
        Geometry::LineString(l) => line(&mut out, l),
        Geometry::MultiLineString(ml) => ml.0.iter().for_each(|l| line(&mut out, l)),
        Geometry::Polygon(p) => area(&mut out, p),
        Geometry::MultiPolygon(mp) => mp.0.iter().for_each(|p| area(&mut out, p)),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn tenths_format() {
        let tenths = |v| {
            let mut s = String::new();
            push_tenths(&mut s, v);
            s
        };
        assert_eq!(tenths(0), "0");
        assert_eq!(tenths(125), "12.5");
        assert_eq!(tenths(-5), "-0.5");
        assert_eq!(tenths(-130), "-13");
        assert_eq!(tenths(i64::MIN), "-922337203685477580.8");
        assert_eq!(LAYER_SCALE, crate::math::exp2(REF_ZOOM));
    }

    #[test]
    fn polygon_path_is_closed_and_in_layer_units() {
        let frame = LayerFrame {
            origin: geo::coord! { x: 100.0, y: 100.0 },
        };
        let k = crate::math::exp2(-REF_ZOOM);
        let p = polygon![(x: 100.0, y: 100.0), (x: 100.0 + 10.0 * k, y: 100.0), (x: 100.0, y: 100.0 + 5.0 * k)];
        assert_eq!(path_data(&frame, &p.clone().into(), 16), "M0 0l10 0-10 5Z");
        // Whole layer units at the home view's levels.
        let q = polygon![(x: 100.0, y: 100.0), (x: 100.0 + 10.26 * k, y: 100.0), (x: 100.0, y: 100.0 + 5.04 * k)];
        assert_eq!(
            path_data(&frame, &q.clone().into(), 16),
            "M0 0l10.3 0-10.3 5Z"
        );
        assert_eq!(path_data(&frame, &q.into(), 12), "M0 0l10 0-10 5Z");
    }

    /// How many vertices path data holds: two numbers each.
    fn vertices(d: &str) -> usize {
        d.split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter(|n| !n.is_empty())
            .count()
            / 2
    }

    #[test]
    fn relative_vertices_add_up_to_the_rounded_points() {
        let frame = LayerFrame {
            origin: geo::coord! { x: 0.0, y: 0.0 },
        };
        let k = crate::math::exp2(-REF_ZOOM);
        let pts = [(3.12, -2.74), (-40.05, 17.5), (-41.0, -99.99), (12.0, 0.04)];
        let line: LineString<f64> = pts
            .iter()
            .map(|&(x, y)| geo::coord! { x: x * k, y: y * k })
            .collect();
        let d = path_data(&frame, &line.into(), 16);
        assert_eq!(d, "M3.1-2.7l-43.2 20.2-0.9-117.5 53 100");
        // Reading it back: numbers after `l` are deltas.
        let nums: Vec<f64> = d[1..]
            .replace('l', " ")
            .replace('-', " -")
            .split_whitespace()
            .map(|n| n.parse().unwrap())
            .collect();
        let (mut x, mut y) = (0.0, 0.0);
        for (i, (p, n)) in pts.iter().zip(nums.chunks(2)).enumerate() {
            (x, y) = if i == 0 {
                (n[0], n[1])
            } else {
                (x + n[0], y + n[1])
            };
            assert!(
                (x - p.0).abs() <= 0.05 + 1e-9 && (y - p.1).abs() <= 0.05 + 1e-9,
                "{x} {y} {p:?}"
            );
        }
    }

    #[test]
    fn low_detail_drops_vertices() {
        let frame = LayerFrame {
            origin: geo::coord! { x: 0.0, y: 0.0 },
        };
        // A wiggly line: 200 vertices 1e-5 world units apart, wiggling by 1e-4 (6.5 px at zoom 16, 0.03 px at zoom 8).
        let l: LineString<f64> = (0..200)
            .map(|i| geo::coord! { x: i as f64 * 1e-5, y: if i % 2 == 0 { 0.0 } else { 1e-4 } })
            .collect();
        let full = path_data(&frame, &l.clone().into(), 16);
        let coarse = path_data(&frame, &l.into(), 8);
        assert!(vertices(&coarse) < 4, "{coarse}");
        assert!(vertices(&full) > 100);
    }

    #[test]
    fn lod_clamps() {
        assert_eq!(lod_for_zoom(12.7), 12);
        assert_eq!(lod_for_zoom(40.0), 16);
        assert_eq!(lod_for_zoom(f64::NAN), 0);
    }
}
