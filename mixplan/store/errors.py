"""Errors about project files; each carries the path and one line for the user."""

from __future__ import annotations

from mixplan.model.errors import MixplanError

__all__ = ["NewerSchemaError", "NotAProjectError", "ProjectFileError"]


class ProjectFileError(MixplanError):
    """The file cannot be opened as a mixplan project (missing, damaged, foreign)."""


class NotAProjectError(ProjectFileError):
    """A valid GeoPackage that is not a mixplan project.

    ``layers`` lists its feature tables, so the app can offer to import them.
    """

    def __init__(self, message: str, path: object, layers: list[str]) -> None:
        super().__init__(message, str(path))
        self.layers = layers


class NewerSchemaError(ProjectFileError):
    """A project written by a newer mixplan, with a schema this one cannot read."""
