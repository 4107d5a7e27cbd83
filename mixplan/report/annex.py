"""The annex: the rulebook and assumptions in force, and the use classes."""

from __future__ import annotations

from typing import Any

from mixplan.engine.rule_reference import source_text, status_label
from mixplan.model import USES, Parameter
from mixplan.model.uses import destination_label
from mixplan.report.context import ReportContext, paragraph, table, value_cell
from mixplan.report.document import FRAME_WIDTH, heading
from mixplan.report.labels import label_key
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
            paragraph(source_text(parameter.source, lang), s.cell_small),
            paragraph(status_label(parameter.status, lang), s.cell_small),
        ])
    widths = [96, 140, 58, FRAME_WIDTH - 96 - 140 - 58 - 84, 84]
    story.append(table(rows, widths, zebra=False))
    story.append(PageBreak())

    story += [heading(ctx.t("annex_uses"), s.h1, 0)]
    # The codes are the exchange format's: English words a French reader
    # should not meet; the French annex names the uses only.
    keys: tuple[str, ...] = ("use_label", "family", "destination", "m2_per_job")
    if lang != "fr":
        keys = ("use_code", *keys)
    header = [paragraph(ctx.t(k), s.cell_right if k == "m2_per_job"
                        else s.cell_bold, bold=k == "m2_per_job")
              for k in keys]
    rows = [header]
    for code, use in USES.items():
        per_job = rulebook.get("m2_per_job", code) if use.m2_per_job is not None \
            else None
        code_cell = [] if lang == "fr" else [paragraph(code, s.cell_small)]
        rows.append([
            *code_cell,
            paragraph(use.label(lang), s.cell),
            paragraph(ctx.t(f"family.{use.family.value}"), s.cell),
            paragraph(destination_label(use.destination, lang), s.cell),
            value_cell(format_number(float(per_job), lang) if isinstance(
                per_job, int | float) else DASH),
        ])
    widths = [80, 160, 120, FRAME_WIDTH - 80 - 160 - 120 - 70, 70]
    if lang == "fr":
        widths = [200, 110, FRAME_WIDTH - 200 - 110 - 70, 70]
    story.append(table(rows, widths))
    story += _label_key(ctx)
    return story


def _label_key(ctx: ReportContext) -> list[Any]:
    """The key from the short labels of long building ids to the ids."""
    buildings = {b.id: b for s in ctx.project.scenarios for b in s.buildings.values()}
    pairs = label_key(buildings.values())
    if not pairs:
        return []
    s = ctx.styles
    columns = 2
    per = -(-len(pairs) // columns)
    header = []
    for _ in range(columns):
        header += [paragraph(ctx.t("short_label"), s.cell_bold),
                   paragraph(ctx.t("full_id"), s.cell_bold)]
    rows: list[list[Any]] = [header]
    for r in range(per):
        row: list[Any] = []
        for c in range(columns):
            k = c * per + r
            short, full = pairs[k] if k < len(pairs) else ("", "")
            row += [paragraph(short, s.cell_small), paragraph(full, s.cell_small)]
        rows.append(row)
    pair_w = FRAME_WIDTH / columns
    return [heading(ctx.t("annex_labels"), s.h1, 0),
            paragraph(ctx.t("annex_labels_intro"), s.body),
            table(rows, [pair_w * 0.3, pair_w * 0.7] * columns)]
