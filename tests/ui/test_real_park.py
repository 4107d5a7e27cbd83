"""Real data through the window, in English and French: a BD TOPO park, a DXF plan.

The Parc d'Activités de Malan (Olemps, IGN BD TOPO v3, ``../shared/data``):
everything goes through the window with real keys and clicks, as a user
would do it: the site imported with a typed filter, the buildings imported and
kept to the site, a building clicked on the plan, a height typed, undone, a
new scenario named, a building removed from it, the project saved. What the
window shows is checked against figures worked out here from the source
files with GDAL and shapely (not through mixplan's importers) and against the
cache-free reference evaluation. Then the Grand Hôtel-Dieu's DXF plan (Lyon):
each layer's use picked in its row's list with the mouse and the arrow keys,
the plan placed by a typed origin; its outline and use shares checked against
ezdxf's read of the file. Skipped when the data folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyogrio.raw
import pytest
import shapely
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QTableView,
    QTableWidget,
    QWidget,
)

from mixplan.engine.reference import reference_evaluate
from mixplan.model import Project
from tests.conftest import SHARED_DATA
from tests.ui.helpers import answer_text_prompt, click, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
MALAN = "Parc d'Activités de Malan"
NNBSP = "\u202f"


@pytest.fixture(scope="module")
def malan() -> dict[str, object]:
    """The park and its buildings as GDAL reads them (no mixplan code)."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent (real site data lives beside the repo)")
    folder = SHARED_DATA / "bdtopo_olemps_12174"
    zones, zone_shapes = _read(
        folder / "ZONE_D_ACTIVITE_OU_D_INTERET.shp", encoding="utf-8"
    )
    (site,) = zone_shapes[zones["TOPONYME"] == MALAN]
    buildings, footprints = _read(folder / "BATIMENT.shp")
    inside = shapely.area(shapely.intersection(footprints, site))
    # A building is kept when at least half of it lies in the site (the
    # import's documented rule), whole.
    kept = inside >= 0.5 * shapely.area(footprints)
    return {
        "folder": folder,
        "site": site,
        "ids": set(buildings["ID"][kept].tolist()),
        "footprints": footprints[kept],
    }


def _read(path: Path, **where: str) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """A layer's fields and 2D shapes, as GDAL reads them."""
    meta, _fids, shapes, values = pyogrio.raw.read(path, **where)
    fields = {
        name: np.asarray(v) for name, v in zip(meta["fields"], values, strict=True)
    }
    return fields, shapely.force_2d(shapely.from_wkb(shapes))


def _top_dialog(name: str) -> QWidget | None:
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == name and widget.isVisible():
            return widget
    return None


def _type_into(widget: QWidget, text: str) -> None:
    """Focus a field with a click and type into it."""
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    type_text(widget, text)


def _import(
    qtbot,
    window,
    path: Path,
    *,
    kind_steps: int = 0,
    where: str = "",
    clip: bool = False,
) -> QWidget:
    """The import dialog on ``path``, the options set by keys and clicks, Import."""
    dialog = _import_dialog(qtbot, window, path)
    kind = dialog.findChild(QComboBox, "import_kind")
    kind.setFocus()
    for _ in range(kind_steps):
        QTest.keyClick(kind, Qt.Key.Key_Down)
    if where:
        _type_into(dialog.findChild(QLineEdit, "import_where"), where)
    if clip:
        box = dialog.findChild(QCheckBox, "import_clip")
        assert box.isEnabled()
        # on its box, as a user aims (the widget spans the form's width)
        option = QStyleOptionButton()
        box.initStyleOption(option)
        indicator = box.style().subElementRect(
            QStyle.SubElement.SE_CheckBoxIndicator, option, box
        )
        QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=indicator.center())
        assert box.isChecked()
    _click_import(qtbot, dialog)
    return dialog


def _import_dialog(qtbot, window, path: Path) -> QWidget:
    """Ctrl+I, the path typed and Enter: the dialog once it has looked at the file."""
    _activate(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_I, CTRL)
    qtbot.waitUntil(lambda: _top_dialog("import_dialog") is not None, timeout=10_000)
    dialog = _top_dialog("import_dialog")
    path_edit = dialog.findChild(QLineEdit, "import_path")
    _type_into(path_edit, str(path))
    QTest.keyClick(path_edit, Qt.Key.Key_Return)  # the file is looked at
    reading = dialog.format_label.text()  # ("Reading…" in the window's language)
    qtbot.waitUntil(
        lambda: not dialog.busy and dialog.format_label.text() != reading,
        timeout=20_000,
    )
    return dialog


def _click_import(qtbot, dialog: QWidget) -> None:
    """A click on Import, and the wait until the edit is made."""
    button = dialog.findChild(QPushButton, "import_ok")
    with qtbot.waitSignal(dialog.imported, timeout=60_000):
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def _activate(qtbot, window) -> None:
    """The window active again (a dialog just closed), as its shortcuts need."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _indicator_text(window, label: str) -> str:
    """The value shown on the indicators dock's row ``label``."""
    table = window.findChild(QTableView, "indicators_table")
    model = table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == label:
            return str(model.index(row, 1).data())
    raise AssertionError(f"no row {label!r}")


def _shows(qtbot, window, label: str, text: str) -> None:
    """Wait until the indicators dock shows ``text`` on row ``label``."""
    try:
        qtbot.waitUntil(lambda: _indicator_text(window, label) == text, timeout=20_000)
    except AssertionError:
        raise AssertionError(
            f"{label}: {_indicator_text(window, label)!r}, not {text!r}"
        ) from None


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_first_hour_on_the_malan_park(
    make_window, qtbot, malan, lang, tmp_path, monkeypatch
):
    window = make_window(Project.new("Malan", "EPSG:2154"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    if lang == "fr":
        window.actions_["action_lang_fr"].trigger()
    try:
        _journey(window, qtbot, malan, lang, tmp_path, monkeypatch)
    finally:
        window.actions_["action_lang_en"].trigger()


def _journey(window, qtbot, malan, lang, tmp_path, monkeypatch):
    fr = lang == "fr"
    document = window.document
    folder = malan["folder"]

    # 1. The site: the park's outline out of the activity zones, by a filter
    # typed with its apostrophe doubled as SQL wants.
    dialog = _import(
        qtbot,
        window,
        folder / "ZONE_D_ACTIVITE_OU_D_INTERET.shp",
        kind_steps=1,
        where="TOPONYME = 'Parc d''Activités de Malan'",
    )
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    site = document.project.site
    assert site is not None
    assert site.boundary.area == pytest.approx(malan["site"].area, abs=0.01)
    assert site.boundary.area == pytest.approx(279_000, rel=0.01)  # 27.9 ha

    # 2. Its buildings, kept to the site (its checkbox clicked).
    dialog = _import(qtbot, window, folder / "BATIMENT.shp", clip=True)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    _activate(qtbot, window)
    buildings = document.project.baseline.buildings
    assert set(buildings) == malan["ids"]
    assert len(buildings) > 50
    footprint = float(shapely.area(malan["footprints"]).sum())
    assert sum(b.footprint.area for b in buildings.values()) == pytest.approx(
        footprint, rel=1e-9
    )
    coverage = round(100 * footprint / malan["site"].area)
    _shows(
        qtbot,
        window,
        "Emprise au sol" if fr else "Site coverage",
        f"{coverage}{NNBSP}%" if fr else f"{coverage}%",
    )

    # 3. The largest shed clicked on the plan, its ground floor's height typed
    # in the user's own decimal separator, then undone.
    areas = {bid: b.footprint.area for bid, b in buildings.items()}
    largest = max(areas, key=areas.__getitem__)
    point = buildings[largest].footprint.representative_point()
    window.site_view.zoom_to_site()
    click(window, point.x, point.y)
    qtbot.waitUntil(lambda: document.selection == [largest], timeout=5_000)
    name = window.findChild(QLineEdit, "building_name")
    assert name.text() == buildings[largest].name
    levels = window.findChild(QTableView, "levels_table")
    model = levels.model()
    ground_row = model.rowCount() - 1  # the top storey is listed first
    height_column = next(
        c
        for c in range(model.columnCount())
        if str(model.headerData(c, Qt.Orientation.Horizontal)).startswith(
            ("Hauteur", "Height")
        )
    )
    cell = levels.visualRect(model.index(ground_row, height_column)).center()
    QTest.mouseClick(levels.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    before = buildings[largest].levels[0].height_m
    steps = document.undo_stack.index()
    for char in "12,5" if fr else "12.5":  # each key to whatever has the focus
        QTest.keyClicks(QApplication.focusWidget(), char, delay=40)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: document.undo_stack.index() == steps + 1, timeout=5_000)
    edited = document.project.baseline.buildings[largest]
    assert edited.levels[0].height_m == 12.5
    tallest = max(
        sum(lv.height_m for lv in b.levels)
        for b in document.project.baseline.buildings.values()
    )
    qtbot.waitUntil(
        lambda: _indicator_text(
            window, "Hauteur maximale" if fr else "Maximum height"
        ).startswith(f"{tallest:.1f}".replace(".", "," if fr else ".")),
        timeout=10_000,
    )
    window.site_view.setFocus()
    QTest.keyClick(window.site_view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: document.undo_stack.index() == steps, timeout=5_000)
    assert document.project.baseline.buildings[largest].levels[0].height_m == before

    # 4. A scenario named in its dialog, the largest shed removed from it: the
    # figures shown are the reference evaluation's.
    scenario = "Densification" if not fr else "Densifié"
    answer_text_prompt(scenario)
    QTest.keyClick(window, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: document.current_scenario == scenario, timeout=10_000)
    _activate(qtbot, window)
    click(window, point.x, point.y)
    qtbot.waitUntil(lambda: document.selection == [largest], timeout=5_000)
    window.site_view.setFocus()
    QTest.keyClick(window.site_view, Qt.Key.Key_Delete)
    qtbot.waitUntil(
        lambda: largest not in document.project.scenario(scenario).buildings,
        timeout=5_000,
    )
    expected = reference_evaluate(document.project, scenario).indicators
    label = "Maintien du productif" if fr else "Productive retention"
    percent = round(100 * expected["productive_retention"])
    _shows(qtbot, window, label, f"{percent}{NNBSP}%" if fr else f"{percent}%")
    assert percent < 100  # the shed held productive floor area

    # 5. Saved (Ctrl+S; the system's file dialog answered), then read by GDAL:
    # the scenario's whole state is its buildings but the removed shed.
    saved = tmp_path / f"malan-{lang}.mixplan.gpkg"
    monkeypatch.setattr(window, "ask_save_path", lambda: saved)
    QTest.keyClick(window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(
        lambda: document.path == saved and not document.modified, timeout=30_000
    )
    table, shapes = _read(saved, layer="buildings")
    mine = table["scenario"] == scenario
    assert set(table["building_id"][mine].tolist()) == malan["ids"] - {largest}
    assert np.isclose(shapely.area(shapes[mine]).sum(), footprint - areas[largest])

    # 6. The council report (Ctrl+Shift+P), in the window's language, named
    # after the project and its site, never "Untitled".
    _activate(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(
        lambda: _top_dialog("report_export_dialog") is not None, timeout=10_000
    )
    report = _top_dialog("report_export_dialog")
    pdf = tmp_path / f"malan-{lang}.pdf"
    path_edit = report.findChild(QLineEdit, "report_path")
    QTest.mouseClick(path_edit, Qt.MouseButton.LeftButton)
    QTest.keyClick(path_edit, Qt.Key.Key_A, CTRL)
    type_text(path_edit, str(pdf))
    with qtbot.waitSignal(report.exported, timeout=120_000):
        QTest.mouseClick(
            report.findChild(QPushButton, "report_export"), Qt.MouseButton.LeftButton
        )
    text = "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    assert "Malan" in text and scenario in text
    assert "Untitled" not in text and "Sans titre" not in text
    french = ("Surface de plancher", "Rapport")
    assert any(word in text for word in french) == fr


HOTEL_DIEU_USES = {
    "Floor": "outline",
    "Offices": "office",
    "Supermarket": "retail",
    "Restaurants": "restaurant",
    "Coffee": "restaurant",
    "Meeting rooms": "shared_services",
}


@pytest.fixture(scope="module")
def hotel_dieu() -> dict[str, object]:
    """The Grand Hôtel-Dieu plan's outline and use shares, read with ezdxf.

    Closed polylines in centimetres; a use's share is the area of its rooms
    (overlaps counted once) inside the outline over the outline's area.
    """
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent (real site data lives beside the repo)")
    import ezdxf

    path = SHARED_DATA / "cs_proxymix_hotel_dieu" / "building.dxf"
    rooms: dict[str, list[shapely.Polygon]] = {}
    outlined = set()
    for entity in ezdxf.readfile(path).modelspace().query("LWPOLYLINE"):
        if entity.closed:
            outlined.add(entity.dxf.layer)
        if entity.closed and entity.dxf.layer in HOTEL_DIEU_USES:
            points = [(x / 100, y / 100) for x, y, *_ in entity.get_points()]
            rooms.setdefault(entity.dxf.layer, []).append(shapely.Polygon(points))
    outline = shapely.union_all(rooms.pop("Floor"))
    areas: dict[str, float] = {}
    for layer, polygons in rooms.items():
        use = HOTEL_DIEU_USES[layer]
        inside = shapely.union_all(polygons).intersection(outline).area
        areas[use] = areas.get(use, 0.0) + inside
    shares = {use: area / outline.area for use, area in areas.items()}
    shares["unassigned"] = 1.0 - sum(shares.values())
    return {
        "path": path,
        "area": outline.area,
        "shares": shares,
        "outlined_layers": len(outlined),
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_architect_s_plan_imported_through_the_dialog(
    make_window, qtbot, hotel_dieu, lang
):
    window = make_window(Project.new("Lyon", "EPSG:2154"))
    if lang == "fr":
        window.actions_["action_lang_fr"].trigger()
    try:
        dialog = _import_dialog(qtbot, window, hotel_dieu["path"])
        table = dialog.findChild(QTableWidget, "import_layer_table")
        # one row a layer holding closed outlines (of its 83 layers)
        assert table.rowCount() == hotel_dieu["outlined_layers"]
        # Each layer's use picked in its row's list: the list opened with a
        # click, the entry reached with the arrow keys, Enter.
        for row in range(table.rowCount()):
            layer = table.item(row, 0).text()
            if layer not in HOTEL_DIEU_USES:
                continue
            table.scrollToItem(table.item(row, 0))  # the user scrolls to it
            combo = table.cellWidget(row, 2)
            QTest.mouseClick(combo, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda c=combo: c.view().isVisible(), timeout=5_000)
            steps = combo.findData(HOTEL_DIEU_USES[layer]) - combo.currentIndex()
            for _ in range(steps):
                QTest.keyClick(combo.view(), Qt.Key.Key_Down)
            QTest.keyClick(combo.view(), Qt.Key.Key_Return)
            qtbot.waitUntil(lambda c=combo: not c.view().isVisible(), timeout=5_000)
            assert combo.currentData() == HOTEL_DIEU_USES[layer]
        # placed on a Lyon address in Lambert-93
        _type_into(dialog.findChild(QLineEdit, "import_origin"), "842000,6519000")
        _click_import(qtbot, dialog)
        (building,) = window.document.project.baseline.buildings.values()
        assert building.footprint.area == pytest.approx(hotel_dieu["area"], rel=1e-9)
        shares = building.levels[0].use_shares()
        assert shares.keys() == hotel_dieu["shares"].keys()
        for use, share in hotel_dieu["shares"].items():
            assert shares[use] == pytest.approx(share, abs=1e-9), use
        minx, miny, _, _ = building.footprint.bounds
        assert 841_000 < minx < 843_000 and 6_518_000 < miny < 6_520_000
        report = dialog.findChild(QPlainTextEdit, "import_preview").toPlainText()
        assert ("non géoréférencé" in report) == (lang == "fr"), report
        assert ("not georeferenced" in report) == (lang == "en"), report
    finally:
        window.actions_["action_lang_en"].trigger()
