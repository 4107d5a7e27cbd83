"""The report reads findings run by run: the engine's blocks whole, without
making a Finding for a row it does not print."""

from __future__ import annotations

import pytest

from mixplan.engine.finding_records import FindingBlock, FindingList
from mixplan.engine.findings import Evaluation, Finding
from mixplan.model import Rulebook
from mixplan.report.comparison import rule_verdict
from mixplan.report.lists import ordered_findings
from mixplan.report.runs import finding_runs, ordered_runs
from mixplan.report.summary import rule_status, verdict


def _never(row: int) -> float:
    raise AssertionError(f"row {row} was made into a Finding")


def block(rule: str, severity: str, targets: list[tuple[str, ...]]) -> FindingBlock:
    """A block whose rows cannot be made into findings (their measure raises)."""
    return FindingBlock(
        rule,
        severity,  # type: ignore[arg-type]
        "PLU",
        len(targets),
        targets.__getitem__,
        lambda row, lang: (
            f"{rule} ligne {row}" if lang == "fr" else f"{rule} row {row}"
        ),
        _never,
    )


def readable(rule: str, severity: str, count: int, tag: str) -> FindingBlock:
    return FindingBlock(
        rule,
        severity,  # type: ignore[arg-type]
        "PLU",
        count,
        lambda row: (f"{tag}{row}",),
        lambda row, lang: "" if lang == "fr" else f"{tag}{row}",
        float,
    )


def test_runs_in_the_report_order_are_the_findings_sorted_one_by_one() -> None:
    site = [
        Finding("C06", "info", "site info", targets=("site",)),
        Finding("C13", "warning", "first C13 warning", targets=("x#1",)),
        Finding("C02", "error", "site error", targets=("site",)),
    ]
    found = FindingList(
        [
            readable("C13", "warning", 3, "a"),
            site,
            readable("C03", "error", 2, "h"),
            [Finding("C13", "warning", "last C13 warning", targets=("y#2",))],
            readable("C13", "info", 1, "i"),
        ]
    )
    order = {"error": 0, "warning": 1, "info": 2}
    # the oracle: every finding made, then Python's stable sort
    expected = sorted(found, key=lambda f: (order[f.severity], f.rule))
    assert ordered_findings(found) == expected
    # by hand: C02 then C03 errors; C13 warnings in the engine's order (the
    # block's three rows, the site's one, the last one); then C06, C13 infos
    assert [f.message for f in expected] == [
        "site error",
        "h0",
        "h1",
        "a0",
        "a1",
        "a2",
        "first C13 warning",
        "last C13 warning",
        "site info",
        "i0",
    ]
    runs = ordered_runs(found)
    assert [(r.rule, r.severity, len(r.findings)) for r in runs] == [
        ("C02", "error", 1),
        ("C03", "error", 2),
        ("C13", "warning", 3),
        ("C13", "warning", 1),
        ("C13", "warning", 1),
        ("C06", "info", 1),
        ("C13", "info", 1),
    ]


def test_a_blocks_targets_are_read_without_making_its_findings() -> None:
    found = FindingList([block("C13", "warning", [("b1#1",), ("b2#0", "b3")])])
    (run,) = finding_runs(found)
    assert list(run.targets()) == [("b1#1",), ("b2#0", "b3")]
    with pytest.raises(AssertionError, match="made into a Finding"):
        list(run.findings)  # (the check above would have raised the same)


@pytest.mark.parametrize(
    ("unchanged", "status"),
    [
        ({"b1", "b2", "b3"}, "existing"),  # every building targeted is kept as is
        ({"b1", "b2"}, "fail"),  # b3 is changed by the scenario
    ],
)
def test_a_key_rule_is_failed_or_kept_from_a_blocks_targets(
    unchanged: set[str], status: str
) -> None:
    found = FindingList([block("C13", "warning", [("b1#1",), ("b2#0", "b3")])])
    evaluation = Evaluation("S", {}, findings=found)  # type: ignore[arg-type]
    assert rule_status(Rulebook(), evaluation, "C13", False, unchanged) == status
    assert rule_status(Rulebook(), evaluation, "C15", False, unchanged) == "pass"


def test_counts_and_verdicts_read_the_blocks_lengths() -> None:
    found = FindingList(
        [
            block("C15", "error", [(f"b{i}#1",) for i in range(7)]),
            block("C05", "error", [("b1", "b2")]),
            block("C13", "warning", [("b1#1",), ("b2#1",)]),
        ]
    )
    evaluation = Evaluation("S", {"far": 1.0}, findings=found)  # type: ignore[arg-type]
    assert rule_verdict(evaluation, "C15") == ("fail", 7)
    assert rule_verdict(evaluation, "C13") == ("warning", 2)
    assert rule_verdict(evaluation, "C09") == ("pass", 0)
    baseline = Evaluation("E", {"far": 0.5})
    sentence = verdict("S", Rulebook(), evaluation, baseline, "en", False)
    # by hand: C13 (warnings) and C15 fail, the C15 detail counts the block's
    # seven errors, C05 is another rule in error; no C13 area indicator ("—")
    assert sentence == (
        "S fails C13 and C15: — of productive space not productive-grade; "
        "7 incompatible activities under housing. Other rules in error: C05."
    )
