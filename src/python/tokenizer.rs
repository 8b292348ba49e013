//! `Tokenizer`, `TokenBatch` and `tokenize`.

use numpy::{PyArray1, PyArray2, PyArrayMethods};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};

use super::normalizer::{expect_str, PyNormalizer, DETACH_MIN_LEN};
use super::options::{resolve, type_name};
use super::strings::{collect_strings, new_string, units, Units};
use super::threads::{map_batch, thread_count};
use crate::tokenize::{PunctuationTokens, Tokenized, Tokenizer};
use crate::Normalizer;

/// A `preset=` argument of the tokenizing calls: a preset name, a `Normalizer`, or
/// `None` (no normalization).
pub enum NormalizerArg {
    /// A preset name, checked with the keyword options.
    Preset(String),
    /// A ready normalizer (no keyword options allowed).
    Normalizer(Normalizer, String),
    /// No normalization.
    Nothing,
}

impl NormalizerArg {
    /// The default, `"standard"`.
    pub fn standard() -> NormalizerArg {
        NormalizerArg::Preset("standard".to_owned())
    }

    /// The normalizer this argument asks for, with `options` applied to a preset, and
    /// the preset name it started from.
    pub fn resolve(
        self,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Option<(Normalizer, String)>> {
        let has_options = options.is_some_and(|o| !o.is_empty());
        match self {
            NormalizerArg::Preset(name) => {
                Ok(Some((Normalizer::new(resolve(&name, options)?), name)))
            }
            _ if has_options => Err(PyTypeError::new_err(
                "normalization options need a preset name; give a Normalizer or a preset, not both",
            )),
            NormalizerArg::Normalizer(n, preset) => Ok(Some((n, preset))),
            NormalizerArg::Nothing => Ok(None),
        }
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for NormalizerArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let obj = obj.to_owned();
        if obj.is_none() {
            return Ok(NormalizerArg::Nothing);
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(NormalizerArg::Preset(s.to_str()?.to_owned()));
        }
        if let Ok(n) = obj.cast::<PyNormalizer>() {
            let n = n.get();
            return Ok(NormalizerArg::Normalizer(n.inner.clone(), n.preset.clone()));
        }
        Err(PyTypeError::new_err(format!(
            "preset must be a preset name, a Normalizer or None, got {}",
            type_name(&obj)
        )))
    }
}

/// Parse `punctuation=` of the tokenizing calls.
pub fn punctuation_arg(value: &str) -> PyResult<PunctuationTokens> {
    PunctuationTokens::parse(value).ok_or_else(|| {
        PyValueError::new_err(format!(
            "invalid value '{value}' for punctuation; valid values: keep, drop"
        ))
    })
}

/// Build a [`Tokenizer`] from the Python arguments.
pub fn build_tokenizer(
    preset: NormalizerArg,
    split_digits: bool,
    punctuation: &str,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<(Tokenizer, Option<String>)> {
    let punctuation = punctuation_arg(punctuation)?;
    let resolved = preset.resolve(options)?;
    let preset_name = resolved.as_ref().map(|(_, p)| p.clone());
    let tokenizer = Tokenizer::new(resolved.map(|(n, _)| n), split_digits, punctuation);
    Ok((tokenizer, preset_name))
}

fn tokenize_units(t: &Tokenizer, u: Units<'_>) -> Tokenized {
    crate::with_units!(u, |u| t.tokenize(u))
}

/// The tokens of `tokenized` as Python strings, or `(token, start, end)` tuples.
fn token_list<'py>(
    py: Python<'py>,
    tokenized: &Tokenized,
    offsets: bool,
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for token in &tokenized.tokens {
        let (s, e) = token.normalized;
        let text = new_string(py, &tokenized.text[s..e])?;
        if offsets {
            let (start, end) = token.original;
            list.append(PyTuple::new(
                py,
                [
                    text.into_any(),
                    start.into_pyobject(py)?.into_any(),
                    end.into_pyobject(py)?.into_any(),
                ],
            )?)?;
        } else {
            list.append(text)?;
        }
    }
    Ok(list)
}

/// A reusable tokenizer: normalization (a preset, a `Normalizer`, or none) then the
/// token rules.
#[pyclass(frozen, name = "Tokenizer", module = "arnorm._arnorm")]
pub struct PyTokenizer {
    inner: Tokenizer,
    preset: Option<String>,
}

#[pymethods]
impl PyTokenizer {
    #[new]
    #[pyo3(
        signature = (preset = NormalizerArg::standard(), *, split_digits = false, punctuation = "keep", **options),
        text_signature = "(preset='standard', *, split_digits=False, punctuation='keep', **options)"
    )]
    fn new(
        preset: NormalizerArg,
        split_digits: bool,
        punctuation: &str,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let (inner, preset) = build_tokenizer(preset, split_digits, punctuation, options)?;
        Ok(PyTokenizer { inner, preset })
    }

    /// The tokens of `text`: a list of str, or with `offsets=True` a list of
    /// `(token, start, end)` where `start, end` index `text`.
    #[pyo3(signature = (text, *, offsets = false))]
    fn tokenize<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        offsets: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let u = units(expect_str(text, "tokenize()")?)?;
        let t = &self.inner;
        if !offsets {
            let work = || {
                let mut buffer = Vec::new();
                let ranges = crate::with_units!(u, |u| t.tokenize_normalized(u, &mut buffer));
                (buffer, ranges)
            };
            let (buffer, ranges) = if u.len() >= DETACH_MIN_LEN {
                py.detach(work)
            } else {
                work()
            };
            let list = PyList::empty(py);
            for (s, e) in ranges {
                list.append(new_string(py, &buffer[s..e])?)?;
            }
            return Ok(list);
        }
        let tokenized = if u.len() >= DETACH_MIN_LEN {
            py.detach(|| tokenize_units(t, u))
        } else {
            tokenize_units(t, u)
        };
        token_list(py, &tokenized, offsets)
    }

    #[pyo3(signature = (text, *, offsets = false))]
    fn __call__<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        offsets: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        self.tokenize(py, text, offsets)
    }

    /// Tokenize every text of `texts` in parallel (GIL released) into a `TokenBatch`.
    #[pyo3(signature = (texts, *, threads = None))]
    fn tokenize_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<isize>,
    ) -> PyResult<PyTokenBatch> {
        let threads = thread_count(threads)?;
        let strings = collect_strings(texts, "tokenize_batch()")?;
        let views: Vec<Units<'_>> = strings.iter().map(units).collect::<PyResult<_>>()?;
        let t = &self.inner;
        let results = map_batch(py, &views, threads, |u| tokenize_units(t, u))?;
        PyTokenBatch::new(py, results)
    }

    /// The normalizer (None when the tokenizer does not normalize).
    #[getter]
    fn normalizer(&self) -> Option<PyNormalizer> {
        let n = self.inner.normalizer()?;
        Some(PyNormalizer {
            inner: n.clone(),
            preset: self.preset.clone().unwrap_or_default(),
        })
    }

    /// Whether digit runs and letter runs are split.
    #[getter]
    fn split_digits(&self) -> bool {
        self.inner.split_digits()
    }

    /// `"keep"` or `"drop"`.
    #[getter]
    fn punctuation(&self) -> &'static str {
        self.inner.punctuation().as_str()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let normalizer = match self.normalizer() {
            Some(n) => Bound::new(py, n)?.repr()?.to_string(),
            None => "None".to_owned(),
        };
        Ok(format!(
            "Tokenizer({normalizer}, split_digits={}, punctuation='{}')",
            if self.split_digits() { "True" } else { "False" },
            self.punctuation()
        ))
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let rebuild = py.import("arnorm._arnorm")?.getattr("_rebuild_tokenizer")?;
        let normalizer = match self.normalizer() {
            Some(n) => Bound::new(py, n)?.into_any(),
            None => py.None().into_bound(py),
        };
        let args = PyTuple::new(
            py,
            [
                normalizer,
                self.split_digits().into_pyobject(py)?.to_owned().into_any(),
                PyString::new(py, self.punctuation()).into_any(),
            ],
        )?;
        Ok((rebuild, args))
    }
}

/// Rebuild a pickled Tokenizer.
#[pyfunction]
pub fn _rebuild_tokenizer(
    normalizer: NormalizerArg,
    split_digits: bool,
    punctuation: &str,
) -> PyResult<PyTokenizer> {
    PyTokenizer::new(normalizer, split_digits, punctuation, None)
}

/// The tokens of a batch of texts, in CSR layout: `offsets[row_splits[i]:row_splits[i+1]]`
/// are the `[start, end)` spans (in the original text) of the tokens of text `i`.
#[pyclass(frozen, name = "TokenBatch", module = "arnorm._arnorm")]
pub struct PyTokenBatch {
    results: Vec<Tokenized>,
    offsets: Py<PyArray2<i64>>,
    row_splits: Py<PyArray1<i64>>,
}

fn read_only<T: numpy::Element, D: numpy::ndarray::Dimension>(
    array: &Bound<'_, numpy::PyArray<T, D>>,
) -> PyResult<()> {
    let kwargs = PyDict::new(array.py());
    kwargs.set_item("write", false)?;
    array.call_method("setflags", (), Some(&kwargs))?;
    Ok(())
}

impl PyTokenBatch {
    fn new(py: Python<'_>, results: Vec<Tokenized>) -> PyResult<PyTokenBatch> {
        let n_tokens: usize = results.iter().map(|r| r.tokens.len()).sum();
        let mut flat = Vec::with_capacity(2 * n_tokens);
        let mut splits = Vec::with_capacity(results.len() + 1);
        splits.push(0i64);
        for r in &results {
            for t in &r.tokens {
                flat.push(t.original.0 as i64);
                flat.push(t.original.1 as i64);
            }
            splits.push((flat.len() / 2) as i64);
        }
        let offsets = PyArray1::from_vec(py, flat).reshape([n_tokens, 2])?;
        let row_splits = PyArray1::from_vec(py, splits);
        read_only(&offsets)?;
        read_only(&row_splits)?;
        Ok(PyTokenBatch {
            results,
            offsets: offsets.unbind(),
            row_splits: row_splits.unbind(),
        })
    }
}

#[pymethods]
impl PyTokenBatch {
    /// `[start, end)` of every token in its original text: int64, shape `(n_tokens, 2)`.
    #[getter]
    fn offsets<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray2<i64>> {
        self.offsets.bind(py).clone()
    }

    /// Where each text's tokens start in `offsets`: int64, shape `(len(texts) + 1,)`.
    #[getter]
    fn row_splits<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i64>> {
        self.row_splits.bind(py).clone()
    }

    /// The tokens as a list (one per text) of lists of str.
    fn tokens<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let outer = PyList::empty(py);
        for r in &self.results {
            outer.append(token_list(py, r, false)?)?;
        }
        Ok(outer)
    }

    /// The tokens as a `pyarrow.ListArray` of strings (needs pyarrow), built from one
    /// UTF-8 buffer without a Python object per token.
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pa = py.import("pyarrow").map_err(|_| {
            pyo3::exceptions::PyImportError::new_err(
                "TokenBatch.to_arrow() needs pyarrow: pip install pyarrow",
            )
        })?;
        let mut data = Vec::new();
        let mut value_offsets: Vec<i64> = vec![0];
        for (row, r) in self.results.iter().enumerate() {
            for t in &r.tokens {
                for &c in &r.text[t.normalized.0..t.normalized.1] {
                    let ch = char::from_u32(c).ok_or_else(|| {
                        PyValueError::new_err(format!(
                            "text {row} has a token with a lone surrogate U+{c:04X}, which Arrow strings (UTF-8) cannot hold"
                        ))
                    })?;
                    let mut buf = [0u8; 4];
                    data.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                value_offsets.push(data.len() as i64);
            }
        }
        let n_values = value_offsets.len() - 1;
        let splits: Vec<i64> = self.row_splits.bind(py).to_vec()?;
        // 32-bit offsets (ListArray of string) unless the batch is too large for them.
        let large = i32::try_from(data.len()).is_err() || i32::try_from(n_values).is_err();
        let encode = |v: &[i64]| -> Vec<u8> {
            if large {
                v.iter().flat_map(|x| x.to_le_bytes()).collect()
            } else {
                v.iter().flat_map(|&x| (x as i32).to_le_bytes()).collect()
            }
        };
        let (strings, lists, width) = if large {
            ("LargeStringArray", "LargeListArray", "int64")
        } else {
            ("StringArray", "ListArray", "int32")
        };
        let buffer = |bytes: Vec<u8>| pa.call_method1("py_buffer", (PyBytes::new(py, &bytes),));
        let values = pa.getattr(strings)?.call_method1(
            "from_buffers",
            (n_values, buffer(encode(&value_offsets))?, buffer(data)?),
        )?;
        let list_offsets = pa.call_method1("array", (splits, pa.call_method0(width)?))?;
        pa.getattr(lists)?
            .call_method1("from_arrays", (list_offsets, values))
    }

    fn __len__(&self) -> usize {
        self.results.len()
    }

    fn __repr__(&self) -> String {
        let n: usize = self.results.iter().map(|r| r.tokens.len()).sum();
        format!("TokenBatch(texts={}, tokens={n})", self.results.len())
    }
}

/// Tokenize `text` (see `Tokenizer`).
#[pyfunction]
#[pyo3(
    signature = (text, preset = NormalizerArg::standard(), *, split_digits = false, punctuation = "keep", offsets = false, **options),
    text_signature = "(text, preset='standard', *, split_digits=False, punctuation='keep', offsets=False, **options)"
)]
pub fn tokenize<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    preset: NormalizerArg,
    split_digits: bool,
    punctuation: &str,
    offsets: bool,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let text = expect_str(text, "tokenize()")?;
    let (inner, preset) = build_tokenizer(preset, split_digits, punctuation, options)?;
    PyTokenizer { inner, preset }.tokenize(py, text.as_any(), offsets)
}
