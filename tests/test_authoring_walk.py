"""What a trainer's walk through the guide turned up: beginner's mistakes whose message did not lead to the fix.

Each test writes the mistake into a real file, the way a beginner makes it, and checks what the trainer reads.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from game.commands.cli import main
from game.scenario.lint import MAX_WORDS_IN_A_SENTENCE, lint_case
from game.scenario.loader import load_case
from tests.test_authoring_guide import CASE  # the guide's worked example: valid, clean, every part reached

OPTION = "text: Ze blijft vandaag binnen, en het team belt eerst met Els."


def write(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    text = CASE
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    file = tmp_path / "zelf-naar-de-markt.yaml"
    file.write_text(text, encoding="utf-8")
    return file


def problems(file: Path, decks):
    return load_case(file, decks).problems


def findings(file: Path, decks):
    result = load_case(file, decks)
    assert result.problems == ()
    return lint_case(result.case.scenario, result.case.source)


def test_a_tab_replaced_by_too_few_spaces_is_an_indentation_problem_not_a_colon_in_a_text(tmp_path, decks):
    file = write(tmp_path, ("    question: ", "  question: "))
    [problem] = problems(file, decks)
    lines = file.read_text(encoding="utf-8").splitlines()
    question = next(n for n, line in enumerate(lines, 1) if line.startswith("  question: "))
    assert (problem.code, problem.line, problem.col) == ("YAML_SYNTAX", question + 1, 5)   # at 'options', not its colon
    assert problem.hint_variant == "key_too_deep"
    assert f"regel {question}" in problem.hint("nl") and "dubbele punt" not in problem.hint("nl")
    assert f"line {question}" in problem.hint("en")


def test_a_key_indented_too_far_is_found_at_the_key(tmp_path, decks):
    file = tmp_path / "mijn-casus.yaml"
    file.write_text("id: mijn-casus\ntitle: Mijn casus\n  theme: privacy\n", encoding="utf-8")
    [problem] = problems(file, decks)
    assert (problem.line, problem.col, problem.hint_variant) == (3, 3, "key_too_deep")
    assert "regel 2" in problem.hint("nl")


def test_a_colon_in_a_text_still_gets_the_quotes_hint(tmp_path, decks):
    file = write(tmp_path, ("title: Zelf naar de markt", "title: Dilemma: zelf naar de markt"))
    [problem] = problems(file, decks)
    assert problem.hint_variant == "colon" and "aanhalingstekens" in problem.hint("nl")


def test_an_ending_reached_only_from_a_part_never_reached_names_that_part(tmp_path, decks):
    """'No option leads here' was wrong when an option does lead here, from a part the table never gets to."""
    file = write(tmp_path, ("next: gesprek", "next: na-de-markt"), ("next: gesprek", "next: vaste-marktdag"))
    found = {p.params["id"]: p for p in problems(file, decks) if p.code == "UNREACHABLE_NODE"}
    assert sorted(found) == ["gesprek", "markt-binnen"]
    assert found["gesprek"].hint_variant == "" and "Geen keuze leidt hierheen" in found["gesprek"].hint("nl")
    assert found["markt-binnen"].hint_variant == "via"
    assert "alleen keuzes bij 'gesprek'" in found["markt-binnen"].hint("nl")
    assert "Only options at 'gesprek'" in found["markt-binnen"].hint("en")
    assert all("{" not in p.format(lang) for p in found.values() for lang in ("nl", "en"))


@pytest.mark.parametrize("text", ["De beste oplossing: ze blijft binnen.", "Het juiste is dat ze binnen blijft.",
                                  "Ze blijft binnen; dat is het verstandigste."])
def test_an_option_that_names_itself_the_best_reads_as_the_right_answer(tmp_path, decks, text):
    file = write(tmp_path, (OPTION, f'text: "{text}"'))
    assert [f.code for f in findings(file, decks)] == ["MARKED_RIGHT"]


def test_everyday_words_near_best_are_not_marked(tmp_path, decks):
    file = write(tmp_path, (OPTION, "text: Ze blijft binnen; dat is best lastig, en het team doet zijn best."))
    assert findings(file, decks) == []


def test_one_sentence_too_long_to_read_out_is_found_even_when_the_average_is_fine(tmp_path, decks):
    long = " ".join(["Ze loopt"] + ["nog een stukje"] * 12) + "."
    file = write(tmp_path, (OPTION, f"text: {long}"))
    [finding] = findings(file, decks)
    assert finding.code == "LONG_SENTENCE" and finding.params["words"] > MAX_WORDS_IN_A_SENTENCE
    assert "Ze loopt nog een stukje" in finding.message("nl") and "decisions > " in finding.message("nl")


def test_the_new_file_keeps_the_watch_command_on_one_line_to_copy(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    case_id = "een-casus-met-een-lange-naam-over-de-appgroep-van-familie"
    assert main(["new", case_id]) == 0
    lines = (tmp_path / f"{case_id}.yaml").read_text(encoding="utf-8").splitlines()
    assert f"#   dilemmaspel validate --watch {case_id}.yaml" in lines
