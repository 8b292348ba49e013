//! Runs the golden case table `seeds/cases.tsv` against the Rust core (pytest runs the
//! same table against the Python binding and the reference).

use arnorm::{Normalizer, Options};

/// Decode the `\u{XXXX}` and `\\` escapes of `seeds/cases.tsv` into code points.
fn unescape(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(u32::from(c));
            continue;
        }
        match chars.next() {
            Some('\\') => out.push(u32::from('\\')),
            Some('u') => {
                assert_eq!(chars.next(), Some('{'), "bad escape in {text:?}");
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                out.push(u32::from_str_radix(&hex, 16).expect("hex code point"));
            }
            other => panic!("bad escape \\{other:?} in {text:?}"),
        }
    }
    out
}

#[test]
fn golden_cases() {
    let table = include_str!("../seeds/cases.tsv");
    let mut rows = table
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let header = rows.next().expect("header");
    assert_eq!(header, "id\tpreset\toptions\tinput\texpected\tnote");
    let mut failures = Vec::new();
    let mut count = 0;
    for row in rows {
        let f: Vec<&str> = row.split('\t').collect();
        assert_eq!(f.len(), 6, "row {row:?}");
        let mut options = Options::preset(f[1]).expect("preset");
        for pair in f[2].split(';').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').expect("name=value");
            options.set(name, value).expect("valid option");
        }
        let n = Normalizer::new(options);
        let input = unescape(f[3]);
        let expected = unescape(f[4]);
        let mut out = Vec::new();
        n.normalize_units(&input, &mut out);
        if out != expected {
            failures.push(format!(
                "{}: got {:X?}, expected {:X?}",
                f[0], out, expected
            ));
        }
        count += 1;
    }
    assert!(count >= 100, "only {count} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
