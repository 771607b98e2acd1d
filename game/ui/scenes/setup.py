"""Set-up of a table session in four calm steps: who plays, which cases, which round plan, how much time."""
from __future__ import annotations

import random
from dataclasses import fields

import pygame

from game.app import start_session
from game.engine import CommandRejected, Durations, StartSession
from game.engine.session import MAX_ROUNDS, MODES
from game.i18n import _
from game.report.palette import TABLE_COLOURS
from game.scenario.plans import DEFAULT_PLAN, KORT, PLANS, plan_steps
from game.scenario.timing import SLOT_MINUTES, estimate
from game.store.log import SessionFileError
from game.ui.page import BUTTON_H, MARGIN, Page, escape, tension
from game.ui.scenes import BaseScene
from game.ui.scenes.phones import open_round, phones_toggle

STEPS = ("players", "cases", "plan", "times")
MAX_MINUTES = 15
ROUNDS = 2
NAME_LIMIT = 40


class SetupScene(BaseScene):
    def __init__(self, app) -> None:
        super().__init__(app)
        low, high = MODES["table"]
        self.low, self.high = low, high
        self.step = 0
        self.names: list[str] = [""] * 4
        self.cases: list[str] = app.library.ids(app.settings.lang)[:ROUNDS]
        self.minutes = {f.name: getattr(Durations(), f.name) // 60 for f in fields(Durations)}
        self.plan = DEFAULT_PLAN
        self.hidden_values = False
        self.open_vote = False
        self.phones = False
        self.entries: list = []
        self.table_entry = None
        self._estimates: dict[tuple, float] = {}
        # a name and colour suggested at random, so that the laptops of one training seldom suggest the same
        self.table_name = random.choice(_("ui.setup.table_names").split("|"))
        self.colour = random.randrange(len(TABLE_COLOURS))

    def build(self, page: Page) -> None:
        name = STEPS[self.step]
        page.header(_(f"ui.setup.{name}"), _("ui.setup.step", n=self.step + 1, total=len(STEPS)))
        getattr(self, f"_build_{name}")(page)
        last = self.step == len(STEPS) - 1
        page.footer([(_("ui.setup.start") if last else _("ui.next"), self.forward)],
                    back=(_("ui.back"), self.back))

    def _stepper(self, page: Page, y: float, title: str, value: str, less, more, x: float = MARGIN,
                 title_width: float = 560) -> None:
        """A row 'title  [-]  value  [+]' with large targets."""
        page.label(title, x, y, title_width, BUTTON_H)
        x += title_width + 20
        page.button("–", x, y, 100, BUTTON_H, less, "@stepper", key=f"less:{title}")
        page.label(value, x + 110, y, 160, BUTTON_H, "@count")
        page.button("+", x + 280, y, 100, BUTTON_H, more, "@stepper", key=f"more:{title}")

    def minutes_of(self, case_id: str, plan: str) -> float:
        """The time model's minutes of a round of this case (its middle path), for a table of this size."""
        lang = self.app.settings.lang
        key = (case_id, plan, lang, len(self.names))
        if key not in self._estimates:
            scenario = self.app.library.case(case_id, lang).scenario
            self._estimates[key] = estimate(scenario, plan, players=len(self.names)).median
        return self._estimates[key]

    def _minutes_line(self, case_id: str) -> str:
        return _("ui.setup.case_minutes", kort=round(self.minutes_of(case_id, "kort")),
                 lang=round(self.minutes_of(case_id, "lang")))

    def _build_players(self, page: Page) -> None:
        count = len(self.names)
        self._stepper(page, 180, _("ui.setup.player_count"), str(count),
                      self._change_players(-1) if count > self.low else None,
                      self._change_players(1) if count < self.high else None)
        page.label(_("ui.setup.names_hint"), MARGIN, 290, page.content_width, 50, "@muted")
        column = (page.content_width - 40) / 2
        self.entries = []
        for index, name in enumerate(self.names):
            x = MARGIN + (index % 2) * (column + 40)
            y = 360 + (index // 2) * 106
            self.entries.append(page.entry(x, y, column, 86, name, _("ui.player_n", n=index + 1),
                                           on_enter=lambda _text: self.app.move_focus(1), limit=NAME_LIMIT,
                                           key=f"name:{index}"))
        self._build_table(page, 360 + -(-count // 2) * 106 + 4, column)

    def _build_table(self, page: Page, y: float, column: float) -> None:
        """The table's name (suggested, editable) and its colour (a button steps through them, its swatch beside)."""
        page.label(_("ui.setup.table"), MARGIN, y, page.content_width, 50, "@muted")
        y += 54
        self.table_entry = page.entry(MARGIN, y, column, 86, self.table_name, _("ui.setup.table_name"),
                                      limit=NAME_LIMIT, key="table-name")
        swatch = page.rect(MARGIN + column + 40, y, 86, 86)
        colour = TABLE_COLOURS[self.colour]
        page.decorate(lambda surface: pygame.draw.rect(surface, colour, swatch))
        name = _("ui.setup.colour_names").split("|")[self.colour]
        page.button(_("ui.setup.table_colour", colour=name), MARGIN + column + 146, y, column - 106, 86,
                    self._next_colour, key="table-colour")

    def _next_colour(self) -> None:
        self.colour = (self.colour + 1) % len(TABLE_COLOURS)
        self.refresh()

    def _build_cases(self, page: Page) -> None:
        rounds = len(self.cases)
        self._stepper(page, 180, _("ui.setup.round_count"), str(rounds),
                      self._change_rounds(-1) if rounds > 1 else None,
                      self._change_rounds(1) if rounds < MAX_ROUNDS else None)
        y = 290
        height = min(260, (page.footer_y - 24 - y) / max(1, rounds) - 16)
        for index, case_id in enumerate(self.cases):
            case = self.app.library.case(case_id, self.app.settings.lang).scenario
            markup = (f"<b>{escape(_('ui.round_n', n=index + 1))}: {escape(case.title)}</b> · "
                      f"<i>{escape(self._minutes_line(case_id))}</i><br>{escape(tension(case.tension))}")
            page.card(markup, MARGIN, y, page.content_width, height, lambda i=index: self._pick_case(i))
            y += height + 16

    def _build_plan(self, page: Page) -> None:
        """The round plan (Kort by default, as the paper game) with each round's minutes by the time
        model, and how the table does the private steps."""
        width = (page.content_width - 40) / 2
        for index, plan in enumerate(PLANS):
            page.button(_(f"ui.setup.plan.{plan}"), MARGIN + index * (width + 40), 180, width, BUTTON_H,
                        lambda p=plan: self._set(plan=p), "@toggle", selected=self.plan == plan)
        lines = []
        for index, case_id in enumerate(self.cases):
            minutes = self.minutes_of(case_id, self.plan)
            title = self.app.library.case(case_id, self.app.settings.lang).scenario.title
            fits = self.plan != KORT or minutes <= SLOT_MINUTES
            key = "ui.setup.round_minutes" if fits else "ui.setup.round_minutes_over"
            lines.append(escape(_(key, n=index + 1, title=title, minutes=round(minutes), slot=f"{SLOT_MINUTES:g}")))
        page.text("<br>".join(lines), MARGIN, 290, page.content_width, 60 * len(lines) + 20, "@muted_text")
        y = 290 + 60 * len(lines) + 40
        for index, (name, on) in enumerate((("hidden_values", self.hidden_values), ("open_vote", self.open_vote))):
            page.button(_(f"ui.setup.{name}"), MARGIN + index * (width + 40), y, width, BUTTON_H,
                        lambda n=name, v=on: self._set(**{n: not v}), "@toggle", selected=on)
        page.label(_("ui.setup.handoffs_hint"), MARGIN, y + BUTTON_H + 16, page.content_width, 50, "@muted")
        phones_toggle(page, self, y + BUTTON_H + 80)

    def _set(self, **changes) -> None:
        for name, value in changes.items():
            setattr(self, name, value)
        self.refresh()

    def _build_times(self, page: Page) -> None:
        """The minutes of each step of the chosen plan, in two columns."""
        steps = list(dict.fromkeys(plan_steps(self.plan, 1)))
        rows = (len(steps) + 1) // 2
        column = (page.content_width - 40) / 2
        for index, name in enumerate(steps):
            minutes = self.minutes[name]
            x = MARGIN + (index // rows) * (column + 40)
            y = 180 + (index % rows) * (BUTTON_H + 24)
            self._stepper(page, y, _(f"ui.setup.time.{name}"), _("ui.minutes", n=minutes),
                          self._change_time(name, -1) if minutes > 1 else None,
                          self._change_time(name, 1) if minutes < MAX_MINUTES else None,
                          x=x, title_width=column - 400)
        hint = _("ui.setup.times_hint_lang") + _("ui.setup.times_hint") if self.plan == "lang" \
            else _("ui.setup.times_hint")
        page.text(escape(hint), MARGIN, 180 + rows * (BUTTON_H + 24) + 10, page.content_width, 110, "@muted_text")

    # changes --------------------------------------------------------------------------------
    def keep(self) -> None:
        """Save the typed names (the entries of the players still in the game)."""
        if self.step == 0:
            for index, entry in enumerate(self.entries[:len(self.names)]):
                self.names[index] = entry.get_text()
            if self.table_entry is not None:
                self.table_name = self.table_entry.get_text()

    def _change_players(self, delta: int):
        def change() -> None:
            self.names = self.names + [""] if delta > 0 else self.names[:-1]
            self.refresh()
        return change

    def _change_rounds(self, delta: int):
        def change() -> None:
            if delta > 0:
                spare = [c for c in self.app.library.ids(self.app.settings.lang) if c not in self.cases]
                self.cases.append(spare[0] if spare else self.cases[-1])
            else:
                self.cases.pop()
            self.refresh()
        return change

    def _change_time(self, name: str, delta: int):
        def change() -> None:
            self.minutes[name] += delta
            self.refresh()
        return change

    def _pick_case(self, index: int) -> None:
        from game.ui.scenes.library import LibraryScene

        def picked(case_id: str | None) -> None:
            if case_id:
                self.cases[index] = case_id
            self.app.show(self)

        self.app.show(LibraryScene(self.app, pick=picked, pick_label=_("ui.setup.pick_for", n=index + 1)))

    # navigation -------------------------------------------------------------------------------
    def forward(self) -> None:
        self.keep()
        if self.step < len(STEPS) - 1:
            self.step += 1
            self.refresh()
        else:
            self.begin()

    def screen_key(self) -> tuple:
        return (self.step,)

    def back(self) -> None:
        self.keep()
        if self.step == 0:
            from game.ui.scenes.start import StartScene
            self.app.show(StartScene(self.app))
        else:
            self.step -= 1
            self.refresh()

    def number(self, n: int) -> None:
        if self.step == 1 and 0 < n <= len(self.cases):
            self._pick_case(n - 1)

    def begin(self) -> None:
        seconds = {name: minutes * 60 for name, minutes in self.minutes.items()}
        command = StartSession(tuple(name.strip() for name in self.names), tuple(self.cases),
                               durations=Durations(**seconds), lang=self.app.settings.lang, plan=self.plan,
                               hidden_values=self.hidden_values, open_vote=self.open_vote,
                               table_name=self.table_name.strip(), table_colour=TABLE_COLOURS[self.colour])
        try:
            stored = start_session(self.app.library, command, folder=self.app.places.sessions)
        except (CommandRejected, SessionFileError) as error:
            self.app.notice = error.message(self.app.settings.lang)
            self.refresh()
            return
        open_round(self.app, stored, self.phones)
