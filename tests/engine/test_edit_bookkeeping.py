"""What one edit re-evaluates reads from kept columns, and still agrees with the oracle.

C15 and C21 read housing, ICPE ranks and "altered" from the facts matrix (rows
patched for the edited buildings only) instead of walking every building's
facts; the matrix's columns must then be exactly the facts' attributes after
any edit, and the findings those of the cache-free reference evaluation
(:func:`~mixplan.engine.reference.reference_evaluate`) — byte for byte, in
English and in French (indicators, summed in another order, within rounding).
A mutant whose edited rows keep the old housing column must be caught.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from shapely.geometry import box

import mixplan.engine.evaluator as evaluator_module
from mixplan.engine import Evaluator
from mixplan.engine.facts import COL_ALTERED, COL_HAS_HOUSING, COL_HAZARD
from mixplan.engine.reference import reference_evaluate
from mixplan.model import Project
from mixplan.model.commands import SetFootprint, SetLevelHeight, SetLevelUses
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
    real = evaluator_module.facts_matrix

    def stale_housing(facts):  # type: ignore[no-untyped-def]
        # Mutant: patched rows keep saying "no housing".
        rows = real(facts)
        rows[:, COL_HAS_HOUSING] = 0.0
        return rows

    monkeypatch.setattr(evaluator_module, "facts_matrix", stale_housing)
    project = synthetic.varied_project(160, seed=5)
    evaluator = Evaluator(project)
    evaluator.evaluate("Scenario")
    with pytest.raises(AssertionError, match="housing column"):
        _session(project, evaluator, seed=2, rounds=30)
