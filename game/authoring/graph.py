"""``dilemmaspel graph``: the map of a case, with its decision points, options and endings.

The map is made from the YAML data as it is, not from the validated model, so a case that is still
broken can be drawn too: parts no path leads to are dashed and grey, decision points from which no
ending can be reached are drawn thick in vermillion, and an option that leads nowhere (or to an id
that does not exist) points at a dashed note. Every such mark is also written in the label, so the
map never relies on colour alone (the colours are from the Okabe-Ito palette).

Mermaid and DOT are plain text and need nothing; SVG and PNG are drawn by Graphviz (``dot``).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from game.i18n import _
from game.output import OutputError, building, write_file
from game.scenario.checks import option_ids, reach, start_of, story_graph
from game.scenario.loader import decks_for, load_case, load_decks
from game.scenario.yamlsource import Source, read_source
from game.authoring.snippets import with_snippets

FORMATS = ("mermaid", "dot", "svg", "png")
DRAWN = ("svg", "png")  # formats Graphviz draws
LABEL_WIDTH = 26
LABEL_LINES = 2
FONT = "DejaVu Sans,Arial,Helvetica,sans-serif"


@dataclass(frozen=True)
class MapNode:
    """A decision point, an ending, or a target an option names that is not in the file."""

    key: str
    title: str
    kind: str  # "decision", "ending" or "missing"
    unreachable: bool = False
    dead_end: bool = False


@dataclass(frozen=True)
class MapEdge:
    source: str
    target: str
    label: str
    conditional: bool


@dataclass(frozen=True)
class CaseMap:
    case_id: str
    title: str
    start: str | None
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]


def graph_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", type=Path, metavar=_("authoring.file_metavar"), help=_("authoring.graph.file_help"))
    command.add_argument("--format", choices=FORMATS, default=None, help=_("authoring.graph.format_help"))
    command.add_argument("--out", type=Path, metavar=_("authoring.file_metavar"), help=_("authoring.graph.out_help"))


def run_graph(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        print(_("cli.path_missing", path=args.file), file=sys.stderr)
        return 2
    source = read_source(args.file)
    if not isinstance(source, Source) or not isinstance(source.data, dict):
        return _cannot_draw(args.file)
    fmt = args.format or _format_of(args.out)
    case_map = map_of(source.data, args.file.stem)
    if fmt in DRAWN:
        return draw(to_dot(case_map), fmt, args.out or args.file.with_suffix(f".{fmt}"))
    text = to_mermaid(case_map) if fmt == "mermaid" else to_dot(case_map)
    if not args.out:
        sys.stdout.write(text)
        return 0
    try:
        write_file(args.out, text)
    except OutputError as error:
        return error.tell()
    print(_("authoring.written", path=args.out), file=sys.stderr)
    return 0


def _format_of(out: Path | None) -> str:
    """The format an output name asks for (kaart.svg: svg), else Mermaid."""
    suffix = out.suffix.lstrip(".").lower() if out else ""
    return {"mmd": "mermaid", "gv": "dot"}.get(suffix, suffix if suffix in FORMATS else "mermaid")


def _cannot_draw(path: Path) -> int:
    """A file that is no YAML mapping at all: show why, as validate would."""
    result = load_case(path, load_decks(decks_for(path))[0])
    for problem in with_snippets(list(result.problems)):
        print(problem.format())
    print(_("authoring.graph.cannot_draw", path=path), file=sys.stderr)
    return 1


def _mapping(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _text(value: object, fallback: str) -> str:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else fallback


def map_of(data: dict, fallback_id: str) -> CaseMap:
    """The map of a case from its raw YAML data (which may be broken)."""
    decisions = {str(k): v for k, v in _mapping(data.get("decisions")).items()}
    endings = {str(k): v for k, v in _mapping(data.get("endings")).items() if str(k) not in decisions}
    start = start_of(data, decisions)
    reachable, can_end = reach(story_graph(decisions, endings), start, endings)
    nodes = [MapNode(node_id, _text(_mapping(part).get("title"), node_id), kind, node_id not in reachable,
                     kind == "decision" and node_id not in can_end)
             for kind, section in (("decision", decisions), ("ending", endings)) for node_id, part in section.items()]
    edges, missing = _edges(decisions, endings)
    return CaseMap(_text(data.get("id"), fallback_id), _text(data.get("title"), fallback_id), start,
                   tuple(nodes + missing), tuple(edges))


def _edges(decisions: dict, endings: dict) -> tuple[list[MapEdge], list[MapNode]]:
    """An edge for every option; one that leads nowhere known points at a 'missing' node made for it."""
    edges: list[MapEdge] = []
    missing: dict[str, MapNode] = {}
    for node_id, decision in decisions.items():
        options = _mapping(decision).get("options")
        for index, (oid, option) in enumerate(zip(option_ids(_mapping(decision)),
                                                  options if isinstance(options, list) else [])):
            option = _mapping(option)
            target = option.get("next")
            if not (isinstance(target, str) and (target in decisions or target in endings)):
                key = f"?{target}" if isinstance(target, str) else f"?{node_id}.{index}"
                label = (_("authoring.graph.no_target", target=target) if isinstance(target, str)
                         else _("authoring.graph.no_next"))
                missing.setdefault(key, MapNode(key, label, "missing"))
                target = key
            conditional = bool(option.get("when") or option.get("unless"))
            edges.append(MapEdge(node_id, target, _text(option.get("text"), str(oid)), conditional))
    return edges, list(missing.values())


def _lines(text: str) -> list[str]:
    """A label cut into short lines, ending in … when it had to be shortened."""
    return textwrap.wrap(text, LABEL_WIDTH, max_lines=LABEL_LINES, placeholder=" …") or [text]


def node_lines(node: MapNode) -> list[str]:
    """What a node says: its title, its id, and in words what is wrong with it."""
    lines = _lines(node.title) + ([f"({node.key})"] if node.kind != "missing" else [])
    if node.unreachable:
        lines.append(_("authoring.graph.unreachable"))
    if node.dead_end:
        lines.append(_("authoring.graph.dead_end"))
    return lines


def edge_lines(edge: MapEdge) -> list[str]:
    return _lines(edge.label) + ([_("authoring.graph.conditional")] if edge.conditional else [])


# --- Mermaid ---------------------------------------------------------------------------------------

_MERMAID_SHAPES = {"decision": ('["', '"]'), "ending": ('(["', '"])'), "missing": ('>"', '"]')}
_MERMAID_CLASSES = {
    "ending": "fill:#E3F2EC,stroke:#009E73,stroke-width:2px",
    "unreachable": "fill:#EEEEEE,color:#555555,stroke:#777777,stroke-dasharray:5 5",
    "deadend": "fill:#FBE3D6,stroke:#D55E00,stroke-width:4px",
    "missing": "fill:#FBE3D6,stroke:#D55E00,stroke-dasharray:5 5",
}


def _mermaid_text(lines: list[str]) -> str:
    escaped = [line.replace("#", "#35;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
               for line in lines]
    return "<br/>".join(escaped)


def _numbered(case_map: CaseMap) -> dict[str, str]:
    """Short names for the nodes in the drawing (ids from a broken file may be anything, even 'start')."""
    return {node.key: f"n{number}" for number, node in enumerate(case_map.nodes, start=1)}


def to_mermaid(case_map: CaseMap) -> str:
    """A Mermaid flowchart: paste it into a wiki page or a Markdown file between ```mermaid fences."""
    ids = _numbered(case_map)
    # the heading as a comment after the diagram type: some renderers cannot find the type below a comment
    out = ["flowchart TD", f"  %% {_('authoring.graph.heading', title=case_map.title, case=case_map.case_id)}"]
    if case_map.start:
        out.append(f'  start(("{_mermaid_text([_("authoring.graph.start")])}")) --> {ids[case_map.start]}')
    for node in case_map.nodes:
        opening, closing = _MERMAID_SHAPES[node.kind]
        out.append(f"  {ids[node.key]}{opening}{_mermaid_text(node_lines(node))}{closing}")
    for edge in case_map.edges:
        arrow = "-.->" if edge.conditional else "-->"
        out.append(f'  {ids[edge.source]} {arrow}|"{_mermaid_text(edge_lines(edge))}"| {ids[edge.target]}')
    for name, style in _MERMAID_CLASSES.items():
        out.append(f"  classDef {name} {style}")
    for name, members in _classes(case_map).items():
        if members:
            out.append(f"  class {','.join(ids[key] for key in members)} {name}")
    return "\n".join(out) + "\n"


def _classes(case_map: CaseMap) -> dict[str, list[str]]:
    """The nodes in each style; a later class wins, so trouble is listed after the kind."""
    return {"ending": [n.key for n in case_map.nodes if n.kind == "ending"],
            "unreachable": [n.key for n in case_map.nodes if n.unreachable],
            "deadend": [n.key for n in case_map.nodes if n.dead_end],
            "missing": [n.key for n in case_map.nodes if n.kind == "missing"]}


# --- DOT and Graphviz ---------------------------------------------------------------------------

_DOT_KIND = {
    "decision": {"shape": "box", "style": "filled", "fillcolor": "#E8F1FA", "color": "#0072B2"},
    "ending": {"shape": "box", "style": "rounded,filled", "fillcolor": "#E3F2EC", "color": "#009E73",
               "peripheries": "2"},
    "missing": {"shape": "note", "style": "dashed,filled", "fillcolor": "#FBE3D6", "color": "#D55E00"},
}
_UNREACHABLE = {"fillcolor": "#EEEEEE", "fontcolor": "#555555", "color": "#777777"}
_DEAD_END = {"fillcolor": "#FBE3D6", "color": "#D55E00", "penwidth": "4"}


def _dot_attributes(node: MapNode) -> str:
    """The look of a node: its kind, then grey and dashed if unreachable, thick vermillion if a dead end."""
    look = dict(_DOT_KIND[node.kind])
    if node.unreachable:
        look.update(_UNREACHABLE, style=look["style"] + ",dashed")
    if node.dead_end:
        look.update(_DEAD_END)
    return ", ".join(f'{key}="{value}"' for key, value in look.items())


def _dot_string(lines: list[str]) -> str:
    return '"' + "\\n".join(line.replace("\\", "\\\\").replace('"', '\\"') for line in lines) + '"'


def to_dot(case_map: CaseMap) -> str:
    """A Graphviz digraph (``dot -Tpng kaart.dot -o kaart.png`` draws it)."""
    heading = _("authoring.graph.heading", title=case_map.title, case=case_map.case_id)
    ids = _numbered(case_map)
    out = ["digraph case {",
           f'  graph [label={_dot_string([heading])}, labelloc=t, fontsize=16, fontname="{FONT}", '
           'rankdir=TB, nodesep=0.5, ranksep=0.6, pad=0.3];',
           f'  node [fontname="{FONT}", fontsize=12, penwidth=1.5, margin="0.2,0.1"];',
           f'  edge [fontname="{FONT}", fontsize=10, color="#444444", fontcolor="#222222"];']
    if case_map.start:
        out.append(f'  start [label={_dot_string([_("authoring.graph.start")])}, shape=box, style="rounded,filled", '
                   'fillcolor="#000000", fontcolor="#FFFFFF"];')
        out.append(f"  start -> {ids[case_map.start]};")
    for node in case_map.nodes:
        out.append(f"  {ids[node.key]} [label={_dot_string(node_lines(node))}, {_dot_attributes(node)}];")
    for edge in case_map.edges:
        dashed = ", style=dashed" if edge.conditional else ""
        out.append(f"  {ids[edge.source]} -> {ids[edge.target]} [label={_dot_string(edge_lines(edge))}{dashed}];")
    return "\n".join(out) + "\n}\n"


class GraphvizFailed(Exception):
    """Graphviz did not draw the map; the message is what it said."""


def draw(dot_text: str, fmt: str, out: Path) -> int:
    """Let Graphviz draw the map into ``out``; 1 with a clear message when it is not installed or fails."""
    dot = shutil.which("dot")
    if dot is None:
        print(_("authoring.graph.no_graphviz", format=fmt), file=sys.stderr)
        return 1
    sharp = ["-Gdpi=144"] if fmt == "png" else []  # SVG scales by itself; a PNG needs the pixels
    try:
        with building(out) as temporary:
            done = subprocess.run([dot, f"-T{fmt}", *sharp, "-o", str(temporary)], input=dot_text.encode("utf-8"),
                                  capture_output=True, check=False)
            if done.returncode != 0:
                raise GraphvizFailed(done.stderr.decode("utf-8", "replace").strip())
    except GraphvizFailed as failed:
        print(_("authoring.graph.graphviz_failed", reason=failed), file=sys.stderr)
        return 1
    except OutputError as error:
        return error.tell()
    print(_("authoring.written", path=out))
    return 0
