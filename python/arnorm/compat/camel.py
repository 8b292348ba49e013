"""CAMeL Tools 1.6.0 (``camel_tools.utils``, ``camel_tools.tokenizers.word``), exactly.

``normalize_unicode`` follows Unicode 15.0.0 (``arnorm.UNICODE_VERSION``) where CAMeL
follows the ``unicodedata`` of the running Python; the README lists the code points
where the two versions differ.
"""

from .. import _arnorm
from .._arnorm import camel_arclean as arclean
from .._arnorm import camel_dediac_ar as dediac_ar
from .._arnorm import camel_normalize_alef_ar as normalize_alef_ar
from .._arnorm import camel_normalize_alef_maksura_ar as normalize_alef_maksura_ar
from .._arnorm import camel_normalize_teh_marbuta_ar as normalize_teh_marbuta_ar
from .._arnorm import camel_simple_word_tokenize as simple_word_tokenize


def normalize_unicode(s: str, compatibility: object = True) -> str:
    """NFKC (with U+FDFC ﷼ → ريال and U+FDFD ﷽ spelled out) if ``compatibility``, else NFC."""
    if compatibility:
        return _arnorm.camel_normalize_unicode_nfkc(s)
    return _arnorm.camel_normalize_unicode_nfc(s)


__all__ = [
    "arclean",
    "dediac_ar",
    "normalize_alef_ar",
    "normalize_alef_maksura_ar",
    "normalize_teh_marbuta_ar",
    "normalize_unicode",
    "simple_word_tokenize",
]
