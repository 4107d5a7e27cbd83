"""Project settings commands: one undoable step each, refused with a reason."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from mixplan.model import Building, Level, ModelError, Project, Site
from mixplan.model.project_settings import SetProjectSetting, has_geometry


def test_name_author_and_site_name_apply_and_revert():
    project = Project.new("Untitled")
    project.site = Site(box(0, 0, 100, 50), "")
    for setting, value in (
        ("name", "Parc des Glaisières"),
        ("author", "Agence Nord"),
        ("site_name", "ZA des Glaisières"),
    ):
        command = SetProjectSetting(setting, f"  {value} ")  # spaces trimmed
        command.apply(project)
        shown = (
            project.site.name if setting == "site_name" else getattr(project, setting)
        )
        assert shown == value
        command.revert(project)
    assert (project.name, project.author, project.site.name) == ("Untitled", "", "")


def test_text_is_capped_at_200_characters():
    project = Project.new("Untitled")
    SetProjectSetting("author", "a" * 200).apply(project)
    assert len(project.author) == 200
    with pytest.raises(ModelError, match="over 200"):
        SetProjectSetting("author", "a" * 201).apply(project)
    assert len(project.author) == 200


def test_refusals_leave_the_project_unchanged():
    project = Project.new("Untitled")
    with pytest.raises(ModelError, match="needs a name"):
        SetProjectSetting("name", "   ").apply(project)
    with pytest.raises(ModelError, match="site before naming"):
        SetProjectSetting("site_name", "ZA").apply(project)
    with pytest.raises(ModelError, match="EPSG:n"):
        SetProjectSetting("crs", "2263").apply(project)
    assert project.name == "Untitled" and project.crs == "EPSG:2154"


def test_the_crs_is_chosen_before_any_geometry():
    project = Project.new("NYC")
    assert not has_geometry(project)
    command = SetProjectSetting("crs", "EPSG:32118")
    command.apply(project)
    assert project.crs == "EPSG:32118"
    command.revert(project)
    assert project.crs == "EPSG:2154"
    project.baseline.buildings["b1"] = Building(
        "b1", "Shed", box(0, 0, 10, 10), (Level.of(4.0, "warehouse"),)
    )
    assert has_geometry(project)
    with pytest.raises(ModelError, match="already holds geometry in EPSG:2154"):
        SetProjectSetting("crs", "EPSG:32118").apply(project)
    # Setting the same CRS again is no change and is not refused.
    SetProjectSetting("crs", "EPSG:2154").apply(project)
