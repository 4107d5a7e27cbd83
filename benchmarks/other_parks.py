"""Parks no one tuned the engine for: variants of the varied park, and real data.

The varied park (``synthetic.varied_project``) is one layout; the engine's
figures against the bare floor depend on the layout as much as on the engine
(the floor's STRtree query is dearer where buildings are close). These parks
change one thing each: other seeds, more levels, three uses on some levels,
footprints of 20-60 vertices, rows of buildings sharing walls (terraces, a
fifth overlapping the next by 0.1-0.5 m as digitised), four scenarios changing
10-100 %, a wavy site boundary through the outer buildings, long French names,
and the BD TOPO buildings of Olemps (``../shared/data``, imported as a user
imports them) tiled to the size asked. Each has a baseline "Existing" and a
scenario named "Scenario" (what the editor benchmarks switch to).

``PARKS`` maps a name to ``f(n) -> Project``; see ``bench_other_parks.py``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import shapely
import synthetic
from shapely import affinity
from shapely.geometry import Polygon, box

from mixplan.model import Building, Level, Project, Site
from mixplan.model.commands import (
    AddBuildings,
    AddLevel,
    AddScenario,
    RemoveBuildings,
    ReplaceBuildings,
    SetLevel,
)

X0, Y0 = synthetic.X0, synthetic.Y0
USES = np.array(synthetic._VARIED_USES)
NUIS = synthetic._NUISANCE
NUIS_W = synthetic._NUISANCE_WEIGHTS

LONG_NAMES = (
    "Ancienne manufacture de chaussures et ateliers de la Société générale "
    "d'équipement",
    "Entrepôt frigorifique de la Coopérative agricole régionale Saint-Éloi-les-Œillets",
    "Halle de maintenance ferroviaire réhabilitée — îlot des Tanneurs, lot B-3 bis",
    "Résidence intergénérationnelle « Les Jardins de l'Hôtel-Dieu » et pôle de santé",
    "Hôtel d'activités artisanales et plateforme de logistique urbaine décarbonée",
)


def star(cx: float, cy: float, r: float, k: int, rng: np.random.Generator) -> Polygon:
    """An irregular star-shaped polygon of ``k`` vertices around (cx, cy)."""
    angles = np.sort(rng.uniform(0, 2 * math.pi, k))
    radii = r * rng.uniform(0.45, 1.0, k)
    pts = np.round(np.c_[cx + radii * np.cos(angles), cy + radii * np.sin(angles)], 3)
    p = Polygon(pts)
    if not p.is_valid:
        p = shapely.make_valid(p)
        if p.geom_type != "Polygon":
            p = max(p.geoms, key=lambda g: g.area) if hasattr(p, "geoms") else p
    return p


def _levels(
    rng, count: int, footprint, center, three: bool
) -> tuple[tuple[Level, ...], int]:
    basements = 1 if rng.random() < 0.1 and count > 1 else 0
    stack = []
    for position in range(count):
        nuse = 3 if three and rng.random() < 0.3 else 2
        picked = [str(u) for u in rng.choice(USES, nuse, replace=False)]
        cuts = np.sort(np.round(rng.uniform(0.05, 0.95, nuse - 1), 3))
        shares = np.diff(np.r_[0.0, cuts, 1.0])
        shares = [round(float(s), 3) for s in shares]
        shares[-1] = round(1 - sum(shares[:-1]), 3)
        if min(shares) <= 0:
            picked, shares = picked[:1], [1.0]
        load = None if rng.random() < 0.3 else round(float(rng.uniform(2.5, 20.0)), 1)
        access = (
            (None, "street", "yard", "none", "ramp")[int(rng.integers(5))]
            if position == basements
            else None
        )
        nuisance = NUIS[int(rng.choice(len(NUIS), p=NUIS_W))]
        polygon = None
        if position == count - 1 and count > 2 and rng.random() < 0.2:
            polygon = affinity.scale(footprint, 0.6, 0.6, origin=center)
            if not polygon.is_valid or not footprint.contains(polygon):
                polygon = None
        stack.append(
            Level.of(
                round(float(rng.uniform(2.5, 6.5)), 2),
                dict(zip(picked, shares, strict=True)),
                load_kn_m2=load,
                access=access,
                nuisance=nuisance,
                polygon=polygon,
            )
        )
    return tuple(stack), basements


def hunt_project(
    n: int,
    *,
    seed: int = 0,
    shape: str = "box",  # box | poly (20-60 vertices)
    layout: str = "grid",  # grid | cluster | terrace | edge
    levels: tuple[int, int] = (3, 7),  # levels drawn in [lo, hi]
    scenarios: tuple[float, ...] = (
        0.66,
    ),  # share of buildings changed, one a scenario
    names: str = "short",  # short | long
    three: bool = False,
) -> Project:
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n)))
    spacing = 30.0
    extent = side * spacing
    project = Project.new(f"hunt-{n}")
    site_box = box(X0 - 10, Y0 - 10, X0 + extent + 10, Y0 + extent + 10)
    project.site = Site(
        site_box, "Parc d'activités économiques de la Vallée-de-l'Œuvre"
    )
    if layout == "cluster":
        nclusters = max(1, n // 40)
        centers = rng.uniform(0, extent, (nclusters, 2))
    if layout == "edge":
        # a wavy site boundary (600 vertices) through the outer ring of buildings
        t = np.linspace(0, 1, 150 if side >= 100 else 400, endpoint=False)
        lo, hi = X0 + 15, X0 + extent - 15
        waves = 40 if side >= 100 else max(2, side // 3)
        wave = lambda u: 6 * np.sin(u * 2 * math.pi * waves)  # noqa: E731
        ring = np.r_[
            np.c_[lo + t * (hi - lo), Y0 + 15 + wave(t)],
            np.c_[hi + wave(t), Y0 + 15 + t * (hi - lo)],
            np.c_[hi - t * (hi - lo), Y0 + extent - 15 + wave(t)],
            np.c_[lo + wave(t), Y0 + extent - 15 - t * (hi - lo)],
        ]
        project.site = Site(Polygon(np.round(ring, 3)), project.site.name)
    baseline = project.baseline.buildings
    row = 8
    for k in range(n):
        if layout == "grid" or layout == "edge":
            cx = X0 + (k % side) * spacing + 15 + float(rng.uniform(-2, 2))
            cy = Y0 + (k // side) * spacing + 15 + float(rng.uniform(-2, 2))
        elif layout == "cluster":
            c = centers[k % len(centers)]
            cx = X0 + float(c[0] + rng.normal(0, 25))
            cy = Y0 + float(c[1] + rng.normal(0, 25))
        else:
            cx = cy = 0.0
        cx, cy = round(cx, 3), round(cy, 3)
        if layout == "terrace":
            # rows of 8 buildings sharing walls (a fifth overlapping their
            # neighbour by 0.1-0.5 m, as digitised), 2 rows back to back, 8 m streets
            per_row = side  # rows `side` buildings long... in segments of `row`
            r, c = divmod(k, per_row)
            if c == 0:
                x_at = X0
            if c % row == 0 and c:
                x_at += 8.0  # a lane between segments
            w = round(float(rng.uniform(8, 20)), 3)
            overlap = float(rng.uniform(0.1, 0.5)) if rng.random() < 0.2 else 0.0
            x0_ = round(x_at - overlap, 3)
            y0_ = Y0 + (r // 2) * 2 * 22.0 + (r // 2) * 8.0 + (r % 2) * 22.0
            h = 22.0 if rng.random() < 0.7 else round(float(rng.uniform(12, 22)), 3)
            if r % 2:
                footprint = box(x0_, y0_, x0_ + w, y0_ + h)
            else:
                footprint = box(x0_, y0_ + 22.0 - h, x0_ + w, y0_ + 22.0)
            x_at = x0_ + w
            cx, cy = footprint.centroid.x, footprint.centroid.y
        elif shape == "poly":
            footprint = star(
                cx, cy, float(rng.uniform(6, 15)), int(rng.integers(20, 61)), rng
            )
        else:
            w, h = float(rng.uniform(8, 27)), float(rng.uniform(8, 27))
            footprint = box(
                round(cx - w / 2, 3),
                round(cy - h / 2, 3),
                round(cx + w / 2, 3),
                round(cy + h / 2, 3),
            )
            if rng.random() < 0.3:
                footprint = footprint.difference(box(cx, cy, cx + w, cy + h))
        count = int(rng.integers(levels[0], levels[1] + 1))
        stack, basements = _levels(rng, count, footprint, (cx, cy), three)
        name = (
            f"{LONG_NAMES[k % len(LONG_NAMES)]} n° {k}"
            if names == "long"
            else f"Bâtiment {k}"
        )
        baseline[f"b{k}"] = synthetic.equipped(
            Building(f"b{k}", name, footprint, stack), basements, rng
        )
    synthetic.cover_strips(project, side, spacing, extent)
    add_scenarios(project, rng, scenarios)
    return project


def add_scenarios(
    project: Project, rng: np.random.Generator, fractions: tuple[float, ...]
) -> None:
    """One scenario per fraction, made with the editor's commands: that share of
    the baseline changed (half raised by a housing storey, a quarter given a
    new ground floor, an eighth demolished, an eighth replaced by a new
    building beside), the rest kept. The first is named "Scenario"."""
    baseline = project.baseline.buildings
    for i, fraction in enumerate(fractions):
        name = "Scenario"
        if i:
            name = f"Variante {i} — densification à {int(fraction * 100)} %"
        AddScenario(name).apply(project)
        changed: list[Building] = []
        removed: list[str] = []
        added: list[Building] = []
        for k, (bid, b) in enumerate(baseline.items()):
            if rng.random() >= fraction:
                continue
            fate = int(rng.integers(8))
            if fate < 4:
                storey = (round(float(rng.uniform(2.7, 3.4)), 2), HOUSING_STOREY)
                changed.append(AddLevel(name, bid, Level.of(*storey)).edit(b))
            elif fate < 6:
                height = round(float(rng.uniform(4.0, 7.0)), 2)
                load = round(float(rng.uniform(5, 15)), 1)
                ground = Level.of(height, WORKSHOP, load_kn_m2=load, **STREET_DC)
                edit = SetLevel(name, bid, b.basements, lambda _, g=ground: g)
                changed.append(edit.edit(b))
            else:
                removed.append(bid)
                if fate == 7:
                    x0, y0, _, _ = b.footprint.bounds
                    outline = box(x0, y0, x0 + 14, y0 + 12)
                    added.append(Building(f"n{i}_{k}", f"Nouveau {k}", outline, NEW))
        ReplaceBuildings(name, changed).apply(project)
        RemoveBuildings(name, removed).apply(project)
        AddBuildings(name, added).apply(project)


#: What the scenarios build: a housing storey on top, a workshop ground floor
#: (with its access and nuisance class), and a new building's levels.
HOUSING_STOREY = {"housing": 0.9, "third_place": 0.1}
WORKSHOP = {"craft": 0.5, "retail": 0.5}
STREET_DC = {"access": "street", "nuisance": "DC"}
NEW = (
    Level.of(
        5.2, {"urban_logistics": 0.7, "office": 0.3}, load_kn_m2=12.5, access="yard"
    ),
    Level.of(3.1, {"housing": 0.8, "craft": 0.2}),
    Level.of(2.95, "housing"),
)


OLEMPS = Path("shared") / "data" / "bdtopo_olemps_12174" / "BATIMENT.shp"


def olemps_source() -> Path | None:
    """The BD TOPO Olemps buildings, in ``shared/data`` beside the checkout (or
    beside a folder above it: a worktree); ``None`` when absent."""
    for folder in Path(__file__).resolve().parents[1:]:
        if (folder.parent / OLEMPS).exists():
            return folder.parent / OLEMPS
    return None


def olemps_project(n: int, seed: int = 0, fractions=(0.66,)) -> Project:
    """The BD TOPO Olemps buildings (imported as a user imports them) tiled with
    offsets to ``n`` buildings, and a scenario."""
    from mixplan.store.importing import ImportOptions, import_source

    source = olemps_source()
    if source is None:
        raise FileNotFoundError(f"no {OLEMPS} beside the checkout")
    src = Project.new("olemps")
    import_source(src, source, ImportOptions())
    base = list(src.baseline.buildings.values())
    bounds = shapely.total_bounds(np.array([b.footprint for b in base], dtype=object))
    w, h = bounds[2] - bounds[0] + 50, bounds[3] - bounds[1] + 50
    tiles = math.ceil(n / len(base))
    per_row = math.ceil(math.sqrt(tiles))
    project = Project.new(f"olemps-{n}")
    out = project.baseline.buildings
    k = 0
    for t in range(tiles):
        dx, dy = (t % per_row) * w, (t // per_row) * h
        for b in base:
            if k >= n:
                break
            fp = affinity.translate(b.footprint, dx, dy)
            levels = tuple(
                lv
                if lv.polygon is None
                else replace(lv, polygon=affinity.translate(lv.polygon, dx, dy))
                for lv in b.levels
            )
            bid = f"t{t}_{b.id}"
            out[bid] = replace(b, id=bid, footprint=fp, levels=levels)
            k += 1
    x0, y0 = bounds[0] - 20, bounds[1] - 20
    project.site = Site(
        box(x0, y0, x0 + per_row * w + 40, y0 + math.ceil(tiles / per_row) * h + 40),
        f"Olemps ×{tiles}",
    )
    add_scenarios(project, np.random.default_rng(seed), fractions)
    return project


PARKS: dict[str, Callable[[int], Project]] = {
    "varied-s1": lambda n: synthetic.varied_project(n, seed=1),
    "varied-s7": lambda n: synthetic.varied_project(n, seed=7),
    "varied-9lv": lambda n: synthetic.varied_project(n, levels=9, seed=3),
    "poly": lambda n: hunt_project(n, seed=11, shape="poly"),
    "terrace": lambda n: hunt_project(n, seed=18, layout="terrace"),
    "grid": lambda n: hunt_project(n, seed=19),
    "lv3-9": lambda n: hunt_project(n, seed=14, levels=(3, 9), three=True),
    "scen4": lambda n: hunt_project(n, seed=15, scenarios=(0.1, 0.4, 0.8, 1.0)),
    "edge": lambda n: hunt_project(n, seed=16, layout="edge"),
    "longnames": lambda n: hunt_project(n, seed=17, names="long"),
    "olemps": lambda n: olemps_project(n),
}
