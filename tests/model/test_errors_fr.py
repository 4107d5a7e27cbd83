"""Refusals of the model in French: raised by real commands, French written by hand."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from mixplan.model import Building, Level, ModelError, Project
from mixplan.model.commands import AddScenario, SetLevelHeight
from mixplan.model.errors import MixplanError, message_language, set_message_language

NNBSP = "\u202f"


def _refusal(action) -> ModelError:
    with pytest.raises(ModelError) as caught:
        action()
    return caught.value


@pytest.fixture
def project() -> Project:
    project = Project.new("p")
    project.baseline.buildings["b1"] = Building(
        "b1", "Halle", box(0, 0, 10, 10), (Level.of(4.0, "craft"),)
    )
    AddScenario("Plan").apply(project)
    return project


def test_a_duplicate_scenario_name(project) -> None:
    error = _refusal(lambda: AddScenario("Plan").apply(project))
    assert error.text("en") == "a scenario 'Plan' already exists"
    assert error.text("fr") == f"Un scénario «{NNBSP}Plan{NNBSP}» existe déjà"


def test_a_value_and_a_wrapped_one_keep_their_numbers_the_french_way(project) -> None:
    error = _refusal(lambda: SetLevelHeight("Plan", "b1", 0, 1500.5).apply(project))
    assert error.text("en") == "level height must be at most 1000, not 1500.5"
    assert error.text("fr") == "La hauteur du niveau vaut au plus 1000, pas 1500,5"
    error = _refusal(
        lambda: Building(
            "b2", "", box(0, 0, 1, 1), (Level.of(3.0, "craft"),), freight_lift_kg=-5
        )
    )
    assert error.text("en") == (
        "building b2: freight lift must be 0 to 1,000,000 kg, not -5"
    )
    assert error.text("fr") == (
        f"Bâtiment b2 : le monte-charge porte de 0 à 1{NNBSP}000{NNBSP}000 kg, pas -5"
    )


def test_shares_and_uses(project) -> None:
    error = _refusal(lambda: Level.of(3.0, {"office": 0.5, "housing": 0.3}))
    assert error.text("fr") == "Les parts d'un niveau doivent totaliser 1, pas 0,8"
    error = _refusal(lambda: Level.of(3.0, "castle"))
    assert error.text("fr").startswith(
        f"Usage inconnu «{NNBSP}castle{NNBSP}» ; usages possibles : "
    )


def test_str_follows_the_chosen_language_and_unknown_text_stays_english() -> None:
    error = ModelError("a scenario 'S' already exists")
    assert message_language() == "en" and str(error) == "a scenario 'S' already exists"
    set_message_language("fr")
    assert str(error) == f"Un scénario «{NNBSP}S{NNBSP}» existe déjà"
    assert str(ModelError("something nobody translated")) == (
        "something nobody translated"
    )
    # a French text given where the error is raised wins over the catalogue
    assert str(MixplanError("x", message_fr="le x")) == "le x"
    set_message_language("en")
    assert str(error) == "a scenario 'S' already exists"


def test_every_rulebook_source_has_its_french() -> None:
    from mixplan.engine.rulebook_io import parameter_source
    from mixplan.model.rulebook import PARAMETERS
    from mixplan.model.rulebook_sources_fr import SOURCES_FR

    missing = {p.source for p in PARAMETERS.values()} - set(SOURCES_FR)
    assert not missing, missing
    assert parameter_source("Practice of industrial hotels (2,000–5,000 kg)", "fr") == (
        "Pratique des hôtels industriels (2 000–5 000 kg)"
    )
    assert parameter_source("Practice of industrial hotels", "en") == (
        "Practice of industrial hotels"
    )


def test_file_refusals_in_french(tmp_path) -> None:
    from mixplan.store import open_project

    missing = tmp_path / "absent.mixplan.gpkg"
    with pytest.raises(MixplanError) as caught:
        open_project(missing)
    assert caught.value.text("fr") == "Fichier introuvable"
    text = tmp_path / "notes.mixplan.gpkg"
    text.write_text("pas un projet", "utf-8")
    with pytest.raises(MixplanError) as caught:
        open_project(text)
    assert caught.value.text("fr") == (
        "C'est un fichier texte, pas un projet mixplan (un GeoPackage)"
    )
