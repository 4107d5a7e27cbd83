"""Financial assumptions as TOML and as text.

TOML serves ``mixplan assumptions FILE --export/--import`` and ``mixplan
balance … --assumptions A.toml``.

The file has the scalar keys first, then the tables ``[price_eur_m2]``,
``[cost_eur_m2]`` and ``[acquisition_eur_m2]`` keyed by family (``housing``,
``productive``, ``tertiary``, ``shared``) or by use code; a use key wins over
its family. Export comments every value with its label, unit, source, year and
status. A value is a number, or an inline table ``{ value = …, source = "…",
year = …, status = "S|M|I" }`` to carry its provenance; a plain number that
differs from the current value is marked as coming from the imported file.

Import validates everything before returning: a file that is not TOML, an
unknown table, family, use or key, a negative amount, a rate outside [0, 1),
or a missing required assumption is refused with one line naming the file and
the key.
"""

from __future__ import annotations

import math
from pathlib import Path

from mixplan.model.errors import MixplanError, ModelError
from mixplan.model.finance import (
    REQUIRED_KEYS,
    SCALAR_KEYS,
    TABLES,
    Assumption,
    FinancialAssumptions,
    check_key,
    label_of,
    unit_of,
)
from mixplan.model.finance_defaults import source_text
from mixplan.model.toml_file import read_toml

__all__ = ["assumptions_from_toml", "assumptions_to_toml", "format_assumptions_text"]

#: Largest assumptions file read (the full set is about 8 kB).
MAX_BYTES = 1_000_000


def _number(value: float) -> str:
    text = repr(float(value))
    return text if ("." in text or "e" in text) else text + ".0"


def _comment(key: str, entry: Assumption) -> str:
    unit = unit_of(key)
    unit_text = f" [{unit} HT]" if unit else " [rate]"
    year = f", {entry.year}" if entry.year is not None else ""
    source = " ".join(entry.source.split())
    return f"# {label_of(key)}{unit_text} — {source}{year} ({entry.status})"


def assumptions_to_toml(fa: FinancialAssumptions) -> str:
    """The assumptions as TOML: scalars, then one table per price/cost table.

    Examples
    --------
    >>> text = assumptions_to_toml(FinancialAssumptions.defaults())
    >>> "[price_eur_m2]" in text and "fees_rate = 0.1" in text
    True
    """
    lines = [
        "# mixplan financial assumptions: amounts in euros excluding VAT (€ HT) per m²",
        "# of surface de plancher (SDP), except demolition (per m² of gross floor",
        "# area), remediation (per m² of footprint) and de-sealing (per m² of ground).",
        "# Rates are shares in [0, 1). A use key refines its family (a use key wins).",
        "# Statuses: S sourced, M estimate to check against the cited text, "
        "I hypothesis to set for the project.",
        "# Import with: mixplan assumptions FILE --import THIS.toml",
        "",
    ]
    for key in SCALAR_KEYS:
        entry = fa.entries[key]
        lines += [_comment(key, entry), f"{key} = {_number(entry.value)}"]
    for table in TABLES:
        lines += ["", f"[{table}]"]
        for key, entry in fa:
            if key.startswith(table + "."):
                lines += [
                    _comment(key, entry),
                    f"{key.split('.', 1)[1]} = {_number(entry.value)}",
                ]
    return "\n".join(lines) + "\n"


def _fail(path: Path, message: str) -> MixplanError:
    return MixplanError(message, path)


def _read(path: Path) -> dict[str, object]:
    return read_toml(path, "assumptions", MAX_BYTES)


def _entry(
    path: Path, key: str, value: object, current: FinancialAssumptions
) -> Assumption:
    if isinstance(value, dict):
        unknown = set(value) - {"value", "source", "year", "status"}
        if unknown or "value" not in value:
            raise _fail(
                path,
                f"{key}: an inline table needs 'value' and may have "
                "'source', 'year', 'status'",
            )
        number = value["value"]
        source = value.get("source", f"imported from {path.name}")
        year = value.get("year")
        status = value.get("status", "I")
    else:
        number, year, status = value, None, "I"
        source = f"imported from {path.name}"
        old = current.get(key)
        if (
            old is not None
            and isinstance(value, int | float)
            and not isinstance(value, bool)
            and float(value) == old.value
        ):
            return old  # unchanged: keep its provenance
    if isinstance(number, bool) or not isinstance(number, int | float):
        raise _fail(path, f"{key} must be a number, not {number!r}")
    if not math.isfinite(number):
        raise _fail(path, f"{key} must be finite, not {number}")
    try:
        return Assumption(number, source, year, status).checked_for(key)  # type: ignore[arg-type]
    except ModelError as exc:
        text = str(exc)
        raise _fail(path, text if key in text else f"{key}: {text}") from None


def assumptions_from_toml(
    path: Path | str, current: FinancialAssumptions | None = None
) -> FinancialAssumptions:
    """Read and validate a complete set of assumptions.

    Parameters
    ----------
    path
        A TOML file as :func:`assumptions_to_toml` writes it.
    current
        The assumptions in force: a value the file leaves unchanged keeps its
        source, year and status.

    Raises
    ------
    MixplanError
        With ``path`` set and a one-line message naming the key, if the file
        cannot be read, is not TOML, has an unknown table or key, a value that
        is not a number, a negative amount or a rate outside [0, 1), or lacks a
        required assumption.
    """
    path = Path(path)
    current = current or FinancialAssumptions.defaults()
    doc = _read(path)
    entries: dict[str, Assumption] = {}
    for name, value in doc.items():
        if name in TABLES:
            if not isinstance(value, dict):
                raise _fail(path, f"{name} must be a table [{name}], not a value")
            for code, item in value.items():
                key = f"{name}.{code}"
                try:
                    check_key(key)
                except ModelError as exc:
                    raise _fail(path, str(exc)) from None
                entries[key] = _entry(path, key, item, current)
            continue
        if name not in SCALAR_KEYS:
            raise _fail(
                path,
                f"unknown assumption {name!r}; known: "
                + ", ".join((*SCALAR_KEYS, *TABLES)),
            )
        entries[name] = _entry(path, name, value, current)
    missing = [key for key in REQUIRED_KEYS if key not in entries]
    if missing:
        shown = ", ".join(missing[:4]) + (" …" if len(missing) > 4 else "")
        raise _fail(
            path,
            f"missing assumption {shown} (every family of each table "
            "and every scalar is required)",
        )
    return FinancialAssumptions(entries)


def format_assumptions_text(fa: FinancialAssumptions, lang: str = "en") -> str:
    """The assumptions as a readable table: key, value, unit, source, year, status."""
    lines = []
    for key, entry in fa:
        unit = unit_of(key) or ("taux" if lang == "fr" else "rate")
        value = (
            f"{entry.value:.3f}".rstrip("0").rstrip(".")
            if not unit_of(key)
            else f"{entry.value:,.0f}".replace(",", "\u202f" if lang == "fr" else ",")
        )
        year = str(entry.year) if entry.year is not None else "—"
        lines.append(
            f"{key:<36} {value:>8} {unit:<5} {year:>4} {entry.status}  "
            f"{label_of(key, lang)} — "
            f"{' '.join(source_text(key, entry, lang).split())}"
        )
    return "\n".join(lines) + "\n"
