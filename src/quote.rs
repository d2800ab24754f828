//! Text quoted in a message, as `{:?}` quotes a string — `"a\"b"`, control characters as
//! `\u{1b}` — without the standard library's Debug formatting, whose tables of printable and
//! combining characters (≈ 5 KB of WASM) serve only the rare invisible character: here those
//! are the controls and the invisible format characters a pasted name can carry.
//!
//! ```
//! use shizhong_map::quote::quoted;
//! assert_eq!(quoted("Feature"), r#""Feature""#);
//! assert_eq!(quoted("中山\"公园\"\n"), r#""中山\"公园\"\n""#);
//! assert_eq!(quoted("a\u{200b}b"), r#""a\u{200b}b""#);
//! ```

/// `s` in double quotes, escaped as `{:?}` escapes it.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if invisible(c) => {
                out.push_str("\\u{");
                let hex = u32::from(c);
                let digits = (32 - hex.leading_zeros()).div_ceil(4).max(1);
                for i in (0..digits).rev() {
                    let d = (hex >> (4 * i)) & 0xf;
                    out.push(char::from_digit(d, 16).unwrap_or('0'));
                }
                out.push('}');
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Controls, and the format characters that show as nothing: zero-width spaces and joiners,
/// direction marks and overrides, line and paragraph separators, the byte-order mark.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_as_debug_does() {
        let cases = [
            "",
            "Feature",
            "中山公园",
            "a\"b\\c",
            "tab\there\r\n",
            "\0\u{1}\u{1f}\u{7f}\u{9f}",
            "soft\u{ad}hyphen",
            "\u{200b}\u{200d}\u{200e}\u{202e}\u{2028}\u{2060}\u{feff}",
            "it's",
            "😀 é ß",
        ];
        for s in cases {
            assert_eq!(quoted(s), format!("{s:?}"));
        }
    }
}
