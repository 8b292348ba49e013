"""Shared fixtures: the seed article and the option table, read from seeds/."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ARTICLE_PATH = SEEDS / "000_688baa17ac9f05f1.txt"
PRESET_NAMES = ("light", "standard", "search")


def _read_options() -> dict[str, dict[str, object]]:
    """`seeds/options.tsv` as {option: {"values": [...], preset: value, ...}}.

    `max_repeat` has the values `none,<int>=1`; its preset value `none` is Python None.
    """
    lines = [
        line
        for line in (SEEDS / "options.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    header = lines[0].split("\t")
    table: dict[str, dict[str, object]] = {}
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=True))
        entry: dict[str, object] = {"values": row["values"].split(",")}
        for preset in PRESET_NAMES:
            value = row[preset]
            entry[preset] = None if row["option"] == "max_repeat" and value == "none" else value
        table[row["option"]] = entry
    return table


OPTIONS = _read_options()


@pytest.fixture(scope="session")
def seed_article() -> str:
    # Bytes, not read_text(): universal newlines must not rewrite the fixture.
    return SEED_ARTICLE_PATH.read_bytes().decode("utf-8")


@pytest.fixture(scope="session")
def options_table() -> dict[str, dict[str, object]]:
    return OPTIONS


@pytest.fixture(scope="session")
def preset_options() -> dict[str, dict[str, object]]:
    """{preset: {option: value}} as written in seeds/options.tsv."""
    return {p: {name: row[p] for name, row in OPTIONS.items()} for p in PRESET_NAMES}
