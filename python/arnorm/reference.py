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
from collections.abc import Callable, Mapping
from functools import lru_cache

from . import _tables as T

__all__ = ["PRESETS", "UNICODE_VERSION", "normalize", "resolve_options"]

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


def unicode_normal_form(cps: list[int], compat: bool) -> list[int]:
    """NFC (``compat=False``) or NFKC of a code point list, per UAX #15."""
    decomposed = [d for c in cps for d in _decompose(c, compat)]
    # Canonical ordering: stable sort of every run of non-starters by combining class.
    i = 0
    while i < len(decomposed):
        if _ccc(decomposed[i]) == 0:
            i += 1
            continue
        j = i
        while j < len(decomposed) and _ccc(decomposed[j]) != 0:
            j += 1
        decomposed[i:j] = sorted(decomposed[i:j], key=_ccc)
        i = j
    # Canonical composition.
    out: list[int] = []
    starter = -1  # index in out of the last starter, or -1
    last_ccc = 0  # ccc of the last character kept since the starter (0: none kept)
    for c in decomposed:
        cc = _ccc(c)
        # C is blocked from the starter when something between them has ccc 0 (then it
        # is the starter itself, so only adjacency counts) or ccc >= ccc(C).
        if starter >= 0 and (last_ccc == 0 or last_ccc < cc):
            composite = _compose_pair(out[starter], c)
            if composite is not None:
                out[starter] = composite
                continue
        if cc == 0:
            starter = len(out)
        last_ccc = cc
        out.append(c)
    return out


_PRESENTATION = [(lo, hi) for lo, hi in T.PRESENTATION_BLOCKS]
_ARABIC_COMPOSE = {(a, b): c for a, b, c in T.ARABIC_COMPOSITION}


def unicode_arabic(cps: list[int]) -> list[int]:
    """Step 1, ``unicode="arabic"``: presentation forms, then letter+mark composition."""
    expanded: list[int] = []
    for c in cps:
        if any(lo <= c <= hi for lo, hi in _PRESENTATION):
            if c in PRESENTATION_OVERRIDES:
                expanded.extend(map(ord, PRESENTATION_OVERRIDES[c]))
            else:
                expanded.extend(unicode_normal_form([c], compat=True))
        else:
            expanded.append(c)
    out: list[int] = []
    for c in expanded:
        if out and (out[-1], c) in _ARABIC_COMPOSE:
            out[-1] = _ARABIC_COMPOSE[(out[-1], c)]
        else:
            out.append(c)
    return out


def step_unicode(cps: list[int], mode: str) -> list[int]:
    if mode == "arabic":
        return unicode_arabic(cps)
    if mode == "nfc":
        return unicode_normal_form(cps, compat=False)
    if mode == "nfkc":
        return unicode_normal_form(cps, compat=True)
    return cps


# --------------------------------------------------------------------------- steps 2-7


def step_invisible(cps: list[int], invisible: str, zwnj: str) -> list[int]:
    strip = _set_of(T.INVISIBLE) if invisible == "strip" else frozenset()
    zwnj_to = [ord(ch) for ch in T.ZWNJ_REPLACEMENT[zwnj]]
    out: list[int] = []
    for c in cps:
        if c == 0x200C:
            out.extend(zwnj_to)
        elif c not in strip:
            out.append(c)
    return out


def step_marks(cps: list[int], o: Mapping[str, OptionValue]) -> list[int]:
    remove: set[int] = set()
    if o["diacritics"] != "keep":
        remove |= _set_of(T.DIACRITICS)
        if o["diacritics"] == "strip_keep_shadda":
            remove -= _set_of(T.SHADDA)
    if o["quranic_marks"] == "strip":
        remove |= _set_of(T.QURANIC_MARKS)
    if o["tatweel"] == "strip":
        remove |= _set_of(T.TATWEEL)
    if o["dagger_alef"] == "strip":
        remove |= _set_of(T.DAGGER_ALEF)
    dagger_to_alef = o["dagger_alef"] == "alef"
    dagger = _set_of(T.DAGGER_ALEF)
    out: list[int] = []
    for c in cps:
        if c in remove:
            continue
        out.append(0x0627 if dagger_to_alef and c in dagger else c)
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


def step_letters(cps: list[int], o: Mapping[str, OptionValue]) -> list[int]:
    mapping = fold_mapping(o)
    yeh_final = any(
        o[option] == value and dst == YEH_FINAL for option, value, _src, dst in T.LETTER_FOLDS
    )
    out: list[int] = []
    for i, c in enumerate(cps):
        if yeh_final and c == 0x06CC:
            nxt = i + 1
            while nxt < len(cps) and char_class(cps[nxt]) == "Mark":
                nxt += 1
            at_end = nxt == len(cps) or char_class(cps[nxt]) != "Letter"
            c = 0x0649 if at_end else 0x064A
        out.append(_fold(c, mapping))
    return out


def step_digits(cps: list[int], digits: str) -> list[int]:
    if digits == "keep":
        return cps
    zero = dict(T.DIGIT_SETS)[digits]
    return [zero + DIGITS[c] if c in DIGITS else c for c in cps]


def step_punctuation(cps: list[int], punctuation: str) -> list[int]:
    if punctuation == "keep":
        return cps
    if punctuation == "ascii":
        table = dict(T.PUNCTUATION_ASCII)
        return [table.get(c, c) for c in cps]
    separators = dict(T.DIGIT_SEPARATORS)
    out: list[int] = []
    for i, c in enumerate(cps):
        if char_class(c) != "Punctuation":
            out.append(c)
        elif (
            c in separators
            and 0 < i < len(cps) - 1
            and cps[i - 1] in DIGITS
            and cps[i + 1] in DIGITS
        ):
            out.append(separators[c])
        else:
            out.append(0x20)
    return out


def step_case(cps: list[int], case: str) -> list[int]:
    if case == "keep":
        return cps
    return [T.LOWERCASE.get(c, c) for c in cps]


# --------------------------------------------------------------------------- steps 8-9


def step_max_repeat(cps: list[int], limit: int | None) -> list[int]:
    if limit is None:
        return cps
    out: list[int] = []
    run = 0
    for i, c in enumerate(cps):
        run = run + 1 if i > 0 and c == cps[i - 1] else 1
        if run > limit and char_class(c) == "Letter":
            continue
        out.append(c)
    return out


def is_white_space(c: int) -> bool:
    return _in_ranges(T.WHITE_SPACE, c)


def step_whitespace(cps: list[int], whitespace: str) -> list[int]:
    if whitespace == "keep":
        return cps
    out: list[int] = []
    i = 0
    while i < len(cps):
        if not is_white_space(cps[i]):
            out.append(cps[i])
            i += 1
            continue
        j = i
        while j < len(cps) and is_white_space(cps[j]):
            j += 1
        if i > 0 and j < len(cps):  # runs at the start and the end are removed
            out.append(0x0A if any(c in LINE_BREAKS for c in cps[i:j]) else 0x20)
        i = j
    return out


# --------------------------------------------------------------------------- pipeline


def _steps_1_to_7(cps: list[int], o: Mapping[str, OptionValue]) -> list[int]:
    cps = step_unicode(cps, str(o["unicode"]))
    cps = step_invisible(cps, str(o["invisible"]), str(o["zwnj"]))
    cps = step_marks(cps, o)
    cps = step_letters(cps, o)
    cps = step_digits(cps, str(o["digits"]))
    cps = step_punctuation(cps, str(o["punctuation"]))
    return step_case(cps, str(o["case"]))


def run_pipeline(cps: list[int], o: Mapping[str, OptionValue]) -> list[int]:
    """All nine steps on a code point list, with the rounds of seeds/README.md."""
    for _round in range(MAX_ROUNDS):
        cps = _steps_1_to_7(cps, o)
        if step_unicode(cps, str(o["unicode"])) == cps:
            break
    limit = o["max_repeat"]
    cps = step_max_repeat(cps, limit if isinstance(limit, int) else None)
    return step_whitespace(cps, str(o["whitespace"]))


def _to_code_points(text: str) -> list[int]:
    return [ord(ch) for ch in text]


def _from_code_points(cps: list[int]) -> str:
    return "".join(map(chr, cps))


@lru_cache(maxsize=64)
def _frozen(preset: str, overrides: tuple[tuple[str, type, object], ...]) -> tuple:
    # The key holds each value's type: True == 1, but max_repeat=True is an error.
    return tuple(resolve_options(preset, {k: v for k, _t, v in overrides}).items())


def normalize(text: str, preset: str = "standard", **options: object) -> str:
    """Normalize ``text`` by the rules of ``preset`` with ``options`` overriding it."""
    if not isinstance(text, str):
        raise TypeError(f"normalize() expects str, got {type(text).__name__}")
    try:
        key = tuple((k, type(v), v) for k, v in sorted(options.items()))
        resolved = dict(_frozen(preset, key))
    except TypeError as err:  # unhashable option value: validate without the cache
        if "unhashable" not in str(err):
            raise
        resolved = resolve_options(preset, options)
    return _from_code_points(run_pipeline(_to_code_points(text), resolved))


Normalize = Callable[[str], str]
