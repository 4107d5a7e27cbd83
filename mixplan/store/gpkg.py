"""Open and save project files (``NAME.mixplan.gpkg``), safely (DESIGN §6).

Opening (:mod:`gpkg_open`) treats every file as untrusted and never changes it;
saving (:mod:`gpkg_save`) is atomic. This module gathers both for callers that
want one import.
"""

from mixplan.store.gpkg_open import (
    open_project,
    open_project_and_version,
    opening_notes,
    read_app_state,
    read_schema_version,
)
from mixplan.store.gpkg_save import save_project, write_app_state

__all__ = [
    "open_project",
    "open_project_and_version",
    "opening_notes",
    "read_app_state",
    "read_schema_version",
    "save_project",
    "write_app_state",
]
