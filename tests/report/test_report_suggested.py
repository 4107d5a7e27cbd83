"""A suggested scenario's page says how it was obtained and what limits it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from mixplan.engine.suggest import suggest
from mixplan.report import write_report
from tests.engine.test_suggest import lot_site


def _text(path: Path) -> str:
    raw = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return re.sub(r"\s+", " ", raw)


@pytest.mark.parametrize(
    "lang, how, limits, limit",
    [
        (
            "en",
            "How this scenario was obtained",
            "What limits it",
            "setback between “Offices” (B) and lot (6.0 m apart)",
        ),
        (
            "fr",
            "Comment ce scénario a été obtenu",
            "Ce qui le limite",
            "prospect entre « Offices » (B) et lot (6.0 m)",  # the name, then the id
        ),
    ],
)
def test_suggested_page(tmp_path: Path, lang, how, limits, limit):
    project = lot_site()
    result = suggest(project, "Existing", "Max")
    result.command.apply(project)
    path = tmp_path / f"report_{lang}.pdf"
    write_report(project, path, lang=lang, scenarios=["Max"])
    text = _text(path)
    assert how in text and limits in text
    assert limit in text
    assert ("optimal (proven)" if lang == "en" else "optimal (prouvé)") in text
    # Only the report's language: the other half of the description is not shown.
    other = "Suggéré par" if lang == "en" else "Suggested by"
    assert other not in text
