"""Why a suggestion stops where it does: binding rules, shadow prices, changes.

A rule *binds* when it blocks a better choice: for each building or cover, every
variant worth more than the one chosen is tried in its place, all else equal;
the site rows it would break, the neighbours it would come too close to (C05),
and the per-building rules that set it aside (height limit, setbacks to the
boundary, freight lift, stacking) are what limits the suggestion there.

Shadow prices come from the linear relaxation of the programme (every 0/1
choice relaxed to [0, 1]): the dual value of each site row is what one more
unit of that limit would be worth, in the objective's unit (m² of housing by
default), per m² of floor or yard, per percentage point of the site for
coverage and open soil, per 0.01 of biotope coefficient.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from mixplan.engine.suggest_milp import Model, SiteRow, Solution, chosen_vector, solve
from mixplan.engine.suggest_options import ADDED_STOREY_M
from mixplan.model.project import Scenario
from mixplan.model.rulebook import Rulebook
from mixplan.model.uses import USES, Family

__all__ = [
    "Binding",
    "ChangeNote",
    "binding_constraints",
    "changes_made",
    "infeasibility_reason",
    "shadow_prices",
]

_HOUSING = tuple(c for c, u in USES.items() if u.family is Family.HOUSING)
_PRODUCTIVE = tuple(c for c, u in USES.items() if u.family is Family.PRODUCTIVE)


@dataclass(frozen=True, slots=True)
class Binding:
    """A rule that limits the suggestion, and where."""

    rule: str
    targets: tuple[str, ...]
    message: str
    message_fr: str

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "targets": list(self.targets),
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class ChangeNote:
    """What the suggestion does to one building or cover."""

    target: str
    actions: tuple[str, ...]
    message: str
    message_fr: str
    housing_m2: float
    productive_m2: float
    sdp_m2: float

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "actions": list(self.actions),
            "message": self.message,
            "housing_sdp_m2": round(self.housing_m2, 2),
            "productive_sdp_m2": round(self.productive_m2, 2),
            "sdp_m2": round(self.sdp_m2, 2),
        }


def _row_message(row: SiteRow, value: float, site: float) -> tuple[str, str]:
    slack = row.value_slack(value)
    if row.unit == "ratio" and site > 0:
        bound = row.lower if row.lower > -np.inf else row.upper
        return (
            f"{row.label_en}: at {value / site:.1%} of the site "
            f"(limit {bound / site:.1%})",
            f"{row.label_fr} : {value / site:.1%} du terrain "
            f"(limite {bound / site:.1%})",
        )
    if row.unit == "cbs" and site > 0:
        return (
            f"{row.label_en}: at {value / site:.3f} (minimum {row.lower / site:.3f})",
            f"{row.label_fr} : {value / site:.3f} (minimum {row.lower / site:.3f})",
        )
    return (
        f"{row.label_en}: +{slack:,.0f} m² of slack",
        f"{row.label_fr} : marge de {slack:,.0f} m²".replace(",", "\u202f"),
    )


def binding_constraints(
    model: Model, solution: Solution, rb: Rulebook
) -> list[Binding]:
    """The rules that block a better choice somewhere, with their targets."""
    x = chosen_vector(model, solution.chosen)
    values = [row.value(x) for row in model.rows]
    found: dict[tuple[str, str], tuple[set[str], str]] = {}

    def add(rule: str, message: str, message_fr: str, target: str) -> None:
        targets, _ = found.setdefault((rule, message), (set(), message_fr))
        targets.add(target)

    pairs_of: dict[int, list[int]] = {}
    for k, (_, cols, _) in enumerate(model.pairs):
        for col in cols:
            pairs_of.setdefault(col, []).append(k)
    by_id = {b.id: b for b in model.bodies}

    def named(body_id: str, lang: str = "en") -> str:
        body = by_id.get(body_id)
        return body.reference(lang) if body is not None else body_id

    max_height = rb.number("C03", "max_height_m")
    max_added = int(rb.number("suggest", "max_added_storeys"))
    for chosen in solution.chosen:
        body_index = int(model.body_of[chosen])
        body = model.bodies[body_index]
        best = model.objective[chosen]
        columns = np.flatnonzero(model.body_of == body_index).tolist()
        better = [col for col in columns if model.objective[col] > best + 1e-9]
        for col in better:
            for row, value in zip(model.rows, values, strict=True):
                moved = value + row.coefficients[col] - row.coefficients[chosen]
                if moved < row.lower - 1e-9 or moved > row.upper + 1e-9:
                    en, fr = _row_message(row, value, model.site_area)
                    add(row.rule, en, fr, "site")
            for k in pairs_of.get(col, []):
                rule, members, label = model.pairs[k]
                taken = sum(1 for m in members if x[m] > 0.5 and m != chosen) + 1
                if taken > 1 and rule == "C05":
                    a, b, gap = label.split("|")
                    en = f"setback between {named(a)} and {named(b)} ({gap} m apart)"
                    fr = (
                        f"prospect entre {named(a, 'fr')} et {named(b, 'fr')} ({gap} m)"
                    )
                    add(rule, en, fr, a)
                    add(rule, en, fr, b)
                elif taken > 1 and rule == "C15":
                    a, b = label.split("|")
                    add(
                        rule,
                        f"separation of housing from the ICPE in {named(a)}",
                        f"distance du logement à l'ICPE de {named(a, 'fr')}",
                        b,
                    )
        # A rule on the building alone limits it only where nothing better
        # was allowed (otherwise what blocked the better variants limits it).
        for variant_value, dropped in model.dropped.get(body_index, []):
            if not better and variant_value > best + 1e-9:
                add(dropped.rule, dropped.message, dropped.message_fr, body.id)
        variant = model.variants[chosen]
        if (
            body.kind == "building"
            and "raise" in model.allowed
            and variant.storeys_added == max_added
            and variant.height_m + ADDED_STOREY_M <= max_height
        ):
            add(
                "suggest",
                f"storeys added on {body.reference()}: at most {max_added}",
                f"étages ajoutés sur {body.reference('fr')} : au plus {max_added}",
                body.id,
            )
    out = [
        Binding(rule, tuple(sorted(targets)), message, fr)
        for (rule, message), (targets, fr) in found.items()
    ]
    out.sort(key=lambda b: (b.rule, b.message))
    return out


def shadow_prices(model: Model, solution: Solution) -> list[dict[str, Any]]:
    """The value of relaxing each site row, from the linear relaxation."""
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix, vstack

    n = len(model.variants)
    if not model.rows or n == 0:
        return []
    bodies = len(model.bodies)
    eq = coo_matrix((np.ones(n), (model.body_of, np.arange(n))), shape=(bodies, n))
    ub_rows = []
    ub_rhs = []
    which: list[tuple[int, float]] = []
    for k, row in enumerate(model.rows):
        if row.lower > -np.inf:
            ub_rows.append(-row.coefficients)
            ub_rhs.append(row.constant - row.lower)
            which.append((k, 1.0))
        if row.upper < np.inf:
            ub_rows.append(row.coefficients)
            ub_rhs.append(row.upper - row.constant)
            which.append((k, 1.0))
    blocks = [coo_matrix(np.vstack(ub_rows))]
    rhs = list(ub_rhs)
    if model.pairs:
        r = np.repeat(np.arange(len(model.pairs)), [len(c) for _, c, _ in model.pairs])
        c = np.fromiter(
            (x for _, cols, _ in model.pairs for x in cols), np.intp, len(r)
        )
        blocks.append(
            coo_matrix((np.ones(len(r)), (r, c)), shape=(len(model.pairs), n))
        )
        rhs += [1.0] * len(model.pairs)
    result = linprog(
        -model.objective,
        A_ub=vstack(blocks).tocsr(),
        b_ub=np.array(rhs),
        A_eq=eq.tocsr(),
        b_eq=np.ones(bodies),
        bounds=(0, 1),
        method="highs",
    )
    if result.status != 0:
        return []
    marginals = result.ineqlin.marginals[: len(which)]
    site = model.site_area
    out = []
    for (k, _), marginal in zip(which, marginals.tolist(), strict=True):
        value = -marginal
        if abs(value) < 1e-9:
            continue
        row = model.rows[k]
        if row.unit == "ratio":
            per, per_fr, value = (
                "1% of the site",
                "1\u202f% du terrain",
                value * site / 100,
            )
        elif row.unit == "cbs":
            per, per_fr, value = "0.01 of CBS", "0,01 de CBS", value * site / 100
        else:
            per, per_fr = "m²", "m²"
        out.append(
            {
                "rule": row.rule,
                "constraint": row.label_en,
                "constraint_fr": row.label_fr,
                "per": per,
                "per_fr": per_fr,
                "value": value,
            }
        )
    return out


def changes_made(
    model: Model, solution: Solution, source: Scenario
) -> list[ChangeNote]:
    """What changed per building or cover, with the floor area it adds."""
    out = []
    for chosen in solution.chosen:
        variant = model.variants[chosen]
        if variant.is_keep:
            continue
        body = model.bodies[variant.body]
        before = [v for v in body.variants if v.is_keep]
        before_facts = before[0].facts if before else None
        if before_facts is None and body.kind == "building":
            before_facts = model.keep_facts.get(body.id)

        def housing(facts: Any) -> float:
            if facts is None:
                return 0.0
            return float(sum(facts.sdp_by_use.get(u, 0.0) for u in _HOUSING))

        def grade(facts: Any) -> float:
            return 0.0 if facts is None else float(facts.productive_grade_m2)

        def sdp(facts: Any) -> float:
            return 0.0 if facts is None else float(facts.sdp_m2)

        after = variant.facts
        out.append(
            ChangeNote(
                body.id,
                variant.actions,
                f"{body.reference()}: {variant.description}",
                f"{body.reference('fr')} : {variant.description_fr}",
                housing(after) - housing(before_facts),
                grade(after) - grade(before_facts),
                sdp(after) - sdp(before_facts),
            )
        )
    return out


def infeasibility_reason(model: Model, time_limit: float) -> str:
    """One line saying why no combination of options meets every rule."""
    stuck = [b for b in model.bodies if not b.variants]
    if stuck:
        body = stuck[0]
        reasons = sorted({d.message for _, d in body.dropped})
        more = f" (and {len(stuck) - 1} more)" if len(stuck) > 1 else ""
        return (
            f"no option for {body.kind} {body.reference()} passes the rules: "
            + "; ".join(reasons)
            + more
        )
    site = model.site_area
    for row in model.rows:
        best_high = row.constant
        best_low = row.constant
        for body_index in range(len(model.bodies)):
            cols = np.flatnonzero(model.body_of == body_index)
            best_high += float(row.coefficients[cols].max())
            best_low += float(row.coefficients[cols].min())
        if best_high < row.lower - 1e-9:
            if row.unit == "ratio" and site > 0:
                what = (
                    f"reaches at most {best_high / site:.1%} of the site "
                    f"(minimum {row.lower / site:.1%})"
                )
            elif row.unit == "cbs" and site > 0:
                what = (
                    f"reaches at most {best_high / site:.3f} (minimum "
                    f"{row.lower / site:.3f})"
                )
            else:
                what = (
                    f"reaches at most {best_high:,.0f} m² (at least "
                    f"{row.lower:,.0f} m² needed)"
                )
            return (
                f"{row.rule} cannot be met with the options allowed: "
                f"{row.label_en} {what}"
            )
        if best_low > row.upper + 1e-9:
            return (
                f"{row.rule} cannot be met with the options allowed: "
                f"{row.label_en} is at least {best_low:,.0f} m² "
                f"(at most {row.upper:,.0f} m²)"
            )
    rules = sorted({r.rule for r in model.rows} | {rule for rule, _, _ in model.pairs})
    culprits = []
    for rule in rules:
        if (
            solve(
                model, max(1.0, time_limit / max(1, len(rules))), without={rule}
            ).status
            != "infeasible"
        ):
            culprits.append(rule)
    if culprits:
        return (
            "no combination of the options allowed meets "
            + " or ".join(culprits)
            + " together with the other rules"
        )
    return "no combination of the options allowed meets every rule"
