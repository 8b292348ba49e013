//! Lookups in the Unicode property tables of [`crate::tables`].
//!
//! Every table is sorted by code point, so each lookup is a binary search. These run
//! when a [`crate::Normalizer`] compiles its per-code-point table and on the staged
//! (context) path, never per character on the fast path.

use std::sync::OnceLock;

use crate::tables::{self, CharClass};

/// The coarse General_Category class of `c` (Unicode [`tables::UNICODE_VERSION`]).
///
/// # Examples
/// ```
/// use arnorm::ucd::char_class;
/// use arnorm::tables::CharClass;
/// assert_eq!(char_class(0x0628), CharClass::Letter); // ب ARABIC LETTER BEH
/// assert_eq!(char_class(0x064E), CharClass::Mark); // ARABIC FATHA
/// assert_eq!(char_class(0x060C), CharClass::Punctuation); // ، ARABIC COMMA
/// assert_eq!(char_class(0xD800), CharClass::Other); // a lone surrogate
/// ```
pub fn char_class(c: u32) -> CharClass {
    // The context rules ask this for every character; a flat table answers the BMP in
    // one load instead of a ~12-step binary search.
    static BMP: OnceLock<Box<[CharClass]>> = OnceLock::new();
    if c < 0x10000 {
        let bmp = BMP.get_or_init(|| (0..0x10000).map(search_char_class).collect());
        return bmp[c as usize];
    }
    search_char_class(c)
}

fn search_char_class(c: u32) -> CharClass {
    let t = tables::CHAR_CLASS;
    match t.binary_search_by(|&(lo, _, _)| lo.cmp(&c)) {
        Ok(i) => t[i].2,
        Err(0) => CharClass::Other,
        Err(i) if c <= t[i - 1].1 => t[i - 1].2,
        Err(_) => CharClass::Other,
    }
}

/// `true` for General_Category L*.
pub fn is_letter(c: u32) -> bool {
    char_class(c) == CharClass::Letter
}

/// `true` for General_Category M*.
pub fn is_mark(c: u32) -> bool {
    char_class(c) == CharClass::Mark
}

/// Canonical_Combining_Class of `c`.
pub fn combining_class(c: u32) -> u8 {
    let t = tables::COMBINING_CLASS;
    t.binary_search_by_key(&c, |&(k, _)| k)
        .map_or(0, |i| t[i].1)
}

/// `true` if `c` lies in one of the sorted, disjoint `ranges`.
pub fn in_ranges(ranges: &[(u32, u32)], c: u32) -> bool {
    match ranges.binary_search_by(|&(lo, _)| lo.cmp(&c)) {
        Ok(_) => true,
        Err(0) => false,
        Err(i) => c <= ranges[i - 1].1,
    }
}

/// The White_Space property.
pub fn is_white_space(c: u32) -> bool {
    WhiteSpace::get().contains(c)
}

/// The White_Space property as a BMP bitmap (8 KiB), for loops that ask it of every
/// character (`whitespace = "collapse"`): fetch it once, then [`WhiteSpace::contains`].
pub struct WhiteSpace {
    bmp: Box<[u64]>,
}

impl WhiteSpace {
    /// The bitmap, made on first use.
    pub fn get() -> &'static WhiteSpace {
        static BMP: OnceLock<WhiteSpace> = OnceLock::new();
        BMP.get_or_init(|| {
            let mut bits = vec![0u64; 0x10000 / 64];
            for c in 0..0x10000u32 {
                if in_ranges(tables::WHITE_SPACE, c) {
                    bits[(c / 64) as usize] |= 1 << (c % 64);
                }
            }
            WhiteSpace {
                bmp: bits.into_boxed_slice(),
            }
        })
    }

    /// Whether `c` is White_Space.
    #[inline]
    pub fn contains(&self, c: u32) -> bool {
        if c < 0x10000 {
            self.bmp[(c / 64) as usize] >> (c % 64) & 1 != 0
        } else {
            in_ranges(tables::WHITE_SPACE, c)
        }
    }
}

/// Simple_Lowercase_Mapping of `c` (`c` itself when it has none).
pub fn lowercase(c: u32) -> u32 {
    let t = tables::LOWERCASE;
    t.binary_search_by_key(&c, |&(k, _)| k)
        .map_or(c, |i| t[i].1)
}

/// Full canonical (`compat = false`) or compatibility decomposition of `c`, without
/// Hangul syllables (see [`crate::normalize::unicode`]); `None` when `c` has none.
pub fn decomposition(c: u32, compat: bool) -> Option<&'static [u32]> {
    let t = if compat {
        tables::COMPATIBILITY_DECOMPOSITION
    } else {
        tables::CANONICAL_DECOMPOSITION
    };
    t.binary_search_by_key(&c, |&(k, _)| k).ok().map(|i| t[i].1)
}

/// The primary composite of `first` + `second` (Hangul excluded), if any.
pub fn composition(first: u32, second: u32) -> Option<u32> {
    let t = tables::COMPOSITION;
    t.binary_search_by(|&(a, b, _)| (a, b).cmp(&(first, second)))
        .ok()
        .map(|i| t[i].2)
}

/// The digit value of one of the 30 digits of `seeds/rules/digits.tsv`.
pub fn digit_value(c: u32) -> Option<u32> {
    tables::DIGIT_SETS
        .iter()
        .find(|&&(_, zero)| (zero..zero + 10).contains(&c))
        .map(|&(_, zero)| c - zero)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_agree_with_known_code_points() {
        assert_eq!(combining_class(0x0651), 33); // ARABIC SHADDA
        assert_eq!(combining_class(0x0627), 0);
        assert_eq!(lowercase(0x0041), 0x0061);
        assert_eq!(lowercase(0x0130), 0x0069);
        assert_eq!(decomposition(0x0623, false), Some(&[0x0627, 0x0654][..]));
        assert_eq!(decomposition(0xFEFB, false), None);
        assert_eq!(decomposition(0xFEFB, true), Some(&[0x0644, 0x0627][..]));
        assert_eq!(composition(0x0627, 0x0654), Some(0x0623));
        assert!(is_white_space(0x00A0) && !is_white_space(0x200B));
        assert_eq!(digit_value(0x0665), Some(5));
        assert_eq!(digit_value(0x06F9), Some(9));
        assert_eq!(digit_value(0x0041), None);
    }
}
