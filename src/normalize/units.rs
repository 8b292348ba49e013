//! Code units: the three widths CPython stores strings in (PEP 393), and what the
//! kernel reports about its output.

mod sealed {
    /// Implemented by `u8`, `u16` and `u32` only.
    pub trait Sealed {}
    impl Sealed for u8 {}
    impl Sealed for u16 {}
    impl Sealed for u32 {}
}

/// A code unit of a text: `u8` (Latin-1), `u16` (UCS-2) or `u32` (UCS-4 or any code
/// point), as CPython stores strings (PEP 393). Every unit is one code point.
///
/// Sealed: the vector kernels and the string writers cast a `&[U]` to the primitive
/// type its `MAX` names, which is sound only for these three types.
pub trait CodeUnit: sealed::Sealed + Copy + Into<u32> + Send + Sync + 'static {
    /// The largest code point a unit holds.
    const MAX: u32;
    /// `c` as a unit (`c <= Self::MAX`; larger values are truncated).
    fn from_u32(c: u32) -> Self;
}

impl CodeUnit for u8 {
    const MAX: u32 = 0xFF;
    #[inline(always)]
    fn from_u32(c: u32) -> Self {
        c as u8
    }
}

impl CodeUnit for u16 {
    const MAX: u32 = 0xFFFF;
    #[inline(always)]
    fn from_u32(c: u32) -> Self {
        c as u16
    }
}

impl CodeUnit for u32 {
    const MAX: u32 = 0x10FFFF;
    #[inline(always)]
    fn from_u32(c: u32) -> Self {
        c
    }
}

/// What a run of the kernel produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Whether the output differs from the input.
    pub changed: bool,
    /// The bitwise OR of the output code points (it may also hold the bits of a code
    /// point written and then replaced by a composition in the same width class): below
    /// 0x80, 0x100 or 0x10000 exactly when every output code point is, which is what
    /// choosing a string's storage needs.
    pub bits: u32,
}

/// Why the kernel could not write an output of the requested width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooWide;

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
