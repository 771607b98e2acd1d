"""What a good case needs beyond a valid file: the checks of ``dilemmaspel lint``.

A valid case can still be a weak dilemma: too few perspectives, a shortcut to an
ending, an option without values, a hidden "right answer". These checks find that,
and measure how easy the text is to read (words per sentence and LIX; plain
language at B1 level stays around 10-15 words per sentence and a LIX under 40).
The translation check compares the structure of an English case with its Dutch one.
Example text left from ``dilemmaspel new`` stands between « and » until the author replaces it; « and »
around other words are the author's own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

import yaml
from pydantic import BaseModel

from game.i18n import LANGUAGES, catalog
from game.scenario.model import Scenario
from game.scenario.plans import KORT
from game.scenario.problems import Problem
from game.scenario.timing import BRIEF_SECONDS, SLOT_MINUTES, brief_seconds, estimate
from game.scenario.validation import dotted
from game.scenario.yamlsource import Mark, Source

MIN_ROLES = 4
MIN_ENDINGS = 3
MAX_WORDS_PER_SENTENCE = 15.0
# One sentence longer than this is too long to read out at the table, whatever the average of the case.
MAX_WORDS_IN_A_SENTENCE = 35
MAX_LIX = 45.0
_MARKED = re.compile(r"\b(beste|juiste|goede keuze|goede oplossing|aanbevolen|verstandigste|correcte?|"
                     r"right answer|right choice|the best|best choice|wisest|recommended)\b|[✓✔]", re.I)
# A reflection question that looks back on the table's choice as right or wrong: the ending would then hide a right answer.
_JUDGING = re.compile(r"\b((goede|juiste|beste|verkeerde|slechte|foute) (keuze|beslissing)|beter moeten|"
                      r"(had|hadden) (je|jullie|het team|ze|zij|we|wij) .{0,30}\b(beter|anders) moeten|"
                      r"fout (gedaan|gemaakt|gekozen)|was (dit|dat|het) (wel )?(de |een )?(goed|juist|fout|terecht)|"
                      r"(right|wrong|correct|best) (choice|decision|thing to do)|should (you|they|the team|we) have|"
                      r"should have|(was|is) (this|that|it) (the )?(right|correct|wise))", re.I)
# Fewer words than this for what a role knows, wants or fears gives a player nothing to play ("wants: Rust.").
MIN_BRIEF_WORDS = 3
_SHOWN_SENTENCE = 8  # words
_FOUND_BY = 4  # words: enough to find a sentence in its text
_HEAVY = re.compile(r"\b(sterv|sterft|overled|overlijd|dood|rouw|palliat|levenseinde|euthanas|conflict|"
                    r"agressie|death|dying|grief)", re.I)
PLACEHOLDER_START, PLACEHOLDER_END = "«", "»"
TEMPLATE_TEXT = "authoring.template.text."  # the catalog entries of the example texts
_PLACEHOLDER = re.compile(f"{PLACEHOLDER_START}[^{PLACEHOLDER_END}]*{PLACEHOLDER_END}")
_SHOWN_PLACEHOLDER = 60
# The longest ending may be this many times as long as the shortest: beyond that one ending reads as the real one.
MAX_ENDING_RATIO = 1.5
LOADED_WORDS = "data/loaded-words.yaml"
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|\n\s*\n")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    long_words: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / max(1, self.sentences)

    @property
    def lix(self) -> float:
        """Läsbarhetsindex: words per sentence plus the percentage of words longer than six letters."""
        return self.words_per_sentence + 100 * self.long_words / max(1, self.words)


def texts_of(scenario: Scenario) -> list[str]:
    """Every text a player reads in this case, each as its own piece."""
    texts = [scenario.setting, scenario.intro, *(side.text for side in scenario.tension)]
    texts += [scenario.short_intro] if scenario.short_intro else []
    for brief in scenario.roles.values():
        texts += [brief.knows, brief.wants, brief.fears]
    for decision in scenario.decisions.values():
        texts += [decision.text] + ([decision.question] if decision.question else [])
        for option in decision.options:
            c = option.consequences
            texts += [option.text, c.resident, c.family, c.team]
    for ending in scenario.endings.values():
        texts += [ending.text, *ending.reflection]
    texts += [fact.text for fact in scenario.facts]
    return texts


def readability(scenario: Scenario) -> Readability:
    words = sentences = long_words = 0
    for text in texts_of(scenario):
        found = _WORD.findall(text)
        words += len(found)
        long_words += sum(1 for w in found if len(w) > 6)
        sentences += max(1, len([s for s in _SENTENCE_END.split(text.strip()) if _WORD.search(s or "")]))
    return Readability(words, sentences, long_words)


def lint_case(scenario: Scenario, source: Source) -> list[Problem]:
    """The quality problems of one valid case, each at its place in the file."""
    problems = []
    if len(scenario.roles) < MIN_ROLES:
        problems.append(source.problem(("roles",), "FEW_ROLES", at_key=True, count=len(scenario.roles), least=MIN_ROLES))
    if len(scenario.endings) < MIN_ENDINGS:
        problems.append(source.problem(("endings",), "FEW_ENDINGS", at_key=True, count=len(scenario.endings),
                                       least=MIN_ENDINGS))
    start = scenario.start_id()
    for node_id, decision in scenario.decisions.items():
        for index, (oid, option) in enumerate(zip(decision.option_ids(), decision.options)):
            path = ("decisions", node_id, "options", index)
            if node_id == start and option.next in scenario.endings:
                problems.append(source.problem(path + ("next",), "SHORT_PATH", option=oid))
            if not option.favours or not option.pressures:
                problems.append(source.problem(path, "NO_VALUES_NAMED", option=oid))
            if _MARKED.search(f"{oid} {option.text}"):
                problems.append(source.problem(path + ("text",), "MARKED_RIGHT", option=oid))
    problems += brief_problems(scenario, source) + judging_problems(scenario, source)
    if not scenario.facts:
        problems.append(source.problem((), "NO_FACTS"))
    if scenario.content_note is None and any(_HEAVY.search(t) for t in texts_of(scenario)):
        problems.append(source.problem(("intro",), "NO_CONTENT_NOTE", at_key=True))
    figures = readability(scenario)
    if figures.words_per_sentence > MAX_WORDS_PER_SENTENCE or figures.lix > MAX_LIX:
        problems.append(source.problem(("intro",), "HARD_TO_READ", at_key=True,
                                       per_sentence=f"{figures.words_per_sentence:.1f}", lix=f"{figures.lix:.0f}"))
    return (problems + long_sentence_problems(scenario, source) + placeholder_problems(scenario, source)
            + timing_problems(scenario, source) + uneven_ending_problems(scenario, source)
            + loaded_word_problems(scenario, source))


def timing_problems(scenario: Scenario, source: Source) -> list[Problem]:
    """A role brief that takes longer to read than its turn at the screen allows, and a case whose
    short round does not fit the training's 15 minutes (by the time model, game.scenario.timing)."""
    problems = [source.problem(("roles", role_id), "LONG_BRIEF", at_key=True, role=role_id,
                               seconds=f"{seconds:.0f}", most=f"{BRIEF_SECONDS:.0f}")
                for role_id in scenario.roles if (seconds := brief_seconds(scenario, role_id)) > BRIEF_SECONDS]
    short = estimate(scenario, KORT)
    if not short.fits():
        where = "short_intro" if scenario.short_intro else "intro"
        problems.append(source.problem((where,), "ROUND_TOO_LONG", at_key=True, minutes=f"{short.median:.1f}",
                                       slot=f"{SLOT_MINUTES:g}"))
    return problems


def uneven_ending_problems(scenario: Scenario, source: Source) -> list[Problem]:
    """A case whose endings differ strongly in length: the long one reads as the ending the author meant.

    Reported once, at the longest ending, with the shortest to compare."""
    if len(scenario.endings) < 2:
        return []
    counts = {ending_id: len(_WORD.findall(ending.text)) for ending_id, ending in scenario.endings.items()}
    longest, shortest = max(counts, key=counts.get), min(counts, key=counts.get)
    if counts[longest] <= MAX_ENDING_RATIO * counts[shortest]:
        return []
    return [source.problem(("endings", longest, "text"), "UNEVEN_ENDINGS", longest=longest, longest_words=counts[longest],
                           shortest=shortest, shortest_words=counts[shortest])]


@cache
def loaded_words(lang: str) -> re.Pattern:
    """The loaded words of ``lang`` (from the list in the package) as one pattern of whole words."""
    listed = yaml.safe_load(files("game.scenario").joinpath(LOADED_WORDS).read_text(encoding="utf-8"))[lang]
    longest_first = sorted(listed, key=len, reverse=True)
    return re.compile(r"(?<![\w'’-])(" + "|".join(re.escape(word) for word in longest_first) + r")(?![\w'’-])", re.I)


def told_outcomes(scenario: Scenario) -> list[tuple[tuple, str]]:
    """The texts that tell what a choice leads to: options, their consequences and the endings."""
    found = []
    for node_id, decision in scenario.decisions.items():
        for index, option in enumerate(decision.options):
            path = ("decisions", node_id, "options", index)
            found.append((path + ("text",), option.text))
            found += [(path + ("consequences", side), getattr(option.consequences, side))
                      for side in ("resident", "family", "team")]
    for ending_id, ending in scenario.endings.items():
        found += [(("endings", ending_id, "title"), ending.title), (("endings", ending_id, "text"), ending.text)]
    return found


def loaded_word_problems(scenario: Scenario, source: Source) -> list[Problem]:
    """Words that praise or regret one outcome ("eindelijk", "geduldig"), each at its own text."""
    pattern = loaded_words(scenario.lang)
    return [source.problem(path, "LOADED_WORD", where=dotted(path), word=found.group(1).lower())
            for path, text in told_outcomes(scenario) if (found := pattern.search(text))]


def brief_problems(scenario: Scenario, source: Source) -> list[Problem]:
    """What a role knows, wants or fears in one or two words: a stake a player cannot act from."""
    return [source.problem(("roles", role_id, part), "SHORT_BRIEF", role=role_id, part=part, text=text.strip())
            for role_id, brief in scenario.roles.items()
            for part in ("knows", "wants", "fears")
            if len(_WORD.findall(text := getattr(brief, part))) < MIN_BRIEF_WORDS]


def judging_problems(scenario: Scenario, source: Source) -> list[Problem]:
    """Reflection questions that ask whether the table chose well: there is no right answer, not even afterwards."""
    return [source.problem(("endings", ending_id, "reflection", index), "JUDGING_QUESTION", ending=ending_id,
                           question=question.strip())
            for ending_id, ending in scenario.endings.items()
            for index, question in enumerate(ending.reflection) if _JUDGING.search(question)]


def texts_at(part: object, path: tuple = ()) -> list[tuple[tuple, str]]:
    """Every text of ``part`` with its path in the file.

    Walks the model (its field names are the keys of the file), so each text is found at its own place.
    """
    if isinstance(part, BaseModel):
        return [found for name in type(part).model_fields if name in part.model_fields_set
                for found in texts_at(getattr(part, name), path + (name,))]
    if isinstance(part, dict):
        return [found for key, item in part.items() for found in texts_at(item, path + (key,))]
    if isinstance(part, tuple):
        return [found for index, item in enumerate(part) for found in texts_at(item, path + (index,))]
    return [(path, part)] if isinstance(part, str) else []


@lru_cache(maxsize=1)
def template_wording() -> frozenset[str]:
    """The example texts ``dilemmaspel new`` writes between « and », in every language (compared loosely)."""
    return frozenset(_loosely(text) for lang in LANGUAGES for key, text in catalog(lang).items()
                     if key.startswith(TEMPLATE_TEXT) and isinstance(text, str))


def _loosely(text: str) -> str:
    return " ".join(text.split()).casefold()


def placeholder_problems(part: object, source: Source) -> list[Problem]:
    """Every text that still holds example text between « and », at its own place.

    Only the template's own wording counts: an author may write « and » in their own prose."""
    problems = []
    for path, text in texts_at(part):
        found = next((found for found in _PLACEHOLDER.finditer(text)
                      if _loosely(found.group()[1:-1]) in template_wording()), None)
        if found:
            shown = found.group()
            if len(shown) > _SHOWN_PLACEHOLDER:
                shown = shown[:_SHOWN_PLACEHOLDER - 2] + "…" + PLACEHOLDER_END
            problems.append(source.problem(path, "PLACEHOLDER", where=dotted(path), text=shown))
    return problems


def long_sentence_problems(scenario: Scenario, source: Source) -> list[Problem]:
    """Every sentence too long to read out, each at its own place (the average of the case can hide one, when
    the rest is short; and an author who shortens one sentence should not only then hear of the next)."""
    problems = []
    for path, text in texts_at(scenario):
        start = source.mark(path)
        for sentence in _SENTENCE_END.split(text.strip()):
            words = _WORD.findall(sentence or "")
            if len(words) <= MAX_WORDS_IN_A_SENTENCE:
                continue
            place = place_of(words, source, start) or start
            start = Mark(place.line, place.col + 1)  # the next sentence stands after this one
            problems.append(Problem(source.shown, place.line, place.col, "LONG_SENTENCE",
                                    {"where": dotted(path), "words": len(words), "most": MAX_WORDS_IN_A_SENTENCE,
                                     "start": " ".join(words[:_SHOWN_SENTENCE]) + " …"}))
    return problems


def place_of(words: list[str], source: Source, after: Mark) -> Mark | None:
    """Where the words first stand in the file from ``after`` on (None when quoting or escapes hide them)."""
    lines = source.raw.decode("utf-8-sig").split("\n")
    offset = sum(len(line) + 1 for line in lines[:after.line - 1]) + after.col - 1
    text = "\n".join(lines)
    found = re.compile(r"[\W\d_]+".join(map(re.escape, words[:_FOUND_BY]))).search(text, offset)
    if not found:
        return None
    line = text.count("\n", 0, found.start()) + 1
    return Mark(line, found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1)


def skeleton(scenario: Scenario) -> dict[tuple, object]:
    """The structure of a case without its text: what a translation must keep the same."""
    shape: dict[tuple, object] = {
        ("start",): scenario.start_id(), ("core",): scenario.core_id(), ("roles",): tuple(scenario.roles),
        ("values",): tuple(scenario.values), ("facts",): len(scenario.facts),
        ("tension",): tuple(side.values for side in scenario.tension),
        ("decisions",): tuple(scenario.decisions), ("endings",): tuple(scenario.endings),
    }
    for node_id, decision in scenario.decisions.items():
        shape[("decisions", node_id, "options")] = tuple(
            (oid, o.next, o.when, o.unless, o.favours, o.pressures)
            for oid, o in zip(decision.option_ids(), decision.options))
    for node_id, ending in scenario.endings.items():
        shape[("endings", node_id, "reflection")] = len(ending.reflection)
    return shape


def translation_problems(original: Scenario, translation: Scenario, source: Source) -> list[Problem]:
    """Where the translation's structure differs from the original's (one problem per place)."""
    mine, theirs = skeleton(translation), skeleton(original)
    return [source.problem(place, "TRANSLATION_MISMATCH", at_key=True, where=dotted(place),
                           original=original.lang)
            for place in theirs if mine.get(place) != theirs[place]]
