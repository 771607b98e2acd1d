"""Text is shaped by its own script, and measured without being drawn: what the screen shows of names and points
typed in Devanagari, Bengali, Thai, Hebrew or Arabic, and the sizes the layout reckons with."""
from __future__ import annotations

import pygame
import pytest
from hypothesis import given, settings, strategies as st
from pygame_gui.core.gui_font_pygame import GUIFontPygame

from game.ui.assets import font_paths
from game.ui.page import readable
from game.ui.shaping import line_height, script_of, shape_by_script

SAMPLES = {"Deva": "प्रिया कि हिन्दी", "Beng": "প্রিয়াঙ্কা", "Taml": "கிருஷ்ணன்", "Thai": "ที่นี่ สมชาย",
           "Hebr": "שָׁלוֹם", "Arab": "فَاطِمَة"}


@pytest.fixture(scope="module")
def fonts():
    pygame.display.init()
    pygame.display.set_mode((10, 10))
    pygame.font.init()
    shape_by_script()
    return {style: GUIFontPygame(font_paths()[f"{style}_path"], 40) for style in ("regular", "bold")}


def picture(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGBA")


def drawn_with_script(style: str, text: str, script: str | None) -> bytes:
    """``text`` as SDL_ttf draws it with ``script`` set (None: as it was drawn before, with no script set)."""
    font = pygame.font.Font(font_paths()[f"{style}_path"], 40)
    if script:
        font.set_script(script)
    return picture(font.render(text, True, "white").convert_alpha().premul_alpha())


def test_the_script_of_a_text_is_that_of_its_first_letter_needing_rules_of_its_own():
    assert script_of("Anna de Vries") == "Latn"
    assert script_of("👍 1, 2, 3") == "Latn"
    assert script_of("Ik ben प्रिया: toon de keuzes") == "Deva"
    assert script_of("สมชาย en שרה") == "Thai"
    assert {script_of(text) for text in SAMPLES.values()} == set(SAMPLES)


@pytest.mark.parametrize("script", sorted(SAMPLES))
def test_a_name_in_a_script_with_rules_of_its_own_is_drawn_as_that_script_shapes_it(fonts, script):
    """Before, every text was shaped with no script: a Devanagari vowel sign stood after its letter where it goes
    before it, Thai tone marks ran into each other and Hebrew points went missing."""
    text = readable(SAMPLES[script], lines=False)
    for style, font in fonts.items():
        shown = picture(font.render_premul(text, pygame.Color("white")))
        assert shown == drawn_with_script(style, text, script)
    if script in ("Deva", "Beng", "Thai", "Hebr"):  # scripts whose shaping the default got wrong
        assert picture(fonts["regular"].render_premul(text, pygame.Color("white"))) != \
            drawn_with_script("regular", text, None)


def test_latin_text_keeps_its_kerning_after_a_text_in_another_script(fonts):
    font = fonts["regular"]
    before = font.get_rect("AVAWA Tijd fi").size
    font.render_premul(SAMPLES["Thai"], pygame.Color("white"))
    assert font.get_rect("AVAWA Tijd fi").size == before
    assert picture(font.render_premul("AVAWA Tijd", pygame.Color("white"))) == \
        drawn_with_script("regular", "AVAWA Tijd", "Latn")


def test_points_and_vowel_marks_stay_after_their_letter_in_the_order_shown():
    """The visual order reverses a right-to-left word with its marks; SDL_ttf sets a mark on the letter before it."""
    assert readable("שָׁל") == "לשָׁ"                            # shin with its points, then lamed, read from the right
    assert readable("Ik ben שָׁל") == "Ik ben לשָׁ"
    assert readable("بِ") == "\ufe8f\u0650"                       # beh, alone, with its kasra after it


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Anna", "AVAWA", "fi", "Tijd", "😀", "👍🏽", "中文", "한국", "कि", "ที่",
                                 "שָׁלוֹם", "مرحبا", "—", "…", "1.2", " ", "ÉÁgjy"]), min_size=1, max_size=6))
def test_the_size_a_text_is_measured_at_is_the_size_it_is_drawn_at(fonts, words):
    text = readable("".join(words), lines=False)
    for font in fonts.values():
        assert font.get_rect(text).size == font.render_premul(text, pygame.Color("white")).get_size()


@pytest.mark.parametrize("style", ["regular", "bold", "italic", "bold_italic"])
def test_the_height_of_a_line_is_that_of_accented_capitals_and_descenders(style):
    """A label's line height is read from the font, without laying out a text: it is the height these letters take."""
    pygame.font.init()
    for size in range(12, 160, 7):
        font = GUIFontPygame(font_paths()[f"{style}_path"], size)
        assert line_height(font) == font.size("ÉÁgjy")[1] == font.size("Tijd ÇÖ")[1]
