"""Throughput of arnorm on the seed article repeated to ~10 MB, in MB/s.

    pytest benches/ --benchmark-only

MB/s = UTF-8 bytes of the input / median seconds of one round / 10**6. Every bench stores
it in ``extra_info["MB/s"]`` (kept by ``--benchmark-json``); benches/conftest.py prints
them all after pytest-benchmark's tables. Benches are grouped by preset, so each table
compares the Rust calls with the pure-Python reference on the same text.
"""

from __future__ import annotations

import pytest

import arnorm
import arnorm.reference
from conftest import measure

PRESETS = ("light", "standard", "search")


def _run(benchmark, preset, func, texts, rounds=None):
    return measure(benchmark, f"preset={preset}", func, texts, rounds)


@pytest.mark.parametrize("preset", PRESETS)
def test_normalize_per_document(benchmark, preset: str, documents: list[str]) -> None:
    normalize = arnorm.normalize

    def run() -> list[str]:
        return [normalize(d, preset) for d in documents]

    result = _run(benchmark, preset, run, documents)
    assert len(result) == len(documents)  # type: ignore[arg-type]


@pytest.mark.parametrize("preset", PRESETS)
def test_normalize_one_big_string(benchmark, preset: str, big_text: str) -> None:
    result = _run(benchmark, preset, lambda: arnorm.normalize(big_text, preset), [big_text])
    assert isinstance(result, str)


@pytest.mark.parametrize("threads", [None, 1], ids=["threads=None", "threads=1"])
@pytest.mark.parametrize("preset", PRESETS)
def test_normalize_batch(benchmark, preset: str, threads: int | None, documents: list[str]):
    normalizer = arnorm.Normalizer(preset)
    result = _run(
        benchmark, preset, lambda: normalizer.normalize_batch(documents, threads=threads), documents
    )
    assert len(result) == len(documents)  # type: ignore[arg-type]


@pytest.mark.parametrize("preset", PRESETS)
def test_reference_per_document(benchmark, preset: str, reference_documents: list[str]) -> None:
    normalize = arnorm.reference.normalize

    def run() -> list[str]:
        return [normalize(d, preset) for d in reference_documents]

    result = _run(benchmark, preset, run, reference_documents, rounds=3)
    assert len(result) == len(reference_documents)  # type: ignore[arg-type]
