//! Typed access to a feature's `properties`, following [`super::schema`]: each accessor
//! returns the value when it has the type the schema gives it, and records a problem naming
//! the file, the feature and the key when it does not. A missing property the schema says is
//! always required makes the feature unusable.

use super::feature::Names;
use super::json::{kind, Object, Value};
use super::problem::Problem;
use super::schema::{self, Kind, Need};

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

    /// The schema's entry for `key`, which must be of `kind` (a mismatch is a bug in the
    /// loader, caught by the tests).
    fn need(&self, key: &str, kind: Kind) -> Need {
        let p = schema::property(key);
        debug_assert!(
            p.is_some_and(|p| p.kind == kind),
            "`{key}` is not a {kind:?} property of the schema"
        );
        p.map_or(Need::Optional, |p| p.need)
    }

    /// A string: absent or null is `None`, any other type an error. A property the schema
    /// always requires must be there and not blank, or the feature is unusable.
    pub fn text(&mut self, key: &str) -> Option<String> {
        let required = self.need(key, Kind::Text) == Need::Always;
        let value = match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                self.error(format!(
                    "property `{key}` must be a string, found {}",
                    kind(other)
                ));
                self.fatal |= required;
                return None;
            }
        };
        if required {
            match &value {
                Some(s) if s.trim().is_empty() => {
                    self.error(format!("property `{key}` is empty"));
                    self.fatal = true;
                    return None;
                }
                None => {
                    self.error(format!("property `{key}` is missing"));
                    self.fatal = true;
                }
                Some(_) => {}
            }
        }
        value
    }

    /// Whether `key` holds a string that is not blank.
    pub fn has_text(&self, key: &str) -> bool {
        matches!(self.map.get(key), Some(Value::String(s)) if !s.trim().is_empty())
    }

    pub fn flag(&mut self, key: &str) -> Option<bool> {
        self.need(key, Kind::Bool);
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

    /// A pair `{key}_zh` / `{key}_en`: both or neither.
    pub fn names(&mut self, key: &str) -> Option<Names> {
        match (
            self.text(&format!("{key}_zh")),
            self.text(&format!("{key}_en")),
        ) {
            (Some(zh), Some(en)) => Some(Names { zh, en }),
            (None, None) => None,
            _ => {
                self.error(format!("`{key}_zh` and `{key}_en` must come together"));
                None
            }
        }
    }

    pub fn number(&mut self, key: &str) -> Option<f64> {
        self.need(key, Kind::Number);
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) if n.is_finite() => Some(*n),
            Some(Value::Number(_)) => {
                self.error(format!("property `{key}` is not a finite number"));
                None
            }
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
        for key in self.map.keys().filter(|k| schema::property(k).is_none()) {
            self.problems.push(Problem::warning(
                self.file,
                Some(self.label),
                format!("unknown property `{key}` (a typo?); it is ignored"),
            ));
        }
    }
}
