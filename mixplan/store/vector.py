"""Reading GIS vector layers with pyogrio (GDAL): layers, encoding, caps, zips.

This module only reads: it turns a source file into a :class:`VectorLayer` (WKB
geometries, attribute columns, CRS, encoding) and never writes beside the source.
Everything that can go wrong with a user's file becomes a
:class:`~mixplan.model.errors.MixplanError` naming it: a zip with ``../`` paths,
several layers and no ``--layer``, a bad ``--where``, a file over the size caps,
bytes that GDAL cannot read.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np

from mixplan.model.errors import MixplanError

__all__ = [
    "ImportCaps",
    "VectorLayer",
    "layer_names",
    "read_layer",
    "vsi_path",
]

_SHAPEFILE_PARTS = (
    ".shp",
    ".dbf",
    ".shx",
    ".prj",
    ".cpg",
    ".qix",
    ".sbn",
    ".sbx",
    ".qmd",
    ".shp.xml",
)
_SIDECARS = (".xml", ".txt", ".pdf", ".html", ".htm", ".md", ".qml", ".sld", ".lyr")


@dataclass(frozen=True)
class ImportCaps:
    """Size limits of one import (a clear refusal beats a frozen machine)."""

    max_file_bytes: int = 2 * 1024**3
    max_features: int = 250_000
    max_vertices: int = 100_000
    #: GeoJSON up to this size is parsed in Python to recognise the mixplan
    #: profile; bigger files are recognised by their first 64 KiB.
    max_json_bytes: int = 32 * 1024**2


@dataclass
class VectorLayer:
    """One layer read from a source: geometries as WKB, attributes as columns."""

    path: str
    layer: str
    driver: str
    crs: str | None
    encoding: str | None
    geometry_type: str
    fids: np.ndarray
    wkb: np.ndarray
    fields: dict[str, np.ndarray] = field(default_factory=dict)
    encoding_note: str | None = None
    gdal_warnings: list[str] = field(default_factory=list)
    #: A shapefile whose .dbf lists fewer records than its .shp holds shapes.
    shape_mismatch: str | None = None
    #: The layer is a view of a GeoPackage (the file's own SQL was run).
    view_note: str | None = None

    def __len__(self) -> int:
        return len(self.wkb)

    def field_named(self, name: str) -> str:
        """The actual name of a field, matched case-insensitively, or an error."""
        for candidate in self.fields:
            if candidate.casefold() == name.casefold():
                return candidate
        raise MixplanError(
            f"layer {self.layer!r} has no field {name!r}; fields: "
            + ", ".join(self.fields),
            self.path,
        )


def human_size(size: int) -> str:
    """A byte count for people.

    Examples
    --------
    >>> human_size(1000), human_size(3 * 1024**3)
    ('1,000 bytes', '3.0 GiB')
    """
    if size < 1024**2:
        return f"{size:,} bytes"
    if size < 1024**3:
        return f"{size / 1024**2:.1f} MiB"
    return f"{size / 1024**3:.1f} GiB"


def _unsafe_member(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return (
        name.startswith(("/", "\\"))
        or ".." in parts
        or (len(name) > 1 and name[1] == ":")
    )


def vsi_path(source: Path, caps: ImportCaps) -> str:
    """The GDAL path of a source: the file itself, or ``/vsizip/`` for a zip.

    A zip is refused when a member path climbs out of it (``../``) or is absolute,
    or when it would unpack to more than the file-size cap. Nothing is extracted.
    """
    if not source.exists():
        raise MixplanError("no such file", source)
    if source.is_dir():
        return str(source)
    size = source.stat().st_size
    if size > caps.max_file_bytes:
        raise MixplanError(
            f"file is {human_size(size)}, over the import cap of "
            f"{human_size(caps.max_file_bytes)}",
            source,
        )
    if size == 0:
        raise MixplanError("file is empty", source)
    if source.suffix.lower() != ".zip":
        return str(source)
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise MixplanError(f"not a readable zip archive ({exc})", source) from None
    unsafe = [m.filename for m in members if _unsafe_member(m.filename)]
    if unsafe:
        raise MixplanError(
            f"zip refused: member path {unsafe[0]!r} points outside the archive",
            source,
        )
    if sum(m.file_size for m in members) > caps.max_file_bytes:
        raise MixplanError("zip refused: it unpacks beyond the import size cap", source)
    files = [m.filename for m in members if not m.is_dir()]
    shapefiles = [f for f in files if f.lower().endswith(".shp")]
    others = [
        f for f in files if Path(f).suffix.lower() not in _SHAPEFILE_PARTS + _SIDECARS
    ]
    base = f"/vsizip/{source.resolve()}"
    if len(shapefiles) == 1 and not others:
        return f"{base}/{shapefiles[0]}"
    if len(others) == 1 and not shapefiles:
        return f"{base}/{others[0]}"
    folders = {str(PurePosixPath(f).parent) for f in shapefiles}
    if shapefiles and not others and len(folders) == 1 and folders != {"."}:
        return f"{base}/{folders.pop()}"
    return base


def _gdal_error(exc: Exception, source: Path | str) -> MixplanError:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    text = re.sub(r"'[^']*' ", "", text.split("; ")[0]).rstrip(".")
    if "failed: " in text:  # SQLite errors quote the whole statement first
        text = text.rsplit("failed: ", 1)[1]
    return MixplanError(f"cannot read this file as GIS data ({text})", source)


def layer_names(gdal_path: str, source: Path) -> list[tuple[str, str]]:
    """``(name, geometry type)`` of every layer of a source."""
    import pyogrio

    try:
        layers = pyogrio.list_layers(gdal_path)
    except Exception as exc:  # noqa: BLE001 - GDAL raises many types for bad bytes
        raise _gdal_error(exc, source) from None
    return [(str(name), str(kind)) for name, kind in layers]


def _choose_layer(gdal_path: str, source: Path, layer: str | None) -> str:
    layers = layer_names(gdal_path, source)
    if not layers:
        raise MixplanError(
            "holds no layer GDAL can read (truncated, or not GIS data?)", source
        )
    names = [name for name, _ in layers]
    if layer is not None:
        for name in names:
            if name == layer or name.casefold() == layer.casefold():
                return name
        raise MixplanError(f"no layer {layer!r}; layers: {', '.join(names)}", source)
    polygonal = [name for name, kind in layers if "polygon" in kind.lower()]
    candidates = polygonal or names
    if len(candidates) == 1:
        return candidates[0]
    listing = ", ".join(f"{name} ({kind})" for name, kind in layers)
    raise MixplanError(
        f"holds {len(layers)} layers; choose one with --layer: {listing}", source
    )


def _dbf_bytes(gdal_path: str, layer: str) -> bytes | None:
    """The records of a shapefile's DBF (a prefix), read directly or from a zip."""
    limit = 4 * 1024**2
    if gdal_path.startswith("/vsizip/"):
        zip_part = gdal_path[len("/vsizip/") :]
        archive_path = (
            zip_part
            if zip_part.lower().endswith(".zip")
            else (zip_part[: zip_part.lower().index(".zip") + 4])
        )
        try:
            with zipfile.ZipFile(archive_path) as archive:
                for name in archive.namelist():
                    stem = PurePosixPath(name)
                    if stem.stem == layer and stem.suffix.lower() == ".cpg":
                        return None
                for name in archive.namelist():
                    stem = PurePosixPath(name)
                    if stem.stem == layer and stem.suffix.lower() == ".dbf":
                        with archive.open(name) as fh:
                            return fh.read(limit)
        except (OSError, zipfile.BadZipFile):
            return None
        return None
    base = Path(gdal_path)
    folder = base if base.is_dir() else base.parent
    for suffix in (".cpg", ".CPG"):
        if (folder / f"{layer}{suffix}").exists():
            return None
    for suffix in (".dbf", ".DBF"):
        dbf = folder / f"{layer}{suffix}"
        if dbf.exists():
            with dbf.open("rb") as fh:
                return fh.read(limit)
    return None


def _shapefile_encoding(gdal_path: str, layer: str) -> tuple[str | None, str | None]:
    """Encoding for a shapefile with no ``.cpg``: UTF-8 when its text decodes as such.

    GDAL falls back to ISO-8859-1 without a ``.cpg``, which turns BD TOPO's UTF-8
    "Résidentiel" into "RÃ©sidentiel". The DBF records are checked: valid UTF-8
    with non-ASCII bytes is UTF-8; otherwise GDAL's own choice stands.
    """
    records = _dbf_bytes(gdal_path, layer)
    if records is None or len(records) < 32:
        return None, None
    header_size = int.from_bytes(records[8:10], "little")
    body = records[header_size:]
    if body.isascii():
        return None, None
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A prefix may cut a character in two; only an error well inside counts.
        if exc.start < len(body) - 4:
            return None, "text is not UTF-8: the encoding GDAL declares is used"
    return "UTF-8", "no .cpg file: text read as UTF-8 (it decodes as UTF-8)"


def _shapes_in_index(gdal_path: str, layer: str) -> int | None:
    """How many shapes a shapefile's ``.shx`` index lists (100-byte header, 8 each).

    GDAL reads as many features as the ``.dbf`` header claims: a ``.dbf`` that
    says 3 records beside a ``.shp`` of 60 shapes silently imports 3.
    """
    size: int | None = None
    if gdal_path.startswith("/vsizip/"):
        zip_part = gdal_path[len("/vsizip/") :]
        archive_path = zip_part[: zip_part.lower().index(".zip") + 4]
        try:
            with zipfile.ZipFile(archive_path) as archive:
                for info in archive.infolist():
                    name = PurePosixPath(info.filename)
                    if name.stem == layer and name.suffix.lower() == ".shx":
                        size = info.file_size
        except (OSError, zipfile.BadZipFile, ValueError):
            return None
    else:
        base = Path(gdal_path)
        folder = base if base.is_dir() else base.parent
        for suffix in (".shx", ".SHX"):
            index = folder / f"{layer}{suffix}"
            if index.is_file():
                size = index.stat().st_size
                break
    if size is None or size < 100:
        return None
    return (size - 100) // 8


def _is_view(gdal_path: str, layer: str) -> bool:
    """Whether a GeoPackage layer is a view, asked without changing the file."""
    from mixplan.store.sqlite_guard import (
        open_copy,
        open_in_place,
        read_header,
        side_files,
    )

    path = Path(gdal_path)
    try:
        header, _ = read_header(path)
        side = side_files(path, header)
        database = (
            open_copy(path, side, with_journal=False, budget_s=2.0)
            if side.any
            else open_in_place(path, budget_s=2.0)
        )
        try:
            row = database.connection.execute(
                "SELECT type FROM sqlite_master WHERE name = ?", (layer,)
            ).fetchone()
        finally:
            database.close()
    except Exception:  # noqa: BLE001 - only a note depends on it
        return False
    return row is not None and row[0] == "view"


#: Features read per call on big layers: GDAL holds the GIL while it reads, so
#: reading in slices keeps a window responsive while a worker thread imports.
READ_CHUNK = 8_192


def _read_in_chunks(
    gdal_path: str, layer: str, encoding: str | None, count: int
) -> tuple[Any, Any, Any, Any]:
    from pyogrio.raw import read

    parts = [
        read(
            gdal_path,
            layer=layer,
            encoding=encoding,
            force_2d=True,
            return_fids=True,
            skip_features=start,
            max_features=READ_CHUNK,
        )
        for start in range(0, count, READ_CHUNK)
    ]
    meta = parts[0][0]
    fids = np.concatenate([p[1] for p in parts])
    wkb = np.concatenate([p[2] for p in parts])
    columns = [
        np.concatenate([p[3][i] for p in parts]) for i in range(len(meta["fields"]))
    ]
    return meta, fids, wkb, columns


def read_layer(
    source: Path,
    layer: str | None,
    where: str | None,
    caps: ImportCaps,
) -> VectorLayer:
    """Read one polygon layer of a GIS source (all GDAL formats, zips included).

    Parameters
    ----------
    source
        The file (or a folder of shapefiles, or a zip of them).
    layer
        Layer name; required when the source holds several polygon layers.
    where
        An OGR SQL ``WHERE`` clause filtering the features.
    caps
        Size limits; exceeding one is an error, not a truncation.

    Raises
    ------
    MixplanError
        For any problem with the file, naming it.
    """
    import pyogrio
    from pyogrio.raw import read

    gdal_path = vsi_path(source, caps)
    name = _choose_layer(gdal_path, source, layer)
    try:
        info: dict[str, Any] = pyogrio.read_info(gdal_path, layer=name)
    except Exception as exc:  # noqa: BLE001
        raise _gdal_error(exc, source) from None
    encoding, note = None, None
    if info.get("driver") == "ESRI Shapefile":
        encoding, note = _shapefile_encoding(gdal_path, name)
    count = int(info.get("features") or 0)
    if count > caps.max_features and not where:
        raise MixplanError(
            f"layer {name!r} has {count:,} features, over the cap of "
            f"{caps.max_features:,} (filter with --where)",
            source,
        )
    seekable = bool((info.get("capabilities") or {}).get("fast_set_next_by_index"))
    chunked = seekable and not where and count > 2 * READ_CHUNK
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if chunked:
                meta, fids, wkb, columns = _read_in_chunks(
                    gdal_path, name, encoding, count
                )
            else:
                meta, fids, wkb, columns = read(
                    gdal_path,
                    layer=name,
                    where=where or None,
                    encoding=encoding,
                    force_2d=True,
                    return_fids=True,
                )
    except Exception as exc:  # noqa: BLE001
        if where:
            text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise MixplanError(
                f"--where {where!r} is refused by GDAL ({text})", source
            ) from None
        raise _gdal_error(exc, source) from None
    if len(wkb) > caps.max_features:
        raise MixplanError(
            f"{len(wkb):,} features selected, over the cap of {caps.max_features:,}",
            source,
        )
    fields = {str(n): col for n, col in zip(meta["fields"], columns, strict=True)}
    if info.get("driver") == "GPKG" and _is_view(gdal_path, name):
        view_note = (
            f"layer {name!r} is a view of the GeoPackage: its own SQL was run to "
            "read it (stopped past the time limit)"
        )
    else:
        view_note = None
    mismatch = None
    if info.get("driver") == "ESRI Shapefile" and not where:
        shapes = _shapes_in_index(gdal_path, name)
        if shapes is not None and shapes > len(wkb):
            mismatch = (
                f"the .dbf lists {len(wkb):,} records but the .shp holds "
                f"{shapes:,} shapes: {shapes - len(wkb):,} shapes were dropped "
                "(repair the .dbf)"
            )
    return VectorLayer(
        path=str(source),
        layer=name,
        driver=str(info.get("driver") or ""),
        crs=meta.get("crs") or info.get("crs"),
        encoding=meta.get("encoding") or encoding,
        geometry_type=str(info.get("geometry_type") or ""),
        fids=np.asarray(fids) if fids is not None else np.arange(len(wkb)),
        wkb=wkb,
        fields=fields,
        encoding_note=note,
        gdal_warnings=sorted({str(w.message).split(". ")[0] for w in caught}),
        view_note=view_note,
        shape_mismatch=mismatch,
    )
