"""Floor areas of a scenario as CSV: one row per building × level × use.

The file is UTF-8 with a byte-order mark, comma-separated, with a point as decimal
mark and CRLF line ends: Excel (any locale, through *Data › From Text/CSV*),
LibreOffice, pandas and QGIS all read it, and the BOM makes Excel show accents
correctly.

Columns::

    scenario, building_id, building_name, level_index, level_height_m, use,
    use_label_fr, family, share, gross_m2, sdp_m2, common_parts

``gross_m2`` = the level's area (its own polygon, else the footprint) × ``share``;
``sdp_m2`` = the surface de plancher of Code de l'urbanisme art. R111-22, as the
indicators count it (:func:`mixplan.model.floor_area.allocation_sdp_m2`): ``gross_m2``
× the rulebook's ``sdp_factor``, less 10 % for housing served by internal common
parts, 0 for parking, technical rooms and levels of 1.80 m or less.
``common_parts`` is the building's flag (``true``/``false``).
"""

from __future__ import annotations

import csv
from pathlib import Path

from mixplan.gc_pause import collector_paused
from mixplan.model.errors import MixplanError
from mixplan.model.floor_area import sdp_multiplier
from mixplan.model.project import Project
from mixplan.model.uses import use_class
from mixplan.store.atomic import write_with
from mixplan.store.progress import Progress, Span, nothing_reported

__all__ = ["COLUMNS", "scenario_csv_rows", "write_csv"]

COLUMNS: tuple[str, ...] = (
    "scenario",
    "building_id",
    "building_name",
    "level_index",
    "level_height_m",
    "use",
    "use_label_fr",
    "family",
    "share",
    "gross_m2",
    "sdp_m2",
    "common_parts",
)


def scenario_csv_rows(
    project: Project, scenario_name: str, progress: Progress = nothing_reported
) -> list[list[object]]:
    """The CSV rows of a scenario (without the header), areas in m² to 0.01.

    ``progress`` is told how far the buildings have come.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model import Building, Level, Project
    >>> p = Project.new("Demo")
    >>> p.baseline.buildings["b1"] = Building("b1", "Halle", box(0, 0, 20, 10),
    ...     (Level.of(6, {"craft": 0.75, "parking": 0.25}),))
    >>> [(row[5], row[9], row[10]) for row in scenario_csv_rows(p, "Existing")]
    [('craft', 150.0, 138.0), ('parking', 50.0, 0.0)]
    """
    scenario = project.scenario(scenario_name)
    rulebook = project.rulebook
    rows: list[list[object]] = []
    buildings = list(scenario.buildings.values())
    for building in Span(progress, 0.0, 1.0).rows(buildings):
        for index, level in building.indexed_levels():
            area = building.level_area(level)
            for allocation in level.uses:
                use = use_class(allocation.use)
                gross = area * allocation.share
                sdp = gross * sdp_multiplier(building, level, use.code, rulebook)
                rows.append(
                    [
                        scenario.name,
                        building.id,
                        building.name,
                        index,
                        level.height_m,
                        use.code,
                        use.label_fr,
                        use.family.value,
                        allocation.share,
                        round(gross, 2),
                        round(sdp, 2),
                        "true" if building.common_parts else "false",
                    ]
                )
    return rows


def write_csv(
    project: Project,
    scenario_name: str,
    path: str | Path,
    progress: Progress = nothing_reported,
) -> None:
    """Write a scenario's floor areas as CSV (UTF-8 with BOM), atomically.

    ``progress`` is told how far the writing has come.

    Raises
    ------
    MixplanError
        With ``path`` set, if the scenario does not exist or the file cannot be
        written.
    """
    # Rows by the hundred thousand, all dropped before the end: the
    # collector's passes over the whole heap held the GIL 50 ms each.
    with collector_paused():
        _write_csv(project, scenario_name, path, progress)


def _write_csv(
    project: Project, scenario_name: str, path: str | Path, progress: Progress
) -> None:
    try:
        rows = scenario_csv_rows(
            project, scenario_name, Span(progress, 0.0, 0.8).at_fraction
        )
    except MixplanError as exc:
        raise MixplanError(str(exc), path) from None
    try:
        write_with(path, lambda tmp: _write_rows(tmp, rows, Span(progress, 0.8, 1.0)))
    except OSError as exc:
        raise MixplanError(f"cannot write: {exc.strerror or exc}", path) from None


def _write_rows(path: Path, rows: list[list[object]], span: Span) -> None:
    """The header and ``rows`` into ``path``, a batch of rows at a time.

    ``writerows`` is one call that holds the GIL: for 90,000 rows at once (a
    10,000-building scenario), 0.2 s; for :data:`ROWS_AT_A_TIME`, a few ms.
    """
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for first in range(0, len(rows), ROWS_AT_A_TIME):
            writer.writerows(rows[first : first + ROWS_AT_A_TIME])
            span.at(first + ROWS_AT_A_TIME, len(rows))
    span.done()


#: Rows written by one call (see _write_rows).
ROWS_AT_A_TIME = 512
