"""The inspector's table models: the levels of a building and the use mix of a level.

Both models read the selected building from the document and write through model
commands only (``document.push``); they refresh from ``document.changed``, so an
undo shows in the table like any other change. Rows of the levels table run top
down, as in a building section: the roof storey first, the ground floor last.
"""

from __future__ import annotations

import math
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from mixplan.model import NUISANCE_CLASSES, USES, Allocation, Building, Level
from mixplan.model.commands import (
    SetLevel,
    SetLevelAccess,
    SetLevelHeight,
    SetLevelLoad,
)
from mixplan.model.errors import MixplanError
from mixplan.model.uses import Family, use_class
from mixplan.report.palette import use_colour
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.common import format_number, merge_id, ui_lang

NONE_TEXT = "—"
SEVERITY_ORDER = ("error", "warning", "info")


def severity_icon(severity: str) -> QIcon:
    """The platform's error / warning / information icon."""
    pixmap = {
        "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    }.get(severity, QStyle.StandardPixmap.SP_MessageBoxInformation)
    return QApplication.style().standardIcon(pixmap)


def access_labels() -> dict[str, str]:
    # A fixed context: these are used by several classes and must be found by lupdate.
    return {
        "street": QCoreApplication.translate("LevelsTableModel", "Street"),
        "yard": QCoreApplication.translate("LevelsTableModel", "Yard"),
        "freight_lift": QCoreApplication.translate("LevelsTableModel", "Freight lift"),
        "ramp": QCoreApplication.translate("LevelsTableModel", "Ramp"),
        "none": QCoreApplication.translate("LevelsTableModel", "None"),
    }


def uses_summary(level: Level, lang: str) -> str:
    """``"Craft 85 % · Shared services 15 %"``: the level's uses, largest first."""
    parts = sorted(level.uses, key=lambda a: -a.share)
    if len(parts) == 1:
        return use_class(parts[0].use).label(lang)
    return " · ".join(
        f"{use_class(a.use).label(lang)} {format_number(a.share * 100)} %"
        for a in parts
    )


def dominant_use(level: Level) -> str:
    return max(level.uses, key=lambda a: a.share).use


def level_nuisance(level: Level) -> str | None:
    """The most constrained ICPE regime stated on the level's allocations."""
    stated = [a.nuisance for a in level.uses if a.nuisance is not None]
    return max(stated, key=NUISANCE_CLASSES.index) if stated else None


def with_nuisance(level: Level, nuisance: str | None) -> Level:
    """The level with ``nuisance`` on every allocation that can carry an activity.

    Housing and non floor area keep theirs: an ICPE regime describes an activity.
    """
    quiet = {Family.HOUSING, Family.NON_FLOOR_AREA, Family.UNASSIGNED}
    return replace(
        level,
        uses=tuple(
            a if use_class(a.use).family in quiet else replace(a, nuisance=nuisance)
            for a in level.uses
        ),
    )


class _BuildingTable(QAbstractTableModel):
    """Base: follows one building of the current scenario through the document."""

    #: a refused edit, with the model's one-line reason
    edit_refused = Signal(str)

    def __init__(self, document: ProjectDocument, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.building_id: str | None = None
        self._building: Building | None = None
        document.changed.connect(self._on_changed)
        document.scenario_changed.connect(lambda _name: self.refresh())
        document.project_replaced.connect(self.refresh)

    @property
    def building(self) -> Building | None:
        return self._building

    def _lookup(self) -> Building | None:
        if self.building_id is None:
            return None
        return self.document.scenario.buildings.get(self.building_id)

    def set_building(self, building_id: str | None) -> None:
        self.building_id = building_id
        self.refresh()

    def _on_changed(self, change) -> None:  # type: ignore[no-untyped-def]
        if (
            change.everything
            or change.scenarios
            or (
                change.scenario == self.document.current_scenario
                and (self.building_id in change.buildings)
            )
        ):
            self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        """Headers and texts again, after a language change."""
        columns = self.columnCount()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, columns - 1)
            )

    def _push(self, command, merge: int = -1) -> bool:  # type: ignore[no-untyped-def]
        try:
            self.document.push(command, merge)
        except MixplanError as exc:
            self.edit_refused.emit(str(exc))
            return False
        return True


class LevelsTableModel(_BuildingTable):
    """The levels of the selected building, top storey first."""

    STOREY, USES, HEIGHT, LOAD, ACCESS, NUISANCE, AREA = range(7)
    COLUMN_COUNT = 7

    def __init__(self, document: ProjectDocument, parent: QObject | None = None):
        super().__init__(document, parent)
        self._rows: list[tuple[int, Level]] = []
        #: findings about one level, by position: (severity, rule, message)
        self._level_findings: dict[int, list[tuple[str, str, str]]] = {}

    def set_findings(self, findings: list) -> None:  # type: ignore[type-arg]
        """Mark the levels that findings target (``"building_id#position"``)."""
        marks: dict[int, list[tuple[str, str, str]]] = {}
        prefix = f"{self.building_id}#"
        for finding in findings:
            for target in finding.targets:
                if self.building_id is not None and target.startswith(prefix):
                    try:
                        position = int(target[len(prefix) :])
                    except ValueError:
                        continue
                    marks.setdefault(position, []).append(
                        (finding.severity, finding.rule, finding.message)
                    )
        if marks != self._level_findings:
            self._level_findings = marks
            if self._rows:
                self.dataChanged.emit(
                    self.index(0, self.STOREY), self.index(len(self._rows) - 1, 0)
                )

    def level_findings(self, row: int) -> list[tuple[str, str, str]]:
        return self._level_findings.get(self.position(row), [])

    def refresh(self) -> None:
        building = self._lookup()
        if building is None:
            self.building_id = None
        rows = list(reversed(list(building.indexed_levels()))) if building else []
        if len(rows) == len(self._rows) and building is not None and rows:
            # Same shape: update in place so open editors and the selection survive.
            self._building, self._rows = building, rows
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(rows) - 1, self.COLUMN_COUNT - 1)
            )
            return
        self.beginResetModel()
        self._building, self._rows = building, rows
        self.endResetModel()

    # --- positions ---------------------------------------------------------------

    def position(self, row: int) -> int:
        """The level's position in the building's bottom-up list."""
        return len(self._rows) - 1 - row

    def row_of(self, position: int) -> int:
        return len(self._rows) - 1 - position

    def level(self, row: int) -> Level:
        return self._rows[row][1]

    # --- Qt model ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ):  # type: ignore[no-untyped-def]
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 7:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Storey"),
                self.tr("Uses"),
                self.tr("Height"),
                self.tr("Load"),
                self.tr("Access"),
                self.tr("ICPE"),
                self.tr("Area"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                self.tr("Storey: ground, upper levels, basements"),
                self.tr("Uses and their shares of the floor area"),
                self.tr("Floor-to-floor height (m)"),
                self.tr("Design imposed load (kN/m²)"),
                self.tr("How goods and vehicles reach the level"),
                self.tr("Nuisance class of the activity (ICPE regime)"),
                self.tr("Gross floor area (m²)"),
            )[section]
        return None

    def storey_label(self, index: int) -> str:
        if index == 0:
            return self.tr("Ground")
        if index > 0:
            return self.tr("L%1").replace("%1", str(index))
        return self.tr("B%1").replace("%1", str(-index))

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (self.HEIGHT, self.LOAD, self.ACCESS, self.NUISANCE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        storey, level = self._rows[index.row()]
        column = index.column()
        display = role == Qt.ItemDataRole.DisplayRole
        if role == Qt.ItemDataRole.EditRole:
            return {
                self.HEIGHT: level.height_m,
                self.LOAD: level.load_kn_m2,
                self.ACCESS: level.access,
                self.NUISANCE: level_nuisance(level),
            }.get(column)
        if column == self.STOREY and display:
            return self.storey_label(storey)
        marks = self.level_findings(index.row()) if column == self.STOREY else []
        if marks and role == Qt.ItemDataRole.DecorationRole:
            worst = min(marks, key=lambda m: SEVERITY_ORDER.index(m[0]))[0]
            return severity_icon(worst)
        if (
            column == self.STOREY
            and role == Qt.ItemDataRole.ToolTipRole
            and self._building is not None
        ):
            area = format_number(self._building.level_area(level))
            lines = [self.tr("%1 m² gross floor area").replace("%1", area)]
            lines.extend(f"{rule}: {message}" for _sev, rule, message in marks)
            return "\n".join(lines)
        if column == self.HEIGHT and display:
            return format_number(level.height_m, 2)
        if column == self.USES:
            if display or role == Qt.ItemDataRole.ToolTipRole:
                return uses_summary(level, ui_lang())
            if role == Qt.ItemDataRole.DecorationRole:
                return QColor(use_colour(dominant_use(level)))
        if column == self.AREA and display and self._building is not None:
            return format_number(self._building.level_area(level))
        if column == self.LOAD and display:
            if level.load_kn_m2 is None:
                return NONE_TEXT
            return format_number(level.load_kn_m2, 1)
        if column == self.ACCESS and display:
            if level.access is None:
                return NONE_TEXT
            return access_labels()[level.access]
        if column == self.NUISANCE and display:
            return level_nuisance(level) or NONE_TEXT
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.HEIGHT,
            self.AREA,
            self.LOAD,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(
        self,
        index: QModelIndex,
        value,  # type: ignore[no-untyped-def]
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self.set_value(index, value)

    def set_value(self, index: QModelIndex, value: object, session: int = 0) -> bool:
        """Push the command for one cell; a non-zero ``session`` merges the pushes."""
        if self._building is None or not index.isValid():
            return False
        column, position = index.column(), self.position(index.row())
        level = self.level(index.row())
        scenario, bid = self.document.current_scenario, self._building.id
        if column == self.HEIGHT:
            if not isinstance(value, int | float) or value == level.height_m:
                return False
            command = SetLevelHeight(scenario, bid, position, float(value))
            command.label = self.tr("Set level height")
        elif column == self.LOAD:
            load = None if value in (None, 0, 0.0) else float(value)  # type: ignore[arg-type]
            if load == level.load_kn_m2:
                return False
            command = SetLevelLoad(scenario, bid, position, load)
            command.label = self.tr("Set design load")
        elif column == self.ACCESS:
            access = value or None
            if access == level.access:
                return False
            command = SetLevelAccess(scenario, bid, position, access)  # type: ignore[arg-type]
            command.label = self.tr("Set access")
        elif column == self.NUISANCE:
            nuisance = value or None
            if nuisance == level_nuisance(level):
                return False
            command = SetLevel(
                scenario,
                bid,
                position,
                lambda lv: with_nuisance(lv, nuisance),  # type: ignore[arg-type]
                self.tr("Set nuisance class"),
            )
        else:
            return False
        merge = (
            merge_id(self.document, "level", scenario, bid, position, column, session)
            if session
            else -1
        )
        return self._push(command, merge)


class UseMixModel(_BuildingTable):
    """The allocations of one level: use, share (%), nuisance class.

    Shares always sum to 100 %: changing one rescales the others in proportion;
    removing one gives its share back to the others in proportion.
    """

    USE, SHARE, NUISANCE = range(3)

    def __init__(self, document: ProjectDocument, parent: QObject | None = None):
        super().__init__(document, parent)
        self.position: int | None = None
        self._uses: tuple[Allocation, ...] = ()

    def set_level(self, building_id: str | None, position: int | None) -> None:
        self.building_id, self.position = building_id, position
        self.refresh()

    def level(self) -> Level | None:
        building = self._building
        if building is None or self.position is None:
            return None
        if not 0 <= self.position < len(building.levels):
            return None
        return building.levels[self.position]

    def refresh(self) -> None:
        building = self._lookup()
        level = None
        if (
            building is not None
            and self.position is not None
            and 0 <= self.position < len(building.levels)
        ):
            level = building.levels[self.position]
        uses = level.uses if level is not None else ()
        if len(uses) == len(self._uses) and uses:
            self._building, self._uses = building, uses
            self.dataChanged.emit(self.index(0, 0), self.index(len(uses) - 1, 2))
            return
        self.beginResetModel()
        self._building, self._uses = building, uses
        self.endResetModel()

    def allocation(self, row: int) -> Allocation:
        return self._uses[row]

    def allocations(self) -> tuple[Allocation, ...]:
        return self._uses

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._uses)

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
        ):
            return None
        titles = (self.tr("Use"), self.tr("Share (%)"), self.tr("Nuisance"))
        return titles[section] if 0 <= section < 3 else None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() != self.SHARE or len(self._uses) > 1:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.row() < len(self._uses):
            return None
        a = self._uses[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.EditRole:
            return (a.use, a.share * 100, a.nuisance)[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.USE:
                return use_class(a.use).label(ui_lang())
            if column == self.SHARE:
                return format_number(a.share * 100, 1)
            return a.nuisance or NONE_TEXT
        if role == Qt.ItemDataRole.DecorationRole and column == self.USE:
            return QColor(use_colour(a.use))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SHARE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(
        self,
        index: QModelIndex,
        value,  # type: ignore[no-untyped-def]
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self.set_value(index, value)

    def set_value(self, index: QModelIndex, value: object, session: int = 0) -> bool:
        uses = list(self._uses)
        row, column = index.row(), index.column()
        if not uses or not 0 <= row < len(uses):
            return False
        a = uses[row]
        if column == self.USE:
            if value == a.use or value not in USES or any(u.use == value for u in uses):
                return False
            uses[row] = Allocation(str(value), a.share, None)
        elif column == self.SHARE:
            share = float(value) / 100  # type: ignore[arg-type]
            if len(uses) < 2 or math.isclose(share, a.share, abs_tol=1e-9):
                return False
            uses = rescaled(uses, row, share)
        elif column == self.NUISANCE:
            nuisance = value or None
            if nuisance == a.nuisance:
                return False
            uses[row] = replace(a, nuisance=nuisance)
        else:
            return False
        merge = (
            merge_id(
                self.document,
                "mix",
                self.document.current_scenario,
                self.building_id,
                self.position,
                row,
                column,
                session,
            )
            if session
            else -1
        )
        return self._set_uses(tuple(uses), self.tr("Set level uses"), merge)

    def add_use(self) -> bool:
        """Add the first use not on the level yet, with a share of 1 / (n + 1)."""
        present = {a.use for a in self._uses}
        free = [code for code in USES if code not in present and code != "unassigned"]
        if not self._uses or not free:
            return False
        n = len(self._uses)
        share = 1 / (n + 1)
        others = [replace(a, share=a.share * (1 - share)) for a in self._uses]
        uses = exact_sum([*others, Allocation(free[0], share)])
        return self._set_uses(uses, self.tr("Add use"))

    def remove_use(self, row: int) -> bool:
        """Remove one use; the others take its share in proportion."""
        if len(self._uses) < 2 or not 0 <= row < len(self._uses):
            return False
        rest = [a for i, a in enumerate(self._uses) if i != row]
        total = math.fsum(a.share for a in rest)
        uses = exact_sum([replace(a, share=a.share / total) for a in rest])
        return self._set_uses(uses, self.tr("Remove use"))

    def _set_uses(
        self, uses: tuple[Allocation, ...], label: str, merge: int = -1
    ) -> bool:
        if self._building is None or self.position is None:
            return False
        command = SetLevel(
            self.document.current_scenario,
            self._building.id,
            self.position,
            lambda lv: replace(lv, uses=uses),
            label,
        )
        return self._push(command, merge)


def exact_sum(uses: list[Allocation]) -> tuple[Allocation, ...]:
    """The allocations with the largest share adjusted so the shares sum to 1."""
    largest = max(range(len(uses)), key=lambda i: uses[i].share)
    rest = math.fsum(a.share for i, a in enumerate(uses) if i != largest)
    uses[largest] = replace(uses[largest], share=1.0 - rest)
    return tuple(uses)


def rescaled(uses: list[Allocation], row: int, share: float) -> list[Allocation]:
    """Set ``uses[row]`` to ``share`` and scale the others to fill the rest."""
    floor = 0.001 * (len(uses) - 1)
    share = min(max(share, 0.001), 1.0 - floor)
    others = math.fsum(a.share for i, a in enumerate(uses) if i != row)
    scale = (1.0 - share) / others
    out = [
        a if i == row else replace(a, share=max(a.share * scale, 0.0005))
        for i, a in enumerate(uses)
    ]
    out[row] = replace(uses[row], share=share)
    rest = math.fsum(a.share for i, a in enumerate(out) if i != row)
    # Absorb rounding in the largest of the others so the level stays valid.
    others_idx = [i for i in range(len(out)) if i != row]
    big = max(others_idx, key=lambda i: out[i].share)
    out[big] = replace(out[big], share=out[big].share + (1.0 - share - rest))
    return out


class ScrubDelegate(QStyledItemDelegate):
    """Editors that commit while they change: a spin box being scrubbed pushes one
    merged undo step per editor session, a combo box commits on selection."""

    def __init__(
        self,
        spin_columns: dict[int, tuple[float, float, float, int, str]],
        combo_columns: dict[int, object],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.spin_columns = spin_columns
        self.combo_columns = combo_columns

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        from mixplan.ui.panels.common import new_scrub_session

        column = index.column()
        session = new_scrub_session()
        # The model may refresh while the editor is open: keep a persistent index.
        index = QPersistentModelIndex(index)  # type: ignore[assignment]
        if column in self.spin_columns:
            low, high, step, decimals, special = self.spin_columns[column]
            spin = QDoubleSpinBox(parent)
            spin.setRange(low, high)
            spin.setSingleStep(step)
            spin.setDecimals(decimals)
            if special:
                spin.setSpecialValueText(special)
            spin.setProperty("scrub_session", session)
            spin.valueChanged.connect(lambda _v: self._commit(spin, index))
            return spin
        if column in self.combo_columns:
            combo = QComboBox(parent)
            choices = self.combo_columns[column]
            items = choices(index) if callable(choices) else choices
            for code, text in items:  # type: ignore[attr-defined]
                combo.addItem(text, code)
            combo.setProperty("scrub_session", session)
            combo.activated.connect(lambda _i: self._commit(combo, index))
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.blockSignals(True)
        try:
            if isinstance(editor, QDoubleSpinBox):
                editor.setValue(editor.minimum() if value is None else float(value))
            elif isinstance(editor, QComboBox):
                found = editor.findData(value)
                editor.setCurrentIndex(max(found, 0))
            else:
                super().setEditorData(editor, index)
        finally:
            editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # type: ignore[no-untyped-def]
        session = int(editor.property("scrub_session") or 0)
        if isinstance(editor, QDoubleSpinBox):
            value: object = editor.value()
            if editor.specialValueText() and value == editor.minimum():
                value = None
        elif isinstance(editor, QComboBox):
            value = editor.currentData()
        else:
            super().setModelData(editor, model, index)
            return
        model.set_value(index, value, session)

    def _commit(self, editor: QWidget, index: QPersistentModelIndex) -> None:
        if index.isValid():
            model = index.model()
            self.setModelData(editor, model, model.index(index.row(), index.column()))
