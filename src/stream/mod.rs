//! Streaming files of any size through a per-line job, in bounded memory, on every core.
//!
//! ```text
//! input (file | stdin; gzip/zstd by magic number)        [input]
//!   -> ~1 MiB line-aligned chunks, BOM dropped            [chunk]    reader thread
//!   -> lines: UTF-8 by policy, transform, terminators     [lines]    `jobs` workers
//!      (and output compression, one member per chunk)     [output]
//!   -> in input order to a temp file, fsync, rename       [output]   calling thread
//! ```
//!
//! The per-line job is a [`LineTransform`]: [`NormalizeLines`] for plain text and
//! [`NormalizeFields`] for JSON Lines. Nothing here touches Python; the binding passes a
//! monitor closure that reports progress and can stop the run (Ctrl-C).
//!
//! # Examples
//! ```no_run
//! use arnorm::stream::{self, Destination, NormalizeLines, Settings, Source};
//! use arnorm::Normalizer;
//!
//! let n = Normalizer::from_preset("standard").unwrap();
//! let summary = stream::run(
//!     &[Source::Path("corpus.txt.gz".into())],
//!     &Destination::Path("corpus.norm.txt.zst".into()),
//!     NormalizeLines::new(n),
//!     &Settings::default(),
//!     &mut |_progress| true,
//! )?;
//! println!("{} lines", summary.lines);
//! # Ok::<(), arnorm::stream::Error>(())
//! ```

pub mod chunk;
pub mod error;
pub mod input;
pub mod jsonl;
pub mod lines;
pub mod output;
pub mod pipeline;
pub mod stats;
pub mod tokens;
pub mod transform;

pub use error::{Error, ErrorKind};
pub use input::{Compression, Source};
pub use jsonl::NormalizeFields;
pub use lines::OnInvalid;
pub use output::{Destination, Output, Sink};
pub use transform::{LineTransform, NormalizeLines};

/// The default chunk size: large enough that per-chunk costs (a channel message, an
/// allocation, a gzip member header) vanish, small enough that `2 * jobs + 2` chunks in
/// flight stay a few MB.
pub const CHUNK_BYTES: usize = 1 << 20;

/// The default longest line, in bytes: 64 MiB.
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// How a run is done.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// The size a chunk is cut at (the next line end after it).
    pub chunk_bytes: usize,
    /// The longest line accepted, terminator excluded.
    pub max_line_bytes: usize,
    /// What to do with invalid UTF-8.
    pub on_invalid: OnInvalid,
    /// Collect each line's end offset for the sink (see [`Sink::write_chunk`]).
    pub line_ends: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            chunk_bytes: CHUNK_BYTES,
            max_line_bytes: MAX_LINE_BYTES,
            on_invalid: OnInvalid::Strict,
            line_ends: false,
        }
    }
}

/// Counts of a finished run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Input lines (skipped ones included).
    pub lines: u64,
    /// Decompressed input bytes (a dropped BOM excluded).
    pub bytes_in: u64,
    /// Bytes written (compressed, when the output is).
    pub bytes_out: u64,
    /// Invalid UTF-8 sequences replaced by U+FFFD.
    pub replaced: u64,
    /// Lines dropped as invalid UTF-8.
    pub skipped: u64,
}

/// Where a run is, as given to the monitor.
#[derive(Clone, Debug, Default)]
pub struct Progress {
    /// Raw bytes read from the inputs (compressed bytes for compressed inputs, so that
    /// they compare with the file sizes).
    pub raw_bytes_read: u64,
    /// Bytes written.
    pub bytes_written: u64,
    /// Lines written.
    pub lines: u64,
}

/// Transform every line of `sources` (one after another, like `cat`) into
/// `destination`. A file destination is compressed by its extension (`.gz`, `.zst`) and
/// replaced only when the whole run succeeds. `monitor` is called from the calling
/// thread about every [`pipeline::TICK`]; returning `false` stops the run with
/// [`ErrorKind::Interrupted`].
///
/// # Errors
/// See [`ErrorKind`]; the destination is then left as it was.
pub fn run<T: LineTransform>(
    sources: &[Source],
    destination: &Destination,
    transform: T,
    settings: &Settings,
    monitor: &mut dyn FnMut(&Progress) -> bool,
) -> Result<Summary, Error> {
    let compression = match destination {
        Destination::Path(p) => Compression::from_extension(p),
        Destination::Stdout => Compression::None,
    };
    let mut output = Output::create(destination, compression)?;
    let summary = pipeline::run(
        sources,
        &mut output,
        transform,
        settings,
        compression,
        monitor,
    )?;
    output.commit()?;
    Ok(summary)
}

/// Like [`run`], handing the uncompressed output chunks to `sink` instead of a file.
///
/// # Errors
/// See [`ErrorKind`].
pub fn run_into<T: LineTransform>(
    sources: &[Source],
    sink: &mut dyn Sink,
    transform: T,
    settings: &Settings,
    monitor: &mut dyn FnMut(&Progress) -> bool,
) -> Result<Summary, Error> {
    pipeline::run(
        sources,
        sink,
        transform,
        settings,
        Compression::None,
        monitor,
    )
}
