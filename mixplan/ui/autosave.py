"""Never lose work: a recovery copy of the open project beside the settings.

Each window writes to its own *slot* (``<slot>.mixplan.gpkg`` plus a small JSON
note naming the original file) every minute or every 20 edits, whichever comes
first. A lock file held while the window lives tells a later start which slots
belong to a process that died: those are offered for recovery. A slot is
removed only after a successful save or when the user discards it, so a crash
after recovering offers it again.

After the first copy, an autosave rewrites only the rows the edits since the
last one touched, in place (the store's incremental save, as File ▸ Save does),
when the slot is as the last autosave left it: writing a 10,000-building
project whole is 1.6 s of Python in the autosave's thread, every 20 edits, and
the GUI thread waited for the GIL meanwhile (stalls of 0.1–0.2 s while editing).
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from mixplan.model import Project
from mixplan.model.commands import Change
from mixplan.model.project import SavedFile
from mixplan.ui.document import ProjectDocument
from mixplan.user_dirs import recovery_dir as user_recovery_dir

log = logging.getLogger(__name__)

AUTOSAVE_INTERVAL_MS = 60_000
AUTOSAVE_EDITS = 20


def recovery_dir() -> Path:
    # The store moves newer copies of interrupted saves here too.
    return user_recovery_dir()


@dataclass(frozen=True)
class Recovery:
    """A recovery copy left by a window that did not close normally."""

    slot: str
    path: Path
    source: Path | None
    project_name: str
    saved_at: float
    #: Written by a save of ``source`` stopped before its rename (moved here by
    #: the store), not by an autosave.
    interrupted_save: bool = False

    @property
    def note_path(self) -> Path:
        return self.path.with_name(f"{self.slot}.json")

    def discard(self) -> None:
        for path in (self.path, self.note_path):
            path.unlink(missing_ok=True)
        self.path.with_name(f"{self.slot}.lock").unlink(missing_ok=True)


def find_recoveries(folder: Path | None = None) -> list[Recovery]:
    """Recovery copies whose window is gone, newest first."""
    folder = folder or recovery_dir()
    found = []
    for note in folder.glob("*.json"):
        slot = note.stem
        path = folder / f"{slot}.mixplan.gpkg"
        lock = QLockFile(str(folder / f"{slot}.lock"))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # a live window owns it
        lock.unlock()
        try:
            data = json.loads(note.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not path.is_file():
            continue
        source = data.get("source")
        found.append(
            Recovery(
                slot,
                path,
                Path(source) if source else None,
                str(data.get("project", "")),
                float(data.get("saved_at", 0.0)),
                bool(data.get("interrupted_save", False)),
            )
        )
    for lock_path in folder.glob("*.lock"):
        # A window that died before its first autosave leaves only its lock.
        if not (folder / f"{lock_path.stem}.json").exists():
            lock = QLockFile(str(lock_path))
            lock.setStaleLockTime(0)
            if lock.tryLock(0):
                lock.unlock()
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found


class _Job:
    """One write of the recovery copy (run in a thread or in place)."""

    def __init__(self, path: Path, note_path: Path, generation: int) -> None:
        self.path, self.note_path, self.generation = path, note_path, generation
        self.error: str | None = None
        self.elapsed_ms = 0.0
        self.thread: threading.Thread | None = None
        #: the slot as this job left it (None: not written)
        self.saved: SavedFile | None = None

    def run(
        self,
        project: Project,
        note: dict[str, object],
        changes: list[Change] | None = None,
    ) -> None:
        """Write ``project``; with ``changes`` (since the copy its ``saved_file``
        records), only the rows they touch when the slot is still that copy."""
        from mixplan.store import save_project
        from mixplan.store.atomic import write_text_atomic

        start = time.perf_counter()
        try:
            save_project(project, self.path, changes=changes, backup=False)
            self.saved = project.saved_file
            # temp + fsync + rename: a crash never leaves an empty note that
            # would orphan an acknowledged recovery copy
            write_text_atomic(self.note_path, json.dumps(note))
        except Exception as exc:  # noqa: BLE001 - autosave must never interrupt work
            log.exception("autosave to %s failed", self.path)
            self.error = str(exc)
        self.elapsed_ms = (time.perf_counter() - start) * 1000


class Autosaver(QObject):
    """Writes the document to its recovery slot when enough has changed.

    Timed and every-20-edits autosaves write a snapshot from a background
    thread, so a large project never stalls the editor while it is written.
    """

    saved = Signal(object)  # the recovery path
    failed = Signal(str)
    _job_done = Signal()

    def __init__(
        self,
        document: ProjectDocument,
        parent: QObject | None = None,
        interval_ms: int = AUTOSAVE_INTERVAL_MS,
        edits: int = AUTOSAVE_EDITS,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.edits_per_save = edits
        self.folder = recovery_dir()
        self.slot = ""
        self.lock: QLockFile | None = None
        self.edits = 0
        self.dirty = False
        #: bumped by discard(): a copy being written for an older generation is
        #: deleted when it lands
        self.generation = 0
        self._job: _Job | None = None
        #: the slot as the last autosave left it, and the edits since that one
        #: began: the next autosave writes only what they touched
        self._slot_saved: SavedFile | None = None
        self._changes: list[Change] = []
        self._job_done.connect(self._on_job_done)
        self.take_slot(uuid.uuid4().hex[:12])
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_if_dirty)
        self.timer.start()
        document.changed.connect(self._on_changed)
        document.project_replaced.connect(self._forget_slot)

    @property
    def path(self) -> Path:
        return self.folder / f"{self.slot}.mixplan.gpkg"

    @property
    def note_path(self) -> Path:
        return self.folder / f"{self.slot}.json"

    def take_slot(self, slot: str) -> None:
        """Write to ``slot`` from now on (a recovered one keeps its slot)."""
        if self.lock is not None:
            self.lock.unlock()
        self.slot = slot
        self._forget_slot()
        self.lock = QLockFile(str(self.folder / f"{slot}.lock"))
        self.lock.setStaleLockTime(0)
        if not self.lock.tryLock(100):
            log.warning("recovery slot %s is locked by another window", slot)

    def _forget_slot(self) -> None:
        """The next autosave writes the project whole."""
        self._slot_saved = None
        self._changes = []

    def _on_changed(self, change: Change) -> None:
        self._changes.append(change)
        self.dirty = True
        self.edits += 1
        if self.edits >= self.edits_per_save:
            self.save_if_dirty()

    def save_if_dirty(self) -> None:
        """Autosave in the background if anything changed since the last one."""
        if self.dirty and self.document.modified and self._job is None:
            self._start(background=True)

    def save_now(self) -> bool:
        """Autosave and wait for it; True if the recovery copy was written."""
        self.wait()
        return self._start(background=False)

    def _start(self, background: bool) -> bool:
        # The snapshot shares the immutable buildings, so later edits cannot
        # reach what the writer thread reads; it also keeps the store from taking
        # the recovery copy for the project's own file (the incremental save).
        project = self.document.project.snapshot()
        changes: list[Change] | None = None
        if self._slot_saved is not None:
            # the slot as the last autosave left it: only the edits since
            project.saved_file = self._slot_saved
            changes = self._changes
        self._slot_saved, self._changes = None, []
        note = {
            "source": str(self.document.path) if self.document.path else None,
            "project": project.name,
            "saved_at": time.time(),
        }
        self.dirty = False
        self.edits = 0
        job = _Job(self.path, self.note_path, self.generation)
        if not background:
            job.run(project, note, changes)
            return self._finish(job)
        self._job = job
        job.thread = threading.Thread(
            target=lambda: (job.run(project, note, changes), self._job_done.emit()),
            name="mixplan-autosave",
            daemon=True,
        )
        job.thread.start()
        return True

    def _on_job_done(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            self._finish(job)

    def _finish(self, job: _Job) -> bool:
        if job.generation != self.generation:
            # Saved or discarded meanwhile: this copy is already stale.
            job.path.unlink(missing_ok=True)
            job.note_path.unlink(missing_ok=True)
            return False
        if job.error is not None:
            self.dirty = True
            self._forget_slot()  # the next one writes the project whole
            self.failed.emit(job.error)
            return False
        self._slot_saved = job.saved
        log.info("autosaved to %s in %.0f ms", job.path, job.elapsed_ms)
        self.saved.emit(job.path)
        return True

    def wait(self) -> None:
        """Let a background autosave finish."""
        job = self._job
        if job is not None and job.thread is not None:
            job.thread.join()
            self._on_job_done()

    def discard(self) -> None:
        """Remove this window's recovery copy (after a save or an explicit discard)."""
        self.generation += 1
        self._forget_slot()
        self.path.unlink(missing_ok=True)
        self.note_path.unlink(missing_ok=True)
        self.dirty = False
        self.edits = 0

    def release(self) -> None:
        """Stop autosaving and drop the lock (the window closes normally)."""
        self.timer.stop()
        self.wait()
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None
        (self.folder / f"{self.slot}.lock").unlink(missing_ok=True)

    def abandon(self) -> None:
        """Behave as if the process died: keep the copy, drop the lock (tests)."""
        self.timer.stop()
        self.wait()
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None
