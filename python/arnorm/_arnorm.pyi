"""Type stub of the compiled core ``arnorm._arnorm`` (checked by ``mypy.stubtest``)."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final, Literal, TypeAlias, final

__all__ = [
    "OPTION_VALUES",
    "PRESETS",
    "THREADS_ENV",
    "UNICODE_VERSION",
    "Normalizer",
    "_NormalizedLines",
    "__version__",
    "_normalize_stream",
    "_rebuild_normalizer",
    "normalize",
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

_Format: TypeAlias = Literal["text", "jsonl"]
_Errors: TypeAlias = Literal["strict", "replace", "skip"]

def _normalize_stream(
    inputs: Sequence[str | None],
    output: str | None,
    preset: str = ...,
    options: Mapping[str, object] | None = None,
    *,
    format: _Format = "text",
    fields: Sequence[str] = ...,
    errors: _Errors = "strict",
    jobs: int | None = None,
    max_line_bytes: int = ...,
    chunk_bytes: int = ...,
    progress: Callable[[int, int, int], object] | None = None,
) -> dict[str, int]:
    """Normalize ``inputs`` (``None``: stdin) into ``output`` (``None``: stdout)."""

@final
class _NormalizedLines:
    """The normalized lines of some inputs, produced on a background thread."""

    def __new__(
        cls,
        inputs: Sequence[str | None],
        preset: str = ...,
        options: Mapping[str, object] | None = None,
        *,
        format: _Format = "text",
        fields: Sequence[str] = ...,
        errors: _Errors = "strict",
        jobs: int | None = None,
        max_line_bytes: int = ...,
        chunk_bytes: int = ...,
    ) -> _NormalizedLines: ...
    def __iter__(self) -> _NormalizedLines: ...
    def __next__(self) -> str: ...
    @property
    def summary(self) -> dict[str, int] | None:
        """The counts of the finished run (``None`` until the iterator is exhausted)."""
    def close(self) -> None:
        """Stop the background run early."""
