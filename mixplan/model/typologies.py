"""The typology library: the presets, and typologies a user or a project adds.

A typology is a :class:`~mixplan.model.presets.Preset`: a stack of levels and the
building attributes that go with it. Three shelves hold them, a later one winning
for the same key: the presets shipped with mixplan, the user's own library (a TOML
file beside the settings) and the project's typologies (saved in the project file,
so a project carries what it was designed with). A typology is most easily made
from a building the designer has stacked in the inspector.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mixplan.model.commands import Change, Command
from mixplan.model.errors import ModelError
from mixplan.model.presets import PRESETS, Preset
from mixplan.model.project import ROOF_TYPES, Building, Level

if TYPE_CHECKING:
    from mixplan.model.project import Project

__all__ = [
    "ATTRIBUTES",
    "MAX_TYPOLOGY_LEVELS",
    "RemoveTypology",
    "SetTypology",
    "available_typologies",
    "typology_from_building",
    "typology_from_json",
    "typology_to_json",
]

#: The building attributes a typology carries.
ATTRIBUTES: tuple[str, ...] = (
    "freight_lift_kg",
    "ramp",
    "loading_bays",
    "parking_spaces",
    "roof",
)
MAX_TYPOLOGY_LEVELS = 80
_KEY = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")


def _level_json(level: Level) -> dict[str, Any]:
    out: dict[str, Any] = {"height_m": level.height_m, "uses": level.use_shares()}
    if level.load_kn_m2 is not None:
        out["load_kn_m2"] = level.load_kn_m2
    if level.access is not None:
        out["access"] = level.access
    nuisance = {a.use: a.nuisance for a in level.uses if a.nuisance}
    if nuisance:
        out["nuisance"] = nuisance
    return out


def typology_to_json(typology: Preset) -> dict[str, Any]:
    """A typology as plain data (JSON in the project file, TOML in a library)."""
    return {
        "key": typology.key,
        "label_fr": typology.label_fr,
        "label_en": typology.label_en,
        "source": typology.source,
        "levels": [_level_json(level) for level in typology.levels],
        **{k: typology.attributes[k] for k in ATTRIBUTES if k in typology.attributes},
    }


def _number(value: Any, what: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ModelError(f"{what} is a number, not {value!r}")
    if not math.isfinite(value) or not low <= value <= high:
        raise ModelError(f"{what} {value!r} is not between {low:g} and {high:g}")
    return float(value)


def typology_from_json(value: Any) -> Preset:
    """Read a typology back, refusing anything that is not one (one line).

    Examples
    --------
    >>> from mixplan.model.presets import preset
    >>> t = preset("artisan_hotel")
    >>> typology_from_json(typology_to_json(t)) == t
    True
    >>> typology_from_json({"key": "x", "levels": []})
    Traceback (most recent call last):
    ...
    mixplan.model.errors.ModelError: typology 'x': no level
    """
    if not isinstance(value, dict):
        raise ModelError("a typology is a table of key, labels and levels")
    key = value.get("key")
    if not isinstance(key, str) or not _KEY.match(key):
        raise ModelError(
            f"typology key {key!r}: letters, digits, '_' or '-', at most 64"
        )
    known = {"key", "label_fr", "label_en", "source", "levels", *ATTRIBUTES}
    unknown = sorted(set(value) - known)
    if unknown:
        raise ModelError(f"typology {key!r}: unknown key {unknown[0]!r}")
    try:
        texts = {}
        for name in ("label_fr", "label_en", "source"):
            text = value.get(name, "")
            if not isinstance(text, str) or len(text) > 500:
                raise ModelError(f"{name} is text of at most 500 characters")
            texts[name] = text
        levels_in = value.get("levels")
        if not isinstance(levels_in, list) or not levels_in:
            raise ModelError("no level")
        if len(levels_in) > MAX_TYPOLOGY_LEVELS:
            raise ModelError(f"over {MAX_TYPOLOGY_LEVELS} levels")
        levels = []
        for position, raw in enumerate(levels_in, start=1):
            if not isinstance(raw, dict):
                raise ModelError(f"level {position} is not a table")
            extra = sorted(
                set(raw) - {"height_m", "uses", "load_kn_m2", "access", "nuisance"}
            )
            if extra:
                raise ModelError(f"level {position}: unknown key {extra[0]!r}")
            uses = raw.get("uses")
            if not isinstance(uses, dict | str):
                raise ModelError(f"level {position}: uses are {{use: share}}")
            load = raw.get("load_kn_m2")
            levels.append(
                Level.of(
                    _number(raw.get("height_m"), f"level {position} height_m", 0.1, 50),
                    uses,
                    load_kn_m2=None
                    if load is None
                    else _number(load, f"level {position} load_kn_m2", 0, 1000),
                    access=raw.get("access"),
                    nuisance=raw.get("nuisance"),
                )
            )
        attributes: dict[str, Any] = {}
        if "freight_lift_kg" in value:
            attributes["freight_lift_kg"] = _number(
                value["freight_lift_kg"], "freight_lift_kg", 0, 100_000
            )
        for name in ("loading_bays", "parking_spaces"):
            if name in value:
                count = _number(value[name], name, 0, 100_000)
                if count != int(count):
                    raise ModelError(f"{name} is a whole number")
                attributes[name] = int(count)
        if "ramp" in value:
            if not isinstance(value["ramp"], bool):
                raise ModelError("ramp is true or false")
            attributes["ramp"] = value["ramp"]
        if "roof" in value:
            if value["roof"] not in ROOF_TYPES:
                raise ModelError(f"roof is one of {', '.join(ROOF_TYPES)}")
            attributes["roof"] = value["roof"]
    except ModelError as exc:
        raise ModelError(f"typology {key!r}: {exc}") from None
    return Preset(
        key,
        texts["label_fr"] or key,
        texts["label_en"] or key,
        texts["source"],
        tuple(levels),
        attributes,
    )


def typology_from_building(building: Building, key: str, label: str) -> Preset:
    """A typology with the building's levels above ground and its attributes.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> b = Building("b", "B", box(0, 0, 10, 10),
    ...              (Level.of(5.5, "craft", load_kn_m2=10), Level.of(3, "housing")),
    ...              loading_bays=1)
    >>> t = typology_from_building(b, "my_base", "Mon socle")
    >>> len(t.levels), t.attributes["loading_bays"]
    (2, 1)
    """
    if not _KEY.match(key):
        raise ModelError(f"typology key {key!r}: letters, digits, '_' or '-'")
    levels = tuple(
        Level(level.height_m, level.uses, level.load_kn_m2, level.access)
        for level in building.levels[building.basements :]
    )
    if not levels:
        raise ModelError("the building has no level above ground")
    attributes = {name: getattr(building, name) for name in ATTRIBUTES}
    return Preset(
        key,
        label,
        label,
        f"from building {building.name or building.id}",
        levels,
        attributes,
    )


def available_typologies(
    project: Project | None = None, library: Iterable[Preset] = ()
) -> dict[str, Preset]:
    """Every typology by key: shipped presets, then the library, then the project's.

    Examples
    --------
    >>> len(available_typologies()) == len(PRESETS)
    True
    """
    found = dict(PRESETS)
    found.update((t.key, t) for t in library)
    if project is not None:
        found.update((t.key, t) for t in project.typologies)
    return found


@dataclass
class SetTypology(Command):
    """Add a typology to the project, or replace the project's one with its key."""

    typology: Preset
    label: str = "Save typology"
    _old: Preset | None = field(default=None, repr=False)
    _index: int = field(default=-1, repr=False)

    def _apply(self, project: Project) -> Change:
        typologies = list(project.typologies)
        keys = [t.key for t in typologies]
        if self.typology.key in keys:
            self._index = keys.index(self.typology.key)
            self._old = typologies[self._index]
            typologies[self._index] = self.typology
        else:
            self._index, self._old = -1, None
            typologies.append(self.typology)
        project.typologies = tuple(typologies)
        return Change(typologies=True)

    def _revert(self, project: Project) -> Change:
        typologies = list(project.typologies)
        if self._old is None:
            typologies.pop()
        else:
            typologies[self._index] = self._old
        project.typologies = tuple(typologies)
        return Change(typologies=True)


@dataclass
class RemoveTypology(Command):
    """Remove one of the project's typologies."""

    key: str
    label: str = "Remove typology"
    _old: Preset | None = field(default=None, repr=False)
    _index: int = field(default=-1, repr=False)

    def _apply(self, project: Project) -> Change:
        keys = [t.key for t in project.typologies]
        if self.key not in keys:
            raise ModelError(f"the project has no typology {self.key!r}")
        self._index = keys.index(self.key)
        typologies = list(project.typologies)
        self._old = typologies.pop(self._index)
        project.typologies = tuple(typologies)
        return Change(typologies=True)

    def _revert(self, project: Project) -> Change:
        assert self._old is not None
        typologies = list(project.typologies)
        typologies.insert(self._index, self._old)
        project.typologies = tuple(typologies)
        return Change(typologies=True)
