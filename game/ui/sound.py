"""The game's sounds: a quiet chime when a step's time is up (``time_up``) and one when the hidden votes
are turned over together (``reveal``).

Both are files in assets/sounds/, made by tools/make_sounds.py. They play only while the sound setting
is on, and stay silent where no audio device can be opened: a training laptop without speakers, or a
test. Call ``App.play(name)``, which asks the setting each time (it can change during a round).
"""
from __future__ import annotations

from typing import Callable

import pygame

from game.ui.assets import sound_path

SOUNDS = ("time_up", "reveal")


class Sounds:
    """The sounds, each loaded on its first use; ``enabled`` says whether the player wants sound now."""

    def __init__(self, enabled: Callable[[], bool]) -> None:
        self._enabled = enabled
        self._loaded: dict[str, pygame.mixer.Sound | None] = {}

    def play(self, name: str) -> bool:
        """Play ``name`` (one of ``SOUNDS``); True when it was played."""
        if name not in SOUNDS:
            raise ValueError(f"no sound called {name!r}; there are {', '.join(SOUNDS)}")
        if not self._enabled():
            return False
        if name not in self._loaded:
            self._loaded[name] = _load(name)
        sound = self._loaded[name]
        if sound is None:
            return False
        sound.play()
        return True


def _load(name: str) -> pygame.mixer.Sound | None:
    """The sound from its file, or None where no audio device can be opened."""
    try:
        if not pygame.mixer.get_init():
            pygame.mixer.init()
        return pygame.mixer.Sound(sound_path(name))
    except pygame.error:
        return None
