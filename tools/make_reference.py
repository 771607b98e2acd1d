"""Write the generated parts of the format reference: the key tables and error list in
docs/casusformaat.md, and the JSON Schemas in schemas/. Run after changing the model or
the catalogs:  python -m tools.make_reference   (a test fails while they are out of date)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from game.i18n import _, set_language
from game.scenario.model import Deck, Scenario
from game.scenario.problems import CODES, LINT_CODES
from game.scenario.reference import key_tables, schema_text

ROOT = Path(__file__).resolve().parents[1]
FORMAT_DOC = ROOT / "docs" / "casusformaat.md"
SCHEMAS = {ROOT / "schemas" / "scenario.schema.json": Scenario, ROOT / "schemas" / "deck.schema.json": Deck}
MARKERS = {"sleutels": key_tables, "fouten": lambda: error_table(CODES), "kwaliteit": lambda: error_table(LINT_CODES)}


def error_table(codes: tuple[str, ...]) -> str:
    """Every code with its message and its hint (placeholders shown as …)."""
    rows = ["| code | melding | tip |", "|---|---|---|"]
    for code in codes:
        message = re.sub(r"\{\w+\}", "…", _(f"error.{code}"))
        hint = re.sub(r"\{\w+\}", "…", _(f"hint.{code}"))
        rows.append(f"| `{code}` | {message} | {hint} |")
    return "\n".join(rows) + "\n"


def filled(text: str) -> str:
    """The document with every generated block replaced by its current content."""
    for name, make in MARKERS.items():
        pattern = re.compile(rf"(<!-- begin {name} -->\n).*?(<!-- end {name} -->)", re.S)
        text = pattern.sub(lambda m: m.group(1) + make() + m.group(2), text)
    return text


def expected_files() -> dict[Path, str]:
    set_language("nl")
    files = {path: schema_text(root) for path, root in SCHEMAS.items()}
    files[FORMAT_DOC] = filled(FORMAT_DOC.read_text(encoding="utf-8"))
    return files


def main() -> int:
    for path, text in expected_files().items():
        path.write_text(text, encoding="utf-8")
        print(f"geschreven: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
