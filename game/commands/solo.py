"""``dilemmaspel solo [CASE-ID]``: the window opened on practising alone (pygame loads only when it opens)."""
from __future__ import annotations

import argparse
import sys

from game.authoring.textplay import unknown_case_message
from game.i18n import _


def solo_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("case", nargs="?", metavar=_("solo.cli.case_metavar"), help=_("solo.cli.case_help"))


def cmd_solo(args: argparse.Namespace) -> int:
    if args.case:
        from game.app import open_library
        known = sorted({case_id for case_id, _lang in open_library().cases})
        if args.case not in known:
            print(unknown_case_message(args.case, known), file=sys.stderr)
            return 2
    from game.ui.scenes.solo import play_solo
    return play_solo(args.case, getattr(args, "lang", None))
