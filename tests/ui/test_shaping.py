"""Text is shaped by its own script, and measured without being drawn: what the screen shows of names and points
typed in Devanagari, Bengali, Thai, Hebrew or Arabic, and the sizes the layout reckons with."""
from __future__ import annotations

import pygame
import pytest
from hypothesis import given, settings, strategies as st
from pygame_gui.core.gui_font_pygame import GUIFontPygame

from game.ui.assets import font_paths
from game.ui.page import readable
from game.ui.shaping import line_height, script_runs, shape_by_script

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


def test_a_text_is_cut_where_its_script_changes():
    assert script_runs("Anna de Vries") == [("Latn", "Anna de Vries")]
    assert script_runs("👍 1, 2, 3") == [("Latn", "👍 1, 2, 3")]
    assert script_runs("Ik ben प्रिया: toon de keuzes") == [("Latn", "Ik ben "), ("Deva", "प्रिया: "),
                                                             ("Latn", "toon de keuzes")]
    assert script_runs("สมชาย, שרה") == [("Thai", "สมชาย, "), ("Hebr", "שרה")]
    assert script_runs("(प्रि\u200dया)") == [("Latn", "("), ("Deva", "प्रि\u200dया)")]  # a joiner stays in its run
    assert {script_runs(text)[0][0] for text in SAMPLES.values()} == set(SAMPLES)


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


def test_hebrew_points_stay_after_their_letter_in_the_order_shown():
    """The visual order reverses a right-to-left word with its points; SDL_ttf sets a mark on the letter before it."""
    assert readable("שָׁל") == "לשָׁ"                            # shin with its points, then lamed, read from the right
    assert readable("Ik ben שָׁל") == "Ik ben לשָׁ"
    assert readable("بِ") == "\ufe8f"      # beh, alone: Arabic vowel marks are left out (the joined forms hold none)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Anna", "AVAWA", "fi", "Tijd", "😀", "👍🏽", "中文", "한국", "कि", "ที่", "প্রি",
                                 "שָׁלוֹם", "مرحبا", "—", "…", "1.2", " ", "ÉÁgjy", "\u200d"]), min_size=1, max_size=6))
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


def test_a_line_of_names_in_several_scripts_draws_each_name_as_its_script_shapes_it(fonts):
    """The resume offer and the summary list every player on one line: each name is shaped by its own script, all
    on one baseline (the Thai name's stacked marks reach above the line and move its picture down)."""
    names = [readable(SAMPLES[script], lines=False) for script in ("Beng", "Deva", "Thai", "Hebr")]
    line = "Anna, " + ", ".join(names)
    shown = fonts["regular"].render_premul(line, pygame.Color("white"))
    font = pygame.font.Font(font_paths()["regular_path"], 40)
    x, above = 0, shown.get_height() - font.get_height()       # only the Thai marks reach above or below the line
    for script, piece in script_runs(line):
        alone = drawn_with_script("regular", piece, script)
        font.set_script(script)
        width, height = font.size(piece)
        top = 0 if height > font.get_height() else above          # Thai's picture is the tallest: it starts at 0
        assert picture(shown.subsurface((x, top, width, height))) == alone, script
        x += width
    assert above > 0 and x == shown.get_width() and fonts["regular"].get_rect(line).size == shown.get_size()
