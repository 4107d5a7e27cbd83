"""The findings tables summarise; the full list goes to NAME.findings.csv beside.

The workshops below are built so that the findings are known by hand: each has
a craft ground floor (productive-grade: 5 m, 12 kN/m², street access) and a
craft upper floor with no freight lift, so C13 finds exactly one upper floor
not productive-grade per workshop (target ``b{i}#1``). The table shows at most
MAX_FINDINGS_PER_RULE = 8 findings of a rule: 8 workshops fit, 9 do not.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from shapely.geometry import box

from mixplan.engine import evaluate
from mixplan.model import Building, Level, Project, Scenario, Site
from mixplan.report import write_report
from mixplan.report.lists import (
    BALANCE_COLUMNS,
    FINDINGS_COLUMNS,
    MAX_LISTED_BUILDINGS,
    balance_csv_path,
    csv_field,
    findings_csv_path,
)
from mixplan.report.scenario_pages import MAX_FINDINGS_PER_RULE
from tests.report.conftest import DAY, pdf_text


def workshops(n: int) -> Project:
    buildings = [
        Building(
            f"b{i}",
            f"Atelier {i}",
            box(i * 30, 0, i * 30 + 20, 10),
            (
                Level.of(5.0, "craft", load_kn_m2=12, access="street"),
                Level.of(4.0, "craft"),
            ),
        )
        for i in range(n)
    ]
    # the scenario adds a flat on top of the first workshop: one more building
    # in the scenario's own findings, its upper craft floor still unserved
    raised = [
        Building(b.id, b.name, b.footprint, b.levels, origin=b.id)
        for b in buildings[1:]
    ]
    first = buildings[0]
    raised.insert(
        0,
        Building(
            first.id,
            first.name,
            first.footprint,
            first.levels + (Level.of(3.0, "housing"),),
            origin=first.id,
        ),
    )
    return Project(
        "Ateliers",
        site=Site(box(-10, -10, n * 30 + 10, 30)),
        scenarios=[Scenario.of("Existing", buildings), Scenario.of("Plus", raised)],
    )


def read_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for accents
    assert b"\r\n" in raw
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames or ()) == FINDINGS_COLUMNS
        return list(reader)


def c13_targets(rows: list[dict[str, str]], scenario: str) -> set[str]:
    return {
        r["buildings"] for r in rows if r["scenario"] == scenario and r["rule"] == "C13"
    }


def test_a_rule_with_as_many_findings_as_the_table_shows_writes_no_file(
    tmp_path: Path,
) -> None:
    assert MAX_FINDINGS_PER_RULE == 8
    project = workshops(8)
    # the hand count: one C13 finding per workshop
    assert sum(f.rule == "C13" for f in evaluate(project, "Existing").findings) == 8
    out = tmp_path / "ateliers.pdf"
    assert write_report(project, out, lang="en", today=DAY) == []
    text = " ".join(" ".join(pdf_text(out)).split())
    assert "more findings of rule C13" not in text
    assert "findings.csv" not in text
    assert not findings_csv_path(out).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ateliers.pdf"]


def test_one_finding_over_the_table_writes_every_finding_beside_the_pdf(
    tmp_path: Path,
) -> None:
    project = workshops(9)
    out = tmp_path / "ateliers.pdf"
    beside = write_report(project, out, lang="en", today=DAY)
    text = " ".join(" ".join(pdf_text(out)).split())
    # each scenario's table says how many it leaves out and where they all are
    assert text.count("… and 1 more findings of rule C13.") == 2
    assert text.count("The table shows at most 8 findings per rule.") == 2
    assert "“ateliers.findings.csv”, written beside this report" in text
    csv_path = tmp_path / "ateliers.findings.csv"
    assert findings_csv_path(out) == csv_path
    assert beside == [csv_path]
    rows = read_rows(csv_path)
    # the hand count: nine unserved upper floors in each scenario
    expected = {f"b{i}#1" for i in range(9)}
    assert c13_targets(rows, "Existing") == expected
    assert c13_targets(rows, "Plus") == expected
    first = next(r for r in rows if r["buildings"] == "b4#1")
    assert first["building_names"] == "Atelier 4"
    assert first["severity"] == "warning"
    assert first["rule_name"].startswith("Productive")
    # every finding of the engine's own evaluation, and nothing else
    for name in ("Existing", "Plus"):
        engine = Counter(
            (f.rule, f.severity, ";".join(f.targets), f.message)
            for f in evaluate(project, name).findings
        )
        listed = Counter(
            (r["rule"], r["severity"], r["buildings"], r["message"])
            for r in rows
            if r["scenario"] == name
        )
        assert listed == engine
    # errors first, then warnings, then infos: the report's order
    order = {"error": 0, "warning": 1, "info": 2}
    ranks = [order[r["severity"]] for r in rows if r["scenario"] == "Existing"]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "b1",
        "b1;b2#0",
        "12,1 m",
        'la "zone" Ux',
        '"',
        ",",
        "deux\nlignes",
        "retour\rchariot",
        "fin\r\n",
        "  espaces  ",
        "Bâtiment «\u202fA\u202f» : 29,0 m",
        "tab\tulation'apostrophe",
    ],
)
def test_a_field_is_quoted_as_the_csv_module_quotes_it(value: str) -> None:
    # the oracle: the csv module's own writer, with the file's dialect
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([value, "x"])
    assert csv_field(value) + ",x\r\n" == out.getvalue()


def test_names_with_commas_and_quotes_are_listed_quoted(tmp_path: Path) -> None:
    project = workshops(9)
    renamed = [
        Building(b.id, 'Atelier "Nord", 4', b.footprint, b.levels, origin=b.origin)
        if b.id == "b4"
        else b
        for b in project.baseline.buildings.values()
    ]
    project.scenarios[0] = Scenario.of("Existing", renamed)
    out = tmp_path / "ateliers.pdf"
    write_report(project, out, lang="en", scenarios=["Existing"], today=DAY)
    raw = findings_csv_path(out).read_bytes().decode("utf-8-sig")
    # by hand: the name's quotes doubled, the whole field quoted for its comma
    assert ',b4#1,"Atelier ""Nord"", 4",' in raw
    (row,) = [r for r in read_rows(findings_csv_path(out)) if r["buildings"] == "b4#1"]
    assert row["building_names"] == 'Atelier "Nord", 4'
    assert row["scenario"] == "Existing" and row["rule"] == "C13"
    # a finding about several buildings (C20, the site's loading bays: one
    # per 1,000 m² of productive floor area): ids and names in the same order
    names = ";".join(
        'Atelier ""Nord"", 4' if i == 4 else f"Atelier {i}" for i in range(9)
    )
    ids = ";".join(f"b{i}" for i in range(9))
    assert f',{ids},"{names}",0.0,4.0,' in raw


def test_the_french_report_lists_in_french(tmp_path: Path) -> None:
    project = workshops(10)
    out = tmp_path / "ateliers.pdf"
    write_report(project, out, lang="fr", today=DAY)
    text = " ".join(" ".join(pdf_text(out)).split())
    assert "… et 2 autres constats de la règle C13." in text
    assert "Le tableau montre au plus 8 constats par règle." in text
    assert "ateliers.findings.csv" in text
    rows = read_rows(findings_csv_path(out))
    c13 = [r for r in rows if r["rule"] == "C13"]
    assert len(c13) == 20
    french = {
        f.targets: f.message_fr
        for f in evaluate(project, "Existing").findings
        if f.rule == "C13"
    }
    for row in c13:
        if row["scenario"] == "Existing":
            assert row["message"] == french[(row["buildings"],)]
    assert c13[0]["message"] != evaluate(project, "Existing").findings[0].message


def test_a_report_of_selected_scenarios_lists_only_them(tmp_path: Path) -> None:
    out = tmp_path / "plus.pdf"
    write_report(workshops(9), out, lang="en", scenarios=["Plus"], today=DAY)
    rows = read_rows(findings_csv_path(out))
    assert {r["scenario"] for r in rows} == {"Plus"}


def test_an_unwritable_list_is_refused_naming_the_file(tmp_path: Path) -> None:
    from mixplan.model.errors import MixplanError

    out = tmp_path / "ateliers.pdf"
    # a folder where the list would go: the list cannot be written, and the
    # PDF (laid out after it) is not written either
    (tmp_path / "ateliers.findings.csv").mkdir()
    with pytest.raises(MixplanError) as refused:
        write_report(workshops(9), out, lang="en", today=DAY)
    # the CLI prints "path: message" on one line
    assert refused.value.path == str(tmp_path / "ateliers.findings.csv")
    assert "directory" in str(refused.value)
    assert (tmp_path / "ateliers.findings.csv").is_dir()
    assert not out.exists()


def demolishing(n: int, demolished: int) -> Project:
    """``n`` offices; the scenario demolishes the first ``demolished`` of them and
    builds one new block of flats, keeping the rest as they are."""
    offices = [
        Building(
            f"o{i}",
            f"Bureau {i}",
            box(i * 30, 0, i * 30 + 20, 10),
            (Level.of(3.0, "office"),),
        )
        for i in range(n)
    ]
    kept = [
        Building(b.id, b.name, b.footprint, b.levels, origin=b.id)
        for b in offices[demolished:]
    ]
    flats = Building("n1", "Logements", box(0, 50, 20, 60), (Level.of(3.0, "housing"),))
    return Project(
        "Bureaux",
        site=Site(box(-10, -10, n * 30 + 10, 80)),
        scenarios=[
            Scenario.of("Existing", offices),
            Scenario.of("Plan", kept + [flats]),
        ],
    )


def test_thirty_demolished_buildings_are_all_named_on_the_balance_page(
    tmp_path: Path,
) -> None:
    assert MAX_LISTED_BUILDINGS == 30
    out = tmp_path / "bureaux.pdf"
    write_report(demolishing(32, 30), out, lang="en", today=DAY)
    text = " ".join(" ".join(pdf_text(out)).split())
    listed = text.split("Buildings demolished: ")[1].split("; converted: none")[0]
    # in the balance's order (sorted ids), every one of them
    assert sorted(listed.split(", ")) == sorted(f"o{i}" for i in range(30))
    assert "in all)" not in text and "balance.csv" not in text
    assert not balance_csv_path(out).exists()


def test_thirty_one_demolished_buildings_are_counted_and_listed_beside(
    tmp_path: Path,
) -> None:
    out = tmp_path / "bureaux.pdf"
    write_report(demolishing(33, 31), out, lang="fr", today=DAY)
    text = " ".join(" ".join(pdf_text(out)).split())
    # the first thirty named (sorted ids: o0, o1, o10 … o8, then o9 is the
    # 31st), the count, and where the whole list is
    listed = text.split("Bâtiments démolis : ")[1].split(" … (31 en tout)")[0]
    assert listed.split(", ") == sorted(f"o{i}" for i in range(31))[:30]
    assert listed.endswith("o7, o8")
    # (the no-break spaces inside the guillemets read as spaces once split)
    assert "« bureaux.balance.csv », écrit à côté de ce rapport" in text
    path = balance_csv_path(out)
    assert path.name == "bureaux.balance.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames or ()) == BALANCE_COLUMNS
        rows = list(reader)
    demolished = [r for r in rows if r["change"] == "demolished"]
    assert {r["building_id"] for r in demolished} == {f"o{i}" for i in range(31)}
    assert {r["building_name"] for r in demolished} >= {"Bureau 0", "Bureau 30"}
    (new,) = [r for r in rows if r["change"] == "new"]
    # the flats: 200 m² gross, SDP 200 × 0.92 less the 10 % of housing's
    # common parts = 165.6 m², all of it built
    assert new["building_id"] == "n1" and new["origin"] == ""
    assert float(new["built_sdp_m2"]) == pytest.approx(165.6)
    assert float(new["converted_sdp_m2"]) == 0.0
    assert len(rows) == 32  # nothing else: the kept offices add nothing


def test_findings_worded_for_the_list_read_as_the_engine_words_them() -> None:
    # worded() words a finding for one pass without keeping the words: the
    # same English and French messages as reading them
    findings = evaluate(workshops(3), "Plus").findings
    assert any(f.rule == "C13" for f in findings)
    for f in findings:
        english, french = f.worded()
        assert (english, french) == (f.message, f.message_fr)
        assert f.worded() == (english, french)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "wrote the full list to {}"),
        ("fr", "liste complète écrite dans {}"),
    ],
)
def test_the_command_line_says_where_the_full_list_went(
    tmp_path: Path, lang: str, expected: str
) -> None:
    from mixplan.store import save_project
    from tests.cli.clitools import run_cli

    project_path = tmp_path / "ateliers.mixplan.gpkg"
    save_project(workshops(9), project_path)
    out = tmp_path / "ateliers.pdf"
    result = run_cli("report", project_path, "-o", out, "--lang", lang)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) == 2, lines
    assert lines[1] == expected.format(tmp_path / "ateliers.findings.csv")
    assert (tmp_path / "ateliers.findings.csv").is_file()


def test_the_lines_of_blocks_and_findings_are_the_csv_rows_of_their_findings() -> None:
    # Each line is what csv.writer writes of the finding's fields, in the
    # report's order (errors, then warnings, by rule), whether the finding is
    # a row of a block or a finding of its own.
    from mixplan.engine.finding_records import FindingBlock, FindingList
    from mixplan.engine.findings import Finding
    from mixplan.report.lists import findings_lines

    scenario = Scenario(
        "Plus, dense",
        {
            "b1": Building("b1", 'Halle "Nord", lot 2', box(0, 0, 10, 10),
                           (Level.of(4.0, "craft"),)),
            "b2": Building("b2", "Atelier", box(20, 0, 30, 10),
                           (Level.of(4.0, "craft"),)),
        },
    )  # fmt: skip
    levels = FindingBlock(
        "C13", "warning", "Eurocode 1", 2,
        lambda r: (f"b{r + 1}#0",),
        lambda r, lang: f"level {r}, 12.5 m²" if lang == "en" else f"niveau {r}",
        [12.34567, 3.0],
    )  # fmt: skip
    pair = FindingBlock(
        "C05", "error", "PLU", 1, lambda r: ("b2", "gone", "b1"),
        lambda r, lang: "too close", 2.5, lambda r: 4.0,
    )  # fmt: skip
    site = Finding("C02", "error", "Coverage 61%", 0.61, 0.6, ("site",), "PLU",
                   "Emprise 61 %")  # fmt: skip
    found = FindingList([levels, [site], pair])
    names = {"C02": "Coverage", "C05": "Distances", "C13": "Grade, productive"}
    for lang in ("en", "fr"):
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(
            [
                ["Plus, dense", "C02", "Coverage", "error",
                 "Coverage 61%" if lang == "en" else "Emprise 61 %", "site", "",
                 0.61, 0.6, "PLU"],
                ["Plus, dense", "C05", "Distances", "error", "too close",
                 "b2;gone;b1", 'Atelier;;Halle "Nord", lot 2', 2.5, 4.0, "PLU"],
                ["Plus, dense", "C13", "Grade, productive", "warning",
                 "level 0, 12.5 m²" if lang == "en" else "niveau 0", "b1#0",
                 'Halle "Nord", lot 2', 12.3457, "", "Eurocode 1"],
                ["Plus, dense", "C13", "Grade, productive", "warning",
                 "level 1, 12.5 m²" if lang == "en" else "niveau 1", "b2#0",
                 "Atelier", 3.0, "", "Eurocode 1"],
            ]
        )  # fmt: skip
        lines = "".join(findings_lines(scenario, found, lang, names.__getitem__))
        assert lines == out.getvalue()


def test_the_list_is_put_beside_the_pdf_only_once_the_pdf_is_written(
    tmp_path: Path,
) -> None:
    from mixplan.model.errors import MixplanError
    from mixplan.report.lists import findings_csv_written

    listed = tmp_path / "a.findings.csv"
    with findings_csv_written(listed, ["x\r\n"]):
        # written, not yet in place
        assert not listed.exists()
    assert (
        listed.read_bytes()
        == "\ufeff".encode() + (",".join(FINDINGS_COLUMNS) + "\r\nx\r\n").encode()
    )
    # an error while the list waits (the PDF not written): the list there stays
    with pytest.raises(OSError, match="no room"):
        with findings_csv_written(listed, ["y\r\n"]):
            raise OSError("no room")
    assert listed.read_bytes().endswith(b"\r\nx\r\n")
    assert [p.name for p in tmp_path.iterdir()] == ["a.findings.csv"]
    # the report: a folder where the PDF would go, so no PDF, and no list
    out = tmp_path / "ateliers.pdf"
    out.mkdir()
    with pytest.raises(MixplanError) as refused:
        write_report(workshops(9), out, lang="en", today=DAY)
    assert refused.value.path == str(out)
    assert not findings_csv_path(out).exists()
