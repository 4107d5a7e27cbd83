"""C21: housing on the land of a former ICPE (Code de l'environnement L556-1).

On the engine site (conftest.py), baseline ``C`` is a 100 m² warehouse, box(80, 30,
90, 40), whose default ICPE class is D (déclaration); ``A`` is a craft workshop
(not classified) with flats above.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon, box

from mixplan.engine import evaluate
from mixplan.engine.reference import reference_evaluate
from mixplan.engine.spatial import FootprintIndex
from mixplan.model import Building, Level
from mixplan.model.commands import AddBuilding, RemoveBuilding, ReplaceBuilding
from mixplan.store import open_project, save_project
from tests.engine.test_engine_incremental import same


def c21(project, scenario):
    return [f for f in evaluate(project, scenario).findings if f.rule == "C21"]


def _flats(bid: str, geom) -> Building:
    return Building(bid, "", geom, (Level.of(3.0, "housing"),) * 3)


def test_housing_on_a_demolished_icpe_d(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    RemoveBuilding(name, "C").apply(site_project)
    # flats covering 8 m × 10 m of the former warehouse's 10 m × 10 m
    AddBuilding(name, _flats("H", box(82, 30, 95, 40))).apply(site_project)
    (f,) = c21(site_project, name)
    assert f.severity == "warning" and f.targets == ("H", "C")
    assert f.measured == pytest.approx(80.0)
    assert "demolished" in f.message and "class D" in f.message
    assert "démoli" in f.message_fr and "ATTES" in f.message_fr
    assert "L556-1" in f.source


def test_conversion_of_the_icpe_building_itself(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    c = site_project.scenario(name).buildings["C"]
    converted = replace(c, levels=(Level.of(6.0, "housing"),))
    ReplaceBuilding(name, converted).apply(site_project)
    (f,) = c21(site_project, name)
    assert f.targets == ("C", "C") and "converted" in f.message
    # on its own footprint: all of its 10 m × 10 m
    assert f.measured == 100.0 and "100 m² of its footprint" in f.message


def test_no_finding_when_kept_touching_or_not_classified(
    site_project, with_scenario
) -> None:
    name = with_scenario(site_project)
    # flats touching the kept warehouse, not on it
    AddBuilding(name, _flats("H", box(90, 30, 95, 40))).apply(site_project)
    assert c21(site_project, name) == []
    # an overlap of exactly 1 m² is drawing noise, above it is not
    RemoveBuilding(name, "C").apply(site_project)
    AddBuilding(name, _flats("G", box(89, 39, 90, 40))).apply(site_project)
    assert c21(site_project, name) == []
    ReplaceBuilding(name, _flats("G", box(88.9, 39, 90, 40))).apply(site_project)
    assert len(c21(site_project, name)) == 1
    # A (craft, not classified) demolished and rebuilt as flats: nothing to say
    name2 = with_scenario(site_project, "Other")
    RemoveBuilding(name2, "A").apply(site_project)
    AddBuilding(name2, _flats("F", box(10, 10, 30, 30))).apply(site_project)
    assert c21(site_project, name2) == []


def test_a_class_stated_nc_is_not_a_former_icpe(site_project, with_scenario) -> None:
    c = site_project.baseline.buildings["C"]
    site_project.baseline.buildings["C"] = replace(
        c, levels=(Level.of(6.0, "warehouse", nuisance="NC"),)
    )
    name = with_scenario(site_project)
    RemoveBuilding(name, "C").apply(site_project)
    AddBuilding(name, _flats("H", box(80, 30, 90, 40))).apply(site_project)
    assert c21(site_project, name) == []


def test_boxes_that_meet_are_not_land_that_overlaps(
    site_project, with_scenario
) -> None:
    """Pairs are found by their boxes; only the shapes' overlap counts."""
    name = with_scenario(site_project)
    RemoveBuilding(name, "C").apply(site_project)
    # An L of flats around the former warehouse's corner (80, 30)-(90, 40):
    # its box (70, 20)-(95, 45) holds the whole warehouse, its arms (x 70..78
    # and y 20..28) stay 2 m away from it: no overlap.
    ell = Polygon([(70, 20), (95, 20), (95, 28), (78, 28), (78, 45), (70, 45)])
    AddBuilding(name, _flats("L", ell)).apply(site_project)
    assert c21(site_project, name) == []
    # The arm along y 20..28 grown to y 31: 1 m × 10 m on the land, 10 m²
    ell = Polygon([(70, 20), (95, 20), (95, 31), (78, 31), (78, 45), (70, 45)])
    ReplaceBuilding(name, _flats("L", ell)).apply(site_project)
    (f,) = c21(site_project, name)
    assert f.targets == ("L", "C") and f.measured == 10.0
    assert same(
        evaluate(site_project, name).to_json(),
        reference_evaluate(site_project, name).to_json(),
    )


def test_box_pairs_include_boxes_that_only_touch() -> None:
    index = FootprintIndex(["a", "b"], [box(0, 0, 10, 10), box(20, 0, 30, 10)], None)
    shapes = np.array([box(10, 0, 20, 5), box(10.001, 0, 19.999, 10)], dtype=object)
    which, found = index.box_pairs(shapes)
    # the first touches both boxes at x = 10 and x = 20; the second, 1 mm
    # narrower on each side, neither
    pairs = zip(which.tolist(), found.tolist(), strict=True)
    assert sorted(pairs) == [(0, 0), (0, 1)]


def test_conversion_read_back_from_a_file_covers_all_its_footprint(
    site_project, with_scenario, tmp_path, monkeypatch
) -> None:
    # Shoelace from (80, 30): (0, 0), (10.1, 0), (10, 10.2), (0.3, 10) →
    # (10.1 × 10.2 + 10 × 10 − 0.3 × 10.2) / 2 = (103.02 + 100 − 3.06) / 2 = 99.98 m².
    c = site_project.baseline.buildings["C"]
    land = Polygon([(80, 30), (90.1, 30), (90, 40.2), (80.3, 40)])
    site_project.baseline.buildings["C"] = replace(c, footprint=land)
    name = with_scenario(site_project)
    c = site_project.scenario(name).buildings["C"]
    converted = replace(c, levels=(Level.of(6.0, "housing"),))
    ReplaceBuilding(name, converted).apply(site_project)
    (shared,) = c21(site_project, name)
    # Saved and opened again, the converted building's footprint is read apart
    # from the baseline's (another object, the same coordinates) ...
    path = tmp_path / "site.gpkg"
    save_project(site_project, path)
    opened = open_project(path)
    converted_back = opened.scenario(name).buildings["C"]
    assert converted_back.footprint is not opened.baseline.buildings["C"].footprint
    # ... and still covers all of its land without an overlay being computed
    # (GEOS's overlay of this shape with itself is 99.97999999999999 m²).
    overlaid: list[bytes] = []
    intersection = shapely.intersection

    def counted(a, b, *args, **kwargs):
        overlaid.extend(shapely.to_wkb(np.concatenate([np.ravel(a), np.ravel(b)])))
        return intersection(a, b, *args, **kwargs)

    monkeypatch.setattr(shapely, "intersection", counted)
    (read,) = c21(opened, name)
    assert shapely.to_wkb(land) not in overlaid
    assert shared.measured == read.measured == 99.98
    assert read.message == shared.message and "100 m² of its footprint" in read.message
    assert read.message_fr == shared.message_fr


def test_origins_placed_by_the_evaluator_or_looked_up_give_the_same_findings(
    monkeypatch,
) -> None:
    import sys
    from pathlib import Path

    import mixplan.engine.evaluator as evaluator_module
    from mixplan.engine import Evaluator
    from mixplan.engine.rules_productive import check_c21

    sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    from synthetic import varied_project

    project = varied_project(400, 5, 7)
    contexts = []
    run_rules = evaluator_module.run_rules

    def kept(ctx, *args, **kwargs):
        contexts.append(ctx)
        return run_rules(ctx, *args, **kwargs)

    monkeypatch.setattr(evaluator_module, "run_rules", kept)
    Evaluator(project).evaluate(project.scenarios[1].name)
    ctx = contexts[-1]
    # the evaluator places each origin in the baseline: the position of its id
    position = ctx.baseline_index.position
    assert ctx.origin_positions.tolist() == [position.get(o, -1) for o in ctx.origins]

    def found(ctx) -> list[tuple]:
        return [
            (f.targets, f.measured, f.message, f.message_fr) for f in check_c21(ctx)
        ]

    placed = found(ctx)
    assert len(placed) > 10 and any(t[0] == t[1] for t, *_ in placed)  # converted too
    assert found(replace(ctx, origin_positions=None)) == placed
