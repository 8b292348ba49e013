//! The staged pipeline: each step over the whole text, in order, exactly as
//! `seeds/README.md` defines it (and as `python/arnorm/reference.py` does).
//!
//! The fast kernel ([`super::plan`]) hands a text to this path when it meets a character
//! whose result depends on more context than the kernel follows (a combining mark that
//! may compose, a mark that may need reordering under NFC/NFKC, ...). It is also what the
//! kernel's per-character table is computed from, so both paths share every rule.

use super::letters::LetterFolds;
use super::{digits, layout, marks, punctuation, unicode};
use crate::config::Options;

/// Most rounds of steps 1–7 (see "Rounds" in `seeds/README.md`).
pub const MAX_ROUNDS: usize = 4;

/// Steps 1–3.
pub fn steps_1_to_3(text: Vec<u32>, o: &Options) -> Vec<u32> {
    marks::apply(unicode::apply(text, o.unicode), o)
}

/// Steps 4–7 on the output of steps 1–3.
pub fn steps_4_to_7(text: Vec<u32>, o: &Options, folds: &LetterFolds) -> Vec<u32> {
    let zero = digits::target_zero(o.digits);
    let text: Vec<u32> = folds
        .apply(text)
        .into_iter()
        .map(|c| digits::map(c, zero))
        .collect();
    punctuation::apply(text, o.punctuation)
        .into_iter()
        .map(|c| layout::case_map(c, o.case))
        .collect()
}

/// Steps 1–7 repeated while step 1 still changes their output. Returns the text and
/// the number of rounds run.
pub fn rounds(mut text: Vec<u32>, o: &Options, folds: &LetterFolds) -> (Vec<u32>, usize) {
    for round in 1..=MAX_ROUNDS {
        text = steps_4_to_7(steps_1_to_3(text, o), o, folds);
        if unicode::apply(text.clone(), o.unicode) == text {
            return (text, round);
        }
    }
    (text, MAX_ROUNDS)
}

/// The whole pipeline.
pub fn run(text: Vec<u32>, o: &Options, folds: &LetterFolds) -> Vec<u32> {
    let (mut text, _) = rounds(text, o, folds);
    layout::max_repeat(&mut text, o.max_repeat);
    layout::collapse_whitespace(&mut text, o.whitespace);
    text
}
