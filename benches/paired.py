"""Issue 5's ratios from paired rounds: both sides of a ratio timed in the same round.

    python benches/paired.py                  # 21 rounds over every corpus, then the table
    python benches/paired.py --rounds 41 news web

This shared 2-core virtual machine drifts by up to 2x within minutes: three runs of
``benches/report.py`` on 2026-11-29 (19:59, 20:15 and 21:53 UTC) put the copy floor on the
news corpus at 2,798, 4,228 and 2,318 MB/s. pytest-benchmark times all the rounds of one
implementation, then all of the next, so the ratio of two of its medians compares two
different moments of the machine. Here every round times each implementation once, in an
order rotated from round to round, and each ratio is taken within its round; the table
gives the median and the quartiles of the per-round ratios. ``benches/report.py`` uses
them for its targets table.

The implementations are those of ``benches/test_bench_peers.py`` (the same callables,
arabic-norm configured the same way): the copy floor ``[t[1:] for t in texts]``,
``arnorm.normalize`` one call per document, ``Normalizer.normalize_batch`` on the default
thread count, and arabic-norm's ``normalize`` and ``normalize_batch``. A missing peer
leaves its ratios out.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pytest  # noqa: E402  (test_bench_peers reports a missing peer with pytest.skip)
import test_bench_peers as peers  # noqa: E402

from conftest import corpus  # noqa: E402

CORPORA = peers.CORPORA
CALL, FLOOR, BATCH = "call", "floor", "batch"
PEER_CALL, PEER_BATCH = "peer call", "peer batch"
MAKERS = {
    FLOOR: peers._floor,
    CALL: peers._arnorm_function,
    BATCH: peers._arnorm_batch(None),
    PEER_CALL: peers._arabic_norm,
    PEER_BATCH: peers._arabic_norm_batch,
}
# The corpus the per-byte target compares the others with (diacritized text).
BASE = "classical"

Quartiles = tuple[float, float, float]  # median, first and third quartile


def quartiles(values: list[float]) -> Quartiles:
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return median, q1, q3


def time_rounds(names: list[str], rounds: int) -> tuple[dict, dict]:
    """Seconds per round of each implementation on each corpus (round 0, a warm-up, is
    dropped), and the UTF-8 bytes of each corpus."""
    runs: dict[str, dict[str, Callable[[], object]]] = {}
    sizes = {}
    for name in names:
        docs = corpus(name)
        if docs is None:
            print(f"corpus {name}: not available, skipped", file=sys.stderr)
            continue
        sizes[name] = sum(len(d.encode("utf-8")) for d in docs)
        runs[name] = {}
        for impl, make in MAKERS.items():
            try:
                runs[name][impl] = make(docs)
            except pytest.skip.Exception as skipped:
                print(f"{impl}: {skipped.msg}", file=sys.stderr)
    times = {name: {impl: [] for impl in impls} for name, impls in runs.items()}
    for r in range(rounds + 1):
        for name, impls in runs.items():
            order = list(impls)
            k = r % len(order)
            for impl in order[k:] + order[:k]:
                start = time.perf_counter()
                result = impls[impl]()
                elapsed = time.perf_counter() - start
                del result
                if r > 0:
                    times[name][impl].append(elapsed)
    return times, sizes


def per_round(times: dict, a: tuple[str, str], b: tuple[str, str]) -> list[float] | None:
    """Round by round, the time of implementation a[1] on corpus a[0] over that of b."""
    ta, tb = times.get(a[0], {}).get(a[1]), times.get(b[0], {}).get(b[1])
    if not ta or not tb:
        return None
    return [x / y for x, y in zip(ta, tb, strict=True)]


def ratios(times: dict, sizes: dict) -> dict[str, dict[str, Quartiles]]:
    """Per corpus, the quartiles of each per-round ratio of the issue's targets."""
    out: dict[str, dict[str, Quartiles]] = {}
    for name in times:
        pairs = {
            # speed ratio arnorm / arabic-norm = arabic-norm's time / arnorm's
            "call vs peer": per_round(times, (name, PEER_CALL), (name, CALL)),
            "batch vs peer": per_round(times, (name, PEER_BATCH), (name, BATCH)),
            # time ratio
            "call vs floor": per_round(times, (name, CALL), (name, FLOOR)),
            # The same speed ratios for the copy floor: what a call that returns new
            # strings one by one would reach at best.
            "floor vs peer": per_round(times, (name, PEER_CALL), (name, FLOOR)),
            "floor vs peer batch": per_round(times, (name, PEER_BATCH), (name, FLOOR)),
        }
        if name != BASE and BASE in sizes:
            # MB/s here over MB/s on the base corpus = (bytes ratio) / (time ratio)
            scale = sizes[name] / sizes[BASE]
            for key, impl in (("bytes vs base", CALL), ("floor bytes vs base", FLOOR)):
                over_base = per_round(times, (name, impl), (BASE, CALL))
                if over_base is not None:
                    pairs[key] = [scale / x for x in over_base]
        out[name] = {key: quartiles(v) for key, v in pairs.items() if v}
    return out


def medians(times: dict, sizes: dict) -> dict[str, dict[str, float]]:
    """MB/s at the median round of each implementation."""
    return {
        name: {impl: sizes[name] / statistics.median(ts) / 1e6 for impl, ts in t.items()}
        for name, t in times.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", default=list(CORPORA))
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args()
    times, sizes = time_rounds(args.corpora, args.rounds)
    rates = medians(times, sizes)
    for name, got in ratios(times, sizes).items():
        mbs = ", ".join(f"{impl} {rate:,.0f}" for impl, rate in rates[name].items())
        print(f"{name} (MB/s at the median round: {mbs})")
        for key, (median, q1, q3) in got.items():
            print(f"  {key:14s} {median:6.2f}  (quartiles {q1:.2f}..{q3:.2f})")


if __name__ == "__main__":
    main()
