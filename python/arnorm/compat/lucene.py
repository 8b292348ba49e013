"""Apache Lucene 8.7's Arabic and Persian analysis filters, exactly, for every ``str``.

* ``normalize``: ``org.apache.lucene.analysis.ar.ArabicNormalizer`` (what
  ``ArabicNormalizationFilter`` does to each token);
* ``persian_normalize``: ``org.apache.lucene.analysis.fa.PersianNormalizer``;
* ``stem``: ``org.apache.lucene.analysis.ar.ArabicStemmer`` of one token (what
  ``ArabicStemFilter`` does to each token).

Lucene works on UTF-16; these take and return ``str``, and the stemmer counts a code point
past U+FFFF as two, as Java does. ``ArabicAnalyzer`` as a whole (its standard tokenizer)
is not reproduced; see the README.
"""

from .._arnorm import lucene_normalize as normalize
from .._arnorm import lucene_persian_normalize as persian_normalize
from .._arnorm import lucene_stem as stem

__all__ = ["normalize", "persian_normalize", "stem"]
