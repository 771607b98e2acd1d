"""Names of roles, values and players as the table reads them, in the language of the session.

Shared by the shared screen (``game.ui``) and the phones' pages (``game.phones``)."""
from __future__ import annotations

from game.engine.state import SessionState
from game.i18n import _
from game.scenario.loader import Library
from game.scenario.model import Card, DeckCard, Scenario


def _in(card: DeckCard, lang: str) -> Card:
    return card.en if lang == "en" and card.en else card


def role_card(library: Library, role: str, lang: str) -> Card:
    card = library.decks.roles.get(role)
    return _in(card, lang) if card else Card(name=role, line=role)


def value_card(library: Library, case: Scenario, value: str, lang: str) -> Card:
    card = library.decks.values.get(value)
    if card:
        return _in(card, lang)
    return case.values.get(value) or Card(name=value, line=value)


def value_ids(library: Library, case: Scenario) -> list[str]:
    """The value cards a table can pick from in this case: the shared deck, then the case's own."""
    return list(library.decks.values) + [v for v in case.values if v not in library.decks.values]


def value_names(library: Library, case: Scenario, values: tuple[str, ...], lang: str) -> str:
    return ", ".join(value_card(library, case, v, lang).name for v in values) or _("ui.none")


def player_name(state: SessionState, player: int) -> str:
    """The pseudonym given at set-up, or 'Speler 2'."""
    name = state.players[player] if player < len(state.players) else ""
    return name or _("ui.player_n", n=player + 1)
