"""Typing anywhere in any text field never crashes, and a field of several lines shows what it keeps.

The fields: the learner's reflection (several lines), the scribe's discussion point and the
players' names (one line each). Taps land anywhere in a field (also in the empty middle, on the
placeholder of an empty field), drags select, and keys type, break lines, delete and move.
"""
from __future__ import annotations

import random

import pygame
import pytest

from game.i18n import _
from game.solo import start_run
from game.ui.scenes.solo import SoloRunScene
from game.ui.textfield import TextField
from tests.ui.harness import Table
from tests.ui.play import Player
from tests.ui.test_behaviour import into_record, into_share
from tests.ui.test_solo_screens import to_the_written_ending

TEXTS = ("a", " ", "woord ", "een lange zin die over de rand van het veld loopt ", "ë&<b>", "\U0001F600", "ĳ’…")
KEYS = ([pygame.K_RETURN] * 4 + [pygame.K_BACKSPACE] * 4 + [pygame.K_DELETE] * 2
        + [pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_HOME, pygame.K_END, pygame.K_ESCAPE])
SHORTCUTS = (pygame.K_a, pygame.K_x, pygame.K_c, pygame.K_v)


def at_the_reflection(t: Table, library) -> TextField:
    """A solo run at its ending, on the page where the learner writes."""
    stored = start_run(library, "open-deur", "bewoner")
    to_the_written_ending(stored)
    t.app.push(SoloRunScene(t.app, stored))
    t.step()
    Player(t).act(_("solo.screen.reflection_tab"))
    return t.app.scene.reflection.field


def shown(field: TextField) -> str:
    return field._shown_text()


def test_typing_after_a_tap_in_the_empty_middle_of_the_reflection(tmp_path, library, monkeypatch):
    monkeypatch.setenv("DILEMMASPEL_PRACTICE", str(tmp_path / "practice"))
    t = Table(tmp_path, library)
    field = at_the_reflection(t, library)
    t.key(pygame.K_ESCAPE)                   # out of the field: it shows its placeholder again
    t.tap_at(field.rect.center)              # then a tap below the placeholder, in the empty middle
    sentence = "Ik vond het moeilijk, want allebei de waarden doen ertoe voor Gerrit en voor Annie."
    t.type(sentence)                         # long enough to run onto a second row
    t.key(pygame.K_RETURN)
    t.type("Tweede regel")
    assert field.get_text() == f"{sentence}\nTweede regel"
    assert shown(field) == field.get_text()


def random_edits(t: Table, rng: random.Random, field_now, count: int, check=lambda: None) -> None:
    """Taps and drags anywhere in the field (``field_now()``, built anew after Enter or a rebuild; the edits
    stop when there is none), typing, line breaks, deleting, moving and shortcuts."""
    for _ in range(count):
        field = field_now()
        if field is None:
            return
        area = field.rect
        spot = (rng.randrange(area.left, area.right), rng.randrange(area.top, area.bottom))
        roll = rng.random()
        if roll < 0.2:
            t.tap_at(spot)
        elif roll < 0.25:
            drag(t, spot, (rng.randrange(area.left, area.right), rng.randrange(area.top, area.bottom)))
        elif roll < 0.6:
            t.type(rng.choice(TEXTS))
        elif roll < 0.65:
            t.key(rng.choice(SHORTCUTS), pygame.KMOD_CTRL)
        else:
            t.key(rng.choice(KEYS), pygame.KMOD_SHIFT if rng.random() < 0.2 else 0)
        check()


def drag(t: Table, start, end) -> None:
    pygame.mouse.set_pos(start)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=1, touch=False))
    t.step()
    pygame.mouse.set_pos(end)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=end, rel=(0, 0), buttons=(1, 0, 0), touch=False))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=end, button=1, touch=False))
    t.step(2)


def reflection_now(t: Table):
    """The reflection field; after Up and Enter went to another page of the ending, back to it."""
    scene = t.app.scene
    if not isinstance(scene, SoloRunScene) or scene.round.phase != "ending" or scene.view.reading_case:
        return None
    if scene.mode.ending_parts[scene.view.ending_page].name != "reflection":
        Player(t).act(_("solo.screen.reflection_tab"))
    return scene.reflection.field


@pytest.mark.parametrize("seed", range(3))
def test_random_typing_in_the_reflection_never_crashes_and_shows_what_is_kept(tmp_path, library, monkeypatch,
                                                                                 seed):
    monkeypatch.setenv("DILEMMASPEL_PRACTICE", str(tmp_path / "practice"))
    t = Table(tmp_path, library)
    at_the_reflection(t, library)

    def same_on_screen() -> None:
        field = reflection_now(t)
        if field is not None and field.is_focused:
            assert shown(field) == field.get_text()

    random_edits(t, random.Random(seed), lambda: reflection_now(t), 250, same_on_screen)


def names_field(t: Table):
    """The second name at the set-up, while the names are on screen (Enter in the last one moves on)."""
    Player(t).act(_("ui.start.play"))
    scene = t.app.scene
    return lambda: scene.entries[1] if t.app.scene is scene and scene.step == 0 else None


def note_field(t: Table):
    """The scribe's entry (a new one after each point added with Enter)."""
    Player(into_record(t).t).act(_("ui.record.notes_tab"))
    scene = t.app.scene
    return lambda: scene.notes.entry if t.app.scene is scene and scene.round.phase == "record" else None


@pytest.mark.parametrize("open_field", [names_field, note_field], ids=["name", "discussion-point"])
def test_random_typing_in_the_one_line_fields_never_crashes(tmp_path, library, open_field):
    t = Table(tmp_path, library)
    random_edits(t, random.Random(11), open_field(t), 200)


@pytest.mark.parametrize("invisible", ["\u200b", "\u200d", "\ufe0f", "\u202e"],
                         ids=["zero-width space", "joiner", "variation selector", "direction override"])
def test_a_name_with_an_invisible_character_as_a_word_of_its_own_is_played_and_resumed(tmp_path, library, invisible):
    """Pasted from a chat: the character stands alone between spaces, and the font cannot measure it alone."""
    t = Table(tmp_path, library)
    into_share(t, names=(f"Anna {invisible}", "Bert"))
    assert t.app.scene.round.phase == "share" and "Anna" in t.screen_text()
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    t.step()
    again = Table(tmp_path, library)         # the game started again: the offer to resume, then the table
    assert type(again.app.scene).__name__ == "ResumeScene"
    Player(again).act(again.labels()[0])
    assert again.app.scene.round.phase == "share" and "Anna" in again.screen_text()


def test_a_paste_longer_than_the_room_left_in_a_line_goes_in_as_far_as_it_fits(tmp_path, library):
    """pygame_gui leaves out a paste that would pass the limit altogether: Enter then said there was no text."""
    t = Table(tmp_path, library)
    p = into_record(t)
    p.open_note_entry()
    t.type("Begin: ")
    entry = t.find(_("ui.notes.placeholder"))
    pygame.scrap.put_text("lang verhaal " * 400)               # 5,200 characters
    t.key(pygame.K_v, mod=pygame.KMOD_CTRL)
    assert len(entry.get_text()) == entry.length_limit and entry.get_text().startswith("Begin: lang verhaal")
    t.key(pygame.K_RETURN)
    assert [len(note.text) for note in t.app.scene.round.notes] == [entry.length_limit]
    p.act(_("ui.notes.placeholder"))
    pygame.scrap.put_text("kort")                            # a paste that fits goes in as before
    t.key(pygame.K_v, mod=pygame.KMOD_CTRL)
    assert t.find(_("ui.notes.placeholder")).get_text() == "kort"


def test_a_name_typed_past_its_limit_says_the_field_is_full_and_keeps_the_letters_and_focus(tmp_path, library):
    t = Table(tmp_path, library)
    field_now = names_field(t)
    t.tap_at(field_now().rect.center)
    limit = field_now().length_limit
    name = "Wilhelmina-Johanna van Oldenbarnevelt-Zuylen tot Nijevelt"  # 57 letters
    t.type(name)
    assert field_now().get_text() == name[:limit]
    assert _("ui.field_full", limit=limit) in t.screen_text()
    assert field_now().is_focused             # the screen was built anew with the notice; typing goes on there
    t.key(pygame.K_BACKSPACE)
    assert _("ui.field_full", limit=limit) not in t.screen_text()   # room again: the notice goes
    assert field_now().is_focused
    t.type("x")
    assert field_now().get_text() == name[:limit - 1] + "x"


def test_the_full_notice_stays_while_letters_are_taken_out_of_another_field(tmp_path, library):
    t = Table(tmp_path, library)
    second = names_field(t)
    scene = t.app.scene
    limit = second().length_limit
    t.tap_at(scene.entries[0].rect.center)
    t.type("Anna")
    t.tap_at(second().rect.center)
    t.type("W" * (limit + 3))
    assert _("ui.field_full", limit=limit) in t.screen_text()
    t.tap_at(scene.entries[0].rect.center)
    t.key(pygame.K_BACKSPACE)                # Anna's field has room, but it was not the full one
    assert len(scene.entries[0].get_text()) == 3
    assert _("ui.field_full", limit=limit) in t.screen_text()
    t.tap_at(second().rect.center)
    t.key(pygame.K_BACKSPACE)
    assert _("ui.field_full", limit=limit) not in t.screen_text()



def test_a_paste_longer_than_the_reflection_holds_goes_in_as_far_as_it_fits_and_says_so(tmp_path, library,
                                                                                           monkeypatch):
    monkeypatch.setenv("DILEMMASPEL_PRACTICE", str(tmp_path / "practice"))
    t = Table(tmp_path, library)
    field = at_the_reflection(t, library)
    t.tap_at(field.rect.center)
    t.type("Eerst dit. ")
    pygame.scrap.put_text("Een lange gedachte. " * 150)     # 3,000 characters
    t.key(pygame.K_v, mod=pygame.KMOD_CTRL)
    field = reflection_now(t)
    assert len(field.get_text()) == field.limit and field.get_text().startswith("Eerst dit. Een lange")
    assert _("ui.field_full", limit=field.limit) in t.screen_text()
    assert field.is_focused
    t.key(pygame.K_BACKSPACE)
    assert _("ui.field_full", limit=field.limit) not in t.screen_text()
    assert len(reflection_now(t).get_text()) == field.limit - 1 and reflection_now(t).is_focused
