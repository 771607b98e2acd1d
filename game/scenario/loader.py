"""Loading case files and decks into the immutable model, with every problem found.

``load_case`` and ``load_deck`` read one file; ``load_library`` reads a folder with
its decks. They never raise for anything in a file: problems come back as a list,
each with its place, so a facilitator sees all of them at once.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Callable, Iterator, Mapping

from pydantic import TypeAdapter, ValidationError

from game.scenario.checks import check_case
from game.scenario.lint import translation_problems
from game.scenario.model import Deck, DeckCard, RoleCard, RoleDeck, Scenario
from game.scenario.problems import Problem, display_path, one_per_place
from game.scenario.prose import text_cut_by_comment
from game.i18n import _
from game.resources import library_folder
from game.scenario.validation import dotted, kind_of, problems_from
from game.scenario.yamlsource import Source, read_source

BUNDLED_LIBRARY = library_folder()
DECK_FOLDER = "decks"
DECK_FILES = {"roles": "roles.yaml", "values": "values.yaml"}
_DECK_ADAPTERS = {Deck: TypeAdapter(Deck), RoleDeck: TypeAdapter(RoleDeck)}


@dataclass(frozen=True)
class Decks:
    """The shared role cards and value cards that cases refer to by id."""

    roles: Mapping[str, RoleCard]
    values: Mapping[str, DeckCard]


@dataclass(frozen=True)
class LoadedCase:
    scenario: Scenario
    path: Path
    digest: str
    source: Source = field(repr=False, compare=False, default=None)


@dataclass(frozen=True)
class CaseResult:
    """What loading one case gave: the case when it is valid, and all problems."""

    path: Path
    case: LoadedCase | None
    problems: tuple[Problem, ...]


@dataclass
class Library:
    decks: Decks
    cases: dict[tuple[str, str], LoadedCase] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def case(self, case_id: str, lang: str = "nl") -> LoadedCase | None:
        return self.cases.get((case_id, lang)) or self.cases.get((case_id, "nl"))

    def ids(self, lang: str = "nl") -> list[str]:
        """The ids of the cases written in ``lang``: what a table playing in that language is offered (all
        cases, in their own language, when the library has none in ``lang``)."""
        written = sorted(case_id for case_id, case_lang in self.cases if case_lang == lang)
        return written or sorted({case_id for case_id, _lang in self.cases})

    def scenarios(self, lang: str = "nl") -> list[Scenario]:
        return [c.scenario for (cid, clang), c in sorted(self.cases.items()) if clang == lang]


def deck_model(path: Path) -> type:
    """What a deck file holds: role cards (each with its corner of the triangle) in ``roles.yaml``, else cards."""
    return RoleDeck if path.name == DECK_FILES["roles"] else Deck


def load_deck(path: Path) -> tuple[dict[str, DeckCard], list[Problem]]:
    source = read_source(path)
    model = deck_model(path)
    if isinstance(source, Problem):
        return {}, [source]
    problems = [Problem(source.shown, mark.line, mark.col, "DUPLICATE_ID", {"id": key})
                for key, mark in source.duplicates]
    problems += text_cut_by_comment(source, model)
    try:
        cards = _DECK_ADAPTERS[model].validate_python(source.data)
    except ValidationError as error:
        return {}, one_per_place(problems + problems_from(error, source, model))
    return cards, one_per_place(problems)


def load_decks(folder: Path) -> tuple[Decks, list[Problem]]:
    problems: list[Problem] = []
    loaded = {}
    for name, filename in DECK_FILES.items():
        cards, found = load_deck(folder / filename)
        loaded[name] = cards
        problems += found
    return Decks(**loaded), problems


def decks_for(path: Path) -> Path:
    """The deck folder for a case file: the nearest ``decks/`` above it, else the bundled one."""
    for folder in path.resolve().parents:
        if (folder / DECK_FOLDER / DECK_FILES["roles"]).is_file():
            return folder / DECK_FOLDER
    return BUNDLED_LIBRARY / DECK_FOLDER


def library_root(path: Path) -> Path:
    """The folder a case's images must stay in: its library (the folder with decks/), else its own folder."""
    for folder in path.absolute().parents:
        if (folder / DECK_FOLDER / DECK_FILES["roles"]).is_file():
            return folder
    return path.absolute().parent


def load_case(path: Path, decks: Decks) -> CaseResult:
    source = read_source(path)
    if isinstance(source, Problem):
        return CaseResult(path, None, (source,))
    problems = check_case(source, set(decks.roles), set(decks.values), library_root(path))
    problems += text_cut_by_comment(source, Scenario)
    scenario = None
    if not isinstance(source.data, dict):
        problems.append(source.problem((), "WRONG_TYPE", where=dotted(()), expected=_("type.mapping"),
                                       found=_(f"type.{kind_of(source.data)}")))
    else:
        try:
            scenario = Scenario.model_validate(source.data)
        except ValidationError as error:
            problems += problems_from(error, source, Scenario)
    problems = one_per_place(problems)
    source.data = None  # the model holds it now; the source stays only to place later findings
    case = LoadedCase(scenario, path, source.digest, source) if scenario and not problems else None
    return CaseResult(path, case, tuple(problems))


def case_files(folder: Path) -> list[Path]:
    """Every case file in a library folder, decks excluded, in a stable order."""
    return sorted(p for p in folder.rglob("*.yaml") if DECK_FOLDER not in p.relative_to(folder).parts[:1])


def load_library(folder: Path = BUNDLED_LIBRARY) -> Library:
    decks, problems = load_decks(folder / DECK_FOLDER)
    library = Library(decks, problems=problems)
    library.files = case_files(folder)
    for result in load_cases(library.files, decks):
        library.problems += result.problems
        if result.case:
            add_case(library, result.case)
            library.problems += file_name_problems(result.case)
    check_translations(library)
    return library


def file_name_problems(case: LoadedCase) -> list[Problem]:
    """A case in a library is named after its id (``new`` does so), as the library and the preview find it by id:
    a file that another id lives in is a case nobody finds under the name they see."""
    if case.path.stem == case.scenario.id:
        return []
    return [case.source.problem(("id",), "FILE_NAME_ID", name=case.path.name, id=case.scenario.id)]


PARALLEL_FROM = 64  # files; below this, starting worker processes costs more than it saves


def load_cases(paths: list[Path], decks: Decks) -> Iterator[CaseResult]:
    """Load many case files, in order; a large folder is spread over the processor's cores."""
    on_loaded = _on_loaded.get()
    for result in _load_in_order(paths, decks):
        if on_loaded:
            on_loaded(result)
        yield result


def _load_in_order(paths: list[Path], decks: Decks) -> Iterator[CaseResult]:
    workers = min(4, os.cpu_count() or 1)
    if len(paths) < PARALLEL_FROM or workers < 2:
        yield from (load_case(path, decks) for path in paths)
        return
    with ProcessPoolExecutor(workers) as pool:
        yield from pool.map(load_case, paths, repeat(decks), chunksize=32)


_on_loaded: ContextVar[Callable[[CaseResult], None] | None] = ContextVar("on_loaded", default=None)


@contextmanager
def reporting_loads(on_loaded: Callable[[CaseResult], None]) -> Iterator[None]:
    """Within this block, ``load_cases`` calls ``on_loaded`` with each file it finishes (progress of long jobs).

    A context rather than a parameter, so that every caller of ``load_cases`` (the library, the
    command line) reports without passing it along.
    """
    token = _on_loaded.set(on_loaded)
    try:
        yield
    finally:
        _on_loaded.reset(token)


def add_case(library: Library, case: LoadedCase) -> None:
    key = (case.scenario.id, case.scenario.lang)
    earlier = library.cases.get(key)
    if earlier:
        library.problems.append(Problem(display_path(case.path), 1, 1, "DUPLICATE_ID",
                                        {"id": case.scenario.id}, "file"))
        return
    library.cases[key] = case


def check_translations(library: Library) -> None:
    """Every translated case has the structure of its Dutch original (the translation is set aside if not)."""
    for (case_id, lang), case in sorted(library.cases.items()):
        original = library.cases.get((case_id, "nl"))
        if lang == "nl" or original is None:
            continue
        problems = translation_problems(original.scenario, case.scenario, case.source)
        if problems:
            library.problems += problems
            del library.cases[(case_id, lang)]
