"""Financial assumptions of the balance sheets (DESIGN §17): sourced, editable.

Every assumption is a value with its unit, the document it comes from, the year
of that figure and a status (S sourced, M from memory of a primary text, I
inference or estimate), like the rulebook. Prices, construction costs and
acquisition prices are given per use family (``housing``, ``productive``,
``tertiary``, ``shared``) and may be refined per use code (a use key wins over
its family): a warehouse shed does not cost what a stacked industrial hotel
does. Amounts are in euros excluding VAT (HT) per m² of surface de plancher,
except demolition (per m² of gross floor area), remediation (per m² of
footprint) and de-sealing (per m² of ground).

Keys are ``"table.code"`` for the per-family/per-use tables
(``"price_eur_m2.housing"``, ``"cost_eur_m2.warehouse"``) and the bare name for
scalars (``"fees_rate"``). Family and scalar keys are required; use keys are
optional refinements.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from mixplan.model.errors import ModelError
from mixplan.model.uses import FAMILIES, USES, Family

__all__ = [
    "AMOUNT_KEYS",
    "PRICED_USES",
    "RATE_KEYS",
    "REQUIRED_KEYS",
    "SCALAR_KEYS",
    "STATUSES",
    "TABLES",
    "Assumption",
    "FinancialAssumptions",
    "check_key",
    "label_of",
    "unit_of",
]

#: Tables keyed by family or use code.
TABLES: tuple[str, ...] = ("price_eur_m2", "cost_eur_m2", "acquisition_eur_m2")
#: Scalar assumptions that are amounts (€ HT per m²).
AMOUNT_KEYS: tuple[str, ...] = (
    "conversion_cost_eur_m2",
    "demolition_eur_m2",
    "desealing_eur_m2",
    "remediation_eur_m2",
    "relocation_eur_m2",
    "desealing_subsidy_eur_m2",
)
#: Scalar assumptions that are rates, each in [0, 1).
RATE_KEYS: tuple[str, ...] = (
    "fees_rate",
    "marketing_rate",
    "finance_rate",
    "margin_rate",
)
SCALAR_KEYS: tuple[str, ...] = AMOUNT_KEYS + RATE_KEYS
STATUSES: tuple[str, ...] = ("S", "M", "I")

#: Use codes that may refine a table: every use that is floor area (SDP).
PRICED_USES: tuple[str, ...] = tuple(
    code for code, u in USES.items() if u.family is not Family.NON_FLOOR_AREA
)

_LABELS: dict[str, tuple[str, str]] = {
    "price_eur_m2": ("Sale price", "Prix de vente"),
    "cost_eur_m2": ("Construction cost", "Coût de construction"),
    "acquisition_eur_m2": (
        "Acquisition of existing floor area",
        "Acquisition de la surface existante",
    ),
    "conversion_cost_eur_m2": ("Conversion cost", "Coût de transformation"),
    "demolition_eur_m2": (
        "Demolition (per m² of gross floor area)",
        "Démolition (par m² de surface brute)",
    ),
    "desealing_eur_m2": ("De-sealing", "Désimperméabilisation"),
    "remediation_eur_m2": (
        "Remediation (footprint of a former ICPE, class D or above)",
        "Dépollution (emprise d'une ancienne ICPE, D ou plus)",
    ),
    "relocation_eur_m2": (
        "Relocation of firms (productive floor area demolished)",
        "Relogement des entreprises (surface productive démolie)",
    ),
    "desealing_subsidy_eur_m2": (
        "De-sealing subsidy",
        "Subvention à la désimperméabilisation",
    ),
    "fees_rate": (
        "Fees (share of construction)",
        "Honoraires (part de la construction)",
    ),
    "marketing_rate": (
        "Marketing (share of revenue)",
        "Commercialisation (part du chiffre d'affaires)",
    ),
    "finance_rate": (
        "Finance (share of construction, fees and land)",
        "Frais financiers (part de construction, honoraires et foncier)",
    ),
    "margin_rate": (
        "Developer's margin (share of revenue)",
        "Marge du promoteur (part du chiffre d'affaires)",
    ),
}


def check_key(key: str) -> tuple[str, str | None]:
    """Split and check an assumption key: ``(table_or_scalar, code or None)``.

    Raises
    ------
    ModelError
        If the key names no table or scalar, or a code that is neither a family
        nor a use that is floor area.

    Examples
    --------
    >>> check_key("price_eur_m2.housing"), check_key("fees_rate")
    (('price_eur_m2', 'housing'), ('fees_rate', None))
    """
    if "." in key:
        table, code = key.split(".", 1)
        if table not in TABLES:
            raise ModelError(
                f"unknown assumption table {table!r}; tables: " + ", ".join(TABLES)
            )
        if code not in FAMILIES and code not in PRICED_USES:
            raise ModelError(
                f"unknown family or use {code!r} in {table}; families: "
                + ", ".join(FAMILIES)
                + "; or a use code"
            )
        return table, code
    if key not in SCALAR_KEYS:
        raise ModelError(
            f"unknown assumption {key!r}; known: " + ", ".join((*TABLES, *SCALAR_KEYS))
        )
    return key, None


def unit_of(key: str) -> str:
    """The unit of an assumption key (``"€/m²"`` or ``""`` for a rate)."""
    return "" if key in RATE_KEYS else "€/m²"


def label_of(key: str, lang: str = "en") -> str:
    """A readable name of an assumption key, in English or French.

    Examples
    --------
    >>> label_of("price_eur_m2.warehouse", "fr")
    'Prix de vente — Entrepôt'
    """
    name, code = check_key(key)
    en, fr = _LABELS[name]
    base = fr if lang == "fr" else en
    if code is None:
        return base
    if code in FAMILIES and code not in USES:
        families = {
            "housing": ("Housing", "Logement"),
            "productive": ("Productive", "Productif"),
            "tertiary": ("Tertiary", "Tertiaire"),
            "shared": ("Shared", "Mutualisé"),
        }
        what = families[code][1 if lang == "fr" else 0]
        return f"{base} — {what} ({'famille' if lang == 'fr' else 'family'})"
    return f"{base} — {USES[code].label(lang)}"


@dataclass(frozen=True, slots=True)
class Assumption:
    """One figure with its provenance.

    Parameters
    ----------
    value
        € HT per m² (see the module doc for which m²) or a rate in [0, 1).
    source
        The document the figure comes from (never empty).
    year
        The year of the figure, or ``None`` when unknown.
    status
        ``S`` sourced, ``M`` from memory of a primary text, ``I`` inference.

    Examples
    --------
    >>> Assumption(0.1, "FPI, 2023", 2023, "M").value
    0.1
    """

    value: float
    source: str
    year: int | None = None
    status: str = "I"

    def __post_init__(self) -> None:
        value = self.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ModelError(f"must be a number, not {value!r}")
        if not math.isfinite(value):
            raise ModelError("must be finite")
        object.__setattr__(self, "value", float(value))
        if not isinstance(self.source, str):
            raise ModelError("source must be text")
        if self.year is not None and (
            isinstance(self.year, bool)
            or not isinstance(self.year, int)
            or not 1900 <= self.year <= 2100
        ):
            raise ModelError(f"year must be a year (1900–2100), not {self.year!r}")
        if self.status not in STATUSES:
            raise ModelError(f"status must be S, M or I, not {self.status!r}")

    def checked_for(self, key: str) -> Assumption:
        """Check against the range of ``key``; return this assumption."""
        name, _ = check_key(key)
        if name in RATE_KEYS:
            if not 0.0 <= self.value < 1.0:
                raise ModelError(f"{key} must be a rate in [0, 1), not {self.value:g}")
        elif self.value < 0:
            raise ModelError(f"{key} must not be negative, not {self.value:g}")
        return self


def _sort_key(key: str) -> tuple[int, int, str]:
    name, code = check_key(key)
    order = (*TABLES, *SCALAR_KEYS).index(name)
    if code is None:
        return order, 0, ""
    if code in FAMILIES and code not in USES:
        return order, FAMILIES.index(code), ""
    family = USES[code].family.value
    rank = FAMILIES.index(family) if family in FAMILIES else len(FAMILIES)
    return order, rank, code


def _required() -> tuple[str, ...]:
    return (*(f"{t}.{f}" for t in TABLES for f in FAMILIES), *SCALAR_KEYS)


def _default_entries() -> dict[str, Assumption]:
    from mixplan.model.finance_defaults import DEFAULT_ASSUMPTIONS

    return dict(DEFAULT_ASSUMPTIONS)


#: Keys every complete set of assumptions has.
REQUIRED_KEYS: tuple[str, ...] = _required()


@dataclass(frozen=True)
class FinancialAssumptions:
    """A complete set of assumptions: every required key, optional use keys.

    Immutable: an edit makes a new set (:meth:`with_entry`), which makes undo
    exact.

    Examples
    --------
    >>> fa = FinancialAssumptions.defaults()
    >>> fa.price("craft"), fa.price("warehouse")
    (1800.0, 1300.0)
    >>> quote = Assumption(2100, "quote", 2024, "S")
    >>> fa.with_entry("price_eur_m2.craft", quote).price("craft")
    2100.0
    """

    entries: Mapping[str, Assumption] = field(default_factory=_default_entries)

    def __post_init__(self) -> None:
        entries = dict(self.entries)
        for key, entry in entries.items():
            if not isinstance(entry, Assumption):
                raise ModelError(f"{key}: not an assumption")
            try:
                entry.checked_for(key)
            except ModelError as exc:
                raise ModelError(
                    str(exc) if key in str(exc) else f"{key}: {exc}"
                ) from None
        missing = [k for k in REQUIRED_KEYS if k not in entries]
        if missing:
            raise ModelError("missing assumption " + ", ".join(missing))
        ordered = dict(sorted(entries.items(), key=lambda kv: _sort_key(kv[0])))
        object.__setattr__(self, "entries", MappingProxyType(ordered))

    @classmethod
    def defaults(cls) -> FinancialAssumptions:
        """The Île-de-France default set."""
        from mixplan.model.finance_defaults import DEFAULT_ASSUMPTIONS

        return cls(dict(DEFAULT_ASSUMPTIONS))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FinancialAssumptions):
            return NotImplemented
        return dict(self.entries) == dict(other.entries)

    def __hash__(self) -> int:
        return hash(tuple(self.entries.items()))

    def __reduce__(
        self,
    ) -> tuple[type[FinancialAssumptions], tuple[dict[str, Assumption]]]:
        return (FinancialAssumptions, (dict(self.entries),))

    def __deepcopy__(self, memo: dict[int, object]) -> FinancialAssumptions:
        return self  # immutable: a copy is the same value

    def __iter__(self) -> Iterator[tuple[str, Assumption]]:
        return iter(self.entries.items())

    def get(self, key: str) -> Assumption | None:
        return self.entries.get(key)

    def number(self, key: str) -> float:
        """The value of a scalar assumption."""
        return self.entries[key].value

    def _table(self, table: str, use: str) -> float | None:
        found = self.entries.get(f"{table}.{use}")
        if found is not None:
            return found.value
        family = USES[use].family.value
        found = self.entries.get(f"{table}.{family}")
        return found.value if found is not None else None

    def price(self, use: str) -> float | None:
        """Sale price of a use's SDP: its own key, else its family's.

        ``None`` for a use of no family and no key of its own (``unassigned``).
        """
        return self._table("price_eur_m2", use)

    def cost(self, use: str) -> float | None:
        """Construction cost of a use's SDP (use key, else family)."""
        return self._table("cost_eur_m2", use)

    def acquisition(self, use: str) -> float | None:
        """Acquisition price of existing SDP of a use (use key, else family)."""
        return self._table("acquisition_eur_m2", use)

    def scaled(self, price_factor: float, cost_factor: float) -> FinancialAssumptions:
        """A copy with prices and construction costs scaled (the sensitivity).

        Every sale price × ``price_factor``; every construction and conversion
        cost × ``cost_factor``.
        """
        entries = dict(self.entries)
        for key, entry in entries.items():
            if key.startswith("price_eur_m2."):
                entries[key] = replace(entry, value=entry.value * price_factor)
            elif key.startswith("cost_eur_m2.") or key == "conversion_cost_eur_m2":
                entries[key] = replace(entry, value=entry.value * cost_factor)
        return FinancialAssumptions(entries)

    def with_entry(self, key: str, entry: Assumption | None) -> FinancialAssumptions:
        """A copy with ``key`` set (checked) or, with ``None``, a use key removed.

        Raises
        ------
        ModelError
            For an unknown key, a value out of range, or removing a required key.
        """
        check_key(key)
        entries = dict(self.entries)
        if entry is None:
            if key in REQUIRED_KEYS:
                raise ModelError(f"{key} is required; it cannot be removed")
            entries.pop(key, None)
        else:
            entries[key] = entry.checked_for(key)
        return FinancialAssumptions(entries)
