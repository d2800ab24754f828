//! The reader: RFC 8259 text → [`Value`], strictly — no comments, no trailing commas, no
//! `NaN` or `Infinity`, no leading zeros, no raw control characters in strings, no unpaired
//! surrogates in `\u` escapes, nothing after the value. It keeps an explicit stack of the
//! arrays and objects being read instead of recursing, so nesting is limited by
//! [`MAX_DEPTH`] and never by the call stack, and the path to each object is known when one of
//! its keys turns out to be there twice.

use super::value::{Object, Value};
use super::{DuplicateKey, Step};
use crate::number::parse_decimal;
use std::collections::HashMap;

/// The deepest nesting of arrays and objects accepted (serde_json's limit too).
pub const MAX_DEPTH: usize = 128;

/// Objects with more members than this get an index of their keys, so a hostile object with
/// a million keys is checked for duplicates in linear time, not quadratic.
const INDEX_FROM: usize = 32;

/// What is wrong with the text, and where (a byte offset).
#[derive(Debug, PartialEq)]
pub struct Fault {
    pub at: usize,
    pub kind: FaultKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FaultKind {
    /// The text ends inside "a string", "an array" or "an object".
    EndInside(&'static str),
    ExpectedValue,
    ExpectedKey,
    ExpectedColon,
    /// After an item: `,` or this closing bracket.
    ExpectedCommaOr(char),
    /// A comma right before this closing bracket.
    TrailingComma(char),
    /// A malformed number, and what is wrong with it.
    InvalidNumber(&'static str),
    /// A number beyond the `f64` range: the number's text.
    OutOfRange(String),
    TooDeep,
    /// A raw control character in a string.
    ControlCharacter(char),
    /// A backslash followed by something that is not an escape.
    InvalidEscape,
    /// `\u` not followed by four hex digits.
    InvalidUnicodeEscape,
    /// A `\u` escape of half a UTF-16 surrogate pair without its other half.
    LoneSurrogate,
    /// Something after the top-level value.
    TrailingText,
}

/// An array or object being read.
enum Open {
    Array(Vec<Value>),
    Object(Members),
}

/// An object being read: its members so far, the key whose value is being read, and for a
/// large object an index of its keys.
struct Members {
    members: Vec<(String, Value)>,
    key: String,
    index: Option<HashMap<String, usize>>,
}

impl Members {
    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.members.iter().position(|(k, _)| k == key),
        }
    }

    fn push(&mut self, key: String, value: Value) {
        if let Some(index) = &mut self.index {
            index.insert(key.clone(), self.members.len());
        }
        self.members.push((key, value));
        if self.index.is_none() && self.members.len() > INDEX_FROM {
            let index = self.members.iter().enumerate();
            self.index = Some(index.map(|(i, (k, _))| (k.clone(), i)).collect());
        }
    }
}

/// The value the text holds, and the keys given twice in one object (in document order).
pub fn read(text: &str) -> Result<(Value, Vec<DuplicateKey>), Fault> {
    let mut r = Reader {
        text,
        b: text.as_bytes(),
        pos: 0,
        stack: vec![],
        duplicates: vec![],
    };
    let value = r.value()?;
    r.skip_whitespace();
    if r.pos < r.b.len() {
        return Err(r.fault(FaultKind::TrailingText));
    }
    Ok((value, r.duplicates))
}

struct Reader<'a> {
    text: &'a str,
    b: &'a [u8],
    pos: usize,
    stack: Vec<Open>,
    duplicates: Vec<DuplicateKey>,
}

impl Reader<'_> {
    fn fault(&self, kind: FaultKind) -> Fault {
        Fault { at: self.pos, kind }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// "The text ends inside …" the innermost open array or object.
    fn end_inside(&self) -> Fault {
        self.fault(FaultKind::EndInside(match self.stack.last() {
            Some(Open::Array(_)) => "an array",
            Some(Open::Object(_)) => "an object",
            None => return self.fault(FaultKind::ExpectedValue),
        }))
    }

    /// One value, with everything nested in it.
    fn value(&mut self) -> Result<Value, Fault> {
        'value: loop {
            self.skip_whitespace();
            let mut value = match self.peek() {
                None => return Err(self.end_inside()),
                Some(open @ (b'[' | b'{')) => {
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(self.fault(FaultKind::TooDeep));
                    }
                    self.pos += 1;
                    self.skip_whitespace();
                    let close = if open == b'[' { b']' } else { b'}' };
                    if self.peek() == Some(close) {
                        self.pos += 1;
                        if open == b'[' {
                            Value::Array(vec![])
                        } else {
                            Value::Object(Object::new())
                        }
                    } else {
                        let frame = if open == b'[' {
                            Open::Array(vec![])
                        } else {
                            Open::Object(Members {
                                members: vec![],
                                key: String::new(),
                                index: None,
                            })
                        };
                        self.stack.push(frame);
                        if open == b'{' {
                            self.next_key()?;
                        }
                        continue 'value;
                    }
                }
                Some(b'"') => Value::String(self.string()?),
                Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
                Some(b't') => self.literal("true", Value::Bool(true))?,
                Some(b'f') => self.literal("false", Value::Bool(false))?,
                Some(b'n') => self.literal("null", Value::Null)?,
                Some(_) => return Err(self.fault(FaultKind::ExpectedValue)),
            };
            // A value is complete: add it to its array or object, and close those that end.
            loop {
                let close = match self.stack.last_mut() {
                    None => return Ok(value),
                    Some(Open::Array(items)) => {
                        items.push(value);
                        b']'
                    }
                    Some(Open::Object(_)) => {
                        self.add_member(value);
                        b'}'
                    }
                };
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        self.skip_whitespace();
                        if self.peek() == Some(close) {
                            return Err(self.fault(FaultKind::TrailingComma(close as char)));
                        }
                        if close == b'}' {
                            self.next_key()?;
                        }
                        continue 'value;
                    }
                    Some(c) if c == close => {
                        self.pos += 1;
                        value = match self.stack.pop() {
                            Some(Open::Array(items)) => Value::Array(items),
                            Some(Open::Object(m)) => Value::Object(Object::from_unique(m.members)),
                            None => unreachable!("a container was open"),
                        };
                    }
                    None => return Err(self.end_inside()),
                    Some(_) => return Err(self.fault(FaultKind::ExpectedCommaOr(close as char))),
                }
            }
        }
    }

    /// The key of the next member of the innermost object, and its colon.
    fn next_key(&mut self) -> Result<(), Fault> {
        self.skip_whitespace();
        match self.peek() {
            Some(b'"') => {}
            None => return Err(self.end_inside()),
            Some(_) => return Err(self.fault(FaultKind::ExpectedKey)),
        }
        let key = self.string()?;
        self.skip_whitespace();
        match self.peek() {
            Some(b':') => self.pos += 1,
            None => return Err(self.end_inside()),
            Some(_) => return Err(self.fault(FaultKind::ExpectedColon)),
        }
        if let Some(Open::Object(m)) = self.stack.last_mut() {
            m.key = key;
        }
        Ok(())
    }

    /// Add the value of the current key to the innermost object; a key already there keeps
    /// its place, takes the new value, and is recorded as a duplicate.
    fn add_member(&mut self, value: Value) {
        let Some(Open::Object(m)) = self.stack.last_mut() else {
            return;
        };
        let key = std::mem::take(&mut m.key);
        let Some(at) = m.position(&key) else {
            m.push(key, value);
            return;
        };
        m.members[at].1 = value;
        let holder = self.stack.len() - 1;
        let path = self.stack[..holder]
            .iter()
            .map(|open| match open {
                Open::Array(items) => Step::Index(items.len()),
                Open::Object(m) => Step::Key(m.key.clone()),
            })
            .collect();
        self.duplicates.push(DuplicateKey { path, key });
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, Fault> {
        if self.b[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.fault(FaultKind::ExpectedValue))
        }
    }

    /// A string, from its opening quote.
    fn string(&mut self) -> Result<String, Fault> {
        self.pos += 1;
        let mut out = String::new();
        let mut from = self.pos;
        loop {
            let rest = &self.b[self.pos..];
            let Some(i) = rest
                .iter()
                .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
            else {
                self.pos = self.b.len();
                return Err(self.fault(FaultKind::EndInside("a string")));
            };
            self.pos += i;
            match self.b[self.pos] {
                b'"' => {
                    out.push_str(&self.text[from..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(&self.text[from..self.pos]);
                    out.push(self.escape()?);
                    from = self.pos;
                }
                c => return Err(self.fault(FaultKind::ControlCharacter(char::from(c)))),
            }
        }
    }

    /// One escape, from its backslash.
    fn escape(&mut self) -> Result<char, Fault> {
        let start = self.pos;
        let Some(&c) = self.b.get(self.pos + 1) else {
            self.pos = self.b.len();
            return Err(self.fault(FaultKind::EndInside("a string")));
        };
        self.pos += 2;
        Ok(match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4(start)?;
                let code = match unit {
                    0xd800..=0xdbff => {
                        let lone = Fault {
                            at: start,
                            kind: FaultKind::LoneSurrogate,
                        };
                        if !self.b[self.pos..].starts_with(b"\\u") {
                            return Err(lone);
                        }
                        self.pos += 2;
                        match self.hex4(self.pos - 2)? {
                            low @ 0xdc00..=0xdfff => {
                                0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)
                            }
                            _ => return Err(lone),
                        }
                    }
                    0xdc00..=0xdfff => {
                        return Err(Fault {
                            at: start,
                            kind: FaultKind::LoneSurrogate,
                        })
                    }
                    _ => unit,
                };
                // Surrogates are excluded above: every other code point is a char.
                char::from_u32(code).unwrap_or('\u{fffd}')
            }
            _ => {
                return Err(Fault {
                    at: start,
                    kind: FaultKind::InvalidEscape,
                })
            }
        })
    }

    /// The four hex digits after `\u` (the escape starts at `start`).
    fn hex4(&mut self, start: usize) -> Result<u32, Fault> {
        let Some(digits) = self.b.get(self.pos..self.pos + 4) else {
            self.pos = self.b.len();
            return Err(self.fault(FaultKind::EndInside("a string")));
        };
        let mut unit = 0;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => {
                    return Err(Fault {
                        at: start,
                        kind: FaultKind::InvalidUnicodeEscape,
                    })
                }
            };
            unit = unit * 16 + u32::from(v);
        }
        self.pos += 4;
        Ok(unit)
    }

    /// A number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, as an `f64`.
    fn number(&mut self) -> Result<f64, Fault> {
        let start = self.pos;
        let invalid = |why| Fault {
            at: start,
            kind: FaultKind::InvalidNumber(why),
        };
        let digits = |b: &[u8], mut i: usize| {
            while let Some(b'0'..=b'9') = b.get(i) {
                i += 1;
            }
            i
        };
        let b = self.b;
        let mut i = start + usize::from(b[start] == b'-');
        match b.get(i) {
            Some(b'0') if matches!(b.get(i + 1), Some(b'0'..=b'9')) => {
                return Err(invalid("no leading zeros"))
            }
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => i = digits(b, i),
            _ => return Err(invalid("a minus sign must be followed by a digit")),
        }
        if b.get(i) == Some(&b'.') {
            let after = digits(b, i + 1);
            if after == i + 1 {
                return Err(invalid("a decimal point must be followed by a digit"));
            }
            i = after;
        }
        if let Some(b'e' | b'E') = b.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = b.get(i) {
                i += 1;
            }
            let after = digits(b, i);
            if after == i {
                return Err(invalid("an exponent needs digits"));
            }
            i = after;
        }
        self.pos = i;
        let text = &self.text[start..i];
        parse_decimal(text).ok_or_else(|| Fault {
            at: start,
            kind: FaultKind::OutOfRange(text.chars().take(40).collect()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use FaultKind::*;

    fn fault(text: &str) -> (usize, FaultKind) {
        let f = read(text).unwrap_err();
        (f.at, f.kind)
    }

    fn value(text: &str) -> Value {
        read(text).unwrap().0
    }

    #[test]
    fn reads_every_kind_of_value() {
        let v = value(
            " {\"a\": [1, -2.5e1, 0, -0.0, true, false, null, \"s\"], \"b\": {}, \"c\": []}\n",
        );
        let a = v.get("a").and_then(Value::as_array).unwrap();
        assert_eq!(a[0], Value::Number(1.0));
        assert_eq!(a[1], Value::Number(-25.0));
        assert!(a[3].as_f64().unwrap().is_sign_negative());
        assert_eq!(
            &a[4..],
            [
                Value::Bool(true),
                Value::Bool(false),
                Value::Null,
                "s".into()
            ]
        );
        assert_eq!(v.get("b"), Some(&Value::Object(Object::new())));
        assert_eq!(v.get("c"), Some(&Value::Array(vec![])));
        assert_eq!(value("7"), Value::Number(7.0));
        assert_eq!(value("\"x\""), "x".into());
    }

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(
            value(r#""q\" b\\ s\/ \b\f\n\r\t \u00e9\u5E02 \ud83d\ude00 \u0000""#),
            "q\" b\\ s/ \u{8}\u{c}\n\r\t é市 😀 \u{0}".into()
        );
    }

    #[test]
    fn strict_rfc_8259() {
        let cases: &[(&str, usize, FaultKind)] = &[
            ("[1,2,]", 5, TrailingComma(']')),
            ("{\"a\":1,}", 7, TrailingComma('}')),
            ("[1 2]", 3, ExpectedCommaOr(']')),
            ("{\"a\":1 \"b\":2}", 7, ExpectedCommaOr('}')),
            ("{a:1}", 1, ExpectedKey),
            ("{'a':1}", 1, ExpectedKey),
            ("{\"a\" 1}", 5, ExpectedColon),
            ("[NaN]", 1, ExpectedValue),
            ("[Infinity]", 1, ExpectedValue),
            (
                "[-Infinity]",
                1,
                InvalidNumber("a minus sign must be followed by a digit"),
            ),
            ("[+1]", 1, ExpectedValue),
            ("[.5]", 1, ExpectedValue),
            ("[01]", 1, InvalidNumber("no leading zeros")),
            ("[-01]", 1, InvalidNumber("no leading zeros")),
            (
                "[1.]",
                1,
                InvalidNumber("a decimal point must be followed by a digit"),
            ),
            ("[1e]", 1, InvalidNumber("an exponent needs digits")),
            ("[1e+]", 1, InvalidNumber("an exponent needs digits")),
            ("[1e999]", 1, OutOfRange("1e999".into())),
            ("[-1e309]", 1, OutOfRange("-1e309".into())),
            ("[True]", 1, ExpectedValue),
            ("[nul]", 1, ExpectedValue),
            ("// c\n{}", 0, ExpectedValue),
            ("[1] /* c */", 4, TrailingText),
            ("{} {}", 3, TrailingText),
            ("[1]]", 3, TrailingText),
            ("\"a\nb\"", 2, ControlCharacter('\n')),
            ("\"a\tb\"", 2, ControlCharacter('\t')),
            ("\"\\x\"", 1, InvalidEscape),
            ("\"\\u12G4\"", 1, InvalidUnicodeEscape),
            ("\"\\ud83d\"", 1, LoneSurrogate),
            ("\"\\ud83dx\"", 1, LoneSurrogate),
            ("\"\\ud83d\\u0041\"", 1, LoneSurrogate),
            ("\"\\ude00\"", 1, LoneSurrogate),
            ("[\"abc", 5, EndInside("a string")),
            ("\"\\u12", 5, EndInside("a string")),
            ("\"\\", 2, EndInside("a string")),
            ("[1,", 3, EndInside("an array")),
            ("[1", 2, EndInside("an array")),
            ("{\"a\":[1],", 9, EndInside("an object")),
            ("{\"a\"", 4, EndInside("an object")),
            ("{\"a\":", 5, EndInside("an object")),
            ("", 0, ExpectedValue),
            ("\u{a0}1", 0, ExpectedValue),
        ];
        for (text, at, kind) in cases {
            assert_eq!(fault(text), (*at, kind.clone()), "{text:?}");
        }
    }

    #[test]
    fn nesting_is_limited_without_recursion() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(read(&deep(MAX_DEPTH)).is_ok());
        assert_eq!(fault(&deep(MAX_DEPTH + 1)), (MAX_DEPTH, TooDeep));
        let objects = format!(
            "{}1{}",
            "{\"a\":".repeat(MAX_DEPTH + 1),
            "}".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(fault(&objects).1, TooDeep);
        // Far deeper than any call stack would allow: still just an error.
        assert_eq!(fault(&"[".repeat(1_000_000)).1, TooDeep);
    }

    #[test]
    fn duplicates_keep_the_first_place_and_the_last_value() {
        let (v, dups) = read(r#"{"a":1,"b":2,"a":3}"#).unwrap();
        assert_eq!(v.to_string(), r#"{"a":3.0,"b":2.0}"#);
        assert_eq!(
            dups,
            [DuplicateKey {
                path: vec![],
                key: "a".into()
            }]
        );
        // A large object (indexed) finds them too, with the path to it.
        let members: Vec<String> = (0..1000).map(|i| format!("\"k{}\":{i}", i % 700)).collect();
        let text = format!("[0,{{\"x\":{{{}}}}}]", members.join(","));
        let (v, dups) = read(&text).unwrap();
        assert_eq!(dups.len(), 300);
        assert_eq!(dups[0].path, [Step::Index(1), Step::Key("x".into())]);
        assert_eq!(dups[0].key, "k0");
        let inner = v.as_array().unwrap()[1].get("x").unwrap();
        assert_eq!(inner.as_object().unwrap().len(), 700);
        assert_eq!(inner.get("k5"), Some(&Value::Number(705.0)));
    }
}
