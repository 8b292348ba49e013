"""PyArabic 0.6.15, exactly: ``from arnorm.compat import pyarabic as araby``.

The functions of ``pyarabic.araby`` (``strip_tashkeel`` ... ``normalize_alef``) and
``pyarabic.normalize.normalize_searchtext``, each equal to the original for every ``str``
(see the README for the cases where PyArabic's result is surprising, and which arnorm
option does it right).
"""

from .. import _arnorm
from .._arnorm import pyarabic_normalize_alef as normalize_alef
from .._arnorm import pyarabic_normalize_ligature as normalize_ligature
from .._arnorm import pyarabic_normalize_searchtext as normalize_searchtext
from .._arnorm import pyarabic_normalize_teh as normalize_teh
from .._arnorm import pyarabic_strip_diacritics as strip_diacritics
from .._arnorm import pyarabic_strip_harakat as strip_harakat
from .._arnorm import pyarabic_strip_lastharaka as strip_lastharaka
from .._arnorm import pyarabic_strip_shadda as strip_shadda
from .._arnorm import pyarabic_strip_small as strip_small
from .._arnorm import pyarabic_strip_tashkeel as strip_tashkeel
from .._arnorm import pyarabic_strip_tatweel as strip_tatweel


def normalize_hamza(word: str, method: object = "uniform") -> str:
    """Every hamza form to one (``"uniform"``) or to its bare carrier (``"tasheel"``).

    As in PyArabic, ``method`` is ``"tasheel"`` when it equals ``"tasheel"`` or
    ``"تسهيل"``; any other value means ``"uniform"``.
    """
    if method == "tasheel" or method == "تسهيل":
        return _arnorm.pyarabic_normalize_hamza_tasheel(word)
    return _arnorm.pyarabic_normalize_hamza_uniform(word)


__all__ = [
    "normalize_alef",
    "normalize_hamza",
    "normalize_ligature",
    "normalize_searchtext",
    "normalize_teh",
    "strip_diacritics",
    "strip_harakat",
    "strip_lastharaka",
    "strip_shadda",
    "strip_small",
    "strip_tashkeel",
    "strip_tatweel",
]
