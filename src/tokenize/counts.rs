//! Corpus statistics: token counts and spelling variant groups, in parallel, in memory
//! bounded by the vocabulary (callers feed the corpus chunk by chunk).

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::Tokenizer;
use crate::normalize::{Normalizer, Units};

/// A token (code points).
pub type TokenText = Box<[u32]>;

/// Token → number of occurrences. Keys are code points (a token may hold lone
/// surrogates, which `String` cannot).
pub type Counts = FxHashMap<Box<[u32]>, u64>;

/// Add the tokens of every text of `texts` to `counts`, spreading the texts over the
/// current rayon pool.
pub fn count_tokens(tokenizer: &Tokenizer, texts: &[Units<'_>], counts: &mut Counts) {
    let partial = texts
        .par_iter()
        .fold(
            || (Counts::default(), Vec::new()),
            |(mut local, mut buffer), &text| {
                crate::with_units!(text, |u| tokenizer
                    .for_each_token(u, &mut buffer, |t| { add(&mut local, t, 1) }));
                (local, buffer)
            },
        )
        .map(|(local, _)| local)
        .reduce(Counts::default, merge);
    if counts.is_empty() {
        *counts = partial;
    } else {
        for (token, n) in partial {
            add_owned(counts, token, n);
        }
    }
}

/// Add `n` occurrences of `token` (copied only when it is new).
pub fn add(counts: &mut Counts, token: &[u32], n: u64) {
    match counts.get_mut(token) {
        Some(c) => *c += n,
        None => {
            counts.insert(token.into(), n);
        }
    }
}

fn add_owned(counts: &mut Counts, token: Box<[u32]>, n: u64) {
    *counts.entry(token).or_insert(0) += n;
}

/// The union of two counts (the larger one absorbs the smaller).
pub fn merge(a: Counts, b: Counts) -> Counts {
    let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    for (token, n) in small {
        add_owned(&mut big, token, n);
    }
    big
}

/// Spelling variants: surface forms grouped by the key they fold to.
pub type Variants = FxHashMap<Box<[u32]>, Vec<(Box<[u32]>, u64)>>;

/// Group the surface forms of `surface_counts` by `key.normalize(form)`; groups whose
/// total is below `min_count`, and forms whose key is empty, are left out. Forms in a
/// group are sorted by count (descending), then by code points.
pub fn group_variants(surface_counts: Counts, key: &Normalizer, min_count: u64) -> Variants {
    let keyed: Vec<(TokenText, TokenText, u64)> = surface_counts
        .into_par_iter()
        .map_init(Vec::new, |buffer, (form, n)| {
            key.normalize_units(&form, buffer);
            (buffer.as_slice().into(), form, n)
        })
        .collect();
    let mut groups = Variants::default();
    for (k, form, n) in keyed {
        if !k.is_empty() {
            groups.entry(k).or_default().push((form, n));
        }
    }
    groups.retain(|_, forms| forms.iter().map(|f| f.1).sum::<u64>() >= min_count);
    for forms in groups.values_mut() {
        forms.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
    groups
}
