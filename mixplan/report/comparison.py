"""The comparison of scenarios as tables a spreadsheet can take.

Every scenario is a column; the rows are the indicators of ``mixplan check``, their
change from the baseline, and each rule's verdict. :func:`comparison_tables` builds
them from evaluations; :func:`comparison_csv` and :func:`comparison_xlsx` turn them
into the bytes of a file (``mixplan compare``, Compare ▸ Export…). The caller writes
the bytes (atomically, through the store).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mixplan.engine.findings import Evaluation
from mixplan.engine.indicators import INDICATOR_ROWS
from mixplan.engine.rules import rule_name
from mixplan.model.uses import USES
from mixplan.report.texts import text

__all__ = [
    "ComparisonTable",
    "comparison_csv",
    "comparison_tables",
    "comparison_xlsx",
    "rule_verdict",
]

_DIGITS = 6


_RATIOS = {"coverage", "productive_retention", "open_soil_ratio", "cbs", "far"}
_UNIT_TEXT = {
    "fr": {"m2": "m²", "m": "m", "ratio": "ratio", "count": "nombre"},
    "en": {"m2": "m²", "m": "m", "ratio": "ratio", "count": "count"},
}
_VERDICTS = {
    "fr": {"pass": "conforme", "fail": "non conforme", "warning": "alerte"},
    "en": {"pass": "pass", "fail": "fail", "warning": "warning"},
}
_HEADINGS = {
    "fr": {
        "indicators": "Indicateurs",
        "delta": "Écart à l'existant",
        "rules": "Règles",
        "findings": "Constats",
        "key": "clé",
        "label": "libellé",
        "unit": "unité",
        "rule": "règle",
        "name": "nom",
        "scenario": "scénario",
        "severity": "gravité",
        "message": "message",
        "measured": "mesure",
        "limit": "seuil",
        "targets": "bâtiments",
        "source": "source",
        "table": "tableau",
        "baseline": "{name} (existant)",
    },
    "en": {
        "indicators": "Indicators",
        "delta": "Change from baseline",
        "rules": "Rules",
        "findings": "Findings",
        "key": "key",
        "label": "label",
        "unit": "unit",
        "rule": "rule",
        "name": "name",
        "scenario": "scenario",
        "severity": "severity",
        "message": "message",
        "measured": "measured",
        "limit": "limit",
        "targets": "buildings",
        "source": "source",
        "table": "table",
        "baseline": "{name} (baseline)",
    },
}


@dataclass(frozen=True)
class ComparisonTable:
    """One table of the comparison: a sheet of the workbook.

    ``key`` names the table in a machine-readable way (``indicators``, ``delta``,
    ``rules``, ``findings``); ``title`` is its heading in the chosen language;
    ``scenario_columns`` is how many trailing columns are scenarios (0 for the
    findings, which are listed one per row).
    """

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    scenario_columns: int


def rule_verdict(evaluation: Evaluation, rule: str) -> tuple[str, int]:
    """A rule's verdict on a scenario and how many findings make it.

    ``("fail", number of errors)`` when the rule gave an error,
    ``("warning", number of warnings)`` when it gave warnings only, else
    ``("pass", 0)``: a rule fails on an error, as ``mixplan check`` does.

    Examples
    --------
    >>> from mixplan.engine.findings import Evaluation, Finding
    >>> e = Evaluation("S", {}, findings=[Finding("C09", "error", "short")])
    >>> rule_verdict(e, "C09"), rule_verdict(e, "D01")
    (('fail', 1), ('pass', 0))
    """
    from mixplan.report.runs import finding_runs

    errors = warnings = 0
    for run in finding_runs(evaluation.findings):
        if run.rule == rule:
            if run.severity == "error":
                errors += len(run.findings)
            elif run.severity == "warning":
                warnings += len(run.findings)
    if errors:
        return "fail", errors
    return ("warning", warnings) if warnings else ("pass", 0)


def _unit(key: str) -> str:
    if key in _RATIOS:
        return "ratio"
    if key.endswith("_m2") or key.startswith("sdp_by_"):
        return "m2"
    if key.endswith("_m"):
        return "m"
    return "count"


def _value(indicators: Mapping[str, Any], key: str) -> Any:
    head, _, sub = key.partition(".")
    value = indicators.get(head)
    if sub:
        value = value.get(sub) if isinstance(value, Mapping) else None
    if isinstance(value, float):
        return round(value, _DIGITS) + 0.0
    return value


def _use_label(code: str, lang: str) -> str:
    use = USES.get(code)
    return code if use is None else use.label(lang)


def _rule_ids(evaluations: Sequence[Evaluation]) -> list[str]:
    from mixplan.engine.rules import RULES
    from mixplan.report.runs import finding_runs

    known = list(RULES)
    seen = sorted(
        {run.rule for e in evaluations for run in finding_runs(e.findings)} - set(known)
    )
    return [*known, *seen]


def comparison_tables(
    evaluations: Mapping[str, Evaluation],
    scenarios: Sequence[str],
    *,
    lang: str = "en",
) -> list[ComparisonTable]:
    """The comparison of ``scenarios`` (the baseline first) as four tables.

    Parameters
    ----------
    evaluations
        An evaluation of every scenario named in ``scenarios``.
    scenarios
        Scenario names, in column order; the first is the baseline.
    lang
        ``"fr"`` or ``"en"``: labels, units and verdicts. Keys, rule ids and use
        codes stay as they are, so a script can read either language's file.

    Returns
    -------
    list of ComparisonTable
        ``indicators`` (values), ``delta`` (scenario minus baseline; empty for
        the baseline), ``rules`` (verdict per scenario: pass, fail or warning
        with the number of findings) and ``findings`` (every finding, one a row).

    Examples
    --------
    >>> from mixplan.model import Project
    >>> from mixplan.engine import evaluate
    >>> p = Project.new("p")
    >>> tables = comparison_tables({"Existing": evaluate(p, "Existing")}, ["Existing"])
    >>> [t.key for t in tables]
    ['indicators', 'delta', 'rules', 'findings']
    >>> tables[0].rows[0][:4]
    ('site_area_m2', 'Site area', 'm²', 0.0)
    """
    lang = "fr" if lang == "fr" else "en"
    h = _HEADINGS[lang]
    units = _UNIT_TEXT[lang]
    evals = [evaluations[name] for name in scenarios]
    columns = tuple(
        h["baseline"].format(name=name) if i == 0 else name
        for i, name in enumerate(scenarios)
    )

    uses = sorted(
        {code for e in evals for code in (e.indicators.get("sdp_by_use_m2") or {})}
    )
    keys = [*INDICATOR_ROWS, *(f"sdp_by_use_m2.{code}" for code in uses)]

    def label(key: str) -> str:
        if key.startswith("sdp_by_use_m2."):
            return f"SDP {_use_label(key.partition('.')[2], lang)}"
        return text(lang, "indicator." + key)

    indicator_rows = tuple(
        (
            key,
            label(key),
            units[_unit(key)],
            *(_value(e.indicators, key) for e in evals),
        )
        for key in keys
    )
    delta_rows = tuple(
        (
            key,
            label(key),
            units[_unit(key)],
            None,
            *(_value(e.delta, key) for e in evals[1:]),
        )
        for key in keys
    )
    verdicts = _VERDICTS[lang]

    def verdict_text(evaluation: Evaluation, rule: str) -> str:
        status, count = rule_verdict(evaluation, rule)
        return verdicts[status] + (f" ({count})" if count else "")

    rule_rows = tuple(
        (rule, rule_name(rule, lang), *(verdict_text(e, rule) for e in evals))
        for rule in _rule_ids(evals)
    )
    severity = {k: text(lang, "severity." + k) for k in ("error", "warning", "info")}
    finding_rows = tuple(
        (
            e.scenario,
            f.rule,
            severity.get(f.severity, f.severity),
            f.message_fr if lang == "fr" and f.message_fr else f.message,
            _value({"v": f.measured}, "v"),
            _value({"v": f.limit}, "v"),
            ", ".join(f.targets),
            f.source,
        )
        for e in evals
        for f in e.findings
    )
    return [
        ComparisonTable(
            "indicators",
            h["indicators"],
            (h["key"], h["label"], h["unit"], *columns),
            indicator_rows,
            len(columns),
        ),
        ComparisonTable(
            "delta",
            h["delta"],
            (h["key"], h["label"], h["unit"], *columns),
            delta_rows,
            len(columns),
        ),
        ComparisonTable(
            "rules",
            h["rules"],
            (h["rule"], h["name"], *columns),
            rule_rows,
            len(columns),
        ),
        ComparisonTable(
            "findings",
            h["findings"],
            (
                h["scenario"],
                h["rule"],
                h["severity"],
                h["message"],
                h["measured"],
                h["limit"],
                h["targets"],
                h["source"],
            ),
            finding_rows,
            0,
        ),
    ]


def comparison_csv(tables: Sequence[ComparisonTable]) -> bytes:
    """The scenario tables (not the findings) as one CSV file.

    One header row ``table, key, label, unit, <scenario>…``, then the rows of the
    indicators, the changes and the rules, each led by its table's key (a rule
    row leaves ``unit`` empty). UTF-8 with a byte-order mark, comma-separated,
    point as decimal mark, CRLF line ends — the same conventions as the floor
    area CSV, so Excel shows the accents and pandas reads it as it is.

    Examples
    --------
    >>> t = ComparisonTable("rules", "Rules", ("rule", "name", "A"),
    ...                     (("C09", "Retention", "pass"),), 1)
    >>> comparison_csv([t]).decode("utf-8-sig").splitlines()
    ['table,key,label,unit,A', 'rules,C09,Retention,,pass']
    """
    scenario_tables = [t for t in tables if t.scenario_columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if scenario_tables:
        first = scenario_tables[0]
        scenarios = first.header[len(first.header) - first.scenario_columns :]
        writer.writerow(["table", "key", "label", "unit", *scenarios])
    for table in scenario_tables:
        lead = len(table.header) - table.scenario_columns
        for row in table.rows:
            head = list(row[:lead]) + [""] * (3 - lead)
            writer.writerow(
                [table.key, *head, *("" if v is None else v for v in row[lead:])]
            )
    return buffer.getvalue().encode("utf-8-sig")


def comparison_xlsx(tables: Sequence[ComparisonTable]) -> bytes:
    """The comparison as an Excel workbook, one sheet per table.

    Numbers stay numbers (ratios formatted as percentages, areas with digit
    grouping), the header row is bold and frozen, columns are sized to their
    text. Written with openpyxl, imported here only.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        # A sheet title is at most 31 characters and refuses []:*?/\ .
        title = "".join(c for c in table.title if c not in "[]:*?/\\")[:31]
        sheet = book.create_sheet(title)
        sheet.append(list(table.header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "B2"
        lead = len(table.header) - table.scenario_columns
        for row in table.rows:
            sheet.append(list(row))
            if table.scenario_columns and table.key in ("indicators", "delta"):
                key = str(row[0])
                number_format = (
                    "0.0%"
                    if _unit(key) == "ratio" and key != "far"
                    else ("0.000" if key in ("far", "cbs") else "#,##0")
                )
                for cell in sheet[sheet.max_row][lead:]:
                    if isinstance(cell.value, int | float):
                        cell.number_format = number_format
        for index, name in enumerate(table.header, start=1):
            width = max(
                [len(str(name))]
                + [
                    len(str(r[index - 1]))
                    for r in table.rows[:500]
                    if r[index - 1] is not None
                ]
            )
            sheet.column_dimensions[get_column_letter(index)].width = min(
                60, max(8, width + 2)
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
