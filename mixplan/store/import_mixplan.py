"""The mixplan GeoJSON profile (DESIGN §7) as an import source.

Recognised by its ``mixplan`` member (or features with ``properties.kind``), read
by :mod:`mixplan.store.geojson_reader` and reprojected when its CRS is not the
project's; ``--as`` keeps only the site, the buildings or the cover.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shapely

from mixplan.model.errors import MixplanError
from mixplan.model.project import Project
from mixplan.store.import_layer import BuildingRecord, ImportContent
from mixplan.store.import_report import ImportReport

if TYPE_CHECKING:
    from mixplan.store.importing import ImportOptions

__all__ = ["content_from_mixplan", "mixplan_document"]


def mixplan_document(source: Path, options: ImportOptions) -> dict[str, Any] | None:
    """The decoded JSON when ``source`` is a mixplan GeoJSON, else ``None``."""
    wanted = options.preset == "mixplan"
    if options.preset not in ("auto", "mixplan"):
        return None
    if source.suffix.lower() not in (".geojson", ".json") and not wanted:
        return None
    if not source.is_file():
        raise MixplanError("no such file", source)
    from mixplan.store.geojson_reader import read_json_document

    size = source.stat().st_size
    if size > options.caps.max_json_bytes and not wanted:
        # Parsing a big GIS GeoJSON in Python would cost ten times its size in
        # memory: only a file that names the profile near its start is parsed.
        with source.open("rb") as fh:
            if b'"mixplan"' not in fh.read(65536):
                return None
    doc = read_json_document(source)
    features = doc.get("features") if isinstance(doc, dict) else None
    is_mixplan = isinstance(doc, dict) and (
        "mixplan" in doc
        or (
            isinstance(features, list)
            and any(
                isinstance(f, dict)
                and isinstance(f.get("properties"), dict)
                and f["properties"].get("kind") in ("site", "building", "cover")
                for f in features
            )
        )
    )
    if wanted and not is_mixplan:
        raise MixplanError("not a mixplan GeoJSON (no 'mixplan' member)", source)
    return doc if is_mixplan else None


def content_from_mixplan(
    project: Project,
    doc: dict[str, Any],
    source: Path,
    options: ImportOptions,
    report: ImportReport,
) -> ImportContent:
    from mixplan.store.geojson_reader import geojson_to_content

    content = geojson_to_content(doc, source)
    report.format = "mixplan GeoJSON"
    report.preset = "mixplan"
    features = doc.get("features") or []
    report.features_read = len(features)
    crs = options.crs or content.crs
    if crs is None:
        raise MixplanError(
            "the file names no CRS; name it with --crs (e.g. --crs EPSG:2154)", source
        )
    report.source_crs = crs
    report.project_crs = project.crs
    if crs != project.crs:
        _reproject_content(content, crs, project.crs, report)
    kind = options.kind
    out = ImportContent()
    if kind in (None, "buildings"):
        out.buildings = [
            BuildingRecord(b, "from the file", "file") for b in content.buildings
        ]
        out.phases = list(content.phases)
        out.demolitions = dict(content.demolitions)
    if kind in (None, "cover"):
        out.cover = list(content.cover)
    if kind in (None, "site") and content.site is not None:
        out.site, out.site_name = content.site.boundary, content.site.name
    if kind == "site" and content.site is None:
        raise MixplanError("the file holds no site feature", source)
    report.kind = kind or "everything"
    return out


def _reproject_content(content: Any, src: str, dst: str, report: ImportReport) -> None:
    from pyproj import Transformer
    from pyproj.exceptions import CRSError

    try:
        transformer = Transformer.from_crs(src, dst, always_xy=True)
    except CRSError:
        raise MixplanError(f"the file's CRS {src} is not one pyproj knows") from None

    def move(geom: Any) -> Any:
        if geom is None:
            return None
        return shapely.transform(
            geom, lambda c: _stack(*transformer.transform(c[:, 0], c[:, 1]))
        )

    content.buildings = [
        replace(
            b,
            footprint=move(b.footprint),
            levels=tuple(replace(lv, polygon=move(lv.polygon)) for lv in b.levels),
        )
        for b in content.buildings
    ]
    content.cover = [replace(c, geometry=move(c.geometry)) for c in content.cover]
    if content.site is not None:
        content.site = replace(content.site, boundary=move(content.site.boundary))
    report.reprojected_from = src


def _stack(x: Any, y: Any) -> Any:
    import numpy as np

    return np.column_stack([x, y])
