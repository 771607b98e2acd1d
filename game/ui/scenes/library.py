"""The case library: choose a theme, then a case, then read it (or pick it for a round of the set-up)."""
from __future__ import annotations

from typing import Callable

from game.i18n import _
from game.scenario.model import Scenario
from game.text import capitalised
from game.ui.cards import role_card
from game.ui.page import PARAGRAPH, Page, escape, tension
from game.ui.pictures import PICTURE_SHARE, SCREEN_ICONS, case_image, picture_tag
from game.ui.scenes import BaseScene



def listed_under(case: Scenario, theme: str | None) -> bool:
    """Whether ``case`` is listed under ``theme`` (None: all themes); 'Familie ...' and 'familie ...' are one."""
    return theme is None or case.theme.casefold() == theme.casefold()


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
        self.reading_page = 0
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
        themes = [None] + sorted({c.theme.casefold(): c.theme for c in cases}.values(), key=str.casefold)
        page.header(self.pick_label or _("ui.library.title"), _("ui.library.choose_theme"),
                    icon=SCREEN_ICONS["library"])
        markups = [f"<b>{escape(capitalised(theme) if theme else _('ui.library.all_themes'))}</b> "
                   f"({sum(1 for c in cases if listed_under(c, theme))})" for theme in themes]
        cells = page.card_cells(page.content, markups, 2, 96, self.page_index, self._turn, gap=16)
        self.shown = [themes[index] for index, _cell in cells]
        for index, cell in cells:
            page.card(markups[index], cell.x, cell.y, cell.w, cell.h, lambda t=themes[index]: self._open_theme(t))
        page.footer([], back=(_("ui.back"), self.back), primary_last=False)

    def _build_cases(self, page: Page) -> None:
        in_theme = [c for c in self.cases() if listed_under(c, self.theme)]
        page.header(capitalised(self.theme) if self.theme else _("ui.library.all_themes"), _("ui.library.subtitle"),
                    icon=SCREEN_ICONS["library"])
        markups = [f"{picture_tag(self.app, case_image(self.app.library, case), 260, 180)}<b>{escape(case.title)}</b>"
                   f"<br>{escape(tension(case.tension))}" for case in in_theme]
        cells = page.card_cells(page.content, markups, 1, 220, self.page_index, self._turn, gap=16)
        self.shown = [in_theme[index] for index, _cell in cells]
        for number, (index, cell) in enumerate(cells, start=1):
            page.card(f"<b>{number}.</b> {markups[index]}", cell.x, cell.y, cell.w, cell.h,
                      lambda c=in_theme[index]: self._read(c))
        page.footer([], back=(_("ui.back"), self.back), primary_last=False)

    def _build_case(self, page: Page, case: Scenario) -> None:
        lang = self.app.settings.lang
        page.header(case.title, capitalised(case.theme), icon=SCREEN_ICONS["library"])
        roles = ", ".join(role_card(self.app.library, role, lang).name for role in case.roles)
        note = f"<i>{escape(case.content_note)}</i><br><br>" if case.content_note else ""
        markup = (f"<b>{escape(_('ui.case.dilemma'))}</b> {escape(tension(case.tension))}<br><br>{note}"
                  f"{escape(case.intro)}<br><br><b>{escape(_('ui.case.roles'))}</b> {escape(roles)}")
        box = page.content
        picture = picture_tag(self.app, case_image(self.app.library, case), box.w * PICTURE_SHARE, box.h / 2)
        page.reading((picture + markup).split(PARAGRAPH), box, "@card", self.reading_page, self._turn_reading)
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

    def _turn_reading(self, index: int) -> None:
        self.reading_page = index
        self.refresh()

    def _read(self, case: Scenario) -> None:
        self.reading, self.reading_page = case, 0
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
            self.app.pop()
            return
        self.refresh()
