"""Records of the version a building was changed from, made when first read
(Fingerprint), are saved as their text: the same rows as digests made at the
edit, in a full save and in an in-place one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from store_projects import rich_project
from test_incremental_save import _rows, _save_in_place

from mixplan.model.commands import AddScenario, ReplaceBuildings
from mixplan.model.project import Project
from mixplan.model.sameness import Fingerprint, digest_text
from mixplan.store import open_project, save_project


def _changed(project: Project) -> ReplaceBuildings:
    """Every building a scenario keeps given a ramp (kept -> changed)."""
    s = next(t for t in project.scenarios[1:] if t.kept)
    return ReplaceBuildings(
        s.name, [replace(s.buildings[b], ramp=not s.buildings[b].ramp) for b in s.kept]
    )


def _as_texts(project: Project) -> None:
    for s in project.scenarios:
        s.changed_from = {b: digest_text(d) for b, d in s.changed_from.items()}  # type: ignore[misc]


def test_records_made_when_read_are_saved_as_their_texts(tmp_path: Path) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    project = rich_project()
    AddScenario("Copy").apply(project)  # (keeps every baseline building)
    save_project(project, path)
    lazy, eager = open_project(path), open_project(path)
    change = _changed(lazy).apply(lazy)
    _changed(eager).apply(eager)
    made = [d for s in lazy.scenarios for d in s.changed_from.values()]
    assert any(type(d) is Fingerprint for d in made)
    _as_texts(eager)
    assert all(type(d) is str for s in eager.scenarios for d in s.changed_from.values())
    # saved in place (only the rows the edit touched written), and whole
    _save_in_place(lazy, path, [change])
    save_project(lazy, tmp_path / "lazy.mixplan.gpkg")
    save_project(eager, tmp_path / "eager.mixplan.gpkg")
    expected = _rows(tmp_path / "eager.mixplan.gpkg")
    assert _rows(path) == expected and _rows(tmp_path / "lazy.mixplan.gpkg") == expected
    assert open_project(path) == eager
