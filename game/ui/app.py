"""The window, the event loop and the current scene.

The loop is calm: it redraws only when something visible changed (an element,
the focus ring, the clock's second, a card turning), and then only there; it runs
at 60 turns a second while hands are busy and slows to 4 when nobody touches the
table. Tests drive the same code with ``step()``.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pygame
import pygame_gui
from pygame_gui import UIManager
from pygame_gui.core import UIAppearanceTheme
from pygame_gui.elements import UITextEntryBox, UITextEntryLine

from game.i18n import set_language
from game.ui.page import Page
from game.ui.scenes import BaseScene
from game.ui.settings import Settings, save_settings
from game.ui.shaping import shape_by_script
from game.ui.sound import Sounds
from game.ui.theme import FIRST_STYLES, LATER_STYLES, build_theme, palette, preloads

if TYPE_CHECKING:  # the engine, the store and the loader are imported after the first frame
    from game.engine.commands import Command
    from game.scenario.loader import Library
    from game.store.log import StoredSession
    from game.ui.motion import Motion  # the motions are imported when one first plays

WINDOWED = (1280, 720)
CANVAS_HEIGHT, NARROWEST_CANVAS = 1080, 1350
BUSY_FPS, IDLE_FPS, RESTING_FPS = 60, 10, 4
BUSY_SECONDS, RESTING_SECONDS = 0.6, 3.0
NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)} | {
    getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)}
ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
TEXT_ENTRIES = (UITextEntryLine, UITextEntryBox)  # while one has the focus, keys are typing (Tab leaves it)
ARROWS = {pygame.K_UP: (0, -1), pygame.K_DOWN: (0, 1), pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0)}


class ThemeWithoutShadows(UIAppearanceTheme):
    """pygame_gui's theme, less the shadows it makes ahead for every element type it knows: the game's own
    elements draw none (its theme gives them a shadow width of 0), and making them cost some 2.5 ms of every
    start. A shadow pygame_gui still asks for (the handle of a scroll bar) is made when it is asked for."""

    def _preload_shadow_edges(self) -> None:
        pass


class Manager(UIManager):
    """pygame_gui's manager, with the theme above (through its public ``create_new_theme``)."""

    def create_new_theme(self, theme_path=None) -> UIAppearanceTheme:
        theme = ThemeWithoutShadows(self.resource_loader, self._locale)
        if theme_path is not None:
            theme.load_theme(theme_path)
        return theme


@dataclass
class Places:
    """The files the app reads and writes (injectable, so tests never touch the user's folders)."""

    settings: Path
    sessions: Path
    library: "Library | None" = field(default=None)


@dataclass
class Drawn:
    """What a frame showed: each element's picture and place (in the order drawn), and the focus ring's place."""

    pictures: list[tuple[pygame.Surface, tuple]]
    ring: pygame.Rect | None

    def changes(self, now: "Drawn") -> list[pygame.Rect] | None:
        """The places that differ in ``now``: where a picture came, went or was replaced, and where the ring was
        and is (None: the same pictures in another order, so all of it)."""
        if now.pictures == self.pictures:
            areas = []
        else:
            before, after = set(self.pictures), set(now.pictures)
            if before == after:
                return None
            areas = [pygame.Rect(rect) for _picture, rect in before ^ after]
        if now.ring != self.ring:
            areas += [ring for ring in (self.ring, now.ring) if ring]
        return areas


def merged(areas: list[pygame.Rect], bounds: pygame.Rect) -> list[pygame.Rect]:
    """``areas`` inside ``bounds``, those that overlap joined into one (no pixel is drawn twice)."""
    joined: list[pygame.Rect] = []
    for area in (area.clip(bounds) for area in areas):
        if not area.width or not area.height:
            continue
        while (index := area.collidelist(joined)) >= 0:
            area = area.union(joined.pop(index))
        joined.append(area)
    return joined


def _same_as(kept: pygame.Surface | None, screen: pygame.Surface) -> pygame.Surface:
    """``kept`` when it is a surface of the screen's size, else a new one of the screen's kind."""
    if kept is None or kept.get_size() != screen.get_size():
        return pygame.Surface(screen.get_size(), 0, screen)
    return kept


class App:
    def __init__(self, places: Places, settings: Settings, size: tuple[int, int] = WINDOWED,
                 now: Callable[[], float] = time.time) -> None:
        self.places = places
        self.settings = settings
        self.now = now
        self._library = places.library
        self.windowed_size = size
        set_language(settings.lang)
        self.screen = self._open_window(size)
        self.size = self.screen.get_size()
        self.manager: Manager | None = None
        self.page: Page | None = None
        self.scenes: list[BaseScene] = []  # the stack: the start screen at the bottom, the shown scene on top
        self._page_scene: BaseScene | None = None
        self.notice = ""
        self._full_field: tuple[str, str] | None = None  # the text field said to be full (its key), and the notice
        self.running = True
        self.focus: int | None = None
        self._screen: tuple | None = None
        self.show_focus = False
        self._pending: list[Callable[[], None]] = []
        self._after_first_frame: list[Callable[[], None]] = []
        self.frames_drawn = 0
        self.builds = 0  # screens built (a screen built twice to measure its footer counts once)
        self._dirty = True
        self._last_input = 0.0
        self._drawn = Drawn([], None)
        self._still: pygame.Surface | None = None   # while a motion plays: the frame without it
        self._before: pygame.Surface | None = None  # the picture a motion starts from
        self._moving: Motion | None = None           # the motion the still picture was made for
        self.sounds = Sounds(lambda: self.settings.sound)
        self.motion: Motion | None = None
        self.motion_clock: Callable[[], float] = time.monotonic  # a test drives the motion with a clock of its own
        self.phones = None  # the phones of the session being played, while it uses them (game.ui.phones)
        self._woken = threading.Event()
        self._turn_at = time.monotonic()
        shape_by_script()
        self._make_manager()

    # window and theme -------------------------------------------------------------------
    def _open_window(self, size: tuple[int, int]) -> pygame.Surface:
        pygame.display.set_caption("Dilemmaspel")
        if self.settings.fullscreen:
            try:
                return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            except pygame.error:
                pass
        return pygame.display.set_mode(size, pygame.RESIZABLE)

    @property
    def scale(self) -> float:
        """Pixels per unit of the design canvas, which is 1080 units high and as wide as the screen's aspect
        ratio makes it (1920 at 16:9, 1440 at 4:3, 1350 at 5:4): text follows the screen's height on any shape
        of screen. Only a screen narrower than 5:4 (a window on its side) is fitted to its width."""
        width, height = self.size
        return min(height / CANVAS_HEIGHT, width / NARROWEST_CANVAS)

    def _make_manager(self) -> None:
        self.text_heights: dict[tuple, float] = {}  # measured by pages, valid for this manager's fonts
        theme = build_theme(self.scale, self.settings.text_scale, self.settings.high_contrast)
        self.manager = Manager(self.size, theme, enable_live_theme_updates=False)
        self._preload(FIRST_STYLES)
        self._italics_loaded = False
        self.after_first_frame(self._load_italics)

    def _load_italics(self) -> None:
        if not self._italics_loaded:
            self._italics_loaded = True
            self._preload(LATER_STYLES)

    def _preload(self, styles: tuple[str, ...]) -> None:
        """Open the fonts of these styles at every size the text boxes use, where the theme did not yet (each
        opening reads the typeface's tables: the italic ones wait until the first frame is on screen, unless
        the first scene sets words in italic)."""
        fonts = self.manager.get_theme().get_font_dictionary()
        self.manager.preload_fonts([
            font for font in preloads(self.scale, self.settings.text_scale, styles)
            if not fonts.check_font_preloaded(fonts.create_font_id(
                font["point_size"], font["name"], "bold" in font["style"], "italic" in font["style"]))])

    def resize(self, size: tuple[int, int]) -> None:
        if tuple(size) == tuple(self.size):
            return
        self.size = tuple(size)
        self._make_manager()
        self.rebuild()

    def toggle_fullscreen(self) -> None:
        self.apply_settings(self.settings.changed(fullscreen=not self.settings.fullscreen))

    def apply_settings(self, settings: Settings) -> None:
        """Use and save new settings; the screens follow at once."""
        old, self.settings = self.settings, settings
        save_settings(settings, self.places.settings)
        set_language(settings.lang)
        if old.fullscreen != settings.fullscreen:
            self.screen = self._open_window(self.windowed_size)
            self.size = (0, 0)
            self.resize(self.screen.get_size())
        elif (old.text_size, old.high_contrast) != (settings.text_size, settings.high_contrast):
            self._make_manager()
        self.rebuild()

    @property
    def library(self) -> "Library":
        return self.read_library()

    def read_library(self) -> "Library":
        """The case library, read on first use: the start screen is drawn before it is needed."""
        if self._library is None:
            from game.app import open_library
            self._library = open_library()
        return self._library

    def after_first_frame(self, action: Callable[[], None]) -> None:
        """Run ``action`` once the first frame is on screen (work the first look does not need)."""
        if self.frames_drawn:
            self.later(action)
        else:
            self._after_first_frame.append(action)

    # scenes: a stack ---------------------------------------------------------------------------
    @property
    def scene(self) -> BaseScene | None:
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: BaseScene) -> None:
        """Show ``scene`` over the current one, which comes back as it was when ``scene`` pops."""
        self.scenes.append(scene)
        self._shown()

    def pop(self, count: int = 1) -> None:
        """Back ``count`` scenes, to the one underneath (the first scene stays: there is nothing under it)."""
        count = min(count, len(self.scenes) - 1)
        if count > 0:
            del self.scenes[-count:]
            self._shown()

    def replace(self, scene: BaseScene) -> None:
        """Show ``scene`` in the place of the current one (the next step of the same flow)."""
        if self.scenes:
            self.scenes.pop()
        self.push(scene)

    def home(self, then: BaseScene | None = None) -> None:
        """Back to the first scene (the start screen), and with ``then`` a flow opened on top of it."""
        del self.scenes[1:]
        if then is None:
            self._shown()
        else:
            self.push(then)

    def _shown(self) -> None:
        self.notice = ""
        self._screen = None
        self.rebuild()

    def rebuild(self) -> None:
        """Build the current scene's screen anew (after a change of state, language or size).

        The focus follows the screen, not a position in a list: on a new screen (another scene,
        or another ``screen_key`` of the same scene) it starts on the screen's main action; on
        the same screen built again it stays on the element with the same key, or, when that
        element is gone, goes to the main action.
        """
        index = self.focused_element_index()
        focused = self.page.focusables[index].key if index is not None else None
        typing = index is not None and self._takes_keys(self.page.focusables[index].element)
        if self.page:
            self._page_scene.keep()  # what was typed on the screen going away, even when another scene comes
            self.page.root.kill()
        self.builds += 1
        if self.scene.italics:
            self._load_italics()
        self.page = Page(self)
        self._page_scene = self.scene
        self.scene.build(self.page)
        rows = self.page.footer_rows_wanted()
        if rows:  # measured, then laid out: the content takes the room the footer leaves
            self.page.root.kill()
            self.page = Page(self, footer_rows=rows)
            self.scene.build(self.page)
        self._looks_when_shown()
        screen = (self.scene, self.scene.screen_key())
        if screen == self._screen:
            kept = self.page.index_of(focused)
            self.focus = kept if kept is not None else self.page.main_index()
            element = self.page.focusables[kept].element if kept is not None else None
            if typing and not getattr(element, "is_focused", True):  # built anew while typing: typing goes on
                self._give_keys_to(element)
        else:
            self._screen = screen
            self.focus = self.page.main_index()
            if self.page.focus_shown_first:
                self.show_focus = False
            if self.focus is not None:
                self._give_keys_to(self.page.focusables[self.focus].element)
        self._dirty = True

    def _looks_when_shown(self) -> None:
        """pygame_gui draws every look of a new element (hovered, pressed, ...) ahead, one a frame in the frames
        after the screen is built: some milliseconds each at 4K, just when a card turns or a step slides in. It
        draws a look that is not there yet when it is first shown, so the others are left undrawn."""
        for sprite in self.manager.ui_group.sprites():
            shape = getattr(sprite, "drawable_shape", None)
            if shape is not None:
                shape.states_to_redraw_queue.clear()

    def later(self, action: Callable[[], None]) -> None:
        self._pending.append(action)

    def tell_full(self, notice: str, field) -> None:
        """Say that ``field`` is full (the field is known by its key: the screen may be built anew meanwhile)."""
        self._full_field = self.page.key_of(field), notice
        self.tell(notice)

    def tell(self, notice: str) -> None:
        """Show ``notice`` over the footer (the screen is built anew only when the notice changes)."""
        if notice != self.notice:
            self.notice = notice
            self.rebuild()

    def execute(self, stored: "StoredSession", command: "Command") -> bool:
        """Send a command to the session (logged before it returns); a refusal becomes the notice."""
        from game.engine import CommandRejected
        from game.store.log import SessionFileError
        try:
            stored.execute(command, now=self.now())  # the screen's clock and the log's times are one clock
        except CommandRejected as error:
            self.notice = error.message(self.settings.lang)
            return False
        except SessionFileError as error:
            self.notice = error.message(self.settings.lang)
            return False
        self.notice = ""
        return True

    def turn_card(self, area: pygame.Rect) -> None:
        """Let the next picture turn over in ``area`` like a card (call before it is drawn)."""
        if self._may_move():
            from game.ui.motion import Flip
            self.motion = Flip(self.motion_clock, before=self._picture_on_screen(),
                               area=area.clip(self.screen.get_rect()))

    def slide_in(self) -> None:
        """Let the next picture slide in over the one on screen (call before it is drawn)."""
        if self._may_move():
            from game.ui.motion import Slide
            self.motion = Slide(self.motion_clock, before=self._picture_on_screen())

    def turn_cards(self, areas: list[pygame.Rect], back: str) -> None:
        """Let the cards in ``areas`` of the next picture turn over together from their ``back`` colour."""
        if self._may_move():
            from game.ui.motion import TurnOver
            self.motion = TurnOver(self.motion_clock, cards=tuple(areas), back=back)

    def _may_move(self) -> bool:
        """False when the players asked for less motion: then the new picture is simply there."""
        return not self.settings.reduced_motion

    def _picture_on_screen(self) -> pygame.Surface:
        """What the screen shows now, kept in a surface made once (a 4K copy costs more than a frame)."""
        self._before = _same_as(self._before, self.screen)
        self._before.blit(self.screen, (0, 0))
        return self._before

    @property
    def animating(self) -> bool:
        return self.motion is not None

    def play(self, sound: str) -> None:
        """Play one of the game's sounds (``game.ui.sound.SOUNDS``), if the sound setting is on."""
        self.sounds.play(sound)

    # input ------------------------------------------------------------------------------------
    def focused_element_index(self) -> int | None:
        return self.focus if self.page and self.focus is not None and self.focus < len(self.page.focusables) \
            else None

    def _entry_has_focus(self) -> bool:
        focused = self.manager.get_focus_set() or set()
        return any(isinstance(element, TEXT_ENTRIES) for element in focused)

    def _ring_shown_first(self) -> bool:
        """On a screen where the focus waits unseen, the first key that moves or uses it shows the ring where it
        is (on the first option), and does nothing else."""
        if self.page and self.page.focus_shown_first and not self.show_focus and self.focus is not None:
            self.show_focus = True
            self._dirty = True
            return True
        return False

    def move_focus(self, delta: int) -> None:
        items = self.page.focusables if self.page else []
        if not items or self._ring_shown_first():
            return
        self.show_focus = True
        index = self.focused_element_index()
        self.focus = (0 if delta > 0 else len(items) - 1) if index is None else (index + delta) % len(items)
        self._give_keys_to(items[self.focus].element)

    @staticmethod
    def _takes_keys(element) -> bool:
        return isinstance(element, TEXT_ENTRIES) and element.is_focused

    def _give_keys_to(self, element) -> None:
        """A text entry with the focus takes the keys as typing; any other element leaves them to the app."""
        self.manager.set_focus_set(element if isinstance(element, TEXT_ENTRIES) else None)

    def move_focus_towards(self, dx: int, dy: int) -> None:
        """Arrow keys: to the nearest element on that side (as on a remote control), else the next in line."""
        index = self.focused_element_index()
        if index is None:
            self.move_focus(1)
            return
        if self._ring_shown_first():
            return
        items = self.page.focusables
        here = pygame.Vector2(items[index].element.rect.center)

        def cost(item) -> float | None:
            offset = pygame.Vector2(item.element.rect.center) - here
            ahead = offset.x * dx + offset.y * dy
            return ahead + 3 * abs(offset.x * dy + offset.y * dx) if ahead > 0 else None

        costs = [(cost(item), i) for i, item in enumerate(items) if i != index]
        reachable = [(c, i) for c, i in costs if c is not None]
        if not reachable:
            self.move_focus(dx + dy)
            return
        self.move_focus(min(reachable)[1] - index)

    def activate_focus(self) -> None:
        index = self.focused_element_index()
        if index is None:
            self.move_focus(1)
            return
        item = self.page.focusables[index]
        if item.action:
            self.later(item.action)
        else:
            self.manager.set_focus_set(item.element)

    def _on_key(self, event: pygame.event.Event) -> None:
        key = event.key
        if key == pygame.K_F11:
            self.later(self.toggle_fullscreen)
        elif key == pygame.K_TAB:
            self.move_focus(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif self._entry_has_focus():
            if key == pygame.K_ESCAPE:
                self.manager.set_focus_set(None)
        elif self.scene and self.scene.key(key):
            return  # the scene took it
        elif key in ARROWS:
            self.move_focus_towards(*ARROWS[key])
        elif key in ACTIVATE_KEYS:
            if not self._ring_shown_first():
                self.show_focus = True
                self.activate_focus()
        elif key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self._dirty = self.page.scroll(1 if key == pygame.K_PAGEDOWN else -1)
        elif key == pygame.K_ESCAPE:
            self.later(self.scene.back)
        elif key in NUMBER_KEYS:
            number = NUMBER_KEYS[key]
            self.later(lambda: self.scene.number(number))

    def _focus_at(self, pos: tuple[int, int]) -> None:
        """A tap moves the keyboard focus there too (Tab goes on from it), without drawing the ring."""
        items = self.page.focusables if self.page else []
        hit = [i for i, item in enumerate(items) if item.element.rect.collidepoint(pos)]
        if hit:
            self.focus = hit[-1]
        self.show_focus = False

    def _on_entry_finished(self, event: pygame.event.Event) -> None:
        for item in self.page.focusables if self.page else []:
            if item.element is event.ui_element and item.on_enter:
                handler, text = item.on_enter, event.text
                self.later(lambda: handler(text))

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            if self.scene:
                self.scene.closing()
            self.running = False
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self.later(lambda: self.resize(pygame.display.get_surface().get_size()))
            return
        if event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED):
            self._dirty = True
        self.manager.process_events(event)
        if event.type in (pygame.KEYDOWN, pygame.TEXTINPUT, pygame.KEYUP):
            self.manager.update(0.0)  # one edit per frame keeps entry widgets in step (see ENGINEERING.md)
        if event.type == pygame.KEYDOWN:
            self._on_key(event)
        elif event.type == pygame.MOUSEBUTTONDOWN:
            self._focus_at(event.pos)
        elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self._on_entry_finished(event)
        elif event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            self._room_again(event.ui_element)

    def _room_again(self, field) -> None:
        """A full field's notice goes once a letter is taken out of that field again."""
        limit = getattr(field, "limit", None) or getattr(field, "length_limit", None)
        if self._full_field == (self.page.key_of(field), self.notice) and len(field.get_text()) < limit:
            self._full_field = None
            self.later(lambda: self.tell(""))

    # loop -------------------------------------------------------------------------------------
    def step(self, dt: float = 1 / 60) -> None:
        """One turn of the loop: input, actions, the clock, and a redraw when something changed."""
        events = pygame.event.get()
        if events:
            self._last_input = time.monotonic()
        for event in events:
            self.handle(event)
            if not self.running:
                return
        self.manager.update(dt)
        while self._pending:
            self._pending.pop(0)()
            if not self.running:
                return
        if self.phones and self.phones.turn(self.now()):  # the phones' taps, carried out like the table's own
            self.rebuild()
        if self.scene and self.scene.tick(self.now()):
            self.manager.update(0.0)  # the element it changed (the clock's label) takes its new picture in this turn
        self._draw_if_changed()
        if self.frames_drawn and self._after_first_frame:
            actions, self._after_first_frame = self._after_first_frame, []
            for action in actions:
                action()

    def _draw_if_changed(self) -> None:
        if self._dirty:
            self.draw()
            return
        areas = self._drawn.changes(self._on_screen_now())
        if areas is None:
            self.draw()
        elif areas or self.motion:
            self.draw(areas)

    def _on_screen_now(self) -> Drawn:
        return Drawn([(image, tuple(rect)) for image, rect, *_rest in self.manager.ui_group.visible], self._focus_ring())

    def _focus_ring(self) -> pygame.Rect | None:
        index = self.focused_element_index()
        if not self.show_focus or index is None:
            return None
        return self.page.focusables[index].element.rect.inflate(round(14 * self.scale), round(14 * self.scale))

    def draw(self, areas: list[pygame.Rect] | None = None) -> None:
        """Draw the frame: all of it (a new screen), or only ``areas`` where elements or the focus ring changed,
        and tell the display only those. While a motion plays, the still frame is drawn apart and the motion
        painted from it on screen; when the motion is done, the still frame goes back where it painted."""
        bounds = self.screen.get_rect()
        ended = self.motion if self.motion and self.motion.done else None
        if ended:
            self.motion = None
        if self.motion is not self._moving and not (ended and ended is self._moving):
            areas = None  # a motion starts (or was dropped): the still frame is drawn whole
        areas = None if areas is None else merged(areas, bounds)
        shown = self._still_back(ended.areas(bounds)) if ended and areas is not None else []
        self._moving, self._dirty = self.motion, False
        self._drawn = self._on_screen_now()
        still = self._still_frame()
        for area in [None] if areas is None else areas:
            self._paint(still, area)
        if self.motion:
            shown += self._paint_motion(still, [bounds] if areas is None else areas)
        if areas is None:
            pygame.display.flip()
        else:
            pygame.display.update(merged(areas + shown, bounds))
        self.frames_drawn += 1

    def _still_frame(self) -> pygame.Surface:
        """Where the frame is drawn: on screen, or while a motion plays on a surface apart (made once)."""
        if not self.motion:
            return self.screen
        self._still = _same_as(self._still, self.screen)
        return self._still

    def _paint_motion(self, still: pygame.Surface, changed: list[pygame.Rect]) -> list[pygame.Rect]:
        """The ``changed`` places of the still frame on screen, then this moment of the motion over them; the
        places the motion painted."""
        for area in changed:
            self.screen.blit(still, area, area)
        self.motion.paint(self.screen, still, palette(self.settings.high_contrast).page)
        return self.motion.areas(self.screen.get_rect())

    def _still_back(self, areas: list[pygame.Rect]) -> list[pygame.Rect]:
        """The still frame back where a motion that is done painted last."""
        for area in areas:
            self.screen.blit(self._still, area, area)
        return areas

    def _paint(self, surface: pygame.Surface, area: pygame.Rect | None) -> None:
        """The frame on ``surface`` (or only in ``area``, every pixel as in the whole): the page's colour, its
        decorations, the elements and the focus ring."""
        colours = palette(self.settings.high_contrast)
        surface.set_clip(area)
        surface.fill(colours.page)
        for paint in self.page.decorations if self.page else []:
            paint(surface)
        self.manager.draw_ui(surface)
        ring = self._drawn.ring
        if ring:
            pygame.draw.rect(surface, colours.focus, ring, width=max(3, round(6 * self.scale)),
                             border_radius=round(16 * self.scale))
        surface.set_clip(None)

    def run(self) -> None:
        """The loop: a turn, then the wait until the next one (so the first frame waits for nothing)."""
        seconds = 0.0
        while self.running:
            self.step(seconds)
            seconds = self._rest(self._pace())

    def _rest(self, turns_a_second: int) -> float:
        """Wait until the next turn of the loop is due, or until ``wake`` (a phone's tap) cuts the wait short, so
        a tap shows at once even when the loop turns slowly; the seconds since the last turn."""
        remaining = 1 / turns_a_second - (time.monotonic() - self._turn_at)
        if remaining > 0:
            self._woken.wait(remaining)
        self._woken.clear()
        now = time.monotonic()
        seconds, self._turn_at = now - self._turn_at, now
        return seconds

    def wake(self) -> None:
        """From any thread: turn the loop now (a phone's action waits in the queue)."""
        self._woken.set()

    def _pace(self) -> int:
        """Turns of the loop a second: brisk under the hands, slow when the table talks (the clock
        shows whole seconds, so a quarter of a second is soon enough)."""
        quiet = time.monotonic() - self._last_input
        if self.motion or quiet < BUSY_SECONDS:
            return BUSY_FPS
        return IDLE_FPS if quiet < RESTING_SECONDS or self._entry_has_focus() else RESTING_FPS
