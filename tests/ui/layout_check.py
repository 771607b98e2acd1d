"""What a person at the table would call a broken screen: text cut off (or shortened with "…"), elements on top
of each other, or something outside the screen. Used by the screen walks at every size."""
from __future__ import annotations

from itertools import combinations

import pygame
from pygame_gui.elements import UIButton, UILabel, UITextBox, UITextEntryBox, UITextEntryLine

READ = (UIButton, UILabel, UITextBox, UITextEntryLine, UITextEntryBox)  # a text box's own scroll bar is not one


def _name(element) -> str:
    text = getattr(element, "html_text", None) or getattr(element, "text", "") or ""
    return f"{type(element).__name__}({text[:50]!r})"


def _cut_off(element) -> bool:
    """A text box that needs a scroll bar, or a one-line text wider or taller than its element."""
    if isinstance(element, UITextBox):
        return element.scroll_bar is not None
    if isinstance(element, (UILabel, UIButton)) and element.text and element.font is not None:
        width, height = element.font.size(element.text)
        return width > element.rect.width or height > element.rect.height
    return False


def _shortened(element) -> bool:
    """A one-line text cut short to fit its place: the words after "…" are lost to the reader."""
    return isinstance(element, (UILabel, UIButton)) and (element.text or "").rstrip().endswith("…")


def problems(app) -> list[str]:
    """Every way the current screen fails a reader: empty when it reads whole."""
    window = pygame.Rect((0, 0), app.size)
    elements = [e for e in app.page.root.elements if e.visible and isinstance(e, READ)]
    found = [f"{_name(e)} at {tuple(e.rect)} leaves the screen {window.size}"
             for e in elements if not window.contains(e.rect)]
    found += [f"{_name(e)} is cut off at {tuple(e.rect)}" for e in elements if _cut_off(e)]
    found += [f"{_name(e)} is shortened with '…' at {tuple(e.rect)}" for e in elements if _shortened(e)]
    solid = [e for e in elements if not (isinstance(e, UIButton) and e.text == "")]  # a card's overlay lies on it
    found += [f"{_name(a)} at {tuple(a.rect)} overlaps {_name(b)} at {tuple(b.rect)}"
              for a, b in combinations(solid, 2) if a.rect.colliderect(b.rect)]
    return found
