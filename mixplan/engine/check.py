"""``mixplan check``: the JSON document of DESIGN §8 and its readable text form."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from mixplan.engine.evaluator import Evaluator
from mixplan.engine.finding_records import rules_of, severities_of
from mixplan.engine.findings import Evaluation, Finding
from mixplan.model.project import Project

__all__ = ["check_document", "check_evaluations", "check_text", "format_check_text"]

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
    project: Project, scenario_names: Sequence[str] | None = None, lang: str = "en"
) -> dict[str, Any]:
    """Evaluate scenarios into the ``check --json`` document of DESIGN §8.

    Parameters
    ----------
    project
        The project.
    scenario_names
        Scenarios to evaluate, in this order (duplicates dropped); ``None`` for
        every scenario, the baseline first.
    lang
        ``"fr"``: each finding's ``message`` is its French text (the keys and
        everything else stay the same).

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
    scenarios = [
        {
            "name": evaluation.scenario,
            "indicators": _rounded(evaluation.indicators),
            "delta": _rounded(evaluation.delta),
            "findings": [_finding_json(f, lang) for f in evaluation.findings],
        }
        for evaluation in check_evaluations(project, scenario_names)
    ]
    return {
        "project": project.name,
        "baseline": project.baseline.name,
        "scenarios": scenarios,
    }


def check_evaluations(
    project: Project, scenario_names: Sequence[str] | None = None
) -> list[Evaluation]:
    """The evaluations :func:`check_document` reports, in its order.

    Raises
    ------
    ModelError
        If a name is not a scenario of the project.
    """
    if scenario_names is None:
        names = [s.name for s in project.scenarios]
    else:
        names = list(dict.fromkeys(scenario_names))
        for name in names:
            project.scenario(name)
    evaluator = Evaluator(project)
    return [evaluator.evaluate(name) for name in names]


def _finding_json(finding: Finding, lang: str) -> dict[str, Any]:
    """A finding's ``check --json`` record, its message in ``lang``.

    (Its fields rounded one by one: rounding the whole document walked 600,000
    findings' every key at 100,000 buildings.)
    """
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": (finding.message_fr or finding.message)
        if lang == "fr"
        else finding.message,
        "measured": _rounded(finding.measured),
        "limit": _rounded(finding.limit),
        "targets": list(finding.targets),
        "source": finding.source,
    }


def _signed(value: float, fmt: str, lang: str) -> str:
    if abs(value) < 10 ** -(_DIGITS - 1):
        return "±0"
    return ("+" if value > 0 else "−") + _number(abs(value), fmt, lang)


def _number(value: float, fmt: str, lang: str) -> str:
    """``1,234.5`` in English, ``1 234,5`` in French (narrow no-break space)."""
    text = format(value, fmt)
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",").replace("%", "\u202f%")
    return text


def _line(label: str, value: str, delta: str = "") -> str:
    return f"  {label:<30} {value:>14}" + (f"   ({delta})" if delta else "")


#: The labels of the text form: English, French.
_LABELS = {
    "site": ("Site area", "Surface du terrain"),
    "sdp": ("Floor area (SDP)", "Surface de plancher (SDP)"),
    "housing": ("  housing", "  logement"),
    "productive": ("  productive (all)", "  productif (tout)"),
    "tertiary": ("  tertiary", "  tertiaire"),
    "shared": ("  shared", "  équipements partagés"),
    "far": ("Density (FAR)", "Densité (COS)"),
    "grade": ("Productive-grade SDP", "SDP productive conforme"),
    "non_grade": ("  not productive-grade", "  non conforme"),
    "retention": ("  retention", "  maintien"),
    "flows": ("  kept / lost / gained", "  gardée / perdue / gagnée"),
    "dwellings": ("Dwellings", "Logements"),
    "residents": ("Residents", "Habitants"),
    "jobs": ("Jobs", "Emplois"),
    "coverage": ("Coverage", "Emprise au sol"),
    "open_soil": ("Open soil", "Pleine terre"),
    "cbs": ("Biotope coefficient (CBS)", "Coefficient de biotope (CBS)"),
    "artificialised": ("Artificialised land", "Sol artificialisé"),
    "height": ("Max height", "Hauteur maximale"),
    "parking": ("Parking supply / demand", "Stationnement offre / besoin"),
    "bays": ("Loading bays / required", "Aires de livraison / requises"),
    "error": ("Errors", "Erreurs"),
    "warning": ("Warnings", "Avertissements"),
    "info": ("Information", "Informations"),
    "none": ("No findings.", "Aucun constat."),
}


def _indicator_lines(
    ind: dict[str, Any], delta: dict[str, Any], baseline: bool, lang: str
) -> list[str]:
    def label(key: str) -> str:
        return _LABELS[key][lang == "fr"]

    def num(value: float, fmt: str = ",.0f") -> str:
        return _number(value, fmt, lang)

    def area(key: str) -> tuple[str, str]:
        d = "" if baseline else _signed(delta[key], ",.0f", lang) + " m²"
        return f"{num(ind[key])} m²", d

    def ratio(key: str, fmt: str) -> tuple[str, str]:
        d = "" if baseline else _signed(delta[key], fmt, lang)
        return num(ind[key], fmt), d

    def count_(key: str) -> tuple[str, str]:
        d = "" if baseline else _signed(delta[key], ",.0f", lang)
        return num(ind[key]), d

    fam = ind["sdp_by_family_m2"]
    lines = [
        _line(label("site"), f"{num(ind['site_area_m2'])} m²"),
        _line(label("sdp"), *area("sdp_m2")),
        _line(label("housing"), f"{num(fam['housing'])} m²"),
        _line(label("productive"), f"{num(fam['productive'])} m²"),
        _line(label("tertiary"), f"{num(fam['tertiary'])} m²"),
        _line(label("shared"), f"{num(fam['shared'])} m²"),
        _line(label("far"), *ratio("far", ".3f")),
        _line(label("grade"), *area("productive_sdp_m2")),
        _line(label("non_grade"), f"{num(ind['productive_non_grade_sdp_m2'])} m²"),
        _line(label("retention"), num(ind["productive_retention"], ".1%")),
    ]
    if not baseline:
        flows = " / ".join(
            num(ind[key])
            for key in (
                "productive_kept_m2",
                "productive_lost_m2",
                "productive_gained_m2",
            )
        )
        lines.append(_line(label("flows"), f"{flows} m²"))
    lines += [
        _line(label("dwellings"), *count_("dwellings")),
        _line(label("residents"), *count_("residents")),
        _line(label("jobs"), *count_("jobs")),
        _line(label("coverage"), *ratio("coverage", ".1%")),
        _line(label("open_soil"), *ratio("open_soil_ratio", ".1%")),
        _line(label("cbs"), *ratio("cbs", ".2f")),
        _line(label("artificialised"), *area("artificialised_m2")),
        _line(label("height"), f"{num(ind['max_height_m'], '.1f')} m"),
        _line(
            label("parking"),
            f"{num(ind['parking_supply'])} / {num(ind['parking_demand'])}",
        ),
        _line(
            label("bays"),
            f"{num(ind['loading_bays'])} / {num(ind['loading_bays_required'])}",
        ),
    ]
    return lines


def _targets(targets: list[str], lang: str) -> str:
    if not targets or targets == ["site"]:
        return ""
    shown = ", ".join(targets[:_MAX_TARGETS])
    more = len(targets) - _MAX_TARGETS
    word = "autres" if lang == "fr" else "more"
    return f"  [{shown}{f', +{more} {word}' if more > 0 else ''}]"


#: A scenario as the text shows it: its name, indicators and delta, each
#: finding's severity and rule, and the message (in the text's language) and
#: targets of finding ``k`` — asked only for the few shown.
_Shown = tuple[
    str,
    dict[str, Any],
    dict[str, Any],
    Sequence[str],
    Sequence[str],
    Callable[[int], tuple[str, list[str]]],
]


def _finding_lines(
    severities: Sequence[str],
    rules: Sequence[str],
    shown_words: Callable[[int], tuple[str, list[str]]],
    lang: str,
) -> list[str]:
    lines: list[str] = []
    for severity in ("error", "warning", "info"):
        group = [k for k, s in enumerate(severities) if s == severity]
        if not group:
            continue
        lines.append(f"  {_LABELS[severity][lang == 'fr']} ({len(group)})")
        shown: dict[str, int] = {}
        for k in group:
            rule = rules[k]
            shown[rule] = shown.get(rule, 0) + 1
            if shown[rule] <= _MAX_PER_RULE:
                message, targets = shown_words(k)
                lines.append(f"    {rule}  {message}{_targets(targets, lang)}")
        for rule, n in shown.items():
            if n > _MAX_PER_RULE:
                more = n - _MAX_PER_RULE
                lines.append(
                    f"    {rule}  … et {more} de plus"
                    if lang == "fr"
                    else f"    {rule}  … and {more} more"
                )
    if not lines:
        lines.append("  " + _LABELS["none"][lang == "fr"])
    return lines


def format_check_text(doc: dict[str, Any], lang: str = "en") -> str:
    """The readable report of ``mixplan check``: indicators with deltas, findings.

    Parameters
    ----------
    doc
        A document from :func:`check_document` (made in the same ``lang``).
    lang
        ``"en"`` or ``"fr"``: labels, and numbers with a decimal comma in French.

    Returns
    -------
    str
        Plain text ending with a newline: per scenario, the key indicators (with
        their difference from the baseline) and the findings grouped by severity,
        then a one-line summary.
    """

    def words(findings: list[dict[str, Any]]) -> Callable[[int], tuple[str, list[str]]]:
        return lambda k: (findings[k]["message"], findings[k]["targets"])

    text, _failing = _text(
        doc["project"],
        doc["baseline"],
        [
            (
                s["name"],
                s["indicators"],
                s["delta"],
                [f["severity"] for f in s["findings"]],
                [f["rule"] for f in s["findings"]],
                words(s["findings"]),
            )
            for s in doc["scenarios"]
        ],
        lang,
    )
    return text


def check_text(
    project: Project, scenario_names: Sequence[str] | None = None, lang: str = "en"
) -> tuple[str, bool]:
    """The text of :func:`format_check_text` from the evaluations; any error.

    Returns the text and whether a scenario has an error. Only the findings the
    text shows (a few per rule) are worded: the whole document of 100,000
    buildings worded and rounded 600,000 findings (tens of seconds) for a page
    of text.
    """

    def words(findings: Sequence[Finding]) -> Callable[[int], tuple[str, list[str]]]:
        def worded(k: int) -> tuple[str, list[str]]:
            record = _finding_json(findings[k], lang)
            return record["message"], record["targets"]

        return worded

    text, failing = _text(
        project.name,
        project.baseline.name,
        [
            (
                e.scenario,
                _rounded(e.indicators),
                _rounded(e.delta),
                severities_of(e.findings),
                rules_of(e.findings),
                words(e.findings),
            )
            for e in check_evaluations(project, scenario_names)
        ],
        lang,
    )
    return text, failing > 0


def _text(
    project: str,
    baseline_name: str,
    scenarios: list[_Shown],
    lang: str,
) -> tuple[str, int]:
    """The text, and how many scenarios have an error."""
    french = lang == "fr"
    out = [
        f"Projet {project} (existant : {baseline_name})"
        if french
        else f"Project {project} (baseline: {baseline_name})"
    ]
    failing = 0
    for name, indicators, delta, severities, rules, shown_words in scenarios:
        baseline = name == baseline_name
        mark = (" (existant)" if french else " (baseline)") if baseline else ""
        out.append("")
        out.append(f"== {name}{mark} ==")
        out += _indicator_lines(indicators, delta, baseline, lang)
        out.append("")
        out += _finding_lines(severities, rules, shown_words, lang)
        if "error" in severities:
            failing += 1
    n = len(scenarios)
    out.append("")
    if french:
        out.append(
            f"{n} scénario(s) vérifié(s) ; "
            + (f"{failing} avec erreurs." if failing else "aucune erreur.")
        )
    else:
        out.append(
            f"{n} scenario(s) checked; "
            + (f"{failing} with errors." if failing else "no errors.")
        )
    return "\n".join(out) + "\n", failing
