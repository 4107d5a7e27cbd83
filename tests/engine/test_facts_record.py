"""BuildingFacts as a record: the fields, defaults and value semantics of the
dataclass it replaced."""

from __future__ import annotations

import copy
import pickle

import pytest

from mixplan.engine.facts_record import BuildingFacts


def _facts(**changes: object) -> BuildingFacts:
    values: dict[str, object] = {
        "id": "b1",
        "altered": True,
        "footprint_m2": 200.0,
        "height_m": 9.0,
        "top_floor_m": 6.0,
        "housing_only": False,
        "gfa_m2": 600.0,
        "sdp_by_use": {"craft": 184.0, "housing": 331.2},
    }
    values.update(changes)
    return BuildingFacts(**values)  # type: ignore[arg-type]


def test_fields_in_order_with_their_defaults() -> None:
    assert BuildingFacts.fields == (
        "id", "altered", "footprint_m2", "height_m", "top_floor_m", "housing_only",
        "gfa_m2", "sdp_m2", "sdp_by_use", "grade_by_use", "productive_grade_m2",
        "productive_non_grade_m2", "unassigned_gfa_m2", "parking_supply",
        "loading_bays", "shared", "green_roof_m2", "has_housing", "hazard_rank",
        "non_grade", "assumed", "stacking", "unserved", "unassigned",
        "freight_lift_kg", "ramp", "pooled_parking", "issues", "typical_load",
    )  # fmt: skip
    f = _facts()
    assert (f.gfa_m2, f.sdp_m2, f.grade_by_use, f.loading_bays, f.typical_load) == (
        600.0, 0.0, {}, 0, (),
    )  # fmt: skip
    # A default dictionary is the record's own, as with default_factory.
    assert _facts().grade_by_use is not _facts().grade_by_use


def test_value_semantics() -> None:
    f = _facts()
    assert f == _facts() and f != _facts(gfa_m2=601.0)
    assert f != tuple(f) and not tuple(f) == f  # a record equals records only
    with pytest.raises(TypeError):
        hash(f)  # it holds dictionaries, as the dataclass (unhashable) did
    assert pickle.loads(pickle.dumps(f)) == f
    assert copy.deepcopy(f) == f and copy.copy(f) == f
    assert repr(f).startswith("BuildingFacts(id='b1', altered=True, footprint_m2=200.0")
