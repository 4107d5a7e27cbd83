"""French and English typography of numbers, areas, ratios and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from mixplan.report.typography import (
    format_area,
    format_date,
    format_number,
    format_percent,
    format_value,
    format_value_delta,
)

NNBSP, NBSP, MINUS = "\u202f", "\u00a0", "\u2212"


@pytest.mark.parametrize(("value", "lang", "decimals", "expected"), [
    (1234567.891, "fr", 2, f"1{NNBSP}234{NNBSP}567,89"),
    (1234567.891, "en", 2, "1,234,567.89"),
    (999.5, "fr", 0, f"1{NNBSP}000"),
    (-1234.5, "fr", 1, f"{MINUS}1{NNBSP}234,5"),
    (-0.001, "fr", 2, "0,00"),  # rounds to zero: no minus sign
    (0.5, "en", 0, "0"),  # Python rounds half to even
    (float("nan"), "fr", 0, "\u2014"),
    (None, "en", 0, "\u2014"),
])
def test_numbers(value, lang, decimals, expected) -> None:
    assert format_number(value, lang, decimals) == expected


def test_areas_percentages_and_deltas() -> None:
    assert format_area(47180.4, "fr") == f"47{NNBSP}180{NBSP}m²"
    assert format_area(47180.4, "en") == f"47,180{NBSP}m²"
    assert format_percent(1.0743, "fr", 1) == f"107,4{NNBSP}%"
    assert format_percent(1.0743, "en", 1) == "107.4%"
    assert format_value("far", 0.2849, "fr") == "0,28"
    assert format_value("coverage", 0.2857, "en") == "28.6%"
    assert format_value_delta("sdp_m2", 17188.0, "fr") == f"+17{NNBSP}188{NBSP}m²"
    assert format_value_delta("sdp_m2", -250.0, "en") == f"{MINUS}250{NBSP}m²"
    assert format_value_delta("sdp_m2", 0.2, "en") == f"±0{NBSP}m²"
    assert format_value_delta("coverage", 0.019, "fr") == f"+1,9{NNBSP}pts"
    assert format_value("sdp_by_family_m2", 12.0, "en") == f"12{NBSP}m²"


def test_dates() -> None:
    assert format_date(dt.date(2026, 11, 26), "fr") == "26 novembre 2026"
    assert format_date(dt.date(2026, 8, 1), "fr") == "1er août 2026"
    assert format_date(dt.date(2026, 11, 26), "en") == "26 November 2026"


def test_french_texts_keep_colons_with_their_words() -> None:
    from mixplan.report.texts import TEXTS

    for key, value in TEXTS["fr"].items():
        assert " :" not in value and " ;" not in value, key
    assert set(TEXTS["fr"]) == set(TEXTS["en"])
