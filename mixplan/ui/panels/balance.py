"""The Balance dock: who pays for the current scenario (DESIGN §17).

Two sheets: the developer's compte à rebours (revenue, construction, fees,
marketing, finance, margin and the charge foncière left) and the public
developer's bilan d'aménagement (income and cost lines, balance); a small
chart of the ± 20 % sensitivity on prices and costs; a button to the
assumptions. Balances are computed off the GUI thread (BalanceService). The
compare view shows the same balance, scenarios side by side
(:class:`BalanceCompareTable`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mixplan.engine.balance_sheets import (
    PUBLIC_COST_LINES,
    PUBLIC_INCOME_LINES,
    Balance,
)
from mixplan.ui.balance_service import BalanceService
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.common import format_number, format_percent

translate = QCoreApplication.translate


def developer_rows() -> list[tuple[str, str]]:
    """(key, label) of the developer's sheet, in order."""
    return [
        ("revenue", translate("BalancePanel", "Revenue (sales)")),
        ("construction", translate("BalancePanel", "Construction")),
        ("fees", translate("BalancePanel", "Fees")),
        ("marketing", translate("BalancePanel", "Marketing")),
        ("finance", translate("BalancePanel", "Finance")),
        ("margin", translate("BalancePanel", "Developer's margin")),
        (
            "charge_fonciere",
            translate("BalancePanel", "Charge foncière (residual land value)"),
        ),
    ]


def public_labels() -> dict[str, str]:
    return {
        "charges_foncieres": translate("BalancePanel", "Charges foncières sold"),
        "desealing_subsidy": translate("BalancePanel", "De-sealing subsidy"),
        "acquisition": translate("BalancePanel", "Acquisition of existing floor area"),
        "relocation": translate("BalancePanel", "Relocation of firms"),
        "demolition": translate("BalancePanel", "Demolition"),
        "remediation": translate("BalancePanel", "Remediation (former ICPE)"),
        "desealing": translate("BalancePanel", "De-sealing"),
    }


def euros(value: float) -> str:
    return format_number(value, 0) + " €"


def _sheet_table(name: str) -> QTableWidget:
    table = QTableWidget(0, 2)
    table.setObjectName(name)
    table.verticalHeader().hide()
    table.horizontalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, float | None, bool]]) -> None:
    """Rows of (label, amount or None for a heading, bold)."""
    table.setRowCount(len(rows))
    for row, (label, amount, bold) in enumerate(rows):
        name = QTableWidgetItem(label)
        value = QTableWidgetItem("" if amount is None else euros(amount))
        value.setTextAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        if amount is not None:
            value.setData(Qt.ItemDataRole.UserRole, amount)
            if amount < 0:
                value.setForeground(QColor("#b2182b"))
        if bold or amount is None:
            font = QFont(name.font())
            font.setBold(True)
            name.setFont(font)
            value.setFont(font)
        table.setItem(row, 0, name)
        table.setItem(row, 1, value)
    table.resizeRowsToContents()
    height = sum(table.rowHeight(r) for r in range(len(rows))) + 4
    table.setFixedHeight(height)


class _AsksWhileShown:
    """A view whose ``service`` (a BalanceService) works only while it shows:
    shown, it ``request``s its balances; hidden, it cancels what it asked for
    (no balance computed after each edit, in a thread that takes GIL turns from
    the GUI thread)."""

    service: BalanceService

    def request(self) -> None:
        raise NotImplementedError

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().showEvent(event)  # type: ignore[misc]
        self.request()

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        self.service.cancel()
        super().hideEvent(event)  # type: ignore[misc]


class SensitivityChart(QWidget):
    """Charge foncière for prices and costs at −20 %, 0 and +20 %: grouped bars."""

    COLOURS = ("#9ecae1", "#4292c6", "#084594")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("balance_sensitivity_chart")
        self.balance: Balance | None = None
        self.setMinimumHeight(150)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(300, 170)

    def set_balance(self, balance: Balance | None) -> None:
        self.balance = balance
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(8, 20, -8, -34)
        painter.setPen(self.palette().text().color())
        painter.drawText(
            QRectF(8, 2, self.width() - 16, 16),
            Qt.AlignmentFlag.AlignLeft,
            translate("BalancePanel", "Charge foncière, prices and costs ±20%"),
        )
        points = self.balance.sensitivity if self.balance else ()
        if not points:
            painter.end()
            return
        values = [p.charge_fonciere for p in points]
        top, bottom = max(0.0, *values), min(0.0, *values)
        span = (top - bottom) or 1.0

        def y(value: float) -> float:
            return rect.top() + (top - value) / span * rect.height()

        prices = sorted({p.price_factor for p in points})
        costs = sorted({p.cost_factor for p in points})
        group = rect.width() / len(prices)
        bar = group * 0.8 / len(costs)
        for g, price in enumerate(prices):
            for c, cost in enumerate(costs):
                point = next(
                    p
                    for p in points
                    if p.price_factor == price and p.cost_factor == cost
                )
                x = rect.left() + g * group + group * 0.1 + c * bar
                y0, y1 = y(0.0), y(point.charge_fonciere)
                painter.fillRect(
                    QRectF(x, min(y0, y1), bar - 2, max(abs(y1 - y0), 1.0)),
                    QColor(self.COLOURS[c % len(self.COLOURS)]),
                )
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(rect.left() + g * group, rect.bottom() + 2, group, 14),
                Qt.AlignmentFlag.AlignCenter,
                translate("BalancePanel", "prices %1").replace(
                    "%1",
                    ("±" if price == 1 else "+" if price > 1 else "\u2212")
                    + format_percent(abs(price - 1) * 100),
                ),
            )
        painter.setPen(QColor("#444444"))
        painter.drawLine(int(rect.left()), int(y(0.0)), int(rect.right()), int(y(0.0)))
        legend = translate(
            "BalancePanel", "costs −20%, 0, +20% (light to dark); top %1"
        ).replace("%1", euros(top))
        painter.drawText(
            QRectF(8, rect.bottom() + 16, self.width() - 16, 14),
            Qt.AlignmentFlag.AlignLeft,
            legend,
        )
        painter.end()


class BalancePanel(_AsksWhileShown, QWidget):
    """Both balance sheets of the current scenario, and their sensitivity."""

    def __init__(
        self,
        document: ProjectDocument,
        live_engine: object,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("balance_panel")
        self.document = document
        self.service = BalanceService(document, self)
        self.title = QLabel()
        self.title.setObjectName("balance_title")
        self.title.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("balance_note")
        self.note.setWordWrap(True)
        self.developer_heading = QLabel()
        self.developer_table = _sheet_table("balance_developer_table")
        self.public_heading = QLabel()
        self.public_table = _sheet_table("balance_public_table")
        self.chart = SensitivityChart(self)
        self.assumptions_button = QPushButton()
        self.assumptions_button.setObjectName("balance_assumptions_button")
        self.assumptions_button.clicked.connect(self.open_assumptions)
        # The sheets keep their full height; a short dock scrolls.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget(scroll)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(inner)
        for widget in (
            self.title,
            self.note,
            self.developer_heading,
            self.developer_table,
            self.public_heading,
            self.public_table,
            self.chart,
            self.assumptions_button,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.dialog = None
        self.service.computed.connect(self._on_computed)
        self.service.failed.connect(self._on_failed)
        document.scenario_changed.connect(lambda _name: self.refresh())
        document.project_replaced.connect(self.refresh)
        document.changed.connect(lambda _change: self._show_pending())
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.developer_heading.setText(
            translate("BalancePanel", "Developer's balance (compte à rebours)")
        )
        self.public_heading.setText(
            translate(
                "BalancePanel", "Public developer's balance (bilan d'aménagement)"
            )
        )
        self.assumptions_button.setText(
            translate("BalancePanel", "Financial assumptions…")
        )
        self.assumptions_button.setToolTip(
            translate(
                "BalancePanel",
                "Prices, costs and rates with their sources (one undo step per change)",
            )
        )
        self.refresh()

    def changeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def scenario(self) -> str:
        return self.document.current_scenario  # type: ignore[no-any-return]

    def request(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        if not self.isVisible():
            return
        self.service.wanted = {self.scenario}
        result = self.service.result(self.scenario)
        if result is None:
            self._show_pending()
            self.service.request([self.scenario])
        else:
            self.show_balance(result)

    def _show_pending(self) -> None:
        self.title.setText(
            translate("BalancePanel", "%1 — computing…").replace("%1", self.scenario)
        )

    def _on_computed(self, name: str, result: object) -> None:
        if name == self.scenario:
            self.show_balance(result)  # type: ignore[arg-type]

    def _on_failed(self, name: str, message: str) -> None:
        if name == self.scenario:
            self.title.setText(
                translate("BalancePanel", "%1 — no balance: %2")
                .replace("%1", name)
                .replace("%2", message)
            )

    def show_balance(self, balance: Balance) -> None:
        self.title.setText(
            translate("BalancePanel", "%1 — amounts in € excl. VAT").replace(
                "%1", balance.scenario
            )
        )
        if balance.scenario == self.document.project.baseline.name:
            self.note.setText(
                translate(
                    "BalancePanel", "The existing state: nothing built, nothing to pay."
                )
            )
        elif not balance.has_new_floor_area:
            self.note.setText(
                translate("BalancePanel", "No new floor area: costs only.")
            )
        else:
            self.note.setText(
                translate(
                    "BalancePanel",
                    "%1 m² of new floor area (SDP) sold, %2 m² of it converted.",
                )
                .replace("%1", format_number(balance.quantities["new_sdp_m2"]))
                .replace("%2", format_number(balance.quantities["converted_sdp_m2"]))
            )
        dev = balance.developer.to_json()
        rows = [
            (label, dev[key], key == "charge_fonciere")
            for key, label in developer_rows()
        ]
        _fill(self.developer_table, rows)
        labels = public_labels()
        public: list[tuple[str, float | None, bool]] = [
            (translate("BalancePanel", "Income"), None, True)
        ]
        public += [
            (labels[k], balance.public.lines[k], False) for k in PUBLIC_INCOME_LINES
        ]
        public += [(translate("BalancePanel", "Costs"), None, True)]
        public += [
            (labels[k], balance.public.lines[k], False) for k in PUBLIC_COST_LINES
        ]
        public += [(translate("BalancePanel", "Balance"), balance.public.balance, True)]
        _fill(self.public_table, public)
        self.chart.set_balance(balance)

    def open_assumptions(self) -> None:
        from mixplan.ui.panels.assumptions import AssumptionsDialog

        if self.dialog is None:
            self.dialog = AssumptionsDialog(self.document, self)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()


class BalanceCompareTable(_AsksWhileShown, QTableWidget):
    """The balance of every scenario side by side (in the compare view)."""

    ROWS = ("revenue", "construction", "charge_fonciere", "income", "costs", "balance")

    def __init__(self, document: ProjectDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("compare_balance_table")
        self.document = document
        self.service = BalanceService(document, self)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.service.computed.connect(lambda _n, _r: self.fill())
        document.changed.connect(lambda _c: self.request())
        document.project_replaced.connect(self.request)

    def names(self) -> list[str]:
        return [s.name for s in self.document.project.scenarios]

    def request(self) -> None:
        """Every scenario's balance, while shown (see :class:`_AsksWhileShown`)."""
        if not self.isVisible():
            return
        self.fill()
        self.service.request(self.names())

    def _labels(self) -> dict[str, str]:
        return {
            "revenue": translate("BalancePanel", "Developer: revenue"),
            "construction": translate("BalancePanel", "Developer: construction"),
            "charge_fonciere": translate("BalancePanel", "Developer: charge foncière"),
            "income": translate("BalancePanel", "Public: income"),
            "costs": translate("BalancePanel", "Public: costs"),
            "balance": translate("BalancePanel", "Public: balance"),
        }

    def fill(self) -> None:
        names = self.names()
        labels = self._labels()
        self.setColumnCount(1 + len(names))
        self.setRowCount(len(self.ROWS))
        self.setHorizontalHeaderLabels(
            [translate("BalancePanel", "Balance (€ excl. VAT)"), *names]
        )
        for row, key in enumerate(self.ROWS):
            self.setItem(row, 0, QTableWidgetItem(labels[key]))
            for column, name in enumerate(names, start=1):
                result = self.service.result(name)
                if result is None:
                    text, amount = "…", None
                else:
                    amount = (
                        result.developer.to_json()[key]
                        if key in ("revenue", "construction", "charge_fonciere")
                        else {
                            "income": result.public.income,
                            "costs": result.public.costs,
                            "balance": result.public.balance,
                        }[key]
                    )
                    text = euros(amount)
                item = QTableWidgetItem(text)
                item.setTextAlignment(
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                if amount is not None:
                    item.setData(Qt.ItemDataRole.UserRole, amount)
                self.setItem(row, column, item)
