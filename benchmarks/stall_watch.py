"""Where the GUI thread is while the heartbeat is late: a watcher in another process.

A probe's heartbeat (:class:`bench_editor.Heartbeat`) measures how long the GUI
thread stalled and whose CPU went into it, but not *what the GUI thread waited
for* when nobody used the CPU. A thread of ours cannot look: to run Python it
needs the GIL, and a GUI thread waiting for the GIL is just what it should see.
So the heartbeat writes the time of each tick into a small shared file, and a
watcher *process* (this module run as a script, its own interpreter and GIL)
polls it every 2 ms; once a tick is ``--late-ms`` overdue it records, for every
thread of the editor's process, its kernel state (``R`` running, ``S``
sleeping, ``D`` disk), what it sleeps in (``wchan``) and its system call
(``/proc/PID/task/TID/syscall``: 202 is ``futex``, a lock or the GIL), and with
``--py-spy`` the Python and native stacks of all threads (``py-spy dump
--native``: ``take_gil`` in the GUI thread's stack names the GIL; the thread
py-spy marks ``gil`` holds it). py-spy stops the process while it reads it (tens
of ms): the stall it looks at gets longer, so its figures are for reading the
stacks, not for the budget.

Used through :class:`Watch` (``bench_editor_more.py --watch [--py-spy]``).
"""

from __future__ import annotations

import argparse
import json
import mmap
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: a syscall number's name (x86-64), for the few a blocked thread is seen in
SYSCALLS = {
    "0": "read",
    "1": "write",
    "7": "poll",
    "23": "select",
    "35": "nanosleep",
    "74": "fsync",
    "75": "fdatasync",
    "202": "futex",
    "232": "epoll_wait",
    "230": "clock_nanosleep",
    "270": "pselect6",
    "271": "ppoll",
    "281": "epoll_pwait",
}


def _read(path: str) -> str:
    try:
        with open(path) as file:
            return file.read().strip()
    except OSError:
        return "?"


def threads_now(pid: int) -> list[dict[str, str]]:
    """Every thread of ``pid``: id, name, state, what it sleeps in, its syscall."""
    found = []
    try:
        tids = sorted(os.listdir(f"/proc/{pid}/task"), key=int)
    except OSError:
        return []
    for tid in tids:
        base = f"/proc/{pid}/task/{tid}"
        stat = _read(f"{base}/stat")
        # "tid (comm) S ...": the state follows the last parenthesis
        state = stat[stat.rfind(")") + 2 :].split(" ", 1)[0] if ")" in stat else "?"
        syscall = _read(f"{base}/syscall").split(" ", 1)[0]
        found.append(
            {
                "tid": tid,
                "name": _read(f"{base}/comm"),
                "state": state,
                "wchan": _read(f"{base}/wchan"),
                "syscall": SYSCALLS.get(syscall, syscall),
            }
        )
    return found


def watch(pid: int, beat: Path, out: Path, late_s: float, py_spy: str | None) -> None:
    """Poll the heartbeat's tick until ``pid`` ends; one JSON line per late tick."""
    with open(beat, "r+b") as file, open(out, "a") as log:
        shared = mmap.mmap(file.fileno(), 8)
        seen, looked = 0.0, 0.0
        while os.path.exists(f"/proc/{pid}"):
            time.sleep(0.002)
            (last,) = struct.unpack_from("d", shared, 0)
            late = time.perf_counter() - last
            if last == 0.0 or late < late_s:
                continue
            # a look when a tick is late_s overdue, then every 40 ms while late
            first = last != seen
            if not first and late - looked < 0.040:
                continue
            seen, looked = last, late
            record: dict[str, object] = {
                "beat": last,
                "late_ms": round(late * 1000, 1),
                "threads": threads_now(pid),
            }
            if py_spy and first:
                dump = subprocess.run(
                    [py_spy, "dump", "--native", "--pid", str(pid)],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                record["py_spy"] = dump.stdout + dump.stderr
                record["after_py_spy_ms"] = round(
                    (time.perf_counter() - last) * 1000, 1
                )
            log.write(json.dumps(record) + "\n")
            log.flush()


class Watch:
    """The probe's side: starts the watcher, tells it each tick, prints its looks."""

    def __init__(self, late_ms: float = 60.0, py_spy: bool = False) -> None:
        folder = Path(tempfile.mkdtemp(prefix="stall-watch-"))
        self.beat_path = folder / "beat"
        self.beat_path.write_bytes(b"\0" * 8)
        self.out = folder / "looks.jsonl"
        self.out.touch()
        self._file = open(self.beat_path, "r+b")  # noqa: SIM115 - kept open
        self._shared = mmap.mmap(self._file.fileno(), 8)
        spy = shutil.which("py-spy") or str(Path.home() / ".local/bin/py-spy")
        command = [
            sys.executable,
            str(Path(__file__)),
            "--pid",
            str(os.getpid()),
            "--beat",
            str(self.beat_path),
            "--out",
            str(self.out),
            "--late-ms",
            str(late_ms),
        ]
        if py_spy:
            if not os.path.exists(spy):
                raise SystemExit("--py-spy: no py-spy (uv tool install py-spy)")
            command += ["--py-spy", spy]
        self.process = subprocess.Popen(command)
        self.folder = folder

    def beat(self, now: float) -> None:
        struct.pack_into("d", self._shared, 0, now)

    def looks(self) -> list[dict]:  # type: ignore[type-arg]
        with open(self.out) as file:
            return [json.loads(line) for line in file if line.strip()]

    def report(self, since: float, gap: float) -> None:
        """Print what the watcher saw in the gap that began at ``since``."""
        if gap * 1000 < 60:
            return
        time.sleep(0.05)  # the watcher's py-spy may still be writing
        looks = [one for one in self.looks() if abs(one["beat"] - since) < 1e-6]
        if not looks:
            print("    watcher: no look in this gap", flush=True)
        gui = str(os.getpid())
        for look in looks:
            states = [
                f"{t['name']}{'*' if t['tid'] == gui else ''}: {t['state']} "
                f"{t['syscall']} {t['wchan']}"
                for t in look["threads"]
                if t["tid"] == gui or t["state"] != "S" or t["syscall"] != "futex"
            ]
            print(
                f"    watcher {look['late_ms']:.0f} ms into the gap (GUI = *; the "
                "threads not asleep on a futex): " + "; ".join(states),
                flush=True,
            )
            dump = look.get("py_spy")
            if dump:
                print(_stacks_text(dump), flush=True)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(5)


def _stacks_text(dump: str, frames: int = 14) -> str:
    """py-spy's dump, each thread cut to its innermost ``frames`` frames."""
    lines: list[str] = []
    count = 0
    for line in dump.splitlines():
        if line.startswith("Thread"):
            count = 0
            lines.append("    " + line)
        elif line.startswith(" ") and count < frames:
            count += 1
            lines.append("    " + line)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--beat", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--late-ms", type=float, default=60.0)
    parser.add_argument("--py-spy", default=None)
    args = parser.parse_args()
    watch(args.pid, args.beat, args.out, args.late_ms / 1000, args.py_spy)


if __name__ == "__main__":
    main()
