"""The one command line, ``dilemmaspel``: thin over the Python API.

Every subcommand is a small function ``cmd_NAME(args) -> exit code``; the parser
is built from the catalogs so ``--help`` speaks Dutch (or English with
``--lang en``). Exit codes: 0 all well, 1 problems found, 2 wrong use.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from game.i18n import LANGUAGES, _, default_language, n_, set_language
from game.output import DISK_FULL
from game.scenario.lint import lint_case, readability
from game.scenario.loader import (BUNDLED_LIBRARY, DECK_FILES, DECK_FOLDER, LoadedCase, decks_for, load_cases,
                                  load_deck, load_decks, load_library)
from game.scenario.problems import LINT_CODES, Problem, one_per_place


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # slow to import; only --version needs it
    try:
        return version("dilemmaspel")
    except PackageNotFoundError:
        return "0+unknown"


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
        print(f"dilemmaspel {package_version()}")
        parser.exit()


# Modules that add subcommands of their own: each has register(add), where add(name, run,
# help_id, description_id) returns the new subparser for its arguments.
COMMAND_MODULES: tuple[str, ...] = ("game.commands.facilitator", "game.commands.registry", "game.commands.plenary", "game.commands.solo")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dilemmaspel", description=_("cli.description"), add_help=False)
    _common_options(parser)
    parser.add_argument("--version", action=_ShowVersion, help=_("cli.version_help"))
    commands = parser.add_subparsers(dest="command", metavar=_("cli.command_metavar"), title=_("cli.commands_title"))

    def add(name: str, run: Callable[[argparse.Namespace], int], help_id: str, description_id: str):
        """Add a subcommand with our common options; its texts come from the catalogs."""
        sub = commands.add_parser(name, help=_(help_id), description=_(description_id), add_help=False)
        _common_options(sub)
        sub.set_defaults(run=run)
        return sub

    add.existing = commands.choices  # the subcommands by name, for a module that extends one (game.authoring.watch)
    for name, run in (("validate", cmd_validate), ("lint", cmd_lint)):
        add(name, run, f"cli.{name}_help", f"cli.{name}_description").add_argument(
            "paths", nargs="*", type=Path, metavar=_("cli.path_metavar"), help=_("cli.validate_paths_help"))
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(add)
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


@dataclass
class _Checked:
    """What checking some paths gave: how many files, the problems, and the valid cases."""

    files: int = 0
    problems: list[Problem] = field(default_factory=list)
    cases: list[LoadedCase] = field(default_factory=list)


def _check_paths(paths: list[Path]) -> _Checked | None:
    """Load every path (a library folder, a folder of cases, a deck or a case file); None if one is missing."""
    checked = _Checked()
    for path in paths:
        if not path.exists():
            print(_("cli.path_missing", path=path), file=sys.stderr)
            return None
        _check_path(path, checked)
    return checked


def _check_path(path: Path, checked: _Checked) -> None:
    if path.is_dir() and (path / DECK_FOLDER).is_dir():
        library = load_library(path)
        checked.files += len(library.files) + len(DECK_FILES)
        checked.problems += library.problems
        checked.cases += [library.cases[key] for key in sorted(library.cases)]
        return
    if path.parent.name == DECK_FOLDER and path.name in DECK_FILES.values():
        checked.files += 1
        checked.problems += load_deck(path)[1]
        return
    files = sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
    decks, problems = load_decks(decks_for(files[0] if files else path / "x.yaml"))
    checked.problems += problems
    for result in load_cases(files, decks):
        checked.files += 1
        checked.problems += result.problems
        checked.cases += [result.case] if result.case else []


def _report(checked: _Checked, problems: list[Problem], lint: bool = False) -> int:
    """Every problem, then one summary line; ``lint`` counts its quality findings apart from the errors."""
    for problem in problems:
        print(problem.format())
    bad_files = len({p.path for p in problems})
    if not problems:
        print(n_("cli.validate_summary_ok", checked.files))
    elif lint:
        findings = sum(problem.code in LINT_CODES for problem in problems)
        print(n_("cli.lint_summary", checked.files, errors=len(problems) - findings, findings=findings,
                 bad_files=bad_files))
    else:
        print(n_("cli.validate_summary", checked.files, problems=len(problems), bad_files=bad_files))
    return 1 if problems else 0


def cmd_validate(args: argparse.Namespace) -> int:
    checked = _check_paths(args.paths or [BUNDLED_LIBRARY])
    return 2 if checked is None else _report(checked, checked.problems)


def cmd_lint(args: argparse.Namespace) -> int:
    checked = _check_paths(args.paths or [BUNDLED_LIBRARY])
    if checked is None:
        return 2
    findings = list(checked.problems)
    for case in checked.cases:
        findings += lint_case(case.scenario, case.source)
    if checked.cases:
        print(_("cli.readability_header"))
        for case in checked.cases:
            figures = readability(case.scenario)
            print(_("cli.readability_row", case=case.scenario.id, lang=case.scenario.lang, words=figures.words,
                    per_sentence=f"{figures.words_per_sentence:.1f}", lix=f"{figures.lix:.0f}"))
    return _report(checked, one_per_place(findings), lint=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
