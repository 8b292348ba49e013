//! `Normalizer.normalize_batch`: the texts go in chunks through a pipeline.
//!
//! The worker threads normalize a chunk of texts without the GIL, appending every changed
//! result to the chunk's [`Arena`] (one buffer per storage width, reused from chunk to
//! chunk). The calling thread, which holds the GIL, turns finished chunks into Python
//! strings, in order: each string is created at its exact length and storage class and
//! filled with one `memcpy`, an unchanged text is returned as the same object. While it
//! does, the workers are already on the next chunks, so the part of the work that needs
//! the GIL overlaps the rest instead of following it. At most [`AHEAD_PER_THREAD`] chunks
//! per thread are out at a time, which bounds the memory of the arenas (a few MB); waiting
//! for the next chunk, the calling thread releases the GIL.
//!
//! Workers never touch a Python object: a failure on the calling thread (a
//! `MemoryError`) can return at once. The texts the workers read stay alive meanwhile:
//! the batch holds a reference to each (the caller's list may change while the GIL is
//! released), and the scope waits for every worker before they are dropped.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Mutex};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyString;

use super::normalizer::{run_width, Scratch, Written};
use super::strings::{new_string_from, Units};
use super::threads::{balanced_ranges, pool};
use crate::Normalizer;

/// Chunks of a batch about this many code points long (a longer text is a chunk of its
/// own). Each chunk handed over costs a wake-up of the thread that waits for it, tens of
/// microseconds on this VM: measured (DESIGN.md), 64 Ki code points per chunk ran the
/// news corpus at 3,058 MB/s, 256 Ki at 3,697.
const CHUNK_UNITS: usize = 256 * 1024;

/// A batch of fewer chunks than this per thread runs on the calling thread alone: the
/// hand-overs would cost more than the second thread gains (measured in DESIGN.md).
const MIN_CHUNKS_PER_THREAD: usize = 2;

/// Chunks out at a time, per worker thread: one being filled, one waiting.
const AHEAD_PER_THREAD: usize = 2;

/// Where one text's result is.
#[derive(Clone, Copy)]
enum Piece {
    Unchanged,
    /// `len` code points from `start` in the arena's buffer of that width, whose OR is
    /// `bits`.
    Ucs1 {
        start: usize,
        len: usize,
        bits: u32,
    },
    Ucs2 {
        start: usize,
        len: usize,
        bits: u32,
    },
    Ucs4 {
        start: usize,
        len: usize,
        bits: u32,
    },
}

/// The results of one chunk of texts.
#[derive(Default)]
struct Arena {
    out: Scratch,
    pieces: Vec<Piece>,
}

impl Arena {
    /// Normalize `texts` into this arena (emptied first).
    fn fill(&mut self, n: &Normalizer, texts: &[Units<'_>]) {
        self.out.clear();
        self.pieces.clear();
        for &text in texts {
            let piece = if self.out.is_empty() {
                // Nothing written yet: the result can go straight into the arena.
                let written = crate::with_units!(text, |u| run_width(n, u, &mut self.out));
                // What the kernel wrote before it found no change, or before it found the
                // output too wide for that buffer (Latin-1 text under `search`).
                self.out.keep_only(&written);
                piece_at(0, &self.out, written)
            } else {
                Scratch::with(|s| {
                    let written = crate::with_units!(text, |u| run_width(n, u, s));
                    let start = self.out.append(s, &written);
                    piece_at(start, s, written)
                })
            };
            self.pieces.push(piece);
        }
    }

    /// The output strings of this chunk's `texts`, pushed to `items` in order.
    fn strings<'py>(
        &self,
        texts: &[Bound<'py, PyString>],
        items: &mut Vec<Bound<'py, PyString>>,
    ) -> PyResult<()> {
        let o = &self.out;
        for (text, &piece) in texts.iter().zip(&self.pieces) {
            let py = text.py();
            items.push(match piece {
                Piece::Unchanged => text.clone(),
                Piece::Ucs1 { start, len, bits } => {
                    new_string_from(py, &o.ucs1[start..start + len], bits)?
                }
                Piece::Ucs2 { start, len, bits } => {
                    new_string_from(py, &o.ucs2[start..start + len], bits)?
                }
                Piece::Ucs4 { start, len, bits } => {
                    new_string_from(py, &o.ucs4[start..start + len], bits)?
                }
            });
        }
        Ok(())
    }
}

/// The piece for a result `written` to the buffers `s`, found at `start` in the arena.
fn piece_at(start: usize, s: &Scratch, written: Written) -> Piece {
    match written {
        Written::Unchanged => Piece::Unchanged,
        Written::Ucs1(bits) => Piece::Ucs1 {
            start,
            len: s.ucs1.len(),
            bits,
        },
        Written::Ucs2(bits) => Piece::Ucs2 {
            start,
            len: s.ucs2.len(),
            bits,
        },
        Written::Ucs4(bits) => Piece::Ucs4 {
            start,
            len: s.ucs4.len(),
            bits,
        },
    }
}

/// The normalization of every text of `strings` (whose code units are `views`), on
/// `threads` threads.
pub(crate) fn normalize_batch<'py>(
    py: Python<'py>,
    n: &Normalizer,
    strings: &[Bound<'py, PyString>],
    views: &[Units<'_>],
    threads: usize,
) -> PyResult<Vec<Bound<'py, PyString>>> {
    let chunks = balanced_ranges(views.iter().map(|u| u.len()), CHUNK_UNITS);
    let mut items = Vec::with_capacity(strings.len());
    if threads == 1 || chunks.len() < MIN_CHUNKS_PER_THREAD * threads {
        let mut arena = Arena::default();
        for r in chunks {
            py.detach(|| arena.fill(n, &views[r.clone()]));
            arena.strings(&strings[r], &mut items)?;
        }
        return Ok(items);
    }
    let pool = pool(threads)?;
    let (tx, rx) = mpsc::channel::<(usize, std::thread::Result<Arena>)>();
    // The receiver is only ever used by this thread; the mutex makes it `Sync`, so that
    // a reference to it may go where the GIL is released.
    let rx = Mutex::new(rx);
    let mut ready: Vec<Option<Arena>> = chunks.iter().map(|_| None).collect();
    pool.in_place_scope(|scope| {
        let spawn = |c: usize, mut arena: Arena| {
            let (tx, texts) = (tx.clone(), &views[chunks[c].clone()]);
            scope.spawn(move |_| {
                let result = catch_unwind(AssertUnwindSafe(|| {
                    arena.fill(n, texts);
                    arena
                }));
                // The receiver outlives the scope, which waits for this task.
                let _ = tx.send((c, result));
            });
        };
        let mut next = 0;
        while next < chunks.len().min(AHEAD_PER_THREAD * threads) {
            spawn(next, Arena::default());
            next += 1;
        }
        for c in 0..chunks.len() {
            while ready[c].is_none() {
                let received = py.detach(|| {
                    let rx = rx.lock().unwrap_or_else(|e| e.into_inner());
                    rx.recv()
                });
                // Every task sends exactly once, and this thread holds a sender too.
                let (k, result) = received.expect("a sender outlives the loop");
                ready[k] = Some(result.map_err(|payload| {
                    let what = payload
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    PyRuntimeError::new_err(format!(
                        "normalize_batch(): a worker thread panicked (a bug in arnorm): {what}"
                    ))
                })?);
            }
            let arena = ready[c].take().expect("chunk c is ready");
            arena.strings(&strings[chunks[c].clone()], &mut items)?;
            if next < chunks.len() {
                spawn(next, arena);
                next += 1;
            }
        }
        Ok(items)
    })
}
