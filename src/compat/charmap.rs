//! The per-code-point map kernel every compatibility function runs on.
//!
//! A [`MapSpec`] (generated from `seeds/compat/*.tsv`) says, for ranges of code points,
//! whether each is deleted, kept or replaced by a fixed string, and what happens to the
//! code points in no range. [`CharMap::new`] compiles it once into a flat table over the
//! BMP plus a sorted list of astral ranges; [`CharMap::apply`]
//! then costs one table load per code unit. The input is scanned for the first code unit
//! that changes before any output is written, so text the map leaves alone is never
//! copied (the binding then returns the input object itself).

use crate::normalize::CodeUnit;

/// What a row of a map does to each code point of its range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replacement {
    /// The code point is kept.
    Keep,
    /// The code point is removed.
    Delete,
    /// The code point is replaced by these code points.
    With(&'static [u32]),
}

/// One compatibility map as data: `rows` are sorted, non-overlapping, inclusive ranges.
#[derive(Debug)]
pub struct MapSpec {
    /// The map's name in `seeds/compat/` (e.g. `pyarabic.strip_tashkeel`).
    pub name: &'static str,
    /// What happens to a code point in no row: `Keep` or `Delete`.
    pub default: Replacement,
    /// `(first, last, replacement)`.
    pub rows: &'static [(u32, u32, Replacement)],
}

// Entry layout: tag in the top 8 bits, payload (a code point or a span index) below.
const TAG_SHIFT: u32 = 24;
const PAYLOAD: u32 = (1 << TAG_SHIFT) - 1;
const KEEP: u32 = 0;
const CHAR: u32 = 1;
const DELETE: u32 = 2;
const EXPAND: u32 = 3;

const LAM: u32 = 0x0644;

/// Bit 16 of a `single` entry: the code point is kept (its image is the low 16 bits).
const KEPT: u32 = 1 << 16;

const fn entry(tag: u32, payload: u32) -> u32 {
    (tag << TAG_SHIFT) | payload
}

/// A compiled [`MapSpec`].
///
/// # Examples
/// ```
/// use arnorm::compat::{charmap::CharMap, tables};
/// let m = CharMap::new(&tables::PYARABIC_STRIP_TATWEEL);
/// let mut out = Vec::new();
/// let input: Vec<u32> = "عـربي".chars().map(u32::from).collect();
/// assert!(m.apply(&input, &mut out));
/// assert_eq!(String::from_iter(out.iter().map(|&c| char::from_u32(c).unwrap())), "عربي");
/// ```
#[derive(Debug)]
pub struct CharMap {
    /// Entries of the BMP code points.
    dense: Box<[u32; 0x10000]>,
    /// Entries of the rows past `dense`: `(first, last, entry)`, sorted.
    sparse: Vec<(u32, u32, u32)>,
    /// The entry of a code point in no row.
    default: u32,
    /// Replacement strings, concatenated; an `EXPAND` payload indexes `spans`.
    pool: Vec<u32>,
    spans: Vec<(u32, u32)>,
    /// One bit per BMP code point: set when the map changes it. The scan for the next
    /// code point to change reads this 8 KB bitmap (L1-resident) instead of the 256 KB
    /// `dense` table.
    touched: Box<[u64]>,
    /// The smallest and largest code point the map changes (`lo > hi`: none).
    lo: u32,
    hi: u32,
    /// The run of BMP code points inside `lo..=hi` that the map keeps and that holds
    /// U+0644 ARABIC LETTER LAM (`gap_lo > gap_hi`: none), excluded by the block test. For the maps of Arabic marks that run is the Arabic
    /// letters, which would otherwise make every block of Arabic text a candidate.
    /// Measured in DESIGN.md.
    gap_lo: u32,
    gap_hi: u32,
    /// The longest replacement, at least 1: the output of `n` code points has at most
    /// `n * max_len`.
    max_len: usize,
    /// Whether some code point < U+0100 (resp. < U+10000) is replaced by a code point
    /// >= U+0100 (resp. >= U+10000), so that the output needs wider units than the input.
    widens_ucs1: bool,
    widens_ucs2: bool,
    /// For maps whose images are at most one BMP code point each: per BMP code point,
    /// its image in the low 16 bits and bit 16 set when it is kept (not deleted), so that
    /// [`CharMap::write_same`] can write without branching on the kind of entry.
    single: Option<Box<[u32; 0x10000]>>,
}

impl CharMap {
    /// Compile `spec`.
    pub fn new(spec: &MapSpec) -> CharMap {
        let mut map = CharMap {
            dense: Box::new([KEEP; 0x10000]),
            sparse: Vec::new(),
            default: KEEP,
            pool: Vec::new(),
            spans: Vec::new(),
            touched: Box::new([]),
            lo: 1,
            hi: 0,
            gap_lo: 1,
            gap_hi: 0,
            max_len: 1,
            widens_ucs1: false,
            widens_ucs2: false,
            single: None,
        };
        map.default = map.encode(spec.default, None);
        // The dense table covers the whole BMP, so that the lookup of any UCS-1/UCS-2 unit
        // is one load with no range test. Measured on the 4 MB corpus bench: a table cut at
        // the map's last row (0x641 entries for strip_tatweel) took 10.1 ms for
        // strip_tatweel and 10.2 ms for normalize_teh, the full BMP table 3.2 and 5.2 ms,
        // since most Arabic letters (U+0641..U+064A) fell past the short table.
        let dense_len: u32 = 0x10000;
        let mut dense = vec![map.default; dense_len as usize];
        for &(lo, hi, repl) in spec.rows {
            for c in lo..=hi.min(dense_len.saturating_sub(1)) {
                if c < dense_len {
                    dense[c as usize] = map.encode(repl, Some(c));
                }
            }
            if hi >= dense_len {
                let from = lo.max(dense_len);
                if let Replacement::Keep = repl {
                    map.sparse.push((from, hi, KEEP));
                } else {
                    // A `With` of one code point is the same for the whole range.
                    let e = map.encode(repl, None);
                    map.sparse.push((from, hi, e));
                }
            }
        }
        map.dense = dense
            .into_boxed_slice()
            .try_into()
            .expect("the dense table has 0x10000 entries");
        map.summarize();
        map
    }

    /// Fill `touched`, `lo`, `hi`, `max_len` and the widening flags from the entries.
    fn summarize(&mut self) {
        let mut touched = vec![0u64; 0x10000 / 64];
        let (mut lo, mut hi) = (u32::MAX, 0u32);
        for c in 0..0x10000u32 {
            let e = self.dense[c as usize];
            if e == KEEP {
                continue;
            }
            touched[(c / 64) as usize] |= 1 << (c % 64);
            lo = lo.min(c);
            hi = hi.max(c);
            let widest = self.image_max(e);
            self.widens_ucs1 |= c < 0x100 && widest >= 0x100;
            self.widens_ucs2 |= widest >= 0x10000;
        }
        for &(first, last, e) in &self.sparse {
            if e != KEEP {
                lo = lo.min(first);
                hi = hi.max(last);
            }
        }
        if self.default != KEEP {
            // Some astral code point in no row takes the default (true of every map with
            // a `Delete` default: none lists all of U+10000..U+10FFFF).
            hi = 0x10FFFF;
            lo = lo.min(0x10000);
        }
        // The longest kept run strictly inside lo..=hi (BMP part).
        let (mut best, mut run_start) = ((1u32, 0u32), None);
        for c in lo.min(0x10000)..=hi.min(0xFFFF) {
            let kept = (touched[(c / 64) as usize] >> (c % 64)) & 1 == 0;
            match (kept, run_start) {
                (true, None) => run_start = Some(c),
                (false, Some(a)) => {
                    // Only the run holding U+0644 ARABIC LETTER LAM (the commonest
                    // letter): other runs cost a second test per unit for nothing
                    // (measured: normalize_ligature 0.27 -> 0.63 ms with its 1-unit gap).
                    if a <= LAM && LAM < c {
                        best = (a, c - 1);
                    }
                    run_start = None;
                }
                _ => {}
            }
        }
        // A map that deletes by default (arclean) changes nearly everything outside its
        // rows, so excluding one run only adds a test (measured: arclean 6.13 -> 7.91 ms).
        (self.gap_lo, self.gap_hi) = if self.default == KEEP { best } else { (1, 0) };
        self.touched = touched.into_boxed_slice();
        (self.lo, self.hi) = if lo == u32::MAX { (1, 0) } else { (lo, hi) };
        self.max_len = self
            .spans
            .iter()
            .map(|&(_, len)| len as usize)
            .max()
            .unwrap_or(1)
            .max(1);
        if self.spans.is_empty() && !self.widens_ucs2 {
            let mut single = Box::new([0u32; 0x10000]);
            for (c, s) in (0u32..).zip(single.iter_mut()) {
                let e = self.dense[c as usize];
                *s = match e >> TAG_SHIFT {
                    KEEP => KEPT | c,
                    CHAR => KEPT | (e & PAYLOAD),
                    _ => 0,
                };
            }
            self.single = Some(single);
        }
    }

    /// The largest code point an entry writes (0 for a deletion).
    fn image_max(&self, e: u32) -> u32 {
        match e >> TAG_SHIFT {
            CHAR => e & PAYLOAD,
            EXPAND => {
                let (start, len) = self.spans[(e & PAYLOAD) as usize];
                let run = &self.pool[start as usize..(start + len) as usize];
                run.iter().copied().max().unwrap_or(0)
            }
            _ => 0,
        }
    }

    /// The entry for `repl` applied to `c` (`None`: any code point of a range).
    fn encode(&mut self, repl: Replacement, c: Option<u32>) -> u32 {
        match repl {
            Replacement::Keep => KEEP,
            Replacement::Delete => entry(DELETE, 0),
            Replacement::With(&[x]) if Some(x) == c => KEEP,
            Replacement::With(&[x]) => entry(CHAR, x),
            Replacement::With(many) => {
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
            // A fixed-size table indexed by a u16: no bounds check.
            return self.dense[c as u16 as usize];
        }
        if self.sparse.is_empty() {
            return self.default;
        }
        match self.sparse.binary_search_by(|&(lo, hi, _)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(i) => self.sparse[i].2,
            Err(_) => self.default,
        }
    }

    /// Whether the map leaves `c` as it is.
    #[inline]
    pub fn keeps(&self, c: u32) -> bool {
        self.entry_of(c) == KEEP
    }

    /// Append the image of `c` to `out`.
    #[inline]
    pub fn push(&self, c: u32, out: &mut Vec<u32>) {
        let e = self.entry_of(c);
        match e >> TAG_SHIFT {
            KEEP => out.push(c),
            CHAR => out.push(e & PAYLOAD),
            DELETE => {}
            _ => {
                let (start, len) = self.spans[(e & PAYLOAD) as usize];
                out.extend_from_slice(&self.pool[start as usize..(start + len) as usize]);
            }
        }
    }

    /// Map every code unit of `input`, writing the result to `out` (cleared first).
    /// Returns `false`, leaving `out` empty, when the map changes nothing.
    pub fn apply<U: CodeUnit>(&self, input: &[U], out: &mut Vec<u32>) -> bool {
        out.clear();
        let Some(first) = input.iter().position(|&u| !self.keeps(u.into())) else {
            return false;
        };
        out.reserve(input.len());
        out.extend(input[..first].iter().map(|&u| u.into()));
        for &u in &input[first..] {
            self.push(u.into(), out);
        }
        true
    }

    /// The longest replacement (at least 1): [`CharMap::write_same`] needs room for
    /// `input.len() * max_len()` units.
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// Whether the image of some code point storable in a `U` needs a wider unit, so that
    /// [`CharMap::write_same`] cannot be used for `U` input.
    pub fn widens<U: MapUnit>(&self) -> bool {
        match U::MAX {
            0xFF => self.widens_ucs1,
            0xFFFF => self.widens_ucs2,
            _ => false,
        }
    }

    /// Whether the map changes `u`.
    #[inline]
    fn touches<U: MapUnit>(&self, u: U) -> bool {
        let c: u32 = u.into();
        if c < 0x10000 {
            (self.touched[(c / 64) as usize] >> (c % 64)) & 1 != 0
        } else {
            !self.keeps(c)
        }
    }

    /// The index of the first unit at or after `from` that the map changes, or
    /// `input.len()`.
    ///
    /// Units outside `lo..=hi` are skipped 32 at a time by a comparison the compiler
    /// vectorizes, so text that a map touches rarely (one tatweel per line) is scanned
    /// at close to memory speed; inside a block that has a candidate, the bitmap decides.
    pub fn next_change<U: MapUnit>(&self, input: &[U], from: usize) -> usize {
        if self.lo > self.hi || self.lo > U::MAX {
            return input.len();
        }
        let lo = U::from_u32(self.lo);
        let span = U::from_u32(self.hi.min(U::MAX) - self.lo);
        // Two instantiations, so that a map without a gap pays for one range test only.
        if self.gap_lo <= self.gap_hi && self.gap_hi <= U::MAX {
            let glo = U::from_u32(self.gap_lo);
            let gspan = U::from_u32(self.gap_hi - self.gap_lo);
            self.scan(input, from, |u: U| {
                u.in_span(lo, span) & !u.in_span(glo, gspan)
            })
        } else {
            self.scan(input, from, |u: U| u.in_span(lo, span))
        }
    }

    /// [`CharMap::next_change`] with the block test `candidate`.
    #[inline(always)]
    fn scan<U: MapUnit>(&self, input: &[U], from: usize, candidate: impl Fn(U) -> bool) -> usize {
        const BLOCK: usize = 32;
        let hit = |u: U| candidate(u) && self.touches(u);
        let mut i = from;
        // The first few units one by one: in diacritized text the next change is
        // usually right here, and a block test would be wasted.
        let head = input.len().min(from + 4);
        while i < head {
            if hit(input[i]) {
                return i;
            }
            i += 1;
        }
        for block in input[i..].chunks_exact(BLOCK) {
            // A fixed-size block and a u8 accumulator so that the test vectorizes.
            let any = block
                .iter()
                .fold(0u8, |acc, &u| acc | u8::from(candidate(u)));
            if any != 0 {
                if let Some(j) = block.iter().position(|&u| hit(u)) {
                    return i + j;
                }
            }
            i += BLOCK;
        }
        while i < input.len() {
            if hit(input[i]) {
                return i;
            }
            i += 1;
        }
        input.len()
    }

    /// Write the image of `input` to `out` in units of the input's own width, given that
    /// `input[..first]` is left as it is (`first` from [`CharMap::next_change`]); returns
    /// the number of units written. Unchanged runs are copied with `copy_from_slice`.
    ///
    /// # Panics
    /// If `out` is shorter than `input.len() * self.max_len()`, or if
    /// `self.widens::<U>()` (a caller error: the binding checks both first).
    pub fn write_same<U: MapUnit>(&self, input: &[U], first: usize, out: &mut [U]) -> usize {
        assert!(!self.widens::<U>() && out.len() >= input.len().saturating_mul(self.max_len));
        out[..first].copy_from_slice(&input[..first]);
        // Unit by unit while changes are dense (diacritized text, alef variants in every
        // other word); after `SKIP_AFTER` unchanged units in a row, skip ahead with
        // `next_change` and copy the run. Measured in DESIGN.md.
        const SKIP_AFTER: usize = 16;
        if let Some(single) = &self.single {
            return self.write_single(single, input, first, out, SKIP_AFTER);
        }
        let (mut i, mut w, mut kept) = (first, first, 0);
        while i < input.len() {
            let e = self.entry_of(input[i].into());
            match e >> TAG_SHIFT {
                KEEP => {
                    out[w] = input[i];
                    w += 1;
                    kept += 1;
                }
                CHAR => {
                    out[w] = U::from_u32(e & PAYLOAD);
                    w += 1;
                    kept = 0;
                }
                DELETE => kept = 0,
                _ => {
                    let (start, len) = self.spans[(e & PAYLOAD) as usize];
                    for &x in &self.pool[start as usize..(start + len) as usize] {
                        out[w] = U::from_u32(x);
                        w += 1;
                    }
                    kept = 0;
                }
            }
            i += 1;
            if kept >= SKIP_AFTER {
                let next = self.next_change(input, i);
                out[w..w + next - i].copy_from_slice(&input[i..next]);
                w += next - i;
                i = next;
                kept = 0;
            }
        }
        w
    }
}

impl CharMap {
    /// [`CharMap::write_same`] for maps of at most one BMP code point per code point:
    /// every BMP unit is written (its image) and the output position advances only when
    /// it is kept, so deletions cost no mispredicted branch. Measured in DESIGN.md.
    fn write_single<U: MapUnit>(
        &self,
        single: &[u32; 0x10000],
        input: &[U],
        first: usize,
        out: &mut [U],
        skip_after: usize,
    ) -> usize {
        out[..first].copy_from_slice(&input[..first]);
        let (mut i, mut w, mut kept) = (first, first, 0);
        while i < input.len() {
            let c: u32 = input[i].into();
            if c < 0x10000 {
                let s = single[c as u16 as usize];
                // `w <= i < input.len() <= out.len()`: the slot exists even when the unit
                // is deleted (it is then overwritten by the next one, or cut off).
                out[w] = U::from_u32(s & 0xFFFF);
                w += (s >> 16) as usize;
                kept = if s == KEPT | c { kept + 1 } else { 0 };
            } else {
                let e = self.entry_of(c);
                match e >> TAG_SHIFT {
                    KEEP => {
                        out[w] = input[i];
                        w += 1;
                        kept += 1;
                    }
                    CHAR => {
                        out[w] = U::from_u32(e & PAYLOAD);
                        w += 1;
                        kept = 0;
                    }
                    _ => kept = 0,
                }
            }
            i += 1;
            if kept >= skip_after {
                let next = self.next_change(input, i);
                out[w..w + next - i].copy_from_slice(&input[i..next]);
                w += next - i;
                i = next;
                kept = 0;
            }
        }
        w
    }
}

/// A code unit of a PEP 393 string (see [`crate::normalize::CodeUnit`], whose `MAX` and
/// `from_u32` the map kernel uses) with the range test of the kernel's scan.
pub trait MapUnit: crate::normalize::CodeUnit + PartialOrd {
    /// Whether `lo <= self <= lo + span`.
    fn in_span(self, lo: Self, span: Self) -> bool;
}

macro_rules! map_unit {
    ($($t:ty),*) => {$(
        impl MapUnit for $t {
            #[inline]
            fn in_span(self, lo: Self, span: Self) -> bool {
                self.wrapping_sub(lo) <= span
            }
        }
    )*};
}
map_unit!(u8, u16, u32);

#[cfg(test)]
mod tests {
    use super::*;

    static SPEC: MapSpec = MapSpec {
        name: "test",
        default: Replacement::Keep,
        rows: &[
            (0x61, 0x61, Replacement::Delete),
            (0x62, 0x62, Replacement::With(&[0x78, 0x79])),
            (0x63, 0x63, Replacement::With(&[0x63])),
            (0x1F600, 0x1F601, Replacement::With(&[0x21])),
        ],
    };

    static CLEAN: MapSpec = MapSpec {
        name: "clean",
        default: Replacement::Delete,
        rows: &[
            (0x61, 0x7A, Replacement::Keep),
            (0x10000, 0x10001, Replacement::Keep),
        ],
    };

    fn run(spec: &MapSpec, s: &str) -> Option<String> {
        let m = CharMap::new(spec);
        let input: Vec<u32> = s.chars().map(u32::from).collect();
        let mut out = Vec::new();
        m.apply(&input, &mut out)
            .then(|| out.iter().map(|&c| char::from_u32(c).unwrap()).collect())
    }

    #[test]
    fn keep_delete_expand() {
        assert_eq!(run(&SPEC, "cab"), Some("cxy".into()));
        assert_eq!(
            run(&SPEC, "ccc"),
            None,
            "a row mapping c to itself is no change"
        );
        assert_eq!(
            run(&SPEC, "\u{1F600}z\u{1F602}"),
            Some("!z\u{1F602}".into())
        );
        assert_eq!(run(&SPEC, ""), None);
    }

    #[test]
    fn default_delete() {
        assert_eq!(
            run(&CLEAN, "ab-C\u{10000}\u{10002}"),
            Some("ab\u{10000}".into())
        );
        assert_eq!(run(&CLEAN, "abc"), None);
    }

    #[test]
    fn unit_widths_agree() {
        let m = CharMap::new(&SPEC);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        assert!(m.apply(&[0x63u8, 0x61, 0x62], &mut a));
        assert!(m.apply(&[0x63u16, 0x61, 0x62], &mut b));
        assert_eq!(a, b);
    }

    #[test]
    fn write_same_equals_apply() {
        // Long enough to cross several 32-unit blocks, with changes at block edges.
        let mut text: Vec<u32> = "zzabcz".chars().map(u32::from).collect();
        text.extend(std::iter::repeat_n(0x7A, 40));
        text.extend([0x62, 0x1F600, 0x7A, 0x61]);
        for spec in [&SPEC, &CLEAN] {
            let m = CharMap::new(spec);
            let mut want = Vec::new();
            assert!(m.apply(&text, &mut want));
            let first = m.next_change(&text, 0);
            let mut out = vec![0u32; text.len() * m.max_len()];
            let n = m.write_same(&text, first, &mut out);
            assert_eq!(&out[..n], &want[..], "{}", spec.name);
            let bmp: Vec<u16> = text
                .iter()
                .filter(|&&c| c < 0x10000)
                .map(|&c| c as u16)
                .collect();
            if !m.apply(&bmp, &mut want) {
                assert_eq!(m.next_change(&bmp, 0), bmp.len(), "{}", spec.name);
                continue;
            }
            let mut out = vec![0u16; bmp.len() * m.max_len()];
            let n = m.write_same(&bmp, m.next_change(&bmp, 0), &mut out);
            let got: Vec<u32> = out[..n].iter().map(|&u| u.into()).collect();
            assert_eq!(got, want, "{}", spec.name);
        }
        let m = CharMap::new(&SPEC);
        assert_eq!(m.next_change(&[0x7Au8; 100], 0), 100);
        assert_eq!(m.max_len(), 2);
        assert!(!m.widens::<u8>() && !m.widens::<u16>());
    }
}
