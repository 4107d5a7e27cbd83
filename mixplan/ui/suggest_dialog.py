"""Scenario ▸ Suggest…: the optimiser of DESIGN §15 in the editor.

The user picks the scenario to start from, the new scenario's name, the
objective, the options allowed and the buildings or covers to keep as they are.
The suggestion runs on a copy of the project in a child process
(:func:`mixplan.store.sandbox.run_apart`), waited for by a pool thread, with its
stage shown; Cancel stops it and drops the result. The result is pushed as one
undo step, the new scenario becomes current, and the dialog shows
its explanation: what binds and where, the value of relaxing each limit, what
changed per building. The trade-off chart creates the scenario of the point
clicked.

Not in a thread of the window's process: at 10,000 buildings the suggestion is
30–80 s of Python whose collector's full passes held the GIL for 0.5–5 s at a
time, and HiGHS (scipy 1.17) holds it through a whole solve (6 s): the window
froze for seconds (GUI CPU 0.2 s of a 2.5–5 s stall). In a child process nothing
it does holds the window, and Cancel ends it within a tenth of a second
(run_apart's ``stop``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mixplan.model.commands import Change
from mixplan.model.errors import MixplanError
from mixplan.ui.apart_job import ApartJob, JobSignals
from mixplan.ui.errors import show_error
from mixplan.ui.frozen_list import FrozenListModel
from mixplan.ui.i18n import current_language
from mixplan.ui.pareto_chart import ParetoChart

log = logging.getLogger(__name__)


def _suggest(
    project: Any,
    source: str,
    name: str,
    objective: str,
    allowed: list[str],
    frozen: list[str],
    report: Callable[[str], None],
) -> Any:
    from mixplan.engine.suggest import suggest

    return suggest(
        project,
        source,
        name,
        objective,
        allowed=allowed,
        frozen=frozen,
        progress=report,
    )


def _pareto(
    project: Any,
    source: str,
    versus: str,
    objective: str,
    allowed: list[str],
    frozen: list[str],
    report: Callable[[float], None],
) -> Any:
    from mixplan.engine.suggest_pareto import pareto

    def step(done: int, total: int) -> bool:
        if total > 0:
            report(done / total)
        return True

    return pareto(
        project,
        source,
        versus,
        objective,
        10,
        allowed=allowed,
        frozen=frozen,
        progress=step,
    )


def _point(project: Any, front: Any, point: Any, name: str, report: Any) -> Any:
    from mixplan.engine.suggest_pareto import point_suggestion

    return point_suggestion(project, front, point, name)


def _free_name(project, base: str) -> str:  # type: ignore[no-untyped-def]
    name, n = base, 1
    while project.has_scenario(name):
        n += 1
        name = f"{base} {n}"
    return name


class SuggestDialog(QDialog):
    """Objective, options, frozen buildings; a worker; the explanation."""

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        from mixplan.engine.suggest_options import OPTIONS

        self.setObjectName("suggest_dialog")
        self.window_ = window
        self.document = window.document
        self.setWindowTitle(self.tr("Suggest a scenario"))
        self.job: ApartJob | None = None
        self.job_count = 0
        self.stale = False
        self.front: Any = None
        #: the last suggestion written (its explanation is shown)
        self.suggestion: Any = None
        self.mode = "suggest"
        self._signals = JobSignals(self)
        self._signals.stage.connect(self._on_stage)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self.document.changed.connect(self._on_project_changed)
        #: the project changed while the dialog was hidden: its lists follow
        #: when it is shown again
        self._outdated = False
        self.document.project_replaced.connect(self._on_project_replaced)

        project = self.document.project
        form = QFormLayout()
        self.source = QComboBox(objectName="suggest_source")
        self._list_sources(self.document.current_scenario)
        self.source.currentIndexChanged.connect(self._fill_frozen)
        form.addRow(self.tr("Start from"), self.source)
        self.name = QLineEdit(objectName="suggest_name")
        self.name.setText(_free_name(project, self.tr("Suggested")))
        form.addRow(self.tr("New scenario"), self.name)
        self.objective = QComboBox(objectName="suggest_objective")
        for key, label in (
            ("housing", self.tr("Housing floor area (SDP)")),
            ("dwellings", self.tr("Dwellings")),
            ("jobs", self.tr("Jobs")),
            ("sdp", self.tr("Total floor area (SDP)")),
        ):
            self.objective.addItem(label, key)
        form.addRow(self.tr("Maximise"), self.objective)

        options = QGroupBox(self.tr("Options allowed"))
        grid = QGridLayout(options)
        labels = {
            "raise": self.tr("Add storeys of housing"),
            "convert": self.tr("Convert non-productive levels to housing"),
            "lift": self.tr("Fit a freight lift"),
            "build": self.tr("Build on sealed ground and car parks"),
            "deseal": self.tr("De-seal ground into open soil"),
            "green_roof": self.tr("Green roofs on new buildings"),
        }
        self.options: dict[str, QCheckBox] = {}
        for k, key in enumerate(OPTIONS):
            box = QCheckBox(labels[key], objectName=f"suggest_option_{key}")
            box.setChecked(True)
            self.options[key] = box
            grid.addWidget(box, k // 2, k % 2)

        frozen_box = QGroupBox(self.tr("Keep as they are (frozen)"))
        frozen_layout = QVBoxLayout(frozen_box)
        self.frozen = QListView(objectName="suggest_frozen")
        self.frozen_model = FrozenListModel(self)
        self.frozen.setModel(self.frozen_model)
        self.frozen.setUniformItemSizes(True)  # only the rows on screen measured
        frozen_layout.addWidget(self.frozen)
        self._fill_frozen()

        self.versus = QComboBox(objectName="suggest_versus")
        self.versus.addItem(self.tr("open soil"), "open_soil")
        self.versus.addItem(self.tr("jobs"), "jobs")
        self.pareto_button = QPushButton(
            self.tr("Trade-off"), objectName="suggest_pareto_button"
        )
        self.pareto_button.clicked.connect(self.run_pareto)
        tradeoff = QHBoxLayout()
        tradeoff.addWidget(QLabel(self.tr("Housing against")))
        tradeoff.addWidget(self.versus)
        tradeoff.addWidget(self.pareto_button)
        tradeoff.addStretch(1)

        self.progress = QProgressBar(objectName="suggest_progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.status = QLabel(objectName="suggest_status")
        self.status.setWordWrap(True)
        self.chart = ParetoChart(self)
        self.chart.point_clicked.connect(self.create_point)
        self.chart.hide()
        self.explanation = QTextBrowser(objectName="suggest_explanation")
        self.explanation.setPlaceholderText(
            self.tr("The explanation of the suggestion appears here.")
        )

        buttons = QDialogButtonBox()
        self.run_button = buttons.addButton(
            self.tr("Suggest"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.run_button.setObjectName("suggest_run")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run_suggest)
        self.cancel_button = buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("suggest_cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.disconnect()
        self.cancel_button.clicked.connect(self.cancel)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("suggest_close")
        close.clicked.connect(self.close)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        left_layout.addWidget(options)
        left_layout.addWidget(frozen_box, 1)
        left_layout.addLayout(tradeoff)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.explanation)
        right.addWidget(self.chart)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)
        self.resize(980, 620)

    # --- inputs -------------------------------------------------------------

    def _frozen_rows(self) -> list[tuple[str, str]] | None:
        """(id, label) of the source scenario's buildings then ground covers."""
        project = self.document.project
        name = self.source.currentData()
        if not project.has_scenario(name):
            return None
        scenario = project.scenario(name)
        rows = [
            (bid, f"{bid} — {building.name}" if building.name else bid)
            for bid, building in scenario.buildings.items()
        ]
        rows.extend(
            (cid, self.tr("{0} — ground ({1})").format(cid, cover.cover))
            for cid, cover in scenario.cover.items()
        )
        return rows

    def _fill_frozen(self) -> None:
        """The source scenario's list, the plan's selection ticked."""
        rows = self._frozen_rows()
        if rows is not None:
            self.frozen_model.set_rows(rows, set(self.document.selection))

    def frozen_ids(self) -> list[str]:
        return self.frozen_model.ticked_ids()

    def allowed(self) -> list[str]:
        return [key for key, box in self.options.items() if box.isChecked()]

    # --- running ------------------------------------------------------------

    def _start(
        self, work: Callable[..., Any], args: tuple[Any, ...], text: str
    ) -> None:
        """Run ``work(copy of the project, *args, report)`` in a child process."""
        from mixplan.engine.suggest import working_copy

        copy = working_copy(self.document.project)
        self.job_count += 1
        self.stale = False
        self.job = ApartJob(self.job_count, work, (copy, *args), self._signals)
        self.status.setText(text)
        self.progress.setRange(0, 0)  # busy until a stage says how far
        self.run_button.setEnabled(False)
        self.pareto_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.setCursor(Qt.CursorShape.BusyCursor)
        QThreadPool.globalInstance().start(self.job)

    def _finished(self) -> None:
        self.job = None
        self.unsetCursor()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.run_button.setEnabled(True)
        self.pareto_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def run_suggest(self) -> None:
        name = self.name.text().strip()
        if not name:
            show_error(self, self.tr("Give the new scenario a name."))
            return
        if self.document.project.has_scenario(name):
            show_error(self, self.tr("A scenario {0!r} already exists.").format(name))
            return
        source, objective = self.source.currentData(), self.objective.currentData()
        self.mode = "suggest"
        self._start(
            _suggest,
            (source, name, objective, self.allowed(), self.frozen_ids()),
            self.tr("Suggesting…"),
        )

    def run_pareto(self) -> None:
        source, objective = self.source.currentData(), self.objective.currentData()
        versus = self.versus.currentData()
        self.mode = "pareto"
        self._start(
            _pareto,
            (source, versus, objective, self.allowed(), self.frozen_ids()),
            self.tr("Tracing the trade-off…"),
        )

    def create_point(self, index: int) -> None:
        if self.front is None or self.job is not None:
            return
        front, point = self.front, self.front.points[index]
        name = _free_name(
            self.document.project, self.name.text().strip() or self.tr("Suggested")
        )
        self.mode = "suggest"
        self._start(
            _point,
            (front, point, name),
            self.tr("Creating the scenario of this point…"),
        )

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job = None  # its result, when it comes, is dropped
        self.status.setText(self.tr("Cancelled."))
        self._finished()

    def _on_project_replaced(self) -> None:
        if self.job is not None:
            self.cancel()
        self.front = None
        self.chart.hide()
        self.explanation.clear()
        self._fill_sources(self.document.current_scenario)
        self.name.setText(_free_name(self.document.project, self.tr("Suggested")))

    def _fill_sources(self, current: str) -> None:
        self._list_sources(current)
        self._fill_frozen()

    def _list_sources(self, current: str) -> None:
        """The project's scenarios in "Start from", ``current`` chosen (the
        frozen list is not refilled: the caller says how)."""
        self.source.blockSignals(True)
        self.source.clear()
        for scenario in self.document.project.scenarios:
            self.source.addItem(scenario.name, scenario.name)
        self.source.setCurrentIndex(max(0, self.source.findData(current)))
        self.source.blockSignals(False)

    def _on_project_changed(self, change: Change) -> None:
        if self.job is not None:
            self.stale = True
        renamed = change.renamed
        if renamed is not None and self.source.currentData() == renamed[0]:
            # the source keeps its place in the list under its new name
            index = self.source.currentIndex()
            self.source.setItemText(index, renamed[1])
            self.source.setItemData(index, renamed[1])
        source = self.source.currentData()
        if not (
            change.everything
            or change.scenarios
            or change.scenario == source
            or source in change.reached
        ):
            return
        if self.isVisible():
            self._follow_project()
        else:
            self._outdated = True

    def _follow_project(self) -> None:
        """The scenarios, the new scenario's name and the frozen list follow the
        project; the user's choices (source, ticks) are kept where they still
        exist."""
        self._outdated = False
        project = self.document.project
        names = [scenario.name for scenario in project.scenarios]
        listed = [self.source.itemData(i) for i in range(self.source.count())]
        if names != listed:
            source = self.source.currentData()
            if not project.has_scenario(source):
                source = self.document.current_scenario
            self._list_sources(source)
        if project.has_scenario(self.name.text().strip()):
            self.name.setText(_free_name(project, self.name.text().strip()))
        rows = self._frozen_rows()
        if rows is not None:
            self.frozen_model.follow(rows)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._outdated:
            self._follow_project()
        super().showEvent(event)

    def _current(self, job: int) -> bool:
        return self.job is not None and self.job.job == job

    def _on_stage(self, job: int, text: str, done: int, total: int) -> None:
        if not self._current(job):
            return
        if text:
            # The engine reports its stages in English; show them translated.
            stages = {
                "listing": self.tr("listing the options of every building"),
                "solving": self.tr("solving the mixed-integer programme"),
                "checking": self.tr("checking the result with the engine"),
            }
            shown = next((v for k, v in stages.items() if text.startswith(k)), text)
            self.status.setText(self.tr("Suggesting: {0}").format(shown))
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_failed(self, job: int, message: str) -> None:
        if not self._current(job):
            return
        self._finished()
        self.status.setText(message)
        show_error(self, self.tr("No scenario could be suggested."), message)

    def _on_done(self, job: int, result: object) -> None:
        if not self._current(job):
            return
        stale = self.stale
        self._finished()
        if stale:
            self.status.setText(
                self.tr("The project changed while the suggestion ran; run it again.")
            )
            return
        if self.mode == "pareto":
            self._show_front(result)
            return
        try:
            self.document.push(result.command)  # type: ignore[attr-defined]
        except MixplanError as exc:
            show_error(self, str(exc))
            return
        self.document.set_scenario(result.name)  # type: ignore[attr-defined]
        self.suggestion = result
        self.explanation.setHtml(explanation_html(result, current_language()))
        self.status.setText(self.tr("Wrote scenario {0}.").format(result.name))  # type: ignore[attr-defined]
        self.name.setText(_free_name(self.document.project, self.tr("Suggested")))
        self._fill_sources(result.source)  # type: ignore[attr-defined]

    def _show_front(self, front: Any) -> None:
        self.front = front
        x_label = (
            self.tr("open soil (% of the site)")
            if front.versus == "open_soil"
            else self.tr("jobs")
        )
        self.chart.set_points(
            [(p.other, p.value) for p in front.points],
            x_label,
            self.objective.currentText(),
        )
        self.chart.show()
        self.status.setText(
            self.tr("{0} points; click one to create that scenario.").format(
                len(front.points)
            )
        )

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.job is not None:
            self.job.cancel()
            self.job = None
        super().closeEvent(event)


def explanation_html(result: Any, lang: str) -> str:
    """The explanation of a suggestion, in the window's language."""
    import html

    fr = lang == "fr"

    def t(en: str, fr_text: str) -> str:
        return fr_text if fr else en

    def number(value: float, spec: str) -> str:
        shown = format(value, spec)
        if fr:  # 2 219,5: narrow no-break space for thousands, comma for decimals
            shown = shown.replace(",", "\u202f").replace(".", ",")
        return shown

    parts = [f"<h3>{html.escape(result.name)}</h3>"]
    status = (
        t("optimal (proven)", "optimal (prouvé)")
        if result.status == "optimal"
        else t(
            f"within {result.gap:.2%} of the optimum",
            f"à moins de {number(result.gap * 100, '.2f')}\u202f% de l'optimum",
        )
    )
    parts.append(
        f"<p>{t('Value', 'Valeur')}: <b>{number(result.value, ',.1f')}</b> — "
        f"{html.escape(status)}</p>"
    )
    parts.append(f"<h4>{t('What limits it', 'Ce qui le limite')}</h4><ul>")
    for b in result.binding or []:
        message = b.message_fr if fr and b.message_fr else b.message
        parts.append(f"<li><b>{html.escape(b.rule)}</b> {html.escape(message)}</li>")
    if not result.binding:
        parts.append(f"<li>{t('nothing binds', 'rien ne bloque')}</li>")
    parts.append("</ul>")
    if result.shadow_prices:
        parts.append(
            f"<h4>{t('Value of relaxing a limit', 'Valeur d’un assouplissement')}"
            "</h4><ul>"
        )
        for p in result.shadow_prices:
            label = p["constraint_fr"] if fr else p["constraint"]
            per = p["per_fr"] if fr else p["per"]
            parts.append(
                f"<li>{html.escape(label)}: {number(p['value'], '+,.1f')} "
                f"{t('per', 'par')} {html.escape(per)}</li>"
            )
        parts.append("</ul>")
    parts.append(f"<h4>{t('What changes', 'Ce qui change')}</h4><ul>")
    for c in result.changes:
        message = c.message_fr if fr else c.message
        parts.append(
            f"<li>{html.escape(message)} "
            f"({t('housing', 'logement')} {number(c.housing_m2, '+,.0f')} m²)</li>"
        )
    if not result.changes:
        parts.append(f"<li>{t('nothing', 'rien')}</li>")
    parts.append("</ul>")
    return "".join(parts)
