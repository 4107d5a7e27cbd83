"""Refresh mixplan's translations: extract, fill, compile.

1. ``pyside6-lupdate`` extracts every translatable string of ``mixplan/ui`` into
   ``mixplan_fr.ts`` and (plural forms only) ``mixplan_en.ts``;
2. French translations missing from ``mixplan_fr.ts`` are filled from
   ``french.py`` (a glossary kept with the .ts so that a translator can also work
   in Qt Linguist); English plural forms are derived from the "(s)" source texts;
3. ``pyside6-lrelease`` compiles both to ``.qm``.

Run from the repository root::

    uv run python resources/translations/update_translations.py

Prints the strings still untranslated and exits 1 if there are any.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

from french import FRENCH  # noqa: E402


def sources() -> list[str]:
    return sorted(
        str(p.relative_to(ROOT)) for p in (ROOT / "mixplan" / "ui").rglob("*.py")
    )


def lupdate(ts: Path, plural_only: bool = False) -> None:
    args = ["pyside6-lupdate", *sources(), "-no-obsolete", "-locations", "none"]
    if plural_only:
        args.append("-pluralonly")
    subprocess.run(
        [*args, "-ts", str(ts)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )


def english_plural(source: str) -> tuple[str, str]:
    return source.replace("(s)", ""), source.replace("(s)", "s")


def fill(ts: Path, lang: str) -> list[tuple[str, str]]:
    tree = ET.parse(ts)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            numerus = message.get("numerus") == "yes"
            if lang == "en":
                forms = english_plural(source)
            else:
                text = FRENCH.get((name, source), FRENCH.get(source))
                if text is None:
                    missing.append((name, source))
                    continue
                forms = english_plural(text) if numerus else (text,)
            translation.attrib.pop("type", None)
            for child in list(translation):
                translation.remove(child)
            if numerus:
                # counts grouped as the language writes them (QLocale's
                # default, set with the language): "27 177 erreurs"
                forms = tuple(form.replace("%n", "%Ln") for form in forms)
                translation.text = None
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = forms[0]
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def main() -> int:
    fr, en = HERE / "mixplan_fr.ts", HERE / "mixplan_en.ts"
    lupdate(fr)
    lupdate(en, plural_only=True)
    missing = fill(fr, "fr")
    fill(en, "en")
    for ts in (fr, en):
        subprocess.run(
            ["pyside6-lrelease", str(ts), "-qm", str(ts.with_suffix(".qm"))],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    for context, source in missing:
        print(f"untranslated [{context}] {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
