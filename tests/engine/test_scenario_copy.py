"""A scenario's copy shares its baseline's facts only where they were measured on
the very origin object, whatever the positions it is given say."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from shapely.geometry import box

from mixplan.engine.columns import facts_batch
from mixplan.engine.facts import Assumptions
from mixplan.engine.scenario_copy import BaselineFacts, copy_facts
from mixplan.model import Building, Level, Rulebook
from mixplan.model.sameness import kept_version

A = Assumptions.of(Rulebook())
SHED = Building("s", "Shed", box(0, 0, 10, 10), (Level.of(6.0, "craft"),))
HALL = Building("h", "Hall", box(20, 0, 40, 10), (Level.of(4.0, "office"),))


def test_shared_only_where_measured_on_the_origin_itself() -> None:
    older_hall = replace(HALL, name="Old hall")  # the facts were measured on it
    measured = facts_batch([SHED, older_hall], [SHED, older_hall], A, [100.0, 200.0])
    current = {"s": SHED, "h": HALL}
    scenario = [kept_version(SHED), kept_version(HALL)]
    areas = np.array([100.0, 200.0])
    for position in (None, {"s": 0, "h": 1}):
        base = BaselineFacts(
            ["s", "h"],
            [SHED, older_hall],
            measured.facts,
            measured.rows,
            None,
            position,
        )
        copy = copy_facts(scenario, current, base, A, areas)
        assert copy.facts[0] is measured.facts[0]
        # the hall's facts were measured on another object: measured again
        assert copy.facts[1] is not measured.facts[1]
        assert copy.facts[1].gfa_m2 == 200.0
        assert copy.matrix is not None
        assert copy.matrix.tobytes() == measured.rows.tobytes()


def test_an_id_the_baseline_facts_lack_is_measured() -> None:
    # the baseline's facts hold the shed only (as last evaluated); the hall came since
    measured = facts_batch([SHED], [SHED], A, [100.0])
    base = BaselineFacts(["s"], [SHED], measured.facts, measured.rows, None, {"s": 0})
    copy = copy_facts(
        [kept_version(HALL), kept_version(SHED)],
        {"s": SHED, "h": HALL},
        base,
        A,
        np.array([200.0, 100.0]),
    )
    assert copy.facts[1] is measured.facts[0]
    assert copy.facts[0].gfa_m2 == 200.0
    assert copy.origins == ["h", "s"]
