"""Digests encoded by exact type: the same bytes as the plain encoder.

A digest is stored in project files (``changed_from``): a faster encoding must
not change one bit. The oracle below is the plain encoder, written with
``dataclasses.fields`` and ``isinstance`` only, value by value.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import fields, is_dataclass, replace
from typing import Any

import numpy as np
import shapely
from shapely.geometry import box

from mixplan.model import Building, GroundCover, Level
from mixplan.model.phasing import Hosting, Occupant
from mixplan.model.sameness import _DIGESTS, building_digest, cover_digest


def _plain_encode(value: Any, out: list[bytes]) -> None:
    if value is None:
        out.append(b"N")
    elif isinstance(value, bool):
        out.append(b"T" if value else b"F")
    elif isinstance(value, int | float):
        out.append(b"d" + struct.pack("<d", float(value)))
    elif isinstance(value, str):
        data = value.encode()
        out.append(b"s" + struct.pack("<I", len(data)) + data)
    elif isinstance(value, shapely.Geometry):
        data = shapely.to_wkb(value, flavor="iso")
        out.append(b"g" + struct.pack("<I", len(data)) + data)
    elif isinstance(value, tuple | list):
        out.append(b"(" + struct.pack("<I", len(value)))
        for item in value:
            _plain_encode(item, out)
    else:
        assert is_dataclass(value)
        out.append(b"{" + type(value).__name__.encode())
        for f in fields(value):
            _plain_encode(getattr(value, f.name), out)


def _plain_digest(value: Any) -> str:
    out: list[bytes] = []
    for f in fields(value):
        if f.name != "origin":
            out.append(f.name.encode())
            _plain_encode(getattr(value, f.name), out)
    return hashlib.sha256(b"\x00".join(out)).hexdigest()[:32]


SHED = Building(
    "b1",
    "Bâtiment 1 — atelier",
    box(0, 0, 20, 10),
    (
        Level.of(4.5, {"craft": 0.6, "office": 0.4}, load_kn_m2=12.5, access="street"),
        Level.of(3.0, "housing", polygon=box(1, 1, 10, 9)),
        Level.of(2.75, {"retail": 1.0}, nuisance="E"),
    ),
    basements=1,
    freight_lift_kg=1500.0,
    ramp=True,
    loading_bays=2,
    parking_spaces=7,
    roof="green",
    shared=True,
    demolished_in=None,
    delivered_in=2,
    occupants=(Occupant("Menuiserie Martin", 400, 6), Occupant("Atelier", 120)),
    hosts=(Hosting("Boulangerie", 2),),
    common_parts=False,
)


def test_building_digests_are_the_plain_encoders() -> None:
    versions = [
        SHED,
        replace(SHED, origin="b0"),  # origin aside: the same digest
        replace(SHED, ramp=False, shared=False, occupants=(), hosts=()),
        # a number of another type: numpy's float, a whole float
        replace(SHED, freight_lift_kg=np.float64(2500.0)),  # type: ignore[arg-type]
        replace(SHED, freight_lift_kg=2500),
        replace(SHED, footprint=box(0, 0, 20, 10.5)),
    ]
    _DIGESTS.clear()
    found = [building_digest(b) for b in versions]
    assert found == [_plain_digest(b) for b in versions]
    assert found[0] == found[1]
    assert found[3] == found[4]  # 2500.0 either way
    assert len(set(found)) == 4


def test_cover_digests_are_the_plain_encoders() -> None:
    covers = [
        GroundCover("c", "parking", box(0, 0, 10, 10), spaces=12),
        GroundCover(
            "m", "sealed", shapely.MultiPolygon([box(0, 0, 5, 5), box(6, 0, 9, 5)])
        ),
        GroundCover("c", "lawn", box(0, 0, 10, 10)),
    ]
    _DIGESTS.clear()
    assert [cover_digest(c) for c in covers] == [_plain_digest(c) for c in covers]
