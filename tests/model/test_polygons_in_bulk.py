"""Polygons checked in bulk give the verdicts and errors of ``as_polygon``.

A project file's footprints and level polygons are checked a slice at a time
(``valid_polygons``); the model then takes those that passed without checking
each again, and checks the others one by one for the error that names the
problem. Every case below is worked out by hand: what ``as_polygon`` says of it.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box

from mixplan.model import Building, Level, ModelError
from mixplan.model import geometry as geometry_module
from mixplan.model.geometry import (
    MAX_COORDINATE,
    as_polygon,
    polygons_checked,
    valid_polygons,
)


def _made(make):  # type: ignore[no-untyped-def]
    """A polygon with non-finite coordinates (shapely warns as it makes it)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return make()


EDGE = MAX_COORDINATE
PAST_EDGE = math.nextafter(MAX_COORDINATE, math.inf)

#: (geometry, the error as_polygon raises, or None when it passes)
CASES = {
    "square": (box(0, 0, 10, 5), None),
    "at +1e8": (box(EDGE - 10, 0, EDGE, 5), None),
    "at -1e8": (box(-EDGE, -EDGE, -EDGE + 10, -EDGE + 5), None),
    "just past 1e8": (box(EDGE - 10, 0, PAST_EDGE, 5), "coordinates beyond"),
    "just past -1e8 in y": (box(0, -PAST_EDGE, 10, 0), "coordinates beyond"),
    "NaN": (
        _made(lambda: Polygon([(0, 0), (10, 0), (math.nan, 5)])),
        "NaN or infinite",
    ),
    "infinite": (
        _made(lambda: Polygon([(0, 0), (10, 0), (math.inf, 5)])),
        "NaN or infinite",
    ),
    "bow-tie": (
        Polygon([(0, 0), (10, 10), (10, 0), (0, 10)]),
        "not a valid polygon (Self-intersection",
    ),
    "flat": (Polygon([(0, 0), (10, 0), (20, 0)]), "not a valid polygon"),
    "empty": (Polygon(), "is empty"),
    "multipolygon": (MultiPolygon([box(0, 0, 1, 1)]), "must be a polygon"),
    "line": (LineString([(0, 0), (1, 1)]), "must be a polygon"),
    "point": (Point(0, 0), "must be a polygon"),
    "none": (None, "must be a polygon"),
    "text": ("POLYGON ((0 0, 1 0, 1 1, 0 0))", "must be a polygon"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_case_passes_in_bulk_exactly_when_it_passes_alone(name: str) -> None:
    geom, error = CASES[name]
    if error is None:
        assert as_polygon(geom) is geom
    else:
        with pytest.raises(ModelError, match=error.replace("(", r"\(")):
            as_polygon(geom)
    assert valid_polygons([geom]).tolist() == [error is None]


def test_all_cases_at_once_in_their_order() -> None:
    geoms = [g for g, _ in CASES.values()]
    expected = [e is None for _, e in CASES.values()]
    assert valid_polygons(geoms).tolist() == expected


@pytest.mark.parametrize("bad_at", [0, 1, 2, 3, 4])
def test_a_bad_polygon_on_either_side_of_a_slice_boundary_is_the_one_refused(
    monkeypatch: pytest.MonkeyPatch, bad_at: int
) -> None:
    # Slices of 2 over 5 polygons: [0 1] [2 3] [4].
    monkeypatch.setattr(geometry_module, "POLYGONS_PER_CHECK", 2)
    geoms: list[object] = [box(i, 0, i + 1, 1) for i in range(5)]
    geoms[bad_at] = CASES["bow-tie"][0]
    assert valid_polygons(geoms).tolist() == [i != bad_at for i in range(5)]


def test_a_slice_of_no_polygon_at_all_is_refused_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(geometry_module, "POLYGONS_PER_CHECK", 2)
    geoms = [Point(0, 0), None, box(0, 0, 1, 1)]
    assert valid_polygons(geoms).tolist() == [False, False, True]
    assert valid_polygons([]).tolist() == []


def _counting_checks(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    checked: list[object] = []
    original = geometry_module._check_coordinates

    def counting(geom, what):  # type: ignore[no-untyped-def]
        checked.append(geom)
        original(geom, what)

    monkeypatch.setattr(geometry_module, "_check_coordinates", counting)
    return checked


def test_buildings_of_checked_footprints_are_not_checked_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checked = _counting_checks(monkeypatch)
    footprints = [box(0, 0, 10, 5), box(20, 0, 30, 5)]
    level = Level.of(3, "office")
    with polygons_checked(footprints) as passed:
        buildings = [
            Building(f"b{i}", "", f, (level,)) for i, f in enumerate(footprints)
        ]
    assert passed.tolist() == [True, True]
    assert checked == []
    assert [b.footprint for b in buildings] == footprints
    # Outside the context, the same footprint is checked as ever.
    Building("b9", "", footprints[0], (level,))
    assert checked == [footprints[0]]


def test_a_footprint_that_failed_in_bulk_gets_the_models_own_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checked = _counting_checks(monkeypatch)
    bowtie = CASES["bow-tie"][0]
    beyond = CASES["just past 1e8"][0]
    level = Level.of(3, "office")
    with polygons_checked([box(0, 0, 1, 1), bowtie, beyond]) as passed:
        assert passed.tolist() == [True, False, False]
        with pytest.raises(
            ModelError,
            match=r"^building b2: footprint is not a valid polygon \(Self-intersection",
        ):
            Building("b2", "", bowtie, (level,))
        with pytest.raises(
            ModelError,
            match=r"^building b3: footprint has coordinates beyond ±1e\+08 m$",
        ):
            Building("b3", "", beyond, (level,))
        with pytest.raises(
            ModelError,
            match=r"^level polygon is not a valid polygon \(Self-intersection",
        ):
            Level(3.0, level.uses, None, None, bowtie)
    assert checked == [bowtie, beyond, bowtie]


def test_an_equal_polygon_not_among_those_checked_is_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checked = _counting_checks(monkeypatch)
    square = box(0, 0, 1, 1)
    twin = box(0, 0, 1, 1)
    with polygons_checked([square]):
        assert as_polygon(twin) is twin
        assert as_polygon(square) is square
    assert checked == [twin]


def test_checks_nest_and_end_with_their_context(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checked = _counting_checks(monkeypatch)
    outer, inner = box(0, 0, 1, 1), box(5, 5, 6, 6)
    with polygons_checked([outer]):
        with polygons_checked([inner]):
            as_polygon(outer), as_polygon(inner)
        assert checked == []
        as_polygon(inner)
        assert checked == [inner]
    as_polygon(outer)
    assert checked == [inner, outer]


def test_the_verdicts_are_an_array_of_booleans() -> None:
    passed = valid_polygons((box(0, 0, 1, 1), Point(0, 0)))
    assert isinstance(passed, np.ndarray) and passed.dtype == bool
