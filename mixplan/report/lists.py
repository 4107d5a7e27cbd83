"""The full lists a report summarises, in a CSV file beside the PDF.

A large project has tens of thousands of findings: the report shows at most
``MAX_FINDINGS_PER_RULE`` of each rule, says how many it leaves out, and the
file ``NAME.findings.csv`` written beside ``NAME.pdf`` holds every finding of
every scenario covered (the baseline's too, when it is covered), in the order
of the report's tables: by scenario, then severity, then rule.

Likewise the balance page names at most ``MAX_LISTED_BUILDINGS`` buildings
demolished or converted, and ``NAME.balance.csv`` lists every building each
scenario's financial balance counts.

Both files are UTF-8 with a byte-order mark, comma-separated, with a point as
decimal mark and CRLF line ends (as ``mixplan export --csv``). Columns::

    scenario, rule, rule_name, severity, message, buildings, building_names,
    measured, limit, source

``message``, ``rule_name`` and ``source`` are in the report's language;
``severity`` is the engine's code (``error``, ``warning``, ``info``);
``buildings`` are the targets (``id`` or ``id#level position``, ``site``),
separated by ``;``, and ``building_names`` their buildings' names in the same
order (empty for the site or a building the scenario does not hold).

The balance file's columns::

    scenario, building_id, building_name, change, origin, built_sdp_m2,
    converted_sdp_m2, revenue_eur, construction_eur, charge_fonciere_eur

``change`` is ``demolished`` or ``existing_converted`` for a baseline building
(a storey of it changes use; no figures: they are in the sheets' totals), else
the kind of the scenario building that adds floor area (``new``, ``rebuilt``,
``raised``, ``converted``, ``raised_converted``) with its developer's figures.
"""

from __future__ import annotations

import contextlib
import csv
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from mixplan.engine.balance_sheets import Balance
from mixplan.engine.finding_records import FindingBlock
from mixplan.engine.findings import Finding
from mixplan.model import Scenario
from mixplan.model.errors import MixplanError

__all__ = [
    "BALANCE_COLUMNS",
    "FINDINGS_COLUMNS",
    "MAX_LISTED_BUILDINGS",
    "balance_csv_path",
    "balance_rows",
    "csv_field",
    "findings_csv_path",
    "findings_csv_written",
    "findings_lines",
    "ordered_findings",
    "write_csv",
    "write_findings_csv",
]

#: Buildings named in a line of the balance page before the rest are counted.
MAX_LISTED_BUILDINGS = 30

BALANCE_COLUMNS: tuple[str, ...] = (
    "scenario",
    "building_id",
    "building_name",
    "change",
    "origin",
    "built_sdp_m2",
    "converted_sdp_m2",
    "revenue_eur",
    "construction_eur",
    "charge_fonciere_eur",
)

FINDINGS_COLUMNS: tuple[str, ...] = (
    "scenario",
    "rule",
    "rule_name",
    "severity",
    "message",
    "buildings",
    "building_names",
    "measured",
    "limit",
    "source",
)


def findings_csv_path(pdf: str | Path) -> Path:
    """The findings file beside a report: ``NAME.pdf`` → ``NAME.findings.csv``.

    Examples
    --------
    >>> findings_csv_path("/tmp/Parc Nord.pdf").name
    'Parc Nord.findings.csv'
    """
    path = Path(pdf)
    return path.with_name(f"{path.stem}.findings.csv")


def balance_csv_path(pdf: str | Path) -> Path:
    """The balance file beside a report: ``NAME.pdf`` → ``NAME.balance.csv``."""
    path = Path(pdf)
    return path.with_name(f"{path.stem}.balance.csv")


def balance_rows(balance: Balance, baseline: Scenario) -> Iterator[list[object]]:
    """The CSV rows of one scenario's balance: baseline buildings, then new ones."""
    for change, ids in (
        ("demolished", balance.demolished),
        ("existing_converted", balance.converted),
    ):
        for bid in ids:
            building = baseline.buildings.get(bid)
            name = building.name if building is not None else ""
            yield [balance.scenario, bid, name, change, "", "", "", "", "", ""]
    for b in balance.buildings:
        yield [
            balance.scenario,
            b.building_id,
            b.name,
            b.kind,
            b.origin or "",
            round(math.fsum(b.built_sdp_by_use.values()), 2),
            round(math.fsum(b.converted_sdp_by_use.values()), 2),
            round(b.developer.revenue, 2),
            round(b.developer.construction, 2),
            round(b.developer.charge_fonciere, 2),
        ]


def ordered_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Findings in the report's order: errors, warnings, infos; then by rule."""
    from mixplan.report.runs import ordered_runs

    return [f for run in ordered_runs(findings) for f in run.findings]


def csv_field(value: str) -> str:
    """``value`` as :func:`csv.writer` writes a text field here (minimal quoting).

    Quoted when it holds a comma, a double quote or a line end; a double quote
    inside is doubled. (The findings file is written line by line with this,
    three times faster than through :mod:`csv` for a hundred thousand rows:
    the fields that repeat, rule and source, are quoted once.)

    Examples
    --------
    >>> print(csv_field("b1;b2"), csv_field("12,1 m"), csv_field('la "zone" Ux'))
    b1;b2 "12,1 m" "la ""zone"" Ux"
    """
    if '"' in value:
        return '"' + value.replace('"', '""') + '"'
    if "," in value or "\n" in value or "\r" in value:
        return '"' + value + '"'
    return value


def _csv_number(value: float | None) -> str:
    """A measured value or limit as :func:`csv.writer` writes it ("" for none)."""
    return "" if value is None else str(value)


def findings_lines(
    scenario: Scenario,
    findings: Sequence[Finding],
    lang: str,
    rule_name: Callable[[str], str],
) -> Iterator[str]:
    """The CSV lines of one scenario's findings (without the header), one by one.

    Each line ends with CRLF; its fields are :data:`FINDINGS_COLUMNS`.

    Parameters
    ----------
    scenario
        The scenario the findings are about (its buildings' names).
    findings
        Its findings, in any order: they are written in the report's order.
    lang
        ``"fr"`` or ``"en"``: the language of messages, rule names and sources.
    rule_name
        The rule's name in ``lang``, from its id.
    """
    from mixplan.engine.rule_reference import source_text
    from mixplan.report.runs import ordered_runs

    buildings = scenario.buildings
    french = lang == "fr"
    quoted_scenario = csv_field(scenario.name)
    heads: dict[tuple[str, str], str] = {}
    sources: dict[str, str] = {}
    # a building id -> its name as a field (kept by building, not by target: a
    # level's target is made for its row and let go)
    names: dict[str, str] = {}

    def name_of(target: str) -> str:
        bid = target.partition("#")[0]
        name = names.get(bid)
        if name is None:
            building = buildings.get(bid)
            name = names[bid] = building.name if building is not None else ""
        return name

    def source_of(source: str) -> str:
        field = sources.get(source)
        if field is None:
            field = sources[source] = csv_field(source_text(source, lang))
        return field

    for run in ordered_runs(findings):
        head = heads.get((run.rule, run.severity))
        if head is None:
            head = heads[run.rule, run.severity] = ",".join(
                (quoted_scenario, csv_field(run.rule), csv_field(rule_name(run.rule)))
                + (csv_field(run.severity),)
            )
        found = run.findings
        if not isinstance(found, FindingBlock):
            for f in found:
                english, in_french = f.worded()
                message = (in_french or english) if french else english
                yield _line(
                    head, f.targets, name_of, message,
                    _csv_number(f.measured), _csv_number(f.limit),
                    source_of(f.source),
                )  # fmt: skip
            continue
        # A block: its rows read column by column (no finding made), worded in
        # the report's language only; its source is the same for every row.
        source = source_of(found.source)
        for targets, measured, limit, message in found.rows(lang):
            if len(targets) == 1:
                ids = targets[0]
                who = name_of(ids)
            else:
                ids = ";".join(targets)
                who = ";".join([name_of(target) for target in targets])
            yield (
                f"{head},{csv_field(message)},{csv_field(ids)},{csv_field(who)},"
                f"{'' if measured is None else measured},"
                f"{'' if limit is None else limit},{source}\r\n"
            )


def _line(
    head: str,
    targets: tuple[str, ...],
    name_of: Callable[[str], str],
    message: str,
    measured: str,
    limit: str,
    source: str,
) -> str:
    """One line of the findings file, from its fields (``head`` for the first four)."""
    ids = ";".join(targets)
    who = ";".join([name_of(target) for target in targets])
    return (
        f"{head},{csv_field(message)},{csv_field(ids)},{csv_field(who)},"
        f"{measured},{limit},{source}\r\n"
    )


def write_findings_csv(path: str | Path, lines: Iterable[str]) -> None:
    """Write the findings file: its header, then ``lines`` (:func:`findings_lines`).

    UTF-8 with a BOM, atomically, streamed in chunks (none kept in memory).

    Raises
    ------
    MixplanError
        Naming the file, if it cannot be written.
    """
    with findings_csv_written(path, lines):
        pass


@contextlib.contextmanager
def findings_csv_written(path: str | Path, lines: Iterable[str]) -> Iterator[None]:
    """Write the findings file to a temporary file, put in place on leaving.

    As :func:`write_findings_csv`, the file put in place once the ``with``
    block ends, and not if an exception leaves it (the file already there is
    then untouched): the report writes its list before the PDF, while the
    findings are in memory and the pages not yet laid out, and puts the list
    beside the PDF only once the PDF is written.

    Raises
    ------
    MixplanError
        Naming the file, if it cannot be written.
    """
    from mixplan.store.atomic import atomic_target

    inside = False  # (an error of the block is the block's, not the list's)
    try:
        with atomic_target(path) as tmp:
            with tmp.open("w", encoding="utf-8-sig", newline="") as out:
                out.write(",".join(FINDINGS_COLUMNS) + "\r\n")
                chunk: list[str] = []
                for line in lines:
                    chunk.append(line)
                    if len(chunk) == 4096:
                        out.write("".join(chunk))
                        chunk.clear()
                out.write("".join(chunk))
            inside = True
            yield
            inside = False
    except OSError as exc:
        if inside:
            raise
        raise MixplanError(
            f"cannot write the list of findings ({exc.strerror or exc})", path
        ) from None


def write_csv(
    path: str | Path,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    what: str,
) -> None:
    """Write a list beside the report (UTF-8 with BOM), atomically, row by row.

    The rows are streamed to the file (a 10,000-building project has a
    hundred thousand findings): none is kept in memory.

    Raises
    ------
    MixplanError
        Naming the file, if it cannot be written (``what`` says which list).
    """
    from mixplan.store.atomic import atomic_target

    try:
        with (
            atomic_target(path) as tmp,
            tmp.open("w", encoding="utf-8-sig", newline="") as out,
        ):
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(columns)
            writer.writerows(rows)
    except OSError as exc:
        raise MixplanError(
            f"cannot write {what} ({exc.strerror or exc})", path
        ) from None
