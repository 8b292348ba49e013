"""Write benches/RESULTS.md and benches/results.png from the issue-5 suite.

    python benches/report.py                          # run the suite, then write the report
    python benches/report.py --json benches/results.json   # from a finished run's JSON

The suite is ``benches/test_bench_peers.py`` (pytest-benchmark); running it takes a few
minutes. The report adds the peak extra memory of ``normalize_batch`` (measured here, in a
child process, from ``VmHWM``), times which context rules send arnorm off its fast path,
and marks each target of issue 5 met or not met. When ``target/criterion/`` holds a run of
``cargo bench --bench kernels``, its GB/s are tabled too. Needs matplotlib for the chart
(``pip install matplotlib``); without it only RESULTS.md is written.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SUITE = "benches/test_bench_peers.py"
PAIRED_ROUNDS = 21

FLOOR = "copy floor [t[1:] for t in texts]"
CALL = "arnorm.normalize"
BATCH = "arnorm normalize_batch threads=None"
REFERENCE = "arnorm.reference (pure Python)"
PEER_CALL = "arabic-norm normalize"
PEER_BATCH = "arabic-norm normalize_batch"
CHARTED = [
    FLOOR,
    CALL,
    BATCH,
    "str.translate",
    "PyArabic",
    "CAMeL Tools",
    PEER_CALL,
    PEER_BATCH,
    "arabic-normalize normalize",
    REFERENCE,
]
PRESET_ROWS = [
    "arnorm preset light",
    "arnorm preset search",
    "arnorm standard max_repeat=2",
    "arnorm standard whitespace=collapse",
]

MEMORY_CHILD = textwrap.dedent(
    """
    import gc, sys
    sys.path.insert(0, {seeds!r})
    import arnorm, corpora

    def status(key):
        for line in open("/proc/self/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024

    docs = list(corpora.CORPORA[{name!r}]())
    normalizer = arnorm.Normalizer("standard")
    normalizer.normalize_batch(docs[:100])  # pools and plan exist before the measurement
    gc.collect()
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # reset VmHWM to the current RSS
    before = status("VmRSS")
    out = normalizer.normalize_batch(docs)
    peak = status("VmHWM")
    new = [o for o, d in zip(out, docs) if o is not d]
    size = sum(sys.getsizeof(o) for o in new)
    print(peak - before, size)
    """
)


def machine(commit_info: dict | None = None) -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import arnorm

    if commit_info and commit_info.get("id"):  # recorded by pytest-benchmark at run time
        commit = commit_info["id"][:7] + (" with local changes" if commit_info.get("dirty") else "")
    else:
        commit = "unknown"
    from arnorm._arnorm import _kernel

    return (
        f"{model}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, arnorm {arnorm.__version__} (release build "
        f"from commit {commit}; vector kernel `{_kernel()}`, see `src/normalize/simd.rs`)"
    )


def run_suite(json_path: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "pytest",
        SUITE,
        "--benchmark-only",
        f"--benchmark-json={json_path}",
        "-q",
        "-p",
        "no:cacheprovider",
    ]
    print("running:", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)


def peak_memory(name: str) -> tuple[int, int] | None:
    """(peak extra bytes, bytes of the new output strings) of one normalize_batch call."""
    if not Path("/proc/self/clear_refs").exists():
        return None
    code = MEMORY_CHILD.format(seeds=str(ROOT / "seeds"), name=name)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        print(result.stderr, file=sys.stderr)
        return None
    extra, size = result.stdout.split()
    return int(extra), int(size)


# Code points of context rules that stop the vector kernel: it returns at a block holding
# one, the plan decides it from its neighbours, and the block is run again. Each corpus is
# timed as it is and with them deleted (str.translate, before timing).
FAST_PATH_PROBES = [
    ("web", "U+200D ZWJ (emoji ZWJ sequences)", "\u200d"),
    ("quran", "U+0653..U+0655 (madda, hamza above/below)", "\u0653\u0654\u0655"),
    # A control: the generated classical text has none of them, so its ratio is noise.
    ("classical", "U+0653..U+0655 (none: a control)", "\u0653\u0654\u0655"),
]


def fast_path_probes(rounds: int = 11) -> list[str]:
    """MB/s of arnorm.normalize (standard, one call per document) on a corpus as it is and
    without the code points of FAST_PATH_PROBES, the two timed in alternation (as in
    benches/paired.py); the median round of each, and the median per-round ratio."""
    import statistics
    import time

    sys.path.insert(0, str(ROOT / "seeds"))
    import corpora

    import arnorm

    normalize = arnorm.Normalizer("standard").normalize

    def once(docs: list[str]) -> float:
        start = time.perf_counter()
        for d in docs:
            normalize(d)
        return time.perf_counter() - start

    out = [
        "| corpus | deleted before timing | documents containing them | MB/s as is "
        "| MB/s without them | × (per round) |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, label, chars in FAST_PATH_PROBES:
        docs = corpora.CORPORA[name]()
        if docs is None:
            continue
        table = dict.fromkeys(map(ord, chars))
        hit = sum(any(c in d for c in chars) for d in docs)
        # Both sides are fresh copies made the same way, so memory layout does not differ.
        as_is = [d.translate({0: None}) for d in docs]  # the corpora hold no U+0000
        stripped = [d.translate(table) for d in docs]
        sizes = [sum(len(d.encode("utf-8")) for d in side) for side in (as_is, stripped)]
        a_times, b_times = [], []
        for r in range(rounds + 1):  # round 0 only warms up
            if r % 2:
                ta, tb = once(as_is), once(stripped)
            else:
                tb, ta = once(stripped), once(as_is)
            if r > 0:
                a_times.append(ta)
                b_times.append(tb)
        a = sizes[0] / statistics.median(a_times) / 1e6
        b = sizes[1] / statistics.median(b_times) / 1e6
        gain = statistics.median(
            (sizes[1] / tb) / (sizes[0] / ta) for ta, tb in zip(a_times, b_times, strict=True)
        )
        out.append(
            f"| {name} | {label} | {hit:,} of {len(docs):,} | {a:,.1f} | {b:,.1f} | {gain:.2f} |"
        )
    return out


def criterion_table(root: Path = ROOT / "target" / "criterion") -> list[str]:
    """GB/s (UTF-8 input bytes / median time) of the last `cargo bench --bench kernels`,
    read from criterion's files; empty when it has not run."""
    rows: dict[tuple[str, str], dict[str, float]] = {}
    options: list[str] = []
    for estimates in sorted(root.glob("*/*/*/new/estimates.json")):
        bench = json.loads((estimates.parent / "benchmark.json").read_text())
        size = (bench.get("throughput") or {}).get("Bytes")
        if not size:
            continue
        group, entry, option = bench["group_id"], bench["function_id"], bench["value_str"]
        median_ns = json.loads(estimates.read_text())["median"]["point_estimate"]
        rows.setdefault((group, entry), {})[option] = size / median_ns  # bytes/ns = GB/s
        if option not in options:
            options.append(option)
    if not rows:
        return []
    order = ["light", "standard", "search"]
    options.sort(key=lambda o: (order.index(o) if o in order else len(order), o))
    out = [
        "| corpus/width | entry | " + " | ".join(options) + " |",
        "|---|---|" + "---:|" * len(options),
    ]
    for (group, entry), values in sorted(rows.items()):
        cells = [f"{values[o]:.2f}" if o in values else "–" for o in options]
        out.append(f"| {group} | {entry} | " + " | ".join(cells) + " |")
    return out


def load(json_path: Path) -> tuple[dict[str, dict[str, dict]], dict]:
    data = json.loads(json_path.read_text())
    table: dict[str, dict[str, dict]] = {}
    for bench in data["benchmarks"]:
        info = bench["extra_info"]
        size = info["input bytes"]
        row = {
            "median": size / bench["stats"]["median"] / 1e6,
            "best": size / bench["stats"]["min"] / 1e6,
            "rounds": bench["stats"]["rounds"],
            "agreement": info.get("agreement"),
            "differs": info.get("differs"),
            "stride": info.get("stride", 1),
            "bytes": size,
            "documents": info["documents"],
        }
        table.setdefault(info["corpus"], {})[info["implementation"]] = row
    return table, data


def ratio(a: dict | None, b: dict | None) -> float | None:
    if a is None or b is None:
        return None
    return a["median"] / b["median"]


def fmt(x: float | None, digits: int = 1, suffix: str = "×") -> str:
    return "–" if x is None else f"{x:,.{digits}f}{suffix}"


def verdict(value: float | None, goal: float, at_least: bool = True) -> str:
    if value is None:
        return "not measured"
    met = value >= goal if at_least else value <= goal
    return "**met**" if met else "**not met**"


def corpus_table(rows: dict[str, dict]) -> list[str]:
    floor, ref, peer = rows.get(FLOOR), rows.get(REFERENCE), rows.get(PEER_CALL)
    out = [
        "| implementation | MB/s median | MB/s best | × arabic-norm | × reference "
        "| time ÷ copy floor | same output as arnorm |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in sorted(rows.items(), key=lambda kv: -kv[1]["median"]):
        time_vs_floor = None if floor is None else floor["median"] / row["median"]
        agreement = row["agreement"]
        part = f" (1/{row['stride']} of the documents)" if row["stride"] > 1 else ""
        out.append(
            f"| {name}{part}"
            f" | {row['median']:,.1f} | {row['best']:,.1f} | {fmt(ratio(row, peer), 2)} "
            f"| {fmt(ratio(row, ref), 1)} | {fmt(time_vs_floor, 2)} "
            f"| {'–' if agreement is None else f'{100 * agreement:.0f}%'} |"
        )
    return out


def paired_cell(q: tuple[float, float, float] | None) -> str:
    if q is None:
        return "–"
    median, q1, q3 = q
    return f"{median:,.2f}× ({q1:,.2f}–{q3:,.2f})"


def targets(
    table: dict[str, dict[str, dict]],
    memory: dict[str, tuple[int, int] | None],
    pairs: dict[str, dict[str, tuple[float, float, float]]],
):
    """The targets table. The ratios come from `pairs` (benches/paired.py: both sides
    timed in each round, median and quartiles of the per-round ratios); the ratio to the
    pure-Python reference, whose rounds take seconds, from the suite's medians."""
    out = [
        "| corpus | target | measured: median (quartiles) | | the copy floor's own |",
        "|---|---|---|---|---|",
    ]

    def row(name: str, label: str, q, goal: float, at_least: bool = True, floor=None) -> None:
        value = None if q is None else q[0]
        out.append(
            f"| {name} | {label} | {paired_cell(q)} | {verdict(value, goal, at_least)} "
            f"| {paired_cell(floor) if floor else ''} |"
        )

    for name, rows in table.items():
        got = pairs.get(name, {})
        row(
            name,
            "`normalize` ≥ 5× arabic-norm `normalize`",
            got.get("call vs peer"),
            5.0,
            floor=got.get("floor vs peer"),
        )
        reference = ratio(rows.get(CALL), rows.get(REFERENCE))
        out.append(
            f"| {name} | `normalize` ≥ 40× the pure-Python reference (suite medians) "
            f"| {fmt(reference, 2)} | {verdict(reference, 40)} | |"
        )
        row(
            name,
            "`normalize` time ≤ 1.5× `[t[1:] for t in texts]`",
            got.get("call vs floor"),
            1.5,
            at_least=False,
        )
        row(
            name,
            "`normalize_batch` (2 threads) ≥ 3× arabic-norm `normalize_batch`",
            got.get("batch vs peer"),
            3.0,
            floor=got.get("floor vs peer batch"),
        )
        mem = memory.get(name)
        if mem is not None:
            extra, size = mem
            m = extra / size if size else None
            out.append(
                f"| {name} | peak extra memory of `normalize_batch` ≤ 2× output size "
                f"| {extra / 1e6:.1f} MB for {size / 1e6:.1f} MB of new strings: {fmt(m, 2)} "
                f"| {verdict(m, 2.0, at_least=False)} | |"
            )
    for name in ("news", "latin", "web"):
        got = pairs.get(name, {})
        row(
            f"{name} vs classical",
            "`normalize` MB/s no lower than on diacritized text",
            got.get("bytes vs base"),
            1.0,
            floor=got.get("floor bytes vs base"),
        )
    return out


def presets_table(names: list[str], rounds: int = 11) -> list[str]:
    """MB/s of each option set of PRESET_ROWS and of `standard` on already normalized
    input, one call per document, against `standard`, timed in paired rounds as in
    benches/paired.py: every round times every option set once, in an order rotated from
    round to round. Each cell: MB/s at the median round, and the median per-round ratio
    of MB/s to `standard`'s."""
    import statistics
    import time

    sys.path.insert(0, str(HERE))
    import test_bench_peers as peers

    import arnorm
    from conftest import corpus

    std = "arnorm Normalizer.normalize"
    rows = [std, *PRESET_ROWS, peers.IDENTITY]
    cells: dict[str, list[str]] = {row: [] for row in rows}
    for name in names:
        docs = corpus(name)
        if docs is None:
            for row in rows:
                cells[row].append("–")
            continue
        normalized = [arnorm.Normalizer("standard").normalize(d) for d in docs]
        inputs = {row: normalized if row == peers.IDENTITY else docs for row in rows}
        runs = {row: peers.IMPLEMENTATIONS[row][0](inputs[row]) for row in rows}
        size = {row: sum(len(d.encode("utf-8")) for d in inputs[row]) for row in rows}
        times: dict[str, list[float]] = {row: [] for row in rows}
        for r in range(rounds + 1):  # round 0 only warms up
            k = r % len(rows)
            for row in rows[k:] + rows[:k]:
                start = time.perf_counter()
                runs[row]()
                if r > 0:
                    times[row].append(time.perf_counter() - start)
        for row in rows:
            mbs = size[row] / statistics.median(times[row]) / 1e6
            per_round = statistics.median(
                (size[row] / t) / (size[std] / ts)
                for t, ts in zip(times[row], times[std], strict=True)
            )
            cells[row].append(f"{mbs:,.1f} ({per_round:.2f}×)")
    out = [
        "| option set | " + " | ".join(f"{n} MB/s (× standard)" for n in names) + " |",
        "|---|" + "---:|" * len(names),
    ]
    for row in rows:
        label = row.replace("arnorm ", "").replace("Normalizer.normalize", "standard")
        out.append(f"| {label} | " + " | ".join(cells[row]) + " |")
    return out


def chart(table: dict[str, dict[str, dict]], png: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib not installed: no chart", file=sys.stderr)
        return False
    corpora = list(table)
    fig, axes = plt.subplots(len(corpora), 1, figsize=(9, 2.3 * len(corpora) + 0.6), sharex=True)
    if len(corpora) == 1:
        axes = [axes]
    for ax, name in zip(axes, corpora, strict=True):
        rows = table[name]
        names = [n for n in CHARTED if n in rows]
        values = [rows[n]["median"] for n in names]
        colors = [
            "#1f77b4" if n.startswith("arnorm") and "reference" not in n else "#999999"
            for n in names
        ]
        colors = ["#2ca02c" if n == FLOOR else c for n, c in zip(names, colors, strict=True)]
        bars = ax.barh(range(len(names)), values, color=colors)
        ax.set_yticks(range(len(names)), [n.replace(" (pure Python)", "") for n in names])
        ax.invert_yaxis()
        ax.set_xscale("log")
        ax.set_title(f"corpus: {name}", loc="left", fontsize=10)
        ax.tick_params(axis="y", labelsize=8)
        for bar, v in zip(bars, values, strict=True):
            label = f"{v:,.0f}" if v >= 10 else f"{v:.2g}"
            ax.text(v * 1.05, bar.get_y() + bar.get_height() / 2, label, va="center")
    every = [r["median"] for rows in table.values() for n, r in rows.items() if n in CHARTED]
    axes[-1].set_xlim(min(every) / 2, max(every) * 4)  # shared by every panel
    axes[-1].set_xlabel("MB/s of UTF-8 input, median round (log scale; higher is faster)")
    fig.suptitle("Arabic normalization, standard preset, one call per document", fontsize=11)
    fig.tight_layout()
    fig.savefig(png, dpi=110)
    return True


def noise(table: dict[str, dict[str, dict]]) -> str:
    """How far apart two benches of the same kernel landed in this run."""
    spreads = []
    for rows in table.values():
        a, b = rows.get(CALL), rows.get("arnorm Normalizer.normalize")
        if a and b:
            spreads.append(max(a["median"], b["median"]) / min(a["median"], b["median"]) - 1)
    if not spreads:
        return ""
    return (
        "- Noise: this is a shared 2-core virtual machine. `arnorm.normalize` and "
        "`Normalizer.normalize` run the same kernel (the module function also looks up its "
        f"cached normalizer); their medians differ by up to {100 * max(spreads):.0f}% in this "
        "run, so read differences smaller than that as noise. `scripts/callgrind.sh` counts "
        "instructions instead, for A/B comparisons of kernel changes."
    )


def write(json_path: Path, out: Path, png: Path, command: str) -> None:
    table, data = load(json_path)
    memory = {name: peak_memory(name) for name in ("classical", "news")}
    import paired  # benches/paired.py, next to this file

    print(f"timing paired rounds (benches/paired.py, {PAIRED_ROUNDS} rounds)", flush=True)
    times, sizes = paired.time_rounds(list(table), PAIRED_ROUNDS)
    pairs = paired.ratios(times, sizes)
    when = data.get("datetime", datetime.datetime.now(datetime.timezone.utc).isoformat())
    lines = [
        "# Benchmark results (issue 5)",
        "",
        "Measured on one machine, in one run: these are measurements, not guarantees. "
        "Generated by `benches/report.py`; do not edit by hand.",
        "",
        f"- machine: {machine(data.get('commit_info'))}",
        f"- date: {when[:19].replace('T', ' ')} UTC",
        f"- command: `{command}`",
        "- MB/s = UTF-8 bytes of the input / seconds of one round (every document once); "
        "*median* and *best* (fastest round) over the rounds pytest-benchmark ran.",
        "- arnorm runs the `standard` preset; each peer is configured as close to it as its "
        "options allow (differences below). *same output* = share of the first 300 "
        "documents whose output equals arnorm's `standard` output.",
        "- Corpora: `seeds/corpora.py`, described in `seeds/README.md`.",
        noise(table),
        "",
    ]
    if chart(table, png):
        lines += [f"![MB/s per implementation and corpus]({png.name})", ""]
    lines += [
        "## Issue 5 targets",
        "",
        "Each ratio is measured in paired rounds (`benches/paired.py`, "
        f"{PAIRED_ROUNDS} rounds): every round times both sides once, in an order rotated "
        "from round to round, and the ratio is taken within the round; *median "
        "(quartiles)* of the per-round ratios. The MB/s tables further down are "
        "pytest-benchmark's, which times one implementation after another, so their "
        "ratios mix different moments of this machine. *The copy floor's own*: the same "
        "ratio with `[t[1:] for t in texts]` in arnorm's place, timed in the same rounds "
        "(for the per-byte rows, the floor's MB/s on that corpus over arnorm's on "
        "classical text): a call that returns each text as a new string cannot do much "
        "better, so a target above it cannot be met by one call per document. For "
        "`normalize_batch` it is a reference point, not a bound: its calling thread makes "
        "the strings (without the floor's scan for the widest character) while the "
        "worker threads normalize.",
        "",
        *targets(table, memory, pairs),
        "",
    ]
    lines += [
        "## Every preset and context option (arnorm, one call per document)",
        "",
        "Timed by `benches/report.py` itself in 11 paired rounds (every round times every "
        "option set once, in rotated order): MB/s at the median round, and in brackets the "
        "median per-round ratio to `standard`'s MB/s. *identity*: `standard` on the "
        "corpus already normalized by `standard`, where every text comes back as itself.",
        "",
        *presets_table(list(table)),
        "",
    ]
    lines += [
        "## What sends arnorm off its fast path",
        "",
        "`arnorm.normalize` (`standard`, one call per document, 11 rounds of each side in "
        "alternation, timed by `benches/report.py` itself) on a corpus as it is, and with "
        "the code points of a context rule deleted beforehand. The vector kernel stops at a "
        "block holding one of them, the rule is decided from the neighbours, and the block "
        "is run again.",
        "",
        *fast_path_probes(),
        "",
    ]
    kernels = criterion_table()
    if kernels:
        lines += [
            "## The Rust kernel alone (criterion)",
            "",
            "GB/s of UTF-8 input (median of 20 samples of 1.5 s), from the last "
            "`python seeds/corpora.py --write target/bench-corpora --no-stats && "
            "cargo bench --bench kernels` "
            "(`benches/kernels.rs`: the first ~2 MB of each corpus, split by the narrowest "
            "code unit of each document; `all-as-u32`: every document widened). `units` is "
            "`normalize_units` (output u32), `into` is `normalize_into` at the input's width, "
            "as the binding calls it. No Python objects are created.",
            "",
            *kernels,
            "",
        ]
    for name, rows in table.items():
        any_row = next(iter(rows.values()))
        floor = rows.get(FLOOR, any_row)
        lines += [
            f"## Corpus `{name}`",
            "",
            f"{floor['documents']:,} documents, {floor['bytes'] / 1e6:.2f} MB UTF-8.",
            "",
            *corpus_table(rows),
            "",
        ]
    notes = {}
    for rows in table.values():
        for impl, row in rows.items():
            if row["differs"]:
                notes[impl] = row["differs"]
    lines += ["## How each peer differs from `standard`", ""]
    lines += [f"- **{impl}**: {text}" for impl, text in sorted(notes.items())]
    lines += [
        "- **arabic-norm normalize_batch**, **arabic-normalize normalize_many**: the same "
        "rules as their per-call functions.",
        "",
    ]
    out.write_text("\n".join(lines))
    print(f"wrote {out}" + (f" and {png}" if png.exists() else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="a finished run's --benchmark-json file")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--png", type=Path, default=HERE / "results.png")
    args = parser.parse_args()
    command = (
        f"pytest {SUITE} --benchmark-only --benchmark-json=benches/results.json && "
        "python benches/report.py --json benches/results.json"
    )
    json_path = args.json
    if json_path is None:
        json_path = HERE / "results.json"
        run_suite(json_path)
        command = "python benches/report.py"
    write(json_path, args.out, args.png, command)


if __name__ == "__main__":
    main()
