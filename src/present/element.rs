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

/// A number for an attribute: at most three decimals, no trailing zeros, never NaN or
/// infinite (those become 0 so a bad value can never break a document).
pub fn num(v: f64) -> String {
    fixed(v, 3)
}

/// `v` with at most `decimals` decimals (≤ 12), trailing zeros dropped; 0 for NaN, infinite or
/// out-of-range values. Integer formatting only: the browser build carries no float printer.
pub fn fixed(v: f64, decimals: u32) -> String {
    let scale = 10f64.powi(decimals.min(12) as i32);
    let t = (v * scale).round();
    if !t.is_finite() || t.abs() >= 9.0e18 || t == 0.0 {
        return "0".into();
    }
    let t = t as i64;
    let unit = scale as i64;
    let (sign, t) = if t < 0 { ("-", -t) } else { ("", t) };
    let (whole, frac) = (t / unit, t % unit);
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        let digits = format!("{frac:0width$}", width = decimals as usize);
        format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(num(1.0 / 3.0), "0.333");
        assert_eq!(num(2.0), "2");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(-12.5), "-12.5");
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(num(1234.5678), "1234.568");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(f64::INFINITY), "0");
        assert_eq!(num(-0.0005), "-0.001");
        assert_eq!(fixed(0.075_534_2, 7), "0.0755342");
        assert_eq!(fixed(0.812_345_678_91, 10), "0.8123456789");
        assert_eq!(fixed(1e300, 3), "0");
    }

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
