"""Helpers for driving the real ``mixplan`` command (imported by the CLI tests).

``run_cli`` starts ``python -m mixplan`` in a subprocess (what a user runs);
``call_cli`` calls :func:`mixplan.cli.main` in this process, for the broad sweeps
where a subprocess per case would cost a second each. Both return the same
:class:`Result`.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    code: int
    out: str
    err: str

    def assert_one_line_error(self, *names: object) -> None:
        """Exit 2, nothing on stdout, one line on stderr naming ``names``."""
        assert self.code == 2, (self.code, self.out, self.err)
        assert self.out == "", self.out
        assert self.err.endswith("\n") and self.err.count("\n") == 1, self.err
        assert self.err.startswith("mixplan: "), self.err
        assert "Traceback" not in self.err and "internal error" not in self.err
        for name in names:
            assert str(name) in self.err, (name, self.err)


def run_cli(*args: object, cwd: Path | None = None, locale: str = "C.UTF-8") -> Result:
    """``python -m mixplan ARGS`` in ``locale`` (English unless a test says)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.update(LC_ALL="", LC_MESSAGES="", LANG=locale)
    proc = subprocess.run(
        [sys.executable, "-m", "mixplan", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=cwd,
        env=env,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def call_cli(*args: object) -> Result:
    from mixplan.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors exit through here
            code = int(exc.code or 0)
    return Result(code, out.getvalue(), err.getvalue())


def digest(path: Path) -> str:
    """SHA-256 of a file, or of a folder's listing, to prove it was not touched."""
    if path.is_dir():
        return "dir:" + ",".join(sorted(p.name for p in path.iterdir()))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_foreign_geopackage(path: Path) -> None:
    """A real GeoPackage written by GDAL with one polygon layer, not a project."""
    import numpy as np
    import pyogrio.raw
    import shapely
    from shapely.geometry import box

    wkb = shapely.to_wkb([box(0, 0, 10, 10), box(20, 0, 30, 10)])
    pyogrio.raw.write(
        path,
        geometry=np.asarray(wkb, dtype=object),
        field_data=[np.array(["a", "b"], dtype=object)],
        fields=["name"],
        layer="parcels",
        driver="GPKG",
        geometry_type="Polygon",
        crs="EPSG:2154",
    )
