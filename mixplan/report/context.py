"""What every section of the report shares: its inputs and the table helper.

The inputs are the project, the language, the evaluations and the styles.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mixplan.engine.findings import Evaluation
from mixplan.model import Project
from mixplan.model.report_options import ReportOptions
from mixplan.report.document import Styles
from mixplan.report.fonts import REGULAR, markup
from mixplan.report.palette import (
    HEADER_FILL,
    MUTED_TEXT_COLOUR,
    RULE_LINE_COLOUR,
    TEXT_COLOUR,
)
from mixplan.report.texts import text

if TYPE_CHECKING:
    from mixplan.engine.evaluator import Evaluator
    from mixplan.engine.facts import BuildingFacts

__all__ = ["ReportContext", "paragraph", "table", "value_cell"]


@dataclass
class ReportContext:
    """The inputs of one report, shared by its sections.

    ``names`` are the scenarios covered, in project order; ``evaluations``
    holds the baseline's and theirs.
    """

    project: Project
    lang: str
    names: list[str]
    evaluations: dict[str, Evaluation]
    styles: Styles
    today: _dt.date
    author: str
    version: str
    options: ReportOptions = field(default_factory=ReportOptions)
    #: the cover's logo, read and sized (a reportlab Image), or None
    logo: Any = None
    #: images under the plans (when the options ask for them)
    basemaps: tuple[Any, ...] = ()
    #: the project's name, or its file's when it has none
    title: str = ""
    #: the evaluator that made ``evaluations``: its per-building facts are read,
    #: not measured again (one is made when none is given)
    evaluator: Evaluator | None = None
    #: the name of the file beside the PDF that lists every finding
    findings_file: str = "report.findings.csv"
    #: scenarios whose findings table leaves findings out (then the file above
    #: is written)
    summarised: set[str] = field(default_factory=set)
    #: the name of the file beside the PDF that lists the balances' buildings
    balance_file: str = "report.balance.csv"
    #: scenarios whose balance page names only some of its buildings
    balance_summarised: set[str] = field(default_factory=set)
    _unchanged: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _facts: dict[str, dict[str, BuildingFacts]] = field(
        default_factory=dict, repr=False
    )

    def t(self, key: str, **values: object) -> str:
        """The text ``key`` in the report's language."""
        return text(self.lang, key, **values)

    @property
    def baseline_name(self) -> str:
        return self.project.baseline.name

    @property
    def baseline(self) -> Evaluation:
        return self.evaluations[self.baseline_name]

    def is_baseline(self, name: str) -> bool:
        return name == self.baseline_name

    def shown(self, name: str) -> str:
        """A scenario's name as printed: the default baseline name in French.

        ``Existing`` is the name mixplan gives the baseline, not the user's: the
        French report prints it ``Existant``. Names users chose are printed as
        they are.
        """
        from mixplan.model import BASELINE_NAME

        if self.lang == "fr" and name == BASELINE_NAME:
            return "Existant"
        return name

    def facts(self, name: str) -> dict[str, BuildingFacts]:
        """The engine's facts of each building of a scenario, by id."""
        found = self._facts.get(name)
        if found is None:
            if self.evaluator is None:
                from mixplan.engine import Evaluator

                self.evaluator = Evaluator(self.project)
            found = self._facts[name] = self.evaluator.building_facts(name)
        return found

    def release_evaluator(self) -> None:
        """Let go of the evaluator and the facts read from it, once the pages are made.

        The evaluations stay (the full list of findings is written from them).
        """
        self.evaluator = None
        self._facts.clear()

    def unchanged(self, name: str) -> frozenset[str]:
        """Ids of the scenario's buildings that are baseline buildings unchanged.

        Findings about them only are findings of the existing state: the
        scenario keeps them, it does not cause them. The engine measured each
        building against its origin (``altered``): that is read, not redone.
        """
        found = self._unchanged.get(name)
        if found is None:
            scenario = self.project.scenario(name)
            base = self.project.baseline.buildings
            if scenario is self.project.baseline:
                found = frozenset(base)
            else:
                facts = self.facts(name)
                found = frozenset(
                    bid
                    for bid, b in scenario.buildings.items()
                    if b.origin in base and not facts[bid].altered
                )
            self._unchanged[name] = found
        return found

    def rule_name(self, rule: str) -> str:
        """``"C09 — No net loss of productive floor area"``, or the bare id."""
        from mixplan.engine.rules import RULES, rule_name

        if rule not in RULES:
            return rule
        return f"{rule} — {rule_name(rule, self.lang)}"


def paragraph(label: str, style: Any, *, bold: bool = False) -> Any:
    """A Paragraph of plain text (escaped, CJK runs in their font)."""
    from reportlab.platypus import Paragraph

    body = markup(label)
    return Paragraph(f"<b>{body}</b>" if bold else body, style)


def table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    zebra: bool = True,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Any:
    """A report table: light rules, tinted header repeated on every page."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table, TableStyle

    t = Table(
        [list(r) for r in rows],
        colWidths=list(widths),
        repeatRows=header_rows,
        hAlign="LEFT",
    )
    style: list[tuple[Any, ...]] = [
        # Cells default to Helvetica, which would be listed unembedded.
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, HexColor(RULE_LINE_COLOUR)),
    ]
    if header_rows:
        style += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HexColor(HEADER_FILL)),
            (
                "LINEBELOW",
                (0, header_rows - 1),
                (-1, header_rows - 1),
                0.7,
                HexColor("#8C7BB5"),
            ),
        ]
    if zebra:
        for r in range(header_rows, len(rows)):
            if (r - header_rows) % 2 == 1:
                style.append(("BACKGROUND", (0, r), (-1, r), HexColor("#F8F7FB")))
    style += list(extra)
    t.setStyle(TableStyle(style))
    return t


def value_cell(
    value: str,
    *,
    sub: str | None = None,
    bold: bool = False,
    colour: str = TEXT_COLOUR,
    size: float = 7.6,
    align: str = "right",
) -> Any:
    """A table cell with a figure, and optionally a smaller grey line under it.

    Figures are drawn as strings, not Paragraphs: reportlab's Paragraph treats
    the narrow no-break space (U+202F) of French thousands as a place to break
    and rewrites it as a plain space, so "12 345 m²" could split across lines
    and lose its typography.
    """
    from mixplan.report.fonts import BOLD

    lines = [(value, BOLD if bold else REGULAR, size, colour)]
    if sub is not None:
        lines.append((sub, REGULAR, size - 1.0, MUTED_TEXT_COLOUR))
    return _figure_cell_class()(lines, align)


@functools.cache
def _figure_cell_class() -> type:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Flowable

    class FigureCell(Flowable):
        def __init__(
            self, lines: list[tuple[str, str, float, str]], align: str
        ) -> None:
            super().__init__()
            self.lines = lines
            self.align = align

        def wrap(
            self, available_width: float, available_height: float
        ) -> tuple[float, float]:
            self.width = available_width
            self.height = sum(size * 1.24 for _, _, size, _ in self.lines)
            return self.width, self.height

        def draw(self) -> None:
            canvas = self.canv
            y = self.height
            for label, font, size, colour in self.lines:
                y -= size * 1.24
                canvas.setFont(font, size)
                canvas.setFillColor(HexColor(colour))
                if self.align == "right":
                    canvas.drawRightString(self.width, y + size * 0.22, label)
                else:
                    canvas.drawString(0, y + size * 0.22, label)

    return FigureCell
