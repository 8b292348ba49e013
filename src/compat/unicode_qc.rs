//! A quick check in front of the core NFC/NFKC for `camel.normalize_unicode`: text that is
//! already normalized is returned as it is, and only the segments that may change are
//! given to the core normalizer.
//!
//! This is the "quick check" and "normalization boundary" of UAX #15 (sections 9 and
//! 14.1), computed from the core's own Unicode 15.0.0 tables ([`crate::ucd`]) and its
//! own normalizer, so it cannot disagree with the core: a code point is *stable* when
//! normalizing it alone leaves it unchanged and it is not the second half of any
//! composition (so nothing before it can combine with it). A stable code point with
//! combining class 0 is a boundary: normalization never looks across one, so the text
//! between two boundaries normalizes on its own. The scan keeps the last boundary; at
//! the first code point that is not stable, or a combining mark out of canonical order
//! (e.g. U+0651 SHADDA, class 33, before U+064E FATHA, class 30), it hands the segment
//! from that boundary to the next one to the core and copies everything else.
//!
//! Measured (DESIGN.md): the core NFKC falls back to its staged path for any text with a
//! combining mark; this scan sends it only the short segments that need it.

use std::sync::OnceLock;

use super::CodeUnit;
use crate::{tables, ucd, Normalizer};

/// Class of a code point: `BOUNDARY` (stable, class 0), a stable mark's combining class
/// (1..=254), or `UNSTABLE`.
const BOUNDARY: u8 = 0;
const UNSTABLE: u8 = 255;

/// Hangul jamo that compose algorithmically with a preceding syllable or jamo (not in
/// the composition table): U+1161..U+1175 (V) and U+11A8..U+11C2 (T).
fn is_hangul_second(c: u32) -> bool {
    (0x1161..=0x1175).contains(&c) || (0x11A8..=0x11C2).contains(&c)
}

/// The quick-check classes of one normalization form.
pub struct QuickCheck {
    bmp: Box<[u8]>,
    /// Second halves of compositions past the BMP, sorted.
    astral_seconds: Vec<u32>,
    compat: bool,
}

impl QuickCheck {
    /// The classes for NFKC (`compat`) or NFC, as `normalizer` (which must be that
    /// form's core normalizer) sees them.
    pub fn new(normalizer: &Normalizer, compat: bool) -> QuickCheck {
        let mut seconds: Vec<u32> = tables::COMPOSITION.iter().map(|&(_, b, _)| b).collect();
        seconds.sort_unstable();
        seconds.dedup();
        let mut qc = QuickCheck {
            bmp: Box::new([]),
            astral_seconds: seconds.iter().copied().filter(|&c| c >= 0x10000).collect(),
            compat,
        };
        let mut bmp = vec![0u8; 0x10000];
        for (c, class) in (0u32..).zip(bmp.iter_mut()) {
            *class = if seconds.binary_search(&c).is_ok() {
                UNSTABLE
            } else {
                qc.class_slow(c, Some(normalizer))
            };
        }
        qc.bmp = bmp.into_boxed_slice();
        qc
    }

    /// The class of `c`; `normalizer` decides code points that have a decomposition
    /// (without it they count as unstable, which is always safe).
    fn class_slow(&self, c: u32, normalizer: Option<&Normalizer>) -> u8 {
        if is_hangul_second(c) {
            return UNSTABLE;
        }
        let ccc = ucd::combining_class(c);
        // Under NFKC the core also spells out U+FDFC and U+FDFD
        // (`seeds/rules/presentation_overrides.tsv`), which have no decomposition.
        let decomposes = ucd::decomposition(c, false).is_some()
            || (self.compat
                && (ucd::decomposition(c, true).is_some()
                    || tables::PRESENTATION_OVERRIDES.iter().any(|&(o, _)| o == c)));
        if !decomposes {
            return if ccc == UNSTABLE { UNSTABLE } else { ccc };
        }
        match normalizer {
            // A primary composite such as U+0623 ARABIC LETTER ALEF WITH HAMZA ABOVE
            // normalizes to itself: stable.
            Some(n) if !n.normalize_units(&[c], &mut Vec::new()) && ccc != UNSTABLE => ccc,
            _ => UNSTABLE,
        }
    }

    #[inline]
    fn class(&self, c: u32) -> u8 {
        if c < 0x10000 {
            return self.bmp[c as usize];
        }
        if self.astral_seconds.binary_search(&c).is_ok() {
            return UNSTABLE;
        }
        self.class_slow(c, None)
    }

    /// Normalize `input` with `normalizer` (this form's core normalizer) into `out`,
    /// returning `false` (and `out` empty) when the text is already normalized.
    pub fn normalize<U: CodeUnit>(
        &self,
        normalizer: &Normalizer,
        input: &[U],
        out: &mut Vec<u32>,
    ) -> bool {
        out.clear();
        let n = input.len();
        let mut seg = Vec::new();
        let (mut copied, mut boundary, mut last_ccc) = (0, 0, 0u8);
        let mut changed = false;
        let mut i = 0;
        while i < n {
            let k = self.class(input[i].into());
            if k == BOUNDARY {
                (boundary, last_ccc) = (i, 0);
                i += 1;
                continue;
            }
            if k != UNSTABLE && last_ccc <= k {
                last_ccc = k;
                i += 1;
                continue;
            }
            let end = (i + 1..n)
                .find(|&j| self.class(input[j].into()) == BOUNDARY)
                .unwrap_or(n);
            out.extend(input[copied..boundary].iter().map(|&u| u.into()));
            let segment = &input[boundary..end];
            if self.reorder_only(segment, out) {
                changed = true;
            } else if normalizer.normalize_units(segment, &mut seg) {
                changed = true;
                out.extend_from_slice(&seg);
            } else {
                out.extend(segment.iter().map(|&u| u.into()));
            }
            (copied, boundary, last_ccc, i) = (end, end, 0, end);
        }
        if !changed {
            out.clear();
            return false;
        }
        out.extend(input[copied..].iter().map(|&u| u.into()));
        true
    }
}

impl QuickCheck {
    /// If every code point of `segment` (a boundary, if any, then marks) is stable, its
    /// normal form is the canonical ordering of its marks (a stable sort by combining
    /// class): no stable code point decomposes or is the second half of a composition,
    /// so reordering them cannot enable one. Appends that to `out` and returns `true`;
    /// returns `false` (writing nothing) when some code point is unstable.
    ///
    /// This is the common case of diacritized Arabic, e.g. U+0651 SHADDA (33) before
    /// U+064E FATHA (30), and it spares the core normalizer's general path.
    fn reorder_only<U: CodeUnit>(&self, segment: &[U], out: &mut Vec<u32>) -> bool {
        let mut marks: Vec<(u8, u32)> = Vec::with_capacity(segment.len());
        for (j, &u) in segment.iter().enumerate() {
            let c: u32 = u.into();
            match self.class(c) {
                UNSTABLE => return false,
                BOUNDARY if j == 0 => {}
                k => marks.push((k, c)),
            }
        }
        marks.sort_by_key(|&(k, _)| k);
        if marks.len() < segment.len() {
            out.push(segment[0].into());
        }
        out.extend(marks.iter().map(|&(_, c)| c));
        true
    }
}

/// The quick check of NFKC (`compat`) or NFC, built on first use.
pub fn quick_check(normalizer: &Normalizer, compat: bool) -> &'static QuickCheck {
    static NFKC: OnceLock<QuickCheck> = OnceLock::new();
    static NFC: OnceLock<QuickCheck> = OnceLock::new();
    let cell = if compat { &NFKC } else { &NFC };
    cell.get_or_init(|| QuickCheck::new(normalizer, compat))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;

    fn normalizer(form: &str) -> Normalizer {
        let mut o = Options::preset("light").unwrap();
        for (k, v) in [
            ("unicode", form),
            ("invisible", "keep"),
            ("tatweel", "keep"),
        ] {
            o.set(k, v).unwrap();
        }
        Normalizer::new(o)
    }

    /// The quick check and the core alone agree, on texts built to hit every branch.
    #[test]
    fn agrees_with_the_core() {
        let texts = [
            "",
            "abc",
            "كَتَبَ",
            "كَّتَب",
            "بّـَ",
            "ا\u{654}ب",
            "\u{654}ا",
            "ﻷ ﷽ x",
            "e\u{301}\u{327}",
            "\u{1100}\u{1161}\u{11A8}",
            "가\u{11A8}",
            "\u{1E030}a",
            "ǖ",
            "ب\u{651}\u{64E}\u{650}ت",
            "\u{651}\u{64E}x",
            "a\u{10000}\u{1D15E}\u{1D165}",
            "\u{FDFC}",
            "\u{FB50}\u{64E}\u{651}",
        ];
        for (form, compat) in [("nfkc", true), ("nfc", false)] {
            let n = normalizer(form);
            let qc = QuickCheck::new(&n, compat);
            for t in texts {
                let input: Vec<u32> = t.chars().map(u32::from).collect();
                let (mut a, mut b) = (Vec::new(), Vec::new());
                let ca = qc.normalize(&n, &input, &mut a);
                let cb = n.normalize_units(&input, &mut b);
                assert_eq!(ca, cb, "{form} {t:?}");
                if ca {
                    assert_eq!(a, b, "{form} {t:?}");
                }
            }
        }
    }
}
