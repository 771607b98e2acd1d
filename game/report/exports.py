"""The report as Markdown, CSV and JSON, and the choice between the five formats (HTML and xlsx elsewhere).

* Markdown escapes every text from a log or a case, so it shows as written and never
  as markup (a note can't become a link, a heading or raw HTML).
* CSV is one long table, one row per bar, cell, figure or note; a cell that a spreadsheet
  would read as a formula (starting with ``= + - @``, a tab or a carriage return) gets a
  leading apostrophe. Two dialects: ``nl`` (semicolons and a decimal comma, as a Dutch
  spreadsheet reads it) and ``en`` (commas and a decimal point).
* JSON is the whole document, with ids and names, for other tools: every figure is a
  number of its own, also those a note tells in a sentence.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import re

from game.text import printable
from game.i18n import _
from game.report.document import Chart, Matrix, Report, Story

FORMATS = ("html", "md", "csv", "json", "xlsx")
BINARY_FORMATS = ("xlsx",)
CSV_DIALECTS = {"nl": (";", ","), "en": (",", ".")}  # the cell separator and the decimal mark
JSON_FORMAT_VERSION = 1
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*\d*)([#+\-=>.)])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render(report: Report, fmt: str, csv_dialect: str = "en") -> str | bytes:
    """The report in ``fmt``: one of FORMATS (bytes for BINARY_FORMATS); ``csv_dialect`` one of CSV_DIALECTS."""
    if fmt == "csv":
        return render_csv(report, csv_dialect)
    if fmt == "xlsx":
        from game.report.spreadsheet import render_xlsx  # openpyxl, only when a workbook is asked for
        return render_xlsx(report)
    from game.report.html import render_html  # the charts' drawing code, only when HTML is asked for
    return {"html": render_html, "md": render_markdown, "json": render_json}[fmt](report)


def md(value: object) -> str:
    """Text that Markdown shows literally: specials escaped, line breaks kept inside tables and lists."""
    escaped = _MARKDOWN_LINE_START.sub(r"\1\\\2", _MARKDOWN_INLINE.sub(r"\\\1", printable(value)))
    return "<br>".join(escaped.splitlines()) if "\n" in escaped or "\r" in escaped else escaped


def render_markdown(report: Report) -> str:
    lang = report.lang
    lines = [f"# {md(report.title)}", "", f"**{md(report.rule)}**", ""]
    trainer = ((_("report.summary.trainer", lang), report.trainer),) if report.trainer else ()
    lines += [f"- **{md(label)}:** {md(value)}" for label, value in (*trainer, *report.summary)]
    lines += ["", md(_("report.generated", lang, when=report.generated, version=report.made_with)), ""]
    if report.notices:
        lines += [f"## {md(_('report.notices', lang))}", ""] + [f"- {md(n)}" for n in report.notices] + [""]
    for section in report.sections:
        lines += [f"## {md(section.title)}", ""] + ([md(section.intro), ""] if section.intro else [])
        for block in section.blocks:
            lines += _markdown_chart(block) if isinstance(block, Chart) else _markdown_matrix(block, lang)
    if report.stories:
        lines += [f"## {md(_('report.tables.title', lang))}", ""]
        for story in report.stories:
            lines += _markdown_story(story, lang)
    lines += ["---", "", md(report.privacy), ""]
    return "\n".join(lines)


def _markdown_chart(chart: Chart) -> list[str]:
    header = "| | " + " | ".join(md(series.label) for series in chart.series) + " |"
    lines = [f"### {md(chart.title)}", "", md(chart.note), "", header, "|---" * (len(chart.series) + 1) + "|"]
    for index, bar in enumerate(chart.series[0].bars):
        numbers = [series.bars[index] for series in chart.series]
        lines.append(f"| {md(bar.label)} | " + " | ".join(b.shown for b in numbers) + " |")
    return lines + [""]


def _markdown_matrix(matrix: Matrix, lang: str) -> list[str]:
    header = f"| {md(_('report.gap.role', lang))} | " + " | ".join(md(c.short) for c in matrix.columns) + " |"
    lines = [f"### {md(matrix.title)}", "", md(matrix.note), "", header, "|---" * (len(matrix.columns) + 1) + "|"]
    for row in matrix.rows:
        lines.append(f"| {md(row.label)} | " + " | ".join(c.shown for c in row.cells) + " |")
    return lines + [""] + [f"- {md(c.label)}" for c in matrix.columns if c.short != c.label] + [""]


def _markdown_story(story: Story, lang: str) -> list[str]:
    heading = _("report.story.heading", lang, table=story.table_label, round=story.round, case=story.case_label)
    lines = [f"### {md(heading)}", "", f"- **{md(_('report.story.seats', lang))}** {md(', '.join(story.seats))}"]
    lines += [f"- **{md(_('report.story.path', lang))}** "
              + md(" → ".join(f"{step.decision}: {step.option}" for step in story.path))] if story.path else []
    lines += [f"- **{md(_('report.story.ending', lang))}** {md(story.ending)}"] if story.ending else []
    leading = ", ".join(story.leading_values) or _("report.story.none", lang)
    lines.append(f"- **{md(_('report.story.leading', lang))}** {md(leading)}")
    if not story.finished:
        lines.append(f"- {md(_('report.story.unfinished', lang))}")
    lines += ["", f"**{md(_('report.story.notes', lang))}**", ""]
    lines += [f"1. {md(note)}" for note in story.notes] or [md(_("report.story.no_notes", lang))]
    return lines + [""]


CSV_COLUMNS = ("section", "figure", "case", "decision", "round", "table", "stage", "series", "row", "key", "label",
               "count", "base", "share", "text")


def safe_cell(value: object) -> object:
    """A cell a spreadsheet shows as text (without control characters), never runs as a formula."""
    if not isinstance(value, str):
        return value
    value = printable(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def render_csv(report: Report, dialect: str = "en") -> str:
    separator, decimal_mark = CSV_DIALECTS[dialect]
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, delimiter=separator, lineterminator="\r\n")
    writer.writeheader()
    for row in _csv_rows(report):
        writer.writerow({key: _csv_number(value, decimal_mark) if isinstance(value, float) else safe_cell(value)
                         for key, value in row.items()})
    return out.getvalue()


def _csv_number(value: float, decimal_mark: str) -> str:
    return repr(value).replace(".", decimal_mark)


def _csv_rows(report: Report):
    yield from _csv_header_rows(report)
    for section in report.sections:
        for block in section.blocks:
            scope = {"section": section.key, "figure": block.figure, **block.scope}
            if isinstance(block, Chart):
                for name, number in block.numbers.items():
                    yield {**scope, "series": "numbers", "key": name, "count": number}
                for series in block.series:
                    for bar in series.bars:
                        yield {**scope, "series": series.key, "key": bar.key or "", "label": bar.label,
                               "count": bar.count, "base": bar.base, "share": bar.share}
            else:
                for row in block.rows:
                    for cell in row.cells:
                        yield {**scope, "row": row.key, "key": cell.key or "", "label": cell.label,
                               "count": cell.count, "base": cell.base, "share": cell.share}
    for story in report.stories:
        where = {"section": "tables", "case": story.case, "round": story.round, "table": story.table}
        for seat in story.seats:
            yield {**where, "figure": "seat", "text": seat}
        for value in story.leading_values:
            yield {**where, "figure": "leading_value", "text": value}
        for note in story.notes:
            yield {**where, "figure": "discussion_point", "text": note}
    for notice in report.notices:
        yield {"section": "notices", "figure": "skipped_file", "text": notice}


def _csv_header_rows(report: Report):
    """The training (date, trainer) and the summary's figures, each in a row of its own."""
    for day in report.training_dates:
        yield {"section": "summary", "figure": "training", "key": "date", "text": day}
    if report.trainer:
        yield {"section": "summary", "figure": "training", "key": "trainer", "text": report.trainer}
    for name, number in report.totals.items():
        yield {"section": "summary", "figure": "totals", "key": name, "count": number}


def render_json(report: Report) -> str:
    document = {"format": "dilemmaspel-report", "version": JSON_FORMAT_VERSION, **dataclasses.asdict(report)}
    return json.dumps(_printable_strings(document), ensure_ascii=False, indent=2) + "\n"


def _printable_strings(value: object) -> object:
    """The JSON document with control characters left out of every text (a reader may print them raw)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {_printable_strings(key): _printable_strings(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_printable_strings(item) for item in value]
    return value
