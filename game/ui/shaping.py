"""How pygame_gui's fonts measure and shape text, set once for the whole screen.

Shaping by script. SDL_ttf shapes a text with the one script its font is set to, and none is set
unless asked: HarfBuzz then applies only the rules all scripts share. A Devanagari vowel sign that
is written before its letter stood after it, Thai tone marks ran into each other and Hebrew points
went missing. So a text is cut where its script changes, and each run is measured and drawn with its
font set to its script: the scripts that need rules of their own (Arabic, Hebrew, the Indic scripts,
Thai), and Latin for every other letter. A player's name in a Dutch sentence, or a list of names in
several scripts, is then shaped run by run, each drawn beside the one before it.

Measuring without drawing, once. pygame_gui learns a text's size by drawing it (for the kerning,
its comment says); SDL_ttf's ``size()`` lays the text out with the same code, kerning included, and
draws nothing. A test holds the two equal. Each font remembers the sizes it measured: a screen
measures the same words when it measures a text, when it shows it and when it is built again.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import pygame
from pygame_gui.core.gui_font_pygame import GUIFontPygame

SHAPED_SCRIPTS = {  # ISO 15924 code: the letters of the script whose shaping rules SDL_ttf must be told of
    "Arab": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
    "Hebr": "\u0590-\u05ff\ufb1d-\ufb4f",
    "Deva": "\u0900-\u097f\ua8e0-\ua8ff",
    "Beng": "\u0980-\u09ff",
    "Taml": "\u0b80-\u0bff",
    "Thai": "\u0e00-\u0e7f",
}
FIRST_SHAPED = "|".join(f"(?P<{code}>[{letters}])" for code, letters in SHAPED_SCRIPTS.items())
LOWEST_SHAPED = min(letters[0] for letters in SHAPED_SCRIPTS.values())
DEFAULT_SCRIPT = "Latn"
TALLEST = "\u23b7"  # the radical's foot: stands on the baseline and reaches half an em above the line, far higher
                   # than stacked marks do (and, one glyph, it is shaped the same in every script)
SIZES_KEPT = 4096  # texts whose size a font remembers: a screen measures each word as it lays a text out, and
                   # measures a text again to show it and when it is built anew


@lru_cache(maxsize=1024)
def _letter_script(char: str) -> str | None:
    """The script a letter starts a run of; None for what goes with the letters before it (spaces, digits,
    punctuation, marks, joiners, emoji). The pattern is compiled when such a letter is first met."""
    found = re.match(FIRST_SHAPED, char)
    if found:
        return found.lastgroup
    return DEFAULT_SCRIPT if char.isalpha() else None


def script_runs(text: str) -> list[tuple[str, str]]:
    """``text`` cut where its script changes, as (script, piece) in reading order: a name in Devanagari in a
    Dutch sentence is shaped as Devanagari, the words around it as Latin."""
    if max(text, default="") < LOWEST_SHAPED:
        return [(DEFAULT_SCRIPT, text)]
    runs: list[list[str]] = []
    for char in text:
        script = _letter_script(char)
        if runs and script in (None, runs[-1][0]):
            runs[-1][1] += char
        elif script is None:
            runs.append([DEFAULT_SCRIPT, char])
        else:
            runs.append([script, char])
    return [(script, piece) for script, piece in runs]


def _set_to(gui_font: GUIFontPygame, script: str) -> pygame.font.Font:
    """The pygame font behind ``gui_font``, set to shape ``script``."""
    font = gui_font._GUIFontPygame__internal_font
    if getattr(gui_font, "_script", None) != script:
        font.set_script(script)
        gui_font._script = script
    return font


class Run(NamedTuple):
    """A run of one script as SDL_ttf lays it out: its width, its height, and how far its letters reach above
    the font's line (stacked Thai marks do), which moves its baseline down in the picture SDL_ttf draws."""
    script: str
    text: str
    width: int
    height: int
    above: int


def _runs(gui_font: GUIFontPygame, pieces: list[tuple[str, str]]) -> list[Run]:
    runs = []
    for script, piece in pieces:
        font = _set_to(gui_font, script)
        width, height = font.size(piece)
        runs.append(Run(script, piece, width, height, _above_line(font, piece, height)))
    return runs


def _above_line(font: pygame.font.Font, piece: str, height: int) -> int:
    """How many pixels ``piece`` reaches above the font's line. SDL_ttf only says how tall a text is, so the
    piece is measured again with a letter after it that reaches higher than any other (its top is known): the
    height grows by what that letter reaches above the piece."""
    line = font.get_height()
    if height == line:
        return 0
    probe_above = font.size(TALLEST)[1] - line
    return max(0, probe_above - (font.size(piece + TALLEST)[1] - height))


def _size(runs: list[Run], line: int) -> tuple[int, int]:
    above = max(run.above for run in runs)
    below = max(run.height - line - run.above for run in runs)
    return sum(run.width for run in runs), line + above + max(0, below)


def _get_rect(self: GUIFontPygame, text: str) -> pygame.Rect:
    if text == "":
        return pygame.Rect(0, 0, 0, 0)
    sizes = self.__dict__.setdefault("_sizes", {})
    if text not in sizes:
        if len(sizes) >= SIZES_KEPT:
            sizes.clear()
        pieces, font = script_runs(text), self._GUIFontPygame__internal_font
        size = _set_to(self, pieces[0][0]).size(text) if len(pieces) == 1 else \
            _size(_runs(self, pieces), font.get_height())
        sizes[text] = (0, font.get_ascent()), size
    return pygame.Rect(*sizes[text])


def _drawn(font: pygame.font.Font, text: str, antialiased: bool, colour) -> pygame.Surface:
    """``text`` as SDL_ttf draws it; nothing, a line high, for a text with nothing to draw (a joiner alone, which
    SDL_ttf refuses to draw and which would otherwise stop the game)."""
    try:
        return font.render(text, antialiased, colour)
    except pygame.error:
        return pygame.Surface((0, font.get_height()), pygame.SRCALPHA)


def _joined(self: GUIFontPygame, text: str, colour) -> pygame.Surface:
    """``text`` drawn run by run, side by side on one baseline, each run shaped by its own script, with
    premultiplied alpha as pygame_gui draws text (the runs never overlap, so each is copied in as drawn)."""
    pieces = script_runs(text)
    if len(pieces) == 1:  # most text: as pygame_gui draws it
        drawn = _drawn(_set_to(self, pieces[0][0]), text, self.antialiased, colour).convert_alpha()
        return drawn.premul_alpha() if drawn.get_width() else drawn
    runs = _runs(self, pieces)
    line = self._GUIFontPygame__internal_font.get_height()
    surface = pygame.Surface(_size(runs, line), pygame.SRCALPHA)
    above, x = max(run.above for run in runs), 0
    for run in runs:
        drawn = _drawn(_set_to(self, run.script), run.text, self.antialiased, colour)
        surface.blit(drawn.convert_alpha(), (x, above - run.above), special_flags=pygame.BLEND_RGBA_MAX)
        x += run.width
    return surface.premul_alpha()


def _shaped_render_premul(self: GUIFontPygame, text: str, text_color) -> pygame.Surface:
    return _joined(self, text, text_color)


def _shaped_render_premul_to(self: GUIFontPygame, text: str, text_colour, surf_size, surf_position) -> pygame.Surface:
    """As pygame_gui draws a chunk: on a surface of ``surf_size``, the line's top ``surf_position`` less the
    font's ascent."""
    surface = pygame.Surface(surf_size, depth=32, flags=pygame.SRCALPHA)
    surface.fill((0, 0, 0, 0))
    ascent = self._GUIFontPygame__internal_font.get_ascent()
    surface.blit(_joined(self, text, text_colour), (surf_position[0], surf_position[1] - ascent),
                 special_flags=pygame.BLEND_PREMULTIPLIED)
    return surface


def line_height(gui_font: GUIFontPygame) -> int:
    """The height in pixels SDL_ttf gives a line in ``gui_font``, accents and descenders included (a test holds
    it to the height of 'ÉÁgjy'), read without shaping or loading a letter: at start-up the header's fonts are
    measured on screens that draw nothing in them."""
    return gui_font._GUIFontPygame__internal_font.get_height()


def shape_by_script() -> None:
    """Let every pygame_gui font shape a text by its script and measure it without drawing it."""
    GUIFontPygame.get_rect = _get_rect
    GUIFontPygame.render_premul = _shaped_render_premul
    GUIFontPygame.render_premul_to = _shaped_render_premul_to
