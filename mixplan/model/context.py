"""Context layers: what is shown beneath the project and never edited.

A base map (a georeferenced image, or map tiles from a web service) or a reference
layer (cadastral parcels, roads, PLU zoning… any vector file GDAL reads) is held
as a *reference* to its source, not copied into the project: the project file stays
small and the source stays the authority. The commands here add, remove and
restyle them, each one undo step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from mixplan.model.commands import Change, Command
from mixplan.model.errors import ModelError

if TYPE_CHECKING:
    from mixplan.model.project import Project

__all__ = [
    "CONTEXT_KINDS",
    "AddContextLayer",
    "ContextLayer",
    "MoveContextLayer",
    "RemoveContextLayer",
    "SetContextLayer",
]

ContextKind = Literal["image", "tiles", "vector"]
#: ``image``: a GeoTIFF or an image with a world file; ``tiles``: an XYZ/WMTS
#: tile service (URL template with ``{z}``, ``{x}``, ``{y}``); ``vector``: a
#: reference layer from any vector file GDAL reads.
CONTEXT_KINDS: tuple[str, ...] = ("image", "tiles", "vector")
_MAX_SOURCE = 4096


@dataclass(frozen=True)
class ContextLayer:
    """A layer beneath the project, kept as a reference to its source.

    Parameters
    ----------
    kind
        ``"image"``, ``"tiles"`` or ``"vector"``.
    source
        An absolute file path, or a tile URL template.
    name
        What the Layers panel shows.
    opacity
        From 0 (invisible) to 1.
    visible
        Shown or hidden.
    crs
        The source's CRS when the source does not say (an image with a world
        file but no ``.prj``), ``"EPSG:N"``; empty to take the source's own, or
        the project's.
    layer
        For a vector source with several layers, which one.

    Examples
    --------
    >>> ContextLayer("image", "/data/ortho.tif", "Orthophoto", opacity=0.6).opacity
    0.6
    >>> ContextLayer("map", "x", "X")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mixplan.model.errors.ModelError: unknown context layer kind 'map' ...
    """

    kind: ContextKind
    source: str
    name: str
    opacity: float = 1.0
    visible: bool = True
    crs: str = ""
    layer: str = ""

    def __post_init__(self) -> None:
        if self.kind not in CONTEXT_KINDS:
            raise ModelError(
                f"unknown context layer kind {self.kind!r} ({', '.join(CONTEXT_KINDS)})"
            )
        if not isinstance(self.source, str) or not self.source.strip():
            raise ModelError("a context layer needs a source file or URL")
        if len(self.source) > _MAX_SOURCE:
            raise ModelError(
                f"the source of a context layer is over {_MAX_SOURCE} characters"
            )
        if not isinstance(self.name, str) or len(self.name) > 500:
            raise ModelError("a context layer's name is text of at most 500 characters")
        opacity = self.opacity
        if (
            isinstance(opacity, bool)
            or not isinstance(opacity, int | float)
            or not math.isfinite(opacity)
            or not 0.0 <= opacity <= 1.0
        ):
            raise ModelError(f"opacity {opacity!r} is not between 0 and 1")
        object.__setattr__(self, "opacity", float(opacity))
        if not isinstance(self.visible, bool):
            raise ModelError("'visible' of a context layer is true or false")
        if not isinstance(self.crs, str) or not isinstance(self.layer, str):
            raise ModelError("'crs' and 'layer' of a context layer are text")

    def to_json(self) -> dict[str, Any]:
        """The layer as a JSON object (saved in the project file)."""
        return {
            "kind": self.kind,
            "source": self.source,
            "name": self.name,
            "opacity": self.opacity,
            "visible": self.visible,
            "crs": self.crs,
            "layer": self.layer,
        }

    @classmethod
    def from_json(cls, value: Any) -> ContextLayer:
        """Read a layer back; :class:`ModelError` for anything else.

        Examples
        --------
        >>> layer = ContextLayer("vector", "/data/parcels.gpkg", "Cadastre")
        >>> ContextLayer.from_json(layer.to_json()) == layer
        True
        """
        if not isinstance(value, dict):
            raise ModelError("a context layer is a JSON object")
        known = {"kind", "source", "name", "opacity", "visible", "crs", "layer"}
        unknown = sorted(set(value) - known)
        if unknown:
            raise ModelError(f"unknown context layer key {unknown[0]!r}")
        try:
            return cls(**value)
        except TypeError as exc:
            raise ModelError(f"context layer: {exc}") from None


def _change() -> Change:
    return Change(context=True)


def _check_index(project: Project, index: int) -> None:
    if not 0 <= index < len(project.context_layers):
        raise ModelError(f"no context layer number {index + 1}")


@dataclass
class AddContextLayer(Command):
    """Add a layer on top of the other context layers (still beneath the project)."""

    layer: ContextLayer
    label: str = "Add context layer"

    def _apply(self, project: Project) -> Change:
        project.context_layers = (*project.context_layers, self.layer)
        return _change()

    def _revert(self, project: Project) -> Change:
        project.context_layers = project.context_layers[:-1]
        return _change()


@dataclass
class RemoveContextLayer(Command):
    """Remove the layer at ``index`` (0 = the lowest)."""

    index: int
    label: str = "Remove context layer"
    _old: ContextLayer | None = field(default=None, repr=False)

    def _apply(self, project: Project) -> Change:
        _check_index(project, self.index)
        layers = list(project.context_layers)
        self._old = layers.pop(self.index)
        project.context_layers = tuple(layers)
        return _change()

    def _revert(self, project: Project) -> Change:
        assert self._old is not None
        layers = list(project.context_layers)
        layers.insert(self.index, self._old)
        project.context_layers = tuple(layers)
        return _change()


@dataclass
class SetContextLayer(Command):
    """Change a layer's name, opacity, visibility or CRS."""

    index: int
    changes: dict[str, Any]
    label: str = "Change context layer"
    _old: ContextLayer | None = field(default=None, repr=False)

    def _apply(self, project: Project) -> Change:
        _check_index(project, self.index)
        if {"kind", "source"} & set(self.changes):
            raise ModelError("a context layer's kind and source cannot be changed")
        old = project.context_layers[self.index]
        new = replace(old, **self.changes)
        layers = list(project.context_layers)
        layers[self.index] = new
        project.context_layers = tuple(layers)
        self._old = old
        return _change()

    def _revert(self, project: Project) -> Change:
        assert self._old is not None
        layers = list(project.context_layers)
        layers[self.index] = self._old
        project.context_layers = tuple(layers)
        return _change()


@dataclass
class MoveContextLayer(Command):
    """Move a layer from ``index`` to ``to`` in the drawing order."""

    index: int
    to: int
    label: str = "Move context layer"

    def _apply(self, project: Project) -> Change:
        _check_index(project, self.index)
        _check_index(project, self.to)
        layers = list(project.context_layers)
        layers.insert(self.to, layers.pop(self.index))
        project.context_layers = tuple(layers)
        return _change()

    def _revert(self, project: Project) -> Change:
        layers = list(project.context_layers)
        layers.insert(self.index, layers.pop(self.to))
        project.context_layers = tuple(layers)
        return _change()
