"""Alignment maps, tokenization with offsets, word counts and variants."""

from __future__ import annotations

import collections
import pickle
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import arnorm
from arnorm import reference
from strategies import option_sets, texts

GOLDEN = Path(__file__).resolve().parent / "golden"
PRESETS = ["light", "standard", "search"]
HARAKAT = ["\u064e", "\u064f", "\u0650", "\u0652", "\u064b", "\u0651"]


# --------------------------------------------------------------------------- alignment


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, config=option_sets())
def test_alignment_matches_the_reference(text: str, config) -> None:
    preset, overrides = config
    out, spans = arnorm.Normalizer(preset, **overrides).normalize_with_offsets(text)
    ref_out, ref_spans = reference.normalize_with_offsets(text, preset, **overrides)
    assert out == ref_out
    assert spans.tolist() == [list(s) for s in ref_spans]


@settings(max_examples=400, deadline=None)
@given(text=texts, config=option_sets())
def test_alignment_is_monotone_and_in_bounds(text: str, config) -> None:
    preset, overrides = config
    out, spans = arnorm.Normalizer(preset, **overrides).normalize_with_offsets(text)
    assert spans.shape == (len(out), 2)
    assert spans.dtype == np.int64
    if len(out):
        assert (spans[:, 0] < spans[:, 1]).all()
        assert (spans[:, 0] >= 0).all() and (spans[:, 1] <= len(text)).all()
        assert (np.diff(spans[:, 0]) >= 0).all() and (np.diff(spans[:, 1]) >= 0).all()


@settings(max_examples=300, deadline=None)
@given(text=texts, preset=st.sampled_from(["light", "standard"]))
def test_uncovered_characters_are_the_deleted_ones(text: str, preset: str) -> None:
    """Round trip of the map: an original character no output character maps to is one
    the normalizer removes (alone or next to its neighbours); every other is covered."""
    n = arnorm.Normalizer(preset)
    _out, spans = n.normalize_with_offsets(text)
    covered = np.zeros(len(text), dtype=bool)
    for start, end in spans:
        covered[start:end] = True
    for i, ch in enumerate(text):
        if not covered[i]:
            assert n.normalize(ch) == "" or ch == "\u200d", f"U+{ord(ch):04X} lost"


def test_alignment_examples() -> None:
    n = arnorm.Normalizer("standard")
    out, spans = n.normalize_with_offsets("كَتَبَ ﷺ")
    assert out == "كتب صلي الله عليه وسلم"
    assert spans[:3].tolist() == [[0, 1], [2, 3], [4, 5]]  # marks belong to no character
    assert (spans[4:] == [7, 8]).all()  # the 18 characters of U+FDFA map to it
    out, spans = arnorm.Normalizer("light").normalize_with_offsets("ا\u0654")
    assert (out, spans.tolist()) == ("أ", [[0, 2]])  # a composition maps to both
    out, spans = arnorm.Normalizer("search").normalize_with_offsets(" a \t\n b ")
    assert (out, spans.tolist()) == ("a\nb", [[1, 2], [2, 6], [6, 7]])


# --------------------------------------------------------------------------- tokens


def _golden_tokens(preset: str) -> list[tuple[str, int, int]]:
    lines = (GOLDEN / f"seed.tokens.{preset}.tsv").read_bytes().decode("utf-8").splitlines()
    return [(tok, int(s), int(e)) for tok, s, e in (line.split("\t") for line in lines)]


@pytest.mark.parametrize("preset", PRESETS)
def test_seed_article_golden_tokens(preset: str, seed_article: str) -> None:
    """Reviewed by hand: words, numbers and punctuation of the article with offsets."""
    expected = _golden_tokens(preset)
    assert arnorm.tokenize(seed_article, preset, offsets=True) == expected
    assert reference.tokenize(seed_article, preset, offsets=True) == expected


@pytest.mark.parametrize("preset", [*PRESETS, None])
def test_seed_article_tokens_point_back_to_their_text(preset, seed_article: str) -> None:
    for token, start, end in arnorm.tokenize(seed_article, preset, offsets=True):
        source = seed_article[start:end]
        assert (source if preset is None else arnorm.normalize(source, preset)) == token


_token_options = st.fixed_dictionaries(
    {"split_digits": st.booleans(), "punctuation": st.sampled_from(["keep", "drop"])}
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, config=option_sets(), token_options=_token_options, normalize=st.booleans())
def test_tokens_match_the_reference(text, config, token_options, normalize) -> None:
    preset, overrides = config if normalize else (None, {})
    # `punctuation=` of tokenize() is the token option; the normalization option of the
    # same name is reached through a Normalizer (tested in test_tokenizer_object_and_batch).
    overrides.pop("punctuation", None)
    got = arnorm.tokenize(text, preset, offsets=True, **token_options, **overrides)
    assert got == reference.tokenize(text, preset, offsets=True, **token_options, **overrides)


@settings(max_examples=400, deadline=None)
@given(text=texts, preset=st.sampled_from([*PRESETS, None]), token_options=_token_options)
def test_token_offsets_are_monotone_in_bounds_and_exact(text, preset, token_options) -> None:
    tokens = arnorm.tokenize(text, preset, offsets=True, **token_options)
    for k, (token, start, end) in enumerate(tokens):
        assert 0 <= start < end <= len(text)
        if k:
            assert tokens[k - 1][1] <= start and tokens[k - 1][2] <= end
        source = text[start:end]
        normalized = source if preset is None else arnorm.normalize(source, preset)
        shared = any(s < end and start < e for j, (_, s, e) in enumerate(tokens) if j != k)
        if shared:
            # One character that expands to several tokens (ﷺ → 4 words) is part of
            # the span of each of them.
            assert token in normalized
        else:
            # Exact, up to white space that an expansion brings at the edges
            # (U+FE70 → space + fathatan).
            assert normalized == token or normalized.split() == [token]


def _diacritize(text: str, rng: random.Random) -> str:
    out = []
    for ch in text:
        out.append(ch)
        if reference.char_class(ord(ch)) == "Letter" and rng.random() < 0.6:
            out.append(rng.choice(HARAKAT))
    return "".join(out)


@pytest.mark.parametrize("preset", [*PRESETS, None])
def test_diacritics_never_change_token_boundaries(preset, seed_article: str) -> None:
    rng = random.Random(7)
    plain = arnorm.reference.normalize(seed_article, "standard")
    marked = _diacritize(plain, rng)
    assert len(arnorm.tokenize(marked, preset)) == len(arnorm.tokenize(plain, preset))
    if preset in ("standard", "search"):
        assert arnorm.tokenize(marked, preset) == arnorm.tokenize(plain, preset)


def test_token_rules() -> None:
    t = arnorm.tokenize
    assert t("قال: ٣٫١٤ و1,000 و3.5%") == ["قال", ":", "٣٫١٤", "و1,000", "و3.5", "%"]
    assert t("و1,000", split_digits=True) == ["و", "1,000"]
    assert t("مرحبا، عالم!", punctuation="drop") == ["مرحبا", "عالم"]
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert t(f"عائلة {family} 🇸🇦 1\ufe0f\u20e3 👍🏽", None) == [
        "عائلة",
        family,
        "🇸🇦",
        "1\ufe0f\u20e3",
        "👍🏽",
    ]
    assert t(f"عائلة {family}") == ["عائلة", family]  # ZWJ sequences survive normalization
    assert t("كتـــاب") == ["كتاب"]
    assert t("كتـــاب", None) == ["كتـــاب"]  # tatweel never splits a word
    assert t("می\u200cخواهم", None) == ["می", "خواهم"]  # ZWNJ separates
    assert t("a\u200bb\x00c", None) == ["a", "b", "c"]


def test_tokenizer_object_and_batch(seed_article: str) -> None:
    tok = arnorm.Tokenizer("search", split_digits=True)
    docs = [seed_article, "", "قال: ٣٫١٤", seed_article[:100]]
    batch = tok.tokenize_batch(docs)
    assert len(batch) == len(docs)
    assert batch.row_splits.dtype == np.int64 and batch.row_splits.shape == (len(docs) + 1,)
    assert batch.offsets.dtype == np.int64 and batch.offsets.shape == (batch.row_splits[-1], 2)
    assert batch.tokens() == [tok.tokenize(d) for d in docs]
    for i, doc in enumerate(docs):
        rows = batch.offsets[batch.row_splits[i] : batch.row_splits[i + 1]]
        assert [(s, e) for _, s, e in tok.tokenize(doc, offsets=True)] == [tuple(r) for r in rows]
    assert tok.tokenize_batch(docs, threads=1).tokens() == batch.tokens()
    with pytest.raises(ValueError):
        batch.offsets[0, 0] = 5  # read-only views of the batch
    assert pickle.loads(pickle.dumps(tok)).tokenize(seed_article) == tok.tokenize(seed_article)
    assert tok.normalizer == arnorm.Normalizer("search")
    assert arnorm.Tokenizer(None).normalizer is None
    assert tok(seed_article) == arnorm.tokenize(seed_article, "search", split_digits=True)
    assert arnorm.Tokenizer(arnorm.Normalizer("light")).tokenize("كَتَبَ") == ["كَتَبَ"]
    spaced = arnorm.Tokenizer(arnorm.Normalizer("light", punctuation="space"))
    assert spaced.tokenize("قال: نعم.") == ["قال", "نعم"]


def test_to_arrow(seed_article: str) -> None:
    pa = pytest.importorskip("pyarrow")
    batch = arnorm.Tokenizer().tokenize_batch([seed_article, "", "قال"])
    array = batch.to_arrow()
    assert isinstance(array, pa.ListArray)
    assert array.to_pylist() == batch.tokens()
    with pytest.raises(ValueError, match="surrogate"):
        arnorm.Tokenizer(None).tokenize_batch(["a\ud800"]).to_arrow()


def test_tokenize_errors() -> None:
    with pytest.raises(TypeError, match="int"):
        arnorm.tokenize(5)
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        arnorm.Tokenizer().tokenize_batch(["a", b"b"])
    with pytest.raises(ValueError, match="keep, drop"):
        arnorm.tokenize("a", punctuation="space")
    with pytest.raises(TypeError, match="preset"):
        arnorm.tokenize("a", 3)
    with pytest.raises(TypeError, match="preset"):
        arnorm.tokenize("a", None, alef="keep")
    with pytest.raises(ValueError, match="alef"):
        arnorm.tokenize("a", alef="maybe")
    for impl in (arnorm.tokenize, reference.tokenize):
        assert impl("") == [] and impl("\ud800x", None) == ["\ud800", "x"]


# --------------------------------------------------------------------------- counts


def test_word_counts_equal_counter_over_the_reference(seed_article: str) -> None:
    docs = [seed_article, seed_article[:500], "", "قال قال"]
    expected = collections.Counter(t for d in docs for t in reference.tokenize(d, "search"))
    got = arnorm.word_counts(iter(docs), "search")
    assert got == dict(expected)
    assert list(got.values()) == sorted(got.values(), reverse=True)  # most frequent first
    assert arnorm.word_counts(docs, "search", threads=1) == got
    assert arnorm.word_counts(docs, "search", min_count=3) == {
        k: v for k, v in expected.items() if v >= 3
    }
    assert arnorm.word_counts((d for d in docs), None) == dict(
        collections.Counter(t for d in docs for t in reference.tokenize(d, None))
    )


def test_word_counts_stream_a_generator_in_chunks() -> None:
    def lines():
        for i in range(100_000):
            yield f"كلمة{i % 7} و{i % 3}"

    counts = arnorm.word_counts(lines(), "standard", split_digits=True)
    assert counts["كلمة"] == 100_000 and counts["و"] == 100_000
    assert sum(counts.values()) == 400_000


def test_variants_group_spellings() -> None:
    docs = ["أمام الإمام", "امام إمام أمام", "مدرسة مدرسه"]
    got = arnorm.variants(docs)
    assert got["امام"] == {"أمام": 2, "إمام": 1, "امام": 1}
    assert got["الامام"] == {"الإمام": 1}
    assert got["مدرسه"] == {"مدرسة": 1, "مدرسه": 1}
    assert next(iter(got)) == "امام"  # largest group first
    assert arnorm.variants(docs, min_count=2) == {
        k: v for k, v in got.items() if sum(v.values()) >= 2
    }
    standard = arnorm.variants(docs, key=arnorm.Normalizer("standard"))
    assert "مدرسة" in standard and "مدرسه" in standard  # standard keeps teh marbuta


def test_count_errors() -> None:
    with pytest.raises(TypeError, match="single str"):
        arnorm.word_counts("abc")
    with pytest.raises(TypeError, match=r"texts\[1\] is int"):
        arnorm.word_counts(["a", 1])
    with pytest.raises(ValueError, match="min_count"):
        arnorm.word_counts(["a"], min_count=0)
    with pytest.raises(ValueError, match="threads"):
        arnorm.variants(["a"], threads=0)
