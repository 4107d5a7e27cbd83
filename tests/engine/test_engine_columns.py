"""The columnar facts against the per-building walk, exactly, on random buildings.

:func:`~mixplan.engine.columns.columnar_facts` (what the Evaluator uses) must give,
field by field and to the last bit, what :func:`building_facts` (what the
reference evaluation uses) gives for each building: floor areas, grades, heights,
issues with their wording, even the order of the per-use dictionaries. The
buildings are evaluated together, so a row read into the wrong building (the
level above the top level is the next building's ground floor) shows.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box

import mixplan.engine.facts_cache as facts_cache_module
import mixplan.engine.level_rows as level_rows_module
import mixplan.engine.scenario_state as scenario_state_module
from mixplan.engine import Evaluator
from mixplan.engine.columns import columnar_facts, facts_batch
from mixplan.engine.facts import (
    Assumptions,
    BuildingFacts,
    building_facts,
    facts_rows,
)
from mixplan.engine.level_rows import LevelRows
from mixplan.engine.reference import reference_evaluate
from mixplan.model import USES, Building, Level, Project, Rulebook
from mixplan.model.commands import AddScenario, SetBuildingAttributes
from mixplan.model.project import Allocation
from mixplan.model.uses import NUISANCE_CLASSES
from tests.engine.conftest import make_site_project
from tests.engine.test_engine_incremental import same

CODES = sorted(USES)


@st.composite
def levels(draw: st.DrawFn) -> Level:
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=3, unique=True))
    weights = [draw(st.integers(1, 4)) for _ in codes]
    shares = [w / sum(weights) for w in weights]
    shares[-1] = 1.0 - math.fsum(shares[:-1])
    uses = tuple(
        Allocation(code, share, draw(st.none() | st.sampled_from(NUISANCE_CLASSES)))
        for code, share in zip(codes, shares, strict=True)
    )
    return Level(
        draw(st.sampled_from([1.5, 1.8, 2.5, 3.0, 4.0, 4.5, 6.0, 4.25])),
        uses,
        draw(st.sampled_from([None, 2.5, 3.0, 5.0, 7.5, 12.0])),
        draw(st.sampled_from([None, "street", "yard", "ramp", "none", "freight_lift"])),
        draw(st.sampled_from([None, box(0, 0, 5, 10), box(0, 0, 7.5, 3.1)])),
    )


@st.composite
def buildings(draw: st.DrawFn, key: int) -> Building:
    stack = tuple(draw(st.lists(levels(), min_size=1, max_size=5)))
    return Building(
        f"b{key}",
        "",
        box(0, 0, draw(st.sampled_from([10.0, 12.3, 40.0])), 10),
        stack,
        basements=draw(st.integers(0, len(stack) - 1)),
        freight_lift_kg=draw(st.sampled_from([0.0, 1500.0, 2000.0, 3000.0])),
        ramp=draw(st.booleans()),
        loading_bays=draw(st.integers(0, 2)),
        parking_spaces=draw(st.sampled_from([0, 7])),
        roof=draw(st.sampled_from(["plain", "green"])),
        shared=draw(st.booleans()),
        common_parts=draw(st.booleans()),
    )


@st.composite
def parks(draw: st.DrawFn) -> tuple[list[Building], list[Building | None]]:
    count = draw(st.integers(1, 6))
    values = [draw(buildings(k)) for k in range(count)]
    origins: list[Building | None] = []
    for b in values:
        kind = draw(st.sampled_from(["self", "none", "lifted", "renamed"]))
        if kind == "self":
            origins.append(b)
        elif kind == "none":
            origins.append(None)
        elif kind == "lifted":
            origins.append(replace(b, freight_lift_kg=b.freight_lift_kg + 500.0))
        else:
            origins.append(replace(b, name="other"))
    return values, origins


def rulebooks() -> st.SearchStrategy[Rulebook]:
    def make(slab: bool, access: bool, regime: str, lift: float) -> Rulebook:
        rb = Rulebook()
        rb.set("C13", "assume_slab_on_grade", slab)
        rb.set("C13", "assume_ground_access", access)
        rb.set("C15", "max_nuisance_under_housing", regime)
        rb.set("C14", "max_m2_per_lift", lift)
        return rb

    return st.builds(
        make,
        st.booleans(),
        st.booleans(),
        st.sampled_from(["NC", "D", "DC", "E"]),
        st.sampled_from([2000.0, 150.0]),
    )


@settings(max_examples=200, deadline=None)
@given(parks(), rulebooks())
def test_columns_give_exactly_the_walk(
    park: tuple[list[Building], list[Building | None]], rb: Rulebook
) -> None:
    values, origins = park
    a = Assumptions.of(rb)
    areas = shapely.area([b.footprint for b in values])
    walked = [
        building_facts(b, o, a, footprint_m2=x)
        for b, o, x in zip(values, origins, areas.tolist(), strict=True)
    ]
    batch = facts_batch(values, origins, a, areas)
    columned = batch.facts
    assert columned == columnar_facts(values, origins, a, areas)
    assert len(columned) == len(walked)
    # The matrix made from the columns: the rows of the objects, to the bit.
    assert batch.rows.tobytes() == facts_rows(walked).tobytes()
    # Levels taken from another batch that read the same Level objects (the
    # origins share them at the same positions; the top level of each is new,
    # read again).
    others = [
        replace(o, levels=(*o.levels[:-1], Level.of(2.6, "office")))
        for o in origins
        if o is not None
    ]
    if others:
        known = facts_batch(
            others, others, a, shapely.area([b.footprint for b in others])
        ).levels
        reusing = facts_batch(values, origins, a, areas, known=known)
        assert reusing.facts == columned
        assert reusing.rows.tobytes() == batch.rows.tobytes()
    for w, c in zip(walked, columned, strict=True):
        assert c == w
        for name in BuildingFacts.fields:
            expected, got = getattr(w, name), getattr(c, name)
            assert got == expected, (w.id, name)
            # (an empty sum is the int 0 in the walk, 0.0 here: the same number)
            if not isinstance(expected, int) or isinstance(expected, bool):
                assert type(got) is type(expected), (w.id, name)
            if isinstance(expected, dict):
                assert list(got) == list(expected), (w.id, name)
        for issues in (w.non_grade, w.assumed, w.typical_load, w.unserved, w.stacking):
            for issue in issues:
                assert issue.detail_en  # worded when read


def test_no_buildings() -> None:
    assert columnar_facts([], [], Assumptions.of(Rulebook()), []) == []


def test_stacking_does_not_read_the_next_building() -> None:
    """E at the top of one building, housing on the ground floor of the next:
    nothing is directly above the E level (the flat level rows are adjacent)."""
    a = Assumptions.of(Rulebook())
    top_e = Building(
        "x", "", box(0, 0, 10, 10),
        (Level.of(3.0, "housing"), Level.of(5.0, "craft", nuisance="E")),
    )  # fmt: skip
    housing = Building("y", "", box(20, 0, 30, 10), (Level.of(3.0, "housing"),))
    facts = columnar_facts([top_e, housing], [None, None], a, [100.0, 100.0])
    assert facts[0].stacking == ()
    under = replace(top_e, levels=top_e.levels[::-1])
    facts = columnar_facts([under, housing], [None, None], a, [100.0, 100.0])
    assert [i.target for i in facts[0].stacking] == ["x#0"]


# --- the oracle catches a columnar engine that ignores a field ----------------------


def _access_project() -> Project:
    """A productive upper floor whose only service is its ramp access."""
    project = make_site_project()
    project.baseline.buildings["R"] = Building(
        "R", "Ramp", box(30, 30, 45, 45),
        (Level.of(5.0, "craft", load_kn_m2=12.0, access="street"),
         Level.of(4.5, "craft", load_kn_m2=12.0, access="ramp")),
    )  # fmt: skip
    return project


def _without(field: str, value: object) -> Any:
    """A mutant building reader giving ``value`` as every building's ``field``."""
    real = level_rows_module._read_buildings
    at = level_rows_module._BUILDING_FIELD_NAMES.index(field)

    def read(buildings: list[Building]) -> tuple[list[Any], ...]:
        fields = list(real(buildings))
        fields[at] = [value] * len(buildings)
        return tuple(fields)

    return read


@pytest.mark.parametrize(
    ("ignored", "mutant_reader"),
    [
        # every access read as "not stated"
        ("_ACCESS_CODES", lambda accesses: np.full(len(accesses), -1, np.intp)),
        ("_read_buildings", _without("loading_bays", 0)),
        ("_read_buildings", _without("shared", False)),
    ],
)
def test_the_oracle_catches_columns_that_ignore_a_field(
    monkeypatch: pytest.MonkeyPatch, ignored: str, mutant_reader: object
) -> None:
    """With the real columns the Evaluator agrees with the reference; with a
    mutant reading no level access (or no loading bays, or no pooling) it does not."""
    for mutant in (False, True):
        if mutant:
            monkeypatch.setattr(level_rows_module, ignored, mutant_reader)
        project = _access_project()
        AddScenario("Plan").apply(project)
        SetBuildingAttributes("Plan", "A", loading_bays=3, shared=True).apply(project)
        evaluator = Evaluator(project)
        for name in ("Existing", "Plan"):
            live = evaluator.evaluate(name).to_json()
            oracle = reference_evaluate(project, name).to_json()
            if not mutant:
                assert same(live, oracle), name
        assert same(live, oracle) is not mutant, (ignored, mutant)


def _varied(count: int, seed: int) -> Project:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    import synthetic

    return synthetic.varied_project(count, seed=seed)


def test_cold_matrices_come_from_the_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold baseline and a scenario copied from it take their facts matrix from
    the columns (the baseline's rows for the buildings they share): never from
    the facts objects, yet the same rows to the bit."""
    project = _varied(120, 5)

    def no_objects(*_: object) -> None:
        raise AssertionError("matrix made from the facts objects")

    monkeypatch.setattr(scenario_state_module, "facts_matrix", no_objects)
    evaluator = Evaluator(project)
    for name in ("Scenario", "Existing"):
        evaluator.evaluate(name)
        state = evaluator._states[name]
        walked = [BuildingFacts(*f.field_values()) for f in state.facts]
        assert state.matrix.tobytes() == facts_rows(walked).tobytes(), name
    monkeypatch.undo()
    for name in ("Existing", "Scenario"):
        assert same(
            evaluator.evaluate(name).to_json(),
            reference_evaluate(project, name).to_json(),
        )


def test_the_oracle_catches_a_copy_without_the_shared_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A mutant copy that leaves the shared buildings' rows empty: the baseline
    agrees with the reference evaluation, the scenario does not."""
    project = _varied(60, 2)
    evaluator = Evaluator(project)
    copy = facts_cache_module.copy_facts

    def mutant(*args: Any) -> Any:
        copied = copy(*args)
        base = {id(f) for f in evaluator._facts_cache.snapshots["Existing"].facts}
        assert copied.matrix is not None
        for p, f in enumerate(copied.facts):
            if id(f) in base:
                copied.matrix[p] = 0.0
        return copied

    monkeypatch.setattr(facts_cache_module, "copy_facts", mutant)
    for name, agrees in (("Existing", True), ("Scenario", False)):
        live = evaluator.evaluate(name).to_json()
        assert same(live, reference_evaluate(project, name).to_json()) is agrees


def test_the_oracle_catches_levels_reused_from_the_wrong_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A scenario copied after its cold baseline (evaluated after it, or first:
    the baseline's pass then runs first in the same evaluation, its levels kept
    until the scenario is seen) takes the rows of the Level objects it shares
    from the baseline's pass. A mutant that takes the row after each shared
    level's: the oracle tells."""
    project = _varied(60, 4)
    known_rows = level_rows_module.known_rows

    def next_row(*args: Any) -> Any:
        rows = known_rows(*args)
        known: LevelRows = args[5]
        return np.where(rows >= 0, np.minimum(rows + 1, len(known.levels) - 1), -1)

    for mutant, first in ((False, True), (True, True), (False, False), (True, False)):
        if mutant:
            monkeypatch.setattr(level_rows_module, "known_rows", next_row)
        evaluator = Evaluator(project)
        if first:
            evaluator.evaluate("Existing")
        live = evaluator.evaluate("Scenario").to_json()
        monkeypatch.undo()
        oracle = reference_evaluate(project, "Scenario").to_json()
        assert same(live, oracle) is not mutant
