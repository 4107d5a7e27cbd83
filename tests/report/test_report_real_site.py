"""The report of a real site: names, labels, verdicts on what changes, totals.

The last test imports the BD TOPO business park of Malan (Olemps) from scratch
with the CLI, as a new user would, and reads both reports; it skips when the
shared data is absent.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest
from shapely.geometry import box

from mixplan.engine import Evaluator
from mixplan.model import Building, Level, Project, Scenario, Site
from mixplan.report import report_title, write_report
from mixplan.report.context import ReportContext
from mixplan.report.document import styles
from mixplan.report.labels import building_label, label_key, short_id
from mixplan.report.sections import family_series
from mixplan.report.summary import rule_status
from tests.report.conftest import DAY, pdf_text

LONG = "BATIMENT0000000257027930"
DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def _imported_like() -> Project:
    """A BD TOPO-like park: buildings named by their ids, a low shed (not
    productive-grade, C13) kept by the scenario, a building it raises."""
    site = Site(box(0, 0, 200, 100))
    shed = Building(
        LONG, LONG, box(10, 10, 40, 30), (Level.of(3.6, "industry"),)
    )  # 3.6 m < 4.5 m
    hall = Building(
        "BATIMENT0000000257027999",
        "BATIMENT0000000257027999",
        box(60, 10, 90, 30),
        (
            Level.of(6.0, "industry", load_kn_m2=15, access="yard"),
            Level.of(3.0, "unassigned"),
        ),
    )
    base = Scenario.of("Existing", [shed, hall])
    plan = Scenario.of(
        "Plan",
        [
            replace(shed, origin=LONG),
            replace(
                hall, origin=hall.id, levels=hall.levels + (Level.of(3.0, "housing"),)
            ),
        ],
    )
    return Project("Untitled", site=site, scenarios=[base, plan])


def _ctx(project: Project, lang: str = "fr") -> ReportContext:
    evaluator = Evaluator(project)
    evaluations = {s.name: evaluator.evaluate(s.name) for s in project.scenarios}
    return ReportContext(
        project,
        lang,
        [s.name for s in project.scenarios],
        evaluations,
        styles(),
        DAY,
        "",
        "test",
    )


def test_title_is_the_file_name_when_the_project_has_none() -> None:
    project = _imported_like()
    assert report_title(project, "/x/Parc de Malan.mixplan.gpkg") == "Parc de Malan"
    assert report_title(project) == "mixplan"
    assert report_title(replace(project, name="ZA Nord")) == "ZA Nord"


def test_long_ids_get_a_short_label_and_a_key() -> None:
    project = _imported_like()
    shed = project.baseline.buildings[LONG]
    assert building_label(shed) == short_id(LONG) == "BAT…027930"
    assert (short_id(LONG), LONG) in label_key(project.baseline.buildings.values())
    named = replace(shed, name="Halle Nord")
    assert building_label(named) == "Halle Nord" and label_key([named]) == []


def test_key_rules_judge_what_the_scenario_changes() -> None:
    project = _imported_like()
    ctx = _ctx(project)
    plan = ctx.evaluations["Plan"]
    # the low shed is kept as it is: its C13 warning is the existing state's
    assert ctx.unchanged("Plan") == frozenset({LONG})
    assert (
        rule_status(project.rulebook, plan, "C13", False, ctx.unchanged("Plan"))
        == "existing"
    )
    assert rule_status(project.rulebook, plan, "C13", False) == "fail"
    assert rule_status(project.rulebook, ctx.baseline, "C13", True) == "existing"
    # lowering the kept shed further is a change the scenario makes: it fails
    scenario = project.scenario("Plan")
    scenario.buildings[LONG] = replace(
        scenario.buildings[LONG], levels=(Level.of(3.0, "industry"),)
    )
    ctx = _ctx(project)
    assert (
        rule_status(
            project.rulebook,
            ctx.evaluations["Plan"],
            "C13",
            False,
            ctx.unchanged("Plan"),
        )
        == "fail"
    )


def test_chart_totals_equal_the_sdp_of_the_tables() -> None:
    project = _imported_like()
    ctx = _ctx(project)
    names = [s.name for s in project.scenarios]
    series = family_series(ctx, names)
    for k, name in enumerate(names):
        total = sum(s.values[k] for s in series)
        assert total == pytest.approx(ctx.evaluations[name].indicators["sdp_m2"])
    # the unassigned upper floor of the hall is in the bars: 600 × 0.92
    assert series[-1].values[0] == pytest.approx(600 * 0.92)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_report_of_an_imported_park_reads_right(tmp_path: Path, lang: str) -> None:
    project = _imported_like()
    out = tmp_path / f"r_{lang}.pdf"
    write_report(
        project,
        out,
        lang=lang,
        today=dt.date(2026, 12, 5),
        source=tmp_path / "Parc de Malan.mixplan.gpkg",
    )
    pages = pdf_text(out)
    text = "\n".join(pages)
    assert "Untitled" not in text and "Parc de Malan" in pages[0]
    assert "Établi par" not in pages[0] and "Prepared by" not in pages[0]
    assert LONG in text  # in the key, once
    assert text.count(LONG) == 1
    assert "BAT…027930" in text
    if lang == "fr":
        assert "Existing" not in text and "Existant" in text
        assert "état existant" in text
        assert not re.search(r"\d\.\d+ ?m\b", text.replace("1.80", ""))
    else:
        assert "existing state" in text


@pytest.mark.skipif(
    not (DATA / "bdtopo_olemps_12174").is_dir(),
    reason="../shared/data is absent (real site data lives beside the repo)",
)
def test_malan_from_scratch_with_the_cli(tmp_path: Path) -> None:
    from tests.cli.clitools import run_cli

    src = DATA / "bdtopo_olemps_12174"
    path = tmp_path / "Parc de Malan.mixplan.gpkg"
    assert run_cli("new", path).code == 0
    assert (
        run_cli(
            "import",
            path,
            src / "ZONE_D_ACTIVITE_OU_D_INTERET.shp",
            "--as",
            "site",
            "--where",
            "TOPONYME = 'Parc d''Activités de Malan'",
        ).code
        == 0
    )
    assert run_cli("import", path, src / "BATIMENT.shp", "--clip-to-site").code == 0
    assert run_cli("scenario", path, "add", "Statu quo").code == 0
    for lang in ("fr", "en"):
        out = tmp_path / f"malan_{lang}.pdf"
        result = run_cli("report", path, "-o", out, "--lang", lang)
        assert result.code == 0, result.err
        text = "\n".join(pdf_text(out))
        assert "Untitled" not in text and "Parc de Malan" in text
        assert "BATIMENT000000025…" not in text  # no cut ids: short labels
        assert "RULES.md" not in text and "DESIGN" not in text
        if lang == "fr":
            assert "Existing" not in text and "de mémoire" not in text
