"""The one command line, ``dilemmaspel``: thin over the Python API.

Every subcommand is listed in ``game.commands.registry``; the parser
is built from that list and the catalogs so ``--help`` speaks Dutch (or English with
``--lang en``). Exit codes: 0 all well, 1 problems found, 2 wrong use.
"""
from __future__ import annotations

import argparse
import os
import sys

from game.commands.registry import SUBCOMMANDS
from game.i18n import LANGUAGES, _, default_language, set_language
from game.output import DISK_FULL
from game.version import game_version


def _argparse_text(text: str) -> str:
    """argparse's own fixed texts (usage, options, errors) from our catalogs."""
    translated = _(f"argparse.{text}")
    return text if translated == f"argparse.{text}" else translated


argparse._ = _argparse_text  # argparse looks its texts up through this module-level name


class _Parser(argparse.ArgumentParser):
    """argparse with its own fixed texts in the catalogs and usage errors as exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {_('cli.usage_error')}: {message}\n")


class _ShowVersion(argparse.Action):
    """``--version``, looking the version up only when asked (reading package metadata is slow)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"dilemmaspel {game_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dilemmaspel", description=_("cli.description"), add_help=False)
    _common_options(parser)
    parser.add_argument("--version", action=_ShowVersion, help=_("cli.version_help"))
    commands = parser.add_subparsers(dest="command", metavar=_("cli.command_metavar"), title=_("cli.commands_title"))
    for command in SUBCOMMANDS:
        sub = commands.add_parser(command.name, help=_(command.help_id), description=_(command.description_id),
                                  add_help=False)
        _common_options(sub)
        command.arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action="help", help=_("cli.help_help"))
    parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=_("cli.lang_help"))


def _language_from(argv: list[str]) -> str | None:
    """The --lang value, read before the parser is built so that --help is translated."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _language_from(argv)
    set_language(lang if lang in LANGUAGES else default_language())
    args = build_parser().parse_args(argv)
    try:
        return args.run(args) if getattr(args, "run", None) else cmd_play(args)
    except BrokenPipeError:  # the reader (| head, say) stopped early; that is not an error of ours
        _silence_stdout()
        return 0
    except OSError as error:  # output sent to a file (> verslag.md) on a disk that is full
        if error.errno not in DISK_FULL:
            raise
        _silence_stdout()
        print(_("output.stdout_full"), file=sys.stderr)
        return 1


def _silence_stdout() -> None:
    """Send what is left for stdout nowhere, so that the flush at exit cannot fail a second time."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def cmd_play(args: argparse.Namespace) -> int:
    """No command: open the game window (pygame is only loaded for this); --lang sets its language."""
    from game.ui.main import play
    return play(lang=getattr(args, "lang", None))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
