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
    dense: Box<[u32]>,
    /// Entries of the rows past `dense`: `(first, last, entry)`, sorted.
    sparse: Vec<(u32, u32, u32)>,
    /// The entry of a code point in no row.
    default: u32,
    /// Replacement strings, concatenated; an `EXPAND` payload indexes `spans`.
    pool: Vec<u32>,
    spans: Vec<(u32, u32)>,
}

impl CharMap {
    /// Compile `spec`.
    pub fn new(spec: &MapSpec) -> CharMap {
        let mut map = CharMap {
            dense: Box::new([]),
            sparse: Vec::new(),
            default: KEEP,
            pool: Vec::new(),
            spans: Vec::new(),
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
        map.dense = dense.into_boxed_slice();
        map
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
            return self.dense[c as usize];
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
}

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
}
