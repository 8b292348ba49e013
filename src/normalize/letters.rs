//! Step 4: letter folds (`alef`, `hamza_seats`, `alef_maksura`, `teh_marbuta`,
//! `persian`), from `seeds/rules/letter_folds.tsv`.
//!
//! The rows of the selected option values form one mapping, applied to a fixed point
//! (ى → ي → ی with `alef_maksura = "yeh"` and `persian = "to_persian"`), so folding is
//! idempotent. The one context rule is U+06CC ARABIC LETTER FARSI YEH under
//! `persian = "to_arabic"`: U+0649 at the end of a word, U+064A inside one.

use super::alignment::Aligned;
use crate::config::Options;
use crate::tables::{self, YEH_FINAL};
use crate::ucd::{is_letter, is_mark};

/// U+06CC ARABIC LETTER FARSI YEH.
pub const FARSI_YEH: u32 = 0x06CC;
/// U+0649 ARABIC LETTER ALEF MAKSURA.
pub const ALEF_MAKSURA: u32 = 0x0649;
/// U+064A ARABIC LETTER YEH.
pub const YEH: u32 = 0x064A;

/// The letter fold mapping selected by a set of options.
#[derive(Clone, Debug)]
pub struct LetterFolds {
    /// (from, to), sorted by `from`, each already followed to its fixed point.
    map: Vec<(u32, u32)>,
    /// Whether the `@yeh_final` rule for U+06CC is on.
    yeh_final: bool,
}

impl LetterFolds {
    /// The folds that `o` selects.
    pub fn new(o: &Options) -> LetterFolds {
        let selected = || {
            tables::LETTER_FOLDS
                .iter()
                .filter(|&&(option, value, _, _)| o.get(option) == value)
        };
        let direct: Vec<(u32, u32)> = selected()
            .filter(|r| r.3 != YEH_FINAL)
            .map(|r| (r.2, r.3))
            .collect();
        let step = |c: u32| direct.iter().find(|r| r.0 == c).map(|r| r.1);
        let mut map: Vec<(u32, u32)> = direct
            .iter()
            .map(|&(from, _)| {
                let mut c = from;
                for _ in 0..=direct.len() {
                    match step(c) {
                        Some(next) => c = next,
                        None => return (from, c),
                    }
                }
                panic!("seeds/rules/letter_folds.tsv: the folds of U+{from:04X} form a cycle")
            })
            .collect();
        map.sort_unstable();
        map.dedup_by_key(|r| r.0);
        LetterFolds {
            map,
            yeh_final: selected().any(|r| r.3 == YEH_FINAL),
        }
    }

    /// The fold of `c` (without the context rule).
    pub fn fold(&self, c: u32) -> u32 {
        self.map
            .binary_search_by_key(&c, |r| r.0)
            .map_or(c, |i| self.map[i].1)
    }

    /// Whether U+06CC depends on its context.
    pub fn has_yeh_final(&self) -> bool {
        self.yeh_final
    }

    /// The result for U+06CC under the `@yeh_final` rule.
    pub fn farsi_yeh(&self, at_word_end: bool) -> u32 {
        self.fold(if at_word_end { ALEF_MAKSURA } else { YEH })
    }

    /// Step 4 over a whole text.
    pub fn apply(&self, mut input: Aligned) -> Aligned {
        for i in 0..input.text.len() {
            let c = input.text[i];
            input.text[i] = if self.yeh_final && c == FARSI_YEH {
                self.farsi_yeh(at_word_end(&input.text[i + 1..]))
            } else {
                self.fold(c)
            };
        }
        input
    }
}

/// `true` when the first character of `rest` that is not a mark is not a letter (or
/// there is none): the character before `rest` ends a word.
pub fn at_word_end(rest: &[u32]) -> bool {
    rest.iter()
        .find(|&&c| !is_mark(c))
        .is_none_or(|&c| !is_letter(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_reach_a_fixed_point() {
        let mut o = Options::preset("light").unwrap();
        o.set("alef_maksura", "yeh").unwrap();
        o.set("persian", "to_persian").unwrap();
        let f = LetterFolds::new(&o);
        assert_eq!(f.fold(ALEF_MAKSURA), FARSI_YEH);
        assert_eq!(f.fold(YEH), FARSI_YEH);
    }

    #[test]
    fn farsi_yeh_depends_on_the_next_non_mark() {
        let mut o = Options::preset("light").unwrap();
        o.set("persian", "to_arabic").unwrap();
        let f = LetterFolds::new(&o);
        // فی → فى ; فیه → فيه ; فیَ → فىَ
        let fold = |t: Vec<u32>| f.apply(Aligned::identity(t)).text;
        assert_eq!(fold(vec![0x0641, FARSI_YEH]), vec![0x0641, ALEF_MAKSURA]);
        assert_eq!(
            fold(vec![0x0641, FARSI_YEH, 0x0647]),
            vec![0x0641, YEH, 0x0647]
        );
        assert_eq!(
            fold(vec![0x0641, FARSI_YEH, 0x064E]),
            vec![0x0641, ALEF_MAKSURA, 0x064E]
        );
    }
}
