"""The round at the table: one shared screen that follows the phases of the session.

The scene renders ``stored.state`` and sends commands; what is only about the
screen (whose card is turned over, whether the screen is covered while it is
passed on) lives in ``View`` and starts afresh with every phase.
"""
from __future__ import annotations

from dataclasses import astuple, dataclass, replace

from pathlib import Path

import pygame

from game.engine import (AdvancePhase, CastVote, Continue, DrawRole, ExploreOption, FinishSharing, GoBack, PickValues,
                         RecordValues)
from game.engine.state import AGAIN, FIRST
from game.i18n import _, n_
from game.scenario.model import Decision, Scenario
from game.scenario.plans import plan_steps
from game.store.log import StoredSession
from game.ui.cards import player_name, role_card, value_card, value_ids, value_names
from game.ui.clock import ClockPanel
from game.ui.notes import NotesEditor
from game.ui.page import BUTTON_H, GAP, PARAGRAPH, Box, Page, escape, tension
from game.ui.phones import joined, on_phone, progress_line, progress_panel, stop_phones
from game.ui.pictures import CORNER_ICONS, STEP_ICONS, beside, case_image, icon_tag, role_icon
from game.ui.reveal import build_reveal, reveal_of
from game.ui.scenes import BaseScene
from game.ui.theme import palette

QUESTIONS = {  # asked before a step the table may not have meant: the question, go on (and how), stay
    "leave": ("ui.round.stop_ask", "ui.round.stop_yes", "_stop", "ui.round.stop_no"),
    "no_values": ("ui.record.none_ask", "ui.record.none_yes", "_advance_anyway", "ui.record.none_no"),
}


@dataclass
class View:
    """Screen-only state of the current phase."""

    intro_read: bool = False
    reading_case: bool = False
    showing: int | None = None
    decision_read: bool = False
    covered: bool = True
    changer: int | None = None      # the player who is changing their mind (the second vote)
    changes_done: bool = False      # long plan: who changed their mind is settled; the table reads on
    reveal_seen: bool = False       # the turned-over votes were looked at; the options come next
    moves_shown: bool = False       # after the second vote: the cards that moved are on screen
    tab: str = "values"
    ending_page: int = 0
    reading_page: int = 0           # which page of a long text ("verder")
    items_page: int = 0             # which page of cards, when not all fit
    asking: str | None = None
    info: str = ""

    def screen(self) -> tuple:
        """What picks the screen; ``info`` (what the last tapped card means) is a line on it, not a screen."""
        return astuple(replace(self, info=""))


class RoundScene(BaseScene):
    """The table's round; a solo run (game.ui.scenes.solo) is a subclass that changes a few steps."""

    AT_TABLE = True  # the clock with its buttons, and voting again after exploring: only a table has these
    ENDING_PAGES = ("story", "facts", "notes")

    def __init__(self, app, stored: StoredSession) -> None:
        super().__init__(app)
        self.stored = stored
        self.view = View()
        self._view_key: tuple | None = None
        self._turned: tuple | None = None   # the reveal whose cards turned over already (they turn once)
        self.notes = NotesEditor(self)
        self.clock = ClockPanel(self)

    # state ------------------------------------------------------------------------------------
    @property
    def state(self):
        return self.stored.state

    @property
    def round(self):
        return self.state.current

    @property
    def case(self) -> Scenario:
        return self.stored.session.case()

    @property
    def lang(self) -> str:
        return self.state.lang

    def decision(self) -> Decision | None:
        return self.case.decisions.get(self.round.node)

    def send(self, command) -> bool:
        """Log the command (or show why not) and show the new state."""
        done = self.app.execute(self.stored, command)
        if self.state.finished:
            self.finished()
            return done
        self.refresh()
        return done

    def finished(self) -> None:
        """The session has ended: show what the table did."""
        from game.ui.scenes.summary import SummaryScene
        stop_phones(self.app)
        self.app.replace(SummaryScene(self.app, self.stored))

    def subtitle(self) -> str:
        """The round, and with a running clock what comes next; once a step ran over, how much of the round
        is left instead of the case's title (the clock guides, it never breaks off the table's work)."""
        clock = self.state.clock
        if clock is None:
            return _("ui.round.subtitle", n=self.round.number, total=len(self.state.cases), title=self.case.title)
        left = self.state.round_left(self.app.now())
        if left is not None and self.round.ran_over():
            minutes = max(0, round(left / 60))
            where = (_("ui.step.round_left", n=self.round.number, total=len(self.state.cases), minutes=minutes)
                     if left > 0 else _("ui.step.round_over", n=self.round.number, total=len(self.state.cases)))
        else:
            where = _("ui.round.number", n=self.round.number, total=len(self.state.cases))
        return _("ui.step.then", where=where, next=self._next_step(clock.step))

    def _next_step(self, step: str) -> str:
        """What comes after ``step`` in the round's plan; after exploring in the long plan the path decides."""
        if step == "explore":
            return _("ui.step.next_decision")
        steps = plan_steps(self.state.plan, 1, plenary=self.state.mode == "table")
        later = steps[steps.index(step) + 1:]
        if later:
            return _(f"ui.step.{later[0]}")
        last = self.round.number == len(self.state.cases)
        return _("ui.step.end") if last else _("ui.step.next_round")

    def _sync_view(self) -> None:
        key = (self.round.number, self.round.phase, self.round.step)
        if key != self._view_key:
            if self._view_key is None or key[0] != self._view_key[0]:
                self.notes.reset()
            if self._view_key is not None:
                self.app.slide_in()
            self._view_key = key
            self.view = View()

    def screen_key(self) -> tuple:
        r = self.round
        return r.number, r.phase, r.step, r.viewing, self._whose_turn(), self.view.screen()

    def _whose_turn(self) -> int | None:
        """The player at the screen: drawing a card, picking values or voting (None in the open steps)."""
        r = self.round
        if r.phase == "draw":
            return next(iter(self._to_draw_here()), None)
        if r.phase == "share":
            return self._sharing_here()
        return self._next_voter() if r.phase in ("vote", "reconsider") else None

    def _here(self, players) -> list[int]:
        """Of ``players``, those who do the current private step on the shared screen (not on a phone)."""
        return [player for player in players if not on_phone(self.app, player)]

    def _to_draw_here(self) -> list[int]:
        return self._here(p for p, role in enumerate(self.round.roles) if role is None)

    def _sharing_here(self) -> int | None:
        """The player whose private value pick is open on the shared screen (phones pick theirs meanwhile)."""
        return next(iter(self._here(p for p in range(self.round.players) if p not in self.round.shared)), None)

    def _wait_for_phones(self, page: Page, actions: list) -> None:
        """The players at the shared screen are done; the phones are not yet: how many are, and who is busy.
        'Telefoons' opens the code to join again, or frees a player whose phone is gone."""
        progress_panel(page, self.app, page.content.y, page.content.bottom)
        self.footer(page, [(_("phones.table.phones"), self._phones)] + actions, primary_last=bool(actions))

    def _phones(self) -> None:
        from game.ui.scenes.phones import PhoneJoinScene
        self.app.push(PhoneJoinScene(self.app, self.stored, round_scene=self))

    # frame --------------------------------------------------------------------------------------
    def build(self, page: Page) -> None:
        self._sync_view()
        r = self.round
        clock_width = self.clock.build(page) if self.AT_TABLE else 0
        clock_buttons = len(page.focusables)
        page.header(self.phase_title(), self.subtitle(), right_space=clock_width + 40, icon=STEP_ICONS.get(r.phase))
        if self.view.asking:
            self._build_question(page)
        elif self.view.reading_case:
            self._build_case_text(page, [(_("ui.round.back_to_game"), self._toggle_case)])
        else:
            getattr(self, f"_build_{r.phase}")(page)
        # Tab reaches the table's own choices first and the facilitator's clock buttons last.
        page.focusables = page.focusables[clock_buttons:] + page.focusables[:clock_buttons]

    def tick(self, now: float) -> bool:
        return self.AT_TABLE and self.clock.tick()

    def footer(self, page: Page, actions: list, primary_last: bool = True, case_button: bool = True) -> None:
        """The round's footer: to the start, the case to read again, and this phase's own buttons."""
        aside = (_("ui.round.case"), self._toggle_case) if case_button else None
        page.footer(actions, back=(_("ui.round.menu"), self.leave), primary_last=primary_last, aside=aside)

    def _toggle_case(self) -> None:
        self.view.reading_case = not self.view.reading_case
        self.refresh()

    # questions before a step the table may not have meant --------------------------------------
    def ask(self, question: str) -> None:
        self.view.asking = question
        self.refresh()

    def _build_question(self, page: Page) -> None:
        """The question, with the way to stay as the main action: Enter never goes on by accident."""
        ask, go_on, go, stay = QUESTIONS[self.view.asking]
        page.paragraph(f"<b>{escape(_(ask))}</b>", page.content, "@rule")
        page.footer([(_(go_on), getattr(self, go)), (_(stay), self._stay)])

    def _stay(self) -> None:
        self.view.asking = None
        self.refresh()

    def leave(self) -> None:
        """'Naar het begin' asks first: the round stops, and the table can go on with it later."""
        self.ask("leave")

    def _stop(self) -> None:
        """To the start screen; the session is in its file and can be resumed there."""
        stop_phones(self.app)
        self.stored.close()
        self.app.home()

    def advance(self) -> None:
        """The next phase; a discussion point still being typed is added first, not dropped.

        Closing the leading values with none chosen asks first: the plenary asks which values led."""
        self.keep_typed_point()
        if self.round.phase == "record" and not self.round.leading_values:
            self.ask("no_values")
            return
        self.send(AdvancePhase())

    def _advance_anyway(self) -> None:
        self.view.asking = None
        self.send(AdvancePhase())

    def keep_typed_point(self) -> None:
        self.notes.keep()
        if self.notes.draft.strip():
            self.notes.submit(self.notes.draft)

    def read(self, page: Page, markup: str, box: Box | None = None, style: str = "@card",
             picture: Path | None = None) -> None:
        """A long text in ``box`` (the whole content area by default), on as many pages as it needs; with
        ``picture``, the picture at the right of it (the text then takes the width left)."""
        box = box or page.content
        if picture is not None:
            box = Box(box.x, box.y, beside(page, picture, box.x, box.y, box.w, box.h), box.h)
        page.reading(markup.split(PARAGRAPH), box, style, self.view.reading_page, self._turn_reading)

    def _turn_reading(self, index: int) -> None:
        self.view.reading_page = index
        self.refresh()

    def _turn_items(self, index: int) -> None:
        self.view.items_page = index
        self.refresh()

    # draw: the envelope ---------------------------------------------------------------------------
    def _build_draw(self, page: Page) -> None:
        r, v = self.round, self.view
        waiting = [p for p, role in enumerate(r.roles) if role is None]
        here = self._to_draw_here()
        phones = joined(self.app)
        if not v.intro_read and all(role is None for p, role in enumerate(r.roles) if p not in phones):
            self._build_case_text(page, [(_("ui.draw.start"), self._read_intro)])
        elif v.showing is not None:
            self._build_role_card(page, v.showing)
        elif here:
            self._build_envelope(page, here[0])
        elif waiting:
            self._wait_for_phones(page, [])
        else:
            cards = [escape(role_card(self.app.library, role, self.lang).line) for role in r.roles]
            self._player_cards(page, _("ui.draw.everyone"), cards)
            self.footer(page, [(_("ui.draw.next"), self.advance)])

    def _build_case_text(self, page: Page, actions: list) -> None:
        """The case as the table first reads it: title, the dilemma, a content note, the story."""
        case = self.case
        note = f"<i>{escape(case.content_note)}</i><br><br>" if case.content_note else ""
        markup = (f"<b>{escape(case.title)}</b><br><b>{escape(_('ui.case.dilemma'))}</b> "
                  f"{escape(tension(case.tension))}<br><br>{note}{escape(case.intro_for(self.state.plan))}")
        self.read(page, markup, picture=case_image(self.app.library, case))
        self.footer(page, actions, case_button=False)

    def _read_intro(self) -> None:
        self.view.intro_read = True
        self.refresh()

    def _build_envelope(self, page: Page, player: int) -> None:
        envelope = page.content.centred(900, 500)
        rect = page.rect(envelope.x, envelope.y, envelope.w, envelope.h)
        page.decorate(lambda surface: self._paint_envelope(surface, rect))
        markup = f"<b>{escape(player_name(self.state, player))}</b><br>{escape(_('ui.draw.tap'))}"
        _flap, front = envelope.top(envelope.h * 0.45, gap=0)
        front = front.centred(front.w - 80, front.h - 12)
        page.card(markup, front.x, front.y, front.w, front.h, lambda: self._draw(player), "@envelope")
        self.footer(page, [(_("ui.draw.draw"), lambda: self._draw(player))])

    def _paint_envelope(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """An envelope: the body, and its flap folded down as a tinted triangle."""
        p = palette(self.app.settings.high_contrast)
        line = max(3, round(5 * self.app.scale))
        flap = [rect.topleft, (rect.centerx, rect.top + round(rect.height * 0.45)), rect.topright]
        pygame.draw.rect(surface, p.card, rect)
        pygame.draw.polygon(surface, p.button_hover, flap)
        pygame.draw.polygon(surface, p.border, flap, line)
        pygame.draw.rect(surface, p.border, rect, line)

    def _draw(self, player: int) -> None:
        if self.send(DrawRole(player)):
            self.view.showing = player
            self.refresh()
            page = self.app.page
            area = page.content
            self.app.turn_card(page.rect(area.x, area.y, area.w, area.h))

    def _build_role_card(self, page: Page, player: int) -> None:
        card = role_card(self.app.library, self.round.roles[player], self.lang)
        heading = _("ui.draw.you_are", name=player_name(self.state, player), role=card.name)
        self.read(page, self.role_markup(self.round.roles[player], heading))
        waiting = self._to_draw_here()
        label = (_("ui.draw.pass_to", name=player_name(self.state, waiting[0])) if waiting
                 else _("ui.draw.all_read"))
        self.footer(page, [(label, self._card_read)])

    def role_markup(self, role: str, heading: str) -> str:
        """A role card as the player reads it: the heading, the card's line, and the case's brief."""
        card = role_card(self.app.library, role, self.lang)
        brief = self.case.roles.get(role)
        icon = icon_tag(self.app, role_icon(role), palette(self.app.settings.high_contrast).text, lines=2)
        parts = [f"{icon}<b>{escape(heading)}</b><br><i>{escape(card.line)}</i>"]
        if brief:
            for key, text in (("knows", brief.knows), ("wants", brief.wants), ("fears", brief.fears)):
                parts.append(f"<b>{escape(_(f'ui.brief.{key}'))}</b> {escape(text)}")
        return "<br><br>".join(parts)

    def _card_read(self) -> None:
        self.view.showing = None
        self.refresh()

    # share: value cards ---------------------------------------------------------------------------
    def _build_share(self, page: Page) -> None:
        """Values picked aloud at the table by default: a player taps their name, then their cards. A table
        that wants it private picks them in turn, the screen covered while it passes on."""
        if not self.state.hidden_values:
            self._build_share_aloud(page)
            return
        player = self._sharing_here()  # in the log: after a crash the same player's pick is open again
        if player is None and self.round.sharing() is not None:
            self._wait_for_phones(page, [(_("ui.share.next"), self.advance)])
            return
        if player is None:
            self._build_share_overview(page)
            return
        if self.view.covered:
            self._build_cover(page, player, [])
            return
        last = player == self.round.players - 1
        self._build_value_pick(page, player, (_("ui.share.done_last") if last else _("ui.share.done"),
                                              lambda: self._pass_on(player)))

    def _build_value_pick(self, page: Page, player: int, done: tuple) -> None:
        role = role_card(self.app.library, self.round.roles[player], self.lang).name
        ask = _("ui.share.ask", name=player_name(self.state, player), role=role)
        rest = page.paragraph(escape(ask), page.content) if page.measure(ask, "body") > \
            page.content.w else page.line(ask, page.content)[1]  # a long name and role wrap, never cut
        chosen = self.round.values[player]
        self._value_grid(page, rest, chosen, lambda value: self._toggle_value(player, value))
        self.footer(page, [done])

    def _build_share_aloud(self, page: Page) -> None:
        if self.view.showing is not None:
            self._build_value_pick(page, self.view.showing, (_("ui.share.done_aloud"), self._close_player))
            return
        cards = [escape(value_names(self.app.library, self.case, values, self.lang)) if values
                 else escape(_("ui.share.tap_name")) for values in self.round.values]
        self._player_cards(page, _("ui.share.aloud"), cards, act=self._open_player)
        self.footer(page, [(_("ui.share.next"), self.advance)])

    def _open_player(self, player: int) -> None:
        self.view.showing = player
        self.view.info = ""
        self.refresh()

    def _close_player(self) -> None:
        self.view.showing = None
        self.view.info = ""
        self.refresh()

    def _value_grid(self, page: Page, box: Box, chosen: tuple[str, ...], toggle) -> None:
        """All value cards at once; below them what the last tapped card means, or why a tap was refused.

        The grid keeps its size when a refusal is shown (the notice's room is kept free for the line below
        the cards), so the cards never jump under a finger.
        """
        values = value_ids(self.app.library, self.case)
        columns = 4 if len(values) <= 20 else 5
        info = escape(self.view.info or _("ui.values.hint", max=5))
        info_h = max(page.notice_height(), page.text_height(info, box.w, "@muted_text"))
        grid, line = box.top(box.h - info_h - GAP / 2, gap=GAP / 2) if not self.app.notice else (box, None)
        cards = []
        for value in values:
            name = value_card(self.app.library, self.case, value, self.lang).name
            picked = value in chosen
            cards.append((value, f"<b>{escape(_('ui.chosen', text=name))}</b>" if picked else escape(name), picked))
        markups = [markup for _value, markup, _picked in cards]
        for index, cell in self._card_cells(page, grid, markups, columns, most=120, gap=14, style="@value"):
            value, markup, picked = cards[index]
            page.card(markup, cell.x, cell.y, cell.w, cell.h, lambda v=value: toggle(v),
                      "@value_selected" if picked else "@value", key=f"value:{value}")
        if line is not None:
            page.text(info, line.x, line.y, line.w, line.h, "@muted_text")

    def _toggle(self, chosen: tuple[str, ...], value: str) -> tuple[str, ...]:
        card = value_card(self.app.library, self.case, value, self.lang)
        self.view.info = f"{card.name}: {card.line}"
        return tuple(v for v in chosen if v != value) if value in chosen else chosen + (value,)

    def _toggle_value(self, player: int, value: str) -> None:
        self.send(PickValues(player, self._toggle(self.round.values[player], value)))

    def _pass_on(self, player: int) -> None:
        self.view.info = ""
        self.view.covered = True
        self.send(FinishSharing(player))

    def _build_share_overview(self, page: Page) -> None:
        cards = [escape(value_names(self.app.library, self.case, values, self.lang))
                 for values in self.round.values]
        self._player_cards(page, _("ui.share.together"), cards)
        self.footer(page, [(_("ui.share.next"), self.advance)])

    def _player_cards(self, page: Page, title: str, texts: list[str], act=None) -> None:
        """One card per player (name and role on top), in two columns: what the whole table sees;
        with ``act``, tapping a card does ``act(player)``."""
        _label, box = page.line(title, page.content, "@strong")
        markups = []
        for p, text in enumerate(texts):
            role = role_card(self.app.library, self.round.roles[p], self.lang).name
            markups.append(f"<b>{escape(player_name(self.state, p))} · {escape(role)}</b><br>{text}")
        cells = self._card_cells(page, box, markups, columns=2, most=200)
        for p, cell in cells:
            if act:
                page.card(markups[p], cell.x, cell.y, cell.w, cell.h, lambda p=p: act(p))
            else:
                page.text(markups[p], cell.x, cell.y, cell.w, cell.h, "@card")

    def _card_cells(self, page: Page, box: Box, markups: list[str], columns: int, most: float,
                    gap: float = GAP, style: str = "@card") -> list[tuple[int, Box]]:
        """The round's cards laid out by ``Page.card_cells``, their page kept in the view."""
        return page.card_cells(box, markups, columns, most, self.view.items_page, self._turn_items, gap, style)

    # vote and reconsider: hidden votes in turn ---------------------------------------------------------
    def _stage(self) -> str:
        return FIRST if self.round.phase == "vote" else AGAIN

    def _next_voter(self) -> int | None:
        """The next player to vote on the shared screen; players with a phone vote there."""
        voted = self.round.votes_at(self._stage())
        return next(iter(self._here(p for p in range(self.round.players) if p not in voted)), None)

    def _build_vote(self, page: Page) -> None:
        decision = self.decision()
        if not self.view.decision_read:
            self.decision_text(page, decision)
            self.footer(page, [(_("ui.vote.show_now"), self.advance), (_("ui.vote.start"), self._read_decision)])
            return
        self._build_turn_vote(page, decision, [(_("ui.vote.show_now"), self.advance)])

    def decision_text(self, page: Page, decision: Decision) -> None:
        """The decision point to read before the choice, with its picture beside it when it has one."""
        markup = f"<b>{escape(decision.title)}</b><br><br>{escape(decision.text)}<br><br>" \
                 f"<b>{escape(self._question(decision))}</b>"
        self.read(page, markup, picture=case_image(self.app.library, self.case, decision.image) if decision.image else None)

    def _question(self, decision: Decision) -> str:
        return decision.question or _("ui.vote.default_question")

    def _read_decision(self) -> None:
        self.view.decision_read = True
        self.refresh()

    def _build_turn_vote(self, page: Page, decision: Decision, extra: list) -> None:
        """The hidden vote: the screen passes to each player in turn. Voting aloud, one player taps
        every choice in and nothing is covered."""
        player = self._next_voter()
        if player is None:
            self._wait_for_phones(page, extra)
            return
        if self.view.covered and not self.state.open_vote:
            self._build_cover(page, player, extra)
            return
        options = self.stored.session.available_options()
        choosing = "ui.vote.choosing_aloud" if self.state.open_vote else "ui.vote.choosing_keys"
        self._build_choice(page, decision, n_(choosing, len(options), name=player_name(self.state, player)),
                           lambda o: self._vote(player, o), [(_("ui.vote.pass"), lambda: self._vote(player, None))]
                           + (extra if self.state.open_vote else []))

    def _build_cover(self, page: Page, player: int, extra: list) -> None:
        """The screen passes to one player; the others look away."""
        name = player_name(self.state, player)
        markup = f"<b>{escape(_('ui.vote.pass_to', name=name))}</b><br><br>{escape(_('ui.vote.look_away'))}"
        if self.app.phones:
            markup += f"<br><br>{escape(progress_line(self.app))}"
        cover = page.content.centred(page.content.w - 320, max(420, page.text_height(markup, page.content.w - 320,
                                                                                       "@cover")))
        page.card(markup, cover.x, cover.y, cover.w, cover.h, self._uncover, "@cover")
        self.footer(page, extra + [(_("ui.vote.i_am", name=name), self._uncover)])

    def _build_choice(self, page: Page, decision: Decision, heading: str, act, actions: list) -> None:
        _label, rest = page.line(heading, page.content, "@muted")
        rest = self.question(page, decision, rest)
        options = self.stored.session.available_options()
        self._option_cards(page, rest, decision, options, act, {})
        self.footer(page, actions, primary_last=False)

    def question(self, page: Page, decision: Decision, box: Box) -> Box:
        """The decision's question along the top of ``box``; returns the room below it."""
        return page.paragraph(f"<b>{escape(self._question(decision))}</b>", box, "@question")

    def _uncover(self) -> None:
        self.view.covered = False
        self.refresh()

    def _vote(self, player: int, option: str | None) -> None:
        self.view.covered = True
        self.send(CastVote(player, option))

    def _option_cards(self, page: Page, box: Box, decision: Decision, options: tuple[str, ...], act,
                      notes: dict[str, str]) -> None:
        """The options as numbered cards (two columns for four)."""
        markups = []
        for index, option_id in enumerate(options):
            text = decision.option(option_id).text
            extra = f"<br><i>{escape(notes[option_id])}</i>" if notes.get(option_id) else ""
            markups.append(f"<b>{index + 1}.</b> {escape(text)}{extra}")
        columns = 2 if len(options) == 4 else 1
        for index, cell in self._card_cells(page, box, markups, columns, most=230, gap=16):
            option_id = options[index]
            page.card(markups[index], cell.x, cell.y, cell.w, cell.h, lambda o=option_id: act(o),
                      key=f"option:{option_id}")

    def number(self, n: int) -> None:
        phase = self.round.phase
        options = self.stored.session.available_options() if self.decision() else ()
        if not 0 < n <= len(options):
            return
        option = options[n - 1]
        if phase == "vote" and self.view.decision_read and (self.state.open_vote or not self.view.covered) \
                and self._next_voter() is not None:
            self._vote(self._next_voter(), option)
        elif phase == "reconsider" and self.view.changer is not None:
            self._change(self.view.changer, option)
        elif self._exploring() and self.round.viewing is None:
            self.send(ExploreOption(option))

    def _exploring(self) -> bool:
        """The table reads consequences: after the vote, and in the long plan after the second vote."""
        phase = self.round.phase
        return phase == "explore" or (phase == "reconsider" and self.view.changes_done)

    # explore and reconsider --------------------------------------------------------------------------
    def _build_reconsider(self, page: Page) -> None:
        """'Who wants to change their mind?': only they vote again, aloud; the others keep their vote."""
        if self.view.changes_done:
            self._build_explore(page)
            return
        decision = self.decision()
        if self.view.changer is not None:
            name = player_name(self.state, self.view.changer)
            self._build_choice(page, decision, _("ui.reconsider.choosing", name=name),
                               lambda o: self._change(self.view.changer, o),
                               [(_("ui.reconsider.cancel"), lambda: self._pick_changer(None))])
            return
        done = (_("ui.reconsider.done_short"), self.advance) if self.state.plan == "kort" \
            else (_("ui.reconsider.done_long"), self._changes_done)
        if self.view.moves_shown:
            self._build_reveal(page, AGAIN, [done])
            return
        cards = []
        votes = self.round.votes_now()
        for player, option in ((p, votes.get(p)) for p in range(self.round.players)):
            choice = self._option_label(decision, option)
            changed = player in self.round.votes_at(AGAIN)
            cards.append(escape(_("ui.reconsider.changed_to" if changed else "ui.reconsider.now", choice=choice)))
        self._player_cards(page, _("ui.reconsider.who"), cards, act=self._pick_changer)
        moves = self._moved_players() and self._hidden_vote()  # first the cards that moved, then on
        self.footer(page, [(done[0], self._show_moves) if moves else done])

    # the reveal: every card turned over at once ----------------------------------------------------
    def _hidden_vote(self) -> bool:
        """Only a table's hidden vote is turned over; a learner alone and a table voting aloud saw every vote."""
        return self.AT_TABLE and self.state.mode == "table" and not self.state.open_vote

    def _reveal_due(self) -> bool:
        """Right after a hidden vote, before the table opens an option (shown early with no vote cast: none)."""
        r = self.round
        return (self._hidden_vote() and not self.view.reveal_seen and r.viewing is None and not r.explored_here()
                and bool(r.votes_at(FIRST)))

    def _moved_players(self) -> list[int]:
        first = self.round.votes_at(FIRST)
        return [player for player, option in self.round.votes_at(AGAIN).items() if first.get(player, "") != option]

    def _build_reveal(self, page: Page, stage: str, actions: list) -> None:
        """The votes of this decision as cards per option; after the second vote, those who moved are marked."""
        r = self.round
        seats = [(player_name(self.state, p), r.roles[p]) for p in range(r.players)]
        reveal = reveal_of(self.app.library, self.lang, self.decision(), self.stored.session.available_options(),
                           seats, r.votes_at(FIRST), r.votes_now() if stage == AGAIN else None)
        colours = palette(self.app.settings.high_contrast)
        content = page.content
        areas = build_reveal(page, reveal, colours, content.x, content.y, content.w, content.h)
        self.footer(page, actions)
        turned = (r.number, r.step, stage)
        if self._turned != turned:
            self._turned = turned
            self.app.turn_cards(areas, colours.primary)
            self.app.play("reveal")

    def _reveal_looked_at(self) -> None:
        self.view.reveal_seen = True
        self.refresh()

    def _show_moves(self) -> None:
        self.view.moves_shown = True
        self.refresh()

    def _option_label(self, decision: Decision, option: str | None) -> str:
        if option is None:
            return _("ui.reconsider.no_choice")
        number = decision.option_ids().index(option) + 1
        return f"{number}. {decision.option(option).text}"

    def _pick_changer(self, player: int | None) -> None:
        self.view.changer = player
        self.refresh()

    def _change(self, player: int, option: str | None) -> None:
        self.view.changer = None
        self.send(CastVote(player, option))

    def _changes_done(self) -> None:
        self.view.changes_done = True
        self.refresh()

    def _build_explore(self, page: Page) -> None:
        decision = self.decision()
        if self._reveal_due():
            self._build_reveal(page, FIRST, [(_("ui.reveal.to_options"), self._reveal_looked_at)])
            return
        if self.round.viewing:
            self._build_consequences(page, decision, self.round.viewing)
            return
        _label, rest = page.line(decision.title, page.content, "@strong")
        options = self.stored.session.available_options()
        notes = {option: self._vote_line(option) for option in options}
        if self.AT_TABLE and self.state.plan == "lang":
            rest = page.paragraph(escape(self._follow_rule(decision)), rest, "@muted_text")
        self._option_cards(page, rest, decision, options, lambda o: self.send(ExploreOption(o)), notes)
        actions = []
        if self.round.phase == "explore" and self.AT_TABLE:
            actions.append((_("ui.explore.reconsider"), self.advance if self.round.explored_here() else None))
        self.footer(page, actions)

    def _follow_rule(self, decision: Decision) -> str:
        """No unanimity asked: to read on, the table follows the most votes; in a tie the table chooses."""
        numbers = [str(decision.option_ids().index(option) + 1) for option in self._followable()]
        return _("ui.explore.no_unanimity", options=" / ".join(numbers))

    def _followable(self) -> tuple[str, ...]:
        """The options the table may follow: those with the most votes as they stand (any, when nobody chose)."""
        if self.state.mode != "table":
            return self.stored.session.available_options()
        return self.round.most_voted() or self.stored.session.available_options()

    def _vote_line(self, option: str) -> str:
        parts = []
        for stage in (FIRST, AGAIN):
            if not self.round.is_revealed(stage):
                continue
            voters = [p for p, choice in self.round.votes_at(stage).items() if choice == option]
            roles = ", ".join(role_card(self.app.library, self.round.roles[p], self.lang).name for p in voters)
            parts.append(n_(f"ui.explore.votes_{stage}", len(voters), roles=roles) if voters
                         else _(f"ui.explore.no_votes_{stage}"))
        if option in self.round.explored_here():
            parts.append(_("ui.explore.read"))
        return " · ".join(parts)

    def _build_consequences(self, page: Page, decision: Decision, option_id: str) -> None:
        """The option's consequences as the collaboration triangle: the resident on top, family and team below,
        which values it puts first beside it. When the texts need more room than the triangle gives (a small
        screen, a large text size), the three corners stand side by side under the values."""
        option = decision.option(option_id)
        number = decision.option_ids().index(option_id) + 1
        rest = page.paragraph(f"<b>{number}. {escape(option.text)}</b>", page.content)
        texts = {"resident": option.consequences.resident, "family": option.consequences.family,
                 "team": option.consequences.team}
        colours = palette(self.app.settings.high_contrast)
        markups = {corner: f"{icon_tag(self.app, CORNER_ICONS[corner], getattr(colours, corner), lines=2)}"
                           f"<b>{escape(_(f'ui.corner.{corner}'))}</b><br>{escape(text)}"
                   for corner, text in texts.items()}
        values = self._values_note(option)
        boxes = self._triangle(rest)
        if not all(page.fits(markups[c], boxes[c], f"@corner_{c}") for c in markups) or \
                (values and not page.fits(values, boxes["values"], "@muted_text")):
            boxes = self._side_by_side(page, rest, values)
            if not all(page.fits(markups[c], boxes[c], f"@corner_{c}") for c in markups):
                self._corners_in_turn(page, rest, markups, values)
                return self.footer(page, self._consequence_actions(option_id))
        else:
            centres = [page.rect(b.x + b.w / 2, b.y + b.h / 2, 0, 0).topleft
                       for b in (boxes["resident"], boxes["family"], boxes["team"])]
            page.decorate(lambda surface: self._paint_triangle(surface, centres))
        for corner, markup in markups.items():
            box = boxes[corner]
            page.text(markup, box.x, box.y, box.w, box.h, f"@corner_{corner}")
        if values:
            box = boxes["values"]
            page.text(values, box.x, box.y, box.w, box.h, "@muted_text")
        self.footer(page, self._consequence_actions(option_id))

    def _consequence_actions(self, option_id: str) -> list:
        actions = [(_("ui.explore.back"), lambda: self.send(GoBack()))]
        if self.state.plan == "lang" and option_id in self._followable():
            actions.append((_("ui.explore.follow"), lambda: self.send(Continue(option_id))))
        return actions

    def _corners_in_turn(self, page: Page, box: Box, markups: dict[str, str], values: str) -> None:
        """The corners one under the other, in their colours, on as many pages as they need."""
        items = list(markups.items()) + ([("values", values)] if values else [])
        cells = self._card_cells(page, box, [markup for _corner, markup in items], 1, most=box.h,
                                 style="@corner_resident")
        for index, cell in cells:
            corner, markup = items[index]
            page.text(markup, cell.x, cell.y, cell.w, cell.h,
                      "@muted_text" if corner == "values" else f"@corner_{corner}")

    @staticmethod
    def _triangle(box: Box) -> dict[str, Box]:
        top, bottom = box.rows(2, gap=24)
        width = min(900, (box.w - 40) / 2)
        family, rest = bottom.left(width)
        _gap, team = rest.right_part(width)
        resident = top.centred(width, top.h)
        _left, values = top.left(resident.right - top.x + 30, gap=0)
        return {"resident": resident, "family": family, "team": team, "values": values}

    @staticmethod
    def _side_by_side(page: Page, box: Box, values: str) -> dict[str, Box]:
        boxes = {}
        if values:
            boxes["values"], box = box.top(page.text_height(values, box.w, "@muted_text"), gap=GAP / 2)
        boxes.update(zip(("resident", "family", "team"), box.columns(3)))
        return boxes

    def _values_note(self, option) -> str:
        """Which values the option puts first and which come under pressure: words, never a score."""
        lines = []
        if option.favours:
            lines.append(_("ui.explore.favours", values=value_names(self.app.library, self.case, option.favours,
                                                                      self.lang)))
        if option.pressures:
            lines.append(_("ui.explore.pressures", values=value_names(self.app.library, self.case,
                                                                        option.pressures, self.lang)))
        return PARAGRAPH.join(escape(line) for line in lines)

    def _paint_triangle(self, surface: pygame.Surface, centres: list) -> None:
        colour = palette(self.app.settings.high_contrast).card_border
        pygame.draw.polygon(surface, colour, centres, max(2, round(4 * self.app.scale)))

    # record -------------------------------------------------------------------------------------------
    def _build_record(self, page: Page) -> None:
        tabs = [(text, lambda t=tab: self._tab(t), self.view.tab == tab, f"tab:{tab}")
                for tab, text in (("values", _("ui.record.values_tab")), ("notes", _("ui.record.notes_tab")))]
        row, rest = page.content.top(BUTTON_H)
        beside = self.tabs(page, row, tabs)
        if self.view.tab == "values":
            ask = escape(_("ui.record.ask"))
            if page.fits(ask, beside):
                page.text(ask, beside.x, beside.y, beside.w, beside.h)
            else:
                rest = page.paragraph(ask, rest)
            self._value_grid(page, rest, self.round.leading_values, self._toggle_leading)
        else:
            self.notes.build(page, rest)
        next_step = "ui.record.next" if self.state.plan == "lang" else "ui.record.to_plenary"
        self.footer(page, [(_(next_step), self.advance)])

    def _tab(self, tab: str) -> None:
        self.view.tab = tab
        self.refresh()

    @staticmethod
    def tabs(page: Page, row: Box, tabs: list[tuple]) -> Box:
        """Toggle buttons ``(text, action, selected, key)`` from the left of ``row``; returns the room beside them."""
        for text, action, selected, key in tabs:
            tab, row = row.left(max(380, page.button_width(text)))
            page.button(text, tab.x, tab.y, tab.w, tab.h, action, "@toggle", selected=selected, key=key)
        return row

    def _toggle_leading(self, value: str) -> None:
        self.send(RecordValues(self._toggle(self.round.leading_values, value)))

    # plenary: the round's last step ---------------------------------------------------------------
    def _build_plenary(self, page: Page) -> None:
        """The table joins the room: what it takes along (its leading values and points); in the short plan
        also the background facts, which the table did not read in an ending."""
        r = self.round
        values = value_names(self.app.library, self.case, r.leading_values, self.lang) or _("ui.plenary.no_values")
        parts = [escape(_("ui.plenary.take_along")),
                 f"<b>{escape(_('ui.plenary.values'))}</b> {escape(values)}",
                 f"<b>{escape(_('ui.plenary.points'))}</b> " + escape(n_("ui.plenary.point_count", len(r.notes)))]
        box = page.content
        if self.state.plan == "kort" and self.case.facts:
            row, box = box.top(BUTTON_H)
            self.tabs(page, row, [(text, lambda i=index: self._ending_page(i), index == self.view.ending_page, None)
                                  for index, text in enumerate((_("ui.plenary.take_along_tab"), _("ui.ending.facts")))])
        markup = self._facts() if self.view.ending_page == 1 else PARAGRAPH.join(parts)
        self.read(page, markup, box)
        last = r.number == len(self.state.cases)
        self.footer(page, [(_("ui.ending.finish") if last else _("ui.ending.next_round"), self.advance)],
                    case_button=False)

    def phase_title(self) -> str:
        if self.view.moves_shown:
            return _("ui.reveal.moved")
        if self.round.phase == "explore" and self._reveal_due():
            return _("ui.reveal.all_at_once")
        if self.round.phase == "plenary":
            return _("ui.plenary.now", minutes=round(self.state.durations.plenary / 60))
        return _(f"ui.phase.{self.round.phase}")

    # ending -------------------------------------------------------------------------------------------
    def _build_ending(self, page: Page) -> None:
        finish = (self.finish_label(), self.advance)
        pages = self.ENDING_PAGES
        current = pages[self.view.ending_page]
        row, box = page.content.top(BUTTON_H)
        self.tabs(page, row, [(self.ending_tab(name), lambda i=index: self._ending_page(i),
                               index == self.view.ending_page, f"ending:{name}") for index, name in enumerate(pages)])
        self.ending_part(page, current, box)
        self.footer(page, [finish])

    def ending_tab(self, name: str) -> str:
        return _(f"ui.ending.{name}")

    def finish_label(self) -> str:
        """The ending's way forward: the round's plenary step."""
        return _("ui.ending.to_plenary")

    def ending_part(self, page: Page, name: str, box: Box) -> None:
        """One part of the ending in ``box``."""
        if name == "notes":
            self.notes.build(page, box)
        else:
            self.read(page, self._story() if name == "story" else self._facts(), box)

    def _ending_page(self, index: int) -> None:
        self.view.ending_page, self.view.reading_page = index, 0
        self.refresh()

    def _story(self) -> str:
        ending = self.case.endings[self.round.ending]
        questions = "<br>".join(f"{n}. {escape(q)}" for n, q in enumerate(ending.reflection, start=1))
        return (f"<b>{escape(ending.title)}</b><br>{escape(ending.text)}<br><br>"
                f"<b>{escape(_('ui.ending.questions'))}</b><br>{questions}")

    def _facts(self) -> str:
        if not self.case.facts:
            return escape(_("ui.ending.no_facts"))
        return "<br><br>".join(f"<b>{escape(f.title)}</b><br>{escape(f.text)}<br><i>{escape(f.source)}</i>"
                               for f in self.case.facts)

    def keep(self) -> None:
        self.notes.keep()

    def closing(self) -> None:
        """A point still being typed goes into the log as it is: closing the window loses nothing."""
        self.keep_typed_point()

    # keys -------------------------------------------------------------------------------------------
    def back(self) -> None:
        """Escape closes what is open: a question, the consequences, a player's options, a note being edited."""
        if self.view.asking:
            self._stay()
        elif self.round.phase in ("explore", "reconsider") and self.round.viewing:
            self.send(GoBack())
        elif not self.view.covered:
            self.view.covered = True
            self.refresh()
        elif self.notes.editing is not None:
            self.notes.cancel()
