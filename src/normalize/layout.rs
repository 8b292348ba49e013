//! Steps 7–9: `case`, `max_repeat` and `whitespace`.

use super::alignment::Span;
use super::plan::CodeUnit;
use crate::config::{Case, Whitespace};
use crate::tables;
use crate::ucd::{is_letter, lowercase, WhiteSpace};

/// Step 7 for one code point: Simple_Lowercase_Mapping under `case = "lower"`.
pub fn case_map(c: u32, case: Case) -> u32 {
    match case {
        Case::Keep => c,
        Case::Lower => lowercase(c),
    }
}

/// Step 8: cut every run of more than `limit` identical letters to `limit`, in place,
/// removing the spans of the removed letters too (when given).
pub fn max_repeat<T: CodeUnit>(
    text: &mut Vec<T>,
    spans: Option<&mut Vec<Span>>,
    limit: Option<u32>,
) {
    let Some(limit) = limit else { return };
    let mut run = 0u32;
    let mut prev = None;
    let mut out = 0;
    let mut spans = spans;
    for i in 0..text.len() {
        let c: u32 = text[i].into();
        run = if prev == Some(c) {
            run.saturating_add(1)
        } else {
            1
        };
        prev = Some(c);
        if run <= limit || !is_letter(c) {
            text[out] = text[i];
            if let Some(spans) = spans.as_deref_mut() {
                spans[out] = spans[i];
            }
            out += 1;
        }
    }
    text.truncate(out);
    if let Some(spans) = spans {
        spans.truncate(out);
    }
}

/// Whether step 8 would remove anything from `text` (a read-only scan, so unchanged
/// text costs no writes).
pub fn max_repeat_changes<T: CodeUnit>(text: &[T], limit: Option<u32>) -> bool {
    let Some(limit) = limit else { return false };
    let mut run = 1u32;
    for w in text.windows(2) {
        if w[0].into() == w[1].into() {
            run = run.saturating_add(1);
            if run > limit && is_letter(w[1].into()) {
                return true;
            }
        } else {
            run = 1;
        }
    }
    false
}

/// Whether step 9 would change `text`: white space at either end, a run of two or
/// more, or a lone white space character other than U+0020 and U+000A.
pub fn collapse_changes<T: CodeUnit>(text: &[T], whitespace: Whitespace) -> bool {
    if whitespace == Whitespace::Keep || text.is_empty() {
        return false;
    }
    let bmp = WhiteSpace::get();
    let ws = |u: T| bmp.contains(u.into());
    if ws(text[0]) || ws(text[text.len() - 1]) {
        return true;
    }
    text.windows(2).any(|w| {
        let c: u32 = w[1].into();
        ws(w[1]) && (ws(w[0]) || (c != 0x20 && c != 0x0A))
    })
}

/// Step 9: collapse white space runs (one U+000A if the run holds a line break, else one
/// U+0020) and remove the runs at both ends, in place; a run's one code point maps to
/// the hull of the run's spans (when given). Returns whether anything changed.
pub fn collapse_whitespace<T: CodeUnit>(
    text: &mut Vec<T>,
    mut spans: Option<&mut Vec<Span>>,
    whitespace: Whitespace,
) -> bool {
    if whitespace == Whitespace::Keep {
        return false;
    }
    // The White_Space bitmap is fetched once, and nothing moves before the first run
    // that changes. Measured (DESIGN.md): asking `is_white_space` per character and
    // copying every unit onto itself took 42% of a `search` call on the news corpus.
    // (A branch-free form, one unit per step, was twice as slow: its steps form one
    // dependency chain through the output length.)
    let ws = WhiteSpace::get();
    let is_ws = |u: T| ws.contains(u.into());
    let n = text.len();
    let mut i = 0;
    while i < n && is_ws(text[i]) {
        i += 1; // white space at the start
    }
    let mut changed = i > 0;
    let mut out = 0;
    if !changed {
        loop {
            while i < n && !is_ws(text[i]) {
                i += 1;
            }
            if i == n {
                return false;
            }
            let c: u32 = text[i].into();
            if (c == 0x20 || c == 0x0A) && i + 1 < n && !is_ws(text[i + 1]) {
                i += 1; // a lone U+0020 or U+000A stays as it is
                continue;
            }
            out = i;
            break;
        }
    }
    while i < n {
        let u = text[i];
        if !is_ws(u) {
            text[out] = u;
            if let Some(spans) = spans.as_deref_mut() {
                spans[out] = spans[i];
            }
            out += 1;
            i += 1;
            continue;
        }
        let start = i;
        let mut line_break = false;
        while i < n && is_ws(text[i]) {
            line_break |= tables::LINE_BREAKS.contains(&text[i].into());
            i += 1;
        }
        if i == n {
            changed = true; // white space at the end
            break;
        }
        let single: u32 = if line_break { 0x0A } else { 0x20 };
        changed |= i - start != 1 || text[start].into() != single;
        text[out] = T::from_u32(single);
        if let Some(spans) = spans.as_deref_mut() {
            spans[out] = (spans[start].0, spans[i - 1].1);
        }
        out += 1;
    }
    text.truncate(out);
    if let Some(spans) = spans {
        spans.truncate(out);
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_repeat_cuts_letters_only() {
        let mut t: Vec<u32> = "جمييييل!!!!".chars().map(u32::from).collect();
        max_repeat(&mut t, None, Some(2));
        let s: String = t.iter().map(|&c| char::from_u32(c).unwrap()).collect();
        assert_eq!(s, "جمييل!!!!");
    }

    #[test]
    fn collapse_is_the_same_with_and_without_spans() {
        for text in [
            "",
            " ",
            "  \n ",
            "a",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "a \r\n b",
            "\u{2028}a\u{85} \u{A0}b\n",
            "a b\nc",
            "ab  \u{3000}\u{3000}c d\n\n",
            "x\u{1680}",
            "\u{2029}",
        ] {
            let t: Vec<u32> = text.chars().map(u32::from).collect();
            let (mut fast, mut slow) = (t.clone(), t.clone());
            let mut spans: Vec<Span> = (0..t.len()).map(|i| (i, i + 1)).collect();
            let a = collapse_whitespace(&mut fast, None, Whitespace::Collapse);
            let b = collapse_whitespace(&mut slow, Some(&mut spans), Whitespace::Collapse);
            assert_eq!(fast, slow, "{text:?}");
            assert_eq!(a, b, "{text:?}");
            assert_eq!(a, fast != t, "{text:?}");
        }
    }

    #[test]
    fn whitespace_collapses_and_trims() {
        let mut t: Vec<u32> = " a \t b\r\n\n c ".chars().map(u32::from).collect();
        collapse_whitespace(&mut t, None, Whitespace::Collapse);
        let s: String = t.iter().map(|&c| char::from_u32(c).unwrap()).collect();
        assert_eq!(s, "a b\nc");
    }
}
