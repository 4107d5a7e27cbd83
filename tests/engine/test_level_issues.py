"""Level issues as rows of a table: the values a one-off issue has, worded once."""

from __future__ import annotations

import pickle
from types import SimpleNamespace as Holder

import numpy as np
import pytest

from mixplan.engine.level_issues import IssueRows, IssueTable, LevelIssue


def _table(calls: list[tuple[object, ...]]) -> IssueTable:
    def words(use: str, lift: float, unit: str) -> tuple[str, str]:
        calls.append((use, lift, unit))
        return f"{use}: lift {lift:g} {unit}", f"{use} : monte-charge {lift:g} {unit}"

    # Three issues of buildings "x" (levels 1 and 2, one basement) and "z".
    return IssueTable(
        ["x", "y", "z"],
        np.array([0, 0, 2]),
        np.array([1, 2, 0]),
        np.array([0, 1, -1]),
        np.array([120.5, 80.0, 0.0]),
        words,
        (["craft", "office", "craft"], [0.0, 1500.0, 0.0]),
        ("kg",),
    )


def test_rows_read_as_one_off_issues() -> None:
    calls: list[tuple[object, ...]] = []
    issues = _table(calls).issues()
    assert [i.target for i in issues] == ["x#1", "x#2", "z#0"]
    assert [i.label for i in issues] == ["R+0", "R+1", "R-1"]
    assert [i.sdp_m2 for i in issues] == [120.5, 80.0, 0.0]
    assert all(type(i.sdp_m2) is float for i in issues)
    assert calls == []  # nothing worded until read
    assert issues[1].detail_en == "office: lift 1500 kg"
    assert issues[1].detail_fr == "office : monte-charge 1500 kg"
    assert calls == [("office", 1500.0, "kg")]  # worded once, kept
    one_off = LevelIssue(
        "x#2", "R+1", 80.0, "office: lift 1500 kg", "office : monte-charge 1500 kg"
    )
    assert issues[1] == one_off and hash(issues[1]) == hash(one_off)
    assert issues[0] != one_off
    assert repr(issues[1]) == (
        "LevelIssue('x#2', 'R+1', 80.0, 'office: lift 1500 kg', "
        "'office : monte-charge 1500 kg')"
    )
    assert pickle.loads(pickle.dumps(issues[2])) == issues[2]


def test_a_one_off_issue_words_when_read() -> None:
    calls: list[int] = []

    def words(n: int) -> tuple[str, str]:
        calls.append(n)
        return f"{n} lifts", f"{n} monte-charges"

    issue = LevelIssue("b#0", "R+0", 10.0, words=(words, (2,)))
    assert calls == []
    assert (issue.detail_en, issue.detail_fr, issue.detail_en) == (
        "2 lifts", "2 monte-charges", "2 lifts",
    )  # fmt: skip
    assert calls == [2]


class _Counted(tuple):  # type: ignore[type-arg]
    """A building's issues that count how often they are walked."""

    walks: list[int] = []

    def __iter__(self):  # type: ignore[no-untyped-def]
        _Counted.walks.append(len(self))
        return super().__iter__()


def test_issue_rows_count_at_once_and_flatten_when_a_row_is_read() -> None:
    _Counted.walks = []
    holders = [Holder(x=_Counted(h)) for h in ["a", "", "bcd", "", "", "e", ""]]
    rows = IssueRows(holders, "x")  # 5 issues, 3 buildings of 7
    assert len(rows) == 5
    assert _Counted.walks == []  # counted, not walked
    assert [rows.issue(k) for k in range(5)] == ["a", "b", "c", "d", "e"]
    assert [rows.owner(k) for k in range(5)] == [holders[i] for i in (0, 2, 2, 2, 5)]
    # Only the buildings with issues (fewer than half) are walked, once.
    assert _Counted.walks == [1, 3, 1]
    assert rows.owner(4) is holders[5] and _Counted.walks == [1, 3, 1]


def test_issue_rows_when_most_buildings_have_issues_and_when_none_has() -> None:
    # 3 holders of 4 have issues: every holder is walked (no filtering).
    holders = [Holder(x=tuple(h)) for h in ["ab", "c", "", "de"]]
    rows = IssueRows(holders, "x")
    assert len(rows) == 5
    assert [rows.owner(k) for k in range(5)] == [holders[i] for i in (0, 0, 1, 3, 3)]
    assert [rows.issue(k) for k in range(5)] == list("abcde")
    assert rows.every() == list("abcde") and list(rows.listed()) == [list("abcde")]
    empty = IssueRows([Holder(x=()), Holder(x=())], "x")
    assert len(empty) == 0
    with pytest.raises(IndexError):
        empty.issue(0)


def test_issue_rows_give_each_rows_level_target_and_area() -> None:
    low = LevelIssue("a#1", "R+1", 80.0, "low", "bas")
    high = LevelIssue("b#2", "R+2", 45.5, "high", "haut")
    holders = [
        Holder(id="a", x=(low,)),
        Holder(id="c", x=()),
        Holder(id="b", x=(low, high)),
    ]
    rows = IssueRows(holders, "x")
    assert [rows.targets(k) for k in range(3)] == [("a#1",), ("a#1",), ("b#2",)]
    assert [rows.area(k) for k in range(3)] == [80.0, 80.0, 45.5]
    assert [rows.owner(k).id for k in range(3)] == ["a", "b", "b"]
