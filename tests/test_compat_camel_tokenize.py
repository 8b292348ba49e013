"""arnorm.compat.camel.simple_word_tokenize equals CAMeL Tools 1.6.0's.

CAMeL's result depends on the running Python's ``unicodedata`` and ``str.isspace``, on the
``regex`` module's Unicode data and on the ``emoji`` package's list; arnorm records what
they answer (``seeds/compat/tokenize/``, ``scripts/gen_camel_tokenize.py``). The recorded
versions are checked first, then every code point alone and in contexts, random strings
and the corpus, with and without ``split_digits``: no difference is allowed.
"""

from __future__ import annotations

import platform
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnorm.compat import camel as ours
from compat_check import ALL_CODE_POINTS, arabic_text, assert_same, contexts
from compat_corpus import corpus

word = pytest.importorskip("camel_tools.tokenizers.word")
regex = pytest.importorskip("regex")
emoji = pytest.importorskip("emoji")

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "compat" / "tokenize"


def _pair(split_digits: bool):
    return (
        lambda s: ours.simple_word_tokenize(s, split_digits=split_digits),
        lambda s: word.simple_word_tokenize(s, split_digits=split_digits),
    )


def test_recorded_versions_are_the_running_ones() -> None:
    header = (SEEDS / "camel_classes.tsv").read_text(encoding="utf-8").splitlines()[1]
    import unicodedata

    running = (
        f"Python {platform.python_version()} (unicodedata {unicodedata.unidata_version}), "
        f"regex {regex.__version__}, emoji {emoji.__version__}, camel-tools 1.6.0"
    )
    # The patch level of Python does not change its Unicode data.
    assert header.split("from ", 1)[1].rstrip(".").split("(", 1)[1] == running.split("(", 1)[1]


@pytest.mark.parametrize("split_digits", [False, True])
def test_every_code_point_alone(split_digits: bool) -> None:
    # Alone, then 512 per string each followed by a space (so each is a word of its own).
    assert_same(*_pair(split_digits), ALL_CODE_POINTS[:0x3400])
    assert_same(*_pair(split_digits), contexts("", ""))


# Contexts: inside a word; after a digit (digit runs, keycaps), with and without
# split_digits; around a ZWJ, a flag letter and an emoji modifier (sequences that CAMeL's
# regex matches but its emoji list may not hold), where split_digits changes nothing new.
CONTEXTS = [
    ("ب", "ا", (False,)),
    ("1", "\ufe0f\u20e3", (False, True)),
    ("😀\u200d", "\U0001f3fb", (False,)),
    ("\U0001f1e6", "\u200d😀", (False,)),
]


@pytest.mark.parametrize("pre,post,modes", CONTEXTS)
def test_every_code_point_in_context(pre: str, post: str, modes: tuple[bool, ...]) -> None:
    for split_digits in modes:
        assert_same(*_pair(split_digits), contexts(pre, post, chunk=1024))


_EMOJI_PARTS = (
    "\u200d\ufe0f\u20e3#*0159\U0001f3fb\U0001f3ff\U0001f1e6\U0001f1f8\U0001f468\u2764"
    "\U000e0067\U000e007f😀 \u00a0.،"
)
_emoji_text = st.lists(
    st.one_of(st.sampled_from(_EMOJI_PARTS), st.integers(0x1F000, 0x1FAFF).map(chr)),
    max_size=20,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(arabic_text, _emoji_text), split_digits=st.booleans())
def test_random_text(text: str, split_digits: bool) -> None:
    o, t = _pair(split_digits)
    assert o(text) == t(text)


def test_corpus() -> None:
    for split_digits in (False, True):
        assert_same(*_pair(split_digits), corpus())


def test_emoji_sequences_whole() -> None:
    # Every recorded sequence alone, and two of them glued by a ZWJ (a longer match that
    # is no emoji: CAMeL then moves on one code point at a time).
    lines = (SEEDS / "camel_emoji_sequences.tsv").read_text(encoding="utf-8").splitlines()
    seqs = ["".join(chr(int(x[2:], 16)) for x in ln.split()) for ln in lines if ln.startswith("U+")]
    assert len(seqs) > 3000
    assert_same(*_pair(False), seqs)
    assert_same(
        *_pair(False), [a + "\u200d" + b for a, b in zip(seqs, seqs[1:] + seqs[:1], strict=True)]
    )
    assert ours.simple_word_tokenize(seqs[0]) == [seqs[0]]


def test_examples_and_errors() -> None:
    assert ours.simple_word_tokenize("Hello,    world!!!") == ["Hello", ",", "world", "!", "!", "!"]
    assert ours.simple_word_tokenize("world123!", split_digits=True) == ["world", "123", "!"]
    # Substrings are stored at their own width (CPython's canonical form).
    (latin,) = ours.simple_word_tokenize("abc")
    assert latin == "abc" and ours.simple_word_tokenize("ab 😀") == ["ab", "😀"]
    for bad in (None, b"abc", 3):
        with pytest.raises(TypeError, match="expects str"):
            ours.simple_word_tokenize(bad)  # type: ignore[arg-type]
