//! Which categories are visible: a small bit set that also travels in URLs and on the export's
//! command line, as the same comma-separated [`Category`] codes.
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
use crate::quote::quoted;

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

    /// Parse a comma-separated list of [`Category`] codes (or `all`), as the URL's `layers=`
    /// carries it. Total, for links: unknown codes are ignored, and `None` means nothing
    /// usable (`""` is a usable list: every layer hidden).
    pub fn parse(s: &str) -> Option<LayerSet> {
        let (set, known) = LayerSet::read(s);
        (known > 0 || s.trim().is_empty()).then_some(set)
    }

    /// [`LayerSet::parse`] for command lines: the same codes, but an unknown code is an error
    /// that lists the known ones, and so is a list that names none.
    ///
    /// ```
    /// use shizhong_map::scene::layers::LayerSet;
    /// assert_eq!(LayerSet::parse_strict("zone, renewal"), Ok(LayerSet::parse("zone,renewal").unwrap()));
    /// let e = LayerSet::parse_strict("zone,castle").unwrap_err();
    /// assert!(e.starts_with("unknown category \"castle\" (known: all, district, neighbour,"), "{e}");
    /// ```
    pub fn parse_strict(s: &str) -> Result<LayerSet, String> {
        let unknown: Vec<String> = LayerSet::codes(s)
            .filter(|code| LayerSet::code_to_set(code).is_none())
            .map(quoted)
            .collect();
        if !unknown.is_empty() {
            let known: Vec<&str> = std::iter::once(ALL_CODE)
                .chain(Category::ALL.iter().map(|c| c.code()))
                .collect();
            return Err(format!(
                "unknown {} {} (known: {})",
                if unknown.len() == 1 {
                    "category"
                } else {
                    "categories"
                },
                unknown.join(", "),
                known.join(", ")
            ));
        }
        match LayerSet::read(s) {
            (_, 0) => Err(format!("name at least one category (or `{ALL_CODE}`)")),
            (set, _) => Ok(set),
        }
    }

    /// The non-empty codes of a comma-separated list.
    fn codes(s: &str) -> impl Iterator<Item = &str> {
        s.split(',').map(str::trim).filter(|c| !c.is_empty())
    }

    /// The layers one code names.
    fn code_to_set(code: &str) -> Option<LayerSet> {
        if code == ALL_CODE {
            return Some(LayerSet::ALL);
        }
        code.parse::<Category>()
            .ok()
            .map(|c| LayerSet::NONE.with(c, true))
    }

    /// The layers the known codes of `s` name, and how many known codes it has.
    fn read(s: &str) -> (LayerSet, usize) {
        LayerSet::codes(s)
            .filter_map(LayerSet::code_to_set)
            .fold((LayerSet::NONE, 0), |(set, n), one| {
                (LayerSet(set.0 | one.0), n + 1)
            })
    }
}

/// The code that names every layer at once.
const ALL_CODE: &str = "all";

/// What the map shows: visible layers, and optionally one zone only.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub layers: LayerSet,
    /// Show only what lies in this zone (the structure — district, belt, axis — stays).
    pub zone: Option<String>,
}

impl Filter {
    /// What is drawn over a tile basemap: the same, but the schematic context roads give way
    /// to the real streets underneath (they are hidden, legend row included).
    ///
    /// ```
    /// use shizhong_map::plan::Category;
    /// use shizhong_map::scene::layers::{Filter, LayerSet};
    /// let f = Filter::from(LayerSet::ALL).under_tiles();
    /// assert!(!f.layers.contains(Category::Road) && f.layers.contains(Category::Landmark));
    /// ```
    pub fn under_tiles(mut self) -> Filter {
        self.layers.set(crate::plan::Category::Road, false);
        self
    }
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
        assert_eq!(
            LayerSet::parse(","),
            None,
            "a list of nothing is not the empty list"
        );
        assert_eq!(LayerSet::parse("all"), Some(LayerSet::ALL));
        assert_eq!(LayerSet::parse(" zone , all "), Some(LayerSet::ALL));
    }

    #[test]
    fn strict_parse_takes_the_same_codes_and_refuses_the_rest() {
        let zone_renewal = LayerSet::NONE
            .with(Category::Zone, true)
            .with(Category::Renewal, true);
        for list in ["zone,renewal", " renewal , zone ", "zone,,renewal,"] {
            assert_eq!(LayerSet::parse_strict(list), Ok(zone_renewal), "{list:?}");
            assert_eq!(LayerSet::parse(list), Some(zone_renewal), "{list:?}");
        }
        assert_eq!(LayerSet::parse_strict("all"), Ok(LayerSet::ALL));
        // Every code the URL writes is read back by both.
        for c in Category::ALL {
            let one = LayerSet::NONE.with(*c, true);
            assert_eq!(LayerSet::parse_strict(&one.code()), Ok(one));
        }
        let e = LayerSet::parse_strict("zone,castle,moat").unwrap_err();
        assert!(
            e.starts_with(r#"unknown categories "castle", "moat" (known: all, "#),
            "{e}"
        );
        for c in Category::ALL {
            assert!(e.contains(c.code()), "{c:?} missing from {e}");
        }
        assert!(LayerSet::parse_strict("Zone")
            .unwrap_err()
            .contains("\"Zone\""));
        for empty in ["", " ", ",", " , "] {
            let e = LayerSet::parse_strict(empty).unwrap_err();
            assert!(e.contains("at least one"), "{empty:?}: {e}");
        }
    }
}
