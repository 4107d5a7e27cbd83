"""Implausible imported data, each said in one line of the import report.

A file can be read without error and still be wrong: storeys lower than anyone
builds (a height field in the wrong unit, a storey count taken for a height), a
footprint the size of a town (a damaged ``.shp``), buildings kilometres from the
site (a wrong CRS or origin), or most features skipped (a truncated file). None
of these stops the import; each is a warning the user reads before trusting it.
"""

from __future__ import annotations

from collections.abc import Sequence

from shapely.geometry.base import BaseGeometry

from mixplan.model.project import Building

__all__ = [
    "FAR_FROM_SITE_M",
    "MAX_FOOTPRINT_M2",
    "MIN_STOREY_M",
    "SKIPPED_SHARE",
    "implausible_data",
]

#: storeys lower than this (m, floor to floor) are implausible above ground
MIN_STOREY_M = 2.2
#: footprints larger than this (m²) are implausible for one building
MAX_FOOTPRINT_M2 = 50_000.0
#: buildings farther than this (m) from the site are implausible
FAR_FROM_SITE_M = 5_000.0
#: a file from which at least this share of features was skipped looks damaged
SKIPPED_SHARE = 0.10
#: ... when at least this many were skipped
MIN_SKIPPED = 10


def implausible_data(
    buildings: Sequence[Building],
    site: BaseGeometry | None,
    features_read: int,
    skipped: int,
) -> list[str]:
    """One warning line per kind of implausible data found.

    Parameters
    ----------
    buildings
        The buildings the import will add.
    site
        The site boundary, if any (the project's, or the one imported).
    features_read, skipped
        Features read from the source, and how many of them were skipped.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model import Level
    >>> house = Building("h", "", box(0, 0, 10, 10), (Level.of(2.05, "housing"),))
    >>> implausible_data([house], None, 1, 0)[0][:53]
    '1 building(s) with storeys under 2.2 m (lowest 2.05 m'
    """
    warnings: list[str] = []
    low = [
        min(lv.height_m for lv in b.levels[b.basements :])
        for b in buildings
        if any(lv.height_m < MIN_STOREY_M for lv in b.levels[b.basements :])
    ]
    if low:
        warnings.append(
            f"{len(low):,} building(s) with storeys under {MIN_STOREY_M} m "
            f"(lowest {min(low):.2f} m): check the height and storey fields"
        )
    huge = [b.footprint.area for b in buildings if b.footprint.area > MAX_FOOTPRINT_M2]
    if huge:
        warnings.append(
            f"{len(huge):,} footprint(s) over {MAX_FOOTPRINT_M2:,.0f} m² "
            f"(largest {max(huge):,.0f} m²): the source may be damaged or in "
            "other units"
        )
    if site is not None and not site.is_empty:
        import shapely

        distances = shapely.distance(site, [b.footprint for b in buildings])
        far = [float(d) for d in distances if d > FAR_FROM_SITE_M]
        if far:
            warnings.append(
                f"{len(far):,} building(s) over {FAR_FROM_SITE_M / 1000:g} km from "
                f"the site (farthest {max(far) / 1000:,.1f} km): wrong CRS or origin?"
            )
    if (
        features_read
        and skipped >= MIN_SKIPPED
        and skipped >= SKIPPED_SHARE * features_read
    ):
        warnings.append(
            f"{skipped:,} of {features_read:,} features "
            f"({skipped / features_read:.0%}) were skipped: the file looks damaged"
        )
    return warnings
