"""Context.flagged_facts: made once per context, the facts at the flagged positions."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from shapely.geometry import box

import mixplan.engine.evaluator as evaluator_module
from mixplan.engine import Evaluator
from mixplan.engine.context import Context
from mixplan.model import Building, Level, Project

#: An upper warehouse floor without a freight lift or ramp: a level issue.
STORE = Level.of(4.5, "warehouse", access="yard")
OFFICE = Level.of(3.5, "office")


def _context(monkeypatch: pytest.MonkeyPatch) -> Context:
    project = Project.new("flagged")
    for k, levels in enumerate(((OFFICE, STORE), (OFFICE,), (OFFICE, STORE, STORE))):
        bid = f"b{k}"
        project.baseline.buildings[bid] = Building(
            bid, "", box(20 * k, 0, 20 * k + 10, 10), levels
        )
    seen: list[Context] = []
    run_rules = evaluator_module.run_rules

    def keeping(ctx: Context, pause: Callable[[], object] | None = None) -> object:
        seen.append(ctx)
        return run_rules(ctx, pause=pause)

    monkeypatch.setattr(evaluator_module, "run_rules", keeping)
    Evaluator(project).evaluate("Existing")
    return seen[0]


def test_flagged_facts_are_made_once_and_follow_a_replaced_context(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ctx = _context(monkeypatch)
    flagged = list(ctx.flagged)
    assert [ctx.facts[p].id for p in flagged] == ["b0", "b2"]  # b1: office only
    first = ctx.flagged_facts
    assert first == tuple(ctx.facts[p] for p in flagged)
    assert ctx.flagged_facts is first  # made once
    # A context made from it with other flagged positions makes its own.
    other = dataclasses.replace(ctx, flagged=[1])
    assert other.flagged_facts == (ctx.facts[1],)
    assert ctx.flagged_facts is first
