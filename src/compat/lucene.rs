//! Apache Lucene 8.7 (`lucene-analyzers-common`): `ArabicNormalizer`, `PersianNormalizer`
//! and `ArabicStemmer`, exactly.
//!
//! Lucene works on Java `char`s (UTF-16 code units); these functions take code points.
//! The two normalizers are per-code-point maps of BMP characters, so the units and the
//! code points agree. The stemmer's length conditions count UTF-16 units, so a code
//! point past U+FFFF counts as two here too (`ال😀` is stemmed to `😀`, as in Java).

use super::{tables, CodeUnit, LazyMap};

/// `ArabicNormalizer`: U+0622, U+0623, U+0625 → U+0627 ALEF; U+0629 TEH MARBUTA → U+0647
/// HEH; U+0649 ALEF MAKSURA → U+064A YEH; U+0640 TATWEEL and U+064B..U+0652 (tanwin,
/// harakat, shadda, sukun) removed. `أَحْمَدُ` → `احمد`.
pub static NORMALIZE: LazyMap = LazyMap::new(&tables::LUCENE_NORMALIZE);
/// `PersianNormalizer`: U+06CC FARSI YEH, U+06D2 YEH BARREE → U+064A YEH; U+06A9 KEHEH →
/// U+0643 KAF; U+06C0, U+06C1 → U+0647 HEH; U+0654 HAMZA ABOVE removed.
pub static PERSIAN_NORMALIZE: LazyMap = LazyMap::new(&tables::LUCENE_PERSIAN_NORMALIZE);

const ALEF: u32 = 0x0627;
const LAM: u32 = 0x0644;
const WAW: u32 = 0x0648;
const BEH: u32 = 0x0628;
const KAF: u32 = 0x0643;
const FEH: u32 = 0x0641;
const HEH: u32 = 0x0647;
const YEH: u32 = 0x064A;
const TEH: u32 = 0x062A;
const TEH_MARBUTA: u32 = 0x0629;
const NOON: u32 = 0x0646;

/// The prefixes `ArabicStemmer` tries, in its order; the first that fits is removed.
const PREFIXES: [&[u32]; 7] = [
    &[ALEF, LAM],
    &[WAW, ALEF, LAM],
    &[BEH, ALEF, LAM],
    &[KAF, ALEF, LAM],
    &[FEH, ALEF, LAM],
    &[LAM, LAM],
    &[WAW],
];

/// The suffixes, in its order; each that fits what is left is removed in turn.
const SUFFIXES: [&[u32]; 10] = [
    &[HEH, ALEF],
    &[ALEF, NOON],
    &[ALEF, TEH],
    &[WAW, NOON],
    &[YEH, NOON],
    &[YEH, HEH],
    &[YEH, TEH_MARBUTA],
    &[HEH],
    &[TEH_MARBUTA],
    &[YEH],
];

/// `ArabicStemmer.stem`: the stem of `token` as the code point range `start..end` of it.
///
/// One prefix is removed when the token is at least two UTF-16 units longer than it
/// (three for the one-letter prefix و); then each suffix, in the order above, is removed
/// when what is left ends with it and is at least two units longer.
///
/// # Examples
/// ```
/// use arnorm::compat::lucene::stem;
/// let t: Vec<u32> = "والكتابات".chars().map(u32::from).collect();
/// assert_eq!(stem(&t), (3, 7)); // كتاب
/// ```
pub fn stem<U: CodeUnit>(token: &[U]) -> (usize, usize) {
    let cp = |i: usize| -> u32 { token[i].into() };
    // UTF-16 length of token[a..b].
    let units =
        |a: usize, b: usize| -> usize { (a..b).map(|i| if cp(i) > 0xFFFF { 2 } else { 1 }).sum() };
    let (mut start, mut end) = (0, token.len());
    let len = units(start, end);
    for p in PREFIXES {
        let min = if p.len() == 1 { 4 } else { p.len() + 2 };
        if len >= min && end >= p.len() && (0..p.len()).all(|i| cp(i) == p[i]) {
            start = p.len();
            break;
        }
    }
    let mut len = units(start, end);
    for s in SUFFIXES {
        if len >= s.len() + 2
            && end - start >= s.len()
            && (0..s.len()).all(|i| cp(end - s.len() + i) == s[i])
        {
            end -= s.len();
            len -= s.len();
        }
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        let cps: Vec<char> = s.chars().collect();
        let input: Vec<u32> = cps.iter().map(|&c| u32::from(c)).collect();
        let (a, b) = stem(&input);
        cps[a..b].iter().collect()
    }

    #[test]
    fn stems() {
        assert_eq!(run("والكتابات"), "كتاب");
        assert_eq!(run("الكتاب"), "كتاب");
        assert_eq!(run("وكتب"), "كتب");
        assert_eq!(run("وكت"), "وكت", "و needs three letters after it");
        assert_eq!(run("ال😀"), "😀", "U+1F600 is two UTF-16 units");
        assert_eq!(run("ال"), "ال");
        assert_eq!(run(""), "");
    }
}
