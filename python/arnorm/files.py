"""Normalizing files of any size: ``normalize_file`` and ``iter_normalized``.

Both run the Rust streaming engine (``_arnorm._normalize_stream`` and
``_arnorm._NormalizedLines``) with the GIL released: line-aligned chunks on every core,
memory bounded whatever the input size, gzip/zstd input detected by magic bytes, output
compressed by the destination's extension (``.gz``, ``.zst``) and written to a temporary
file that replaces the destination only when the whole run succeeded.
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
