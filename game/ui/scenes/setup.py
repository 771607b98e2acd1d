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
from game.ui.page import BUTTON_H, GAP, Box, Page, escape, tension
from game.ui.pictures import SCREEN_ICONS
from game.ui import flows
from game.ui.scenes import BaseScene
from game.ui.scenes.phones import phones_toggle

STEPS = ("players", "cases", "plan", "times")
MAX_MINUTES = 15
ROUNDS = 2
NAME_LIMIT = 40
STEPPER_W = 400  # [-] value [+]
TABLE_ROW = 86   # the row of the table's name and colour
CHOICE_GAP = 40  # between toggles side by side


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
        self.cards_page = 0
        self.plan_page = 0
        self._estimates: dict[tuple, float] = {}
        # a name and colour suggested at random, so that the laptops of one training seldom suggest the same
        self.table_name = random.choice(_("ui.setup.table_names").split("|"))
        self.colour = random.randrange(len(TABLE_COLOURS))

    def build(self, page: Page) -> None:
        name = STEPS[self.step]
        page.header(_(f"ui.setup.{name}"), _("ui.setup.step", n=self.step + 1, total=len(STEPS)),
                    icon=SCREEN_ICONS["setup"])
        getattr(self, f"_build_{name}")(page)
        last = self.step == len(STEPS) - 1
        page.footer([(_("ui.setup.start") if last else _("ui.next"), self.forward)],
                    back=(_("ui.back"), self.back))

    def _stepper(self, page: Page, box: Box, title: str, value: str, less, more) -> Box:
        """A row 'title  [-]  value  [+]' with large targets along the top of ``box`` (the title wraps when it is
        long); returns the room below it."""
        title_w = box.w - STEPPER_W - GAP
        markup = escape(title)
        high = max(BUTTON_H, page.line_height("@title"))  # the signs are set in the title's font
        row, rest = box.top(max(high, page.text_height(markup, title_w)), gap=GAP)
        words, controls = row.left(title_w)
        page.text(markup, words.x, words.y, words.w, words.h)
        minus, controls = controls.left(100, gap=10)
        count, plus = controls.left(STEPPER_W - 220, gap=10)
        page.button("–", minus.x, minus.y, minus.w, high, less, "@stepper", key=f"less:{title}")
        page.label(value, count.x, count.y, count.w, high, "@count")
        page.button("+", plus.x, plus.y, plus.w, high, more, "@stepper", key=f"more:{title}")
        return rest

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
        rest = self._stepper(page, page.content, _("ui.setup.player_count"), str(count),
                             self._change_players(-1) if count > self.low else None,
                             self._change_players(1) if count < self.high else None)
        rest = page.paragraph(escape(_("ui.setup.names_hint")), rest, "@muted_text")
        names, table = rest.above(self.line_height_of_table(page))   # the table's name and colour under the names
        self.entries = []
        for index, (name, cell) in enumerate(zip(self.names, names.grid(count, 2, gap=GAP, most=86))):
            self.entries.append(page.entry(cell.x, cell.y, cell.w, cell.h, name, _("ui.player_n", n=index + 1),
                                           on_enter=lambda _text: self.app.move_focus(1), limit=NAME_LIMIT,
                                           key=f"name:{index}"))
        self._build_table(page, table)

    @staticmethod
    def line_height_of_table(page: Page) -> float:
        """The room the table's name and colour take: a line saying what they are, and a row to set them."""
        return page.line_height("@muted") + GAP / 2 + TABLE_ROW

    def _build_table(self, page: Page, box: Box) -> None:
        """The table's name (suggested, editable) and its colour (a button steps through them, its swatch beside)."""
        _label, row = page.line(_("ui.setup.table"), box, "@muted")
        entry, rest = row.split(0.5, gap=40)
        self.table_entry = page.entry(entry.x, entry.y, entry.w, TABLE_ROW, self.table_name,
                                      _("ui.setup.table_name"), limit=NAME_LIMIT, key="table-name")
        swatch_box, button = rest.left(TABLE_ROW)
        swatch = page.rect(swatch_box.x, swatch_box.y, TABLE_ROW, TABLE_ROW)
        colour = TABLE_COLOURS[self.colour]
        page.decorate(lambda surface: pygame.draw.rect(surface, colour, swatch))
        name = _("ui.setup.colour_names").split("|")[self.colour]
        page.button(_("ui.setup.table_colour", colour=name), button.x, button.y, button.w, TABLE_ROW,
                    self._next_colour, key="table-colour")

    def _next_colour(self) -> None:
        self.colour = (self.colour + 1) % len(TABLE_COLOURS)
        self.refresh()

    def _build_cases(self, page: Page) -> None:
        rounds = len(self.cases)
        rest = self._stepper(page, page.content, _("ui.setup.round_count"), str(rounds),
                             self._change_rounds(-1) if rounds > 1 else None,
                             self._change_rounds(1) if rounds < MAX_ROUNDS else None)
        markups = []
        for index, case_id in enumerate(self.cases):
            case = self.app.library.case(case_id, self.app.settings.lang).scenario
            markups.append(f"<b>{escape(_('ui.round_n', n=index + 1))}: {escape(case.title)}</b> · "
                           f"<i>{escape(self._minutes_line(case_id))}</i><br>{escape(tension(case.tension))}")
        for index, cell in page.card_cells(rest, markups, 1, 260, self.cards_page, self._turn_cards, gap=16):
            page.card(markups[index], cell.x, cell.y, cell.w, cell.h, lambda i=index: self._pick_case(i))

    def _build_plan(self, page: Page) -> None:
        """The round plan (Kort by default, as the paper game) with each round's minutes by the time
        model, and how the table does the private steps: on one page, or on two where they do not fit."""
        box = page.content
        if self._plan_height(page, box.w) + GAP + self._private_height(page, box.w) <= box.h:
            self._build_private(page, self._build_plan_choice(page, box))
            return
        box, row = box.above(BUTTON_H, gap=GAP / 2)
        page.turn_buttons(row, 2, self.plan_page, self._turn_plan)
        (self._build_private if self.plan_page else self._build_plan_choice)(page, box)

    def _plan_choices(self) -> list[tuple]:
        return [(_(f"ui.setup.plan.{plan}"), lambda p=plan: self._set(plan=p), self.plan == plan, plan)
                for plan in PLANS]

    def _private_choices(self) -> list[tuple]:
        toggles = (("hidden_values", self.hidden_values), ("open_vote", self.open_vote))
        return [(_(f"ui.setup.{name}"), lambda n=name, v=on: self._set(**{n: not v}), on, name)
                for name, on in toggles]

    def _minutes_lines(self) -> str:
        lines = []
        for index, case_id in enumerate(self.cases):
            minutes = self.minutes_of(case_id, self.plan)
            title = self.app.library.case(case_id, self.app.settings.lang).scenario.title
            fits = self.plan != KORT or minutes <= SLOT_MINUTES
            key = "ui.setup.round_minutes" if fits else "ui.setup.round_minutes_over"
            lines.append(escape(_(key, n=index + 1, title=title, minutes=round(minutes), slot=f"{SLOT_MINUTES:g}")))
        return "<br>".join(lines)

    def _plan_height(self, page: Page, width: float) -> float:
        return (self._choices_height(page, self._plan_choices(), width) + GAP
                + page.text_height(self._minutes_lines(), width, "@muted_text") + GAP / 2)

    def _private_height(self, page: Page, width: float) -> float:
        hints = [escape(_("ui.setup.handoffs_hint")), escape(_("phones.setup.hint"))]
        return (self._choices_height(page, self._private_choices(), width) + GAP + BUTTON_H + GAP
                + sum(page.text_height(hint, width, "@muted_text") + GAP / 2 for hint in hints))

    def _build_plan_choice(self, page: Page, box: Box) -> Box:
        rest = self._choices(page, box, self._plan_choices())
        return page.paragraph(self._minutes_lines(), rest, "@muted_text")

    def _build_private(self, page: Page, box: Box) -> None:
        rest = self._choices(page, box, self._private_choices())
        rest = page.paragraph(escape(_("ui.setup.handoffs_hint")), rest, "@muted_text")
        phones_toggle(page, self, rest)

    @staticmethod
    def _fit_side_by_side(page: Page, choices: list[tuple], width: float) -> bool:
        column = (width - CHOICE_GAP * (len(choices) - 1)) / len(choices)
        return all(page.button_width(_("ui.chosen", text=text)) <= column for text, *_rest in choices)

    def _choices_height(self, page: Page, choices: list[tuple], width: float) -> float:
        rows = 1 if self._fit_side_by_side(page, choices, width) else len(choices)
        return rows * BUTTON_H + (rows - 1) * GAP

    def _choices(self, page: Page, box: Box, choices: list[tuple]) -> Box:
        """Toggle buttons side by side, or one under the other where their texts do not fit side by side;
        returns the room below them."""
        area, rest = box.top(self._choices_height(page, choices, box.w))
        if self._fit_side_by_side(page, choices, box.w):
            cells = area.columns(len(choices), gap=CHOICE_GAP)
        else:
            cells = area.rows(len(choices), gap=GAP)
        for (text, action, on, key), cell in zip(choices, cells):
            page.button(text, cell.x, cell.y, cell.w, cell.h, action, "@toggle", selected=on, key=key)
        return rest

    def _turn_plan(self, index: int) -> None:
        self.plan_page = index
        self.refresh()

    def _turn_cards(self, index: int) -> None:
        self.cards_page = index
        self.refresh()

    def _set(self, **changes) -> None:
        for name, value in changes.items():
            setattr(self, name, value)
        self.refresh()

    def _build_times(self, page: Page) -> None:
        """The minutes of each step of the chosen plan, in two columns."""
        steps = list(dict.fromkeys(plan_steps(self.plan, 1)))
        rows = (len(steps) + 1) // 2
        hint = _("ui.setup.times_hint_lang") + _("ui.setup.times_hint") if self.plan == "lang" \
            else _("ui.setup.times_hint")
        steppers, below = page.content.above(page.text_height(escape(hint), page.content.w, "@muted_text"))
        page.text(escape(hint), below.x, below.y, below.w, below.h, "@muted_text")
        for column, names in zip(steppers.columns(2, gap=40), (steps[:rows], steps[rows:])):
            for name in names:
                minutes = self.minutes[name]
                column = self._stepper(page, column, _(f"ui.setup.time.{name}"), _("ui.minutes", n=minutes),
                                       self._change_time(name, -1) if minutes > 1 else None,
                                       self._change_time(name, 1) if minutes < MAX_MINUTES else None)

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
            self.app.pop()

        self.app.push(LibraryScene(self.app, pick=picked, pick_label=_("ui.setup.pick_for", n=index + 1)))

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
            self.app.pop()
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
        flows.table(self.app, stored, self.phones)
