"""The domain objects of DESIGN §2: project, site, scenarios, buildings, levels.

Buildings, levels, allocations and ground covers are immutable values, checked when
they are made: an invalid one cannot exist. A scenario is the mutable container that
edit commands (:mod:`mixplan.model.commands`) change by swapping whole values, which
makes undo exact and lets the engine cache results per building value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from shapely.geometry import Polygon

from mixplan.model.errors import ModelError
from mixplan.model.finance import FinancialAssumptions
from mixplan.model.geometry import (
    Affine,
    Areal,
    affine_transformed,
    as_areal,
    as_polygon,
    polygons_checked,
)
from mixplan.model.phasing import Hosting, Occupant, Phase, check_phase_number
from mixplan.model.rulebook import Rulebook
from mixplan.model.uses import ACCESS_CODES, NUISANCE_CLASSES, USES, use_class

if TYPE_CHECKING:
    from mixplan.model.context import ContextLayer
    from mixplan.model.presets import Preset
    from mixplan.model.report_options import ReportOptions
    from mixplan.model.sameness import Digest

__all__ = [
    "BASELINE_NAME",
    "COVER_TYPES",
    "ROOF_TYPES",
    "Allocation",
    "Building",
    "GroundCover",
    "Level",
    "Project",
    "Removal",
    "OpenedFile",
    "SavedFile",
    "Scenario",
    "Site",
    "transformed_buildings",
]

#: The default name of the baseline scenario.
BASELINE_NAME = "Existing"

#: Ground cover surface types of the exchange format. ``open_soil`` is planted
#: pleine terre (trees, shrubs, habitat), ``lawn`` herbaceous pleine terre (counted
#: as artificialised on residential or production land, décret 2023-1096 annex),
#: ``parking`` a surface car park (sealed, with its number of spaces).
COVER_TYPES: tuple[str, ...] = (
    "open_soil",
    "lawn",
    "semi_open",
    "permeable_paving",
    "sealed",
    "parking",
    "yard",
    "green_on_slab",
)

ROOF_TYPES: tuple[str, ...] = ("plain", "green")

SHARE_TOLERANCE = 1e-9
#: Each ICPE regime's own string, by its value.
_NUISANCE_CLASS: dict[str, str] = {code: code for code in NUISANCE_CLASSES}


#: Upper bounds of what a building can hold: a value past them is a typo or a
#: hostile file, and would overflow sums, SQLite integers or drawings.
MAX_LEVEL_HEIGHT_M = 1_000.0
MAX_LOAD_KN_M2 = 1_000.0
MAX_FREIGHT_LIFT_KG = 1_000_000.0
MAX_COUNT = 1_000_000

#: The fields :meth:`Building.renewed` checks on their own.
_RENEWED_FIELDS = frozenset({"id", "name", "origin", "footprint", "levels"})


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int beyond float range (JSON allows 400 digits)
        return False


def _positive(value: float, what: str, most: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ModelError(f"{what} must be a number, not {value!r}")
    if not _finite(value) or value <= 0:
        raise ModelError(f"{what} must be positive, not {_short_number(value)}")
    if most is not None and value > most:
        raise ModelError(f"{what} must be at most {most:g}, not {value:g}")
    return float(value)


def _non_negative_int(value: int, what: str, most: int = MAX_COUNT) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ModelError(f"{what} must be a whole number ≥ 0, not {value!r}")
    if value > most:
        raise ModelError(f"{what} must be at most {most:,}, not {_short_number(value)}")
    return value


def _short_number(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 24 else f"{text[:12]}…({len(text)} digits)"


_V = TypeVar("_V")


@cache
def _copier(cls: type) -> Callable[[Any], Any]:
    """A function copying a value of a frozen slotted dataclass field by field.

    Each slot is set by its own descriptor (which a frozen ``__setattr__``
    does not stop), no ``__post_init__`` run. Generated as ``dataclasses``
    generates ``__init__``: a statement a field, 1.7 times as fast as a loop
    over the fields (10,000 buildings: 16 ms).
    """
    names = [f.name for f in fields(cls)]
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    scope.update((f"set_{name}", getattr(cls, name).__set__) for name in names)
    body = "".join(f"    set_{name}(copied, value.{name})\n" for name in names)
    exec(f"def copy(value):\n    copied = new(cls)\n{body}    return copied\n", scope)
    return scope["copy"]  # type: ignore[no-any-return]


def _unpickler(cls: type, name: str) -> Callable[..., Any]:
    """A module-level function making a ``cls`` value from its field values.

    The values come in the fields' order; no ``__post_init__`` is run (see
    :func:`_reduce_value`).

    Generated as :func:`_copier` is; named ``name`` in this module, where
    pickle finds it.
    """
    names = [f.name for f in fields(cls)]
    scope: dict[str, Any] = {"__name__": __name__, "new": object.__new__, "cls": cls}
    scope.update((f"set_{field}", getattr(cls, field).__set__) for field in names)
    body = "".join(f"    set_{field}(made, {field})\n" for field in names)
    head = f"def {name}({', '.join(names)}):\n    made = new(cls)\n"
    exec(f"{head}{body}    return made\n", scope)
    return scope[name]  # type: ignore[no-any-return]


def _reduce_value(value: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
    """``__reduce__`` of buildings, levels and allocations (made by the 10⁵).

    A generated function and the field values.

    The values were checked when made; unpickled, they are set as they are, as
    dataclasses' own ``__setstate__`` does, but a third of its time. A
    10,000-building import planned in a child process comes back to the
    editor's process in 0.12 s of unpickling instead of 0.31 s.
    """
    kind = type(value)
    return _UNPICKLERS[kind], _FIELD_VALUES[kind](value)


def _unchecked_copy(value: _V, changes: dict[str, Any]) -> _V:
    """A copy of a frozen model value with ``changes``, no ``__post_init__`` run.

    The caller checks the changed fields; the others were checked when
    ``value`` was made.
    """
    kind: type = type(value)
    copied = _copier(kind)(value)
    for name, field_value in changes.items():
        object.__setattr__(copied, name, field_value)
    return copied  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Allocation:
    """A share of a level's floor area given to a use class.

    Examples
    --------
    >>> Allocation("craft", 0.5, "D").share
    0.5
    """

    use: str
    share: float
    nuisance: str | None = None

    __reduce__ = _reduce_value

    def __post_init__(self) -> None:
        # The use and the ICPE regime as the taxonomy's own strings: a project
        # read from a file holds one string object a code, not one an
        # allocation (what reading 100,000 allocations in a row visits).
        use = use_class(self.use).code
        if use is not self.use:
            object.__setattr__(self, "use", use)
        share = self.share
        if isinstance(share, bool) or not isinstance(share, int | float):
            raise ModelError(f"share of {self.use!r} must be a number")
        if not math.isfinite(share) or not 0 < share <= 1 + SHARE_TOLERANCE:
            raise ModelError(f"share of {self.use!r} must be in (0, 1], not {share}")
        if type(share) is not float:
            object.__setattr__(self, "share", float(share))
        nuisance = self.nuisance
        if nuisance is not None:
            regime = (
                _NUISANCE_CLASS.get(nuisance) if isinstance(nuisance, str) else None
            )
            if regime is None:
                raise ModelError(
                    f"unknown nuisance class {nuisance!r}; valid: "
                    + ", ".join(NUISANCE_CLASSES)
                )
            if regime is not nuisance:
                object.__setattr__(self, "nuisance", regime)


@dataclass(frozen=True, slots=True)
class Level:
    """One storey: floor-to-floor height, uses, and what makes it productive-grade.

    Parameters
    ----------
    height_m
        Floor-to-floor height in metres, > 0.
    uses
        Allocations whose shares sum to 1 (within 1e-9); one allocation per use.
    load_kn_m2
        Design imposed load in kN/m²; ``None`` when not stated.
    access
        One of :data:`~mixplan.model.uses.ACCESS_CODES`; ``None`` when not stated.
    polygon
        The level's own outline (a set-back storey); ``None`` means the footprint.

    Examples
    --------
    >>> Level(3.0, (Allocation("housing", 1.0),)).use_shares()
    {'housing': 1.0}
    """

    height_m: float
    uses: tuple[Allocation, ...]
    load_kn_m2: float | None = None
    access: str | None = None
    polygon: Polygon | None = None

    __reduce__ = _reduce_value

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "height_m",
            _positive(self.height_m, "level height", MAX_LEVEL_HEIGHT_M),
        )
        uses = tuple(self.uses)
        object.__setattr__(self, "uses", uses)
        if not uses:
            raise ModelError("a level needs at least one use (use 'unassigned')")
        seen = [a.use for a in uses]
        if len(set(seen)) != len(seen):
            raise ModelError(f"a use appears twice on one level: {seen}")
        total = math.fsum(a.share for a in uses)
        if abs(total - 1.0) > SHARE_TOLERANCE:
            raise ModelError(f"shares on a level must sum to 1, not {total:.12g}")
        if self.load_kn_m2 is not None:
            object.__setattr__(
                self,
                "load_kn_m2",
                _positive(self.load_kn_m2, "design load", MAX_LOAD_KN_M2),
            )
        if self.access is not None:
            if self.access not in ACCESS_CODES:
                raise ModelError(
                    f"unknown access {self.access!r}; valid: {', '.join(ACCESS_CODES)}"
                )
            # (the taxonomy's own string, as an allocation's use)
            access = ACCESS_CODES[ACCESS_CODES.index(self.access)]
            if access is not self.access:
                object.__setattr__(self, "access", access)
        if self.polygon is not None:
            as_polygon(self.polygon, "level polygon")

    @classmethod
    def of(
        cls,
        height_m: float,
        uses: dict[str, float] | str,
        *,
        load_kn_m2: float | None = None,
        access: str | None = None,
        nuisance: str | dict[str, str] | None = None,
        polygon: Polygon | None = None,
    ) -> Level:
        """Build a level from a ``{use: share}`` mapping or a single use code.

        Examples
        --------
        >>> Level.of(5.5, {"craft": 0.6, "retail": 0.4}, nuisance="D").uses[0]
        Allocation(use='craft', share=0.6, nuisance='D')
        """
        shares = {uses: 1.0} if isinstance(uses, str) else dict(uses)
        allocations = []
        for code, share in shares.items():
            if isinstance(nuisance, dict):
                cls_ = nuisance.get(code)
            elif nuisance is not None and use_class(code).is_productive:
                cls_ = nuisance
            else:
                cls_ = None
            allocations.append(Allocation(code, share, cls_))
        return cls(height_m, tuple(allocations), load_kn_m2, access, polygon)

    def use_shares(self) -> dict[str, float]:
        """The allocations as a ``{use: share}`` mapping."""
        return {a.use: a.share for a in self.uses}

    def with_polygon(self, polygon: Polygon | None) -> Level:
        """A copy with another outline of its own (``None``: the footprint's).

        Only the outline is checked (see :meth:`Building.renewed`).
        """
        if polygon is not None:
            as_polygon(polygon, "level polygon")
        return _unchecked_copy(self, {"polygon": polygon})

    def with_height(self, height_m: float) -> Level:
        """A copy with another height: only the height is checked.

        (With the constructor's errors.) A height given to the levels of
        10,000 selected buildings checked every field of each: a third of the
        time.

        Examples
        --------
        >>> Level.of(3, "office").with_height(4) == Level.of(4, "office")
        True
        """
        height = _positive(height_m, "level height", MAX_LEVEL_HEIGHT_M)
        return _unchecked_copy(self, {"height_m": height})

    def with_uses(self, shares: dict[str, float]) -> Level:
        """A copy with new shares, keeping the nuisance class of uses kept."""
        old = {a.use: a.nuisance for a in self.uses}
        allocations = tuple(Allocation(u, s, old.get(u)) for u, s in shares.items())
        return replace(self, uses=allocations)


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Building:
    """A footprint with a stack of levels, bottom-up.

    Parameters
    ----------
    id
        Unique within its scenario.
    name
        Shown to users.
    footprint
        A valid polygon of positive area, in the project CRS.
    levels
        Storeys from the lowest basement up; ``basements`` of them are below ground.
    origin
        Id of the baseline building this one continues (kept, raised, converted),
        or ``None`` for a new building. Baseline buildings are their own origin
        implicitly and store ``None``.
    freight_lift_kg, ramp, loading_bays, parking_spaces, roof, shared
        Building attributes of DESIGN §7.
    demolished_in, delivered_in
        Phases (DESIGN §16) in which the origin is demolished (a rebuild) and in
        which this building is delivered; ``None`` when not phased.
    occupants
        The firms in a baseline building (:class:`~mixplan.model.phasing.Occupant`).
    hosts
        The firms a scenario building houses, each from a phase on.
    common_parts
        Whether the dwellings are served by internal common parts (stairs,
        corridors): their housing floor area then loses a further 10 % of
        surface de plancher (Code de l'urbanisme, art. R111-22, 8°). ``False``
        for a single house.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> b = Building("b1", "Shed", box(0, 0, 20, 10), (Level.of(6, "warehouse"),))
    >>> b.storeys_label
    'R+0'
    """

    id: str
    name: str
    footprint: Polygon
    levels: tuple[Level, ...]
    origin: str | None = None
    basements: int = 0
    freight_lift_kg: float = 0.0
    ramp: bool = False
    loading_bays: int = 0
    parking_spaces: int = 0
    roof: str = "plain"
    shared: bool = False
    demolished_in: int | None = None
    delivered_in: int | None = None
    occupants: tuple[Occupant, ...] = ()
    hosts: tuple[Hosting, ...] = ()
    common_parts: bool = True

    __reduce__ = _reduce_value

    def __post_init__(self) -> None:
        self._check_names()
        try:
            as_polygon(self.footprint, "footprint")
            self._check_levels()
            self._check_origin()
            lift = self.freight_lift_kg
            if (
                isinstance(lift, bool)
                or not isinstance(lift, int | float)
                or not (_finite(lift) and 0 <= lift <= MAX_FREIGHT_LIFT_KG)
            ):
                raise ModelError(
                    f"freight lift must be 0 to {MAX_FREIGHT_LIFT_KG:,.0f} kg, "
                    f"not {_short_number(lift)}"
                )
            object.__setattr__(self, "freight_lift_kg", float(lift))
            for flag in ("ramp", "shared", "common_parts"):
                if not isinstance(getattr(self, flag), bool):
                    raise ModelError(f"{flag} must be true or false")
            _non_negative_int(self.loading_bays, "loading bays")
            _non_negative_int(self.parking_spaces, "parking spaces")
            if self.roof not in ROOF_TYPES:
                raise ModelError(
                    f"unknown roof {self.roof!r}; valid: {', '.join(ROOF_TYPES)}"
                )
            self._check_phasing()
        except ModelError as exc:
            raise ModelError(f"building {self.id}: {exc}") from None

    def _check_names(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise ModelError("a building needs a non-empty id")
        if not isinstance(self.name, str):
            raise ModelError(f"building {self.id}: name must be text")

    def _check_levels(self) -> None:
        levels = tuple(self.levels)
        object.__setattr__(self, "levels", levels)
        if not levels:
            raise ModelError("a building needs at least one level")
        if not all(isinstance(lv, Level) for lv in levels):
            raise ModelError("levels must be Level objects")
        _non_negative_int(self.basements, "basements")
        if self.basements >= len(levels):
            raise ModelError("a building needs at least one level above ground")

    def _check_origin(self) -> None:
        if self.origin is not None and not isinstance(self.origin, str):
            raise ModelError("origin must be a building id or null")

    def renewed(self, **changes: Any) -> Building:
        """A copy with ``changes`` to its id, name, origin, footprint or levels.

        Only the changed fields are checked, as the constructor checks them
        (same errors); the others were checked when this building was made and
        are taken as they are: a sixth of the time of ``dataclasses.replace``,
        which a duplicate of 2,380 buildings paid 35 ms for. A change to any
        other field is made by ``replace`` (every field checked).

        Examples
        --------
        >>> from shapely.geometry import box
        >>> b = Building("b1", "Shed", box(0, 0, 20, 10), (Level.of(6, "warehouse"),))
        >>> copy = b.renewed(id="b2", name="Shed (copy)")
        >>> copy == replace(b, id="b2", name="Shed (copy)")
        True
        """
        if not changes.keys() <= _RENEWED_FIELDS:
            return replace(self, **changes)
        renewed = _unchecked_copy(self, changes)
        renewed._check_names()
        try:
            if "footprint" in changes:
                as_polygon(renewed.footprint, "footprint")
            if "levels" in changes:
                renewed._check_levels()
            if "origin" in changes:
                renewed._check_origin()
        except ModelError as exc:
            raise ModelError(f"building {renewed.id}: {exc}") from None
        return renewed

    def with_level(self, position: int, level: Level) -> Building:
        """A copy with ``level`` at ``position`` of its levels, only it checked.

        (With the constructor's error.) The levels keep their number, so the
        basements still fit; the other fields were checked when this building
        was made. A level's height given to 10,000 selected buildings checked
        all of their levels: a third of the edit's own work.

        Examples
        --------
        >>> from shapely.geometry import box
        >>> b = Building("b1", "Shed", box(0, 0, 20, 10), (Level.of(6, "warehouse"),))
        >>> b.with_level(0, Level.of(4, "craft")) == replace(
        ...     b, levels=(Level.of(4, "craft"),))
        True
        """
        if not 0 <= position < len(self.levels):
            raise IndexError(f"building {self.id} has no level at {position}")
        if not isinstance(level, Level):
            raise ModelError(f"building {self.id}: levels must be Level objects")
        levels = list(self.levels)
        levels[position] = level
        return _unchecked_copy(self, {"levels": tuple(levels)})

    @staticmethod
    def alike(
        buildings: Sequence[Building], model: Building, names: Collection[str]
    ) -> list[Building]:
        """Each building with ``model``'s values of the fields ``names``.

        ``model`` was checked when made, and each field is checked on its own
        (the levels and the basements together: both are given or neither),
        so its values pass on any building: the copies are not checked again.
        A preset given to 10,000 buildings checked every field of each: 0.2 s.

        Examples
        --------
        >>> from shapely.geometry import box
        >>> a = Building("a", "Shed", box(0, 0, 20, 10), (Level.of(6, "warehouse"),))
        >>> b = replace(a, id="b", footprint=box(30, 0, 40, 10))
        >>> model = replace(a, roof="green", ramp=True)
        >>> Building.alike([b], model, ["roof", "ramp"]) == [
        ...     replace(b, roof="green", ramp=True)]
        True
        """
        names = set(names)
        if ("levels" in names) != ("basements" in names) or "id" in names:
            raise ValueError("the levels and basements go together, the id apart")
        changes = {name: getattr(model, name) for name in names}
        return [_unchecked_copy(b, changes) for b in buildings]

    def as_kept(self) -> Building:
        """The version of this baseline building that a scenario keeps as it is.

        Its own id as ``origin`` (a valid one: it is an id), no field checked
        again.
        """
        return _unchecked_copy(self, {"origin": self.id})

    def _check_phasing(self) -> None:
        for what in ("demolished_in", "delivered_in"):
            value = getattr(self, what)
            if value is not None:
                check_phase_number(value, what)
        occupants = tuple(self.occupants)
        hosts = tuple(self.hosts)
        object.__setattr__(self, "occupants", occupants)
        object.__setattr__(self, "hosts", hosts)
        if not all(isinstance(o, Occupant) for o in occupants):
            raise ModelError("occupants must be Occupant values")
        if not all(isinstance(h, Hosting) for h in hosts):
            raise ModelError("hosts must be Hosting values")
        names = [o.name for o in occupants]
        if len(set(names)) != len(names):
            raise ModelError(f"a firm is listed twice among the occupants: {names}")
        seen = [(h.name, h.from_phase) for h in hosts]
        if len(set(seen)) != len(seen):
            twice = next(k for k in seen if seen.count(k) > 1)
            raise ModelError(f"firm {twice[0]!r} is hosted twice in phase {twice[1]}")

    def level_index(self, position: int) -> int:
        """The storey index of ``levels[position]`` (0 = ground, < 0 = basement)."""
        return position - self.basements

    def indexed_levels(self) -> Iterator[tuple[int, Level]]:
        """``(index, level)`` pairs, bottom-up."""
        for position, level in enumerate(self.levels):
            yield position - self.basements, level

    def level_area(self, level: Level) -> float:
        """Gross floor area of a level: its own polygon's area, else the footprint's."""
        return (level.polygon or self.footprint).area

    @property
    def height_m(self) -> float:
        """Height above ground: the sum of the floor-to-floor of above-ground levels."""
        return math.fsum(lv.height_m for lv in self.levels[self.basements :])

    def dominant_family(self) -> str:
        """The family holding the most gross floor area of the building.

        Non floor area (parking, technical) wins only when the building holds
        nothing else; unassigned floor area counts as its own family. The plan,
        the report and the DXF export colour or layer buildings by this.

        Examples
        --------
        >>> from shapely.geometry import box
        >>> b = Building("b", "B", box(0, 0, 10, 10),
        ...              (Level.of(3, "parking"), Level.of(3, "parking"),
        ...               Level.of(3, "office")))
        >>> b.dominant_family()
        'tertiary'
        """
        totals: dict[str, float] = {}
        for level in self.levels:
            area = self.level_area(level)
            for allocation in level.uses:
                family = USES[allocation.use].family.value
                totals[family] = totals.get(family, 0.0) + area * allocation.share
        floor = {f: a for f, a in totals.items() if f != "non_floor_area"}
        pool = floor or totals
        return max(pool, key=pool.__getitem__)

    @property
    def storeys_label(self) -> str:
        """The French storey notation, R+n (n = levels above the ground floor)."""
        return f"R+{len(self.levels) - self.basements - 1}"


_unpickle_allocation = _unpickler(Allocation, "_unpickle_allocation")
_unpickle_level = _unpickler(Level, "_unpickle_level")
_unpickle_building = _unpickler(Building, "_unpickle_building")
_UNPICKLERS: dict[type, Callable[..., Any]] = {
    Allocation: _unpickle_allocation,
    Level: _unpickle_level,
    Building: _unpickle_building,
}
#: The field values of a value, in order, as one tuple (one C call).
_FIELD_VALUES: dict[type, Callable[[Any], tuple[Any, ...]]] = {
    kind: attrgetter(*(f.name for f in fields(kind))) for kind in _UNPICKLERS
}


def transformed_buildings(
    buildings: Sequence[Building], matrix: Affine
) -> list[Building]:
    """The buildings moved or turned by ``matrix`` (see :data:`Affine`).

    Their footprints and their levels' own outlines are mapped in one
    vectorised call and checked at once, each building then renewed (see
    :meth:`Building.renewed`): one by one, a move of 10,000 buildings held the
    editor's GUI thread seconds. Each footprint has the coordinates
    ``shapely.affinity.affine_transform(footprint, matrix)`` gives it.
    """
    footprints = affine_transformed([b.footprint for b in buildings], matrix)
    owning = [any(lv.polygon is not None for lv in b.levels) for b in buildings]
    own = [
        lv
        for b, owns in zip(buildings, owning, strict=True)
        if owns
        for lv in b.levels
        if lv.polygon is not None
    ]
    outlines = affine_transformed([lv.polygon for lv in own], matrix)
    with polygons_checked([*footprints, *outlines]) as passed:
        # Every footprint and outline a valid polygon (all that renewed and
        # with_polygon would check): the copies are made unchecked (a move of
        # 10,000 buildings checked each again, a third of its transforming);
        # else checked, for the error that says which one is not.
        valid = bool(passed.all())
        levels = {
            id(lv): _unchecked_copy(lv, {"polygon": outline})
            if valid
            else lv.with_polygon(outline)
            for lv, outline in zip(own, outlines, strict=True)
        }
        changes = (
            {
                "footprint": footprint,
                "levels": tuple(levels.get(id(lv), lv) for lv in b.levels),
            }
            if owns
            else {"footprint": footprint}
            for b, footprint, owns in zip(buildings, footprints, owning, strict=True)
        )
        return [
            _unchecked_copy(b, changed) if valid else b.renewed(**changed)
            for b, changed in zip(buildings, changes, strict=True)
        ]


@dataclass(frozen=True, slots=True)
class GroundCover:
    """A polygon of the unbuilt site with its surface type.

    ``spaces`` is the number of car spaces of a ``parking`` cover (0 = not stated:
    the engine estimates them from the area); other covers have none.
    """

    id: str
    cover: str
    geometry: Areal
    spaces: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise ModelError("a ground cover needs a non-empty id")
        if self.cover not in COVER_TYPES:
            raise ModelError(
                f"cover {self.id}: unknown surface {self.cover!r}; valid: "
                + ", ".join(COVER_TYPES)
            )
        try:
            _non_negative_int(self.spaces, "parking spaces")
        except ModelError as exc:
            raise ModelError(f"cover {self.id}: {exc}") from None
        if self.spaces and self.cover != "parking":
            raise ModelError(
                f"cover {self.id}: only a parking cover has spaces, not {self.cover}"
            )
        try:
            as_areal(self.geometry, "cover polygon")
        except ModelError as exc:
            raise ModelError(f"cover {self.id}: {exc}") from None


@dataclass(frozen=True, slots=True)
class Site:
    """The boundary of the area under study."""

    boundary: Areal
    name: str = ""

    def __post_init__(self) -> None:
        as_areal(self.boundary, "site boundary")

    @property
    def area_m2(self) -> float:
        return float(self.boundary.area)


@dataclass(frozen=True, slots=True)
class Removal:
    """A baseline building that a scenario removes (demolishes), by its id.

    ``demolished_in`` is the phase of its demolition (DESIGN §16), if phased.
    """

    id: str
    demolished_in: int | None = None

    def __post_init__(self) -> None:
        if self.demolished_in is not None:
            check_phase_number(
                self.demolished_in, f"removed building {self.id}: demolished_in"
            )


@dataclass(eq=True)
class Scenario:
    """A state of the site: buildings and ground cover, keyed by id.

    ``buildings`` always holds the scenario's whole state. In a scenario other
    than the baseline (DESIGN §14) it is made of the baseline buildings it
    *keeps* (ids in ``kept``: their value is the baseline's current version,
    with ``origin`` = their id, kept up to date by the edit commands), the
    buildings it changes (``origin`` = the baseline building they continue;
    ``changed_from`` holds the :func:`~mixplan.model.sameness.building_digest` of
    the baseline version they were changed from: its text, or a
    :class:`~mixplan.model.sameness.Fingerprint` made when read) and the
    buildings it adds (no origin). ``removed`` records the baseline buildings
    it removes. The baseline itself keeps, changes and removes nothing.
    """

    name: str
    buildings: dict[str, Building] = field(default_factory=dict)
    cover: dict[str, GroundCover] = field(default_factory=dict)
    description: str = ""
    kept: set[str] = field(default_factory=set)
    removed: dict[str, Removal] = field(default_factory=dict)
    changed_from: dict[str, Digest] = field(default_factory=dict)
    cover_kept: set[str] = field(default_factory=set)
    cover_removed: set[str] = field(default_factory=set)
    cover_changed_from: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        name: str,
        buildings: Iterable[Building] = (),
        cover: Iterable[GroundCover] = (),
        description: str = "",
    ) -> Scenario:
        """Build a scenario from sequences, refusing duplicate ids.

        The buildings are taken as the whole state; :meth:`Project.settle`
        finds what a scenario built this way keeps and removes.
        """
        scenario = cls(name, description=description)
        for b in buildings:
            if b.id in scenario.buildings:
                raise ModelError(f"scenario {name!r}: duplicate building id {b.id!r}")
            scenario.buildings[b.id] = b
        for c in cover:
            if c.id in scenario.cover:
                raise ModelError(f"scenario {name!r}: duplicate cover id {c.id!r}")
            scenario.cover[c.id] = c
        return scenario

    def building(self, building_id: str) -> Building:
        try:
            return self.buildings[building_id]
        except KeyError:
            raise ModelError(
                f"scenario {self.name!r} has no building {building_id!r}"
            ) from None

    @property
    def demolitions(self) -> dict[str, int]:
        """The demolition phase of each removed baseline building that has one.

        A view of the ``removed`` records (DESIGN §16); set a phase with
        :class:`~mixplan.model.phasing_commands.SetDemolition`.
        """
        return {
            bid: r.demolished_in
            for bid, r in self.removed.items()
            if r.demolished_in is not None
        }

    def snapshot(self) -> Scenario:
        """A copy whose containers are new (values, being immutable, are shared)."""
        return _snapshot(self)

    def copy(self, name: str) -> Scenario:
        """A copy under a new name (what it keeps, changes and removes included)."""
        copied = self.snapshot()
        copied.name = name
        return copied


_IMMUTABLE = (str, int, float, bool, type(None), Building, GroundCover, Removal)


def _copied(value: Any) -> Any:
    """A copy of a field value: containers renewed, immutable values shared."""
    if isinstance(value, dict):
        if set(map(type, value.values())) <= set(_IMMUTABLE):
            return dict(value)
        return {k: _copied(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copied(v) for v in value]
    if isinstance(value, set):
        return set(value)
    if (
        is_dataclass(value)
        and not isinstance(value, type)
        and not type(value).__dataclass_params__.frozen  # type: ignore[attr-defined]
    ):
        return _snapshot(value)
    return value


def _snapshot(obj: Any) -> Any:
    """A copy of a mutable dataclass built from its fields (none forgotten)."""
    return type(obj)(**{f.name: _copied(getattr(obj, f.name)) for f in fields(obj)})


@dataclass(frozen=True)
class SavedFile:
    """The file a project was last read from or written to, as it was then.

    The store compares it with the file on disk before saving only the rows
    edits touched (an incremental save); anything else writes the file whole.
    """

    path: Path
    revision: str | None
    mtime_ns: int
    size: int


@dataclass(frozen=True)
class OpenedFile:
    """How a project was read when its file on disk is not simply what was read.

    Set by the store, for instance when the file had the hot journal of an
    interrupted save and the project was read from a recovered private copy;
    the editor and the command line tell the user :attr:`notes`.
    """

    path: Path
    #: What the user must be told, one line each.
    notes: tuple[str, ...]
    #: The journal beside :attr:`path` was this project's and was rolled back
    #: into the private copy the project was read from.
    recovered: bool = False
    #: A hot journal beside :attr:`path` was another database's: it was left
    #: alone and the file read as it is.
    foreign_journal: bool = False
    #: A newer version an interrupted save wrote, moved to the recovery folder
    #: (the editor offers to open it instead).
    unsaved_copy: Path | None = None


def _default_report_options() -> ReportOptions:
    from mixplan.model.report_options import ReportOptions

    return ReportOptions()


@dataclass(eq=True)
class Project:
    """One project: a site, its scenarios (the baseline first) and its rulebook."""

    name: str
    crs: str = "EPSG:2154"
    site: Site | None = None
    scenarios: list[Scenario] = field(default_factory=list)
    rulebook: Rulebook = field(default_factory=Rulebook)
    #: Who prepared the project (shown on the report's cover).
    author: str = ""
    #: Prices, costs and rates of the financial balance (DESIGN §17).
    assumptions: FinancialAssumptions = field(
        default_factory=FinancialAssumptions.defaults
    )
    #: Base maps and reference layers shown beneath the project, lowest first.
    context_layers: tuple[ContextLayer, ...] = ()
    #: Typologies of this project (added to or replacing the shipped presets).
    typologies: tuple[Preset, ...] = ()
    #: What the council report holds (logo, parts, labels, scenarios and order).
    report_options: ReportOptions = field(default_factory=_default_report_options)
    #: The file this project was last read from or written to (set by the store).
    saved_file: SavedFile | None = field(default=None, compare=False, repr=False)
    #: How the project was read, when the user must be told (set by the store).
    opened_file: OpenedFile | None = field(default=None, compare=False, repr=False)
    #: The phases of the works, numbered from 1 by position (DESIGN §16).
    phases: list[Phase] = field(default_factory=list)

    @classmethod
    def new(cls, name: str, crs: str = "EPSG:2154") -> Project:
        """An empty project with an empty baseline scenario "Existing"."""
        return cls(name, crs, None, [Scenario(BASELINE_NAME)])

    @property
    def baseline(self) -> Scenario:
        if not self.scenarios:
            raise ModelError("the project has no scenario")
        return self.scenarios[0]

    def scenario(self, name: str) -> Scenario:
        for s in self.scenarios:
            if s.name == name:
                return s
        raise ModelError(
            f"no scenario {name!r}; scenarios: "
            + ", ".join(s.name for s in self.scenarios)
        )

    def has_scenario(self, name: str) -> bool:
        return any(s.name == name for s in self.scenarios)

    @property
    def site_area_m2(self) -> float:
        return self.site.area_m2 if self.site is not None else 0.0

    def snapshot(self) -> Project:
        """A copy that later edits of this project do not reach.

        Built from the dataclass fields, so a field added later is copied too;
        scenario containers are new, buildings and covers (immutable) shared.
        For work on another thread (live engine, report, import, autosave).

        Examples
        --------
        >>> p = Project.new("p")
        >>> p.author = "A. Designer"
        >>> s = p.snapshot()
        >>> s == p, s.scenarios[0] is p.scenarios[0], s.author
        (True, False, 'A. Designer')
        """
        return _snapshot(self)  # type: ignore[no-any-return]

    def settle(self) -> None:
        """Find what each scenario keeps, changes and removes from its whole state.

        For projects built from whole states (version-1 files, where every
        scenario is a full copy; the demo; scripts): a scenario building equal
        to its baseline building (:func:`~mixplan.model.sameness.is_kept_version`)
        becomes kept, a baseline building a scenario holds under no id nor as an
        origin is recorded as removed, and a changed building remembers the
        current baseline version as the one it was changed from. Ground cover
        likewise: a scenario cover equal to the baseline cover of its id becomes
        kept (and shares the baseline's value), a different one changed, and a
        baseline cover the scenario does not hold is recorded as removed.
        Nothing a scenario shows changes.
        """
        from mixplan.model.sameness import (
            building_digests,
            cover_digest,
            is_kept_version,
            is_same_cover,
        )

        if not self.scenarios:
            return
        base = self.baseline.buildings
        for scenario in self.scenarios[1:]:
            continued = {b.origin for b in scenario.buildings.values()}
            changed: list[str] = []
            origins: list[Building] = []
            for bid, building in scenario.buildings.items():
                origin = base.get(building.origin) if building.origin else None
                if bid in scenario.kept or origin is None:
                    continue
                if is_kept_version(building, origin):
                    scenario.kept.add(bid)
                    scenario.changed_from.pop(bid, None)
                elif bid not in scenario.changed_from:
                    changed.append(bid)
                    origins.append(origin)
            # (fingerprinted together: their outlines written in one call; the
            # records in the order of the buildings, as one by one)
            scenario.changed_from.update(
                zip(changed, building_digests(origins), strict=True)
            )
            for bid in base:
                if (
                    bid not in scenario.buildings
                    and bid not in continued
                    and bid not in scenario.removed
                ):
                    scenario.removed[bid] = Removal(bid)
            base_cover = self.baseline.cover
            for cid, cover in scenario.cover.items():
                origin_cover = base_cover.get(cid)
                if cid in scenario.cover_kept or origin_cover is None:
                    continue
                if is_same_cover(cover, origin_cover):
                    scenario.cover[cid] = origin_cover
                    scenario.cover_kept.add(cid)
                    scenario.cover_changed_from.pop(cid, None)
                elif cid not in scenario.cover_changed_from:
                    scenario.cover_changed_from[cid] = cover_digest(origin_cover)
            scenario.cover_removed |= set(base_cover) - set(scenario.cover)


assert set(USES) >= {"unassigned", "parking", "technical"}
