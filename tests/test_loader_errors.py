"""Every problem code has an example file that raises exactly that code, at the right place."""
from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.loader import load_case, load_library
from game.scenario.problems import CODES

EXAMPLES = Path(__file__).parent / "examples" / "errors"
EXPECTED_PLACE = {
    "FILE_UNREADABLE": (1, 1), "FILE_TOO_LARGE": (1, 1), "FILE_ENCODING": (11, 27), "FILE_EMPTY": (1, 1),
    "YAML_SYNTAX": (4, 13), "YAML_TOO_COMPLEX": (6, 4), "WRONG_TYPE": (3, 10), "MISSING_FIELD": (2, 1),
    "UNKNOWN_KEY": (4, 1), "INVALID_VALUE": (2, 5), "DUPLICATE_ID": (73, 3), "UNKNOWN_NODE": (29, 15),
    "UNKNOWN_ROLE": (17, 3), "UNKNOWN_VALUE": (32, 21), "UNKNOWN_OPTION": (49, 16), "OPTION_COUNT": (46, 7),
    "REFLECTION_COUNT": (72, 17), "OPTION_NO_NEXT": (33, 9), "NO_FREE_OPTION": (46, 7),
    "UNREACHABLE_NODE": (61, 3), "NO_ENDING": (46, 3), "TRANSLATION_MISMATCH": (61, 5),
    "ASSET_PATH": (6, 8), "FILE_NAME_ID": (2, 5), "CORE_OPTIONS": (13, 7), "TEXT_STARTS_WITH_QUOTE": (11, 10),
    "TEXT_CUT_BY_HASH": (11, 16), "TEXT_NEEDS_QUOTES": (5, 8),
    "IMAGE_BROKEN": (6, 8), "IMAGE_TOO_LARGE": (6, 8),
}
# Codes about a library rather than one file have a library folder as their example.
LIBRARY_EXAMPLES = {"TRANSLATION_MISMATCH": Path(__file__).parent / "examples" / "translation",
                    "FILE_NAME_ID": Path(__file__).parent / "examples" / "file-name"}


def problems_of(code: str, decks) -> tuple:
    if code in LIBRARY_EXAMPLES:
        return tuple(load_library(LIBRARY_EXAMPLES[code]).problems)
    return load_case(EXAMPLES / f"{code}.yaml", decks).problems


def test_every_code_has_an_example_and_a_place():
    assert sorted(EXPECTED_PLACE) == sorted(CODES)
    assert sorted(p.stem for p in EXAMPLES.glob("*.yaml")) == sorted(set(CODES) - set(LIBRARY_EXAMPLES))


@pytest.mark.parametrize("code", CODES)
def test_example_raises_exactly_its_code(code, decks):
    problems = problems_of(code, decks)
    assert [(p.code, p.line, p.col) for p in problems] == [(code, *EXPECTED_PLACE[code])]
    assert problems[0].path.endswith(".yaml")


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_code_has_a_message_and_hint_in_both_languages(code, lang, decks):
    problem = problems_of(code, decks)[0]
    text = problem.format(lang)
    assert f": {code} " in text
    assert "error." not in text and "hint." not in text and "{" not in text
    head, hint = text.split("\n")
    assert head.startswith(f"{problem.path}:{problem.line}:{problem.col}: {code} ")
    assert hint.strip().startswith("tip:" if lang == "nl" else "hint:")


def test_a_case_named_after_its_id_passes_and_a_misnamed_one_is_still_in_the_library():
    library = load_library(LIBRARY_EXAMPLES["FILE_NAME_ID"])
    assert ("voorbeeld-koffie", "nl") in library.cases  # found by its id, only reported
    assert not [p for p in load_library().problems if p.code == "FILE_NAME_ID"]
