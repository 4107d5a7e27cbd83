"""Reading a TOML file a user gives: rulebook, assumptions, typologies.

Every way the file can be wrong is one line naming it, never a traceback.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from mixplan.model.errors import MixplanError

__all__ = ["read_toml"]


def read_toml(path: Path, what: str, max_bytes: int) -> dict[str, object]:
    r"""The TOML document in ``path``.

    Parameters
    ----------
    path
        The file.
    what
        What the file holds, for the messages ("rulebook", "assumptions"…).
    max_bytes
        Larger files are refused before they are read.

    Raises
    ------
    MixplanError
        Naming the file: missing, a directory, unreadable, too large, not UTF-8
        or not valid TOML (the parser's first line).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.toml"
    >>> _ = p.write_text("[C09]\nenabled = true\n")
    >>> read_toml(p, "rulebook", 1000)
    {'C09': {'enabled': True}}
    >>> read_toml(p, "rulebook", 10)
    Traceback (most recent call last):
    ...
    mixplan.model.errors.MixplanError: rulebook file too large (21 bytes; at most 10)
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise MixplanError(
                f"{what} file too large ({size:,} bytes; at most {max_bytes:,})", path
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise MixplanError("no such file", path) from None
    except IsADirectoryError:
        raise MixplanError("is a directory, not a TOML file", path) from None
    except OSError as exc:
        raise MixplanError(f"cannot read the file ({exc.strerror})", path) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise MixplanError("not a TOML file (not UTF-8 text)", path) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MixplanError(
            f"not valid TOML ({str(exc).splitlines()[0]})", path
        ) from None
