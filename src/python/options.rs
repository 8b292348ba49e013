//! Python keyword options → [`Options`], with Python exceptions for bad ones.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use std::borrow::Cow;

use crate::config::{Error, ErrorKind, Options};

/// A configuration error as the Python exception users expect: `TypeError` for an
/// unknown option name (like any unknown keyword argument), `ValueError` otherwise.
pub fn to_py_err(err: Error) -> PyErr {
    match err.kind() {
        ErrorKind::UnknownOption { .. } => PyTypeError::new_err(err.to_string()),
        _ => PyValueError::new_err(err.to_string()),
    }
}

/// A `preset=` argument: a `str` (its validity is checked by [`resolve`]).
pub struct PresetName(pub Cow<'static, str>);

impl PresetName {
    /// The default preset, `"standard"` (no allocation: the default of every call).
    pub fn standard() -> PresetName {
        PresetName(Cow::Borrowed("standard"))
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for PresetName {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let obj = obj.to_owned();
        match obj.cast::<PyString>() {
            Ok(s) => Ok(PresetName(Cow::Owned(s.to_str()?.to_owned()))),
            Err(_) => Err(PyTypeError::new_err(format!(
                "preset must be str, got {}",
                type_name(&obj)
            ))),
        }
    }
}

/// The options of `preset` with the keyword `overrides` applied.
pub fn resolve(preset: &str, overrides: Option<&Bound<'_, PyDict>>) -> PyResult<Options> {
    let mut options = Options::preset(preset).map_err(to_py_err)?;
    if let Some(overrides) = overrides {
        for (key, value) in overrides.iter() {
            let name: String = key.extract()?;
            set(&mut options, &name, &value)?;
        }
    }
    Ok(options)
}

fn set(options: &mut Options, name: &str, value: &Bound<'_, PyAny>) -> PyResult<()> {
    let shown = || -> PyResult<String> { Ok(value.repr()?.to_str()?.to_owned()) };
    if name == "max_repeat" {
        if value.is_none() {
            return options.set_max_repeat(None).map_err(to_py_err);
        }
        // bool is an int subclass; `max_repeat=True` is a mistake, not 1.
        let exact_int = value
            .get_type()
            .is(value.py().get_type::<pyo3::types::PyInt>());
        // Any int >= 1 is valid; a limit beyond u32::MAX cannot be reached by a real run
        // of letters, so it is stored as u32::MAX.
        let n = if !exact_int {
            None
        } else if value.gt(u32::MAX)? {
            Some(u32::MAX)
        } else {
            value.extract::<u32>().ok()
        };
        return match n {
            Some(n) if n >= 1 => options.set_max_repeat(Some(n)).map_err(to_py_err),
            _ => Err(to_py_err(Error::invalid_value(name, &shown()?))),
        };
    }
    match value.cast::<PyString>() {
        Ok(text) => match options.set(name, text.to_str()?) {
            Err(e) if matches!(e.kind(), ErrorKind::InvalidValue { .. }) => {
                Err(to_py_err(Error::invalid_value(name, &shown()?)))
            }
            other => other.map_err(to_py_err),
        },
        Err(_) => {
            // Report an unknown name before complaining about the value's type.
            options.get_checked(name).map_err(to_py_err)?;
            Err(to_py_err(Error::invalid_value(name, &shown()?)))
        }
    }
}

/// The name of the type of `obj`, for error messages.
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "object".to_owned(), |n| n.to_string())
}

/// The options as a Python dict (`max_repeat`: `None` or an int).
pub fn to_dict<'py>(py: Python<'py>, options: &Options) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for name in crate::config::option_names() {
        if name == "max_repeat" {
            dict.set_item(name, options.max_repeat)?;
        } else {
            dict.set_item(name, options.get(name))?;
        }
    }
    Ok(dict)
}
