"""What the council report holds, remembered per project.

A logo for the cover, the parts to include, buildings labelled by name or by id on
the plans, and the scenarios covered in the order the council should read them.
The options live in the project (saved in its file), so the next export of the
same project looks the same; changing them is one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mixplan.model.commands import Change, Command
from mixplan.model.errors import ModelError

if TYPE_CHECKING:
    from mixplan.model.project import Project

__all__ = ["REPORT_SECTIONS", "ReportOptions", "SetReportOptions"]

#: The parts of the report that can be left out (the cover is always there).
REPORT_SECTIONS: tuple[str, ...] = (
    "summary",
    "scenarios",
    "balance",
    "comparison",
    "annex",
)
LABELS: tuple[str, ...] = ("name", "id")


@dataclass(frozen=True)
class ReportOptions:
    """Options of the council report.

    Parameters
    ----------
    logo
        An image file (PNG or JPEG) set on the cover; empty for none.
    sections
        The parts included, from :data:`REPORT_SECTIONS`.
    labels
        ``"name"`` to label buildings by their name on the plans (the id when
        they have none), ``"id"`` by their id.
    scenarios
        The scenarios covered, in this order; empty for every scenario in the
        project's order. Names no longer in the project are passed over.
    basemaps
        Draw the project's visible base-map images under the report's plans.

    Examples
    --------
    >>> ReportOptions(sections=("summary", "annex")).sections
    ('summary', 'annex')
    >>> ReportOptions(labels="code")
    Traceback (most recent call last):
    ...
    mixplan.model.errors.ModelError: report labels are 'name' or 'id', not 'code'
    """

    logo: str = ""
    sections: tuple[str, ...] = REPORT_SECTIONS
    labels: str = "name"
    scenarios: tuple[str, ...] = ()
    basemaps: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.logo, str) or len(self.logo) > 4096:
            raise ModelError("the report logo is a file path")
        object.__setattr__(self, "sections", tuple(self.sections))
        object.__setattr__(self, "scenarios", tuple(self.scenarios))
        unknown = [s for s in self.sections if s not in REPORT_SECTIONS]
        if unknown:
            raise ModelError(
                f"unknown report section {unknown[0]!r} ({', '.join(REPORT_SECTIONS)})"
            )
        if not isinstance(self.basemaps, bool):
            raise ModelError("'basemaps' of the report options is true or false")
        if self.labels not in LABELS:
            raise ModelError(f"report labels are 'name' or 'id', not {self.labels!r}")
        if (
            not all(isinstance(s, str) for s in self.scenarios)
            or len(self.scenarios) > 1000
        ):
            raise ModelError("the report's scenarios are a list of names")

    def includes(self, section: str) -> bool:
        return section in self.sections

    def ordered(self, names: list[str]) -> list[str]:
        """``names`` in the options' order (any not listed keep their place after).

        Examples
        --------
        >>> ReportOptions(scenarios=("B", "A")).ordered(["Existing", "A", "B", "C"])
        ['B', 'A']
        >>> ReportOptions().ordered(["Existing", "A"])
        ['Existing', 'A']
        """
        if not self.scenarios:
            return list(names)
        return [name for name in self.scenarios if name in names]

    def to_json(self) -> dict[str, Any]:
        return {
            "logo": self.logo,
            "sections": list(self.sections),
            "labels": self.labels,
            "scenarios": list(self.scenarios),
            "basemaps": self.basemaps,
        }

    @classmethod
    def from_json(cls, value: Any) -> ReportOptions:
        """Read options back; :class:`ModelError` for anything else.

        Examples
        --------
        >>> o = ReportOptions(logo="/x/logo.png", labels="id", scenarios=("A",))
        >>> ReportOptions.from_json(o.to_json()) == o
        True
        """
        if not isinstance(value, dict):
            raise ModelError("report options are a JSON object")
        known = {"logo", "sections", "labels", "scenarios", "basemaps"}
        unknown = sorted(set(value) - known)
        if unknown:
            raise ModelError(f"unknown report option {unknown[0]!r}")
        for name in ("sections", "scenarios"):
            if name in value and not isinstance(value[name], list):
                raise ModelError(f"report option {name!r} is a list")
        try:
            return cls(**value)
        except TypeError as exc:
            raise ModelError(f"report options: {exc}") from None


@dataclass
class SetReportOptions(Command):
    """Replace the project's report options (one undo step)."""

    options: ReportOptions
    label: str = "Set report options"
    _old: ReportOptions | None = field(default=None, repr=False)

    def _apply(self, project: Project) -> Change:
        self._old = project.report_options
        project.report_options = self.options
        return Change(report_options=True)

    def _revert(self, project: Project) -> Change:
        assert self._old is not None
        project.report_options = self._old
        return Change(report_options=True)
