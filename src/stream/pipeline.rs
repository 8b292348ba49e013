//! The ordered parallel pipeline: one reader thread cuts the inputs into chunks, `jobs`
//! worker threads transform (and compress) chunks, and the calling thread writes the
//! results in input order.
//!
//! Memory is bounded: the reader must take a slot before it reads a chunk, and a slot is
//! given back only when that chunk has been written, so at most `2 * jobs + 2` chunks
//! (input and output) exist at once, however large the input and however uneven the
//! workers. The calling thread wakes at least every [`TICK`] to call the monitor, even
//! when the reader is blocked on a slow pipe, so progress and Ctrl-C are seen promptly.
//!
//! Threads are not joined: a reader blocked in `read` on a FIFO could make a join wait
//! forever. Every thread ends by itself once its blocking call returns, because every
//! channel it uses is then closed or the stop flag is set.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::chunk::{Chunk, ChunkError, Chunker};
use super::error::{Error, ErrorKind};
use super::input::{self, Compression, Source};
use super::lines::{process_chunk, ChunkOutput, FaultKind, LineFault, LineRules};
use super::output::{compress, Sink};
use super::transform::LineTransform;
use super::{Progress, Settings, Summary};

/// How often the monitor is called at most (and at least, while the run lasts).
pub const TICK: Duration = Duration::from_millis(100);

enum Work {
    Chunk {
        seq: u64,
        file: usize,
        chunk: Chunk,
    },
    Fail {
        seq: u64,
        file: usize,
        error: ReadFail,
    },
    End {
        seq: u64,
    },
}

enum ReadFail {
    Open(Error),
    Chunk(ChunkError, Compression),
}

enum Done {
    Data {
        file: usize,
        out: ChunkOutput,
        bytes_in: u64,
    },
    Fault {
        file: usize,
        chunk_offset: u64,
        fault: LineFault,
    },
    ReadFail {
        file: usize,
        error: ReadFail,
    },
    Bug(String),
    End,
}

struct Shared<T> {
    transform: T,
    rules: LineRules,
    compression: Compression,
    stop: AtomicBool,
    /// Chunk buffers handed back for reuse: input ones by the workers to the reader,
    /// output ones by the writer to the workers, so the steady state allocates nothing
    /// per chunk.
    spare_in: BufferPool,
    spare_out: BufferPool,
}

/// Reusable byte buffers (at most `capacity` kept; oversized ones, grown by a long
/// line, are freed rather than kept).
struct BufferPool {
    buffers: Mutex<Vec<Vec<u8>>>,
    capacity: usize,
    max_bytes: usize,
}

impl BufferPool {
    fn new(capacity: usize, chunk_bytes: usize) -> BufferPool {
        BufferPool {
            buffers: Mutex::new(Vec::with_capacity(capacity)),
            capacity,
            max_bytes: chunk_bytes.saturating_mul(4),
        }
    }

    fn take(&self) -> Vec<u8> {
        self.buffers
            .lock()
            .map(|mut b| b.pop())
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    fn give(&self, mut buf: Vec<u8>) {
        if buf.capacity() > self.max_bytes {
            return;
        }
        buf.clear();
        if let Ok(mut b) = self.buffers.lock() {
            if b.len() < self.capacity {
                b.push(buf);
            }
        }
    }
}

/// Run the pipeline over `sources`, writing to `sink` in order.
pub fn run<T: LineTransform>(
    sources: &[Source],
    sink: &mut dyn Sink,
    transform: T,
    settings: &Settings,
    compression: Compression,
    monitor: &mut dyn FnMut(&Progress) -> bool,
) -> Result<Summary, Error> {
    run_collect(sources, sink, transform, settings, compression, monitor).map(|(s, _)| s)
}

/// Like [`run`], and also hand back every worker's scratch once the run succeeded: the
/// reduce step of jobs that accumulate per worker (token counts), merged by the caller.
pub fn run_collect<T: LineTransform>(
    sources: &[Source],
    sink: &mut dyn Sink,
    transform: T,
    settings: &Settings,
    compression: Compression,
    monitor: &mut dyn FnMut(&Progress) -> bool,
) -> Result<(Summary, Vec<T::Scratch>), Error> {
    let jobs = settings.jobs.max(1);
    let in_flight = 2 * jobs + 2;
    let shared = Arc::new(Shared {
        transform,
        rules: LineRules {
            on_invalid: settings.on_invalid,
            max_line_bytes: settings.max_line_bytes,
            line_ends: settings.line_ends,
        },
        compression,
        stop: AtomicBool::new(false),
        spare_in: BufferPool::new(in_flight, settings.chunk_bytes),
        spare_out: BufferPool::new(in_flight, settings.chunk_bytes),
    });
    let raw_read = Arc::new(AtomicU64::new(0));
    let (slot_tx, slot_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        slot_tx.send(()).expect("the receiver is alive");
    }
    // Slots bound chunks; a Fail and the End come on top, once each.
    let (work_tx, work_rx) = sync_channel::<Work>(in_flight + 2);
    let (done_tx, done_rx) = sync_channel::<(u64, Done)>(in_flight + 2);
    let work_rx = Arc::new(Mutex::new(work_rx));

    {
        let sources = sources.to_vec();
        let shared = shared.clone();
        let raw_read = raw_read.clone();
        let (chunk_bytes, max_line) = (settings.chunk_bytes, settings.max_line_bytes);
        std::thread::Builder::new()
            .name("arnorm-reader".into())
            .spawn(move || {
                read_all(
                    &sources,
                    chunk_bytes,
                    max_line,
                    &shared,
                    &raw_read,
                    &slot_rx,
                    &work_tx,
                )
            })
            .map_err(|e| Error::io("<thread>", "cannot start a thread for", e))?;
    }
    let mut workers = Vec::with_capacity(jobs);
    for i in 0..jobs {
        let (shared, work_rx, done_tx) = (shared.clone(), work_rx.clone(), done_tx.clone());
        let worker = std::thread::Builder::new()
            .name(format!("arnorm-worker-{i}"))
            .spawn(move || work(&shared, &work_rx, &done_tx))
            .map_err(|e| Error::io("<thread>", "cannot start a thread for", e))?;
        workers.push(worker);
    }
    drop(done_tx);

    let limit = settings.max_line_bytes;
    let result = write_in_order(
        sources,
        sink,
        &done_rx,
        &slot_tx,
        &raw_read,
        limit,
        &mut |buf| shared.spare_out.give(buf),
        monitor,
    );
    // On success every thread has finished its last message; on failure, stop them.
    shared.stop.store(true, Ordering::Relaxed);
    let summary = result?;
    // Success: the reader sent the End and returned, dropping the work channel, so every
    // worker's `recv` fails now and the joins below return at once (they cannot hang on
    // a blocked reader as on the error paths, where nobody joins).
    let mut scratches = Vec::with_capacity(workers.len());
    for worker in workers {
        let scratch = worker.join().map_err(|_| {
            Error::new(ErrorKind::Line {
                path: String::new(),
                line: summary.lines,
                message: "internal error: a worker panicked".into(),
            })
        })?;
        scratches.push(scratch);
    }
    Ok((summary, scratches))
}

#[allow(clippy::too_many_arguments)]
fn read_all<T>(
    sources: &[Source],
    chunk_bytes: usize,
    max_line: usize,
    shared: &Shared<T>,
    raw_read: &Arc<AtomicU64>,
    slots: &Receiver<()>,
    work: &SyncSender<Work>,
) {
    let mut seq = 0;
    for (file, source) in sources.iter().enumerate() {
        let opened = match input::open(source, raw_read.clone()) {
            Ok(o) => o,
            Err(e) => {
                let _ = work.send(Work::Fail {
                    seq,
                    file,
                    error: ReadFail::Open(e),
                });
                return;
            }
        };
        let mut chunker = Chunker::new(opened.reader, chunk_bytes, max_line);
        loop {
            if slots.recv().is_err() || shared.stop.load(Ordering::Relaxed) {
                return; // the writer is gone: the run is over
            }
            let message = match chunker.next_chunk_in(shared.spare_in.take()) {
                Ok(Some(chunk)) => Work::Chunk { seq, file, chunk },
                Ok(None) => break,
                Err(e) => {
                    let error = ReadFail::Chunk(e, opened.compression);
                    let _ = work.send(Work::Fail { seq, file, error });
                    return;
                }
            };
            if work.send(message).is_err() {
                return;
            }
            seq += 1;
        }
    }
    let _ = work.send(Work::End { seq });
}

fn work<T: LineTransform>(
    shared: &Shared<T>,
    work: &Mutex<Receiver<Work>>,
    done: &SyncSender<(u64, Done)>,
) -> T::Scratch {
    let mut scratch = T::Scratch::default();
    loop {
        let message = match work.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return scratch,
        };
        let Ok(message) = message else {
            return scratch;
        };
        if shared.stop.load(Ordering::Relaxed) {
            return scratch;
        }
        let (seq, result) = match message {
            Work::Chunk { seq, file, chunk } => {
                let result = catch_unwind(AssertUnwindSafe(|| {
                    let done = process(shared, &mut scratch, file, &chunk);
                    shared.spare_in.give(chunk.data);
                    done
                }))
                .unwrap_or_else(|p| {
                    let what = p
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| p.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    Done::Bug(what)
                });
                (seq, result)
            }
            Work::Fail { seq, file, error } => (seq, Done::ReadFail { file, error }),
            Work::End { seq } => (seq, Done::End),
        };
        if done.send((seq, result)).is_err() {
            return scratch;
        }
    }
}

fn process<T: LineTransform>(
    shared: &Shared<T>,
    scratch: &mut T::Scratch,
    file: usize,
    chunk: &Chunk,
) -> Done {
    let mut data = shared.spare_out.take();
    data.reserve(chunk.data.len() + chunk.data.len() / 8);
    let mut out = ChunkOutput {
        data,
        ..ChunkOutput::default()
    };
    if let Err(fault) = process_chunk(
        &shared.transform,
        scratch,
        &chunk.data,
        &shared.rules,
        &mut out,
    ) {
        return Done::Fault {
            file,
            chunk_offset: chunk.offset,
            fault,
        };
    }
    if shared.compression != Compression::None && !out.data.is_empty() {
        match compress(shared.compression, &out.data) {
            Ok(data) => shared
                .spare_out
                .give(std::mem::replace(&mut out.data, data)),
            Err(e) => return Done::Bug(format!("compression failed: {e}")),
        }
    }
    Done::Data {
        file,
        out,
        bytes_in: chunk.data.len() as u64,
    }
}

#[allow(clippy::too_many_arguments)]
fn write_in_order(
    sources: &[Source],
    sink: &mut dyn Sink,
    done: &Receiver<(u64, Done)>,
    slots: &SyncSender<()>,
    raw_read: &AtomicU64,
    limit: usize,
    recycle: &mut dyn FnMut(Vec<u8>),
    monitor: &mut dyn FnMut(&Progress) -> bool,
) -> Result<Summary, Error> {
    let mut summary = Summary::default();
    let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
    let mut next = 0u64;
    let mut file = 0usize;
    let mut line_base = 0u64; // lines of `file` already written
    let mut last_tick = Instant::now();
    let name = |file: usize| sources.get(file).map_or_else(String::new, Source::name);
    loop {
        match done.recv_timeout(TICK) {
            Ok((seq, d)) => {
                pending.insert(seq, d);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err(Error::new(ErrorKind::Line {
                    path: name(file),
                    line: line_base + 1,
                    message: "internal error: the workers stopped".into(),
                }))
            }
        }
        while let Some(d) = pending.remove(&next) {
            next += 1;
            let this_file = match &d {
                Done::Data { file, .. } | Done::Fault { file, .. } => Some(*file),
                Done::ReadFail { file, .. } => Some(*file),
                Done::Bug(_) | Done::End => None,
            };
            if let Some(f) = this_file.filter(|&f| f != file) {
                file = f;
                line_base = 0;
            }
            match d {
                Done::Data { out, bytes_in, .. } => {
                    sink.write_chunk(&out.data, &out.line_ends)?;
                    let _ = slots.try_send(());
                    summary.lines += out.lines;
                    summary.replaced += out.replaced;
                    summary.skipped += out.skipped;
                    summary.bytes_in += bytes_in;
                    summary.bytes_out += out.data.len() as u64;
                    line_base += out.lines;
                    recycle(out.data);
                }
                Done::Fault {
                    chunk_offset,
                    fault,
                    ..
                } => {
                    let (path, line) = (name(file), line_base + fault.line + 1);
                    let offset = chunk_offset + fault.offset as u64;
                    let kind = match fault.kind {
                        FaultKind::InvalidUtf8 => ErrorKind::InvalidUtf8 { path, line, offset },
                        FaultKind::TooLong => ErrorKind::LineTooLong { path, line, limit },
                        FaultKind::Transform(message) => ErrorKind::Line {
                            path,
                            line,
                            message,
                        },
                    };
                    return Err(Error::new(kind));
                }
                Done::ReadFail { error, .. } => {
                    return Err(read_error(error, &name(file), line_base + 1, limit));
                }
                Done::Bug(message) => {
                    return Err(Error::new(ErrorKind::Line {
                        path: name(file),
                        line: line_base + 1,
                        message: format!("internal error: {message}"),
                    }))
                }
                Done::End => return Ok(summary),
            }
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            let progress = Progress {
                raw_bytes_read: raw_read.load(Ordering::Relaxed),
                bytes_written: summary.bytes_out,
                lines: summary.lines,
            };
            if !monitor(&progress) {
                return Err(Error::new(ErrorKind::Interrupted));
            }
        }
    }
}

fn read_error(error: ReadFail, path: &str, line: u64, limit: usize) -> Error {
    match error {
        ReadFail::Open(e) => e,
        ReadFail::Chunk(ChunkError::LineTooLong { .. }, _) => Error::new(ErrorKind::LineTooLong {
            path: path.to_owned(),
            line,
            limit,
        }),
        ReadFail::Chunk(ChunkError::Read(e), Compression::None) => {
            Error::io(path, "cannot read", e)
        }
        ReadFail::Chunk(ChunkError::Read(e), c) => {
            if e.raw_os_error().is_some() {
                Error::io(path, "cannot read", e)
            } else {
                Error::new(ErrorKind::Decompress {
                    path: path.to_owned(),
                    format: c.name(),
                    source: e,
                })
            }
        }
    }
}
