"""The state of a session: a fold over its events.

Everything here is frozen; ``apply`` returns a new state and never changes the
old one, so the UI can hold a snapshot while the engine moves on. Resuming a
session is ``replay(events)``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

from game.engine import events as ev
from game.scenario.plans import LANG, STEP_OF_PHASE, Durations

PHASES = ("draw", "share", "vote", "explore", "reconsider", "record", "ending", "plenary")
FIRST, AGAIN = "first", "again"


@dataclass(frozen=True)
class Clock:
    """The time of one step of the round's plan; it runs across the phases of that step."""

    step: str
    duration: float
    started_at: float
    paused_at: float | None = None
    paused_total: float = 0.0

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    def elapsed(self, now: float) -> float:
        end = self.paused_at if self.paused_at is not None else now
        return max(0.0, end - self.started_at - self.paused_total)

    def left(self, now: float) -> float:
        return max(0.0, self.duration - self.elapsed(now))


@dataclass(frozen=True)
class Vote:
    player: int
    node: str
    step: int
    stage: str
    option: str | None


@dataclass(frozen=True)
class Note:
    id: int
    text: str


@dataclass(frozen=True)
class PathStep:
    node: str
    option: str
    to: str


@dataclass(frozen=True)
class RoundState:
    number: int
    case: str
    case_roles: tuple[str, ...]
    node: str
    players: int
    phase: str = "draw"
    step: int = 0
    roles: tuple[str | None, ...] = ()
    drawn: tuple[bool, ...] = ()
    values: tuple[tuple[str, ...], ...] = ()
    shared: tuple[int, ...] = ()
    votes: tuple[Vote, ...] = ()
    revealed: tuple[tuple[int, str], ...] = ()
    explored: tuple[tuple[int, str, str], ...] = ()
    viewing: str | None = None
    path: tuple[PathStep, ...] = ()
    ending: str | None = None
    leading_values: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    next_note: int = 1
    reflection: str = ""
    budget: float = 0.0
    used: float = 0.0
    given: float = 0.0
    handoffs: int = 0
    last_private: int | None = None

    def sharing(self) -> int | None:
        """The player whose value pick is open: the first who has not passed the screen on (None: all have)."""
        return next((p for p in range(self.players) if p not in self.shared), None)

    def votes_at(self, stage: str, step: int | None = None) -> dict[int, str | None]:
        """The last vote of each player at this decision (or ``step``) and stage."""
        step = self.step if step is None else step
        return {v.player: v.option for v in self.votes if v.step == step and v.stage == stage}

    def is_revealed(self, stage: str, step: int | None = None) -> bool:
        return (self.step if step is None else step, stage) in self.revealed

    def ran_over(self, margin: float = 30.0) -> bool:
        """The finished steps took longer than they were given (by more than ``margin`` seconds)."""
        return self.used > self.given + margin

    def final_votes(self, step: int | None = None) -> dict[int, str | None]:
        """Each player's choice as it stands: the first vote, changed by a second vote once that is shown."""
        votes = self.votes_at(FIRST, step)
        if self.is_revealed(AGAIN, step):
            votes.update(self.votes_at(AGAIN, step))
        return votes

    def votes_now(self, step: int | None = None) -> dict[int, str | None]:
        """Each player's choice as the table knows it: the first vote, changed by any second vote already cast
        (players change their mind aloud, so a change counts before the second vote is closed)."""
        votes = self.votes_at(FIRST, step)
        votes.update(self.votes_at(AGAIN, step))
        return votes

    def most_voted(self) -> tuple[str, ...]:
        """The option(s) with the most votes as they stand here (a tie gives several; passes do not count)."""
        counts: dict[str, int] = {}
        for option in self.votes_now().values():
            if option is not None:
                counts[option] = counts.get(option, 0) + 1
        top = max(counts.values(), default=0)
        return tuple(option for option, count in counts.items() if count == top)

    def explored_here(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(option for step, _node, option in self.explored if step == self.step))

    def chosen(self) -> frozenset[str]:
        """The choices the table followed so far, as ``decision.option``."""
        return frozenset(f"{s.node}.{s.option}" for s in self.path)

    def note(self, note_id: int) -> Note | None:
        return next((n for n in self.notes if n.id == note_id), None)


@dataclass(frozen=True)
class SessionState:
    session_id: str = ""
    mode: str = ""
    players: tuple[str, ...] = ()
    cases: tuple[ev.CaseRef, ...] = ()
    durations: Durations = field(default_factory=Durations)
    seed: int = 0
    lang: str = "nl"
    plan: str = LANG
    hidden_values: bool = True
    open_vote: bool = False
    table_name: str = ""
    table_colour: str = ""
    rounds: tuple[RoundState, ...] = ()
    clock: Clock | None = None
    finished: bool = False
    events: int = 0

    @property
    def started(self) -> bool:
        return bool(self.session_id)

    @property
    def current(self) -> RoundState | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def phase(self) -> str:
        if not self.started:
            return "setup"
        if self.finished:
            return "finished"
        return self.current.phase if self.current else "setup"

    def round_left(self, now: float) -> float | None:
        """Seconds the plan still gives this round (negative when it runs over); None when not known."""
        current = self.current
        if current is None or not current.budget or self.finished:
            return None
        running = self.clock.elapsed(now) if self.clock else 0.0
        return current.budget - current.used - running


def _with_round(state: SessionState, **changes) -> SessionState:
    return replace(state, rounds=state.rounds[:-1] + (replace(state.current, **changes),))


def _set(items: tuple, index: int, value: object) -> tuple:
    return items[:index] + (value,) + items[index + 1:]


def _session_started(state: SessionState, e: ev.SessionStarted) -> SessionState:
    return replace(state, session_id=e.session_id, mode=e.mode, players=e.players, cases=e.cases,
                   durations=e.durations, seed=e.seed, lang=e.lang, plan=e.plan, hidden_values=e.hidden_values,
                   open_vote=e.open_vote, table_name=e.table_name, table_colour=e.table_colour)


def _round_started(state: SessionState, e: ev.RoundStarted) -> SessionState:
    count = len(state.players)
    fresh = RoundState(number=e.round, case=e.case, case_roles=e.roles, node=e.node, players=count,
                       roles=(None,) * count, drawn=(False,) * count, values=((),) * count, budget=e.budget)
    return replace(state, rounds=state.rounds + (fresh,))


def _phase_started(state: SessionState, e: ev.PhaseStarted) -> SessionState:
    """A new phase; when it belongs to another step, that step's clock starts and the time the
    finished step took is added to what the round has used."""
    step = STEP_OF_PHASE.get(state.plan, STEP_OF_PHASE[LANG])[e.phase]
    clock, used, given = state.clock, state.current.used, state.current.given
    if clock is not None and clock.step != step:
        used += clock.elapsed(e.at)
        given += clock.duration
    if step is None:
        clock = None
    elif clock is None or clock.step != step:
        clock = Clock(step, float(getattr(state.durations, step)), e.at)
    return replace(_with_round(state, phase=e.phase, viewing=None, used=used, given=given, last_private=None),
                   clock=clock)


def _private(state: SessionState, player: int, **changes) -> SessionState:
    """A step one player does alone on the shared screen: when it is not the same player as the last
    private step of this phase, the screen was passed on (a hand-off)."""
    r = state.current
    if r.last_private != player:
        changes.update(handoffs=r.handoffs + 1, last_private=player)
    return _with_round(state, **changes)


def _role_assigned(state: SessionState, e: ev.RoleAssigned) -> SessionState:
    r = state.current
    return _private(state, e.player, roles=_set(r.roles, e.player, e.role), drawn=_set(r.drawn, e.player, e.drawn))


def _values_picked(state: SessionState, e: ev.ValuesPicked) -> SessionState:
    values = _set(state.current.values, e.player, e.values)
    if state.hidden_values:
        return _private(state, e.player, values=values)
    return _with_round(state, values=values)


def _sharing_finished(state: SessionState, e: ev.SharingFinished) -> SessionState:
    shared = state.current.shared
    return _with_round(state, shared=shared if e.player in shared else shared + (e.player,))


def _vote_cast(state: SessionState, e: ev.VoteCast) -> SessionState:
    votes = state.current.votes + (Vote(e.player, e.node, e.step, e.stage, e.option),)
    if e.stage == FIRST and not state.open_vote:
        return _private(state, e.player, votes=votes)
    return _with_round(state, votes=votes)


def _votes_revealed(state: SessionState, e: ev.VotesRevealed | ev.VotesShownEarly) -> SessionState:
    """The votes are turned over; a player without a vote has none (an old log's ``passed`` included)."""
    return _with_round(state, revealed=state.current.revealed + ((e.step, e.stage),))


def _option_explored(state: SessionState, e: ev.OptionExplored) -> SessionState:
    r = state.current
    return _with_round(state, explored=r.explored + ((r.step, e.node, e.option),), viewing=e.option)


def _went_back(state: SessionState, e: ev.WentBack) -> SessionState:
    return _with_round(state, viewing=None)


def _path_continued(state: SessionState, e: ev.PathContinued) -> SessionState:
    r = state.current
    return _with_round(state, path=r.path + (PathStep(e.node, e.option, e.to),), node=e.to, step=r.step + 1,
                       viewing=None, ending=e.to if e.ending else None)


def _leading_values(state: SessionState, e: ev.LeadingValuesRecorded) -> SessionState:
    return _with_round(state, leading_values=e.values)


def _note_added(state: SessionState, e: ev.NoteAdded) -> SessionState:
    r = state.current
    return _with_round(state, notes=r.notes + (Note(e.note, e.text),), next_note=max(r.next_note, e.note + 1))


def _note_edited(state: SessionState, e: ev.NoteEdited) -> SessionState:
    notes = tuple(Note(n.id, e.text) if n.id == e.note else n for n in state.current.notes)
    return _with_round(state, notes=notes)


def _note_removed(state: SessionState, e: ev.NoteRemoved) -> SessionState:
    return _with_round(state, notes=tuple(n for n in state.current.notes if n.id != e.note))


def _reflection(state: SessionState, e: ev.ReflectionWritten) -> SessionState:
    return _with_round(state, reflection=e.text)


def _clock_paused(state: SessionState, e: ev.ClockPaused) -> SessionState:
    return replace(state, clock=replace(state.clock, paused_at=e.at))


def _clock_resumed(state: SessionState, e: ev.ClockResumed) -> SessionState:
    clock = state.clock
    return replace(state, clock=replace(clock, paused_at=None,
                                        paused_total=clock.paused_total + max(0.0, e.at - clock.paused_at)))


def _minute_added(state: SessionState, e: ev.MinuteAdded) -> SessionState:
    return replace(state, clock=replace(state.clock, duration=state.clock.duration + 60))


def _round_ended(state: SessionState, e: ev.RoundEnded) -> SessionState:
    return replace(state, clock=None)


def _session_ended(state: SessionState, e: ev.SessionEnded) -> SessionState:
    return replace(state, finished=True, clock=None)


_FOLDS: dict[type, Callable[[SessionState, ev.Event], SessionState]] = {
    ev.SessionStarted: _session_started, ev.RoundStarted: _round_started, ev.PhaseStarted: _phase_started,
    ev.RoleAssigned: _role_assigned, ev.ValuesPicked: _values_picked, ev.SharingFinished: _sharing_finished,
    ev.VoteCast: _vote_cast, ev.VotesRevealed: _votes_revealed, ev.VotesShownEarly: _votes_revealed,
    ev.OptionExplored: _option_explored, ev.WentBack: _went_back,
    ev.PathContinued: _path_continued, ev.LeadingValuesRecorded: _leading_values, ev.NoteAdded: _note_added,
    ev.NoteEdited: _note_edited, ev.NoteRemoved: _note_removed, ev.ReflectionWritten: _reflection,
    ev.ClockPaused: _clock_paused, ev.ClockResumed: _clock_resumed, ev.MinuteAdded: _minute_added,
    ev.RoundEnded: _round_ended, ev.SessionEnded: _session_ended,
}


def apply(state: SessionState, event: ev.Event) -> SessionState:
    """The state after one more event."""
    return replace(_FOLDS[type(event)](state, event), events=state.events + 1)


def replay(events: Iterable[ev.Event], state: SessionState | None = None) -> SessionState:
    """The state after all ``events``: how a session resumes from its log."""
    state = state or SessionState()
    for event in events:
        state = apply(state, event)
    return state
