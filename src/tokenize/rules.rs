//! The token rules (`seeds/rules/tokens.tsv`, `seeds/README.md` "Tokens"): how each code
//! point of a (normalized) text takes part in tokens.

use std::sync::OnceLock;

use crate::tables::{self, CharClass};
use crate::ucd::{char_class, in_ranges, is_white_space};

/// What a code point is to the tokenizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// White space, a control, an invisible character, U+200C: separates, is dropped.
    Separator,
    /// L*: part of a word.
    Letter,
    /// M*: part of the word it follows (or starts).
    Mark,
    /// N*: part of a word or number.
    Number,
    /// P* and S*: a token of its own (dropped with `punctuation = "drop"`).
    Symbol,
    /// Anything else (Cf, Co, Cn, lone surrogates): a token of its own.
    Other,
}

/// The role of `c` outside emoji sequences.
#[inline]
pub fn role(c: u32) -> Role {
    // Asked for every code point of every text: the BMP answers from a 64K table.
    static BMP: OnceLock<Box<[Role]>> = OnceLock::new();
    if c < 0x10000 {
        return BMP.get_or_init(|| (0..0x10000).map(compute_role).collect())[c as usize];
    }
    compute_role(c)
}

/// Whether an emoji sequence may start at `c` (a cheap filter before [`emoji_end`]).
#[inline]
pub fn may_start_emoji(c: u32) -> bool {
    static BMP: OnceLock<Box<[u64]>> = OnceLock::new();
    let starts = |c: u32| {
        is_regional_indicator(c) || in_ranges(tables::TOKEN_KEYCAP_BASE, c) || is_pictographic(c)
    };
    if c < 0x10000 {
        let bits = BMP.get_or_init(|| {
            let mut bits = vec![0u64; 0x10000 / 64];
            for c in (0..0x10000u32).filter(|&c| starts(c)) {
                bits[(c / 64) as usize] |= 1 << (c % 64);
            }
            bits.into_boxed_slice()
        });
        return bits[(c / 64) as usize] >> (c % 64) & 1 != 0;
    }
    starts(c)
}

fn compute_role(c: u32) -> Role {
    if is_white_space(c)
        || in_ranges(tables::TOKEN_CONTROL, c)
        || in_ranges(tables::INVISIBLE, c)
        || c == crate::normalize::marks::ZWNJ
    {
        return Role::Separator;
    }
    match char_class(c) {
        CharClass::Letter => Role::Letter,
        CharClass::Mark => Role::Mark,
        CharClass::Number => Role::Number,
        CharClass::Punctuation | CharClass::Symbol => Role::Symbol,
        CharClass::Separator => Role::Separator,
        CharClass::Other => Role::Other,
    }
}

fn is_regional_indicator(c: u32) -> bool {
    in_ranges(tables::REGIONAL_INDICATOR, c)
}

fn is_pictographic(c: u32) -> bool {
    in_ranges(tables::EXTENDED_PICTOGRAPHIC, c)
}

fn continues_emoji(c: u32) -> bool {
    in_ranges(tables::TOKEN_EMOJI_VARIATION, c)
        || in_ranges(tables::EMOJI_MODIFIER, c)
        || in_ranges(tables::TOKEN_EMOJI_TAG, c)
}

/// The end of the emoji sequence starting at `text[i]`, if one starts there:
/// a pair of regional indicators (a flag) or a single one; a keycap `[0-9#*] U+FE0F?
/// U+20E3`; an Extended_Pictographic code point (not a punctuation character unless
/// U+FE0F follows) with its variation selectors, skin tone modifiers and tags, joined
/// by U+200D to further pictographs.
pub fn emoji_end(text: &[u32], i: usize) -> Option<usize> {
    let c = text[i];
    if !may_start_emoji(c) {
        return None;
    }
    let at = |k: usize| text.get(k).copied();
    if is_regional_indicator(c) {
        return Some(if at(i + 1).is_some_and(is_regional_indicator) {
            i + 2
        } else {
            i + 1
        });
    }
    if in_ranges(tables::TOKEN_KEYCAP_BASE, c) {
        let mut j = i + 1;
        if at(j).is_some_and(|x| in_ranges(tables::TOKEN_EMOJI_VARIATION, x)) {
            j += 1;
        }
        return at(j)
            .is_some_and(|x| in_ranges(tables::TOKEN_KEYCAP, x))
            .then_some(j + 1);
    }
    let presented = at(i + 1).is_some_and(|x| in_ranges(tables::TOKEN_EMOJI_VARIATION, x));
    if !is_pictographic(c) || (char_class(c) == CharClass::Punctuation && !presented) {
        return None;
    }
    let mut j = i + 1;
    loop {
        while at(j).is_some_and(continues_emoji) {
            j += 1;
        }
        if at(j).is_some_and(|x| in_ranges(tables::TOKEN_ZWJ, x))
            && at(j + 1).is_some_and(is_pictographic)
        {
            j += 2;
            continue;
        }
        return Some(j);
    }
}

/// The end of the word starting at `text[i]` (a letter, mark or number): a maximal run
/// of letters, marks and numbers, which also takes in a number separator (`.` `,` ٫ ٬)
/// between two numbers. With `split_digits`, a letter directly after a number (marks
/// between them aside) or a number after a letter starts a new word.
pub fn word_end(text: &[u32], i: usize, split_digits: bool) -> usize {
    let mut base: Option<Role> = None;
    let mut j = i;
    while j < text.len() {
        let c = text[j];
        match role(c) {
            Role::Mark => {}
            r @ (Role::Letter | Role::Number) => {
                if split_digits && base.is_some_and(|b| b != r) {
                    break;
                }
                base = Some(r);
            }
            _ => {
                let between_numbers = j > i
                    && role(text[j - 1]) == Role::Number
                    && text.get(j + 1).is_some_and(|&n| role(n) == Role::Number);
                if !(between_numbers && in_ranges(tables::TOKEN_NUMBER_SEPARATOR, c)) {
                    break;
                }
            }
        }
        j += 1;
    }
    j
}
