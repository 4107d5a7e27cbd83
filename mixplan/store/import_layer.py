"""Features of a GIS layer to buildings, ground cover or a site name.

Ids come from the layer's id field when its values are unique, else from the
feature ids; a multipolygon feature gives one building per part, sharing its
attributes, with ids suffixed ``-1``, ``-2``…. Levels and uses come from the
``bdtopo`` preset or from the field options (``--height-field``,
``--levels-field``, ``--use-field``/``--use-map``, ``--default-use``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from shapely.geometry import MultiPolygon, Polygon

from mixplan.model.errors import MixplanError
from mixplan.model.geometry import Areal
from mixplan.model.phasing import Phase
from mixplan.model.project import COVER_TYPES, Building, GroundCover
from mixplan.store.bdtopo import BDTOPO_ATTRIBUTES, bdtopo_facts, looks_like_bdtopo
from mixplan.store.field_mapping import (
    BuildingFacts,
    check_cover_type,
    clean_height,
    clean_level_count,
    levels_for,
    parse_use_map,
)
from mixplan.store.import_report import ImportReport
from mixplan.store.vector import VectorLayer

if TYPE_CHECKING:
    from mixplan.model.project import Project
    from mixplan.store.importing import ImportOptions

__all__ = [
    "BuildingRecord",
    "ImportContent",
    "building_records",
    "cover_records",
    "feature_ids",
    "site_name",
]

_ID_FIELDS = ("id", "cleabs", "fid", "identifiant", "bbl", "building_id", "osm_id")
_NAME_FIELDS = ("name", "toponyme", "libelle", "nom")


@dataclass
class ImportContent:
    """What an import adds: building records, ground cover, a site boundary."""

    buildings: list[BuildingRecord] | None = None
    cover: list[GroundCover] | None = None
    site: Areal | None = None
    site_name: str | None = None
    #: Phases a mixplan GeoJSON names, and the baseline buildings it removes
    #: with their demolition phase (DESIGN §16).
    phases: list[Phase] = field(default_factory=list)
    demolitions: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.buildings = self.buildings or []
        self.cover = self.cover or []


@dataclass(frozen=True)
class BuildingRecord:
    """A building to import and how its levels and use were obtained."""

    building: Building
    levels_how: str
    use_basis: str = ""
    unmapped: str | None = None
    split_from: str | None = None


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return None
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))  # an id or code stored as a real: 4026320005.0
    text = str(value).strip()
    return text or None


def feature_ids(layer: VectorLayer) -> list[str]:
    """One unique id per feature: the id field's values if unique, else ``layer-fid``.

    Examples
    --------
    >>> layer = VectorLayer("f", "lots", "GPKG", None, None, "Polygon",
    ...     np.array([1, 2]), np.array([None, None]), {"ID": np.array(["a", "b"])})
    >>> feature_ids(layer)
    ['a', 'b']
    """
    by_name = {name.casefold(): name for name in layer.fields}
    for candidate in _ID_FIELDS:
        name = by_name.get(candidate)
        if name is None:
            continue
        values = [_text(v) for v in layer.fields[name]]
        if all(values) and len(set(values)) == len(values):
            return [str(v) for v in values]
    prefix = layer.layer.strip().replace(" ", "_") or "feature"
    return [f"{prefix}-{int(fid)}" for fid in layer.fids]


def _name_column(layer: VectorLayer) -> np.ndarray | None:
    by_name = {name.casefold(): name for name in layer.fields}
    for candidate in _NAME_FIELDS:
        if candidate in by_name:
            return layer.fields[by_name[candidate]]
    return None


def site_name(layer: VectorLayer, parts: list[list[Polygon]]) -> str:
    """The site's name: the name field when the used features share one value."""
    column = _name_column(layer)
    if column is None:
        return ""
    names = {_text(column[i]) for i, p in enumerate(parts) if p}
    names.discard(None)
    return names.pop() if len(names) == 1 else ""  # type: ignore[return-value]


def _part_ids(feature_id: str, parts: list[Polygon]) -> list[str]:
    if len(parts) == 1:
        return [feature_id]
    return [f"{feature_id}-{n}" for n in range(1, len(parts) + 1)]


def _column(layer: VectorLayer, name: str | None) -> np.ndarray | None:
    return None if name is None else layer.fields[layer.field_named(name)]


def building_records(
    layer: VectorLayer,
    ids: list[str],
    parts: list[list[Polygon]],
    options: ImportOptions,
    report: ImportReport,
) -> list[BuildingRecord]:
    """Buildings from polygon features, with levels and uses from the attributes."""
    default_use = options.default_use or "unassigned"
    use_map = parse_use_map(options.use_map)
    preset = options.preset
    if preset == "auto":
        preset = "bdtopo" if looks_like_bdtopo(list(layer.fields)) else "generic"
    report.preset = preset
    if preset == "bdtopo":
        missing = [
            f
            for f in ("HAUTEUR", "NB_ETAGES", "USAGE1", "NATURE")
            if f.casefold() not in {n.casefold() for n in layer.fields}
        ]
        if missing:
            raise MixplanError(
                f"--preset bdtopo: the layer has no {', '.join(missing)}"
                " field (is it BD TOPO BATIMENT?)",
                layer.path,
            )
        upper = {
            name.upper(): col.tolist()
            for name, col in layer.fields.items()
            if name.upper() in BDTOPO_ATTRIBUTES
        }
    heights = _values(_column(layer, options.height_field))
    counts = _values(_column(layer, options.levels_field))
    uses = _values(_column(layer, options.use_field))
    use_of_value: dict[Any, tuple[str, str, str | None]] = {}
    # BD TOPO's NOM is the commune's name, not the building's.
    names = None if preset == "bdtopo" else _name_column(layer)
    records: list[BuildingRecord] = []
    for i, feature_parts in enumerate(parts):
        if not feature_parts:
            continue
        unmapped = None
        common_parts = True
        if preset == "bdtopo":
            record = {key: col[i] for key, col in upper.items()}
            # One dwelling: a house, with no internal common parts (R111-22 8°).
            common_parts = clean_level_count(record.get("NB_LOGTS")) != 1
            facts, basis = bdtopo_facts(record, default_use, use_map)
            if heights is not None:
                facts = _with(facts, height_m=clean_height(heights[i]))
            if counts is not None:
                facts = _with(facts, levels=clean_level_count(counts[i]))
        else:
            use, basis, unmapped = default_use, "default", None
            if uses is not None:
                raw = uses[i]
                if raw not in use_of_value:
                    use_of_value[raw] = _map_use(
                        raw, use_map, default_use, options.use_field or ""
                    )
                use, basis, unmapped = use_of_value[raw]
            facts = BuildingFacts(
                use,
                clean_height(heights[i]) if heights is not None else None,
                clean_level_count(counts[i]) if counts is not None else None,
            )
        levels, how = levels_for(facts)
        name = _text(names[i]) if names is not None else None
        for part_id, polygon in zip(
            _part_ids(ids[i], feature_parts), feature_parts, strict=True
        ):
            building = Building(
                part_id, name or part_id, polygon, levels, common_parts=common_parts
            )
            split_from = ids[i] if len(feature_parts) > 1 else None
            records.append(BuildingRecord(building, how, basis, unmapped, split_from))
    return records


def _values(column: np.ndarray | None) -> list[Any] | None:
    return None if column is None else column.tolist()


def _map_use(
    raw: Any, use_map: dict[str, str], default_use: str, field: str
) -> tuple[str, str, str | None]:
    """``(use, basis, unmapped value)`` of one value of the use field."""
    value = _text(raw)
    key = value.casefold() if value else None
    if key is not None and key in use_map:
        return use_map[key], field, None
    if value is not None and not use_map and _is_use(value):
        return value, field, None
    return default_use, "default", value if value is not None else "(empty)"


def _with(facts: BuildingFacts, **changes: Any) -> BuildingFacts:
    from dataclasses import replace

    kept = {k: v for k, v in changes.items() if v is not None}
    return replace(facts, **kept) if kept else facts


def _is_use(value: str) -> bool:
    from mixplan.model.uses import USES

    return value in USES


def cover_records(
    layer: VectorLayer,
    ids: list[str],
    parts: list[list[Polygon]],
    options: ImportOptions,
    report: ImportReport,
    project: Project,
) -> list[GroundCover]:
    """Ground cover from polygon features; the surface type from the options.

    ``--use-field F --use-map v=open_soil,…`` maps values to surface types and
    ``--default-use TYPE`` gives the type of the rest; with neither, the import is
    refused rather than guessing a surface.
    """
    cover_map = parse_use_map(options.use_map, allowed=COVER_TYPES)
    default = check_cover_type(options.default_use) if options.default_use else None
    values = _column(layer, options.use_field)
    if default is None and not cover_map:
        raise MixplanError(
            "--as cover: say which surface with --default-use TYPE or "
            "--use-field F --use-map value=TYPE,… (types: "
            + ", ".join(COVER_TYPES)
            + ")",
            layer.path,
        )
    site = project.site.boundary if (options.clip_to_site and project.site) else None
    if options.clip_to_site and site is None:
        raise MixplanError("--clip-to-site: the project has no site yet", layer.path)
    covers = []
    for i, feature_parts in enumerate(parts):
        if not feature_parts:
            continue
        value = _text(values[i]) if values is not None else None
        surface = cover_map.get(value.casefold()) if value else None
        if surface is None:
            if default is None:
                report.skipped(ids[i], f"surface {value!r} not in --use-map")
                continue
            surface = default
            if value is not None:
                report.unmapped_values[value] += 1
        geometry: Any = (
            feature_parts[0]
            if len(feature_parts) == 1
            else (MultiPolygon(feature_parts))
        )
        if site is not None:
            from mixplan.store.repair import polygon_parts

            clipped = polygon_parts(geometry.intersection(site))
            clipped = [p for p in clipped if p.area >= 0.01]
            if not clipped:
                report.outside_site += 1
                continue
            geometry = clipped[0] if len(clipped) == 1 else MultiPolygon(clipped)
        covers.append(GroundCover(ids[i], surface, geometry))
        report.uses[surface] += 1
    if site is not None:
        report.notes.append("ground cover is cut along the site boundary")
    return covers
