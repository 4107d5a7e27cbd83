"""kill -9 during saves: no corrupt file, no lost save, nothing left behind.

A child process saves a project over and over (full saves, then incremental
saves of one edit each), printing each acknowledged save; it is killed with
SIGKILL at seeded random moments. The next open must give the last acknowledged
state or the one being written (never a third), leave the project file
byte-identical and nothing named like a temporary file beside it: litter is
removed, a whole newer temporary file (killed before its rename) is moved to the
recovery folder, whole. Three kills of each kind of save.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from mixplan.store import open_project, save_project
from mixplan.store.atomic import atomic_target, stale_temporaries
from mixplan.store.gpkg import opening_notes

ROOT = Path(__file__).resolve().parents[2]

SAVER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {benchmarks!r})
    from synthetic import synthetic_project
    from mixplan.model.commands import SetBuildingAttributes
    from mixplan.store import open_project, save_project

    path, mode = sys.argv[1], sys.argv[2]
    project = open_project(path)
    ids = sorted(project.baseline.buildings)
    # Numbering goes on from the last save on disk (an earlier run's).
    n = max(
        (int(b.name.split()[1]) for b in project.baseline.buildings.values()
         if b.name.startswith("save ")),
        default=0,
    )
    while True:
        n += 1
        building = ids[n % len(ids)]
        change = SetBuildingAttributes("Existing", building, name=f"save {{n}}").apply(
            project
        )
        if mode in ("full", "unbacked"):
            project.name = f"save {{n}}"
            # "unbacked": as the autosave and `--no-backup` save (no .bak).
            save_project(project, path, backup=mode == "full")
        else:
            save_project(project, path, changes=[change])
        print(n, flush=True)
    """
)


def _start_saver(path: Path, mode: str) -> subprocess.Popen[str]:
    script = SAVER.format(benchmarks=str(ROOT / "benchmarks"))
    return subprocess.Popen(
        [sys.executable, "-c", script, str(path), mode],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _saves_acknowledged(process: subprocess.Popen[str], before: int) -> int:
    assert process.stdout is not None
    lines = process.stdout.read().split()
    return int(lines[-1]) if lines else before


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
@pytest.mark.parametrize("mode", ["full", "unbacked", "incremental"])
def test_kills_during_saves_leave_a_whole_project_and_no_litter(
    tmp_path: Path, mode: str, isolated_settings: Path
) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import synthetic_project

    rng = random.Random(14)
    path = tmp_path / "p.mixplan.gpkg"
    save_project(synthetic_project(600, levels=3), path)
    on_disk = 0
    moved: list[Path] = []
    for _kill in range(3):
        process = _start_saver(path, mode)
        time.sleep(2.0 + rng.random() * 2.0)  # start-up, then saves
        process.send_signal(signal.SIGKILL)
        process.wait()
        acknowledged = _saves_acknowledged(process, on_disk)
        before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
        project = open_project(path)
        after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
        # The project file (and a journal, if any) are untouched by the open ...
        assert {k: v for k, v in after.items() if k in before} == {
            k: v for k, v in before.items() if k in after
        }
        # ... and the temporary files of the interrupted save are gone, as is
        # any journal but a hot one (needed to recover the file).
        assert not [n for n in after if n.startswith(".")], after
        assert stale_temporaries(path) == []
        journal = Path(f"{path}-journal")
        assert not journal.exists() or project_recovered(project), after
        # The state is the last acknowledged save or the one being written.
        saves = {
            int(b.name.split()[1])
            for b in project.baseline.buildings.values()
            if b.name.startswith("save ")
        }
        # Save n names building n mod 600, so past 600 saves the file holds the
        # last 600 numbers: exactly those up to the last acknowledged save, or up
        # to the one being written when the kill came.
        count = len(project.baseline.buildings)
        assert saves in (
            set(range(max(1, acknowledged + 1 - count), acknowledged + 1)),
            set(range(max(1, acknowledged + 2 - count), acknowledged + 2)),
        ), (acknowledged, sorted(saves)[:3], sorted(saves)[-3:])
        on_disk = max(saves, default=0)
        opened = project.opened_file
        if opened is not None and opened.unsaved_copy is not None:
            # Killed after writing a whole temporary file, before the rename:
            # that newer state went to the recovery folder, whole.
            assert mode != "incremental" and acknowledged + 1 not in saves
            copy = open_project(opened.unsaved_copy)
            assert copy.name == f"save {acknowledged + 1}"
            moved.append(opened.unsaved_copy)
        if project_recovered(project):  # killed inside an incremental save
            assert mode == "incremental" and journal.stat().st_size > 0
        save_project(project, path)  # "save to keep it"
        assert not journal.exists()
        assert open_project(path) == project and opening_notes(project) == []
    assert sorted((isolated_settings / "recovery").glob("*.mixplan.gpkg")) == sorted(
        moved
    ) or (not moved and not (isolated_settings / "recovery").exists())


def project_recovered(project: object) -> bool:
    opened = getattr(project, "opened_file", None)
    return opened is not None and opened.recovered


def test_a_temporary_file_in_use_is_not_litter(tmp_path: Path) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    path.write_bytes(b"old")
    stale = tmp_path / ".p.mixplan.gpkg.abc123.tmp"
    stale.write_bytes(b"half")
    orphan_journal = tmp_path / ".p.mixplan.gpkg.zzz.tmp-journal"
    orphan_journal.write_bytes(b"j")
    unrelated = tmp_path / ".other.gpkg.abc.tmp"
    unrelated.write_bytes(b"x")
    with atomic_target(path) as tmp:
        tmp.write_bytes(b"new")
        live_journal = Path(f"{tmp}-journal")
        live_journal.write_bytes(b"live")
        # A save in progress (this process) holds its temporary file.
        assert stale_temporaries(path) == sorted([orphan_journal, stale])
        live_journal.unlink()
    assert path.read_bytes() == b"new"
    assert unrelated.exists()


def test_a_full_save_keeps_the_previous_version_as_bak(tmp_path: Path) -> None:
    from store_projects import rich_project

    path = tmp_path / "p.mixplan.gpkg"
    bak = tmp_path / "p.mixplan.gpkg.bak"
    first = rich_project()
    save_project(first, path)
    assert not bak.exists()  # nothing to keep yet
    first_bytes = path.read_bytes()
    second = rich_project()
    second.name = "Second"
    save_project(second, path)
    assert bak.read_bytes() == first_bytes
    assert open_project(bak) == first and open_project(path) == second
    third = rich_project()
    third.name = "Third"
    save_project(third, path, backup=False)
    assert open_project(bak) == first  # untouched without the option
    save_project(third, path)
    assert open_project(bak) == third and open_project(path) == third
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "p.mixplan.gpkg",
        "p.mixplan.gpkg.bak",
    ]
