"""The guide "Zelf een casus schrijven" stays true: what it shows a command printing is what the command
prints, its worked example is a valid, clean and fully reachable case, and it names every error code."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from game.commands.cli import build_parser, main
from game.i18n import set_language
from game.scenario.problems import CODES, LINT_CODES

GUIDE = Path(__file__).parents[1] / "docs" / "zelf-een-casus-schrijven.md"
TEXT = GUIDE.read_text(encoding="utf-8")
CASE = re.search(r"## De hele casus\n.*?```yaml\n(.*?)```", TEXT, re.S).group(1)
FILE = "zelf-naar-de-markt.yaml"
# The beginner's mistakes the guide shows, each as a change to the worked example.
MISTAKES = {
    "YAML_SYNTAX colon": ("title: Zelf naar de markt\n", "title: Dilemma: zelf naar de markt\n"),
    "UNKNOWN_KEY": ("title: Zelf naar de markt\n", "titel: Zelf naar de markt\n"),
    "UNKNOWN_ROLE": ("  kind:\n", "  dochter:\n"),
    "YAML_SYNTAX tab": ("    question: Wat doe je?\n", "\tquestion: Wat doe je?\n"),
    "UNREACHABLE_NODE": ("next: markt-binnen\n", "next: vaste-marktdag\n"),
    "UNKNOWN_NODE": ("next: na-de-markt\n", "next: na-de-mart\n"),
    "YAML_SYNTAX indent": ("    question: Wat doe je?\n", "  question: Wat doe je?\n"),
}
# What `lint` still finds in a valid case: a long sentence that tells of a death, and an option that names itself best.
LINT_MISTAKES = (
    ("  Vroeger ging ze elke dinsdag naar de markt. Daar kent ze iedereen.\n",
     "  Vroeger ging ze elke dinsdag samen met haar man, die vorig jaar is overleden, naar de markt in het centrum"
     " van het dorp, waar ze bij de groenteboer en de visboer iedereen kende en altijd even bleef staan om een"
     " praatje te maken.\n"),
    ("        text: Ze blijft vandaag binnen, en het team belt eerst met Els.\n",
     "        text: Het beste is dat ze vandaag binnen blijft, en dat het team eerst Els belt.\n"),
)
# What the guide fills in first, in the file `dilemmaspel new` made.
FIRST_PART = {
    "title: |\n  «Titel van de casus»": "title: Zelf naar de markt",
    "theme: |\n  «thema»": "theme: eigen regie en veiligheid",
    "- text: |\n      «De ene kant, bijvoorbeeld de keuze van de bewoner volgen»\n    values: [autonomie]":
        "- text: Mevrouw Jansen doet zelf haar boodschappen\n    values: [autonomie, kwaliteit-van-leven]",
    "- text: |\n      «De andere kant, bijvoorbeeld veilige zorg geven»\n    values: [veiligheid]":
        "- text: Mevrouw Jansen valt niet en raakt de weg niet kwijt\n    values: [veiligheid, gezondheid]",
    "setting: |\n  «Waar en wanneer het speelt, en wie erbij zijn»":
        "setting: |\n  Verpleeghuis De Berk, een afdeling voor mensen met beginnende dementie.\n"
        "  Het speelt op dinsdagochtend, de dag van de markt.",
    "intro: |\n  «Het verhaal. Wie, waar, en wat is er gebeurd?»":
        "intro: |\n  Mevrouw Jansen (82) woont sinds een half jaar in De Berk. Ze heeft beginnende dementie.\n"
        "  Vroeger ging ze elke dinsdag naar de markt. Daar kent ze iedereen.",
}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A working folder as in the guide, with the worked example in it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / FILE).write_text(CASE, encoding="utf-8")
    set_language("nl")
    return tmp_path


def run(capsys, *args, answers: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if answers is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def shown(output: str) -> bool:
    """Whether the guide shows exactly this output (a clock time may differ)."""
    return re.sub(r"\[\d\d:\d\d:\d\d\]", "[..]", output.rstrip("\n")) in re.sub(r"\[\d\d:\d\d:\d\d\]", "[..]", TEXT)


def test_the_worked_example_is_valid_clean_and_every_part_is_reached(capsys, folder):
    assert run(capsys, "validate", FILE)[0] == 0
    code, out, _ = run(capsys, "lint", FILE)
    assert code == 0 and shown(f"$ dilemmaspel lint {FILE}\n{out}")
    code, out, _ = run(capsys, "play-text", FILE, "--random", "--runs", "200", "--seed", "1")
    assert code == 0 and "Alles is bereikt." in out
    assert shown(f"$ dilemmaspel play-text {FILE} --random --runs 200 --seed 1\n{out}")


@pytest.mark.parametrize("mistake", MISTAKES)
def test_every_mistake_shows_what_validate_prints(capsys, folder, mistake):
    old, new = MISTAKES[mistake]
    (folder / FILE).write_text(CASE.replace(old, new, 1), encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--snippet", FILE)
    assert code == 1 and f": {mistake.split()[0]} " in out
    assert shown(out), f"the guide shows another output for {mistake}:\n{out}"


def test_what_lint_finds_in_a_valid_case_is_what_the_guide_shows(capsys, folder):
    text = CASE
    for old, new in LINT_MISTAKES:
        assert old in text
        text = text.replace(old, new, 1)
    (folder / FILE).write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "lint", FILE)
    assert code == 1 and all(f": {c} " in out for c in ("NO_CONTENT_NOTE", "LONG_SENTENCE", "MARKED_RIGHT"))
    assert shown(f"$ dilemmaspel lint {FILE}\n{out}"), out


def test_the_watcher_shows_the_points_to_improve_of_a_valid_case_as_the_guide_does(capsys, folder):
    old, new = LINT_MISTAKES[1]
    (folder / FILE).write_text(CASE.replace(old, new, 1), encoding="utf-8")
    code, out, err = run(capsys, "validate", "--watch", FILE, "--max-checks", "1")
    assert code == 0, "a point to improve is no error"
    assert "alles in orde" not in out and ": MARKED_RIGHT " in out and "   | " in out
    assert shown(f"$ dilemmaspel validate --watch {FILE}\n{err}{out}"), out


def test_the_condition_that_never_comes_true_is_what_the_robot_reports(capsys, folder):
    (folder / FILE).write_text(CASE.replace("        next: markt-binnen\n", "        next: markt-binnen\n"
                                            "        when: [begin.alleen-gaan, begin.met-henk]\n"), encoding="utf-8")
    assert run(capsys, "validate", FILE)[0] == 0
    _, out, _ = run(capsys, "play-text", FILE, "--random", "--runs", "200", "--seed", "1")
    assert "Nooit bereikt:" in out and shown(out)


def test_new_schema_and_the_first_check_print_what_the_guide_shows(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(capsys, "new", "zelf-naar-de-markt")
    assert shown(f"$ dilemmaspel new zelf-naar-de-markt\n{out}")
    text = (tmp_path / FILE).read_text(encoding="utf-8")
    for example, written in FIRST_PART.items():
        assert example in text and written.split("\n")[0] in TEXT
        text = text.replace(example, written)
    (tmp_path / FILE).write_text(text, encoding="utf-8")
    _, out, err = run(capsys, "validate", "--watch", FILE, "--max-checks", "1")
    assert "Nog 57 voorbeeldteksten" in out and shown(err + out)
    _, out, _ = run(capsys, "schema")
    assert shown(f"$ dilemmaspel schema\n{out}")


def test_the_map_and_the_text_player_print_what_the_guide_shows(capsys, folder, monkeypatch):
    _, mermaid, _ = run(capsys, "graph", FILE)
    assert f"```mermaid\n{mermaid}```" in TEXT
    _, out, _ = run(capsys, "play-text", FILE, answers="2\n1 3\n3\nq\n", monkeypatch=monkeypatch)
    excerpt = out[out.index("Vanuit welke rol"):]
    assert shown(excerpt)


def test_every_command_in_the_guide_exists_with_these_options():
    commands = re.findall(r"^\$ dilemmaspel (.*)$", TEXT, re.M)
    assert len(commands) >= 10
    parser = build_parser()
    for line in commands:
        parser.parse_args(line.split())  # a wrong option would exit with a usage error


def test_the_guide_names_every_error_code_and_is_linked_from_the_reference():
    for code in CODES + LINT_CODES:
        assert f"`{code}`" in TEXT, code
    assert "zelf-een-casus-schrijven.md" in (GUIDE.parent / "opdrachten.md").read_text(encoding="utf-8")
