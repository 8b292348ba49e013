//! Time the Rust core of `arnorm.compat.lucene.analyze` (no Python): the tokenizer alone,
//! then the whole analyzer chain, on documents separated by NUL bytes.
//!
//! ```text
//! python -c "import sys; sys.path.insert(0, 'tests'); from compat_corpus import corpus; \
//!     open('/tmp/docs.txt', 'w').write('\0'.join(corpus()))"
//! cargo run --release --example lucene_analyze_workload /tmp/docs.txt
//! ```
//!
//! Prints three rounds of: tokenize time (and token count), analyze time (and term count).

use std::time::Instant;

use arnorm::compat::lucene_analyze::analyze;
use arnorm::compat::lucene_tokenize::tokenize;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: lucene_analyze_workload FILE");
    let text = std::fs::read_to_string(path).expect("a UTF-8 file");
    let docs: Vec<Vec<u16>> = text
        .split('\0')
        .map(|d| d.encode_utf16().collect())
        .collect();
    let mut spans = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let mut tokens = 0;
        for d in &docs {
            spans.clear();
            tokenize(d, &mut spans);
            tokens += spans.len();
        }
        let tokenize_time = t.elapsed();
        let t = Instant::now();
        let terms: usize = docs.iter().map(|d| analyze(d).ends.len()).sum();
        println!(
            "tokenize {tokenize_time:?} ({tokens} tokens), analyze {:?} ({terms} terms)",
            t.elapsed()
        );
    }
}
