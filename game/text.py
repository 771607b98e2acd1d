"""Text that players type, and text read back from older logs, without control characters.

A name or a discussion point can carry ESC, BEL, NUL and other control characters (pasted
from elsewhere, or written into a file by hand). They would ring the terminal, recolour or
clear it, end a string early in a widget, or break the markup of an export. The engine strips
them from every command, and each output strips them again, because older files may hold them.
The module sits below the layers, so that the engine, the report, the commands and the screens
(also the first one, which loads no engine) can all use it.
"""
from __future__ import annotations

import re

# C0 (but tab and line feed), DEL and C1; and lone surrogates, which can't be written as UTF-8
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")


def printable(text: str, lines: bool = True) -> str:
    """``text`` without control characters; line breaks become newlines, or spaces when ``lines`` is False."""
    text = _LINE_BREAKS.sub("\n", str(text))
    if not lines:
        text = text.replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub("", text)


def capitalised(text: str) -> str:
    """``text`` with a capital first letter, as it heads a line or a card (a case file writes its theme as it
    runs in a sentence, and authors differ in whether it starts with a capital)."""
    return text[:1].upper() + text[1:]
