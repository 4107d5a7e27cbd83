"""Reading a project back from the tables of :mod:`mixplan.store.gpkg_schema`.

Every value passes through the model's own checks, so a tampered file cannot
produce an invalid project; a failing row is named in the error (scenario,
building, level). Identical levels and allocations are shared between buildings
(they are immutable values), which keeps opening a 10,000-building project fast.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

from mixplan.model.context import ContextLayer
from mixplan.model.errors import MixplanError, ModelError
from mixplan.model.finance import (
    REQUIRED_KEYS,
    Assumption,
    FinancialAssumptions,
    check_key,
)
from mixplan.model.finance_defaults import DEFAULT_ASSUMPTIONS
from mixplan.model.geometry import polygons_checked
from mixplan.model.phasing import Hosting, Occupant, Phase
from mixplan.model.presets import Preset
from mixplan.model.project import (
    Allocation,
    Building,
    GroundCover,
    Level,
    Project,
    Removal,
    Scenario,
    Site,
)
from mixplan.model.report_options import ReportOptions
from mixplan.model.rulebook import PARAMETERS, Rulebook
from mixplan.model.sameness import kept_version
from mixplan.model.typologies import typology_from_json
from mixplan.store.crs import epsg_code
from mixplan.store.gpkg_blob import BlobError, decode_blobs
from mixplan.store.progress import Progress, Span, nothing_reported

__all__ = ["read_project"]


class RowError(ModelError):
    """A row that does not make a valid model value; the message names it."""


def _geometries(
    blobs: list[bytes], what: str, name_of: Callable[[int], str] | None = None
) -> list[Any]:
    """The geometries of ``blobs``; a bad one is named by ``name_of(its number)``.

    (Named only then: making 20,000 names for nothing took ~10 ms of an open.)
    """
    try:
        return decode_blobs(blobs)
    except BlobError:
        pass
    for number, blob in enumerate(blobs):  # find the culprit to name it
        try:
            decode_blobs([blob])
        except BlobError as exc:
            name = name_of(number) if name_of else f"row {number + 1}"
            raise RowError(f"{what} of {name}: {exc}") from None
    raise AssertionError("unreachable")  # pragma: no cover


def _single(geometry: Any, single_polygon: int) -> Any:
    if (
        single_polygon
        and geometry.geom_type == "MultiPolygon"
        and len(geometry.geoms) == 1
    ):
        return geometry.geoms[0]
    return geometry


def _read_meta(connection: sqlite3.Connection) -> dict[str, str]:
    return dict(connection.execute("SELECT key, value FROM mixplan_meta"))


_MAX_CONTEXT_LAYERS = 200


def _read_context_layers(meta: dict[str, str]) -> tuple[ContextLayer, ...]:
    """The base maps and reference layers the project refers to (none if unset)."""
    text = meta.get("context_layers") or "[]"
    if len(text) > 1_000_000:
        raise RowError("the list of context layers is over 1 MB")
    try:
        values = json.loads(text)
    except (ValueError, RecursionError):
        raise RowError("the list of context layers is not valid JSON") from None
    if not isinstance(values, list) or len(values) > _MAX_CONTEXT_LAYERS:
        raise RowError(
            f"the context layers are not a list of at most {_MAX_CONTEXT_LAYERS}"
        )
    try:
        return tuple(ContextLayer.from_json(v) for v in values)
    except ModelError as exc:
        raise RowError(str(exc)) from None


def _read_typologies(meta: dict[str, str]) -> tuple[Preset, ...]:
    """The project's own typologies (none if unset)."""
    text = meta.get("typologies") or "[]"
    if len(text) > 5_000_000:
        raise RowError("the project's typologies are over 5 MB")
    try:
        values = json.loads(text)
    except (ValueError, RecursionError):
        raise RowError("the project's typologies are not valid JSON") from None
    if not isinstance(values, list) or len(values) > 1000:
        raise RowError("the project's typologies are not a list of at most 1,000")
    try:
        typologies = tuple(typology_from_json(v) for v in values)
    except ModelError as exc:
        raise RowError(str(exc)) from None
    if len({t.key for t in typologies}) != len(typologies):
        raise RowError("two of the project's typologies have the same key")
    return typologies


def _read_report_options(meta: dict[str, str]) -> ReportOptions:
    """The report options saved with the project (the defaults if unset)."""
    text = meta.get("report_options")
    if not text:
        return ReportOptions()
    if len(text) > 1_000_000:
        raise RowError("the report options are over 1 MB")
    try:
        return ReportOptions.from_json(json.loads(text))
    except (ValueError, RecursionError):
        raise RowError("the report options are not valid JSON") from None
    except ModelError as exc:
        raise RowError(str(exc)) from None


def _read_site(connection: sqlite3.Connection) -> Site | None:
    rows = connection.execute(
        "SELECT geom, name, single_polygon FROM site ORDER BY fid"
    ).fetchall()
    if not rows:
        return None
    if len(rows) > 1:
        raise RowError(f"the site table has {len(rows)} rows, not one")
    blob, name, single = rows[0]
    (geometry,) = _geometries([blob], "boundary", lambda _: "the site")
    try:
        return Site(_single(geometry, single), name or "")
    except ModelError as exc:
        raise RowError(f"site: {exc}") from None


def _read_rulebook(connection: sqlite3.Connection) -> Rulebook:
    rulebook = Rulebook()
    for section, name, text in connection.execute(
        "SELECT section, name, value FROM mixplan_rulebook"
    ):
        if (section, name) not in PARAMETERS:
            continue  # a parameter this version no longer has
        try:
            rulebook.set(section, name, json.loads(text))
        except (ModelError, ValueError) as exc:
            raise RowError(f"rulebook {section}.{name}: {exc}") from None
    return rulebook


def _read_assumptions(connection: sqlite3.Connection) -> FinancialAssumptions:
    """The financial assumptions; none stored (a schema-1 file) gives the defaults.

    A key this version does not know is skipped; a required key missing takes
    its default; a value out of range is a damaged row.
    """
    rows = connection.execute(
        "SELECT key, value, source, year, status FROM mixplan_assumptions"
    ).fetchall()
    if not rows:
        return FinancialAssumptions.defaults()
    entries: dict[str, Assumption] = {}
    for key, value, source, year, status in rows:
        try:
            check_key(key)
        except ModelError:
            continue  # an assumption this version no longer has
        try:
            entries[key] = Assumption(value, source, year, status).checked_for(key)
        except ModelError as exc:
            raise RowError(f"assumption {key}: {exc}") from None
    for key in REQUIRED_KEYS:
        entries.setdefault(key, DEFAULT_ASSUMPTIONS[key])
    return FinancialAssumptions(entries)


class _Interner:
    """Shares equal allocations and levels: a project repeats them a lot.

    Levels are looked up by their raw row values (plain tuples hash in C), so a
    level seen before costs one dictionary lookup and no model construction.
    """

    def __init__(self) -> None:
        self.allocations: dict[tuple[Any, ...], Allocation] = {}
        self.levels: dict[tuple[Any, ...], Level] = {}

    def allocation(self, raw: tuple[Any, ...]) -> Allocation:
        found = self.allocations.get(raw)
        if found is None:
            found = self.allocations[raw] = Allocation(*raw)
        return found

    def level(
        self,
        height: float,
        uses: tuple[tuple[Any, ...], ...],
        load: float | None,
        access: str | None,
        polygon: Any,
    ) -> Level:
        key = (height, uses, load, access)
        found = None if polygon is not None else self.levels.get(key)
        if found is None:
            allocations = tuple(self.allocation(raw) for raw in uses)
            found = Level(height, allocations, load, access, polygon)
            if polygon is None:
                self.levels[key] = found
        return found


def _read_levels(
    connection: sqlite3.Connection,
    checks: ExitStack,
    progress: Progress = nothing_reported,
) -> dict[tuple[str, str], tuple[Level, ...]]:
    """Levels of every building, bottom-up, keyed by ``(scenario, building_id)``.

    Both queries walk an index in storey order, so rows arrive grouped and sorted
    and a single pass groups them (no per-level sort: 10,000 buildings × 5 levels).
    The levels' own polygons are checked in bulk, for as long as ``checks`` lasts
    (:func:`~mixplan.model.geometry.polygons_checked`). ``progress`` is told the
    fraction of this step done.
    """
    interner = _Interner()
    uses_of: dict[tuple[str, str, int], list[tuple[Any, ...]]] = {}
    key: tuple[str, str, int] | None = None
    current: list[tuple[Any, ...]] = []
    # (read in one go: in batches, reporting between them, it took 10 % longer)
    for row in connection.execute(
        "SELECT scenario, building_id, level_position, use_code, share, nuisance "
        "FROM allocations ORDER BY scenario, building_id, level_position, position"
    ):
        if key is None or key[2] != row[2] or key[1] != row[1] or key[0] != row[0]:
            key = row[:3]
            current = uses_of[key] = []
        current.append(row[3:])
    progress(0.35)
    rows = connection.execute(
        "SELECT scenario, building_id, position, height_m, load_kn_m2, access, "
        "polygon FROM levels ORDER BY scenario, building_id, position"
    ).fetchall()
    progress(0.5)
    own = [r for r in rows if r[6] is not None]
    decoded = _geometries(
        [r[6] for r in own],
        "polygon",
        lambda n: f"scenario {own[n][0]!r}, building {own[n][1]!r}, level {own[n][2]}",
    )
    checks.enter_context(polygons_checked(decoded))
    polygons = dict(zip(((r[0], r[1], r[2]) for r in own), decoded, strict=True))
    levels: dict[tuple[str, str], list[Level]] = {}
    stack: list[Level] = []
    owner: tuple[str, str] | None = None
    for scenario, building, position, height, load, access, blob in Span(
        progress, 0.5, 1.0
    ).rows(rows):
        if owner is None or owner[1] != building or owner[0] != scenario:
            owner = (scenario, building)
            stack = levels[owner] = []
        if position != len(stack):
            raise RowError(
                f"scenario {scenario!r}, building {building!r}: level positions "
                f"are not 0, 1, 2…"
            )
        where = (scenario, building, position)
        try:
            uses = tuple(uses_of.pop(where, ()))  # raw (use, share, nuisance)
            polygon = polygons[where] if blob is not None else None
            stack.append(interner.level(height, uses, load, access, polygon))
        except (ModelError, TypeError) as exc:
            raise RowError(
                f"scenario {scenario!r}, building {building!r}, level {position}: {exc}"
            ) from None
    if uses_of:
        scenario, building, level = next(iter(uses_of))
        raise RowError(
            f"scenario {scenario!r}, building {building!r}: allocations for a "
            f"missing level {level}"
        )
    found = {k: tuple(v) for k, v in levels.items()}
    _let_go(rows)
    _let_go(list(interner.allocations), interner.allocations)
    _let_go(list(interner.levels), interner.levels)
    return found


def _let_go(items: list[Any], owner: dict[Any, Any] | None = None) -> None:
    """Free a large list (and the dict its items are the keys of) a slice at a time.

    Freeing 10⁵ rows at once is one C call holding the GIL for tens of ms, and a
    project opens in a thread while the window runs: its paints waited for it.
    """
    if owner is not None:
        owner.clear()
    while items:
        del items[-2048:]


@dataclass
class _Changes:
    """What the rows say a scenario keeps, changed from, and removes."""

    kept: list[str] = field(default_factory=list)
    changed_from: dict[str, str] = field(default_factory=dict)
    removed: list[tuple[str, int | None]] = field(default_factory=list)


def _read_buildings(
    connection: sqlite3.Connection,
    checks: ExitStack,
    progress: Progress = nothing_reported,
) -> tuple[dict[str, list[Building]], dict[str, _Changes]]:
    """Buildings by scenario (kept ones as placeholders) and each scenario's changes.

    A kept row has no levels: its building is resolved against the baseline by
    :func:`_resolve_kept` once every scenario is read. The footprints and the
    levels' polygons are checked in bulk, for as long as ``checks`` lasts (a kept
    building is a copy of its baseline's). ``progress`` is told the fraction of
    this step done (the levels are two thirds of it).
    """
    levels = _read_levels(connection, checks, Span(progress, 0.0, 0.65).at_fraction)
    rows = connection.execute(
        "SELECT geom, scenario, building_id, name, origin, basements, "
        "freight_lift_kg, ramp, loading_bays, parking_spaces, roof, shared, "
        "kept, changed_from, demolished_in, delivered_in, occupants, hosts, "
        "common_parts FROM buildings ORDER BY scenario, sort_key"
    ).fetchall()
    footprints = _geometries(
        [r[0] for r in rows],
        "footprint",
        lambda n: f"scenario {rows[n][1]!r}, building {rows[n][2]!r}",
    )
    checks.enter_context(polygons_checked(footprints))
    progress(0.8)
    by_scenario: dict[str, list[Building]] = defaultdict(list)
    changes: dict[str, _Changes] = defaultdict(_Changes)
    for row, footprint in zip(
        Span(progress, 0.8, 1.0).rows(rows), footprints, strict=True
    ):
        (
            _,
            scenario,
            ident,
            name,
            origin,
            basements,
            lift,
            ramp,
            bays,
            spaces,
            roof,
            shared,
            kept,
            changed_from,
            demolished_in,
            delivered_in,
            occupants,
            hosts,
            common_parts,
        ) = row
        if kept:
            if (scenario, ident) in levels:
                raise RowError(
                    f"scenario {scenario!r}: kept building {ident!r} "
                    "has levels of its own"
                )
            changes[scenario].kept.append(ident)
            by_scenario[scenario].append(_KeptPlaceholder(ident))  # type: ignore[arg-type]
            continue
        if changed_from is not None:
            changes[scenario].changed_from[ident] = str(changed_from)
        try:
            building = Building(
                ident,
                name or "",
                footprint,
                levels.pop((scenario, ident), ()),
                origin,
                basements,
                lift,
                bool(ramp),
                bays,
                spaces,
                roof,
                bool(shared),
                demolished_in,
                delivered_in,
                _firms(occupants, Occupant, ident),
                _firms(hosts, Hosting, ident),
                bool(common_parts),
            )
        except ModelError as exc:
            raise RowError(f"scenario {scenario!r}: {exc}") from None
        by_scenario[scenario].append(building)
    if levels:
        scenario, ident = next(iter(levels))
        raise RowError(f"scenario {scenario!r}: levels of a missing building {ident!r}")
    for scenario, ident, phase in connection.execute(
        "SELECT scenario, building_id, demolished_in FROM removals "
        "ORDER BY scenario, fid"
    ):
        changes[scenario].removed.append((ident, phase))
    _let_go(rows)
    return by_scenario, changes


@dataclass(frozen=True)
class _KeptPlaceholder:
    """Stands for a kept building until the baseline is read."""

    id: str


def _resolve_kept(scenarios: list[Scenario], changes: dict[str, _Changes]) -> None:
    """Replace kept placeholders by the baseline's buildings; set what is changed."""
    baseline = scenarios[0]
    if baseline.name in changes and (
        changes[baseline.name].kept or changes[baseline.name].removed
    ):
        raise RowError("the baseline keeps or removes buildings of itself")
    for scenario in scenarios[1:]:
        found = changes.get(scenario.name)
        if found is None:
            continue
        for ident in found.kept:
            base = baseline.buildings.get(ident)
            if base is None:
                raise RowError(
                    f"scenario {scenario.name!r}: kept building {ident!r} is not "
                    "in the baseline"
                )
            scenario.buildings[ident] = kept_version(base)
        scenario.kept = set(found.kept)
        scenario.changed_from = dict(found.changed_from)
        for ident, phase in found.removed:
            if ident not in baseline.buildings:
                raise RowError(
                    f"scenario {scenario.name!r}: removes {ident!r}, which is not "
                    "in the baseline"
                )
            try:
                scenario.removed[ident] = Removal(ident, phase)
            except ModelError as exc:
                raise RowError(f"scenario {scenario.name!r}: {exc}") from None


def _firms(text: str | None, kind: Any, building: str) -> tuple[Any, ...]:
    """Occupants or hosts from their JSON column."""
    if not text:
        return ()
    try:
        items = json.loads(text)
        return tuple(kind(**item) for item in items)
    except (ValueError, TypeError) as exc:
        raise ModelError(f"building {building}: unreadable firms ({exc})") from None


def _read_phases(connection: sqlite3.Connection) -> list[Phase]:
    phases: list[Phase] = []
    for number, name, start, end in connection.execute(
        "SELECT phase, name, start_date, end_date FROM phases ORDER BY phase"
    ):
        if number != len(phases) + 1:
            raise RowError("phases are not numbered 1, 2, 3…")
        try:
            phases.append(Phase(name or "", start, end))
        except ModelError as exc:
            raise RowError(f"phase {number}: {exc}") from None
    return phases


@dataclass
class _CoverChanges:
    """What the rows say a scenario keeps, changed from, and removes of the cover."""

    kept: list[str] = field(default_factory=list)
    changed_from: dict[str, str] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)


def _read_cover(
    connection: sqlite3.Connection,
) -> tuple[dict[str, list[GroundCover]], dict[str, _CoverChanges]]:
    """Covers by scenario (kept ones as their rows say) and each one's changes.

    A kept row's cover is replaced by the baseline's by :func:`_resolve_kept_cover`.
    """
    rows = connection.execute(
        "SELECT geom, scenario, cover_id, cover, single_polygon, spaces, kept, "
        "changed_from FROM ground_cover ORDER BY scenario, sort_key"
    ).fetchall()
    geometries = _geometries(
        [r[0] for r in rows],
        "polygon",
        lambda n: f"scenario {rows[n][1]!r}, cover {rows[n][2]!r}",
    )
    by_scenario: dict[str, list[GroundCover]] = defaultdict(list)
    changes: dict[str, _CoverChanges] = defaultdict(_CoverChanges)
    for (_, scenario, ident, cover, single, spaces, kept, changed), geometry in zip(
        rows, geometries, strict=True
    ):
        try:
            by_scenario[scenario].append(
                GroundCover(ident, cover, _single(geometry, single), spaces)
            )
        except ModelError as exc:
            raise RowError(f"scenario {scenario!r}: {exc}") from None
        if kept:
            changes[scenario].kept.append(ident)
        elif changed is not None:
            changes[scenario].changed_from[ident] = str(changed)
    for scenario, ident in connection.execute(
        "SELECT scenario, cover_id FROM cover_removals ORDER BY scenario, fid"
    ):
        changes[scenario].removed.append(ident)
    return by_scenario, changes


def _resolve_kept_cover(
    scenarios: list[Scenario], changes: dict[str, _CoverChanges]
) -> None:
    """Give kept covers the baseline's values; set what is changed and removed."""
    baseline = scenarios[0]
    found = changes.get(baseline.name)
    if found is not None and (found.kept or found.removed):
        raise RowError("the baseline keeps or removes ground covers of itself")
    base = baseline.cover
    for scenario in scenarios[1:]:
        found = changes.get(scenario.name)
        if found is None:
            continue
        for ident in found.kept:
            if ident not in base:
                raise RowError(
                    f"scenario {scenario.name!r}: kept ground cover {ident!r} is "
                    "not in the baseline"
                )
            scenario.cover[ident] = base[ident]
        for ident in found.removed:
            if ident not in base or ident in scenario.cover:
                raise RowError(
                    f"scenario {scenario.name!r}: removes ground cover {ident!r}, "
                    "which the baseline lacks or the scenario holds"
                )
        scenario.cover_kept = set(found.kept)
        scenario.cover_changed_from = {
            i: d for i, d in found.changed_from.items() if i in base
        }
        scenario.cover_removed = set(found.removed)


def read_project(
    connection: sqlite3.Connection, progress: Progress = nothing_reported
) -> Project:
    """The project stored in an open project-file connection (current schema).

    ``progress`` is told, now and then, the fraction of the read done.

    Raises
    ------
    RowError
        Naming the first row that does not make a valid model value.
    """
    meta = _read_meta(connection)
    with ExitStack() as checks:
        return _read_project(connection, meta, checks, progress)


def _read_project(
    connection: sqlite3.Connection,
    meta: dict[str, str],
    checks: ExitStack,
    progress: Progress,
) -> Project:
    """:func:`read_project`, its polygons checked in bulk while ``checks`` lasts."""
    buildings, changes = _read_buildings(
        connection, checks, Span(progress, 0.0, 0.93).at_fraction
    )
    cover, cover_changes = _read_cover(connection)
    scenarios = []
    for name, description in connection.execute(
        "SELECT name, description FROM scenarios ORDER BY position"
    ):
        try:
            scenarios.append(
                Scenario.of(
                    name,
                    buildings.pop(name, ()),
                    cover.pop(name, ()),
                    description or "",
                )
            )
        except ModelError as exc:
            raise RowError(str(exc)) from None
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise RowError(f"scenario names repeat: {names}")
    stray = next(iter(buildings), None) or next(iter(cover), None)
    if stray is not None:
        raise RowError(f"rows of scenario {stray!r}, which the file does not list")
    if not scenarios:
        raise RowError("the project has no scenario")
    stray_changes = (set(changes) | set(cover_changes)) - set(names)
    if stray_changes:
        raise RowError(
            f"rows of scenario {sorted(stray_changes)[0]!r}, which the file does "
            "not list"
        )
    _resolve_kept(scenarios, changes)
    _resolve_kept_cover(scenarios, cover_changes)
    crs = meta.get("crs", "")
    try:
        epsg_code(crs)
    except MixplanError:
        raise RowError(f"the project CRS {crs!r} is not of the form EPSG:N") from None
    project = Project(
        meta.get("project_name", ""),
        crs,
        _read_site(connection),
        scenarios,
        _read_rulebook(connection),
        meta.get("author", ""),
        _read_assumptions(connection),
        context_layers=_read_context_layers(meta),
        typologies=_read_typologies(meta),
        phases=_read_phases(connection),
        report_options=_read_report_options(meta),
    )
    progress(1.0)
    return project
