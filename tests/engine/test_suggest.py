"""The optimiser against a brute force over the same options (DESIGN §15).

The oracle below is written plainly and independently of mixplan.engine.suggest*:
it lists the options of DESIGN §15 for each building and cover, builds every
combination as a scenario, lets the engine evaluate it, keeps those with no error
finding and takes the best housing SDP. The optimiser must reach the same value.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
import shapely
from shapely.geometry import Polygon, box

from mixplan.engine import evaluate
from mixplan.engine.suggest import SuggestionError, suggest, working_copy
from mixplan.model import Building, GroundCover, Level, Project, Site
from mixplan.model.errors import ModelError
from mixplan.model.project import Allocation, Scenario
from mixplan.model.uses import USES
from tests.engine.conftest import make_site_project

# --- the oracle ------------------------------------------------------------------


def _raised(b: Building, storeys: int, whole: bool = False) -> Building:
    """Storeys of housing on the top level's outline, or on the whole footprint."""
    outline = None if whole else b.levels[-1].polygon
    extra = tuple(
        Level(3.0, (Allocation("housing", 1.0),), polygon=outline)
        for _ in range(storeys)
    )
    return replace(b, levels=b.levels + extra)


def _converted(b: Building, positions: tuple[int, ...]) -> Building:
    levels = list(b.levels)
    for p in positions:
        levels[p] = replace(levels[p], uses=(Allocation("housing", 1.0),))
    return replace(b, levels=tuple(levels))


def _convertible(b: Building) -> list[int]:
    out = []
    for p, level in enumerate(b.levels):
        families = {USES[a.use].family.value for a in level.uses}
        if (
            p >= b.basements
            and "productive" not in families
            and families != {"housing"}
        ):
            out.append(p)
    return out


def building_options(b: Building, options: set[str], max_added: int) -> list[Building]:
    b = replace(b, origin=b.id)
    out = []
    convert_sets = [()]
    if "convert" in options:
        cands = _convertible(b)
        convert_sets = [
            c for r in range(len(cands) + 1) for c in itertools.combinations(cands, r)
        ]
    for conv in convert_sets:
        for k in range(max_added + 1 if "raise" in options else 1):
            out.append(_raised(_converted(b, conv), k))
            if k and b.levels[-1].polygon is not None:
                out.append(_raised(_converted(b, conv), k, whole=True))
    return out


def cover_options(project: Project, cover: GroundCover, options: set[str]):
    """(building or None, cover replacement or None) pairs for one cover."""
    out: list[tuple[Building | None, GroundCover | None]] = [(None, None)]
    if cover.cover not in ("sealed", "parking"):
        return out
    if "deseal" in options:
        out.append((None, GroundCover(cover.id, "open_soil", cover.geometry)))
    if "build" in options:
        lmin = project.rulebook.number("C05", "min_setback_m")
        ground = cover.geometry.intersection(project.site.boundary)
        inset = shapely.buffer(ground, -lmin)
        if isinstance(inset, Polygon) and inset.area >= 50:
            hmax = project.rulebook.number("C03", "max_height_m")
            n = 0
            while 5.5 + 3.0 * n <= hmax:
                levels = (
                    Level.of(
                        5.5, "craft", load_kn_m2=15.0, access="street", nuisance="NC"
                    ),
                ) + (Level.of(3.0, "housing"),) * n
                out.append((Building(f"new-{cover.id}", "n", inset, levels), None))
                n += 1
    return out


def brute_force(project: Project, options: set[str], objective: str = "housing"):
    base = project.baseline
    max_added = int(project.rulebook.number("suggest", "max_added_storeys"))
    per_building = [
        building_options(b, options, max_added) for b in base.buildings.values()
    ]
    per_cover = [cover_options(project, c, options) for c in base.cover.values()]
    best = None
    for buildings in itertools.product(*per_building):
        for covers in itertools.product(*per_cover):
            new_buildings = list(buildings) + [b for b, _ in covers if b is not None]
            cover_list = [
                c2 if c2 is not None else c
                for c, (_, c2) in zip(base.cover.values(), covers, strict=True)
            ]
            trial = Scenario.of("trial", new_buildings, cover_list)
            project.scenarios.append(trial)
            try:
                ev = evaluate(project, "trial")
            finally:
                project.scenarios.pop()
            if ev.errors:
                continue
            value = {
                "housing": ev.indicators["sdp_by_family_m2"]["housing"],
                "jobs": ev.indicators["jobs"],
                "sdp": ev.indicators["sdp_m2"],
            }[objective]
            if best is None or value > best:
                best = value
    return best


# --- sites -----------------------------------------------------------------------


def lot_site() -> Project:
    """The engine test site with a sealed car park between the buildings."""
    project = make_site_project()
    project.rulebook.set("C07", "min_cbs", 0.2)
    project.baseline.cover["lot"] = GroundCover("lot", "sealed", box(35, 22, 75, 38))
    return project


def green_site() -> Project:
    """Open soil at its minimum: only de-sealing makes room for a building."""
    project = Project.new("green")
    project.site = Site(box(0, 0, 80, 60))
    base = project.baseline
    base.buildings["W"] = Building(
        "W",
        "Works",
        box(5, 5, 25, 25),
        (
            Level.of(6.0, "industry", load_kn_m2=15, access="street", nuisance="NC"),
            Level.of(3.5, "office"),
        ),
    )
    base.buildings["S"] = Building(
        "S", "Store", box(45, 5, 65, 20), (Level.of(4.0, "retail"),)
    )
    base.cover["soil"] = GroundCover("soil", "open_soil", box(0, 50, 80, 60))
    base.cover["p1"] = GroundCover("p1", "sealed", box(5, 30, 35, 48))
    base.cover["p2"] = GroundCover("p2", "sealed", box(45, 28, 75, 48))
    project.rulebook.set("C06", "min_open_soil_ratio", 800 / 4800 + 0.05)
    project.rulebook.set("C07", "min_cbs", 0.0)
    return project


def _no_errors(project: Project, suggestion) -> None:
    copy = working_copy(project)
    suggestion.command.apply(copy)
    ev = evaluate(copy, suggestion.name)
    assert ev.errors == [], ev.errors
    assert ev.indicators["sdp_by_family_m2"]["housing"] == pytest.approx(
        suggestion.indicators["sdp_by_family_m2"]["housing"]
    )


# --- tests ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options", [{"raise"}, {"raise", "convert"}, {"raise", "convert", "build"}]
)
def test_lot_site_matches_brute_force(options):
    project = lot_site()
    expected = brute_force(project, options)
    got = suggest(project, "Existing", "Max", allowed=options)
    assert got.status == "optimal" and got.gap == 0
    assert got.value == pytest.approx(expected, abs=1e-6)
    _no_errors(project, got)


def test_green_site_keeps_its_open_soil_shortfall_and_matches_brute_force():
    """The existing state misses C06: a suggestion may keep that shortfall but
    not worsen it (DESIGN §9, no worsening), with or without de-sealing."""
    project = green_site()
    before = evaluate(project, "Existing").indicators["open_soil_m2"]
    for name, options in (
        ("Max", {"raise", "convert", "build", "deseal"}),
        ("Max2", {"raise", "build"}),
    ):
        expected = brute_force(project, options)
        got = suggest(project, "Existing", name, allowed=options)
        assert got.value == pytest.approx(expected, abs=1e-6)
        _no_errors(project, got)
        copy = working_copy(project)
        got.command.apply(copy)
        after = evaluate(copy, name)
        assert after.indicators["open_soil_m2"] >= before - 1e-6
        c06 = [f for f in after.findings if f.rule == "C06"]
        assert all(f.severity == "warning" for f in c06)


def test_jobs_objective_matches_brute_force():
    project = lot_site()
    options = {"raise", "convert", "build"}
    got = suggest(project, "Existing", "Jobs", "jobs", allowed=options)
    assert got.value == pytest.approx(brute_force(project, options, "jobs"), abs=1e-6)
    _no_errors(project, got)


def test_suggestion_is_one_step_and_leaves_the_project_alone():
    project = lot_site()
    before = [s.name for s in project.scenarios]
    got = suggest(project, "Existing", "Max")
    assert [s.name for s in project.scenarios] == before
    got.command.apply(project)
    assert project.scenario("Max").description.startswith("Suggested by")
    assert evaluate(project, "Max").errors == []
    got.command.revert(project)
    assert [s.name for s in project.scenarios] == before


def test_infeasible_site_says_why():
    # (The existing CBS 0.20 < 0.30 no longer makes it infeasible: a shortfall
    # of the existing state may be kept, DESIGN §9. A density target may not.)
    project = make_site_project()
    project.rulebook.set("D01", "min_far_increase", 20.0)
    # existing SDP 1,058 m² (housing × 0.92 × 0.90, R111-22 8°) + 20 × 5,000 m²
    with pytest.raises(SuggestionError, match=r"D01 .*at least 101,058 m² needed"):
        suggest(project, "Existing", "Max")


def test_nothing_can_be_added():
    project = Project.new("full")
    project.site = Site(box(0, 0, 40, 40))
    project.baseline.buildings["F"] = Building(
        "F",
        "Full",
        box(10, 10, 30, 30),
        (
            Level.of(5.0, "craft", load_kn_m2=12, access="street"),
            Level.of(3.0, "housing"),
        ),
    )
    project.baseline.cover["soil"] = GroundCover("soil", "open_soil", box(0, 0, 40, 8))
    project.rulebook.set("C07", "min_cbs", 0.2)
    project.rulebook.set("C03", "max_height_m", 8.0)  # already at the limit
    with pytest.raises(SuggestionError, match="D01"):
        suggest(project, "Existing", "Max")
    # Without "density rises", keeping everything is the answer.
    project.rulebook.set("D01", "enabled", False)
    got = suggest(project, "Existing", "Max")
    assert got.changes == []
    # housing SDP: 400 × 0.92 × 0.90 (R111-22 8°, dwellings with common parts)
    assert got.value == pytest.approx(400 * 0.92 * 0.9)
    assert any(b.rule == "C03" and b.targets == ("F",) for b in got.binding)
    # The explanation names the building by its name, the target stays its id.
    height = [b for b in got.binding if b.rule == "C03"]
    assert [(b.message, b.message_fr) for b in height] == [
        (
            "height limit on “Full” (F) (8 m)",
            "hauteur maximale sur «\u202fFull\u202f» (F) (8 m)",
        )
    ]


def test_frozen_buildings_stay():
    project = lot_site()
    got = suggest(project, "Existing", "Max", frozen={"A", "lot"})
    assert {c.target for c in got.changes}.isdisjoint({"A", "lot"})
    _no_errors(project, got)


def test_bad_arguments():
    project = lot_site()
    with pytest.raises(ModelError, match="no scenario"):
        suggest(project, "Nope", "Max")
    with pytest.raises(ModelError, match="objective"):
        suggest(project, "Existing", "Max", "floors")
    with pytest.raises(ModelError, match="already exists"):
        suggest(project, "Existing", "Existing")
    with pytest.raises(ModelError, match="option"):
        suggest(project, "Existing", "Max", allowed={"teleport"})


def test_height_boundary_is_exact():
    """A storey that reaches the height limit exactly is allowed (C03: > fails)."""
    project = Project.new("edge")
    project.site = Site(box(0, 0, 60, 60))
    project.baseline.buildings["E"] = Building(
        "E",
        "Edge",
        box(20, 20, 40, 40),
        (Level.of(5.0, "craft", load_kn_m2=12, access="street"),),
    )
    project.baseline.cover["soil"] = GroundCover("soil", "open_soil", box(0, 0, 60, 15))
    project.rulebook.set("C07", "min_cbs", 0.2)
    project.rulebook.set("C05", "k", 0.0)
    project.rulebook.set("C03", "max_height_m", 11.0)  # 5 + 2 × 3 = 11
    # housing SDP per storey: 400 × 0.92 × 0.90 (R111-22 8°)
    per_storey = 400 * 0.92 * 0.9
    assert suggest(project, "Existing", "A").value == pytest.approx(2 * per_storey)
    project.rulebook.set("C03", "max_height_m", 10.999)
    assert suggest(project, "Existing", "B").value == pytest.approx(per_storey)


# --- trade-offs -------------------------------------------------------------------


def _park(n: int) -> Project:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_suggest.py"
    spec = importlib.util.spec_from_file_location("bench_suggest", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.park(n)


@pytest.mark.parametrize("versus", ["open_soil", "jobs"])
def test_pareto_front_of_a_park(versus):
    from mixplan.engine.suggest_pareto import pareto, point_suggestion

    project = _park(100)  # the budget: at least 10 points for 100 buildings
    front = pareto(project, "Existing", versus, points=10)
    assert len(front.points) >= 10
    others = [p.other for p in front.points]
    housing = [p.value for p in front.points]
    assert others == sorted(others)
    # More of the other measure never comes with more housing (a front).
    assert all(a >= b - 1e-6 for a, b in zip(housing, housing[1:], strict=False))
    # The housing end is the plain suggestion's optimum.
    best = suggest(project, "Existing", "Best")
    assert housing[0] == pytest.approx(best.value, rel=1e-9)
    middle = point_suggestion(project, front, front.points[5], "Middle")
    _no_errors(project, middle)
    ev_other = (
        middle.indicators["open_soil_ratio"] * 100
        if versus == "open_soil"
        else middle.indicators["jobs"]
    )
    assert ev_other == pytest.approx(front.points[5].other, rel=1e-6)
    assert ev_other >= front.points[5].floor - 1e-6


def test_pareto_bad_input():
    from mixplan.engine.suggest_pareto import pareto

    project = lot_site()
    with pytest.raises(ModelError, match="trade-off"):
        pareto(project, "Existing", "parking")
    with pytest.raises(ModelError, match="at least 2"):
        pareto(project, "Existing", "jobs", points=1)
    infeasible = make_site_project()
    infeasible.rulebook.set("D01", "min_far_increase", 20.0)
    with pytest.raises(SuggestionError, match="D01"):
        pareto(infeasible, "Existing", "jobs")


def test_time_limit_returns_the_best_found_or_says_so():
    """On 500 buildings 0.3 s is too short to prove the optimum (usually):
    the result is the best scenario found with its proven gap (verified by the
    engine like any other), or a one-line refusal naming the time limit."""
    project = _park(500)
    try:
        got = suggest(project, "Existing", "Quick", time_limit=0.3)
    except SuggestionError as exc:
        assert "time limit" in str(exc)
        return
    assert got.status in ("feasible", "optimal")
    assert got.gap >= 0
    if got.status == "optimal":
        assert got.gap == 0
    assert got.to_json()["status"] == got.status
    _no_errors(project, got)


def test_a_car_park_storey_becomes_housing():
    """Non-productive includes a car park storey above ground (not a basement)."""
    project = Project.new("parking storey")
    project.site = Site(box(0, 0, 60, 60))
    project.baseline.buildings["P"] = Building(
        "P",
        "Workshop and car park",
        box(20, 20, 40, 40),
        (
            Level.of(2.6, "parking"),
            Level.of(5.5, "craft", load_kn_m2=15, access="street"),
            Level.of(3.0, "parking"),
        ),
        basements=1,
    )
    project.baseline.cover["soil"] = GroundCover("soil", "open_soil", box(0, 0, 60, 15))
    project.rulebook.set("C07", "min_cbs", 0.2)
    project.rulebook.set("C05", "k", 0.0)
    options = {"raise", "convert"}
    got = suggest(project, "Existing", "Max", allowed=options)
    assert got.value == pytest.approx(brute_force(project, options), abs=1e-6)
    # R+1 (position 2) converted, two storeys added; the basement stays parking.
    # housing SDP: 3 × 400 × 0.92 × 0.90 (R111-22 8°, common parts)
    assert got.value == pytest.approx(3 * 400 * 0.92 * 0.9)
    assert [c.actions for c in got.changes] == [("raise", "convert")]
    _no_errors(project, got)
