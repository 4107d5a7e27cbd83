"""The page of a suggested scenario: how it was obtained and what limits it.

A scenario written by the optimiser (DESIGN §15) carries its provenance in its
description, in English and French: the objective, the source scenario, the
status (optimal, or how close to it), and the rules that stopped it going
further, with where. The report shows the half in its language, the limits as
a list.
"""

from __future__ import annotations

import re
from typing import Any

from mixplan.engine.suggest import SUGGESTED_MARK, description_in
from mixplan.model import Scenario
from mixplan.report.context import ReportContext, paragraph
from mixplan.report.document import heading
from mixplan.report.labels import with_short_ids

__all__ = ["MAX_LIMITS", "is_suggested", "suggested_section"]

#: Limits listed before the rest are counted in one line.
MAX_LIMITS = 20
_LIMITED_BY = {"en": "Limited by: ", "fr": "Limité par : "}


def is_suggested(scenario: Scenario) -> bool:
    """Whether the optimiser wrote this scenario (its description says so)."""
    return scenario.description.startswith(SUGGESTED_MARK)


def suggested_section(ctx: ReportContext, scenario: Scenario) -> list[Any]:
    """How the scenario was obtained, then what limits it, one item a line."""
    from reportlab.platypus import ListFlowable, ListItem

    s = ctx.styles
    text = description_in(scenario.description, ctx.lang)
    # Long imported ids as the report's short labels (keyed in the annex);
    # French numbers and the French name of the default baseline.
    ids = list(ctx.project.baseline.buildings) + list(scenario.buildings)
    text = with_short_ids(text, ids)
    if ctx.lang == "fr":
        text = re.sub(r"(\d)\.(\d)", r"\1,\2", text)
        base = ctx.baseline_name
        text = text.replace(f"« {base} »", f"« {ctx.shown(base)} »")
    how, _, limits = text.partition(_LIMITED_BY["fr" if ctx.lang == "fr" else "en"])
    story: list[Any] = [
        heading(ctx.t("suggested_how"), s.h2, 1),
        paragraph(how.strip(), s.body),
    ]
    items = [item.strip().rstrip(".") for item in limits.split("; ") if item.strip()]
    if items:
        story.append(heading(ctx.t("suggested_limits"), s.h2, 1))
        shown = [
            ListItem(paragraph(item, s.body), leftIndent=12)
            for item in items[:MAX_LIMITS]
        ]
        story.append(ListFlowable(shown, bulletType="bullet", start="•", leftIndent=12))
        if len(items) > MAX_LIMITS:
            story.append(
                paragraph(
                    ctx.t("suggested_more", count=len(items) - MAX_LIMITS), s.caption
                )
            )
    return story
