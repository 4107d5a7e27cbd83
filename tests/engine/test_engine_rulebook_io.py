"""Rulebook TOML: round trip, every refusal on one line, ``mixplan rules``."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from mixplan.cli import main
from mixplan.engine.rulebook_io import (
    format_rulebook_text,
    rulebook_from_toml,
    rulebook_to_toml,
)
from mixplan.model import PARAMETERS, MixplanError, Project, Rulebook


def test_round_trip_keeps_every_value(tmp_path: Path) -> None:
    rb = Rulebook()
    rb.set("C02", "max_coverage", 0.45)
    rb.set("C10", "enabled", True)
    rb.set("C15", "max_nuisance_under_housing", "E")
    rb.set("m2_per_job", "craft", 40.0)
    rb.set("assumptions", "uncovered_ground_artificialised", False)
    text = rulebook_to_toml(rb)
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    assert rulebook_from_toml(path) == rb
    # every parameter is written, in its section, commented with its source
    doc = tomllib.loads(text)
    assert sum(len(t) for t in doc.values()) == len(PARAMETERS)
    assert doc["C09"]["min_productive_retention"] == 1.0
    assert (
        "# Maximum coverage (CES) — Code de l'urbanisme, art. R*420-1; the "
        "maximum is the PLU's (hypothesis); default 0.6" in text
    )


def test_missing_keys_take_defaults(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text("[C09]\nper_class = true\n[C02]\nmax_coverage = 1\n")
    rb = rulebook_from_toml(path)
    assert rb.values == {("C09", "per_class"): True, ("C02", "max_coverage"): 1.0}
    assert rb.get("C03", "max_height_m") == 25.0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"this is = = not toml", "not valid TOML"),
        (b"\xff\xfe[C02]", "not a TOML file (not UTF-8 text)"),
        (b"[C99]\nenabled = true\n", "unknown section [C99]"),
        (b"[C02]\nmax_cover = 0.5\n", "unknown parameter C02.max_cover"),
        (b'[C02]\nmax_coverage = "half"\n', "C02.max_coverage must be a number"),
        (b"[C02]\nmax_coverage = 1.5\n", "C02.max_coverage must be ≤ 1"),
        (b"[C02]\nmax_coverage = 0.01\n", "C02.max_coverage must be ≥ 0.05"),
        (b"[C02]\nenabled = 1\n", "C02.enabled must be true or false"),
        (b"[C02]\nmax_coverage = nan\n", "C02.max_coverage must be finite"),
        (b'[C15]\nmax_nuisance_under_housing = "X"\n', "must be one of NC, D"),
        (b"C02 = 3\n", "C02 must be a table"),
        (b"[cbs]\nlawn = 1.5\n", "cbs.lawn must be ≤ 1, not 1.5"),
        (b"[cbs]\nsealed = -0.1\n", "cbs.sealed must be ≥ 0"),
        (
            b"[cbs]\ngravel = 0.3\n",
            "unknown cover type cbs.gravel; surfaces: open_soil, lawn",
        ),
    ],
)
def test_bad_toml_is_one_clear_line(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    with pytest.raises(MixplanError) as info:
        rulebook_from_toml(path)
    assert expected in str(info.value)
    assert "\n" not in str(info.value)
    assert info.value.path == str(path)


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(MixplanError, match="no such file"):
        rulebook_from_toml(tmp_path / "absent.toml")
    with pytest.raises(MixplanError, match="is a directory"):
        rulebook_from_toml(tmp_path)


def test_text_marks_changes_and_switched_off_rules() -> None:
    rb = Rulebook()
    rb.set("C10", "enabled", True)
    rb.set("C05", "enabled", False)
    text = format_rulebook_text(rb)
    assert "* C10.enabled" in text
    assert "C05 — Setbacks  (switched off)" in text
    assert "Prospects" not in text  # the English listing is English
    assert "  C09.min_productive_retention" in text


def test_cli_rules_export_import(tmp_path: Path, capsys) -> None:
    from mixplan.store import open_project, save_project

    project = Project.new("p")
    path = tmp_path / "p.mixplan.gpkg"
    save_project(project, path)
    toml_path = tmp_path / "rules.toml"
    assert main(["rules", str(path), "--export", str(toml_path)]) == 0
    text = toml_path.read_text(encoding="utf-8").replace(
        "max_height_m = 25.0", "max_height_m = 37.0"
    )
    toml_path.write_text(text, encoding="utf-8")
    assert main(["rules", str(path), "--import", str(toml_path)]) == 0
    assert open_project(path).rulebook.get("C03", "max_height_m") == 37.0
    capsys.readouterr()
    before = path.read_bytes()
    toml_path.write_text("[C03]\nmax_height_m = -1\n", encoding="utf-8")
    assert main(["rules", str(path), "--import", str(toml_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "C03.max_height_m" in err
    assert str(toml_path) in err
    assert path.read_bytes() == before  # the project is untouched


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("[cbs]\nlawn = 1.5\n", "cbs.lawn"),
        ("[cbs]\ngravel = 0.3\n", "cbs.gravel"),
    ],
)
def test_cli_refuses_a_bad_cbs_table_in_one_line(
    tmp_path: Path, line: str, named: str
) -> None:
    from mixplan.store import save_project
    from tests.cli.clitools import digest, run_cli

    path = tmp_path / "p.mixplan.gpkg"
    save_project(Project.new("p"), path)
    before = digest(path)
    toml_path = tmp_path / "plu.toml"
    toml_path.write_text(line, encoding="utf-8")
    result = run_cli("rules", path, "--import", toml_path)
    result.assert_one_line_error("plu.toml", named)
    assert digest(path) == before


def test_legacy_green_on_slab_key_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "old.toml"
    path.write_text("[assumptions]\ncbs_green_on_slab = 0.7\n", encoding="utf-8")
    rb = rulebook_from_toml(path)
    assert rb.get("cbs", "green_on_slab") == 0.7
    assert rb.values == {("cbs", "green_on_slab"): 0.7}
