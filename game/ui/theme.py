"""Colours and the pygame_gui theme, generated for the window's size and the settings.

The design is drawn on a canvas 1080 units high; ``scale`` turns units into
pixels. Text sizes are in units too, so body text is 36 px at 1080p (a thirtieth
of the screen's height, readable at 1.5 m) and grows with the screen and with the
player's text size setting. The typeface is our own build of Atkinson Hyperlegible with fallbacks for
other scripts, symbols and emoji merged in (tools/make_fonts.py).
"""
from __future__ import annotations

import math
from typing import NamedTuple

from game.report.palette import CORNER_COLOURS, CORNER_COLOURS_ON_DARK
from game.ui.assets import font_paths

FONT = "dilemmaspel_sans"
BODY, SMALL, HEADING, TITLE, CLOCK = 36, 32, 46, 66, 76


class Palette(NamedTuple):
    """The colours of one look (calm or high contrast); a named tuple, quicker to define at start-up than a
    dataclass of this many fields."""

    page: str
    text: str
    muted: str
    card: str
    card_border: str
    primary: str
    primary_text: str
    primary_hover: str
    button: str
    button_hover: str
    border: str
    selected: str
    selected_text: str
    disabled: str
    disabled_text: str
    focus: str
    alert: str
    alert_text: str
    error: str
    resident: str
    family: str
    team: str
    border_width: int


CALM = Palette(
    page="#F5F2EB", text="#1A1A1A", muted="#3B3B3B", card="#FFFFFF", card_border="#8A8478",
    primary="#0B4A78", primary_text="#FFFFFF", primary_hover="#07385C",
    button="#FFFFFF", button_hover="#E2ECF4", border="#0B4A78",
    selected="#0B4A78", selected_text="#FFFFFF", disabled="#E4E0D8", disabled_text="#454545",
    focus="#C44E00", alert="#E69F00", alert_text="#000000", error="#8A1C1C",
    **CORNER_COLOURS, border_width=3)

HIGH_CONTRAST = Palette(
    page="#000000", text="#FFFFFF", muted="#FFFFFF", card="#000000", card_border="#FFFFFF",
    primary="#FFFF00", primary_text="#000000", primary_hover="#FFFFFF",
    button="#000000", button_hover="#333333", border="#FFFFFF",
    selected="#FFFF00", selected_text="#000000", disabled="#000000", disabled_text="#C8C8C8",
    focus="#00FFFF", alert="#FFFF00", alert_text="#000000", error="#FF9B9B",
    **CORNER_COLOURS_ON_DARK, border_width=4)


def palette(high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else CALM


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two #RRGGBB colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_pairs(p: Palette) -> dict[str, tuple[str, str]]:
    """Every text colour on the background it is drawn on (the contrast test checks each)."""
    return {"page": (p.text, p.page), "muted": (p.muted, p.page), "card": (p.text, p.card),
            "button": (p.text, p.button), "button_hover": (p.text, p.button_hover),
            "primary": (p.primary_text, p.primary), "primary_hover": (p.primary_text, p.primary_hover),
            "selected": (p.selected_text, p.selected), "disabled": (p.disabled_text, p.disabled),
            "alert": (p.alert_text, p.alert), "error": (p.error, p.page)}


def icon_pairs(p: Palette) -> dict[str, tuple[str, str]]:
    """Every icon colour on the background it is drawn on: a step's icon on the page, a role's on its card,
    each corner of the triangle in its own colour on its card (game.ui.pictures)."""
    return {"step": (p.primary, p.page), "role": (p.text, p.card), "resident": (p.resident, p.card),
            "family": (p.family, p.card), "team": (p.team, p.card)}


def font_sizes(scale: float, text_scale: float) -> dict[str, int]:
    return {name: max(12, math.ceil(round(size * scale * text_scale, 2)))  # never under the size asked for
            for name, size in (("body", BODY), ("small", SMALL), ("heading", HEADING), ("title", TITLE),
                               ("clock", CLOCK))}


def _font(size: int, bold: bool = False) -> dict:
    """A font block; every block names the files, so the typeface is known whichever block pygame_gui reads first."""
    return {"name": FONT, "size": str(size), "bold": "1" if bold else "0", **font_paths()}


def _base_colours(p: Palette) -> dict:
    """Every colour key, for the theme's defaults. Elements below name only the colours they change:
    pygame_gui looks the rest up in the element type and then here (a full set for every element made
    the theme three times slower to read at start-up)."""
    return {
        "normal_bg": p.button, "hovered_bg": p.button_hover, "active_bg": p.button_hover,
        "selected_bg": p.selected, "disabled_bg": p.disabled, "dark_bg": p.card,
        "normal_text": p.text, "hovered_text": p.text, "active_text": p.text, "selected_text": p.selected_text,
        "disabled_text": p.disabled_text, "normal_border": p.border, "hovered_border": p.border,
        "active_border": p.border, "selected_border": p.selected, "disabled_border": p.disabled_text,
        "text_cursor": p.text, "link_text": p.text, "link_hover": p.text, "link_selected": p.text,
        "filled_bar": p.primary, "unfilled_bar": p.disabled,
    }


def _misc(scale: float, border: int, padding: tuple[int, int] | None = None) -> dict:
    """Shape and spacing; text boxes get ``padding`` (their text wraps inside it), buttons a side margin.

    Plain rectangles: pygame_gui draws rounded ones about ten times slower (issue #711), and a
    screen is built anew after every tap.
    """
    misc = {"shape": "rectangle", "border_width": str(border), "shadow_width": "0", "text_shadow_size": "0",
            "text_horiz_alignment_padding": "0" if padding else str(round(20 * scale))}
    if padding:
        misc["padding"] = f"{round(padding[0] * scale)},{round(padding[1] * scale)}"
    return misc


def build_theme(scale: float, text_scale: float, high_contrast: bool) -> dict:
    """The whole pygame_gui theme as a dict, for one window size and one set of settings."""
    p = palette(high_contrast)
    size = font_sizes(scale, text_scale)
    border = max(2, round(p.border_width * max(scale, 0.67)))
    transparent = "#00000000"
    text_misc = _misc(scale, 0, padding=(6, 4))
    return {
        "defaults": {"colours": _base_colours(p), "font": _font(size["body"])},
        "button": {"font": _font(size["body"], bold=True), "misc": _misc(scale, border)},
        "@primary": {"colours": dict(normal_bg=p.primary, hovered_bg=p.primary_hover,
                                         active_bg=p.primary_hover, normal_text=p.primary_text,
                                         hovered_text=p.primary_text, active_text=p.primary_text,
                                         normal_border=p.primary, hovered_border=p.focus,
                                         active_border=p.focus)},
        "@toggle": {"font": _font(size["body"])},
        "@stepper": {"font": _font(size["title"], bold=True)},
        "@count": {"font": _font(size["heading"], bold=True), "misc": {"text_horiz_alignment": "center"}},
        "@overlay": {"colours": dict(normal_bg=transparent, hovered_bg=transparent, active_bg=transparent,
                                         selected_bg=transparent, disabled_bg=transparent,
                                         normal_border=transparent, hovered_border=p.primary,
                                         active_border=p.primary, selected_border=transparent,
                                         disabled_border=transparent),
                     "misc": _misc(scale, max(border, round(5 * scale)))},
        "label": {"colours": dict(dark_bg=transparent), "font": _font(size["body"]),
                  "misc": {"text_shadow_size": "0", "text_horiz_alignment": "left"}},
        "@title": {"font": _font(size["title"], bold=True)},
        "@heading": {"font": _font(size["heading"], bold=True)},
        "@muted": {"colours": dict(dark_bg=transparent, normal_text=p.muted), "font": _font(size["small"])},
        "@error": {"colours": dict(dark_bg=transparent, normal_text=p.error),
                   "font": _font(size["small"], bold=True)},
        "@clock": {"font": _font(size["clock"], bold=True), "misc": {"text_horiz_alignment": "center"}},
        "@clock_paused": {"colours": dict(dark_bg=transparent, normal_text=p.muted),
                          "font": _font(size["clock"]), "misc": {"text_horiz_alignment": "center"}},
        "@clock_done": {"colours": dict(dark_bg=p.alert, normal_text=p.alert_text),
                        "font": _font(size["heading"], bold=True), "misc": {"text_horiz_alignment": "center"}},
        "text_box": {"colours": dict(dark_bg=transparent), "font": _font(size["body"]), "misc": text_misc},
        "@muted_text": {"colours": dict(dark_bg=transparent, normal_text=p.muted), "font": _font(size["small"])},
        "@bar": {"colours": dict(dark_bg=transparent, normal_text=p.muted), "font": _font(size["small"]),
                 "misc": {**_misc(scale, 0, padding=(6, 0)), "line_spacing": "1.0"}},  # lines close, as in a title
        "@error_text": {"colours": dict(dark_bg=transparent, normal_text=p.error), "font": _font(size["small"])},
        "@card": {"colours": dict(dark_bg=p.card, normal_border=p.card_border),
                  "misc": {**_misc(scale, max(1, border - 1), padding=(20, 10)), "line_spacing": "1.1"}},
        "@value": {"colours": dict(dark_bg=p.card, normal_border=p.card_border), "font": _font(size["body"]),
                   "misc": {**_misc(scale, max(1, border - 1), padding=(18, 4)), "line_spacing": "1.0",
                            "text_vert_alignment": "center"}},
        "@value_selected": {"colours": dict(dark_bg=p.selected, normal_text=p.selected_text,
                                                normal_border=p.selected), "font": _font(size["body"]),
                            "misc": {**_misc(scale, border, padding=(18, 4)), "line_spacing": "1.0",
                                     "text_vert_alignment": "center"}},
        "@envelope": {"colours": dict(dark_bg=transparent), "font": _font(size["heading"]),
                      "misc": {**_misc(scale, 0, padding=(10, 6)), "text_horiz_alignment": "center",
                               "text_vert_alignment": "center", "line_spacing": "1.0"}},
        "@strong": {"font": _font(size["body"], bold=True)},
        "@cover": {"colours": dict(dark_bg=p.card, normal_border=p.primary),
                   "font": _font(size["heading"]), "misc": _misc(scale, border, padding=(40, 30))},
        "@question": {"font": _font(size["heading"], bold=True)},
        "@rule": {"colours": dict(dark_bg=p.card, normal_border=p.primary),
                  "font": _font(size["heading"], bold=True), "misc": _misc(scale, border, padding=(24, 12))},
        "@card_selected": {"colours": dict(dark_bg=p.selected, normal_text=p.selected_text,
                                               normal_border=p.selected, link_text=p.selected_text),
                           "misc": _misc(scale, border, padding=(20, 10))},
        "@card_muted": {"colours": dict(dark_bg=p.disabled, normal_text=p.disabled_text,
                                            normal_border=p.disabled_text),
                        "misc": _misc(scale, max(1, border - 1), padding=(20, 10))},
        **{f"@corner_{name}": {"colours": dict(dark_bg=p.card, normal_border=colour),
                               "misc": {**_misc(scale, max(border, round(6 * scale)), padding=(22, 12)),
                                        "line_spacing": "1.15"}}
           for name, colour in (("resident", p.resident), ("family", p.family), ("team", p.team))},
        "text_entry_line": {"colours": dict(dark_bg=p.card, selected_bg=p.button_hover,
                                                selected_text=p.text),
                            "font": _font(size["body"]),
                            "misc": {**_misc(scale, border, padding=(14, 6)),
                                     "text_horiz_alignment_padding": str(round(16 * scale))}},
        "text_entry_box": {"colours": dict(dark_bg=p.card, selected_bg=p.button_hover, selected_text=p.text),
                           "font": _font(size["body"]),
                           "misc": {**_misc(scale, border, padding=(20, 10)), "line_spacing": "1.1"}},
        "panel": {"colours": dict(dark_bg=p.page), "misc": _misc(scale, 0)},
        "vertical_scroll_bar": {"colours": dict(dark_bg=p.disabled), "misc": _misc(scale, 1)},
        "vertical_scroll_bar.button": {"misc": _misc(scale, 1)},
    }


FIRST_STYLES = ("regular", "bold")         # what the first screen's text boxes use
LATER_STYLES = ("italic", "bold_italic")   # loaded once the first frame is on screen


def preloads(scale: float, text_scale: float, styles: tuple[str, ...] = FIRST_STYLES + LATER_STYLES) -> list[dict]:
    """The (size, style) pairs the HTML in text boxes uses, loaded before they are needed (no warnings, no
    stutter); ``styles`` picks which of them."""
    size = font_sizes(scale, text_scale)
    return [{"name": FONT, "point_size": size[name], "style": style}
            for name in ("body", "small", "heading") for style in styles]
