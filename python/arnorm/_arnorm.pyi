"""Type stub of the compiled core ``arnorm._arnorm`` (checked by ``mypy.stubtest``)."""

from collections.abc import Iterable
from typing import Final, Literal, TypeAlias, final

__all__ = [
    "OPTION_VALUES",
    "PRESETS",
    "THREADS_ENV",
    "UNICODE_VERSION",
    "Normalizer",
    "__version__",
    "_rebuild_normalizer",
    "camel_arclean",
    "camel_dediac_ar",
    "camel_normalize_alef_ar",
    "camel_normalize_alef_maksura_ar",
    "camel_normalize_teh_marbuta_ar",
    "camel_normalize_unicode_nfc",
    "camel_normalize_unicode_nfkc",
    "normalize",
    "pyarabic_normalize_alef",
    "pyarabic_normalize_hamza_tasheel",
    "pyarabic_normalize_hamza_uniform",
    "pyarabic_normalize_ligature",
    "pyarabic_normalize_searchtext",
    "pyarabic_normalize_teh",
    "pyarabic_strip_diacritics",
    "pyarabic_strip_harakat",
    "pyarabic_strip_lastharaka",
    "pyarabic_strip_shadda",
    "pyarabic_strip_small",
    "pyarabic_strip_tashkeel",
    "pyarabic_strip_tatweel",
]

__version__: Final[str]
UNICODE_VERSION: Final[str]
THREADS_ENV: Final[str]
PRESETS: dict[str, dict[str, str | int | None]]
OPTION_VALUES: dict[str, list[str]]

_Preset: TypeAlias = Literal["light", "standard", "search"]
_UnicodeForm: TypeAlias = Literal["arabic", "nfc", "nfkc", "none"]
_StripOrKeep: TypeAlias = Literal["strip", "keep"]
_Zwnj: TypeAlias = Literal["keep", "space", "strip"]
_Diacritics: TypeAlias = Literal["keep", "strip", "strip_keep_shadda"]
_DaggerAlef: TypeAlias = Literal["keep", "strip", "alef"]
_Fold: TypeAlias = Literal["keep", "fold"]
_AlefMaksura: TypeAlias = Literal["keep", "yeh"]
_TehMarbuta: TypeAlias = Literal["keep", "heh"]
_Persian: TypeAlias = Literal["keep", "to_arabic", "to_persian"]
_Digits: TypeAlias = Literal["keep", "ascii", "arabic_indic", "persian"]
_Punctuation: TypeAlias = Literal["keep", "ascii", "space"]
_Case: TypeAlias = Literal["keep", "lower"]
_Whitespace: TypeAlias = Literal["keep", "collapse"]

@final
class Normalizer:
    """An immutable, thread-safe normalizer for one set of options."""

    def __new__(
        cls,
        preset: _Preset = "standard",
        *,
        unicode: _UnicodeForm = ...,
        invisible: _StripOrKeep = ...,
        zwnj: _Zwnj = ...,
        diacritics: _Diacritics = ...,
        dagger_alef: _DaggerAlef = ...,
        quranic_marks: _StripOrKeep = ...,
        tatweel: _StripOrKeep = ...,
        alef: _Fold = ...,
        hamza_seats: _Fold = ...,
        alef_maksura: _AlefMaksura = ...,
        teh_marbuta: _TehMarbuta = ...,
        persian: _Persian = ...,
        digits: _Digits = ...,
        punctuation: _Punctuation = ...,
        case: _Case = ...,
        max_repeat: int | None = ...,
        whitespace: _Whitespace = ...,
    ) -> Normalizer: ...
    def normalize(self, text: str) -> str:
        """Normalize ``text``."""
    def __call__(self, text: str) -> str: ...
    def normalize_batch(self, texts: Iterable[str], *, threads: int | None = None) -> list[str]:
        """Normalize every string of ``texts`` in parallel, with the GIL released."""
    @property
    def options(self) -> dict[str, str | int | None]:
        """Every option's value."""
    @property
    def preset(self) -> str:
        """The preset the options started from."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[object, tuple[str, dict[str, str | int | None]]]: ...

def normalize(
    text: str,
    preset: _Preset = "standard",
    *,
    unicode: _UnicodeForm = ...,
    invisible: _StripOrKeep = ...,
    zwnj: _Zwnj = ...,
    diacritics: _Diacritics = ...,
    dagger_alef: _DaggerAlef = ...,
    quranic_marks: _StripOrKeep = ...,
    tatweel: _StripOrKeep = ...,
    alef: _Fold = ...,
    hamza_seats: _Fold = ...,
    alef_maksura: _AlefMaksura = ...,
    teh_marbuta: _TehMarbuta = ...,
    persian: _Persian = ...,
    digits: _Digits = ...,
    punctuation: _Punctuation = ...,
    case: _Case = ...,
    max_repeat: int | None = ...,
    whitespace: _Whitespace = ...,
) -> str:
    """Normalize ``text`` by ``preset`` with the keyword options overriding it."""

def _rebuild_normalizer(preset: str, overrides: dict[str, str | int | None]) -> Normalizer: ...

# Compatibility functions (arnorm.compat): each maps one str to one str, exactly as the
# named function of the peer library does.
def pyarabic_strip_tashkeel(text: str, /) -> str: ...
def pyarabic_strip_harakat(text: str, /) -> str: ...
def pyarabic_strip_lastharaka(text: str, /) -> str: ...
def pyarabic_strip_shadda(text: str, /) -> str: ...
def pyarabic_strip_tatweel(text: str, /) -> str: ...
def pyarabic_strip_small(text: str, /) -> str: ...
def pyarabic_strip_diacritics(text: str, /) -> str: ...
def pyarabic_normalize_ligature(text: str, /) -> str: ...
def pyarabic_normalize_hamza_uniform(text: str, /) -> str: ...
def pyarabic_normalize_hamza_tasheel(text: str, /) -> str: ...
def pyarabic_normalize_teh(text: str, /) -> str: ...
def pyarabic_normalize_alef(text: str, /) -> str: ...
def pyarabic_normalize_searchtext(text: str, /) -> str: ...
def camel_normalize_unicode_nfkc(text: str, /) -> str: ...
def camel_normalize_unicode_nfc(text: str, /) -> str: ...
def camel_dediac_ar(text: str, /) -> str: ...
def camel_normalize_alef_ar(text: str, /) -> str: ...
def camel_normalize_alef_maksura_ar(text: str, /) -> str: ...
def camel_normalize_teh_marbuta_ar(text: str, /) -> str: ...
def camel_arclean(text: str, /) -> str: ...
