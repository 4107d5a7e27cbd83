"""The Suggest dialog's frozen list following the project (FrozenListModel.follow)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from mixplan.ui.frozen_list import FrozenListModel


def _model(ids: str, ticked: str = "") -> FrozenListModel:
    model = FrozenListModel()
    model.set_rows([(i, i.upper()) for i in ids], set(ticked))
    return model


def _shown(model: FrozenListModel) -> str:
    return "".join(model.index(r, 0).data() for r in range(model.rowCount()))


@pytest.mark.parametrize(
    ("before", "after", "inserted", "removed"),
    [
        ("abcde", "abcde", [], []),
        ("abcde", "abcdef", [(5, 5)], []),  # a building drawn: appended
        ("abcde", "xabcde", [(0, 0)], []),
        ("abcde", "abxycde", [(2, 3)], []),
        ("abcde", "ace", [], [(3, 3), (1, 1)]),  # removed last first
        ("abcde", "e", [], [(0, 3)]),
        ("abcde", "axe", [(1, 1)], [(1, 3)]),  # b, c, d gone; x came
        ("abcde", "", [], [(0, 4)]),
        ("", "ab", [(0, 1)], []),
    ],
)
def test_rows_removed_and_inserted_in_place(
    qtmodeltester, before, after, inserted, removed
):
    model = _model(before, ticked="ace")
    qtmodeltester.check(model)
    seen_in, seen_out, resets = [], [], []
    model.rowsInserted.connect(lambda _p, first, last: seen_in.append((first, last)))
    model.rowsRemoved.connect(lambda _p, first, last: seen_out.append((first, last)))
    model.modelReset.connect(lambda: resets.append(1))
    model.follow([(i, i.upper()) for i in after])
    assert _shown(model) == after.upper()
    assert (seen_in, seen_out, resets) == (inserted, removed, [])
    # ticks are kept for ids still there; a new id comes unticked
    assert model.ticked_ids() == [i for i in after if i in "ace" and i in before]
    qtmodeltester.check(model)


def test_a_row_keeps_its_place_for_the_view():
    model = _model("abcde")
    current = QPersistentModelIndex(model.index(3, 0))  # d
    model.follow([(i, i.upper()) for i in "abxde"])  # c gone, x came before d
    assert current.row() == 3 and current.data() == "D"
    model.follow([(i, i.upper()) for i in "xde"])
    assert current.row() == 1


def test_only_a_label_changed_is_one_data_change():
    model = _model("abc", ticked="b")
    changed = []
    model.dataChanged.connect(lambda first, last, roles: changed.append(
        (first.row(), last.row(), list(roles))))
    model.follow([("a", "A"), ("b", "Bureaux"), ("c", "C")])
    assert _shown(model) == "ABureauxC"
    assert changed == [(0, 2, [Qt.ItemDataRole.DisplayRole])]
    assert model.ticked_ids() == ["b"]
    model.follow([("a", "A"), ("b", "Bureaux"), ("c", "C")])
    assert len(changed) == 1  # the same rows: nothing


def test_reordered_ids_reset_the_model_ticks_kept():
    model = _model("abc", ticked="ac")
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    model.follow([(i, i.upper()) for i in "cab"])
    assert _shown(model) == "CAB" and resets == [1]
    assert model.ticked_ids() == ["c", "a"]
