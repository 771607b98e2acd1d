"""Every command documents itself: help text for it and each option, and a section in docs/opdrachten.md."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.commands.cli import build_parser
from game.i18n import catalog, set_language
from tools.cli_reference import commands, documented_arguments
from tools.make_reference import COMMANDS_DOC

TOOLS = Path(__file__).parents[1] / "game" / "authoring"
MESSAGE_ID = re.compile(r"^[a-z_]+(\.[A-Za-z_]+)+$")  # what a text looks like when its translation is missing
LITERAL_IDS = re.compile(r"""\b(?:_|n_)\(\s*f?["']([a-z_]+\.[A-Za-z_.]+)["']""")


@pytest.fixture(scope="module")
def parser():
    set_language("nl")
    return build_parser()


def _is_text(value: str | None) -> bool:
    return bool(value and value.strip()) and not MESSAGE_ID.match(value.strip())


def test_every_command_has_help_a_description_and_help_for_each_option(parser):
    found = commands(parser)
    assert {"validate", "lint", "new", "schema", "graph", "play-text"} <= set(found)
    lacking = [name for name, (sub, help_text) in found.items()
               if not _is_text(help_text) or not _is_text(sub.description)]
    lacking += [f"{name} {action.option_strings or action.dest}" for name, (sub, _help) in found.items()
                for action in documented_arguments(sub) if not _is_text(action.help)]
    assert lacking == [], "give these a help text in the catalogs"


def test_the_reference_has_a_section_for_every_command_and_option(parser):
    text = COMMANDS_DOC.read_text(encoding="utf-8")
    for name, (sub, _help) in commands(parser).items():
        section = text.split(f"## `dilemmaspel {name}`\n", 1)
        assert len(section) == 2, f"'{name}' is missing from docs/opdrachten.md: run python -m tools.make_reference"
        body = section[1].split("\n## ", 1)[0]
        for action in documented_arguments(sub, common=False):
            shown = action.option_strings[0] if action.option_strings else (action.metavar or action.dest)
            assert f"`{shown}" in body, f"{name} {shown}"


def test_the_reference_notices_a_command_without_help(parser):
    sub = commands(parser)["schema"][0]
    sub.add_argument("--zonder-uitleg")
    assert not _is_text(documented_arguments(sub)[-1].help)
    assert not _is_text("authoring.schema.ontbreekt")


def test_every_message_id_the_tools_use_is_in_both_catalogs():
    used = set()
    for path in TOOLS.rglob("*.py"):
        used |= {m for m in LITERAL_IDS.findall(path.read_text(encoding="utf-8"))
                 if "{" not in m and not m.endswith(".")}
    assert len(used) > 20
    assert sorted(used - set(catalog("nl"))) == [] and sorted(used - set(catalog("en"))) == []


def test_the_authoring_catalogs_have_the_same_messages():
    ours = {key for key in catalog("nl") if key.startswith("authoring.")}
    assert ours and ours == {key for key in catalog("en") if key.startswith("authoring.")}
