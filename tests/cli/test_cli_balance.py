"""``mixplan balance`` and ``mixplan assumptions`` driven as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from clitools import call_cli, digest, run_cli

from mixplan.engine.assumptions_io import assumptions_to_toml
from mixplan.model.finance import FinancialAssumptions

SCENARIO = "Hôtel d'activités"


@pytest.fixture
def demo(tmp_path: Path, demo_file: Path) -> Path:
    path = tmp_path / "demo.mixplan.gpkg"
    shutil.copyfile(demo_file, path)
    return path


def test_balance_json_has_the_contract_shape(demo: Path) -> None:
    result = run_cli("balance", demo, "--scenario", SCENARIO, "--json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["scenario"] == SCENARIO
    assert set(doc["developer"]) == {
        "revenue",
        "construction",
        "fees",
        "marketing",
        "finance",
        "margin",
        "charge_fonciere",
    }
    assert {"income", "costs", "balance", "lines"} <= set(doc["public"])
    public = doc["public"]
    assert public["balance"] == pytest.approx(public["income"] - public["costs"])
    assert public["lines"]["charges_foncieres"] == doc["developer"]["charge_fonciere"]
    assert doc["assumptions"]["price_eur_m2"]["housing"] == 5000.0
    assert doc["assumptions"]["fees_rate"] == 0.1
    dev = doc["developer"]
    assert dev["revenue"] == pytest.approx(
        sum(
            dev[k]
            for k in (
                "construction",
                "fees",
                "marketing",
                "finance",
                "margin",
                "charge_fonciere",
            )
        )
    )


def test_balance_text_in_english_and_french(demo: Path) -> None:
    en = call_cli("balance", demo, "--scenario", SCENARIO)
    fr = call_cli("balance", demo, "--scenario", SCENARIO, "--lang", "fr")
    assert en.code == fr.code == 0
    assert "Charge foncière (residual land value)" in en.out and "€ excl. VAT" in en.out
    assert "Bilan d'aménagement" in fr.out and "€ HT" in fr.out
    doc = json.loads(call_cli("balance", demo, "--scenario", SCENARIO, "--json").out)
    revenue = round(doc["developer"]["revenue"])
    assert f"{revenue:,}" in en.out
    assert f"{revenue:,}".replace(",", "\u202f") in fr.out


def test_assumptions_file_overrides_for_one_run_only(
    demo: Path, tmp_path: Path
) -> None:
    before = digest(demo)
    base = json.loads(call_cli("balance", demo, "--scenario", SCENARIO, "--json").out)
    text = assumptions_to_toml(FinancialAssumptions.defaults()).replace(
        "productive = 1800.0", "productive = 2800.0", 1
    )
    toml = tmp_path / "a.toml"
    toml.write_text(text, "utf-8")
    result = call_cli(
        "balance", demo, "--scenario", SCENARIO, "--json", "--assumptions", toml
    )
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["assumptions"]["price_eur_m2"]["productive"] == 2800.0
    assert doc["developer"]["revenue"] > base["developer"]["revenue"]
    assert digest(demo) == before


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (("housing = 5000.0", "housing = -1.0"), ["price_eur_m2.housing", "negative"]),
        (("fees_rate = 0.1", "fees_rate = 1.5"), ["fees_rate", "[0, 1)"]),
        (("fees_rate = 0.1\n", ""), ["missing assumption fees_rate"]),
        (
            ("fees_rate = 0.1", "fees_rate = 0.1\nrent = 3.0"),
            ["unknown assumption 'rent'"],
        ),
    ],
)
def test_bad_assumptions_exit_2_and_change_nothing(
    demo: Path, tmp_path: Path, edit: tuple[str, str], words: list[str]
) -> None:
    toml = tmp_path / "bad.toml"
    toml.write_text(
        assumptions_to_toml(FinancialAssumptions.defaults()).replace(
            edit[0], edit[1], 1
        ),
        "utf-8",
    )
    before = digest(demo)
    for command in (
        ("balance", demo, "--scenario", SCENARIO, "--assumptions", toml),
        ("assumptions", demo, "--import", toml),
    ):
        result = call_cli(*command)
        result.assert_one_line_error(toml, *words)
        assert digest(demo) == before


def test_unknown_scenario_is_one_line(demo: Path) -> None:
    call_cli("balance", demo, "--scenario", "Nope").assert_one_line_error(demo, "Nope")


def test_export_edit_import_round_trip(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.toml"
    assert call_cli("assumptions", demo, "--export", out).code == 0
    out.write_text(
        out.read_text("utf-8").replace("fees_rate = 0.1", "fees_rate = 0.12"), "utf-8"
    )
    result = call_cli("assumptions", demo, "--import", out)
    assert result.code == 0, result.err
    doc = json.loads(call_cli("balance", demo, "--scenario", SCENARIO, "--json").out)
    assert doc["assumptions"]["fees_rate"] == 0.12
    shown = call_cli("assumptions", demo)
    assert "imported from a.toml" in shown.out


def test_export_refuses_to_overwrite_the_project(demo: Path) -> None:
    before = digest(demo)
    call_cli("assumptions", demo, "--export", demo).assert_one_line_error(demo)
    assert digest(demo) == before


def test_baseline_balance_is_costs_only_not_an_error(demo: Path) -> None:
    baseline = json.loads(call_cli("info", demo, "--json").out)["scenarios"][0]["name"]
    result = call_cli("balance", demo, "--scenario", baseline, "--json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["developer"]["revenue"] == 0 and doc["public"]["costs"] == 0
