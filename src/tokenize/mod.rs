//! Tokenization with offsets into the original text, and corpus statistics.
//!
//! A [`Tokenizer`] normalizes a text (keeping the alignment, see
//! [`crate::normalize::alignment`]), splits the normalized text into tokens by the rules
//! of [`rules`], and maps each token back to the span of the original text it came from.

pub mod counts;
pub mod rules;

use crate::normalize::{CodeUnit, Normalizer, Span};
use rules::{emoji_end, role, word_end, Role};

/// What becomes of punctuation and symbol tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PunctuationTokens {
    /// Each is a token.
    Keep,
    /// They are dropped.
    Drop,
}

impl PunctuationTokens {
    /// Every value.
    pub const ALL: &'static [PunctuationTokens] =
        &[PunctuationTokens::Keep, PunctuationTokens::Drop];

    /// The string form (`"keep"`, `"drop"`).
    pub fn as_str(self) -> &'static str {
        match self {
            PunctuationTokens::Keep => "keep",
            PunctuationTokens::Drop => "drop",
        }
    }

    /// Parse the string form.
    pub fn parse(text: &str) -> Option<PunctuationTokens> {
        PunctuationTokens::ALL
            .iter()
            .copied()
            .find(|p| p.as_str() == text)
    }
}

/// Split `text` into tokens, returned as `[start, end)` ranges of `text`.
///
/// # Examples
/// ```
/// use arnorm::tokenize::{split, PunctuationTokens};
/// let text: Vec<u32> = "قال: ٣٫١٤ مرة!".chars().map(u32::from).collect();
/// let tokens = split(&text, false, PunctuationTokens::Keep);
/// assert_eq!(tokens, vec![(0, 3), (3, 4), (5, 9), (10, 13), (13, 14)]);
/// ```
pub fn split(
    text: &[u32],
    split_digits: bool,
    punctuation: PunctuationTokens,
) -> Vec<(usize, usize)> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if let Some(end) = emoji_end(text, i) {
            tokens.push((i, end));
            i = end;
            continue;
        }
        match role(text[i]) {
            Role::Separator => i += 1,
            Role::Letter | Role::Mark | Role::Number => {
                let end = word_end(text, i, split_digits);
                tokens.push((i, end));
                i = end;
            }
            Role::Symbol => {
                if punctuation == PunctuationTokens::Keep {
                    tokens.push((i, i + 1));
                }
                i += 1;
            }
            Role::Other => {
                tokens.push((i, i + 1));
                i += 1;
            }
        }
    }
    tokens
}

/// One token of a [`Tokenized`] text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// `[start, end)` in the normalized text.
    pub normalized: (usize, usize),
    /// `[start, end)` in the original text.
    pub original: Span,
}

/// A text's normalized form and its tokens.
#[derive(Clone, Debug, Default)]
pub struct Tokenized {
    /// The normalized text (the original when the tokenizer does not normalize).
    pub text: Vec<u32>,
    /// The tokens, in order.
    pub tokens: Vec<Token>,
}

/// A reusable tokenizer: an optional normalizer and the token options.
#[derive(Clone, Debug)]
pub struct Tokenizer {
    normalizer: Option<Normalizer>,
    split_digits: bool,
    punctuation: PunctuationTokens,
}

impl Tokenizer {
    /// A tokenizer that normalizes with `normalizer` first (`None`: tokenize as is).
    pub fn new(
        normalizer: Option<Normalizer>,
        split_digits: bool,
        punctuation: PunctuationTokens,
    ) -> Tokenizer {
        Tokenizer {
            normalizer,
            split_digits,
            punctuation,
        }
    }

    /// The normalizer, if any.
    pub fn normalizer(&self) -> Option<&Normalizer> {
        self.normalizer.as_ref()
    }

    /// Whether digit runs and letter runs are split.
    pub fn split_digits(&self) -> bool {
        self.split_digits
    }

    /// What becomes of punctuation and symbols.
    pub fn punctuation(&self) -> PunctuationTokens {
        self.punctuation
    }

    /// Normalize and tokenize `input`, writing to `out`.
    pub fn tokenize_into<U: CodeUnit>(&self, input: &[U], out: &mut Tokenized) {
        let mut spans: Vec<Span> = Vec::new();
        match &self.normalizer {
            Some(n) => {
                n.normalize_units_aligned(input, &mut out.text, &mut spans);
            }
            None => {
                out.text.clear();
                out.text.extend(input.iter().map(|&u| u.into()));
            }
        }
        out.tokens.clear();
        for (s, e) in split(&out.text, self.split_digits, self.punctuation) {
            let original = if self.normalizer.is_some() {
                (spans[s].0, spans[e - 1].1)
            } else {
                (s, e)
            };
            out.tokens.push(Token {
                normalized: (s, e),
                original,
            });
        }
    }

    /// Normalize and tokenize `input`.
    pub fn tokenize<U: CodeUnit>(&self, input: &[U]) -> Tokenized {
        let mut out = Tokenized::default();
        self.tokenize_into(input, &mut out);
        out
    }

    /// Normalize `input` into `buffer` and return the tokens as ranges of `buffer`,
    /// without the alignment (the fast path when no offsets are asked for).
    pub fn tokenize_normalized<U: CodeUnit>(
        &self,
        input: &[U],
        buffer: &mut Vec<u32>,
    ) -> Vec<(usize, usize)> {
        match &self.normalizer {
            Some(n) => {
                n.normalize_units(input, buffer);
            }
            None => {
                buffer.clear();
                buffer.extend(input.iter().map(|&u| u.into()));
            }
        }
        split(buffer, self.split_digits, self.punctuation)
    }

    /// Call `f` with each token (as normalized code points) of `input`, reusing `buffer`;
    /// the fast path of counting, which needs no offsets.
    pub fn for_each_token<U: CodeUnit>(
        &self,
        input: &[U],
        buffer: &mut Vec<u32>,
        mut f: impl FnMut(&[u32]),
    ) {
        for (s, e) in self.tokenize_normalized(input, buffer) {
            f(&buffer[s..e]);
        }
    }
}
