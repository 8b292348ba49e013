"""Drop-in replacements for other libraries' Arabic normalization functions.

Change one import and get the same output, faster:

* ``arnorm.compat.pyarabic``: PyArabic 0.6.15 (``pyarabic.araby``, ``pyarabic.normalize``);
* ``arnorm.compat.camel``: CAMeL Tools 1.6.0 (``camel_tools.utils``, and
  ``simple_word_tokenize``);
* ``arnorm.compat.lucene``: Lucene 8.7's ``ArabicNormalizer``, ``PersianNormalizer`` and
  ``ArabicStemmer``.

Each function returns exactly what the original returns for every ``str`` (including the
original's surprising cases, listed in the README), and raises ``TypeError`` for anything
else. The rules are rows of ``seeds/compat/*.tsv`` run by the Rust core.
"""

from . import camel, lucene, pyarabic

__all__ = ["camel", "lucene", "pyarabic"]
