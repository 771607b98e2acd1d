"""Random sequences of commands, legal and not: refused ones change nothing, accepted ones keep every
invariant, and the log of any run replays to the same state."""
from __future__ import annotations

import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import (AddMinute, AddNote, AdvancePhase, CastVote, CommandRejected, Continue, DrawRole,
                         EditNote, ExploreOption, GoBack, PauseClock, PickRole, PickValues, RecordValues,
                         RemoveNote, ResumeClock, Session, StartSession, WriteReflection, replay)
from game.engine.events import from_record, to_record
from tests.bot import fitting_commands
from tests.invariants import check_invariants

players = st.integers(min_value=-1, max_value=7)
options = st.sampled_from(["praten", "regel", "wachten", "samen", "alleen", "terug", "onzin", None])
values = st.lists(st.sampled_from(["autonomie", "veiligheid", "rust", "eigen-ritme", "onzin"]), max_size=7)
texts = st.text(max_size=30)
any_command = st.one_of(
    st.builds(StartSession, st.lists(st.text(max_size=5), max_size=8).map(tuple),
              st.lists(st.sampled_from(["proef", "onzin"]), max_size=4).map(tuple),
              mode=st.sampled_from(["table", "solo", "x"]), plan=st.sampled_from(["kort", "lang", "x"]),
              hidden_values=st.booleans(), open_vote=st.booleans()),
    st.builds(DrawRole, players), st.builds(PickRole, players, st.sampled_from(["partner", "evv", "opa"])),
    st.builds(PickValues, players, values.map(tuple)), st.builds(CastVote, players, options),
    st.builds(ExploreOption, options), st.just(GoBack()), st.builds(Continue, options),
    st.builds(RecordValues, values.map(tuple)), st.builds(AddNote, texts),
    st.builds(EditNote, st.integers(0, 4), texts), st.builds(RemoveNote, st.integers(0, 4)),
    st.builds(WriteReflection, texts), st.just(AdvancePhase()), st.just(PauseClock()), st.just(ResumeClock()),
    st.just(AddMinute()),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), seed=st.integers(0, 2**16))
def test_random_commands_keep_the_state_consistent(proef_book, data, seed):
    ticks = iter(range(10**6))
    session = Session(proef_book, clock=lambda: float(next(ticks)), new_id=lambda: "p")
    rng = random.Random(seed)
    log = []
    if data.draw(st.booleans()):
        log += session.execute(StartSession(("a", "b", "c"), ("proef", "proef"), seed=seed,
                                            plan=data.draw(st.sampled_from(["kort", "lang"]))))
    for _ in range(data.draw(st.integers(1, 80))):
        fitting = fitting_commands(session, rng) if session.state.started else []
        if fitting and data.draw(st.integers(0, 3)) > 0:
            command = rng.choice(fitting)
        else:
            command = data.draw(any_command)
        before = session.state
        try:
            log += session.execute(command)
        except CommandRejected as refused:
            assert session.state is before
            assert refused.message("nl") and refused.message("en")
        check_invariants(session.state, proef_book)
    records = json.loads(json.dumps([to_record(e) for e in log]))
    assert replay(from_record(*r) for r in records) == session.state
