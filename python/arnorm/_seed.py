"""The bundled seed article (see ``seeds/README.md``)."""

from importlib.resources import files


def seed_article() -> str:
    """The Arabic news article that ships with arnorm as its default text and fixture."""
    return files("arnorm").joinpath("data/seed_article.txt").read_text(encoding="utf-8")
