"""Copies made without checking again what was checked: ``Building.renewed``,
``Building.as_kept`` and ``Level.with_polygon`` against ``dataclasses.replace``
(the slow twin: every field checked), for valid and invalid changes."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, Polygon, box

from mixplan.model import Building, Level, ModelError
from mixplan.model.phasing import Hosting, Occupant
from mixplan.model.sameness import is_kept_version, kept_version

USES = ("craft", "housing", "office", "warehouse", "parking")


@st.composite
def levels(draw: st.DrawFn) -> Level:
    codes = draw(st.lists(st.sampled_from(USES), min_size=1, max_size=2, unique=True))
    shares = {code: 1.0 / len(codes) for code in codes}
    polygon = draw(
        st.none()
        | st.builds(box, st.just(1), st.just(1), st.just(9), st.integers(2, 9))
    )
    return Level.of(
        draw(st.sampled_from((3.0, 4.5, 6.0))),
        shares,
        load_kn_m2=draw(st.none() | st.just(5.0)),
        polygon=polygon,
    )


@st.composite
def buildings(draw: st.DrawFn) -> Building:
    stack = tuple(draw(st.lists(levels(), min_size=1, max_size=4)))
    return Building(
        draw(st.sampled_from(("b1", "b2"))),
        draw(st.sampled_from(("", "Shed", "Halle 3"))),
        box(0, 0, draw(st.integers(10, 40)), 10),
        stack,
        origin=draw(st.none() | st.just("b1")),
        basements=draw(st.integers(0, len(stack) - 1)),
        freight_lift_kg=draw(st.sampled_from((0.0, 2500.0))),
        ramp=draw(st.booleans()),
        loading_bays=draw(st.integers(0, 3)),
        roof=draw(st.sampled_from(("plain", "green"))),
        shared=draw(st.booleans()),
        delivered_in=draw(st.none() | st.just(2)),
        occupants=draw(st.sampled_from(((), (Occupant("Acme", 500.0),)))),
        hosts=draw(st.sampled_from(((), (Hosting("Acme", 1),)))),
        common_parts=draw(st.booleans()),
    )


#: Values of the fields ``renewed`` checks on its own, valid and not.
CHANGES = {
    "id": st.sampled_from(("n1", "b1", "", "  ", 7)),
    "name": st.sampled_from(("Shed (copy)", "", None)),
    "origin": st.sampled_from((None, "b2", 3)),
    "footprint": st.sampled_from(
        (
            box(5, -5, 25, 5),
            Polygon([(0, 0), (10, 10), (10, 0), (0, 10)]),  # a bow-tie
            Point(0, 0),
            Polygon(),
        )
    ),
    "levels": st.sampled_from(
        ((Level.of(3.0, "office"),), (Level.of(3.0, "office"),) * 3, (), ("x",))
    ),
}


def outcome(make):  # type: ignore[no-untyped-def]
    try:
        return make()
    except ModelError as exc:
        return f"ModelError: {exc}"


@settings(max_examples=300, deadline=None)
@given(
    buildings(),
    st.dictionaries(st.sampled_from(sorted(CHANGES)), st.none()).flatmap(
        lambda keys: st.fixed_dictionaries({k: CHANGES[k] for k in keys})
    ),
)
def test_renewed_is_replace(building: Building, changes: dict) -> None:
    """The same building, or the same error, as ``replace`` gives."""
    renewed = outcome(lambda: building.renewed(**changes))
    replaced = outcome(lambda: replace(building, **changes))
    assert renewed == replaced
    if isinstance(renewed, Building):
        assert type(renewed.levels) is tuple
        for f in fields(Building):
            if f.name not in changes:  # (taken as they are)
                assert getattr(renewed, f.name) is getattr(building, f.name)


def test_renewed_checks_other_fields_as_replace_does() -> None:
    building = Building("b1", "Shed", box(0, 0, 10, 10), (Level.of(3.0, "craft"),))
    with pytest.raises(ModelError, match="unknown roof 'flat'"):
        building.renewed(roof="flat")
    with pytest.raises(ModelError, match="at least one level above ground"):
        building.renewed(basements=1)
    assert building.renewed(ramp=True, id="b2") == replace(building, ramp=True, id="b2")
    # basements checked against the new levels too
    deep = Building(
        "b1", "Shed", box(0, 0, 10, 10), (Level.of(3.0, "parking"),) * 3, basements=2
    )
    with pytest.raises(
        ModelError,
        match="building b1: a building needs at least one level above ground",
    ):
        deep.renewed(levels=deep.levels[:2])


@settings(max_examples=100, deadline=None)
@given(
    levels(),
    st.sampled_from(
        (None, box(0, 0, 4, 4), Point(1, 1), Polygon([(0, 0), (4, 4), (4, 0), (0, 4)]))
    ),
)
def test_with_polygon_is_replace(level: Level, polygon) -> None:  # type: ignore[no-untyped-def]
    assert outcome(lambda: level.with_polygon(polygon)) == outcome(
        lambda: replace(level, polygon=polygon)
    )


@settings(max_examples=100, deadline=None)
@given(
    levels(),
    st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(-3, 3),
        st.sampled_from((0.0, -0.0, 1e-300, 1000.0, 1000.000001, True, "3", None)),
    ),
)
def test_with_height_is_replace(level: Level, height) -> None:  # type: ignore[no-untyped-def]
    # the same level, or the same error (a bool, a text, zero, NaN, too high)
    made = outcome(lambda: level.with_height(height))
    assert made == outcome(lambda: replace(level, height_m=height))
    if isinstance(made, Level):
        assert type(made.height_m) is float


@settings(max_examples=100, deadline=None)
@given(buildings())
def test_as_kept_is_the_building_with_its_id_as_origin(building: Building) -> None:
    base = replace(building, origin=None)
    kept = base.as_kept()
    assert kept == replace(base, origin=base.id) == kept_version(base)
    assert is_kept_version(kept, base)
    assert kept.footprint is base.footprint and kept.levels is base.levels


@settings(max_examples=100, deadline=None)
@given(
    buildings(),
    st.integers(-1, 4),
    levels() | st.sampled_from((None, "level", 3.0)),
)
def test_with_level_is_replace(building: Building, position: int, level) -> None:  # type: ignore[no-untyped-def]
    # the same building, or the same error (not a level; no such position)
    def replaced() -> Building:
        if not 0 <= position < len(building.levels):
            raise IndexError(position)
        stack = list(building.levels)
        stack[position] = level
        return replace(building, levels=tuple(stack))

    def made_by(make):  # type: ignore[no-untyped-def]
        try:
            return outcome(make)
        except IndexError:
            return "IndexError"

    made = made_by(lambda: building.with_level(position, level))
    assert made == made_by(replaced)
    if isinstance(made, Building):
        assert type(made.levels) is tuple
