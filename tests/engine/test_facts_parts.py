"""A batch's facts computed in parts of its buildings, and its matrix in blocks of rows.

At 100,000 buildings :func:`~mixplan.engine.columns.facts_batch` computes the
facts a part of buildings at a time (:data:`~mixplan.engine.columns.
PART_BUILDINGS`, :meth:`~mixplan.engine.level_rows.LevelRows.parts`) and writes
the facts matrix a block of rows at a time. Small parts and blocks here: every
figure, issue and matrix cell must be what the per-building walk gives, and a
whole evaluation what the reference evaluation gives.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import box

import mixplan.engine.columns as columns_module
from mixplan.engine import Evaluator
from mixplan.engine.columns import facts_batch
from mixplan.engine.facts import Assumptions, BuildingFacts, building_facts, facts_rows
from mixplan.engine.level_issues import IssueRows
from mixplan.engine.level_rows import read_rows
from mixplan.engine.reference import reference_evaluate
from mixplan.model import Building, Level, Project, Rulebook
from mixplan.model.project import Allocation
from tests.engine.test_engine_incremental import same

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
import synthetic  # noqa: E402


def _varied(count: int, seed: int) -> Project:
    return synthetic.varied_project(count, seed=seed)


@pytest.mark.parametrize(("part", "block"), [(1, 1), (2, 3), (7, 2), (13, 5), (60, 4)])
def test_parts_give_exactly_the_walk(
    monkeypatch: pytest.MonkeyPatch, part: int, block: int
) -> None:
    monkeypatch.setattr(columns_module, "PART_BUILDINGS", part)
    monkeypatch.setattr(columns_module, "_MATRIX_BLOCK", block)
    project = _varied(60, 3)
    values = list(project.baseline.buildings.values())
    a = Assumptions.of(project.rulebook)
    areas = shapely.area([b.footprint for b in values])
    walked = [
        building_facts(b, b, a, footprint_m2=x)
        for b, x in zip(values, areas.tolist(), strict=True)
    ]
    batch = facts_batch(values, values, a, areas)
    assert batch.rows.tobytes() == facts_rows(walked).tobytes()
    assert [BuildingFacts(*f.field_values()) for f in batch.facts] == walked
    for kind in ("non_grade", "assumed", "typical_load", "unserved", "stacking"):
        flat = [i for w in walked for i in getattr(w, kind)]
        assert flat, kind  # (the park has issues of every kind)
        rows = IssueRows(tuple(batch.facts), kind)
        assert len(rows) == len(flat)
        assert rows.every() == flat, kind
        assert [rows.owner(k).id for k in range(len(rows))] == [
            i.target.split("#")[0] for i in flat
        ]


def test_parts_are_views_numbered_from_zero() -> None:
    project = _varied(9, 1)
    values = list(project.baseline.buildings.values())
    rows = read_rows(values, shapely.area([b.footprint for b in values]))
    parts = rows.parts(4)
    # 9 buildings in parts of about 4: three parts of 3
    assert [p.buildings for p in parts] == [3, 3, 3]
    assert rows.parts(9) == [rows] and rows.parts(100) == [rows]
    assert sum((p.ids for p in parts), []) == rows.ids
    level_offsets = np.cumsum([0] + [len(p.level_building) for p in parts])
    building_offsets = np.cumsum([0] + [p.buildings for p in parts])
    glued = np.concatenate(
        [p.level_building + b for p, b in zip(parts, building_offsets, strict=False)]
    )
    assert glued.tolist() == rows.level_building.tolist()
    glued = np.concatenate(
        [p.alloc_level + k for p, k in zip(parts, level_offsets, strict=False)]
    )
    assert glued.tolist() == rows.alloc_level.tolist()
    for name in ("use", "share", "stated_rank", "height", "gross", "index"):
        whole = getattr(rows, name)
        assert np.concatenate([getattr(p, name) for p in parts]).tolist() == (
            whole.tolist()
        )
        assert all(np.shares_memory(getattr(p, name), whole) for p in parts), name
    assert sum((p.levels for p in parts), []) == rows.levels


def test_an_evaluation_in_parts_agrees_with_the_reference(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rules, indicators and findings read the records of several parts."""
    monkeypatch.setattr(columns_module, "PART_BUILDINGS", 7)
    monkeypatch.setattr(columns_module, "_MATRIX_BLOCK", 3)
    project = _varied(80, 5)
    evaluator = Evaluator(project)
    for name in ("Existing", "Scenario"):
        assert same(
            evaluator.evaluate(name).to_json(),
            reference_evaluate(project, name).to_json(),
        ), name


def test_hazard_is_each_buildings_highest_regime() -> None:
    """Three buildings in one batch: craft stated D on the ground floor, a
    warehouse stated E above it (the highest, 3: E, on the upper level); flats
    only (no regime, 0); an office stating DC (a tertiary use's stated regime
    counts, 2); then a shed of warehouses stated nothing: a warehouse's own
    default, D (1)."""

    def building(bid: str, *levels: Level) -> Building:
        return Building(bid, "", box(0, 0, 10, 10), levels)

    park = [
        building(
            "mixed",
            Level(4.0, (Allocation("craft", 1.0, "D"),)),
            Level(3.0, (Allocation("warehouse", 0.5, "E"), Allocation("office", 0.5))),
        ),
        building("flats", Level(3.0, (Allocation("housing", 1.0),))),
        building("office", Level(3.0, (Allocation("office", 1.0, "DC"),))),
        building("shed", Level(6.0, (Allocation("warehouse", 1.0),))),
    ]
    batch = facts_batch(park, park, Assumptions.of(Rulebook()), np.full(4, 100.0))
    assert [f.hazard_rank for f in batch.facts] == [3, 0, 2, 1]
