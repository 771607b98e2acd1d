"""The golden paths: scripted sessions of five players on the starter case, from set-up to the end,
checked event by event against transcripts in tests/golden/: two rounds of the long plan (the whole
branching case) and one round of the short plan (the core decision point in 15 minutes).

After an intended change to the engine or the case, rewrite the transcripts with
``UPDATE_GOLDEN=1 pytest tests/test_golden_session.py`` and read the diff before committing them."""
from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest

from game.engine import (AddNote, AdvancePhase, CastVote, Continue, DrawRole, EditNote, ExploreOption, GoBack,
                         PauseClock, PickRole, PickValues, RecordValues, ResumeClock, StartSession)
from game.engine.events import to_record
from game.scenario.loader import load_library
from game.store.log import StoredSession
from tests.conftest import book_of

GOLDEN = Path(__file__).parent / "golden"
PLAYERS = ("Tafel A1", "Tafel A2", "Tafel A3", "Tafel A4", "Tafel A5")


def votes(*options):
    return [CastVote(p, option) for p, option in enumerate(options)]


ROUND_ONE = [
    *(DrawRole(p) for p in range(5)), AdvancePhase(),
    PickValues(0, ("autonomie", "waardigheid")), PickValues(1, ("zorgzaamheid", "eigen-regie")),
    PickValues(2, ("professionele-verantwoordelijkheid", "gezondheid")), PickValues(3, ("vertrouwen",)),
    PickValues(4, ("kwaliteit-van-zorg", "veiligheid")), AdvancePhase(),
    *votes("washand", "washand", "samen-leren", None, "douchen"),
    ExploreOption("washand"), GoBack(), ExploreOption("samen-leren"), AdvancePhase(),
    CastVote(0, "samen-leren"), CastVote(4, "samen-leren"), Continue("samen-leren"),
    *votes("douche-erbij", "instructie", "douche-erbij", "douche-erbij", "instructie"),
    ExploreOption("douche-erbij"), Continue("douche-erbij"),
    *votes("mix-houden", "annie-doet-het", "mix-houden", "gerrit-kiest", "mix-houden"),
    ExploreOption("mix-houden"), ExploreOption("gerrit-kiest"), Continue("mix-houden"),
    RecordValues(("autonomie", "zorgzaamheid", "gezondheid")),
    AddNote("Annie wil zorgen; hoe houden we haar rug heel?"), AddNote("Wie beslist over de douche?"),
    EditNote(2, "Wie beslist over de douche: Gerrit, Annie of het team?"), AdvancePhase(), AdvancePhase(),
    AdvancePhase(),
]
ROUND_TWO = [
    PickRole(0, "teamleider"), *(DrawRole(p) for p in range(1, 5)), AdvancePhase(), PauseClock(), ResumeClock(),
    PickValues(0, ("werkrust",)), AdvancePhase(),
    CastVote(0, "douchen"), CastVote(1, "douchen"), AdvancePhase(),
    ExploreOption("douchen"), Continue("douchen"),
    *votes("vasthouden", "vasthouden", "washand-team", "vasthouden", None),
    ExploreOption("vasthouden"), Continue("vasthouden"),
    RecordValues(("kwaliteit-van-zorg", "veiligheid")), AddNote("De afstand tussen Annie en het team groeit."),
    AdvancePhase(), AdvancePhase(), AdvancePhase(),
]
# The short plan: roles drawn in turn, values picked aloud, one hidden vote, two options explored,
# one player changes their mind, leading values and a point, then the plenary.
KORT_ROUND = [
    *(DrawRole(p) for p in range(5)), AdvancePhase(),
    PickValues(2, ("professionele-verantwoordelijkheid",)), PickValues(0, ("autonomie", "waardigheid")),
    PickValues(1, ("zorgzaamheid",)), PickValues(4, ("veiligheid",)), PickValues(3, ("vertrouwen",)),
    AdvancePhase(),
    *votes("washand", "washand", "samen-leren", "douchen", "douchen"),
    ExploreOption("washand"), GoBack(), ExploreOption("douchen"), GoBack(), AdvancePhase(),
    CastVote(3, "samen-leren"), AdvancePhase(),
    RecordValues(("autonomie", "veiligheid")), AddNote("Mag Annie het zelf blijven doen?"), AdvancePhase(),
    AdvancePhase(),
]
TRANSCRIPTS = {
    "table_two_rounds.jsonl": ("lang", ("hygiene-normen", "hygiene-normen"), ROUND_ONE + ROUND_TWO),
    "table_kort_round.jsonl": ("kort", ("hygiene-normen",), KORT_ROUND),
}


def play(tmp_path: Path, plan: str, cases: tuple[str, ...], commands: list) -> list[list]:
    library = load_library()
    case = library.case("hygiene-normen")
    book = book_of(library.decks, case)
    ticks = itertools.count(0)
    stored = StoredSession.start(book, StartSession(PLAYERS, cases, seed=2026, plan=plan, table_name="Linde",
                                                    table_colour="#009E73"),
                                 path=tmp_path / "golden.dilemma.db",
                                 clock=lambda: 1_790_000_000.0 + 10 * next(ticks), new_id=lambda: "golden")
    for command in commands:
        stored.execute(command)
    assert stored.state.finished
    stored.close()
    resumed = StoredSession.resume(book, stored.path)
    lines = [list(to_record(event)) for event in resumed.log.events()]
    resumed.close()
    for ref in lines[0][2]["cases"]:
        assert ref["digest"] == case.digest
        ref["digest"] = "<digest of the case file>"  # so that a corrected typo in the case keeps the transcript
    return lines


@pytest.mark.parametrize("name", TRANSCRIPTS)
def test_a_scripted_session_matches_its_transcript(tmp_path, name):
    lines = play(tmp_path, *TRANSCRIPTS[name])
    text = "".join(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n" for line in lines)
    if os.environ.get("UPDATE_GOLDEN"):
        (GOLDEN / name).write_text(text, encoding="utf-8")
        pytest.skip("golden transcript rewritten")
    assert text == (GOLDEN / name).read_text(encoding="utf-8")
