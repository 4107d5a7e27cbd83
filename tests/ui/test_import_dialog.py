"""The import dialog: inspect and plan off the GUI thread, one undo step."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mixplan.model import Project
from mixplan.ui.document import ProjectDocument
from mixplan.ui.import_dialog import ImportDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from import_fixtures import build_all  # noqa: E402


@pytest.fixture(scope="module")
def fx(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_all(tmp_path_factory.mktemp("import-ui"))


def _open(qtbot, document, path):
    dialog = ImportDialog(document, path=path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    return dialog


def test_preview_then_import_is_one_undo_step(qtbot, fx):
    document = ProjectDocument(Project.new("t"))
    dialog = _open(qtbot, document, fx["gpkg"])
    # Two layers: the layer box is enabled and the fields are guessed.
    assert dialog.layer.isEnabled() and dialog.layer.count() == 2
    dialog.layer.setCurrentText("buildings")
    assert dialog.height_field.currentData() == "hauteur"
    assert dialog.levels_field.currentData() == "etages"
    assert dialog.use_field.currentData() == "usage"
    dialog.use_map.setText("Entrepôt=warehouse,Résidentiel=housing,Bureaux=office")
    dialog.scenario.setCurrentText("Imported")
    dialog.start_preview()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert dialog.preview.toPlainText().startswith("Will import 4 buildings")
    assert "4 buildings" in dialog.preview.toPlainText()
    # The map shows them: one path per family (warehouse, housing, office).
    assert len(dialog.map.scene().items()) == 3
    # (fitted to the footprints themselves, not to them grown by the pen)
    bounds = dialog.map.scene().itemsBoundingRect()
    assert (bounds.width(), bounds.height()) == (40, 40)
    assert not document.project.has_scenario("Imported")  # preview changes nothing
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    assert document.undo_stack.count() == 1
    assert len(document.project.scenario("Imported").buildings) == 4
    assert "Imported" in dialog.preview.toPlainText()
    document.undo_stack.undo()
    assert not document.project.has_scenario("Imported")
    document.undo_stack.redo()
    assert len(document.project.scenario("Imported").buildings) == 4


def test_import_without_preview_plans_first(qtbot, fx):
    document = ProjectDocument(Project.new("t"))
    dialog = _open(qtbot, document, fx["dxf_plan"])
    assert dialog.dxf_box.isVisibleTo(dialog) and not dialog.gis_box.isVisibleTo(dialog)
    dialog.layer_map.setText("Floor=outline,Offices=office")
    dialog.origin.setText("700000,6600000")
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    (plan,) = document.project.baseline.buildings.values()
    assert plan.levels[0].use_shares() == pytest.approx(
        {"office": 0.5, "unassigned": 0.5}
    )
    assert "not georeferenced" in dialog.preview.toPlainText()


def test_a_refused_file_shows_one_message_and_pushes_nothing(qtbot, fx):
    document = ProjectDocument(Project.new("t"))
    dialog = _open(qtbot, document, fx["zip_slip"])
    assert "points outside the archive" in dialog.preview.toPlainText()
    dialog.path_edit.setText(str(fx["no_crs"]))
    dialog._inspect()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    dialog.start_import()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    text = dialog.preview.toPlainText()
    assert text.startswith("Not imported:") and "--crs" in text
    assert "Traceback" not in text
    assert document.undo_stack.count() == 0
    assert document.project.baseline.buildings == {}


def test_closing_while_reading_does_not_wait_for_the_worker(qtbot, fx, monkeypatch):
    import time

    from mixplan.ui import import_worker

    document = ProjectDocument(Project.new("t"))
    dialog = _open(qtbot, document, fx["gpkg"])
    dialog.layer.setCurrentText("buildings")
    release = []
    original = import_worker.ImportWorker.run

    def slow_run(worker):
        while not release:  # a file that takes long to read
            time.sleep(0.01)
        original(worker)

    monkeypatch.setattr(import_worker.ImportWorker, "run", slow_run)
    dialog.start_preview()
    assert dialog.busy
    start = time.perf_counter()
    dialog.reject()
    closing = time.perf_counter() - start
    release.append(True)
    assert closing < 0.1
    reaper = import_worker._reaper
    assert reaper is not None
    qtbot.waitUntil(lambda: not reaper.running, timeout=10_000)
    assert document.undo_stack.count() == 0  # the dropped plan pushed nothing


def test_a_mixplan_file_imports_everything_it_holds_by_default(qtbot, fx):
    document = ProjectDocument(Project.new("t"))
    dialog = _open(qtbot, document, fx["mixplan_profile"])
    assert dialog.kind.currentData() is None
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    project = document.project
    assert project.site is not None and project.site.area_m2 == 40_000.0
    assert list(project.baseline.buildings) == ["H1"]
    assert list(project.baseline.cover) == ["G1"]
    # Drawn: the site outline, the hall (housing family) and the cover.
    assert len(dialog.map.scene().items()) == 3
    # One undo takes it all back.
    document.undo_stack.undo()
    assert project.site is None and not project.baseline.buildings


def test_a_second_import_in_the_same_dialog(qtbot, fx):
    from shapely.geometry import box

    from mixplan.model import Building, Level

    project = Project.new("t")
    project.baseline.buildings["old"] = Building(
        "old", "Old shed", box(-100, -100, -80, -90), (Level.of(6.0, "warehouse"),)
    )
    document = ProjectDocument(project)
    dialog = _open(qtbot, document, fx["gpkg"])
    dialog.layer.setCurrentText("buildings")
    dialog.where.setText("hauteur > 0")
    dialog.scenario.setCurrentText("Imported")
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    # A new target scenario starts as a copy of the baseline, and is shown.
    imported = document.project.scenario("Imported")
    assert "old" in imported.buildings and len(imported.buildings) == 5
    assert document.current_scenario == "Imported"
    assert not dialog.import_button.isEnabled()  # this file is done
    # Another file: options of the last file are gone, Import is back.
    dialog.path_edit.setText(str(fx["dxf_plan"]))
    dialog._inspect()  # what Browse… does once a file is chosen
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.where.text() == "" and dialog.import_button.isEnabled()
    dialog.layer_map.setText("Floor=outline,Offices=office")
    dialog.origin.setText("700000,6600000")
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    assert len(document.project.scenario("Imported").buildings) == 6
    assert document.undo_stack.count() == 2


def test_the_dxf_layers_are_a_table_of_uses(qtbot, fx):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    document = ProjectDocument(Project.new("t"))
    dialog = _open(qtbot, document, fx["dxf_plan"])
    table = dialog.layer_table
    layers = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert {"Floor", "Offices"} <= set(layers)
    floor = table.cellWidget(layers.index("Floor"), 2)
    offices = table.cellWidget(layers.index("Offices"), 2)
    # Choices are named uses, not codes; chosen with the keyboard as a user does.
    assert offices.itemText(offices.findData("office")) == "Office"
    for combo, typed in ((floor, "Outline"), (offices, "Office")):
        combo.setFocus()
        QTest.keyClicks(combo, typed)
    assert floor.currentData() == "outline" and offices.currentData() == "office"
    assert dialog.layer_map.text() == "Floor=outline,Offices=office"
    dialog.origin.setText("700000,6600000")
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    (plan,) = document.project.baseline.buildings.values()
    assert plan.levels[0].use_shares() == pytest.approx(
        {"office": 0.5, "unassigned": 0.5}
    )


def test_the_filter_is_built_from_a_field_and_a_value_of_the_file(qtbot, fx):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    document = ProjectDocument(Project.new("t"))
    dialog = _open(qtbot, document, fx["gpkg"])
    dialog.layer.setCurrentText("buildings")
    field = dialog.filter_field
    assert "usage" in [field.itemText(i) for i in range(field.count())]
    field.setCurrentText("usage")
    values = dialog.filter_value
    # The values read from the file, for the user to pick from.
    assert [values.itemText(i) for i in range(values.count())] == [
        "Bureaux",
        "Entrepôt",
        "Résidentiel",
    ]
    values.setCurrentIndex(values.findText("Bureaux"))
    QTest.mouseClick(dialog.filter_add, Qt.MouseButton.LeftButton)
    assert dialog.where.text() == "\"usage\" = 'Bureaux'"
    # A second clause is joined with AND; a quote in a value is doubled.
    values.setEditText("l'atelier")
    QTest.mouseClick(dialog.filter_add, Qt.MouseButton.LeftButton)
    assert dialog.where.text() == ("\"usage\" = 'Bureaux' AND \"usage\" = 'l''atelier'")
    dialog.where.setText("\"usage\" = 'Bureaux'")
    dialog.start_preview()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    # Only the offices: one feature of two parts, split into two buildings.
    assert dialog.preview.toPlainText().startswith("Will import 2 buildings")


@pytest.mark.parametrize(("count", "smoothed"), [(100, True), (3_000, False)])
def test_a_big_import_s_map_is_drawn_without_smoothing(
    qtbot, tmp_path, count, smoothed
):
    """Past MAX_SMOOTHED path elements (about 2,400 footprints of 5 points) the
    preview map is drawn without antialiasing: 10,000 smoothed footprints cost
    the GUI thread 65-100 ms at each paint of the small map."""
    from PySide6.QtGui import QPainter

    dialog = _open(qtbot, ProjectDocument(Project.new("t")), _park(tmp_path, count))
    _click_preview(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30_000)
    assert dialog.preview.toPlainText().startswith(f"Will import {count:,} buildings")
    antialiased = dialog.map.renderHints() & QPainter.RenderHint.Antialiasing
    assert bool(antialiased) is smoothed
    assert len(dialog.map.scene().items()) == 1  # one family: one path


def _park(folder: Path, count: int) -> Path:
    """A mixplan GeoJSON of ``count`` sheds in rows."""
    from shapely.geometry import box

    from mixplan.model import Building, Level
    from mixplan.store.geojson import write_geojson

    park = Project.new("park")
    for k in range(count):
        x, y = 30 * (k % 60), 30 * (k // 60)
        park.baseline.buildings[f"b{k}"] = Building(
            f"b{k}", f"Hall {k}", box(x, y, x + 20, y + 10), (Level.of(5, "craft"),)
        )
    source = folder / "park.geojson"
    write_geojson(park, "Existing", source)
    return source


def _click_preview(qtbot, dialog) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    dialog.show()
    qtbot.waitExposed(dialog)
    button = dialog.preview_button
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())


def test_closing_while_planning_stops_the_plan_made_apart(qtbot, tmp_path):
    """Escape while a mixplan GeoJSON is planned in a child process: the child
    is stopped, its plan never comes back into the window's process (a
    10,000-building plan is 0.1 s of unpickling there)."""
    import multiprocessing

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    source = _park(tmp_path, 3_000)
    before = source.read_bytes()
    document = ProjectDocument(Project.new("t"))
    dialog = _open(qtbot, document, source)
    _click_preview(qtbot, dialog)
    (worker,) = dialog.workers
    came: list[object] = []
    worker.planned.connect(came.append)
    worker.failed.connect(lambda _where, message: came.append(message))
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: bool(came), timeout=30_000)
    assert came == ["stopped before the end"]
    qtbot.waitUntil(lambda: not multiprocessing.active_children(), timeout=10_000)
    assert document.undo_stack.count() == 0
    assert source.read_bytes() == before
