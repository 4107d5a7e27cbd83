"""Regression guard: PySide6 6.12.0 on Python 3.11 leaks a reference to None on
every call of a void method and aborts after a few thousand calls (pyproject
excludes that release). Run the pattern in a subprocess so an abort cannot take
the test session down with it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from importlib.metadata import version

CALLS = 100_000

SCRIPT = textwrap.dedent(f"""
    import sys
    from PySide6.QtCore import QPointF
    point = QPointF()
    before = sys.getrefcount(None)
    for i in range({CALLS}):
        point.setX(float(i))  # returns void: None on the Python side
    assert point.x() == {CALLS - 1}.0
    # A leak of one reference per call would show as ~{CALLS} extra references.
    leaked = sys.getrefcount(None) - before
    sys.exit(0 if leaked < {CALLS} // 2 else 3)
""")


def test_void_method_calls_do_not_leak_none():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


def test_installed_pyside_is_not_the_broken_release():
    assert version("PySide6-Essentials") != "6.12.0"
    import PySide6

    assert PySide6.__version__ != "6.12.0"
