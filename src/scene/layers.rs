//! Which categories are visible: a small bit set that also travels in URLs.
//!
//! ```
//! use shizhong_map::scene::layers::LayerSet;
//! use shizhong_map::plan::Category;
//! let mut l = LayerSet::ALL;
//! l.set(Category::Road, false);
//! assert!(!l.contains(Category::Road) && l.contains(Category::Zone));
//! assert_eq!(LayerSet::parse(&l.code()), Some(l));
//! ```

use crate::plan::Category;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LayerSet(u32);

fn bit(c: Category) -> u32 {
    let i = Category::ALL.iter().position(|x| *x == c).unwrap_or(0);
    1 << i
}

impl LayerSet {
    pub const ALL: LayerSet = LayerSet(u32::MAX >> (32 - Category::ALL.len() as u32));
    pub const NONE: LayerSet = LayerSet(0);

    pub fn contains(self, c: Category) -> bool {
        self.0 & bit(c) != 0
    }

    pub fn set(&mut self, c: Category, on: bool) {
        if on {
            self.0 |= bit(c);
        } else {
            self.0 &= !bit(c);
        }
    }

    pub fn with(mut self, c: Category, on: bool) -> Self {
        self.set(c, on);
        self
    }

    /// Visible categories as a comma-separated list of codes (for URLs).
    pub fn code(self) -> String {
        Category::ALL
            .iter()
            .filter(|c| self.contains(**c))
            .map(|c| c.code())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Parse [`LayerSet::code`]; unknown codes are ignored, and `None` means nothing usable.
    pub fn parse(s: &str) -> Option<LayerSet> {
        let mut set = LayerSet::NONE;
        let mut any = false;
        for part in s.split(',') {
            if let Ok(c) = part.trim().parse::<Category>() {
                set.set(c, true);
                any = true;
            }
        }
        (any || s.trim().is_empty()).then_some(set)
    }
}

/// What the map shows: visible layers, and optionally one zone only.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub layers: LayerSet,
    /// Show only what lies in this zone (the structure — district, belt, axis — stays).
    pub zone: Option<String>,
}

impl From<LayerSet> for Filter {
    fn from(layers: LayerSet) -> Filter {
        Filter { layers, zone: None }
    }
}

impl Default for LayerSet {
    fn default() -> Self {
        LayerSet::ALL
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_contains_every_category() {
        for c in Category::ALL {
            assert!(LayerSet::ALL.contains(*c));
            assert!(!LayerSet::NONE.contains(*c));
        }
    }

    #[test]
    fn parse_is_total() {
        assert_eq!(LayerSet::parse(""), Some(LayerSet::NONE));
        assert_eq!(
            LayerSet::parse("zone,bogus"),
            Some(LayerSet::NONE.with(Category::Zone, true))
        );
        assert_eq!(LayerSet::parse("bogus"), None);
    }
}
