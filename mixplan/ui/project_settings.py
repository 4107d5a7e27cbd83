"""File ▸ Project settings…: the project's name, author, site name and CRS.

Each field commits when the user leaves it or presses Enter, as one undo step
(``SetProjectSetting``). The CRS is picked from a searchable list of the projected
EPSG systems of the PROJ database, read off the GUI thread (it takes ~0.5 s);
only metric ones are accepted, and only while the project holds no geometry.
"""

from __future__ import annotations

import importlib.util
import os
import sqlite3
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mixplan.model.errors import MixplanError
from mixplan.model.project_settings import (
    SetProjectSetting,
    has_geometry,
    project_setting,
)
from mixplan.ui.document import ProjectDocument

_crs_cache: list[tuple[str, str]] = []


def projected_crs_list() -> list[tuple[str, str]]:
    """``("EPSG:2154", "RGF93 v1 / Lambert-93")`` for every projected EPSG CRS
    not deprecated, once each, by name then code.

    Read from PROJ's database with ``sqlite3``, which lets other threads run
    between rows: pyproj's ``query_crs_info`` builds the list in one C call
    that held the GIL 90 ms (the window waiting, the first time the project
    settings opened) and lists 16 CRSs twice. It is the fallback if the
    database cannot be read this way.
    """
    if not _crs_cache:
        try:
            rows = _epsg_projected_rows()
        except sqlite3.Error:
            from pyproj.database import query_crs_info
            from pyproj.enums import PJType

            infos = query_crs_info(
                auth_name="EPSG", pj_types=PJType.PROJECTED_CRS, allow_deprecated=False
            )
            rows = [(i.code, i.name) for i in infos]
        entries = {(f"EPSG:{code}", name) for code, name in rows}
        _crs_cache.extend(sorted(entries, key=lambda c: (c[1], c[0])))
    return _crs_cache


def _epsg_projected_rows() -> list[tuple[str, str]]:
    """(code, name) of PROJ's projected EPSG CRSs not deprecated."""
    database = _proj_database()
    if not database.is_file():
        raise sqlite3.OperationalError(f"no {database}")
    connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(
            "SELECT code, name FROM projected_crs"
            " WHERE auth_name = 'EPSG' AND deprecated = 0"
        ).fetchall()
    finally:
        connection.close()


def crs_problem(code: str) -> str | None:
    """Why ``code`` cannot be a project's CRS (not projected, not in metres), in
    the interface's language."""
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        crs = CRS.from_user_input(code)
    except CRSError:
        return QCoreApplication.translate(
            "ProjectSettingsDialog", "%1 is not in the PROJ database"
        ).replace("%1", code)
    if not crs.is_projected:
        return QCoreApplication.translate(
            "ProjectSettingsDialog", "%1 is not a projected CRS"
        ).replace("%1", code)
    units = {axis.unit_name for axis in crs.axis_info}
    if units != {"metre"}:
        return (
            QCoreApplication.translate(
                "ProjectSettingsDialog", "%1 is in %2; mixplan works in metres"
            )
            .replace("%1", code)
            .replace("%2", ", ".join(sorted(units)))
        )
    return None


def _proj_database() -> Path:
    """PROJ's database: the one pyproj's wheel ships, found without importing
    pyproj (its import alone holds the GIL 0.1 s: the window waited for the
    list's thread), else where pyproj says."""
    spec = importlib.util.find_spec("pyproj")
    if spec is not None and spec.origin is not None and "PROJ_DATA" not in os.environ:
        shipped = Path(spec.origin).parent / "proj_dir" / "share" / "proj" / "proj.db"
        if shipped.is_file():
            return shipped
    from pyproj.datadir import get_data_dir

    return Path(get_data_dir()) / "proj.db"


_loading: list[Future[list[tuple[str, str]]]] = []


def crs_list_future() -> Future[list[tuple[str, str]]]:
    """The CRS list, read once per session on a worker thread."""
    if not _loading:
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="crs-list")
        _loading.append(pool.submit(projected_crs_list))
        pool.shutdown(wait=False)
    return _loading[0]


class CrsListModel(QAbstractListModel):
    """The projected CRSs as "code — name" rows, the code as the user data.

    A model over the list rather than one item per CRS: appending ~6,000 items
    held the window for 0.1 s each time the dialog opened (and File ▸ New opens it).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[tuple[str, str]] = []

    def set_entries(self, entries: list[tuple[str, str]]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        code, name = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{code} — {name}"
        if role == Qt.ItemDataRole.UserRole:
            return code
        return None


class ProjectSettingsDialog(QDialog):
    """Name, author, site name and CRS of the open project."""

    def __init__(self, document: ProjectDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("project_settings_dialog")
        self.document = document
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for setting, name in (
            ("name", "project_name"),
            ("author", "project_author"),
            ("site_name", "site_name"),
        ):
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.setMaxLength(200)
            edit.editingFinished.connect(lambda s=setting: self._commit(s))
            self.fields[setting] = edit
            label = QLabel()
            label.setBuddy(edit)
            self.labels[setting] = label
            form.addRow(label, edit)

        self.crs_group = QGroupBox()
        self.crs_current = QLabel()
        self.crs_current.setObjectName("project_crs")
        self.crs_current.setWordWrap(True)
        self.crs_search = QLineEdit()
        self.crs_search.setObjectName("crs_search")
        self.crs_search.setClearButtonEnabled(True)
        self.crs_model = CrsListModel(self)
        self.crs_proxy = QSortFilterProxyModel(self)
        self.crs_proxy.setSourceModel(self.crs_model)
        self.crs_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.crs_search.textChanged.connect(self.crs_proxy.setFilterFixedString)
        self.crs_list = QListView()
        self.crs_list.setObjectName("crs_list")
        self.crs_list.setModel(self.crs_proxy)
        self.crs_list.setUniformItemSizes(True)
        self.crs_list.activated.connect(lambda _i: self._use_crs())
        self.crs_apply = QPushButton()
        self.crs_apply.setObjectName("crs_apply")
        self.crs_apply.clicked.connect(self._use_crs)
        crs_layout = QVBoxLayout(self.crs_group)
        crs_layout.addWidget(self.crs_current)
        crs_layout.addWidget(self.crs_search)
        crs_layout.addWidget(self.crs_list)
        crs_layout.addWidget(self.crs_apply)

        self.message = QLabel()
        self.message.setObjectName("settings_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b42318;")
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # Enter commits a field; it must not also close the dialog.
        for button in (*buttons.buttons(), self.crs_apply):
            button.setAutoDefault(False)
            button.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.crs_group, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, 560)
        self.retranslate()
        self.refresh()
        # A bound method, not a lambda: Qt drops the connection when the dialog
        # is deleted on close (a lambda outlived it and reached its deleted
        # fields at every later edit).
        document.changed.connect(self._on_document_changed)
        # Polled rather than signalled: the dialog may close before the list is
        # read, and a worker must never call into a deleted dialog.
        self._crs_future = crs_list_future()
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._check_crs_list)
        self._poll.start()
        self._check_crs_list()

    def _check_crs_list(self) -> None:
        if self._crs_future.done():
            self._poll.stop()
            self._fill_crs(self._crs_future.result())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Project settings"))
        self.labels["name"].setText(self.tr("Project &name"))
        self.labels["author"].setText(self.tr("&Author"))
        self.labels["site_name"].setText(self.tr("&Site name"))
        self.crs_group.setTitle(self.tr("Coordinate reference system"))
        self.crs_search.setPlaceholderText(
            self.tr("Search by EPSG code or name (e.g. Lambert-93, New York)")
        )
        self.crs_apply.setText(self.tr("Use the selected CRS"))

    def _on_document_changed(self, _change: object) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Show the project's values (never over text being typed).

        A field already showing its value is left alone: setting the same text
        again would drop what the user has selected in it (the CRS list, read
        in the background, refreshes the dialog whenever it arrives).
        """
        project = self.document.project
        for setting, edit in self.fields.items():
            value = project_setting(project, setting)  # type: ignore[arg-type]
            if edit.text() != value and (not edit.hasFocus() or not edit.isModified()):
                edit.setText(value)
        has_site = project.site is not None
        site_edit = self.fields["site_name"]
        site_edit.setEnabled(has_site)
        site_edit.setPlaceholderText(
            "" if has_site else self.tr("Draw or import the site first")
        )
        name = dict(_crs_cache).get(project.crs, "")
        self.crs_current.setText(
            self.tr("Project CRS: %1").replace(
                "%1", f"{project.crs} — {name}" if name else project.crs
            )
        )
        locked = has_geometry(project)
        for widget in (self.crs_search, self.crs_list, self.crs_apply):
            widget.setEnabled(not locked)
        self.crs_group.setToolTip(
            self.tr(
                "The CRS is chosen before anything is drawn or imported: the "
                "project's coordinates are in it"
            )
            if locked
            else ""
        )

    def _fill_crs(self, entries: list) -> None:  # type: ignore[type-arg]
        self.crs_model.set_entries(entries)
        self.refresh()

    def _show(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def _push(self, setting: str, value: str) -> bool:
        try:
            self.document.push(
                SetProjectSetting(setting, value, self.tr("Edit project settings"))
            )  # type: ignore[arg-type]
        except MixplanError as exc:
            self._show(str(exc))
            return False
        self._show("")
        return True

    def _commit(self, setting: str) -> None:
        edit = self.fields[setting]
        edit.setModified(False)
        value = edit.text().strip()
        if value == project_setting(self.document.project, setting):  # type: ignore[arg-type]
            return
        if not self._push(setting, value):
            edit.setText(project_setting(self.document.project, setting))  # type: ignore[arg-type]

    def _use_crs(self) -> None:
        index = self.crs_list.currentIndex()
        if not index.isValid():
            self._show(self.tr("Choose a CRS in the list first."))
            return
        code = str(index.data(Qt.ItemDataRole.UserRole))
        if code == self.document.project.crs:
            return
        problem = crs_problem(code)
        if problem is not None:
            self._show(problem)
            return
        self._push("crs", code)

    def done(self, result: int) -> None:
        # Enter in a field closes the dialog: commit what was typed first.
        for setting in self.fields:
            self._commit(setting)
        super().done(result)


def show_project_settings(window) -> ProjectSettingsDialog:  # type: ignore[no-untyped-def]
    """Open the settings of the window's project (window-modal, not blocking)."""
    dialog = window.findChild(ProjectSettingsDialog, "project_settings_dialog")
    if dialog is None:
        dialog = ProjectSettingsDialog(window.document, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
