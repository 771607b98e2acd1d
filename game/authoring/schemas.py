"""``dilemmaspel schema``: the JSON Schemas of the format, for completion and hover help in an editor.

The same files are kept in ``schemas/`` by ``python -m tools.make_reference``; this command writes them
wherever a facilitator keeps their own cases, offering the roles and values of the decks that the cases
beside them use (their library's own ``decks/``, else the bundled ones).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.i18n import _
from game.output import OutputError, write_file
from game.scenario.editor_schema import schema_text
from game.scenario.loader import decks_for, load_decks
from game.scenario.model import Deck, RoleDeck, Scenario

SCHEMA_FILES = {"scenario.schema.json": Scenario, "deck.schema.json": Deck, "roles.schema.json": RoleDeck}
DEFAULT_FOLDER = Path("schemas")


def schema_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--out", type=Path, default=DEFAULT_FOLDER, metavar=_("authoring.folder_metavar"),
                         help=_("authoring.schema.out_help"))


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder`` (made when missing); the files written."""
    decks = load_decks(decks_for(folder / "casus.yaml"))[0]
    written = []
    for name, root in SCHEMA_FILES.items():
        path = folder / name
        write_file(path, schema_text(root, decks))
        written.append(path)
    return written


def run_schema(args: argparse.Namespace) -> int:
    if args.out.exists() and not args.out.is_dir():
        print(_("authoring.schema.not_a_folder", path=args.out), file=sys.stderr)
        return 2
    try:
        written = write_schemas(args.out)
    except OutputError as error:
        return error.tell()
    for path in written:
        print(_("authoring.written", path=path))
    print(_("authoring.schema.editor_line", schema=(args.out / "scenario.schema.json").as_posix()))
    return 0
