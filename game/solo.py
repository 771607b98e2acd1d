"""Practising alone: a learner's runs, what they have seen of a case, and their reflections.

Solo runs use the same engine and log as a table, but live in a folder of their own
(``practice_folder``), apart from the table sessions a plenary gathers: a learner's
reflections never leave the machine and never mix with group data.
"""
from __future__ import annotations

import html
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir

from game.app import case_book
from game.engine import CaseBook, DrawRole, PickRole, StartSession
from game.engine.state import SessionState
from game.text import printable
from game.i18n import _, n_
from game.report.figures import Selection, Tally
from game.report.plenary import Plenary
from game.scenario.loader import Library
from game.scenario.model import Scenario
from game.scenario.paths import Walk, all_walks, nodes_of
from game.store.log import SUFFIX, SessionFileError, SessionLog, StoredSession, replayed

PRACTICE_FOLDER_VARIABLE = "DILEMMASPEL_PRACTICE"
GROUP_MINIMUM = 5  # answers at a decision point before how groups chose there may be shown (anonymity)


def practice_folder() -> Path:
    """Where a learner's runs are kept: $DILEMMASPEL_PRACTICE, else a folder apart in the user's data."""
    override = os.environ.get(PRACTICE_FOLDER_VARIABLE)
    return Path(override) if override else Path(user_data_dir("dilemmaspel", appauthor=False)) / "practice"


def start_run(library: Library, case_id: str, role: str | None = None, lang: str = "nl",
              folder: Path | None = None, name: str = "") -> StoredSession:
    """A new solo run of one case; the learner picks ``role``, or draws one when it is None."""
    return start_run_in(case_book(library, lang), case_id, role, lang, folder, name)


def start_run_in(book: CaseBook, case_id: str, role: str | None = None, lang: str = "nl",
                 folder: Path | None = None, name: str = "") -> StoredSession:
    """As ``start_run``, with the cases of ``book`` (one case file outside the library, say)."""
    stored = StoredSession.start(book, StartSession((name,), (case_id,), mode="solo", lang=lang),
                                 folder=folder or practice_folder())
    stored.execute(PickRole(0, role) if role else DrawRole(0))
    return stored


@dataclass(frozen=True)
class Run:
    """One solo run as the learner's history shows it."""

    path: Path
    started: float
    case: str
    lang: str
    role: str | None
    steps: tuple[tuple[str, str], ...]
    ending: str | None
    values: tuple[str, ...]
    reflection: str
    finished: bool

    @classmethod
    def from_state(cls, path: Path, state: SessionState, started: float) -> "Run":
        current = state.current
        return cls(path, started, current.case, state.lang, current.roles[0],
                   tuple((s.node, s.option) for s in current.path), current.ending, current.values[0],
                   current.reflection, state.finished)


def history(folder: Path | None = None) -> tuple[list[Run], list[SessionFileError]]:
    """All solo runs, newest first, and the files that could not be read."""
    folder = folder or practice_folder()
    runs, broken = [], []
    for path in sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []:
        try:
            log = SessionLog.open(path, read_only=True)
            try:
                events = list(log.events())
            finally:
                log.close()
            state = replayed(events, path)
        except SessionFileError as error:
            broken.append(error)
            continue
        if state.mode == "solo" and state.current:
            runs.append(Run.from_state(path, state, events[0].at))
    runs.sort(key=lambda run: run.started, reverse=True)
    return runs, broken


def unfinished_run(folder: Path | None = None) -> Run | None:
    """The newest run the learner stopped halfway, to resume at the same point."""
    return next((run for run in history(folder)[0] if not run.finished), None)


def delete_history(folder: Path | None = None) -> int:
    """Remove every solo run (with SQLite's side files); how many runs were removed."""
    folder = folder or practice_folder()
    removed = 0
    for path in sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []:
        for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            file.unlink(missing_ok=True)
        removed += 1
    return removed


@dataclass(frozen=True)
class Coverage:
    """What a learner has seen of one case over all their runs, and where to go next."""

    seen_decisions: frozenset[str]
    all_decisions: frozenset[str]
    seen_endings: frozenset[str]
    all_endings: frozenset[str]
    roles_tried: frozenset[str]
    roles_not_tried: tuple[str, ...]
    next_walk: Walk | None
    next_leans_to: int | None  # index of the side of the dilemma the next walk favours, if one

    def summary(self, scenario: Scenario, lang: str | None = None) -> str:
        """'You have seen 3 of 7 decision points: this path leads where safety weighs more than autonomy.'"""
        seen = n_("solo.coverage_seen", len(self.all_decisions), lang, seen=len(self.seen_decisions))
        if self.next_walk is None:
            return seen + " " + _("solo.coverage_all", lang)
        if self.next_leans_to is None:
            return seen + " " + _("solo.coverage_next_even", lang)
        heavier, lighter = scenario.tension[self.next_leans_to], scenario.tension[1 - self.next_leans_to]
        return seen + " " + _("solo.coverage_next", lang, heavier=heavier.text.lower(), lighter=lighter.text.lower())


def coverage(scenario: Scenario, runs: list[Run]) -> Coverage:
    mine = [run for run in runs if run.case == scenario.id]
    seen = {node for run in mine for node, _option in run.steps}
    endings = {run.ending for run in mine if run.ending}
    roles = {run.role for run in mine if run.role}
    walk = _most_new_walk(scenario, seen | endings)
    return Coverage(frozenset(seen), frozenset(scenario.decisions), frozenset(endings), frozenset(scenario.endings),
                    frozenset(roles), tuple(r for r in scenario.roles if r not in roles), walk,
                    _leaning(scenario, walk) if walk else None)


def _most_new_walk(scenario: Scenario, seen: set[str]) -> Walk | None:
    """The walk through the case that shows the most decision points and endings not seen yet."""
    best, best_new = None, 0
    for walk in all_walks(scenario):
        new = len(nodes_of(scenario, walk) - seen)
        if new > best_new:
            best, best_new = walk, new
    return best


def _leaning(scenario: Scenario, walk: Walk) -> int | None:
    """Which side of the dilemma the options of a walk favour more (None when even)."""
    score = [0, 0]
    for node, option_id in walk:
        option = scenario.decisions[node].option(option_id)
        for side_index, side in enumerate(scenario.tension):
            score[side_index] += len(set(option.favours) & set(side.values))
            score[side_index] -= len(set(option.pressures) & set(side.values))
    if score[0] == score[1]:
        return None
    return 0 if score[0] > score[1] else 1


@dataclass(frozen=True)
class GroupChoice:
    """How table players chose at one decision point (after exploring), counted over all tables.

    ``tallies`` is empty when fewer than GROUP_MINIMUM players answered there: too few to stay anonymous.
    """

    node: str
    answers: int
    tallies: tuple[Tally, ...]


def group_choices(sessions: Path, library: Library, scenario: Scenario, nodes: list[str],
                  lang: str = "nl") -> dict[str, GroupChoice]:
    """For each of ``nodes``: how groups chose there, from the table sessions in ``sessions`` (never solo runs)."""
    splits = {}
    if sessions.is_dir():
        figures = Plenary([sessions], library, lang).figures(Selection(case=scenario.id))
        splits = {split.node: split.after for split in figures.votes if split.case == scenario.id}
    found = {}
    for node in nodes:
        tallies = tuple(t for t in splits.get(node, ()) if t.key is not None)
        answers = sum(t.count for t in tallies)
        found[node] = GroupChoice(node, answers, tallies if answers >= GROUP_MINIMUM else ())
    return found


@dataclass(frozen=True)
class ValueComparison:
    """The learner's own values next to the values the options they followed put first or under pressure."""

    own: tuple[str, ...]
    favoured: tuple[str, ...]
    pressured: tuple[str, ...]

    @property
    def shared(self) -> tuple[str, ...]:
        return tuple(v for v in self.own if v in self.favoured)

    @property
    def under_pressure(self) -> tuple[str, ...]:
        return tuple(v for v in self.own if v in self.pressured)

    @property
    def not_own(self) -> tuple[str, ...]:
        """Values the choices put first that the learner did not choose."""
        return tuple(v for v in self.favoured if v not in self.own)


def compare_values(scenario: Scenario, run: Run) -> ValueComparison:
    options = [scenario.decisions[node].option(option) for node, option in run.steps if node in scenario.decisions]
    favoured = tuple(dict.fromkeys(v for option in options if option for v in option.favours))
    pressured = tuple(dict.fromkeys(v for option in options if option for v in option.pressures))
    return ValueComparison(run.values, favoured, pressured)


def export_reflections(runs: list[Run], library: Library, fmt: str = "md", lang: str | None = None) -> str:
    """The learner's reflections as Markdown or a self-contained HTML page, newest first."""
    entries = []
    for run in runs:
        case = library.case(run.case, run.lang)
        scenario = case.scenario if case else None
        title = scenario.title if scenario else run.case
        role = library.decks.roles.get(run.role).name if run.role in library.decks.roles else (run.role or "-")
        ending = scenario.endings[run.ending].title if scenario and run.ending in scenario.endings else "-"
        when = datetime.fromtimestamp(run.started).strftime("%d-%m-%Y %H:%M")
        entry = (title, when, role, ending, run.reflection or _("solo.no_reflection", lang))
        entries.append(tuple(printable(text) for text in entry))  # older runs may hold control characters
    if fmt == "html":
        return _as_html(entries, lang)
    return _as_markdown(entries, lang)


def _as_markdown(entries, lang) -> str:
    """Each line of a reflection ends in two spaces: a line break in Markdown, where a lone newline is not."""
    lines = [f"# {_('solo.export_title', lang)}", ""]
    for title, when, role, ending, reflection in entries:
        lines += [f"## {title}", "", f"- {_('solo.export_when', lang)}: {when}", f"- {_('solo.export_role', lang)}: {role}",
                  f"- {_('solo.export_ending', lang)}: {ending}", "", reflection.replace("\n", "  \n"), ""]
    return "\n".join(lines)


def _as_html(entries, lang) -> str:
    esc = html.escape
    parts = [f"<!doctype html><html lang=\"{esc(lang or 'nl')}\"><head><meta charset=\"utf-8\">"
             f"<title>{esc(_('solo.export_title', lang))}</title><style>body{{font-family:sans-serif;max-width:40em;"
             "margin:2em auto;line-height:1.5}} .meta{{color:#333}} @media print{{section{{break-inside:avoid}}}}"
             f"</style></head><body><h1>{esc(_('solo.export_title', lang))}</h1>"]
    for title, when, role, ending, reflection in entries:
        parts.append(f"<section><h2>{esc(title)}</h2><p class=\"meta\">{esc(_('solo.export_when', lang))}: {esc(when)}"
                     f" · {esc(_('solo.export_role', lang))}: {esc(role)} · {esc(_('solo.export_ending', lang))}: "
                     f"{esc(ending)}</p><p>{esc(reflection).replace(chr(10), '<br>')}</p></section>")
    parts.append("</body></html>")
    return "".join(parts)
