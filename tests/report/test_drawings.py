"""Drawings of the report: scale, labels, massing faces, stacking, balance."""

from __future__ import annotations

import re

import pytest
from shapely.geometry import box

from mixplan.model import Building, Level, Project, Scenario, Site
from mixplan.report.balance import class_flows, productive_balance
from mixplan.report.drawkit import dominant_family
from mixplan.report.fonts import register_fonts
from mixplan.report.massing import massing
from mixplan.report.plan import POINTS_PER_METRE, nice_scale, site_plan
from mixplan.report.stacking import MAX_BUILDINGS, stacking
from tests.report.conftest import small_project, workshop


def _path_points(operators: str) -> list[tuple[float, float]]:
    return [
        (float(x), float(y))
        for x, y in re.findall(r"(-?[\d.]+) (-?[\d.]+) [ml]", operators)
    ]


def test_plan_is_drawn_to_its_stated_scale() -> None:
    register_fonts()
    project = Project(
        "p",
        site=Site(box(0, 0, 200, 100)),
        scenarios=[Scenario.of("Existing", [workshop("a", "A", 0, 0)])],
    )
    plan = site_plan(project, project.baseline, "fr", 500, 400)
    # 200 m must fit 500 - 2 x 14 pt: 200 x 2834.6 / 472 = 1201 -> 1:1 250
    assert plan.scale == 1250 == nice_scale(200 * POINTS_PER_METRE / 472)
    # paths in drawing order: the frame, the building, the site boundary
    frame, building, boundary = plan.drawing.under.operators
    assert boundary.endswith("S") and "[6 2 1.5 2] 0 d" in boundary
    xs = [x for x, _ in _path_points(building)]
    # the 40 m workshop measures 40 m at 1:1 250 on paper: 32 mm = 90.7 pt
    assert abs((max(xs) - min(xs)) - 40 * POINTS_PER_METRE / 1250) < 0.02
    assert plan.labels_shown == 1 and plan.families == ["productive"]


def test_labels_never_overlap_and_are_capped() -> None:
    from reportlab.graphics.shapes import Rect

    register_fonts()
    buildings = [
        Building(
            f"b{i}",
            f"Hangar numéro {i}",
            box(
                (i % 30) * 14.0,
                (i // 30) * 14.0,
                (i % 30) * 14.0 + 11,
                (i // 30) * 14.0 + 11,
            ),
            (Level.of(4.0, "craft"),),
        )
        for i in range(600)
    ]
    project = Project("p", scenarios=[Scenario.of("Existing", buildings)])
    plan = site_plan(project, project.baseline, "fr", 495, 560)
    boxes = [
        (r.x, r.y, r.x + r.width, r.y + r.height)
        for r in plan.drawing.over.contents[0].contents
        if isinstance(r, Rect) and r.fillOpacity == 0.72
    ]
    assert len(boxes) == plan.labels_shown
    assert 0 < plan.labels_shown < 600
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_massing_draws_the_walls_facing_the_viewer() -> None:
    register_fonts()
    tower = Building(
        "t",
        "T",
        box(0, 0, 20, 20),
        (
            Level.of(4.0, "craft"),
            Level.of(3.0, "housing"),
            Level.of(3.0, {"housing": 0.5, "office": 0.5}),
        ),
    )
    project = Project("p", scenarios=[Scenario.of("Existing", [tower])])
    drawing = massing(project, project.baseline, "en", 400, 300)
    operators = drawing.drawing.under.operators
    # seen from the south-west: the south and west walls of each level; two
    # single-use levels give 2 filled-and-outlined walls each; the mixed level
    # gives 2 stripes + 1 outline per wall; one roof
    assert sum("B*" in op for op in operators) == 2 + 2 + 1
    assert sum(op.endswith("f*") for op in operators) == 4
    assert sum(op.endswith("\nS") for op in operators) == 2
    assert drawing.uses == ["craft", "housing", "office"]


def test_stacking_caps_large_scenarios() -> None:
    register_fonts()
    buildings = [
        Building(
            f"b{i}",
            f"B{i}",
            box(i * 30, 0, i * 30 + 10 + i % 7, 10),
            (Level.of(4.0, "craft"),),
        )
        for i in range(300)
    ]
    drawn = stacking(Scenario.of("S", buildings), "fr", 495)
    assert (drawn.shown, drawn.total) == (MAX_BUILDINGS, 300)


def test_dominant_family_by_floor_area() -> None:
    b = Building(
        "b", "B", box(0, 0, 10, 10), (Level.of(6.0, "parking"), Level.of(3.0, "office"))
    )
    assert dominant_family(b) == "tertiary"  # parking is not floor area
    only_parking = Building("p", "P", box(0, 0, 10, 10), (Level.of(3.0, "parking"),))
    assert dominant_family(only_parking) == "non_floor_area"


def test_class_flows_follow_origins() -> None:
    # a 100 m² craft hall split in 60 + 30, plus a new 20 m² workshop
    row = class_flows(
        "craft",
        {"a": 100.0, "b": 50.0},
        [("a", 60.0), ("a", 30.0), (None, 20.0), ("b", 80.0)],
    )
    assert (row.before_m2, row.kept_m2, row.lost_m2, row.gained_m2) == (
        150.0,
        140.0,
        10.0,
        50.0,
    )
    assert row.after_m2 == 190.0


def test_balance_by_class_matches_the_engine_totals() -> None:
    from mixplan.engine import evaluate

    project = small_project()
    rows = productive_balance(project, "Raised")
    ind = evaluate(project, "Raised").indicators
    assert [r.use for r in rows] == ["craft"]
    (craft,) = rows
    assert abs(craft.kept_m2 - ind["productive_kept_m2"]) < 1e-6
    assert abs(craft.lost_m2 - ind["productive_lost_m2"]) < 1e-6
    assert abs(craft.gained_m2 - ind["productive_gained_m2"]) < 1e-6
    assert abs(craft.before_m2 - 2 * 800 * 0.92) < 1e-6


def test_balance_by_class_from_the_evaluators_facts_is_the_same() -> None:
    from mixplan.engine import Evaluator

    project = small_project()
    evaluator = Evaluator(project)
    facts = evaluator.building_facts("Raised")
    base_facts = evaluator.building_facts("Existing")
    rows = productive_balance(project, "Raised", facts, base_facts)
    assert rows == productive_balance(project, "Raised")
    (craft,) = rows
    assert abs(craft.before_m2 - 2 * 800 * 0.92) < 1e-6
    existing = productive_balance(project, "Existing", baseline_facts=base_facts)
    assert existing == productive_balance(project, "Existing")
    assert [(r.before_m2, r.lost_m2, r.gained_m2) for r in existing] == [
        (craft.before_m2, 0.0, 0.0)
    ]


def test_plan_shows_baseline_outlines_and_buildings_in_error() -> None:
    register_fonts()
    project = small_project()
    scenario = project.scenario("Raised")
    plan = site_plan(
        project,
        scenario,
        "en",
        495,
        500,
        baseline=project.baseline,
        error_ids=frozenset({"a"}),
    )
    operators = plan.drawing.under.operators
    # the two baseline footprints, dashed grey, unfilled, in one path (one
    # stroke state, a closed subpath each), then the site boundary
    outlines = [op for op in operators if op.endswith("\nS")]
    assert len(outlines) == 2
    assert outlines[0].startswith("0.604 0.604 0.604 RG 0.60 w [2.5 1.5] 0 d\n")
    assert outlines[0].count(" m\n") == outlines[0].count("\nh") == 2
    # a 100 m site in 467 pt needs 1:607, so 1:750; box(5, 5, 45, 25) is then
    # 40 × 20 m = 151.18 × 75.59 pt on paper
    corners = [
        tuple(map(float, line.split()[:2]))
        for line in outlines[0].splitlines()
        if line.endswith((" m", " l"))
    ]
    xs = sorted({x for x, _ in corners[:5]})
    ys = sorted({y for _, y in corners[:5]})
    assert plan.scale == 750
    assert xs[1] - xs[0] == pytest.approx(151.18, abs=0.02)
    assert ys[1] - ys[0] == pytest.approx(75.59, abs=0.02)
    # building "a" carries an error: outlined in red (#C62828), 1.2 pt
    assert sum("0.776 0.157 0.157 RG 1.20 w" in op for op in operators) == 1
    # "a" now has three storeys of flats over one workshop: housing dominates
    assert plan.families == ["housing", "productive"]


def test_massing_draws_buildings_too_small_on_paper_as_one_prism():
    """Level of detail: a 10 m shed on a 2 km site is under 4 pt at 300 pt wide."""
    from shapely.geometry import box as make_box

    from mixplan.model import Building, Level, Project, Scenario, Site
    from mixplan.report.massing import BLOCK_BELOW_PT, massing

    def storeys():
        return (
            Level.of(5.0, {"craft": 0.5, "retail": 0.5}),
            Level.of(3.0, "housing"),
            Level.of(3.0, "housing"),
        )

    project = Project.new("LOD")
    project.site = Site(make_box(0, 0, 2000, 2000))
    small = Building("s", "Shed", make_box(100, 100, 110, 110), storeys())
    big = Building("b", "Hall", make_box(1000, 1000, 1400, 1400), storeys())
    alone = massing(project, Scenario.of("S", [small]), "en", 300, 300)
    both = massing(project, Scenario.of("S", [small, big]), "en", 300, 300)
    ground = 1  # the site

    def painted(drawing) -> list[str]:
        """The painting operator ending each path, in drawing order."""
        text = "\n".join(drawing.under.operators)
        return [line for line in text.splitlines() if line in ("f*", "B*", "S")]

    # The site (filled and stroked), then the shed: a box shows two walls to
    # the viewer (filled quads, far first) and the roof (filled and outlined).
    assert painted(alone.drawing) == ["B*", "f*", "f*", "B*"]
    shed = len(painted(alone.drawing)) - ground
    # The hall is drawn storey by storey, mixed storeys striped by use.
    assert len(painted(both.drawing)) - ground - shed > 3 * 3
    assert set(alone.uses) == {"craft", "retail", "housing"}
    assert BLOCK_BELOW_PT == 4.0


def test_balance_by_class_in_one_pass_equals_class_flows_on_a_varied_park() -> None:
    """The one-pass sums are class_flows' (the definition, checked by hand above)
    over every building, to the last bit, on buildings no two alike."""
    import sys
    from pathlib import Path

    from mixplan.engine import Evaluator
    from mixplan.report.balance import PRODUCTIVE_CLASSES

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import synthetic

    project = synthetic.varied_project(300, seed=3)
    evaluator = Evaluator(project)
    base = evaluator.building_facts("Existing")
    for name in ("Existing", "Scenario"):
        facts = evaluator.building_facts(name)
        scenario = project.scenario(name)
        continues = [
            (bid if name == "Existing" else b.origin, facts[bid].grade_by_use)
            for bid, b in scenario.buildings.items()
        ]
        expected = []
        for use in PRODUCTIVE_CLASSES:
            row = class_flows(
                use,
                {bid: f.grade_by_use.get(use, 0.0) for bid, f in base.items()},
                [(origin, grades.get(use, 0.0)) for origin, grades in continues],
            )
            if row.before_m2 > 0 or row.after_m2 > 0:
                expected.append(row)
        assert len(expected) >= 3
        assert productive_balance(project, name, facts, base) == expected


def test_rows_formatted_in_bulk_read_as_formatted_one_by_one() -> None:
    import numpy as np

    from mixplan.report.drawkit import _ROWS_AT_ONCE, formatted_rows

    # one chunk and one row more; rounding halves, negatives, large values
    rows = np.random.default_rng(7).uniform(-1e4, 1e4, size=(_ROWS_AT_ONCE + 1, 3))
    rows[0] = (0.125, -0.005, 12345.675)
    pattern = "%.3f %.2f\nx %.2f"
    assert formatted_rows(pattern, rows) == [pattern % tuple(r) for r in rows.tolist()]
    assert formatted_rows(pattern, rows[:0]) == []
