"""Ground-cover edits that keep scenarios as changes over the baseline (DESIGN §14).

A scenario's cover continues the baseline cover of the same id: it is *kept*
(the scenario holds the baseline's current value itself), *changed* (its own
value), or the baseline cover is *removed*; a cover with an id the baseline does
not have is *added* (see :class:`~mixplan.model.project.Scenario`). As for
buildings (:mod:`mixplan.model.scenario_edits`, whose captures the cover
commands share):

- an edit of a baseline cover reaches every scenario that keeps it; a scenario
  that changed it keeps its own version (:func:`outdated_cover_changes`);
- a cover added to the baseline is kept by every scenario; one removed from the
  baseline leaves the scenarios that kept it, and a scenario's changed version
  of it becomes a cover that scenario adds;
- in a scenario, editing a kept cover makes it changed, a cover made equal to
  its baseline cover is kept again, removing a baseline cover records the
  removal, restoring it keeps it again.
"""

from __future__ import annotations

from mixplan.model.errors import ModelError
from mixplan.model.project import GroundCover, Project, Scenario
from mixplan.model.sameness import cover_digest, is_same_cover

__all__ = [
    "cover_status",
    "drop_cover",
    "outdated_cover_changes",
    "put_cover",
    "restore_cover",
    "take_existing_cover",
]


def put_cover(project: Project, scenario: Scenario, cover: GroundCover) -> None:
    """Add a ground cover to a scenario or replace the one with its id.

    Raises
    ------
    ModelError
        (before changing anything) if a new baseline cover's id is used by a
        cover another scenario adds.
    """
    baseline = project.baseline
    cid = cover.id
    if scenario is baseline:
        others = project.scenarios[1:]
        new = cid not in baseline.cover
        if new:
            for t in others:
                if cid in t.cover and cid not in t.cover_kept:
                    raise ModelError(
                        f"ground cover id {cid!r} is already used in scenario "
                        f"{t.name!r}"
                    )
        baseline.cover[cid] = cover
        for t in others:
            if cid in t.cover_kept or (new and cid not in t.cover_removed):
                t.cover[cid] = cover
                t.cover_kept.add(cid)
        return
    base = baseline.cover.get(cid)
    was_kept = cid in scenario.cover_kept
    if base is not None and is_same_cover(cover, base):
        scenario.cover[cid] = base  # the baseline's value itself: kept
        scenario.cover_kept.add(cid)
        scenario.cover_changed_from.pop(cid, None)
    else:
        scenario.cover[cid] = cover
        scenario.cover_kept.discard(cid)
        if base is None:
            scenario.cover_changed_from.pop(cid, None)
        elif was_kept or cid not in scenario.cover_changed_from:
            scenario.cover_changed_from[cid] = cover_digest(base)
    scenario.cover_removed.discard(cid)


def drop_cover(project: Project, scenario: Scenario, cover_id: str) -> None:
    """Remove a ground cover from a scenario.

    In the baseline, the cover also leaves every scenario that kept it (and
    their records of removing it); a scenario's changed version of it becomes a
    cover that scenario adds. In a scenario, removing a baseline cover (kept or
    changed) records the removal.
    """
    if cover_id not in scenario.cover:
        raise ModelError(f"scenario {scenario.name!r} has no cover {cover_id!r}")
    del scenario.cover[cover_id]
    scenario.cover_kept.discard(cover_id)
    scenario.cover_changed_from.pop(cover_id, None)
    baseline = project.baseline
    if scenario is baseline:
        for t in project.scenarios[1:]:
            if cover_id in t.cover_kept:
                del t.cover[cover_id]
                t.cover_kept.discard(cover_id)
            t.cover_removed.discard(cover_id)
            t.cover_changed_from.pop(cover_id, None)
        return
    if cover_id in baseline.cover:
        scenario.cover_removed.add(cover_id)


def restore_cover(project: Project, scenario: Scenario, cover_id: str) -> None:
    """Undo a scenario's removal of a baseline cover: the scenario keeps it."""
    if scenario is project.baseline:
        raise ModelError("the baseline removes nothing to restore")
    if cover_id not in scenario.cover_removed:
        raise ModelError(
            f"scenario {scenario.name!r} does not remove ground cover {cover_id!r}"
        )
    base = project.baseline.cover.get(cover_id)
    if base is None:
        raise ModelError(f"the baseline has no ground cover {cover_id!r}")
    scenario.cover_removed.discard(cover_id)
    scenario.cover[cover_id] = base
    scenario.cover_kept.add(cover_id)


def take_existing_cover(project: Project, scenario: Scenario, cover_id: str) -> None:
    """Replace a scenario's changed cover by the baseline's current version."""
    base = project.baseline.cover.get(cover_id)
    if scenario is project.baseline or base is None:
        raise ModelError(
            f"ground cover {cover_id!r} continues no cover of the existing state"
        )
    if cover_id not in scenario.cover:
        raise ModelError(f"scenario {scenario.name!r} has no cover {cover_id!r}")
    scenario.cover[cover_id] = base
    scenario.cover_kept.add(cover_id)
    scenario.cover_changed_from.pop(cover_id, None)


def outdated_cover_changes(project: Project, scenario: Scenario) -> tuple[str, ...]:
    """Changed covers whose baseline cover was edited since (rule U02).

    The baseline cover's current version is not the one the scenario changed.
    """
    if not project.scenarios or scenario is project.baseline:
        return ()
    base = project.baseline.cover
    return tuple(
        cid
        for cid, digest in scenario.cover_changed_from.items()
        if cid in base and cid in scenario.cover and cover_digest(base[cid]) != digest
    )


def cover_status(project: Project, scenario: Scenario, cover_id: str) -> str:
    """``"baseline"``, ``"kept"``, ``"changed"`` or ``"added"``: what a cover is.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> p = Project.new("p")
    >>> p.baseline.cover["g"] = GroundCover("g", "lawn", box(0, 0, 5, 5))
    >>> cover_status(p, p.baseline, "g")
    'baseline'
    """
    if scenario is project.baseline:
        return "baseline"
    if cover_id in scenario.cover_kept:
        return "kept"
    return "changed" if cover_id in project.baseline.cover else "added"
