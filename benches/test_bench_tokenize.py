"""Tokenization, alignment and counting on the seed article repeated to ~10 MB.

    pytest benches/test_bench_tokenize.py --benchmark-only

Compared in the same run: arnorm's batch tokenizer (offsets only, no Python object per
token), per-document `tokenize`, the pure-Python reference building `list[str]`, and
arabic-norm's `tokenize` (the other Rust/PyO3 Arabic library; skipped if not installed);
`word_counts` against `collections.Counter` over the reference tokenizer;
`normalize_with_offsets` against `normalize`. Standard preset throughout.
"""

from __future__ import annotations

import collections

import pytest

import arnorm
import arnorm.reference
from conftest import measure


@pytest.fixture(scope="session")
def n_tokens(documents: list[str]) -> int:
    return sum(len(arnorm.tokenize(d)) for d in documents)


def test_tokenize_batch_offsets(benchmark, documents, n_tokens) -> None:
    tokenizer = arnorm.Tokenizer("standard")
    batch = measure(
        benchmark,
        "tokenize",
        lambda: tokenizer.tokenize_batch(documents),
        documents,
        tokens=n_tokens,
    )
    assert batch.offsets.shape == (n_tokens, 2)


def test_tokenize_batch_offsets_one_thread(benchmark, documents, n_tokens) -> None:
    tokenizer = arnorm.Tokenizer("standard")
    measure(
        benchmark,
        "tokenize",
        lambda: tokenizer.tokenize_batch(documents, threads=1),
        documents,
        tokens=n_tokens,
    )


def test_tokenize_per_document(benchmark, documents, n_tokens) -> None:
    tokenizer = arnorm.Tokenizer("standard")
    measure(
        benchmark,
        "tokenize",
        lambda: [tokenizer.tokenize(d) for d in documents],
        documents,
        tokens=n_tokens,
    )


def test_reference_tokenize_per_document(benchmark, reference_documents) -> None:
    tokens = sum(len(arnorm.tokenize(d)) for d in reference_documents)
    measure(
        benchmark,
        "tokenize",
        lambda: [arnorm.reference.tokenize(d) for d in reference_documents],
        reference_documents,
        rounds=3,
        tokens=tokens,
    )


def test_arabic_norm_tokenize_per_document(benchmark, documents) -> None:
    arabic_norm = pytest.importorskip("arabic_norm", reason="pip install arabic-norm to compare")
    tokens = sum(len(arabic_norm.tokenize(d)) for d in documents)
    measure(
        benchmark,
        "tokenize",
        lambda: [arabic_norm.tokenize(d) for d in documents],
        documents,
        tokens=tokens,
    )


def test_word_counts(benchmark, documents, n_tokens) -> None:
    counts = measure(
        benchmark, "word_counts", lambda: arnorm.word_counts(documents), documents, tokens=n_tokens
    )
    assert sum(counts.values()) == n_tokens


def test_counter_over_reference_tokenize(benchmark, reference_documents) -> None:
    tokenize = arnorm.reference.tokenize
    tokens = sum(len(arnorm.tokenize(d)) for d in reference_documents)
    measure(
        benchmark,
        "word_counts",
        lambda: collections.Counter(t for d in reference_documents for t in tokenize(d)),
        reference_documents,
        rounds=3,
        tokens=tokens,
    )


def _each(f, documents):
    """Call `f` on every document, dropping each result (as a per-document pipeline
    does), so the bench does not measure holding 10 MB of results."""

    def run() -> None:
        for d in documents:
            f(d)

    return run


def test_normalize_with_offsets_per_document(benchmark, documents) -> None:
    n = arnorm.Normalizer("standard")
    measure(benchmark, "alignment", _each(n.normalize_with_offsets, documents), documents)


def test_normalize_per_document(benchmark, documents) -> None:
    n = arnorm.Normalizer("standard")
    measure(benchmark, "alignment", _each(n.normalize, documents), documents)
