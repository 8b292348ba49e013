//! Step 6, option `punctuation` (`seeds/rules/punctuation.tsv`).
//!
//! `ascii` maps Arabic punctuation to ASCII (، → `,` U+060C → U+002C, ؟ → `?` ...).
//! `space` turns every General_Category P* character into U+0020, except a separator
//! (`.` `,` U+066B ٫ U+066C ٬) between two digits, which stays (written `.` or `,`), so a
//! number is never split: `٣٫١٤` → `٣.١٤`.

use super::alignment::Aligned;
use crate::config::Punctuation;
use crate::normalize::digits::is_digit;
use crate::tables::{self, CharClass};
use crate::ucd::char_class;

/// How a separator is written when it stays inside a number.
pub fn separator_written(c: u32) -> Option<u32> {
    tables::DIGIT_SEPARATORS
        .iter()
        .find(|&&(k, _)| k == c)
        .map(|&(_, w)| w)
}

/// Step 6 for one code point outside a number (no digit on both sides).
pub fn map(c: u32, p: Punctuation) -> u32 {
    match p {
        Punctuation::Keep => c,
        Punctuation::Ascii => tables::PUNCTUATION_ASCII
            .iter()
            .find(|&&(k, _)| k == c)
            .map_or(c, |&(_, v)| v),
        Punctuation::Space if char_class(c) == CharClass::Punctuation => 0x20,
        Punctuation::Space => c,
    }
}

/// Step 6 over a whole text.
pub fn apply(mut input: Aligned, p: Punctuation) -> Aligned {
    if p != Punctuation::Space {
        return input.map(|c| map(c, p));
    }
    let text = &input.text;
    let mapped: Vec<u32> = (0..text.len())
        .map(|i| {
            let c = text[i];
            let between_digits =
                i > 0 && i + 1 < text.len() && is_digit(text[i - 1]) && is_digit(text[i + 1]);
            match separator_written(c) {
                Some(w) if between_digits => w,
                _ => map(c, p),
            }
        })
        .collect();
    input.text = mapped;
    input
}
