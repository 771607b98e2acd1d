"""The rules of a table session and a solo run: commands in, events out.

``Session.execute`` checks a command against the current state and the cases,
and returns the events it causes (already applied to ``state``). A command that
does not fit is refused with ``CommandRejected`` and changes nothing. The order
of a round follows the paper game: draw roles, share values, vote, explore the
consequences (and reconsider), record the leading values, read the ending.
"""
from __future__ import annotations

import random
import re
import time
import unicodedata
import uuid
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from game.engine import commands as cmd
from game.engine import events as ev
from game.engine.errors import CommandRejected
from game.engine.state import AGAIN, FIRST, SessionState, apply
from game.text import printable
from game.scenario.model import Decision, Scenario
from game.scenario.paths import all_walks
from game.scenario.plans import KORT, LANG, PLANS, round_seconds

MODES = {"table": (2, 7), "solo": (1, 1)}
MAX_ROUNDS = 3
MAX_VALUES = 5
MAX_TEXT = 2000
COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")  # a table's colour as the log keeps it
_ROUND_NOTES = (cmd.AddNote, cmd.EditNote, cmd.RemoveNote, cmd.PauseClock, cmd.ResumeClock, cmd.AddMinute)
ALLOWED: dict[str, tuple[type, ...]] = {
    "setup": (cmd.StartSession,),
    "draw": (cmd.DrawRole, cmd.PickRole, cmd.AdvancePhase) + _ROUND_NOTES,
    "share": (cmd.PickValues, cmd.FinishSharing, cmd.AdvancePhase) + _ROUND_NOTES,
    "vote": (cmd.CastVote, cmd.AdvancePhase) + _ROUND_NOTES,
    "explore": (cmd.ExploreOption, cmd.GoBack, cmd.Continue, cmd.AdvancePhase) + _ROUND_NOTES,
    "reconsider": (cmd.CastVote, cmd.ExploreOption, cmd.GoBack, cmd.Continue, cmd.AdvancePhase) + _ROUND_NOTES,
    "record": (cmd.RecordValues, cmd.AdvancePhase) + _ROUND_NOTES,
    "ending": (cmd.RecordValues, cmd.WriteReflection, cmd.AdvancePhase) + _ROUND_NOTES,
    "plenary": (cmd.AdvancePhase,) + _ROUND_NOTES,
    "finished": (),
}


@dataclass(frozen=True)
class CaseBook:
    """The cases a session may play (by id) with the digest of their files, and the known value cards."""

    cases: Mapping[str, Scenario]
    digests: Mapping[str, str]
    values: frozenset[str]

    def values_for(self, case_id: str) -> frozenset[str]:
        return self.values | frozenset(self.cases[case_id].values)


class Session:
    """One table session or solo run. ``state`` is a frozen snapshot, replaced by every command."""

    def __init__(self, book: CaseBook, state: SessionState | None = None, *,
                 clock: Callable[[], float] = time.time, new_id: Callable[[], str] = lambda: uuid.uuid4().hex):
        self.book = book
        self.state = state or SessionState()
        self._clock = clock
        self._new_id = new_id

    def execute(self, command: cmd.Command, now: float | None = None) -> list[ev.Event]:
        """Carry out ``command``; the events it caused, or CommandRejected."""
        phase = self.state.phase
        if not isinstance(command, ALLOWED[phase]):
            raise CommandRejected("WRONG_PHASE", command=type(command).__name__, phase=phase,
                                  expected=", ".join(c.__name__ for c in ALLOWED[phase]) or "-")
        turn = _Turn(self.state, self._clock() if now is None else now)
        _HANDLERS[type(command)](self, turn, command)
        self.state = turn.state
        return turn.events

    def case(self) -> Scenario:
        return self.book.cases[self.state.current.case]

    def decision(self) -> Decision:
        decision = self.case().decisions.get(self.state.current.node)
        if decision is None:
            raise CommandRejected("NOT_AT_DECISION", node=self.state.current.node)
        return decision

    def available_options(self, state: SessionState | None = None) -> tuple[str, ...]:
        """The options at the current decision that the earlier choices allow."""
        state = state or self.state
        chosen = state.current.chosen()
        decision = self.book.cases[state.current.case].decisions[state.current.node]
        return tuple(oid for oid, opt in zip(decision.option_ids(), decision.options)
                     if set(opt.when) <= chosen and not set(opt.unless) & chosen)


class _Turn:
    """The events of one command, applied as they are made so later checks see them."""

    def __init__(self, state: SessionState, now: float) -> None:
        self.state = state
        self.now = now
        self.events: list[ev.Event] = []

    def emit(self, event_type: type[ev.Event], **fields) -> None:
        event = event_type(at=self.now, **fields)
        self.state = apply(self.state, event)
        self.events.append(event)


def _clean_text(text: str) -> str:
    cleaned = printable(unicodedata.normalize("NFC", str(text))).strip()
    if not cleaned:
        raise CommandRejected("EMPTY_TEXT")
    if len(cleaned) > MAX_TEXT:
        raise CommandRejected("TEXT_TOO_LONG", max=MAX_TEXT)
    return cleaned


def _check_player(state: SessionState, player: int) -> None:
    if not isinstance(player, int) or not 0 <= player < len(state.players):
        raise CommandRejected("UNKNOWN_PLAYER", player=player, count=len(state.players))


def _start(session: Session, turn: _Turn, c: cmd.StartSession) -> None:
    if c.mode not in MODES:
        raise CommandRejected("UNKNOWN_MODE", mode=c.mode)
    low, high = MODES[c.mode]
    if not low <= len(c.players) <= high:
        raise CommandRejected("PLAYER_COUNT", count=len(c.players), low=low, high=high)
    if not 1 <= len(c.cases) <= MAX_ROUNDS:
        raise CommandRejected("ROUND_COUNT", count=len(c.cases), high=MAX_ROUNDS)
    for case_id in c.cases:
        if case_id not in session.book.cases:
            raise CommandRejected("UNKNOWN_CASE", case=case_id)
    if min(vars(c.durations).values()) <= 0:
        raise CommandRejected("BAD_DURATION")
    if c.plan not in PLANS:
        raise CommandRejected("UNKNOWN_PLAN", plan=c.plan, known=", ".join(PLANS))
    refs = tuple(ev.CaseRef(i, session.book.cases[i].version, session.book.digests.get(i, ""),
                            session.book.cases[i].title) for i in c.cases)
    seed = c.seed if c.seed is not None else random.SystemRandom().randrange(2**31)
    players = tuple(_name(player) for player in c.players)
    solo = c.mode == "solo"  # a learner alone plays the whole case, at their own pace
    turn.emit(ev.SessionStarted, session_id=session._new_id(), mode=c.mode, players=players, cases=refs,
              durations=c.durations, seed=seed, lang=c.lang, plan=LANG if solo else c.plan,
              hidden_values=c.hidden_values and not solo, open_vote=c.open_vote and not solo,
              table_name=_name(c.table_name), table_colour=c.table_colour if COLOUR.fullmatch(c.table_colour) else "")
    _start_round(session, turn, 1)


def _name(name: str) -> str:
    """A player's or a table's name as the log keeps it: one line, at most 40 characters."""
    return printable(unicodedata.normalize("NFC", str(name)), lines=False).strip()[:40]


def _start_round(session: Session, turn: _Turn, number: int) -> None:
    state = turn.state
    case = session.book.cases[state.cases[number - 1].id]
    short = state.plan == KORT
    budget = round_seconds(state.plan, 1 if short else _typical_decisions(case), state.durations,
                           plenary=state.mode == "table")
    turn.emit(ev.RoundStarted, round=number, case=case.id, node=case.core_id() if short else case.start_id(),
              roles=tuple(case.roles), budget=float(budget))
    turn.emit(ev.PhaseStarted, phase="draw")


def _typical_decisions(case: Scenario) -> int:
    """How many decision points a table passes in the whole case: the median over its paths."""
    lengths = sorted(len(walk) for walk in all_walks(case)) or [1]
    return lengths[len(lengths) // 2]


def _draw_role(session: Session, turn: _Turn, c: cmd.DrawRole) -> None:
    state = turn.state
    _check_player(state, c.player)
    current = state.current
    if current.roles[c.player] is not None:
        raise CommandRejected("HAS_ROLE", player=c.player, role=current.roles[c.player])
    taken = [role for role in current.roles if role]
    pool = [role for role in current.case_roles if role not in taken] or list(current.case_roles)
    rng = random.Random(f"{state.seed}:{current.number}:{c.player}:{len(taken)}")
    turn.emit(ev.RoleAssigned, player=c.player, role=rng.choice(pool), drawn=True)


def _pick_role(session: Session, turn: _Turn, c: cmd.PickRole) -> None:
    _check_player(turn.state, c.player)
    current = turn.state.current
    if c.role not in current.case_roles:
        raise CommandRejected("UNKNOWN_ROLE", role=c.role, known=", ".join(current.case_roles))
    if current.roles[c.player] is not None:
        raise CommandRejected("HAS_ROLE", player=c.player, role=current.roles[c.player])
    turn.emit(ev.RoleAssigned, player=c.player, role=c.role, drawn=False)


def _checked_values(session: Session, state: SessionState, values: Iterable[str], allow_empty: bool) -> tuple[str, ...]:
    picked = tuple(dict.fromkeys(values))
    if not picked and not allow_empty:
        raise CommandRejected("NO_VALUES")
    if len(picked) > MAX_VALUES:
        raise CommandRejected("TOO_MANY_VALUES", max=MAX_VALUES)
    known = session.book.values_for(state.current.case)
    unknown = [v for v in picked if v not in known]
    if unknown:
        raise CommandRejected("UNKNOWN_VALUE", value=unknown[0])
    return picked


def _pick_values(session: Session, turn: _Turn, c: cmd.PickValues) -> None:
    _check_player(turn.state, c.player)
    values = _checked_values(session, turn.state, c.values, allow_empty=False)
    turn.emit(ev.ValuesPicked, player=c.player, values=values)


def _finish_sharing(session: Session, turn: _Turn, c: cmd.FinishSharing) -> None:
    _check_player(turn.state, c.player)
    turn.emit(ev.SharingFinished, player=c.player)


def _cast_vote(session: Session, turn: _Turn, c: cmd.CastVote) -> None:
    state = turn.state
    _check_player(state, c.player)
    current = state.current
    stage = FIRST if current.phase == "vote" else AGAIN
    if current.is_revealed(stage):
        raise CommandRejected("VOTES_CLOSED")
    if c.option is not None and c.option not in session.available_options(state):
        raise CommandRejected("UNKNOWN_OPTION", option=c.option,
                              known=", ".join(session.available_options(state)))
    turn.emit(ev.VoteCast, player=c.player, node=current.node, step=current.step, stage=stage, option=c.option)
    if len(turn.state.current.votes_at(stage)) == len(state.players):
        _reveal(turn, stage)


def _reveal(turn: _Turn, stage: str) -> None:
    """Turn the votes over; shown before everyone voted (the first vote only) it is a fact of its own."""
    current = turn.state.current
    voted = current.votes_at(stage)
    not_voted = tuple(p for p in range(len(turn.state.players)) if p not in voted) if stage == FIRST else ()
    where = {"node": current.node, "step": current.step, "stage": stage}
    if not_voted:
        turn.emit(ev.VotesShownEarly, **where, not_voted=not_voted)
    else:
        turn.emit(ev.VotesRevealed, **where)
    if stage == FIRST:
        turn.emit(ev.PhaseStarted, phase="explore")


def _explore(session: Session, turn: _Turn, c: cmd.ExploreOption) -> None:
    if c.option not in session.available_options(turn.state):
        raise CommandRejected("UNKNOWN_OPTION", option=c.option,
                              known=", ".join(session.available_options(turn.state)))
    turn.emit(ev.OptionExplored, node=turn.state.current.node, option=c.option)


def _go_back(session: Session, turn: _Turn, c: cmd.GoBack) -> None:
    if turn.state.current.viewing is None:
        raise CommandRejected("NOTHING_OPEN")
    turn.emit(ev.WentBack, node=turn.state.current.node)


def _continue(session: Session, turn: _Turn, c: cmd.Continue) -> None:
    current = turn.state.current
    if turn.state.plan == KORT:
        raise CommandRejected("SHORT_PLAN_STAYS")
    if c.option not in current.explored_here():
        raise CommandRejected("NOT_EXPLORED", option=c.option)
    option = session.decision().option(c.option)
    if current.phase == "reconsider" and not current.is_revealed(AGAIN):
        _reveal(turn, AGAIN)
    to_ending = option.next in session.case().endings
    turn.emit(ev.PathContinued, node=current.node, option=c.option, to=option.next, ending=to_ending)
    turn.emit(ev.PhaseStarted, phase="record" if to_ending else "vote")


def _record_values(session: Session, turn: _Turn, c: cmd.RecordValues) -> None:
    values = _checked_values(session, turn.state, c.values, allow_empty=True)
    turn.emit(ev.LeadingValuesRecorded, values=values)


def _add_note(session: Session, turn: _Turn, c: cmd.AddNote) -> None:
    turn.emit(ev.NoteAdded, note=turn.state.current.next_note, text=_clean_text(c.text))


def _existing_note(turn: _Turn, note_id: int) -> None:
    if turn.state.current.note(note_id) is None:
        raise CommandRejected("UNKNOWN_NOTE", note=note_id)


def _edit_note(session: Session, turn: _Turn, c: cmd.EditNote) -> None:
    _existing_note(turn, c.note)
    turn.emit(ev.NoteEdited, note=c.note, text=_clean_text(c.text))


def _remove_note(session: Session, turn: _Turn, c: cmd.RemoveNote) -> None:
    _existing_note(turn, c.note)
    turn.emit(ev.NoteRemoved, note=c.note)


def _reflect(session: Session, turn: _Turn, c: cmd.WriteReflection) -> None:
    turn.emit(ev.ReflectionWritten, text=_clean_text(c.text))


def _advance(session: Session, turn: _Turn, c: cmd.AdvancePhase) -> None:
    current = turn.state.current
    phase = current.phase
    if phase == "draw":
        missing = [p for p, role in enumerate(current.roles) if role is None]
        if missing:
            raise CommandRejected("ROLES_MISSING", players=", ".join(str(p + 1) for p in missing))
        turn.emit(ev.PhaseStarted, phase="share")
    elif phase == "share":
        turn.emit(ev.PhaseStarted, phase="vote")
    elif phase == "vote":
        _reveal(turn, FIRST)
    elif phase == "explore":
        if not current.explored_here():
            raise CommandRejected("NOTHING_EXPLORED")
        turn.emit(ev.PhaseStarted, phase="reconsider")
    elif phase == "reconsider":
        _close_short_choice(turn)
    elif phase == "record":
        _after_table_steps(session, turn, "ending" if turn.state.plan == LANG else "plenary")
    elif phase == "ending":
        _after_table_steps(session, turn, "plenary")
    else:
        _end_round(session, turn)


def _close_short_choice(turn: _Turn) -> None:
    """The short plan ends its one decision after the second vote: the players who changed their mind
    are shown (the others keep their first vote), and the table records its leading values."""
    if turn.state.plan != KORT:
        raise CommandRejected("FOLLOW_AN_OPTION")
    if not turn.state.current.is_revealed(AGAIN):
        _reveal(turn, AGAIN)
    turn.emit(ev.PhaseStarted, phase="record")


def _after_table_steps(session: Session, turn: _Turn, phase: str) -> None:
    """The next step, where a table closes its round with the plenary; a learner alone has none."""
    if phase == "plenary" and turn.state.mode != "table":
        _end_round(session, turn)
    else:
        turn.emit(ev.PhaseStarted, phase=phase)


def _end_round(session: Session, turn: _Turn) -> None:
    number = turn.state.current.number
    turn.emit(ev.RoundEnded, round=number)
    if number < len(turn.state.cases):
        _start_round(session, turn, number + 1)
    else:
        turn.emit(ev.SessionEnded)


def _clock_command(event_type: type[ev.Event], needs_paused: bool | None) -> Callable:
    def handle(session: Session, turn: _Turn, c: object) -> None:
        clock = turn.state.clock
        if clock is None:
            raise CommandRejected("NO_CLOCK")
        if needs_paused is not None and clock.paused != needs_paused:
            raise CommandRejected("CLOCK_RUNNING" if needs_paused else "CLOCK_PAUSED")
        turn.emit(event_type)
    return handle


_HANDLERS: dict[type, Callable[[Session, _Turn, object], None]] = {
    cmd.StartSession: _start, cmd.DrawRole: _draw_role, cmd.PickRole: _pick_role, cmd.PickValues: _pick_values,
    cmd.FinishSharing: _finish_sharing,
    cmd.CastVote: _cast_vote, cmd.ExploreOption: _explore, cmd.GoBack: _go_back, cmd.Continue: _continue,
    cmd.RecordValues: _record_values, cmd.AddNote: _add_note, cmd.EditNote: _edit_note,
    cmd.RemoveNote: _remove_note, cmd.WriteReflection: _reflect, cmd.AdvancePhase: _advance,
    cmd.PauseClock: _clock_command(ev.ClockPaused, needs_paused=False),
    cmd.ResumeClock: _clock_command(ev.ClockResumed, needs_paused=True),
    cmd.AddMinute: _clock_command(ev.MinuteAdded, needs_paused=None),
}
