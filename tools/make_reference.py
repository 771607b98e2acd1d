"""Write the generated parts of the docs: the key tables and error lists in docs/casusformaat.md (the
error lists also in the guide docs/zelf-een-casus-schrijven.md), the case list in docs/bibliotheek.md,
the command reference docs/opdrachten.md, and the JSON Schemas in
schemas/. Run after changing the model, the catalogs or a command:  python -m tools.make_reference
(a test fails while they are out of date)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from game.i18n import _, set_language
from game.scenario.lint import readability
from game.scenario.loader import load_library
from game.scenario.plans import KORT, LANG
from game.scenario.problems import CODES, LINT_CODES
from game.scenario.editor_schema import schema_text
from game.scenario.reference import key_tables
from game.scenario.timing import estimate
from tools.cli_reference import reference_text
from game.authoring.schemas import SCHEMA_FILES

ROOT = Path(__file__).resolve().parents[1]
FORMAT_DOC = ROOT / "docs" / "casusformaat.md"
LIBRARY_DOC = ROOT / "docs" / "bibliotheek.md"
COMMANDS_DOC = ROOT / "docs" / "opdrachten.md"
GUIDE = ROOT / "docs" / "zelf-een-casus-schrijven.md"
DOCS = (FORMAT_DOC, LIBRARY_DOC, GUIDE)
SCHEMAS = {ROOT / "schemas" / name: root for name, root in SCHEMA_FILES.items()}
MARKERS = {"sleutels": key_tables, "fouten": lambda: error_table(CODES), "kwaliteit": lambda: error_table(LINT_CODES),
           "bibliotheek": lambda: library_table()}


def error_table(codes: tuple[str, ...]) -> str:
    """Every code with its message and its hint (placeholders shown as …)."""
    rows = ["| code | melding | tip |", "|---|---|---|"]
    for code in codes:
        message, hint = (re.sub(r"\{\w+\}", "…", _(f"{kind}.{code}")).replace("|", "\\|") for kind in ("error", "hint"))
        rows.append(f"| `{code}` | {message} | {hint} |")
    return "\n".join(rows) + "\n"


def library_table() -> str:
    """The bundled cases with their value pair, size, minutes per round plan (the time model) and readability."""
    library = load_library()
    rows = ["| casus | thema | dilemma | rollen | beslismomenten | eindes | minuten Kort | minuten Lang | "
            "woorden per zin | LIX | talen |",
            "|---|---|---|---|---|---|---|---|---|---|---|"]
    for case_id in sorted({i for i, _lang in library.cases}):
        scenario = library.cases[(case_id, "nl")].scenario
        figures = readability(scenario)
        langs = ", ".join(lang for i, lang in sorted(library.cases) if i == case_id)
        tension = " / ".join(side.text for side in scenario.tension)
        short, long = estimate(scenario, KORT), estimate(scenario, LANG)
        rows.append(f"| `{case_id}`: {scenario.title} | {scenario.theme} | {tension} | {len(scenario.roles)} | "
                    f"{len(scenario.decisions)} | {len(scenario.endings)} | {short.median:.0f} | "
                    f"{long.shortest:.0f}-{long.longest:.0f} | {figures.words_per_sentence:.1f} | "
                    f"{figures.lix:.0f} | {langs} |")
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
    for doc in DOCS:
        files[doc] = filled(doc.read_text(encoding="utf-8"))
    files[COMMANDS_DOC] = reference_text()
    return files


def main() -> int:
    for path, text in expected_files().items():
        path.write_text(text, encoding="utf-8")
        print(f"geschreven: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
