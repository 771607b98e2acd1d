"""The plenary's story as a trainer leads it: table names, each table's way, who changed their mind, highlights.

Six tables play the test case ``proef`` from real session files, plus one file that is no session:
Linde, Roos and Tafel 5 play as tests/tables.py's TABLE_ONE (roles bewoner, partner, evv), Eik, Linde
(again: shown as 'Linde 2') and Duin as TABLE_TWO (evv, teamleider); the table without a name (an older
log has none) is still voting, so none of its votes count. By hand:

- ways: TABLE_ONE follows praten (A) and samen (A) to the ending 'Samen'; TABLE_TWO regel (B) and alleen (B)
  to 'Regel'; the table still voting has no way yet;
- minds changed: only the TABLE_ONE tables voted again at 'Begin': 6 players asked, the partner of each
  moved from regel (B) to praten (A): 2 of 6 (33%), both to A; first votes A 4, B 2, C 0, after A 6;
- by role (first votes): at 'Begin' bewoner praten 2 of 2, partner regel 2 of 2, evv praten 2 + regel 3,
  teamleider passed 3 (a difference of 100% between two roles of 2 votes each); at 'Vervolg' every evv
  chose alleen (5 of 5) and no bewoner (0 of 2): the same difference over more votes, so it is the largest;
- picked values (15 players, the table still voting included): veiligheid 12 (80%), autonomie 6,
  eigen-ritme 3, werkrust 3; choices (revealed first votes for an option) 18: 6 per TABLE_ONE table
  (praten favours autonomie twice, regel veiligheid once) and 2 per TABLE_TWO table (regel: veiligheid):
  veiligheid is favoured by 5 of 18 (28%): the value most picked and least followed.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace

import pytest

from game.engine import Durations, StartSession
from game.engine.events import SessionStarted, from_record, to_record
from game.report.document import build_report, way
from game.report.exports import render
from game.report.figures import Selection, table_rounds
from game.report.palette import TABLE_COLOURS
from game.scenario.loader import add_case, load_library
from game.store.log import StoredSession
from game.store.merge import gather
from tests.conftest import book_of
from tests.tables import TABLE_ONE, TABLE_TWO, scripted, ticking

START = 1_790_000_000.0
STILL_VOTING = TABLE_ONE[:10]
ROOM = (("Linde", "#0072B2", TABLE_ONE), ("Eik", "#E69F00", TABLE_TWO), ("Roos", "#009E73", TABLE_ONE),
        ("Linde", "#D55E00", TABLE_TWO), ("", "", STILL_VOTING), ("Duin", "#CC79A7", TABLE_TWO))


def named(book, path, name, colour, commands, start, rounds=1):
    stored = StoredSession.start(book, StartSession(("A", "B", "C") if commands is not TABLE_TWO else ("D", "E"),
                                                    ("proef",) * rounds, seed=7, plan="lang", table_name=name,
                                                    table_colour=colour), path=path, clock=ticking(start))
    for command in commands:
        stored.execute(command)
    stored.close()


@pytest.fixture
def library(proef):
    library = load_library()
    add_case(library, proef)
    return library


@pytest.fixture
def room(tmp_path, proef_book):
    folder = tmp_path / "usb"
    folder.mkdir()
    for number, (name, colour, commands) in enumerate(ROOM):
        named(proef_book, folder / f"tafel{number}.dilemma.db", name, colour, commands, START + 500 * number)
    (folder / "kapot.dilemma.db").write_bytes(b"kapot" * 100)
    return folder


@pytest.fixture
def report(room, library):
    return build_report(gather([room]), library, "nl")


def test_tables_are_called_by_their_names_and_colours(report):
    assert [(s.table_label, s.colour) for s in report.stories] == [
        ("Linde", "#0072B2"), ("Eik", "#E69F00"), ("Roos", "#009E73"), ("Linde 2", "#D55E00"),
        ("Tafel 5", TABLE_COLOURS[4]), ("Duin", "#CC79A7")]


def test_the_overview_gives_each_table_its_way_ending_values_and_points(report):
    (case, stories), = report.by_case()
    assert case == "Proefcasus"
    assert [way(s, "nl", letters=True, arrow=" › ") for s in stories] == [
        "A › A › Samen", "B › B › Regel", "A › A › Samen", "B › B › Regel", "–", "B › B › Regel"]
    assert way(stories[0], "nl") == "A. Eerst praten → A. Samen afspreken → Samen"
    assert [(s.leading_values, len(s.notes), s.finished) for s in stories[:2]] == [
        (("Autonomie", "Vertrouwen"), 1, True), (("Veiligheid",), 1, True)]
    assert not stories[4].finished and stories[4].decisions == ()


def test_a_table_story_has_its_route_on_the_map_and_its_votes_with_the_followed_option(report):
    linde, eik = report.stories[:2]
    assert [(n.id, n.column, n.row, n.ending) for n in linde.map.nodes] == [
        ("begin", 0, 0, False), ("vervolg", 1, 0, False), ("einde-stil", 1, 1, True), ("einde-samen", 2, 0, True),
        ("einde-regel", 2, 1, True)]
    assert ("vervolg", "begin") in linde.map.edges and len(linde.map.edges) == 5
    assert linde.visited == ("begin", "vervolg", "einde-samen") and linde.ending == "Samen"
    assert linde.steps == (("begin", "vervolg"), ("vervolg", "einde-samen"))
    begin, vervolg = linde.decisions
    assert begin.revoted and not vervolg.revoted
    assert [(o.letter, o.first, o.final, o.followed) for o in begin.options] == [
        ("A", 2, 3, True), ("B", 1, 0, False), ("C", 0, 0, False)]
    assert [(o.letter, o.first, o.followed) for o in vervolg.options] == [
        ("A", 2, True), ("B", 1, False), ("C", 0, False)]
    assert [(o.letter, o.first, o.followed) for o in eik.decisions[1].options][-1] == ("(niet gestemd)", 1, False)


def test_minds_changed_are_told_per_role_from_first_to_second_vote(report):
    minds, = report.minds
    assert (minds.decision, minds.asked, minds.changed) == ("Begin", 6, 2)
    assert minds.lines == ("Partner: 2 van B naar A",)
    assert minds.columns == (("A", 4, 6), ("B", 2, 0), ("C", 0, 0)) and minds.moves == (("B", "A", 2),)
    assert minds.legend == ("B. De regel volgen", "A. Eerst praten")


def test_the_highlights_carry_their_numbers(report):
    shift, gap, value = report.highlights
    assert shift.text == ("Bij 'Begin' (Proefcasus) kozen 2 van de 6 spelers (33%) iets anders na het verkennen. "
                          "De meesten (2) gingen naar A. Eerst praten.")
    assert gap.text == ("Bij 'Vervolg' (Proefcasus): EVV'er 5 van 5 keer (100%), Bewoner 0 van 2 keer (0%) "
                        "voor B. Het team beslist.")
    assert value.text == ("Veiligheid: 12 van de 15 keer gekozen als leidende waarde (80%), maar slechts 5 van de 18 "
                          "keuzes (28%) gingen naar een optie die Veiligheid vooropzet.")
    exported = json.loads(render(report, "json"))["highlights"]          # the numbers also as numbers
    assert [item["numbers"] for item in exported] == [
        {"changed": 2, "asked": 6, "percent": 33, "to_count": 2},
        {"high": 5, "high_base": 5, "high_percent": 100, "low": 0, "low_base": 2, "low_percent": 0},
        {"picked": 12, "pickers": 15, "picked_percent": 80, "favoured": 5, "choices": 18, "favoured_percent": 28}]


def test_with_too_few_votes_the_highlights_say_so(tmp_path, proef_book, library):
    named(proef_book, tmp_path / "een.dilemma.db", "Linde", "#0072B2", TABLE_TWO, START)
    shift, gap, value = build_report(gather([tmp_path]), library, "nl").highlights
    assert shift.text == "Niemand koos na het verkennen iets anders."
    assert gap.text.startswith("Te weinig stemmen om rollen te vergelijken")
    assert value.text.startswith("Veiligheid: 2 van de 2 keer gekozen als leidende waarde (100%), "
                                 "maar slechts 1 van de 2")


def test_the_html_report_tells_the_story_before_the_details(report):
    html = render(report, "html")
    order = [html.index(marker) for marker in ('<section class="overview">', '<section class="tables">',
                                               '<section class="minds">', '<section class="highlights">',
                                               '<section class="details">', '<section class="overall">')]
    assert order == sorted(order)
    linde = html[html.index("Linde · ronde 1"):html.index("Eik · ronde 1")]
    assert len(re.findall(r'<line [^>]*stroke="#0072B2" stroke-width="6"', linde)) == 2   # its two steps
    assert "gevolgd" in linde and "Partner: 2 van B naar A" in html
    assert 'style="background:#0072B2"' in html


def test_a_name_and_colour_are_cleaned_and_kept_through_the_log(tmp_path, proef_book):
    stored = StoredSession.start(proef_book, StartSession(("A", "B"), ("proef",), table_name=" Lin\x1bde\n" + "x" * 60,
                                                          table_colour="red;background:url(x)"),
                                 path=tmp_path / "s.dilemma.db")
    stored.close()
    resumed = StoredSession.resume(proef_book, stored.path)
    assert resumed.state.table_name == "Linde " + "x" * 34 and resumed.state.table_colour == ""
    resumed.close()


def test_an_older_log_without_a_name_reads_with_a_number_and_a_colour(tmp_path, proef_book):
    kind, at, payload = to_record(SessionStarted(session_id="s", mode="table", players=("A", "B"), cases=(),
                                                 durations=Durations(),
                                                 seed=1, lang="nl"))
    older = {key: value for key, value in json.loads(json.dumps(payload)).items() if not key.startswith("table_")}
    event = from_record(kind, at, older)
    assert (event.table_name, event.table_colour) == ("", "")
    scripted(proef_book, tmp_path / "oud.dilemma.db", ("A", "B", "C"), TABLE_ONE).close()
    state = gather([tmp_path]).sessions[0].state
    hand_edited = replace(state, table_name="Roos\x07", table_colour="url(x)")
    (r, *_rest), = [table_rounds([hand_edited])]
    assert (r.name, r.colour) == ("Roos", TABLE_COLOURS[0])


def test_sessions_list_names_each_table(room):
    listed = subprocess.run([sys.executable, "-m", "game", "sessions", "list", "--folder", str(room)],
                            capture_output=True, text=True, timeout=120)
    assert "Linde · tafel0.dilemma.db" in listed.stdout and "Eik · tafel1.dilemma.db" in listed.stdout
    assert "\ntafel4.dilemma.db  laatst:" in listed.stdout                 # an older log has no name to show


def test_a_table_of_two_rounds_has_a_story_per_round_and_its_minds_counted_over_both(tmp_path, proef_book, library):
    """One table plays TABLE_ONE in both rounds: each round has its own page; the partner moved twice."""
    named(proef_book, tmp_path / "twee.dilemma.db", "Wilg", "#009E73", TABLE_ONE + TABLE_ONE, START, rounds=2)
    gathering = gather([tmp_path])
    report = build_report(gathering, library, "nl")
    (case, stories), = report.by_case()
    assert [(s.table_label, s.round, s.ending) for s in stories] == [("Wilg", 1, "Samen"), ("Wilg", 2, "Samen")]
    minds, = report.minds
    assert (minds.asked, minds.lines) == (6, ("Partner: 2 van B naar A",))
    second = build_report(gathering, library, "nl", selection=Selection(round=2))
    assert [s.round for s in second.stories] == [2] and second.minds[0].lines == ("Partner: 1 van B naar A",)
