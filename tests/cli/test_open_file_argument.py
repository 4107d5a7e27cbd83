"""``mixplan FILE.gpkg`` opens FILE, as a double-click or "Open with" runs it."""

from __future__ import annotations

from mixplan.cli import _as_open_command


def test_a_single_existing_gpkg_is_opened(tmp_path):
    project = tmp_path / "Site Nord.mixplan.gpkg"
    project.write_bytes(b"")
    assert _as_open_command([str(project)]) == ["open", str(project)]


def test_any_gpkg_extension_case_is_opened(tmp_path):
    other = tmp_path / "BATIMENTS.GPKG"
    other.write_bytes(b"")
    assert _as_open_command([str(other)]) == ["open", str(other)]


def test_a_missing_file_stays_an_argument_for_argparse_to_refuse(tmp_path):
    missing = str(tmp_path / "gone.mixplan.gpkg")
    assert _as_open_command([missing]) == [missing]


def test_commands_and_other_arguments_are_left_alone(tmp_path):
    project = tmp_path / "a.mixplan.gpkg"
    project.write_bytes(b"")
    assert _as_open_command(["info", str(project)]) == ["info", str(project)]
    assert _as_open_command([str(project), "--json"]) == [str(project), "--json"]
    assert _as_open_command([]) == []
    notes = tmp_path / "notes.txt"
    notes.write_text("x")
    assert _as_open_command([str(notes)]) == [str(notes)]
