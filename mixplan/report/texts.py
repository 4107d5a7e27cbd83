"""Every word of the report, in French and English.

``text(lang, key, **values)`` returns the string for ``key`` in ``lang`` with
``values`` substituted (``str.format``). Values are formatted by the caller with
:mod:`mixplan.report.typography`, so a number never reaches a template raw.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "TEXTS", "text"]

LANGUAGES: tuple[str, ...] = ("fr", "en")

_FR: dict[str, str] = {
    "title": "Renouvellement mixte d'un site d'activités",
    "subtitle": "Comparaison de scénarios : surfaces productives, densité, sols",
    "site": "Site",
    "site_area": "Surface du site",
    "author": "Établi par",
    "date": "Date",
    "version": "Logiciel",
    "crs": "Système de coordonnées",
    "scenarios_covered": "Scénarios présentés",
    "baseline_mark": "état existant, référence",
    "buildings_count": "{count} bâtiments",
    "no_site": "aucun périmètre de site défini",
    "summary": "Synthèse",
    "summary_intro": (
        "Chaque scénario est comparé à l'état existant ({baseline}). Les écarts "
        "sont indiqués sous chaque valeur. Les règles clés : C09 (pas de perte "
        "nette de surface productive), D01 (la densité augmente), C13 (surfaces "
        "productives aptes), C15 (compatibilité des activités sous le logement)."
    ),
    "indicator": "Indicateur",
    "key_rules": "Règles clés",
    "verdicts": "Conclusions",
    "pass": "conforme",
    "fail": "non conforme",
    "rule_off": "désactivée",
    "not_applicable": "sans objet",
    "scenario": "Scénario",
    "baseline_section": "État existant",
    "site_plan": "Plan de masse",
    "site_plan_caption": (
        "Plan à l'échelle 1:{scale} (sur A4). Bâtiments colorés selon la famille "
        "d'usage dominante ; contours gris : état existant."
    ),
    "labels_note": "Étiquettes : {shown} bâtiments sur {total} (les plus grands).",
    "labels_none": "Bâtiments trop petits à cette échelle pour porter une étiquette.",
    "massing": "Volumétrie",
    "massing_caption": (
        "Axonométrie, vue depuis le sud-ouest ; chaque niveau est coloré selon "
        "ses usages."
    ),
    "stacking": "Empilement des usages",
    "stacking_caption": (
        "Par bâtiment, les niveaux du bas vers le haut, hauteur d'étage à "
        "l'échelle, largeur partagée entre les usages."
    ),
    "stacking_note": (
        "{shown} bâtiments sur {total} présentés (les plus grandes surfaces de "
        "plancher)."
    ),
    "productive_balance": "Bilan des surfaces productives",
    "productive_balance_intro": (
        "Surface de plancher productive apte (C13), par bâtiment existant suivi "
        "par son origine : conservée, perdue, créée."
    ),
    "productive_class": "Classe productive",
    "before": "Existant",
    "kept": "Conservée",
    "lost": "Perdue",
    "gained": "Créée",
    "after": "Projet",
    "total_engine": "Total",
    "no_productive": (
        "Aucune surface productive ni dans l'existant ni dans ce scénario."
    ),
    "indicators": "Indicateurs",
    "value": "Valeur",
    "delta": "Écart",
    "findings": "Constats",
    "no_findings": "Aucun constat : toutes les règles actives sont respectées.",
    "rule": "Règle",
    "severity": "Gravité",
    "message": "Constat",
    "measured": "Mesuré",
    "limit": "Limite",
    "source": "Source",
    "targets": "Concerne",
    "more_findings": "… et {count} autres constats de la règle {rule}.",
    "findings_file": (
        "Le tableau montre au plus {most} constats par règle. Les {total} constats "
        "de ce scénario, comme ceux des autres scénarios du rapport, sont listés "
        "dans le fichier «\u00a0{file}\u00a0», écrit à côté de ce rapport."
    ),
    "comparison": "Comparaison des scénarios",
    "chart_sdp_by_family": "Surface de plancher par famille d'usage",
    "chart_retention": "Maintien de la surface productive apte",
    "chart_density": "Densité (coefficient d'occupation, SDP / surface du site)",
    "retention_threshold": "seuil C09",
    "annex_rulebook": "Annexe : règles et hypothèses en vigueur",
    "annex_labels": "Annexe : clé des identifiants des bâtiments",
    "annex_labels_intro": (
        "Les bâtiments sans nom propre sont désignés dans ce rapport par une "
        "forme courte de leur identifiant ; voici l'identifiant complet de "
        "chacun."
    ),
    "short_label": "Libellé",
    "full_id": "Identifiant",
    "annex_rulebook_intro": (
        "Tous les paramètres du projet. Les valeurs modifiées par rapport aux "
        "valeurs par défaut sont en gras. Statut : sourcé (lu dans le texte "
        "cité), estimation (tirée du document cité, à vérifier), hypothèse "
        "(valeur de travail à fixer pour le projet)."
    ),
    "section": "Section",
    "parameter": "Paramètre",
    "status": "Statut",
    "assumptions": "Hypothèses",
    "annex_uses": "Annexe : classes d'usage",
    "use_code": "Code",
    "use_label": "Usage",
    "family": "Famille",
    "destination": "Destination (R151-28)",
    "m2_per_job": "m² par emploi",
    "suggest_section": "Scénarios suggérés (optimiseur)",
    "suggested_how": "Comment ce scénario a été obtenu",
    "suggested_limits": "Ce qui le limite",
    "suggested_more": "… et {count} autre(s) limite(s).",
    "legend": "Légende",
    "site_boundary": "Périmètre du site",
    "baseline_outline": "Existant (contour)",
    "error_outline": "Bâtiment en erreur",
    "scale_bar_unit": "m",
    "north": "N",
    "empty_scenario": "Ce scénario ne contient aucun bâtiment.",
    "page": "Page {page} / ",
    "yes": "oui",
    "no": "non",
    "verdict_pass": (
        "{name} respecte les quatre règles clés : surface productive apte "
        "maintenue à {retention} et densité portée de {far_before} à {far_after}."
    ),
    "verdict_fail": "{name} ne respecte pas {rules}{details}.",
    "verdict_baseline": "{name} est l'état de référence : {sdp} de surface de "
    "plancher, dont {productive} productive apte.",
    "verdict_detail_c09": "maintien de la surface productive {retention}, "
    "seuil {limit}",
    "verdict_detail_d01": "densité {far_after} pour {far_before} dans l'existant",
    "verdict_detail_c13": "{area} de surface productive inapte",
    "verdict_detail_c15": "{count} activités incompatibles sous du logement",
    "verdict_other_errors": "Autres règles en erreur : {rules}.",
    "verdict_existing": "Constats de l'état existant, que le scénario ne modifie "
    "pas : {rules}.",
    "existing": "état existant",
    "and": "et",
    "glyph_note": (
        "Les caractères absents de la police DejaVu Sans ({chars}) sont composés "
        "avec une police asiatique standard du lecteur PDF."
    ),
}

_EN: dict[str, str] = {
    "title": "Mixed-use redevelopment of a business site",
    "subtitle": "Scenarios compared: productive floor area, density, ground",
    "site": "Site",
    "site_area": "Site area",
    "author": "Prepared by",
    "date": "Date",
    "version": "Software",
    "crs": "Coordinate reference system",
    "scenarios_covered": "Scenarios covered",
    "baseline_mark": "existing state, the reference",
    "buildings_count": "{count} buildings",
    "no_site": "no site boundary defined",
    "summary": "Summary",
    "summary_intro": (
        "Each scenario is compared with the existing state ({baseline}); the "
        "difference is shown under each value. The key rules: C09 (no net loss "
        "of productive floor area), D01 (density rises), C13 (productive-grade "
        "space), C15 (compatible activities under housing)."
    ),
    "indicator": "Indicator",
    "key_rules": "Key rules",
    "verdicts": "Verdicts",
    "pass": "pass",
    "fail": "fail",
    "rule_off": "off",
    "not_applicable": "n/a",
    "scenario": "Scenario",
    "baseline_section": "Existing state",
    "site_plan": "Site plan",
    "site_plan_caption": (
        "Plan at 1:{scale} (on A4). Buildings coloured by their dominant use "
        "family; grey outlines: the existing state."
    ),
    "labels_note": "Labels: {shown} of {total} buildings (the largest).",
    "labels_none": "Buildings too small at this scale to carry a label.",
    "massing": "Massing",
    "massing_caption": (
        "Axonometric view from the south-west; every level coloured by its uses."
    ),
    "stacking": "Stacking of uses",
    "stacking_caption": (
        "Per building, its levels from the bottom up, storey heights to scale, "
        "width shared between the uses."
    ),
    "stacking_note": "{shown} of {total} buildings shown (the largest floor area).",
    "productive_balance": "Productive floor area balance",
    "productive_balance_intro": (
        "Productive-grade floor area (C13), per existing building followed "
        "through its origin: kept, lost, gained."
    ),
    "productive_class": "Productive class",
    "before": "Existing",
    "kept": "Kept",
    "lost": "Lost",
    "gained": "Gained",
    "after": "Scenario",
    "total_engine": "Total",
    "no_productive": "No productive floor area, neither existing nor in this scenario.",
    "indicators": "Indicators",
    "value": "Value",
    "delta": "Difference",
    "findings": "Findings",
    "no_findings": "No findings: every active rule is met.",
    "rule": "Rule",
    "severity": "Severity",
    "message": "Finding",
    "measured": "Measured",
    "limit": "Limit",
    "source": "Source",
    "targets": "About",
    "more_findings": "… and {count} more findings of rule {rule}.",
    "findings_file": (
        "The table shows at most {most} findings per rule. All {total} findings of "
        "this scenario, and those of the report's other scenarios, are listed in "
        "the file “{file}”, written beside this report."
    ),
    "comparison": "Scenarios compared",
    "chart_sdp_by_family": "Floor area (SDP) by use family",
    "chart_retention": "Productive-grade floor area retained",
    "chart_density": "Density (floor area ratio, SDP / site area)",
    "retention_threshold": "C09 threshold",
    "annex_rulebook": "Annex: rules and assumptions in force",
    "annex_labels": "Annex: key to building labels",
    "annex_labels_intro": (
        "Buildings without a name of their own are shown in this report by a "
        "short form of their id; here is the full id of each."
    ),
    "short_label": "Label",
    "full_id": "Id",
    "annex_rulebook_intro": (
        "Every parameter of the project. Values changed from the default are in "
        "bold. Status: sourced (read in the cited text), estimate (taken from the "
        "cited document, to check), hypothesis (a working value to set for the "
        "project)."
    ),
    "section": "Section",
    "parameter": "Parameter",
    "status": "Status",
    "assumptions": "Assumptions",
    "annex_uses": "Annex: use classes",
    "use_code": "Code",
    "use_label": "Use",
    "family": "Family",
    "destination": "French destination (R151-28)",
    "m2_per_job": "m² per job",
    "suggest_section": "Suggested scenarios (optimiser)",
    "suggested_how": "How this scenario was obtained",
    "suggested_limits": "What limits it",
    "suggested_more": "… and {count} more limit(s).",
    "legend": "Legend",
    "site_boundary": "Site boundary",
    "baseline_outline": "Existing (outline)",
    "error_outline": "Building with an error",
    "scale_bar_unit": "m",
    "north": "N",
    "empty_scenario": "This scenario has no building.",
    "page": "Page {page} of ",
    "yes": "yes",
    "no": "no",
    "verdict_pass": (
        "{name} meets the four key rules: productive-grade floor area retained "
        "at {retention} while density rises from {far_before} to {far_after}."
    ),
    "verdict_fail": "{name} fails {rules}{details}.",
    "verdict_baseline": "{name} is the reference state: {sdp} of floor area, "
    "of which {productive} productive-grade.",
    "verdict_detail_c09": "productive floor area retained at {retention}, "
    "threshold {limit}",
    "verdict_detail_d01": "density {far_after} against {far_before} existing",
    "verdict_detail_c13": "{area} of productive space not productive-grade",
    "verdict_detail_c15": "{count} incompatible activities under housing",
    "verdict_other_errors": "Other rules in error: {rules}.",
    "verdict_existing": "Existing-state findings the scenario does not change: "
    "{rules}.",
    "existing": "existing state",
    "and": "and",
    "glyph_note": (
        "Characters missing from the DejaVu Sans font ({chars}) are set in a "
        "standard Asian font of the PDF reader."
    ),
}

_INDICATORS_FR = {
    "site_area_m2": "Surface du site",
    "footprint_m2": "Emprise au sol",
    "coverage": "Coefficient d'emprise au sol",
    "gfa_m2": "Surface brute de plancher",
    "sdp_m2": "Surface de plancher (SDP)",
    "sdp_by_family_m2.housing": "SDP logement",
    "sdp_by_family_m2.productive": "SDP productive",
    "sdp_by_family_m2.tertiary": "SDP tertiaire",
    "sdp_by_family_m2.shared": "SDP mutualisée et équipements",
    "sdp_by_use_m2.unassigned": "SDP non affectée",
    "productive_sdp_m2": "SDP productive apte (C13)",
    "productive_non_grade_sdp_m2": "SDP productive inapte",
    "productive_retention": "Maintien de la SDP productive",
    "productive_kept_m2": "SDP productive conservée",
    "productive_lost_m2": "SDP productive perdue",
    "productive_gained_m2": "SDP productive créée",
    "far": "Densité (COS)",
    "dwellings": "Logements",
    "residents": "Habitants",
    "jobs": "Emplois",
    "open_soil_m2": "Pleine terre",
    "open_soil_ratio": "Part de pleine terre",
    "cbs": "Coefficient de biotope (CBS)",
    "artificialised_m2": "Surface artificialisée",
    "net_new_artificialised_m2": "Artificialisation nette",
    "max_height_m": "Hauteur maximale",
    "parking_supply": "Places de stationnement",
    "parking_demand": "Besoin en stationnement",
    "loading_bays": "Aires de livraison",
    "loading_bays_required": "Aires de livraison requises",
}

_INDICATORS_EN = {
    "site_area_m2": "Site area",
    "footprint_m2": "Footprint",
    "coverage": "Coverage",
    "gfa_m2": "Gross floor area",
    "sdp_m2": "Floor area (SDP)",
    "sdp_by_family_m2.housing": "SDP housing",
    "sdp_by_family_m2.productive": "SDP productive",
    "sdp_by_family_m2.tertiary": "SDP tertiary",
    "sdp_by_family_m2.shared": "SDP shared and facilities",
    "sdp_by_use_m2.unassigned": "SDP unassigned",
    "productive_sdp_m2": "Productive-grade SDP (C13)",
    "productive_non_grade_sdp_m2": "Productive SDP, not productive-grade",
    "productive_retention": "Productive floor area retained",
    "productive_kept_m2": "Productive SDP kept",
    "productive_lost_m2": "Productive SDP lost",
    "productive_gained_m2": "Productive SDP gained",
    "far": "Floor area ratio (FAR)",
    "dwellings": "Dwellings",
    "residents": "Residents",
    "jobs": "Jobs",
    "open_soil_m2": "Open soil",
    "open_soil_ratio": "Open soil share",
    "cbs": "Biotope area factor (CBS)",
    "artificialised_m2": "Artificialised land",
    "net_new_artificialised_m2": "Net new artificialised land",
    "max_height_m": "Maximum height",
    "parking_supply": "Parking spaces",
    "parking_demand": "Parking demand",
    "loading_bays": "Loading bays",
    "loading_bays_required": "Loading bays required",
}

_FAMILIES_FR = {
    "housing": "Logement",
    "productive": "Productif",
    "tertiary": "Tertiaire",
    "shared": "Mutualisé, équipements",
    "non_floor_area": "Hors SDP (stationnement, technique)",
    "unassigned": "Non affecté",
}
_FAMILIES_EN = {
    "housing": "Housing",
    "productive": "Productive",
    "tertiary": "Tertiary",
    "shared": "Shared, facilities",
    "non_floor_area": "Not floor area (parking, technical)",
    "unassigned": "Unassigned",
}
_COVERS_FR = {
    "open_soil": "Pleine terre plantée",
    "lawn": "Pelouse (pleine terre)",
    "semi_open": "Semi-ouvert",
    "permeable_paving": "Revêtement perméable",
    "sealed": "Imperméabilisé",
    "parking": "Parc de stationnement",
    "yard": "Cour de service",
    "green_on_slab": "Végétal sur dalle",
}
_COVERS_EN = {
    "open_soil": "Open soil (planted)",
    "lawn": "Lawn (open soil)",
    "semi_open": "Semi-open",
    "permeable_paving": "Permeable paving",
    "sealed": "Sealed",
    "parking": "Surface car park",
    "yard": "Service yard",
    "green_on_slab": "Green on slab",
}
_SEVERITIES_FR = {"error": "erreur", "warning": "alerte", "info": "info"}
_SEVERITIES_EN = {"error": "error", "warning": "warning", "info": "info"}

TEXTS: dict[str, dict[str, str]] = {"fr": dict(_FR), "en": dict(_EN)}
# French typography: a no-break space before a colon, a narrow one before a
# semicolon, so neither is ever left alone at the start of a line.
TEXTS["fr"] = {
    k: v.replace(" :", "\u00a0:").replace(" ;", "\u202f;")
    for k, v in TEXTS["fr"].items()
}
for _lang, _tables in (
    (
        "fr",
        (
            ("indicator.", _INDICATORS_FR),
            ("family.", _FAMILIES_FR),
            ("cover.", _COVERS_FR),
            ("severity.", _SEVERITIES_FR),
        ),
    ),
    (
        "en",
        (
            ("indicator.", _INDICATORS_EN),
            ("family.", _FAMILIES_EN),
            ("cover.", _COVERS_EN),
            ("severity.", _SEVERITIES_EN),
        ),
    ),
):
    for _prefix, _table in _tables:
        TEXTS[_lang].update({_prefix + k: v for k, v in _table.items()})


def text(lang: str, key: str, **values: object) -> str:
    """The string ``key`` in ``lang`` (``"fr"`` or ``"en"``), formatted.

    Examples
    --------
    >>> text("en", "buildings_count", count=3)
    '3 buildings'
    >>> text("fr", "family.productive")
    'Productif'
    """
    template = TEXTS["fr" if lang == "fr" else "en"][key]
    return template.format(**values) if values else template
