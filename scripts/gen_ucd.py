#!/usr/bin/env python3
"""Derive the compact Unicode property tables in ``seeds/ucd/`` from the UCD.

arnorm pins one Unicode version (``seeds/ucd/VERSION``).  The source files come from
Debian's ``unicode-data`` package (``/usr/share/unicode``), which ships the UCD of that
version.  Only the properties the rules use are kept, as small TSV files:

* ``decomposition.tsv``   code point, tag (``canonical`` or the compatibility tag), mapping
* ``ccc.tsv``             code point, Canonical_Combining_Class (non-zero only)
* ``composition_exclusions.tsv`` Full_Composition_Exclusion ranges
* ``general_category.tsv`` ranges of equal General_Category (unassigned omitted = Cn)
* ``lowercase.tsv``       code point, Simple_Lowercase_Mapping
* ``white_space.tsv``     White_Space ranges
* ``extended_pictographic.tsv``, ``emoji_modifier.tsv``, ``regional_indicator.tsv``
  the emoji properties the tokenizer's emoji sequences use (``emoji/emoji-data.txt``,
  ``PropList.txt``)
* ``word_break.tsv``, ``age.tsv``, ``line_break_sa.tsv``, ``script_han_hiragana.tsv``,
  ``emoji_modifier_base.tsv``: Word_Break, Age (``DerivedAge.txt``), Line_Break=SA,
  Script=Han/Hiragana and Emoji_Modifier_Base, for the model of Lucene's
  StandardTokenizer (``scripts/gen_lucene_tokenize.py``)

Usage: ``python scripts/gen_ucd.py [UCD_DIR]``; CI runs it and fails on any diff.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "seeds" / "ucd"
HEADER = (
    "# Derived from the Unicode Character Database {version} by scripts/gen_ucd.py; do not edit.\n"
)


def read_version(ucd: Path) -> str:
    text = (ucd / "ReadMe.txt").read_text(encoding="utf-8")
    m = re.search(r"Version (\d+\.\d+\.\d+)", text)
    if not m:
        raise SystemExit(f"cannot find the Unicode version in {ucd / 'ReadMe.txt'}")
    return m.group(1)


def unicode_data(ucd: Path):
    """Yield (first, last, fields) rows of UnicodeData.txt, expanding nothing."""
    pending = None
    for line in (ucd / "UnicodeData.txt").read_text(encoding="utf-8").splitlines():
        f = line.split(";")
        cp = int(f[0], 16)
        if f[1].endswith(", First>"):
            pending = cp
            continue
        if f[1].endswith(", Last>"):
            yield pending, cp, f
            pending = None
            continue
        yield cp, cp, f


def prop_ranges(path: Path, wanted: str):
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        cps, prop = (s.strip() for s in line.split(";")[:2])
        if prop != wanted:
            continue
        lo, _, hi = cps.partition("..")
        yield int(lo, 16), int(hi or lo, 16)


def valued_ranges(path: Path, values=None):
    """(first, last, value) rows of a UCD property file, adjacent equal values merged."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        cps, value = (s.strip() for s in line.split(";")[:2])
        if values is not None and value not in values:
            continue
        lo, _, hi = cps.partition("..")
        rows.append((int(lo, 16), int(hi or lo, 16), value))
    out: list[list] = []
    for lo, hi, v in sorted(rows):
        if out and out[-1][2] == v and lo == out[-1][1] + 1:
            out[-1][1] = hi
        else:
            out.append([lo, hi, v])
    return out


def merge(ranges):
    out: list[list[int]] = []
    for lo, hi in sorted(ranges):
        if out and lo == out[-1][1] + 1:
            out[-1][1] = hi
        else:
            out.append([lo, hi])
    return out


def h(cp: int) -> str:
    return f"{cp:04X}"


def main() -> None:
    ucd = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode")
    version = read_version(ucd)
    head = HEADER.format(version=version)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "VERSION").write_text(version + "\n", encoding="utf-8")

    decomp, ccc, lower, gc_rows = [], [], [], []
    for first, last, f in unicode_data(ucd):
        gc_rows.append((first, last, f[2]))
        if first != last:
            continue
        if f[3] != "0":
            ccc.append(f"{h(first)}\t{f[3]}")
        if f[5]:
            parts = f[5].split()
            tag = "canonical"
            if parts[0].startswith("<"):
                tag = parts.pop(0).strip("<>")
            decomp.append(f"{h(first)}\t{tag}\t{' '.join(parts)}")
        if f[13]:
            lower.append(f"{h(first)}\t{f[13]}")

    # Merge adjacent code points of equal category into ranges.
    gc: list[list] = []
    for first, last, cat in gc_rows:
        if gc and gc[-1][2] == cat and gc[-1][1] + 1 == first:
            gc[-1][1] = last
        else:
            gc.append([first, last, cat])

    def write(name: str, columns: str, rows) -> None:
        body = "".join(r + "\n" for r in rows)
        (OUT / name).write_text(head + columns + "\n" + body, encoding="utf-8")

    write("decomposition.tsv", "code_point\ttag\tmapping", decomp)
    write("ccc.tsv", "code_point\tccc", ccc)
    write("lowercase.tsv", "code_point\tlowercase", lower)
    write(
        "general_category.tsv", "first\tlast\tcategory", (f"{h(a)}\t{h(b)}\t{c}" for a, b, c in gc)
    )
    excl = merge(prop_ranges(ucd / "DerivedNormalizationProps.txt", "Full_Composition_Exclusion"))
    write("composition_exclusions.tsv", "first\tlast", (f"{h(a)}\t{h(b)}" for a, b in excl))
    ws = merge(prop_ranges(ucd / "PropList.txt", "White_Space"))
    write("white_space.tsv", "first\tlast", (f"{h(a)}\t{h(b)}" for a, b in ws))
    emoji = ucd / "emoji" / "emoji-data.txt"
    for name, path, prop in (
        ("extended_pictographic.tsv", emoji, "Extended_Pictographic"),
        ("emoji_modifier.tsv", emoji, "Emoji_Modifier"),
        ("regional_indicator.tsv", ucd / "PropList.txt", "Regional_Indicator"),
    ):
        found = merge(prop_ranges(path, prop))
        write(name, "first\tlast", (f"{h(a)}\t{h(b)}" for a, b in found))
    write(
        "emoji_modifier_base.tsv",
        "first\tlast",
        (f"{h(a)}\t{h(b)}" for a, b in merge(prop_ranges(emoji, "Emoji_Modifier_Base"))),
    )
    write(
        "line_break_sa.tsv",
        "first\tlast",
        (f"{h(a)}\t{h(b)}" for a, b in merge(prop_ranges(ucd / "LineBreak.txt", "SA"))),
    )
    for name, path, values in (
        ("word_break.tsv", ucd / "auxiliary" / "WordBreakProperty.txt", None),
        ("age.tsv", ucd / "DerivedAge.txt", None),
        ("script_han_hiragana.tsv", ucd / "Scripts.txt", ("Han", "Hiragana")),
    ):
        write(
            name,
            "first\tlast\tvalue",
            (f"{h(a)}\t{h(b)}\t{v}" for a, b, v in valued_ranges(path, values)),
        )


if __name__ == "__main__":
    main()
