"""The rulebook as TOML (``mixplan rules FILE --export/--import``) and as text.

Export writes one table per section (a rule id, ``assumptions``, ``m2_per_job``)
with every parameter and its value in force, each commented with its label, unit,
source and status. Import validates everything before returning: a file that is
not TOML, an unknown section or key, a value of the wrong type or out of range is
refused with one line naming the file and the key. Parameters the file leaves out
take their default.
"""

from __future__ import annotations

import math
from pathlib import Path

from mixplan.engine.rule_reference import status_label
from mixplan.engine.rules import RULES
from mixplan.model.errors import MixplanError, ModelError
from mixplan.model.rulebook import (
    CBS_PARAMETERS,
    LEGACY_KEYS,
    PARAMETERS,
    Parameter,
    Rulebook,
    Value,
)
from mixplan.model.toml_file import read_toml

__all__ = [
    "format_rulebook_text",
    "parameter_source",
    "rulebook_from_toml",
    "rulebook_to_toml",
    "section_title",
]

#: Largest rulebook file read (the full rulebook is about 10 kB).
MAX_BYTES = 1_000_000

_SECTION_TITLES = {
    "assumptions": "Assumptions for indicators",
    "m2_per_job": "Floor area (SDP) per job, by use",
    "suggest": "Suggested scenarios (optimiser)",
    "cbs": "Biotope coefficients (CBS) per surface and roof",
}


def _sections() -> dict[str, list[Parameter]]:
    out: dict[str, list[Parameter]] = {}
    for param in PARAMETERS.values():
        out.setdefault(param.section, []).append(param)
    return out


#: The same titles in French.
_SECTION_TITLES_FR = {
    "assumptions": "Hypothèses des indicateurs",
    "m2_per_job": "Surface de plancher (SDP) par emploi, par usage",
    "suggest": "Scénarios proposés (optimiseur)",
    "cbs": "Coefficients de biotope (CBS) par surface et toiture",
}

#: Sources written in words of our own (the others cite a document by its title).
_SOURCE_WORDS_FR = {
    "project choice": "choix du projet",
    "Working value": "Valeur de travail",
}


def section_title(section: str, lang: str | None = None) -> str:
    """A section's title; both languages for the TOML file (``lang`` None).

    Examples
    --------
    >>> section_title("C03", "fr"), section_title("cbs", "en")
    ('C03 — Hauteur maximale', 'Biotope coefficients (CBS) per surface and roof')
    """
    rule = RULES.get(section)
    if rule is not None:
        if lang == "fr":
            return f"{rule.id} — {rule.name_fr}"
        if lang == "en":
            return f"{rule.id} — {rule.name_en}"
        return f"{rule.id} — {rule.name_en} / {rule.name_fr}"
    if lang == "fr":
        return _SECTION_TITLES_FR.get(section, section)
    return _SECTION_TITLES.get(section, section)


def parameter_source(source: str, lang: str) -> str:
    """A parameter's source in ``lang``: our own words translated, titles as cited.

    Examples
    --------
    >>> parameter_source("Working value (as food production)", "fr")
    'Valeur de travail (comme la production alimentaire)'
    """
    if lang != "fr":
        return source
    from mixplan.model.rulebook_sources_fr import SOURCES_FR

    if source in SOURCES_FR:
        return SOURCES_FR[source]
    for english, french in _SOURCE_WORDS_FR.items():
        if source.startswith(english):
            return french + source[len(english) :]
    return source


def _toml_value(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text if ("." in text or "e" in text) else text + ".0"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _comment(param: Parameter, value: Value) -> str:
    unit = f" [{param.unit}]" if param.unit else ""
    default = (
        "" if value == param.default else (f"; default {_toml_value(param.default)}")
    )
    choices = f"; one of {', '.join(param.choices)}" if param.choices else ""
    return (
        f"# {param.label_en}{unit} — {param.source} "
        f"({status_label(param.status)})"
        f"{default}{choices}"
    )


def rulebook_to_toml(rb: Rulebook) -> str:
    """The rulebook as TOML text: one table per section, every parameter commented.

    Examples
    --------
    >>> text = rulebook_to_toml(Rulebook())
    >>> "[C09]" in text and "min_productive_retention = 1.0" in text
    True
    """
    lines = [
        "# mixplan rulebook: rule parameters and assumptions.",
        "# Edit values and import with: mixplan rules FILE --import THIS.toml",
        "# Statuses: sourced (read in the cited text), estimate (from the "
        "cited document, to check), hypothesis (a working value to set).",
    ]
    for section, params in _sections().items():
        lines += ["", f"# {section_title(section)}", f"[{section}]"]
        for param in params:
            value = rb.get(*param.key)
            lines.append(_comment(param, value))
            lines.append(f"{param.name} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _fail(path: Path, message: str) -> MixplanError:
    return MixplanError(message, path)


def _read(path: Path) -> dict[str, object]:
    return read_toml(path, "rulebook", MAX_BYTES)


def rulebook_from_toml(path: Path | str) -> Rulebook:
    """Read and validate a rulebook exported by :func:`rulebook_to_toml`.

    Parameters
    ----------
    path
        A TOML file with tables named after rulebook sections.

    Returns
    -------
    Rulebook
        The values of the file; parameters it leaves out take their default.

    Raises
    ------
    MixplanError
        With ``path`` set and a one-line message naming the section and key, if
        the file cannot be read, is not TOML, has an unknown section or key, or a
        value of the wrong type or outside its range.
    """
    path = Path(path)
    doc = _read(path)
    sections = _sections()
    rb = Rulebook()
    for section, table in doc.items():
        if section not in sections:
            raise _fail(
                path, f"unknown section [{section}]; sections: " + ", ".join(sections)
            )
        if not isinstance(table, dict):
            raise _fail(path, f"{section} must be a table [{section}], not a value")
        for name, value in table.items():
            if (section, name) in LEGACY_KEYS:
                pass
            elif section == "cbs" and (section, name) not in PARAMETERS:
                raise _fail(
                    path,
                    f"unknown cover type cbs.{name}; surfaces: "
                    + ", ".join(CBS_PARAMETERS),
                )
            elif (section, name) not in PARAMETERS:
                known = ", ".join(p.name for p in sections[section])
                raise _fail(
                    path,
                    f"unknown parameter {section}.{name}; [{section}] has: {known}",
                )
            if isinstance(value, float) and not math.isfinite(value):
                raise _fail(path, f"{section}.{name} must be finite, not {value}")
            try:
                rb.set(section, name, value)  # type: ignore[arg-type]
            except ModelError as exc:
                raise _fail(path, str(exc)) from None
    return rb


def format_rulebook_text(rb: Rulebook, lang: str = "en") -> str:
    """The rulebook as readable text: per section, each value, unit and source.

    Values that differ from the default are marked with ``*``. In ``lang``
    (``"en"`` or ``"fr"``): titles, labels, statuses, and numbers with a decimal
    comma in French; the parameter keys stay as the TOML file writes them.
    """
    french = lang == "fr"
    lines: list[str] = []
    for section, params in _sections().items():
        if lines:
            lines.append("")
        title = section_title(section, "fr" if french else "en")
        if section in RULES and not rb.enabled(section):
            title += "  (désactivée)" if french else "  (switched off)"
        lines.append(title)
        for param in params:
            value = rb.get(*param.key)
            mark = "*" if value != param.default else " "
            shown = _toml_value(value).strip('"')
            if french:
                shown = {"true": "oui", "false": "non"}.get(shown, shown)
                if isinstance(value, float | int) and not isinstance(value, bool):
                    shown = shown.replace(".", ",")
            unit = f" {param.unit}" if param.unit else ""
            label = param.label_fr if french else param.label_en
            lines.append(
                f" {mark} {section}.{param.name:<34} {shown + unit:<14} "
                f"{label} — {parameter_source(param.source, lang)} "
                f"({status_label(param.status, 'fr' if french else 'en')})"
            )
    lines.append("")
    lines.append(
        "* diffère de la valeur par défaut" if french else "* differs from the default"
    )
    return "\n".join(lines) + "\n"
