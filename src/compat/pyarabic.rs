//! PyArabic 0.6.15 (`pyarabic.araby`, `pyarabic.normalize`), exactly.
//!
//! The per-code-point functions are maps of `seeds/compat/pyarabic.tsv`. Three functions
//! depend on context, each written out below. PyArabic first checks `is_vocalized`
//! (whether the text has one of U+064B..U+0652) in `strip_harakat`, `strip_tashkeel`,
//! `strip_lastharaka` and `normalize_searchtext`; a text without one of those has
//! nothing these functions remove, so the check never changes a result and is not
//! repeated here.

use super::{tables, CodeUnit, LazyMap};

/// `strip_tashkeel`: removes U+064B..U+0652 (tanwin, harakat, shadda, sukun).
pub static STRIP_TASHKEEL: LazyMap = LazyMap::new(&tables::PYARABIC_STRIP_TASHKEEL);
/// `strip_harakat`: removes U+064B..U+0650 and U+0652; keeps U+0651 SHADDA.
pub static STRIP_HARAKAT: LazyMap = LazyMap::new(&tables::PYARABIC_STRIP_HARAKAT);
/// `strip_shadda`: removes U+0651 ARABIC SHADDA.
pub static STRIP_SHADDA: LazyMap = LazyMap::new(&tables::PYARABIC_STRIP_SHADDA);
/// `strip_tatweel`: removes U+0640 ARABIC TATWEEL.
pub static STRIP_TATWEEL: LazyMap = LazyMap::new(&tables::PYARABIC_STRIP_TATWEEL);
/// `strip_small`: removes U+0670, U+06E5, U+06E6.
pub static STRIP_SMALL: LazyMap = LazyMap::new(&tables::PYARABIC_STRIP_SMALL);
/// `strip_diacritics`: removes the General_Category Mn characters of U+0600..U+06FE
/// (as of Unicode 14.0).
pub static STRIP_DIACRITICS: LazyMap = LazyMap::new(&tables::PYARABIC_STRIP_DIACRITICS);
/// `normalize_ligature`: U+FEF5, U+FEF7, U+FEF9, U+FEFB → U+0644 U+0627 (لا).
pub static NORMALIZE_LIGATURE: LazyMap = LazyMap::new(&tables::PYARABIC_NORMALIZE_LIGATURE);
/// `normalize_hamza(method="tasheel")`: hamza carriers to their bare letter.
pub static NORMALIZE_HAMZA_TASHEEL: LazyMap =
    LazyMap::new(&tables::PYARABIC_NORMALIZE_HAMZA_TASHEEL);
/// `normalize_teh`: U+0629 → U+0647.
pub static NORMALIZE_TEH: LazyMap = LazyMap::new(&tables::PYARABIC_NORMALIZE_TEH);
/// `pyarabic.normalize.normalize_searchtext`: the composition of its five steps.
pub static NORMALIZE_SEARCHTEXT: LazyMap = LazyMap::new(&tables::PYARABIC_NORMALIZE_SEARCHTEXT);

pub(super) static STRIP_TANWIN: LazyMap = LazyMap::new(&tables::PYARABIC_STRIP_TANWIN);
pub(super) static HAMZA_UNIFORM: LazyMap = LazyMap::new(&tables::PYARABIC_NORMALIZE_HAMZA_UNIFORM);
pub(super) static ALEF: LazyMap = LazyMap::new(&tables::PYARABIC_NORMALIZE_ALEF);

const HAMZA: u32 = 0x0621;
const ALEF_MADDA: u32 = 0x0622;
const ALEF_LETTER: u32 = 0x0627;
const ALEF_MAKSURA: u32 = 0x0649;
const SHADDA: u32 = 0x0651;
const SUPERSCRIPT_ALEF: u32 = 0x0670;
const LINE_FEED: u32 = 0x000A;

/// Whether `c` is one of PyArabic's HARAKAT (U+064B..U+0650, U+0652).
fn is_haraka(c: u32) -> bool {
    !STRIP_HARAKAT.get().keeps(c)
}

/// `strip_lastharaka`: removes every tanwin (U+064B..U+064D) and the haraka that ends
/// the text, where "ends" is Python's `$`: the last code point, or the one before a
/// final U+000A LINE FEED. `كِتَابٌ` → `كِتَاب`; `كَتَبَ` → `كَتَب`.
pub fn strip_lastharaka<U: CodeUnit>(input: &[U], out: &mut Vec<u32>) -> bool {
    out.clear();
    let n = input.len();
    let at_end = |i: usize| i + 1 == n || (i + 2 == n && input[n - 1].into() == LINE_FEED);
    let removed = |i: usize| {
        let c: u32 = input[i].into();
        !STRIP_TANWIN.get().keeps(c) || (is_haraka(c) && at_end(i))
    };
    let Some(first) = (0..n).position(removed) else {
        return false;
    };
    out.reserve(n);
    out.extend(input[..first].iter().map(|&u| u.into()));
    out.extend((first..n).filter(|&i| !removed(i)).map(|i| input[i].into()));
    true
}

/// The index of the haraka `strip_lastharaka` removes at the end of the text, if it is
/// not a tanwin (those go anyway): the last code point, or the one before a final
/// U+000A LINE FEED.
pub(super) fn lastharaka_cut<U: CodeUnit>(input: &[U]) -> Option<usize> {
    let n = input.len();
    let k = match input {
        [.., lf] if (*lf).into() == LINE_FEED => n.checked_sub(2)?,
        _ => n.checked_sub(1)?,
    };
    let c: u32 = input[k].into();
    (is_haraka(c) && STRIP_TANWIN.get().keeps(c)).then_some(k)
}

/// Whether `normalize_hamza_uniform` turns the U+0622 that starts `input` into HAMZA
/// ALEF rather than two hamzas.
pub(super) fn hamza_alef_start<U: CodeUnit>(input: &[U]) -> bool {
    input.len() >= 3
        && input[0].into() == ALEF_MADDA
        && !is_haraka(input[1].into())
        && (input[2].into() == SHADDA || input.len() == 3)
}

/// `normalize_hamza(word, method="uniform")`: every hamza form to U+0621 ARABIC LETTER
/// HAMZA, U+0622 ALEF WITH MADDA to two hamzas (`seeds/compat/pyarabic.tsv`), except
/// that a U+0622 that starts the text, followed by a code point that is no haraka and
/// then by U+0651 SHADDA or by exactly one more code point, becomes HAMZA ALEF:
/// `آمن` → `ءامن`, `آمال` → `ءءمال`.
pub fn normalize_hamza_uniform<U: CodeUnit>(input: &[U], out: &mut Vec<u32>) -> bool {
    let n = input.len();
    if !hamza_alef_start(input) {
        return HAMZA_UNIFORM.apply(input, out);
    }
    out.clear();
    out.reserve(n + 1);
    out.extend_from_slice(&[HAMZA, ALEF_LETTER]);
    let map = HAMZA_UNIFORM.get();
    for &u in &input[1..] {
        map.push(u.into(), out);
    }
    true
}

/// `normalize_alef`: first a U+0670 SUPERSCRIPT ALEF directly before U+0649 ALEF MAKSURA
/// is removed, then (in the result) one directly after U+0649; then U+0622, U+0623,
/// U+0625, U+0649, U+0670, U+0671 become U+0627 ARABIC LETTER ALEF. `على` → `علا`.
pub fn normalize_alef<U: CodeUnit>(input: &[U], out: &mut Vec<u32>) -> bool {
    let map = ALEF.get();
    let n = input.len();
    let at = |i: usize| -> u32 { input[i].into() };
    // Pass 1 (`replace(U+0670 U+0649, U+0649)`): drop a U+0670 followed by U+0649.
    let drop1 = |i: usize| at(i) == SUPERSCRIPT_ALEF && i + 1 < n && at(i + 1) == ALEF_MAKSURA;
    // Pass 2 runs on pass 1's output: a U+0670 whose predecessor there is U+0649. The
    // predecessor of a kept code point in pass 1's output is the last kept one before it.
    out.clear();
    let mut changed = false;
    let mut prev_kept: Option<u32> = None;
    for i in 0..n {
        let c = at(i);
        if drop1(i) {
            changed = true;
            continue;
        }
        let drop2 = c == SUPERSCRIPT_ALEF && prev_kept == Some(ALEF_MAKSURA);
        prev_kept = Some(c);
        if drop2 {
            changed = true;
            continue;
        }
        changed |= !map.keeps(c);
        map.push(c, out);
    }
    if !changed {
        out.clear();
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(f: fn(&[u32], &mut Vec<u32>) -> bool, s: &str) -> String {
        let input: Vec<u32> = s.chars().map(u32::from).collect();
        let mut out = Vec::new();
        if !f(&input, &mut out) {
            return s.to_string();
        }
        out.iter().map(|&c| char::from_u32(c).unwrap()).collect()
    }

    #[test]
    fn lastharaka() {
        assert_eq!(run(strip_lastharaka, "كِتَابٌ"), "كِتَاب");
        assert_eq!(run(strip_lastharaka, "كَتَبَ\n"), "كَتَب\n");
        assert_eq!(run(strip_lastharaka, "كَتَبَ\n\n"), "كَتَبَ\n\n");
        assert_eq!(run(strip_lastharaka, "كتب"), "كتب");
    }

    #[test]
    fn hamza_uniform() {
        assert_eq!(run(normalize_hamza_uniform, "آمن"), "ءامن");
        assert_eq!(run(normalize_hamza_uniform, "آمال"), "ءءمال");
        assert_eq!(run(normalize_hamza_uniform, "آمّن"), "ءامّن");
        assert_eq!(run(normalize_hamza_uniform, "سؤال"), "سءال");
    }

    #[test]
    fn alef() {
        assert_eq!(run(normalize_alef, "على"), "علا");
        assert_eq!(run(normalize_alef, "\u{670}\u{649}"), "ا");
        assert_eq!(run(normalize_alef, "\u{649}\u{670}\u{670}"), "اا");
        assert_eq!(run(normalize_alef, "\u{670}\u{649}\u{670}"), "ا");
    }
}
