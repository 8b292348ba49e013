//! One chunk, line by line: split at `\n`, decode UTF-8 (by the error policy), run the
//! transform, put each line's terminator back byte for byte.

use super::transform::LineTransform;

/// What to do with a line that is not valid UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnInvalid {
    /// Stop with an error naming the line and byte offset.
    Strict,
    /// Replace each maximal invalid sequence by U+FFFD REPLACEMENT CHARACTER.
    Replace,
    /// Drop the line, terminator included.
    Skip,
}

impl OnInvalid {
    /// `"strict"`, `"replace"` or `"skip"`.
    pub fn from_name(name: &str) -> Option<OnInvalid> {
        match name {
            "strict" => Some(OnInvalid::Strict),
            "replace" => Some(OnInvalid::Replace),
            "skip" => Some(OnInvalid::Skip),
            _ => None,
        }
    }
}

/// The result of one chunk.
#[derive(Debug, Default)]
pub struct ChunkOutput {
    /// The output bytes.
    pub data: Vec<u8>,
    /// Input lines seen (skipped ones included).
    pub lines: u64,
    /// Invalid sequences replaced by U+FFFD.
    pub replaced: u64,
    /// Lines dropped as invalid UTF-8.
    pub skipped: u64,
    /// When asked for: the end offset in `data` of each output line (terminator
    /// included), for callers that hand out lines one by one.
    pub line_ends: Vec<usize>,
}

/// Why a chunk stopped.
#[derive(Debug, PartialEq, Eq)]
pub struct LineFault {
    /// The 0-based index of the line within the chunk.
    pub line: u64,
    /// The byte offset within the chunk where the problem is.
    pub offset: usize,
    /// What is wrong.
    pub kind: FaultKind,
}

/// The kind of a [`LineFault`].
#[derive(Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// Invalid UTF-8 under [`OnInvalid::Strict`].
    InvalidUtf8,
    /// A line (terminator excluded) longer than the limit.
    TooLong,
    /// The transform refused the line.
    Transform(String),
}

/// How one chunk is processed.
pub struct LineRules {
    /// The invalid UTF-8 policy.
    pub on_invalid: OnInvalid,
    /// The longest line accepted, in bytes, terminator excluded.
    pub max_line_bytes: usize,
    /// Record [`ChunkOutput::line_ends`].
    pub line_ends: bool,
}

/// Run `t` on every line of `chunk`, appending to `out`.
///
/// # Errors
/// The first line that breaks a rule; `out` then holds the lines before it.
pub fn process_chunk<T: LineTransform>(
    t: &T,
    scratch: &mut T::Scratch,
    chunk: &[u8],
    rules: &LineRules,
    out: &mut ChunkOutput,
) -> Result<(), LineFault> {
    // One validation of the whole chunk is much faster than one per line; the per-line
    // path runs only on chunks with an invalid byte somewhere.
    let valid = std::str::from_utf8(chunk).ok();
    let mut start = 0;
    let mut index = 0u64;
    while start < chunk.len() {
        let end = memchr::memchr(b'\n', &chunk[start..]).map_or(chunk.len(), |i| start + i + 1);
        let mut content_end = end;
        if chunk[end - 1] == b'\n' {
            content_end -= 1;
            if content_end > start && chunk[content_end - 1] == b'\r' {
                content_end -= 1;
            }
        }
        let fault = |offset: usize, kind: FaultKind| LineFault {
            line: index,
            offset,
            kind,
        };
        out.lines += 1;
        if content_end - start > rules.max_line_bytes {
            return Err(fault(start, FaultKind::TooLong));
        }
        let line_text: std::borrow::Cow<'_, str> = match valid {
            // '\n' and '\r' are never inside a UTF-8 sequence: these are char boundaries.
            Some(text) => text[start..content_end].into(),
            None => match std::str::from_utf8(&chunk[start..content_end]) {
                Ok(text) => text.into(),
                Err(e) => match rules.on_invalid {
                    OnInvalid::Strict => {
                        return Err(fault(start + e.valid_up_to(), FaultKind::InvalidUtf8))
                    }
                    OnInvalid::Skip => {
                        out.skipped += 1;
                        start = end;
                        index += 1;
                        continue;
                    }
                    OnInvalid::Replace => {
                        let mut text = String::with_capacity(content_end - start + 3);
                        for piece in chunk[start..content_end].utf8_chunks() {
                            text.push_str(piece.valid());
                            if !piece.invalid().is_empty() {
                                text.push(char::REPLACEMENT_CHARACTER);
                                out.replaced += 1;
                            }
                        }
                        text.into()
                    }
                },
            },
        };
        t.apply(&line_text, scratch, &mut out.data)
            .map_err(|m| fault(start, FaultKind::Transform(m)))?;
        out.data.extend_from_slice(&chunk[content_end..end]);
        if rules.line_ends {
            out.line_ends.push(out.data.len());
        }
        start = end;
        index += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes each line in brackets, to show exactly what a transform is given.
    struct Brackets;

    impl LineTransform for Brackets {
        type Scratch = ();
        fn apply(&self, line: &str, _: &mut (), out: &mut Vec<u8>) -> Result<(), String> {
            if line == "bad" {
                return Err("refused".into());
            }
            out.push(b'[');
            out.extend_from_slice(line.as_bytes());
            out.push(b']');
            Ok(())
        }
    }

    fn run(chunk: &[u8], on_invalid: OnInvalid) -> Result<ChunkOutput, LineFault> {
        let rules = LineRules {
            on_invalid,
            max_line_bytes: 10,
            line_ends: true,
        };
        let mut out = ChunkOutput::default();
        process_chunk(&Brackets, &mut (), chunk, &rules, &mut out).map(|()| out)
    }

    #[test]
    fn terminators_are_kept_byte_for_byte() {
        let out = run(b"a\r\nb\n\n\r\nc\rd\n\re", OnInvalid::Strict).unwrap();
        assert_eq!(out.data, b"[a]\r\n[b]\n[]\n[]\r\n[c\rd]\n[\re]");
        assert_eq!(out.lines, 6);
        assert_eq!(out.line_ends, [5, 9, 12, 16, 22, 26]);
        // A lone '\r' at the very end is content, not a terminator.
        assert_eq!(run(b"x\r", OnInvalid::Strict).unwrap().data, b"[x\r]");
    }

    #[test]
    fn invalid_utf8_by_policy() {
        // "ok", then 'a' + a lone continuation byte + a truncated 3-byte sequence.
        let chunk = b"ok\na\x80\xE2\x82\r\nz\n";
        let e = run(chunk, OnInvalid::Strict).unwrap_err();
        assert_eq!((e.line, e.offset, e.kind), (1, 4, FaultKind::InvalidUtf8));
        let out = run(chunk, OnInvalid::Replace).unwrap();
        assert_eq!(out.data, "[ok]\n[a\u{FFFD}\u{FFFD}]\r\n[z]\n".as_bytes());
        assert_eq!((out.replaced, out.skipped, out.lines), (2, 0, 3));
        let out = run(chunk, OnInvalid::Skip).unwrap();
        assert_eq!(out.data, b"[ok]\n[z]\n");
        assert_eq!((out.replaced, out.skipped, out.lines), (0, 1, 3));
    }

    #[test]
    fn long_lines_and_transform_errors_name_their_line() {
        let e = run(b"short\n0123456789ab\n", OnInvalid::Strict).unwrap_err();
        assert_eq!((e.line, e.offset, e.kind), (1, 6, FaultKind::TooLong));
        // Ten bytes plus CRLF is within the limit.
        assert!(run(b"0123456789\r\n", OnInvalid::Strict).is_ok());
        let e = run(b"x\nbad\n", OnInvalid::Strict).unwrap_err();
        assert_eq!(e.kind, FaultKind::Transform("refused".into()));
        assert_eq!((e.line, e.offset), (1, 2));
    }
}
