//! The normalization pipeline.
//!
//! Steps, in this fixed order (each one option; see `seeds/README.md` for the exact
//! rules and `seeds/rules/` for the code points):
//!
//! 1. `unicode` ([`unicode`]): `arabic`, `nfc`, `nfkc` or `none`;
//! 2. `invisible`, `zwnj` ([`marks`]);
//! 3. `diacritics`, `dagger_alef`, `quranic_marks`, `tatweel` ([`marks`]);
//! 4. `alef`, `hamza_seats`, `alef_maksura`, `teh_marbuta`, `persian` ([`letters`]);
//! 5. `digits` ([`digits`]);
//! 6. `punctuation` ([`punctuation`]);
//! 7. `case` ([`layout`]);
//! 8. `max_repeat` ([`layout`]);
//! 9. `whitespace` ([`layout`]).
//!
//! Steps 1–7 repeat while step 1 still changes their output ("rounds"), which makes
//! every normalizer idempotent. [`plan`] fuses steps 1–7 into one table lookup per code
//! point; [`staged`] runs them one by one when context demands it.

pub mod alignment;
pub mod collapse;
pub mod digits;
pub mod layout;
pub mod letters;
pub mod marks;
pub mod plan;
pub mod punctuation;
pub mod repeat;
pub mod simd;
pub mod staged;
pub mod unicode;
pub mod units;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::config::{Error, Options};
pub use alignment::{Aligned, Span};
use plan::Plan;
pub use simd::Kernel;
pub use units::{CodeUnit, Outcome, TooWide, Units};

/// A compiled, immutable normalizer: cheap to clone, safe to share between threads.
///
/// # Examples
/// ```
/// use arnorm::Normalizer;
/// let n = Normalizer::from_preset("standard").unwrap();
/// assert_eq!(n.normalize("كَتَبَ الطالبُ إلى"), "كتب الطالب الي");
/// ```
#[derive(Clone)]
pub struct Normalizer {
    plan: Arc<Plan>,
}

impl Normalizer {
    /// A normalizer for `options`. Compiling a set of options takes a few milliseconds;
    /// the result is cached for the life of the process, so equal options share one plan.
    pub fn new(options: Options) -> Normalizer {
        static PLANS: OnceLock<Mutex<HashMap<Options, Arc<Plan>>>> = OnceLock::new();
        let plans = PLANS.get_or_init(Default::default);
        if let Some(plan) = plans
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&options)
        {
            return Normalizer { plan: plan.clone() };
        }
        // Compile outside the lock: another thread may compile the same options, and the
        // first one stored wins; both plans are equal.
        let plan = Arc::new(Plan::new(options));
        let mut guard = plans.lock().unwrap_or_else(|e| e.into_inner());
        let plan = guard.entry(options).or_insert(plan).clone();
        Normalizer { plan }
    }

    /// A normalizer for a preset (`"light"`, `"standard"`, `"search"`).
    ///
    /// # Errors
    /// An unknown preset name.
    pub fn from_preset(name: &str) -> Result<Normalizer, Error> {
        Ok(Normalizer::new(Options::preset(name)?))
    }

    /// The vector kernel this normalizer runs (see [`Kernel::detect`]).
    pub fn kernel(&self) -> Kernel {
        self.plan.kernel()
    }

    /// This normalizer with its blocks run by `kernel` (`None` when this CPU cannot run
    /// it). The result is the same; only the speed differs. For testing and measuring.
    pub fn with_kernel(&self, kernel: Kernel) -> Option<Normalizer> {
        Some(Normalizer {
            plan: Arc::new(self.plan.with_kernel(kernel)?),
        })
    }

    /// The options.
    pub fn options(&self) -> &Options {
        self.plan.options()
    }

    /// Normalize a string.
    pub fn normalize(&self, text: &str) -> String {
        let units: Vec<u32> = text.chars().map(u32::from).collect();
        let mut out = Vec::new();
        self.normalize_units(&units, &mut out);
        out.into_iter()
            .map(|c| char::from_u32(c).expect("rules map scalar values to scalar values"))
            .collect()
    }

    /// Normalize a text given as code units (one code point each, lone surrogates
    /// allowed) into `out`. Returns `false` when the output equals the input, so a
    /// caller can hand back the input unchanged.
    pub fn normalize_units<U: CodeUnit>(&self, input: &[U], out: &mut Vec<u32>) -> bool {
        let outcome = self
            .plan
            .run(input, out, &mut ())
            .expect("u32 units hold every code point");
        if !outcome.changed {
            out.clear();
            out.extend(input.iter().map(|&u| u.into()));
        }
        outcome.changed
    }

    /// Normalize `input` into units `O` of the caller's choice (the final storage width
    /// of the result). Returns `Err(TooWide)` when some output code point does not fit
    /// `O` (after [`Normalizer::fits`], only for the few BMP code points whose image is
    /// past U+FFFF); when `Outcome::changed` is false, `out` may be left empty.
    pub fn normalize_into<U: CodeUnit, O: CodeUnit>(
        &self,
        input: &[U],
        out: &mut Vec<O>,
    ) -> Result<Outcome, TooWide> {
        self.plan.run(input, out, &mut ())
    }

    /// Whether output units `O` hold the code points this normalizer's table produces
    /// from input units `U`, but for the few BMP code points whose image is past U+FFFF
    /// (CJK compatibility ideographs under NFC/NFKC), for which `normalize_into`
    /// returns `Err(TooWide)`.
    pub fn fits<U: CodeUnit, O: CodeUnit>(&self) -> bool {
        self.plan.fits::<U, O>()
    }

    /// Normalize the UTF-8 `text`, appending the result to `out`, without decoding it
    /// into code points (unchanged byte runs are copied as they are). Returns whether
    /// anything changed, or `None`, with `out` as it was, for the texts and options
    /// this path does not take (context rules, `max_repeat`, `whitespace = "collapse"`):
    /// use [`Normalizer::normalize_units`] for those.
    ///
    /// # Examples
    /// ```
    /// use arnorm::Normalizer;
    /// let n = Normalizer::from_preset("standard").unwrap();
    /// let mut out = Vec::new();
    /// assert_eq!(n.normalize_utf8_into("كَتَبَ إلى", &mut out), Some(true));
    /// assert_eq!(out, "كتب الي".as_bytes());
    /// ```
    pub fn normalize_utf8_into(&self, text: &str, out: &mut Vec<u8>) -> Option<bool> {
        let start = out.len();
        let result = self.plan.run_utf8(text, out);
        if result.is_none() {
            out.truncate(start);
        }
        result
    }

    /// Like [`Normalizer::normalize_units`], and also writes to `spans`, for each output
    /// code point, the span `[start, end)` of input code points it came from (see
    /// [`alignment`]).
    ///
    /// # Examples
    /// ```
    /// use arnorm::Normalizer;
    /// let n = Normalizer::from_preset("standard").unwrap();
    /// let input: Vec<u32> = "كَتَبَ".chars().map(u32::from).collect();
    /// let (mut out, mut spans) = (Vec::new(), Vec::new());
    /// n.normalize_units_aligned(&input, &mut out, &mut spans);
    /// assert_eq!(spans, vec![(0, 1), (2, 3), (4, 5)]); // ك ت ب, the marks deleted
    /// ```
    pub fn normalize_units_aligned<U: CodeUnit>(
        &self,
        input: &[U],
        out: &mut Vec<u32>,
        spans: &mut Vec<Span>,
    ) -> bool {
        let outcome = self
            .plan
            .run(input, out, spans)
            .expect("u32 units hold every code point");
        outcome.changed
    }

    /// The staged (step by step) pipeline, bypassing the fused table: the fast path's
    /// own reference, for tests.
    pub fn normalize_staged(&self, input: &[u32]) -> Aligned {
        staged::run(
            Aligned::identity(input.to_vec()),
            self.options(),
            self.plan.folds(),
        )
    }
}

impl std::fmt::Debug for Normalizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Normalizer")
            .field("options", self.options())
            .finish()
    }
}
