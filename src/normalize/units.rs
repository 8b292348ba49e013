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

/// `s` as a slice of the primitive type `T`, when `S` is that type (same `MAX`).
fn as_same<S: CodeUnit, T: CodeUnit>(s: &[S]) -> Option<&[T]> {
    // SAFETY: `CodeUnit` is sealed: equal `MAX` means S and T are the same primitive
    // type among u8/u16/u32, so the cast reinterprets nothing.
    (S::MAX == T::MAX).then(|| unsafe { std::slice::from_raw_parts(s.as_ptr().cast(), s.len()) })
}

/// The bitwise OR of the code points of `s`, computed at the units' own width (a
/// vectorized reduction; widening each unit to 32 bits first ran at a quarter of the
/// speed on UCS-1 text).
pub(crate) fn or_all<U: CodeUnit>(s: &[U]) -> u32 {
    if let Some(b) = as_same::<U, u8>(s) {
        u32::from(b.iter().fold(0u8, |a, &x| a | x))
    } else if let Some(w) = as_same::<U, u16>(s) {
        u32::from(w.iter().fold(0u16, |a, &x| a | x))
    } else {
        s.iter().fold(0u32, |a, &x| a | x.into())
    }
}

/// Whether `a` and `b` hold the same code points: `memcmp` at equal widths, else a
/// comparison 64 units at a time without an early exit inside a block (vectorized).
pub(crate) fn same_code_points<A: CodeUnit, B: CodeUnit>(a: &[A], b: &[B]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if let (Some(x), Some(y)) = (as_same::<A, u8>(a), as_same::<B, u8>(b)) {
        return x == y;
    }
    if let (Some(x), Some(y)) = (as_same::<A, u16>(a), as_same::<B, u16>(b)) {
        return x == y;
    }
    if let (Some(x), Some(y)) = (as_same::<A, u32>(a), as_same::<B, u32>(b)) {
        return x == y;
    }
    a.chunks(64).zip(b.chunks(64)).all(|(x, y)| {
        x.iter()
            .zip(y)
            .fold(true, |same, (&p, &q)| same & (p.into() == q.into()))
    })
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

#[cfg(test)]
mod tests {
    use super::{or_all, same_code_points};

    #[test]
    fn same_code_points_at_every_width_pair() {
        let base: Vec<u32> = (0..200).map(|k| 0x41 + k % 26).collect();
        let narrow: Vec<u8> = base.iter().map(|&c| c as u8).collect();
        let mid: Vec<u16> = base.iter().map(|&c| c as u16).collect();
        assert!(same_code_points(&narrow, &base));
        assert!(same_code_points(&mid, &narrow));
        assert!(same_code_points(&base, &base));
        assert!(!same_code_points(&narrow, &base[1..]), "lengths differ");
        // One unit differs, in the first, a middle and the last block of 64.
        for at in [0, 63, 64, 130, 199] {
            let mut other = mid.clone();
            other[at] = 0x0628;
            assert!(!same_code_points(&narrow, &other), "u8 vs u16 at {at}");
            assert!(!same_code_points(&other, &base), "u16 vs u32 at {at}");
            assert!(!same_code_points(&mid, &other), "u16 vs u16 at {at}");
        }
    }

    #[test]
    fn or_all_at_every_width() {
        assert_eq!(or_all::<u8>(&[]), 0);
        assert_eq!(or_all(&[0x41u8, 0x80]), 0xC1);
        assert_eq!(or_all(&[0x41u16, 0x0628]), 0x0669);
        assert_eq!(or_all(&[0x41u32, 0x1F600]), 0x1F641);
    }
}
