"""Financial assumptions as TOML: round trip and every refusal in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mixplan.engine.assumptions_io import (
    assumptions_from_toml,
    assumptions_to_toml,
    format_assumptions_text,
)
from mixplan.model import MixplanError
from mixplan.model.finance import Assumption, FinancialAssumptions


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "a.toml"
    path.write_text(text, "utf-8")
    return path


def test_round_trip_keeps_values_and_provenance(tmp_path: Path) -> None:
    fa = FinancialAssumptions.defaults().with_entry(
        "price_eur_m2.craft", Assumption(2100, "quote", 2025, "S")
    )
    path = _write(tmp_path, assumptions_to_toml(fa))
    assert assumptions_from_toml(path, fa) == fa


def test_a_changed_number_is_marked_as_imported(tmp_path: Path) -> None:
    text = assumptions_to_toml(FinancialAssumptions.defaults()).replace(
        "fees_rate = 0.1\n", "fees_rate = 0.12\n"
    )
    fa = assumptions_from_toml(_write(tmp_path, text))
    entry = fa.get("fees_rate")
    assert entry is not None and entry.value == 0.12
    assert entry.source == "imported from a.toml" and entry.status == "I"


def test_an_inline_table_carries_provenance(tmp_path: Path) -> None:
    text = assumptions_to_toml(FinancialAssumptions.defaults()).replace(
        "fees_rate = 0.1\n",
        'fees_rate = { value = 0.11, source = "Our 2025 tender", year = 2025, '
        'status = "S" }\n',
    )
    fa = assumptions_from_toml(_write(tmp_path, text))
    assert fa.get("fees_rate") == Assumption(0.11, "Our 2025 tender", 2025, "S")


def test_use_keys_the_file_leaves_out_are_gone(tmp_path: Path) -> None:
    text = assumptions_to_toml(FinancialAssumptions.defaults())
    text = "\n".join(
        line for line in text.splitlines() if not line.startswith("warehouse = ")
    )
    fa = assumptions_from_toml(_write(tmp_path, text))
    assert fa.price("warehouse") == fa.price("productive")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            ("housing = 5000.0", "housing = -5000.0"),
            "price_eur_m2.housing must not be negative",
        ),
        (
            ("fees_rate = 0.1", "fees_rate = 1.0"),
            r"fees_rate must be a rate in \[0, 1\)",
        ),
        (("margin_rate = 0.08", "margin_rate = -0.1"), r"margin_rate must be a rate"),
        (
            ("fees_rate = 0.1", "fees_rate = 0.1\nvat_rate = 0.2"),
            "unknown assumption 'vat_rate'",
        ),
        (
            ("[cost_eur_m2]", "[cost_eur_m2]\ncastle = 3.0"),
            "unknown family or use 'castle'",
        ),
        (
            ("[cost_eur_m2]", "[rent_eur_m2]\nhousing = 1.0\n[cost_eur_m2]"),
            "unknown assumption 'rent_eur_m2'",
        ),
        (("fees_rate = 0.1\n", ""), "missing assumption fees_rate"),
        (("fees_rate = 0.1", 'fees_rate = "ten"'), "fees_rate must be a number"),
        (("fees_rate = 0.1", "fees_rate = nan"), "fees_rate must be finite"),
        (("fees_rate = 0.1", "fees_rate = = 1"), "not valid TOML"),
    ],
)
def test_bad_files_are_refused_in_one_line(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    text = assumptions_to_toml(FinancialAssumptions.defaults())
    assert edit[0] in text
    path = _write(tmp_path, text.replace(edit[0], edit[1], 1))
    with pytest.raises(MixplanError, match=message) as info:
        assumptions_from_toml(path)
    assert info.value.path == str(path) and "\n" not in str(info.value)


def test_a_missing_family_is_refused(tmp_path: Path) -> None:
    text = assumptions_to_toml(FinancialAssumptions.defaults())
    start = text.index("[acquisition_eur_m2]")
    lines = text[start:].splitlines()
    kept = [line for line in lines if not line.startswith("tertiary = ")]
    path = _write(tmp_path, text[:start] + "\n".join(kept) + "\n")
    with pytest.raises(
        MixplanError, match="missing assumption acquisition_eur_m2.tertiary"
    ):
        assumptions_from_toml(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(MixplanError, match="no such file"):
        assumptions_from_toml(tmp_path / "none.toml")
    with pytest.raises(MixplanError, match="is a directory"):
        assumptions_from_toml(tmp_path)


def test_text_table_in_both_languages() -> None:
    fa = FinancialAssumptions.defaults()
    en = format_assumptions_text(fa, "en")
    fr = format_assumptions_text(fa, "fr")
    assert "Sale price — Warehouse" in en and "1,300" in en
    assert "Prix de vente — Entrepôt" in fr and "1\u202f300" in fr
    # Default sources in the reader's language.
    assert "pratique du bilan promoteur" in fr and "promoter's balance" not in fr
    assert "promoter's balance practice" in en
