//! The PyO3 binding: conversion, GIL handling and exception mapping only. Every rule
//! lives in the pure-Rust modules of the crate.

mod batch;
mod compat;
mod corpus;
mod corpus_stream;
mod normalizer;
mod options;
mod stream;
mod strings;
mod threads;
mod tokenizer;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::config::{preset_names, Options};
use crate::tables;

/// The compiled core of arnorm.
#[pymodule]
fn _arnorm(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("UNICODE_VERSION", tables::UNICODE_VERSION)?;
    let presets = PyDict::new(py);
    for &name in preset_names() {
        let options = Options::preset(name).expect("presets of options.tsv are valid");
        presets.set_item(name, options::to_dict(py, &options)?)?;
    }
    m.add("PRESETS", presets)?;
    let option_values = PyDict::new(py);
    for spec in tables::OPTIONS {
        option_values.set_item(spec.name, spec.values.to_vec())?;
    }
    m.add("OPTION_VALUES", option_values)?;
    m.add("THREADS_ENV", threads::THREADS_ENV)?;
    m.add_class::<normalizer::PyNormalizer>()?;
    m.add_function(wrap_pyfunction!(normalizer::normalize, m)?)?;
    m.add_function(wrap_pyfunction!(normalizer::_rebuild_normalizer, m)?)?;
    m.add_function(wrap_pyfunction!(normalizer::_kernel, m)?)?;
    m.add_class::<tokenizer::PyTokenizer>()?;
    m.add_class::<tokenizer::PyTokenBatch>()?;
    m.add_function(wrap_pyfunction!(tokenizer::tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(tokenizer::_rebuild_tokenizer, m)?)?;
    m.add_function(wrap_pyfunction!(corpus::word_counts, m)?)?;
    m.add_function(wrap_pyfunction!(corpus::variants, m)?)?;
    compat::register(m)?;
    m.add_function(wrap_pyfunction!(stream::_normalize_stream, m)?)?;
    m.add_class::<stream::NormalizedLines>()?;
    m.add_function(wrap_pyfunction!(corpus_stream::_tokenize_stream, m)?)?;
    m.add_function(wrap_pyfunction!(corpus_stream::_count_stream, m)?)?;
    m.add_function(wrap_pyfunction!(corpus_stream::_variants_stream, m)?)?;
    Ok(())
}
