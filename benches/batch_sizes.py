"""Two threads against one for `normalize_batch`, by batch size: where the pool pays.

    python benches/batch_sizes.py            # cold batches (each round a new slice)
    python benches/batch_sizes.py --hot      # the same batch every round (cache-hot)

A batch smaller than two chunks per thread runs on the calling thread alone
(`MIN_CHUNKS_PER_THREAD` in `src/python/batch.rs`); this is the measurement behind that
threshold. The documents come from the news, classical and Quran corpora
(`seeds/corpora.py`), copied into a pool of ~33 Mi code points, larger than the caches, so
that each cold round reads a slice nothing has touched lately. Rounds alternate one and
two threads; the script prints the median time per code point of each and their ratio.
Under the threshold both run the same code, so the ratio there is 1.00 by construction.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "seeds"))

import corpora

import arnorm

SIZES = (1280, 2560, 5120, 10240)


def main() -> None:
    hot = "--hot" in sys.argv
    pool: list[str] = []
    for name in ("news", "classical", "quran", "news", "classical"):
        # A copy of each document, so that the pool's strings are all distinct objects.
        pool += [(d + ".")[:-1] for d in getattr(corpora, name)()]
    n = arnorm.Normalizer()
    print(f"pool: {sum(map(len, pool)):,} code points; {'hot' if hot else 'cold'} batches")
    for k in SIZES:
        slices = [pool[i : i + k] for i in range(0, len(pool) - k, k)]
        times: dict[int, list[float]] = {1: [], 2: []}
        j = 0
        for r in range(max(6, 60000 // k)):
            for threads in (1, 2) if r % 2 == 0 else (2, 1):
                batch = slices[0] if hot else slices[j % len(slices)]
                j += 1
                start = time.perf_counter()
                n.normalize_batch(batch, threads=threads)
                times[threads].append((time.perf_counter() - start) / sum(map(len, batch)))
        one, two = (statistics.median(times[t]) for t in (1, 2))
        units = sum(map(len, slices[0]))
        print(
            f"{k:6d} documents (~{units / 2**20:.2f} Mi code points): one thread "
            f"{one * 1e9:.2f} ns, two {two * 1e9:.2f} ns per code point; two/one {two / one:.2f}"
        )


if __name__ == "__main__":
    main()
