"""The panels of the other parts of the editor, hosted in the main window's docks.

Panels take ``(document, live_engine, parent)``. A panel that cannot be made (a
build without it, or a bug in it) leaves a placeholder, never a broken window.
What panels ask of each other (a finding about one storey → the inspector shows
it) is connected here, through the window.
"""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QWidget,
)

log = logging.getLogger(__name__)

#: dock object name (DESIGN §12) -> (module, class, area, shown at start)
PANELS: dict[str, tuple[str, str, Qt.DockWidgetArea, bool]] = {
    "dock_inspector": (
        "mixplan.ui.panels.inspector",
        "InspectorPanel",
        Qt.DockWidgetArea.RightDockWidgetArea,
        True,
    ),
    "dock_indicators": (
        "mixplan.ui.panels.indicators",
        "IndicatorsPanel",
        Qt.DockWidgetArea.RightDockWidgetArea,
        True,
    ),
    "dock_findings": (
        "mixplan.ui.panels.findings",
        "FindingsPanel",
        Qt.DockWidgetArea.BottomDockWidgetArea,
        True,
    ),
    # Hidden at start (View ▸ Panels); balances are computed off the GUI thread
    # and only while the dock is shown.
    "dock_balance": (
        "mixplan.ui.panels.balance",
        "BalancePanel",
        Qt.DockWidgetArea.RightDockWidgetArea,
        False,
    ),
    "dock_attribute_table": (
        "mixplan.ui.panels.attribute_table",
        "AttributeTablePanel",
        Qt.DockWidgetArea.BottomDockWidgetArea,
        False,
    ),
    "dock_phasing": (
        "mixplan.ui.panels.phasing",
        "PhasingPanel",
        Qt.DockWidgetArea.BottomDockWidgetArea,
        False,
    ),
}
#: Panels wider than a dock beside the plan can be (the phasing panel's row of
#: buttons, timeline and firms asked for 900–970 px): they scroll in their dock
#: instead of widening the window past the screen.
SCROLLED = {"dock_phasing"}
MASSING = ("mixplan.ui.massing", "MassingView")
COMPARE = ("mixplan.ui.panels.compare", "CompareDialog")


def load_panel(window, module_name: str, class_name: str) -> QWidget | None:  # type: ignore[no-untyped-def]
    """The panel made for ``window``, or None if it cannot be made."""
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
        return cls(window.document, window.live_engine, window)
    except Exception:  # noqa: BLE001 - a broken panel must not stop the editor
        log.exception("panel %s.%s could not be made", module_name, class_name)
        return None


def add_panel_docks(window: QMainWindow) -> dict[str, QDockWidget]:
    docks = {}
    for name, (module, class_name, area, shown) in PANELS.items():
        dock = QDockWidget(window)
        dock.setObjectName(name)
        panel = load_panel(window, module, class_name)
        if panel is None:
            panel = QLabel(window)
            panel.setObjectName(f"{name}_placeholder")
            panel.setAlignment(Qt.AlignmentFlag.AlignCenter)
            panel.setWordWrap(True)
        elif name in SCROLLED:
            scroll = QScrollArea(window)
            scroll.setObjectName(f"{name}_scroll")
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidgetResizable(True)
            scroll.setWidget(panel)
            panel = scroll
        dock.setWidget(panel)
        window.addDockWidget(area, dock)
        dock.setVisible(shown)
        docks[name] = dock
    return docks


#: Docks sharing one place as tabs: (the one in front, the one behind).
TABBED = (
    ("dock_findings", "dock_attribute_table"),
    ("dock_indicators", "dock_balance"),
)


def tabify_panel_docks(window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
    """Put each pair of :data:`TABBED` in tabs, the first in front.

    Called once the window is shown, and only when no saved layout says where
    the docks go: tabified before a saved layout was restored, the pair whose
    second dock is hidden (the balance) left its tab bar at the window's top
    left, over the File menu, titled in the language of the previous start.
    """
    for front, behind in TABBED:
        if front in docks and behind in docks:
            window.tabifyDockWidget(docks[front], docks[behind])
            docks[front].raise_()


def panel_of(dock: QDockWidget | None) -> QWidget | None:
    widget = dock.widget() if dock is not None else None
    if isinstance(widget, QScrollArea):
        widget = widget.widget()
    return None if isinstance(widget, QLabel) else widget


def wire_panels(window) -> None:  # type: ignore[no-untyped-def]
    """Connect what panels ask of the plan and of each other."""
    inspector = window.panel("dock_inspector")
    findings = window.panel("dock_findings")
    if findings is not None and hasattr(findings, "frame_requested"):
        findings.frame_requested.connect(window.site_view.frame_buildings)
    if inspector is not None and findings is not None:
        if hasattr(findings, "level_requested") and hasattr(inspector, "show_level"):
            findings.level_requested.connect(inspector.show_level)
            findings.level_requested.connect(
                lambda *_: window.panel_docks["dock_inspector"].raise_()
            )
    phasing = window.panel("dock_phasing")
    if phasing is not None and hasattr(phasing, "phase_shown"):
        scene = window.site_view.site_scene

        def show_phase(phase: int) -> None:
            in_use, standing = phasing.as_at_phase(phase)
            baseline = window.document.project.baseline.buildings
            scene.show_as_at_phase(
                in_use, [baseline[b] for b in standing if b in baseline]
            )

        phasing.phase_shown.connect(show_phase)
        window.document.scenario_changed.connect(lambda _n: phasing.slider.setValue(0))
    if inspector is not None and hasattr(inspector, "edit_refused"):
        inspector.edit_refused.connect(
            lambda message: window.statusBar().showMessage(message, 8000)
        )
