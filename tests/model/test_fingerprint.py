"""The digest a scenario records of the baseline version a building was changed
from, made when first read (Fingerprint): equal to the digest made at the edit,
the version it was made of kept, pickled and copied as its text."""

from __future__ import annotations

import copy
import pickle
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixplan.model.commands import (
    Change,
    Command,
    ReplaceBuildings,
    SetBuildingAttributes,
    SetLevelHeight,
)
from mixplan.model.project import Building, Project, Scenario
from mixplan.model.sameness import (
    Fingerprint,
    building_digest,
    digest_text,
    made_of,
)
from mixplan.model.scenario_edits import outdated_changes, put_building, put_buildings
from tests.model.test_remove_buildings import _park


def test_a_fingerprint_is_its_digests_text() -> None:
    b1 = _park(3).baseline.buildings["b1"]
    text = building_digest(b1)
    record, again = Fingerprint(b1), Fingerprint(b1)
    assert record == text and text == record and record == again
    assert not record != text and not text != record
    assert record != building_digest(_park(3).baseline.buildings["b2"])
    assert record != 32 and record is not None
    assert hash(record) == hash(text) and len({record, text, again}) == 1
    assert str(record) == text and repr(record) == repr(text)
    assert digest_text(record) == text and digest_text(text) is text
    assert digest_text(None) is None
    for made in (pickle.loads(pickle.dumps(record)), copy.copy(record)):
        assert type(made) is str and made == text
    assert copy.deepcopy({"b1": record}) == {"b1": text}


def test_a_record_is_the_version_changed_from_when_the_baseline_moves_on() -> None:
    # b1 and b2 kept by Plan are changed (at once, and one by one); the
    # baseline's b1 is then edited: the records still name the version the
    # buildings were changed from, and U02 finds b1 outdated, b2 not.
    for put in ("at once", "one by one"):
        p = _park(6)
        plan = p.scenario("Plan")
        b1, b2 = p.baseline.buildings["b1"], p.baseline.buildings["b2"]
        then = building_digest(b1)
        changed = [replace(b.as_kept(), roof="green") for b in (b1, b2)]
        if put == "at once":
            put_buildings(p, plan, changed)
        else:
            for building in changed:
                put_building(p, plan, building)
        assert all(type(plan.changed_from[b]) is Fingerprint for b in ("b1", "b2"))
        SetLevelHeight("Existing", "b1", 0, 7.5).apply(p)
        assert building_digest(p.baseline.buildings["b1"]) != then
        assert plan.changed_from["b1"] == then, put
        assert plan.changed_from["b2"] == building_digest(b2), put
        assert "b1" in outdated_changes(p, plan) and "b2" not in outdated_changes(
            p, plan
        )


def test_undo_and_redo_put_the_same_records_back() -> None:
    p = _park(6)
    plan = p.scenario("Plan")
    texts = dict(plan.changed_from)
    base = p.baseline.buildings
    command = ReplaceBuildings(
        "Plan", [replace(base[b].as_kept(), ramp=True) for b in ("b1", "b2", "b4")]
    )
    command.apply(p)
    made = dict(plan.changed_from)
    digests = {b: building_digest(base[b]) for b in ("b1", "b2", "b4")}
    assert made == {**texts, **digests}
    command.revert(p)
    assert plan.changed_from == texts
    command.apply(p)
    assert list(plan.changed_from.items()) == list(made.items())
    assert all(plan.changed_from[b] is made[b] for b in made)


def _outdated_by_definition(p: Project, s: Scenario) -> tuple[str, ...]:
    """U02 as DESIGN §14 says it: the records whose building's origin now has
    another digest, each digest made anew from the building's fields."""
    found = []
    for bid, record in s.changed_from.items():
        held = s.buildings.get(bid)
        origin = p.baseline.buildings.get(held.origin or "") if held else None
        if origin is not None and digest_text(record) != _fresh_digest(origin):
            found.append(bid)
    return tuple(found)


def _fresh_digest(building: Building) -> str:
    # (a copy with no digest remembered: the digest of its fields)
    return building_digest(replace(building))


def test_made_of_knows_a_fingerprint_of_the_very_building() -> None:
    p = _park(6)
    b1, b2 = p.baseline.buildings["b1"], p.baseline.buildings["b2"]
    same_fields = replace(b1)
    assert made_of(
        [
            Fingerprint(b1),
            Fingerprint(b1),
            Fingerprint(same_fields),
            building_digest(b1),
        ],
        [b1, b2, b1, b1],
    ) == [True, False, False, False]
    assert made_of([building_digest(b1)], [b1]) == [False]
    with pytest.raises(ValueError):
        made_of([Fingerprint(b1)], [])


def test_records_of_the_origins_as_they_are_are_not_fingerprinted() -> None:
    # b1 and b2 changed by Plan after _park (records holding their origins);
    # b3 changed from the park's start too, but its record read from a file
    # (a text). The baseline then edits b2: only b2 (its record holds the
    # version before) and b3 (a text) are fingerprinted; b2 is outdated.
    p = _park(6)
    plan = p.scenario("Plan")
    base = p.baseline.buildings
    put_buildings(
        p, plan, [replace(base[b].as_kept(), roof="green") for b in ("b1", "b2")]
    )
    plan.changed_from["b3"] = building_digest(base["b3"])
    SetLevelHeight("Existing", "b2", 0, 7.5).apply(p)
    asked: list[list[str]] = []

    def fingerprints(buildings: list[Building]) -> list[str]:
        asked.append([b.id for b in buildings])
        return [building_digest(b) for b in buildings]

    assert outdated_changes(p, plan, fingerprints) == ("b2",)
    # (in the records' order; b0 and t0, changed by _park, hold their
    # origins: not fingerprinted either)
    assert list(plan.changed_from) == ["b0", "b3", "t0", "b1", "b2"]
    assert asked == [["b3", "b2"]]
    assert outdated_changes(p, plan) == ("b2",) == _outdated_by_definition(p, plan)


def steps(*kinds: str) -> st.SearchStrategy[list[tuple[str, list[int], int]]]:
    """Steps of :func:`take_step`: a kind, buildings b0..b8 to edit, a number."""
    return st.lists(
        st.tuples(
            st.sampled_from(kinds),
            st.lists(st.integers(0, 8), min_size=1, max_size=4, unique=True),
            st.integers(0, 3),
        ),
        max_size=8,
    )


def take_step(
    p: Project, kind: str, numbers: list[int], k: int, done: list[Command]
) -> Change | None:
    """One step on :func:`_park`'s Plan and baseline; the change (``None``: none).

    "plan": Plan's versions of the buildings renamed and given ``k`` loading
    bays (kept ones become changed); "baseline": the first one's name or
    ground floor height edited; "undo": the last of ``done`` reverted;
    "saved": Plan's records read as from a file (texts).
    """
    plan = p.scenario("Plan")
    ids = [f"b{n}" for n in numbers]
    command: Command | None = None
    if kind == "plan":
        held = [plan.buildings[b] for b in ids if b in plan.buildings]
        if held:
            command = ReplaceBuildings(
                "Plan", [replace(b, name=f"Hall {k}", loading_bays=k) for b in held]
            )
    elif kind == "baseline":
        command = (
            SetLevelHeight("Existing", ids[0], 0, 4.0 + k)
            if k % 2
            else SetBuildingAttributes("Existing", ids[0], name=f"Old {k}")
        )
    elif kind == "undo":
        return done.pop().revert(p) if done else None
    elif kind == "saved":
        plan.changed_from.update(
            {b: digest_text(r) for b, r in plan.changed_from.items()}
        )
    if command is None:
        return None
    done.append(command)
    return command.apply(p)


@settings(max_examples=80, deadline=None)
@given(steps("plan", "baseline", "undo", "saved"))
def test_outdated_changes_are_those_of_the_definition(steps) -> None:  # type: ignore[no-untyped-def]
    # Plan changes buildings (kept ones become changed: records holding their
    # origins), the baseline edits buildings (a name alone or a level's
    # height), an edit is undone (the baseline's building object back), the
    # records are read as from a file (texts): U02 is, after every step, the
    # records whose origin's digest differs (the digests made in bulk, and one
    # by one from copies that remember none).
    p = _park(9)
    plan = p.scenario("Plan")
    done: list[Command] = []
    for kind, numbers, k in steps:
        take_step(p, kind, numbers, k, done)
        expected = _outdated_by_definition(p, plan)
        assert outdated_changes(p, plan) == expected
        assert (
            outdated_changes(p, plan, lambda bs: [_fresh_digest(b) for b in bs])
            == expected
        )
