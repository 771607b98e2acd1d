"""What a player's phone may do and shows, read from the session's state; a phone's action as an engine command.

The phones take over the private steps only: drawing the role (and reading its brief for the rest of the
round), picking values when the table picks them hidden, the hidden vote and the second vote. What a
phone may do is its ``task``; an action for another task, or sent while the phone still showed an
earlier step (its ``key``), is refused here, and the engine decides everything else as for a tap on
the shared screen.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.cards import player_name, role_card, value_card, value_ids
from game.engine.commands import CastVote, Command, DrawRole, FinishSharing, PickValues
from game.engine.session import MAX_VALUES, CaseBook, Session
from game.engine.state import AGAIN, FIRST, SessionState
from game.i18n import _
from game.scenario.loader import Library

WAIT, DRAW, VALUES, VOTE, REVOTE = "wait", "draw", "values", "vote", "revote"
MAX_ID = 80  # the longest value or option id a phone may send
FIELDS = {"do", "key", "request", "values", "option"}  # what a phone's action may hold: never a player


class Refused(Exception):
    """A phone's request that is not carried out; ``code`` names why (``phones.refused.CODE`` in the catalogs)."""

    def __init__(self, code: str, status: int = 409, text: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.text = text

    def message(self, lang: str) -> str:
        return self.text or _(f"phones.refused.{self.code}", lang)


def task(state: SessionState, player: int) -> str:
    """The private step this player can do on their phone now (``wait``: nothing, look at the shared screen)."""
    current = state.current
    if current is None or state.finished or not 0 <= player < len(state.players):
        return WAIT
    phase = current.phase
    if phase == "draw" and current.roles[player] is None:
        return DRAW
    if phase == "share" and state.hidden_values and player not in current.shared:
        return VALUES
    if phase == "vote" and not state.open_vote and player not in current.votes_at(FIRST):
        return VOTE
    if phase == "reconsider" and not current.is_revealed(AGAIN):
        return REVOTE
    return WAIT


def step_key(state: SessionState, player: int) -> str:
    """Names the step a phone shows: an action sent for another step is stale."""
    current = state.current
    where = f"{current.number}:{current.phase}:{current.step}" if current else "-"
    return f"{where}:{task(state, player)}"


def command_for(state: SessionState, player: int, action: dict) -> Command:
    """The engine command a phone's action asks for, when it fits the player's task and the step the phone showed."""
    if not set(action) <= FIELDS:
        raise Refused("MALFORMED", 400)
    if action.get("key") != step_key(state, player):
        raise Refused("STALE")
    now, do = task(state, player), action.get("do")
    if do == "draw" and now == DRAW:
        return DrawRole(player)
    if do == "values" and now == VALUES:
        return PickValues(player, _ids(action.get("values"), MAX_VALUES))
    if do == "values_done" and now == VALUES:
        return FinishSharing(player)
    if do == "vote" and now in (VOTE, REVOTE):
        option = action.get("option")
        if option is not None and not _is_id(option):
            raise Refused("MALFORMED", 400)
        return CastVote(player, option)
    raise Refused("NOT_NOW")


def _is_id(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_ID


def _ids(values: object, most: int) -> tuple[str, ...]:
    if not isinstance(values, list) or len(values) > most or not all(_is_id(v) for v in values):
        raise Refused("MALFORMED", 400)
    return tuple(values)


@dataclass(frozen=True)
class PhoneViews:
    """Builds what each phone shows: plain data in the session's language; the page escapes every text."""

    library: Library
    book: CaseBook

    @staticmethod
    def name(state: SessionState, player: int) -> str:
        return player_name(state, player)

    def view(self, state: SessionState, player: int) -> dict:
        lang, current = state.lang, state.current
        now = task(state, player)
        shown = {"key": step_key(state, player), "task": now, "name": player_name(state, player),
                 "finished": state.finished, "role": None, "values": [], "options": [], "question": "",
                 "choice": ""}
        if current is None:
            return shown | {"text": _("phones.view.wait", lang)}
        case = self.book.cases[current.case]
        role = current.roles[player] if player < len(current.roles) else None
        if role:
            shown["role"] = self._role(case, role, lang)
        if now == VALUES:
            shown["values"] = [self._value(case, value, lang, value in current.values[player])
                               for value in value_ids(self.library, case)]
        if now in (VOTE, REVOTE):
            decision = case.decisions[current.node]
            allowed = set(self._available(state))
            shown["question"] = decision.question or _("ui.vote.default_question", lang)
            shown["options"] = [{"id": oid, "label": f"{n}. {option.text}"}
                                for n, (oid, option) in enumerate(zip(decision.option_ids(), decision.options), 1)
                                if oid in allowed]
            if now == REVOTE:
                mine = current.votes_now().get(player)
                shown["choice"] = next((o["label"] for o in shown["options"] if o["id"] == mine),
                                       _("ui.reconsider.no_choice", lang))
        return shown | {"text": self._instruction(state, player, now)}

    def _value(self, case, value: str, lang: str, chosen: bool) -> dict:
        card = value_card(self.library, case, value, lang)
        return {"id": value, "name": card.name, "line": card.line, "chosen": chosen}

    def _available(self, state: SessionState) -> tuple[str, ...]:
        return Session(self.book, state).available_options()

    def _role(self, case, role: str, lang: str) -> dict:
        card = role_card(self.library, role, lang)
        brief = case.roles.get(role)
        parts = []
        if brief:
            parts = [{"label": _(f"ui.brief.{key}", lang), "text": text}
                     for key, text in (("knows", brief.knows), ("wants", brief.wants), ("fears", brief.fears))]
        return {"name": card.name, "line": card.line, "brief": parts}

    def _instruction(self, state: SessionState, player: int, now: str) -> str:
        lang, current = state.lang, state.current
        if state.finished:
            return _("phones.view.finished", lang)
        if now != WAIT:
            return _(f"phones.view.{now}", lang)
        if current.phase == "share" and not state.hidden_values:
            return _("phones.view.values_aloud", lang)
        if current.phase == "vote" and player in current.votes_at(FIRST):
            return _("phones.view.voted", lang)
        return _("phones.view.wait", lang)


def progress(state: SessionState) -> tuple[int, int]:
    """How many players have done the current private step, of how many (for the shared screen's '3 van 5')."""
    current = state.current
    count = len(state.players)
    if current is None:
        return 0, count
    if current.phase == "draw":
        return sum(role is not None for role in current.roles), count
    if current.phase == "share":
        return len(set(current.shared)), count
    return len(current.votes_at(FIRST if current.phase == "vote" else AGAIN)), count
