"""Findings as records: a block of rows, chained into an evaluation's list.

Every expectation here is written by hand; the list a :class:`FindingList`
stands for is built beside it from plain :class:`Finding` values, and a few
mutants of the records (a wrong part found for an index, the baseline's
wording forgotten) are shown to be caught.
"""

from __future__ import annotations

import bisect
import pickle

import numpy as np
import pytest

import mixplan.engine.finding_records as records
from mixplan.engine.finding_records import (
    FindingBlock,
    FindingList,
    as_existing_state,
    by_severity,
    rules_of,
    severities_of,
    severity_count,
    targets_of,
)
from mixplan.engine.findings import Evaluation, Finding

HEIGHTS = np.array([40.123456, 38.00004, 37.5])


def _c03(severity: str = "error") -> FindingBlock:
    return FindingBlock(
        "C03",
        severity,  # type: ignore[arg-type]
        "PLU",
        3,
        lambda row: (f"b{row}",),
        lambda row, lang: (
            (f"b{row} est haut" if row else "") if lang == "fr" else f"b{row} is high"
        ),
        HEIGHTS,
        37.0,
    )


def _plain_c03() -> list[Finding]:
    """The same three findings, written out by hand (measures to 4 decimals)."""
    return [
        Finding("C03", "error", "b0 is high", 40.1235, 37.0, ("b0",), "PLU", ""),
        Finding("C03", "error", "b1 is high", 38.0, 37.0, ("b1",), "PLU",
                "b1 est haut"),
        Finding("C03", "error", "b2 is high", 37.5, 37.0, ("b2",), "PLU",
                "b2 est haut"),
    ]  # fmt: skip


SITE = Finding("C02", "error", "Coverage 61%", 0.61, 0.6, ("site",), "PLU", "CES")
NOTE = Finding("C13", "info", "2 levels assumed", 2.0, None, ("a#0", "b#0"), "EC1")


def _chained() -> tuple[FindingList, list[Finding]]:
    empty = FindingBlock("C05", "error", "", 0, lambda r: (), lambda r, lang: "")
    found = FindingList([[SITE], empty, _c03(), FindingList([[NOTE]])])
    return found, [SITE, *_plain_c03(), NOTE]


def test_a_block_reads_its_rows_as_findings() -> None:
    block = _c03()
    assert len(block) == 3
    assert block[0] == _plain_c03()[0]
    assert block[0].measured == 40.1235 and type(block[0].measured) is float
    assert block[-1].targets == ("b2",) and block[-1].limit == 37.0
    assert block[1] is block[1]  # a row read by index is made once
    assert list(block) == _plain_c03()
    assert block[1:] == _plain_c03()[1:]
    with pytest.raises(IndexError):
        block[3]
    assert block.targets(2) == ("b2",) and block.words(2) == (
        "b2 is high",
        "b2 est haut",
    )


def test_columns_none_one_value_a_function() -> None:
    block = FindingBlock("C15", "error", "", 2, lambda r: ("x",),
                         lambda r, lang: lang, None, lambda r: r * 0.12346)  # fmt: skip
    assert [(f.measured, f.limit) for f in block] == [(None, 0.0), (None, 0.1235)]


def test_a_list_of_blocks_is_the_list_of_their_findings() -> None:
    found, plain = _chained()
    assert len(found) == 5
    assert found == plain and plain == found and found == tuple(plain)
    assert [found[k] for k in range(5)] == plain
    assert [found[k] for k in range(-5, 0)] == plain
    assert found[1:4] == plain[1:4] and found[::-2] == plain[::-2]
    assert found != plain[:4] and found != [*plain[:4], SITE]
    assert (found == "not a list") is False
    with pytest.raises(IndexError):
        found[5]
    with pytest.raises(IndexError):
        found[-6]
    assert pickle.loads(pickle.dumps(found)) == plain
    assert repr(found) == repr(plain)
    assert [len(p) for p in found.parts()] == [1, 3, 1]  # the empty block dropped
    assert FindingList() == [] and not FindingList([[]])


def test_the_oracle_catches_an_index_looked_up_in_the_wrong_part(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(records, "bisect_right", bisect.bisect_left)
    found, plain = _chained()
    with pytest.raises((AssertionError, IndexError)):
        assert [found[k] for k in range(5)] == plain


def test_the_baseline_words_its_errors_as_the_existing_state() -> None:
    existing = as_existing_state(_c03())
    assert isinstance(existing, FindingBlock) and len(existing) == 3
    assert [f.severity for f in existing] == ["warning"] * 3
    assert existing[1].message == "Existing state: b1 is high"
    assert existing[1].message_fr == "État existant : b1 est haut"
    assert existing[0].message_fr == ""  # no French: none added
    assert [(f.measured, f.limit, f.targets) for f in existing] == [
        (f.measured, f.limit, f.targets) for f in _plain_c03()
    ]
    warnings = _c03("warning")
    assert as_existing_state(warnings) is warnings
    assert as_existing_state([SITE, NOTE]) == [
        Finding("C02", "warning", "Existing state: Coverage 61%", 0.61, 0.6,
                ("site",), "PLU", "État existant : CES"),
        NOTE,
    ]  # fmt: skip


def test_errors_are_read_without_reading_other_blocks() -> None:
    def unread(row: int) -> tuple[str, ...]:
        raise AssertionError("a warning block was read")

    warnings = FindingBlock("C13", "warning", "", 5, unread, lambda r, lang: "")
    found = FindingList([[SITE, NOTE], warnings, _c03()])
    evaluation = Evaluation("S", {}, findings=found)
    assert evaluation.errors == [SITE, *_plain_c03()]
    assert by_severity(found, "info") == [NOTE]
    assert Evaluation("S", {}, findings=[SITE, NOTE]).errors == [SITE]


def test_rules_severities_and_targets_are_read_without_making_findings() -> None:
    def unread(row: int) -> float:
        raise AssertionError("a row was made into a finding")

    block = FindingBlock("C14", "error", "", 2, lambda r: (f"b{r}#1",),
                         lambda r, lang: "", unread)  # fmt: skip
    found = FindingList([[SITE], block, [NOTE]])
    assert rules_of(found) == ["C02", "C14", "C14", "C13"]
    assert severities_of(found) == ["error", "error", "error", "info"]
    assert targets_of(found) == [("site",), ("b0#1",), ("b1#1",), ("a#0", "b#0")]
    assert severity_count(found, "error") == 3
    assert severity_count(found, "info") == 1
    assert severity_count(found, "warning") == 0
    # a plain list reads the same
    assert rules_of([SITE, NOTE]) == ["C02", "C13"]
    assert targets_of([NOTE]) == [("a#0", "b#0")]
    assert severity_count([SITE, NOTE], "error") == 1


def test_a_row_is_worded_in_one_language_only() -> None:
    asked: list[tuple[int, str]] = []

    def words(row: int, lang: str) -> str:
        asked.append((row, lang))
        return "" if lang == "fr" and row == 0 else f"{lang} {row}"

    block = FindingBlock("C13", "warning", "", 2, lambda r: (), words)
    assert block.message_in(1, "fr") == "fr 1" and asked == [(1, "fr")]
    assert block.message_in(1, "en") == "en 1" and asked[-1] == (1, "en")
    # no French for that row: the English, as the report shows it
    assert block.message_in(0, "fr") == "en 0"
    existing = as_existing_state(FindingBlock("C03", "error", "", 2, lambda r: (),
                                              words))  # fmt: skip
    assert isinstance(existing, FindingBlock)
    assert existing.message_in(1, "fr") == "État existant : fr 1"
    assert existing.message_in(0, "en") == "Existing state: en 0"
    assert existing.message_in(0, "fr") == "Existing state: en 0"
    assert existing.words(0) == ("Existing state: en 0", "")


def test_rows_read_a_block_as_its_findings_without_making_them() -> None:
    # the values of _plain_c03's findings, the message in the language asked
    # (the first row has no French: its English, as message_in gives it)
    block = _c03()
    assert list(block.rows("en")) == [
        (("b0",), 40.1235, 37.0, "b0 is high"),
        (("b1",), 38.0, 37.0, "b1 is high"),
        (("b2",), 37.5, 37.0, "b2 is high"),
    ]
    assert [message for *_, message in block.rows("fr")] == [
        "b0 is high",
        "b1 est haut",
        "b2 est haut",
    ]
    assert block._made == {}  # nothing made, nothing kept
    # a block at another severity reads the same rows, worded its way
    existing = as_existing_state(block)
    assert isinstance(existing, FindingBlock)
    assert [row[1:] for row in existing.rows("fr")] == [
        (40.1235, 37.0, "Existing state: b0 is high"),
        (38.0, 37.0, "État existant : b1 est haut"),
        (37.5, 37.0, "État existant : b2 est haut"),
    ]
    # and a row read before as a finding reads the same
    assert block[1].measured == 38.0
    assert list(block.rows("en"))[1] == (("b1",), 38.0, 37.0, "b1 is high")
