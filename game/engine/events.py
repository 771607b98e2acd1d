"""Events: the facts a session is made of, in the order they happened.

Events carry everything needed to rebuild the state without the case file, so a
log still reads after an author edits the case. ``to_record``/``from_record``
turn them into plain JSON-ready data for the session log.
"""
from __future__ import annotations

import dataclasses
import functools
import math
import types
import typing
from dataclasses import dataclass

from game.scenario.plans import Durations


@dataclass(frozen=True, kw_only=True)
class Event:
    at: float = 0.0


@dataclass(frozen=True)
class CaseRef:
    """Which case a round plays, in which version of the file."""

    id: str
    version: int
    digest: str
    title: str


@dataclass(frozen=True, kw_only=True)
class SessionStarted(Event):
    session_id: str
    mode: str
    players: tuple[str, ...]
    cases: tuple[CaseRef, ...]
    durations: Durations
    seed: int
    lang: str
    # Logs written before round plans existed played the whole case, with values picked in turn.
    plan: str = "lang"
    hidden_values: bool = True
    open_vote: bool = False
    # Logs written before tables had names: the plenary names and colours them itself.
    table_name: str = ""
    table_colour: str = ""


@dataclass(frozen=True, kw_only=True)
class RoundStarted(Event):
    round: int
    case: str
    node: str
    roles: tuple[str, ...]
    budget: float = 0.0  # seconds the plan gives this round, plenary included; 0: not known (older logs)


@dataclass(frozen=True, kw_only=True)
class PhaseStarted(Event):
    phase: str


@dataclass(frozen=True, kw_only=True)
class RoleAssigned(Event):
    player: int
    role: str
    drawn: bool


@dataclass(frozen=True, kw_only=True)
class ValuesPicked(Event):
    player: int
    values: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class SharingFinished(Event):
    player: int


@dataclass(frozen=True, kw_only=True)
class VoteCast(Event):
    player: int
    node: str
    step: int
    stage: str
    option: str | None


@dataclass(frozen=True, kw_only=True)
class VotesRevealed(Event):
    """Everyone voted: the votes are turned over together.

    ``passed`` is only in logs written before ``VotesShownEarly``: it listed the players who had
    not voted when the votes were shown early. They did not pass; they count as not voted.
    """

    node: str
    step: int
    stage: str
    passed: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class VotesShownEarly(Event):
    """The table showed the votes before everyone had voted; ``not_voted`` did not vote (never 'passed')."""

    node: str
    step: int
    stage: str
    not_voted: tuple[int, ...]


@dataclass(frozen=True, kw_only=True)
class OptionExplored(Event):
    node: str
    option: str


@dataclass(frozen=True, kw_only=True)
class WentBack(Event):
    node: str


@dataclass(frozen=True, kw_only=True)
class PathContinued(Event):
    node: str
    option: str
    to: str
    ending: bool


@dataclass(frozen=True, kw_only=True)
class LeadingValuesRecorded(Event):
    values: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class NoteAdded(Event):
    note: int
    text: str


@dataclass(frozen=True, kw_only=True)
class NoteEdited(Event):
    note: int
    text: str


@dataclass(frozen=True, kw_only=True)
class NoteRemoved(Event):
    note: int


@dataclass(frozen=True, kw_only=True)
class ReflectionWritten(Event):
    text: str


@dataclass(frozen=True, kw_only=True)
class ClockPaused(Event):
    pass


@dataclass(frozen=True, kw_only=True)
class ClockResumed(Event):
    pass


@dataclass(frozen=True, kw_only=True)
class MinuteAdded(Event):
    pass


@dataclass(frozen=True, kw_only=True)
class RoundEnded(Event):
    round: int


@dataclass(frozen=True, kw_only=True)
class SessionEnded(Event):
    pass


EVENT_TYPES: dict[str, type[Event]] = {
    cls.__name__: cls for cls in (
        SessionStarted, RoundStarted, PhaseStarted, RoleAssigned, ValuesPicked, SharingFinished, VoteCast,
        VotesRevealed, VotesShownEarly, OptionExplored, WentBack, PathContinued, LeadingValuesRecorded, NoteAdded,
        NoteEdited, NoteRemoved, ReflectionWritten, ClockPaused, ClockResumed, MinuteAdded, RoundEnded, SessionEnded)
}


class UnknownEvent(ValueError):
    """A log holds an event this version of Dilemmaspel does not know."""


def to_record(event: Event) -> tuple[str, float, dict]:
    """(kind, at, payload) with only JSON types in the payload."""
    payload = dataclasses.asdict(event)
    at = payload.pop("at")
    return type(event).__name__, at, payload


class BadEvent(ValueError):
    """A log holds an event whose fields do not have the shape the event needs."""


LATEST_TIME = 253402300799.0  # 31-12-9999: any later moment can't be shown as a date


def from_record(kind: str, at: float, payload: dict) -> Event:
    """The event of a log row; UnknownEvent or BadEvent when the row is not one this version wrote."""
    cls = EVENT_TYPES.get(kind)
    if cls is None:
        raise UnknownEvent(kind)
    if not (_fits(at, float) and math.isfinite(at) and 0 <= at <= LATEST_TIME) or not _fits(payload, cls):
        raise BadEvent(kind)
    fields = {name: _tuples(value) for name, value in payload.items()}
    if cls is SessionStarted:
        fields["durations"] = Durations(**payload["durations"])
        fields["cases"] = tuple(CaseRef(**ref) for ref in payload["cases"])
    return cls(at=at, **fields)


def _tuples(value: object) -> object:
    """JSON gives lists back; the events hold tuples."""
    if isinstance(value, list):
        return tuple(_tuples(item) for item in value)
    return value


@functools.cache
def _field_types(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


def _fits(value: object, hint: object) -> bool:
    """Whether JSON data ``value`` has the shape of ``hint`` (a field type of an event, or an event itself).

    A dataclass wants a mapping whose present keys are its fields, each of the right shape
    (missing or extra keys are left to the constructor, which refuses them); lists stand
    for tuples; an int is accepted for a float but a bool never for a number.
    """
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint):
        fields = _field_types(hint)
        return isinstance(value, dict) and all(key in fields and _fits(item, fields[key])
                                               for key, item in value.items())
    if origin in (types.UnionType, typing.Union):
        return any(_fits(value, option) for option in typing.get_args(hint))
    if origin is tuple:
        item_hint = typing.get_args(hint)[0]
        return isinstance(value, list) and all(_fits(item, item_hint) for item in value)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)
