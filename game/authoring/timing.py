"""``dilemmaspel timing [PATH...]``: how many minutes a round of each case takes, per plan, by the time model.

A trainer picks cases that fit the training's 15-minute rounds; an author sees when a case is too
long. The figures come from ``game.scenario.timing`` (documented in docs/tijdmodel.md).
"""
from __future__ import annotations

import argparse
import json
import sys

from game.authoring.checking import check_paths, path_arguments
from game.i18n import _, get_language
from game.scenario.loader import BUNDLED_LIBRARY
from game.scenario.plans import PLANS
from game.scenario.timing import PLAYERS, SLOT_MINUTES, Estimate, estimates


def timing_arguments(command: argparse.ArgumentParser) -> None:
    path_arguments(command)
    command.add_argument("--plan", choices=PLANS, help=_("timing.cli.plan_help"))
    command.add_argument("--format", choices=("text", "json"), default="text", help=_("timing.cli.format_help"))
    command.add_argument("--players", type=_player_count, default=PLAYERS, metavar="N",
                         help=_("timing.cli.players_help", players=PLAYERS))


def _player_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = 0
    if not 2 <= count <= 7:
        raise argparse.ArgumentTypeError(_("timing.cli.players_range", value=text))
    return count


def cmd_timing(args: argparse.Namespace) -> int:
    checked = check_paths(args.paths or [BUNDLED_LIBRARY])
    if checked is None:
        return 2
    for problem in checked.problems:
        print(problem.format(), file=sys.stderr)
    plans = (args.plan,) if args.plan else PLANS
    found = [e for case in checked.cases for e in estimates(case.scenario, plans, players=args.players)]
    if args.format == "json":
        print(json.dumps([e.as_json() for e in found], ensure_ascii=False, indent=2))
    else:
        _print_table(found, args.players)
    return 1 if checked.problems else 0


def _print_table(found: list[Estimate], players: int) -> None:
    print(_("timing.header", players=players))
    print(_("timing.columns"))
    for estimate in found:
        over = estimate.plan == "kort" and not estimate.fits()
        print(_("timing.row", case=f"{estimate.case} ({estimate.lang})", plan=_(f"plan.{estimate.plan}"),
                shortest=_number(estimate.shortest), median=_number(estimate.median),
                longest=_number(estimate.longest), handoffs=estimate.handoffs)
              + ("  " + _("timing.too_long", minutes=f"{SLOT_MINUTES:g}") if over else ""))


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if get_language() == "nl" else text
