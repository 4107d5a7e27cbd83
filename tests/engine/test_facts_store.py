"""A batch's records read their values from the batch's columns when asked.

The oracle is the per-building walk (:func:`building_facts`), which makes every
value of a plain :class:`BuildingFacts` at once: a batch's records must read as
those values, of the same Python types, whatever is read first, and the level
issues the rules count and flatten from the batch's arrays must be those of
the walk, record by record.
"""

from __future__ import annotations

import copy
import gc
import pickle
import sys
import weakref
from pathlib import Path

import numpy as np
import shapely

from mixplan.engine.columns import facts_batch
from mixplan.engine.context import Context
from mixplan.engine.facts import Assumptions, BuildingFacts, building_facts, facts_rows
from mixplan.engine.facts_record import BatchFacts
from mixplan.engine.facts_store import ISSUE_FIELDS, PairDicts, batch_rows
from mixplan.engine.level_issues import IssueRows
from mixplan.model import Building, Project


def _varied(count: int, seed: int) -> Project:
    sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    import synthetic

    return synthetic.varied_project(count, seed=seed)


def _batch_and_walk(
    buildings: list[Building], a: Assumptions
) -> tuple[list[BuildingFacts], list[BuildingFacts]]:
    areas = shapely.area([b.footprint for b in buildings])
    batch = facts_batch(buildings, buildings, a, areas)
    walked = [
        building_facts(b, b, a, footprint_m2=x)
        for b, x in zip(buildings, areas.tolist(), strict=True)
    ]
    return batch.facts, walked


def test_records_read_as_the_walk_whatever_is_read_first() -> None:
    project = _varied(80, 3)
    buildings = list(project.baseline.buildings.values())
    a = Assumptions.of(project.rulebook)
    batch, walked = _batch_and_walk(buildings, a)
    assert all(type(f) is BatchFacts for f in batch)
    # Backwards, field by field from the last: no column is listed in order.
    for name in reversed(BuildingFacts.fields):
        for f, w in zip(reversed(batch), reversed(walked), strict=True):
            got, expected = getattr(f, name), getattr(w, name)
            assert got == expected, (w.id, name)
            assert type(got) is type(expected), (w.id, name)
    f, w = batch[7], walked[7]
    # A dictionary is made once: read again, the same object.
    assert f.sdp_by_use is f.sdp_by_use and f.sdp_by_use == w.sdp_by_use
    assert list(f.sdp_by_use) == list(w.sdp_by_use)  # the walk's order
    assert f == w and w == f and not f != w and f != batch[8]
    assert f != tuple(w) and repr(f) == repr(w)
    # Copies and pickles are plain records of the same values.
    for twin in (copy.copy(f), copy.deepcopy(f), pickle.loads(pickle.dumps(f))):
        assert type(twin) is BuildingFacts and twin == w


def test_pair_dicts_give_empty_owners_their_own() -> None:
    names = np.array(["b", "a", "a", "c"], dtype=object)
    dicts = PairDicts(np.array([0, 0, 2, 3]), names, np.array([1.0, 2.0, 3.0, 4.0]), 5)
    assert list(dicts) == [{"b": 1.0, "a": 2.0}, {}, {"a": 3.0}, {"c": 4.0}, {}]
    assert list(dicts[0]) == ["b", "a"]
    dicts[1]["x"] = 1.0
    assert dicts[4] == {} and dicts[1] is not dicts[4]


def test_issue_rows_of_two_batches_are_the_walks() -> None:
    """Holders from two batches, interleaved, with empty ones: the flat issues
    and their owners are those of the walk's records, in the holders' order."""
    project = _varied(60, 5)
    buildings = list(project.baseline.buildings.values())
    a = Assumptions.of(project.rulebook)
    first, walked_first = _batch_and_walk(buildings[:30], a)
    second, walked_second = _batch_and_walk(buildings[30:], a)
    order = [7, 41, 3, 30, 59, 12, 12, 45, 0, 29]
    both, walked = first + second, walked_first + walked_second
    holders = [both[k] for k in order]
    walked_holders = [walked[k] for k in order]
    located = batch_rows(holders)
    assert located is not None and len(located[0]) == 2
    assert batch_rows(walked_holders) is None
    assert batch_rows([*holders, walked_holders[0]]) is None
    for kind in ISSUE_FIELDS:
        rows = IssueRows(holders, kind)
        oracle = IssueRows(walked_holders, kind)
        expected = [x for w in walked_holders for x in getattr(w, kind)]
        assert len(rows) == len(oracle) == len(expected), kind
        assert rows.every() == expected, kind
        owners = [rows.owner(k).id for k in range(len(rows))]
        assert owners == [oracle.owner(k).id for k in range(len(rows))], kind
        if kind != "unassigned":
            assert [rows.targets(k) for k in range(len(rows))] == [
                (x.target,) for x in expected
            ]
    # Most kinds are present in this park: the test is not vacuous.
    assert sum(bool(len(IssueRows(holders, k))) for k in ISSUE_FIELDS) >= 4
    # One batch only, and a mix with a plain record.
    one = IssueRows(first, "non_grade")
    assert one.every() == [x for w in walked_first for x in w.non_grade]
    mixed = IssueRows([first[3], walked_second[5], first[4]], "non_grade")
    assert mixed.every() == [
        *walked_first[3].non_grade,
        *walked_second[5].non_grade,
        *walked_first[4].non_grade,
    ]


def test_facts_rows_of_records_of_two_batches() -> None:
    project = _varied(40, 9)
    buildings = list(project.baseline.buildings.values())
    a = Assumptions.of(project.rulebook)
    first, walked_first = _batch_and_walk(buildings[:25], a)
    second, walked_second = _batch_and_walk(buildings[25:], a)
    holders = [second[2], first[0], first[24], second[14], first[0]]
    walked = [walked_second[2], walked_first[0], walked_first[24]]
    walked += [walked_second[14], walked_first[0]]
    assert facts_rows(holders).tobytes() == facts_rows(walked).tobytes()
    assert facts_rows(first).tobytes() == facts_rows(walked_first).tobytes()
    assert facts_rows([]).shape == facts_rows(walked[:0]).shape


def test_locating_facts_keeps_nothing_alive() -> None:
    project = _varied(30, 2)
    buildings = list(project.baseline.buildings.values())
    a = Assumptions.of(project.rulebook)
    batch, _ = _batch_and_walk(buildings, a)
    flagged = tuple(batch[:20])
    located = batch_rows(flagged)
    assert located is not None and located[2].tolist() == list(range(20))
    store_matrix = weakref.ref(located[0][0].matrix)
    # Asked again, found again: whoever needs it twice keeps the answer.
    again = batch_rows(flagged)
    assert again is not located and again[2].tolist() == located[2].tolist()
    # No module keeps the last facts asked about (nor their batch) alive.
    del batch, flagged, located, again
    gc.collect()
    assert store_matrix() is None


def test_the_rules_locate_the_flagged_facts_once() -> None:
    project = _varied(40, 3)
    buildings = list(project.baseline.buildings.values())
    a = Assumptions.of(project.rulebook)
    batch, walked = _batch_and_walk(buildings, a)
    # (every third building, out of order: any positions are located)
    flagged = [p for p, f in enumerate(walked) if f.issues > 0][::-3]
    assert len(flagged) > 5
    # (only the facts and the flagged positions matter here)
    ctx = Context(
        "Existing", True, project.rulebook, batch, facts_rows(batch), flagged,
        *([None] * 8),
    )  # fmt: skip
    located = ctx.flagged_rows
    assert located is not None and ctx.flagged_rows is located
    stores, which, rows = located
    assert which is None and rows.tolist() == flagged
    # the rules' issue rows read from it: the walk's issues, in order
    for kind in ("non_grade", "assumed", "stacking", "typical_load", "unassigned"):
        rows_of = IssueRows(ctx.flagged_facts, kind, located)
        expected = [i for p in flagged for i in getattr(walked[p], kind)]
        assert len(rows_of) == len(expected)
        assert [rows_of.issue(k) for k in range(len(rows_of))] == expected
    # the walk's plain facts are not a batch's: not located, read as they are
    plain = Context(
        "Existing", True, project.rulebook, walked, facts_rows(walked), flagged,
        *([None] * 8),
    )  # fmt: skip
    assert plain.flagged_rows is None and plain.flagged_rows is None
    assert len(IssueRows(plain.flagged_facts, "non_grade", None)) == len(
        IssueRows(ctx.flagged_facts, "non_grade")
    )


def test_batch_rows_are_each_records_store_and_row() -> None:
    """Records of three batches in a shuffled order, one twice: located as each
    record says (its ``store`` and ``row``); anything else among them, even a
    tuple of a store and a row or a record of a type of its own, is not."""
    project = _varied(45, 6)
    buildings = list(project.baseline.buildings.values())
    a = Assumptions.of(project.rulebook)
    batches = [_batch_and_walk(buildings[k : k + 15], a)[0] for k in (0, 15, 30)]
    records = [f for batch in batches for f in batch]
    order = np.random.default_rng(3).permutation(len(records)).tolist() + [4]
    holders = [records[k] for k in order]
    located = batch_rows(holders)
    assert located is not None
    stores, which, rows = located
    assert which is not None and len(stores) == 3
    assert [stores[k] for k in which.tolist()] == [f.store for f in holders]
    assert rows.tolist() == [f.row for f in holders]
    # (the stores in the order their first record comes)
    assert stores == list(dict.fromkeys(f.store for f in holders))

    class OwnRecord(BatchFacts):
        __slots__ = ()

    first = holders[0]
    impostors = (
        (first.store, first.row),
        tuple.__new__(OwnRecord, (first.store, first.row)),
        BuildingFacts(*first.field_values()),
    )
    for impostor in impostors:
        assert batch_rows([*holders[:5], impostor, *holders[5:]]) is None
        assert batch_rows([impostor]) is None
    one = batch_rows(batches[1][::-1])
    assert one is not None and one[1] is None
    assert one[2].tolist() == list(range(15))[::-1]
    empty = batch_rows([])
    assert empty is not None and empty[0] == [] and len(empty[2]) == 0
