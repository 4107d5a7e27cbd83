"""An evaluation's pause points (``Evaluator.evaluate``'s ``pause``): called
between its steps, they change nothing of what it gives."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mixplan.engine import Evaluator, evaluate
from mixplan.engine.rules import RULES
from mixplan.model import ModelError, Project
from mixplan.model.commands import AddScenario
from tests.engine.conftest import make_site_project
from tests.engine.test_engine_incremental import random_command, same


def test_an_evaluation_pauses_between_its_states_indicators_and_rules(
    site_project: Project,
) -> None:
    AddScenario("Plan").apply(site_project)
    evaluator = Evaluator(site_project)
    calls: list[int] = []
    evaluation = evaluator.evaluate("Plan", lambda: calls.append(len(calls)))
    # In each state, after its footprint index, its facts and its ground
    # measure (3 + 3); after the baseline's state, the scenario's, the
    # indicators; then between two rules (21 rules: 20 pauses), whether a
    # rule runs or not.
    assert len(RULES) == 21
    assert len(calls) == 6 + 3 + 20
    assert same(evaluation.to_json(), evaluate(site_project, "Plan").to_json())
    # Nothing changed: the last evaluation, once both states are known.
    calls.clear()
    assert evaluator.evaluate("Plan", lambda: calls.append(0)) is evaluation
    assert len(calls) == 6 + 2
    # The baseline too (compared with itself: its state is the scenario's).
    calls.clear()
    evaluator.evaluate("Existing", lambda: calls.append(0))
    assert len(calls) == 3 + 23


def test_a_pause_that_reads_the_project_changes_nothing(site_project: Project) -> None:
    AddScenario("Plan").apply(site_project)
    evaluator = Evaluator(site_project)
    read: list[int] = []
    paused = evaluator.evaluate(
        "Plan", lambda: read.append(len(site_project.scenario("Plan").buildings))
    )
    assert read == [3] * 29
    assert same(paused.to_json(), Evaluator(site_project).evaluate("Plan").to_json())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_paused_incremental_evaluations_equal_unpaused_ones(
    data: st.DataObject,
) -> None:
    project = make_site_project()
    AddScenario("Plan").apply(project)
    paused, unpaused = Evaluator(project), Evaluator(project)
    pauses: list[None] = []
    for _ in range(data.draw(st.integers(1, 8))):
        try:
            change = random_command(data, project).apply(project)
        except ModelError:
            continue
        paused.invalidate(change)
        unpaused.invalidate(change)
        for scenario in project.scenarios:
            live = paused.evaluate(scenario.name, lambda: pauses.append(None))
            plain = unpaused.evaluate(scenario.name).to_json()
            assert same(live.to_json(), plain), scenario.name
            assert same(live.to_json(), evaluate(project, scenario.name).to_json())
    assert all(p is None for p in pauses)
