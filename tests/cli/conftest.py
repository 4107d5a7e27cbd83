"""Fixtures of the CLI tests: the demo written once, and every kind of bad file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from clitools import run_cli, write_foreign_geopackage


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project written once by the real command; tests copy it."""
    path = tmp_path_factory.mktemp("demo") / "glaisieres.mixplan.gpkg"
    result = run_cli("demo", path)
    assert result.code == 0, result.err
    return path


@pytest.fixture(scope="session")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory, demo_file: Path) -> dict:
    """Every kind of bad project file of issue 2, by name."""
    folder = tmp_path_factory.mktemp("bad")
    text = folder / "notes.mixplan.gpkg"
    text.write_text("Réunion du 12 mars : pas un projet\n", "utf-8")
    random_db = folder / "random.mixplan.gpkg"
    with sqlite3.connect(random_db) as con:
        con.execute("CREATE TABLE t (x INTEGER)")
        con.execute("INSERT INTO t VALUES (42)")
    con.close()
    foreign = folder / "parcels.gpkg"
    write_foreign_geopackage(foreign)
    truncated = folder / "truncated.mixplan.gpkg"
    data = demo_file.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    empty = folder / "empty.mixplan.gpkg"
    empty.write_bytes(b"")
    directory = folder / "folder.mixplan.gpkg"
    directory.mkdir()
    return {
        "missing": folder / "missing.mixplan.gpkg",
        "directory": directory,
        "text": text,
        "random_sqlite": random_db,
        "foreign_gpkg": foreign,
        "truncated": truncated,
        "empty": empty,
    }
