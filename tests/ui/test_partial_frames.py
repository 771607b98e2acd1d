"""Frames drawn in part: a hover, a Tab, the clock's second and a turning card draw again only where the picture
changed, and what the screen then shows is, pixel for pixel, the frame drawn whole."""
from __future__ import annotations

import pygame
import pytest

from game.engine import ExploreOption
from game.i18n import _
from game.ui.motion import MOST_SECONDS
from tests.ui.harness import Table
from tests.ui.test_reveal import HandClock, at_the_vote, last_vote


@pytest.fixture
def shown(monkeypatch):
    """What the loop tells the display each turn: "all" for a whole frame, else the places drawn again."""
    told = []
    monkeypatch.setattr(pygame.display, "flip", lambda: told.append("all"))
    monkeypatch.setattr(pygame.display, "update", lambda areas: told.append(list(areas)))
    return told


def on_screen(t: Table) -> bytes:
    return pygame.image.tobytes(t.app.screen, "RGB")


def as_if_drawn_whole(t: Table) -> bytes:
    """The screen after drawing the same moment whole (the motion's clock stands still meanwhile)."""
    t.app.draw()
    return on_screen(t)


def at_the_reveal(tmp_path, library, size=(1280, 720)) -> tuple[Table, HandClock]:
    t = Table(tmp_path, library, size=size)
    clock = HandClock()
    t.app.motion_clock = clock
    at_the_vote(t, library, (1, 2, 1, 2))
    last_vote(t, 2)
    assert t.app.animating
    return t, clock


def test_turning_cards_repaint_only_their_places_and_end_as_the_whole_frame(tmp_path, library, shown):
    t, clock = at_the_reveal(tmp_path, library)
    cards = t.app.motion.areas(t.app.screen.get_rect())
    shown.clear()
    while t.app.animating:
        clock.now += MOST_SECONDS / 10
        t.step()
        partly = on_screen(t)
        assert partly == as_if_drawn_whole(t)
    told = shown[::2]  # each turn, then the whole frame drawn to compare
    assert told and all(areas != "all" for areas in told)
    assert all(any(card.contains(area) for card in cards) for areas in told for area in areas)


@pytest.mark.parametrize("size", [(1280, 720), (3840, 2160)], ids=["720p", "4k"])
def test_hover_tab_and_the_clock_draw_in_part_the_same_pixels_as_a_whole_frame(tmp_path, library, shown, size):
    t, clock = at_the_reveal(tmp_path, library, size)
    clock.now += 2 * MOST_SECONDS                           # the cards lie still
    t.step(2)
    assert not t.app.animating
    for screen in ("reveal", "consequences"):
        if screen == "consequences":
            t.click(_("ui.reveal.to_options"))
            t.app.scene.send(ExploreOption(t.app.scene.stored.session.available_options()[0]))
            t.step(2)
        for item in t.app.page.focusables:                  # the pointer over every element, one by one
            pygame.mouse.set_pos(item.element.rect.center)
            shown.clear()
            t.step(2)
            assert on_screen(t) == as_if_drawn_whole(t), f"{screen}: over {item.label!r}"
        pygame.mouse.set_pos((0, 0))
        t.key(pygame.K_TAB)                                 # the ring shows (the elements leave the mouse's focus)
        t.step(5)
        for _turn in range(len(t.app.page.focusables)):      # the focus ring through every element
            ring = t.app._focus_ring()
            shown.clear()
            t.key(pygame.K_TAB)
            assert shown[0] != "all"
            places = (ring.union(t.app._focus_ring()), t.app.scene.panel.label.rect)  # the clock goes on meanwhile
            assert all(any(place.contains(area) for place in places) for area in shown[0])
            assert on_screen(t) == as_if_drawn_whole(t), f"{screen}: Tab to {t.focused()!r}"
        t.now.offset += 1                                   # a visible second of the clock
        shown.clear()
        t.step()
        assert shown == [[t.app.scene.panel.label.rect]]
        assert on_screen(t) == as_if_drawn_whole(t)


@pytest.mark.parametrize("start", ["turn_card", "slide_in"])
def test_a_card_turning_and_a_step_sliding_in_are_painted_from_the_still_frame(tmp_path, library, shown, start):
    t = Table(tmp_path, library)
    clock = HandClock()
    t.app.motion_clock = clock
    card = pygame.Rect(100, 100, 300, 200)
    getattr(t.app, start)(*([card] if start == "turn_card" else []))
    t.app.rebuild()                                         # the next picture, as a tap asks for it
    t.step()
    shown.clear()
    while t.app.animating:
        clock.now += MOST_SECONDS / 7
        t.step()
        assert on_screen(t) == as_if_drawn_whole(t)
    told = shown[::2]                                       # each turn, then the whole frame drawn to compare
    places = [card] if start == "turn_card" else [t.app.screen.get_rect()]
    assert told and all(areas == places for areas in told)
