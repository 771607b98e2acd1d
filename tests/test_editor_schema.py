"""The JSON Schemas for editors, checked by an independent validator, and the yamllint config of the library.

The schema says draft-07, so it must be draft-07 all through: an editor ignores words of later
drafts, and the part of a case behind them would never be checked while typing.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from game.commands.cli import main
from game.scenario.loader import BUNDLED_LIBRARY, DECK_FOLDER, load_decks
from tests.conftest import DATA

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
CASES = sorted(p for p in BUNDLED_LIBRARY.rglob("*.yaml") if DECK_FOLDER not in p.parts)
DECKS = sorted((BUNDLED_LIBRARY / DECK_FOLDER).glob("*.yaml"))
# Every keyword of draft-07 (json-schema.org/draft-07/json-schema-validation and -core).
DRAFT_07_KEYWORDS = {
    "$schema", "$id", "$ref", "$comment", "title", "description", "default", "readOnly", "writeOnly", "examples",
    "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern",
    "additionalItems", "items", "maxItems", "minItems", "uniqueItems", "contains", "maxProperties", "minProperties",
    "required", "additionalProperties", "definitions", "properties", "patternProperties", "dependencies",
    "propertyNames", "const", "enum", "type", "format", "contentMediaType", "contentEncoding", "if", "then", "else",
    "allOf", "anyOf", "oneOf", "not",
}
SCHEMA_MAPS = ("properties", "patternProperties", "definitions")
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
SCHEMA_VALUES = ("additionalProperties", "additionalItems", "propertyNames", "contains", "not", "if", "then", "else")


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def subschemas(node: dict, path: str = "#"):
    """Every schema inside ``node`` (itself included), with where it is."""
    yield path, node
    for key in SCHEMA_MAPS:
        for name, child in node.get(key, {}).items():
            yield from subschemas(child, f"{path}/{key}/{name}")
    for key in SCHEMA_LISTS:
        for index, child in enumerate(node.get(key, [])):
            yield from subschemas(child, f"{path}/{key}/{index}")
    items = node.get("items")
    for index, child in enumerate(items if isinstance(items, list) else [items] if items else []):
        yield from subschemas(child, f"{path}/items/{index}")
    for key in SCHEMA_VALUES:
        if isinstance(node.get(key), dict):
            yield from subschemas(node[key], f"{path}/{key}")


def validator(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(schema(name))


def errors(name: str, data: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(data)]


def read(path: Path) -> object:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # as the game reads cases


@pytest.mark.parametrize("name", ["scenario.schema.json", "deck.schema.json", "roles.schema.json"])
def test_the_schema_is_valid_draft_07_and_uses_only_its_words(name):
    jsonschema.Draft7Validator.check_schema(schema(name))
    assert schema(name)["$schema"] == "http://json-schema.org/draft-07/schema#"
    foreign = {f"{path}: {key}" for path, node in subschemas(schema(name)) for key in node
               if key not in DRAFT_07_KEYWORDS}
    assert foreign == set()
    refs = {node["$ref"] for _path, node in subschemas(schema(name)) if "$ref" in node}
    assert all(ref.startswith("#/definitions/") for ref in refs)
    assert [path for path, node in subschemas(schema(name)) if "$ref" in node and len(node) > 1] == []


@pytest.mark.parametrize("name", ["scenario.schema.json", "deck.schema.json", "roles.schema.json"])
def test_every_key_and_part_is_described_in_dutch(name):
    found = dict(subschemas(schema(name)))
    undescribed = [f"{path}/{key}/{child}" for path, node in found.items() for key in ("properties", "definitions")
                   for child, part in node.get(key, {}).items() if "description" not in part]
    assert undescribed == []
    assert "description" in schema(name)
    assert not [node["title"] for node in found.values() if node.get("title", "").istitle()]  # no English "Line"
    texts = " ".join(node["description"] for node in found.values() if "description" in node)
    assert " de " in texts and " the " not in texts


@pytest.mark.parametrize("path", CASES, ids=lambda p: str(p.relative_to(BUNDLED_LIBRARY)))
def test_every_bundled_case_passes_the_schema(path):
    assert errors("scenario.schema.json", read(path)) == []


@pytest.mark.parametrize("path", DECKS, ids=lambda p: p.name)
def test_the_decks_pass_their_schema(path):
    name = "roles.schema.json" if path.name == "roles.yaml" else "deck.schema.json"
    assert errors(name, read(path)) == []


def test_the_roles_schema_offers_the_three_corners_and_refuses_another():
    roles = read(BUNDLED_LIBRARY / DECK_FOLDER / "roles.yaml")
    roles["partner"]["corner"] = "buren"
    del roles["kind"]["corner"]
    assert sorted(errors("roles.schema.json", roles)) == ["kind: 'corner' is a required property",
                                                          "partner/corner: 'buren' is not one of ['resident', 'family', 'team']"]


def broken(change) -> dict:
    case = read(BUNDLED_LIBRARY / "open-deur.yaml")
    change(case)
    return case


@pytest.mark.parametrize("where, change", [
    ("tension/1", lambda c: c["tension"][1].update(waarden=["veiligheid"])),  # behind prefixItems before
    ("tension", lambda c: c["tension"].append({"text": "Een derde kant"})),
    ("roles", lambda c: c["roles"].update(Bewoner=c["roles"]["bewoner"])),
    ("tension/0/values/0", lambda c: c["tension"][0].update(values=["Autonomie!"])),
    ("decisions", lambda c: c["decisions"].update({"Tweede moment": c["decisions"][c["start"]]})),
    ("when/0", lambda c: next(iter(c["decisions"].values()))["options"][0].update(when=["zonder-punt"])),
    ("id", lambda c: c.update(id="Open Deur")),
])
def test_a_broken_case_is_flagged(where, change):
    found = errors("scenario.schema.json", broken(change))
    assert found and any(where.split("/")[0] in error for error in found), found


def test_a_cases_own_values_and_the_test_case_pass():
    assert errors("scenario.schema.json", read(DATA / "proef.yaml")) == []  # eigen-ritme is its own value


def test_the_decks_roles_and_values_are_offered_as_choices():
    decks = load_decks(BUNDLED_LIBRARY / DECK_FOLDER)[0]
    scenario = schema("scenario.schema.json")
    offered_roles = scenario["properties"]["roles"]["properties"]
    assert sorted(offered_roles) == sorted(decks.roles)
    assert decks.roles["evv"].name in offered_roles["evv"]["description"]
    value = scenario["definitions"]["ValueId"]
    assert value["anyOf"][0]["enum"] == list(decks.values)
    option = scenario["definitions"]["Option"]["properties"]
    assert option["favours"]["items"] == option["pressures"]["items"] == {"$ref": "#/definitions/ValueId"}


def test_schema_in_a_library_with_its_own_decks_offers_their_roles(capsys, tmp_path):
    shutil.copytree(BUNDLED_LIBRARY / DECK_FOLDER, tmp_path / DECK_FOLDER)
    roles = tmp_path / DECK_FOLDER / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("partner:", "echtgenoot:"), encoding="utf-8")
    assert main(["schema", "--out", str(tmp_path / "schemas")]) == 0
    written = json.loads((tmp_path / "schemas" / "scenario.schema.json").read_text(encoding="utf-8"))
    assert "echtgenoot" in written["properties"]["roles"]["properties"]
    assert "partner" not in written["properties"]["roles"]["properties"]
    capsys.readouterr()


def yamllint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "yamllint", "-c", str(ROOT / ".yamllint"), "-f", "parsable",
                           *map(str, paths)], capture_output=True, text=True, cwd=ROOT)


def test_yamllint_with_the_shipped_config_finds_nothing_in_the_library():
    done = yamllint(BUNDLED_LIBRARY)
    assert (done.returncode, done.stdout) == (0, "")


def test_yamllint_accepts_a_new_case_and_still_catches_the_traps(capsys, tmp_path):
    assert main(["new", "nieuw", "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    assert yamllint(tmp_path / "nieuw.yaml").returncode == 0
    trap = tmp_path / "val.yaml"
    trap.write_text("id: val\ntitle: Mag het?\nintro: yes\ntitle: Nog eens\n", encoding="utf-8")
    done = yamllint(trap)
    assert done.returncode == 1
    assert "(truthy)" in done.stdout and "(key-duplicates)" in done.stdout
