"""File operations of the main window: new, open, save, recovery, import, export.

Every failure becomes a dialog naming the file; the open project is never
replaced or changed by a failed operation. Questions to the user go through
small ``ask_*`` methods so tests can answer them without a modal dialog.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from mixplan.model import MixplanError, Project
from mixplan.store.errors import NotAProjectError
from mixplan.store.progress import Progress
from mixplan.ui.autosave import Recovery, find_recoveries
from mixplan.ui.errors import report_exception, show_error

log = logging.getLogger(__name__)

PROJECT_SUFFIX = ".mixplan.gpkg"
#: The window's attributes holding its file jobs: an open or a save, an export.
FILE_JOBS = ("_file_job", "_export_job")


def with_project_suffix(path: Path) -> Path:
    return (
        path
        if path.suffix.lower() == ".gpkg"
        else path.with_name(path.name + PROJECT_SUFFIX)
    )


class FileOperations:
    """Mixed into MainWindow (which provides document, settings, autosaver)."""

    def ask_unsaved(self) -> str:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("mixplan")
        box.setText(self.tr("Save the changes to {0}?").format(self.project_label()))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {
            QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard",
        }.get(QMessageBox.StandardButton(answer), "cancel")

    def ask_open_path(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a project"),
            str(self.last_folder()),
            self.tr("mixplan projects and GeoPackages (*.gpkg);;All files (*)"),
        )
        return Path(name) if name else None

    def ask_save_path(self) -> Path | None:
        start = self.document.path or self.last_folder() / (
            self.document.project.name + PROJECT_SUFFIX
        )
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the project as"),
            str(start),
            self.tr("mixplan projects (*.mixplan.gpkg)"),
        )
        return with_project_suffix(Path(name)) if name else None

    def ask_text(self, title: str, label: str, default: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label, text=default)
        return text.strip() if ok and text.strip() else None

    def ask_confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, "mixplan", question)
        return answer == QMessageBox.StandardButton.Yes

    def ask_recovery(self, recovery: Recovery) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(recovery.saved_at))
        source = str(recovery.source) if recovery.source else self.tr("never saved")
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Recover unsaved work"))
        if recovery.interrupted_save:
            text = self.tr(
                "A save of the project “{0}” was stopped at {1} before it could "
                "replace the file. Recover the version it had written?"
            )
        else:
            text = self.tr(
                "mixplan did not close normally. Recover the project "
                "“{0}” as autosaved at {1}?"
            )
        box.setText(text.format(recovery.project_name, when))
        box.setInformativeText(self.tr("Original file: {0}").format(source))
        recover = box.addButton(self.tr("Recover"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(
            self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        return (
            "recover"
            if clicked is recover
            else "discard"
            if clicked is discard
            else "later"
        )

    def ask_import_geopackage(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            "mixplan",
            self.tr(
                "{0} is a GeoPackage but not a mixplan project. Import its "
                "layers into the open project?"
            ).format(path.name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def last_folder(self) -> Path:
        last = self.settings.last_project()
        return last.parent if last is not None and last.parent.is_dir() else Path.home()

    def project_label(self) -> str:
        if self.document.path is not None:
            return self.document.path.name
        return self.document.project.name

    def settle_edits(self, timeout_ms: int = 120_000) -> None:
        """Let the edits that wait be applied: a move of many buildings being
        prepared and those behind it, or those a save under way holds.

        Whether the project has unsaved changes is known only then, and the
        project is not replaced under them (they would be lost, or applied to
        the project opened instead).
        """
        if not self.document.edits_held:
            return
        loop = QEventLoop()
        limit = QTimer()
        limit.setSingleShot(True)
        limit.timeout.connect(loop.quit)
        self.document.edits_held_changed.connect(loop.quit)
        limit.start(timeout_ms)
        try:
            while self.document.edits_held and limit.isActive():
                loop.exec()
        finally:
            self.document.edits_held_changed.disconnect(loop.quit)

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False means the user cancelled."""
        self.settle_edits()
        if not self.document.modified:
            return True
        answer = self.ask_unsaved()
        if answer == "save":
            if not self.save():
                return False
            self.wait_for_file_job(jobs=("_file_job",))  # the file written first
            return not self.document.modified
        if answer == "discard":
            self.autosaver.discard()
            return True
        return False

    def new_project(self) -> None:
        if not self.maybe_save():
            return
        self.autosaver.discard()
        self.document.replace_project(Project.new(self.tr("Untitled")), None)
        from mixplan.ui.project_settings import show_project_settings

        # A new project is named and given its CRS before anything else.
        show_project_settings(self)

    def open_dialog(self) -> None:
        path = self.ask_open_path()
        if path is not None:
            self.open_path(path)

    def export_busy(self) -> bool:
        """Whether an export is being written in the background."""
        return getattr(self, "_export_job", None) is not None

    def _export_queue(self) -> list[tuple]:  # type: ignore[type-arg]
        """The exports waiting for the one under way, oldest first."""
        if getattr(self, "_exports_waiting", None) is None:
            self._exports_waiting: list[tuple] = []  # type: ignore[type-arg]
        return self._exports_waiting

    def file_busy(self) -> bool:
        """Whether a project is being opened or saved in the background."""
        return getattr(self, "_file_job", None) is not None

    def wait_for_file_job(
        self, timeout_ms: int = 120_000, jobs: tuple[str, ...] = FILE_JOBS
    ) -> None:
        """Let the jobs under way end (their results applied): by default the
        open or save (``_file_job``) and the export (``_export_job``)."""
        for slot in jobs:
            # (An export queued behind the one under way starts as it ends.)
            while (job := getattr(self, slot, None)) is not None:
                job.wait(timeout_ms)
                # The job's result arrives as a queued signal: deliver it now.
                while getattr(self, slot, None) is job:
                    QApplication.processEvents()

    def _start_file_job(
        self, text, work, on_success, on_failure, steps=False, slot="_file_job"
    ) -> None:  # type: ignore[no-untyped-def]
        """Run ``work`` in a thread; with ``steps`` it reports its progress.

        ``slot``: the attribute holding the job, ``_file_job`` (opens and
        saves, one at a time) or ``_export_job`` (an export, which reads a
        snapshot and leaves the project file alone: an open or a save does not
        wait for it). Each slot has its bar in the status bar. An export
        started while one runs is queued and starts when it ends (waiting for
        it froze the window until then).
        """
        from mixplan.ui.file_jobs import FileJob, FileProgress

        if slot == "_export_job" and self.export_busy():
            self._export_queue().append((text, work, on_success, on_failure, steps))
            return
        self.wait_for_file_job(jobs=(slot,))
        progress = getattr(self, f"{slot}_progress", None)
        if progress is None:
            progress = FileProgress(self.statusBar())
            setattr(self, f"{slot}_progress", progress)
        job = FileJob(work, self, reports_progress=steps)
        setattr(self, slot, job)
        job.progressed.connect(progress.bar.setValue)

        def finish(handler, value) -> None:  # type: ignore[no-untyped-def]
            job.wait()
            setattr(self, slot, None)
            progress.stop()
            queued = self._export_queue() if slot == "_export_job" else []
            if queued:
                self._start_file_job(*queued.pop(0), slot=slot)
            try:
                handler(value)
            finally:
                job.deleteLater()

        job.succeeded.connect(lambda result: finish(on_success, result))
        job.failed.connect(lambda exc: finish(on_failure, exc))
        progress.start(text, steps)
        job.start()

    def open_path(self, path: Path, ask_to_save: bool = True) -> bool:
        """Open a project in the background; False if the user cancelled.

        The project is read in a thread (busy cursor, a bar in the status bar
        showing how far it has come); it replaces the open one when read.
        ``wait_for_file_job`` waits.
        """
        from mixplan.store import open_project

        path = Path(path)
        if ask_to_save and not self.maybe_save():
            return False
        edits = self.document.edits_told
        self._start_file_job(
            self.tr("Opening {0}…").format(path.name),
            lambda report: open_project(path, report),
            lambda project: self._opened(path, project, edits),
            lambda exc: self._open_failed(path, exc),
            steps=True,
        )
        return True

    def _open_failed(self, path: Path, error: Exception) -> None:
        try:
            raise error
        except NotAProjectError as exc:
            log.info("%s is not a mixplan project (%s)", path, exc)
            if self.ask_import_geopackage(path):
                self.import_file(path)
        except MixplanError as exc:
            self.settings.remove_recent_file(path)
            show_error(
                self,
                self.tr("Could not open {0}").format(path),
                str(exc),  # in the user's language (args[0] is the English)
            )
        except Exception as exc:  # noqa: BLE001 - any failure: a dialog, nothing lost
            report_exception(exc, self)

    def _opened(self, path: Path, project: Project, edits: int) -> None:
        """Show the project read from ``path`` instead of the open one.

        ``edits``: how many edits the open one had been told when the read
        began; if the user edited it meanwhile, they are asked again whether to
        save those changes (Cancel keeps it open, the read project let go).
        """
        self.settle_edits()
        if self.document.edits_told != edits and not self.maybe_save():
            self.statusBar().showMessage(
                self.tr("{0} was not opened: the open project was kept").format(
                    path.name
                ),
                8000,
            )
            return
        self.autosaver.discard()
        recovered = self.tell_opening_notes(project, path)
        self.document.replace_project(project, path.resolve(), recovered=recovered)
        self.settings.add_recent_file(path)
        self.statusBar().showMessage(self.tr("Opened {0}").format(path), 4000)
        opened = project.opened_file
        if opened is not None and opened.unsaved_copy is not None:
            self.offer_unsaved_copy(opened.unsaved_copy, path)

    def tell_opening_notes(self, project: Project, path: Path) -> bool:
        """Say how the file was read when it matters; True if from a recovered copy."""
        opened = project.opened_file
        if opened is None:
            return False
        log.warning("%s: %s", path, "; ".join(opened.notes))
        if opened.recovered:
            text = self.tr(
                "This project was being saved when a program stopped; it opened "
                "from a recovered copy — save to keep it."
            )
        elif opened.foreign_journal:
            text = self.tr(
                "The journal beside this project ({0}) is not its own: it was left "
                "alone and the project read as it is."
            ).format(f"{path.name}-journal")
        else:
            return False  # a newer unsaved copy alone: offered after opening
        show_error(self, text, str(path))
        return opened.recovered

    def ask_unsaved_copy(self, written_at: float) -> bool:
        """Whether to open the newer copy an interrupted save wrote (else keep)."""
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(written_at))
        box = QMessageBox(self)
        box.setObjectName("unsaved_copy_box")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Newer version found"))
        box.setText(
            self.tr(
                "A save of this project was stopped at {0} after writing a newer "
                "version, before it could replace the file. Open the newer version?"
            ).format(when)
        )
        box.setInformativeText(
            self.tr(
                "The version you do not choose is kept: the saved file stays as it "
                "is until you save; the newer version stays in the recovery folder."
            )
        )
        newer = box.addButton(
            self.tr("Open the newer version"), QMessageBox.ButtonRole.AcceptRole
        )
        newer.setObjectName("open_newer_copy")
        keep = box.addButton(
            self.tr("Keep the saved file"), QMessageBox.ButtonRole.RejectRole
        )
        keep.setObjectName("keep_saved_file")
        box.setDefaultButton(newer)
        box.exec()
        return box.clickedButton() is newer

    def offer_unsaved_copy(self, copy: Path, source: Path) -> bool:
        """Offer the newer copy an interrupted save of ``source`` wrote; True if taken.

        Taken, it opens as unsaved work on ``source`` (the file changes only when
        saved, and the copy goes then); kept, it is renamed in the recovery folder
        so that it is not offered again, and the status bar says where it is.
        """
        recovery = next(
            (r for r in find_recoveries() if _same_file(r.path, copy)), None
        )
        if recovery is None:
            return False
        if self.ask_unsaved_copy(recovery.saved_at) and self.recover(recovery):
            return True
        kept = keep_unsaved_copy(recovery, source)
        self.statusBar().showMessage(
            self.tr("The newer version is kept as {0}").format(kept), 15000
        )
        return False

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self.save_to(self.document.path)

    def save_as(self) -> bool:
        path = self.ask_save_path()
        if path is None:
            return False
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Save in the background: True once started (failures show a dialog).

        The thread reads the project itself (the store knows it by identity, to
        save one edit in place): edits made meanwhile wait
        (:meth:`ProjectDocument.hold_edits`) and are applied when it ends, so
        nothing changes under the thread and the file holds what was saved.
        """
        import mixplan.store as store

        path = Path(path)
        self.wait_for_file_job(jobs=("_file_job",))
        project = self.document.project
        changes = list(self.document.changes_since_save)
        keep_backup = self.settings.keep_backup()
        self.document.hold_edits()  # (the history dock waits too)
        self._start_file_job(
            self.tr("Saving {0}…").format(path.name),
            lambda report: store.save_project(
                project, path, changes=changes, backup=keep_backup, progress=report
            ),
            lambda _none: self._saved(path),
            lambda exc: self._save_failed(path, exc),
            steps=True,
        )
        return True

    def _release_edits(self) -> None:
        for refusal in self.document.release_edits():
            self.statusBar().showMessage(str(refusal), 8000)

    def _save_failed(self, path: Path, error: Exception) -> None:
        self._release_edits()
        detail = _failure_detail(error, "saving", path)
        show_error(self, self.tr("Could not save {0}").format(path), detail)

    def _saved(self, path: Path) -> None:
        self.document.mark_saved(path.resolve())
        self.autosaver.discard()
        self.settings.add_recent_file(path)
        self.statusBar().showMessage(self.tr("Saved {0}").format(path), 4000)
        self._release_edits()

    def offer_recovery(self, source: Path | None = None) -> bool:
        """Offer the newest recovery copy (of ``source`` if given); True if taken."""
        for recovery in find_recoveries():
            if source is not None and not _same_file(recovery.source, source):
                continue
            answer = self.ask_recovery(recovery)
            if answer == "recover" and self.recover(recovery):
                return True
            if answer == "discard":
                recovery.discard()
        return False

    def recover(self, recovery: Recovery) -> bool:
        from mixplan.store import open_project

        try:
            project = open_project(recovery.path)
        except Exception as exc:  # noqa: BLE001
            show_error(
                self, self.tr("Could not recover {0}").format(recovery.path), str(exc)
            )
            return False
        self.autosaver.discard()
        self.autosaver.take_slot(recovery.slot)
        self.document.replace_project(project, recovery.source, recovered=True)
        self.statusBar().showMessage(self.tr("Recovered unsaved work"), 6000)
        return True

    def import_file(self, path: Path | None = None) -> None:
        from mixplan.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.document, self, path=path)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _report: self.site_view.zoom_to_site())
        dialog.open()

    def export_scenario(self) -> None:
        scenario = self.document.current_scenario
        start = self.last_folder() / f"{self.document.project.name}-{scenario}"
        name, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the scenario"),
            str(start),
            "GeoJSON (*.geojson);;CSV (*.csv);;DXF (*.dxf)",
        )
        if name:
            self.export_to(Path(name), chosen)

    def export_to(self, path: Path, chosen_filter: str = "") -> bool:
        """Export the current scenario in the background: True once started.

        Written from a snapshot of the project taken now (edits made meanwhile
        are not in the file and need not wait), in a thread with the status
        bar's bar (a 10,000-building DXF takes 10-15 s, GeoJSON 2 s); the file
        is written whole or not at all, a failure shows a dialog naming it.
        Started while another export runs, it waits for it in a queue.
        ``wait_for_file_job`` waits (for the queue too).
        """
        suffix = path.suffix.lower()
        if suffix not in (".geojson", ".csv", ".dxf"):
            suffix = (
                "." + chosen_filter.split("(*.")[-1].rstrip(")")
                if "(*." in chosen_filter
                else ".geojson"
            )
            path = path.with_name(path.name + suffix)
        from mixplan.store.csv_export import write_csv
        from mixplan.store.dxf_export import write_dxf_apart
        from mixplan.store.geojson import write_geojson

        write: Callable[[Project, str, Path, Progress], None] = {
            ".geojson": write_geojson,
            ".csv": write_csv,
            ".dxf": write_dxf_apart,
        }[suffix]
        project = self.document.project.snapshot()
        scenario = self.document.current_scenario
        if self.export_busy():
            self.statusBar().showMessage(
                self.tr("{0} is exported once the export under way is written").format(
                    path.name
                )
            )
        self._start_file_job(
            self.tr("Exporting {0}…").format(path.name),
            lambda report: write(project, scenario, path, report),
            lambda _none: self.statusBar().showMessage(
                self.tr("Exported {0}").format(path), 4000
            ),
            lambda exc: self._export_failed(path, exc),
            steps=True,
            slot="_export_job",
        )
        return True

    def _export_failed(self, path: Path, error: Exception) -> None:
        detail = _failure_detail(error, "export to", path)
        show_error(self, self.tr("Could not export to {0}").format(path), detail)

    def export_report(self) -> None:
        from mixplan.ui.report_export import export_report

        export_report(self, self.document)


def _failure_detail(error: Exception, doing: str, path: Path) -> str:
    """What a dialog says of a file job's failure: our errors in the user's
    language, anything else by its type (and logged with its traceback)."""
    if isinstance(error, MixplanError):
        return str(error)
    log.error("%s %s failed", doing, path, exc_info=error)
    return f"{type(error).__name__}: {error}"


def keep_unsaved_copy(recovery: Recovery, source: Path) -> Path:
    """Rename a recovery copy the user chose not to open, so it is not offered again.

    It becomes ``NAME (unsaved YYYY-MM-DD HH-MM).mixplan.gpkg`` in the recovery
    folder, its note removed; never deleted.
    """
    when = time.strftime("%Y-%m-%d %H-%M", time.localtime(recovery.saved_at))
    stem = source.name.removesuffix(".gpkg").removesuffix(".mixplan")
    kept = recovery.path.with_name(f"{stem} (unsaved {when}).mixplan.gpkg")
    number = 1
    while kept.exists():
        number += 1
        kept = kept.with_name(f"{stem} (unsaved {when}, {number}).mixplan.gpkg")
    try:
        recovery.path.rename(kept)
    except OSError:
        return recovery.path  # it stays a recovery copy, offered at next start
    recovery.note_path.unlink(missing_ok=True)
    return kept


def _same_file(a: Path | None, b: Path) -> bool:
    try:
        return a is not None and a.resolve() == b.resolve()
    except OSError:
        return False
