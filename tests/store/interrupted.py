"""A real save interrupted at a known point: a child process killed with SIGKILL.

The child saves for real; the only thing added is a wait at the chosen point,
announced on stdout, where the parent kills it.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


#: Saves ``project`` renamed ``NEW NAME`` and stops for good just before the
#: step named on the command line: "rename" (the temporary file is whole) or
#: "commit" (the temporary file is being written).
SAVER = textwrap.dedent(
    """
    import os, sqlite3, sys, time
    import mixplan.store.gpkg_save as gpkg_save
    from mixplan.store import open_project, save_project

    path, stop_before = sys.argv[1], sys.argv[2]
    project = open_project(path)
    project.name = "NEW NAME"
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if stop_before == "rename" and os.path.abspath(dst) == os.path.abspath(path):
            print("whole", flush=True)
            time.sleep(600)
        return real_replace(src, dst, *args, **kwargs)

    real_write_full = gpkg_save.write_full

    def write_full(*args, **kwargs):
        revision = real_write_full(*args, **kwargs)
        if stop_before == "commit":
            print("writing", flush=True)
            time.sleep(600)
        return revision

    os.replace = replace
    gpkg_save.write_full = write_full
    save_project(project, path)
    """
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def kill_save(path: Path, stop_before: str) -> None:
    """A real save of ``path`` (its project renamed ``NEW NAME``), killed at
    ``stop_before``: "rename" leaves a whole, newer temporary file beside it,
    "commit" one being written (with its journal)."""
    child = subprocess.Popen(
        [sys.executable, "-c", SAVER, str(path), stop_before],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert line in ("whole", "writing"), line
