"""A mixplan GeoJSON is decoded a member and a feature at a time, to the same values.

One ``json.loads`` of a 10,000-building file held the GIL 0.2-0.3 s while the
import dialog's worker read it; the import's collector passes and the freeing of
the decoded document held it as long again.
"""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_projects import rich_project

from mixplan.model import Project
from mixplan.store.geojson import write_geojson
from mixplan.store.geojson_reader import drop_document, loads_in_pieces
from mixplan.store.importing import ImportOptions, plan_import

_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet='ab"\\[]{},: \n\u00e9', max_size=6)
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=3), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.text(max_size=4), _values, max_size=5),
    st.sampled_from([None, 0, 2]),
    st.sampled_from([(",", ":"), (", ", ": "), (" ,\n", " :\t")]),
)
def test_an_object_decodes_as_json_loads_decodes_it(doc, indent, separators) -> None:
    text = json.dumps(doc, indent=indent, separators=separators)
    assert loads_in_pieces(text) == json.loads(text)
    assert loads_in_pieces(f"\r\n {text}\n ") == json.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": [1, 2], "a": {"b": 3}}',  # the last of two equal keys
        '{"features": [], "x": [[]], "y": [ ] }',
        "{}",
        " { } ",
        "[1, 2]",
        '"just a string"',
        '{"s": "a [ , ] { } : string"}',
    ],
)
def test_the_same_values_as_json_loads(text: str) -> None:
    assert loads_in_pieces(text) == json.loads(text)
    assert list(loads_in_pieces(text)) == list(json.loads(text))  # key order


@pytest.mark.parametrize(
    "text",
    [
        '{"a": [1,]}',
        '{"a": [1 2]}',
        '{"a": [1, 2}',
        '{"a" 1}',
        '{"a": 1,}',
        '{"a": 1} x',
        '{"a": 1 "b": 2}',
        "{1: 2}",
        '{"a": [NaN]}',
        '{"a": Infinity}',
        "",
        '{"features": [',
    ],
)
def test_the_same_error_as_json_loads(text: str) -> None:
    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not a number JSON allows")

    with pytest.raises(ValueError) as whole:
        json.loads(text, parse_constant=refuse)
    with pytest.raises(ValueError) as pieces:
        loads_in_pieces(text)
    assert type(pieces.value) is type(whole.value)
    assert str(pieces.value) == str(whole.value)


def test_planning_an_import_freezes_what_it_keeps(tmp_path: Path) -> None:
    """The collector is paused while a file is read and planned; the plan's
    objects are then frozen (as a project read is): the collector's passes no
    longer scan them, in the import dialog's worker or after."""
    source = tmp_path / "park.geojson"
    write_geojson(rich_project(), "Existing", source)
    gc.unfreeze()
    try:
        plan = plan_import(Project.new("empty"), source, ImportOptions())
        assert gc.get_freeze_count() > 0
        assert gc.isenabled()
    finally:
        gc.unfreeze()
    assert plan.report.format == "mixplan GeoJSON"


def test_a_document_is_dropped_a_feature_at_a_time() -> None:
    doc = {"type": "FeatureCollection", "features": [{"a": 1}, {"b": 2}]}
    features = doc["features"]
    drop_document(doc)
    assert features == [] and doc == {"type": "FeatureCollection", "features": []}
    drop_document({"features": "not a list"})  # left alone
