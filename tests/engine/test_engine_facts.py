"""Per-building facts: invariants on random buildings, and a few exact cases."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from mixplan.engine.facts import Assumptions, building_facts, facts_rows, level_label
from mixplan.engine.indicators import sum_facts
from mixplan.model import USES, Building, Level, Rulebook

A = Assumptions.of(Rulebook())
CODES = sorted(USES)


@st.composite
def levels(draw: st.DrawFn) -> Level:
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=3,
                          unique=True))
    weights = [draw(st.integers(1, 4)) for _ in codes]
    shares = {c: w / sum(weights) for c, w in zip(codes, weights, strict=True)}
    shares[codes[-1]] = 1.0 - math.fsum(shares[c] for c in codes[:-1])
    return Level.of(
        draw(st.sampled_from([1.5, 1.8, 2.5, 3.0, 4.0, 4.5, 6.0])), shares,
        load_kn_m2=draw(st.sampled_from([None, 3.0, 5.0, 12.0])),
        access=draw(st.sampled_from([None, "street", "yard", "ramp", "none"])),
        nuisance=draw(st.sampled_from([None, "D", "E", "A"])),
        polygon=draw(st.sampled_from([None, box(0, 0, 5, 10)])))


@settings(max_examples=150, deadline=None)
@given(st.lists(levels(), min_size=1, max_size=6), st.integers(0, 2),
       st.sampled_from([0.0, 2500.0]), st.booleans(), st.booleans())
def test_facts_invariants(stack, basements, lift, ramp, common_parts) -> None:
    basements = min(basements, len(stack) - 1)
    b = Building("b", "", box(0, 0, 10, 10), tuple(stack), basements=basements,
                 freight_lift_kg=lift, ramp=ramp, common_parts=common_parts)
    f = building_facts(b, None, A)
    gross = sum((lv.polygon or b.footprint).area for lv in stack)
    assert math.isclose(f.gfa_m2, gross)
    assert math.isclose(f.sdp_m2, sum(f.sdp_by_use.values()), abs_tol=1e-9)
    # R111-22: no SDP at 1.80 m or less (3°); housing with common parts −10 % (8°)
    housing_rate = 0.92 * 0.9 if common_parts else 0.92
    floor = sum((lv.polygon or b.footprint).area * a.share
                * (housing_rate if USES[a.use].family.value == "housing" else 0.92)
                for lv in stack if lv.height_m > 1.8
                for a in lv.uses if USES[a.use].counts_in_sdp)
    assert math.isclose(f.sdp_m2, floor, abs_tol=1e-9)
    productive = sum(m2 for u, m2 in f.sdp_by_use.items() if USES[u].is_productive)
    assert math.isclose(f.productive_grade_m2 + f.productive_non_grade_m2,
                        productive, abs_tol=1e-9)
    assert math.isclose(f.productive_grade_m2, sum(f.grade_by_use.values()),
                        abs_tol=1e-9)
    assert math.isclose(f.height_m, math.fsum(lv.height_m for lv in stack[basements:]))
    assert len(f.non_grade) > 0 or f.productive_non_grade_m2 == 0
    totals = sum_facts(facts_rows([f]))
    assert math.isclose(totals.sdp, f.sdp_m2) and totals.max_height == f.height_m


def test_basement_productive_needs_lift_or_ramp() -> None:
    b = Building("b", "", box(0, 0, 10, 10),
                 (Level.of(4.5, "craft", load_kn_m2=10.0), Level.of(3.0, "office")),
                 basements=1)
    (issue,) = building_facts(b, None, A).non_grade
    assert issue.target == "b#0" and issue.label == "R-1"
    assert "freight lift" in issue.detail_en
    ramp = Building("b", "", box(0, 0, 10, 10), b.levels, basements=1, ramp=True)
    assert building_facts(ramp, None, A).non_grade == ()


def test_top_floor_and_labels() -> None:
    b = Building("b", "", box(0, 0, 10, 10),
                 (Level.of(3.0, "parking"), Level.of(5.0, "office"),
                  Level.of(3.0, "office"), Level.of(3.0, "technical")),
                 basements=1)
    f = building_facts(b, None, A)
    assert f.height_m == 11.0 and f.top_floor_m == 5.0  # plant room not occupied
    assert [level_label(i) for i in (-2, 0, 3)] == ["R-2", "R+0", "R+3"]
