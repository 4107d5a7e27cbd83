"""Reference layers: vector data shown beneath the project, read but never edited.

Cadastral parcels, roads, PLU zoning, flood zones: any layer GDAL reads (through
:func:`mixplan.store.vector.read_layer`, with its size caps and one-line errors),
reprojected to the project's CRS. The project keeps a reference to the file, so a
file that moved is reported when the project opens, and nothing is copied in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mixplan.model.errors import MixplanError

__all__ = ["MAX_REFERENCE_FEATURES", "ReferenceLayer", "read_reference_layer"]

#: More features than this are refused: a reference layer is context for a site,
#: cut it to the site (or filter it in QGIS) first.
MAX_REFERENCE_FEATURES = 100_000


@dataclass(frozen=True)
class ReferenceLayer:
    """Geometries in the project's CRS and their attributes, row by row."""

    name: str
    geometries: np.ndarray  # shapely geometries, None where a feature has none
    fields: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    geometry_type: str

    def __len__(self) -> int:
        return len(self.geometries)

    def attributes(self, index: int) -> dict[str, object]:
        """The attributes of one feature, by field name."""
        return dict(zip(self.fields, self.rows[index], strict=True))


def read_reference_layer(
    source: str | Path, layer: str, project_crs: str, assumed_crs: str = ""
) -> ReferenceLayer:
    """Read a vector layer for display beneath the project.

    Parameters
    ----------
    source
        Any file GDAL reads (GeoPackage, shapefile, GeoJSON, FlatGeobuf, a zip…).
    layer
        Its layer name, or ``""`` when the file holds one layer.
    project_crs
        ``"EPSG:N"``: the geometries come back in it.
    assumed_crs
        The CRS to take when the file states none (else the project's).

    Raises
    ------
    MixplanError
        One line naming the file: missing, unreadable, over
        :data:`MAX_REFERENCE_FEATURES`, or in a CRS that cannot be reprojected.

    Examples
    --------
    >>> import tempfile, json, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = folder / "roads.geojson"
    >>> crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}}
    >>> _ = path.write_text(json.dumps({"type": "FeatureCollection", "crs": crs,
    ...     "features": [{"type": "Feature", "properties": {"nom": "Rue A"},
    ...      "geometry": {"type": "LineString", "coordinates": [[0, 0], [10, 0]]}}]}))
    >>> ref = read_reference_layer(path, "", "EPSG:2154")
    >>> len(ref), ref.attributes(0), ref.geometries[0].length
    (1, {'nom': 'Rue A'}, 10.0)
    """
    import shapely

    from mixplan.store.vector import ImportCaps, read_layer

    path = Path(source)
    if not path.exists():
        raise MixplanError("the reference layer's file is missing (moved?)", path)
    vector = read_layer(
        path, layer or None, None, ImportCaps(max_features=MAX_REFERENCE_FEATURES)
    )
    geometries = shapely.from_wkb(vector.wkb, on_invalid="ignore")
    source_crs = vector.crs or assumed_crs or project_crs
    if source_crs != project_crs:
        from pyproj import CRS, Transformer
        from pyproj.exceptions import CRSError, ProjError

        from mixplan.store.crs import PROJ_LOCK

        def reproject(xy: np.ndarray) -> np.ndarray:
            return np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))

        try:
            with PROJ_LOCK:
                from_crs = CRS.from_user_input(source_crs)
                to_crs = CRS.from_user_input(project_crs)
                if from_crs != to_crs:
                    transformer = Transformer.from_crs(from_crs, to_crs, always_xy=True)
                    geometries = shapely.transform(geometries, reproject)
        except (CRSError, ProjError) as exc:
            raise MixplanError(
                f"cannot reproject from the layer's CRS to {project_crs} ({exc})",
                path,
            ) from None
    names = tuple(vector.fields)
    columns = [vector.fields[n] for n in names]
    rows = tuple(
        tuple(_plain(column[i]) for column in columns) for i in range(len(vector))
    )
    return ReferenceLayer(
        vector.layer,
        np.asarray(geometries, dtype=object),
        names,
        rows,
        vector.geometry_type,
    )


def _plain(value: object) -> object:
    """A numpy scalar as the Python value a label shows."""
    if isinstance(value, np.generic):
        return value.item()
    return value
