"""The facilitator's commands: merge, report, cards and sessions.

``dilemmaspel merge`` gathers table session files into one file, ``report`` exports the
plenary's figures (HTML, Markdown, CSV or JSON), ``cards`` prints the role, value and
case cards, and ``sessions`` lists or deletes the sessions in the data folder. Files
of tables are only ever read; the only files written are the ones named with
``--into``/``--out``, and the only files deleted are the sessions confirmed for deletion.
"""
from __future__ import annotations

import argparse
import os
import stat
import sys
import tempfile
import time
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from game.app import SessionSummary, list_sessions, session_summary
from game.i18n import _, get_language, n_
from game.output import OutputError, building, write_file
from game.phones.tokens import pass_file
from game.report.document import build_report
from game.report.exports import BINARY_FORMATS, CSV_DIALECTS, FORMATS, render
from game.report.figures import Selection, choices, table_rounds
from game.scenario.loader import BUNDLED_LIBRARY, load_library
from game.store.locks import claimed
from game.store.log import SUFFIX, SessionFileError, aside_marker, companion_files, default_folder
from game.store.merge import Gathering, MergeTargetError, gather, merge_into
from game.text import printable

SECONDS_PER_DAY = 86400
CARD_FORMATS = ("html", "pdf")
FORMAT_OF_SUFFIX = {**{fmt: fmt for fmt in FORMATS}, "htm": "html", "markdown": "md"}
YES = {"nl": ("j", "ja"), "en": ("y", "yes")}


def merge_arguments(merge: argparse.ArgumentParser) -> None:
    _source_paths(merge)
    merge.add_argument("--into", type=Path, required=True, metavar=_("report.cli.file_metavar"),
                       help=_("report.cli.into_help"))
    merge.add_argument("--force", action="store_true", help=_("report.cli.force_help"))


def report_arguments(report: argparse.ArgumentParser) -> None:
    _source_paths(report)
    report.add_argument("--format", choices=FORMATS, help=_("report.cli.format_help"))
    report.add_argument("--out", type=Path, metavar=_("report.cli.file_metavar"), help=_("report.cli.out_help"))
    report.add_argument("--names", action="store_true", help=_("report.cli.names_help"))
    report.add_argument("--case", metavar="ID", help=_("report.cli.case_help"))
    report.add_argument("--round", type=int, metavar="N", help=_("report.cli.round_help"))
    report.add_argument("--table", metavar=_("report.cli.table_metavar"), help=_("report.cli.table_help"))
    report.add_argument("--trainer", metavar=_("report.cli.name_metavar"), default="", help=_("report.cli.trainer_help"))
    report.add_argument("--dialect", choices=tuple(CSV_DIALECTS), help=_("report.cli.dialect_help"))
    _library_option(report)


def cards_arguments(cards: argparse.ArgumentParser) -> None:
    cards.add_argument("--out", type=Path, required=True, metavar=_("report.cli.file_metavar"),
                       help=_("report.cli.cards_out_help"))
    cards.add_argument("--format", choices=CARD_FORMATS, help=_("report.cli.cards_format_help"))
    cards.add_argument("--case", action="append", metavar="ID", help=_("report.cli.cards_case_help"))
    _library_option(cards)


def sessions_arguments(sessions: argparse.ArgumentParser) -> None:
    sessions.add_argument("action", choices=("list", "delete"), help=_("report.cli.action_help"))
    sessions.add_argument("files", nargs="*", type=Path, metavar=_("report.cli.session_metavar"),
                          help=_("report.cli.files_help"))
    sessions.add_argument("--older-than", type=_days, metavar=_("report.cli.days_metavar"),
                          help=_("report.cli.older_help"))
    sessions.add_argument("--yes", action="store_true", help=_("report.cli.yes_help"))
    sessions.add_argument("--folder", type=Path, metavar=_("report.cli.folder_metavar"),
                          help=_("report.cli.folder_help"))


def _source_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar=_("report.cli.path_metavar"),
                        help=_("report.cli.paths_help"))


def _library_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--library", type=Path, default=BUNDLED_LIBRARY, metavar=_("report.cli.folder_metavar"),
                        help=_("report.cli.library_help"))


def _days(value: str) -> float:
    try:
        days = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("report.cli.bad_days", value=value)) from None
    if days < 0 or days != days:
        raise argparse.ArgumentTypeError(_("report.cli.bad_days", value=value))
    return days


def _say(message: str) -> None:
    """A message on stderr; names from session files and file names never reach the terminal with control codes."""
    print(printable(message), file=sys.stderr)


def _show(line: str) -> None:
    """A line of output on stdout, without control characters (see ``_say``)."""
    print(printable(line))


def _gathered(paths: list[Path]) -> Gathering | None:
    """The sessions below ``paths`` (the data folder when none), warnings on stderr; None if a path is missing."""
    paths = paths or [default_folder()]
    missing = [path for path in paths if not path.exists()]
    for path in missing:
        _say(_("report.cli.path_missing", path=path))
    if missing:
        return None
    gathering = gather(paths)
    for warning in gathering.warnings:
        _say(_("report.cli.warning", message=warning.message()))
    return gathering


def _merge_target_refused(target: Path, force: bool) -> bool:
    """A folder, a target the plenary would not read (no session suffix), or one that exists without --force:
    said why."""
    if target.is_dir():
        _say(_("output.is_folder", path=target))
        return True
    if not target.name.endswith(SUFFIX):
        _say(_("report.cli.into_suffix", path=target, suffix=SUFFIX,
               suggestion=target.with_name(target.name.split(".")[0] + SUFFIX)))
        return True
    if target.exists() and not force:
        _say(MergeTargetError("report.merge.target_exists", target).message())
        return True
    return False


def cmd_merge(args: argparse.Namespace) -> int:
    """Exit 0 when the merged file is written (skipped files are named), 1 when nothing could be read."""
    if _merge_target_refused(args.into, args.force):
        return 2
    gathering = _gathered(args.paths)
    if gathering is None:
        return 2
    if not gathering.sessions:
        _say(_("report.cli.no_sessions"))
        return 1
    try:
        events = merge_into(gathering, args.into, force=args.force)
    except MergeTargetError as error:
        _say(error.message())
        return 2
    except OutputError as error:
        return error.tell()
    except SessionFileError as error:
        _say(error.message())
        return 1
    _show(n_("report.cli.merged", len(gathering.sessions), events=events, path=args.into))
    return 0


def _report_format(args: argparse.Namespace) -> str:
    """--format, else what the name of --out says, else HTML."""
    if args.format:
        return args.format
    suffix = args.out.suffix.lower().lstrip(".") if args.out else ""
    return FORMAT_OF_SUFFIX.get(suffix, "html")


def _unknown_filter(gathering: Gathering, selection: Selection) -> str | None:
    """What is wrong with a --case or --round that matches nothing, with what there is instead."""
    there = choices(table_rounds(session.state for session in gathering.sessions))
    for field, msgid, known in (("case", "report.cli.no_such_case", there.cases),
                                ("round", "report.cli.no_such_round", there.rounds)):
        wanted = getattr(selection, field)
        if wanted is not None and wanted not in known:
            return _(msgid, **{field: wanted}, known=", ".join(map(str, known)) or "-")
    return None


def _table_number(gathering: Gathering, wanted: str) -> int | str:
    """The number of the table a trainer names by its number or by the name it got at set-up (any case of
    letters); what is wrong, with the tables there are, when no table answers to it."""
    named = {r.table: r.name for r in table_rounds(session.state for session in gathering.sessions)}
    for number, name in named.items():
        if wanted.strip() == str(number) or (name and wanted.strip().casefold() == name.casefold()):
            return number
    known = ", ".join(f"{number} ({name})" if name else str(number) for number, name in named.items())
    return _("report.cli.no_such_table", table=wanted, known=known or "-")


def cmd_report(args: argparse.Namespace) -> int:
    """Exit 0 when the report is made (skipped files are named in it), 1 when nothing could be read."""
    gathering = _gathered(args.paths)
    if gathering is None:
        return 2
    if args.out and args.out.resolve() in gathering.files:
        _say(_("report.cli.out_is_source", path=args.out))
        return 2
    if not gathering.sessions:
        _say(_("report.cli.no_sessions"))
        return 1
    table = None if args.table is None else _table_number(gathering, args.table)
    if isinstance(table, str):
        _say(table)
        return 2
    selection = Selection(args.case, args.round, table)
    unknown = _unknown_filter(gathering, selection)
    if unknown:
        _say(unknown)
        return 2
    fmt = _report_format(args)
    if fmt in BINARY_FORMATS and not args.out:
        _say(_("report.cli.xlsx_needs_out"))
        return 2
    library = load_library(args.library)
    known = {case_id for case_id, _lang in library.cases}
    for case_id in sorted({ref.id for s in gathering.sessions for ref in s.state.cases} - known):
        _say(_("report.cli.case_not_in_library", case=case_id, library=args.library))
    report = build_report(gathering, library, get_language(), names=args.names, selection=selection,
                          trainer=args.trainer)
    output = render(report, fmt, args.dialect or ("nl" if get_language() == "nl" else "en"))
    if not args.out:
        sys.stdout.write(output)
    elif failed := _write(args.out, output, encoding="utf-8-sig" if fmt == "csv" else "utf-8"):
        return failed
    return 0


def _write(path: Path, content: str, encoding: str = "utf-8") -> int:
    """Write an output file whole or not at all and say which: 0, or the exit code of the failure."""
    try:
        write_file(path, content, encoding)
    except OutputError as error:
        return error.tell()
    _say(_("report.cli.written", path=path))
    return 0


def cmd_cards(args: argparse.Namespace) -> int:
    lang = get_language()
    library = load_library(args.library)
    known = sorted({case_id for case_id, _lang in library.cases})
    unknown = [case_id for case_id in args.case or () if case_id not in known]
    if unknown:
        _say(_("report.cli.unknown_case", case=unknown[0], known=", ".join(known)))
        return 2
    fmt = args.format or ("pdf" if args.out.suffix.lower() == ".pdf" else "html")
    from game.report.cards import card_decks, render_cards
    page = render_cards(card_decks(library, lang, args.case), lang)
    return _write(args.out, page) if fmt == "html" else _print_pdf(page, args.out)


def _print_pdf(page: str, pdf: Path) -> int:
    """Print the cards to ``pdf`` with a Chromium on the system; 0, or the exit code of the failure."""
    from game.report.browser import BrowserError, find_browser, print_pdf
    if find_browser() is None:
        _say(_("report.cli.no_browser"))
        return 1
    try:
        with tempfile.TemporaryDirectory(prefix="dilemmaspel-cards-") as folder, building(pdf) as temporary:
            html = Path(folder) / "kaarten.html"
            html.write_text(page, encoding="utf-8")
            print_pdf(html, temporary)
    except BrowserError as error:
        _say(_("report.cli.pdf_failed", reason=error))
        return 1
    except OutputError as error:
        return error.tell()
    _say(_("report.cli.written", path=pdf))
    return 0


def cmd_sessions(args: argparse.Namespace) -> int:
    folder = args.folder or default_folder()
    if args.action == "list":
        return _list(folder)
    return _delete(args, folder)


def _list(folder: Path) -> int:
    found, broken = list_sessions(folder)
    _show(_("report.sessions.folder", folder=folder))
    for summary in found:
        _show(_describe(summary, folder))
    for error in broken:
        _show(_("report.cli.warning", message=error.message()))
    _show(n_("report.sessions.count", len(found)))
    return 1 if broken else 0


def _describe(summary: SessionSummary, folder: Path | None = None) -> str:
    """One session's line; ``folder``: name its file from there (a file in a subfolder with the subfolder)."""
    state = (_("report.sessions.finished") if summary.finished
             else _("report.sessions.phase", phase=_(f"phase.{summary.phase}")))
    if summary.merged:
        state += " · " + _("report.sessions.in_merged")
    if len(summary.copies) > 1:
        state += " · " + n_("report.sessions.copies", len(summary.copies))
    shown = summary.path.name
    if folder is not None and summary.path.is_relative_to(folder.resolve()):
        shown = str(summary.path.relative_to(folder.resolve()))
    if summary.table_name:
        shown = f"{summary.table_name} · {shown}"
    return _("report.sessions.row", file=shown,
             when=datetime.fromtimestamp(summary.last_activity).strftime("%Y-%m-%d %H:%M"),
             cases=", ".join(summary.cases), players=summary.players, state=state)


def _delete(args: argparse.Namespace, folder: Path) -> int:
    """Delete the named sessions and/or those older than --older-than, after a confirmation.

    Only regular session files directly in ``folder`` are deleted (a link is never followed,
    a file elsewhere is refused), and never a session a game has open at that moment.
    """
    if not args.files and args.older_than is None:
        _say(_("report.sessions.what_to_delete"))
        return 2
    chosen: dict[Path, str] = {}
    for name in args.files:
        path = Path(os.path.abspath(folder / name if name.parent == Path() else name))
        refusal = _not_deletable(path, folder)
        if refusal:
            _say(refusal)
            return 2
        chosen[path] = _describe_file(path)
    if args.older_than is not None:
        cutoff = time.time() - args.older_than * SECONDS_PER_DAY
        for path in _old_files(folder, cutoff):
            if _not_deletable(path, folder) is None:
                chosen[Path(os.path.abspath(path))] = _describe_file(path)
    in_use = [path for path in chosen if _refused_as_open(path)]
    for path in in_use:
        del chosen[path]
    if not chosen:
        if not in_use:
            _show(_("report.sessions.nothing_old", days=f"{args.older_than:g}", folder=folder))
        return 1 if in_use else 0
    _show(n_("report.sessions.will_delete", len(chosen)))
    for line in chosen.values():
        _show(f"  {line}")
    if not args.yes and not _confirmed():
        _show(_("report.sessions.kept"))
        return 0
    deleted = [path for path in chosen if _deleted(path)]
    _show(n_("report.sessions.deleted", len(deleted)))
    return 0 if len(deleted) == len(chosen) and not in_use else 1


def _not_deletable(path: Path, folder: Path) -> str | None:
    """Why ``path`` may not be deleted: a link, not a session file, or not in ``folder`` (or a folder below it,
    links followed); None if it may."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        mode = 0
    if stat.S_ISLNK(mode):
        return _("report.sessions.a_link", path=path)
    if not stat.S_ISREG(mode) or not path.name.endswith(SUFFIX):
        return _("report.sessions.not_a_session", path=path, suffix=SUFFIX)
    if not path.parent.resolve().is_relative_to(folder.resolve()):
        return _("report.sessions.outside", path=path, folder=folder)
    return None


def _refused_as_open(path: Path) -> bool:
    """Whether a game has the session open; if so, say which table it is."""
    with claimed(path) as free:
        if free:
            return False
    _say_which_table(path)
    return True


def _say_which_table(path: Path) -> None:
    """The case, players and start of a session a game has open, so the facilitator knows which table to ask."""
    try:
        summary = session_summary(path)
    except SessionFileError:
        summary = None
    if summary is None:
        _say(_("report.sessions.open_unknown", file=path.name))
        return
    _say(_("report.sessions.open", file=path.name, cases=", ".join(summary.cases), players=", ".join(summary.names),
           started=datetime.fromtimestamp(summary.started).strftime("%Y-%m-%d %H:%M")))


def _deleted(path: Path) -> bool:
    """Remove a session with SQLite's side files, unless a game opened it meanwhile; whether it is gone."""
    with claimed(path) as free:
        if free:
            try:
                path.unlink()
            except OSError as error:
                _say(_("report.sessions.not_deleted", file=path.name, reason=error.strerror))
                return False
            for file in (*companion_files(path), aside_marker(path), pass_file(path)):
                with suppress(OSError):
                    file.unlink(missing_ok=True)
            return True
    _say_which_table(path)
    return False


def _old_files(folder: Path, cutoff: float) -> list[Path]:
    """The session files below ``folder`` whose every session was last active before ``cutoff``."""
    newest: dict[Path, float] = {}
    for summary in list_sessions(folder)[0]:
        for path in summary.copies:
            newest[path] = max(newest.get(path, 0.0), summary.last_activity)
    return [path for path, last in newest.items() if last < cutoff]


def _describe_file(path: Path) -> str:
    """A named file as the list shows it; a file that can't be read is named with the reason."""
    try:
        summary = session_summary(path)
    except SessionFileError as error:
        return _("report.sessions.unreadable", file=path.name, reason=error.message())
    return _describe(summary) if summary else path.name


def _confirmed() -> bool:
    lang = get_language()
    try:
        answer = input(_("report.sessions.confirm", yes=YES[lang][1]))
    except EOFError:
        return False
    return answer.strip().lower() in YES[lang]
