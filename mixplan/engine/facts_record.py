"""The facts of one building as a record: a tuple whose fields have names.

:class:`BuildingFacts` is what one building contributes to the indicators and the
rules (:mod:`mixplan.engine.facts` says how each figure is defined): a tuple
subclass with a property a field. A cold evaluation makes one a building, tens
of thousands at once: those are :class:`BatchFacts`, a pair (the batch's
columns, a row) made at C speed, whose fields are read from the columns when
asked (:mod:`mixplan.engine.facts_store`); they equal the record of the same
values.
"""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from mixplan.engine.facts_store import FactsStore
    from mixplan.engine.level_issues import LevelIssue

__all__ = ["BatchFacts", "BuildingFacts"]

#: The fields, in order.
FACT_FIELDS: tuple[str, ...] = (
    "id",
    "altered",
    "footprint_m2",
    "height_m",
    "top_floor_m",
    "housing_only",
    "gfa_m2",
    "sdp_m2",
    "sdp_by_use",
    "grade_by_use",
    "productive_grade_m2",
    "productive_non_grade_m2",
    "unassigned_gfa_m2",
    "parking_supply",
    "loading_bays",
    "shared",
    "green_roof_m2",
    "has_housing",
    "hazard_rank",
    "non_grade",
    "assumed",
    "stacking",
    "unserved",
    "unassigned",
    "freight_lift_kg",
    "ramp",
    "pooled_parking",
    "issues",
    "typical_load",
)


class BuildingFacts(tuple[Any, ...]):
    """The contribution of one building to the indicators and rules.

    A record: ``BuildingFacts(id, altered, footprint_m2, height_m, top_floor_m,
    housing_only, ...)`` takes the fields of :data:`FACT_FIELDS` in order (those
    after ``housing_only`` have defaults) and reads them by name. Equal records
    are equal field by field; like the dataclass it replaces, it is not
    hashable (it holds dictionaries) and its identity is what caches key on.

    Examples
    --------
    >>> f = BuildingFacts("a", False, 200.0, 6.0, 0.0, False, gfa_m2=200.0)
    >>> f.gfa_m2, f.sdp_by_use, f.issues
    (200.0, {}, 0)
    >>> f == BuildingFacts("a", False, 200.0, 6.0, 0.0, False, 200.0)
    True
    """

    __slots__ = ()
    fields: ClassVar[tuple[str, ...]] = FACT_FIELDS

    if TYPE_CHECKING:
        id: str
        altered: bool
        footprint_m2: float
        height_m: float
        top_floor_m: float
        housing_only: bool
        gfa_m2: float
        sdp_m2: float
        sdp_by_use: dict[str, float]
        grade_by_use: dict[str, float]
        productive_grade_m2: float
        productive_non_grade_m2: float
        unassigned_gfa_m2: float
        parking_supply: float
        loading_bays: int
        shared: bool
        green_roof_m2: float
        has_housing: bool
        hazard_rank: int
        non_grade: tuple[LevelIssue, ...]
        assumed: tuple[LevelIssue, ...]
        stacking: tuple[LevelIssue, ...]
        unserved: tuple[LevelIssue, ...]
        unassigned: tuple[str, ...]
        freight_lift_kg: float
        ramp: bool
        pooled_parking: bool
        issues: int
        typical_load: tuple[LevelIssue, ...]

    def __new__(
        cls,
        id: str,
        altered: bool,
        footprint_m2: float,
        height_m: float,
        top_floor_m: float,
        housing_only: bool,
        gfa_m2: float = 0.0,
        sdp_m2: float = 0.0,
        sdp_by_use: dict[str, float] | None = None,
        grade_by_use: dict[str, float] | None = None,
        productive_grade_m2: float = 0.0,
        productive_non_grade_m2: float = 0.0,
        unassigned_gfa_m2: float = 0.0,
        parking_supply: float = 0.0,
        loading_bays: int = 0,
        shared: bool = False,
        green_roof_m2: float = 0.0,
        has_housing: bool = False,
        hazard_rank: int = 0,
        non_grade: tuple[LevelIssue, ...] = (),
        assumed: tuple[LevelIssue, ...] = (),
        stacking: tuple[LevelIssue, ...] = (),
        unserved: tuple[LevelIssue, ...] = (),
        unassigned: tuple[str, ...] = (),
        freight_lift_kg: float = 0.0,
        ramp: bool = False,
        pooled_parking: bool = False,
        issues: int = 0,
        typical_load: tuple[LevelIssue, ...] = (),
    ) -> BuildingFacts:
        return tuple.__new__(
            cls,
            (
                id,
                altered,
                footprint_m2,
                height_m,
                top_floor_m,
                housing_only,
                gfa_m2,
                sdp_m2,
                {} if sdp_by_use is None else sdp_by_use,
                {} if grade_by_use is None else grade_by_use,
                productive_grade_m2,
                productive_non_grade_m2,
                unassigned_gfa_m2,
                parking_supply,
                loading_bays,
                shared,
                green_roof_m2,
                has_housing,
                hazard_rank,
                non_grade,
                assumed,
                stacking,
                unserved,
                unassigned,
                freight_lift_kg,
                ramp,
                pooled_parking,
                issues,
                typical_load,
            ),
        )

    def field_values(self) -> tuple[Any, ...]:
        """The values of the fields, in :data:`FACT_FIELDS` order."""
        return tuple(self)

    def __getnewargs__(self) -> tuple[Any, ...]:
        # (pickle and copy call __new__ with the fields, not with one tuple)
        return self.field_values()

    def __eq__(self, other: object) -> bool:
        # A record equals records only (a plain tuple of the same values too
        # would compare equal as a tuple): the dataclass's equality. A batch's
        # record (BatchFacts) equals the record of the same values.
        if not isinstance(other, BuildingFacts):
            return False if isinstance(other, tuple) else NotImplemented
        return self.field_values() == other.field_values()

    def __ne__(self, other: object) -> bool:
        if not isinstance(other, BuildingFacts):
            return True if isinstance(other, tuple) else NotImplemented
        return self.field_values() != other.field_values()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        values = ", ".join(
            f"{n}={v!r}" for n, v in zip(FACT_FIELDS, self.field_values(), strict=True)
        )
        return f"BuildingFacts({values})"


_DOCS = {
    "id": "The building id.",
    "altered": "New, or alters its baseline building (C03, C05, C14 apply).",
    "footprint_m2": "Footprint area (m²).",
    "height_m": "Height above ground (m): the levels above ground, floor to floor.",
    "top_floor_m": "Floor level of the highest occupied level (m).",
    "housing_only": "Housing is its only floor-area use.",
    "gfa_m2": "Gross floor area (m²).",
    "sdp_m2": "Surface de plancher (m²).",
    "sdp_by_use": "SDP by use, in the order of the levels.",
    "grade_by_use": "Productive-grade SDP by productive use.",
    "productive_grade_m2": "Productive-grade SDP (C13).",
    "productive_non_grade_m2": "Productive SDP that is not productive-grade.",
    "unassigned_gfa_m2": "Gross area of unassigned levels.",
    "parking_supply": "Car spaces (stated, else from the parking floor area).",
    "loading_bays": "Loading bays.",
    "shared": "Its car park is shared (pooled).",
    "green_roof_m2": "Green roof area (m²).",
    "has_housing": "It holds housing.",
    "hazard_rank": "The highest ICPE regime rank of its activities.",
    "non_grade": "Productive levels that are not productive-grade (C13).",
    "assumed": "Ground floors productive-grade on an assumption.",
    "stacking": "ICPE regimes directly under or beside housing (C15).",
    "unserved": "Upper productive levels not served (C14).",
    "unassigned": "Targets of its unassigned levels (U01).",
    "freight_lift_kg": "Freight lift capacity (kg).",
    "ramp": "It has a ramp.",
    "pooled_parking": "Shared and with car spaces.",
    "issues": "How many level issues (and a hazardous activity) it has.",
    "typical_load": (
        "Upper or basement productive levels that pass C13 only on the typical"
        " load of their use (load not stated)."
    ),
}
for _position, _name in enumerate(FACT_FIELDS):
    setattr(BuildingFacts, _name, property(itemgetter(_position), doc=_DOCS[_name]))
del _position, _name


class BatchFacts(BuildingFacts):
    """The facts of one building of a batch, read from the batch's columns.

    A pair ``(store, row)``: each field is the store's column at that row,
    made into Python values when first read
    (:class:`~mixplan.engine.facts_store.FactsStore`), so a batch of tens of
    thousands of buildings makes no value that nobody reads. It equals, pickles
    and copies as the :class:`BuildingFacts` of the same values (a copy is one).
    """

    __slots__ = ()

    def field_values(self) -> tuple[Any, ...]:
        store, row = self[0], self[1]
        return tuple(store.column(k)[row] for k in range(len(FACT_FIELDS)))

    def __reduce__(self) -> tuple[type[BuildingFacts], tuple[Any, ...]]:
        return (BuildingFacts, self.field_values())

    @property
    def store(self) -> FactsStore:
        """The batch's columns."""
        store: FactsStore = self[0]
        return store

    @property
    def row(self) -> int:
        """The building's row in them."""
        row: int = self[1]
        return row


def _batch_field(position: int) -> property:
    def read(self: BatchFacts) -> Any:
        store, row = self
        # (the column's list when listed: one Python call a read, not two)
        listed = store.lists[position]
        if listed is None:
            listed = store.column(position)
        return listed[row]

    return property(read, doc=_DOCS[FACT_FIELDS[position]])


for _position, _name in enumerate(FACT_FIELDS):
    setattr(BatchFacts, _name, _batch_field(_position))
del _position, _name
