"""Findings grouped by rule: counts, floor area concerned, worst first."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from mixplan.engine.finding_groups import (
    findings_by_building,
    group_findings,
    target_building,
)
from mixplan.engine.finding_records import FindingBlock, FindingList
from mixplan.engine.findings import Finding
from mixplan.model import Building, Level, Scenario


def scenario() -> Scenario:
    """a: 10 m × 10 m (100 m²), its upper storey set back to 5 m × 5 m (25 m²);
    b: 20 m × 10 m (200 m²), one storey."""
    return Scenario.of(
        "S",
        [
            Building(
                "a",
                "Atelier",
                box(0, 0, 10, 10),
                (Level.of(5, "craft"), Level.of(3, "craft", polygon=box(0, 0, 5, 5))),
            ),
            Building("b", "Halle", box(20, 0, 40, 10), (Level.of(6, "warehouse"),)),
        ],
    )


FINDINGS = [
    Finding("C13", "warning", "a upper", targets=("a#1",)),  # 25 m²
    Finding("C13", "warning", "b ground", targets=("b#0",)),  # 200 m²
    Finding("C20", "warning", "bays", targets=("a", "b")),  # 125 + 200 m²
    Finding("C03", "error", "high", targets=("b",)),  # 200 m²
    Finding("D01", "error", "density", targets=("site",)),  # no floor area
    Finding("C13", "info", "assumed", targets=("a#0", "b#0")),  # 100 + 200 m²
    Finding("C13", "warning", "a upper again", targets=("a#1",)),  # 25 m², again
]


def test_groups_are_ordered_errors_first_then_by_rule_order():
    groups = group_findings(FINDINGS, scenario(), ["D01", "C03", "C13", "C20"])
    assert [(g.rule, g.severity) for g in groups] == [
        ("D01", "error"),
        ("C03", "error"),
        ("C13", "warning"),
        ("C20", "warning"),
        ("C13", "info"),
    ]


def test_a_group_counts_its_findings_and_each_target_area_once():
    groups = {(g.rule, g.severity): g for g in group_findings(FINDINGS, scenario())}
    c13 = groups[("C13", "warning")]
    assert c13.count == 3
    # a#1 (25 m², named twice, counted once) + b#0 (200 m²)
    assert c13.floor_area_m2 == 225.0
    assert groups[("C20", "warning")].floor_area_m2 == 325.0
    assert groups[("C13", "info")].floor_area_m2 == 300.0
    assert groups[("D01", "error")].floor_area_m2 == 0.0
    assert groups[("D01", "error")].buildings == ()


def test_the_worst_finding_comes_first_and_ties_keep_their_order():
    groups = {(g.rule, g.severity): g for g in group_findings(FINDINGS, scenario())}
    c13 = groups[("C13", "warning")]
    assert c13.positions == (1, 0, 6)
    assert c13.areas_m2 == (200.0, 25.0, 25.0)
    assert c13.buildings == ("b", "a")


def test_unknown_buildings_and_levels_concern_no_floor_area():
    found = [
        Finding("C13", "warning", "gone", targets=("zz#0",)),
        Finding("C13", "warning", "whole", targets=("a#9",)),
    ]
    (group,) = group_findings(found, scenario())
    # a#9 is no level of a: the whole building (100 + 25 m²) is meant.
    assert group.areas_m2 == (125.0, 0.0)
    assert group.buildings == ("a", "zz")


def test_target_building_reads_levels_and_the_site():
    assert target_building("b12#3") == "b12"
    assert target_building("b12") == "b12"
    assert target_building("site") is None


def test_the_index_counts_errors_and_names_their_buildings():
    from mixplan.engine.finding_groups import FindingsIndex, findings_by_building

    index = FindingsIndex(
        group_findings(FINDINGS, scenario()), findings_by_building(FINDINGS)
    )
    assert index.error_count == 2  # C03 and D01
    assert index.error_buildings() == {"b"}  # D01 is about the site
    assert index.by_building == {"a": [0, 2, 5, 6], "b": [1, 2, 3, 5]}


def test_blocks_are_grouped_from_their_records_without_making_findings():
    """The same findings as records: same groups, no row made into a Finding."""

    def unread(row: int) -> float:
        raise AssertionError("a row was made into a finding")

    def block(rule, severity, rows):  # type: ignore[no-untyped-def]
        return FindingBlock(rule, severity, "", len(rows), lambda r: rows[r],
                            lambda r, lang: "", unread)  # fmt: skip

    records = FindingList(
        [
            block("C13", "warning", [("a#1",), ("b#0",)]),
            [FINDINGS[2], FINDINGS[3], FINDINGS[4], FINDINGS[5]],
            block("C13", "warning", [("a#1",)]),
        ]
    )
    order = ["D01", "C03", "C13", "C20"]
    assert group_findings(records, scenario(), order) == group_findings(
        FINDINGS, scenario(), order
    )
    assert findings_by_building(records) == findings_by_building(FINDINGS)
    assert findings_by_building(records) == {"a": [0, 2, 5, 6], "b": [1, 2, 3, 5]}


# --- the oracle: grouping written out finding by finding ---------------------------


def _plain_areas(scenario: Scenario, target: str) -> float:
    """A target's gross floor area, by the module docstring's definition."""
    building = target_building(target)
    if building is None or building not in scenario.buildings:
        return 0.0
    b = scenario.buildings[building]
    levels = [
        b.footprint.area if lv.polygon is None else lv.polygon.area for lv in b.levels
    ]
    suffix = target[len(building) + 1 :]
    if suffix.isdigit() and int(suffix) < len(levels):
        return levels[int(suffix)]
    return sum(levels)


def _plain_groups(findings, scenario, order):  # type: ignore[no-untyped-def]
    """(rule, severity, positions, areas, floor area, buildings), finding by finding."""
    kinds: dict[tuple[str, str], list[int]] = {}
    for p, f in enumerate(findings):
        kinds.setdefault((f.rule, f.severity), []).append(p)
    out = []
    for (rule, severity), positions in kinds.items():
        concerned = {
            p: sum(_plain_areas(scenario, t) for t in findings[p].targets)
            for p in positions
        }
        ordered = sorted(positions, key=lambda p: (-concerned[p], p))
        targets = {t for p in ordered for t in findings[p].targets}
        named = []
        for p in ordered:
            for t in findings[p].targets:
                b = target_building(t)
                if b is not None and b not in named:
                    named.append(b)
        floor = sum(_plain_areas(scenario, t) for t in targets)
        areas = [concerned[p] for p in ordered]
        out.append((rule, severity, ordered, areas, floor, named))
    rank = {"error": 0, "warning": 1, "info": 2}
    where = {r: k for k, r in enumerate(order)}
    return sorted(out, key=lambda g: (rank[g[1]], where.get(g[0], len(where)), g[0]))


def _plain_by_building(findings):  # type: ignore[no-untyped-def]
    index: dict[str, list[int]] = {}
    for p, f in enumerate(findings):
        for b in sorted({target_building(t) for t in f.targets} - {None}):
            index.setdefault(b, []).append(p)
    return index


TARGETS = ["a", "a#0", "a#1", "a#7", "b", "b#0", "zz#2", "site", "zz"]


@st.composite
def _findings(draw):  # type: ignore[no-untyped-def]
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["C03", "C13", "C15"]),
                st.sampled_from(["error", "warning", "info"]),
                st.lists(st.sampled_from(TARGETS), min_size=1, max_size=3),
            ),
            max_size=30,
        )
    )
    plain = [Finding(r, s, f"{r} {k}", targets=tuple(t))  # type: ignore[arg-type]
             for k, (r, s, t) in enumerate(rows)]  # fmt: skip
    # the same findings as blocks of one rule and severity where they run
    parts: list[list[Finding]] = []
    for f in plain:
        if parts and (parts[-1][-1].rule, parts[-1][-1].severity) == (
            f.rule, f.severity
        ) and draw(st.booleans()):  # fmt: skip
            parts[-1].append(f)
        else:
            parts.append([f])

    def as_block(run: list[Finding]) -> FindingBlock:
        first = run[0]
        return FindingBlock(
            first.rule, first.severity, "", len(run),
            lambda r: run[r].targets, lambda r, lang: run[r].message,
        )  # fmt: skip

    return plain, FindingList([as_block(run) for run in parts])


@settings(max_examples=150, deadline=None)
@given(_findings())
def test_grouping_agrees_with_the_plain_oracle(found) -> None:  # type: ignore[no-untyped-def]
    plain, records = found
    order = ["C15", "C03"]
    for findings in (plain, records):
        groups = [
            (g.rule, g.severity, list(g.positions), list(g.areas_m2),
             g.floor_area_m2, list(g.buildings))
            for g in group_findings(findings, scenario(), order)
        ]  # fmt: skip
        expected = _plain_groups(plain, scenario(), order)
        assert [g[:4] + g[5:] for g in groups] == [g[:4] + g[5:] for g in expected]
        for got, want in zip(groups, expected, strict=True):
            assert got[4] == pytest.approx(want[4], rel=1e-12)
        assert list(findings_by_building(findings).items()) == list(
            _plain_by_building(plain).items()
        )


def test_the_oracle_catches_a_grouping_that_reads_one_target_a_finding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mixplan.engine import finding_groups

    real = finding_groups.targets_of
    monkeypatch.setattr(
        finding_groups, "targets_of", lambda f: [t[:1] for t in real(f)]
    )
    found = [FINDINGS[2]]  # C20 on a and b: 125 + 200 m²
    (group,) = group_findings(found, scenario())
    (want,) = _plain_groups(found, scenario(), ())
    assert (group.floor_area_m2, list(group.buildings)) != (want[4], want[5])


@pytest.mark.parametrize("per_call", [1, 2, 3, 8192])
def test_targets_coded_in_pieces_keep_their_first_place(
    monkeypatch: pytest.MonkeyPatch, per_call: int
) -> None:
    # Coded TARGETS_PER_CALL at a time (the GIL let go between pieces): a target
    # met again in a later piece keeps the code of its first place.
    from mixplan.engine import finding_groups

    monkeypatch.setattr(finding_groups, "TARGETS_PER_CALL", per_call)
    found = [
        Finding("C13", "warning", "1", targets=("a#1", "b#0")),
        Finding("C20", "warning", "2", targets=("a", "b#0")),
        Finding("C03", "error", "3", targets=("a#1", "a")),
        Finding("C13", "warning", "4", targets=("b#0",)),
    ]
    # flat: a#1 b#0 a b#0 a#1 a b#0 -> first places 0 1 2 1 0 2 1
    table = finding_groups._Targets(found)
    assert table.code.tolist() == [0, 1, 2, 1, 0, 2, 1]
    groups = [
        (g.rule, g.severity, list(g.positions), list(g.areas_m2),
         g.floor_area_m2, list(g.buildings))
        for g in group_findings(found, scenario(), ["C03"])
    ]  # fmt: skip
    assert groups == _plain_groups(found, scenario(), ["C03"])
    assert findings_by_building(found) == {"a": [0, 1, 2], "b": [0, 1, 3]}
