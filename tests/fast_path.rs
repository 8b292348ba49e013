//! The fused table kernel equals the staged pipeline on random texts, for every preset
//! and for option sets that turn on each context rule.

mod common;

use arnorm::{Normalizer, Options};
use common::{presets_with, XorShift};

/// Code points that hit every rule and the boundaries between rules.
const SPECIAL: &[u32] = &[
    0x0627, 0x0648, 0x064A, 0x06D2, 0x0653, 0x0654, 0x0655, 0x064E, 0x0651, 0x0670, 0x0640, 0x200C,
    0x200B, 0x06CC, 0x0649, 0x0629, 0x0643, 0x0623, 0x0675, 0x002E, 0x002C, 0x066B, 0x066C, 0x060C,
    0xFF0E, 0x2488, 0x0020, 0x000A, 0x000D, 0x00A0, 0x0041, 0x0130, 0x0065, 0x0301, 0x0316, 0x0F73,
    0x1100, 0x1161, 0x11A8, 0xAC00, 0xFDFA, 0xFDFC, 0xFEFB, 0xFE70, 0xFBFC, 0xFB01, 0x2460, 0x0031,
    0x0661, 0x06F1, 0x1F600, 0xD800, 0x0628, 0x0628, 0x200D, 0x1F468, 0x1F469, 0x1F3FD, 0xFE0F,
    0x1F1F8, 0x20E3, 0x2026, 0x2025, 0x2474, 0xFE8E, 0x06C1, 0x06D5,
];

fn text(rng: &mut XorShift) -> Vec<u32> {
    let len = (rng.next() % 24) as usize;
    (0..len)
        .map(|_| match rng.next() % 4 {
            0 => (rng.next() % 0x110000) as u32,
            1 => 0x0600 + (rng.next() % 0x100) as u32,
            _ => SPECIAL[(rng.next() % SPECIAL.len() as u64) as usize],
        })
        .collect()
}

fn option_sets() -> Vec<Options> {
    presets_with(&[
        ("persian", "to_arabic"),
        ("punctuation", "space"),
        ("unicode", "nfc"),
        ("unicode", "none"),
        ("diacritics", "keep"),
        ("max_repeat", "1"),
        ("whitespace", "collapse"),
    ])
}

#[test]
fn fused_kernel_equals_staged_pipeline() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for options in option_sets() {
        let n = Normalizer::new(options);
        for _ in 0..3000 {
            let text = text(&mut rng);
            let mut fast = Vec::new();
            let changed = n.normalize_units(&text, &mut fast);
            let staged = n.normalize_staged(&text);
            assert_eq!(fast, staged.text, "{options:?} on {text:X?}");
            assert_eq!(changed, fast != text, "changed flag on {text:X?}");
            let (mut aligned, mut spans) = (Vec::new(), Vec::new());
            n.normalize_units_aligned(&text, &mut aligned, &mut spans);
            assert_eq!(aligned, fast);
            assert_eq!(spans, staged.spans, "{options:?} spans on {text:X?}");
            assert!(
                spans
                    .windows(2)
                    .all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1),
                "{options:?} monotone on {text:X?}: {spans:?}"
            );
            assert!(spans.iter().all(|s| s.0 < s.1 && s.1 <= text.len()));
        }
    }
}

#[test]
fn all_code_unit_widths_agree() {
    let n = Normalizer::from_preset("standard").unwrap();
    let latin1: Vec<u8> = (0..=255).collect();
    let wide: Vec<u32> = latin1.iter().map(|&b| u32::from(b)).collect();
    let narrow: Vec<u16> = latin1.iter().map(|&b| u16::from(b)).collect();
    let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
    n.normalize_units(&latin1, &mut a);
    n.normalize_units(&narrow, &mut b);
    n.normalize_units(&wide, &mut c);
    assert_eq!(a, b);
    assert_eq!(b, c);
}

#[test]
fn narrow_outputs_equal_the_wide_output() {
    let mut rng = XorShift(0xD1B5_4A32_D192_ED03);
    for options in option_sets() {
        let n = Normalizer::new(options);
        for _ in 0..1500 {
            let text = text(&mut rng);
            let mut wide = Vec::new();
            n.normalize_units(&text, &mut wide);
            if let Ok(bmp) = text
                .iter()
                .map(|&c| u16::try_from(c))
                .collect::<Result<Vec<u16>, _>>()
            {
                let mut narrow: Vec<u16> = Vec::new();
                match n.normalize_into::<u16, u16>(&bmp, &mut narrow) {
                    Ok(o) if o.changed => {
                        let got: Vec<u32> = narrow.iter().map(|&u| u32::from(u)).collect();
                        assert_eq!(got, wide, "{options:?} on {text:X?}");
                        let class = |bits: u32| [0x80, 0x100, 0x10000].map(|limit| bits < limit);
                        assert_eq!(class(o.bits), class(wide.iter().fold(0, |b, &c| b | c)));
                    }
                    Ok(_) => assert_eq!(wide, text, "unchanged on {text:X?}"),
                    Err(_) => assert!(
                        !n.fits::<u16, u16>() || wide.iter().any(|&c| c > 0xFFFF),
                        "TooWide although the table fits, on {text:X?}"
                    ),
                }
            }
            let latin1: Vec<u8> = text
                .iter()
                .filter(|&&c| c < 0x100)
                .map(|&c| c as u8)
                .collect();
            let as_u32: Vec<u32> = latin1.iter().map(|&b| u32::from(b)).collect();
            let mut wide = Vec::new();
            n.normalize_units(&as_u32, &mut wide);
            let mut narrow: Vec<u8> = Vec::new();
            match n.normalize_into::<u8, u8>(&latin1, &mut narrow) {
                Ok(o) if o.changed => {
                    assert_eq!(
                        narrow.iter().map(|&u| u32::from(u)).collect::<Vec<_>>(),
                        wide
                    );
                }
                Ok(_) => assert_eq!(wide, as_u32),
                Err(_) => assert!(wide.iter().any(|&c| c > 0xFF)),
            }
        }
    }
}

/// Every BMP scalar value alone (astral ones sampled), and random texts: the UTF-8 path, when it applies, equals
/// the code point path, including the changed flag; it declines exactly the option sets
/// with steps 8 or 9.
#[test]
fn utf8_path_equals_the_code_point_path() {
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let scalar = |c: u32| char::from_u32(c).is_some();
    for options in option_sets() {
        let n = Normalizer::new(options);
        let direct = options.max_repeat.is_none() && options.whitespace.as_str() == "keep";
        // The BMP whole (where every rule lives), the astral planes sampled.
        let astral = (0x1_0000..0x11_0000u32).step_by(61);
        let singles = (0..0x1_0000u32)
            .chain(astral)
            .filter(|&c| scalar(c))
            .map(|c| vec![c]);
        let randoms =
            (0..3000).map(|_| text(&mut rng).into_iter().filter(|&c| scalar(c)).collect());
        let mut taken = 0;
        for text in singles.chain(randoms).collect::<Vec<Vec<u32>>>() {
            let s: String = text.iter().map(|&c| char::from_u32(c).unwrap()).collect();
            let mut out = b"prefix".to_vec();
            let Some(changed) = n.normalize_utf8_into(&s, &mut out) else {
                assert_eq!(out, b"prefix", "out restored on {text:X?}");
                continue;
            };
            taken += 1;
            let mut want = Vec::new();
            let want_changed = n.normalize_units(&text, &mut want);
            let want: String = want.iter().map(|&c| char::from_u32(c).unwrap()).collect();
            assert_eq!(&out[6..], want.as_bytes(), "{options:?} on {text:X?}");
            assert_eq!(
                changed, want_changed,
                "{options:?} changed flag on {text:X?}"
            );
        }
        assert_eq!(taken > 0, direct, "{options:?}");
    }
}

/// A text that needs the staged pipeline somewhere is normalized word by word (cut
/// before each U+0020): on texts of short words full of context characters (Farsi yeh
/// before a word end, separators between digits, U+200D between emoji, marks that
/// compose), the result equals the staged pipeline on the whole text.
#[test]
fn word_by_word_staging_equals_the_whole_text_staged() {
    const ALPHABET: &[u32] = &[
        0x06CC, 0x0644, 0x0627, 0x0628, 0x064E, 0x0654, 0x0653, 0x0301, 0x0031, 0x0661, 0x002E,
        0x066B, 0x002C, 0x200D, 0x1F468, 0x1F469, 0x1F3FD, 0x0041, 0x0065, 0x00A0, 0x000A, 0x0640,
        0x0670, 0x0649, 0x0629, 0xFEFB, 0x2026,
    ];
    let mut rng = XorShift(0x94D0_49BB_1331_11EB);
    let mut staged_somewhere = 0;
    for options in option_sets() {
        let n = Normalizer::new(options);
        for _ in 0..1500 {
            let words = 2 + rng.next() % 6;
            let mut text = Vec::new();
            for w in 0..words {
                if w > 0 {
                    text.push(0x20);
                }
                for _ in 0..rng.next() % 6 {
                    text.push(ALPHABET[(rng.next() % ALPHABET.len() as u64) as usize]);
                }
            }
            let mut fast = Vec::new();
            n.normalize_units(&text, &mut fast);
            let staged = n.normalize_staged(&text).text;
            assert_eq!(fast, staged, "{options:?} on {text:X?}");
            staged_somewhere += usize::from(text.contains(&0x0654) || text.contains(&0x0301));
        }
    }
    assert!(staged_somewhere > 1000);
}
