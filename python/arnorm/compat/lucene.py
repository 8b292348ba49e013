"""Apache Lucene 8.7's Arabic and Persian analysis filters, exactly, for every ``str``.

* ``normalize``: ``org.apache.lucene.analysis.ar.ArabicNormalizer`` (what
  ``ArabicNormalizationFilter`` does to each token);
* ``persian_normalize``: ``org.apache.lucene.analysis.fa.PersianNormalizer``;
* ``stem``: ``org.apache.lucene.analysis.ar.ArabicStemmer`` of one token (what
  ``ArabicStemFilter`` does to each token);
* ``analyze``: the terms ``org.apache.lucene.analysis.ar.ArabicAnalyzer()`` indexes for a
  text, as a ``list[str]``: its ``StandardTokenizer`` (UAX #29 word breaking on Unicode
  9.0 data, tokens of at most 255 UTF-16 units), ``LowerCaseFilter``,
  ``DecimalDigitFilter``, the default Arabic stop words, ``ArabicNormalizationFilter`` and
  ``ArabicStemFilter``.

Lucene works on UTF-16; these take and return ``str``, and the stemmer counts a code point
past U+FFFF as two, as Java does. ``analyze`` reads a lone high surrogate followed by a
lone low surrogate as one code point, as Java does; the README lists the one input
(text ending with a lone high surrogate) where it differs from Lucene.
"""

from .._arnorm import lucene_analyze as analyze
from .._arnorm import lucene_normalize as normalize
from .._arnorm import lucene_persian_normalize as persian_normalize
from .._arnorm import lucene_stem as stem

__all__ = ["analyze", "normalize", "persian_normalize", "stem"]
