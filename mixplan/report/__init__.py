"""The council report: a multi-page, vector PDF of a project's scenarios.

``write_report(project, path, lang="fr", scenarios=None)`` evaluates the
scenarios with the engine and writes, atomically, a PDF with a cover, a summary
of the scenarios against the baseline with pass/fail of the key rules and a
verdict each, the pages of each scenario (site plan to scale, massing, stacking,
productive balance, indicators, findings), comparison charts, and an annex
(rulebook in force, use classes). No Qt: reportlab lays it out, every drawing is
reportlab vector graphics, text is set in DejaVu Sans (embedded) and stays
searchable.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from mixplan.model import Project, Scenario
from mixplan.model.errors import MixplanError
from mixplan.model.report_options import ReportOptions

__all__ = ["LANGUAGES", "report_title", "write_report"]

LANGUAGES: tuple[str, ...] = ("fr", "en")


#: Names a project gets before anyone names it (File ▸ New).
UNNAMED: frozenset[str] = frozenset({"", "untitled", "sans titre", "sans nom"})


def report_title(project: Project, source: str | Path | None = None) -> str:
    """The name the report gives the project: its own, else its file's.

    Examples
    --------
    >>> report_title(Project.new("Untitled"), "Parc de Malan.mixplan.gpkg")
    'Parc de Malan'
    >>> report_title(Project.new("ZA des Cassagnettes"), "x.gpkg")
    'ZA des Cassagnettes'
    """
    name = project.name.strip()
    if name.casefold() not in UNNAMED:
        return name
    if source is not None:
        stem = Path(source).name
        for ending in (".gpkg", ".mixplan"):
            stem = stem.removesuffix(ending)
        if stem.strip():
            return stem.strip()
    return "mixplan"


def _cover_logo(logo: str, target: Path) -> Any:
    """The cover's logo, read once and sized (None for none).

    At most 180 × 60 pt, its proportions kept, set on the left.
    """
    if not logo:
        return None
    path = Path(logo)
    if not path.is_file():
        raise MixplanError(f"the report logo {path} is missing", target)
    if path.stat().st_size > 20 * 1024 * 1024:
        raise MixplanError(f"the report logo {path.name} is over 20 MB", target)
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    try:
        width, height = ImageReader(str(path)).getSize()
    except Exception:  # noqa: BLE001 - PIL raises many kinds on a bad image
        raise MixplanError(
            f"the report logo {path.name} is not a PNG or JPEG image", target
        ) from None
    if width <= 0 or height <= 0:
        raise MixplanError(f"the report logo {path.name} has no pixels", target)
    scale = min(180.0 / width, 60.0 / height)
    image = Image(str(path), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image


def _basemaps(project: Project) -> tuple[Any, ...]:
    """The visible base-map images, placed in the project's CRS.

    One that cannot be read now (moved, damaged) is left out of the plans rather
    than failing the report: the plans stay right without it.
    """
    from dataclasses import replace

    from mixplan.report.plan import BaseMap
    from mixplan.store.basemap import read_georeference

    placed = []
    for layer in project.context_layers:
        if layer.kind != "image" or not layer.visible:
            continue
        try:
            georef = read_georeference(layer.source)
            if georef.assumed_crs and layer.crs:
                georef = replace(georef, crs=layer.crs)
            corners = georef.corners_in(project.crs)
        except MixplanError:
            continue
        placed.append(BaseMap(layer.source, tuple(corners), layer.opacity))
    return tuple(placed)


def write_report(
    project: Project,
    path: str | Path,
    lang: str = "fr",
    scenarios: Sequence[str] | None = None,
    *,
    author: str | None = None,
    today: _dt.date | None = None,
    progress: Callable[[str], None] | None = None,
    options: ReportOptions | None = None,
    source: str | Path | None = None,
    apart: bool = False,
) -> list[Path]:
    """Write the council report of ``project`` to ``path`` (PDF, atomically).

    Parameters
    ----------
    project
        The project; its first scenario is the baseline every other is
        compared with.
    path
        The PDF to write; a failure leaves any existing file untouched. When a
        findings table leaves findings out (at most
        :data:`~mixplan.report.scenario_pages.MAX_FINDINGS_PER_RULE` per rule),
        every finding of the scenarios covered is also written beside it, to
        ``NAME.findings.csv`` (:mod:`mixplan.report.lists`), and the table
        says so. Likewise, when a balance page names only some of the buildings
        demolished or converted, every building the balances count is written
        to ``NAME.balance.csv``.
    lang
        ``"fr"`` (French typography) or ``"en"``.
    scenarios
        Names of the scenarios covered, in any order (the report follows the
        project's order); ``None`` covers them all. The baseline is always the
        reference column of the summary, and has its own pages when covered.
    author
        Shown on the cover; defaults to the project's author (none shown when
        the project has none: never the computer's login name).
    today
        The date on the cover and in the running header; defaults to today.
    progress
        Called with a short stage name as the report advances (for a GUI).
    options
        Logo, parts, labels and scenario order; the project's own
        (``project.report_options``) when not given. ``scenarios``, when given,
        overrides the options' scenarios.
    source
        The project file: its name titles the report of a project that has no
        name of its own (never "Untitled").
    apart
        Written by a child process (the same files), for the editor: a
        10,000-building report is seconds of Python (the evaluation, the
        layout), and in a thread of the editor it competed with the window for
        the GIL: each time the window's thread came back from Qt it waited for
        the report's thread to let go (up to the interpreter's switch interval,
        5 ms, per callback), so a repaint froze up to 0.1 s. The child inherits
        the project when forked (Linux) or gets it pickled; reportlab is
        imported there, not in the editor. Its stages, its result and its
        refusals come back; any other failure comes back as one line naming
        the file.

    Returns
    -------
    list of Path
        The files written beside the PDF (the full lists above), in that
        order; empty when the report left nothing out.

    Raises
    ------
    MixplanError
        An unknown language or scenario, or a file that cannot be written; the
        message names the file.
    """
    from mixplan.gc_pause import collector_paused

    target = Path(path)
    if apart:
        from mixplan.store.sandbox import run_apart

        arguments = {
            "project": project,
            "path": target,
            "lang": lang,
            "scenarios": scenarios,
            "author": author,
            "today": today,
            "options": options,
            "source": source,
        }
        return run_apart(
            _write_reporting,
            arguments,
            source=target,
            what="the report",
            progress=progress,
            doing="write",
        )
    if lang not in LANGUAGES:
        raise MixplanError(f"unknown report language {lang!r} (use fr or en)", target)
    wanted = list(dict.fromkeys(scenarios)) if scenarios else None
    try:
        if wanted is not None:
            for name in wanted:
                project.scenario(name)
        baseline = project.baseline
    except MixplanError as exc:
        raise MixplanError(str(exc), target) from None
    names = [s.name for s in project.scenarios if wanted is None or s.name in wanted]
    options = options if options is not None else project.report_options
    if wanted is None:
        names = options.ordered(names) or names
    logo = _cover_logo(options.logo, target)

    def step(stage: str) -> None:
        if progress is not None:
            progress(stage)

    # A report allocates hundreds of thousands of small objects (facts,
    # findings, drawings, table cells), nearly all acyclic: without the pause,
    # generation-2 passes over the whole heap took a quarter of a
    # 10,000-building report.
    with collector_paused():
        return _write(
            project,
            target,
            lang,
            names,
            baseline,
            options,
            logo,
            step,
            author,
            today,
            source,
        )


def _write_reporting(
    arguments: dict[str, Any], stage: Callable[[str], None] | None = None
) -> list[Path]:
    """:func:`write_report` with its stages told to ``stage`` (in the child)."""
    return write_report(**arguments, progress=stage)


def _write(
    project: Project,
    target: Path,
    lang: str,
    names: list[str],
    baseline: Scenario,
    options: ReportOptions,
    logo: Any,
    step: Callable[[str], None],
    author: str | None,
    today: _dt.date | None,
    source: str | Path | None,
) -> list[Path]:
    """:func:`write_report` once its arguments are checked."""
    from mixplan import __version__
    from mixplan.engine import Evaluator
    from mixplan.engine.balance import balance_of
    from mixplan.engine.rules import rule_name
    from mixplan.report.annex import annex
    from mixplan.report.context import ReportContext
    from mixplan.report.document import PageMeta, render_pdf, styles
    from mixplan.report.finance_pages import (
        assumptions_annex,
        balance_comparison,
        balance_page,
    )
    from mixplan.report.lists import (
        BALANCE_COLUMNS,
        balance_csv_path,
        balance_rows,
        findings_csv_path,
        findings_csv_written,
        findings_lines,
        write_csv,
    )
    from mixplan.report.phasing_page import phasing_pages
    from mixplan.report.scenario_pages import scenario_pages
    from mixplan.report.sections import comparison, cover, summary
    from mixplan.report.texts import text
    from mixplan.report.typography import format_date
    from mixplan.store.atomic import write_with

    step("evaluate")
    evaluator = Evaluator(project)
    evaluations = {baseline.name: evaluator.evaluate(baseline.name)}
    for name in names:
        evaluations[name] = evaluator.evaluate(name)
    day = today or _dt.date.today()
    ctx = ReportContext(
        project,
        lang,
        names,
        evaluations,
        styles(),
        day,
        author if author is not None else project.author,
        __version__,
        options,
        title=report_title(project, source),
        evaluator=evaluator,
        findings_file=findings_csv_path(target).name,
        balance_file=balance_csv_path(target).name,
    )
    ctx.logo = logo
    if options.basemaps:
        ctx.basemaps = _basemaps(project)
    step("balance")
    balances = {
        name: balance_of(project, name, evaluator=evaluator)
        for name in names
        if name != baseline.name
    }
    step("cover")
    story = cover(ctx)
    if options.includes("summary"):
        story += summary(ctx)
    for name in names:
        step(name)
        if options.includes("scenarios"):
            story += scenario_pages(ctx, name)
        if name in balances and options.includes("balance"):
            story += balance_page(ctx, balances[name])
        story += phasing_pages(ctx, name)
    step("comparison")
    if options.includes("comparison"):
        story += comparison(ctx)
    if options.includes("balance"):
        story += balance_comparison(ctx, balances)
    if options.includes("annex"):
        story += annex(ctx)
        story += assumptions_annex(ctx, project.assumptions)
    meta = PageMeta(
        ctx.title,
        format_date(day, lang),
        lang,
        f"{ctx.title} — {text(lang, 'title')}",
        ctx.author,
        __version__,
    )
    # The story holds what the pages show: the evaluator's per-building state
    # (facts, spatial indexes: ~60 MB at 10,000 buildings) is not read again.
    ctx.release_evaluator()
    del evaluator
    listing: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    beside: list[Path] = []
    if ctx.summarised:
        # The findings tables are summaries: the full list goes beside the PDF.
        # Written before the pages are laid out, each evaluation let go once
        # its findings are: the layout then takes the evaluations' memory, not
        # more (five scenarios of 10,000 buildings: ~20 MB less at the peak).
        # Put beside the PDF once the PDF is written.
        step("findings")
        listed = {name: evaluations.pop(name) for name in names}
        evaluations.clear()

        def lines() -> Iterator[str]:
            for name in names:
                findings = listed.pop(name).findings
                yield from findings_lines(
                    project.scenario(name),
                    findings,
                    lang,
                    lambda rule: rule_name(rule, lang),
                )
                del findings

        listing = findings_csv_written(findings_csv_path(target), lines())
        beside.append(findings_csv_path(target))
    with listing:
        step("layout")
        try:
            write_with(target, lambda tmp: render_pdf(story, tmp, meta))
        except OSError as exc:
            raise MixplanError(
                f"cannot write the report ({exc.strerror or exc})", target
            ) from None
    # The PDF is written: its pages (tables, figures' operators) are let go
    # before the balances' list is written.
    story.clear()
    if ctx.balance_summarised:
        # A balance page names some of its buildings: all of them go beside.
        write_csv(
            balance_csv_path(target),
            BALANCE_COLUMNS,
            (
                row
                for name in names
                if name in balances
                for row in balance_rows(balances[name], baseline)
            ),
            "the list of the balances' buildings",
        )
        beside.append(balance_csv_path(target))
    return beside
