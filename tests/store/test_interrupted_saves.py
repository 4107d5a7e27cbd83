"""What an interrupted save leaves beside a project, at the next open (issue 14).

Saves are interrupted for real: a child process saves and is killed with SIGKILL
at a known point (it announces the point on stdout and waits there; the wait is
the only thing added to the real save). The next open — through the command
line, as a user would — must leave the project file byte-identical, leave no
temporary file beside it, and never delete a newer whole project: that is moved
to the recovery folder and named in one line on stderr.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from interrupted import digest as _digest
from interrupted import kill_save
from store_projects import rich_project

from mixplan.store import open_project, save_project
from mixplan.store.atomic import atomic_target, stale_temporaries
from mixplan.store.gpkg import opening_notes
from mixplan.store.leftovers import remove_idle_journal

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str, locale: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.update(LC_ALL="", LC_MESSAGES="", LANG=locale)
    return subprocess.run(
        [sys.executable, "-m", "mixplan", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def _beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


def test_a_newer_whole_copy_is_moved_to_recovery_and_told_in_one_line(
    tmp_path: Path, isolated_settings: Path
) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), path)
    kill_save(path, "rename")
    temporaries = [n for n in _beside(path) if n.endswith(".tmp")]
    assert len(temporaries) == 1  # the whole, newer project, never renamed
    before = _digest(path)

    result = _cli("info", str(path), "--json")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["project"] == rich_project().name
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert "had written a newer version" in lines[0] and str(path) in lines[0]
    assert _digest(path) == before  # a read-only command changed nothing
    # No temporary file left beside it (the backup was made before the kill).
    assert _beside(path) == ["p.mixplan.gpkg", "p.mixplan.gpkg.bak"]
    recovery = isolated_settings / "recovery"
    (copy,) = recovery.glob("*.mixplan.gpkg")
    assert str(copy) in lines[0]
    assert open_project(copy).name == "NEW NAME"  # the newer state, whole
    note = json.loads(
        copy.with_name(copy.name.removesuffix(".mixplan.gpkg") + ".json").read_text(
            encoding="utf-8"
        )
    )
    assert note["source"] == str(path.resolve()) and note["project"] == "NEW NAME"
    # Told once: the next open finds nothing more.
    assert _cli("info", str(path)).stderr == ""


def test_in_french_the_note_and_the_refusal_are_french(
    tmp_path: Path, isolated_settings: Path
) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), path)
    kill_save(path, "rename")
    result = _cli("info", str(path), locale="fr_FR.UTF-8")
    assert result.returncode == 0, result.stderr
    (line,) = result.stderr.splitlines()
    assert "version plus récente" in line and "déplacée vers" in line, line
    (copy,) = (isolated_settings / "recovery").glob("*.mixplan.gpkg")
    assert str(copy) in line

    kill_save(path, "rename")
    path.write_bytes(b"not a project at all\n")
    result = _cli("check", str(path), "--lang", "fr")
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert "version plus récente" in line and "déplacée vers" in line, line


def test_the_api_names_the_copy_on_the_project(
    tmp_path: Path, isolated_settings: Path
) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), path)
    kill_save(path, "rename")
    project = open_project(path)
    assert project == rich_project()
    opened = project.opened_file
    assert opened is not None and opened.unsaved_copy is not None
    assert opened.unsaved_copy.parent == isolated_settings / "recovery"
    assert not opened.recovered and not opened.foreign_journal
    assert len(opening_notes(project)) == 1
    # The file on disk is what was read: the next save may be incremental.
    assert project.saved_file is not None


def test_a_temporary_file_killed_while_written_is_removed(
    tmp_path: Path, isolated_settings: Path
) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), path)
    kill_save(path, "commit")
    assert any(n.endswith(".tmp-journal") for n in _beside(path)), _beside(path)
    before = _digest(path)
    result = _cli("info", str(path))
    assert result.returncode == 0 and result.stderr == ""
    assert _digest(path) == before
    assert _beside(path) == ["p.mixplan.gpkg"]
    assert not (isolated_settings / "recovery").exists()


def test_a_whole_copy_older_than_the_file_or_the_same_is_removed(
    tmp_path: Path, isolated_settings: Path
) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    older = tmp_path / "older.mixplan.gpkg"
    save_project(rich_project(), older)
    save_project(rich_project(), path)
    stale = tmp_path / ".p.mixplan.gpkg.old1.tmp"
    older.rename(stale)
    os.utime(stale, ns=(path.stat().st_mtime_ns - 10**9,) * 2)
    same = tmp_path / ".p.mixplan.gpkg.bak.same1.tmp"  # a backup being made
    os.link(path, same)
    project = open_project(path)
    assert opening_notes(project) == []
    assert _beside(path) == ["p.mixplan.gpkg"]
    assert not (isolated_settings / "recovery").exists()


def test_a_damaged_file_with_a_newer_whole_copy_names_it_in_its_one_line(
    tmp_path: Path, isolated_settings: Path
) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), path)
    kill_save(path, "rename")
    path.write_bytes(b"not a project at all\n")
    before = _digest(path)
    result = _cli("check", str(path))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "text file" in lines[0], lines
    assert "moved to" in lines[0]
    assert _digest(path) == before
    assert _beside(path) == ["p.mixplan.gpkg", "p.mixplan.gpkg.bak"]
    (copy,) = (isolated_settings / "recovery").glob("*.mixplan.gpkg")
    assert open_project(copy).name == "NEW NAME"


def test_a_save_in_progress_keeps_its_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), path)
    with atomic_target(path) as tmp:
        tmp.write_bytes(path.read_bytes())
        open_project(path)
        assert tmp.exists()  # locked by this save: not litter
    assert stale_temporaries(path) == []


def test_an_autosave_copy_is_not_offered_as_a_newer_project(
    tmp_path: Path, isolated_settings: Path
) -> None:
    recovery = isolated_settings / "recovery"
    recovery.mkdir()
    slot = recovery / "abc.mixplan.gpkg"
    save_project(rich_project(), slot)
    kill_save(slot, "rename")
    open_project(slot)
    assert sorted(p.name for p in recovery.iterdir()) == [
        "abc.mixplan.gpkg",
        "abc.mixplan.gpkg.bak",  # made by the killed save before the rename
    ]


# --- an idle -journal (a save killed as it began) --------------------------------


def _journal_left_by_sqlite(path: Path, mode: str) -> Path:
    """A real SQLite write transaction on ``path`` in ``mode`` (TRUNCATE: an empty
    journal stays; PERSIST: a zeroed header stays), then the content put back."""
    original = path.read_bytes()
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute(f"PRAGMA journal_mode = {mode}")
    connection.execute("CREATE TABLE scratch (x)")
    connection.close()
    path.write_bytes(original)
    return Path(f"{path}-journal")


@pytest.mark.parametrize("mode", ["TRUNCATE", "PERSIST", "empty file", "no magic yet"])
def test_an_idle_journal_goes_at_the_next_open_the_file_untouched(
    tmp_path: Path, mode: str
) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), path)
    if mode in ("empty file", "no magic yet"):
        journal = Path(f"{path}-journal")
        # Killed as it began: nothing yet, or pages copied before the header's
        # magic is written (SQLite writes it after syncing them).
        journal.write_bytes(b"" if mode == "empty file" else bytes(8) + b"\x07" * 600)
    else:
        journal = _journal_left_by_sqlite(path, mode)
    assert journal.exists()
    assert journal.read_bytes()[:8].strip(b"\x00") == b""
    before = _digest(path)
    result = _cli("info", str(path))
    assert result.returncode == 0 and result.stderr == ""
    assert _digest(path) == before
    assert _beside(path) == ["p.mixplan.gpkg"]


def test_an_idle_journal_stays_while_another_program_writes(tmp_path: Path) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE')\n"
            "print('locked', flush=True)\n"
            "time.sleep(600)\n",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        journal = Path(f"{path}-journal")
        journal.write_bytes(b"")  # as a writer has just created it
        assert remove_idle_journal(path) is False
        open_project(path)
        assert journal.exists()
    finally:
        holder.kill()
        holder.wait()
    assert remove_idle_journal(path) is True
    assert not journal.exists()


def test_a_journal_with_content_is_never_removed_at_open(tmp_path: Path) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), path)
    journal = Path(f"{path}-journal")
    # Not a journal (no magic), but SQLite would take it for a hot one.
    journal.write_bytes(b"\x01" * 40)
    before = _digest(path)
    result = _cli("info", str(path))
    assert result.returncode == 0, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "not this project's" in (
        result.stderr
    )
    assert journal.read_bytes() == b"\x01" * 40 and _digest(path) == before
