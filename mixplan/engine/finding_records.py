"""Findings kept as compact records, made into :class:`Finding` values when read.

A 10,000-building park gives tens of thousands of findings of a few rules
(C13, C14, C15, C05...). Making a :class:`Finding` for each (rounding its
numbers, building its targets, wording it) was most of the rules' time, while
most of them are only counted and grouped. Here the findings of one rule at one
severity are a :class:`FindingBlock`: a count and functions of the row that
give its targets, its numbers and its message in either language; a row
becomes a :class:`Finding` only when read. :class:`FindingList` chains the
blocks (and plain lists of findings) of an evaluation into the one ordered
sequence every consumer reads (:attr:`Evaluation.findings
<mixplan.engine.findings.Evaluation.findings>`): ``len``, iteration, indexing
and slicing, equality with a list.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, chain, repeat
from operator import attrgetter
from typing import Any, SupportsFloat, overload

from mixplan.engine.findings import Finding, Severity

_TARGET = attrgetter("target")

__all__ = [
    "FindingBlock",
    "FindingList",
    "as_existing_state",
    "by_severity",
    "listing_block",
    "rules_of",
    "severities_of",
    "severity_count",
    "targets_of",
]

#: A number of each row: none, one for every row, a sequence (an array) of one
#: a row, or a function of the row.
Column = (
    None
    | float
    | Sequence[SupportsFloat | None]
    | Callable[[int], SupportsFloat | None]
)


def _clean(value: SupportsFloat | None) -> float | None:
    """A number as findings give it: rounded to 4 decimals (as ``make_finding``)."""
    return None if value is None else round(float(value), 4)


def _reader(column: Column) -> Callable[[int], SupportsFloat | None]:
    if column is None:
        return lambda row: None
    if isinstance(column, int | float):
        value = float(column)
        return lambda row: value
    if callable(column):
        return column
    return column.__getitem__


class FindingBlock(Sequence[Finding]):
    """The findings of one rule at one severity, as rows read on demand.

    Parameters
    ----------
    rule, severity, source
        As every finding of the block has them.
    count
        The number of findings (rows).
    targets
        ``targets(row)``: the row's targets (building ids, ``"id#position"``
        levels, ``"site"``).
    words
        ``words(row, lang)``: its message in English (``"en"``) or French
        (``"fr"``; empty when the rule has none).
    measured, limit
        Its numbers (see ``Column``), rounded to 4 decimals when read.

    Examples
    --------
    >>> heights = [40.5, 38.25]
    >>> block = FindingBlock(
    ...     "C03", "error", "PLU", 2, lambda r: (f"b{r}",),
    ...     lambda r, lang: f"b{r} est haut" if lang == "fr" else f"b{r} is high",
    ...     heights, 37.0)
    >>> len(block), block[1].message, block[1].measured, block[1].targets
    (2, 'b1 is high', 38.25, ('b1',))
    >>> block.message_in(0, "fr")
    'b0 est haut'
    """

    __slots__ = (
        "_count",
        "_limit",
        "_made",
        "_measured",
        "_targets",
        "_words",
        "rule",
        "severity",
        "source",
    )

    def __init__(
        self,
        rule: str,
        severity: Severity,
        source: str,
        count: int,
        targets: Callable[[int], tuple[str, ...]],
        words: Callable[[int, str], str],
        measured: Column = None,
        limit: Column = None,
    ) -> None:
        self.rule = rule
        self.severity: Severity = severity
        self.source = source
        self._count = count
        self._targets = targets
        self._words = words
        self._measured = _reader(measured)
        self._limit = _reader(limit)
        # Findings made by indexing, kept: a view reads the same rows again.
        self._made: dict[int, Finding] = {}

    def __len__(self) -> int:
        return self._count

    def targets(self, row: int) -> tuple[str, ...]:
        """The targets of one row, without making its finding."""
        return self._targets(row)

    def words(self, row: int) -> tuple[str, str]:
        """The English and French messages of one row, worded now, not kept."""
        words = self._words
        return words(row, "en"), words(row, "fr")

    def message_in(self, row: int, lang: str) -> str:
        """The message of one row in one language, worded now, not kept.

        French falls back on English when the rule has none (as the report
        shows a message); the other language is not worded.
        """
        if lang == "fr":
            return self._words(row, "fr") or self._words(row, "en")
        return self._words(row, "en")

    def rows(
        self, lang: str
    ) -> Iterator[tuple[tuple[str, ...], float | None, float | None, str]]:
        """Each row's targets, numbers and message in ``lang``, no finding made.

        For one pass over every row (the report's full list of findings, a
        hundred thousand rows): the values a finding of the row would have
        (its numbers rounded, its message as :meth:`message_in` words it),
        read column by column, without making, wording or keeping a finding.

        Examples
        --------
        >>> block = FindingBlock("C03", "error", "PLU", 2, lambda r: (f"b{r}",),
        ...     lambda r, lang: f"b{r} haut" if lang == "fr" else f"b{r} high",
        ...     [40.55556, 38.25], 37.0)
        >>> list(block.rows("fr"))
        [(('b0',), 40.5556, 37.0, 'b0 haut'), (('b1',), 38.25, 37.0, 'b1 haut')]
        """
        every = range(self._count)
        return zip(
            map(self._targets, every),
            map(_clean, map(self._measured, every)),
            map(_clean, map(self._limit, every)),
            map(self.message_in, every, repeat(lang)),
            strict=True,
        )

    def _make(self, row: int) -> Finding:
        return Finding(
            self.rule,
            self.severity,
            "",
            _clean(self._measured(row)),
            _clean(self._limit(row)),
            self._targets(row),
            self.source,
            "",
            words=(self.words, (row,)),
        )

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> list[Finding]: ...

    def __getitem__(self, index: int | slice) -> Finding | list[Finding]:
        if isinstance(index, slice):
            return [self[row] for row in range(*index.indices(self._count))]
        row = index + self._count if index < 0 else index
        if not 0 <= row < self._count:
            raise IndexError(index)
        found = self._made.get(row)
        if found is None:
            found = self._made[row] = self._make(row)
        return found

    def __iter__(self) -> Iterator[Finding]:
        # (One pass over every finding, as to_json: made, not kept.)
        made = self._made
        for row in range(self._count):
            found = made.get(row)
            yield found if found is not None else self._make(row)

    def with_severity(
        self, severity: Severity, words: Callable[[int, str], str]
    ) -> FindingBlock:
        """The same rows at another severity, worded by ``words``."""
        block = FindingBlock(
            self.rule, severity, self.source, self._count, self._targets, words
        )
        block._measured, block._limit = self._measured, self._limit
        return block


def listing_block(
    rule: str,
    severity: Severity,
    source: str,
    listed: Sequence[Sequence[Any]],
    words: tuple[str, str],
) -> FindingBlock:
    """One finding naming every distinct target of ``listed`` (groups of items).

    Its targets are the items' ``target`` without repeats, in order (a level
    with two uses is one level), listed when first read (an info on thousands
    of levels is counted, not spelled, until shown); ``measured`` is their
    number; ``words`` its English and French messages, where ``{count}``
    stands for that number.

    Examples
    --------
    >>> from types import SimpleNamespace as Item
    >>> block = listing_block("C13", "info", "", [(Item(target="a#0"),),
    ...     (Item(target="b#1"), Item(target="b#1"), Item(target="b#2"))],
    ...     ("{count} levels", "{count} niveaux"))
    >>> len(block), block[0].targets, block[0].measured, block[0].message_fr
    (1, ('a#0', 'b#1', 'b#2'), 3.0, '3 niveaux')
    """
    known: list[tuple[str, ...]] = []

    def targets(row: int) -> tuple[str, ...]:
        if not known:
            every = map(_TARGET, chain.from_iterable(listed))
            known.append(tuple(dict.fromkeys(every)))
        return known[0]

    def worded(row: int, lang: str) -> str:
        return words[lang == "fr"].format(count=len(targets(row)))

    return FindingBlock(
        rule, severity, source, 1, targets, worded,
        lambda row: float(len(targets(row))),
    )  # fmt: skip


#: How the baseline's errors begin, by language (DESIGN §9).
_EXISTING_STATE = {"en": "Existing state: ", "fr": "État existant : "}


def _existing_state_words(words: tuple[str, str]) -> tuple[str, str]:
    en, fr = words
    return "Existing state: " + en, "État existant : " + fr if fr else ""


def as_existing_state(findings: Sequence[Finding]) -> Sequence[Finding]:
    """Errors of the baseline as warnings "Existing state: …" (DESIGN §9).

    The baseline is what is there, not a proposal: ``mixplan check`` fails only
    on proposals. A block is changed whole, without reading its rows.
    """
    if isinstance(findings, FindingBlock):
        if findings.severity != "error":
            return findings
        words = findings._words

        def existing(row: int, lang: str) -> str:
            text = words(row, lang)
            return _EXISTING_STATE[lang] + text if text or lang == "en" else ""

        return findings.with_severity("warning", existing)
    return [
        f
        if f.severity != "error"
        else Finding(
            f.rule,
            "warning",
            measured=f.measured,
            limit=f.limit,
            targets=f.targets,
            source=f.source,
            words=(_existing_state_worded, (f,)),
        )
        for f in findings
    ]


def _existing_state_worded(finding: Finding) -> tuple[str, str]:
    return _existing_state_words((finding.message, finding.message_fr))


class FindingList(Sequence[Finding]):
    """The findings of an evaluation in order: blocks and lists, one after another.

    Behaves as the list of its findings (``len``, iteration, indexing, slices,
    ``==`` with a list); :meth:`parts` gives the blocks themselves to whoever
    counts or groups without reading every finding.

    Examples
    --------
    >>> a = Finding("C02", "error", "too much")
    >>> block = FindingBlock("C03", "error", "", 2, lambda r: (f"b{r}",),
    ...                      lambda r, lang: "high")
    >>> found = FindingList([[a], block])
    >>> len(found), found[2].targets, found[-3] == a, found == list(found)
    (3, ('b1',), True, True)
    """

    __slots__ = ("_ends", "_parts")

    _parts: list[Sequence[Finding]]
    _ends: list[int]

    def __init__(self, parts: Iterable[Sequence[Finding]] = ()) -> None:
        flat: list[Sequence[Finding]] = []
        for part in parts:
            if isinstance(part, FindingList):
                flat.extend(part._parts)
            elif len(part):
                flat.append(part)
        self._parts = flat
        self._ends = list(accumulate(map(len, flat)))

    def parts(self) -> list[Sequence[Finding]]:
        """The blocks and lists, in order (a block's rows share rule and severity)."""
        return list(self._parts)

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> list[Finding]: ...

    def __getitem__(self, index: int | slice) -> Finding | list[Finding]:
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self)))]
        position = index + len(self) if index < 0 else index
        if not 0 <= position < len(self):
            raise IndexError(index)
        part = bisect_right(self._ends, position)
        start = self._ends[part - 1] if part else 0
        return self._parts[part][position - start]

    def __iter__(self) -> Iterator[Finding]:
        for part in self._parts:
            yield from part

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FindingList | list | tuple):
            return NotImplemented
        return len(self) == len(other) and all(
            a == b for a, b in zip(self, other, strict=True)
        )

    __hash__ = None  # type: ignore[assignment]  # (as a list: mutable-looking)

    def __repr__(self) -> str:
        return repr(list(self))

    def __reduce__(self) -> tuple[Any, ...]:
        # Rows are functions of the evaluation: a pickle holds the findings.
        return (FindingList, ([list(self)],))


def by_severity(findings: Sequence[Finding], severity: Severity) -> list[Finding]:
    """The findings of one severity, in order; blocks of another are not read."""
    if isinstance(findings, FindingList):
        out: list[Finding] = []
        for part in findings.parts():
            if isinstance(part, FindingBlock):
                if part.severity == severity:
                    out.extend(part)
            else:
                out.extend(f for f in part if f.severity == severity)
        return out
    return [f for f in findings if f.severity == severity]


def _parts(findings: Sequence[Finding]) -> list[Sequence[Finding]]:
    return findings.parts() if isinstance(findings, FindingList) else [findings]


def severity_count(findings: Sequence[Finding], severity: Severity) -> int:
    """How many findings have that severity; a block's rows are not read.

    Examples
    --------
    >>> block = FindingBlock("C14", "error", "", 4, lambda r: (), lambda r, lang: "")
    >>> severity_count(FindingList([block, [Finding("C02", "error", "")]]), "error")
    5
    """
    count = 0
    for part in _parts(findings):
        if isinstance(part, FindingBlock):
            count += len(part) if part.severity == severity else 0
        else:
            count += sum(f.severity == severity for f in part)
    return count


def rules_of(findings: Sequence[Finding]) -> list[str]:
    """The rule of each finding, in order, no finding made."""
    return _each(findings, "rule")


def severities_of(findings: Sequence[Finding]) -> list[Severity]:
    """The severity of each finding, in order, no finding made."""
    return _each(findings, "severity")


def _each(findings: Sequence[Finding], field: str) -> list[Any]:
    """A field every finding of a block shares (rule, severity), of each finding."""
    out: list[Any] = []
    for part in _parts(findings):
        if isinstance(part, FindingBlock):
            out.extend(repeat(getattr(part, field), len(part)))
        else:
            out.extend(map(attrgetter(field), part))
    return out


def targets_of(
    findings: Sequence[Finding], severity: Severity | None = None
) -> list[tuple[str, ...]]:
    """The targets of each finding (of one ``severity``), in order, no finding made.

    For whoever groups or counts findings by building: a block gives its
    rows' targets without rounding or wording anything.
    """
    out: list[tuple[str, ...]] = []
    for part in _parts(findings):
        if isinstance(part, FindingBlock):
            if severity is None or part.severity == severity:
                out.extend(map(part.targets, range(len(part))))
        else:
            out.extend(
                f.targets for f in part if severity is None or f.severity == severity
            )
    return out
