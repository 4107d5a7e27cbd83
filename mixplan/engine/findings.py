"""What the engine returns: findings of rules and the evaluation of a scenario."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["Evaluation", "Finding", "Severity", "Words"]

Severity = Literal["error", "warning", "info"]

#: How a finding words itself when first read: a function and its arguments,
#: returning the English and the French message.
Words = tuple[Callable[..., tuple[str, str]], tuple[Any, ...]]

_PUBLIC = (
    "rule",
    "severity",
    "message",
    "measured",
    "limit",
    "targets",
    "source",
    "message_fr",
)


class Finding:
    """The result of one rule on a scenario (DESIGN §2, JSON keys of §8).

    ``targets`` are building ids, or ``"building_id#position"`` for one level
    (position in the building's bottom-up level list), or ``"site"``.
    ``message_fr`` is the French message (not part of the JSON contract; the
    French report uses it), empty when the rule has none.

    A finding is a value (its fields read-only, equal to any finding with the
    same fields).
    Its messages may be given as ``words`` (a function and its arguments that
    return the English and French messages): they are then worded only when
    first read, since a large project has tens of thousands of findings that
    are counted and grouped far more often than read.

    Examples
    --------
    >>> f = Finding("C03", "error", "Building a is 40.0 m high", 40.0, 37.0, ("a",))
    >>> f.to_json()["targets"], f.replace(severity="warning").severity
    (['a'], 'warning')
    """

    __slots__ = (
        "_limit",
        "_measured",
        "_message",
        "_message_fr",
        "_rule",
        "_severity",
        "_source",
        "_targets",
        "_words",
    )

    # (Fields behind read-only properties: assigning one raises, and making one
    # is plain slot stores, four times cheaper than a frozen dataclass's.)
    def __init__(
        self,
        rule: str,
        severity: Severity,
        message: str = "",
        measured: float | None = None,
        limit: float | None = None,
        targets: tuple[str, ...] = (),
        source: str = "",
        message_fr: str = "",
        *,
        words: Words | None = None,
    ) -> None:
        self._rule = rule
        self._severity: Severity = severity
        self._message = message
        self._measured = measured
        self._limit = limit
        self._targets = targets
        self._source = source
        self._message_fr = message_fr
        self._words = words

    @property
    def rule(self) -> str:
        """The rule id (``"C13"``)."""
        return self._rule

    @property
    def severity(self) -> Severity:
        """``"error"``, ``"warning"`` or ``"info"``."""
        return self._severity

    @property
    def measured(self) -> float | None:
        """The value measured, rounded to 4 decimals (``None`` if none)."""
        return self._measured

    @property
    def limit(self) -> float | None:
        """The threshold it was compared with (``None`` if none)."""
        return self._limit

    @property
    def targets(self) -> tuple[str, ...]:
        """Building ids, ``"building_id#position"`` levels, or ``"site"``."""
        return self._targets

    @property
    def source(self) -> str:
        """The law or document the threshold comes from."""
        return self._source

    def _word(self) -> None:
        words = self._words
        if words is not None:
            function, arguments = words
            self._message, self._message_fr = function(*arguments)
            self._words = None

    @property
    def message(self) -> str:
        """The English message."""
        if self._words is not None:
            self._word()
        return self._message

    @property
    def message_fr(self) -> str:
        """The French message (empty when the rule has none)."""
        if self._words is not None:
            self._word()
        return self._message_fr

    def worded(self) -> tuple[str, str]:
        """The English and French messages, worded now if need be, not kept.

        For one pass over many findings (the report's list of a hundred
        thousand): reading :attr:`message` would keep every message worded in
        memory for as long as the evaluation lives.
        """
        words = self._words
        if words is None:
            return self._message, self._message_fr
        function, arguments = words
        return function(*arguments)

    def replace(self, **changes: Any) -> Finding:
        """A copy with some fields changed (as :func:`dataclasses.replace`)."""
        values = {name: getattr(self, name) for name in _PUBLIC}
        values.update(changes)
        return Finding(**values)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _PUBLIC)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields_text = ", ".join(f"{n}={getattr(self, n)!r}" for n in _PUBLIC)
        return f"Finding({fields_text})"

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        return (Finding, self._values())

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
    """Indicators, their difference from the baseline, and findings of a scenario.

    ``findings`` is an ordered sequence of findings: the engine gives a
    :class:`~mixplan.engine.finding_records.FindingList`, whose findings are
    made when read.
    """

    scenario: str
    indicators: dict[str, Any]
    delta: dict[str, Any] = field(default_factory=dict)
    findings: Sequence[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        """The error findings, in order."""
        # (Imported here: the records module builds on this one.)
        from mixplan.engine.finding_records import by_severity

        return by_severity(self.findings, "error")

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.scenario,
            "indicators": self.indicators,
            "delta": self.delta,
            "findings": [f.to_json() for f in self.findings],
        }
