"""Events: the facts a session is made of, in the order they happened.

Events carry everything needed to rebuild the state without the case file, so a
log still reads after an author edits the case. ``to_record``/``from_record``
turn them into plain JSON-ready data for the session log.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from game.engine.commands import Durations


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


@dataclass(frozen=True, kw_only=True)
class RoundStarted(Event):
    round: int
    case: str
    node: str
    roles: tuple[str, ...]


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


def from_record(kind: str, at: float, payload: dict) -> Event:
    cls = EVENT_TYPES.get(kind)
    if cls is None:
        raise UnknownEvent(kind)
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
