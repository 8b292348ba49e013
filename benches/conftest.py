"""Bench fixtures: the seed article repeated to about 10 MB of UTF-8.

Run with ``pytest benches/ --benchmark-only``; ``pytest`` alone collects only tests/.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_ARTICLE_PATH = SEEDS / "000_688baa17ac9f05f1.txt"
TARGET_BYTES = 10_000_000
# The pure-Python reference gets a tenth of the corpus: at its speed, 10 MB per round
# would make one bench take minutes. MB/s is computed on the bytes it actually read.
REFERENCE_FRACTION = 10


@pytest.fixture(scope="session")
def seed_article() -> str:
    return SEED_ARTICLE_PATH.read_bytes().decode("utf-8")


@pytest.fixture(scope="session")
def documents(seed_article: str) -> list[str]:
    """The article repeated as ~1,260 documents (~10 MB of UTF-8 in total).

    Each document is its own string object, so a run walks 10 MB of memory as a real
    corpus would, instead of re-reading one 8 KB article from the CPU cache.
    """
    count = round(TARGET_BYTES / len(seed_article.encode("utf-8")))
    return [(seed_article + "\n")[:-1] for _ in range(count)]


def corpus(name: str) -> list[str] | None:
    """A corpus of issue 5 from seeds/corpora.py (generated once per session), or None
    for the optional real-text corpus when its package is missing."""
    if str(SEEDS) not in sys.path:
        sys.path.insert(0, str(SEEDS))
    import corpora  # seeds/corpora.py

    docs = corpora.CORPORA[name]()
    return None if docs is None else list(docs)


@pytest.fixture(scope="session")
def big_text(documents: list[str]) -> str:
    """The same ~10 MB as one string."""
    return "".join(documents)


@pytest.fixture(scope="session")
def reference_documents(documents: list[str]) -> list[str]:
    return documents[: len(documents) // REFERENCE_FRACTION]


def measure(
    benchmark,
    group: str,
    func: Callable[[], object],
    texts: list[str],
    rounds: int | None = None,
    tokens: int | None = None,
    warmup_rounds: int = 0,
) -> object:
    """Time `func`, which processes `texts`; store MB/s at the median and at the fastest
    round ("MB/s best"), and tokens/s when the number of tokens is given, in
    `extra_info`. `rounds` fixes the round count (slow benches)."""
    benchmark.group = group
    size = sum(len(t.encode("utf-8")) for t in texts)
    benchmark.extra_info["input bytes"] = size
    benchmark.extra_info["documents"] = len(texts)
    if rounds is None:
        result = benchmark(func)
    else:
        result = benchmark.pedantic(func, rounds=rounds, iterations=1, warmup_rounds=warmup_rounds)
    if benchmark.stats is not None:  # None under --benchmark-disable
        median = benchmark.stats.stats.median
        benchmark.extra_info["MB/s"] = round(size / median / 1e6, 2)
        benchmark.extra_info["MB/s best"] = round(size / benchmark.stats.stats.min / 1e6, 2)
        if tokens is not None:
            benchmark.extra_info["tokens/s"] = round(tokens / median)
    return result


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter, config) -> None:
    """After pytest-benchmark's tables, list the MB/s of every bench (the number to quote)."""
    session = getattr(config, "_benchmarksession", None)  # pytest-benchmark's own state
    rows = [
        (bench.group or "", bench.name, bench.extra_info["MB/s"])
        for bench in getattr(session, "benchmarks", [])
        if "MB/s" in bench.extra_info
    ]
    if not rows:
        return
    terminalreporter.section("throughput (UTF-8 input MB / median s)")
    width = max(len(name) for _, name, _ in rows)
    for group, name, rate in sorted(rows):
        terminalreporter.write_line(f"{name:<{width}}  {rate:>10.2f} MB/s  [{group}]")
