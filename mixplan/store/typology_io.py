"""Typologies as TOML: the user's library, and import/export of a project's.

One ``[[typology]]`` table per typology, its storeys as ``[[typology.levels]]``
from the ground up::

    [[typology]]
    key = "socle_r3"
    label_fr = "Socle artisanal et logements (R+3)"
    label_en = "Craft base with housing (R+3)"
    loading_bays = 1

    [[typology.levels]]
    height_m = 5.5
    uses = { craft = 1.0 }
    load_kn_m2 = 10.0
    access = "street"

A file that is not such a list is refused in one line naming the file and the
typology; nothing is half-read.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mixplan.model.errors import MixplanError, ModelError
from mixplan.model.presets import Preset
from mixplan.model.toml_file import read_toml
from mixplan.model.typologies import typology_from_json, typology_to_json
from mixplan.store.atomic import write_text_atomic

__all__ = ["read_typologies", "typologies_toml", "write_typologies"]

_MAX_BYTES = 5 * 1024 * 1024


def typologies_toml(typologies: Iterable[Preset]) -> str:
    """The TOML text of typologies (readable, and read back exactly).

    Examples
    --------
    >>> from mixplan.model.presets import preset
    >>> text = typologies_toml([preset("single_storey_shed")])
    >>> text.splitlines()[0]
    '[[typology]]'
    """
    import tomli_w

    return tomli_w.dumps({"typology": [typology_to_json(t) for t in typologies]})


def read_typologies(path: str | Path) -> tuple[Preset, ...]:
    """Read typologies from a TOML file.

    Raises
    ------
    MixplanError
        One line naming the file: missing, too big, not TOML, or a typology
        that is not one (its key and what is wrong), or two with one key.
    """
    source = Path(path)
    data = read_toml(source, "typology library", _MAX_BYTES)
    unknown = sorted(set(data) - {"typology"})
    if unknown:
        raise MixplanError(f"unknown table {unknown[0]!r} (only [[typology]])", source)
    values = data.get("typology", [])
    if not isinstance(values, list):
        raise MixplanError("typologies are [[typology]] tables", source)
    try:
        typologies = tuple(typology_from_json(v) for v in values)
    except ModelError as exc:
        raise MixplanError(str(exc), source) from None
    keys = [t.key for t in typologies]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise MixplanError(f"typology {repeated[0]!r} appears twice", source)
    return typologies


def write_typologies(path: str | Path, typologies: Iterable[Preset]) -> None:
    """Write typologies to a TOML file, atomically."""
    write_text_atomic(path, typologies_toml(typologies))
