"""The incremental Evaluator gives what a fresh evaluation gives, after any edits."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely import affinity
from shapely.geometry import box

from mixplan.engine import Evaluator, evaluate
from mixplan.model import Building, GroundCover, Level, ModelError, Project
from mixplan.model.commands import (
    AddBuilding,
    AddCover,
    AddLevel,
    AddScenario,
    Command,
    RemoveBuilding,
    RemoveCover,
    RenameScenario,
    SetBuildingAttributes,
    SetFootprint,
    SetLevelAccess,
    SetLevelHeight,
    SetLevelLoad,
    SetLevelUses,
    SetRulebookValue,
    SetSiteBoundary,
)
from tests.engine.conftest import make_site_project

USES = [{"craft": 1.0}, {"housing": 1.0}, {"office": 0.5, "craft": 0.5},
        {"warehouse": 1.0}, {"unassigned": 1.0}, {"industry": 0.6, "housing": 0.4},
        {"parking": 1.0}]


def flatten(doc: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(doc, dict):
        out: dict[str, Any] = {}
        for k, v in doc.items():
            out.update(flatten(v, f"{prefix}.{k}"))
        return out
    if isinstance(doc, list):
        out = {}
        for k, v in enumerate(doc):
            out.update(flatten(v, f"{prefix}[{k}]"))
        return out
    return {prefix: doc}


def same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    fa, fb = flatten(a), flatten(b)
    if fa.keys() != fb.keys():
        return False
    for key, x in fa.items():
        y = fb[key]
        if isinstance(x, float) or isinstance(y, float):
            if not math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-6):
                return False
        elif x != y:
            return False
    return True


def random_command(data: st.DataObject, project: Project) -> Command:
    names = [s.name for s in project.scenarios]
    name = data.draw(st.sampled_from(names))
    scenario = project.scenario(name)
    ids = sorted(scenario.buildings)
    kind = data.draw(st.sampled_from(
        ["uses", "height", "move", "remove", "add", "load", "access", "cover",
         "uncover", "rule", "attrs", "level", "site", "copy"]))
    if kind == "copy" and len(names) < 4:
        return AddScenario(f"Copy {len(names)}")
    if kind in ("uses", "height", "move", "remove", "load", "access", "attrs",
                "level", "copy") and not ids:
        kind = "add"
    if kind == "add":
        x = data.draw(st.integers(0, 9)) * 9.0
        y = data.draw(st.integers(0, 4)) * 9.0
        levels = tuple(Level.of(data.draw(st.sampled_from([3.0, 4.5, 5.5])),
                                data.draw(st.sampled_from(USES[:4])),
                                load_kn_m2=data.draw(st.sampled_from([None, 12.0])))
                       for _ in range(data.draw(st.integers(1, 3))))
        origins = [None, *sorted(project.baseline.buildings)]
        origin = (data.draw(st.sampled_from(origins))
                  if scenario is not project.baseline else None)
        bid = f"N{data.draw(st.integers(0, 10_000))}"
        if bid in scenario.buildings:
            bid += "x"
        return AddBuilding(name, Building(bid, "", box(x, y, x + 7, y + 6), levels,
                                          origin=origin))
    if kind == "cover":
        cid = f"c{data.draw(st.integers(0, 1000))}"
        x = data.draw(st.integers(0, 9)) * 10.0
        return AddCover(name, GroundCover(cid, data.draw(st.sampled_from(
            ["open_soil", "yard", "semi_open", "sealed"])), box(x, 0, x + 12, 50)))
    if kind == "uncover":
        if not scenario.cover:
            return SetRulebookValue("C02", "max_coverage", 0.5)
        return RemoveCover(name, data.draw(st.sampled_from(sorted(scenario.cover))))
    if kind == "rule":
        return data.draw(st.sampled_from([
            SetRulebookValue("C09", "per_class", True),
            SetRulebookValue("C13", "assume_slab_on_grade", False),
            SetRulebookValue("assumptions", "sdp_factor", 0.9),
            SetRulebookValue("C05", "existing_buildings", True),
        ]))
    if kind == "site":
        return SetSiteBoundary(box(0, 0, 100, data.draw(st.sampled_from([50, 60]))))
    bid = data.draw(st.sampled_from(ids))
    building = scenario.buildings[bid]
    position = data.draw(st.integers(0, len(building.levels) - 1))
    if kind == "uses":
        return SetLevelUses(name, bid, position, data.draw(st.sampled_from(USES)))
    if kind == "height":
        return SetLevelHeight(name, bid, position,
                              data.draw(st.sampled_from([2.5, 4.0, 4.5, 7.0])))
    if kind == "load":
        return SetLevelLoad(name, bid, position,
                            data.draw(st.sampled_from([None, 4.0, 12.0])))
    if kind == "access":
        return SetLevelAccess(name, bid, position,
                              data.draw(st.sampled_from([None, "street", "none"])))
    if kind == "move":
        dx = data.draw(st.sampled_from([-6.0, -1.0, 1.5, 8.0]))
        return SetFootprint(name, bid, affinity.translate(building.footprint, dx, 0))
    if kind == "remove":
        return RemoveBuilding(name, bid)
    if kind == "level":
        return AddLevel(name, bid, Level.of(3.0, data.draw(st.sampled_from(USES))))
    return SetBuildingAttributes(name, bid, **data.draw(st.sampled_from([
        {"freight_lift_kg": 2500.0}, {"ramp": True}, {"shared": True,
                                                      "parking_spaces": 5},
        {"roof": "green"}, {"loading_bays": 3}])))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_incremental_equals_full_evaluation(data: st.DataObject) -> None:
    project = make_site_project()
    AddScenario("Plan").apply(project)
    evaluator = Evaluator(project)
    for _ in range(data.draw(st.integers(1, 12))):
        try:
            change = random_command(data, project).apply(project)
        except ModelError:
            continue
        if data.draw(st.booleans()):
            evaluator.invalidate(change)
        for scenario in project.scenarios:
            live = evaluator.evaluate(scenario.name).to_json()
            fresh = evaluate(project, scenario.name).to_json()
            assert same(live, fresh), scenario.name


def test_untouched_buildings_keep_their_cached_facts(site_project) -> None:
    AddScenario("Plan").apply(site_project)
    evaluator = Evaluator(site_project)
    evaluator.evaluate("Plan")
    before = dict(evaluator._facts["Plan"])
    change = SetLevelUses("Plan", "A", 1, {"office": 1.0}).apply(site_project)
    evaluator.invalidate(change)
    after = evaluator.evaluate("Plan")
    cached = evaluator._facts["Plan"]
    assert cached["B"][2] is before["B"][2] and cached["C"][2] is before["C"][2]
    assert cached["A"][2] is not before["A"][2]
    assert after.indicators["sdp_by_use_m2"]["office"] > 0


def test_copied_buildings_share_the_baseline_facts(site_project) -> None:
    AddScenario("Plan").apply(site_project)
    evaluator = Evaluator(site_project)
    evaluator.evaluate("Plan")
    base, plan = evaluator._facts["Existing"], evaluator._facts["Plan"]
    assert all(plan[b][2] is base[b][2] for b in base)


def test_rename_keeps_caches(site_project) -> None:
    AddScenario("Plan").apply(site_project)
    evaluator = Evaluator(site_project)
    first = evaluator.evaluate("Plan")
    evaluator.invalidate(RenameScenario("Plan", "Plan B").apply(site_project))
    assert evaluator.evaluate("Plan B").indicators == first.indicators


def test_moved_footprint_meets_a_taller_unchanged_neighbour(site_project) -> None:
    """A small building moved next to a tall one: the tall one's setback applies,
    though its own (cached) neighbour query never saw the small one there."""
    tall = tuple(Level.of(4.0, "office") for _ in range(5))  # 20 m: L ≥ 10 m
    site_project.baseline.buildings["T"] = Building("T", "", box(60, 30, 70, 40),
                                                    tall)
    AddScenario("Plan").apply(site_project)
    small = Building("S", "", box(0, 0, 5, 5), (Level.of(3.0, "office"),))
    evaluator = Evaluator(site_project)
    evaluator.invalidate(AddBuilding("Plan", small).apply(site_project))
    assert not [f for f in evaluator.evaluate("Plan").findings
                if f.rule == "C05" and "T" in f.targets]
    moved = SetFootprint("Plan", "S", box(48, 32, 52, 36))  # 8 m west of T
    evaluator.invalidate(moved.apply(site_project))
    c05 = [f for f in evaluator.evaluate("Plan").findings
           if f.rule == "C05" and "T" in f.targets]
    assert [(f.measured, f.limit) for f in c05] == [(8.0, 10.0)]
