"""Text is measured before it is placed: the measured height is the height a shown text box gets."""
from __future__ import annotations

import pygame
import pytest
from pygame_gui.core import ObjectID
from pygame_gui.elements import UITextBox

from game.text import printable
from game.ui.page import PARAGRAPH, MeasuringBox
from game.ui.pictures import icon_tag
from game.ui.theme import build_theme, font_sizes
from tests.ui.harness import Table

TEXTS = (
    "Kort.",
    "Mevrouw De Vries (87) woont sinds een jaar op de afdeling. Haar dochter komt elke dag en wil dat haar moeder "
    "iedere ochtend gedoucht wordt. Mevrouw zegt zelf dat ze dat niet meer hoeft; ze is er moe van.",
    "<b>Wat speelt er?</b><br><br>Een zin met <i>nadruk</i>, een heel lang woord: "
    "Wilsonbekwaamheidsverklaringsprocedure, en emoji 😀🙂 die uit het vervangende lettertype komen.",
    "Regel één<br>Regel twee<br><br>Na een witregel: de familie, het team en de bewoner.",
)


def text_box_styles(scale: float) -> list[str]:
    """Every style of the theme, but those of the title and the clock (labels only, too large for a text box)."""
    sizes = font_sizes(scale, 1.0)
    labels_only = {str(sizes["title"]), str(sizes["clock"])}
    return ["text_box"] + [name for name, block in build_theme(scale, 1.0, False).items()
                           if name.startswith("@") and block.get("font", {}).get("size") not in labels_only]


@pytest.mark.parametrize("size", [(1280, 720), (3840, 2160)])
def test_a_measured_text_is_exactly_as_high_as_the_text_box_that_shows_it(tmp_path, library, size):
    app = Table(tmp_path, library, size=size).app
    icons = icon_tag(app, "messages", "#0B4A78") + "<b>1.</b> Trek een rol. " + icon_tag(app, "pencil", "#0B4A78")
    compared = 0
    for style in text_box_styles(app.scale):
        for text in (*TEXTS, icons + TEXTS[1], PARAGRAPH.join(TEXTS)):
            for width in (260, 520, 1100):
                shown, measured = (kind(printable(text), pygame.Rect(0, 0, round(width * app.scale), -1), app.manager,
                                        object_id=ObjectID(class_id=style)) for kind in (UITextBox, MeasuringBox))
                assert measured.rect.height == shown.rect.height, (style, width, text[:30])
                shown.kill()
                measured.kill()
                compared += 1
    assert compared > 300


def test_a_measuring_box_draws_nothing(tmp_path, library):
    app = Table(tmp_path, library).app
    measured = MeasuringBox(TEXTS[1], pygame.Rect(0, 0, 400, -1), app.manager, object_id=ObjectID(class_id="@card"))
    assert measured.drawable_shape is None
    assert measured.image is None or not pygame.mask.from_surface(measured.image).count()
