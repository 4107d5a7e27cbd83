"""Small helpers shared by the panels: language, merge ids, rule names, numbers."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QLocale

_sessions = itertools.count(1)


def ui_lang() -> str:
    """``"fr"`` when the default locale is French, else ``"en"``.

    The window sets ``QLocale.setDefault`` when the user picks a language, so model
    labels (use classes, rules) follow the same choice as the ``.qm`` translations.
    """
    return "fr" if QLocale().language() == QLocale.Language.French else "en"


def new_scrub_session() -> int:
    """A fresh number; pushes that share one merge into one undo step."""
    return next(_sessions)


def merge_id(document: object, *key: object) -> int:
    """The document's undo merge id for a key (one per scrubbing session)."""
    return int(document.merge_id(repr(key)))  # type: ignore[attr-defined]


def rule_name(rule_id: str, lang: str | None = None) -> str:
    """The rule's name from the engine's registry (its id for an unknown rule)."""
    from mixplan.engine.rules import RULES

    lang = lang or ui_lang()
    rule = RULES.get(rule_id)
    if rule is None:
        return rule_id
    return str(rule.name_fr if lang == "fr" else rule.name_en)


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
