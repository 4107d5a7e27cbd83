"""How every text a user reads refers to a building: by its name, with its id.

Findings, the inspector, plan tooltips, the report and ``mixplan check`` name a
building the same way: the name the user gave, quoted as the language quotes
(“Halle Nord” in English, « Halle Nord » in French), followed by the id in
parentheses — the id is what the attribute table, the CLI and the JSON
``targets`` know, and two buildings may share a name. A building without a
name, or whose name is its id (imports often do that), is its id alone.
"""

from __future__ import annotations

__all__ = ["building_reference"]


def building_reference(building_id: str, name: str, lang: str = "en") -> str:
    r"""The words that name a building in a message (``lang`` is ``"en"`` or ``"fr"``).

    Parameters
    ----------
    building_id
        The building's id (unique within its scenario).
    name
        The name the user gave; empty when none. Runs of white space (a name
        pasted with a line break) read as one space.
    lang
        ``"fr"`` for French quotes, anything else for English.

    Returns
    -------
    str
        ``“name” (id)`` in English, ``« name » (id)`` in French (narrow no-break
        spaces inside the guillemets), or the id alone.

    Examples
    --------
    >>> building_reference("b12", "Halle Nord")
    '“Halle Nord” (b12)'
    >>> building_reference("b12", "Halle Nord", "fr")
    '«\u202fHalle Nord\u202f» (b12)'
    >>> building_reference("b12", ""), building_reference("b12", " b12 ", "fr")
    ('b12', 'b12')
    """
    shown = " ".join(name.split())
    if not shown or shown == building_id:
        return building_id
    if lang == "fr":
        return f"«\u202f{shown}\u202f» ({building_id})"
    return f"“{shown}” ({building_id})"
