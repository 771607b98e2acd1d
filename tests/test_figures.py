"""The plenary's figures against numbers worked out by hand, from real session files.

Table 1 (three players) and table 2 (two players) play the test case ``proef``
(tests/tables.py has their commands). By hand:

- leading values: table 1 recorded autonomie + vertrouwen, table 2 veiligheid: each 1 of 2 rounds;
- picked: autonomie 2, veiligheid 4, eigen-ritme 1, werkrust 1, of 5 players;
- 'begin' first votes: praten 2, regel 2, wachten 0, passed 1 (of 5); after exploring table 1's
  partner switched from regel to praten: praten 3, regel 1, passed 1; 1 of 2 tables voted again;
- 'vervolg': samen 2, alleen 2, terug 0, not voted 1 (table 2 showed the votes before E voted),
  nobody voted again; 'samen' is only open after 'begin.praten', which table 1 followed and table 2 did
  not: its share is of table 1's 3 players;
- by role at 'begin': bewoner praten, partner regel, evv praten + regel, teamleider passed;
- picked vs favoured: 8 choices by players with values; the four at 'begin' each favour one of
  the voter's own values, the four at 'vervolg' favour nothing: 4 of 8 match; praten favours
  autonomie (chosen twice), regel veiligheid (twice).
"""
from __future__ import annotations

import pytest

from game.engine import AddNote, EditNote, RemoveNote, StartSession
from game.report.figures import (FINAL, FIRST, NOT_VOTED, Selection, Tally, ValueMatch, choices, figures,
                                 perspective_gaps, table_rounds, values_vs_choices)
from game.scenario.loader import load_library
from game.store.log import StoredSession
from game.store.merge import gather
from tests.conftest import book_of
from tests.tables import TABLE_ONE, TABLE_TWO, scripted
from tests.test_golden_session import PLAYERS, ROUND_ONE, ROUND_TWO


@pytest.fixture
def two_tables(tmp_path, proef_book):
    for name, players, commands, start in (("een", ("A", "B", "C"), TABLE_ONE, 1_790_000_000.0),
                                           ("twee", ("D", "E"), TABLE_TWO, 1_790_000_500.0)):
        scripted(proef_book, tmp_path / f"{name}.dilemma.db", players, commands, start).close()
    return table_rounds(s.state for s in gather([tmp_path]).sessions)


@pytest.fixture
def cases(proef):
    return {"proef": proef.scenario}


def bars(tallies):
    return [(t.key, t.count, t.base) for t in tallies]


def test_tables_are_numbered_in_the_order_they_started(two_tables):
    assert [(r.table, r.round, r.case, r.players) for r in two_tables] == [(1, 1, "proef", ("A", "B", "C")),
                                                                           (2, 1, "proef", ("D", "E"))]
    assert choices(two_tables).tables == (1, 2) and choices(two_tables).cases == ("proef",)


def test_the_values_that_led_the_choices(two_tables, cases):
    values = figures(two_tables, cases).values
    assert bars(values.leading) == [("autonomie", 1, 2), ("veiligheid", 1, 2), ("vertrouwen", 1, 2)]
    assert bars(values.picked) == [("veiligheid", 4, 5), ("autonomie", 2, 5), ("eigen-ritme", 1, 5),
                                   ("werkrust", 1, 5)]
    assert values.picked[0].share == 0.8


def test_how_the_votes_split_before_and_after_exploring(two_tables, cases):
    begin, vervolg = figures(two_tables, cases).votes
    assert (begin.node, begin.visits, begin.revoted, begin.changed) == ("begin", 2, 1, 1)
    assert bars(begin.before) == [("praten", 2, 5), ("regel", 2, 5), ("wachten", 0, 5), (None, 1, 5)]
    assert bars(begin.after) == [("praten", 3, 5), ("regel", 1, 5), ("wachten", 0, 5), (None, 1, 5)]
    assert (vervolg.node, vervolg.visits, vervolg.revoted, vervolg.changed) == ("vervolg", 2, 0, 0)
    assert bars(vervolg.before) == bars(vervolg.after) == [("samen", 2, 3), ("alleen", 2, 5), ("terug", 0, 5),
                                                          (NOT_VOTED, 1, 5)]
    assert vervolg.conditional == ("samen",) and begin.conditional == ()


def test_the_perspective_gap_shows_choices_by_role(two_tables, cases):
    begin, vervolg = figures(two_tables, cases).perspectives
    assert begin.options == ("praten", "regel", "wachten", None)
    by_role = {role.role: [(t.key, t.count) for t in role.choices if t.count] for role in begin.roles}
    assert list(by_role) == ["bewoner", "partner", "evv", "teamleider"]  # the order of the case file
    assert by_role == {"bewoner": [("praten", 1)], "partner": [("regel", 1)],
                       "evv": [("praten", 1), ("regel", 1)], "teamleider": [(None, 1)]}
    assert {role.role: role.choices[0].base for role in vervolg.roles} == {"bewoner": 1, "partner": 1, "evv": 2,
                                                                           "teamleider": 0}  # E did not vote


def test_by_role_after_exploring_the_partner_moved_over(two_tables, cases):
    first = perspective_gaps(two_tables, cases)[0]
    final = perspective_gaps(two_tables, cases, stage=FINAL)[0]
    assert first.roles[1].role == final.roles[1].role == "partner"
    assert first.roles[1].choices[:2] == (Tally("praten", 0, 1), Tally("regel", 1, 1))
    assert final.roles[1].choices[:2] == (Tally("praten", 1, 1), Tally("regel", 0, 1))


def test_picked_values_against_the_values_of_the_chosen_options(two_tables, cases):
    match = values_vs_choices(two_tables, cases)
    assert (match.choices, match.matching, match.unknown) == (8, 4, 0)
    assert match.values == (ValueMatch("veiligheid", 4, 2), ValueMatch("autonomie", 2, 2),
                            ValueMatch("eigen-ritme", 1, 0), ValueMatch("werkrust", 1, 0))


def test_an_option_the_case_no_longer_has_is_counted_apart(two_tables, cases, proef):
    edited = proef.scenario.model_copy(update={"decisions": {
        "begin": proef.scenario.decisions["begin"].model_copy(
            update={"options": proef.scenario.decisions["begin"].options[1:]}),
        "vervolg": proef.scenario.decisions["vervolg"]}})
    match = values_vs_choices(two_tables, {"proef": edited})
    assert (match.choices, match.matching, match.unknown) == (6, 2, 2)
    assert figures(two_tables, {}).votes[0].before[0].key == "praten"  # a case not in the library still counts


def test_filters_by_table_case_and_round(two_tables, cases):
    second = figures(two_tables, cases, Selection(table=2))
    assert second.tables == 1 and second.players == 2
    assert bars(second.values.leading) == [("veiligheid", 1, 1)]
    assert bars(second.votes[0].before) == [("praten", 0, 2), ("regel", 1, 2), ("wachten", 0, 2), (None, 1, 2)]
    assert figures(two_tables, cases, Selection(case="elders")).rounds == ()
    assert figures(two_tables, cases, Selection(round=2)).votes == ()


def test_discussion_points_are_the_notes_as_they_stand_at_the_end(tmp_path, proef_book, cases):
    notes = [AddNote("eerste"), AddNote("tweede"), EditNote(2, "eerste, beter gezegd"), RemoveNote(3)]
    commands = TABLE_TWO[:-3] + notes + TABLE_TWO[-3:]
    scripted(proef_book, tmp_path / "t.dilemma.db", ("D", "E"), commands).close()
    (r,) = figures(table_rounds(s.state for s in gather([tmp_path]).sessions), cases).rounds
    assert r.notes == ("De regel geeft rust, maar voor wie?", "eerste, beter gezegd")
    assert r.ending == "einde-regel" and [step.option for step in r.path] == ["regel", "alleen"]


def test_a_vote_not_yet_revealed_stays_hidden(tmp_path, proef_book, cases):
    scripted(proef_book, tmp_path / "bezig.dilemma.db", ("A", "B", "C"), TABLE_ONE[:10]).close()
    (r,) = table_rounds(s.state for s in gather([tmp_path]).sessions)
    assert r.visits == () and not r.finished
    assert figures([r], cases).votes == ()
    assert bars(figures([r], cases).values.picked)[0] == ("autonomie", 2, 3)


def test_the_golden_session_per_round(tmp_path):
    library = load_library()
    book_cases = {"hygiene-normen": library.case("hygiene-normen").scenario}
    book = book_of(library.decks, library.case("hygiene-normen"))
    scripted(book, tmp_path / "g.dilemma.db", PLAYERS, ROUND_ONE + ROUND_TWO,
             cases=("hygiene-normen", "hygiene-normen")).close()
    rounds = table_rounds(s.state for s in gather([tmp_path]).sessions)
    first = figures(rounds, book_cases, Selection(round=1))
    wish = first.votes[0]
    assert (wish.node, wish.revoted, wish.changed) == ("begin", 1, 2)
    assert [(t.key, t.count) for t in wish.before] == [("washand", 2), ("samen-leren", 1), ("douchen", 1), (None, 1)]
    assert [(t.key, t.count) for t in wish.after] == [("washand", 1), ("samen-leren", 3), ("douchen", 0), (None, 1)]
    second = figures(rounds, book_cases, Selection(round=2))
    assert bars(second.values.leading) == [("kwaliteit-van-zorg", 1, 1), ("veiligheid", 1, 1)]
    assert [(t.key, t.count) for t in second.votes[0].before] == [("washand", 0), ("samen-leren", 0),
                                                                 ("douchen", 2), (NOT_VOTED, 3)]
    assert second.rounds[0].notes == ("De afstand tussen Annie en het team groeit.",)
    assert choices(rounds).rounds == (1, 2)


def test_solo_runs_are_left_out(tmp_path, proef_book):
    solo = StartSession(("Ik",), ("proef",), mode="solo")
    StoredSession.start(proef_book, solo, path=tmp_path / "s.dilemma.db").close()
    assert table_rounds(s.state for s in gather([tmp_path]).sessions) == ()


def test_first_is_the_default_stage(two_tables, cases):
    assert values_vs_choices(two_tables, cases) == values_vs_choices(two_tables, cases, stage=FIRST)
    assert values_vs_choices(two_tables, cases, stage=FINAL).choices == 8
