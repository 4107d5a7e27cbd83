"""The status bar: tool readout, cursor coordinates, scale, error findings."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget


class StatusReadouts(QWidget):
    """Owns the labels of the window's status bar and how they read."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.hide()  # a holder for the labels and their translations
        self.tool = QLabel(bar)
        self.tool.setObjectName("status_tool")
        self.coordinates = QLabel(bar)
        self.coordinates.setObjectName("status_coordinates")
        self.scale = QLabel(bar)
        self.scale.setObjectName("status_scale")
        self.errors = QLabel(bar)
        self.errors.setObjectName("status_errors")
        bar.addWidget(self.tool, 1)
        for label in (self.coordinates, self.scale, self.errors):
            bar.addPermanentWidget(label)

    def show_cursor(self, x: float, y: float, crs: str) -> None:
        self.coordinates.setText(f"X {x:,.2f}  Y {y:,.2f}  {crs}".replace(",", " "))

    def show_scale(self, pixels_per_metre: float, dots_per_inch: float) -> None:
        # 1:N with N = screen pixels per metre of paper ÷ pixels per metre of site.
        denominator = dots_per_inch / 0.0254 / max(pixels_per_metre, 1e-12)
        self.scale.setText(f"1:{denominator:,.0f}".replace(",", " "))

    def show_errors(self, count: int | None) -> None:
        if count is None:
            self.errors.setText(self.tr("Rules: …"))
            self.errors.setStyleSheet("")
        elif count:
            self.errors.setText(self.tr("%n error(s)", "", count))
            self.errors.setStyleSheet("color: #c62828; font-weight: bold")
        else:
            self.errors.setText(self.tr("No errors"))
            self.errors.setStyleSheet("color: #2e7d32")
