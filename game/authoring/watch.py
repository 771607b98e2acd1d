"""``dilemmaspel validate`` and ``lint`` as run from the command line: the spot in the file under each problem
(--snippet), checking again on every save (--watch; once the file is valid, with the points ``lint`` would still
find), and progress on stderr while a big folder is read.

Without these options ``validate`` prints exactly what ``game.authoring.checking`` prints; the checking and the
report are that module's, so the two can never drift apart. Saving is noticed by polling the time,
size and inode of the files (an editor that saves by renaming a new file changes the inode).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from game.authoring import checking
from game.authoring.checking import check_paths, path_arguments, report_problems
from game.authoring.progress import Progress
from game.authoring.snippets import with_snippets
from game.i18n import _, n_
from game.scenario.lint import lint_case
from game.scenario.loader import BUNDLED_LIBRARY, DECK_FILES, decks_for, reporting_loads
from game.scenario.problems import display_path, one_per_place

Snapshot = dict[Path, tuple[int, int, int] | None]
PROGRESS_EVERY = 100  # files


def validate_arguments(parser: argparse.ArgumentParser) -> None:
    path_arguments(parser)
    parser.add_argument("--snippet", action="store_true", help=_("authoring.validate.snippet_help"))
    parser.add_argument("--watch", action="store_true", help=_("authoring.validate.watch_help"))
    parser.add_argument("--interval", type=_seconds, default=0.5, metavar=_("authoring.seconds_metavar"),
                        help=_("authoring.validate.interval_help"))
    parser.add_argument("--max-checks", type=_positive, default=None, metavar="N",
                        help=_("authoring.validate.max_checks_help"))


def _seconds(text: str) -> float:
    value = float(text)
    if not 0 < value <= 60:
        raise argparse.ArgumentTypeError(_("authoring.seconds_range", value=text))
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(_("authoring.positive", value=text))
    return value


def _counting_files():
    """Tell on stderr how many case files have been read so far."""
    return reporting_loads(Progress("authoring.progress.files", PROGRESS_EVERY).step)


def run_validate(args: argparse.Namespace) -> int:
    paths = args.paths or [BUNDLED_LIBRARY]
    if args.watch:
        return watch(paths, args.interval, args.max_checks)
    with _counting_files():
        return check(paths) if args.snippet else checking.run_validate(args)


def run_lint(args: argparse.Namespace) -> int:
    with _counting_files():
        return checking.run_lint(args)


def check(paths: list[Path], quality: bool = False) -> int:
    """One check as ``validate`` does it, each problem with its snippet; 2 when a path is missing.

    With ``quality`` (the watcher), a check without errors goes on to what ``lint`` would find: each point
    to improve in full, and the example text left as a count only (a new case has dozens)."""
    checked = check_paths(paths)
    if checked is None:
        return 2
    if not quality or checked.problems:
        return report_problems(checked, with_snippets(checked.problems))
    findings = [finding for case in checked.cases for finding in lint_case(case.scenario, case.source)]
    to_improve = one_per_place([finding for finding in findings if finding.code != "PLACEHOLDER"])
    if to_improve:
        print(n_("authoring.watch.to_improve", len(to_improve)))
    report_problems(checked, with_snippets(to_improve), lint=True)
    left = sum(finding.code == "PLACEHOLDER" for finding in findings)
    if left:
        print(n_("authoring.watch.placeholders", left))
    return 0  # points to improve are no errors: the file is valid


def watch(paths: list[Path], interval: float, max_checks: int | None = None) -> int:
    """Check, then check again after every save, until Ctrl+C (or ``max_checks`` checks)."""
    missing = [path for path in paths if not path.exists()]
    if missing:
        print(_("cli.path_missing", path=missing[0]), file=sys.stderr)
        return 2
    print(_("authoring.watch.start", paths=", ".join(map(str, paths))), file=sys.stderr, flush=True)
    checks, result = 0, 0
    try:
        while True:
            checked = snapshot(paths)  # taken before the check, so a save during the check is not missed
            with _counting_files():
                result = check(paths, quality=True)
            checks += 1
            sys.stdout.flush()
            if max_checks and checks >= max_checks:
                return result
            changed = wait_for_change(paths, interval, checked)
            print()
            print(_("authoring.watch.changed", time=time.strftime("%H:%M:%S"),
                    files=", ".join(display_path(p) for p in changed)))
    except KeyboardInterrupt:
        print(_("authoring.watch.stopped"), file=sys.stderr)
        return result


def wait_for_change(paths: list[Path], interval: float, before: Snapshot) -> list[Path]:
    """Poll until a watched file differs from ``before`` and then stays the same for one interval;
    the files that changed."""
    now = snapshot(paths)
    while now == before:
        time.sleep(interval)
        now = snapshot(paths)
    settled = None
    while settled != now:  # an editor may write a file in steps: wait until it is done
        settled = now
        time.sleep(interval)
        now = snapshot(paths)
    return sorted(path for path in before.keys() | now.keys() if before.get(path) != now.get(path))


def snapshot(paths: list[Path]) -> Snapshot:
    """Time, size and inode of every file a check of ``paths`` reads (None for one that is gone)."""
    files: set[Path] = set()
    for path in paths:
        files |= set(path.rglob("*.yaml")) if path.is_dir() else {path}
        if not path.is_dir():
            files |= {decks_for(path) / name for name in DECK_FILES.values()}
    return {file: _stat(file) for file in files}


def _stat(file: Path) -> tuple[int, int, int] | None:
    try:
        found = file.stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size, found.st_ino
