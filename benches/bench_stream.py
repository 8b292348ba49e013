"""Throughput and peak memory of ``arnorm normalize`` on a ~1 GB file (not a pytest file).

    python benches/bench_stream.py [--size-mb 1000] [--jobs N]

Builds the seed article repeated to about ``--size-mb`` MB of UTF-8 in a temporary
directory, then runs ``arnorm normalize`` file to file under ``/usr/bin/time -v`` (Debian
package ``time``): plain text to plain text, then gzip in and gzip out (the compressed
inputs are made first, by arnorm itself). Prints MB/s (input bytes, uncompressed, per
second of wall time) and the peak RSS of each run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_688baa17ac9f05f1.txt"


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (kB) of `command`, from /usr/bin/time -v."""
    result = subprocess.run(
        ["/usr/bin/time", "-v", *command], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    assert wall and rss, result.stderr
    hours, minutes, seconds = wall.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds), int(rss.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--preset", default="standard")
    args = parser.parse_args()
    if not os.path.exists("/usr/bin/time"):
        sys.exit("/usr/bin/time is missing: apt-get install time")
    arnorm = shutil.which("arnorm") or sys.exit("the arnorm console script is not installed")
    seed = SEED.read_bytes()
    if not seed.endswith(b"\n"):
        seed += b"\n"
    with tempfile.TemporaryDirectory(prefix="arnorm-bench-") as tmp:
        src = Path(tmp) / "corpus.txt"
        copies = args.size_mb * 1_000_000 // len(seed) + 1
        with open(src, "wb") as f:
            block = seed * 1000
            for _ in range(copies // 1000):
                f.write(block)
            f.write(seed * (copies % 1000))
        size = src.stat().st_size
        print(f"input: {size / 1e6:,.0f} MB of UTF-8 (the seed article x {copies:,})")
        print(f"arnorm normalize --preset {args.preset} --jobs {args.jobs}, /usr/bin/time -v")
        common = ["--preset", args.preset, "--jobs", str(args.jobs), "--no-progress"]
        gz = Path(tmp) / "corpus.txt.gz"
        subprocess.run([arnorm, "normalize", src, "-o", gz, "--preset", "light"], check=True)
        runs = [
            ("text -> text", src, Path(tmp) / "out.txt"),
            ("gzip -> text", gz, Path(tmp) / "out2.txt"),
            ("text -> gzip", src, Path(tmp) / "out.txt.gz"),
        ]
        for label, inp, out in runs:
            wall, rss = timed([arnorm, "normalize", str(inp), "-o", str(out), *common])
            print(
                f"{label:14} {size / 1e6 / wall:8,.0f} MB/s  {wall:6.2f} s  "
                f"peak RSS {rss / 1024:6,.1f} MB"
            )
            out.unlink()


if __name__ == "__main__":
    main()
