"""``dilemmaspel validate`` and ``lint``: load case files, folders or the bundled library and report every problem.

``check_paths`` and ``report_problems`` are also what ``validate --watch`` and ``timing`` read and print with, so
the commands can never drift apart. Exit codes: 0 all well, 1 problems found, 2 a path that is not there.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from game.i18n import _, n_
from game.scenario.lint import lint_case, readability
from game.scenario.loader import (BUNDLED_LIBRARY, DECK_FILES, DECK_FOLDER, LoadedCase, decks_for, load_cases,
                                  load_deck, load_decks, load_library)
from game.scenario.problems import LINT_CODES, Problem, one_per_place


def path_arguments(parser: argparse.ArgumentParser) -> None:
    """The case files or folders to check; none means the bundled library."""
    parser.add_argument("paths", nargs="*", type=Path, metavar=_("cli.path_metavar"), help=_("cli.validate_paths_help"))


@dataclass
class Checked:
    """What checking some paths gave: how many files, the problems, and the valid cases."""

    files: int = 0
    problems: list[Problem] = field(default_factory=list)
    cases: list[LoadedCase] = field(default_factory=list)


def check_paths(paths: list[Path]) -> Checked | None:
    """Load every path (a library folder, a folder of cases, a deck or a case file); None if one is missing."""
    checked = Checked()
    for path in paths:
        if not path.exists():
            print(_("cli.path_missing", path=path), file=sys.stderr)
            return None
        _check_one_path(path, checked)
    return checked


def _check_one_path(path: Path, checked: Checked) -> None:
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


def report_problems(checked: Checked, problems: list[Problem], lint: bool = False) -> int:
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


def run_validate(args: argparse.Namespace) -> int:
    checked = check_paths(args.paths or [BUNDLED_LIBRARY])
    return 2 if checked is None else report_problems(checked, checked.problems)


def run_lint(args: argparse.Namespace) -> int:
    checked = check_paths(args.paths or [BUNDLED_LIBRARY])
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
    return report_problems(checked, one_per_place(findings), lint=True)
