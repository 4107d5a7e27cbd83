"""The import report: what an import read, made, repaired, skipped and assumed.

Printed by the CLI (:meth:`ImportReport.summary`), written as JSON with
``--report`` (:meth:`ImportReport.to_json`) and shown by the editor's import
dialog. It is the answer to "never a silent change of meaning" (DESIGN §10): every
repair, skip, reprojection, axis swap and inferred level count is in it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any

__all__ = ["ImportReport"]

#: Examples kept per list (counts are always complete).
MAX_EXAMPLES = 200


@dataclass
class ImportReport:
    """What one import did. Counts are complete; examples are capped at 200."""

    source: str
    scenario: str = ""
    format: str = ""
    layer: str | None = None
    kind: str = "buildings"
    preset: str | None = None
    scenario_created: bool = False
    features_read: int = 0
    buildings: int = 0
    cover: int = 0
    site: bool = False
    site_area_m2: float | None = None
    site_replaced: bool = False
    repairs: Counter[str] = field(default_factory=Counter)
    repair_examples: list[dict[str, str]] = field(default_factory=list)
    skips: Counter[str] = field(default_factory=Counter)
    skip_examples: list[dict[str, str]] = field(default_factory=list)
    source_crs: str | None = None
    reprojected_from: str | None = None
    project_crs: str | None = None
    source_units: str | None = None
    encoding: str | None = None
    axes_swapped: bool = False
    flattened_3d: bool = False
    parts_split: int = 0
    levels: Counter[str] = field(default_factory=Counter)
    uses: Counter[str] = field(default_factory=Counter)
    use_basis: Counter[str] = field(default_factory=Counter)
    unmapped_values: Counter[str] = field(default_factory=Counter)
    kept_across_boundary: int = 0
    outside_site: int = 0
    placement: str | None = None
    georeferenced: bool = True
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def imported(self) -> int:
        """Objects created: buildings, cover polygons and the site."""
        return self.buildings + self.cover + (1 if self.site else 0)

    @property
    def levels_inferred_from_height(self) -> int:
        from mixplan.store.field_mapping import LEVELS_FROM_HEIGHT

        return self.levels[LEVELS_FROM_HEIGHT]

    def take(self, other: ImportReport) -> None:
        """Become ``other`` (the report a child process filled in, sent back)."""
        for item in fields(self):
            setattr(self, item.name, getattr(other, item.name))

    def repaired(self, feature: str, repair: str) -> None:
        """Record a repair of a source feature."""
        self.repairs[repair] += 1
        if len(self.repair_examples) < MAX_EXAMPLES:
            self.repair_examples.append({"feature": feature, "repair": repair})

    def skipped(self, feature: str, reason: str) -> None:
        """Record a source feature left out, with the reason."""
        self.skips[reason] += 1
        if len(self.skip_examples) < MAX_EXAMPLES:
            self.skip_examples.append({"feature": feature, "reason": reason})

    def to_json(self) -> dict[str, Any]:
        """The report as a JSON-ready dict (the ``--report`` file)."""
        return {
            "source": self.source,
            "format": self.format,
            "layer": self.layer,
            "kind": self.kind,
            "preset": self.preset,
            "scenario": self.scenario,
            "scenario_created": self.scenario_created,
            "features_read": self.features_read,
            "imported": self.imported,
            "created": {
                "buildings": self.buildings,
                "cover": self.cover,
                "site": self.site,
            },
            "site_area_m2": self.site_area_m2,
            "site_replaced": self.site_replaced,
            "repaired": {
                "total": sum(self.repairs.values()),
                "by_repair": dict(self.repairs),
                "examples": self.repair_examples,
            },
            "skipped": {
                "total": sum(self.skips.values()),
                "by_reason": dict(self.skips),
                "examples": self.skip_examples,
            },
            "source_crs": self.source_crs,
            "reprojected_from": self.reprojected_from,
            "project_crs": self.project_crs,
            "source_units": self.source_units,
            "encoding": self.encoding,
            "axes_swapped": self.axes_swapped,
            "flattened_3d": self.flattened_3d,
            "multipart_features_split": self.parts_split,
            "levels_inferred_from_height": self.levels_inferred_from_height,
            "levels": dict(self.levels),
            "uses": dict(self.uses),
            "use_basis": dict(self.use_basis),
            "unmapped_values": dict(self.unmapped_values),
            "clip_to_site": {
                "kept_across_boundary": self.kept_across_boundary,
                "left_out": self.outside_site,
            },
            "placement": self.placement,
            "georeferenced": self.georeferenced,
            "warnings": self.warnings,
            "notes": self.notes,
        }

    def summary(self, verb: str | None = None, lang: str | None = None) -> str:
        """A few plain lines for the terminal and the dialog.

        ``verb`` starts the first line: "Imported" (the default), or "Will import"
        in a preview. ``lang`` defaults to the message language
        (:func:`~mixplan.model.errors.set_message_language`); in French the
        warnings and notes come from the refusals' catalogue.
        """
        from mixplan.model.errors import message_language

        if (lang or message_language()) == "fr":
            from mixplan.store.import_report_fr import french_summary

            return french_summary(self, verb or "Importé")
        verb = verb or "Imported"
        made = []
        if self.buildings:
            made.append(f"{self.buildings:,} building{'s' * (self.buildings != 1)}")
        if self.cover:
            made.append(f"{self.cover:,} ground cover polygon{'s' * (self.cover != 1)}")
        if self.site:
            area = f" ({self.site_area_m2:,.0f} m²)" if self.site_area_m2 else ""
            made.append(f"the site boundary{area}")
        what = ", ".join(made) or "nothing"
        where = f" into scenario {self.scenario!r}" if self.scenario else ""
        created = " (created)" if self.scenario_created else ""
        layer = f", layer {self.layer}" if self.layer else ""
        lines = [
            f"{verb} {what}{where}{created} from {self.source} ({self.format}{layer})"
        ]
        lines.append(f"  features read   {self.features_read:,}")
        if self.reprojected_from:
            units = f", {self.source_units}" if self.source_units else ""
            lines.append(
                f"  reprojected     from {self.reprojected_from}{units} "
                f"to {self.project_crs}"
            )
        if self.axes_swapped:
            lines.append("  axes swapped    the coordinates were in lat/lon order")
        if self.encoding:
            lines.append(f"  text encoding   {self.encoding}")
        if self.flattened_3d:
            lines.append("  3D              heights of vertices (Z) dropped")
        if self.repairs:
            lines.append(
                f"  repaired        {sum(self.repairs.values())}: "
                + _counts(self.repairs)
            )
        if self.skips:
            lines.append(
                f"  skipped         {sum(self.skips.values())}: " + _counts(self.skips)
            )
        if self.parts_split:
            lines.append(
                f"  multipart       {self.parts_split} feature(s) split into "
                "one building per part (ids suffixed -1, -2, …)"
            )
        if self.outside_site or self.kept_across_boundary:
            lines.append(
                f"  clip to site    {self.outside_site} left out (mostly "
                f"outside), {self.kept_across_boundary} kept whole across "
                "the boundary"
            )
        if self.levels:
            lines.append("  levels          " + _counts(self.levels))
        if self.uses:
            lines.append("  uses            " + _counts(self.uses))
        if self.unmapped_values:
            lines.append(
                "  unmapped values " + _counts(self.unmapped_values) + " (default use)"
            )
        if self.placement:
            lines.append(f"  placement       {self.placement}")
        for note in self.notes:
            lines.append(f"  note            {note}")
        for warning in self.warnings:
            lines.append(f"  warning         {warning}")
        return "\n".join(lines)


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{key} ({n})" for key, n in counter.most_common())
