"""The financial balance in the report: a page per scenario, the comparison and
the assumptions annex, each entirely in the report's language."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from mixplan.engine.balance import balance_of
from mixplan.model import Project
from tests.report.conftest import DAY, outline_titles, pdf_text

NNBSP = "\u202f"
SCENARIO = "Hôtel d'activités"


def fr_euros(amount: float) -> str:
    # Hand-formatted: U+2212 minus, thousands with U+202F, a space, then €.
    number = f"{abs(round(amount)):,}".replace(",", NNBSP)
    return ("−" if amount < 0 else "") + number + " €"


def en_euros(amount: float) -> str:
    return ("−" if amount < 0 else "") + f"{abs(round(amount)):,} €"


def page_of(path: Path, title: str) -> str:
    pages = pdf_text(path)
    (number,) = [p for _, t, p in outline_titles(path) if t == title]
    return pages[number - 1]


def test_french_balance_page_has_both_sheets_and_the_sensitivity(
    demo_pdf_fr: Path, demo_project: Project
) -> None:
    page = page_of(demo_pdf_fr, f"Bilan financier — {SCENARIO}")
    balance = balance_of(demo_project, SCENARIO)
    for amount in (
        balance.developer.revenue,
        balance.developer.construction,
        balance.developer.charge_fonciere,
        balance.public.balance,
        balance.public.lines["acquisition"],
        balance.public.lines["desealing_subsidy"],
    ):
        assert fr_euros(amount) in page, fr_euros(amount)
    for words in (
        "Bilan promoteur (compte à rebours)",
        "Bilan d'aménagement",
        "Charge foncière (valeur résiduelle du terrain)",
        "Sensibilité",
        # (reportlab's paragraphs get no-break spaces, which pypdf reads as spaces)
        "Prix −20 %",
        "Coûts +20 %",
        "Sensibilité : prix et coûts de construction ± 20 %",
    ):
        assert words in page, words
    # The sensitivity corner: prices +20 %, costs −20 %.
    corner = next(
        p for p in balance.sensitivity if p.price_factor == 1.2 and p.cost_factor == 0.8
    )
    assert fr_euros(corner.charge_fonciere) in page
    for english in ("Revenue", "Costs", "Balance", "prices"):
        assert english not in page, english


def test_english_balance_page(demo_pdf_en: Path, demo_project: Project) -> None:
    page = page_of(demo_pdf_en, f"Financial balance — {SCENARIO}")
    balance = balance_of(demo_project, SCENARIO)
    assert en_euros(balance.developer.charge_fonciere) in page
    assert en_euros(balance.public.balance) in page
    for words in (
        "Developer's balance (compte à rebours)",
        "Charge foncière (residual land value)",
        "Prices +20%",
        "Prices ±0%",
        "Sensitivity: prices and construction costs ±20%",
    ):
        assert words in page, words
    for french in ("Recettes", "Dépenses", "Solde", "Honoraires"):
        assert french not in page, french


def test_comparison_holds_every_scenarios_balance(
    demo_pdf_fr: Path, demo_project: Project
) -> None:
    page = page_of(demo_pdf_fr, "Bilans financiers comparés")
    for scenario in demo_project.scenarios[1:]:
        balance = balance_of(demo_project, scenario.name, with_sensitivity=False)
        assert fr_euros(balance.developer.charge_fonciere) in page
        assert fr_euros(balance.public.balance) in page


def test_assumptions_annex_cites_sources_in_the_reports_language(
    demo_pdf_fr: Path, demo_pdf_en: Path
) -> None:
    fr = "\n".join(pdf_text(demo_pdf_fr)[-2:])
    en = "\n".join(pdf_text(demo_pdf_en)[-2:])
    assert "Hypothèses financières" in fr and "Financial assumptions" in en
    assert "pratique du bilan promoteur" in fr
    assert "promoter's balance practice" not in fr
    assert "promoter's balance practice" in en
    assert "Agence de l'eau Seine-Normandie" in fr and "Agence de l'eau" in en
    assert f"5{NNBSP}000 € HT/m²" in fr and "5,000 €/m²" in en
    assert "Prix de vente — Entrepôt" in fr and "Sale price — Warehouse" in en


def test_a_scenario_without_new_floor_area_shows_costs_only(tmp_path: Path) -> None:
    from mixplan.report import write_report
    from tests.report.conftest import small_project

    project = small_project()
    # "Demolish": workshop b removed, nothing built.
    base = project.baseline
    only = replace(
        project.scenarios[1],
        name="Demolish",
        buildings={"a": replace(base.buildings["a"], origin="a")},
    )
    project.scenarios.append(only)
    out = tmp_path / "r.pdf"
    write_report(project, out, lang="en", today=DAY, scenarios=["Demolish"])
    page = page_of(out, "Financial balance — Demolish")
    assert "No new floor area: the balance counts costs only." in page
    balance = balance_of(project, "Demolish")
    assert balance.public.costs > 0
    assert en_euros(-balance.public.costs) in page
