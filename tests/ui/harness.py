"""Drive the real screens with injected mouse, touch and keyboard events, as a person would."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pygame

from game.ui.app import App, Places
from game.ui.main import open_app


class Now:
    """The wall clock, shifted on demand: lets a test run a step's time out without waiting."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


class Table:
    def __init__(self, folder: Path, library, size=(1280, 720), lang="nl", **settings) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        settings_file = folder / "settings.json"
        if not settings_file.exists():
            settings_file.write_text(json.dumps({"lang": lang, "sound": True, "fullscreen": False, **settings}))
        self.now = Now()
        self.app: App = open_app(Places(settings_file, folder / "sessions", library), size=size, now=self.now)
        self.step(2)

    def step(self, count: int = 1) -> None:
        for _ in range(count):
            self.app.step()

    # what is on screen -----------------------------------------------------------------------
    def labels(self) -> list[str]:
        return [item.label for item in self.app.page.focusables]

    def find(self, text: str):
        """The element whose label is ``text``, or else the only one that contains it."""
        items = self.app.page.focusables
        exact = [item for item in items if item.label == text]
        found = exact or [item for item in items if text in item.label]
        assert found, f"no element {text!r} on screen; there are: {self.labels()}"
        return found[0].element

    def forward(self) -> str:
        """The label of the screen's way forward (its primary button)."""
        return next(item.label for item in self.app.page.focusables if item.primary)

    def has(self, text: str) -> bool:
        return any(text in label for label in self.labels())

    def screen_text(self) -> str:
        """Every text on screen (labels, text boxes, buttons), for assertions on what people read."""
        texts = []
        for element in self.app.page.root.elements:
            for attribute in ("html_text", "text"):
                value = getattr(element, attribute, None)
                if isinstance(value, str) and value:
                    texts.append(value)
                    break
        return "\n".join(texts)

    # input -------------------------------------------------------------------------------------
    def click(self, text: str, touch: bool = False) -> None:
        self.tap_at(self.find(text).rect.center, touch)

    def tap_at(self, pos, touch: bool = False) -> None:
        pygame.mouse.set_pos(pos)
        self.step()
        for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            pygame.event.post(pygame.event.Event(kind, pos=pos, button=1, touch=touch))
        self.step(2)

    def key(self, key: int, mod: int = 0, text: str = "") -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=text, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=text, scancode=0))
        self.step(2)

    def type(self, text: str) -> None:
        for char in text:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
            self.step()

    def focus_on(self, text: str) -> None:
        """Tab until the element named ``text`` has the keyboard focus."""
        target = self.find(text)
        for _ in range(len(self.app.page.focusables) + 1):
            index = self.app.focused_element_index()
            if index is not None and self.app.page.focusables[index].element is target:
                return
            self.key(pygame.K_TAB)
        raise AssertionError(f"Tab never reached {text!r}")

    def press(self, text: str) -> None:
        """Reach an element with Tab and activate it with Enter: the keyboard way."""
        self.focus_on(text)
        self.enter()

    def enter(self) -> None:
        """Press Enter where the focus is, without Tab first: what a person does after a tap or on a new screen."""
        self.key(pygame.K_RETURN)

    def focused(self) -> str | None:
        """The label of the element with the keyboard focus (None: nothing has it)."""
        index = self.app.focused_element_index()
        return self.app.page.focusables[index].label if index is not None else None

    def shot(self, path: Path) -> None:
        while self.app.animating:           # a card still turning: take the picture when it lies still
            self.step()
        self.app.draw()
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.app.screen, str(path))
