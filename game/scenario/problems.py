"""Problems found in a scenario or deck file, and how they are told to an author.

Every problem has a place (file, line, column), a code from ``CODES`` and the
parameters of its message. The message and the hint are looked up in the
translation catalogs (``error.CODE`` and ``hint.CODE``), so the same problem reads
in Dutch or English.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.i18n import _

CODES = (
    "FILE_UNREADABLE",
    "FILE_TOO_LARGE",
    "FILE_ENCODING",
    "FILE_EMPTY",
    "YAML_SYNTAX",
    "YAML_TOO_COMPLEX",
    "WRONG_TYPE",
    "MISSING_FIELD",
    "UNKNOWN_KEY",
    "INVALID_VALUE",
    "DUPLICATE_ID",
    "UNKNOWN_NODE",
    "UNKNOWN_ROLE",
    "UNKNOWN_VALUE",
    "UNKNOWN_OPTION",
    "OPTION_COUNT",
    "REFLECTION_COUNT",
    "OPTION_NO_NEXT",
    "NO_FREE_OPTION",
    "UNREACHABLE_NODE",
    "NO_ENDING",
    "TRANSLATION_MISMATCH",
    "ASSET_PATH",
    "FILE_NAME_ID",
    "CORE_OPTIONS",
    "TEXT_STARTS_WITH_QUOTE",
    "TEXT_CUT_BY_HASH",
    "TEXT_NEEDS_QUOTES",
    "IMAGE_BROKEN",
    "IMAGE_TOO_LARGE",
)
# Quality findings of `dilemmaspel lint`: the file is valid, the dilemma can be better.
LINT_CODES = (
    "FEW_ROLES",
    "FEW_ENDINGS",
    "SHORT_PATH",
    "NO_VALUES_NAMED",
    "MARKED_RIGHT",
    "NO_FACTS",
    "NO_CONTENT_NOTE",
    "HARD_TO_READ",
    "LONG_SENTENCE",
    "PLACEHOLDER",
    "SHORT_BRIEF",
    "JUDGING_QUESTION",
    "LONG_BRIEF",
    "ROUND_TOO_LONG",
    "UNEVEN_ENDINGS",
    "LOADED_WORD",
)


@dataclass(frozen=True)
class Problem:
    """One thing an author has to fix, at one place in one file."""

    path: str
    line: int
    col: int
    code: str
    params: dict = field(default_factory=dict, compare=False, hash=False)
    hint_variant: str = ""

    def __post_init__(self) -> None:
        if self.code not in CODES + LINT_CODES:
            raise ValueError(f"unknown problem code {self.code}")

    def message(self, lang: str | None = None) -> str:
        return _(f"error.{self.code}", lang, **self.params)

    def hint(self, lang: str | None = None) -> str:
        suffix = f".{self.hint_variant}" if self.hint_variant else ""
        return _(f"hint.{self.code}{suffix}", lang, **self.params)

    def where(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"

    def format(self, lang: str | None = None) -> str:
        """``path:line:col: CODE message`` and, on the next line, the hint."""
        return f"{self.where()}: {self.code} {self.message(lang)}\n    {_('hint.label', lang)}: {self.hint(lang)}"


def display_path(path: Path) -> str:
    """The path as an author would type it: relative to the working folder when possible."""
    try:
        return str(path.absolute().relative_to(Path.cwd().absolute()))
    except ValueError:
        return str(path)


# Where two problems fall on one place, these say least: a block whose key is misspelt is also "missing",
# and a part reached only through a broken link is also "unreachable". Any other problem there goes first.
FOLLOW_ON_CODES = ("MISSING_FIELD", "UNREACHABLE_NODE", "NO_ENDING")


def one_per_place(problems: list[Problem]) -> list[Problem]:
    """Problems sorted by place, keeping the most useful one at each place (else the first one found)."""
    seen: set[tuple[str, int, int]] = set()
    kept = []
    for problem in sorted(problems, key=lambda p: p.code in FOLLOW_ON_CODES):
        place = (problem.path, problem.line, problem.col)
        if place not in seen:
            seen.add(place)
            kept.append(problem)
    return sorted(kept, key=lambda p: (p.path, p.line, p.col))
