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


def test_base_maps_under_the_plans_at_their_coordinates(tmp_path):
    """The GDAL-written orthophoto fixture (64 m × 48 m, red north-west, green
    north-east, blue south-west, white south-east) drawn under the plan: the PDF
    holds the image and places its quadrants where the plan puts those metres."""
    from shapely.geometry import box

    from mixplan.model import Project, Scenario, Site
    from mixplan.model.context import AddContextLayer, ContextLayer
    from mixplan.report.plan import BaseMap, _Frame, _placed

    fixture = Path(__file__).parents[1] / "store/fixtures/basemap/ortho_2154.tif"
    project = Project(
        "Ortho",
        site=Site(box(651980, 6861980, 652084, 6862068)),
        scenarios=[Scenario.of("Existing")],
    )
    AddContextLayer(ContextLayer("image", str(fixture), "Ortho")).apply(project)
    with_maps = tmp_path / "maps.pdf"
    write_report(
        project,
        with_maps,
        lang="en",
        today=DAY,
        options=ReportOptions(basemaps=True, sections=("scenarios",)),
    )
    without = tmp_path / "plain.pdf"
    write_report(
        project,
        without,
        lang="en",
        today=DAY,
        options=ReportOptions(sections=("scenarios",)),
    )
    plan_page = PdfReader(str(with_maps)).pages[1]
    assert len(list(plan_page.images)) == 1
    assert not list(PdfReader(str(without)).pages[1].images)
    # The matrix lays the image's corners on the plan's own points for them.
    frame = _Frame((0.0, 0.0, 100.0, 100.0), 500, (10.0, 20.0))
    corners = ((0.0, 48.0), (64.0, 48.0), (64.0, 0.0), (0.0, 0.0))
    placed = _placed(BaseMap(str(fixture), corners), frame)
    a, b, c, d, e, f = placed.matrix
    k = frame.k
    assert (e, f) == pytest.approx((10.0, 20.0))  # lower-left corner (0, 0)
    assert (a, b) == pytest.approx((64 * k, 0.0))  # one image width east
    assert (c, d) == pytest.approx((0.0, 48 * k))  # one image height north


def test_base_maps_off_by_default_and_a_moved_image_is_left_out(tmp_path):
    from shapely.geometry import box

    from mixplan.model import Project, Scenario, Site
    from mixplan.model.context import AddContextLayer, ContextLayer

    project = Project(
        "Ortho", site=Site(box(0, 0, 10, 10)), scenarios=[Scenario.of("Existing")]
    )
    AddContextLayer(ContextLayer("image", str(tmp_path / "gone.tif"), "Gone")).apply(
        project
    )
    out = tmp_path / "r.pdf"
    write_report(
        project,
        out,
        lang="en",
        options=ReportOptions(basemaps=True, sections=("scenarios",)),
    )
    assert not list(PdfReader(str(out)).pages[1].images)
