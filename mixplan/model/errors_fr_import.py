"""The French of the import's refusals and of its report's warnings and notes.

Part of the catalogue of :mod:`mixplan.model.errors_fr` (the English message is
the message id), kept apart because these messages are the store's: opening a
source, ``--where``, ``--update``, id clashes, implausible data. GDAL's own
words inside parentheses stay as GDAL wrote them.
"""

from __future__ import annotations

import re

from mixplan.model.errors_fr import _QUOTED, _Entry, _number, _quote, _value

__all__ = ["IMPORT_ENTRIES", "IMPORT_PREFIXES"]

_WHAT_IDS = {"building": "de bâtiment", "ground cover": "de revêtement"}


def _quoted_all(text: str) -> str:
    """Every ``'id'`` of a list quoted the French way."""
    return re.sub(_QUOTED, lambda m: _quote(m[0]), text)


def _first_ids(text: str | None) -> str:
    return f" (premiers identifiants : {_quoted_all(text)})" if text else ""


_KINDS = {"building": "bâtiment", "site": "terrain", "cover": "revêtement"}

#: What an optional GeoJSON property must be (store/geojson_reader.py _kind_name).
_TYPES = {
    "text": "du texte",
    "a number": "un nombre",
    "a whole number": "un nombre entier",
    "true or false": "vrai ou faux",
    "an object": "un objet",
    "a list": "une liste",
}
_TYPES_RE = "|".join(sorted(map(re.escape, _TYPES), key=len, reverse=True))


def _use_shares(text: str) -> str:
    """``office 50%, unassigned 50%`` with the uses' French labels."""
    from mixplan.model.uses import use_class

    def one(part: str) -> str:
        code, _, share = part.rpartition(" ")
        try:
            label = use_class(code).label("fr")
        except (KeyError, ValueError):
            label = code
        return f"{label} {share.rstrip('%')}\u202f%"

    return ", ".join(one(part) for part in text.split(", "))


_COORD = r"-?[\d,]*\d\.\d\d"

#: A size as store/vector.py human_size writes it: "1,000 bytes", "3.0 GiB".
_SIZE = r"[\d,.]+ (?:bytes|MiB|GiB)"
_SIZE_UNITS = {"bytes": "octets", "MiB": "Mio", "GiB": "Gio"}


def _size(text: str) -> str:
    """``3.0 GiB`` → ``3,0 Gio``."""
    number, _, unit = text.partition(" ")
    return f"{_number(number)} {_SIZE_UNITS[unit]}"


def _skip_reason(text: str) -> str:
    """A skip reason quoted in a refusal, in French when the catalogue knows it."""
    from mixplan.model.errors_fr import french_message

    return french_message(text) or text


IMPORT_ENTRIES: list[_Entry] = [
    # reading a GeoJSON file (store/geojson_reader.py)
    (
        r"not JSON \(line (?P<l>\d+), column (?P<c>\d+): (?P<t>.+)\)",
        lambda m: f"Ce n'est pas du JSON (ligne {m['l']}, colonne {m['c']} : {m['t']})",
    ),
    (
        r"not UTF-8 text \(bad byte at offset (?P<o>\d+)\)",
        lambda m: (
            f"Ce n'est pas du texte UTF-8 (octet invalide à la position {m['o']})"
        ),
    ),
    (
        r"not a GeoJSON FeatureCollection \(found (?P<f>.+)\)",
        lambda m: (
            f"Ce n'est pas une FeatureCollection GeoJSON (trouvé {_value(m['f'])})"
        ),
    ),
    (
        r"the FeatureCollection has no 'features' list",
        lambda m: "La FeatureCollection n'a pas de liste «\u202ffeatures\u202f»",
    ),
    (
        rf"unrecognised crs (?P<c>{_QUOTED})",
        lambda m: f"Système de coordonnées inconnu : {_quote(m['c'])}",
    ),
    (
        r"written by a newer mixplan \(profile version (?P<v>\d+); this one reads up "
        r"to (?P<max>\d+)\)",
        lambda m: (
            f"Écrit par un mixplan plus récent (version de profil {m['v']} ; "
            f"celui-ci lit jusqu'à la version {m['max']})"
        ),
    ),
    (
        r"has no properties\.kind \(site, building or cover\)",
        lambda m: "N'a pas de properties.kind (site, building ou cover)",
    ),
    (
        rf"unknown kind (?P<k>{_QUOTED}); valid: (?P<v>.+)",
        lambda m: f"Genre inconnu {_quote(m['k'])} ; valides : {m['v']}",
    ),
    (
        r"levels must be a non-empty list",
        lambda m: "levels doit être une liste non vide",
    ),
    (
        rf"duplicate (?P<w>building|cover) id (?P<i>{_QUOTED})",
        lambda m: (
            f"Identifiant {'de bâtiment' if m['w'] == 'building' else 'de revêtement'} "
            f"{_quote(m['i'])} en double"
        ),
    ),
    (
        r"cannot read this file as GIS data \((?P<t>.+)\)",
        lambda m: f"Impossible de lire ce fichier comme données SIG ({m['t']})",
    ),
    (
        rf"--where (?P<w>{_QUOTED}) is refused by GDAL \((?P<t>.+)\)",
        lambda m: f"--where {_quote(m['w'])} est refusé par GDAL ({m['t']})",
    ),
    (
        r"--update: the source holds the same building id twice",
        lambda m: (
            "--update : la source contient deux fois le même identifiant de bâtiment"
        ),
    ),
    (
        rf"--update: there is no scenario (?P<s>{_QUOTED}) to update",
        lambda m: (
            f"--update : il n'y a pas de scénario {_quote(m['s'])} à mettre à jour"
        ),
    ),
    (
        r"--update: no (?P<w>building|ground cover) id of the (?:source|import) is "
        rf"in scenario (?P<s>{_QUOTED})(?: \(first ids: (?P<ids>.+)\))?",
        lambda m: (
            f"--update : aucun identifiant {_WHAT_IDS[m['w']]} de la source "
            f"n'est dans le scénario {_quote(m['s'])}{_first_ids(m['ids'])}"
        ),
    ),
    (
        r"(?P<n>\d+) (?P<w>building|ground cover) id\(s\) already in scenario "
        rf"(?P<s>{_QUOTED}): (?P<ids>.+?)(?: and (?P<more>\d+) more)? \(nothing "
        r"imported; import into another scenario with --scenario\)",
        lambda m: (
            f"{m['n']} identifiant(s) {_WHAT_IDS[m['w']]} déjà dans le "
            f"scénario {_quote(m['s'])} : {_quoted_all(m['ids'])}"
            + (f" et {m['more']} autre(s)" if m["more"] else "")
            + " (rien n'est importé ; importez dans un autre scénario avec --scenario)"
        ),
    ),
    # the report's warnings (store/import_checks.py, store/import_geometry.py)
    (
        r"(?P<n>[\d,]+) building\(s\) with storeys under (?P<min>[\d.]+) m "
        r"\(lowest (?P<low>[\d.]+) m\): check the height and storey fields",
        lambda m: (
            f"{_number(m['n'])} bâtiment(s) avec des niveaux de moins de "
            f"{_number(m['min'])} m (le plus bas {_number(m['low'])} m) : vérifiez "
            "les champs de hauteur et de nombre de niveaux"
        ),
    ),
    (
        r"(?P<n>[\d,]+) footprint\(s\) over (?P<max>[\d,]+) m² \(largest "
        r"(?P<big>[\d,]+) m²\): the source may be damaged or in other units",
        lambda m: (
            f"{_number(m['n'])} emprise(s) de plus de {_number(m['max'])} m² "
            f"(la plus grande {_number(m['big'])} m²) : la source est peut-être "
            "endommagée ou dans d'autres unités"
        ),
    ),
    (
        r"(?P<n>[\d,]+) building\(s\) over (?P<km>[\d.]+) km from the site "
        r"\(farthest (?P<far>[\d,.]+) km\): wrong CRS or origin\?",
        lambda m: (
            f"{_number(m['n'])} bâtiment(s) à plus de {_number(m['km'])} km "
            f"du terrain (le plus loin à {_number(m['far'])} km) : mauvais système "
            "de coordonnées ou mauvaise origine ?"
        ),
    ),
    (
        r"(?P<n>[\d,]+) of (?P<of>[\d,]+) features \((?P<pc>\d+)%\) were skipped: "
        r"the file looks damaged",
        lambda m: (
            f"{_number(m['n'])} entité(s) sur {_number(m['of'])} "
            f"({m['pc']}\u202f%) laissées de côté : le fichier semble endommagé"
        ),
    ),
    (
        r"the data lies outside the area of use of (?P<crs>.+?) \((?P<area>.+)\); "
        r"check the source CRS",
        lambda m: (
            f"les données sont hors du domaine d'emploi de {m['crs']} "
            f"({m['area']}) ; vérifiez le système de coordonnées de la source"
        ),
    ),
    # the report's notes (store/importing.py, store/import_layer.py)
    (
        rf"scenario (?P<s>{_QUOTED}) starts as a copy of (?P<f>{_QUOTED})",
        lambda m: f"le scénario {_quote(m['s'])} part d'une copie de {_quote(m['f'])}",
    ),
    (
        r"ground cover is cut along the site boundary",
        lambda m: "les revêtements sont découpés selon la limite du terrain",
    ),
    (
        rf"(?P<n>\d+) (?P<w>building|ground cover)\(s\) of scenario (?P<s>{_QUOTED}) "
        r"replaced \(--update\)",
        lambda m: (
            f"{m['n']} "
            + ("bâtiment(s)" if m["w"] == "building" else "revêtement(s)")
            + f" du scénario {_quote(m['s'])} remplacé(s) (--update)"
        ),
    ),
    # rarer GeoJSON refusals (store/geojson_reader.py)
    (
        r"file is (?P<n>[\d,]+) MB; the limit is (?P<max>[\d,]+) MB",
        lambda m: (
            f"Le fichier fait {_number(m['n'])} Mo ; la limite est de "
            f"{_number(m['max'])} Mo"
        ),
    ),
    (
        r"(?P<n>[\d,]+) features; the limit is (?P<max>[\d,]+)",
        lambda m: f"{_number(m['n'])} entités ; la limite est de {_number(m['max'])}",
    ),
    (
        rf"(?P<w>\S+) must be (?P<t>{_TYPES_RE}), not (?P<v>.+)",
        lambda m: f"{m['w']} doit être {_TYPES[m['t']]}, pas {_value(m['v'])}",
    ),
    (
        r"(?P<w>\S+) is a number too large \((?P<n>\d+) digits\)",
        lambda m: f"{m['w']} est un nombre trop grand ({m['n']} chiffres)",
    ),
    (
        r"(?P<w>\S+) must be a list of objects",
        lambda m: f"{m['w']} doit être une liste d'objets",
    ),
    (r"must be an object", lambda m: "Doit être un objet"),
    (r"has no from_phase", lambda m: "N'a pas de from_phase"),
    (
        r"is numbered (?P<v>.+); phases go 1, 2, 3…",
        lambda m: f"Est numérotée {_value(m['v'])} ; les phases vont 1, 2, 3…",
    ),
    # the --use-map skip reason (store/import_layer.py)
    (
        rf"surface (?P<v>{_QUOTED}) not in --use-map",
        lambda m: f"surface {_quote(m['v'])} absente de --use-map",
    ),
    # a DXF plan's report (store/dxf_import.py)
    (
        r"the DXF states no units \(\$INSUNITS\): metres assumed",
        lambda m: "le DXF n'indique pas ses unités ($INSUNITS) : mètres supposés",
    ),
    (
        rf"plan origin placed at (?P<x>{_COORD}), (?P<y>{_COORD}), rotated "
        r"(?P<r>\S+)°; placed, not georeferenced",
        lambda m: (
            f"origine du plan placée en ({_number(m['x'])} ; {_number(m['y'])}), "
            f"rotation {_number(m['r'])}° ; placé, non géoréférencé"
        ),
    ),
    (
        rf"plan centred on the site's centre \((?P<x>{_COORD}), (?P<y>{_COORD})\), "
        r"rotated (?P<r>\S+)°; placed, not georeferenced",
        lambda m: (
            f"plan centré sur le centre du terrain ({_number(m['x'])} ; "
            f"{_number(m['y'])}), rotation {_number(m['r'])}° ; placé, non "
            "géoréférencé"
        ),
    ),
    (
        r"footprint (?P<n>\d+) \((?P<a>[\d,]+) m²\): (?P<s>.+)",
        lambda m: f"emprise {m['n']} ({_number(m['a'])} m²) : {_use_shares(m['s'])}",
    ),
    (
        r"(?P<a>[\d,.]+) m² of rooms overlap another use: counted once, for the "
        r"use listed first",
        lambda m: (
            f"{_number(m['a'])} m² de pièces chevauchent un autre usage : comptés "
            "une fois, pour l'usage cité en premier"
        ),
    ),
    (
        r"(?P<n>\d+) room outlines lie outside the outline: not counted",
        lambda m: f"{m['n']} contours de pièces hors du contour : non comptés",
    ),
    (
        r"(?P<k>\w+) \(not a closed polyline or hatch\)",
        lambda m: f"{m['k']} (ni polyligne fermée ni hachure)",
    ),
    (r"hatch without area", lambda m: "hachure sans surface"),
    (
        r"unreadable geometry \((?P<t>.+)\)",
        lambda m: f"géométrie illisible ({m['t']})",
    ),
    # a DXF plan's refusals (store/dxf_import.py; the size cap is vector.py's too)
    (
        rf"file is (?P<s>{_SIZE}), over the import cap of (?P<c>{_SIZE})",
        lambda m: (
            f"Le fichier fait {_size(m['s'])}, au-delà de la limite d'import de "
            f"{_size(m['c'])}"
        ),
    ),
    (
        rf"--layer-map: (?P<i>{_QUOTED}) is not Layer=use",
        lambda m: f"--layer-map : {_quote(m['i'])} n'est pas de la forme Calque=usage",
    ),
    (
        rf"--layer-map: (?P<t>{_QUOTED}) is neither 'outline' nor a use; valid "
        r"uses: (?P<l>.+)",
        lambda m: (
            f"--layer-map : {_quote(m['t'])} n'est ni {_quote('outline')} ni un "
            f"usage ; usages possibles : {m['l']}"
        ),
    ),
    (
        rf"--layer-map: no layer (?P<n>{_QUOTED}) in the plan; layers: (?P<l>.+)",
        lambda m: (
            f"--layer-map : pas de calque {_quote(m['n'])} dans le plan ; "
            f"calques : {m['l']}"
        ),
    ),
    (
        r'say what the layers are with --layer-map "(?P<e>[^"]*)"; layers with '
        r"closed outlines: (?P<l>.+)",
        lambda m: (
            f'Dites ce que sont les calques avec --layer-map "{m["e"]}" ; calques '
            "ayant des contours fermés : " + ("aucun" if m["l"] == "none" else m["l"])
        ),
    ),
    (
        r"no closed outline on the mapped layers \(open polylines, arcs and text "
        r"are not outlines\)(?:; skipped: (?P<s>.+))?",
        lambda m: (
            "Aucun contour fermé sur les calques de --layer-map (polylignes "
            "ouvertes, arcs et textes ne sont pas des contours)"
            + (f" ; laissé de côté : {_skip_reason(m['s'])}" if m["s"] else "")
        ),
    ),
    (
        rf"no closed outline on the outline layer (?P<n>{_QUOTED})",
        lambda m: f"Aucun contour fermé sur le calque de contour {_quote(m['n'])}",
    ),
    (
        r"(?P<o>--[\w-]+) is for GIS layers; a DXF plan is mapped with --layer-map",
        lambda m: (
            f"{m['o']} vaut pour les couches SIG ; un plan DXF se décrit avec "
            "--layer-map"
        ),
    ),
    (
        r"a DXF plan imports as buildings only",
        lambda m: "Un plan DXF ne s'importe qu'en bâtiments",
    ),
    (
        r"the plan has no georeference and the project no site: place it with "
        r"--origin X,Y \(and --rotation DEG\)",
        lambda m: (
            "Le plan n'est pas géoréférencé et le projet n'a pas de terrain : "
            "placez-le avec --origin X,Y (et --rotation DEG)"
        ),
    ),
    (
        r"the plan expands to more than (?P<n>[\d,]+) entities through its blocks "
        r"and arrays \(MINSERT, nested inserts\); the cap is (?P<c>[\d,]+)",
        lambda m: (
            f"Le plan dépasse {_number(m['n'])} entités par ses blocs et réseaux "
            f"(MINSERT, insertions imbriquées) ; la limite est de {_number(m['c'])}"
        ),
    ),
    (
        r"more than (?P<n>[\d,]+) entities \(size cap\)",
        lambda m: f"Plus de {_number(m['n'])} entités (limite de taille)",
    ),
]

#: Wrapping messages: ``feature 'a' (building): …`` (store/geojson_reader.py).
IMPORT_PREFIXES: list[_Entry] = [
    (
        rf"feature (?:(?P<i>{_QUOTED})|#(?P<n>\d+))"
        r"(?: \((?P<k>site|building|cover)\))?",
        lambda m: (
            "Entité "
            + (_quote(m["i"]) if m["i"] else f"no\u202f{m['n']}")
            + (f" ({_KINDS[m['k']]})" if m["k"] else "")
        ),
    ),
    (r"mixplan\.phases #(?P<n>\d+)", lambda m: f"mixplan.phases no\u202f{m['n']}"),
    (r"(?P<k>occupants|hosts) #(?P<n>\d+)", lambda m: f"{m['k']} no\u202f{m['n']}"),
]
