"""Opening never changes a file, and a hostile file costs seconds (issue 14).

Every hostile file is built here: a foreign hot journal, a WAL-mode project, a FIFO
named like a project, views over recursive CTEs and cross joins, a rulebook value
nested 100,000 deep. After every open the project and what lies beside it are
byte-identical.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path

import pytest
from store_projects import rich_project

from mixplan.store import ProjectFileError, open_project, save_project
from mixplan.store.gpkg import opening_notes, write_app_state
from mixplan.store.gpkg_open import _one_line
from mixplan.store.sqlite_guard import (
    RECOVERED_NOTE,
    budget_exceeded,
    foreign_journal_note,
    open_in_place,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
from clitools import call_cli  # noqa: E402


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def _hot_journal_of(path: Path, into: Path) -> None:
    """Copy ``path`` mid-transaction (changed pages spilled) with its journal."""
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA cache_size = 1")
    writer.execute("BEGIN")
    for (table,) in writer.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
        "'sqlite%'"
    ).fetchall():
        writer.execute(f'DELETE FROM "{table}"')
    shutil.copyfile(path, into)
    shutil.copyfile(f"{path}-journal", f"{into}-journal")
    writer.execute("ROLLBACK")
    writer.close()


def test_a_foreign_hot_journal_is_reported_and_left_alone(tmp_path: Path) -> None:
    project_path = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), project_path)
    other = tmp_path / "other" / "inventory.sqlite"
    other.parent.mkdir()
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE stock (item TEXT, qty INTEGER)")
    db.executemany(
        "INSERT INTO stock VALUES (?, ?)", [(f"i{n}" * 50, n) for n in range(3000)]
    )
    db.commit()
    db.close()
    _hot_journal_of(other, tmp_path / "other" / "crashed.sqlite")
    shutil.copyfile(
        tmp_path / "other" / "crashed.sqlite-journal", f"{project_path}-journal"
    )
    shutil.rmtree(tmp_path / "other")
    before = _digests(tmp_path)

    project = open_project(project_path)
    assert project == rich_project()
    assert opening_notes(project) == [
        foreign_journal_note(Path(f"{project_path}-journal"))
    ]
    result = call_cli("info", project_path)
    assert result.code == 0, result.err
    assert result.err.count("\n") == 1 and "is not this project's" in result.err
    assert call_cli("check", project_path).code in (0, 1)
    assert _digests(tmp_path) == before
    # An incremental save must not let SQLite roll that journal in either.
    with pytest.raises(Exception, match="journal or WAL"):
        write_app_state(project_path, {"view": "plan"})
    assert _digests(tmp_path) == before


def test_the_cli_says_a_project_opened_from_a_recovered_copy(tmp_path: Path) -> None:
    saved = tmp_path / "saved.mixplan.gpkg"
    save_project(rich_project(), saved)
    crashed = tmp_path / "crashed.mixplan.gpkg"
    _hot_journal_of(saved, crashed)
    saved.unlink()
    before = _digests(tmp_path)
    for command in ("info", "check"):
        result = call_cli(command, crashed, "--json")
        assert result.code in (0, 1), result.err
        assert result.err == f"mixplan: {crashed}: {RECOVERED_NOTE}\n"
        assert result.out.startswith("{")
    assert _digests(tmp_path) == before


def test_a_wal_mode_project_is_read_from_a_copy_with_its_wal(tmp_path: Path) -> None:
    path = tmp_path / "wal.mixplan.gpkg"
    save_project(rich_project(), path)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute(
        "UPDATE mixplan_meta SET value = 'Renommé' WHERE key = 'project_name'"
    )
    shutil.copyfile(path, tmp_path / "copy.mixplan.gpkg")
    shutil.copyfile(f"{path}-wal", tmp_path / "copy.mixplan.gpkg-wal")
    writer.close()  # checkpoints and removes the -wal of the original
    copy = tmp_path / "copy.mixplan.gpkg"
    before = _digests(tmp_path)
    project = open_project(copy)
    assert project.name == "Renommé"  # the committed frame in the WAL counts
    assert open_project(path).name == "Renommé"  # WAL header, no -wal beside it
    assert _digests(tmp_path) == before  # no -shm, no -wal created


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_named_like_a_project_is_refused_without_blocking(
    tmp_path: Path,
) -> None:
    fifo = tmp_path / "x.mixplan.gpkg"
    os.mkfifo(fifo)
    start = time.monotonic()
    with pytest.raises(ProjectFileError, match="FIFO"):
        open_project(fifo)
    call_cli("info", fifo).assert_one_line_error(fifo, "FIFO")
    assert time.monotonic() - start < 5


def _with_sql(tmp_path: Path, *statements: str) -> Path:
    path = tmp_path / "evil.mixplan.gpkg"
    save_project(rich_project(), path)
    db = sqlite3.connect(path)
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()
    return path


RECURSIVE = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n"
)


@pytest.mark.parametrize(
    ("table", "view"),
    [
        ("buildings", RECURSIVE),
        ("levels", RECURSIVE),
        (
            "mixplan_meta",
            "SELECT 'application' AS key, 'mixplan' AS value FROM sqlite_master a, "
            "sqlite_master b, sqlite_master c, sqlite_master d, sqlite_master e, "
            "sqlite_master f, sqlite_master g",
        ),
    ],
)
def test_a_view_in_place_of_a_table_is_refused_at_once(
    tmp_path: Path, table: str, view: str
) -> None:
    path = _with_sql(tmp_path, f"DROP TABLE {table}", f"CREATE VIEW {table} AS {view}")
    before = _digests(tmp_path)
    start = time.monotonic()
    for command in ("info", "check"):
        call_cli(command, path).assert_one_line_error(path, f"'{table}' is a view")
    assert time.monotonic() - start < 10
    assert _digests(tmp_path) == before


def test_a_statement_past_its_time_budget_is_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), path)
    database = open_in_place(path, budget_s=0.3)
    # The budget is CPU time of the reading thread (as sqlite_guard counts it):
    # on a loaded machine 0.3 s of it took over 5 s of the clock on the wall.
    start = time.thread_time()
    with pytest.raises(sqlite3.OperationalError) as caught:
        database.connection.execute(f"SELECT count(*) FROM ({RECURSIVE})").fetchone()
    database.close()
    assert budget_exceeded(caught.value)
    assert 0.3 <= time.thread_time() - start < 5


def test_the_budget_is_each_statements_not_the_whole_reading(tmp_path: Path) -> None:
    # A large project takes longer than the budget to read in all (our own work
    # between statements, a busy machine): each statement has the budget.
    path = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), path)
    database = open_in_place(path, budget_s=0.3)
    connection = database.connection
    # (a statement of some 10^6 VM steps: the budget is looked at on the way)
    counted = (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
        "WHERE x < 100000) SELECT count(*) FROM c"
    )
    for _ in range(3):
        time.sleep(0.2)
        assert connection.execute(counted).fetchone()[0] == 100_000
    time.sleep(0.4)
    with pytest.raises(sqlite3.OperationalError) as caught:
        connection.execute(f"SELECT count(*) FROM ({RECURSIVE})").fetchone()
    database.close()
    assert budget_exceeded(caught.value)


def test_a_rulebook_value_nested_100000_deep_is_one_line(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    path = _with_sql(
        tmp_path,
        "INSERT OR REPLACE INTO mixplan_rulebook VALUES "
        f"('assumptions', 'sdp_factor', '{deep}')",
    )
    before = _digests(tmp_path)
    for command in ("info", "check"):
        call_cli(command, path).assert_one_line_error(path, "nested too deep")
    assert _digests(tmp_path) == before


def test_multi_line_sqlite_messages_become_one_line() -> None:
    text = (
        "*** in database main ***\nOn tree page 3 cell 0: invalid page number 99\n"
        "Page 5 is never used"
    )
    assert (
        _one_line(text)
        == "On tree page 3 cell 0: invalid page number 99 and 1 more problems"
    )
    assert _one_line("ok") == "ok"


def test_the_budget_is_the_reading_threads_work_not_its_waiting(tmp_path: Path) -> None:
    # On a machine busy with other work a statement waits for a CPU: the wall
    # clock runs, the reading does not. (A nap inside the statement stands for
    # that wait: 0.6 s of wall-clock time, next to no CPU, against a 0.3 s
    # budget; then some 10^6 VM steps, the budget looked at on the way.)
    path = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), path)
    database = open_in_place(path, budget_s=0.3)
    connection = database.connection
    connection.create_function("wait_for_a_cpu", 0, lambda: time.sleep(0.6))
    start = time.monotonic()
    waited = (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
        "WHERE x < 100000) SELECT count(*) FROM c "
        "WHERE x > 1 OR wait_for_a_cpu() IS NULL"
    )
    assert connection.execute(waited).fetchone()[0] == 100_000
    assert time.monotonic() - start >= 0.6
    # Spinning in SQLite past the budget is still stopped.
    with pytest.raises(sqlite3.OperationalError) as caught:
        connection.execute(f"SELECT count(*) FROM ({RECURSIVE})").fetchone()
    database.close()
    assert budget_exceeded(caught.value)
