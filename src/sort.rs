//! One stable sort for every element type. The standard library's sorts are generic: each call
//! site with its own element type and comparator gets a copy of the whole algorithm, ≈ 4 KB of
//! WASM each. Here the algorithm runs once, on indices, behind one `dyn` comparator; only a
//! small permutation step is generic.
//!
//! ```
//! let mut v = vec![(2, 'b'), (1, 'z'), (2, 'a'), (1, 'y')];
//! shizhong_map::sort::sort_by_key(&mut v, |p| p.0);
//! assert_eq!(v, [(1, 'z'), (1, 'y'), (2, 'b'), (2, 'a')]); // stable
//! ```

use std::cmp::Ordering;

/// The order of `0..len` that sorts by `cmp` (stable): the one compiled sorting routine.
fn sorted_indices(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..len).collect();
    idx.sort_by(|a, b| cmp(*a, *b));
    idx
}

/// Sort `v` by `cmp`, stably.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = sorted_indices(v.len(), &|a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sort `v` by a key, stably.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_and_keeps_every_element() {
        let mut v: Vec<(u32, usize)> = (0..500).map(|i| ((i * 7919 % 13) as u32, i)).collect();
        let mut want = v.clone();
        want.sort_by_key(|p| p.0);
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, want);
        let mut f = vec![3.5, -1.0, f64::INFINITY, 0.0];
        sort_by(&mut f, f64::total_cmp);
        assert_eq!(f, [-1.0, 0.0, 3.5, f64::INFINITY]);
        let mut empty: Vec<u8> = vec![];
        sort_by_key(&mut empty, |x| *x);
        assert!(empty.is_empty());
    }
}
