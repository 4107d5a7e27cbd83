"""Phasing and C12 (DESIGN §16) on a hand-computed tiroir sequence.

Baseline (every level a 6 m craft ground floor: productive-grade on the assumed
slab on grade and street access; SDP = footprint × 0.92):

- ``A`` box(0, 0, 20, 50) = 1,000 m² → 920 m²; firms Menuiserie (400 m²) and
  Serrurerie (300 m²).
- ``B`` box(100, 0, 120, 50) = 1,000 m² → 920 m²; firm Imprimerie (500 m²).

Existing productive floor area 1,840 m²; C12 limit 0.8 × 1,840 = 1,472 m²; C09
limit 1,840 m².

Scenario "Tiroir", three phases: ``N`` new craft hall box(200, 0, 230, 50) =
1,500 m² → 1,380 m², delivered in 1, hosting Menuiserie and Serrurerie from 2;
``A`` removed, demolished in 2; ``H`` housing on A's footprint (3 storeys),
delivered in 3; ``B`` kept.

Phase 1: during A + B = 1,840; end A + B + N = 3,220.
Phase 2: during B + N = 2,300 (A gone, N usable); end 2,300.
Phase 3: during 2,300; end 2,300; H's housing delivered.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from shapely.geometry import box

from mixplan.engine import evaluate
from mixplan.engine.phasing import phasing
from mixplan.model import Building, Level, Project
from mixplan.model.commands import AddScenario, RemoveBuilding
from mixplan.model.phasing import Hosting, Occupant, Phase
from mixplan.model.phasing_commands import (
    SetBuildingPhases,
    SetDemolition,
    SetHosts,
    SetPhases,
)


def craft(ident: str, footprint, occupants=(), **phases) -> Building:
    return Building(
        ident,
        ident,
        footprint,
        (Level.of(6.0, "craft"),),
        occupants=tuple(occupants),
        **phases,
    )


def housing(ident: str, footprint, storeys: int, **phases) -> Building:
    return Building(
        ident,
        ident,
        footprint,
        tuple(Level.of(3.0, "housing") for _ in range(storeys)),
        **phases,
    )


def tiroir_project(serrurerie_from: int = 2) -> Project:
    p = Project.new("tiroir")
    p.baseline.buildings["A"] = craft(
        "A",
        box(0, 0, 20, 50),
        [Occupant("Menuiserie", 400, 6), Occupant("Serrurerie", 300, 4)],
    )
    p.baseline.buildings["B"] = craft(
        "B", box(100, 0, 120, 50), [Occupant("Imprimerie", 500, 8)]
    )
    AddScenario("Tiroir").apply(p)
    SetPhases([Phase("Hôtel"), Phase("Démolition"), Phase("Logements")]).apply(p)
    s = p.scenario("Tiroir")
    RemoveBuilding("Tiroir", "A").apply(p)
    s.buildings["N"] = craft("N", box(200, 0, 230, 50), delivered_in=1)
    s.buildings["H"] = housing("H", box(0, 0, 20, 50), 3, delivered_in=3)
    SetDemolition("Tiroir", "A", 2).apply(p)
    SetHosts(
        "Tiroir",
        "N",
        [Hosting("Menuiserie", 2), Hosting("Serrurerie", serrurerie_from)],
    ).apply(p)
    return p


def c12(project: Project, name: str = "Tiroir"):
    return [f for f in evaluate(project, name).findings if f.rule == "C12"]


def test_productive_in_use_per_phase_by_hand() -> None:
    result = phasing(tiroir_project(), "Tiroir")
    assert result.phased
    assert result.baseline_productive_m2 == pytest.approx(1840)
    assert result.retention_limit_m2 == pytest.approx(1472)
    figures = [
        (f.phase, f.name, f.productive_in_use_during_m2, f.productive_in_use_end_m2)
        for f in result.phases
    ]
    assert figures == [
        (1, "Hôtel", pytest.approx(1840), pytest.approx(3220)),
        (2, "Démolition", pytest.approx(2300), pytest.approx(2300)),
        (3, "Logements", pytest.approx(2300), pytest.approx(2300)),
    ]
    assert [f.firms_without_premises for f in result.phases] == [(), (), ()]


def test_housing_delivered_is_the_new_housing_in_its_phase() -> None:
    p = tiroir_project()
    result = phasing(p, "Tiroir")
    new_housing = evaluate(p, "Tiroir").indicators["sdp_by_family_m2"]["housing"]
    assert new_housing > 0
    assert [f.housing_delivered_m2 for f in result.phases] == [
        0.0,
        0.0,
        pytest.approx(new_housing),
    ]


def test_a_correct_tiroir_sequence_passes_c12() -> None:
    p = tiroir_project()
    (info,) = c12(p)
    assert info.severity == "info"
    assert info.message.startswith(
        "Phased in 3 phases: productive floor area in "
        "use never below 1,840 m² (100% of the existing"
    )
    result = phasing(p, "Tiroir")
    assert result.locations == {
        "Menuiserie": ["A", "N", "N"],
        "Serrurerie": ["A", "N", "N"],
        "Imprimerie": ["B", "B", "B"],
    }
    assert [
        (m.firm, m.phase, m.from_building, m.to_building) for m in result.moves
    ] == [("Menuiserie", 2, "A", "N"), ("Serrurerie", 2, "A", "N")]


def test_a_firm_without_premises_in_one_phase() -> None:
    p = tiroir_project(serrurerie_from=3)
    result = phasing(p, "Tiroir")
    assert [f.firms_without_premises for f in result.phases] == [
        (),
        ("Serrurerie",),
        (),
    ]
    (error,) = [f for f in c12(p) if f.severity == "error"]
    assert "Serrurerie" in error.message and "phase 2" in error.message
    assert error.targets == ("A",)


def test_housing_before_the_productive_capacity() -> None:
    p = tiroir_project()
    # The housing comes in phase 2, the productive hall only in phase 3.
    SetBuildingPhases("Tiroir", "N", delivered_in=3).apply(p)
    SetHosts("Tiroir", "N", []).apply(p)
    SetDemolition("Tiroir", "A", 1).apply(p)
    SetBuildingPhases("Tiroir", "H", delivered_in=1).apply(p)
    result = phasing(p, "Tiroir")
    # Phase 1: during B = 920; end B = 920 (A gone, N not yet), housing delivered.
    first = result.phases[0]
    assert first.productive_in_use_during_m2 == pytest.approx(920)
    assert first.productive_in_use_end_m2 == pytest.approx(920)
    assert first.housing_delivered_m2 > 0
    errors = [f for f in c12(p) if f.severity == "error"]
    homes = [f for f in errors if "housing delivered" in f.message]
    assert len(homes) == 1 and homes[0].targets == ("H",)
    assert homes[0].measured == pytest.approx(920)
    assert homes[0].limit == pytest.approx(1840)
    # Every phase runs at 920 m² < 1,472 m² during the works (N is usable only
    # after phase 3); Menuiserie and Serrurerie lose their premises in every phase
    # (A goes in 1, they are hosted nowhere).
    low = [f for f in errors if "during the works" in f.message]
    assert [f.message.split(":")[0] for f in low] == ["Phase 1", "Phase 2", "Phase 3"]
    assert result.phases[2].productive_in_use_end_m2 == pytest.approx(920 + 1380)
    homeless = {f.message.split("'")[1] for f in errors if "no premises" in f.message}
    assert homeless == {"Menuiserie", "Serrurerie"}


def test_housing_may_come_once_the_productive_capacity_is_back() -> None:
    """End of phase 3 holds 2,300 ≥ 1,840 m²: the E7 D condition holds."""
    p = tiroir_project()
    assert not [f for f in c12(p) if "housing delivered" in f.message]


def _retention_project() -> Project:
    """A 2,000 m² hall (1,840) and a 500 m² shed (460); the shed goes in phase 1.

    During phase 1 the hall alone is in use: 1,840 = 0.8 × 2,300 exactly.
    """
    p = Project.new("retention")
    p.baseline.buildings["Hall"] = craft("Hall", box(0, 0, 40, 50))
    p.baseline.buildings["Shed"] = craft("Shed", box(100, 0, 110, 50))
    AddScenario("S").apply(p)
    SetPhases([Phase(), Phase()]).apply(p)
    RemoveBuilding("S", "Shed").apply(p)
    p.scenario("S").buildings["New"] = craft(
        "New", box(200, 0, 210, 50), delivered_in=1
    )
    SetDemolition("S", "Shed", 1).apply(p)
    return p


def test_retention_at_exactly_the_limit_passes() -> None:
    p = _retention_project()
    result = phasing(p, "S")
    assert result.phases[0].productive_in_use_during_m2 == pytest.approx(1840)
    assert result.retention_limit_m2 == pytest.approx(1840)
    assert [f for f in c12(p, "S") if f.severity == "error"] == []


def test_retention_just_below_the_limit_fails() -> None:
    p = _retention_project()
    p.rulebook.set("C12", "min_phase_retention", 0.8 + 1e-6)
    (error,) = [f for f in c12(p, "S") if f.severity == "error"]
    assert error.message.startswith("Phase 1:")
    assert error.targets == ("Shed",)
    assert error.measured == pytest.approx(1840)


def test_hosted_firms_must_fit_the_building() -> None:
    p = tiroir_project()
    # N shrinks to 500 m² of footprint: 460 m² for 700 m² of firms.
    s = p.scenario("Tiroir")
    s.buildings["N"] = replace(s.buildings["N"], footprint=box(200, 0, 210, 50))
    errors = [f for f in c12(p) if f.severity == "error"]
    (fit,) = [f for f in errors if "hosts firms" in f.message]
    assert fit.targets == ("N",)
    assert fit.measured == pytest.approx(700) and fit.limit == pytest.approx(460)


def test_a_scenario_without_phase_data_is_one_phase() -> None:
    p = tiroir_project()
    AddScenario("Plain").apply(p)
    result = phasing(p, "Plain")
    assert not result.phased and len(result.phases) == 1
    (info,) = c12(p, "Plain")
    assert info.severity == "info" and info.message.startswith("Not phased")


def test_missing_phases_are_assumed_and_said() -> None:
    p = tiroir_project()
    SetBuildingPhases("Tiroir", "H", delivered_in=None).apply(p)
    result = phasing(p, "Tiroir")
    (h,) = [b for b in result.buildings if b.id == "H"]
    assert h.delivered_in == 3 and h.assumed
    (info,) = [f for f in c12(p) if f.message.startswith("Phases assumed")]
    assert info.severity == "info" and info.targets == ("H",)


def test_the_evaluator_sees_phase_edits() -> None:
    """An evaluator kept between edits gives the new C12 (the token changes)."""
    from mixplan.engine.evaluator import Evaluator

    p = tiroir_project()
    evaluator = Evaluator(p)
    assert not [
        f
        for f in evaluator.evaluate("Tiroir").findings
        if f.rule == "C12" and f.severity == "error"
    ]
    SetHosts("Tiroir", "N", [Hosting("Menuiserie", 2), Hosting("Serrurerie", 3)]).apply(
        p
    )
    assert [
        f
        for f in evaluator.evaluate("Tiroir").findings
        if f.rule == "C12" and f.severity == "error"
    ]


def test_a_facts_cache_gives_the_same_phasing_and_measures_only_what_changed() -> None:
    """The dock's worker keeps a FactsCache: each result equals a fresh phasing
    (the JSON, byte for byte), and an edit measures again only the building it
    made (the others' facts are the very objects measured before)."""
    import json

    from mixplan.engine.facts import Assumptions
    from mixplan.engine.phasing import FactsCache

    p = tiroir_project()
    cache = FactsCache()

    def same() -> None:
        cached = phasing(p, "Tiroir", cache=cache).to_json()
        assert json.dumps(cached) == json.dumps(phasing(p, "Tiroir").to_json())

    def known() -> dict[str, object]:
        """The facts the cache holds for the scenario's buildings, by id."""
        s, base = p.scenario("Tiroir"), p.baseline.buildings
        cache.begin(Assumptions.of(p.rulebook))
        facts = {
            bid: cache.facts(b, base.get(b.origin or ""))
            for bid, b in s.buildings.items()
        }
        cache.end()
        return facts

    same()
    before = known()
    SetPhases([*p.phases, Phase("Quatre")]).apply(p)  # no building changed
    same()
    assert all(known()[bid] is f for bid, f in before.items())
    SetBuildingPhases("Tiroir", "H", delivered_in=4).apply(p)  # H is a new value
    same()
    after = known()
    assert after["H"] is not before["H"]
    assert after["N"] is before["N"] and after["B"] is before["B"]
    # other rulebook values: every building measured again
    p.rulebook.set("assumptions", "sdp_factor", 0.8)
    same()
    assert all(known()[bid] is not f for bid, f in after.items())


def test_a_phasing_stops_at_its_checkpoint() -> None:
    """The checkpoint is called every CHECK_EVERY (256) buildings measured; what
    it raises stops the phasing (the dock's job, made outdated by an edit)."""
    from mixplan.engine.phasing import CHECK_EVERY

    p = Project.new("p")
    for k in range(300):
        p.baseline.buildings[f"b{k}"] = craft(f"b{k}", box(30 * k, 0, 30 * k + 20, 20))
    AddScenario("S").apply(p)
    calls: list[int] = []
    assert CHECK_EVERY == 256
    phasing(p, "S", checkpoint=lambda: calls.append(1))
    assert calls == [1, 1]  # 600 buildings measured: at 256 and 512

    class Stop(Exception):
        pass

    def stop() -> None:
        raise Stop

    with pytest.raises(Stop):
        phasing(p, "S", checkpoint=stop)
