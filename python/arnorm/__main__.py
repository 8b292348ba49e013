"""``python -m arnorm`` / ``arnorm``: normalize the bundled seed article.

With no arguments it prints the seed article normalized by the default preset to
standard output and a one-line summary to standard error. More commands come later.
"""

from __future__ import annotations

import argparse
import sys

from . import PRESETS, Normalizer, __version__, seed_article


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="arnorm",
        description="Normalize the bundled Arabic seed article and print it.",
    )
    parser.add_argument("--version", action="version", version=f"arnorm {__version__}")
    parser.add_argument(
        "--preset",
        default="standard",
        choices=list(PRESETS),
        help="the preset to normalize with (default: standard)",
    )
    args = parser.parse_args(argv)
    text = seed_article()
    normalizer = Normalizer(args.preset)
    out = normalizer.normalize(text)
    sys.stdout.write(out)
    if not out.endswith("\n"):
        sys.stdout.write("\n")
    changed = sum(1 for ch in set(text) if normalizer.normalize(ch) != ch)
    rewritten = sum(1 for ch in text if normalizer.normalize(ch) != ch)
    print(
        f"arnorm {__version__}, preset {args.preset}: {len(text)} characters in, "
        f"{len(out)} out; {rewritten} input characters ({changed} distinct) rewritten or removed",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
