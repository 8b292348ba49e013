//! Reading and writing CPython's own string storage (PEP 393), so that no text is ever
//! converted to UTF-8 and back.
//!
//! A `str` is stored as UCS-1, UCS-2 or UCS-4 code units, one unit per code point
//! (lone surrogates included). The core runs on those units directly; the result is
//! written into a new string created at its exact maximum character, which is the
//! canonical form CPython requires (a string stored wider than needed compares unequal
//! to an equal one and hashes differently).

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyStringData};

use crate::normalize::CodeUnit;
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
    let bits = code_points.iter().fold(0, |b, &c| b | c);
    new_string_from(py, code_points, bits)
}

/// A new Python string holding `units`, whose code points OR to `bits`, stored at its
/// exact maximum character (the canonical PEP 393 form: ASCII, Latin-1, UCS-2 or UCS-4
/// by the largest code point). Units of the string's own width are copied with one
/// `memcpy`.
pub fn new_string_from<'py, T: CodeUnit>(
    py: Python<'py>,
    units: &[T],
    bits: u32,
) -> PyResult<Bound<'py, PyString>> {
    let obj = new_string_ptr(py, units, bits);
    if obj.is_null() {
        return Err(PyErr::fetch(py));
    }
    // SAFETY: a non-null result of `new_string_ptr` is a new reference to a str.
    Ok(unsafe { Bound::from_owned_ptr(py, obj).cast_into_unchecked() })
}

/// [`new_string_from`] as a bare new reference, or NULL with a Python exception set: a
/// pointer comes back in a register, where a `PyResult` is returned through memory
/// (DESIGN.md, "`normalize` hands its result back in a register").
pub fn new_string_ptr<T: CodeUnit>(_py: Python<'_>, units: &[T], bits: u32) -> *mut ffi::PyObject {
    let max = storage_max(bits);
    let len = units.len();
    // A slice of `len` units is at most isize::MAX bytes long, so `len` fits.
    let size = len as ffi::Py_ssize_t;
    // SAFETY: PyUnicode_New returns a new reference to a string of `len` code points of
    // the kind `max` calls for, or NULL with an exception set. Every unit is written
    // before the object is handed to Python, each within the buffer (`len` units of the
    // kind's width), and each value fits the kind because it is <= `max`.
    unsafe {
        let obj = ffi::PyUnicode_New(size, max);
        if !obj.is_null() {
            write_units(ffi::PyUnicode_DATA(obj), units, max);
        }
        obj
    }
}

/// The storage class of a string whose code points OR to `bits`: the maximum character
/// `PyUnicode_New` is given for it (0x7F ASCII, 0xFF Latin-1, 0xFFFF UCS-2, 0x10FFFF
/// UCS-4). The OR of the code points is below 0x80, 0x100 or 0x10000 exactly when all of
/// them are, so it picks the same storage as the largest one would.
pub fn storage_max(bits: u32) -> u32 {
    match bits {
        0..0x80 => 0x7F,
        0x80..0x100 => 0xFF,
        0x100..0x10000 => 0xFFFF,
        _ => 0x10FFFF,
    }
}

/// Write `units` into a string buffer of the kind `max` selects.
///
/// # Safety
/// `data` must point to a buffer of `units.len()` code units of that kind, and every
/// unit must be <= `max`.
unsafe fn write_units<T: CodeUnit>(data: *mut std::ffi::c_void, units: &[T], max: u32) {
    let len = units.len();
    // SAFETY: the caller guarantees the buffer holds `len` units of the kind `max` selects.
    unsafe {
        if max <= 0xFF {
            let dst = std::slice::from_raw_parts_mut(data.cast::<u8>(), len);
            copy_units(dst, units);
        } else if max <= 0xFFFF {
            let dst = std::slice::from_raw_parts_mut(data.cast::<u16>(), len);
            copy_units(dst, units);
        } else {
            let dst = std::slice::from_raw_parts_mut(data.cast::<u32>(), len);
            copy_units(dst, units);
        }
    }
}

/// Copy between unit widths; same widths are one `copy_from_slice` (memcpy).
fn copy_units<D: CodeUnit, T: CodeUnit>(dst: &mut [D], src: &[T]) {
    if D::MAX == T::MAX {
        // SAFETY: `CodeUnit` is sealed, so D and T are the same primitive type (equal MAX
        // means equal width among u8/u16/u32), and both slices have `src.len()` elements.
        let src = unsafe { std::slice::from_raw_parts(src.as_ptr().cast::<D>(), src.len()) };
        dst.copy_from_slice(src);
    } else {
        for (d, &c) in dst.iter_mut().zip(src) {
            *d = D::from_u32(c.into());
        }
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
