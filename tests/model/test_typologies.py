"""Typologies: plain data, commands, project file and TOML (hand-made cases)."""

from __future__ import annotations

from pathlib import Path

import pytest
from shapely.geometry import box

from mixplan.model import Building, Level, Project
from mixplan.model.errors import MixplanError, ModelError
from mixplan.model.presets import PRESETS, building_with_preset, preset
from mixplan.model.typologies import (
    RemoveTypology,
    SetTypology,
    available_typologies,
    typology_from_building,
    typology_from_json,
    typology_to_json,
)
from mixplan.store import open_project, save_project
from mixplan.store.typology_io import read_typologies, write_typologies


@pytest.mark.parametrize("key", list(PRESETS))
def test_every_shipped_preset_survives_plain_data(key):
    assert typology_from_json(typology_to_json(preset(key))) == preset(key)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"key": "a b"}, ["key"]),
        ({"levels": []}, ["no level"]),
        ({"levels": [{"height_m": 0.0, "uses": {"craft": 1.0}}]}, ["height_m"]),
        ({"levels": [{"height_m": 3.0, "uses": {"craft": 0.5}}]}, ["sum"]),
        ({"levels": [{"height_m": 3.0, "uses": {"moon_base": 1.0}}]}, ["moon_base"]),
        ({"roof": "thatch"}, ["roof"]),
        ({"loading_bays": 2.5}, ["whole"]),
        ({"ramp": "yes"}, ["ramp"]),
        ({"colour": "red"}, ["colour"]),
    ],
)
def test_bad_typologies_are_refused_in_one_line(change, words):
    value = {**typology_to_json(preset("housing_block")), **change}
    with pytest.raises(ModelError) as caught:
        typology_from_json(value)
    message = str(caught.value)
    assert "\n" not in message and all(w in message for w in words), message


def test_a_building_becomes_a_typology_and_back():
    # 30 m × 12 m: a 5.5 m craft ground floor and two 3.0 m housing storeys, over a
    # car park basement (not part of the typology).
    building = Building(
        "b",
        "Socle",
        box(0, 0, 30, 12),
        (
            Level.of(2.6, "parking"),
            Level.of(5.5, "craft", load_kn_m2=10.0, access="street"),
            Level.of(3.0, "housing"),
            Level.of(3.0, "housing"),
        ),
        basements=1,
        loading_bays=2,
        freight_lift_kg=2000.0,
    )
    typology = typology_from_building(building, "socle_r2", "Socle R+2")
    assert [lv.height_m for lv in typology.levels] == [5.5, 3.0, 3.0]
    other = Building("o", "Other", box(50, 0, 70, 10), (Level.of(4.0, "office"),))
    made = building_with_preset(other, typology)
    assert made.storeys_label == "R+2" and made.loading_bays == 2
    assert made.freight_lift_kg == 2000.0 and made.height_m == pytest.approx(11.5)


def test_commands_saved_in_the_project_and_undone(tmp_path: Path):
    project = Project.new("p")
    mine = typology_from_json(
        {**typology_to_json(preset("housing_block")), "key": "mine", "label_en": "Mine"}
    )
    commands = [
        SetTypology(mine),
        SetTypology(
            preset("shed_like")
            if "shed_like" in PRESETS
            else preset("single_storey_shed")
        ),
    ]
    for command in commands:
        assert command.apply(project).typologies
    assert set(available_typologies(project)) >= {"mine", *PRESETS}
    path = tmp_path / "p.mixplan.gpkg"
    save_project(project, path)
    assert open_project(path).typologies == project.typologies
    replace_mine = SetTypology(
        typology_from_json({**typology_to_json(mine), "label_en": "Mine 2"})
    )
    replace_mine.apply(project)
    assert [t.label_en for t in project.typologies][0] == "Mine 2"
    replace_mine.revert(project)
    assert project.typologies[0] == mine
    remove = RemoveTypology("mine")
    remove.apply(project)
    assert [t.key for t in project.typologies] == ["single_storey_shed"]
    remove.revert(project)
    assert project.typologies[0] == mine
    with pytest.raises(ModelError):
        RemoveTypology("nothing").apply(project)


def test_toml_round_trip_and_refusals(tmp_path: Path):
    path = tmp_path / "lib.toml"
    write_typologies(path, PRESETS.values())
    assert read_typologies(path) == tuple(PRESETS.values())
    twice = tmp_path / "twice.toml"
    write_typologies(twice, [preset("housing_block"), preset("housing_block")])
    with pytest.raises(MixplanError, match="appears twice"):
        read_typologies(twice)
    for text, words in (("not toml [", "TOML"), ("[other]\nx = 1\n", "other")):
        bad = tmp_path / "bad.toml"
        bad.write_text(text)
        with pytest.raises(MixplanError, match=words):
            read_typologies(bad)
