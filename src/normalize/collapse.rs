//! Step 9 (`whitespace = "collapse"`) a block at a time, for [`super::simd::Kernel::Avx512`].
//!
//! The same result as [`super::layout::collapse_whitespace`] without spans: every run of
//! White_Space becomes one U+000A if it holds a line break (U+000A..U+000D, U+0085,
//! U+2028, U+2029), else one U+0020, and the runs at both ends go. The scalar loop
//! takes a branch per code point and mispredicts at every word; here a block of one
//! register (64, 32 or 16 units) is classified with a few compares, and its kept units
//! are packed with `vpcompress` and stored in place:
//!
//! * White space lanes: a unit is *possibly* white space when it is below U+0021, in
//!   U+0085..U+00A0 or in U+1680..U+3000 (every White_Space code point is); U+0020 is;
//!   any other possible one is asked of the White_Space bitmap, one lane at a time (in
//!   Arabic and Latin text these are rare: U+000A, quotation marks, U+200C).
//! * A lane starts a run when it is white space and the one before it is not (the one
//!   before the block: whether the last unit written is a run's open U+0020); the run's
//!   first lane is kept and written as U+0020, its other lanes dropped.
//! * A run holding a line break is written as U+000A: each break marks the lanes
//!   before it in its run (a shift and mask per round, as many rounds as the longest
//!   run in the block), and a run left open by the last block has its written unit
//!   turned into U+000A when a break comes in this block.
//!
//! The write position never passes the read position, so a full-width store at it
//! overwrites only units already loaded. `tests/kernels.rs` compares this with the
//! scalar loop on random texts of every width.

#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

#[cfg(target_arch = "x86_64")]
use super::simd::low_bits64;
use super::simd::Kernel;
use super::units::CodeUnit;
#[cfg(target_arch = "x86_64")]
use crate::tables;
#[cfg(target_arch = "x86_64")]
use crate::ucd::WhiteSpace;

/// Collapse `text` in place as step 9 does (without spans) and return whether anything
/// changed, or `None` when `kernel` has no block form of it (the caller runs the
/// scalar loop).
pub fn collapse_whitespace<T: CodeUnit>(text: &mut Vec<T>, kernel: Kernel) -> Option<bool> {
    #[cfg(target_arch = "x86_64")]
    if kernel == Kernel::Avx512 {
        let ws = WhiteSpace::get();
        let n = text.len();
        let p = text.as_mut_ptr();
        // SAFETY: the kernel is supported (the plan's kernel is checked when chosen);
        // `CodeUnit` is sealed, so each cast is to the units' own type; the loops
        // read and write only the text's `n` units (see the module docs).
        let (len, changed) = unsafe {
            match T::MAX {
                0xFF => collapse_u8(p.cast(), n, ws),
                0xFFFF => collapse_u16(p.cast(), n, ws),
                _ => collapse_u32(p.cast(), n, ws),
            }
        };
        text.truncate(len);
        return Some(changed);
    }
    let _ = (text, kernel);
    None
}

/// Whether step 9 would change `text` (as [`super::layout::collapse_changes`] says),
/// or `None` when `kernel` has no block form of it.
pub fn collapse_changes<T: CodeUnit>(text: &[T], kernel: Kernel) -> Option<bool> {
    #[cfg(target_arch = "x86_64")]
    if kernel == Kernel::Avx512 {
        let ws = WhiteSpace::get();
        let (p, n) = (text.as_ptr(), text.len());
        // SAFETY: as in `collapse_whitespace`; the scan only reads.
        return Some(unsafe {
            match T::MAX {
                0xFF => changes_u8(p.cast(), n, ws),
                0xFFFF => changes_u16(p.cast(), n, ws),
                _ => changes_u32(p.cast(), n, ws),
            }
        });
    }
    let _ = (text, kernel);
    None
}

/// The state carried from block to block.
#[cfg(target_arch = "x86_64")]
struct Runs {
    /// Units written.
    out: usize,
    /// Whether the last unit written is the one unit of a white space run that may
    /// go on.
    open: bool,
    changed: bool,
}

#[cfg(target_arch = "x86_64")]
macro_rules! collapse_kernel {
    (
        $name:ident, $changes:ident, $u:ty, $lanes:expr, $mask:ty, wide: $wide:expr,
        load: $load:ident, maskz_load: $maskz_load:ident, set1: $set1:ident, sub: $sub:ident,
        eq: $eq:ident, lt: $lt:ident, blend: $blend:ident, compress: $compress:ident,
        mask_store: $mask_store:ident
    ) => {
        /// Whether step 9 would change the `n` units at `text` (read only): white space
        /// at either end, a run of two or more, or a lone white space character other
        /// than U+0020 and U+000A. Classified as in the collapse below.
        ///
        /// # Safety
        /// The CPU must support AVX-512 F/BW/VL/VBMI2; `text` must be valid for reads
        /// of `n` units.
        #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
        unsafe fn $changes(text: *const $u, n: usize, ws: &WhiteSpace) -> bool {
            const LANES: usize = $lanes;
            // SAFETY: every read is of one of the `n` units.
            let unit = |i: usize| -> u32 { unsafe { text.add(i).read() }.into() };
            if n == 0 {
                return false;
            }
            if ws.contains(unit(0)) || ws.contains(unit(n - 1)) {
                return true;
            }
            let c = |v: u32| $set1(v as _);
            let mut after_white = false;
            let mut i = 0;
            while i < n {
                let left = n - i;
                let valid = low_bits64(left) as $mask;
                // SAFETY: as in the collapse below.
                let v = unsafe {
                    if left >= LANES {
                        $load(text.add(i).cast())
                    } else {
                        $maskz_load(valid, text.wrapping_add(i).cast())
                    }
                };
                let spaces = $eq(v, c(0x20)) & valid;
                let mut maybe = $lt(v, c(0x21)) | $lt($sub(v, c(0x85)), c(0x1C));
                if $wide {
                    maybe |= $lt($sub(v, c(0x1680)), c(0x1981));
                }
                let mut white = spaces;
                let mut others = maybe & valid & !spaces;
                while others != 0 {
                    let lane = others.trailing_zeros() as usize;
                    let u = unit(i + lane);
                    if ws.contains(u) {
                        if u != 0x0A {
                            return true; // written as U+0020 (or U+000A)
                        }
                        white |= 1 << lane;
                    }
                    others &= others - 1;
                }
                if white & ((white << 1) | <$mask>::from(after_white)) != 0 {
                    return true; // a run of two or more
                }
                after_white = white & (1 << (left.min(LANES) - 1)) != 0;
                i += LANES;
            }
            false
        }

        /// See the module docs. Returns the new length and whether anything changed.
        ///
        /// # Safety
        /// The CPU must support AVX-512 F/BW/VL/VBMI2; `text` must be valid for reads
        /// and writes of `n` units.
        #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
        unsafe fn $name(text: *mut $u, n: usize, ws: &WhiteSpace) -> (usize, bool) {
            const LANES: usize = $lanes;
            // SAFETY: every read is of one of the `n` units.
            let unit = |i: usize| -> u32 { unsafe { text.add(i).read() }.into() };
            let mut i = 0;
            while i < n && ws.contains(unit(i)) {
                i += 1; // white space at the start
            }
            let mut r = Runs {
                out: 0,
                open: false,
                changed: i > 0,
            };
            let space = $set1(0x20);
            let c = |v: u32| $set1(v as _);
            while i < n {
                let left = n - i;
                let valid = low_bits64(left) as $mask;
                // SAFETY: the valid units at `i` are the text's; a masked load reads
                // only them (`wrapping_add`: no offset past the end is made).
                let v = unsafe {
                    if left >= LANES {
                        $load(text.add(i).cast())
                    } else {
                        $maskz_load(valid, text.wrapping_add(i).cast())
                    }
                };
                let spaces = $eq(v, space) & valid;
                let mut maybe = $lt(v, c(0x21)) | $lt($sub(v, c(0x85)), c(0x1C));
                if $wide {
                    maybe |= $lt($sub(v, c(0x1680)), c(0x1981));
                }
                let maybe = maybe & valid;
                let (mut white, mut breaks): ($mask, $mask) = (spaces, 0);
                let mut others = maybe & !spaces;
                while others != 0 {
                    let lane = others.trailing_zeros() as usize;
                    let u = unit(i + lane);
                    if ws.contains(u) {
                        white |= 1 << lane;
                        if tables::LINE_BREAKS.contains(&u) {
                            breaks |= 1 << lane;
                        }
                    }
                    others &= others - 1;
                }
                // The runs that hold a line break: each break marks its run's earlier
                // lanes, back to the run's start (runs are short: a few rounds).
                let mut broken = breaks;
                loop {
                    let wider = broken | ((broken >> 1) & white);
                    if wider == broken {
                        break;
                    }
                    broken = wider;
                }
                let before: $mask = (white << 1) | <$mask>::from(r.open);
                let starts = white & !before;
                if r.open && broken & 1 != 0 {
                    // The run left open by the last block holds a line break here.
                    // SAFETY: `open` means a unit was written at `out - 1`.
                    unsafe { text.add(r.out - 1).write(<$u>::from_u32(0x0A)) };
                }
                let keep = (valid & !white) | starts;
                let newlines = $eq(v, c(0x0A));
                let to_space = starts & !broken;
                let to_newline = starts & broken;
                r.changed |= (white & !starts) != 0
                    || (to_space & !spaces) != 0
                    || (to_newline & !newlines) != 0;
                let images = $blend(to_newline, $blend(to_space, v, space), c(0x0A));
                let packed = $compress(keep, images);
                let kept = keep.count_ones() as usize;
                // SAFETY: out <= i, and the block's units are loaded: a full block
                // stores LANES units at out, ending at or before i + LANES <= n; a
                // partial one stores only the kept units.
                unsafe {
                    if left >= LANES {
                        _mm512_storeu_si512(text.add(r.out).cast(), packed);
                    } else {
                        let m = low_bits64(kept) as $mask;
                        $mask_store(text.add(r.out).cast(), m, packed);
                    }
                }
                r.out += kept;
                let last: $mask = 1 << (left.min(LANES) - 1);
                r.open = white & last != 0;
                i += LANES;
            }
            if r.open {
                r.out -= 1; // white space at the end
                r.changed = true;
            }
            (r.out, r.changed)
        }
    };
}

#[cfg(target_arch = "x86_64")]
collapse_kernel!(
    collapse_u8, changes_u8, u8, 64, u64, wide: false,
    load: _mm512_loadu_si512, maskz_load: _mm512_maskz_loadu_epi8, set1: _mm512_set1_epi8,
    sub: _mm512_sub_epi8, eq: _mm512_cmpeq_epi8_mask, lt: _mm512_cmplt_epu8_mask,
    blend: _mm512_mask_blend_epi8, compress: _mm512_maskz_compress_epi8,
    mask_store: _mm512_mask_storeu_epi8
);

#[cfg(target_arch = "x86_64")]
collapse_kernel!(
    collapse_u16, changes_u16, u16, 32, u32, wide: true,
    load: _mm512_loadu_si512, maskz_load: _mm512_maskz_loadu_epi16, set1: _mm512_set1_epi16,
    sub: _mm512_sub_epi16, eq: _mm512_cmpeq_epi16_mask, lt: _mm512_cmplt_epu16_mask,
    blend: _mm512_mask_blend_epi16, compress: _mm512_maskz_compress_epi16,
    mask_store: _mm512_mask_storeu_epi16
);

#[cfg(target_arch = "x86_64")]
collapse_kernel!(
    collapse_u32, changes_u32, u32, 16, u16, wide: true,
    load: _mm512_loadu_si512, maskz_load: _mm512_maskz_loadu_epi32, set1: _mm512_set1_epi32,
    sub: _mm512_sub_epi32, eq: _mm512_cmpeq_epi32_mask, lt: _mm512_cmplt_epu32_mask,
    blend: _mm512_mask_blend_epi32, compress: _mm512_maskz_compress_epi32,
    mask_store: _mm512_mask_storeu_epi32
);
