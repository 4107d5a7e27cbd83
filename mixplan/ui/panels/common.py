"""Small helpers shared by the panels: language, rule names, numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale

if TYPE_CHECKING:
    from mixplan.engine.findings import Finding


def ui_lang() -> str:
    """``"fr"`` when the default locale is French, else ``"en"``.

    The window sets ``QLocale.setDefault`` when the user picks a language, so model
    labels (use classes, rules) follow the same choice as the ``.qm`` translations.
    """
    return "fr" if QLocale().language() == QLocale.Language.French else "en"


def rule_name(rule_id: str, lang: str | None = None) -> str:
    """The rule's name from the engine's registry (its id for an unknown rule)."""
    from mixplan.engine.rules import rule_name as engine_rule_name

    return engine_rule_name(rule_id, lang or ui_lang())


def finding_message(finding: Finding, lang: str | None = None) -> str:
    """A finding's message in the UI language (English when it has no French)."""
    if (lang or ui_lang()) == "fr" and finding.message_fr:
        return finding.message_fr
    return finding.message


def rule_ids() -> list[str]:
    """The ids of the engine's rule registry, in order."""
    from mixplan.engine.rules import RULES

    return list(RULES)


def format_number(value: float, decimals: int = 0) -> str:
    """A number with the locale's digit grouping (1 234 in French, 1,234 in English).

    The "C" locale (a bare test or CI environment) groups nothing: English is used
    instead, so large areas stay readable there too.
    """
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return locale.toString(float(value), "f", decimals)


def format_percent(percent: float, decimals: int = 0, lang: str | None = None) -> str:
    """A percentage as the language writes it: 85% in English, 85 % in French.

    French puts a narrow no-break space before the sign (as the report does);
    ``percent`` is already in hundredths (85, not 0.85); ``lang`` defaults to
    the window's.
    """
    number = format_number(percent, decimals)
    return f"{number}\u202f%" if (lang or ui_lang()) == "fr" else f"{number}%"


def row_runs(rows: list[int]) -> list[tuple[int, int]]:
    """The rows as (first, last) runs of consecutive rows, in order.

    >>> row_runs([5, 1, 2, 3, 9, 2])
    [(1, 3), (5, 5), (9, 9)]
    """
    runs: list[tuple[int, int]] = []
    for row in sorted(set(rows)):
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
