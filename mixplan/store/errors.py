"""Errors about project files; each carries the path and one line for the user."""

from __future__ import annotations

from mixplan.model.errors import MixplanError

__all__ = ["NewerSchemaError", "NotAProjectError", "ProjectFileError", "one_line"]

#: Longest library message quoted in one of our lines (the rest goes to the log).
_MAX_QUOTE = 160


def one_line(exc: BaseException | str) -> str:
    """A library's message, however many lines, as one short line.

    Examples
    --------
    >>> one_line(ValueError("bad group code" + chr(10) + "  999 in line 12"))
    'ValueError: bad group code 999 in line 12'
    """
    text = " ".join(str(exc).split())
    if isinstance(exc, BaseException):
        text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text if len(text) <= _MAX_QUOTE else text[: _MAX_QUOTE - 1] + "…"


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
