"""Findings worded when read, and kept per building between evaluations.

A :class:`Finding` made with ``words`` is the same value as one made with its
text (equal, same JSON, same pickle). The Evaluator keeps each building's
findings while its facts objects and its name stay the same
(:class:`~mixplan.engine.context.BuildingFindings`); the reference evaluation
keeps nothing, so the random sessions of ``test_engine_reference`` compare the
two after every edit. Here: hand-made cases where a stale kept finding would
show, and mutants of the keeping (ignoring the name, ignoring the site) that
the oracle must catch.
"""

from __future__ import annotations

import pickle
from dataclasses import replace

import pytest
from shapely.geometry import box

import mixplan.engine.evaluator as evaluator_module
from mixplan.engine import Evaluator
from mixplan.engine.context import BuildingFindings
from mixplan.engine.findings import Finding
from mixplan.engine.reference import reference_evaluate
from mixplan.model import Building, Level, Project
from mixplan.model.commands import (
    AddScenario,
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


def test_kept_findings_are_the_same_objects_after_an_edit_elsewhere() -> None:
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
    evaluator.invalidate(SetLevelHeight("Plan", "A", 1, 3.2).apply(project))
    after = [f for f in evaluator.evaluate("Plan").findings if f.rule == "C03"]
    assert after[0] is before[0]  # T did not change: its finding was kept
    # renamed: same facts, new name, the finding is worded anew
    evaluator.invalidate(
        SetBuildingAttributes("Plan", "T", name="Beffroi").apply(project)
    )
    renamed = [f for f in evaluator.evaluate("Plan").findings if f.rule == "C03"]
    assert renamed[0] is not before[0]
    assert "“Beffroi” (T)" in renamed[0].message
    live = evaluator.evaluate("Plan").to_json()
    assert same(live, reference_evaluate(project, "Plan").to_json())


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


class _AnyNames(tuple):  # type: ignore[type-arg]
    """Names that equal any others: a keeping blind to renames."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = tuple.__hash__


class _AnyName(str):
    """A name that equals any other: a keeping blind to renames."""

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    __hash__ = str.__hash__


@pytest.mark.parametrize("mutant", ["names", "site"])
def test_the_oracle_catches_kept_findings_that_ignore(
    monkeypatch: pytest.MonkeyPatch, mutant: str
) -> None:
    """With the real keeping the two agree; with a mutant they do not."""
    original = BuildingFindings.get
    original_run = BuildingFindings.run

    def ignoring_names(self, rule, owners, names, make):  # type: ignore[no-untyped-def]
        return original(self, rule, owners, _AnyNames(names), make)

    def run_ignoring_names(self, rule, owners, names, make=None, make_many=None):  # type: ignore[no-untyped-def]
        blind = [_AnyName(n) if isinstance(n, str) else _AnyNames(n) for n in names]
        return original_run(self, rule, owners, blind, make, make_many)

    for broken in (False, True):
        if broken and mutant == "names":
            monkeypatch.setattr(BuildingFindings, "get", ignoring_names)
            monkeypatch.setattr(BuildingFindings, "run", run_ignoring_names)
        if broken and mutant == "site":
            monkeypatch.setattr(evaluator_module, "_same_site", lambda a, b: True)
        project = _setback_project()
        evaluator = Evaluator(project)
        first = evaluator.evaluate("Plan").to_json()
        assert same(first, reference_evaluate(project, "Plan").to_json())
        assert {"C05", "C13"} <= {f["rule"] for f in first["findings"]}
        if mutant == "names":
            command = SetBuildingAttributes("Plan", "W", name="Atelier")
        else:
            command = SetSiteBoundary(box(0, 1, 100, 50))  # S 1 m from it now
        command.apply(project)  # no invalidate: the evaluator must see it itself
        live = evaluator.evaluate("Plan").to_json()
        oracle = reference_evaluate(project, "Plan").to_json()
        assert same(live, oracle) is not broken, (mutant, broken)


def test_replace_of_a_dataclass_is_not_needed() -> None:
    """Findings are copied with their own ``replace`` (not dataclasses.replace)."""
    f = Finding("C02", "error", "Coverage 61.0% exceeds the maximum 60%")
    with pytest.raises(TypeError):
        replace(f, severity="warning")  # type: ignore[type-var]
    assert f.replace(severity="warning").message == f.message
