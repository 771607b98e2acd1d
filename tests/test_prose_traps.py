"""The YAML traps of Dutch prose: a case written by a trainer, with one line changed as a trainer would write it.

Each test takes a real case (a copy of a library case kept in tests/data, so that editing the library does
not move the lines these tests change), changes one line, writes the file and loads it as ``validate`` does.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from game.scenario import model
from game.scenario.lint import lint_case
from game.scenario.loader import load_case, load_deck

BASE = (Path(__file__).parent / "data" / "prose-base.yaml").read_text(encoding="utf-8")
TITLE = "title: De deur staat open"
QUESTION = "    question: Wat zeg je tegen Ingrid?"


def line_of(text: str, start: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def load_changed(tmp_path, decks, old: str, new: str):
    assert old in BASE
    text = BASE.replace(old, new, 1)
    path = tmp_path / "open-deur.yaml"
    path.write_text(text, encoding="utf-8")
    return load_case(path, decks), text


def places(result) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.col) for p in result.problems]


# --- a '#' in plain text ---------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, kept", [
    (TITLE, "title: Kamer #14 en #15", "Kamer"),
    (TITLE, "title: Kamer 14 # en 15", "Kamer 14"),
    (TITLE, "title: Het is #1", "Het is"),
    (QUESTION, "    question: Wat zeg je tegen\n      Ingrid over kamer #14?", "Wat zeg je tegen Ingrid over kamer"),
    ("  - text: Het perspectief van de familie respecteren", "  - text: Het perspectief van de familie #1",
     "Het perspectief van de familie"),
])
def test_a_hash_in_plain_text_is_reported_at_the_hash(tmp_path, decks, old, new, kept):
    result, text = load_changed(tmp_path, decks, old, new)
    with_hash = next(line for line in new.split("\n") if "#" in line)
    assert places(result) == [("TEXT_CUT_BY_HASH", line_of(text, with_hash), with_hash.index(" #") + 2)]
    assert result.problems[0].params["kept"] == kept
    assert result.case is None, "a cut text is not played"


def test_a_text_wrapped_before_a_hash_is_reported_on_the_next_line(tmp_path, decks):
    result, text = load_changed(tmp_path, decks, QUESTION, "    question: Wat zeg je tegen Ingrid over kamer\n      #14?")
    assert places(result) == [("TEXT_CUT_BY_HASH", line_of(text, "      #14?"), 7)]


@pytest.mark.parametrize("old, new", [
    (TITLE, "title: De deur staat open  # werktitel, nog aanpassen"),  # written as a comment: meant
    (TITLE, "title: \"Kamer #14 en #15\""),
    (TITLE, "title: |\n  Kamer #14 en #15"),
    (TITLE, "# Kamer #14 en #15\n" + TITLE),
    ("        next: incident", "        next: incident #14"),  # not a text a player reads
    ("    values: [veiligheid, betrokkenheid]", "    values: [veiligheid, betrokkenheid] #twee"),
    (QUESTION, QUESTION + "\n    # een opmerking onder de vraag"),
])
def test_a_comment_that_is_clearly_one_is_left_alone(tmp_path, decks, old, new):
    result, _ = load_changed(tmp_path, decks, old, new)
    assert result.problems == ()


def test_a_hash_in_a_deck_card_is_reported(tmp_path):
    path = tmp_path / "values.yaml"
    path.write_text("rust:\n  name: Rust\n  line: Stilte na #22 uur.\n", encoding="utf-8")
    _cards, problems = load_deck(path)
    assert [(p.code, p.line, p.col) for p in problems] == [("TEXT_CUT_BY_HASH", 3, 19)]


# --- a text that starts with a quote -----------------------------------------------------------------------

@pytest.mark.parametrize("new, quote", [
    ("    question: 's Nachts, wat zeg je tegen Ingrid?", "'"),  # closed by the next ' many lines later
    ("    question: \"Ik maak het af\", zegt Astrid.", '"'),  # closed early, text left over
    ("    question: \"Ik maak het af, zegt Astrid.", '"'),  # runs on to a quote far below
])
def test_a_text_that_starts_with_a_quote_is_reported_where_the_quote_opened(tmp_path, decks, new, quote):
    result, text = load_changed(tmp_path, decks, QUESTION, new)
    assert places(result) == [("TEXT_STARTS_WITH_QUOTE", line_of(text, "    question:"), 15)]
    assert result.problems[0].params["quote"] == quote
    assert "aanhalingstekens" in result.problems[0].hint("nl")


def test_a_quote_never_closed_is_reported_where_it_opened(tmp_path, decks):
    path = tmp_path / "open.yaml"
    path.write_text("id: open\ntheme: één thema\ntitle: 's Nachts\n", encoding="utf-8")
    result = load_case(path, decks)
    assert places(result) == [("TEXT_STARTS_WITH_QUOTE", 3, 8)]
    assert result.problems[0].params["quote"] == "'"


@pytest.mark.parametrize("new, variant", [
    ("title: De deur: open", "colon"),
    ("title: \"De deur van C:\\data\"", "escape"),  # a quote that opens a text, but the escape is the trouble
])
def test_other_syntax_errors_keep_their_own_message(tmp_path, decks, new, variant):
    result, _ = load_changed(tmp_path, decks, TITLE, new)
    assert [(p.code, p.hint_variant) for p in result.problems] == [("YAML_SYNTAX", variant)]


# --- text that YAML reads as something else ------------------------------------------------------------------

@pytest.mark.parametrize("written, found", [
    ("2024", "een geheel getal"), ("12:30", "een geheel getal"), ("1.5", "een getal"),
    ("2024-03-01", "een datum of tijd"), ("true", "true of false"),
])
def test_text_read_as_a_number_date_or_bool_asks_for_quotes(tmp_path, decks, written, found):
    result, text = load_changed(tmp_path, decks, QUESTION, f"    question: {written}")
    assert places(result) == [("TEXT_NEEDS_QUOTES", line_of(text, "    question:"), 15)]
    problem = result.problems[0]
    assert f"'{written}' als {found}" in problem.message("nl")
    assert f'"{written}"' in problem.hint("nl")


def test_a_year_in_a_list_of_texts_asks_for_quotes(tmp_path, decks):
    result, text = load_changed(tmp_path, decks, "sources:\n", "sources:\n  - 2019\n")
    assert places(result) == [("TEXT_NEEDS_QUOTES", line_of(text, "  - 2019"), 5)]


# --- Dutch keys and follow-on errors ---------------------------------------------------------------------

@pytest.mark.parametrize("old, new, key, meant", [
    ("  bewoner:\n    knows:", "  bewoner:\n    weet:", "weet", "knows"),
    ("  bewoner:\n    knows:", "  bewoner:\n    kennis:", "kennis", "knows"),
    ("    wants: |\n      Je wilt naar buiten", "    wil: |\n      Je wilt naar buiten", "wil", "wants"),
    ("    fears: |\n      Je bent bang dat je", "    angst: |\n      Je bent bang dat je", "angst", "fears"),
    (QUESTION, "    vraag: Wat zeg je tegen Ingrid?", "vraag", "question"),
    ("    options:", "    keuzes:", "keuzes", "options"),
    ("    options:", "    opties:", "opties", "options"),
    ("        next: incident", "        volgende: incident", "volgende", "next"),
    ("        consequences:", "        gevolgen:", "gevolgen", "consequences"),
    ("          resident:", "          bewoner:", "bewoner", "resident"),
    ("roles:", "rollen:", "rollen", "roles"),
    ("decisions:", "beslismomenten:", "beslismomenten", "decisions"),
    ("endings:", "eindes:", "eindes", "endings"),
    ("facts:", "feiten:", "feiten", "facts"),
    (TITLE, "titel: De deur staat open", "titel", "title"),
])
def test_a_dutch_key_gets_its_english_key_and_nothing_else(tmp_path, decks, old, new, key, meant):
    result, text = load_changed(tmp_path, decks, old, new)
    with_key = next(line for line in new.split("\n") if line.lstrip().startswith(f"{key}:"))
    assert places(result) == [("UNKNOWN_KEY", line_of(text, with_key), with_key.index(key) + 1)]
    assert (result.problems[0].params["key"], result.problems[0].params["suggestion"]) == (key, meant)
    assert f"'{meant}'" in result.problems[0].hint("nl")


def test_dutch_question_and_options_give_two_problems_not_eleven(tmp_path, decks):
    result, _ = load_changed(tmp_path, decks, "    question: Wat zeg je tegen Ingrid?\n    options:",
                             "    vraag: Wat zeg je tegen Ingrid?\n    keuzes:")
    assert [(p.code, p.params["suggestion"]) for p in result.problems] == [
        ("UNKNOWN_KEY", "question"), ("UNKNOWN_KEY", "options")]


def test_a_missing_block_is_one_problem(tmp_path, decks):
    start = BASE.index("endings:")
    end = BASE.index("\nfacts:")
    path = tmp_path / "open-deur.yaml"
    path.write_text(BASE[:start] + BASE[end + 1:], encoding="utf-8")
    assert [p.code for p in load_case(path, decks).problems] == ["MISSING_FIELD"]


def test_a_renamed_part_gives_its_broken_links_not_unreachable_parts_as_well(tmp_path, decks):
    result, _ = load_changed(tmp_path, decks, "  onrust:\n", "  onrust-los:\n")
    assert [p.code for p in result.problems] == ["UNKNOWN_NODE"]


def test_a_part_no_option_leads_to_is_still_unreachable(tmp_path, decks):
    result, text = load_changed(tmp_path, decks, "        next: onrust", "        next: wandelen")
    assert places(result) == [("UNREACHABLE_NODE", line_of(text, "  onrust:"), 3)]


def test_every_key_of_the_model_has_a_dutch_word():
    from game.scenario.validation import DUTCH_KEYS
    keys = {name for part in vars(model).values() if isinstance(part, type) and issubclass(part, BaseModel)
            for name in part.model_fields}
    meant = {key for keys_meant in DUTCH_KEYS.values() for key in keys_meant}
    assert keys - meant <= {"team"}, "team is the same word in Dutch"
    assert all(isinstance(words, tuple) and words for words in DUTCH_KEYS.values())


# --- guillemets ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("inner, flagged", [
    ("Ik ga even een blokje om", False),  # the author's own quotation
    ("Titel van de casus", True),  # the wording `new` writes, in Dutch
    ("Title of the case", True),  # and in English
    ("titel  van de  casus", True),  # spacing and capitals do not hide it
])
def test_only_the_templates_own_wording_between_guillemets_is_example_text(tmp_path, decks, inner, flagged):
    old = '"Ik ga even een blokje om", zegt hij dan.'
    result, text = load_changed(tmp_path, decks, old, f"«{inner}», zegt hij dan.")
    assert result.problems == ()
    findings = [f for f in lint_case(result.case.scenario, result.case.source) if f.code == "PLACEHOLDER"]
    assert [(f.line, f.params["where"]) for f in findings] == ([(line_of(text, "intro:"), "intro")] if flagged else [])


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_other_line_endings_do_not_hide_a_cut_text(tmp_path, decks, line_end):
    path = tmp_path / "open-deur.yaml"
    text = BASE.replace(TITLE, "title: Kamer #14 en #15", 1)
    path.write_bytes(text.replace("\n", line_end).encode("utf-8"))
    assert places(load_case(path, decks)) == [("TEXT_CUT_BY_HASH", line_of(text, "title:"), 14)]
