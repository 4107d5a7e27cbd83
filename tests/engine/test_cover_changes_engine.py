"""The ground measure of scenarios that keep, change or remove a baseline cover
(DESIGN §14), with figures computed by hand on the test site (conftest)."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from mixplan.engine import Evaluator
from mixplan.engine.reference import reference_evaluate
from mixplan.model import Project
from mixplan.model.commands import (
    AddScenario,
    RemoveCover,
    RestoreCover,
    SetCover,
    TakeExistingCover,
)
from tests.engine.conftest import make_site_project
from tests.engine.test_engine_incremental import same


@pytest.fixture
def project() -> Project:
    """The test site; "Copy" keeps both covers, "Narrow" shortens the open soil
    to box(0, 40, 60, 50) = 600 m² (a changed cover)."""
    p = make_site_project()
    AddScenario("Copy").apply(p)
    AddScenario("Narrow").apply(p)
    SetCover("Narrow", "soil", geometry=box(0, 40, 60, 50)).apply(p)
    return p


def test_an_open_soil_correction_moves_exactly_the_scenarios_keeping_it(
    project: Project,
) -> None:
    evaluator = Evaluator(project)
    before = {s.name: evaluator.evaluate(s.name).indicators for s in project.scenarios}
    # Open soil box(0, 40, 100, 50) = 1,000 m² (touches no building).
    assert before["Existing"]["open_soil_m2"] == pytest.approx(1000.0)
    assert before["Copy"]["open_soil_m2"] == pytest.approx(1000.0)
    assert before["Narrow"]["open_soil_m2"] == pytest.approx(600.0)
    # The survey: the open soil reaches y = 35. box(0, 35, 100, 50) = 1,500 m²,
    # less building C's corner under it, box(80, 35, 90, 40) = 50 m²: 1,450 m².
    change = SetCover("Existing", "soil", geometry=box(0, 35, 100, 50)).apply(project)
    assert change.reached == {"Copy"}
    evaluator.invalidate(change)
    after = {s.name: evaluator.evaluate(s.name).indicators for s in project.scenarios}
    assert after["Existing"]["open_soil_m2"] == pytest.approx(1450.0)
    assert after["Copy"]["open_soil_m2"] - before["Copy"]["open_soil_m2"] == (
        pytest.approx(450.0)
    )
    assert after["Copy"]["open_soil_ratio"] == pytest.approx(1450.0 / 5000.0)
    assert after["Narrow"]["open_soil_m2"] == before["Narrow"]["open_soil_m2"]
    for name in ("Existing", "Copy", "Narrow"):
        oracle = reference_evaluate(project, name).indicators
        assert after[name]["open_soil_m2"] == pytest.approx(oracle["open_soil_m2"])


def test_a_changed_cover_says_so_when_the_baseline_is_corrected(
    project: Project,
) -> None:
    evaluator = Evaluator(project)
    assert "U02" not in {f.rule for f in evaluator.evaluate("Narrow").findings}
    SetCover("Existing", "soil", geometry=box(0, 35, 100, 50)).apply(project)
    u02 = [f for f in evaluator.evaluate("Narrow").findings if f.rule == "U02"]
    assert len(u02) == 1 and u02[0].severity == "info"
    assert u02[0].message.startswith("Ground cover soil: the existing state was edited")
    assert u02[0].message_fr.startswith("Revêtement de sol soil :")
    assert u02[0].targets == ("site",)
    assert "U02" not in {f.rule for f in evaluator.evaluate("Copy").findings}
    # Taking the existing version back: the scenario follows (1,450 m²), no U02.
    TakeExistingCover("Narrow", "soil").apply(project)
    narrow = evaluator.evaluate("Narrow")
    assert "U02" not in {f.rule for f in narrow.findings}
    assert narrow.indicators["open_soil_m2"] == pytest.approx(1450.0)


def test_removing_and_restoring_a_cover_in_a_scenario(project: Project) -> None:
    evaluator = Evaluator(project)
    assert evaluator.evaluate("Copy").indicators["open_soil_m2"] == pytest.approx(1000)
    remove = RemoveCover("Copy", "soil")
    evaluator.invalidate(remove.apply(project))
    assert evaluator.evaluate("Copy").indicators["open_soil_m2"] == 0.0
    # A correction of a cover Copy removed does not bring it back.
    SetCover("Existing", "soil", cover="lawn").apply(project)
    assert evaluator.evaluate("Copy").indicators["open_soil_m2"] == 0.0
    RestoreCover("Copy", "soil").apply(project)
    copy_ = evaluator.evaluate("Copy")
    # Lawn is pleine terre too: the restored (corrected) cover counts 1,000 m².
    assert copy_.indicators["open_soil_m2"] == pytest.approx(1000.0)
    assert same(copy_.to_json(), reference_evaluate(project, "Copy").to_json())
