//! Grouping markers that would overlap on screen into clusters, in one pass over a grid.

use crate::geometry::planar;
use geo::Coord;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Markers whose centres are closer than this many pixels are grouped.
pub const CLUSTER_RADIUS: f64 = 44.0;

/// Hashes grid cells with a multiply per coordinate: a cell's key needs none of SipHash's
/// defence against crafted input, and the scene is faster without it (`cargo bench --bench
/// native`, BENCHMARKS.md, stop 20).
#[derive(Default)]
struct CellHasher(u64);

impl Hasher for CellHasher {
    fn write(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|&b| self.write_u64(b.into()));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Grid = HashMap<(i64, i64), Vec<usize>, BuildHasherDefault<CellHasher>>;

/// A marker candidate: its screen position and priority, and an opaque key (its index).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    pub key: usize,
    pub at: Coord<f64>,
    pub priority: u32,
}

/// A group of candidates; one member means a plain marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Where the group is drawn: its leader's position (the highest-priority member).
    pub at: Coord<f64>,
    /// Member keys, leader first.
    pub members: Vec<usize>,
}

/// Greedy clustering: candidates in priority order each join the first group whose leader is
/// within `radius`, else lead a new group. Expected O(n): a grid of `radius`-sized cells
/// means only the 9 cells around a point are searched.
pub fn cluster(mut items: Vec<Candidate>, radius: f64) -> Vec<Group> {
    crate::sort::sort_by(&mut items, |a, b| {
        b.priority.cmp(&a.priority).then(a.key.cmp(&b.key))
    });
    let mut groups: Vec<Group> = vec![];
    if radius <= 0.0 || !radius.is_finite() {
        return items
            .into_iter()
            .map(|c| Group {
                at: c.at,
                members: vec![c.key],
            })
            .collect();
    }
    let cell = |p: Coord<f64>| ((p.x / radius).floor() as i64, (p.y / radius).floor() as i64);
    let mut grid = Grid::default();
    for c in items {
        if !c.at.x.is_finite() || !c.at.y.is_finite() {
            continue;
        }
        let (cx, cy) = cell(c.at);
        let mut joined = None;
        'search: for dx in -1..=1 {
            for dy in -1..=1 {
                for &g in grid.get(&(cx + dx, cy + dy)).into_iter().flatten() {
                    let lead = groups[g].at;
                    if planar::hypot(lead.x - c.at.x, lead.y - c.at.y) < radius {
                        joined = Some(g);
                        break 'search;
                    }
                }
            }
        }
        match joined {
            Some(g) => groups[g].members.push(c.key),
            None => {
                grid.entry((cx, cy)).or_default().push(groups.len());
                groups.push(Group {
                    at: c.at,
                    members: vec![c.key],
                });
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(key: usize, x: f64, y: f64, priority: u32) -> Candidate {
        Candidate {
            key,
            at: Coord { x, y },
            priority,
        }
    }

    #[test]
    fn near_markers_group_far_ones_do_not() {
        let groups = cluster(
            vec![c(0, 0.0, 0.0, 1), c(1, 10.0, 0.0, 5), c(2, 200.0, 0.0, 1)],
            44.0,
        );
        assert_eq!(groups.len(), 2);
        // The higher-priority marker leads its group.
        assert_eq!(groups[0].members, vec![1, 0]);
        assert_eq!(groups[0].at, Coord { x: 10.0, y: 0.0 });
        assert_eq!(groups[1].members, vec![2]);
    }

    #[test]
    fn every_candidate_lands_in_exactly_one_group() {
        let items: Vec<Candidate> = (0..2000)
            .map(|i| {
                c(
                    i,
                    (i * 37 % 1000) as f64,
                    (i * 91 % 700) as f64,
                    (i % 7) as u32,
                )
            })
            .collect();
        let groups = cluster(items, 44.0);
        let mut all: Vec<usize> = groups.iter().flat_map(|g| g.members.clone()).collect();
        all.sort();
        assert_eq!(all, (0..2000).collect::<Vec<_>>());
        // Leaders are at least a radius apart.
        for (i, a) in groups.iter().enumerate() {
            for b in &groups[i + 1..] {
                assert!(planar::hypot(a.at.x - b.at.x, a.at.y - b.at.y) >= 44.0);
            }
        }
    }

    #[test]
    fn zero_radius_disables_clustering_and_nan_is_dropped() {
        let groups = cluster(vec![c(0, 0.0, 0.0, 1), c(1, 0.0, 0.0, 1)], 0.0);
        assert_eq!(groups.len(), 2);
        assert!(cluster(vec![c(0, f64::NAN, 0.0, 1)], 44.0).is_empty());
    }
}
