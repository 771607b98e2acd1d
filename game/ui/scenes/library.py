"""The case library: browse by theme, read a case, or pick one for a round of the set-up."""
from __future__ import annotations

from typing import Callable

from game.i18n import _
from game.scenario.model import Scenario
from game.ui.cards import role_card
from game.ui.page import BUTTON_H, MARGIN, Page, escape, tension
from game.ui.scenes import BaseScene

THEMES_PER_PAGE = 5
CASES_PER_PAGE = 3
THEME_W = 560


class LibraryScene(BaseScene):
    """Browse the library; with ``pick`` it returns the chosen case id to the set-up."""

    def __init__(self, app, pick: Callable[[str | None], None] | None = None, pick_label: str = "") -> None:
        super().__init__(app)
        self.pick = pick
        self.pick_label = pick_label
        self.theme: str | None = None
        self.theme_page = 0
        self.case_page = 0
        self.reading: Scenario | None = None
        self.shown: list[Scenario] = []

    def cases(self) -> list[Scenario]:
        lang = self.app.settings.lang
        ids = sorted({case_id for case_id, _lang in self.app.library.cases})
        found = [self.app.library.case(case_id, lang).scenario for case_id in ids]
        return sorted(found, key=lambda c: (c.theme.lower(), c.title.lower()))

    def build(self, page: Page) -> None:
        if self.reading:
            self._build_case(page, self.reading)
            return
        cases = self.cases()
        themes = sorted({c.theme for c in cases}, key=str.lower)
        title = self.pick_label or _("ui.library.title")
        page.header(title, _("ui.library.subtitle"))
        y, bottom = 180, page.footer_y - 20
        theme_rows = [None] + themes
        shown_themes = page.pages(theme_rows, THEMES_PER_PAGE, self.theme_page, MARGIN, bottom - BUTTON_H,
                                  THEME_W, self._turn_themes)
        for theme in shown_themes:
            text = escape(theme) if theme else escape(_("ui.library.all_themes"))
            style = "@card_selected" if theme == self.theme else "@card"
            page.card(f"<b>{text}</b>" if theme == self.theme else text, MARGIN, y, THEME_W, 104,
                      lambda t=theme: self._choose_theme(t), style)
            y += 116
        x = MARGIN + THEME_W + 40
        width = page.width - x - MARGIN
        in_theme = [c for c in cases if self.theme in (None, c.theme)]
        self.shown = page.pages(in_theme, CASES_PER_PAGE, self.case_page, x, bottom - BUTTON_H, width,
                                self._turn_cases)
        y = 180
        for number, case in enumerate(self.shown, start=1):
            markup = (f"<b>{number}. {escape(case.title)}</b><br>{escape(case.theme)}<br>"
                      f"{escape(tension(case.tension))}")
            page.card(markup, x, y, width, 200, lambda c=case: self._read(c))
            y += 214
        page.footer([], back=(_("ui.back"), self.back))

    def _build_case(self, page: Page, case: Scenario) -> None:
        lang = self.app.settings.lang
        page.header(case.title, case.theme)
        roles = ", ".join(role_card(self.app.library, role, lang).name for role in case.roles)
        note = f"<i>{escape(case.content_note)}</i><br><br>" if case.content_note else ""
        markup = (f"<b>{escape(_('ui.case.dilemma'))}</b> {escape(tension(case.tension))}<br><br>{note}"
                  f"{escape(case.intro)}<br><br><b>{escape(_('ui.case.roles'))}</b> {escape(roles)}")
        page.text(markup, MARGIN, 170, page.content_width, page.footer_y - 190, "@card")
        actions = [(_("ui.library.pick"), lambda: self.pick(case.id))] if self.pick else []
        page.footer(actions, back=(_("ui.back"), self.back))

    def _choose_theme(self, theme: str | None) -> None:
        self.theme, self.case_page = theme, 0
        self.refresh()

    def _turn_themes(self, index: int) -> None:
        self.theme_page = index
        self.refresh()

    def _turn_cases(self, index: int) -> None:
        self.case_page = index
        self.refresh()

    def _read(self, case: Scenario) -> None:
        self.reading = case
        self.app.focus = None
        self.refresh()

    def number(self, n: int) -> None:
        if not self.reading and 0 < n <= len(self.shown):
            self._read(self.shown[n - 1])

    def back(self) -> None:
        if self.reading:
            self.reading = None
            self.refresh()
        elif self.pick:
            self.pick(None)
        else:
            from game.ui.scenes.start import StartScene
            self.app.show(StartScene(self.app))
