"""The end of a session: what the table did, and that it is kept for the plenary (the file's path on request)."""
from __future__ import annotations

from game.i18n import _
from game.store.log import StoredSession
from game.ui.cards import player_name, role_card, value_names
from game.ui.page import Page, escape
from game.ui.scenes import BaseScene


class SummaryScene(BaseScene):
    def __init__(self, app, stored: StoredSession) -> None:
        super().__init__(app)
        self.stored = stored
        self.showing_path = False
        self.page_index = 0

    def build(self, page: Page) -> None:
        page.header(_("ui.summary.title"), _("ui.summary.subtitle"))
        kept = f"<b>{escape(_('ui.summary.kept'))}</b>"
        if self.showing_path:
            kept += f"<br>{escape(_('ui.summary.file'))} {escape(str(self.stored.path))}"
        rounds, below = page.content.above(page.text_height(kept, page.content.w, "@card"))
        page.text(kept, below.x, below.y, below.w, below.h, "@card")  # always in sight, under the rounds' pages
        page.reading([self._round(r) for r in self.stored.state.rounds], rounds, "@card", self.page_index,
                     self._turn)
        page.footer([(_("ui.summary.done"), self.back)],
                    aside=(_("ui.summary.where"), self._toggle_path))

    def _turn(self, index: int) -> None:
        self.page_index = index
        self.refresh()

    def _toggle_path(self) -> None:
        """The file's place, for whoever takes it along (a USB stick for the plenary): shown only when asked."""
        self.showing_path = not self.showing_path
        self.refresh()

    def _round(self, r) -> str:
        state, library = self.stored.state, self.app.library
        case = self.stored.session.book.cases[r.case]
        roles = ", ".join(f"{player_name(state, p)}: {role_card(library, role, state.lang).name}"
                          for p, role in enumerate(r.roles) if role)
        path = "<br>".join(f"- {escape(case.decisions[step.node].title)}: "
                           f"{escape(case.decisions[step.node].option(step.option).text)}" for step in r.path)
        ending = case.endings[r.ending].title if r.ending else "-"
        notes = "<br>".join(f"- {escape(note.text)}" for note in r.notes) or escape(_("ui.none"))
        return (f"<b>{escape(_('ui.round_n', n=r.number))}: {escape(case.title)}</b><br>"
                f"<b>{escape(_('ui.summary.roles'))}</b> {escape(roles)}<br>"
                f"<b>{escape(_('ui.summary.path'))}</b><br>{path}<br>"
                f"<b>{escape(_('ui.summary.ending'))}</b> {escape(ending)}<br>"
                f"<b>{escape(_('ui.summary.values'))}</b> "
                f"{escape(value_names(library, case, r.leading_values, state.lang))}<br>"
                f"<b>{escape(_('ui.summary.notes'))}</b><br>{notes}")

    def back(self) -> None:
        self.stored.close()
        self.app.home()
