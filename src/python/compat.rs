//! Bindings of the compatibility functions (`arnorm.compat.*`): argument checks, the GIL,
//! and the PEP 393 buffers; every rule is in `crate::compat`.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyString;

use super::options::type_name;
use super::strings::{new_string, units, Units};
use crate::compat::{camel, pyarabic, CodeUnit, LazyMap};

/// Below this many code points a call keeps the GIL (as `normalizer.rs`: releasing and
/// re-taking it costs about as much as mapping a short text).
const DETACH_MIN_LEN: usize = 4096;

/// One compatibility function of `crate::compat`.
#[derive(Clone, Copy)]
enum Op {
    Map(&'static LazyMap),
    StripLastharaka,
    HamzaUniform,
    Alef,
    Unicode { compatibility: bool },
}

impl Op {
    fn run<U: CodeUnit>(self, input: &[U], out: &mut Vec<u32>) -> bool {
        match self {
            Op::Map(m) => m.apply(input, out),
            Op::StripLastharaka => pyarabic::strip_lastharaka(input, out),
            Op::HamzaUniform => pyarabic::normalize_hamza_uniform(input, out),
            Op::Alef => pyarabic::normalize_alef(input, out),
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
            Ok(())
        }
    };
}

compat_fn! {
    pyarabic_strip_tashkeel = "pyarabic_strip_tashkeel" => Op::Map(&pyarabic::STRIP_TASHKEEL),
        "PyArabic 0.6.15 `araby.strip_tashkeel`.";
    pyarabic_strip_harakat = "pyarabic_strip_harakat" => Op::Map(&pyarabic::STRIP_HARAKAT),
        "PyArabic 0.6.15 `araby.strip_harakat`.";
    pyarabic_strip_lastharaka = "pyarabic_strip_lastharaka" => Op::StripLastharaka,
        "PyArabic 0.6.15 `araby.strip_lastharaka`.";
    pyarabic_strip_shadda = "pyarabic_strip_shadda" => Op::Map(&pyarabic::STRIP_SHADDA),
        "PyArabic 0.6.15 `araby.strip_shadda`.";
    pyarabic_strip_tatweel = "pyarabic_strip_tatweel" => Op::Map(&pyarabic::STRIP_TATWEEL),
        "PyArabic 0.6.15 `araby.strip_tatweel`.";
    pyarabic_strip_small = "pyarabic_strip_small" => Op::Map(&pyarabic::STRIP_SMALL),
        "PyArabic 0.6.15 `araby.strip_small`.";
    pyarabic_strip_diacritics = "pyarabic_strip_diacritics" => Op::Map(&pyarabic::STRIP_DIACRITICS),
        "PyArabic 0.6.15 `araby.strip_diacritics`.";
    pyarabic_normalize_ligature = "pyarabic_normalize_ligature" => Op::Map(&pyarabic::NORMALIZE_LIGATURE),
        "PyArabic 0.6.15 `araby.normalize_ligature`.";
    pyarabic_normalize_hamza_uniform = "pyarabic_normalize_hamza_uniform" => Op::HamzaUniform,
        "PyArabic 0.6.15 `araby.normalize_hamza(word, method=\"uniform\")`.";
    pyarabic_normalize_hamza_tasheel = "pyarabic_normalize_hamza_tasheel" => Op::Map(&pyarabic::NORMALIZE_HAMZA_TASHEEL),
        "PyArabic 0.6.15 `araby.normalize_hamza(word, method=\"tasheel\")`.";
    pyarabic_normalize_teh = "pyarabic_normalize_teh" => Op::Map(&pyarabic::NORMALIZE_TEH),
        "PyArabic 0.6.15 `araby.normalize_teh`.";
    pyarabic_normalize_alef = "pyarabic_normalize_alef" => Op::Alef,
        "PyArabic 0.6.15 `araby.normalize_alef`.";
    pyarabic_normalize_searchtext = "pyarabic_normalize_searchtext" => Op::Map(&pyarabic::NORMALIZE_SEARCHTEXT),
        "PyArabic 0.6.15 `normalize.normalize_searchtext`.";
    camel_normalize_unicode_nfkc = "camel_normalize_unicode_nfkc" => Op::Unicode { compatibility: true },
        "CAMeL Tools 1.6.0 `normalize_unicode(s, compatibility=True)`.";
    camel_normalize_unicode_nfc = "camel_normalize_unicode_nfc" => Op::Unicode { compatibility: false },
        "CAMeL Tools 1.6.0 `normalize_unicode(s, compatibility=False)`.";
    camel_dediac_ar = "camel_dediac_ar" => Op::Map(&camel::DEDIAC_AR),
        "CAMeL Tools 1.6.0 `dediac_ar`.";
    camel_normalize_alef_ar = "camel_normalize_alef_ar" => Op::Map(&camel::NORMALIZE_ALEF_AR),
        "CAMeL Tools 1.6.0 `normalize_alef_ar`.";
    camel_normalize_alef_maksura_ar = "camel_normalize_alef_maksura_ar" => Op::Map(&camel::NORMALIZE_ALEF_MAKSURA_AR),
        "CAMeL Tools 1.6.0 `normalize_alef_maksura_ar`.";
    camel_normalize_teh_marbuta_ar = "camel_normalize_teh_marbuta_ar" => Op::Map(&camel::NORMALIZE_TEH_MARBUTA_AR),
        "CAMeL Tools 1.6.0 `normalize_teh_marbuta_ar`.";
    camel_arclean = "camel_arclean" => Op::Map(&camel::ARCLEAN),
        "CAMeL Tools 1.6.0 `CharMapper.builtin_mapper(\"arclean\")`.";
}
