"""arnorm.compat.lucene.analyze against Lucene 8.7's ArabicAnalyzer, side by side.

    python benches/bench_lucene.py [--rounds 15]

Lucene runs in a JVM, not in the Python process, so each side times itself on the same
documents (the generated 4 MB corpus, tests/compat_corpus.py: 500 documents of ~8 KB
UTF-8, one analyzer call per document):

* Lucene: ``java LuceneHarness bench FILE ROUNDS`` (tests/lucene/LuceneHarness.java)
  runs ``ArabicAnalyzer().tokenStream`` over every document and reads every term, ROUNDS
  untimed passes first (the JIT compiles the analyzer), then ROUNDS timed ones; it
  reports the median pass.
* arnorm: ``arnorm.compat.lucene.analyze`` on every document (the ``list[str]`` of terms),
  the median of ROUNDS passes after one untimed pass.

Prints each side's median ms, MB/s of UTF-8 input, the token counts (equal, or the script
fails) and the speedup, and for scale the median time Python itself takes to make as
many new strings in as many lists by slicing, ``[[t[1:] for t in terms] for terms in
results]``. Exits with a message when Java or Debian's liblucene8-java is
missing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from arnorm.compat import lucene  # noqa: E402
from compat_corpus import corpus  # noqa: E402

HARNESS = ROOT / "tests" / "lucene" / "LuceneHarness.java"
JARS = [
    Path("/usr/share/java/lucene-analyzers-common-8.7.0.jar"),
    Path("/usr/share/java/lucene-core-8.7.0.jar"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    if not all(j.exists() for j in JARS) or not shutil.which("javac"):
        sys.exit(
            "skipped: needs a JDK and Debian's liblucene8-java (scripts/test.sh installs both)"
        )

    docs = corpus()
    size = sum(len(d.encode("utf-8")) for d in docs)
    with tempfile.TemporaryDirectory() as tmp:
        cp = ":".join(str(j) for j in JARS)
        subprocess.run(["javac", "-cp", cp, "-d", tmp, str(HARNESS)], check=True)
        data = Path(tmp) / "docs.txt"
        data.write_bytes("\0".join(docs).encode("utf-8"))
        run = subprocess.run(
            ["java", "-cp", f"{cp}:{tmp}", "LuceneHarness", "bench", str(data), str(args.rounds)],
            capture_output=True,
            check=True,
            text=True,
        )
    n_docs, n_bytes, java_tokens, java_ms = run.stdout.split()
    assert int(n_docs) == len(docs) and int(n_bytes) == size + len(docs) - 1

    ours_tokens = sum(len(lucene.analyze(d)) for d in docs)  # also the untimed pass
    times = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for d in docs:
            lucene.analyze(d)
        times.append((time.perf_counter() - t0) * 1000)
    ours_ms = statistics.median(times)
    results = [lucene.analyze(d) for d in docs]
    floor = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        [[t[1:] for t in terms] for terms in results]
        floor.append((time.perf_counter() - t0) * 1000)
    floor_ms = statistics.median(floor)
    assert ours_tokens == int(java_tokens), (ours_tokens, java_tokens)

    mb = size / 1e6
    print(f"corpus: {len(docs)} documents, {mb:.2f} MB UTF-8, {ours_tokens} tokens")
    print(
        f"Lucene ArabicAnalyzer: {float(java_ms):9.2f} ms  {mb / float(java_ms) * 1000:8.1f} MB/s"
    )
    print(f"arnorm lucene.analyze: {ours_ms:9.2f} ms  {mb / ours_ms * 1000:8.1f} MB/s")
    print(f"speedup: {float(java_ms) / ours_ms:.1f}x (median of {args.rounds} rounds each)")
    print(
        f"for scale: Python slicing {ours_tokens} new strings into {len(docs)} lists: "
        f"{floor_ms:.2f} ms (20x Lucene would be {float(java_ms) / 20:.2f} ms)"
    )


if __name__ == "__main__":
    main()
