"""An evaluation's findings as runs of one rule and severity, read in bulk.

The engine keeps the findings of a large project as blocks (one rule at one
severity: :class:`~mixplan.engine.finding_records.FindingBlock`) and makes a
:class:`~mixplan.engine.findings.Finding` each time one is read. The report
counts, groups and orders them many times (key rules, verdicts, tables, the
full list): it does so run by run, reading a block's targets without making its
findings, and makes findings only for the rows it prints.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from mixplan.engine.finding_groups import SEVERITY_ORDER
from mixplan.engine.finding_records import FindingBlock, FindingList
from mixplan.engine.findings import Finding

__all__ = ["Run", "finding_runs", "ordered_runs"]


class Run(NamedTuple):
    """Findings of one rule and severity, consecutive in the evaluation."""

    rule: str
    severity: str
    #: a block of the engine, or a single finding
    findings: Sequence[Finding]

    def targets(self) -> Iterator[tuple[str, ...]]:
        """The targets of each finding, in order (none is made for a block)."""
        findings = self.findings
        if isinstance(findings, FindingBlock):
            return map(findings.targets, range(len(findings)))
        return (f.targets for f in findings)


def finding_runs(findings: Sequence[Finding]) -> list[Run]:
    """The findings as runs, in their order: a block whole, others one by one.

    Examples
    --------
    >>> a, b = Finding("C02", "error", "too much"), Finding("C06", "info", "ok")
    >>> block = FindingBlock("C03", "warning", "", 2, lambda r: (f"b{r}",),
    ...                      lambda r, lang: "haut" if lang == "fr" else "high")
    >>> [(r.rule, r.severity, len(r.findings))
    ...  for r in finding_runs(FindingList([[a, b], block]))]
    [('C02', 'error', 1), ('C06', 'info', 1), ('C03', 'warning', 2)]
    """
    parts = findings.parts() if isinstance(findings, FindingList) else [findings]
    runs: list[Run] = []
    for part in parts:
        if isinstance(part, FindingBlock):
            runs.append(Run(part.rule, part.severity, part))
        else:
            runs.extend(Run(f.rule, f.severity, (f,)) for f in part)
    return runs


def ordered_runs(findings: Sequence[Finding]) -> list[Run]:
    """The runs in the report's order: errors, warnings, infos; then by rule.

    A stable sort: findings of the same rule and severity keep the engine's
    order, as sorting the findings one by one would.

    Examples
    --------
    >>> found = [Finding("C06", "info", "i"), Finding("C13", "warning", "w"),
    ...          Finding("C03", "error", "e"), Finding("C02", "warning", "v")]
    >>> [(r.rule, r.severity) for r in ordered_runs(found)]
    [('C03', 'error'), ('C02', 'warning'), ('C13', 'warning'), ('C06', 'info')]
    """
    return sorted(
        finding_runs(findings),
        key=lambda run: (SEVERITY_ORDER.get(run.severity, 3), run.rule),
    )
