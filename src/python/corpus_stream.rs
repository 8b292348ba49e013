//! The streaming corpus jobs for Python: `_tokenize_stream`, `_count_stream` and
//! `_variants_stream` (files or stdin to a file or stdout). Argument checks only; the
//! work is `crate::stream::{tokens, stats}`, run without the GIL by `run_detached`.

use std::path::PathBuf;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::stream::{run_detached, settings, sources};
use super::threads::pool;
use super::tokenizer::{build_tokenizer, NormalizerArg};
use crate::stream::stats::{self, CountTokens, Report, TableFormat};
use crate::stream::tokens::TokenizeLines;
use crate::stream::{self as engine, Destination};
use crate::tokenize::PunctuationTokens;

fn destination(output: Option<PathBuf>) -> Destination {
    output.map_or(Destination::Stdout, Destination::Path)
}

/// `None` for text input, the field names for JSON Lines input.
fn fields_arg(fields: Vec<String>) -> Option<Vec<String>> {
    (!fields.is_empty()).then_some(fields)
}

fn report(min_count: i64, top: Option<i64>, format: &str) -> PyResult<Report> {
    let min_count = u64::try_from(min_count)
        .ok()
        .filter(|&n| n >= 1)
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "min_count must be an integer >= 1, got {min_count}"
            ))
        })?;
    let top = top
        .map(|n| {
            usize::try_from(n)
                .map_err(|_| PyValueError::new_err(format!("top must be >= 0, got {n}")))
        })
        .transpose()?;
    let format = TableFormat::from_name(format).ok_or_else(|| {
        PyValueError::new_err(format!("format must be one of tsv, jsonl, got {format:?}"))
    })?;
    Ok(Report {
        min_count,
        top,
        format,
    })
}

/// Tokenize every line of `inputs` (or the string `fields` of JSON object lines) into
/// `output`.
#[pyfunction]
#[pyo3(signature = (
    inputs, output, preset = NormalizerArg::standard(), options = None, *,
    split_digits = false, punctuation = "keep", offsets = false, fields = Vec::new(),
    errors = "strict", jobs = None, max_line_bytes = engine::MAX_LINE_BYTES,
    chunk_bytes = engine::CHUNK_BYTES, progress = None
))]
#[allow(clippy::too_many_arguments)] // the Python signature
pub fn _tokenize_stream<'py>(
    py: Python<'py>,
    inputs: Vec<Option<PathBuf>>,
    output: Option<PathBuf>,
    preset: NormalizerArg,
    options: Option<&Bound<'py, PyDict>>,
    split_digits: bool,
    punctuation: &str,
    offsets: bool,
    fields: Vec<String>,
    errors: &str,
    jobs: Option<isize>,
    max_line_bytes: usize,
    chunk_bytes: usize,
    progress: Option<Py<PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let (tokenizer, _) = build_tokenizer(preset, split_digits, punctuation, options)?;
    let settings = settings(errors, jobs, max_line_bytes, chunk_bytes)?;
    let transform = TokenizeLines::new(tokenizer, offsets, fields_arg(fields));
    let (sources, destination) = (sources(inputs), destination(output));
    run_detached(py, progress, |monitor| {
        engine::run(&sources, &destination, transform, &settings, monitor)
    })
}

/// Token frequencies of `inputs` written to `output`, most frequent first.
#[pyfunction]
#[pyo3(signature = (
    inputs, output, preset = NormalizerArg::standard(), options = None, *,
    split_digits = false, punctuation = "keep", fields = Vec::new(), min_count = 1,
    top = None, format = "tsv", errors = "strict", jobs = None,
    max_line_bytes = engine::MAX_LINE_BYTES, chunk_bytes = engine::CHUNK_BYTES,
    progress = None
))]
#[allow(clippy::too_many_arguments)] // the Python signature
pub fn _count_stream<'py>(
    py: Python<'py>,
    inputs: Vec<Option<PathBuf>>,
    output: Option<PathBuf>,
    preset: NormalizerArg,
    options: Option<&Bound<'py, PyDict>>,
    split_digits: bool,
    punctuation: &str,
    fields: Vec<String>,
    min_count: i64,
    top: Option<i64>,
    format: &str,
    errors: &str,
    jobs: Option<isize>,
    max_line_bytes: usize,
    chunk_bytes: usize,
    progress: Option<Py<PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let (tokenizer, _) = build_tokenizer(preset, split_digits, punctuation, options)?;
    let report = report(min_count, top, format)?;
    let settings = settings(errors, jobs, max_line_bytes, chunk_bytes)?;
    let transform = CountTokens::new(tokenizer, fields_arg(fields));
    let (sources, destination) = (sources(inputs), destination(output));
    run_detached(py, progress, |monitor| {
        stats::count(
            &sources,
            &destination,
            transform,
            &settings,
            &report,
            monitor,
        )
    })
}

/// Spelling variant groups of `inputs` written to `output`, largest totals first.
#[pyfunction]
#[pyo3(signature = (
    inputs, output, *, key = NormalizerArg::Preset("search".to_owned()),
    surface = NormalizerArg::Preset("light".to_owned()), fields = Vec::new(),
    min_count = 1, top = None, format = "tsv", errors = "strict", jobs = None,
    max_line_bytes = engine::MAX_LINE_BYTES, chunk_bytes = engine::CHUNK_BYTES,
    progress = None
))]
#[allow(clippy::too_many_arguments)] // the Python signature
pub fn _variants_stream<'py>(
    py: Python<'py>,
    inputs: Vec<Option<PathBuf>>,
    output: Option<PathBuf>,
    key: NormalizerArg,
    surface: NormalizerArg,
    fields: Vec<String>,
    min_count: i64,
    top: Option<i64>,
    format: &str,
    errors: &str,
    jobs: Option<isize>,
    max_line_bytes: usize,
    chunk_bytes: usize,
    progress: Option<Py<PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let key = key
        .resolve(None)?
        .ok_or_else(|| PyValueError::new_err("variants needs a key normalizer, got None"))?
        .0;
    // As arnorm.variants: surface forms are the tokens of `surface`, punctuation dropped.
    let (surface, _) = build_tokenizer(surface, false, PunctuationTokens::Drop.as_str(), None)?;
    let report = report(min_count, top, format)?;
    let settings = settings(errors, jobs, max_line_bytes, chunk_bytes)?;
    let pool = pool(settings.jobs)?;
    let transform = CountTokens::new(surface, fields_arg(fields));
    let (sources, destination) = (sources(inputs), destination(output));
    run_detached(py, progress, |monitor| {
        stats::variants(
            &sources,
            &destination,
            transform,
            &key,
            &settings,
            &report,
            Some(&pool),
            monitor,
        )
    })
}
