"""The rule set of the constraint engine: ids, names, sources, checks.

``RULES`` maps a rule id to a :class:`Rule`: its French and English names, the
rulebook parameters it reads, its severity and source, and the function that
checks a scenario. ``C01`` (the SDP computation, R111-22) is not a check: it is
how every floor area is measured (:mod:`mixplan.engine.facts`). C16 (noise), C17
(protected frontages) and C18 (Paris SPE cap) need data the model does not hold
(noise levels, mapped frontages, Paris sectors) and are not in the set.

A rule whose ``<id>.enabled`` is false produces nothing. Rules that compare with
the baseline (``compares``) do not run on the baseline itself, and in the
baseline every error becomes a warning ("existing state"): the baseline is what
is there, not a proposal, and ``mixplan check`` fails only on proposals.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from mixplan.engine.context import Context
from mixplan.engine.finding_records import FindingList, as_existing_state
from mixplan.engine.findings import Finding, Severity
from mixplan.engine.rule_reference import rule_source
from mixplan.engine.rules_changes import (
    check_c13_typical_load,
    check_c22,
    check_u02,
    judge_against_existing,
)
from mixplan.engine.rules_productive import (
    check_c09,
    check_c10,
    check_c12,
    check_c13,
    check_c14,
    check_c15,
    check_c21,
    check_d01,
)
from mixplan.engine.rules_site import (
    check_c02,
    check_c03,
    check_c04,
    check_c05,
    check_c06,
    check_c07,
    check_c08,
    check_c11,
    check_c19,
    check_c20,
    check_u01,
)
from mixplan.model.rulebook import PARAMETERS, Parameter

__all__ = ["RULES", "Rule", "rule_name", "run_rules"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the engine.

    ``needs_site`` rules report "not assessed" (info) when the project has no
    site boundary.
    """

    id: str
    name_en: str
    name_fr: str
    severity: Severity
    source: str
    check: Callable[[Context], Sequence[Finding]]
    compares: bool = False
    needs_site: bool = False

    @property
    def parameters(self) -> list[Parameter]:
        """The rulebook parameters of this rule (``enabled`` first)."""
        return [p for p in PARAMETERS.values() if p.section == self.id]


def _check_c13(ctx: Context) -> Sequence[Finding]:
    """C13: failing levels, assumed ground floors, upper levels on a typical load."""
    return FindingList([check_c13(ctx), check_c13_typical_load(ctx)])


_ALL: tuple[Rule, ...] = (
    Rule(
        "C02",
        "Maximum coverage (CES)",
        "Emprise au sol maximale (CES)",
        "error",
        rule_source("C02"),
        check_c02,
        needs_site=True,
    ),
    Rule(
        "C03",
        "Maximum height",
        "Hauteur maximale",
        "error",
        rule_source("C03"),
        check_c03,
    ),
    Rule(
        "C04",
        "High-rise (IGH) threshold",
        "Seuil des immeubles de grande hauteur",
        "warning",
        rule_source("C04"),
        check_c04,
    ),
    Rule(
        "C05",
        "Setbacks",
        "Prospects et retraits",
        "error",
        rule_source("C05"),
        check_c05,
    ),
    Rule(
        "C06",
        "Minimum open soil",
        "Pleine terre minimale",
        "error",
        rule_source("C06"),
        check_c06,
        needs_site=True,
    ),
    Rule(
        "C07",
        "Minimum biotope coefficient (CBS)",
        "Coefficient de biotope minimal (CBS)",
        "error",
        rule_source("C07"),
        check_c07,
        needs_site=True,
    ),
    Rule(
        "C08",
        "Net new artificialised land (ZAN)",
        "Artificialisation nette (ZAN)",
        "warning",
        rule_source("C08"),
        check_c08,
        compares=True,
    ),
    Rule(
        "C09",
        "No net loss of productive floor area",
        "Pas de perte nette de surface productive",
        "error",
        rule_source("C09"),
        check_c09,
        compares=True,
    ),
    Rule(
        "C10",
        "Industrial capacity (London plot ratio)",
        "Capacité industrielle (ratio londonien)",
        "error",
        rule_source("C10"),
        check_c10,
        compares=True,
        needs_site=True,
    ),
    Rule(
        "C11",
        "No net loss of yard space",
        "Pas de perte de cours de service",
        "error",
        rule_source("C11"),
        check_c11,
        compares=True,
    ),
    Rule(
        "C12",
        "Phasing and business continuity",
        "Phasage et continuité d'activité",
        "error",
        rule_source("C12"),
        check_c12,
        compares=True,
    ),
    Rule(
        "C13",
        "Productive-grade floor space",
        "Locaux productifs conformes",
        "warning",
        rule_source("C13"),
        _check_c13,
    ),
    Rule(
        "C14",
        "Upper productive floors served",
        "Desserte des étages productifs",
        "error",
        rule_source("C14"),
        check_c14,
    ),
    Rule(
        "C15",
        "Compatibility of stacking with housing",
        "Compatibilité de la superposition avec le logement",
        "error",
        rule_source("C15"),
        check_c15,
    ),
    Rule(
        "C19",
        "Parking supply",
        "Stationnement",
        "warning",
        rule_source("C19"),
        check_c19,
    ),
    Rule(
        "C20",
        "Loading bays",
        "Aires de livraison",
        "warning",
        rule_source("C20"),
        check_c20,
    ),
    Rule(
        "C21",
        "Housing on the land of a former ICPE",
        "Logement sur le terrain d'une ancienne ICPE",
        "warning",
        rule_source("C21"),
        check_c21,
        compares=True,
    ),
    Rule(
        "D01",
        "Density rises",
        "La densité augmente",
        "error",
        rule_source("D01"),
        check_d01,
        compares=True,
        needs_site=True,
    ),
    Rule(
        "U01",
        "Unassigned floor area",
        "Surface non affectée",
        "warning",
        rule_source("U01"),
        check_u01,
    ),
    Rule(
        "C22",
        "Overlapping footprints",
        "Emprises superposées",
        "error",
        rule_source("C22"),
        check_c22,
    ),
    Rule(
        "U02",
        "Existing state edited since the change",
        "État existant modifié depuis le changement",
        "info",
        rule_source("U02"),
        check_u02,
        compares=True,
    ),
)

#: Every rule by id, in report order.
RULES: dict[str, Rule] = {r.id: r for r in _ALL}


def rule_name(rule_id: str, lang: str = "en") -> str:
    """A rule's name in French or English; the bare id for a rule not in the registry.

    Examples
    --------
    >>> rule_name("C22"), rule_name("X99", "fr")
    ('Overlapping footprints', 'X99')
    """
    rule = RULES.get(rule_id)
    if rule is None:
        return rule_id
    return rule.name_fr if lang == "fr" else rule.name_en


def _not_assessed(rule: Rule) -> Finding:
    """A site rule on a project with no site boundary."""
    return Finding(
        rule.id,
        "info",
        f"{rule.name_en}: not assessed, the project has no site boundary",
        None,
        None,
        ("site",),
        rule.source,
        f"{rule.name_fr} : non évalué, le projet n'a pas de périmètre",
    )


def run_rules(
    ctx: Context,
    checks: Mapping[str, Callable[[Context], Sequence[Finding]]] | None = None,
    pause: Callable[[], object] | None = None,
) -> FindingList:
    """Every enabled rule on one scenario, in registry order.

    Rules over many buildings give blocks of records
    (:class:`~mixplan.engine.finding_records.FindingBlock`): a finding is
    made when read. ``checks`` replaces the checks of some rules by id (the
    reference evaluation's own, :mod:`mixplan.engine.reference_rules`).
    ``pause`` is called between two rules (see ``Evaluator.evaluate``).
    """
    # Rows are worded when read, maybe after the model changed: they read the
    # names of the buildings as they are now.
    ctx = replace(
        ctx,
        buildings=dict(ctx.buildings),
        baseline_buildings=dict(ctx.baseline_buildings),
    )
    findings: list[Sequence[Finding]] = []
    for position, rule in enumerate(RULES.values()):
        if pause is not None and position:
            pause()
        if not ctx.rulebook.enabled(rule.id):
            continue
        if rule.compares and ctx.is_baseline:
            continue
        if rule.needs_site and not ctx.has_site:
            findings.append([_not_assessed(rule)])
            continue
        check = rule.check if checks is None else checks.get(rule.id, rule.check)
        produced = judge_against_existing(rule.id, check, ctx, check(ctx))
        if ctx.is_baseline:
            parts = (
                produced.parts() if isinstance(produced, FindingList) else [produced]
            )
            produced = FindingList(map(as_existing_state, parts))
        findings.append(produced)
    return FindingList(findings)
