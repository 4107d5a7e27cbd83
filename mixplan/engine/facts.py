"""What one building contributes: floor areas by use, productive grade, stacking.

Everything here depends on one building value (and, for ``altered``, on the baseline
building it continues), so the :class:`~mixplan.engine.evaluator.Evaluator` caches a
:class:`BuildingFacts` per building and recomputes it only when that value changes.

Floor area (surface de plancher, Code de l'urbanisme art. R111-22). A level's gross
area is the area of its own polygon, else the footprint's. ``SDP = gross × share ×
sdp_factor`` for every use that is floor area (``parking`` and ``technical`` give 0,
R111-22 4° and 6°; ``unassigned`` counts), except that:

- a level whose floor-to-floor height is ≤ 1.80 m gives no SDP (R111-22 3°: floor
  areas under a ceiling height of 1.80 m or less); its gross area still counts;
- housing-family SDP (``housing``, ``residence``) of a building whose dwellings are
  served by internal common parts (``Building.common_parts``, default true) is
  reduced by a further ``assumptions.housing_common_parts_deduction`` (10 %,
  R111-22 8°): ``gross × share × sdp_factor × (1 − 0.10)``.

Productive grade (C13, RULES §3.1–3.2 and §6). A productive allocation is
productive-grade when its level meets, by position:

- ground level (index 0): floor-to-floor ≥ ``C13.min_height_ground_m`` (4.5 m),
  design load ≥ ``C13.min_load_ground_kn_m2`` (10 kN/m²), access ``street`` or
  ``yard``;
- upper level (index > 0) and basement (index < 0, reached the same way):
  floor-to-floor ≥ ``C13.min_height_upper_m`` (4.0 m), design load ≥
  ``C13.min_load_upper_kn_m2`` (5 kN/m²; storage classes at least their Eurocode E1
  7.5 kN/m²), and the building has a freight lift ≥ ``C14.min_freight_lift_kg``
  (2,000 kg) or a ramp (or the level's access is ``ramp``).

Values not stated (``None``), the assumptions, chosen for imported data such as
BD TOPO where nothing is stated and the productive floor area of the baseline must
not vanish on a technicality:

- ground level, load not stated, building without basement: a slab on grade, which
  RULES §3.2 puts at 10–20 kN/m², so it meets the ground minimum
  (``C13.assume_slab_on_grade``, default true). With a basement below, the ground
  floor is a suspended slab and takes the use class's typical load (craft 5 kN/m²,
  so it fails: conservative).
- ground level, access not stated: from the street (``C13.assume_ground_access``,
  default true); business-site ground floors open on a street or a yard.
- upper level, load not stated: the use class's typical load (RULES §3.2).
- freight lift and ramp are never assumed: an upper productive level of a building
  with neither stated is not productive-grade (conservative).

Levels that pass only thanks to an assumption are listed in one ``C13`` info
finding per scenario, so the designer knows what to confirm.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter

import numpy as np
from numpy.typing import NDArray

from mixplan.engine.facts_record import BuildingFacts
from mixplan.engine.facts_store import batch_rows, by_part
from mixplan.engine.level_issues import LevelIssue, level_label
from mixplan.model.floor_area import SDP_MIN_HEIGHT_M
from mixplan.model.project import Building, Level
from mixplan.model.rulebook import PARAMETERS, Rulebook
from mixplan.model.sameness import alters
from mixplan.model.uses import NUISANCE_CLASSES, USES, Family, nuisance_rank

__all__ = [
    "Assumptions",
    "BuildingFacts",
    "LevelIssue",
    "building_facts",
    "is_altered",
    "level_label",
]

_FAMILY_OF = {code: u.family for code, u in USES.items()}
_HOUSING = Family.HOUSING
_PRODUCTIVE = Family.PRODUCTIVE
_NON_FLOOR = Family.NON_FLOOR_AREA
_UNASSIGNED = Family.UNASSIGNED
_DEFAULT_NUISANCE = {code: u.default_nuisance for code, u in USES.items()}
_NUISANCE_RANK = {code: nuisance_rank(code) for code in NUISANCE_CLASSES}
_GENERIC_UPPER_LOAD = float(PARAMETERS[("C13", "min_load_upper_kn_m2")].default)
_RANK_A = nuisance_rank("A")
# A level drawn at 1.80 m must give no SDP even after a float round trip.
_LOW_LEVEL_M = SDP_MIN_HEIGHT_M + 1e-9

#: Failed C13 conditions in English and French, and the assumptions relied on.
_Failures = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]

#: Uses that are floor area, in taxonomy order (columns of the facts row).
SDP_USES: tuple[str, ...] = tuple(c for c, u in USES.items() if u.counts_in_sdp)
#: Productive uses (columns of productive-grade SDP by class).
PRODUCTIVE_USES: tuple[str, ...] = tuple(
    c for c, u in USES.items() if u.family is Family.PRODUCTIVE
)

# Columns of the facts matrix (facts_rows): what site totals sum (or max).
(
    COL_GFA,
    COL_SDP,
    COL_GRADE,
    COL_NON_GRADE,
    COL_UNASSIGNED,
    COL_PARKING,
    COL_BAYS,
    COL_GREEN_ROOF,
    COL_HEIGHT,
    COL_TOP_FLOOR,
    COL_POOLED,
    COL_ALTERED,
    COL_HOUSING_ONLY,
    COL_ISSUES,
    COL_HAS_HOUSING,
    COL_HAZARD,
) = range(16)
COL_USE = 16
COL_GRADE_USE = COL_USE + len(SDP_USES)
ROW_LENGTH = COL_GRADE_USE + len(PRODUCTIVE_USES)
_USE_COLUMN = {u: COL_USE + k for k, u in enumerate(SDP_USES)}
_GRADE_COLUMN = {u: COL_GRADE_USE + k for k, u in enumerate(PRODUCTIVE_USES)}


_ACCESS_EN = {
    "street": "street",
    "yard": "yard",
    "freight_lift": "freight lift",
    "ramp": "ramp",
    "none": "none",
}
_ACCESS_FR = {
    "street": "rue",
    "yard": "cour",
    "freight_lift": "monte-charge",
    "ramp": "rampe",
    "none": "aucun",
}


def _fr(value: float) -> str:
    """A number for a French message: decimal comma, narrow spaces in thousands."""
    return f"{value:,.6g}".replace(",", "\u202f").replace(".", ",")


def _fr_m2(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f") + " m²"


@dataclass(frozen=True, slots=True)
class Assumptions:
    """The rulebook values the per-building facts depend on, read once."""

    sdp_factor: float
    housing_deduction: float
    min_height_ground: float
    min_height_upper: float
    min_load_ground: float
    min_load_upper: float
    min_lift_kg: float
    max_m2_per_lift: float
    slab_on_grade: bool
    ground_access: bool
    parking_m2_per_space: float
    max_nuisance_rank: int
    #: C13 answers memoised on the numbers they depend on (see _grade_failures).
    memo: dict[tuple[object, ...], _Failures] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    @classmethod
    def of(cls, rb: Rulebook) -> Assumptions:
        """Read the values from a rulebook."""
        return cls(
            rb.number("assumptions", "sdp_factor"),
            rb.number("assumptions", "housing_common_parts_deduction"),
            rb.number("C13", "min_height_ground_m"),
            rb.number("C13", "min_height_upper_m"),
            rb.number("C13", "min_load_ground_kn_m2"),
            rb.number("C13", "min_load_upper_kn_m2"),
            rb.number("C14", "min_freight_lift_kg"),
            rb.number("C14", "max_m2_per_lift"),
            bool(rb.get("C13", "assume_slab_on_grade")),
            bool(rb.get("C13", "assume_ground_access")),
            rb.number("assumptions", "parking_m2_per_space_gross"),
            nuisance_rank(str(rb.get("C15", "max_nuisance_under_housing"))),
        )


def is_altered(building: Building, origin: Building | None) -> bool:
    """Whether a building is new or differs from the baseline building it continues.

    Geometry, levels and the attributes that make space usable count; name,
    parking, loading, roof and pooling do not (the model's
    :func:`~mixplan.model.sameness.alters`, the one definition of "same"). Rules
    about built form (C03, C05, C14) apply to altered buildings only: an existing
    building kept as it is keeps its rights.
    """
    if building is origin:
        return False
    return alters(building, origin)


_MEMO_SIZE = 4096


def _grade_failures(
    level: Level,
    index: int,
    building: Building,
    use: str,
    a: Assumptions,
) -> _Failures:
    """Failed C13 conditions (English, French) and the assumptions relied on.

    The answer depends on a handful of numbers, shared by most levels of a
    project (same heights, loads, presets), so it is memoised on them.
    """
    if index == 0:
        key: tuple[object, ...] = (
            use,
            0,
            level.height_m,
            level.load_kn_m2,
            level.access,
            building.basements == 0,
        )
    else:
        lift = building.freight_lift_kg
        served = (
            building.ramp
            or level.access == "ramp"
            or (lift > 0 and lift >= a.min_lift_kg)
        )
        key = (use, 1, level.height_m, level.load_kn_m2, served)
    return grade_conditions(key, a)


def grade_conditions(key: tuple[object, ...], a: Assumptions) -> _Failures:
    """C13 for the key of :func:`_grade_failures`, memoised in ``a``."""
    memo = a.memo
    found = memo.get(key)
    if found is None:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        found = memo[key] = _grade_conditions(key, a)
    return found


def non_grade_words(
    use: str, key: tuple[object, ...], a: Assumptions, failed: bool
) -> tuple[str, str]:
    """The details of a productive allocation that fails C13, or passes on assumptions.

    ``key`` is the allocation's key of :func:`_grade_failures`. A failure is
    worded in both languages; the assumptions relied on in English only.
    """
    en, fr, assumed = grade_conditions(key, a)
    cls = USES[use]
    if failed:
        # French typography: a space before the semicolon.
        french = f"{cls.label_fr} : " + " ; ".join(fr)
        return f"{cls.label_en}: " + "; ".join(en), french
    return f"{cls.label_en}: " + "; ".join(assumed), ""


def stacking_words(use: str, nuisance: str, beside: bool) -> tuple[str, str]:
    """The details of an ICPE regime directly under (or beside) housing (C15)."""
    cls = USES[use]
    where_en = (
        "beside housing on the same level" if beside else "directly under housing"
    )
    where_fr = (
        "à côté de logements au même niveau"
        if beside
        else "directement sous des logements"
    )
    return (
        f"{cls.label_en} (ICPE {nuisance}) {where_en}",
        f"{cls.label_fr.lower()} (ICPE {nuisance}) {where_fr}",
    )


def unserved_words(
    lift: float, productive_m2: float, a: Assumptions
) -> tuple[str, str]:
    """The details of an upper productive level that C14 finds not served."""
    if not (lift > 0 and lift >= a.min_lift_kg):
        return (
            f"productive floor not served (freight lift {lift:g} kg < "
            f"{a.min_lift_kg:g} kg and no ramp)",
            f"étage productif non desservi (monte-charge {_fr(lift)} kg < "
            f"{_fr(a.min_lift_kg)} kg, pas de rampe)",
        )
    return (
        f"{productive_m2:,.0f} m² of productive floor for one freight lift "
        f"(at most {a.max_m2_per_lift:,.0f} m² per lift; add a lift or a ramp)",
        f"{_fr_m2(productive_m2)} productifs pour un monte-charge (au plus "
        f"{_fr_m2(a.max_m2_per_lift)})",
    )


def _grade_conditions(key: tuple[object, ...], a: Assumptions) -> _Failures:
    """C13 for the memo key of :func:`_grade_failures`."""
    use = str(key[0])
    height = float(key[2])  # type: ignore[arg-type]
    stated = key[3]
    cls = USES[use]
    en: list[str] = []
    fr: list[str] = []
    assumed: list[str] = []
    if key[1] == 0:
        access, on_grade = key[4], key[5]
        if height < a.min_height_ground:
            en.append(f"floor-to-floor {height:g} m < {a.min_height_ground:g} m")
            fr.append(f"hauteur d'étage {_fr(height)} m < {_fr(a.min_height_ground)} m")
        if stated is None:
            if a.slab_on_grade and on_grade:
                assumed.append("load not stated: slab on grade assumed")
                load = a.min_load_ground
            else:
                load = cls.typical_load_kn_m2
        else:
            load = float(stated)  # type: ignore[arg-type]
        if load < a.min_load_ground:
            note = "" if stated is not None else " (use default)"
            en.append(f"load {load:g}{note} < {a.min_load_ground:g} kN/m²")
            fr.append(f"charge {_fr(load)} < {_fr(a.min_load_ground)} kN/m²")
        if access is None and a.ground_access:
            assumed.append("access not stated: street assumed")
            access = "street"
        if access not in ("street", "yard"):
            en.append(
                f"access {_ACCESS_EN.get(str(access), 'not stated')} "
                "(street or yard needed)"
            )
            fr.append(
                f"accès {_ACCESS_FR.get(str(access), 'non renseigné')} "
                "(rue ou cour requise)"
            )
        return tuple(en), tuple(fr), tuple(assumed)
    served = key[4]
    min_load = a.min_load_upper
    class_load = cls.min_load_upper_kn_m2 or 0.0
    if class_load > _GENERIC_UPPER_LOAD:
        min_load = max(min_load, class_load)
    if height < a.min_height_upper:
        en.append(f"floor-to-floor {height:g} m < {a.min_height_upper:g} m")
        fr.append(f"hauteur d'étage {_fr(height)} m < {_fr(a.min_height_upper)} m")
    load = cls.typical_load_kn_m2 if stated is None else float(stated)  # type: ignore[arg-type]
    if load < min_load:
        note = "" if stated is not None else " (use default)"
        en.append(f"load {load:g}{note} < {min_load:g} kN/m²")
        fr.append(f"charge {_fr(load)} < {_fr(min_load)} kN/m²")
    elif stated is None:
        # Passes on the use's typical load only: say so (DESIGN §9), as the
        # ground floor's slab-on-grade assumption does.
        assumed.append(
            f"load not stated: typical {load:g} kN/m² of {cls.label_en.lower()} assumed"
        )
    if not served:
        en.append(f"no freight lift ≥ {a.min_lift_kg:g} kg nor ramp")
        fr.append(f"ni monte-charge ≥ {_fr(a.min_lift_kg)} kg ni rampe")
    return tuple(en), tuple(fr), tuple(assumed)


def _unserved(
    building: Building,
    position: int,
    index: int,
    productive_m2: float,
    a: Assumptions,
) -> LevelIssue | None:
    """The C14 problem of an upper productive level with no ramp, if any."""
    lift = building.freight_lift_kg
    if lift > 0 and lift >= a.min_lift_kg and productive_m2 <= a.max_m2_per_lift:
        return None
    return LevelIssue(
        f"{building.id}#{position}",
        level_label(index),
        productive_m2,
        *unserved_words(lift, productive_m2, a),
    )


def building_facts(
    building: Building,
    origin: Building | None,
    a: Assumptions,
    *,
    footprint_m2: float | None = None,
) -> BuildingFacts:
    """Compute what a building contributes, level by level.

    Parameters
    ----------
    building
        The building value.
    origin
        The baseline building it continues (itself in the baseline), or ``None``.
    a
        Rulebook values.
    footprint_m2
        The footprint's area when already measured (in bulk), else measured here.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model import Level, Rulebook
    >>> b = Building("b", "", box(0, 0, 20, 10),
    ...              (Level.of(5.0, "craft", load_kn_m2=12, access="street"),
    ...               Level.of(3.0, "housing")))
    >>> f = building_facts(b, None, Assumptions.of(Rulebook()))
    >>> round(f.productive_grade_m2, 2), round(f.sdp_by_use["housing"], 2)
    (184.0, 165.6)
    """
    bid = building.id
    if footprint_m2 is None:
        footprint_m2 = float(building.footprint.area)
    basements = building.basements
    factor = a.sdp_factor
    # Read once per building what every level's C13 answer depends on (the
    # memo key of _grade_failures, built inline: this loop is the engine's
    # hottest code on a cold evaluation).
    memo = a.memo
    on_grade = basements == 0
    ramp = building.ramp
    lift = building.freight_lift_kg
    lift_ok = lift > 0 and lift >= a.min_lift_kg
    sdp_by_use: dict[str, float] = {}
    grade_by_use: dict[str, float] = {}
    gfa = grade = non_grade = unassigned_gfa = parking_gfa = 0.0
    top_housing = -1
    housing_levels: set[int] = set()
    nuisances: list[tuple[int, str, str]] | None = None
    non_grade_issues: list[LevelIssue] = []
    assumed_issues: list[LevelIssue] = []
    typical_load: list[LevelIssue] = []
    upper: list[LevelIssue] = []
    unassigned: list[str] = []
    hazard = 0
    occupied_elevation = elevation = 0.0
    housing_only = True
    position = -1
    for level in building.levels:
        position += 1
        polygon = level.polygon
        gross = footprint_m2 if polygon is None else float(polygon.area)
        gfa += gross
        level_floor = False
        productive_gross = 0.0
        index = position - basements
        # R111-22 3°: a level too low to stand in gives no floor area (SDP).
        counted = level.height_m > _LOW_LEVEL_M
        for alloc in level.uses:
            use = alloc.use
            family = _FAMILY_OF[use]
            if family is _NON_FLOOR:
                if use == "parking":
                    parking_gfa += gross * alloc.share
                continue
            level_floor = True
            part = gross * alloc.share
            if counted:
                sdp_by_use[use] = sdp_by_use.get(use, 0.0) + part
            if family is _HOUSING:
                top_housing = position
                housing_levels.add(position)
                continue
            housing_only = False
            if family is _PRODUCTIVE:
                nuisance = alloc.nuisance or _DEFAULT_NUISANCE[use]
                if nuisance != "NC":
                    rank = _NUISANCE_RANK[nuisance]
                    if rank > hazard:
                        hazard = rank
                    if nuisances is None:
                        nuisances = []
                    nuisances.append((position, use, nuisance))
                if not counted:
                    continue
                productive_gross += part
                m2 = part * factor
                if index == 0:
                    key: tuple[object, ...] = (
                        use,
                        0,
                        level.height_m,
                        level.load_kn_m2,
                        level.access,
                        on_grade,
                    )
                else:
                    key = (
                        use,
                        1,
                        level.height_m,
                        level.load_kn_m2,
                        ramp or level.access == "ramp" or lift_ok,
                    )
                found = memo.get(key)
                if found is None:
                    found = _grade_failures(level, index, building, use, a)
                en, fr, assumed = found
                if en:
                    non_grade += m2
                    non_grade_issues.append(
                        LevelIssue(
                            f"{bid}#{position}",
                            level_label(index),
                            m2,
                            *non_grade_words(use, key, a, True),
                        )
                    )
                else:
                    grade += m2
                    grade_by_use[use] = grade_by_use.get(use, 0.0) + m2
                    if assumed:
                        # Ground floors: slab on grade, street access; upper
                        # and basement levels: the use's typical load.
                        (assumed_issues if index == 0 else typical_load).append(
                            LevelIssue(
                                f"{bid}#{position}",
                                level_label(index),
                                m2,
                                *non_grade_words(use, key, a, False),
                            )
                        )
            elif family is _UNASSIGNED:
                unassigned_gfa += part
                unassigned.append(f"{bid}#{position}")
            elif alloc.nuisance is not None:
                rank = _NUISANCE_RANK[alloc.nuisance]
                if rank > hazard:
                    hazard = rank
                if nuisances is None:
                    nuisances = []
                nuisances.append((position, use, alloc.nuisance))
        if productive_gross > 0:
            if (
                index != 0
                and not ramp
                and level.access != "ramp"
                and not (lift_ok and productive_gross <= a.max_m2_per_lift)
            ):
                issue = _unserved(building, position, index, productive_gross, a)
                if issue is not None:
                    upper.append(issue)
        if position >= basements:
            if level_floor:
                occupied_elevation = elevation
            elevation += level.height_m
    housing_factor = (
        factor * (1.0 - a.housing_deduction) if building.common_parts else factor
    )
    for use, gross_m2 in sdp_by_use.items():
        sdp_by_use[use] = gross_m2 * (
            housing_factor if _FAMILY_OF[use] is _HOUSING else factor
        )
    sdp = sum(sdp_by_use.values())
    stacking: list[LevelIssue] = []
    if top_housing >= 0 and nuisances:
        # The compatibility matrix: a regime above the allowed one may not be
        # *directly* under housing (housing on the same level, or on the level
        # right above); a non-residential floor in between makes it acceptable.
        # A and Seveso share no building with housing: the building-level C15
        # finding says so (is_hazardous), not one per level.
        for position, use, nuisance in nuisances:
            rank = _NUISANCE_RANK[nuisance]
            if rank <= a.max_nuisance_rank or rank >= _RANK_A:
                continue
            beside = position in housing_levels
            if not beside and position + 1 not in housing_levels:
                continue
            stacking.append(
                LevelIssue(
                    f"{bid}#{position}",
                    level_label(position - basements),
                    0.0,
                    *stacking_words(use, nuisance, beside),
                )
            )
    altered = is_altered(building, origin)
    has_housing = top_housing >= 0
    housing_only = housing_only and has_housing
    supply = (
        float(building.parking_spaces)
        if building.parking_spaces > 0
        else float(int(parking_gfa / a.parking_m2_per_space))
    )
    green_roof = footprint_m2 if building.roof == "green" else 0.0
    issues = (
        len(non_grade_issues)
        + len(assumed_issues)
        + len(typical_load)
        + len(stacking)
        + len(upper)
        + len(unassigned)
        + (1 if hazard >= _RANK_A else 0)
    )
    return BuildingFacts(
        bid,
        altered,
        footprint_m2,
        elevation,
        occupied_elevation,
        housing_only,
        gfa,
        sdp,
        sdp_by_use,
        grade_by_use,
        grade,
        non_grade,
        unassigned_gfa,
        supply,
        building.loading_bays,
        building.shared,
        green_roof,
        has_housing,
        hazard,
        tuple(non_grade_issues),
        tuple(assumed_issues),
        tuple(stacking),
        tuple(upper),
        tuple(unassigned),
        building.freight_lift_kg,
        building.ramp,
        building.shared and supply > 0,
        issues,
        tuple(typical_load),
    )


def facts_rows(facts: Sequence[BuildingFacts]) -> NDArray[np.float64]:
    """The facts of buildings as a matrix, one row per building (columns ``COL_*``).

    Site totals are column sums of this matrix; it is filled column by column
    (vectorised) rather than building by building. The facts of batches
    (:class:`~mixplan.engine.facts_record.BatchFacts`) take their batch's rows.
    """
    n = len(facts)
    if not n:
        return np.zeros((n, ROW_LENGTH))
    located = batch_rows(facts)
    if located is not None:
        stores, which, at = located
        if which is None:
            return stores[0].matrix[at]
        return by_part(
            which,
            len(stores),
            np.empty((n, ROW_LENGTH)),
            lambda k, mine: stores[k].matrix[at[mine]],
        )
    rows = np.zeros((n, ROW_LENGTH))
    scalars = [
        (
            f.gfa_m2,
            f.sdp_m2,
            f.productive_grade_m2,
            f.productive_non_grade_m2,
            f.unassigned_gfa_m2,
            f.parking_supply,
            f.loading_bays,
            f.green_roof_m2,
            f.height_m,
            f.top_floor_m,
            f.pooled_parking,
            f.altered,
            f.housing_only,
            f.issues,
            f.has_housing,
            f.hazard_rank,
        )
        for f in facts
    ]
    rows[:, :COL_USE] = np.fromiter(
        chain.from_iterable(scalars), float, n * COL_USE
    ).reshape(n, COL_USE)
    for attribute, columns in (
        ("sdp_by_use", _USE_COLUMN),
        ("grade_by_use", _GRADE_COLUMN),
    ):
        dicts = list(map(attrgetter(attribute), facts))
        counts = np.fromiter(map(len, dicts), np.intp, n)
        total = int(counts.sum())
        # C-level iteration over the small per-building dicts (no Python loop).
        rows[
            np.repeat(np.arange(n), counts),
            np.fromiter(
                map(columns.__getitem__, chain.from_iterable(dicts)), np.intp, total
            ),
        ] = np.fromiter(chain.from_iterable(map(dict.values, dicts)), float, total)
    return rows


def is_hazardous(facts: BuildingFacts) -> bool:
    """Whether a building hosts an ICPE A or Seveso activity (C15 separation)."""
    return facts.hazard_rank >= _RANK_A
