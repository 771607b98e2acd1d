"""The case library: choose a theme, then a case, then read it (or pick it for a round of the set-up)."""
from __future__ import annotations

from typing import Callable

from game.i18n import _
from game.scenario.model import Scenario
from game.ui.cards import role_card
from game.ui.page import MARGIN, Page, escape, tension
from game.ui.pictures import beside, case_image, picture_tag
from game.ui.scenes import BaseScene

THEMES_PER_PAGE = 12
CASES_PER_PAGE = 3


class LibraryScene(BaseScene):
    """Browse the library; with ``pick`` the chosen case id goes back to the set-up (None: nothing chosen)."""

    def __init__(self, app, pick: Callable[[str | None], None] | None = None, pick_label: str = "") -> None:
        super().__init__(app)
        self.pick = pick
        self.pick_label = pick_label
        self.in_theme = False
        self.theme: str | None = None
        self.page_index = 0
        self.reading: Scenario | None = None
        self.shown: list = []

    def cases(self) -> list[Scenario]:
        lang = self.app.settings.lang
        found = [self.app.library.case(case_id, lang).scenario for case_id in self.app.library.ids(lang)]
        return sorted(found, key=lambda c: (c.theme.lower(), c.title.lower()))

    def build(self, page: Page) -> None:
        if self.reading:
            self._build_case(page, self.reading)
        elif self.in_theme:
            self._build_cases(page)
        else:
            self._build_themes(page)

    def _build_themes(self, page: Page) -> None:
        cases = self.cases()
        themes = [None] + sorted({c.theme for c in cases}, key=str.lower)
        page.header(self.pick_label or _("ui.library.title"), _("ui.library.choose_theme"))
        self.shown, turns = page.pages(themes, THEMES_PER_PAGE, self.page_index, self._turn)
        gap, top = 20, 180
        width = (page.content_width - gap) / 2
        for index, theme in enumerate(self.shown):
            count = sum(1 for c in cases if theme in (None, c.theme))
            name = theme or _("ui.library.all_themes")
            x = MARGIN + (index % 2) * (width + gap)
            y = top + (index // 2) * (96 + 16)
            page.card(f"<b>{escape(name)}</b> ({count})", x, y, width, 96, lambda t=theme: self._open_theme(t))
        page.footer(turns, back=(_("ui.back"), self.back), primary_last=False)

    def _build_cases(self, page: Page) -> None:
        in_theme = [c for c in self.cases() if self.theme in (None, c.theme)]
        page.header(self.theme or _("ui.library.all_themes"), _("ui.library.subtitle"))
        self.shown, turns = page.pages(in_theme, CASES_PER_PAGE, self.page_index, self._turn)
        y = 180
        for number, case in enumerate(self.shown, start=1):
            picture = picture_tag(self.app, case_image(self.app.library, case), 260, 180)
            markup = f"{picture}<b>{number}. {escape(case.title)}</b><br>{escape(tension(case.tension))}"
            page.card(markup, MARGIN, y, page.content_width, 220, lambda c=case: self._read(c))
            y += 236
        page.footer(turns, back=(_("ui.back"), self.back), primary_last=False)

    def _build_case(self, page: Page, case: Scenario) -> None:
        lang = self.app.settings.lang
        page.header(case.title, case.theme)
        roles = ", ".join(role_card(self.app.library, role, lang).name for role in case.roles)
        note = f"<i>{escape(case.content_note)}</i><br><br>" if case.content_note else ""
        markup = (f"<b>{escape(_('ui.case.dilemma'))}</b> {escape(tension(case.tension))}<br><br>{note}"
                  f"{escape(case.intro)}<br><br><b>{escape(_('ui.case.roles'))}</b> {escape(roles)}")
        height = page.footer_y - 190
        width = beside(page, case_image(self.app.library, case), MARGIN, 170, page.content_width, height)
        page.text(markup, MARGIN, 170, width, height, "@card")
        actions = [(_("ui.library.pick"), lambda: self.pick(case.id))] if self.pick else []
        page.footer(actions, back=(_("ui.back"), self.back))

    def screen_key(self) -> tuple:
        return self.in_theme, self.theme, self.reading and self.reading.id

    def _open_theme(self, theme: str | None) -> None:
        self.in_theme, self.theme, self.page_index = True, theme, 0
        self.refresh()

    def _turn(self, index: int) -> None:
        self.page_index = index
        self.refresh()

    def _read(self, case: Scenario) -> None:
        self.reading = case
        self.refresh()

    def number(self, n: int) -> None:
        """Number keys open the n-th theme or case shown."""
        if self.reading or not 0 < n <= len(self.shown):
            return
        chosen = self.shown[n - 1]
        self._read(chosen) if self.in_theme else self._open_theme(chosen)

    def back(self) -> None:
        if self.reading:
            self.reading = None
        elif self.in_theme:
            self.in_theme, self.page_index = False, 0
        elif self.pick:
            self.pick(None)
            return
        else:
            from game.ui.scenes.start import StartScene
            self.app.show(StartScene(self.app))
            return
        self.refresh()
