"""Time the frozen app from process start to its first window.

    python packaging/measure_startup.py dist/mixplan/mixplan [PROJECT.gpkg] [--runs 3]

Starts the executable with ``MIXPLAN_STARTUP_PROBE`` (see ``mixplan_entry.py``):
the app writes the wall-clock time at which the window named ``MainWindow`` is
first shown, and quits. The figure is that time minus the time just before the
process was spawned, so it includes the bootloader, Python's start, the imports,
opening the project and building the window. The first run is reported apart: it
pays for cold disk caches.

With a project, the window's title must name it (``mixplan FILE.gpkg`` is what a
double-click runs). Prints one line per run and a summary; exits 1 when no window
appeared or it is not on the project, 0 otherwise (the budget is reported, not
enforced: CI runners vary too much).

Given ``packaging/mixplan_entry.py`` instead of an executable, it times the app
from the source tree with this Python, for comparison.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET_S = 3.0
TIMEOUT_S = 120.0


def time_to_window(executable: Path, project: Path | None) -> tuple[float, str]:
    """Seconds from spawning ``executable`` to its main window being shown, and
    the window's title."""
    with tempfile.TemporaryDirectory(prefix="mixplan-probe-") as tmp:
        report = Path(tmp) / "shown.txt"
        env = dict(os.environ, MIXPLAN_STARTUP_PROBE=str(report))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        # The settings of a fresh user, and the user's own recent files untouched.
        env["MIXPLAN_SETTINGS_DIR"] = str(Path(tmp) / "settings")
        command = [str(executable)]
        if executable.suffix == ".py":
            command.insert(0, sys.executable)
        args = command + ([str(project)] if project else [])
        started = time.time()
        completed = subprocess.run(
            args,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
        if not report.exists():
            detail = (completed.stderr or completed.stdout).strip().splitlines()
            last = detail[-1] if detail else "no output"
            raise RuntimeError(
                f"no window was shown (exit {completed.returncode}: {last})"
            )
        shown, _, title = report.read_text(encoding="utf-8").partition("\n")
        return float(shown) - started, title.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("executable", type=Path)
    parser.add_argument("project", type=Path, nargs="?")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times = []
    for run in range(args.runs):
        try:
            seconds, title = time_to_window(args.executable, args.project)
        except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
            print(f"startup: run {run + 1}: FAILED: {exc}")
            return 1
        if run == 0:
            print(f"startup: window title {title!r}")
            # What a double-click runs: the window must be on that file.
            if args.project is not None and args.project.name not in title:
                print(f"startup: FAILED: the window is not on {args.project.name}")
                return 1
        times.append(seconds)
        print(f"startup: run {run + 1}: window after {seconds:.2f} s")
    warm = times[1:] or times
    median = statistics.median(warm)
    verdict = "within" if median < BUDGET_S else "OVER"
    print(
        f"startup: first run {times[0]:.2f} s, median of later runs {median:.2f} s "
        f"({verdict} the {BUDGET_S:.0f} s budget)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
