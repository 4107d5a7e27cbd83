"""The legend of use-family colours, drawn over the plan's bottom-left corner."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from mixplan.ui.colors import BASELINE_COLOR, ERROR_COLOR, FAMILY_COLORS

ROW = 18


def legend_entries() -> list[tuple[str, QColor, str]]:
    """(kind, colour, label) rows: families, then the error and baseline marks."""
    translate = QCoreApplication.translate
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
        ("line", ERROR_COLOR, translate("Legend", "Error finding")),
        ("dash", BASELINE_COLOR, translate("Legend", "Baseline outline")),
    ]


class Legend(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.relayout()

    def relayout(self) -> None:
        metrics = self.fontMetrics()
        width = max(
            metrics.horizontalAdvance(label) for _, _, label in legend_entries()
        )
        self.resize(width + 42, ROW * len(legend_entries()) + 10)
        self.place()

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.move(10, parent.height() - self.height() - 10)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(0, 0, 0, 60)))
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRoundedRect(self.rect().adjusted(0, 0, -1, -1), 4, 4)
        y = 6
        for kind, colour, label in legend_entries():
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
