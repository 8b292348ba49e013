//! Lucene 8.7's `ArabicAnalyzer` (default constructor): the token list it indexes.
//!
//! `StandardTokenizer` ([`super::lucene_tokenize`]) → `LowerCaseFilter` →
//! `DecimalDigitFilter` → `StopFilter` (the default Arabic stop set) →
//! `ArabicNormalizationFilter` ([`super::lucene::NORMALIZE`]) → `ArabicStemFilter`
//! ([`super::lucene::stem`]). Everything runs on UTF-16 units, as in Java.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use super::lucene::{stem, NORMALIZE};
use super::lucene_tokenize::tokenize;
use super::lucene_tokenize_tables as tables;
use super::CodeUnit;

/// The tokens of one analyzed text: all units in one buffer, `ends[i]` the end of token i.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tokens {
    /// The UTF-16 units of every token, one after the other.
    pub units: Vec<u16>,
    /// The end of each token in `units`.
    pub ends: Vec<usize>,
}

impl Tokens {
    /// The tokens as UTF-16 slices.
    pub fn iter(&self) -> impl Iterator<Item = &[u16]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter())
            .map(|(a, &b)| &self.units[a..b])
    }
}

/// `Character.toLowerCase(int)` of JDK 17.
fn lowercase(c: u32) -> u32 {
    static BMP: OnceLock<Box<[u16]>> = OnceLock::new();
    let search = |c: u32| {
        tables::LOWERCASE
            .binary_search_by_key(&c, |&(k, _)| k)
            .map_or(c, |i| tables::LOWERCASE[i].1)
    };
    if c < 0x10000 {
        let bmp = BMP.get_or_init(|| (0..0x10000).map(|c| search(c) as u16).collect());
        return u32::from(bmp[c as usize]);
    }
    search(c)
}

/// `Character.isDigit(c)` of JDK 17: the digit's value.
fn digit(c: u32) -> Option<u32> {
    if c < 0x80 {
        return None; // ASCII digits stay as they are
    }
    let t = tables::DIGITS;
    let i = match t.binary_search_by(|&(lo, _)| lo.cmp(&c)) {
        Ok(i) => i,
        Err(0) => return None,
        Err(i) => i - 1,
    };
    (c <= t[i].1).then(|| (c - t[i].0) % 10)
}

fn stopwords() -> &'static FxHashSet<&'static [u16]> {
    static SET: OnceLock<FxHashSet<&'static [u16]>> = OnceLock::new();
    SET.get_or_init(|| tables::STOPWORDS.iter().copied().collect())
}

fn push_utf16(c: u32, out: &mut Vec<u16>) {
    if c >= 0x10000 {
        let c = c - 0x10000;
        out.push((0xD800 + (c >> 10)) as u16);
        out.push((0xDC00 + (c & 0x3FF)) as u16);
    } else {
        out.push(c as u16);
    }
}

/// The text as the UTF-16 units Java sees: a code point past U+FFFF becomes a surrogate
/// pair, a lone surrogate stays one unit.
pub fn to_utf16<U: CodeUnit>(text: &[U]) -> Vec<u16> {
    let mut out = Vec::with_capacity(text.len());
    for &u in text {
        push_utf16(u.into(), &mut out);
    }
    out
}

/// `ArabicAnalyzer().tokenStream(...)`'s terms for `text` (UTF-16 units).
///
/// # Examples
/// ```
/// use arnorm::compat::lucene_analyze::analyze;
/// let text: Vec<u16> = "والكتابات في المدرسة ١٢٣ Hello".encode_utf16().collect();
/// let got: Vec<String> = analyze(&text).iter().map(|t| String::from_utf16(t).unwrap()).collect();
/// assert_eq!(got, ["كتاب", "مدرس", "123", "hello"]);
/// ```
pub fn analyze(text: &[u16]) -> Tokens {
    let mut spans = Vec::new();
    tokenize(text, &mut spans);
    let mut out = Tokens {
        units: Vec::with_capacity(text.len()),
        ends: Vec::with_capacity(spans.len()),
    };
    let normalize = NORMALIZE.get();
    let stop = stopwords();
    let mut term: Vec<u16> = Vec::with_capacity(64);
    let mut mapped: Vec<u32> = Vec::new();
    for (a, b) in spans {
        // LowerCaseFilter, then DecimalDigitFilter, per code point.
        term.clear();
        let token = &text[a..b];
        let mut i = 0;
        while i < token.len() {
            let u = token[i];
            let (c, len) = if (0xD800..0xDC00).contains(&u)
                && token
                    .get(i + 1)
                    .is_some_and(|l| (0xDC00..0xE000).contains(l))
            {
                let lo = u32::from(token[i + 1]);
                (0x10000 + ((u32::from(u) - 0xD800) << 10) + (lo - 0xDC00), 2)
            } else {
                (u32::from(u), 1)
            };
            let c = lowercase(c);
            match digit(c) {
                Some(d) => term.push(b'0' as u16 + d as u16),
                None => push_utf16(c, &mut term),
            }
            i += len;
        }
        if stop.contains(term.as_slice()) {
            continue;
        }
        // ArabicNormalizationFilter: a map of BMP characters, so unit by unit.
        let start = out.units.len();
        for &u in &term {
            let c = u32::from(u);
            if normalize.keeps(c) {
                out.units.push(u);
            } else {
                mapped.clear();
                normalize.push(c, &mut mapped);
                out.units.extend(mapped.iter().map(|&m| m as u16));
            }
        }
        // ArabicStemFilter.
        let (s, e) = stem(&out.units[start..]);
        out.units.copy_within(start + s..start + e, start);
        out.units.truncate(start + e - s);
        out.ends.push(out.units.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Vec<String> {
        let text: Vec<u16> = s.encode_utf16().collect();
        analyze(&text)
            .iter()
            .map(|t| String::from_utf16_lossy(t))
            .collect()
    }

    #[test]
    fn the_chain() {
        assert_eq!(
            run("والكتابات في المدرسة"),
            ["كتاب", "مدرس"],
            "في is a stop word"
        );
        assert_eq!(run("ÀB ١٢٣ 𝟏𝟐"), ["àb", "123", "12"]);
        assert_eq!(run(""), Vec::<String>::new());
    }
}
