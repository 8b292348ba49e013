"""Differential-test helpers shared by tests/test_compat_*.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from hypothesis import strategies as st

ALL_CODE_POINTS = tuple(chr(c) for c in range(0x110000))

# Code points every compat rule turns on, to be drawn often.
_HOT = "".join(
    chr(c)
    for c in [
        *range(0x0621, 0x0656),
        0x0640,
        0x0670,
        0x0671,
        0x06E5,
        0x06E6,
        0x0649,
        0x0629,
        0xFEF5,
        0xFEF7,
        0xFEF9,
        0xFEFB,
        0xFDFC,
        0xFDFD,
        0x000A,
        0x0020,
        0x00A0,
        0x200C,
        0x200D,
    ]
)

_BLOCKS = [
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
    (0x0300, 0x036F),  # combining marks
    (0x0030, 0x007E),  # digits, Latin, ASCII punctuation
    (0x00A0, 0x00FF),
    (0x2000, 0x206F),  # spaces, quotes, invisible characters
    (0x1F300, 0x1FAFF),  # emoji
    (0xD800, 0xDFFF),  # lone surrogates
]

_char = st.one_of(
    st.sampled_from(_HOT),
    *[st.integers(lo, hi).map(chr) for lo, hi in _BLOCKS],
    st.integers(0, 0x10FFFF).map(chr),
)

#: Strings biased to the Arabic blocks, with marks, tatweel, digits, Latin, emoji and
#: lone surrogates.
arabic_text = st.lists(_char, max_size=40).map("".join)


def contexts(pre: str, post: str, chunk: int = 512) -> list[str]:
    """Every code point between ``pre`` and ``post``, ``chunk`` of them per string."""
    items = [f"{pre}{c}{post} " for c in ALL_CODE_POINTS]
    return ["".join(items[i : i + chunk]) for i in range(0, len(items), chunk)]


def differences(
    ours: Callable[[str], object], theirs: Callable[[str], object], inputs: Iterable[str]
) -> list[tuple[str, object, object]]:
    """The inputs where ``ours`` and ``theirs`` disagree, with both outputs."""
    out = []
    for s in inputs:
        a, b = ours(s), theirs(s)
        if a != b or type(a) is not type(b):
            out.append((s, a, b))
    return out


def assert_same(
    ours: Callable[[str], object], theirs: Callable[[str], object], inputs: Iterable[str]
) -> None:
    diff = differences(ours, theirs, inputs)
    assert not diff, f"{len(diff)} differences, first: {[(ascii(s), a, b) for s, a, b in diff[:5]]}"
