"""Entry point of the frozen app: the ``mixplan`` command, as ``python -m mixplan``.

Two things only a frozen app needs happen here, before the command line runs:

- a windowed Windows executable has no console, so ``sys.stdout``/``sys.stderr`` are
  ``None`` and any ``write`` would raise; they go to the null device instead (the
  console twin ``mixplan-cli`` is the one to use for output);
- ``MIXPLAN_STARTUP_PROBE=FILE`` measures start-up: when the window named
  ``MainWindow`` is first shown, the wall-clock time and the window title are
  written to FILE and the app quits. ``packaging/build.sh`` uses it to time the
  start to the first window. With ``MIXPLAN_STARTUP_SCREENSHOT=PNG`` as well, the
  window is saved to PNG 1.5 s after it shows (to look at what a build draws).
"""

from __future__ import annotations

import os
import sys
import time


def _install_null_streams() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def _install_startup_probe(report_path: str) -> None:
    # The app creates its QApplication with ``QApplication.instance() or ...``; making
    # it here first only moves the same work earlier, and lets an event filter see
    # the main window's first Show event without touching the app's code.
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    shot = os.environ.get("MIXPLAN_STARTUP_SCREENSHOT")

    class _FirstWindow(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if (
                event.type() == QEvent.Type.Show
                and watched.objectName() == "MainWindow"
            ):
                title = watched.windowTitle().replace("[*]", "")
                with open(report_path, "w", encoding="utf-8") as fh:
                    fh.write(f"{time.time():.3f}\n{title}\n")
                app.removeEventFilter(self)
                QTimer.singleShot(0 if not shot else 1500, lambda: finish(watched))
            return False

    def finish(window) -> None:
        if shot:
            window.grab().save(shot)
        QApplication.closeAllWindows()
        QApplication.quit()

    app._mixplan_probe = _FirstWindow(app)  # kept alive with the app
    app.installEventFilter(app._mixplan_probe)


def main() -> int:
    _install_null_streams()
    probe = os.environ.get("MIXPLAN_STARTUP_PROBE")
    if probe:
        _install_startup_probe(probe)
    from mixplan.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
