"""``dilemmaspel plenary [PATH...]``: the game window straight on the plenary screen.

Kept apart from the UI so that the command line stays quick: pygame is only loaded
when the window really opens. The tables' files are only ever read.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.i18n import _
from game.store.folders import default_folder


def plenary_arguments(plenary: argparse.ArgumentParser) -> None:
    plenary.add_argument("paths", nargs="*", type=Path, metavar=_("plenary.screen.cli_path_metavar"),
                         help=_("plenary.screen.cli_paths"))


def cmd_plenary(args: argparse.Namespace) -> int:
    paths = args.paths or [default_folder()]
    missing = [path for path in args.paths if not path.exists()]
    for path in missing:
        print(_("plenary.screen.path_missing", path=path), file=sys.stderr)
    if missing:
        return 2
    return show_plenary(paths, getattr(args, "lang", None))


def show_plenary(paths: list[Path], lang: str | None) -> int:
    """Open the window on the plenary and run it until it is closed."""
    from game.ui.main import run_until_closed, user_places
    from game.ui.scenes.plenary import open_plenary
    return run_until_closed(open_plenary(user_places(), paths, lang=lang))
