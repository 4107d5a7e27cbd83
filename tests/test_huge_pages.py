"""NumPy asks for no huge pages around an evaluation, and its setting comes back."""

from __future__ import annotations

import threading

import pytest
from numpy._core.multiarray import (  # type: ignore[attr-defined]
    _get_madvise_hugepage,
    _set_madvise_hugepage,
)
from shapely.geometry import box

import mixplan.engine.evaluator as evaluator_module
from mixplan.engine import Evaluator
from mixplan.huge_pages import huge_pages_unasked
from mixplan.model import Building, Level, Project


@pytest.fixture(params=[True, False], ids=["asking", "not-asking"])
def asking(request: pytest.FixtureRequest) -> object:
    """NumPy's setting before each test, both ways; restored after."""
    was = _set_madvise_hugepage(request.param)
    yield request.param
    _set_madvise_hugepage(was)


def test_nested_pauses_restore_the_setting_when_the_last_ends(asking: bool) -> None:
    with huge_pages_unasked():
        assert not _get_madvise_hugepage()
        with huge_pages_unasked():
            assert not _get_madvise_hugepage()
        assert not _get_madvise_hugepage()  # the outer pause still holds
    assert _get_madvise_hugepage() is asking


def test_an_error_inside_restores_the_setting(asking: bool) -> None:
    with pytest.raises(ZeroDivisionError), huge_pages_unasked():
        1 / 0  # noqa: B018
    assert _get_madvise_hugepage() is asking
    with huge_pages_unasked():  # and the count went back to 0
        assert not _get_madvise_hugepage()
    assert _get_madvise_hugepage() is asking


def test_a_pause_ending_in_another_thread_keeps_this_ones(asking: bool) -> None:
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with huge_pages_unasked():
            inside.set()
            leave.wait()

    worker = threading.Thread(target=other)
    worker.start()
    inside.wait()
    with huge_pages_unasked():
        leave.set()
        worker.join()
        assert not _get_madvise_hugepage()  # the other pause ended, not this one
    assert _get_madvise_hugepage() is asking


def test_an_evaluation_runs_unasked_and_gives_the_setting_back(
    asking: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = Project.new("pages")
    project.baseline.buildings["b"] = Building(
        "b", "", box(0, 0, 10, 10), (Level.of(3.0, "office"),)
    )
    seen: list[bool] = []
    run_rules = evaluator_module.run_rules

    def watching(ctx: object, pause: object = None) -> object:
        seen.append(_get_madvise_hugepage())
        return run_rules(ctx, pause=pause)  # type: ignore[arg-type]

    monkeypatch.setattr(evaluator_module, "run_rules", watching)
    Evaluator(project).evaluate("Existing")
    assert seen == [False]
    assert _get_madvise_hugepage() is asking
