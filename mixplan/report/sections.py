"""The cover, the summary and the comparison charts of the report."""

from __future__ import annotations

from typing import Any

from mixplan.engine.suggest import description_in
from mixplan.report.charts import Series, vertical_bars
from mixplan.report.context import ReportContext, paragraph, table, value_cell
from mixplan.report.document import FRAME_WIDTH, heading
from mixplan.report.fonts import markup
from mixplan.report.labels import with_short_ids
from mixplan.report.palette import MUTED_TEXT_COLOUR, SEVERITY_COLOURS, family_colour
from mixplan.report.summary import KEY_RULES, rule_status, verdict
from mixplan.report.typography import (
    DASH,
    format_area,
    format_date,
    format_number,
    format_percent,
    format_value,
    format_value_delta,
)

__all__ = ["comparison", "cover", "family_series", "indicator", "summary",
           "SUMMARY_ROWS"]

#: The rows of the summary table, in order (``a.b`` reads a nested mapping).
SUMMARY_ROWS: tuple[str, ...] = (
    "sdp_m2",
    "sdp_by_family_m2.housing",
    "sdp_by_family_m2.productive",
    "sdp_by_family_m2.tertiary",
    "sdp_by_family_m2.shared",
    "sdp_by_use_m2.unassigned",
    "productive_sdp_m2",
    "productive_kept_m2",
    "productive_lost_m2",
    "productive_gained_m2",
    "productive_retention",
    "far",
    "coverage",
    "dwellings",
    "jobs",
    "open_soil_m2",
    "cbs",
    "net_new_artificialised_m2",
)
#: Rows already measured against the baseline: no difference shown under them.
_RELATIVE = frozenset({"productive_kept_m2", "productive_lost_m2",
                       "productive_gained_m2", "productive_retention",
                       "net_new_artificialised_m2"})
#: Scenarios per summary table, beside the baseline column.
PER_TABLE = 3


def indicator(indicators: dict[str, Any], key: str) -> float | None:
    """The value of ``key`` (``"sdp_by_family_m2.housing"`` reads the sub-key)."""
    value: Any = indicators
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return float(value) if isinstance(value, int | float) else None


def _status_cell(ctx: ReportContext, status: str) -> Any:
    style = ctx.styles.cell_right
    if status == "pass":
        return paragraph_markup(
            f'<font color="{SEVERITY_COLOURS["pass"]}">✓ {ctx.t("pass")}</font>', style)
    if status == "fail":
        return paragraph_markup(
            f'<font color="{SEVERITY_COLOURS["error"]}"><b>✗ {ctx.t("fail")}</b>'
            "</font>", style)
    if status == "existing":
        return paragraph_markup(
            f'<font color="{MUTED_TEXT_COLOUR}">◦ {ctx.t("existing")}</font>', style)
    label = ctx.t("rule_off") if status == "off" else DASH
    return paragraph_markup(f'<font color="{MUTED_TEXT_COLOUR}">{label}</font>', style)


def paragraph_markup(xml: str, style: Any) -> Any:
    """A Paragraph from reportlab mini-markup the caller has already escaped."""
    from reportlab.platypus import Paragraph

    return Paragraph(xml, style)


def cover(ctx: ReportContext) -> list[Any]:
    """The cover page: project, site, author, date, version, scenarios covered."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import NextPageTemplate, PageBreak, Spacer

    from mixplan.report.fonts import font_runs
    from mixplan.report.plan import site_plan

    s = ctx.styles
    project = ctx.project
    # Any page after the first, should the cover overflow, is a body page.
    story: list[Any] = [NextPageTemplate("body"), Spacer(1, 40)]
    if ctx.logo is not None:
        story = [NextPageTemplate("body"), ctx.logo, Spacer(1, 16)]
    # Long names get a smaller title so the cover still fits on its page.
    name = ctx.title or project.name
    size = 24.0 if len(name) <= 60 else 18.0 if len(name) <= 120 else 13.0
    title_style = ParagraphStyle("cover_title", parent=s.title, fontSize=size,
                                 leading=size * 1.2)
    title = paragraph(name, title_style)
    title.outline_entry = (name, 0)
    story += [title, paragraph(ctx.t("title"), s.subtitle)]
    site = project.site
    facts = [
        (ctx.t("site"), (site.name if site and site.name else
                         ctx.t("no_site") if site is None else name)),
        (ctx.t("site_area"), format_area(project.site_area_m2, ctx.lang)
         if site is not None else DASH),
        (ctx.t("date"), format_date(ctx.today, ctx.lang)),
        (ctx.t("version"), f"mixplan {ctx.version}"),
        (ctx.t("crs"), project.crs),
    ]
    if ctx.author.strip():
        facts.insert(2, (ctx.t("author"), ctx.author))
    rows = [[paragraph(k, s.cover_label),
             value_cell(v, size=10.5, align="left") if k == ctx.t("site_area")
             else paragraph(v, s.cover_value)]
            for k, v in facts]
    story.append(table(rows, [150, FRAME_WIDTH - 150], header_rows=0, zebra=False))
    story += [Spacer(1, 14), paragraph(ctx.t("scenarios_covered"), s.h2)]
    for name in ctx.names:
        scenario = project.scenario(name)
        detail = (ctx.t("baseline_mark") if ctx.is_baseline(name)
                  else ctx.t("buildings_count", count=len(scenario.buildings)))
        if ctx.is_baseline(name):
            detail += ", " + ctx.t("buildings_count", count=len(scenario.buildings))
        line = f"<b>{markup(ctx.shown(name))}</b> — {markup(detail)}"
        if scenario.description:
            # A suggested scenario's description holds English and French.
            description = description_in(scenario.description, ctx.lang)
            description = with_short_ids(description,
                                         list(project.baseline.buildings)
                                         + list(scenario.buildings))
            if ctx.lang == "fr":
                base = ctx.baseline_name
                description = description.replace(f"« {base} »",
                                                  f"« {ctx.shown(base)} »")
            if len(description) > 220:
                description = description[:219].rstrip() + "…"
            line += f'<br/><font color="{MUTED_TEXT_COLOUR}">' \
                    f"{markup(description)}</font>"
        story.append(paragraph_markup(line, s.body))
    baseline = project.baseline
    if baseline.buildings or project.site is not None:
        plan = site_plan(project, baseline, ctx.lang, FRAME_WIDTH, 250,
                         label_by=ctx.options.labels)
        story += [Spacer(1, 10), plan.drawing]
    missing = sorted({ch for label in _names(ctx) for font, chunk in font_runs(label)
                      if font != "DejaVuSans" for ch in chunk})
    if missing:
        story.append(paragraph(ctx.t("glyph_note", chars="".join(missing[:12])),
                               s.small))
    story.append(PageBreak())
    return story


def _names(ctx: ReportContext) -> list[str]:
    project = ctx.project
    labels = [project.name, *(s.name for s in project.scenarios)]
    if project.site is not None:
        labels.append(project.site.name)
    for name in ctx.names:
        labels += [b.name for b in project.scenario(name).buildings.values()]
    return labels


def _value_cell(ctx: ReportContext, key: str, value: float | None,
                base: float | None, with_delta: bool) -> Any:
    kind = key.split(".")[0]
    delta = None
    if with_delta and key not in _RELATIVE and value is not None and base is not None:
        delta = format_value_delta(kind, value - base, ctx.lang)
    return value_cell(format_value(kind, value, ctx.lang), sub=delta)


def summary(ctx: ReportContext) -> list[Any]:
    """The summary: scenarios side by side with the baseline, key rules, verdicts."""
    from reportlab.platypus import PageBreak, Spacer

    s = ctx.styles
    story: list[Any] = [heading(ctx.t("summary"), s.h1, 0),
                        paragraph(ctx.t("summary_intro",
                                        baseline=ctx.shown(ctx.baseline_name)),
                                  s.body)]
    others = [n for n in ctx.names if not ctx.is_baseline(n)]
    chunks = [others[i : i + PER_TABLE] for i in range(0, len(others), PER_TABLE)]
    base = ctx.baseline.indicators
    for chunk in chunks or [[]]:
        columns = [ctx.baseline_name, *chunk]
        label_w = 150.0
        col_w = min(115.0, (FRAME_WIDTH - label_w) / len(columns))
        header = [paragraph(ctx.t("indicator"), s.cell_bold)] + [
            paragraph_markup(f"<b>{markup(ctx.shown(n))}</b>", s.cell_right)
            for n in columns]
        rows: list[list[Any]] = [header]
        for key in SUMMARY_ROWS:
            row = [paragraph(ctx.t(f"indicator.{key}"), s.cell)]
            base_value = indicator(base, key)
            for n in columns:
                value = indicator(ctx.evaluations[n].indicators, key)
                row.append(_value_cell(ctx, key, value, base_value,
                                       not ctx.is_baseline(n)))
            rows.append(row)
        first_rule_row = len(rows)
        for rule in KEY_RULES:
            row = [paragraph(ctx.rule_name(rule), s.cell)]
            for n in columns:
                status = rule_status(ctx.project.rulebook, ctx.evaluations[n], rule,
                                     ctx.is_baseline(n), ctx.unchanged(n))
                row.append(_status_cell(ctx, status))
            rows.append(row)
        from reportlab.lib.colors import HexColor

        story.append(table(rows, [label_w] + [col_w] * len(columns), extra=[
            ("LINEABOVE", (0, first_rule_row), (-1, first_rule_row), 0.8,
             HexColor("#8C7BB5")),
        ]))
        story.append(Spacer(1, 8))
    story.append(heading(ctx.t("verdicts"), s.h2, 1))
    for name in [ctx.baseline_name, *others]:
        sentence = verdict(ctx.shown(name), ctx.project.rulebook,
                           ctx.evaluations[name],
                           ctx.baseline, ctx.lang, ctx.is_baseline(name),
                           ctx.unchanged(name))
        xml = markup(sentence)
        bold_name = markup(ctx.shown(name))
        if xml.startswith(bold_name):
            xml = f"<b>{bold_name}</b>" + xml[len(bold_name):]
        story.append(paragraph_markup(xml, s.body))
    story.append(PageBreak())
    return story


def family_series(ctx: ReportContext, names: list[str]) -> list[Series]:
    """SDP by family per scenario, unassigned floor area included.

    Unassigned floor area counts in the SDP total, so the stacked bars add up
    to the SDP the tables give.
    """
    ev = [ctx.evaluations[n].indicators for n in names]
    families = ("housing", "productive", "tertiary", "shared")
    series = [Series(ctx.t(f"family.{f}"), family_colour(f),
                     [indicator(i, f"sdp_by_family_m2.{f}") or 0.0 for i in ev])
              for f in families]
    series.append(Series(ctx.t("family.unassigned"), family_colour("unassigned"),
                         [indicator(i, "sdp_by_use_m2.unassigned") or 0.0
                          for i in ev]))
    return series


def comparison(ctx: ReportContext) -> list[Any]:
    """Charts across scenarios: SDP by family, productive retention, density."""
    from reportlab.platypus import KeepTogether, PageBreak

    s = ctx.styles
    lang = ctx.lang
    names = [ctx.baseline_name] + [n for n in ctx.names if not ctx.is_baseline(n)]
    ev = [ctx.evaluations[n].indicators for n in names]
    series = family_series(ctx, names)
    story: list[Any] = [heading(ctx.t("comparison"), s.h1, 0)]
    story.append(KeepTogether([
        paragraph(ctx.t("chart_sdp_by_family"), s.h2),
        vertical_bars([ctx.shown(n) for n in names], series, FRAME_WIDTH, 215,
                      lambda v: format_area(v, lang),
                      value_format=lambda v: format_area(v, lang)),
    ]))
    rb = ctx.project.rulebook
    threshold = rb.number("C09", "min_productive_retention")
    retention = [indicator(i, "productive_retention") or 0.0 for i in ev]
    colours = []
    for n in names:
        status = rule_status(rb, ctx.evaluations[n], "C09", ctx.is_baseline(n))
        colours.append(SEVERITY_COLOURS["error"] if status == "fail"
                       else family_colour("productive"))
    story.append(KeepTogether([
        paragraph(ctx.t("chart_retention"), s.h2),
        vertical_bars([ctx.shown(n) for n in names],
                      [Series("", family_colour("productive"), retention)],
                      FRAME_WIDTH, 170, lambda v: format_percent(v, lang),
                      value_format=lambda v: format_percent(v, lang, 1),
                      bar_colours=colours,
                      reference=(threshold, f"{ctx.t('retention_threshold')} "
                                 f"{format_percent(threshold, lang)}")),
    ]))
    far = [indicator(i, "far") or 0.0 for i in ev]
    far_colours = []
    for n in names:
        status = rule_status(rb, ctx.evaluations[n], "D01", ctx.is_baseline(n))
        far_colours.append("#9E9E9E" if status == "n/a" else
                           SEVERITY_COLOURS["error"] if status == "fail"
                           else family_colour("tertiary"))
    base_far = indicator(ctx.baseline.indicators, "far") or 0.0
    story.append(KeepTogether([
        paragraph(ctx.t("chart_density"), s.h2),
        vertical_bars([ctx.shown(n) for n in names],
                      [Series("", family_colour("tertiary"), far)],
                      FRAME_WIDTH, 170, lambda v: format_number(v, lang, 2),
                      value_format=lambda v: format_number(v, lang, 2),
                      bar_colours=far_colours,
                      reference=(base_far, f"{ctx.shown(ctx.baseline_name)} "
                                 f"{format_number(base_far, lang, 2)}")),
    ]))
    story.append(PageBreak())
    return story
