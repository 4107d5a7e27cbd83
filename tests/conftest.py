"""Shared test set-up: offscreen Qt, isolated settings, paths to shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before anything imports Qt: no display here, and none in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def isolated_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Settings and recovery copies (moved there by the store too) of the test's own.

    Outside ``tmp_path``, so tests listing their folder see only their files.
    """
    folder = tmp_path_factory.mktemp("settings")
    monkeypatch.setenv("MIXPLAN_SETTINGS_DIR", str(folder))
    return folder


@pytest.fixture
def shared_data() -> Path:
    """``../shared/data``; the test is skipped when that folder is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent (real site data lives beside the repo)")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def english_messages():
    """Errors speak English unless a test chooses French (the choice is global)."""
    from mixplan.model.errors import set_message_language

    yield
    set_message_language("en")
