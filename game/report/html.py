"""The report as one self-contained HTML file: inline SVG bars, print CSS for A4, no network at all.

Every text from a log or a case goes through ``escape``; the page carries a content
security policy that forbids scripts and any outside resource, so even a hostile note
can only ever show as text. Bars use the Okabe-Ito palette (safe for colour-blind
readers) and always carry their number.
"""
from __future__ import annotations

from html import escape

from game.text import printable
from game.i18n import _, n_
from game.report.document import Bar, Chart, Matrix, MindsBlock, Report, Section, Story, StoryDecision, way
from game.report.palette import CORNER_COLOURS, SERIES_COLOURS, corner_css
from game.scenario.plans import KORT

BAR_ROOM = 66  # percent of the cell a full bar takes; the number goes right of it
# A chart of at most this many rows is printed whole on one page; a longer one may continue on the next page
# (between rows, its heading repeated), so that it never leaves most of a page empty before it.
SHORT_CHART_ROWS = 12
ROWS_WITH_CAPTION = 3  # the rows of a longer chart that stay on the page of its caption

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111;
       background: #fff; margin: 0 auto; max-width: 62rem; padding: 1.5rem; line-height: 1.4; font-size: 11pt; }
h1 { font-size: 1.9rem; margin: 0 0 .2rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 .4rem; border-bottom: 2px solid #0072B2; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 1.2rem 0 .3rem; }
p, li, td, th, dd { overflow-wrap: anywhere; }
.rule { font-size: 1.15rem; font-weight: 600; margin: 0 0 .8rem; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
dl.summary dd.blank { border-bottom: 1px solid #555; min-width: 16rem; max-width: 24rem; height: 1.3em; }
.meta { color: #444; font-size: .9rem; }
.notices { border: 2px solid #D55E00; padding: .5rem 1rem; margin: 1rem 0; }
.notices h2 { border: 0; margin: 0; font-size: 1.05rem; }
figure { margin: 1rem 0 1.4rem; }
figure.matrix, figure .keep { break-inside: avoid; page-break-inside: avoid; }
table.bars.more { margin-top: 0; }
tr { break-inside: avoid; page-break-inside: avoid; }
figcaption strong { display: block; font-size: 1.05rem; }
figcaption span { color: #333; font-size: .92rem; }
table { border-collapse: collapse; width: 100%; margin-top: .4rem; }
th, td { text-align: left; vertical-align: middle; padding: .15rem .4rem; }
table.bars { table-layout: fixed; }
table.bars th.label { font-weight: normal; }
table.bars th.series { font-weight: 600; font-size: .9rem; color: #333; }
table.bars tbody tr { border-top: 1px solid #ccc; }
svg.bar { display: block; width: 100%; height: 22px; overflow: visible; }
svg.bar text { font-size: 13px; fill: #111; }
table.matrix th, table.matrix td { border: 1px solid #bbb; }
table.matrix thead th { font-weight: 600; vertical-align: bottom; font-size: .92rem; }
table.matrix { table-layout: fixed; }
table.matrix thead th:first-child { width: 30%; }
table.matrix td { white-space: nowrap; }
table.matrix svg { display: block; width: 100%; height: 6px; margin-top: 2px; }
table.matrix thead th:not(:first-child) { text-align: center; }
table.matrix tbody th[class^="corner-"] { border-left-width: 6px; }
ul.legend { list-style: none; padding: 0; margin: .3rem 0 0; font-size: .9rem; }
p.corners { margin: .3rem 0 0; font-size: .9rem; }
ul.corners li { display: inline-block; margin-right: 1.2rem; border-left: 6px solid; padding-left: .4rem; }
article.story { border-left: 4px solid #009E73; padding: .1rem 0 .1rem .8rem; margin: 1rem 0; }
article.story > p:has(+ ol, + ul) { break-after: avoid; page-break-after: avoid; }
article.story li { break-inside: avoid; page-break-inside: avoid; }
ul.notes li { white-space: pre-wrap; margin: .25rem 0; }
table.overview td, table.overview th { border-bottom: 1px solid #ccc; vertical-align: top; }
table.overview th { white-space: nowrap; }
table.overview td:first-child { width: 22%; }
span.swatch { display: inline-block; width: .9em; height: .9em; margin-right: .35em; vertical-align: -.1em;
              border: 1px solid #333; }
svg.map { display: block; width: 100%; max-width: 22rem; height: auto; margin: .4rem 0; }
table.votes { width: auto; min-width: 60%; }
table.votes td, table.votes th { border-bottom: 1px solid #ddd; }
table.votes td.count { text-align: right; font-variant-numeric: tabular-nums; }
table.votes th { white-space: nowrap; }
tr.followed { font-weight: 700; }
ul.minds li { margin: .15rem 0; }
svg.minds { display: block; width: 100%; max-width: 26rem; height: auto; margin: .3rem 0; }
svg.minds text { font-size: 13px; fill: #111; }
.muted { color: #555; }
footer { margin-top: 2rem; border-top: 1px solid #999; padding-top: .5rem; font-size: .9rem; color: #333; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  p, li { orphans: 3; widows: 3; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""" + corner_css("table.matrix tbody th.corner-{corner}, ul.corners li.corner-{corner}", "border-left-color: {colour};")

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def text(value: object) -> str:
    """Any text for the page, without control characters and escaped, also inside attributes."""
    return escape(printable(value), quote=True)


def render_html(report: Report) -> str:
    lang = report.lang
    parts = [
        "<!DOCTYPE html>", f'<html lang="{text(lang)}">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{text(report.title)}</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
        _header(report),
    ]
    if report.notices:
        items = "".join(f'<li><span dir="auto">{text(notice)}</span></li>' for notice in report.notices)
        parts.append(f'<aside class="notices"><h2>{text(_("report.notices", lang))}</h2><ul>{items}</ul></aside>')
    parts.append(_overview(report))
    parts.append(_stories(report))
    parts.append(_minds(report))
    parts.append(_highlights(report))
    if report.sections:
        parts.append(f'<section class="details"><h2>{text(_("report.details.title", lang))}</h2></section>')
    parts += [_section(section, lang) for section in report.sections]
    parts.append(f"<footer><p>{text(report.privacy)}</p></footer>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _header(report: Report) -> str:
    """Title, rule and summary; the facilitator's name, or a line to write it on."""
    trainer = (f'<dd dir="auto">{text(report.trainer)}</dd>' if report.trainer
               else '<dd class="blank" aria-label="-"></dd>')
    rows = f"<dt>{text(_('report.summary.trainer', report.lang))}</dt>{trainer}" + "".join(
        f"<dt>{text(label)}</dt><dd dir=\"auto\">{text(value)}</dd>" for label, value in report.summary)
    generated = _("report.generated", report.lang, when=report.generated, version=report.made_with)
    return (f"<header><h1>{text(report.title)}</h1><p class=\"rule\">{text(report.rule)}</p>"
            f"<dl class=\"summary\">{rows}</dl><p class=\"meta\">{text(generated)}</p></header>")


def _section(section: Section, lang: str) -> str:
    css = "case" if section.key.startswith("case:") else section.key
    blocks = "".join(_chart(block, lang) if isinstance(block, Chart) else _matrix(block, lang)
                     for block in section.blocks)
    intro = f'<p dir="auto">{text(section.intro)}</p>' if section.intro else ""
    return f'<section class="{css}"><h2 dir="auto">{text(section.title)}</h2>{intro}{blocks}</section>'


def _caption(block: Chart | Matrix) -> str:
    return f'<figcaption><strong dir="auto">{text(block.title)}</strong><span>{text(block.note)}</span></figcaption>'


def _bar_svg(bar: Bar, longest: float, colour: str) -> str:
    width = BAR_ROOM * bar.share / longest if longest else 0
    label = text(bar.shown)
    rect = f'<rect x="0" y="3" width="{width:.1f}%" height="16" fill="{colour}"/>' if bar.count else ""
    return (f'<svg class="bar" role="img" aria-label="{label}">{rect}'
            f'<text x="{width + 1:.1f}%" y="16">{label}</text></svg>')


def _chart(chart: Chart, lang: str) -> str:
    """One row per key, one column of bars per series (first vote | after exploring), side by side.

    Bar lengths follow the shares, so series with different bases (players, choices) compare fairly;
    the longest bar of the chart fills the room. A long chart is printed as two tables with the same
    columns: its caption with the first rows, which stay together, and the rest, which may go on to
    the next page (a caption alone at the foot of a page would say nothing).
    """
    longest = max((bar.share for series in chart.series for bar in series.bars), default=0)
    columns = "<colgroup><col>" + f'<col style="width:{62 / len(chart.series):.0f}%">' * len(chart.series) + "</colgroup>"
    head = "".join(f'<th class="series">{text(series.label)}</th>' for series in chart.series)
    rows = []
    for index, bar in enumerate(chart.series[0].bars):
        bars = "".join(f"<td>{_bar_svg(series.bars[index], longest, SERIES_COLOURS[number])}</td>"
                       for number, series in enumerate(chart.series))
        rows.append(f'<tr><th class="label" dir="auto">{text(bar.label)}</th>{bars}</tr>')
    if len(rows) <= SHORT_CHART_ROWS:
        first, rest = rows, []
    else:
        first, rest = rows[:ROWS_WITH_CAPTION], rows[ROWS_WITH_CAPTION:]
    start = (f'<div class="keep">{_caption(chart)}<table class="bars">{columns}<thead><tr><th></th>{head}</tr>'
             f'</thead><tbody>{"".join(first)}</tbody></table></div>')
    more = f'<table class="bars more">{columns}<tbody>{"".join(rest)}</tbody></table>' if rest else ""
    return f'<figure class="chart">{start}{more}</figure>'


def _matrix(matrix: Matrix, lang: str) -> str:
    head = "".join(f'<th title="{text(column.label)}">{text(column.short)}</th>' for column in matrix.columns)
    legend = "".join(f'<li>{text(column.label)}</li>' for column in matrix.columns
                     if column.short != column.label)
    body = []
    for row in matrix.rows:
        cells = "".join(
            f"<td>{text(cell.shown)}<svg aria-hidden=\"true\"><rect width=\"{cell.share * 100:.1f}%\" "
            f"height=\"6\" fill=\"{SERIES_COLOURS[2]}\"/></svg></td>" for cell in row.cells)
        corner = f' class="corner-{row.corner}"' if row.corner else ""
        body.append(f'<tr><th dir="auto"{corner}>{text(row.label)}</th>{cells}</tr>')
    return (f'<figure class="matrix">{_caption(matrix)}<table class="matrix"><thead><tr>'
            f'<th>{text(_("report.gap.role", lang))}</th>{head}</tr></thead><tbody>{"".join(body)}</tbody>'
            f'</table><ul class="legend">{legend}</ul>{_corner_legend(matrix, lang)}</figure>')


def _corner_legend(matrix: Matrix, lang: str) -> str:
    """What the coloured mark beside each role means (colour is never the only sign: the words say it)."""
    corners = [corner for corner in CORNER_COLOURS if any(row.corner == corner for row in matrix.rows)]
    if not corners:
        return ""
    items = "".join(f'<li class="corner-{corner}">{text(_(f"report.corner.{corner}", lang))}</li>'
                    for corner in corners)
    return f'<p class="corners">{text(_("report.corner.legend", lang))}</p><ul class="legend corners">{items}</ul>'


def _stories(report: Report) -> str:
    lang = report.lang
    if not report.stories:
        return ""
    articles = "".join(_story(story, lang) for story in report.stories)
    return f'<section class="tables"><h2>{text(_("report.tables.title", lang))}</h2>{articles}</section>'


def _story(story: Story, lang: str) -> str:
    heading = _("report.story.heading", lang, table=story.table_label, round=story.round, case=story.case_label)
    parts = [f'<article class="story" style="border-left-color:{text(story.colour)}"><h3 dir="auto">'
             f'{_swatch(story.colour)}{text(heading)}</h3>',
             f'<p dir="auto"><strong>{text(_("report.story.seats", lang))}</strong> {text(", ".join(story.seats))}</p>']
    if story.map:
        parts.append(_map(story, lang))
    if story.path:
        steps = "".join(f'<li>{text(step.decision)}: {text(step.option)}</li>' for step in story.path)
        parts.append(f'<p><strong>{text(_("report.story.path", lang))}</strong></p><ol>{steps}</ol>')
    parts += [_votes(decision, lang) for decision in story.decisions]
    if story.ending:
        parts.append(f'<p dir="auto"><strong>{text(_("report.story.ending", lang))}</strong> {text(story.ending)}</p>')
    elif story.plan == KORT:
        parts.append(f'<p class="muted">{text(_("report.story.short_round", lang))}</p>')
    leading = ", ".join(story.leading_values) or _("report.story.none", lang)
    parts.append(f'<p dir="auto"><strong>{text(_("report.story.leading", lang))}</strong> {text(leading)}</p>')
    if story.notes:
        notes = "".join(f'<li><span dir="auto">{text(note)}</span></li>' for note in story.notes)
        parts.append(f'<p><strong>{text(_("report.story.notes", lang))}</strong></p><ul class="notes">{notes}</ul>')
    else:
        parts.append(f'<p class="muted">{text(_("report.story.no_notes", lang))}</p>')
    if not story.finished:
        parts.append(f'<p class="muted">{text(_("report.story.unfinished", lang))}</p>')
    parts.append("</article>")
    return "".join(parts)


def _swatch(colour: str) -> str:
    return f'<span class="swatch" style="background:{text(colour)}" aria-hidden="true"></span>' if colour else ""


def _overview(report: Report) -> str:
    """Per case, a row per table round: its way (or its most voted option in a short round), ending, values, points."""
    lang = report.lang
    if not report.stories:
        return ""
    head = "".join(f"<th>{text(_(key, lang))}</th>" for key in (
        "report.overview.table", "report.overview.way", "report.overview.leading", "report.overview.points"))
    tables = []
    for case_label, stories in report.by_case():
        rows = "".join(
            f'<tr><td dir="auto">{_swatch(story.colour)}{text(story.table_label)} '
            f'<span class="muted">({text(_("report.round", lang, round=story.round))})</span></td>'
            f'<td dir="auto">{text(way(story, lang))}</td>'
            f'<td dir="auto">{text(", ".join(story.leading_values) or _("report.story.none", lang))}</td>'
            f'<td>{len(story.notes)}</td></tr>' for story in stories)
        tables.append(f'<h3 dir="auto">{text(case_label)}</h3><table class="overview"><thead><tr>{head}</tr></thead>'
                      f'<tbody>{rows}</tbody></table>')
    return f'<section class="overview"><h2>{text(_("report.overview.title", lang))}</h2>{"".join(tables)}</section>'


def _map(story: Story, lang: str) -> str:
    """The case's map as inline SVG: every way in grey, the table's in its colour, its nodes filled."""
    shown, width, height = story.map, 400, 40 + 34 * story.map.rows
    def at(node_id: str) -> tuple[float, float]:
        fx, fy = shown.place(shown.node(node_id))
        return 20 + fx * (width - 40), 12 + fy * (height - 24)
    steps = set(story.steps)
    lines = []
    for start, end in shown.edges:
        (x1, y1), (x2, y2) = at(start), at(end)
        on_route = (start, end) in steps
        lines.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" '
                     f'stroke="{text(story.colour) if on_route else "#bbb"}" stroke-width="{6 if on_route else 2}"/>')
    for node in shown.nodes:
        x, y = at(node.id)
        fill = text(story.colour) if node.id in story.visited else "#fff"
        title = f"<title>{text(story.titles.get(node.id, node.id))}</title>"
        tag, where = (("rect", f'x="{x - 9:.0f}" y="{y - 9:.0f}" width="18" height="18"') if node.ending
                      else ("circle", f'cx="{x:.0f}" cy="{y:.0f}" r="9"'))
        lines.append(f'<{tag} {where} fill="{fill}" stroke="#333" stroke-width="2">{title}</{tag}>')
    label = text(_("report.story.map", lang, table=story.table_label))
    return (f'<svg class="map" viewBox="0 0 {width} {height}" role="img" aria-label="{label}">'
            f'{"".join(lines)}</svg>')


def _votes(decision: StoryDecision, lang: str) -> str:
    """A table's votes at one decision: each option's first vote (and after exploring), the followed one marked."""
    after = f"<th>{text(_('report.series.after', lang))}</th>" if decision.revoted else ""
    rows = "".join(
        f'<tr class="{"followed" if option.followed else ""}"><td dir="auto">{text(option.label)}'
        f'{" ✓ " + text(_("report.story.followed", lang)) if option.followed else ""}</td>'
        f'<td class="count">{option.first}</td>'
        f'{f"<td class=count>{option.final}</td>" if decision.revoted else ""}</tr>' for option in decision.options)
    return (f'<table class="votes"><caption dir="auto">{text(_("report.story.votes", lang, decision=decision.title))}'
            f'</caption><thead><tr><th></th><th>{text(_("report.series.before", lang))}</th>{after}</tr></thead>'
            f'<tbody>{rows}</tbody></table>')


def _minds(report: Report) -> str:
    lang = report.lang
    if not report.stories:
        return ""
    blocks = "".join(_minds_block(block, lang) for block in report.minds) or \
        f'<p class="muted">{text(_("report.minds.none", lang))}</p>'
    return (f'<section class="minds"><h2>{text(_("report.minds.title", lang))}</h2>'
            f'<p>{text(_("report.minds.intro", lang))}</p>{blocks}</section>')


def _minds_block(block: MindsBlock, lang: str) -> str:
    lines = "".join(f'<li dir="auto">{text(line)}</li>' for line in block.lines)
    legend = "".join(f'<li dir="auto">{text(label)}</li>' for label in block.legend)
    summary = n_("report.minds.summary", block.changed, lang, asked=block.asked)
    return (f'<figure><figcaption><strong dir="auto">{text(block.decision)} · {text(block.case_label)}</strong>'
            f'<span>{text(summary)}</span></figcaption>{_minds_picture(block, lang)}<ul class="minds">{lines}</ul>'
            f'<ul class="legend">{legend}</ul></figure>')


def _minds_picture(block: MindsBlock, lang: str) -> str:
    """First votes on the left, votes after exploring on the right: a grey band for those who stayed, an orange
    one for those who moved, as thick as the number of players."""
    row, box, gap = 30, 150, 120
    rows = {letter: number for number, (letter, _first, _final) in enumerate(block.columns)}
    parts = [f'<text x="0" y="12">{text(_("report.series.before", lang))}</text>',
             f'<text x="{box + gap}" y="12">{text(_("report.series.after", lang))}</text>']
    stays = {letter: first - sum(count for before, _after, count in block.moves if before == letter)
             for letter, first, _final in block.columns}
    bands = [(letter, letter, count, "#8A8478") for letter, count in stays.items() if count > 0]
    bands += [(before, after, count, SERIES_COLOURS[1]) for before, after, count in block.moves]
    for before, after, count, colour in bands:
        parts.append(f'<line x1="{box}" y1="{30 + rows[before] * row}" x2="{box + gap}" y2="{30 + rows[after] * row}"'
                     f' stroke="{colour}" stroke-width="{min(14, 3 * count)}"/>')
    for number, (letter, first, final) in enumerate(block.columns):
        y = 18 + number * row
        for x, count in ((0, first), (box + gap, final)):
            parts.append(f'<rect x="{x}" y="{y}" width="{box}" height="{row - 6}" fill="#fff" stroke="#8A8478"/>'
                         f'<text x="{x + 6}" y="{y + 17}">{text(letter)}  {count}</text>')
    height = 18 + len(block.columns) * row
    return (f'<svg class="minds" viewBox="0 0 {2 * box + gap} {height}" role="img" '
            f'aria-label="{text(_("report.minds.title", lang))}">{"".join(parts)}</svg>')


def _highlights(report: Report) -> str:
    if not report.highlights:
        return ""
    items = "".join(f'<h3>{text(item.title)}</h3><p dir="auto">{text(item.text)}</p>' for item in report.highlights)
    return f'<section class="highlights"><h2>{text(_("report.highlights.title", report.lang))}</h2>{items}</section>'
