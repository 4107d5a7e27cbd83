"""Every other thing a user does in the editor, measured on the real window.

``bench_editor.py`` measures the budgets' operations (an edit, undo, a scenario
switch, the massing view, open, save). This one drives, on the same opened
10,000-building varied project (saved as a real project file, then opened with
``MainWindow.open_path``), what a user does besides, with real key and mouse
events through the window's contract names (DESIGN §12), in English and then in
French: select a building by clicking it on ``site_view``'s viewport; zoom in
and out with the wheel and pan with the middle button; type a height into
``levels_table`` (Enter); rename in ``building_name``; a preset from
``preset_button``'s menu; draw a building (``action_draw_building``, clicks, a
double click); open and close the attribute table, the rulebook, the guide, the
project settings, Suggest, the comparison; type into the findings' filter and
click a group to frame it; undo and redo from the history dock; start the
report's export (in its worker); select all (Ctrl+A) and clear (Esc), select
with a box, duplicate and delete it, undo both; draw a ground cover
(``action_draw_cover``); sort the attribute table by a floor area (a header
click); export the scenario as GeoJSON and as DXF (what File ▸ Export does
after its dialog); import a 10,000-building mixplan GeoJSON through the import
dialog (its path typed, Preview), and a 10,000-building DXF plan as mixplan
exports it (its layers mapped to uses, its origin typed, Preview); a new
scenario (Ctrl+Shift+N, its name typed) and back by a click in
``scenario_list``; switch the language (``action_lang_fr`` /
``action_lang_en``); and last, New (``action_new``).

Each operation runs through :class:`bench_editor.Probe` (5 ms heartbeat on the
GUI thread; the longest gap is the longest main-thread stall, budget 100 ms) and
is followed until the engine is idle and 300 ms have been quiet. The steps of
an operation (keys typed one at a time, clicks) are 40 ms apart, as a quick user.

Run: ``uv run python benchmarks/bench_editor_more.py [--buildings 10000]
[--project FILE] [--only WORD ...] [--lang en fr]``.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_editor import (  # noqa: E402
    STALL_BUDGET_MS,
    Probe,
    add_project_argument,
    varied_window,
)
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QAction, QWheelEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QDockWidget,
    QLineEdit,
    QListWidget,
    QTableView,
    QTreeView,
    QWidget,
)

STEP_MS = 40
#: The layers of a DXF written by mixplan, mapped back to uses.
DXF_LAYERS = (
    "MIXPLAN_PRODUCTIVE=warehouse,MIXPLAN_HOUSING=housing,MIXPLAN_TERTIARY=office,"
    "MIXPLAN_SHARED=housing,MIXPLAN_UNASSIGNED=housing"
)
NO_KEY = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton


@dataclass
class Until:
    """A step that waits (polling every 10 ms) until ``holds()``; ``what`` names
    it when it does not come before ``timeout_s``."""

    holds: Callable[[], bool]
    what: str
    timeout_s: float = 30.0


Step = Callable[[], object] | Until


class Steps:
    """Runs an operation's steps in the event loop, STEP_MS apart."""

    def __init__(self) -> None:
        self.pending = False
        self.failed: list[str] = []

    def start(self, steps: list[Step]) -> None:
        self.pending = True
        self.failed = []
        self._run(iter(steps))

    def _run(self, steps: Iterator[Step]) -> None:
        try:
            step = next(steps)
        except StopIteration:
            self.pending = False
            return
        if isinstance(step, Until):
            deadline = time.perf_counter() + step.timeout_s
            self._wait(step, deadline, steps)
            return
        # The next step is timed before this one runs: a step may open a menu,
        # whose own event loop runs until a later step closes it.
        QTimer.singleShot(STEP_MS, lambda: self.pending and self._run(steps))
        try:
            step()
        except Exception as exc:  # noqa: BLE001 - a benchmark reports and goes on
            self.failed.append(f"{type(exc).__name__}: {exc}")
            self.pending = False

    def _wait(self, step: Until, deadline: float, steps: Iterator[Step]) -> None:
        if step.holds():
            QTimer.singleShot(STEP_MS, lambda: self._run(steps))
        elif time.perf_counter() > deadline:
            self.failed.append(f"{step.what} did not come")
            self.pending = False
        else:
            QTimer.singleShot(10, lambda: self._wait(step, deadline, steps))


class StepsProbe(Probe):
    """bench_editor's probe, also waiting for an operation's steps to end."""

    def __init__(self, app: QApplication, window, steps: Steps, watch=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app, window, watch)
        self.steps = steps

    def idle(self) -> bool:
        return not self.steps.pending and super().idle()


class User:
    """Real events on the window, found through its object names."""

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        self.window = window

    def child(self, kind: type, name: str):  # type: ignore[no-untyped-def]
        found = self.window.findChild(kind, name)
        if found is None:
            raise LookupError(f"no {kind.__name__} {name!r}")
        return found

    def action(self, name: str) -> QAction:
        return self.child(QAction, name)

    @property
    def viewport(self) -> QWidget:
        return self.window.site_view.viewport()

    def view_point(self, x: float, y: float) -> QPoint:
        view = self.window.site_view
        return view.mapFromScene(view.site_scene.frame.to_scene(x, y))

    def shortcut(self, key: Qt.Key, modifiers=NO_KEY) -> list[Step]:  # type: ignore[no-untyped-def]
        """A window shortcut: it reaches the window once it is active again
        (a closed dialog gives the activation back a turn later)."""
        return [
            self.window.activateWindow,
            Until(self.window.isActiveWindow, "the window active", timeout_s=5),
            lambda: QTest.keyClick(self.window, key, modifiers),
        ]

    def wheel(self, steps: int) -> Callable[[], None]:
        def turn() -> None:
            centre = self.viewport.rect().center()
            event = QWheelEvent(
                QPointF(centre),
                QPointF(self.viewport.mapToGlobal(centre)),
                QPoint(),
                QPoint(0, 120 * steps),
                Qt.MouseButton.NoButton,
                NO_KEY,
                Qt.ScrollPhase.NoScrollPhase,
                False,
            )
            QApplication.sendEvent(self.viewport, event)

        return turn

    def plan_key(self, key: Qt.Key, modifiers=NO_KEY) -> Callable[[], None]:  # type: ignore[no-untyped-def]
        """A key pressed with the focus in the plan (``site_view``)."""
        view = self.window.site_view

        def press() -> None:
            view.setFocus()
            QTest.keyClick(view, key, modifiers)

        return press

    def type_keys(self, text: str) -> list[Step]:
        """One key a step, each to whatever has the focus then."""
        return [lambda c=char: QTest.keyClicks(self.focus(), c) for char in text]

    def focus(self) -> QWidget:
        focused = QApplication.focusWidget()
        if focused is None:
            raise LookupError("nothing has the keyboard focus")
        return focused

    def key_to_focus(self, key: Qt.Key, modifiers=NO_KEY) -> Callable[[], None]:  # type: ignore[no-untyped-def]
        return lambda: QTest.keyClick(self.focus(), key, modifiers)

    def click_cell(self, view: QTableView | QTreeView, row: int, column: int) -> None:
        index = view.model().index(row, column)
        view.scrollTo(index)
        QTest.mouseClick(view.viewport(), LEFT, NO_KEY, view.visualRect(index).center())

    def top_dialog(self, name: str) -> QWidget | None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == name and widget.isVisible():
                return widget
        return None

    def escape_dialog(self, name: str) -> Callable[[], None]:
        def escape() -> None:
            dialog = self.top_dialog(name)
            if dialog is None:
                raise LookupError(f"no dialog {name!r} shown")
            QTest.keyClick(dialog, Qt.Key.Key_Escape)

        return escape


def open_on_scenario(probe: StepsProbe, window, path: Path) -> None:  # type: ignore[no-untyped-def]
    """The project opened as File ▸ Open does, then its scenario "Scenario"
    shown, each measured (as the benchmarks' first two lines)."""
    probe.run(
        "(open the project)",
        lambda: window.open_path(path, ask_to_save=False),
        ready=lambda: window.document.path == path and not window.file_busy(),
    )
    window.document.set_scenario("Scenario")
    probe.run("(switch to Scenario)", lambda: None)


def operations(
    window, user: User, folder: Path, lang: str
) -> list[tuple[str, list[Step]]]:  # type: ignore[no-untyped-def]
    """Each operation a user does: (label, steps)."""
    document = window.document
    view = window.site_view

    def some_building_id() -> str:
        # A building in the middle of the park: the user clicks what they see.
        buildings = list(document.scenario.buildings.values())
        return buildings[len(buildings) // 2].id

    target: dict[str, str] = {}
    stack: dict[str, int] = {}

    def note_edits() -> None:
        stack["count"] = document.undo_stack.count()

    def one_more_edit() -> Until:
        return Until(
            lambda: document.undo_stack.count() > stack["count"], "the edit (undo step)"
        )

    def click_building() -> None:
        bid = target["id"] = some_building_id()
        point = document.scenario.buildings[bid].footprint.representative_point()
        QTest.mouseClick(user.viewport, LEFT, NO_KEY, user.view_point(point.x, point.y))

    def selected() -> bool:
        return bool(document.selection)

    def levels() -> QTableView:
        return user.child(QTableView, "levels_table")

    def click_ground_height() -> None:
        table = levels()
        from mixplan.ui.panels.levels import LevelsTableModel

        table.setFocus()
        user.click_cell(table, table.model().rowCount() - 1, LevelsTableModel.HEIGHT)

    def click_name() -> None:
        name = user.child(QLineEdit, "building_name")
        QTest.mouseClick(name, LEFT, NO_KEY, name.rect().center())
        QTest.keyClick(name, Qt.Key.Key_A, CTRL)

    def click_preset() -> None:
        button = user.child(QWidget, "preset_button")
        QTest.mouseClick(button, LEFT, NO_KEY, button.rect().center())

    def in_popup() -> bool:
        return QApplication.activePopupWidget() is not None

    def pick_in_popup() -> None:
        menu = QApplication.activePopupWidget()
        QTest.keyClick(menu, Qt.Key.Key_Down)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    def middle_drag() -> None:
        start = user.viewport.rect().center()
        QTest.mousePress(user.viewport, Qt.MouseButton.MiddleButton, NO_KEY, start)
        for step in range(1, 5):
            QTest.mouseMove(user.viewport, start + QPoint(20 * step, 10 * step))
        QTest.mouseRelease(
            user.viewport, Qt.MouseButton.MiddleButton, NO_KEY, start + QPoint(80, 40)
        )

    drawn: dict[str, int] = {}

    def start_drawing() -> None:
        drawn["count"] = len(document.scenario.buildings)
        view.setFocus()
        QTest.keyClick(view, Qt.Key.Key_B)  # action_draw_building's shortcut

    def corner(dx: int, dy: int) -> Callable[[], None]:
        def click() -> None:
            point = QPoint(40 + dx, 40 + dy)
            QTest.mouseClick(user.viewport, LEFT, NO_KEY, point)

        return click

    def close_polygon() -> None:
        QTest.mouseDClick(user.viewport, LEFT, NO_KEY, QPoint(40, 100))

    def back_to_select() -> None:
        view.setFocus()
        QTest.keyClick(view, Qt.Key.Key_S)

    def dock_shown(name: str) -> Callable[[], bool]:
        return lambda: user.child(QDockWidget, name).isVisible()

    def close_dock(name: str) -> Callable[[], None]:
        return lambda: user.child(QDockWidget, name).close()

    def dialog_shown(name: str) -> Callable[[], bool]:
        return lambda: user.top_dialog(name) is not None

    def dialog_gone(name: str) -> Callable[[], bool]:
        return lambda: user.top_dialog(name) is None

    def trigger(name: str) -> Callable[[], None]:
        return lambda: user.action(name).trigger()

    def click_button(dialog: str, name: str) -> Callable[[], None]:
        def click() -> None:
            shown = user.top_dialog(dialog)
            if shown is None:
                raise LookupError(f"no dialog {dialog!r} shown")
            button = shown.findChild(QWidget, name)
            QTest.mouseClick(button, LEFT, NO_KEY, button.rect().center())

        return click

    def compare_shown() -> bool:
        compare = window.compare_view
        return compare is not None and compare.isVisible()

    def close_compare() -> None:
        QTest.keyClick(window.compare_view, Qt.Key.Key_Escape)
        if window.compare_view.isVisible():
            window.compare_view.close()

    def filter_findings() -> None:
        search = user.child(QLineEdit, "findings_search")
        user.child(QDockWidget, "dock_findings").raise_()
        QTest.mouseClick(search, LEFT, NO_KEY, search.rect().center())

    def clear_filter() -> None:
        search = user.child(QLineEdit, "findings_search")
        QTest.keyClick(search, Qt.Key.Key_A, CTRL)
        QTest.keyClick(search, Qt.Key.Key_Backspace)

    def findings_filtered(text: str) -> Callable[[], bool]:
        panel = window.panel("dock_findings")
        return lambda: panel.model.text_filter == text

    def click_group() -> None:
        tree = user.child(QTreeView, "findings_tree")
        rows = window.panel("dock_findings").group_rows()
        if not rows:
            raise LookupError("no findings group")
        index = rows[0]
        tree.scrollTo(index)
        QTest.mouseClick(tree.viewport(), LEFT, NO_KEY, tree.visualRect(index).center())

    def show_history() -> None:
        dock = user.child(QDockWidget, "dock_history")
        dock.show()
        dock.raise_()

    def click_history(row_from_end: int) -> Callable[[], None]:
        def click() -> None:
            history = user.child(QWidget, "history_view")
            model = history.model()
            user.click_cell(history, model.rowCount() - 1 - row_from_end, 0)

        return click

    def report_path() -> None:
        dialog = user.top_dialog("report_export_dialog")
        if dialog is None:
            raise LookupError("no report dialog")
        path = dialog.findChild(QLineEdit, "report_path")
        path.setFocus()
        QTest.keyClick(path, Qt.Key.Key_A, CTRL)
        QTest.keyClicks(path, str(folder / f"report-{lang}.pdf"))

    def report_done() -> bool:
        dialog = user.top_dialog("report_export_dialog")
        return dialog is None or not dialog.running()

    def close_report() -> None:
        dialog = user.top_dialog("report_export_dialog")
        if dialog is not None:
            QTest.keyClick(dialog, Qt.Key.Key_Escape)

    def help_shown() -> bool:
        return user.top_dialog("help_window") is not None

    plan_key = user.plan_key

    def all_selected() -> bool:
        return len(document.selection) == len(document.scenario.buildings)

    def box_select() -> None:
        # A drag over a sixth of the plan's width, from empty ground.
        area = user.viewport.rect()
        start = QPoint(area.width() // 3, area.height() // 3)
        end = QPoint(area.width() // 2, area.height() // 2)
        QTest.mousePress(user.viewport, LEFT, NO_KEY, start)
        for step in range(1, 6):
            QTest.mouseMove(user.viewport, start + (end - start) * step / 5)
        QTest.mouseRelease(user.viewport, LEFT, NO_KEY, end)

    undo: dict[str, int] = {}

    def note_index() -> None:
        undo["index"] = document.undo_stack.index()

    def undone() -> Until:
        return Until(lambda: document.undo_stack.index() < undo["index"], "the undo")

    covers: dict[str, int] = {}

    def start_cover() -> None:
        covers["count"] = len(document.scenario.cover)
        plan_key(Qt.Key.Key_C)()  # action_draw_cover's shortcut

    def answer_prompt(text: str) -> Callable[[], None]:
        """Types ``text`` into the text prompt that the next step opens."""

        def answer() -> None:
            prompt = QApplication.activeModalWidget()
            if prompt is None:
                QTimer.singleShot(10, answer)
                return
            field = prompt.findChild(QLineEdit)
            QTest.keyClick(field, Qt.Key.Key_A, CTRL)
            QTest.keyClicks(field, text)
            QTest.keyClick(field, Qt.Key.Key_Return)

        return lambda: QTimer.singleShot(10, answer)

    def click_scenario(name: str) -> Callable[[], None]:
        def click() -> None:
            scenarios = user.child(QListWidget, "scenario_list")
            item = scenarios.findItems(name, Qt.MatchFlag.MatchStartsWith)[0]
            QTest.mouseClick(
                scenarios.viewport(),
                LEFT,
                NO_KEY,
                scenarios.visualItemRect(item).center(),
            )

        return click

    def sort_by_floor_area() -> None:
        table = user.child(QTableView, "attribute_table")
        header = table.horizontalHeader()
        column = 5  # housing floor area: every building measured for it
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        QTest.mouseClick(
            header.viewport(), LEFT, NO_KEY, QPoint(x, header.height() // 2)
        )

    def table_sorted() -> bool:
        # (the floor areas are measured off the GUI thread, the rows sorted
        # when they come)
        model = window.panel("dock_attribute_table").model
        return not getattr(model, "sorting", False)

    exported = folder / f"scenario-{lang}.geojson"

    def export_scenario() -> None:
        # What File ▸ Export does after its (native) file dialog.
        window.export_to(exported)

    def export_dxf() -> None:
        window.export_to(exported.with_suffix(".dxf"))

    # A 10,000-building mixplan GeoJSON to import (written now, not measured):
    # the scenario's buildings under new ids (no clash with the scenario's own).
    to_import = folder / f"import-{lang}.geojson"
    if not to_import.exists():
        from dataclasses import replace

        from mixplan.model import Project
        from mixplan.store.geojson import write_geojson

        source = Project.new("to import", document.project.crs)
        for building in document.scenario.buildings.values():
            new_id = f"i{building.id}"
            source.baseline.buildings[new_id] = replace(
                building, id=new_id, origin=None
            )
        write_geojson(source, source.baseline.name, to_import)

    # A 10,000-building DXF plan, as mixplan exports it (written once, not
    # measured), imported with its layers mapped to uses and its origin kept.
    # (Written by a child process, as the editor's export does: written here,
    # ezdxf's 10^5 objects referring to each other were left for the
    # collector, whose full pass then fell in a measured operation: the live
    # engine's thread held the GIL 0.55 s in "type a height".)
    plan_dxf = folder / "import-plan.dxf"
    if not plan_dxf.exists():
        from mixplan.store.dxf_export import write_dxf_apart

        write_dxf_apart(document.project, document.scenario.name, plan_dxf)

    def type_into(name: str, text: str, enter: bool = False) -> Callable[[], None]:
        def typed() -> None:
            dialog = user.top_dialog("import_dialog")
            if dialog is None:
                raise LookupError("no import dialog")
            edit = dialog.findChild(QLineEdit, name)
            edit.setFocus()
            QTest.keyClicks(edit, text)
            if enter:
                QTest.keyClick(edit, Qt.Key.Key_Return)  # the file is looked at

        return typed

    import_path = type_into("import_path", str(to_import), enter=True)

    def import_dialog_text(name: str) -> str:
        dialog = user.top_dialog("import_dialog")
        if dialog is None:
            return ""
        widget = dialog.findChild(QWidget, name)
        return widget.text() if hasattr(widget, "text") else widget.toPlainText()

    def import_inspected() -> bool:
        text = import_dialog_text("import_format")
        return bool(text) and not text.startswith(("Reading", "Lecture"))

    #: when Preview was clicked, then when the plan showed
    preview_clock: list[float] = []

    def click_preview() -> None:
        preview_clock[:] = [time.perf_counter()]
        click_button("import_dialog", "import_preview_button")()

    def import_previewed() -> bool:
        dialog = user.top_dialog("import_dialog")
        done = dialog is not None and not dialog.busy and dialog.plan is not None
        if done and len(preview_clock) == 1:
            preview_clock.append(time.perf_counter())
            took = (preview_clock[1] - preview_clock[0]) * 1000
            print(f"    (the plan showed {took:.0f} ms after Preview)", flush=True)
        return done

    return [
        (
            "select a building (click)",
            [click_building, Until(selected, "a selection")],
        ),
        ("zoom to selection (Ctrl+2)", user.shortcut(Qt.Key.Key_2, CTRL)),
        ("wheel zoom in ×3", [user.wheel(1), user.wheel(1), user.wheel(1)]),
        ("wheel zoom out ×3", [user.wheel(-1), user.wheel(-1), user.wheel(-1)]),
        ("pan (middle drag)", [middle_drag]),
        (
            "levels_table: type a height",
            [
                click_building,
                Until(selected, "a selection"),
                note_edits,
                click_ground_height,
                # the user's decimal separator; another value than the other
                # language's run (the same building: no change, no undo step)
                *user.type_keys("4.5" if lang == "en" else "5,5"),
                user.key_to_focus(Qt.Key.Key_Return),
                one_more_edit(),
            ],
        ),
        (
            "building_name: rename",
            [
                note_edits,
                click_name,
                *user.type_keys("Hall A" if lang == "en" else "Halle B"),
                user.key_to_focus(Qt.Key.Key_Return),
                one_more_edit(),
            ],
        ),
        (
            "preset_button: a preset",
            [
                click_building,
                Until(selected, "a selection"),
                note_edits,
                click_preset,
                Until(in_popup, "the preset menu"),
                pick_in_popup,
                one_more_edit(),
            ],
        ),
        (
            "draw a building",
            [
                start_drawing,
                corner(0, 0),
                corner(60, 0),
                corner(60, 60),
                close_polygon,
                Until(
                    lambda: len(document.scenario.buildings) > drawn["count"],
                    "the new building",
                ),
                back_to_select,
            ],
        ),
        ("undo (Ctrl+Z)", user.shortcut(Qt.Key.Key_Z, CTRL)),
        (
            "attribute table open",
            [
                *user.shortcut(Qt.Key.Key_T, CTRL | SHIFT),
                Until(dock_shown("dock_attribute_table"), "the attribute table"),
            ],
        ),
        ("attribute table close", [close_dock("dock_attribute_table")]),
        (
            "rules dialog open+close",
            [
                trigger("action_rules"),
                Until(dialog_shown("rulebook_dialog"), "the rulebook"),
                user.escape_dialog("rulebook_dialog"),
                Until(dialog_gone("rulebook_dialog"), "the rulebook closed"),
            ],
        ),
        (
            "help open+close (F1)",
            [
                *user.shortcut(Qt.Key.Key_F1),
                Until(help_shown, "the guide"),
                user.escape_dialog("help_window"),
                Until(dialog_gone("help_window"), "the guide closed"),
            ],
        ),
        (
            "project settings open+close",
            [
                trigger("action_project_settings"),
                Until(dialog_shown("project_settings_dialog"), "the settings"),
                user.escape_dialog("project_settings_dialog"),
                Until(dialog_gone("project_settings_dialog"), "the settings closed"),
            ],
        ),
        (
            "suggest dialog open+close",
            [
                *user.shortcut(Qt.Key.Key_G, CTRL | SHIFT),
                Until(dialog_shown("suggest_dialog"), "Suggest"),
                click_button("suggest_dialog", "suggest_close"),
                Until(dialog_gone("suggest_dialog"), "Suggest closed"),
            ],
        ),
        (
            "compare open (Ctrl+K)",
            [
                *user.shortcut(Qt.Key.Key_K, CTRL),
                Until(compare_shown, "the comparison"),
            ],
        ),
        ("compare close", [close_compare]),
        (
            "findings: type a filter",
            [
                filter_findings,
                *user.type_keys("b12"),
                Until(findings_filtered("b12"), "the filter"),
            ],
        ),
        (
            "findings: clear the filter",
            [clear_filter, Until(findings_filtered(""), "no filter")],
        ),
        ("findings: click a group", [click_group]),
        (
            "history: click 2 back, then last",
            [
                show_history,
                click_history(2),
                click_history(0),
                close_dock("dock_history"),
            ],
        ),
        (
            "report export (worker)",
            [
                *user.shortcut(Qt.Key.Key_P, CTRL | SHIFT),
                Until(dialog_shown("report_export_dialog"), "the report dialog"),
                report_path,
                click_button("report_export_dialog", "report_export"),
                Until(report_done, "the report", timeout_s=120),
                close_report,
            ],
        ),
        (
            "select all (Ctrl+A)",
            [plan_key(Qt.Key.Key_A, CTRL), Until(all_selected, "all")],
        ),
        (
            "clear the selection (Esc)",
            [plan_key(Qt.Key.Key_Escape), Until(lambda: not selected(), "none")],
        ),
        ("select with a box (drag)", [box_select, Until(selected, "a selection")]),
        (
            "duplicate the box (Ctrl+D)",
            [note_edits, plan_key(Qt.Key.Key_D, CTRL), one_more_edit()],
        ),
        (
            "delete them (Delete)",
            [note_edits, plan_key(Qt.Key.Key_Delete), one_more_edit()],
        ),
        ("undo the delete", [note_index, plan_key(Qt.Key.Key_Z, CTRL), undone()]),
        ("undo the duplicate", [note_index, plan_key(Qt.Key.Key_Z, CTRL), undone()]),
        (
            "draw a ground cover (C)",
            [
                start_cover,
                corner(200, 0),
                corner(260, 0),
                corner(260, 50),
                lambda: QTest.mouseDClick(user.viewport, LEFT, NO_KEY, QPoint(240, 90)),
                Until(
                    lambda: len(document.scenario.cover) > covers["count"],
                    "the new ground cover",
                ),
                back_to_select,
            ],
        ),
        (
            "attribute table: sort by floor area (header click)",
            [
                *user.shortcut(Qt.Key.Key_T, CTRL | SHIFT),
                Until(dock_shown("dock_attribute_table"), "the attribute table"),
                sort_by_floor_area,
                Until(table_sorted, "the rows sorted"),
                close_dock("dock_attribute_table"),
            ],
        ),
        (
            "export the scenario (GeoJSON, worker)",
            [export_scenario, Until(lambda: not window.export_busy(), "the export")],
        ),
        (
            "export the scenario (DXF, worker)",
            [
                export_dxf,
                Until(lambda: not window.export_busy(), "the export", timeout_s=120),
            ],
        ),
        (
            "import a mixplan GeoJSON (dialog, preview)",
            [
                *user.shortcut(Qt.Key.Key_I, CTRL),
                Until(dialog_shown("import_dialog"), "the import dialog"),
                import_path,
                Until(import_inspected, "the file looked at"),
                click_preview,
                Until(import_previewed, "the preview", timeout_s=120),
                user.escape_dialog("import_dialog"),
                Until(dialog_gone("import_dialog"), "the dialog closed"),
            ],
        ),
        (
            "import a DXF plan (dialog, preview)",
            [
                *user.shortcut(Qt.Key.Key_I, CTRL),
                Until(dialog_shown("import_dialog"), "the import dialog"),
                type_into("import_path", str(plan_dxf), enter=True),
                Until(import_inspected, "the file looked at", timeout_s=120),
                type_into("import_layer_map", DXF_LAYERS),
                type_into("import_origin", "0,0"),
                click_preview,
                Until(import_previewed, "the preview", timeout_s=120),
                user.escape_dialog("import_dialog"),
                Until(dialog_gone("import_dialog"), "the dialog closed"),
            ],
        ),
        (
            "new scenario (Ctrl+Shift+N)",
            [
                answer_prompt(f"Variante {lang}"),
                *user.shortcut(Qt.Key.Key_N, CTRL | SHIFT),
                Until(lambda: document.current_scenario == f"Variante {lang}", "it"),
            ],
        ),
        (
            "switch scenario (list click)",
            [
                click_scenario("Scenario"),
                Until(lambda: document.current_scenario == "Scenario", "the switch"),
            ],
        ),
    ]


def add_only_argument(parser: argparse.ArgumentParser) -> None:
    """``--only WORD ...``, read by :func:`chosen`."""
    parser.add_argument(
        "--only",
        nargs="*",
        default=[],
        help="only the operations whose label has a word",
    )


def chosen(label: str, words: list[str]) -> bool:
    """Whether an operation runs: no ``--only`` words, or its label has one."""
    return not words or any(word in label for word in words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buildings", type=int, default=10_000)
    add_project_argument(parser)
    add_only_argument(parser)
    parser.add_argument("--lang", nargs="*", default=["en", "fr"])
    parser.add_argument(
        "--watch",
        action="store_true",
        help="a watcher process looks at every thread's state in stalls over 60 ms "
        "(benchmarks/stall_watch.py)",
    )
    parser.add_argument(
        "--py-spy",
        action="store_true",
        help="with --watch, also every thread's Python and native stack (py-spy "
        "dump --native: it stops the process while it reads, the stall grows)",
    )
    args = parser.parse_args()

    app, window, folder, path = varied_window(
        args.buildings, "bench-editor-more-", args.project
    )
    window.activateWindow()
    steps = Steps()
    watch = None
    if args.watch or args.py_spy:
        from stall_watch import Watch

        watch = Watch(py_spy=args.py_spy)
    probe = StepsProbe(app, window, steps, watch)
    user = User(window)
    #: (label, longest stall ms, GUI CPU ms in it, other threads' CPU in it,
    #: what did not come)
    results: list[tuple[str, float, float, str, str]] = []

    def record(label: str, script: list[Step]) -> None:
        # Every operation starts in the active window, as the user's does.
        activate = [
            window.activateWindow,
            Until(window.isActiveWindow, "the window active", timeout_s=5),
        ]
        stall, _shown = probe.run(label, lambda: steps.start(activate + script))
        failed = "; ".join(steps.failed)
        if failed:
            print(f"    NOT DONE: {failed}", flush=True)
        beat = probe.heartbeat
        results.append(
            (label, stall, beat.longest_gui * 1000, beat.others_text(), failed)
        )

    print("operation (each followed until the engine is idle and 300 ms are quiet)")
    open_on_scenario(probe, window, path)

    for lang in args.lang:
        if lang != "en":
            record(
                f"[{lang}] language switch",
                [user.action(f"action_lang_{lang}").trigger],
            )
        for label, script in operations(window, user, folder, lang):
            if chosen(label, args.only):
                record(f"[{lang}] {label}", script)
        if lang != "en":
            record(f"[{lang}] back to English", [user.action("action_lang_en").trigger])
    if chosen("new", args.only):
        record(
            "new project (Ctrl+N, Escape)",
            [
                *user.shortcut(Qt.Key.Key_N, CTRL),
                lambda: None,
                user.escape_dialog("project_settings_dialog"),
            ],
        )

    worst = max(results, key=lambda r: r[1])
    over = sorted((r for r in results if r[1] > STALL_BUDGET_MS), key=lambda r: -r[1])
    print(
        f"longest main-thread stall {worst[1]:.0f} ms in {worst[0]!r} (budget "
        f"{STALL_BUDGET_MS:.0f} ms, ratio {worst[1] / STALL_BUDGET_MS:.2f}); "
        f"{len(over)} of {len(results)} operations over budget (on a loaded "
        "machine compare the GUI thread's CPU in the gap: the rest is waiting "
        "for a CPU)"
        + "".join(
            f"\n  {label:40s} {stall:6.0f} ms (GUI CPU {gui:4.0f} ms; other "
            f"threads {others})"
            for label, stall, gui, others, _f in over
        )
    )
    undone = [r[0] for r in results if r[4]]
    if undone:
        print(f"NOT DONE: {', '.join(undone)}")
    window.close()
    if watch is not None:
        watch.close()


if __name__ == "__main__":
    main()
