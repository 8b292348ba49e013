//! The staged pipeline: each step over the whole text, in order, exactly as
//! `seeds/README.md` defines it (and as `python/arnorm/reference.py` does), keeping the
//! alignment with the original text.
//!
//! The fast kernel ([`super::plan`]) hands a text to this path when it meets a character
//! whose result depends on more context than the kernel follows (a combining mark that
//! may compose, a mark that may need reordering under NFC/NFKC, ...). It is also what the
//! kernel's per-character table is computed from, so both paths share every rule.

use super::alignment::Aligned;
use super::letters::LetterFolds;
use super::{digits, layout, marks, punctuation, unicode};
use crate::config::Options;

/// Most rounds of steps 1–7 (see "Rounds" in `seeds/README.md`).
pub const MAX_ROUNDS: usize = 4;

/// Steps 1–3.
pub fn steps_1_to_3(text: Aligned, o: &Options) -> Aligned {
    marks::apply(unicode::apply(text, o.unicode), o)
}

/// Steps 4–5 on the output of steps 1–3.
pub fn steps_4_to_5(text: Aligned, o: &Options, folds: &LetterFolds) -> Aligned {
    let zero = digits::target_zero(o.digits);
    folds.apply(text).map(|c| digits::map(c, zero))
}

/// Steps 6–7 on the output of steps 1–5.
pub fn steps_6_to_7(text: Aligned, o: &Options) -> Aligned {
    punctuation::apply(text, o.punctuation).map(|c| layout::case_map(c, o.case))
}

/// Steps 1–7 repeated while step 1 still changes their output. Returns the text and
/// the number of rounds run.
pub fn rounds(mut text: Aligned, o: &Options, folds: &LetterFolds) -> (Aligned, usize) {
    for round in 1..=MAX_ROUNDS {
        text = steps_6_to_7(steps_4_to_5(steps_1_to_3(text, o), o, folds), o);
        if unicode::is_stable(&text.text, o.unicode) {
            return (text, round);
        }
    }
    (text, MAX_ROUNDS)
}

/// Steps 8 and 9.
pub fn finish(text: &mut Aligned, o: &Options) {
    layout::max_repeat(&mut text.text, Some(&mut text.spans), o.max_repeat);
    layout::collapse_whitespace(&mut text.text, Some(&mut text.spans), o.whitespace);
}

/// The whole pipeline.
pub fn run(text: Aligned, o: &Options, folds: &LetterFolds) -> Aligned {
    let (mut text, _) = rounds(text, o, folds);
    finish(&mut text, o);
    text
}
