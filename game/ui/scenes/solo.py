"""Practising alone: choose a case and a role, play it through, reflect, see how groups chose, play it again.

A solo run goes through the same phases as a round at the table, so ``SoloRunScene`` is the
``RoundScene`` in ``SoloMode``: the table-only parts left out (the clock, hidden votes in turn,
voting again, the scribe's notes) and a reflection in place of the discussion points. Runs are
kept in ``game.solo.practice_folder()``, apart from the table sessions a plenary reads.
"""
from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path

from game.engine import WriteReflection
from game.engine.session import MAX_TEXT
from game.i18n import _
from game.scenario.model import Scenario
from game.solo import (GROUP_MINIMUM, Run, compare_values, coverage, delete_history, export_reflections, group_choices, history,
                       practice_folder, start_run)
from game.store.log import SessionFileError
from game.text import capitalised
from game.ui.cards import role_card, value_names
from game.ui.main import open_app, run_until_closed, user_places
from game.ui.page import BUTTON_H, GAP, PARAGRAPH, Box, Page, escape, tension
from game.ui.pictures import PICTURE_SHARE, SCREEN_ICONS, case_image, picture_tag
from game.ui.scenes import BaseScene
from game.ui.scenes.round import Screen, draw, ending, share, vote
from game.ui.scenes.round.parts import own_role
from game.ui.scenes.table import RoundScene, TableMode
from game.ui.textfield import TextField, text_field

REPLAY_ROLES = 3
EXPORT_NAME = "mijn-reflecties"
AFTER_GAP = 30  # between the two columns after a run


def _scenario(app, case_id: str) -> Scenario | None:
    case = app.library.case(case_id, app.settings.lang)
    return case.scenario if case else None


def _role_name(app, role: str | None, lang: str) -> str:
    return role_card(app.library, role, lang).name if role else "-"


def _start(app, case_id: str, role: str | None) -> None:
    """A new run of ``case_id`` as ``role`` (drawn when None), straight to the role's brief."""
    app.replace(SoloRunScene(app, start_run(app.library, case_id, role, app.settings.lang, practice_folder())))


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
    app.push(SoloRunScene(app, stored))


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
        """The run left halfway (if any) as the first card, then the cases: all on pages of as many as fit."""
        runs, _broken = history()
        page.header(_("solo.screen.title"), _("solo.screen.choose_case"), icon=SCREEN_ICONS["solo"])
        played = {run.case: sum(1 for r in runs if r.case == run.case and r.finished) for run in runs}
        cases = self.cases()
        markups = [self._case_markup(page, number, case, played.get(case.id, 0))
                   for number, case in enumerate(cases, start=1)]
        actions = [lambda c=case: self.app.push(SoloRoleScene(self.app, c.id)) for case in cases]
        unfinished = next((run for run in runs if not run.finished), None)
        if unfinished:
            markups.insert(0, self._resume_markup(unfinished))
            actions.insert(0, lambda: _resume(self.app, unfinished.path))
        first_case = 1 if unfinished else 0
        cells = page.card_cells(page.content, markups, 1, 230, self.page_index, self._turn, gap=16)
        self.shown = [cases[index - first_case] for index, _cell in cells if index >= first_case]
        for index, cell in cells:
            page.card(markups[index], cell.x, cell.y, cell.w, cell.h, actions[index], key=f"case:{index}")
        if cells:
            page.main = f"case:{cells[0][0]}"  # no way forward but a card: the focus starts on the first one
        page.footer([], back=(_("ui.back"), self.back), primary_last=False,
                    aside=(_("solo.screen.my_practice"), lambda: self.app.push(MyPracticeScene(self.app))))

    def _resume_markup(self, run: Run) -> str:
        scenario = _scenario(self.app, run.case)
        title = scenario.title if scenario else run.case
        return (f"<b>{escape(_('solo.screen.resume'))}</b><br>"
                f"{escape(_('solo.screen.resume_line', title=title, role=_role_name(self.app, run.role, run.lang)))}")

    def _case_markup(self, page: Page, number: int, case: Scenario, played: int) -> str:
        seen = _("solo.screen.played", n=played) if played else _("solo.screen.not_played")
        lines = [f"<b>{number}. {escape(case.title)}</b> · {escape(case.theme)} · {escape(seen)}",
                 escape(tension(case.tension))]
        if case.content_note:
            lines.append(f"<i>{escape(case.content_note)}</i>")
        return "<br>".join(lines)

    def _turn(self, index: int) -> None:
        self.page_index = index
        self.refresh()

    def number(self, n: int) -> None:
        if 0 < n <= len(self.shown):
            self.app.push(SoloRoleScene(self.app, self.shown[n - 1].id))

    def back(self) -> None:
        self.app.pop()


class SoloRoleScene(BaseScene):
    """One case: read it, then pick a role (the ones played before are marked) or draw one."""

    def __init__(self, app, case_id: str) -> None:
        super().__init__(app)
        self.case_id = case_id
        self.text_page = self.roles_page = 0

    def _turn_text(self, index: int) -> None:
        self.text_page = index
        self.refresh()

    def _turn_roles(self, index: int) -> None:
        self.roles_page = index
        self.refresh()

    @property
    def case(self) -> Scenario:
        return _scenario(self.app, self.case_id)

    def build(self, page: Page) -> None:
        case, lang = self.case, self.app.settings.lang
        page.header(case.title, capitalised(case.theme), icon=SCREEN_ICONS["solo"])
        tried = coverage(case, history()[0]).roles_tried
        text, column = page.content.split(0.6, gap=30)
        picture = picture_tag(self.app, case_image(self.app.library, case), text.w * PICTURE_SHARE, text.h / 2)
        parts = [f"{picture}<b>{escape(_('ui.case.dilemma'))}</b> {escape(tension(case.tension))}",
                 *([f"<i>{escape(case.content_note)}</i>"] if case.content_note else []), escape(case.intro)]
        page.reading(parts, text, "@card", self.text_page, self._turn_text)  # the text flows on under the picture
        _label, column = page.line(_("solo.screen.pick_role"), column, "@strong")
        roles = list(case.roles)
        markups = [f"<b>{number}. {escape(_role_name(self.app, role, lang))}</b>"
                   + (f" · {escape(_('solo.screen.role_played'))}" if role in tried else "")
                   for number, role in enumerate(roles, start=1)]
        for index, cell in page.card_cells(column, markups, 1, 100, self.roles_page, self._turn_roles, gap=14,
                                           style="@value"):
            page.card(markups[index], cell.x, cell.y, cell.w, cell.h,
                      lambda r=roles[index]: _start(self.app, self.case_id, r), "@value")
        page.footer([(_("solo.screen.draw_role"), lambda: _start(self.app, self.case_id, None))],
                    back=(_("ui.back"), self.back))

    def number(self, n: int) -> None:
        roles = list(self.case.roles)
        if 0 < n <= len(roles):
            _start(self.app, self.case_id, roles[n - 1])

    def back(self) -> None:
        self.app.pop()


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

    def build(self, page: Page, box: Box) -> None:
        """The questions on the left (on pages when they need more room), the learner's field on the right."""
        scene = self.scene
        left, right = box.split(gap=30)
        scene.read(page, ending.questions(scene), left)
        saved = scene.round.reflection
        text = self.draft if self.draft is not None else saved
        save = _("solo.screen.reflection_save")
        status = escape(_("solo.screen.reflection_saved" if saved and _cleaned(text) == saved
                          else "solo.screen.reflection_unsaved" if _cleaned(text) else "solo.screen.reflection_none"))
        button_w = page.button_width(save)
        status_h = page.text_height(status, right.w - button_w - GAP, "@muted_text")
        field, row = right.above(max(BUTTON_H, status_h), gap=16)
        self.field = text_field(page, field.x, field.y, field.w, field.h, text,
                                _("solo.screen.reflection_placeholder"), MAX_TEXT, key="reflection")
        page.main = "reflection"  # on this page the focus starts where the learner writes
        if self.keep_focus:
            page.manager.set_focus_set(self.field)
        button, beside = row.left(button_w)
        page.button(save, button.x, button.y, button.w, BUTTON_H, lambda: self.submit(self.field.get_text()))
        page.text(status, beside.x, beside.y, beside.w, beside.h, "@muted_text")

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


class SoloMode(TableMode):
    """Practising alone: the learner's own role, values and choices, without the table's parts (the clock, hidden
    steps in turn, voting again, the scribe's step and the plenary), and a reflection in place of the points."""

    screens = TableMode.screens | {"draw": Screen(draw.own_role_card), "share": Screen(share.own_values),
                                   "vote": Screen(vote.own_choice, vote.choose_own)}
    at_table = False
    phase_titles = "solo.screen.phase"
    ending_parts = (ending.STORY, ending.FACTS,
                    ending.Part("reflection", "solo.screen.reflection_tab",
                                lambda scene, page, box: scene.reflection.build(page, box)))
    finish = "solo.screen.finish"
    passes = ("record",)            # alone there is no scribe's step: after the last choice the ending follows

    def panel(self, scene: "SoloRunScene") -> None:
        return None

    def subtitle(self, scene: "SoloRunScene") -> str:
        return _("solo.screen.run_subtitle", title=scene.case.title, role=own_role(scene))

    def save(self, scene: "SoloRunScene") -> None:
        scene.reflection.save()

    def keep(self, scene: "SoloRunScene") -> None:
        scene.reflection.keep()

    def leave(self, scene: "SoloRunScene") -> None:
        """The run is kept as it is and resumes from 'Alleen oefenen'; nothing is asked."""
        self.save(scene)
        scene.stored.close()
        scene.app.pop()

    def finished(self, scene: "SoloRunScene") -> None:
        scene.stored.close()
        scene.app.replace(SoloAfterScene(scene.app, scene.stored.path))


class SoloRunScene(RoundScene):
    """One learner's run: the round in the practise-alone mode, with the learner's reflection at the end."""

    def __init__(self, app, stored) -> None:
        super().__init__(app, stored, SoloMode())
        self.reflection = ReflectionEditor(self)


class SoloAfterScene(BaseScene):
    """After a run: how groups chose at the same points, your values next to your choices, and what is next."""

    def __init__(self, app, path: Path) -> None:
        super().__init__(app)
        self.path = path
        self.replay_roles: tuple[str, ...] = ()
        self.pages: dict[str, int] = {}

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
        left, right = page.content.split(0.4, gap=AFTER_GAP)
        if self.replay_roles:
            labels = [escape(_("solo.screen.replay_as", n=index + 1, role=_role_name(self.app, role, run.lang)))
                      for index, role in enumerate(self.replay_roles)]
            heights = [max(BUTTON_H, page.text_height(label, left.w, "@value")) for label in labels]
            left, buttons = left.above(sum(heights) + GAP * (len(heights) - 1))
            for label, role, height in zip(labels, self.replay_roles, heights):  # cards: a long role name wraps
                row, buttons = buttons.top(height)
                page.card(label, row.x, row.y, row.w, row.h, lambda r=role: _start(self.app, run.case, r), "@value")
        self._part(page, "seen", f"<b>{escape(_('solo.screen.coverage_title'))}</b><br>"
                                 f"{escape(seen.summary(case, self.app.settings.lang))}", left)
        values = self._values(case, run)
        values_box, groups_box = right.top(min(page.text_height(values, right.w, "@card"), right.h / 2))
        self._part(page, "values", values, values_box)
        self._part(page, "groups", self._groups(page, case, run, right.w), groups_box)
        page.footer([(_("solo.screen.other_case"), self.back)], back=(_("ui.round.menu"), self._to_start),
                    aside=(_("solo.screen.my_practice"), lambda: self.app.push(MyPracticeScene(self.app))))

    def _part(self, page: Page, name: str, markup: str, box: Box) -> None:
        """One card of the page, as tall as its text (on pages of its own when it needs more room than ``box``)."""
        box, _rest = box.top(min(box.h, page.text_height(markup, box.w, "@card")))
        page.reading(markup.split(PARAGRAPH), box, "@card", self.pages.get(name, 0),
                     lambda index: self._turn(name, index))

    def _turn(self, name: str, index: int) -> None:
        self.pages[name] = index
        self.refresh()

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
        self.app.home()

    def back(self) -> None:
        self.app.pop()


class MyPracticeScene(BaseScene):
    """'Mijn oefeningen': past runs, the reflections exported to a file, and the history deleted (after asking)."""

    def __init__(self, app) -> None:
        super().__init__(app)
        self.page_index = 0
        self.confirming = False
        self.written: Path | None = None

    def build(self, page: Page) -> None:
        runs, broken = history()
        page.header(_("solo.screen.my_practice"), _("solo.screen.practice_count", n=len(runs)),
                    icon=SCREEN_ICONS["solo"])
        if self.confirming:
            self._build_confirm(page, len(runs))
            return
        box, row = page.content.above(BUTTON_H)
        if self.written:
            written = f"<b>{escape(_('solo.screen.exported', path=str(self.written)))}</b>"
            box, below = box.above(page.text_height(written, box.w, "@muted_text"))
            page.text(written, below.x, below.y, below.w, below.h, "@muted_text")
        if not runs:
            page.line(_("solo.screen.practice_none"), box, "@muted")
        else:
            page.reading([self._run_markup(run) for run in runs], box, "@card", self.page_index, self._turn)
        actions = [(_("solo.screen.export_md"), lambda: self._export("md")),
                   (_("solo.screen.export_html"), lambda: self._export("html")),
                   (_("solo.screen.delete"), self._ask_delete)]
        for text, action in actions:
            button, row = row.left(page.button_width(text))
            page.button(text, button.x, button.y, button.w, button.h, action if runs else None)
        page.footer([], back=(_("ui.back"), self.back), primary_last=False)

    def _run_markup(self, run: Run) -> str:
        app = self.app
        case = app.library.case(run.case, run.lang)
        scenario = case.scenario if case else None
        title = scenario.title if scenario else run.case
        when = datetime.fromtimestamp(run.started).strftime("%d-%m-%Y %H:%M")
        ending = (scenario.endings[run.ending].title if scenario and run.ending in scenario.endings
                  else _("solo.screen.not_finished"))
        path = " → ".join(scenario.decisions[node].option(option).text for node, option in run.steps
                          if scenario and node in scenario.decisions) or "-"
        reflection = " / ".join(line for line in run.reflection.splitlines() if line.strip())  # its lines on one
        lines = [f"<b>{escape(f'{when} · {title}')}</b>",
                 escape(_("solo.screen.run_meta", role=_role_name(app, run.role, run.lang), ending=ending)),
                 escape(_("solo.screen.run_path", path=path)),
                 f"<i>{escape(reflection or _('solo.no_reflection'))}</i>"]
        return "<br>".join(lines)

    def _build_confirm(self, page: Page, count: int) -> None:
        page.paragraph(f"<b>{escape(_('solo.screen.delete_ask', n=count))}</b><br><br>"
                       f"{escape(_('solo.screen.delete_explain'))}", page.content, "@rule")
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
        """Back where 'Mijn oefeningen' was opened; when that was the page after a run whose file was just
        deleted with the rest, back past it too (there is nothing left to show there)."""
        if self.confirming:
            self.confirming = False
            self.refresh()
            return
        scenes = self.app.scenes
        below = scenes[-2] if len(scenes) > 1 else None
        self.app.pop(2 if isinstance(below, SoloAfterScene) and not below.path.exists() else 1)


def open_solo(places, case_id: str | None = None, size: tuple[int, int] | None = None, lang: str | None = None,
              **options):
    """The app on the solo flow (on the case's role choice when ``case_id`` is given)."""
    return open_app(places, size, lang, first=lambda app: SoloRoleScene(app, case_id) if case_id else SoloHomeScene(app),
                    **options)


def play_solo(case_id: str | None = None, lang: str | None = None) -> int:
    """``dilemmaspel solo [CASE-ID]``: the window on the solo flow until it is closed."""
    return run_until_closed(open_solo(user_places(), case_id, lang=lang))
