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
from game.store.log import (SUFFIX, SessionFileError, SessionLog, StoredSession, aside_marker, default_folder,
                            remove_leftovers, replayed)


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
    """
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


def session_summary(path: Path) -> SessionSummary | None:
    """What one session file holds, read without writing; None for a file without a started session."""
    log = SessionLog.open(path, read_only=True)
    try:
        events = list(log.events())
    finally:
        log.close()
    state = replayed(events, path)
    if not state.started:
        return None
    return SessionSummary(path, state.session_id, state.mode, tuple(c.id for c in state.cases),
                          len(state.players), state.finished, state.phase, events[-1].at, events[0].at, state.players,
                          state.current.number if state.current else 0, aside_marker(path).exists())


def list_sessions(folder: Path | None = None) -> tuple[list[SessionSummary], list[SessionFileError]]:
    """The sessions in ``folder`` (newest first) and the files that could not be read."""
    folder = folder or default_folder()
    found, broken = [], []
    for path in sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []:
        try:
            summary = session_summary(path)
        except SessionFileError as error:
            broken.append(error)
            continue
        if summary:
            found.append(summary)
    found.sort(key=lambda s: s.last_activity, reverse=True)
    return found, broken


def tidy_sessions_folder(folder: Path | None = None) -> None:
    """Remove what a game stopped while creating a session left behind; the game does this when it starts."""
    remove_leftovers(folder or default_folder())


def unfinished_sessions(folder: Path | None = None) -> list[SessionSummary]:
    """Sessions a table can resume, newest first (not those put away)."""
    return [s for s in list_sessions(folder)[0] if not s.finished and not s.put_aside]


def put_aside(path: Path) -> None:
    """No longer offer the session to resume; its file stays as it is, for the plenary and the report."""
    aside_marker(path).touch()
