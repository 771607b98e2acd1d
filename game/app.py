"""The Python API in one place: load the library, start a session, resume one, list them.

This is the composition of the layers (scenario -> engine -> store) that the
command line and the screens use::

    from game.app import open_library, start_session, resume_session
    from game.engine import DrawRole, StartSession
    library = open_library()
    stored = start_session(library, StartSession(("Anna", "Bert"), ("hygiene-normen",)))
    stored.execute(DrawRole(0))
    path = stored.path            # ... the process dies ...
    stored = resume_session(library, path)   # exactly where it stopped
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.engine import CaseBook, StartSession
from game.scenario.loader import BUNDLED_LIBRARY, Library, load_library
from game.store.log import (SessionFileError, SessionLog, StoredSession, aside_marker, default_folder,
                            remove_leftovers)
from game.store.merge import TableSession, is_merged_file, read_sessions, session_files


def open_library(folder: Path = BUNDLED_LIBRARY) -> Library:
    """The case library with its decks; cases with problems are left out (see ``library.problems``)."""
    return load_library(folder)


def case_book(library: Library, lang: str = "nl") -> CaseBook:
    """The cases of one language (falling back to Dutch per case) as the engine needs them."""
    ids = sorted({case_id for case_id, _lang in library.cases})
    loaded = {case_id: library.case(case_id, lang) for case_id in ids}
    return CaseBook({i: c.scenario for i, c in loaded.items()}, {i: c.digest for i, c in loaded.items()},
                    frozenset(library.decks.values))


def start_session(library: Library, command: StartSession, folder: Path | None = None,
                  path: Path | None = None) -> StoredSession:
    """A new session, logged in ``path`` or in a new file in ``folder`` (the user's data folder by default)."""
    return StoredSession.start(case_book(library, command.lang), command, folder=folder, path=path)


def resume_session(library: Library, path: Path) -> StoredSession:
    """Open a session file and continue exactly where it stopped.

    The cases it plays must still be in the library, and the point the table was at must
    still exist in the (possibly edited) case; otherwise a SessionFileError says which.
    A merged file holds copies of sessions for the plenary: it is refused, untouched.
    """
    if is_merged_file(path):
        raise SessionFileError("MERGED", path)
    log = SessionLog.open(path)
    try:
        state = log.state()
    finally:
        log.close()
    book = case_book(library, state.lang)
    for ref in state.cases:
        if ref.id not in book.cases:
            raise SessionFileError("CASE_MISSING", path, case=ref.id)
    current = state.current
    if current and not state.finished:
        if current.case not in book.cases:  # a round of a case the session did not start with: a damaged file
            raise SessionFileError("BAD_EVENT", path)
        if book.cases[current.case].node(current.node) is None:
            raise SessionFileError("CASE_CHANGED", path, case=current.case, node=current.node)
    return StoredSession.resume(book, path)


@dataclass(frozen=True)
class SessionSummary:
    """One session as ``sessions list`` shows it; ``copies``: every file that holds it (``path`` among them)."""

    path: Path
    session_id: str
    mode: str
    cases: tuple[str, ...]
    players: int
    finished: bool
    phase: str
    last_activity: float
    started: float
    names: tuple[str, ...] = ()
    round: int = 0
    put_aside: bool = False
    merged: bool = False
    copies: tuple[Path, ...] = ()
    table_name: str = ""


def _summary(session: TableSession, copies: tuple[Path, ...] = ()) -> SessionSummary:
    state = session.state
    return SessionSummary(session.path, session.session_id, state.mode, tuple(c.id for c in state.cases),
                          len(state.players), state.finished, state.phase, session.last_at, session.started_at,
                          state.players, state.current.number if state.current else 0,
                          aside_marker(session.path).exists(), session.merged_file, copies or (session.path,),
                          state.table_name)


def session_summary(path: Path) -> SessionSummary | None:
    """What one session file holds, read without writing; None for a file without a started session.

    A merged file holds several sessions: this is the one that was active last.
    """
    sessions = [s for s in read_sessions(path) if s.state.started]
    return _summary(max(sessions, key=lambda s: s.last_at)) if sessions else None


def list_sessions(folder: Path | None = None) -> tuple[list[SessionSummary], list[SessionFileError]]:
    """The sessions in ``folder`` and its subfolders (newest first), and the files that could not be read.

    Each session counts once, however many files hold it (a copy, a merged file): the
    summary comes from the table's own file with the most events, a merged file only
    when no other file has it. Every session of a merged file is listed on its own.
    """
    folder = folder or default_folder()
    copies: dict[str, list[TableSession]] = {}
    broken = []
    for path in session_files([folder]) if folder.is_dir() else []:
        try:
            sessions = read_sessions(path)
        except SessionFileError as error:
            broken.append(error)
            continue
        for session in sessions:
            if session.state.started:
                copies.setdefault(session.session_id, []).append(session)
    found = [_summary(max(versions, key=lambda s: (not s.merged_file, len(s.event_ids))),
                      tuple(s.path for s in versions)) for versions in copies.values()]
    found.sort(key=lambda s: s.last_activity, reverse=True)
    return found, broken


def tidy_sessions_folder(folder: Path | None = None) -> None:
    """Remove what a game stopped while creating a session left behind; the game does this when it starts."""
    remove_leftovers(folder or default_folder())


def unfinished_sessions(folder: Path | None = None) -> list[SessionSummary]:
    """Sessions a table can resume (not finished, not put away, in a file of its own), newest first."""
    return [s for s in list_sessions(folder)[0] if not s.finished and not s.merged and not s.put_aside]


def put_aside(path: Path) -> None:
    """No longer offer the session to resume; its file stays as it is, for the plenary and the report."""
    aside_marker(path).touch()
