"""Report options: logo, parts, labels by name or id, scenarios and their order."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from mixplan.model.errors import MixplanError, ModelError
from mixplan.model.report_options import ReportOptions, SetReportOptions
from mixplan.report import write_report
from mixplan.resources import resource_path
from mixplan.store import open_project, save_project
from tests.report.conftest import DAY, outline_titles, pdf_text, small_project

LOGO = resource_path("icons", "mixplan.png")


def _write(tmp_path: Path, options: ReportOptions, name: str = "r.pdf") -> Path:
    path = tmp_path / name
    write_report(
        small_project(), path, lang="en", today=DAY, author="Test", options=options
    )
    return path


def test_defaults_cover_everything_in_project_order(tmp_path):
    titles = [
        t
        for level, t, _p in outline_titles(_write(tmp_path, ReportOptions()))
        if level == 0
    ]
    assert titles.index("Existing state: Existing") < titles.index("Scenario: Raised")


def test_scenarios_follow_the_chosen_order(tmp_path):
    options = ReportOptions(scenarios=("Raised", "Existing"))
    titles = [
        t for level, t, _p in outline_titles(_write(tmp_path, options)) if level == 0
    ]
    assert titles.index("Scenario: Raised") < titles.index("Existing state: Existing")
    only = ReportOptions(scenarios=("Raised", "Gone"))  # a renamed one is passed over
    titles = [t for level, t, _p in outline_titles(_write(tmp_path, only, "o.pdf"))]
    assert "Scenario: Raised" in titles and "Existing state: Existing" not in titles


def test_parts_left_out_are_not_in_the_pdf(tmp_path):
    full = pdf_text(_write(tmp_path, ReportOptions(), "full.pdf"))
    short = pdf_text(_write(tmp_path, ReportOptions(sections=("summary",)), "s.pdf"))
    assert len(short) < len(full)
    text = "\n".join(short)
    assert "Site plan" not in text and "Annex" not in text
    assert "Site plan" in "\n".join(full)


def test_labels_by_id_on_the_plans(tmp_path):
    by_name = "\n".join(pdf_text(_write(tmp_path, ReportOptions(), "n.pdf")))
    by_id = "\n".join(pdf_text(_write(tmp_path, ReportOptions(labels="id"), "i.pdf")))
    # The scenario plans label the workshops "Atelier A" or "a".
    assert by_name.count("Atelier A") > by_id.count("Atelier A")


def test_a_logo_on_the_cover(tmp_path):
    path = _write(tmp_path, ReportOptions(logo=str(LOGO)))
    cover = PdfReader(str(path)).pages[0]
    images = list(cover.images)
    assert images, "the cover holds the logo image"
    plain = PdfReader(str(_write(tmp_path, ReportOptions(), "p.pdf"))).pages[0]
    assert len(list(plain.images)) < len(images)


@pytest.mark.parametrize("make", ["missing", "not_image"])
def test_a_bad_logo_is_one_line_and_writes_nothing(tmp_path, make):
    logo = tmp_path / "logo.png"
    if make == "not_image":
        logo.write_text("not a picture")
    out = tmp_path / "r.pdf"
    with pytest.raises(MixplanError) as caught:
        write_report(small_project(), out, options=ReportOptions(logo=str(logo)))
    assert "logo" in str(caught.value) and "\n" not in str(caught.value)
    assert not out.exists()


def test_options_are_remembered_with_the_project(tmp_path):
    project = small_project()
    options = ReportOptions(
        logo=str(LOGO),
        sections=("summary", "annex"),
        labels="id",
        scenarios=("Raised",),
    )
    command = SetReportOptions(options)
    assert command.apply(project).report_options
    path = tmp_path / "p.mixplan.gpkg"
    save_project(project, path)
    assert open_project(path).report_options == options
    command.revert(project)
    assert project.report_options == ReportOptions()


@pytest.mark.parametrize(
    "value",
    [
        {"sections": ["cover"]},
        {"labels": "code"},
        {"colour": "red"},
        {"sections": "summary"},
        [],
    ],
)
def test_bad_options_are_refused(value):
    with pytest.raises(ModelError):
        ReportOptions.from_json(value)
