"""The phasing dock and Suggest on a 10,000-building varied park, real events.

On the project ``bench_editor_more.py`` opens (saved, then opened with
``MainWindow.open_path``; the scenario current), with its Steps, Probe and
User: show the phasing dock (its View toggle action), click ``phasing_add_phase``
(the plan gets a phase, the dock recomputes), undo it (Ctrl+Z), hide the dock;
open Suggest (``action_suggest``), click ``suggest_run`` and follow it until it
is enabled again (the suggestion written, ~35 s of wall time at 10,000
buildings); then run it again and click ``suggest_cancel`` while it works; close
the dialog. Each operation prints its longest GUI-thread stall (budget 100 ms)
and the GUI thread's CPU in it, as bench_editor_more does.

Run: ``uv run python benchmarks/bench_editor_phasing.py [--buildings 10000]
[--only WORD ...] [--watch [--py-spy]]``.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import bench_editor_more as more  # noqa: E402
from bench_editor import STALL_BUDGET_MS, varied_window  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QDockWidget, QPushButton, QWidget  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buildings", type=int, default=10_000)
    more.add_only_argument(parser)
    parser.add_argument("--watch", action="store_true")
    parser.add_argument("--py-spy", action="store_true")
    args = parser.parse_args()

    app, window, _folder, path = varied_window(args.buildings, "bench-phasing-")
    window.activateWindow()
    steps = more.Steps()
    watch = None
    if args.watch or args.py_spy:
        from stall_watch import Watch

        watch = Watch(py_spy=args.py_spy)
    probe = more.StepsProbe(app, window, steps, watch)
    user = more.User(window)
    more.open_on_scenario(probe, window, path)
    document = window.document

    def dock() -> QDockWidget:
        return user.child(QDockWidget, "dock_phasing")

    def click(find):  # type: ignore[no-untyped-def]
        def step() -> None:
            button = find()
            QTest.mouseClick(
                button,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
                button.rect().center(),
            )

        return step

    def in_dialog(name: str):  # type: ignore[no-untyped-def]
        return lambda: user.top_dialog("suggest_dialog").findChild(QWidget, name)

    def run_enabled() -> bool:
        dialog = user.top_dialog("suggest_dialog")
        return (
            dialog is not None
            and dialog.findChild(QPushButton, "suggest_run").isEnabled()
        )

    def phasing_idle() -> bool:
        panel = window.findChild(QWidget, "phasing_panel")
        return not getattr(panel, "busy", lambda: False)()

    phases = {}
    operations = [
        (
            "phasing dock shown",
            [
                dock().toggleViewAction().trigger,
                more.Until(lambda: dock().isVisible(), "the dock shown"),
                more.Until(phasing_idle, "the phasing shown", timeout_s=120),
            ],
        ),
        (
            "phasing: add a phase",
            [
                lambda: phases.update(n=len(document.project.phases)),
                click(lambda: window.findChild(QWidget, "phasing_add_phase")),
                more.Until(
                    lambda: len(document.project.phases) == phases["n"] + 1,
                    "the phase added",
                ),
                more.Until(phasing_idle, "the phasing shown", timeout_s=120),
            ],
        ),
        (
            "phasing: undo the phase",
            [
                *user.shortcut(Qt.Key.Key_Z, more.CTRL),
                more.Until(
                    lambda: len(document.project.phases) == phases["n"], "undone"
                ),
                more.Until(phasing_idle, "the phasing shown", timeout_s=120),
            ],
        ),
        ("phasing dock hidden", [dock().toggleViewAction().trigger]),
        (
            "suggest: run",
            [
                user.action("action_suggest").trigger,
                more.Until(
                    lambda: user.top_dialog("suggest_dialog") is not None, "dialog"
                ),
                click(in_dialog("suggest_run")),
                more.Until(lambda: not run_enabled(), "running"),
                more.Until(run_enabled, "the suggestion written", timeout_s=600),
            ],
        ),
        (
            "suggest: run and cancel",
            [
                click(in_dialog("suggest_run")),
                more.Until(lambda: not run_enabled(), "running"),
                lambda: None,
                lambda: None,
                click(in_dialog("suggest_cancel")),
                more.Until(run_enabled, "cancelled", timeout_s=60),
            ],
        ),
        (
            "suggest: close",
            [
                click(in_dialog("suggest_close")),
                more.Until(lambda: user.top_dialog("suggest_dialog") is None, "closed"),
            ],
        ),
    ]
    results = []
    for label, script in operations:
        if not more.chosen(label, args.only):
            continue
        activate = [
            window.activateWindow,
            more.Until(window.isActiveWindow, "the window active", timeout_s=5),
        ]
        start = time.perf_counter()
        stall, _shown = probe.run(
            label, lambda s=activate + script: steps.start(s), timeout_s=900
        )
        wall = time.perf_counter() - start
        beat = probe.heartbeat
        failed = "; ".join(steps.failed)
        if failed:
            print(f"    NOT DONE: {failed}", flush=True)
        results.append((label, stall, beat.longest_gui * 1000, wall))
    print(f"operation: longest stall (budget {STALL_BUDGET_MS:.0f} ms), GUI CPU in it")
    for label, stall, gui, wall in results:
        print(
            f"  {label:28s} {stall:6.0f} ms (GUI CPU {gui:5.0f} ms) wall {wall:5.1f} s"
        )
    window.close()
    if watch is not None:
        watch.close()


if __name__ == "__main__":
    main()
