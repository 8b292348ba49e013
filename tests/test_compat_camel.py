"""arnorm.compat.camel equals CAMeL Tools 1.6.0 on every input we can think of.

The one exception is Unicode's version: arnorm implements NFC/NFKC of Unicode 15.0.0,
CAMeL calls the running Python's ``unicodedata``. Where their data differ (UNICODE_15_NEW
below, exactly the code points whose decomposition or combining class changed), outputs
may differ; everything else is compared.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings

import arnorm
from arnorm.compat import camel as ours
from compat_check import ALL_CODE_POINTS, arabic_text, assert_same, contexts, differences
from compat_corpus import corpus

normalize = pytest.importorskip("camel_tools.utils.normalize")
dediac = pytest.importorskip("camel_tools.utils.dediac")
charmap = pytest.importorskip("camel_tools.utils.charmap")

_arclean = charmap.CharMapper.builtin_mapper("arclean")

PAIRS = {
    "normalize_unicode": (ours.normalize_unicode, normalize.normalize_unicode),
    "normalize_unicode_nfc": (
        lambda s: ours.normalize_unicode(s, compatibility=False),
        lambda s: normalize.normalize_unicode(s, compatibility=False),
    ),
    "dediac_ar": (ours.dediac_ar, dediac.dediac_ar),
    "normalize_alef_ar": (ours.normalize_alef_ar, normalize.normalize_alef_ar),
    "normalize_alef_maksura_ar": (
        ours.normalize_alef_maksura_ar,
        normalize.normalize_alef_maksura_ar,
    ),
    "normalize_teh_marbuta_ar": (ours.normalize_teh_marbuta_ar, normalize.normalize_teh_marbuta_ar),
    "arclean": (ours.arclean, _arclean),
}
NAMES = sorted(PAIRS)
UNICODE_FUNCTIONS = {"normalize_unicode", "normalize_unicode_nfc"}


def _ranges(*spans: tuple[int, int]) -> frozenset[str]:
    return frozenset(chr(c) for lo, hi in spans for c in range(lo, hi + 1))


# Code points whose Canonical_Combining_Class or decomposition in Unicode 15.0.0 differs
# from Unicode 14.0.0 (all are new in 15.0.0): listed in the README.
UNICODE_15_NEW = _ranges(
    (0x10EFD, 0x10EFF),
    (0x11F41, 0x11F42),
    (0x1E030, 0x1E06D),
    (0x1E08F, 0x1E08F),
    (0x1E4EC, 0x1E4EF),
)
# Of those, the ones that NFKC changes when alone (compatibility decompositions).
NFKC_15_ALONE = _ranges((0x1E030, 0x1E06D))


def test_peer_versions() -> None:
    from importlib.metadata import version

    assert version("camel-tools") == "1.6.0"
    assert arnorm.UNICODE_VERSION == "15.0.0"


def test_unicode_versions_differ_exactly_where_stated() -> None:
    if unicodedata.unidata_version != "14.0.0":
        pytest.skip(f"the list is for Python's Unicode 14.0.0, not {unicodedata.unidata_version}")
    nfkc = differences(*PAIRS["normalize_unicode"], ALL_CODE_POINTS)
    assert {s for s, _, _ in nfkc} == NFKC_15_ALONE
    assert differences(*PAIRS["normalize_unicode_nfc"], ALL_CODE_POINTS) == []


def _comparable(name: str, s: str) -> bool:
    return name not in UNICODE_FUNCTIONS or UNICODE_15_NEW.isdisjoint(s)


@pytest.mark.parametrize("name", NAMES)
def test_every_code_point_alone(name: str) -> None:
    assert_same(*PAIRS[name], (s for s in ALL_CODE_POINTS if _comparable(name, s)))


@pytest.mark.parametrize("name", NAMES)
def test_every_code_point_in_context(name: str) -> None:
    # Between letters; after a letter a mark composes with; after marks it may reorder with.
    for pre, post in [("ب", "ا"), ("\u0627", "\u0654"), ("\u0627\u0651\u064e", "\u0301")]:
        inputs = contexts(pre, post, chunk=64 if name in UNICODE_FUNCTIONS else 512)
        assert_same(*PAIRS[name], (s for s in inputs if _comparable(name, s)))


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=300, deadline=None)
@given(text=arabic_text)
def test_random_text(name: str, text: str) -> None:
    if not _comparable(name, text):
        return
    o, t = PAIRS[name]
    assert o(text) == t(text)


@pytest.mark.parametrize("name", NAMES)
def test_corpus(name: str) -> None:
    o, t = PAIRS[name]
    assert_same(o, t, corpus())
    assert sum(o(d) != d for d in corpus()) > 0


@pytest.mark.parametrize("name", NAMES)
def test_non_str_is_type_error(name: str) -> None:
    for bad in (None, b"abc", 3):
        with pytest.raises(TypeError, match="expects str"):
            PAIRS[name][0](bad)


def test_arclean_deletes_unmapped() -> None:
    assert ours.arclean("ab\u0301c\u4e2d😀ك") == "abcك" == _arclean("ab\u0301c\u4e2d😀ك")
