//! Steps 2 and 3: invisible characters, U+200C, diacritics, dagger alef, Quranic marks
//! and tatweel. All are context-free: each code point maps to zero or one code point.

use crate::config::{DaggerAlef, Diacritics, Options, Strip, Zwnj};
use crate::tables;
use crate::ucd::in_ranges;

/// U+200C ZERO WIDTH NON-JOINER.
pub const ZWNJ: u32 = 0x200C;
/// U+0627 ARABIC LETTER ALEF.
pub const ALEF: u32 = 0x0627;

/// The replacement of U+200C under `zwnj` (`seeds/rules/zwnj.tsv`): `None` removes it.
pub fn zwnj_replacement(zwnj: Zwnj) -> Option<u32> {
    let (_, replacement) = tables::ZWNJ_REPLACEMENT
        .iter()
        .find(|&&(value, _)| value == zwnj.as_str())
        .expect("seeds/rules/zwnj.tsv has a row for every value of zwnj");
    replacement.chars().next().map(u32::from)
}

/// What step 2 does to `c`: `None` removes it.
pub fn step2(c: u32, o: &Options) -> Option<u32> {
    if c == ZWNJ {
        return zwnj_replacement(o.zwnj);
    }
    if o.invisible == Strip::Strip && in_ranges(tables::INVISIBLE, c) {
        return None;
    }
    Some(c)
}

/// What step 3 does to `c`: `None` removes it.
pub fn step3(c: u32, o: &Options) -> Option<u32> {
    let diacritic = match o.diacritics {
        Diacritics::Keep => false,
        Diacritics::Strip => in_ranges(tables::DIACRITICS, c),
        Diacritics::StripKeepShadda => {
            in_ranges(tables::DIACRITICS, c) && !in_ranges(tables::SHADDA, c)
        }
    };
    if diacritic
        || (o.quranic_marks == Strip::Strip && in_ranges(tables::QURANIC_MARKS, c))
        || (o.tatweel == Strip::Strip && in_ranges(tables::TATWEEL, c))
    {
        return None;
    }
    if in_ranges(tables::DAGGER_ALEF, c) {
        return match o.dagger_alef {
            DaggerAlef::Keep => Some(c),
            DaggerAlef::Strip => None,
            DaggerAlef::Alef => Some(ALEF),
        };
    }
    Some(c)
}

/// Steps 2 and 3 over a whole text.
pub fn apply(input: Vec<u32>, o: &Options) -> Vec<u32> {
    input
        .into_iter()
        .filter_map(|c| step2(c, o))
        .filter_map(|c| step3(c, o))
        .collect()
}
