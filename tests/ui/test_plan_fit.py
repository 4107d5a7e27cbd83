"""What the plan frames stays clear of its legend when that costs little, and the
findings filters stay readable after the language is switched."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox
from shapely.geometry import box

from mixplan.model import Building, Level, Project, Site
from mixplan.model.commands import SetSiteBoundary
from mixplan.ui import site_view


def _project(width: float, depth: float) -> Project:
    project = Project.new("Strip")
    project.site = Site(box(0, 0, width, depth), "Strip")
    project.baseline.buildings["b1"] = Building(
        "b1", "Hall", box(5, 5, 25, 20), (Level.of(6.0, "craft"),)
    )
    return project


def _on_screen(view, rect: QRectF) -> QRectF:  # type: ignore[no-untyped-def]
    """``rect`` (scene units) in the viewport's pixels."""
    return QRectF(
        QPointF(view.mapFromScene(rect.topLeft())),
        QPointF(view.mapFromScene(rect.bottomRight())),
    ).normalized()


def _plain_scale(view, rect: QRectF) -> float:  # type: ignore[no-untyped-def]
    """Pixels per metre that fit the site (with the 8 % margin) in the whole
    viewport, legend or not."""
    pad = max(rect.width(), rect.height()) * 0.08 + 1.0
    viewport = view.viewport().rect()
    return min(
        viewport.width() / (rect.width() + 2 * pad),
        viewport.height() / (rect.height() + 2 * pad),
    )


def _zoom_to_site(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = window.site_view
    view.scale_by(3.0)  # somewhere else first
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    QTest.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)


def test_a_wide_site_is_framed_above_the_legend(make_window, qtbot):
    # A site 300 m wide and as deep as makes it, centred in the viewport, pass
    # under the legend in the bottom-left corner, while it fits above the
    # legend at the same scale.
    window = make_window(_project(300.0, 60.0))
    view = window.site_view
    viewport, legend = view.viewport().rect(), QRectF(view.legend.geometry())
    pad = 300.0 * 0.08 + 1.0
    scale = viewport.width() / (300.0 + 2 * pad)  # (limited by the width)
    under = 2 * (legend.top() - viewport.height() / 2) / scale  # deeper: under it
    above = (legend.top() - site_view.LEGEND_GAP_PX) / scale - 2 * pad  # fits
    assert under < above
    depth = (under + above) / 2
    window.document.push(SetSiteBoundary(box(0, 0, 300.0, depth)))
    _zoom_to_site(window, qtbot)
    site = view.site_scene.site_rect()
    shown = _on_screen(view, site)
    assert view.legend.isVisible()
    assert not shown.intersects(legend), (shown, legend)
    assert QRectF(viewport).contains(shown)
    assert view.pixels_per_metre() >= site_view.LEGEND_ROOM_SCALE * _plain_scale(
        view, site
    )


def test_a_site_the_legend_would_shrink_too_much_is_framed_under_it(make_window, qtbot):
    # A site of the viewport's own shape fills it: beside the legend or above it,
    # it would be shown at less than LEGEND_ROOM_SCALE of that size, so the
    # legend floats over it as before.
    window = make_window(_project(100.0, 100.0))
    window.resize(900, 600)
    qtbot.wait(50)
    view = window.site_view
    viewport, legend = view.viewport().rect(), view.legend.geometry()
    gap = site_view.LEGEND_GAP_PX
    room = site_view.LEGEND_ROOM_SCALE
    assert (viewport.width() - legend.right() - gap) / viewport.width() < room
    assert (legend.top() - gap) / viewport.height() < room
    window.document.push(
        SetSiteBoundary(box(0, 0, viewport.width(), viewport.height()))
    )
    _zoom_to_site(window, qtbot)
    site = view.site_scene.site_rect()
    assert abs(view.pixels_per_metre() / _plain_scale(view, site) - 1) < 0.01
    assert _on_screen(view, site).intersects(QRectF(legend))


def test_with_the_legend_hidden_the_site_is_centred(make_window, qtbot):
    window = make_window(_project(300.0, 60.0))
    view = window.site_view
    window.findChild(QAction, "action_show_legend").setChecked(False)
    assert not view.legend.isVisible()
    _zoom_to_site(window, qtbot)
    site = view.site_scene.site_rect()
    centre = _on_screen(view, site).center()
    middle = QRectF(view.viewport().rect()).center()
    assert abs(centre.x() - middle.x()) <= 1 and abs(centre.y() - middle.y()) <= 1
    assert abs(view.pixels_per_metre() / _plain_scale(view, site) - 1) < 0.01


def test_the_findings_filters_are_not_cut_after_a_switch_to_french(make_window, qtbot):
    window = make_window()
    severity = window.findChild(QComboBox, "findings_severity_filter")
    window.actions_["action_lang_fr"].trigger()
    try:
        qtbot.waitUntil(lambda: severity.currentText() == "Toutes gravités")
        qtbot.wait(20)  # (the layout resizes the box a turn later)
        # As wide as a box made with these entries asks to be (its longest
        # entry whole, the arrow beside it).
        fresh = QComboBox()
        fresh.addItems([severity.itemText(i) for i in range(severity.count())])
        assert severity.width() >= fresh.sizeHint().width(), (
            severity.width(),
            fresh.sizeHint().width(),
        )
    finally:
        window.actions_["action_lang_en"].trigger()
