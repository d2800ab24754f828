//! Bytes → a JSON tree, for every JSON file the app reads (the GeoJSON files and the
//! manifest). This is the only module that runs a JSON parser: the rest of `plan` sees a
//! [`Document`] and walks its [`Value`], so replacing serde_json's parser (the page's WASM
//! would like a smaller one) is a change to this file alone.
//!
//! Beyond parsing, it turns what hand-edited files get wrong into messages a person can act
//! on (encodings, a byte-order mark, `NaN`, deep nesting), and it records keys that appear
//! twice in one object, which JSON parsers silently resolve by keeping the last value.
//!
//! ```
//! use shizhong_map::plan::json::{parse, Expected};
//! const DATA: Expected = Expected { format: "JSON", holding: "an object" };
//! let doc = parse(br#"{"a": 1, "a": 2}"#, DATA).unwrap();
//! assert_eq!(doc.value["a"], 2);
//! assert_eq!(doc.duplicates[0].message(0, "the top-level object"),
//!            "key `a` appears twice in the top-level object; JSON keeps only the last value");
//! assert!(parse(b"", DATA).unwrap_err().contains("file is empty; it must hold an object"));
//! ```

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A JSON value (the same type `geojson` reads geometries from).
pub type Value = serde_json::Value;
/// A JSON object.
pub type Object = serde_json::Map<String, Value>;

/// Longest accepted file, in bytes: a guard against a runaway file freezing a phone.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

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
    let mut state = ParseState::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let value = ValueSeed { state: &mut state }
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| {
            format!(
                "not valid {}: {e}{}",
                expected.format,
                json_error_hint(text, &e)
            )
        })?;
    Ok(Document {
        value,
        bom,
        duplicates: state.duplicates,
    })
}

/// A plain-words explanation for the JSON errors hand-edited files tend to have.
fn json_error_hint(text: &str, e: &serde_json::Error) -> &'static str {
    if e.to_string().starts_with("recursion limit exceeded") {
        return " (arrays or objects nested more than 128 deep)";
    }
    if !e.is_syntax() {
        return "";
    }
    // serde_json counts lines from 1 and columns in bytes from 1.
    let line = text
        .split('\n')
        .nth(e.line().saturating_sub(1))
        .unwrap_or("");
    let from = e.column().saturating_sub(2).min(line.len());
    let near = &line.as_bytes()[from..line.len().min(from + 12)];
    let has = |word: &[u8]| near.windows(word.len()).any(|w| w == word);
    if has(b"NaN") || has(b"Infinity") {
        " (NaN and Infinity are not JSON numbers: every coordinate must be a finite number)"
    } else {
        ""
    }
}

#[derive(Default)]
struct ParseState {
    path: Vec<Step>,
    duplicates: Vec<DuplicateKey>,
}

/// Builds a [`Value`] like serde_json does, also recording duplicate keys with where they
/// are. serde_json's recursion limit still applies, so deep nesting is an error, not a stack
/// overflow.
struct ValueSeed<'a> {
    state: &'a mut ParseState,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("a number is not finite"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = vec![];
        loop {
            self.state.path.push(Step::Index(items.len()));
            let item = seq.next_element_seed(ValueSeed {
                state: &mut *self.state,
            });
            self.state.path.pop();
            match item? {
                Some(v) => items.push(v),
                None => return Ok(Value::Array(items)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Object::new();
        while let Some(key) = map.next_key::<String>()? {
            self.state.path.push(Step::Key(key.clone()));
            let value = map.next_value_seed(ValueSeed {
                state: &mut *self.state,
            });
            self.state.path.pop();
            let value = value?;
            if object.contains_key(&key) {
                self.state.duplicates.push(DuplicateKey {
                    path: self.state.path.clone(),
                    key: key.clone(),
                });
            }
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
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
            (b"{not json", "not valid GeoJSON: key must be a string"),
            (b"{\"a\":[NaN]}", "NaN and Infinity are not JSON numbers"),
            (
                b"{\"a\":[-Infinity]}",
                "NaN and Infinity are not JSON numbers",
            ),
            (b"{\"a\":[1e999]}", "number out of range"),
            (nested.as_bytes(), "recursion limit exceeded"),
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
        assert!(error(&huge).contains("the limit is 16777216"));
    }

    #[test]
    fn a_bom_is_noted_and_skipped() {
        let doc = parse(b"\xef\xbb\xbf{\"a\":1}", TEST).unwrap();
        assert!(doc.bom);
        assert_eq!(doc.value["a"], 1);
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
        assert_eq!(doc.value["t"], 2, "the last value is kept");
    }

    #[test]
    fn kinds_are_described() {
        let v: Vec<&str> = [
            Value::Null,
            true.into(),
            1.into(),
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
