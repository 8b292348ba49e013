//! The `jsonl` format: rewrite named string fields of each JSON object in place.
//!
//! The line is parsed with serde_json into its top-level `(key, raw value)` pairs, where
//! each raw value borrows its exact bytes from the line. Only the values of the named
//! fields are replaced (and only when normalizing changes them); every other byte of the
//! line stays as it was: other fields, key order, white space, number spelling and
//! escapes. Only top-level fields can be named.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::transform::{normalize_str, CodePoints, LineTransform};
use crate::Normalizer;

/// Normalize the string values of the top-level `fields` of each JSON object line.
pub struct NormalizeFields {
    normalizer: Normalizer,
    fields: Vec<String>,
}

impl NormalizeFields {
    /// Rewrite `fields` with `normalizer`.
    pub fn new(normalizer: Normalizer, fields: Vec<String>) -> NormalizeFields {
        NormalizeFields { normalizer, fields }
    }
}

/// Buffers reused between lines.
#[derive(Default)]
pub struct FieldScratch {
    code_points: CodePoints,
    value: Vec<u8>,
}

/// The top-level members of one object, in order, each value as its raw text.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de> de::Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    members.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(Members(members))
            }
        }
        d.deserialize_map(V)
    }
}

/// The JSON type of a raw value, for messages.
fn json_type(raw: &str) -> &'static str {
    match raw.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// Call `f(start, end, value)` for each top-level member of the JSON object `line` whose
/// key is one of `fields`, in order, with the byte range `[start, end)` of its raw value
/// in `line` and its decoded string value.
///
/// # Errors
/// Invalid JSON, a line that is not one object, a named field that is not a string, or
/// the first error of `f`.
pub fn for_each_string_field(
    line: &str,
    fields: &[String],
    mut f: impl FnMut(usize, usize, String) -> Result<(), String>,
) -> Result<(), String> {
    let mut de = serde_json::Deserializer::from_str(line);
    let members = <Members as de::Deserialize>::deserialize(&mut de)
        .and_then(|m| de.end().map(|()| m))
        .map_err(|e| format!("invalid JSON: {e}"))?;
    for (key, raw) in &members.0 {
        if !fields.iter().any(|f| f == key) {
            continue;
        }
        let text = raw.get();
        if !text.starts_with('"') {
            return Err(format!(
                "field {key:?} is {}, not a string",
                json_type(text)
            ));
        }
        let value: String =
            serde_json::from_str(text).map_err(|e| format!("field {key:?}: {e}"))?;
        // The raw value borrows from `line`, so its address gives its position.
        let start = text.as_ptr() as usize - line.as_ptr() as usize;
        f(start, start + text.len(), value)?;
    }
    Ok(())
}

/// Whether a JSON Lines line is blank (passed through or ignored, never an error: often
/// one at the end of a file).
pub fn is_blank(line: &str) -> bool {
    line.trim_ascii().is_empty()
}

impl LineTransform for NormalizeFields {
    type Scratch = FieldScratch;

    fn apply(&self, line: &str, s: &mut FieldScratch, out: &mut Vec<u8>) -> Result<(), String> {
        if is_blank(line) {
            out.extend_from_slice(line.as_bytes());
            return Ok(());
        }
        let mut copied = 0; // bytes of `line` already written to `out`
        for_each_string_field(line, &self.fields, |start, end, value| {
            s.value.clear();
            if !normalize_str(&self.normalizer, &value, &mut s.code_points, &mut s.value) {
                return Ok(()); // keep the original spelling, escapes included
            }
            out.extend_from_slice(&line.as_bytes()[copied..start]);
            let normalized = std::str::from_utf8(&s.value).map_err(|e| e.to_string())?;
            serde_json::to_writer(&mut *out, normalized).map_err(|e| e.to_string())?;
            copied = end;
            Ok(())
        })?;
        out.extend_from_slice(&line.as_bytes()[copied..]);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(fields: &[&str], line: &str) -> Result<String, String> {
        let t = NormalizeFields::new(
            Normalizer::from_preset("standard").unwrap(),
            fields.iter().map(|f| f.to_string()).collect(),
        );
        let mut out = Vec::new();
        t.apply(line, &mut FieldScratch::default(), &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn only_named_string_fields_change_and_every_other_byte_stays() {
        let line = r#"{ "id": 1.50e3, "text": "كَتَبَ", "title" :"إلى", "meta": {"text": "كَتَبَ"}, "z": "\u0643" }"#;
        let want = r#"{ "id": 1.50e3, "text": "كتب", "title" :"إلى", "meta": {"text": "كَتَبَ"}, "z": "\u0643" }"#;
        assert_eq!(run(&["text"], line).unwrap(), want);
        let both = run(&["text", "title"], line).unwrap();
        assert!(both.contains(r#""title" :"الي""#), "{both}");
    }

    #[test]
    fn an_unchanged_value_keeps_its_escapes() {
        let line = r#"{"text":"\u0643\n"}"#;
        assert_eq!(run(&["text"], line).unwrap(), line);
    }

    #[test]
    fn escapes_are_decoded_before_normalizing_and_written_back_as_json() {
        let line = r#"{"text":"\u0625\"q\"\n"}"#;
        assert_eq!(run(&["text"], line).unwrap(), r#"{"text":"ا\"q\"\n"}"#);
    }

    #[test]
    fn duplicate_keys_are_each_rewritten() {
        let line = r#"{"text":"إ","text":"أ"}"#;
        assert_eq!(run(&["text"], line).unwrap(), r#"{"text":"ا","text":"ا"}"#);
    }

    #[test]
    fn missing_fields_and_blank_lines_pass() {
        assert_eq!(run(&["text"], r#"{"a":1}"#).unwrap(), r#"{"a":1}"#);
        assert_eq!(run(&["text"], "  ").unwrap(), "  ");
    }

    #[test]
    fn errors_name_the_problem() {
        let e = run(&["text"], r#"{"text": 3}"#).unwrap_err();
        assert_eq!(e, r#"field "text" is a number, not a string"#);
        assert!(run(&["text"], r#"{"text": null}"#)
            .unwrap_err()
            .contains("null"));
        assert!(run(&["text"], r#"{"text": "a""#)
            .unwrap_err()
            .starts_with("invalid JSON"));
        assert!(run(&["text"], r#"[1, 2]"#)
            .unwrap_err()
            .contains("a JSON object"));
        assert!(run(&["text"], r#"{"a":1} x"#)
            .unwrap_err()
            .starts_with("invalid JSON"));
    }
}
