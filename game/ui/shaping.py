"""How pygame_gui's fonts measure and shape text, set once for the whole screen.

Shaping by script. SDL_ttf shapes a text with the one script its font is set to, and none is set
unless asked: HarfBuzz then applies only the rules all scripts share. A Devanagari vowel sign that
is written before its letter stood after it, Thai tone marks ran into each other and Hebrew points
went missing. So before a text is measured or drawn, its font is set to the script of the text's
first letter that needs rules of its own (Arabic, Hebrew, the Indic scripts, Thai); other text is
shaped as Latin. A line that mixes such a script with Latin (a player's name in a Dutch sentence) is
shaped by the other script's rules throughout: the Latin letters lose only their kerning.

Measuring without drawing, once. pygame_gui learns a text's size by drawing it (for the kerning,
its comment says); SDL_ttf's ``size()`` lays the text out with the same code, kerning included, and
draws nothing. A test holds the two equal. Each font remembers the sizes it measured: a screen
measures the same words when it measures a text, when it shows it and when it is built again.
"""
from __future__ import annotations

import re

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
SIZES_KEPT = 4096  # texts whose size a font remembers: a screen measures each word as it lays a text out, and
                   # measures a text again to show it and when it is built anew


def script_of(text: str) -> str:
    """The script ``text`` is shaped by: that of its first letter in a script with rules of its own, else Latin
    (the pattern is compiled when such a letter is first met: most texts have none)."""
    found = max(text, default="") >= LOWEST_SHAPED and re.search(FIRST_SHAPED, text)
    return found.lastgroup if found else DEFAULT_SCRIPT


def _font(gui_font: GUIFontPygame, text: str) -> pygame.font.Font:
    """The pygame font behind ``gui_font``, set to the script of ``text``."""
    font = gui_font._GUIFontPygame__internal_font
    script = script_of(text)
    if getattr(gui_font, "_script", None) != script:
        font.set_script(script)
        gui_font._script = script
    return font


_render_premul = GUIFontPygame.render_premul
_render_premul_to = GUIFontPygame.render_premul_to


def _get_rect(self: GUIFontPygame, text: str) -> pygame.Rect:
    if text == "":
        return pygame.Rect(0, 0, 0, 0)
    sizes = self.__dict__.setdefault("_sizes", {})
    if text not in sizes:
        if len(sizes) >= SIZES_KEPT:
            sizes.clear()
        font = _font(self, text)
        sizes[text] = (0, font.get_ascent()), font.size(text)
    return pygame.Rect(*sizes[text])


def _shaped_render_premul(self: GUIFontPygame, text: str, text_color) -> pygame.Surface:
    _font(self, text)
    return _render_premul(self, text, text_color)


def _shaped_render_premul_to(self: GUIFontPygame, text: str, text_colour, surf_size, surf_position) -> pygame.Surface:
    _font(self, text)
    return _render_premul_to(self, text, text_colour, surf_size, surf_position)


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
