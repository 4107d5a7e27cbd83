"""Indicators and findings docks over the real live engine."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from shapely.geometry import box

from mixplan.model import Building, Level, Project, Site
from mixplan.model.commands import AddScenario, SetLevelUses
from mixplan.report.palette import family_colour
from mixplan.ui.document import ProjectDocument
from mixplan.ui.live_engine import LiveEngine
from mixplan.ui.panels.findings import FindingsPanel
from mixplan.ui.panels.indicators import (
    INDICATOR_ROWS,
    IndicatorsPanel,
    IndicatorsTableModel,
)

# Site 100 m × 50 m = 5 000 m². One workshop 40 m × 20 m = 800 m² on two
# productive-grade storeys: gross 1 600 m², SDP 1 600 × 0.92 = 1 472 m².
# "Plan A" turns the upper storey into housing: productive SDP 736 m² (−736 m²).
BASE_PRODUCTIVE = 1600 * 0.92
PLAN_PRODUCTIVE = 800 * 0.92


@pytest.fixture
def document(qapp) -> ProjectDocument:
    project = Project.new("Panels")
    project.site = Site(box(0, 0, 100, 50))
    project.baseline.buildings["b1"] = Building(
        "b1",
        "Atelier",
        box(0, 0, 40, 20),
        (
            Level.of(5.5, "craft", load_kn_m2=10.0, access="street"),
            Level.of(4.0, "craft", load_kn_m2=5.0, access="freight_lift"),
        ),
        freight_lift_kg=3000.0,
        loading_bays=2,
    )
    project.baseline.buildings["b2"] = Building(
        "b2", "Bureaux", box(60, 0, 90, 20), (Level.of(3.5, "office"),)
    )
    doc = ProjectDocument(project)
    doc.push(AddScenario("Plan A"))
    doc.push(SetLevelUses("Plan A", "b1", 1, {"housing": 1.0}))
    doc.set_scenario("Plan A")
    return doc


@pytest.fixture
def engine(qtbot, document) -> LiveEngine:
    live = LiveEngine(document, threaded=False)
    qtbot.waitUntil(
        lambda: (
            live.evaluation("Plan A") is not None
            and live.evaluation("Existing") is not None
        ),
        timeout=5000,
    )
    yield live
    live.shutdown()


def value_of(model: IndicatorsTableModel, key: str, column: int):
    row = [r.key for r in INDICATOR_ROWS].index(key)
    return model.index(row, column).data(Qt.ItemDataRole.UserRole)


# --- indicators -----------------------------------------------------------------


def test_indicators_model_passes_the_model_tester(qtmodeltester, engine):
    model = IndicatorsTableModel()
    model.set_evaluation(engine.evaluation("Plan A"), False)
    qtmodeltester.check(model, force_py=True)


def test_indicators_show_value_and_delta_from_baseline(qtbot, document, engine):
    panel = IndicatorsPanel(document, engine)
    qtbot.addWidget(panel)
    model = panel.model
    assert value_of(model, "productive_sdp_m2", model.VALUE) == pytest.approx(
        PLAN_PRODUCTIVE
    )
    assert value_of(model, "productive_sdp_m2", model.DELTA) == pytest.approx(
        PLAN_PRODUCTIVE - BASE_PRODUCTIVE
    )
    row = [r.key for r in INDICATOR_ROWS].index("productive_sdp_m2")
    delta_index = model.index(row, model.DELTA)
    assert delta_index.data().startswith("−736")
    # A productive loss is shown in the error colour.
    assert delta_index.data(Qt.ItemDataRole.ForegroundRole) == QColor("#C62828")
    assert (
        model.index(
            [r.key for r in INDICATOR_ROWS].index("productive_retention"), model.VALUE
        ).data()
        == "50%"  # (English: no space before the sign)
    )
    assert "compared with Existing" in panel.title.text()


def test_indicators_follow_an_edit_and_its_undo(qtbot, document, engine):
    panel = IndicatorsPanel(document, engine)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(engine.evaluated, timeout=5000):
        document.undo_stack.undo()  # the upper storey is craft again…
    qtbot.waitUntil(
        lambda: (
            value_of(panel.model, "productive_sdp_m2", 1)
            == pytest.approx(BASE_PRODUCTIVE)
        ),
        timeout=5000,
    )
    with qtbot.waitSignal(engine.evaluated, timeout=5000):
        document.undo_stack.redo()  # …and housing again
    qtbot.waitUntil(
        lambda: (
            value_of(panel.model, "productive_sdp_m2", 1)
            == pytest.approx(PLAN_PRODUCTIVE)
        ),
        timeout=5000,
    )


def test_family_chart_draws_half_the_baseline_productive_bar(qtbot, document, engine):
    panel = IndicatorsPanel(document, engine)
    qtbot.addWidget(panel)
    panel.resize(320, 420)
    panel.show()
    chart = panel.chart
    now = chart.bar_rect("productive", "scenario")
    before = chart.bar_rect("productive", "baseline")
    assert now.width() == pytest.approx(before.width() / 2)
    housing = chart.bar_rect("housing", "scenario")
    # 736 m² productive; housing 800 × 0.92 × 0.90 = 662.4 m² (R111-22 8°)
    assert housing.width() == pytest.approx(now.width() * 0.9)
    image = chart.grab().toImage()
    centre = now.center().toPoint()
    assert QColor(image.pixel(centre)) == QColor(family_colour("productive"))
    assert chart.bar_rect("tertiary", "scenario").width() > 0  # b2 offices


def test_switching_to_the_baseline_shows_no_delta(qtbot, document, engine):
    panel = IndicatorsPanel(document, engine)
    qtbot.addWidget(panel)
    document.set_scenario("Existing")
    assert value_of(panel.model, "productive_sdp_m2", 1) == pytest.approx(
        BASE_PRODUCTIVE
    )
    assert value_of(panel.model, "productive_sdp_m2", 2) is None
    assert "baseline" in panel.title.text()


# --- findings ---------------------------------------------------------------------


def test_the_inspector_marks_levels_that_findings_target(qtbot, document, engine):
    from PySide6.QtGui import QIcon

    from mixplan.model.commands import SetLevelHeight
    from mixplan.ui.panels.inspector import InspectorPanel

    panel = InspectorPanel(document, engine)
    qtbot.addWidget(panel)
    document.set_selection(["b1"])
    model = panel.levels_model
    ground = model.row_of(0)
    assert model.index(ground, 0).data(Qt.ItemDataRole.DecorationRole) is None
    # 3.5 m is below the 4.5 m a productive ground floor needs (C13).
    with qtbot.waitSignal(engine.evaluated, timeout=5000):
        document.push(SetLevelHeight("Plan A", "b1", 0, 3.5))
    qtbot.waitUntil(
        lambda: model.index(ground, 0).data(Qt.ItemDataRole.DecorationRole) is not None,
        timeout=5000,
    )
    marks = model.level_findings(ground)
    assert any(rule == "C13" for _severity, rule, _message in marks)
    worst = min(marks, key=lambda m: ["error", "warning", "info"].index(m[0]))[0]
    assert worst in ("error", "warning")
    assert isinstance(
        model.index(ground, 0).data(Qt.ItemDataRole.DecorationRole), QIcon
    )
    assert "C13" in model.index(ground, 0).data(Qt.ItemDataRole.ToolTipRole)
    with qtbot.waitSignal(engine.evaluated, timeout=5000):
        document.undo_stack.undo()
    qtbot.waitUntil(lambda: not model.level_findings(ground), timeout=5000)


def test_findings_summary_counts_in_words(qtbot, document, engine):
    from mixplan.ui.i18n import install_language

    install_language("en")
    panel = FindingsPanel(document, engine)
    qtbot.addWidget(panel)
    evaluation = engine.evaluation(document.current_scenario)
    counts = [
        sum(f.severity == s for f in evaluation.findings)
        for s in ("error", "warning", "info")
    ]
    words = [
        f"{n} {word if n == 1 else word + 's'}"
        for n, word in zip(counts, ("error", "warning", "note"), strict=True)
    ]
    assert panel.summary.text() == ", ".join(words)
