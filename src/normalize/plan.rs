//! The compiled form of a set of options: one table entry per code point for steps 1–7,
//! and the kernel that applies it.
//!
//! Most code points map to themselves or to a fixed string whatever their neighbours
//! are, so steps 1–7 fuse into one lookup per code point: a flat 64K-entry table for the
//! BMP (where all Arabic lives) and a sorted list for the rest. The entry is computed by
//! running the staged pipeline on the code point alone, so both paths share every rule.
//! Some code points need context:
//! * digit separators under `punctuation = "space"` and U+06CC under
//!   `persian = "to_arabic"`: the kernel looks at the neighbours itself;
//! * anything that can compose with, or reorder against, its neighbours under step 1
//!   (combining marks under `nfc`/`nfkc`, U+0653..U+0655 under `arabic`), and U+200D
//!   under `invisible = "strip"` (kept inside emoji sequences): the kernel hands the
//!   whole text to the staged path ([`super::staged`]).

use std::sync::OnceLock;

use super::alignment::{Aligned, Span};
use super::letters::{at_word_end, LetterFolds, FARSI_YEH, YEH};
use super::punctuation::separator_written;
use super::simd::{self, Answer, Kernel, MarkAfter};
use super::staged::{self, steps_1_to_3};
use super::unicode::{self, is_composition_second};
use super::units::{or_all, same_code_points};
use super::{digits, layout, marks};
use crate::config::{Options, Punctuation, Strip, UnicodeForm, Whitespace};
use crate::tables;
use crate::ucd::{combining_class, in_ranges, is_mark};

pub use super::units::{CodeUnit, Outcome, TooWide, Units};

// Entry layout: tag in the top 8 bits, payload (a code point or an index) below.
const TAG_SHIFT: u32 = 24;
const PAYLOAD: u32 = (1 << TAG_SHIFT) - 1;
const CHAR: u32 = 0;
const DELETE: u32 = 1;
const EXPAND: u32 = 2;
const STAGED: u32 = 3;
const DIGIT_SEPARATOR: u32 = 4;
const FARSI_YEH_CONTEXT: u32 = 5;
const ZWJ_CONTEXT: u32 = 6;
const COMPOSING_MARK: u32 = 7;
/// U+0653..U+0655 kept by the preset under `unicode = "arabic"` (payload: itself).
const KEPT_COMPOSING_MARK: u32 = 8;
/// The context rules whose units the vector kernels decide in the middle of a block
/// ([`Plan::decide_in_block`]) instead of handing the block to the per-unit loop.
const KERNEL_CONTEXT: [u32; 4] = [
    ZWJ_CONTEXT,
    COMPOSING_MARK,
    KEPT_COMPOSING_MARK,
    DIGIT_SEPARATOR,
];

const fn entry(tag: u32, payload: u32) -> u32 {
    (tag << TAG_SHIFT) | payload
}

/// Where the kernel records the alignment: `()` records nothing (plain `normalize`
/// pays nothing for alignment), a `Vec<Span>` records one span per output code point.
pub trait SpanSink {
    /// Whether spans are recorded.
    const RECORDS: bool;
    /// Output code points `n` more came from input code point `i`.
    fn push_n(&mut self, i: usize, n: usize);
    /// The recorded spans, if any are recorded.
    fn spans(&mut self) -> Option<&mut Vec<Span>>;
    /// The last output code point now also came from input code points up to `end`.
    fn extend_last(&mut self, end: usize) {
        if let Some(last) = self.spans().and_then(|v| v.last_mut()) {
            last.1 = end;
        }
    }
}

impl SpanSink for () {
    const RECORDS: bool = false;
    #[inline(always)]
    fn push_n(&mut self, _: usize, _: usize) {}
    fn spans(&mut self) -> Option<&mut Vec<Span>> {
        None
    }
}

impl SpanSink for Vec<Span> {
    const RECORDS: bool = true;
    #[inline]
    fn push_n(&mut self, i: usize, n: usize) {
        if n == 1 {
            self.push((i, i + 1));
        } else {
            self.extend(std::iter::repeat_n((i, i + 1), n));
        }
    }
    fn spans(&mut self) -> Option<&mut Vec<Span>> {
        Some(self)
    }
}

/// The kernel met a code point that needs the staged path.
struct NeedsStaged;

/// The compiled options.
#[derive(Clone)]
pub struct Plan {
    options: Options,
    folds: LetterFolds,
    bmp: Box<[u32; 0x10000]>,
    astral: Vec<(u32, u32)>,
    /// Expansion strings, concatenated; an `EXPAND` entry's payload indexes `spans`.
    pool: Vec<u32>,
    spans: Vec<(u32, u32)>,
    /// The largest code point the fused table produces for an input code point below
    /// U+0100, and below U+10000 (not counting images past U+FFFF: under NFC and NFKC
    /// only U+FA6C and U+FACF..U+FAD7 minus U+FAD2..U+FAD4, CJK compatibility
    /// ideographs, have them, and a text holding one is redone at UCS-4 after
    /// `TooWide`; counting them sent every UCS-2 text to a UCS-4 output and the scalar
    /// loop under `nfc`/`nfkc`).
    max_out_latin1: u32,
    max_out_bmp: u32,
    /// Whether steps 8–9 can change anything.
    has_post_passes: bool,
    /// The vector kernel the fused loop uses for blocks of plain entries, and its byte
    /// tables (derived from `bmp`).
    kernel: Kernel,
    pages: Box<simd::Pages>,
}

impl Plan {
    /// Compile `options`.
    pub fn new(options: Options) -> Plan {
        let folds = LetterFolds::new(&options);
        let mut plan = Plan {
            options,
            folds,
            bmp: (0..0x10000u32)
                .collect::<Vec<u32>>()
                .into_boxed_slice()
                .try_into()
                .expect("64K entries"),
            astral: Vec::new(),
            pool: Vec::new(),
            spans: Vec::new(),
            max_out_latin1: 0xFF,
            max_out_bmp: 0xFFFF,
            has_post_passes: options.max_repeat.is_some()
                || options.whitespace != crate::config::Whitespace::Keep,
            kernel: Kernel::detect(),
            pages: simd::Pages::none(),
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
        let widest = |plan: &Plan, range: std::ops::Range<u32>| {
            range
                .map(|c| plan.widest_output(plan.bmp[c as usize]))
                .max()
                .unwrap_or(0)
        };
        let mut pages = simd::Pages::new(&plan.bmp, plan.astral.iter().map(|&(c, _)| c), |tag| {
            KERNEL_CONTEXT.contains(&tag)
        });
        if plan.options.unicode == UnicodeForm::Arabic {
            // There the answer for U+0653..U+0655 depends on the unit right before it
            // alone, or on the letter before units it passes over (`mark_after`); for
            // the second, one such unit of each mark (if any) stands in for them all.
            let skips = [0x0653, 0x0654, 0x0655].map(|mark| {
                (0x0600..0x0700).find(|&u| plan.mark_after(&[u], mark) == MarkAfter::Skip)
            });
            pages.set_marks_after(
                |base, mark| plan.mark_after(&[base], mark),
                |base, mark| match skips[(mark - 0x0653) as usize] {
                    Some(t) => plan.mark_after(&[base, t], mark),
                    None => MarkAfter::Ask,
                },
            );
        }
        plan.pages = pages;
        plan.max_out_latin1 = widest(&plan, 0..0x100);
        plan.max_out_bmp = (0..0x10000)
            .map(|c| plan.widest_output(plan.bmp[c as usize]))
            .filter(|&w| w <= 0xFFFF)
            .max()
            .unwrap_or(0);
        plan
    }

    /// The largest code point entry `e` (of code point `c`) can write on the fast path.
    fn widest_output(&self, e: u32) -> u32 {
        let payload = e & PAYLOAD;
        match e >> TAG_SHIFT {
            CHAR | DIGIT_SEPARATOR => payload.max(0x20),
            KEPT_COMPOSING_MARK => payload,
            EXPAND => self.expansion(payload).iter().copied().max().unwrap_or(0),
            FARSI_YEH_CONTEXT => self.folds.farsi_yeh(true).max(self.folds.farsi_yeh(false)),
            ZWJ_CONTEXT => marks::ZWJ,
            _ => 0,
        }
    }

    /// Whether step 8 would change `text` (a read-only scan, a block at a time where the
    /// kernel has that form).
    fn max_repeat_changes<U: CodeUnit>(&self, text: &[U]) -> bool {
        self.options.max_repeat.is_some_and(|limit| {
            super::repeat::max_repeat_changes(text, limit, self.kernel)
                .unwrap_or_else(|| layout::max_repeat_changes(text, Some(limit)))
        })
    }

    /// Whether steps 8–9 would change `text` (read-only scans).
    fn post_passes_change<U: CodeUnit>(&self, text: &[U]) -> bool {
        let whitespace = self.options.whitespace;
        self.has_post_passes
            && (self.max_repeat_changes(text)
                || (whitespace != Whitespace::Keep
                    && super::collapse::collapse_changes(text, self.kernel)
                        .unwrap_or_else(|| layout::collapse_changes(text, whitespace))))
    }

    /// Whether an output of units `O` holds the fast path's output for input units `U`
    /// (so the caller can write the final width directly), but for the rare images past
    /// U+FFFF of BMP code points (see `max_out_bmp`), which make `run` return `TooWide`.
    pub fn fits<U: CodeUnit, O: CodeUnit>(&self) -> bool {
        let widest = match U::MAX {
            0xFF => self.max_out_latin1,
            0xFFFF => self.max_out_bmp,
            _ => 0x10FFFF,
        };
        widest <= O::MAX
    }

    /// The vector kernel in use.
    pub fn kernel(&self) -> Kernel {
        self.kernel
    }

    /// This plan with the blocks run by `kernel` instead (`None` when this CPU cannot
    /// run it): for testing each kernel against the others.
    pub fn with_kernel(&self, kernel: Kernel) -> Option<Plan> {
        kernel.supported().then(|| Plan {
            kernel,
            ..self.clone()
        })
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
            return entry(ZWJ_CONTEXT, 0); // kept inside emoji ZWJ sequences
        }
        if self.folds.has_yeh_final() && s13.contains(&FARSI_YEH) {
            return if s13 == [FARSI_YEH] {
                entry(FARSI_YEH_CONTEXT, 0)
            } else {
                entry(STAGED, 0)
            };
        }
        if o.punctuation == Punctuation::Space {
            if let [sep] = s15.as_slice() {
                if let Some(written) = separator_written(*sep) {
                    return entry(DIGIT_SEPARATOR, layout::case_map(written, o.case));
                }
            }
            // In an expansion (U+2026 … → "...", U+2488 ⒈ → "1."), a separator whose
            // fate depends on a neighbour outside it needs context; one decided by its
            // neighbours inside (all three dots of …) is the same as alone.
            let digit = |k: usize| digits::is_digit(s15[k]);
            let last = s15.len().saturating_sub(1);
            let needs_context = s15.len() > 1
                && s15.iter().enumerate().any(|(k, &x)| {
                    separator_written(x).is_some()
                        && ((k == 0 && digit(1)) || (k == last && digit(last - 1)))
                });
            if needs_context {
                return entry(STAGED, 0);
            }
        }
        if o.unicode != UnicodeForm::None && is_arabic_composing_mark(c) && full.is_empty() {
            // Removed when alone; composes with a base letter before it (right before it
            // under `arabic`; the last starter, unblocked, under NFC/NFKC). A kept one
            // can compose in a later round, so it stays with the staged path.
            return entry(COMPOSING_MARK, 0);
        }
        if o.unicode == UnicodeForm::Arabic && is_arabic_composing_mark(c) && full == [c] {
            // Kept when alone; composes with the letter before it, or (a round later)
            // with the letter before the units the table deletes (U+064A U+0640 U+0654
            // → U+0626), or with that letter's image.
            return entry(KEPT_COMPOSING_MARK, c);
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
        } else if self.pages.astral_passes(c) {
            entry(CHAR, c) // (emoji: saves the search below)
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
    /// Returns whether anything changed and the OR of the output code points.
    fn fused<U: CodeUnit, O: CodeUnit, S: SpanSink>(
        &self,
        input: &[U],
        out: &mut Vec<O>,
        spans: &mut S,
    ) -> Result<(bool, u32), NeedsStaged> {
        out.clear();
        if let Some(v) = spans.spans() {
            v.clear();
            v.reserve(input.len());
        }
        if !S::RECORDS && simd::skips_prefix::<U, O>(self.kernel) {
            return self.fused_skipping(input, out);
        }
        // Unchanged prefix: no writes until the first code point a rule touches (all of
        // an already normalized text).
        let first = self.unchanged_prefix(input);
        let mut bits = 0u32;
        if first == input.len() && !S::RECORDS && !self.post_passes_change(input) {
            return Ok((false, or_all(input)));
        }
        out.reserve(input.len());
        // The prefix in bulk (a copy, or a widening one): unit by unit, with a capacity
        // check per unit, it was the hottest loop of mostly unchanged (Latin) text.
        let prefix = &input[..first];
        bits |= or_all(prefix);
        out.extend(prefix.iter().map(|&u| O::from_u32(u.into())));
        if S::RECORDS {
            for i in 0..first {
                spans.push_n(i, 1);
            }
        }
        let mut changed = first < input.len();
        if !S::RECORDS {
            bits |= self.fused_tail(input, first, first, out)?;
        } else {
            for (i, &unit) in input.iter().enumerate().skip(first) {
                let c: u32 = unit.into();
                let e = self.entry_of(c);
                let payload = e & PAYLOAD;
                match e >> TAG_SHIFT {
                    CHAR => {
                        bits |= payload;
                        out.push(O::from_u32(payload));
                        spans.push_n(i, 1);
                    }
                    DELETE => {}
                    _ => {
                        let before = out.len();
                        let written = self.context_entry(input, i, e, out)?;
                        if written == COMPOSED {
                            spans.extend_last(i + 1);
                        } else {
                            bits |= written;
                            spans.push_n(i, out.len() - before);
                        }
                    }
                }
            }
        }
        if first < input.len() {
            // Something was touched; whether the result still equals the input is
            // decided by the caller's comparison only when it matters (rare).
            // The first `first` units were copied as they are.
            changed = !same_code_points(&input[first..], &out[first..]);
        }
        Ok((changed, bits))
    }

    /// [`Plan::fused`] with a vector kernel that finds the unchanged prefix itself
    /// ([`simd::skips_prefix`]): one setup of its tables, and the block where the text
    /// first changes is loaded once. Measured (DESIGN.md): one call per document on the
    /// news corpus took 0.88 of the time of a prefix scan of its own (Quran, 1.02–1.08).
    fn fused_skipping<U: CodeUnit, O: CodeUnit>(
        &self,
        input: &[U],
        out: &mut Vec<O>,
    ) -> Result<(bool, u32), NeedsStaged> {
        let n = input.len();
        out.reserve(n);
        let ptr = out.as_mut_ptr();
        // SAFETY: the empty `out` has room for the whole input.
        let f = unsafe { self.fold(input, 0, ptr, 0, true) };
        if f.prefix == n {
            // Every code point maps to itself: nothing was written.
            if self.post_passes_change(input) {
                out.extend(input.iter().map(|&u| O::from_u32(u.into())));
            }
            return Ok((false, or_all(input)));
        }
        let prefix = &input[..f.prefix];
        for (k, &u) in prefix.iter().enumerate() {
            // SAFETY: capacity >= n > f.prefix; the kernel wrote from `f.prefix` on.
            unsafe { ptr.add(k).write(O::from_u32(u.into())) };
        }
        // SAFETY: the prefix is written just above, the kernel wrote the rest up to `len`.
        unsafe { out.set_len(f.len) };
        let mut bits = or_all(prefix) | f.bits;
        if f.i < n {
            bits |= self.fused_tail(input, f.i, f.stop + 1, out)?;
        }
        let changed = !same_code_points(&input[f.prefix..], &out[f.prefix..]);
        Ok((changed, bits))
    }

    /// [`simd::fold_blocks`] with this plan's kernel, tables and decisions.
    ///
    /// # Safety
    /// `out` must have room for `len + (input.len() - i)` units.
    unsafe fn fold<U: CodeUnit, O: CodeUnit>(
        &self,
        input: &[U],
        i: usize,
        out: *mut O,
        len: usize,
        skip_prefix: bool,
    ) -> simd::Folded {
        let decide = |j| self.decide_in_block(input, j);
        // SAFETY: the plan's kernel is one this CPU supports (`Kernel::detect` and
        // `with_kernel` check) and the table is the plan's own; the caller guarantees
        // the room.
        unsafe {
            simd::fold_blocks(
                self.kernel,
                &self.bmp,
                &self.pages,
                input,
                i,
                out,
                len,
                &decide,
                skip_prefix,
            )
        }
    }

    /// How many code points at the start of `input` map to themselves by the table.
    fn unchanged_prefix<U: CodeUnit>(&self, input: &[U]) -> usize {
        // SAFETY: the plan's kernel is one this CPU supports (`Kernel::detect` and
        // `with_kernel` check), and the table is the plan's own.
        let known = unsafe { simd::unchanged_prefix(self.kernel, &self.bmp, &self.pages, input) };
        known
            + input[known..]
                .iter()
                .position(|&u| {
                    let c: u32 = u.into();
                    self.entry_of(c) != entry(CHAR, c)
                })
                .unwrap_or(input.len() - known)
    }

    /// The fast path's loop from `input[first]` on, without alignment: one table load
    /// per code point; a kept or mapped code point and a deleted one take the same
    /// branch-free path (the unit is written either way, the length advances only for a
    /// kept one). Blocks go to the vector kernel from `blocks_from` on (`first` or after;
    /// `out` holds the output of the units before `first`). Returns the OR of the code
    /// points written.
    fn fused_tail<U: CodeUnit, O: CodeUnit>(
        &self,
        input: &[U],
        first: usize,
        mut blocks_from: usize,
        out: &mut Vec<O>,
    ) -> Result<u32, NeedsStaged> {
        let mut bits = 0u32;
        out.reserve(input.len() - first);
        let mut len = out.len();
        let mut ptr = out.as_mut_ptr();
        let mut i = first;
        // Blocks of plain entries go to the vector kernel; a unit it cannot do (an
        // expansion or a context rule) is done here, up to `blocks_from`.
        let vectorized = self.kernel != Kernel::Scalar && simd::handles::<U, O>();
        while i < input.len() {
            if vectorized && i >= blocks_from {
                // SAFETY: capacity >= len + (input.len() - i) as argued below; a block
                // with an image too wide for `O` is left to this loop, which ORs it
                // into `bits` (so `run` reports `TooWide`).
                let f = unsafe { self.fold(input, i, ptr, len, false) };
                (i, len) = (f.i, f.len);
                bits |= f.bits;
                if i == input.len() {
                    break;
                }
                // Units i..=f.stop are done here (the unit the kernel cannot do, and for
                // a gather kernel the rest of its block), then blocks again.
                blocks_from = f.stop + 1;
            }
            let c: u32 = input[i].into();
            let e = self.entry_of(c);
            let tag = e >> TAG_SHIFT;
            if tag <= DELETE {
                // 0 for DELETE.
                let payload = e & PAYLOAD;
                // SAFETY: after the last `reserve`, made at some index j <= i with the
                // vector's length then, capacity >= len_j + (input.len() - j), and each
                // step since (here or in the vector kernel, one lane at a time) wrote at
                // most one unit per input unit, so len < capacity here. Units written
                // past the length (by a DELETE here, or by a whole-register store of
                // the kernel) are overwritten or never exposed.
                unsafe { ptr.add(len).write(O::from_u32(payload)) };
                len += usize::from(tag == CHAR);
                bits |= payload;
                i += 1;
                continue;
            }
            // SAFETY: the first `len` units are initialized (written above or before).
            unsafe { out.set_len(len) };
            let written = self.context_entry(input, i, e, out)?;
            if written != COMPOSED {
                bits |= written;
            }
            i += 1;
            out.reserve(input.len() - i);
            len = out.len();
            ptr = out.as_mut_ptr();
        }
        // SAFETY: as above, the first `len` units are initialized.
        unsafe { out.set_len(len) };
        Ok(bits)
    }

    /// Write the output of `input[i]` whose entry `e` is an expansion or a context
    /// rule; returns the OR of what it wrote.
    fn context_entry<U: CodeUnit, O: CodeUnit>(
        &self,
        input: &[U],
        i: usize,
        e: u32,
        out: &mut Vec<O>,
    ) -> Result<u32, NeedsStaged> {
        let payload = e & PAYLOAD;
        let v = match e >> TAG_SHIFT {
            EXPAND => {
                let expansion = self.expansion(payload);
                out.extend(expansion.iter().map(|&x| O::from_u32(x)));
                return Ok(expansion.iter().fold(0, |b, &x| b | x));
            }
            DIGIT_SEPARATOR => {
                let prev_digit = out.last().is_some_and(|&p| digits::is_digit(p.into()));
                let next_digit = prev_digit
                    && self
                        .next_output(&input[i + 1..], false)?
                        .is_some_and(digits::is_digit);
                if next_digit {
                    payload
                } else {
                    0x20
                }
            }
            FARSI_YEH_CONTEXT => {
                let next = self.next_output(&input[i + 1..], true)?;
                let v = self.folds.farsi_yeh(next.is_none_or(|n| at_word_end(&[n])));
                layout::case_map(v, self.options.case)
            }
            COMPOSING_MARK => {
                let Some((_, image)) = self.composed_image(input, i)? else {
                    return Ok(0); // removed, as when alone
                };
                // The base letter wrote one code point: replace it by what the
                // composite letter writes. Both lie in U+0100..U+FFFF, so the OR of the
                // output keeps its width class.
                let last = out.last_mut().expect("the base wrote one code point");
                *last = O::from_u32(image);
                return Ok(COMPOSED);
            }
            KEPT_COMPOSING_MARK => match self.kept_mark_composite(input, i)? {
                None => payload, // itself
                Some(image) => {
                    // As for COMPOSING_MARK: the letter wrote the last code point.
                    let last = out.last_mut().expect("the base wrote one code point");
                    *last = O::from_u32(image);
                    return Ok(COMPOSED);
                }
            },
            ZWJ_CONTEXT => {
                if !self.zwj_kept(input, i)? {
                    return Ok(0); // removed, as every other U+200D
                }
                marks::ZWJ
            }
            _ => return Err(NeedsStaged),
        };
        out.push(O::from_u32(v));
        Ok(v)
    }

    /// For the Arabic composing mark (entry `COMPOSING_MARK`) at `input[i]`: `None` when
    /// it is removed, as when alone (no base letter before it composes with it); else
    /// the index of its base letter and the one code point the composite letter writes,
    /// which replaces the one the base letter wrote (the last one written).
    fn composed_image<U: CodeUnit>(
        &self,
        input: &[U],
        i: usize,
    ) -> Result<Option<(usize, u32)>, NeedsStaged> {
        let mark: u32 = input[i].into();
        let base_at = match self.options.unicode {
            UnicodeForm::Arabic => {
                let Some(p) = i.checked_sub(1) else {
                    return Ok(None);
                };
                if in_ranges(tables::PRESENTATION_BLOCKS, input[p].into()) {
                    // Step 1 expands it first, and its last letter may be a base.
                    return Err(NeedsStaged);
                }
                p
            }
            _ => match self.last_starter(input, i)? {
                Some(p) => p,
                None => return Ok(None),
            },
        };
        let base = input[base_at].into();
        let composite = match self.options.unicode {
            UnicodeForm::Arabic => arabic_composition(base, mark),
            _ => crate::ucd::composition(base, mark), // (the same eight pairs)
        };
        let Some(composite) = composite else {
            return Ok(None);
        };
        let (eb, ek) = (self.entry_of(base), self.entry_of(composite));
        let one = |e: u32| e >> TAG_SHIFT == CHAR && (0x100..0x10000).contains(&(e & PAYLOAD));
        if !one(eb) || !one(ek) {
            return Err(NeedsStaged);
        }
        Ok(Some((base_at, ek & PAYLOAD)))
    }

    /// Under NFC/NFKC, the index of the starter the composing mark at `input[i]` would
    /// compose with (`None`: none before it), when that is decided by the input as it
    /// is; else `Err` for the staged path. Canonical composition pairs the mark with the
    /// last starter before it unless a mark of the same class lies between (one of a
    /// lower class is reordered before it, one of a higher class after it). Kept simple:
    /// every mark between must be one the table deletes, that decomposes to nothing else
    /// and is no composing mark itself (so of two composing marks in one sequence, which
    /// reordering may swap, the second sends the text to the staged path), and the
    /// starter must be its own decomposition.
    fn last_starter<U: CodeUnit>(
        &self,
        input: &[U],
        i: usize,
    ) -> Result<Option<usize>, NeedsStaged> {
        let compat = self.options.unicode == UnicodeForm::Nfkc;
        let class = combining_class(input[i].into());
        let mut j = i;
        while j > 0 {
            j -= 1;
            let u: u32 = input[j].into();
            let c = combining_class(u);
            if c == 0 {
                if crate::ucd::decomposition(u, compat).is_some() {
                    return Err(NeedsStaged);
                }
                return Ok(Some(j));
            }
            if c == class
                || self.entry_of(u) != entry(DELETE, 0)
                || is_arabic_composing_mark(u)
                || crate::ucd::decomposition(u, compat).is_some()
            {
                return Err(NeedsStaged);
            }
        }
        Ok(None)
    }

    /// For the kept composing mark (entry `KEPT_COMPOSING_MARK`) at `input[i]` under
    /// `unicode = "arabic"`: `None` when it stays as itself; else the one code point the
    /// composite letter writes, which replaces the one its letter wrote (the last one
    /// written). The `arabic` form composes a letter and the mark right after it; a
    /// unit the table deletes between them (U+0640 TATWEEL, invisible characters) is gone
    /// a round later, when the letter's image and the mark compose, as do a letter that
    /// does not compose and its image that does (U+06CC → U+064A under `persian =
    /// "to_arabic"`). Anything else before the mark (a letter written as other than one
    /// code point, a context rule, a presentation form, another composing mark) sends
    /// the text to the staged path.
    fn kept_mark_composite<U: CodeUnit>(
        &self,
        input: &[U],
        i: usize,
    ) -> Result<Option<u32>, NeedsStaged> {
        let mark: u32 = input[i].into();
        let mut p = i;
        let letter = loop {
            let Some(q) = p.checked_sub(1) else {
                return Ok(None); // nothing before it
            };
            p = q;
            let u: u32 = input[p].into();
            let e = self.entry_of(u);
            match e >> TAG_SHIFT {
                // (A deleted unit that composes with the mark itself: not decided here.)
                DELETE if arabic_composition(u, mark).is_some() => return Err(NeedsStaged),
                DELETE => continue,
                CHAR => break u,
                _ => return Err(NeedsStaged),
            }
        };
        if in_ranges(tables::PRESENTATION_BLOCKS, letter) || is_arabic_composing_mark(letter) {
            return Err(NeedsStaged);
        }
        let image = self.entry_of(letter) & PAYLOAD;
        let composite = match p + 1 == i {
            true => arabic_composition(letter, mark).or_else(|| arabic_composition(image, mark)),
            false => arabic_composition(image, mark),
        };
        let Some(composite) = composite else {
            return Ok(None);
        };
        let ek = self.entry_of(composite);
        let one = |e: u32| e >> TAG_SHIFT == CHAR && (0x100..0x10000).contains(&(e & PAYLOAD));
        if !(0x100..0x10000).contains(&image) || !one(ek) {
            return Err(NeedsStaged);
        }
        Ok(Some(ek & PAYLOAD))
    }

    /// What becomes of the composing mark `mark` (U+0653..U+0655) after the units
    /// `before` under `unicode = "arabic"`, in any text that has them right before it:
    /// the answers the AVX-512 kernel gives itself ([`simd::Pages::set_marks_after`]).
    /// `before` is one unit of U+0600..U+06FF (right before the mark), or one and a unit
    /// the mark passes over after it.
    fn mark_after(&self, before: &[u32], mark: u32) -> MarkAfter {
        let (&base, i) = (&before[0], before.len());
        let text: Vec<u32> = before.iter().copied().chain([mark]).collect();
        let e = self.entry_of(base);
        match (self.entry_of(mark) >> TAG_SHIFT, e >> TAG_SHIFT) {
            // Deleted unless it composes with the unit right before it into a letter
            // other than that unit's image (`composed_image`).
            (COMPOSING_MARK, _) if i == 1 => match self.composed_image(&text, i) {
                Ok(None) => MarkAfter::Delete,
                Ok(Some((_, image))) if image == e & PAYLOAD => MarkAfter::Delete,
                Ok(Some((_, image))) => MarkAfter::Compose(image as u16),
                Err(NeedsStaged) => MarkAfter::Ask,
            },
            // Kept unless it composes with the letter before it, or with the letter
            // before the deleted units that do not compose with it
            // (`kept_mark_composite`).
            (KEPT_COMPOSING_MARK, DELETE) => match arabic_composition(base, mark) {
                None => MarkAfter::Skip,
                Some(_) => MarkAfter::Ask,
            },
            (KEPT_COMPOSING_MARK, CHAR) => match self.kept_mark_composite(&text, i) {
                Ok(None) => MarkAfter::Keep,
                Ok(Some(image)) => MarkAfter::Compose(image as u16),
                Err(NeedsStaged) => MarkAfter::Ask,
            },
            _ => MarkAfter::Ask,
        }
    }

    /// Whether the U+200D (entry `ZWJ_CONTEXT`) at `input[i]` is kept: it joins an emoji
    /// ZWJ sequence. Step 2 decides on its neighbours as step 1 leaves them; the input's
    /// own are those when steps 1 and 2 leave them unchanged, else ask the staged path
    /// (a ZWJ next to a presentation form or another ZWJ: rare).
    fn zwj_kept<U: CodeUnit>(&self, input: &[U], i: usize) -> Result<bool, NeedsStaged> {
        let prev = i.checked_sub(1).map(|p| input[p].into());
        let next = input.get(i + 1).map(|&u| u.into());
        if [prev, next]
            .into_iter()
            .flatten()
            .any(|n| !self.survives_step_2(n))
        {
            return Err(NeedsStaged);
        }
        Ok(marks::joins_emoji(prev, next))
    }

    /// What the vector kernels ask ([`simd::Decide`]) about the unit at `input[i]`,
    /// whose entry is one of the [`KERNEL_CONTEXT`] rules: written as itself, as
    /// nothing or as U+0020, or left to the per-unit loop (which writes anything else,
    /// or needs the output written so far).
    fn decide_in_block<U: CodeUnit>(&self, input: &[U], i: usize) -> Option<Answer> {
        let c: u32 = input[i].into();
        let e = self.entry_of(c);
        match e >> TAG_SHIFT {
            ZWJ_CONTEXT => match self.zwj_kept(input, i).ok()? {
                true => Some(Answer::Keep),
                false => Some(Answer::Delete),
            },
            COMPOSING_MARK => match self.composed_image(input, i).ok()? {
                None => Some(Answer::Delete),
                // The composite letter writes what its base letter wrote: as if the
                // mark were deleted (alef with madda, hamza above or below, under
                // `alef = "fold"`).
                Some((base_at, image)) => {
                    let base = input[base_at].into();
                    (self.entry_of(base) & PAYLOAD == image).then_some(Answer::Delete)
                }
            },
            KEPT_COMPOSING_MARK => match self.kept_mark_composite(input, i).ok()? {
                None => Some(Answer::Keep),
                Some(_) => None,
            },
            DIGIT_SEPARATOR => {
                // The output written before it is the previous unit's one code point
                // when its entry writes one (else the per-unit loop decides).
                let prev_digit = match i.checked_sub(1).map(|p| self.entry_of(input[p].into())) {
                    None => false,
                    Some(p) if p >> TAG_SHIFT == CHAR => digits::is_digit(p & PAYLOAD),
                    Some(_) => return None,
                };
                let between_digits = prev_digit
                    && self
                        .next_output(&input[i + 1..], false)
                        .ok()?
                        .is_some_and(digits::is_digit);
                match between_digits {
                    false => Some(Answer::Space),
                    true => (e & PAYLOAD == c).then_some(Answer::Keep),
                }
            }
            _ => None,
        }
    }

    /// Whether steps 1 and 2 leave code point `c` as it is (so a neighbour in the input
    /// is the neighbour step 2 sees).
    fn survives_step_2(&self, c: u32) -> bool {
        if self.entry_of(c) == entry(CHAR, c) {
            return true; // untouched by every step
        }
        let o = &self.options;
        marks::step2(c, o) == Some(c)
            && unicode::apply(Aligned::identity(vec![c]), o.unicode).text == [c]
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
                // Right after a context character (never a base letter) it is removed.
                DELETE | COMPOSING_MARK => {}
                // A mark, kept or composed into the letter before.
                KEPT_COMPOSING_MARK if skip_marks => {}
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

    /// The whole pipeline on `input`, written to `out` (units of any width that
    /// [`Plan::fits`] the input's, else `Err(TooWide)` may come back), with the alignment
    /// recorded in `spans` (see [`SpanSink`]). When `Outcome::changed` is false, `out`
    /// may be left empty: the output is the input.
    pub fn run<U: CodeUnit, O: CodeUnit, S: SpanSink>(
        &self,
        input: &[U],
        out: &mut Vec<O>,
        spans: &mut S,
    ) -> Result<Outcome, TooWide> {
        let (changed, bits) = match self.fused(input, out, spans) {
            Ok((false, bits)) if out.is_empty() && !input.is_empty() => {
                return Ok(Outcome {
                    changed: false,
                    bits,
                })
            }
            Ok(result) => result,
            // (U+0020 maps to itself in every plan; the check keeps that an invariant.)
            Err(NeedsStaged) if !S::RECORDS && self.entry_of(0x20) == entry(CHAR, 0x20) => {
                let bits = self.run_by_words(input, out);
                (!same_code_points(input, out), bits)
            }
            Err(NeedsStaged) => {
                let aligned = self.staged(input);
                let bits = aligned.text.iter().fold(0, |b, &c| b | c);
                if !holds::<O>(bits) {
                    return Err(TooWide);
                }
                out.clear();
                out.extend(aligned.text.iter().map(|&c| O::from_u32(c)));
                if let Some(v) = spans.spans() {
                    *v = aligned.spans;
                }
                (!same_code_points(input, out), bits)
            }
        };
        if !holds::<O>(bits) {
            return Err(TooWide);
        }
        let (mut changed, mut bits) = (changed, bits);
        if self.has_post_passes {
            let o = &self.options;
            let mut post = false;
            if self.max_repeat_changes(out) {
                layout::max_repeat(out, spans.spans(), o.max_repeat);
                post = true;
            }
            if o.whitespace != Whitespace::Keep {
                let spans = spans.spans();
                // Without spans, a block at a time where the kernel has that form.
                let fast = match spans {
                    None => super::collapse::collapse_whitespace(out, self.kernel),
                    Some(_) => None,
                };
                post |= fast.unwrap_or_else(|| {
                    layout::collapse_changes(out, o.whitespace)
                        && layout::collapse_whitespace(out, spans, o.whitespace)
                });
            }
            if post {
                // Removed or replaced code points may have been the widest ones.
                bits = or_all(out);
                changed = true;
            }
        }
        Ok(Outcome { changed, bits })
    }
}

impl Plan {
    /// Steps 1–7 of `input` by the staged pipeline, with the alignment.
    fn staged<U: CodeUnit>(&self, input: &[U]) -> Aligned {
        let text: Vec<u32> = input.iter().map(|&u| u.into()).collect();
        staged::rounds(Aligned::identity(text), &self.options, &self.folds).0
    }

    /// Steps 1–7 of a text that needs the staged pipeline somewhere, word by word: the
    /// text is cut before each U+0020 SPACE, and only the pieces that need it (each run
    /// of consecutive ones at once) go through the staged pipeline. The stretches of
    /// pieces between them, where no unit has a `STAGED` entry, go through the fused
    /// kernel whole (piece by piece only when a context rule still asks for the staged
    /// path there). Returns the OR of the code points written to `out`.
    ///
    /// The pieces are independent: U+0020 maps to itself in every plan, is a starter that
    /// composes with nothing and that no mark reorders across, is not a digit, not an
    /// emoji and not a mark, so every context rule (composition and reordering, U+200D
    /// between emoji, a separator between digits, U+06CC before a word end) decides the
    /// same with the piece's end as with the space after it. `tests/fast_path.rs` checks
    /// this path against the staged pipeline on whole texts. Measured (DESIGN.md): the
    /// Quran text under `search` had all of every text go through the staged pipeline;
    /// then, under `light`, the fused call on every word was most of the time.
    fn run_by_words<U: CodeUnit, O: CodeUnit>(&self, input: &[U], out: &mut Vec<O>) -> u32 {
        const SPACE: u32 = 0x20;
        out.clear();
        let n = input.len();
        let mut piece: Vec<O> = Vec::new();
        let mut bits = 0;
        // Consecutive pieces that need the staged pipeline are staged together, from
        // `staged_from` to the current piece (per piece, its allocations cost more than
        // the whole text staged at once when every word needs it).
        let mut staged_from = None;
        let stage = |from: usize, to: usize, out: &mut Vec<O>| {
            let aligned = self.staged(&input[from..to]);
            out.extend(aligned.text.iter().map(|&c| O::from_u32(c)));
            aligned.text.iter().fold(0, |b, &c| b | c)
        };
        let next_piece = |start: usize| -> usize {
            input[start + 1..]
                .iter()
                .position(|&u| u.into() == SPACE)
                .map_or(n, |k| start + 1 + k)
        };
        let emit = |words: &[U], changed: bool, piece: &[O], out: &mut Vec<O>| {
            if !changed && piece.is_empty() {
                out.extend(words.iter().map(|&u| O::from_u32(u.into())));
            } else {
                out.extend_from_slice(piece);
            }
        };
        let mut start = 0;
        while start < n {
            let staged_unit = input[start..]
                .iter()
                .position(|&u| self.entry_of(u.into()) >> TAG_SHIFT == STAGED)
                .map(|k| start + k);
            // The piece holding it starts at the last U+0020 at or before it.
            let staged_piece = staged_unit.map(|k| {
                input[start + 1..=k]
                    .iter()
                    .rposition(|&u| u.into() == SPACE)
                    .map_or(start, |r| start + 1 + r)
            });
            if staged_piece == Some(start) {
                staged_from.get_or_insert(start);
                start = next_piece(start);
                continue;
            }
            // The stretch up to that piece at once, else piece by piece (a context rule
            // asked for the staged path somewhere in it).
            let stretch_end = staged_piece.unwrap_or(n);
            let whole = self
                .fused(&input[start..stretch_end], &mut piece, &mut ())
                .ok();
            let pieces: Vec<(usize, usize)> = match whole {
                Some(_) => vec![(start, stretch_end)],
                None => {
                    let mut v = Vec::new();
                    let mut p = start;
                    while p < stretch_end {
                        let e = next_piece(p);
                        v.push((p, e));
                        p = e;
                    }
                    v
                }
            };
            for (i, (from, to)) in pieces.into_iter().enumerate() {
                let result = match (i, whole) {
                    (0, Some(done)) => Ok(done),
                    _ => self.fused(&input[from..to], &mut piece, &mut ()),
                };
                match result {
                    Ok((changed, b)) => {
                        if let Some(staged) = staged_from.take() {
                            bits |= stage(staged, from, out);
                        }
                        bits |= b;
                        emit(&input[from..to], changed, &piece, out);
                    }
                    Err(NeedsStaged) => {
                        staged_from.get_or_insert(from);
                    }
                }
            }
            start = stretch_end;
        }
        if let Some(from) = staged_from {
            bits |= stage(from, n, out);
        }
        bits
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

/// Whether units `O` hold code points whose OR is `bits` (exact for u8 and u16, whose
/// limits are powers of two; u32 holds every code point).
fn holds<O: CodeUnit>(bits: u32) -> bool {
    O::MAX >= 0x10FFFF || bits <= O::MAX
}

/// What [`Plan::context_entry`] returns when it replaced the last code point written
/// (a composition) instead of writing: not a code point, so never ORed into the output.
const COMPOSED: u32 = u32::MAX;

/// The `arabic` form's composition of `base` + `mark`, if they form one.
fn arabic_composition(base: u32, mark: u32) -> Option<u32> {
    tables::ARABIC_COMPOSITION
        .iter()
        .find(|&&(b, m, _)| b == base && m == mark)
        .map(|&(_, _, k)| k)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `simd::Vbmi::decide_here` tells the context rule of a kernel lane by its code
    /// point alone: U+200D, U+0653..U+0655, and any other is a digit separator.
    #[test]
    fn the_kernel_tells_its_context_rules_by_code_point() {
        let mut checked = 0;
        for &preset in crate::config::preset_names() {
            for unicode in UnicodeForm::ALL {
                for punctuation in Punctuation::ALL {
                    let mut o = Options::preset(preset).unwrap();
                    o.unicode = *unicode;
                    o.punctuation = *punctuation;
                    let plan = Plan::new(o);
                    for c in 0..0x10000u32 {
                        let tag = plan.entry_of(c) >> TAG_SHIFT;
                        if !KERNEL_CONTEXT.contains(&tag) {
                            continue;
                        }
                        let expected: &[u32] = match c {
                            marks::ZWJ => &[ZWJ_CONTEXT],
                            0x0653..=0x0655 => &[COMPOSING_MARK, KEPT_COMPOSING_MARK],
                            _ => &[DIGIT_SEPARATOR],
                        };
                        assert!(expected.contains(&tag), "U+{c:04X} under {preset}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 0);
    }

    /// `simd::Vbmi::digit_lanes` finds the digits of `digits::is_digit` by their zeros.
    #[test]
    fn the_kernel_knows_the_digits() {
        for c in 0..0x11_0000u32 {
            let kernel = simd::DIGIT_ZEROS.iter().any(|&z| (z..z + 10).contains(&c));
            assert_eq!(kernel, digits::is_digit(c), "U+{c:04X}");
        }
    }
}
