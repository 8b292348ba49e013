//! What is done to each line: the [`LineTransform`] trait and the normalizing transform
//! of the `text` format.
//!
//! The engine hands a transform each line as a `&str` (valid UTF-8, without its line
//! terminator) and appends whatever it writes to the chunk's output; the terminator is
//! added back by the engine. A tokenizer or any other per-line job plugs in by
//! implementing the trait.

use crate::normalize::plan::push_utf8;
use crate::Normalizer;

/// A per-line job of the streaming engine. One instance is shared by all worker threads;
/// each worker has its own `Scratch` (reusable buffers).
pub trait LineTransform: Send + Sync + 'static {
    /// Per-worker working memory, reused from line to line.
    type Scratch: Default + Send;

    /// Write the result for `line` (no terminator) to `out`.
    ///
    /// # Errors
    /// A message for a line the transform cannot handle (e.g. invalid JSON); the engine
    /// adds the input's name and the line number and stops the run.
    fn apply(
        &self,
        line: &str,
        scratch: &mut Self::Scratch,
        out: &mut Vec<u8>,
    ) -> Result<(), String>;
}

/// Buffers of [`normalize_str`]: the input's code points and the normalized ones.
#[derive(Default)]
pub struct CodePoints {
    units: Vec<u32>,
    out: Vec<u32>,
}

/// Normalize `text` into `out` as UTF-8 (appended). When nothing changes, the bytes of
/// `text` are copied as they are. Returns whether anything changed.
pub fn normalize_str(n: &Normalizer, text: &str, buf: &mut CodePoints, out: &mut Vec<u8>) -> bool {
    if let Some(changed) = n.normalize_utf8_into(text, out) {
        return changed;
    }
    buf.units.clear();
    buf.units.extend(text.chars().map(u32::from));
    if !n.normalize_units(&buf.units, &mut buf.out) {
        out.extend_from_slice(text.as_bytes());
        return false;
    }
    encode_utf8(&buf.out, out);
    true
}

/// Append the UTF-8 encoding of `code_points`. The rules map scalar values to scalar
/// values, so a surrogate cannot appear; if one did, it would be written as U+FFFD.
pub fn encode_utf8(code_points: &[u32], out: &mut Vec<u8>) {
    out.reserve(code_points.len() * 2);
    for &c in code_points {
        push_utf8(out, c);
    }
}

/// The `text` format: each line normalized as a whole.
pub struct NormalizeLines {
    normalizer: Normalizer,
}

impl NormalizeLines {
    /// Normalize every line with `normalizer`.
    pub fn new(normalizer: Normalizer) -> NormalizeLines {
        NormalizeLines { normalizer }
    }
}

impl LineTransform for NormalizeLines {
    type Scratch = CodePoints;

    fn apply(&self, line: &str, scratch: &mut CodePoints, out: &mut Vec<u8>) -> Result<(), String> {
        normalize_str(&self.normalizer, line, scratch, out);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_text_is_copied_and_changed_text_reencoded() {
        let n = Normalizer::from_preset("standard").unwrap();
        let mut buf = CodePoints::default();
        let mut out = Vec::new();
        assert!(!normalize_str(&n, "abc كتب 😀", &mut buf, &mut out));
        assert_eq!(out, "abc كتب 😀".as_bytes());
        out.clear();
        assert!(normalize_str(&n, "كَتَبَ 😀 إلى", &mut buf, &mut out));
        assert_eq!(String::from_utf8(out).unwrap(), n.normalize("كَتَبَ 😀 إلى"));
    }
}
