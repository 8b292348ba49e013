//! Criterion benches of the Rust kernel on `&[u8]`, `&[u16]` and `&[u32]` inputs, for
//! every preset and two context options, in bytes/s.
//!
//! ```text
//! python seeds/corpora.py --write target/bench-corpora --no-stats   # issue 5's corpora
//! cargo bench --bench kernels                     # all; or a filter: -- 'classical/u16'
//! ```
//!
//! Throughput is counted in UTF-8 bytes of the input (the unit of the Python suite), so
//! runs of the same text at different widths compare directly. Each corpus of
//! `seeds/corpora.py` (its first ~2 MB) is split by the narrowest code unit of each
//! document, as CPython stores it (`latin`: u8 and u16; `news`, `classical`: u16; `web`:
//! mostly u32, for its emoji), and every document is also benched widened to u32. Two
//! entry points, one call per document into one reused buffer:
//!
//! - `units`: `Normalizer::normalize_units`, output always u32;
//! - `into`: `Normalizer::normalize_into` at the input's own width (when
//!   `Normalizer::fits` allows it, and for Latin-1 input in any case), else at u16 or
//!   u32, as the Python binding calls it, with the fastest vector kernel this CPU runs
//!   (`src/normalize/simd.rs`);
//! - `into-scalar`, `into-avx2`, …: the same with each slower kernel this CPU runs, for
//!   the three presets: what each kernel adds.
//!
//! Without `target/bench-corpora/` the bench falls back to the seed article alone.

use std::path::PathBuf;
use std::time::Duration;

use arnorm::{CodeUnit, Kernel, Normalizer, Options};
use criterion::{criterion_main, BenchmarkId, Criterion, Throughput};

const SEED_ARTICLE: &str = include_str!("../seeds/000_688baa17ac9f05f1.txt");
/// Each bench reads the first ~2 MB of its corpus: enough to leave the L2 cache, short
/// enough for a full run of every bench to take minutes, not hours.
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

/// The documents that fit units `U`, converted, and their UTF-8 size.
fn units<U: CodeUnit>(docs: &[&String]) -> (Vec<Vec<U>>, u64) {
    let fitting: Vec<&&String> = docs
        .iter()
        .filter(|d| d.chars().all(|c| u32::from(c) <= U::MAX))
        .collect();
    let bytes = fitting.iter().map(|d| d.len() as u64).sum();
    let converted = fitting
        .iter()
        .map(|d| d.chars().map(|c| U::from_u32(c.into())).collect())
        .collect();
    (converted, bytes)
}

/// One document the way the binding does it (`run_width` in `src/python/normalizer.rs`):
/// at the input's width when the table allows it, and Latin-1 input at Latin-1 in any
/// case; else, or when an output code point is too wide, Latin-1 input at u16 when the
/// table allows that, else at u32.
fn into_own_width<U: CodeUnit>(n: &Normalizer, doc: &[U], out: &mut Outputs<U>) -> bool {
    if U::MAX == 0xFF || n.fits::<U, U>() {
        out.same.clear();
        if let Ok(outcome) = n.normalize_into(doc, &mut out.same) {
            return outcome.changed;
        }
        if U::MAX == 0xFF && n.fits::<U, u16>() {
            out.ucs2.clear();
            if let Ok(outcome) = n.normalize_into(doc, &mut out.ucs2) {
                return outcome.changed;
            }
        }
    }
    out.wide.clear();
    n.normalize_into(doc, &mut out.wide)
        .expect("u32 holds every code point")
        .changed
}

/// The reused output buffers of [`into_own_width`].
struct Outputs<U> {
    same: Vec<U>,
    ucs2: Vec<u16>,
    wide: Vec<u32>,
}

fn bench_width<U: CodeUnit>(
    c: &mut Criterion,
    corpus: &str,
    width: &str,
    docs: &[Vec<U>],
    bytes: u64,
) {
    if docs.is_empty() {
        return;
    }
    let mut group = c.benchmark_group(format!("{corpus}/{width}"));
    group.throughput(Throughput::Bytes(bytes));
    // ~200 benches: short runs keep the whole suite near seven minutes on 2 cores.
    group.sample_size(20);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_millis(1500));
    for (name, options) in option_sets() {
        let n = Normalizer::new(options);
        let mut wide = Vec::new();
        group.bench_function(BenchmarkId::new("units", name), |b| {
            b.iter(|| {
                let mut changed = 0usize;
                for doc in docs {
                    wide.clear();
                    changed += usize::from(n.normalize_units(doc, &mut wide));
                }
                std::hint::black_box(changed)
            })
        });
        let mut out = Outputs {
            same: Vec::new(),
            ucs2: Vec::new(),
            wide: Vec::new(),
        };
        let best = n.kernel();
        let slower = Kernel::ALL
            .into_iter()
            .filter(|&k| k != best && k.supported() && !name.contains('+'));
        for kernel in std::iter::once(best).chain(slower) {
            let n = n.with_kernel(kernel).expect("a supported kernel");
            let entry = if kernel == best {
                "into".to_owned()
            } else {
                format!("into-{}", kernel.name())
            };
            group.bench_function(BenchmarkId::new(entry, name), |b| {
                b.iter(|| {
                    let mut changed = 0usize;
                    for doc in docs {
                        changed += usize::from(into_own_width(&n, doc, &mut out));
                    }
                    std::hint::black_box(changed)
                })
            });
        }
    }
    group.finish();
}

fn bench_corpus(c: &mut Criterion, name: &str, docs: &[String]) {
    let all: Vec<&String> = docs.iter().collect();
    let narrowest = |d: &&String| d.chars().map(u32::from).max().unwrap_or(0);
    let ucs1: Vec<&String> = all
        .iter()
        .copied()
        .filter(|d| narrowest(d) <= 0xFF)
        .collect();
    let ucs2: Vec<&String> = all
        .iter()
        .copied()
        .filter(|d| (0x100..=0xFFFF).contains(&narrowest(d)))
        .collect();
    let ucs4: Vec<&String> = all
        .iter()
        .copied()
        .filter(|d| narrowest(d) > 0xFFFF)
        .collect();
    let (u8s, bytes) = units::<u8>(&ucs1);
    bench_width(c, name, "u8", &u8s, bytes);
    let (u16s, bytes) = units::<u16>(&ucs2);
    bench_width(c, name, "u16", &u16s, bytes);
    let (u32s, bytes) = units::<u32>(&ucs4);
    bench_width(c, name, "u32", &u32s, bytes);
    if !ucs1.is_empty() || !ucs2.is_empty() {
        // The whole corpus widened, to compare the kernels on the same text.
        let (u32s, bytes) = units::<u32>(&all);
        bench_width(c, name, "all-as-u32", &u32s, bytes);
    }
}

fn kernels(c: &mut Criterion) {
    let mut found = false;
    for name in ["latin", "news", "classical", "web"] {
        if let Some(docs) = corpus(name) {
            found = true;
            bench_corpus(c, name, &docs);
        }
    }
    if !found {
        eprintln!(
            "target/bench-corpora/ not found (python seeds/corpora.py --write \
             target/bench-corpora): benching the seed article only"
        );
        bench_corpus(c, "seed", &vec![SEED_ARTICLE.to_owned(); 100]);
    }
}

// criterion_group! defines a public `fn benches` that cannot carry a doc comment.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::kernels);
}
criterion_main!(group::benches);
