"""Time one call per document of one corpus, for quick A/B comparisons.

    python benches/per_call.py classical                    # standard preset
    python benches/per_call.py news search                  # another preset
    ARNORM_KERNEL=scalar python benches/per_call.py web     # another vector kernel
    PYTHONPATH=/tmp/build-a python benches/per_call.py web  # another build

Prints the vector kernel in use, the corpus size, and for ``Normalizer.normalize`` (one
call per document), ``normalize_batch`` and the copy floor ``[t[1:] for t in texts]``
the best and median of 21 rounds, in ms and MB/s of UTF-8 input. The full suite with
every peer is ``python benches/report.py``; this is the short loop for one change.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "seeds"))

import corpora

import arnorm
from arnorm._arnorm import _kernel


def rounds(fn, n: int = 21) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "classical"
    preset = sys.argv[2] if len(sys.argv) > 2 else "standard"
    docs = getattr(corpora, name)()
    if docs is None:
        sys.exit(f"corpus {name!r} is not available (see seeds/corpora.py)")
    mb = sum(len(d.encode("utf-8", "surrogatepass")) for d in docs) / 1e6
    n = arnorm.Normalizer(preset)
    f = n.normalize
    print(f"kernel {_kernel()}, corpus {name} ({len(docs):,} documents, {mb:.1f} MB), {preset}")
    for label, fn in [
        ("copy floor", lambda: [d[1:] for d in docs]),
        ("normalize", lambda: [f(d) for d in docs]),
        ("normalize_batch", lambda: n.normalize_batch(docs)),
    ]:
        ts = rounds(fn)
        best, median = min(ts), statistics.median(ts)
        print(
            f"  {label:16s} best {best * 1e3:7.2f} ms ({mb / best:7.1f} MB/s)"
            f"  median {median * 1e3:7.2f} ms ({mb / median:7.1f} MB/s)"
        )


if __name__ == "__main__":
    main()
