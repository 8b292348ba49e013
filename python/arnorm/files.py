"""Files of any size: ``normalize_file``, ``iter_normalized``, ``tokenize_file``,
``count_file`` and ``variants_file``.

All run the Rust streaming engine (``_arnorm._normalize_stream``, ``_NormalizedLines``,
``_tokenize_stream``, ``_count_stream``, ``_variants_stream``) with the GIL released:
line-aligned chunks on every core, memory bounded whatever the input size, gzip/zstd
input detected by magic bytes, output compressed by the destination's extension
(``.gz``, ``.zst``) and written to a temporary file that replaces the destination only
when the whole run succeeded.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Literal, TypeAlias

from . import _arnorm

StrPath: TypeAlias = "str | os.PathLike[str]"
Format: TypeAlias = Literal["text", "jsonl"]
Errors: TypeAlias = Literal["strict", "replace", "skip"]

#: The default longest line accepted, in bytes (64 MiB).
MAX_LINE_BYTES = 64 << 20


def _inputs(src: StrPath | Sequence[StrPath | None] | None) -> list[str | None]:
    if src is None:
        return [None]
    if isinstance(src, (str, os.PathLike)):
        return [os.fspath(src)]
    return [None if p is None else os.fspath(p) for p in src]


def _fields(fields: str | Sequence[str]) -> list[str]:
    return [fields] if isinstance(fields, str) else list(fields)


def normalize_file(
    src: StrPath | Sequence[StrPath | None] | None,
    dst: StrPath | None,
    preset: str = "standard",
    *,
    format: Format = "text",
    fields: str | Sequence[str] = (),
    errors: Errors = "strict",
    jobs: int | None = None,
    max_line_bytes: int = MAX_LINE_BYTES,
    progress: Callable[[int, int, int], object] | None = None,
    **options: object,
) -> dict[str, int]:
    """Normalize the lines of ``src`` into ``dst`` and return counts.

    ``src`` is a path, a sequence of paths (read one after another, like ``cat``) or
    ``None`` for standard input (also as an item of the sequence); ``dst`` a path or
    ``None`` for standard output.
    ``format="text"`` normalizes each line and keeps its terminator (LF, CRLF or none at
    the end) byte for byte; ``format="jsonl"`` rewrites only the top-level string
    ``fields`` of each JSON object line, leaving every other byte as it was. ``errors``
    decides what happens to invalid UTF-8: ``"strict"`` raises ``ValueError`` naming the
    file, line and byte offset; ``"replace"`` writes U+FFFD; ``"skip"`` drops the line.
    ``jobs`` worker threads (default: ``$ARNORM_NUM_THREADS``, else every CPU).
    ``progress(raw_bytes_read, bytes_written, lines)`` is called about every 0.1 s.

    Returns ``{"lines", "bytes_in", "bytes_out", "replaced", "skipped"}``.

    Raises ``OSError`` (``FileNotFoundError``, ...) for files that cannot be read or
    written, ``ValueError`` for bad data or arguments, ``TypeError``/``ValueError`` for
    bad options as :func:`arnorm.normalize` does, and ``KeyboardInterrupt`` on Ctrl-C.
    On any error the destination is left unchanged.
    """
    return _arnorm._normalize_stream(
        _inputs(src),
        None if dst is None else os.fspath(dst),
        preset,
        options,
        format=format,
        fields=_fields(fields),
        errors=errors,
        jobs=jobs,
        max_line_bytes=max_line_bytes,
        progress=progress,
    )


def iter_normalized(
    src: StrPath | Sequence[StrPath | None] | None,
    preset: str = "standard",
    *,
    format: Format = "text",
    fields: str | Sequence[str] = (),
    errors: Errors = "strict",
    jobs: int | None = None,
    max_line_bytes: int = MAX_LINE_BYTES,
    **options: object,
) -> Iterator[str]:
    """The normalized lines of ``src``, each with its original terminator.

    Takes the arguments of :func:`normalize_file`. The work runs ahead on background
    threads (at most a few chunks ahead of the consumer); errors are raised when the
    iteration reaches them. ``close()`` on the iterator stops the work early.
    """
    lines: Iterator[str] = _arnorm._NormalizedLines(
        _inputs(src),
        preset,
        options,
        format=format,
        fields=_fields(fields),
        errors=errors,
        jobs=jobs,
        max_line_bytes=max_line_bytes,
    )
    return lines


# --- tokenize, count, variants: the same engine, other per-line jobs ----------------------


def tokenize_file(
    src: StrPath | Sequence[StrPath | None] | None,
    dst: StrPath | None,
    preset: str | None = "standard",
    *,
    split_digits: bool = False,
    punctuation: Literal["keep", "drop"] = "keep",
    offsets: bool = False,
    fields: str | Sequence[str] = (),
    errors: Errors = "strict",
    jobs: int | None = None,
    max_line_bytes: int = MAX_LINE_BYTES,
    progress: Callable[[int, int, int], object] | None = None,
    **options: object,
) -> dict[str, int]:
    """Tokenize each line of ``src`` into ``dst`` (the arguments of :func:`normalize_file`).

    Each line becomes its tokens separated by one space (terminators kept); with
    ``offsets=True`` one JSON object ``{"tokens": [...], "offsets": [[start, end], ...]}``
    where ``[start, end)`` is the token's span in the ORIGINAL line counted in code points
    (``str`` indices of the line without its terminator), as :func:`arnorm.tokenize`
    gives. With ``fields``, lines are JSON objects and each named string field is replaced
    by its token array (or that object); every other byte stays. ``preset=None`` tokenizes
    without normalizing.
    """
    return _arnorm._tokenize_stream(
        _inputs(src),
        None if dst is None else os.fspath(dst),
        preset,
        options,
        split_digits=split_digits,
        punctuation=punctuation,
        offsets=offsets,
        fields=_fields(fields),
        errors=errors,
        jobs=jobs,
        max_line_bytes=max_line_bytes,
        progress=progress,
    )


def count_file(
    src: StrPath | Sequence[StrPath | None] | None,
    dst: StrPath | None,
    preset: str | None = "standard",
    *,
    split_digits: bool = False,
    punctuation: Literal["keep", "drop"] = "keep",
    fields: str | Sequence[str] = (),
    min_count: int = 1,
    top: int | None = None,
    format: Literal["tsv", "jsonl"] = "tsv",
    errors: Errors = "strict",
    jobs: int | None = None,
    max_line_bytes: int = MAX_LINE_BYTES,
    progress: Callable[[int, int, int], object] | None = None,
    **options: object,
) -> dict[str, int]:
    """Write the token frequencies of ``src`` to ``dst``: ``token<TAB>count`` lines (or
    ``{"token": ..., "count": ...}`` with ``format="jsonl"``), most frequent first, ties
    in code point order, the counts at least ``min_count``, the first ``top`` only.

    The tokens and counts are exactly those of :func:`arnorm.word_counts` over the lines
    (or, with ``fields``, over the named string fields of JSON object lines). Counted per
    worker thread and merged at the end: memory holds the vocabulary, not the input.
    """
    return _arnorm._count_stream(
        _inputs(src),
        None if dst is None else os.fspath(dst),
        preset,
        options,
        split_digits=split_digits,
        punctuation=punctuation,
        fields=_fields(fields),
        min_count=min_count,
        top=top,
        format=format,
        errors=errors,
        jobs=jobs,
        max_line_bytes=max_line_bytes,
        progress=progress,
    )


def variants_file(
    src: StrPath | Sequence[StrPath | None] | None,
    dst: StrPath | None,
    *,
    key: str = "search",
    surface: str | None = "light",
    fields: str | Sequence[str] = (),
    min_count: int = 1,
    top: int | None = None,
    format: Literal["tsv", "jsonl"] = "tsv",
    errors: Errors = "strict",
    jobs: int | None = None,
    max_line_bytes: int = MAX_LINE_BYTES,
    progress: Callable[[int, int, int], object] | None = None,
) -> dict[str, int]:
    """Write the spelling variant groups of ``src`` to ``dst``, the groups exactly those
    of :func:`arnorm.variants` (surface forms: tokens of the ``surface`` preset,
    punctuation dropped; grouped by their ``key`` normalization), largest totals first.

    ``format="tsv"``: one row per surface form, ``key<TAB>total<TAB>form<TAB>count``;
    ``format="jsonl"``: one object per group ``{"key", "total", "forms": {form: count}}``.
    ``min_count`` and ``top`` apply to groups (their totals).
    """
    return _arnorm._variants_stream(
        _inputs(src),
        None if dst is None else os.fspath(dst),
        key=key,
        surface=surface,
        fields=_fields(fields),
        min_count=min_count,
        top=top,
        format=format,
        errors=errors,
        jobs=jobs,
        max_line_bytes=max_line_bytes,
        progress=progress,
    )
