"""U02's fingerprints made from the level rows the engine has read.

The digests are stored in project files: made from the rows of a baseline's
cold pass, they must be the plain encoder's (the oracle of
tests/model/test_digest_encoding.py), and a building whose levels are not the
objects the rows were read from must not take them.
"""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from mixplan.engine import Evaluator, evaluator
from mixplan.engine.digest_rows import DigestStore, digests_from_rows
from mixplan.engine.level_rows import LevelRows, read_rows
from mixplan.model import Building, Level, sameness
from mixplan.model.commands import AddScenario, Command, SetLevelHeight
from mixplan.model.sameness import _DIGESTS, digest_text
from mixplan.store import open_project, save_project
from tests.engine.conftest import make_site_project
from tests.model.test_digest_encoding import SHED, _building, _plain_digest
from tests.model.test_fingerprint import _outdated_by_definition, steps, take_step
from tests.model.test_remove_buildings import _park


def _rows(buildings: list[Building]):  # type: ignore[no-untyped-def]
    areas = shapely.area(np.array([b.footprint for b in buildings], dtype=object))
    return read_rows(buildings, areas)


def _distinct_ids(buildings: list[Building]) -> list[Building]:
    return [replace(b, id=f"{b.id}-{k}") for k, b in enumerate(buildings)]


@settings(max_examples=60, deadline=None)
@given(st.lists(_building, min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_digests_from_rows_are_the_plain_encoders(
    buildings: list[Building], random: object
) -> None:
    buildings = _distinct_ids(buildings)
    rows = _rows(buildings)
    # U02 asks for some of the baseline's buildings, in its own order.
    asked = list(buildings)
    random.shuffle(asked)  # type: ignore[attr-defined]
    asked = asked[: max(1, len(asked) // 2 + 1)]
    _DIGESTS.clear()
    assert digests_from_rows(asked, rows) == [_plain_digest(b) for b in asked]
    # Told which buildings the rows were read from (and each id's row): the
    # very buildings read take their rows without their levels looked at.
    _DIGESTS.clear()
    row_of_id = {b.id: k for k, b in enumerate(buildings)}
    assert digests_from_rows(asked, rows, buildings, row_of_id) == [
        _plain_digest(b) for b in asked
    ]


def test_levels_that_are_not_the_rows_objects_are_read_again(
    monkeypatch: object,
) -> None:
    shed = replace(SHED, id="A")
    other = replace(SHED, id="B", name="Other")
    rows = _rows([shed, other])
    # The same id, an equal value, but other Level objects (a baseline edited
    # since the rows were read would hold other objects too): its rows are not
    # taken. Then the encoder is not given columns.
    raised = replace(shed, levels=(*shed.levels, Level.of(3.2, "office")))
    equal = replace(shed, levels=tuple(replace(lv) for lv in shed.levels))
    given_columns: list[object] = []
    encode = sameness.building_digests

    def spy(
        buildings: list[Building], levels: object = None, field_values: object = None
    ) -> list[str]:
        given_columns.append(levels)
        return encode(buildings, levels, field_values)  # type: ignore[arg-type]

    import mixplan.engine.digest_rows as module

    monkeypatch.setattr(module, "building_digests", spy)  # type: ignore[attr-defined]
    for asked in ([other, shed], [other, raised], [equal], [replace(shed, id="C")]):
        # Told which buildings were read, or not: a building that is not the
        # very one read is looked at level by level all the same.
        for read in (None, [shed, other]):
            _DIGESTS.clear()
            given_columns.clear()
            assert digests_from_rows(asked, rows, read) == [
                _plain_digest(b) for b in asked
            ]
            taken = given_columns[0] is not None
            assert taken == (asked == [other, shed])
    assert digests_from_rows([], rows) == []


def test_an_opened_file_finds_its_outdated_changes_from_the_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Plan changed A's ground floor; the existing state's A was surveyed again
    # since (its first floor): U02 names A in the first evaluation of the file
    # opened again, its origin fingerprinted from the baseline's rows; Plan's
    # other change (B, whose existing state stayed) is not outdated.
    project = make_site_project()
    AddScenario("Plan").apply(project)
    SetLevelHeight("Plan", "A", 0, 5.5).apply(project)
    SetLevelHeight("Plan", "B", 0, 4.5).apply(project)
    SetLevelHeight("Existing", "A", 1, 3.2).apply(project)
    path = tmp_path / "p.mixplan.gpkg"
    save_project(project, path)
    opened = open_project(path)
    calls: list[int] = []

    def counted(buildings: list[Building], rows: LevelRows, **known: Any) -> list[str]:
        calls.append(len(buildings))
        return digests_from_rows(buildings, rows, **known)

    monkeypatch.setattr(evaluator, "digests_from_rows", counted)
    _DIGESTS.clear()
    ev = Evaluator(opened)
    u02 = [f.targets for f in ev.evaluate("Plan").findings if f.rule == "U02"]
    assert u02 == [("A",)] and calls == [2]
    # An edit later: the rows are gone, the digests remembered.
    SetLevelHeight("Plan", "B", 0, 4.6).apply(opened)
    u02 = [f.targets for f in ev.evaluate("Plan").findings if f.rule == "U02"]
    assert u02 == [("A",)] and calls == [2]


def test_the_rows_serve_a_scenario_evaluated_after_its_existing_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As the editor, the report and the comparison do: the existing state
    # first, then the scenario, in another call. The baseline's rows are kept
    # until every scenario has been seen, then let go; an edit of the existing
    # state lets them go at once (they read buildings that are gone).
    project = make_site_project()
    AddScenario("Plan").apply(project)
    AddScenario("Copy").apply(project)
    SetLevelHeight("Plan", "A", 0, 5.5).apply(project)
    SetLevelHeight("Existing", "A", 1, 3.2).apply(project)
    path = tmp_path / "p.mixplan.gpkg"
    save_project(project, path)
    calls: list[int] = []

    def counted(buildings: list[Building], rows: LevelRows, **known: Any) -> list[str]:
        if buildings:  # (Copy changed nothing: asked for no digest)
            calls.append(len(buildings))
        return digests_from_rows(buildings, rows, **known)

    monkeypatch.setattr(evaluator, "digests_from_rows", counted)

    def u02(ev: Evaluator, name: str) -> list[tuple[str, ...]]:
        return [f.targets for f in ev.evaluate(name).findings if f.rule == "U02"]

    _DIGESTS.clear()
    ev = Evaluator(open_project(path))
    assert u02(ev, "Existing") == [] and ev._facts_cache.baseline_levels is not None
    assert u02(ev, "Plan") == [("A",)] and calls == [1]
    assert ev._facts_cache.baseline_levels is not None  # Copy not seen yet
    assert u02(ev, "Copy") == [] and ev._facts_cache.baseline_levels is None

    _DIGESTS.clear()
    opened = open_project(path)
    ev = Evaluator(opened)
    assert u02(ev, "Existing") == [] and ev._facts_cache.baseline_levels is not None
    SetLevelHeight("Existing", "B", 0, 4.4).apply(opened)
    assert u02(ev, "Existing") == [] and ev._facts_cache.baseline_levels is None
    assert u02(ev, "Plan") == [("A",)] and calls == [1]  # the plain way


def test_many_buildings_are_fingerprinted_a_few_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Five buildings in chunks of two: the digests in their order, each chunk
    # taking the rows or not on its own (the second holds a building edited
    # since the rows were read: it alone is encoded from the objects).
    sheds = [replace(SHED, id=f"S{k}", name=f"Shed {k}") for k in range(5)]
    rows = _rows(sheds)
    edited = replace(sheds[3], levels=(*sheds[3].levels, Level.of(3.2, "office")))
    asked = [sheds[4], sheds[0], edited, sheds[2], sheds[1]]
    given_columns: list[bool] = []
    given_fields: list[object] = []
    encode = sameness.building_digests

    def spy(
        buildings: list[Building],
        levels: object = None,
        field_values: dict[str, list[object]] | None = None,
    ) -> list[str]:
        given_columns.append(levels is not None)
        given_fields.append(field_values)
        if field_values is not None:
            # the other fields, read off the chunk's buildings at once
            assert set(field_values) == {f.name for f in fields(Building)} - {
                "origin",
                "levels",
            }
            for name, values in field_values.items():
                assert values == [getattr(b, name) for b in buildings]
        return encode(buildings, levels, field_values)  # type: ignore[arg-type]

    import mixplan.engine.digest_rows as module

    monkeypatch.setattr(module, "building_digests", spy)
    monkeypatch.setattr(module, "CHUNK", 2)
    for read in (None, sheds):
        _DIGESTS.clear()
        given_columns.clear()
        given_fields.clear()
        assert digests_from_rows(asked, rows, read) == [_plain_digest(b) for b in asked]
        assert given_columns == [True, False, True]
        # (with the columns, the fields read too)
        assert [f is not None for f in given_fields] == given_columns


def _u02(ev: Evaluator, name: str) -> list[str]:
    found = ev.evaluate(name).findings
    return sorted(t for f in found if f.rule == "U02" for t in f.targets)


@settings(max_examples=40, deadline=None)
@given(steps("plan", "baseline", "undo", "saved", "cold"))
def test_the_evaluators_u02_is_the_definition_after_edits(steps) -> None:  # type: ignore[no-untyped-def]
    # An evaluator keeps the digests it made of the baseline's buildings (by
    # object): after a file is opened (the records texts, the first digests
    # made from the rows), Plan changes buildings, the baseline edits some (a
    # name, a level's height), an edit is undone, the records are read as
    # from a file again, or everything is forgotten ("cold"): U02 is, after
    # every step, the records whose origin's digest, made anew, differs.
    p = _park(9)
    plan = p.scenario("Plan")
    plan.changed_from.update({b: digest_text(r) for b, r in plan.changed_from.items()})
    ev = Evaluator(p)
    assert _u02(ev, "Plan") == sorted(_outdated_by_definition(p, plan))
    done: list[Command] = []
    for kind, numbers, k in steps:
        if kind == "cold":
            ev.clear()
        change = take_step(p, kind, numbers, k, done)
        if change is not None:
            ev.invalidate(change)
        assert _u02(ev, "Plan") == sorted(_outdated_by_definition(p, plan))


def test_the_store_lets_go_of_versions_gone_from_the_baseline() -> None:
    # Each asked once: a building's digest is made once while its object is
    # held; past twice the baseline's count (and 64), the store keeps only
    # the baseline's current objects.
    sheds = [replace(SHED, id=f"S{k}", name=f"Shed {k}") for k in range(70)]
    baseline = {"S0": sheds[0], "S1": sheds[1]}
    store = DigestStore()
    asked: list[str] = []

    def make(buildings: list[Building]) -> list[str]:
        asked.extend(b.id for b in buildings)
        return [_plain_digest(b) for b in buildings]

    assert store.digests(sheds[:68], make, baseline) == [
        _plain_digest(b) for b in sheds[:68]
    ]
    assert store.digests(sheds[:2], make, baseline) == [
        _plain_digest(b) for b in sheds[:2]
    ]
    assert len(asked) == 68 and len(store._known) == 68
    # S68 and S69 to add: 68 + 2 > 2 * 2 + 64, so the versions gone from the
    # baseline are let go first (S2..S67), S0 and S1 stay
    again = [sheds[68], sheds[69], sheds[1], sheds[2], sheds[0]]
    assert store.digests(again, make, baseline) == [_plain_digest(b) for b in again]
    assert asked[68:] == ["S68", "S69"]
    assert sorted(e[0].id for e in store._known.values()) == ["S0", "S1", "S68", "S69"]
    assert store.digests([sheds[2]], make, baseline) == [_plain_digest(sheds[2])]
    assert asked[70:] == ["S2"]
    # an equal object that is not the one held is fingerprinted on its own
    twin = replace(sheds[0])
    assert store.digests([twin], make, baseline) == [_plain_digest(sheds[0])]
    assert asked[71:] == ["S0"]
