//! Ramer–Douglas–Peucker simplification for the level of detail, written out because `geo`'s
//! version builds a new vector at every step of its recursion and measures with `hypot`
//! (natively the whole scene is about a quarter faster with this one: `cargo bench --bench
//! native`, BENCHMARKS.md, stop 20). Same algorithm and the same minimum sizes (2 points for a
//! line, 4 for a ring), with squared distances and one flag per vertex.
//!
//! ```
//! use geo::coord;
//! use shizhong_map::geometry::simplify::{simplify, LINE_MIN};
//! let line = [coord! { x: 0.0, y: 0.0 }, coord! { x: 5.0, y: 0.1 }, coord! { x: 10.0, y: 0.0 }];
//! assert_eq!(simplify(&line, 0.5, LINE_MIN), vec![line[0], line[2]]);
//! assert_eq!(simplify(&line, 0.05, LINE_MIN), line.to_vec());
//! ```

use geo::Coord;

/// The fewest points a simplified line keeps.
pub const LINE_MIN: usize = 2;
/// The fewest points a simplified ring keeps (a closed triangle).
pub const RING_MIN: usize = 4;

/// Squared distance from `p` to the segment `a`–`b`.
fn segment_distance_squared(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length_squared = dx * dx + dy * dy;
    let to = |q: Coord<f64>| (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y);
    if length_squared == 0.0 {
        return to(a);
    }
    let r = ((p.x - a.x) * dx + (p.y - a.y) * dy) / length_squared;
    if r <= 0.0 {
        to(a)
    } else if r >= 1.0 {
        to(b)
    } else {
        let cross = (a.y - p.y) * dx - (a.x - p.x) * dy;
        cross * cross / length_squared
    }
}

/// The points of `coords` that keep it within `epsilon` of itself, in order. A stretch is
/// only dropped while at least `min_len` points remain; `epsilon ≤ 0` keeps every point.
pub fn simplify(coords: &[Coord<f64>], epsilon: f64, min_len: usize) -> Vec<Coord<f64>> {
    if epsilon <= 0.0 || coords.len() <= 2 {
        return coords.to_vec();
    }
    let limit = epsilon * epsilon;
    let mut keep = vec![true; coords.len()];
    let mut remaining = coords.len();
    // Stretches still to look at; the first half of a split is looked at first, as in the
    // recursive form, so `min_len` stops the culling at the same place.
    let mut stack = vec![(0, coords.len() - 1)];
    while let Some((first, last)) = stack.pop() {
        if last - first < 2 {
            continue;
        }
        let (a, b) = (coords[first], coords[last]);
        let (mut farthest, mut farthest_d) = (first + 1, -1.0);
        for (i, &p) in coords.iter().enumerate().take(last).skip(first + 1) {
            let d = segment_distance_squared(p, a, b);
            if d >= farthest_d {
                (farthest, farthest_d) = (i, d);
            }
        }
        if farthest_d > limit {
            stack.push((farthest, last));
            stack.push((first, farthest));
        } else if remaining - (last - first - 1) >= min_len {
            remaining -= last - first - 1;
            keep[first + 1..last].fill(false);
        }
    }
    coords
        .iter()
        .zip(keep)
        .filter_map(|(&c, k)| k.then_some(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{coord, LineString, Simplify};

    fn wiggle(n: usize, seed: u64) -> Vec<Coord<f64>> {
        // A deterministic random walk (xorshift), like a digitised boundary.
        let mut s = seed;
        let mut next = || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s % 1000) as f64 / 1000.0 - 0.5
        };
        let (mut x, mut y) = (0.0, 0.0);
        (0..n)
            .map(|_| {
                x += 1.0 + next();
                y += next() * 3.0;
                coord! { x: x, y: y }
            })
            .collect()
    }

    #[test]
    fn agrees_with_geo_on_lines_and_rings() {
        for seed in 1..40u64 {
            let line = wiggle(300, seed);
            let mut ring = line.clone();
            ring.push(ring[0]);
            for eps in [0.05, 0.4, 1.5, 6.0, 1e3] {
                let ours = simplify(&line, eps, LINE_MIN);
                let theirs = LineString::from(line.clone()).simplify(eps).0;
                assert_eq!(ours, theirs, "line, seed {seed}, eps {eps}");
                let poly = geo::Polygon::new(LineString::from(ring.clone()), vec![]);
                let theirs = poly.simplify(eps).exterior().0.clone();
                assert_eq!(
                    simplify(&ring, eps, RING_MIN),
                    theirs,
                    "ring, seed {seed}, eps {eps}"
                );
            }
        }
    }

    #[test]
    fn a_ring_keeps_a_triangle() {
        let ring = [
            coord! { x: 0.0, y: 0.0 },
            coord! { x: 1.0, y: 0.01 },
            coord! { x: 2.0, y: 0.0 },
            coord! { x: 1.0, y: 0.02 },
            coord! { x: 0.0, y: 0.0 },
        ];
        assert!(simplify(&ring, 10.0, RING_MIN).len() >= RING_MIN);
        assert_eq!(simplify(&ring, 10.0, LINE_MIN).len(), 2);
    }

    #[test]
    fn short_and_degenerate_input() {
        assert!(simplify(&[], 1.0, LINE_MIN).is_empty());
        let p = coord! { x: 1.0, y: 1.0 };
        assert_eq!(simplify(&[p], 1.0, LINE_MIN), vec![p]);
        // Repeated points: the segment is a point, distances are to it.
        assert_eq!(simplify(&[p, p, p], 1.0, LINE_MIN), vec![p, p]);
        assert_eq!(simplify(&[p, p, p], 0.0, LINE_MIN), vec![p, p, p]);
    }
}
