"""Errors meant for users: one clear line, never a traceback (DESIGN §10)."""

from __future__ import annotations

from pathlib import Path


class MixplanError(Exception):
    """Base of every error whose message is shown to users as is.

    ``path`` names the file the problem is about, when there is one; the CLI prints
    ``path: message`` on one line and exits 2.
    """

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        super().__init__(message)
        self.path = str(path) if path is not None else None


class ModelError(MixplanError, ValueError):
    """Raised when a value would make the model invalid."""
