//! Step 8's read-only check (`max_repeat`: would it cut anything?) a block at a time,
//! for [`super::simd::Kernel::Avx512`].
//!
//! The same answer as [`super::layout::max_repeat_changes`]: whether some letter is
//! the `limit + 1`-th of a run of identical code points. A block of one register is
//! compared with itself one unit earlier (an unaligned load), which gives the lanes
//! equal to the unit before them; a lane ends a run longer than `limit` when it and the
//! `limit - 1` lanes before it are all such lanes (the lanes before the block come from
//! the previous block's comparison). Only those lanes are asked whether they hold a
//! letter. A text the table leaves as it is is returned as the same object unless this
//! says otherwise, so the check runs on every such text. `tests/kernels.rs` compares it
//! with the scalar scan.

#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

#[cfg(target_arch = "x86_64")]
use super::simd::low_bits64;
use super::simd::Kernel;
use super::units::CodeUnit;
#[cfg(target_arch = "x86_64")]
use crate::ucd::is_letter;

/// Whether step 8 with `limit` would remove anything from `text`, or `None` when
/// `kernel` has no block form of it (or `limit` is too long for one).
pub fn max_repeat_changes<T: CodeUnit>(text: &[T], limit: u32, kernel: Kernel) -> Option<bool> {
    #[cfg(target_arch = "x86_64")]
    if kernel == Kernel::Avx512 && limit < 16 {
        let (p, n) = (text.as_ptr(), text.len());
        // SAFETY: the kernel is supported (the plan's kernel is checked when chosen);
        // `CodeUnit` is sealed, so each cast is to the units' own type; the scan only
        // reads the text's `n` units.
        return Some(unsafe {
            match T::MAX {
                0xFF => repeats_u8(p.cast(), n, limit as usize),
                0xFFFF => repeats_u16(p.cast(), n, limit as usize),
                _ => repeats_u32(p.cast(), n, limit as usize),
            }
        });
    }
    let _ = (text, limit, kernel);
    None
}

#[cfg(target_arch = "x86_64")]
macro_rules! repeats_kernel {
    ($name:ident, $u:ty, $lanes:expr, $mask:ty, $maskz_load:ident, $eq:ident) => {
        /// See the module docs (`limit` < 16, no more than a register's lanes).
        ///
        /// # Safety
        /// The CPU must support AVX-512 F/BW; `text` must be valid for reads of `n`
        /// units.
        #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
        unsafe fn $name(text: *const $u, n: usize, limit: usize) -> bool {
            const LANES: usize = $lanes;
            let mut previous: $mask = 0; // the last block's lanes equal to the one before
            let mut i = 1; // lane 0 of a block compares units i and i - 1
            while i < n {
                let left = n - i;
                let valid = low_bits64(left) as $mask;
                // SAFETY: the valid units at `i` and at `i - 1` are the text's; masked
                // loads read only them (`wrapping_add`: no offset past the end).
                let (here, before) = unsafe {
                    (
                        $maskz_load(valid, text.wrapping_add(i).cast()),
                        $maskz_load(valid, text.wrapping_add(i - 1).cast()),
                    )
                };
                let same = $eq(here, before) & valid;
                // Lanes where the last `limit` comparisons (this lane's and the
                // `limit - 1` before it) all hold: the unit is past the limit.
                let mut past = same;
                for j in 1..limit {
                    past &= (same << j) | (previous >> (LANES - j));
                }
                while past != 0 {
                    let lane = past.trailing_zeros() as usize;
                    // SAFETY: a valid lane's unit is one of the text's.
                    let c: u32 = unsafe { text.add(i + lane).read() }.into();
                    if is_letter(c) {
                        return true;
                    }
                    past &= past - 1;
                }
                previous = same;
                i += LANES;
            }
            false
        }
    };
}

#[cfg(target_arch = "x86_64")]
repeats_kernel!(
    repeats_u8,
    u8,
    64,
    u64,
    _mm512_maskz_loadu_epi8,
    _mm512_cmpeq_epi8_mask
);
#[cfg(target_arch = "x86_64")]
repeats_kernel!(
    repeats_u16,
    u16,
    32,
    u32,
    _mm512_maskz_loadu_epi16,
    _mm512_cmpeq_epi16_mask
);
#[cfg(target_arch = "x86_64")]
repeats_kernel!(
    repeats_u32,
    u32,
    16,
    u16,
    _mm512_maskz_loadu_epi32,
    _mm512_cmpeq_epi32_mask
);
