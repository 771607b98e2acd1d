"""The quality checks of `dilemmaspel lint`: each finding has an example, and the bundled library is clean."""
from __future__ import annotations

from pathlib import Path

import pytest

from game.commands.cli import main
from game.scenario.lint import Readability, lint_case, readability, skeleton
from game.scenario.loader import load_case, load_library
from game.scenario.problems import LINT_CODES

EXAMPLES = Path(__file__).parent / "examples" / "lint"
SEED_DILEMMAS = ("hygiene-normen", "open-deur", "familie-veel-aanwezig", "hulp-bij-eten", "dochter-belt-arts")
EXPECTED_PLACE = {"FEW_ROLES": (18, 1), "FEW_ENDINGS": (90, 1), "SHORT_PATH": (51, 15), "NO_VALUES_NAMED": (49, 9),
                  "MARKED_RIGHT": (72, 15), "NO_FACTS": (2, 1), "NO_CONTENT_NOTE": (13, 1), "HARD_TO_READ": (13, 1),
                  "LONG_SENTENCE": (15, 3), "PLACEHOLDER": (97, 9),
                  "SHORT_BRIEF": (20, 12), "JUDGING_QUESTION": (96, 9), "LONG_BRIEF": (22, 3),
                  "ROUND_TOO_LONG": (13, 1), "UNEVEN_ENDINGS": (99, 11), "LOADED_WORD": (44, 19)}


@pytest.fixture(scope="module")
def library():
    return load_library()


def test_every_lint_code_has_an_example():
    assert sorted(p.stem for p in EXAMPLES.glob("*.yaml")) == sorted(LINT_CODES) == sorted(EXPECTED_PLACE)


@pytest.mark.parametrize("code", LINT_CODES)
def test_example_is_valid_but_raises_exactly_its_finding(code, decks):
    result = load_case(EXAMPLES / f"{code}.yaml", decks)
    assert result.problems == ()
    findings = lint_case(result.case.scenario, result.case.source)
    assert [(f.code, f.line, f.col) for f in findings] == [(code, *EXPECTED_PLACE[code])]
    assert "{" not in findings[0].format("nl") and "{" not in findings[0].format("en")


def test_the_bundled_library_passes_lint(capsys):
    assert main(["lint"]) == 0
    out = capsys.readouterr().out
    assert "hygiene-normen (nl):" in out and "LIX" in out


def test_every_case_of_the_library_is_in_both_languages(library):
    dutch = {case_id for case_id, lang in library.cases if lang == "nl"}
    english = {case_id for case_id, lang in library.cases if lang == "en"}
    assert set(SEED_DILEMMAS) <= dutch
    assert english == dutch
    assert len(dutch) >= 21


def test_every_case_meets_the_bar(library):
    for (case_id, lang), case in library.cases.items():
        s = case.scenario
        assert len(s.roles) >= 4 and len(s.endings) >= 3, case_id
        assert all(3 <= len(e.reflection) <= 5 for e in s.endings.values()), case_id
        assert s.facts and all(f.source for f in s.facts), case_id
        assert readability(s).lix < 40, case_id


def test_translations_match_their_original(library):
    for (case_id, lang), case in library.cases.items():
        if lang == "en":
            assert skeleton(case.scenario) == skeleton(library.cases[(case_id, "nl")].scenario)


def test_a_mismatched_translation_is_reported_and_set_aside():
    broken = load_library(Path(__file__).parent / "examples" / "translation")
    assert [p.code for p in broken.problems] == ["TRANSLATION_MISMATCH"]
    assert ("voorbeeld-koffie", "en") not in broken.cases and ("voorbeeld-koffie", "nl") in broken.cases


def test_lix_is_words_per_sentence_plus_the_share_of_long_words():
    figures = Readability(words=20, sentences=2, long_words=5)
    assert figures.words_per_sentence == 10 and figures.lix == 35


def test_the_summary_counts_errors_apart_from_points_to_improve(capsys):
    errors = Path(__file__).parent / "examples" / "errors" / "UNKNOWN_NODE.yaml"
    assert main(["lint", str(EXAMPLES / "MARKED_RIGHT.yaml"), str(errors)]) == 1
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary == "2 bestanden gecontroleerd: 1 fout(en) en 1 verbeterpunt(en) in 2 bestand(en)."


def test_each_long_sentence_is_reported_at_its_own_place(decks, tmp_path):
    text = (EXAMPLES / "LONG_SENTENCE.yaml").read_text(encoding="utf-8")
    long_one = next(line for line in text.splitlines() if len(line.split()) > 35).strip()
    second = long_one.replace("Zijn zoon Peter", "Ook zijn dochter Anna", 1)
    three = text.replace("  Op dat moment helpt", f"  {second} Een korte zin. {second}\n  Op dat moment helpt", 1)
    (tmp_path / "drie.yaml").write_text(three, encoding="utf-8")
    result = load_case(tmp_path / "drie.yaml", decks)
    findings = lint_case(result.case.scenario, result.case.source)
    second_col = 3 + len(second) + len(" Een korte zin. ")
    assert [(f.code, f.line, f.col) for f in findings] == [("LONG_SENTENCE", 15, 3), ("LONG_SENTENCE", 16, 3),
                                                           ("LONG_SENTENCE", 16, second_col)]
    assert findings[1].params["start"].startswith("Ook zijn dochter Anna")


@pytest.mark.parametrize("question", ["Was dit de goede keuze?", "Wat had je beter moeten doen?",
                                      "Hadden jullie het anders moeten aanpakken?", "Was this the right choice?",
                                      "What should the team have done?"])
def test_a_question_that_judges_the_choice_is_found(question, decks, tmp_path):
    assert [f.code for f in _lint_with(("      - Wie houdt nu het overzicht?", f"      - {question}"), decks=decks, tmp_path=tmp_path)] \
        == ["JUDGING_QUESTION"]


@pytest.mark.parametrize("question", ["Wanneer zou het plan weer anders moeten?", "Wat vond je goed aan deze keuze?",
                                      "Who feels responsible if it goes wrong after all?"])
def test_an_open_question_about_right_and_wrong_is_no_judgement(question, decks, tmp_path):
    assert _lint_with(("      - Wie houdt nu het overzicht?", f"      - {question}"), decks=decks, tmp_path=tmp_path) == []


@pytest.mark.parametrize("brief, found", [("Rust.", True), ("Rust en koffie.", False), ("Koffie drinken", True)])
def test_a_brief_of_one_or_two_words_is_found(brief, found, decks, tmp_path):
    findings = _lint_with(("    wants: Rustig koffie drinken met zijn zoon.", f"    wants: {brief}"), decks=decks, tmp_path=tmp_path)
    assert [f.code for f in findings] == (["SHORT_BRIEF"] if found else [])


@pytest.mark.parametrize("family, found", [("Peter voelt zich eindelijk welkom.", "eindelijk"),
                                           ("Peter gaat Met Aandacht Voor Allebei aan tafel.", "met aandacht voor allebei"),
                                           ("Peter is ongelukkig met de regel.", None),
                                           ("Peter voelt zich welkom, finally.", None)])
def test_a_loaded_word_is_found_as_a_whole_word_of_the_cases_language(family, found, decks, tmp_path):
    findings = _lint_with(("          family: Peter voelt zich welkom.", f"          family: {family}"), decks=decks, tmp_path=tmp_path)
    assert [f.params["word"] for f in findings if f.code == "LOADED_WORD"] == ([found] if found else [])


def test_an_english_case_is_read_against_the_english_words(decks, tmp_path):
    findings = _lint_with(("lang: nl", "lang: en"), ("Peter voelt zich welkom.", "Peter finally feels welcome."),
                          decks=decks, tmp_path=tmp_path)
    assert [(f.code, f.params["word"]) for f in findings] == [("LOADED_WORD", "finally")]


@pytest.mark.parametrize("words, found", [(12, False), (13, True)])
def test_endings_may_differ_up_to_half_again_in_length(words, found, decks, tmp_path):
    # The shortest ending ("Een open huis") has 8 words; 12 is one and a half times that.
    text = " ".join(["Er zijn duidelijke tijden voor bezoek met koffie"] + ["en"] * (words - 8)) + "."
    findings = _lint_with(("    text: Er zijn duidelijke tijden voor bezoek met koffie.", f"    text: {text}"), decks=decks, tmp_path=tmp_path)
    assert [f.code for f in findings] == (["UNEVEN_ENDINGS"] if found else [])


def _lint_with(*changes: tuple[str, str], decks, tmp_path) -> list:
    """The findings of the clean example case with one line (or a few) changed."""
    text = (EXAMPLES / "JUDGING_QUESTION.yaml").read_text(encoding="utf-8")
    changed = text.replace("      - Was dit de goede keuze?", "      - Wie houdt nu het overzicht?")
    for old, new in changes:
        assert old in changed
        changed = changed.replace(old, new, 1)
    (tmp_path / "case.yaml").write_text(changed, encoding="utf-8")
    result = load_case(tmp_path / "case.yaml", decks)
    return lint_case(result.case.scenario, result.case.source)
