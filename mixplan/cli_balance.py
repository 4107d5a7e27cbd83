"""``mixplan balance`` and ``mixplan assumptions`` (DESIGN §8, §17).

Kept apart from :mod:`mixplan.cli` so the financial commands grow without
touching the shared command table more than once.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mixplan.model.errors import MixplanError

__all__ = ["COMMANDS", "add_parsers"]


def add_parsers(sub: Any) -> None:
    """Add the ``balance`` and ``assumptions`` sub-commands to ``sub``."""
    s = sub.add_parser("balance", help="the financial balance of a scenario")
    s.add_argument("file", type=Path)
    s.add_argument("--scenario", required=True)
    s.add_argument(
        "--assumptions",
        type=Path,
        metavar="A.toml",
        help="use these assumptions for this run (the project is unchanged)",
    )
    s.add_argument("--lang", choices=("fr", "en"), default="en")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser(
        "assumptions", help="show, export or import the financial assumptions (TOML)"
    )
    s.add_argument("file", type=Path)
    s.add_argument("--lang", choices=("fr", "en"), default="en")
    g = s.add_mutually_exclusive_group()
    g.add_argument("--export", type=Path, metavar="A.toml")
    g.add_argument("--import", dest="import_", type=Path, metavar="A.toml")
    s.add_argument(
        "--no-backup",
        action="store_true",
        help="do not keep the replaced file as FILE.bak (kept by default)",
    )


def _open(path: Path) -> Any:
    from mixplan.store import open_project
    from mixplan.store.gpkg import opening_notes

    project = open_project(path)
    for note in opening_notes(project):  # how it was read, when it matters
        sys.stderr.write(f"mixplan: {path}: {note}\n")
    return project


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _cmd_balance(args: argparse.Namespace) -> int:
    from mixplan.engine.assumptions_io import assumptions_from_toml
    from mixplan.engine.balance import balance_of
    from mixplan.engine.balance_text import format_balance_text

    project = _open(args.file)
    try:
        project.scenario(args.scenario)
    except MixplanError as exc:
        raise MixplanError(str(exc), args.file) from None
    override = None
    if args.assumptions is not None:
        override = assumptions_from_toml(args.assumptions, project.assumptions)
    result = balance_of(project, args.scenario, override)
    if args.json:
        sys.stdout.write(
            json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"
        )
    else:
        sys.stdout.write(format_balance_text(result, args.lang))
    return 0


def _cmd_assumptions(args: argparse.Namespace) -> int:
    from mixplan.engine.assumptions_io import (
        assumptions_from_toml,
        assumptions_to_toml,
        format_assumptions_text,
    )

    if args.export is not None and _same_file(args.export, args.file):
        raise MixplanError(
            "is the project file itself; choose another output", args.export
        )
    project = _open(args.file)
    if args.export is not None:
        from mixplan.store.atomic import write_text_atomic

        write_text_atomic(args.export, assumptions_to_toml(project.assumptions))
        print(f"wrote the financial assumptions to {args.export}")
    elif args.import_ is not None:
        from mixplan.store import save_project

        project.assumptions = assumptions_from_toml(args.import_, project.assumptions)
        save_project(project, args.file, backup=not args.no_backup)
        print(f"imported the financial assumptions from {args.import_}")
    else:
        sys.stdout.write(format_assumptions_text(project.assumptions, args.lang))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "balance": _cmd_balance,
    "assumptions": _cmd_assumptions,
}
