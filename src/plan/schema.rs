//! The properties a `geodata/` feature may carry: one table that the loader (which keys
//! exist, their types, which are required), the GeoJSON writer (their order) and the
//! downloads (GeoJSON properties and CSV columns) all follow, and that `geodata/README.md`
//! documents (a test keeps the two in step).
//!
//! ```
//! use shizhong_map::plan::schema::{property, Kind, Need};
//! let p = property("name_zh").unwrap();
//! assert_eq!((p.kind, p.need), (Kind::Text, Need::Always));
//! assert!(property("precison").is_none());
//! ```

use super::feature::PlanFeature;
use super::json::Value;

/// A property's JSON type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A string.
    Text,
    /// `true` or `false`.
    Bool,
    /// A finite number.
    Number,
}

/// When a property must be present.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// On every feature; without it the feature is skipped.
    Always,
    /// On every feature that has a geometry.
    WithGeometry,
    /// On every feature whose category quotes the report
    /// ([`super::Category::needs_quote`]).
    Quoted,
    Optional,
}

/// One property.
#[derive(Clone, Copy, Debug)]
pub struct Property {
    pub key: &'static str,
    pub kind: Kind,
    pub need: Need,
    /// What it says, in one line.
    pub meaning: &'static str,
}

const fn p(key: &'static str, kind: Kind, need: Need, meaning: &'static str) -> Property {
    Property {
        key,
        kind,
        need,
        meaning,
    }
}

use Kind::{Bool, Number, Text};
use Need::{Always, Optional, Quoted, WithGeometry};

/// Every property, in the order files and downloads write them.
#[rustfmt::skip]
pub const PROPERTIES: &[Property] = &[
    p("id", Text, Always, "stable identifier, unique across all files; used in links"),
    p("name_zh", Text, Always, "the name in Chinese"),
    p("name_en", Text, Always, "the name in English"),
    p("category", Text, Always, "what the feature is (one of the category codes)"),
    p("precision", Text, Always, "how well its position is known: site, approximate or none"),
    p("name_pinyin", Text, Optional, "the Chinese name in pinyin, for search"),
    p("short_zh", Text, Optional, "a short map label in Chinese"),
    p("short_en", Text, Optional, "a short map label in English"),
    p("schematic", Bool, Optional, "the drawn shape is illustrative"),
    p("quote", Text, Quoted, "the exact sentence(s) of the report it comes from"),
    p("description_zh", Text, Optional, "a sentence for the info card, in Chinese"),
    p("description_en", Text, Optional, "a sentence for the info card, in English"),
    p("zone", Text, Optional, "the id of the zone it lies in"),
    p("in_belt", Bool, Optional, "whether it lies in the belt corridor"),
    p("uncertainty_m", Number, Optional, "radius of the area an approximate point stands for, m"),
    p("segment", Text, Optional, "axis features: the segment's name"),
    p("value", Number, Optional, "figures: the number"),
    p("display_zh", Text, Optional, "figures: how to read the number, in Chinese"),
    p("display_en", Text, Optional, "figures: how to read the number, in English"),
    p("target", Bool, Optional, "figures: a 2026 target (true) or a result (false)"),
    p("link", Text, Optional, "an http(s) address with more information"),
    p("adcode", Text, Optional, "boundaries: the administrative code"),
    p("clipped_to_map_extent", Bool, Optional, "boundaries: the shape was clipped to the map"),
    p("source_zh", Text, Always, "the document or dataset it comes from, in Chinese"),
    p("source_en", Text, Always, "the document or dataset it comes from, in English"),
    p("position_source_zh", Text, WithGeometry, "the public source of its position and its confidence, in Chinese"),
    p("position_source_en", Text, WithGeometry, "the public source of its position and its confidence, in English"),
];

/// The property with this key, if there is one.
pub fn property(key: &str) -> Option<&'static Property> {
    PROPERTIES.iter().find(|p| p.key == key)
}

/// The position of `key` in [`PROPERTIES`] (unknown keys sort last).
pub fn rank(key: &str) -> usize {
    PROPERTIES
        .iter()
        .position(|p| p.key == key)
        .unwrap_or(PROPERTIES.len())
}

/// A feature's properties as `geodata/` writes them, in table order; absent optional
/// values, and `false` for flags that default to it, are left out. Loading them back gives
/// the same feature.
pub fn values(f: &PlanFeature) -> Vec<(&'static str, Value)> {
    PROPERTIES
        .iter()
        .filter_map(|p| value_of(f, p.key).map(|v| (p.key, v)))
        .collect()
}

/// The value of one property of `f`, if it has one.
pub fn value_of(f: &PlanFeature, key: &str) -> Option<Value> {
    let text = |s: &str| Some(Value::from(s));
    let flag = |b: bool| b.then_some(Value::Bool(true));
    let figure = f.figure.as_ref();
    match key {
        "id" => text(&f.id),
        "name_zh" => text(&f.names.zh),
        "name_en" => text(&f.names.en),
        "category" => text(f.category.code()),
        "precision" => text(f.precision.code()),
        "name_pinyin" => f.pinyin.as_deref().and_then(text),
        "short_zh" => f.short.as_ref().and_then(|n| text(&n.zh)),
        "short_en" => f.short.as_ref().and_then(|n| text(&n.en)),
        "schematic" => flag(f.schematic),
        "quote" => f.quote.as_deref().and_then(text),
        "description_zh" => f.description.as_ref().and_then(|n| text(&n.zh)),
        "description_en" => f.description.as_ref().and_then(|n| text(&n.en)),
        "zone" => f.zone.as_deref().and_then(text),
        "in_belt" => f.in_belt.map(Value::Bool),
        "uncertainty_m" => f.uncertainty_m.map(Value::from),
        "segment" => f.segment.as_deref().and_then(text),
        "value" => figure.map(|x| Value::from(x.value)),
        "display_zh" => figure.and_then(|x| text(&x.display.zh)),
        "display_en" => figure.and_then(|x| text(&x.display.en)),
        "target" => figure.map(|x| Value::Bool(x.is_target)),
        "link" => f.link.as_deref().and_then(text),
        "adcode" => f.adcode.as_deref().and_then(text),
        "clipped_to_map_extent" => flag(f.clipped_to_map_extent),
        "source_zh" => text(&f.source.zh),
        "source_en" => text(&f.source.en),
        "position_source_zh" => f.position_source.as_ref().and_then(|n| text(&n.zh)),
        "position_source_en" => f.position_source.as_ref().and_then(|n| text(&n.en)),
        _ => None,
    }
}

/// A value as a table cell: text as it is, numbers and flags as JSON writes them, nothing
/// for an absent value.
pub fn cell_text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn keys_are_unique_and_plain() {
        let mut seen = HashSet::new();
        for p in PROPERTIES {
            assert!(seen.insert(p.key), "{} twice", p.key);
            assert!(
                p.key.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{}",
                p.key
            );
            assert!(!p.meaning.is_empty() && !p.meaning.contains('\n'));
        }
        assert_eq!(rank("id"), 0);
        assert_eq!(rank("nonsense"), PROPERTIES.len());
    }

    #[test]
    fn cells() {
        assert_eq!(cell_text(None), "");
        assert_eq!(cell_text(Some(&Value::from("a,b"))), "a,b");
        assert_eq!(cell_text(Some(&Value::from(800.0))), "800.0");
        assert_eq!(cell_text(Some(&Value::Bool(true))), "true");
    }
}
