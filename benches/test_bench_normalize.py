"""Throughput of arnorm on the seed article repeated to ~10 MB, in MB/s.

    pytest benches/ --benchmark-only

MB/s = UTF-8 bytes of the input / median seconds of one round / 10**6. Every bench stores
it in ``extra_info["MB/s"]`` (kept by ``--benchmark-json``); benches/conftest.py prints
them all after pytest-benchmark's tables. Benches are grouped by preset, so each table
compares the Rust calls with the pure-Python reference on the same text.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

import arnorm
import arnorm.reference

PRESETS = ("light", "standard", "search")


def _run(
    benchmark,
    preset: str,
    func: Callable[[], object],
    texts: list[str],
    rounds: int | None = None,
) -> object:
    """Time `func`, which normalizes `texts`; `rounds` fixes the round count (slow benches)."""
    benchmark.group = f"preset={preset}"
    size = sum(len(t.encode("utf-8")) for t in texts)
    benchmark.extra_info["input bytes"] = size
    benchmark.extra_info["documents"] = len(texts)
    if rounds is None:
        result = benchmark(func)
    else:
        result = benchmark.pedantic(func, rounds=rounds, iterations=1)
    if benchmark.stats is not None:  # None under --benchmark-disable
        median = benchmark.stats.stats.median
        benchmark.extra_info["MB/s"] = round(size / median / 1e6, 2)
    return result


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
