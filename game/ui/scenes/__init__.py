"""The screens: each scene builds a Page from the current state and turns input into commands."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.page import Page


class BaseScene:
    """What every scene may do; a scene without a way back keeps Escape harmless."""

    italics = True  # its texts may set words in italic (the start screen's do not: it opens without those fonts)

    def __init__(self, app: "App") -> None:
        self.app = app

    def build(self, page: "Page") -> None:
        raise NotImplementedError

    def screen_key(self) -> tuple:
        """Which of the scene's screens is shown: when it changes, the focus starts on the new screen's main
        action; while it stays, a rebuild keeps the focus on the same element (see ``App.rebuild``)."""
        return ()

    def back(self) -> None:
        """Escape: the scene's way back."""

    def key(self, key: int) -> bool:
        """A key the scene takes before the app's own keys (arrows, space...); True when it took it."""
        return False

    def number(self, n: int) -> None:
        """Number key n: the scene's n-th choice, where it has choices."""

    def tick(self, now: float) -> bool:
        """Called every turn of the loop; True when something visible changed."""
        return False

    def keep(self) -> None:
        """Called before the screen is built anew: save what was typed into it."""

    def closing(self) -> None:
        """The window is closing: put anything still typed where it is kept."""

    def refresh(self) -> None:
        self.app.rebuild()
