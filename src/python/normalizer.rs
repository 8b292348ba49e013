//! The `Normalizer` class and the `normalize` function.

use std::cell::RefCell;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use numpy::{PyArray2, PyArrayMethods};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use super::options::{resolve, to_dict, type_name, PresetName};
use super::strings::{collect_strings, new_string, new_string_ptr, units};
use super::threads::thread_count;
use crate::config::Options;
use crate::normalize::{CodeUnit, TooWide};
use crate::Normalizer;

/// Below this many code points a call keeps the GIL: releasing and re-taking it costs
/// about as much as normalizing a short text.
pub(crate) const DETACH_MIN_LEN: usize = 4096;

/// Output buffers, one per storage width. A call on one string borrows a thread's
/// buffers ([`SCRATCH`]) so that the per-call path allocates only the Python string; a
/// batch appends its results to buffers of each chunk's own (`batch::Arena`).
#[derive(Default)]
pub(crate) struct Scratch {
    pub(crate) ucs1: Vec<u8>,
    pub(crate) ucs2: Vec<u16>,
    pub(crate) ucs4: Vec<u32>,
}

/// Buffers kept by a thread between calls are at most this many units each: a huge
/// text must not pin its memory after its call returns.
const SCRATCH_KEEP: usize = 1 << 18;

impl Scratch {
    /// Run `f` with this thread's buffers, or with buffers of its own should they be
    /// in use (a `__del__` run by the allocator that normalizes again); buffers grown
    /// past [`SCRATCH_KEEP`] are released afterwards.
    pub(crate) fn with<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut s) => {
                let result = f(&mut s);
                s.release_large();
                result
            }
            Err(_) => f(&mut Scratch::default()),
        })
    }

    /// Empty the buffers that do not hold the result `written` (all of them when it is
    /// unchanged).
    pub(crate) fn keep_only(&mut self, written: &Written) {
        if !matches!(written, Written::Ucs1(_)) {
            self.ucs1.clear();
        }
        if !matches!(written, Written::Ucs2(_)) {
            self.ucs2.clear();
        }
        if !matches!(written, Written::Ucs4(_)) {
            self.ucs4.clear();
        }
    }

    pub(crate) fn clear(&mut self) {
        self.ucs1.clear();
        self.ucs2.clear();
        self.ucs4.clear();
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.ucs1.is_empty() && self.ucs2.is_empty() && self.ucs4.is_empty()
    }

    /// Append the result `written` to the buffers of `from` to the end of the buffer of
    /// its width here; returns where it starts.
    pub(crate) fn append(&mut self, from: &Scratch, written: &Written) -> usize {
        fn push<T: Copy>(to: &mut Vec<T>, from: &[T]) -> usize {
            let start = to.len();
            to.extend_from_slice(from);
            start
        }
        match written {
            Written::Unchanged => 0,
            Written::Ucs1(_) => push(&mut self.ucs1, &from.ucs1),
            Written::Ucs2(_) => push(&mut self.ucs2, &from.ucs2),
            Written::Ucs4(_) => push(&mut self.ucs4, &from.ucs4),
        }
    }

    fn release_large(&mut self) {
        fn cap<T>(v: &mut Vec<T>) {
            if v.capacity() > SCRATCH_KEEP {
                *v = Vec::new();
            }
        }
        cap(&mut self.ucs1);
        cap(&mut self.ucs2);
        cap(&mut self.ucs4);
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Which buffer of a [`Scratch`] holds the output, with the OR of its code points.
pub(crate) enum Written {
    Unchanged,
    Ucs1(u32),
    Ucs2(u32),
    Ucs4(u32),
}

/// Run the core on `input`, writing the output at the input's own width when the
/// normalizer's table allows it (no widening, then one memcpy into the new string), at
/// UCS-4 otherwise. Latin-1 input is first tried at Latin-1 output even when the table
/// sends a few Latin-1 code points past U+00FF (`search`: NFKC maps U+00B5 µ to U+03BC):
/// a text without them, nearly every one, needs no narrowing copy into its string; one
/// with them comes back `TooWide` and is run again at UCS-2.
pub(crate) fn run_width<U: CodeUnit>(n: &Normalizer, input: &[U], s: &mut Scratch) -> Written {
    fn wide<U: CodeUnit>(n: &Normalizer, input: &[U], s: &mut Scratch) -> Written {
        match n.normalize_into::<U, u32>(input, &mut s.ucs4) {
            Ok(o) if o.changed => Written::Ucs4(o.bits),
            Ok(_) => Written::Unchanged,
            Err(TooWide) => unreachable!("u32 holds every code point"),
        }
    }
    fn ucs2<U: CodeUnit>(n: &Normalizer, input: &[U], s: &mut Scratch) -> Written {
        match n.normalize_into::<U, u16>(input, &mut s.ucs2) {
            Ok(o) if o.changed => Written::Ucs2(o.bits),
            Ok(_) => Written::Unchanged,
            Err(TooWide) => wide(n, input, s),
        }
    }
    match U::MAX {
        0xFF => match n.normalize_into::<U, u8>(input, &mut s.ucs1) {
            Ok(o) if o.changed => Written::Ucs1(o.bits),
            Ok(_) => Written::Unchanged,
            Err(TooWide) if n.fits::<U, u16>() => ucs2(n, input, s),
            Err(TooWide) => wide(n, input, s),
        },
        0xFFFF if n.fits::<U, u16>() => ucs2(n, input, s),
        _ => wide(n, input, s),
    }
}

pub(crate) fn expect_str<'a, 'py>(
    obj: &'a Bound<'py, PyAny>,
    what: &str,
) -> PyResult<&'a Bound<'py, PyString>> {
    obj.cast::<PyString>()
        .map_err(|_| PyTypeError::new_err(format!("{what} expects str, got {}", type_name(obj))))
}

/// Normalize one Python string: the input object itself when nothing changes.
///
/// The output is written into this thread's [`SCRATCH`] buffers, then copied into the
/// new string; measured (DESIGN.md), a fresh `Vec` per call spent ~17% of a call on
/// `malloc`/`free`. Should the buffers be in use (a `__del__` run by the allocator that
/// normalizes again), the call uses buffers of its own.
fn normalize_one<'py>(
    py: Python<'py>,
    n: &Normalizer,
    text: &Bound<'py, PyString>,
) -> PyResult<Bound<'py, PyString>> {
    let u = units(text)?;
    // The result comes back as a bare pointer, in a register: returned through memory,
    // reading it stalled until the copy into the new string had reached the cache.
    let with = |s: &mut Scratch| {
        let written = if u.len() >= DETACH_MIN_LEN {
            py.detach(|| crate::with_units!(u, |u| run_width(n, u, s)))
        } else {
            crate::with_units!(u, |u| run_width(n, u, s))
        };
        match written {
            Written::Unchanged => text.clone().into_ptr(),
            Written::Ucs1(bits) => new_string_ptr(py, &s.ucs1, bits),
            Written::Ucs2(bits) => new_string_ptr(py, &s.ucs2, bits),
            Written::Ucs4(bits) => new_string_ptr(py, &s.ucs4, bits),
        }
    };
    let result = Scratch::with(with);
    if result.is_null() {
        return Err(PyErr::fetch(py));
    }
    // SAFETY: a non-null result is a new reference to a str (the input's, or one made
    // by `new_string_ptr`).
    Ok(unsafe { Bound::from_owned_ptr(py, result).cast_into_unchecked() })
}

/// An immutable, thread-safe normalizer for one set of options.
#[pyclass(frozen, name = "Normalizer", module = "arnorm._arnorm")]
pub struct PyNormalizer {
    pub(crate) inner: Normalizer,
    pub(crate) preset: String,
}

impl PyNormalizer {
    fn overrides<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let base = Options::preset(&self.preset).expect("validated preset");
        let ours = to_dict(py, self.inner.options())?;
        let theirs = to_dict(py, &base)?;
        let diff = PyDict::new(py);
        for (k, v) in ours.iter() {
            if !theirs
                .get_item(&k)?
                .is_some_and(|t| t.eq(&v).unwrap_or(false))
            {
                diff.set_item(k, v)?;
            }
        }
        Ok(diff)
    }
}

#[pymethods]
impl PyNormalizer {
    #[new]
    #[pyo3(
        signature = (preset = PresetName::standard(), **options),
        text_signature = "(preset='standard', **options)"
    )]
    fn new(preset: PresetName, options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        Ok(PyNormalizer {
            inner: Normalizer::new(resolve(&preset.0, options)?),
            preset: preset.0.into_owned(),
        })
    }

    /// Normalize `text`.
    fn normalize<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyString>> {
        normalize_one(py, &self.inner, expect_str(text, "normalize()")?)
    }

    fn __call__<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyString>> {
        normalize_one(py, &self.inner, expect_str(text, "Normalizer()")?)
    }

    /// The normalized text and, for each of its code points, the `[start, end)` span of
    /// `text` it came from: an int64 numpy array of shape `(len(out), 2)`.
    fn normalize_with_offsets<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<(Bound<'py, PyString>, Bound<'py, PyArray2<i64>>)> {
        let text = expect_str(text, "normalize_with_offsets()")?;
        let u = units(text)?;
        let n = &self.inner;
        let work = || {
            let (mut out, mut spans) = (Vec::new(), Vec::new());
            let changed =
                crate::with_units!(u, |u| n.normalize_units_aligned(u, &mut out, &mut spans));
            (changed, out, spans)
        };
        let (changed, out, spans) = if u.len() >= DETACH_MIN_LEN {
            py.detach(work)
        } else {
            work()
        };
        let string = if changed {
            new_string(py, &out)?
        } else {
            text.clone()
        };
        // SAFETY: the array is created uninitialized with exactly `spans.len()` rows of 2
        // int64, C-contiguous, and every element is written below before it is returned.
        let array = unsafe { PyArray2::<i64>::new(py, [spans.len(), 2], false) };
        {
            // SAFETY: the array was just created here, so nothing else borrows it.
            let flat = unsafe { array.as_slice_mut() }?;
            for (pair, &(start, end)) in flat.chunks_exact_mut(2).zip(&spans) {
                pair[0] = start as i64;
                pair[1] = end as i64;
            }
        }
        Ok((string, array))
    }

    /// Normalize every string of `texts`, the GIL released while they are normalized:
    /// on `threads` threads when the batch is large enough (see `batch.rs`).
    #[pyo3(signature = (texts, *, threads = None))]
    fn normalize_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<isize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let threads = thread_count(threads)?;
        let strings = collect_strings(texts, "normalize_batch()")?;
        let views: Vec<_> = strings.iter().map(units).collect::<PyResult<_>>()?;
        let items = super::batch::normalize_batch(py, &self.inner, &strings, &views, threads)?;
        PyList::new(py, items)
    }

    /// Every option's value.
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        to_dict(py, self.inner.options())
    }

    /// The preset the options started from.
    #[getter]
    fn preset(&self) -> &str {
        &self.preset
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut parts = vec![format!(
            "preset={}",
            PyString::new(py, &self.preset).repr()?
        )];
        for (k, v) in self.overrides(py)?.iter() {
            parts.push(format!("{}={}", k.str()?, v.repr()?));
        }
        Ok(format!("Normalizer({})", parts.join(", ")))
    }

    fn __eq__(&self, other: PyRef<'_, PyNormalizer>) -> bool {
        self.inner.options() == other.inner.options()
    }

    fn __hash__(&self) -> u64 {
        let mut h = DefaultHasher::new();
        self.inner.options().hash(&mut h);
        h.finish()
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let rebuild = py
            .import("arnorm._arnorm")?
            .getattr("_rebuild_normalizer")?;
        let args = PyTuple::new(
            py,
            [
                PyString::new(py, &self.preset).into_any(),
                self.overrides(py)?.into_any(),
            ],
        )?;
        Ok((rebuild, args))
    }
}

/// The name of the vector kernel normalizers run on this CPU (`"scalar"`, `"avx2"` or
/// `"avx512"`; the environment variable `ARNORM_KERNEL` can choose a slower one).
#[pyfunction]
pub fn _kernel() -> &'static str {
    crate::Kernel::detect().name()
}

/// Rebuild a pickled Normalizer.
#[pyfunction]
pub fn _rebuild_normalizer(
    preset: PresetName,
    overrides: &Bound<'_, PyDict>,
) -> PyResult<PyNormalizer> {
    PyNormalizer::new(preset, Some(overrides))
}

/// Normalize `text` by `preset` with `options` overriding it.
#[pyfunction]
#[pyo3(
    signature = (text, preset = PresetName::standard(), **options),
    text_signature = "(text, preset='standard', **options)"
)]
pub fn normalize<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    preset: PresetName,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyString>> {
    let text = expect_str(text, "normalize()")?;
    if options.is_none_or(|o| o.is_empty()) {
        if let Some(n) = preset_normalizer(&preset.0) {
            return normalize_one(py, n, text);
        }
    }
    let resolved = resolve(&preset.0, options)?;
    normalize_one(py, &Normalizer::new(resolved), text)
}

/// The normalizer of a named preset without overrides, made once: the module function's
/// usual call then takes no lock and hashes nothing (`Normalizer::new` looks its plan up
/// in a shared map). Measured (DESIGN.md): that lookup was ~25% of a call on a 700-byte
/// document.
fn preset_normalizer(name: &str) -> Option<&'static Normalizer> {
    static PRESETS: OnceLock<Vec<(&'static str, Normalizer)>> = OnceLock::new();
    PRESETS
        .get_or_init(|| {
            crate::config::preset_names()
                .iter()
                .filter_map(|&p| Some((p, Normalizer::from_preset(p).ok()?)))
                .collect()
        })
        .iter()
        .find(|(p, _)| *p == name)
        .map(|(_, n)| n)
}
