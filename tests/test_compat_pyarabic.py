"""arnorm.compat.pyarabic equals PyArabic 0.6.15 on every input we can think of."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from arnorm.compat import pyarabic as ours
from compat_check import ALL_CODE_POINTS, arabic_text, assert_same, contexts
from compat_corpus import corpus

araby = pytest.importorskip("pyarabic.araby")
pyarabic_normalize = pytest.importorskip("pyarabic.normalize")


def test_peer_version() -> None:
    from importlib.metadata import version

    assert version("pyarabic") == "0.6.15"


PAIRS = {
    "strip_tashkeel": (ours.strip_tashkeel, araby.strip_tashkeel),
    "strip_harakat": (ours.strip_harakat, araby.strip_harakat),
    "strip_lastharaka": (ours.strip_lastharaka, araby.strip_lastharaka),
    "strip_shadda": (ours.strip_shadda, araby.strip_shadda),
    "strip_tatweel": (ours.strip_tatweel, araby.strip_tatweel),
    "strip_small": (ours.strip_small, araby.strip_small),
    "strip_diacritics": (ours.strip_diacritics, araby.strip_diacritics),
    "normalize_ligature": (ours.normalize_ligature, araby.normalize_ligature),
    "normalize_hamza": (ours.normalize_hamza, araby.normalize_hamza),
    "normalize_hamza_tasheel": (
        lambda s: ours.normalize_hamza(s, method="tasheel"),
        lambda s: araby.normalize_hamza(s, method="tasheel"),
    ),
    "normalize_hamza_tasheel_ar": (
        lambda s: ours.normalize_hamza(s, "تسهيل"),
        lambda s: araby.normalize_hamza(s, "تسهيل"),
    ),
    "normalize_teh": (ours.normalize_teh, araby.normalize_teh),
    "normalize_alef": (ours.normalize_alef, araby.normalize_alef),
    "normalize_searchtext": (ours.normalize_searchtext, pyarabic_normalize.normalize_searchtext),
}
NAMES = sorted(PAIRS)

# Contexts around each code point: between letters, after a word-initial madda (the
# normalize_hamza rule), next to alef maksura / superscript alef (normalize_alef), before a
# final line feed (strip_lastharaka's `$`), after a haraka.
CONTEXTS = [("ب", "ا"), ("\u0649", "\u0670"), ("\u0670\u0649", ""), ("\u064e", "\n")]


@pytest.mark.parametrize("name", NAMES)
def test_every_code_point_alone(name: str) -> None:
    assert_same(*PAIRS[name], ALL_CODE_POINTS)


@pytest.mark.parametrize("name", NAMES)
def test_every_code_point_in_context(name: str) -> None:
    for pre, post in CONTEXTS:
        assert_same(*PAIRS[name], contexts(pre, post))


@pytest.mark.parametrize("method", ["uniform", "tasheel"])
def test_hamza_word_start_rule(method: str) -> None:
    """The word-initial U+0622 rule looks at the next two code points and the length."""
    o = lambda s: ours.normalize_hamza(s, method)  # noqa: E731
    t = lambda s: araby.normalize_hamza(s, method)  # noqa: E731
    assert_same(o, t, (f"\u0622{c}\u0651" for c in ALL_CODE_POINTS))
    assert_same(o, t, (f"\u0622{c}ن" for c in ALL_CODE_POINTS))
    assert_same(o, t, (f"\u0622{c}نا" for c in ALL_CODE_POINTS[:0x700]))


def test_hamza_method_values() -> None:
    for method in ["uniform", "tasheel", "تسهيل", "TASHEEL", None, 3, b"tasheel"]:
        s = "جاء سؤال الأئمة عن الإسلام آجلا آمن"
        assert ours.normalize_hamza(s, method) == araby.normalize_hamza(s, method)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=300, deadline=None)
@given(text=arabic_text)
def test_random_text(name: str, text: str) -> None:
    o, t = PAIRS[name]
    assert o(text) == t(text)


@pytest.mark.parametrize("name", NAMES)
def test_corpus(name: str) -> None:
    o, t = PAIRS[name]
    assert_same(o, t, corpus())
    # One document through every function: a non-trivial change happened somewhere.
    assert sum(o(d) != d for d in corpus()) > 0 or name == "normalize_hamza_tasheel_ar"


def test_documented_surprises() -> None:
    """The cases the README lists, pinned (and still PyArabic's behaviour)."""
    cases = [
        (ours.normalize_alef, "على", "علا"),
        (ours.normalize_searchtext, "على", "علا"),
        (ours.normalize_ligature, "\ufef7", "لا"),
        (ours.normalize_hamza, "أئمة", "ءءمة"),
        (ours.normalize_hamza, "آمن", "ءامن"),
        (ours.normalize_searchtext, "أؤ", "اء"),
        (ours.strip_lastharaka, "كَتَبَ\n", "كَتَب\n"),
    ]
    for f, text, expected in cases:
        assert f(text) == expected
        assert PAIRS[f.__name__.replace("pyarabic_", "")][1](text) == expected


@pytest.mark.parametrize("name", NAMES)
def test_non_str_is_type_error(name: str) -> None:
    for bad in (None, b"abc", 3, ["x"]):
        with pytest.raises(TypeError, match="expects str"):
            PAIRS[name][0](bad)
