"""arnorm: Arabic text normalization by a precisely specified rule set, with a Rust core.

>>> import arnorm
>>> arnorm.normalize("كَتَبَ الطالبُ إلى")
'كتب الطالب الي'

The rules are documented to the code point in the README and in ``seeds/`` of the source
distribution; ``arnorm.reference`` implements the same rules in plain Python.
"""

from types import MappingProxyType

from . import compat, reference
from ._arnorm import PRESETS as _PRESETS
from ._arnorm import (
    UNICODE_VERSION,
    Normalizer,
    TokenBatch,
    Tokenizer,
    __version__,
    normalize,
    tokenize,
    variants,
    word_counts,
)
from ._seed import seed_article
from .files import iter_normalized, normalize_file

#: Every preset's options (read-only): ``PRESETS["search"]["unicode"] == "nfkc"``.
PRESETS = MappingProxyType({name: MappingProxyType(o) for name, o in _PRESETS.items()})

__all__ = [
    "PRESETS",
    "UNICODE_VERSION",
    "Normalizer",
    "TokenBatch",
    "Tokenizer",
    "__version__",
    "compat",
    "iter_normalized",
    "normalize",
    "normalize_file",
    "reference",
    "seed_article",
    "tokenize",
    "variants",
    "word_counts",
]
