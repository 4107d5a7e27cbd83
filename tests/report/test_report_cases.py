"""Reports of unusual projects: filters, one scenario, empty, long or non-Latin
names, a thousand buildings; and failures that leave the user's file alone."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from shapely.geometry import box

from mixplan.model import Building, Level, MixplanError, Project, Scenario, Site
from mixplan.report import write_report
from tests.report.conftest import DAY, outline_titles, pdf_text, small_project


def test_scenario_filter_covers_only_the_chosen(
    tmp_path: Path, demo_project: Project
) -> None:
    chosen = demo_project.scenarios[2].name
    left_out = demo_project.scenarios[1].name
    out = tmp_path / "one.pdf"
    write_report(demo_project, out, lang="fr", scenarios=[chosen], today=DAY)
    top = [t for level, t, _ in outline_titles(out) if level == 0]
    assert f"Scénario\u00a0: {chosen}" in top
    assert not any(left_out in t for t in top)
    assert not any(t.startswith("État existant") for t in top)
    summary = pdf_text(out)[1]
    # the baseline stays the reference column of the summary
    assert "Existant" in summary and chosen in summary
    assert demo_project.baseline.name == "Existing"
    assert left_out not in summary


def test_unknown_scenario_names_the_file_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    out.write_bytes(b"previous report")
    with pytest.raises(MixplanError, match="no scenario 'Nope'") as caught:
        write_report(small_project(), out, scenarios=["Nope"])
    assert caught.value.path == str(out)
    assert out.read_bytes() == b"previous report"


def test_bad_language_and_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(MixplanError, match="language"):
        write_report(small_project(), tmp_path / "r.pdf", lang="de")
    with pytest.raises(MixplanError, match="does not exist"):
        write_report(small_project(), tmp_path / "missing" / "r.pdf")
    assert list(tmp_path.iterdir()) == []


def test_project_with_the_baseline_only(tmp_path: Path) -> None:
    project = small_project()
    project.scenarios = project.scenarios[:1]
    out = tmp_path / "base.pdf"
    write_report(project, out, lang="en", today=DAY)
    top = [t for level, t, _ in outline_titles(out) if level == 0]
    assert top == [
        project.name,
        "Summary",
        "Existing state: Existing",
        "Scenarios compared",
        "Annex: rules and assumptions in force",
        "Annex: use classes",
        "Financial assumptions",
    ]
    text = "\n".join(pdf_text(out))
    # two workshops of 40 m x 20 m: 2 x 800 x 0.92 = 1,472 m² of SDP
    assert (
        "Existing is the reference state: 1,472 m² of floor area, of which "
        "1,472 m² productive-grade." in text.replace("\n", " ")
    )


def test_hand_computed_scenario(tmp_path: Path) -> None:
    project = small_project()
    out = tmp_path / "small.pdf"
    write_report(project, out, lang="fr", today=DAY)
    summary = pdf_text(out)[1]
    # Raised: 3 storeys of flats on workshop A: 3 x 800 x 0.92 x 0.90 = 1,987.2 m²
    # more SDP (R111-22 8°: flats served by common parts lose a further 10 %);
    # FAR (1,472 + 1,987.2) / 8,000 = 0.4324 against 0.184
    assert "3\u202f459 m²" in summary and "+1\u202f987 m²" in summary
    assert "0,43" in summary and "0,18" in summary
    assert "Raised respecte les quatre règles clés" in summary.replace("\n", " ")
    balance = "\n".join(pdf_text(out))
    assert "Artisanat de production" in balance


def test_empty_scenario(tmp_path: Path) -> None:
    project = small_project()
    project.scenarios.append(Scenario("Tabula rasa"))
    out = tmp_path / "empty.pdf"
    write_report(project, out, lang="fr", today=DAY)
    text = "\n".join(pdf_text(out))
    # the plan still shows the site to scale; massing and stacking say why
    # they are blank
    assert text.count("Plan à l'échelle 1:") == 3
    assert text.count("Ce scénario ne contient aucun bâtiment.") == 2
    summary = pdf_text(out)[1].replace("\n", " ")
    # every productive square metre is lost: C09 fails, and so does D01
    assert "Tabula rasa ne respecte pas C09 et D01" in summary


def test_very_long_project_name(tmp_path: Path) -> None:
    name = "Requalification du parc d'activités intercommunal " * 6 + "X" * 150
    project = small_project(name)
    out = tmp_path / "long.pdf"
    write_report(project, out, lang="fr", today=DAY)
    pages = pdf_text(out)
    cover = " ".join(pages[0].split())
    assert "Requalification du parc d'activités intercommunal" in cover
    # the unbreakable word is split over lines, not dropped or overflowing
    assert "X" * 150 in "".join(pages[0].split())
    header = pages[2].splitlines()[0]
    assert header.startswith("Requalification") and header.endswith("…")
    assert len(header) < 130


def test_non_latin_names_stay_searchable(tmp_path: Path) -> None:
    project = small_project("Zone d'activités 工业园区")
    project.scenarios[1].name = "方案 北"  # a scenario named in Chinese
    a = project.scenarios[0].buildings["a"]
    project.scenarios[0].buildings["a"] = Building(
        "a", "مصنع الغزل", a.footprint, a.levels
    )  # Arabic: "spinning mill"
    out = tmp_path / "names.pdf"
    write_report(project, out, lang="fr", today=DAY)
    text = "\n".join(pdf_text(out))
    assert "工业园区" in text and "方案 北" in text
    # Arabic letters are in DejaVu Sans: embedded, unshaped, in logical order;
    # extractors may reorder right-to-left runs, so compare the letters
    assert set("مصنع الغزل") <= set(text)
    assert "police asiatique standard" in pdf_text(out)[0]
    fonts = set()
    for page in PdfReader(str(out)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert "/STSong-Light" in fonts  # Chinese set in the reader's standard font


def test_latin_only_report_uses_no_fallback_font(tmp_path: Path) -> None:
    out = tmp_path / "latin.pdf"
    write_report(small_project(), out, lang="fr", today=DAY)
    assert "police asiatique" not in pdf_text(out)[0]


def _grid_project(count: int) -> Project:
    side = int(count**0.5) + 1
    buildings = []
    for i in range(count):
        x, y = (i % side) * 30.0, (i // side) * 30.0
        levels = (
            Level.of(5.0, "craft", load_kn_m2=12, access="street"),
            Level.of(3.0, "housing"),
            Level.of(3.0, "office"),
        )
        buildings.append(
            Building(f"b{i}", f"Bâtiment {i:04d}", box(x, y, x + 18, y + 12), levels)
        )
    site = Site(box(-10, -10, side * 30 + 10, side * 30 + 10))
    base = Scenario.of("Existing", buildings)
    grown = Scenario.of(
        "Grown",
        [
            Building(
                b.id,
                b.name,
                b.footprint,
                b.levels + (Level.of(3.0, "housing"),),
                origin=b.id,
            )
            for b in buildings
        ],
    )
    return Project("Grande zone", site=site, scenarios=[base, grown])


@pytest.mark.slow
def test_a_thousand_buildings_give_readable_pages(tmp_path: Path) -> None:
    project = _grid_project(1000)
    out = tmp_path / "big.pdf"
    start = time.perf_counter()
    write_report(project, out, lang="fr", today=DAY)
    elapsed = time.perf_counter() - start
    reader = PdfReader(str(out))
    assert len(reader.pages) < 40  # findings and stacking are capped, not listed
    wanted = {
        page
        for _, title, page in outline_titles(out)
        if title in ("Plan de masse", "Empilement des usages")
    }
    text = " ".join(
        " ".join(reader.pages[p - 1].extract_text() for p in sorted(wanted)).split()
    )
    # (the count in French figures: a narrow no-break space, read as a space)
    assert "42 bâtiments sur 1 000 présentés" in text
    # 18 m x 12 m buildings at 1:7 500 are too small to label, and the plan
    # says so
    assert "trop petits à cette échelle pour porter une étiquette" in text
    assert elapsed < 60


def test_many_scenarios_split_the_summary_into_tables(tmp_path: Path) -> None:
    project = small_project()
    for i in range(2, 8):
        project.scenarios.append(project.scenarios[1].copy(f"Variante {i}"))
    out = tmp_path / "many.pdf"
    write_report(project, out, lang="fr", today=DAY)
    summary_pages = [p for level, t, p in outline_titles(out) if t == "Synthèse"]
    text = " ".join(pdf_text(out)[summary_pages[0] - 1 : summary_pages[0] + 1])
    # 7 scenarios beside the baseline: 3 tables of at most 3, each with the
    # baseline as reference column (a table split over two pages repeats its
    # header)
    assert 3 <= text.count("Indicateur") <= 4
    # the default baseline name is printed "Existant" in French
    assert text.count("Indicateur\n Existant") == text.count("Indicateur")
    for i in range(2, 8):
        assert f"Variante {i}" in text


def test_written_apart_the_report_is_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The editor's export (a child process) writes, byte for byte, what
    ``write_report`` writes; reportlab's invariant mode leaves out the creation
    time and the document's random id, which differ between any two writes."""
    import reportlab.rl_config

    from tests.report.test_report_lists import workshops

    monkeypatch.setattr(reportlab.rl_config, "invariant", 1)
    project = workshops(9)  # one C13 finding each: the full list goes beside
    here, apart = tmp_path / "here", tmp_path / "apart"
    here.mkdir()
    apart.mkdir()
    stages: list[str] = []
    written = write_report(project, here / "r.pdf", "fr", today=DAY)
    beside = write_report(
        project, apart / "r.pdf", "fr", today=DAY, progress=stages.append, apart=True
    )
    assert beside == [apart / "r.findings.csv"]
    assert written == [here / "r.findings.csv"]
    for name in ("r.pdf", "r.findings.csv"):
        assert (apart / name).read_bytes() == (here / name).read_bytes(), name
    names = [s.name for s in project.scenarios]
    # (the full list written before the pages are laid out, put in place after)
    assert stages == ["evaluate", "balance", "cover", *names, "comparison",
                      "findings", "layout"]


def test_written_apart_a_refusal_names_the_file_and_writes_nothing(
    tmp_path: Path,
) -> None:
    out = tmp_path / "r.pdf"
    out.write_bytes(b"previous report")
    with pytest.raises(MixplanError, match="no scenario 'Nope'") as caught:
        write_report(small_project(), out, scenarios=["Nope"], apart=True)
    assert caught.value.path == str(out)
    missing = tmp_path / "missing" / "r.pdf"
    with pytest.raises(MixplanError) as failed:
        write_report(small_project(), missing, apart=True)
    with pytest.raises(MixplanError) as failed_here:
        write_report(small_project(), missing)
    assert str(failed.value) == str(failed_here.value)
    assert "does not exist" in str(failed.value)
    assert failed.value.path == str(missing)
    assert out.read_bytes() == b"previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.pdf"]
