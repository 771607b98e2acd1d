"""The end of a session: what the table did, and that it is kept for the plenary (the file's path on request)."""
from __future__ import annotations

from game.i18n import _, n_
from game.store.log import StoredSession
from game.ui.cards import player_name, role_card, value_names
from game.ui.page import Page, escape
from game.ui.pictures import SCREEN_ICONS
from game.ui.scenes import BaseScene


class SummaryScene(BaseScene):
    def __init__(self, app, stored: StoredSession) -> None:
        super().__init__(app)
        self.stored = stored
        self.showing_path = False
        self.page_index = 0

    def build(self, page: Page) -> None:
        page.header(_("ui.summary.title"), _("ui.summary.subtitle"), icon=SCREEN_ICONS["summary"])
        kept = f"<b>{escape(_('ui.summary.kept'))}</b>"
        if self.showing_path:
            kept += f"<br>{escape(_('ui.summary.file'))} {escape(str(self.stored.path))}"
        rounds, below = page.content.above(page.text_height(kept, page.content.w, "@card"))
        page.text(kept, below.x, below.y, below.w, below.h, "@card")  # always in sight, under the rounds' pages
        page.reading([self._round(r) for r in self.stored.state.rounds], rounds, "@card", self.page_index,
                     self._turn, whole_parts=True)
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
        """A round in a few lines: its roles, the way the table went (or, in the short plan, how it voted at the
        core decision), its ending, the values that tipped it and the table's points."""
        state, library = self.stored.state, self.app.library
        case = self.stored.session.book.cases[r.case]
        roles = ", ".join(f"{player_name(state, p)}: {role_card(library, role, state.lang).name}"
                          for p, role in enumerate(r.roles) if role)
        lines = [f"<b>{escape(_('ui.round_n', n=r.number))}: {escape(case.title)}</b>",
                 f"<b>{escape(_('ui.summary.roles'))}</b> {escape(roles)}"]
        if r.path:
            lines += [f"<b>{escape(_('ui.summary.path'))}</b>",
                      *(f"- {escape(case.decisions[step.node].title)}: "
                        f"{escape(case.decisions[step.node].option(step.option).text)}" for step in r.path)]
        elif r.final_votes(0):
            lines += self._votes(case.decisions[r.node], r.final_votes(0))
        if r.ending:
            lines.append(f"<b>{escape(_('ui.summary.ending'))}</b> {escape(case.endings[r.ending].title)}")
        notes = [f"- {escape(note.text)}" for note in r.notes] or [escape(_("ui.none"))]
        return "<br>".join([*lines, f"<b>{escape(_('ui.summary.values'))}</b> "
                                    f"{escape(value_names(library, case, r.leading_values, state.lang))}",
                            f"<b>{escape(_('ui.summary.notes'))}</b>", *notes])

    @staticmethod
    def _votes(decision, votes: dict) -> list[str]:
        """How the table voted at ``decision``, option by option (options nobody chose left out)."""
        counts = {option: list(votes.values()).count(option) for option in decision.option_ids()}
        return [f"<b>{escape(_('ui.summary.votes', decision=decision.title))}</b>",
                *(f"- {escape(decision.option(option).text)} ({escape(n_('ui.summary.vote_count', count))})"
                  for option, count in counts.items() if count)]

    def back(self) -> None:
        self.stored.close()
        self.app.home()
