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
    let max = storage_max(bits);
    let len = units.len();
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
        write_units(data, units, max);
        Ok(Bound::from_owned_ptr(py, obj).cast_into_unchecked())
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

/// The storage class (as [`storage_max`]) `s` is stored in.
pub fn storage_of(s: &Bound<'_, PyString>) -> u32 {
    // SAFETY: `s` is a live str object; the macros read its PEP 393 state.
    unsafe {
        let p = s.as_ptr();
        match ffi::PyUnicode_KIND(p) {
            ffi::PyUnicode_1BYTE_KIND if ffi::PyUnicode_IS_ASCII(p) != 0 => 0x7F,
            ffi::PyUnicode_1BYTE_KIND => 0xFF,
            ffi::PyUnicode_2BYTE_KIND => 0xFFFF,
            _ => 0x10FFFF,
        }
    }
}

/// A string under construction: created with room for `capacity` code points of one
/// storage class, filled without the GIL, then shrunk to its length ([`Unfinished::finish`]).
/// Until then no Python code can see it.
pub struct Unfinished<'py> {
    string: Bound<'py, PyString>,
    data: Buffer,
    /// The storage class it was created with (as [`storage_max`]).
    pub max: u32,
    /// How many code points it has room for.
    pub capacity: usize,
}

/// The buffer of an [`Unfinished`] string, for the thread that fills it.
#[derive(Clone, Copy)]
pub struct Buffer(*mut std::ffi::c_void);

// SAFETY: the buffer belongs to a string no Python code can reach yet, and each one is
// written by exactly one batch task; the GIL is not needed to write plain memory.
unsafe impl Send for Buffer {}
// SAFETY: as above; a shared `Buffer` is only written through by the one task its string
// is assigned to.
unsafe impl Sync for Buffer {}

impl<'py> Unfinished<'py> {
    /// A new string of `capacity` code points of storage class `max`.
    pub fn new(py: Python<'py>, capacity: usize, max: u32) -> PyResult<Unfinished<'py>> {
        let size = ffi::Py_ssize_t::try_from(capacity).map_err(|_| PyMemoryError::new_err(()))?;
        // SAFETY: PyUnicode_New returns a new reference or NULL with an exception set.
        // The contents are written before the object is handed to Python (`finish`).
        unsafe {
            let obj = ffi::PyUnicode_New(size, max);
            if obj.is_null() {
                return Err(PyErr::fetch(py));
            }
            let data = Buffer(ffi::PyUnicode_DATA(obj));
            Ok(Unfinished {
                string: Bound::from_owned_ptr(py, obj).cast_into_unchecked(),
                data,
                max,
                capacity,
            })
        }
    }

    /// The buffer, for [`Buffer::write`].
    pub fn buffer(&self) -> Buffer {
        self.data
    }

    /// The string, holding the first `len` code points written.
    ///
    /// # Safety
    /// The first `len` code points (`len <= capacity`) must have been written with
    /// [`Buffer::write`].
    pub unsafe fn finish(self, len: usize) -> PyResult<Bound<'py, PyString>> {
        let py = self.string.py();
        if len == self.capacity {
            return Ok(self.string);
        }
        let mut obj = self.string.into_ptr();
        // SAFETY: `obj` is a fresh exact str with one reference, never hashed or
        // interned, so CPython shrinks it in place (or moves it) and writes the
        // terminating NUL; on failure it is left as it was and still ours to release.
        unsafe {
            if ffi::PyUnicode_Resize(&mut obj, len as ffi::Py_ssize_t) != 0 {
                ffi::Py_DECREF(obj);
                return Err(PyErr::fetch(py));
            }
            Ok(Bound::from_owned_ptr(py, obj).cast_into_unchecked())
        }
    }
}

impl Buffer {
    /// Write `units` at the start of the buffer of a string of storage class `max`.
    ///
    /// # Safety
    /// The buffer must be that of an [`Unfinished`] string of class `max` with room for
    /// `units.len()` code points, each <= `max`, written by no one else meanwhile.
    pub unsafe fn write<T: CodeUnit>(self, units: &[T], max: u32) {
        // SAFETY: the caller's guarantees are `write_units`'s.
        unsafe { write_units(self.0, units, max) }
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
