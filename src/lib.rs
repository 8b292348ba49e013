//! # arnorm: Arabic text normalization by a precisely specified rule set
//!
//! arnorm brings Arabic text to a normal form by a pipeline of nine steps, each set by
//! one option: Unicode form, invisible characters, marks (diacritics, dagger alef,
//! Quranic marks, tatweel), letter folds (alef, hamza seats, alef maksura, teh marbuta,
//! Persian letters), digits, punctuation, case, letter repeats and white space. Three
//! presets (`light`, `standard`, `search`) set every option; any can be overridden.
//!
//! Every rule is data in `seeds/` (generated into [`tables`]) and is documented to the
//! code point in `seeds/README.md`. A pure-Python reference implementation of the same
//! rules ships with the Python package and is kept equal to this crate by property tests.
//!
//! ```
//! use arnorm::{Normalizer, Options};
//! let mut options = Options::preset("standard").unwrap();
//! options.set("teh_marbuta", "heh").unwrap();
//! let n = Normalizer::new(options);
//! assert_eq!(n.normalize("مدرسةٌ"), "مدرسه");
//! ```
//!
//! The core never touches Python; the PyO3 binding lives in `src/python/` behind the
//! `python` feature.

pub mod config;
pub mod normalize;
pub mod tables;
pub mod ucd;

#[cfg(feature = "python")]
mod python;

pub use config::{Error, ErrorKind, Options};
pub use normalize::{CodeUnit, Normalizer};
pub use tables::UNICODE_VERSION;
