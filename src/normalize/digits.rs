//! Step 5, option `digits`: the 30 digits of `seeds/rules/digits.tsv` (U+0030..U+0039,
//! U+0660..U+0669, U+06F0..U+06F9) become the digit of equal value in the chosen set.

use crate::config::Digits;
use crate::tables;
use crate::ucd::digit_value;

/// The zero of the set `digits` selects; `None` for `keep`.
pub fn target_zero(digits: Digits) -> Option<u32> {
    tables::DIGIT_SETS
        .iter()
        .find(|&&(name, _)| name == digits.as_str())
        .map(|&(_, zero)| zero)
}

/// Step 5 for one code point.
pub fn map(c: u32, zero: Option<u32>) -> u32 {
    match (zero, digit_value(c)) {
        (Some(zero), Some(v)) => zero + v,
        _ => c,
    }
}

/// `true` for the 30 digits.
pub fn is_digit(c: u32) -> bool {
    digit_value(c).is_some()
}
