"""Number editors that commit a value once, when the user means it.

A value is committed on Enter, on leaving the editor, when the mouse is released
on the arrows (or an arrow key is released), or shortly after the wheel stops:
never on each keystroke, so typing ``4.5`` is one value and one undo step, and a
refresh of the panel never rewrites the text being typed. The wheel only changes
an editor that has the focus (over a scrolling panel it scrolls the panel). An
*unstated* value (shown as "—") stays unstated until the user types one: the
arrows do nothing on it. Ctrl+Z inside an editor first drops what is being typed,
then undoes the last committed edit of the document, like the Edit menu.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QSpinBox,
    QWidget,
)

#: quiet time after the last wheel step before the wheel's value is committed
WHEEL_COMMIT_MS = 500
_STEP_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


def is_undo(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Undo)


def is_redo(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Redo) or (
        event.key() == Qt.Key.Key_Y
        and event.modifiers() == Qt.KeyboardModifier.ControlModifier
    )


class _CommitBehaviour:
    """What both spin boxes share; mixed into a QSpinBox or QDoubleSpinBox."""

    committed: Signal
    undo_stack: QUndoStack | None
    unstated_text: str

    def _setup(self) -> None:
        box: QAbstractSpinBox = self  # type: ignore[assignment]
        box.setKeyboardTracking(False)
        box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._committed_value: float | None = None
        self._typing = False
        self._wheel_timer = QTimer(box)
        self._wheel_timer.setSingleShot(True)
        self._wheel_timer.setInterval(WHEEL_COMMIT_MS)
        self._wheel_timer.timeout.connect(self.commit)
        box.lineEdit().textEdited.connect(self._text_edited)
        box.editingFinished.connect(self.commit)
        if self.unstated_text:
            box.setSpecialValueText(self.unstated_text)

    def _text_edited(self, _text: str) -> None:
        self._typing = True

    # --- the value ---

    def is_typing(self) -> bool:
        """True while the text holds something typed and not yet committed."""
        return self._typing

    def is_unstated(self) -> bool:
        box: QAbstractSpinBox = self  # type: ignore[assignment]
        return bool(self.unstated_text) and box.value() == box.minimum()  # type: ignore[attr-defined]

    def current(self) -> float | None:
        """The value shown (None when unstated)."""
        return None if self.is_unstated() else self.value()  # type: ignore[attr-defined]

    def show_value(self, value: float | None) -> None:
        """Show a committed value without emitting anything (a refresh, an undo)."""
        box: QAbstractSpinBox = self  # type: ignore[assignment]
        box.blockSignals(True)
        try:
            self.setValue(box.minimum() if value is None else value)  # type: ignore[attr-defined]
        finally:
            box.blockSignals(False)
        self._committed_value = self.current()
        self._typing = False

    def commit(self) -> None:
        """Emit ``committed`` if the value differs from the last one committed."""
        self._wheel_timer.stop()
        if self._typing:
            box: QAbstractSpinBox = self  # type: ignore[assignment]
            box.interpretText()
        self._typing = False
        value = self.current()
        if value != self._committed_value:
            self._committed_value = value
            self.committed.emit(value)

    # --- stepping: never out of "unstated", never into it by the arrows ---

    def _may_step(self, steps: int) -> bool:
        box: QAbstractSpinBox = self  # type: ignore[assignment]
        if self._typing:
            box.interpretText()
        if not self.unstated_text:
            return True
        if self.is_unstated():
            return False
        target = self.value() + steps * self.singleStep()  # type: ignore[attr-defined]
        return bool(target > box.minimum())  # type: ignore[attr-defined]

    def _step_flags(self, flags):  # type: ignore[no-untyped-def]
        if not self.unstated_text:
            return flags
        if self.is_unstated():
            return QAbstractSpinBox.StepEnabledFlag.StepNone
        if self.value() - self.singleStep() <= self.minimum():  # type: ignore[attr-defined]
            flags &= ~QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags

    # --- events ---

    def _event(self, event: QEvent) -> bool | None:
        """Claim Ctrl+Z / Ctrl+Shift+Z from the line edit's own undo."""
        if event.type() == QEvent.Type.ShortcutOverride and self.undo_stack:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if is_undo(key_event) or is_redo(key_event):
                event.accept()
                return True
        if event.type() == QEvent.Type.KeyPress and self.undo_stack is not None:
            key_event = event  # type: ignore[assignment]
            if is_undo(key_event):
                if self._typing:
                    self.show_value(self._committed_value)
                else:
                    self.undo_stack.undo()
                return True
            if is_redo(key_event):
                self.undo_stack.redo()
                return True
        return None

    def _key_released(self, event: QKeyEvent) -> None:
        if event.key() in _STEP_KEYS and not event.isAutoRepeat():
            self.commit()

    def _wheel(self, event: QWheelEvent) -> bool:
        """Whether the wheel may change the value (only with the focus)."""
        box: QAbstractSpinBox = self  # type: ignore[assignment]
        if not box.hasFocus():
            event.ignore()
            return False
        self._wheel_timer.start()
        return True

    # The Qt overrides both spin boxes share: Python's method order puts these
    # before QSpinBox's and QDoubleSpinBox's, so Qt calls them for either.
    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt override
        if self._may_step(steps):
            super().stepBy(steps)  # type: ignore[misc]

    def stepEnabled(self):  # type: ignore[no-untyped-def]  # noqa: N802
        return self._step_flags(super().stepEnabled())  # type: ignore[misc]

    def event(self, event: QEvent) -> bool:
        handled = self._event(event)
        return handled if handled is not None else super().event(event)  # type: ignore[misc]

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        super().keyReleaseEvent(event)  # type: ignore[misc]
        self._key_released(event)

    def mouseReleaseEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().mouseReleaseEvent(event)  # type: ignore[misc]
        self.commit()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if self._wheel(event):
            super().wheelEvent(event)  # type: ignore[misc]


class CommitDoubleSpinBox(_CommitBehaviour, QDoubleSpinBox):
    """A decimal editor that commits once (see the module); "." or "," both work."""

    committed = Signal(object)

    def __init__(
        self,
        parent: QWidget | None = None,
        unstated_text: str = "",
        undo_stack: QUndoStack | None = None,
    ):
        QDoubleSpinBox.__init__(self, parent)
        self.unstated_text = unstated_text
        self.undo_stack = undo_stack
        self._setup()

    def _normalised(self, text: str) -> str:
        point = self.locale().decimalPoint()
        return text.replace("." if point == "," else ",", point)

    def validate(self, text: str, pos: int) -> object:
        return super().validate(self._normalised(text), pos)

    def valueFromText(self, text: str) -> float:  # noqa: N802 - Qt override
        return super().valueFromText(self._normalised(text))


class CommitSpinBox(_CommitBehaviour, QSpinBox):
    """A whole-number editor that commits once (see the module)."""

    committed = Signal(object)

    def __init__(
        self,
        parent: QWidget | None = None,
        unstated_text: str = "",
        undo_stack: QUndoStack | None = None,
    ):
        QSpinBox.__init__(self, parent)
        self.unstated_text = unstated_text
        self.undo_stack = undo_stack
        self._setup()


class WheelGuard(QObject):
    """An event filter: the wheel over an unfocused combo box scrolls the panel
    instead of changing the choice."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            event.ignore()
            return True
        return False


def add_undo_shortcuts(widget: QWidget, stack: QUndoStack) -> None:
    """Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) in a dialog of its own window undo and
    redo the document, as the main window's Edit menu does."""
    from PySide6.QtGui import QAction

    redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    redo_keys.append(QKeySequence("Ctrl+Y"))
    for keys, slot in (
        (QKeySequence.keyBindings(QKeySequence.StandardKey.Undo), stack.undo),
        (redo_keys, stack.redo),
    ):
        action = QAction(widget)
        action.setShortcuts(keys)
        action.triggered.connect(slot)
        widget.addAction(action)


def guard_wheel(combo: QComboBox, guard: WheelGuard) -> None:
    """Let the wheel change ``combo`` only once it has the focus."""
    combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    combo.installEventFilter(guard)
