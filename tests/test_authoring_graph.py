"""`dilemmaspel graph`: the map of a case, also of a broken one, as Mermaid, DOT, SVG and PNG."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.commands.cli import main
from game.scenario.yamlsource import read_source
from game.authoring.graph import map_of

EXAMPLES = Path(__file__).parent / "examples" / "errors"
PROEF = Path(__file__).parent / "data" / "proef.yaml"
HYGIENE = Path(__file__).parents[1] / "scenarios" / "hygiene-normen.yaml"
needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def case_map(path: Path):
    return map_of(read_source(path).data, path.stem)


def test_the_map_has_every_decision_point_option_and_ending():
    drawn = case_map(HYGIENE)
    kinds = {node.key: node.kind for node in drawn.nodes}
    assert [k for k, kind in kinds.items() if kind == "decision"] == ["begin", "huid", "weerstand", "overleg"]
    assert sorted(k for k, kind in kinds.items() if kind == "ending") == sorted(
        ["samen-zorgen", "ieder-zijn-rol", "eigen-keuze", "op-afstand"])
    assert len(drawn.edges) == 14 and drawn.start == "begin"
    assert not any(n.unreachable or n.dead_end for n in drawn.nodes)
    conditional = [e for e in drawn.edges if e.conditional]
    assert [(e.source, e.target) for e in conditional] == [("overleg", "samen-zorgen")]


def test_mermaid_labels_options_with_their_shortened_text(capsys):
    code, out, _ = run(capsys, "graph", str(HYGIENE))
    assert code == 0
    assert out.startswith("flowchart TD\n  %% Kaart van de casus 'hygiene-normen': Een washand is genoeg\n")
    assert 'n1["Annie wil het zelf doen<br/>(begin)"]' in out
    assert 'n5(["Samen de zorg dragen<br/>(samen-zorgen)"])' in out
    assert 'n1 -->|"Annie doet de ochtendzorg<br/>op haar manier. Het team …"| n2' in out
    assert "-.->" in out and "(alleen soms zichtbaar)" in out
    assert all(len(label) <= 26 + 2 for line in out.splitlines() if "-->|" in line
               for label in line.split('"')[1].split("<br/>"))


@pytest.mark.parametrize("example,node,mark", [("UNREACHABLE_NODE", "einde-vergeten", "(nooit bereikt)"),
                                               ("NO_ENDING", "lus", "(hierna geen einde)")])
def test_a_broken_case_is_drawn_with_its_problems_marked(capsys, example, node, mark):
    path = EXAMPLES / f"{example}.yaml"
    assert main(["validate", str(path)]) == 1
    capsys.readouterr()
    drawn = {n.key: n for n in case_map(path).nodes}
    assert drawn[node].unreachable or drawn[node].dead_end
    code, mermaid, _ = run(capsys, "graph", str(path))
    assert code == 0 and mark in mermaid
    style = "unreachable" if drawn[node].unreachable else "deadend"
    numbered = next(line.split("[")[0].split("(")[0].strip() for line in mermaid.splitlines() if f"({node})" in line)
    assert any(line.strip().startswith("class ") and numbered in line.split()[1].split(",")
               and line.endswith(style) for line in mermaid.splitlines())
    _, dot, _ = run(capsys, "graph", str(path), "--format", "dot")
    node_line = next(line for line in dot.splitlines() if f"({node})" in line)
    assert ("dashed" in node_line) if style == "unreachable" else ('penwidth="4"' in node_line)


@pytest.mark.parametrize("example,label", [("UNKNOWN_NODE", "'vervolgg' bestaat niet"),
                                           ("OPTION_NO_NEXT", "leidt nergens heen")])
def test_an_option_without_a_known_target_points_at_a_note(capsys, example, label):
    code, out, _ = run(capsys, "graph", str(EXAMPLES / f"{example}.yaml"), "--format", "dot")
    assert code == 0
    note = next(line for line in out.splitlines() if label in line)
    assert "shape=\"note\"" in note
    name = note.strip().split()[0]
    assert any(line.strip().endswith(f"-> {name} [label=\"Eerst praten\"];") or f"-> {name} [" in line
               for line in out.splitlines())


def test_dot_output_is_a_digraph_with_the_start_marked(capsys):
    _, out, _ = run(capsys, "graph", str(PROEF), "--format", "dot")
    assert out.startswith("digraph case {") and out.rstrip().endswith("}")
    assert "start -> n1;" in out and 'label="Start"' in out


def test_quotes_and_odd_text_in_labels_are_escaped(tmp_path, capsys):
    text = PROEF.read_text(encoding="utf-8").replace("text: Eerst praten", 'text: Zeg "nee" <b>#1</b>')
    text = text.replace("text: Afwachten", "text: a \\ b")
    path = tmp_path / "vreemd.yaml"
    path.write_text(text, encoding="utf-8")
    _, mermaid, _ = run(capsys, "graph", str(path))
    assert "#quot;nee#quot; #lt;b#gt;#35;1#lt;/b#gt;" in mermaid
    _, dot, _ = run(capsys, "graph", str(path), "--format", "dot")
    assert '\\"nee\\"' in dot and 'label="a \\\\ b"' in dot


def test_a_file_that_is_not_a_case_at_all_is_reported_not_drawn(capsys):
    code, out, err = run(capsys, "graph", str(EXAMPLES / "YAML_SYNTAX.yaml"))
    assert code == 1 and "YAML_SYNTAX" in out and "geen kaart" in err


def test_mermaid_or_dot_into_a_file(capsys, tmp_path):
    assert run(capsys, "graph", str(PROEF), "--out", str(tmp_path / "kaart.mmd"))[0] == 0
    assert (tmp_path / "kaart.mmd").read_text(encoding="utf-8").startswith("flowchart TD\n")
    assert run(capsys, "graph", str(PROEF), "--out", str(tmp_path / "kaart.gv"))[0] == 0
    assert (tmp_path / "kaart.gv").read_text(encoding="utf-8").startswith("digraph")


@needs_graphviz
def test_png_and_svg_are_drawn_by_graphviz(capsys, tmp_path):
    case = tmp_path / "hygiene.yaml"
    shutil.copy(HYGIENE, case)
    code, out, _ = run(capsys, "graph", str(case), "--format", "png")
    assert code == 0 and "hygiene.png" in out
    assert (tmp_path / "hygiene.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert run(capsys, "graph", str(EXAMPLES / "NO_ENDING.yaml"), "--out", str(tmp_path / "lus.svg"))[0] == 0
    svg = (tmp_path / "lus.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "hierna geen einde" in svg


def test_without_graphviz_a_clear_dutch_message(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    code, out, err = run(capsys, "graph", str(PROEF), "--format", "png", "--out", str(tmp_path / "k.png"))
    assert code == 1 and out == ""
    assert "Graphviz" in err and "apt-get install graphviz" in err and "--format mermaid" in err
    assert not (tmp_path / "k.png").exists()
    code, _, err = run(capsys, "graph", str(PROEF), "--format", "svg", "--lang", "en")
    assert code == 1 and "needs the program Graphviz" in err


@pytest.mark.parametrize("broken", ["decisions: [a, b]\n", "decisions:\n  a: {options: tekst}\nendings: {}\n",
                                    "decisions:\n  1: {title: 7, options: [{next: [x]}]}\nstart: [1]\n", "title: x\n"])
def test_odd_shapes_still_give_a_map(capsys, tmp_path, broken):
    path = tmp_path / "vreemd.yaml"
    path.write_text(broken, encoding="utf-8")
    for fmt in ("mermaid", "dot"):
        code, out, _ = run(capsys, "graph", str(path), "--format", fmt)
        assert code == 0 and out.strip()
