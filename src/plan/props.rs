//! Typed access to a feature's `properties`: each accessor returns the value when it has the
//! right type and records a problem naming the file, the feature and the key when it does not.

use super::feature::Names;
use super::json::{kind, Object, Value};
use super::problem::Problem;

/// Every property the loader reads; anything else gets a warning (usually a typo).
pub const KNOWN_PROPERTIES: &[&str] = &[
    "id",
    "name_zh",
    "name_en",
    "name_pinyin",
    "short_zh",
    "short_en",
    "category",
    "precision",
    "schematic",
    "quote",
    "source",
    "position_source",
    "description_zh",
    "description_en",
    "zone",
    "in_belt",
    "uncertainty_m",
    "segment",
    "value",
    "display_zh",
    "display_en",
    "target",
    "link",
    "adcode",
    "clipped_to_map_extent",
];

/// The properties of one feature, and where its problems go.
pub struct Props<'a> {
    pub file: &'a str,
    pub label: &'a str,
    pub map: &'a Object,
    pub problems: &'a mut Vec<Problem>,
    /// Set when a problem makes the feature unusable: it is then skipped.
    pub fatal: bool,
}

impl Props<'_> {
    pub fn error(&mut self, message: String) {
        self.problems
            .push(Problem::error(self.file, Some(self.label), message));
    }

    /// An optional string: absent or null is `None`; any other type is an error.
    pub fn opt_str(&mut self, key: &str) -> Option<String> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                self.error(format!(
                    "property `{key}` must be a string, found {}",
                    kind(other)
                ));
                None
            }
        }
    }

    /// A required, non-blank string; its absence makes the feature unusable.
    pub fn req_str(&mut self, key: &str) -> Option<String> {
        let had = self.map.contains_key(key);
        match self.opt_str(key) {
            Some(s) if !s.trim().is_empty() => Some(s),
            Some(_) => {
                self.error(format!("property `{key}` is empty"));
                self.fatal = true;
                None
            }
            None => {
                if !had {
                    self.error(format!("property `{key}` is missing"));
                }
                self.fatal = true;
                None
            }
        }
    }

    pub fn opt_bool(&mut self, key: &str) -> Option<bool> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(other) => {
                self.error(format!(
                    "property `{key}` must be true or false, found {}",
                    kind(other)
                ));
                None
            }
        }
    }

    /// An optional pair `{key}_zh` / `{key}_en`: both or neither.
    pub fn opt_names(&mut self, key: &str) -> Option<Names> {
        match (
            self.opt_str(&format!("{key}_zh")),
            self.opt_str(&format!("{key}_en")),
        ) {
            (Some(zh), Some(en)) => Some(Names { zh, en }),
            (None, None) => None,
            _ => {
                self.error(format!("`{key}_zh` and `{key}_en` must come together"));
                None
            }
        }
    }

    pub fn opt_number(&mut self, key: &str) -> Option<f64> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => match n.as_f64() {
                Some(v) if v.is_finite() => Some(v),
                _ => {
                    self.error(format!("property `{key}` is not a finite number"));
                    None
                }
            },
            Some(other) => {
                self.error(format!(
                    "property `{key}` must be a number, found {}",
                    kind(other)
                ));
                None
            }
        }
    }

    /// A warning for each property the loader does not know.
    pub fn warn_unknown(&mut self) {
        for key in self
            .map
            .keys()
            .filter(|k| !KNOWN_PROPERTIES.contains(&k.as_str()))
        {
            self.problems.push(Problem::warning(
                self.file,
                Some(self.label),
                format!("unknown property `{key}` (a typo?); it is ignored"),
            ));
        }
    }
}
