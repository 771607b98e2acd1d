"""A trap of Dutch prose that is valid YAML: a '#' in unquoted text starts a comment and cuts the text.

``Kamer #14 en #15`` after ``title:`` is read as the title ``Kamer`` and a comment; nothing fails, the
text is just shorter. Only texts a player reads (the model's ``Text`` and ``Line`` fields) written
without quotes are looked at, and a comment written as one (two spaces before the '#', one after,
as yamllint asks) is left alone: ``title: Washandje  # werktitel`` is meant.
"""
from __future__ import annotations

import re
import types
import typing
from functools import lru_cache
from typing import Iterator

import yaml
from pydantic import BaseModel

from game.scenario.model import Line, Text
from game.scenario.problems import Problem
from game.scenario.validation import dotted
from game.scenario.yamlsource import Path_, Source

_PROSE = (Text, Line)
_TEXT_THEN_HASH = re.compile(r"[^\s#](?:[ \t]+|[ \t]*\n[ \t]+)#")  # without it, no text is followed by a comment
_COMMENT = re.compile(r"(?P<gap>[ \t]+)#(?P<rest>.*)")
_WRAPPED = re.compile(r"(?P<indent>[ \t]+)(?P<comment>#[^\s#].*)")  # "#14 en #15", not "# a comment"


def text_cut_by_comment(source: Source, model: object) -> list[Problem]:
    """Every text without quotes that a '#' on its line cut short, at that '#'."""
    text = source.raw.decode("utf-8-sig")
    if not _TEXT_THEN_HASH.search(text):
        return []
    lines = text.splitlines()  # the line breaks YAML knows (\r\n, \r, \n, and the Unicode ones)
    problems = []
    for path, node in prose_nodes(source.compose(), model):
        if not node.style:  # plain: no quotes, no "|" (the C parser says "", the Python one None)
            cut = _cut_at(lines, node.end_mark)
            if cut:
                line, col, comment = cut
                problems.append(Problem(source.shown, line, col, "TEXT_CUT_BY_HASH",
                                        {"where": dotted(path), "kept": node.value, "cut": comment}))
    return problems


def _cut_at(lines: list[str], end: yaml.Mark) -> tuple[int, int, str] | None:
    """The place (1-based) and text of a comment that cut a text: on the text's last line, unless written as a
    comment; or on the next line, indented as the text's next line would be, as a long text wrapped there."""
    if end.line >= len(lines):
        return None
    line = lines[end.line]
    text_end = len(line[:end.column].rstrip())  # the parser's end may include the blanks after the text
    found = _COMMENT.match(line, text_end)
    if found:
        gap, rest = found.group("gap"), found.group("rest")
        if len(gap) >= 2 and (not rest or rest[0] in " \t"):
            return None
        return end.line + 1, text_end + len(gap) + 1, f"#{rest}".rstrip()
    wrapped = _WRAPPED.match(lines[end.line + 1]) if text_end == len(line.rstrip()) and end.line + 1 < len(lines) else None
    if wrapped and len(wrapped.group("indent")) > len(line) - len(line.lstrip()):
        return end.line + 2, len(wrapped.group("indent")) + 1, wrapped.group("comment").rstrip()
    return None


def prose_nodes(node: yaml.Node | None, annotation: object, path: Path_ = ()) -> Iterator[tuple[Path_, yaml.ScalarNode]]:
    """The scalar nodes that stand where ``annotation`` (the model) expects a text a player reads."""
    annotation = _without_none(annotation)
    if node is None:
        return
    if annotation in _PROSE:
        if isinstance(node, yaml.ScalarNode):
            yield path, node
        return
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            part = _part_type(annotation, key_node)
            if part is not None:
                yield from prose_nodes(value_node, part, path + (key_node.value,))
    elif isinstance(node, yaml.SequenceNode) and typing.get_origin(annotation) in (tuple, list):
        items = [arg for arg in typing.get_args(annotation) if arg is not Ellipsis]
        for index, child in enumerate(node.value):
            if items:
                yield from prose_nodes(child, items[min(index, len(items) - 1)], path + (index,))


def _part_type(annotation: object, key_node: yaml.Node) -> object | None:
    """What the model expects under one key of a mapping (None for a key it does not know)."""
    if not isinstance(key_node, yaml.ScalarNode):
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _field_types(annotation).get(key_node.value)
    if typing.get_origin(annotation) is dict:
        return typing.get_args(annotation)[1]
    return None


@lru_cache(maxsize=None)
def _field_types(model_class: type[BaseModel]) -> dict[str, object]:
    """The fields of a model with their types as written (``Line``, not just ``str``)."""
    return typing.get_type_hints(model_class, include_extras=True)


def _without_none(annotation: object) -> object:
    """``X`` for ``X | None``."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        others = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(others) == 1:
            return others[0]
    return annotation
