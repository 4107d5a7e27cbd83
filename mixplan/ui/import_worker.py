"""Reading and planning an import off the GUI thread, for the import dialog.

:class:`ImportWorker` inspects a file (layers, fields, DXF layers) or plans its
import on a snapshot of the project; a worker abandoned by a closed dialog is
kept alive by a reaper until it finishes, so closing never waits for a file.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtGui import QPainterPath

from mixplan.model import Project
from mixplan.model.errors import MixplanError
from mixplan.ui.import_preview import paths_from_bytes, preview_bytes

log = logging.getLogger(__name__)

__all__ = ["ImportWorker", "inspect_preload", "inspect_source", "orphan"]


def inspect_source(path: Path) -> dict[str, Any]:
    """What a file holds: its kind, layers and each layer's fields (worker side)."""
    suffix = path.suffix.lower()
    if suffix == ".dxf":
        import ezdxf

        try:
            doc = ezdxf.readfile(path)
        except (OSError, ezdxf.DXFStructureError, UnicodeDecodeError) as exc:
            text = " ".join(str(exc).split())
            raise MixplanError(f"not a readable DXF file ({text})", path) from None
        closed: dict[str, int] = {}
        for polyline in doc.modelspace().query("LWPOLYLINE POLYLINE HATCH"):
            if polyline.dxftype() == "HATCH" or polyline.closed:
                closed[polyline.dxf.layer] = closed.get(polyline.dxf.layer, 0) + 1
        # Layers holding closed outlines first: those are the ones to map.
        ranked = sorted(closed, key=lambda name: -closed[name])
        return {"kind": "dxf", "layers": ranked, "closed": closed, "fields": {}}
    if (
        suffix in (".geojson", ".json")
        and path.is_file()
        and (path.stat().st_size < 64 * 1024**2)
    ):
        head = path.read_bytes()[:65536].decode("utf-8", "replace")
        if '"mixplan"' in head or '"kind"' in head:
            return {"kind": "mixplan", "layers": [], "fields": {}}
    import pyogrio

    from mixplan.store.vector import ImportCaps, layer_names, vsi_path

    gdal_path = vsi_path(path, ImportCaps())
    layers = layer_names(gdal_path, path)
    fields: dict[str, list[str]] = {}
    for name, _kind in layers:
        try:
            fields[name] = [
                str(f) for f in pyogrio.read_info(gdal_path, layer=name)["fields"]
            ]
        except Exception:  # noqa: BLE001 - a layer GDAL cannot describe: no fields
            fields[name] = []
    values = {name: field_values(gdal_path, name) for name in fields}
    return {
        "kind": "gis",
        "layers": [name for name, _ in layers],
        "fields": fields,
        "values": values,
    }


def inspect_preload(path: Path) -> tuple[str, ...]:
    """The reader :func:`inspect_source` needs for ``path``, imported here before
    the child is forked (see :func:`~mixplan.store.sandbox.run_bounded`).

    Only that one: importing ezdxf in the window's process is 0.2-0.9 s of
    Python competing with the window, needless for a GeoPackage. A GeoJSON is
    often a mixplan file, read as text: a GIS one's child imports GDAL itself.

    Examples
    --------
    >>> inspect_preload(Path("plan.DXF")), inspect_preload(Path("site.gpkg"))
    (('ezdxf',), ('pyogrio',))
    >>> inspect_preload(Path("scenario.geojson"))
    ()
    """
    suffix = path.suffix.lower()
    if suffix == ".dxf":
        return ("ezdxf",)
    return () if suffix in (".geojson", ".json") else ("pyogrio",)


#: features read to list a field's values for the filter picker
VALUE_SAMPLE = 2_000
#: values listed per field
MAX_VALUES = 50


def field_values(gdal_path: str, layer: str) -> dict[str, list[str]]:
    """Up to 50 distinct values of each text or whole-number field, from the
    layer's first 2,000 features (for the filter picker; worker side)."""
    import pyogrio.raw

    try:
        meta, _fids, _geometry, data = pyogrio.raw.read(
            gdal_path, layer=layer, read_geometry=False, max_features=VALUE_SAMPLE
        )
    except Exception:  # noqa: BLE001 - no values to offer, the import still works
        return {}
    out: dict[str, list[str]] = {}
    for name, column in zip(meta["fields"], data, strict=False):
        if column.dtype.kind not in "OUi":
            continue
        seen: dict[str, None] = {}
        for value in column:
            if value is None or value != value:  # None or NaN
                continue
            seen.setdefault(str(value), None)
            if len(seen) > MAX_VALUES:
                break
        if 0 < len(seen) <= MAX_VALUES:
            out[str(name)] = sorted(seen)
    return out


class ImportWorker(QThread):
    """Runs one job off the GUI thread: ``inspect`` a file or ``plan`` its import."""

    inspected = Signal(object)
    planned = Signal(object)
    failed = Signal(str, str)

    def __init__(
        self,
        job: str,
        path: Path,
        project: Project | None = None,
        options: Any = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"mixplan-import-{job}")
        self.job, self.path, self.project, self.options = job, path, project, options
        self.drawing: dict[str, QPainterPath] = {}

    def run(self) -> None:
        try:
            if self.job == "inspect":
                from mixplan.store.sandbox import run_bounded

                # GDAL and ezdxf in a child process: a hostile file costs seconds.
                self.inspected.emit(
                    run_bounded(
                        inspect_source,
                        self.path,
                        source=self.path,
                        preload=inspect_preload(self.path),
                    )
                )
            else:
                from mixplan.store.importing import plan_import

                assert self.project is not None
                # A mixplan GeoJSON planned and drawn in a child process: 1.2 s
                # of Python for 10,000 buildings, which the window's thread
                # waited on for the GIL (its longest stall 80-320 ms).
                plan = plan_import(
                    self.project,
                    self.path,
                    self.options,
                    apart=True,
                    draw=preview_bytes,
                    stop=self.isInterruptionRequested,
                )
                self.drawing = paths_from_bytes(plan.drawn)
                plan.drawn = None
                self.planned.emit(plan)
        except MixplanError as exc:
            self.failed.emit(exc.path or str(self.path), str(exc))
        except Exception as exc:  # noqa: BLE001 - shown to the user, logged in full
            log.exception("import of %s failed", self.path)
            self.failed.emit(str(self.path), f"{type(exc).__name__}: {exc}")


class _Reaper(QObject):
    """Keeps abandoned workers alive until they finish (a running QThread must
    not be destroyed), then deletes them; lives in the GUI thread."""

    def __init__(self) -> None:
        super().__init__()
        self.running: set[ImportWorker] = set()

    @Slot()
    def wait_all(self) -> None:
        for worker in list(self.running):
            worker.wait()

    @Slot()
    def reap(self) -> None:
        worker = self.sender()
        if isinstance(worker, ImportWorker) and worker in self.running:
            worker.wait()
            self.running.discard(worker)
            worker.deleteLater()


_reaper: _Reaper | None = None


def orphan(worker: ImportWorker) -> None:
    global _reaper
    if _reaper is None:
        _reaper = _Reaper()
        app = QCoreApplication.instance()
        if app is not None:
            # A QThread destroyed while running aborts the process at exit.
            app.aboutToQuit.connect(_reaper.wait_all)
    # Its result is dropped: a plan made apart is not waited for.
    worker.requestInterruption()
    worker.setParent(None)
    _reaper.running.add(worker)
    worker.finished.connect(_reaper.reap)
    if worker.isFinished():
        _reaper.running.discard(worker)
        worker.deleteLater()
