"""The pages of one scenario.

Site plan, massing, stacking, productive balance, indicators and findings.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import islice
from typing import Any

from mixplan.engine.findings import Finding
from mixplan.engine.indicators import INDICATOR_ROWS
from mixplan.engine.rule_reference import source_text
from mixplan.model import USES, Scenario
from mixplan.report.balance import productive_balance
from mixplan.report.charts import Series, horizontal_groups
from mixplan.report.context import ReportContext, paragraph, table, value_cell
from mixplan.report.document import FRAME_HEIGHT, FRAME_WIDTH, heading
from mixplan.report.fonts import markup
from mixplan.report.labels import building_label, with_short_ids
from mixplan.report.palette import MUTED_TEXT_COLOUR, SEVERITY_COLOURS, use_colour
from mixplan.report.runs import finding_runs, ordered_runs
from mixplan.report.sections import indicator, paragraph_markup
from mixplan.report.suggested import is_suggested, suggested_section
from mixplan.report.typography import (
    DASH,
    format_area,
    format_number,
    format_value,
    format_value_delta,
)

__all__ = ["INDICATOR_ROWS", "MAX_FINDINGS_PER_RULE", "scenario_pages"]

#: Findings listed per rule before the rest are counted in one line: a
#: 1,000-building scenario can raise hundreds of C13 findings.
MAX_FINDINGS_PER_RULE = 8


def scenario_pages(ctx: ReportContext, name: str) -> list[Any]:
    """Every page of one scenario, starting on a new page."""
    from reportlab.platypus import KeepTogether, PageBreak, Spacer

    from mixplan.report.massing import massing, massing_legend
    from mixplan.report.plan import plan_legend, site_plan
    from mixplan.report.stacking import stacking

    s = ctx.styles
    project = ctx.project
    scenario = project.scenario(name)
    is_baseline = ctx.is_baseline(name)
    evaluation = ctx.evaluations[name]
    prefix = ctx.t("baseline_section" if is_baseline else "scenario")
    colon = "\u00a0: " if ctx.lang == "fr" else ": "
    story: list[Any] = [heading(prefix + colon + ctx.shown(name), s.h1, 0)]
    if is_suggested(scenario):
        story += suggested_section(ctx, scenario)
    elif scenario.description:
        ids = list(project.baseline.buildings) + list(scenario.buildings)
        story.append(paragraph(with_short_ids(scenario.description, ids), s.body))

    errors = frozenset(
        t.split("#")[0]
        for run in finding_runs(evaluation.findings)
        if run.severity == "error"
        for targets in run.targets()
        for t in targets
    )
    baseline = None if is_baseline else project.baseline
    plan = site_plan(
        project,
        scenario,
        ctx.lang,
        FRAME_WIDTH,
        FRAME_HEIGHT - 190,
        baseline=baseline,
        error_ids=errors,
        label_by=ctx.options.labels,
        basemaps=ctx.basemaps,
    )
    block: list[Any] = [heading(ctx.t("site_plan"), s.h2, 1), plan.drawing]
    if plan.scale is not None:
        block.append(
            plan_legend(
                plan,
                ctx.lang,
                FRAME_WIDTH,
                with_baseline=baseline is not None,
                with_errors=bool(errors & set(scenario.buildings)),
            )
        )
        caption = ctx.t("site_plan_caption", scale=format_number(plan.scale, ctx.lang))
        if plan.labels_shown == 0 and plan.buildings:
            caption += " " + ctx.t("labels_none")
        elif plan.labels_shown < plan.buildings:
            caption += " " + ctx.t(
                "labels_note",
                shown=format_number(plan.labels_shown, ctx.lang, 0),
                total=format_number(plan.buildings, ctx.lang, 0),
            )
        block.append(paragraph(caption, s.caption))
    story.append(KeepTogether(block))
    story.append(PageBreak())

    mass = massing(project, scenario, ctx.lang, FRAME_WIDTH, 330)
    stack = stacking(scenario, ctx.lang, FRAME_WIDTH)
    shown = set(mass.uses) | set(stack.uses)
    uses = [u for u in USES if u in shown]  # taxonomy order, as in the editor
    block = [heading(ctx.t("massing"), s.h2, 1), mass.drawing]
    if scenario.buildings:
        block += [
            massing_legend(uses, ctx.lang, FRAME_WIDTH),
            paragraph(ctx.t("massing_caption"), s.caption),
        ]
    story.append(KeepTogether(block))
    block = [heading(ctx.t("stacking"), s.h2, 1), stack.drawing]
    if scenario.buildings:
        caption = ctx.t("stacking_caption")
        if stack.shown < stack.total:
            caption += " " + ctx.t(
                "stacking_note",
                shown=format_number(stack.shown, ctx.lang, 0),
                total=format_number(stack.total, ctx.lang, 0),
            )
        block.append(paragraph(caption, s.caption))
    story.append(KeepTogether(block))

    story += _balance(ctx, name) if not is_baseline else _existing_productive(ctx)
    story += _indicators(ctx, name)
    story += _findings(ctx, scenario, evaluation.findings)
    story.append(Spacer(1, 4))
    story.append(PageBreak())
    return story


def _balance(ctx: ReportContext, name: str) -> list[Any]:
    from reportlab.platypus import KeepTogether

    s = ctx.styles
    lang = ctx.lang
    rows = productive_balance(
        ctx.project, name, ctx.facts(name), ctx.facts(ctx.baseline_name)
    )
    out: list[Any] = [
        heading(ctx.t("productive_balance"), s.h2, 1),
        paragraph(ctx.t("productive_balance_intro"), s.body),
    ]
    if not rows:
        out.append(paragraph(ctx.t("no_productive"), s.body))
        return [KeepTogether(out)]
    header = [
        paragraph(
            ctx.t(k),
            s.cell_bold if k == "productive_class" else s.cell_right,
            bold=k != "productive_class",
        )
        for k in ("productive_class", "before", "kept", "lost", "gained", "after")
    ]
    body = [header]
    for r in rows:
        label = (
            f'<font color="{use_colour(r.use)}">■</font> '
            f"{markup(USES[r.use].label(lang))}"
        )
        body.append(
            [paragraph_markup(label, s.cell)]
            + [
                value_cell(format_area(v, lang))
                for v in (r.before_m2, r.kept_m2, r.lost_m2, r.gained_m2, r.after_m2)
            ]
        )
    ind = ctx.evaluations[name].indicators
    base = ctx.baseline.indicators
    totals = [
        indicator(base, "productive_sdp_m2"),
        indicator(ind, "productive_kept_m2"),
        indicator(ind, "productive_lost_m2"),
        indicator(ind, "productive_gained_m2"),
        indicator(ind, "productive_sdp_m2"),
    ]
    body.append(
        [paragraph(ctx.t("total_engine"), s.cell_bold)]
        + [value_cell(format_area(v, lang), bold=True) for v in totals]
    )
    from reportlab.lib.colors import HexColor

    widths = [FRAME_WIDTH - 5 * 68, 68, 68, 68, 68, 68]
    out.append(
        table(
            body,
            widths,
            extra=[
                (
                    "LINEABOVE",
                    (0, len(body) - 1),
                    (-1, len(body) - 1),
                    0.8,
                    HexColor("#8C7BB5"),
                )
            ],
        )
    )
    chart = horizontal_groups(
        [USES[r.use].label(lang) for r in rows],
        [
            Series(ctx.t("kept"), "#8E7CC3", [r.kept_m2 for r in rows]),
            Series(ctx.t("lost"), SEVERITY_COLOURS["error"], [r.lost_m2 for r in rows]),
            Series(
                ctx.t("gained"), SEVERITY_COLOURS["pass"], [r.gained_m2 for r in rows]
            ),
        ],
        FRAME_WIDTH,
        lambda v: format_area(v, lang),
    )
    return [KeepTogether(out), chart]


def _existing_productive(ctx: ReportContext) -> list[Any]:
    """The baseline's productive floor area by class: what the scenarios keep."""
    from reportlab.platypus import KeepTogether

    s = ctx.styles
    lang = ctx.lang
    rows = productive_balance(
        ctx.project, ctx.baseline_name, baseline_facts=ctx.facts(ctx.baseline_name)
    )
    out: list[Any] = [heading(ctx.t("productive_balance"), s.h2, 1)]
    if not rows:
        out.append(paragraph(ctx.t("no_productive"), s.body))
        return [KeepTogether(out)]
    body = [
        [
            paragraph(ctx.t("productive_class"), s.cell_bold),
            paragraph(ctx.t("before"), s.cell_right, bold=True),
        ]
    ]
    for r in rows:
        label = (
            f'<font color="{use_colour(r.use)}">■</font> '
            f"{markup(USES[r.use].label(lang))}"
        )
        body.append(
            [
                paragraph_markup(label, s.cell),
                value_cell(format_area(r.before_m2, lang)),
            ]
        )
    total = indicator(ctx.baseline.indicators, "productive_sdp_m2")
    body.append(
        [
            paragraph(ctx.t("total_engine"), s.cell_bold),
            value_cell(format_area(total, lang), bold=True),
        ]
    )
    out.append(table(body, [FRAME_WIDTH - 100, 100]))
    return [KeepTogether(out)]


def _indicators(ctx: ReportContext, name: str) -> list[Any]:
    s = ctx.styles
    lang = ctx.lang
    is_baseline = ctx.is_baseline(name)
    ind = ctx.evaluations[name].indicators
    base = ctx.baseline.indicators
    keys = list(INDICATOR_ROWS)
    uses_present = [
        u
        for u in USES
        if (indicator(ind, f"sdp_by_use_m2.{u}") or 0.0) > 0
        or (indicator(base, f"sdp_by_use_m2.{u}") or 0.0) > 0
    ]
    if is_baseline:
        header = [ctx.t("indicator"), ctx.t("value")]
        widths = [FRAME_WIDTH - 120, 120]
    else:
        header = [
            ctx.t("indicator"),
            ctx.shown(ctx.baseline_name),
            ctx.shown(name),
            ctx.t("delta"),
        ]
        widths = [FRAME_WIDTH - 3 * 100, 100, 100, 100]
    rows: list[list[Any]] = [
        [paragraph(header[0], s.cell_bold)]
        + [paragraph(h, s.cell_right, bold=True) for h in header[1:]]
    ]

    def add(label: str, key: str, fmt_key: str) -> None:
        value = indicator(ind, key)
        row = [paragraph(label, s.cell)]
        if is_baseline:
            row.append(value_cell(format_value(fmt_key, value, lang)))
        else:
            before = indicator(base, key)
            delta = value - before if value is not None and before is not None else None
            row += [
                value_cell(format_value(fmt_key, before, lang)),
                value_cell(format_value(fmt_key, value, lang)),
                value_cell(format_value_delta(fmt_key, delta, lang)),
            ]
        rows.append(row)

    for key in keys:
        add(ctx.t(f"indicator.{key}"), key, key.split(".")[0])
    for use in uses_present:
        add(f"SDP — {USES[use].label(lang)}", f"sdp_by_use_m2.{use}", "sdp_by_use_m2")
    return [heading(ctx.t("indicators"), s.h2, 1), table(rows, widths)]


def _measure(value: float | None, lang: str) -> str:
    if value is None or not math.isfinite(value):
        return DASH
    decimals = 0 if abs(value) >= 100 else 2
    return format_number(value, lang, decimals)


def _storey(index: int, lang: str) -> str:
    if lang == "fr":
        return "RDC" if index == 0 else f"R+{index}" if index > 0 else f"S{-index}"
    return "ground" if index == 0 else f"L{index}" if index > 0 else f"B{-index}"


def _targets(scenario: Scenario, targets: tuple[str, ...], lang: str) -> str:
    labels = []
    for target in targets[:4]:
        building_id, _, position = target.partition("#")
        building = scenario.buildings.get(building_id)
        if building is None:
            labels.append(target)
            continue
        label = building_label(building)
        if position.isdigit():
            label += f" ({_storey(building.level_index(int(position)), lang)})"
        labels.append(label)
    if len(targets) > 4:
        labels.append(f"+{len(targets) - 4}")
    return ", ".join(labels)


def _findings(
    ctx: ReportContext, scenario: Scenario, findings: Sequence[Finding]
) -> list[Any]:
    s = ctx.styles
    lang = ctx.lang
    out: list[Any] = [heading(ctx.t("findings"), s.h2, 1)]
    if not findings:
        out.append(paragraph(ctx.t("no_findings"), s.body))
        return out
    header = [
        paragraph(
            ctx.t(k),
            s.cell_right if k in ("measured", "limit") else s.cell_bold,
            bold=k in ("measured", "limit"),
        )
        for k in ("rule", "severity", "message", "measured", "limit", "source")
    ]
    rows: list[list[Any]] = [header]
    shown: dict[str, int] = {}
    hidden: dict[str, int] = {}
    printed: list[Finding] = []
    for run in ordered_runs(findings):
        room = MAX_FINDINGS_PER_RULE - shown.get(run.rule, 0)
        taken = list(islice(run.findings, max(room, 0)))
        printed += taken
        shown[run.rule] = shown.get(run.rule, 0) + len(taken)
        if len(run.findings) > len(taken):
            hidden[run.rule] = hidden.get(run.rule, 0) + len(run.findings) - len(taken)
    for f in printed:
        message = (
            (getattr(f, "message_fr", "") or f.message) if lang == "fr" else f.message
        )
        xml = markup(with_short_ids(message, (t.partition("#")[0] for t in f.targets)))
        about = _targets(scenario, f.targets, lang)
        if about:
            xml += (
                f'<br/><font color="{MUTED_TEXT_COLOUR}" size="6.6">'
                f"{markup(ctx.t('targets'))}\u00a0: {markup(about)}</font>"
                if lang == "fr"
                else f'<br/><font color="{MUTED_TEXT_COLOUR}" size="6.6">'
                f"{markup(ctx.t('targets'))}: {markup(about)}</font>"
            )
        colour = SEVERITY_COLOURS.get(f.severity, "#222222")
        rows.append(
            [
                paragraph(ctx.rule_name(f.rule), s.cell),
                paragraph_markup(
                    f'<font color="{colour}">'
                    f"{markup(ctx.t('severity.' + f.severity))}</font>",
                    s.cell,
                ),
                paragraph_markup(xml, s.cell),
                value_cell(_measure(f.measured, lang)),
                value_cell(_measure(f.limit, lang)),
                paragraph(source_text(f.source, lang), s.cell_small),
            ]
        )
    widths = [92, 44, FRAME_WIDTH - 92 - 44 - 54 - 50 - 100, 54, 50, 100]
    out.append(table(rows, widths))
    for rule, count in sorted(hidden.items()):
        more = format_number(count, lang, 0)
        out.append(paragraph(ctx.t("more_findings", count=more, rule=rule), s.small))
    if hidden:
        # The table is a summary: every finding goes to the file beside the PDF.
        ctx.summarised.add(scenario.name)
        out.append(
            paragraph(
                ctx.t(
                    "findings_file",
                    most=MAX_FINDINGS_PER_RULE,
                    total=format_number(len(findings), lang, 0),
                    file=ctx.findings_file,
                ),
                s.small,
                bold=True,
            )
        )
    return out
