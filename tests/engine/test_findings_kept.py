"""Findings worded when read, and pair measures kept between evaluations.

A :class:`Finding` made with ``words`` is the same value as one made with its
text (equal, same JSON, same pickle). Rules make their findings as records
worded only when read; the geometric measures of pairs of buildings (C21
overlaps, C15 distances) are kept while both buildings' facts objects stay
(:class:`~mixplan.engine.context.BuildingFindings`). The reference evaluation
keeps nothing, so the random sessions of ``test_engine_reference`` compare the
two after every edit. Here: hand-made cases where a stale record or measure
would show, and a mutant of the keeping that the oracle must catch.
"""

from __future__ import annotations

import pickle
from dataclasses import replace

import numpy as np
import pytest
from numpy.typing import NDArray
from shapely.geometry import box

from mixplan.engine import Evaluator, rules_productive
from mixplan.engine.context import BuildingFindings, FactsKeys
from mixplan.engine.findings import Finding
from mixplan.engine.level_issues import IssueRows
from mixplan.engine.reference import reference_evaluate
from mixplan.model import Building, Level, Project
from mixplan.model.commands import (
    AddBuilding,
    AddScenario,
    RemoveBuilding,
    ReplaceBuilding,
    SetBuildingAttributes,
    SetLevelHeight,
    SetSiteBoundary,
)
from tests.engine.conftest import make_site_project
from tests.engine.test_engine_incremental import same

CALLS: list[str] = []


def _words(name: str) -> tuple[str, str]:
    CALLS.append(name)
    return f"Building {name} is high", f"Le bâtiment {name} est haut"


def test_a_finding_with_words_is_the_finding_with_its_text() -> None:
    CALLS.clear()
    lazy = Finding(
        "C03", "error", measured=40.0, targets=("a",), words=(_words, ("a",))
    )
    eager = Finding("C03", "error", "Building a is high", 40.0, None, ("a",), "",
                    "Le bâtiment a est haut")  # fmt: skip
    assert CALLS == []  # nothing worded yet
    assert lazy.to_json() == eager.to_json()
    assert lazy.message_fr == "Le bâtiment a est haut"
    assert CALLS == ["a"]  # worded once
    assert lazy == eager and hash(lazy) == hash(eager)
    assert pickle.loads(pickle.dumps(lazy)) == eager
    assert lazy.replace(severity="warning").severity == "warning"
    assert lazy.replace(severity="warning").message == "Building a is high"
    assert "Building a is high" in repr(lazy)
    with pytest.raises(AttributeError):
        lazy.severity = "info"  # type: ignore[misc]
    assert lazy != Finding("C03", "error", "Building a is high", 40.0)


def _setback_project() -> Project:
    """S, 16 m high, altered in Plan, 2 m from the site's south edge (8 m needed):
    a site edge moved to 1 m changes the gap. W fails C13 and is kept in Plan
    (its facts shared with the baseline).
    """
    project = make_site_project()
    project.baseline.buildings["S"] = Building(
        "S", "", box(85, 2, 95, 8), tuple(Level.of(4.0, "office") for _ in range(4))
    )
    # W: a workshop too low to be productive-grade (C13), kept as it is in Plan
    project.baseline.buildings["W"] = Building(
        "W", "", box(40, 35, 50, 45), (Level.of(3.0, "craft", load_kn_m2=12.0),)
    )
    AddScenario("Plan").apply(project)
    SetLevelHeight("Plan", "S", 0, 4.2).apply(project)
    return project


def test_a_renamed_building_is_worded_anew() -> None:
    project = make_site_project()
    project.baseline.buildings["T"] = Building(
        "T", "Tower", box(30, 35, 40, 45),
        tuple(Level.of(4.0, "office") for _ in range(9)),
    )  # fmt: skip
    AddScenario("Plan").apply(project)
    SetLevelHeight("Plan", "T", 0, 4.5).apply(project)  # T altered: C03 fires
    evaluator = Evaluator(project)
    before = [f for f in evaluator.evaluate("Plan").findings if f.rule == "C03"]
    assert [f.targets for f in before] == [("T",)]
    assert before[0].measured == 36.5  # 4.5 + 8 × 4.0
    evaluator.invalidate(
        SetBuildingAttributes("Plan", "T", name="Beffroi").apply(project)
    )
    renamed = [f for f in evaluator.evaluate("Plan").findings if f.rule == "C03"]
    assert "“Beffroi” (T)" in renamed[0].message
    assert "«\u202fBeffroi\u202f» (T)" in renamed[0].message_fr
    # the first evaluation, read only now, still names the building as it was
    assert "“Tower” (T)" in before[0].message
    live = evaluator.evaluate("Plan").to_json()
    assert same(live, reference_evaluate(project, "Plan").to_json())


def test_findings_are_worded_only_when_read(monkeypatch: pytest.MonkeyPatch) -> None:
    worded: list[str] = []
    real = rules_productive._c13_words

    def counting(bid: str, name: str, issue: object, lang: str) -> str:
        worded.append(f"{bid} {lang}")
        return real(bid, name, issue, lang)  # type: ignore[arg-type]

    monkeypatch.setattr(rules_productive, "_c13_words", counting)
    project = _setback_project()
    findings = Evaluator(project).evaluate("Plan").findings
    c13 = [k for k, f in enumerate(findings) if f.rule == "C13"]
    assert worded == []  # rules, counted, grouped: nothing worded
    message = findings[c13[0]].message
    assert worded == ["W en", "W fr"]  # both, as the finding keeps both
    # 10 m × 10 m × the SDP factor 0.92; 3 m floor-to-floor < 4.5 m
    assert message == (
        "Building W, level R+0: 92 m² not productive-grade, excluded from C09 "
        "(Production craft: floor-to-floor 3 m < 4.5 m)"
    )


def test_measures_of_pairs_are_kept_while_their_facts_stay() -> None:
    a, b, c, d = (object() for _ in range(4))
    asked: list[list[int]] = []

    def measure(todo: NDArray[np.intp]) -> NDArray[np.float64]:
        asked.append(todo.tolist())
        return 10.0 * (todo + 1)

    def values(kept: BuildingFindings, pairs: list[tuple[object, object]]) -> list:  # type: ignore[type-arg]
        first = np.array([id(x) for x, _ in pairs], np.int64)
        second = np.array([id(y) for _, y in pairs], np.int64)
        return kept.measures("R", first, second, pairs, measure).tolist()

    first = BuildingFindings()
    pairs = [(a, b), (a, c), (b, d)]
    assert values(first, pairs) == [10.0, 20.0, 30.0]
    second = BuildingFindings(first)
    # (a, c) replaced by (a, d): only that pair is measured, at its position
    again = [(a, b), (a, d), (b, d)]
    assert values(second, again) == [10.0, 20.0, 30.0]
    assert asked == [[0, 1, 2], [1]]
    third = BuildingFindings(second)
    # a pair inserted at the front: the others are found by their facts
    assert values(third, [(c, d), *again]) == [10.0, 10.0, 20.0, 30.0]
    assert asked[-1] == [0]
    # the same pairs in another order, and (b, a) is not (a, b): looked up by
    # key, only (b, a) is measured
    fourth = BuildingFindings(third)
    assert values(fourth, [(b, d), (b, a), (c, d), (a, b)]) == [30.0, 20.0, 10.0, 10.0]
    assert asked[-1] == [1]
    # what the last evaluation did not ask for is forgotten
    assert values(BuildingFindings(BuildingFindings(third)), pairs[:1]) == [10.0]
    assert asked[-1] == [0]
    # nothing asked: nothing measured
    assert values(BuildingFindings(third), []) == []
    assert asked[-1] == [0]


def _icpe_project() -> Project:
    """Former ICPE warehouse C demolished in Plan, flats H on 8 m × 10 m of it."""
    project = make_site_project()
    AddScenario("Plan").apply(project)
    RemoveBuilding("Plan", "C").apply(project)
    AddBuilding(
        "Plan",
        Building("H", "", box(82, 30, 95, 40), (Level.of(3.0, "housing"),) * 3),
    ).apply(project)
    return project


@pytest.mark.parametrize("broken", [False, True])
def test_the_oracle_catches_measures_kept_for_moved_buildings(
    monkeypatch: pytest.MonkeyPatch, broken: bool
) -> None:
    """A keeping that reuses a pair's measure by position, blind to its facts."""
    original = BuildingFindings.measures

    def by_position(self, rule, first, second, owners, measure):  # type: ignore[no-untyped-def]
        old = self._old_runs.get(rule)
        if old is not None and len(old[3]) == len(first):
            self._new_runs[rule] = (owners, old[1], old[2], old[3])
            return old[3]
        return original(self, rule, first, second, owners, measure)

    if broken:
        monkeypatch.setattr(BuildingFindings, "measures", by_position)
    project = _icpe_project()
    evaluator = Evaluator(project)
    first = [f for f in evaluator.evaluate("Plan").findings if f.rule == "C21"]
    assert [(f.targets, f.measured) for f in first] == [(("H", "C"), 80.0)]
    h = project.scenario("Plan").buildings["H"]
    # H moved 3 m east: 5 m × 10 m of C's land now
    moved = ReplaceBuilding("Plan", replace(h, footprint=box(85, 30, 98, 40)))
    evaluator.invalidate(moved.apply(project))
    live = evaluator.evaluate("Plan").to_json()
    oracle = reference_evaluate(project, "Plan").to_json()
    assert [f["measured"] for f in oracle["findings"] if f["rule"] == "C21"] == [50.0]
    assert same(live, oracle) is not broken


def test_setbacks_follow_a_moved_site_boundary() -> None:
    project = _setback_project()
    evaluator = Evaluator(project)
    first = evaluator.evaluate("Plan").to_json()
    assert same(first, reference_evaluate(project, "Plan").to_json())
    assert {"C05", "C13"} <= {f["rule"] for f in first["findings"]}
    SetSiteBoundary(box(0, 1, 100, 50)).apply(project)  # S 1 m from it now
    live = evaluator.evaluate("Plan").to_json()  # no invalidate: it sees it itself
    oracle = reference_evaluate(project, "Plan").to_json()
    assert same(live, oracle)
    c05 = [f for f in oracle["findings"] if f["rule"] == "C05"]
    assert [f["measured"] for f in c05] == [1.0]


def test_replace_of_a_dataclass_is_not_needed() -> None:
    """Findings are copied with their own ``replace`` (not dataclasses.replace)."""
    f = Finding("C02", "error", "Coverage 61.0% exceeds the maximum 60%")
    with pytest.raises(TypeError):
        replace(f, severity="warning")  # type: ignore[type-var]
    assert f.replace(severity="warning").message == f.message


@pytest.mark.parametrize("mutant", [None, "a row lost", "not rounded"])
def test_the_reference_rules_catch_broken_records(
    monkeypatch: pytest.MonkeyPatch, mutant: str | None
) -> None:
    """The reference writes C13, C05... finding by finding: it runs no records."""
    import mixplan.engine.finding_records as records

    if mutant == "a row lost":

        class Losing(IssueRows):  # type: ignore[type-arg]
            def __init__(self, holders, kind, *located):  # type: ignore[no-untyped-def]
                super().__init__(holders, kind, *located)
                if kind == "non_grade":
                    self._count -= 1  # the last failing level

        monkeypatch.setattr(rules_productive, "IssueRows", Losing)
    if mutant == "not rounded":
        monkeypatch.setattr(records, "_clean", lambda v: None if v is None else v)
    project = _setback_project()
    s = project.scenario("Plan").buildings["S"]
    ReplaceBuilding("Plan", replace(s, footprint=box(85, 2.123456, 95, 8))).apply(
        project
    )
    live = Evaluator(project).evaluate("Plan").to_json()
    oracle = reference_evaluate(project, "Plan").to_json()
    # S: 2.123456 m from the site's edge (2.1235 shown); W's level: 92 m²
    # (100 m² × 0.92); C's ground floor passes on an assumed load
    assert [
        (f["rule"], f["measured"], f["targets"])
        for f in oracle["findings"]
        if f["rule"] in ("C05", "C13")
    ] == [("C05", 2.1235, ["S"]), ("C13", 92.0, ["W#0"]), ("C13", 1.0, ["C#0"])]
    assert (live["findings"] == oracle["findings"]) is (mutant is None)


class _Counted(tuple):  # type: ignore[type-arg]
    """Facts whose reads by position are counted."""

    reads: list[int] = []

    def __getitem__(self, k):  # type: ignore[no-untyped-def]
        _Counted.reads.append(k)
        return super().__getitem__(k)


def test_keys_of_a_first_run_are_made_only_when_the_next_run_compares() -> None:
    a, b, c, d = (object() for _ in range(4))
    asked: list[list[int]] = []

    def measure(todo: NDArray[np.intp]) -> NDArray[np.float64]:
        asked.append(todo.tolist())
        return 10.0 * (todo + 1)

    _Counted.reads = []
    facts = _Counted((a, b, c, d))
    pairs = (np.array([0, 0, 1]), np.array([1, 2, 3]))  # (a, b) (a, c) (b, d)
    first = BuildingFindings()
    got = first.measures(
        "R", FactsKeys(facts, pairs[0]), FactsKeys(facts, pairs[1]), facts, measure
    )
    assert got.tolist() == [10.0, 20.0, 30.0]
    assert _Counted.reads == []  # a first run: no key made
    # The same objects in a new tuple; (a, c) replaced by (a, d).
    again = _Counted((a, b, c, d))
    second = BuildingFindings(first)
    now = (np.array([0, 0, 1]), np.array([1, 3, 3]))  # (a, b) (a, d) (b, d)
    got = second.measures(
        "R", FactsKeys(again, now[0]), FactsKeys(again, now[1]), again, measure
    )
    assert got.tolist() == [10.0, 20.0, 30.0]
    assert asked == [[0, 1, 2], [1]]  # only (a, d) measured
    # Each run's keys made once, now: the first run's and this one's.
    assert sorted(_Counted.reads) == sorted([0, 0, 1, 1, 2, 3, 0, 0, 1, 1, 3, 3])
