//! CAMeL Tools 1.6.0 `simple_word_tokenize(s, split_digits)`, exactly.
//!
//! CAMeL splits the text at white space (`str.split()`), then walks each word: at each
//! position it matches its symbol regex (an emoji sequence in the manner of UTS #51,
//! else one `\p{S}` or `\p{P}` character); when the matched string is one of its
//! symbols (a punctuation or symbol character, or an emoji of the `emoji` package), the
//! text before it and the match become tokens; otherwise it moves one code point on.
//! With `split_digits`, a run of `\d` is also a token. What each code point is to those
//! libraries is recorded in `seeds/compat/tokenize/` (see `scripts/gen_camel_tokenize.py`),
//! so the result is the same for every code point, for the recorded versions.
//!
//! Note what follows from the regex being greedy: `😀\u{200D}x` matches `😀` only, but
//! `😀\u{200D}😀` (no emoji of that name) matches both, is not a symbol, and so the first
//! `😀` stays glued to the text before it; the tests check such cases against CAMeL.

use std::sync::OnceLock;

use super::camel_tokenize_tables::{CLASSES, SEQUENCES};
use super::CodeUnit;

const SPACE: u8 = 1;
const RI: u8 = 1 << 1;
const EMOJI: u8 = 1 << 2;
const EMOD: u8 = 1 << 3;
const SYMBOL: u8 = 1 << 4;
const IN_SET: u8 = 1 << 5;
const DIGIT: u8 = 1 << 6;

const ZWJ: u32 = 0x200D;
const VS16: u32 = 0xFE0F;
const KEYCAP: u32 = 0x20E3;
const TAG_FIRST: u32 = 0xE0020;
const TAG_LAST: u32 = 0xE007E;
const CANCEL_TAG: u32 = 0xE007F;

/// The flags of every BMP code point (64 KB), built on first use.
fn bmp() -> &'static [u8] {
    static BMP: OnceLock<Box<[u8]>> = OnceLock::new();
    BMP.get_or_init(|| {
        let mut t = vec![0u8; 0x10000];
        for &(lo, hi, flags) in CLASSES.iter().take_while(|r| r.0 < 0x10000) {
            for c in lo..=hi.min(0xFFFF) {
                t[c as usize] = flags;
            }
        }
        t.into_boxed_slice()
    })
}

fn flags(c: u32) -> u8 {
    if c < 0x10000 {
        return bmp()[c as usize];
    }
    match CLASSES.binary_search_by(|&(lo, hi, _)| {
        if hi < c {
            std::cmp::Ordering::Less
        } else if lo > c {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }) {
        Ok(i) => CLASSES[i].2,
        Err(_) => 0,
    }
}

/// One word, `w[..]` (a slice of code points).
struct Word<'a, U> {
    w: &'a [U],
}

impl<U: CodeUnit> Word<'_, U> {
    fn at(&self, i: usize) -> Option<u32> {
        self.w.get(i).map(|&u| u.into())
    }

    fn has(&self, i: usize, flag: u8) -> bool {
        self.at(i).is_some_and(|c| flags(c) & flag != 0)
    }

    /// One element of an emoji sequence at `p`: `\p{RI}\p{RI}`, or `\p{Emoji}` followed
    /// by an optional `\p{EMod}`, `U+FE0F U+20E3?` or tags `[U+E0020-U+E007E]+ U+E007F`.
    fn element(&self, p: usize) -> Option<usize> {
        if self.has(p, RI) && self.has(p + 1, RI) {
            return Some(p + 2);
        }
        if !self.has(p, EMOJI) {
            return None;
        }
        let q = p + 1;
        if self.has(q, EMOD) {
            return Some(q + 1);
        }
        if self.at(q) == Some(VS16) {
            return Some(if self.at(q + 1) == Some(KEYCAP) {
                q + 2
            } else {
                q + 1
            });
        }
        let mut r = q;
        while self
            .at(r)
            .is_some_and(|c| (TAG_FIRST..=TAG_LAST).contains(&c))
        {
            r += 1;
        }
        if r > q && self.at(r) == Some(CANCEL_TAG) {
            return Some(r + 1);
        }
        Some(q)
    }

    /// The end of CAMeL's symbol regex matched at `p`, if it matches. Its first
    /// alternative is `\p{RI}\p{RI} | \p{Emoji} modifier? (ZWJ element)*`: a leading
    /// flag pair takes no ZWJ continuation, an emoji does.
    fn symbol_match(&self, p: usize) -> Option<usize> {
        if self.has(p, RI) && self.has(p + 1, RI) {
            return Some(p + 2);
        }
        if let Some(mut end) = self.element(p) {
            while self.at(end) == Some(ZWJ) {
                match self.element(end + 1) {
                    Some(e) => end = e,
                    None => break,
                }
            }
            return Some(end);
        }
        // `[0-9*#]\u20E3`: unreachable while all of 0-9 * # are \p{Emoji} (they are in
        // the recorded data), kept so that the code follows the regex.
        if self
            .at(p)
            .is_some_and(|c| matches!(c, 0x30..=0x39 | 0x2A | 0x23))
            && self.at(p + 1) == Some(KEYCAP)
        {
            return Some(p + 2);
        }
        self.has(p, SYMBOL).then_some(p + 1)
    }

    /// Whether `w[p..end]` is one of CAMeL's symbols.
    fn is_symbol(&self, p: usize, end: usize) -> bool {
        if end == p + 1 {
            return self.has(p, IN_SET);
        }
        let s: Vec<u32> = self.w[p..end].iter().map(|&u| u.into()).collect();
        SEQUENCES.binary_search_by(|q| (*q).cmp(&s[..])).is_ok()
    }
}

/// Append the tokens of `input` to `tokens`, as `(start, end)` code point offsets.
///
/// # Examples
/// ```
/// use arnorm::compat::camel_tokenize::simple_word_tokenize;
/// let text: Vec<u32> = "Hello,    world123!!".chars().map(u32::from).collect();
/// let mut t = Vec::new();
/// simple_word_tokenize(&text, true, &mut t);
/// assert_eq!(t, [(0, 5), (5, 6), (10, 15), (15, 18), (18, 19), (19, 20)]);
/// ```
pub fn simple_word_tokenize<U: CodeUnit>(
    input: &[U],
    split_digits: bool,
    tokens: &mut Vec<(usize, usize)>,
) {
    let is_space = |u: U| flags(u.into()) & SPACE != 0;
    let mut i = 0;
    while i < input.len() {
        if is_space(input[i]) {
            i += 1;
            continue;
        }
        let a = i;
        while i < input.len() && !is_space(input[i]) {
            i += 1;
        }
        let word = Word { w: &input[a..i] };
        let (mut cur, mut start) = (0, 0);
        while cur < word.w.len() {
            if let Some(end) = word.symbol_match(cur) {
                if word.is_symbol(cur, end) {
                    if cur != start {
                        tokens.push((a + start, a + cur));
                    }
                    tokens.push((a + cur, a + end));
                    (cur, start) = (end, end);
                    continue;
                }
            }
            if split_digits && word.has(cur, DIGIT) {
                let mut end = cur + 1;
                while word.has(end, DIGIT) {
                    end += 1;
                }
                if cur != start {
                    tokens.push((a + start, a + cur));
                }
                tokens.push((a + cur, a + end));
                (cur, start) = (end, end);
                continue;
            }
            cur += 1;
        }
        if start < word.w.len() {
            tokens.push((a + start, i));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, split_digits: bool) -> Vec<String> {
        let cps: Vec<char> = s.chars().collect();
        let input: Vec<u32> = cps.iter().map(|&c| u32::from(c)).collect();
        let mut t = Vec::new();
        simple_word_tokenize(&input, split_digits, &mut t);
        t.iter().map(|&(a, b)| cps[a..b].iter().collect()).collect()
    }

    #[test]
    fn camel_examples() {
        // The examples of CAMeL's docstring.
        assert_eq!(
            run("Hello,    world!!!", false),
            ["Hello", ",", "world", "!", "!", "!"]
        );
        assert_eq!(
            run("Hello,    world123!!!", true),
            ["Hello", ",", "world", "123", "!", "!", "!"]
        );
        assert_eq!(
            run("مرحبا، يا عالم؟", false),
            ["مرحبا", "،", "يا", "عالم", "؟"]
        );
        assert_eq!(
            run("👨\u{200D}👩\u{200D}👧x", false),
            ["👨\u{200D}👩\u{200D}👧", "x"]
        );
        assert_eq!(run("🇸🇦!", false), ["🇸🇦", "!"]);
        // A flag pair is not continued by a ZWJ; an emoji is.
        assert_eq!(run("🇦🇨\u{200D}😀", false), ["🇦🇨", "\u{200D}", "😀"]);
        assert_eq!(run("😀\u{200D}😀", false), ["😀\u{200D}", "😀"]);
        assert_eq!(run("", false), Vec::<String>::new());
    }
}
