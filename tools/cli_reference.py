"""The reference of every command (docs/opdrachten.md), written from the argparse parser itself.

Nothing in it is typed by hand: the usage lines, the descriptions and the help of every option come
from the parser that ``dilemmaspel`` builds, so the page lists exactly the commands and options that
exist. ``python -m tools.make_reference`` writes it; a test fails while it is out of date.
"""
from __future__ import annotations

import argparse

from game.commands.cli import build_parser
from game.i18n import _

USAGE_WIDTH = 1000  # one line per usage: the page wraps it, not argparse


def commands(parser: argparse.ArgumentParser) -> dict[str, tuple[argparse.ArgumentParser, str]]:
    """Every subcommand with its parser and its one-line help, in the order of ``--help``."""
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {choice.dest: choice.help for choice in action._choices_actions}
    return {name: (sub, helps.get(name) or "") for name, sub in action.choices.items()}


COMMON = {"help", "lang"}  # every command has these; the page says so once


def documented_arguments(parser: argparse.ArgumentParser, common: bool = True) -> list[argparse.Action]:
    """The options and arguments a user can give (the subcommand list itself is documented separately)."""
    return [a for a in parser._actions
            if not isinstance(a, argparse._SubParsersAction) and a.help != argparse.SUPPRESS
            and (common or a.dest not in COMMON)]


def _usage(parser: argparse.ArgumentParser) -> str:
    formatter = argparse.HelpFormatter(parser.prog, width=USAGE_WIDTH)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups, prefix="")
    return formatter.format_help().strip()


def _name(action: argparse.Action) -> str:
    if not action.option_strings:
        return f"`{action.metavar or action.dest}`"
    takes_value = action.nargs != 0
    metavar = action.metavar or (("{" + ",".join(action.choices) + "}") if action.choices else action.dest.upper())
    return ", ".join(f"`{option} {metavar}`" if takes_value else f"`{option}`" for option in action.option_strings)


def _table(parser: argparse.ArgumentParser, common: bool = True) -> list[str]:
    rows = [f"| {_('authoring.reference.argument')} | {_('authoring.reference.meaning')} |", "|---|---|"]
    for action in documented_arguments(parser, common):
        meaning = (action.help or "").replace("|", "\\|")
        rows.append(f"| {_name(action)} | {meaning} |")
    return rows


def reference_text() -> str:
    """docs/opdrachten.md in the language that is set (the docs are Dutch)."""
    parser = build_parser()
    found = commands(parser)
    lines = [f"# {_('authoring.reference.title')}", "", _("authoring.reference.intro"), "",
             f"## `{parser.prog}`", "", parser.description or "", "", "```", _usage(parser), "```", "",
             *_table(parser), "", f"| {_('authoring.reference.command')} | {_('authoring.reference.meaning')} |",
             "|---|---|"]
    lines += [f"| [`{name}`](#{parser.prog}-{name}) | {help_text} |" for name, (_sub, help_text) in found.items()]
    for name, (sub, _help) in found.items():
        lines += ["", f"## `{parser.prog} {name}`", "", sub.description or "", "", "```", _usage(sub), "```", "",
                  *_table(sub, common=False)]
    return "\n".join(lines) + "\n"
