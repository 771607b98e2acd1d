"""A player that knows the rules: offers commands that fit the moment, for random play-throughs."""
from __future__ import annotations

import random

from game.engine import (AddMinute, AddNote, AdvancePhase, CastVote, CommandRejected, Continue, DrawRole, EditNote, ExploreOption,
                         FinishSharing, GoBack, PauseClock, PickRole, PickValues, RecordValues, ResumeClock, Session,
                         WriteReflection)
from game.engine.state import SessionState
from game.scenario.plans import STEP_OF_PHASE


def fitting_commands(session: Session, rng: random.Random) -> list:
    """Commands that fit the current phase; most are accepted, a few may be refused (that is fine)."""
    state = session.state
    current = state.current
    players = range(len(state.players))
    phase = state.phase
    values = sorted(session.book.values_for(current.case)) if current else []
    found: list = []
    if phase == "draw":
        without = [p for p in players if current.roles[p] is None]
        found += [DrawRole(p) for p in without]
        found += [PickRole(p, rng.choice(current.case_roles)) for p in without]
        if not without:
            found.append(AdvancePhase())
    elif phase == "share":
        found += [PickValues(p, tuple(rng.sample(values, rng.randint(1, 3)))) for p in players]
        found += [FinishSharing(p) for p in players]
        found.append(AdvancePhase())
    elif phase in ("vote", "reconsider"):
        options = list(session.available_options()) + [None]
        found += [CastVote(p, rng.choice(options)) for p in players]
        if phase == "vote":
            found.append(AdvancePhase())
    if phase in ("explore", "reconsider"):
        found += [ExploreOption(o) for o in session.available_options()]
        found += [Continue(o) for o in current.explored_here()]
        found += [GoBack()] if current.viewing else []
        found += [AdvancePhase()] if phase == "explore" and current.explored_here() else []
        found += [AdvancePhase()] if phase == "reconsider" and state.plan == "kort" else []
    if phase == "plenary":
        found.append(AdvancePhase())
    if phase in ("record", "ending"):
        found += [RecordValues(tuple(rng.sample(values, rng.randint(0, 3)))), AdvancePhase()]
    if phase == "ending":
        found.append(WriteReflection(f"reflectie {state.events}"))
    if current and phase not in ("setup", "finished"):
        found.append(AddNote(f"punt {state.events}"))
        found += [EditNote(n.id, f"beter {state.events}") for n in current.notes[:1]]
        if STEP_OF_PHASE[state.plan].get(phase):
            found.append(ResumeClock() if state.clock and state.clock.paused else rng.choice([PauseClock(), AddMinute()]))
    return found


def play_randomly(session: Session, rng: random.Random, steps: int, execute=None, on_accept=None) -> SessionState:
    """Up to ``steps`` accepted commands, or until the session ends; ``execute`` may be a logging one."""
    execute = execute or session.execute
    accepted = 0
    while accepted < steps and not session.state.finished:
        command = rng.choice(fitting_commands(session, rng))
        try:
            events = execute(command)
        except CommandRejected:
            continue
        accepted += 1
        if on_accept:
            on_accept(command, events)
    return session.state
