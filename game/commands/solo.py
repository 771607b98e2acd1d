"""``dilemmaspel solo [CASE-ID]``: the window opened on practising alone (pygame loads only when it opens)."""
from __future__ import annotations

import argparse
import difflib
import sys

from game.i18n import _


def register(add) -> None:
    command = add("solo", cmd_solo, "solo.cli.help", "solo.cli.description")
    command.add_argument("case", nargs="?", metavar=_("solo.cli.case_metavar"), help=_("solo.cli.case_help"))


def unknown_case_message(case_id: str, known: list[str]) -> str:
    """What to say about a case id the library does not have: the ids there are, and the nearest ones."""
    message = _("solo.cli.unknown_case", case=case_id, known=", ".join(known))
    near = difflib.get_close_matches(case_id, known, n=3, cutoff=0.5)
    return message + ("\n" + _("solo.cli.did_you_mean", ids=", ".join(near)) if near else "")


def cmd_solo(args: argparse.Namespace) -> int:
    if args.case:
        from game.app import open_library
        known = sorted({case_id for case_id, _lang in open_library().cases})
        if args.case not in known:
            print(unknown_case_message(args.case, known), file=sys.stderr)
            return 2
    from game.ui.scenes.solo import play_solo
    return play_solo(args.case, getattr(args, "lang", None))
