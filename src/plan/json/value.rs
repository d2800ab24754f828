//! The JSON tree and its text: [`Value`], [`Object`] (members in document order, looked up by
//! key), and `Display` writing compact JSON — strings escaped, numbers written as serde_json
//! writes them, so the files and downloads written from it keep their form.

use crate::number::shortest_digits;
use std::fmt::{self, Write};

/// A JSON value. Numbers are `f64`, always finite (the reader refuses the rest).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Object),
}

/// A JSON object: its members in document order, each key once (the reader keeps the last
/// value of a key given twice, in the place of the first).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object {
    members: Vec<(String, Value)>,
}

impl Object {
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of `key`, if it is there.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Set `key`, in place when it is already there (then the old value is returned), else
    /// at the end.
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.members.iter_mut().find(|(k, _)| *k == key) {
            Some((_, old)) => Some(std::mem::replace(old, value)),
            None => {
                self.members.push((key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.members.iter().position(|(k, _)| k == key)?;
        Some(self.members.remove(at).1)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|(k, _)| k.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.members.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The members as they are, for the reader, which has already made the keys unique.
    pub(super) fn from_unique(members: Vec<(String, Value)>) -> Self {
        Object { members }
    }
}

impl FromIterator<(String, Value)> for Object {
    /// Later values of a repeated key replace earlier ones, as in [`Object::insert`].
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(items: I) -> Self {
        let mut o = Object::new();
        for (k, v) in items {
            o.insert(k, v);
        }
        o
    }
}

impl Value {
    /// The member `key` of an object (`None` for anything else).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(o) => o.get(key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}
impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
impl From<Vec<Value>> for Value {
    fn from(a: Vec<Value>) -> Self {
        Value::Array(a)
    }
}
impl From<Object> for Value {
    fn from(o: Object) -> Self {
        Value::Object(o)
    }
}

/// Compact JSON text.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let mut out = String::new();
        write_value(&mut out, self);
        f.write_str(&out)
    }
}

fn write_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, *n),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(o) => {
            out.push('{');
            for (i, (k, v)) in o.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k);
                out.push(':');
                write_value(out, v);
            }
            out.push('}');
        }
    }
}

/// `s` as a JSON string: quotes, backslashes and control characters escaped, and U+2028 /
/// U+2029 too (valid in JSON, but line breaks to JavaScript and some editors).
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    let mut from = 0;
    for (i, c) in s.char_indices() {
        let short = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\u{8}' => "\\b",
            '\u{c}' => "\\f",
            '\0'..='\u{1f}' | '\u{2028}' | '\u{2029}' => "",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        if short.is_empty() {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push_str(short);
        }
        from = i + c.len_utf8();
    }
    out.push_str(&s[from..]);
    out.push('"');
}

/// A finite number the way serde_json 1.0.154 writes it (with zmij): the shortest digits that
/// read back as the same `f64` (the even one of two equally near), in plain notation with at
/// least one decimal (`800.0`, `0.00001`) from 1e-5 to below 1e16, in exponent notation
/// (`1e+16`, `1.5e-7`) beyond. Not finite: `null`, as serde_json writes it too.
fn write_number(out: &mut String, v: f64) {
    if !v.is_finite() {
        out.push_str("null");
        return;
    }
    if v.is_sign_negative() {
        out.push('-');
    }
    if v == 0.0 {
        out.push_str("0.0");
        return;
    }
    let (digits, point) = shortest_digits(v.abs());
    let length = digits.len() as i32;
    // The decimal point falls after `point` digits.
    let zeros = |out: &mut String, n: i32| (0..n).for_each(|_| out.push('0'));
    if point >= length && point <= 16 {
        out.push_str(&digits);
        zeros(out, point - length);
        out.push_str(".0");
    } else if 0 < point && point <= 16 {
        let (int, frac) = digits.split_at(point as usize);
        let _ = write!(out, "{int}.{frac}");
    } else if -5 < point && point <= 0 {
        out.push_str("0.");
        zeros(out, -point);
        out.push_str(&digits);
    } else {
        let (first, rest) = digits.split_at(1);
        let dot = if rest.is_empty() { "" } else { "." };
        let exp = point - 1;
        let sign = if exp < 0 { "" } else { "+" };
        let _ = write!(out, "{first}{dot}{rest}e{sign}{exp}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(v: f64) -> String {
        Value::Number(v).to_string()
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        let cases: [(f64, &str); 19] = [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (800.0, "800.0"),
            (1451.6, "1451.6"),
            (-116.987654, "-116.987654"),
            (0.1, "0.1"),
            (0.0001, "0.0001"),
            (0.00001, "0.00001"),
            (0.000001, "1e-6"),
            (1.5e-7, "1.5e-7"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.2345e16, "1.2345e+16"),
            (123456789012345680.0, "1.2345678901234568e+17"),
            (f64::MAX, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            // Exactly halfway between two shortest forms: the even one.
            (-3_479_384_559_955_105.0 / 4.0, "-869846139988776.2"),
            (3_479_384_559_955_107.0 / 4.0, "869846139988776.8"),
            (f64::NAN, "null"),
        ];
        for (v, want) in cases {
            assert_eq!(number(v), want, "{:016x}", v.to_bits());
        }
    }

    #[test]
    fn strings_are_escaped() {
        let mut out = String::new();
        write_string(
            &mut out,
            "a\"b\\c/d\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}\u{2028}\u{2029}市中😀",
        );
        assert_eq!(
            out,
            r#""a\"b\\c/d\n\r\t\b\f\u0000\u001f"#.to_string() + "\u{7f}\\u2028\\u2029市中😀\""
        );
    }

    #[test]
    fn objects_keep_their_order_and_one_value_per_key() {
        let mut o: Object = [("b".to_string(), 1.0.into()), ("a".into(), true.into())]
            .into_iter()
            .collect();
        assert_eq!(o.insert("b".into(), "x".into()), Some(Value::Number(1.0)));
        assert_eq!(o.keys().collect::<Vec<_>>(), ["b", "a"]);
        let v = Value::Object(o.clone());
        assert_eq!(v.to_string(), r#"{"b":"x","a":true}"#);
        assert_eq!(v.get("a"), Some(&Value::Bool(true)));
        assert_eq!(v.get("z"), None);
        assert_eq!(o.remove("b"), Some("x".into()));
        assert_eq!(o.len(), 1);
        let a = Value::Array(vec![
            Value::Null,
            Value::Array(vec![]),
            Object::new().into(),
        ]);
        assert_eq!(a.to_string(), "[null,[],{}]");
    }
}
