"""The public Python API: errors and their messages, presets, Normalizer semantics,
pickling, threads and the command line.

The exact output of every rule is tested from seeds/cases.tsv elsewhere; the outputs here
are simple sanity checks.
"""

from __future__ import annotations

import collections.abc
import copy
import importlib.metadata
import itertools
import os
import pickle
import re
import shutil
import subprocess
import sys
import sysconfig
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import arnorm
import arnorm.reference
from conftest import OPTIONS, PRESET_NAMES, ROOT

# Both implementations share one signature and one set of errors.
IMPLEMENTATIONS = [
    pytest.param(arnorm.normalize, id="rust"),
    pytest.param(arnorm.reference.normalize, id="reference"),
]


def _via_normalizer(text: object, preset: str = "standard", **options: object) -> str:
    return arnorm.Normalizer(preset, **options).normalize(text)  # type: ignore[arg-type]


# Everything that takes a preset and options: both normalize() functions and Normalizer.
CONFIGURABLE = [*IMPLEMENTATIONS, pytest.param(_via_normalizer, id="Normalizer")]

KATABA = "كَتَبَ"  # ARABIC LETTER KAF, FATHA, TEH, FATHA, BEH, FATHA
KTB = "كتب"

# Strings of every storage width (PEP 393 UCS-1, UCS-2, UCS-4) and the awkward ones.
EDGE_TEXTS = [
    "",
    "hello",
    "\x00",
    "a\x00b",
    "é",
    "\ud800",
    "\udfff\ud800",
    "ك\ud800ت",
    "😀",
    "😀" + KATABA,
    KATABA,
    "\U0010ffff",
]


def _valid_values(option: str) -> list[str]:
    return list(OPTIONS[option]["values"])  # type: ignore[call-overload]


def _preset_table(preset: str) -> dict[str, object]:
    return {name: row[preset] for name, row in OPTIONS.items()}


# --- module metadata ----------------------------------------------------------------------


def test_version_is_the_cargo_toml_version() -> None:
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    match = re.search(r'^\[package\][^\[]*?^version\s*=\s*"([^"]+)"', cargo, re.M | re.S)
    assert match, "no [package] version in Cargo.toml"
    assert arnorm.__version__ == match.group(1)
    assert importlib.metadata.version("arnorm") == match.group(1)


def test_unicode_version() -> None:
    assert arnorm.UNICODE_VERSION == "15.0.0"
    assert (ROOT / "seeds" / "ucd" / "VERSION").read_text(encoding="utf-8").strip() == "15.0.0"


def test_public_names_exist() -> None:
    for name in ("normalize", "Normalizer", "PRESETS", "UNICODE_VERSION", "seed_article"):
        assert hasattr(arnorm, name), name
    for name in getattr(arnorm, "__all__", ()):
        assert hasattr(arnorm, name), f"__all__ lists {name!r}, which does not exist"


def test_seed_article_is_the_bundled_file(seed_article: str) -> None:
    text = arnorm.seed_article()
    assert isinstance(text, str)
    assert text == seed_article
    assert arnorm.seed_article() == text


# --- presets ------------------------------------------------------------------------------


def test_presets_are_those_of_options_tsv() -> None:
    assert isinstance(arnorm.PRESETS, collections.abc.Mapping)
    assert set(arnorm.PRESETS) == set(PRESET_NAMES)
    for preset in PRESET_NAMES:
        assert isinstance(arnorm.PRESETS[preset], collections.abc.Mapping)
        assert dict(arnorm.PRESETS[preset]) == _preset_table(preset), preset


def test_presets_cannot_be_changed() -> None:
    with pytest.raises(TypeError):
        arnorm.PRESETS["mine"] = dict(arnorm.PRESETS["standard"])  # type: ignore[index]
    with pytest.raises(TypeError):
        del arnorm.PRESETS["standard"]  # type: ignore[attr-defined]
    # The inner mapping is read-only or a copy; either way the preset must not change.
    try:
        arnorm.PRESETS["standard"]["alef"] = "keep"  # type: ignore[index]
    except TypeError:
        pass
    assert set(arnorm.PRESETS) == set(PRESET_NAMES)
    assert arnorm.PRESETS["standard"]["alef"] == "fold"
    assert arnorm.Normalizer("standard").options["alef"] == "fold"
    assert arnorm.normalize("أحمد") == "احمد"


@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_normalizer_options_equal_the_preset(preset: str) -> None:
    assert arnorm.Normalizer(preset).options == dict(arnorm.PRESETS[preset])


def test_standard_is_the_default(seed_article: str) -> None:
    n = arnorm.Normalizer()
    assert n.preset == "standard"
    assert n == arnorm.Normalizer("standard")
    assert arnorm.normalize(seed_article) == arnorm.normalize(seed_article, "standard")
    assert arnorm.normalize(seed_article) == arnorm.normalize(seed_article, preset="standard")
    assert arnorm.reference.normalize(KATABA) == KTB


@pytest.mark.parametrize("normalize", IMPLEMENTATIONS)
def test_sanity_diacritics(normalize) -> None:
    assert normalize(KATABA) == KTB
    assert normalize(KATABA, "standard") == KTB
    assert normalize(KATABA, "light") == KATABA
    assert normalize(KATABA, preset="light") == KATABA
    assert normalize(KATABA, "standard", diacritics="keep") == KATABA
    assert normalize(KATABA, "light", diacritics="strip") == KTB


@pytest.mark.parametrize("normalize", IMPLEMENTATIONS)
def test_presets_differ_on_the_seed_article(normalize, seed_article: str) -> None:
    light = normalize(seed_article, "light")
    standard = normalize(seed_article, "standard")
    search = normalize(seed_article, "search")
    assert standard != seed_article
    assert search != standard
    assert light != standard


@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_rust_equals_reference_on_the_seed_article(preset: str, seed_article: str) -> None:
    assert arnorm.normalize(seed_article, preset) == arnorm.reference.normalize(
        seed_article, preset
    )


@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_normalized_seed_article_is_stable(preset: str, seed_article: str) -> None:
    once = arnorm.normalize(seed_article, preset)
    assert arnorm.normalize(once, preset) == once


# --- Normalizer ---------------------------------------------------------------------------


@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_normalize_call_and_function_agree(preset: str, seed_article: str) -> None:
    n = arnorm.Normalizer(preset)
    expected = arnorm.normalize(seed_article, preset)
    assert n.normalize(seed_article) == expected
    assert n(seed_article) == expected
    assert list(map(n, EDGE_TEXTS)) == [arnorm.normalize(t, preset) for t in EDGE_TEXTS]


def test_overrides_agree_with_the_function(seed_article: str) -> None:
    overrides = {"digits": "keep", "teh_marbuta": "keep", "max_repeat": 2}
    n = arnorm.Normalizer("search", **overrides)
    assert n(seed_article) == arnorm.normalize(seed_article, "search", **overrides)
    assert n(seed_article) == arnorm.reference.normalize(seed_article, "search", **overrides)
    assert n(seed_article) != arnorm.normalize(seed_article, "search")


def test_options_report_every_option_with_its_effective_value() -> None:
    n = arnorm.Normalizer("standard", alef="keep", digits="ascii", max_repeat=3)
    options = n.options
    assert isinstance(options, dict)
    assert set(options) == set(OPTIONS)
    expected = {**_preset_table("standard"), "alef": "keep", "digits": "ascii", "max_repeat": 3}
    assert options == expected
    for name, value in options.items():
        if name == "max_repeat":
            assert value is None or (isinstance(value, int) and not isinstance(value, bool))
        else:
            assert value in _valid_values(name), (name, value)
    assert type(options["max_repeat"]) is int
    assert arnorm.Normalizer().options["max_repeat"] is None


def test_every_option_can_be_passed_explicitly() -> None:
    # All 17 options of the search preset, given to the standard preset.
    n = arnorm.Normalizer("standard", **arnorm.PRESETS["search"])
    assert n == arnorm.Normalizer("search")
    assert n.options == dict(arnorm.PRESETS["search"])
    assert arnorm.normalize("Hello World", "standard", **arnorm.PRESETS["search"]) == (
        "hello world"
    )


def test_mutating_options_does_not_change_the_normalizer() -> None:
    n = arnorm.Normalizer("standard")
    options = n.options
    options["diacritics"] = "keep"
    options["bogus"] = "x"
    assert n.options == dict(arnorm.PRESETS["standard"])
    assert n(KATABA) == KTB


def test_normalizer_is_immutable() -> None:
    n = arnorm.Normalizer("standard")
    with pytest.raises(AttributeError):
        n.preset = "light"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        n.options = {}  # type: ignore[misc]
    with pytest.raises(AttributeError):
        n.diacritics = "keep"  # type: ignore[attr-defined]
    assert n.preset == "standard"
    assert n(KATABA) == KTB


def test_preset_attribute_keeps_the_given_preset() -> None:
    assert arnorm.Normalizer("search").preset == "search"
    assert arnorm.Normalizer("light", alef="fold").preset == "light"


def test_equal_effective_options_make_equal_normalizers() -> None:
    light_as_standard = arnorm.Normalizer(
        "light",
        diacritics="strip",
        dagger_alef="strip",
        quranic_marks="strip",
        alef="fold",
        alef_maksura="yeh",
    )
    standard = arnorm.Normalizer("standard")
    assert light_as_standard == standard
    assert hash(light_as_standard) == hash(standard)
    assert len({light_as_standard, standard}) == 1
    assert {standard: 1}[light_as_standard] == 1


@pytest.mark.parametrize(("source", "target"), list(itertools.permutations(PRESET_NAMES, 2)))
def test_any_preset_can_be_rebuilt_from_another(source: str, target: str, seed_article: str):
    want, have = _preset_table(target), _preset_table(source)
    overrides = {k: v for k, v in want.items() if have[k] != v}
    rebuilt = arnorm.Normalizer(source, **overrides)
    assert rebuilt == arnorm.Normalizer(target)
    assert hash(rebuilt) == hash(arnorm.Normalizer(target))
    assert rebuilt.options == arnorm.Normalizer(target).options
    assert rebuilt(seed_article) == arnorm.normalize(seed_article, target)


def test_different_options_make_different_normalizers() -> None:
    standard = arnorm.Normalizer("standard")
    assert standard != arnorm.Normalizer("light")
    assert standard != arnorm.Normalizer("standard", alef="keep")
    assert standard != arnorm.Normalizer("standard", max_repeat=3)
    assert arnorm.Normalizer(max_repeat=2) != arnorm.Normalizer(max_repeat=3)
    assert arnorm.Normalizer(max_repeat=2) == arnorm.Normalizer(max_repeat=2)
    assert standard == arnorm.Normalizer("standard", alef="fold")  # the preset's own value
    # Comparing with anything else is False, not an error.
    assert standard != "standard"
    assert standard != None  # noqa: E711
    assert standard != dict(arnorm.PRESETS["standard"])


def test_repr_lists_only_overrides_that_differ_from_the_preset() -> None:
    assert repr(arnorm.Normalizer()) == "Normalizer(preset='standard')"
    assert repr(arnorm.Normalizer("search")) == "Normalizer(preset='search')"
    assert (
        repr(arnorm.Normalizer("standard", alef="keep"))
        == "Normalizer(preset='standard', alef='keep')"
    )
    assert repr(arnorm.Normalizer("standard", alef="fold")) == "Normalizer(preset='standard')"
    assert (
        repr(arnorm.Normalizer("light", max_repeat=3)) == "Normalizer(preset='light', max_repeat=3)"
    )
    assert repr(arnorm.Normalizer("light", max_repeat=None)) == "Normalizer(preset='light')"


def test_repr_evaluates_to_an_equal_normalizer() -> None:
    n = arnorm.Normalizer("light", whitespace="collapse", digits="ascii", max_repeat=2)
    text = repr(n)
    assert text.startswith("Normalizer(preset='light', ")
    for part in ("whitespace='collapse'", "digits='ascii'", "max_repeat=2"):
        assert part in text
    assert "alef" not in text
    assert eval(text, {"Normalizer": arnorm.Normalizer}) == n


# --- pickling -----------------------------------------------------------------------------

PICKLED = [
    ("light", {}),
    ("standard", {}),
    ("search", {}),
    ("standard", {"alef": "keep", "max_repeat": 2}),
    ("search", {"persian": "to_persian", "punctuation": "ascii"}),
]


@pytest.mark.parametrize(("preset", "overrides"), PICKLED)
@pytest.mark.parametrize("protocol", list(range(2, pickle.HIGHEST_PROTOCOL + 1)))
def test_pickle_round_trip(preset: str, overrides: dict, protocol: int, seed_article: str):
    n = arnorm.Normalizer(preset, **overrides)
    m = pickle.loads(pickle.dumps(n, protocol=protocol))
    assert type(m) is type(n)
    assert m == n
    assert hash(m) == hash(n)
    assert m.preset == n.preset
    assert m.options == n.options
    assert repr(m) == repr(n)
    assert m(seed_article) == n(seed_article)


@pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy])
def test_copy(copier, seed_article: str) -> None:
    # scikit-learn's clone() deep-copies parameters such as preprocessor=Normalizer(...).
    n = arnorm.Normalizer("search", max_repeat=3)
    m = copier(n)
    assert m == n
    assert m.options == n.options
    assert m(seed_article) == n(seed_article)


# --- normalize_batch ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def batch_texts(seed_article: str) -> list[str]:
    lines = seed_article.split("\n")
    # Many documents of every width, so that a parallel batch is really split.
    rotated = [seed_article[i:] + seed_article[:i] for i in range(0, len(seed_article), 61)]
    return [seed_article, *lines, *EDGE_TEXTS, *rotated] * 3


@pytest.mark.parametrize("preset", PRESET_NAMES)
@pytest.mark.parametrize("threads", [None, 1, 2, 8, 64])
def test_normalize_batch_equals_one_call_per_text(preset: str, threads, batch_texts: list[str]):
    n = arnorm.Normalizer(preset)
    before = list(batch_texts)
    result = n.normalize_batch(batch_texts, threads=threads)
    assert isinstance(result, list)
    assert result == [n.normalize(t) for t in batch_texts]
    assert batch_texts == before  # the input is not modified


@pytest.mark.parametrize("threads", [1, 2])
def test_normalized_texts_come_back_as_the_same_objects(seed_article: str, threads: int) -> None:
    """Already-normalized input costs no new string, in a batch as per call."""
    n = arnorm.Normalizer()
    clean = n.normalize(seed_article)
    texts = [clean, "abc", "", clean[:50], "\U0001f600 ok"] * 20
    out = n.normalize_batch(texts, threads=threads)
    assert all(o is t for o, t in zip(out, texts, strict=True))
    assert n.normalize(clean) is clean
    # Interleaved with texts that change, over many chunks: each unchanged one is still
    # its own result, each changed one a new string, all in order.
    mixed = [clean, seed_article, "abc", KATABA, clean[:50]] * 40
    out = n.normalize_batch(mixed, threads=threads)
    assert out == [n.normalize(t) for t in mixed]
    assert [o is t for o, t in zip(out, mixed, strict=True)] == [n.normalize(t) is t for t in mixed]


@pytest.mark.parametrize(
    ("threads", "preset", "options"),
    [
        (2, "search", {}),
        (3, "search", {}),
        (2, "light", {}),
        (2, "standard", {"max_repeat": 2, "whitespace": "collapse"}),
    ],
)
def test_a_large_batch_goes_through_the_worker_pipeline(
    seed_article: str, threads: int, preset: str, options: dict[str, object]
):
    """Batches of millions of code points are split into chunks that worker threads
    normalize while the calling thread makes the strings: results in order, unchanged
    texts as themselves, every width, also where a result is narrower than its input."""
    n = arnorm.Normalizer(preset, **options)
    clean = n.normalize(seed_article)
    wide = seed_article.replace(".", ". \U0001f600 ", 3)  # UCS-4 in, UCS-4 out
    narrowed = "caf\u00e9 \U0001d400\u064e"  # UCS-4 in, Latin-1 out
    group = [seed_article, clean, *EDGE_TEXTS, wide, narrowed, clean[:300], KATABA]
    texts = group * (4_000_000 // sum(map(len, group)) + 1)
    assert sum(map(len, texts)) > 4 * 256 * 1024 * threads  # several chunks per thread
    out = n.normalize_batch(texts, threads=threads)
    expected = [n.normalize(t) for t in texts]
    assert out == expected
    assert [o is t for o, t in zip(out, texts, strict=True)] == [
        e is t for e, t in zip(expected, texts, strict=True)
    ]
    assert [hash(o) for o in out[: len(group)]] == [hash(e) for e in expected[: len(group)]]


@pytest.mark.parametrize("threads", [1, 2])
def test_batch_results_are_stored_at_their_own_width(threads: int) -> None:
    """A result narrower than its input (Arabic marks removed from Latin text, an emoji
    folded to ASCII) compares and hashes like the same text written directly."""
    n = arnorm.Normalizer("search")
    cases = {"a\u064e": "a", "\u00e9\u064e": "\u00e9", "X\U0001d400y": "xay"}
    texts = list(cases) * 10
    out = n.normalize_batch(texts, threads=threads)
    assert out == [cases[t] for t in texts]
    assert [hash(o) for o in out] == [hash(cases[t]) for t in texts]


def test_normalize_batch_small_inputs() -> None:
    n = arnorm.Normalizer()
    assert n.normalize_batch([]) == []
    assert n.normalize_batch([], threads=4) == []
    assert n.normalize_batch([KATABA]) == [KTB]
    assert n.normalize_batch((KATABA, "", "\ud800")) == [KTB, "", "\ud800"]  # any Sequence


@pytest.mark.parametrize("threads", [0, -1])
def test_threads_must_be_positive(threads: int) -> None:
    with pytest.raises(ValueError, match="threads"):
        arnorm.Normalizer().normalize_batch([KATABA], threads=threads)


@pytest.mark.parametrize("threads", [1.5, "2"])
def test_threads_must_be_an_int(threads: object) -> None:
    with pytest.raises((TypeError, ValueError), match="threads"):
        arnorm.Normalizer().normalize_batch([KATABA], threads=threads)  # type: ignore[arg-type]


@pytest.mark.parametrize("threads", [None, 1, 4])
@pytest.mark.parametrize(
    ("texts", "index", "type_name"),
    [
        (["a", "b", 3], 2, "int"),
        ([b"bytes", "b"], 0, "bytes"),
        (["a", None], 1, "None"),
        ([*(["ok"] * 1000), 1.5, "ok"], 1000, "float"),
    ],
)
def test_normalize_batch_names_the_bad_index_and_type(texts, index, type_name, threads) -> None:
    with pytest.raises(TypeError) as info:
        arnorm.Normalizer().normalize_batch(texts, threads=threads)
    message = str(info.value)
    assert f"texts[{index}]" in message
    assert type_name in message


@pytest.mark.parametrize("texts", [None, 5, "a single str"])
def test_normalize_batch_needs_a_sequence(texts: object) -> None:
    with pytest.raises(TypeError):
        arnorm.Normalizer().normalize_batch(texts)  # type: ignore[arg-type]


# --- threads ------------------------------------------------------------------------------


def test_eight_threads_share_one_normalizer(batch_texts: list[str]) -> None:
    n = arnorm.Normalizer("search")
    expected = [n.normalize(t) for t in batch_texts]
    start = threading.Barrier(8)

    def work(k: int) -> list[list[str]]:
        start.wait(timeout=60)
        texts = batch_texts[k:] + batch_texts[:k]  # each thread in another order
        runs = []
        for _ in range(3):
            runs.append([n(t) for t in texts])
            runs.append(n.normalize_batch(texts, threads=2))
        return [run[-k:] + run[:-k] if k else run for run in runs]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    for k, runs in enumerate(results):
        for run in runs:
            assert run == expected, f"thread {k}"


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize("normalize", [*CONFIGURABLE, pytest.param(None, id="__call__")])
@pytest.mark.parametrize(
    ("bad", "type_name"),
    [(1, "int"), (1.5, "float"), (b"x", "bytes"), (None, "None"), (["x"], "list")],
)
def test_non_str_text_is_a_type_error_naming_the_type(normalize, bad, type_name) -> None:
    with pytest.raises(TypeError) as info:
        if normalize is None:
            arnorm.Normalizer()(bad)
        else:
            normalize(bad)
    assert type_name in str(info.value)


@pytest.mark.parametrize("normalize", CONFIGURABLE)
@pytest.mark.parametrize("preset", ["nope", "Standard", "", "standard "])
def test_unknown_preset_is_a_value_error_listing_the_presets(normalize, preset: str) -> None:
    with pytest.raises(ValueError) as info:
        normalize(KATABA, preset)
    assert "light, standard, search" in str(info.value)


@pytest.mark.parametrize("normalize", CONFIGURABLE)
def test_preset_must_be_a_str(normalize) -> None:
    with pytest.raises((TypeError, ValueError)):
        normalize(KATABA, 1)


@pytest.mark.parametrize("normalize", CONFIGURABLE)
@pytest.mark.parametrize("option", [o for o in OPTIONS if o != "max_repeat"])
def test_bad_option_value_is_a_value_error_listing_the_values(normalize, option: str) -> None:
    with pytest.raises(ValueError) as info:
        normalize(KATABA, "standard", **{option: "bogus"})
    message = str(info.value)
    assert option in message
    for value in _valid_values(option):
        assert value in message, f"{value!r} not listed in {message!r}"


@pytest.mark.parametrize("normalize", CONFIGURABLE)
@pytest.mark.parametrize("option", ["alef", "whitespace"])
def test_option_value_of_the_wrong_type_names_the_option(normalize, option: str) -> None:
    with pytest.raises((TypeError, ValueError)) as info:
        normalize(KATABA, "standard", **{option: 1})
    assert option in str(info.value)


@pytest.mark.parametrize("normalize", CONFIGURABLE)
@pytest.mark.parametrize("name", ["colour", "diacritic", "Alef", "preset_name"])
def test_unknown_option_name_is_a_type_error_naming_it(normalize, name: str) -> None:
    with pytest.raises(TypeError) as info:
        normalize(KATABA, "standard", **{name: "keep"})
    assert name in str(info.value)


@pytest.mark.parametrize("normalize", CONFIGURABLE)
@pytest.mark.parametrize("bad", [0, -1, 1.5, "2", True, False, "none"])
def test_max_repeat_must_be_none_or_a_positive_int(normalize, bad: object) -> None:
    # A valid call first: True == 1 and hash(True) == hash(1), so a cache keyed on the
    # options must not let max_repeat=True through.
    assert normalize(KATABA, "standard", max_repeat=1) == KTB
    with pytest.raises((TypeError, ValueError)) as info:
        normalize(KATABA, "standard", max_repeat=bad)
    assert "max_repeat" in str(info.value)


@pytest.mark.parametrize("normalize", CONFIGURABLE)
def test_max_repeat_accepts_none_and_positive_ints(normalize) -> None:
    long = "ههههههه"  # seven ARABIC LETTER HEH
    assert normalize(long, "light", max_repeat=None) == long
    assert normalize(long, "light", max_repeat=1) == "ه"
    assert normalize(long, "light", max_repeat=2) == "هه"
    assert normalize(long, "light", max_repeat=1000) == long
    assert normalize("aaab!!!!1111", "light", max_repeat=1) == "ab!!!!1111"  # letters only


@pytest.mark.parametrize("limit", [2**31, 2**64, 2**70])
def test_huge_max_repeat_is_treated_alike_by_both_implementations(limit: int) -> None:
    # Accepting it (nothing is cut) or refusing it with a ValueError are both fine, but
    # the reference and the Rust core must do the same.
    outcomes = []
    for normalize in (arnorm.normalize, arnorm.reference.normalize):
        try:
            outcomes.append(normalize("ههههه", "light", max_repeat=limit))
        except ValueError as err:
            assert "max_repeat" in str(err)
            outcomes.append(ValueError)
    assert outcomes[0] == outcomes[1]
    assert outcomes[0] in ("ههههه", ValueError)


# --- any str ------------------------------------------------------------------------------


@pytest.mark.parametrize("normalize", IMPLEMENTATIONS)
@pytest.mark.parametrize("preset", PRESET_NAMES)
@pytest.mark.parametrize(
    "text", ["", "\x00", "a\x00b", "\ud800", "\udfff\ud800", "ك\ud800ت", "😀", "\U0010ffff"]
)
def test_text_that_needs_no_change_comes_back_equal(normalize, preset: str, text: str) -> None:
    # Lone surrogates pass through unchanged; so do NUL and astral characters.
    assert normalize(text, preset) == text


@pytest.mark.parametrize(
    ("text", "preset", "expected"),
    [
        ("abc\u064e", "standard", "abc"),  # UCS-2 in, ASCII out
        ("abc\u200b", "standard", "abc"),
        ("é\u064e", "standard", "é"),  # UCS-2 in, UCS-1 out
        ("😀\u064e", "standard", "😀"),
        ("\U0001d400", "search", "a"),  # UCS-4 in, ASCII out
        ("\u00b5", "search", "\u03bc"),  # UCS-1 in, UCS-2 out
        ("\ufb01", "standard", "\ufb01"),  # not an Arabic presentation form
        ("\ufb01", "search", "fi"),
        ("Hello", "search", "hello"),
    ],
)
def test_output_has_the_narrowest_storage(text: str, preset: str, expected: str) -> None:
    # CPython compares strings of different storage widths as unequal, so `==` also checks
    # that the result was created at its exact maximum character.
    for out in (arnorm.normalize(text, preset), arnorm.reference.normalize(text, preset)):
        assert out == expected
        assert out.isascii() == expected.isascii()
        if expected.isascii():
            assert sys.getsizeof(out) == sys.getsizeof(expected)


class _StrSubclass(str):
    pass


@pytest.mark.parametrize("normalize", IMPLEMENTATIONS)
@pytest.mark.parametrize("text", ["hello", "é", KATABA, "😀" + KATABA, "\ud800", ""])
def test_str_subclasses_are_accepted(normalize, text: str) -> None:
    # numpy.str_ is one; their storage is not the compact layout of a plain str.
    assert normalize(_StrSubclass(text)) == normalize(text)


def test_str_subclasses_in_a_batch() -> None:
    texts = [_StrSubclass(t) for t in EDGE_TEXTS]
    n = arnorm.Normalizer("search")
    assert n.normalize_batch(texts) == [n(t) for t in EDGE_TEXTS]
    assert n.normalize_batch(texts, threads=1) == [n(t) for t in EDGE_TEXTS]


def test_five_megabyte_string(seed_article: str) -> None:
    copies = -(-5_000_000 // len(seed_article.encode("utf-8")))
    big = seed_article * copies
    assert len(big.encode("utf-8")) >= 5_000_000
    # The article ends in "." and starts with a letter: no rule of these presets acts
    # across the joins, so the big result is the small one repeated.
    for preset in ("light", "standard"):
        assert arnorm.normalize(big, preset) == arnorm.normalize(seed_article, preset) * copies
    search = arnorm.Normalizer("search")
    out = search(big)
    assert isinstance(out, str)
    assert search.normalize_batch([big, big], threads=2) == [out, out]


# --- command line -------------------------------------------------------------------------


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(command, capture_output=True, cwd=cwd, env=env, timeout=120)


def _console_script() -> str:
    candidates = [
        Path(sysconfig.get_path("scripts")) / "arnorm",
        Path(sysconfig.get_path("scripts", f"{os.name}_user")) / "arnorm",
        Path(sys.executable).parent / "arnorm",
    ]
    for path in candidates:
        if path.is_file():
            return str(path)
    found = shutil.which("arnorm")
    assert found, "the console script `arnorm` is not installed"
    return found


def _check_default_run(result: subprocess.CompletedProcess[bytes], seed_article: str) -> None:
    # The bare command is the demo: the article's first lines before and after each
    # preset, then a speed comparison (the command line itself: tests/test_cli.py).
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    stdout = result.stdout.decode("utf-8")
    first = seed_article.split("\n")[0]
    assert first in stdout
    for preset in PRESET_NAMES:
        assert arnorm.normalize(first, preset) in stdout, preset
        whole = arnorm.normalize(seed_article, preset)
        assert f"{len(seed_article):,} characters in, {len(whole):,} out" in stdout, preset
    assert "MB/s" in stdout


def test_python_m_arnorm_runs_the_demo(seed_article: str, tmp_path: Path):
    _check_default_run(_run([sys.executable, "-m", "arnorm"], tmp_path), seed_article)


def test_console_script_runs_the_demo(seed_article: str, tmp_path: Path):
    _check_default_run(_run([_console_script()], tmp_path), seed_article)


def test_cli_version(tmp_path: Path) -> None:
    result = _run([sys.executable, "-m", "arnorm", "--version"], tmp_path)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert arnorm.__version__ in result.stdout.decode("utf-8")


# Python >= 3.12 warns about fork() in a process with threads: that is the situation
# under test.
@pytest.mark.filterwarnings("ignore:.*fork.*:DeprecationWarning")
def test_batch_in_a_forked_child_does_not_hang(seed_article: str) -> None:
    """A pool made before fork() has no threads in the child; the child makes its own."""
    import multiprocessing

    n = arnorm.Normalizer("standard")
    texts = [seed_article] * 400  # large enough for the worker pool (~1.7 Mi code points)
    expected = n.normalize_batch(texts, threads=2)  # the parent's pool exists now
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(1) as pool:
        result = pool.apply_async(n.normalize_batch, (texts,), {"threads": 2})
        assert result.get(timeout=60) == expected


def test_threads_env_var_sets_the_default(monkeypatch, seed_article: str) -> None:
    n = arnorm.Normalizer("standard")
    monkeypatch.setenv("ARNORM_NUM_THREADS", "1")
    assert n.normalize_batch([seed_article] * 3) == [n.normalize(seed_article)] * 3
    monkeypatch.setenv("ARNORM_NUM_THREADS", "zero")
    with pytest.raises(ValueError, match="ARNORM_NUM_THREADS"):
        n.normalize_batch([seed_article])
