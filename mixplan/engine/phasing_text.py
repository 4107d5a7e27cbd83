"""``mixplan phasing``: the readable text form of a scenario's phasing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mixplan.model.naming import building_reference

__all__ = ["format_phasing_text"]


def _m2(value: float) -> str:
    return f"{value:,.0f} m²"


def format_phasing_text(
    doc: dict[str, Any], names: Mapping[str, str] | None = None
) -> str:
    """The ``mixplan phasing`` document as aligned text, one phase a line.

    ``names`` maps building ids to the names the user gave them: a firm's move
    names its buildings by them (with the id); without, by id.

    Examples
    --------
    >>> from mixplan.engine.phasing import phasing
    >>> from mixplan.model import Project
    >>> text = format_phasing_text(phasing(Project.new("p"), "Existing").to_json())
    >>> print(text.splitlines()[0])
    scenario Existing: not phased (one phase)
    """
    state = "phased" if doc["phased"] else "not phased (one phase)"
    lines = [
        f"scenario {doc['scenario']}: {state}",
        f"existing productive floor area {_m2(doc['baseline_productive_m2'])}; "
        f"during works at least {_m2(doc['retention_limit_m2'])}",
        f"{'phase':<24}  productive during  productive at end  housing delivered  "
        "firms without premises",
    ]
    for p in doc["phases"]:
        label = f"{p['phase']} {p['name']}".strip()[:24]
        lines.append(
            f"{label:<24}  {_m2(p['productive_in_use_during_m2']):>17}  "
            f"{_m2(p['productive_in_use_end_m2']):>17}  "
            f"{_m2(p['housing_delivered_m2']):>17}  "
            + (", ".join(p["firms_without_premises"]) or "—")
        )
    names = names or {}

    def named(bid: str) -> str:
        return building_reference(bid, names.get(bid, ""))

    for move in doc["moves"]:
        origin = named(move["from"]) if move["from"] else "—"
        lines.append(
            f"phase {move['phase']}: {move['firm']} moves from {origin} "
            f"to {named(move['to'])}"
        )
    for f in doc["findings"]:
        lines.append(f"{f['severity']:<7} {f['rule']} {f['message']}")
    return "\n".join(lines) + "\n"
