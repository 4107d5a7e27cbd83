"""Project settings as edit commands: name, author, site name and CRS.

Each is one undoable command, like any other edit. The CRS says what the stored
coordinates are in, so it can be chosen only while the project holds no geometry
(a project made for New York data is given its CRS before the first import):
changing it later would silently move every building.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from mixplan.model.commands import Change, Command
from mixplan.model.errors import ModelError
from mixplan.model.project import Project

__all__ = ["SETTINGS", "SetProjectSetting", "has_geometry", "project_setting"]

Setting = Literal["name", "author", "site_name", "crs"]
#: the settings, in the order a dialog shows them
SETTINGS: tuple[Setting, ...] = ("name", "author", "site_name", "crs")
_EPSG = re.compile(r"EPSG:[1-9][0-9]{3,5}")
_MAX_TEXT = 200


def has_geometry(project: Project) -> bool:
    """True when the project holds a site, a building or a ground cover.

    Examples
    --------
    >>> has_geometry(Project.new("Empty"))
    False
    """
    return project.site is not None or any(
        s.buildings or s.cover for s in project.scenarios
    )


def project_setting(project: Project, setting: Setting) -> str:
    """The current value of a setting (``""`` for the name of a missing site).

    Examples
    --------
    >>> project_setting(Project.new("Glaisières"), "crs")
    'EPSG:2154'
    """
    if setting == "site_name":
        return project.site.name if project.site is not None else ""
    return str(getattr(project, setting))


@dataclass
class SetProjectSetting(Command):
    """Set the project's name, author, site name or CRS (``"EPSG:n"``).

    Raises ``ModelError`` (leaving the project as it was) for an empty project
    name, text over 200 characters, a site name without a site, a CRS not
    written ``EPSG:n``, or a CRS change in a project that holds geometry.
    """

    setting: Setting
    value: str
    label: str = "Edit project settings"
    _old: str = field(default="", repr=False)

    def _apply(self, project: Project) -> Change:
        value = self.value.strip()
        self._check(project, value)
        self._old = project_setting(project, self.setting)
        self._set(project, value)
        if self.setting == "crs":
            return Change(everything=True)
        return Change(site=self.setting == "site_name")

    def _revert(self, project: Project) -> Change:
        self._set(project, self._old)
        if self.setting == "crs":
            return Change(everything=True)
        return Change(site=self.setting == "site_name")

    def _check(self, project: Project, value: str) -> None:
        if self.setting not in SETTINGS:
            raise ModelError(
                f"unknown project setting {self.setting!r}; "
                f"settings: {', '.join(SETTINGS)}"
            )
        if len(value) > _MAX_TEXT:
            raise ModelError(f"{self.setting} is over {_MAX_TEXT} characters")
        if self.setting == "name" and not value:
            raise ModelError("a project needs a name")
        if self.setting == "site_name" and project.site is None:
            raise ModelError("draw or import the site before naming it")
        if self.setting == "crs":
            if not _EPSG.fullmatch(value):
                raise ModelError(
                    f"a CRS is written EPSG:n (e.g. EPSG:2154), not {value!r}"
                )
            if value != project.crs and has_geometry(project):
                raise ModelError(
                    f"the project already holds geometry in {project.crs}; its CRS "
                    "can only be chosen before anything is drawn or imported"
                )

    def _set(self, project: Project, value: str) -> None:
        if self.setting == "site_name":
            assert project.site is not None
            project.site = replace(project.site, name=value)
        else:
            setattr(project, self.setting, value)
