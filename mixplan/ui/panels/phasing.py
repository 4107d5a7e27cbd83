"""The phasing dock (DESIGN §16): timeline, firms, the plan as at a phase, C12.

The timeline draws phases as columns and the buildings the scenario changes as
bars: a delivery from its phase on, a demolition up to its phase. Dragging a bar
to another column re-phases it in one undo step. The firms table says where each
firm is in each phase (red: without premises) and who moves where; the slider
shows the plan as at the end of a phase; the list gives C12's findings, for the
phase shown. The figures come from :func:`mixplan.engine.phasing.phasing`,
recomputed after edits (coalesced, and only while the dock is shown) on a
snapshot of the project in the panel's own worker thread: on a 10,000-building
park the buildings' facts are 2–5 s of Python, which the worker keeps
(:class:`~mixplan.engine.phasing.FactsCache`) so that an edit measures again
only what it touched. A result made from an older state is dropped; the job
under way stops once it is outdated. The timeline paints only the rows on
screen, the building lists are refilled only when their ids change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QObject,
    QPointF,
    QRectF,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mixplan.engine.findings import Finding
from mixplan.engine.phasing import FactsCache, PhasedBuilding, Phasing, phasing
from mixplan.gc_pause import collector_paused
from mixplan.model import Project
from mixplan.model.commands import Command, CompoundCommand
from mixplan.model.errors import MixplanError
from mixplan.model.naming import building_reference
from mixplan.model.phasing import Hosting, Occupant, Phase
from mixplan.model.phasing_commands import (
    SetBuildingPhases,
    SetDemolition,
    SetHosts,
    SetOccupants,
    SetPhases,
)
from mixplan.ui.apart_job import ApartJob, JobSignals
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.common import ui_lang

COMMAND_LABELS = (
    QT_TRANSLATE_NOOP("Commands", "Set phases"),
    QT_TRANSLATE_NOOP("Commands", "Set demolition phase"),
    QT_TRANSLATE_NOOP("Commands", "Edit phases"),
    QT_TRANSLATE_NOOP("Commands", "Apply phasing"),
    QT_TRANSLATE_NOOP("Commands", "Edit firms"),
    QT_TRANSLATE_NOOP("Commands", "Edit hosted firms"),
)

_KIND_COLOURS = {
    "new": QColor("#2e7d32"),
    "changed": QColor("#1565c0"),
    "rebuilt": QColor("#6a1b9a"),
    "removed": QColor("#9e9e9e"),
}
_ERROR = QColor("#c62828")

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, str)


class _Outdated(Exception):
    """Raised in a job once an edit made it outdated: it stops."""


class _Job(QRunnable):
    """The phasing of one scenario of a snapshot, off the GUI thread."""

    def __init__(
        self,
        project: Project,
        name: str,
        generation: int,
        cache: FactsCache,
        signals: _Signals,
        current: Callable[[], int],
    ) -> None:
        super().__init__()
        self.project, self.name, self.generation = project, name, generation
        #: one job at a time (the panel's pool of one thread) uses it
        self.cache = cache
        self.signals = signals
        #: the panel's generation now (read from this thread: an int)
        self.current = current

    def run(self) -> None:
        try:
            self._check()
            # The facts are kept (the cache): made with the collector paused and
            # then frozen, else its full passes over them, each holding the GIL
            # in this thread, stalled the window (791 ms, 37 of it GUI CPU).
            with collector_paused(keep=True):
                result = phasing(
                    self.project, self.name, cache=self.cache, checkpoint=self._check
                )
        except _Outdated:
            return  # the job queued behind this one computes anew
        except MixplanError as exc:
            self.signals.failed.emit(self.generation, str(exc))
        except Exception as exc:  # noqa: BLE001 - shown in the panel, never fatal
            log.exception("phasing of %s failed", self.name)
            self.signals.failed.emit(self.generation, f"{type(exc).__name__}: {exc}")
        else:
            self.signals.done.emit(self.generation, result)

    def _check(self) -> None:
        if self.current() != self.generation:
            raise _Outdated


def phase_of_finding(finding: Finding) -> int | None:
    """The phase a C12 finding is about (``"Phase 2: …"``), or None."""
    head = finding.message.split(":", 1)[0]
    if head.startswith("Phase ") and head[6:].isdigit():
        return int(head[6:])
    return None


class PhasingTimeline(QWidget):
    """Phases as columns, the buildings a scenario changes as bars; drag to re-phase."""

    #: a bar was dropped on another phase: (building id, kind, new phase)
    rephased = Signal(str, str, int)

    LABEL_WIDTH = 140
    ROW_HEIGHT = 22
    HEADER = 24

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phasing_timeline")
        self.rows: list[PhasedBuilding] = []
        self.count = 1
        self.names: list[str] = []
        self.failing: set[int] = set()
        self.current = 0
        self._dragging: int | None = None
        self._drop: int | None = None
        self.setMouseTracking(False)
        self.setMinimumHeight(self.HEADER + 3 * self.ROW_HEIGHT)
        self.setMinimumWidth(self.LABEL_WIDTH + 240)

    def set_data(
        self,
        rows: list[PhasedBuilding],
        count: int,
        names: list[str],
        failing: set[int],
    ) -> None:
        self.rows = [r for r in rows if r.kind != "kept"]
        self.count, self.names, self.failing = max(count, 1), names, failing
        self.setMinimumHeight(self.HEADER + max(len(self.rows), 3) * self.ROW_HEIGHT)
        self.update()

    def column_width(self) -> float:
        return max((self.width() - self.LABEL_WIDTH) / self.count, 10.0)

    def column_rect(self, phase: int) -> QRectF:
        """The rectangle of a phase's column (header included)."""
        x = self.LABEL_WIDTH + (phase - 1) * self.column_width()
        return QRectF(x, 0, self.column_width(), self.height())

    def row_center(self, row: int) -> QPointF:
        """Where the bar of ``row`` is, in its main phase's column."""
        bar = self.rows[row]
        phase = self._main_phase(bar) or 1
        rect = self.column_rect(phase)
        return QPointF(rect.center().x(), self.HEADER + (row + 0.5) * self.ROW_HEIGHT)

    @staticmethod
    def _main_phase(bar: PhasedBuilding) -> int | None:
        return bar.demolished_in if bar.kind == "removed" else bar.delivered_in

    def phase_at(self, x: float) -> int:
        column = int((x - self.LABEL_WIDTH) // self.column_width()) + 1
        return min(max(column, 1), self.count)

    def row_at(self, y: float) -> int | None:
        row = int((y - self.HEADER) // self.ROW_HEIGHT)
        return row if 0 <= row < len(self.rows) and y >= self.HEADER else None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        for phase in range(1, self.count + 1):
            rect = self.column_rect(phase)
            if phase == self.current:
                painter.fillRect(rect, QColor(255, 235, 160, 90))
            painter.setPen(QPen(self.palette().mid().color()))
            painter.drawLine(rect.topLeft(), rect.bottomLeft())
            name = self.names[phase - 1] if phase <= len(self.names) else ""
            painter.setPen(
                _ERROR if phase in self.failing else self.palette().text().color()
            )
            header = QRectF(rect.x() + 4, 0, rect.width() - 8, self.HEADER)
            painter.drawText(
                header,
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"{phase} {name}".strip(),
            )
        # Only the rows on screen (thousands of bars on a large park).
        shown = event.rect()
        first = max(int((shown.top() - self.HEADER) // self.ROW_HEIGHT), 0)
        last = min(
            int((shown.bottom() - self.HEADER) // self.ROW_HEIGHT) + 1, len(self.rows)
        )
        for row in range(first, last):
            bar = self.rows[row]
            top = self.HEADER + row * self.ROW_HEIGHT
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(4, top, self.LABEL_WIDTH - 8, self.ROW_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter,
                bar.name or bar.id,
            )
            phase = self._main_phase(bar) or 1
            if self._dragging == row and self._drop is not None:
                phase = self._drop
            colour = _KIND_COLOURS.get(bar.kind, QColor("#607d8b"))
            if bar.kind == "removed":
                start, end = 1, phase
            else:
                start, end = phase, self.count
            left = self.column_rect(start).x() + 2
            right = self.column_rect(end).right() - 2
            bar_rect = QRectF(left, top + 4, right - left, self.ROW_HEIGHT - 8)
            painter.setPen(QPen(colour.darker(130)))
            painter.setBrush(QBrush(colour.lighter(140) if bar.assumed else colour))
            painter.drawRoundedRect(bar_rect, 3, 3)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        row = self.row_at(event.position().y())
        if event.button() == Qt.MouseButton.LeftButton and row is not None:
            self._dragging, self._drop = row, self.phase_at(event.position().x())
            self.update()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._dragging is not None:
            self._drop = self.phase_at(event.position().x())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        row, self._dragging = self._dragging, None
        self._drop = None
        if row is None or event.button() != Qt.MouseButton.LeftButton:
            return
        bar = self.rows[row]
        phase = self.phase_at(event.position().x())
        self.update()
        if phase != self._main_phase(bar):
            self.rephased.emit(bar.id, bar.kind, phase)


def _suggest_phasing(project: Project, scenario: str, _report: object) -> Any:
    """In the child process: the suggested phasing (plain values, sent back)."""
    from mixplan.engine.phasing_suggest import suggest_phasing

    return suggest_phasing(project, scenario)


class PhasingPanel(QWidget):
    """Timeline, firms and findings of the current scenario's phasing."""

    #: the plan should be shown as at the end of a phase (0: the final plan)
    phase_shown = Signal(int)

    def __init__(self, document: ProjectDocument, live_engine, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setObjectName("phasing_panel")
        self.document = document
        self.result: Phasing | None = None
        #: bumped by every edit: a job of an older generation stops, its
        #: result is dropped
        self.generation = 0
        self._computing = False
        #: what "Suggest phasing" explained, shown with the next result
        self._explained = ""
        #: one job at a time (they share the facts cache); made before the
        #: signals so that, deleted first, it waits for its job to end
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._cache = FactsCache()
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        #: "Suggest phasing…" under way in a child process (one at a time), its
        #: progress dialog, whether the project changed since it started
        self._suggesting: ApartJob | None = None
        self._suggest_count = 0
        self._suggest_progress: QProgressDialog | None = None
        self._suggest_changed = False
        self._suggest_signals = JobSignals(self)
        self._suggest_signals.done.connect(self._suggested)
        self._suggest_signals.failed.connect(self._suggest_failed)
        #: the ids each building list shows (refilled only when they change)
        self._listed: dict[str, list[str]] = {}
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self.refresh)

        self.status = QLabel(self)
        self.status.setObjectName("phasing_status")
        self.status.setWordWrap(True)
        self.add_phase = QToolButton(self)
        self.add_phase.setObjectName("phasing_add_phase")
        self.add_phase.clicked.connect(self._add_phase)
        self.remove_phase = QToolButton(self)
        self.remove_phase.setObjectName("phasing_remove_phase")
        self.remove_phase.clicked.connect(self._remove_phase)
        self.suggest_action = QAction(self)
        self.suggest_action.setObjectName("action_suggest_phasing")
        self.suggest_action.triggered.connect(self.suggest)
        self.suggest_button = QToolButton(self)
        self.suggest_button.setObjectName("phasing_suggest_button")
        self.suggest_button.setDefaultAction(self.suggest_action)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("phasing_slider")
        self.slider.setRange(0, 1)
        self.slider.setPageStep(1)
        self.slider.valueChanged.connect(self._on_slider)
        self.slider.setMinimumWidth(160)
        self.slider_label = QLabel(self)
        self.slider_label.setObjectName("phasing_slider_label")

        self.timeline = PhasingTimeline(self)
        self.timeline.rephased.connect(self._rephase)
        self.firms = QTableWidget(self)
        self.firms.setObjectName("phasing_firms_table")
        self.firms.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.moves = QLabel(self)
        self.moves.setObjectName("phasing_moves")
        self.moves.setWordWrap(True)
        self.findings = QListWidget(self)
        self.findings.setObjectName("phasing_findings")
        self.move_firm = QComboBox(self)
        self.move_firm.setObjectName("phasing_move_firm")
        self.move_to = QComboBox(self)
        self.move_to.setObjectName("phasing_move_to")
        self.timeline_scroll = QScrollArea(self)
        self.timeline_scroll.setObjectName("phasing_timeline_scroll")
        self.timeline_scroll.setWidgetResizable(True)
        self.timeline_scroll.setWidget(self.timeline)
        # as wide as the timeline needs (its rows scroll, not its columns)
        self.timeline_scroll.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.timeline_scroll.setMinimumWidth(
            self.timeline.minimumWidth()
            + self.timeline_scroll.verticalScrollBar().sizeHint().width()
            + 2 * self.timeline_scroll.frameWidth()
        )
        self.move_phase = QSpinBox(self)
        self.move_phase.setObjectName("phasing_move_phase")
        self.move_phase.setMinimum(1)
        self.move_button = QPushButton(self)
        self.move_button.setObjectName("phasing_move_button")
        self.move_button.clicked.connect(self.move_selected_firm)
        self.occupant_building = QComboBox(self)
        self.occupant_building.setObjectName("phasing_occupant_building")
        for combo in (self.move_to, self.occupant_building):
            # thousands of buildings: no combo measures each of them
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        self.occupant_name = QLineEdit(self)
        self.occupant_name.setObjectName("phasing_occupant_name")
        self.occupant_m2 = QDoubleSpinBox(self)
        self.occupant_m2.setObjectName("phasing_occupant_m2")
        self.occupant_m2.setRange(0.0, 1e7)
        self.occupant_m2.setDecimals(0)
        self.occupant_m2.setSuffix(" m²")
        self.occupant_jobs = QSpinBox(self)
        self.occupant_jobs.setObjectName("phasing_occupant_jobs")
        self.occupant_jobs.setRange(0, 100000)
        self.occupant_add = QPushButton(self)
        self.occupant_add.setObjectName("phasing_occupant_add")
        self.occupant_add.clicked.connect(self.add_occupant)
        self.occupant_name.returnPressed.connect(self.add_occupant)

        top = QHBoxLayout()
        for widget in (self.add_phase, self.remove_phase, self.suggest_button):
            top.addWidget(widget)
        top.addWidget(self.slider_label)
        top.addWidget(self.slider, 1)
        firms_box = QWidget(self)
        firms_layout = QVBoxLayout(firms_box)
        firms_layout.setContentsMargins(0, 0, 0, 0)
        firms_layout.addWidget(self.firms, 1)
        firms_layout.addWidget(self.moves)
        move_row = QHBoxLayout()
        for widget in (self.move_firm, self.move_to, self.move_phase, self.move_button):
            move_row.addWidget(widget)
        firms_layout.addLayout(move_row)
        occupant_row = QHBoxLayout()
        for widget in (
            self.occupant_building,
            self.occupant_name,
            self.occupant_m2,
            self.occupant_jobs,
            self.occupant_add,
        ):
            occupant_row.addWidget(widget)
        firms_layout.addLayout(occupant_row)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.timeline_scroll)
        split.addWidget(firms_box)
        split.addWidget(self.findings)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        self.findings.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        document.changed.connect(lambda _c: self.schedule())
        document.changed.connect(self._note_change_while_suggesting)
        document.scenario_changed.connect(lambda _n: self.schedule())
        document.project_replaced.connect(self.schedule)
        self.retranslate_ui()
        self.schedule()

    def retranslate_ui(self) -> None:
        self.add_phase.setText(self.tr("Add phase"))
        self.remove_phase.setText(self.tr("Remove last phase"))
        self.suggest_action.setText(self.tr("Suggest phasing…"))
        self.suggest_action.setToolTip(
            self.tr("Give the scenario a phasing that keeps every firm housed")
        )
        self.firms.setToolTip(self.tr("Where each firm is, phase by phase"))
        self.move_button.setText(self.tr("Move"))
        self.move_button.setToolTip(
            self.tr(
                "House the firm in the building from the phase shown (one undo step)"
            )
        )
        self.move_phase.setPrefix(self.tr("from phase "))
        self.occupant_name.setPlaceholderText(self.tr("Firm in this existing building"))
        self.occupant_jobs.setSuffix(self.tr(" jobs"))
        self.occupant_add.setText(self.tr("Add firm"))
        self._show_slider_label()
        if self.result is not None:
            self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def schedule(self) -> None:
        """Recompute soon (several edits in a row cost one computation); the
        job under way, outdated, stops."""
        self.generation += 1
        self.timer.start()

    def busy(self) -> bool:
        """Whether the phasing shown is being recomputed (or soon will be)."""
        return self.timer.isActive() or self._computing

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().showEvent(event)
        self.schedule()

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().hideEvent(event)
        self.timer.stop()
        self.generation += 1  # the job under way stops: nobody looks
        self._working(False)

    def refresh(self) -> None:
        """Compute the phasing of the current scenario (in the worker)."""
        if not self.isVisible():
            return  # recomputed when shown (showEvent): a hidden dock costs nothing
        project = self.document.project
        scenario = self.document.scenario
        self.generation += 1
        if scenario is project.baseline:
            self.result = None
            self._working(False)
            self.status.setText(
                self.tr("The existing state has no phases: choose a scenario.")
            )
            self._fill()
            return
        self._working(True)
        self.pool.start(
            _Job(
                project.snapshot(),
                scenario.name,
                self.generation,
                self._cache,
                self._signals,
                self._current_generation,
            )
        )

    def _current_generation(self) -> int:
        return self.generation

    def _working(self, on: bool) -> None:
        """Say that the phasing is being computed (busy cursor over the panel)."""
        if on == self._computing:
            return
        self._computing = on
        if on:
            self.status.setText(self.tr("Computing the phasing…"))
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _on_done(self, generation: int, result: object) -> None:
        if generation != self.generation:
            return  # made from an older state; a newer job is on its way
        self._working(False)
        self.result = result  # type: ignore[assignment]
        self._fill()

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self.generation:
            return
        self._working(False)
        self.result = None
        self.status.setText(message)
        self._fill()

    def _fill(self) -> None:
        result = self.result
        project = self.document.project
        self._list(self.occupant_building, list(project.baseline.buildings))
        count = max(len(project.phases), 1)
        self.remove_phase.setEnabled(bool(project.phases))
        enabled = result is not None
        for widget in (self.add_phase, self.suggest_button, self.slider, self.timeline):
            widget.setEnabled(enabled)
        if result is None:
            self.timeline.set_data([], 1, [], set())
            self.firms.clear()
            self.findings.clear()
            self.moves.clear()
            return
        if result.phased:
            self.status.setText(
                self.tr(
                    "{0} phase(s); existing productive floor area {1} m², "
                    "at least {2} m² during the works"
                ).format(
                    len(result.phases),
                    f"{result.baseline_productive_m2:,.0f}",
                    f"{result.retention_limit_m2:,.0f}",
                )
            )
        else:
            self.status.setText(
                self.tr(
                    "Not phased: add phases and drag the bars, or let mixplan "
                    "suggest a phasing."
                )
            )
        if self._explained:
            self.status.setText(self._explained)
            self._explained = ""
        failing = {
            p
            for f in result.findings
            if f.severity == "error"
            if (p := phase_of_finding(f)) is not None
        }
        names = [p.name for p in project.phases]
        self.timeline.set_data(result.buildings, count, names, failing)
        self.slider.blockSignals(True)
        self.slider.setRange(0, count)
        self.slider.blockSignals(False)
        self._fill_firms(result)
        self._fill_move_form(result, count)
        self._fill_findings()

    def _fill_firms(self, result: Phasing) -> None:
        phases = len(result.phases)
        self.firms.clear()
        self.firms.setRowCount(len(result.locations))
        self.firms.setColumnCount(phases)
        self.firms.setHorizontalHeaderLabels(
            [self.tr("Phase {0}").format(p) for p in range(1, phases + 1)]
        )
        self.firms.setVerticalHeaderLabels(list(result.locations))
        for row, where in enumerate(result.locations.values()):
            for column, place in enumerate(where):
                item = QTableWidgetItem(place or self.tr("no premises"))
                if place is None:
                    item.setForeground(QBrush(_ERROR))
                self.firms.setItem(row, column, item)
        self.firms.resizeColumnsToContents()
        # A firm leaves a building of the existing state or of the scenario.
        baseline = self.document.project.baseline.buildings
        scenario = self.document.scenario.buildings
        lang = ui_lang()

        def named(bid: str) -> str:
            building = scenario.get(bid)
            if building is None:
                building = baseline.get(bid)
            return building_reference(
                bid, building.name if building is not None else "", lang
            )

        lines = [
            self.tr("Phase {0}: {1} moves from {2} to {3}").format(
                m.phase,
                m.firm,
                named(m.from_building) if m.from_building else "—",
                named(m.to_building),
            )
            for m in result.moves
        ]
        self.moves.setText("\n".join(lines) or self.tr("No firm moves."))

    def _fill_move_form(self, result: Phasing, count: int) -> None:
        self._list(self.move_firm, list(result.locations))
        self._list(self.move_to, list(self.document.scenario.buildings))
        self.move_phase.setMaximum(count)
        self.move_button.setEnabled(bool(result.locations) and result.phased)

    def _list(self, combo: QComboBox, ids: list[str]) -> None:
        """Show ``ids`` in ``combo``, the chosen one kept where it still is
        (untouched when the ids did not change: 10,000 buildings are 10,000
        items)."""
        name = combo.objectName()
        if self._listed.get(name) == ids:
            return
        chosen = combo.currentText()
        combo.clear()
        combo.addItems(ids)
        self._listed[name] = ids
        if chosen:
            combo.setCurrentIndex(max(combo.findText(chosen), 0))

    def move_selected_firm(self) -> None:
        """House the chosen firm in the chosen building from the chosen phase.

        One undo step: the firm's hosting in that phase elsewhere is dropped.
        """
        firm = self.move_firm.currentText()
        target = self.move_to.currentText()
        phase = self.move_phase.value()
        scenario = self.document.scenario
        if not firm or target not in scenario.buildings:
            return
        edits: list[Command] = []
        for bid, building in scenario.buildings.items():
            kept = tuple(
                h
                for h in building.hosts
                if not (h.name == firm and h.from_phase == phase)
            )
            if bid == target:
                kept = (*kept, Hosting(firm, phase))
            if kept != building.hosts:
                edits.append(SetHosts(scenario.name, bid, kept))
        if edits:
            self._push(CompoundCommand(edits, label=edits[-1].label))

    def add_occupant(self) -> None:
        """Add the typed firm to the chosen existing building (one undo step)."""
        building_id = self.occupant_building.currentText()
        name = self.occupant_name.text().strip()
        base = self.document.project.baseline.buildings.get(building_id)
        if base is None or not name:
            return
        try:
            firm = Occupant(name, self.occupant_m2.value(), self.occupant_jobs.value())
        except MixplanError as exc:
            QMessageBox.warning(self, self.tr("Phasing"), str(exc))
            return
        if self._push(SetOccupants(building_id, [*base.occupants, firm])):
            self.occupant_name.clear()

    def _fill_findings(self) -> None:
        self.findings.clear()
        if self.result is None:
            return
        shown = self.slider.value()
        lang = ui_lang()
        for finding in self.result.findings:
            phase = phase_of_finding(finding)
            if shown and phase is not None and phase != shown:
                continue
            text = (
                finding.message_fr
                if lang == "fr" and finding.message_fr
                else (finding.message)
            )
            item = QListWidgetItem(text)
            if finding.severity == "error":
                item.setForeground(QBrush(_ERROR))
            self.findings.addItem(item)

    def _show_slider_label(self) -> None:
        value = self.slider.value()
        self.slider_label.setText(
            self.tr("Final plan")
            if value == 0
            else self.tr("As at the end of phase {0}").format(value)
        )

    def _on_slider(self, value: int) -> None:
        self.timeline.current = value
        self.timeline.update()
        self._show_slider_label()
        self._fill_findings()
        self.phase_shown.emit(value)

    def _push(self, command) -> bool:  # type: ignore[no-untyped-def]
        try:
            self.document.push(command)
        except MixplanError as exc:
            QMessageBox.warning(self, self.tr("Phasing"), str(exc))
            return False
        return True

    def _rephase(self, building_id: str, kind: str, phase: int) -> None:
        scenario = self.document.current_scenario
        edit: Command
        if kind == "removed":
            edit = SetDemolition(scenario, building_id, phase)
        elif kind == "rebuilt":
            building = self.document.scenario.buildings[building_id]
            demolished = building.demolished_in
            # A rebuild cannot come before its demolition: move both together.
            edit = SetBuildingPhases(
                scenario,
                building_id,
                delivered_in=phase,
                demolished_in=min(demolished or phase, phase),
            )
        else:
            edit = SetBuildingPhases(scenario, building_id, delivered_in=phase)
        if not self.document.project.phases:
            # The first phase comes with the first drag: one undo step for both.
            edit = CompoundCommand([SetPhases([Phase()]), edit], label=edit.label)
        self._push(edit)

    def as_at_phase(self, phase: int) -> tuple[set[str] | None, list[str]]:
        """Scenario buildings in use and baseline buildings standing at the end of
        ``phase`` (0: the final plan, every building)."""
        if phase == 0 or self.result is None:
            return None, []
        in_use: set[str] = set()
        standing: list[str] = []
        for bar in self.result.buildings:
            if bar.kind == "removed":
                if bar.demolished_in is not None and phase < bar.demolished_in:
                    standing.append(bar.id)
                continue
            if bar.kind == "kept" or (bar.delivered_in or 0) <= phase:
                in_use.add(bar.id)
                continue
            if bar.origin and (
                bar.kind == "changed"
                or (bar.demolished_in is not None and phase < bar.demolished_in)
            ):
                standing.append(bar.origin)
        return in_use, standing

    def _add_phase(self) -> None:
        phases = list(self.document.project.phases)
        self._push(
            SetPhases([*phases, Phase(self.tr("Phase {0}").format(len(phases) + 1))])
        )

    def _remove_phase(self) -> None:
        self._push(SetPhases(list(self.document.project.phases)[:-1]))

    def suggest(self) -> None:
        """Suggest a phasing for the current scenario, in a child process.

        (At 10,000 buildings the greedy planner is minutes of Python: in the
        window's process it froze the window.) A progress dialog says so and
        its Cancel stops the child; the result is pushed as one undo step if
        the project has not changed meanwhile.
        """
        if self._suggesting is not None:
            return
        self._suggest_count += 1
        job = ApartJob(
            self._suggest_count,
            _suggest_phasing,
            (self.document.project.snapshot(), self.document.current_scenario),
            self._suggest_signals,
        )
        self._suggesting = job
        self._suggest_changed = False
        # (the panel gone, e.g. with its window, the child is stopped)
        self.destroyed.connect(job.cancel)
        progress = self._suggest_progress = QProgressDialog(
            self.tr("Suggesting a phasing…"), self.tr("Cancel"), 0, 0, self
        )
        progress.setObjectName("phasing_suggest_progress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.canceled.connect(self._cancel_suggest)
        progress.show()
        self.suggest_action.setEnabled(False)
        QThreadPool.globalInstance().start(job)

    def _cancel_suggest(self) -> None:
        if self._suggesting is not None:
            self._suggesting.cancel()
        self._end_suggest()

    def _end_suggest(self) -> None:
        self._suggesting = None
        self.suggest_action.setEnabled(True)
        if self._suggest_progress is not None:
            self._suggest_progress.canceled.disconnect(self._cancel_suggest)
            self._suggest_progress.close()
            self._suggest_progress.deleteLater()
            self._suggest_progress = None

    def _note_change_while_suggesting(self, _change: object) -> None:
        if self._suggesting is not None:
            self._suggest_changed = True

    def _suggest_failed(self, job: int, message: str) -> None:
        if self._suggesting is None or job != self._suggesting.job:
            return
        self._end_suggest()
        QMessageBox.warning(self, self.tr("Phasing"), message)

    def _suggested(self, job: int, suggestion: Any) -> None:
        if self._suggesting is None or job != self._suggesting.job:
            return
        changed = self._suggest_changed
        self._end_suggest()
        if changed:
            QMessageBox.information(
                self,
                self.tr("Phasing"),
                self.tr(
                    "The project changed while the phasing was being suggested: "
                    "suggest it again."
                ),
            )
            return
        lines = (
            suggestion.explanation_fr if ui_lang() == "fr" else suggestion.explanation
        )
        if not suggestion.feasible:
            QMessageBox.warning(self, self.tr("Phasing"), "\n".join(lines))
            return
        if self._push(suggestion.command()):
            # shown with the phasing the push recomputes
            self._explained = "\n".join(lines)
            self.status.setText(self._explained)
