"""Peak extra memory of `Normalizer.normalize_batch`, against the size of its output.

    python benches/batch_memory.py

Issue 5 asks for at most 2x the output size. Each measurement runs in a fresh child
process: it builds the input (the seed article, diacritized variants so that most
strings change), records the peak resident set size (VmHWM), runs one batch, and reports
how far the peak grew, next to the bytes of the output strings (sys.getsizeof).
"""

from __future__ import annotations

import json
import subprocess
import sys

CHILD = r"""
import json, random, sys
import arnorm

def peak_kib():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])

seed = arnorm.seed_article()
rng = random.Random(5)
marks = "\u064e\u064f\u0650\u0652\u0651"
docs = []
for _ in range(int(sys.argv[1])):
    doc = (ch + (rng.choice(marks) if "\u0621" <= ch <= "\u064a" else "") for ch in seed)
    docs.append("".join(doc))
n = arnorm.Normalizer("standard")
n.normalize_batch(docs[:2])  # plan compiled, pools made
before = peak_kib()
out = n.normalize_batch(docs, threads=int(sys.argv[2]))
after = peak_kib()
print(json.dumps({
    "documents": len(docs),
    "input_bytes": sum(sys.getsizeof(d) for d in docs),
    "output_bytes": sum(sys.getsizeof(o) for o in out),
    "peak_growth_bytes": (after - before) * 1024,
}))
"""


def main() -> None:
    print(f"{'docs':>6} {'threads':>7} {'output MB':>10} {'peak growth MB':>15} {'ratio':>6}")
    for docs in (500, 2000):
        for threads in (1, 2):
            res = json.loads(
                subprocess.run(
                    [sys.executable, "-c", CHILD, str(docs), str(threads)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )
            out_mb = res["output_bytes"] / 1e6
            grow_mb = res["peak_growth_bytes"] / 1e6
            print(
                f"{docs:>6} {threads:>7} {out_mb:>10.1f} {grow_mb:>15.1f} {grow_mb / out_mb:>6.2f}"
            )


if __name__ == "__main__":
    main()
