"""Shared test set-up: offscreen Qt, isolated settings, paths to shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before anything imports Qt: no display here, and none in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """``../shared/data``; the test is skipped when that folder is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent (real site data lives beside the repo)")
    return SHARED_DATA
