"""arnorm.compat.lucene.analyze equals Lucene 8.7's ArabicAnalyzer() (Debian liblucene8-java).

The harness (tests/lucene/LuceneHarness.java, mode "a") prints each token's UTF-16 units;
they are compared with arnorm's tokens as UTF-16 (a lone high surrogate followed by a lone
low surrogate is one code point to Java, and to arnorm's analyze).

The one input where arnorm differs, on purpose (README, "Lucene's analyze"): a text whose
last character is a lone high surrogate (U+D800..U+DBFF). Lucene's scanner then loses or
cuts the tokens of the last buffer it read; ``test_known_difference`` pins that, every
other test excludes such texts.
"""

from __future__ import annotations

import random
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnorm.compat import lucene as ours
from compat_check import ALL_CODE_POINTS, contexts
from compat_corpus import corpus
from test_compat_lucene import java_classpath  # noqa: F401 (a fixture)


def _from_units(token: str) -> str:
    units = token[1:].split(".") if len(token) > 1 else []
    raw = "".join(chr(int(u, 16)) for u in units)
    return raw.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _java_form(s: str) -> str:
    """``s`` as Java sees it: a high + low surrogate pair in ``s`` becomes one code point."""
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def lucene_analyze(cp: str, texts: list[str]) -> list[list[str]]:
    lines = "".join("a" + "".join(f" {ord(c):x}" for c in t) + "\n" for t in texts)
    run = subprocess.run(
        ["java", "-cp", cp, "LuceneHarness"],
        input=lines.encode("ascii"),
        capture_output=True,
        check=True,
    )
    out = run.stdout.decode("ascii").split("\n")[:-1]
    assert len(out) == len(texts)
    return [[_from_units(tok) for tok in line.split()] for line in out]


def _ends_with_lone_high_surrogate(s: str) -> bool:
    return bool(s) and "\ud800" <= s[-1] <= "\udbff"


def assert_same(cp: str, texts: list[str]) -> None:
    assert not any(_ends_with_lone_high_surrogate(t) for t in texts)
    theirs = lucene_analyze(cp, texts)
    diff = [
        (ascii(t)[:200], ascii(mine)[:200], ascii(e)[:200])
        for t, e in zip(texts, theirs, strict=True)
        if (mine := [_java_form(x) for x in ours.analyze(t)]) != e
    ]
    assert not diff, f"{len(diff)} differences, first: {diff[:3]}"


def test_harness_sanity(java_classpath: str) -> None:  # noqa: F811
    text = "والكتابات في المدرسة ١٢٣ Hello WORLD"
    assert lucene_analyze(java_classpath, [text]) == [["كتاب", "مدرس", "123", "hello", "world"]]
    assert ours.analyze(text) == ["كتاب", "مدرس", "123", "hello", "world"]


def test_every_code_point_alone(java_classpath: str) -> None:  # noqa: F811
    alone = [c for c in ALL_CODE_POINTS if not _ends_with_lone_high_surrogate(c)]
    assert_same(java_classpath, alone)


# Between letters, digits and the characters the word rules turn on (MidLetter, MidNum,
# MidNumLet, ExtendNumLet, quotes), after and before ZWJ, an Extend mark, a Format
# character, regional indicators, emoji with a modifier or ZWJ, variation selectors,
# Hebrew, Katakana, Thai, Han and Hiragana, a keycap and CR LF.
CONTEXTS = [
    ("ب", "ب"),
    ("بب", "بب"),
    ("a", "a"),
    ("1", "1"),
    ("a.", ".a"),
    ("1,", ",1"),
    ("'", "'"),
    (":", ":"),
    ("_", "_"),
    ("\u200d", "\u200d"),
    ("\u0301", "\u0301"),
    ("\u00ad", "\u00ad"),
    ("\U0001f1f8", "\U0001f1e6"),
    ("\U0001f600", "\U0001f3fd"),
    ("\U0001f44d", "\u200d\U0001f600"),
    ("\U0001f600\u200d", "\ufe0f"),
    ("", "\ufe0e"),
    ("\u05d0", '"\u05d0'),
    ("\u30a2", "\u30a2"),
    ("\u0e44", "\u0e44"),
    ("\u4e2d", "\u3072"),
    ("#", "\u20e3"),
    ("\r", "\n"),
]


@pytest.mark.parametrize(("pre", "post"), CONTEXTS, ids=[ascii(p + q) for p, q in CONTEXTS])
def test_every_code_point_in_context(java_classpath: str, pre: str, post: str) -> None:  # noqa: F811
    assert_same(java_classpath, contexts(pre, post, chunk=256))


# Long tokens: Lucene cuts a token at 255 UTF-16 units and scans on after the cut.
def _long_texts() -> list[str]:
    out = []
    for n in range(248, 262):
        for unit in ["a", "ب", "1", "\U00010000", "a\u0301", "ア", "ไ", "😀\u200d"]:
            body = unit * (n // len(unit.encode("utf-16-le")) * 2 // 2)
            for tail in ["", ".b", ".1", "_x", "\u0301\u0301b", "\U0001f3fd", " x", "'"]:
                out.append(body[: n - 1] + tail + " ")
                out.append("x " + body[:n] + tail + " ")
    rng = random.Random(255)
    words = ["كتاب", "a.b", "1,5", "😀", "\U00010000", "_", "\u0301"]
    out += ["".join(rng.choices(words, k=rng.randint(50, 400))) + " " for _ in range(300)]
    return out


def test_long_tokens(java_classpath: str) -> None:  # noqa: F811
    assert_same(java_classpath, _long_texts())


def test_corpus(java_classpath: str) -> None:  # noqa: F811
    docs = corpus()
    assert_same(java_classpath, docs)
    assert sum(len(ours.analyze(d)) for d in docs) > 100_000


_WORD_BREAK_CHARS = (
    # MidLetter, MidNum, MidNumLet, quotes, ExtendNumLet, Numeric, Katakana, Hebrew_Letter,
    # Han, Hiragana, Thai (SA), Hangul, regional indicators, emoji, ZWJ, Extend, Format,
    # CR/LF and a few characters whose class changed after Unicode 9.0.
    ":·״׳.,;'\"_‿⁀٫٬0123456789٠١٢٣۴アガーאבג中字ひらไทยั่한글\U0001f1f8\U0001f1e6"
    "😀👍\U0001f3fd❤\ufe0f\ufe0e\u20e3#*\u200d\u200c\u0301\u064e\u0670\u00ad\u061c\r\n\t "
    "\u02c2\u055a\u1cf2\ua708\U0001fb00\U000e0067\U000e007f\U0001f46a"
)
_char = st.one_of(
    st.integers(0x0621, 0x065F).map(chr),
    st.sampled_from(_WORD_BREAK_CHARS),
    st.integers(0xD800, 0xDFFF).map(chr),
    st.integers(0, 0x10FFFF).map(chr),
)
_text = (
    st.lists(_char, max_size=40)
    .map("".join)
    .filter(lambda s: not _ends_with_lone_high_surrogate(s))
)


def test_random_batch(java_classpath: str) -> None:  # noqa: F811
    """30,000 random strings of the same characters, in one run of the harness."""
    rng = random.Random(29)
    pools = [
        [chr(c) for c in range(0x0621, 0x0660)],
        list(_WORD_BREAK_CHARS),
        [chr(rng.randint(0xD800, 0xDFFF)) for _ in range(64)],
        [chr(rng.randint(0x1F300, 0x1FAFF)) for _ in range(256)],
        [chr(rng.randint(0, 0x10FFFF)) for _ in range(4096)],
    ]
    texts = []
    for _ in range(30000):
        t = "".join(
            rng.choice(rng.choices(pools, weights=[30, 50, 5, 5, 10])[0])
            for _ in range(rng.randint(0, 30))
        )
        texts.append(t + " " if _ends_with_lone_high_surrogate(t) else t)
    assert_same(java_classpath, texts)


@pytest.fixture(scope="module")
def java_session(java_classpath: str):  # noqa: F811
    with subprocess.Popen(
        ["java", "-cp", java_classpath, "LuceneHarness"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="ascii",
    ) as proc:
        yield proc
        proc.stdin.close()


@settings(max_examples=1000, deadline=None)
@given(text=_text)
def test_random_text(java_session, text: str) -> None:
    java_session.stdin.write("a" + "".join(f" {ord(c):x}" for c in text) + "\n")
    java_session.stdin.flush()
    theirs = [_from_units(tok) for tok in java_session.stdout.readline().split()]
    assert [_java_form(x) for x in ours.analyze(text)] == theirs, ascii(text)


def test_known_difference(java_classpath: str) -> None:  # noqa: F811
    """A lone high surrogate at the very end: Lucene drops the last buffer's tokens."""
    texts = ["a\ud83d", "x " * 20 + "\ud83d"]
    assert lucene_analyze(java_classpath, texts) == [[], []]
    assert ours.analyze(texts[0]) == ["a"]
    assert ours.analyze(texts[1]) == ["x"] * 20


def test_types() -> None:
    assert ours.analyze("") == []
    with pytest.raises(TypeError, match=r"analyze\(\) expects str, got bytes"):
        ours.analyze(b"abc")  # type: ignore[arg-type]
