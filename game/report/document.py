"""The report as a document: the figures with their names filled in, ready for any format.

``build_report`` computes the figures once (overall, per case, per table) and labels
them in the room's language; the writers (HTML, Markdown, CSV, JSON) only lay out
this document. It is anonymised unless ``names`` is set: tables are numbered and
players are shown by their role.

Every figure a note puts in a sentence is also a number of its own (``Chart.numbers``,
``Report.totals``, ``Report.ballots``), so a spreadsheet or another tool never has to read
it out of the text.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from typing import Callable, Iterable, Mapping

from game.i18n import _, n_
from game.report.casemap import CaseMap, case_map
from game.report.figures import (FIRST, Figures, Highlights, MindsChanged, PerspectiveGap, Selection, TableRound,
                                 Tally, ValueFigures, ValuesVsChoices, Visit, VoteSplit, choices, figures,
                                 table_rounds)
from game.report.labels import Labels, played_cases
from game.scenario.loader import Library
from game.scenario.model import Scenario
from game.scenario.plans import KORT
from game.store.merge import FileWarning, Gathering
from game.version import game_version


@dataclass(frozen=True)
class Bar:
    key: str | None
    label: str
    count: int
    base: int
    share: float

    @property
    def shown(self) -> str:
        """The number as every format prints it: ``3 (60%)``, or ``0``."""
        return f"{self.count} ({round(self.share * 100)}%)" if self.count and self.base else str(self.count)


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    """Bars, one row per key; several series (before/after) share the keys; ``numbers``: the note's figures."""

    figure: str
    title: str
    note: str
    scope: Mapping[str, object]
    series: tuple[Series, ...]
    kind: str = "chart"
    numbers: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Column:
    key: str | None
    short: str
    label: str


@dataclass(frozen=True)
class MatrixRow:
    key: str
    label: str
    cells: tuple[Bar, ...]
    corner: str = ""  # a role's corner of the triangle, marked in its colour


@dataclass(frozen=True)
class Matrix:
    """A table of counts: rows (roles) by columns (options); each cell's share is of its row."""

    figure: str
    title: str
    note: str
    scope: Mapping[str, object]
    columns: tuple[Column, ...]
    rows: tuple[MatrixRow, ...]
    kind: str = "matrix"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str
    blocks: tuple[Chart | Matrix, ...]


@dataclass(frozen=True)
class Step:
    decision: str
    option: str


@dataclass(frozen=True)
class StoryOption:
    """One option of a decision on a table's way: its votes there, and whether the table followed it
    (``key`` None: passed, NOT_VOTED: did not vote)."""

    key: str | None
    letter: str
    label: str
    first: int
    final: int
    followed: bool


@dataclass(frozen=True)
class StoryDecision:
    """A decision a table voted at: ``revoted`` when it voted again after exploring."""

    node: str
    title: str
    options: tuple[StoryOption, ...]
    revoted: bool


@dataclass(frozen=True)
class Story:
    """One table's round: who sat there, the path it took, its leading values and discussion points.

    ``visited`` are the nodes of ``map`` the table reached, in order (a short round: the core decision
    alone, no ending); ``decisions`` its votes at each, with the option it followed marked.
    """

    table: int
    table_label: str
    round: int
    case: str
    case_label: str
    seats: tuple[str, ...]
    path: tuple[Step, ...]
    ending: str | None
    leading_values: tuple[str, ...]
    notes: tuple[str, ...]
    finished: bool
    colour: str = ""
    plan: str = "lang"
    map: CaseMap | None = None
    visited: tuple[str, ...] = ()
    decisions: tuple[StoryDecision, ...] = ()
    titles: Mapping[str, str] = field(default_factory=dict)

    @property
    def steps(self) -> tuple[tuple[str, str], ...]:
        """The ways (from, to) the table went over its map."""
        return tuple(zip(self.visited, self.visited[1:]))


@dataclass(frozen=True)
class MindsBlock:
    """Who changed their mind at one decision, in words per role and first and second vote, and as a picture:
    ``columns`` (letter, first votes, votes after exploring) per option, ``moves`` (from, to, players)."""

    case: str
    case_label: str
    decision: str
    asked: int
    changed: int
    lines: tuple[str, ...]
    legend: tuple[str, ...]
    columns: tuple[tuple[str, int, int], ...] = ()
    moves: tuple[tuple[str, str, int], ...] = ()


@dataclass(frozen=True)
class Highlight:
    """One highlight: its title, its sentence, and the numbers in that sentence by name."""

    key: str
    title: str
    text: str
    numbers: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Ballot:
    """One player's vote at one decision a table reached: the first vote and the vote after exploring.

    ``first``/``final`` are option ids (None: passed, ``-``: had not voted when the votes were shown);
    ``revoted``: the table voted again there; ``changed``: this player's two votes differ.
    """

    table: int
    table_label: str
    round: int
    case: str
    case_label: str
    decision: str
    decision_label: str
    player: int
    seat: str
    role: str | None
    first: str | None
    first_label: str
    final: str | None
    final_label: str
    revoted: bool
    changed: bool


@dataclass(frozen=True)
class Report:
    title: str
    rule: str
    lang: str
    generated: str
    made_with: str  # the version of Dilemmaspel
    anonymised: bool
    summary: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    stories: tuple[Story, ...]
    notices: tuple[str, ...]
    privacy: str
    selection: Mapping[str, object] = field(default_factory=dict)
    trainer: str = ""
    training_dates: tuple[str, ...] = ()  # ISO dates on which the tables played, first to last
    totals: Mapping[str, int] = field(default_factory=dict)
    ballots: tuple[Ballot, ...] = ()
    minds: tuple[MindsBlock, ...] = ()
    highlights: tuple[Highlight, ...] = ()

    def by_case(self) -> list[tuple[str, tuple[Story, ...]]]:
        """The overview: per case (in order of play) its label and the table rounds that played it."""
        cases = dict.fromkeys(story.case for story in self.stories)
        return [(next(s.case_label for s in self.stories if s.case == case),
                 tuple(s for s in self.stories if s.case == case)) for case in cases]


def build_report(gathering: Gathering, library: Library, lang: str = "nl", names: bool = False,
                 selection: Selection = Selection(), trainer: str = "") -> Report:
    """The report of the gathered sessions in ``lang``; player names only with ``names``; ``trainer`` for the
    header."""
    return replace(report_of(countable(gathering, library, lang), library, lang, names, selection),
                   trainer=trainer.strip())


# What a session's figures raise when its events were each well-formed but do not add up (a vote at a step
# the table never reached, say): only a file changed by hand or by damage holds such events.
_UNCOUNTABLE = (AttributeError, IndexError, KeyError, TypeError, ValueError, ZeroDivisionError)


def countable(gathering: Gathering, library: Library, lang: str) -> Gathering:
    """The gathering without the sessions whose figures can't be worked out; each is named as damaged.

    Every session is reported once on its own first, so one such file never takes the
    figures of the other tables down with it.
    """
    kept, skipped = [], []
    for session in gathering.sessions:
        try:
            report_of(replace(gathering, sessions=(session,), warnings=()), library, lang, True, Selection())
        except _UNCOUNTABLE:
            skipped.append(FileWarning(session.path, "store.BAD_EVENT"))
        else:
            kept.append(session)
    return replace(gathering, sessions=tuple(kept), warnings=(*gathering.warnings, *skipped))


def report_of(gathering: Gathering, library: Library, lang: str, names: bool, selection: Selection) -> Report:
    """As ``build_report``, for a gathering that already went through ``countable``."""
    states = [session.state for session in gathering.sessions]
    rounds = table_rounds(states)
    cases = played_cases(library, rounds, lang)
    labels = Labels.of_rounds(library, lang, rounds)
    overall = figures(rounds, cases, selection)
    sections = [_overall_section(overall, rounds, cases, selection, labels)]
    for case_id in choices(overall.rounds).cases:
        case_figures = figures(rounds, cases, Selection(case_id, selection.round, selection.table))
        sections.append(_case_section(case_figures, case_id, cases.get(case_id), labels))
    solo = [FileWarning(s.path, "report.merge.solo") for s in gathering.sessions if s.state.mode != "table"]
    dates = _training_dates(gathering, overall)
    return Report(
        title=_("report.title", lang), rule=_("report.rule", lang), lang=lang,
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"), made_with=game_version(), anonymised=not names,
        summary=_summary(overall, labels, dates), sections=tuple(sections),
        stories=tuple(_story(r, labels, names, cases) for r in overall.rounds),
        notices=tuple(w.message(lang, full_path=False) for w in (*gathering.warnings, *solo)),
        privacy=_("report.privacy_names" if names else "report.privacy", lang),
        selection={key: value for key, value in vars(selection).items() if value is not None},
        training_dates=tuple(day.isoformat() for day in dates), totals=_totals(overall),
        ballots=tuple(ballot for r in overall.rounds for ballot in _ballots(r, labels, names)),
        minds=tuple(_minds(found, labels) for found in overall.minds),
        highlights=_highlights(overall.highlights, labels))


def _training_dates(gathering: Gathering, overall: Figures) -> tuple[date, ...]:
    """The days (local time) on which the sessions in the report started, first to last."""
    shown = {r.session_id for r in overall.rounds}
    return tuple(sorted({datetime.fromtimestamp(s.started_at).date() for s in gathering.sessions
                         if s.session_id in shown}))


def _summary(overall: Figures, labels: Labels, dates: tuple[date, ...]) -> tuple[tuple[str, str], ...]:
    lang = labels.lang
    case_ids = choices(overall.rounds).cases
    playing = ((_("report.summary.playing", lang), str(overall.playing)),) if overall.playing else ()
    named = {r.table: labels.table(r) for r in overall.rounds}
    tables = ", ".join(named[t] for t in choices(overall.rounds).tables)
    return ((_("report.summary.date", lang), _days_shown(dates, lang)),
            (_("report.summary.tables", lang), str(overall.tables)), *playing,
            (_("report.summary.table_names", lang), tables or "-"),
            (_("report.summary.rounds", lang), str(len(overall.rounds))),
            (_("report.summary.players", lang), str(overall.players)),
            (_("report.summary.cases", lang), ", ".join(labels.case(c) for c in case_ids) or "-"))


def _days_shown(dates: tuple[date, ...], lang: str) -> str:
    """``3 december 2026``, or ``2 december 2026 – 3 december 2026`` for tables that played on several days."""
    from babel.dates import format_date  # the locale data loads slowly; only a report needs it
    shown = [format_date(day, "d MMMM y", locale=lang) for day in dict.fromkeys((dates[:1] + dates[-1:]))]
    return " – ".join(shown) or "-"


def _totals(overall: Figures) -> dict[str, int]:
    """The summary's figures as numbers."""
    return {"tables": overall.tables, "playing": overall.playing, "rounds": len(overall.rounds),
            "players": overall.players, "cases": len(choices(overall.rounds).cases)}


def _ballots(r: TableRound, labels: Labels, names: bool) -> list[Ballot]:
    """Every player's votes at every decision the table's round revealed."""
    found = []
    for visit in r.visits:
        option = partial(labels.option, r.case, visit.node)
        for player, (first, final) in enumerate(zip(visit.first, visit.final)):
            role = r.roles[player] if player < len(r.roles) else None
            found.append(Ballot(r.table, labels.table(r), r.round, r.case,
                                labels.case(r.case), visit.node, labels.decision(r.case, visit.node), player + 1,
                                _seat(r.players[player], labels.role(role), names), role, first, option(first),
                                final, option(final), visit.revoted, first != final))
    return found


def _seat(player: str, role: str, names: bool) -> str:
    """A player as the report shows them: by role, with the name only when names are asked for."""
    return f"{player} ({role})" if names else role


def _bars(tallies: Iterable[Tally], label: Callable[[str | None], str]) -> tuple[Bar, ...]:
    return tuple(Bar(t.key, label(t.key), t.count, t.base, round(t.share, 4)) for t in tallies)


def _value_charts(values: ValueFigures, labels: Labels, scope: dict, case: str | None = None,
                  heading: str = "") -> list[Chart]:
    lang = labels.lang
    name = partial(labels.value, case_id=case)
    charts = []
    if values.leading:
        base = values.leading[0].base
        charts.append(Chart("leading_values", heading + _("report.leading.title", lang),
                            n_("report.leading.note", base, lang), scope,
                            (Series("leading", _("report.series.tables", lang), _bars(values.leading, name)),),
                            numbers={"table_rounds": base}))
    if values.picked:
        base = values.picked[0].base
        charts.append(Chart("picked_values", heading + _("report.picked.title", lang),
                            n_("report.picked.note", base, lang), scope,
                            (Series("picked", _("report.series.players", lang), _bars(values.picked, name)),),
                            numbers={"players": base}))
    return charts


def _overall_section(overall: Figures, rounds: tuple[TableRound, ...], cases: Mapping[str, Scenario],
                     selection: Selection, labels: Labels) -> Section:
    lang = labels.lang
    blocks = _value_charts(overall.values, labels, {})
    numbers = choices(overall.rounds).rounds
    if len(numbers) > 1:
        for number in numbers:
            per_round = figures(rounds, cases, Selection(selection.case, number, selection.table))
            heading = _("report.round", lang, round=number) + ": "
            blocks += [chart for chart in _value_charts(per_round.values, labels, {"round": number}, heading=heading)
                       if chart.figure == "leading_values"]
    intro = _("report.overall.intro", lang) if blocks else _("report.empty", lang)
    return Section("overall", _("report.overall.title", lang), intro, tuple(blocks))


def _case_section(found: Figures, case_id: str, scenario: Scenario | None, labels: Labels) -> Section:
    lang = labels.lang
    scope = {"case": case_id}
    blocks: list[Chart | Matrix] = _value_charts(found.values, labels, scope, case_id)
    gaps = {(gap.case, gap.node): gap for gap in found.perspectives}
    for split in found.votes:
        blocks.append(_vote_chart(split, labels))
        blocks.append(_gap_matrix(gaps[(split.case, split.node)], labels))
    if found.values_vs_choices.values:
        pickers = found.values.picked[0].base if found.values.picked else 0
        blocks.append(_match_chart(found.values_vs_choices, pickers, case_id, labels))
    intro = (_("report.case.tension", lang, left=scenario.tension[0].text, right=scenario.tension[1].text)
             if scenario else "")
    return Section(f"case:{case_id}", labels.case(case_id), intro, tuple(blocks))


def _vote_chart(split: VoteSplit, labels: Labels) -> Chart:
    lang = labels.lang
    option = partial(labels.option, split.case, split.node)
    before = Series("before", _("report.series.before", lang), _bars(split.before, option))
    title = _("report.votes.title", lang, decision=labels.decision(split.case, split.node))
    scope = {"case": split.case, "decision": split.node}
    conditional = ([n_("report.votes.conditional", len(split.conditional), lang, options=", ".join(
        labels.option_letter(split.case, split.node, key) for key in split.conditional))] if split.conditional else [])
    numbers = {"visits": split.visits, "revoted": split.revoted, "changed": split.changed,
               "voters": sum(tally.count for tally in split.before)}
    if not split.revoted:  # an 'after exploring' column equal to the first would read as 'nobody changed their mind'
        note = " ".join([n_("report.votes.no_revote", split.visits, lang), *conditional])
        return Chart("votes", title, note, scope, (before,), numbers=numbers)
    note = " ".join((n_("report.votes.note", split.visits, lang, revoted=split.revoted),
                     n_("report.votes.changed", split.changed, lang), *conditional))
    return Chart("votes", title, note, scope,
                 (before, Series("after", _("report.series.after", lang), _bars(split.after, option))), numbers=numbers)


def _gap_matrix(gap: PerspectiveGap, labels: Labels) -> Matrix:
    lang = labels.lang
    option = partial(labels.option, gap.case, gap.node)
    columns = tuple(Column(key, labels.option_letter(gap.case, gap.node, key), option(key)) for key in gap.options)
    rows = tuple(MatrixRow(role.role, labels.role(role.role), _bars(role.choices, option), labels.corner(role.role))
                 for role in gap.roles)
    return Matrix("perspective_gap", _("report.gap.title", lang, decision=labels.decision(gap.case, gap.node)),
                  _("report.gap.note", lang), {"case": gap.case, "decision": gap.node, "stage": FIRST},
                  columns, rows)


def _match_chart(match: ValuesVsChoices, pickers: int, case_id: str, labels: Labels) -> Chart:
    """Per value: players who picked it (of all who picked) and choices whose option favours it (of all choices)."""
    lang = labels.lang
    name = partial(labels.value, case_id=case_id)
    picked = _bars((Tally(v.value, v.picked, pickers) for v in match.values), name)
    favoured = _bars((Tally(v.value, v.favoured, match.choices) for v in match.values), name)
    note = n_("report.match.note", match.choices, lang, matching=match.matching)
    if match.unknown:
        note += " " + n_("report.match.unknown", match.unknown, lang)
    return Chart("values_vs_choices", _("report.match.title", lang), note, {"case": case_id, "stage": FIRST},
                 (Series("picked", _("report.series.picked", lang), picked),
                  Series("favoured", _("report.series.favoured", lang), favoured)),
                 numbers={"choices": match.choices, "matching": match.matching, "unknown": match.unknown,
                          "pickers": pickers})


def _story(r: TableRound, labels: Labels, names: bool, cases: Mapping[str, Scenario]) -> Story:
    seats = tuple(_seat(name, labels.role(role), names) for name, role in zip(r.players, r.roles))
    path = tuple(Step(labels.decision(r.case, step.node), labels.option(r.case, step.node, step.option))
                 for step in r.path)
    scenario = cases.get(r.case)
    visited = tuple(step.node for step in r.path) + ((r.ending,) if r.ending else ())
    if not visited and r.visits:
        visited = (r.visits[0].node,)
    shown_map = case_map(scenario) if scenario else None
    titles = {node.id: labels.decision(r.case, node.id) for node in shown_map.nodes} if shown_map else {}
    return Story(r.table, labels.table(r), r.round, r.case, labels.case(r.case), seats, path,
                 labels.decision(r.case, r.ending) if r.ending else None,
                 tuple(labels.value(v, r.case) for v in r.leading_values), r.notes, r.finished, r.colour, r.plan,
                 shown_map, visited, tuple(_decision(r.case, visit, labels, scenario) for visit in r.visits), titles)


def way(story: Story, lang: str, letters: bool = False, arrow: str = " → ") -> str:
    """A table's way in one line: the options it followed and its ending; in a short round the most voted option.

    ``letters``: each option by its letter only (``B › C › Samen op pad``), for a line that must stay short;
    ``arrow`` goes between the steps (a screen font may lack '→').
    """
    if story.plan != KORT:
        steps = ([option.letter for decision in story.decisions for option in decision.options if option.followed]
                 if letters else [step.option for step in story.path])
        return arrow.join([*steps, *([story.ending] if story.ending else [])]) or "–"
    top = [max(decision.options, key=lambda option: option.final) for decision in story.decisions[:1]
           if any(option.final for option in decision.options)]
    shown = ", ".join(f"{option.letter if letters else option.label} ({option.final})" for option in top)
    return _("report.overview.short", lang, options=shown or "-")


def _decision(case: str, visit: Visit, labels: Labels, scenario: Scenario | None) -> StoryDecision:
    """A table's votes at one decision, every option of the case listed (those nobody chose at 0)."""
    decision = scenario.decisions.get(visit.node) if scenario else None
    known = decision.option_ids() if decision else ()
    keys = tuple(dict.fromkeys((*known, *(o for o in (*visit.first, *visit.final) if o not in known))))
    options = tuple(StoryOption(key, labels.option_letter(case, visit.node, key), labels.option(case, visit.node, key),
                                visit.first.count(key), visit.final.count(key), key == visit.followed)
                    for key in keys)
    return StoryDecision(visit.node, labels.decision(case, visit.node), options, visit.revoted)


def _minds(found: MindsChanged, labels: Labels) -> MindsBlock:
    """'Zorgmedewerker: 3 van A naar C' per role and pair of votes; the letters' options under it."""
    lang = labels.lang
    letter = partial(labels.option_letter, found.case, found.node)
    lines = tuple(n_("report.minds.line", change.count, lang, role=labels.role(change.role),
                     before=letter(change.before), after=letter(change.after)) for change in found.changes)
    letters = dict.fromkeys(key for change in found.changes for key in (change.before, change.after))
    legend = tuple(labels.option(found.case, found.node, key) for key in letters
                   if labels.option_letter(found.case, found.node, key) != labels.option(found.case, found.node, key))
    moves: Counter = Counter()
    for change in found.changes:
        moves[(letter(change.before), letter(change.after))] += change.count
    columns = tuple((letter(first.key), first.count, final.count) for first, final in zip(found.first, found.final))
    return MindsBlock(found.case, labels.case(found.case), labels.decision(found.case, found.node), found.asked,
                      found.changed, lines, legend, columns, tuple((*pair, count) for pair, count in moves.items()))


def _highlights(found: Highlights, labels: Labels) -> tuple[Highlight, ...]:
    """The highlights in words, each with the numbers behind it (also apart, for the JSON); one that has
    nothing to say says so."""
    shift, gap, value = found.shift, found.role_gap, found.unfollowed
    moved = shift.minds if shift else None
    shift_about = {"decision": labels.decision(moved.case, moved.node), "case": labels.case(moved.case),
                   "to": labels.option(moved.case, moved.node, shift.to).rstrip(".")} if shift else {}
    shift_numbers = {"changed": moved.changed, "asked": moved.asked,
                     "percent": round(100 * moved.changed / moved.asked), "to_count": shift.to_count} if shift else {}
    gap_about = {"decision": labels.decision(gap.case, gap.node), "case": labels.case(gap.case),
                 "option": labels.option(gap.case, gap.node, gap.option).rstrip("."),
                 "high_role": labels.role(gap.high_role), "low_role": labels.role(gap.low_role)} if gap else {}
    gap_numbers = {"high": gap.high.count, "high_base": gap.high.base, "high_percent": _percent(gap.high),
                   "low": gap.low.count, "low_base": gap.low.base, "low_percent": _percent(gap.low)} if gap else {}
    value_about = {"value": labels.value(value.value)} if value else {}
    value_numbers = {"picked": value.picked.count, "pickers": value.picked.base,
                     "picked_percent": _percent(value.picked), "favoured": value.favoured.count,
                     "choices": value.favoured.base, "favoured_percent": _percent(value.favoured)} if value else {}
    return (_highlight("shift", shift_about, shift_numbers, labels.lang),
            _highlight("role_gap", gap_about, gap_numbers, labels.lang),
            _highlight("unfollowed", value_about, value_numbers, labels.lang))


def _highlight(key: str, about: dict, numbers: dict, lang: str) -> Highlight:
    title = _(f"report.highlight.{key}_title", lang)
    if not numbers:
        return Highlight(key, title, _(f"report.highlight.no_{key}", lang))
    return Highlight(key, title, _(f"report.highlight.{key}", lang, **about, **numbers), numbers)


def _percent(tally: Tally) -> int:
    return round(tally.share * 100)
