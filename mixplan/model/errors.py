"""Errors meant for users: one clear line, never a traceback (DESIGN §10).

An error speaks the user's language, as findings do (``message`` /
``message_fr``): it is raised with its English text, and with a French one when
the raise site writes it; otherwise the French comes from the catalogue of
:mod:`mixplan.model.errors_fr`, keyed by the English text as gettext keys its
catalogues. ``str(error)`` is the text in the language the front end chose
(:func:`set_message_language`: the editor's Language menu, the CLI's ``--lang``
or locale), English until one is chosen; :meth:`MixplanError.text` gives either.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["MixplanError", "ModelError", "message_language", "set_message_language"]

_language = "en"


def set_message_language(lang: str) -> None:
    """Choose the language of error messages: ``"fr"`` or ``"en"`` (the default).

    The one process-wide choice the front ends make, as Qt's installed
    translator is for the editor's own texts.
    """
    global _language
    _language = "fr" if lang == "fr" else "en"


def message_language() -> str:
    """The language :func:`set_message_language` chose (``"en"`` by default)."""
    return _language


class MixplanError(Exception):
    r"""Base of every error whose message is shown to users as is.

    ``path`` names the file the problem is about, when there is one; the CLI prints
    ``path: message`` on one line and exits 2. ``message_fr`` is its French, when
    the raise site gives it.

    Examples
    --------
    >>> error = MixplanError("a scenario 'Plan' already exists")
    >>> error.text("fr")
    'Un scénario «\u202fPlan\u202f» existe déjà'
    >>> str(error)
    "a scenario 'Plan' already exists"
    """

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        *,
        message_fr: str | None = None,
    ) -> None:
        super().__init__(message)
        self.path = str(path) if path is not None else None
        self.message_fr = message_fr

    @property
    def message(self) -> str:
        """The English text."""
        return super().__str__()

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the chosen message language).

        French comes from the raise site, else from the catalogue; a message the
        catalogue does not know stays in English.
        """
        english = self.message
        if (lang or _language) != "fr":
            return english
        if self.message_fr:
            return self.message_fr
        from mixplan.model.errors_fr import french_message

        return french_message(english) or english

    def __str__(self) -> str:
        return self.text()


class ModelError(MixplanError, ValueError):
    """Raised when a value would make the model invalid."""
