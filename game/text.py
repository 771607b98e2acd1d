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

# C0 (but tab and line feed), DEL and C1; and lone surrogates, which can't be written as UTF-8 (a table for
# str.translate, made in a tenth of the time a pattern over the surrogates' range takes to compile at start-up)
_CONTROL = dict.fromkeys([*range(0x00, 0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0), *range(0xd800, 0xe000)])
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")


def printable(text: str, lines: bool = True) -> str:
    """``text`` without control characters; line breaks become newlines, or spaces when ``lines`` is False."""
    text = _LINE_BREAKS.sub("\n", str(text))
    if not lines:
        text = text.replace("\n", " ").replace("\t", " ")
    return text.translate(_CONTROL)


def capitalised(text: str) -> str:
    """``text`` with a capital first letter, as it heads a line or a card (a case file writes its theme as it
    runs in a sentence, and authors differ in whether it starts with a capital)."""
    return text[:1].upper() + text[1:]
