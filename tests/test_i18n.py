"""The catalogs: Dutch and English know the same messages, and every message the code asks for exists."""
from __future__ import annotations

import re
from pathlib import Path

from game.i18n import _, catalog, n_
from game.scenario.problems import CODES

GAME = Path(__file__).parents[1] / "game"
LITERAL_IDS = re.compile(r"""\b(?:_|n_)\(\s*f?["']([a-z_]+\.[A-Za-z_.]+)["']""")


def test_both_languages_have_the_same_messages():
    assert set(catalog("nl")) == set(catalog("en"))


def test_every_message_id_in_the_code_is_in_the_catalogs():
    used = set()
    for path in GAME.rglob("*.py"):
        used |= {m for m in LITERAL_IDS.findall(path.read_text(encoding="utf-8"))
                 if "{" not in m and not m.endswith(".")}  # prefixes are checked where they are completed
    assert used, "the scan must find the ids the code uses"
    assert sorted(used - set(catalog("nl"))) == []


def test_every_problem_code_and_engine_refusal_has_its_texts():
    ids = set(catalog("nl"))
    assert all(f"error.{code}" in ids and f"hint.{code}" in ids for code in CODES)
    engine_codes = set(re.findall(r'CommandRejected\(\s*"([A-Z_]+)"', (GAME / "engine" / "session.py").read_text()))
    assert engine_codes and all(f"engine.{code}" in ids for code in engine_codes)


def test_placeholders_match_between_languages():
    placeholders = re.compile(r"\{(\w+)\}")
    for msgid, dutch in catalog("nl").items():
        english = catalog("en")[msgid]
        for nl_text, en_text in zip(dutch if isinstance(dutch, tuple) else (dutch,),
                                    english if isinstance(english, tuple) else (english,)):
            assert set(placeholders.findall(nl_text)) == set(placeholders.findall(en_text)), msgid


def test_language_switch_and_plurals():
    assert _("phase.vote", "nl") == "kiezen" and _("phase.vote", "en") == "choosing"
    assert n_("cli.validate_summary_ok", 1, "nl").startswith("1 bestand ")
    assert n_("cli.validate_summary_ok", 3, "nl").startswith("3 bestanden ")
    assert _("bestaat.niet") == "bestaat.niet"


def _catalog_folder(tmp_path, monkeypatch, text: str) -> Path:
    """A catalog folder of one file, and a cache folder of its own."""
    folder = tmp_path / "catalogs"
    folder.mkdir(exist_ok=True)
    (folder / "nl.po").write_text('msgid ""\nmsgstr ""\n"Language: nl\\n"\n\n'
                                  f'msgid "demo.greeting"\nmsgstr "{text}"\n', encoding="utf-8")
    monkeypatch.setattr("game.i18n._CATALOG_DIR", folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return folder


def test_a_changed_catalog_is_read_again_and_not_taken_from_the_cache(tmp_path, monkeypatch):
    read = catalog.__wrapped__
    folder = _catalog_folder(tmp_path, monkeypatch, "Hallo")
    assert read("nl") == {"demo.greeting": "Hallo"}
    assert list((tmp_path / "cache").rglob("catalog-nl.json"))
    (folder / "nl.po").write_text((folder / "nl.po").read_text().replace("Hallo", "Goedemorgen"), encoding="utf-8")
    assert read("nl") == {"demo.greeting": "Goedemorgen"}


def test_a_damaged_cache_is_ignored_and_written_anew(tmp_path, monkeypatch):
    read = catalog.__wrapped__
    _catalog_folder(tmp_path, monkeypatch, "Hallo")
    read("nl")
    [kept] = (tmp_path / "cache").rglob("catalog-nl.json")
    for damage in ("", "{not json", "[]", '{"stamp": 1}'):
        kept.write_text(damage, encoding="utf-8")
        assert read("nl") == {"demo.greeting": "Hallo"}
    assert "Hallo" in kept.read_text(encoding="utf-8")
