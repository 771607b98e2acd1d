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
