"""The round's phase screens, one module per phase or group of phases that belong together.

Each screen is a pair of functions over the round scene (``game.ui.scenes.table.RoundScene``): one builds the
phase's page from the scene's snapshot of the session and its ``View``, the other does what a number key means
there. They send commands through the scene and never keep state of their own. Which screen shows a phase is the
mode's choice (a table, a learner alone, the preview of a case), see ``RoundScene.mode``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from game.ui.page import Page
    from game.ui.scenes.table import RoundScene


@dataclass(frozen=True)
class Screen:
    """One phase's screen: how its page is built, and what choosing option ``option`` by its number does there."""

    build: Callable[["RoundScene", "Page"], None]
    choose: Callable[["RoundScene", str], None] | None = None
