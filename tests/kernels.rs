//! Every vector kernel this CPU runs gives exactly what the scalar kernel gives: the
//! same units, the same `changed` flag, the same OR of code points, for every pair of
//! input and output widths, on long random texts (so that whole blocks, blocks with a
//! context rule in them and the tails after the last block all occur). The option sets
//! include `whitespace = "collapse"`, which the AVX-512 kernel also does a block at a
//! time (`src/normalize/collapse.rs`).

mod common;

use arnorm::normalize::{CodeUnit, Outcome, TooWide};
use arnorm::{Kernel, Normalizer, Options};
use common::{presets_with, XorShift};

/// Runs of Arabic letters and marks, Latin, digits and spaces, with now and then a
/// code point from anywhere (a presentation form, an emoji, a context character), and
/// runs from the astral blocks where the UCS-4 kernel's pass-through starts and ends
/// (U+1F000..U+1FFFF, tags and variation selectors at U+E0000..U+E01FF).
fn text(rng: &mut XorShift) -> Vec<u32> {
    let len = rng.below(400) as usize;
    let mut t = Vec::with_capacity(len);
    while t.len() < len {
        let run = 1 + rng.below(40);
        let kind = rng.below(15);
        for _ in 0..run {
            t.push(match kind {
                0..=3 => 0x0621 + rng.below(0x32),
                4 => 0x0600 + rng.below(0x100),
                5 => 0x20 + rng.below(0x5F),
                6 => [
                    0x20, 0x20, 0x0A, 0x660, 0x661, 0x31, 0x2E, 0x2C, 0x09, 0x0D, 0x85, 0xA0,
                    0x2003, 0x2028, 0x3000,
                ][rng.below(15) as usize],
                7 => rng.below(0x100),
                8 => rng.below(0x10000),
                9 => 0xFE70 + rng.below(0x190), // U+FE70..U+FFFF
                10 => 0x1_0000 + rng.below(0x10_0000),
                11 => 0x1_F000 + rng.below(0x1000),
                12 => 0xE_0000 + rng.below(0x200),
                // The context rules the AVX-512 kernel decides inside a block, densely
                // mixed with what they look at: digits, separators, deleted units
                // (tatweel, fatha), emoji with U+200D, alef and waw with hamza above.
                13 => [
                    0x31, 0x661, 0x6F1, 0x2E, 0x2C, 0x66B, 0x66C, 0x640, 0x64E, 0x20, 0x200D,
                    0x1F600, 0xFE0F, 0x627, 0x654, 0x648,
                ][rng.below(16) as usize],
                _ => [
                    0xFEFB, 0xFDFA, 0x200D, 0x200C, 0x06CC, 0x0654, 0x0301, 0x1F600, 0x1F3FD,
                    0x2026, 0x066B, 0xFB50, 0x0130, 0xD800, 0x10FFFF, 0xFE8E, 0xFFFD, 0xFF21,
                    0x1D400, 0x1F1E6, 0x1EE00, 0xFE0F, 0xFA6C,
                ][rng.below(23) as usize],
            });
        }
    }
    t.truncate(len);
    t
}

fn option_sets() -> Vec<Options> {
    let mut sets = presets_with(&[
        ("persian", "to_arabic"),
        ("punctuation", "space"),
        ("unicode", "none"),
        ("invisible", "keep"),
        ("diacritics", "keep"),
        ("case", "lower"),
        ("max_repeat", "2"),
    ]);
    // Every presentation form and special kept: whole pages (U+FExx, U+FFxx among
    // them) map to themselves.
    for preset in ["light", "standard", "search"] {
        let mut o = Options::preset(preset).unwrap();
        o.set("unicode", "none").unwrap();
        o.set("invisible", "keep").unwrap();
        o.set("punctuation", "keep").unwrap();
        sets.push(o);
    }
    sets
}

/// The code points of `text` below U+10000 as UCS-2, and those below U+0100 as Latin-1
/// (the same text at the narrower widths, what does not fit left out).
fn narrow(text: &[u32]) -> (Vec<u16>, Vec<u8>) {
    let bmp = text
        .iter()
        .filter(|&&c| c < 0x10000)
        .map(|&c| c as u16)
        .collect();
    let latin1 = text
        .iter()
        .filter(|&&c| c < 0x100)
        .map(|&c| c as u8)
        .collect();
    (bmp, latin1)
}

/// The vector kernels this CPU runs.
fn vector_kernels() -> Vec<Kernel> {
    Kernel::ALL
        .into_iter()
        .filter(|&k| k != Kernel::Scalar && k.supported())
        .collect()
}

fn run<U: CodeUnit, O: CodeUnit>(n: &Normalizer, text: &[U]) -> Result<(Outcome, Vec<O>), TooWide> {
    let mut out = vec![O::from_u32(0x41); 7]; // stale contents must not leak through
    let outcome = n.normalize_into::<U, O>(text, &mut out)?;
    if !outcome.changed {
        out.clear();
    }
    Ok((outcome, out))
}

fn compare<U: CodeUnit, O: CodeUnit>(scalar: &Normalizer, vector: &Normalizer, text: &[U]) {
    let want = run::<U, O>(scalar, text)
        .map(|(o, v)| (o, v.iter().map(|&u| u.into()).collect::<Vec<u32>>()));
    let got = run::<U, O>(vector, text)
        .map(|(o, v)| (o, v.iter().map(|&u| u.into()).collect::<Vec<u32>>()));
    let input: Vec<u32> = text.iter().map(|&u| u.into()).collect();
    assert_eq!(
        got,
        want,
        "{:?} with {:?}, {}-bit in, {}-bit out, on {input:X?}",
        scalar.options(),
        vector.kernel(),
        std::mem::size_of::<U>() * 8,
        std::mem::size_of::<O>() * 8
    );
}

#[test]
fn vector_kernels_equal_the_scalar_kernel() {
    let vectors = vector_kernels();
    if vectors.is_empty() {
        eprintln!("no vector kernel runs on this CPU: nothing to compare");
        return;
    }
    let mut rng = XorShift(0x5851_F42D_4C95_7F2D);
    for options in option_sets() {
        let base = Normalizer::new(options);
        let scalar = base.with_kernel(Kernel::Scalar).unwrap();
        for &k in &vectors {
            let vector = base.with_kernel(k).unwrap();
            assert_eq!(vector.kernel(), k);
            for _ in 0..400 {
                let wide = text(&mut rng);
                let (bmp, latin1) = narrow(&wide);
                compare::<u32, u32>(&scalar, &vector, &wide);
                compare::<u16, u16>(&scalar, &vector, &bmp);
                compare::<u16, u32>(&scalar, &vector, &bmp);
                compare::<u8, u8>(&scalar, &vector, &latin1);
                compare::<u8, u16>(&scalar, &vector, &latin1);
                compare::<u8, u32>(&scalar, &vector, &latin1);
            }
        }
    }
}

/// An already normalized text of many blocks comes back unchanged from every kernel,
/// and a single changed unit anywhere in it is found (the unchanged-prefix scan).
#[test]
fn every_kernel_finds_a_single_change_at_any_position() {
    let n = Normalizer::from_preset("standard").unwrap();
    let clean: Vec<u16> = "كتب الطالب درسه في المكتبة العامة صباحا "
        .repeat(3)
        .encode_utf16()
        .collect();
    for k in Kernel::ALL.into_iter().filter(|k| k.supported()) {
        let n = n.with_kernel(k).unwrap();
        let mut out = Vec::new();
        assert!(
            !n.normalize_into::<u16, u16>(&clean, &mut out)
                .unwrap()
                .changed
        );
        for pos in 0..clean.len() {
            let mut text = clean.clone();
            text[pos] = 0x064E; // FATHA: deleted by `standard`
            let outcome = n.normalize_into::<u16, u16>(&text, &mut out).unwrap();
            assert!(outcome.changed, "{k:?}: change at {pos} missed");
            let mut want = clean.clone();
            want.remove(pos);
            assert_eq!(out, want, "{k:?}: change at {pos}");
        }
    }
}

/// Every code point, U+0000..U+10FFFF, in texts of 64 consecutive code points (at two
/// alignments, so that each block boundary of the tables, and each end of the UCS-4
/// kernel's astral pass-through, falls inside a block): every kernel gives what the
/// scalar kernel gives, at every width the text fits.
#[test]
fn every_code_point_in_whole_blocks() {
    let vectors = vector_kernels();
    for options in option_sets() {
        let base = Normalizer::new(options);
        let scalar = base.with_kernel(Kernel::Scalar).unwrap();
        for &k in &vectors {
            let vector = base.with_kernel(k).unwrap();
            for start in (0..0x11_0000u32).step_by(32) {
                let wide: Vec<u32> = (start..(start + 64).min(0x11_0000)).collect();
                compare::<u32, u32>(&scalar, &vector, &wide);
                if start + 64 <= 0x1_0000 {
                    let bmp: Vec<u16> = wide.iter().map(|&c| c as u16).collect();
                    compare::<u16, u16>(&scalar, &vector, &bmp);
                }
                if start + 64 <= 0x100 {
                    let latin1: Vec<u8> = wide.iter().map(|&c| c as u8).collect();
                    compare::<u8, u8>(&scalar, &vector, &latin1);
                }
            }
        }
    }
}

/// Texts the table leaves as they are but for their white space and repeated letters
/// (letters the presets keep, often the same several times, and every kind of white
/// space in runs), so that steps 8 and 9 alone decide: every kernel's collapse and its
/// read-only "would it change" scans agree with the scalar ones, across block
/// boundaries (runs of letters or white space, line breaks late in a run).
#[test]
fn white_space_and_repeats_alone_decide() {
    let vectors = vector_kernels();
    let alphabet = [
        0x61, 0x62, 0x0628, 0x062A, 0x1F600, 0x20, 0x20, 0x20, 0x0A, 0x0D, 0x09, 0xA0, 0x85,
        0x2003, 0x2028, 0x3000,
    ];
    let mut rng = XorShift(0x1405_7B7E_F767_814F);
    let mut sets = Vec::new();
    for preset in ["light", "standard", "search"] {
        for (key, value) in [
            ("whitespace", "collapse"),
            ("max_repeat", "1"),
            ("max_repeat", "2"),
            ("max_repeat", "3"),
            ("max_repeat", "15"),
        ] {
            let mut o = Options::preset(preset).unwrap();
            o.set(key, value).unwrap();
            sets.push(o);
        }
    }
    for o in sets {
        let base = Normalizer::new(o);
        let scalar = base.with_kernel(Kernel::Scalar).unwrap();
        for &k in &vectors {
            let vector = base.with_kernel(k).unwrap();
            for _ in 0..3000 {
                let len = rng.below(300) as usize;
                // Mostly letters, so that most texts need no change at all.
                let mut text: Vec<u32> = Vec::with_capacity(len);
                while text.len() < len {
                    let c = match rng.below(8) {
                        0 => alphabet[rng.below(alphabet.len() as u32) as usize],
                        1 => 0x20,
                        _ => alphabet[rng.below(5) as usize],
                    };
                    // Mostly once, now and then up to 20 times in a row.
                    let times = if rng.below(4) == 0 {
                        1 + rng.below(20)
                    } else {
                        1
                    };
                    text.extend(std::iter::repeat_n(c, times as usize));
                }
                text.truncate(len);
                let (bmp, latin1) = narrow(&text);
                compare::<u32, u32>(&scalar, &vector, &text);
                compare::<u16, u16>(&scalar, &vector, &bmp);
                compare::<u8, u8>(&scalar, &vector, &latin1);
            }
        }
    }
}
