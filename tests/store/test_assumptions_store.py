"""Financial assumptions in the project file: schema 2 table, migration, saves."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mixplan.model import Project
from mixplan.model.commands import SetAssumption
from mixplan.model.finance import Assumption, FinancialAssumptions
from mixplan.store import open_project, save_project

FIXTURES = Path(__file__).parent / "fixtures"


def test_assumptions_round_trip_with_their_provenance(tmp_path: Path) -> None:
    project = Project.new("p")
    project.assumptions = project.assumptions.with_entry(
        "cost_eur_m2.craft", Assumption(2050.5, "Tender, lot 3", 2025, "S")
    ).with_entry("price_eur_m2.warehouse", None)
    path = tmp_path / "p.mixplan.gpkg"
    save_project(project, path)
    again = open_project(path)
    assert again.assumptions == project.assumptions
    assert again.assumptions.get("price_eur_m2.warehouse") is None
    with sqlite3.connect(path) as db:
        row = db.execute(
            "SELECT value, source, year, status FROM mixplan_assumptions "
            "WHERE key = 'cost_eur_m2.craft'"
        ).fetchone()
        registered = db.execute(
            "SELECT count(*) FROM gpkg_contents WHERE "
            "table_name = 'mixplan_assumptions'"
        ).fetchone()
    db.close()
    assert row == (2050.5, "Tender, lot 3", 2025, "S")
    assert registered == (0,)  # internal, not a layer GIS tools list


def test_an_assumption_edit_is_saved_incrementally(tmp_path: Path) -> None:
    project = Project.new("p")
    path = tmp_path / "p.mixplan.gpkg"
    save_project(project, path)
    inode = path.stat().st_ino
    change = SetAssumption(
        "margin_rate", Assumption(0.1, "board decision", 2025, "S")
    ).apply(project)
    save_project(project, path, [change])
    assert path.stat().st_ino == inode  # rows patched, not a full rewrite
    assert open_project(path).assumptions.number("margin_rate") == 0.1


def test_a_version_1_file_opens_with_the_default_assumptions(tmp_path: Path) -> None:
    fixture = FIXTURES / "schema_v1.mixplan.gpkg"
    before = fixture.read_bytes()
    project = open_project(fixture)
    assert project.assumptions == FinancialAssumptions.defaults()
    assert fixture.read_bytes() == before
    path = tmp_path / "migrated.mixplan.gpkg"
    project.assumptions = project.assumptions.with_entry(
        "fees_rate", Assumption(0.09, "x", 2025, "M")
    )
    save_project(project, path)
    assert open_project(path).assumptions.number("fees_rate") == 0.09


def test_a_tampered_assumption_is_a_damaged_row(tmp_path: Path) -> None:
    import pytest

    from mixplan.store.errors import ProjectFileError

    path = tmp_path / "p.mixplan.gpkg"
    save_project(Project.new("p"), path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE mixplan_assumptions SET value = 3 WHERE key = 'fees_rate'")
    db.close()
    with pytest.raises(ProjectFileError, match="assumption fees_rate"):
        open_project(path)
