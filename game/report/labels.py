"""Names for the ids in a log, in the language of the room: values, roles, cases, decisions, options.

A session log stores ids; the plenary and the report show names. Names come from the
case library (the English case where there is one), and fall back to what the log
itself knows (the case title) or to the id, so a log of a case that is no longer in
the library still reads.
"""
from __future__ import annotations

from typing import Iterable, Mapping

from game.i18n import _
from game.report.figures import NOT_VOTED, TableRound
from game.scenario.loader import Library
from game.scenario.model import Card, DeckCard, Scenario, default_option_id


def card_name(card: Card, lang: str) -> str:
    return card.en.name if lang == "en" and isinstance(card, DeckCard) and card.en else card.name


def card_line(card: Card, lang: str) -> str:
    return card.en.line if lang == "en" and isinstance(card, DeckCard) and card.en else card.line


def played_cases(library: Library, rounds: Iterable[TableRound], lang: str) -> dict[str, Scenario]:
    """The library's version of every case the rounds played; a case no longer in the library is left out."""
    return {case_id: loaded.scenario for case_id in dict.fromkeys(r.case for r in rounds)
            if (loaded := library.case(case_id, lang))}


class Labels:
    """Look up what to show for an id; ``titles`` are the case titles the logs carry."""

    def __init__(self, library: Library, lang: str, titles: Mapping[str, str] | None = None) -> None:
        self.library = library
        self.lang = lang
        self.titles = dict(titles or {})

    @classmethod
    def of_rounds(cls, library: Library, lang: str, rounds: Iterable[TableRound]) -> "Labels":
        """Labels that also know the titles the logs of these rounds carry."""
        return cls(library, lang, {r.case: r.case_title for r in rounds})

    def table(self, r: TableRound) -> str:
        """The table's name from its set-up; 'Tafel 3' for a table of an older log, which has none."""
        return r.name or _("report.table", self.lang, table=r.table)

    def scenario(self, case_id: str) -> Scenario | None:
        loaded = self.library.case(case_id, self.lang)
        return loaded.scenario if loaded else None

    def case(self, case_id: str) -> str:
        scenario = self.scenario(case_id)
        return scenario.title if scenario else self.titles.get(case_id, case_id)

    def value(self, value_id: str, case_id: str | None = None) -> str:
        card = self.library.decks.values.get(value_id)
        if card is None and case_id:
            scenario = self.scenario(case_id)
            card = scenario.values.get(value_id) if scenario else None
        if card is None:  # a value card of another case, when figures span several cases
            card = next((c.scenario.values[value_id] for c in self.library.cases.values()
                         if value_id in c.scenario.values), None)
        return card_name(card, self.lang) if card else value_id

    def role(self, role_id: str | None) -> str:
        card = self.library.decks.roles.get(role_id or "")
        return card_name(card, self.lang) if card else (role_id or "?")

    def corner(self, role_id: str | None) -> str:
        """The role's corner of the triangle (resident, family or team); empty for a role the deck lacks."""
        card = self.library.decks.roles.get(role_id or "")
        return card.corner if card else ""

    def decision(self, case_id: str, node: str) -> str:
        scenario = self.scenario(case_id)
        found = scenario.node(node) if scenario else None
        return found.title if found else node

    def option(self, case_id: str, node: str, option: str | None) -> str:
        """The option with its letter, as a chart names it: its short label where the case has one, else its
        text (``A. Eerst praten``)."""
        if option in (None, NOT_VOTED):
            return self._no_choice(option)
        found = self._option(case_id, node, option)
        return f"{found[0]}. {found[1]}" if found else option

    def option_letter(self, case_id: str, node: str, option: str | None) -> str:
        """A short name for a column: the option's letter, or its id when the case no longer has it."""
        if option in (None, NOT_VOTED):
            return self._no_choice(option)
        found = self._option(case_id, node, option)
        return found[0] if found else option

    def _no_choice(self, option: str | None) -> str:
        """'(gepast)' for a player who passed, '(niet gestemd)' for one who had not voted when the votes were shown."""
        return _("report.passed" if option is None else "report.not_voted", self.lang)

    def _option(self, case_id: str, node: str, option: str) -> tuple[str, str] | None:
        scenario = self.scenario(case_id)
        decision = scenario.decisions.get(node) if scenario else None
        if decision is None or option not in decision.option_ids():
            return None
        index = decision.option_ids().index(option)
        chosen = decision.options[index]
        return default_option_id(index).upper(), chosen.label or chosen.text
