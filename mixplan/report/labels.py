"""How the report names a building: its name, else a short form of its id.

Imported ids are long codes (BD TOPO: ``BATIMENT0000000257027930``) that a plan
label or a table cell cuts into something nobody can look up. A building with a
name of its own is shown by it; one whose name is its id gets a short label,
the first letters and the last digits (``BAT…027930``), and the report prints a
key from each short label to the full id.
"""

from __future__ import annotations

from collections.abc import Iterable

from mixplan.model import Building

__all__ = ["building_label", "label_key", "short_id", "with_short_ids"]

#: Ids up to this length are shown whole.
MAX_ID_LENGTH = 14


def short_id(ident: str) -> str:
    """A legible short form of a long id (first 3 and last 6 characters).

    Examples
    --------
    >>> short_id("BATIMENT0000000257027930"), short_id("B12")
    ('BAT…027930', 'B12')
    """
    if len(ident) <= MAX_ID_LENGTH:
        return ident
    return f"{ident[:3]}…{ident[-6:]}"


def building_label(building: Building) -> str:
    """The name a reader sees: the building's own name, else its short id."""
    name = building.name.strip()
    if name and name != building.id:
        return name
    return short_id(building.id)


def label_key(buildings: Iterable[Building]) -> list[tuple[str, str]]:
    """``(short label, full id)`` of every building shown by a short id, sorted.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model import Level
    >>> b = Building("BATIMENT0000000257027930", "BATIMENT0000000257027930",
    ...              box(0, 0, 1, 1), (Level.of(3, "office"),))
    >>> label_key([b])
    [('BAT…027930', 'BATIMENT0000000257027930')]
    """
    pairs = {
        (building_label(b), b.id)
        for b in buildings
        if building_label(b) != b.id and building_label(b) == short_id(b.id)
    }
    return sorted(pairs)


def with_short_ids(message: str, ids: Iterable[str]) -> str:
    """A message with the long ids it names replaced by their short form."""
    for ident in sorted(set(ids), key=len, reverse=True):
        if len(ident) > MAX_ID_LENGTH:
            message = message.replace(ident, short_id(ident))
    return message
