"""Texts made mostly of code points the vector kernels hand to the per-unit loop.

    python benches/hard_texts.py                      # the kernel this CPU runs
    ARNORM_KERNEL=scalar python benches/hard_texts.py # against the scalar kernel

A vector kernel must not be much slower than the scalar one on these (a regression once
made them 5-13x slower; see DESIGN.md, "Vector kernels"). Prints millions of code points
per second, best of 7 rounds of 200 calls.
"""

from __future__ import annotations

import time

import arnorm
from arnorm._arnorm import _kernel

CASES = {
    "presentation forms (standard)": (
        "standard",
        "".join(chr(c) for c in range(0xFE8D, 0xFEF5)) * 40,
    ),
    "alef + madda + beh (standard)": ("standard", "\u0627\u0653\u0628" * 1000),
    "fullwidth Latin (search)": ("search", "".join(chr(c) for c in range(0xFF21, 0xFF3B)) * 120),
    "Greek capitals (search)": ("search", "".join(chr(c) for c in range(0x391, 0x3A9)) * 100),
    # Units decided inside a block (the kernel stops at the block and is called again
    # with the answers): one or more in every block.
    "waw + hamza above (search)": ("search", "\u0648\u0654\u0628 " * 1000),
    "numbers 1.2,3 (search)": ("search", "1.2,3 " * 1000),
    "emoji ZWJ sequences (standard)": (
        "standard",
        "\U0001f468\u200d\U0001f469\u200d\U0001f467 " * 600,
    ),
}


def main() -> None:
    print(f"kernel {_kernel()}")
    for name, (preset, text) in CASES.items():
        f = arnorm.Normalizer(preset).normalize
        best = float("inf")
        for _ in range(7):
            start = time.perf_counter()
            for _ in range(200):
                f(text)
            best = min(best, time.perf_counter() - start)
        print(f"  {name:32s} {len(text) * 200 / best / 1e6:8.0f} M code points/s")


if __name__ == "__main__":
    main()
