"""The demo's "Hôtel d'activités" is phased as a tiroir sequence (DESIGN §16).

Phase 1: the Dufour halls (B21, B22) come down and the hôtel d'activités N10 is
built on their ground; Transports Dufour waits in the Bastide storage (B27, room
for 1,500 m² beside Bastide's 2,500 m²). Phase 2: Dufour moves into N10.
Productive floor area in use during phase 1: the existing 42,847 m² less the
halls' 2,833 + 2,281 m² = 37,733 m² (88 %, above 80 %).
"""

from __future__ import annotations

import pytest

from mixplan.engine import evaluate
from mixplan.engine.phasing import phasing
from mixplan.store.demo import build_demo

HOTEL = "Hôtel d'activités"


def test_the_hotel_scenario_is_a_passing_tiroir_sequence() -> None:
    demo = build_demo()
    result = phasing(demo, HOTEL)
    assert result.phased and len(result.phases) == 2
    during = result.phases[0].productive_in_use_during_m2
    assert during == pytest.approx(result.baseline_productive_m2 - 2833 - 2281, abs=1)
    assert result.locations["Transports Dufour"] == ["B27", "N10"]
    assert [(m.phase, m.to_building) for m in result.moves] == [(1, "B27"), (2, "N10")]
    c12 = [f for f in evaluate(demo, HOTEL).findings if f.rule == "C12"]
    assert [f.severity for f in c12] == ["info"]


def test_the_other_scenarios_stay_unphased() -> None:
    demo = build_demo()
    for name in ("Socle productif", "Résidentialisation"):
        (c12,) = [f for f in evaluate(demo, name).findings if f.rule == "C12"]
        assert c12.severity == "info" and c12.message.startswith("Not phased")
