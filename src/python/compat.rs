//! Bindings of the compatibility functions (`arnorm.compat.*`): argument checks, the GIL,
//! and the PEP 393 buffers; every rule is in `crate::compat`.

use pyo3::exceptions::{PyMemoryError, PyTypeError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use super::options::type_name;
use super::strings::{new_string, new_string_from, units, Units};
use crate::compat::camel_tokenize::simple_word_tokenize;
use crate::compat::lucene_analyze::{analyze, to_utf16};
use crate::compat::{camel, lucene, pyarabic, CodeUnit, MapUnit, SameWidth, Start};

/// Below this many code points a call keeps the GIL (as `normalizer.rs`: releasing and
/// re-taking it costs about as much as mapping a short text).
const DETACH_MIN_LEN: usize = 4096;

/// One compatibility function of `crate::compat`.
#[derive(Clone, Copy)]
enum Op {
    /// Run by [`call_same`] when the input allows, else by `run`.
    Same(SameWidth),
    Unicode {
        compatibility: bool,
    },
}

impl Op {
    fn run<U: CodeUnit>(self, input: &[U], out: &mut Vec<u32>) -> bool {
        match self {
            Op::Same(SameWidth::Map(m)) => m.apply(input, out),
            Op::Same(SameWidth::StripLastharaka) => pyarabic::strip_lastharaka(input, out),
            Op::Same(SameWidth::HamzaUniform) => pyarabic::normalize_hamza_uniform(input, out),
            Op::Same(SameWidth::Alef) => pyarabic::normalize_alef(input, out),
            Op::Unicode { compatibility } => camel::normalize_unicode(input, compatibility, out),
        }
    }

    fn run_units(self, u: Units<'_>) -> Option<Vec<u32>> {
        let mut out = Vec::new();
        let changed = match u {
            Units::Ucs1(u) => self.run(u, &mut out),
            Units::Ucs2(u) => self.run(u, &mut out),
            Units::Ucs4(u) => self.run(u, &mut out),
        };
        changed.then_some(out)
    }
}

/// Apply `op` to `text`: the input object itself when nothing changes.
fn call<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    what: &str,
    op: Op,
) -> PyResult<Bound<'py, PyString>> {
    let text = text.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!("{what}() expects str, got {}", type_name(text)))
    })?;
    let u = units(text)?;
    if let Op::Same(f) = op {
        return match u {
            Units::Ucs1(u) => call_same(py, text, f, u),
            Units::Ucs2(u) => call_same(py, text, f, u),
            Units::Ucs4(u) => call_same(py, text, f, u),
        };
    }
    general(py, text, op, u)
}

/// Apply `op` through a `Vec<u32>` and [`new_string`].
fn general<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyString>,
    op: Op,
    u: Units<'_>,
) -> PyResult<Bound<'py, PyString>> {
    let out = if u.len() >= DETACH_MIN_LEN {
        py.detach(|| op.run_units(u))
    } else {
        op.run_units(u)
    };
    match out {
        None => Ok(text.clone()),
        Some(cps) => new_string(py, &cps),
    }
}

/// The smallest code point that needs a string of `U`'s width (CPython stores every
/// string at the narrowest width that holds it).
fn kind_min<U: MapUnit>() -> u32 {
    match U::MAX {
        0xFF => 0,
        0xFFFF => 0x100,
        _ => 0x10000,
    }
}

/// Apply `f` by writing straight into a new string of the input's width, then shrinking
/// it to the length written: no intermediate buffer and no second copy (see DESIGN.md,
/// "Measured decisions"). Falls back to [`general`] when `f` says so.
fn call_same<'py, U: MapUnit>(
    py: Python<'py>,
    text: &Bound<'py, PyString>,
    f: SameWidth,
    input: &[U],
) -> PyResult<Bound<'py, PyString>> {
    let first = match f.start(input) {
        Start::Unchanged => return Ok(text.clone()),
        Start::General => return general(py, text, Op::Same(f), units(text)?),
        Start::At(first) => first,
    };
    let too_long = || PyMemoryError::new_err("text too long");
    let cap = input
        .len()
        .checked_mul(f.map().max_len())
        .ok_or_else(too_long)?;
    let size = ffi::Py_ssize_t::try_from(cap).map_err(|_| too_long())?;
    // SAFETY: PyUnicode_New returns a new reference to a string of `cap` units of the
    // kind `U::MAX` calls for (1, 2 or 4 bytes, the width of `U`), or NULL with an
    // exception set. Nobody else can see the object until it is returned, so its buffer
    // may be written through `buf` (also without the GIL) and resized below.
    let mut obj = unsafe { ffi::PyUnicode_New(size, U::MAX) };
    if obj.is_null() {
        return Err(PyErr::fetch(py));
    }
    // SAFETY: the buffer holds `cap` units of `U`'s width (see above), suitably aligned.
    let buf = unsafe { std::slice::from_raw_parts_mut(ffi::PyUnicode_DATA(obj).cast::<U>(), cap) };
    let len = if input.len() >= DETACH_MIN_LEN {
        py.detach(|| f.write(input, first, &mut *buf))
    } else {
        f.write(input, first, &mut *buf)
    };
    // Canonical width needs one unit >= kind_min; searching for it stops at the first
    // Arabic letter, where a max over the whole output read every unit.
    let min = kind_min::<U>();
    if !buf[..len].iter().any(|&u| u.into() >= min) {
        // The result needs a narrower string (e.g. every Arabic letter of a text was
        // deleted): copy it once more.
        let cps: Vec<u32> = buf[..len].iter().map(|&u| u.into()).collect();
        // SAFETY: `obj` is our own reference, not shared; `buf` is not used after this.
        unsafe { ffi::Py_DECREF(obj) };
        return new_string(py, &cps);
    }
    let new_len = ffi::Py_ssize_t::try_from(len).map_err(|_| too_long())?;
    // SAFETY: `obj` is a fresh, unshared string with reference count 1 and no cached
    // hash, which PyUnicode_Resize shrinks in place (or moves) to `len` units, writing
    // the terminating NUL; on failure it leaves `obj` a valid string that we release.
    // Its first `len` units are written and each is >= kind_min, so the string is stored
    // at its canonical width.
    unsafe {
        if ffi::PyUnicode_Resize(&mut obj, new_len) != 0 {
            let err = PyErr::fetch(py);
            ffi::Py_DECREF(obj);
            return Err(err);
        }
        Ok(Bound::from_owned_ptr(py, obj).cast_into_unchecked())
    }
}

/// CAMeL Tools 1.6.0 `simple_word_tokenize(s, split_digits=False)`.
#[pyfunction]
#[pyo3(signature = (text, /, split_digits = false))]
fn camel_simple_word_tokenize<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    split_digits: bool,
) -> PyResult<Bound<'py, PyList>> {
    let text = text.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!(
            "simple_word_tokenize() expects str, got {}",
            type_name(text)
        ))
    })?;
    let u = units(text)?;
    let run = || {
        let mut spans = Vec::new();
        match u {
            Units::Ucs1(u) => simple_word_tokenize(u, split_digits, &mut spans),
            Units::Ucs2(u) => simple_word_tokenize(u, split_digits, &mut spans),
            Units::Ucs4(u) => simple_word_tokenize(u, split_digits, &mut spans),
        }
        spans
    };
    let spans = if u.len() >= DETACH_MIN_LEN {
        py.detach(run)
    } else {
        run()
    };
    let list = PyList::empty(py);
    for (a, b) in spans {
        // SAFETY: `text` is a str and `a <= b <= len(text)` (offsets of its code points);
        // PyUnicode_Substring returns a new reference (a canonical-width copy) or NULL
        // with an exception set.
        let piece = unsafe {
            let obj =
                ffi::PyUnicode_Substring(text.as_ptr(), a as ffi::Py_ssize_t, b as ffi::Py_ssize_t);
            if obj.is_null() {
                return Err(PyErr::fetch(py));
            }
            Bound::from_owned_ptr(py, obj)
        };
        list.append(piece)?;
    }
    Ok(list)
}

/// Lucene 8.7 `ArabicStemmer.stem` of one token.
#[pyfunction]
#[pyo3(signature = (token, /))]
fn lucene_stem<'py>(py: Python<'py>, token: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyString>> {
    let token = token.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!("stem() expects str, got {}", type_name(token)))
    })?;
    let u = units(token)?;
    let (a, b) = match u {
        Units::Ucs1(u) => lucene::stem(u),
        Units::Ucs2(u) => lucene::stem(u),
        Units::Ucs4(u) => lucene::stem(u),
    };
    if (a, b) == (0, u.len()) {
        return Ok(token.clone());
    }
    // SAFETY: `a <= b <= len(token)`; PyUnicode_Substring returns a new reference (a
    // canonical-width copy) or NULL with an exception set.
    unsafe {
        let obj =
            ffi::PyUnicode_Substring(token.as_ptr(), a as ffi::Py_ssize_t, b as ffi::Py_ssize_t);
        if obj.is_null() {
            return Err(PyErr::fetch(py));
        }
        Ok(Bound::from_owned_ptr(py, obj).cast_into_unchecked())
    }
}

/// Lucene 8.7 `ArabicAnalyzer()`: the list of its tokens' terms.
#[pyfunction]
#[pyo3(signature = (text, /))]
fn lucene_analyze<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let text = text.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!("analyze() expects str, got {}", type_name(text)))
    })?;
    let u = units(text)?;
    let run = || match u {
        Units::Ucs2(u) => analyze(u),
        Units::Ucs1(u) => analyze(&to_utf16(u)),
        Units::Ucs4(u) => analyze(&to_utf16(u)),
    };
    let tokens = if u.len() >= DETACH_MIN_LEN {
        py.detach(run)
    } else {
        run()
    };
    let mut items = Vec::with_capacity(tokens.ends.len());
    let mut cps = Vec::new();
    for t in tokens.iter() {
        let bits = t.iter().fold(0u32, |b, &u| b | u32::from(u));
        if !t.iter().any(|u| (0xD800..0xE000).contains(u)) {
            items.push(new_string_from(py, t, bits)?);
            continue;
        }
        // Back from UTF-16: a surrogate pair is one code point, a lone surrogate stays.
        cps.clear();
        cps.extend(char::decode_utf16(t.iter().copied()).map(|r| match r {
            Ok(c) => u32::from(c),
            Err(e) => u32::from(e.unpaired_surrogate()),
        }));
        items.push(new_string(py, &cps)?);
    }
    PyList::new(py, items)
}

macro_rules! compat_fn {
    ($($rust:ident = $py:literal => $op:expr, $doc:literal;)*) => {
        $(
            #[doc = $doc]
            #[pyfunction]
            #[pyo3(name = $py, signature = (text, /))]
            fn $rust<'py>(
                py: Python<'py>,
                text: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyString>> {
                call(py, text, $py, $op)
            }
        )*

        /// Add every compatibility function to the module.
        pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $(m.add_function(wrap_pyfunction!($rust, m)?)?;)*
            m.add_function(wrap_pyfunction!(camel_simple_word_tokenize, m)?)?;
            m.add_function(wrap_pyfunction!(lucene_stem, m)?)?;
            m.add_function(wrap_pyfunction!(lucene_analyze, m)?)?;
            Ok(())
        }
    };
}

compat_fn! {
    pyarabic_strip_tashkeel = "pyarabic_strip_tashkeel" => Op::Same(SameWidth::Map(&pyarabic::STRIP_TASHKEEL)),
        "PyArabic 0.6.15 `araby.strip_tashkeel`.";
    pyarabic_strip_harakat = "pyarabic_strip_harakat" => Op::Same(SameWidth::Map(&pyarabic::STRIP_HARAKAT)),
        "PyArabic 0.6.15 `araby.strip_harakat`.";
    pyarabic_strip_lastharaka = "pyarabic_strip_lastharaka" => Op::Same(SameWidth::StripLastharaka),
        "PyArabic 0.6.15 `araby.strip_lastharaka`.";
    pyarabic_strip_shadda = "pyarabic_strip_shadda" => Op::Same(SameWidth::Map(&pyarabic::STRIP_SHADDA)),
        "PyArabic 0.6.15 `araby.strip_shadda`.";
    pyarabic_strip_tatweel = "pyarabic_strip_tatweel" => Op::Same(SameWidth::Map(&pyarabic::STRIP_TATWEEL)),
        "PyArabic 0.6.15 `araby.strip_tatweel`.";
    pyarabic_strip_small = "pyarabic_strip_small" => Op::Same(SameWidth::Map(&pyarabic::STRIP_SMALL)),
        "PyArabic 0.6.15 `araby.strip_small`.";
    pyarabic_strip_diacritics = "pyarabic_strip_diacritics" => Op::Same(SameWidth::Map(&pyarabic::STRIP_DIACRITICS)),
        "PyArabic 0.6.15 `araby.strip_diacritics`.";
    pyarabic_normalize_ligature = "pyarabic_normalize_ligature" => Op::Same(SameWidth::Map(&pyarabic::NORMALIZE_LIGATURE)),
        "PyArabic 0.6.15 `araby.normalize_ligature`.";
    pyarabic_normalize_hamza_uniform = "pyarabic_normalize_hamza_uniform" => Op::Same(SameWidth::HamzaUniform),
        "PyArabic 0.6.15 `araby.normalize_hamza(word, method=\"uniform\")`.";
    pyarabic_normalize_hamza_tasheel = "pyarabic_normalize_hamza_tasheel" => Op::Same(SameWidth::Map(&pyarabic::NORMALIZE_HAMZA_TASHEEL)),
        "PyArabic 0.6.15 `araby.normalize_hamza(word, method=\"tasheel\")`.";
    pyarabic_normalize_teh = "pyarabic_normalize_teh" => Op::Same(SameWidth::Map(&pyarabic::NORMALIZE_TEH)),
        "PyArabic 0.6.15 `araby.normalize_teh`.";
    pyarabic_normalize_alef = "pyarabic_normalize_alef" => Op::Same(SameWidth::Alef),
        "PyArabic 0.6.15 `araby.normalize_alef`.";
    pyarabic_normalize_searchtext = "pyarabic_normalize_searchtext" => Op::Same(SameWidth::Map(&pyarabic::NORMALIZE_SEARCHTEXT)),
        "PyArabic 0.6.15 `normalize.normalize_searchtext`.";
    camel_normalize_unicode_nfkc = "camel_normalize_unicode_nfkc" => Op::Unicode { compatibility: true },
        "CAMeL Tools 1.6.0 `normalize_unicode(s, compatibility=True)`.";
    camel_normalize_unicode_nfc = "camel_normalize_unicode_nfc" => Op::Unicode { compatibility: false },
        "CAMeL Tools 1.6.0 `normalize_unicode(s, compatibility=False)`.";
    camel_dediac_ar = "camel_dediac_ar" => Op::Same(SameWidth::Map(&camel::DEDIAC_AR)),
        "CAMeL Tools 1.6.0 `dediac_ar`.";
    camel_normalize_alef_ar = "camel_normalize_alef_ar" => Op::Same(SameWidth::Map(&camel::NORMALIZE_ALEF_AR)),
        "CAMeL Tools 1.6.0 `normalize_alef_ar`.";
    camel_normalize_alef_maksura_ar = "camel_normalize_alef_maksura_ar" => Op::Same(SameWidth::Map(&camel::NORMALIZE_ALEF_MAKSURA_AR)),
        "CAMeL Tools 1.6.0 `normalize_alef_maksura_ar`.";
    camel_normalize_teh_marbuta_ar = "camel_normalize_teh_marbuta_ar" => Op::Same(SameWidth::Map(&camel::NORMALIZE_TEH_MARBUTA_AR)),
        "CAMeL Tools 1.6.0 `normalize_teh_marbuta_ar`.";
    camel_arclean = "camel_arclean" => Op::Same(SameWidth::Map(&camel::ARCLEAN)),
        "CAMeL Tools 1.6.0 `CharMapper.builtin_mapper(\"arclean\")`.";
    lucene_normalize = "lucene_normalize" => Op::Same(SameWidth::Map(&lucene::NORMALIZE)),
        "Lucene 8.7 `ArabicNormalizer`.";
    lucene_persian_normalize = "lucene_persian_normalize" => Op::Same(SameWidth::Map(&lucene::PERSIAN_NORMALIZE)),
        "Lucene 8.7 `PersianNormalizer`.";
}
