"""From source attributes to levels and uses: heights, level counts, use maps.

A GIS layer rarely says what mixplan needs (levels with floor-to-floor heights and
uses). This module turns what it does say (a height, a level count, a use code)
into levels, and records how each was obtained so the import report can tell the
user which figures were inferred. Storey heights by use follow ``RULES.md`` §3.1;
a productive building of up to 12 m is one tall storey (a shed or a warehouse is
a single hall, not height ÷ 3 m).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from mixplan.model.errors import MixplanError
from mixplan.model.project import COVER_TYPES, Level
from mixplan.model.uses import USES, use_class

__all__ = [
    "LEVELS_FROM_FIELD",
    "LEVELS_FROM_HEIGHT",
    "LEVELS_DEFAULT",
    "MAX_LEVELS",
    "STOREY_HEIGHT_M",
    "TALL_STOREY_MAX_M",
    "BuildingFacts",
    "check_cover_type",
    "clean_height",
    "clean_level_count",
    "levels_for",
    "parse_use_map",
    "storey_height_m",
]

#: Typical floor-to-floor height by use (m), RULES §3.1 (productive ground floor
#: 5.5 m, upper workshops 4.0 m, housing 2.9 m, offices 3.5 m).
STOREY_HEIGHT_M: dict[str, float] = {
    "housing": 2.9,
    "residence": 2.9,
    "office": 3.5,
    "retail": 4.0,
    "restaurant": 4.0,
    "client_services": 3.5,
    "hotel": 3.0,
    "facility": 3.5,
    "third_place": 4.0,
    "shared_services": 3.5,
    "parking": 3.0,
    "technical": 3.0,
    "unassigned": 3.0,
}
PRODUCTIVE_GROUND_M = 5.5
PRODUCTIVE_UPPER_M = 4.0

#: A productive building up to this height is one tall storey.
TALL_STOREY_MAX_M = 12.0
#: Heights or level counts beyond these are taken as errors in the source.
MAX_HEIGHT_M = 1000.0
MAX_LEVELS = 200
#: A storey lower than this is not a storey: a level count that gives lower
#: storeys than this for the stated height is not used to divide the height.
MIN_STOREY_M = 2.0

LEVELS_FROM_FIELD = "from the level count"
LEVELS_FROM_HEIGHT = "inferred from height"
LEVELS_DEFAULT = "one storey assumed (no height, no level count)"


def storey_height_m(use: str, ground: bool = True) -> float:
    """Typical floor-to-floor height of a storey of ``use``.

    Examples
    --------
    >>> storey_height_m("craft"), storey_height_m("craft", ground=False)
    (5.5, 4.0)
    """
    if use_class(use).is_productive:
        return PRODUCTIVE_GROUND_M if ground else PRODUCTIVE_UPPER_M
    return STOREY_HEIGHT_M.get(use, 3.0)


def parse_use_map(
    text: str | None, allowed: tuple[str, ...] | None = None
) -> dict[str, str]:
    """Parse ``"value=use,…"`` into a mapping keyed by the lower-cased value.

    ``allowed`` restricts the codes (use codes by default; cover types for cover).

    Examples
    --------
    >>> parse_use_map("Atelier=craft, Bureaux = office")
    {'atelier': 'craft', 'bureaux': 'office'}
    """
    codes = allowed if allowed is not None else tuple(USES)
    mapping: dict[str, str] = {}
    if not text:
        return mapping
    for item in text.split(","):
        if not item.strip():
            continue
        value, sep, code = item.rpartition("=")
        code = code.strip()
        if not sep or not value.strip():
            raise MixplanError(f"--use-map: {item.strip()!r} is not value=code")
        if code not in codes:
            raise MixplanError(
                f"--use-map: unknown code {code!r}; valid: {', '.join(codes)}"
            )
        mapping[value.strip().lower()] = code
    return mapping


def check_cover_type(code: str) -> str:
    """Refuse a ground-cover surface type that is not in the taxonomy."""
    if code not in COVER_TYPES:
        raise MixplanError(
            f"unknown ground cover {code!r}; valid: {', '.join(COVER_TYPES)}"
        )
    return code


@dataclass(frozen=True)
class BuildingFacts:
    """What a source says about one building, already cleaned.

    ``use`` is the main use (the only one of a one-storey building);
    ``height_m`` and ``levels`` are ``None`` when missing or unusable. With two
    levels or more, ``ground_use`` and ``upper_use`` (when set) replace the main
    use on the ground floor and above (a shop under flats). ``shed`` says the
    source describes an outbuilding or nothing at all, without dwellings: up to
    12 m it is one tall storey, whatever its use.
    """

    use: str
    height_m: float | None = None
    levels: int | None = None
    ground_use: str | None = None
    upper_use: str | None = None
    shed: bool = False


def clean_height(value: object) -> float | None:
    """A usable height in metres from a field value, else ``None``."""
    try:
        height = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not math.isfinite(height) or height <= 0 or height > MAX_HEIGHT_M:
        return None
    return height


def clean_level_count(value: object) -> int | None:
    """A usable level count from a field value (1 … 200), else ``None``."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number) or number < 1 or number > MAX_LEVELS:
        return None
    return int(round(number))


def _level_count_from_height(height: float, use: str, shed: bool) -> int:
    if shed and height <= TALL_STOREY_MAX_M:
        return 1
    if use_class(use).is_productive:
        if height <= TALL_STOREY_MAX_M:
            return 1
        # Ground hall at 5.5 m, workshops above at 4.0 m (RULES §3.1).
        return 1 + max(1, round((height - PRODUCTIVE_GROUND_M) / PRODUCTIVE_UPPER_M))
    return max(1, round(height / storey_height_m(use)))


@functools.lru_cache(maxsize=65536)
def levels_for(facts: BuildingFacts) -> tuple[tuple[Level, ...], str]:
    """Levels of a building from its facts, and how their number was obtained.

    Rules, in order:

    1. a level count: that many levels; floor-to-floor = height ÷ count when the
       height is known and gives storeys of at least 2 m, else typical heights;
    2. a height only: the count is ``round(height ÷ typical storey)`` and the
       height is shared equally; a productive building or a shed up to 12 m is
       one storey;
    3. neither: one storey of the typical height of its use.

    Levels are immutable values: buildings with the same facts share them (the
    results are cached).

    Returns
    -------
    tuple
        ``(levels, how)`` where ``how`` is :data:`LEVELS_FROM_FIELD`,
        :data:`LEVELS_FROM_HEIGHT` or :data:`LEVELS_DEFAULT`.

    Examples
    --------
    >>> levels, how = levels_for(BuildingFacts("warehouse", height_m=8.0))
    >>> [lv.height_m for lv in levels], how
    ([8.0], 'inferred from height')
    >>> levels, how = levels_for(BuildingFacts("housing", height_m=9.0))
    >>> [lv.height_m for lv in levels]
    [3.0, 3.0, 3.0]
    """
    use = facts.upper_use or facts.use
    ground_use = facts.ground_use or facts.use
    if facts.levels is not None:
        count, how = facts.levels, LEVELS_FROM_FIELD
    elif facts.height_m is not None:
        count = _level_count_from_height(facts.height_m, use, facts.shed)
        how = LEVELS_FROM_HEIGHT
    else:
        count, how = 1, LEVELS_DEFAULT
    if facts.height_m is not None and facts.height_m / count >= MIN_STOREY_M:
        heights = [facts.height_m / count] * count
    elif facts.height_m is not None and count == 1:
        heights = [facts.height_m]
    else:
        heights = [storey_height_m(ground_use, True)] + [
            storey_height_m(use, False) for _ in range(count - 1)
        ]
    if count == 1:
        ground_use = use = facts.use
    return _stack(tuple(heights), ground_use, use), how


def _stack(heights: tuple[float, ...], ground_use: str, use: str) -> tuple[Level, ...]:
    return tuple(
        Level.of(h, ground_use if position == 0 else use)
        for position, h in enumerate(heights)
    )
