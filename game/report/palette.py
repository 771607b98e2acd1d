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
