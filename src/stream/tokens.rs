//! The `tokenize` job: each line (or each named JSON string field) becomes its tokens.
//!
//! Text output is the tokens separated by one U+0020 SPACE (a token never holds white
//! space: white space separates tokens). With offsets, each line becomes one JSON object
//! `{"tokens": [...], "offsets": [[start, end], ...]}` where `[start, end)` is the span
//! of the ORIGINAL line the token came from, in code points (Python `str` indices), the
//! line terminator excluded. In JSON Lines input, each named field's string is replaced
//! by the token array (or by that object, with offsets) and every other byte stays.

use super::jsonl::{for_each_string_field, is_blank};
use super::transform::{encode_utf8, LineTransform};
use crate::tokenize::{Tokenized, Tokenizer};

/// Tokenize each line (text) or the named fields of each JSON object line.
pub struct TokenizeLines {
    tokenizer: Tokenizer,
    offsets: bool,
    fields: Option<Vec<String>>,
}

impl TokenizeLines {
    /// Tokenize with `tokenizer`; `offsets` adds the original spans (as JSON);
    /// `fields` (JSON Lines input) names the string fields to tokenize.
    pub fn new(tokenizer: Tokenizer, offsets: bool, fields: Option<Vec<String>>) -> Self {
        TokenizeLines {
            tokenizer,
            offsets,
            fields,
        }
    }

    /// Write the tokens of `text` to `out`.
    fn write_tokens(&self, text: &str, s: &mut TokenScratch, out: &mut Vec<u8>, json: bool) {
        s.units.clear();
        s.units.extend(text.chars().map(u32::from));
        if !self.offsets && !json {
            let mut first = true;
            self.tokenizer
                .for_each_token(&s.units, &mut s.buffer, |token| {
                    if !first {
                        out.push(b' ');
                    }
                    first = false;
                    encode_utf8(token, out);
                });
            return;
        }
        self.tokenizer.tokenize_into(&s.units, &mut s.tokenized);
        let tokens = &s.tokenized.tokens;
        out.extend_from_slice(if self.offsets { b"{\"tokens\":[" } else { b"[" });
        for (i, t) in tokens.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            s.token.clear();
            encode_utf8(
                &s.tokenized.text[t.normalized.0..t.normalized.1],
                &mut s.token,
            );
            // The normalizer maps scalar values to scalar values: always valid UTF-8.
            let token = std::str::from_utf8(&s.token).unwrap_or("\u{FFFD}");
            // Writing a &str into a Vec cannot fail.
            let _ = serde_json::to_writer(&mut *out, token);
        }
        out.push(b']');
        if self.offsets {
            out.extend_from_slice(b",\"offsets\":[");
            for (i, t) in tokens.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                let (start, end) = t.original;
                out.extend_from_slice(format!("[{start},{end}]").as_bytes());
            }
            out.extend_from_slice(b"]}");
        }
    }
}

/// Buffers reused from line to line.
#[derive(Default)]
pub struct TokenScratch {
    units: Vec<u32>,
    buffer: Vec<u32>,
    tokenized: Tokenized,
    token: Vec<u8>,
}

impl LineTransform for TokenizeLines {
    type Scratch = TokenScratch;

    fn apply(&self, line: &str, s: &mut TokenScratch, out: &mut Vec<u8>) -> Result<(), String> {
        let Some(fields) = &self.fields else {
            self.write_tokens(line, s, out, false);
            return Ok(());
        };
        if is_blank(line) {
            out.extend_from_slice(line.as_bytes());
            return Ok(());
        }
        let mut copied = 0;
        for_each_string_field(line, fields, |start, end, value| {
            out.extend_from_slice(&line.as_bytes()[copied..start]);
            self.write_tokens(&value, s, out, true);
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
    use crate::tokenize::PunctuationTokens;
    use crate::Normalizer;

    fn run(offsets: bool, fields: Option<&[&str]>, line: &str) -> Result<String, String> {
        let n = Normalizer::from_preset("standard").unwrap();
        let t = TokenizeLines::new(
            Tokenizer::new(Some(n), false, PunctuationTokens::Keep),
            offsets,
            fields.map(|f| f.iter().map(|s| s.to_string()).collect()),
        );
        let mut out = Vec::new();
        t.apply(line, &mut TokenScratch::default(), &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn text_tokens_are_space_separated() {
        assert_eq!(run(false, None, "  كَتَبَ، إلى 😀 ").unwrap(), "كتب ، الي 😀");
        assert_eq!(run(false, None, "").unwrap(), "");
    }

    #[test]
    fn offsets_are_code_points_of_the_original_line() {
        // "كَتَبَ" is 6 code points (12 bytes): its final fatha is deleted, so the token
        // spans ك..ب, [0, 5); the comma is code point 6.
        let got = run(true, None, "كَتَبَ، إلى").unwrap();
        assert_eq!(
            got,
            r#"{"tokens":["كتب","،","الي"],"offsets":[[0,5],[6,7],[8,11]]}"#
        );
        assert_eq!(
            run(true, None, "").unwrap(),
            r#"{"tokens":[],"offsets":[]}"#
        );
    }

    #[test]
    fn json_fields_become_token_arrays_and_other_bytes_stay() {
        let line = r#"{"id": 7, "text": "إلى \"x\"", "t2": "a"}"#;
        let got = run(false, Some(&["text"]), line).unwrap();
        assert_eq!(
            got,
            r#"{"id": 7, "text": ["الي","\"","x","\""], "t2": "a"}"#
        );
        let got = run(true, Some(&["t2"]), line).unwrap();
        assert!(
            got.ends_with(r#""t2": {"tokens":["a"],"offsets":[[0,1]]}}"#),
            "{got}"
        );
        assert!(run(false, Some(&["id"]), line)
            .unwrap_err()
            .contains("not a string"));
    }
}
