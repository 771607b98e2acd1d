"""The round: one shared screen that follows the phases of the session.

``RoundScene`` keeps what every round has in common: the session's state and the commands sent to it, the header
and footer, the questions asked before a step, and which screen shows the current phase. The phases' screens live
in ``game.ui.scenes.round``. What differs between a round at the table, practising alone and the preview of a
case is a small mode object: ``TableMode`` here, ``SoloMode`` in ``solo`` and ``PreviewMode`` in ``preview``.

What is only about the screen (whose card is turned over, whether the screen is covered while it is passed on)
lives in ``View`` and starts afresh with every phase.
"""
from __future__ import annotations

from dataclasses import astuple, dataclass, replace
from pathlib import Path

import pygame

from game.engine import AdvancePhase, GoBack
from game.i18n import _
from game.scenario.model import Decision, Scenario
from game.scenario.plans import plan_steps
from game.store.log import StoredSession
from game.ui.clock import ClockPanel
from game.ui.notes import NotesEditor
from game.ui.page import GAP, PARAGRAPH, Box, Page, escape
from game.ui.phones import on_phone, progress_panel, stop_phones
from game.ui.pictures import PICTURE_SHARE, STEP_ICONS, picture_tag
from game.ui.scenes import BaseScene
from game.ui.scenes.round import Screen, draw, ending, explore, reconsider, share, vote

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


class TableMode:
    """A round at the table: the clock, the envelope, hidden steps in turn, voting again, the scribe's points and
    the plenary. Practising alone and the preview change a few of these decisions."""

    screens = {"draw": Screen(draw.build), "share": Screen(share.build), "vote": Screen(vote.build, vote.choose),
               "explore": Screen(explore.build, explore.choose),
               "reconsider": Screen(reconsider.build, reconsider.choose), "record": Screen(ending.record),
               "plenary": Screen(ending.plenary), "ending": Screen(ending.ending)}
    at_table = True                 # the votes turned over, voting again after exploring, following the most votes
    phase_titles = "ui.phase"       # the catalog ids of the phases' titles
    ending_parts = (ending.STORY, ending.FACTS, ending.NOTES)
    finish = "ui.ending.to_plenary"  # the ending's way on
    passes: tuple[str, ...] = ()    # phases passed straight through when the session reaches them

    def panel(self, scene: "RoundScene") -> ClockPanel | None:
        """What stands at the top right beside the header (its ``build`` returns its width)."""
        return ClockPanel(scene)

    def subtitle(self, scene: "RoundScene") -> str:
        """The round, and with a running clock what comes next; once a step ran over, how much of the round
        is left instead of the case's title (the clock guides, it never breaks off the table's work)."""
        state, r = scene.state, scene.round
        clock = state.clock
        if clock is None:
            return _("ui.round.subtitle", n=r.number, total=len(state.cases), title=scene.case.title)
        left = state.round_left(scene.app.now())
        if left is not None and r.ran_over():
            minutes = max(0, round(left / 60))
            where = (_("ui.step.round_left", n=r.number, total=len(state.cases), minutes=minutes)
                     if left > 0 else _("ui.step.round_over", n=r.number, total=len(state.cases)))
        else:
            where = _("ui.round.number", n=r.number, total=len(state.cases))
        return _("ui.step.then", where=where, next=self._next_step(scene, clock.step))

    @staticmethod
    def _next_step(scene: "RoundScene", step: str) -> str:
        """What comes after ``step`` in the round's plan; after exploring in the long plan the path decides."""
        if step == "explore":
            return _("ui.step.next_decision")
        state = scene.state
        steps = plan_steps(state.plan, 1, plenary=state.mode == "table")
        later = steps[steps.index(step) + 1:]
        if later:
            return _(f"ui.step.{later[0]}")
        last = scene.round.number == len(state.cases)
        return _("ui.step.end") if last else _("ui.step.next_round")

    def save(self, scene: "RoundScene") -> None:
        """Put what is being typed beyond the round's points where it is kept (nothing, at the table)."""

    def keep(self, scene: "RoundScene") -> None:
        """Keep what is being typed beyond the round's points through a rebuild (nothing, at the table)."""

    def leave(self, scene: "RoundScene") -> None:
        """'Naar het begin' asks first: the round stops, and the table can go on with it later."""
        scene.ask("leave")

    def finished(self, scene: "RoundScene") -> None:
        """The session has ended: show what the table did."""
        from game.ui.scenes.summary import SummaryScene
        stop_phones(scene.app)
        scene.app.replace(SummaryScene(scene.app, scene.stored))


TABLE = TableMode()


class RoundScene(BaseScene):
    """A round: the phase's screen as ``mode`` shows it (at the table unless another mode is given)."""

    def __init__(self, app, stored: StoredSession, mode: TableMode = TABLE) -> None:
        super().__init__(app)
        self.stored = stored
        self.mode = mode
        self.view = View()
        self._view_key: tuple | None = None
        self._first_view = View()           # the view a new phase starts with
        self._turned: tuple | None = None   # the reveal whose cards turned over already (they turn once)
        self._turned_in = -1                 # the build in which they turned
        self.notes = NotesEditor(self)
        self.panel = mode.panel(self)

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
        """Log the command (or show why not) and show the new state; a phase the mode passes through (alone
        there is no scribe's step, a preview has no plenary) is passed at once."""
        done = self._send(command)
        if done and not self.state.finished and self.round.phase in self.mode.passes:
            return self._send(AdvancePhase())
        return done

    def _send(self, command) -> bool:
        done = self.app.execute(self.stored, command)
        if self.state.finished:
            self.mode.finished(self)
            return done
        self.refresh()
        return done

    def restart(self, stored: StoredSession, reading_case: bool = False) -> None:
        """Show another session (a preview played anew) as a new screen; with ``reading_case``, its story first."""
        self.stored = stored
        self._view_key = None
        self._first_view = View(reading_case=reading_case)

    def _sync_view(self) -> None:
        key = (self.round.number, self.round.phase, self.round.step)
        if key != self._view_key:
            if self._view_key is None or key[0] != self._view_key[0]:
                self.notes.reset()
            if self._view_key is not None:
                self.app.slide_in()
            self._view_key = key
            self.view, self._first_view = self._first_view, View()

    def show(self, **changes) -> None:
        """Change what the screen shows (fields of ``View``) and build it anew."""
        for name, value in changes.items():
            setattr(self.view, name, value)
        self.refresh()

    def screen_key(self) -> tuple:
        r = self.round
        return r.number, r.phase, r.step, r.viewing, self._whose_turn(), self.view.screen()

    def _whose_turn(self) -> int | None:
        """The player at the screen: drawing a card, picking values or voting (None in the open steps)."""
        r = self.round
        if r.phase == "draw":
            return next(iter(draw.to_draw_here(self)), None)
        if r.phase == "share":
            return share.sharing_here(self)
        return vote.next_voter(self) if r.phase in ("vote", "reconsider") else None

    def here(self, players) -> list[int]:
        """Of ``players``, those who do the current private step on the shared screen (not on a phone)."""
        return [player for player in players if not on_phone(self.app, player)]

    def wait_for_phones(self, page: Page, actions: list) -> None:
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
        panel_width = self.panel.build(page) if self.panel else 0
        panel_buttons = len(page.focusables)
        page.header(self.phase_title(), self.mode.subtitle(self), right_space=panel_width + 40,
                    icon=STEP_ICONS.get(self.round.phase))
        if self.view.asking:
            self._build_question(page)
        elif self.view.reading_case:
            draw.case_text(self, page, [(_("ui.round.back_to_game"), self._toggle_case)])
        else:
            self.mode.screens[self.round.phase].build(self, page)
        # Tab reaches the table's own choices first and the facilitator's clock buttons last.
        page.focusables = page.focusables[panel_buttons:] + page.focusables[:panel_buttons]

    def phase_title(self) -> str:
        phase = self.round.phase
        if self.view.changes_done:  # the long plan reads the options on after the second vote
            return _(f"{self.mode.phase_titles}.explore")
        if self.view.moves_shown:
            return _("ui.reveal.moved")
        if phase == "explore" and explore.reveal_due(self):
            return _("ui.reveal.all_at_once")
        if phase == "plenary":
            return _("ui.plenary.now", minutes=round(self.state.durations.plenary / 60))
        return _(f"{self.mode.phase_titles}.{phase}")

    def tick(self, now: float) -> bool:
        return self.panel is not None and self.panel.tick()

    def footer(self, page: Page, actions: list, primary_last: bool = True, case_button: bool = True) -> None:
        """The round's footer: to the start, the case to read again, and this phase's own buttons."""
        aside = (_("ui.round.case"), self._toggle_case) if case_button else None
        page.footer(actions, back=(_("ui.round.menu"), self.leave), primary_last=primary_last, aside=aside)

    def _toggle_case(self) -> None:
        self.show(reading_case=not self.view.reading_case)

    def read(self, page: Page, markup: str, box: Box | None = None, style: str = "@card",
             picture: Path | None = None) -> None:
        """A long text in ``box`` (the whole content area by default), on as many pages as it needs; with
        ``picture``, the picture at the top right of its first page, the text flowing on under it."""
        box = box or page.content
        parts = markup.split(PARAGRAPH)
        if picture is not None:
            parts[0] = picture_tag(self.app, picture, box.w * PICTURE_SHARE, box.h / 2) + parts[0]
        page.reading(parts, box, style, self.view.reading_page, lambda index: self.show(reading_page=index),
                     read_on=True)  # what the table reads before it goes on: Enter reads to the end first

    def card_cells(self, page: Page, box: Box, markups: list[str], columns: int, most: float,
                   gap: float = GAP, style: str = "@card") -> list[tuple[int, Box]]:
        """The round's cards laid out by ``Page.card_cells``, their page kept in the view."""
        return page.card_cells(box, markups, columns, most, self.view.items_page,
                               lambda index: self.show(items_page=index), gap, style)

    def turn_over(self, reveal: tuple, areas: list[pygame.Rect], back: str) -> None:
        """The cards of a reveal turn over the first time it is shown, not again when the screen is rebuilt (but
        where the cards lie in the second build of the same screen, when its footer gave the content more room)."""
        if self._turned != reveal:
            self._turned, self._turned_in = reveal, self.app.builds
            self.app.turn_cards(areas, back)
            self.app.play("reveal")
        elif self._turned_in == self.app.builds:
            self.app.turn_cards(areas, back)

    # questions before a step the table may not have meant --------------------------------------
    def ask(self, question: str) -> None:
        self.show(asking=question)

    def _build_question(self, page: Page) -> None:
        """The question, with the way to stay as the main action: Enter never goes on by accident."""
        ask, go_on, go, stay = QUESTIONS[self.view.asking]
        page.paragraph(f"<b>{escape(_(ask))}</b>", page.content, "@rule")
        page.footer([(_(go_on), getattr(self, go)), (_(stay), self._stay)])

    def _stay(self) -> None:
        self.show(asking=None)

    def leave(self) -> None:
        self.mode.leave(self)

    def _stop(self) -> None:
        """To the start screen; the session is in its file and can be resumed there."""
        stop_phones(self.app)
        self.stored.close()
        self.app.home()

    def advance(self) -> None:
        """The next phase; what is still being typed is kept first, not dropped.

        Closing the leading values with none chosen asks first: the plenary asks which values led."""
        self.save_typed()
        if self.round.phase == "record" and not self.round.leading_values:
            self.ask("no_values")
            return
        self.send(AdvancePhase())

    def _advance_anyway(self) -> None:
        self.view.asking = None
        self.send(AdvancePhase())

    def save_typed(self) -> None:
        """A discussion point still being typed is added; what else the mode lets players type is saved."""
        self.notes.keep()
        if self.notes.draft.strip():
            self.notes.submit(self.notes.draft)
        self.mode.save(self)

    def keep(self) -> None:
        self.notes.keep()
        self.mode.keep(self)

    def closing(self) -> None:
        """What is still being typed goes into the log as it is: closing the window loses nothing."""
        self.save_typed()

    # keys -------------------------------------------------------------------------------------------
    def number(self, n: int) -> None:
        """Number key n: the n-th option, for what the phase's screen does with it."""
        options = self.stored.session.available_options() if self.decision() else ()
        choose = self.mode.screens[self.round.phase].choose
        if 0 < n <= len(options) and choose:
            choose(self, options[n - 1])

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
