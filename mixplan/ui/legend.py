"""The legend of use-family colours, and of the ground covers drawn, over the plan.

It starts in the bottom-left corner; the user drags it anywhere over the plan
(it stays where it was put, relative to the nearest corners, as the window
resizes) and hides it with View ▸ Show legend.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from mixplan.model import COVER_TYPES
from mixplan.ui.colors import BASELINE_COLOR, COVER_COLORS, ERROR_COLOR, FAMILY_COLORS
from mixplan.ui.slices import take_turn

ROW = 18


def legend_entries(cover_types: Iterable[str] = ()) -> list[tuple[str, QColor, str]]:
    """(kind, colour, label) rows: families, the ground covers of ``cover_types``
    (the surfaces the plan shows, in the order of the cover list), then the error
    and baseline marks."""
    from mixplan.ui.i18n import cover_labels

    translate = QCoreApplication.translate
    labels = cover_labels()
    present = set(cover_types)
    covers = [
        ("fill", COVER_COLORS[code], labels.get(code, code))
        for code in COVER_TYPES
        if code in present and code in COVER_COLORS
    ]
    return [
        ("fill", FAMILY_COLORS["housing"], translate("Legend", "Housing")),
        ("fill", FAMILY_COLORS["productive"], translate("Legend", "Productive")),
        ("fill", FAMILY_COLORS["tertiary"], translate("Legend", "Tertiary")),
        ("fill", FAMILY_COLORS["shared"], translate("Legend", "Shared")),
        (
            "fill",
            FAMILY_COLORS["non_floor_area"],
            translate("Legend", "Parking, technical"),
        ),
        ("fill", FAMILY_COLORS["unassigned"], translate("Legend", "Unassigned")),
        *covers,
        ("line", ERROR_COLOR, translate("Legend", "Error finding")),
        ("dash", BASELINE_COLOR, translate("Legend", "Baseline outline")),
    ]


class Legend(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        #: where the user put it: fractions of the free room across and down
        self._anchor: tuple[float, float] | None = None
        self._grab: QPoint | None = None
        #: the surface types of the ground covers the plan shows
        self.cover_types: tuple[str, ...] = ()
        self.relayout()

    def entries(self) -> list[tuple[str, QColor, str]]:
        return legend_entries(self.cover_types)

    def set_cover_types(self, cover_types: list[str]) -> None:
        """Show a row for each of these ground-cover surfaces (the plan's)."""
        if tuple(cover_types) != self.cover_types:
            self.cover_types = tuple(cover_types)
            self.relayout()
            self.update()

    def relayout(self) -> None:
        metrics = self.fontMetrics()
        entries = self.entries()
        width = max(metrics.horizontalAdvance(label) for _, _, label in entries)
        self.resize(width + 42, ROW * len(entries) + 10)
        self.retranslate()
        self.place()

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        if self._anchor is None:
            self.move(10, parent.height() - self.height() - 10)
            return
        room_x = max(parent.width() - self.width(), 0)
        room_y = max(parent.height() - self.height(), 0)
        self.move(round(self._anchor[0] * room_x), round(self._anchor[1] * room_y))

    def retranslate(self) -> None:
        self.setToolTip(
            QCoreApplication.translate(
                "Legend", "Drag to move the legend; View ▸ Show legend hides it"
            )
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._grab = event.position().toPoint()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        event.accept()  # a click on the legend is not a click on the plan

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        parent = self.parentWidget()
        if self._grab is None or parent is None:
            return
        target = self.mapToParent(event.position().toPoint()) - self._grab
        room_x = max(parent.width() - self.width(), 0)
        room_y = max(parent.height() - self.height(), 0)
        x = min(max(target.x(), 0), room_x)
        y = min(max(target.y(), 0), room_y)
        self._anchor = (x / room_x if room_x else 0.0, y / room_y if room_y else 0.0)
        self.move(x, y)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._grab = None
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(0, 0, 0, 60)))
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRoundedRect(self.rect().adjusted(0, 0, -1, -1), 4, 4)
        y = 6
        for kind, colour, label in self.entries():
            swatch = QRect(8, y + 3, 20, ROW - 7)
            if kind == "fill":
                painter.setPen(QPen(QColor(60, 60, 60), 1))
                painter.setBrush(colour)
                painter.drawRect(swatch)
            else:
                style = (
                    Qt.PenStyle.DashLine if kind == "dash" else Qt.PenStyle.SolidLine
                )
                painter.setPen(QPen(colour, 2.5 if kind == "line" else 1.5, style))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(swatch)
            painter.setPen(QColor(30, 30, 30))
            painter.drawText(
                QRect(34, y, self.width() - 36, ROW),
                Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            y += ROW
        painter.end()
        # Painted with the plan it floats over: its turn is the plan's (a slice
        # due now waits for the next turn, see SiteView.paintEvent).
        take_turn()
