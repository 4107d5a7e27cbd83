"""The ``bdtopo`` preset: IGN BD TOPO v3 ``BATIMENT`` to mixplan buildings.

BD TOPO describes a building by its main and secondary usage (``USAGE1``,
``USAGE2``), its nature (``NATURE``), its height (``HAUTEUR``, m), its number of
storeys (``NB_ETAGES``) and of dwellings (``NB_LOGTS``). The tables below map those to
use classes; they are assumptions a planner should review, and the README shows
them. ``USAGE1`` decides; when it says nothing (``Indifférencié``, ``Annexe``),
``NATURE`` decides; when both say nothing, a building with dwellings is housing and
any other gets the default use (``unassigned`` unless ``--default-use``).
A secondary usage that is commercial or industrial under or over housing becomes the
ground floor's use when there are at least two levels. An annex, or a building
the attributes say nothing about and that has no dwelling, is taken as a shed:
up to 12 m it is one tall storey when its level count is missing.
"""

from __future__ import annotations

from collections.abc import Mapping

from mixplan.store.field_mapping import BuildingFacts, clean_height, clean_level_count

__all__ = [
    "BDTOPO_ATTRIBUTES",
    "BDTOPO_FIELDS",
    "NATURE_USES",
    "USAGE_USES",
    "bdtopo_facts",
    "looks_like_bdtopo",
]

#: Fields whose presence identifies a BD TOPO ``BATIMENT`` layer.
BDTOPO_FIELDS = ("HAUTEUR", "NB_ETAGES", "USAGE1", "NATURE")
#: Every field the preset reads.
BDTOPO_ATTRIBUTES = frozenset({*BDTOPO_FIELDS, "USAGE2", "NB_LOGTS"})

#: ``USAGE1``/``USAGE2`` value (case-insensitive) → use class; ``None`` = says nothing.
USAGE_USES: dict[str, str | None] = {
    "résidentiel": "housing",
    "commercial et services": "retail",
    "industriel": "industry",
    "agricole": "urban_farm",
    "sportif": "sports_facility",
    "religieux": "place_of_worship",
    "annexe": None,
    "indifférencié": None,
}

#: ``NATURE`` value (case-insensitive) → use class, used when ``USAGE1`` says nothing.
NATURE_USES: dict[str, str | None] = {
    "industriel, agricole ou commercial": "industry",
    "serre": "urban_farm",
    "silo": "warehouse",
    "chapelle": "place_of_worship",
    "eglise": "place_of_worship",
    "église": "place_of_worship",
    "arène ou théâtre antique": "performance_venue",
    "tribune": "sports_facility",
    "indifférenciée": None,
}

_GROUND_USES = {"retail", "industry"}


def looks_like_bdtopo(field_names: list[str]) -> bool:
    """Whether a layer has the BD TOPO ``BATIMENT`` fields (any letter case).

    Examples
    --------
    >>> looks_like_bdtopo(["ID", "NATURE", "USAGE1", "HAUTEUR", "NB_ETAGES"])
    True
    """
    upper = {name.upper() for name in field_names}
    return all(name in upper for name in BDTOPO_FIELDS)


def _text(value: object) -> str:
    return value.strip().casefold() if isinstance(value, str) else ""


def bdtopo_facts(
    record: Mapping[str, object],
    default_use: str,
    overrides: Mapping[str, str] | None = None,
) -> tuple[BuildingFacts, str]:
    """The facts of one BD TOPO building and the attribute its use came from.

    Parameters
    ----------
    record
        Field values keyed by upper-case field name.
    default_use
        Use of a building whose attributes say nothing.
    overrides
        A ``--use-map`` (lower-cased value → use) that takes precedence over the
        tables for ``USAGE1``, ``USAGE2`` and ``NATURE`` values.

    Returns
    -------
    tuple
        ``(facts, basis)``, ``basis`` one of ``"USAGE1"``, ``"NATURE"``,
        ``"NB_LOGTS"``, ``"default"``.

    Examples
    --------
    >>> facts, basis = bdtopo_facts(
    ...     {"USAGE1": "Résidentiel", "USAGE2": "Commercial et services",
    ...      "NATURE": "Indifférenciée", "HAUTEUR": 9.0, "NB_ETAGES": 3}, "unassigned")
    >>> facts.use, facts.ground_use, facts.levels, basis
    ('housing', 'retail', 3, 'USAGE1')
    """
    table: dict[str, str | None] = {**USAGE_USES, **(overrides or {})}
    natures: dict[str, str | None] = {**NATURE_USES, **(overrides or {})}
    usage1, usage2 = _text(record.get("USAGE1")), _text(record.get("USAGE2"))
    use = table.get(usage1)
    basis = "USAGE1"
    if use is None:
        use, basis = natures.get(_text(record.get("NATURE"))), "NATURE"
    if use is None and (clean_level_count(record.get("NB_LOGTS")) or 0) >= 1:
        use, basis = "housing", "NB_LOGTS"
    if use is None:
        use, basis = default_use, "default"
    second = table.get(usage2)
    ground_use = upper_use = None
    if use == "housing" and second in _GROUND_USES:
        ground_use = second
    elif second == "housing" and use in _GROUND_USES:
        upper_use = "housing"
    # An annex, or a building BD TOPO says nothing about and that has no
    # dwelling, is a shed or a hall: one tall storey up to 12 m, not height ÷ 3.
    shed = usage1 == "annexe" or basis == "default"
    facts = BuildingFacts(
        use,
        clean_height(record.get("HAUTEUR")),
        clean_level_count(record.get("NB_ETAGES")),
        ground_use,
        upper_use,
        shed,
    )
    return facts, basis
