//! A fixed normalize workload for instruction counting (`scripts/callgrind.sh`).
//!
//! ```text
//! cargo run --release --example normalize_workload -- PRESET FILE...
//! ```
//!
//! Reads each FILE (documents separated by U+0000, as written by
//! `python seeds/corpora.py --write DIR`), stores each document in the narrowest code
//! unit that holds it (u8, u16 or u32, as CPython does), then normalizes every document
//! once inside `measured_region`, the only function whose instructions the script counts
//! (`--toggle-collect`), the way the Python binding does: `Normalizer::normalize_into` at
//! the input's own width when `Normalizer::fits` allows it, else at u32. Prints the input size and
//! a checksum of the output, so two builds can be checked to do the same work.

use arnorm::{CodeUnit, Normalizer};

enum Doc {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

fn narrowest(text: &str) -> Doc {
    let max = text.chars().map(u32::from).max().unwrap_or(0);
    let cps = text.chars().map(u32::from);
    match max {
        0..=0xFF => Doc::U8(cps.map(|c| c as u8).collect()),
        0x100..=0xFFFF => Doc::U16(cps.map(|c| c as u16).collect()),
        _ => Doc::U32(cps.collect()),
    }
}

/// One document as the Python binding does it: output at the input's own width when the
/// normalizer's table allows it, else (or when a code point is too wide) at u32; an
/// unchanged document contributes its input to the checksum.
fn run<U: CodeUnit>(n: &Normalizer, doc: &[U], wide: &mut Vec<u32>, sum: &mut u64) {
    let mix = |s: u64, c: u32| s.wrapping_mul(31).wrapping_add(u64::from(c));
    if n.fits::<U, U>() {
        let mut same: Vec<U> = Vec::new();
        if let Ok(outcome) = n.normalize_into(doc, &mut same) {
            let out = if outcome.changed { &same[..] } else { doc };
            *sum = out.iter().fold(*sum, |s, &c| mix(s, c.into()));
            return;
        }
    }
    wide.clear();
    let outcome = n
        .normalize_into(doc, wide)
        .expect("u32 holds every code point");
    *sum = if outcome.changed {
        wide.iter().fold(*sum, |s, &c| mix(s, c))
    } else {
        doc.iter().fold(*sum, |s, &c| mix(s, c.into()))
    };
}

/// The measured region: every document once. Not inlined, so callgrind can find it.
#[inline(never)]
fn measured_region(n: &Normalizer, docs: &[Doc]) -> u64 {
    let mut out = Vec::new();
    let mut sum = 0u64;
    for doc in docs {
        match doc {
            Doc::U8(d) => run(n, d, &mut out, &mut sum),
            Doc::U16(d) => run(n, d, &mut out, &mut sum),
            Doc::U32(d) => run(n, d, &mut out, &mut sum),
        }
    }
    sum
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((preset, files)) = args.split_first().filter(|(_, f)| !f.is_empty()) else {
        eprintln!("usage: normalize_workload PRESET FILE...");
        std::process::exit(2);
    };
    let normalizer = Normalizer::from_preset(preset).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    });
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    for file in files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| {
            eprintln!("{file}: {e}");
            std::process::exit(2);
        });
        bytes += text.len();
        docs.extend(text.split('\0').map(narrowest));
    }
    // Compile the plan before the measured region (it is cached per option set).
    normalizer.normalize("");
    let sum = measured_region(&normalizer, &docs);
    println!(
        "{} documents, {bytes} UTF-8 bytes, checksum {sum:016x}",
        docs.len()
    );
}
