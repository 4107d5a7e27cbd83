"""Edit and Scenario menu operations, each pushed as one undo command."""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
)

from mixplan import __version__
from mixplan.model import MixplanError
from mixplan.model.commands import (
    AddBuildings,
    AddScenario,
    CompoundCommand,
    DeleteScenario,
    RemoveBuildings,
    RemoveCover,
    RenameScenario,
    RestoreBuilding,
    RestoreCover,
    SetCover,
)
from mixplan.model.geometry import polygons_checked
from mixplan.ui.errors import show_error
from mixplan.ui.i18n import cover_labels, current_language
from mixplan.ui.panels.common import format_number
from mixplan.ui.tools import all_building_ids, fresh_ids

#: How far a duplicate is offset from its original (metres east and south), so
#: that it is visible and can be dragged into place.
DUPLICATE_OFFSET_M = 5.0


translate = QCoreApplication.translate


def _push(window, command) -> bool:  # type: ignore[no-untyped-def]
    try:
        window.document.push(command)
    except MixplanError as exc:
        show_error(window, str(exc))
        return False
    return True


def delete_selection(window) -> None:  # type: ignore[no-untyped-def]
    document = window.document
    ids = [b for b in document.selection if b in document.scenario.buildings]
    if not ids:
        delete_covers(window)
        return
    scenario = document.current_scenario
    label = (
        translate("EditOperations", "Delete building")
        if len(ids) == 1
        else translate("EditOperations", "Delete %n buildings")
    )
    label = label.replace("%n", format_number(len(ids)))
    _push(window, RemoveBuildings(scenario, ids, label))


def restore_removed(window) -> None:  # type: ignore[no-untyped-def]
    """Edit ▸ Restore a removed building…: the scenario keeps it again (one step)."""
    document = window.document
    scenario = document.scenario
    base = document.project.baseline.buildings
    ids = [i for i in scenario.removed if i in base]
    if not ids:
        window.statusBar().showMessage(
            translate(
                "EditOperations",
                "This scenario removes no building of the existing state",
            ),
            4000,
        )
        return
    labels = [f"{base[i].name} ({i})" if base[i].name else i for i in ids]
    name = scenario.name

    def chosen(building_id: str) -> None:
        if _push(window, RestoreBuilding(name, building_id)):
            document.set_selection([building_id])

    _choose_removed(
        window,
        "restore_building_dialog",
        translate("EditOperations", "Restore a removed building"),
        translate("EditOperations", "Building of the existing state to keep again:"),
        dict(zip(labels, ids, strict=True)),
        chosen,
    )


def restore_removed_cover(window) -> None:  # type: ignore[no-untyped-def]
    """Edit ▸ Restore a removed ground cover…: kept again (one undo step)."""
    document = window.document
    scenario = document.scenario
    base = document.project.baseline.cover
    ids = sorted(i for i in scenario.cover_removed if i in base)
    if not ids:
        window.statusBar().showMessage(
            translate(
                "EditOperations",
                "This scenario removes no ground cover of the existing state",
            ),
            4000,
        )
        return
    surfaces = cover_labels()
    labels = [f"{i} — {surfaces.get(base[i].cover, base[i].cover)}" for i in ids]
    name = scenario.name

    def chosen(cover_id: str) -> None:
        if _push(window, RestoreCover(name, cover_id)):
            document.set_cover_selection([cover_id])

    _choose_removed(
        window,
        "restore_cover_dialog",
        translate("EditOperations", "Restore a removed ground cover"),
        translate(
            "EditOperations", "Ground cover of the existing state to keep again:"
        ),
        dict(zip(labels, ids, strict=True)),
        chosen,
    )


def _choose_removed(  # type: ignore[no-untyped-def]
    window, object_name: str, title: str, label: str, ids: dict[str, str], chosen
) -> None:
    """A window-modal list of what a scenario removes; ``chosen(id)`` on OK."""
    dialog = QInputDialog(window)
    dialog.setObjectName(object_name)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setComboBoxItems(list(ids))
    dialog.setComboBoxEditable(False)
    dialog.textValueSelected.connect(lambda text: chosen(ids[text]))
    dialog.open()


def delete_covers(window) -> None:  # type: ignore[no-untyped-def]
    """Remove the selected ground covers as one undo step."""
    document = window.document
    ids = [c for c in document.cover_selection if c in document.scenario.cover]
    if not ids:
        return
    scenario = document.current_scenario
    label = (
        translate("EditOperations", "Delete ground cover")
        if len(ids) == 1
        else translate("EditOperations", "Delete %n ground covers")
    ).replace("%n", format_number(len(ids)))
    _push(window, CompoundCommand([RemoveCover(scenario, c) for c in ids], label))


def retype_covers(window, cover_type: str) -> None:  # type: ignore[no-untyped-def]
    """Give the selected ground covers another surface type, as one undo step."""
    document = window.document
    covers = document.scenario.cover
    ids = [
        c
        for c in document.cover_selection
        if c in covers and covers[c].cover != cover_type
    ]
    if not ids:
        return
    scenario = document.current_scenario
    commands = [SetCover(scenario, c, cover=cover_type) for c in ids]
    command = commands[0] if len(commands) == 1 else CompoundCommand(commands)
    # The model's English label, translated by the undo adapter.
    command.label = "Set ground cover"
    _push(window, command)


def set_cover_spaces(window, spaces: int) -> None:  # type: ignore[no-untyped-def]
    """Give the selected surface car parks ``spaces`` car spaces (0: not stated),
    as one undo step."""
    document = window.document
    covers = document.scenario.cover
    ids = [
        c
        for c in document.cover_selection
        if c in covers and covers[c].cover == "parking" and covers[c].spaces != spaces
    ]
    if not ids:
        return
    scenario = document.current_scenario
    commands = [SetCover(scenario, c, spaces=int(spaces)) for c in ids]
    command = commands[0] if len(commands) == 1 else CompoundCommand(commands)
    command.label = "Set car spaces"
    _push(window, command)


def duplicate_selection(window) -> None:  # type: ignore[no-untyped-def]
    document = window.document
    scenario = document.scenario
    ids = fresh_ids("n", all_building_ids(document.project))
    originals = [
        scenario.buildings[b] for b in document.selection if b in scenario.buildings
    ]
    shift = np.array([DUPLICATE_OFFSET_M, -DUPLICATE_OFFSET_M])

    def moved(geometries):  # type: ignore[no-untyped-def]
        return shapely.transform(geometries, lambda xy: xy + shift)

    # (the footprints moved in one call, levels without an outline of their own
    # kept as they are: 300 copies took 0.15 s of the GUI thread one by one)
    footprints = moved(np.array([b.footprint for b in originals], dtype=object))
    outlines = {
        id(lv): moved(lv.polygon)
        for b in originals
        for lv in b.levels
        if lv.polygon is not None
    }
    name = translate("EditOperations", "{0} (copy)")
    # The moved polygons checked at once, not each by the copy that takes it
    # (a box of 2,380 buildings: 0.07 s of the GUI thread in as many checks).
    with polygons_checked([*footprints, *outlines.values()]):
        # (only the fields changed checked: see Building.renewed)
        copies = [
            building.renewed(
                id=next(ids),
                name=name.format(building.name),
                origin=None,
                footprint=footprint,
                levels=tuple(
                    lv if lv.polygon is None else lv.with_polygon(outlines[id(lv)])
                    for lv in building.levels
                ),
            )
            for building, footprint in zip(originals, footprints, strict=True)
        ]
    if not copies:
        return
    command = AddBuildings(
        document.current_scenario,
        copies,
        translate("EditOperations", "Duplicate buildings"),
    )
    if _push(window, command):
        document.set_selection([b.id for b in copies])


def _free_name(project, base: str) -> str:  # type: ignore[no-untyped-def]
    name, n = base, 2
    while project.has_scenario(name):
        name = f"{base} {n}"
        n += 1
    return name


def new_scenario(window, from_current: bool) -> None:  # type: ignore[no-untyped-def]
    document = window.document
    project = document.project
    if from_current:
        source = document.current_scenario
        default = _free_name(
            project, translate("EditOperations", "{0} copy").format(source)
        )
        title = translate("EditOperations", "Duplicate scenario")
    else:
        source = None
        default = _free_name(
            project,
            translate("EditOperations", "Scenario {0}").format(len(project.scenarios)),
        )
        title = translate("EditOperations", "New scenario from the baseline")
    name = window.ask_text(
        title, translate("EditOperations", "Name of the new scenario:"), default
    )
    if not name:
        return
    command = AddScenario(name, source)
    command.label = title
    if _push(window, command):
        document.set_scenario(name)


def rename_scenario(window) -> None:  # type: ignore[no-untyped-def]
    document = window.document
    old = document.current_scenario
    name = window.ask_text(
        translate("EditOperations", "Rename scenario"),
        translate("EditOperations", "New name:"),
        old,
    )
    if name and name != old:
        _push(window, RenameScenario(old, name))


def delete_scenario(window) -> None:  # type: ignore[no-untyped-def]
    document = window.document
    name = document.current_scenario
    if name == document.project.baseline.name:
        show_error(
            window,
            translate("EditOperations", "The baseline scenario cannot be deleted."),
        )
        return
    answer = window.ask_confirm(
        translate(
            "EditOperations", "Delete the scenario “{0}”? (Undo brings it back.)"
        ).format(name)
    )
    if answer:
        _push(window, DeleteScenario(name))


def show_about(window) -> None:  # type: ignore[no-untyped-def]
    QMessageBox.about(
        window,
        translate("EditOperations", "About mixplan"),
        translate(
            "EditOperations",
            "<h3>mixplan {0}</h3><p>Plan the mixed-use redevelopment of business "
            "sites: keep the productive floor area while density rises.</p>"
            "<p>Rules and their sources: Help › Rule sources.</p>",
        ).format(__version__),
    )


def rule_sources_html(lang: str, rulebook=None) -> str:  # type: ignore[no-untyped-def]
    """The rule reference: every rule and parameter, its status and its text."""
    from mixplan.engine.rule_reference import reference_html
    from mixplan.model import Rulebook

    return reference_html(rulebook if rulebook is not None else Rulebook(), lang)


def show_rule_sources(window) -> None:  # type: ignore[no-untyped-def]
    dialog = QDialog(window)
    dialog.setObjectName("rule_sources_dialog")
    dialog.setWindowTitle(translate("EditOperations", "Rule sources"))
    layout = QVBoxLayout(dialog)
    browser = QTextBrowser(dialog)
    browser.setObjectName("rule_reference")
    browser.setOpenExternalLinks(True)
    browser.setHtml(
        rule_sources_html(current_language(), window.document.project.rulebook)
    )
    layout.addWidget(browser)
    dialog.resize(900, 600)
    dialog.open()
