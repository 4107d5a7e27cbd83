"""``check_document`` / ``format_check_text`` and ``mixplan check`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mixplan.cli import main
from mixplan.engine.check import check_document, format_check_text
from mixplan.engine.indicators import INDICATOR_KEYS
from mixplan.model import ModelError, Project
from mixplan.model.commands import AddScenario, RemoveBuilding


@pytest.fixture
def two_scenarios(site_project: Project) -> Project:
    AddScenario("Keep").apply(site_project)
    AddScenario("Demolish").apply(site_project)
    RemoveBuilding("Demolish", "C").apply(site_project)
    return site_project


def test_document_shape(two_scenarios: Project) -> None:
    doc = check_document(two_scenarios, None)
    assert list(doc) == ["project", "baseline", "scenarios"]
    assert doc["project"] == "test site" and doc["baseline"] == "Existing"
    assert [s["name"] for s in doc["scenarios"]] == ["Existing", "Keep", "Demolish"]
    for s in doc["scenarios"]:
        assert list(s) == ["name", "indicators", "delta", "findings"]
        assert tuple(s["indicators"]) == INDICATOR_KEYS
        assert set(s["delta"]) == set(INDICATOR_KEYS)
        for f in s["findings"]:
            assert list(f) == ["rule", "severity", "message", "measured", "limit",
                               "targets", "source"]
    json.dumps(doc, allow_nan=False)  # plain JSON, no NaN
    demolish = doc["scenarios"][2]
    assert demolish["delta"]["productive_sdp_m2"] == pytest.approx(-92.0)
    assert "C09" in {f["rule"] for f in demolish["findings"]}


def test_document_selected_names_in_order(two_scenarios: Project) -> None:
    doc = check_document(two_scenarios, ["Demolish", "Existing", "Demolish"])
    assert [s["name"] for s in doc["scenarios"]] == ["Demolish", "Existing"]
    with pytest.raises(ModelError, match="no scenario 'Nope'"):
        check_document(two_scenarios, ["Nope"])


def test_text_report(two_scenarios: Project) -> None:
    text = format_check_text(check_document(two_scenarios, None))
    assert text.startswith("Project test site (baseline: Existing)")
    assert "== Existing (baseline) ==" in text and "== Demolish ==" in text
    assert "Productive-grade SDP" in text and "(−92 m²)" in text
    errors = text.split("== Demolish ==")[1]
    assert "Errors (" in errors and "C09" in errors
    assert errors.index("Errors") < errors.index("Warnings")
    assert text.rstrip().endswith("3 scenario(s) checked; 2 with errors.")


def _saved(project: Project, tmp_path: Path) -> Path:
    from mixplan.store import save_project

    path = tmp_path / "site.mixplan.gpkg"
    save_project(project, path)
    return path


def test_cli_check_json_and_exit_code(two_scenarios, tmp_path, capsys) -> None:
    path = _saved(two_scenarios, tmp_path)
    assert main(["check", str(path), "--scenario", "Keep", "--json"]) == 1  # D01
    doc = json.loads(capsys.readouterr().out)
    assert [s["name"] for s in doc["scenarios"]] == ["Keep"]
    two_scenarios.rulebook.set("D01", "enabled", False)
    two_scenarios.rulebook.set("C07", "enabled", False)
    path = _saved(two_scenarios, tmp_path)
    assert main(["check", str(path), "--scenario", "Keep"]) == 0
    assert "== Keep ==" in capsys.readouterr().out
    assert main(["check", str(path), "--scenario", "Nope"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Nope" in err and str(path) in err


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_text_from_the_evaluations_is_the_documents(lang: str) -> None:
    """``check_text`` words only the findings it shows: its text is the one made
    from the whole JSON document, on a park where every rule fires many times
    (more than the five shown per rule)."""
    import sys

    sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    import synthetic

    from mixplan.engine.check import check_text

    project = synthetic.varied_project(300, 5, 7)
    doc = check_document(project, None, lang)
    text, failed = check_text(project, None, lang)
    assert text == format_check_text(doc, lang)
    assert "… and " in text or "… et " in text
    assert failed == any(
        f["severity"] == "error" for s in doc["scenarios"] for f in s["findings"]
    )
    clean = Project.new("empty")
    assert check_text(clean, None, lang)[1] is False
