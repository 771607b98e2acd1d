"""The round's close: the table records the values that led it and its points for the plenary, reads the ending
it reached (story, background facts, its own writing), and takes it all to the plenary."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, NamedTuple

from game.engine import RecordValues
from game.i18n import _, n_
from game.ui.cards import value_names
from game.ui.page import BUTTON_H, PARAGRAPH, Box, Page, escape
from game.ui.scenes.round.parts import tabs, toggled, value_grid

if TYPE_CHECKING:
    from game.ui.scenes.table import RoundScene


class Part(NamedTuple):
    """One tab of the ending: its name, the catalog id of its label, and what builds it in a box."""

    name: str
    label: str
    build: Callable[["RoundScene", Page, Box], None]


def record(scene: "RoundScene", page: Page) -> None:
    """Two tabs: the leading values, and the discussion points the scribe types."""
    view = scene.view
    row, rest = page.content.top(BUTTON_H)
    beside = tabs(page, row, [(text, lambda t=tab: scene.show(tab=t), view.tab == tab, f"tab:{tab}")
                              for tab, text in (("values", _("ui.record.values_tab")),
                                                ("notes", _("ui.record.notes_tab")))])
    if view.tab == "values":
        ask = escape(_("ui.record.ask"))
        if page.fits(ask, beside):
            page.text(ask, beside.x, beside.y, beside.w, beside.h)
        else:
            rest = page.paragraph(ask, rest)
        value_grid(scene, page, rest, scene.round.leading_values, lambda value: _toggle_leading(scene, value))
    else:
        scene.notes.build(page, rest)
    next_step = "ui.record.next" if scene.state.plan == "lang" else "ui.record.to_plenary"
    scene.footer(page, [(_(next_step), scene.advance)])


def _toggle_leading(scene: "RoundScene", value: str) -> None:
    scene.send(RecordValues(toggled(scene, scene.round.leading_values, value)))


def plenary(scene: "RoundScene", page: Page) -> None:
    """The table joins the room: what it takes along (its leading values and points); in the short plan
    also the background facts, which the table did not read in an ending."""
    r = scene.round
    values = value_names(scene.app.library, scene.case, r.leading_values, scene.lang) or _("ui.plenary.no_values")
    parts = [escape(_("ui.plenary.take_along")),
             f"<b>{escape(_('ui.plenary.values'))}</b> {escape(values)}",
             f"<b>{escape(_('ui.plenary.points'))}</b> " + escape(n_("ui.plenary.point_count", len(r.notes)))
             + "".join(f"<br>- {escape(note.text)}" for note in r.notes)]  # read back to the room as written
    box = page.content
    if scene.state.plan == "kort" and scene.case.facts:
        row, box = box.top(BUTTON_H)
        tabs(page, row, [(text, lambda i=index: _turn_to(scene, i), index == scene.view.ending_page, None)
                         for index, text in enumerate((_("ui.plenary.take_along_tab"), _("ui.ending.facts")))])
    markup = _facts(scene) if scene.view.ending_page == 1 else PARAGRAPH.join(parts)
    scene.read(page, markup, box)
    last = r.number == len(scene.state.cases)
    scene.footer(page, [(_("ui.ending.finish") if last else _("ui.ending.next_round"), scene.advance)],
                 case_button=False)


def ending(scene: "RoundScene", page: Page) -> None:
    """The ending the path reached, in the mode's tabs; the way on is the mode's (to the plenary, or finished)."""
    mode, view = scene.mode, scene.view
    row, box = page.content.top(BUTTON_H)
    tabs(page, row, [(_(part.label), lambda i=index: _turn_to(scene, i), index == view.ending_page,
                      f"ending:{part.name}") for index, part in enumerate(mode.ending_parts)])
    mode.ending_parts[view.ending_page].build(scene, page, box)
    scene.footer(page, [(_(mode.finish), scene.advance)])


def _turn_to(scene: "RoundScene", index: int) -> None:
    scene.show(ending_page=index, reading_page=0)


def _story(scene: "RoundScene", page: Page, box: Box) -> None:
    ending_ = scene.case.endings[scene.round.ending]
    scene.read(page, f"<b>{escape(ending_.title)}</b><br>{escape(ending_.text)}<br><br>{questions(scene)}", box)


def questions(scene: "RoundScene") -> str:
    """The ending's reflection questions, numbered, under their heading."""
    ending_ = scene.case.endings[scene.round.ending]
    numbered = "<br>".join(f"{n}. {escape(q)}" for n, q in enumerate(ending_.reflection, start=1))
    return f"<b>{escape(_('ui.ending.questions'))}</b><br>{numbered}"


def _facts(scene: "RoundScene") -> str:
    if not scene.case.facts:
        return escape(_("ui.ending.no_facts"))
    return "<br><br>".join(f"<b>{escape(f.title)}</b><br>{escape(f.text)}<br><i>{escape(f.source)}</i>"
                           for f in scene.case.facts)


STORY = Part("story", "ui.ending.story", _story)
FACTS = Part("facts", "ui.ending.facts", lambda scene, page, box: scene.read(page, _facts(scene), box))
NOTES = Part("notes", "ui.ending.notes", lambda scene, page, box: scene.notes.build(page, box))
