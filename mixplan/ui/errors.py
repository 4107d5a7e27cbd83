"""What the user sees when something goes wrong: a plain dialog, never a traceback.

Exceptions escaping a Qt slot reach ``sys.excepthook``; :func:`install_excepthook`
logs the traceback to the log file and shows a short message naming that file.
Edits are model commands that validate before they change anything, so the
project is still open and as it was.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from mixplan.model.errors import MixplanError
from mixplan.ui.settings import log_path

log = logging.getLogger("mixplan")

_dialogs: list[QMessageBox] = []


def setup_logging() -> None:
    """Log to ``mixplan.log`` beside the settings (again if that folder changed)."""
    path = log_path()
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_mixplan", False):
            if Path(handler.baseFilename) == path:
                return
            root.removeHandler(handler)
            handler.close()
    try:
        handler = RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=2, encoding="utf-8"
        )
    except OSError:
        return
    handler._mixplan = True  # type: ignore[attr-defined]
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)


translate = QCoreApplication.translate


def show_error(parent: QWidget | None, message: str, detail: str = "") -> QMessageBox:
    """A non-blocking error dialog (kept alive until closed)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "mixplan",
        message,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("error_dialog")
    if detail:
        box.setInformativeText(detail)
    _dialogs.append(box)
    box.finished.connect(
        lambda _r, b=box: _dialogs.remove(b) if b in _dialogs else None
    )
    box.open()
    return box


def open_error_dialogs() -> list[QMessageBox]:
    """The error dialogs shown now.

    A dialog deleted with its parent (a dialog or window closed while it was
    open) never said ``finished``: it is dropped here, not asked whether it is
    visible (its wrapper raised).
    """
    _dialogs[:] = [b for b in _dialogs if shiboken6.isValid(b)]
    return [b for b in _dialogs if b.isVisible()]


def report_exception(exc: BaseException, parent: QWidget | None = None) -> QMessageBox:
    """Log ``exc`` and tell the user in plain words."""
    if isinstance(exc, MixplanError):
        where = f"{exc.path}: " if exc.path else ""
        log.warning("refused: %s%s", where, exc)
        return show_error(parent, where + str(exc))
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    message = translate(
        "Errors", "Something went wrong; your project is still open and unchanged."
    )
    detail = translate("Errors", "The details were written to {0}").format(log_path())
    return show_error(parent, message, f"{type(exc).__name__}: {exc}\n\n{detail}")


def install_excepthook(parent_for: Callable[[], QWidget | None]) -> None:
    """Route uncaught exceptions (slots included) to :func:`report_exception`."""

    def hook(
        kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        try:
            parent = parent_for()
            # Show the dialog from the event loop, not from inside the failing slot.
            QTimer.singleShot(0, lambda: report_exception(exc, parent))
        except Exception:  # noqa: BLE001 - the hook itself must never fail
            log.error(
                "error in the exception hook:\n%s",
                "".join(traceback.format_exception(kind, exc, tb)),
            )

    sys.excepthook = hook
