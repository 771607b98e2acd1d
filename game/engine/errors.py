"""Why the engine refuses a command, as a code with parameters (the text is in the catalogs)."""
from __future__ import annotations

from game.i18n import _


class CommandRejected(Exception):
    """A command that does not fit the rules or the moment; the state is unchanged."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{code}: {self.message('en')}")

    def message(self, lang: str | None = None) -> str:
        params = dict(self.params)
        if "phase" in params:
            params["phase"] = _(f"phase.{params['phase']}", lang)
        return _(f"engine.{self.code}", lang, **params)
