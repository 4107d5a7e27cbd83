"""In French, the import's refusals and its report read French (issue 13 item 6).

The expectations are written by hand from the English the CLI prints; English
stays as it was.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clitools import call_cli, digest, run_cli

NNBSP = "\u202f"


def _square(x: float, y: float) -> dict:
    ring = [[x, y], [x + 10, y], [x + 10, y + 10], [x, y + 10], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def _collection(features: list[dict], profile: bool = False) -> str:
    doc: dict = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}},
        "features": features,
    }
    if profile:
        doc["mixplan"] = {"version": 1}
    return json.dumps(doc)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "P.mixplan.gpkg"
    assert call_cli("new", path, "--crs", "EPSG:2154").code == 0
    return path


@pytest.fixture
def survey(tmp_path: Path) -> Path:
    """Two buildings: a 4 m high one of 2 storeys (2.00 m each, under 2.2 m)."""
    path = tmp_path / "survey.geojson"
    features = [
        {"type": "Feature", "properties": {"id": "a", "hauteur": 4, "etages": 2},
         "geometry": _square(600000, 6400000)},
        {"type": "Feature", "properties": {"id": "b", "hauteur": 9, "etages": 3},
         "geometry": _square(600020, 6400000)},
    ]  # fmt: skip
    path.write_text(_collection(features), encoding="utf-8")
    return path


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_MESSAGES", "")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")


FIELDS = ("--height-field", "hauteur", "--levels-field", "etages")


def test_the_import_report_in_english_is_unchanged(project: Path, survey: Path):
    result = call_cli("import", project, survey, *FIELDS)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"Imported 2 buildings into scenario 'Existing' from {survey} "
        "(GeoJSON, layer survey)",
        "  features read   2",
        "  text encoding   UTF-8",
        "  levels          from the level count (2)",
        "  uses            unassigned (2)",
        "  warning         1 building(s) with storeys under 2.2 m (lowest 2.00 m): "
        "check the height and storey fields",
    ]


def test_the_import_report_in_french(project: Path, survey: Path, french: None):
    assert call_cli("import", project, survey, *FIELDS).code == 0
    # a corrected survey: the same ids again with --update
    result = call_cli("import", project, survey, *FIELDS, "--update")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"Importé : 2 bâtiments dans le scénario «{NNBSP}Existing{NNBSP}» depuis "
        f"{survey} (GeoJSON, couche survey)",
        "  entités lues    2",
        "  encodage        UTF-8",
        "  niveaux         d'après le nombre de niveaux (2)",
        "  usages          Non affecté (2)",
        f"  note            2 bâtiment(s) du scénario «{NNBSP}Existing{NNBSP}» "
        "remplacé(s) (--update)",
        "  avertissement   1 bâtiment(s) avec des niveaux de moins de 2,2 m "
        "(le plus bas 2,00 m) : vérifiez les champs de hauteur et de nombre de "
        "niveaux",
    ]


def test_import_refusals_in_french(
    project: Path, survey: Path, tmp_path: Path, french: None
):
    assert call_cli("import", project, survey, *FIELDS).code == 0
    before = digest(project)
    q = f"{NNBSP}»"
    result = call_cli("import", project, survey, *FIELDS)
    result.assert_one_line_error(survey)
    assert result.err.endswith(
        f": 2 identifiant(s) de bâtiment déjà dans le scénario «{NNBSP}Existing{q} : "
        f"«{NNBSP}a{q}, «{NNBSP}b{q} (rien n'est importé ; importez dans un autre "
        "scénario avec --scenario)\n"
    )
    other = tmp_path / "other.geojson"
    other.write_text(
        _collection([{"type": "Feature", "properties": {"id": "z", "etages": 1},
                      "geometry": _square(600100, 6400000)}]),
        encoding="utf-8",
    )  # fmt: skip
    result = call_cli("import", project, other, "--update")
    result.assert_one_line_error(other)
    assert result.err.endswith(
        ": --update : aucun identifiant de bâtiment de la source n'est dans le "
        f"scénario «{NNBSP}Existing{q} (premiers identifiants : «{NNBSP}z{q})\n"
    )
    result = call_cli("import", project, other, "--where", "etages >")
    result.assert_one_line_error(other)
    assert f": --where «{NNBSP}etages >{q} est refusé par GDAL (" in result.err, repr(
        result.err
    )
    text = tmp_path / "notes.txt"
    text.write_text("hello\n", encoding="utf-8")
    result = call_cli("import", project, text)
    result.assert_one_line_error(text)
    assert ": Impossible de lire ce fichier comme données SIG (" in result.err
    profiled = tmp_path / "profiled.geojson"
    profiled.write_text(
        _collection(
            [{"type": "Feature",
              "properties": {"kind": "building", "id": "h1",
                             "levels": [{"height_m": -3, "uses": {"office": 1}}]},
              "geometry": _square(600200, 6400000)}],
            profile=True,
        ),
        encoding="utf-8",
    )  # fmt: skip
    result = call_cli("import", project, profiled, "--scenario", "X")
    result.assert_one_line_error(profiled)
    assert result.err.endswith(
        f": Entité «{NNBSP}h1{q} (bâtiment) : niveau 1 : la hauteur du niveau doit "
        "être supérieur(e) à 0, pas -3\n"
    )
    assert digest(project) == before


def test_a_geojson_refusal_in_french_from_the_locale(project: Path, tmp_path: Path):
    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    result = run_cli("import", project, broken, locale="fr_FR.UTF-8")
    result.assert_one_line_error(broken)
    assert ": Ce n'est pas du JSON (ligne 1, colonne " in result.err
    result = run_cli("import", project, broken)
    assert ": not JSON (line 1, column " in result.err


def test_skipped_features_in_french(project: Path, tmp_path: Path, french: None):
    flat = tmp_path / "flat.geojson"
    ring = [[600300, 6400000], [600310, 6400000], [600320, 6400000], [600300, 6400000]]
    features = [
        {"type": "Feature", "properties": {"id": "ok"},
         "geometry": _square(600400, 6400000)},
        {"type": "Feature", "properties": {"id": "flat"},
         "geometry": {"type": "Polygon", "coordinates": [ring]}},
    ]  # fmt: skip
    flat.write_text(_collection(features), encoding="utf-8")
    result = call_cli("import", project, flat)
    assert result.code == 0, result.err
    assert (
        "  laissé de côté  1 : sans surface (contour dégénéré ou de surface nulle) (1)"
        in result.out.splitlines()
    ), result.out


def _write_plan(path: Path) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
    from import_fixtures import write_plan_dxf

    return write_plan_dxf(path)


PLAN_MAP = ("--layer-map", "Floor=outline,Offices=office,Shop=retail,Store=warehouse")


def test_a_dxf_plan_report_in_french(project: Path, tmp_path: Path, french: None):
    """The plan of tests/store/import_fixtures.py: a 20 m × 10 m outline (200 m²),
    offices 10 × 10 (50 %), a 5 × 4 shop (10 %), two 2 × 2 store rooms (4 %),
    the rest unassigned (36 %); an open polyline, an arc and a text skipped."""
    plan = _write_plan(tmp_path / "plan.dxf")
    result = call_cli(
        "import", project, plan, "--scenario", "Plan", *PLAN_MAP,
        "--origin", "600000,6400000",
    )  # fmt: skip
    assert result.code == 0, result.err
    q = f"{NNBSP}»"
    assert result.out.splitlines() == [
        f"Importé : 1 bâtiment dans le scénario «{NNBSP}Plan{q} (créé) depuis "
        f"{plan} (DXF)",
        "  entités lues    8",
        "  laissé de côté  3 : sur un calque absent de --layer-map (3)",
        "  niveaux         un niveau (un plan n'en a qu'un) (1)",
        "  usages          Bureau (1)",
        f"  placement       origine du plan placée en (600{NNBSP}000,00 ; "
        f"6{NNBSP}400{NNBSP}000,00), rotation 0° ; placé, non géoréférencé",
        f"  note            emprise 1 (200 m²) : Bureau 50{NNBSP}%, Commerce de "
        f"détail 10{NNBSP}%, Entrepôt 4{NNBSP}%, Non affecté 36{NNBSP}%",
    ]


def test_a_dxf_plan_report_in_english_is_unchanged(project: Path, tmp_path: Path):
    plan = _write_plan(tmp_path / "plan.dxf")
    result = call_cli(
        "import", project, plan, "--scenario", "Plan", *PLAN_MAP,
        "--origin", "600000,6400000",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out.splitlines()[-2:] == [
        "  placement       plan origin placed at 600,000.00, 6,400,000.00, rotated "
        "0°; placed, not georeferenced",
        "  note            footprint 1 (200 m²): office 50%, retail 10%, "
        "warehouse 4%, unassigned 36%",
    ]


def _profiled(path: Path, props: dict, header: dict) -> Path:
    levels = [{"height_m": 3, "uses": {"office": 1}}]
    feature = {
        "type": "Feature",
        "properties": {"kind": "building", "id": "h1", "levels": levels, **props},
        "geometry": _square(600200, 6400000),
    }
    doc = json.loads(_collection([feature]))
    doc["mixplan"] = {"version": 1, **header}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_rarer_geojson_refusals_in_french(project: Path, tmp_path: Path, french: None):
    before = digest(project)
    q = f"{NNBSP}»"
    named = _profiled(tmp_path / "named.geojson", {"name": 3}, {})
    result = call_cli("import", project, named, "--scenario", "X")
    result.assert_one_line_error(named)
    assert result.err.endswith(
        f": Entité «{NNBSP}h1{q} (bâtiment) : name doit être du texte, pas 3\n"
    )
    firms = _profiled(
        tmp_path / "firms.geojson", {"occupants": [{"name": "X", "m2": "lots"}]}, {}
    )
    result = call_cli("import", project, firms, "--scenario", "X")
    result.assert_one_line_error(firms)
    assert result.err.endswith(
        f": Entité «{NNBSP}h1{q} (bâtiment) : occupants no{NNBSP}1 : m2 doit être "
        f"un nombre, pas «{NNBSP}lots{q}\n"
    )
    phases = _profiled(
        tmp_path / "phases.geojson", {}, {"phases": [{"name": "A"}, {"phase": 5}]}
    )
    result = call_cli("import", project, phases, "--scenario", "X")
    result.assert_one_line_error(phases)
    assert result.err.endswith(
        f": mixplan.phases no{NNBSP}2 : est numérotée 5 ; les phases vont 1, 2, 3…\n"
    )
    assert digest(project) == before


def test_rarer_geojson_refusals_in_english_are_unchanged(project: Path, tmp_path: Path):
    phases = _profiled(
        tmp_path / "phases.geojson", {}, {"phases": [{"name": "A"}, {"phase": 5}]}
    )
    result = call_cli("import", project, phases, "--scenario", "X")
    result.assert_one_line_error(phases)
    assert result.err.endswith(
        ": mixplan.phases #2: is numbered 5; phases go 1, 2, 3…\n"
    )


def test_a_cover_skipped_by_the_use_map_in_french(
    project: Path, tmp_path: Path, french: None
):
    cover = tmp_path / "cover.geojson"
    features = [
        {"type": "Feature", "properties": {"id": "c1", "nature": "Pelouse"},
         "geometry": _square(600000, 6400000)},
        {"type": "Feature", "properties": {"id": "c2", "nature": "Bitume"},
         "geometry": _square(600020, 6400000)},
    ]  # fmt: skip
    cover.write_text(_collection(features), encoding="utf-8")
    result = call_cli(
        "import", project, cover, "--as", "cover", "--use-field", "nature",
        "--use-map", "Pelouse=lawn", "--scenario", "C",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert (
        f"  laissé de côté  1 : surface «{NNBSP}Bitume{NNBSP}» absente de "
        "--use-map (1)" in result.out.splitlines()
    ), result.out
    assert "  usages          pelouse (pleine terre) (1)" in result.out.splitlines()


def test_size_caps_in_french():
    """The caps need a 256 MB file or 200,000 features to reach through the CLI:
    the catalogue is checked on the messages store/geojson_reader.py raises."""
    from mixplan.model.errors_fr import french_message

    assert french_message("file is 300 MB; the limit is 268 MB") == (
        "Le fichier fait 300 Mo ; la limite est de 268 Mo"
    )
    assert french_message("200,001 features; the limit is 200,000") == (
        f"200{NNBSP}001 entités ; la limite est de 200{NNBSP}000"
    )


def _open_plan(path: Path) -> Path:
    """A plan drawn without closing anything: an open polyline and a line."""
    import ezdxf

    doc = ezdxf.new("R2010")
    doc.layers.add("Floor")
    msp = doc.modelspace()
    msp.add_lwpolyline(
        [(0, 0), (20, 0), (20, 10), (0, 10)], dxfattribs={"layer": "Floor"}
    )
    msp.add_line((0, 0), (5, 5), dxfattribs={"layer": "Floor"})
    doc.saveas(path)
    return path


def test_dxf_plan_refusals_in_french(project: Path, tmp_path: Path, french: None):
    """Each refusal a user meets mapping a plan, on real DXF files: exit 2, one
    line naming the plan, in French, the project untouched."""
    plan = _write_plan(tmp_path / "plan.dxf")
    before = digest(project)
    q = f"{NNBSP}»"
    origin = ("--origin", "600000,6400000")

    def refused(source: Path, *args: str) -> str:
        result = call_cli("import", project, source, *args)
        result.assert_one_line_error(source)
        return result.err.removeprefix(f"mixplan: {source}: ").removesuffix("\n")

    # no --layer-map: the layers holding closed outlines, most first (the
    # fixture: two store rooms, one outline, one office, one shop)
    assert refused(plan, *origin) == (
        'Dites ce que sont les calques avec --layer-map "Floor=outline,'
        'Offices=office,…" ; calques ayant des contours fermés : Store (2), '
        "Floor (1), Offices (1), Shop (1)"
    )
    assert refused(plan, "--layer-map", "Floor", *origin) == (
        f"--layer-map : «{NNBSP}Floor{q} n'est pas de la forme Calque=usage"
    )
    assert refused(plan, "--layer-map", "Floor=bureau", *origin).startswith(
        f"--layer-map : «{NNBSP}bureau{q} n'est ni «{NNBSP}outline{q} ni un usage ; "
        "usages possibles : housing, residence, craft,"
    )
    assert refused(plan, "--layer-map", "Nope=office", *origin) == (
        f"--layer-map : pas de calque «{NNBSP}nope{q} dans le plan ; calques : "
        "0, Defpoints, Floor, Offices, Shop, Store, Walls"
    )
    assert refused(_open_plan(tmp_path / "open.dxf"), *PLAN_MAP[:1], "Floor=office",
                   *origin) == (
        "Aucun contour fermé sur les calques de --layer-map (polylignes ouvertes, "
        "arcs et textes ne sont pas des contours)"
    )  # fmt: skip
    # the outline layer maps the walls: an open polyline, an arc, a text
    assert refused(plan, "--layer-map", "Walls=outline,Floor=office", *origin) == (
        f"Aucun contour fermé sur le calque de contour «{NNBSP}walls{q}"
    )
    assert refused(plan, *PLAN_MAP, "--layer", "Floor", *origin) == (
        "--layer vaut pour les couches SIG ; un plan DXF se décrit avec --layer-map"
    )
    assert refused(plan, *PLAN_MAP, "--as", "site", *origin) == (
        "Un plan DXF ne s'importe qu'en bâtiments"
    )
    # a plan in its own coordinates, a project without a site: nowhere to put it
    assert refused(plan, *PLAN_MAP) == (
        "Le plan n'est pas géoréférencé et le projet n'a pas de terrain : "
        "placez-le avec --origin X,Y (et --rotation DEG)"
    )
    assert digest(project) == before


def test_dxf_plan_refusals_in_english_are_unchanged(project: Path, tmp_path: Path):
    plan = _write_plan(tmp_path / "plan.dxf")
    result = call_cli("import", project, plan, "--layer-map", "Floor")
    result.assert_one_line_error(plan)
    assert result.err.endswith(": --layer-map: 'Floor' is not Layer=use\n")
    result = call_cli("import", project, _open_plan(tmp_path / "open.dxf"),
                      "--layer-map", "Floor=office", "--origin", "0,0")  # fmt: skip
    result.assert_one_line_error()
    assert result.err.endswith(
        ": no closed outline on the mapped layers (open polylines, arcs and text "
        "are not outlines)\n"
    )


def test_dxf_caps_in_french():
    """The caps need a 500,000-entity plan or a 256 MiB file to reach through the
    CLI: the catalogue is checked on the messages store/dxf_import.py and
    store/vector.py raise."""
    from mixplan.model.errors_fr import french_message

    assert french_message(
        "the plan expands to more than 500,000 entities through its blocks and "
        "arrays (MINSERT, nested inserts); the cap is 500,000"
    ) == (
        f"Le plan dépasse 500{NNBSP}000 entités par ses blocs et réseaux (MINSERT, "
        f"insertions imbriquées) ; la limite est de 500{NNBSP}000"
    )
    assert french_message("more than 500,000 entities (size cap)") == (
        f"Plus de 500{NNBSP}000 entités (limite de taille)"
    )
    assert french_message("file is 300.5 MiB, over the import cap of 256.0 MiB") == (
        "Le fichier fait 300,5 Mio, au-delà de la limite d'import de 256,0 Mio"
    )
    assert french_message(
        "no closed outline on the mapped layers (open polylines, arcs and text are "
        "not outlines); skipped: unreadable geometry (no vertices)"
    ) == (
        "Aucun contour fermé sur les calques de --layer-map (polylignes ouvertes, "
        "arcs et textes ne sont pas des contours) ; laissé de côté : géométrie "
        "illisible (no vertices)"
    )
