"""An allocation holds the taxonomy's own strings for its use and ICPE regime
(a level for its access).

A project read from a file makes a new string for every allocation's use; the
allocation keeps the one string of its code instead (one object a code, what the
engine visits reading 100,000 allocations), equal to what was given.
"""

from __future__ import annotations

import pickle

import pytest

from mixplan.model.errors import ModelError
from mixplan.model.project import Allocation, Level
from mixplan.model.uses import ACCESS_CODES, NUISANCE_CLASSES, USES


def _fresh(text: str) -> str:
    """An equal string that is another object (as a file reader makes)."""
    made = "".join(list(text))
    assert made == text and made is not text
    return made


def test_use_and_regime_are_the_taxonomys_strings() -> None:
    allocation = Allocation(_fresh("craft"), 1.0, _fresh("DC"))
    (code,) = (c for c in USES if c == "craft")
    assert allocation.use is code
    assert allocation.nuisance is NUISANCE_CLASSES[2]
    assert allocation == Allocation("craft", 1.0, "DC")
    assert Allocation(_fresh("housing"), 1.0).nuisance is None


def test_still_refused_and_pickled_alike() -> None:
    with pytest.raises(ModelError, match="unknown use 'crafts'"):
        Allocation(_fresh("crafts"), 1.0)
    with pytest.raises(ModelError, match="unknown nuisance class 'dc'"):
        Allocation("craft", 1.0, _fresh("dc"))
    with pytest.raises(ModelError, match=r"unknown nuisance class \['D'\]"):
        Allocation("craft", 1.0, ["D"])  # type: ignore[arg-type]
    a = Allocation(_fresh("office"), 0.5)
    assert pickle.loads(pickle.dumps(a)) == a
    # a whole share given as an integer is kept as a float
    whole = Allocation("office", 1)
    assert type(whole.share) is float and whole.share == 1.0


def test_level_access_is_the_taxonomys_string() -> None:
    level = Level(3.0, (Allocation("craft", 1.0),), access=_fresh("ramp"))
    assert level.access is ACCESS_CODES[ACCESS_CODES.index("ramp")]
    with pytest.raises(ModelError, match="unknown access 'Ramp'"):
        Level(3.0, (Allocation("craft", 1.0),), access=_fresh("Ramp"))
