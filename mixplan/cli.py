"""The ``mixplan`` command (DESIGN §8).

Every sub-command opens what it needs lazily, does its work in memory and writes the
project back atomically, so a failure leaves the user's file untouched. Errors meant
for users (:class:`~mixplan.model.errors.MixplanError`) become one line on stderr
naming the file and exit code 2; anything unexpected is logged, summarised on one
line, and exits 3. ``--json`` prints one JSON document on stdout and nothing else.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

from mixplan import __version__
from mixplan.model.errors import MixplanError, message_language, set_message_language

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors on one line, with exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="mixplan", description=__doc__.splitlines()[0])
    p.add_argument("--version", action="version", version=f"mixplan {__version__}")
    p.add_argument(
        "--self-test",
        action="store_true",
        help="run a headless self-test (create, save, reload, check, "
        "import, report) and exit",
    )
    sub = p.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    s = sub.add_parser("open", help="open the desktop app on FILE")
    s.add_argument("file", type=Path)

    s = sub.add_parser("demo", help="write the bundled demo project to FILE")
    s.add_argument("file", type=Path)
    s.add_argument("--force", action="store_true", help="replace FILE if it exists")
    add_backup_option(s)

    s = sub.add_parser(
        "new", help="create an empty project with a baseline scenario 'Existing'"
    )
    s.add_argument("file", type=Path)
    s.add_argument("--crs", default="EPSG:2154", help="projected metric CRS")
    s.add_argument("--name", help="project name (default: from the file name)")
    s.add_argument(
        "--author",
        default="",
        help="who prepares the project (shown on the report's cover)",
    )
    s.add_argument("--force", action="store_true", help="replace FILE if it exists")
    add_backup_option(s)

    s = sub.add_parser("scenario", help="add, list, rename or delete scenarios")
    s.add_argument("file", type=Path)
    ssub = s.add_subparsers(
        dest="action", parser_class=_Parser, metavar="ACTION", required=True
    )
    a = ssub.add_parser("add", help="copy a scenario (default: the baseline)")
    a.add_argument("name")
    a.add_argument("--from", dest="source", help="scenario to copy")
    a.add_argument("--empty", action="store_true", help="start with no building")
    add_backup_option(a)
    ssub.add_parser("list", help="list the scenarios, the baseline first")
    a = ssub.add_parser("rename", help="rename a scenario")
    a.add_argument("old")
    a.add_argument("new")
    add_backup_option(a)
    a = ssub.add_parser("delete", help="delete a scenario (not the baseline)")
    a.add_argument("name")
    add_backup_option(a)

    s = sub.add_parser("import", help="import GIS, CAD or mixplan GeoJSON data")
    s.add_argument("file", type=Path)
    s.add_argument("source", type=Path)
    s.add_argument(
        "--scenario", help="target scenario (default: the baseline; created if missing)"
    )
    s.add_argument(
        "--from",
        dest="from_scenario",
        metavar="SCENARIO",
        help="a target scenario that does not exist starts as a copy of SCENARIO",
    )
    s.add_argument(
        "--update",
        action="store_true",
        help="replace the buildings and ground covers whose id the target scenario "
        "already has (a corrected survey), add the others; one step",
    )
    s.add_argument("--as", dest="kind", choices=("site", "buildings", "cover"))
    s.add_argument("--layer")
    s.add_argument("--where", help="SQL filter on the source layer")
    s.add_argument(
        "--preset", choices=("auto", "mixplan", "bdtopo", "dxf"), default="auto"
    )
    s.add_argument("--crs", help="CRS of a source that has none, e.g. EPSG:4326")
    s.add_argument("--clip-to-site", action="store_true")
    s.add_argument("--height-field")
    s.add_argument("--levels-field")
    s.add_argument("--use-field")
    s.add_argument("--use-map", help="value=use,… for --use-field")
    s.add_argument("--default-use", help="use of buildings with no mapped use")
    s.add_argument("--layer-map", help="DXF: 'Layer=use|outline,…'")
    s.add_argument("--origin", help="DXF: X,Y of the plan's origin in the project")
    s.add_argument("--rotation", type=float, help="DXF: rotation in degrees")
    s.add_argument("--report", type=Path, help="write the import report as JSON")
    add_backup_option(s)

    s = sub.add_parser("export", help="export a scenario (.geojson, .csv, .dxf)")
    s.add_argument("file", type=Path)
    s.add_argument("--scenario", help="scenario (default: the baseline)")
    s.add_argument("-o", "--output", type=Path, required=True)
    s.add_argument(
        "--format",
        choices=("geojson", "csv", "dxf"),
        help="default: from the output's extension",
    )

    s = sub.add_parser("info", help="describe a project")
    s.add_argument("file", type=Path)
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("check", help="evaluate scenarios against the rulebook")
    s.add_argument("file", type=Path)
    s.add_argument("--scenario", action="extend", nargs="+", dest="scenarios")
    s.add_argument("--json", action="store_true")
    s.add_argument(
        "--lang",
        choices=("fr", "en"),
        help="language of the text and messages (default: the locale, LANG)",
    )

    s = sub.add_parser(
        "phasing", help="productive floor area and firms phase by phase (C12)"
    )
    s.add_argument("file", type=Path)
    s.add_argument("--scenario", required=True)
    s.add_argument(
        "--suggest",
        action="store_true",
        help="give the scenario a phasing that keeps C12 true (saved in FILE)",
    )
    add_backup_option(s)
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("rules", help="show, export or import the rulebook (TOML)")
    s.add_argument("file", type=Path)
    g = s.add_mutually_exclusive_group()
    g.add_argument("--export", type=Path, metavar="RULES.toml")
    g.add_argument("--import", dest="import_", type=Path, metavar="RULES.toml")
    s.add_argument(
        "--lang",
        choices=("fr", "en"),
        help="language of the text and messages (default: the locale, LANG)",
    )
    add_backup_option(s)

    s = sub.add_parser(
        "compare",
        help="write the indicators and rule verdicts of scenarios (.csv or .xlsx)",
    )
    s.add_argument("file", type=Path)
    s.add_argument("-o", "--output", type=Path, required=True)
    s.add_argument(
        "--scenario",
        action="extend",
        nargs="+",
        dest="scenarios",
        help="scenarios to compare (default: all; the baseline is "
        "always the first column)",
    )
    s.add_argument(
        "--lang",
        choices=("fr", "en"),
        default="en",
        help="language of labels and verdicts (keys stay the same)",
    )

    s = sub.add_parser("report", help="write the council report (PDF)")
    s.add_argument("file", type=Path)
    s.add_argument("-o", "--output", type=Path, required=True)
    s.add_argument("--lang", choices=("fr", "en"), default="fr")
    s.add_argument("--scenario", action="extend", nargs="+", dest="scenarios")

    from mixplan import cli_balance

    cli_balance.add_parsers(sub)

    s = sub.add_parser(
        "suggest",
        help="write the scenario with the most housing that passes every rule",
    )
    s.add_argument("file", type=Path)
    s.add_argument(
        "--from", dest="source", required=True, help="scenario to start from"
    )
    s.add_argument("--name", help="name of the new scenario")
    s.add_argument(
        "--objective",
        default="housing",
        help="housing (SDP, default), dwellings, jobs or sdp",
    )
    s.add_argument("--allow", help="options allowed, comma-separated (default: all)")
    s.add_argument(
        "--freeze", help="ids of buildings or covers to keep, comma-separated"
    )
    s.add_argument("--time-limit", type=float, default=8.0, help="seconds (default 8)")
    s.add_argument(
        "--pareto",
        metavar="MEASURE",
        help="print the trade-off with open_soil or jobs instead (writes nothing)",
    )
    s.add_argument("--points", type=int, default=10, help="points of the trade-off")
    add_backup_option(s)
    s.add_argument("--json", action="store_true")
    return p


# --- helpers ---------------------------------------------------------------------


def _open(path: Path):  # type: ignore[no-untyped-def]
    from mixplan.store import open_project

    project = open_project(path)
    _tell_opening_notes(project, path)
    return project


def _tell_opening_notes(project: Any, path: Path) -> None:
    """How the file was read, when the user must know (a recovered copy…)."""
    from mixplan.store.gpkg import opening_notes

    for note in opening_notes(project):
        sys.stderr.write(f"mixplan: {path}: {note}\n")


def add_backup_option(parser: argparse.ArgumentParser) -> None:
    """``--no-backup`` on a command that saves the project file."""
    parser.add_argument(
        "--no-backup",
        action="store_true",
        help="do not keep the replaced file as FILE.bak (kept by default)",
    )


def _save(project: Any, path: Path, args: argparse.Namespace) -> None:
    from mixplan.store import save_project

    save_project(project, path, backup=not getattr(args, "no_backup", False))


def _refuse_existing(path: Path, force: bool) -> None:
    """Refuse to create a project over an existing file or under a name GDAL refuses."""
    if path.suffix.lower() != ".gpkg":
        # GDAL (and so QGIS) only opens a GeoPackage whose name ends in .gpkg.
        stem = path.name.removesuffix(path.suffix) if path.suffix else path.name
        raise MixplanError(
            f"a project file must end in .gpkg (e.g. {stem}.mixplan.gpkg) so that "
            "GDAL and QGIS open it",
            path,
        )
    if path.exists() and not force:
        raise MixplanError("already exists (use --force to replace it)", path)
    if path.is_dir():
        raise MixplanError("is a directory", path)


def _refuse_project_as_output(output: Path, project_file: Path) -> None:
    # "-o" naming the project itself would replace the project by the export.
    try:
        same = output.resolve() == project_file.resolve()
    except OSError:
        same = False
    if same:
        raise MixplanError("is the project file itself; choose another output", output)


def _print_json(doc: Any) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


# --- sub-commands ------------------------------------------------------------------


def _cmd_demo(args: argparse.Namespace) -> int:
    from mixplan.store.demo import build_demo

    _refuse_existing(args.file, args.force)
    _save(build_demo(), args.file, args)
    print(
        _say(
            f"wrote the demo project to {args.file}",
            f"projet de démonstration écrit dans {args.file}",
        )
    )
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    from mixplan.model import Project
    from mixplan.store.crs import check_project_crs

    _refuse_existing(args.file, args.force)
    name = args.name or args.file.name.removesuffix(".gpkg").removesuffix(".mixplan")
    project = Project.new(name, check_project_crs(args.crs))
    project.author = args.author
    _save(project, args.file, args)
    print(
        _say(
            f"created {args.file} ({project.crs}, scenario "
            f"{_q(project.baseline.name)})",
            f"{args.file} créé ({project.crs}, scénario {_q(project.baseline.name)})",
        )
    )
    return EXIT_OK


def _cmd_scenario(args: argparse.Namespace) -> int:
    from mixplan.model.commands import AddScenario, DeleteScenario, RenameScenario

    project = _open(args.file)
    if args.action == "list":
        for i, s in enumerate(project.scenarios):
            mark = _say(" (baseline)", " (existant)") if i == 0 else ""
            count = _count(len(s.buildings))
            print(f"{s.name}{mark}\t{count} {_say('buildings', 'bâtiments')}")
        return EXIT_OK
    cmd: Any
    try:
        if args.action == "add":
            cmd = AddScenario(args.name, args.source, empty=args.empty)
        elif args.action == "rename":
            cmd = RenameScenario(args.old, args.new)
        else:
            cmd = DeleteScenario(args.name)
        cmd.apply(project)
    except MixplanError as exc:
        raise MixplanError(str(exc), args.file) from None
    _save(project, args.file, args)
    print(_scenario_done(project, args))
    return EXIT_OK


def _scenario_done(project: Any, args: argparse.Namespace) -> str:
    """One line saying what ``scenario add|rename|delete`` did."""
    if args.action == "add":
        count = _count(len(project.scenario(args.name).buildings))
        if args.empty:
            return _say(
                f"added the empty scenario {_q(args.name)}",
                f"scénario vide {_q(args.name)} ajouté",
            )
        source = args.source or project.baseline.name
        return _say(
            f"added scenario {_q(args.name)}, a copy of {_q(source)} "
            f"({count} buildings)",
            f"scénario {_q(args.name)} ajouté, copie de {_q(source)} "
            f"({count} bâtiments)",
        )
    if args.action == "rename":
        return _say(
            f"renamed scenario {_q(args.old)} to {_q(args.new)}",
            f"scénario {_q(args.old)} renommé en {_q(args.new)}",
        )
    return _say(
        f"deleted scenario {_q(args.name)}", f"scénario {_q(args.name)} supprimé"
    )


def _cmd_import(args: argparse.Namespace) -> int:
    from mixplan.store.importing import ImportOptions, import_source

    project = _open(args.file)
    options = ImportOptions.from_cli(args)
    report = import_source(project, args.source, options)
    if args.report is not None:
        from mixplan.store.atomic import write_text_atomic

        write_text_atomic(
            args.report, json.dumps(report.to_json(), indent=2, ensure_ascii=False)
        )
    _save(project, args.file, args)
    print(report.summary())
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    _refuse_project_as_output(args.output, args.file)
    project = _open(args.file)
    fmt = args.format or args.output.suffix.lower().lstrip(".")
    scenario = args.scenario or project.baseline.name
    try:
        project.scenario(scenario)
    except MixplanError as exc:
        raise MixplanError(str(exc), args.file) from None
    if fmt in ("geojson", "json"):
        from mixplan.store.geojson import write_geojson

        write_geojson(project, scenario, args.output)
    elif fmt == "csv":
        from mixplan.store.csv_export import write_csv

        write_csv(project, scenario, args.output)
    elif fmt == "dxf":
        from mixplan.store.dxf_export import write_dxf

        write_dxf(project, scenario, args.output)
    else:
        raise MixplanError(
            "unknown export format (use .geojson, .csv or .dxf, or --format)",
            args.output,
        )
    print(
        _say(
            f"wrote scenario {_q(scenario)} to {args.output}",
            f"scénario {_q(scenario)} écrit dans {args.output}",
        )
    )
    return EXIT_OK


def _cmd_info(args: argparse.Namespace) -> int:
    from mixplan.store import open_project_and_version

    project, schema_version = open_project_and_version(args.file)
    _tell_opening_notes(project, args.file)
    doc = {
        "project": project.name,
        "crs": project.crs,
        "schema_version": schema_version,
        "site_area_m2": round(project.site_area_m2, 3),
        "scenarios": [
            {"name": s.name, "baseline": i == 0, "buildings": len(s.buildings)}
            for i, s in enumerate(project.scenarios)
        ],
    }
    if args.json:
        _print_json(doc)
        return EXIT_OK
    words = {
        "project": _say("project", "projet"),
        "file": _say("file", "fichier"),
        "crs": _say("crs", "scr"),
        "site": _say("site", "terrain"),
        "scenario": _say("scenario", "scénario"),
    }
    print(f"{words['project']:<10}{doc['project']}")
    print(f"{words['file']:<10}{args.file} (schema {doc['schema_version']})")
    print(f"{words['crs']:<10}{doc['crs']}")
    print(f"{words['site']:<10}{_count(doc['site_area_m2'])} m²")
    for s in doc["scenarios"]:
        mark = _say("  (baseline)", "  (existant)") if s["baseline"] else ""
        count = f"{_count(s['buildings'])} {_say('buildings', 'bâtiments')}"
        print(f"{words['scenario']:<10}{s['name']}: {count}{mark}")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from mixplan.engine.check import check_document, check_text

    project = _open(args.file)
    try:
        if args.json:
            doc = check_document(project, args.scenarios, message_language())
            failed = any(
                f["severity"] == "error"
                for s in doc["scenarios"]
                for f in s["findings"]
            )
            _print_json(doc)
        else:
            text, failed = check_text(project, args.scenarios, message_language())
            sys.stdout.write(text)
    except MixplanError as exc:
        raise MixplanError(str(exc), args.file) from None
    return EXIT_CHECK_FAILED if failed else EXIT_OK


def _cmd_phasing(args: argparse.Namespace) -> int:
    from mixplan.engine.phasing import phasing
    from mixplan.engine.phasing_text import format_phasing_text

    project = _open(args.file)
    suggestion = None
    try:
        if args.suggest:
            from mixplan.engine.phasing_suggest import suggest_phasing

            if project.scenario(args.scenario) is project.baseline:
                raise MixplanError("the baseline is the existing state: no phasing")
            suggestion = suggest_phasing(project, args.scenario)
            if not suggestion.feasible:
                raise MixplanError(
                    f"no phasing of {args.scenario!r} keeps C12 true: "
                    + suggestion.explanation[-1]
                )
            suggestion.command().apply(project)
        doc = phasing(project, args.scenario).to_json()
    except MixplanError as exc:
        raise MixplanError(str(exc), args.file) from None
    if suggestion is not None:
        _save(project, args.file, args)
        doc["suggestion"] = suggestion.to_json()
    if args.json:
        _print_json(doc)
    else:
        if suggestion is not None:
            sys.stdout.write("\n".join(suggestion.explanation) + "\n")
        # A firm leaves a building of the existing state or of the scenario.
        names = {b.id: b.name for b in project.baseline.buildings.values()}
        scenario = project.scenario(args.scenario)
        names.update((b.id, b.name) for b in scenario.buildings.values())
        sys.stdout.write(format_phasing_text(doc, names))
    return EXIT_OK


def _cmd_rules(args: argparse.Namespace) -> int:
    from mixplan.engine.rulebook_io import (
        format_rulebook_text,
        rulebook_from_toml,
        rulebook_to_toml,
    )

    if args.export is not None:
        _refuse_project_as_output(args.export, args.file)
    project = _open(args.file)
    if args.export is not None:
        from mixplan.store.atomic import write_text_atomic

        write_text_atomic(args.export, rulebook_to_toml(project.rulebook))
        print(
            _say(
                f"wrote the rulebook to {args.export}",
                f"règlement écrit dans {args.export}",
            )
        )
    elif args.import_ is not None:
        project.rulebook = rulebook_from_toml(args.import_)
        _save(project, args.file, args)
        print(
            _say(
                f"imported the rulebook from {args.import_}",
                f"règlement importé de {args.import_}",
            )
        )
    else:
        sys.stdout.write(format_rulebook_text(project.rulebook, message_language()))
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    from mixplan.report import write_report

    _refuse_project_as_output(args.output, args.file)
    project = _open(args.file)
    try:
        for name in args.scenarios or ():
            project.scenario(name)
    except MixplanError as exc:
        raise MixplanError(str(exc), args.file) from None
    beside = write_report(
        project, args.output, lang=args.lang, scenarios=args.scenarios, source=args.file
    )
    print(
        _say(f"wrote the report to {args.output}", f"rapport écrit dans {args.output}")
    )
    for path in beside:
        # The report's tables are summaries: say where the full lists went.
        print(
            _say(f"wrote the full list to {path}", f"liste complète écrite dans {path}")
        )
    return EXIT_OK


def _cmd_compare(args: argparse.Namespace) -> int:
    from mixplan.engine.evaluator import Evaluator
    from mixplan.report.comparison import (
        comparison_csv,
        comparison_tables,
        comparison_xlsx,
    )
    from mixplan.store.atomic import write_bytes_atomic

    _refuse_project_as_output(args.output, args.file)
    fmt = args.output.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise MixplanError("unknown comparison format (use .csv or .xlsx)", args.output)
    project = _open(args.file)
    names = [
        project.baseline.name,
        *(args.scenarios or (s.name for s in project.scenarios)),
    ]
    names = list(dict.fromkeys(names))
    try:
        for name in names:
            project.scenario(name)
    except MixplanError as exc:
        raise MixplanError(str(exc), args.file) from None
    evaluator = Evaluator(project)
    evaluations = {name: evaluator.evaluate(name) for name in names}
    tables = comparison_tables(evaluations, names, lang=args.lang)
    data = comparison_csv(tables) if fmt == "csv" else comparison_xlsx(tables)
    write_bytes_atomic(args.output, data)
    print(
        _say(
            f"wrote the comparison of {len(names)} scenarios to {args.output}",
            f"comparaison de {len(names)} scénarios écrite dans {args.output}",
        )
    )
    return EXIT_OK


def _cmd_suggest(args: argparse.Namespace) -> int:
    from mixplan.engine.suggest import OPTIONS, suggest

    def listed(text: str | None) -> list[str]:
        return [t.strip() for t in (text or "").split(",") if t.strip()]

    if args.pareto is not None:
        return _suggest_pareto(args)
    if args.name is None:
        raise MixplanError(
            "--name NEW is required (the new scenario's name)", args.file
        )
    project = _open(args.file)
    if not (args.time_limit > 0):
        raise MixplanError(
            "--time-limit must be a positive number of seconds", args.file
        )
    try:
        result = suggest(
            project,
            args.source,
            args.name,
            args.objective,
            allowed=listed(args.allow) if args.allow else OPTIONS,
            frozen=listed(args.freeze),
            time_limit=args.time_limit,
        )
    except MixplanError as exc:
        raise MixplanError(str(exc), args.file) from None
    result.command.apply(project)
    _save(project, args.file, args)
    if args.json:
        _print_json(result.to_json())
        return EXIT_OK
    status = (
        "optimal"
        if result.status == "optimal"
        else f"time limit reached: best found, within {result.gap:.2%} of the optimum"
    )
    value = f"{args.objective} = {result.value:,.1f}"
    print(f"wrote scenario {result.name!r}: {value} ({status})")
    french = message_language() == "fr"
    limited = _say("limited by", "limité par")
    for b in result.binding:
        colon = " :" if french else ":"
        print(f"  {limited} {b.rule}{colon} {b.message_fr if french else b.message}")
    for c in result.changes:
        print(f"  {c.message_fr if french else c.message}")
    return EXIT_OK


def _suggest_pareto(args: argparse.Namespace) -> int:
    from mixplan.engine.suggest import OPTIONS
    from mixplan.engine.suggest_pareto import VERSUS, pareto

    project = _open(args.file)
    allowed = [t.strip() for t in (args.allow or "").split(",") if t.strip()]
    frozen = [t.strip() for t in (args.freeze or "").split(",") if t.strip()]
    if not (args.time_limit > 0):
        raise MixplanError(
            "--time-limit must be a positive number of seconds", args.file
        )
    try:
        front = pareto(
            project,
            args.source,
            args.pareto,
            args.objective,
            args.points,
            allowed=allowed or OPTIONS,
            frozen=frozen,
            time_limit=args.time_limit,
        )
    except MixplanError as exc:
        raise MixplanError(str(exc), args.file) from None
    if args.json:
        _print_json(front.to_json())
        return EXIT_OK
    label, _, unit = VERSUS[args.pareto]
    print(f"{args.objective} against {label} ({unit}), {len(front.points)} points:")
    for point in front.points:
        print(
            f"  {label} {point.other:>10,.2f}   {args.objective} {point.value:>12,.1f}"
        )
    return EXIT_OK


def _cmd_gui(path: Path | None) -> int:
    from mixplan.ui.app import run

    return run(path)


_COMMANDS = {
    "demo": _cmd_demo,
    "new": _cmd_new,
    "scenario": _cmd_scenario,
    "import": _cmd_import,
    "export": _cmd_export,
    "info": _cmd_info,
    "check": _cmd_check,
    "phasing": _cmd_phasing,
    "rules": _cmd_rules,
    "report": _cmd_report,
    "compare": _cmd_compare,
    "suggest": _cmd_suggest,
}


def _command(name: str) -> Any:
    from mixplan.cli_balance import COMMANDS as FINANCE

    return _COMMANDS.get(name) or FINANCE[name]


def _log_details_to_file() -> None:
    """Details behind a one-line message (a library's full text) go to the log."""
    import tempfile

    logger = logging.getLogger("mixplan")
    if any(getattr(h, "_mixplan_cli", False) for h in logger.handlers):
        return
    handler = logging.FileHandler(
        Path(tempfile.gettempdir()) / "mixplan-error.log", encoding="utf-8", delay=True
    )
    handler._mixplan_cli = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(min(logger.level or logging.INFO, logging.INFO))


def _log_internal_error() -> str:
    import tempfile
    import traceback

    log = Path(tempfile.gettempdir()) / "mixplan-error.log"
    try:
        with log.open("a", encoding="utf-8") as fh:
            traceback.print_exc(file=fh)
    except OSError:
        return "(no log written)"
    return str(log)


def _as_open_command(argv: Sequence[str]) -> list[str]:
    """``mixplan FILE.gpkg`` means ``mixplan open FILE.gpkg``.

    That is what a double-click, "Open with" or a drop on the app icon runs: the
    file alone. Only a single existing ``.gpkg`` path is taken so, never a command.
    """
    if (
        len(argv) == 1
        and argv[0].lower().endswith(".gpkg")
        and argv[0] not in _COMMANDS
        and Path(argv[0]).is_file()
    ):
        return ["open", argv[0]]
    return list(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    args = _parser().parse_args(_as_open_command(argv))
    stated = any(a == "--lang" or a.startswith("--lang=") for a in argv)
    before = message_language()
    set_message_language(cli_language(getattr(args, "lang", None) if stated else None))
    try:
        return _main(args)
    finally:
        set_message_language(before)  # main() is also called in-process (tests)


def _main(args: argparse.Namespace) -> int:
    if args.command not in (None, "open"):
        _log_details_to_file()
    with warnings.catch_warnings(record=True) as caught:
        # Library warnings (shapely, pyogrio, pyproj) never come before our one
        # line; what matters to the user is in the import report already.
        warnings.simplefilter("always")
        code = _run(args)
    for warning in caught:
        logging.getLogger("mixplan.cli").info("warning: %s", warning.message)
    return code


def _say(english: str, french: str) -> str:
    """The CLI's own words in the chosen language."""
    return french if message_language() == "fr" else english


def _count(value: float) -> str:
    """``1,234`` in English, ``1 234`` in French (narrow no-break space)."""
    text = f"{value:,.0f}"
    return text.replace(",", "\u202f") if message_language() == "fr" else text


def _q(name: str) -> str:
    """A name quoted the language's way: 'Plan B' or « Plan B »."""
    return f"«\u202f{name}\u202f»" if message_language() == "fr" else repr(name)


def cli_language(stated: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The language of the CLI's texts and messages: ``--lang``, else the locale.

    As gettext reads it: the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is
    set; French when it starts with ``fr``, English otherwise.

    Examples
    --------
    >>> cli_language(None, {"LANG": "fr_FR.UTF-8"}), cli_language("en", {"LANG": "fr"})
    ('fr', 'en')
    >>> cli_language(None, {"LC_ALL": "C", "LANG": "fr_FR.UTF-8"})
    'en'
    """
    if stated in ("fr", "en"):
        return stated
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def _run(args: argparse.Namespace) -> int:
    try:
        if args.self_test:
            from mixplan.selftest import run_self_test

            return run_self_test()
        if args.command is None:
            return _cmd_gui(None)
        if args.command == "open":
            return _cmd_gui(args.file)
        return _command(args.command)(args)
    except MixplanError as exc:
        where = exc.path or str(getattr(args, "file", "") or "mixplan")
        # One line, whatever a library said (French narrow spaces kept).
        message = re.sub(r"[ \t\r\n]+", " ", str(exc)).strip()
        sys.stderr.write(f"mixplan: {where}: {message}\n")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        sys.stderr.write("mixplan: interrupted\n")
        return 130
    except Exception as exc:  # noqa: BLE001 - last line of defence, never a traceback
        log = _log_internal_error()
        text = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
        sys.stderr.write(f"mixplan: internal error ({text}); details in {log}\n")
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
