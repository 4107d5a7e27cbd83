"""Start the desktop app: QApplication, language, exception hook, first window.

``run(path)`` opens ``path``; without one, the last project, or the bundled
demo on the very first run. A crashed session's autosave is offered first.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from mixplan import __version__

log = logging.getLogger(__name__)


def _application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName("mixplan")
    app.setOrganizationName("mixplan")
    app.setApplicationVersion(__version__)
    try:
        from PySide6.QtGui import QIcon

        from mixplan.resources import resource_path

        app.setWindowIcon(QIcon(str(resource_path("icons", "mixplan.svg"))))
    except FileNotFoundError:
        pass
    return app  # type: ignore[return-value]


def _demo_project():  # type: ignore[no-untyped-def]
    from mixplan.store.demo import build_demo

    try:
        return build_demo()
    except Exception:  # noqa: BLE001 - an empty project is a fine fallback
        log.exception("the demo project could not be built")
        return None


def create_main_window(path: Path | None = None):  # type: ignore[no-untyped-def]
    """The first window: ``path``, else recovery, else the last project or the demo."""
    from mixplan.ui.main_window import MainWindow
    from mixplan.ui.settings import Settings

    settings = Settings()
    first_run = settings.first_run()
    window = MainWindow()
    if path is not None:
        # Started on a file (a double-click): its unsaved work from a crashed
        # session is offered first, as a plain start would.
        if not window.offer_recovery(source=Path(path)):
            window.open_path(Path(path), ask_to_save=False)
    elif not window.offer_recovery():
        last = settings.last_project()
        if not first_run and last is not None and last.is_file():
            window.open_path(last, ask_to_save=False)
        else:
            demo = _demo_project()
            if demo is not None:
                window.document.replace_project(demo, None)
    settings.mark_started()
    window.first_start = first_run and path is None
    return window


class FileOpenHandler(QObject):
    """Opens the files macOS sends as open-document events (Finder double-click,
    "Open with"), which reach the application object, not the command line."""

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            if event.file():
                self.window.open_path(Path(event.file()))
            return True
        return False


def run(path: Path | None = None) -> int:
    """Open the main window and run the event loop; return the exit code."""
    from mixplan.ui.errors import install_excepthook, setup_logging
    from mixplan.ui.i18n import install_language, system_language
    from mixplan.ui.settings import Settings

    setup_logging()
    app = _application()
    install_language(Settings().language() or system_language())
    install_excepthook(lambda: QApplication.activeWindow())
    window = create_main_window(path)
    app.installEventFilter(FileOpenHandler(window))
    window.show()
    QTimer.singleShot(0, window.site_view.zoom_to_site)
    if getattr(window, "first_start", False):
        from mixplan.ui.help import WelcomePage

        QTimer.singleShot(0, lambda: WelcomePage(window).open())
    log.info("mixplan %s started", __version__)
    return app.exec()
