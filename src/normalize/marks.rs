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
    let sets = EmojiSets::get();
    prev.is_some_and(|p| sets.before_zwj(p)) && next.is_some_and(|n| sets.pictographic(n))
}

/// First code point of the stretch [`EmojiSets`] holds as bitmaps.
const EMOJI_PLANE_START: u32 = 0x1F000;

/// `tables::EXTENDED_PICTOGRAPHIC`, and what may stand before a joining U+200D (those,
/// `tables::EMOJI_MODIFIER`, `tables::TOKEN_EMOJI_VARIATION`), as bitmaps of
/// U+1F000..U+1FFFF, where nearly all emoji are (1 KiB); elsewhere the range tables are
/// searched. Measured (DESIGN.md): the searches were 4.7% of one call per document on
/// the web corpus.
pub(crate) struct EmojiSets {
    pictographic: [u64; 64],
    before_zwj: [u64; 64],
    /// Whether U+FE0F (VARIATION SELECTOR-16, outside the bitmaps) may stand before a
    /// joining U+200D.
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))] // the x86_64 kernel's
    vs16_before_zwj: bool,
}

/// U+FE0F VARIATION SELECTOR-16 (emoji presentation), the usual code point before a
/// U+200D after a symbol such as U+1F3F3.
const VS16: u32 = 0xFE0F;

impl EmojiSets {
    pub(crate) fn get() -> &'static EmojiSets {
        static SETS: std::sync::OnceLock<EmojiSets> = std::sync::OnceLock::new();
        SETS.get_or_init(|| {
            let mut sets = EmojiSets {
                pictographic: [0; 64],
                before_zwj: [0; 64],
                vs16_before_zwj: Self::before_zwj_slow(VS16),
            };
            for k in 0..64 * 64 {
                let c = EMOJI_PLANE_START + k as u32;
                let bit = 1u64 << (k % 64);
                if Self::pictographic_slow(c) {
                    sets.pictographic[k / 64] |= bit;
                }
                if Self::before_zwj_slow(c) {
                    sets.before_zwj[k / 64] |= bit;
                }
            }
            sets
        })
    }

    fn pictographic_slow(c: u32) -> bool {
        in_ranges(tables::EXTENDED_PICTOGRAPHIC, c)
    }

    fn before_zwj_slow(c: u32) -> bool {
        Self::pictographic_slow(c)
            || in_ranges(tables::EMOJI_MODIFIER, c)
            || in_ranges(tables::TOKEN_EMOJI_VARIATION, c)
    }

    fn bit(map: &[u64; 64], c: u32) -> Option<bool> {
        let k = c.checked_sub(EMOJI_PLANE_START)? as usize;
        map.get(k / 64).map(|w| w >> (k % 64) & 1 == 1)
    }

    /// [`joins_emoji`] with both neighbours present, when no range table is needed to
    /// answer: `prev` is U+FE0F or in the bitmaps, and so is `next`; `None` otherwise.
    /// Inlined and free of calls, for the vector kernel's block loop.
    #[inline]
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))] // the x86_64 kernel's
    pub(crate) fn joins_in_bitmaps(&self, prev: u32, next: u32) -> Option<bool> {
        let before = match prev {
            VS16 => self.vs16_before_zwj,
            _ => Self::bit(&self.before_zwj, prev)?,
        };
        Some(before && Self::bit(&self.pictographic, next)?)
    }

    fn pictographic(&self, c: u32) -> bool {
        Self::bit(&self.pictographic, c).unwrap_or_else(|| Self::pictographic_slow(c))
    }

    fn before_zwj(&self, c: u32) -> bool {
        Self::bit(&self.before_zwj, c).unwrap_or_else(|| Self::before_zwj_slow(c))
    }
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

#[cfg(test)]
mod tests {
    use super::EmojiSets;

    #[test]
    fn emoji_bitmaps_agree_with_the_range_tables_everywhere() {
        let sets = EmojiSets::get();
        for c in 0..0x11_0000 {
            assert_eq!(
                sets.pictographic(c),
                EmojiSets::pictographic_slow(c),
                "U+{c:04X}"
            );
            assert_eq!(
                sets.before_zwj(c),
                EmojiSets::before_zwj_slow(c),
                "U+{c:04X}"
            );
        }
        assert!(sets.pictographic(0x1F600) && !sets.pictographic(0x1F1E6));
        assert!(sets.before_zwj(0x1F3FB) && !sets.pictographic(0x1F3FB));
        assert!(sets.before_zwj(0xFE0F) && sets.pictographic(0x2764));
    }

    #[test]
    fn joins_in_bitmaps_agrees_with_joins_emoji_where_it_answers() {
        let sets = EmojiSets::get();
        let probes: Vec<u32> = [0x0041, 0x0627, 0x200D, 0x2764, 0xFE0E, 0xFE0F, 0x1_0000]
            .into_iter()
            .chain((0x1_EF00..0x2_0100).step_by(7))
            .chain([
                0x1F3FB, 0x1F3FF, 0x1F466, 0x1F468, 0x1F469, 0x1F308, 0x1F1E6,
            ])
            .collect();
        let mut answered = 0;
        for &prev in &probes {
            for &next in &probes {
                if let Some(joins) = sets.joins_in_bitmaps(prev, next) {
                    answered += 1;
                    let expected = super::joins_emoji(Some(prev), Some(next));
                    assert_eq!(joins, expected, "U+{prev:04X} U+200D U+{next:04X}");
                }
            }
        }
        assert!(
            answered > probes.len() * probes.len() / 2,
            "{answered} answered"
        );
        assert_eq!(sets.joins_in_bitmaps(0x1F468, 0x1F469), Some(true));
        assert_eq!(sets.joins_in_bitmaps(0xFE0F, 0x1F308), Some(true));
        assert_eq!(sets.joins_in_bitmaps(0x1F3FE, 0x1F4BB), Some(true));
        assert_eq!(sets.joins_in_bitmaps(0x0627, 0x1F469), None);
        assert_eq!(sets.joins_in_bitmaps(0x1F468, 0x2764), None);
    }
}
