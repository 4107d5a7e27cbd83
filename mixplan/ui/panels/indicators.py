"""The indicators dock: key figures of the scenario, their change from the baseline,
and a small bar chart of floor area (SDP) by family, drawn with QPainter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mixplan.engine.findings import Evaluation
from mixplan.model import FAMILIES
from mixplan.report.palette import SEVERITY_COLOURS, family_colour, lighten
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.common import format_number, format_percent


@dataclass(frozen=True)
class IndicatorRow:
    """How one indicator is shown: key, unit, decimals, and which way is better."""

    key: str
    unit: str = ""
    decimals: int = 0
    percent: bool = False
    #: +1 when a rise is good (productive area), -1 when a fall is (artificialised)
    better: int = 0

    def text(self, value: Any) -> str:
        if not isinstance(value, int | float):
            return "—"
        if self.percent:
            return format_percent(value * 100, self.decimals)
        number = format_number(value, self.decimals)
        return f"{number} {self.unit}".rstrip()

    def delta_text(self, delta: Any) -> str:
        if not isinstance(delta, int | float):
            return ""
        if abs(delta) < 0.5 * 10 ** -(self.decimals + (2 if self.percent else 0)):
            return "±0"
        sign = "+" if delta > 0 else "−"
        return sign + self.text(abs(delta))

    def delta_colour(self, delta: Any) -> str | None:
        if not isinstance(delta, int | float) or self.better == 0 or delta == 0:
            return None
        good = (delta > 0) == (self.better > 0)
        return SEVERITY_COLOURS["pass"] if good else SEVERITY_COLOURS["error"]


#: The key indicators, in the order the dock and the compare view show them.
INDICATOR_ROWS: tuple[IndicatorRow, ...] = (
    IndicatorRow("sdp_m2", "m²"),
    IndicatorRow("productive_sdp_m2", "m²", better=+1),
    IndicatorRow("productive_retention", decimals=0, percent=True, better=+1),
    IndicatorRow("far", decimals=2, better=+1),
    IndicatorRow("coverage", decimals=0, percent=True),
    IndicatorRow("dwellings", better=+1),
    IndicatorRow("jobs", better=+1),
    IndicatorRow("open_soil_ratio", decimals=0, percent=True, better=+1),
    IndicatorRow("cbs", decimals=2, better=+1),
    IndicatorRow("net_new_artificialised_m2", "m²", better=-1),
    IndicatorRow("max_height_m", "m", decimals=1),
    IndicatorRow("loading_bays"),
    IndicatorRow("parking_supply"),
)


def indicator_labels() -> dict[str, str]:
    # A fixed context: the compare view shows the same names.
    return {
        "sdp_m2": QCoreApplication.translate("IndicatorsPanel", "Floor area (SDP)"),
        "productive_sdp_m2": QCoreApplication.translate(
            "IndicatorsPanel", "Productive floor area"
        ),
        "productive_retention": QCoreApplication.translate(
            "IndicatorsPanel", "Productive retention"
        ),
        "far": QCoreApplication.translate("IndicatorsPanel", "Floor area ratio"),
        "coverage": QCoreApplication.translate("IndicatorsPanel", "Site coverage"),
        "dwellings": QCoreApplication.translate("IndicatorsPanel", "Dwellings"),
        "jobs": QCoreApplication.translate("IndicatorsPanel", "Jobs"),
        "open_soil_ratio": QCoreApplication.translate("IndicatorsPanel", "Open soil"),
        "cbs": QCoreApplication.translate(
            "IndicatorsPanel", "Biotope coefficient (CBS)"
        ),
        "net_new_artificialised_m2": QCoreApplication.translate(
            "IndicatorsPanel", "Net new artificialised land"
        ),
        "max_height_m": QCoreApplication.translate("IndicatorsPanel", "Maximum height"),
        "loading_bays": QCoreApplication.translate("IndicatorsPanel", "Loading bays"),
        "parking_supply": QCoreApplication.translate(
            "IndicatorsPanel", "Parking spaces"
        ),
    }


def indicator_definitions() -> dict[str, str]:
    return {
        "sdp_m2": QCoreApplication.translate(
            "IndicatorsPanel",
            "Surface de plancher: gross floor area × use share × SDP factor (R111-22)",
        ),
        "productive_sdp_m2": QCoreApplication.translate(
            "IndicatorsPanel", "Productive floor area that is productive-grade (C13)"
        ),
        "productive_retention": QCoreApplication.translate(
            "IndicatorsPanel", "Productive floor area ÷ the baseline's (C09)"
        ),
        "far": QCoreApplication.translate(
            "IndicatorsPanel", "Floor area ratio: SDP ÷ site area"
        ),
        "coverage": QCoreApplication.translate(
            "IndicatorsPanel", "Footprints ÷ site area (C02)"
        ),
        "dwellings": QCoreApplication.translate(
            "IndicatorsPanel", "Housing SDP ÷ floor area per dwelling"
        ),
        "jobs": QCoreApplication.translate(
            "IndicatorsPanel", "Floor area of each use ÷ its floor area per job"
        ),
        "open_soil_ratio": QCoreApplication.translate(
            "IndicatorsPanel", "Open soil (pleine terre) ÷ site area (C06)"
        ),
        "cbs": QCoreApplication.translate(
            "IndicatorsPanel",
            "Biotope coefficient: weighted surfaces ÷ site area (C07)",
        ),
        "net_new_artificialised_m2": QCoreApplication.translate(
            "IndicatorsPanel", "Land artificialised since the baseline, net (C08)"
        ),
        "max_height_m": QCoreApplication.translate(
            "IndicatorsPanel", "Tallest building above ground (C03)"
        ),
        "loading_bays": QCoreApplication.translate(
            "IndicatorsPanel", "Loading bays on the site (C20)"
        ),
        "parking_supply": QCoreApplication.translate(
            "IndicatorsPanel", "Parking spaces on the site (C19)"
        ),
    }


def family_labels() -> dict[str, str]:
    return {
        "housing": QCoreApplication.translate("IndicatorsPanel", "Housing"),
        "productive": QCoreApplication.translate("IndicatorsPanel", "Productive"),
        "tertiary": QCoreApplication.translate("IndicatorsPanel", "Tertiary"),
        "shared": QCoreApplication.translate("IndicatorsPanel", "Shared"),
    }


class IndicatorsTableModel(QAbstractTableModel):
    """Indicator | value | change from the baseline, for one evaluation."""

    NAME, VALUE, DELTA = range(3)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.evaluation: Evaluation | None = None
        self.is_baseline = False

    def set_evaluation(self, evaluation: Evaluation | None, is_baseline: bool) -> None:
        if self.evaluation is None or evaluation is None:
            self.beginResetModel()
            self.evaluation, self.is_baseline = evaluation, is_baseline
            self.endResetModel()
            return
        self.evaluation, self.is_baseline = evaluation, is_baseline
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 2))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.evaluation is None:
            return 0
        return len(INDICATOR_ROWS)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ):  # type: ignore[no-untyped-def]
        if (
            role != Qt.ItemDataRole.DisplayRole
            or orientation != Qt.Orientation.Horizontal
            or not 0 <= section < 3
        ):
            return None
        return (self.tr("Indicator"), self.tr("Value"), self.tr("vs baseline"))[section]

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        evaluation = self.evaluation
        if (
            evaluation is None
            or not index.isValid()
            or not 0 <= index.row() < len(INDICATOR_ROWS)
        ):
            return None
        row = INDICATOR_ROWS[index.row()]
        value = evaluation.indicators.get(row.key)
        delta = None if self.is_baseline else evaluation.delta.get(row.key)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return indicator_labels()[row.key]
            if column == self.VALUE:
                return row.text(value)
            return row.delta_text(delta)
        if role == Qt.ItemDataRole.UserRole:
            return (row.key, value, delta)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            return indicator_definitions()[row.key]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.DELTA:
            colour = row.delta_colour(delta)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class FamilyBarChart(QWidget):
    """SDP by family: the baseline as a pale bar, the scenario as a full one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("family_chart")
        self.values: dict[str, float] = {}
        self.baseline: dict[str, float] = {}
        self.setMinimumHeight(120)

    def set_values(self, values: dict[str, float], baseline: dict[str, float]) -> None:
        self.values, self.baseline = dict(values), dict(baseline)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(260, 140)

    def bar_rect(self, family: str, which: str = "scenario") -> QRectF:
        """Where a bar is drawn (public so tests can probe its pixels)."""
        label_width, margin = 78.0, 6.0
        band = (self.height() - 2 * margin) / len(FAMILIES)
        top = margin + FAMILIES.index(family) * band
        scale_max = max([*self.values.values(), *self.baseline.values(), 1.0])
        usable = max(self.width() - label_width - 70.0, 10.0)
        value = (self.values if which == "scenario" else self.baseline).get(family, 0.0)
        bar_h = band * 0.36
        y = top + band * 0.1 + (0 if which == "baseline" else bar_h)
        return QRectF(label_width, y, usable * max(value, 0.0) / scale_max, bar_h)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        labels = family_labels()
        font = QFont(self.font())
        painter.setFont(font)
        text_colour = self.palette().text().color()
        for family in FAMILIES:
            colour = family_colour(family)
            base = self.bar_rect(family, "baseline")
            scen = self.bar_rect(family, "scenario")
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(lighten(colour, 0.6)))
            painter.drawRect(base)
            painter.setBrush(QColor(colour))
            painter.drawRect(scen)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(2, base.top(), 74, base.height() + scen.height()),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                labels[family],
            )
            value = self.values.get(family, 0.0)
            painter.drawText(
                QRectF(scen.right() + 4, scen.top() - 2, 80, scen.height() + 4),
                Qt.AlignmentFlag.AlignVCenter,
                format_number(value),
            )
        painter.end()


class IndicatorsPanel(QWidget):
    """Dock content of ``dock_indicators``: the current scenario's figures."""

    def __init__(
        self,
        document: ProjectDocument,
        live_engine: QObject,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("indicators_panel")
        self.document = document
        self.live_engine = live_engine
        self.model = IndicatorsTableModel(self)
        self.title = QLabel()
        self.title.setObjectName("indicators_title")
        self.table = QTableView()
        self.table.setObjectName("indicators_table")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(110)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.chart_title = QLabel()
        self.chart = FamilyBarChart()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.chart_title)
        layout.addWidget(self.chart)
        live_engine.evaluated.connect(self._on_evaluated)  # type: ignore[attr-defined]
        document.scenario_changed.connect(lambda _name: self.refresh())
        document.project_replaced.connect(self.refresh)
        self.retranslate()
        self.refresh()

    def sizeHint(self) -> QSize:
        return QSize(320, 380)

    def retranslate(self) -> None:
        self.chart_title.setText(self.tr("Floor area by family (m², pale: baseline)"))
        self._update_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _evaluation(self, name: str) -> Evaluation | None:
        lookup: Callable[[str], Evaluation | None] = self.live_engine.evaluation  # type: ignore[attr-defined]
        return lookup(name)

    def _on_evaluated(self, name: str, _evaluation: object) -> None:
        if name in (
            self.document.current_scenario,
            self.document.project.baseline.name,
        ):
            self.refresh()

    def refresh(self) -> None:
        name = self.document.current_scenario
        baseline_name = self.document.project.baseline.name
        evaluation = self._evaluation(name)
        self.model.set_evaluation(evaluation, name == baseline_name)
        self._update_title()
        values = _families(evaluation)
        baseline = (
            _families(self._evaluation(baseline_name)) if name != baseline_name else {}
        )
        if name != baseline_name and not baseline and evaluation is not None:
            nested = evaluation.delta.get("sdp_by_family_m2")
            if isinstance(nested, dict):
                baseline = {
                    f: values.get(f, 0.0) - float(nested.get(f, 0.0)) for f in FAMILIES
                }
        self.chart.set_values(values, baseline)

    def _update_title(self) -> None:
        name = self.document.current_scenario
        if self.model.evaluation is None:
            text = self.tr("%1 — evaluating…").replace("%1", name)
        elif self.model.is_baseline:
            text = self.tr("%1 (baseline)").replace("%1", name)
        else:
            text = (
                self.tr("%1 compared with %2")
                .replace("%1", name)
                .replace("%2", self.document.project.baseline.name)
            )
        self.title.setText(text)


def _families(evaluation: Evaluation | None) -> dict[str, float]:
    if evaluation is None:
        return {}
    by_family = evaluation.indicators.get("sdp_by_family_m2") or {}
    return {f: float(by_family.get(f, 0.0)) for f in FAMILIES}
