"""The inspector: table models, one undo step per edit, scrubbing, presets, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox
from shapely.geometry import box

from mixplan.model import Building, Level, Project
from mixplan.model.commands import AddScenario, SetLevelUses
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.inspector import (
    InspectorPanel,
    LevelsTableModel,
    UseMixModel,
)


def workshop() -> Building:
    # 40 m x 20 m = 800 m² footprint; ground craft + shared services, one upper floor.
    return Building(
        "b1",
        "Atelier Nord",
        box(0, 0, 40, 20),
        (
            Level.of(
                5.5,
                {"craft": 0.8, "shared_services": 0.2},
                load_kn_m2=10.0,
                access="street",
                nuisance="D",
            ),
            Level.of(4.0, "craft", load_kn_m2=5.0, access="freight_lift"),
        ),
        freight_lift_kg=3000.0,
        loading_bays=2,
    )


@pytest.fixture
def document(qapp) -> ProjectDocument:
    project = Project.new("Test")
    project.baseline.buildings["b1"] = workshop()
    doc = ProjectDocument(project)
    doc.push(AddScenario("Plan A"))
    doc.set_scenario("Plan A")
    doc.undo_stack.clear()
    return doc


@pytest.fixture
def panel(qtbot, document) -> InspectorPanel:
    widget = InspectorPanel(document, None)
    qtbot.addWidget(widget)
    document.set_selection(["b1"])
    return widget


def b1(document: ProjectDocument) -> Building:
    return document.scenario.buildings["b1"]


# --- table models ------------------------------------------------------------------


def test_levels_model_passes_the_model_tester(qtmodeltester, document):
    model = LevelsTableModel(document)
    model.set_building("b1")
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2


def test_use_mix_model_passes_the_model_tester(qtmodeltester, document):
    model = UseMixModel(document)
    model.set_level("b1", 0)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2


def test_empty_models_pass_the_model_tester(qtmodeltester, document):
    levels, uses = LevelsTableModel(document), UseMixModel(document)
    qtmodeltester.check(levels, force_py=True)
    qtmodeltester.check(uses, force_py=True)
    assert levels.rowCount() == uses.rowCount() == 0


def test_levels_rows_run_top_down(document):
    model = LevelsTableModel(document)
    model.set_building("b1")
    assert model.index(0, model.STOREY).data() == "L1"
    assert model.index(1, model.STOREY).data() == "Ground"
    assert model.index(1, model.HEIGHT).data(Qt.ItemDataRole.EditRole) == 5.5
    assert model.index(1, model.AREA).data() in ("800", "800.0")
    assert model.index(1, model.NUISANCE).data() == "D"


# --- one command per edit, undo shows in the widget --------------------------------


def test_height_edit_is_one_command_and_undo_updates_the_table(panel, document):
    model = panel.levels_model
    index = model.index(1, model.HEIGHT)  # ground floor
    assert model.setData(index, 6.0)
    assert document.undo_stack.count() == 1
    assert b1(document).levels[0].height_m == 6.0
    assert model.index(1, model.HEIGHT).data(Qt.ItemDataRole.EditRole) == 6.0
    document.undo_stack.undo()
    assert b1(document).levels[0].height_m == 5.5
    assert model.index(1, model.HEIGHT).data(Qt.ItemDataRole.EditRole) == 5.5
    document.undo_stack.redo()
    assert model.index(1, model.HEIGHT).data(Qt.ItemDataRole.EditRole) == 6.0


def test_access_load_and_nuisance_edits(panel, document):
    model = panel.levels_model
    assert model.setData(model.index(0, model.ACCESS), "ramp")
    assert model.setData(model.index(0, model.LOAD), None)
    assert model.setData(model.index(1, model.NUISANCE), "E")
    assert document.undo_stack.count() == 3
    upper, ground = b1(document).levels[1], b1(document).levels[0]
    assert upper.access == "ramp" and upper.load_kn_m2 is None
    # The regime goes on the activity (craft, shared services), not on housing.
    assert [a.nuisance for a in ground.uses] == ["E", "E"]
    # A value equal to the current one pushes nothing.
    assert not model.setData(model.index(0, model.ACCESS), "ramp")
    assert document.undo_stack.count() == 3


def test_stepping_the_height_editor_commits_once(panel, document):
    view, model = panel.levels_view, panel.levels_model
    panel.show()
    index = model.index(1, model.HEIGHT)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.viewport().findChild(QDoubleSpinBox)
    assert editor.value() == 5.5
    for _ in range(5):
        editor.stepUp()  # 5.6 … 6.0: shown, not committed
    assert b1(document).levels[0].height_m == 5.5
    assert document.undo_stack.count() == 0
    editor.commit()  # what an arrow's release, Enter or leaving the cell does
    editor.commit()  # the same value again pushes nothing
    assert b1(document).levels[0].height_m == pytest.approx(6.0)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert b1(document).levels[0].height_m == 5.5


def test_the_freight_lift_commits_the_typed_value_once(panel, document, qtbot):
    from PySide6.QtTest import QTest

    panel.show()
    qtbot.waitExposed(panel)
    spin = panel.freight_lift
    for value in (3500, 4000, 4500):
        spin.setValue(value)  # a value shown is not a value committed
    assert b1(document).freight_lift_kg == 3000.0
    assert document.undo_stack.count() == 0
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, "5000")
    assert document.undo_stack.count() == 0
    QTest.keyClick(spin, Qt.Key.Key_Return)
    assert b1(document).freight_lift_kg == 5000.0
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert spin.value() == 3000
    assert b1(document).freight_lift_kg == 3000.0


def test_checkbox_combo_and_name_edits_round_trip_through_undo(panel, document, qtbot):
    panel.show()
    panel.ramp.setFocus()
    qtbot.keyClick(panel.ramp, Qt.Key.Key_Space)  # the user's own toggle
    panel.roof.setCurrentIndex(panel.roof.findData("green"))
    panel.roof.activated.emit(panel.roof.currentIndex())
    panel.name_edit.setText("Atelier Sud")
    panel.name_edit.editingFinished.emit()
    building = b1(document)
    assert (building.ramp, building.roof, building.name) == (
        True,
        "green",
        "Atelier Sud",
    )
    assert document.undo_stack.count() == 3
    for _ in range(3):
        document.undo_stack.undo()
    assert not panel.ramp.isChecked()
    assert panel.roof.currentData() == "plain"
    assert panel.name_edit.text() == "Atelier Nord"


# --- levels: add, duplicate, remove, reorder ------------------------------------------


def test_level_buttons_each_push_one_command(panel, document, qtbot):
    buttons = panel.level_buttons
    panel._select_position(0)
    qtbot.mouseClick(buttons["duplicate"], Qt.MouseButton.LeftButton)
    assert len(b1(document).levels) == 3
    assert b1(document).levels[1] == b1(document).levels[0]
    assert panel.selected_position() == 1
    qtbot.mouseClick(buttons["add"], Qt.MouseButton.LeftButton)
    assert b1(document).levels[2].use_shares() == {"unassigned": 1.0}
    qtbot.mouseClick(buttons["up"], Qt.MouseButton.LeftButton)  # unassigned to the top
    assert b1(document).levels[3].use_shares() == {"unassigned": 1.0}
    qtbot.mouseClick(buttons["remove"], Qt.MouseButton.LeftButton)
    assert len(b1(document).levels) == 3
    assert document.undo_stack.count() == 4
    for _ in range(4):
        document.undo_stack.undo()
    assert b1(document) == replace_origin(workshop())
    assert panel.levels_model.rowCount() == 2


def replace_origin(building: Building) -> Building:
    from dataclasses import replace

    return replace(building, origin=building.id)


def test_the_last_level_cannot_be_removed(panel, document):
    from dataclasses import replace

    document.project.scenario("Plan A").buildings["b1"] = replace(
        b1(document), levels=b1(document).levels[:1]
    )
    document.set_selection([])
    document.set_selection(["b1"])
    assert not panel.level_buttons["remove"].isEnabled()


# --- the use mix ----------------------------------------------------------------------


def test_changing_one_share_rescales_the_others(panel, document):
    model = panel.uses_model  # ground floor: craft 0.8, shared services 0.2
    assert model.set_value(model.index(0, model.SHARE), 50.0)
    shares = b1(document).levels[0].use_shares()
    assert shares == pytest.approx({"craft": 0.5, "shared_services": 0.5})
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert model.index(0, model.SHARE).data(Qt.ItemDataRole.EditRole) == pytest.approx(
        80.0
    )


def test_add_and_remove_use(panel, document):
    model = panel.uses_model
    assert model.add_use()
    shares = b1(document).levels[0].use_shares()
    # the new use takes 1/3; craft and shared services keep their 4:1 ratio
    assert shares == pytest.approx(
        {"craft": 0.8 * 2 / 3, "shared_services": 0.2 * 2 / 3, "unassigned": 1 / 3}
    )
    assert model.rowCount() == 3
    assert model.set_value(model.index(2, model.USE), "retail")
    assert "retail" in b1(document).levels[0].use_shares()
    assert model.remove_use(0)
    # shared services 2/15 and retail 1/3 = 5/15 share the whole: 2/7 and 5/7
    assert b1(document).levels[0].use_shares() == pytest.approx(
        {"shared_services": 2 / 7, "retail": 5 / 7}
    )
    assert document.undo_stack.count() == 3


def test_stepping_a_share_commits_once(panel, document):
    view, model = panel.uses_view, panel.uses_model
    panel.show()
    index = model.index(0, model.SHARE)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.viewport().findChild(QDoubleSpinBox)
    editor.stepDown()
    editor.stepDown()  # 80 → 75 → 70 %
    assert document.undo_stack.count() == 0
    editor.commit()
    assert b1(document).levels[0].use_shares() == pytest.approx(
        {"craft": 0.7, "shared_services": 0.3}
    )
    assert document.undo_stack.count() == 1


def test_an_undo_from_elsewhere_updates_the_use_mix(panel, document):
    document.push(SetLevelUses("Plan A", "b1", 0, {"housing": 1.0}))
    assert panel.uses_model.rowCount() == 1
    assert panel.levels_model.index(1, LevelsTableModel.USES).data() == "Housing"
    document.undo_stack.undo()
    assert panel.uses_model.rowCount() == 2


# --- presets --------------------------------------------------------------------------


def test_a_preset_fills_levels_in_one_step(panel, document):
    assert panel.preset_button.apply("productive_base_housing")
    building = b1(document)
    assert document.undo_stack.count() == 1
    assert building.storeys_label == "R+5"
    assert building.levels[0].use_shares() == {"craft": 1.0}
    assert building.levels[0].height_m == 5.5
    assert all(lv.use_shares() == {"housing": 1.0} for lv in building.levels[1:])
    assert building.freight_lift_kg == 0.0  # the preset has no lift
    assert building.name == "Atelier Nord" and building.origin == "b1"
    assert panel.levels_model.rowCount() == 6
    assert "Apply preset" in document.undo_stack.undoText()
    document.undo_stack.undo()
    assert b1(document) == replace_origin(workshop())
    assert panel.levels_model.rowCount() == 2
    assert panel.freight_lift.value() == 3000


def test_preset_menu_lists_every_typology(panel, document):
    from mixplan.model.presets import PRESETS

    panel.preset_button._fill_menu()
    actions = panel.preset_button.menu().actions()
    assert [a.objectName() for a in actions] == [f"preset_{key}" for key in PRESETS]
    shed = next(a for a in actions if a.objectName() == "preset_single_storey_shed")
    assert shed.text() == "Single-storey shed"
    shed.trigger()
    assert document.undo_stack.count() == 1
    assert b1(document).storeys_label == "R+0"
    assert b1(document).levels[0].use_shares() == {"warehouse": 1.0}


# --- status against the baseline ------------------------------------------------------


def test_the_header_shows_status_and_follows_the_selection(panel, document):
    assert panel.status_label.text().startswith("Kept")
    assert "R+1" in panel.summary_label.text()
    document.set_selection([])
    assert panel.stack.currentIndex() == 0
    document.set_scenario("Existing")
    document.set_selection(["b1"])
    assert panel.status_label.text() == "Existing building"


def test_use_names_follow_the_language(panel):
    from PySide6.QtCore import QLocale

    model = panel.levels_model
    previous = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.French))
        text = model.index(1, LevelsTableModel.USES).data()
        # French: a narrow no-break space before the sign; English: none
        assert text == (
            "Artisanat de production 80\u202f% · Services mutualisés 20\u202f%"
        )
        QLocale.setDefault(QLocale(QLocale.Language.English))
        text = model.index(1, LevelsTableModel.USES).data()
        assert text == "Production craft 80% · Shared services 20%"
    finally:
        QLocale.setDefault(previous)


def test_arrow_keys_in_the_real_table_editor(panel, document, qtbot):
    panel.resize(480, 700)
    panel.show()
    qtbot.waitExposed(panel)
    view, model = panel.levels_view, panel.levels_model
    index = model.index(1, model.HEIGHT)  # ground floor, 5.5 m
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.viewport().findChild(QDoubleSpinBox)
    assert editor is not None and editor.value() == 5.5
    for _ in range(3):
        qtbot.keyClick(editor, Qt.Key.Key_Up)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert b1(document).levels[0].height_m == pytest.approx(5.8)
    # Each released arrow is a committed value; Enter adds nothing.
    assert document.undo_stack.count() == 3
    document.undo_stack.undo()
    assert model.index(1, model.HEIGHT).data() == "5.70"


def test_choosing_an_access_in_the_table_combo(panel, document, qtbot):
    from PySide6.QtWidgets import QComboBox

    panel.show()
    view, model = panel.levels_view, panel.levels_model
    index = model.index(0, model.ACCESS)  # upper floor: freight lift
    view.edit(index)
    combo = view.viewport().findChild(QComboBox)
    assert combo.currentData() == "freight_lift"
    combo.setCurrentIndex(combo.findData("ramp"))
    combo.activated.emit(combo.currentIndex())
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    assert b1(document).levels[1].access == "ramp"
    assert document.undo_stack.count() == 1


def test_a_multiple_selection_shows_the_first_building(panel, document):
    from dataclasses import replace

    scenario = document.project.scenario("Plan A")
    scenario.buildings["b2"] = replace(b1(document), id="b2", name="Annexe")
    document.set_selection(["b2", "b1"])
    assert panel.name_edit.text() == "Annexe"
    assert "2 selected: edits go to all of them" in panel.status_label.text()


def test_a_pending_rename_goes_to_the_building_it_was_typed_for(panel, document, qtbot):
    from dataclasses import replace

    scenario = document.project.scenario("Plan A")
    scenario.buildings["b2"] = replace(b1(document), id="b2", name="Annexe")
    panel.show()
    panel.name_edit.setFocus()
    qtbot.waitUntil(panel.name_edit.hasFocus)
    panel.name_edit.setText("Atelier Est")
    document.set_selection(["b2"])  # e.g. a keyboard shortcut: focus stays
    assert panel.name_edit.text() == "Annexe"
    assert b1(document).name == "Atelier Est"  # committed before switching
    panel.name_edit.editingFinished.emit()
    assert scenario.buildings["b2"].name == "Annexe"
    assert document.undo_stack.count() == 1


def test_rescaled_shares_always_make_a_valid_level():
    import random

    from mixplan.model import USES, Allocation
    from mixplan.ui.panels.use_mix import exact_sum, rescaled

    codes = [c for c in USES if c != "unassigned"]
    rng = random.Random(5)
    for _ in range(300):
        weights = [rng.uniform(0.01, 1.0) for _ in range(rng.randint(2, 8))]
        total = sum(weights)
        uses = list(
            exact_sum([Allocation(codes[i], w / total) for i, w in enumerate(weights)])
        )
        row = rng.randrange(len(uses))
        target = rng.choice([0.0, 1.0, rng.random()])
        level = Level(3.0, tuple(rescaled(uses, row, target)))  # valid or raises
        assert abs(level.uses[row].share - min(max(target, 0.001), 1.0)) < 0.01


def test_delete_in_the_levels_table_removes_the_level_not_the_building(
    panel, document, qtbot
):
    from PySide6.QtGui import QAction, QKeySequence

    # A window-wide Delete shortcut, as the main window has for buildings.
    deleted = []
    action = QAction(panel)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda: deleted.append(True))
    panel.addAction(action)
    panel.show()
    qtbot.waitExposed(panel)
    panel._select_position(1)
    panel.levels_view.setFocus()
    qtbot.waitUntil(panel.levels_view.hasFocus)
    qtbot.keyClick(panel.levels_view, Qt.Key.Key_Delete)
    assert deleted == []
    assert len(b1(document).levels) == 1
    assert document.undo_stack.count() == 1


def test_common_parts_checkbox_is_one_undo_step(panel, document, qtbot):
    """A click clears the R111-22 8° flag in one undo step; undo restores it."""
    box_ = panel.common_parts
    assert box_.objectName() == "common_parts" and box_.isChecked()
    panel.show()
    box_.setFocus()
    qtbot.keyClick(box_, Qt.Key.Key_Space)  # a real key press toggles it
    assert b1(document).common_parts is False and not box_.isChecked()
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert b1(document).common_parts is True and box_.isChecked()


@pytest.mark.parametrize(
    ("column", "value", "field"),
    [
        ("HEIGHT", 4.0, "height_m"),
        ("LOAD", 5.0, "load_kn_m2"),
        ("ACCESS", "freight_lift", "access"),
    ],
)
def test_a_selections_level_value_goes_to_those_without_it(
    panel, document, column, value, field
):
    # b1 is shown and its upper floor has the value already, as b3's: b2,
    # which lacks it, gets it, in one step; given again, nothing is pushed.
    from dataclasses import replace

    scenario = document.project.scenario("Plan A")
    upper = b1(document).levels[1]
    other = replace(upper, height_m=3.0, load_kn_m2=2.5, access="street")
    scenario.buildings["b2"] = replace(
        b1(document), id="b2", levels=(b1(document).levels[0], other)
    )
    scenario.buildings["b3"] = replace(b1(document), id="b3")
    document.set_selection(["b1", "b2", "b3"])
    model = panel.levels_model
    index = model.index(0, getattr(model, column))  # the upper floor
    assert model.setData(index, value)
    assert document.undo_stack.count() == 1
    for bid in ("b1", "b2", "b3"):
        assert getattr(scenario.buildings[bid].levels[1], field) == value, bid
    assert scenario.buildings["b1"].levels[1] is upper  # (had it: untouched)
    assert not model.setData(index, value)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert scenario.buildings["b2"].levels[1] == other
