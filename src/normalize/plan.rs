//! The compiled form of a set of options: one table entry per code point for steps 1–7,
//! and the kernel that applies it.
//!
//! Most code points map to themselves or to a fixed string whatever their neighbours
//! are, so steps 1–7 fuse into one lookup per code point: a flat 64K-entry table for the
//! BMP (where all Arabic lives) and a sorted list for the rest. The entry is computed by
//! running the staged pipeline on the code point alone, so both paths share every rule.
//! Three kinds of code points need context:
//! * digit separators under `punctuation = "space"` and U+06CC under
//!   `persian = "to_arabic"`: the kernel looks at the neighbours itself;
//! * anything that can compose with, or reorder against, its neighbours under step 1
//!   (combining marks under `nfc`/`nfkc`, U+0653..U+0655 under `arabic`): the kernel
//!   hands the whole text to the staged path ([`super::staged`]).

use std::sync::OnceLock;

use super::alignment::{Aligned, Span};
use super::letters::{at_word_end, LetterFolds, FARSI_YEH, YEH};
use super::punctuation::separator_written;
use super::staged::{self, steps_1_to_3};
use super::unicode::{self, is_composition_second};
use super::{digits, layout, marks};
use crate::config::{Options, Punctuation, Strip, UnicodeForm, Whitespace};
use crate::tables;
use crate::ucd::{combining_class, is_mark};

/// A code unit of a text: `u8` (Latin-1), `u16` (UCS-2) or `u32` (UCS-4 or any code
/// point), as CPython stores strings (PEP 393). Every unit is one code point.
pub trait CodeUnit: Copy + Into<u32> + Send + Sync + 'static {}
impl CodeUnit for u8 {}
impl CodeUnit for u16 {}
impl CodeUnit for u32 {}

/// The code units of a text of any width, borrowed.
#[derive(Clone, Copy, Debug)]
pub enum Units<'a> {
    /// Latin-1 (every code point < U+0100).
    Ucs1(&'a [u8]),
    /// Every code point < U+10000 (lone surrogates included).
    Ucs2(&'a [u16]),
    /// Any code point.
    Ucs4(&'a [u32]),
}

impl Units<'_> {
    /// The number of code points.
    pub fn len(&self) -> usize {
        match self {
            Units::Ucs1(u) => u.len(),
            Units::Ucs2(u) => u.len(),
            Units::Ucs4(u) => u.len(),
        }
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Call a generic function `$f::<U>(units, ...)` for the width of `$units`.
#[macro_export]
macro_rules! with_units {
    ($units:expr, |$u:ident| $body:expr) => {
        match $units {
            $crate::normalize::Units::Ucs1($u) => $body,
            $crate::normalize::Units::Ucs2($u) => $body,
            $crate::normalize::Units::Ucs4($u) => $body,
        }
    };
}

// Entry layout: tag in the top 8 bits, payload (a code point or an index) below.
const TAG_SHIFT: u32 = 24;
const PAYLOAD: u32 = (1 << TAG_SHIFT) - 1;
const CHAR: u32 = 0;
const DELETE: u32 = 1;
const EXPAND: u32 = 2;
const STAGED: u32 = 3;
const DIGIT_SEPARATOR: u32 = 4;
const FARSI_YEH_CONTEXT: u32 = 5;

const fn entry(tag: u32, payload: u32) -> u32 {
    (tag << TAG_SHIFT) | payload
}

/// Where the kernel records the alignment: `()` records nothing (plain `normalize`
/// pays nothing for alignment), a `Vec<Span>` records one span per output code point.
pub trait SpanSink {
    /// Output code points `n` more came from input code point `i`.
    fn push_n(&mut self, i: usize, n: usize);
    /// The recorded spans, if any are recorded.
    fn spans(&mut self) -> Option<&mut Vec<Span>>;
}

impl SpanSink for () {
    #[inline(always)]
    fn push_n(&mut self, _: usize, _: usize) {}
    fn spans(&mut self) -> Option<&mut Vec<Span>> {
        None
    }
}

impl SpanSink for Vec<Span> {
    #[inline]
    fn push_n(&mut self, i: usize, n: usize) {
        self.extend(std::iter::repeat_n((i, i + 1), n));
    }
    fn spans(&mut self) -> Option<&mut Vec<Span>> {
        Some(self)
    }
}

/// The kernel met a code point that needs the staged path.
struct NeedsStaged;

/// The compiled options.
pub struct Plan {
    options: Options,
    folds: LetterFolds,
    bmp: Box<[u32]>,
    astral: Vec<(u32, u32)>,
    /// Expansion strings, concatenated; an `EXPAND` entry's payload indexes `spans`.
    pool: Vec<u32>,
    spans: Vec<(u32, u32)>,
}

impl Plan {
    /// Compile `options`.
    pub fn new(options: Options) -> Plan {
        let folds = LetterFolds::new(&options);
        let mut plan = Plan {
            options,
            folds,
            bmp: (0..0x10000u32).collect(),
            astral: Vec::new(),
            pool: Vec::new(),
            spans: Vec::new(),
        };
        for &c in candidates() {
            let e = plan.compile(c);
            if e == entry(CHAR, c) {
                continue;
            }
            if c < 0x10000 {
                plan.bmp[c as usize] = e;
            } else {
                plan.astral.push((c, e));
            }
        }
        plan
    }

    /// The options this plan was compiled from.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The letter folds of the options.
    pub fn folds(&self) -> &LetterFolds {
        &self.folds
    }

    fn compile(&mut self, c: u32) -> u32 {
        let o = self.options;
        let alone = || Aligned::identity(vec![c]);
        let s13 = steps_1_to_3(alone(), &o);
        let (full, rounds) = staged::rounds(alone(), &o, &self.folds);
        let full = full.text;
        if rounds > 1 || !unicode::is_stable(&full, o.unicode) {
            return entry(STAGED, 0);
        }
        let s15 = staged::steps_4_to_5(s13.clone(), &o, &self.folds).text;
        let s13 = s13.text;
        if o.invisible == Strip::Strip && c == marks::ZWJ {
            return entry(STAGED, 0); // kept inside emoji ZWJ sequences
        }
        if self.folds.has_yeh_final() && s13.contains(&FARSI_YEH) {
            return if s13 == [FARSI_YEH] {
                entry(FARSI_YEH_CONTEXT, 0)
            } else {
                entry(STAGED, 0)
            };
        }
        if o.punctuation == Punctuation::Space {
            if let Some(&sep) = s15.iter().find(|&&x| separator_written(x).is_some()) {
                return if s15.len() == 1 {
                    let written = separator_written(sep).expect("a separator");
                    entry(DIGIT_SEPARATOR, layout::case_map(written, o.case))
                } else {
                    entry(STAGED, 0)
                };
            }
        }
        let context_sensitive = match o.unicode {
            UnicodeForm::None => false,
            UnicodeForm::Arabic => {
                is_arabic_composing_mark(c) || full.iter().any(|&x| is_arabic_composing_mark(x))
            }
            UnicodeForm::Nfc | UnicodeForm::Nfkc => {
                // A character deleted whole cannot compose; one of class 0 that is no
                // composition second, with output of the same kind, cannot interact.
                is_composition_second(c)
                    || (!full.is_empty()
                        && (combining_class(c) != 0
                            || full
                                .iter()
                                .any(|&x| combining_class(x) != 0 || is_composition_second(x))))
            }
        };
        if context_sensitive {
            return entry(STAGED, 0);
        }
        match full.as_slice() {
            [] => entry(DELETE, 0),
            &[x] => entry(CHAR, x),
            many => {
                let start = self.pool.len() as u32;
                self.pool.extend_from_slice(many);
                self.spans.push((start, many.len() as u32));
                entry(EXPAND, self.spans.len() as u32 - 1)
            }
        }
    }

    #[inline]
    fn entry_of(&self, c: u32) -> u32 {
        if c < 0x10000 {
            self.bmp[c as usize]
        } else {
            match self.astral.binary_search_by_key(&c, |&(k, _)| k) {
                Ok(i) => self.astral[i].1,
                Err(_) => entry(CHAR, c),
            }
        }
    }

    fn expansion(&self, payload: u32) -> &[u32] {
        let (start, len) = self.spans[payload as usize];
        &self.pool[start as usize..(start + len) as usize]
    }

    /// Steps 1–7 by table lookup; `Err` when the text needs the staged path.
    /// Returns whether anything changed.
    fn fused<U: CodeUnit, S: SpanSink>(
        &self,
        input: &[U],
        out: &mut Vec<u32>,
        spans: &mut S,
    ) -> Result<bool, NeedsStaged> {
        out.clear();
        out.reserve(input.len());
        if let Some(v) = spans.spans() {
            v.clear();
        }
        let mut changed = false;
        for (i, &unit) in input.iter().enumerate() {
            let c: u32 = unit.into();
            let e = self.entry_of(c);
            let payload = e & PAYLOAD;
            match e >> TAG_SHIFT {
                CHAR => {
                    changed |= payload != c;
                    out.push(payload);
                    spans.push_n(i, 1);
                }
                DELETE => changed = true,
                EXPAND => {
                    let expansion = self.expansion(payload);
                    out.extend_from_slice(expansion);
                    spans.push_n(i, expansion.len());
                    changed = true;
                }
                DIGIT_SEPARATOR => {
                    let prev_digit = out.last().is_some_and(|&p| digits::is_digit(p));
                    let next_digit = prev_digit
                        && self
                            .next_output(&input[i + 1..], false)?
                            .is_some_and(digits::is_digit);
                    let v = if next_digit { payload } else { 0x20 };
                    changed |= v != c;
                    out.push(v);
                    spans.push_n(i, 1);
                }
                FARSI_YEH_CONTEXT => {
                    let next = self.next_output(&input[i + 1..], true)?;
                    let v = self.folds.farsi_yeh(next.is_none_or(|n| at_word_end(&[n])));
                    let v = layout::case_map(v, self.options.case);
                    changed |= v != c;
                    out.push(v);
                    spans.push_n(i, 1);
                }
                _ => return Err(NeedsStaged),
            }
        }
        Ok(changed)
    }

    /// The first code point the characters of `rest` produce (skipping marks when
    /// `skip_marks`), as far as the context rules need it.
    fn next_output<U: CodeUnit>(
        &self,
        rest: &[U],
        skip_marks: bool,
    ) -> Result<Option<u32>, NeedsStaged> {
        for &unit in rest {
            let e = self.entry_of(unit.into());
            let payload = e & PAYLOAD;
            match e >> TAG_SHIFT {
                CHAR if skip_marks && is_mark(payload) => {}
                CHAR | DIGIT_SEPARATOR => return Ok(Some(payload)),
                DELETE => {}
                EXPAND => {
                    let first = self
                        .expansion(payload)
                        .iter()
                        .copied()
                        .find(|&x| !(skip_marks && is_mark(x)));
                    if first.is_some() {
                        return Ok(first);
                    }
                }
                FARSI_YEH_CONTEXT => return Ok(Some(YEH)),
                _ => return Err(NeedsStaged),
            }
        }
        Ok(None)
    }

    /// The whole pipeline on `input`, written to `out`, with the alignment recorded in
    /// `spans` (see [`SpanSink`]). Returns `true` when the output differs from the input.
    pub fn run<U: CodeUnit, S: SpanSink>(
        &self,
        input: &[U],
        out: &mut Vec<u32>,
        spans: &mut S,
    ) -> bool {
        let mut changed = match self.fused(input, out, spans) {
            Ok(changed) => changed,
            Err(NeedsStaged) => {
                let text: Vec<u32> = input.iter().map(|&u| u.into()).collect();
                let aligned = staged::rounds(Aligned::identity(text), &self.options, &self.folds).0;
                *out = aligned.text;
                if let Some(v) = spans.spans() {
                    *v = aligned.spans;
                }
                false // decided by comparing below
            }
        };
        let before = out.len();
        layout::max_repeat(out, spans.spans(), self.options.max_repeat);
        changed |= out.len() != before;
        changed |= layout::collapse_whitespace(out, spans.spans(), self.options.whitespace);
        changed || !same(input, out)
    }
}

/// Steps 1–7 straight from UTF-8 to UTF-8 (see [`Plan::run_utf8`]).
impl Plan {
    /// Whether [`Plan::run_utf8`] can apply: steps 8 (`max_repeat`) and 9
    /// (`whitespace`) do nothing under these options.
    fn utf8_direct(&self) -> bool {
        self.options.max_repeat.is_none() && self.options.whitespace == Whitespace::Keep
    }

    /// The whole pipeline from UTF-8 to UTF-8, appended to `out`, without decoding the
    /// text into code points first: unchanged runs of bytes are copied as they are, and
    /// only code points that change are written anew. Returns whether anything changed,
    /// or `None` when the text needs context (a `STAGED` or context entry) or the
    /// options have steps 8 or 9: the caller then truncates `out` back and runs
    /// [`Plan::run`]. On every other text both give the same result, since this is the
    /// fused kernel's table without its context cases.
    ///
    /// Measured (DESIGN.md): this removed the per-line `Vec<u32>` decode, the
    /// comparison with the input and the per-character re-encoding, which together were
    /// ~60% of a streaming run's CPU time.
    pub fn run_utf8(&self, text: &str, out: &mut Vec<u8>) -> Option<bool> {
        if !self.utf8_direct() {
            return None;
        }
        let bytes = text.as_bytes();
        let mut copied = 0; // bytes of `text` before this are in `out`
        let mut changed = false;
        let mut i = 0;
        while i < bytes.len() {
            let (c, len) = decode_utf8(bytes, i);
            let e = self.entry_of(c);
            if e == entry(CHAR, c) {
                i += len;
                continue;
            }
            out.extend_from_slice(&bytes[copied..i]);
            let payload = e & PAYLOAD;
            match e >> TAG_SHIFT {
                CHAR => push_utf8(out, payload),
                DELETE => {}
                EXPAND => {
                    for &x in self.expansion(payload) {
                        push_utf8(out, x);
                    }
                }
                _ => return None,
            }
            changed = true;
            i += len;
            copied = i;
        }
        out.extend_from_slice(&bytes[copied..]);
        Some(changed)
    }
}

/// The code point starting at `bytes[i]` of valid UTF-8, and its length in bytes.
#[inline(always)]
fn decode_utf8(bytes: &[u8], i: usize) -> (u32, usize) {
    let b0 = bytes[i] as u32;
    if b0 < 0x80 {
        return (b0, 1);
    }
    let cont = |k: usize| (bytes[i + k] & 0x3F) as u32;
    if b0 < 0xE0 {
        ((b0 & 0x1F) << 6 | cont(1), 2)
    } else if b0 < 0xF0 {
        ((b0 & 0x0F) << 12 | cont(1) << 6 | cont(2), 3)
    } else {
        (
            (b0 & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3),
            4,
        )
    }
}

/// Append the UTF-8 encoding of `c` (a surrogate, which the rules never produce from
/// scalar values, would be written as U+FFFD). Fixed-size slices compile to plain
/// stores; a `char::encode_utf8` into a temporary, then `extend_from_slice`, made a
/// `memmove` call per character (34% of a streaming run's CPU time).
#[inline(always)]
pub fn push_utf8(out: &mut Vec<u8>, c: u32) {
    if c < 0x80 {
        out.push(c as u8);
    } else if c < 0x800 {
        out.extend_from_slice(&[0xC0 | (c >> 6) as u8, 0x80 | (c & 0x3F) as u8]);
    } else if c < 0x10000 {
        let c = if (0xD800..0xE000).contains(&c) {
            0xFFFD
        } else {
            c
        };
        out.extend_from_slice(&[
            0xE0 | (c >> 12) as u8,
            0x80 | ((c >> 6) & 0x3F) as u8,
            0x80 | (c & 0x3F) as u8,
        ]);
    } else if c < 0x110000 {
        out.extend_from_slice(&[
            0xF0 | (c >> 18) as u8,
            0x80 | ((c >> 12) & 0x3F) as u8,
            0x80 | ((c >> 6) & 0x3F) as u8,
            0x80 | (c & 0x3F) as u8,
        ]);
    } else {
        out.extend_from_slice("\u{FFFD}".as_bytes());
    }
}

fn same<U: CodeUnit>(input: &[U], out: &[u32]) -> bool {
    input.len() == out.len() && input.iter().zip(out).all(|(&a, &b)| a.into() == b)
}

fn is_arabic_composing_mark(c: u32) -> bool {
    tables::ARABIC_COMPOSITION
        .iter()
        .any(|&(_, mark, _)| mark == c)
}

/// Every code point that some rule, under some options, treats differently from an
/// unassigned character. All others map to themselves in every plan.
fn candidates() -> &'static [u32] {
    static CANDIDATES: OnceLock<Vec<u32>> = OnceLock::new();
    CANDIDATES.get_or_init(|| {
        let mut v: Vec<u32> = Vec::new();
        let ranges = [
            tables::INVISIBLE,
            tables::PRESENTATION_BLOCKS,
            tables::DIACRITICS,
            tables::SHADDA,
            tables::DAGGER_ALEF,
            tables::QURANIC_MARKS,
            tables::TATWEEL,
        ];
        for table in ranges {
            for &(lo, hi) in table {
                v.extend(lo..=hi);
            }
        }
        for &(lo, hi, class) in tables::CHAR_CLASS {
            if class == tables::CharClass::Punctuation {
                v.extend(lo..=hi);
            }
        }
        v.extend(tables::CANONICAL_DECOMPOSITION.iter().map(|r| r.0));
        v.extend(tables::COMPATIBILITY_DECOMPOSITION.iter().map(|r| r.0));
        v.extend(tables::COMBINING_CLASS.iter().map(|r| r.0));
        v.extend(tables::COMPOSITION.iter().map(|r| r.1));
        v.extend(tables::LOWERCASE.iter().map(|r| r.0));
        v.extend(tables::LETTER_FOLDS.iter().map(|r| r.2));
        v.extend(tables::PUNCTUATION_ASCII.iter().map(|r| r.0));
        v.extend(tables::DIGIT_SEPARATORS.iter().map(|r| r.0));
        v.extend(tables::ARABIC_COMPOSITION.iter().map(|r| r.1));
        v.extend(tables::PRESENTATION_OVERRIDES.iter().map(|r| r.0));
        v.extend(tables::DIGIT_SETS.iter().flat_map(|&(_, z)| z..z + 10));
        v.extend(0x1161..0x1161 + 21); // Hangul V jamo: composition seconds
        v.extend(0x11A8..0x11A7 + 28); // Hangul T jamo
        v.push(super::marks::ZWNJ);
        v.sort_unstable();
        v.dedup();
        v
    })
}
