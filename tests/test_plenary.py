"""The plenary as a screen uses it: figures of all tables, filters, and a refresh while tables still play."""
from __future__ import annotations

import random
import shutil

import pytest

from game.app import open_library, start_session
from game.engine import AddNote, StartSession
from game.report.figures import Selection
from game.report.plenary import Plenary
from game.scenario.loader import BUNDLED_LIBRARY, add_case, load_case, load_library
from tests.conftest import DATA
from tests.tables import TABLE_ONE, TABLE_TWO, play_like_a_table, scripted


@pytest.fixture(scope="module")
def library():
    return open_library()


def test_a_room_of_tables_with_one_still_playing(tmp_path, library):
    for number in range(2):
        done = start_session(library, StartSession(("A", "B", "C"), ("hygiene-normen",), seed=number, plan="lang"),
                             path=tmp_path / f"klaar{number}.dilemma.db")
        play_like_a_table(done, random.Random(number))
        done.close()
    live = start_session(library, StartSession(("D", "E"), ("open-deur",), lang="en", plan="lang"),
                         path=tmp_path / "bezig.dilemma.db")
    plenary = Plenary([tmp_path], library)
    assert plenary.choices.tables == (1, 2, 3) and plenary.choices.cases == ("hygiene-normen", "open-deur")
    assert plenary.refresh() is False
    assert plenary.figures(Selection(table=3)).rounds[0].notes == ()
    assert plenary.figures().playing == 1 and plenary.figures(Selection(table=1)).playing == 0

    live.execute(AddNote("Wim wil naar buiten"))
    assert plenary.refresh() is True
    assert plenary.figures(Selection(table=3)).rounds[0].notes == ("Wim wil naar buiten",)
    assert plenary.figures(Selection(case="hygiene-normen")).tables == 2
    assert plenary.labels.case("open-deur") == "De deur staat open"  # the room's language, not the table's
    live.close()

    (tmp_path / "kapot.dilemma.db").write_bytes(b"kapot" * 100)
    assert plenary.refresh() is True
    assert [w.path.name for w in plenary.warnings] == ["kapot.dilemma.db"]
    assert plenary.choices.tables == (1, 2, 3)


def test_the_labelled_blocks_for_a_screen(tmp_path, library):
    shutil.copy(library.case("hygiene-normen").path, tmp_path / "niet-een-sessie.yaml")
    stored = start_session(library, StartSession(("A", "B"), ("hygiene-normen",), plan="lang"), path=tmp_path / "t.dilemma.db")
    play_like_a_table(stored, random.Random(5))
    stored.close()
    plenary = Plenary([tmp_path], library, "en")
    report = plenary.report(Selection(round=1))
    assert report.lang == "en" and report.anonymised
    votes = [block for section in report.sections for block in section.blocks if block.figure == "votes"]
    assert votes and votes[0].series[0].label == "first vote"
    assert votes[0].series[0].bars[0].label.startswith("A. ")


def test_an_after_exploring_column_only_where_a_table_voted_again(tmp_path, proef_book, proef):
    """By hand (tests/test_figures.py): at 'begin' table 1 voted again, at 'vervolg' neither table did."""
    scripted(proef_book, tmp_path / "een.dilemma.db", ("A", "B", "C"), TABLE_ONE).close()
    scripted(proef_book, tmp_path / "twee.dilemma.db", ("D", "E"), TABLE_TWO, 1_790_000_500.0).close()
    own = load_library(BUNDLED_LIBRARY)
    add_case(own, proef)
    votes = {block.scope["decision"]: block for section in Plenary([tmp_path], own, "nl").report().sections
             for block in section.blocks if block.figure == "votes"}
    assert [s.key for s in votes["begin"].series] == ["before", "after"]
    assert "in 1 van de 2 besprekingen opnieuw gestemd" in votes["begin"].note
    assert [s.key for s in votes["vervolg"].series] == ["before"]
    # 'samen' was open only to table 1 (it followed 'praten'): 2 of its 3 players, not 2 of all 5
    assert [bar.shown for bar in votes["vervolg"].series[0].bars] == ["2 (67%)", "2 (40%)", "0", "1 (20%)"]
    assert votes["vervolg"].note == ("In geen van de 2 besprekingen werd hier na het verkennen opnieuw gestemd: "
                                     "alleen de eerste stem telt. Keuze A stond alleen open na bepaalde eerdere keuzes: "
                                     "het percentage is van wie die keuze kon maken.")


def test_an_option_label_names_the_option_on_the_charts(tmp_path, proef_book, decks):
    """The case format's short label (at most 40 characters) stands for the option's sentence on a chart."""
    text = (DATA / "proef.yaml").read_text(encoding="utf-8")
    labelled = text.replace("      - id: praten\n", "      - id: praten\n        label: Eerst praten\n", 1)
    (tmp_path / "case").mkdir()
    (tmp_path / "case" / "proef.yaml").write_text(labelled, encoding="utf-8")
    loaded = load_case(tmp_path / "case" / "proef.yaml", decks)
    assert loaded.problems == () and loaded.case.scenario.decisions["begin"].options[0].label == "Eerst praten"
    scripted(proef_book, tmp_path / "t" / "een.dilemma.db", ("A", "B", "C"), TABLE_ONE).close()
    own = load_library(BUNDLED_LIBRARY)
    add_case(own, loaded.case)
    votes = next(block for section in Plenary([tmp_path / "t"], own, "nl").report().sections
                 for block in section.blocks if block.figure == "votes")
    assert votes.series[0].bars[0].label == "A. Eerst praten"
    too_long = text.replace("      - id: praten\n", "      - id: praten\n        label: " + "x" * 41 + "\n", 1)
    (tmp_path / "case" / "proef.yaml").write_text(too_long, encoding="utf-8")
    problems = load_case(tmp_path / "case" / "proef.yaml", decks).problems
    assert problems and (problems[0].line, problems[0].col) == (28, 16) and "40" in str(problems[0])
