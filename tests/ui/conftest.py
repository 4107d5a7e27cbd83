"""Fixtures for the editor tests: isolated settings, a small project, the window."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from mixplan.model import Building, Level, Project, Site
from mixplan.model.commands import AddScenario


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Settings, log and recovery files in a folder of the test's own."""
    folder = tmp_path / "settings"
    monkeypatch.setenv("MIXPLAN_SETTINGS_DIR", str(folder))
    return folder


def small_project() -> Project:
    """A 100 m × 50 m site with a workshop and a housing block, and scenario S1.

    b1: 20 m × 10 m = 200 m², two craft levels; b2: 20 m × 20 m = 400 m², housing.
    """
    project = Project.new("Small site")
    project.site = Site(box(0, 0, 100, 50), "Small site")
    project.baseline.buildings["b1"] = Building(
        "b1",
        "Workshop",
        box(10, 10, 30, 20),
        (
            Level.of(5.0, "craft", load_kn_m2=10.0, access="street"),
            Level.of(4.0, "craft", load_kn_m2=5.0, access="freight_lift"),
        ),
    )
    project.baseline.buildings["b2"] = Building(
        "b2",
        "Housing",
        box(60, 10, 80, 30),
        (Level.of(3.0, "housing"), Level.of(3.0, "housing")),
    )
    AddScenario("S1").apply(project)
    return project


@pytest.fixture
def project() -> Project:
    return small_project()


@pytest.fixture
def make_window(qtbot):
    """A factory of shown main windows; each is closed without questions at the end."""
    from mixplan.ui.main_window import MainWindow

    def make(project: Project | None = None, **kwargs) -> MainWindow:
        if "project_path" not in kwargs and project is None:
            project = small_project()
        window = MainWindow(project=project, **kwargs)
        window.wait_for_file_job()  # a project_path is opened in the background
        # Closing at teardown must not wait on a modal question.
        window.ask_unsaved = lambda: "discard"  # type: ignore[method-assign]
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        window.site_view.zoom_to_site()
        return window

    return make
