"""The two balance sheets of a scenario as values (DESIGN §17).

:mod:`mixplan.engine.balance` computes them; this module holds what they are:
the developer's sheet and its compte-à-rebours formula, the public developer's
lines, the per-building sheets, the sensitivity points and the JSON shape of
``mixplan balance --json``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from mixplan.model.finance import TABLES, FinancialAssumptions

__all__ = [
    "PUBLIC_COST_LINES",
    "PUBLIC_INCOME_LINES",
    "Balance",
    "BuildingBalance",
    "DeveloperBalance",
    "PublicBalance",
    "SensitivityPoint",
    "assumptions_json",
    "developer_balance",
]

#: Public lines in the order the sheets show them.
PUBLIC_INCOME_LINES: tuple[str, ...] = ("charges_foncieres", "desealing_subsidy")
PUBLIC_COST_LINES: tuple[str, ...] = (
    "acquisition",
    "relocation",
    "demolition",
    "remediation",
    "desealing",
)


@dataclass(frozen=True)
class DeveloperBalance:
    """The developer's sheet (€ HT), for one building or summed."""

    revenue: float = 0.0
    construction: float = 0.0
    fees: float = 0.0
    marketing: float = 0.0
    finance: float = 0.0
    margin: float = 0.0
    charge_fonciere: float = 0.0

    def __add__(self, other: DeveloperBalance) -> DeveloperBalance:
        return DeveloperBalance(
            self.revenue + other.revenue,
            self.construction + other.construction,
            self.fees + other.fees,
            self.marketing + other.marketing,
            self.finance + other.finance,
            self.margin + other.margin,
            self.charge_fonciere + other.charge_fonciere,
        )

    def to_json(self) -> dict[str, float]:
        return {
            "revenue": self.revenue,
            "construction": self.construction,
            "fees": self.fees,
            "marketing": self.marketing,
            "finance": self.finance,
            "margin": self.margin,
            "charge_fonciere": self.charge_fonciere,
        }


def developer_balance(
    revenue: float, construction: float, fa: FinancialAssumptions
) -> DeveloperBalance:
    """The compte à rebours of a revenue and a construction cost.

    Examples
    --------
    >>> d = developer_balance(1000.0, 500.0, FinancialAssumptions.defaults())
    >>> round(d.charge_fonciere, 2)   # (1000·0.88 − 500·1.1·1.03) / 1.03
    304.37
    """
    fees_rate = fa.number("fees_rate")
    marketing_rate = fa.number("marketing_rate")
    margin_rate = fa.number("margin_rate")
    finance_rate = fa.number("finance_rate")
    charge = (
        revenue * (1.0 - marketing_rate - margin_rate)
        - construction * (1.0 + fees_rate) * (1.0 + finance_rate)
    ) / (1.0 + finance_rate)
    fees = construction * fees_rate
    return DeveloperBalance(
        revenue,
        construction,
        fees,
        revenue * marketing_rate,
        finance_rate * (construction + fees + charge),
        revenue * margin_rate,
        charge,
    )


@dataclass(frozen=True)
class BuildingBalance:
    """What one new or changed building adds, and its developer's sheet."""

    building_id: str
    name: str
    origin: str | None
    #: ``new``, ``rebuilt`` (origin demolished), ``raised``, ``converted`` or
    #: ``raised_converted``.
    kind: str
    built_sdp_by_use: Mapping[str, float]
    converted_sdp_by_use: Mapping[str, float]
    developer: DeveloperBalance
    unpriced_sdp_m2: float = 0.0

    @property
    def new_sdp_m2(self) -> float:
        return math.fsum(self.built_sdp_by_use.values()) + math.fsum(
            self.converted_sdp_by_use.values()
        )


@dataclass(frozen=True)
class PublicBalance:
    """The public developer's sheet (€ HT)."""

    lines: Mapping[str, float]

    @property
    def income(self) -> float:
        return math.fsum(self.lines[k] for k in PUBLIC_INCOME_LINES)

    @property
    def costs(self) -> float:
        return math.fsum(self.lines[k] for k in PUBLIC_COST_LINES)

    @property
    def balance(self) -> float:
        return self.income - self.costs

    def to_json(self) -> dict[str, object]:
        return {
            "income": self.income,
            "costs": self.costs,
            "balance": self.balance,
            "lines": dict(self.lines),
        }


@dataclass(frozen=True)
class SensitivityPoint:
    """The balance with prices and construction costs scaled."""

    price_factor: float
    cost_factor: float
    charge_fonciere: float
    public_balance: float


@dataclass(frozen=True)
class Balance:
    """Both sheets of one scenario, with the quantities they rest on."""

    scenario: str
    developer: DeveloperBalance
    public: PublicBalance
    buildings: tuple[BuildingBalance, ...]
    demolished: tuple[str, ...]
    converted: tuple[str, ...]
    quantities: Mapping[str, float]
    assumptions: FinancialAssumptions
    sensitivity: tuple[SensitivityPoint, ...] = field(default=())

    @property
    def has_new_floor_area(self) -> bool:
        return any(b.new_sdp_m2 > 0 for b in self.buildings)

    def to_json(self) -> dict[str, object]:
        """The ``mixplan balance --json`` document (DESIGN §17, plus details)."""
        return {
            "scenario": self.scenario,
            "developer": self.developer.to_json(),
            "public": self.public.to_json(),
            "assumptions": assumptions_json(self.assumptions),
            "quantities": dict(self.quantities),
            "demolished": list(self.demolished),
            "converted": list(self.converted),
            "buildings": [
                {
                    "id": b.building_id,
                    "name": b.name,
                    "origin": b.origin,
                    "kind": b.kind,
                    "new_sdp_m2": b.new_sdp_m2,
                    "built_sdp_by_use_m2": dict(b.built_sdp_by_use),
                    "converted_sdp_by_use_m2": dict(b.converted_sdp_by_use),
                    "developer": b.developer.to_json(),
                }
                for b in self.buildings
            ],
            "sensitivity": [
                {
                    "price_factor": p.price_factor,
                    "cost_factor": p.cost_factor,
                    "charge_fonciere": p.charge_fonciere,
                    "public_balance": p.public_balance,
                }
                for p in self.sensitivity
            ],
        }


def assumptions_json(fa: FinancialAssumptions) -> dict[str, object]:
    """The assumptions' values shaped like the TOML: tables, then scalars."""
    out: dict[str, object] = {table: {} for table in TABLES}
    for key, entry in fa:
        if "." in key:
            table, code = key.split(".", 1)
            out[table][code] = entry.value  # type: ignore[index]
        else:
            out[key] = entry.value
    return out
