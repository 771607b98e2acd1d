"""The report as a workbook (xlsx) for Excel and LibreOffice: one sheet per view.

Sheets: the overview (training, summary, skipped files), the tables, every player's
votes, the values and the discussion points. Counts are whole numbers and shares are
numbers shown as a percentage, so a spreadsheet can sort, filter and add them up; every
text is a text cell, never a formula (a note that starts with ``=`` stays a note).
Column headings come from the catalogs in the report's language.
"""
from __future__ import annotations

import io
import math
from datetime import date
from typing import Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from game.i18n import _
from game.report.document import Chart, Report
from game.text import printable

VALUE_FIGURES = ("leading_values", "picked_values", "values_vs_choices")
WIDEST_COLUMN = 60  # characters; longer texts wrap inside the cell
SHARE_FORMAT = "0%"
LINE_HEIGHT = 13  # points, a line of text at the default size


def render_xlsx(report: Report) -> bytes:
    """The workbook as the bytes of an xlsx file."""
    lang = report.lang
    book = Workbook()
    _overview(book.active, report)
    _table(book.create_sheet(), _("report.xlsx.tables", lang), _headings(lang, (
        "table", "table_number", "round", "case", "seats", "path", "ending", "leading", "points", "finished")), (
        (story.table_label, story.table, story.round, story.case_label, ", ".join(story.seats),
         " → ".join(f"{step.decision}: {step.option}" for step in story.path), story.ending or "",
         ", ".join(story.leading_values), len(story.notes), _yes_no(story.finished, lang))
        for story in report.stories))
    _table(book.create_sheet(), _("report.xlsx.votes", lang), _headings(lang, (
        "table", "round", "case", "decision", "player", "seat", "first", "final", "revoted", "changed")), (
        (ballot.table_label, ballot.round, ballot.case_label, ballot.decision_label, ballot.player, ballot.seat,
         ballot.first_label, ballot.final_label, _yes_no(ballot.revoted, lang), _yes_no(ballot.changed, lang))
        for ballot in report.ballots))
    _table(book.create_sheet(), _("report.xlsx.values", lang), _headings(lang, (
        "figure", "case", "round", "value", "series", "count", "base", "share")), _value_rows(report))
    _table(book.create_sheet(), _("report.xlsx.points", lang), _headings(lang, (
        "table", "round", "case", "number", "point")), (
        (story.table_label, story.round, story.case_label, number, note)
        for story in report.stories for number, note in enumerate(story.notes, start=1)))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _headings(lang: str, keys: Iterable[str]) -> tuple[str, ...]:
    return tuple(_(f"report.xlsx.column.{key}", lang) for key in keys)


def _yes_no(value: bool, lang: str) -> str:
    return _("report.xlsx.yes" if value else "report.xlsx.no", lang)


def _value_rows(report: Report):
    """One row per bar of the value charts: of all tables and cases, per round, and per case."""
    for section in report.sections:
        for block in section.blocks:
            if not isinstance(block, Chart) or block.figure not in VALUE_FIGURES:
                continue
            case = section.title if section.key.startswith("case:") else ""
            for series in block.series:
                for bar in series.bars:
                    yield (block.title, case, block.scope.get("round"), bar.label, series.label, bar.count,
                           bar.base, bar.share)


def _overview(sheet: Worksheet, report: Report) -> None:
    """Title, rule, the training and its figures as label and value; then the skipped files and the privacy note."""
    lang = report.lang
    sheet.title = _sheet_title(_("report.xlsx.overview", lang))
    sheet.append([_cell(report.title)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_cell(report.rule)])
    sheet.append([])
    sheet.append([_("report.summary.trainer", lang), _cell(report.trainer)])
    for label, shown in report.summary:
        if label == _("report.summary.date", lang) and report.training_dates:
            for day in report.training_dates:
                sheet.append([label, date.fromisoformat(day)])
                sheet.cell(sheet.max_row, 2).number_format = "DD-MM-YYYY" if lang == "nl" else "YYYY-MM-DD"
        else:
            sheet.append([label, int(shown) if shown.isdigit() else _cell(shown)])  # the counts as numbers
    sheet.append([])
    if report.notices:
        sheet.append([_("report.notices", lang)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        for notice in report.notices:
            sheet.append([_cell(notice)])
        sheet.append([])
    sheet.append([_cell(report.privacy)])
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = WIDEST_COLUMN
    for row in sheet.iter_rows():
        if row[0].value and len(str(row[0].value)) > 40 and (len(row) < 2 or row[1].value is None):
            sheet.merge_cells(start_row=row[0].row, start_column=1, end_row=row[0].row, end_column=2)
    _wrap_long_texts(sheet, {"A": 40 + WIDEST_COLUMN})


def _table(sheet: Worksheet, title: str, headings: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """A sheet with a bold, frozen heading row and a filter; shares as percentages, long texts wrapped."""
    sheet.title = _sheet_title(title)
    sheet.append(headings)
    for row in rows:
        sheet.append([_cell(value) for value in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    widths = {}
    for index, column in enumerate(sheet.iter_cols(), start=1):
        longest = max(len(str(cell.value or "")) for cell in column)
        widths[get_column_letter(index)] = min(max(longest, 6) + 2, WIDEST_COLUMN)
        sheet.column_dimensions[get_column_letter(index)].width = widths[get_column_letter(index)]
        for cell in column[1:]:
            if isinstance(cell.value, float):
                cell.number_format = SHARE_FORMAT
    _wrap_long_texts(sheet, widths)


def _wrap_long_texts(sheet: Worksheet, widths: dict[str, float]) -> None:
    """Texts wider than their column wrap inside it, each row as high as its longest text needs (a spreadsheet
    does not make a row higher by itself), and every text stays text."""
    for row in sheet.iter_rows():
        lines = {}
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # one that starts with '=' would otherwise be saved as a formula
                width = widths.get(cell.column_letter, sheet.column_dimensions[cell.column_letter].width or 10)
                lines[cell.column_letter] = sum(math.ceil(max(len(line), 1) / width) for line in cell.value.split("\n"))
        if max(lines.values(), default=1) > 1:
            for cell in row:  # the row's cells start at its top, beside the text that wraps
                if not isinstance(cell, MergedCell):
                    cell.alignment = Alignment(wrap_text=lines.get(cell.column_letter, 1) > 1, vertical="top")
            sheet.row_dimensions[row[0].row].height = LINE_HEIGHT * max(lines.values())


def _cell(value: object) -> object:
    """Numbers as they are; texts without control characters (a workbook can't hold them); no text: an empty cell."""
    return (printable(value) or None) if isinstance(value, str) else value


def _sheet_title(title: str) -> str:
    """A sheet's name as Excel accepts it: at most 31 characters, none of []:*?/\\."""
    return "".join(" " if c in "[]:*?/\\" else c for c in title)[:31]
