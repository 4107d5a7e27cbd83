"""The window step of ``mixplan --self-test``: open the main window, then close it.

Lives in ``mixplan.ui`` because only this package may import Qt (DESIGN §3); the
rest of the self-test is in :mod:`mixplan.selftest`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import (
    QLibraryInfo,
    QTimer,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QGraphicsView, QMessageBox


class WindowStepFailed(Exception):
    """The main window did not open, or a dialog interrupted it."""


def _dialog_text(widget) -> str:
    if isinstance(widget, QMessageBox):
        return " ".join(f"{widget.text()} {widget.informativeText()}".split())
    return widget.windowTitle() or type(widget).__name__


#: Qt warnings that the offscreen platform always prints, and that mean nothing here.
_HARMLESS = ("does not support propagateSizeHints",)


def _quiet_qt_messages(kind, context, message) -> None:
    if kind == QtMsgType.QtDebugMsg or any(h in message for h in _HARMLESS):
        return
    sys.stderr.write(f"qt: {message}\n")


def french_translations() -> str:
    """Load Qt's and mixplan's French catalogues; a frozen app must carry both."""
    from mixplan.resources import resource_path

    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not QTranslator().load("qtbase_fr", qt_dir):
        raise WindowStepFailed(f"Qt's qtbase_fr.qm is missing from {qt_dir}")
    loaded = ["qtbase_fr"]
    folder = resource_path("translations")
    if (folder / "mixplan_fr.qm").is_file():
        if not QTranslator().load("mixplan_fr", str(folder)):
            raise WindowStepFailed(f"{folder / 'mixplan_fr.qm'} does not load")
        loaded.append("mixplan_fr")
    return " + ".join(loaded)


def open_and_close_main_window(project_path: Path, timeout_s: float) -> str:
    """Show ``MainWindow`` on ``project_path``, wait until it is exposed, close it.

    A modal dialog (an error box, "save changes?") would block a headless run
    forever: a watchdog rejects it and the step fails with the dialog's text.
    """
    app = QApplication.instance() or QApplication([])
    interruptions: list[str] = []

    def reject_modal_dialogs() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            interruptions.append(_dialog_text(modal))
            if isinstance(modal, QDialog):
                modal.reject()
            else:
                modal.close()

    previous_handler = qInstallMessageHandler(_quiet_qt_messages)
    watchdog = QTimer()
    watchdog.setInterval(200)
    watchdog.timeout.connect(reject_modal_dialogs)
    watchdog.start()
    try:
        from mixplan.ui.main_window import MainWindow

        started = time.perf_counter()
        window = MainWindow(project_path=project_path)
        window.show()
        deadline = started + timeout_s
        while (
            not window.isVisible()
            or window.windowHandle() is None
            or not window.windowHandle().isExposed()
        ):
            if time.perf_counter() > deadline:
                raise WindowStepFailed(
                    f"the window was not shown within {timeout_s:.0f} s"
                )
            app.processEvents()
            time.sleep(0.01)
        app.processEvents()
        shown_after = time.perf_counter() - started
        if window.objectName() != "MainWindow":
            raise WindowStepFailed(
                f"the window is named {window.objectName()!r}, not 'MainWindow'"
            )
        if window.findChild(QGraphicsView, "site_view") is None:
            raise WindowStepFailed("the window has no site_view")
        title = " ".join(window.windowTitle().replace("[*]", "").split())
        window.close()
        app.processEvents()
        window.deleteLater()
        app.processEvents()
        if interruptions:
            raise WindowStepFailed(
                "a dialog interrupted the window: " + interruptions[0]
            )
        platform = QGuiApplication.platformName()
        return (
            f"shown in {shown_after:.2f} s on '{platform}', title {title!r}, "
            f"French: {french_translations()}"
        )
    finally:
        watchdog.stop()
        qInstallMessageHandler(previous_handler)
