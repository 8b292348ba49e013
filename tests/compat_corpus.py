"""A realistic Arabic corpus for the compatibility tests and benches, generated.

No Arabic corpus with a clear licence is packaged for PyPI or Debian in a form we can
read here (see seeds/README.md), so the corpus is made from the seed article's words,
deterministically (``random.Random(seed)``): undiacritized news text, fully diacritized
text (harakat, shadda, tanwin, sukun, superscript alef, Quranic marks), and "web" text
with tatweel, lam-alef ligatures, hamza and alef variants, decomposed hamza, Persian
letters, three digit sets, Arabic punctuation, Latin words, emoji, ZWNJ/NBSP and line
breaks. ``corpus()`` returns about 4 MB of UTF-8 in documents of about 8 KB.
"""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

SEED_ARTICLE = Path(__file__).resolve().parent.parent / "seeds" / "000_688baa17ac9f05f1.txt"

_HARAKAT = "\u064e\u064f\u0650\u0652"  # fatha, damma, kasra, sukun
_TANWIN = "\u064b\u064c\u064d"
_QURANIC = [chr(c) for c in (0x06D6, 0x06D7, 0x06DA, 0x06E5, 0x06E6, 0x06ED, 0x0615, 0x08F0)]
_LIGATURES = "\ufefb\ufef7\ufef9\ufef5\ufefc"
_HAMZA_FORMS = "\u0621\u0622\u0623\u0624\u0625\u0626\u0671"
_PERSIAN = "\u06cc\u06a9\u06c1\u067e\u0686\u06af"
_PUNCT = ["،", "؛", "؟", ".", "!", "«", "»", "(", ")", "-", "…", "٪"]
_LATIN = ["Washington", "NATO", "COVID-19", "e-mail", "Café", "http://example.org", "ß"]
_EMOJI = ["😀", "👍🏽", "🇸🇦", "❤️", "👨‍👩‍👧", "#️⃣", "✈"]
_SPACES = [" ", " ", " ", " ", "\u00a0", "\n", "\u200c", "\t"]
_DIGITS = ["0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹"]


def _is_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a" and ch != "\u0640"


def _diacritize(word: str, rng: random.Random) -> str:
    out = []
    for i, ch in enumerate(word):
        out.append(ch)
        if not _is_letter(ch):
            continue
        if rng.random() < 0.12:
            out.append("\u0651")  # shadda
        last = i == len(word) - 1
        if last and rng.random() < 0.3:
            out.append(rng.choice(_TANWIN))
        elif rng.random() < 0.85:
            out.append(rng.choice(_HARAKAT))
        if rng.random() < 0.02:
            out.append("\u0670")  # superscript alef
        if rng.random() < 0.01:
            out.append(rng.choice(_QURANIC))
    return "".join(out)


def _webify(word: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.05 and len(word) > 2:
        k = rng.randrange(1, len(word))
        word = word[:k] + "\u0640" * rng.randint(1, 4) + word[k:]
    elif r < 0.09:
        word = word.replace("لا", rng.choice(_LIGATURES), 1)
    elif r < 0.14:
        word = rng.choice(_HAMZA_FORMS) + word[1:]
    elif r < 0.16:
        word = word + "\u0627\u0654"  # decomposed hamza on alef
    elif r < 0.20:
        word = word.replace("ي", rng.choice(_PERSIAN), 1)
    elif r < 0.23:
        word = word[:-1] + rng.choice("\u0649\u0629\u0647")
    return word


def _document(kind: str, words: list[str], rng: random.Random, size: int) -> str:
    parts: list[str] = []
    n = 0
    while n < size:
        w = rng.choice(words)
        if kind == "diacritized":
            w = _diacritize(w, rng)
        elif kind == "web":
            w = _webify(w, rng)
            r = rng.random()
            if r < 0.03:
                w = rng.choice(_LATIN)
            elif r < 0.05:
                w = rng.choice(_EMOJI)
            elif r < 0.08:
                digits = rng.choice(_DIGITS)
                w = "".join(rng.choice(digits) for _ in range(rng.randint(1, 6)))
        parts.append(w)
        if rng.random() < 0.1:
            parts.append(rng.choice(_PUNCT))
        parts.append(rng.choice(_SPACES) if kind == "web" else " ")
        if rng.random() < 0.03:
            parts.append("\n")
        n += len(w) + 1
    return "".join(parts)


@cache
def corpus(documents: int = 500, chars: int = 4400, seed: int = 20240501) -> tuple[str, ...]:
    """``documents`` texts of about ``chars`` code points each, a third of each kind."""
    text = SEED_ARTICLE.read_bytes().decode("utf-8")
    words = text.split()
    rng = random.Random(seed)
    kinds = ("plain", "diacritized", "web")
    docs = [_document(kinds[i % 3], words, rng, chars) for i in range(documents - 1)]
    return (text, *docs)
