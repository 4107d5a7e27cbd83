"""The bundled demo project, assembled from readable mixplan GeoJSON files.

``resources/demo/project.toml`` names the project and the site and lists the
scenarios in order (the baseline first), each with its description and the
mixplan GeoJSON file (DESIGN §7) holding its buildings and ground cover. Those
files are the source of truth: they are exactly what ``mixplan export --format
geojson`` writes, so the demo is maintained by opening it in mixplan, editing it,
saving it, and writing it back with :func:`write_demo_sources`::

    uv run python -c "from mixplan.store import open_project; \
        from mixplan.store.demo import write_demo_sources; \
        write_demo_sources(open_project('demo.mixplan.gpkg'))"
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

from mixplan.model.errors import MixplanError, ModelError
from mixplan.model.project import Project, Scenario, Site

__all__ = ["build_demo", "demo_folder", "write_demo_sources"]


def demo_folder() -> Path:
    """The folder of the demo's ``project.toml`` and GeoJSON files."""
    from mixplan.resources import resource_path

    return resource_path("demo")


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MixplanError("the demo manifest is missing", path) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise MixplanError(f"cannot read the demo manifest: {exc}", path) from None
    scenarios = manifest.get("scenarios")
    if not isinstance(manifest.get("name"), str) or not scenarios:
        raise MixplanError("the demo manifest needs a name and scenarios", path)
    for entry in scenarios:
        if not isinstance(entry.get("name"), str) or not isinstance(
            entry.get("file"), str
        ):
            raise MixplanError("each demo scenario needs a name and a file", path)
    return manifest


def build_demo(folder: Path | None = None) -> Project:
    """Assemble the demo project from its manifest and GeoJSON files.

    Parameters
    ----------
    folder
        Where ``project.toml`` lives; the bundled ``resources/demo`` by default.

    Returns
    -------
    Project
        The "Parc d'activités des Glaisières": a fictional 16.7 ha business park
        in Lambert-93 with a baseline and three scenarios.

    Raises
    ------
    MixplanError
        Naming the file, if a demo file is missing or malformed, is in another
        CRS than the manifest's, or continues (``origin``) a building that the
        baseline does not have.

    Examples
    --------
    >>> demo = build_demo()
    >>> demo.crs, demo.baseline.name
    ('EPSG:2154', 'Existing')
    """
    from mixplan.store.geojson import read_geojson

    folder = demo_folder() if folder is None else folder
    manifest_path = folder / "project.toml"
    manifest = _read_manifest(manifest_path)
    project = Project(manifest["name"], manifest.get("crs", "EPSG:2154"))
    project.author = str(manifest.get("author", ""))
    demolitions: dict[str, dict[str, int]] = {}
    for entry in manifest["scenarios"]:
        path = folder / entry["file"]
        content = read_geojson(path)
        if content.crs is not None and content.crs != project.crs:
            raise MixplanError(
                f"is in {content.crs}, the demo is in {project.crs}", path
            )
        try:
            scenario = Scenario.of(
                entry["name"],
                content.buildings,
                content.cover,
                entry.get("description", ""),
            )
        except ModelError as exc:
            raise MixplanError(str(exc), path) from None
        demolitions[scenario.name] = dict(content.demolitions)
        if content.phases and not project.phases:
            project.phases = list(content.phases)
        if project.scenarios:
            unknown = sorted(
                b.origin
                for b in scenario.buildings.values()
                if b.origin is not None and b.origin not in project.baseline.buildings
            )
            if unknown:
                raise MixplanError(
                    "origin names buildings the baseline does not have: "
                    + ", ".join(unknown),
                    path,
                )
        elif content.site is not None:
            project.site = Site(
                content.site.boundary, manifest.get("site", content.site.name)
            )
        project.scenarios.append(scenario)
    # The sources hold whole states: find what each scenario keeps and removes.
    project.settle()
    for scenario in project.scenarios[1:]:
        for bid, phase in demolitions.get(scenario.name, {}).items():
            if bid in scenario.removed:
                scenario.removed[bid] = replace(
                    scenario.removed[bid], demolished_in=phase
                )
    from mixplan.model.phasing import phasing_problems

    problems = phasing_problems(project)
    if problems:
        raise MixplanError(problems[0], manifest_path)
    return project


def write_demo_sources(project: Project, folder: Path | None = None) -> None:
    """Write each scenario of ``project`` over its demo GeoJSON file.

    Scenarios are matched to the manifest's entries by name; the manifest itself
    (names, order, descriptions) is edited by hand.

    Raises
    ------
    MixplanError
        If the project lacks a scenario the manifest lists, or a file cannot be
        written.
    """
    from mixplan.store.geojson import write_geojson

    folder = demo_folder() if folder is None else folder
    manifest = _read_manifest(folder / "project.toml")
    for entry in manifest["scenarios"]:
        if not project.has_scenario(entry["name"]):
            raise MixplanError(
                f"the project has no scenario {entry['name']!r}",
                folder / "project.toml",
            )
    for entry in manifest["scenarios"]:
        write_geojson(project, entry["name"], folder / entry["file"])
