"""The reveal: after a hidden vote every card turns over at once, grouped by option, in the colour of its role's
corner; after the second vote the cards that moved are marked. Motion runs on a clock the test turns by hand."""
from __future__ import annotations

import json

import pygame
import pytest

from game.app import start_session
from game.engine import AdvancePhase, CastVote, DrawRole, StartSession
from game.i18n import _
from game.ui.motion import MOST_SECONDS
from game.ui.page import escape
from game.ui.scenes.table import RoundScene
from game.ui.theme import CALM
from tests.ui.layout_check import problems
from tests.ui.harness import Table
from tests.ui.play import Player

CASE = "hygiene-normen"
PLAYERS = ("Anna", "Bert", "Cor", "Dien")


class HandClock:
    """The motion's clock, turned on by the test: frames are drawn at moments it chooses."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def at_the_vote(t: Table, library, choices: tuple[int, ...], plan: str = "kort") -> RoundScene:
    """A table of four at the hidden vote of the first decision of the ``plan``, all but the last player voted
    (option numbers from 1); the round on screen, with the last player about to vote."""
    stored = start_session(library, StartSession(PLAYERS, (CASE,), plan=plan), folder=t.folder / "sessions")
    for player in range(len(PLAYERS)):
        stored.execute(DrawRole(player))
    stored.execute(AdvancePhase())
    stored.execute(AdvancePhase())
    options = stored.session.available_options()
    for player, choice in enumerate(choices[:-1]):
        stored.execute(CastVote(player, options[choice - 1]))
    scene = RoundScene(t.app, stored)
    t.app.push(scene)
    scene.view.decision_read = True
    scene.refresh()
    t.step(2)
    return scene


def last_vote(t: Table, choice: int) -> None:
    p = Player(t)
    p.act(t.forward())                       # "I am Dien: show the choices"
    p.option(choice)


def to_reconsider(p: Player) -> None:
    """From the turned-over cards: on to the options, look at the first one, back, and to changing minds."""
    p.act(_("ui.reveal.to_options"))
    p.option(1)
    p.act(_("ui.explore.back"))
    p.act(_("ui.explore.reconsider"))


def element(t: Table, text: str):
    found = [e for e in t.app.page.root.elements if text == (getattr(e, "text", None) or getattr(e, "html_text", ""))]
    assert found, f"no element {text!r}"
    return found[0]


def heading_of(t: Table, number: int):
    """The text over the pile of option ``number``: the option's text, or (with the texts under the piles) its
    number."""
    heads = (f"<b>{number}. ", f"<b>{escape(_('ui.reveal.option_n', n=number))}</b>")
    return next(e for e in t.app.page.root.elements if getattr(e, "html_text", "").startswith(heads))


def pile_of(t: Table, name: str) -> int:
    """The number of the option whose pile the card of ``name`` lies under."""
    card = element(t, name).rect
    options = len(t.app.scene.stored.session.available_options())
    return next(n for n in range(1, options + 1)
                if heading_of(t, n).rect.left <= card.left < heading_of(t, n).rect.right)


def colour_above(t: Table, name: str) -> str:
    """The colour of the band on top of a player's card (just above the name)."""
    rect = element(t, name).rect
    return "#{:02X}{:02X}{:02X}".format(*t.app.screen.get_at((rect.centerx, rect.top - 4))[:3])


def test_after_the_last_hidden_vote_every_card_lies_under_its_option_in_its_corner_colour(tmp_path, library):
    t = Table(tmp_path, library, size=(1920, 1080), reduced_motion=True)
    scene = at_the_vote(t, library, (1, 2, 1, 2))
    sounds = []
    t.app.play = sounds.append
    last_vote(t, 2)
    assert scene.round.phase == "explore" and t.forward() == _("ui.reveal.to_options")
    assert [pile_of(t, name) for name in PLAYERS] == [1, 2, 1, 2]
    assert _("ui.reveal.nobody") in t.screen_text()          # option 3: nobody, shown all the same
    t.app.draw()
    for player, name in enumerate(PLAYERS):
        corner = library.decks.roles[scene.round.roles[player]].corner
        assert colour_above(t, name) == getattr(CALM, corner)
    assert sounds == ["reveal"]
    t.app.rebuild()                            # the same screen built again: no second sound
    assert sounds == ["reveal"] and not t.app.animating
    Player(t).act(_("ui.reveal.to_options"))
    assert t.has("1. ") and scene.round.phase == "explore"


def test_each_chosen_option_reads_whole_over_its_pile_and_the_others_stand_aside(tmp_path, library):
    """Options nobody chose take no empty column: they are listed beside the piles under 'Niemand koos', so the
    piles get the room to show their option's whole text."""
    t = Table(tmp_path, library, size=(1920, 1080), reduced_motion=True)
    scene = at_the_vote(t, library, (1, 2, 1, 2))
    last_vote(t, 2)
    options = scene.decision().options
    for number in (1, 2):
        whole = f"{number}. {options[number - 1].label or options[number - 1].text}"
        assert heading_of(t, number).html_text == f"<b>{escape(whole)}</b>"
    aside = nobody_chose(t)
    assert aside.html_text.split("<br>")[1].startswith(escape(f"3. {options[2].text.split()[0]}"))
    assert all(not element(t, name).rect.colliderect(aside.rect) for name in PLAYERS)


def nobody_chose(t: Table):
    return next(e for e in t.app.page.root.elements
                if getattr(e, "html_text", "").startswith(f"<b>{escape(_('ui.reveal.nobody'))}</b>"))


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (3840, 2160)])
def test_where_the_piles_leave_room_under_them_the_options_nobody_chose_stand_there_whole(tmp_path, library, size):
    """A column beside the piles would hold only the first words of a long option."""
    t = Table(tmp_path, library, size=size, reduced_motion=True)
    scene = at_the_vote(t, library, (1, 2, 1, 2))
    last_vote(t, 2)
    text = scene.decision().options[2].text
    aside = nobody_chose(t)
    assert aside.html_text == f"<b>{escape(_('ui.reveal.nobody'))}</b><br>{escape(f'3. {text}')}"
    assert aside.rect.top > max(element(t, name).rect.bottom for name in PLAYERS)
    assert not problems(t.app), problems(t.app)


def test_after_the_second_vote_the_cards_that_moved_say_where_they_came_from(tmp_path, library):
    t = Table(tmp_path, library, size=(1280, 720), reduced_motion=True)
    scene = at_the_vote(t, library, (1, 1, 2, 2))
    p = Player(t)
    last_vote(t, 2)
    to_reconsider(p)
    p.change_mind(0, 3)                      # Anna: from 1 to 3
    p.change_mind(3, 1)                      # Dien: from 2 to 1
    p.act(_("ui.reconsider.done_short"))
    assert scene.round.phase == "reconsider"  # first the cards, then on
    assert [pile_of(t, name) for name in PLAYERS] == [3, 1, 2, 1]
    text = t.screen_text()
    assert text.count(_("ui.reveal.moved_from", option=1)) == 1 and text.count(_("ui.reveal.moved_from", option=2)) == 1
    anna = next(e for e in t.app.page.root.elements
                if _("ui.reveal.moved_from", option=1) in getattr(e, "html_text", ""))
    assert anna.rect.left >= heading_of(t, 3).rect.left            # Anna's card says she came from 1
    p.act(_("ui.reconsider.done_short"))
    assert scene.round.phase == "record"


def test_in_the_long_plan_after_the_cards_that_moved_the_table_reads_on_under_its_own_title(tmp_path, library):
    t = Table(tmp_path, library, size=(1280, 720), reduced_motion=True)
    scene = at_the_vote(t, library, (1, 1, 2, 2), plan="lang")
    p = Player(t)
    last_vote(t, 2)
    to_reconsider(p)
    p.change_mind(0, 3)
    p.act(_("ui.reconsider.done_long"))      # first the cards that moved ...
    assert scene.phase_title() == _("ui.reveal.moved")
    p.act(_("ui.reconsider.done_long"))      # ... then the options to read on
    assert scene.phase_title() == _(f"{scene.mode.phase_titles}.explore") != _("ui.reveal.moved")
    assert t.focused().startswith("1. ")      # the way on goes through an option: the focus starts there
    t.enter()
    assert scene.round.viewing == scene.stored.session.available_options()[0]


def test_nobody_moved_and_voting_aloud_go_on_without_a_reveal(tmp_path, library):
    t = Table(tmp_path, library, reduced_motion=True)
    scene = at_the_vote(t, library, (1, 2, 1, 2))
    p = Player(t)
    last_vote(t, 1)
    to_reconsider(p)
    p.act(_("ui.reconsider.done_short"))     # nobody changed their mind: straight on
    assert scene.round.phase == "record"


def test_the_cards_turn_over_within_300_ms_frame_by_frame_on_the_test_clock(tmp_path, library):
    t = Table(tmp_path, library, size=(1280, 720))
    clock = HandClock()
    t.app.motion_clock = clock
    at_the_vote(t, library, (1, 2, 1, 2))
    last_vote(t, 2)
    assert t.app.animating and t.app.motion.seconds <= MOST_SECONDS
    name = element(t, "Anna").rect
    card_back = CALM.primary

    def pixel_at_name() -> str:
        t.app.draw()
        return "#{:02X}{:02X}{:02X}".format(*t.app.screen.get_at((name.centerx, name.centery))[:3])

    assert pixel_at_name() == card_back                   # face down
    clock.now += MOST_SECONDS * 0.45
    assert pixel_at_name() == card_back                   # nearly on its edge, still the back
    clock.now += MOST_SECONDS * 0.56
    t.step()
    assert not t.app.animating and pixel_at_name() != card_back    # lying still, face up


def test_less_motion_is_a_stored_setting_and_then_nothing_moves(tmp_path, library):
    t = Table(tmp_path, library)
    p = Player(t)
    p.act(_("ui.start.settings"))
    assert _("ui.settings.reduced_motion") in t.screen_text()
    switch_on = next(item for item in t.app.page.focusables if item.key == "reduced_motion:True")
    t.tap_at(switch_on.element.rect.center)
    assert json.loads((tmp_path / "settings.json").read_text())["reduced_motion"] is True
    p.act(_("ui.back"))
    at_the_vote(t, library, (1, 2, 1, 2))
    last_vote(t, 2)
    assert not t.app.animating
    t.app.turn_card(t.app.screen.get_rect())
    t.app.slide_in()
    assert not t.app.animating


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (3840, 2160)], ids=["720p", "1080p", "4k"])
def test_seven_players_on_one_option_stand_whole_on_screen(tmp_path, library, size):
    """The fullest pile: every card inside the window, none over another, the names whole."""
    t = Table(tmp_path, library, size=size, reduced_motion=True)
    stored = start_session(library, StartSession(tuple(f"Speler{n}" for n in range(1, 8)), (CASE,)),
                           folder=tmp_path / "sessions")
    for player in range(7):
        stored.execute(DrawRole(player))
    stored.execute(AdvancePhase())
    stored.execute(AdvancePhase())
    for player in range(7):
        stored.execute(CastVote(player, stored.session.available_options()[0]))
    t.app.push(RoundScene(t.app, stored))
    t.step(2)
    names = [element(t, f"Speler{n}").rect for n in range(1, 8)]
    window = pygame.Rect((0, 0), t.app.size)
    assert all(window.contains(rect) for rect in names)
    assert not any(a.colliderect(b) for i, a in enumerate(names) for b in names[i + 1:])
    assert t.app.page.scrollable == []
    assert max(rect.bottom for rect in names) < t.find(t.forward()).rect.top     # above the footer


def test_the_next_step_slides_in_over_the_last_and_then_lies_still(tmp_path, library):
    t = Table(tmp_path, library, size=(1280, 720))
    clock = HandClock()
    t.app.motion_clock = clock
    stored = start_session(library, StartSession(PLAYERS, (CASE,)), folder=tmp_path / "sessions")
    for player in range(len(PLAYERS)):
        stored.execute(DrawRole(player))
    t.app.push(RoundScene(t.app, stored))
    t.step(2)
    Player(t).act(_("ui.draw.next"))
    assert stored.state.current.phase == "share" and t.app.animating
    assert t.app.motion.seconds <= MOST_SECONDS
    before = pygame.image.tobytes(t.app.motion.before, "RGB")        # the roles overview, as it was left
    assert _("ui.draw.everyone") not in t.screen_text()
    t.app.draw()
    assert pygame.image.tobytes(t.app.screen, "RGB") == before        # the old step still fills the screen
    clock.now += MOST_SECONDS
    t.step()
    assert not t.app.animating and pygame.image.tobytes(t.app.screen, "RGB") != before


def test_a_reveal_over_pages_keeps_every_card_once_in_order_and_the_options_nobody_chose_on_each():
    from game.ui.reveal import Pile, Reveal, Seat, reveal_parts
    seats = [Seat(f"Speler {n}", "Partner", "family") for n in range(1, 7)]
    reveal = Reveal((Pile("1. A", tuple(seats[:5])), Pile("2. B", ()), Pile("3. C", (seats[5],))))
    first, second = reveal_parts(reveal, 2)
    assert [seat for part in (first, second) for pile in part.piles for seat in pile.seats] == seats
    assert [pile.heading for pile in first.piles] == ["1. A", "2. B"]          # option 3's card is on page 2
    assert [pile.heading for pile in second.piles] == ["1. A", "2. B", "3. C"]
    assert reveal_parts(reveal, 1) == [reveal]


def reveal_pages(t: Table) -> list[str]:
    """The text of every page of the reveal on screen, turned with Enter (the focus starts on 'Volgende')."""
    pages = [t.screen_text()]
    while any(item.key == "page:next" and item.element.is_enabled for item in t.app.page.focusables):
        t.enter()
        pages.append(t.screen_text())
    return pages


@pytest.mark.parametrize("size, text_size", [((1280, 720), "normal"), ((1280, 720), "larger"),
                                             ((1920, 1080), "larger"), ((3840, 2160), "larger")],
                         ids=["720p", "720p-xl", "1080p-xl", "4k-xl"])
def test_every_option_and_every_card_of_a_reveal_stand_whole_on_its_pages(tmp_path, library, size, text_size):
    """Never an option's text cut short with '…': the piles stand under each other, or under the options' numbers
    with the texts below (or a line saying they are on the next screen), or the cards go over pages. The cards that
    moved after the second vote too."""
    t = Table(tmp_path, library, size=size, text_size=text_size, reduced_motion=True)
    scene = at_the_vote(t, library, (1, 2, 2, 1))
    p = Player(t)
    last_vote(t, 1)
    options = [scene.decision().option(o).text for o in scene.stored.session.available_options()]
    for stage in ("first", "moved"):
        pages = reveal_pages(t)
        together = "\n".join(pages)
        assert "…" not in together, (stage, [line for line in together.split("\n") if "…" in line])
        assert all(name in together for name in PLAYERS), stage
        assert all(escape(text) in together for text in options) or _("ui.reveal.texts_next") in together, stage
        assert t.app.page.scrollable == []
        if stage == "first":
            to_reconsider(p)
            p.change_mind(0, 3)
            p.change_mind(1, 1)
            p.act(_("ui.reconsider.done_short"))
            assert scene.phase_title() == _("ui.reveal.moved")
