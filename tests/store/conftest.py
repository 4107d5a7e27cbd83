"""Fixtures of the store tests."""

from __future__ import annotations

import pytest
from store_projects import rich_project

from mixplan.model import Project


@pytest.fixture
def project() -> Project:
    return rich_project()
