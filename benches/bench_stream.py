"""Throughput and peak memory of ``arnorm normalize`` on a ~1 GB file (not a pytest file).

    python benches/bench_stream.py [--size-mb 1000] [--rss-size-mb 2000] [--jobs N]

Builds the seed article repeated to about ``--size-mb`` MB of UTF-8 in a temporary
directory, then runs ``arnorm normalize`` file to file under ``/usr/bin/time -v`` (Debian
package ``time``): plain text to plain text, gzip in, gzip out (the gzip input is made
first, by arnorm itself). Then the peak RSS on a ``--rss-size-mb`` input, and on the same
text: ``python -c`` with the pure-Python ``arnorm.reference`` over the lines of a 2 MB
slice (its rate scaled to the whole file) and ``arabic_norm.normalize_batch`` over all the
lines (read, normalized, written; skipped when arabic-norm is not installed). Prints MB/s
(input bytes, uncompressed, per second of wall time), user+sys CPU seconds, peak RSS and
the load average before each run: other work on the machine slows the wall time.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_688baa17ac9f05f1.txt"

REFERENCE = """
import sys, time, arnorm.reference as r
lines = open(sys.argv[1], encoding="utf-8").read().split("\\n")
t = time.perf_counter()
out = "\\n".join(r.normalize(x, "standard") for x in lines)
open(sys.argv[2], "w", encoding="utf-8").write(out)
print(time.perf_counter() - t)
"""

ARABIC_NORM = """
import sys, arabic_norm
with open(sys.argv[1], encoding="utf-8") as f:
    lines = f.read().split("\\n")
out = arabic_norm.normalize_batch(lines)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("\\n".join(out))
"""


def timed(command: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, user+sys CPU seconds, peak RSS (kB) and stdout of `command`, from
    /usr/bin/time -v."""
    result = subprocess.run(
        ["/usr/bin/time", "-v", *command], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    err = result.stderr
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", err)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    user = re.search(r"User time \(seconds\): ([\d.]+)", err)
    system = re.search(r"System time \(seconds\): ([\d.]+)", err)
    assert wall and rss and user and system, err
    hours, minutes, seconds = wall.groups()
    seconds_wall = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    cpu = float(user.group(1)) + float(system.group(1))
    return seconds_wall, cpu, int(rss.group(1)), result.stdout


def make_corpus(path: Path, size_mb: int, seed: bytes) -> int:
    copies = size_mb * 1_000_000 // len(seed) + 1
    with open(path, "wb") as f:
        block = seed * 1000
        for _ in range(copies // 1000):
            f.write(block)
        f.write(seed * (copies % 1000))
    return copies


def report(label: str, size: int, wall: float, cpu: float, rss: int) -> None:
    load = os.getloadavg()[0]
    print(
        f"{label:34} {size / 1e6 / wall:8,.1f} MB/s  {wall:7.2f} s wall  {cpu:7.2f} s cpu  "
        f"peak RSS {rss / 1024:6,.1f} MB  (load {load:.1f})",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=int, default=1000)
    parser.add_argument("--rss-size-mb", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--preset", default="standard")
    args = parser.parse_args()
    if not os.path.exists("/usr/bin/time"):
        sys.exit("/usr/bin/time is missing: apt-get install time")
    # This interpreter's arnorm, not whichever `arnorm` comes first on PATH.
    arnorm = [sys.executable, "-m", "arnorm"]
    seed = SEED.read_bytes()
    if not seed.endswith(b"\n"):
        seed += b"\n"
    with tempfile.TemporaryDirectory(prefix="arnorm-bench-") as tmp:
        src = Path(tmp) / "corpus.txt"
        copies = make_corpus(src, args.size_mb, seed)
        size = src.stat().st_size
        print(f"input: {size / 1e6:,.0f} MB of UTF-8 (the seed article x {copies:,})")
        print(f"arnorm normalize --preset {args.preset} --jobs {args.jobs}, /usr/bin/time -v")
        common = ["--preset", args.preset, "--jobs", str(args.jobs), "--no-progress"]
        gz = Path(tmp) / "corpus.txt.gz"
        subprocess.run([*arnorm, "normalize", src, "-o", gz, "--preset", "light"], check=True)
        runs = [
            ("text -> text", src, Path(tmp) / "out.txt"),
            ("gzip -> text", gz, Path(tmp) / "out2.txt"),
            ("text -> gzip", src, Path(tmp) / "out.txt.gz"),
        ]
        for label, inp, out in runs:
            wall, cpu, rss, _ = timed([*arnorm, "normalize", str(inp), "-o", str(out), *common])
            report(label, size, wall, cpu, rss)
            out.unlink()
        gz.unlink()

        # Peers on the same text.
        slice_path = Path(tmp) / "slice.txt"
        slice_path.write_bytes(src.read_bytes()[:2_000_000].rsplit(b"\n", 1)[0] + b"\n")
        slice_size = slice_path.stat().st_size
        _, _, rss, out = timed(
            [sys.executable, "-c", REFERENCE, str(slice_path), str(Path(tmp) / "ref.txt")]
        )
        ref_seconds = float(out.strip())
        scaled = ref_seconds * size / slice_size
        print(
            f"{'python -c + arnorm.reference':34} {slice_size / 1e6 / ref_seconds:8,.2f} MB/s"
            f"  {scaled:7.0f} s for the whole file (scaled from "
            f"{slice_size / 1e6:.1f} MB in {ref_seconds:.2f} s)",
            flush=True,
        )
        try:
            import arabic_norm  # noqa: F401
        except ImportError:
            print("arabic-norm: not installed (pip install arabic-norm), skipped")
        else:
            out_path = Path(tmp) / "peer.txt"
            wall, cpu, rss, _ = timed([sys.executable, "-c", ARABIC_NORM, str(src), str(out_path)])
            report("arabic_norm.normalize_batch", size, wall, cpu, rss)
            out_path.unlink()
        src.unlink()

        big = Path(tmp) / "big.txt"
        copies = make_corpus(big, args.rss_size_mb, seed)
        big_size = big.stat().st_size
        command = [*arnorm, "normalize", str(big), "-o", str(Path(tmp) / "o"), *common]
        wall, cpu, rss, _ = timed(command)
        report(f"text -> text, {big_size / 1e6:,.0f} MB input", big_size, wall, cpu, rss)


if __name__ == "__main__":
    main()
