"""The figures of the plenary, computed from the replayed states of the table sessions.

Everything here is a pure function over frozen data: ``table_rounds`` turns session
states into one ``TableRound`` per table and round, a ``Selection`` filters them (by
case, round and table), and ``figures`` computes what the room talks about:

* which values led the choices: the leading values the tables recorded, and the
  values the players picked from their role (counts and shares);
* how the votes split per option before and after exploring the consequences;
* the perspective gap: which option the players chose, per role;
* the values the players picked versus the values the options they chose favour;
* the tables' discussion points (``TableRound.notes``).

Only votes the table has seen revealed are counted: a vote still hidden at a table
stays hidden in the plenary. The cost is linear in the number of votes and picks.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping

from game.engine.session import COLOUR
from game.engine.state import AGAIN, FIRST, PathStep, RoundState, SessionState
from game.report.palette import TABLE_COLOURS
from game.scenario.model import Scenario
from game.text import printable

FINAL = "final"
PASSED = None
NOT_VOTED = "-"  # the table showed the votes before this player voted; never an option id (ids start with a-z0-9)


@dataclass(frozen=True)
class Visit:
    """One table's votes at one decision point; a decision the table came back to counts again."""

    node: str
    step: int
    first: tuple[str | None, ...]
    final: tuple[str | None, ...]
    revoted: bool
    followed: str | None
    chosen: frozenset[str] = frozenset()

    def votes(self, stage: str) -> tuple[str | None, ...]:
        """Each player's option (None: passed, NOT_VOTED: did not vote) at ``first`` or ``final`` (after exploring)."""
        return self.first if stage == FIRST else self.final


@dataclass(frozen=True)
class TableRound:
    """What one table did in one round: the unit every figure is computed from."""

    table: int
    session_id: str
    round: int
    case: str
    case_title: str
    players: tuple[str, ...]
    roles: tuple[str | None, ...]
    picked: tuple[tuple[str, ...], ...]
    visits: tuple[Visit, ...]
    path: tuple[PathStep, ...]
    ending: str | None
    leading_values: tuple[str, ...]
    notes: tuple[str, ...]
    finished: bool
    note_ids: tuple[int, ...] = ()
    name: str = ""
    colour: str = TABLE_COLOURS[0]
    plan: str = "lang"


def table_rounds(sessions: Iterable[SessionState]) -> tuple[TableRound, ...]:
    """The rounds of the table sessions, numbered 1, 2, ... in the given order; solo runs are left out.

    Each table keeps the name and colour it got at set-up. Two tables with the same name are told
    apart by a number (``Linde``, ``Linde 2``); a table without a name (an older log) has ``name``
    empty and a colour of the palette by its number.
    """
    found = []
    tables = [state for state in sessions if state.mode == "table"]
    for table, (state, name) in enumerate(zip(tables, _distinct(state.table_name for state in tables)), start=1):
        title = {ref.id: ref.title for ref in state.cases}
        colour = (state.table_colour if COLOUR.fullmatch(state.table_colour)
                  else TABLE_COLOURS[(table - 1) % len(TABLE_COLOURS)])
        for r in state.rounds:
            found.append(TableRound(
                table=table, session_id=state.session_id, round=r.number, case=r.case,
                case_title=title.get(r.case, r.case), players=state.players, roles=r.roles, picked=r.values,
                visits=_visits(r), path=r.path, ending=r.ending, leading_values=r.leading_values,
                notes=tuple(note.text for note in r.notes), finished=state.finished or r.number < len(state.rounds),
                note_ids=tuple(note.id for note in r.notes), name=name, colour=colour, plan=state.plan))
    return tuple(found)


def _distinct(names: Iterable[str]) -> list[str]:
    """The names in order, each on one line without control characters (a log may have been changed by hand),
    a name met before (in any case of letters) followed by its number: 'Linde 2'."""
    seen: Counter = Counter()
    distinct = []
    for name in (printable(name, lines=False).strip()[:40] for name in names):
        seen[name.casefold()] += 1
        distinct.append(f"{name} {seen[name.casefold()]}" if name and seen[name.casefold()] > 1 else name)
    return distinct


def _visits(r: RoundState) -> tuple[Visit, ...]:
    """The revealed votes of a round per decision visit, in one pass over its votes."""
    ballots: dict[tuple[int, str], dict[int, str | None]] = {}
    for vote in r.votes:
        ballots.setdefault((vote.step, vote.stage), {})[vote.player] = vote.option
    revealed = set(r.revealed)
    visits = []
    for step in sorted(step for step, stage in revealed if stage == FIRST):
        first_ballot = ballots.get((step, FIRST), {})
        again = ballots.get((step, AGAIN), {}) if (step, AGAIN) in revealed else {}
        first = tuple(first_ballot.get(player, NOT_VOTED) for player in range(r.players))
        final = tuple(again.get(player, first[player]) for player in range(r.players))
        left = r.path[step] if step < len(r.path) else None  # the way the table went on from this decision
        node = left.node if left else r.node  # known even when the votes were shown before anyone voted
        chosen = frozenset(f"{s.node}.{s.option}" for s in r.path[:step])
        asked_again = (step, AGAIN) in revealed  # who changed their mind was asked, even if nobody did
        visits.append(Visit(node, step, first, final, asked_again, left.option if left else None, chosen))
    return tuple(visits)


@dataclass(frozen=True)
class Selection:
    """A filter of the plenary: one case, one round, one table, or everything (None)."""

    case: str | None = None
    round: int | None = None
    table: int | None = None

    def matches(self, r: TableRound) -> bool:
        return ((self.case is None or r.case == self.case) and (self.round is None or r.round == self.round)
                and (self.table is None or r.table == self.table))


def select(rounds: Iterable[TableRound], selection: Selection) -> tuple[TableRound, ...]:
    return tuple(r for r in rounds if selection.matches(r))


@dataclass(frozen=True)
class Choices:
    """What there is to filter on: the cases (in order of first play), the round numbers and the tables."""

    cases: tuple[str, ...]
    rounds: tuple[int, ...]
    tables: tuple[int, ...]


def choices(rounds: Iterable[TableRound]) -> Choices:
    rounds = tuple(rounds)
    return Choices(tuple(dict.fromkeys(r.case for r in rounds)), tuple(sorted({r.round for r in rounds})),
                   tuple(sorted({r.table for r in rounds})))


@dataclass(frozen=True)
class Tally:
    """One bar: how many of ``base`` (None as key: passed; NOT_VOTED: did not vote)."""

    key: str | None
    count: int
    base: int

    @property
    def share(self) -> float:
        return self.count / self.base if self.base else 0.0


def _tallies(counts: Counter, base: int, order: Iterable = (), bases: Mapping = {}) -> tuple[Tally, ...]:
    """Bars in ``order`` (each key listed there, even at zero), then the other keys, most first.

    ``bases`` gives a key its own base where not everyone counted in ``base`` could have chosen it.
    """
    order = tuple(dict.fromkeys(order))
    rest = sorted((key for key in counts if key not in order), key=lambda key: (-counts[key], key is None, key or ""))
    return tuple(Tally(key, counts[key], bases.get(key, base)) for key in order + tuple(rest))


@dataclass(frozen=True)
class ValueFigures:
    """Which values led the choices.

    ``leading``: per value, the table rounds that recorded it as a leading value, of all
    table rounds that recorded leading values. ``picked``: per value, the players who
    picked it from their role, of all players who picked values.
    """

    leading: tuple[Tally, ...]
    picked: tuple[Tally, ...]


def value_figures(rounds: Iterable[TableRound]) -> ValueFigures:
    rounds = tuple(rounds)
    recorded = [r.leading_values for r in rounds if r.leading_values]
    leading = Counter(value for values in recorded for value in values)
    picked, pickers = _picked(rounds)
    return ValueFigures(_tallies(leading, len(recorded)), _tallies(picked, pickers))


def _picked(rounds: Iterable[TableRound]) -> tuple[Counter, int]:
    """How many players picked each value, and how many players picked any."""
    picks = [values for r in rounds for values in r.picked if values]
    return Counter(value for values in picks for value in values), len(picks)


@dataclass(frozen=True)
class VoteSplit:
    """How the votes at one decision split, before and after exploring the consequences.

    A player who did not vote again after exploring kept their first vote, so both
    rows count the same players. ``revoted``: visits where the table voted again;
    ``changed``: players whose vote after exploring differs from their first.
    ``conditional``: options that were not open to everyone who voted here (they depend
    on an earlier choice); their shares are of the players who could choose them.
    """

    case: str
    node: str
    visits: int
    revoted: int
    changed: int
    before: tuple[Tally, ...]
    after: tuple[Tally, ...]
    conditional: tuple[str, ...] = ()


def vote_splits(rounds: Iterable[TableRound], cases: Mapping[str, Scenario]) -> tuple[VoteSplit, ...]:
    splits = []
    for (case, node), visits in _visits_by_decision(rounds, cases).items():
        before = Counter(option for visit in visits for option in visit.first)
        after = Counter(option for visit in visits for option in visit.final)
        base = sum(before.values())
        order = _option_order(cases, case, node, before + after)
        changed = sum(a != b for visit in visits for a, b in zip(visit.first, visit.final))
        bases = {key: could for key, could in _conditional_bases(cases, case, node, visits).items() if could != base}
        splits.append(VoteSplit(case, node, len(visits), sum(visit.revoted for visit in visits), changed,
                                _tallies(before, base, order, bases), _tallies(after, base, order, bases),
                                tuple(bases)))
    return tuple(splits)


def _conditional_bases(cases: Mapping[str, Scenario], case: str, node: str, visits: Iterable[Visit]) -> dict:
    """For each option with a condition (``when``/``unless``): the voters at the visits where it was open."""
    decision = cases[case].decisions.get(node) if case in cases else None
    if decision is None:
        return {}
    bases = {}
    for option_id, option in zip(decision.option_ids(), decision.options):
        if option.when or option.unless:
            bases[option_id] = sum(len(visit.first) for visit in visits
                                   if set(option.when) <= visit.chosen and not set(option.unless) & visit.chosen)
    return bases


def _visits_by_decision(rounds: Iterable[TableRound], cases: Mapping[str, Scenario]) -> dict[tuple[str, str], list]:
    """The visits per (case, decision), cases in order of play and decisions in the order of the case file."""
    grouped: dict[tuple[str, str], list[Visit]] = {}
    for r in rounds:
        for visit in r.visits:
            grouped.setdefault((r.case, visit.node), []).append(visit)
    plays = list(dict.fromkeys(case for case, _node in grouped))

    def place(key: tuple[str, str]) -> tuple:
        case, node = key
        nodes = list(cases[case].decisions) if case in cases else []
        return plays.index(case), nodes.index(node) if node in nodes else len(nodes), node

    return {key: grouped[key] for key in sorted(grouped, key=place)}


def _option_order(cases: Mapping[str, Scenario], case: str, node: str, seen: Iterable) -> tuple:
    """The options of a decision as the case lists them, then any others seen, then 'passed' and 'not voted'
    if seen."""
    decision = cases[case].decisions.get(node) if case in cases else None
    known = decision.option_ids() if decision else ()
    seen = set(seen)
    no_choice = tuple(key for key in (PASSED, NOT_VOTED) if key in seen)
    others = sorted(option for option in seen if option not in no_choice and option not in known)
    return known + tuple(others) + no_choice


@dataclass(frozen=True)
class RoleChoices:
    """The options chosen by the players who held one role (shares of that role's votes)."""

    role: str
    choices: tuple[Tally, ...]


@dataclass(frozen=True)
class PerspectiveGap:
    """Choices by role at one decision: did the partners choose differently from the care workers?"""

    case: str
    node: str
    options: tuple[str | None, ...]
    roles: tuple[RoleChoices, ...]


def perspective_gaps(rounds: Iterable[TableRound], cases: Mapping[str, Scenario],
                     stage: str = FIRST) -> tuple[PerspectiveGap, ...]:
    """Per decision, each role's choices; ``stage`` FIRST (each player's own vote) or FINAL (after exploring).

    A player who had not voted when the votes were shown made no choice to compare (the vote split counts them)."""
    rounds = tuple(rounds)
    by_role: dict[tuple[str, str], dict[str, Counter]] = {}
    for r in rounds:
        for visit in r.visits:
            roles = by_role.setdefault((r.case, visit.node), {})
            for role, option in zip(r.roles, visit.votes(stage)):
                counts = roles.setdefault(role or "", Counter())
                if option != NOT_VOTED:
                    counts[option] += 1
    gaps = []
    for case, node in _visits_by_decision(rounds, cases):
        roles = by_role[(case, node)]
        options = _option_order(cases, case, node, (o for counts in roles.values() for o in counts))
        role_order = [role for role in (cases[case].roles if case in cases else ()) if role in roles]
        role_order += sorted(role for role in roles if role not in role_order)
        gaps.append(PerspectiveGap(case, node, options, tuple(
            RoleChoices(role, _tallies(roles[role], sum(roles[role].values()), options)) for role in role_order)))
    return tuple(gaps)


@dataclass(frozen=True)
class ValueMatch:
    """One value: how many players picked it, and how many choices went to an option that favours it."""

    value: str
    picked: int
    favoured: int


@dataclass(frozen=True)
class ValuesVsChoices:
    """The values the players picked versus the values of the options they chose.

    ``choices``: votes for an option (not passes, not missing votes) by players who had picked values;
    ``matching``: those whose option favours at least one of the player's own values;
    ``unknown``: choices for an option the case file no longer has (an edited case).
    """

    values: tuple[ValueMatch, ...]
    choices: int
    matching: int
    unknown: int


def values_vs_choices(rounds: Iterable[TableRound], cases: Mapping[str, Scenario],
                      stage: str = FIRST) -> ValuesVsChoices:
    rounds = tuple(rounds)
    picked, _pickers = _picked(rounds)
    favoured: Counter = Counter()
    choices = matching = unknown = 0
    for r in rounds:
        for visit in r.visits:
            for own, option in zip(r.picked, visit.votes(stage)):
                if option in (PASSED, NOT_VOTED) or not own:
                    continue
                favours = _favours(cases, r.case, visit.node, option)
                if favours is None:
                    unknown += 1
                    continue
                choices += 1
                matching += bool(set(own) & set(favours))
                favoured.update(favours)
    order = sorted(set(picked) | set(favoured), key=lambda value: (-(picked[value] + favoured[value]), value))
    return ValuesVsChoices(tuple(ValueMatch(value, picked[value], favoured[value]) for value in order),
                           choices, matching, unknown)


def _favours(cases: Mapping[str, Scenario], case: str, node: str, option: str) -> tuple[str, ...] | None:
    decision = cases[case].decisions.get(node) if case in cases else None
    found = decision.option(option) if decision else None
    return found.favours if found else None


@dataclass(frozen=True)
class MindChange:
    """Players of one role who voted ``before`` first and ``after`` once they had explored (NOT_VOTED: no vote)."""

    role: str
    before: str | None
    after: str | None
    count: int


@dataclass(frozen=True)
class MindsChanged:
    """Who changed their mind at one decision: ``asked`` players were asked (the table voted again),
    ``changes`` grouped by role and by first and second vote, most first; ``first`` and ``final`` the votes
    of those players per option before and after exploring (the same keys in the same order)."""

    case: str
    node: str
    asked: int
    changes: tuple[MindChange, ...]
    first: tuple[Tally, ...] = ()
    final: tuple[Tally, ...] = ()

    @property
    def changed(self) -> int:
        return sum(change.count for change in self.changes)


def minds_changed(rounds: Iterable[TableRound], cases: Mapping[str, Scenario]) -> tuple[MindsChanged, ...]:
    """Per decision where a table voted again, each player's first vote against their second, grouped by role."""
    rounds = tuple(rounds)
    before: dict[tuple[str, str], Counter] = {}
    after: dict[tuple[str, str], Counter] = {}
    moves: dict[tuple[str, str], Counter] = {}
    for r in rounds:
        for visit in r.visits:
            if not visit.revoted:
                continue
            key = (r.case, visit.node)
            before.setdefault(key, Counter()).update(visit.first)
            after.setdefault(key, Counter()).update(visit.final)
            moves.setdefault(key, Counter()).update(
                (role or "", first, final) for role, first, final in zip(r.roles, visit.first, visit.final)
                if first != final)
    found = []
    for case, node in _visits_by_decision(rounds, cases):
        if (case, node) not in moves:
            continue
        first, final = before[(case, node)], after[(case, node)]
        asked, order = sum(first.values()), _option_order(cases, case, node, first + final)
        changes = sorted(moves[(case, node)].items(), key=lambda item: -item[1])
        found.append(MindsChanged(case, node, asked, tuple(MindChange(*key, count) for key, count in changes),
                                  _tallies(first, asked, order), _tallies(final, asked, order)))
    return tuple(found)


@dataclass(frozen=True)
class Shift:
    """The decision where the largest share of the players asked changed their mind; most went to ``to``."""

    minds: MindsChanged
    to: str | None
    to_count: int


@dataclass(frozen=True)
class RoleGap:
    """The largest difference between two roles in how often they chose one option (shares of each role's votes)."""

    case: str
    node: str
    option: str
    high_role: str
    high: Tally
    low_role: str
    low: Tally


@dataclass(frozen=True)
class UnfollowedValue:
    """The value picked most often by players yet favoured least by the options they chose."""

    value: str
    picked: Tally
    favoured: Tally


@dataclass(frozen=True)
class Highlights:
    """The three things a plenary starts from, each None where the votes give nothing to say."""

    shift: Shift | None
    role_gap: RoleGap | None
    unfollowed: UnfollowedValue | None


MIN_ROLE_VOTES = 2  # a role's share of one vote says nothing about the role


def highlights(minds: Iterable[MindsChanged], gaps: Iterable[PerspectiveGap], match: ValuesVsChoices,
               pickers: int) -> Highlights:
    return Highlights(_biggest_shift(minds), _largest_role_gap(gaps), _unfollowed(match, pickers))


def _biggest_shift(minds: Iterable[MindsChanged]) -> Shift | None:
    moved = [found for found in minds if found.changed]
    if not moved:
        return None
    biggest = max(moved, key=lambda found: (found.changed / found.asked, found.changed))
    targets = Counter()
    for change in biggest.changes:
        targets[change.after] += change.count
    to, count = targets.most_common(1)[0]
    return Shift(biggest, to, count)


def _largest_role_gap(gaps: Iterable[PerspectiveGap]) -> RoleGap | None:
    found = []
    for gap in gaps:
        roles = [role for role in gap.roles if role.choices and role.choices[0].base >= MIN_ROLE_VOTES]
        for index, option in enumerate(gap.options):
            if option in (PASSED, NOT_VOTED) or len(roles) < 2:
                continue
            ranked = sorted(roles, key=lambda role: role.choices[index].share)
            low, high = ranked[0], ranked[-1]
            difference = high.choices[index].share - low.choices[index].share
            if difference > 0:
                found.append((difference, high.choices[index].count,
                              RoleGap(gap.case, gap.node, option, high.role, high.choices[index], low.role,
                                      low.choices[index])))
    return max(found, key=lambda item: item[:2])[2] if found else None


def _unfollowed(match: ValuesVsChoices, pickers: int) -> UnfollowedValue | None:
    picked = [value for value in match.values if value.picked]
    if not picked or not pickers or not match.choices:
        return None
    value = max(picked, key=lambda v: (v.picked / pickers - v.favoured / match.choices, v.picked))
    return UnfollowedValue(value.value, Tally(value.value, value.picked, pickers),
                           Tally(value.value, value.favoured, match.choices))


@dataclass(frozen=True)
class Figures:
    """Everything the plenary shows for one selection; ``rounds`` carry the discussion points."""

    selection: Selection
    rounds: tuple[TableRound, ...]
    values: ValueFigures
    votes: tuple[VoteSplit, ...]
    perspectives: tuple[PerspectiveGap, ...]
    values_vs_choices: ValuesVsChoices
    minds: tuple[MindsChanged, ...] = ()
    highlights: Highlights = Highlights(None, None, None)

    @property
    def tables(self) -> int:
        return len({r.table for r in self.rounds})

    @property
    def playing(self) -> int:
        """Tables still playing a round of this selection: their figures may still grow (hidden votes never count)."""
        return len({r.table for r in self.rounds if not r.finished})

    @property
    def players(self) -> int:
        """Seats at the tables: a player in two rounds counts once per table."""
        return sum(len(players) for players in {r.table: r.players for r in self.rounds}.values())


def figures(rounds: Iterable[TableRound], cases: Mapping[str, Scenario],
            selection: Selection = Selection()) -> Figures:
    """All figures of the table rounds that match ``selection``."""
    chosen = tuple(sorted(select(rounds, selection), key=lambda r: (r.table, r.round)))
    values, gaps, match = value_figures(chosen), perspective_gaps(chosen, cases), values_vs_choices(chosen, cases)
    minds = minds_changed(chosen, cases)
    pickers = values.picked[0].base if values.picked else 0
    return Figures(selection, chosen, values, vote_splits(chosen, cases), gaps, match, minds,
                   highlights(minds, gaps, match, pickers))
