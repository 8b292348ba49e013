#!/usr/bin/env python3
"""Generate ``src/tables.rs`` and ``python/arnorm/_tables.py`` from the data in ``seeds/``.

Both implementations (the Rust core and the pure-Python reference) read every rule from
these generated tables, so a rule is written down exactly once: in a TSV file in
``seeds/``.  CI re-runs this script and fails when the output differs from what is
committed (the unicode-normalization crate's pattern).

Usage: ``python scripts/gen_tables.py``
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
RUST_OUT = ROOT / "src" / "tables.rs"
PY_OUT = ROOT / "python" / "arnorm" / "_tables.py"

# The roles of seeds/rules/tokens.tsv.
TOKEN_ROLES = (
    "number_separator",
    "zwj",
    "emoji_variation",
    "keycap_base",
    "keycap",
    "emoji_tag",
    "control",
)

# General_Category -> the coarse classes the rules use.
CLASS_OF = {
    "L": "Letter",
    "M": "Mark",
    "N": "Number",
    "P": "Punctuation",
    "S": "Symbol",
    "Z": "Separator",
}


def rows(path: Path) -> list[list[str]]:
    """Rows of a TSV file, without comment lines and without the header line."""
    lines = [
        ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")
    ]
    return [ln.split("\t") for ln in lines[1:]]


def cp(text: str) -> int:
    """Parse ``U+XXXX`` or bare hex."""
    return int(text[2:] if text.startswith("U+") else text, 16)


def load_ucd():
    ucd = SEEDS / "ucd"
    version = (ucd / "VERSION").read_text(encoding="utf-8").strip()
    raw = {
        cp(c): (tag, [cp(x) for x in m.split()]) for c, tag, m in rows(ucd / "decomposition.tsv")
    }
    ccc = {cp(c): int(v) for c, v in rows(ucd / "ccc.tsv")}
    excluded: set[int] = set()
    for lo, hi in rows(ucd / "composition_exclusions.tsv"):
        excluded.update(range(cp(lo), cp(hi) + 1))

    def full(c: int, compat: bool) -> list[int]:
        entry = raw.get(c)
        if entry is None or (entry[0] != "canonical" and not compat):
            return [c]
        return [y for x in entry[1] for y in full(x, compat)]

    canonical = {c: full(c, False) for c, (tag, _) in raw.items() if tag == "canonical"}
    compat = {c: full(c, True) for c in raw}
    compositions = sorted(
        (m[0], m[1], c)
        for c, (tag, m) in raw.items()
        if tag == "canonical" and len(m) == 2 and c not in excluded
    )
    classes: list[list] = []
    for lo, hi, cat in rows(ucd / "general_category.tsv"):
        klass = CLASS_OF.get(cat[0])
        if klass is None:
            continue  # C* (Cc Cf Cs Co Cn) is the default class, "Other"
        lo_i, hi_i = cp(lo), cp(hi)
        if classes and classes[-1][2] == klass and classes[-1][1] + 1 == lo_i:
            classes[-1][1] = hi_i
        else:
            classes.append([lo_i, hi_i, klass])
    lower = sorted((cp(c), cp(v)) for c, v in rows(ucd / "lowercase.tsv"))
    white = [(cp(a), cp(b)) for a, b in rows(ucd / "white_space.tsv")]
    emoji = {
        name.upper(): [(cp(a), cp(b)) for a, b in rows(ucd / f"{name}.tsv")]
        for name in ("extended_pictographic", "emoji_modifier", "regional_indicator")
    }
    return version, canonical, compat, ccc, compositions, classes, lower, white, emoji


def ranges(path: Path, set_name: str | None = None) -> list[tuple[int, int]]:
    out = []
    for r in rows(path):
        if set_name is not None:
            if r[0] != set_name:
                continue
            r = r[1:]
        out.append((cp(r[0]), cp(r[1])))
    return sorted(out)


def load_rules():
    rules = SEEDS / "rules"
    marks = rules / "marks.tsv"
    folds = []
    for option, value, src, dst, _name in rows(rules / "letter_folds.tsv"):
        folds.append((option, value, cp(src), -1 if dst == "@yeh_final" else cp(dst)))
    options = []
    for step, name, values, *preset in rows(SEEDS / "options.tsv"):
        options.append((int(step), name, values.split(","), preset))
    zwnj = {}
    for value, repl, _note in rows(rules / "zwnj.tsv"):
        zwnj[value] = "" if repl == "-" else chr(cp(repl))
    return {
        "INVISIBLE": ranges(rules / "invisible.tsv"),
        "ZWNJ_REPLACEMENT": zwnj,
        "ARABIC_COMPOSITION": sorted(
            (cp(a), cp(b), cp(c)) for a, b, c, _ in rows(rules / "arabic_compose.tsv")
        ),
        "PRESENTATION_BLOCKS": ranges(rules / "presentation_blocks.tsv"),
        "PRESENTATION_OVERRIDES": sorted(
            (cp(c), s) for c, s, *_ in rows(rules / "presentation_overrides.tsv")
        ),
        "DIACRITICS": ranges(marks, "diacritics"),
        "SHADDA": ranges(marks, "shadda"),
        "DAGGER_ALEF": ranges(marks, "dagger_alef"),
        "QURANIC_MARKS": ranges(marks, "quranic_marks"),
        "TATWEEL": ranges(marks, "tatweel"),
        "LETTER_FOLDS": folds,
        "DIGIT_SETS": [(v, cp(z)) for v, z, _nine, _name in rows(rules / "digits.tsv")],
        "PUNCTUATION_ASCII": [
            (cp(a), cp(b)) for k, a, b, _ in rows(rules / "punctuation.tsv") if k == "ascii"
        ],
        "DIGIT_SEPARATORS": [
            (cp(a), cp(b)) for k, a, b, _ in rows(rules / "punctuation.tsv") if k == "separator"
        ],
        "LINE_BREAKS": sorted(cp(c) for c, _ in rows(rules / "line_breaks.tsv")),
        "OPTIONS": options,
        **{
            f"TOKEN_{role.upper()}": sorted(
                (cp(a), cp(b)) for r, a, b, _ in rows(rules / "tokens.tsv") if r == role
            )
            for role in TOKEN_ROLES
        },
    }


# ---------------------------------------------------------------- Rust


def rs_cps(seq) -> str:
    return "&[" + ", ".join(f"0x{c:04X}" for c in seq) + "]"


def rs_str(s: str) -> str:
    return (
        '"'
        + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{{{ord(c):X}}}" for c in s)
        + '"'
    )


def emit_rust(ucd, rules) -> str:
    version, canonical, compat, ccc, compositions, classes, lower, white, emoji = ucd
    o = [
        "// GENERATED by scripts/gen_tables.py from seeds/; do not edit by hand.",
        "// Unicode data: the Unicode Character Database (Unicode License v3),",
        "// see seeds/README.md.",
        "//! Character tables generated from `seeds/` (one source for the Rust core and the",
        "//! Python reference). Sorted by code point so lookups can binary-search.",
        "",
        "/// The Unicode version of every Unicode property arnorm uses.",
        f'pub const UNICODE_VERSION: &str = "{version}";',
        "",
        "/// Coarse General_Category classes (the first letter of the category).",
        "#[derive(Clone, Copy, Debug, PartialEq, Eq)]",
        "pub enum CharClass {",
        "    /// L*: letters.",
        "    Letter,",
        "    /// M*: combining marks.",
        "    Mark,",
        "    /// N*: numbers.",
        "    Number,",
        "    /// P*: punctuation.",
        "    Punctuation,",
        "    /// S*: symbols.",
        "    Symbol,",
        "    /// Z*: separators.",
        "    Separator,",
        "    /// C*: controls, format characters, surrogates, private use, unassigned.",
        "    Other,",
        "}",
        "",
        "/// Ranges of equal class; code points in no range are `CharClass::Other`.",
        "pub static CHAR_CLASS: &[(u32, u32, CharClass)] = &[",
    ]
    o += [f"    (0x{a:04X}, 0x{b:04X}, CharClass::{k})," for a, b, k in classes]
    o += [
        "];",
        "",
        "/// Full (recursive) canonical decompositions; Hangul syllables are algorithmic.",
        "pub static CANONICAL_DECOMPOSITION: &[(u32, &[u32])] = &[",
    ]
    o += [f"    (0x{c:04X}, {rs_cps(m)})," for c, m in sorted(canonical.items())]
    o += [
        "];",
        "",
        "/// Full (recursive) compatibility decompositions of every decomposable character.",
        "pub static COMPATIBILITY_DECOMPOSITION: &[(u32, &[u32])] = &[",
    ]
    o += [f"    (0x{c:04X}, {rs_cps(m)})," for c, m in sorted(compat.items())]
    o += [
        "];",
        "",
        "/// Non-zero Canonical_Combining_Class values.",
        "pub static COMBINING_CLASS: &[(u32, u8)] = &[",
    ]
    o += [f"    (0x{c:04X}, {v})," for c, v in sorted(ccc.items())]
    o += [
        "];",
        "",
        "/// Primary composites: (first, second, composite), sorted by (first, second).",
        "pub static COMPOSITION: &[(u32, u32, u32)] = &[",
    ]
    o += [f"    (0x{a:04X}, 0x{b:04X}, 0x{c:04X})," for a, b, c in compositions]
    o += ["];", "", "/// Simple_Lowercase_Mapping.", "pub static LOWERCASE: &[(u32, u32)] = &["]
    o += [f"    (0x{a:04X}, 0x{b:04X})," for a, b in lower]
    o += ["];", "", "/// White_Space ranges.", "pub static WHITE_SPACE: &[(u32, u32)] = &["]
    o += [f"    (0x{a:04X}, 0x{b:04X})," for a, b in white]
    o += ["];", ""]
    for name, found in emoji.items():
        o.append(f"/// seeds/ucd/{name.lower()}.tsv.")
        o.append(f"pub static {name}: &[(u32, u32)] = &[")
        o.extend(f"    (0x{a:04X}, 0x{b:04X})," for a, b in found)
        o += ["];", ""]

    def rng(name: str, doc: str) -> None:
        o.append(f"/// {doc}")
        o.append(f"pub static {name}: &[(u32, u32)] = &[")
        o.extend(f"    (0x{a:04X}, 0x{b:04X})," for a, b in rules[name])
        o.append("];")
        o.append("")

    rng("INVISIBLE", 'seeds/rules/invisible.tsv: removed by `invisible = "strip"`.')
    o += [
        "/// seeds/rules/zwnj.tsv: the replacement of U+200C for each `zwnj` value.",
        "pub static ZWNJ_REPLACEMENT: &[(&str, &str)] = &[",
    ]
    o += [f"    ({rs_str(k)}, {rs_str(v)})," for k, v in rules["ZWNJ_REPLACEMENT"].items()]
    o += [
        "];",
        "",
        "/// seeds/rules/arabic_compose.tsv: (base, mark, composed).",
        "pub static ARABIC_COMPOSITION: &[(u32, u32, u32)] = &[",
    ]
    o += [f"    (0x{a:04X}, 0x{b:04X}, 0x{c:04X})," for a, b, c in rules["ARABIC_COMPOSITION"]]
    o += ["];", ""]
    rng(
        "PRESENTATION_BLOCKS",
        'seeds/rules/presentation_blocks.tsv: replaced by NFKC under `unicode = "arabic"`.',
    )
    o += [
        "/// seeds/rules/presentation_overrides.tsv: replacements that differ from NFKC.",
        "pub static PRESENTATION_OVERRIDES: &[(u32, &str)] = &[",
    ]
    o += [f"    (0x{c:04X}, {rs_str(s)})," for c, s in rules["PRESENTATION_OVERRIDES"]]
    o += ["];", ""]
    rng("DIACRITICS", "seeds/rules/marks.tsv, set `diacritics`.")
    rng("SHADDA", "seeds/rules/marks.tsv, set `shadda` (kept by `strip_keep_shadda`).")
    rng("DAGGER_ALEF", "seeds/rules/marks.tsv, set `dagger_alef`.")
    rng("QURANIC_MARKS", "seeds/rules/marks.tsv, set `quranic_marks`.")
    rng("TATWEEL", "seeds/rules/marks.tsv, set `tatweel`.")
    for role in TOKEN_ROLES:
        rng(f"TOKEN_{role.upper()}", f"seeds/rules/tokens.tsv, role `{role}`.")
    o += [
        "/// Marks the target of seeds/rules/letter_folds.tsv rows written `@yeh_final`.",
        "pub const YEH_FINAL: u32 = u32::MAX;",
        "",
        "/// seeds/rules/letter_folds.tsv: (option, value, from, to).",
        "pub static LETTER_FOLDS: &[(&str, &str, u32, u32)] = &[",
    ]
    for opt, val, a, b in rules["LETTER_FOLDS"]:
        to = "YEH_FINAL" if b < 0 else f"0x{b:04X}"
        o.append(f'    ("{opt}", "{val}", 0x{a:04X}, {to}),')
    o += [
        "];",
        "",
        "/// seeds/rules/digits.tsv: (value of `digits`, its zero).",
        "pub static DIGIT_SETS: &[(&str, u32)] = &[",
    ]
    o += [f'    ("{v}", 0x{z:04X}),' for v, z in rules["DIGIT_SETS"]]
    o += [
        "];",
        "",
        "/// seeds/rules/punctuation.tsv, kind `ascii`.",
        "pub static PUNCTUATION_ASCII: &[(u32, u32)] = &[",
    ]
    o += [f"    (0x{a:04X}, 0x{b:04X})," for a, b in rules["PUNCTUATION_ASCII"]]
    o += [
        "];",
        "",
        "/// seeds/rules/punctuation.tsv, kind `separator`: (separator, written as).",
        "pub static DIGIT_SEPARATORS: &[(u32, u32)] = &[",
    ]
    o += [f"    (0x{a:04X}, 0x{b:04X})," for a, b in rules["DIGIT_SEPARATORS"]]
    o += [
        "];",
        "",
        "/// seeds/rules/line_breaks.tsv.",
        "pub static LINE_BREAKS: &[u32] = " + rs_cps(rules["LINE_BREAKS"]) + ";",
        "",
    ]
    o += [
        "/// One row of seeds/options.tsv.",
        "#[derive(Debug)]",
        "pub struct OptionSpec {",
        "    /// Pipeline step (1..=9).",
        "    pub step: u8,",
        "    /// Option name.",
        "    pub name: &'static str,",
        "    /// Valid values (`<int>=1` stands for an integer >= 1).",
        "    pub values: &'static [&'static str],",
        "    /// Value in the presets `light`, `standard`, `search`.",
        "    pub presets: [&'static str; 3],",
        "}",
        "",
        "/// The preset names, in the column order of `OptionSpec::presets`.",
        'pub static PRESET_NAMES: [&str; 3] = ["light", "standard", "search"];',
        "",
        "/// seeds/options.tsv.",
        "pub static OPTIONS: &[OptionSpec] = &[",
    ]
    for step, name, values, preset in rules["OPTIONS"]:
        vals = ", ".join(f'"{v}"' for v in values)
        pre = ", ".join(f'"{v}"' for v in preset)
        o.append(
            f'    OptionSpec {{ step: {step}, name: "{name}", '
            f"values: &[{vals}], presets: [{pre}] }},"
        )
    o += ["];", ""]
    return "\n".join(o)


# ---------------------------------------------------------------- Python


def emit_python(ucd, rules) -> str:
    version, canonical, compat, ccc, compositions, classes, lower, white, emoji = ucd
    o = [
        "# GENERATED by scripts/gen_tables.py from seeds/; do not edit by hand.",
        "# Unicode data: the Unicode Character Database (Unicode License v3), see seeds/README.md.",
        '"""Character tables generated from ``seeds/`` for the pure-Python reference."""',
        "",
        "# ruff: noqa: E501",
        "",
        f'UNICODE_VERSION = "{version}"',
        "",
        "# (first, last, class) with class one of Letter Mark Number Punctuation Symbol Separator;",
        "# code points in no range are Other.",
        "CHAR_CLASS = (",
    ]
    o += [f'    (0x{a:04X}, 0x{b:04X}, "{k}"),' for a, b, k in classes]
    o += [")", "", "CANONICAL_DECOMPOSITION = {"]
    o += [
        f"    0x{c:04X}: ({', '.join(f'0x{x:04X}' for x in m)},),"
        for c, m in sorted(canonical.items())
    ]
    o += ["}", "", "COMPATIBILITY_DECOMPOSITION = {"]
    o += [
        f"    0x{c:04X}: ({', '.join(f'0x{x:04X}' for x in m)},),"
        for c, m in sorted(compat.items())
    ]
    o += ["}", "", "COMBINING_CLASS = {"]
    o += [f"    0x{c:04X}: {v}," for c, v in sorted(ccc.items())]
    o += ["}", "", "# (first, second) -> primary composite", "COMPOSITION = {"]
    o += [f"    (0x{a:04X}, 0x{b:04X}): 0x{c:04X}," for a, b, c in compositions]
    o += ["}", "", "LOWERCASE = {"]
    o += [f"    0x{a:04X}: 0x{b:04X}," for a, b in lower]
    o += ["}", "", f"WHITE_SPACE = {tuple(white)!r}", ""]
    o += [f"{name} = {tuple(found)!r}" for name, found in emoji.items()]
    for name, value in rules.items():
        if name == "OPTIONS":
            continue
        o.append(f"{name} = {value!r}")
    o += ["", "# (step, option, values, (light, standard, search))", "OPTIONS = ("]
    for step, name, values, preset in rules["OPTIONS"]:
        o.append(f"    ({step}, {name!r}, {tuple(values)!r}, {tuple(preset)!r}),")
    o += [")", 'PRESET_NAMES = ("light", "standard", "search")', ""]
    return "\n".join(o)


def main() -> None:
    ucd = load_ucd()
    rules = load_rules()
    RUST_OUT.write_text(emit_rust(ucd, rules), encoding="utf-8")
    PY_OUT.write_text(emit_python(ucd, rules), encoding="utf-8")


if __name__ == "__main__":
    main()
