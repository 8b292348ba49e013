//! The streaming engine for Python: `_normalize_stream` (file to file) and
//! `_NormalizedLines` (an iterator). Conversion, GIL handling and error mapping only;
//! the engine is `crate::stream`.
//!
//! The engine runs with the GIL released. Its monitor, called on the calling thread
//! about every 100 ms, takes the GIL back briefly to run `PyErr_CheckSignals` (so Ctrl-C
//! raises `KeyboardInterrupt` and stops the run, temporary file removed) and to call the
//! optional progress callback.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyo3::exceptions::{PyBrokenPipeError, PyKeyboardInterrupt, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use super::options::{resolve, PresetName};
use super::threads::thread_count;
use crate::stream::{
    self, Destination, ErrorKind, NormalizeFields, NormalizeLines, OnInvalid, Progress, Settings,
    Sink, Source, Summary,
};
use crate::Normalizer;

/// A `stream::Error` as a Python exception: `OSError` (its errno subclass, e.g.
/// `FileNotFoundError`) for I/O, `BrokenPipeError` for a closed stdout, `ValueError` for
/// bad data (invalid UTF-8, corrupt compressed data, invalid JSON, a long line).
pub(super) fn to_py_err(err: stream::Error) -> PyErr {
    match err.kind() {
        ErrorKind::BrokenPipe => PyBrokenPipeError::new_err(err.to_string()),
        ErrorKind::Interrupted => PyKeyboardInterrupt::new_err(()),
        ErrorKind::Io { .. } => match err.raw_os_error() {
            Some(errno) => PyOSError::new_err((errno, err.to_string())),
            None => PyOSError::new_err(err.to_string()),
        },
        _ => PyValueError::new_err(err.to_string()),
    }
}

/// The validated arguments shared by both entry points.
struct Job {
    normalizer: Normalizer,
    jsonl: Option<Vec<String>>,
    settings: Settings,
}

#[allow(clippy::too_many_arguments)]
fn job(
    preset: &str,
    options: Option<&Bound<'_, PyDict>>,
    format: &str,
    fields: Vec<String>,
    errors: &str,
    jobs: Option<isize>,
    max_line_bytes: usize,
    chunk_bytes: usize,
) -> PyResult<Job> {
    let normalizer = Normalizer::new(resolve(preset, options)?);
    let jsonl = match format {
        "text" if fields.is_empty() => None,
        "text" => {
            return Err(PyValueError::new_err(
                "fields are only used with format='jsonl'",
            ))
        }
        "jsonl" if fields.is_empty() => {
            return Err(PyValueError::new_err(
                "format='jsonl' needs at least one field to normalize",
            ))
        }
        "jsonl" => Some(fields),
        other => {
            return Err(PyValueError::new_err(format!(
                "format must be one of text, jsonl, got {other:?}"
            )))
        }
    };
    let settings = settings(errors, jobs, max_line_bytes, chunk_bytes)?;
    Ok(Job {
        normalizer,
        jsonl,
        settings,
    })
}

/// The engine settings from the Python arguments every streaming call takes.
pub(super) fn settings(
    errors: &str,
    jobs: Option<isize>,
    max_line_bytes: usize,
    chunk_bytes: usize,
) -> PyResult<Settings> {
    let on_invalid = OnInvalid::from_name(errors).ok_or_else(|| {
        PyValueError::new_err(format!(
            "errors must be one of strict, replace, skip, got {errors:?}"
        ))
    })?;
    if max_line_bytes == 0 || chunk_bytes == 0 {
        return Err(PyValueError::new_err(
            "max_line_bytes and chunk_bytes must be >= 1",
        ));
    }
    Ok(Settings {
        jobs: thread_count(jobs)?,
        chunk_bytes,
        max_line_bytes,
        on_invalid,
        line_ends: false,
    })
}

/// Run `job` with the GIL released, its monitor checking signals and calling
/// `progress(raw_bytes_read, bytes_written, lines)` about every 100 ms; the summary as a
/// dict, or the error as a Python exception.
pub(super) fn run_detached<'py, F>(
    py: Python<'py>,
    progress: Option<Py<PyAny>>,
    job: F,
) -> PyResult<Bound<'py, PyDict>>
where
    F: FnOnce(&mut dyn FnMut(&Progress) -> bool) -> Result<Summary, stream::Error> + Send,
{
    let mut raised: Option<PyErr> = None;
    let result = py.detach(|| {
        let mut monitor = |p: &Progress| {
            Python::attach(|py| {
                let step = py.check_signals().and_then(|()| match &progress {
                    Some(cb) => cb
                        .call1(py, (p.raw_bytes_read, p.bytes_written, p.lines))
                        .map(drop),
                    None => Ok(()),
                });
                step.map_err(|e| raised = Some(e)).is_ok()
            })
        };
        job(&mut monitor)
    });
    match result {
        Ok(summary) => summary_dict(py, &summary),
        Err(e) if matches!(e.kind(), ErrorKind::Interrupted) => {
            Err(raised.unwrap_or_else(|| to_py_err(e)))
        }
        Err(e) => Err(to_py_err(e)),
    }
}

/// Input paths (`None`: stdin) as engine sources.
pub(super) fn sources(inputs: Vec<Option<PathBuf>>) -> Vec<Source> {
    inputs
        .into_iter()
        .map(|p| p.map_or(Source::Stdin, Source::Path))
        .collect()
}

fn summary_dict<'py>(py: Python<'py>, s: &Summary) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("lines", s.lines)?;
    d.set_item("bytes_in", s.bytes_in)?;
    d.set_item("bytes_out", s.bytes_out)?;
    d.set_item("replaced", s.replaced)?;
    d.set_item("skipped", s.skipped)?;
    Ok(d)
}

/// Normalize `inputs` (paths; `None` is stdin) into `output` (`None` is stdout).
#[pyfunction]
#[pyo3(signature = (
    inputs, output, preset = PresetName::standard(), options = None, *, format = "text",
    fields = Vec::new(), errors = "strict", jobs = None,
    max_line_bytes = stream::MAX_LINE_BYTES, chunk_bytes = stream::CHUNK_BYTES,
    progress = None
))]
#[allow(clippy::too_many_arguments)]
pub fn _normalize_stream<'py>(
    py: Python<'py>,
    inputs: Vec<Option<PathBuf>>,
    output: Option<PathBuf>,
    preset: PresetName,
    options: Option<&Bound<'py, PyDict>>,
    format: &str,
    fields: Vec<String>,
    errors: &str,
    jobs: Option<isize>,
    max_line_bytes: usize,
    chunk_bytes: usize,
    progress: Option<Py<PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let job = job(
        &preset.0,
        options,
        format,
        fields,
        errors,
        jobs,
        max_line_bytes,
        chunk_bytes,
    )?;
    let sources = sources(inputs);
    let destination = output.map_or(Destination::Stdout, Destination::Path);
    run_detached(py, progress, |monitor| match job.jsonl {
        None => stream::run(
            &sources,
            &destination,
            NormalizeLines::new(job.normalizer),
            &job.settings,
            monitor,
        ),
        Some(fields) => stream::run(
            &sources,
            &destination,
            NormalizeFields::new(job.normalizer, fields),
            &job.settings,
            monitor,
        ),
    })
}

enum Message {
    Chunk(Vec<u8>, Vec<usize>),
    Done(Result<Summary, stream::Error>),
}

/// Hands each chunk to the iterator; fails (stopping the run) once it is gone.
struct ChannelSink(SyncSender<Message>);

impl Sink for ChannelSink {
    fn write_chunk(&mut self, data: &[u8], line_ends: &[usize]) -> Result<(), stream::Error> {
        self.0
            .send(Message::Chunk(data.to_vec(), line_ends.to_vec()))
            .map_err(|_| stream::Error::new(ErrorKind::Interrupted))
    }
}

/// The normalized lines of some inputs, produced by the engine on a background thread.
#[pyclass(module = "arnorm._arnorm", name = "_NormalizedLines")]
pub struct NormalizedLines {
    rx: Mutex<Option<Receiver<Message>>>,
    stop: Arc<AtomicBool>,
    lines: Option<Py<PyList>>,
    next: usize,
    summary: Option<Summary>,
}

#[pymethods]
impl NormalizedLines {
    #[new]
    #[pyo3(signature = (
        inputs, preset = PresetName::standard(), options = None, *, format = "text",
        fields = Vec::new(), errors = "strict", jobs = None,
        max_line_bytes = stream::MAX_LINE_BYTES, chunk_bytes = stream::CHUNK_BYTES
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        inputs: Vec<Option<PathBuf>>,
        preset: PresetName,
        options: Option<&Bound<'_, PyDict>>,
        format: &str,
        fields: Vec<String>,
        errors: &str,
        jobs: Option<isize>,
        max_line_bytes: usize,
        chunk_bytes: usize,
    ) -> PyResult<Self> {
        let mut job = job(
            &preset.0,
            options,
            format,
            fields,
            errors,
            jobs,
            max_line_bytes,
            chunk_bytes,
        )?;
        job.settings.line_ends = true;
        let sources = sources(inputs);
        let stop = Arc::new(AtomicBool::new(false));
        // Two chunks ahead of the consumer at most.
        let (tx, rx) = sync_channel(2);
        let stopped = stop.clone();
        std::thread::Builder::new()
            .name("arnorm-lines".into())
            .spawn(move || {
                let mut sink = ChannelSink(tx.clone());
                let mut monitor = |_: &Progress| !stopped.load(Ordering::Relaxed);
                let result = match job.jsonl {
                    None => stream::run_into(
                        &sources,
                        &mut sink,
                        NormalizeLines::new(job.normalizer),
                        &job.settings,
                        &mut monitor,
                    ),
                    Some(fields) => stream::run_into(
                        &sources,
                        &mut sink,
                        NormalizeFields::new(job.normalizer, fields),
                        &job.settings,
                        &mut monitor,
                    ),
                };
                let _ = tx.send(Message::Done(result));
            })
            .map_err(|e| PyOSError::new_err(format!("cannot start a thread: {e}")))?;
        Ok(NormalizedLines {
            rx: Mutex::new(Some(rx)),
            stop,
            lines: None,
            next: 0,
            summary: None,
        })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyString>>> {
        loop {
            if let Some(lines) = &self.lines {
                let lines = lines.bind(py);
                if self.next < lines.len() {
                    let line = lines.get_item(self.next)?.cast_into::<PyString>()?;
                    self.next += 1;
                    return Ok(Some(line.unbind()));
                }
                self.lines = None;
            }
            // Take the receiver out while waiting without the GIL (it is Send, not Sync).
            let Some(mut rx) = self.rx.lock().unwrap_or_else(|e| e.into_inner()).take() else {
                return Ok(None);
            };
            let message = loop {
                let (back, got) = py.detach(move || {
                    let got = rx.recv_timeout(Duration::from_millis(100));
                    (rx, got)
                });
                rx = back;
                match got {
                    Ok(m) => break Some(m),
                    Err(RecvTimeoutError::Timeout) => {
                        if let Err(e) = py.check_signals() {
                            self.close();
                            return Err(e);
                        }
                    }
                    Err(RecvTimeoutError::Disconnected) => break None,
                }
            };
            *self.rx.lock().unwrap_or_else(|e| e.into_inner()) = Some(rx);
            match message {
                Some(Message::Chunk(data, ends)) => {
                    let list = PyList::empty(py);
                    let mut start = 0;
                    for end in ends {
                        // The engine writes UTF-8 only; a failure here would be a bug.
                        let text = std::str::from_utf8(&data[start..end])
                            .map_err(|e| PyValueError::new_err(e.to_string()))?;
                        list.append(PyString::new(py, text))?;
                        start = end;
                    }
                    self.lines = Some(list.unbind());
                    self.next = 0;
                }
                Some(Message::Done(result)) => {
                    self.close();
                    self.summary = Some(result.map_err(to_py_err)?);
                    return Ok(None);
                }
                None => {
                    self.close();
                    return Ok(None);
                }
            }
        }
    }

    /// The counts of the finished run (`None` until the iterator is exhausted).
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.summary
            .as_ref()
            .map(|s| summary_dict(py, s))
            .transpose()
    }

    /// Stop the background run early.
    fn close(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.rx.lock().unwrap_or_else(|e| e.into_inner()).take();
        self.lines = None;
    }
}

impl Drop for NormalizedLines {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
