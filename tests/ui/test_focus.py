"""Where the keyboard focus is: on a new screen its main action, on the same screen built again the same element.

These tests press Enter where a person would (``Table.enter``: no Tab first), after a tap or on a
screen that just appeared, and check that Enter does what the highlighted button says.
"""
from __future__ import annotations

import pygame

from game.i18n import _
from game.ui.scenes.table import RoundScene
from tests.ui.harness import Table
from tests.ui.play import Player
from tests.ui.test_behaviour import into_record, into_share
from tests.ui.test_full_session import set_up


def enter_on_the_way_forward(t: Table) -> None:
    """The new screen's focus is on its way forward; Enter there, and the game is still in the round."""
    assert t.focused() == t.forward(), (t.focused(), t.labels())
    t.enter()
    assert isinstance(t.app.scene, RoundScene), "Enter left the round"


def test_after_a_tap_enter_does_what_the_new_screens_way_forward_says(tmp_path, library):
    t = Table(tmp_path, library)
    set_up(t)
    p = Player(t)
    scene = t.app.scene
    p.act(_("ui.draw.start"))                # a tap; from here on Enter alone
    for player in range(scene.round.players):
        enter_on_the_way_forward(t)          # draw the card
        assert scene.view.showing == player
        enter_on_the_way_forward(t)          # read, pass on
    enter_on_the_way_forward(t)              # everyone has a role: on to the values
    assert scene.round.phase == "share"
    p.act(p.name_card(0))                    # a tap on a name, a card, then 'done': back at the table's cards
    p.act(p._value_label("autonomie"))
    p.act(_("ui.share.done_aloud"))
    assert scene.view.showing is None and t.focused() == _("ui.share.next")


def test_values_in_private_enter_on_the_cover_then_on_done_passes_the_screen_on(tmp_path, library):
    t = Table(tmp_path, library)
    p = into_share(t, ("hidden_values",))
    scene = t.app.scene
    assert t.focused() == _("ui.share.i_am", name="Anna")
    t.enter()                                # Anna takes the screen
    p.act(p._value_label("autonomie"))       # a tap on a card, then on 'done': the next player's cover
    p.act(_("ui.share.done"))
    assert scene.round.sharing() == 1 and t.focused() == _("ui.share.i_am", name="Bert")
    enter_on_the_way_forward(t)
    enter_on_the_way_forward(t)              # Bert picks nothing and passes on
    assert scene.round.sharing() == 2


def to_the_vote(t: Table, toggles: tuple[str, ...] = ()) -> RoundScene:
    """Through the round's sharing to its vote, started with a tap."""
    p = into_share(t, toggles)
    p.act(_("ui.share.next"))
    p.act(_("ui.vote.start"))
    return t.app.scene


def test_enter_on_the_covered_vote_shows_the_choices_and_never_the_votes(tmp_path, library):
    t = Table(tmp_path, library)
    scene = to_the_vote(t)                   # the screen is covered for the first voter
    assert t.focused() == _("ui.vote.i_am", name="Anna")
    t.enter()
    assert not scene.view.covered and not scene.round.is_revealed("first") and scene.round.phase == "vote"


def test_enter_twice_on_the_covered_vote_shows_the_choices_and_votes_for_none_unseen(tmp_path, library):
    t = Table(tmp_path, library)
    scene = to_the_vote(t)
    t.enter()                                # 'Ik ben Anna: toon de keuzes'
    t.enter()                                # pressed twice in haste: the options are not yet read
    assert scene.round.votes_at("first") == {} and t.app.show_focus
    assert t.focused().startswith("1. ") and t.app._focus_ring() is not None  # the ring on option 1
    t.key(pygame.K_DOWN)
    t.enter()                                # seen, then chosen
    assert scene.round.votes_at("first") == {0: scene.stored.session.available_options()[1]}
    t.enter()                                # Bert's cover
    t.key(pygame.K_DOWN)                     # an arrow first shows the ring where the focus waits: option 1
    assert t.focused().startswith("1. ") and t.app._focus_ring() is not None and scene.round.votes_at("first") == {
        0: scene.stored.session.available_options()[1]}
    t.key(pygame.K_2)                        # a number key is a choice of its own: it counts at once
    assert scene.round.votes_at("first")[1] == scene.stored.session.available_options()[1]


def test_voting_aloud_one_enter_counts_the_option_in_focus(tmp_path, library):
    """Voting aloud nothing is covered: the scribe taps or presses Enter once for each player's choice."""
    t = Table(tmp_path, library)
    scene = to_the_vote(t, ("open_vote",))
    assert t.focused().startswith("1. ")
    t.enter()
    assert scene.round.votes_at("first") == {0: scene.stored.session.available_options()[0]}


def test_enter_twice_on_remove_removes_one_point_not_the_next_one_too(tmp_path, library):
    t = Table(tmp_path, library)
    p = into_record(t)
    p.act(_("ui.record.notes_tab"))
    for text in ("Eerste punt", "Tweede punt", "Derde punt"):
        p.write_note(text)
    t.press(_("ui.notes.remove"))            # the first point's button, reached with Tab
    assert [n.text for n in t.app.scene.round.notes] == ["Tweede punt", "Derde punt"]
    t.enter()                                # its button is gone: the focus is not on the next point's
    assert [n.text for n in t.app.scene.round.notes] == ["Tweede punt", "Derde punt"]


def test_a_card_keeps_the_focus_when_its_text_changes_on_being_chosen(tmp_path, library):
    t = Table(tmp_path, library)
    p = into_share(t)
    p.act(p.name_card(0))
    t.press(p._value_label("autonomie"))
    t.press(p._value_label("veiligheid"))
    assert t.app.scene.round.values[0] == ("autonomie", "veiligheid")
    assert t.focused() == _("ui.chosen", text=p._value_label("veiligheid"))
    t.enter()
    assert t.app.scene.round.values[0] == ("autonomie",)


def test_the_list_of_options_says_to_open_one_first_and_enter_opens_the_first(tmp_path, library):
    """The way on ('Wie verandert van keuze?') waits until an option was read: the screen says so, and the focus
    starts on the first option instead of nowhere."""
    t = Table(tmp_path, library)
    p = into_share(t)
    p.act(_("ui.share.next"))
    p.act(_("ui.vote.show_now"))
    p.act(_("ui.reveal.to_options"))
    scene = t.app.scene
    options = scene.stored.session.available_options()
    assert scene.round.phase == "explore" and scene.round.viewing is None
    assert _("ui.explore.open_one", most=len(options)) in t.screen_text()
    assert t.focused().startswith("1. ")
    t.enter()
    assert scene.round.viewing == options[0]
    p.act(_("ui.explore.back"))
    assert _("ui.explore.open_one", most=len(options)) not in t.screen_text()  # read one: the way on is open
    assert t.focused() == _("ui.explore.reconsider")


def test_at_extra_groot_a_footer_on_one_row_leaves_its_second_row_to_the_content(tmp_path, library):
    """Room is kept for two rows of footer buttons at a larger text size; where they stand on one, the screen is
    laid out again with that room for its content (a role card read whole instead of over two pages)."""
    from game.ui.page import FOOTER_BOTTOM, FOOTER_H, GAP
    from tests.ui.layout_check import problems
    t = Table(tmp_path, library, size=(1920, 1080), text_size="larger", reduced_motion=True)
    into_share(t)
    page = t.app.page
    assert page.footer_rows == 1 and page.footer_needs == 1 and not problems(t.app)
    assert page.content.bottom >= page.height - FOOTER_BOTTOM - FOOTER_H - GAP - 1  # down to the one footer row


def test_on_a_text_over_more_pages_enter_reads_on_first_then_does_what_the_screen_is_for(tmp_path, library):
    t = Table(tmp_path, library, size=(1280, 720), text_size="larger")   # Extra groot: the role card takes pages
    set_up(t)
    p = Player(t)
    p.act(_("ui.draw.start"))
    p.act(t.forward())                       # Anna draws her card
    scene = t.app.scene
    turned = 0
    while next_page := [item for item in t.app.page.focusables if item.key == "page:next" and item.element.is_enabled]:
        assert t.focused() == next_page[0].label
        t.enter()
        turned += 1
        assert scene.view.reading_page == turned and scene.view.showing == 0   # still Anna's card, read on
    assert turned, "the role card fits one page: this test needs one that does not"
    assert t.focused() == t.forward() == _("ui.draw.pass_to", name="Bert")
    t.enter()
    assert scene.view.showing is None


def test_a_screen_without_a_way_forward_starts_on_its_first_choice_and_enter_takes_it(tmp_path, library):
    """The library's themes, the hidden vote's options, the settings and the offer to resume: Enter at once."""
    t = Table(tmp_path, library)
    p = Player(t)
    p.act(_("ui.start.library"))
    assert t.focused().startswith(_("ui.library.all_themes"))
    t.enter()
    assert t.has("1. ")                       # the cases of all themes
    t.key(pygame.K_ESCAPE)
    t.key(pygame.K_ESCAPE)
    p.act(_("ui.start.settings"))
    assert t.focused() is not None and t.app.page.focusables[t.app.focused_element_index()].key.startswith("lang:")
    t.key(pygame.K_ESCAPE)

    p = into_share(t)
    p.act(_("ui.share.next"))
    p.act(_("ui.vote.start"))
    p.act(t.forward())                        # "Ik ben Anna: toon de keuzes"
    assert t.focused().startswith("1. ")
    t.enter()                                 # the ring shows where the focus waits
    t.enter()                                 # Anna votes for what is highlighted
    scene = t.app.scene
    assert scene.round.votes_at("first") == {0: scene.stored.session.available_options()[0]}
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    t.step()

    again = Table(tmp_path, library)          # the offer to resume: Enter opens the game that is offered first
    assert type(again.app.scene).__name__ == "ResumeScene"
    again.enter()
    assert isinstance(again.app.scene, RoundScene) and again.app.scene.round.phase == "vote"
