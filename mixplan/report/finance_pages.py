"""The financial balance in the report (DESIGN §17).

A page per scenario, a comparison, and the assumptions with their sources in
the annex.

Each balance page holds the developer's compte à rebours, the public
developer's bilan d'aménagement, the quantities they rest on and the ± 20 %
sensitivity on sale prices and construction costs (a table and a chart). Every
word is in the report's language; amounts are whole euros excluding VAT with
the language's thousands separator.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mixplan.engine.balance_sheets import (
    PUBLIC_COST_LINES,
    PUBLIC_INCOME_LINES,
    Balance,
)
from mixplan.engine.rule_reference import status_label
from mixplan.model.finance import FinancialAssumptions, label_of, unit_of
from mixplan.model.finance_defaults import source_text
from mixplan.report.context import ReportContext, paragraph, table, value_cell
from mixplan.report.document import FRAME_WIDTH, heading
from mixplan.report.labels import short_id
from mixplan.report.lists import MAX_LISTED_BUILDINGS
from mixplan.report.typography import (
    DASH,
    NBSP,
    format_delta,
    format_number,
    format_percent,
)

__all__ = ["balance_comparison", "balance_page", "assumptions_annex", "euros"]

_TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Bilan financier — {name}",
        "intro": (
            "Qui paie ? Le bilan promoteur (compte à rebours) déduit du chiffre "
            "d'affaires des surfaces nouvelles la construction, les honoraires, la "
            "commercialisation, les frais financiers et la marge : il reste la charge "
            "foncière que le terrain peut supporter. Le bilan d'aménagement met en "
            "regard les charges foncières cédées et la subvention de "
            "désimperméabilisation, et l'acquisition, le relogement des entreprises, "
            "la démolition, la dépollution et la désimperméabilisation. Montants en "
            "euros hors taxes ; hypothèses en annexe."
        ),
        "developer": "Bilan promoteur (compte à rebours)",
        "public": "Bilan d'aménagement",
        "item": "Poste",
        "amount": "Montant (€ HT)",
        "revenue": "Chiffre d'affaires (ventes)",
        "construction": "Construction",
        "fees": "Honoraires",
        "marketing": "Commercialisation",
        "finance": "Frais financiers",
        "margin": "Marge du promoteur",
        "charge_fonciere": "Charge foncière (valeur résiduelle du terrain)",
        "income": "Recettes",
        "costs": "Dépenses",
        "balance": "Solde",
        "charges_foncieres": "Charges foncières cédées",
        "desealing_subsidy": "Subvention de désimperméabilisation",
        "acquisition": "Acquisition des surfaces existantes",
        "relocation": "Relogement des entreprises",
        "demolition": "Démolition",
        "remediation": "Dépollution (anciennes ICPE, classe D ou plus)",
        "desealing": "Désimperméabilisation",
        "no_new": "Aucune surface nouvelle : le bilan ne compte que des dépenses.",
        "quantities": (
            "Surfaces nouvelles vendues : {new} m² de surface de plancher, dont {conv} "
            "m² transformés. Bâtiments démolis : {demolished} ; transformés : "
            "{converted}. Surface existante acquise : {acquired} m² ; surface "
            "productive démolie : {productive} m² ; surface brute démolie : {gfa} m² ; "
            "emprise dépolluée : {remediated} m² ; sol désimperméabilisé : "
            "{desealed} m²."
        ),
        "unpriced": ("{m2} m² de surface nouvelle non affectée n'ont ni prix ni coût."),
        "sensitivity": "Sensibilité : prix et coûts de construction ±\u202f20 %",
        "sensitivity_intro": (
            "Charge foncière (et solde d'aménagement) quand les prix de vente et les "
            "coûts de construction varient de −20 % à +20 %."
        ),
        "prices": "Prix {p}",
        "costs_col": "Coûts {c}",
        "chart_caption": (
            "Charge foncière par variation des prix (groupes) et des coûts (barres, "
            "du clair −20 % au foncé +20 %)."
        ),
        "none": "aucun",
        "and_more": "… ({total} en tout)",
        "balance_file": (
            "Chaque bâtiment compté par ce bilan (démoli, transformé, neuf ou "
            "surélevé) est listé avec ses chiffres dans le fichier "
            "«\u00a0{file}\u00a0», écrit à côté de ce rapport."
        ),
        "comparison": "Bilans financiers comparés",
        "comparison_intro": (
            "Bilan promoteur et bilan d'aménagement de chaque scénario, en euros "
            "hors taxes, avec les hypothèses du projet (annexe)."
        ),
        "dev_row": "Promoteur : {what}",
        "pub_row": "Aménageur : {what}",
        "annex": "Hypothèses financières",
        "annex_intro": (
            "Chaque hypothèse avec sa source, l'année du chiffre et son statut "
            "(sourcé, estimation à vérifier dans le texte cité, ou hypothèse à "
            "fixer pour le projet). Montants en "
            "euros hors taxes par m² de surface de plancher, sauf la démolition (par "
            "m² de surface brute), la dépollution (par m² d'emprise) et la "
            "désimperméabilisation (par m² de sol). Une destination précise sa "
            "famille."
        ),
        "assumption": "Hypothèse",
        "value": "Valeur",
        "year": "Année",
        "source": "Source",
        "status": "Statut",
        "rate": "taux",
        "per_m2": "€ HT/m²",
    },
    "en": {
        "title": "Financial balance — {name}",
        "intro": (
            "Who pays? The developer's balance (compte à rebours) takes construction, "
            "fees, marketing, finance and margin from the revenue of the new floor "
            "area: what is left is the charge foncière the land can bear. The public "
            "developer's balance (bilan d'aménagement) sets the charges foncières sold "
            "and the de-sealing subsidy against acquisition, relocation of firms, "
            "demolition, remediation and de-sealing. Amounts in euros excluding VAT; "
            "assumptions in the annex."
        ),
        "developer": "Developer's balance (compte à rebours)",
        "public": "Public developer's balance (bilan d'aménagement)",
        "item": "Item",
        "amount": "Amount (€ excl. VAT)",
        "revenue": "Revenue (sales)",
        "construction": "Construction",
        "fees": "Fees",
        "marketing": "Marketing",
        "finance": "Finance",
        "margin": "Developer's margin",
        "charge_fonciere": "Charge foncière (residual land value)",
        "income": "Income",
        "costs": "Costs",
        "balance": "Balance",
        "charges_foncieres": "Charges foncières sold",
        "desealing_subsidy": "De-sealing subsidy",
        "acquisition": "Acquisition of existing floor area",
        "relocation": "Relocation of firms",
        "demolition": "Demolition",
        "remediation": "Remediation (former ICPE, class D or above)",
        "desealing": "De-sealing",
        "no_new": "No new floor area: the balance counts costs only.",
        "quantities": (
            "New floor area sold: {new} m² of SDP, {conv} m² of it converted. "
            "Buildings demolished: {demolished}; converted: {converted}. Existing "
            "floor area acquired: {acquired} m²; productive floor area demolished: "
            "{productive} m²; gross floor area demolished: {gfa} m²; footprint "
            "remediated: {remediated} m²; ground de-sealed: {desealed} m²."
        ),
        "unpriced": "{m2} m² of new unassigned floor area have no price and no cost.",
        "sensitivity": "Sensitivity: prices and construction costs ±20%",
        "sensitivity_intro": (
            "Charge foncière (and public balance) when sale prices and construction "
            "costs move from −20% to +20%."
        ),
        "prices": "Prices {p}",
        "costs_col": "Costs {c}",
        "chart_caption": (
            "Charge foncière by change of prices (groups) and costs (bars, light "
            "−20% to dark +20%)."
        ),
        "none": "none",
        "and_more": "… ({total} in all)",
        "balance_file": (
            "Every building this balance counts (demolished, converted, new or "
            "raised) is listed with its figures in the file “{file}”, written "
            "beside this report."
        ),
        "comparison": "Financial balances compared",
        "comparison_intro": (
            "The developer's and the public developer's balance of each scenario, in "
            "euros excluding VAT, with the project's assumptions (annex)."
        ),
        "dev_row": "Developer: {what}",
        "pub_row": "Public: {what}",
        "annex": "Financial assumptions",
        "annex_intro": (
            "Every assumption with its source, the year of the figure and its status "
            "(sourced, estimate to check against the cited text, or hypothesis to "
            "set for the project). Amounts in "
            "euros excluding VAT per m² of floor area (SDP), except demolition (per m² "
            "of gross floor area), remediation (per m² of footprint) and de-sealing "
            "(per m² of ground). A use refines its family."
        ),
        "assumption": "Assumption",
        "value": "Value",
        "year": "Year",
        "source": "Source",
        "status": "Status",
        "rate": "rate",
        "per_m2": "€/m²",
    },
}
# French typography: a no-break space before the colon, a narrow one before %.
_TEXTS["fr"] = {
    k: v.replace(" :", "\u00a0:").replace(" %", "\u202f%")
    for k, v in _TEXTS["fr"].items()
}

_CHART_COLOURS = ("#C6DBEF", "#6BAED6", "#2171B5")


def _t(lang: str, key: str, **values: object) -> str:
    template = _TEXTS["fr" if lang == "fr" else "en"][key]
    return template.format(**values) if values else template


def euros(amount: float, lang: str) -> str:
    r"""Whole euros with the language's thousands separator and the € sign.

    Examples
    --------
    >>> euros(-1234567.4, "en")
    '−1,234,567\xa0€'
    """
    number = format_number(float(round(amount)), lang, 0)
    if amount < 0 and not number.startswith(("-", "−")):
        number = "−" + number
    return f"{number}{NBSP}€"


def _pct(factor: float, lang: str) -> str:
    """A factor's change in per cent, signed: ``+20%`` (en), ``−20\u202f%`` (fr).

    Examples
    --------
    >>> _pct(0.8, "en"), _pct(1.0, "en"), _pct(1.2, "fr")
    ('−20%', '±0%', '+20\u202f%')
    """
    return format_delta(format_percent(factor - 1, lang), factor - 1)


def _sheet(ctx: ReportContext, rows: list[tuple[str, float | None, bool]]) -> Any:
    s, lang = ctx.styles, ctx.lang
    header = [
        paragraph(_t(lang, "item"), s.cell_bold),
        paragraph(_t(lang, "amount"), s.cell_right, bold=True),
    ]
    body: list[list[Any]] = [header]
    for label, amount, bold in rows:
        body.append(
            [
                paragraph(label, s.cell_bold if bold else s.cell),
                value_cell(
                    euros(amount, lang),
                    bold=bold,
                    colour="#B2182B" if amount < 0 else "#222222",
                )
                if amount is not None
                else paragraph("", s.cell),
            ]
        )
    return table(body, [FRAME_WIDTH - 130, 130], zebra=False)


def _sensitivity_chart(balance: Balance, lang: str) -> Any:
    """Grouped bars of the charge foncière, negative values below the axis."""
    from reportlab.graphics.shapes import Line, Rect, String
    from reportlab.lib.colors import HexColor

    from mixplan.report.drawkit import new_drawing
    from mixplan.report.fonts import REGULAR

    width, height = FRAME_WIDTH, 150.0
    left, right, top, bottom = 70.0, 10.0, 10.0, 22.0
    drawing = new_drawing(width, height)
    points = balance.sensitivity
    values = [p.charge_fonciere for p in points]
    high, low = max(0.0, *values), min(0.0, *values)
    span = (high - low) or 1.0
    plot_h = height - top - bottom

    def y(value: float) -> float:
        return bottom + (value - low) / span * plot_h

    prices = sorted({p.price_factor for p in points})
    costs = sorted({p.cost_factor for p in points})
    group = (width - left - right) / len(prices)
    bar = group * 0.75 / len(costs)
    for g, price in enumerate(prices):
        for c, cost in enumerate(costs):
            point = next(
                p for p in points if p.price_factor == price and p.cost_factor == cost
            )
            x = left + g * group + group * 0.125 + c * bar
            y0, y1 = y(0.0), y(point.charge_fonciere)
            drawing.add(
                Rect(
                    x,
                    min(y0, y1),
                    bar - 2,
                    max(abs(y1 - y0), 0.5),
                    fillColor=HexColor(_CHART_COLOURS[c % 3]),
                    strokeColor=None,
                )
            )
        drawing.add(
            String(
                left + g * group + group / 2,
                4,
                _t(lang, "prices", p=_pct(price, lang)),
                fontName=REGULAR,
                fontSize=7,
                textAnchor="middle",
            )
        )
    drawing.add(
        Line(
            left,
            y(0.0),
            width - right,
            y(0.0),
            strokeWidth=0.6,
            strokeColor=HexColor("#444444"),
        )
    )
    for value in sorted({high, 0.0, low}):
        drawing.add(
            String(
                left - 4,
                y(value) - 2.5,
                euros(value, lang),
                fontName=REGULAR,
                fontSize=6.5,
                textAnchor="end",
            )
        )
    return drawing


def _listed(ctx: ReportContext, scenario: str, ids: tuple[str, ...]) -> str:
    """Building ids as the report's short labels (annex key), at most a line's worth.

    Beyond :data:`MAX_LISTED_BUILDINGS` the rest are counted, and the scenario's
    balance goes to the file beside the report.
    """
    if not ids:
        return _t(ctx.lang, "none")
    shown = ", ".join(map(short_id, ids[:MAX_LISTED_BUILDINGS]))
    if len(ids) <= MAX_LISTED_BUILDINGS:
        return shown
    ctx.balance_summarised.add(scenario)
    total = format_number(len(ids), ctx.lang, 0)
    return shown + " " + _t(ctx.lang, "and_more", total=total)


def balance_page(ctx: ReportContext, balance: Balance) -> list[Any]:
    """The balance page of one scenario: both sheets, quantities, sensitivity."""
    from reportlab.platypus import CondPageBreak, PageBreak, Spacer

    s, lang = ctx.styles, ctx.lang
    story: list[Any] = [
        heading(_t(lang, "title", name=balance.scenario), s.h1, 1),
        paragraph(_t(lang, "intro"), s.small),
    ]
    if not balance.has_new_floor_area:
        story.append(paragraph(_t(lang, "no_new"), s.body, bold=True))
    dev = balance.developer.to_json()
    story.append(heading(_t(lang, "developer"), s.h2, 2))
    story.append(
        _sheet(
            ctx,
            [
                (_t(lang, key), dev[key], key == "charge_fonciere")
                for key in (
                    "revenue",
                    "construction",
                    "fees",
                    "marketing",
                    "finance",
                    "margin",
                    "charge_fonciere",
                )
            ],
        )
    )
    story.append(heading(_t(lang, "public"), s.h2, 2))
    lines = balance.public.lines
    rows: list[tuple[str, float | None, bool]] = [(_t(lang, "income"), None, True)]
    rows += [(_t(lang, k), lines[k], False) for k in PUBLIC_INCOME_LINES]
    rows += [(_t(lang, "costs"), None, True)]
    rows += [(_t(lang, k), lines[k], False) for k in PUBLIC_COST_LINES]
    rows += [(_t(lang, "balance"), balance.public.balance, True)]
    story.append(_sheet(ctx, rows))
    q = balance.quantities

    def m2(key: str) -> str:
        return format_number(q.get(key, 0.0), lang)

    story.append(Spacer(1, 4))
    story.append(
        paragraph(
            _t(
                lang,
                "quantities",
                new=m2("new_sdp_m2"),
                conv=m2("converted_sdp_m2"),
                demolished=_listed(ctx, balance.scenario, balance.demolished),
                converted=_listed(ctx, balance.scenario, balance.converted),
                acquired=m2("acquired_sdp_m2"),
                productive=m2("relocated_productive_sdp_m2"),
                gfa=m2("demolished_gfa_m2"),
                remediated=m2("remediated_footprint_m2"),
                desealed=m2("desealed_m2"),
            ),
            s.small,
        )
    )
    if balance.scenario in ctx.balance_summarised:
        story.append(
            paragraph(
                _t(lang, "balance_file", file=ctx.balance_file), s.small, bold=True
            )
        )
    if q.get("unpriced_sdp_m2", 0.0) > 0:
        story.append(paragraph(_t(lang, "unpriced", m2=m2("unpriced_sdp_m2")), s.small))
    if balance.sensitivity:
        story.append(CondPageBreak(260))
        story.append(heading(_t(lang, "sensitivity"), s.h2, 2))
        story.append(paragraph(_t(lang, "sensitivity_intro"), s.small))
        costs = sorted({p.cost_factor for p in balance.sensitivity})
        prices = sorted({p.price_factor for p in balance.sensitivity})
        header = [paragraph("", s.cell)] + [
            paragraph(_t(lang, "costs_col", c=_pct(c, lang)), s.cell_right, bold=True)
            for c in costs
        ]
        grid: list[list[Any]] = [header]
        for price in prices:
            row: list[Any] = [
                paragraph(_t(lang, "prices", p=_pct(price, lang)), s.cell_bold)
            ]
            for cost in costs:
                point = next(
                    p
                    for p in balance.sensitivity
                    if p.price_factor == price and p.cost_factor == cost
                )
                row.append(
                    value_cell(
                        euros(point.charge_fonciere, lang),
                        sub=euros(point.public_balance, lang),
                        bold=price == 1 and cost == 1,
                    )
                )
            grid.append(row)
        column = (FRAME_WIDTH - 90) / len(costs)
        story.append(table(grid, [90] + [column] * len(costs), zebra=False))
        story.append(Spacer(1, 6))
        story.append(_sensitivity_chart(balance, lang))
        story.append(paragraph(_t(lang, "chart_caption"), s.caption))
    story.append(PageBreak())
    return story


def balance_comparison(
    ctx: ReportContext, balances: Mapping[str, Balance]
) -> list[Any]:
    """Every covered scenario's balance side by side."""
    from reportlab.platypus import PageBreak

    s, lang = ctx.styles, ctx.lang
    names = [n for n in ctx.names if n in balances]
    if not names:
        return []
    story: list[Any] = [
        heading(_t(lang, "comparison"), s.h1, 0),
        paragraph(_t(lang, "comparison_intro"), s.body),
    ]
    header = [paragraph(_t(lang, "item"), s.cell_bold)] + [
        paragraph(name, s.cell_right, bold=True) for name in names
    ]
    rows: list[list[Any]] = [header]
    for key in ("revenue", "construction", "charge_fonciere"):
        rows.append(
            [paragraph(_t(lang, "dev_row", what=_t(lang, key).split(" (")[0]), s.cell)]
            + [
                value_cell(
                    euros(balances[n].developer.to_json()[key], lang),
                    bold=key == "charge_fonciere",
                )
                for n in names
            ]
        )
    for key in ("income", "costs", "balance"):
        rows.append(
            [paragraph(_t(lang, "pub_row", what=_t(lang, key)), s.cell)]
            + [
                value_cell(
                    euros(getattr(balances[n].public, key), lang), bold=key == "balance"
                )
                for n in names
            ]
        )
    first = min(170.0, FRAME_WIDTH / 2)
    column = (FRAME_WIDTH - first) / len(names)
    story.append(table(rows, [first] + [column] * len(names)))
    story.append(PageBreak())
    return story


def assumptions_annex(ctx: ReportContext, fa: FinancialAssumptions) -> list[Any]:
    """The financial assumptions in force, each with its source, year and status."""
    from reportlab.platypus import PageBreak

    s, lang = ctx.styles, ctx.lang
    story: list[Any] = [
        PageBreak(),
        heading(_t(lang, "annex"), s.h1, 0),
        paragraph(_t(lang, "annex_intro"), s.body),
    ]
    header = [
        paragraph(_t(lang, "assumption"), s.cell_bold),
        paragraph(_t(lang, "value"), s.cell_right, bold=True),
        paragraph(_t(lang, "year"), s.cell_bold),
        paragraph(_t(lang, "status"), s.cell_bold),
        paragraph(_t(lang, "source"), s.cell_bold),
    ]
    rows: list[list[Any]] = [header]
    for key, entry in fa:
        if unit_of(key):
            shown = f"{format_number(entry.value, lang)}{NBSP}{_t(lang, 'per_m2')}"
        else:
            shown = (
                format_number(entry.value * 100, lang, 1).rstrip("0").rstrip(",.")
                + f"{NBSP}%"
            )
        rows.append(
            [
                paragraph(label_of(key, lang), s.cell),
                value_cell(shown),
                paragraph(str(entry.year) if entry.year is not None else DASH, s.cell),
                paragraph(status_label(entry.status, lang), s.cell_small),
                paragraph(source_text(key, entry, lang), s.cell_small),
            ]
        )
    widths = [140, 80, 34, 38, FRAME_WIDTH - 140 - 80 - 34 - 38]
    story.append(table(rows, widths, zebra=False))
    return story
