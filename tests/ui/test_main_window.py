"""The main window: object names, shortcuts, title, menus, scenarios, closing."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QDockWidget, QGraphicsView, QListWidget

from mixplan.model.commands import RemoveBuilding

DESIGN_ACTIONS = [
    "action_new",
    "action_open",
    "action_save",
    "action_save_as",
    "action_undo",
    "action_redo",
    "action_select",
    "action_draw_building",
    "action_draw_cover",
    "action_import",
    "action_export_report",
]


def test_object_names_of_design_12(make_window):
    window = make_window()
    assert window.objectName() == "MainWindow"
    view = window.findChild(QGraphicsView, "site_view")
    assert view is window.site_view
    for name in (
        "dock_scenarios",
        "dock_inspector",
        "dock_indicators",
        "dock_findings",
    ):
        assert isinstance(window.findChild(QDockWidget, name), QDockWidget), name
    for name in DESIGN_ACTIONS:
        assert isinstance(window.findChild(QAction, name), QAction), name


def test_standard_shortcuts(make_window):
    window = make_window()

    def keys(name):
        return window.findChild(QAction, name).shortcuts()

    expected = {
        "action_new": QKeySequence.StandardKey.New,
        "action_open": QKeySequence.StandardKey.Open,
        "action_save": QKeySequence.StandardKey.Save,
        "action_undo": QKeySequence.StandardKey.Undo,
        "action_redo": QKeySequence.StandardKey.Redo,
        "action_select_all": QKeySequence.StandardKey.SelectAll,
        "action_quit": QKeySequence.StandardKey.Quit,
    }
    for name, standard in expected.items():
        for sequence in QKeySequence.keyBindings(standard):
            assert sequence in keys(name), (name, sequence.toString())
    assert QKeySequence("Ctrl+Z") in keys("action_undo")
    assert QKeySequence("Ctrl+S") in keys("action_save")
    assert QKeySequence("B") in keys("action_draw_building")


def test_menus_hold_the_issue_items(make_window):
    window = make_window()
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Edit", "View", "Tools", "Scenario", "Language", "Help"]
    file_items = [a.objectName() for a in window.menus.file.actions() if a.objectName()]
    assert file_items == [
        "action_new",
        "action_open",
        "action_save",
        "action_save_as",
        "action_import",
        "action_export",
        "action_export_report",
        "action_project_settings",
        "action_keep_backup",
        "action_quit",
    ]
    assert window.menus.recent.menuAction() in window.menus.file.actions()


def test_undo_text_names_the_command_and_title_marks_changes(make_window):
    window = make_window()
    assert not window.isWindowModified()
    window.document.set_selection(["b1"])
    window.findChild(QAction, "action_delete").trigger()
    assert "b1" not in window.document.scenario.buildings
    undo = window.findChild(QAction, "action_undo")
    assert undo.text() == "Undo Delete building"
    assert window.isWindowModified()
    assert "Small site" in window.windowTitle()
    undo.trigger()
    assert "b1" in window.document.scenario.buildings
    assert not window.isWindowModified()
    window.findChild(QAction, "action_redo").trigger()
    assert "b1" not in window.document.scenario.buildings


def test_switching_scenarios_from_the_dock(make_window):
    window = make_window()
    dock_list = window.findChild(QDockWidget, "dock_scenarios").findChild(QListWidget)
    texts = [dock_list.item(i).text() for i in range(dock_list.count())]
    assert texts[0].startswith("Existing") and "baseline" in texts[0]
    assert texts[1].startswith("S1")
    scene = window.site_view.site_scene
    dock_list.setCurrentRow(1)
    assert window.document.current_scenario == "S1"
    assert set(scene.buildings) == {"b1", "b2"}
    window.document.push(RemoveBuilding("S1", "b1"))
    assert set(scene.buildings) == {"b2"}
    assert scene.baseline_outlines.items  # b1's outline, faint
    window.findChild(QAction, "action_show_baseline").setChecked(False)
    assert not scene.baseline_outlines.items
    dock_list.setCurrentRow(0)
    assert window.document.current_scenario == "Existing"
    assert set(scene.buildings) == {"b1", "b2"}


def test_new_rename_delete_scenario(make_window, monkeypatch):
    window = make_window()
    monkeypatch.setattr(window, "ask_text", lambda *_: "Plan B")
    window.findChild(QAction, "action_scenario_new").trigger()
    assert window.document.current_scenario == "Plan B"
    assert window.document.scenario.buildings["b1"].origin == "b1"
    monkeypatch.setattr(window, "ask_text", lambda *_: "Plan C")
    window.findChild(QAction, "action_scenario_rename").trigger()
    assert window.document.current_scenario == "Plan C"
    monkeypatch.setattr(window, "ask_confirm", lambda *_: True)
    window.findChild(QAction, "action_scenario_delete").trigger()
    assert [s.name for s in window.document.project.scenarios] == ["Existing", "S1"]
    assert window.document.current_scenario == "Existing"
    assert not window.findChild(QAction, "action_scenario_delete").isEnabled()
    window.document.undo_stack.undo()
    assert window.document.project.has_scenario("Plan C")


def test_duplicate_and_select_all(make_window):
    window = make_window()
    window.findChild(QAction, "action_select_all").trigger()
    assert window.document.selection == ["b1", "b2"]
    window.findChild(QAction, "action_duplicate").trigger()
    buildings = window.document.scenario.buildings
    assert len(buildings) == 4
    copies = window.document.selection
    assert len(copies) == 2 and not set(copies) & {"b1", "b2"}
    # Shifted 5 m east and 5 m south, same area.
    assert buildings[copies[0]].footprint.bounds == (15.0, 5.0, 35.0, 15.0)
    assert window.document.undo_stack.count() == 1


def test_closing_with_unsaved_changes_asks(make_window, monkeypatch):
    window = make_window()
    window.document.set_selection(["b2"])
    window.findChild(QAction, "action_delete").trigger()
    asked = []
    monkeypatch.setattr(window, "ask_unsaved", lambda: asked.append(1) or "cancel")
    assert not window.close()
    assert window.isVisible() and asked == [1]
    monkeypatch.setattr(window, "ask_unsaved", lambda: "discard")
    assert window.close()


def test_plan_and_massing_views(make_window):
    window = make_window()
    window.findChild(QAction, "action_massing_view").trigger()
    assert window.stack.currentWidget() is window.massing_view
    window.findChild(QAction, "action_draw_building").trigger()
    assert window.stack.currentWidget() is window.site_view
    assert window.site_view.tool.name == "draw_building"


def test_status_bar_shows_coordinates_and_scale(make_window, qtbot):
    from PySide6.QtTest import QTest

    from tests.ui.helpers import view_point

    window = make_window()
    viewport = window.site_view.viewport()
    # Moved there from elsewhere: a move to where the pointer already is (an
    # earlier test may have left it there) sends no event at all.
    QTest.mouseMove(viewport, view_point(window, 30, 35))
    QTest.mouseMove(viewport, view_point(window, 25, 40))
    text = window.status.coordinates.text()
    assert text.startswith("X 25.") or text.startswith("X 24.9"), text
    assert "EPSG:2154" in text
    assert window.status.scale.text().startswith("1:")


def test_import_and_report_actions_open_their_dialogs(make_window, qtbot):
    from mixplan.ui.import_dialog import ImportDialog
    from mixplan.ui.report_export import ReportExportDialog

    window = make_window()
    window.findChild(QAction, "action_import").trigger()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    window.findChild(QAction, "action_export_report").trigger()
    report = window.findChild(ReportExportDialog)
    assert report is not None and report.isVisible()
    report.reject()


def test_compare_opens_the_comparison(make_window):
    window = make_window()
    window.findChild(QAction, "action_compare").trigger()
    assert window.compare_view is not None and window.compare_view.isVisible()
    assert window.compare_view.objectName() == "compare_view"
    window.compare_view.close()


def test_export_the_scenario_as_geojson(make_window, tmp_path):
    from mixplan.store.geojson import read_geojson

    window = make_window()
    window.document.set_scenario("S1")
    window.document.push(RemoveBuilding("S1", "b1"))
    target = tmp_path / "s1.geojson"
    assert window.export_to(target)  # started, in a thread: the status bar says
    from PySide6.QtWidgets import QLabel

    shown = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert "Exporting s1.geojson…" in shown
    # an edit right after: the file holds the scenario as it was when exported
    window.document.push(RemoveBuilding("S1", "b2"))
    window.wait_for_file_job()
    content = read_geojson(target)
    assert [b.id for b in content.buildings] == ["b2"]
    assert window.statusBar().currentMessage() == f"Exported {target}"


@pytest.mark.parametrize("suffix", [".csv", ".dxf"])
def test_export_as_csv_or_dxf_in_the_background(make_window, tmp_path, suffix):
    import csv

    import ezdxf

    window = make_window()
    target = tmp_path / f"existing{suffix}"
    assert window.export_to(target)
    window.wait_for_file_job()
    if suffix == ".csv":
        with target.open(encoding="utf-8-sig", newline="") as f:
            ids = {row["building_id"] for row in csv.DictReader(f)}
        assert ids == {"b1", "b2"}
    else:
        blocks = ezdxf.readfile(target).modelspace().query("INSERT")
        assert len(blocks) == 2


def _dxf_lines(path):
    """A DXF's lines, the dates and GUIDs of its saving left out."""
    import re

    stamp = re.compile(r"\d+\.\d+\.\d+ @ \d{4}-\d\d-\d\dT")  # ezdxf's own
    lines = [
        "(stamp)" if stamp.match(line) else line
        for line in path.read_text("utf-8").split("\n")
    ]
    volatile = {"$TDCREATE", "$TDUCREATE", "$TDUPDATE", "$TDUUPDATE"}
    volatile |= {"$TDINDWG", "$TDUSRTIMER", "$FINGERPRINTGUID", "$VERSIONGUID"}
    return [
        "(saved)" if k >= 2 and lines[k - 2].strip() in volatile else line
        for k, line in enumerate(lines)
    ]


def test_a_dxf_export_from_the_menu_is_the_drawing_write_dxf_makes(
    make_window, qtbot, tmp_path, monkeypatch
):
    """Ctrl+E, DXF: written in a child process (ezdxf's collector passes held
    the window's GIL there), the same drawing as write_dxf makes in this one."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QFileDialog

    from mixplan.store.dxf_export import write_dxf

    window = make_window()
    window.document.set_scenario("S1")
    target = tmp_path / "s1.dxf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "DXF (*.dxf)")
    )
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    snapshot = window.document.project.snapshot()
    window.document.push(RemoveBuilding("S1", "b1"))  # after: not in the file
    window.wait_for_file_job()
    assert window.statusBar().currentMessage() == f"Exported {target}"
    write_dxf(snapshot, "S1", tmp_path / "here.dxf")
    assert _dxf_lines(target) == _dxf_lines(tmp_path / "here.dxf")
    assert window._export_job_progress.bar.value() == 100


def _export_refused(window, target):
    """The error dialogs open after exporting to ``target``: one, naming it."""
    from mixplan.ui.errors import open_error_dialogs

    assert window.export_to(target)
    window.wait_for_file_job()
    dialogs = open_error_dialogs()
    assert len(dialogs) == 1
    assert str(target) in dialogs[0].text()
    return dialogs


def test_a_dxf_that_cannot_be_written_is_a_dialog_naming_it(make_window, tmp_path):
    """The child's error reaches the user as one dialog naming the file; what
    is there is left as it was."""
    window = make_window()
    folder = tmp_path / "out"
    target = folder / "plan.dxf"
    target.mkdir(parents=True)  # a folder in the way: no drawing can go there
    (target / "kept.txt").write_text("mine", "utf-8")
    dialogs = _export_refused(window, target)
    try:
        assert dialogs[0].informativeText() == "is a directory"
        assert [p.name for p in folder.iterdir()] == ["plan.dxf"]
        assert [p.name for p in target.iterdir()] == ["kept.txt"]
    finally:
        for box in dialogs:
            box.close()


def test_a_second_export_waits_in_a_queue_not_on_the_window(
    make_window, qtbot, tmp_path, monkeypatch
):
    """Ctrl+E twice: the second export is queued behind the first (the window
    used to wait for the first to be written) and written from the scenario as
    it was when asked for."""
    import csv

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QFileDialog

    from mixplan.store.geojson import read_geojson

    window = make_window()
    window.document.set_scenario("S1")
    first, second = tmp_path / "first.geojson", tmp_path / "second.csv"
    chosen = iter([(str(first), ""), (str(second), "")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: next(chosen))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    window.document.push(RemoveBuilding("S1", "b1"))
    QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    # Nothing was waited for: the first is still under way, the second queued.
    assert window.statusBar().currentMessage() == (
        "second.csv is exported once the export under way is written"
    )
    assert window.export_busy()
    window.wait_for_file_job()
    assert not window.export_busy()
    assert [b.id for b in read_geojson(first).buildings] == ["b1", "b2"]
    with second.open(encoding="utf-8-sig", newline="") as f:
        assert {row["building_id"] for row in csv.DictReader(f)} == {"b2"}
    assert window.statusBar().currentMessage() == f"Exported {second}"


def test_an_export_that_cannot_be_written_says_so_and_writes_nothing(
    make_window, tmp_path
):
    window = make_window()
    target = tmp_path / "no such folder" / "s1.geojson"
    dialogs = _export_refused(window, target)
    try:
        assert not target.parent.exists()
    finally:
        for box in dialogs:
            box.close()


def test_rule_sources_list_rules_and_parameters(make_window):
    from PySide6.QtWidgets import QDialog, QTextBrowser

    window = make_window()
    window.findChild(QAction, "action_rule_sources").trigger()
    dialog = window.findChild(QDialog, "rule_sources_dialog")
    text = dialog.findChild(QTextBrowser).toPlainText()
    assert "C09" in text and "R111-22" in text and "L556-1" in text
    assert "RULES.md" not in text and "DESIGN" not in text and "§" not in text
    dialog.close()


def test_space_drag_pans_without_selecting(make_window):
    import math

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from tests.ui.helpers import drag

    window = make_window()
    view = window.site_view
    view.scale_by(4.0)
    centre = view.viewport().rect().center()
    before = view.mapToScene(centre)
    QTest.keyPress(view, Qt.Key.Key_Space)
    drag(window, (20, 15), (20, 10))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    after = view.mapToScene(centre)
    assert math.isclose(after.y() - before.y(), -5, abs_tol=2 / view.pixels_per_metre())
    assert window.document.selection == []


def test_open_recent_lists_saved_projects(make_window, tmp_path):
    from mixplan.store import save_project
    from tests.ui.conftest import small_project

    window = make_window()
    saved = tmp_path / "recent.mixplan.gpkg"
    save_project(small_project(), saved)
    window.settings.add_recent_file(saved)
    window.menus.recent.aboutToShow.emit()
    texts = [a.text() for a in window.menus.recent.actions()]
    assert str(saved.resolve()) in texts


def test_a_finding_asks_the_plan_to_frame_its_buildings(make_window, qtbot):
    window = make_window()
    findings = window.panel("dock_findings")
    findings.frame_requested.emit(["b2"])
    view = window.site_view
    b1 = view.site_scene.buildings["b1"].path().boundingRect()
    b2 = view.site_scene.buildings["b2"].path().boundingRect()

    def framed() -> None:  # (in the turn that draws a new selection, if any)
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        assert visible.contains(b2) and not visible.contains(b1)

    qtbot.waitUntil(framed, timeout=5000)


def test_main_window_opens_the_project_path_given(make_window, tmp_path):
    from mixplan.store import save_project
    from tests.ui.conftest import small_project

    saved = tmp_path / "given.mixplan.gpkg"
    save_project(small_project(), saved)
    window = make_window(project_path=saved)
    assert window.document.path == saved.resolve()
    assert "given.mixplan.gpkg" in window.windowTitle()


def test_a_save_during_an_export_and_a_close_after_it(make_window, tmp_path):
    """An export and a save run side by side (the export reads a snapshot, the
    save writes the project file); closing the window lets the export end."""
    import ezdxf

    from mixplan.store import open_project

    window = make_window()
    dxf, project_file = tmp_path / "existing.dxf", tmp_path / "site.mixplan.gpkg"
    assert window.export_to(dxf)
    assert window.save_to(project_file)
    window.wait_for_file_job()
    assert len(ezdxf.readfile(dxf).modelspace().query("INSERT")) == 2
    assert set(open_project(project_file).baseline.buildings) == {"b1", "b2"}
    second = tmp_path / "again.geojson"
    assert window.export_to(second)
    window.close()
    assert second.exists()


def test_selecting_buildings_that_differ_edits_nothing(make_window, qtbot):
    """Showing a building never edits the selection: Ctrl+A on b1 (common parts,
    a ramp) and b2 (a single house, no ramp) used to give b2 b1's common parts."""
    from dataclasses import replace

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from tests.ui.conftest import small_project

    project = small_project()
    buildings = project.baseline.buildings
    buildings["b1"] = replace(buildings["b1"], ramp=True, common_parts=True)
    buildings["b2"] = replace(buildings["b2"], ramp=False, common_parts=False)
    window = make_window(project)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.site_view.setFocus()
    QTest.keyClick(window.site_view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert window.document.selection == ["b1", "b2"]
    assert window.document.undo_stack.count() == 0
    shown = window.findChild(QCheckBox, "common_parts")
    assert shown.isChecked()  # b1's, shown first
    after = window.document.scenario.buildings
    assert (after["b1"].common_parts, after["b2"].common_parts) == (True, False)
    assert (after["b1"].ramp, after["b2"].ramp) == (True, False)
    # The user's own click still edits every selected building, in one step.
    shown.setFocus()
    QTest.keyClick(shown, Qt.Key.Key_Space)
    assert window.document.undo_stack.count() == 1
    after = window.document.scenario.buildings
    assert (after["b1"].common_parts, after["b2"].common_parts) == (False, False)
