"""``dilemmaspel new CASE-ID``: a new case file with every part present, explained in comments.

The file is valid from the first moment (``validate`` accepts it, the text player plays it), and
every text in it is example text between « and », which ``lint`` reports until it is replaced. The
comments and example texts come from the catalogs, so ``--lang en`` gives an English case.
Roles and values are taken from the decks the new file will use, so its ids are known there.
"""
from __future__ import annotations

import argparse
import os
import shlex
import sys
import textwrap
import unicodedata
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from game.authoring.schemas import write_schemas
from game.i18n import _, get_language
from game.output import OutputError, write_file
from game.scenario.lint import PLACEHOLDER_END, PLACEHOLDER_START, TEMPLATE_TEXT
from game.scenario.loader import DECK_FOLDER, decks_for, library_root, load_decks
from game.scenario.model import Id
from game.scenario.problems import display_path

PREFERRED_ROLES = ("bewoner", "partner", "evv", "teamleider")
PREFERRED_VALUES = ("autonomie", "veiligheid")
ROLE_COUNT = 4
ENDING_COUNT = 3
SCHEMA_FOLDER = "schemas"
SCHEMA_NAME = "scenario.schema.json"
COMMENT_WIDTH = 100
_ID = TypeAdapter(Id)


def new_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("case_id", metavar="CASE-ID", help=_("authoring.new.case_id_help"))
    command.add_argument("--out", type=Path, metavar=_("authoring.file_metavar"), help=_("authoring.new.out_help"))


def run_new(args: argparse.Namespace) -> int:
    try:
        _ID.validate_python(args.case_id)
    except ValidationError:
        print(_("authoring.new.bad_id", case_id=args.case_id, suggestion=suggested_id(args.case_id)), file=sys.stderr)
        return 2
    path = target(args.out, args.case_id)
    if path.suffix != ".yaml":
        print(_("authoring.new.not_yaml", path=path), file=sys.stderr)
        return 2
    if not path.parent.is_dir():
        print(_("authoring.new.no_folder", folder=path.parent), file=sys.stderr)
        return 2
    schema = schema_file(path)
    try:
        write_file(path, case_template(args.case_id, path, get_language(), schema), replace=False, make_folder=False)
        schemas_written = [] if schema.is_file() else write_schemas(schema.parent)
    except FileExistsError:
        print(_("authoring.new.exists", path=path), file=sys.stderr)
        return 1
    except OutputError as error:
        return error.tell()
    for written in schemas_written:
        print(_("authoring.written", path=display_path(written)))
    print(_("authoring.new.written", path=path, file=shlex.quote(str(path))))
    return 0


def target(out: Path | None, case_id: str) -> Path:
    """Where the new case goes: ``--out`` (a file, or a folder to put CASE-ID.yaml in), else the working folder."""
    if out is None or out.is_dir():
        return (out or Path()) / f"{case_id}.yaml"
    return out


def suggested_id(wanted: str) -> str:
    """A valid id close to what was typed: 'Mijn Casus!' becomes 'mijn-casus'."""
    plain = unicodedata.normalize("NFKD", wanted).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return "-".join(words)[:60].strip("-") or "mijn-casus"


def schema_file(path: Path) -> Path:
    """The schema for the editor of a new case at ``path``: one already in a ``schemas/`` folder beside the case,
    above it within its library, or beside the library (as the repository keeps it); else the one ``new`` writes
    beside the case, or at the top of its library, so that the folder can be zipped and shared whole."""
    folder, root = path.absolute().parent, library_root(path)
    within = [folder, *(above for above in folder.parents if above.is_relative_to(root))]
    beside_library = [root.parent] if (root / DECK_FOLDER).is_dir() else []
    found = (candidate / SCHEMA_FOLDER / SCHEMA_NAME for candidate in within + beside_library)
    return next((schema for schema in found if schema.is_file()), root / SCHEMA_FOLDER / SCHEMA_NAME)


def schema_reference(schema: Path, path: Path) -> str:
    """The schema's address as the comment at the top of the case at ``path`` gives it: relative to the case."""
    folder = path.absolute().parent
    try:
        return Path(os.path.relpath(schema, folder)).as_posix()
    except ValueError:  # another drive (Windows): only a full address works
        return schema.as_uri()


def _chosen(available: list[str], preferred: tuple[str, ...], count: int) -> list[str]:
    """``count`` ids: the preferred ones the deck has, then others from the deck, then the preferred anyway."""
    ordered = [i for i in preferred if i in available] + [i for i in available if i not in preferred]
    return (ordered + [i for i in preferred if i not in ordered])[:count]


class _Writer:
    """Lines of YAML with comments; every text from the catalogs in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.lines: list[str] = []

    def put(self, line: str = "", indent: int = 0) -> None:
        self.lines.append(" " * indent + line if line else "")

    def about(self, key: str, indent: int = 0, **params: object) -> None:
        """A comment, wrapped so that a long list of ids stays readable in a narrow editor; a command on a line
        of its own stays whole, to be copied as it is."""
        for line in _(f"authoring.template.about.{key}", self.lang, **params).splitlines():
            whole = line.lstrip().startswith("dilemmaspel ")
            parts = [line] if whole else textwrap.wrap(line, COMMENT_WIDTH - indent, break_on_hyphens=False)
            for part in parts or [""]:
                self.put(f"# {part}".rstrip(), indent)

    def example(self, key: str) -> str:
        """Example text between « and »."""
        return f"{PLACEHOLDER_START}{_(TEMPLATE_TEXT + key, self.lang)}{PLACEHOLDER_END}"

    def text(self, name: str, key: str, indent: int, lead: str = "") -> None:
        """A text a player reads, always after '|' on the lines below its key: whatever the author then writes
        there (a '#', a quote at the start, a colon, a year) stays text. ``lead`` is ``- `` for the first
        key of a list item."""
        self.put(f"{lead}{name}: |", indent)
        self.put(self.example(key), indent + len(lead) + 2)

    def item(self, key: str, indent: int) -> None:
        """A list item that is a text a player reads, after '|' as every text."""
        self.put("- |", indent)
        self.put(self.example(key), indent + 2)

    def ident(self, key: str, **params: object) -> str:
        return _(f"authoring.template.id.{key}", self.lang, **params)


def case_template(case_id: str, path: Path, lang: str, schema: Path) -> str:
    """The text of a new case file for ``path``, its first line naming ``schema`` for the editor."""
    decks, _problems = load_decks(decks_for(path))
    roles = _chosen(list(decks.roles), PREFERRED_ROLES, ROLE_COUNT)
    first_value, second_value = _chosen(list(decks.values), PREFERRED_VALUES, 2)
    w = _Writer(lang)
    w.put(f"# yaml-language-server: $schema={schema_reference(schema, path)}")
    w.about("header", case_id=case_id, file=shlex.quote(path.name))
    w.put()
    _top(w, case_id, first_value, second_value, ", ".join(decks.values))
    w.put()
    w.about("roles", roles=", ".join(decks.roles))
    w.put("roles:")
    for role in roles:
        w.put(f"{role}:", 2)
        for part in ("knows", "wants", "fears"):
            w.text(part, part, 4)
    w.put()
    _own_values(w)
    w.put()
    _decisions(w, first_value, second_value)
    w.put()
    _endings(w)
    w.put()
    _background(w)
    return "\n".join(w.lines) + "\n"


def _top(w: _Writer, case_id: str, first_value: str, second_value: str, all_values: str) -> None:
    for key, line in (("id", f"id: {case_id}"), ("version", "version: 1"), ("lang", f"lang: {w.lang}")):
        w.about(key)
        w.put(line)
    for key in ("title", "theme"):
        w.about(key)
        w.text(key, key, 0)
    w.put()
    w.about("tension", values=all_values)
    w.put("tension:")
    for side, value in (("side_one", first_value), ("side_two", second_value)):
        w.text("text", side, 2, lead="- ")
        w.put(f"values: [{value}]", 4)
    w.about("setting")
    w.text("setting", "setting", 0)
    w.about("intro")
    w.text("intro", "intro", 0)
    w.about("short_intro")
    w.put("# short_intro: |")
    w.put(f"#   {w.example('short_intro')}")
    w.about("content_note")
    w.put("# content_note: |")
    w.put(f"#   {w.example('content_note')}")


def _own_values(w: _Writer) -> None:
    w.about("values")
    w.put("# values:")
    w.put(f"#   {w.ident('own_value')}:")
    for part in ("name", "line"):
        w.put(f"#     {part}: |")
        w.put(f"#       {w.example('value_' + part)}")


def _decisions(w: _Writer, one: str, other: str) -> None:
    first, second = w.ident("first"), w.ident("second")
    endings = [w.ident("ending", number=n) for n in range(1, ENDING_COUNT + 1)]
    option = [w.ident("option", letter=letter) for letter in "abcde"]
    w.about("start")
    w.put(f"start: {first}")
    w.about("core")
    w.put(f"# core: {first}")
    w.put()
    w.about("decisions")
    w.put("decisions:")
    _decision(w, first, "first", [(option[0], second, one, other), (option[1], second, other, one)])
    _decision(w, second, "second", [(option[2], endings[0], one, other), (option[3], endings[1], other, one),
                                    (option[4], endings[2], one, other)])
    w.about("when", 8, example=f"{first}.{option[1]}")
    w.put(f"# when: [{first}.{option[1]}]", 8)


def _decision(w: _Writer, node_id: str, key: str, options: list[tuple[str, str, str, str]]) -> None:
    w.put(f"{node_id}:", 2)
    w.text("title", f"{key}_title", 4)
    w.text("text", f"{key}_text", 4)
    w.text("question", "question", 4)
    w.put("options:", 4)
    if key == "first":
        w.about("options", 6)
    for option_id, next_id, favours, pressures in options:
        w.put(f"- id: {option_id}", 6)
        w.text("text", "option", 8)
        w.put(f"next: {next_id}", 8)
        w.put("consequences:", 8)
        for corner in ("resident", "family", "team"):
            w.text(corner, corner, 10)
        w.put(f"favours: [{favours}]", 8)
        w.put(f"pressures: [{pressures}]", 8)


def _endings(w: _Writer) -> None:
    w.about("endings")
    w.put("endings:")
    for number in range(1, ENDING_COUNT + 1):
        w.put(f"{w.ident('ending', number=number)}:", 2)
        w.text("title", "ending_title", 4)
        w.text("text", "ending_text", 4)
        w.put("reflection:", 4)
        for question in ("question_one", "question_two", "question_three"):
            w.item(question, 6)


def _background(w: _Writer) -> None:
    w.about("facts")
    w.put("facts:")
    w.text("title", "fact_title", 2, lead="- ")
    w.text("text", "fact_text", 4)
    w.text("source", "fact_source", 4)
    w.about("sources")
    w.put("sources:")
    w.item("source", 2)
