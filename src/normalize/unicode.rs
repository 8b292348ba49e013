//! Step 1, option `unicode`: NFC/NFKC (UAX #15) and the `arabic` form.
//!
//! Implemented here on code point slices rather than with a `char`-based crate because
//! the input may hold lone surrogates (any Python `str` can), which are not `char`s;
//! UAX #15 treats them as starters without decomposition, and so do we.

use std::sync::OnceLock;

use super::alignment::{Aligned, Span};
use crate::config::UnicodeForm;
use crate::tables;
use crate::ucd::{combining_class, composition, decomposition, in_ranges};

const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

/// The replacement of U+FDFC/U+FDFD from `seeds/rules/presentation_overrides.tsv`.
pub fn presentation_override(c: u32) -> Option<&'static str> {
    tables::PRESENTATION_OVERRIDES
        .iter()
        .find(|&&(k, _)| k == c)
        .map(|&(_, s)| s)
}

fn push_decomposition(c: u32, compat: bool, out: &mut Vec<u32>) {
    if (S_BASE..S_BASE + S_COUNT).contains(&c) {
        let s = c - S_BASE;
        out.push(L_BASE + s / N_COUNT);
        out.push(V_BASE + (s % N_COUNT) / T_COUNT);
        if !s.is_multiple_of(T_COUNT) {
            out.push(T_BASE + s % T_COUNT);
        }
        return;
    }
    if compat {
        if let Some(s) = presentation_override(c) {
            out.extend(s.chars().map(u32::from));
            return;
        }
    }
    match decomposition(c, compat) {
        Some(d) => out.extend_from_slice(d),
        None => out.push(c),
    }
}

/// The composite of `a` + `b` including Hangul, if any.
pub fn compose_pair(a: u32, b: u32) -> Option<u32> {
    if (L_BASE..L_BASE + L_COUNT).contains(&a) && (V_BASE..V_BASE + V_COUNT).contains(&b) {
        return Some(S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT);
    }
    if (S_BASE..S_BASE + S_COUNT).contains(&a)
        && (a - S_BASE).is_multiple_of(T_COUNT)
        && (T_BASE + 1..T_BASE + T_COUNT).contains(&b)
    {
        return Some(a + (b - T_BASE));
    }
    composition(a, b)
}

/// `true` if `c` can be the second character of a canonical composition (NFC_Quick_Check
/// = Maybe): such a character may merge with what precedes it.
pub fn is_composition_second(c: u32) -> bool {
    static SECONDS: OnceLock<Vec<u32>> = OnceLock::new();
    let seconds = SECONDS.get_or_init(|| {
        let mut v: Vec<u32> = tables::COMPOSITION.iter().map(|r| r.1).collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    (V_BASE..V_BASE + V_COUNT).contains(&c)
        || (T_BASE + 1..T_BASE + T_COUNT).contains(&c)
        || seconds.binary_search(&c).is_ok()
}

/// NFC (`compat = false`) or NFKC of `input`.
///
/// # Examples
/// ```
/// use arnorm::normalize::unicode::normal_form;
/// assert_eq!(normal_form(&[0x65, 0x301], false), vec![0xE9]); // e + U+0301 → é
/// assert_eq!(normal_form(&[0xFB01], true), vec![0x66, 0x69]); // ﬁ → fi
/// ```
pub fn normal_form(input: &[u32], compat: bool) -> Vec<u32> {
    normal_form_aligned(Aligned::identity(input.to_vec()), compat).text
}

/// NFC or NFKC with the alignment kept. A decomposed code point maps to its source,
/// reordered marks keep theirs, a composite maps to the hull of its two parts; then
/// every group of code points whose spans overlap or run backwards (marks that were
/// reordered, a starter that absorbed a mark past others) maps to the group's hull, so
/// the spans are monotone again (see [`Aligned::make_monotone`]).
pub fn normal_form_aligned(input: Aligned, compat: bool) -> Aligned {
    let mut d = Aligned::with_capacity(input.text.len());
    let mut buf = Vec::new();
    for (&c, &span) in input.text.iter().zip(&input.spans) {
        buf.clear();
        push_decomposition(c, compat, &mut buf);
        for &x in &buf {
            d.push(x, span);
        }
    }
    // Canonical ordering: a stable sort of each run of non-starters by combining class.
    let mut i = 0;
    while i < d.text.len() {
        if combining_class(d.text[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < d.text.len() && combining_class(d.text[i]) != 0 {
            i += 1;
        }
        if !d.text[start..i].is_sorted_by_key(|&c| combining_class(c)) {
            let mut run: Vec<(u32, Span)> = d.text[start..i]
                .iter()
                .copied()
                .zip(d.spans[start..i].iter().copied())
                .collect();
            run.sort_by_key(|&(c, _)| combining_class(c));
            for (k, (c, span)) in run.into_iter().enumerate() {
                d.text[start + k] = c;
                d.spans[start + k] = span;
            }
        }
    }
    // Canonical composition. `last_ccc` is the class of the last character kept since
    // the starter (0 when none): a later character is blocked by one of class 0 (only
    // adjacency counts then) or of a class >= its own.
    let mut out = Aligned::with_capacity(d.text.len());
    let mut starter: Option<usize> = None;
    let mut last_ccc = 0u8;
    for (c, span) in d.text.into_iter().zip(d.spans) {
        let cc = combining_class(c);
        if let Some(s) = starter {
            if last_ccc == 0 || last_ccc < cc {
                if let Some(composite) = compose_pair(out.text[s], c) {
                    out.text[s] = composite;
                    let first = out.spans[s];
                    out.spans[s] = (first.0.min(span.0), first.1.max(span.1));
                    continue;
                }
            }
        }
        if cc == 0 {
            starter = Some(out.text.len());
        }
        last_ccc = cc;
        out.push(c, span);
    }
    out.make_monotone();
    out
}

/// The `arabic` form: presentation forms replaced, then Arabic letter+mark pairs composed.
pub fn arabic_form(input: &[u32]) -> Vec<u32> {
    arabic_form_aligned(Aligned::identity(input.to_vec())).text
}

/// The `arabic` form with the alignment kept.
pub fn arabic_form_aligned(input: Aligned) -> Aligned {
    let mut expanded = Aligned::with_capacity(input.text.len());
    for (c, span) in input.text.into_iter().zip(input.spans) {
        if in_ranges(tables::PRESENTATION_BLOCKS, c) {
            match presentation_override(c) {
                Some(s) => s.chars().for_each(|x| expanded.push(u32::from(x), span)),
                None => normal_form(&[c], true)
                    .into_iter()
                    .for_each(|x| expanded.push(x, span)),
            }
        } else {
            expanded.push(c, span);
        }
    }
    let mut out = Aligned::with_capacity(expanded.text.len());
    for (c, span) in expanded.text.into_iter().zip(expanded.spans) {
        if let Some(&prev) = out.text.last() {
            if let Some(&(_, _, composed)) = tables::ARABIC_COMPOSITION
                .iter()
                .find(|&&(base, mark, _)| base == prev && mark == c)
            {
                let last = out.text.len() - 1;
                out.text[last] = composed;
                out.spans[last].1 = span.1;
                continue;
            }
        }
        out.push(c, span);
    }
    out
}

/// Step 1 under `form`.
pub fn apply(input: Aligned, form: UnicodeForm) -> Aligned {
    match form {
        UnicodeForm::Arabic => arabic_form_aligned(input),
        UnicodeForm::Nfc => normal_form_aligned(input, false),
        UnicodeForm::Nfkc => normal_form_aligned(input, true),
        UnicodeForm::None => input,
    }
}

/// Whether step 1 under `form` leaves `text` unchanged.
pub fn is_stable(text: &[u32], form: UnicodeForm) -> bool {
    match form {
        UnicodeForm::Arabic => arabic_form(text) == text,
        UnicodeForm::Nfc => normal_form(text, false) == text,
        UnicodeForm::Nfkc => normal_form(text, true) == text,
        UnicodeForm::None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_round_trips() {
        assert_eq!(normal_form(&[0x1100, 0x1161, 0x11A8], false), vec![0xAC01]);
        assert_eq!(normal_form(&[0xAC01], false), vec![0xAC01]);
    }

    #[test]
    fn arabic_form_composes_only_adjacent_pairs() {
        assert_eq!(arabic_form(&[0x0627, 0x0654]), vec![0x0623]);
        assert_eq!(
            arabic_form(&[0x0627, 0x064E, 0x0654]),
            vec![0x0627, 0x064E, 0x0654]
        );
        assert_eq!(arabic_form(&[0xFEFB]), vec![0x0644, 0x0627]);
        assert_eq!(arabic_form(&[0x00E9]), vec![0x00E9]);
    }

    #[test]
    fn lone_surrogates_are_starters() {
        assert_eq!(normal_form(&[0xD800, 0x0301], false), vec![0xD800, 0x0301]);
    }
}
