"""Type stub of the compiled core ``arnorm._arnorm`` (checked by ``mypy.stubtest``)."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final, Literal, TypeAlias, final, overload

import numpy as np
import numpy.typing as npt

__all__ = [
    "OPTION_VALUES",
    "PRESETS",
    "THREADS_ENV",
    "UNICODE_VERSION",
    "Normalizer",
    "TokenBatch",
    "Tokenizer",
    "_NormalizedLines",
    "__version__",
    "_count_stream",
    "_kernel",
    "_normalize_stream",
    "_rebuild_normalizer",
    "_rebuild_tokenizer",
    "_tokenize_stream",
    "_variants_stream",
    "camel_arclean",
    "camel_dediac_ar",
    "camel_normalize_alef_ar",
    "camel_normalize_alef_maksura_ar",
    "camel_normalize_teh_marbuta_ar",
    "camel_normalize_unicode_nfc",
    "camel_normalize_unicode_nfkc",
    "camel_simple_word_tokenize",
    "lucene_analyze",
    "lucene_normalize",
    "lucene_persian_normalize",
    "lucene_stem",
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
    "tokenize",
    "variants",
    "word_counts",
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
    def normalize_with_offsets(self, text: str) -> tuple[str, npt.NDArray[np.int64]]:
        """The normalized text and, per output code point, the ``[start, end)`` span of
        ``text`` it came from (int64, shape ``(len(out), 2)``)."""
    def normalize_batch(self, texts: Iterable[str], *, threads: int | None = None) -> list[str]:
        """Normalize every string of ``texts``, with the GIL released while they are
        normalized: on ``threads`` threads (default ``$ARNORM_NUM_THREADS``, else every CPU)
        when the batch holds at least two chunks of ~262,144 code points per thread, on
        the calling thread otherwise. A text that does not change comes back as itself."""
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
def _kernel() -> Literal["scalar", "avx2", "avx512"]:
    """The vector kernel normalizers run on this CPU (``ARNORM_KERNEL`` can pick a slower one)."""

_PresetArg: TypeAlias = _Preset | Normalizer | None
_TokenPunctuation: TypeAlias = Literal["keep", "drop"]

@final
class Tokenizer:
    """Normalization (a preset, a Normalizer, or none) followed by the token rules."""

    def __new__(
        cls,
        preset: _PresetArg = "standard",
        *,
        split_digits: bool = False,
        punctuation: _TokenPunctuation = "keep",
        **options: Any,
    ) -> Tokenizer: ...
    @overload
    def tokenize(self, text: str, *, offsets: Literal[False] = False) -> list[str]: ...
    @overload
    def tokenize(self, text: str, *, offsets: Literal[True]) -> list[tuple[str, int, int]]: ...
    @overload
    def __call__(self, text: str, *, offsets: Literal[False] = False) -> list[str]: ...
    @overload
    def __call__(self, text: str, *, offsets: Literal[True]) -> list[tuple[str, int, int]]: ...
    def tokenize_batch(self, texts: Iterable[str], *, threads: int | None = None) -> TokenBatch:
        """Tokenize every text in parallel, with the GIL released."""
    @property
    def normalizer(self) -> Normalizer | None: ...
    @property
    def split_digits(self) -> bool: ...
    @property
    def punctuation(self) -> _TokenPunctuation: ...
    def __reduce__(self) -> tuple[object, tuple[Normalizer | None, bool, str]]: ...

@final
class TokenBatch:
    """Tokens of many texts in CSR layout."""

    @property
    def offsets(self) -> npt.NDArray[np.int64]:
        """``[start, end)`` of each token in its original text, shape ``(n_tokens, 2)``."""
    @property
    def row_splits(self) -> npt.NDArray[np.int64]:
        """Text ``i`` has the tokens ``row_splits[i]:row_splits[i + 1]``."""
    def tokens(self) -> list[list[str]]:
        """The tokens as lists of str, one list per text."""
    def to_arrow(self) -> Any:
        """The tokens as a ``pyarrow.ListArray`` of strings (needs pyarrow)."""
    def __len__(self) -> int: ...

@overload
def tokenize(
    text: str,
    preset: _PresetArg = "standard",
    *,
    split_digits: bool = False,
    punctuation: _TokenPunctuation = "keep",
    offsets: Literal[False] = False,
    **options: Any,
) -> list[str]: ...
@overload
def tokenize(
    text: str,
    preset: _PresetArg = "standard",
    *,
    split_digits: bool = False,
    punctuation: _TokenPunctuation = "keep",
    offsets: Literal[True],
    **options: Any,
) -> list[tuple[str, int, int]]: ...
def word_counts(
    texts: Iterable[str],
    preset: _PresetArg = "standard",
    *,
    split_digits: bool = False,
    punctuation: _TokenPunctuation = "keep",
    min_count: int = 1,
    threads: int | None = None,
    **options: Any,
) -> dict[str, int]:
    """Token frequencies over an iterable of str, most frequent first."""

def variants(
    texts: Iterable[str],
    *,
    key: _PresetArg = "search",
    surface: _PresetArg = "light",
    min_count: int = 1,
    threads: int | None = None,
) -> dict[str, dict[str, int]]:
    """Surface forms grouped by the key they fold to, largest groups first."""

def _rebuild_tokenizer(
    normalizer: Normalizer | None, split_digits: bool, punctuation: str
) -> Tokenizer: ...

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
def camel_simple_word_tokenize(text: str, /, split_digits: bool = False) -> list[str]: ...
def lucene_normalize(text: str, /) -> str: ...
def lucene_persian_normalize(text: str, /) -> str: ...
def lucene_stem(token: str, /) -> str: ...
def lucene_analyze(text: str, /) -> list[str]: ...

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

_TableFormat: TypeAlias = Literal["tsv", "jsonl"]

def _tokenize_stream(
    inputs: Sequence[str | None],
    output: str | None,
    preset: str | Normalizer | None = ...,
    options: Mapping[str, object] | None = None,
    *,
    split_digits: bool = False,
    punctuation: _TokenPunctuation = "keep",
    offsets: bool = False,
    fields: Sequence[str] = ...,
    errors: _Errors = "strict",
    jobs: int | None = None,
    max_line_bytes: int = ...,
    chunk_bytes: int = ...,
    progress: Callable[[int, int, int], object] | None = None,
) -> dict[str, int]:
    """Tokenize every line of ``inputs`` (or the string ``fields`` of JSON object lines)
    into ``output``."""

def _count_stream(
    inputs: Sequence[str | None],
    output: str | None,
    preset: str | Normalizer | None = ...,
    options: Mapping[str, object] | None = None,
    *,
    split_digits: bool = False,
    punctuation: _TokenPunctuation = "keep",
    fields: Sequence[str] = ...,
    min_count: int = 1,
    top: int | None = None,
    format: _TableFormat = "tsv",
    errors: _Errors = "strict",
    jobs: int | None = None,
    max_line_bytes: int = ...,
    chunk_bytes: int = ...,
    progress: Callable[[int, int, int], object] | None = None,
) -> dict[str, int]:
    """Token frequencies of ``inputs`` written to ``output``, most frequent first."""

def _variants_stream(
    inputs: Sequence[str | None],
    output: str | None,
    *,
    key: str | Normalizer | None = ...,
    surface: str | Normalizer | None = ...,
    fields: Sequence[str] = ...,
    min_count: int = 1,
    top: int | None = None,
    format: _TableFormat = "tsv",
    errors: _Errors = "strict",
    jobs: int | None = None,
    max_line_bytes: int = ...,
    chunk_bytes: int = ...,
    progress: Callable[[int, int, int], object] | None = None,
) -> dict[str, int]:
    """Spelling variant groups of ``inputs`` written to ``output``, largest totals
    first."""

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
