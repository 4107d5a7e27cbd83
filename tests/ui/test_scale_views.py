"""Plan and massing on large scenarios: built in slices, never all at once."""

from __future__ import annotations

from shapely.geometry import box

from mixplan.model import Building, Level, Project, Site
from mixplan.model.commands import AddScenario, RemoveBuilding, SetLevelUses
from mixplan.ui import site_scene
from mixplan.ui.document import ProjectDocument
from mixplan.ui.site_scene import SiteScene


def grid(n: int) -> Project:
    project = Project.new("Grid")
    side = 20
    project.site = Site(box(-5, -5, side * 12 + 5, (n // side + 1) * 12 + 5))
    for k in range(n):
        x, y = (k % side) * 12.0, (k // side) * 12.0
        project.baseline.buildings[f"b{k}"] = Building(
            f"b{k}",
            f"B {k}",
            box(x, y, x + 8, y + 8),
            (Level.of(4.0, "craft"), Level.of(3.0, "housing")),
        )
    AddScenario("S").apply(project)
    return project


def test_a_large_rebuild_runs_in_slices_and_follows_edits_made_meanwhile(
    qtbot, monkeypatch
):
    monkeypatch.setattr(site_scene, "REBUILD_SLICE_S", 0.0)  # yield every chunk
    document = ProjectDocument(Project.new("Empty"))
    scene = SiteScene(document)
    document.replace_project(grid(300), None)
    assert scene.rebuilding
    assert not scene.buildings  # the first slice at a later turn, not in this one
    qtbot.waitUntil(lambda: bool(scene.buildings), timeout=5000)
    assert scene.rebuilding and len(scene.buildings) < 300  # a slice at a time
    document.push(RemoveBuilding("Existing", "b299"))  # while it runs
    with qtbot.waitSignal(scene.rebuilt, timeout=5000):
        pass
    assert not scene.rebuilding
    assert len(scene.buildings) == 299 and "b299" not in scene.buildings
    assert scene.site_item is not None


def test_a_small_rebuild_is_done_at_once(qapp):
    document = ProjectDocument(grid(50))
    scene = SiteScene(document)
    assert not scene.rebuilding and len(scene.buildings) == 50
    document.set_scenario("S")
    assert not scene.rebuilding and len(scene.buildings) == 50
    document.push(SetLevelUses("S", "b3", 1, {"office": 1.0}))
    assert scene.buildings["b3"].building is document.scenario.buildings["b3"]


def test_massing_far_out_draws_blocks_and_details_what_is_framed(qtbot):
    from PySide6.QtGui import QColor

    from mixplan.report.palette import use_colour
    from mixplan.ui.massing import MassingView

    document = ProjectDocument(grid(400))
    view = MassingView(document)
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show()
    qtbot.waitExposed(view)
    image = view.grab().toImage()
    blocks = view._blocks
    assert len(blocks) == 400
    # 8 m buildings across a 240 m site in 500 px: a few pixels each, blocks only.
    assert all(b.shape is None for b in blocks.values())
    centre = view._transform.map(blocks["b0"].bounds.center()).toPoint()
    roof = QColor(use_colour("housing"))
    seen = QColor(image.pixel(centre))
    assert abs(seen.hueF() - roof.hueF()) < 0.05
    view.frame(["b0"])
    view.grab()
    qtbot.waitUntil(lambda: blocks["b0"].shape is not None, timeout=5000)
    assert blocks["b399"].shape is None  # far off screen: never detailed


def test_an_edit_remakes_one_block(qtbot):
    from mixplan.ui.massing import MassingView

    document = ProjectDocument(grid(100))
    view = MassingView(document)
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    view.grab()
    before = dict(view._blocks)
    document.push(SetLevelUses("Existing", "b7", 1, {"office": 1.0}))
    view.grab()
    after = view._blocks
    changed = [b for b in after if after[b] is not before[b]]
    assert changed == ["b7"]


def test_the_compare_view_shows_the_live_results_and_waits_for_them(qtbot):
    from mixplan.ui.live_engine import LiveEngine
    from mixplan.ui.panels.compare import CompareTableModel

    document = ProjectDocument(grid(30))
    engine = LiveEngine(document, threaded=False)
    model = CompareTableModel(document, engine)  # before any evaluation came
    assert model.evaluations == {"Existing": None, "S": None}
    qtbot.waitUntil(lambda: None not in model.evaluations.values(), timeout=5000)
    assert model.evaluations["S"] is engine.evaluation("S")
    assert model.evaluations["Existing"] is engine.evaluation("Existing")


def _massing(qtbot, document, monkeypatch, chunk: int):
    from mixplan.ui import massing

    monkeypatch.setattr(massing, "BLOCK_CHUNK", chunk)
    monkeypatch.setattr(massing, "BUILD_SLICE_S", 0.0)  # a slice per chunk
    view = massing.MassingView(document)
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_massing_of_many_buildings_is_made_in_slices(qtbot, monkeypatch):
    document = ProjectDocument(grid(600))
    view = _massing(qtbot, document, monkeypatch, chunk=50)
    view.grab()  # the first painting starts the build: one chunk, then it yields
    assert view.building_view
    assert 0 < len(view._made) < 600 and view._blocks == {}
    qtbot.waitUntil(lambda: not view.building_view, timeout=10_000)
    assert set(view._blocks) == set(document.scenario.buildings)
    depths = [b.depth for b in view._order]
    assert depths == sorted(depths, reverse=True)  # far to near
    assert set(view._legend) == {"craft", "housing"}


def test_edits_and_a_switch_during_the_massing_build_are_not_lost(qtbot, monkeypatch):
    project = grid(600)
    document = ProjectDocument(project)
    view = _massing(qtbot, document, monkeypatch, chunk=50)
    view.grab()
    assert view.building_view
    document.push(RemoveBuilding("Existing", "b3"))
    document.push(SetLevelUses("Existing", "b599", 1, {"office": 1.0}))
    view.grab()
    qtbot.waitUntil(lambda: not view.building_view, timeout=10_000)
    blocks = view._blocks
    assert len(blocks) == 599 and "b3" not in blocks
    assert blocks["b599"].building is document.scenario.buildings["b599"]
    assert "office" in view._legend
    # A switch while building: the other scenario's buildings, none left over.
    document.push(RemoveBuilding("S", "b10"))
    document.set_scenario("S")
    view.grab()
    document.set_scenario("Existing")
    document.set_scenario("S")
    view.grab()
    qtbot.waitUntil(lambda: not view.building_view, timeout=10_000)
    assert set(view._blocks) == set(document.scenario.buildings)
    # S kept b3 as it was: its removal from the existing state reached S.
    assert "b10" not in view._blocks and "b3" not in view._blocks
    assert all(
        block.building is document.scenario.buildings[bid]
        for bid, block in view._blocks.items()
    )
