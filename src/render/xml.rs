//! Serialising drawables as XML text. Every string from the data is escaped; characters
//! XML 1.0 forbids are replaced, so any feature name gives a well-formed document.
//!
//! ```
//! use shizhong_map::present::El;
//! use shizhong_map::render::xml::{escape, write};
//! let mut out = String::new();
//! write(&mut out, &El::new("text").attr("x", "1").text("<b> & 'q'"));
//! assert_eq!(out, r#"<text x="1">&lt;b&gt; &amp; &apos;q&apos;</text>"#);
//! assert_eq!(escape("a\u{1}b"), "a\u{fffd}b");
//! ```

use crate::present::El;

/// Escape text for XML content and attribute values; characters XML 1.0 does not allow
/// (most C0 controls, U+FFFE, U+FFFF) become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Write one element and everything below it.
pub fn write(out: &mut String, el: &El) {
    out.push('<');
    out.push_str(el.tag);
    for (name, value) in &el.attrs {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        out.push_str(&escape(value.as_str()));
        out.push('"');
    }
    if el.text.is_none() && el.children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    if let Some(t) = &el.text {
        out.push_str(&escape(t));
    }
    for c in &el.children {
        write(out, c);
    }
    out.push_str("</");
    out.push_str(el.tag);
    out.push('>');
}

/// Write elements one per line.
pub fn write_all(out: &mut String, els: &[El]) {
    for e in els {
        write(out, e);
        out.push('\n');
    }
}
