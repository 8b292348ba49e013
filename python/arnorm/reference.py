"""The pure-Python reference implementation of arnorm's rules.

This module is the executable specification: it applies the steps of the pipeline one
after another, in the order and with the meaning written in ``seeds/README.md``, reading
every character table from ``arnorm._tables`` (generated from ``seeds/``). It is kept
plain on purpose; the Rust core must produce exactly the same output for every string and
every option set (checked by the property tests), and the benchmarks use this module as
the baseline.

>>> normalize("كَتَبَ الطالبُ")
'كتب الطالب'
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from functools import lru_cache

from . import _tables as T

__all__ = [
    "PRESETS",
    "UNICODE_VERSION",
    "normalize",
    "normalize_with_offsets",
    "resolve_options",
    "tokenize",
]

UNICODE_VERSION = T.UNICODE_VERSION

#: Upper bound of rounds of steps 1-7 (see "Rounds" in seeds/README.md).
MAX_ROUNDS = 4

OptionValue = str | int | None

# --------------------------------------------------------------------------- options


def _preset_table() -> dict[str, dict[str, OptionValue]]:
    presets: dict[str, dict[str, OptionValue]] = {}
    for column, preset in enumerate(T.PRESET_NAMES):
        values: dict[str, OptionValue] = {}
        for _step, name, _values, defaults in T.OPTIONS:
            values[name] = _parse_value(name, defaults[column])
        presets[preset] = values
    return presets


def _parse_value(name: str, text: str) -> OptionValue:
    if name == "max_repeat":
        return None if text == "none" else int(text)
    return text


_VALUES = {name: values for _step, name, values, _defaults in T.OPTIONS}
PRESETS: Mapping[str, Mapping[str, OptionValue]] = _preset_table()


def resolve_options(preset: str, overrides: Mapping[str, object]) -> dict[str, OptionValue]:
    """Return every option's value for ``preset`` with ``overrides`` applied.

    Raises ``ValueError`` for an unknown preset or value, ``TypeError`` for an unknown
    option name, exactly like the Rust core.
    """
    if not isinstance(preset, str):
        raise TypeError(f"preset must be str, got {type(preset).__name__}")
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; valid presets: {', '.join(T.PRESET_NAMES)}")
    options = dict(PRESETS[preset])
    for name, value in overrides.items():
        if name not in _VALUES:
            raise TypeError(f"unknown option {name!r}; valid options: {', '.join(_VALUES)}")
        if name == "max_repeat":
            if value is not None and (type(value) is not int or value < 1):
                raise ValueError(
                    f"invalid value {value!r} for option 'max_repeat'; "
                    "valid values: None or an integer >= 1"
                )
        elif not isinstance(value, str) or value not in _VALUES[name]:
            valid = ", ".join(_VALUES[name])
            raise ValueError(f"invalid value {value!r} for option {name!r}; valid values: {valid}")
        options[name] = value
    return options


# --------------------------------------------------------------------------- Unicode data


def _in_ranges(table, c: int) -> bool:
    i = bisect.bisect_right(table, (c, 0x110000)) - 1
    return i >= 0 and table[i][0] <= c <= table[i][1]


_CLASS_STARTS = [r[0] for r in T.CHAR_CLASS]


def char_class(c: int) -> str:
    """'Letter', 'Mark', 'Number', 'Punctuation', 'Symbol', 'Separator' or 'Other'."""
    i = bisect.bisect_right(_CLASS_STARTS, c) - 1
    if i >= 0 and c <= T.CHAR_CLASS[i][1]:
        return T.CHAR_CLASS[i][2]
    return "Other"


def _ccc(c: int) -> int:
    return T.COMBINING_CLASS.get(c, 0)


def _set_of(ranges) -> frozenset[int]:
    return frozenset(c for lo, hi in ranges for c in range(lo, hi + 1))


DIGITS: dict[int, int] = {zero + d: d for _name, zero in T.DIGIT_SETS for d in range(10)}
LINE_BREAKS = frozenset(T.LINE_BREAKS)
PRESENTATION_OVERRIDES = dict(T.PRESENTATION_OVERRIDES)

# Hangul syllable constants of UAX #15 / Unicode chapter 3.12.
S_BASE, L_BASE, V_BASE, T_BASE = 0xAC00, 0x1100, 0x1161, 0x11A7
L_COUNT, V_COUNT, T_COUNT = 19, 21, 28
N_COUNT = V_COUNT * T_COUNT
S_COUNT = L_COUNT * N_COUNT


# --------------------------------------------------------------------------- step 1


def _decompose(c: int, compat: bool) -> tuple[int, ...]:
    if S_BASE <= c < S_BASE + S_COUNT:
        s = c - S_BASE
        t = s % T_COUNT
        lv = (L_BASE + s // N_COUNT, V_BASE + (s % N_COUNT) // T_COUNT)
        return lv + ((T_BASE + t,) if t else ())
    if compat:
        if c in PRESENTATION_OVERRIDES:
            return tuple(map(ord, PRESENTATION_OVERRIDES[c]))
        return T.COMPATIBILITY_DECOMPOSITION.get(c, (c,))
    return T.CANONICAL_DECOMPOSITION.get(c, (c,))


def _compose_pair(a: int, b: int) -> int | None:
    if L_BASE <= a < L_BASE + L_COUNT and V_BASE <= b < V_BASE + V_COUNT:
        return S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT
    if (
        S_BASE <= a < S_BASE + S_COUNT
        and (a - S_BASE) % T_COUNT == 0
        and T_BASE < b < T_BASE + T_COUNT
    ):
        return a + (b - T_BASE)
    return T.COMPOSITION.get((a, b))


# A text is a list of (code point, span): span = (start, end), the code points of the
# original text it came from (see "Alignment" in seeds/README.md).
Span = tuple[int, int]
Chars = list[tuple[int, Span]]


def make_monotone(chars: Chars) -> Chars:
    """Merge groups of consecutive characters whose spans overlap or run backwards into
    the hull of their spans, scanning left to right (a span that starts before the end of
    the previous group joins it; equal spans stay apart), so spans never decrease."""
    groups: list[list] = []  # [start, end, count]
    for _c, (start, end) in chars:
        group = [start, end, 1]
        while groups:
            s, e, n = groups[-1]
            if group[0] >= e or (s, e) == (group[0], group[1]):
                break
            groups.pop()
            group = [min(s, group[0]), max(e, group[1]), n + group[2]]
        groups.append(group)
    out: Chars = []
    k = 0
    for start, end, n in groups:
        out.extend((c, (start, end)) for c, _ in chars[k : k + n])
        k += n
    return out


def unicode_normal_form(chars: Chars, compat: bool) -> Chars:
    """NFC (``compat=False``) or NFKC, per UAX #15, keeping each code point's span."""
    decomposed = [(d, span) for c, span in chars for d in _decompose(c, compat)]
    # Canonical ordering: stable sort of every run of non-starters by combining class
    # (each mark keeps its span).
    i = 0
    while i < len(decomposed):
        if _ccc(decomposed[i][0]) == 0:
            i += 1
            continue
        j = i
        while j < len(decomposed) and _ccc(decomposed[j][0]) != 0:
            j += 1
        decomposed[i:j] = sorted(decomposed[i:j], key=lambda item: _ccc(item[0]))
        i = j
    # Canonical composition: the composite's span is the hull of its two parts.
    out: Chars = []
    starter = -1  # index in out of the last starter, or -1
    last_ccc = 0  # ccc of the last character kept since the starter (0: none kept)
    for c, span in decomposed:
        cc = _ccc(c)
        # C is blocked from the starter when something between them has ccc 0 (then it
        # is the starter itself, so only adjacency counts) or ccc >= ccc(C).
        if starter >= 0 and (last_ccc == 0 or last_ccc < cc):
            first, first_span = out[starter]
            composite = _compose_pair(first, c)
            if composite is not None:
                hull = (min(first_span[0], span[0]), max(first_span[1], span[1]))
                out[starter] = (composite, hull)
                continue
        if cc == 0:
            starter = len(out)
        last_ccc = cc
        out.append((c, span))
    return make_monotone(out)


def normal_form(cps: list[int], compat: bool) -> list[int]:
    """NFC or NFKC of a code point list (no alignment)."""
    return [c for c, _ in unicode_normal_form([(c, (0, 0)) for c in cps], compat)]


_PRESENTATION = [(lo, hi) for lo, hi in T.PRESENTATION_BLOCKS]
_ARABIC_COMPOSE = {(a, b): c for a, b, c in T.ARABIC_COMPOSITION}


def unicode_arabic(chars: Chars) -> Chars:
    """Step 1, ``unicode="arabic"``: presentation forms, then letter+mark composition."""
    expanded: Chars = []
    for c, span in chars:
        if any(lo <= c <= hi for lo, hi in _PRESENTATION):
            if c in PRESENTATION_OVERRIDES:
                expanded.extend((ord(x), span) for x in PRESENTATION_OVERRIDES[c])
            else:
                expanded.extend((x, span) for x in normal_form([c], compat=True))
        else:
            expanded.append((c, span))
    out: Chars = []
    for c, span in expanded:
        if out and (out[-1][0], c) in _ARABIC_COMPOSE:
            base, base_span = out[-1]
            out[-1] = (_ARABIC_COMPOSE[(base, c)], (base_span[0], span[1]))
        else:
            out.append((c, span))
    return out


def step_unicode(chars: Chars, mode: str) -> Chars:
    if mode == "arabic":
        return unicode_arabic(chars)
    if mode == "nfc":
        return unicode_normal_form(chars, compat=False)
    if mode == "nfkc":
        return unicode_normal_form(chars, compat=True)
    return chars


# --------------------------------------------------------------------------- steps 2-7

_INVISIBLE = _set_of(T.INVISIBLE)
_DIACRITICS = _set_of(T.DIACRITICS)
_SHADDA = _set_of(T.SHADDA)
_QURANIC_MARKS = _set_of(T.QURANIC_MARKS)
_TATWEEL = _set_of(T.TATWEEL)
_DAGGER_ALEF = _set_of(T.DAGGER_ALEF)


def joins_emoji(prev: int | None, nxt: int | None) -> bool:
    """A U+200D between ``prev`` and ``nxt`` joins an emoji ZWJ sequence."""
    return (
        prev is not None
        and (
            _in_ranges(T.EXTENDED_PICTOGRAPHIC, prev)
            or _in_ranges(T.EMOJI_MODIFIER, prev)
            or _in_ranges(T.TOKEN_EMOJI_VARIATION, prev)
        )
        and nxt is not None
        and _in_ranges(T.EXTENDED_PICTOGRAPHIC, nxt)
    )


def step_invisible(chars: Chars, invisible: str, zwnj: str) -> Chars:
    strip = _INVISIBLE if invisible == "strip" else frozenset()
    zwnj_to = [ord(ch) for ch in T.ZWNJ_REPLACEMENT[zwnj]]
    out: Chars = []
    for i, (c, span) in enumerate(chars):
        if c == 0x200C:
            out.extend((z, span) for z in zwnj_to)
        elif c not in strip:
            out.append((c, span))
        elif c == 0x200D:
            prev = chars[i - 1][0] if i > 0 else None
            nxt = chars[i + 1][0] if i + 1 < len(chars) else None
            if joins_emoji(prev, nxt):
                out.append((c, span))
    return out


def step_marks(chars: Chars, o: Mapping[str, OptionValue]) -> Chars:
    remove: set[int] = set()
    if o["diacritics"] != "keep":
        remove |= _DIACRITICS
        if o["diacritics"] == "strip_keep_shadda":
            remove -= _SHADDA
    if o["quranic_marks"] == "strip":
        remove |= _QURANIC_MARKS
    if o["tatweel"] == "strip":
        remove |= _TATWEEL
    if o["dagger_alef"] == "strip":
        remove |= _DAGGER_ALEF
    dagger_to_alef = o["dagger_alef"] == "alef"
    out: Chars = []
    for c, span in chars:
        if c in remove:
            continue
        out.append((0x0627 if dagger_to_alef and c in _DAGGER_ALEF else c, span))
    return out


YEH_FINAL = -1


def fold_mapping(o: Mapping[str, OptionValue]) -> dict[int, int]:
    """Step 4's one mapping (without the @yeh_final context rule)."""
    mapping: dict[int, int] = {}
    for option, value, src, dst in T.LETTER_FOLDS:
        if o[option] == value and dst != YEH_FINAL:
            mapping[src] = dst
    return mapping


def _fold(c: int, mapping: Mapping[int, int]) -> int:
    seen = 0
    while c in mapping:
        c = mapping[c]
        seen += 1
        if seen > len(mapping):
            raise AssertionError("letter_folds.tsv has a cycle")
    return c


def at_word_end(rest: list[int]) -> bool:
    """True when the first code point of ``rest`` that is not a mark is not a letter."""
    for c in rest:
        if char_class(c) != "Mark":
            return char_class(c) != "Letter"
    return True


def step_letters(chars: Chars, o: Mapping[str, OptionValue]) -> Chars:
    mapping = fold_mapping(o)
    yeh_final = any(
        o[option] == value and dst == YEH_FINAL for option, value, _src, dst in T.LETTER_FOLDS
    )
    cps = [c for c, _ in chars]
    out: Chars = []
    for i, (c, span) in enumerate(chars):
        if yeh_final and c == 0x06CC:
            c = 0x0649 if at_word_end(cps[i + 1 :]) else 0x064A
        out.append((_fold(c, mapping), span))
    return out


def step_digits(chars: Chars, digits: str) -> Chars:
    if digits == "keep":
        return chars
    zero = dict(T.DIGIT_SETS)[digits]
    return [(zero + DIGITS[c] if c in DIGITS else c, span) for c, span in chars]


def step_punctuation(chars: Chars, punctuation: str) -> Chars:
    if punctuation == "keep":
        return chars
    if punctuation == "ascii":
        table = dict(T.PUNCTUATION_ASCII)
        return [(table.get(c, c), span) for c, span in chars]
    separators = dict(T.DIGIT_SEPARATORS)
    out: Chars = []
    for i, (c, span) in enumerate(chars):
        if char_class(c) != "Punctuation":
            out.append((c, span))
        elif (
            c in separators
            and 0 < i < len(chars) - 1
            and chars[i - 1][0] in DIGITS
            and chars[i + 1][0] in DIGITS
        ):
            out.append((separators[c], span))
        else:
            out.append((0x20, span))
    return out


def step_case(chars: Chars, case: str) -> Chars:
    if case == "keep":
        return chars
    return [(T.LOWERCASE.get(c, c), span) for c, span in chars]


# --------------------------------------------------------------------------- steps 8-9


def step_max_repeat(chars: Chars, limit: int | None) -> Chars:
    if limit is None:
        return chars
    out: Chars = []
    run = 0
    for i, (c, span) in enumerate(chars):
        run = run + 1 if i > 0 and c == chars[i - 1][0] else 1
        if run > limit and char_class(c) == "Letter":
            continue
        out.append((c, span))
    return out


def is_white_space(c: int) -> bool:
    return _in_ranges(T.WHITE_SPACE, c)


def step_whitespace(chars: Chars, whitespace: str) -> Chars:
    """A run maps to one U+000A or U+0020 whose span is the hull of the run's spans."""
    if whitespace == "keep":
        return chars
    out: Chars = []
    i = 0
    while i < len(chars):
        if not is_white_space(chars[i][0]):
            out.append(chars[i])
            i += 1
            continue
        j = i
        while j < len(chars) and is_white_space(chars[j][0]):
            j += 1
        if i > 0 and j < len(chars):  # runs at the start and the end are removed
            line_break = any(c in LINE_BREAKS for c, _ in chars[i:j])
            out.append((0x0A if line_break else 0x20, (chars[i][1][0], chars[j - 1][1][1])))
        i = j
    return out


# --------------------------------------------------------------------------- pipeline


def _steps_1_to_7(chars: Chars, o: Mapping[str, OptionValue]) -> Chars:
    chars = step_unicode(chars, str(o["unicode"]))
    chars = step_invisible(chars, str(o["invisible"]), str(o["zwnj"]))
    chars = step_marks(chars, o)
    chars = step_letters(chars, o)
    chars = step_digits(chars, str(o["digits"]))
    chars = step_punctuation(chars, str(o["punctuation"]))
    return step_case(chars, str(o["case"]))


def _stable(chars: Chars, mode: str) -> bool:
    return [c for c, _ in step_unicode(chars, mode)] == [c for c, _ in chars]


def run_pipeline(chars: Chars, o: Mapping[str, OptionValue]) -> Chars:
    """All nine steps, with the rounds of seeds/README.md."""
    for _round in range(MAX_ROUNDS):
        chars = _steps_1_to_7(chars, o)
        if _stable(chars, str(o["unicode"])):
            break
    limit = o["max_repeat"]
    chars = step_max_repeat(chars, limit if isinstance(limit, int) else None)
    return step_whitespace(chars, str(o["whitespace"]))


@lru_cache(maxsize=64)
def _frozen(preset: str, overrides: tuple[tuple[str, type, object], ...]) -> tuple:
    # The key holds each value's type: True == 1, but max_repeat=True is an error.
    return tuple(resolve_options(preset, {k: v for k, _t, v in overrides}).items())


def _options(preset: str, options: Mapping[str, object]) -> dict[str, OptionValue]:
    try:
        key = tuple((k, type(v), v) for k, v in sorted(options.items()))
        return dict(_frozen(preset, key))
    except TypeError as err:  # unhashable option value: validate without the cache
        if "unhashable" not in str(err):
            raise
        return resolve_options(preset, options)


def _check_text(text: object, what: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"{what} expects str, got {type(text).__name__}")
    return text


def normalize_aligned(text: str, preset: str = "standard", **options: object) -> Chars:
    """The normalized text as (code point, span) pairs."""
    _check_text(text, "normalize()")
    resolved = _options(preset, options)
    return run_pipeline([(ord(ch), (i, i + 1)) for i, ch in enumerate(text)], resolved)


def normalize(text: str, preset: str = "standard", **options: object) -> str:
    """Normalize ``text`` by the rules of ``preset`` with ``options`` overriding it."""
    return "".join(chr(c) for c, _ in normalize_aligned(text, preset, **options))


def normalize_with_offsets(
    text: str, preset: str = "standard", **options: object
) -> tuple[str, list[Span]]:
    """The normalized text and, for each of its code points, the ``(start, end)`` span of
    ``text`` it came from (a list of pairs; the Rust binding returns a numpy array)."""
    chars = normalize_aligned(text, preset, **options)
    return "".join(chr(c) for c, _ in chars), [span for _, span in chars]


# --------------------------------------------------------------------------- tokens
# The token rules of seeds/rules/tokens.tsv and seeds/README.md ("Tokens").


def token_role(c: int) -> str:
    """'separator', 'letter', 'mark', 'number', 'symbol' or 'other'."""
    if (
        is_white_space(c)
        or _in_ranges(T.TOKEN_CONTROL, c)
        or _in_ranges(T.INVISIBLE, c)
        or c == 0x200C
    ):
        return "separator"
    return {
        "Letter": "letter",
        "Mark": "mark",
        "Number": "number",
        "Punctuation": "symbol",
        "Symbol": "symbol",
        "Separator": "separator",
    }.get(char_class(c), "other")


def _emoji_end(cps: list[int], i: int) -> int | None:
    def at(k: int) -> int | None:
        return cps[k] if k < len(cps) else None

    def is_(table, c: int | None) -> bool:
        return c is not None and _in_ranges(table, c)

    c = cps[i]
    if is_(T.REGIONAL_INDICATOR, c):
        return i + 2 if is_(T.REGIONAL_INDICATOR, at(i + 1)) else i + 1
    if is_(T.TOKEN_KEYCAP_BASE, c):
        j = i + 1
        if is_(T.TOKEN_EMOJI_VARIATION, at(j)):
            j += 1
        return j + 1 if is_(T.TOKEN_KEYCAP, at(j)) else None
    presented = is_(T.TOKEN_EMOJI_VARIATION, at(i + 1))
    if not is_(T.EXTENDED_PICTOGRAPHIC, c) or (char_class(c) == "Punctuation" and not presented):
        return None
    j = i + 1
    while True:
        while any(
            is_(t, at(j)) for t in (T.TOKEN_EMOJI_VARIATION, T.EMOJI_MODIFIER, T.TOKEN_EMOJI_TAG)
        ):
            j += 1
        if is_(T.TOKEN_ZWJ, at(j)) and is_(T.EXTENDED_PICTOGRAPHIC, at(j + 1)):
            j += 2
            continue
        return j


def _word_end(cps: list[int], i: int, split_digits: bool) -> int:
    base = None
    j = i
    while j < len(cps):
        role = token_role(cps[j])
        if role in ("letter", "number"):
            if split_digits and base is not None and base != role:
                break
            base = role
        elif role != "mark":
            between_numbers = (
                j > i
                and token_role(cps[j - 1]) == "number"
                and j + 1 < len(cps)
                and token_role(cps[j + 1]) == "number"
            )
            if not (between_numbers and _in_ranges(T.TOKEN_NUMBER_SEPARATOR, cps[j])):
                break
        j += 1
    return j


def split_tokens(cps: list[int], split_digits: bool, punctuation: str) -> list[tuple[int, int]]:
    """The tokens of ``cps`` as ``(start, end)`` index pairs."""
    tokens = []
    i = 0
    while i < len(cps):
        end = _emoji_end(cps, i)
        if end is not None:
            tokens.append((i, end))
            i = end
            continue
        role = token_role(cps[i])
        if role == "separator":
            i += 1
        elif role in ("letter", "mark", "number"):
            end = _word_end(cps, i, split_digits)
            tokens.append((i, end))
            i = end
        else:
            if role == "other" or punctuation == "keep":
                tokens.append((i, i + 1))
            i += 1
    return tokens


def tokenize(
    text: str,
    preset: str | None = "standard",
    *,
    split_digits: bool = False,
    punctuation: str = "keep",
    offsets: bool = False,
    **options: object,
) -> list[str] | list[tuple[str, int, int]]:
    """Normalize ``text`` by ``preset`` (None: not at all), then split it into tokens;
    with ``offsets=True`` each token comes with its ``(start, end)`` span in ``text``."""
    _check_text(text, "tokenize()")
    if punctuation not in ("keep", "drop"):
        raise ValueError(f"invalid value {punctuation!r} for punctuation; valid values: keep, drop")
    if preset is None:
        if options:
            raise TypeError("normalization options need a preset name")
        chars = [(ord(ch), (i, i + 1)) for i, ch in enumerate(text)]
    else:
        chars = normalize_aligned(text, preset, **options)
    cps = [c for c, _ in chars]
    out: list = []
    for s, e in split_tokens(cps, split_digits, punctuation):
        token = "".join(map(chr, cps[s:e]))
        out.append((token, chars[s][1][0], chars[e - 1][1][1]) if offsets else token)
    return out
