"""The ``arnorm`` command line (also ``python -m arnorm``).

Commands: ``normalize``, ``tokenize``, ``count`` and ``variants`` (files or stdin, through
the Rust streaming engine) and ``demo`` (the bundled seed article before and after each
preset, and a speed comparison with the pure-Python reference); ``arnorm`` alone runs the
demo.

Exit status: 0 success, 2 error (one line on stderr, no partial output file), 130
interrupted (Ctrl-C). A closed standard output pipe (``arnorm normalize big.txt | head``)
ends the run quietly with status 0.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from . import PRESETS, Normalizer, __version__, reference, seed_article
from .files import MAX_LINE_BYTES, count_file, normalize_file, tokenize_file, variants_file

EXIT_OK = 0
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130

EXIT_CODES = """\
exit status:
  0    success
  2    error: bad arguments or options, unreadable input, invalid UTF-8 (with
       --errors strict), corrupt or truncated gzip/zstd, invalid JSON, a --field that
       is not a string, a line over --max-line-bytes, an output that cannot be written
       (missing directory, disk full); one line on stderr, the output file unchanged
  130  interrupted (Ctrl-C); the output file unchanged
"""

MAIN_EPILOG = f"""\
examples:
  arnorm                                   the demo (same as: arnorm demo)
  arnorm normalize corpus.txt -o out.txt   normalize a file, preset standard
  zcat a.gz | arnorm normalize --preset search > out.txt
  arnorm tokenize corpus.txt --offsets -o tokens.jsonl
  arnorm count corpus.txt --top 50
  arnorm variants corpus.txt -o variants.tsv

{EXIT_CODES}"""

NORMALIZE_EPILOG = f"""\
examples:
  arnorm normalize corpus.txt -o corpus.norm.txt
  arnorm normalize corpus.txt.gz -o corpus.norm.txt.zst --preset search --jobs 2
  arnorm normalize a.txt b.txt.gz -o all.txt          inputs are read one after another
  cat corpus.txt | arnorm normalize --set digits=ascii --set max_repeat=2 | head
  arnorm normalize docs.jsonl --format jsonl --field text --field title -o out.jsonl
  arnorm normalize scraped.txt --errors replace -o clean.txt

Input compression (gzip, zstd) is detected from the data; output compression is chosen
by the output file's extension (.gz, .zst). A leading UTF-8 BOM is dropped. The output
file is written beside the destination and renamed over it only when the run succeeds.

{EXIT_CODES}"""

TOKENIZE_EPILOG = f"""\
examples:
  arnorm tokenize corpus.txt -o corpus.tok.txt          tokens separated by spaces
  arnorm tokenize corpus.txt --offsets -o tokens.jsonl  with offsets, one JSON per line
  echo 'كَتَبَ، إلى' | arnorm tokenize --offsets
      {{"tokens":["كتب","،","الي"],"offsets":[[0,5],[6,7],[8,11]]}}
  arnorm tokenize docs.jsonl --format jsonl --field text -o tokens.jsonl
  arnorm tokenize corpus.txt.gz --preset none --punctuation drop --split-digits

Offsets are [start, end) of the token in the ORIGINAL input line (before
normalization), counted in code points, without the line terminator: the same numbers
as Python str indices, line[start:end], and as arnorm.tokenize(line, offsets=True).
With --format jsonl, each --field's string is replaced by its token array (with
--offsets, by the object above) and every other byte of the line stays as it was.

{EXIT_CODES}"""

COUNT_EPILOG = f"""\
examples:
  arnorm count corpus.txt -o counts.tsv                 every token<TAB>count
  arnorm count corpus.txt.gz --top 20                   the 20 most frequent
  arnorm count a.txt b.txt --min-count 5 --punctuation drop -o counts.tsv.zst
  arnorm count docs.jsonl --field text --format jsonl   JSONL in, JSONL out

Rows are sorted by count, most frequent first, ties in code point order, and equal
arnorm.word_counts(lines, ...) with the same options exactly. Each worker thread counts
its share and the counts are merged at the end: memory holds the vocabulary, not the
input. --field NAME reads the input as JSON Lines and counts the named string fields.

{EXIT_CODES}"""

VARIANTS_EPILOG = f"""\
examples:
  arnorm variants corpus.txt -o variants.tsv
  arnorm variants corpus.txt --min-count 10 --top 100 --format jsonl
  arnorm variants corpus.txt --key standard --surface none

Surface forms are the tokens of the --surface preset (punctuation dropped); they are
grouped by their --key normalization. The groups are those of arnorm.variants(lines,
key=..., surface=...) exactly, largest total first (ties in code point order of the key),
forms by count. tsv: one row per surface form, key<TAB>total<TAB>form<TAB>count;
jsonl: one object per group, {{"key": ..., "total": ..., "forms": {{form: count, ...}}}}.
--min-count and --top apply to groups.

{EXIT_CODES}"""

DEMO_EPILOG = f"""\
examples:
  arnorm demo
  arnorm demo --lines 5
  python -m arnorm

{EXIT_CODES}"""


class UsageError(Exception):
    """A bad command-line value, reported as one line with exit status 2."""


def _parse_setting(text: str) -> tuple[str, object]:
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise UsageError(f"--set expects option=value, got {text!r}")
    if name == "max_repeat":
        if value.strip().lower() == "none":
            return name, None
        try:
            return name, int(value)
        except ValueError:
            # Let the option validation produce its usual message for this value.
            return name, value
    return name, value


def _add_io_arguments(cmd: argparse.ArgumentParser, output_help: str) -> None:
    """The arguments every streaming command shares: inputs, output, threads, errors."""
    cmd.add_argument("inputs", nargs="*", metavar="INPUT", help="input files; - is stdin")
    cmd.add_argument("-o", "--output", metavar="OUTPUT", help=output_help)
    cmd.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="worker threads (default: $ARNORM_NUM_THREADS, else every CPU)",
    )
    cmd.add_argument(
        "--errors",
        choices=["strict", "replace", "skip"],
        default="strict",
        help="invalid UTF-8: stop with an error (strict, default), write U+FFFD "
        "(replace) or drop the line (skip)",
    )
    cmd.add_argument(
        "--max-line-bytes",
        type=int,
        default=MAX_LINE_BYTES,
        metavar="N",
        help=f"refuse lines longer than N bytes (default: {MAX_LINE_BYTES})",
    )
    cmd.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a progress bar on stderr (default: only when stderr is a terminal)",
    )


def _add_token_arguments(cmd: argparse.ArgumentParser) -> None:
    """The tokenizer's arguments (tokenize and count)."""
    cmd.add_argument(
        "--preset",
        default="standard",
        choices=[*PRESETS, "none"],
        help="normalize with this preset before tokenizing; none: tokenize as is "
        "(default: standard)",
    )
    cmd.add_argument(
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="OPTION=VALUE",
        help="override one option of the preset (repeatable), e.g. --set alef=keep",
    )
    cmd.add_argument(
        "--split-digits",
        action="store_true",
        help="split a run of letters and digits into letters and digits (ab12 -> ab 12)",
    )
    cmd.add_argument(
        "--punctuation",
        choices=["keep", "drop"],
        default="keep",
        help="punctuation and symbols: one token each (keep, default) or dropped",
    )


def _add_table_arguments(cmd: argparse.ArgumentParser, what: str) -> None:
    """count and variants: JSON Lines fields in, the table's rows and format out."""
    cmd.add_argument(
        "--field",
        dest="fields",
        action="append",
        default=[],
        metavar="NAME",
        help="read the input as JSON Lines and count this top-level string field (repeatable)",
    )
    cmd.add_argument(
        "--min-count",
        type=int,
        default=1,
        metavar="N",
        help=f"leave out {what} seen fewer than N times (default: 1)",
    )
    cmd.add_argument("--top", type=int, metavar="N", help=f"write only the first N {what}")
    cmd.add_argument(
        "--format",
        choices=["tsv", "jsonl"],
        default="tsv",
        help="output: tab-separated rows (default) or one JSON object per line",
    )


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="arnorm",
        description="Arabic text normalization by a precisely specified rule set.",
        epilog=MAIN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"arnorm {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    norm = commands.add_parser(
        "normalize",
        help="normalize text or JSON Lines files (or stdin), in parallel",
        description="Normalize every line of the inputs (default: stdin) into OUTPUT "
        "(default: stdout).",
        epilog=NORMALIZE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_io_arguments(norm, "output file; - is stdout")
    norm.add_argument(
        "--preset", default="standard", choices=list(PRESETS), help="(default: standard)"
    )
    norm.add_argument(
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="OPTION=VALUE",
        help="override one option of the preset (repeatable), e.g. --set alef=keep",
    )
    norm.add_argument("--format", choices=["text", "jsonl"], default="text")
    norm.add_argument(
        "--field",
        dest="fields",
        action="append",
        default=[],
        metavar="NAME",
        help="with --format jsonl: a top-level string field to normalize (repeatable; "
        "default: text)",
    )

    tok = commands.add_parser(
        "tokenize",
        help="tokenize text or JSON Lines files (or stdin), optionally with offsets",
        description="Write the tokens of every line of the inputs (default: stdin) to "
        "OUTPUT (default: stdout): one line of space-separated tokens per input line, or "
        "with --offsets one JSON object per line with the tokens and their offsets in the "
        "original line (code point indices, like Python str indices).",
        epilog=TOKENIZE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_io_arguments(tok, "output file; - is stdout")
    _add_token_arguments(tok)
    tok.add_argument(
        "--offsets",
        action="store_true",
        help="write JSON: tokens and [start, end) offsets in the original line, in code "
        "points (Python str indices)",
    )
    tok.add_argument("--format", choices=["text", "jsonl"], default="text")
    tok.add_argument(
        "--field",
        dest="fields",
        action="append",
        default=[],
        metavar="NAME",
        help="with --format jsonl: a top-level string field to tokenize (repeatable; "
        "default: text)",
    )

    count = commands.add_parser(
        "count",
        help="word frequencies (token<TAB>count), most frequent first",
        description="Count the tokens of the inputs (default: stdin) and write "
        "token<TAB>count rows, most frequent first, to OUTPUT (default: stdout).",
        epilog=COUNT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_io_arguments(count, "output file (.gz, .zst: compressed); - is stdout")
    _add_token_arguments(count)
    _add_table_arguments(count, "tokens")

    var = commands.add_parser(
        "variants",
        help="spelling variant groups: key, total, surface forms with counts",
        description="Group the surface forms of the tokens of the inputs (default: stdin) "
        "by the spelling they normalize to, and write the groups, largest total first, to "
        "OUTPUT (default: stdout).",
        epilog=VARIANTS_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_io_arguments(var, "output file (.gz, .zst: compressed); - is stdout")
    var.add_argument(
        "--key",
        default="search",
        choices=list(PRESETS),
        help="the preset whose output groups the forms (default: search)",
    )
    var.add_argument(
        "--surface",
        default="light",
        choices=[*PRESETS, "none"],
        help="the preset the surface forms are normalized with; none: as written (default: light)",
    )
    _add_table_arguments(var, "groups")

    demo = commands.add_parser(
        "demo",
        help="the seed article before/after each preset, and a speed comparison",
        description="Show the bundled seed article before and after each preset, and "
        "measure arnorm against the pure-Python reference implementation.",
        epilog=DEMO_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    demo.add_argument(
        "--lines", type=int, default=2, metavar="N", help="article lines to show (default: 2)"
    )
    return parser


# --- normalize ----------------------------------------------------------------------------


def _size(path: str | None) -> int | None:
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def _human(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    raise AssertionError("unreachable")


class ProgressBar:
    """One status line on stderr: bytes read, MB/s, and percent and ETA when the total
    input size is known (regular files only)."""

    WIDTH = 24

    def __init__(self, total: int | None) -> None:
        self.total = total
        self.start = time.monotonic()
        self.shown = False

    def __call__(self, done: int, _written: int, _lines: int) -> None:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = done / elapsed
        parts = [_human(done), f"{rate / 1e6:.1f} MB/s"]
        if self.total:
            frac = min(done / self.total, 1.0)
            filled = int(frac * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            eta = (self.total - done) / rate if rate > 0 else 0.0
            parts = [
                f"[{bar}] {frac * 100:5.1f}%",
                f"{_human(done)} / {_human(self.total)}",
                parts[1],
                f"ETA {int(eta) // 60}:{int(eta) % 60:02d}",
            ]
        sys.stderr.write("\r" + "  ".join(parts) + "\033[K")
        sys.stderr.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _check_io(args: argparse.Namespace) -> None:
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs must be >= 1, got {args.jobs}")
    if args.max_line_bytes < 1:
        raise UsageError(f"--max-line-bytes must be >= 1, got {args.max_line_bytes}")


def _run_stream(args: argparse.Namespace, job: Callable[..., dict[str, int]], **kw: Any) -> int:
    """Run one of the streaming jobs of ``arnorm.files`` with the common arguments, a
    progress bar when asked for, and the invalid-UTF-8 report on stderr."""
    _check_io(args)
    inputs: list[str | None] = [None if p == "-" else p for p in args.inputs] or [None]
    output = None if args.output in (None, "-") else args.output
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    bar = None
    if show:
        sizes = [_size(p) for p in inputs]
        total = None if any(s is None for s in sizes) else sum(s or 0 for s in sizes)
        bar = ProgressBar(total)
    if output is None:
        sys.stdout.flush()
    try:
        summary = job(
            inputs,
            output,
            errors=args.errors,
            jobs=args.jobs,
            max_line_bytes=args.max_line_bytes,
            progress=bar,
            **kw,
        )
    finally:
        if bar is not None:
            bar.finish()
    if args.errors == "replace":
        print(
            f"arnorm: {summary['replaced']} invalid UTF-8 sequences replaced by U+FFFD",
            file=sys.stderr,
        )
    elif args.errors == "skip":
        print(f"arnorm: {summary['skipped']} lines of invalid UTF-8 skipped", file=sys.stderr)
    return EXIT_OK


def _normalize(args: argparse.Namespace) -> int:
    options = dict(_parse_setting(s) for s in args.settings)
    try:
        Normalizer(args.preset, **options)  # type: ignore[arg-type]
    except (TypeError, ValueError) as err:
        raise UsageError(str(err)) from None
    _check_io(args)
    if args.fields and args.format != "jsonl":
        raise UsageError("--field is only used with --format jsonl")
    fields = args.fields or (["text"] if args.format == "jsonl" else [])
    return _run_stream(
        args, normalize_file, preset=args.preset, format=args.format, fields=fields, **options
    )


def _token_options(args: argparse.Namespace) -> tuple[str | None, dict[str, object]]:
    """The preset (``None`` for none) and the checked ``--set`` options."""
    options = dict(_parse_setting(s) for s in args.settings)
    preset = None if args.preset == "none" else args.preset
    if preset is None:
        if options:
            raise UsageError("--set needs a preset, not --preset none")
        return None, options
    try:
        Normalizer(preset, **options)  # type: ignore[arg-type]
    except (TypeError, ValueError) as err:
        raise UsageError(str(err)) from None
    return preset, options


def _check_table(args: argparse.Namespace) -> None:
    if args.min_count < 1:
        raise UsageError(f"--min-count must be >= 1, got {args.min_count}")
    if args.top is not None and args.top < 0:
        raise UsageError(f"--top must be >= 0, got {args.top}")


def _tokenize(args: argparse.Namespace) -> int:
    preset, options = _token_options(args)
    if args.fields and args.format != "jsonl":
        raise UsageError("--field is only used with --format jsonl")
    fields = args.fields or (["text"] if args.format == "jsonl" else [])
    return _run_stream(
        args,
        tokenize_file,
        preset=preset,
        split_digits=args.split_digits,
        punctuation=args.punctuation,
        offsets=args.offsets,
        fields=fields,
        **options,
    )


def _count(args: argparse.Namespace) -> int:
    preset, options = _token_options(args)
    _check_table(args)
    return _run_stream(
        args,
        count_file,
        preset=preset,
        split_digits=args.split_digits,
        punctuation=args.punctuation,
        fields=args.fields,
        min_count=args.min_count,
        top=args.top,
        format=args.format,
        **options,
    )


def _variants(args: argparse.Namespace) -> int:
    _check_table(args)
    return _run_stream(
        args,
        variants_file,
        key=args.key,
        surface=None if args.surface == "none" else args.surface,
        fields=args.fields,
        min_count=args.min_count,
        top=args.top,
        format=args.format,
    )


# --- demo ---------------------------------------------------------------------------------


def _rate(fn, text: str, budget: float) -> float:
    """MB/s of ``fn(text)`` (UTF-8 bytes of ``text`` per second), over at least
    ``budget`` seconds and at least one call."""
    size = len(text.encode("utf-8"))
    calls, start = 0, time.perf_counter()
    while True:
        fn(text)
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= budget:
            return size * calls / elapsed / 1e6


def _demo(args: argparse.Namespace) -> int:
    if args.lines < 1:
        raise UsageError(f"--lines must be >= 1, got {args.lines}")
    text = seed_article()
    lines = [line for line in text.split("\n") if line.strip()][: args.lines]
    excerpt = "\n".join(lines)
    out = sys.stdout
    out.write(
        f"arnorm {__version__}: the bundled seed article ({len(text):,} characters, "
        f"{len(text.encode('utf-8')):,} bytes of UTF-8), first {len(lines)} line(s)\n\n"
    )
    out.write(f"--- original\n{excerpt}\n")
    for preset in PRESETS:
        normalizer = Normalizer(preset)
        whole = normalizer(text)
        out.write(
            f"\n--- {preset}: {len(text):,} characters in, {len(whole):,} out "
            f"(whole article)\n{normalizer(excerpt)}\n"
        )
    standard = Normalizer("standard")
    corpus = text * 64  # ~0.5 MB: long enough to time the Rust core
    fast = _rate(standard, corpus, 0.2)
    slow = _rate(lambda t: reference.normalize(t, "standard"), text, 0.2)
    out.write(
        f"\nspeed, preset standard, one thread: arnorm {fast:,.1f} MB/s, "
        f"pure-Python arnorm.reference {slow:,.2f} MB/s ({fast / slow:,.0f}x)\n"
        "next: arnorm normalize --help\n"
    )
    return EXIT_OK


# --- entry point --------------------------------------------------------------------------


def _quiet_broken_pipe() -> int:
    # Python would report the failed flush of stdout at exit; point it at /dev/null.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "normalize":
            return _normalize(args)
        if args.command == "tokenize":
            return _tokenize(args)
        if args.command == "count":
            return _count(args)
        if args.command == "variants":
            return _variants(args)
        if args.command in (None, "demo"):
            if args.command is None:
                args.lines = 2
            return _demo(args)
        raise AssertionError(args.command)
    except KeyboardInterrupt:
        print("arnorm: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except (UsageError, OSError, ValueError, TypeError) as err:
        message = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        print(f"arnorm: error: {message}", file=sys.stderr)
        return EXIT_ERROR
