//! Lucene 8.7's `StandardTokenizer` (the tokenizer of `ArabicAnalyzer`), on UTF-16 units.
//!
//! The word boundaries of UAX #29 (Unicode Text Segmentation) as Lucene's scanner applies
//! them, written for arnorm from the spec and from Lucene's observed behaviour (no Lucene
//! code or grammar copied):
//!
//! * The character data is Unicode 9.0.0's: Unicode 15.0.0's Word_Break with every code
//!   point newer than 9.0 as Other, and the recorded differences of
//!   `seeds/compat/lucene/tokenize_overrides.tsv` (e.g. U+02C2..U+02C5 are Other, not
//!   ALetter); emoji use Unicode 15.0's emoji-data with the overrides of the same file.
//!   See `scripts/gen_lucene_tokenize.py`.
//! * At each position the longest of these matches wins and is a token; where none
//!   matches, one character and the Extend/Format characters after it are skipped (not
//!   U+200D, which may start an emoji token, and not an SA vowel sign such as U+0E31,
//!   which starts an SA token):
//!   - a word: letters (ALetter, Hebrew_Letter), numbers (Numeric) and Katakana joined by
//!     the rules WB5..WB13b (`a.b`, `a:b`, `1,5`, `a_1`, `א"ב`), with ExtendNumLet allowed
//!     at both ends; each character may be followed by Extend, Format and ZWJ (WB4);
//!   - a run of Line_Break=SA characters (Thai, Lao, Myanmar, Khmer, ...);
//!   - one Han or one Hiragana character (each is its own token);
//!   - an emoji: a pair of regional indicators, a keycap (`#`, `*` or a digit, then U+20E3,
//!     optionally after U+FE0F), or a ZWJ sequence of Extended_Pictographic characters
//!     (each optionally with an Emoji_Modifier or a U+FE0F) and Emoji_Modifiers, which
//!     may start with U+200D; a lone presentation sequence may take a tag sequence
//!     (U+E0020..U+E007E, then U+E007F). A U+FE0E VARIATION SELECTOR-15 ends such a
//!     token (`©` + U+FE0E gives `©`).
//! * A match never extends past 255 UTF-16 units from its start (Lucene's maximum token
//!   length is its scanner's buffer size): a longer word is cut there and scanning resumes
//!   after the cut, as in Lucene. A surrogate pair is never cut.
//!
//! One input differs from Lucene on purpose: a text whose last unit is a lone high
//! surrogate (U+D800..U+DBFF), after which Lucene's input buffering drops the tokens of
//! its last buffer; this tokenizer treats it like any other text.

use std::sync::OnceLock;

use super::lucene_tokenize_tables as tables;

/// Lucene's `StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH`, in UTF-16 units.
pub const MAX_TOKEN_LENGTH: usize = 255;

/// The word-break classes, in the order of `scripts/gen_lucene_tokenize.py`'s `CLASSES`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum Class {
    Other = 0,
    Cr,
    Lf,
    Newline,
    Extend,
    Zwj,
    Format,
    RegionalIndicator,
    Katakana,
    HebrewLetter,
    ALetter,
    SingleQuote,
    DoubleQuote,
    MidNumLet,
    MidLetter,
    MidNum,
    Numeric,
    ExtendNumLet,
    Han,
    Hiragana,
    ComplexContext,
    EmojiModifier,
}

/// Indexed by the low 5 bits of a class byte (all 32 values, so no bounds check).
const CLASSES: [Class; 32] = [
    Class::Other,
    Class::Cr,
    Class::Lf,
    Class::Newline,
    Class::Extend,
    Class::Zwj,
    Class::Format,
    Class::RegionalIndicator,
    Class::Katakana,
    Class::HebrewLetter,
    Class::ALetter,
    Class::SingleQuote,
    Class::DoubleQuote,
    Class::MidNumLet,
    Class::MidLetter,
    Class::MidNum,
    Class::Numeric,
    Class::ExtendNumLet,
    Class::Han,
    Class::Hiragana,
    Class::ComplexContext,
    Class::EmojiModifier,
    Class::Other,
    Class::Other,
    Class::Other,
    Class::Other,
    Class::Other,
    Class::Other,
    Class::Other,
    Class::Other,
    Class::Other,
    Class::Other,
];

const EXTENDED_PICTOGRAPHIC: u8 = 0x20;
const EMOJI_MODIFIER_BASE: u8 = 0x40;
/// Line_Break=SA on an Extend character: it also starts or continues an SA run.
const COMPLEX_CONTEXT_EXTEND: u8 = 0x80;

const ZWJ: u32 = 0x200D;
const VS15: u32 = 0xFE0E;
const VS16: u32 = 0xFE0F;
const KEYCAP: u32 = 0x20E3;

fn search(c: u32) -> u8 {
    let t = tables::CLASS;
    match t.binary_search_by(|&(lo, _, _)| lo.cmp(&c)) {
        Ok(i) => t[i].2,
        Err(0) => 0,
        Err(i) if c <= t[i - 1].1 => t[i - 1].2,
        Err(_) => 0,
    }
}

/// The class bytes (class | flags) of the BMP, one load per character.
fn bmp_classes() -> &'static [u8] {
    static BMP: OnceLock<Box<[u8]>> = OnceLock::new();
    BMP.get_or_init(|| (0..0x10000).map(search).collect())
}

/// One code point of the text as Lucene's scanner reads it: a surrogate pair is one code
/// point, a lone surrogate is itself.
#[derive(Clone, Copy)]
struct Char {
    cp: u32,
    len: usize,
    byte: u8,
}

impl Char {
    fn class(self) -> Class {
        CLASSES[usize::from(self.byte & 0x1F)]
    }

    fn complex_context(self) -> bool {
        self.class() == Class::ComplexContext || self.byte & COMPLEX_CONTEXT_EXTEND != 0
    }
}

/// The text up to the end of the current match window.
struct Window<'a> {
    units: &'a [u16],
    bmp: &'a [u8],
}

impl Window<'_> {
    fn at(&self, p: usize) -> Option<Char> {
        let u = *self.units.get(p)?;
        let mut cp = u32::from(u);
        let mut len = 1;
        if (0xD800..0xDC00).contains(&u) {
            if let Some(&lo) = self.units.get(p + 1) {
                if (0xDC00..0xE000).contains(&lo) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (u32::from(lo) - 0xDC00);
                    len = 2;
                }
            }
        }
        let byte = if len == 1 {
            self.bmp[usize::from(u)]
        } else {
            search(cp)
        };
        Some(Char { cp, len, byte })
    }

    /// Past the characters from `p` on for which `keep` holds.
    fn skip(&self, mut p: usize, keep: impl Fn(Char) -> bool) -> usize {
        while let Some(c) = self.at(p) {
            if !keep(c) {
                break;
            }
            p += c.len;
        }
        p
    }

    /// Past Extend, Format and ZWJ (UAX #29 WB4).
    fn ext(&self, p: usize) -> usize {
        self.skip(p, |c| {
            matches!(c.class(), Class::Extend | Class::Format | Class::Zwj)
        })
    }

    /// Past what may follow an emoji: WB4's set without U+FE0E and U+FE0F.
    fn ext_emoji(&self, p: usize) -> usize {
        self.skip(p, |c| {
            matches!(c.class(), Class::Extend | Class::Format | Class::Zwj)
                && c.cp != VS15
                && c.cp != VS16
        })
    }

    fn cp(&self, p: usize) -> Option<u32> {
        self.at(p).map(|c| c.cp)
    }

    /// The longest word (WB5..WB13b) starting at `i`.
    fn word(&self, i: usize) -> Option<usize> {
        #[derive(Clone, Copy, PartialEq)]
        enum S {
            Start,
            Letter { hebrew: bool },
            Number,
            Katakana,
            Connector { core: bool },
            HebrewQuote,
        }
        let is_letter = |c: Char| matches!(c.class(), Class::ALetter | Class::HebrewLetter);
        let (mut p, mut s, mut end) = (i, S::Start, None);
        while let Some(c) = self.at(p) {
            let q = self.ext(p + c.len);
            let next = match (c.class(), s) {
                (Class::ALetter | Class::HebrewLetter, S::Katakana) => None,
                (Class::ALetter | Class::HebrewLetter, _) => Some((
                    q,
                    S::Letter {
                        hebrew: c.class() == Class::HebrewLetter,
                    },
                )),
                (Class::Numeric, S::Katakana) => None,
                (Class::Numeric, _) => Some((q, S::Number)),
                (Class::Katakana, S::Start | S::Katakana | S::Connector { .. }) => {
                    Some((q, S::Katakana))
                }
                (Class::ExtendNumLet, _) => Some((
                    q,
                    S::Connector {
                        core: !matches!(s, S::Start | S::Connector { core: false }),
                    },
                )),
                // Hebrew_Letter × Single_Quote (WB7a), always taken: what may follow the
                // quote is a superset of what may follow a MidLetter between letters.
                (Class::SingleQuote, S::Letter { hebrew: true }) => Some((q, S::HebrewQuote)),
                // A letter reached across a MidLetter or quotes (WB6/7, WB7b/c) cannot
                // take a Single_Quote after it (observed: `ن'ג'` ends before the last
                // quote), so `hebrew` is false there.
                (Class::MidLetter | Class::MidNumLet | Class::SingleQuote, S::Letter { .. }) => {
                    match self.at(q) {
                        Some(r) if is_letter(r) => {
                            Some((self.ext(q + r.len), S::Letter { hebrew: false }))
                        }
                        _ => None,
                    }
                }
                (Class::DoubleQuote, S::Letter { hebrew: true }) => match self.at(q) {
                    Some(r) if r.class() == Class::HebrewLetter => {
                        Some((self.ext(q + r.len), S::Letter { hebrew: false }))
                    }
                    _ => None,
                },
                (Class::MidNum | Class::MidNumLet | Class::SingleQuote, S::Number) => {
                    match self.at(q) {
                        Some(r) if r.class() == Class::Numeric => {
                            Some((self.ext(q + r.len), S::Number))
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            let Some((to, state)) = next else { break };
            p = to;
            s = state;
            if let S::Letter { hebrew } = &mut s {
                // Fast path: more ALetter (or WB4) characters of the BMP keep the state;
                // most of a text is runs of them.
                while let Some(&u) = self.units.get(p) {
                    // (Surrogates are Other in the table, so they stop the run.)
                    let k = self.bmp[usize::from(u)] & 0x1F;
                    if k == Class::ALetter as u8 {
                        *hebrew = false;
                    } else if k != Class::Extend as u8
                        && k != Class::Format as u8
                        && k != Class::Zwj as u8
                    {
                        break;
                    }
                    p += 1;
                }
                p = self.ext(p); // and the WB4 characters past the BMP
            }
            if s != (S::Connector { core: false }) {
                end = Some(p);
            }
        }
        end
    }

    /// A run of Line_Break=SA characters (each with its Extend/Format/ZWJ).
    fn complex_context(&self, i: usize) -> usize {
        let mut p = i;
        while let Some(c) = self.at(p) {
            if !c.complex_context() {
                break;
            }
            p = self.ext(p + c.len);
        }
        p
    }

    /// One emoji element of a ZWJ sequence at `p`: its end, and whether it ends with a
    /// U+FE0F (an emoji presentation sequence, after which nothing attaches).
    fn emoji_element(&self, p: usize) -> Option<(usize, bool)> {
        let c = self.at(p)?;
        if c.class() == Class::EmojiModifier {
            return Some((self.ext_emoji(p + c.len), false));
        }
        if c.byte & EXTENDED_PICTOGRAPHIC == 0 {
            return None;
        }
        let q = self.ext_emoji(p + c.len);
        match self.at(q) {
            Some(m) if c.byte & EMOJI_MODIFIER_BASE != 0 && m.class() == Class::EmojiModifier => {
                Some((self.ext_emoji(q + m.len), false))
            }
            Some(v) if v.cp == VS16 => Some((q + 1, true)),
            _ => Some((q, false)),
        }
    }

    /// An element after a joining ZWJ: more ZWJs may come before its pictograph.
    fn joined_element(&self, p: usize) -> Option<usize> {
        let start = self.skip(p, |c| c.cp == ZWJ);
        if start > p && self.at(start)?.byte & EXTENDED_PICTOGRAPHIC == 0 {
            return None;
        }
        self.emoji_element(start).map(|(end, _)| end)
    }

    /// The end of a tag sequence's tags at `p` (U+E0020..U+E007E, then U+E007F CANCEL
    /// TAG), if there is one.
    fn tags(&self, p: usize) -> Option<usize> {
        let q = self.skip(p, |c| (0xE0020..=0xE007E).contains(&c.cp));
        (q > p && self.cp(q) == Some(0xE007F)).then_some(q + 2)
    }

    /// The emoji token starting at `i`, if any.
    fn emoji(&self, i: usize) -> Option<usize> {
        let c = self.at(i)?;
        if c.class() == Class::RegionalIndicator {
            let p = self.ext(i + c.len);
            let r = self.at(p)?;
            return (r.class() == Class::RegionalIndicator).then(|| self.ext(p + r.len));
        }
        if matches!(c.cp, 0x23 | 0x2A | 0x30..=0x39) {
            let p1 = self.ext_emoji(i + 1);
            if self.cp(p1) == Some(VS16) && self.cp(p1 + 1) == Some(KEYCAP) {
                return Some(self.ext_emoji(p1 + 2));
            }
            return self.units[i + 1..p1]
                .contains(&(KEYCAP as u16))
                .then_some(p1);
        }
        let start = self.skip(i, |c| c.cp == ZWJ);
        if start > i && self.at(start)?.byte & EXTENDED_PICTOGRAPHIC == 0 {
            return None; // leading ZWJs join only an Extended_Pictographic character
        }
        let (mut end, presentation) = self.emoji_element(start)?;
        if presentation {
            // A single presentation sequence may take a tag sequence, and then ends.
            if let Some(e) = self.tags(end) {
                return Some(e);
            }
        }
        loop {
            let joined = if end > start && self.units[end - 1] == ZWJ as u16 {
                self.emoji_element(end).map(|(e, _)| e)
            } else if self.cp(end) == Some(ZWJ) {
                self.joined_element(end + 1)
            } else {
                None
            };
            match joined {
                Some(e) => end = e,
                None => return Some(end),
            }
        }
    }
}

/// The tokens of `text` (UTF-16 units, as Java sees a string), as unit ranges `a..b`,
/// pushed to `out`.
///
/// # Examples
/// ```
/// use arnorm::compat::lucene_tokenize::tokenize;
/// let text: Vec<u16> = "Hello, 3.5 world!".encode_utf16().collect();
/// let mut spans = Vec::new();
/// tokenize(&text, &mut spans);
/// assert_eq!(spans, [(0, 5), (7, 10), (11, 16)]);
/// ```
pub fn tokenize(text: &[u16], out: &mut Vec<(usize, usize)>) {
    let n = text.len();
    let bmp = bmp_classes();
    let mut i = 0;
    while i < n {
        let mut lim = (i + MAX_TOKEN_LENGTH).min(n);
        if lim < n
            && (0xD800..0xDC00).contains(&text[lim - 1])
            && (0xDC00..0xE000).contains(&text[lim])
        {
            lim -= 1;
        }
        let w = Window {
            units: &text[..lim],
            bmp,
        };
        let Some(c) = w.at(i) else { break };
        if c.byte == 0 && !matches!(c.cp, 0x23 | 0x2A) {
            // Other and no emoji flag (most often a space): skipped, whatever follows.
            i = w.skip(i + c.len, |c| {
                matches!(c.class(), Class::Extend | Class::Format) && !c.complex_context()
            });
            continue;
        }
        let end = match c.class() {
            Class::ALetter
            | Class::HebrewLetter
            | Class::Numeric
            | Class::Katakana
            | Class::ExtendNumLet => w.word(i),
            _ if c.complex_context() => Some(w.complex_context(i)),
            Class::Han | Class::Hiragana => Some(w.ext(i + c.len)),
            _ => None,
        };
        let emoji = if c.byte & EXTENDED_PICTOGRAPHIC != 0
            || matches!(
                c.class(),
                Class::EmojiModifier | Class::RegionalIndicator | Class::Zwj
            )
            || matches!(c.cp, 0x23 | 0x2A | 0x30..=0x39)
        {
            w.emoji(i)
        } else {
            None
        };
        let end = match (end, emoji) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        match end {
            Some(e) if e > i => {
                out.push((i, e));
                i = e;
            }
            _ => {
                // An SA vowel sign after a skipped character starts a token of its own.
                i = w.skip(i + c.len, |c| {
                    matches!(c.class(), Class::Extend | Class::Format) && !c.complex_context()
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Vec<String> {
        let text: Vec<u16> = s.encode_utf16().collect();
        let mut spans = Vec::new();
        tokenize(&text, &mut spans);
        spans
            .iter()
            .map(|&(a, b)| String::from_utf16(&text[a..b]).unwrap())
            .collect()
    }

    #[test]
    fn words_numbers_and_scripts() {
        assert_eq!(run("والكتابات في ١٢٣"), ["والكتابات", "في", "١٢٣"]);
        assert_eq!(
            run("a.b a:b 1.2 1,2 a'b a_b _ 1_a"),
            ["a.b", "a:b", "1.2", "1,2", "a'b", "a_b", "1_a"]
        );
        assert_eq!(
            run("中文 ひら カタカナ ไทย"),
            ["中", "文", "ひ", "ら", "カタカナ", "ไทย"]
        );
        assert_eq!(
            run("\u{0860} \u{08B3}"),
            ["\u{08B3}"],
            "U+0860 is new in Unicode 10.0"
        );
    }

    #[test]
    fn emoji() {
        assert_eq!(
            run("😀👍🏽 🇸🇦🇪🇬 #️⃣ ©\u{FE0E}"),
            ["😀", "👍🏽", "🇸🇦", "🇪🇬", "#️⃣", "©"]
        );
        assert_eq!(run("👨\u{200D}👩\u{200D}👧"), ["👨\u{200D}👩\u{200D}👧"]);
    }

    #[test]
    fn surrogates_are_other() {
        // The fast path of `word` relies on it.
        assert!(bmp_classes()[0xD800..0xE000].iter().all(|&b| b == 0));
    }

    #[test]
    fn long_words_are_cut_at_255_units() {
        let s = "x".repeat(300);
        assert_eq!(run(&s), [&s[..255], &s[255..]]);
    }
}
