//! Steps 2 and 3: invisible characters, U+200C, diacritics, dagger alef, Quranic marks
//! and tatweel. All are context-free: each code point maps to zero or one code point.

use super::alignment::Aligned;
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

/// U+200D ZERO WIDTH JOINER.
pub const ZWJ: u32 = 0x200D;

/// Whether a U+200D between `prev` and `next` joins an emoji ZWJ sequence (and so is
/// kept by `invisible = "strip"`).
pub fn joins_emoji(prev: Option<u32>, next: Option<u32>) -> bool {
    let pictographic = |c: u32| in_ranges(tables::EXTENDED_PICTOGRAPHIC, c);
    prev.is_some_and(|p| {
        pictographic(p)
            || in_ranges(tables::EMOJI_MODIFIER, p)
            || in_ranges(tables::TOKEN_EMOJI_VARIATION, p)
    }) && next.is_some_and(pictographic)
}

/// Steps 2 and 3 over a whole text.
pub fn apply(input: Aligned, o: &Options) -> Aligned {
    let text = &input.text;
    let keep_zwj: Vec<bool> = (0..text.len())
        .map(|i| {
            text[i] == ZWJ
                && o.invisible == Strip::Strip
                && joins_emoji(i.checked_sub(1).map(|p| text[p]), text.get(i + 1).copied())
        })
        .collect();
    let mut i = 0;
    input.filter_map(|c| {
        let kept = keep_zwj[i];
        i += 1;
        if kept {
            Some(c)
        } else {
            step2(c, o).and_then(|c| step3(c, o))
        }
    })
}
