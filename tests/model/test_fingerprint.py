"""The digest a scenario records of the baseline version a building was changed
from, made when first read (Fingerprint): equal to the digest made at the edit,
the version it was made of kept, pickled and copied as its text."""

from __future__ import annotations

import copy
import pickle
from dataclasses import replace

from mixplan.model.commands import ReplaceBuildings, SetLevelHeight
from mixplan.model.sameness import Fingerprint, building_digest, digest_text
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
