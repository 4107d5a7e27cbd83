"""An edit of many buildings whose new buildings are made across event-loop
turns before it is pushed (a move, a turn, a preset of a whole park)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack

from PySide6.QtCore import QObject, QTimer

from mixplan.model.commands import ApplyPreset, SetLevels, TransformBuildings
from mixplan.ui.busy import BUSY_FROM, busy_for
from mixplan.ui.document import ProjectDocument

__all__ = ["PREPARED_FROM", "PreparedPush"]

#: From this many buildings, an edit's new buildings are made in steps before
#: it is pushed (see :class:`PreparedPush`), under the busy cursor.
PREPARED_FROM = BUSY_FROM


class PreparedPush:
    """An edit of many buildings prepared in steps, then pushed.

    It reserves the edit's place at once (:meth:`ProjectDocument.reserve_edit`:
    the user's edits meanwhile wait behind it), the new buildings are made a
    slice an event-loop turn (``command.prepare``, see
    :class:`~mixplan.model.commands.TransformBuildings`) under a busy cursor,
    then the command is pushed there: transforming 10,000 buildings in the
    release held the GUI thread ~55 ms more, giving them a preset in the
    menu's click ~27 ms.

    ``context`` owns the turns' timers; ``before_push`` runs just before the
    push (the move's ghost removed), ``refused`` is given each refusal.
    """

    def __init__(
        self,
        context: QObject,
        document: ProjectDocument,
        command: TransformBuildings | ApplyPreset | SetLevels,
        refused: Callable[[Exception], None],
        before_push: Callable[[], None] | None = None,
    ) -> None:
        self.context, self.document, self.command = context, document, command
        self.refused, self.before_push = refused, before_push
        self.project = document.project
        self.place = document.reserve_edit()
        self.steps = command.prepare(self.project)
        # (the busy cursor from the start until the push, over several turns)
        self.busy = ExitStack()
        self.busy.enter_context(busy_for(len(command.building_ids)))
        QTimer.singleShot(0, context, self.step)

    def step(self) -> None:
        try:
            next(self.steps)
        except StopIteration:
            self.finish()
        else:
            QTimer.singleShot(0, self.context, self.step)

    def finish(self) -> None:
        if self.before_push is not None:
            self.before_push()
        # (another project opened meanwhile: the edit was of the one before)
        same = self.document.project is self.project
        try:
            refusals = self.document.fill_reserved(
                self.place, self.command if same else None
            )
        finally:
            self.busy.close()
        for exc in refusals:
            self.refused(exc)
