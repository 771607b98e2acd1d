"""The format reference is generated from the model and stays true: up to date, and its example valid."""
from __future__ import annotations

import json
import re

from game.scenario.loader import load_case
from game.scenario.model import Scenario
from tools.make_reference import FORMAT_DOC, expected_files


def test_generated_docs_and_schemas_are_up_to_date():
    stale = [str(path) for path, text in expected_files().items() if path.read_text(encoding="utf-8") != text]
    assert stale == [], "run: python -m tools.make_reference"


def test_every_key_of_the_model_is_documented():
    text = FORMAT_DOC.read_text(encoding="utf-8")
    assert not re.search(r"\b(reference|error|hint)\.[A-Za-z]", text), "a message id without a translation"
    for name in Scenario.model_fields:
        assert f"| `{name}` |" in text


def test_the_complete_example_in_the_docs_is_valid(tmp_path, decks):
    example = re.search(r"```yaml\n(.*?)```", FORMAT_DOC.read_text(encoding="utf-8"), re.S).group(1)
    path = tmp_path / "voorbeeld.yaml"
    path.write_text(example, encoding="utf-8")
    result = load_case(path, decks)
    assert result.problems == ()
    assert len(result.case.scenario.endings) == 3


def test_the_schema_is_draft_07_and_describes_the_keys():
    schema = json.loads((FORMAT_DOC.parents[1] / "schemas" / "scenario.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["additionalProperties"] is False
    assert "Vaste naam" in schema["properties"]["id"]["description"]
