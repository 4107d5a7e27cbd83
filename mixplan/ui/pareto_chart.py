"""ParetoChart: the trade-off of a suggestion drawn as points one can click.

The horizontal axis is the other measure (open soil in % of the site, or jobs),
the vertical one the objective (housing floor area by default). A click near a
point emits ``point_clicked`` with its index; the point under the mouse is
highlighted and its values shown in the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QToolTip, QWidget

_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM = 78, 16, 16, 44
_HIT_PX = 12


class ParetoChart(QWidget):
    point_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggest_chart")
        self.setMouseTracking(True)
        self.setMinimumHeight(220)
        self.points: list[tuple[float, float]] = []
        self.x_label = ""
        self.y_label = ""
        self.hovered = -1
        self.chosen = -1

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(460, 260)

    def set_points(
        self, points: list[tuple[float, float]], x_label: str, y_label: str
    ) -> None:
        self.points = list(points)
        self.x_label, self.y_label = x_label, y_label
        self.hovered = self.chosen = -1
        self.update()

    def _plot(self) -> QRectF:
        return QRectF(
            _MARGIN_LEFT,
            _MARGIN_TOP,
            max(10, self.width() - _MARGIN_LEFT - _MARGIN_RIGHT),
            max(10, self.height() - _MARGIN_TOP - _MARGIN_BOTTOM),
        )

    def _ranges(self) -> tuple[float, float, float, float]:
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        x0, x1 = min(xs), max(xs)
        y0, y1 = min(ys), max(ys)
        if x1 - x0 < 1e-9:
            x0, x1 = x0 - 1, x1 + 1
        if y1 - y0 < 1e-9:
            y0, y1 = y0 - 1, y1 + 1
        pad_x, pad_y = (x1 - x0) * 0.05, (y1 - y0) * 0.08
        return x0 - pad_x, x1 + pad_x, y0 - pad_y, y1 + pad_y

    def point_position(self, index: int) -> QPointF:
        """Widget coordinates of a point (for drawing, hit tests and tests)."""
        x0, x1, y0, y1 = self._ranges()
        plot = self._plot()
        x, y = self.points[index]
        return QPointF(
            plot.left() + (x - x0) / (x1 - x0) * plot.width(),
            plot.bottom() - (y - y0) / (y1 - y0) * plot.height(),
        )

    def _nearest(self, position: QPointF) -> int:
        best, best_d = -1, float(_HIT_PX)
        for k in range(len(self.points)):
            p = self.point_position(k)
            d = ((p.x() - position.x()) ** 2 + (p.y() - position.y()) ** 2) ** 0.5
            if d <= best_d:
                best, best_d = k, d
        return best

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        plot = self._plot()
        text = palette.text().color()
        painter.setPen(QPen(text, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        if not self.points:
            painter.drawText(
                plot, Qt.AlignmentFlag.AlignCenter, self.tr("No trade-off yet")
            )
            return
        x0, x1, y0, y1 = self._ranges()
        metrics = painter.fontMetrics()
        for k in range(5):
            fx = x0 + (x1 - x0) * k / 4
            fy = y0 + (y1 - y0) * k / 4
            px = plot.left() + plot.width() * k / 4
            py = plot.bottom() - plot.height() * k / 4
            painter.drawLine(QPointF(px, plot.bottom()), QPointF(px, plot.bottom() + 4))
            painter.drawLine(QPointF(plot.left() - 4, py), QPointF(plot.left(), py))
            label = f"{fx:,.1f}" if abs(x1 - x0) < 100 else f"{fx:,.0f}"
            painter.drawText(
                QPointF(px - metrics.horizontalAdvance(label) / 2, plot.bottom() + 17),
                label,
            )
            label = f"{fy:,.0f}"
            painter.drawText(
                QPointF(plot.left() - 8 - metrics.horizontalAdvance(label), py + 4),
                label,
            )
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 22, plot.width(), 20),
            Qt.AlignmentFlag.AlignCenter,
            self.x_label,
        )
        painter.save()
        painter.translate(12, plot.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-plot.height() / 2, -8, plot.height(), 16),
            Qt.AlignmentFlag.AlignCenter,
            self.y_label,
        )
        painter.restore()
        line = QPainterPath(self.point_position(0))
        for k in range(1, len(self.points)):
            line.lineTo(self.point_position(k))
        accent = QColor(palette.highlight().color())
        painter.setPen(QPen(accent, 1.5))
        painter.drawPath(line)
        for k in range(len(self.points)):
            p = self.point_position(k)
            big = k in (self.hovered, self.chosen)
            painter.setBrush(accent if k != self.chosen else text)
            painter.drawEllipse(p, 6 if big else 4, 6 if big else 4)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        found = self._nearest(event.position()) if self.points else -1
        if found != self.hovered:
            self.hovered = found
            self.setCursor(
                Qt.CursorShape.PointingHandCursor
                if found >= 0
                else Qt.CursorShape.ArrowCursor
            )
            self.update()
        if found >= 0:
            x, y = self.points[found]
            QToolTip.showText(
                event.globalPosition().toPoint(),
                self.tr(
                    "{0}: {1:,.2f}\n{2}: {3:,.0f}\nClick to create this scenario"
                ).format(self.x_label, x, self.y_label, y),
                self,
            )

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.hovered = -1
        QToolTip.hideText()
        self.update()
        super().leaveEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        QToolTip.hideText()
        super().hideEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton or not self.points:
            return
        found = self._nearest(event.position())
        if found >= 0:
            self.chosen = found
            self.update()
            self.point_clicked.emit(found)
