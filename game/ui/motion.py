"""Small motion: a card turns over, the votes turn over together, a step slides in. Never longer than
``MOST_SECONDS``.

A motion is painted on screen over the still picture of the new frame, which the app keeps
apart while the motion plays, and covers every pixel of its ``areas`` each time: the app
puts only those on the display and, when the motion is done, the still picture back in
them. It reads the time from the clock it is given (the app's ``motion_clock``), so a test
moves it frame by frame with a clock of its own. With the "minder beweging" setting the app
starts none: the new picture is simply there.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pygame

MOST_SECONDS = 0.3
TURN_SECONDS = 0.3
SLIDE_SECONDS = 0.22


@dataclass
class Motion:
    """A movement that started at ``clock()`` and lasts ``seconds``; each kind paints its moment over the frame."""

    clock: Callable[[], float]
    seconds: float = TURN_SECONDS
    started: float = field(init=False)

    def __post_init__(self) -> None:
        self.seconds = min(self.seconds, MOST_SECONDS)
        self.started = self.clock()

    def progress(self) -> float:
        """From 0 (just started) to 1 (lying still)."""
        return min(1.0, max(0.0, (self.clock() - self.started) / self.seconds))

    @property
    def done(self) -> bool:
        return self.progress() >= 1.0

    def areas(self, bounds: pygame.Rect) -> list[pygame.Rect]:
        """Where this motion paints, inside the screen's ``bounds``."""
        return [bounds]

    def paint(self, screen: pygame.Surface, still: pygame.Surface, background: str) -> None:
        """Draw this moment of the motion on ``screen``, from the ``still`` picture of the new frame."""


@dataclass
class Flip(Motion):
    """A card turning over: the old picture narrows to its middle, then the new one widens from it."""

    before: pygame.Surface = None
    area: pygame.Rect = None

    def areas(self, bounds: pygame.Rect) -> list[pygame.Rect]:
        return [self.area.clip(bounds)]

    def paint(self, screen: pygame.Surface, still: pygame.Surface, background: str) -> None:
        progress = self.progress()
        if progress >= 1 or screen.get_size() != self.before.get_size():  # done, or the window changed size
            return
        side = self.before if progress < 0.5 else still
        picture = side.subsurface(self.area)
        width = max(1, round(self.area.width * abs(1 - 2 * progress)))
        narrowed = pygame.Rect(self.area.centerx - width // 2, self.area.top, width, self.area.height)
        screen.fill(background, self.area)
        pygame.transform.smoothscale(picture, narrowed.size, screen.subsurface(narrowed))


@dataclass
class Slide(Motion):
    """The next step slides in from the right over the one before, which leaves to the left."""

    seconds: float = SLIDE_SECONDS
    before: pygame.Surface = None

    def paint(self, screen: pygame.Surface, still: pygame.Surface, background: str) -> None:
        progress = self.progress()
        if progress >= 1 or screen.get_size() != self.before.get_size():
            return
        eased = 1 - (1 - progress) ** 3  # quick at first, gentle at the end
        width = screen.get_width()
        gone = round(eased * width)  # the two pictures side by side cover the screen: no pixel is painted twice
        screen.blit(self.before, (-gone, 0))
        screen.blit(still, (width - gone, 0))


@dataclass
class TurnOver(Motion):
    """Cards lying face down (``back``) turn over together: each narrows to its middle, then its face widens."""

    cards: tuple[pygame.Rect, ...] = ()
    back: str = "#000000"

    def areas(self, bounds: pygame.Rect) -> list[pygame.Rect]:
        return [area.clip(bounds) for area in self.cards]

    def paint(self, screen: pygame.Surface, still: pygame.Surface, background: str) -> None:
        progress = self.progress()
        if progress >= 1:
            return
        showing = abs(1 - 2 * progress)  # 1 flat on the table, 0 on its edge
        for area in self.areas(screen.get_rect()):
            width = max(1, round(area.width * showing))
            narrowed = pygame.Rect(area.centerx - width // 2, area.top, width, area.height)
            screen.fill(background, area)
            if progress < 0.5:
                screen.fill(self.back, narrowed)
            else:  # plain scaling, straight onto the screen: in a few frames nobody sees the smoothing, and it
                # would cost a frame's budget at 4K
                pygame.transform.scale(still.subsurface(area), narrowed.size, screen.subsurface(narrowed))
