"""A player for the real screens: reads what is shown and does what a table would do next.

``how`` is the input: "mouse", "touch" or "keys" (Tab to the element, then Enter;
number keys for options). ``shoot`` is called on every new kind of screen.
"""
from __future__ import annotations

from typing import Callable

import pygame

from game.i18n import _
from tests.ui.harness import Table


class Player:
    def __init__(self, table: Table, how: str = "mouse", shoot: Callable[[str], None] | None = None) -> None:
        self.t = table
        self.how = how
        self.shoot = shoot or (lambda name: None)

    def act(self, label: str) -> None:
        self.turn_to(label)
        if self.how == "keys":
            self.t.press(label)
        else:
            self.t.click(label, touch=self.how == "touch")

    def turn_to(self, label: str) -> None:
        """Turn the screen's pages of cards forward (or back to the first) until ``label`` is on one, as a
        person looks for their card when the cards do not all fit on one page."""
        turns = 0
        while not self.t.has(label) and turns < 20:
            pages = {item.key: item.label for item in self.t.app.page.focusables
                     if item.key in ("page:next", "page:previous")}
            if not pages:
                return
            self.t.click(pages.get("page:next") or pages["page:previous"])
            turns += 1

    def option(self, number: int) -> None:
        if self.how == "keys":
            self.t.key(pygame.K_0 + number)
        else:
            self.act(f"{number}. ")

    @property
    def scene(self):
        return self.t.app.scene

    # a whole round ----------------------------------------------------------------------------
    def play_round(self, values=("autonomie", "veiligheid"), notes=("Wie belt de arts?",), scratch="") -> None:
        """One round in the session's plan: the core decision point (kort) or the whole case (lang)."""
        number = self.scene.round.number
        self.draw_roles()
        self.share_values(values)
        if self.scene.state.plan == "kort":
            self.choose_core()
        else:
            self.choose_until_ending()
        self.record(values, notes, scratch)
        if self.scene.state.plan == "lang":
            self.shoot("ending-story")
            self.act(_("ui.ending.facts"))
            self.shoot("ending-facts")
            self.act(_("ui.ending.to_plenary"))
        assert self.scene.round.phase == "plenary"
        self.shoot("plenary-step")
        last = number == len(self.scene.state.cases)
        self.act(_("ui.ending.finish") if last else _("ui.ending.next_round"))

    def draw_roles(self) -> None:
        assert self.scene.round.phase == "draw"
        self.shoot("round-intro")
        self.act(_("ui.draw.start"))
        for player in range(self.scene.round.players):
            self.shoot("envelope")
            self.act(_("ui.draw.draw"))
            self.shoot("role-card")
            self.act(_("ui.draw.all_read") if player == self.scene.round.players - 1 else "Gelezen" if
                     self.scene.state.lang == "nl" else "Read")
        self.shoot("roles-overview")
        self.act(_("ui.draw.next"))

    def _value_label(self, value: str) -> str:
        library, case, lang = self.t.app.library, self.scene.case, self.scene.lang
        from game.ui.cards import value_card
        return value_card(library, case, value, lang).name

    def name_card(self, player: int) -> str:
        """The label of a player's card: their name (or 'Speler n') and role."""
        from game.ui.cards import player_name
        return player_name(self.scene.state, player) + " · "

    def share_values(self, values) -> None:
        """Aloud (the default): each player taps their name, then their values. In private: in turn, the
        screen covered while it passes on."""
        assert self.scene.round.phase == "share"
        hidden = self.scene.state.hidden_values
        for player in range(self.scene.round.players):
            if hidden:
                self.shoot("share-cover")
                self.act(self.t.forward())
            else:
                self.shoot("share-aloud")
                self.act(self.name_card(player))
            for value in values:
                self.act(self._value_label(value))
            self.shoot("share-values")
            last = player == self.scene.round.players - 1
            self.act(_("ui.share.done_aloud") if not hidden else
                     _("ui.share.done_last") if last else _("ui.share.done"))
        self.shoot("share-overview")
        self.act(_("ui.share.next"))

    def vote_all(self, choice: int) -> None:
        for _player in range(self.scene.round.players):
            if not self.scene.state.open_vote:
                self.shoot("vote-cover")
                self.act(self.t.forward())     # "I am <name>: show the choices"
            self.shoot("vote-options")
            self.option(choice)
        if not self.scene.state.open_vote:
            self.shoot("reveal")                # every card turned over at once
            self.act(_("ui.reveal.to_options"))

    def change_mind(self, player: int, choice: int) -> None:
        """'Who wants to change their mind?': the player taps their name, then their new choice."""
        assert self.scene.round.phase == "reconsider"
        self.shoot("reconsider-who")
        self.act(self.name_card(player))
        self.shoot("reconsider-choice")
        self.option(choice)

    def vote_and_read(self, second: bool) -> None:
        """Read the decision point, vote (everyone the first option) and read the first option's
        consequences; with ``second``, read the second option too and open 'who changes their mind?'."""
        self.shoot("decision")
        self.act(_("ui.vote.start"))
        self.vote_all(1)
        assert self.scene.round.phase == "explore"
        self.shoot("votes-revealed")
        self.option(1)
        self.shoot("consequences")
        if second:
            self.act(_("ui.explore.back"))
            self.option(2)
            self.act(_("ui.explore.back"))
            self.act(_("ui.explore.reconsider"))

    def moves_seen(self, go_on: str) -> None:
        """After a hidden vote, the cards that moved are turned over before the table goes on."""
        if not self.scene.state.open_vote:
            self.shoot("reveal-moved")
            self.act(go_on)

    def choose_core(self) -> None:
        """The short plan: vote on the core decision point, read two options, one player changes their mind."""
        assert self.scene.round.phase == "vote"
        self.vote_and_read(second=True)
        self.change_mind(0, 2)
        self.shoot("reconsider-changed")
        self.act(_("ui.reconsider.done_short"))
        self.moves_seen(_("ui.reconsider.done_short"))
        assert self.scene.round.phase == "record"

    def choose_until_ending(self) -> None:
        """The long plan: at the first decision point everyone changes their mind to the second option."""
        first = True
        while self.scene.round.phase == "vote":
            self.vote_and_read(second=first)
            if first:
                for player in range(self.scene.round.players):
                    self.change_mind(player, 2)
                self.act(_("ui.reconsider.done_long"))
                self.moves_seen(_("ui.reconsider.done_long"))
                self.shoot("revote-revealed")
                self.option(2)
                first = False
            self.act(_("ui.explore.follow"))
        assert self.scene.round.phase == "record"

    def record(self, values, notes, scratch: str = "") -> None:
        """Mark the leading values and write the notes; a ``scratch`` point goes first, is edited, then removed."""
        for value in values:
            self.act(self._value_label(value))
        self.shoot("record-values")
        self.act(_("ui.record.notes_tab"))
        for note in ((scratch,) if scratch else ()) + tuple(notes):
            self.write_note(note)
        if scratch:
            self.act(_("ui.notes.edit"))          # the first point's button: the scratch one
            self.shoot("record-note-editing")
            self.t.type("!")
            self.t.key(pygame.K_RETURN)
            assert self.scene.round.notes[0].text == scratch + "!", (self.scene.round.notes, self.t.app.notice)
            self.act(_("ui.notes.remove"))
        self.shoot("record-notes")
        self.act(_("ui.record.next") if self.scene.state.plan == "lang" else _("ui.record.to_plenary"))

    def open_note_entry(self) -> None:
        """The scribe's tab, then a tap in the entry where the next point is typed."""
        self.act(_("ui.record.notes_tab"))
        self.act(_("ui.notes.placeholder"))

    def write_note(self, text: str) -> None:
        placeholder = _("ui.notes.placeholder")
        if self.how == "keys":
            self.t.focus_on(placeholder)          # Tab into the entry gives it the keyboard
        else:
            self.act(placeholder)
        self.t.type(text)
        self.t.key(pygame.K_RETURN)
