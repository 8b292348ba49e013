"""The rules as specified in seeds/: golden cases, Unicode conformance, seed article.

Each test runs against both implementations: the Rust core (through the binding) and the
pure-Python reference.
"""

from __future__ import annotations

import bz2
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

import arnorm
from arnorm import reference

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"
NORMALIZATION_TEST = Path("/usr/share/unicode/NormalizationTest.txt.bz2")

IMPLEMENTATIONS: dict[str, Callable[..., str]] = {
    "rust": arnorm.normalize,
    "reference": reference.normalize,
}


def unescape(text: str) -> str:
    return re.sub(
        r"\\u\{([0-9A-Fa-f]+)\}|\\\\",
        lambda m: chr(int(m.group(1), 16)) if m.group(1) else "\\",
        text,
    )


def load_cases() -> list[tuple[str, str, dict[str, object], str, str]]:
    lines = [
        line
        for line in (SEEDS / "cases.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert lines[0] == "id\tpreset\toptions\tinput\texpected\tnote"
    cases = []
    for line in lines[1:]:
        case_id, preset, options, text, expected, _note = line.split("\t")
        overrides: dict[str, object] = {}
        for pair in filter(None, options.split(";")):
            name, value = pair.split("=", 1)
            if name == "max_repeat":
                overrides[name] = None if value == "none" else int(value)
            else:
                overrides[name] = value
        cases.append((case_id, preset, overrides, unescape(text), unescape(expected)))
    return cases


CASES = load_cases()


@pytest.mark.parametrize("impl", IMPLEMENTATIONS)
@pytest.mark.parametrize(
    ("case_id", "preset", "overrides", "text", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_golden_case(impl, case_id, preset, overrides, text, expected) -> None:
    assert IMPLEMENTATIONS[impl](text, preset, **overrides) == expected


def test_case_table_covers_every_option_value() -> None:
    seen = {
        (name, value) for _, preset, overrides, _, _ in CASES for name, value in overrides.items()
    }
    seen |= {
        (name, v) for _, preset, _, _, _ in CASES for name, v in arnorm.PRESETS[preset].items()
    }
    for _step, name, values, _defaults in reference.T.OPTIONS:
        for value in values:
            if name == "max_repeat":
                value = None if value == "none" else 2
            assert (name, value) in seen, f"no case for {name}={value!r}"


def test_rule_tables_name_their_code_points() -> None:
    """Each row's `name` is the UCD name of one of the code points the row lists (the
    first of a range), so a mistyped code point cannot hide behind a correct name."""
    checked = 0
    for path in sorted((SEEDS / "rules").glob("*.tsv")):
        rows = [
            ln.split("\t")
            for ln in path.read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")
        ]
        header, body = rows[0], rows[1:]
        if "name" not in header:
            continue
        col = header.index("name")
        for row in body:
            name = row[col].split(" .. ")[0]
            code_points = [chr(int(f[2:], 16)) for f in row if f.startswith("U+")]
            if name.startswith("Arabic Presentation") or all(
                unicodedata.category(ch) == "Cc" for ch in code_points
            ):
                continue  # block names; control characters have no UCD name
            names = [unicodedata.name(ch, "") for ch in code_points]
            assert name in names, f"{path.name}: {row}"
            checked += 1
    assert checked > 60


def _normalization_test_rows():
    if not NORMALIZATION_TEST.exists():
        pytest.fail(
            f"{NORMALIZATION_TEST} is missing: install Debian's unicode-data (scripts/test.sh does)"
        )
    header = bz2.open(NORMALIZATION_TEST, "rt", encoding="utf-8").readline()
    assert arnorm.UNICODE_VERSION in header, header
    listed: set[int] = set()
    rows = []
    with bz2.open(NORMALIZATION_TEST, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line or line.startswith("@"):
                continue
            cols = [
                "".join(chr(int(x, 16)) for x in field.split()) for field in line.split(";")[:5]
            ]
            rows.append(cols)
            if len(cols[0]) == 1:
                listed.add(ord(cols[0]))
    return rows, listed


# U+FDFC and U+FDFD follow seeds/rules/presentation_overrides.tsv instead of NFKC.
NFKC_OVERRIDES = {"\ufdfc", "\ufdfd"}
EVERYTHING_KEPT = {
    "invisible": "keep", "zwnj": "keep", "diacritics": "keep", "dagger_alef": "keep",
    "quranic_marks": "keep", "tatweel": "keep", "alef": "keep", "hamza_seats": "keep",
    "alef_maksura": "keep", "teh_marbuta": "keep", "persian": "keep", "digits": "keep",
    "punctuation": "keep", "case": "keep", "max_repeat": None, "whitespace": "keep",
}  # fmt: skip


@pytest.mark.parametrize("impl", IMPLEMENTATIONS)
def test_unicode_normalization_conformance(impl: str) -> None:
    """NormalizationTest.txt (Unicode 15.0.0), parts 0-3, and part 1's invariance claim."""
    rows, listed = _normalization_test_rows()
    run = IMPLEMENTATIONS[impl]
    if impl == "rust":
        nfc = arnorm.Normalizer("light", unicode="nfc", **EVERYTHING_KEPT)
        nfkc = arnorm.Normalizer("light", unicode="nfkc", **EVERYTHING_KEPT)
        to_nfc, to_nfkc = nfc.normalize_batch, nfkc.normalize_batch
    else:

        def to_nfc(items):
            return [run(s, "light", unicode="nfc", **EVERYTHING_KEPT) for s in items]

        def to_nfkc(items):
            return [run(s, "light", unicode="nfkc", **EVERYTHING_KEPT) for s in items]

    failures = []
    sources = [c for cols in rows for c in cols]
    got_nfc, got_nfkc = to_nfc(sources), to_nfkc(sources)
    for i, (c1, c2, c3, c4, c5) in enumerate(rows):
        cols = (c1, c2, c3, c4, c5)
        want_nfc = (c2, c2, c2, c4, c4)
        for j in range(5):
            if got_nfc[5 * i + j] != want_nfc[j]:
                failures.append(f"NFC({cols[j]!r})")
            if got_nfkc[5 * i + j] != c4 and c1 not in NFKC_OVERRIDES:
                failures.append(f"NFKC({cols[j]!r})")
    unlisted = [chr(c) for c in range(0x110000) if c not in listed and not 0xD800 <= c <= 0xDFFF]
    if impl == "reference":
        unlisted = unlisted[::97]  # the pure-Python run over a sample keeps the suite fast
    for ch, a, b in zip(unlisted, to_nfc(unlisted), to_nfkc(unlisted), strict=True):
        if a != ch or (b != ch and ch not in NFKC_OVERRIDES):
            failures.append(f"U+{ord(ch):04X} is not invariant")
    assert failures == []


@pytest.mark.parametrize("impl", IMPLEMENTATIONS)
@pytest.mark.parametrize("preset", ["light", "standard", "search"])
def test_seed_article_golden_output(impl: str, preset: str, seed_article: str) -> None:
    """The seed article's output for each preset, checked in and reviewed by hand."""
    expected = (GOLDEN / f"seed.{preset}.txt").read_bytes().decode("utf-8")
    assert IMPLEMENTATIONS[impl](seed_article, preset) == expected
