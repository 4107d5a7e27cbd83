"""The Layers panel: base maps and reference layers beneath the plan.

Lists the project's context layers (topmost first) with a check box to show or
hide each, an opacity slider and buttons to add or remove them. Every change is
one undo step (the model's context-layer commands); a layer whose file cannot be
read shows why, in one line, and stays in the list until it is removed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from mixplan.model.context import (
    AddContextLayer,
    ContextLayer,
    RemoveContextLayer,
    SetContextLayer,
)
from mixplan.model.errors import MixplanError
from mixplan.ui.context_layers import ContextLayers, layer_key
from mixplan.ui.errors import show_error

translate = QCoreApplication.translate

IMAGE_FILTER = "*.tif *.tiff *.png *.jpg *.jpeg"
VECTOR_FILTER = "*.gpkg *.shp *.geojson *.json *.fgb *.zip *.kml *.gml *.sqlite"


class LayersPanel(QWidget):
    """Context layers of the project: show/hide, opacity, add, remove."""

    def __init__(self, window: Any, layers: ContextLayers) -> None:
        super().__init__(window)
        self.setObjectName("layers_panel")
        self.window_ = window
        self.document = window.document
        self.layers = layers
        self.list = QListWidget(self)
        self.list.setObjectName("layers_list")
        self.opacity = QSlider(Qt.Orientation.Horizontal, self)
        self.opacity.setObjectName("layer_opacity")
        self.opacity.setRange(0, 100)
        self.opacity.setEnabled(False)
        self.opacity_label = QLabel(self)
        self.problem = QLabel(self)
        self.problem.setObjectName("layer_problem")
        self.problem.setWordWrap(True)
        self.add_image = QPushButton(self)
        self.add_tiles = QPushButton(self)
        self.add_vector = QPushButton(self)
        self.remove = QPushButton(self)
        self.remove.setObjectName("layer_remove")
        buttons = QHBoxLayout()
        for button in (self.add_image, self.add_tiles, self.add_vector, self.remove):
            buttons.addWidget(button)
        opacity_row = QHBoxLayout()
        opacity_row.addWidget(self.opacity_label)
        opacity_row.addWidget(self.opacity, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(opacity_row)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

        self._filling = False
        self.list.itemChanged.connect(self._on_item_changed)
        self.list.currentRowChanged.connect(lambda _r: self._show_current())
        # One undo step per gesture: the slider commits on release, keys at once.
        self.opacity.sliderReleased.connect(self._commit_opacity)
        self.opacity.valueChanged.connect(self._on_opacity_value)
        self.add_image.clicked.connect(window.add_basemap_dialog)
        self.add_tiles.clicked.connect(window.add_tiles_dialog)
        self.add_vector.clicked.connect(window.add_reference_dialog)
        self.remove.clicked.connect(self._remove_current)
        self.document.changed.connect(self._on_changed)
        self.document.project_replaced.connect(self.fill)
        layers.layer_loaded.connect(lambda _s: self._show_current())
        self.retranslate()
        self.fill()

    def retranslate(self) -> None:
        self.add_image.setText(self.tr("Base map…"))
        self.add_image.setToolTip(self.tr("A GeoTIFF, or an image with a world file"))
        self.add_tiles.setText(self.tr("Web map…"))
        self.add_tiles.setToolTip(self.tr("Map tiles from a web service (XYZ or WMTS)"))
        self.add_vector.setText(self.tr("Reference…"))
        self.add_vector.setToolTip(
            self.tr("Parcels, roads, zoning: any vector file GDAL reads")
        )
        self.remove.setText(self.tr("Remove"))
        self.opacity_label.setText(self.tr("Opacity"))

    # --- the list (topmost layer first, as in QGIS) -----------------------------

    def _index_of_row(self, row: int) -> int:
        return len(self.document.project.context_layers) - 1 - row

    def fill(self) -> None:
        self._filling = True
        try:
            current = self.list.currentRow()
            self.list.clear()
            for layer in reversed(self.document.project.context_layers):
                item = QListWidgetItem(layer.name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked
                )
                item.setToolTip(layer.source)
                self.list.addItem(item)
            if self.list.count():
                self.list.setCurrentRow(max(0, min(current, self.list.count() - 1)))
        finally:
            self._filling = False
        self._show_current()

    def _on_changed(self, change: Any) -> None:
        if change.context or change.everything:
            self.fill()

    def current_layer(self) -> tuple[int, ContextLayer] | None:
        row = self.list.currentRow()
        layers = self.document.project.context_layers
        if not 0 <= row < len(layers):
            return None
        index = self._index_of_row(row)
        return index, layers[index]

    def _show_current(self) -> None:
        current = self.current_layer()
        self.remove.setEnabled(current is not None)
        self.opacity.setEnabled(current is not None)
        if current is None:
            self.problem.clear()
            return
        index, layer = current
        self._filling = True
        try:
            self.opacity.setValue(round(layer.opacity * 100))
        finally:
            self._filling = False
        problem = self.layers.problems.get(layer_key(layer), "")
        self.problem.setText(problem)
        self.problem.setToolTip(problem)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        index = self._index_of_row(self.list.row(item))
        visible = item.checkState() == Qt.CheckState.Checked
        layer = self.document.project.context_layers[index]
        if layer.visible != visible:
            command = SetContextLayer(index, {"visible": visible})
            command.label = "Show layer" if visible else "Hide layer"
            self.document.push(command)

    def _on_opacity_value(self, value: int) -> None:
        if self._filling:
            return
        current = self.current_layer()
        if current is None:
            return
        item = self.layers.items.get(layer_key(current[1]))
        if item is not None:
            item.setOpacity(value / 100)  # live preview while dragging
        if not self.opacity.isSliderDown():
            self._commit_opacity()

    def _commit_opacity(self) -> None:
        current = self.current_layer()
        if current is None:
            return
        index, layer = current
        value = self.opacity.value() / 100
        if abs(value - layer.opacity) > 1e-9:
            command = SetContextLayer(index, {"opacity": value})
            command.label = "Set layer opacity"
            self.document.push(command)

    def _remove_current(self) -> None:
        current = self.current_layer()
        if current is not None:
            self.document.push(RemoveContextLayer(current[0]))


class ContextLayerActions:
    """What the window offers for context layers: actions, dialogs, the dock."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.controller = ContextLayers(window)
        self.controller.message.connect(
            lambda text: window.statusBar().showMessage(text, 8000)
        )
        window.site_view.empty_clicked.connect(self._identify)  # type: ignore[attr-defined]
        self.actions: dict[str, QAction] = {}
        for name, slot in (
            ("action_add_basemap", window.add_basemap_dialog),  # type: ignore[attr-defined]
            ("action_add_tiles", window.add_tiles_dialog),  # type: ignore[attr-defined]
            ("action_add_reference", window.add_reference_dialog),  # type: ignore[attr-defined]
        ):
            action = QAction(window)
            action.setObjectName(name)
            action.triggered.connect(slot)
            self.actions[name] = action
        self.dock = QDockWidget(window)
        self.dock.setObjectName("dock_layers")
        self.panel = LayersPanel(window, self.controller)
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        view_menu = window.menus.view  # type: ignore[attr-defined]
        view_menu.addSeparator()
        view_menu.addActions(list(self.actions.values()))

    def retranslate(self) -> None:
        texts = {
            "action_add_basemap": translate("MainWindow", "Add &base map…"),
            "action_add_tiles": translate("MainWindow", "Add &web map…"),
            "action_add_reference": translate("MainWindow", "Add &reference layer…"),
        }
        for name, text in texts.items():
            self.actions[name].setText(text)
            self.actions[name].setStatusTip(text.replace("&", "").rstrip("…"))
        self.dock.setWindowTitle(translate("MainWindow", "Layers"))
        self.panel.retranslate()

    def _identify(self, x: float, y: float) -> None:
        from PySide6.QtGui import QCursor

        self.controller.show_identify(x, y, QCursor.pos())

    # --- adding (what the dialogs do once a file or URL is chosen) --------------

    def add_basemap(self, path: Path) -> bool:
        """Add a georeferenced image; a dialog and no change if it cannot be."""
        from mixplan.store.basemap import read_georeference

        path = Path(path).resolve()
        try:
            georef = read_georeference(path)
            georef.corners_in(self.window.document.project.crs)  # type: ignore[attr-defined]
        except MixplanError as exc:
            show_error(self.window, f"{exc.path or path}: {exc}")
            return False
        layer = ContextLayer("image", str(path), path.stem)
        self.window.document.push(AddContextLayer(layer))  # type: ignore[attr-defined]
        if georef.assumed_crs:
            self.window.statusBar().showMessage(
                translate(
                    "MainWindow",
                    "{0} states no CRS: it is taken to be the project's",
                ).format(path.name),
                8000,
            )
        return True

    def add_tiles(self, url: str, name: str = "") -> bool:
        from mixplan.store.tiles import TileKey, tile_url

        url = url.strip()
        try:
            tile_url(url, TileKey(0, 0, 0))
            if not url.lower().startswith(("http://", "https://")):
                raise MixplanError("a tile service URL starts with http:// or https://")
        except MixplanError as exc:
            show_error(self.window, str(exc))
            return False
        host = url.split("/")[2] if url.count("/") >= 2 else url
        layer = ContextLayer("tiles", url, name or host)
        self.window.document.push(AddContextLayer(layer))  # type: ignore[attr-defined]
        return True

    def add_reference(self, path: Path, layer_name: str = "") -> bool:
        from mixplan.store.vector import ImportCaps, layer_names, vsi_path

        path = Path(path).resolve()
        try:
            if not path.exists():
                raise MixplanError("no such file", path)
            names = layer_names(vsi_path(path, ImportCaps()), path)
            if not names:
                raise MixplanError("holds no layer GDAL can read", path)
        except MixplanError as exc:
            show_error(self.window, f"{exc.path or path}: {exc}")
            return False
        if not layer_name and len(names) > 1:
            choice, ok = QInputDialog.getItem(
                self.window,
                translate("MainWindow", "Add reference layer"),
                translate("MainWindow", "Layer of {0}:").format(path.name),
                [n for n, _k in names],
                0,
                False,
            )
            if not ok:
                return False
            layer_name = choice
        title = layer_name or (names[0][0] if len(names) == 1 else path.stem)
        layer = ContextLayer("vector", str(path), title, layer=layer_name)
        self.window.document.push(AddContextLayer(layer))  # type: ignore[attr-defined]
        return True

    def add_basemap_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            translate("MainWindow", "Add base map"),
            "",
            translate("MainWindow", "Georeferenced images ({0})").format(IMAGE_FILTER),
        )
        if path:
            self.add_basemap(Path(path))

    def add_tiles_dialog(self) -> None:
        url, ok = QInputDialog.getText(
            self.window,
            translate("MainWindow", "Add web map"),
            translate(
                "MainWindow",
                "Tile URL with {z}, {x} and {y} (or a WMS GetMap URL with {bbox} "
                "and CRS=EPSG:3857), e.g. "
                "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            ),
        )
        if ok and url.strip():
            self.add_tiles(url)

    def add_reference_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            translate("MainWindow", "Add reference layer"),
            "",
            translate("MainWindow", "Vector files ({0});;All files (*)").format(
                VECTOR_FILTER
            ),
        )
        if path:
            self.add_reference(Path(path))
