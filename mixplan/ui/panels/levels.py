"""The levels table of the inspector: one row per storey of the selected building.

Rows run top down, as in a building section: the roof storey first, the ground
floor last. Storeys that findings target carry the finding's icon and rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
)

from mixplan.engine.findings import Finding
from mixplan.gc_pause import collector_paused
from mixplan.model import NUISANCE_CLASSES, Level
from mixplan.model.commands import SetLevels
from mixplan.model.uses import Family, use_class
from mixplan.report.palette import use_colour
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.building_table import BuildingTableModel
from mixplan.ui.panels.common import (
    finding_message,
    format_number,
    format_percent,
    ui_lang,
)

NONE_TEXT = "—"
SEVERITY_ORDER = ("error", "warning", "info")


# (style, severity) -> icon: a table asks for a marked storey's icon at every
# repaint, and the style made it anew each time (1,179 icons for one undo)
_ICONS: dict[tuple[int, str], QIcon] = {}


def severity_icon(severity: str) -> QIcon:
    """The platform's error / warning / information icon."""
    style = QApplication.style()
    key = (id(style), severity)
    icon = _ICONS.get(key)
    if icon is None:
        pixmap = {
            "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
            "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
        }.get(severity, QStyle.StandardPixmap.SP_MessageBoxInformation)
        icon = _ICONS[key] = style.standardIcon(pixmap)
    return icon


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
    """``"Craft 85% · Shared services 15%"``: the level's uses, largest first."""
    parts = sorted(level.uses, key=lambda a: -a.share)
    if len(parts) == 1:
        return use_class(parts[0].use).label(lang)
    return " · ".join(
        f"{use_class(a.use).label(lang)} {format_percent(a.share * 100, lang=lang)}"
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


def _made(
    made: dict[int, tuple[Level, Level]], change: Callable[[Level], Level]
) -> Callable[[Level], Level]:
    """``change``, whose value for each level of ``made`` (that very object,
    by ``id``) is the one made for it."""

    def changed(level: Level) -> Level:
        pair = made.get(id(level))
        return pair[1] if pair is not None and pair[0] is level else change(level)

    return changed


class LevelsTableModel(BuildingTableModel):
    """The levels of the selected building, top storey first."""

    STOREY, USES, HEIGHT, LOAD, ACCESS, NUISANCE, AREA = range(7)
    COLUMN_COUNT = 7

    def __init__(self, document: ProjectDocument, parent: QObject | None = None):
        super().__init__(document, parent)
        self._rows: list[tuple[int, Level]] = []
        #: findings about one level, by position: (severity, rule, finding)
        self._level_findings: dict[int, list[tuple[str, str, Finding]]] = {}

    def set_findings(self, findings: list) -> None:  # type: ignore[type-arg]
        """Mark the levels that findings target (``"building_id#position"``)."""
        marks: dict[int, list[tuple[str, str, Finding]]] = {}
        prefix = f"{self.building_id}#"
        for finding in findings:
            for target in finding.targets:
                if self.building_id is not None and target.startswith(prefix):
                    try:
                        position = int(target[len(prefix) :])
                    except ValueError:
                        continue
                    marks.setdefault(position, []).append(
                        (finding.severity, finding.rule, finding)
                    )
        if marks != self._level_findings:
            self._level_findings = marks
            if self._rows:
                self.dataChanged.emit(
                    self.index(0, self.STOREY), self.index(len(self._rows) - 1, 0)
                )

    def level_findings(self, row: int) -> list[tuple[str, str, Finding]]:
        return self._level_findings.get(self.position(row), [])

    def refresh(self) -> None:
        building = self._lookup()
        if building is None:
            self.building_id = None
        rows = list(reversed(list(building.indexed_levels()))) if building else []
        if len(rows) == len(self._rows) and building is not None and rows:
            # Same shape: update in place so open editors and the selection survive.
            self._building, self._rows = building, rows
            self.cells_changed(len(rows), self.COLUMN_COUNT)
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
            lines.extend(
                f"{rule}: {finding_message(finding)}" for _sev, rule, finding in marks
            )
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

    def set_value(self, index: QModelIndex, value: object) -> bool:
        """Push the command for one cell, for the same storey of every selected
        building that has it, as one undo step (:meth:`push_levels`)."""
        if self._building is None or not index.isValid():
            return False
        column = index.column()
        storey = self._rows[index.row()][0]
        label, change, field_name, given = self._level_change(column, value)
        if change is None:
            return False
        asked = (self.document.current_scenario, storey, column, value)
        if self.being_prepared(asked):
            return False  # (the editor's commit again)
        with collector_paused(keep=True):
            # (the levels made here stay, in the edit: see ModelUndoCommand)
            command = self._set_levels(storey, label, change, field_name, given)
        if command is None:
            return False
        return self.push_levels(command, asked)

    def _set_levels(
        self,
        storey: int,
        label: str,
        change: Callable[[Level], Level],
        field_name: str | None,
        given: object,
    ) -> SetLevels | None:
        """The edit of the storey's level of each edited building that does
        not have the new value yet (``field_name`` set to ``given``), if any."""
        # (while edits wait, one before this may change the levels: each is
        # then given the value, whatever it has now)
        skip = not self.document.edits_held
        positions: dict[str, int] = {}
        made: dict[int, tuple[Level, Level]] = {}
        for building_id, position, level in self.storey_levels(storey):
            if field_name is not None:
                # (a level that has the value already is left without making
                # its new version: the editor's commit gives the value twice,
                # and the second time made 9,167 levels to find none changed)
                if not (skip and getattr(level, field_name) == given):
                    positions[building_id] = position
                continue
            new = change(level)
            if new != level or not skip:
                # (the level made here is the edit's: made once, not again
                # when the edit is applied)
                made[id(level)] = (level, new)
                positions[building_id] = position
        if not positions:
            return None
        if made:
            change = _made(made, change)
        return SetLevels(self.document.current_scenario, positions, change, label)

    def _level_change(self, column: int, value: object):  # type: ignore[no-untyped-def]
        """The label and the function giving a level its new value (or None),
        with the level field it sets and that value, when one field alone."""
        if column == self.HEIGHT:
            if not isinstance(value, int | float) or value <= 0:
                return "", None, None, None
            height = float(value)
            return (
                self.tr("Set level height"),
                lambda lv: lv.with_height(height),
                "height_m",
                height,
            )
        if column == self.LOAD:
            load = None if value in (None, 0, 0.0) else float(value)  # type: ignore[arg-type]
            return (
                self.tr("Set design load"),
                lambda lv: replace(lv, load_kn_m2=load),
                "load_kn_m2",
                load,
            )
        if column == self.ACCESS:
            access = value or None
            return (
                self.tr("Set access"),
                lambda lv: replace(lv, access=access),
                "access",
                access,
            )
        if column == self.NUISANCE:
            nuisance = value or None
            return (
                self.tr("Set nuisance class"),
                lambda lv: with_nuisance(
                    lv,
                    nuisance,  # type: ignore[arg-type]
                ),
                None,
                None,
            )
        return "", None, None, None
