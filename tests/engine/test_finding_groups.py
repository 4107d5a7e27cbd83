"""Findings grouped by rule: counts, floor area concerned, worst first."""

from __future__ import annotations

from shapely.geometry import box

from mixplan.engine.finding_groups import (
    findings_by_building,
    group_findings,
    target_building,
)
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
    from mixplan.engine.finding_records import FindingBlock, FindingList

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
