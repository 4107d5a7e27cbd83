"""The attribute table: the current scenario's buildings as rows (Scenario ▸
Attribute table, ``action_attribute_table``).

A QAbstractTableModel reading the scenario directly: only the rows a view asks
for are measured (a building's SDP comes from the engine's ``building_facts``,
cached per building value, ~20 µs each), so 10,000 buildings scroll freely.
Rows are sortable; a query ("height > 15", "productive >= 500", "name ~ atelier"
or plain text) selects buildings; the selection is the plan's; a bulk edit sets
one attribute of every selected building as one undo step.
"""

from __future__ import annotations

import logging
import operator
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import shapely
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mixplan.engine.columns import facts_batch
from mixplan.engine.facts import Assumptions, BuildingFacts, building_facts
from mixplan.gc_pause import collector_paused
from mixplan.model import Building
from mixplan.model.commands import CompoundCommand, SetBuildingAttributes
from mixplan.model.errors import MixplanError
from mixplan.model.uses import USES
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.common import format_number, row_runs, ui_lang
from mixplan.ui.panels.levels import uses_summary

log = logging.getLogger(__name__)

#: column key -> is numeric; the keys are also the names a query uses
COLUMNS: tuple[tuple[str, bool], ...] = (
    ("id", False),
    ("name", False),
    ("uses", False),
    ("storeys", True),
    ("height", True),
    ("housing", True),
    ("productive", True),
    ("tertiary", True),
    ("shared", True),
    ("grade", True),
)
FAMILIES = ("housing", "productive", "tertiary", "shared")
#: building attributes the bulk edit sets, with the type of their value
BULK_ATTRIBUTES: dict[str, type] = {
    "parking_spaces": int,
    "loading_bays": int,
    "freight_lift_kg": float,
    "roof": str,
    "ramp": bool,
    "shared": bool,
}
_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "!=": operator.ne,
    "<": operator.lt,
    ">": operator.gt,
    "=": operator.eq,
    "~": lambda text, part: str(part).casefold() in str(text).casefold(),
}
#: The French names of the query's columns (either name works in either language).
FRENCH_KEYS: dict[str, str] = {
    "id": "id",
    "name": "nom",
    "uses": "usages",
    "storeys": "niveaux",
    "height": "hauteur",
    "housing": "logement",
    "productive": "productif",
    "tertiary": "tertiaire",
    "shared": "mutualisé",
    "grade": "conforme",
}
_FROM_FRENCH = {french: key for key, french in FRENCH_KEYS.items()}
#: Roof values typed in French.
_ROOF_WORDS = {"plain": "plain", "green": "green", "simple": "plain"}
_ROOF_WORDS |= {"végétalisée": "green", "vegetalisee": "green"}
_QUERY = re.compile(r"\s*(\w+)\s*(<=|>=|!=|<|>|=|~)\s*(.+?)\s*$")


#: The family column of each use (read 10⁴ times by a sort: an enum's value is
#: a property call).
_FAMILY = {code: use.family.value for code, use in USES.items()}
#: From this many buildings to measure, a sort by a floor area measures them
#: off the GUI thread and sorts when they come (10,000 buildings: 0.15 s).
MEASURED_AWAY = 256


class _Measured(QObject):
    #: [(building, facts, value of the sort's column)], or None if it failed
    done = Signal(object, str)


class _MeasureJob(QRunnable):
    """Measures buildings in a pool thread (``facts_batch``, as the GUI did)."""

    def __init__(
        self,
        buildings: list[Building],
        origins: list[Building | None],
        assumptions: Assumptions,
        key: str,
        signals: _Measured,
    ) -> None:
        super().__init__()
        self.buildings, self.origins = buildings, origins
        self.assumptions = assumptions
        #: the column sorted by: its values are taken here too
        self.key = key
        self.signals = signals

    def run(self) -> None:
        try:
            # The facts are kept (the table's cache): frozen when made.
            with collector_paused(keep=True):
                facts = _measured(self.buildings, self.origins, self.assumptions)
                measured = [
                    (building, f, _fact_value(f, self.key))
                    for building, f in zip(self.buildings, facts, strict=True)
                ]
        except Exception:  # noqa: BLE001 - the GUI thread measures them instead
            log.exception("measuring %d buildings failed", len(self.buildings))
            self.signals.done.emit(None, self.key)
            return
        self.signals.done.emit(measured, self.key)


def _measured(
    buildings: list[Building], origins: list[Building | None], a: Assumptions
) -> list[BuildingFacts]:
    """The facts of ``buildings`` in one batch of the engine."""
    areas = shapely.area(np.array([b.footprint for b in buildings], dtype=object))
    return facts_batch(buildings, origins, a, areas).facts


def _fact_value(facts: BuildingFacts, key: str) -> float:
    """A floor-area column's value (``grade`` or a family) from a building's facts."""
    if key == "grade":
        return facts.productive_grade_m2  # type: ignore[no-any-return]
    return sum(area for use, area in facts.sdp_by_use.items() if _FAMILY[use] == key)


class BuildingsTableModel(QAbstractTableModel):
    """The buildings of the current scenario, one row each."""

    def __init__(self, document: ProjectDocument, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        #: the ids in the rows' order (the scenario's, or the sort's)
        self._ids: list[str] = []
        #: the ids in the scenario's order
        self._order: list[str] = []
        #: row of each id: a group of findings selects thousands of buildings,
        #: and list.index for each took a second at 10,000 buildings
        self._rows: dict[str, int] = {}
        #: (column, order) the rows are sorted by, and each id's sort key
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._keys: dict[str, Any] = {}
        #: whether the rows are sorted now (a hidden table's rows stay in the
        #: scenario's order until it shows: sorting by a floor area measures
        #: every building, 0.1-0.3 s at each scenario switch or new scenario)
        self.active = True
        self._facts: dict[str, tuple[Building, BuildingFacts]] = {}
        self._assumptions: Assumptions | None = None
        #: whether buildings are being measured off the GUI thread for a sort;
        #: one measuring at a time, in a pool made before its signals so that,
        #: deleted first, it waits for its job
        self.sorting = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._measured = _Measured(self)
        self._measured.done.connect(self._on_measured)
        document.changed.connect(self._on_changed)
        document.scenario_changed.connect(lambda _n: self.reload())
        document.project_replaced.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._order = list(self.document.scenario.buildings)
        self._assumptions = None
        self._keys = {}
        self._ids = self._sorted(self._order)
        self._rows = {building_id: row for row, building_id in enumerate(self._ids)}
        self.endResetModel()

    def _on_changed(self, change) -> None:  # type: ignore[no-untyped-def]
        if change.everything or change.scenarios or change.rulebook:
            self.reload()
            return
        if change.scenario != self.document.current_scenario or not change.buildings:
            return
        order = list(self.document.scenario.buildings)
        if order != self._order:
            if not self._append(order):
                self.reload()
            return
        rows = [self._rows[b] for b in change.buildings if b in self._rows]
        if rows:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), last))
        if self._sort is not None and self.active:
            # The changed buildings' keys again, the rows in order again (an
            # almost sorted list: one pass of the sort).
            for building_id in change.buildings:
                self._keys.pop(building_id, None)
            self._relayout(self._sorted(self._order))

    def _append(self, order: list[str]) -> bool:
        """Rows added for the buildings added at the end of the scenario.

        Done when the rows are in the scenario's order (a duplicate's copies);
        whether they were. The model's reset instead took 10 ms of the edit of
        2,380 copies at 10k.
        """
        known = len(self._order)
        if (
            self._sort is not None and self.active
        ) or order[:known] != self._order or len(order) <= known:
            return False
        added = order[known:]
        first = len(self._ids)
        self.beginInsertRows(QModelIndex(), first, first + len(added) - 1)
        self._order = order
        self._ids.extend(added)
        self._rows.update((b, row) for row, b in enumerate(added, start=first))
        self.endInsertRows()
        return True

    # --- sorting ---

    def sort(
        self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder
    ) -> None:
        """Rows by a column's values, each row's value taken once.

        (A sort proxy asked a row's value at each comparison, a Python call
        from Qt's sort each time: 1-3 s for a header click at 10,000 rows.)
        A column below 0 gives back the scenario's order.
        """
        self._sort = (column, order) if 0 <= column < len(COLUMNS) else None
        self._keys = {}
        self._relayout(self._sorted(self._order))

    def set_active(self, active: bool) -> None:
        """Sort the rows (shown) or leave them in the scenario's order (hidden)."""
        if active != self.active:
            self.active = active
            if active and self._sort is not None:
                self._relayout(self._sorted(self._order))

    def _sorted(self, ids: list[str]) -> list[str]:
        if self._sort is None or not self.active:
            return list(ids)
        column, order = self._sort
        key, numeric = COLUMNS[column]
        buildings = self.document.scenario.buildings
        keys = self._keys
        if key in FAMILIES or key == "grade":
            missing = self._unmeasured([buildings[b] for b in ids if b not in keys])
            if len(missing) >= MEASURED_AWAY or self.sorting:
                self._measure_away(missing)
                return self._unsorted(ids)  # sorted when the facts come
            self._measure(missing)
        for building_id in ids:
            if building_id not in keys:
                value = self._value_of(buildings[building_id], key)
                keys[building_id] = value if numeric else str(value).casefold()
        return sorted(
            ids,
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def _relayout(self, ids: list[str]) -> None:
        """Show the rows in the order of ``ids``, the views' selections and
        current cells following their buildings."""
        if ids == self._ids:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        moved = [(self._ids[index.row()], index.column()) for index in before]
        self._ids = ids
        self._rows = {building_id: row for row, building_id in enumerate(ids)}
        self.changePersistentIndexList(
            before,
            [self.index(self._rows[bid], column) for bid, column in moved],
        )
        self.layoutChanged.emit()

    # --- values ---

    def building_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, building_id: str) -> int:
        """The row of a building (ValueError if it has none)."""
        try:
            return self._rows[building_id]
        except KeyError:
            raise ValueError(f"no row for {building_id!r}") from None

    def facts(self, building: Building) -> BuildingFacts:
        """The engine's measure of the building, cached while it is unchanged."""
        cached = self._facts.get(building.id)
        if cached is not None and cached[0] is building:
            return cached[1]
        if self._assumptions is None:
            self._assumptions = Assumptions.of(self.document.project.rulebook)
        origin = self.document.project.baseline.buildings.get(building.origin or "")
        measured = building_facts(building, origin, self._assumptions)
        self._facts[building.id] = (building, measured)
        return measured

    def _unmeasured(self, buildings: list[Building]) -> list[Building]:
        return [
            b
            for b in buildings
            if (cached := self._facts.get(b.id)) is None or cached[0] is not b
        ]

    def _measure(self, missing: list[Building]) -> None:
        """Cache the facts of ``missing`` (not measured yet) in one batch of the
        engine (a seventh of the time one by one)."""
        if len(missing) < 2:
            return
        facts = _measured(missing, *self._origins(missing))
        for building, measured in zip(missing, facts, strict=True):
            self._facts[building.id] = (building, measured)

    def _origins(
        self, buildings: list[Building]
    ) -> tuple[list[Building | None], Assumptions]:
        if self._assumptions is None:
            self._assumptions = Assumptions.of(self.document.project.rulebook)
        baseline = self.document.project.baseline.buildings
        return [baseline.get(b.origin or "") for b in buildings], self._assumptions

    def _measure_away(self, missing: list[Building]) -> None:
        """Measure ``missing`` in a pool thread, unless a measuring runs: the
        rows are sorted when it ends (0.15 s of the GUI thread at 10,000
        buildings, the first sort by a floor area, the window frozen)."""
        if self.sorting:
            return  # what it did not measure is measured when it ends
        self._set_sorting(True)
        assert self._sort is not None
        key = COLUMNS[self._sort[0]][0]
        origins, assumptions = self._origins(missing)
        self._pool.start(
            _MeasureJob(missing, origins, assumptions, key, self._measured)
        )

    def _on_measured(
        self, measured: list[tuple[Building, BuildingFacts, float]] | None, key: str
    ) -> None:
        """The facts a pool thread measured: the rows sorted with them."""
        self._set_sorting(False)
        if measured is not None:
            # (the sort's values of the buildings not edited meanwhile)
            same = self._sort is not None and COLUMNS[self._sort[0]][0] == key
            shown = self.document.scenario.buildings
            for building, facts, value in measured:
                self._facts[building.id] = (building, facts)
                if same and shown.get(building.id) is building:
                    self._keys[building.id] = value
        elif self._sort is not None and self.active:
            # Measuring failed there: measured here (what the table did before).
            buildings = self.document.scenario.buildings
            self._measure(self._unmeasured([buildings[b] for b in self._order]))
        if self._sort is not None and self.active:
            self._relayout(self._sorted(self._order))

    def _set_sorting(self, sorting: bool) -> None:
        """Whether the sorted column's header says it is sorting."""
        self.sorting = sorting
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def _unsorted(self, ids: list[str]) -> list[str]:
        """The rows while their sort waits: as they are shown, if the same."""
        if len(ids) == len(self._ids) and set(ids) == set(self._ids):
            return list(self._ids)
        return list(ids)

    def value(self, row: int, key: str) -> Any:
        """The raw value of a cell (numbers for numeric columns)."""
        return self._value_of(self.document.scenario.buildings[self._ids[row]], key)

    def _value_of(self, building: Building, key: str) -> Any:
        if key == "id":
            return building.id
        if key == "name":
            return building.name
        if key == "uses":
            ground = building.levels[building.basements]
            return uses_summary(ground, ui_lang())
        if key == "storeys":
            return len(building.levels) - building.basements - 1
        if key == "height":
            return building.height_m
        return _fact_value(self.facts(building), key)

    # --- Qt model ---

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ):  # type: ignore[no-untyped-def]
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        titles = (
            self.tr("Id"),
            self.tr("Name"),
            self.tr("Uses (ground floor)"),
            self.tr("Storeys"),
            self.tr("Height (m)"),
            self.tr("Housing SDP (m²)"),
            self.tr("Productive SDP (m²)"),
            self.tr("Tertiary SDP (m²)"),
            self.tr("Shared SDP (m²)"),
            self.tr("Productive-grade (m²)"),
        )
        if role == Qt.ItemDataRole.DisplayRole:
            if self.sorting and self._sort is not None and self._sort[0] == section:
                return self.tr("%1 (sorting…)").replace("%1", titles[section])
            return titles[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            key = COLUMNS[section][0]
            shown = FRENCH_KEYS[key] if ui_lang() == "fr" else key
            return self.tr("In a query: %1").replace("%1", shown)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and COLUMNS[index.column()][0] == "name":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        key, numeric = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self.value(index.row(), key)
            if key == "storeys":
                return f"R+{value}"
            if key == "height":
                return format_number(value, 1)
            if numeric:
                return format_number(value)
            return value
        if role == Qt.ItemDataRole.EditRole:
            return self.value(index.row(), key)
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(
        self,
        index: QModelIndex,
        value,  # type: ignore[no-untyped-def]
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or COLUMNS[index.column()][0] != "name":
            return False
        building_id = self._ids[index.row()]
        name = str(value).strip()
        if name == self.document.scenario.buildings[building_id].name:
            return False
        command = SetBuildingAttributes(
            self.document.current_scenario, building_id, name=name
        )
        command.label = self.tr("Rename building")
        try:
            self.document.push(command)
        except MixplanError:
            return False
        return True

    # --- queries ---

    def matching_rows(self, query: str) -> list[int]:
        """Rows matching ``"key op value"`` (``~`` contains), or containing the
        text in their id, name or uses. Raises ValueError for an unknown column
        or a number that is not one."""
        query = query.strip()
        if not query:
            return []
        parsed = _QUERY.match(query)
        keys = dict(COLUMNS)
        if parsed is not None:
            name = parsed.group(1).casefold()
            key = _FROM_FRENCH.get(name, name)
        if parsed is None or key not in keys:
            if parsed is not None and parsed.group(2) != "~":
                french = ui_lang() == "fr"
                names = [FRENCH_KEYS[k] if french else k for k in keys]
                raise ValueError(
                    QCoreApplication.translate(
                        "AttributeTablePanel", "unknown column %1; columns: %2"
                    )
                    .replace("%1", repr(parsed.group(1)))
                    .replace("%2", ", ".join(names))
                )
            return [
                row
                for row in range(len(self._ids))
                if any(
                    query.casefold() in str(self.value(row, key)).casefold()
                    for key in ("id", "name", "uses")
                )
            ]
        symbol, text = parsed.group(2), parsed.group(3)
        compare = _OPERATORS[symbol]
        target: Any = text
        if keys[key] and symbol != "~":
            try:
                target = float(text.replace(",", ".").removeprefix("R+"))
            except ValueError:
                raise ValueError(
                    QCoreApplication.translate(
                        "AttributeTablePanel", "%1 is not a number"
                    ).replace("%1", repr(text))
                ) from None
        return [
            row
            for row in range(len(self._ids))
            if compare(self.value(row, key), target)
        ]


class AttributeTablePanel(QWidget):
    """Dock content of ``dock_attribute_table``."""

    def __init__(
        self,
        document: ProjectDocument,
        live_engine: QObject | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("attribute_table_panel")
        self.document = document
        self.model = BuildingsTableModel(document, self)
        self.model.set_active(False)  # sorted while shown (see showEvent)
        self.view = QTableView()
        self.view.setObjectName("attribute_table")
        self.view.setModel(self.model)  # (it sorts its rows itself)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.verticalHeader().hide()
        # Fixed row heights and interactive widths: nothing measures every row.
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive
        )
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(
            lambda _s, _d: self._selection_to_document()
        )
        self.query = QLineEdit()
        self.query.setObjectName("attribute_query")
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.select_by_query)
        self.select_button = QPushButton()
        self.select_button.setObjectName("attribute_select")
        self.select_button.clicked.connect(self.select_by_query)
        self.bulk_attribute = QComboBox()
        self.bulk_attribute.setObjectName("bulk_attribute")
        self.bulk_value = QLineEdit()
        self.bulk_value.setObjectName("bulk_value")
        self.bulk_value.returnPressed.connect(self.apply_bulk)
        self.bulk_button = QPushButton()
        self.bulk_button.setObjectName("bulk_apply")
        self.bulk_button.clicked.connect(self.apply_bulk)
        self.message = QLabel()
        self.message.setObjectName("attribute_message")
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.query, 2)
        top.addWidget(self.select_button)
        top.addSpacing(12)
        top.addWidget(self.bulk_attribute)
        top.addWidget(self.bulk_value, 1)
        top.addWidget(self.bulk_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        self._syncing = False
        #: the plan's selection changed while the table was hidden (shown later)
        self._selection_stale = False
        document.selection_changed.connect(self._selection_from_document)
        self.model.modelReset.connect(
            lambda: self._selection_from_document(self.document.selection)
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.query.setPlaceholderText(
            self.tr("Select by attribute: height > 15, productive >= 500, name ~ hall")
        )
        self.select_button.setText(self.tr("Select"))
        labels = {
            "parking_spaces": self.tr("Parking spaces"),
            "loading_bays": self.tr("Loading bays"),
            "freight_lift_kg": self.tr("Freight lift (kg)"),
            "roof": self.tr("Roof (plain, green)"),
            "ramp": self.tr("Ramp (yes, no)"),
            "shared": self.tr("Pooled (yes, no)"),
        }
        current = self.bulk_attribute.currentData()
        self.bulk_attribute.clear()
        for key, text in labels.items():
            self.bulk_attribute.addItem(text, key)
        if current is not None:
            self.bulk_attribute.setCurrentIndex(self.bulk_attribute.findData(current))
        self.bulk_value.setPlaceholderText(self.tr("value"))
        self.bulk_button.setText(self.tr("Set for the selected"))

    def changeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.model.headerDataChanged.emit(
                Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1
            )
        super().changeEvent(event)

    # --- selection shared with the plan ---

    def selected_ids(self) -> list[str]:
        rows = self.view.selectionModel().selectedRows()
        return [self.model.building_id(index.row()) for index in rows]

    def _selection_to_document(self) -> None:
        if not self._syncing:
            self._syncing = True
            try:
                self.document.set_selection(self.selected_ids())
            finally:
                self._syncing = False

    def _selection_from_document(self, ids: list) -> None:  # type: ignore[type-arg]
        if self._syncing:
            return
        if not self.isVisible():
            # Hidden (closed, or a tab behind another): selected when shown. A
            # findings group selects thousands of buildings; selecting their
            # rows in a table no one sees cost 40-100 ms of the GUI thread.
            self._selection_stale = True
            return
        self._selection_stale = False
        self._syncing = True
        try:
            rows = []
            for building_id in ids:
                try:
                    row = self.model.row_of(building_id)
                except ValueError:
                    continue
                rows.append(row)
            # One range per run of neighbouring rows: a findings group selects
            # thousands of buildings, and a range each made the selection slow
            # to apply and to read.
            selection = QItemSelection()
            for first, last in row_runs(rows):
                selection.select(self.model.index(first, 0), self.model.index(last, 0))
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            self.view.selectionModel().select(selection, flags)
            if rows:
                self.view.scrollTo(self.model.index(rows[0], 0))
        finally:
            self._syncing = False

    def hideEvent(self, event: QHideEvent) -> None:
        self.model.set_active(False)
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.model.set_active(True)
        if self._selection_stale:
            self._selection_from_document(self.document.selection)

    def select_by_query(self) -> None:
        try:
            rows = self.model.matching_rows(self.query.text())
        except ValueError as exc:
            self.message.setText(str(exc))
            return
        ids = [self.model.building_id(row) for row in rows]
        self.document.set_selection(ids)
        self.message.setText(
            self.tr("%1 building(s) selected").replace("%1", format_number(len(ids)))
        )

    # --- bulk edit ---

    def apply_bulk(self) -> None:
        attribute = str(self.bulk_attribute.currentData())
        ids = self.selected_ids()
        if not ids:
            self.message.setText(self.tr("Select buildings first."))
            return
        try:
            value = parse_attribute(attribute, self.bulk_value.text())
        except ValueError as exc:
            self.message.setText(str(exc))
            return
        scenario = self.document.current_scenario
        buildings = self.document.scenario.buildings
        label = self.tr("Edit building")
        commands = [
            SetBuildingAttributes(scenario, building_id, **{attribute: value})
            for building_id in ids
            if getattr(buildings[building_id], attribute) != value
        ]
        for command in commands:
            command.label = label
        if not commands:
            return
        try:
            self.document.push(CompoundCommand(commands, label))
        except MixplanError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(
            self.tr("%1 building(s) changed").replace(
                "%1", format_number(len(commands))
            )
        )


def parse_attribute(attribute: str, text: str) -> object:
    """The typed value of a bulk edit, or ValueError saying (in the interface's
    language) what is expected."""

    def refuse(message: str) -> ValueError:
        return ValueError(
            message.replace("%1", attribute).replace("%2", repr(text.strip()))
        )

    kind = BULK_ATTRIBUTES[attribute]
    text = text.strip()
    if kind is bool:
        words = {"yes": True, "oui": True, "true": True, "1": True}
        words |= {"no": False, "non": False, "false": False, "0": False}
        if text.casefold() not in words:
            raise refuse(
                QCoreApplication.translate(
                    "AttributeTablePanel", "%1: yes or no, not %2"
                )
            )
        return words[text.casefold()]
    if kind is str:
        if text.casefold() not in _ROOF_WORDS:
            raise refuse(
                QCoreApplication.translate(
                    "AttributeTablePanel", "%1: plain or green, not %2"
                )
            )
        return _ROOF_WORDS[text.casefold()]
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        raise refuse(
            QCoreApplication.translate("AttributeTablePanel", "%1: a number, not %2")
        ) from None
    if number < 0 or (kind is int and not number.is_integer()):
        raise refuse(
            QCoreApplication.translate(
                "AttributeTablePanel", "%1: a whole number ≥ 0, not %2"
            )
        )
    return int(number) if kind is int else number
