"""The CLI speaks the user's language: ``--lang``, else the locale (LANG)."""

from __future__ import annotations

import shutil
from pathlib import Path

from clitools import call_cli, digest, run_cli

NNBSP = "\u202f"


def test_check_in_french_from_the_locale(demo_file: Path, tmp_path: Path) -> None:
    result = run_cli("check", demo_file, "--scenario", "Existing", locale="fr_FR.UTF-8")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Projet Parc d'activités des Glaisières (existant : Existing)"
    assert "== Existing (existant) ==" in lines
    # 13.3 % open soil of the demo (C06) with a decimal comma, French wording
    assert any(
        line.startswith("    C06  État existant : La pleine terre couvre 13,3")
        for line in lines
    ), result.out
    assert "Avertissements (" in result.out and "Warnings" not in result.out
    assert result.out.rstrip().endswith("1 scénario(s) vérifié(s) ; aucune erreur.")


def test_lang_wins_over_the_locale_and_english_is_english(demo_file: Path) -> None:
    result = run_cli(
        "check", demo_file, "--scenario", "Existing", "--lang", "en",
        locale="fr_FR.UTF-8",
    )  # fmt: skip
    assert result.code == 0 and "Open soil covers 13.3%" in result.out
    result = call_cli("rules", demo_file)
    assert "hypothèse" not in result.out and "Hauteur" not in result.out
    assert "C03 — Maximum height\n" in result.out
    assert "(hypothesis)" in result.out
    result = call_cli("rules", demo_file, "--lang", "fr")
    assert "C03 — Hauteur maximale\n" in result.out
    assert "(hypothesis)" not in result.out and "(hypothèse)" in result.out
    assert "C03.max_height_m" in result.out and " 25,0 m " in result.out


def test_a_refusal_in_french(demo_file: Path, tmp_path: Path) -> None:
    project = tmp_path / "demo.mixplan.gpkg"
    shutil.copy(demo_file, project)
    before = digest(project)
    result = run_cli("scenario", project, "add", "Existing", locale="fr_FR.UTF-8")
    result.assert_one_line_error(project)
    assert result.err.endswith(f"Un scénario «{NNBSP}Existing{NNBSP}» existe déjà\n")
    result = run_cli("scenario", project, "add", "Existing")
    assert result.err.endswith("a scenario 'Existing' already exists\n")
    assert digest(project) == before


def test_what_the_cli_did_in_french(demo_file: Path, tmp_path: Path) -> None:
    project = tmp_path / "demo.mixplan.gpkg"
    shutil.copy(demo_file, project)
    result = run_cli("scenario", project, "add", "Variante", locale="fr_FR.UTF-8")
    assert result.code == 0, result.err
    # the demo's baseline holds 30 buildings (mixplan info, English, below)
    assert result.out == (
        f"scénario «{NNBSP}Variante{NNBSP}» ajouté, copie de «{NNBSP}Existing{NNBSP}» "
        "(30 bâtiments)\n"
    )
    english = call_cli("info", project).out.splitlines()
    assert "scenario  Existing: 30 buildings  (baseline)" in english
    french = run_cli("info", project, locale="fr_FR.UTF-8").out.splitlines()
    assert "scénario  Existing: 30 bâtiments  (existant)" in french
    assert any(
        line.startswith("terrain   ") and line.endswith(" m²") and NNBSP in line
        for line in french
    )
