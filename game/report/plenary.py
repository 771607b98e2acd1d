"""Everything the plenary screen shows, kept up to date with the tables' files.

The screen stays a thin view: it holds a ``Plenary``, calls ``refresh()`` now and then
(cheap when nothing changed), and draws ``figures(selection)`` or the labelled blocks of
``report(selection)``; ``warnings`` name the files that were skipped::

    plenary = Plenary([usb_stick], open_library(), "nl")
    shown = plenary.figures(Selection(case="open-deur"))
    if plenary.refresh():          # a table wrote something, or a file came or went
        shown = plenary.figures(Selection(case="open-deur"))
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from game.report.document import Report, countable, report_of
from game.report.figures import Choices, Figures, Selection, TableRound, choices, figures, table_rounds
from game.report.labels import Labels, played_cases
from game.scenario.loader import Library
from game.scenario.model import Scenario
from game.store.merge import FileWarning, Gathering, fingerprint, gather


class Plenary:
    """The gathered table sessions of some folders or files, with their figures in one language."""

    def __init__(self, paths: Iterable[Path], library: Library, lang: str = "nl") -> None:
        self.paths = list(paths)
        self.library = library
        self.lang = lang
        self._load(gather(self.paths))

    def _load(self, gathering: Gathering) -> None:
        self.gathering = countable(gathering, self.library, self.lang)
        self.rounds: tuple[TableRound, ...] = table_rounds(s.state for s in self.gathering.sessions)
        self.cases: dict[str, Scenario] = played_cases(self.library, self.rounds, self.lang)
        self.labels = Labels.of_rounds(self.library, self.lang, self.rounds)

    def refresh(self) -> bool:
        """Read the files again if any changed, appeared or went; whether anything did."""
        if fingerprint(self.paths) == self.gathering.fingerprint:
            return False
        self._load(gather(self.paths))
        return True

    @property
    def warnings(self) -> tuple[FileWarning, ...]:
        return self.gathering.warnings

    @property
    def choices(self) -> Choices:
        """The cases, rounds and tables there are to filter on."""
        return choices(self.rounds)

    def figures(self, selection: Selection = Selection()) -> Figures:
        return figures(self.rounds, self.cases, selection)

    def report(self, selection: Selection = Selection(), names: bool = False) -> Report:
        """The figures with their names filled in, as the report has them (anonymous unless ``names``)."""
        return report_of(self.gathering, self.library, self.lang, names, selection)
