//! CAMeL Tools 1.6.0 (`camel_tools.utils`), exactly (see [`normalize_unicode`] for the
//! one place where Python's Unicode version shows through).

use std::sync::OnceLock;

use super::{tables, CodeUnit, LazyMap};
use crate::{Normalizer, Options};

/// `dediac_ar`: removes U+064B..U+0652 and U+0670 ARABIC LETTER SUPERSCRIPT ALEF.
pub static DEDIAC_AR: LazyMap = LazyMap::new(&tables::CAMEL_DEDIAC_AR);
/// `normalize_alef_ar`: U+0622, U+0623, U+0625, U+0671 → U+0627 ARABIC LETTER ALEF.
pub static NORMALIZE_ALEF_AR: LazyMap = LazyMap::new(&tables::CAMEL_NORMALIZE_ALEF_AR);
/// `normalize_alef_maksura_ar`: U+0649 → U+064A.
pub static NORMALIZE_ALEF_MAKSURA_AR: LazyMap =
    LazyMap::new(&tables::CAMEL_NORMALIZE_ALEF_MAKSURA_AR);
/// `normalize_teh_marbuta_ar`: U+0629 → U+0647.
pub static NORMALIZE_TEH_MARBUTA_AR: LazyMap =
    LazyMap::new(&tables::CAMEL_NORMALIZE_TEH_MARBUTA_AR);
/// `CharMapper.builtin_mapper("arclean")`: the rows of `camel.arclean`; every other code
/// point is deleted.
pub static ARCLEAN: LazyMap = LazyMap::new(&tables::CAMEL_ARCLEAN);

/// The core normalizer with only step 1 on (`unicode = form`), every other option
/// `keep`/off, so that nothing but Unicode normalization happens.
fn unicode_only(form: &str) -> Normalizer {
    let mut o = Options::preset("light").expect("the light preset exists");
    for (name, value) in [
        ("unicode", form),
        ("invisible", "keep"),
        ("tatweel", "keep"),
    ] {
        o.set(name, value).expect("valid option values");
    }
    debug_assert!(crate::config::option_names()
        .filter(|&n| n != "unicode" && n != "max_repeat")
        .all(|n| o.get(n) == "keep"));
    Normalizer::new(o)
}

/// `normalize_unicode(s, compatibility)`: NFKC with U+FDFC → ريال (U+064A YEH) and
/// U+FDFD → بسم الله الرحمن الرحيم when `compatibility`, else NFC. This is the core's
/// `unicode = "nfkc"` / `"nfc"` step, whose NFKC decomposes U+FDFC and U+FDFD exactly as
/// CAMeL's pre-mapping does.
///
/// arnorm uses Unicode 15.0.0; CAMeL calls Python's `unicodedata` (Unicode 14.0.0 on
/// Python 3.11). Outputs differ only on text with a code point new in 15.0.0 that has a
/// decomposition or a non-zero combining class; the list is in the README.
pub fn normalize_unicode<U: CodeUnit>(
    input: &[U],
    compatibility: bool,
    out: &mut Vec<u32>,
) -> bool {
    static NFKC: OnceLock<Normalizer> = OnceLock::new();
    static NFC: OnceLock<Normalizer> = OnceLock::new();
    let n = if compatibility {
        NFKC.get_or_init(|| unicode_only("nfkc"))
    } else {
        NFC.get_or_init(|| unicode_only("nfc"))
    };
    super::unicode_qc::quick_check(n, compatibility).normalize(n, input, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, compatibility: bool) -> String {
        let input: Vec<u32> = s.chars().map(u32::from).collect();
        let mut out = Vec::new();
        if !normalize_unicode(&input, compatibility, &mut out) {
            return s.to_string();
        }
        out.iter().map(|&c| char::from_u32(c).unwrap()).collect()
    }

    #[test]
    fn unicode_forms() {
        assert_eq!(run("\u{FDFC}", true), "ريال");
        assert_eq!(run("\u{FEFB}", true), "لا");
        assert_eq!(run("\u{FEFB}", false), "\u{FEFB}");
        assert_eq!(run("ا\u{0653}", false), "آ");
        assert_eq!(
            run("ـ\u{200F}", true),
            "ـ\u{200F}",
            "nothing but NFKC happens"
        );
    }
}
