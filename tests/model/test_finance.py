"""Financial assumptions: the sourced default set, validation and edit commands."""

from __future__ import annotations

import pytest

from mixplan.model import ModelError, Project
from mixplan.model.commands import SetAssumption, SetAssumptions
from mixplan.model.finance import (
    REQUIRED_KEYS,
    Assumption,
    FinancialAssumptions,
    check_key,
)
from mixplan.model.finance_defaults import DEFAULT_ASSUMPTIONS
from mixplan.model.uses import FAMILIES


def test_every_default_cites_a_source_a_year_and_a_status() -> None:
    for key, entry in DEFAULT_ASSUMPTIONS.items():
        check_key(key)
        assert len(entry.source) > 10, key
        assert entry.year is not None and 2015 <= entry.year <= 2026, key
        assert entry.status in ("S", "M", "I"), key
    assert set(REQUIRED_KEYS) <= set(DEFAULT_ASSUMPTIONS)
    for table in ("price_eur_m2", "cost_eur_m2", "acquisition_eur_m2"):
        for family in FAMILIES:
            assert f"{table}.{family}" in DEFAULT_ASSUMPTIONS


def test_a_shed_is_not_an_industrial_hotel() -> None:
    fa = FinancialAssumptions.defaults()
    assert fa.cost("warehouse") < fa.cost("craft")
    assert fa.price("warehouse") < fa.price("craft")


def test_a_use_key_wins_over_its_family() -> None:
    fa = FinancialAssumptions.defaults()
    assert fa.price("wholesale") == fa.price("dark_kitchen") == 1800.0  # family
    fa = fa.with_entry("price_eur_m2.wholesale", Assumption(2222, "quote", 2024, "S"))
    assert fa.price("wholesale") == 2222.0 and fa.price("dark_kitchen") == 1800.0
    assert fa.price("unassigned") is None  # no family, no key of its own


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("price_eur_m2.housing", -0.01, "must not be negative"),
        ("demolition_eur_m2", -1.0, "must not be negative"),
        ("fees_rate", 1.0, r"rate in \[0, 1\)"),
        ("margin_rate", -0.001, r"rate in \[0, 1\)"),
    ],
)
def test_out_of_range_values_are_refused(key: str, value: float, message: str) -> None:
    fa = FinancialAssumptions.defaults()
    with pytest.raises(ModelError, match=message):
        fa.with_entry(key, Assumption(value, "x", None, "I"))


def test_range_boundaries_are_accepted() -> None:
    fa = FinancialAssumptions.defaults()
    assert fa.with_entry("fees_rate", Assumption(0.0, "x")).number("fees_rate") == 0
    assert (
        fa.with_entry("fees_rate", Assumption(0.999, "x")).number("fees_rate") == 0.999
    )
    assert (
        fa.with_entry("price_eur_m2.housing", Assumption(0, "x")).price("housing") == 0
    )


@pytest.mark.parametrize(
    "key",
    ["price_eur_m2.castle", "rent_eur_m2.housing", "vat_rate", "price_eur_m2.parking"],
)
def test_unknown_keys_are_refused(key: str) -> None:
    with pytest.raises(ModelError, match="unknown"):
        FinancialAssumptions.defaults().with_entry(key, Assumption(1.0, "x"))


def test_a_required_key_cannot_be_removed_but_a_use_key_can() -> None:
    fa = FinancialAssumptions.defaults()
    with pytest.raises(ModelError, match="required"):
        fa.with_entry("price_eur_m2.productive", None)
    without = fa.with_entry("price_eur_m2.warehouse", None)
    assert without.price("warehouse") == without.price("productive")
    entries = dict(DEFAULT_ASSUMPTIONS)
    del entries["fees_rate"]
    with pytest.raises(ModelError, match="missing assumption fees_rate"):
        FinancialAssumptions(entries)


def test_set_assumption_is_one_undoable_step() -> None:
    project = Project.new("p")
    before = project.assumptions
    cmd = SetAssumption("fees_rate", Assumption(0.12, "our quote", 2025, "S"))
    change = cmd.apply(project)
    assert change.assumptions and project.assumptions.number("fees_rate") == 0.12
    assert project.assumptions.get("fees_rate") == Assumption(
        0.12, "our quote", 2025, "S"
    )
    cmd.revert(project)
    assert project.assumptions == before
    cmd.apply(project)  # redo
    assert project.assumptions.number("fees_rate") == 0.12


def test_a_failing_edit_leaves_the_project_unchanged() -> None:
    project = Project.new("p")
    before = project.assumptions
    with pytest.raises(ModelError):
        SetAssumption("fees_rate", Assumption(1.5, "x")).apply(project)
    assert project.assumptions == before


def test_set_assumptions_replaces_the_whole_set() -> None:
    project = Project.new("p")
    new = FinancialAssumptions.defaults().with_entry(
        "desealing_eur_m2", Assumption(80, "x")
    )
    cmd = SetAssumptions(new)
    cmd.apply(project)
    assert project.assumptions == new
    cmd.revert(project)
    assert project.assumptions == FinancialAssumptions.defaults()


def test_assumption_checks_its_own_fields() -> None:
    with pytest.raises(ModelError, match="status"):
        Assumption(1.0, "x", 2020, "Q")
    with pytest.raises(ModelError, match="year"):
        Assumption(1.0, "x", 20, "S")
    with pytest.raises(ModelError, match="finite"):
        Assumption(float("nan"), "x")


def test_every_default_source_has_its_french_text() -> None:
    from mixplan.model.finance_defaults import DEFAULT_SOURCES_FR, source_text

    assert set(DEFAULT_SOURCES_FR) == set(DEFAULT_ASSUMPTIONS)
    for key, entry in DEFAULT_ASSUMPTIONS.items():
        assert source_text(key, entry, "fr") == DEFAULT_SOURCES_FR[key]
        assert source_text(key, entry, "en") == entry.source
    # A figure of the user's own is shown as entered, in either language.
    own = Assumption(0.12, "Our 2025 tender", 2025, "S")
    assert source_text("fees_rate", own, "fr") == "Our 2025 tender"
