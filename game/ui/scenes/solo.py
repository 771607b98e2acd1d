"""Practising alone: choose a case and a role, play it through, reflect, see how groups chose, play it again.

A solo run goes through the same phases as a round at the table, so ``SoloRunScene`` is a
``RoundScene`` with the table-only parts left out (the clock, hidden votes in turn, voting
again, the scribe's notes) and a reflection in place of the discussion points. Runs are kept
in ``game.solo.practice_folder()``, apart from the table sessions a plenary reads.
"""
from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path

from game.engine import AdvancePhase, CastVote, ExploreOption, WriteReflection
from game.engine.session import MAX_TEXT
from game.engine.state import FIRST
from game.i18n import _
from game.scenario.model import Scenario
from game.solo import (GROUP_MINIMUM, Run, compare_values, coverage, delete_history, export_reflections, group_choices, history,
                       practice_folder, start_run)
from game.store.log import SessionFileError
from game.ui.cards import role_card, value_names
from game.ui.main import open_app, run_until_closed, user_places
from game.ui.page import BUTTON_H, MARGIN, Page, escape, tension, text_height
from game.ui.pictures import case_image, picture_tag
from game.ui.scenes import BaseScene
from game.ui.scenes.table import TOP, RoundScene
from game.ui.textfield import TextField, text_field

CASES_PER_PAGE = 3
RUNS_PER_PAGE = 2
REPLAY_ROLES = 3
EXPORT_NAME = "mijn-reflecties"
WRITTEN_H = 120  # two lines: where the export went is a long path
AFTER_GAP = 30  # between the two columns after a run


def _scenario(app, case_id: str) -> Scenario | None:
    case = app.library.case(case_id, app.settings.lang)
    return case.scenario if case else None


def _role_name(app, role: str | None, lang: str) -> str:
    return role_card(app.library, role, lang).name if role else "-"


def _start(app, case_id: str, role: str | None) -> None:
    """A new run of ``case_id`` as ``role`` (drawn when None), straight to the role's brief."""
    app.show(SoloRunScene(app, start_run(app.library, case_id, role, app.settings.lang, practice_folder())))


def _cleaned(text: str) -> str:
    """A reflection as the log keeps it (NFC, no blank edges), to tell whether it is saved already."""
    return unicodedata.normalize("NFC", text).strip()


def _resume(app, path: Path) -> None:
    from game.app import resume_session
    try:
        stored = resume_session(app.library, path)
    except SessionFileError as error:
        app.notice = error.message(app.settings.lang)
        app.rebuild()
        return
    app.show(SoloRunScene(app, stored))


class SoloHomeScene(BaseScene):
    """'Alleen oefenen': go on with a run left halfway, or choose a case."""

    def __init__(self, app) -> None:
        super().__init__(app)
        self.page_index = 0
        self.shown: list[Scenario] = []

    def cases(self) -> list[Scenario]:
        found = [_scenario(self.app, case_id) for case_id in self.app.library.ids(self.app.settings.lang)]
        return sorted(found, key=lambda c: (c.theme.lower(), c.title.lower()))

    def build(self, page: Page) -> None:
        runs, _broken = history()
        page.header(_("solo.screen.title"), _("solo.screen.choose_case"))
        top = 180
        unfinished = next((run for run in runs if not run.finished), None)
        if unfinished:
            top = self._resume_card(page, unfinished, top)
        played = {run.case: sum(1 for r in runs if r.case == run.case and r.finished) for run in runs}
        self.shown, turns = page.pages(self.cases(), CASES_PER_PAGE, self.page_index, self._turn)
        gap = 16
        height = min(230, (page.footer_y - 24 - top - gap * (CASES_PER_PAGE - 1)) / CASES_PER_PAGE)
        for number, case in enumerate(self.shown, start=1):
            page.card(self._case_markup(page, number, case, played.get(case.id, 0)), MARGIN, top,
                      page.content_width, height, lambda c=case: self.app.show(SoloRoleScene(self.app, c.id)))
            top += height + gap
        page.footer(turns, back=(_("ui.back"), self.back), primary_last=False,
                    aside=(_("solo.screen.my_practice"), lambda: self.app.show(MyPracticeScene(self.app))))

    def _resume_card(self, page: Page, run: Run, top: float) -> float:
        scenario = _scenario(self.app, run.case)
        title = scenario.title if scenario else run.case
        markup = (f"<b>{escape(_('solo.screen.resume'))}</b><br>"
                  f"{escape(_('solo.screen.resume_line', title=title, role=_role_name(self.app, run.role, run.lang)))}")
        page.card(markup, MARGIN, top, page.content_width, 130, lambda: _resume(self.app, run.path))
        return top + 150

    def _case_markup(self, page: Page, number: int, case: Scenario, played: int) -> str:
        seen = _("solo.screen.played", n=played) if played else _("solo.screen.not_played")
        width = page.content_width - 40  # one line each, so every card fits; the role screen has the full text
        lines = [f"<b>{number}. {escape(case.title)}</b> · {escape(case.theme)} · {escape(seen)}",
                 escape(page.fitted(tension(case.tension), width, "body"))]
        if case.content_note:
            lines.append(f"<i>{escape(page.fitted(case.content_note, width, 'body'))}</i>")
        return "<br>".join(lines)

    def _turn(self, index: int) -> None:
        self.page_index = index
        self.refresh()

    def number(self, n: int) -> None:
        if 0 < n <= len(self.shown):
            self.app.show(SoloRoleScene(self.app, self.shown[n - 1].id))

    def back(self) -> None:
        from game.ui.scenes.start import StartScene
        self.app.show(StartScene(self.app))


class SoloRoleScene(BaseScene):
    """One case: read it, then pick a role (the ones played before are marked) or draw one."""

    def __init__(self, app, case_id: str) -> None:
        super().__init__(app)
        self.case_id = case_id

    @property
    def case(self) -> Scenario:
        return _scenario(self.app, self.case_id)

    def build(self, page: Page) -> None:
        case, lang = self.case, self.app.settings.lang
        page.header(case.title, case.theme)
        tried = coverage(case, history()[0]).roles_tried
        column = 700
        text_width = page.content_width - column - 30
        note = f"<i>{escape(case.content_note)}</i><br><br>" if case.content_note else ""
        picture = picture_tag(self.app, case_image(self.app.library, case), text_width * 0.4, 300)
        page.text(f"{picture}<b>{escape(_('ui.case.dilemma'))}</b> {escape(tension(case.tension))}<br><br>{note}"
                  f"{escape(case.intro)}", MARGIN, 180, text_width, page.footer_y - 204, "@card")
        x = MARGIN + text_width + 30
        page.label(_("solo.screen.pick_role"), x, 180, column, 56, "@strong")
        gap, top = 14, 246
        height = min(100, (page.footer_y - 24 - top - gap * (len(case.roles) - 1)) / max(1, len(case.roles)))
        for number, role in enumerate(case.roles, start=1):
            name = _role_name(self.app, role, lang)
            mark = f" · {escape(_('solo.screen.role_played'))}" if role in tried else ""
            page.card(f"<b>{number}. {escape(name)}</b>{mark}", x, top, column, height,
                      lambda r=role: _start(self.app, self.case_id, r), "@value")
            top += height + gap
        page.footer([(_("solo.screen.draw_role"), lambda: _start(self.app, self.case_id, None))],
                    back=(_("ui.back"), self.back))

    def number(self, n: int) -> None:
        roles = list(self.case.roles)
        if 0 < n <= len(roles):
            _start(self.app, self.case_id, roles[n - 1])

    def back(self) -> None:
        self.app.show(SoloHomeScene(self.app))


class ReflectionEditor:
    """The learner's own reflection at the end, written beside the questions in a field of several lines.

    What is typed is kept through a rebuild (a language switch, a new window size) and saved when the
    learner presses Save, goes on, leaves or closes the window: nothing typed is lost.
    """

    def __init__(self, scene: "SoloRunScene") -> None:
        self.scene = scene
        self.draft: str | None = None
        self.field: TextField | None = None
        self.keep_focus = False

    def keep(self) -> None:
        if self.field is not None and self.field.alive():
            self.draft = self.field.get_text()
            self.keep_focus = self.field.is_focused

    def build(self, page: Page, top: float) -> list:
        scene = self.scene
        ending = scene.case.endings[scene.round.ending]
        questions = "<br>".join(f"{n}. {escape(q)}" for n, q in enumerate(ending.reflection, start=1))
        bottom = scene.content_bottom(page)
        gap = 30
        half = (page.content_width - gap) / 2
        page.text(f"<b>{escape(_('ui.ending.questions'))}</b><br>{questions}", MARGIN, top, half, bottom - top,
                  "@card")
        x = MARGIN + half + gap
        saved = scene.round.reflection
        text = self.draft if self.draft is not None else saved
        self.field = text_field(page, x, top, half, bottom - top - BUTTON_H - 16, text,
                                _("solo.screen.reflection_placeholder"), MAX_TEXT, key="reflection")
        page.main = "reflection"  # on this page the focus starts where the learner writes
        if self.keep_focus:
            page.manager.set_focus_set(self.field)
        save = _("solo.screen.reflection_save")
        save_w = page.button_width(save)
        page.button(save, x, bottom - BUTTON_H, save_w, BUTTON_H, lambda: self.submit(self.field.get_text()))
        status = ("solo.screen.reflection_saved" if saved and _cleaned(text) == saved
                  else "solo.screen.reflection_unsaved" if _cleaned(text) else "solo.screen.reflection_none")
        page.text(escape(_(status)), x + save_w + 20, bottom - BUTTON_H, half - save_w - 20, BUTTON_H,
                  "@muted_text")
        return []

    def submit(self, text: str) -> None:
        self.draft = text
        self.save()
        self.scene.refresh()

    def save(self) -> None:
        """Log the reflection when it differs from the one in the log (an empty field keeps the old one)."""
        self.keep()
        text = _cleaned(self.draft or "")
        if text and text != self.scene.round.reflection:
            self.scene.app.execute(self.scene.stored, WriteReflection(text))


class SoloRunScene(RoundScene):
    """One learner's run: the role's brief, own values, a choice at each point, the consequences, a reflection."""

    AT_TABLE = False
    ENDING_PAGES = ("story", "facts", "reflection")

    def __init__(self, app, stored) -> None:
        super().__init__(app, stored)
        self.reflection = ReflectionEditor(self)

    def role_name(self) -> str:
        return _role_name(self.app, self.round.roles[0], self.lang)

    def phase_title(self) -> str:
        return _(f"solo.screen.phase.{self.round.phase}")

    def subtitle(self) -> str:
        return _("solo.screen.run_subtitle", title=self.case.title, role=self.role_name())

    def send(self, command) -> bool:
        """As at the table; alone there is no scribe's step, so after the last choice the ending follows."""
        done = super().send(command)
        if done and not self.state.finished and self.round.phase == "record":
            return super().send(AdvancePhase())
        return done

    def _build_draw(self, page: Page) -> None:
        heading = _("solo.screen.you_are", role=self.role_name())
        page.text(self.role_markup(self.round.roles[0], heading), MARGIN, TOP, page.content_width,
                  self.content_bottom(page) - TOP, "@card")
        self.footer(page, [(_("solo.screen.to_values"), self.advance)])

    def _build_share(self, page: Page) -> None:
        page.label(_("solo.screen.values_ask", role=self.role_name()), MARGIN, TOP, page.content_width, 60)
        self._value_grid(page, TOP + 70, self.round.values[0], lambda value: self._toggle_value(0, value))
        self.footer(page, [(_("solo.screen.values_done"), self.advance)])

    def _build_vote(self, page: Page) -> None:
        """First the decision point to read, then its options: alone, nobody needs to look away."""
        decision = self.decision()
        if not self.view.decision_read:
            self.decision_text(page, decision)
            self.footer(page, [(_("solo.screen.to_options"), self._read_decision)])
            return
        page.text(f"<b>{escape(self._question(decision))}</b>", MARGIN, TOP, page.content_width, 80, "@question")
        self._option_cards(page, TOP + 90, decision, self.stored.session.available_options(), self._consider, {})
        self.footer(page, [(_("solo.screen.reread"), self._reread)], primary_last=False)

    def _reread(self) -> None:
        self.view.decision_read = False
        self.refresh()

    def _consider(self, option: str) -> None:
        """The first option read at a decision point is the learner's choice there, then its consequences."""
        if self.send(CastVote(0, option)):
            self.send(ExploreOption(option))

    def _vote_line(self, option: str) -> str:
        parts = [_("solo.screen.first_choice")] if self.round.votes_at(FIRST).get(0) == option else []
        if option in self.round.explored_here():
            parts.append(_("ui.explore.read"))
        return " · ".join(parts)

    def number(self, n: int) -> None:
        if self.round.phase != "vote":
            super().number(n)
            return
        options = self.stored.session.available_options()
        if 0 < n <= len(options):
            self._consider(options[n - 1])

    def ending_tab(self, name: str) -> str:
        return _("solo.screen.reflection_tab") if name == "reflection" else super().ending_tab(name)

    def finish_label(self) -> str:
        return _("solo.screen.finish")

    def ending_part(self, page: Page, name: str, top: float) -> list:
        if name == "reflection":
            return self.reflection.build(page, top)
        return super().ending_part(page, name, top)

    def advance(self) -> None:
        self.reflection.save()
        super().advance()

    def keep(self) -> None:
        super().keep()
        self.reflection.keep()

    def closing(self) -> None:
        """Closing the window keeps a reflection still being typed; the run resumes at the same point."""
        self.reflection.save()

    def finished(self) -> None:
        self.stored.close()
        self.app.show(SoloAfterScene(self.app, self.stored.path))

    def leave(self) -> None:
        self.reflection.save()
        self.stored.close()
        self.app.show(SoloHomeScene(self.app))


def _fitted(box, page: Page) -> float:
    """Shrink a text box that has room to spare to the height of its text; its height in units."""
    needed = round(text_height(box, page) * page.scale)
    if needed < box.rect.height:
        box.set_dimensions((box.rect.width, needed))
        box.rebuild()  # the border is drawn again at the new size
    return box.rect.height / page.scale


class SoloAfterScene(BaseScene):
    """After a run: how groups chose at the same points, your values next to your choices, and what is next."""

    def __init__(self, app, path: Path) -> None:
        super().__init__(app)
        self.path = path
        self.replay_roles: tuple[str, ...] = ()

    def build(self, page: Page) -> None:
        """Two columns that read without scrolling: what you saw and where to go next (playing it again
        as another role) on the left; your values next to your choices, and how groups chose, on the wider right."""
        runs = history()[0]
        self.run = run = next(run for run in runs if run.path == self.path)
        case = self.app.library.case(run.case, run.lang).scenario
        seen = coverage(case, runs)
        page.header(_("solo.screen.after_title"), _("solo.screen.run_subtitle", title=case.title,
                                                      role=_role_name(self.app, run.role, run.lang)))
        self.replay_roles = seen.roles_not_tried[:REPLAY_ROLES]
        top, bottom, gap = TOP, page.footer_y - 24, 16
        left = (page.content_width - AFTER_GAP) * 0.4
        seen_h = _fitted(page.text(f"<b>{escape(_('solo.screen.coverage_title'))}</b><br>"
                                   f"{escape(seen.summary(case, self.app.settings.lang))}", MARGIN, top, left,
                                   bottom - top - len(self.replay_roles) * (BUTTON_H + gap), "@card"), page)
        for index, role in enumerate(self.replay_roles):
            label = _("solo.screen.replay_as", n=index + 1, role=_role_name(self.app, role, run.lang))
            page.button(label, MARGIN, top + seen_h + gap + index * (BUTTON_H + gap), left, BUTTON_H,
                        lambda r=role: _start(self.app, run.case, r))
        right, width = MARGIN + left + AFTER_GAP, page.content_width - left - AFTER_GAP
        values_h = _fitted(page.text(self._values(case, run), right, top, width, bottom - top, "@card"), page)
        groups_y = top + values_h + gap
        page.text(self._groups(page, case, run, width), right, groups_y, width, bottom - groups_y, "@card")
        page.footer([(_("solo.screen.other_case"), self.back)], back=(_("ui.round.menu"), self._to_start),
                    aside=(_("solo.screen.my_practice"), lambda: self.app.show(MyPracticeScene(self.app))))

    def _groups(self, page: Page, case: Scenario, run: Run, width: float) -> str:
        """Per decision point of the run: each option's share on a line of its own (its text cut to fit)."""
        lang = self.app.settings.lang
        nodes = [node for node, _option in run.steps]
        found = group_choices(self.app.places.sessions, self.app.library, case, nodes, lang)
        lines = [f"<b>{escape(_('solo.screen.groups_title'))}</b>"]
        if not any(group.tallies for group in found.values()):
            return "<br>".join(lines + [escape(_("solo.screen.groups_too_few", n=GROUP_MINIMUM))])
        for node, mine in run.steps:
            decision, group = case.decisions[node], found[node]
            if not group.tallies:
                lines.append(f"<b>{escape(decision.title)}</b>: {escape(_('solo.screen.groups_point_too_few'))}")
                continue
            lines.append(f"<b>{escape(decision.title)}</b> "
                         f"({escape(_('solo.screen.groups_answers', n=group.answers))})")
            for tally in group.tallies:
                option = decision.option(tally.key)
                share = f"{round(100 * tally.count / group.answers)}%"
                if tally.key == mine:
                    share += f" ({_('solo.screen.yours')})"
                lines.append(escape(page.fitted(f"{share}: {option.text if option else tally.key}", width - 50,
                                                "body")))
        return "<br>".join(lines)

    def _values(self, case: Scenario, run: Run) -> str:
        compared = compare_values(case, run)
        lang, library = run.lang, self.app.library

        def names(values) -> str:
            return escape(value_names(library, case, values, lang))

        lines = [f"<b>{escape(_('solo.screen.values_title'))}</b>"]
        if not compared.own:
            return "<br>".join(lines + [f"{escape(_('solo.screen.values_favoured'))} {names(compared.favoured)}"])
        lines.append(f"{escape(_('solo.screen.values_own'))} {names(compared.own)}")
        for key, values in (("shared", compared.shared), ("pressured", compared.under_pressure),
                            ("also", compared.not_own)):
            if values:
                lines.append(f"{escape(_(f'solo.screen.values_{key}'))} {names(values)}")
        return "<br>".join(lines)

    def number(self, n: int) -> None:
        if 0 < n <= len(self.replay_roles):
            _start(self.app, self.run.case, self.replay_roles[n - 1])

    def _to_start(self) -> None:
        from game.ui.scenes.start import StartScene
        self.app.show(StartScene(self.app))

    def back(self) -> None:
        self.app.show(SoloHomeScene(self.app))


class MyPracticeScene(BaseScene):
    """'Mijn oefeningen': past runs, the reflections exported to a file, and the history deleted (after asking)."""

    def __init__(self, app) -> None:
        super().__init__(app)
        self.page_index = 0
        self.confirming = False
        self.written: Path | None = None

    def build(self, page: Page) -> None:
        runs, broken = history()
        page.header(_("solo.screen.my_practice"), _("solo.screen.practice_count", n=len(runs)))
        if self.confirming:
            self._build_confirm(page, len(runs))
            return
        shown, turns = page.pages(runs, RUNS_PER_PAGE, self.page_index, self._turn)
        row_y = page.footer_y - 24 - BUTTON_H
        top, gap = 180, 16
        cards_bottom = row_y - 20 - (WRITTEN_H + 16 if self.written else 0)
        height = (cards_bottom - top - gap * (RUNS_PER_PAGE - 1)) / RUNS_PER_PAGE
        if not runs:
            page.label(_("solo.screen.practice_none"), MARGIN, top, page.content_width, 56, "@muted")
        for run in shown:
            page.text(self._run_markup(page, run), MARGIN, top, page.content_width, height, "@card")
            top += height + gap
        if self.written:
            page.text(f"<b>{escape(_('solo.screen.exported', path=str(self.written)))}</b>", MARGIN,
                      cards_bottom + 8, page.content_width, WRITTEN_H, "@muted_text")
        actions = [(_("solo.screen.export_md"), lambda: self._export("md")),
                   (_("solo.screen.export_html"), lambda: self._export("html")),
                   (_("solo.screen.delete"), self._ask_delete)]
        x = MARGIN
        for text, action in actions:
            width = page.button_width(text)
            page.button(text, x, row_y, width, BUTTON_H, action if runs else None)
            x += width + 20
        page.footer(turns, back=(_("ui.back"), self.back), primary_last=False)

    def _run_markup(self, page: Page, run: Run) -> str:
        app, width = self.app, page.content_width - 40
        case = app.library.case(run.case, run.lang)
        scenario = case.scenario if case else None
        title = scenario.title if scenario else run.case
        when = datetime.fromtimestamp(run.started).strftime("%d-%m-%Y %H:%M")
        ending = (scenario.endings[run.ending].title if scenario and run.ending in scenario.endings
                  else _("solo.screen.not_finished"))
        path = " → ".join(scenario.decisions[node].option(option).text for node, option in run.steps
                          if scenario and node in scenario.decisions) or "-"
        reflection = " / ".join(line for line in run.reflection.splitlines() if line.strip())  # its lines on one
        lines = [f"<b>{escape(page.fitted(f'{when} · {title}', width, 'body', bold=True))}</b>",
                 escape(page.fitted(_("solo.screen.run_meta", role=_role_name(app, run.role, run.lang),
                                      ending=ending), width, "body")),
                 escape(page.fitted(_("solo.screen.run_path", path=path), width, "body")),
                 f"<i>{escape(page.fitted(reflection or _('solo.no_reflection'), width, 'body'))}</i>"]
        return "<br>".join(lines)

    def _build_confirm(self, page: Page, count: int) -> None:
        page.text(f"<b>{escape(_('solo.screen.delete_ask', n=count))}</b><br><br>"
                  f"{escape(_('solo.screen.delete_explain'))}", MARGIN, 180, page.content_width, 400, "@rule")
        page.footer([(_("solo.screen.delete_yes"), self._delete)], back=(_("solo.screen.delete_no"), self.back))

    def _export(self, fmt: str) -> None:
        runs = history()[0]
        text = export_reflections(runs, self.app.library, fmt, self.app.settings.lang)
        folder = practice_folder()
        folder.mkdir(parents=True, exist_ok=True)
        self.written = folder / f"{EXPORT_NAME}.{fmt}"
        self.written.write_text(text, encoding="utf-8")
        self.refresh()

    def screen_key(self) -> tuple:
        return (self.confirming,)

    def _ask_delete(self) -> None:
        self.confirming = True
        self.refresh()

    def _delete(self) -> None:
        delete_history()
        self.confirming, self.written, self.page_index = False, None, 0
        self.refresh()

    def _turn(self, index: int) -> None:
        self.page_index = index
        self.refresh()

    def back(self) -> None:
        if self.confirming:
            self.confirming = False
            self.refresh()
            return
        self.app.show(SoloHomeScene(self.app))


def open_solo(places, case_id: str | None = None, size: tuple[int, int] | None = None, lang: str | None = None,
              **options):
    """The app on the solo flow (on the case's role choice when ``case_id`` is given)."""
    return open_app(places, size, lang, first=lambda app: SoloRoleScene(app, case_id) if case_id else SoloHomeScene(app),
                    **options)


def play_solo(case_id: str | None = None, lang: str | None = None) -> int:
    """``dilemmaspel solo [CASE-ID]``: the window on the solo flow until it is closed."""
    return run_until_closed(open_solo(user_places(), case_id, lang=lang))
