//! The drawable: an SVG element with its attributes, text and children, fully decided. The
//! renderers only serialise it — as a string (the static writer) or as DOM nodes (the page).
//!
//! ```
//! use shizhong_map::present::El;
//! let e = El::new("circle").attr("r", "4").num("cx", 1.25).class("marker");
//! assert_eq!(e.get("cx"), Some("1.25"));
//! assert_eq!(e.get("class"), Some("marker"));
//! ```

use std::borrow::Cow;
use std::sync::Arc;

/// An attribute value: a constant, a string of its own, or one shared with a cached shape
/// (long path data is not copied on every rebuild).
#[derive(Clone, Debug)]
pub enum Val {
    Str(Cow<'static, str>),
    Shared(Arc<str>),
}

impl Val {
    pub fn as_str(&self) -> &str {
        match self {
            Val::Str(s) => s,
            Val::Shared(s) => s,
        }
    }
}

impl PartialEq for Val {
    fn eq(&self, other: &Val) -> bool {
        self.as_str() == other.as_str()
    }
}

impl From<&'static str> for Val {
    fn from(s: &'static str) -> Val {
        Val::Str(Cow::Borrowed(s))
    }
}

impl From<String> for Val {
    fn from(s: String) -> Val {
        Val::Str(Cow::Owned(s))
    }
}

impl From<Arc<str>> for Val {
    fn from(s: Arc<str>) -> Val {
        Val::Shared(s)
    }
}

/// One SVG element. Attribute order is kept, so both serialisers write the same document.
#[derive(Clone, Debug, PartialEq)]
pub struct El {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, Val)>,
    /// Text content (data text: serialised as text, never as markup).
    pub text: Option<String>,
    pub children: Vec<El>,
}

impl El {
    pub fn new(tag: &'static str) -> El {
        El {
            tag,
            attrs: vec![],
            text: None,
            children: vec![],
        }
    }

    /// Add an attribute.
    pub fn attr(mut self, name: &'static str, value: impl Into<Val>) -> El {
        self.attrs.push((name, value.into()));
        self
    }

    /// Add an attribute if there is a value.
    pub fn attr_opt(self, name: &'static str, value: Option<impl Into<Val>>) -> El {
        match value {
            Some(v) => self.attr(name, v),
            None => self,
        }
    }

    /// A numeric attribute, written by [`num`].
    pub fn num(self, name: &'static str, v: f64) -> El {
        self.attr(name, num(v))
    }

    pub fn class(self, class: impl Into<Val>) -> El {
        self.attr("class", class)
    }

    pub fn text(mut self, text: impl Into<String>) -> El {
        self.text = Some(text.into());
        self
    }

    pub fn child(mut self, c: El) -> El {
        self.children.push(c);
        self
    }

    pub fn children(mut self, cs: impl IntoIterator<Item = El>) -> El {
        self.children.extend(cs);
        self
    }

    /// The value of an attribute.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// This element and all below it, depth first.
    pub fn walk(&self) -> Vec<&El> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.walk());
        }
        out
    }
}

pub use crate::number::{fixed, num};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_and_owned_values_compare_by_text() {
        let a: Val = Arc::<str>::from("M0 0L1 1").into();
        let b: Val = String::from("M0 0L1 1").into();
        assert_eq!(a, b);
        assert_ne!(a, Val::from("M0 0"));
    }

    #[test]
    fn walk_visits_every_element() {
        let e = El::new("g")
            .child(El::new("path"))
            .child(El::new("g").child(El::new("text")));
        let tags: Vec<&str> = e.walk().iter().map(|e| e.tag).collect();
        assert_eq!(tags, ["g", "path", "g", "text"]);
    }
}
