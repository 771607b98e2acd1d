"""Problems shown with the line of the file they are about, and a caret under the spot.

    mijn-casus.yaml:12:5: UNKNOWN_KEY onbekende sleutel 'titel' in decisions > begin
       11 |   begin:
       12 |     titel: Het verzoek
          |     ^^^^^
        tip: Bedoel je 'title'?

The first line and the hint are exactly those of ``Problem.format``; the snippet sits between them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path

from game.scenario.problems import Problem
from game.scenario.yamlsource import MAX_FILE_BYTES, read_limited

MAX_SHOWN = 100  # characters of a line; a longer line is shown around the spot
_BEFORE_SPOT = 40
_TOKEN = re.compile(r"[^\s:,\[\]{}]+")
_INDENT = "    "


@dataclass(frozen=True)
class ProblemWithSnippet(Problem):
    """A problem that prints the lines it is about between its message and its hint."""

    snippet: str = field(default="", compare=False)

    def format(self, lang: str | None = None) -> str:
        message, hint = super().format(lang).split("\n", 1)
        return "\n".join(part for part in (message, self.snippet, hint) if part)


def with_snippets(problems: list[Problem]) -> list[Problem]:
    """The same problems, each with the lines of its file that it points at (when they can be shown)."""
    read = lru_cache(maxsize=None)(file_lines)
    return [ProblemWithSnippet(**{f.name: getattr(p, f.name) for f in fields(Problem)},
                               snippet=snippet(read(p.path), p.line, p.col)) for p in problems]


def file_lines(path: str) -> tuple[str, ...]:
    """The lines of a text file; none for a file that cannot be shown (missing, binary or too large)."""
    try:
        raw = read_limited(Path(path))
    except OSError:  # also a pipe or a device: never waited on, never read without end
        return ()
    if len(raw) > MAX_FILE_BYTES or b"\x00" in raw:
        return ()
    return tuple(raw.decode("utf-8", errors="replace").splitlines())


def snippet(lines: tuple[str, ...], line: int, col: int) -> str:
    """The problem's line and the one before it, numbered, with ^ under the spot ('' if there is no such line)."""
    if not 1 <= line <= len(lines) or not lines[line - 1].strip():
        return ""
    width = len(str(line))
    shown = [f"{_INDENT}{number:>{width}} | {_visible(lines[number - 1], col)[0]}"
             for number in range(max(1, line - 1), line + 1)]
    text, spot = _visible(lines[line - 1], col)
    caret = "^" * _token_length(lines[line - 1], col)
    shown.append(f"{_INDENT}{' ' * width} | {' ' * spot}{caret}")
    return "\n".join(shown)


def _visible(text: str, col: int) -> tuple[str, int]:
    """A line as shown (tabs made visible, a long line cut around the spot) and where the spot is in it."""
    text = text.replace("\t", "→")
    spot = min(col - 1, len(text))
    if len(text) <= MAX_SHOWN:
        return text, spot
    start = max(0, min(spot - _BEFORE_SPOT, len(text) - MAX_SHOWN))
    cut = text[start:start + MAX_SHOWN]
    prefix, suffix = ("…" if start else ""), ("…" if start + MAX_SHOWN < len(text) else "")
    return prefix + cut + suffix, spot - start + len(prefix)


def _token_length(text: str, col: int) -> int:
    """How many carets: the word or key that starts at the spot, at least one."""
    found = _TOKEN.match(text, col - 1)
    return min(len(found.group()), MAX_SHOWN) if found else 1
