"""The French of the model's refusals: the English message is the message id.

A refusal is raised in English with its values in it (``a scenario 'Plan' already
exists``), as gettext keys a catalogue by the English text; this catalogue matches
each known message and writes it in French with the same values, quoted and
numbered the French way (« Plan », 2,5). A message that wraps another (``building
b1: level height must be …``) is translated piece by piece. A message no entry
matches is left in English rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["french_message"]

#: What a value is, in the messages that name it.
_WHAT = {
    "level height": "la hauteur du niveau",
    "design load": "la charge d'exploitation",
    "level polygon": "le polygone du niveau",
    "footprint": "l'emprise",
    "basements": "le nombre de sous-sols",
    "loading bays": "le nombre d'aires de livraison",
    "parking spaces": "le nombre de places de stationnement",
    "cover polygon": "le polygone du revêtement",
    "site boundary": "la limite du terrain",
    "name": "le nom",
    "author": "l'auteur",
    "site_name": "le nom du site",
    "ramp": "la rampe",
    "shared": "la mutualisation",
    "common_parts": "les parties communes",
    "pooled_parking": "le foisonnement du stationnement",
}
_WHAT_RE = "|".join(sorted(map(re.escape, _WHAT), key=len, reverse=True))
_QUOTED = r"'[^']*'|\"[^\"]*\""
_NUMBER = r"[-+]?[\d,]*\.?\d+(?:e[-+]?\d+)?"


def _quote(text: str) -> str:
    """``'Plan'`` → ``« Plan »`` (a Python repr's quotes, the French way)."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return f"«\u202f{text}\u202f»"


def _number(text: str) -> str:
    """``1,234.5`` → ``1 234,5`` (narrow no-break space, decimal comma)."""
    return text.replace(",", "\u202f").replace(".", ",")


def _value(text: str) -> str:
    """A value as a message shows it: a quoted text, a number, or as is."""
    if text[:1] in "'\"":
        return _quote(text)
    if re.fullmatch(_NUMBER, text):
        return _number(text)
    return text


def _what(text: str) -> str:
    return _WHAT.get(text, text)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


_Entry = tuple[str, Callable[[re.Match[str]], str]]

_ENTRIES: list[_Entry] = [
    # values (model/project.py, model/geometry.py, model/rulebook.py)
    (
        rf"(?P<w>{_WHAT_RE}) must be a number, not (?P<v>.+)",
        lambda m: f"{_cap(_what(m['w']))} doit être un nombre, pas {_value(m['v'])}",
    ),
    (
        rf"(?P<w>{_WHAT_RE}) must be positive, not (?P<v>.+)",
        lambda m: (
            f"{_cap(_what(m['w']))} doit être supérieur(e) à 0, pas {_value(m['v'])}"
        ),
    ),
    (
        rf"(?P<w>{_WHAT_RE}) must be at most (?P<n>{_NUMBER}), not (?P<v>.+)",
        lambda m: (
            f"{_cap(_what(m['w']))} vaut au plus {_number(m['n'])}, pas "
            f"{_value(m['v'])}"
        ),
    ),
    (
        rf"(?P<w>{_WHAT_RE}) must be a whole number ≥ 0, not (?P<v>.+)",
        lambda m: (
            f"{_cap(_what(m['w']))} doit être un nombre entier ≥ 0, pas "
            f"{_value(m['v'])}"
        ),
    ),
    (
        rf"(?P<w>{_WHAT_RE}) must be true or false",
        lambda m: f"{_cap(_what(m['w']))} vaut vrai ou faux",
    ),
    (
        rf"(?P<w>{_WHAT_RE}) is empty",
        lambda m: f"{_cap(_what(m['w']))} est vide",
    ),
    (
        rf"(?P<w>{_WHAT_RE}) has NaN or infinite coordinates",
        lambda m: f"{_cap(_what(m['w']))} a des coordonnées non numériques ou infinies",
    ),
    (
        rf"(?P<w>{_WHAT_RE}) has coordinates beyond ±(?P<n>\S+) m",
        lambda m: f"{_cap(_what(m['w']))} a des coordonnées au-delà de ±{m['n']} m",
    ),
    (
        rf"(?P<w>{_WHAT_RE}) must be a polygon, not (?P<k>.+)",
        lambda m: f"{_cap(_what(m['w']))} doit être un polygone, pas {m['k']}",
    ),
    (
        rf"(?P<w>{_WHAT_RE}) must be a polygon or multipolygon, not (?P<k>.+)",
        lambda m: (
            f"{_cap(_what(m['w']))} doit être un polygone ou un multipolygone, "
            f"pas {m['k']}"
        ),
    ),
    (
        rf"(?P<w>{_WHAT_RE}) is not a valid (?P<k>polygon|multipolygon) "
        r"\((?P<r>.*)\)",
        lambda m: (
            f"{_cap(_what(m['w']))} n'est pas un "
            f"{'polygone' if m['k'] == 'polygon' else 'multipolygone'} valide "
            f"({m['r']})"
        ),
    ),
    (
        rf"(?P<w>{_WHAT_RE}) has no area",
        lambda m: f"{_cap(_what(m['w']))} n'a pas de surface",
    ),
    # levels and uses
    (
        rf"share of (?P<u>{_QUOTED}) must be a number",
        lambda m: f"La part de {_quote(m['u'])} doit être un nombre",
    ),
    (
        rf"share of (?P<u>{_QUOTED}) must be in \(0, 1\], not (?P<v>.+)",
        lambda m: (
            f"La part de {_quote(m['u'])} doit être dans ]0 ; 1], pas {_value(m['v'])}"
        ),
    ),
    (
        rf"unknown nuisance class (?P<v>{_QUOTED}); valid: (?P<l>.+)",
        lambda m: (
            f"Classe ICPE inconnue {_quote(m['v'])} ; valeurs possibles : {m['l']}"
        ),
    ),
    (
        r"a level needs at least one use \(use 'unassigned'\)",
        lambda m: "Un niveau a au moins un usage (« non affecté » à défaut)",
    ),
    (
        r"a use appears twice on one level: (?P<l>.+)",
        lambda m: f"Un usage figure deux fois sur un niveau : {m['l']}",
    ),
    (
        rf"shares on a level must sum to 1, not (?P<v>{_NUMBER})",
        lambda m: f"Les parts d'un niveau doivent totaliser 1, pas {_number(m['v'])}",
    ),
    (
        rf"unknown access (?P<v>{_QUOTED}); valid: (?P<l>.+)",
        lambda m: f"Accès inconnu {_quote(m['v'])} ; valeurs possibles : {m['l']}",
    ),
    (
        rf"unknown use (?P<v>{_QUOTED}); valid uses: (?P<l>.+)",
        lambda m: f"Usage inconnu {_quote(m['v'])} ; usages possibles : {m['l']}",
    ),
    # buildings and covers
    (r"a building needs a non-empty id", lambda m: "Un bâtiment a un identifiant"),
    (r"name must be text", lambda m: "Le nom est un texte"),
    (
        r"a building needs at least one level",
        lambda m: "Un bâtiment a au moins un niveau",
    ),
    (
        r"a building needs at least one level above ground",
        lambda m: "Un bâtiment a au moins un niveau hors sol",
    ),
    (
        r"origin must be a building id or null",
        lambda m: "L'origine est l'identifiant d'un bâtiment, ou rien",
    ),
    (
        rf"freight lift must be 0 to (?P<n>{_NUMBER}) kg, not (?P<v>.+)",
        lambda m: (
            f"Le monte-charge porte de 0 à {_number(m['n'])} kg, pas {_value(m['v'])}"
        ),
    ),
    (
        rf"unknown roof (?P<v>{_QUOTED}); valid: (?P<l>.+)",
        lambda m: f"Toiture inconnue {_quote(m['v'])} ; valeurs possibles : {m['l']}",
    ),
    (
        r"a firm is listed twice among the occupants: (?P<l>.+)",
        lambda m: f"Une entreprise figure deux fois parmi les occupants : {m['l']}",
    ),
    (
        rf"firm (?P<f>{_QUOTED}) is hosted twice in phase (?P<p>\d+)",
        lambda m: (
            f"L'entreprise {_quote(m['f'])} est accueillie deux fois en phase {m['p']}"
        ),
    ),
    (
        r"a ground cover needs a non-empty id",
        lambda m: "Un revêtement de sol a un identifiant",
    ),
    (
        rf"unknown surface (?P<v>{_QUOTED}); valid: (?P<l>.+)",
        lambda m: f"Surface inconnue {_quote(m['v'])} ; valeurs possibles : {m['l']}",
    ),
    (
        r"only a parking cover has spaces, not (?P<v>.+)",
        lambda m: f"Seul un parc de stationnement a des places, pas {m['v']}",
    ),
    # scenarios and commands (model/commands.py, model/scenario_edits.py)
    (
        rf"duplicate (?P<k>building|cover) id (?P<v>{_QUOTED})",
        lambda m: (
            "Identifiant de "
            + ("bâtiment" if m["k"] == "building" else "revêtement")
            + f" {_quote(m['v'])} en double"
        ),
    ),
    (
        rf"scenario (?P<s>{_QUOTED}) has no building (?P<b>{_QUOTED})",
        lambda m: f"Le scénario {_quote(m['s'])} n'a pas de bâtiment {_quote(m['b'])}",
    ),
    (
        rf"scenario (?P<s>{_QUOTED}) already has a building (?P<b>{_QUOTED})",
        lambda m: f"Le scénario {_quote(m['s'])} a déjà un bâtiment {_quote(m['b'])}",
    ),
    (
        rf"scenario (?P<s>{_QUOTED}) already has cover (?P<c>{_QUOTED})",
        lambda m: f"Le scénario {_quote(m['s'])} a déjà un revêtement {_quote(m['c'])}",
    ),
    (
        rf"scenario (?P<s>{_QUOTED}) has no cover (?P<c>{_QUOTED})",
        lambda m: (
            f"Le scénario {_quote(m['s'])} n'a pas de revêtement {_quote(m['c'])}"
        ),
    ),
    (
        rf"scenario (?P<s>{_QUOTED}) does not remove building (?P<b>{_QUOTED})",
        lambda m: (
            f"Le scénario {_quote(m['s'])} ne supprime pas le bâtiment {_quote(m['b'])}"
        ),
    ),
    (r"the project has no scenario", lambda m: "Le projet n'a aucun scénario"),
    (
        rf"no scenario (?P<s>{_QUOTED}); scenarios: (?P<l>.*)",
        lambda m: f"Pas de scénario {_quote(m['s'])} ; scénarios : {m['l']}",
    ),
    (
        r"building (?P<b>\S+) has no level at position (?P<p>\d+) "
        r"\(it has (?P<n>\d+)\)",
        lambda m: (
            f"Le bâtiment {m['b']} n'a pas de niveau en position {m['p']} "
            f"(il en a {m['n']})"
        ),
    ),
    (
        r"cannot set (?P<l>.+) on a building",
        lambda m: f"Impossible de régler {m['l']} sur un bâtiment",
    ),
    (
        r"no level position (?P<p>-?\d+)",
        lambda m: f"pas de position de niveau {m['p']}",
    ),
    (r"a scenario needs a name", lambda m: "Un scénario a un nom"),
    (
        rf"scenario name (?P<s>{_QUOTED}) has leading or trailing spaces",
        lambda m: (
            f"Le nom de scénario {_quote(m['s'])} commence ou finit par une espace"
        ),
    ),
    (
        rf"a scenario (?P<s>{_QUOTED}) already exists",
        lambda m: f"Un scénario {_quote(m['s'])} existe déjà",
    ),
    (
        r"the baseline scenario cannot be deleted",
        lambda m: "Le scénario de l'existant ne peut pas être supprimé",
    ),
    (
        r"a baseline building has no origin",
        lambda m: "Un bâtiment de l'existant n'a pas d'origine",
    ),
    (
        rf"origin (?P<o>{_QUOTED}) is not a building of the baseline",
        lambda m: f"L'origine {_quote(m['o'])} n'est pas un bâtiment de l'existant",
    ),
    (
        rf"building id (?P<b>{_QUOTED}) is already used in scenario (?P<s>{_QUOTED})",
        lambda m: (
            f"L'identifiant {_quote(m['b'])} est déjà utilisé dans le scénario "
            f"{_quote(m['s'])}"
        ),
    ),
    (
        r"the baseline removes nothing to restore",
        lambda m: "L'existant ne supprime rien qui puisse être restauré",
    ),
    (
        rf"the baseline has no building (?P<b>{_QUOTED})",
        lambda m: f"L'existant n'a pas de bâtiment {_quote(m['b'])}",
    ),
    (
        rf"building (?P<b>{_QUOTED}) continues no building of the existing state",
        lambda m: (
            f"Le bâtiment {_quote(m['b'])} ne prolonge aucun bâtiment de l'existant"
        ),
    ),
    (
        rf"ground cover id (?P<c>{_QUOTED}) is already used in scenario "
        rf"(?P<s>{_QUOTED})",
        lambda m: (
            f"L'identifiant de revêtement {_quote(m['c'])} est déjà utilisé dans le "
            f"scénario {_quote(m['s'])}"
        ),
    ),
    (
        rf"scenario (?P<s>{_QUOTED}) does not remove ground cover (?P<c>{_QUOTED})",
        lambda m: (
            f"Le scénario {_quote(m['s'])} ne supprime pas le revêtement "
            f"{_quote(m['c'])}"
        ),
    ),
    (
        rf"the baseline has no ground cover (?P<c>{_QUOTED})",
        lambda m: f"L'existant n'a pas de revêtement {_quote(m['c'])}",
    ),
    (
        rf"ground cover (?P<c>{_QUOTED}) continues no cover of the existing state",
        lambda m: (
            f"Le revêtement {_quote(m['c'])} ne prolonge aucun revêtement de l'existant"
        ),
    ),
    # project settings and presets
    (r"a project needs a name", lambda m: "Un projet a un nom"),
    (
        r"draw or import the site before naming it",
        lambda m: "Dessinez ou importez le terrain avant de le nommer",
    ),
    (
        rf"(?P<w>{_WHAT_RE}) is over (?P<n>\d+) characters",
        lambda m: f"{_cap(_what(m['w']))} dépasse {m['n']} caractères",
    ),
    (
        rf"a CRS is written EPSG:n \(e\.g\. EPSG:2154\), not (?P<v>{_QUOTED})",
        lambda m: (
            f"Un système de coordonnées s'écrit EPSG:n (par exemple "
            f"EPSG:2154), pas {_quote(m['v'])}"
        ),
    ),
    (
        r"the project already holds geometry in (?P<c>\S+); its CRS can only be "
        r"chosen before anything is drawn or imported",
        lambda m: (
            f"Le projet contient déjà des géométries en {m['c']} ; son système "
            "de coordonnées ne se choisit qu'avant tout dessin ou import"
        ),
    ),
    (
        r"a preset takes 0 to (?P<n>\d+) storeys above the ground floor, "
        r"not (?P<v>.+)",
        lambda m: (
            f"Un modèle prend de 0 à {m['n']} étages au-dessus du "
            f"rez-de-chaussée, pas {m['v']}"
        ),
    ),
    (
        r"(?P<p>.+) is a single-storey typology \(R\+0\)",
        lambda m: f"{m['p']} : typologie de plain-pied (R+0)",
    ),
    (
        rf"unknown preset (?P<v>{_QUOTED}); presets: (?P<l>.+)",
        lambda m: f"Modèle inconnu {_quote(m['v'])} ; modèles : {m['l']}",
    ),
    # files (store/): opening, reading, writing
    (r"no such file", lambda m: "Fichier introuvable"),
    (r"is a directory", lambda m: "C'est un dossier"),
    (
        r"is a directory, not a GeoJSON file",
        lambda m: "C'est un dossier, pas un fichier GeoJSON",
    ),
    (r"not a regular file", lambda m: "Ce n'est pas un fichier ordinaire"),
    (r"(the )?file is empty", lambda m: "Le fichier est vide"),
    (r"folder (?P<f>.+) does not exist", lambda m: f"Le dossier {m['f']} n'existe pas"),
    (r"cannot write: (?P<e>.+)", lambda m: f"Écriture impossible : {m['e']}"),
    (r"cannot read: (?P<e>.+)", lambda m: f"Lecture impossible : {m['e']}"),
    (
        r"not a mixplan project \(not an SQLite database\)",
        lambda m: "Ce n'est pas un projet mixplan (pas une base SQLite)",
    ),
    (
        r"is a text file, not a mixplan project \(a GeoPackage\)",
        lambda m: "C'est un fichier texte, pas un projet mixplan (un GeoPackage)",
    ),
    (
        r"truncated file \(shorter than its header\)",
        lambda m: "Fichier tronqué (plus court que son en-tête)",
    ),
    (
        r"damaged file \(text that is not UTF-8\)",
        lambda m: "Fichier endommagé (texte qui n'est pas de l'UTF-8)",
    ),
    (r"damaged project: (?P<e>.+)", lambda m: f"Projet endommagé : {m['e']}"),
    (
        r"damaged project file \((?P<e>.+)\)",
        lambda m: f"Fichier de projet endommagé ({m['e']})",
    ),
    (r"not valid JSON \((?P<e>.+)\)", lambda m: f"JSON non valide ({m['e']})"),
    (
        r"not a readable DXF file \((?P<e>.+)\)",
        lambda m: f"Fichier DXF illisible ({m['e']})",
    ),
    (
        r"not a PNG, JPEG or TIFF image",
        lambda m: "Ce n'est pas une image PNG, JPEG ou TIFF",
    ),
    (
        rf"unknown CRS (?P<c>{_QUOTED})",
        lambda m: f"Système de coordonnées inconnu {_quote(m['c'])}",
    ),
    (
        rf"CRS (?P<c>{_QUOTED}) is not of the form EPSG:N",
        lambda m: f"Le système de coordonnées {_quote(m['c'])} ne s'écrit pas EPSG:N",
    ),
    # rulebook values (model/rulebook.py: "<section>.<name> must …")
    (
        r"(?P<w>\S+) must be true or false, not (?P<v>.+)",
        lambda m: f"{m['w']} vaut vrai ou faux, pas {_value(m['v'])}",
    ),
    (
        r"(?P<w>\S+) must be one of (?P<l>.+), not (?P<v>.+)",
        lambda m: f"{m['w']} vaut l'un de {m['l']}, pas {_value(m['v'])}",
    ),
    (
        r"(?P<w>\S+) must be a number, not (?P<v>.+)",
        lambda m: f"{m['w']} doit être un nombre, pas {_value(m['v'])}",
    ),
    (r"(?P<w>\S+) must be finite", lambda m: f"{m['w']} doit être fini"),
    (
        r"(?P<w>\S+) must be a whole number, not (?P<v>.+)",
        lambda m: f"{m['w']} doit être un nombre entier, pas {_value(m['v'])}",
    ),
    (
        rf"(?P<w>\S+) must be (?P<o>[≥≤]) (?P<n>{_NUMBER}), not (?P<v>.+)",
        lambda m: (
            f"{m['w']} doit être {m['o']} {_number(m['n'])}, pas {_value(m['v'])}"
        ),
    ),
    (
        r"unknown rulebook parameter (?P<p>\S+)",
        lambda m: f"Paramètre inconnu du règlement : {m['p']}",
    ),
]

#: ``<thing> <id>: <message>``: the thing in French, the message translated.
_PREFIXES: list[_Entry] = [
    (r"building (?P<x>\S+)", lambda m: f"Bâtiment {m['x']}"),
    (r"cover (?P<x>\S+)", lambda m: f"Revêtement {m['x']}"),
    (rf"scenario (?P<x>{_QUOTED})", lambda m: f"Scénario {_quote(m['x'])}"),
    (rf"typology (?P<x>{_QUOTED})", lambda m: f"Typologie {_quote(m['x'])}"),
    (r"level (?P<x>\d+)", lambda m: f"Niveau {m['x']}"),
]

_COMPILED = [(re.compile(p), f) for p, f in _ENTRIES]
_COMPILED_PREFIXES = [(re.compile(p + r": (?P<rest>.+)"), f) for p, f in _PREFIXES]


def french_message(message: str) -> str | None:
    r"""The French of a model refusal, or None when the catalogue does not know it.

    Examples
    --------
    >>> french_message("a scenario 'Plan B' already exists")
    'Un scénario «\u202fPlan B\u202f» existe déjà'
    >>> french_message("building b1: level height must be at most 20, not 25.5")
    'Bâtiment b1 : la hauteur du niveau vaut au plus 20, pas 25,5'
    >>> french_message("something new") is None
    True
    """
    if len(_COMPILED) == len(_ENTRIES):  # the store's entries, once
        from mixplan.model.errors_fr_import import IMPORT_ENTRIES, IMPORT_PREFIXES

        _COMPILED.extend((re.compile(p), f) for p, f in IMPORT_ENTRIES)
        _COMPILED_PREFIXES.extend(
            (re.compile(p + r": (?P<rest>.+)"), f) for p, f in IMPORT_PREFIXES
        )
    for pattern, words in _COMPILED:
        match = pattern.fullmatch(message)
        if match is not None:
            return words(match)
    for pattern, words in _COMPILED_PREFIXES:
        match = pattern.fullmatch(message)
        if match is not None:
            rest = french_message(match["rest"])
            if rest is not None:
                return f"{words(match)} : {rest[:1].lower()}{rest[1:]}"
    return None
