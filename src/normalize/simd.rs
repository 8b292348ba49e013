//! Vector forms of the fused kernel's common case, selected at run time.
//!
//! The fused table ([`super::plan`]) gives each BMP code point a 32-bit entry: a tag in
//! the top byte (0 = write the payload, 1 = delete, larger = an expansion or a context
//! rule) and the code point to write below it. A block of units whose entries are all
//! tag 0 or 1 is done at once: look the images up, then write the kept ones
//! contiguously ("left-packing"):
//!
//! * [`Kernel::Avx512`] (AVX-512 F, BW, VL, VBMI and VBMI2): 64 units per block and no
//!   lookups in the 64K table. The pages where Arabic text lives, U+00xx, U+06xx,
//!   U+20xx and U+FExx, are copied out of the table into byte tables ([`Pages`]): a
//!   unit's high byte picks its page (`vpermi2b` over a 256-byte page table) and its
//!   low byte indexes the page's new high and low bytes (two more 256-byte lookups,
//!   each two `vpermi2b` and a blend). A unit of any other page passes through if its
//!   page maps every code point to itself. UCS-4 units are split into the same low and
//!   high bytes (a `vpermi2b` over two registers of 16 units), and a unit past U+FFFF
//!   passes through when it lies in one of two stretches without an entry, around the
//!   emoji and around the flags. The kept units are packed with `vpcompressw`
//!   (`vpcompressb` for Latin-1 output, `vpcompressd` for UCS-4); the last, partial block
//!   is read with masked loads and written with masked stores.
//! * [`Kernel::Avx2`]: 8 units per block, one `vpgatherdd`, packed with a byte shuffle
//!   (`vpshufb`, or `vpermd` for UCS-4) whose control comes from a 256-entry table
//!   indexed by the 8-bit mask of kept lanes.
//! * [`Kernel::Scalar`]: no blocks; the per-unit loop does everything (every other
//!   architecture).
//!
//! A block with an expansion, most context rules, a code point past U+FFFF outside the
//! pass-through (or, for AVX2, any) or an image too wide for the output is left to the
//! per-unit loop: the kernel returns where the loop must take over and up to which
//! unit ([`Folded`]), and blocks resume after it. Some context rules are decided inside
//! a block of the AVX-512 kernel: U+200D (kept inside an emoji ZWJ sequence), an Arabic
//! composing mark U+0653..U+0655 (deleted, kept, or composed into the letter before)
//! and a digit separator under `punctuation = "space"` (kept between two digits, else
//! U+0020): the caller answers ([`Decide`]) for each such unit whether it is kept as
//! itself, deleted or written as U+0020, or left to the per-unit loop. The kernel
//! answers three common cases itself ([`Vbmi::decide_here`]): a U+200D between two
//! emoji of the same UCS-4 block (from the emoji bitmaps); a mark after a letter of the
//! same block (from a per-plan table, under `unicode = "arabic"`), composed into the
//! letter by rewriting its lane; and a separator whose neighbours in the block show it
//! is not between two digits. A full-width store writes a whole register at the current
//! output length, so the caller guarantees room for the rest of the input past it (see
//! [`fold_blocks`]).
//!
//! Measured on the 2-core AMD EPYC (Zen 4 class) this project is benchmarked on: see
//! DESIGN.md ("Vector kernels").

#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;
use std::sync::OnceLock;

#[cfg(target_arch = "x86_64")]
use super::marks::{EmojiSets, ZWJ};
use super::units::CodeUnit;

/// Which kernel runs the blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kernel {
    /// One code unit at a time (every CPU).
    Scalar,
    /// x86-64 AVX2: 8 units per block.
    Avx2,
    /// x86-64 AVX-512 F/BW/VL/VBMI/VBMI2: 64 units per block.
    Avx512,
}

impl Kernel {
    /// Every kernel, slowest first.
    pub const ALL: [Kernel; 3] = [Kernel::Scalar, Kernel::Avx2, Kernel::Avx512];

    /// The kernel's name, as `ARNORM_KERNEL` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Kernel::Scalar => "scalar",
            Kernel::Avx2 => "avx2",
            Kernel::Avx512 => "avx512",
        }
    }

    /// Whether this CPU can run the kernel.
    pub fn supported(self) -> bool {
        match self {
            Kernel::Scalar => true,
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => is_x86_feature_detected!("avx2") && is_x86_feature_detected!("popcnt"),
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx512 => {
                is_x86_feature_detected!("avx512f")
                    && is_x86_feature_detected!("avx512bw")
                    && is_x86_feature_detected!("avx512vl")
                    && is_x86_feature_detected!("avx512vbmi")
                    && is_x86_feature_detected!("avx512vbmi2")
                    && is_x86_feature_detected!("popcnt")
            }
            #[cfg(not(target_arch = "x86_64"))]
            _ => false,
        }
    }

    /// The fastest kernel this CPU supports, or the one the environment variable
    /// `ARNORM_KERNEL` names (`scalar`, `avx2`, `avx512`) when this CPU supports it; an
    /// unknown or unsupported name is ignored. Decided once per process.
    pub fn detect() -> Kernel {
        static KERNEL: OnceLock<Kernel> = OnceLock::new();
        *KERNEL.get_or_init(|| {
            let wanted = std::env::var("ARNORM_KERNEL").ok();
            if let Some(k) = Kernel::ALL
                .into_iter()
                .find(|k| wanted.as_deref() == Some(k.name()))
            {
                if k.supported() {
                    return k;
                }
            }
            Kernel::ALL
                .into_iter()
                .rev()
                .find(|k| k.supported())
                .unwrap_or(Kernel::Scalar)
        })
    }
}

/// Whether the kernels have blocks for input units `U` written as output units `O`
/// (Latin-1 to Latin-1 or UCS-2, UCS-2 to UCS-2, UCS-4 to UCS-4); the per-unit loop does
/// the other pairs.
pub fn handles<U: CodeUnit, O: CodeUnit>() -> bool {
    matches!(
        (U::MAX, O::MAX),
        (0xFF, 0xFF) | (0xFF, 0xFFFF) | (0xFFFF, 0xFFFF) | (0x10FFFF, 0x10FFFF)
    )
}

/// Whether [`fold_blocks`] skips the unchanged prefix itself with `kernel`, for input
/// units `U` written as `O` (the AVX-512 kernel does).
pub fn skips_prefix<U: CodeUnit, O: CodeUnit>(kernel: Kernel) -> bool {
    kernel == Kernel::Avx512 && handles::<U, O>()
}

/// The 64K-entry table of a plan, as the kernels read it.
pub type Table = [u32; 0x10000];

/// A page class of [`Pages::page`]: every code point of the page maps to itself.
const PAGE_IDENTITY: u8 = 0;
/// The page is U+06xx, looked up in `hi_a`/`lo_a`.
const PAGE_A: u8 = 1;
/// The page is U+00xx, looked up in `hi_b`/`lo_b`.
const PAGE_B: u8 = 2;
/// Some code point of the page is not its own image: the per-unit loop decides.
const PAGE_OTHER: u8 = 3;
/// The page is U+20xx (General Punctuation: quotation marks, dashes, ZWNJ, ZWJ), looked
/// up in `hi_c`/`lo_c`.
const PAGE_C: u8 = 4;
/// The page is U+FExx (variation selectors, U+FE0F among them, and the Arabic
/// presentation forms B), looked up in `hi_d`/`lo_d`.
const PAGE_D: u8 = 5;
// The new high bytes below stand for what is not an image. No image of a tabled page
// has them: they are the high bytes of surrogates, which only a surrogate maps to (and
// `Pages::new` makes sure). A lane of an identity page keeps its own high byte, so the
// pages U+D8xx..U+DAxx are never identity pages.
/// A new high byte meaning "deleted".
const HI_DELETE: u8 = 0xD8;
/// A new high byte meaning "not a plain entry" (an expansion, a context rule the
/// kernel does not decide): the per-unit loop decides.
const HI_OTHER: u8 = 0xD9;
/// A new high byte meaning "a context rule the kernel asks about" (see
/// [`fold_blocks`]): the unit is kept as itself or deleted, by its neighbours.
const HI_CONTEXT: u8 = 0xDA;

/// The byte tables of the [`Kernel::Avx512`] kernel, derived from a plan's 64K-entry
/// table: for each high byte its page class, and for each low byte of the pages U+06xx
/// (A), U+00xx (B), U+20xx (C) and U+FExx (D) the high and low byte of its image.
#[derive(Clone)]
#[repr(C, align(64))]
pub struct Pages {
    page: [u8; 256],
    hi_a: [u8; 256],
    lo_a: [u8; 256],
    hi_b: [u8; 256],
    lo_b: [u8; 256],
    hi_c: [u8; 256],
    lo_c: [u8; 256],
    hi_d: [u8; 256],
    lo_d: [u8; 256],
    /// Code points past U+FFFF that UCS-4 blocks pass through: two stretches where no
    /// code point has an entry, each `astral_start[k]` up to `astral_start[k] +
    /// astral_len[k]` (exclusive; a length of 0 for none).
    astral_start: [u32; 2],
    astral_len: [u32; 2],
    /// For U+0653, U+0654 and U+0655 after each unit of U+0600..U+06FF, right before
    /// it (`[0]`) or with units the mark passes over between them (`[1]`): what becomes
    /// of the mark ([`Pages::set_marks_after`], encoded by [`MarkAfter::code`]). The
    /// kernel decides those itself.
    marks_after: [[[u16; 256]; 3]; 2],
    /// The emoji sets U+200D is decided by (here so that the block loop keeps one
    /// pointer for both).
    #[cfg(target_arch = "x86_64")]
    emoji: &'static EmojiSets,
}

/// The zeros of the digit sets `digits::is_digit` knows (U+0030..U+0039,
/// U+0660..U+0669, U+06F0..U+06F9), which [`Vbmi::digit_lanes`] tests for in a block
/// (`plan::tests::the_kernel_knows_the_digits` checks them against `is_digit`).
pub(crate) const DIGIT_ZEROS: [u32; 3] = [0x0030, 0x0660, 0x06F0];

/// The code points whose stretches of astral pass-through [`Pages::new`] picks: U+1F600
/// GRINNING FACE, in the middle of the emoji blocks (U+1F300..U+1FAFF), which are
/// nearly all the astral code points of Arabic web text, and U+1F1E6 REGIONAL INDICATOR
/// SYMBOL LETTER A, whose pairs are the flags: under NFKC the compatibility characters
/// of U+1F200..U+1F251 (squared and bracketed ideographs) lie between the two and end
/// the first stretch before the flags.
const ASTRAL_PROBES: [u32; 2] = [0x1F600, 0x1F1E6];

impl Pages {
    /// Tables that send every block to the per-unit loop.
    pub fn none() -> Box<Pages> {
        Box::new(Pages {
            page: [PAGE_OTHER; 256],
            hi_a: [HI_OTHER; 256],
            lo_a: [0; 256],
            hi_b: [HI_OTHER; 256],
            lo_b: [0; 256],
            hi_c: [HI_OTHER; 256],
            lo_c: [0; 256],
            hi_d: [HI_OTHER; 256],
            lo_d: [0; 256],
            astral_start: [0x1_0000; 2],
            astral_len: [0; 2],
            marks_after: [[[MarkAfter::ASK; 256]; 3]; 2],
            #[cfg(target_arch = "x86_64")]
            emoji: EmojiSets::get(),
        })
    }

    /// Whether a UCS-4 block passes `c` through as itself (it has no entry).
    #[inline]
    pub fn astral_passes(&self, c: u32) -> bool {
        (0..2).any(|k| c.wrapping_sub(self.astral_start[k]) < self.astral_len[k])
    }

    /// The byte tables of `table`, whose entries are as described in the module docs
    /// (`context` tells the tags of the context rules the kernel asks about), and the
    /// astral pass-through of `astral`, the code points past U+FFFF that have an entry
    /// (in ascending order): the longest stretch around each of [`ASTRAL_PROBES`] without
    /// one (the second none when it lies in the first).
    pub fn new(
        table: &Table,
        astral: impl Iterator<Item = u32> + Clone,
        context: impl Fn(u32) -> bool,
    ) -> Box<Pages> {
        let mut p = Pages::none();
        for (k, probe) in ASTRAL_PROBES.into_iter().enumerate() {
            if astral.clone().any(|c| c == probe) || p.astral_passes(probe) {
                continue;
            }
            let start = astral
                .clone()
                .filter(|&c| c < probe)
                .last()
                .map_or(0x1_0000, |c| c + 1);
            let end = astral
                .clone()
                .filter(|&c| c > probe)
                .min()
                .unwrap_or(0x11_0000);
            (p.astral_start[k], p.astral_len[k]) = (start, end - start);
        }
        let image = |c: usize| -> (u8, u8) {
            let e = table[c];
            match e >> 24 {
                0 if e <= 0xFFFF && !(0xD8..=0xDF).contains(&(e >> 8)) => ((e >> 8) as u8, e as u8),
                1 => (HI_DELETE, 0),
                tag if context(tag) => (HI_CONTEXT, 0),
                _ => (HI_OTHER, 0),
            }
        };
        for low in 0..256 {
            (p.hi_a[low], p.lo_a[low]) = image(0x0600 | low);
            (p.hi_b[low], p.lo_b[low]) = image(low);
            (p.hi_c[low], p.lo_c[low]) = image(0x2000 | low);
            (p.hi_d[low], p.lo_d[low]) = image(0xFE00 | low);
        }
        for high in 0..256 {
            p.page[high] = match high {
                0x06 => PAGE_A,
                0x00 => PAGE_B,
                0x20 => PAGE_C,
                0xFE => PAGE_D,
                _ if !(HI_DELETE..=HI_CONTEXT).contains(&(high as u8))
                    && (0..256).all(|low| {
                        let c = high << 8 | low;
                        table[c] == c as u32
                    }) =>
                {
                    PAGE_IDENTITY
                }
                _ => PAGE_OTHER,
            };
        }
        p
    }

    /// Record what becomes of a composing mark U+0653..U+0655 after each unit `base` of
    /// U+0600..U+06FF: `adjacent(base, mark)` when `base` is right before it,
    /// `far(base, mark)` when units the mark passes over ([`MarkAfter::Skip`]) lie
    /// between. Each answer must hold whatever else surrounds the two (the caller makes
    /// sure); the AVX-512 kernel then decides those marks without asking.
    pub fn set_marks_after(
        &mut self,
        adjacent: impl Fn(u32, u32) -> MarkAfter,
        far: impl Fn(u32, u32) -> MarkAfter,
    ) {
        for (table, answer) in self
            .marks_after
            .iter_mut()
            .zip([&adjacent as &dyn Fn(_, _) -> _, &far])
        {
            for (row, mark) in table.iter_mut().zip(0x0653..=0x0655) {
                for (low, code) in row.iter_mut().enumerate() {
                    *code = answer(0x0600 | low as u32, mark).code();
                }
            }
        }
    }

    /// The code of [`MarkAfter`] recorded for `mark` after `base` by
    /// [`Pages::set_marks_after`] ([`MarkAfter::ASK`] when not known).
    #[inline]
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))] // the x86_64 kernel's
    fn mark_after(&self, base: u32, mark: u32, far: bool) -> u16 {
        let row = mark.wrapping_sub(0x0653) as usize;
        match base >> 8 == 0x06 && row < 3 {
            true => self.marks_after[far as usize][row][(base & 0xFF) as usize],
            false => MarkAfter::ASK,
        }
    }
}

/// What becomes of a composing mark U+0653..U+0655 after a given unit
/// ([`Pages::set_marks_after`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkAfter {
    /// Not known from the two alone: the kernel asks.
    Ask,
    /// The mark is deleted.
    Delete,
    /// The mark is written as itself.
    Keep,
    /// The unit is deleted and does not compose with the mark, which passes over it to
    /// the unit before.
    Skip,
    /// The unit, a letter written as one code point, is written as this composite letter
    /// (U+0100..U+FFFF) instead, and the mark is deleted.
    Compose(u16),
}

impl MarkAfter {
    const ASK: u16 = 0;
    const DELETE: u16 = 1;
    const KEEP: u16 = 2;
    const SKIP: u16 = 3;

    /// Its code in [`Pages`]: a composite as itself (at least U+0100, so apart from the
    /// other codes).
    fn code(self) -> u16 {
        match self {
            MarkAfter::Ask => Self::ASK,
            MarkAfter::Delete => Self::DELETE,
            MarkAfter::Keep => Self::KEEP,
            MarkAfter::Skip => Self::SKIP,
            MarkAfter::Compose(c) if c >= 0x100 => c,
            MarkAfter::Compose(_) => Self::ASK,
        }
    }
}

/// What becomes of a unit whose entry is a context rule the vector kernels ask about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Written as itself.
    Keep,
    /// Written as nothing.
    Delete,
    /// Written as U+0020.
    Space,
}

/// What the vector kernels ask about a unit whose entry is a context rule they can
/// hand back (U+200D, an Arabic composing mark, a digit separator): given its index in
/// the input, what it is written as, or `None` for the per-unit loop to do it.
pub type Decide<'a> = &'a dyn Fn(usize) -> Option<Answer>;

/// The answers of [`Decide`] about the context lanes of the block at `at`: those kept
/// as themselves, those written as U+0020, and those left to the per-unit loop (the
/// others are deleted).
///
/// The kernels do not call [`Decide`] themselves: a call inside the block loop makes
/// the compiler keep the loop's vectors in memory across it (every vector register is
/// caller-saved), and the UCS-2 kernel ran ~35% slower on text that never made the
/// call (DESIGN.md). They return at a block with context lanes (`ask` in
/// [`with_answers`]), and are called again for it with the answers.
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy)]
struct Decided {
    at: usize,
    keep: u64,
    space: u64,
    bad: u64,
}

#[cfg(target_arch = "x86_64")]
impl Decided {
    const NONE: Decided = Decided {
        at: usize::MAX,
        keep: 0,
        space: 0,
        bad: 0,
    };

    /// Ask `decide` about the lanes `ctx` of the block at `at`.
    fn ask(at: usize, mut ctx: u64, decide: Decide<'_>) -> Decided {
        let mut d = Decided {
            at,
            ..Decided::NONE
        };
        while ctx != 0 {
            let lane = ctx.trailing_zeros();
            match decide(at + lane as usize) {
                Some(Answer::Keep) => d.keep |= 1 << lane,
                Some(Answer::Space) => d.space |= 1 << lane,
                Some(Answer::Delete) => {}
                None => {
                    // The per-unit loop does the block up to its last bad lane anyway:
                    // the lanes after this one are left to it unasked.
                    d.bad |= ctx;
                    break;
                }
            }
            ctx &= ctx - 1;
        }
        d
    }
}

/// Run a block kernel that may stop at a block with context lanes (returning them as
/// its second value) until it is done, answering them with `decide` in between.
#[cfg(target_arch = "x86_64")]
#[inline]
fn with_answers(
    mut i: usize,
    mut len: usize,
    decide: Decide<'_>,
    mut kernel: impl FnMut(usize, usize, Decided, bool) -> (Folded, u64),
    skip_prefix: bool,
) -> Folded {
    let (mut bits, mut answers, mut skip) = (0, Decided::NONE, skip_prefix);
    let mut prefix = 0;
    loop {
        let (f, ask) = kernel(i, len, answers, skip);
        if skip {
            (prefix, skip) = (f.prefix, false);
        }
        bits |= f.bits;
        if ask == 0 {
            return Folded { bits, prefix, ..f };
        }
        answers = Decided::ask(f.i, ask, decide);
        if answers.bad != 0 {
            // The block goes to the per-unit loop: no need to run it again to hear that.
            let stop = f.i + 63 - answers.bad.leading_zeros() as usize;
            return Folded {
                bits,
                stop,
                prefix,
                ..f
            };
        }
        (i, len) = (f.i, f.len);
    }
}

/// What [`fold_blocks`] did: the input up to `i` is written, the output is `len` units
/// long, `bits` is the OR of the code points it wrote; the per-unit loop is to do the
/// units from `i` through `stop` before asking for blocks again.
#[derive(Clone, Copy, Debug)]
pub struct Folded {
    /// The first input unit not done.
    pub i: usize,
    /// The output length.
    pub len: usize,
    /// The OR of the code points written.
    pub bits: u32,
    /// The last unit the per-unit loop does before blocks resume (`>= i`).
    pub stop: usize,
    /// How many units at the start of the input map to themselves and were not written
    /// (`skip_prefix`): the output's first `prefix` units are the input's, left to the
    /// caller to copy; `len` counts them. All of the input when `prefix` is its length.
    pub prefix: usize,
}

/// Apply the table to `input[i..]` block by block, writing at `out.add(len)`, until the
/// end of the input or a block the kernel cannot do (a gather kernel also leaves the
/// last units, fewer than a block, to the per-unit loop). See [`Folded`] for the result.
/// A unit whose entry is a context rule of the `context` tags given to [`Pages::new`]
/// is decided by `decide` when the rest of its block is plain (AVX-512).
///
/// With `skip_prefix` (and `i == len == 0`), the AVX-512 kernel first looks for the first
/// block that changes, writing nothing before it: see [`Folded::prefix`]. This is
/// [`unchanged_prefix`] and the fold in one call (one setup of the tables, and the block
/// that changes is loaded once); the other kernels write from the start (`prefix` 0).
///
/// # Safety
/// `kernel.supported()` must hold; `out` must have room for `len + (input.len() - i)`
/// units (a full-width store writes one whole block at the current length, and is only
/// made while a whole block of input remains); `table` and `pages` are a plan's table
/// and its [`Pages`].
#[inline]
#[allow(clippy::too_many_arguments)] // the loop's whole state goes in and out
pub unsafe fn fold_blocks<U: CodeUnit, O: CodeUnit>(
    kernel: Kernel,
    table: &Table,
    pages: &Pages,
    input: &[U],
    i: usize,
    out: *mut O,
    len: usize,
    decide: Decide<'_>,
    skip_prefix: bool,
) -> Folded {
    #[cfg(target_arch = "x86_64")]
    {
        let t = table.as_ptr();
        let n = input.len();
        let p = input.as_ptr();
        // SAFETY: `CodeUnit` is sealed: U and O are u8, u16 or u32 as their MAX says, so
        // each cast below is to the pointee's own type; the caller's guarantees carry
        // over.
        unsafe {
            macro_rules! go {
                ($f:ident, $u:ty, $o:ty) => {{
                    // The AVX2 kernel stops at a block (8 units); the per-unit loop does
                    // it whole.
                    let (i, len, bits) = $f(t, p.cast::<$u>(), n, i, out.cast::<$o>(), len);
                    let stop = i + 7;
                    Folded {
                        i,
                        len,
                        bits,
                        stop,
                        prefix: 0,
                    }
                }};
            }
            return match (kernel, U::MAX, O::MAX) {
                (Kernel::Avx512, 0xFF, 0xFF | 0xFFFF)
                | (Kernel::Avx512, 0xFFFF, 0xFFFF)
                | (Kernel::Avx512, 0x10FFFF, 0x10FFFF) => {
                    let kernel =
                        |i, len, answers, skip| vbmi_fold(pages, p, n, i, out, len, answers, skip);
                    with_answers(i, len, decide, kernel, skip_prefix)
                }
                (Kernel::Avx2, 0xFF, 0xFF) => go!(avx2_u8_u8, u8, u8),
                (Kernel::Avx2, 0xFF, 0xFFFF) => go!(avx2_u8_u16, u8, u16),
                (Kernel::Avx2, 0xFFFF, 0xFFFF) => go!(avx2_u16_u16, u16, u16),
                (Kernel::Avx2, 0x10FFFF, 0x10FFFF) => go!(avx2_u32_u32, u32, u32),
                _ => Folded {
                    i,
                    len,
                    bits: 0,
                    stop: n,
                    prefix: 0,
                },
            };
        }
    }
    #[allow(unreachable_code)]
    {
        let _ = (kernel, table, pages, out, decide, skip_prefix);
        Folded {
            i,
            len,
            bits: 0,
            stop: input.len(),
            prefix: 0,
        }
    }
}

/// The index of the first unit of `input` whose entry is not "write this same code
/// point", looked up a block at a time; it may stop early, at the start of a block it
/// cannot decide (UCS-4 past U+FFFF), and the caller goes on from there unit by unit.
/// Returns the number of units known to be unchanged.
///
/// # Safety
/// `kernel.supported()` must hold.
#[inline]
pub unsafe fn unchanged_prefix<U: CodeUnit>(
    kernel: Kernel,
    table: &Table,
    pages: &Pages,
    input: &[U],
) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        let t = table.as_ptr();
        let (p, n) = (input.as_ptr(), input.len());
        // SAFETY: as in `fold_blocks`; the caller guarantees the CPU features.
        unsafe {
            return match (kernel, U::MAX) {
                (Kernel::Avx512, _) => vbmi_prefix(pages, p, n),
                (Kernel::Avx2, 0xFF) => avx2_prefix_u8(t, p.cast(), n),
                (Kernel::Avx2, 0xFFFF) => avx2_prefix_u16(t, p.cast(), n),
                (Kernel::Avx2, _) => avx2_prefix_u32(t, p.cast(), n),
                (Kernel::Scalar, _) => 0,
            };
        }
    }
    #[allow(unreachable_code)]
    {
        let _ = (kernel, table, pages, input);
        0
    }
}

// ---------------------------------------------------------------------------------------
// AVX-512 VBMI: byte tables for Latin-1, UCS-2 and UCS-4

/// A 256-byte table in the plan's [`Pages`].
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy)]
struct Bytes256<'a>(&'a [u8; 256]);

#[cfg(target_arch = "x86_64")]
impl<'a> Bytes256<'a> {
    fn load(t: &'a [u8; 256]) -> Bytes256<'a> {
        Bytes256(t)
    }

    /// `table[idx[k]]` for each of the 64 bytes of `idx`. In a loop the compiler
    /// hoists the table's loads out of it, into registers.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    fn get(self, idx: __m512i) -> __m512i {
        // SAFETY: each load reads 64 of the table's 256 bytes.
        let t = unsafe {
            let p = self.0.as_ptr();
            [0, 64, 128, 192].map(|k| _mm512_loadu_si512(p.add(k).cast()))
        };
        Self::lookup(t, idx)
    }

    /// As [`Bytes256::get`], for a table that is rarely needed: read where it lies at
    /// each lookup (from L1), not hoisted out of the loop, so that it takes no
    /// registers there.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    fn get_in_place(self, idx: __m512i) -> __m512i {
        // SAFETY: each read is of 64 of the table's 256 bytes, 64-byte aligned (the
        // tables lie at multiples of 256 bytes in the 64-byte aligned `Pages`).
        let t = unsafe {
            let p = self.0.as_ptr();
            [0, 64, 128, 192].map(|k| std::ptr::read_volatile(p.add(k).cast::<__m512i>()))
        };
        Self::lookup(t, idx)
    }

    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    fn lookup([t0, t1, t2, t3]: [__m512i; 4], idx: __m512i) -> __m512i {
        let low = _mm512_permutex2var_epi8(t0, idx, t1); // index bits 0..6
        let high = _mm512_permutex2var_epi8(t2, idx, t3);
        _mm512_mask_blend_epi8(_mm512_movepi8_mask(idx), low, high) // bit 7
    }
}

/// Byte indices: the even bytes of two registers (the low bytes of 64 UCS-2 units), the
/// odd bytes (their high bytes), the interleavings that put low and high bytes back
/// together for units 0..31 and 32..63, and for 32 UCS-4 units in two registers their
/// bytes 0 (low bytes) then their bytes 1 (high bytes).
#[cfg(target_arch = "x86_64")]
static BYTE_ORDER: [[u8; 64]; 5] = {
    let mut t = [[0u8; 64]; 5];
    let mut k = 0;
    while k < 64 {
        t[0][k] = 2 * k as u8;
        t[1][k] = 2 * k as u8 + 1;
        k += 1;
    }
    let mut u = 0;
    while u < 32 {
        t[2][2 * u] = u as u8;
        t[2][2 * u + 1] = 64 + u as u8;
        t[3][2 * u] = 32 + u as u8;
        t[3][2 * u + 1] = 96 + u as u8;
        t[4][u] = 4 * u as u8;
        t[4][32 + u] = 4 * u as u8 + 1;
        u += 1;
    }
    t
};

/// The page tables in registers, and the index vectors.
#[cfg(target_arch = "x86_64")]
struct Vbmi<'a> {
    pages: &'a Pages,
    page: Bytes256<'a>,
    hi_a: Bytes256<'a>,
    lo_a: Bytes256<'a>,
    hi_b: Bytes256<'a>,
    lo_b: Bytes256<'a>,
    hi_c: Bytes256<'a>,
    lo_c: Bytes256<'a>,
    hi_d: Bytes256<'a>,
    lo_d: Bytes256<'a>,
    even: __m512i,
    odd: __m512i,
    units_low: __m512i,
    units_high: __m512i,
    dword_bytes: __m512i,
    astral_start: [__m512i; 2],
    astral_len: [__m512i; 2],
}

/// What a block of 64 units becomes: new high and low bytes, the lanes kept, and the
/// lanes that need the per-unit loop.
#[cfg(target_arch = "x86_64")]
struct Images {
    hi: __m512i,
    lo: __m512i,
    keep: u64,
    /// The valid lanes the kernel cannot do: a page without tables that is not the
    /// identity, or an entry that is not plain.
    bad: u64,
    /// The valid lanes of a context rule the kernel asks about (neither kept nor bad
    /// until [`Vbmi::apply`]).
    ctx: u64,
}

/// A block of 64 input units, loaded: their low and high bytes (the high bytes zero for
/// Latin-1), and for UCS-4 the units themselves, 16 per register, with the lanes past
/// U+FFFF and those of them in the astral pass-through (none for narrower units).
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy)]
struct Loaded {
    lo: __m512i,
    hi: __m512i,
    wide: [__m512i; 4],
    astral: u64,
    pass: u64,
}

#[cfg(target_arch = "x86_64")]
impl<'a> Vbmi<'a> {
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    fn new(p: &'a Pages) -> Vbmi<'a> {
        // SAFETY: each load reads one 64-byte row of BYTE_ORDER.
        let row = |k: usize| unsafe { _mm512_loadu_si512(BYTE_ORDER[k].as_ptr().cast()) };
        Vbmi {
            pages: p,
            page: Bytes256::load(&p.page),
            hi_a: Bytes256::load(&p.hi_a),
            lo_a: Bytes256::load(&p.lo_a),
            hi_b: Bytes256::load(&p.hi_b),
            lo_b: Bytes256::load(&p.lo_b),
            hi_c: Bytes256::load(&p.hi_c),
            lo_c: Bytes256::load(&p.lo_c),
            hi_d: Bytes256::load(&p.hi_d),
            lo_d: Bytes256::load(&p.lo_d),
            even: row(0),
            odd: row(1),
            units_low: row(2),
            units_high: row(3),
            dword_bytes: row(4),
            astral_start: p.astral_start.map(|s| _mm512_set1_epi32(s as i32)),
            astral_len: p.astral_len.map(|n| _mm512_set1_epi32(n as i32)),
        }
    }

    /// The images of the `valid` ones of 64 units given as their low and high bytes.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    fn images(&self, lo: __m512i, hi: __m512i, valid: u64) -> Images {
        let class = self.page.get(hi);
        let page = |c: u8| _mm512_cmpeq_epi8_mask(class, _mm512_set1_epi8(c as i8)) & valid;
        let other = page(PAGE_OTHER);
        let (mut new_hi, mut new_lo) = (hi, lo);
        for (class, hi_t, lo_t) in [
            (PAGE_A, &self.hi_a, &self.lo_a),
            (PAGE_B, &self.hi_b, &self.lo_b),
            (PAGE_C, &self.hi_c, &self.lo_c),
        ] {
            let lanes = page(class);
            if lanes != 0 {
                new_hi = _mm512_mask_blend_epi8(lanes, new_hi, hi_t.get(lo));
                new_lo = _mm512_mask_blend_epi8(lanes, new_lo, lo_t.get(lo));
            }
        }
        let lanes = page(PAGE_D);
        if lanes != 0 {
            new_hi = _mm512_mask_blend_epi8(lanes, new_hi, self.hi_d.get_in_place(lo));
            new_lo = _mm512_mask_blend_epi8(lanes, new_lo, self.lo_d.get_in_place(lo));
        }
        self.finish(new_hi, new_lo, valid, other)
    }

    /// The images of the `valid` ones of 64 Latin-1 units (all in page B).
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    fn images_latin1(&self, lo: __m512i, valid: u64) -> Images {
        self.finish(self.hi_b.get(lo), self.lo_b.get(lo), valid, 0)
    }

    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    fn finish(&self, hi: __m512i, lo: __m512i, valid: u64, other: u64) -> Images {
        let is = |b: u8| _mm512_cmpeq_epi8_mask(hi, _mm512_set1_epi8(b as i8)) & valid;
        let ctx = is(HI_CONTEXT);
        Images {
            hi,
            lo,
            keep: valid & !is(HI_DELETE) & !ctx,
            bad: other | is(HI_OTHER),
            ctx,
        }
    }

    /// Apply the decisions `d` about the context lanes of `m` (a lane kept as itself
    /// gets back its own bytes `hi`/`lo`, one written as a space U+0020's, an undecided
    /// one is bad).
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    fn apply(&self, m: &mut Images, hi: __m512i, lo: __m512i, d: Decided) {
        let (kept, space) = (d.keep & m.ctx, d.space & m.ctx);
        m.bad |= d.bad & m.ctx;
        m.ctx = 0;
        m.hi = _mm512_mask_blend_epi8(kept, m.hi, hi);
        m.lo = _mm512_mask_blend_epi8(kept, m.lo, lo);
        m.hi = _mm512_mask_blend_epi8(space, m.hi, _mm512_setzero_si512());
        m.lo = _mm512_mask_blend_epi8(space, m.lo, _mm512_set1_epi8(0x20));
        m.keep |= kept | space;
    }

    /// Split the `valid` ones of 64 UCS-2 units at `p` into low and high bytes (the
    /// others read as U+0000).
    ///
    /// # Safety
    /// The `valid` units at `p` must be readable (only those are read).
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    unsafe fn split(&self, p: *const u16, valid: u64) -> (__m512i, __m512i) {
        // SAFETY: the caller guarantees the valid units; a full block is two plain
        // loads, a partial one two masked loads, which do not touch masked-off lanes.
        let (a, b) = unsafe {
            if valid == u64::MAX {
                (
                    _mm512_loadu_si512(p.cast()),
                    _mm512_loadu_si512(p.add(32).cast()),
                )
            } else {
                (
                    _mm512_maskz_loadu_epi16(valid as u32, p.cast()),
                    // wrapping_add: fewer than 32 units may remain, and an offset past
                    // the end of the buffer is not allowed even when nothing is read.
                    _mm512_maskz_loadu_epi16((valid >> 32) as u32, p.wrapping_add(32).cast()),
                )
            }
        };
        (
            _mm512_permutex2var_epi8(a, self.even, b),
            _mm512_permutex2var_epi8(a, self.odd, b),
        )
    }

    /// Store the kept images as UCS-2 at `dst`; returns how many.
    ///
    /// # Safety
    /// `dst` must have room for 64 units, or for as many as are kept when `exact`.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    unsafe fn store_u16(
        &self,
        m: &Images,
        dst: *mut u16,
        exact: bool,
        bits: &mut __m512i,
    ) -> usize {
        let first = _mm512_permutex2var_epi8(m.lo, self.units_low, m.hi);
        let second = _mm512_permutex2var_epi8(m.lo, self.units_high, m.hi);
        let (k0, k1) = (m.keep as u32, (m.keep >> 32) as u32);
        let c0 = _mm512_maskz_compress_epi16(k0, first);
        let c1 = _mm512_maskz_compress_epi16(k1, second);
        let (n0, n1) = (k0.count_ones(), k1.count_ones());
        // SAFETY: the caller guarantees the room; n0 + n1 units are written in all.
        unsafe {
            if exact {
                _mm512_mask_storeu_epi16(dst.cast(), low_bits32(n0), c0);
                _mm512_mask_storeu_epi16(dst.add(n0 as usize).cast(), low_bits32(n1), c1);
            } else {
                _mm512_storeu_si512(dst.cast(), c0);
                _mm512_storeu_si512(dst.add(n0 as usize).cast(), c1);
            }
        }
        *bits = _mm512_or_si512(*bits, _mm512_or_si512(c0, c1));
        (n0 + n1) as usize
    }

    /// Load the `valid` ones of 64 UCS-4 units at `p`, 16 per register (the others
    /// read as U+0000).
    ///
    /// # Safety
    /// The `valid` units at `p` must be readable (only those are read).
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    unsafe fn load_u32(p: *const u32, valid: u64) -> [__m512i; 4] {
        // SAFETY: the caller guarantees the valid units; a full block is four plain
        // loads, a partial one four masked loads, which do not touch masked-off lanes.
        unsafe {
            if valid == u64::MAX {
                [0, 16, 32, 48].map(|k| _mm512_loadu_si512(p.add(k).cast()))
            } else {
                // wrapping_add: an offset past the end of the buffer is not allowed
                // even when nothing is read.
                [0, 16, 32, 48].map(|k| {
                    _mm512_maskz_loadu_epi32((valid >> k) as u16, p.wrapping_add(k).cast())
                })
            }
        }
    }

    /// The lanes of 64 UCS-4 units past U+FFFF, and those of them in the astral
    /// pass-through.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    fn astral(&self, x: &[__m512i; 4]) -> (u64, u64) {
        let bmp_end = _mm512_set1_epi32(0x1_0000);
        let (mut astral, mut pass) = (0u64, 0u64);
        for (k, &v) in x.iter().enumerate() {
            astral |= u64::from(_mm512_cmpge_epu32_mask(v, bmp_end)) << (16 * k);
            // Unsigned: a code point below a start wraps past the stretch's length.
            let offset = _mm512_sub_epi32(v, self.astral_start[0]);
            pass |= u64::from(_mm512_cmplt_epu32_mask(offset, self.astral_len[0])) << (16 * k);
            if self.pages.astral_len[1] != 0 {
                let offset = _mm512_sub_epi32(v, self.astral_start[1]);
                pass |= u64::from(_mm512_cmplt_epu32_mask(offset, self.astral_len[1])) << (16 * k);
            }
        }
        (astral, pass)
    }

    /// The low bytes (bits 0..7) and the high bytes (bits 8..15) of 64 UCS-4 units.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    fn split_u32(&self, x: &[__m512i; 4]) -> (__m512i, __m512i) {
        // Units 0..31: low bytes in bytes 0..31, high bytes in bytes 32..63; the same
        // for units 32..63. Then the 128-bit lanes are put in order.
        let first = _mm512_permutex2var_epi8(x[0], self.dword_bytes, x[1]);
        let second = _mm512_permutex2var_epi8(x[2], self.dword_bytes, x[3]);
        (
            _mm512_shuffle_i64x2::<0b01_00_01_00>(first, second),
            _mm512_shuffle_i64x2::<0b11_10_11_10>(first, second),
        )
    }

    /// Load the `valid` ones of 64 units at `p` (the others read as U+0000).
    ///
    /// # Safety
    /// The `valid` units at `p` must be readable (only those are read).
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    unsafe fn load<U: CodeUnit>(&self, p: *const U, valid: u64) -> Loaded {
        let zero = _mm512_setzero_si512();
        // SAFETY: `CodeUnit` is sealed: U is u8, u16 or u32 as its MAX says, so each
        // cast is to the pointee's own type; the caller guarantees the valid units, and
        // a masked load does not touch masked-off lanes.
        unsafe {
            match U::MAX {
                0xFF => Loaded {
                    lo: _mm512_maskz_loadu_epi8(valid, p.cast()),
                    hi: zero,
                    wide: [zero; 4],
                    astral: 0,
                    pass: 0,
                },
                0xFFFF => {
                    let (lo, hi) = self.split(p.cast(), valid);
                    Loaded {
                        lo,
                        hi,
                        wide: [zero; 4],
                        astral: 0,
                        pass: 0,
                    }
                }
                _ => {
                    let wide = Self::load_u32(p.cast(), valid);
                    let (astral, pass) = self.astral(&wide);
                    let (lo, hi) = self.split_u32(&wide);
                    Loaded {
                        lo,
                        hi,
                        wide,
                        astral,
                        pass,
                    }
                }
            }
        }
    }

    /// The images of the `valid` ones of the block `x` of units `U`: those up to U+FFFF
    /// by the byte tables (Latin-1 ones all in page B), those in the astral pass-through
    /// as themselves; any other astral unit is bad.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    fn images_of<U: CodeUnit>(&self, x: &Loaded, valid: u64) -> Images {
        if U::MAX == 0xFF {
            return self.images_latin1(x.lo, valid);
        }
        let mut m = self.images(x.lo, x.hi, valid & !x.astral);
        m.bad |= x.astral & !x.pass & valid;
        m.keep |= x.astral & x.pass & valid;
        m
    }

    /// The `valid` lanes of the block `x` whose images `m` are not the units themselves.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    fn differ(&self, m: &Images, x: &Loaded, valid: u64) -> u64 {
        // A unit in the astral pass-through is kept as itself (its bytes are not its
        // image's); any other astral one is bad.
        let bmp_differ =
            (!m.keep | _mm512_cmpneq_epi8_mask(m.hi, x.hi) | _mm512_cmpneq_epi8_mask(m.lo, x.lo))
                & !x.astral;
        (bmp_differ | m.bad) & valid
    }

    /// The answers for the context lanes of the block `x` at `i` when the kernel can give
    /// them itself, without leaving the loop (see [`Decided`] for why it otherwise
    /// returns to ask): what [`Decide`] would answer, or what the per-unit loop would
    /// write. Each lane must be one of
    ///
    /// * U+0653..U+0655 after a unit of the same block whose answer the plan recorded
    ///   ([`Pages::set_marks_after`]), right before it or before units the mark passes
    ///   over: deleted, kept, or deleted with that unit's image replaced in `m` by the
    ///   composite letter;
    /// * U+200D in UCS-4 text between two neighbours of the same block that map to
    ///   themselves and that the emoji bitmaps answer for
    ///   ([`EmojiSets::joins_in_bitmaps`]): kept when it joins an emoji sequence;
    /// * a digit separator that is not between two digits ([`Vbmi::separator_spaced`]):
    ///   written as U+0020.
    ///
    /// Otherwise `None`, and the kernel asks (`m` is then left half-changed, to be
    /// thrown away). Scalar reads and bit tests; a call only for a separator (out of
    /// line on purpose: DESIGN.md).
    ///
    /// # Safety
    /// The valid units of the block must be readable at `input.add(i)`.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    unsafe fn decide_here<U: CodeUnit>(
        &self,
        x: &Loaded,
        m: &mut Images,
        valid: u64,
        input: *const U,
        i: usize,
    ) -> Option<Decided> {
        let unit = |k: usize| -> u32 {
            // SAFETY: read for a context lane `k` and lanes before it, and for lane
            // `k + 1` once `same` shows it valid: valid units of the block.
            unsafe { (*input.add(i + k)).into() }
        };
        // The lanes that map to themselves, computed at the first U+200D.
        let (mut ctx, mut keep, mut space, mut same) = (m.ctx, 0u64, 0u64, None::<u64>);
        while ctx != 0 {
            let k = ctx.trailing_zeros() as usize;
            let c = unit(k);
            if c != ZWJ && !(0x0653..=0x0655).contains(&c) {
                // A digit separator: the context rules with kernel lanes are U+200D, the
                // Arabic composing marks U+0653..U+0655 and the separators
                // (`plan::tests::the_kernel_tells_its_context_rules_by_code_point`).
                if !self.separator_spaced(m, x, valid, i, k)? {
                    return None; // between two digits: kept, written as the plan says
                }
                space |= 1 << k;
                ctx &= ctx - 1;
                continue;
            }
            if k == 0 {
                return None; // its neighbour is in the block before
            }
            let prev = unit(k - 1);
            if c == ZWJ && U::MAX == 0x10FFFF {
                // Both neighbours in this block, each its own image (so the
                // neighbours the rule looks at, after steps 1 and 2, are these).
                let same = match same {
                    Some(lanes) => lanes,
                    None => *same.insert(!self.differ(m, x, valid) & valid),
                };
                if k == 63 || same >> (k - 1) & 0b101 != 0b101 {
                    return None;
                }
                if self.pages.emoji.joins_in_bitmaps(prev, unit(k + 1))? {
                    keep |= 1 << k;
                }
            } else {
                // A mark (a U+200D of narrower text gets `ASK` from the table, which has
                // rows for U+0653..U+0655 alone). Back over the units the mark passes
                // over, to the one that decides.
                let (mut j, mut code) = (k - 1, self.pages.mark_after(prev, c, false));
                while code == MarkAfter::SKIP && j > 0 {
                    j -= 1;
                    code = self.pages.mark_after(unit(j), c, true);
                }
                match code {
                    MarkAfter::DELETE => {}
                    MarkAfter::KEEP => keep |= 1 << k,
                    MarkAfter::ASK | MarkAfter::SKIP => return None,
                    composite => {
                        // Lane j, a letter kept as its image, becomes the composite.
                        let lane = 1 << j;
                        m.hi = _mm512_mask_mov_epi8(
                            m.hi,
                            lane,
                            _mm512_set1_epi8((composite >> 8) as i8),
                        );
                        m.lo = _mm512_mask_mov_epi8(m.lo, lane, _mm512_set1_epi8(composite as i8));
                    }
                }
            }
            ctx &= ctx - 1;
        }
        Some(Decided {
            at: i,
            keep,
            space,
            bad: 0,
        })
    }

    /// The lanes of `m` (a block without bad lanes) kept as an image that is one of the
    /// 30 digits of `digits::is_digit` (the ten from each of [`DIGIT_ZEROS`]).
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    fn digit_lanes(&self, m: &Images, x: &Loaded) -> u64 {
        let mut lanes = 0;
        for zero in DIGIT_ZEROS {
            let hi = _mm512_cmpeq_epi8_mask(m.hi, _mm512_set1_epi8((zero >> 8) as i8));
            let offset = _mm512_sub_epi8(m.lo, _mm512_set1_epi8(zero as u8 as i8));
            lanes |= hi & _mm512_cmplt_epu8_mask(offset, _mm512_set1_epi8(10));
        }
        lanes & m.keep & !x.astral
    }

    /// For the digit separator at lane `k` of the block at `i` (`.` `,` U+066B U+066C
    /// under `punctuation = "space"`), `Some(true)` when it is written as U+0020: not
    /// between two digits, as `Plan::decide_in_block` tells from the unit before it
    /// (none, or a letter of this block written as one non-digit) or, after a digit,
    /// from the first unit after it that is not deleted (none: the text ends in this
    /// block; or a letter of this block written as one non-digit). `Some(false)`
    /// between two digits; `None` when the units that tell are not plain lanes of this
    /// block. Out of line: inlined, it slowed the block loop on text without separators
    /// (DESIGN.md).
    #[inline(never)]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    fn separator_spaced(
        &self,
        m: &Images,
        x: &Loaded,
        valid: u64,
        i: usize,
        k: usize,
    ) -> Option<bool> {
        let digits = self.digit_lanes(m, x);
        // Lanes kept as their images (the block has no bad lanes, and the context lanes
        // are not among them).
        let plain = m.keep;
        let prev_digit = match k {
            0 if i == 0 => false, // the text starts with it
            0 => return None,     // the unit before is in the block before
            _ if plain >> (k - 1) & 1 == 0 => return None,
            _ => digits >> (k - 1) & 1 == 1,
        };
        if !prev_digit {
            return Some(true);
        }
        // The deleted lanes are neither kept nor context lanes.
        let after = (plain | m.ctx) & valid & (u64::MAX << k << 1);
        if after == 0 {
            // Only deleted units after it: in the text's last block it ends there.
            return (valid != u64::MAX).then_some(true);
        }
        let l = after.trailing_zeros();
        match plain >> l & 1 == 1 {
            true => Some(digits >> l & 1 == 0),
            false => None,
        }
    }

    /// Store the kept images `m` of the block `x` at `dst` as units `O` (a UCS-4 unit
    /// past U+FFFF as itself); returns how many.
    ///
    /// # Safety
    /// `dst` must have room for 64 units, or for as many as are kept when `exact`; for
    /// Latin-1 output every kept image must fit it.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    unsafe fn store<O: CodeUnit>(
        &self,
        m: &Images,
        x: &Loaded,
        dst: *mut O,
        exact: bool,
        bits: &mut __m512i,
    ) -> usize {
        // SAFETY: as in `load` for the casts; the caller guarantees the room.
        unsafe {
            match O::MAX {
                0xFF => {
                    let packed = _mm512_maskz_compress_epi8(m.keep, m.lo);
                    let kept = m.keep.count_ones() as usize;
                    if exact {
                        _mm512_mask_storeu_epi8(dst.cast(), low_bits64(kept), packed);
                    } else {
                        _mm512_storeu_si512(dst.cast(), packed);
                    }
                    *bits = _mm512_or_si512(*bits, packed);
                    kept
                }
                0xFFFF => self.store_u16(m, dst.cast(), exact, bits),
                _ => self.store_u32(m, &x.wide, x.astral, dst.cast(), exact, bits),
            }
        }
    }

    /// Store the kept images of 64 UCS-4 units `x` as UCS-4 at `dst` (a unit of
    /// `astral` as itself); returns how many.
    ///
    /// # Safety
    /// `dst` must have room for 64 units, or for as many as are kept when `exact`.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
    unsafe fn store_u32(
        &self,
        m: &Images,
        x: &[__m512i; 4],
        astral: u64,
        dst: *mut u32,
        exact: bool,
        bits: &mut __m512i,
    ) -> usize {
        let first = _mm512_permutex2var_epi8(m.lo, self.units_low, m.hi);
        let second = _mm512_permutex2var_epi8(m.lo, self.units_high, m.hi);
        let wide = [
            _mm512_cvtepu16_epi32(_mm512_castsi512_si256(first)),
            _mm512_cvtepu16_epi32(_mm512_extracti64x4_epi64::<1>(first)),
            _mm512_cvtepu16_epi32(_mm512_castsi512_si256(second)),
            _mm512_cvtepu16_epi32(_mm512_extracti64x4_epi64::<1>(second)),
        ];
        let mut n = 0;
        for k in 0..4 {
            let image = _mm512_mask_blend_epi32((astral >> (16 * k)) as u16, wide[k], x[k]);
            let keep = (m.keep >> (16 * k)) as u16;
            let packed = _mm512_maskz_compress_epi32(keep, image);
            // SAFETY: the caller guarantees the room: before the k-th store at most
            // 16 * k units are written, and a full store writes 16 more; an exact one
            // writes only the kept ones.
            unsafe {
                if exact {
                    _mm512_mask_storeu_epi32(
                        dst.add(n).cast(),
                        low_bits32(keep.count_ones()) as u16,
                        packed,
                    );
                } else {
                    _mm512_storeu_si512(dst.add(n).cast(), packed);
                }
            }
            n += keep.count_ones() as usize;
            *bits = _mm512_or_si512(*bits, packed);
        }
        n
    }
}

/// A mask of the low `n` bits (`n <= 32`).
#[cfg(target_arch = "x86_64")]
#[inline]
fn low_bits32(n: u32) -> u32 {
    if n >= 32 {
        u32::MAX
    } else {
        (1 << n) - 1
    }
}

/// A mask of the low `n` bits (all 64 from `n = 64` on). The step 8–9 loops truncate
/// it to their register's lanes.
#[cfg(target_arch = "x86_64")]
#[inline]
pub(super) fn low_bits64(n: usize) -> u64 {
    if n >= 64 {
        u64::MAX
    } else {
        (1 << n) - 1
    }
}

/// How far ahead of the block being done the AVX-512 loops ask for the input (bytes).
/// A Python string is a short stream of its own, somewhere in the heap: the hardware
/// prefetcher has barely learnt it when it ends. Measured (DESIGN.md): one call per
/// document took 0.83× the time on the web corpus (UCS-4, ~1.7 KB per document) and
/// 0.89× on the classical one. Longer distances gained more only by fetching the next
/// documents, which lie right after in memory when a list of texts is made in order,
/// and lost when they do not.
#[cfg(target_arch = "x86_64")]
const PREFETCH_AHEAD: usize = 1024;

/// Ask for the cache lines `PREFETCH_AHEAD` bytes past the `bytes` bytes of input at
/// `p`.
#[cfg(target_arch = "x86_64")]
#[inline]
#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
fn prefetch_ahead<T>(p: *const T, bytes: usize) {
    for k in (0..bytes).step_by(64) {
        let line = p.cast::<i8>().wrapping_add(PREFETCH_AHEAD + k);
        // A prefetch is a hint: it reads nothing and never faults, whatever the address
        // (`wrapping_add` keeps its computation defined).
        _mm_prefetch::<_MM_HINT_T0>(line);
    }
}

/// The OR of the 16-bit lanes of `v` (or of 8-bit lanes, whose OR it contains).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
fn or_u16_lanes(v: __m512i) -> u32 {
    let r = _mm512_reduce_or_epi32(v) as u32;
    (r | (r >> 16)) & 0xFFFF
}

// The VBMI loops run to the end of the input: the last, partial block is read with a
// masked load and written with a masked store, so no unit is left to the per-unit loop
// unless a block needs it.

/// The AVX-512 block loop for input units `U` written as `O` (Latin-1 to Latin-1 or
/// UCS-2, UCS-2 to UCS-2, UCS-4 to UCS-4): see [`fold_blocks`]. Returns where it
/// stopped, and the context lanes of the block it stopped at to ask about them (0 when
/// it did not stop for that).
///
/// # Safety
/// As for [`fold_blocks`], with `n` units readable at `input`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
#[allow(clippy::too_many_arguments)] // the loop's whole state goes in and out
unsafe fn vbmi_fold<U: CodeUnit, O: CodeUnit>(
    pages: &Pages,
    input: *const U,
    n: usize,
    mut i: usize,
    out: *mut O,
    mut len: usize,
    answers: Decided,
    skip_prefix: bool,
) -> (Folded, u64) {
    let v = Vbmi::new(pages);
    let mut bits = _mm512_setzero_si512();
    let mut stop = n;
    let mut ask = 0;
    let mut prefix = 0;
    // One block `x` at `i`, whose images are `m`: stored, or the loop ends there.
    macro_rules! block {
        ($x:expr, $m:expr, $valid:expr, $done:lifetime) => {
            let (x, mut m, valid) = ($x, $m, $valid);
            if m.bad == 0 && m.ctx != 0 {
                let decided = match answers.at == i {
                    true => Some(answers),
                    // SAFETY: the valid units remain at `i`.
                    false => unsafe { v.decide_here(&x, &mut m, valid, input, i) },
                };
                let Some(d) = decided else {
                    ask = m.ctx;
                    break $done;
                };
                v.apply(&mut m, x.hi, x.lo, d);
            }
            // An image past U+00FF does not fit Latin-1 output: the per-unit loop
            // reports it.
            let bad = match O::MAX {
                0xFF => m.bad | _mm512_mask_test_epi8_mask(m.keep, m.hi, m.hi),
                _ => m.bad,
            };
            if bad != 0 {
                stop = i + 63 - bad.leading_zeros() as usize;
                break $done;
            }
            // SAFETY: the caller guarantees room for the valid units at `len` (and a
            // partial block stores only what it keeps).
            len += unsafe { v.store(&m, &x, out.add(len), valid != u64::MAX, &mut bits) };
            i += (n - i).min(64);
        };
    }
    'fold: {
        if skip_prefix {
            // As `vbmi_prefix`, writing nothing; the block that changes is done as any.
            debug_assert!(i == 0 && len == 0, "the prefix is skipped from the start");
            (prefix, len) = (n, n);
            while i < n {
                let valid = low_bits64(n - i);
                prefetch_ahead(input.wrapping_add(i), 64 * size_of::<U>());
                // SAFETY: the valid units remain at `i`.
                let x = unsafe { v.load(input.add(i), valid) };
                let m = v.images_of::<U>(&x, valid);
                if v.differ(&m, &x, valid) != 0 {
                    (prefix, len) = (i, i);
                    block!(x, m, valid, 'fold);
                    break;
                }
                i += (n - i).min(64);
            }
        }
        while i < n {
            let valid = low_bits64(n - i);
            prefetch_ahead(input.wrapping_add(i), 64 * size_of::<U>());
            // SAFETY: the valid units remain at `i`.
            let x = unsafe { v.load(input.add(i), valid) };
            let m = v.images_of::<U>(&x, valid);
            block!(x, m, valid, 'fold);
        }
    }
    let bits = match O::MAX {
        0xFF => {
            let r = or_u16_lanes(bits);
            (r | (r >> 8)) & 0xFF
        }
        0xFFFF => or_u16_lanes(bits),
        _ => _mm512_reduce_or_epi32(bits) as u32,
    };
    let f = Folded {
        i,
        len,
        bits,
        stop,
        prefix,
    };
    (f, ask)
}

/// The AVX-512 loop of [`unchanged_prefix`] for units `U`.
///
/// # Safety
/// `n` units must be readable at `input`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,popcnt")]
unsafe fn vbmi_prefix<U: CodeUnit>(pages: &Pages, input: *const U, n: usize) -> usize {
    let v = Vbmi::new(pages);
    let mut i = 0;
    while i < n {
        let valid = low_bits64(n - i);
        prefetch_ahead(input.wrapping_add(i), 64 * size_of::<U>());
        // SAFETY: the valid units remain at `i`.
        let x = unsafe { v.load(input.add(i), valid) };
        let m = v.images_of::<U>(&x, valid);
        let differ = v.differ(&m, &x, valid);
        if differ != 0 {
            return i + differ.trailing_zeros() as usize;
        }
        i += (n - i).min(64);
    }
    n
}

// ---------------------------------------------------------------------------------------
// AVX2

/// The lanes whose bits are set in the 8-bit mask `m`, in order, and how many: what
/// the pack tables below are made of.
#[cfg(target_arch = "x86_64")]
const fn kept_lanes(m: usize) -> ([u8; 8], usize) {
    let (mut lanes, mut k, mut lane) = ([0u8; 8], 0, 0);
    while lane < 8 {
        if m & (1 << lane) != 0 {
            lanes[k] = lane as u8;
            k += 1;
        }
        lane += 1;
    }
    (lanes, k)
}

/// `vpshufb` controls that move the kept 16-bit lanes of 8 (bit k of the index = lane k
/// kept) to the front, in order; the rest of the register is zeroed.
#[cfg(target_arch = "x86_64")]
static PACK_U16: [[u8; 16]; 256] = {
    let mut t = [[0x80u8; 16]; 256];
    let mut m = 0;
    while m < 256 {
        let (lanes, n) = kept_lanes(m);
        let mut k = 0;
        while k < n {
            t[m][2 * k] = 2 * lanes[k];
            t[m][2 * k + 1] = 2 * lanes[k] + 1;
            k += 1;
        }
        m += 1;
    }
    t
};

/// The same for 8 byte lanes.
#[cfg(target_arch = "x86_64")]
static PACK_U8: [[u8; 16]; 256] = {
    let mut t = [[0x80u8; 16]; 256];
    let mut m = 0;
    while m < 256 {
        let (lanes, n) = kept_lanes(m);
        let mut k = 0;
        while k < n {
            t[m][k] = lanes[k];
            k += 1;
        }
        m += 1;
    }
    t
};

/// `vpermd` indices that move the kept 32-bit lanes of 8 to the front (the rest repeat
/// lane 0 and are never exposed).
#[cfg(target_arch = "x86_64")]
static PACK_U32: [[u32; 8]; 256] = {
    let mut t = [[0u32; 8]; 256];
    let mut m = 0;
    while m < 256 {
        let (lanes, n) = kept_lanes(m);
        let mut k = 0;
        while k < n {
            t[m][k] = lanes[k] as u32;
            k += 1;
        }
        m += 1;
    }
    t
};

/// The per-block loop of the AVX2 kernel (8 units per block).
#[cfg(target_arch = "x86_64")]
macro_rules! avx2_fold {
    ($name:ident, $u:ty, $o:ty, $astral:expr, |$p:ident| $load:expr, |$dst:ident, $keep:ident, $pay:ident| $store:expr) => {
        #[target_feature(enable = "avx2,popcnt")]
        unsafe fn $name(
            table: *const u32,
            input: *const $u,
            n: usize,
            mut i: usize,
            out: *mut $o,
            mut len: usize,
        ) -> (usize, usize, u32) {
            let one = _mm256_set1_epi32(1);
            let low24 = _mm256_set1_epi32(0x00FF_FFFF);
            let bmp_last = _mm256_set1_epi32(0xFFFF);
            let mut bits = _mm256_setzero_si256();
            while n - i >= 8 {
                // SAFETY: 8 units remain at `i`; the caller guarantees the output room.
                unsafe {
                    let $p = input.add(i);
                    let cps: __m256i = $load;
                    // Code points are below 0x110000, so the signed compare is exact.
                    if $astral && _mm256_movemask_epi8(_mm256_cmpgt_epi32(cps, bmp_last)) != 0 {
                        break;
                    }
                    let e = _mm256_i32gather_epi32::<4>(table.cast(), cps);
                    let tag = _mm256_srli_epi32::<24>(e);
                    if _mm256_movemask_epi8(_mm256_cmpgt_epi32(tag, one)) != 0 {
                        break;
                    }
                    let kept = _mm256_cmpeq_epi32(tag, _mm256_setzero_si256());
                    let $keep = _mm256_movemask_ps(_mm256_castsi256_ps(kept)) as usize;
                    let $pay = _mm256_and_si256(e, low24);
                    if <$o as CodeUnit>::MAX < 0x10FFFF
                        && _mm256_movemask_epi8(_mm256_cmpgt_epi32(
                            $pay,
                            _mm256_set1_epi32(<$o as CodeUnit>::MAX as i32),
                        )) != 0
                    {
                        break; // an image wider than the output: the per-unit loop reports it
                    }
                    bits = _mm256_or_si256(bits, $pay);
                    let $dst = out.add(len);
                    $store;
                    len += $keep.count_ones() as usize;
                }
                i += 8;
            }
            let b = _mm_or_si128(
                _mm256_castsi256_si128(bits),
                _mm256_extracti128_si256::<1>(bits),
            );
            let b = _mm_or_si128(b, _mm_shuffle_epi32::<0b01_00_11_10>(b));
            let b = _mm_or_si128(b, _mm_shuffle_epi32::<0b10_11_00_01>(b));
            (i, len, _mm_cvtsi128_si32(b) as u32)
        }
    };
}

/// The 8 payloads (each below 0x10000) as 16-bit lanes of a 128-bit register.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,popcnt")]
fn avx2_narrow_u16(pay: __m256i) -> __m128i {
    // packus works per 128-bit half: [p0..p3 p0..p3 | p4..p7 p4..p7]; take qwords 0, 2.
    let packed = _mm256_packus_epi32(pay, pay);
    _mm256_castsi256_si128(_mm256_permute4x64_epi64::<0b00_00_10_00>(packed))
}

#[cfg(target_arch = "x86_64")]
avx2_fold!(
    avx2_u16_u16,
    u16,
    u16,
    false,
    |p| _mm256_cvtepu16_epi32(_mm_loadu_si128(p.cast())),
    |dst, keep, pay| _mm_storeu_si128(
        dst.cast(),
        _mm_shuffle_epi8(
            avx2_narrow_u16(pay),
            _mm_loadu_si128(PACK_U16[keep].as_ptr().cast())
        )
    )
);
#[cfg(target_arch = "x86_64")]
avx2_fold!(
    avx2_u8_u16,
    u8,
    u16,
    false,
    |p| _mm256_cvtepu8_epi32(_mm_loadl_epi64(p.cast())),
    |dst, keep, pay| _mm_storeu_si128(
        dst.cast(),
        _mm_shuffle_epi8(
            avx2_narrow_u16(pay),
            _mm_loadu_si128(PACK_U16[keep].as_ptr().cast())
        )
    )
);
#[cfg(target_arch = "x86_64")]
avx2_fold!(
    avx2_u8_u8,
    u8,
    u8,
    false,
    |p| _mm256_cvtepu8_epi32(_mm_loadl_epi64(p.cast())),
    |dst, keep, pay| {
        let w = avx2_narrow_u16(pay);
        let b = _mm_packus_epi16(w, w);
        _mm_storel_epi64(
            dst.cast(),
            _mm_shuffle_epi8(b, _mm_loadu_si128(PACK_U8[keep].as_ptr().cast())),
        )
    }
);
#[cfg(target_arch = "x86_64")]
avx2_fold!(
    avx2_u32_u32,
    u32,
    u32,
    true,
    |p| _mm256_loadu_si256(p.cast()),
    |dst, keep, pay| _mm256_storeu_si256(
        dst.cast(),
        _mm256_permutevar8x32_epi32(pay, _mm256_loadu_si256(PACK_U32[keep].as_ptr().cast()))
    )
);

/// The unchanged-prefix scan of the AVX2 kernel.
#[cfg(target_arch = "x86_64")]
macro_rules! avx2_prefix {
    ($name:ident, $u:ty, $astral:expr, |$p:ident| $load:expr) => {
        #[target_feature(enable = "avx2,popcnt")]
        unsafe fn $name(table: *const u32, input: *const $u, n: usize) -> usize {
            let bmp_last = _mm256_set1_epi32(0xFFFF);
            let mut i = 0;
            while n - i >= 8 {
                // SAFETY: 8 units remain at `i`; gathered indices are below 0x10000.
                unsafe {
                    let $p = input.add(i);
                    let cps: __m256i = $load;
                    if $astral && _mm256_movemask_epi8(_mm256_cmpgt_epi32(cps, bmp_last)) != 0 {
                        return i;
                    }
                    let e = _mm256_i32gather_epi32::<4>(table.cast(), cps);
                    let same = _mm256_cmpeq_epi32(e, cps);
                    let differ = !_mm256_movemask_ps(_mm256_castsi256_ps(same)) & 0xFF;
                    if differ != 0 {
                        return i + differ.trailing_zeros() as usize;
                    }
                }
                i += 8;
            }
            i
        }
    };
}

#[cfg(target_arch = "x86_64")]
avx2_prefix!(avx2_prefix_u8, u8, false, |p| _mm256_cvtepu8_epi32(
    _mm_loadl_epi64(p.cast())
));
#[cfg(target_arch = "x86_64")]
avx2_prefix!(avx2_prefix_u16, u16, false, |p| _mm256_cvtepu16_epi32(
    _mm_loadu_si128(p.cast())
));
#[cfg(target_arch = "x86_64")]
avx2_prefix!(avx2_prefix_u32, u32, true, |p| _mm256_loadu_si256(p.cast()));
