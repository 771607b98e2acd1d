"""Round plans: the short plan plays the core decision point in the time the training gives, the long
plan the whole case; every step has its own clock, and the round knows how much of its time is left.

Each test runs in memory and through a real SQLite log with a replay after every command."""
from __future__ import annotations

import pytest

from game.engine import (AddMinute, AdvancePhase, CastVote, CommandRejected, Continue, DrawRole, ExploreOption,
                         GoBack, PauseClock, PickValues, RecordValues, ResumeClock, Session, StartSession)
from game.engine.session import CaseBook
from tests.engine_harness import Table

FIVE = ("Ans", "Bas", "Cor", "Dewi", "Eef")


@pytest.fixture(params=["memory", "sqlite"])
def table(request, proef_book, tmp_path):
    tables = []

    def make(book=proef_book, players=FIVE, **options):
        t = Table(book, request.param, tmp_path / f"t{len(tables)}", StartSession(players, ("proef",), seed=3, **options))
        tables.append(t)
        return t

    yield make
    for t in tables:
        t.close()


def with_core(book: CaseBook, core: str) -> CaseBook:
    case = book.cases["proef"].model_copy(update={"core": core})
    return CaseBook({"proef": case}, book.digests, book.values)


def refused(t: Table, command) -> str:
    with pytest.raises(CommandRejected) as caught:
        t.do(command)
    return caught.value.code


def play_short_round(t: Table, changers: dict[int, str]) -> None:
    players = range(len(t.state.players))
    t.do(*(DrawRole(p) for p in players), AdvancePhase())
    t.do(*(PickValues(p, ("autonomie",)) for p in reversed(players)), AdvancePhase())
    t.do(*(CastVote(p, "praten" if p % 2 else "regel") for p in players))
    t.do(ExploreOption("praten"), GoBack(), ExploreOption("regel"), AdvancePhase())
    t.do(*(CastVote(p, option) for p, option in changers.items()), AdvancePhase())
    t.do(RecordValues(("autonomie",)), AdvancePhase())


def test_the_short_plan_is_the_default_and_plays_the_core_decision_point_only(table):
    t = table()
    assert t.state.plan == "kort" and t.state.current.node == "begin"
    play_short_round(t, {0: "praten"})
    assert t.state.phase == "plenary" and t.state.current.path == () and t.state.current.ending is None
    t.do(AdvancePhase())
    assert t.state.finished


def test_the_short_plan_starts_at_the_marked_core_decision_point(table, proef_book):
    case = proef_book.cases["proef"]
    t = table(book=with_core(proef_book, "vervolg"))
    assert t.state.current.node == "vervolg" == t.state.rounds[0].node
    assert Session(with_core(proef_book, "vervolg")).book.cases["proef"].core_id() == "vervolg"
    assert case.core_id() == "begin"  # without a mark: the first decision point


def test_the_short_plan_never_follows_an_option_to_a_later_point(table):
    t = table()
    t.do(*(DrawRole(p) for p in range(5)), AdvancePhase(), AdvancePhase())
    t.do(*(CastVote(p, "praten") for p in range(5)), ExploreOption("praten"))
    assert refused(t, Continue("praten")) == "SHORT_PLAN_STAYS"


def test_only_the_players_who_change_their_mind_vote_again_and_the_others_keep_their_first_vote(table):
    t = table()
    play_short_round(t, {0: "praten", 2: "wachten"})
    r = t.state.current
    assert r.votes_at("first") == {0: "regel", 1: "praten", 2: "regel", 3: "praten", 4: "regel"}
    assert r.is_revealed("again", 0)
    assert r.final_votes(0) == {0: "praten", 1: "praten", 2: "wachten", 3: "praten", 4: "regel"}


def test_nobody_changing_still_closes_the_second_vote(table):
    t = table()
    play_short_round(t, {})
    r = t.state.current
    assert r.is_revealed("again", 0) and r.final_votes(0) == r.votes_at("first", 0)


@pytest.mark.parametrize("options,handoffs", [
    ({}, 10),                                   # roles in turn and the hidden vote: 2 per player
    ({"hidden_values": True}, 15),               # values picked in private too
    ({"open_vote": True}, 5),                    # the table votes aloud: only the roles are private
    ({"hidden_values": True, "open_vote": True}, 10),
])
def test_hand_offs_of_a_short_round_of_five(table, options, handoffs):
    t = table(**options)
    play_short_round(t, {1: "regel", 3: "regel"})
    assert t.state.current.handoffs == handoffs


def test_a_player_who_picks_values_again_in_private_is_not_a_new_hand_off(table):
    t = table(hidden_values=True)
    t.do(*(DrawRole(p) for p in range(5)), AdvancePhase())
    t.do(PickValues(0, ("autonomie",)), PickValues(0, ("autonomie", "rust")), PickValues(1, ("rust",)))
    assert t.state.current.handoffs == 5 + 2


def test_the_round_knows_its_time_and_what_is_left(table):
    t = table()
    assert t.state.current.budget == 15 * 60
    start = t.now
    t.do(*(DrawRole(p) for p in range(5)))
    assert t.state.round_left(t.now) == pytest.approx(15 * 60 - (t.now - start))
    t.now += 200  # the roles took longer than their minute
    t.do(AdvancePhase())
    assert t.state.clock.step == "share"
    assert t.state.round_left(t.now) == pytest.approx(15 * 60 - (t.now - start))
    t.do(AddMinute())  # a minute more for this step, not for the round
    assert t.state.clock.duration == 240
    assert t.state.round_left(t.now) == pytest.approx(15 * 60 - (t.now - start))


def test_a_paused_clock_pauses_the_round_too(table):
    t = table()
    started = t.state.clock.started_at
    t.do(PauseClock())
    paused_at = t.now
    t.now += 500
    t.do(ResumeClock())
    assert t.state.round_left(t.now) == pytest.approx(15 * 60 - (paused_at - started))


def test_the_long_plan_gives_each_decision_a_vote_and_an_explore_step_and_ends_with_the_plenary(table):
    t = table(plan="lang")
    # proef: the paths pass 1 or 2 decision points; the middle one of its three paths passes 2
    assert t.state.current.budget == 60 + 180 + 2 * (120 + 180) + 180 + 180 + 300
    t.do(*(DrawRole(p) for p in range(5)), AdvancePhase(), AdvancePhase())
    steps = [t.state.clock.step]
    t.do(*(CastVote(p, "praten") for p in range(5)))
    steps.append(t.state.clock.step)
    t.do(ExploreOption("praten"), Continue("praten"))
    steps.append(t.state.clock.step)
    t.do(*(CastVote(p, "alleen") for p in range(5)), ExploreOption("alleen"), Continue("alleen"))
    steps.append(t.state.clock.step)
    t.do(AdvancePhase())
    steps.append(t.state.clock.step)
    t.do(AdvancePhase())
    steps.append(t.state.clock.step)
    assert steps == ["vote", "explore", "vote", "record", "ending", "plenary"]
    assert [p.option for p in t.state.current.path] == ["praten", "alleen"]


def test_the_long_plan_follows_an_option_rather_than_ending_the_decision(table):
    t = table(plan="lang")
    t.do(*(DrawRole(p) for p in range(5)), AdvancePhase(), AdvancePhase())
    t.do(*(CastVote(p, "praten") for p in range(5)), ExploreOption("praten"), AdvancePhase())
    assert refused(t, AdvancePhase()) == "FOLLOW_AN_OPTION"


def test_most_voted_counts_the_votes_as_they_stand_and_gives_a_tie_as_several(table):
    t = table(plan="lang")
    t.do(*(DrawRole(p) for p in range(5)), AdvancePhase(), AdvancePhase())
    t.do(CastVote(0, "praten"), CastVote(1, "praten"), CastVote(2, "regel"), CastVote(3, "regel"),
         CastVote(4, None))
    assert set(t.state.current.most_voted()) == {"praten", "regel"}
    t.do(ExploreOption("regel"), AdvancePhase(), CastVote(1, "regel"))
    assert t.state.current.most_voted() == ("regel",)   # a change said aloud counts before the vote closes
    t.do(Continue("regel"))
    assert t.state.rounds[-1].final_votes(0)[1] == "regel"


def test_a_learner_alone_plays_the_whole_case_without_a_plenary(proef_book):
    session = Session(proef_book)
    session.execute(StartSession(("Ik",), ("proef",), mode="solo", plan="kort"))
    assert session.state.plan == "lang"
    assert session.state.current.budget == 60 + 180 + 2 * (120 + 180) + 180 + 180


def test_an_unknown_plan_is_refused(proef_book):
    with pytest.raises(CommandRejected) as caught:
        Session(proef_book).execute(StartSession(("a", "b"), ("proef",), plan="middel"))
    assert caught.value.code == "UNKNOWN_PLAN" and "kort" in caught.value.message("nl")


def test_a_step_that_ran_over_is_known_in_the_steps_after_it(table):
    t = table()
    t.do(*(DrawRole(p) for p in range(5)))
    assert not t.state.current.ran_over()
    t.now += 200  # the roles took minutes longer than their one minute
    t.do(AdvancePhase())
    assert t.state.current.ran_over()
    assert t.state.current.given == 60 and t.state.current.used > 200
