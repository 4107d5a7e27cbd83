"""``--no-backup`` on every command that saves the project (issue 14)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from clitools import call_cli, digest, run_cli

from mixplan.cli import _parser
from mixplan.store import open_project


def test_a_save_keeps_the_replaced_file_unless_told_not_to(
    demo_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    shutil.copyfile(demo_file, path)
    first = digest(path)
    result = run_cli("scenario", path, "add", "Variante A")
    assert result.code == 0, result.err
    bak = Path(f"{path}.bak")
    assert digest(bak) == first  # the file before this save, byte for byte
    second = digest(path)
    result = run_cli("scenario", path, "add", "Variante B", "--no-backup")
    assert result.code == 0, result.err
    assert digest(bak) == first  # not replaced: no backup of this save
    assert digest(path) != second
    assert [s.name for s in open_project(path).scenarios][-2:] == [
        "Variante A",
        "Variante B",
    ]


def test_no_backup_on_a_new_file_writes_no_bak(tmp_path: Path) -> None:
    path = tmp_path / "n.mixplan.gpkg"
    assert call_cli("new", path, "--no-backup").code == 0
    assert call_cli("new", path, "--force", "--no-backup").code == 0
    assert not Path(f"{path}.bak").exists()
    assert call_cli("new", path, "--force").code == 0
    assert Path(f"{path}.bak").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["demo", "F"],
        ["new", "F"],
        ["scenario", "F", "add", "X"],
        ["scenario", "F", "rename", "X", "Y"],
        ["scenario", "F", "delete", "X"],
        ["import", "F", "S"],
        ["phasing", "F", "--scenario", "X", "--suggest"],
        ["rules", "F", "--import", "R.toml"],
        ["suggest", "F", "--from", "X"],
        ["assumptions", "F", "--import", "A.toml"],
    ],
)
def test_every_command_that_saves_takes_no_backup(command: list[str]) -> None:
    assert _parser().parse_args([*command, "--no-backup"]).no_backup is True
    assert _parser().parse_args(command).no_backup is False
