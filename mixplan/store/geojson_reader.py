"""Reading the mixplan GeoJSON profile (DESIGN §7), strictly (DESIGN §10).

Every problem becomes one :class:`MixplanError` line naming the file, the feature
(by id, else by position) and what is wrong; nothing is repaired silently. The
writer and the profile itself are described in :mod:`mixplan.store.geojson`.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mixplan.model.errors import MixplanError, ModelError
from mixplan.model.phasing import Hosting, Occupant, Phase, check_phase_number
from mixplan.model.project import Building, GroundCover, Level, Site
from mixplan.model.uses import use_class
from mixplan.store.crs import crs_from_urn
from mixplan.store.geojson_geometry import GeometryBudget, areal_from_geojson

__all__ = [
    "FORMAT_VERSION",
    "KINDS",
    "MAX_FEATURES",
    "MAX_FILE_BYTES",
    "MAX_VERTICES",
    "GeoJSONContent",
    "drop_document",
    "geojson_to_content",
    "read_geojson",
]

#: Version of the profile written in the ``mixplan`` member.
FORMAT_VERSION = 1
#: Size caps (DESIGN §10): a 10,000-building scenario is about 15 MB.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_FEATURES = 200_000
MAX_VERTICES = 20_000_000

KINDS = ("site", "building", "cover")


@dataclass
class GeoJSONContent:
    """What a mixplan GeoJSON file holds, as model values.

    ``crs`` is the ``EPSG:N`` (or ``OGC:CRS84``) named by the file's legacy ``crs``
    member, ``None`` when it names none; ``scenario`` and ``description`` come from
    the ``mixplan`` member when present. The importer checks ``crs`` against the
    project and ``origin`` ids against the baseline.
    """

    site: Site | None = None
    buildings: list[Building] = field(default_factory=list)
    cover: list[GroundCover] = field(default_factory=list)
    crs: str | None = None
    scenario: str | None = None
    description: str = ""
    #: ids of the baseline buildings the scenario removes (``removed: true``)
    removed: list[str] = field(default_factory=list)
    #: the demolition phase of removed buildings that give one (DESIGN §16)
    demolitions: dict[str, int] = field(default_factory=dict)
    #: the phases of the ``mixplan`` member (DESIGN §16), if any
    phases: list[Phase] = field(default_factory=list)


def read_geojson(path: str | Path) -> GeoJSONContent:
    """Read a mixplan GeoJSON file.

    Raises
    ------
    MixplanError
        With ``path`` set and one line naming the problem (and the feature, when
        it is about one): missing file, too big, not UTF-8, not JSON, too deeply
        nested, not a FeatureCollection, a newer profile version, or a bad
        feature (see :func:`geojson_to_content`).
    """
    source = Path(path)
    return geojson_to_content(read_json_document(source), source)


def read_json_document(source: Path) -> Any:
    """Read and decode a JSON file with the caps and messages of :func:`read_geojson`.

    Raises
    ------
    MixplanError
        Missing file, a directory, too big, not UTF-8, empty, not JSON, too deeply
        nested, or a non-standard constant (NaN, Infinity).
    """
    if source.is_dir():
        raise MixplanError("is a directory, not a GeoJSON file", source)
    try:
        size = source.stat().st_size
    except FileNotFoundError:
        raise MixplanError("no such file", source) from None
    except OSError as exc:
        raise MixplanError(f"cannot read: {exc.strerror or exc}", source) from None
    if size > MAX_FILE_BYTES:
        raise MixplanError(
            f"file is {size / 1e6:,.0f} MB; "
            f"the limit is {MAX_FILE_BYTES / 1e6:,.0f} MB",
            source,
        )
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise MixplanError(f"cannot read: {exc.strerror or exc}", source) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MixplanError(
            f"not UTF-8 text (bad byte at offset {exc.start})", source
        ) from None
    return _parse_json(text, source)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _parse_json(text: str, source: Path) -> Any:
    if not text.strip():
        raise MixplanError("the file is empty", source)
    try:
        return loads_in_pieces(text)
    except json.JSONDecodeError as exc:
        raise MixplanError(
            f"not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})", source
        ) from None
    except RecursionError:
        raise MixplanError("JSON nested too deeply", source) from None
    except ValueError as exc:
        raise MixplanError(f"not valid JSON ({exc})", source) from None


_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's white space, as ``json`` skips it


def _after_space(text: str, at: int) -> int:
    """Where the JSON white space starting at ``at`` ends."""
    found = _SPACE.match(text, at)
    assert found is not None  # (the pattern matches the empty text too)
    return found.end()


class _NotPlain(ValueError):
    """The text is not an object of members read one by one: read it whole."""


def drop_document(doc: dict[str, Any]) -> None:
    """Free a document's features one at a time, last first.

    A 10,000-building document is 10^6 objects: freed at once (its last
    reference gone) they held the GIL 0.03-0.15 s, the editor's window waiting
    for the worker that read or wrote it. The document is left empty of
    features.
    """
    features = doc.get("features")
    if isinstance(features, list):
        while features:
            features.pop()


def loads_in_pieces(text: str) -> Any:
    """``json.loads(text)`` (NaN and Infinity refused), an array's items one call each.

    A document that is an object is read member by member, and a member that
    is an array item by item: each C call decodes one feature, not all 16 MB
    of a 10,000-building GeoJSON at once (one ``json.loads`` held the GIL
    0.2-0.3 s, the editor's window waiting, while the import dialog's worker
    read the file). The same values come out; a text that is not JSON is
    decoded whole, for ``json``'s own error.

    Examples
    --------
    >>> loads_in_pieces('{"a": [1, {"b": []}], "a": [], "c": "x"}')
    {'a': [], 'c': 'x'}
    >>> loads_in_pieces(' [1, 2] ')
    [1, 2]
    >>> loads_in_pieces('{"a": [1,]}')
    Traceback (most recent call last):
    ...
    json.decoder.JSONDecodeError: Expecting value: line 1 column 10 (char 9)
    """
    decoder = json.JSONDecoder(parse_constant=_refuse_constant)
    try:
        return _object_in_pieces(text, decoder)
    except ValueError:  # (JSONDecodeError and _NotPlain are ValueErrors)
        return decoder.decode(text)


def _object_in_pieces(text: str, decoder: json.JSONDecoder) -> Any:
    at = _after_space(text, 0)
    if text[at : at + 1] != "{":
        raise _NotPlain
    at = _after_space(text, at + 1)
    members: dict[str, Any] = {}
    closed = text[at : at + 1] == "}"
    at += closed
    while not closed:
        if text[at : at + 1] != '"':
            raise _NotPlain
        key, at = decoder.raw_decode(text, at)
        at = _after_space(text, at)
        if text[at : at + 1] != ":":
            raise _NotPlain
        at = _after_space(text, at + 1)
        if text[at : at + 1] == "[":
            members[key], at = _array_in_pieces(text, at, decoder)
        else:
            members[key], at = decoder.raw_decode(text, at)
        at = _after_space(text, at)
        closed, comma = text[at : at + 1] == "}", text[at : at + 1] == ","
        if not (closed or comma):
            raise _NotPlain
        at = _after_space(text, at + 1)
    if _after_space(text, at) != len(text):
        raise _NotPlain  # (extra data)
    return members


def _array_in_pieces(
    text: str, at: int, decoder: json.JSONDecoder
) -> tuple[list[Any], int]:
    """The array starting at ``text[at]`` (a "["), and where it ends."""
    at = _after_space(text, at + 1)
    items: list[Any] = []
    if text[at : at + 1] == "]":
        return items, at + 1
    while True:
        item, at = decoder.raw_decode(text, at)
        items.append(item)
        at = _after_space(text, at)
        mark = text[at : at + 1]
        if mark == "]":
            return items, at + 1
        if mark != ",":
            raise _NotPlain
        at = _after_space(text, at + 1)


def geojson_to_content(doc: Any, path: str | Path | None = None) -> GeoJSONContent:
    """Turn a decoded mixplan GeoJSON document into model values.

    Parameters
    ----------
    doc
        The decoded JSON.
    path
        The file it came from, named in errors.

    Raises
    ------
    MixplanError
        ``"<path>: feature 'B3' (building): level 2: shares sum to 0.9, not 1"``
        style errors: missing or unknown ``kind``, unknown use (listing the valid
        ones), shares not summing to 1, bad or invalid geometry, duplicate id,
        more than one site, too many features or vertices.
    """
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        found = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        raise MixplanError(f"not a GeoJSON FeatureCollection (found {found!r})", path)
    content = GeoJSONContent()
    _read_header(doc, content, path)
    features = doc.get("features")
    if not isinstance(features, list):
        raise MixplanError("the FeatureCollection has no 'features' list", path)
    if len(features) > MAX_FEATURES:
        raise MixplanError(
            f"{len(features):,} features; the limit is {MAX_FEATURES:,}", path
        )
    if "mixplan" not in doc and not any(_kind_of(f) in KINDS for f in features):
        raise MixplanError(
            "not a mixplan GeoJSON (no 'mixplan' member and no feature with "
            "properties.kind site, building or cover); import it as GIS data "
            "with --as buildings|cover|site",
            path,
        )
    budget = GeometryBudget(MAX_VERTICES)
    building_ids: set[str] = set()
    cover_ids: set[str] = set()
    for number, feature in enumerate(features, start=1):
        label = _feature_label(feature, number)
        try:
            _read_feature(feature, content, budget, building_ids, cover_ids)
        except ModelError as exc:
            message = re.sub(r"^(building|cover) [^:]*: ", "", exc.message)
            raise MixplanError(f"{label}: {message}", path) from None
    return content


def _read_header(
    doc: dict[str, Any], content: GeoJSONContent, path: str | Path | None
) -> None:
    header = doc.get("mixplan")
    if header is not None:
        if not isinstance(header, dict):
            raise MixplanError("the 'mixplan' member must be an object", path)
        version = header.get("version", FORMAT_VERSION)
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise MixplanError(f"bad mixplan profile version {version!r}", path)
        if version > FORMAT_VERSION:
            raise MixplanError(
                f"written by a newer mixplan (profile version {version}; this one "
                f"reads up to {FORMAT_VERSION})",
                path,
            )
        scenario = header.get("scenario")
        content.scenario = scenario if isinstance(scenario, str) else None
        description = header.get("description")
        content.description = description if isinstance(description, str) else ""
        content.phases = _read_phases(header.get("phases"), path)
    crs = doc.get("crs")
    if isinstance(crs, dict) and isinstance(crs.get("properties"), dict):
        name = crs["properties"].get("name")
        if isinstance(name, str):
            content.crs = crs_from_urn(name)
            if content.crs is None:
                raise MixplanError(f"unrecognised crs {name!r}", path)


def _kind_of(feature: Any) -> Any:
    if isinstance(feature, dict) and isinstance(feature.get("properties"), dict):
        return feature["properties"].get("kind")
    return None


def _feature_label(feature: Any, number: int) -> str:
    props = feature.get("properties") if isinstance(feature, dict) else None
    props = props if isinstance(props, dict) else {}
    ident = props.get("id", feature.get("id") if isinstance(feature, dict) else None)
    kind = props.get("kind")
    kind_text = f" ({kind})" if isinstance(kind, str) and kind in KINDS else ""
    if isinstance(ident, str | int) and not isinstance(ident, bool):
        return f"feature {str(ident)!r}{kind_text}"
    return f"feature #{number}{kind_text}"


def _read_feature(
    feature: Any,
    content: GeoJSONContent,
    budget: GeometryBudget,
    building_ids: set[str],
    cover_ids: set[str],
) -> None:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise ModelError("is not a GeoJSON Feature")
    props = feature.get("properties")
    if not isinstance(props, dict):
        raise ModelError("has no properties object")
    kind = props.get("kind")
    if kind is None:
        raise ModelError("has no properties.kind (site, building or cover)")
    if kind not in KINDS:
        raise ModelError(f"unknown kind {kind!r}; valid: {', '.join(KINDS)}")
    geometry = feature.get("geometry")
    if kind == "site":
        if content.site is not None:
            raise ModelError("a second site feature; a file has at most one site")
        name = _optional(props, "name", str) or ""
        content.site = Site(areal_from_geojson(geometry, budget), name)
    elif kind == "building" and props.get("removed") is not None:
        if props["removed"] is not True:
            raise ModelError(f"removed must be true, not {props['removed']!r}")
        ident = props.get("origin", props.get("id"))
        if not isinstance(ident, str) or not ident.strip():
            raise ModelError(f"a removed building needs its id, not {ident!r}")
        if ident in content.removed:
            raise ModelError(f"building {ident!r} removed twice")
        content.removed.append(ident)
        phase = props.get("demolished_in")
        if phase is not None:
            content.demolitions[ident] = check_phase_number(phase, "demolished_in")
    elif kind == "building":
        building = _read_building(props, geometry, budget)
        if building.id in building_ids:
            raise ModelError(f"duplicate building id {building.id!r}")
        building_ids.add(building.id)
        content.buildings.append(building)
    else:
        ident = props.get("id")
        if ident is None:
            ident = _fresh_id(cover_ids, len(content.cover) + 1)
        elif not isinstance(ident, str) or not ident.strip():
            raise ModelError(f"cover id must be non-empty text, not {ident!r}")
        if ident in cover_ids:
            raise ModelError(f"duplicate cover id {ident!r}")
        cover_ids.add(ident)
        surface = props.get("cover")
        if not isinstance(surface, str):
            raise ModelError("has no properties.cover (the surface type)")
        content.cover.append(
            GroundCover(
                ident,
                surface,
                areal_from_geojson(geometry, budget),
                _whole(props, "spaces"),
            )
        )


def _fresh_id(taken: set[str], number: int) -> str:
    while f"cover-{number}" in taken:
        number += 1
    return f"cover-{number}"


def _optional(
    props: dict[str, Any], key: str, kind: type | tuple[type, ...], default: Any = None
) -> Any:
    value = props.get(key)
    if value is None:
        return default
    numeric = kind is float or (isinstance(kind, tuple) and float in kind)
    if numeric and isinstance(value, int) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:
            raise ModelError(
                f"{key} is a number too large ({len(str(abs(value)))} digits)"
            ) from None
    if isinstance(value, bool) and kind is not bool:
        raise ModelError(f"{key} must be {_kind_name(kind)}, not {value!r}")
    if not isinstance(value, kind):
        raise ModelError(f"{key} must be {_kind_name(kind)}, not {value!r}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {
        str: "text",
        float: "a number",
        int: "a whole number",
        bool: "true or false",
        dict: "an object",
        list: "a list",
    }
    if isinstance(kind, tuple):
        return " or ".join(names.get(k, k.__name__) for k in kind)
    return names.get(kind, kind.__name__)


def _read_building(
    props: dict[str, Any], geometry: Any, budget: GeometryBudget
) -> Building:
    ident = props.get("id")
    if not isinstance(ident, str) or not ident.strip():
        raise ModelError(f"building id must be non-empty text, not {ident!r}")
    footprint = areal_from_geojson(geometry, budget, single=True)
    raw_levels = props.get("levels")
    if not isinstance(raw_levels, list) or not raw_levels:
        raise ModelError("levels must be a non-empty list")
    levels, basements = _read_levels(raw_levels, budget)
    return Building(
        ident,
        _optional(props, "name", str, ""),
        footprint,
        levels,
        origin=_optional(props, "origin", str),
        basements=basements,
        freight_lift_kg=_optional(props, "freight_lift_kg", float, 0.0),
        ramp=_optional(props, "ramp", bool, False),
        loading_bays=_whole(props, "loading_bays"),
        parking_spaces=_whole(props, "parking_spaces"),
        roof=_optional(props, "roof", str, "plain"),
        shared=_optional(props, "shared", bool, False),
        demolished_in=_phase(props, "demolished_in"),
        delivered_in=_phase(props, "delivered_in"),
        occupants=_firms(props, "occupants", _occupant),
        hosts=_firms(props, "hosts", _hosting),
        common_parts=_optional(props, "common_parts", bool, True),
    )


def _phase(props: dict[str, Any], key: str) -> int | None:
    value = props.get(key)
    return None if value is None else check_phase_number(value, key)


def _occupant(item: dict[str, Any]) -> Occupant:
    return Occupant(
        _optional(item, "name", str, ""),
        _optional(item, "m2", float, 0.0),
        _optional(item, "jobs", float),
    )


def _hosting(item: dict[str, Any]) -> Hosting:
    phase = item.get("from_phase")
    if phase is None:
        raise ModelError("has no from_phase")
    name = _optional(item, "name", str, "")
    return Hosting(name, check_phase_number(phase, "from_phase"))


def _firms(props: dict[str, Any], key: str, make: Any) -> tuple[Any, ...]:
    value = props.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ModelError(f"{key} must be a list of objects")
    firms = []
    for number, item in enumerate(value, 1):
        try:
            if not isinstance(item, dict):
                raise ModelError("must be an object")
            firms.append(make(item))
        except ModelError as exc:
            raise ModelError(f"{key} #{number}: {exc.message}") from None
    return tuple(firms)


def _read_phases(raw: Any, path: str | Path | None) -> list[Phase]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise MixplanError("mixplan.phases must be a list of objects", path)
    phases = []
    for number, item in enumerate(raw, 1):
        try:
            if not isinstance(item, dict):
                raise ModelError("must be an object")
            stated = item.get("phase", number)
            if stated != number:
                raise ModelError(f"is numbered {stated!r}; phases go 1, 2, 3…")
            phases.append(
                Phase(
                    _optional(item, "name", str, ""),
                    _optional(item, "start", str),
                    _optional(item, "end", str),
                )
            )
        except ModelError as exc:
            raise MixplanError(
                f"mixplan.phases #{number}: {exc.message}", path
            ) from None
    return phases


def _whole(props: dict[str, Any], key: str) -> int:
    value = _optional(props, key, (int, float), 0)
    if isinstance(value, float):
        if not value.is_integer():
            raise ModelError(f"{key} must be a whole number, not {value!r}")
        value = int(value)
    return int(value)


def _read_levels(
    raw: list[Any], budget: GeometryBudget
) -> tuple[tuple[Level, ...], int]:
    """Levels bottom-up and the number of basements, from their ``index``es."""
    basements: int | None = None
    levels = []
    for position, item in enumerate(raw):
        try:
            if not isinstance(item, dict):
                raise ModelError("must be an object")
            index = item.get("index")
            if index is not None:
                if isinstance(index, bool) or not isinstance(index, int):
                    raise ModelError(f"index must be a whole number, not {index!r}")
                expected = position - basements if basements is not None else None
                if expected is None:
                    basements = position - index
                    if basements < 0:
                        raise ModelError(
                            f"index {index} is above its position in the list; "
                            "levels go from the lowest up, without gaps"
                        )
                elif index != expected:
                    raise ModelError(
                        f"index {index} should be {expected}: levels go from the "
                        "lowest up, one index apart"
                    )
            levels.append(_read_level(item, budget))
        except ModelError as exc:
            raise ModelError(f"level {position + 1}: {exc.message}") from None
    return tuple(levels), basements or 0


def _read_level(item: dict[str, Any], budget: GeometryBudget) -> Level:
    height = item.get("height_m")
    if height is None:
        raise ModelError("has no height_m")
    uses = item.get("uses")
    if not isinstance(uses, dict) or not uses:
        raise ModelError('uses must be an object {"<use code>": share, …}')
    for code, share in uses.items():
        use_class(code)
        if isinstance(share, bool) or not isinstance(share, int | float):
            raise ModelError(f"share of {code!r} must be a number, not {share!r}")
    total = math.fsum(uses.values())
    if abs(total - 1.0) > 1e-9:
        raise ModelError(f"shares sum to {total:.6g}, not 1")
    nuisance: str | dict[str, str] | None = _optional(item, "nuisance", str)
    by_use = item.get("nuisance_by_use")
    if by_use is not None:
        if not isinstance(by_use, dict) or not all(
            isinstance(v, str) for v in by_use.values()
        ):
            raise ModelError('nuisance_by_use must be an object {"<use>": "<class>"}')
        strays = set(by_use) - set(uses)
        if strays:
            raise ModelError(
                "nuisance_by_use names uses not on the level: "
                + ", ".join(sorted(strays))
            )
        nuisance = dict(by_use)
    polygon = None
    if item.get("polygon") is not None:
        polygon = areal_from_geojson(item["polygon"], budget, single=True)
    return Level.of(
        height,
        uses,
        load_kn_m2=_optional(item, "load_kn_m2", float),
        access=_optional(item, "access", str),
        nuisance=nuisance,
        polygon=polygon,
    )
