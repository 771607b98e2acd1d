"""Reading a YAML file safely, with the line and column of every key and value.

Scenario files are written by people and may come from anywhere, so reading them
is guarded: a size limit before reading, strict UTF-8, the safe C loader, a nesting
limit checked before the (recursive) composer runs, and a limit on the expanded
size so that aliases cannot blow up ("billion laughs"). Yes/no/on/off stay text:
only ``true`` and ``false`` are booleans, so "Nee" in a sentence is never a bool.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from game.i18n import _
from game.scenario.problems import Problem, display_path

MAX_FILE_BYTES = 1_000_000
MAX_EXPANDED_NODES = 100_000
MAX_DEPTH = 40
# Below these, libyaml's recursive composer is safe without an exact depth scan.
_SAFE_BRACKETS = 2_000
_SAFE_LINE_LENGTH = 2_000

Path_ = tuple[object, ...]
KEY = "__key__"


def _loader_class() -> type:
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        """The safe loader with YAML 1.2 booleans (only true/false)."""

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    Loader.add_constructor("tag:yaml.org,2002:int", _bounded_int)
    Loader.construct_mapping = _construct_mapping_noting_duplicates
    return Loader


def _construct_mapping_noting_duplicates(loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    """Build a mapping as usual, noting every key it repeats (YAML would silently keep the last)."""
    seen = set()
    for key_node, _value in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
            if key_node.value in seen:
                loader.duplicate_keys.append(
                    (key_node.value, Mark(key_node.start_mark.line + 1, key_node.start_mark.column + 1)))
            seen.add(key_node.value)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


def _bounded_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | str:
    """An integer as usual, but a number too long to be meant as one stays text (and is reported as such)."""
    if len(node.value) > 30:
        return node.value
    return yaml.SafeLoader.construct_yaml_int(loader, node)


_Loader = _loader_class()


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    col: int  # 1-based


@dataclass
class Source:
    """A parsed YAML document: plain data, and the place of every path in it.

    The places are only needed to report a problem, so they are found the first time
    one is asked for, by reading the text once more (most files have no problems).
    """

    path: Path
    shown: str
    data: object
    raw: bytes
    duplicates: list[tuple[str, Mark]]
    digest: str
    _marks: dict[Path_, Mark] | None = None
    _written: dict[Path_, str] = field(default_factory=dict)

    @property
    def marks(self) -> dict[Path_, Mark]:
        self._index()
        return self._marks

    def _index(self) -> None:
        if self._marks is None:
            self._marks, self._written = {}, {}
            _index_marks(self.compose(), (), self._marks, self._written)

    def compose(self) -> yaml.Node:
        """The document as YAML nodes (each with its place and, for text, how it was written)."""
        loader = _Loader(self.raw)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()

    def written(self, path: Path_) -> str | None:
        """The value at ``path`` as it stands in the file, before YAML read it (``12:30``, not 750)."""
        self._index()
        return self._written.get(tuple(path))

    def mark(self, path: Path_, key: bool = False) -> Mark:
        """The place of ``path``, or of its nearest parent that exists in the file."""
        wanted = tuple(path) + ((KEY,) if key else ())
        for end in range(len(wanted), -1, -1):
            found = self.marks.get(wanted[:end])
            if found:
                return found
        return Mark(1, 1)

    def problem(self, path: Path_, code: str, at_key: bool = False, hint_variant: str = "", **params) -> Problem:
        place = self.mark(path, at_key)
        return Problem(self.shown, place.line, place.col, code, params, hint_variant)


class NotARegularFile(OSError):
    """The path is a pipe, a device, a socket or a folder (after following links): nothing to read a case from."""


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """At most ``limit + 1`` bytes of a regular file (one more than allowed, so that "too large" shows).

    The file is opened without waiting (a pipe would block until someone writes to it) and checked on the
    opened handle, so a file swapped for a pipe or a link to ``/dev/zero`` after a look at its name is still
    refused; reading stops at the limit whatever the file claims its size to be.
    """
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise NotARegularFile(errno.EINVAL, "not a regular file", str(path))
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(handle, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


def read_source(path: Path) -> Source | Problem:
    """Read and parse ``path``; a Problem when it cannot be read as safe YAML."""
    shown = display_path(path)
    try:
        raw = read_limited(path)
    except NotARegularFile:
        return Problem(shown, 1, 1, "FILE_UNREADABLE", {"reason": _("reason.not_a_regular_file")}, "special")
    except OSError as exc:
        return Problem(shown, 1, 1, "FILE_UNREADABLE", {"reason": exc.strerror or str(exc)})
    if len(raw) > MAX_FILE_BYTES:
        size = max(len(raw), _size_of(path))
        return Problem(shown, 1, 1, "FILE_TOO_LARGE", {"size_kb": size // 1000, "max_kb": MAX_FILE_BYTES // 1000})
    return parse_source(raw, path, shown)


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def parse_source(raw: bytes, path: Path, shown: str) -> Source | Problem:
    text = _decode(raw, shown)
    if isinstance(text, Problem):
        return text
    if not re.search(r"(?:^|[\r\n])[ \t]*[^#\s]", text):  # nothing but blank lines and comments (any line end)
        return Problem(shown, 1, 1, "FILE_EMPTY")
    too_deep = _depth_problem(text, shown)
    if too_deep:
        return too_deep
    loader = _Loader(raw)  # libyaml reads UTF-8 bytes faster than a Python str
    loader.duplicate_keys = []
    try:
        root = loader.get_single_node()
        guard = _guard(root, shown) if "&" in text else None  # without anchors there are no aliases
        if guard:
            return guard
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        return _syntax_problem(exc, shown, text)
    except yaml.YAMLError as exc:
        return Problem(shown, 1, 1, "YAML_SYNTAX", {"problem": str(exc)}, "other")
    finally:
        loader.dispose()
    return Source(path, shown, data, raw, loader.duplicate_keys, hashlib.sha256(raw).hexdigest()[:16])


def _decode(raw: bytes, shown: str) -> str | Problem:
    if b"\x00" in raw:
        return Problem(shown, 1, 1, "FILE_ENCODING", {}, "binary")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return Problem(shown, line, col, "FILE_ENCODING")
    bad = re.search(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]", text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        return Problem(shown, line, col, "FILE_ENCODING", {}, "control")
    return text


def _depth_problem(text: str, shown: str) -> Problem | None:
    """Refuse nesting deeper than MAX_DEPTH before the recursive composer sees it."""
    brackets = text.count("[") + text.count("{")
    longest = max((len(line) for line in text.splitlines()), default=0)
    if brackets < _SAFE_BRACKETS and longest < _SAFE_LINE_LENGTH:
        return None
    loader = _Loader(text)
    depth = 0
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return None
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return Problem(shown, mark.line + 1, mark.column + 1, "YAML_TOO_COMPLEX",
                                   {"max_depth": MAX_DEPTH}, "depth")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        return _syntax_problem(exc, shown, text)
    finally:
        loader.dispose()


def _guard(root: yaml.Node | None, shown: str) -> Problem | None:
    """Expanded size and depth of the composed graph, counting each alias in full."""
    if root is None:
        return None
    sizes: dict[int, int] = {}
    on_path: set[int] = set()

    def size_of(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in on_path:
            raise _TooComplex(node, "loop")
        if depth > MAX_DEPTH:
            raise _TooComplex(node, "depth")
        if key in sizes:
            return sizes[key]
        on_path.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size_of(child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size_of(k, depth + 1) + size_of(v, depth + 1) for k, v in node.value)
        on_path.discard(key)
        if total > MAX_EXPANDED_NODES:
            raise _TooComplex(node, "size")
        sizes[key] = total
        return total

    try:
        size_of(root, 0)
    except _TooComplex as exc:
        mark = exc.node.start_mark
        return Problem(shown, mark.line + 1, mark.column + 1, "YAML_TOO_COMPLEX",
                       {"max_depth": MAX_DEPTH, "max_nodes": MAX_EXPANDED_NODES}, exc.reason)
    return None


class _TooComplex(Exception):
    def __init__(self, node: yaml.Node, reason: str) -> None:
        super().__init__(reason)
        self.node = node
        self.reason = reason


_KNOWN_SYNTAX = (
    ("found character '\\t'", "tab"),
    ("found a tab character", "tab"),
    ("mapping values are not allowed", "colon"),
    ("found duplicate anchor", "other"),
    ("expected <block end>", "indent"),
    ("did not find expected key", "indent"),
    ("could not find expected ':'", "colon_missing"),
    ("found undefined alias", "alias"),
    ("found unexpected end of stream", "quote"),
    ("found unknown escape character", "escape"),
    ("expected a single document", "documents"),
    ("but found another document", "documents"),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, shown: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    opened = _quote_opened(exc, text, line)
    if opened:  # the error shows where YAML gave up; the mistake is where the quote opened
        return Problem(shown, opened.line + 1, opened.column + 1, "TEXT_STARTS_WITH_QUOTE",
                       {"quote": text[opened.index], "line": line})
    params = {"problem": exc.problem or str(exc)}
    variant = next((v for needle, v in _KNOWN_SYNTAX if needle in str(exc)), "other")
    deeper = _key_indented_under(text, line, col) if variant == "colon" else None
    if deeper:  # pointed at the key itself: its indentation is what to look at
        variant, (params["above"], col) = "key_too_deep", deeper
    return Problem(shown, line, col, "YAML_SYNTAX", params, variant)


def _quote_opened(exc: yaml.MarkedYAMLError, text: str, error_line: int) -> yaml.Mark | None:
    """Where a text that starts with a quote (``'s Nachts``, ``"Ik maak het af", zegt Astrid.``) opened the quote
    that led to this error, or None. YAML reads such a text up to the next quote of the same kind: that may be
    many lines later, or the quote closes early and the rest of the line is left over."""
    if exc.context and "quoted scalar" in exc.context and "end of stream" in (exc.problem or "") and exc.context_mark:
        return exc.context_mark  # never closed at all (a bad escape inside quotes has its own hint)
    loader = _Loader(text)
    flow = 0
    try:
        while (token := loader.get_token()) is not None and token.start_mark.line < error_line:
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                flow += 1
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
                flow -= 1
            elif isinstance(token, yaml.ScalarToken) and token.style in ("'", '"') and not flow \
                    and _swallowed_or_left_over(text, token):
                return token.start_mark
    except yaml.MarkedYAMLError:
        return None
    finally:
        loader.dispose()
    return None


_KEY_LINE = re.compile(r"\n[ \t]*(?:- +)?[\w-]+:(?:[ \t]|$)", re.M)


def _swallowed_or_left_over(text: str, token: yaml.ScalarToken) -> bool:
    """A quoted text that runs over lines that look like keys, or that ends with more text on its line."""
    start, end = token.start_mark, token.end_mark
    if end.line > start.line and _KEY_LINE.search(text, start.index, end.index):
        return True
    rest = (text[end.index:end.index + _SAFE_LINE_LENGTH].splitlines() or [""])[0].strip()
    return bool(rest) and not rest.startswith(("#", ":"))


def _key_indented_under(text: str, line: int, col: int) -> tuple[int, int] | None:
    """When the colon YAML refuses ends a lone key (``    options:``) rather than sitting in a sentence,
    that key is indented deeper than a line that opens no block: the number of that line above, and the
    column where the key starts."""
    lines = text.splitlines()
    if not 0 < line <= len(lines) or not re.fullmatch(r" *[\w-]+", lines[line - 1][: col - 1]):
        return None
    key_col = len(lines[line - 1]) - len(lines[line - 1].lstrip(" ")) + 1
    for number in range(line - 1, 0, -1):
        if lines[number - 1].strip() and not lines[number - 1].lstrip().startswith("#"):
            return number, key_col
    return None


def _index_marks(node: yaml.Node, path: Path_, marks: dict[Path_, Mark], written: dict[Path_, str]) -> None:
    """Record the place of every path (for a repeated key, the first one), and how each scalar was written."""
    if path not in marks:
        marks[path] = Mark(node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            written[path] = node.value
    if isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _index_marks(child, path + (index,), marks, written)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = _scalar_key(key_node)
            if path + (key, KEY) in marks:
                continue
            marks[path + (key, KEY)] = Mark(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _index_marks(value_node, path + (key,), marks, written)


def _scalar_key(node: yaml.ScalarNode) -> object:
    """The key as the constructor makes it (an int stays an int), for matching paths."""
    if node.tag == "tag:yaml.org,2002:int":
        try:
            return int(node.value)
        except ValueError:
            return node.value
    return node.value
