"""The balance sheets as text, in English or French (``mixplan balance``).

Amounts are whole euros excluding VAT with thousands separators (a comma in
English, a narrow no-break space in French, as the Imprimerie nationale sets
them).
"""

from __future__ import annotations

from mixplan.engine.balance import PUBLIC_COST_LINES, PUBLIC_INCOME_LINES, Balance

__all__ = ["PUBLIC_LINE_LABELS", "DEVELOPER_LABELS", "euros", "format_balance_text"]

#: Developer sheet rows: key -> (English, French).
DEVELOPER_LABELS: dict[str, tuple[str, str]] = {
    "revenue": ("Revenue (sales)", "Chiffre d'affaires (ventes)"),
    "construction": ("Construction", "Construction"),
    "fees": ("Fees", "Honoraires"),
    "marketing": ("Marketing", "Commercialisation"),
    "finance": ("Finance", "Frais financiers"),
    "margin": ("Developer's margin", "Marge du promoteur"),
    "charge_fonciere": (
        "Charge foncière (residual land value)",
        "Charge foncière (valeur résiduelle du terrain)",
    ),
}
#: Public sheet lines: key -> (English, French).
PUBLIC_LINE_LABELS: dict[str, tuple[str, str]] = {
    "charges_foncieres": ("Charges foncières sold", "Charges foncières cédées"),
    "desealing_subsidy": ("De-sealing subsidy", "Subvention de désimperméabilisation"),
    "acquisition": (
        "Acquisition of existing floor area",
        "Acquisition des surfaces existantes",
    ),
    "relocation": ("Relocation of firms", "Relogement des entreprises"),
    "demolition": ("Demolition", "Démolition"),
    "remediation": ("Remediation (former ICPE)", "Dépollution (anciennes ICPE)"),
    "desealing": ("De-sealing", "Désimperméabilisation"),
}

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Financial balance", "Bilan financier"),
    "developer": (
        "Developer's balance (compte à rebours)",
        "Bilan promoteur (compte à rebours)",
    ),
    "public": (
        "Public developer's balance (bilan d'aménagement)",
        "Bilan d'aménagement",
    ),
    "income": ("Income", "Recettes"),
    "costs": ("Costs", "Dépenses"),
    "balance": ("Balance", "Solde"),
    "none": (
        "No new floor area: costs only.",
        "Aucune surface nouvelle : dépenses seules.",
    ),
    "sensitivity": (
        "Sensitivity: charge foncière / public balance",
        "Sensibilité : charge foncière / solde d'aménagement",
    ),
    "prices": ("prices", "prix"),
    "costs_short": ("costs", "coûts"),
    "quantities": ("Quantities", "Quantités"),
    "unit": ("€ excl. VAT", "€ HT"),
}

_QUANTITY_LABELS: dict[str, tuple[str, str]] = {
    "new_sdp_m2": ("New floor area (SDP) sold", "Surface de plancher nouvelle vendue"),
    "converted_sdp_m2": ("of which converted", "dont transformée"),
    "acquired_sdp_m2": ("Existing floor area acquired", "Surface existante acquise"),
    "relocated_productive_sdp_m2": (
        "Productive floor area demolished",
        "Surface productive démolie",
    ),
    "demolished_gfa_m2": ("Gross floor area demolished", "Surface brute démolie"),
    "remediated_footprint_m2": ("Footprint remediated", "Emprise dépolluée"),
    "desealed_m2": ("Ground de-sealed", "Sol désimperméabilisé"),
    "unpriced_sdp_m2": (
        "New floor area with no price (unassigned)",
        "Surface nouvelle sans prix (non affectée)",
    ),
}


def _w(key: str, lang: str) -> str:
    en, fr = _WORDS[key]
    return fr if lang == "fr" else en


def euros(amount: float, lang: str = "en") -> str:
    r"""Whole euros with thousands separators.

    Examples
    --------
    >>> euros(-1234567.4), euros(1234567.6, "fr")
    ('-1,234,567', '1\u202f234\u202f568')
    """
    text = f"{round(amount):,}"
    if text == "-0":
        text = "0"
    return text.replace(",", "\u202f") if lang == "fr" else text


def _m2(value: float, lang: str) -> str:
    return euros(value, lang) + " m²"


def format_balance_text(balance: Balance, lang: str = "en") -> str:
    """Both sheets, the quantities and the sensitivity, as aligned text."""
    unit = _w("unit", lang)
    i = 1 if lang == "fr" else 0
    lines = [f"{_w('title', lang)} — {balance.scenario} ({unit})", ""]
    lines.append(_w("developer", lang))
    if not balance.has_new_floor_area:
        lines.append("  " + _w("none", lang))
    dev = balance.developer.to_json()
    for key, labels in DEVELOPER_LABELS.items():
        lines.append(f"  {labels[i]:<46} {euros(dev[key], lang):>16}")
    lines += ["", _w("public", lang), f"  {_w('income', lang)}"]
    for key in PUBLIC_INCOME_LINES:
        lines.append(
            f"    {PUBLIC_LINE_LABELS[key][i]:<44} "
            f"{euros(balance.public.lines[key], lang):>16}"
        )
    lines.append(f"  {_w('costs', lang)}")
    for key in PUBLIC_COST_LINES:
        lines.append(
            f"    {PUBLIC_LINE_LABELS[key][i]:<44} "
            f"{euros(balance.public.lines[key], lang):>16}"
        )
    lines.append(
        f"  {_w('balance', lang):<46} {euros(balance.public.balance, lang):>16}"
    )
    lines += ["", _w("quantities", lang)]
    for key, labels in _QUANTITY_LABELS.items():
        value = balance.quantities.get(key, 0.0)
        if key == "unpriced_sdp_m2" and value <= 0:
            continue
        lines.append(f"  {labels[i]:<46} {_m2(value, lang):>16}")
    if balance.sensitivity:
        lines += ["", _w("sensitivity", lang)]
        for point in balance.sensitivity:
            lines.append(
                f"  {_w('prices', lang)} ×{point.price_factor:.1f}  "
                f"{_w('costs_short', lang)} ×{point.cost_factor:.1f}  "
                f"{euros(point.charge_fonciere, lang):>16}  "
                f"{euros(point.public_balance, lang):>16}"
            )
    return "\n".join(lines) + "\n"
