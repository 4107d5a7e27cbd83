"""``mixplan check``: the JSON document of DESIGN §8 and its readable text form."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mixplan.engine.evaluator import Evaluator
from mixplan.model.project import Project

__all__ = ["check_document", "format_check_text"]

_DIGITS = 6
_MAX_PER_RULE = 5
_MAX_TARGETS = 6


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, _DIGITS) + 0.0  # + 0.0 turns -0.0 into 0.0
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def check_document(
    project: Project, scenario_names: Sequence[str] | None = None
) -> dict[str, Any]:
    """Evaluate scenarios into the ``check --json`` document of DESIGN §8.

    Parameters
    ----------
    project
        The project.
    scenario_names
        Scenarios to evaluate, in this order (duplicates dropped); ``None`` for
        every scenario, the baseline first.

    Returns
    -------
    dict
        ``{"project", "baseline", "scenarios": [{"name", "indicators", "delta",
        "findings"}]}``, floats rounded to 6 decimals.

    Raises
    ------
    ModelError
        If a name is not a scenario of the project.

    Examples
    --------
    >>> from mixplan.model import Project
    >>> doc = check_document(Project.new("p"))
    >>> doc["baseline"], [s["name"] for s in doc["scenarios"]]
    ('Existing', ['Existing'])
    """
    if scenario_names is None:
        names = [s.name for s in project.scenarios]
    else:
        names = list(dict.fromkeys(scenario_names))
        for name in names:
            project.scenario(name)
    evaluator = Evaluator(project)
    return {
        "project": project.name,
        "baseline": project.baseline.name,
        "scenarios": [_rounded(evaluator.evaluate(n).to_json()) for n in names],
    }


def _signed(value: float, fmt: str) -> str:
    if abs(value) < 10 ** -(_DIGITS - 1):
        return "±0"
    return ("+" if value > 0 else "−") + format(abs(value), fmt)


def _line(label: str, value: str, delta: str = "") -> str:
    return f"  {label:<30} {value:>14}" + (f"   ({delta})" if delta else "")


def _indicator_lines(ind: dict[str, Any], delta: dict[str, Any],
                     baseline: bool) -> list[str]:
    def area(key: str) -> tuple[str, str]:
        d = "" if baseline else _signed(delta[key], ",.0f") + " m²"
        return f"{ind[key]:,.0f} m²", d

    def ratio(key: str, fmt: str) -> tuple[str, str]:
        d = "" if baseline else _signed(delta[key], fmt)
        return format(ind[key], fmt), d

    def count_(key: str) -> tuple[str, str]:
        d = "" if baseline else _signed(delta[key], ",.0f")
        return f"{ind[key]:,.0f}", d

    fam = ind["sdp_by_family_m2"]
    lines = [
        _line("Site area", f"{ind['site_area_m2']:,.0f} m²"),
        _line("Floor area (SDP)", *area("sdp_m2")),
        _line("  housing", f"{fam['housing']:,.0f} m²"),
        _line("  productive (all)", f"{fam['productive']:,.0f} m²"),
        _line("  tertiary", f"{fam['tertiary']:,.0f} m²"),
        _line("  shared", f"{fam['shared']:,.0f} m²"),
        _line("Density (FAR)", *ratio("far", ".3f")),
        _line("Productive-grade SDP", *area("productive_sdp_m2")),
        _line("  not productive-grade",
              f"{ind['productive_non_grade_sdp_m2']:,.0f} m²"),
        _line("  retention", f"{ind['productive_retention']:.1%}"),
    ]
    if not baseline:
        lines.append(_line(
            "  kept / lost / gained",
            f"{ind['productive_kept_m2']:,.0f} / {ind['productive_lost_m2']:,.0f} / "
            f"{ind['productive_gained_m2']:,.0f} m²"))
    lines += [
        _line("Dwellings", *count_("dwellings")),
        _line("Residents", *count_("residents")),
        _line("Jobs", *count_("jobs")),
        _line("Coverage", *ratio("coverage", ".1%")),
        _line("Open soil", *ratio("open_soil_ratio", ".1%")),
        _line("Biotope coefficient (CBS)", *ratio("cbs", ".2f")),
        _line("Artificialised land", *area("artificialised_m2")),
        _line("Max height", f"{ind['max_height_m']:.1f} m"),
        _line("Parking supply / demand",
              f"{ind['parking_supply']:,.0f} / {ind['parking_demand']:,.0f}"),
        _line("Loading bays / required",
              f"{ind['loading_bays']} / {ind['loading_bays_required']}"),
    ]
    return lines


def _targets(targets: list[str]) -> str:
    if not targets or targets == ["site"]:
        return ""
    shown = ", ".join(targets[:_MAX_TARGETS])
    more = len(targets) - _MAX_TARGETS
    return f"  [{shown}{f', +{more} more' if more > 0 else ''}]"


def _finding_lines(findings: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    for severity, title in (("error", "Errors"), ("warning", "Warnings"),
                            ("info", "Information")):
        group = [f for f in findings if f["severity"] == severity]
        if not group:
            continue
        lines.append(f"  {title} ({len(group)})")
        shown: dict[str, int] = {}
        for f in group:
            shown[f["rule"]] = shown.get(f["rule"], 0) + 1
            if shown[f["rule"]] <= _MAX_PER_RULE:
                lines.append(f"    {f['rule']}  {f['message']}{_targets(f['targets'])}")
        for rule, n in shown.items():
            if n > _MAX_PER_RULE:
                lines.append(f"    {rule}  … and {n - _MAX_PER_RULE} more")
    if not lines:
        lines.append("  No findings.")
    return lines


def format_check_text(doc: dict[str, Any]) -> str:
    """The readable report of ``mixplan check``: indicators with deltas, findings.

    Parameters
    ----------
    doc
        A document from :func:`check_document`.

    Returns
    -------
    str
        Plain text ending with a newline: per scenario, the key indicators (with
        their difference from the baseline) and the findings grouped by severity,
        then a one-line summary.
    """
    out = [f"Project {doc['project']} (baseline: {doc['baseline']})"]
    failing = 0
    for scenario in doc["scenarios"]:
        baseline = scenario["name"] == doc["baseline"]
        out.append("")
        out.append(f"== {scenario['name']}" + (" (baseline)" if baseline else "")
                   + " ==")
        out += _indicator_lines(scenario["indicators"], scenario["delta"], baseline)
        out.append("")
        out += _finding_lines(scenario["findings"])
        if any(f["severity"] == "error" for f in scenario["findings"]):
            failing += 1
    n = len(doc["scenarios"])
    out.append("")
    out.append(f"{n} scenario(s) checked; "
               + (f"{failing} with errors." if failing else "no errors."))
    return "\n".join(out) + "\n"
