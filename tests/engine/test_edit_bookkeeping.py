"""What one edit re-evaluates reads from kept columns, and still agrees with the oracle.

C15 and C21 read housing, ICPE ranks and "altered" from the facts matrix (rows
patched for the edited buildings only) instead of walking every building's
facts; the matrix's columns must then be exactly the facts' attributes after
any edit, and the findings those of the cache-free reference evaluation
(:func:`~mixplan.engine.reference.reference_evaluate`) — byte for byte, in
English and in French (indicators, summed in another order, within rounding).
A mutant whose edited rows keep the old housing column must be caught.

U02 (changed buildings whose existing state was edited since) is remembered
while the change records, the origins and the baseline stay; a mutant that
keeps it across a baseline edit must be caught.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from shapely.geometry import box

import mixplan.engine.scenario_state as scenario_state_module
from mixplan.engine import Evaluator
from mixplan.engine.facts import COL_ALTERED, COL_HAS_HOUSING, COL_HAZARD
from mixplan.engine.reference import reference_evaluate
from mixplan.model import Project
from mixplan.model.commands import (
    AddScenario,
    SetFootprint,
    SetLevelHeight,
    SetLevelUses,
)
from mixplan.model.scenario_edits import outdated_changes
from tests.engine.conftest import make_site_project
from tests.engine.test_engine_incremental import same

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
import synthetic  # noqa: E402


def _findings(evaluation) -> str:  # type: ignore[no-untyped-def]
    """The findings in English (JSON) and French, as text."""
    return json.dumps([f.to_json() for f in evaluation.findings]) + "\n".join(
        f.message_fr for f in evaluation.findings
    )


def _session(project: Project, evaluator: Evaluator, seed: int, rounds: int) -> None:
    """Random edits of the three kinds; every evaluation checked against the oracle."""
    rng = np.random.default_rng(seed)
    scenario = project.scenario("Scenario")
    ids = list(scenario.buildings)
    uses = ({"housing": 0.5, "craft": 0.5}, {"office": 1.0}, {"housing": 1.0})
    for r in range(rounds):
        bid = ids[int(rng.integers(len(ids)))]
        x0, y0, x1, y1 = scenario.buildings[bid].footprint.bounds
        dx = float(rng.uniform(-12, 12))
        command = (
            SetLevelUses("Scenario", bid, 0, uses[r % 3]),
            SetLevelHeight("Scenario", bid, 0, 3.0 + r % 4),
            SetFootprint("Scenario", bid, box(x0 + dx, y0, x1 + dx, y1)),
        )[r % 3]
        evaluator.invalidate(command.apply(project))
        live = evaluator.evaluate("Scenario")
        state = evaluator._states["Scenario"]
        facts = state.facts
        assert state.matrix[:, COL_HAS_HOUSING].tolist() == [
            float(f.has_housing) for f in facts
        ], "housing column"
        assert state.matrix[:, COL_HAZARD].tolist() == [
            float(f.hazard_rank) for f in facts
        ]
        assert state.matrix[:, COL_ALTERED].tolist() == [
            float(f.altered) for f in facts
        ]
        oracle = reference_evaluate(project, "Scenario")
        assert _findings(live) == _findings(oracle)
        # (sums in another order: equal within rounding)
        assert same(live.to_json()["indicators"], oracle.to_json()["indicators"])


def test_columns_and_findings_after_edits_are_the_oracles() -> None:
    project = synthetic.varied_project(160, seed=5)
    evaluator = Evaluator(project)
    found = evaluator.evaluate("Scenario").findings
    assert {"C15", "C21"} <= {f.rule for f in found}  # the rules are exercised
    _session(project, evaluator, seed=2, rounds=30)


def test_a_mutant_keeping_the_old_housing_column_is_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = scenario_state_module.facts_matrix

    def stale_housing(facts):  # type: ignore[no-untyped-def]
        # Mutant: patched rows keep saying "no housing".
        rows = real(facts)
        rows[:, COL_HAS_HOUSING] = 0.0
        return rows

    monkeypatch.setattr(scenario_state_module, "facts_matrix", stale_housing)
    project = synthetic.varied_project(160, seed=5)
    evaluator = Evaluator(project)
    evaluator.evaluate("Scenario")
    with pytest.raises(AssertionError, match="housing column"):
        _session(project, evaluator, seed=2, rounds=30)


def _u02_after_a_baseline_edit(evaluator: Evaluator, project: Project) -> list[str]:
    """Plan changes A, then the existing state's A is edited: U02's targets."""
    evaluator.invalidate(SetLevelHeight("Plan", "A", 0, 5.5).apply(project))
    assert "U02" not in {f.rule for f in evaluator.evaluate("Plan").findings}
    # an edit of Plan's other buildings keeps the remembered answer
    evaluator.invalidate(SetLevelHeight("Plan", "B", 1, 4.5).apply(project))
    assert "U02" not in {f.rule for f in evaluator.evaluate("Plan").findings}
    existing = SetLevelUses("Existing", "A", 0, {"warehouse": 1.0})
    evaluator.invalidate(existing.apply(project))
    found = evaluator.evaluate("Plan").findings
    assert _findings(evaluator.evaluate("Plan")) == _findings(
        reference_evaluate(project, "Plan")
    ), "U02 differs from the oracle"
    return [t for f in found if f.rule == "U02" for t in f.targets]


def test_u02_is_remembered_until_the_baseline_changes() -> None:
    project = make_site_project()
    AddScenario("Plan").apply(project)
    assert _u02_after_a_baseline_edit(Evaluator(project), project) == ["A"]


def test_a_mutant_u02_memory_blind_to_the_baseline_is_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = Evaluator._outdated_changes

    def blind(self, scenario, baseline):  # type: ignore[no-untyped-def]
        # Mutant: the answer is kept across baseline edits.
        self._facts_cache.baseline_generation, kept = (
            0,
            self._facts_cache.baseline_generation,
        )
        try:
            return real(self, scenario, baseline)
        finally:
            self._facts_cache.baseline_generation = kept

    monkeypatch.setattr(Evaluator, "_outdated_changes", blind)
    project = make_site_project()
    AddScenario("Plan").apply(project)
    with pytest.raises(AssertionError, match="U02 differs"):
        _u02_after_a_baseline_edit(Evaluator(project), project)


def test_u02_by_hand() -> None:
    """Plan changes A, B and C; then the existing A is edited.

    Outdated: A only (B's and C's existing states are the ones changed from),
    for a fresh evaluator as for the model.
    """
    project = make_site_project()
    AddScenario("Plan").apply(project)
    for bid, level in (("A", 0), ("B", 1), ("C", 0)):
        SetLevelHeight("Plan", bid, level, 5.5).apply(project)
    plan, existing = project.scenario("Plan"), project.baseline
    evaluator = Evaluator(project)
    assert evaluator._outdated_changes(plan, existing) == ()
    SetLevelUses("Existing", "A", 0, {"warehouse": 1.0}).apply(project)
    assert sorted(plan.changed_from) == ["A", "B", "C"]
    assert Evaluator(project)._outdated_changes(plan, existing) == ("A",)
    assert outdated_changes(project, plan) == ("A",)
