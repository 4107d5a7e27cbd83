"""A bounded fuzz test of the opener and the importers (seeded mutations of seeds).

Valid seeds (a project file, a mixplan GeoJSON, a DXF plan, a shapefile) are
mutated with a fixed seed: bytes flipped, cut short, numbers swapped for extreme
values. Every mutant either opens or imports, or is refused with one
:class:`MixplanError` line (what the CLI turns into exit 2); never another
exception (exit 3), never a change to the file, never more than a few seconds.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import shapely
from store_projects import rich_project

from mixplan.model.errors import MixplanError
from mixplan.store import open_project, save_project
from mixplan.store.importing import ImportOptions, plan_import

CASES = 40
EXTREMES = [
    "1e308",
    "-1e308",
    "1e-320",
    "NaN",
    "Infinity",
    "9" * 401,
    "null",
    "[]",
    '"x"',
    "{}",
    "-0",
    "true",
    "[" * 50 + "]" * 50,
]


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _cut(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _numbers(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8")
    spans = [m.span() for m in re.finditer(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", text)]
    for start, end in sorted(rng.sample(spans, min(4, len(spans))), reverse=True):
        text = text[:start] + rng.choice(EXTREMES) + text[end:]
    return text.encode("utf-8")


def _mutants(
    seed: bytes,
    rng: random.Random,
    mutations: list[Callable[[bytes, random.Random], bytes]],
) -> list[bytes]:
    return [rng.choice(mutations)(seed, rng) for _ in range(CASES)]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused_or_fine(action: Callable[[], object], path: Path) -> None:
    before = _sha(path)
    start = time.monotonic()
    try:
        action()
    except MixplanError as exc:
        assert "\n" not in str(exc)
    assert _sha(path) == before
    assert time.monotonic() - start < 30


def test_the_opener_survives_mutated_project_files(tmp_path: Path) -> None:
    rng = random.Random(1414)
    seed_path = tmp_path / "seed.mixplan.gpkg"
    save_project(rich_project(), seed_path)
    seed = seed_path.read_bytes()
    for n, mutant in enumerate(_mutants(seed, rng, [_flip, _flip, _cut])):
        path = tmp_path / f"m{n}.mixplan.gpkg"
        path.write_bytes(mutant)
        _refused_or_fine(lambda p=path: open_project(p), path)


@pytest.fixture
def target() -> object:
    project = rich_project()
    return project


def test_the_geojson_importer_survives_mutations(
    tmp_path: Path, target: object
) -> None:
    from mixplan.store.geojson import write_geojson

    rng = random.Random(1415)
    seed_path = tmp_path / "seed.geojson"
    project = rich_project()
    write_geojson(project, project.baseline.name, seed_path)
    seed = seed_path.read_bytes()
    json.loads(seed)
    for n, mutant in enumerate(_mutants(seed, rng, [_numbers, _numbers, _flip, _cut])):
        path = tmp_path / f"m{n}.geojson"
        path.write_bytes(mutant)
        _refused_or_fine(
            lambda p=path: plan_import(rich_project(), p, ImportOptions(scenario="X")),
            path,
        )


def test_the_dxf_importer_survives_mutations(tmp_path: Path) -> None:
    import ezdxf

    rng = random.Random(1416)
    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = 6
    msp = doc.modelspace()
    msp.add_lwpolyline(
        [(0, 0, 0, 0, 0.3), (20, 0), (20, 10), (0, 10)],
        format="xyseb",
        close=True,
        dxfattribs={"layer": "Floor"},
    )
    hatch = msp.add_hatch(dxfattribs={"layer": "Floor"})
    hatch.paths.add_polyline_path([(30, 0), (40, 0), (40, 10)], is_closed=True)
    block = doc.blocks.new("B")
    block.add_lwpolyline([(0, 0), (5, 0), (5, 5), (0, 5)], close=True)
    msp.add_blockref("B", (50, 0), dxfattribs={"layer": "Floor"}).grid(
        size=(3, 3), spacing=(6, 6)
    )
    seed_path = tmp_path / "seed.dxf"
    doc.saveas(seed_path)
    seed = seed_path.read_bytes()
    options = ImportOptions(scenario="X", layer_map="Floor=office", origin=(0.0, 0.0))
    for n, mutant in enumerate(_mutants(seed, rng, [_numbers, _numbers, _flip, _cut])):
        path = tmp_path / f"m{n}.dxf"
        path.write_bytes(mutant)
        _refused_or_fine(lambda p=path: plan_import(rich_project(), p, options), path)


def test_the_shapefile_importer_survives_mutations(tmp_path: Path) -> None:
    from pyogrio.raw import write

    rng = random.Random(1417)
    squares = [
        shapely.box(660000 + i * 30, 6865000, 660020 + i * 30, 6865020)
        for i in range(8)
    ]
    seed_dir = tmp_path / "seed"
    seed_dir.mkdir()
    write(
        seed_dir / "s.shp",
        np.array(shapely.to_wkb(squares), dtype=object),
        [np.array([f"b{i}" for i in range(8)], dtype=object), np.arange(8.0)],
        fields=["name", "hauteur"],
        layer="s",
        driver="ESRI Shapefile",
        geometry_type="Polygon",
        crs="EPSG:2154",
    )
    parts = {p.suffix: p.read_bytes() for p in seed_dir.iterdir()}
    for n in range(CASES // 2):
        folder = tmp_path / f"m{n}"
        folder.mkdir()
        victim = rng.choice([".shp", ".dbf", ".shx", ".prj"])
        for suffix, data in parts.items():
            mutate = rng.choice([_flip, _cut]) if suffix == victim else None
            (folder / f"s{suffix}").write_bytes(mutate(data, rng) if mutate else data)
        path = folder / "s.shp"
        _refused_or_fine(
            lambda p=path: plan_import(rich_project(), p, ImportOptions(scenario="X")),
            folder / f"s{victim}",
        )
