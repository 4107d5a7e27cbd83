"""Readers of untrusted files run in a child process with a time and memory limit.

The hostile sources are built here: a GeoPackage layer that is a view over a
recursive CTE, a ``--where`` with a recursive sub-query. Each costs the limit,
then one line; the source is byte-identical afterwards.
"""

from __future__ import annotations

import gc
import hashlib
import os
import signal
import sqlite3
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import shapely

import mixplan.store.sandbox as sandbox
from mixplan.model.errors import MixplanError
from mixplan.store.sandbox import run_apart, run_bounded

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
from clitools import call_cli  # noqa: E402

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX limits and signals")


def _forever() -> None:
    while True:
        time.sleep(0.05)


def _hungry() -> bytes:
    return bytearray(3 * 1024**3)  # type: ignore[return-value]


def _refuses() -> None:
    raise MixplanError("no layer 'x'; layers: a, b")


def _crashes() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


def _fails() -> None:
    raise ValueError("GDAL said\nsomething on two lines")


def _answers(n: int) -> dict[str, int]:
    return {"n": n, "pid": os.getpid()}


def _steps(n: int, progress) -> int:  # type: ignore[no-untyped-def]
    progress(0.001)  # per cent 0: the first one, passed on
    for k in range(1, n + 1):
        progress(k / n)
        progress(k / n + 0.001)  # the same per cent again: not passed on
    return os.getpid()


def _stages(progress) -> int:  # type: ignore[no-untyped-def]
    progress("evaluate")
    progress(0.5)
    progress("layout")
    progress("layout")  # a stage named again: passed on again
    return os.getpid()


def _frozen() -> int:
    return gc.get_freeze_count()


def _write_fails() -> None:
    raise ValueError("ezdxf said\nsomething")


def test_a_child_s_progress_comes_back_once_per_cent(tmp_path: Path) -> None:
    seen: list[float] = []
    pid = run_apart(_steps, 4, source=tmp_path, progress=seen.append)
    assert pid != os.getpid()
    assert seen == [0.001, 0.25, 0.5, 0.75, 1.0]


def test_a_child_s_named_stages_come_back_each_time(tmp_path: Path) -> None:
    seen: list[float | str] = []
    pid = run_apart(_stages, source=tmp_path, progress=seen.append)
    assert pid != os.getpid()
    assert seen == ["evaluate", 0.5, "layout", "layout"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked on Linux")
def test_a_forked_child_s_collector_leaves_what_it_inherits_alone(
    tmp_path: Path,
) -> None:
    gc.unfreeze()  # (what earlier work froze here)
    assert run_apart(_frozen, source=tmp_path) > 1000
    assert gc.get_freeze_count() == 0  # here, nothing is frozen


@POSIX
def test_a_writer_s_failures_say_it_was_writing_and_name_the_file(
    tmp_path: Path,
) -> None:
    target = tmp_path / "plan.dxf"
    with pytest.raises(
        MixplanError, match=r"^the writer of the DXF crashed on this file .SIGSEGV.$"
    ) as crashed:
        run_apart(_crashes, source=target, what="the DXF", doing="write")
    assert crashed.value.path == str(target)
    with pytest.raises(MixplanError) as failed:
        run_apart(_write_fails, source=target, what="the DXF", doing="write")
    assert (
        str(failed.value) == "cannot write the DXF (ValueError: ezdxf said something)"
    )
    assert failed.value.path == str(target)
    assert not target.exists()


def test_the_result_comes_back_from_another_process(tmp_path: Path) -> None:
    result = run_bounded(_answers, 42, source=tmp_path)
    assert result["n"] == 42 and result["pid"] != os.getpid()


def test_past_its_time_limit_the_reader_is_stopped(tmp_path: Path) -> None:
    start = time.monotonic()
    with pytest.raises(
        MixplanError, match=r"layer 'v' takes too long to read \(stopped after 0.5 s\)"
    ):
        run_bounded(_forever, source=tmp_path, what="layer 'v'", seconds=0.5)
    assert time.monotonic() - start < 10


@POSIX
def test_past_its_memory_limit_the_reader_is_stopped(tmp_path: Path) -> None:
    with pytest.raises(MixplanError, match="needs more than 0.25 GiB of memory"):
        run_bounded(_hungry, source=tmp_path, memory_bytes=256 * 1024**2)


@POSIX
def test_a_crashing_reader_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(MixplanError, match="crashed on this file .SIGSEGV."):
        run_bounded(_crashes, source=tmp_path)


def test_refusals_and_failures_keep_their_message_on_one_line(tmp_path: Path) -> None:
    with pytest.raises(MixplanError, match="no layer 'x'; layers: a, b") as refused:
        run_bounded(_refuses, source=tmp_path)
    assert refused.value.path == str(tmp_path)
    with pytest.raises(MixplanError) as failed:
        run_bounded(_fails, source=tmp_path)
    assert str(failed.value) == (
        "cannot read the file (ValueError: GDAL said something on two lines)"
    )


RECURSIVE = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"


@pytest.fixture
def evil_geopackage(tmp_path: Path) -> Path:
    from pyogrio.raw import write

    path = tmp_path / "evil.gpkg"
    squares = [
        shapely.box(660000 + i * 30, 6865000, 660020 + i * 30, 6865020)
        for i in range(5)
    ]
    write(
        path,
        np.array(shapely.to_wkb(squares), dtype=object),
        [np.array([f"b{i}" for i in range(5)], dtype=object)],
        fields=["name"],
        layer="good",
        driver="GPKG",
        geometry_type="Polygon",
        crs="EPSG:2154",
    )
    db = sqlite3.connect(path)
    db.execute(
        f"CREATE VIEW evil_view AS {RECURSIVE} SELECT g.fid + n.i * 0 AS fid, "
        "g.geom AS geom, g.name AS name FROM good g, n"
    )
    db.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
        "VALUES ('evil_view', 'features', 'evil_view', 2154)"
    )
    db.execute(
        "INSERT INTO gpkg_geometry_columns VALUES "
        "('evil_view', 'geom', 'POLYGON', 2154, 0, 0)"
    )
    db.commit()
    db.close()
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (("--layer", "evil_view"), "layer 'evil_view' takes too long to read"),
        (
            ("--layer", "good", "--where", f"fid IN ({RECURSIVE} SELECT i FROM n)"),
            "filtered by --where",
        ),
    ],
)
def test_a_view_or_filter_that_never_ends_costs_seconds(
    evil_geopackage: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    options: tuple[str, ...],
    words: str,
) -> None:
    from store_projects import rich_project

    from mixplan.store import save_project

    project = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), project)
    before = _sha(project), _sha(evil_geopackage)
    monkeypatch.setattr(sandbox, "READ_SECONDS", 2.0)
    start = time.monotonic()
    result = call_cli("import", project, evil_geopackage, *options, "--scenario", "X")
    result.assert_one_line_error(evil_geopackage, words, "stopped after 2 s")
    assert time.monotonic() - start < 20
    assert (_sha(project), _sha(evil_geopackage)) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil.gpkg", "p.mixplan.gpkg"]


def test_a_view_layer_that_ends_is_read_and_the_report_says_it_is_a_view(
    evil_geopackage: Path, tmp_path: Path
) -> None:
    from store_projects import rich_project

    from mixplan.store import save_project

    db = sqlite3.connect(evil_geopackage)
    db.execute("CREATE VIEW tidy_view AS SELECT fid, geom, name FROM good")
    db.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
        "VALUES ('tidy_view', 'features', 'tidy_view', 2154)"
    )
    db.execute(
        "INSERT INTO gpkg_geometry_columns VALUES "
        "('tidy_view', 'geom', 'POLYGON', 2154, 0, 0)"
    )
    db.commit()
    db.close()
    project = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), project)
    before = _sha(evil_geopackage)
    for layer, is_view in (("tidy_view", True), ("good", False)):
        result = call_cli(
            "import", project, evil_geopackage, "--layer", layer, "--scenario", layer
        )
        assert result.code == 0, result.err
        assert ("is a view of the GeoPackage" in result.out) is is_view, result.out
    assert _sha(evil_geopackage) == before


def test_the_windows_job_limit_structure_has_the_documented_layout() -> None:
    """Windows is not run here: the ctypes layout is checked against the SDK's
    64-bit sizes (JOBOBJECT_EXTENDED_LIMIT_INFORMATION is 144 bytes, the memory
    limit at offset 112), and the call is a no-op elsewhere."""
    import ctypes

    from mixplan.store.windows_job import ExtendedLimitInformation, limit_own_memory

    if ctypes.sizeof(ctypes.c_void_p) == 8:
        assert ctypes.sizeof(ExtendedLimitInformation) == 144
        assert ExtendedLimitInformation.ProcessMemoryLimit.offset == 112
    if sys.platform != "win32":
        assert limit_own_memory(1024**3) is False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked on Linux")
def test_a_preloaded_module_is_imported_here_and_frozen(tmp_path: Path) -> None:
    """Modules are made once and kept: imported with the collector paused, what
    the import made is frozen (out of the reach of the next full passes)."""
    module = "mixplan.store.gpkg_incremental"
    sys.modules.pop(module, None)
    gc.unfreeze()
    try:
        assert run_apart(_answers, 1, source=tmp_path, preload=(module,))["n"] == 1
        assert module in sys.modules
        assert gc.get_freeze_count() > 1000
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def _shapes() -> dict[str, object]:
    from shapely.geometry import MultiPolygon, Polygon, box

    hall = box(0, 0, 20, 10)
    court = Polygon(
        [(0, 0), (30, 0), (30, 30), (0, 30)], [[(10, 10), (20, 10), (20, 20)]]
    )
    return {
        "twice": [hall, hall],
        "court": court,
        "parts": MultiPolygon([box(0, 0, 1, 1), box(2, 2, 3, 3)]),
        "many": [box(k, 0, k + 0.5, 0.5) for k in range(20_000)],
        "pid": os.getpid(),
    }


def test_geometries_come_back_alike_and_shared_as_they_were(tmp_path: Path) -> None:
    """The child's geometries travel apart as one list of WKB (one vectorised
    read here, not a Python call each); the result is the same, and a geometry
    the result holds twice is still one object (as pickle's memo keeps it)."""
    back = run_apart(_shapes, source=tmp_path)
    made = _shapes()
    assert back["pid"] != os.getpid()
    twice = back["twice"]
    assert twice[0] is twice[1]
    assert shapely.to_wkb(twice[0]) == shapely.to_wkb(made["twice"][0])
    for key in ("court", "parts"):
        assert type(back[key]) is type(made[key])
        assert shapely.to_wkb(back[key]) == shapely.to_wkb(made[key])
    assert len(back["many"]) == 20_000  # (a result of many frames)
    assert shapely.to_wkb(back["many"][-1]) == shapely.to_wkb(made["many"][-1])


def test_asked_to_stop_the_child_is_stopped_at_once(tmp_path: Path) -> None:
    """``stop`` true: the child (which would run for ever) is killed and one
    line naming the file says so."""
    import multiprocessing

    source = tmp_path / "big.geojson"
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 2  # the third time it is asked

    with pytest.raises(MixplanError, match="^stopped before the end$") as stopped:
        run_apart(_forever, source=source, stop=stop)
    assert stopped.value.path == str(source)
    assert len(asked) >= 3
    assert multiprocessing.active_children() == []
