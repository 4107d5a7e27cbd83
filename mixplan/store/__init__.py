"""The project file (GeoPackage), its migrations, and import/export (DESIGN §6–§7).

The Python API of DESIGN §8::

    from mixplan.store import open_project, save_project
    project = open_project("demo.mixplan.gpkg")
    save_project(project, "copy.mixplan.gpkg")
"""

from mixplan.store.errors import NewerSchemaError, NotAProjectError, ProjectFileError
from mixplan.store.gpkg import (
    open_project,
    open_project_and_version,
    read_app_state,
    read_schema_version,
    save_project,
    write_app_state,
)

__all__ = [
    "NewerSchemaError",
    "NotAProjectError",
    "ProjectFileError",
    "open_project",
    "open_project_and_version",
    "read_app_state",
    "read_schema_version",
    "save_project",
    "write_app_state",
]
