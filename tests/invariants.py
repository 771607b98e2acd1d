"""What must hold for every state a session can reach."""
from __future__ import annotations

from game.engine import CaseBook
from game.engine.state import FIRST, PHASES, SessionState
from game.scenario.plans import STEP_OF_PHASE


def check_invariants(state: SessionState, book: CaseBook) -> None:
    assert state.phase in PHASES + ("setup", "finished")
    assert len(state.rounds) <= len(state.cases)
    for number, current in enumerate(state.rounds, start=1):
        assert current.number == number and current.case == state.cases[number - 1].id
        _check_round(state, current, book.cases[current.case], is_last=number == len(state.rounds))
    if state.started and not state.finished:
        step = STEP_OF_PHASE[state.plan][state.phase]
        assert (state.clock is None) == (step is None)
        assert state.clock is None or state.clock.step == step


def _check_round(state, current, case, is_last) -> None:
    players = len(state.players)
    assert len(current.roles) == len(current.values) == players
    assert all(role is None or role in case.roles for role in current.roles)
    if current.phase != "draw" or not is_last:
        assert None not in current.roles
    assert all(len(v) <= 5 for v in current.values)
    node = case.start_id() if state.plan == "lang" else case.core_id()
    assert state.plan == "lang" or current.path == ()
    for step in current.path:
        assert step.node == node
        assert case.decisions[step.node].option(step.option).next == step.to
        node = step.to
    assert current.node == node
    assert (current.ending is not None) == (current.node in case.endings)
    if state.plan == "lang":
        assert (current.phase in ("record", "ending", "plenary")) == (current.ending is not None)
    else:
        assert current.ending is None
    for vote in current.votes:
        assert 0 <= vote.player < players
        assert vote.option is None or case.decisions[vote.node].option(vote.option) is not None
    for step, _stage in current.revealed:  # shown early, a player may have no vote (never a made-up pass)
        assert set(current.votes_at(FIRST, step)) <= set(range(players))
    assert set(current.shared) <= set(range(players)) and len(set(current.shared)) == len(current.shared)
    ids = [n.id for n in current.notes]
    assert ids == sorted(set(ids)) and all(n.text.strip() for n in current.notes)
    assert current.viewing is None or current.viewing in current.explored_here()
