"""What the engine returns: findings of rules and the evaluation of a scenario."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["Evaluation", "Finding", "Severity"]

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Finding:
    """The result of one rule on a scenario (DESIGN §2, JSON keys of §8).

    ``targets`` are building ids, or ``"building_id#position"`` for one level
    (position in the building's bottom-up level list), or ``"site"``.
    ``message_fr`` is the French message (not part of the JSON contract; the
    French report uses it), empty when the rule has none.
    """

    rule: str
    severity: Severity
    message: str
    measured: float | None = None
    limit: float | None = None
    targets: tuple[str, ...] = ()
    source: str = ""
    message_fr: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "measured": self.measured,
            "limit": self.limit,
            "targets": list(self.targets),
            "source": self.source,
        }


@dataclass
class Evaluation:
    """Indicators, their difference from the baseline, and findings of a scenario."""

    scenario: str
    indicators: dict[str, Any]
    delta: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.scenario,
            "indicators": self.indicators,
            "delta": self.delta,
            "findings": [f.to_json() for f in self.findings],
        }
