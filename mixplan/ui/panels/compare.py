"""Compare scenarios: a table of indicators and rule results, one column per scenario.

Evaluations come from the live engine; a scenario it has not evaluated yet is
evaluated here with :func:`mixplan.engine.evaluate` (the dialog is opened on demand,
so a short synchronous evaluation is acceptable).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mixplan.engine.finding_records import rules_of
from mixplan.engine.findings import Evaluation
from mixplan.report.comparison import rule_verdict
from mixplan.report.palette import SEVERITY_COLOURS, lighten
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.common import rule_ids, rule_name
from mixplan.ui.panels.indicators import INDICATOR_ROWS, indicator_labels


class CompareTableModel(QAbstractTableModel):
    """Rows: key indicators, then rules; columns: the name, then every scenario."""

    def __init__(
        self,
        document: ProjectDocument,
        live_engine: QObject,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.document = document
        self.live_engine = live_engine
        self.scenarios: list[str] = []
        self.evaluations: dict[str, Evaluation | None] = {}
        self.rules: list[str] = []
        live_engine.evaluated.connect(self._on_evaluated)  # type: ignore[attr-defined]
        document.changed.connect(self._on_changed)
        document.project_replaced.connect(self.refresh)
        self.refresh()

    def _evaluate(self, name: str) -> Evaluation | None:
        # The live engine's result, or None until it comes (``_on_evaluated``):
        # never evaluated here, on the GUI thread — 10,000 buildings would freeze
        # the window, and the worker may be reading the same geometries.
        return self.live_engine.evaluation(name)  # type: ignore[attr-defined,no-any-return]

    def _rules(self) -> list[str]:
        known = rule_ids()
        seen = sorted(
            {r for e in self.evaluations.values() if e for r in rules_of(e.findings)}
            - set(known)
        )
        return [*known, *seen]

    def refresh(self) -> None:
        self.beginResetModel()
        self.scenarios = [s.name for s in self.document.project.scenarios]
        self.evaluations = {name: self._evaluate(name) for name in self.scenarios}
        self.rules = self._rules()
        self.endResetModel()

    def _on_changed(self, change) -> None:  # type: ignore[no-untyped-def]
        if change.scenarios or change.everything:
            self.refresh()

    def _on_evaluated(self, name: str, evaluation: object) -> None:
        if name not in self.scenarios:
            return
        self.evaluations[name] = evaluation  # type: ignore[assignment]
        rules = self._rules()
        if rules != self.rules:
            self.beginResetModel()
            self.rules = rules
            self.endResetModel()
            return
        column = self.scenarios.index(name) + 1
        self.dataChanged.emit(
            self.index(0, column), self.index(self.rowCount() - 1, column)
        )

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(INDICATOR_ROWS) + len(self.rules)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self.scenarios)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ):  # type: ignore[no-untyped-def]
        if (
            role != Qt.ItemDataRole.DisplayRole
            or orientation != Qt.Orientation.Horizontal
        ):
            return None
        if section == 0:
            return self.tr("Indicator or rule")
        if 1 <= section <= len(self.scenarios):
            name = self.scenarios[section - 1]
            if section == 1:
                return self.tr("%1 (baseline)").replace("%1", name)
            return name
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def is_rule_row(self, row: int) -> bool:
        return row >= len(INDICATOR_ROWS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row, column = index.row(), index.column()
        if not 0 <= column < self.columnCount():
            return None
        rule_row = self.is_rule_row(row)
        if column == 0:
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            if rule_row:
                rule = self.rules[row - len(INDICATOR_ROWS)]
                return f"{rule} {rule_name(rule)}"
            return indicator_labels()[INDICATOR_ROWS[row].key]
        evaluation = self.evaluations.get(self.scenarios[column - 1])
        if evaluation is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        if rule_row:
            status, count = rule_verdict(
                evaluation, self.rules[row - len(INDICATOR_ROWS)]
            )
            if role == Qt.ItemDataRole.DisplayRole:
                texts = {
                    "pass": self.tr("✓ pass"),
                    "fail": self.tr("✗ fail (%1)"),
                    "warning": self.tr("! warning (%1)"),
                }
                return texts[status].replace("%1", str(count))
            if role == Qt.ItemDataRole.UserRole:
                return status
            if role == Qt.ItemDataRole.BackgroundRole:
                key = {"fail": "error"}.get(status, status)
                return QColor(lighten(SEVERITY_COLOURS[key], 0.8))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        spec = INDICATOR_ROWS[row]
        value = evaluation.indicators.get(spec.key)
        if role == Qt.ItemDataRole.DisplayRole:
            text = spec.text(value)
            delta = evaluation.delta.get(spec.key)
            if column > 1 and isinstance(delta, int | float):
                text += f"  ({spec.delta_text(delta)})"
            return text
        if role == Qt.ItemDataRole.UserRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class CompareDialog(QDialog):
    """The Compare view: scenarios side by side (Scenario ▸ Compare)."""

    def __init__(
        self,
        document: ProjectDocument,
        live_engine: QObject,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("compare_view")
        self.model = CompareTableModel(document, live_engine, self)
        self.note = QLabel()
        self.table = QTableView()
        self.table.setObjectName("compare_table")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.sectionDoubleClicked.connect(self._show_scenario)
        self.document = document
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setObjectName("compare_export")
        self.export_button.setToolTip(
            self.tr("Save the indicators and rule verdicts as an Excel workbook or CSV")
        )
        self.export_button.clicked.connect(self._export)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        from mixplan.ui.panels.balance import BalanceCompareTable

        self.balance_table = BalanceCompareTable(document, self)
        layout.addWidget(self.balance_table)
        layout.addWidget(buttons)
        self.setWindowTitle(self.tr("Compare scenarios"))
        self.note.setText(
            self.tr(
                "Change from the baseline in brackets; a rule fails on an error. "
                "Double-click a scenario to show it."
            )
        )
        self.note.setWordWrap(True)
        self.resize(760, 560)

    def _show_scenario(self, section: int) -> None:
        """Double-clicking a scenario's header makes it the current scenario."""
        if 1 <= section <= len(self.model.scenarios):
            self.document.set_scenario(self.model.scenarios[section - 1])

    def _export(self) -> None:
        """Ask where, then write the comparison (Excel workbook or CSV)."""
        project_path = self.document.path
        stem = project_path.name.split(".")[0] if project_path else "comparison"
        folder = project_path.parent if project_path else Path.home()
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the comparison"),
            str(folder / f"{stem}-comparison.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV, comma-separated (*.csv)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> bool:
        """Write the comparison to ``path`` (.xlsx or .csv); a dialog on failure."""
        from mixplan.model.errors import MixplanError
        from mixplan.report.comparison import (
            comparison_csv,
            comparison_tables,
            comparison_xlsx,
        )
        from mixplan.store.atomic import write_bytes_atomic
        from mixplan.ui.panels.common import ui_lang

        model = self.model
        missing = [n for n in model.scenarios if model.evaluations.get(n) is None]
        try:
            if path.suffix.lower() not in (".xlsx", ".csv"):
                raise MixplanError(self.tr("choose a .xlsx or .csv file"), path)
            if missing:
                raise MixplanError(
                    self.tr("scenarios still being evaluated: %1").replace(
                        "%1", ", ".join(missing)
                    ),
                    path,
                )
            tables = comparison_tables(
                model.evaluations,  # type: ignore[arg-type]
                model.scenarios,
                lang=ui_lang(),
            )
            data = (
                comparison_xlsx(tables)
                if path.suffix.lower() == ".xlsx"
                else comparison_csv(tables)
            )
            write_bytes_atomic(path, data)
        except (MixplanError, OSError) as exc:
            QMessageBox.warning(
                self,
                self.tr("Export the comparison"),
                self.tr("Could not write %1: %2")
                .replace("%1", str(path))
                .replace("%2", str(exc)),
            )
            return False
        return True
