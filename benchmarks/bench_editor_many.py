"""Edits of many buildings at once, measured on the real window (10,000 buildings).

``bench_editor_more.py`` edits one building or a box of a few thousand; this
one gives the whole selection of the 10,000-building varied park (Ctrl+A) a
preset from ``preset_button``'s menu, deletes it (Delete), undoes and redoes
it, then moves it with the move tool (M, a drag of 60 px on ``site_view``'s
viewport) and turns it with the rotate tool (T), and types a ground floor's
height for all in the inspector's levels table and adds a use to every ground
floor (the use mix's ``use_add`` button), undoing each: real key and
mouse events, 40 ms apart. Each operation runs through
:class:`bench_editor.Probe` (the longest gap of a 5 ms heartbeat on the GUI
thread is the longest main-thread stall, budget 100 ms) and is followed until
the engine is idle and 300 ms have been quiet.

Run: ``uv run python benchmarks/bench_editor_many.py [--buildings 10000]
[--only WORD ...]``.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_editor import STALL_BUDGET_MS, varied_window  # noqa: E402
from bench_editor_more import (  # noqa: E402
    CTRL,
    LEFT,
    NO_KEY,
    SHIFT,
    Step,
    Steps,
    StepsProbe,
    Until,
    User,
    add_only_argument,
    chosen,
    open_on_scenario,
)
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView, QWidget  # noqa: E402


def operations(window, user: User) -> list[tuple[str, list[Step]]]:  # type: ignore[no-untyped-def]
    document = window.document
    stack: dict[str, int] = {}
    key = user.plan_key

    def note() -> None:
        stack["index"] = document.undo_stack.index()

    def edited() -> Until:
        return Until(
            lambda: document.undo_stack.index() > stack["index"], "the edit", 120
        )

    def click_preset() -> None:
        button = user.child(QWidget, "preset_button")
        QTest.mouseClick(button, LEFT, NO_KEY, button.rect().center())

    def pick_in_popup() -> None:
        menu = QApplication.activePopupWidget()
        QTest.keyClick(menu, Qt.Key.Key_Down)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    def click_ground_height() -> None:
        # The shown building's ground floor, in the inspector's levels table.
        table = user.child(QTableView, "levels_table")
        model = table.model()
        building = document.scenario.buildings[model.building_id]
        index = model.index(model.row_of(building.basements), model.HEIGHT)
        QTest.mouseClick(
            table.viewport(), LEFT, NO_KEY, table.visualRect(index).center()
        )

    def click_add_use() -> None:
        # The use mix of the level chosen in the levels table (the ground
        # floor, clicked before): its "add use" button.
        button = user.child(QWidget, "use_add")
        QTest.mouseClick(button, LEFT, NO_KEY, button.rect().center())

    def drag(start: QPoint, delta: QPoint, moves: int = 5) -> list[Step]:
        viewport = user.viewport
        steps: list[Step] = [lambda: QTest.mousePress(viewport, LEFT, NO_KEY, start)]
        for k in range(1, moves + 1):
            point = start + QPoint(delta.x() * k // moves, delta.y() * k // moves)
            steps.append(lambda p=point: QTest.mouseMove(viewport, p))
        steps.append(lambda: QTest.mouseRelease(viewport, LEFT, NO_KEY, start + delta))
        return steps

    centre = user.viewport.rect().center()
    return [
        ("select all (Ctrl+A)", [key(Qt.Key.Key_A, CTRL)]),
        (
            "a preset for all (preset_button)",
            [
                note,
                click_preset,
                Until(lambda: QApplication.activePopupWidget() is not None, "menu"),
                pick_in_popup,
                edited(),
            ],
        ),
        ("undo the preset", [key(Qt.Key.Key_Z, CTRL)]),
        ("delete all (Delete)", [note, key(Qt.Key.Key_Delete), edited()]),
        ("undo the delete", [key(Qt.Key.Key_Z, CTRL)]),
        ("redo the delete", [key(Qt.Key.Key_Z, CTRL | SHIFT)]),
        ("undo it again", [key(Qt.Key.Key_Z, CTRL)]),
        ("select all again", [key(Qt.Key.Key_A, CTRL)]),
        (
            "move all (M, drag 60 px)",
            [key(Qt.Key.Key_M), note, *drag(centre, QPoint(60, 30)), edited()],
        ),
        ("undo the move", [key(Qt.Key.Key_Z, CTRL)]),
        (
            "rotate all (T, drag)",
            [
                key(Qt.Key.Key_T),
                note,
                *drag(centre + QPoint(100, 0), QPoint(0, 80)),
                edited(),
            ],
        ),
        ("undo the rotate", [key(Qt.Key.Key_Z, CTRL), key(Qt.Key.Key_S)]),
        (
            "a height for all (levels table)",
            [
                key(Qt.Key.Key_A, CTRL),
                note,
                click_ground_height,
                *user.type_keys("4.25"),
                lambda: QTest.keyClick(user.focus(), Qt.Key.Key_Return),
                edited(),
            ],
        ),
        ("undo the height", [key(Qt.Key.Key_Z, CTRL)]),
        (
            "a use added for all (use_add)",
            [key(Qt.Key.Key_A, CTRL), note, click_add_use, edited()],
        ),
        ("undo the use", [key(Qt.Key.Key_Z, CTRL)]),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buildings", type=int, default=10_000)
    add_only_argument(parser)
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="profile the GUI thread in each operation (cProfile) and print its N "
        "costliest functions (by cumulative time; the stalls are longer then)",
    )
    args = parser.parse_args()
    app, window, _folder, path = varied_window(args.buildings, "bench-editor-many-")
    window.activateWindow()
    steps = Steps()
    probe = StepsProbe(app, window, steps)
    user = User(window)
    open_on_scenario(probe, window, path)
    results: list[tuple[str, float, float, float, str]] = []
    for label, script in operations(window, user):
        if not chosen(label, args.only):
            continue
        # Every operation starts in the active window, as the user's does.
        whole: list[Step] = [
            window.activateWindow,
            Until(window.isActiveWindow, "the window active", timeout_s=5),
            *script,
        ]
        started = time.perf_counter()
        profile = cProfile.Profile() if args.profile else None
        if profile is not None:
            profile.enable()
        stall, _shown = probe.run(label, lambda s=whole: steps.start(s))
        if profile is not None:
            profile.disable()
            print(f"--- {label}: the GUI thread's costliest functions")
            pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)
        wall = time.perf_counter() - started
        failed = "; ".join(steps.failed)
        results.append((label, stall, probe.heartbeat.longest_gui * 1000, wall, failed))
    print("operation: longest stall (budget 100 ms), GUI CPU in it, wall until quiet")
    for label, stall, gui, wall, failed in results:
        done = f"  NOT DONE: {failed}" if failed else ""
        print(
            f"  {label:34s} {stall:5.0f} ms (GUI CPU {gui:5.0f} ms) wall "
            f"{wall:5.1f} s{done}"
        )
    over = [r for r in results if r[1] > STALL_BUDGET_MS]
    print(
        f"{len(over)} of {len(results)} operations over the "
        f"{STALL_BUDGET_MS:.0f} ms budget"
    )
    window.close()


if __name__ == "__main__":
    main()
