"""`dilemmaspel new` and `dilemmaspel schema`: a trainer's first steps with a new case."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from game.commands.cli import main
from game.scenario.lint import lint_case
from game.scenario.loader import BUNDLED_LIBRARY, load_case, load_decks
from game.scenario.model import Scenario
from game.scenario.editor_schema import schema_text

ROOT = Path(__file__).parents[1]


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_new_case_is_valid_and_lint_flags_only_its_example_texts(capsys, tmp_path, monkeypatch, decks, lang):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "new", "koffie-op-de-kamer", "--lang", lang)
    assert code == 0
    path = tmp_path / "koffie-op-de-kamer.yaml"
    assert "koffie-op-de-kamer.yaml" in out and "validate --watch koffie-op-de-kamer.yaml" in out
    result = load_case(path, decks)
    assert result.problems == ()
    scenario = result.case.scenario
    assert (scenario.id, scenario.lang) == ("koffie-op-de-kamer", lang)
    findings = lint_case(scenario, result.case.source)
    assert findings and {f.code for f in findings} == {"PLACEHOLDER"}
    assert len(findings) == len({(f.line, f.col) for f in findings}), "one finding per place"


def test_the_new_file_has_every_part_and_explains_it_in_dutch(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run(capsys, "new", "mijn-casus")
    text = (tmp_path / "mijn-casus.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    commented = {line.lstrip("# ").split(":")[0] for line in text.splitlines() if line.startswith("# ")}
    for key in Scenario.model_fields:
        if key != "image":  # pictures are for the screens and not part of a first case
            assert key in data or key in commented, key
    assert text.startswith("# yaml-language-server: $schema=")
    assert "# Het dilemma: precies twee kanten" in text and "# when: [begin.keuze-b]" in text
    schema = text.splitlines()[0].split("=", 1)[1]
    assert schema == "schemas/scenario.schema.json"


def test_an_edited_new_case_loses_its_findings_one_by_one(capsys, tmp_path, monkeypatch, decks):
    monkeypatch.chdir(tmp_path)
    run(capsys, "new", "mijn-casus")
    path = tmp_path / "mijn-casus.yaml"
    before = lint_case(*_loaded(path, decks))
    path.write_text(path.read_text(encoding="utf-8").replace("«Titel van de casus»", "Koffie", 1),
                    encoding="utf-8")
    after = lint_case(*_loaded(path, decks))
    assert len(after) == len(before) - 1
    assert all("title" != f.params["where"] for f in after)


def _loaded(path, decks):
    case = load_case(path, decks).case
    return case.scenario, case.source


def test_an_existing_file_is_never_overwritten(capsys, tmp_path):
    path = tmp_path / "bestaat.yaml"
    path.write_text("mijn werk\n", encoding="utf-8")
    code, out, err = run(capsys, "new", "bestaat", "--out", str(path))
    assert code == 1
    assert path.read_text(encoding="utf-8") == "mijn werk\n"
    assert "bestaat al" in err and out == ""


@pytest.mark.parametrize("wanted,suggestion", [("Mijn Casus", "mijn-casus"), ("café_één!", "cafe-een"),
                                               ("Start", "start"), ("x" * 61, "x" * 60)])
def test_an_invalid_id_is_refused_with_a_valid_suggestion(capsys, tmp_path, monkeypatch, wanted, suggestion):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "new", wanted)
    assert code == 2
    assert f"dilemmaspel new {suggestion}" in err and "kleine letters, cijfers en streepjes" in err
    assert list(tmp_path.iterdir()) == []


def test_out_may_name_a_folder_and_must_end_in_yaml(capsys, tmp_path):
    assert run(capsys, "new", "in-map", "--out", str(tmp_path))[0] == 0
    assert (tmp_path / "in-map.yaml").is_file()
    code, _, err = run(capsys, "new", "tekst", "--out", str(tmp_path / "tekst.txt"))
    assert code == 2 and ".yaml" in err
    code, _, err = run(capsys, "new", "weg", "--out", str(tmp_path / "bestaat-niet" / "weg.yaml"))
    assert code == 2 and "bestaat niet" in err


def test_a_new_case_in_a_library_with_its_own_decks_uses_their_roles(capsys, tmp_path):
    shutil.copytree(BUNDLED_LIBRARY / "decks", tmp_path / "decks")
    roles = (tmp_path / "decks" / "roles.yaml")
    roles.write_text(roles.read_text(encoding="utf-8").replace("partner:", "echtgenoot:"), encoding="utf-8")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "scenario.schema.json").write_text("{}", encoding="utf-8")
    run(capsys, "new", "eigen", "--out", str(tmp_path))
    text = (tmp_path / "eigen.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schemas/scenario.schema.json\n")
    decks, problems = load_decks(tmp_path / "decks")
    assert problems == [] and load_case(tmp_path / "eigen.yaml", decks).problems == ()
    assert "partner:" not in text


def test_a_new_case_writes_its_schema_beside_it_so_the_folder_travels_whole(capsys, tmp_path, monkeypatch):
    folder = tmp_path / "mijn-casussen"
    folder.mkdir()
    monkeypatch.chdir(folder)
    code, out, _ = run(capsys, "new", "koffie")
    assert code == 0 and "scenario.schema.json" in out and "deck.schema.json" in out
    assert (folder / "schemas" / "scenario.schema.json").read_text(encoding="utf-8") == schema_text(Scenario)
    shared = shutil.copytree(folder, tmp_path / "gedeeld" / "uitgepakt")  # zipped, sent, unpacked elsewhere
    first_line = (shared / "koffie.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=schemas/scenario.schema.json"
    written = (folder / "schemas" / "scenario.schema.json").stat().st_mtime_ns
    assert run(capsys, "new", "thee")[0] == 0, "a second case uses the schema that is there"
    assert (folder / "schemas" / "scenario.schema.json").stat().st_mtime_ns == written
    assert "schema.json" not in capsys.readouterr().out


def test_a_new_case_in_a_library_points_to_the_schemas_of_its_library(capsys, tmp_path):
    library = tmp_path / "bibliotheek"
    shutil.copytree(BUNDLED_LIBRARY / "decks", library / "decks")
    (library / "en").mkdir()
    assert run(capsys, "new", "engels", "--out", str(library / "en"))[0] == 0
    text = (library / "en" / "engels.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/scenario.schema.json\n")
    assert (library / "schemas" / "deck.schema.json").is_file() and not (library / "en" / "schemas").exists()


def test_a_new_case_uses_the_schemas_kept_beside_its_library_as_the_repository_keeps_them(capsys, tmp_path):
    shutil.copytree(BUNDLED_LIBRARY / "decks", tmp_path / "scenarios" / "decks")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "scenario.schema.json").write_text("{}", encoding="utf-8")
    assert run(capsys, "new", "nieuw", "--out", str(tmp_path / "scenarios"))[0] == 0
    text = (tmp_path / "scenarios" / "nieuw.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/scenario.schema.json\n")
    assert not (tmp_path / "scenarios" / "schemas").exists()


def test_a_case_that_exists_already_writes_no_schemas(capsys, tmp_path):
    (tmp_path / "er-al.yaml").write_text("id: er-al\n", encoding="utf-8")
    assert run(capsys, "new", "er-al", "--out", str(tmp_path))[0] == 1
    assert not (tmp_path / "schemas").exists()


def test_schema_writes_the_schemas_of_the_format(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "schema")
    assert code == 0
    written = tmp_path / "schemas" / "scenario.schema.json"
    assert written.read_text(encoding="utf-8") == schema_text(Scenario)
    assert json.loads(written.read_text(encoding="utf-8"))["$schema"].startswith("http://json-schema.org/draft-07")
    assert (tmp_path / "schemas" / "deck.schema.json").is_file()
    assert "# yaml-language-server: $schema=schemas/scenario.schema.json" in out
    assert run(capsys, "schema", "--out", str(tmp_path / "elders" / "diep"))[0] == 0
    assert (tmp_path / "elders" / "diep" / "deck.schema.json").is_file()


def test_schema_refuses_a_file_as_folder(capsys, tmp_path):
    (tmp_path / "bestand").write_text("x", encoding="utf-8")
    assert run(capsys, "schema", "--out", str(tmp_path / "bestand"))[0] == 2
