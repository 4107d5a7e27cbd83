"""The rule reference: every rule and parameter cites a text, never our own files."""

from __future__ import annotations

import re

import pytest

from mixplan.engine import evaluate
from mixplan.engine.rule_reference import (
    RULE_REFERENCE,
    citation_links,
    reference_html,
    rule_source,
    source_text,
    status_label,
)
from mixplan.engine.rulebook_io import format_rulebook_text, rulebook_to_toml
from mixplan.engine.rules import RULES
from mixplan.model import PARAMETERS, USES, Rulebook
from mixplan.model.presets import PRESETS
from mixplan.store.demo import build_demo

#: What a user must never read: our repository's files and section numbers.
OURS = re.compile(
    r"RULES\.md|domain/|DESIGN|§|\(I\)|\(M\)|\(S\)|from memory|"
    r"de mémoire|hypothèse \(I\)"
)


def _clean(text: str) -> None:
    assert not OURS.search(text), text


def test_every_rule_has_an_entry_with_a_citation() -> None:
    assert set(RULES) <= set(RULE_REFERENCE)
    for rule in RULES.values():
        entry = RULE_REFERENCE[rule.id]
        assert rule.source == rule_source(rule.id) == entry.source
        assert entry.checks_en and entry.checks_fr and entry.formula
        assert entry.status in ("S", "M", "I")
        _clean(entry.source)
        _clean(source_text(entry.source, "fr"))


def test_parameters_cite_texts_and_word_their_status() -> None:
    for parameter in PARAMETERS.values():
        for text in (
            parameter.source,
            source_text(parameter.source, "fr"),
            parameter.label_en,
            parameter.label_fr,
        ):
            _clean(text)
    assert status_label("M", "fr") == "estimation"
    assert status_label("I", "en") == "hypothesis"
    assert status_label("S", "fr") == "sourcé"


def test_laws_link_to_their_text() -> None:
    ((text, url),) = citation_links(rule_source("C01").split(";")[0])
    assert "legifrance.gouv.fr" in url
    links = dict(citation_links(rule_source("C21")))
    assert all(url.startswith("https://") for url in links.values())
    assert "legifrance" in links[rule_source("C21")]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_reference_html_cites_every_rule(lang: str) -> None:
    text = reference_html(Rulebook(), lang)
    _clean(text)
    for rule in RULES:
        assert f"<b>{rule}</b>" in text
    assert "R111-22" in text and "L556-1" in text
    if lang == "fr":
        assert "<td>hypothèse</td>" in text and "<td>estimation</td>" in text
        assert "politiques E4 et E7" in text


def test_nothing_a_user_reads_names_our_files() -> None:
    rb = Rulebook()
    _clean(rulebook_to_toml(rb))
    _clean(format_rulebook_text(rb))
    for use in USES.values():
        if use.m2_per_job is not None:
            _clean(PARAMETERS[("m2_per_job", use.code)].source)
    for preset in PRESETS.values():
        _clean(preset.source)
    project = build_demo()
    for scenario in project.scenarios:
        for f in evaluate(project, scenario.name).findings:
            _clean(f.message)
            _clean(f.message_fr)
            _clean(f.source)
