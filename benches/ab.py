"""A/B timing of two builds of the extension in one process, rounds interleaved.

    pip install --no-build-isolation --target /tmp/ab/old .   # build A (e.g. main)
    pip install --no-build-isolation --target /tmp/ab/new .   # build B (the change)
    python benches/ab.py /tmp/ab/old /tmp/ab/new news [standard] [--scatter] [--batch=N]

On a shared, noisy machine two processes timed one after the other can differ by 50%;
here each round times A then B (then B then A) over the same documents, so a slow spell
hits both, and the per-round ratio B/A is reported (median and quartiles of 41 rounds)
with each build's best round. One call per document, `Normalizer.normalize`; with
`--batch=N`, one `Normalizer.normalize_batch(docs, threads=N)` per round instead.
`--scatter` first copies the documents in shuffled order, so that texts next to each
other in the list are not next to each other in memory.
"""

from __future__ import annotations

import importlib.util
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "seeds"))

import corpora


def load(site: str, tag: str):
    """The `_arnorm` extension of the build installed under `site`, as module `tag._arnorm`."""
    (path,) = Path(site, "arnorm").glob("_arnorm*.so")
    spec = importlib.util.spec_from_file_location(f"{tag}._arnorm", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    site_a, site_b, name = sys.argv[1:4]
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    preset = args[3] if len(args) > 3 else "standard"
    docs = getattr(corpora, name)()
    if "--scatter" in sys.argv:
        # Each document copied to a new string, in shuffled order: neighbours in the
        # list are no longer neighbours in memory (as when texts come from many places).
        order = list(range(len(docs)))
        random.Random(0).shuffle(order)
        copies = {k: (docs[k] + ".")[:-1] for k in order}
        docs = [copies[k] for k in range(len(docs))]
    mb = sum(len(d.encode("utf-8", "surrogatepass")) for d in docs) / 1e6
    na = load(site_a, "build_a").Normalizer(preset)
    nb = load(site_b, "build_b").Normalizer(preset)
    fa, fb = na.normalize, nb.normalize
    assert all(fa(d) == fb(d) for d in docs[:300]), "the builds disagree"
    batch = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--batch=")]
    threads = int(batch[0]) if batch else None

    def once(n) -> float:
        start = time.perf_counter()
        if threads is None:
            f = n.normalize
            for d in docs:
                f(d)
        else:
            n.normalize_batch(docs, threads=threads)
        return time.perf_counter() - start

    ta, tb = [], []
    for r in range(41):
        pair = [(na, ta), (nb, tb)]
        for f, out in pair if r % 2 == 0 else pair[::-1]:
            out.append(once(f))
    ratios = sorted(b / a for a, b in zip(ta, tb, strict=True))
    q1, med, q3 = statistics.quantiles(ratios, n=4)
    what = f" batch threads={threads}" if batch else ""
    print(
        f"{name} {preset}{what} ({mb:.1f} MB):"
        f" A best {min(ta) * 1e3:.2f} ms ({mb / min(ta):.0f} MB/s),"
        f" B best {min(tb) * 1e3:.2f} ms ({mb / min(tb):.0f} MB/s);"
        f" B/A per round: median {med:.3f} (quartiles {q1:.3f}..{q3:.3f})"
    )


if __name__ == "__main__":
    main()
