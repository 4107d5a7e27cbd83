"""The rule reference shipped inside the app: checks, formulas, statuses, texts.

What each rule checks, its formula, its defaults, their status and the texts they
come from.

Findings cite :func:`rule_source`; the report's annex, ``mixplan rules`` and
Help ▸ Rule sources show :func:`reference_html` or the same entries. Every
citation names the text itself (code and article, plan and policy, document and
year) with its address where one is public; statuses are worded for a planner:

- *sourced*: the value or wording was read in the cited text;
- *estimate*: a value taken from the cited document, to be checked against it;
- *hypothesis*: a working default (engineering judgement, market practice); set
  it for the project.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from mixplan.model.rulebook import PARAMETERS, Parameter, Rulebook

__all__ = [
    "CITATION_URLS",
    "RULE_REFERENCE",
    "RuleEntry",
    "citation_links",
    "source_text",
    "reference_html",
    "rule_source",
    "status_label",
]

_LEGIFRANCE = "https://www.legifrance.gouv.fr/codes/texte_lc/"
#: The public address of each cited text, by the citation's opening words.
CITATION_URLS: dict[str, str] = {
    "Code de l'urbanisme, art. R111-22": "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031721274",
    "Code de l'urbanisme, art. R*420-1": "https://lexbase.fr/texte-de-loi/code-de-lurbanismer4201/L5951IZG.html",
    "Code de l'urbanisme, art. R151-2": "https://juriblio.fr/codes/code-de-l-urbanisme/"
    "partie-reglementaire-decrets-en-conseil-d-etat/livre-ier/titre-v/"
    "chapitre-ier/section-3/sous-section-3/paragraphe-1/article-r151-28",
    "Code de l'urbanisme": _LEGIFRANCE + "LEGITEXT000006074075",
    "Code de l'environnement": _LEGIFRANCE + "LEGITEXT000006074220",
    "Code de la construction et de l'habitation": _LEGIFRANCE + "LEGITEXT000006074096",
    "Décret n° 2023-1096": "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000048465959",
    "Loi n° 2021-1104": "https://rapport-congresdesnotaires.fr/2024-rapport-du-120e-"
    "congres/les-objectifs-temporels",
    "London Plan 2021, policy E4": "https://kirby.wa-insight.com/planning-policy-map/"
    "the-london-plan-e4-land-for-industry-logistics-and-services-to-support-"
    "london-s-economic-function",
    "London Plan 2021, policy E7": "https://kirby.wa-insight.com/planning-policy-map/"
    "the-london-plan-e7-industrial-intensification-co-location-and-substitution",
    "London Plan 2021, paragraph 6.4.5": "https://justspace.org.uk/london-plan-2021/"
    "hearings-eip-2019/m62-industrial-land-19-march/",
    "Berlin Biotope Area Factor": "https://www.guidebatimentdurable.brussels/fr/"
    "1-evaluation-du-projet-via-le-cbs.html?IDC=7291",
    "PDUIF 2014": "https://ekopolis.fr/ressources/pdu-idf-chapitre-53-encadrer-le-"
    "developpement-du-stationnement-prive",
    "HCA Employment Density Guide": "https://pt.scribd.com/document/397556529/COPSSW",
    "Institut Paris Region, L'impact des sites logistiques": "https://www.institutparisregion.fr/nos-travaux/publications/limpact-des-"
    "sites-logistiques-en-ile-de-france/",
    "Apur, Average household size": "https://www.apur.org/en/our-works/average-"
    "household-size-ile-france",
    "Paris PLU bioclimatique": "https://www.gide-realestate.com/paris-adopte-son-plu-"
    "bioclimatique/",
    "IDHEAL": "https://www.bfmtv.com/immobilier/neuf/en-region-parisienne-les-"
    "appartements-neufs-ont-retreci_AN-202109070239.html",
}

# Short words for table cells; the intros of the tables say what each means.
_STATUS = {
    "S": ("sourced", "sourcé"),
    "M": ("estimate", "estimation"),
    "I": ("hypothesis", "hypothèse"),
}


def status_label(status: str, lang: str = "en") -> str:
    """A parameter's status in words (never a code a planner must decode).

    Examples
    --------
    >>> status_label("I", "fr"), status_label("M")
    ('hypothèse', 'estimate')
    """
    en, fr = _STATUS.get(status, _STATUS["I"])
    return fr if lang == "fr" else en


@dataclass(frozen=True, slots=True)
class RuleEntry:
    """What one rule checks, how, on what authority."""

    id: str
    checks_en: str
    checks_fr: str
    formula: str
    status: str
    source: str


_E = RuleEntry
#: Every rule of the engine (and C01, the floor-area measure), in report order.
RULE_REFERENCE: dict[str, RuleEntry] = {
    e.id: e
    for e in (
        _E(
            "C01",
            "Floor area (surface de plancher) of every level",
            "Surface de plancher de chaque niveau",
            "SDP = gross × share × sdp_factor; 0 for parking and technical rooms "
            "and for a level ≤ 1.80 m; housing with internal common parts "
            "× (1 − 0.10)",
            "S",
            "Code de l'urbanisme, art. L111-14, R111-22",
        ),
        _E(
            "C02",
            "Footprint of the buildings over the site area (CES)",
            "Emprise au sol des bâtiments rapportée au terrain (CES)",
            "Σ footprint ÷ site ≤ max_coverage",
            "I",
            "Code de l'urbanisme, art. R*420-1 (emprise au sol); the maximum is the "
            "PLU's",
        ),
        _E(
            "C03",
            "Height of each new or altered building",
            "Hauteur de chaque bâtiment neuf ou modifié",
            "H ≤ max_height_m",
            "I",
            "PLU zone rules; Paris PLU bioclimatique 2024 (37 m general cap)",
        ),
        _E(
            "C04",
            "Top occupied floor against the high-rise (IGH) thresholds",
            "Dernier plancher occupé et seuils des immeubles de grande hauteur (IGH)",
            "top floor > 28 m (50 m for housing) warns",
            "S",
            "Code de la construction et de l'habitation, art. R146-3 (IGH)",
        ),
        _E(
            "C05",
            "Setbacks to the site boundary and between buildings",
            "Prospects aux limites du terrain et entre bâtiments",
            "L ≥ max(k × H, min_setback_m)",
            "M",
            "Code de l'urbanisme, art. R111-17 (RNU: H/2, at least 3 m); PLU zone "
            "rules",
        ),
        _E(
            "C06",
            "Pleine terre (open soil and lawn) over the site area",
            "Pleine terre (sol planté et pelouse) rapportée au terrain",
            "pleine terre ÷ site ≥ min_open_soil_ratio",
            "I",
            "Code de l'urbanisme, art. L151-22; the minimum is the PLU's",
        ),
        _E(
            "C07",
            "Biotope coefficient (CBS) of the site",
            "Coefficient de biotope par surface (CBS) du terrain",
            "Σ area × coefficient ÷ site ≥ min_cbs",
            "S",
            "Code de l'urbanisme, art. L151-22; Berlin Biotope Area Factor (targets "
            "0.30 for industry or mixed use)",
        ),
        _E(
            "C08",
            "Net new artificialised land (an indicator, not a legal test)",
            "Artificialisation nette (un indicateur, pas une règle opposable)",
            "artificialised after − before ≤ max_net_new_artificialised_m2",
            "S",
            "Loi n° 2021-1104 du 22 août 2021 (Climat et résilience), art. 191; Décret "
            "n° 2023-1096 du 27 novembre 2023 (nomenclature annexed to art. R101-1)",
        ),
        _E(
            "C09",
            "No net loss of productive-grade floor area",
            "Pas de perte nette de surface productive conforme",
            "productive SDP after ≥ min_productive_retention × before",
            "S",
            "London Plan 2021, policy E4 and E7 (no net loss of industrial capacity)",
        ),
        _E(
            "C10",
            "Industrial capacity at a 65% plot ratio (London)",
            "Capacité industrielle à 65 % d'emprise de plancher (Londres)",
            "productive SDP ≥ max(before, plot_ratio × site)",
            "S",
            "London Plan 2021, paragraph 6.4.5 (policy E4)",
        ),
        _E(
            "C11",
            "No net loss of service-yard space",
            "Pas de perte de cours de service",
            "yard after ≥ yard before",
            "S",
            "London Plan 2021, policy E4 and E7 (operational yard space)",
        ),
        _E(
            "C12",
            "Phasing: productive space in use in every phase, before housing "
            "is occupied, and no firm without premises",
            "Phasage : locaux productifs en service à chaque phase, livrés avant "
            "l'occupation des logements, aucune entreprise sans locaux",
            "in use during each phase ≥ min_phase_retention × existing",
            "M",
            "London Plan 2021, policy E7 D",
        ),
        _E(
            "C13",
            "Productive space is real: heights, loads, vehicle access",
            "Locaux productifs réels : hauteurs, charges, accès des véhicules",
            "ground ≥ 4.5 m, ≥ 10 kN/m², street or yard; upper ≥ 4.0 m, ≥ 5 kN/m², "
            "freight lift or ramp",
            "I",
            "Market practice for activity premises (clear height ≥ 4 m); NF EN "
            "1991-1-1 "
            "(Eurocode 1) load categories",
        ),
        _E(
            "C14",
            "Upper productive floors served by a freight lift or a ramp",
            "Desserte des étages productifs par monte-charge ou rampe",
            "lift ≥ 2,000 kg per ≤ 2,000 m² of floor, or a ramp",
            "I",
            "Practice of industrial hotels (hôtels d'activités)",
        ),
        _E(
            "C15",
            "Compatibility of ICPE activities with housing",
            "Compatibilité des ICPE avec le logement",
            "above DC not directly under housing; A and Seveso in no building with "
            "housing, beyond a separation distance",
            "I",
            "Code de l'environnement, art. L511-1, L512-1 to L512-8, R511-9 (ICPE "
            "regimes); separation: the hazard study (art. L181-25) and the PPRT "
            "(art. L515-15)",
        ),
        _E(
            "C19",
            "Parking supply against an estimated demand",
            "Offre de stationnement et besoin estimé",
            "supply ≥ dwellings × per dwelling + floor area ÷ m² per space",
            "I",
            "Code de l'urbanisme, art. L151-30 to L151-36; PDUIF 2014, action 5.3 "
            "(caps on what a PLU may require: the demand here is an estimate)",
        ),
        _E(
            "C20",
            "Loading bays for productive floor area",
            "Aires de livraison des locaux productifs",
            "bays ≥ ⌈productive SDP ÷ m2_per_loading_bay⌉",
            "I",
            "Practice of business parks (1 bay per 1,000 m²)",
        ),
        _E(
            "C21",
            "Housing on the land of a former ICPE (class D or above)",
            "Logement sur le terrain d'une ancienne ICPE (régime D ou plus)",
            "housing overlapping a demolished or converted ICPE footprint warns",
            "S",
            "Code de l'environnement, art. L556-1, R556-1 (soil study and attestation "
            "with the permit)",
        ),
        _E(
            "C22",
            "Footprints of two buildings of one scenario overlap",
            "Emprises de deux bâtiments d'un même scénario superposées",
            "overlap > 1 m² is an error naming both",
            "I",
            "Code de l'urbanisme, art. R*420-1 (emprise au sol: one footprint each)",
        ),
        _E(
            "U02",
            "A changed building or ground cover whose existing one was edited since",
            "Bâtiment ou revêtement de sol modifié, l'existant corrigé depuis",
            "names the building or cover (info)",
            "I",
            "Completeness of the model",
        ),
        _E(
            "D01",
            "Density rises",
            "La densité augmente",
            "FAR > baseline FAR + min_far_increase (strict)",
            "I",
            "Project objective under the Zero Net Artificialisation trajectory (Loi "
            "n° 2021-1104 du 22 août 2021, art. 191)",
        ),
        _E(
            "U01",
            "Floor area with no use assigned",
            "Surface sans usage affecté",
            "unassigned floor area > 0 warns",
            "I",
            "Completeness of the model",
        ),
    )
}


#: French wording of the non-citation parts of sources (longest first).
_SOURCE_FR: tuple[tuple[str, str], ...] = tuple(
    sorted(
        (
            ("the maximum is the PLU's", "le maximum est celui du PLU"),
            ("the minimum is the PLU's", "le minimum est celui du PLU"),
            ("PLU zone rules", "règlement de zone du PLU"),
            ("(37 m general cap)", "(plafond général de 37 m)"),
            ("(RNU: H/2, at least 3 m)", "(RNU : H/2, au moins 3 m)"),
            ("(RNU: L ≥ H/2)", "(RNU : L ≥ H/2)"),
            ("(RNU: 3 m)", "(RNU : 3 m)"),
            ("PLU practice (4 m)", "pratique des PLU (4 m)"),
            ("Berlin Biotope Area Factor", "Coefficient de biotope de Berlin"),
            (
                "(targets 0.30 for industry or mixed use)",
                "(cible 0,30 pour l'industrie ou les zones mixtes)",
            ),
            (
                "(target 0.30 for industry or mixed use)",
                "(cible 0,30 pour l'industrie ou les zones mixtes)",
            ),
            (
                "(Biotopflächenfaktor) coefficients, as published by",
                "(Biotopflächenfaktor), publié par",
            ),
            (
                "the PLU's own table (art. L151-22) prevails",
                "la table du PLU (art. L151-22) prévaut",
            ),
            (
                "nomenclature annexed to art. R101-1",
                "nomenclature annexée à l'art. R101-1",
            ),
            (
                "(business sites are mostly classes A1–A4)",
                "(les sites d'activités relèvent surtout des classes A1–A4)",
            ),
            ("policy E4 and E7", "politiques E4 et E7"),
            (
                "(no net loss of industrial capacity)",
                "(pas de perte nette de capacité industrielle)",
            ),
            ("(no net loss)", "(pas de perte nette)"),
            ("(operational yard space)", "(cours de service)"),
            ("paragraph 6.4.5", "paragraphe 6.4.5"),
            ("(policy E4)", "(politique E4)"),
            ("policy E7 D", "politique E7 D"),
            ("policy E4", "politique E4"),
            (
                "Market practice for activity premises (clear height ≥ 4 m)",
                "Pratique du marché des locaux d'activités (hauteur libre ≥ 4 m)",
            ),
            ("load categories", "catégories de charges"),
            (
                "Market practice: activity premises need a clear height of 4 m or more",
                "Pratique du marché : les locaux d'activités demandent 4 m de hauteur "
                "libre "
                "ou plus",
            ),
            ("and practice of activity premises", "et pratique des locaux d'activités"),
            (
                "Practice: a slab on grade carries 10–20 kN/m²",
                "Pratique : un dallage sur terre-plein porte 10 à 20 kN/m²",
            ),
            (
                "Business-site ground floors open on a street or a yard",
                "Les rez-de-chaussée des sites d'activités ouvrent sur une rue ou une "
                "cour",
            ),
            (
                "Practice of industrial hotels (hôtels d'activités)",
                "Pratique des hôtels d'activités",
            ),
            (
                "Practice of industrial hotels (2,000–5,000 kg)",
                "Pratique des hôtels d'activités (2 000 à 5 000 kg)",
            ),
            ("Practice of industrial hotels", "Pratique des hôtels d'activités"),
            ("(ICPE regimes)", "(régimes ICPE)"),
            (
                "compatibility matrix of PLU practice",
                "matrice de compatibilité issue de la pratique des PLU",
            ),
            ("separation: the hazard study", "isolement : l'étude de dangers"),
            ("and the PPRT", "et le PPRT"),
            (
                "(the hazard study sets the distance)",
                "(l'étude de dangers fixe la distance)",
            ),
            ("(the PPRT sets the zones)", "(le PPRT fixe les zones)"),
            ("L151-30 to L151-36", "L151-30 à L151-36"),
            ("L512-1 to L512-8", "L512-1 à L512-8"),
            ("and PDUIF 2014", "et PDUIF 2014"),
            (
                "(caps on what a PLU may require: the demand here is an estimate)",
                "(des plafonds de ce qu'un PLU peut exiger : le besoin est ici estimé)",
            ),
            (
                "Practice of business parks (1 bay per 1,000 m²)",
                "Pratique des parcs d'activités (1 aire pour 1 000 m²)",
            ),
            (
                "Practice of business parks (1 space per 200–300 m²)",
                "Pratique des parcs d'activités (1 place pour 200 à 300 m²)",
            ),
            (
                "(soil study and attestation with the permit)",
                "(étude de sols et attestation jointes au permis)",
            ),
            (
                "Project objective under the Zero Net Artificialisation trajectory",
                "Objectif du projet dans la trajectoire « zéro artificialisation "
                "nette »",
            ),
            (
                "Project objective (density rises while productive floor area is kept)",
                "Objectif du projet (densifier en gardant la surface productive)",
            ),
            ("Completeness of the model", "Complétude de la saisie"),
            (
                "(emprise au sol: one footprint each)",
                "(emprise au sol : une par bâtiment)",
            ),
            (
                "(1°, 2°: walls at openings, shafts, SDP ≈ 0.90–0.93 × gross)",
                "(1°, 2° : embrasures, trémies, SDP ≈ 0,90 à 0,93 × surface brute)",
            ),
            (
                "IDHEAL study of new dwellings in Île-de-France, 2021 (≈ 55 m² living "
                "area "
                "÷ 0.85)",
                "Étude IDHEAL des logements neufs franciliens, 2021 (≈ 55 m² "
                "habitables ÷ 0,85)",
            ),
            (
                "Apur, Average household size in Île-de-France (INSEE census)",
                "Apur, taille moyenne des ménages en Île-de-France (recensement INSEE)",
            ),
            (
                "Practice of shared parking (foisonnement 0.7–0.8)",
                "Pratique du stationnement mutualisé (foisonnement 0,7 à 0,8)",
            ),
            (
                "(a cap: at most 1 space per dwelling may be required near a station)",
                "(un plafond : au plus 1 place par logement exigible près d'une gare)",
            ),
            (
                "(office ceilings of 1 space per 45–70 m²: caps, not needs)",
                "(plafonds de 1 place pour 45 à 70 m² de bureaux : des maxima, pas des "
                "besoins)",
            ),
            ("(25 m² a space with aisles)", "(25 m² par place avec circulations)"),
            (
                "project choice (existing buildings keep their rights)",
                "choix du projet (les bâtiments existants gardent leurs droits)",
            ),
            ("project choice", "choix du projet"),
            ("3rd edition", "3e édition"),
            (
                "(as final-mile distribution)",
                "(comme la distribution du dernier kilomètre)",
            ),
            ("final-mile distribution", "distribution du dernier kilomètre"),
            ("(as light industry)", "(comme l'industrie légère)"),
            ("light industry", "industrie légère"),
            ("general industry", "industrie générale"),
            ("office 12 m² NIA ≈ 15 m² SDP", "bureau 12 m² utiles ≈ 15 m² SDP"),
            ("(as local retail)", "(comme le commerce de proximité)"),
            ("local retail", "commerce de proximité"),
            ("incubator with workshops", "incubateur avec ateliers"),
            ("(as offices)", "(comme les bureaux)"),
            ("(as food production)", "(comme la production alimentaire)"),
            ("Working value", "Valeur de travail"),
            ("2009 survey", "enquête de 2009"),
            ("m²/job", "m²/emploi"),
            (
                "What an existing structure usually carries without reinforcing its "
                "foundations",
                "Ce qu'une structure existante porte d'ordinaire sans reprise "
                "en sous-œuvre",
            ),
        ),
        key=lambda pair: -len(pair[0]),
    )
)


def source_text(source: str, lang: str = "en") -> str:
    """A source as a reader of ``lang`` reads it (citations stay as written).

    Examples
    --------
    >>> source_text("London Plan 2021, policy E4 and E7 (no net loss)", "fr")
    'London Plan 2021, politiques E4 et E7 (pas de perte nette)'
    """
    if lang != "fr":
        return source
    for english, french in _SOURCE_FR:
        source = source.replace(english, french)
    return source


def rule_source(rule_id: str) -> str:
    """The citation of a rule, as findings carry it.

    Examples
    --------
    >>> rule_source("C21").startswith("Code de l'environnement, art. L556-1")
    True
    """
    entry = RULE_REFERENCE.get(rule_id)
    return entry.source if entry is not None else ""


def citation_links(source: str) -> list[tuple[str, str]]:
    """Each citation of a source text with the address of its text ("" if none).

    Examples
    --------
    >>> citation_links("Code de l'urbanisme, art. R111-22")[0][1][-12:]
    '000031721274'
    """
    out = []
    for part in (p.strip() for p in source.split(";")):
        if not part:
            continue
        url = next(
            (
                u
                for prefix, u in sorted(
                    CITATION_URLS.items(), key=lambda kv: -len(kv[0])
                )
                if part.startswith(prefix)
            ),
            "",
        )
        out.append((part, url))
    return out


def _cite(source: str, lang: str) -> str:
    parts = []
    for text, url in citation_links(source):
        escaped = html.escape(source_text(text, lang))
        parts.append(f"<a href='{html.escape(url)}'>{escaped}</a>" if url else escaped)
    return "; ".join(parts)


def _value(parameter: Parameter, value: object, lang: str) -> str:
    fr = lang == "fr"
    if isinstance(value, bool):
        return ("oui" if value else "non") if fr else ("yes" if value else "no")
    if isinstance(value, int | float):
        text = f"{value:,.6g}"
        text = text.replace(",", "\u202f").replace(".", ",") if fr else text
    else:
        text = str(value)
    unit = f"\u00a0{parameter.unit}" if parameter.unit else ""
    return f"{text}{unit}"


def reference_html(rulebook: Rulebook, lang: str = "en") -> str:
    """The whole reference as HTML: rules, then every parameter with its value.

    Parameters
    ----------
    rulebook
        The values in force (shown beside each default).
    lang
        ``"fr"`` or ``"en"``.
    """
    from mixplan.engine.rules import RULES

    fr = lang == "fr"
    head = (
        ("Règle", "Ce qu'elle vérifie", "Formule", "Statut", "Texte")
        if fr
        else ("Rule", "What it checks", "Formula", "Status", "Text")
    )
    rows = ["<tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>"]
    for entry in RULE_REFERENCE.values():
        rule = RULES.get(entry.id)
        name = (rule.name_fr if fr else rule.name_en) if rule else entry.id
        rows.append(
            f"<tr><td><b>{entry.id}</b> {html.escape(name)}</td>"
            f"<td>{html.escape(entry.checks_fr if fr else entry.checks_en)}</td>"
            f"<td>{html.escape(entry.formula)}</td>"
            f"<td>{html.escape(status_label(entry.status, lang))}</td>"
            f"<td>{_cite(entry.source, lang)}</td></tr>"
        )
    phead = (
        ("Paramètre", "Valeur", "Défaut", "Statut", "Texte")
        if fr
        else ("Parameter", "Value", "Default", "Status", "Text")
    )
    prows = ["<tr>" + "".join(f"<th>{h}</th>" for h in phead) + "</tr>"]
    for parameter in PARAMETERS.values():
        label = parameter.label_fr if fr else parameter.label_en
        prows.append(
            f"<tr><td>{html.escape(label)}<br/><small>{parameter.section}."
            f"{parameter.name}</small></td>"
            f"<td>{html.escape(_value(parameter, rulebook.get(*parameter.key), lang))}"
            "</td>"
            f"<td>{html.escape(_value(parameter, parameter.default, lang))}</td>"
            f"<td>{html.escape(status_label(parameter.status, lang))}</td>"
            f"<td>{_cite(parameter.source, lang)}</td></tr>"
        )
    titles = (
        ("Règles", "Paramètres du référentiel")
        if fr
        else ("Rules", "Rulebook parameters")
    )
    intro = (
        "Statuts : sourcé (lu dans le texte cité) ; estimation (tirée du "
        "document cité, à vérifier) ; hypothèse (valeur de travail à fixer "
        "pour le projet)."
        if fr
        else "Statuses: sourced (read in the cited text); estimate (taken from the "
        "cited document, to check); hypothesis (a working value to set for "
        "the project)."
    )
    return (
        f"<h3>{titles[0]}</h3><table cellpadding='3'>{''.join(rows)}</table>"
        f"<h3>{titles[1]}</h3><p>{html.escape(intro)}</p>"
        f"<table cellpadding='3'>{''.join(prows)}</table>"
    )
