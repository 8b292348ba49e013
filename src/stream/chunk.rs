//! Cutting a byte stream into line-aligned chunks.
//!
//! A chunk is about `chunk_bytes` long and ends just after a `\n` (or at the end of the
//! input), so every line, its `\r\n` and every multi-byte UTF-8 sequence lie whole inside
//! one chunk: workers can process chunks independently. A line longer than a chunk grows
//! that one chunk until its `\n` arrives, up to `max_line_bytes`.

use std::io::{self, Read};

/// The UTF-8 encoding of U+FEFF, dropped at the start of an input.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One line-aligned piece of an input.
#[derive(Debug, PartialEq, Eq)]
pub struct Chunk {
    /// The bytes: whole lines, the last one ending in `\n` unless the input ends there.
    pub data: Vec<u8>,
    /// The byte offset of `data[0]` in the decompressed input (a dropped BOM counts).
    pub offset: u64,
}

/// Why no next chunk could be cut.
#[derive(Debug)]
pub enum ChunkError {
    /// Reading (or decompressing) failed.
    Read(io::Error),
    /// A line grew past the limit before its end was found; `offset` is where it starts.
    LineTooLong {
        /// The byte offset of the line's start.
        offset: u64,
    },
}

/// Cuts `reader`'s bytes into [`Chunk`]s.
pub struct Chunker<R> {
    reader: R,
    chunk_bytes: usize,
    max_line_bytes: usize,
    /// The unfinished last line of the previous read.
    carry: Vec<u8>,
    /// The offset of `carry[0]`.
    offset: u64,
    started: bool,
    eof: bool,
}

impl<R: Read> Chunker<R> {
    /// A chunker of about `chunk_bytes` (at least 1) per chunk, refusing lines longer
    /// than `max_line_bytes` (terminator excluded).
    pub fn new(reader: R, chunk_bytes: usize, max_line_bytes: usize) -> Chunker<R> {
        Chunker {
            reader,
            chunk_bytes: chunk_bytes.max(1),
            max_line_bytes,
            carry: Vec::new(),
            offset: 0,
            started: false,
            eof: false,
        }
    }

    /// Read until `buf` holds `want` bytes or the input ends.
    fn fill(&mut self, buf: &mut Vec<u8>, want: usize) -> io::Result<()> {
        if buf.len() >= want || self.eof {
            return Ok(());
        }
        let missing = (want - buf.len()) as u64;
        let got = (&mut self.reader).take(missing).read_to_end(buf)?;
        if (got as u64) < missing {
            self.eof = true;
        }
        Ok(())
    }

    /// The next chunk, `None` at the end of the input.
    ///
    /// # Errors
    /// A read error, or a line longer than the limit.
    pub fn next_chunk(&mut self) -> Result<Option<Chunk>, ChunkError> {
        self.next_chunk_in(Vec::new())
    }

    /// [`Chunker::next_chunk`], reusing `buf`'s memory for the chunk.
    ///
    /// # Errors
    /// A read error, or a line longer than the limit.
    pub fn next_chunk_in(&mut self, mut buf: Vec<u8>) -> Result<Option<Chunk>, ChunkError> {
        buf.clear();
        buf.reserve(self.chunk_bytes.max(self.carry.len()));
        buf.extend_from_slice(&self.carry);
        self.carry.clear();
        let mut want = self.chunk_bytes;
        // Search for the last '\n' only in bytes not searched before.
        let mut searched = 0;
        loop {
            self.fill(&mut buf, want).map_err(ChunkError::Read)?;
            if !self.started && (buf.len() >= BOM.len() || self.eof) {
                self.started = true;
                if buf.starts_with(BOM) {
                    buf.drain(..BOM.len());
                    self.offset += BOM.len() as u64;
                    searched = 0;
                }
            }
            if let Some(i) = memchr::memrchr(b'\n', &buf[searched..]) {
                let end = searched + i + 1;
                self.carry.extend_from_slice(&buf[end..]);
                buf.truncate(end);
                return Ok(Some(self.emit(buf)));
            }
            if self.eof {
                return Ok((!buf.is_empty()).then(|| self.emit(buf)));
            }
            // No line end in the whole buffer: one line longer than a chunk. A line of
            // exactly the limit may still be followed by "\r\n".
            if buf.len() > self.max_line_bytes.saturating_add(1) {
                return Err(ChunkError::LineTooLong {
                    offset: self.offset,
                });
            }
            searched = buf.len();
            want = buf.len() + self.chunk_bytes;
        }
    }

    fn emit(&mut self, data: Vec<u8>) -> Chunk {
        let offset = self.offset;
        self.offset += data.len() as u64;
        Chunk { data, offset }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most `step` bytes per call, like a slow pipe.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    fn chunks(data: &[u8], chunk_bytes: usize, step: usize) -> Vec<Chunk> {
        let mut c = Chunker::new(Trickle { data, step }, chunk_bytes, usize::MAX);
        let mut out = Vec::new();
        while let Some(chunk) = c.next_chunk().unwrap() {
            out.push(chunk);
        }
        out
    }

    /// Every chunk is whole lines, offsets are consecutive and the bytes add up.
    fn check(data: &[u8], chunk_bytes: usize, step: usize) -> Vec<Chunk> {
        let got = chunks(data, chunk_bytes, step);
        let body = data.strip_prefix(BOM).unwrap_or(data);
        let joined: Vec<u8> = got.iter().flat_map(|c| c.data.clone()).collect();
        assert_eq!(joined, body, "chunk_bytes={chunk_bytes} step={step}");
        let mut offset = (data.len() - body.len()) as u64;
        for (i, c) in got.iter().enumerate() {
            assert_eq!(c.offset, offset);
            offset += c.data.len() as u64;
            assert!(!c.data.is_empty());
            if i + 1 < got.len() {
                assert_eq!(c.data.last(), Some(&b'\n'), "chunk {i} cut inside a line");
            }
        }
        got
    }

    #[test]
    fn every_cut_is_after_a_line_feed() {
        let text = "سطر أول\r\nline two\n\nثالث\r\nlast without newline".as_bytes();
        for chunk_bytes in 1..text.len() + 2 {
            for step in [1, 2, 3, 7, 1000] {
                check(text, chunk_bytes, step);
            }
        }
    }

    #[test]
    fn a_chunk_boundary_inside_crlf_keeps_the_pair_together() {
        // 'a' '\r' | '\n' 'b': the byte budget ends between CR and LF.
        let got = check(b"a\r\nb\r\n", 2, 1);
        assert_eq!(got[0].data, b"a\r\n");
        assert_eq!(got[1].data, b"b\r\n");
    }

    #[test]
    fn a_chunk_boundary_inside_a_utf8_sequence_keeps_it_whole() {
        // U+0643 is D9 83: a budget of 2 bytes ends inside the second letter.
        let text = "ك\nكك\n".as_bytes();
        let got = check(text, 2, 1);
        assert_eq!(got[1].data, "كك\n".as_bytes());
        assert!(std::str::from_utf8(&got[1].data).is_ok());
    }

    #[test]
    fn a_line_longer_than_a_chunk_grows_one_chunk() {
        let long = vec![b'x'; 10_000];
        let mut text = b"short\n".to_vec();
        text.extend_from_slice(&long);
        text.extend_from_slice(b"\nend\n");
        let got = check(&text, 64, 100);
        // The whole long line sits in one chunk, with its terminator.
        assert!(got
            .iter()
            .any(|c| c.data.starts_with(&long) && c.data.get(long.len()) == Some(&b'\n')));
    }

    #[test]
    fn the_bom_is_dropped_only_at_the_start() {
        let got = check(b"\xEF\xBB\xBFa\n\xEF\xBB\xBFb\n", 1, 1);
        assert_eq!(got[0].data, b"a\n");
        assert_eq!(got[0].offset, 3);
        assert_eq!(got[1].data, b"\xEF\xBB\xBFb\n");
        // A BOM split over reads is still seen.
        assert_eq!(check(b"\xEF\xBB\xBF", 8, 1).len(), 0);
        assert_eq!(check(b"\xEF\xBB", 8, 1)[0].data, b"\xEF\xBB");
    }

    #[test]
    fn empty_input_has_no_chunk() {
        assert!(chunks(b"", 16, 1).is_empty());
    }

    #[test]
    fn a_line_past_the_limit_is_refused() {
        let mut text = b"ok\n".to_vec();
        text.extend(std::iter::repeat_n(b'y', 50));
        text.push(b'\n');
        let mut c = Chunker::new(
            Trickle {
                data: &text,
                step: 4,
            },
            8,
            20,
        );
        assert_eq!(c.next_chunk().unwrap().unwrap().data, b"ok\n");
        match c.next_chunk() {
            Err(ChunkError::LineTooLong { offset }) => assert_eq!(offset, 3),
            other => panic!("expected LineTooLong, got {other:?}"),
        }
        // At the limit exactly, with CRLF, it passes.
        let line = [vec![b'z'; 20], b"\r\n".to_vec()].concat();
        let mut c = Chunker::new(
            Trickle {
                data: &line,
                step: 4,
            },
            8,
            20,
        );
        assert_eq!(c.next_chunk().unwrap().unwrap().data, line);
    }
}
