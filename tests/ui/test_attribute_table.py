"""The attribute table: sortable, select by attribute, bulk edit, shared selection.

Small project (tests/ui/conftest.py), scenario S1: b1 Workshop 20 m × 10 m =
200 m², two craft storeys (5.0 m + 4.0 m = 9.0 m, R+1); b2 Housing 20 m × 20 m
= 400 m², two housing storeys (3.0 m + 3.0 m = 6.0 m, R+1).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDockWidget, QLineEdit, QTableView

from mixplan.ui.panels.attribute_table import (
    COLUMNS,
    BuildingsTableModel,
    parse_attribute,
)
from tests.ui.helpers import click


@pytest.fixture
def table(make_window, qtbot):
    window = make_window()
    window.document.set_scenario("S1")
    window.findChild(QAction, "action_attribute_table").trigger()
    dock = window.findChild(QDockWidget, "dock_attribute_table")
    qtbot.waitUntil(dock.isVisible)
    return window, window.panel("dock_attribute_table")


def cell(view: QTableView, row: int, column: int) -> str:
    return view.model().index(row, column).data()


def test_rows_measure_each_building_and_sort_numbers_as_numbers(table):
    window, panel = table
    view = window.findChild(QTableView, "attribute_table")
    assert view.model().rowCount() == 2
    # b1: craft SDP = 2 storeys × 200 m² × 0.92 = 368 m²; productive-grade only
    # the ground floor (184 m²): the upper one says "freight lift" but b1 has none.
    assert [cell(view, 0, c) for c in (0, 1, 3, 4, 6, 9)] == [
        "b1",
        "Workshop",
        "R+1",
        "9.0",
        "368",
        "184",
    ]
    # b2's housing SDP is the engine's (with whatever R111-22 deductions it
    # applies): the column sums to the scenario's housing SDP indicator.
    from mixplan.engine import evaluate

    indicator = evaluate(window.document.project, "S1").indicators["sdp_by_family_m2"]
    model = panel.model
    assert model.value(1, "housing") == pytest.approx(indicator["housing"])
    assert model.value(0, "productive") + model.value(1, "productive") == (
        pytest.approx(indicator["productive"])
    )
    # Click the Height header: 6.0 before 9.0 (as numbers).
    header = view.horizontalHeader()
    QTest.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.viewport().rect().topLeft()
        + __import__("PySide6.QtCore", fromlist=["QPoint"]).QPoint(
            header.sectionViewportPosition(4) + 5, 5
        ),
    )
    assert [cell(view, r, 4) for r in range(2)] == ["6.0", "9.0"]


def test_select_by_attribute_selects_on_the_plan(table, qtbot):
    window, panel = table
    query = window.findChild(QLineEdit, "attribute_query")
    query.setFocus()
    QTest.keyClicks(query, "height > 6")
    QTest.keyClick(query, Qt.Key.Key_Return)
    assert window.document.selection == ["b1"]
    assert panel.selected_ids() == ["b1"]
    # The boundary: "height >= 6" takes the 6.0 m block too.
    query.selectAll()
    QTest.keyClicks(query, "height >= 6")
    QTest.keyClick(query, Qt.Key.Key_Return)
    assert sorted(window.document.selection) == ["b1", "b2"]
    query.selectAll()
    QTest.keyClicks(query, "colour > 3")
    QTest.keyClick(query, Qt.Key.Key_Return)
    assert "unknown column 'colour'" in panel.message.text()
    # In French, the columns have French names (the English ones still work).
    window.actions_["action_lang_fr"].trigger()
    try:
        query.selectAll()
        QTest.keyClicks(query, "hauteur >= 6")
        QTest.keyClick(query, Qt.Key.Key_Return)
        assert sorted(window.document.selection) == ["b1", "b2"]
        query.selectAll()
        QTest.keyClicks(query, "couleur > 3")
        QTest.keyClick(query, Qt.Key.Key_Return)
        assert panel.message.text().startswith(
            "colonne inconnue 'couleur' ; colonnes : id, nom, usages, niveaux, hauteur"
        )
    finally:
        window.actions_["action_lang_en"].trigger()
    # A click on the plan selects the row.
    click(window, 70, 20)
    assert panel.selected_ids() == ["b2"]


def test_bulk_edit_is_one_undo_step(table, qtbot):
    window, panel = table
    window.document.set_selection(["b1", "b2"])
    panel.bulk_attribute.setCurrentIndex(
        panel.bulk_attribute.findData("parking_spaces")
    )
    value = window.findChild(QLineEdit, "bulk_value")
    value.setFocus()
    QTest.keyClicks(value, "12")
    QTest.keyClick(value, Qt.Key.Key_Return)
    buildings = window.document.scenario.buildings
    assert [buildings[b].parking_spaces for b in ("b1", "b2")] == [12, 12]
    assert window.document.undo_stack.count() == 1
    window.document.undo_stack.undo()
    assert [buildings[b].parking_spaces for b in ("b1", "b2")] == [0, 0]


def test_bulk_values_are_checked():
    assert parse_attribute("ramp", "oui") is True
    assert parse_attribute("freight_lift_kg", "2,5") == 2.5
    assert parse_attribute("loading_bays", "0") == 0
    with pytest.raises(ValueError, match="whole number"):
        parse_attribute("loading_bays", "1.5")
    with pytest.raises(ValueError, match="whole number"):
        parse_attribute("parking_spaces", "-1")
    with pytest.raises(ValueError, match="plain or green"):
        parse_attribute("roof", "blue")
    assert parse_attribute("roof", "Végétalisée") == "green"
    assert parse_attribute("roof", "simple") == "plain"


def test_ten_thousand_rows_are_read_lazily(qapp):
    from mixplan.ui.document import ProjectDocument
    from tests.report.test_report_cases import _grid_project

    project = _grid_project(10_000)
    document = ProjectDocument(project)
    model = BuildingsTableModel(document)
    assert model.rowCount() == len(project.baseline.buildings)
    for row in range(40):  # a screenful
        for column in range(model.columnCount()):
            model.index(row, column).data()
    # Only the rows asked for were measured.
    assert len(model._facts) == 40


def test_row_runs_join_neighbouring_rows():
    from mixplan.ui.panels.attribute_table import row_runs

    assert row_runs([]) == []
    assert row_runs([4]) == [(4, 4)]
    assert row_runs([3, 4]) == [(3, 4)]  # neighbours: one run
    assert row_runs([3, 5]) == [(3, 3), (5, 5)]  # one row apart: two
    assert row_runs([5, 1, 2, 3, 9, 2]) == [(1, 3), (5, 5), (9, 9)]


def test_a_selection_on_the_plan_selects_its_rows_in_runs(table):
    """Shift-click both buildings on the plan: both rows selected, as one run
    (a findings group selects thousands: one range per row was slow)."""
    window, panel = table
    click(window, 20, 15)  # b1
    click(window, 70, 20, Qt.KeyboardModifier.ShiftModifier)  # and b2
    assert sorted(window.document.selection) == ["b1", "b2"]
    assert sorted(panel.selected_ids()) == ["b1", "b2"]
    ranges = panel.view.selectionModel().selection()
    assert [(r.top(), r.bottom()) for r in ranges] == [(0, 1)]
    click(window, 70, 20)  # b2 alone
    assert panel.selected_ids() == ["b2"]


def test_a_hidden_table_selects_the_plan_selection_when_shown(table, qtbot):
    """Closed, the table leaves its rows alone while the plan's selection
    changes (a findings group selects thousands); shown again, it selects them."""
    window, panel = table
    dock = window.findChild(QDockWidget, "dock_attribute_table")
    changes: list[object] = []
    panel.view.selectionModel().selectionChanged.connect(
        lambda *_a: changes.append(None)
    )
    dock.close()
    qtbot.waitUntil(lambda: not panel.isVisible())
    click(window, 20, 15)  # b1
    click(window, 70, 20, Qt.KeyboardModifier.ShiftModifier)  # and b2
    assert sorted(window.document.selection) == ["b1", "b2"]
    assert changes == []  # nothing done for a table no one sees
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(
        window,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(panel.isVisible)
    assert sorted(panel.selected_ids()) == ["b1", "b2"]
    click(window, 70, 20)  # shown: follows at once
    assert panel.selected_ids() == ["b2"]


def _five_halls():
    """Five halls in a row: names of mixed case, heights 9, 5, 12, 7, 5 m."""
    from shapely.geometry import box

    from mixplan.model import Building, Level, Project
    from mixplan.model.commands import AddScenario
    from mixplan.model.project import Site

    project = Project.new("halls")
    project.site = Site(box(0, 0, 160, 40))
    for k, (name, height) in enumerate(
        [
            ("delta", 9.0),
            ("Alpha", 5.0),
            ("echo", 12.0),
            ("Charlie", 7.0),
            ("bravo", 5.0),
        ]
    ):
        project.baseline.buildings[f"h{k}"] = Building(
            f"h{k}",
            name,
            box(5 + 30 * k, 10, 25 + 30 * k, 25),
            (Level.of(height, "craft"),),
        )
    AddScenario("Plan").apply(project)
    return project


def _click_header(view: QTableView, column: int) -> None:
    from PySide6.QtCore import QPoint

    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_header_clicks_sort_each_row_once_and_the_selection_follows(make_window, qtbot):
    """Name: case ignored, then descending on a second click; Height: numbers,
    equal heights in the scenario's order; the plan's selection stays on its
    buildings; an edit moves its row to its new place; a new building is
    sorted in."""
    from mixplan.model.commands import SetLevelHeight

    window = make_window(_five_halls())
    window.document.set_scenario("Plan")
    window.findChild(QAction, "action_attribute_table").trigger()
    qtbot.waitUntil(window.findChild(QDockWidget, "dock_attribute_table").isVisible)
    view = window.findChild(QTableView, "attribute_table")
    panel = window.panel("dock_attribute_table")
    click(window, 75, 20)  # echo (h2), on the plan
    assert panel.selected_ids() == ["h2"]

    def column(c: int) -> list[str]:
        return [cell(view, r, c) for r in range(view.model().rowCount())]

    _click_header(view, 1)
    assert column(1) == ["Alpha", "bravo", "Charlie", "delta", "echo"]
    assert panel.selected_ids() == ["h2"]
    assert view.selectionModel().selectedRows()[0].row() == 4
    _click_header(view, 1)
    assert column(1) == ["echo", "delta", "Charlie", "bravo", "Alpha"]
    _click_header(view, 4)
    assert column(4) == ["5.0", "5.0", "7.0", "9.0", "12.0"]
    assert column(1)[:2] == ["Alpha", "bravo"]  # as in the scenario
    assert panel.selected_ids() == ["h2"]
    window.document.push(SetLevelHeight("Plan", "h2", 0, 6.0))
    assert column(1) == ["Alpha", "bravo", "echo", "Charlie", "delta"]
    assert panel.selected_ids() == ["h2"]
    assert window.document.selection == ["h2"]


def test_sorting_ten_thousand_rows_by_a_floor_area(qtbot):
    from mixplan.ui.document import ProjectDocument
    from tests.report.test_report_cases import _grid_project

    project = _grid_project(10_000)
    document = ProjectDocument(project)
    model = BuildingsTableModel(document)
    reads = []
    measure = model.facts
    model.facts = lambda building: reads.append(building.id) or measure(building)
    housing = [key for key, _numeric in COLUMNS].index("housing")
    model.sort(housing, Qt.SortOrder.DescendingOrder)
    # measured in a pool thread: the rows stay as they are meanwhile
    assert model.sorting and reads == []
    assert [model.building_id(r) for r in range(3)] == list(project.baseline.buildings)[
        :3
    ]
    qtbot.waitUntil(lambda: not model.sorting)
    # the sort's values came with the facts: none read on the GUI thread
    assert reads == []
    values = [model.value(row, "housing") for row in range(model.rowCount())]
    assert values == sorted(values, reverse=True)
    # measured in one batch, the same as the engine's building by building
    from mixplan.engine.facts import Assumptions, building_facts
    from mixplan.model.uses import use_class

    assumptions = Assumptions.of(project.rulebook)
    for row in range(0, 10_000, 997):
        building = project.baseline.buildings[model.building_id(row)]
        alone = building_facts(building, None, assumptions).sdp_by_use
        assert values[row] == sum(
            area
            for use, area in alone.items()
            if use_class(use).family.value == "housing"
        )
    model.sort(-1)
    assert [model.building_id(r) for r in range(3)] == list(project.baseline.buildings)[
        :3
    ]


def test_a_hidden_table_sorts_when_shown_again(make_window, qtbot):
    """Sorted, then closed: a scenario switch leaves its rows in the scenario's
    order (nothing measured for a table no one sees); shown, sorted again."""
    window = make_window(_five_halls())
    window.document.set_scenario("Plan")
    window.findChild(QAction, "action_attribute_table").trigger()
    dock = window.findChild(QDockWidget, "dock_attribute_table")
    qtbot.waitUntil(dock.isVisible)
    view = window.findChild(QTableView, "attribute_table")
    panel = window.panel("dock_attribute_table")
    _click_header(view, 1)
    assert panel.model.building_id(0) == "h1"  # Alpha
    dock.close()
    qtbot.waitUntil(lambda: not panel.isVisible())
    window.document.set_scenario("Existing")
    assert [panel.model.building_id(r) for r in range(5)] == [f"h{k}" for k in range(5)]
    window.findChild(QAction, "action_attribute_table").trigger()
    qtbot.waitUntil(dock.isVisible)
    assert [cell(view, r, 1) for r in range(5)] == [
        "Alpha",
        "bravo",
        "Charlie",
        "delta",
        "echo",
    ]


def _rows_of_housing(count: int = 300):
    """``count`` one-storey housing blocks r0, r1, …, 10 m wide and w m deep,
    w = (37 k mod count/2) + 1: every depth from 1 to count/2 m twice (k and
    k + count/2); housing SDP = 10 w m² × 0.92 × 0.9 (common parts) = 8.28 w."""
    from shapely.geometry import box

    from mixplan.model import Building, Level, Project
    from mixplan.model.commands import AddScenario

    half = count // 2
    project = Project.new("rows")
    for k in range(count):
        depth = (37 * k) % half + 1
        project.baseline.buildings[f"r{k}"] = Building(
            f"r{k}",
            f"Row {k}",
            box(12 * k, 0, 12 * k + 10, depth),
            (Level.of(3.0, "housing"),),
        )
    AddScenario("Plan").apply(project)
    return project, {f"r{k}": (37 * k) % half + 1 for k in range(count)}


HOUSING = [key for key, _numeric in COLUMNS].index("housing")


def _rows_table(make_window, qtbot):
    """The window on _rows_of_housing's Plan, its attribute table shown:
    (window, view, model, depth of each building)."""
    project, depth = _rows_of_housing(300)
    window = make_window(project)
    window.document.set_scenario("Plan")
    window.findChild(QAction, "action_attribute_table").trigger()
    qtbot.waitUntil(window.findChild(QDockWidget, "dock_attribute_table").isVisible)
    view = window.findChild(QTableView, "attribute_table")
    return window, view, window.panel("dock_attribute_table").model, depth


def test_the_first_sort_by_a_floor_area_measures_off_the_gui_thread(make_window, qtbot):
    """A header click on Housing SDP with MEASURED_AWAY buildings or more: the
    header says it is sorting, the rows stay; then the rows come sorted by the
    hand-computed areas, equal areas in the scenario's order (as before)."""
    from mixplan.ui.panels.attribute_table import MEASURED_AWAY

    _window, view, model, depth = _rows_table(make_window, qtbot)
    assert len(depth) >= MEASURED_AWAY
    _click_header(view, HOUSING)
    title = model.headerData(HOUSING, Qt.Orientation.Horizontal)
    assert title == "Housing SDP (m²) (sorting…)"
    assert [model.building_id(r) for r in range(3)] == ["r0", "r1", "r2"]
    qtbot.waitUntil(lambda: not model.sorting)
    assert model.headerData(HOUSING, Qt.Orientation.Horizontal) == "Housing SDP (m²)"
    # ascending: depth 1 (r0 then r150), depth 2, …; 8.28 m² per metre of depth
    ids = [model.building_id(r) for r in range(300)]
    assert ids == sorted(depth, key=lambda b: (depth[b], int(b[1:])))
    assert ids[:2] == ["r0", "r150"]
    assert model.value(0, "housing") == pytest.approx(8.28)
    assert model.value(299, "housing") == pytest.approx(8.28 * 150)
    # descending: measured already, sorted at once; equal areas stay in order
    _click_header(view, HOUSING)
    assert not model.sorting
    ids = [model.building_id(r) for r in range(300)]
    assert ids == sorted(depth, key=lambda b: (-depth[b], int(b[1:])))
    assert cell(view, 0, HOUSING) == "1,242"  # 8.28 × 150 = 1,242


def test_a_building_edited_while_the_floor_areas_are_measured_sorts_as_edited(
    make_window, qtbot
):
    """An edit between the header click and the measured floor areas: the
    edited building is sorted by its new area, not by the one measured."""
    from mixplan.model.commands import SetLevelUses

    window, view, model, depth = _rows_table(make_window, qtbot)
    _click_header(view, HOUSING)
    assert model.sorting
    # r150 (depth 1, 8.28 m²) becomes offices: no housing, first in the rows
    window.document.push(SetLevelUses("Plan", "r150", 0, {"office": 1.0}))
    qtbot.waitUntil(lambda: not model.sorting)
    ids = [model.building_id(r) for r in range(300)]
    second_depth = sorted((b for b in depth if depth[b] == 2), key=lambda b: int(b[1:]))
    assert ids[:3] == ["r150", "r0", second_depth[0]]
    assert model.value(0, "housing") == 0
    assert model.value(1, "housing") == pytest.approx(8.28)


def test_duplicated_buildings_are_rows_at_the_end_selected_and_undone(table, qtbot):
    """Ctrl+D of both buildings with the table open in the scenario's order:
    the copies' rows come after the others, selected, with their names; Ctrl+Z
    takes them away; sorted by name, the copies are sorted in."""
    window, panel = table
    view = window.findChild(QTableView, "attribute_table")
    model = view.model()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.site_view.setFocus()
    click(window, 20, 15)  # b1
    click(window, 70, 20, Qt.KeyboardModifier.ShiftModifier)  # and b2
    QTest.keyClick(window.site_view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    copies = window.document.selection
    assert len(copies) == 2
    assert model.rowCount() == 4
    assert [cell(view, r, 0) for r in range(4)] == ["b1", "b2", *copies]
    assert [cell(view, r, 1) for r in range(2, 4)] == [
        "Workshop (copy)",
        "Housing (copy)",
    ]
    assert sorted(panel.selected_ids()) == sorted(copies)
    QTest.keyClick(window.site_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [cell(view, r, 0) for r in range(model.rowCount())] == ["b1", "b2"]
    _click_header(view, 1)
    QTest.keyClick(
        window.site_view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [cell(view, r, 1) for r in range(model.rowCount())] == [
        "Housing",
        "Housing (copy)",
        "Workshop",
        "Workshop (copy)",
    ]
