//! Bytes → a JSON tree, for every JSON file the app reads (the GeoJSON files and the
//! manifest). This is the only module that parses JSON: the rest of `plan` sees a
//! [`Document`] and walks its [`Value`]. The reader is our own ([`reader`], RFC 8259 strictly,
//! numbers through [`crate::number`]) rather than serde_json's: the page's WASM is smaller
//! without serde, and the page and `shizhong check` report bad data through this same code.
//!
//! Beyond parsing, it turns what hand-edited files get wrong into messages a person can act
//! on (encodings, a byte-order mark, `NaN`, trailing commas, comments, deep nesting), with the
//! line and column (counted in characters, from 1), and it records keys that appear twice in
//! one object, which JSON readers silently resolve by keeping the last value.
//!
//! ```
//! use shizhong_map::plan::json::{parse, Expected, Value};
//! const DATA: Expected = Expected { format: "JSON", holding: "an object" };
//! let doc = parse(br#"{"a": 1, "a": 2}"#, DATA).unwrap();
//! assert_eq!(doc.value.get("a"), Some(&Value::Number(2.0)));
//! assert_eq!(doc.duplicates[0].message(0, "the top-level object"),
//!            "key `a` appears twice in the top-level object; JSON keeps only the last value");
//! assert!(parse(b"", DATA).unwrap_err().contains("file is empty; it must hold an object"));
//! assert_eq!(parse(b"[1,\n 2,]", DATA).unwrap_err(),
//!            "not valid JSON: a comma before `]` at line 2 column 4 \
//!             (JSON allows no comma after the last item)");
//! ```

mod reader;
mod value;

pub use reader::MAX_DEPTH;
pub use value::{write_string, Object, Value};

use reader::{Fault, FaultKind};

/// Longest accepted file, in bytes: a guard against a runaway file freezing a phone (the
/// benchmark's 50 000 markers, ≈ 20 MB, fit).
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// What a file is meant to hold, for the messages: "not valid {format}", "it must hold
/// {holding}".
#[derive(Clone, Copy, Debug)]
pub struct Expected {
    pub format: &'static str,
    pub holding: &'static str,
}

/// A file's JSON, before any meaning is given to it.
#[derive(Debug)]
pub struct Document {
    pub value: Value,
    /// It started with a UTF-8 byte-order mark (ignored here; the caller decides whether to
    /// report it).
    pub bom: bool,
    /// Keys that appear twice in one object, in document order.
    pub duplicates: Vec<DuplicateKey>,
}

/// One step of the path from the document's root to a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A key that appears twice in one JSON object.
#[derive(Debug, PartialEq)]
pub struct DuplicateKey {
    /// Path from the root to the object holding the key.
    pub path: Vec<Step>,
    pub key: String,
}

impl DuplicateKey {
    /// "key `k` appears twice in `a.b[2]`…", the path shown from step `skip` on (so a caller
    /// can show it relative to a feature); `root` names the object when no path is left.
    pub fn message(&self, skip: usize, root: &str) -> String {
        let mut at = String::new();
        for step in self.path.iter().skip(skip) {
            match step {
                Step::Key(k) if at.is_empty() => at.push_str(k),
                Step::Key(k) => {
                    at.push('.');
                    at.push_str(k);
                }
                Step::Index(i) => at.push_str(&format!("[{i}]")),
            }
        }
        let at = if at.is_empty() {
            root.to_string()
        } else {
            format!("`{at}`")
        };
        format!(
            "key `{}` appears twice in {at}; JSON keeps only the last value",
            self.key
        )
    }
}

/// How a value is described in messages ("found an array").
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Bytes → JSON, with a message a person editing the file can act on when that fails.
pub fn parse(bytes: &[u8], expected: Expected) -> Result<Document, String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file is {} bytes; the limit is {MAX_FILE_BYTES}",
            bytes.len()
        ));
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(
            "file is not valid UTF-8: it is UTF-16 (it starts with a UTF-16 byte-order mark); \
             save it as UTF-8"
                .into(),
        );
    }
    if bytes.len() >= 2 && bytes[..2].contains(&0) {
        return Err(
            "file is not valid UTF-8: it looks like UTF-16 (it starts with a NUL byte); \
             save it as UTF-8"
                .into(),
        );
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        format!(
            "file is not valid UTF-8 (at byte {at}, line {line}); save it as UTF-8 — \
             GBK/GB18030 and other legacy encodings are not accepted"
        )
    })?;
    let (text, bom) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    if text.trim().is_empty() {
        return Err(format!("file is empty; it must hold {}", expected.holding));
    }
    let (value, duplicates) = reader::read(text)
        .map_err(|fault| format!("not valid {}: {}", expected.format, describe(text, &fault)))?;
    Ok(Document {
        value,
        bom,
        duplicates,
    })
}

/// Where the fault is, in words: "line 3 column 14" (columns in characters, from 1).
fn line_column(text: &str, at: usize) -> String {
    let before = &text[..at];
    let line = 1 + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = 1 + before[line_start..].chars().count();
    format!("line {line} column {column}")
}

/// The fault as a message: what is wrong, where, and a plain-words hint for the mistakes
/// hand-edited files tend to have.
fn describe(text: &str, fault: &Fault) -> String {
    let at = &text.as_bytes()[fault.at..];
    let near = &at[..at.len().min(12)];
    let has = |word: &[u8]| near.windows(word.len()).any(|w| w == word);
    let not_finite = has(b"NaN") || has(b"Infinity");
    let what: String = match &fault.kind {
        FaultKind::EndInside(what) => format!("the file ends inside {what}"),
        FaultKind::ExpectedValue => "expected a value".into(),
        FaultKind::ExpectedKey => "expected a key in double quotes".into(),
        FaultKind::ExpectedColon => "expected `:` after the key".into(),
        FaultKind::ExpectedCommaOr(close) => format!("expected `,` or `{close}`"),
        FaultKind::TrailingComma(close) => format!("a comma before `{close}`"),
        FaultKind::InvalidNumber(_) => "invalid number".into(),
        FaultKind::OutOfRange(_) => "number out of range".into(),
        FaultKind::TooDeep => format!("arrays or objects nested more than {MAX_DEPTH} deep"),
        FaultKind::ControlCharacter('\n') => "a line break inside a string".into(),
        FaultKind::ControlCharacter(c) => {
            format!("control character U+{:04X} inside a string", u32::from(*c))
        }
        FaultKind::InvalidEscape => {
            let escape: String = text[fault.at..].chars().take(2).collect();
            format!("invalid escape `{escape}` in a string")
        }
        FaultKind::InvalidUnicodeEscape => "invalid `\\u` escape in a string".into(),
        FaultKind::LoneSurrogate => "unpaired UTF-16 surrogate in a `\\u` escape".into(),
        FaultKind::TrailingText => "text after the end of the top-level value".into(),
    };
    let hint: String = match &fault.kind {
        FaultKind::ExpectedValue | FaultKind::InvalidNumber(_) if not_finite => {
            "NaN and Infinity are not JSON numbers: every coordinate must be a finite number".into()
        }
        FaultKind::InvalidNumber(why) => (*why).into(),
        FaultKind::OutOfRange(number) => {
            format!("{number} is not a finite number: beyond ±1.8e308")
        }
        FaultKind::EndInside(_) => "is the file cut short?".into(),
        FaultKind::TrailingComma(_) => "JSON allows no comma after the last item".into(),
        FaultKind::ControlCharacter('\n') => {
            "close the string, or write the line break as \\n".into()
        }
        FaultKind::ControlCharacter(c) => format!("write it as \\u{:04x}", u32::from(*c)),
        FaultKind::InvalidEscape => {
            "a backslash starts \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX; write a backslash itself as \\\\".into()
        }
        FaultKind::InvalidUnicodeEscape => "`\\u` takes four hex digits".into(),
        FaultKind::LoneSurrogate => "\\uD800–\\uDFFF must come in high–low pairs".into(),
        FaultKind::TrailingText => "a file holds one JSON value".into(),
        _ if near.starts_with(b"/") => "JSON has no comments".into(),
        _ if near.starts_with(b"'") => "JSON strings take double quotes".into(),
        _ if ["True", "False", "Null"].iter().any(|w| near.starts_with(w.as_bytes())) => {
            "true, false and null are written in lower case".into()
        }
        _ => String::new(),
    };
    let hint = if hint.is_empty() {
        hint
    } else {
        format!(" ({hint})")
    };
    format!("{what} at {}{hint}", line_column(text, fault.at))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEST: Expected = Expected {
        format: "GeoJSON",
        holding: "a FeatureCollection",
    };

    fn error(bytes: &[u8]) -> String {
        parse(bytes, TEST).unwrap_err()
    }

    #[test]
    fn unreadable_text_gets_a_plain_explanation() {
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend("{\"type\"".encode_utf16().flat_map(u16::to_le_bytes));
        let utf16_no_bom: Vec<u8> = "{}".encode_utf16().flat_map(u16::to_be_bytes).collect();
        let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let cases: [(&[u8], &str); 12] = [
            (b"", "file is empty; it must hold a FeatureCollection"),
            (b" \n\t", "file is empty"),
            (b"\xef\xbb\xbf", "file is empty"),
            (&utf16, "it is UTF-16"),
            (&utf16_no_bom, "it looks like UTF-16"),
            // "市中" in GB18030.
            (
                b"{\"name\":\"\xca\xd0\xd6\xd0\"}",
                "not valid UTF-8 (at byte 9, line 1)",
            ),
            (
                b"{\"type\":\"FeatureCollection\",\"features\":[]}\xff",
                "not valid UTF-8",
            ),
            (
                b"{not json",
                "not valid GeoJSON: expected a key in double quotes at line 1 column 2",
            ),
            (b"{\"a\":[NaN]}", "NaN and Infinity are not JSON numbers"),
            (
                b"{\"a\":[-Infinity]}",
                "NaN and Infinity are not JSON numbers",
            ),
            (
                b"{\"a\":[1e999]}",
                "number out of range at line 1 column 7 (1e999 is not a finite number",
            ),
            (
                nested.as_bytes(),
                "arrays or objects nested more than 128 deep at line 1 column 129",
            ),
        ];
        for (bytes, want) in cases {
            let m = error(bytes);
            assert!(m.contains(want), "{want}: {m}");
        }
        assert!(
            !error(b"{\"a\":[1,2,]}").contains("NaN"),
            "no hint for other syntax errors"
        );
        let huge = vec![b' '; MAX_FILE_BYTES + 1];
        assert!(error(&huge).contains(&format!("the limit is {MAX_FILE_BYTES}")));
    }

    #[test]
    fn messages_say_what_where_and_why() {
        let cases: [(&str, &str); 14] = [
            (
                "{\"name\": \"市中区,\n\"id\": 1}",
                "a line break inside a string at line 1 column 15 (close the string, or write \
                 the line break as \\n)",
            ),
            (
                "{\"a\": \"tab\there\"}",
                "control character U+0009 inside a string at line 1 column 11 (write it as \
                 \\u0009)",
            ),
            (
                "{\"a\": 1,\n \"b\": [1, 2,],\n}",
                "a comma before `]` at line 2 column 13 (JSON allows no comma after the last item)",
            ),
            (
                "{\"a\": 1 // note\n}",
                "expected `,` or `}` at line 1 column 9 (JSON has no comments)",
            ),
            (
                "{'a': 1}",
                "expected a key in double quotes at line 1 column 2 (JSON strings take double quotes)",
            ),
            (
                "[True]",
                "expected a value at line 1 column 2 (true, false and null are written in lower case)",
            ),
            ("[007]", "invalid number at line 1 column 2 (no leading zeros)"),
            (
                "[-Infinity]",
                "invalid number at line 1 column 2 (NaN and Infinity are not JSON numbers: every \
                 coordinate must be a finite number)",
            ),
            (
                "{\"a\": \"\\d\"}",
                "invalid escape `\\d` in a string at line 1 column 8 (a backslash starts",
            ),
            (
                "[\"\\ud800\"]",
                "unpaired UTF-16 surrogate in a `\\u` escape at line 1 column 3",
            ),
            (
                "{\"type\": \"Feature\"",
                "the file ends inside an object at line 1 column 19 (is the file cut short?)",
            ),
            (
                "[\"市中",
                "the file ends inside a string at line 1 column 5 (is the file cut short?)",
            ),
            (
                "{}\n]}",
                "text after the end of the top-level value at line 2 column 1 (a file holds one \
                 JSON value)",
            ),
            ("{\"a\" 1}", "expected `:` after the key at line 1 column 6"),
        ];
        for (text, want) in cases {
            let m = error(text.as_bytes());
            assert!(
                m.starts_with(&format!("not valid GeoJSON: {want}")),
                "{text:?}:\n{m}\n{want}"
            );
        }
    }

    #[test]
    fn a_bom_is_noted_and_skipped() {
        let doc = parse(b"\xef\xbb\xbf{\"a\":1}", TEST).unwrap();
        assert!(doc.bom);
        assert_eq!(doc.value.get("a"), Some(&Value::Number(1.0)));
        assert!(!parse(b"{\"a\":1}", TEST).unwrap().bom);
    }

    #[test]
    fn duplicate_keys_are_recorded_with_their_path() {
        let doc = parse(
            br#"{"t":1,"t":2,"features":[{"p":{"n":1,"n":2}},{"g":[0,{"x":1,"x":1}]}],"o":{"t":1}}"#,
            TEST,
        )
        .unwrap();
        let found: Vec<(String, String)> = doc
            .duplicates
            .iter()
            .map(|d| (d.key.clone(), d.message(0, "the top-level object")))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "t".to_string(),
                    "key `t` appears twice in the top-level object; JSON keeps only the last value"
                        .to_string()
                ),
                (
                    "n".into(),
                    "key `n` appears twice in `features[0].p`; JSON keeps only the last value"
                        .into()
                ),
                (
                    "x".into(),
                    "key `x` appears twice in `features[1].g[1]`; JSON keeps only the last value"
                        .into()
                ),
            ]
        );
        // Shown relative to the feature: the first two steps skipped.
        assert!(doc.duplicates[1]
            .message(2, "the feature")
            .contains("twice in `p`"));
        assert_eq!(
            doc.value.get("t"),
            Some(&Value::Number(2.0)),
            "the last value is kept"
        );
    }

    #[test]
    fn kinds_are_described() {
        let v: Vec<&str> = [
            Value::Null,
            true.into(),
            1.0.into(),
            "s".into(),
            Value::Array(vec![]),
            Value::Object(Object::new()),
        ]
        .iter()
        .map(kind)
        .collect();
        assert_eq!(
            v,
            [
                "null",
                "a boolean",
                "a number",
                "a string",
                "an array",
                "an object"
            ]
        );
    }
}
