"""The project's author travels in the file and reaches the report's cover."""

from pathlib import Path

from pypdf import PdfReader

from mixplan.cli import main
from mixplan.store import open_project, save_project
from mixplan.store.demo import build_demo


def test_author_from_new_survives_save_and_reaches_the_report(tmp_path, capsys):
    path = tmp_path / "site.mixplan.gpkg"
    assert main(["new", str(path), "--author", "Agence Dupont & Associés"]) == 0
    project = open_project(path)
    assert project.author == "Agence Dupont & Associés"
    project.name = "Renamed"
    save_project(project, path)  # a later save keeps it
    assert open_project(path).author == "Agence Dupont & Associés"
    pdf = tmp_path / "r.pdf"
    assert main(["report", str(path), "-o", str(pdf), "--lang", "en"]) == 0
    cover = PdfReader(pdf).pages[0].extract_text()
    assert "Prepared by" in cover and "Agence Dupont & Associés" in cover


def test_demo_names_its_author_and_an_old_file_has_none(tmp_path):
    demo = build_demo()
    assert demo.author.startswith("mixplan (demo data")
    fixture = open_project(
        Path(__file__).parent / "fixtures" / "schema_v1.mixplan.gpkg"
    )
    assert fixture.author == ""
