"""The import report's summary in French (:meth:`ImportReport.summary`).

The same lines as the English summary, in French, numbers the French way; the
warnings and notes, written in English where they arise, go through the
refusals' catalogue (:func:`mixplan.model.errors_fr.french_message`) and stay
English when it does not know them.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from mixplan.model.errors_fr import french_message

if TYPE_CHECKING:
    from mixplan.store.import_report import ImportReport

__all__ = ["french_summary"]

#: How the level counts were found (store/field_mapping.py LEVELS_*).
_LEVELS = {
    "from the level count": "d'après le nombre de niveaux",
    "inferred from height": "déduits de la hauteur",
    "one storey (a plan is one level)": "un niveau (un plan n'en a qu'un)",
    "one storey assumed (no height, no level count)": (
        "un niveau supposé (ni hauteur, ni nombre de niveaux)"
    ),
}


#: Repairs and skip reasons (store/repair.py, store/import_geometry.py).
_REASONS = {
    "ring closed": "contour fermé",
    "duplicate vertices removed": "sommets en double retirés",
    "self-intersection fixed by make_valid keeping polygons only": (
        "auto-intersection corrigée par make_valid (polygones seuls gardés)"
    ),
    "hole outside its shell dropped": "trou hors de son contour retiré",
    "zero-area hole dropped": "trou de surface nulle retiré",
    "sliver part under 0.01 m² dropped": "éclat de moins de 0,01 m² retiré",
    "NaN or infinite coordinates": "coordonnées NaN ou infinies",
    "empty geometry": "géométrie vide",
    "no area (degenerate or zero-area ring)": (
        "sans surface (contour dégénéré ou de surface nulle)"
    ),
    "no geometry or unreadable geometry": "sans géométrie ou géométrie illisible",
    "unreadable": "illisible",
    "on a layer not in --layer-map": "sur un calque absent de --layer-map",
    "hatch without boundary": "hachure sans contour",
}


def _reason(text: str) -> str:
    return _REASONS.get(text) or _line(text)


#: Units of a source's CRS as pyproj names them (``degree → metre``).
_UNITS = {
    "degree": "degré",
    "metre": "mètre",
    "foot": "pied",
    "US survey foot": "pied US",
}


def _units(text: str) -> str:
    return " → ".join(_UNITS.get(part, part) for part in text.split(" → "))


def _int(count: int) -> str:
    return f"{count:,}".replace(",", "\u202f")


def _plural(count: int, word: str) -> str:
    return f"{_int(count)} {word}{'s' * (count > 1)}"


def _line(text: str) -> str:
    return french_message(text) or text


def _use(code: str) -> str:
    from mixplan.model.uses import use_class

    try:
        return use_class(code).label("fr")
    except (KeyError, ValueError):
        pass
    from mixplan.model.rulebook import CBS_PARAMETERS

    # a ground cover import counts surface types, not uses
    surface = CBS_PARAMETERS.get(code)
    return surface[2] if surface else code


def _counts(counter: Counter[str], word: object = _line) -> str:
    say = word if callable(word) else _line
    return ", ".join(f"{say(key)} ({n})" for key, n in counter.most_common())


def french_summary(report: ImportReport, verb: str) -> str:
    r"""The French of :meth:`ImportReport.summary`, first line starting ``verb``.

    Examples
    --------
    >>> from mixplan.store.import_report import ImportReport
    >>> r = ImportReport("a.geojson", "Plan", "GeoJSON", buildings=2, features_read=2)
    >>> print(french_summary(r, "Importé").replace("\u202f", "_"))
    Importé : 2 bâtiments dans le scénario «_Plan_» depuis a.geojson (GeoJSON)
      entités lues    2
    """
    made = []
    if report.buildings:
        made.append(_plural(report.buildings, "bâtiment"))
    if report.cover:
        made.append(f"{_plural(report.cover, 'polygone')} de revêtement")
    if report.site:
        area = report.site_area_m2
        made.append(
            "la limite du terrain" + (f" ({_int(round(area))} m²)" if area else "")
        )
    what = ", ".join(made) or "rien"
    where = (
        f" dans le scénario «\u202f{report.scenario}\u202f»" if report.scenario else ""
    )
    created = " (créé)" if report.scenario_created else ""
    layer = f", couche {report.layer}" if report.layer else ""
    lines = [
        f"{verb} : {what}{where}{created} depuis {report.source} "
        f"({report.format}{layer})"
    ]
    lines.append(f"  entités lues    {_int(report.features_read)}")
    if report.reprojected_from:
        units = f", {_units(report.source_units)}" if report.source_units else ""
        lines.append(
            f"  reprojeté       de {report.reprojected_from}{units} "
            f"vers {report.project_crs}"
        )
    if report.axes_swapped:
        lines.append("  axes inversés   les coordonnées étaient dans l'ordre lat/lon")
    if report.encoding:
        lines.append(f"  encodage        {report.encoding}")
    if report.flattened_3d:
        lines.append("  3D              hauteurs des sommets (Z) abandonnées")
    if report.repairs:
        lines.append(
            f"  réparé          {_int(sum(report.repairs.values()))} : "
            + _counts(report.repairs, _reason)
        )
    if report.skips:
        lines.append(
            f"  laissé de côté  {_int(sum(report.skips.values()))} : "
            + _counts(report.skips, _reason)
        )
    if report.parts_split:
        lines.append(
            f"  multipartie     {_int(report.parts_split)} entité(s) découpée(s) en "
            "un bâtiment par partie (identifiants suffixés -1, -2, …)"
        )
    if report.outside_site or report.kept_across_boundary:
        lines.append(
            f"  découpe terrain {report.outside_site} laissé(s) de côté (surtout "
            f"dehors), {report.kept_across_boundary} gardé(s) entier(s) à cheval "
            "sur la limite"
        )
    if report.levels:
        lines.append(
            "  niveaux         " + _counts(report.levels, lambda k: _LEVELS.get(k, k))
        )
    if report.uses:
        lines.append("  usages          " + _counts(report.uses, _use))
    if report.unmapped_values:
        lines.append(
            "  valeurs non reconnues "
            + _counts(report.unmapped_values, str)
            + " (usage par défaut)"
        )
    if report.placement:
        lines.append(f"  placement       {_line(report.placement)}")
    for note in report.notes:
        lines.append(f"  note            {_line(note)}")
    for warning in report.warnings:
        lines.append(f"  avertissement   {_line(warning)}")
    return "\n".join(lines)
