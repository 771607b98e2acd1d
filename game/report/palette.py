"""The colours of every chart, in the report and on the plenary screen.

Okabe-Ito colours stay distinguishable with every common colour-vision deficiency; a
chart still never relies on colour alone (every bar carries its number).
"""
from __future__ import annotations

# blue, orange, bluish green: one colour per series (first vote | after exploring), on a light page
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73")
# the same hues for a black page (high contrast): sky blue instead of the dark blue
SERIES_COLOURS_ON_DARK = ("#56B4E9", "#E69F00", "#009E73")

# a table's own colour where its log names none (older logs): Okabe-Ito hues, in this order per table
TABLE_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")

# the three corners of the collaboration triangle, the same on the table screen, the plenary, the report and the
# printed cards; marks and borders only (never text), so 4.5:1 against the page is enough
CORNER_COLOURS = {"resident": "#0072B2", "family": "#007A57", "team": "#B34700"}
# the same corners on a black page (high contrast)
CORNER_COLOURS_ON_DARK = {"resident": "#56B4E9", "family": "#00E0A0", "team": "#FF8C40"}


def corner_css(selector: str, rule: str) -> str:
    """One CSS rule per corner: ``selector`` and ``rule`` with ``{corner}`` and ``{colour}`` filled in."""
    return "\n".join(selector.format(corner=corner) + " { " + rule.format(colour=colour) + " }"
                     for corner, colour in CORNER_COLOURS.items())
