"""The phasing page of the report (DESIGN §16), in French and English."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from shapely.geometry import box

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
from test_phasing_engine import tiroir_project  # noqa: E402

from mixplan.model import Site  # noqa: E402
from mixplan.model.commands import AddScenario  # noqa: E402
from mixplan.report import write_report  # noqa: E402

pypdf = pytest.importorskip("pypdf")


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


@pytest.mark.parametrize(
    ("lang", "title", "words"),
    [
        (
            "fr",
            "Phasage et continuité d'activité — Tiroir",
            [
                "Calendrier des opérations",
                "1\u202f840 m²",
                "seuil C12",
                "Menuiserie",
                "C12 respectée",
            ],
        ),
        (
            "en",
            "Phasing and business continuity — Tiroir",
            ["Timeline of the works", "1,840 m²", "C12 limit", "Serrurerie", "C12 met"],
        ),
    ],
)
def test_a_phasing_page_per_phased_scenario(tmp_path, lang, title, words) -> None:
    project = tiroir_project()
    project.site = Site(box(-10, -10, 240, 60))
    AddScenario("Plain").apply(project)  # not phased: no page
    path = tmp_path / f"r_{lang}.pdf"
    write_report(project, path, lang=lang)
    texts = pages_text(path)
    pages = [
        t
        for t in texts
        if title.split(" — ")[0] in t and "Tiroir" in t and words[0] in t
    ]
    assert len(pages) == 1
    page = pages[0].replace("\u00a0", " ")
    for word in words:
        assert word.replace("\u00a0", " ") in page, word
    assert not any("— Plain" in t and words[0] in t for t in texts)
