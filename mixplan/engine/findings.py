"""What the engine returns: findings of rules and the evaluation of a scenario."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import FrozenInstanceError, dataclass, field
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

    A finding is a value (immutable, equal to any finding with the same fields).
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
        "_message",
        "_message_fr",
        "_words",
        "limit",
        "measured",
        "rule",
        "severity",
        "source",
        "targets",
    )

    rule: str
    severity: Severity
    measured: float | None
    limit: float | None
    targets: tuple[str, ...]
    source: str
    _message: str
    _message_fr: str
    _words: Words | None

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
        setter = object.__setattr__
        setter(self, "rule", rule)
        setter(self, "severity", severity)
        setter(self, "_message", message)
        setter(self, "measured", measured)
        setter(self, "limit", limit)
        setter(self, "targets", targets)
        setter(self, "source", source)
        setter(self, "_message_fr", message_fr)
        setter(self, "_words", words)

    def _word(self) -> None:
        words = self._words
        if words is not None:
            function, arguments = words
            message, message_fr = function(*arguments)
            object.__setattr__(self, "_message", message)
            object.__setattr__(self, "_message_fr", message_fr)
            object.__setattr__(self, "_words", None)

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

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

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
