"""Hypothesis strategies for texts that exercise every rule, and for option sets."""

from __future__ import annotations

from hypothesis import strategies as st

from arnorm import reference

# Code points chosen to hit each rule and the boundaries between rules.
_SPECIAL = [
    0x0627,
    0x0648,
    0x064A,
    0x06D5,
    0x06C1,
    0x06D2,  # bases of Arabic compositions
    0x0653,
    0x0654,
    0x0655,  # the marks they compose with
    0x064B,
    0x064E,
    0x0650,
    0x0651,
    0x0652,
    0x0670,  # harakat, shadda, sukun, dagger alef
    0x0640,
    0x200C,
    0x200D,
    0x200B,
    0x200F,
    0x061C,
    0xFEFF,
    0x00AD,  # tatweel, invisibles
    0x06CC,
    0x0649,
    0x0629,
    0x06C3,
    0x06A9,
    0x0643,
    0x0623,
    0x0671,
    0x0675,
    0x0678,
    0x002E,
    0x002C,
    0x066B,
    0x066C,
    0x060C,
    0x061F,
    0x06D4,
    0x066A,
    0xFF0E,
    0x2488,
    0x2026,
    0x2025,
    0x2474,
    0xFE8E,
    0x0020,
    0x0009,
    0x000A,
    0x000D,
    0x00A0,
    0x2028,
    0x3000,
    0x0085,
    0x0130,
    0x03A3,
    0x1E9E,
    0x212A,
    0x2126,
    0x00C5,
    0x0041,
    0x0065,
    0x0301,
    0x0316,
    0x0345,
    0x0F73,
    0x1100,
    0x1161,
    0x11A8,
    0xAC00,
    0xFDFA,
    0xFDFC,
    0xFDFD,
    0xFEFB,
    0xFEF7,
    0xFE70,
    0xFBFC,
    0xFB01,
    0x2460,
    0x1F600,
    0x1F3FD,
    0x1D400,
    0xD800,
    0xDFFF,
    0x0000,
]

_ranges = st.one_of(
    st.integers(0x0600, 0x06FF),
    st.integers(0x0750, 0x077F),
    st.integers(0x08A0, 0x08FF),
    st.integers(0xFB50, 0xFDFF),
    st.integers(0xFE70, 0xFEFF),
    st.integers(0x0030, 0x0039),
    st.integers(0x06F0, 0x06F9),
    st.integers(0x0020, 0x007E),
    st.integers(0x0300, 0x036F),
    st.integers(0x2000, 0x206F),
    st.integers(0x0000, 0x10FFFF),
)

code_points = st.one_of(st.sampled_from(_SPECIAL), _ranges)

#: Strings over the code points above, lone surrogates included.
texts = st.lists(code_points, max_size=40).map(lambda cps: "".join(map(chr, cps)))

_OPTION_VALUES = {name: values for _step, name, values, _ in reference.T.OPTIONS}


@st.composite
def option_sets(draw) -> tuple[str, dict[str, object]]:
    """A preset and a random set of overrides (every option can be drawn)."""
    preset = draw(st.sampled_from(reference.T.PRESET_NAMES))
    overrides: dict[str, object] = {}
    for name, values in _OPTION_VALUES.items():
        if not draw(st.booleans()):
            continue
        if name == "max_repeat":
            overrides[name] = draw(st.one_of(st.none(), st.integers(1, 3)))
        else:
            overrides[name] = draw(st.sampled_from(values))
    return preset, overrides


#: Pieces of ordinary text, which the vector kernels do a whole block of 64 at a time (a
#: random code point of the ranges above usually sends its block to the per-unit loop),
#: and the context characters they decide inside such a block: U+200D inside and outside
#: emoji ZWJ sequences (after U+FE0F, a skin tone, at a text's edge), and U+0653..U+0655
#: after alef, waw and yeh (which they compose with), after other letters and marks, and
#: after U+0640 TATWEEL (which some presets delete, and which the mark then passes over
#: to compose with the letter before), and digit separators (`.` `,` U+066B U+066C)
#: between digits, after one, before one, and elsewhere; flags (pairs of U+1F1E6..U+1F1FF),
#: which UCS-4 blocks pass through, next to U+1F200 and U+1F251, which NFKC changes.
_PLAIN_PIECES = ["كتب ", "الكتاب ", "مدرسة، ", "hello ", "2024 "]
_CONTEXT_PIECES = [
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U0001f3f3\ufe0f\u200d\U0001f308",
    "\U0001f469\U0001f3fe\u200d\U0001f4bb",
    "\U0001f600\u200d",
    "\u200d\U0001f600",
    "\u200d",
    "\u2764\ufe0f\u200d\U0001f525",
    "\u0627\u0653",
    "\u0648\u0654 ",
    "\u064a\u0654",
    "\u0627\u0655",
    "\u064a\u0640\u0654 ",
    "\u0627\u0640\u0640\u0653",
    "\u0645\u0640\u0654",
    "\u0649\u0670\u0653 ",
    "\u0648\u064e\u0653",
    "\u0645\u0653",
    "\u0627\u0653\u0654",
    "\u06cc\u0654",
    "3.14 ",
    "1,000",
    "2024.",
    ".5 ",
    "end. ",
    "a,b ",
    "\u0646\u0647\u0627\u064a\u0629. ",
    "\u0663\u066b\u0661\u0664 ",
    "\u0663\u066c\u0660\u0660\u0660",
    "\u06f1.\u06f2",
    "5\u0640.\u06405",
    "7.\u0640x",
    "\U00010030.5",
    "\U0001f1f8\U0001f1e6 ",
    "\U0001f1ea\U0001f1ec\U0001f251",
    "\U0001f200\U0001f1ff",
]


@st.composite
def _piece_texts(draw, random_code_points: bool) -> str:
    # A few kinds of context per text: the kernel decides a block itself only when it
    # can decide every context character in it, so a text with all of them would
    # rarely leave it a block to decide.
    palette = _PLAIN_PIECES + draw(
        st.lists(st.sampled_from(_CONTEXT_PIECES), min_size=1, max_size=3, unique=True)
    )
    piece = st.sampled_from(palette)
    element = st.one_of(piece, piece, code_points.map(chr)) if random_code_points else piece
    return "".join(draw(st.lists(element, min_size=10, max_size=120)))


#: Texts of ordinary pieces and a few kinds of context pieces, several blocks long: only
#: pieces, or now and then a random code point (which often sends its whole block to
#: the per-unit loop, so that the kernel never sees the pieces around it).
block_texts = st.one_of(_piece_texts(False), _piece_texts(True))
