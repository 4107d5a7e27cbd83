r"""Numbers, areas, ratios and dates as a French or English reader expects them.

French follows the Imprimerie nationale conventions: a decimal comma, a narrow
no-break space (U+202F) between groups of three digits and before ``%``, a
no-break space (U+00A0) before a unit. English uses a decimal point and commas.
Both use the true minus sign (U+2212), which does not break from its number.

Examples
--------
>>> format_area(12345.6, "fr")
'12\u202f346\xa0m²'
>>> format_area(12345.6, "en")
'12,346\xa0m²'
>>> format_percent(0.854, "fr")
'85\u202f%'
"""

from __future__ import annotations

import datetime as _dt
import math

__all__ = [
    "DASH",
    "MINUS",
    "NARROW_NBSP",
    "NBSP",
    "format_area",
    "format_date",
    "format_delta",
    "format_number",
    "format_percent",
    "format_value",
]

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
MINUS = "\u2212"
#: Shown where a value does not exist (no baseline, no site area).
DASH = "\u2014"

_MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
)
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)


def _missing(value: float | None) -> bool:
    return value is None or not math.isfinite(value)


def format_number(value: float | None, lang: str, decimals: int = 0) -> str:
    r"""A number with the grouping and decimal mark of ``lang``.

    Parameters
    ----------
    value
        The number; ``None``, NaN or infinity give a dash.
    lang
        ``"fr"`` or ``"en"``.
    decimals
        Digits after the decimal mark (rounded half away from zero by ``format``).

    Examples
    --------
    >>> format_number(-1234.5, "fr", 1)
    '\u22121\u202f234,5'
    >>> format_number(1234.5, "en", 1)
    '1,234.5'
    """
    if _missing(value):
        return DASH
    assert value is not None
    text = f"{abs(value):,.{decimals}f}"
    if lang == "fr":
        text = text.replace(",", NARROW_NBSP).replace(".", ",")
    # A value that rounds to zero is shown unsigned: "−0" reads as a loss.
    if value < 0 and any(ch not in "0.,\u202f" for ch in text):
        text = MINUS + text
    return text


def format_area(value_m2: float | None, lang: str, decimals: int = 0) -> str:
    """An area in square metres, ``"12 346 m²"``; a dash when missing."""
    if _missing(value_m2):
        return DASH
    return f"{format_number(value_m2, lang, decimals)}{NBSP}m²"


def format_percent(ratio: float | None, lang: str, decimals: int = 0) -> str:
    """A ratio as a percentage: 0.854 → ``"85 %"`` (fr) or ``"85%"`` (en)."""
    if _missing(ratio):
        return DASH
    assert ratio is not None
    number = format_number(ratio * 100.0, lang, decimals)
    return f"{number}{NARROW_NBSP}%" if lang == "fr" else f"{number}%"


def format_delta(text: str, value: float | None) -> str:
    """Prefix a formatted difference with its sign: ``+``, or ``±`` for zero.

    ``text`` is the already formatted magnitude (negative values already carry
    their minus sign from :func:`format_number`).

    Examples
    --------
    >>> format_delta("12 m²", 12.0)
    '+12 m²'
    """
    if _missing(value) or text == DASH:
        return DASH
    assert value is not None
    if text.startswith(MINUS):
        return text
    if value > 0 and any(ch in "123456789" for ch in text.split("\u00a0")[0]):
        return "+" + text
    return "±" + text


def format_date(day: _dt.date, lang: str) -> str:
    """A date in words: ``"26 novembre 2026"`` or ``"26 November 2026"``."""
    if lang == "fr":
        first = "1er" if day.day == 1 else str(day.day)
        return f"{first} {_MONTHS_FR[day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


#: How each indicator of DESIGN §8 is shown: ``(kind, decimals)``.
INDICATOR_FORMATS: dict[str, tuple[str, int]] = {
    "site_area_m2": ("area", 0),
    "footprint_m2": ("area", 0),
    "coverage": ("percent", 1),
    "gfa_m2": ("area", 0),
    "sdp_m2": ("area", 0),
    "productive_sdp_m2": ("area", 0),
    "productive_non_grade_sdp_m2": ("area", 0),
    "productive_retention": ("percent", 1),
    "productive_kept_m2": ("area", 0),
    "productive_lost_m2": ("area", 0),
    "productive_gained_m2": ("area", 0),
    "far": ("number", 2),
    "dwellings": ("number", 0),
    "residents": ("number", 0),
    "jobs": ("number", 0),
    "open_soil_m2": ("area", 0),
    "open_soil_ratio": ("percent", 1),
    "cbs": ("number", 2),
    "artificialised_m2": ("area", 0),
    "net_new_artificialised_m2": ("area", 0),
    "max_height_m": ("metres", 1),
    "parking_supply": ("number", 0),
    "parking_demand": ("number", 0),
    "loading_bays": ("number", 0),
    "loading_bays_required": ("number", 0),
}


def format_value(key: str, value: float | None, lang: str) -> str:
    """An indicator formatted after its kind (:data:`INDICATOR_FORMATS`).

    Keys of the ``*_m2`` mappings (``sdp_by_family_m2.housing``) are areas.

    Examples
    --------
    >>> format_value("far", 1.234, "fr")
    '1,23'
    """
    kind, decimals = INDICATOR_FORMATS.get(key, ("area" if "_m2" in key else
                                                 "number", 0))
    if kind == "area":
        return format_area(value, lang, decimals)
    if kind == "percent":
        return format_percent(value, lang, decimals)
    if kind == "metres":
        if _missing(value):
            return DASH
        return f"{format_number(value, lang, decimals)}{NBSP}m"
    return format_number(value, lang, decimals)


def format_value_delta(key: str, value: float | None, lang: str) -> str:
    r"""A difference from the baseline, signed; percentages in points.

    Examples
    --------
    >>> format_value_delta("sdp_m2", 250.0, "en")
    '+250\xa0m²'
    >>> format_value_delta("coverage", -0.05, "fr")
    '\u22125,0\u202fpts'
    """
    kind, decimals = INDICATOR_FORMATS.get(key, ("area" if "_m2" in key else
                                                 "number", 0))
    if _missing(value):
        return DASH
    assert value is not None
    if kind == "percent":
        text = format_number(value * 100.0, lang, decimals)
        unit = f"{NARROW_NBSP}pts" if lang == "fr" else f"{NBSP}pts"
        return format_delta(text + unit, value)
    return format_delta(format_value(key, value, lang), value)
