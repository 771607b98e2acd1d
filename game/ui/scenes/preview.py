"""``dilemmaspel preview FILE``: one case in the table screens while an author writes it.

The round is the real ``RoundScene`` in ``PreviewMode``, played by the real engine; a bar at the top right
(in the place of the clock, which a preview does not need) says it is a preview and offers another role and a
jump to any node. The file is polled twice a second from ``tick``: a save loads it again at the same place,
and a file with problems shows them (file:line:col, code, message, hint) until it is fixed.
"""
from __future__ import annotations

import time
from pathlib import Path

import pygame

from game.engine import CommandRejected
from game.i18n import _, n_
from game.scenario.loader import Library
from game.store.log import StoredSession
from game.ui.app import App, Places
from game.ui.cards import role_card
from game.ui.main import open_app, run_until_closed
from game.ui.page import BUTTON_H, MARGIN, Box, Page, escape
from game.ui.preview_case import (INTRO, Loaded, Position, Sandbox, file_stamp, jump, load_preview, play, resolve,
                                  watched_files, ways)
from game.ui.scenes import BaseScene
from game.ui.scenes.round.draw import drawn_card
from game.ui.scenes.table import RoundScene, TableMode
from game.ui.settings import settings_path
from game.ui.theme import palette

POLL_SECONDS = 0.5
MAX_PROBLEMS_SHOWN = 12
BAR_TEXT_W = 620
GAP = 12
MENU_CARD_H = 136


class PreviewBar:
    """Which file, when it was loaded, the role and the node; the buttons for another role and a jump.

    It stands where the clock stands at the table (``build`` returns the width it takes, ``tick``), so the round
    lays out its header beside it.
    """

    def __init__(self, scene: "PreviewScene") -> None:
        self.scene = scene

    def build(self, page: Page) -> float:
        scene = self.scene
        playable = not scene.problems
        buttons = [(_("authoring.preview.switch_role"), scene.open_roles if playable else None),
                   (_("authoring.preview.go_to"), scene.open_jumps if playable else None)]
        widths = [page.button_width(text) - 40 for text, _action in buttons]
        _title, panel = page.band.right_part(BAR_TEXT_W + sum(widths) + GAP * len(widths), gap=0)
        text_box, *button_boxes = panel.columns_of([BAR_TEXT_W, *widths], gap=GAP)
        for (text, action), box in zip(buttons, button_boxes):
            row = box.centred(box.w, BUTTON_H)
            page.button(text, row.x, row.y, row.w, row.h, action)
        first, *rest = scene.bar_lines()
        markup = "<br>".join([f"<b>{escape(first)}</b>", *map(escape, rest)])  # a long file name goes on a line more
        height = max(text_box.h, page.text_height(markup, text_box.w, "@bar"))
        page.text(markup, text_box.x, text_box.y, text_box.w, height, "@bar")
        frame = Box(panel.x, panel.y, panel.w, height).grown(GAP / 2)
        page.decorate(lambda surface: self._paint(surface, page.rect(frame.x, frame.y, frame.w, frame.h)))
        page.content_below(frame.bottom + GAP)
        return panel.w + GAP

    def _paint(self, surface: pygame.Surface, frame: pygame.Rect) -> None:
        """A card with an orange edge: the sign on the door that this is not a real session."""
        colours = palette(self.scene.app.settings.high_contrast)
        pygame.draw.rect(surface, colours.card, frame)
        pygame.draw.rect(surface, colours.alert, frame, max(3, round(6 * self.scene.app.scale)))

    def tick(self) -> bool:
        return False


class PreviewMode(TableMode):
    """The round of a preview: played as a table, with the bar in the place of the clock; its ending closes the
    case without the plenary step, and 'to the start' and the end of the case stay in the preview."""

    finish = "ui.ending.finish"
    passes = ("plenary",)

    def __init__(self, preview: "PreviewScene") -> None:
        self.preview = preview

    def panel(self, scene: RoundScene) -> PreviewBar:
        return self.preview.bar

    def leave(self, scene: RoundScene) -> None:
        """'To the start' means the start of the case here: a preview has no start screen."""
        self.preview.jump_to(None)

    def finished(self, scene: RoundScene) -> None:
        """The end of the case: the preview stays at the ending and offers the jumps (no summary)."""
        self.preview.ended()


class PreviewScene(BaseScene):
    """A preview: the round of the case in ``PreviewMode``, or over it a menu (``menu`` is "jump", "roles" or
    "card", a role card) or the file's problems."""

    def __init__(self, app: App, path: Path, sandbox: Sandbox, first: Loaded) -> None:
        super().__init__(app)
        self.path = path
        self.sandbox = sandbox
        self.bar = PreviewBar(self)
        self.files = watched_files(path)
        self.loaded: Loaded | None = None
        self.problems = ()
        self.known: dict = {}
        self.role: str | None = None
        self.menu: str | None = None
        self.menu_page = 0
        self.menu_actions: list = []
        self.loaded_at = 0.0
        self.next_poll = 0.0
        self.played: RoundScene | None = None  # the round, once the file was valid
        self.load(first)

    @property
    def stored(self) -> StoredSession | None:
        return self.played.stored if self.played else None

    @property
    def state(self):
        return self.played.state

    # the file ------------------------------------------------------------------------------------
    def load(self, fresh: Loaded | None = None) -> None:
        """Read the file (or use ``fresh``) and show it: at the same place, or its problems."""
        self.stamp = file_stamp(self.files)
        fresh = fresh or load_preview(self.path)
        self.loaded_at = self.app.now()
        self.problems = fresh.problems
        if fresh.case is None:
            return
        before, self.loaded = self.loaded, fresh
        scenario = fresh.case.scenario
        self.known = ways(scenario)
        self.app.library.decks = fresh.decks  # the cards of the case's library, read again with it
        self.app.library.cases = {(scenario.id, scenario.lang): fresh.case}  # its pictures are found beside it
        if self.role not in scenario.roles:
            self.role = next(iter(scenario.roles))
        if self.played is None:
            self.go(Position())
            return
        position, moved = resolve(scenario, Position.of(self.state), self.known, before.case.scenario)
        self.go(position)
        kind = moved and ("node_gone" if moved.gone else "node_unreachable")
        self.app.notice = _(f"authoring.preview.{kind}", node=moved.node, now=moved.now) if moved else ""

    def go(self, position: Position) -> None:
        """Play a fresh session to ``position`` (the start, if the engine refuses the way) and show it."""
        try:
            replay = play(self.loaded.case, self.loaded.decks, position, self.role, self.app.settings.lang)
        except CommandRejected:
            position = Position()
            replay = play(self.loaded.case, self.loaded.decks, position, self.role, self.app.settings.lang)
        stored = self.sandbox.store(replay)
        if self.played is None:
            self.played = RoundScene(self.app, stored, PreviewMode(self))
        else:
            self.sandbox.discard(self.played.stored)
        self.played.restart(stored, reading_case=position.phase == INTRO)  # a preview starts with the story

    def tick(self, now: float) -> bool:
        """Twice a second: has the file (or its decks) changed? Then load it again."""
        if now < self.next_poll:
            return False
        self.next_poll = now + POLL_SECONDS
        if file_stamp(self.files) == self.stamp:
            return False
        self.load()
        self.refresh()
        return True

    def reload(self) -> None:
        self.load()
        self.refresh()

    def close(self) -> None:
        """The preview's session files go, with their folder."""
        if self.played is not None:
            self.sandbox.discard(self.played.stored)
            self.played = None
        self.sandbox.remove()

    def closing(self) -> None:
        self.close()

    # what the bar says ----------------------------------------------------------------------------
    def bar_lines(self) -> list[str]:
        clock = time.strftime("%H:%M:%S", time.localtime(self.loaded_at))
        lines = [_("authoring.preview.bar_title", file=self.path.name)]
        if self.problems:
            return lines + [_("authoring.preview.errors_at", time=clock),
                            n_("authoring.preview.problem_count", len(self.problems))]
        role = role_card(self.app.library, self.role, self.played.lang).name
        return lines + [_("authoring.preview.loaded_at", time=clock),
                        _("authoring.preview.where", role=role, node=self._here() or _("authoring.preview.begin"))]

    def _here(self) -> str | None:
        """The node the round is at; None before the first decision point (the story and the values)."""
        r = self.state.current
        return None if r.phase in (INTRO, "share") else r.node

    # the screens -----------------------------------------------------------------------------------
    def build(self, page: Page) -> None:
        self.menu_actions = []
        if self.problems:
            self._build_problems(page)
        elif self.menu == "card":
            self._frame(page, _("authoring.preview.card_title"), lambda: self._build_card(page))
        elif self.menu == "roles":
            self._frame(page, _("authoring.preview.roles_title"), lambda: self._build_menu(page, self._role_items()))
        elif self.menu == "jump":
            self._frame(page, _("authoring.preview.jump_title"), lambda: self._build_menu(page, self._jump_items()))
        else:
            self.played.build(page)

    def _frame(self, page: Page, title: str, content) -> None:
        """The bar, a header beside it, then the content; the bar's buttons come last with Tab."""
        bar_width = self.bar.build(page)
        bar_buttons = len(page.focusables)
        page.header(title, self.loaded.case.scenario.title if self.loaded else self.path.name,
                    right_space=bar_width + 40)
        content()
        page.focusables = page.focusables[bar_buttons:] + page.focusables[:bar_buttons]

    def screen_key(self) -> tuple:
        place = self.played.screen_key() if self.played is not None and not self.problems else ()
        return (self.menu, bool(self.problems)) + place

    def _build_card(self, page: Page) -> None:
        """The first seat's role card, as its player reads it at the table; its button goes back to where the
        author was."""
        page.footer([(drawn_card(self.played, page, 0), self.close_menu)])

    def _build_problems(self, page: Page) -> None:
        def content() -> None:
            lang = self.app.settings.lang
            parts = [f"<i>{escape(_('authoring.preview.errors_intro'))}</i>"]
            for problem in self.problems[:MAX_PROBLEMS_SHOWN]:
                parts.append(f"<b>{escape(problem.where())}: {problem.code}</b> {escape(problem.message(lang))}<br>"
                             f"{escape(_('hint.label'))}: {escape(problem.hint(lang))}")
            hidden = len(self.problems) - MAX_PROBLEMS_SHOWN
            if hidden > 0:
                parts.append(escape(n_("authoring.preview.more_problems", hidden)))
            page.text("<br><br>".join(parts), MARGIN, page.content.y, page.content_width, page.content.h,
                      "@card")
            page.footer([(_("authoring.preview.reload"), self.reload)])
        self._frame(page, _("authoring.preview.errors_title"), content)

    def _jump_items(self) -> list[tuple[str, str, object]]:
        """(markup, style, action or None) for the start, every decision point and every ending."""
        scenario = self.loaded.case.scenario
        here = self._here()
        nodes = [(_("authoring.preview.kind_start"), scenario.title, None)]
        nodes += [(_("authoring.preview.kind_decision"), d.title, node) for node, d in scenario.decisions.items()]
        nodes += [(_("authoring.preview.kind_ending"), e.title, node) for node, e in scenario.endings.items()]
        items = []
        for kind, title, node in nodes:
            reachable = node is None or node in self.known
            where = node or _("authoring.preview.begin")
            note = "" if reachable else f" · <i>{escape(_('authoring.preview.unreachable'))}</i>"
            markup = f"<b>{escape(kind)}: {escape(title)}</b><br>{escape(where)}{note}"
            style = "@card" if reachable else "@card_muted"
            items.append(_marked(markup, node == here, style) + ((lambda n=node: self.jump_to(n)) if reachable else None,))
        return items

    def _role_items(self) -> list[tuple[str, str, object]]:
        items = []
        for role in self.loaded.case.scenario.roles:
            card = role_card(self.app.library, role, self.played.lang)
            markup, style = _marked(f"<b>{escape(card.name)}</b><br>{escape(card.line)}", role == self.role)
            items.append((markup, style, lambda r=role: self.choose_role(r)))
        return items

    def _build_menu(self, page: Page, items: list[tuple[str, str, object]]) -> None:
        """The items as cards in two columns, a page at a time; number keys pick them too."""
        markups = [markup for markup, _style, _action in items]
        for index, cell in page.card_cells(page.content, markups, 2, MENU_CARD_H, self.menu_page, self._turn_menu,
                                           gap=16):
            markup, style, action = items[index]
            page.card(markup, cell.x, cell.y, cell.w, cell.h, action, style)
            self.menu_actions.append(action)
        page.footer([], back=(_("authoring.preview.back"), self.close_menu), primary_last=False)

    # what the author does ----------------------------------------------------------------------------
    def open_jumps(self) -> None:
        self._open("jump")

    def open_roles(self) -> None:
        self._open("roles")

    def _open(self, menu: str) -> None:
        self.menu, self.menu_page = menu, 0
        self.refresh()

    def _turn_menu(self, index: int) -> None:
        self.menu_page = index
        self.refresh()

    def close_menu(self) -> None:
        self.menu = None
        self.refresh()

    def jump_to(self, node: str | None) -> None:
        """To a node along a way from the start (None: the start, with the story)."""
        scenario = self.loaded.case.scenario
        self.app.notice = ""
        self.go(Position() if node is None else jump(scenario, node, self.known))
        self.close_menu()

    def choose_role(self, role: str) -> None:
        """See the case as ``role``: the same place, replayed with that role at the first seat; its card first."""
        self.role = role
        self.go(Position.of(self.state))
        self.menu = "card"
        self.refresh()

    def ended(self) -> None:
        """The end of the case: the preview stays at the ending and offers the jumps."""
        self.go(Position.of(self.state))
        self.menu, self.menu_page = "jump", 0
        self.app.notice = _("authoring.preview.ended")
        self.refresh()

    # keys ------------------------------------------------------------------------------------------
    def keep(self) -> None:
        if self.played is not None:
            self.played.keep()

    def back(self) -> None:
        if self.menu:
            self.close_menu()
        elif not self.problems:
            self.played.back()

    def number(self, n: int) -> None:
        if self.menu in ("jump", "roles"):
            if 0 < n <= len(self.menu_actions) and self.menu_actions[n - 1]:
                self.menu_actions[n - 1]()
        elif not self.problems and not self.menu:
            self.played.number(n)


def _marked(markup: str, current: bool, style: str = "@card") -> tuple[str, str]:
    """A menu card's markup and style; the current one is filled and marked in words too, not by colour alone."""
    return (_("ui.chosen", text=markup), "@value_selected") if current else (markup, style)


def open_preview(path: Path, settings_file: Path, size: tuple[int, int] | None = None, lang: str | None = None,
                 **options) -> App:
    """The window with the preview of one case file; its sessions live in a temporary folder."""
    first = load_preview(path)
    sandbox = Sandbox()
    app = open_app(Places(settings_file, sandbox.folder, Library(first.decks)), size, lang,
                   first=lambda app: PreviewScene(app, path, sandbox, first), **options)
    pygame.display.set_caption(_("authoring.preview.caption", file=path.name))
    return app


def run_preview(path: Path, lang: str | None = None) -> int:
    """Until the window closes; the temporary session files are removed in any case."""
    app = open_preview(path, settings_path(), lang=lang)
    return run_until_closed(app, afterwards=app.scene.close)
