//! `word_counts` and `variants`: corpus statistics over any iterable of str, fed to the
//! core chunk by chunk so memory holds the vocabulary, not the corpus.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use super::options::type_name;
use super::strings::{new_string, units, Units};
use super::threads::{pool, thread_count};
use super::tokenizer::{build_tokenizer, NormalizerArg};
use crate::tokenize::counts::{count_tokens, group_variants, Counts};
use crate::tokenize::{PunctuationTokens, Tokenizer};

/// Texts are handed to the core in chunks of about this many code points (or
/// `CHUNK_TEXTS` texts), each counted in parallel with the GIL released.
const CHUNK_UNITS: usize = 8 << 20;
const CHUNK_TEXTS: usize = 1 << 16;

/// Count the tokens of every text of the iterable `texts`.
fn count_iterable(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    tokenizer: &Tokenizer,
    threads: usize,
    what: &str,
) -> PyResult<Counts> {
    if texts.is_instance_of::<PyString>() {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "{what} expects an iterable of str, got a single str"
        )));
    }
    let pool = pool(threads)?;
    let mut counts = Counts::default();
    let mut chunk: Vec<Bound<'_, PyString>> = Vec::new();
    let mut chunk_units = 0;
    let flush = |chunk: &mut Vec<Bound<'_, PyString>>, counts: &mut Counts| -> PyResult<()> {
        let views: Vec<Units<'_>> = chunk.iter().map(units).collect::<PyResult<_>>()?;
        py.detach(|| pool.install(|| count_tokens(tokenizer, &views, counts)));
        chunk.clear();
        Ok(())
    };
    for (i, item) in texts.try_iter()?.enumerate() {
        let s = item?.cast_into::<PyString>().map_err(|e| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "{what} expects str items, texts[{i}] is {}",
                type_name(e.into_inner().as_any())
            ))
        })?;
        chunk_units += s.len()?;
        chunk.push(s);
        if chunk_units >= CHUNK_UNITS || chunk.len() >= CHUNK_TEXTS {
            flush(&mut chunk, &mut counts)?;
            chunk_units = 0;
        }
    }
    flush(&mut chunk, &mut counts)?;
    Ok(counts)
}

fn min_count_arg(min_count: i64) -> PyResult<u64> {
    u64::try_from(min_count)
        .ok()
        .filter(|&n| n >= 1)
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "min_count must be an integer >= 1, got {min_count}"
            ))
        })
}

/// Token frequencies over an iterable of str, most frequent first.
#[pyfunction]
#[pyo3(
    signature = (texts, preset = NormalizerArg::standard(), *, split_digits = false, punctuation = "keep", min_count = 1, threads = None, **options),
    text_signature = "(texts, preset='standard', *, split_digits=False, punctuation='keep', min_count=1, threads=None, **options)"
)]
#[allow(clippy::too_many_arguments)] // the Python signature
pub fn word_counts<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    preset: NormalizerArg,
    split_digits: bool,
    punctuation: &str,
    min_count: i64,
    threads: Option<isize>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyDict>> {
    let min_count = min_count_arg(min_count)?;
    let threads = thread_count(threads)?;
    let (tokenizer, _) = build_tokenizer(preset, split_digits, punctuation, options)?;
    let counts = count_iterable(py, texts, &tokenizer, threads, "word_counts()")?;
    let mut entries: Vec<(Box<[u32]>, u64)> =
        counts.into_iter().filter(|e| e.1 >= min_count).collect();
    entries.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let dict = PyDict::new(py);
    for (token, n) in entries {
        dict.set_item(new_string(py, &token)?, n)?;
    }
    Ok(dict)
}

/// Spelling variants over an iterable of str: `{key: {surface form: count}}`, the
/// groups with the largest totals first.
#[pyfunction]
#[pyo3(
    signature = (texts, *, key = NormalizerArg::Preset("search".to_owned()), surface = NormalizerArg::Preset("light".to_owned()), min_count = 1, threads = None),
    text_signature = "(texts, *, key='search', surface='light', min_count=1, threads=None)"
)]
pub fn variants<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    key: NormalizerArg,
    surface: NormalizerArg,
    min_count: i64,
    threads: Option<isize>,
) -> PyResult<Bound<'py, PyDict>> {
    let min_count = min_count_arg(min_count)?;
    let threads = thread_count(threads)?;
    let key = key
        .resolve(None)?
        .ok_or_else(|| PyValueError::new_err("variants() needs a key normalizer, got None"))?
        .0;
    let (surface, _) = build_tokenizer(surface, false, PunctuationTokens::Drop.as_str(), None)?;
    let counts = count_iterable(py, texts, &surface, threads, "variants()")?;
    let pool = pool(threads)?;
    let groups = py.detach(|| pool.install(|| group_variants(counts, &key, min_count)));
    let mut groups: Vec<_> = groups.into_iter().collect();
    let total = |forms: &[(Box<[u32]>, u64)]| forms.iter().map(|f| f.1).sum::<u64>();
    groups.sort_unstable_by(|a, b| total(&b.1).cmp(&total(&a.1)).then_with(|| a.0.cmp(&b.0)));
    let dict = PyDict::new(py);
    for (k, forms) in groups {
        let inner = PyDict::new(py);
        for (form, n) in forms {
            inner.set_item(new_string(py, &form)?, n)?;
        }
        dict.set_item(new_string(py, &k)?, inner)?;
    }
    Ok(dict)
}
