"""Pass/fail of the key rules and the one-sentence verdict of each scenario.

The key rules are the promise of the project: C09 (no net loss of productive
floor area), D01 (density rises), C13 (productive space is real) and C15 (what
sits under housing is compatible with it). A rule fails a scenario when the
engine reports it with severity error or warning (C13 reports unfit space as a
warning, since it is excluded from C09 rather than blocking); info findings,
such as the assumptions C13 lists, do not fail it.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal

from mixplan.engine.findings import Evaluation
from mixplan.model import Rulebook
from mixplan.report.runs import finding_runs
from mixplan.report.texts import text
from mixplan.report.typography import format_area, format_number, format_percent

__all__ = ["KEY_RULES", "RuleStatus", "rule_status", "verdict"]

KEY_RULES: tuple[str, ...] = ("C09", "D01", "C13", "C15")
#: Rules that compare a scenario with the baseline: meaningless on the baseline.
_COMPARING = frozenset({"C09", "D01"})

RuleStatus = Literal["pass", "fail", "existing", "off", "n/a"]


def _building(target: str) -> str:
    return target.split("#", 1)[0]


def rule_status(rulebook: Rulebook, evaluation: Evaluation, rule: str,
                is_baseline: bool, unchanged: Collection[str] = ()) -> RuleStatus:
    """Whether ``rule`` passes on a scenario (``pass``, ``fail``, ``existing``…).

    ``off`` and ``n/a`` when it does not apply; ``existing`` when it fails only on
    buildings of the existing state.

    ``unchanged`` holds the ids of the scenario's buildings that are baseline
    buildings it does not change: a finding whose targets are all among them is
    the existing state's, kept by the scenario, not caused by it (in the
    baseline, every failing building is existing state).

    Examples
    --------
    >>> from mixplan.engine.findings import Finding
    >>> e = Evaluation("A", {}, {}, [Finding("C13", "info", "assumed")])
    >>> rule_status(Rulebook(), e, "C13", False)
    'pass'
    >>> rule_status(Rulebook(), e, "D01", True)
    'n/a'
    """
    if not rulebook.enabled(rule):
        return "off"
    if is_baseline and rule in _COMPARING:
        return "n/a"
    failing = [run for run in finding_runs(evaluation.findings)
               if run.rule == rule and run.severity in ("error", "warning")]
    if not failing:
        return "pass"
    if is_baseline:
        return "existing"
    if all(targets and all(_building(t) in unchanged for t in targets)
           for run in failing for targets in run.targets()):
        return "existing"
    return "fail"


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {text(lang, 'and')} " + items[-1]


def verdict(name: str, rulebook: Rulebook, evaluation: Evaluation,
            baseline: Evaluation, lang: str, is_baseline: bool,
            unchanged: Collection[str] = ()) -> str:
    """One sentence on a scenario, written from its findings and indicators.

    Examples
    --------
    >>> base = Evaluation("E", {"sdp_m2": 1000.0, "productive_sdp_m2": 600.0,
    ...                         "far": 0.5})
    >>> good = Evaluation("G", {"sdp_m2": 2000.0, "productive_sdp_m2": 600.0,
    ...                         "productive_retention": 1.0, "far": 1.0})
    >>> verdict("G", Rulebook(), good, base, "en", False)
    'G meets the four key rules: productive-grade floor area retained at 100.0% \
while density rises from 0.50 to 1.00.'
    """
    ind, base = evaluation.indicators, baseline.indicators
    if is_baseline:
        return text(lang, "verdict_baseline", name=name,
                    sdp=format_area(ind.get("sdp_m2"), lang),
                    productive=format_area(ind.get("productive_sdp_m2"), lang))
    retention = format_percent(ind.get("productive_retention"), lang, 1)
    far_before = format_number(base.get("far"), lang, 2)
    far_after = format_number(ind.get("far"), lang, 2)
    statuses = {r: rule_status(rulebook, evaluation, r, False, unchanged)
                for r in KEY_RULES}
    failed = [r for r in KEY_RULES if statuses[r] == "fail"]
    kept = [r for r in KEY_RULES if statuses[r] == "existing"]
    runs = finding_runs(evaluation.findings)
    others = sorted({run.rule for run in runs
                     if run.severity == "error" and run.rule not in KEY_RULES})
    if not failed:
        sentence = text(lang, "verdict_pass", name=name, retention=retention,
                        far_before=far_before, far_after=far_after)
    else:
        details = []
        for rule in failed:
            if rule == "C09":
                limit = rulebook.number("C09", "min_productive_retention")
                details.append(text(lang, "verdict_detail_c09", retention=retention,
                                    limit=format_percent(limit, lang)))
            elif rule == "D01":
                details.append(text(lang, "verdict_detail_d01", far_after=far_after,
                                    far_before=far_before))
            elif rule == "C13":
                details.append(text(lang, "verdict_detail_c13", area=format_area(
                    ind.get("productive_non_grade_sdp_m2"), lang)))
            else:
                count = sum(len(run.findings) for run in runs
                            if run.rule == "C15" and run.severity == "error")
                details.append(text(lang, "verdict_detail_c15", count=count))
        if lang == "fr":
            joined = "\u00a0: " + "\u202f; ".join(details)
        else:
            joined = ": " + "; ".join(details)
        sentence = text(lang, "verdict_fail", name=name, rules=_join(failed, lang),
                        details=joined)
    if kept:
        sentence += " " + text(lang, "verdict_existing", rules=_join(kept, lang))
    if others:
        sentence += " " + text(lang, "verdict_other_errors", rules=", ".join(others))
    return sentence
