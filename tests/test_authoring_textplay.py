"""`dilemmaspel play-text`: a case as numbered text through the engine, and the random walker's coverage."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from game.app import open_library
from game.commands.cli import main
from game.scenario.loader import load_case
from game.scenario.paths import all_walks
from game.solo import export_reflections, history, unfinished_run
from game.authoring.textplay import walk_randomly

PROEF = Path(__file__).parent / "data" / "proef.yaml"
EXAMPLES = Path(__file__).parent / "examples" / "errors"
HYGIENE = Path(__file__).parents[1] / "scenarios" / "hygiene-normen.yaml"


def play(capsys, monkeypatch, answers: str, *args):
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    code = main(["play-text", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_whole_case_played_with_numbers(capsys, monkeypatch):
    # role 2 (partner), values 1 and 3, option 1, back, option 2, go on, option 1, go on
    code, out, _ = play(capsys, monkeypatch, "2\n1 3\n1\n2\n2\n1\n1\n1\n", str(PROEF))
    assert code == 0
    assert "Er is geen goed of fout." in out
    assert "Je rol: Partner" in out
    assert "  1. Autonomie: " in out
    assert "Gevolgen van: Eerst praten\nVoor de bewoner: R1." in out
    assert "Gevolgen van: De regel volgen" in out
    assert "Einde: Regel" in out and "  - Vraag 1?" in out
    assert "Jouw keuzes:\n  1. Begin: De regel volgen\n  2. Vervolg: Het team beslist" in out
    assert "Dit was het einde van de casus." in out


def test_the_text_is_plain_for_a_screen_reader(capsys, monkeypatch):
    _, out, _ = play(capsys, monkeypatch, "1\n\n3\n1\n", str(PROEF), "--role", "evv")
    assert "\x1b" not in out and "\r" not in out
    assert not re.search(r"[─│┌┐└┘═║█▶►•]", out)
    assert all(len(line) < 200 or " " in line for line in out.splitlines())
    assert "Kies 1 tot 3 (q = stoppen): 3" in out, "the answer is echoed in a transcript"


def test_q_stops_at_any_question(capsys, monkeypatch):
    code, out, _ = play(capsys, monkeypatch, "1\nq\n", str(PROEF))
    assert code == 0 and out.rstrip().endswith("Gestopt.")
    code, out, _ = play(capsys, monkeypatch, "", str(PROEF))
    assert code == 0 and out.rstrip().endswith("Gestopt."), "the end of the input stops too"


def test_a_wrong_answer_is_asked_again(capsys, monkeypatch):
    _, out, _ = play(capsys, monkeypatch, "9\nbeste\n1\n7 8\n1\nq\n", str(PROEF))
    assert out.count("Typ een nummer van 1 tot 4 en druk op Enter, of q om te stoppen.") == 2
    assert "Typ nummers van 1 tot 3 met spaties ertussen (hoogstens 5), alleen Enter, of q." in out


def test_role_from_the_command_line_and_english_messages(capsys, monkeypatch):
    code, out, _ = play(capsys, monkeypatch, "\n3\n1\nq\n", str(PROEF), "--role", "teamleider", "--lang", "en")
    assert code == 0
    assert "Vanuit welke rol" not in out and "Your role: Teamleider" in out
    assert "Consequences of: Afwachten" in out and "For the resident:" in out


def test_a_role_that_is_not_in_the_case_is_wrong_use(capsys, monkeypatch):
    code, _, err = play(capsys, monkeypatch, "", str(PROEF), "--role", "vrijwilliger")
    assert code == 2 and "bewoner, partner, evv, teamleider" in err


def test_a_broken_case_is_not_played_but_explained(capsys, monkeypatch):
    code, out, err = play(capsys, monkeypatch, "", str(EXAMPLES / "UNKNOWN_NODE.yaml"))
    assert code == 1
    assert "UNKNOWN_NODE" in out and "| " in out and "^" in out
    assert "nog fouten" in err


def test_random_walks_report_full_coverage_of_a_good_case(capsys, monkeypatch):
    code, out, err = play(capsys, monkeypatch, "", str(HYGIENE), "--random", "--runs", "200", "--seed", "7")
    assert code == 0
    assert out.splitlines()[:4] == ["Dekking van 'hygiene-normen' na 200 willekeurige wegen (seed 7):",
                                    "  beslismomenten: 4 van 4 bereikt", "  eindes: 4 van 4 bereikt",
                                    "  keuzes: 14 van 14 gekozen"]
    assert "Alles is bereikt." in out and "Mislukte wegen: geen." in out
    assert "… 100 van 200 wegen gelopen" in err and "wegen gelopen" not in out


def test_the_same_seed_gives_the_same_walks(capsys, monkeypatch):
    first = play(capsys, monkeypatch, "", str(HYGIENE), "--random", "--runs", "5", "--seed", "3")[1]
    again = play(capsys, monkeypatch, "", str(HYGIENE), "--random", "--runs", "5", "--seed", "3")[1]
    assert first == again


def test_what_few_walks_miss_is_listed_with_its_place(capsys, monkeypatch):
    code, out, _ = play(capsys, monkeypatch, "", str(HYGIENE), "--random", "--runs", "1", "--seed", "1")
    assert code == 0
    assert "Nooit bereikt:" in out
    assert re.search(r"^  scenarios/hygiene-normen\.yaml:\d+:\d+: keuze '[a-z-]+\.[a-z-]+' \(", out, re.M)
    assert re.search(r"^  scenarios/hygiene-normen\.yaml:\d+:3: einde '[a-z-]+' \(", out, re.M)


def test_a_condition_that_never_comes_true_shows_as_never_reached(capsys, monkeypatch, tmp_path):
    text = PROEF.read_text(encoding="utf-8").replace(
        "        when: [begin.praten]\n", "        when: [begin.praten]\n        unless: [begin.praten]\n")
    path = tmp_path / "nooit.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0, "the file is valid: only walking it shows the problem"
    _, out, _ = play(capsys, monkeypatch, "", str(path), "--random", "--runs", "100", "--seed", "2")
    assert "keuze 'vervolg.samen'" in out and "einde 'einde-samen'" in out


def _looping_case(tmp_path: Path) -> Path:
    """Proef with a choice at the start that leads back to the start (valid: an ending stays reachable)."""
    text = PROEF.read_text(encoding="utf-8").replace("next: einde-stil", "next: begin")
    text = text.replace("        next: begin\n        unless: [begin.wachten]", "        next: einde-stil")
    path = tmp_path / "rondje.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_walk_that_goes_round_is_reported_as_failed(decks, tmp_path):
    result = load_case(_looping_case(tmp_path), decks)
    assert result.problems == ()
    coverage = walk_randomly(result.case, decks, runs=30, seed=5, max_steps=2)
    assert coverage.failures and len(coverage.failures) < 30
    for failure in coverage.failures:
        assert "rondje" in failure.reason and failure.path[0] == ("begin", "wachten") and len(failure.path) == 2


def test_failed_walks_make_the_exit_code_1(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr("game.authoring.textplay.STEPS_PER_DECISION", 1)  # at most 3 steps for this case
    path = _looping_case(tmp_path)
    code, out, _ = play(capsys, monkeypatch, "", str(path), "--random", "--runs", "40", "--seed", "5")
    assert code == 1
    assert re.search(r"^Mislukte wegen: \d+\.$", out, re.M)
    assert re.search(r"^  weg \d+: begin\.wachten > begin\.wachten > begin\.wachten: na 3 beslismomenten nog "
                     r"geen einde", out, re.M)


@pytest.mark.parametrize("args", [["--runs", "5"], ["--random", "--runs", "0"], ["--seed", "1"]])
def test_runs_and_seed_belong_to_random(capsys, monkeypatch, args):
    assert play(capsys, monkeypatch, "", str(PROEF), *args)[0] == 2


# --- practising alone in the terminal (--solo): kept with the window's runs, with a reflection -----------------


@pytest.fixture
def practice(tmp_path, monkeypatch):
    folder = tmp_path / "practice"
    monkeypatch.setenv("DILEMMASPEL_PRACTICE", str(folder))
    return folder


def first_options_to_the_end(case_id: str) -> str:
    """The answers that choose option 1 and go on with it at every decision point of a library case."""
    scenario = open_library().case(case_id).scenario
    return "1\n1\n" * len(all_walks(scenario)[0])


def test_a_solo_run_by_case_id_is_kept_with_its_reflection(capsys, monkeypatch, practice):
    answers = "1 2\n" + first_options_to_the_end("open-deur") + "Ik twijfelde lang.\nToch koos ik voor Wim.\n\n"
    code, out, _ = play(capsys, monkeypatch, answers, "open-deur", "--solo", "--role", "evv")
    assert code == 0
    assert "Schrijf nu je eigen reflectie." in out and "Je reflectie is bewaard." in out
    runs = history(practice)[0]
    assert len(runs) == 1
    run = runs[0]
    assert (run.case, run.role, run.finished) == ("open-deur", "evv", True)
    assert run.reflection == "Ik twijfelde lang.\nToch koos ik voor Wim." and len(run.values) == 2
    assert str(run.path) in out and "Mijn oefeningen" in out
    exported = export_reflections(runs, open_library(), "md")
    assert "Ik twijfelde lang.  \nToch koos ik voor Wim." in exported


def test_a_solo_run_stopped_halfway_can_go_on_in_the_window(capsys, monkeypatch, practice):
    code, out, _ = play(capsys, monkeypatch, "1\nq\n", "open-deur", "--solo", "--role", "bewoner")
    assert code == 0 and "Gestopt." in out and "Alleen oefenen, Ga verder waar je was" in out
    run = unfinished_run(practice)
    assert run.case == "open-deur" and run.role == "bewoner" and run.values and not run.finished


def test_a_solo_run_of_a_case_file_in_english(capsys, monkeypatch, practice):
    code, out, _ = play(capsys, monkeypatch, "2\n1 3\n1\n2\n2\n1\n1\n1\nA first line\nand a second\n",
                        str(PROEF), "--solo", "--lang", "en")
    assert code == 0
    assert "Now write your own reflection." in out and "Your reflection is saved." in out
    run = history(practice)[0][0]
    assert run.finished and run.role == "partner" and run.reflection == "A first line\nand a second"
    assert run.steps[0] == ("begin", "regel")


def test_a_solo_run_without_a_reflection_is_kept_too(capsys, monkeypatch, practice):
    code, out, _ = play(capsys, monkeypatch, "2\n\n1\n1\n1\n1\n\n", str(PROEF), "--solo")
    assert code == 0 and "Geen reflectie geschreven." in out
    run = history(practice)[0][0]
    assert run.finished and run.reflection == ""


@pytest.mark.parametrize("args, message", [
    (["open-dor", "--solo"], "Bedoelde je: open-deur"),
    (["open-deur", "--solo", "--random"], "--solo speelt één oefening"),
    (["open-deur", "--solo", "--role", "kapitein"], "bewoner"),
    ([str(PROEF), "--solo", "--seed", "3"], "--solo speelt één oefening")])
def test_solo_wrong_use_says_why(capsys, monkeypatch, practice, args, message):
    code, _, err = play(capsys, monkeypatch, "", *args)
    assert code == 2 and message in err
    assert history(practice)[0] == []
