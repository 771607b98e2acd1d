"""``dilemmaspel play-text``: a case as numbered text in the terminal, played through the real engine.

Plain lines only (no colours, no drawing characters, no cursor tricks), so that a screen reader
reads it as it comes: every choice is a number, and q stops at any question. With ``--random`` a bot
walks many random paths instead, and the report says which decision points, endings and options it
never reached (coverage), and which paths failed. Both drive the engine's solo mode with its commands,
exactly as the game does.
"""
from __future__ import annotations

import argparse
import difflib
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from game.engine import (AdvancePhase, CaseBook, CastVote, CommandRejected, Continue, ExploreOption, GoBack,
                         PickRole, PickValues, Session, StartSession, WriteReflection)
from game.i18n import _, get_language, n_
from game.scenario.loader import Decks, LoadedCase, decks_for, load_case, load_decks
from game.scenario.model import Card, Scenario
from game.authoring.progress import Progress
from game.authoring.snippets import with_snippets

if TYPE_CHECKING:
    from game.store.log import StoredSession

DEFAULT_RUNS = 100
MAX_VALUES = 5
PROGRESS_FROM = 100  # runs; smaller jobs finish before a progress line would help
STEPS_PER_DECISION = 20  # a walk longer than this many steps per decision point is going round in circles


def play_text_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", type=Path, metavar=_("authoring.file_metavar"), help=_("authoring.play.file_help"))
    command.add_argument("--solo", action="store_true", help=_("solo.text.solo_help"))
    command.add_argument("--role", metavar=_("authoring.role_metavar"), help=_("authoring.play.role_help"))
    command.add_argument("--random", action="store_true", help=_("authoring.play.random_help"))
    command.add_argument("--runs", type=int, default=None, metavar="N", help=_("authoring.play.runs_help"))
    command.add_argument("--seed", type=int, default=None, metavar="S", help=_("authoring.play.seed_help"))


def run_play_text(args: argparse.Namespace) -> int:
    if args.solo and not args.file.is_file():
        return play_practice(args)
    wrong = _wrong_use(args)
    if wrong:
        print(wrong, file=sys.stderr)
        return 2
    decks, deck_problems = load_decks(decks_for(args.file))
    result = load_case(args.file, decks)
    if deck_problems or result.problems:
        for problem in with_snippets(deck_problems + list(result.problems)):
            print(problem.format())
        print(_("authoring.play.fix_first", path=args.file), file=sys.stderr)
        return 1
    case = result.case
    if args.role is not None and args.role not in case.scenario.roles:
        print(_("authoring.play.unknown_role", role=args.role, roles=", ".join(case.scenario.roles)), file=sys.stderr)
        return 2
    if args.solo:
        from game.solo import start_run_in
        book = CaseBook({case.scenario.id: case.scenario}, {case.scenario.id: case.digest}, frozenset(decks.values))
        return TextPlayer(case, decks).play(
            args.role, lambda role: SoloRun.kept(start_run_in(book, case.scenario.id, role, case.scenario.lang)))
    if not args.random:
        return TextPlayer(case, decks).play(args.role)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1_000_000)
    try:
        coverage = walk_randomly(case, decks, args.runs or DEFAULT_RUNS, seed, args.role)
    except KeyboardInterrupt:
        print(_("authoring.play.stopped"), file=sys.stderr)
        return 1
    print_coverage(coverage, case, seed)
    return 1 if coverage.failures else 0


def unknown_case_message(case_id: str, known: list[str]) -> str:
    """What to say about a case id the library does not have: the ids there are, and the nearest ones."""
    message = _("solo.cli.unknown_case", case=case_id, known=", ".join(known))
    near = difflib.get_close_matches(case_id, known, n=3, cutoff=0.5)
    return message + ("\n" + _("solo.cli.did_you_mean", ids=", ".join(near)) if near else "")


def play_practice(args: argparse.Namespace) -> int:
    """``--solo CASE-ID``: a case of the library as a learner's practice run, kept with the window's runs."""
    from game.app import open_library
    from game.solo import start_run
    library = open_library()
    case_id, lang = str(args.file), get_language()
    known = sorted({known_id for known_id, _lang in library.cases})
    if case_id not in known:
        print(unknown_case_message(case_id, known), file=sys.stderr)
        return 2
    case = library.case(case_id, lang)
    if args.role is not None and args.role not in case.scenario.roles:
        print(_("authoring.play.unknown_role", role=args.role, roles=", ".join(case.scenario.roles)), file=sys.stderr)
        return 2
    if args.random or args.runs is not None or args.seed is not None:
        print(_("solo.text.not_random"), file=sys.stderr)
        return 2
    return TextPlayer(case, library.decks).play(
        args.role, lambda role: SoloRun.kept(start_run(library, case_id, role, lang)))


def _wrong_use(args: argparse.Namespace) -> str | None:
    """What is wrong with the command line, as a message (None when nothing is)."""
    if not args.file.is_file():
        return _("cli.path_missing", path=args.file)
    if args.solo and (args.random or args.runs is not None or args.seed is not None):
        return _("solo.text.not_random")
    if not args.random and (args.runs is not None or args.seed is not None):
        return _("authoring.play.random_only")
    if args.runs is not None and args.runs < 1:
        return _("authoring.positive", value=args.runs)
    return None


class SoloRun:
    """One player alone with one case, through the engine's commands (solo mode).

    ``commands`` takes them: the engine's ``session`` itself, or a StoredSession that logs each one
    first (a learner's practice run, kept like a run in the window).
    """

    def __init__(self, scenario: Scenario, session: Session, commands: Session | StoredSession | None = None) -> None:
        self.scenario = scenario
        self.session = session
        self.commands = commands or session

    @classmethod
    def in_memory(cls, case: LoadedCase, deck_values: frozenset[str], seed: int = 0) -> "SoloRun":
        """A run that is not kept (an author trying a case, a random walk)."""
        scenario = case.scenario
        book = CaseBook({scenario.id: scenario}, {scenario.id: case.digest}, deck_values)
        session = Session(book)
        session.execute(StartSession((_("authoring.play.player"),), (scenario.id,), mode="solo", seed=seed,
                                     lang=scenario.lang))
        return cls(scenario, session)

    @classmethod
    def kept(cls, stored: StoredSession) -> "SoloRun":
        """A learner's run, logged command by command in the practice folder ('Mijn oefeningen')."""
        return cls(stored.session.case(), stored.session, stored)

    @property
    def kept_in(self) -> Path | None:
        """The file a practice run is logged in (None for a run that is not kept)."""
        return getattr(self.commands, "path", None)

    def execute(self, command) -> None:
        self.commands.execute(command)

    @property
    def phase(self) -> str:
        return self.session.state.phase

    @property
    def node(self) -> str:
        return self.session.state.current.node

    @property
    def path(self) -> list[tuple[str, str]]:
        return [(step.node, step.option) for step in self.session.state.current.path]

    def take_role(self, role: str) -> None:
        if self.session.state.current.roles[0] is None:
            self.execute(PickRole(0, role))
        self.execute(AdvancePhase())

    def share(self, values: tuple[str, ...]) -> None:
        if values:
            self.execute(PickValues(0, values))
        self.execute(AdvancePhase())

    def options(self) -> tuple[str, ...]:
        return self.session.available_options()

    def consider(self, option: str) -> None:
        """Read the consequences of an option (the first one read is the player's vote)."""
        if self.phase == "vote":
            self.execute(CastVote(0, option))
        self.execute(ExploreOption(option))

    def back(self) -> None:
        self.execute(GoBack())

    def follow(self, option: str) -> None:
        self.execute(Continue(option))

    def to_ending(self) -> None:
        """Past the scribe's step, which a player alone does not have, to the ending."""
        while self.phase not in ("ending", "finished"):
            self.execute(AdvancePhase())

    def reflect(self, text: str) -> None:
        self.execute(WriteReflection(text))

    def finish(self) -> None:
        """From the ending to the end of the run."""
        while self.phase != "finished":
            self.execute(AdvancePhase())
        if self.kept_in:
            self.commands.close()


class _Stop(Exception):
    """The player typed q (or the input ended)."""


def card_name(card: Card, lang: str) -> str:
    english = getattr(card, "en", None)
    return english.name if lang == "en" and english else card.name


class TextPlayer:
    """The case as numbered text; reads answers from stdin, writes plain lines to stdout."""

    def __init__(self, case: LoadedCase, decks: Decks) -> None:
        self.case = case
        self.scenario: Scenario = case.scenario
        self.deck_values = frozenset(decks.values)
        self.cards = {**decks.values, **self.scenario.values}
        self.role_cards = decks.roles

    def play(self, role: str | None, start: Callable[[str], SoloRun] | None = None) -> int:
        """Play the case as ``role`` (asked when None); ``start`` begins the run once the role is known
        (a run that is not kept, unless it says otherwise). A kept run asks for the learner's reflection."""
        start = start or (lambda _role: SoloRun.in_memory(self.case, self.deck_values))
        run = None
        try:
            self._introduce()
            role = role or self._choose_role()
            self._brief(role)
            run = start(role)
            run.take_role(role)
            run.share(self._choose_values())
            while run.phase != "record":
                self._decide(run)
            self._end(run)
            if run.kept_in:
                run.to_ending()
                self._reflect(run)
        except _Stop:
            print(_("authoring.play.stopped"))
            if run and run.kept_in:
                run.commands.close()
                print(_("solo.text.kept_halfway"))
            return 0
        run.finish()
        if run.kept_in:
            self._say(_("solo.text.kept", path=run.kept_in))
        return 0

    # --- reading and writing ---

    def _say(self, *lines: str) -> None:
        for line in lines:
            print(line.rstrip())

    def _ask(self, prompt: str) -> str:
        try:
            answer = input(prompt)
        except (EOFError, KeyboardInterrupt):  # the input ended, or Ctrl+C: both mean stop
            print()
            raise _Stop from None
        if not sys.stdin.isatty():
            print(answer)  # so that a transcript (or a screen reader reading one) shows what was chosen
        if answer.strip().lower() == "q":
            raise _Stop
        return answer.strip()

    def _pick(self, items: list[str], question: str | None = None) -> int:
        """The index of the item the player types the number of."""
        if question:
            self._say(question)
        for number, item in enumerate(items, start=1):
            self._say(f"  {number}. {item}")
        while True:
            answer = self._ask(_("authoring.play.prompt", last=len(items)))
            if answer.isdigit() and 1 <= int(answer) <= len(items):
                return int(answer) - 1
            self._say(_("authoring.play.not_a_choice", last=len(items)))

    # --- the steps of a run ---

    def _introduce(self) -> None:
        s = self.scenario
        self._say(_("authoring.play.title", title=s.title), "")
        if s.content_note:
            self._say(_("authoring.play.content_note", note=s.content_note), "")
        self._say(_("authoring.play.rule"), "", s.setting, "", s.intro, "")
        self._say(_("authoring.play.tension", one=s.tension[0].text, other=s.tension[1].text), "")

    def _choose_role(self) -> str:
        roles = list(self.scenario.roles)
        names = [card_name(self.role_cards[r], self.scenario.lang) if r in self.role_cards else r for r in roles]
        return roles[self._pick(names, _("authoring.play.choose_role"))]

    def _brief(self, role: str) -> None:
        brief = self.scenario.roles[role]
        name = card_name(self.role_cards[role], self.scenario.lang) if role in self.role_cards else role
        self._say("", _("authoring.play.your_role", role=name), _("authoring.play.knows", text=brief.knows),
                  _("authoring.play.wants", text=brief.wants), _("authoring.play.fears", text=brief.fears), "")

    def _value_choices(self) -> list[str]:
        """The values this case is about: those of the dilemma, then those its options name."""
        s = self.scenario
        named = [v for side in s.tension for v in side.values]
        named += [v for d in s.decisions.values() for o in d.options for v in o.favours + o.pressures]
        return [v for v in dict.fromkeys(named) if v in self.cards]

    def _choose_values(self) -> tuple[str, ...]:
        values = self._value_choices()
        self._say(_("authoring.play.choose_values", most=MAX_VALUES))
        for number, value in enumerate(values, start=1):
            card = self.cards[value]
            self._say(f"  {number}. {card_name(card, self.scenario.lang)}: {card.line}")
        while True:
            answer = self._ask(_("authoring.play.values_prompt"))
            numbers = answer.replace(",", " ").split()
            if all(n.isdigit() and 1 <= int(n) <= len(values) for n in numbers) and len(set(numbers)) <= MAX_VALUES:
                self._say("")
                return tuple(dict.fromkeys(values[int(n) - 1] for n in numbers))
            self._say(_("authoring.play.not_values", last=len(values), most=MAX_VALUES))

    def _decide(self, run: SoloRun) -> None:
        decision = self.scenario.decisions[run.node]
        self._say(_("authoring.play.decision", title=decision.title), decision.text, "")
        while True:
            options = list(run.options())
            texts = [decision.option(o).text for o in options]
            chosen = options[self._pick(texts, decision.question or _("authoring.play.default_question"))]
            run.consider(chosen)
            self._consequences(decision.option(chosen))
            if self._pick([_("authoring.play.follow"), _("authoring.play.back")]) == 0:
                run.follow(chosen)
                self._say("")
                return
            run.back()
            self._say("")

    def _consequences(self, option) -> None:
        c = option.consequences
        self._say("", _("authoring.play.consequences", option=option.text),
                  _("authoring.play.for_resident", text=c.resident), _("authoring.play.for_family", text=c.family),
                  _("authoring.play.for_team", text=c.team))
        if option.favours or option.pressures:
            self._say(_("authoring.play.values_at_stake", favours=self._names(option.favours),
                        pressures=self._names(option.pressures)))
        self._say("")

    def _names(self, value_ids: tuple[str, ...]) -> str:
        lang = self.scenario.lang
        return ", ".join(card_name(self.cards[v], lang) if v in self.cards else v for v in value_ids) or "-"

    def _end(self, run: SoloRun) -> None:
        ending = self.scenario.endings[run.node]
        self._say(_("authoring.play.ending", title=ending.title), ending.text, "", _("authoring.play.reflection"))
        self._say(*(f"  - {question}" for question in ending.reflection))
        self._say("", _("authoring.play.your_path"))
        for number, (node, option) in enumerate(run.path, start=1):
            decision = self.scenario.decisions[node]
            self._say(f"  {number}. {decision.title}: {decision.option(option).text}")
        for fact in self.scenario.facts:
            self._say("", _("authoring.play.fact", title=fact.title), fact.text,
                      _("authoring.play.source", source=fact.source))
        self._say("", _("authoring.play.done"))

    def _reflect(self, run: SoloRun) -> None:
        """The learner's own reflection: lines until an empty one (or the end of the input)."""
        self._say("", _("solo.text.reflection_ask"))
        lines = []
        while True:
            try:
                line = input("> ")
            except EOFError:
                break
            except KeyboardInterrupt:
                print()
                raise _Stop from None
            if not sys.stdin.isatty():
                print(line)
            if not line.strip():
                break
            lines.append(line.rstrip())
        text = "\n".join(lines)
        if text.strip():
            run.reflect(text)
            self._say(_("solo.text.reflection_saved"))
        else:
            self._say(_("solo.text.reflection_none"))


# --- random walks and coverage ------------------------------------------------------------------


@dataclass
class Failure:
    run: int
    path: list[tuple[str, str]]
    reason: str


@dataclass
class Coverage:
    """What a number of random walks through a case reached, and where walks failed."""

    runs: int = 0
    decisions: Counter = field(default_factory=Counter)
    endings: Counter = field(default_factory=Counter)
    options: Counter = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)


def walk_randomly(case: LoadedCase, decks: Decks, runs: int, seed: int, role: str | None = None,
                  max_steps: int | None = None) -> Coverage:
    """Walk ``runs`` random paths through the engine (the same seed gives the same walks)."""
    rng = random.Random(seed)
    scenario = case.scenario
    max_steps = max_steps or STEPS_PER_DECISION * (len(scenario.decisions) + 1)
    coverage = Coverage(runs=runs)
    progress = Progress("authoring.progress.runs", max(1, runs // 10) if runs >= PROGRESS_FROM else runs + 1, runs)
    for number in range(1, runs + 1):
        run = SoloRun.in_memory(case, frozenset(decks.values), seed=rng.randrange(2**31))
        try:
            _walk(run, rng, role or rng.choice(list(scenario.roles)), max_steps, coverage)
        except (CommandRejected, _Stuck) as problem:
            reason = problem.message() if isinstance(problem, CommandRejected) else str(problem)
            coverage.failures.append(Failure(number, run.path, reason))
        progress.step()
    return coverage


class _Stuck(Exception):
    """A walk that cannot go on: no option to choose, or going round without reaching an ending."""


def _walk(run: SoloRun, rng: random.Random, role: str, max_steps: int, coverage: Coverage) -> None:
    values = sorted(run.session.book.values_for(run.scenario.id))
    run.take_role(role)
    run.share(tuple(rng.sample(values, rng.randint(0, min(3, len(values))))))
    steps = 0
    while run.phase != "record":
        if steps == max_steps:
            raise _Stuck(_("authoring.play.going_round", steps=max_steps))
        coverage.decisions[run.node] += 1
        options = list(run.options())
        if not options:
            raise _Stuck(_("authoring.play.no_options", node=run.node))
        looked = rng.sample(options, rng.randint(1, min(2, len(options))))
        for option in looked[:-1]:
            run.consider(option)
            run.back()
        run.consider(looked[-1])
        coverage.options[(run.node, looked[-1])] += 1
        run.follow(looked[-1])
        steps += 1
    coverage.endings[run.node] += 1
    run.finish()


def print_coverage(coverage: Coverage, case: LoadedCase, seed: int) -> None:
    s = case.scenario
    all_options = [(node, oid) for node, d in s.decisions.items() for oid in d.option_ids()]
    print(n_("authoring.coverage.title", coverage.runs, case=s.id, seed=seed))
    for kind, reached, every in (("decisions", coverage.decisions, list(s.decisions)),
                                 ("endings", coverage.endings, list(s.endings)),
                                 ("options", coverage.options, all_options)):
        print(_(f"authoring.coverage.{kind}", reached=sum(1 for x in every if reached[x]), total=len(every)))
    print(_("authoring.coverage.ending_counts",
            counts=", ".join(f"{e} {coverage.endings[e]}" for e in s.endings)))
    missed = _never_reached(coverage, case, all_options)
    print(_("authoring.coverage.missed") if missed else _("authoring.coverage.nothing_missed"))
    for line in missed:
        print(f"  {line}")
    print(n_("authoring.coverage.failures", len(coverage.failures)) if coverage.failures
          else _("authoring.coverage.no_failures"))
    for failure in coverage.failures:
        path = " > ".join(f"{node}.{option}" for node, option in failure.path) or "-"
        print("  " + _("authoring.coverage.failure", run=failure.run, path=path, reason=failure.reason))


def _never_reached(coverage: Coverage, case: LoadedCase, all_options: list[tuple[str, str]]) -> list[str]:
    """Each part no walk reached, at its place in the file."""
    s, source = case.scenario, case.source
    lines = []
    for section, reached in (("decisions", coverage.decisions), ("endings", coverage.endings)):
        for node_id, node in getattr(s, section).items():
            if not reached[node_id]:
                mark = source.mark((section, node_id), key=True)
                lines.append(_(f"authoring.coverage.missed_{section}", place=f"{source.shown}:{mark.line}:{mark.col}",
                               id=node_id, title=node.title))
    for node_id, oid in all_options:
        if not coverage.options[(node_id, oid)]:
            decision = s.decisions[node_id]
            index = decision.option_ids().index(oid)
            mark = source.mark(("decisions", node_id, "options", index))
            lines.append(_("authoring.coverage.missed_option", place=f"{source.shown}:{mark.line}:{mark.col}",
                           id=f"{node_id}.{oid}", title=decision.options[index].text))
    return lines
