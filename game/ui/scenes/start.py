"""The start screen, and the offer to resume a session that was not finished."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from game.i18n import _
from game.ui.page import BUTTON_H, GAP, PARAGRAPH, Box, Page, escape
from game.ui.pictures import SCREEN_ICONS, STEP_ICONS, icon_tag, start_illustration
from game.ui.scenes import BaseScene
from game.ui import flows
from game.ui.scenes.settings import SettingsScene
from game.ui.theme import palette

RESUME_SHOWN = 3
MENU_GAP = 16
CARD_MOST = 220  # a session's card grows to at most this many units high when the page has room
PICTURE_H, PICTURE_MIN = 300, 200  # the start picture's height in units: as tall as fits, else beside the title
HOW_STEPS = ("draw", "share", "vote", "record")  # the four steps of the paper game, as the start screen tells them


def unfinished(app) -> list:
    from game.app import unfinished_sessions
    return unfinished_sessions(app.places.sessions)


def about_text() -> str:
    from game.version import game_version
    return _("ui.start.about", version=game_version())


class StartScene(BaseScene):
    """The first screen. When the game opens it is drawn before the sessions and the library are read
    (``look_later``); right after, an unfinished session brings the offer to resume it."""

    italics = False

    def __init__(self, app, look_later: bool = False) -> None:
        super().__init__(app)
        self._look_later = look_later
        self._offer_coming = False
        self.how_page = 0

    def _turn_how(self, index: int) -> None:
        self.how_page = index
        self.refresh()

    def build(self, page: Page) -> None:
        app = self.app
        page.footer([(_("ui.quit"), self.quit)], primary_last=False)  # first: the page then knows its footer's room
        _title, rest = page.line(_("ui.app_name"), page.area, "@title")
        _tagline, rest = page.line(_("ui.start.tagline"), rest, "@muted")
        rows = [(_("ui.start.play"), self.set_up, "@primary")]
        if not self._look_later and unfinished(app):
            rows.append((_("ui.start.resume"), lambda: app.push(ResumeScene(app)), "@button"))
        rows += [(_("ui.start.library"), self.browse, "@button"),
                 (_("ui.start.settings"), lambda: app.push(SettingsScene(app)), "@button"),
                 (_("solo.screen.start_button"), self.practise_alone, "@button"),
                 (_("plenary.screen.start"), self.plenary, "@button")]
        widest = max(page.button_width(text) for text, _action, _style in rows)
        menu, how = rest.left(max(widest, rest.w * 0.4), gap=60)  # the rest of the width explains the game
        rule = escape(_("ui.rule"))
        buttons_h = len(rows) * BUTTON_H + (len(rows) - 1) * MENU_GAP
        if page.text_height(rule, menu.w, "@rule") + GAP / 2 + buttons_h <= menu.h:
            menu = page.paragraph(rule, menu, "@rule")
        else:  # a larger text size: the rule heads the explanation, the buttons keep their height
            how = page.paragraph(rule, how, "@rule")
        for (text, action, style), row in zip(rows, menu.rows(len(rows), gap=MENU_GAP, most=BUTTON_H)):
            page.button(text, row.x, row.y, row.w, row.h, action, style)
        how, about = how.above(page.line_height("@muted"))
        # the version is looked up after the first frame: reading the package's metadata takes a few dozen ms
        self._about = page.label("" if self._look_later else about_text(), about.x, about.y, about.w, about.h,
                                 "@muted")
        self._build_how(page, how)
        page.focusables = page.focusables[1:] + page.focusables[:1]  # Tab reaches 'Afsluiten' last
        if self._look_later and not self._offer_coming:  # once, however often the first screen is built
            self._offer_coming = True
            app.after_first_frame(self._offer_resume)

    def _build_how(self, page: Page, box: Box) -> None:
        """How the game goes, under the picture of a team at the table: the picture as tall as the text leaves
        room for, and left out where it would be too small (a larger text size needs the room)."""
        parts = self._how()
        spare = box.h - page.text_height(PARAGRAPH.join(parts), box.w, "@card") - GAP
        if spare >= PICTURE_MIN:
            picture, box = box.top(min(PICTURE_H, spare))
            start_illustration(page, picture.x, picture.y, picture.w, picture.h)
        page.reading(parts, box, "@card", self.how_page, self._turn_how)

    def _how(self) -> list[str]:
        """How the game goes, in four steps, each with the icon of its step at the table."""
        colour = palette(self.app.settings.high_contrast).primary
        steps = "<br>".join(f"{icon_tag(self.app, STEP_ICONS[step], colour)}<b>{n}.</b> "
                            f"{escape(_(f'ui.start.step{n}'))}" for n, step in enumerate(HOW_STEPS, start=1))
        return [f"<b>{escape(_('ui.start.how'))}</b>", steps]

    def _offer_resume(self) -> None:
        from game.app import tidy_sessions_folder
        from game.solo import practice_folder
        self._look_later = False
        self._about.set_text(about_text())
        self.app.read_library()  # now, while the players look at the first screen
        for folder in (self.app.places.sessions, practice_folder()):
            tidy_sessions_folder(folder)
        if self.app.scene is self and unfinished(self.app):
            self.app.push(ResumeScene(self.app))

    # the other screens are imported when chosen: the first frame needs none of them
    def set_up(self) -> None:
        from game.ui.scenes.setup import SetupScene
        self.app.push(SetupScene(self.app))

    def browse(self) -> None:
        from game.ui.scenes.library import LibraryScene
        self.app.push(LibraryScene(self.app))

    def practise_alone(self) -> None:
        flows.practise_alone(self.app)

    def plenary(self) -> None:
        flows.plenary(self.app, [self.app.places.sessions])

    def quit(self) -> None:
        self.app.running = False

    def back(self) -> None:
        """Escape on the start screen does nothing: quitting is a deliberate button."""


class ResumeScene(BaseScene):
    """Shown at start when sessions were left unfinished: continue one exactly where it stopped, or put it
    away (its file is kept, but it is no longer offered)."""

    def __init__(self, app) -> None:
        super().__init__(app)
        self.page_index = 0
        self.shown: list = []

    def build(self, page: Page) -> None:
        page.header(_("ui.resume.title"), _("ui.resume.subtitle"), icon=SCREEN_ICONS["resume"])
        aside = _("ui.resume.put_aside")
        hint = escape(_("ui.resume.put_aside_hint"))
        box, below = page.content.above(page.text_height(hint, page.content.w, "@muted_text"))
        page.text(hint, below.x, below.y, below.w, below.h, "@muted_text")
        cards, buttons = box.right_part(page.button_width(aside))
        sessions = unfinished(self.app)[:RESUME_SHOWN]
        markups = [self._markup(summary) for summary in sessions]
        cells = page.card_cells(cards, markups, 1, CARD_MOST, self.page_index, self._turn)
        self.shown = [sessions[index] for index, _cell in cells]
        for index, cell in cells:  # each session's card, and beside it the button that puts it away
            name = sessions[index].path.name
            page.card(markups[index], cell.x, cell.y, cell.w, cell.h,
                      lambda s=sessions[index]: self.resume(s.path), key=f"resume:{name}")
            button = Box(buttons.x, cell.y, buttons.w, cell.h).centred(buttons.w, BUTTON_H)
            page.button(aside, button.x, button.y, button.w, button.h,
                        lambda s=sessions[index]: self.put_aside(s.path), key=f"aside:{name}")
        page.footer([(_("ui.resume.new"), self.back)], primary_last=False)

    def _turn(self, index: int) -> None:
        self.page_index = index
        self.refresh()

    def _markup(self, summary) -> str:
        """The table's name, the case and round, the step, who played and when: enough to tell one table's game
        from another."""
        number = max(summary.round, 1)
        title = self._title(summary.cases[number - 1])
        names = ", ".join(name or _("ui.player_n", n=seat) for seat, name in enumerate(summary.names, start=1))
        where = _("ui.round.subtitle", n=number, total=len(summary.cases), title=title)
        table = f"{escape(summary.table_name)} · " if summary.table_name else ""
        return (f"<b>{table}{escape(where)}</b> · {escape(_('phase.' + summary.phase))}<br>"
                f"{escape(names)} · {escape(self._when(summary.last_activity))}")

    def _when(self, moment: float) -> str:
        then, today = datetime.fromtimestamp(moment), date.fromtimestamp(self.app.now())
        time = then.strftime("%H:%M")
        if then.date() == today:
            return _("ui.resume.today", time=time)
        if then.date() == today - timedelta(days=1):
            return _("ui.resume.yesterday", time=time)
        return _("ui.resume.on", date=then.strftime("%d-%m-%Y"), time=time)

    def _title(self, case_id: str) -> str:
        case = self.app.library.case(case_id, self.app.settings.lang)
        return case.scenario.title if case else case_id

    def put_aside(self, path) -> None:
        from game.app import put_aside
        put_aside(path)
        if unfinished(self.app):
            self.refresh()
        else:
            self.back()

    def resume(self, path) -> None:
        from game.app import resume_session
        from game.store.log import SessionFileError
        from game.ui.phones import uses_phones
        try:
            stored = resume_session(self.app.library, path)
        except SessionFileError as error:
            self.app.notice = error.message(self.app.settings.lang)
            self.app.rebuild()
            return
        flows.table(self.app, stored, uses_phones(path))

    def number(self, n: int) -> None:
        if 0 < n <= len(self.shown):
            self.resume(self.shown[n - 1].path)

    def back(self) -> None:
        self.app.pop()
