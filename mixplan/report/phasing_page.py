"""The phasing page of a phased scenario (DESIGN §16).

A timeline (phases as columns, the buildings the scenario changes as bars), a
chart of the productive-grade floor area in use during and at the end of each
phase against the existing and the retention limit of C12, the firm moves, and
the figures per phase, in French or English. Scenarios without phases get no page.
"""

from __future__ import annotations

from typing import Any

from mixplan.engine.phasing import Phasing, phasing_from_facts
from mixplan.report.charts import nice_step
from mixplan.report.context import ReportContext, paragraph, table, value_cell
from mixplan.report.document import FRAME_WIDTH, heading
from mixplan.report.drawkit import draw_text, fit_text, new_drawing, swatch_legend
from mixplan.report.typography import format_area

__all__ = ["phasing_pages", "productive_chart", "timeline_drawing"]

_TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Phasage et continuité d'activité",
        "intro": (
            "Pendant les travaux d'une phase, les bâtiments démolis dans la phase "
            "ont disparu et ceux livrés dans la phase ne sont pas encore utilisables ; "
            "à la fin de la phase, ils le sont. Surfaces productives conformes (SDP). "
            "Règle C12 : au moins {share} de la surface productive existante en "
            "service pendant chaque phase (hypothèse de projet) ; pas de logement "
            "livré dans une phase qui s'achève sous le seuil C09 (London Plan 2021, "
            "politique E7 D) ; chaque entreprise logée à chaque phase."
        ),
        "timeline": "Calendrier des opérations",
        "chart": "Surface productive en service par phase",
        "during": "pendant les travaux",
        "end": "en fin de phase",
        "existing": "existant",
        "limit": "seuil C12",
        "moves": "Déménagements d'entreprises (opérations tiroirs)",
        "no_moves": "Aucune entreprise ne déménage.",
        "figures": "Chiffres par phase",
        "phase": "Phase",
        "housing": "Logements livrés",
        "homeless": "Entreprises sans locaux",
        "firm": "Entreprise",
        "from": "De",
        "to": "Vers",
        "new": "neuf",
        "changed": "transformé",
        "rebuilt": "reconstruit",
        "removed": "démoli",
        "verdict_ok": "C12 respectée : chaque phase garde l'activité en place.",
        "verdict_ko": "C12 non respectée : {count} constat(s) bloquant(s).",
    },
    "en": {
        "title": "Phasing and business continuity",
        "intro": (
            "During the works of a phase, the buildings demolished in that phase are "
            "gone and those delivered in it are not yet usable; at the end of the "
            "phase they are. Productive-grade floor area (SDP). Rule C12: at least "
            "{share} of the existing productive floor area in use during every phase "
            "(a project hypothesis); no homes delivered in a phase that ends below "
            "the C09 limit (London Plan 2021, policy E7 D); every firm housed in "
            "every phase."
        ),
        "timeline": "Timeline of the works",
        "chart": "Productive floor area in use per phase",
        "during": "during the works",
        "end": "at the end of the phase",
        "existing": "existing",
        "limit": "C12 limit",
        "moves": "Firm moves (tiroir operations)",
        "no_moves": "No firm moves.",
        "figures": "Figures per phase",
        "phase": "Phase",
        "housing": "Housing delivered",
        "homeless": "Firms without premises",
        "firm": "Firm",
        "from": "From",
        "to": "To",
        "new": "new",
        "changed": "changed",
        "rebuilt": "rebuilt",
        "removed": "demolished",
        "verdict_ok": "C12 met: every phase keeps the activity in place.",
        "verdict_ko": "C12 not met: {count} blocking finding(s).",
    },
}

_KIND_COLOURS = {
    "new": "#2E7D32",
    "changed": "#1565C0",
    "rebuilt": "#6A1B9A",
    "removed": "#9E9E9E",
}
_DURING, _END = "#B39DDB", "#5E35B1"


def _t(lang: str, key: str, **values: object) -> str:
    return _TEXTS[lang][key].format(**values)


def timeline_drawing(result: Phasing, names: list[str], lang: str, width: float) -> Any:
    """Phases as columns, one bar per building the scenario changes."""
    from reportlab.graphics.shapes import Group, Line, Rect
    from reportlab.lib.colors import HexColor

    bars = [b for b in result.buildings if b.kind != "kept"][:40]
    count = len(result.phases)
    row, header, label_w = 12.0, 16.0, 150.0
    height = header + row * max(len(bars), 1) + 18
    drawing = new_drawing(width, height)
    group = Group()
    drawing.add(group)
    column = (width - label_w) / count
    top = height - header
    for p in range(1, count + 1):
        x = label_w + (p - 1) * column
        group.add(
            Line(x, 14, x, height, strokeColor=HexColor("#DDDDDD"), strokeWidth=0.5)
        )
        name = names[p - 1] if p <= len(names) else ""
        draw_text(
            group, x + 3, height - 11, fit_text(f"{p} {name}".strip(), 7, column - 6), 7
        )
    for i, bar in enumerate(bars):
        y = top - (i + 1) * row
        draw_text(group, 2, y + 3, fit_text(f"{bar.name or bar.id}", 7, label_w - 6), 7)
        phase = (bar.demolished_in if bar.kind == "removed" else bar.delivered_in) or 1
        start, end = (1, phase) if bar.kind == "removed" else (phase, count)
        x0 = label_w + (start - 1) * column + 2
        x1 = label_w + end * column - 2
        colour = _KIND_COLOURS.get(bar.kind, "#607D8B")
        group.add(
            Rect(
                x0,
                y + 2,
                max(x1 - x0, 2),
                row - 4,
                fillColor=HexColor(colour),
                strokeColor=None,
            )
        )
    legend = swatch_legend(
        [("fill", c, _t(lang, k)) for k, c in _KIND_COLOURS.items()], width - 10
    )
    legend_group = legend.contents[0]
    group.add(legend_group)
    return drawing


def productive_chart(result: Phasing, lang: str, width: float, height: float) -> Any:
    """Productive floor area in use per phase against the existing and C12's limit.

    Two bars a phase (during the works, at the end); dashed lines for the existing
    floor area and the retention limit.
    """
    from reportlab.graphics.shapes import Group, Line, Rect
    from reportlab.lib.colors import HexColor

    drawing = new_drawing(width, height)
    group = Group()
    drawing.add(group)
    left, right, bottom, top = 56.0, 80.0, 34.0, 10.0
    plot_w, plot_h = width - left - right, height - bottom - top
    values = [
        v
        for f in result.phases
        for v in (f.productive_in_use_during_m2, f.productive_in_use_end_m2)
    ]
    peak = max([*values, result.baseline_productive_m2, 1.0])
    step = nice_step(peak)
    axis = step * max(1, -(-peak // step))
    k = plot_h / axis
    tick = 0.0
    while tick <= axis + 1e-9:
        y = bottom + tick * k
        group.add(
            Line(
                left,
                y,
                left + plot_w,
                y,
                strokeColor=HexColor("#E3E3E3"),
                strokeWidth=0.4,
            )
        )
        draw_text(
            group,
            left - 4,
            y - 2.3,
            format_area(tick, lang),
            6.5,
            anchor="end",
            colour="#555555",
        )
        tick += step
    pitch = plot_w / max(len(result.phases), 1)
    bar = min(pitch * 0.32, 36.0)
    for i, f in enumerate(result.phases):
        cx = left + pitch * (i + 0.5)
        for offset, value, colour in (
            (-bar, f.productive_in_use_during_m2, _DURING),
            (0.0, f.productive_in_use_end_m2, _END),
        ):
            group.add(
                Rect(
                    cx + offset,
                    bottom,
                    bar,
                    value * k,
                    fillColor=HexColor(colour),
                    strokeColor=None,
                )
            )
        draw_text(
            group,
            cx,
            bottom - 10,
            fit_text(f"{f.phase} {f.name}".strip(), 7, pitch - 4),
            7,
            anchor="middle",
        )
    for value, label, colour, dash in (
        (result.baseline_productive_m2, _t(lang, "existing"), "#555555", [2, 2]),
        (result.retention_limit_m2, _t(lang, "limit"), "#C62828", [4, 2]),
    ):
        y = bottom + value * k
        line = Line(
            left, y, left + plot_w, y, strokeColor=HexColor(colour), strokeWidth=0.9
        )
        line.strokeDashArray = dash
        group.add(line)
        draw_text(
            group,
            left + plot_w + 4,
            y - 2,
            fit_text(label, 6.5, right - 6),
            6.5,
            colour=colour,
        )
    legend = swatch_legend(
        [("fill", _DURING, _t(lang, "during")), ("fill", _END, _t(lang, "end"))],
        width - left,
    )
    legend_group = legend.contents[0]
    legend_group.translate(left, 0)
    group.add(legend_group)
    return drawing


def phasing_pages(ctx: ReportContext, name: str) -> list[Any]:
    """The phasing page of one scenario, or nothing when it is not phased."""
    from reportlab.platypus import KeepTogether, PageBreak

    if ctx.is_baseline(name) or not ctx.project.phases:
        return []
    # The facts the report's evaluation measured: nothing is measured again.
    result = phasing_from_facts(
        ctx.project,
        ctx.project.scenario(name),
        ctx.facts(name),
        ctx.facts(ctx.baseline_name),
    )
    if not result.phased:
        return []
    lang, s = ctx.lang, ctx.styles
    share = ctx.project.rulebook.number("C12", "min_phase_retention")
    percent = f"{share:.0%}".replace("%", "\u00a0%") if lang == "fr" else f"{share:.0%}"
    names = [p.name for p in ctx.project.phases]
    errors = [f for f in result.findings if f.severity == "error"]
    story: list[Any] = [
        heading(f"{_t(lang, 'title')} — {name}", s.h1, 1),
        paragraph(_t(lang, "intro", share=percent), s.body),
        paragraph(
            _t(lang, "verdict_ko", count=len(errors))
            if errors
            else _t(lang, "verdict_ok"),
            s.body,
            bold=True,
        ),
        KeepTogether(
            [
                heading(_t(lang, "timeline"), s.h2, 2),
                timeline_drawing(result, names, lang, FRAME_WIDTH),
            ]
        ),
        KeepTogether(
            [
                heading(_t(lang, "chart"), s.h2, 2),
                productive_chart(result, lang, FRAME_WIDTH, 170),
            ]
        ),
    ]
    header = [
        paragraph(_t(lang, k), s.cell_bold, bold=True)
        for k in ("phase", "during", "end", "housing", "homeless")
    ]
    rows = [header]
    for f in result.phases:
        rows.append(
            [
                paragraph(f"{f.phase} {f.name}".strip(), s.cell),
                value_cell(format_area(f.productive_in_use_during_m2, lang)),
                value_cell(format_area(f.productive_in_use_end_m2, lang)),
                value_cell(format_area(f.housing_delivered_m2, lang)),
                paragraph(", ".join(f.firms_without_premises) or "—", s.cell),
            ]
        )
    story.append(
        KeepTogether(
            [
                heading(_t(lang, "figures"), s.h2, 2),
                table(rows, [FRAME_WIDTH - 4 * 90, 90, 90, 90, 90]),
            ]
        )
    )
    story.append(heading(_t(lang, "moves"), s.h2, 2))
    if result.moves:
        moves = [
            [
                paragraph(_t(lang, k), s.cell_bold, bold=True)
                for k in ("phase", "firm", "from", "to")
            ]
        ]
        for m in result.moves:
            moves.append(
                [
                    paragraph(str(m.phase), s.cell),
                    paragraph(m.firm, s.cell),
                    paragraph(m.from_building or "—", s.cell),
                    paragraph(m.to_building, s.cell),
                ]
            )
        story.append(table(moves, [60, FRAME_WIDTH - 60 - 2 * 120, 120, 120]))
    else:
        story.append(paragraph(_t(lang, "no_moves"), s.body))
    for finding in errors[:12]:
        message = (
            finding.message_fr
            if lang == "fr" and finding.message_fr
            else (finding.message)
        )
        story.append(paragraph("• " + message, s.small))
    story.append(PageBreak())
    return story
