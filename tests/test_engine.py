"""The rules of a session. Every test runs twice: in memory, and through a real SQLite log
that is reopened and replayed after every command (the replayed state must be equal)."""
from __future__ import annotations

import unicodedata

import pytest

from game.engine import (AddMinute, AddNote, AdvancePhase, CastVote, CommandRejected, Continue, Durations,
                         DrawRole, EditNote, ExploreOption, FinishSharing, GoBack, PauseClock, PickRole, PickValues,
                         RecordValues, RemoveNote, ResumeClock, Session, StartSession, WriteReflection)
from game.engine import events as ev
from game.engine.state import replay
from tests.engine_harness import Table


@pytest.fixture(params=["memory", "sqlite"])
def table(request, proef_book, tmp_path):
    tables = []

    def make(players=("Ans", "Bas", "Cor"), cases=("proef",), **options):
        options.setdefault("plan", "lang")
        t = Table(proef_book, request.param, tmp_path / f"t{len(tables)}",
                  StartSession(players, cases, seed=7, **options))
        tables.append(t)
        return t

    yield make
    for t in tables:
        t.close()


def rejected(t: Table, command) -> str:
    before = t.state
    with pytest.raises(CommandRejected) as caught:
        t.do(command)
    assert t.state is before or t.state == before, "a refused command changes nothing"
    return caught.value.code


def to_vote(t: Table) -> None:
    t.do(*(DrawRole(p) for p in range(len(t.state.players))), AdvancePhase(), AdvancePhase())


def all_vote(t: Table, option: str) -> None:
    t.do(*(CastVote(p, option) for p in range(len(t.state.players))))


@pytest.mark.parametrize("mode,players", [("table", 1), ("table", 8), ("solo", 2), ("solo", 0)])
def test_player_count_is_checked(proef_book, mode, players):
    session = Session(proef_book)
    with pytest.raises(CommandRejected) as caught:
        session.execute(StartSession(("x",) * players, ("proef",), mode=mode, plan="lang"))
    assert caught.value.code == "PLAYER_COUNT"


@pytest.mark.parametrize("cases,code", [((), "ROUND_COUNT"), (("proef",) * 4, "ROUND_COUNT"),
                                        (("bestaat-niet",), "UNKNOWN_CASE")])
def test_rounds_and_cases_are_checked(proef_book, cases, code):
    with pytest.raises(CommandRejected) as caught:
        Session(proef_book).execute(StartSession(("a", "b"), cases, plan="lang"))
    assert caught.value.code == code


def test_defaults_follow_the_paper_game(table):
    t = table()
    assert t.state.durations == Durations(draw=60, share=180, choose=180, record=180, plenary=300)
    assert t.state.phase == "draw"
    assert t.state.clock.step == "draw" and t.state.clock.duration == 60
    assert [c.id for c in t.state.cases] == ["proef"]
    assert t.state.cases[0].version == 2 and len(t.state.cases[0].digest) == 16


def test_wrong_phase_names_what_was_expected(table):
    t = table()
    with pytest.raises(CommandRejected) as caught:
        t.do(CastVote(0, "praten"))
    error = caught.value
    assert error.code == "WRONG_PHASE"
    assert "DrawRole" in error.params["expected"] and "PickRole" in error.params["expected"]
    assert "rollen trekken" in error.message("nl") and "drawing roles" in error.message("en")


def test_draw_is_reproducible_and_does_not_repeat_while_roles_last(proef_book, tmp_path):
    def roles(seed):
        s = Session(proef_book, new_id=lambda: "x")
        s.execute(StartSession(tuple("abcde"), ("proef",), seed=seed, plan="lang"))
        for p in range(5):
            s.execute(DrawRole(p))
        return s.state.current.roles

    first = roles(3)
    assert first == roles(3)
    assert sorted(set(first[:4])) == sorted(proef_book.cases["proef"].roles)
    assert first[4] in proef_book.cases["proef"].roles
    assert any(roles(seed) != first for seed in range(4, 10))


def test_a_player_may_pick_a_role_but_only_once(table):
    t = table()
    t.do(PickRole(0, "partner"))
    assert t.state.current.roles[0] == "partner" and t.state.current.drawn[0] is False
    assert rejected(t, DrawRole(0)) == "HAS_ROLE"
    assert rejected(t, PickRole(1, "opa")) == "UNKNOWN_ROLE"
    assert rejected(t, DrawRole(9)) == "UNKNOWN_PLAYER"
    assert rejected(t, AdvancePhase()) == "ROLES_MISSING"


def test_values_are_checked_and_replaced(table):
    t = table()
    t.do(DrawRole(0), DrawRole(1), DrawRole(2), AdvancePhase())
    t.do(PickValues(0, ("autonomie", "eigen-ritme")))
    t.do(PickValues(0, ("veiligheid",)))
    assert t.state.current.values[0] == ("veiligheid",)
    assert rejected(t, PickValues(1, ("vrijheid",))) == "UNKNOWN_VALUE"
    assert rejected(t, PickValues(1, ())) == "NO_VALUES"
    assert rejected(t, PickValues(1, ("autonomie", "veiligheid", "privacy", "rust", "vertrouwen", "waardigheid"))) \
        == "TOO_MANY_VALUES"


def test_votes_stay_hidden_until_everyone_voted(table):
    t = table()
    to_vote(t)
    t.do(CastVote(0, "praten"), CastVote(1, "regel"))
    t.do(CastVote(0, "regel"))
    current = t.state.current
    assert not current.is_revealed("first") and current.phase == "vote"
    assert current.votes_at("first") == {0: "regel", 1: "regel"}
    t.do(CastVote(2, None))
    current = t.state.current
    assert current.is_revealed("first") and current.phase == "explore"
    assert current.votes_at("first") == {0: "regel", 1: "regel", 2: None}


def test_showing_the_votes_early_leaves_who_did_not_vote_without_a_vote_never_passed(table):
    t = table()
    to_vote(t)
    t.do(CastVote(0, None), CastVote(1, "wachten"))
    shown = t.do(AdvancePhase())
    assert [type(e).__name__ for e in shown] == ["VotesShownEarly", "PhaseStarted"]
    assert shown[0].not_voted == (2,)
    assert t.state.current.votes_at("first") == {0: None, 1: "wachten"}   # Ans passed; Cor did not vote
    assert t.state.current.is_revealed("first") and t.state.phase == "explore"


def test_an_old_log_that_listed_non_voters_as_passed_reads_them_as_not_voted(proef_book):
    session = Session(proef_book)
    events = session.execute(StartSession(("Ans", "Bas"), ("proef",), seed=7))
    for command in (DrawRole(0), DrawRole(1), AdvancePhase(), AdvancePhase(), CastVote(1, "regel")):
        events += session.execute(command)
    old = ev.VotesRevealed(node="begin", step=0, stage="first", passed=(0,))  # what early showing once wrote
    state = replay(events + [old])
    assert state.current.votes_at("first") == {1: "regel"} and state.current.is_revealed("first")


def test_the_pick_of_values_stays_open_until_the_player_passes_the_screen_on(table):
    t = table()
    t.do(*(DrawRole(p) for p in range(3)), AdvancePhase(), PickValues(0, ("autonomie",)))
    assert t.state.current.sharing() == 0, "picking a value does not end the pick"
    t.do(FinishSharing(0))
    assert t.state.current.sharing() == 1
    t.do(FinishSharing(1), FinishSharing(2))
    assert t.state.current.sharing() is None
    assert rejected(t, FinishSharing(5)) == "UNKNOWN_PLAYER"


def test_exploring_keeps_every_path_and_going_back_closes_the_view(table):
    t = table()
    to_vote(t)
    all_vote(t, "praten")
    assert rejected(t, Continue("praten")) == "NOT_EXPLORED"
    assert rejected(t, GoBack()) == "NOTHING_OPEN"
    assert rejected(t, AdvancePhase()) == "NOTHING_EXPLORED"
    t.do(ExploreOption("regel"))
    assert t.state.current.viewing == "regel"
    t.do(GoBack(), ExploreOption("praten"))
    assert t.state.current.explored_here() == ("regel", "praten")
    t.do(Continue("praten"))
    current = t.state.current
    assert (current.node, current.step, current.phase) == ("vervolg", 1, "vote")
    assert [(s.node, s.option, s.to) for s in current.path] == [("begin", "praten", "vervolg")]


def test_conditions_on_earlier_choices(table, proef_book):
    t = table()
    to_vote(t)
    all_vote(t, "regel")
    t.do(ExploreOption("regel"), Continue("regel"))
    assert rejected(t, CastVote(0, "samen")) == "UNKNOWN_OPTION"
    assert Session.available_options(t.session) == ("alleen", "terug")


def test_reconsidering_keeps_both_votes(table):
    t = table()
    to_vote(t)
    all_vote(t, "regel")
    t.do(ExploreOption("praten"), AdvancePhase())
    assert t.state.phase == "reconsider"
    t.do(CastVote(0, "praten"))
    assert not t.state.current.is_revealed("again")
    t.do(Continue("praten"))
    previous = t.state.current
    assert previous.votes_at("first", step=0) == {0: "regel", 1: "regel", 2: "regel"}
    assert previous.votes_at("again", step=0) == {0: "praten"}
    assert previous.is_revealed("again", step=0)


def test_a_loop_back_opens_a_new_vote(table):
    t = table()
    to_vote(t)
    all_vote(t, "praten")
    t.do(ExploreOption("praten"), Continue("praten"))
    all_vote(t, "terug")
    t.do(ExploreOption("terug"), Continue("terug"))
    current = t.state.current
    assert (current.node, current.step, current.phase) == ("begin", 2, "vote")
    assert current.votes_at("first") == {}
    assert current.votes_at("first", step=0) == {0: "praten", 1: "praten", 2: "praten"}


def test_reaching_an_ending_leads_to_recording_then_the_ending(table):
    t = table()
    to_vote(t)
    all_vote(t, "wachten")
    t.do(ExploreOption("wachten"), Continue("wachten"))
    assert (t.state.phase, t.state.current.ending) == ("record", "einde-stil")
    assert t.state.clock.step == "record" and t.state.clock.duration == 180
    t.do(RecordValues(("rust", "eigen-ritme")), AdvancePhase())
    assert t.state.phase == "ending" and (t.state.clock.step, t.state.clock.duration) == ("ending", 180)
    t.do(RecordValues(("rust",)))
    assert t.state.current.leading_values == ("rust",)
    t.do(AdvancePhase())
    assert t.state.phase == "plenary" and (t.state.clock.step, t.state.clock.duration) == ("plenary", 300)
    t.do(AdvancePhase())
    assert t.state.finished
    assert rejected(t, PauseClock()) == "WRONG_PHASE"


def test_notes_can_be_added_edited_and_removed_during_the_round(table):
    t = table()
    decomposed = unicodedata.normalize("NFD", "Één reünie")
    t.do(AddNote("  eerste punt "), AddNote(decomposed))
    t.do(EditNote(1, "eerste punt, beter"), RemoveNote(2))
    notes = t.state.current.notes
    assert [(n.id, n.text) for n in notes] == [(1, "eerste punt, beter")]
    t.do(AddNote("derde"))
    assert [n.id for n in t.state.current.notes] == [1, 3]
    assert rejected(t, AddNote("   ")) == "EMPTY_TEXT"
    assert rejected(t, AddNote("x" * 2001)) == "TEXT_TOO_LONG"
    assert rejected(t, EditNote(2, "weg")) == "UNKNOWN_NOTE"
    t.do(EditNote(3, decomposed))
    assert t.state.current.note(3).text == unicodedata.normalize("NFC", decomposed)


def test_the_clock_pauses_resumes_and_grows_by_a_minute(table):
    t = table()
    t.do(PauseClock())
    paused_at = t.state.clock.paused_at
    assert rejected(t, PauseClock()) == "CLOCK_PAUSED"
    t.now += 30
    t.do(ResumeClock())
    clock = t.state.clock
    assert clock.paused_total >= 30 and not clock.paused
    t.do(AddMinute())
    assert t.state.clock.duration == 120
    assert rejected(t, ResumeClock()) == "CLOCK_RUNNING"
    assert t.state.clock.left(paused_at) > 60


def test_in_the_short_plan_one_clock_runs_across_vote_explore_and_reconsider(table):
    t = table(plan="kort")
    to_vote(t)
    started = t.state.clock.started_at
    all_vote(t, "praten")
    t.do(ExploreOption("praten"), AdvancePhase())
    assert t.state.clock.step == "choose" and t.state.clock.started_at == started


def test_in_the_long_plan_each_decision_has_a_vote_step_and_an_explore_step(table):
    t = table()
    to_vote(t)
    assert (t.state.clock.step, t.state.clock.duration) == ("vote", 120)
    all_vote(t, "praten")
    assert (t.state.clock.step, t.state.clock.duration) == ("explore", 180)
    t.do(ExploreOption("praten"), AdvancePhase())
    assert t.state.clock.step == "explore"
    t.do(Continue("praten"))
    assert t.state.clock.step == "vote" and t.state.current.node == "vervolg"


def test_two_rounds_then_the_end(table):
    t = table(cases=("proef", "proef"))
    for round_number in (1, 2):
        to_vote(t)
        all_vote(t, "wachten")
        t.do(ExploreOption("wachten"), Continue("wachten"), AdvancePhase(), AdvancePhase(), AdvancePhase())
    assert t.state.finished and t.state.phase == "finished"
    assert [r.number for r in t.state.rounds] == [1, 2]
    assert rejected(t, AddNote("te laat")) == "WRONG_PHASE"


def test_a_solo_run_uses_the_same_rules(table):
    t = table(players=("Ik",), mode="solo")
    t.do(PickRole(0, "evv"), AdvancePhase(), PickValues(0, ("vertrouwen",)), AdvancePhase())
    t.do(CastVote(0, "praten"))
    assert t.state.phase == "explore" and t.state.current.is_revealed("first")
    t.do(ExploreOption("praten"), Continue("praten"), CastVote(0, "samen"), ExploreOption("samen"),
         Continue("samen"), AdvancePhase(), WriteReflection("Ik leerde dat praten helpt."))
    assert t.state.current.reflection == "Ik leerde dat praten helpt."
    assert t.state.current.ending == "einde-samen"


def test_a_snapshot_never_changes_afterwards(table):
    t = table()
    snapshot = t.state
    copy = repr(snapshot)
    t.do(DrawRole(0), AddNote("iets"))
    assert repr(snapshot) == copy and t.state is not snapshot
