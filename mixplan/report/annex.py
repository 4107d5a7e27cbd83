"""The annex: the rulebook and assumptions in force, and the use classes."""

from __future__ import annotations

from typing import Any

from mixplan.model import USES, Parameter
from mixplan.report.context import ReportContext, paragraph, table, value_cell
from mixplan.report.document import FRAME_WIDTH, heading
from mixplan.report.typography import DASH, NBSP, format_number

__all__ = ["annex", "format_parameter"]


def format_parameter(parameter: Parameter, value: object, lang: str) -> str:
    r"""A rulebook value as the reader expects it: yes/no, number with its unit.

    Examples
    --------
    >>> from mixplan.model import PARAMETERS
    >>> format_parameter(PARAMETERS[("C02", "max_coverage")], 0.6, "fr")
    '0,6'
    >>> format_parameter(PARAMETERS[("C03", "max_height_m")], 25.0, "en")
    '25\xa0m'
    """
    from mixplan.report.texts import text

    if isinstance(value, bool):
        return text(lang, "yes" if value else "no")
    if isinstance(value, int | float):
        decimals = 0 if float(value).is_integer() else len(
            f"{value:.6g}".partition(".")[2])
        number = format_number(float(value), lang, min(decimals, 4))
        return f"{number}{NBSP}{parameter.unit}" if parameter.unit else number
    return str(value) if value is not None else DASH


def _section_label(ctx: ReportContext, section: str) -> str:
    if section == "assumptions":
        return ctx.t("assumptions")
    if section == "m2_per_job":
        return ctx.t("m2_per_job")
    if section == "suggest":
        return ctx.t("suggest_section")
    return ctx.rule_name(section)


def annex(ctx: ReportContext) -> list[Any]:
    """Every rulebook parameter with value, source and status; the use classes."""
    from reportlab.platypus import PageBreak

    s = ctx.styles
    lang = ctx.lang
    story: list[Any] = [heading(ctx.t("annex_rulebook"), s.h1, 0),
                        paragraph(ctx.t("annex_rulebook_intro"), s.body)]
    header = [paragraph(ctx.t(k), s.cell_right if k == "value" else s.cell_bold,
                        bold=k == "value")
              for k in ("section", "parameter", "value", "source", "status")]
    rows: list[list[Any]] = [header]
    previous = None
    rulebook = ctx.project.rulebook
    for parameter, value in rulebook.items():
        section = _section_label(ctx, parameter.section)
        shown_section = section if parameter.section != previous else ""
        previous = parameter.section
        label = parameter.label_fr if lang == "fr" else parameter.label_en
        changed = parameter.key in rulebook.values
        rows.append([
            paragraph(shown_section, s.cell_bold),
            paragraph(label, s.cell),
            value_cell(format_parameter(parameter, value, lang), bold=changed),
            paragraph(parameter.source, s.cell_small),
            paragraph(parameter.status, s.cell),
        ])
    widths = [108, 150, 62, FRAME_WIDTH - 108 - 150 - 62 - 34, 34]
    story.append(table(rows, widths, zebra=False))
    story.append(PageBreak())

    story += [heading(ctx.t("annex_uses"), s.h1, 0)]
    header = [paragraph(ctx.t(k), s.cell_right if k == "m2_per_job"
                        else s.cell_bold, bold=k == "m2_per_job")
              for k in ("use_code", "use_label", "family", "destination",
                        "m2_per_job")]
    rows = [header]
    for code, use in USES.items():
        per_job = rulebook.get("m2_per_job", code) if use.m2_per_job is not None \
            else None
        rows.append([
            paragraph(code, s.cell_small),
            paragraph(use.label(lang), s.cell),
            paragraph(ctx.t(f"family.{use.family.value}"), s.cell),
            paragraph(use.destination, s.cell),
            value_cell(format_number(float(per_job), lang) if isinstance(
                per_job, int | float) else DASH),
        ])
    widths = [80, 160, 120, FRAME_WIDTH - 80 - 160 - 120 - 70, 70]
    story.append(table(rows, widths))
    return story
