"""Icons and illustrations on the screens: drawn from SVG at the size the screen needs, in the theme's colours.

The icons are Tabler Icons (outline, drawn in ``currentColor``): one for every role by its id, for
the three corners of the collaboration triangle and for the steps of a round. Pictures reach the
screen two ways: ``place`` puts one on the page as an element of its own; ``inline`` gives an
``<img>`` tag for a text box, so the text flows around it (pygame_gui reads such an image from a
file, so the drawn picture is written once to a private folder that goes when the game closes).
"""
from __future__ import annotations

import atexit
import io
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIImage

from game.ui.assets import icon_path, illustration_path
from game.ui.theme import font_sizes, palette

ROLE_ICONS = {
    "bewoner": "old", "medebewoner": "armchair", "partner": "heart", "kind": "user-heart", "familielid": "users",
    "mentor": "scale", "evv": "clipboard-heart", "zorgmedewerker": "nurse", "wijkverpleegkundige": "home-heart",
    "teamleider": "users-group", "specialist-ouderengeneeskunde": "stethoscope", "logopedist": "message-circle",
    "coordinator-informele-zorg": "friends", "vrijwilliger": "heart-handshake", "geestelijk-verzorger": "candle",
}
ROLE_ICON_OTHERWISE = "user-circle"  # a role from a trainer's own deck
CORNER_ICONS = {"resident": "old", "family": "users", "team": "nurse"}
STEP_ICONS = {"draw": "mail-opened", "share": "messages", "choose": "hand-finger", "vote": "hand-finger",
              "explore": "route", "reconsider": "arrows-exchange", "record": "pencil", "ending": "book",
              "plenary": "presentation"}
SCREEN_ICONS = {"setup": "users-group", "library": "library", "settings": "settings", "solo": "school",
                "summary": "clipboard-list", "resume": "history", "phones": "device-mobile", "plenary": "presentation"}
PICTURE_SHARE = 0.3  # of the width, for a case's illustration beside its text
GAP = 30  # units between a picture and its text


def role_icon(role: str) -> str:
    return ROLE_ICONS.get(role, ROLE_ICON_OTHERWISE)


ICON_GRID = 24        # the icons are drawn on a grid of 24, with lines 2 wide
LEAST_LINE_PX = 3     # a line of an icon is at least this many pixels wide, to be seen across a table


@lru_cache(maxsize=256)
def icon(name: str, size: int, colour: str) -> pygame.Surface:
    """The icon ``name`` as a square of ``size`` pixels, its lines in ``colour`` (#RRGGBB); at small sizes its
    lines are drawn wider than the set's 2 of 24 (up to 3), so they do not thin out to a hairline."""
    stroke = min(3.0, max(2.0, LEAST_LINE_PX * ICON_GRID / max(1, size)))
    svg = icon_path(name).read_text(encoding="utf-8").replace("currentColor", colour)
    svg = svg.replace('stroke-width="2"', f'stroke-width="{stroke:.2f}"')
    return pygame.image.load_sized_svg(io.BytesIO(svg.encode("utf-8")), (size, size))


def illustration(path: Path, width: int, height: int) -> pygame.Surface:
    """An SVG, PNG or JPEG drawn as large as fits in ``width`` x ``height`` pixels, its proportions kept (drawn
    again when the file changed: a preview shows an author's new picture)."""
    return _drawn(path, path.stat().st_mtime_ns, width, height)


@lru_cache(maxsize=64)
def _drawn(path: Path, _changed: int, width: int, height: int) -> pygame.Surface:
    if path.suffix.lower() == ".svg":
        return pygame.image.load_sized_svg(path, (width, height))  # rasterised at that size, never larger
    picture = pygame.image.load(path)
    factor = min(width / picture.get_width(), height / picture.get_height())
    return pygame.transform.smoothscale(picture, (max(1, round(picture.get_width() * factor)),
                                                  max(1, round(picture.get_height() * factor))))


def place(page, picture: pygame.Surface, x: float, y: float, w: float, h: float) -> UIImage:
    """``picture`` at the top of the box ``x, y, w, h`` (units) of ``page``, centred across it, as an element."""
    box = page.rect(x, y, w, h)
    rect = pygame.Rect((0, 0), picture.get_size())
    rect.midtop = box.midtop
    return UIImage(rect, picture, page.manager, container=page.root, object_id=ObjectID(class_id="@picture"))


def case_image(library, scenario, ref: str | None = None) -> Path | None:
    """The file of the image a case names (``ref``: a decision's own image instead of the case's), or None.

    The loader checked it when the case was read; it is looked for next to the case's file."""
    ref = scenario.image if ref is None else ref
    loaded = library.case(scenario.id, scenario.lang)
    return loaded.path.parent / ref if ref and loaded else None


def picture_tag(app, path: Path | None, width: float, height: float) -> str:
    """The picture at ``path`` for a text box's markup, at most ``width`` x ``height`` units, at the right of the
    text ('' without a picture, or when the file cannot be drawn any more)."""
    picture = _if_drawable(path, round(width * app.scale), round(height * app.scale))
    if picture is None:
        return ""
    key = ("picture", path, path.stat().st_mtime_ns, *picture.get_size())
    return inline(key, picture, side="right", gap=round(GAP * app.scale))


def _if_drawable(path: Path | None, width: int, height: int) -> pygame.Surface | None:
    """The picture at ``path`` fitted into ``width`` x ``height`` pixels; None without a path, or when the file
    went missing or broke after the loader checked it (the screen then shows the text alone)."""
    if path is None:
        return None
    try:
        return illustration(path, width, height)
    except (pygame.error, OSError):
        return None


def start_illustration(page, x: float, y: float, w: float, h: float) -> None:
    """The start screen's picture: a team around a standing table."""
    place(page, illustration(illustration_path("start"), round(w * page.scale), round(h * page.scale)), x, y, w, h)


def header_icon(page, name: str, x: float, y: float, size: float) -> float:
    """The icon ``name`` in the primary colour at the left of a screen's title, ``size`` units square; the
    width it takes, with the gap after it."""
    place(page, icon(name, round(size * page.scale), colours(page).primary), x, y, size, size)
    return size + GAP


def icon_tag(app, name: str, colour: str, lines: float = 1.0) -> str:
    """The icon ``name`` for a text box's markup, as tall as ``lines`` lines of body text, at the left of the
    text that follows it."""
    body = font_sizes(app.scale, app.settings.text_scale)["body"]
    size = round(body * 1.25 * lines)
    return inline(("icon", name, size, colour), icon(name, size, colour), gap=round(body * 0.5))


def colours(page):
    """The palette of the page's settings (normal or high contrast)."""
    return palette(page.app.settings.high_contrast)


def inline(picture_key: tuple, picture: pygame.Surface, side: str = "left", gap: int = 0) -> str:
    """An ``<img>`` tag for a text box's markup that shows ``picture`` floating at ``side``, ``gap`` pixels from
    the text; ``picture_key`` names the picture (the same key, the same file)."""
    path = _written(picture_key, picture)
    padding = f"0 {gap} 0 0" if side == "left" else f"0 0 0 {gap}"
    return f'<img src="{path}" float={side} padding="{padding}">'


_folder: list[Path] = []
_files: dict[tuple, Path] = {}


def _written(key: tuple, picture: pygame.Surface) -> Path:
    """The file that holds ``picture``, written the first time its key is asked for: a TGA, which keeps the
    transparency and is written ten times faster than a PNG (the start screen's icons are written before its
    first frame)."""
    if key not in _files:
        if not _folder:
            _folder.append(Path(tempfile.mkdtemp(prefix="dilemmaspel-")))
            atexit.register(shutil.rmtree, _folder[0], True)
        path = _folder[0] / f"{len(_files)}.tga"
        pygame.image.save(picture, path)
        _files[key] = path
    return _files[key]
