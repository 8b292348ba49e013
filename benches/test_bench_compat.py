"""arnorm.compat against the originals, side by side, on the generated 4 MB corpus.

    pytest benches/test_bench_compat.py --benchmark-only

One call per document (500 documents of ~8 KB UTF-8, tests/compat_corpus.py). Each
group holds one peer function: the original (``peer``) and arnorm's (``arnorm``); the
speedup is the ratio of their medians.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from arnorm.compat import camel, pyarabic
from compat_corpus import corpus

araby = pytest.importorskip("pyarabic.araby")
pa_normalize = pytest.importorskip("pyarabic.normalize")
c_normalize = pytest.importorskip("camel_tools.utils.normalize")
c_dediac = pytest.importorskip("camel_tools.utils.dediac")
c_charmap = pytest.importorskip("camel_tools.utils.charmap")
c_word = pytest.importorskip("camel_tools.tokenizers.word")

PAIRS: dict[str, tuple[Callable[[str], object], Callable[[str], object]]] = {
    "pyarabic.strip_tashkeel": (pyarabic.strip_tashkeel, araby.strip_tashkeel),
    "pyarabic.strip_harakat": (pyarabic.strip_harakat, araby.strip_harakat),
    "pyarabic.strip_lastharaka": (pyarabic.strip_lastharaka, araby.strip_lastharaka),
    "pyarabic.strip_shadda": (pyarabic.strip_shadda, araby.strip_shadda),
    "pyarabic.strip_tatweel": (pyarabic.strip_tatweel, araby.strip_tatweel),
    "pyarabic.strip_small": (pyarabic.strip_small, araby.strip_small),
    "pyarabic.strip_diacritics": (pyarabic.strip_diacritics, araby.strip_diacritics),
    "pyarabic.normalize_ligature": (pyarabic.normalize_ligature, araby.normalize_ligature),
    "pyarabic.normalize_hamza": (pyarabic.normalize_hamza, araby.normalize_hamza),
    "pyarabic.normalize_teh": (pyarabic.normalize_teh, araby.normalize_teh),
    "pyarabic.normalize_alef": (pyarabic.normalize_alef, araby.normalize_alef),
    "pyarabic.normalize_searchtext": (
        pyarabic.normalize_searchtext,
        pa_normalize.normalize_searchtext,
    ),
    "camel.normalize_unicode": (camel.normalize_unicode, c_normalize.normalize_unicode),
    "camel.dediac_ar": (camel.dediac_ar, c_dediac.dediac_ar),
    "camel.normalize_alef_ar": (camel.normalize_alef_ar, c_normalize.normalize_alef_ar),
    "camel.normalize_alef_maksura_ar": (
        camel.normalize_alef_maksura_ar,
        c_normalize.normalize_alef_maksura_ar,
    ),
    "camel.normalize_teh_marbuta_ar": (
        camel.normalize_teh_marbuta_ar,
        c_normalize.normalize_teh_marbuta_ar,
    ),
    "camel.arclean": (camel.arclean, c_charmap.CharMapper.builtin_mapper("arclean")),
    "camel.simple_word_tokenize": (camel.simple_word_tokenize, c_word.simple_word_tokenize),
}


@pytest.mark.parametrize("side", ["arnorm", "peer"])
@pytest.mark.parametrize("name", sorted(PAIRS))
def test_compat(benchmark, name: str, side: str) -> None:
    docs = corpus()
    func = PAIRS[name][0 if side == "arnorm" else 1]

    def run() -> list[str]:
        return [func(d) for d in docs]

    benchmark.group = name
    size = sum(len(d.encode("utf-8")) for d in docs)
    benchmark.extra_info["input bytes"] = size
    result = benchmark.pedantic(run, rounds=15 if side == "arnorm" else 5, warmup_rounds=1)
    if benchmark.stats is not None:
        benchmark.extra_info["MB/s"] = round(size / benchmark.stats.stats.median / 1e6, 2)
    assert result == [PAIRS[name][1](d) for d in docs]
