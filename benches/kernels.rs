//! Criterion benches of the Rust kernel: `Normalizer::normalize_units` on `&[u8]`, `&[u16]`
//! and `&[u32]` inputs, for every preset and two context options, in bytes/s.
//!
//! ```text
//! python seeds/corpora.py --write target/bench-corpora   # the corpora of issue 5
//! cargo bench --bench kernels                             # all; or add a filter: -- classical/u16
//! ```
//!
//! Throughput is counted in UTF-8 bytes of the input (the unit of the Python suite), so a
//! `u16` and a `u32` run of the same text compare directly. The texts are the documents of
//! `seeds/corpora.py`, one `normalize_units` call per document into one reused output
//! buffer (as the binding does), stored in the narrowest width CPython would use:
//! `latin` → u8, `news`/`classical` → u16 (and widened to u32), `web` → u32 (emoji).
//! Without `target/bench-corpora/` the bench falls back to the seed article alone.

use std::path::PathBuf;

use arnorm::{CodeUnit, Normalizer, Options};
use criterion::{criterion_main, BenchmarkId, Criterion, Throughput};

const SEED_ARTICLE: &str = include_str!("../seeds/000_688baa17ac9f05f1.txt");
/// Each bench reads the first ~2 MB of its corpus: enough to leave the L2 cache, short
/// enough for criterion's default 100 samples to finish in seconds.
const BENCH_BYTES: usize = 2_000_000;

/// The option sets benched: the three presets, and `standard` with each context rule.
fn option_sets() -> Vec<(&'static str, Options)> {
    let preset = |name| Options::preset(name).expect("a preset");
    let with = |name, value| {
        let mut o = preset("standard");
        o.set(name, value).expect("a valid option");
        o
    };
    vec![
        ("light", preset("light")),
        ("standard", preset("standard")),
        ("search", preset("search")),
        ("standard+max_repeat=2", with("max_repeat", "2")),
        (
            "standard+whitespace=collapse",
            with("whitespace", "collapse"),
        ),
    ]
}

/// The documents of `target/bench-corpora/<name>.txt` (NUL-separated), up to
/// `BENCH_BYTES` of UTF-8; `None` when the file was not written.
fn corpus(name: &str) -> Option<Vec<String>> {
    let dir = std::env::var_os("ARNORM_BENCH_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpora"));
    let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).ok()?;
    let mut size = 0;
    Some(
        text.split('\0')
            .take_while(|d| {
                size += d.len();
                size <= BENCH_BYTES
            })
            .map(str::to_owned)
            .collect(),
    )
}

fn units<U: TryFrom<u32>>(docs: &[String]) -> Option<Vec<Vec<U>>> {
    docs.iter()
        .map(|d| d.chars().map(|c| U::try_from(u32::from(c)).ok()).collect())
        .collect()
}

fn bench_width<U: CodeUnit>(
    c: &mut Criterion,
    corpus: &str,
    width: &str,
    docs: &[Vec<U>],
    bytes: u64,
) {
    let mut group = c.benchmark_group(format!("{corpus}/{width}"));
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(20);
    for (name, options) in option_sets() {
        let normalizer = Normalizer::new(options);
        let mut out = Vec::new();
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                let mut changed = 0usize;
                for doc in docs {
                    out.clear();
                    changed += usize::from(normalizer.normalize_units(doc, &mut out));
                }
                std::hint::black_box(changed)
            })
        });
    }
    group.finish();
}

fn kernels(c: &mut Criterion) {
    let mut found = false;
    for name in ["latin", "news", "classical", "web"] {
        let Some(docs) = corpus(name) else { continue };
        found = true;
        let bytes = docs.iter().map(|d| d.len() as u64).sum();
        if let Some(u8s) = units::<u8>(&docs) {
            bench_width(c, name, "u8", &u8s, bytes);
        } else if let Some(u16s) = units::<u16>(&docs) {
            // A str of surrogate-free BMP text is UCS-2 in CPython; also widen it, so
            // the two kernels are compared on the same text.
            bench_width(c, name, "u16", &u16s, bytes);
        }
        let u32s = units::<u32>(&docs).expect("every char fits a u32");
        bench_width(c, name, "u32", &u32s, bytes);
    }
    if !found {
        eprintln!(
            "target/bench-corpora/ not found (python seeds/corpora.py --write \
             target/bench-corpora): benching the seed article only"
        );
        let docs = vec![SEED_ARTICLE.to_owned(); 100];
        let bytes = docs.iter().map(|d| d.len() as u64).sum();
        bench_width(
            c,
            "seed",
            "u16",
            &units::<u16>(&docs).expect("BMP text"),
            bytes,
        );
        bench_width(c, "seed", "u32", &units::<u32>(&docs).expect("text"), bytes);
    }
}

// criterion_group! defines a public `fn benches` that cannot carry a doc comment.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::kernels);
}
criterion_main!(group::benches);
