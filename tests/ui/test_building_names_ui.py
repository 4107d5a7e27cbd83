"""The editor names a building as the findings do: “Workshop” (b1), « Workshop » (b1).

In S1 of the small project (conftest.py), b1 "Workshop" is raised to 5.0 + 4.5 =
9.5 m, above a maximum height set to 8 m: C03 names it. Driven with real events:
a click on the scenario list and on the plan, typing a new name, a tooltip event.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from mixplan.model.commands import SetLevelHeight, SetRulebookValue
from mixplan.ui.panels.findings import FINDING_ROLE
from tests.ui.conftest import small_project
from tests.ui.helpers import click, click_scenario, view_point

NNBSP = "\u202f"


def _c03_texts(window) -> list[str]:
    """The texts of the C03 rows the findings panel shows."""
    model = window.panel("dock_findings").model
    texts = []
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        if group.data(FINDING_ROLE).rule != "C03":
            continue
        for child in range(model.rowCount(group)):
            texts.append(model.index(child, 0, group).data(Qt.ItemDataRole.DisplayRole))
    return texts


def _tooltip(window, x: float, y: float) -> str:
    viewport = window.site_view.viewport()
    at = view_point(window, x, y)
    event = QHelpEvent(QEvent.Type.ToolTip, at, viewport.mapToGlobal(at))
    QApplication.sendEvent(viewport, event)
    return QToolTip.text()


def test_findings_tooltips_and_inspector_use_the_building_name(qtbot, make_window):
    project = small_project()
    SetRulebookValue("C03", "max_height_m", 8.0).apply(project)
    SetLevelHeight("S1", "b1", 1, 4.5).apply(project)
    window = make_window(project)
    click_scenario(window, "S1")
    assert window.document.current_scenario == "S1"
    window.actions_["action_lang_fr"].trigger()
    try:
        qtbot.waitUntil(lambda: bool(_c03_texts(window)), timeout=5000)
        assert _c03_texts(window) == [
            f"Le bâtiment «{NNBSP}Workshop{NNBSP}» (b1) mesure 9,5 m, au-dessus du "
            "maximum de 8 m"
        ]
        assert _tooltip(window, 20, 15) == f"«{NNBSP}Workshop{NNBSP}» (b1)\nR+1 · 9,5 m"
        click(window, 20, 15)
        inspector = window.panel("dock_inspector")
        assert f"«{NNBSP}Workshop{NNBSP}» (b1)" in inspector.status_label.text()
        # Renamed with the keyboard: the finding follows the current name.
        inspector.name_edit.setFocus()
        inspector.name_edit.selectAll()
        QTest.keyClicks(inspector.name_edit, "Halle Nord", delay=20)
        QTest.keyClick(inspector.name_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda: (
                _c03_texts(window)
                == [
                    f"Le bâtiment «{NNBSP}Halle Nord{NNBSP}» (b1) mesure 9,5 m, "
                    "au-dessus du maximum de 8 m"
                ]
            ),
            timeout=5000,
        )
        assert _tooltip(window, 20, 15).startswith(f"«{NNBSP}Halle Nord{NNBSP}» (b1)")
    finally:
        window.actions_["action_lang_en"].trigger()
    qtbot.waitUntil(
        lambda: (
            _c03_texts(window)
            == ["Building “Halle Nord” (b1) is 9.5 m high, above the maximum 8 m"]
        ),
        timeout=5000,
    )


def test_a_long_name_shows_its_beginning_when_the_building_is_clicked(
    qtbot, make_window
):
    from dataclasses import replace

    project = small_project()
    long_name = (
        "Résidence intergénérationnelle « Les Jardins de l'Hôtel-Dieu » "
        "et pôle de santé, bâtiment nord n° 8773"
    )
    b1 = project.baseline.buildings["b1"]
    project.baseline.buildings["b1"] = replace(b1, name=long_name)
    window = make_window(project)
    click(window, 20, 15)
    name = window.panel("dock_inspector").name_edit
    assert name.text() == long_name
    assert name.fontMetrics().horizontalAdvance(long_name) > name.width()
    # Unfocused, the field shows the text around its cursor: the beginning.
    assert name.cursorPosition() == 0


def test_with_two_buildings_selected_the_name_cannot_be_typed_over(qtbot, make_window):
    """b1 clicked, b2 shift-clicked: the header says edits go to both, so the
    name (one building's) is read-only: typing a name and Enter changes neither
    name and pushes nothing. b2 clicked alone: typing renames it."""
    project = small_project()
    window = make_window(project)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    stack = window.document.undo_stack
    click(window, 20, 15)
    click(window, 70, 20, Qt.KeyboardModifier.ShiftModifier)
    assert sorted(window.document.selection) == ["b1", "b2"]
    name = window.panel("dock_inspector").name_edit
    assert name.isReadOnly() and name.toolTip() == "Select one building to rename it"
    QTest.mouseDClick(name, Qt.MouseButton.LeftButton)
    QTest.keyClicks(name, "Halle Sud", delay=5)
    QTest.keyClick(name, Qt.Key.Key_Return)
    baseline = window.document.project.baseline
    assert [baseline.buildings[b].name for b in ("b1", "b2")] == [
        "Workshop",
        project.baseline.buildings["b2"].name,
    ]
    assert stack.count() == 0
    click(window, 70, 20)
    assert window.document.selection == ["b2"] and not name.isReadOnly()
    QTest.mouseDClick(name, Qt.MouseButton.LeftButton)
    name.selectAll()
    QTest.keyClicks(name, "Halle Sud", delay=5)
    QTest.keyClick(name, Qt.Key.Key_Return)
    assert baseline.buildings["b2"].name == "Halle Sud"
    assert stack.count() == 1
