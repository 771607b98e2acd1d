"""One-way layers: the engine is pure Python; scenario, store and report never touch the screen."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

GAME = Path(__file__).parents[1] / "game"
FORBIDDEN = {
    "engine": {"pygame", "pygame_gui", "yaml", "sqlite3", "sqlite_utils", "game.ui", "game.store",
               "game.report", "game.scenario.loader", "game.scenario.yamlsource"},
    "scenario": {"pygame", "pygame_gui", "sqlite3", "sqlite_utils", "game.engine", "game.store", "game.ui",
                 "game.report"},
    "store": {"pygame", "pygame_gui", "game.ui", "game.report"},
    "report": {"pygame", "pygame_gui", "game.ui"},
    "phones": {"pygame", "pygame_gui", "game.ui", "sqlite3", "sqlite_utils", "game.store"},
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
