//! Alignment of a normalized text with the original: for every output code point, the
//! span `[start, end)` of original code points it came from.
//!
//! Each step maps groups of consecutive input code points to groups of output code
//! points: one to one (a fold), one to none (a deletion), one to many (U+FDFA ﷺ → 18
//! code points, each mapped to the one source), many to one (ا + U+0654 → أ, a white space
//! run → one space). Every output code point of a group gets the hull of the group's
//! spans. Groups are contiguous and in order, so spans stay monotone: starts and ends
//! never decrease. Deleted code points belong to no output code point.

/// `[start, end)` in code points of the original text.
pub type Span = (usize, usize);

/// A text (code points) with the span of each code point in the original.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Aligned {
    /// The code points.
    pub text: Vec<u32>,
    /// `spans[i]` is where `text[i]` came from.
    pub spans: Vec<Span>,
}

impl Aligned {
    /// `text` aligned with itself: code point `i` comes from `[i, i + 1)`.
    pub fn identity(text: Vec<u32>) -> Aligned {
        let spans = (0..text.len()).map(|i| (i, i + 1)).collect();
        Aligned { text, spans }
    }

    /// An empty text with room for `n` code points.
    pub fn with_capacity(n: usize) -> Aligned {
        Aligned {
            text: Vec::with_capacity(n),
            spans: Vec::with_capacity(n),
        }
    }

    /// Append `c`, which came from `span`.
    pub fn push(&mut self, c: u32, span: Span) {
        self.text.push(c);
        self.spans.push(span);
    }

    /// Map each code point to at most one code point, keeping its span.
    pub fn filter_map(self, mut f: impl FnMut(u32) -> Option<u32>) -> Aligned {
        let mut out = Aligned::with_capacity(self.text.len());
        for (c, span) in self.text.into_iter().zip(self.spans) {
            if let Some(d) = f(c) {
                out.push(d, span);
            }
        }
        out
    }

    /// Map each code point to one code point, keeping its span.
    pub fn map(mut self, mut f: impl FnMut(u32) -> u32) -> Aligned {
        for c in &mut self.text {
            *c = f(*c);
        }
        self
    }

    /// Merge groups of consecutive code points into the hull of their spans until no
    /// span starts before the end of the group before it: afterwards starts and ends
    /// never decrease. Scanning left to right, a span that starts before the end of the
    /// previous group joins it (and the grown group may then join the one before).
    /// Equal spans (the code points of one expansion) stay as they are.
    pub fn make_monotone(&mut self) {
        // (start, end, number of code points) of each group so far.
        let mut groups: Vec<(usize, usize, usize)> = Vec::new();
        for &(start, end) in &self.spans {
            let mut group = (start, end, 1);
            while let Some(&(s, e, n)) = groups.last() {
                if group.0 >= e || (s, e) == (group.0, group.1) {
                    break;
                }
                groups.pop();
                group = (s.min(group.0), e.max(group.1), n + group.2);
            }
            groups.push(group);
        }
        let mut k = 0;
        for (start, end, n) in groups {
            for span in &mut self.spans[k..k + n] {
                *span = (start, end);
            }
            k += n;
        }
    }
}
