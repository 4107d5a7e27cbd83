"""Fixtures of the report tests: the demo, small hand-made projects, PDF text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from shapely.geometry import box

from mixplan.model import Building, GroundCover, Level, Project, Scenario, Site

DAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="session")
def demo_project() -> Project:
    from mixplan.store.demo import build_demo

    return build_demo()


@pytest.fixture(scope="session")
def demo_pdf_fr(tmp_path_factory: pytest.TempPathFactory, demo_project: Project
                ) -> Path:
    from mixplan.report import write_report

    path = tmp_path_factory.mktemp("report") / "demo_fr.pdf"
    write_report(demo_project, path, lang="fr", today=DAY, author="Atelier test")
    return path


@pytest.fixture(scope="session")
def demo_pdf_en(tmp_path_factory: pytest.TempPathFactory, demo_project: Project
                ) -> Path:
    from mixplan.report import write_report

    path = tmp_path_factory.mktemp("report") / "demo_en.pdf"
    write_report(demo_project, path, lang="en", today=DAY, author="Test studio")
    return path


def workshop(bid: str, name: str, x: float, y: float, *, origin: str | None = None,
             upper_housing: int = 0) -> Building:
    """A 40 m × 20 m productive-grade workshop, optionally with flats above."""
    levels = [Level.of(5.0, "craft", load_kn_m2=12.0, access="street")]
    levels += [Level.of(3.0, "housing") for _ in range(upper_housing)]
    return Building(bid, name, box(x, y, x + 40, y + 20), tuple(levels),
                    origin=origin)


def small_project(name: str = "Petit site") -> Project:
    """A 100 m × 80 m site: two workshops; a scenario adds flats on one."""
    site = Site(box(0, 0, 100, 80), "Îlot d'essai")
    base = Scenario.of("Existing", [workshop("a", "Atelier A", 5, 5),
                                    workshop("b", "Atelier B", 55, 5)],
                       [GroundCover("g", "open_soil", box(5, 50, 95, 75))])
    raised = Scenario.of("Raised", [
        workshop("a", "Atelier A", 5, 5, origin="a", upper_housing=3),
        workshop("b", "Atelier B", 55, 5, origin="b")],
        [GroundCover("g", "open_soil", box(5, 50, 95, 75))])
    return Project(name, site=site, scenarios=[base, raised])


def pdf_text(path: Path) -> list[str]:
    """The extractable text of every page."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def outline_titles(path: Path) -> list[tuple[int, str, int]]:
    """``(level, title, page number)`` of every PDF outline entry."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    rows: list[tuple[int, str, int]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                rows.append((level, item.title,
                             reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return rows
