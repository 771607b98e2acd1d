"""One-way layers: the engine is pure Python; scenario, store and report never touch the screen; the command line
(game.commands) sits on top, over the authoring tools (game.authoring), and nothing below imports either."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

GAME = Path(__file__).parents[1] / "game"
COMMAND_LINE = {"game.commands", "game.authoring"}
FORBIDDEN = {
    "engine": {"pygame", "pygame_gui", "yaml", "sqlite3", "sqlite_utils", "game.ui", "game.store",
               "game.report", "game.scenario.loader", "game.scenario.yamlsource", *COMMAND_LINE},
    "scenario": {"pygame", "pygame_gui", "sqlite3", "sqlite_utils", "game.engine", "game.store", "game.ui",
                 "game.report", *COMMAND_LINE},
    "store": {"pygame", "pygame_gui", "game.ui", "game.report", *COMMAND_LINE},
    "report": {"pygame", "pygame_gui", "game.ui", *COMMAND_LINE},
    "ui": COMMAND_LINE,
    "authoring": {"pygame", "pygame_gui", "game.commands"},
    "commands": {"pygame", "pygame_gui"},
    "phones": {"pygame", "pygame_gui", "game.ui", "sqlite3", "sqlite_utils", "game.store", *COMMAND_LINE},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def violations(package: str) -> list[str]:
    bad = []
    for path in sorted((GAME / package).rglob("*.py")):
        for module in sorted(imported_modules(path)):
            if any(module == f or module.startswith(f + ".") for f in FORBIDDEN[package]):
                bad.append(f"{path.relative_to(GAME)} imports {module}")
    return bad


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layer_imports_only_what_lies_below_it(package):
    assert violations(package) == []


def test_the_rule_catches_a_forbidden_import(tmp_path, monkeypatch):
    fake = tmp_path / "game" / "engine"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text("import pygame\nfrom yaml import safe_load\n")
    monkeypatch.setattr(sys.modules[__name__], "GAME", tmp_path / "game")
    assert violations("engine") == ["engine/bad.py imports pygame", "engine/bad.py imports yaml"]


def test_importing_the_engine_loads_no_yaml_sqlite_or_pygame():
    code = ("import sys, game.engine, game.engine.session; "
            "print(sorted(m for m in ('pygame', 'yaml', 'sqlite3', 'sqlite_utils') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# The screens: scene modules never import each other in a circle ------------------------------------------------
def scene_module(path: Path) -> str:
    """The module's dotted name: game.ui.scenes.table, game.ui.scenes.round (a package), game.ui.scenes.round.draw."""
    parts = path.relative_to(GAME.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


SCENES = {scene_module(path): path for path in (GAME / "ui" / "scenes").rglob("*.py")
          if path != GAME / "ui" / "scenes" / "__init__.py"} | {"game.ui.flows": GAME / "ui" / "flows.py"}


class WithoutTypeHints(ast.NodeTransformer):
    """Drops ``if TYPE_CHECKING:`` blocks: what they import is only named in annotations, never loaded."""

    def visit_If(self, node: ast.If):
        if isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            return node.orelse or None
        return self.generic_visit(node)


def loaded_names(source: str) -> set[str]:
    """The modules (and names in them) that ``source`` imports when it runs, at its top or inside a function."""
    found = set()
    for node in ast.walk(WithoutTypeHints().visit(ast.parse(source))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def scene_imports() -> dict[str, set[str]]:
    """Which scene modules (and the flows that open them) each one imports when it runs."""
    return {name: (loaded_names(path.read_text(encoding="utf-8")) & SCENES.keys()) - {name}
            for name, path in SCENES.items()}


def circle(graph: dict[str, set[str]]) -> list[str]:
    """A circle of imports in ``graph`` (its modules in order, the first repeated at the end), or []."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str]:
        if module in path:
            return path[path.index(module):] + [module]
        if module in done:
            return []
        for imported in sorted(graph.get(module, ())):
            found = visit(imported, path + [module])
            if found:
                return found
        done.add(module)
        return []

    return next((found for module in sorted(graph) if (found := visit(module, []))), [])


def test_the_scene_modules_import_each_other_one_way_only():
    assert circle(scene_imports()) == []


def test_the_rule_catches_a_circle_of_scene_imports():
    graph = {"start": {"setup"}, "setup": {"table"}, "table": {"start"}, "summary": set()}
    assert circle(graph) == ["setup", "table", "start", "setup"]


def test_the_rule_counts_imports_in_functions_but_not_those_for_type_hints_only():
    source = ("from typing import TYPE_CHECKING\n"
              "if TYPE_CHECKING:\n    from game.ui.scenes.table import RoundScene\n"
              "def finished():\n    from game.ui.scenes.summary import SummaryScene\n")
    assert loaded_names(source) >= {"game.ui.scenes.summary"}
    assert "game.ui.scenes.table" not in loaded_names(source)


def test_the_phase_screens_of_the_round_are_among_the_scene_modules():
    assert {"game.ui.scenes.round", "game.ui.scenes.round.draw"} <= SCENES.keys()
