//! Reading and writing CPython's own string storage (PEP 393), so that no text is ever
//! converted to UTF-8 and back.
//!
//! A `str` is stored as UCS-1, UCS-2 or UCS-4 code units, one unit per code point
//! (lone surrogates included). The core runs on those units directly; the result is
//! written into a new string created at its exact maximum character, which is the
//! canonical form CPython requires (a string stored wider than needed compares unequal
//! to an equal one and hashes differently).

use pyo3::exceptions::PyMemoryError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyStringData};

pub use crate::normalize::Units;

/// The code units of `s`.
///
/// The slice borrows the string's buffer: Python strings are immutable once created and
/// `s` keeps the object alive for the borrow, so the slice stays valid (also while the
/// GIL is released, as no other thread can change an existing string).
pub fn units<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Units<'a>> {
    // SAFETY: PyString::data decodes the PEP 393 state bitfield, which PyO3 tests on the
    // targets we build for (x86_64, aarch64; CPython only, the extension is not abi3).
    // The returned slices point into the immutable string buffer owned by `s`.
    let data = unsafe { s.data()? };
    Ok(match data {
        PyStringData::Ucs1(u) => Units::Ucs1(u),
        PyStringData::Ucs2(u) => Units::Ucs2(u),
        PyStringData::Ucs4(u) => Units::Ucs4(u),
    })
}

/// A new Python string holding `code_points`, stored at its exact maximum character.
pub fn new_string<'py>(py: Python<'py>, code_points: &[u32]) -> PyResult<Bound<'py, PyString>> {
    let max = code_points.iter().copied().max().unwrap_or(0);
    let len = code_points.len();
    let size = ffi::Py_ssize_t::try_from(len).map_err(|_| PyMemoryError::new_err(()))?;
    // SAFETY: PyUnicode_New returns a new reference to a string of `len` code points of
    // the kind `max` calls for, or NULL with an exception set. Every unit is written
    // before the object is handed to Python, each within the buffer (`len` units of the
    // kind's width), and each value fits the kind because it is <= `max`.
    unsafe {
        let obj = ffi::PyUnicode_New(size, max);
        if obj.is_null() {
            return Err(PyErr::fetch(py));
        }
        let data = ffi::PyUnicode_DATA(obj);
        if max < 0x100 {
            let dst = std::slice::from_raw_parts_mut(data.cast::<u8>(), len);
            for (d, &c) in dst.iter_mut().zip(code_points) {
                *d = c as u8;
            }
        } else if max < 0x10000 {
            let dst = std::slice::from_raw_parts_mut(data.cast::<u16>(), len);
            for (d, &c) in dst.iter_mut().zip(code_points) {
                *d = c as u16;
            }
        } else {
            let dst = std::slice::from_raw_parts_mut(data.cast::<u32>(), len);
            dst.copy_from_slice(code_points);
        }
        Ok(Bound::from_owned_ptr(py, obj).cast_into_unchecked())
    }
}

/// The strings of an iterable of str, with a `TypeError` naming the first bad item.
pub fn collect_strings<'py>(
    texts: &Bound<'py, PyAny>,
    what: &str,
) -> PyResult<Vec<Bound<'py, PyString>>> {
    if texts.is_instance_of::<PyString>() {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "{what} expects an iterable of str, got a single str"
        )));
    }
    let mut strings = Vec::new();
    for (i, item) in texts.try_iter()?.enumerate() {
        strings.push(item?.cast_into::<PyString>().map_err(|e| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "{what} expects str items, texts[{i}] is {}",
                super::options::type_name(e.into_inner().as_any())
            ))
        })?);
    }
    Ok(strings)
}
